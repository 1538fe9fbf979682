package org.albs.bootstrap.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.Transactions;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.junit.jupiter.api.Test;

/**
 * {@code platforms.version} counts every change of a platform, of its repository links and of its repositories
 * (dispatch caches platforms by it): each change adds exactly one, also when it was computed from a copy read before
 * another transaction's change, so two different states never carry the same number.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class PlatformVersionTest {
    @Inject
    Platforms platforms;
    @Inject
    Repositories repositories;
    @Inject
    Transactions tx;
    @Inject
    AgroalDataSource db;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anInsertCountsOneChangeOverTheColumnDefault() throws SQLException {
        Platform p = insert("AlmaLinux-9", List.of());

        assertThat(version(p)).isEqualTo(2);
    }

    @Test
    void everyUpdateCountsOneChange() throws SQLException {
        Repository a = upsert("A");
        Repository b = upsert("B");
        Platform p = insert("AlmaLinux-9", List.of(a, b));

        Platform reordered = tx.inTransaction(() -> platforms.update(with(p, List.of(b, a))));
        assertThat(version(p)).isEqualTo(3);
        Platform unchanged = tx.inTransaction(() -> platforms.update(reordered));

        assertThat(version(p)).isEqualTo(4);
        assertThat(unchanged.repositories()).extracting(Repository::id).containsExactly(b.id(), a.id());
    }

    @Test
    void anUpsertCountsAChangeOfEveryPlatformLinkingTheRepository() throws SQLException {
        Repository a = upsert("A");
        Platform first = insert("AlmaLinux-9", List.of(a));
        Platform second = insert("AlmaLinux-8", List.of(upsert("B"), a));
        Platform other = insert("AlmaLinux-10", List.of(upsert("C")));

        upsert("A");

        assertThat(version(first)).isEqualTo(3);
        assertThat(version(second)).isEqualTo(3);
        assertThat(version(other)).isEqualTo(2);
    }

    @Test
    void anUpdateComputedFromAnOlderReadCountsOnTopOfTheCommittedChange() throws Exception {
        Platform p = insert("AlmaLinux-9", List.of(upsert("A")));

        changeAfterAnotherTransactionChanged(p, () -> platforms.update(p));

        assertThat(version(p)).isEqualTo(4);
    }

    @Test
    void anUpsertAfterAnOlderReadCountsOnTopOfTheCommittedChange() throws Exception {
        Platform p = insert("AlmaLinux-9", List.of(upsert("A")));

        changeAfterAnotherTransactionChanged(p, () -> repositories.upsert(repository("A")));

        assertThat(version(p)).isEqualTo(4);
    }

    /**
     * Reads the platform in a transaction, lets another transaction update it and commit, then makes the change
     * in the first transaction.
     */
    private void changeAfterAnotherTransactionChanged(Platform p, Supplier<?> change) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        CompletableFuture<Object> late = CompletableFuture.supplyAsync(() -> tx.inTransaction(() -> {
            platforms.findById(p.id()).orElseThrow();
            read.countDown();
            await(committed);
            return change.get();
        }));
        await(read);
        tx.inTransaction(() -> platforms.update(p));
        committed.countDown();
        late.get(30, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Repository repository(String name) {
        return new Repository(null, name + "-" + suffix, "x86_64", "https://" + name + "/", "rpm", false, 10, false,
                true, null, null, null);
    }

    private Repository upsert(String name) {
        return tx.inTransaction(() -> repositories.upsert(repository(name)));
    }

    private Platform insert(String name, List<Repository> repos) {
        return tx.inTransaction(() -> platforms.insert(new Platform(null, name + "-" + suffix, "rpm", "almalinux",
                "9", "almalinux", null, null, null, null, List.of("x86_64"), null, null, Map.of(), null, false, repos,
                List.of())));
    }

    private static Platform with(Platform p, List<Repository> repos) {
        return new Platform(p.id(), p.name(), p.type(), p.distrType(), p.distrVersion(), p.testDistName(),
                p.contactMail(), p.copyright(), p.pgpKey(), p.priority(), p.archList(), p.copyPriorityArches(),
                p.weakArchList(), p.data(), p.modularity(), p.reference(), repos, p.referencePlatforms());
    }

    private long version(Platform p) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version FROM platforms WHERE id = ?")) {
            ps.setLong(1, p.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
