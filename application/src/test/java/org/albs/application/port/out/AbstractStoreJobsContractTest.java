package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.albs.application.lease.Dispatcher;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StoreJobs} does: the in-memory adapter and the PostgreSQL one run these. Subclasses supply ports
 * over a store where no store job waits or runs, and no worker of their own.
 */
public abstract class AbstractStoreJobsContractTest {
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofMinutes(5), 3);

    protected QueueFixture f;
    private Dispatcher<StoreJob, StoreJobs.AnyJob, StoreJobs.AnyJob> dispatcher;

    protected abstract QueueFixture.Ports ports();

    protected abstract StoreJobs jobs();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
        dispatcher = new Dispatcher<>(jobs(), TERMS);
    }

    private long enqueue(StoreJobKind kind, StoreJob.Subject subject) {
        return f.ports().tx().inTransaction(() -> jobs().enqueue(StoreJob.waiting(kind, subject, T0)));
    }

    private Optional<StoreJob> claim(UserId worker, java.time.Instant now) {
        return f.ports().tx().inTransaction(() -> dispatcher.claim(worker, StoreJobs.AnyJob.INSTANCE, now).leased()
                .map(o -> o.work()));
    }

    private UserId worker() {
        return f.ports().tx().inTransaction(() -> jobs().newWorkerId());
    }

    @Test
    void waitingJobsAreClaimedOldestFirstAndAnExpiredLeaseBeforeThem() {
        long first = enqueue(StoreJobKind.CREATE_REPOSITORIES, StoreJob.Subject.build(1));
        long second = enqueue(StoreJobKind.DELETE_REPOSITORIES, StoreJob.Subject.build(2));
        UserId a = worker();
        UserId b = worker();
        assertThat(a).isNotEqualTo(b);
        assertThat(claim(a, T0).orElseThrow().id()).isEqualTo(first);
        long third = enqueue(StoreJobKind.CREATE_REPOSITORIES, StoreJob.Subject.build(3));
        // a's lease runs out: the next claim takes its job over before the waiting ones
        StoreJob taken = claim(b, T0.plus(Duration.ofMinutes(6))).orElseThrow();
        assertThat(taken.id()).isEqualTo(first);
        assertThat(taken.state().attempt()).isEqualTo(2);
        assertThat(claim(b, T0.plus(Duration.ofMinutes(6))).orElseThrow().id()).isEqualTo(second);
        assertThat(claim(b, T0.plus(Duration.ofMinutes(6))).orElseThrow().id()).isEqualTo(third);
        assertThat(claim(b, T0.plus(Duration.ofMinutes(6)))).isEmpty();
        assertThat(f.ports().tx().inTransaction(() -> jobs().openByKind()))
                .containsEntry(StoreJobKind.CREATE_REPOSITORIES, 2L).containsEntry(StoreJobKind.DELETE_REPOSITORIES, 1L)
                .containsEntry(StoreJobKind.IMPORT_ARTIFACTS, 0L);
    }

    @Test
    void onlyTheHolderOfARunningJobWritesItsSteps() {
        long id = enqueue(StoreJobKind.CREATE_REPOSITORIES, StoreJob.Subject.build(7));
        UserId a = worker();
        UserId b = worker();
        StoreJob job = claim(a, T0).orElseThrow().started("repository:x", "/pulp/api/v3/tasks/1/");
        assertThat(f.ports().tx().inTransaction(() -> jobs().saveSteps(job, b))).isFalse();
        assertThat(f.ports().tx().inTransaction(() -> jobs().saveSteps(job, a))).isTrue();
        StoreJob stored = f.ports().tx().inTransaction(() -> jobs().find(id)).orElseThrow();
        assertThat(stored.startedOperation("repository:x")).contains("/pulp/api/v3/tasks/1/");
        StoreJob takenOver = claim(b, T0.plus(Duration.ofMinutes(6))).orElseThrow();
        assertThat(takenOver.startedOperation("repository:x")).as("the steps go with the job")
                .contains("/pulp/api/v3/tasks/1/");
        assertThat(f.ports().tx().inTransaction(() -> jobs().saveSteps(job.done("repository:x"), a)))
                .as("the worker that lost it").isFalse();
        f.ports().tx().run(() -> jobs().save(takenOver.finish(b, null, T0.plus(Duration.ofMinutes(7)))));
        assertThat(f.ports().tx().inTransaction(() -> jobs().saveSteps(takenOver, b))).as("ended").isFalse();
        assertThat(f.ports().tx().inTransaction(() -> jobs().find(id)).orElseThrow().status())
                .isEqualTo(StoreJobStatus.DONE);
    }

    @Test
    void aRefIsFinalizedOnceWhenAllItsTasksOnThePlatformEndedAndNoImportIsOpen() {
        User owner = f.user("owner");
        User node = f.user("node");
        Platform el = f.platform("EL", "x86_64", "i686");
        QueueFixture.SeededBuild b = f.build(owner, el, List.of("x86_64", "i686"), true, "bash");
        long src = b.task("src", 0);
        long x86 = b.task("x86_64", 0);
        long i686 = b.task("i686", 0);
        f.run(node, src, T0);
        f.run(node, x86, T0);
        long x86Import = enqueue(StoreJobKind.IMPORT_ARTIFACTS, StoreJob.Subject.task(b.id(), x86));
        f.ports().tx().run(() -> jobs().enqueueFinalizationWhenSettled(x86, T0));
        assertThat(finalizations(b.id())).as("the i686 task is still idle").isZero();

        f.claim(node, i686, T0);
        f.finish(node, i686, NodeOutcome.FAILED, T0);
        f.ports().tx().run(() -> jobs().enqueueFinalizationWhenSettled(i686, T0));
        assertThat(finalizations(b.id())).as("x86_64's import is still waiting").isZero();

        UserId w = worker();
        StoreJob running = claim(w, T0).orElseThrow();
        assertThat(running.id()).isEqualTo(x86Import);
        f.ports().tx().run(() -> {
            jobs().save(running.finish(w, null, T0));
            jobs().enqueueFinalizationWhenSettled(x86, T0);
        });
        f.ports().tx().run(() -> jobs().enqueueFinalizationWhenSettled(i686, T0));
        assertThat(finalizations(b.id())).as("once").isEqualTo(1);
        StoreJob fin = f.ports().tx().inTransaction(() -> jobs().page(Optional.empty(),
                Optional.of(StoreJobKind.FINALIZE_INDEX), Optional.of(b.id()), 0, 10)).get(0);
        assertThat(fin.subject()).isEqualTo(StoreJob.Subject.index(b.id(), el.id(), 0));
    }

    private long finalizations(long buildId) {
        return f.ports().tx().inTransaction(() -> jobs().count(Optional.empty(),
                Optional.of(StoreJobKind.FINALIZE_INDEX), Optional.of(buildId)));
    }

    @Test
    void pagesAreNewestFirstAndFiltered() {
        long a = enqueue(StoreJobKind.CREATE_REPOSITORIES, StoreJob.Subject.build(41));
        long b = enqueue(StoreJobKind.DELETE_REPOSITORIES, StoreJob.Subject.build(41));
        long c = enqueue(StoreJobKind.CREATE_REPOSITORIES, StoreJob.Subject.build(42));
        List<StoreJob> page = f.ports().tx().inTransaction(() -> jobs().page(Optional.of(StoreJobStatus.WAITING),
                Optional.empty(), Optional.of(41L), 0, 10));
        assertThat(page).extracting(StoreJob::id).containsExactly(b, a);
        assertThat(f.ports().tx().inTransaction(() -> jobs().page(Optional.empty(),
                Optional.of(StoreJobKind.CREATE_REPOSITORIES), Optional.empty(), 0, 1))).extracting(StoreJob::id)
                .containsExactly(c);
        assertThat(f.ports().tx().inTransaction(() -> jobs().count(Optional.of(StoreJobStatus.DONE),
                Optional.empty(), Optional.of(41L)))).isZero();
    }
}
