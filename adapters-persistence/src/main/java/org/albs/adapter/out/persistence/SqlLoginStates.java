package org.albs.adapter.out.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.LoginStates;

/** Used browser-login states: the primary key makes "use once" hold across instances. */
@ApplicationScoped
public class SqlLoginStates implements LoginStates {
    private final Jdbc jdbc;

    public SqlLoginStates(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public boolean useOnce(String stateId, Instant expiresAt, Instant now) {
        jdbc.update("DELETE FROM used_login_states WHERE expires_at < :now", new Jdbc.Args().time("now", now));
        return jdbc.update("INSERT INTO used_login_states (id, expires_at) VALUES (:id, :expires) ON CONFLICT DO NOTHING",
                new Jdbc.Args().str("id", stateId).time("expires", expiresAt)) == 1;
    }
}
