package org.albs.bootstrap.contract;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.albs.application.port.out.AbstractTeamsContractTest;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.bootstrap.support.NoJobWorkersProfile;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.domain.team.Team;

/** The teams port's contract on PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@TestProfile(NoJobWorkersProfile.class)
class PostgresTeamsContractTest extends AbstractTeamsContractTest {
    @Inject
    AdapterPorts real;
    @Inject
    Teams teams;

    @Override
    protected Teams teams() {
        return teams;
    }

    @Override
    protected Users users() {
        return real.users;
    }

    @Override
    protected Transactions transactions() {
        return real.tx;
    }

    /** Until the products API sets it, a product's team is written here directly. */
    @Override
    protected long attachProduct(Team team, String productName) {
        try (var c = real.db.getConnection(); var s = c.prepareStatement("INSERT INTO products (name, owner_id,"
                + " created_at, team_id) VALUES (?, ?, now(), ?) RETURNING id")) {
            s.setString(1, productName);
            s.setLong(2, team.owner().value());
            s.setLong(3, team.id());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
