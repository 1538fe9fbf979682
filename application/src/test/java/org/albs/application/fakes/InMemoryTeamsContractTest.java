package org.albs.application.fakes;

import org.albs.application.port.out.AbstractTeamsContractTest;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.team.Team;
import org.albs.domain.team.TeamProduct;

class InMemoryTeamsContractTest extends AbstractTeamsContractTest {
    private final ImmediateTransactions tx = new ImmediateTransactions();
    private final InMemoryUsers users = new InMemoryUsers(tx);
    private final InMemoryTeams teams = new InMemoryTeams(tx);
    private long nextProduct = 1;

    @Override
    protected Teams teams() {
        return teams;
    }

    @Override
    protected Users users() {
        return users;
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }

    @Override
    protected long attachProduct(Team team, String productName) {
        long id = nextProduct++;
        teams.attachProduct(team.id(), new TeamProduct(id, productName, null));
        return id;
    }
}
