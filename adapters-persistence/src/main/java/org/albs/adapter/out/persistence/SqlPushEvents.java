package org.albs.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.PushEvents;
import org.albs.domain.sources.GitPush;

/**
 * Recorded tag pushes. {@code INSERT … ON CONFLICT DO NOTHING} on the unique (repository, tag, commit): a second
 * transaction inserting the same push waits for the first and then inserts nothing, on any instance.
 */
@ApplicationScoped
public class SqlPushEvents implements PushEvents {
    private final Jdbc jdbc;

    public SqlPushEvents(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public boolean record(GitPush push, Instant now) {
        return jdbc.update("""
                INSERT INTO push_events (repository, tag, commit_hash, received_at)
                VALUES (:repository, :tag, :commit, :now)
                ON CONFLICT ON CONSTRAINT push_events_once DO NOTHING""", key(push).time("now", now)) == 1;
    }

    @Override
    public void attachBuild(GitPush push, long buildId) {
        jdbc.update("UPDATE push_events SET build_id = :build WHERE repository = :repository AND tag = :tag"
                + " AND commit_hash = :commit", key(push).lng("build", buildId));
    }

    @Override
    public Optional<Long> buildOf(GitPush push) {
        List<Long> ids = jdbc.query("SELECT build_id FROM push_events WHERE repository = :repository AND tag = :tag"
                + " AND commit_hash = :commit", key(push), rs -> Jdbc.getLong(rs, 1));
        return ids.isEmpty() ? Optional.empty() : Optional.ofNullable(ids.get(0));
    }

    private static Jdbc.Args key(GitPush push) {
        return new Jdbc.Args().str("repository", push.repository()).str("tag", push.tag())
                .str("commit", push.commit());
    }
}
