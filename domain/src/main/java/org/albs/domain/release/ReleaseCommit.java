package org.albs.domain.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What committing a plan changes, decided before anything changes: the plan is refused as a whole (with every reason,
 * naming the packages) when it is empty, when a package is unsigned or signed with a key that is not the platform's,
 * when its package or target repository is gone or not in the artifact store, or when a target already holds another
 * package of the same NEVRA and the plan does not force it. Otherwise each target repository gets its additions (and,
 * for a forced package, the removal of the one it replaces), and what is placed is listed, for the revert. A package
 * whose very content is already in the target is skipped, so a commit that is run again adds nothing twice.
 */
public final class ReleaseCommit {
    /** The artifact a planned package is now: its stored content and the key it is signed with (null: unsigned). */
    public record Artifact(String contentHandle, Long signKeyId) {
    }

    /** A production repository a commit may write to; {@code storeHandle} null: it is not in the artifact store. */
    public record Target(long id, String name, String arch, boolean debug, String storeHandle) {
    }

    /** A package put into a repository by a commit, the unit a revert takes out again. */
    public record Placement(long repositoryId, long artifactId, String contentHandle, String nevra, String fullName) {
    }

    /** What a commit does: refusals (nothing changes), or each repository's change and what it places. */
    public record Outcome(List<String> refusals, Map<Long, Set<String>> additions, Map<Long, Set<String>> removals,
                          List<Placement> placements) {
        public boolean refused() {
            return !refusals.isEmpty();
        }
    }

    private record Key(String name, String arch, boolean debug) {
    }

    private ReleaseCommit() {
    }

    /**
     * @param artifacts   the plan's artifacts as they are now, by id (missing: deleted)
     * @param allowedKeys the sign keys of the platform and of the platforms it may release from
     * @param targets     the platform's production repositories
     * @param present     repository id → NEVRA → the content already there
     */
    public static Outcome prepare(ReleasePlan plan, Map<Long, Artifact> artifacts, Set<Long> allowedKeys,
                                  List<Target> targets, Map<Long, Map<String, String>> present) {
        List<String> refusals = new ArrayList<>();
        if (plan.packages().isEmpty()) {
            refusals.add("the plan has no packages");
        }
        Map<Key, Target> byKey = new LinkedHashMap<>();
        targets.forEach(t -> byKey.putIfAbsent(new Key(t.name(), t.arch(), t.debug()), t));
        List<String> unsigned = new ArrayList<>();
        List<String> wrongKey = new ArrayList<>();
        Map<Long, Set<String>> additions = new LinkedHashMap<>();
        Map<Long, Set<String>> removals = new LinkedHashMap<>();
        List<Placement> placements = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        for (PlannedPackage planned : plan.packages()) {
            ReleasePackage p = planned.pkg();
            Artifact artifact = artifacts.get(p.artifactId());
            if (artifact == null || artifact.contentHandle() == null) {
                refusals.add(p.fullName() + " is no longer stored (its build was deleted or not imported)");
                continue;
            }
            if (checked.add(p.fullName())) {
                if (artifact.signKeyId() == null) {
                    unsigned.add(p.fullName());
                } else if (!allowedKeys.contains(artifact.signKeyId())) {
                    wrongKey.add(p.fullName());
                }
            }
            if (planned.repositories().isEmpty()) {
                refusals.add(p.fullName() + " has no target repository");
                continue;
            }
            TargetRepository repo = planned.repositories().get(0);
            List<String> arches = planned.repoArchLocation().isEmpty() ? List.of(repo.arch())
                    : planned.repoArchLocation();
            for (String arch : arches) {
                Target target = byKey.get(new Key(repo.name(), arch, repo.debug()));
                String where = repo.name() + (repo.debug() ? " (debug)" : "") + " " + arch;
                if (target == null) {
                    refusals.add(p.fullName() + ": the platform has no production repository " + where);
                    continue;
                }
                if (target.storeHandle() == null) {
                    refusals.add(p.fullName() + ": the production repository " + where
                            + " is not in the artifact store (it is only linked to an external URL)");
                    continue;
                }
                String there = present.getOrDefault(target.id(), Map.of()).get(p.nevra());
                if (artifact.contentHandle().equals(there)) {
                    continue;
                }
                if (there != null && !p.force()) {
                    refusals.add("Cannot release " + p.fullName() + " in " + where
                            + ": another package of the same NEVRA is already there and force release is disabled");
                    continue;
                }
                if (there != null) {
                    removals.computeIfAbsent(target.id(), k -> new LinkedHashSet<>()).add(there);
                }
                if (additions.computeIfAbsent(target.id(), k -> new LinkedHashSet<>()).add(artifact.contentHandle())) {
                    placements.add(new Placement(target.id(), p.artifactId(), artifact.contentHandle(), p.nevra(),
                            p.fullName()));
                }
            }
        }
        if (!unsigned.isEmpty()) {
            refusals.add("not signed: " + String.join(", ", unsigned));
        }
        if (!wrongKey.isEmpty()) {
            refusals.add("signed with a key that is not one of the platform's: " + String.join(", ", wrongKey));
        }
        return refusals.isEmpty() ? new Outcome(List.of(), additions, removals, placements)
                : new Outcome(List.copyOf(refusals), Map.of(), Map.of(), List.of());
    }

    /** The removals that undo these placements, per repository. */
    public static Map<Long, Set<String>> undo(List<Placement> placements) {
        Map<Long, Set<String>> removals = new LinkedHashMap<>();
        for (Placement p : placements) {
            removals.computeIfAbsent(p.repositoryId(), k -> new LinkedHashSet<>()).add(
                    Objects.requireNonNull(p.contentHandle()));
        }
        return removals;
    }
}
