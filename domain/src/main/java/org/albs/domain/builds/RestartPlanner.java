package org.albs.domain.builds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.albs.domain.platform.Arch;

/**
 * Which failed tasks of a build go back to the queue and in what order (upstream restart-failed and
 * parallel-restart-failed). Tasks are grouped by {@code index} (one group per ref); only groups with a failed task
 * count; excluded and cancelled tasks are never restarted.
 */
public final class RestartPlanner {
    private RestartPlanner() {
    }

    public record Candidate(long id, int index, long platformId, String arch, BuildTaskStatus status) {
    }

    /** Tasks to restart in order, those whose SRPM must be rebuilt, and the dependencies to add. */
    public record RestartPlan(List<Long> restart, Set<Long> clearSrpm, List<long[]> dependencies) {
        public boolean isEmpty() {
            return restart.isEmpty();
        }
    }

    /** One strictly sequential chain through every restarted task, group by group. */
    public static RestartPlan sequential(List<Candidate> tasks) {
        List<Long> restart = new ArrayList<>();
        Set<Long> clear = new HashSet<>();
        List<long[]> deps = new ArrayList<>();
        Long previous = null;
        for (List<Candidate> group : failedGroups(tasks, Comparator.comparingLong(Candidate::id))) {
            boolean allFailed = group.stream().allMatch(c -> c.status() == BuildTaskStatus.FAILED);
            for (Candidate c : group) {
                if (c.status() != BuildTaskStatus.FAILED) {
                    continue;
                }
                restart.add(c.id());
                if (allFailed) {
                    clear.add(c.id());
                }
                if (previous != null) {
                    deps.add(new long[] {c.id(), previous});
                }
                previous = c.id();
            }
        }
        return new RestartPlan(restart, clear, deps);
    }

    /**
     * Groups run in parallel. In a group with nothing completed, the first restarted task (src first) is the head
     * the others wait for; each restarted task also waits for the nearest earlier task of the same platform and arch
     * that is idle after the restart, which keeps the per-arch order of the original plan.
     */
    public static RestartPlan parallel(List<Candidate> tasks) {
        List<Long> restart = new ArrayList<>();
        Set<Long> clear = new HashSet<>();
        List<long[]> deps = new ArrayList<>();
        Map<String, Long> lastIdle = new HashMap<>();
        Comparator<Candidate> srcFirst = Comparator.<Candidate, Boolean>comparing(c -> !c.arch().equals(Arch.SRC))
                .thenComparingLong(Candidate::id);
        for (List<Candidate> group : failedGroups(tasks, srcFirst)) {
            boolean anyCompleted = group.stream().anyMatch(c -> c.status() == BuildTaskStatus.COMPLETED);
            boolean allFailed = group.stream().allMatch(c -> c.status() == BuildTaskStatus.FAILED);
            Long head = null;
            for (Candidate c : group) {
                if (c.status() != BuildTaskStatus.FAILED) {
                    continue;
                }
                restart.add(c.id());
                if (allFailed) {
                    clear.add(c.id());
                }
                if (!anyCompleted) {
                    if (head == null) {
                        head = c.id();
                    } else {
                        deps.add(new long[] {c.id(), head});
                    }
                }
                Long earlier = lastIdle.get(key(c));
                if (earlier != null && (head == null || !head.equals(earlier))) {
                    deps.add(new long[] {c.id(), earlier});
                }
            }
            for (Candidate c : group) {
                if (c.status() == BuildTaskStatus.FAILED || c.status() == BuildTaskStatus.IDLE) {
                    lastIdle.put(key(c), c.id());
                }
            }
        }
        return new RestartPlan(restart, clear, deps);
    }

    private static String key(Candidate c) {
        return c.platformId() + "/" + c.arch();
    }

    private static List<List<Candidate>> failedGroups(List<Candidate> tasks, Comparator<Candidate> inGroup) {
        Map<Integer, List<Candidate>> byIndex = new LinkedHashMap<>();
        tasks.stream()
                .filter(c -> c.status() != BuildTaskStatus.EXCLUDED && c.status() != BuildTaskStatus.CANCELLED)
                .sorted(Comparator.comparingInt(Candidate::index).thenComparingLong(Candidate::id))
                .forEach(c -> byIndex.computeIfAbsent(c.index(), i -> new ArrayList<>()).add(c));
        List<List<Candidate>> groups = new ArrayList<>();
        for (List<Candidate> group : byIndex.values()) {
            if (group.stream().anyMatch(c -> c.status() == BuildTaskStatus.FAILED)) {
                group.sort(inGroup);
                groups.add(group);
            }
        }
        return groups;
    }
}
