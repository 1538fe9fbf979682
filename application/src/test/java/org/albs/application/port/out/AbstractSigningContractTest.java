package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.albs.application.lease.Dispatcher;
import org.albs.domain.ConflictException;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.albs.domain.signing.GenKeyTask;
import org.albs.domain.signing.SignKey;
import org.albs.domain.signing.SignReport;
import org.albs.domain.signing.SignTask;
import org.albs.domain.signing.SignTaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SignKeys}, {@link SignTasks} and {@link GenKeyTasks} does: the in-memory adapters and the
 * PostgreSQL ones run these. Subclasses supply ports over a store where no sign task or key generation is open.
 */
public abstract class AbstractSigningContractTest {
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofHours(2), 2);

    protected QueueFixture f;
    private Dispatcher<SignTask, SignTasks.Criteria, SignTasks.Assignment> dispatcher;
    private Dispatcher<GenKeyTask, GenKeyTasks.AnyNode, GenKeyTask> genKeyDispatcher;

    protected abstract QueueFixture.Ports ports();

    protected abstract SignKeys keys();

    protected abstract SignTasks tasks();

    protected abstract GenKeyTasks genKeys();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
        dispatcher = new Dispatcher<>(tasks(), TERMS);
        genKeyDispatcher = new Dispatcher<>(genKeys(), TERMS);
    }

    private <T> T tx(java.util.function.Supplier<T> work) {
        return f.ports().tx().inTransaction(work);
    }

    private static String hex(int n) {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, n).toUpperCase();
    }

    private SignKey key(String product, List<Long> platforms) {
        long id = tx(() -> keys().insert(new SignKey(0, "k", null, hex(16), hex(40), null, T0, true, null,
                platforms, null, product != null, product)));
        return keys().find(id).orElseThrow();
    }

    @Test
    void keysAreUniqueByKeyidAndFingerprintAndKeepTheirPlatforms() {
        Platform p = f.platform("el9", "x86_64");
        SignKey k = key(null, List.of(p.id()));
        assertThat(k.description()).isEmpty();
        assertThat(k.platformIds()).containsExactly(p.id());
        assertThatThrownBy(() -> tx(() -> keys().insert(new SignKey(0, "dup", "", k.keyid(), hex(40), "", T0, true,
                null, List.of(), null, false, null)))).isInstanceOf(ConflictException.class);
        assertThat(keys().findClash(hex(16), k.fingerprint(), 0)).map(SignKey::id).contains(k.id());
        assertThat(keys().findClash(k.keyid(), k.fingerprint(), k.id())).isEmpty();
        assertThat(tx(() -> keys().missingPlatforms(List.of(p.id(), 987654321L)))).containsExactly(987654321L);
        tx(() -> {
            keys().update(k.archive(T0.plusSeconds(5)));
            return null;
        });
        SignKey archived = keys().find(k.id()).orElseThrow();
        assertThat(archived.active()).isFalse();
        assertThat(archived.archived()).isEqualTo(T0.plusSeconds(5));
        assertThat(archived.platformIds()).containsExactly(p.id());

        String product = "product-" + hex(6);
        SignKey community = key(product, List.of());
        assertThat(tx(() -> keys().lockActiveOfProduct(product))).extracting(SignKey::id)
                .containsExactly(community.id());
    }

    @Test
    void signTasksGoToNodesOfTheirKeyAndAReportedTaskIsNobodyElses() {
        User owner = f.user("owner");
        Platform p = f.platform("el9", "x86_64");
        long build = f.build(owner, p, List.of("x86_64"), true, "pkg").id();
        long other = f.build(owner, p, List.of("x86_64"), true, "pkg2").id();
        SignKey k = key(null, List.of());
        SignKey k2 = key(null, List.of());
        long id = tx(() -> tasks().insert(SignTask.created(0, build, k.id())));
        long id2 = tx(() -> tasks().insert(SignTask.created(0, other, k2.id())));
        assertThatThrownBy(() -> tx(() -> tasks().insert(SignTask.created(0, build, k2.id()))))
                .as("one open task per build").isInstanceOf(ConflictException.class);

        SignTasks.BuildFacts facts = tx(() -> tasks().lockBuild(build)).orElseThrow();
        assertThat(facts.owner()).isEqualTo(owner.id());
        assertThat(facts.signed()).isFalse();
        assertThat(facts.sourceRpms()).isZero();
        assertThat(facts.unfinishedTasks()).isPositive();
        assertThat(facts.openSignTask()).contains(id);
        assertThat(tx(() -> tasks().lockBuild(987654321L))).isEmpty();

        UserId nodeA = f.user("node-a").id();
        UserId nodeB = f.user("node-b").id();
        Optional<SignTask> none = claim(nodeA, List.of(hex(16)), T0);
        assertThat(none).isEmpty();
        SignTask got = claim(nodeA, List.of(k.keyid().toLowerCase()), T0).orElseThrow();
        assertThat(got.id()).isEqualTo(id);
        assertThat(got.status()).isEqualTo(SignTaskStatus.IN_PROGRESS);
        assertThat(claim(nodeB, List.of(k.keyid()), T0.plusSeconds(1))).as("held").isEmpty();
        assertThat(claim(nodeB, List.of(k.keyid(), k2.keyid()), T0).map(SignTask::id)).contains(id2);

        // reported: never taken over nor failed by the sweeper, whatever its lease says
        SignReport report = new SignReport(true, null, List.of(new SignReport.SignedPackage(1L, "a.rpm", "x86_64",
                "rpm", "/h/", hex(40), "a".repeat(64), null)), Map.of("sign_packages_time", 2));
        tx(() -> {
            SignTask locked = tasks().lock(id).orElseThrow();
            tasks().save(locked.receive(nodeA, report, T0.plusSeconds(2)).change());
            return null;
        });
        SignTask reported = tasks().find(id).orElseThrow();
        assertThat(reported.report()).isEqualTo(report);
        assertThat(reported.awaitsProcessing()).isTrue();
        Instant late = T0.plus(Duration.ofHours(9));
        assertThat(claim(nodeB, List.of(k.keyid()), late)).isEmpty();
        assertThat(tx(() -> tasks().lockExhausted(late, 1, 10))).extracting(SignTask::id).doesNotContain(id)
                .contains(id2);
        // the other task's node died: taken over, one attempt later
        SignTask taken = claim(nodeA, List.of(k2.keyid()), late).orElseThrow();
        assertThat(taken.id()).isEqualTo(id2);
        assertThat(taken.state().attempt()).isEqualTo(2);
        assertThat(tasks().page(Optional.of(build), 0, 10)).extracting(SignTask::id).containsExactly(id);
        assertThat(tasks().count(Optional.of(other))).isEqualTo(1);
    }

    private Optional<SignTask> claim(UserId node, List<String> keyIds, Instant now) {
        return tx(() -> dispatcher.claim(node, new SignTasks.Criteria(keyIds), now).leased().map(o -> o.work()));
    }

    @Test
    void keyGenerationsAreTakenOldestFirstByAnyNode() {
        UserId node = f.user("node").id();
        String product = "p-" + hex(6);
        long first = tx(() -> genKeys().insert(GenKeyTask.created("alice", "a@example.com", product, null)));
        long second = tx(() -> genKeys().insert(GenKeyTask.created("bob", "b@example.com", product, null)));
        GenKeyTask got = tx(() -> genKeyDispatcher.claim(node, GenKeyTasks.AnyNode.INSTANCE, T0).leased()).orElseThrow()
                .work();
        assertThat(got.id()).isEqualTo(first);
        assertThat(got.userName()).isEqualTo("alice");
        assertThat(got.productName()).isEqualTo(product);
        assertThat(tx(() -> genKeyDispatcher.claim(node, GenKeyTasks.AnyNode.INSTANCE, T0).leased()).orElseThrow()
                .work().id()).isEqualTo(second);
        assertThat(tx(() -> genKeyDispatcher.claim(node, GenKeyTasks.AnyNode.INSTANCE, T0).leased())).isEmpty();
        tx(() -> {
            GenKeyTask t = genKeys().lock(first).orElseThrow();
            genKeys().save(t.finish(node, true, null, T0));
            return null;
        });
        assertThat(genKeys().find(first).orElseThrow().status()).isEqualTo(SignTaskStatus.COMPLETED);
    }
}
