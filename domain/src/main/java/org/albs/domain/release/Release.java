package org.albs.domain.release;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.albs.domain.identity.UserId;

/**
 * A release: builds (or some of their tasks) going into a platform's production repositories through a plan a person
 * can review and edit. Its status changes only through {@link ReleaseLifecycle}.
 *
 * @param productId           the product it releases into (null: the platform's own production repositories)
 * @param referencePlatformId the platform whose layout the plan follows, when it is not the platform's own reference
 */
public record Release(Long id, ReleaseStatus status, List<Long> buildIds, List<Long> buildTaskIds, long platformId,
                      Long referencePlatformId, Long productId, ReleasePlan plan, UserId owner, Instant createdAt,
                      Instant startedAt, Instant finishedAt) {
    public Release {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(owner, "owner");
        buildIds = List.copyOf(buildIds);
        buildTaskIds = buildTaskIds == null ? List.of() : List.copyOf(buildTaskIds);
    }

    public static Release scheduled(List<Long> buildIds, List<Long> buildTaskIds, long platformId,
                                    Long referencePlatformId, Long productId, ReleasePlan plan, UserId owner,
                                    Instant now) {
        return new Release(null, ReleaseStatus.SCHEDULED, buildIds, buildTaskIds, platformId, referencePlatformId,
                productId, plan, owner, now, null, null);
    }

    public Release withId(long newId) {
        return new Release(newId, status, buildIds, buildTaskIds, platformId, referencePlatformId, productId, plan,
                owner, createdAt, startedAt, finishedAt);
    }

    private long idOrZero() {
        return id == null ? 0 : id;
    }

    private ReleaseStatus next(ReleaseEvent event) {
        return ReleaseLifecycle.next(idOrZero(), status, event);
    }

    /** Its builds, tasks and plan replaced (a new plan for new builds, or a person's edit of the plan). */
    public Release edit(List<Long> newBuildIds, List<Long> newTaskIds, ReleasePlan newPlan) {
        return new Release(id, next(ReleaseEvent.EDIT), newBuildIds, newTaskIds, platformId, referencePlatformId,
                productId, newPlan, owner, createdAt, startedAt, finishedAt);
    }

    /** Its plan is to be carried out by a commit job. */
    public Release commit(Instant now) {
        return new Release(id, next(ReleaseEvent.COMMIT), buildIds, buildTaskIds, platformId, referencePlatformId,
                productId, plan, owner, createdAt, now, null);
    }

    /** What its commit added is to be taken out by a revert job. */
    public Release revert(Instant now) {
        return new Release(id, next(ReleaseEvent.REVERT), buildIds, buildTaskIds, platformId, referencePlatformId,
                productId, plan, owner, createdAt, now, null);
    }

    /** Refused unless it may be deleted. */
    public void requireDeletable() {
        next(ReleaseEvent.DELETE);
    }

    /** Its job ended: every package is in place (or, for a revert, out again), or the job failed with the log. */
    public Release ended(ReleaseEvent outcome, String log, Instant now) {
        if (outcome != ReleaseEvent.COMMIT_DONE && outcome != ReleaseEvent.REVERT_DONE
                && outcome != ReleaseEvent.JOB_FAILED) {
            throw new IllegalArgumentException(outcome + " is not a job's outcome");
        }
        return new Release(id, next(outcome), buildIds, buildTaskIds, platformId, referencePlatformId, productId,
                plan.withLastLog(log), owner, createdAt, startedAt, now);
    }
}
