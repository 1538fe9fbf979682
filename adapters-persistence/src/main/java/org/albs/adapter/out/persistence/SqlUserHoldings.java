package org.albs.adapter.out.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.UserHoldings;
import org.albs.domain.identity.UserId;

/** What a user owns: their builds, and how many are released or signed. */
@ApplicationScoped
public class SqlUserHoldings implements UserHoldings {
    private final Jdbc jdbc;

    public SqlUserHoldings(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public Holdings of(UserId user) {
        record Row(long id, boolean released, boolean signed) {
        }
        List<Row> rows = jdbc.query("SELECT id, released, signed FROM builds WHERE owner_id = :owner ORDER BY id",
                new Jdbc.Args().lng("owner", user.value()),
                rs -> new Row(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3)));
        return new Holdings(rows.stream().map(Row::id).toList(), rows.stream().filter(Row::released).count(),
                rows.stream().filter(Row::signed).count());
    }
}
