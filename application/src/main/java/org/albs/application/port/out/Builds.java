package org.albs.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.domain.builds.BuildPlan;
import org.albs.domain.builds.BuildProgress;
import org.albs.domain.builds.BuildTaskRef;
import org.albs.domain.builds.RestartPlanner;
import org.albs.domain.identity.UserId;

/** Builds as whole objects: creation, ownership, restart candidates, removal. */
public interface Builds {
    /** {@code platformFlavours}: ids of stored flavours, in the order the user chose them. */
    record NewBuild(UserId owner, Map<String, Object> mockOptions, boolean secureBoot, Long productId,
                    List<Long> linkedBuilds, List<Long> platformFlavours) {
        public NewBuild {
            platformFlavours = platformFlavours == null ? List.of() : List.copyOf(platformFlavours);
        }

        /** A build without flavours. */
        public NewBuild(UserId owner, Map<String, Object> mockOptions, boolean secureBoot, Long productId,
                        List<Long> linkedBuilds) {
            this(owner, mockOptions, secureBoot, productId, linkedBuilds, List.of());
        }
    }

    /** {@code productId}: the product the build was created for (its team's roles guard it), null for none. */
    record BuildHeader(long id, UserId owner, boolean released, Instant finishedAt, Long productId) {
    }

    /** Inserts the build, its flavours, refs, tasks (in plan order) and dependencies; returns the build id. */
    long create(NewBuild build, List<BuildTaskRef> refs, BuildPlan plan, Instant now);

    /**
     * Reads the build without locking it: the build row is the last lock of every transaction (see
     * {@link #countOpenTasks}), so callers lock tasks first.
     */
    Optional<BuildHeader> find(long buildId);

    /** The ids among these that are not builds. */
    List<Long> missing(Collection<Long> buildIds);

    /** Every task of the build that restart may consider (read without locks; restart locks what it changes). */
    List<RestartPlanner.Candidate> restartCandidates(long buildId);

    /**
     * Moves the build's count of open tasks (idle or started) by {@code delta} and returns it with the stored finish
     * time, for the domain to settle ({@link BuildProgress}). Callers run it last in their transaction: it locks the
     * build row.
     */
    BuildProgress countOpenTasks(long buildId, int delta);

    /** Stores the finish time the domain decided (null: running again). */
    void setFinishedAt(long buildId, Instant finishedAt);

    /** The names of the products (distributions) the build is in, by name. */
    List<String> productsOf(long buildId);

    /** Locks the build's tasks (waiting for in-flight reports), then removes the build and everything in it. */
    void delete(long buildId);
}
