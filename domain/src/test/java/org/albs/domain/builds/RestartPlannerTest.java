package org.albs.domain.builds;

import static org.albs.domain.builds.BuildTaskStatus.COMPLETED;
import static org.albs.domain.builds.BuildTaskStatus.EXCLUDED;
import static org.albs.domain.builds.BuildTaskStatus.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.albs.domain.builds.RestartPlanner.Candidate;
import org.albs.domain.builds.RestartPlanner.RestartPlan;
import org.junit.jupiter.api.Test;

class RestartPlannerTest {
    // one platform, two refs; ids as the planner gives them: src 1,2 ; x86_64 3,4 ; aarch64 5,6
    static List<Candidate> build(BuildTaskStatus... s) {
        return List.of(new Candidate(1, 0, 1, "src", s[0]), new Candidate(2, 1, 1, "src", s[1]),
                new Candidate(3, 0, 1, "x86_64", s[2]), new Candidate(4, 1, 1, "x86_64", s[3]),
                new Candidate(5, 0, 1, "aarch64", s[4]), new Candidate(6, 1, 1, "aarch64", s[5]));
    }

    static List<String> deps(RestartPlan plan) {
        return plan.dependencies().stream().map(d -> d[0] + "->" + d[1]).toList();
    }

    @Test
    void sequentialChainsEveryRestartedTaskInIndexOrder() {
        RestartPlan plan = RestartPlanner.sequential(build(COMPLETED, FAILED, FAILED, FAILED, COMPLETED, FAILED));
        assertThat(plan.restart()).containsExactly(3L, 2L, 4L, 6L);
        assertThat(deps(plan)).containsExactly("2->3", "4->2", "6->4");
        assertThat(plan.clearSrpm()).containsExactlyInAnyOrder(2L, 4L, 6L);
    }

    @Test
    void excludedAndCancelledAreNeverRestartedAndCleanBuildsNeedNothing() {
        assertThat(RestartPlanner.sequential(build(COMPLETED, COMPLETED, EXCLUDED, COMPLETED, COMPLETED, COMPLETED))
                .isEmpty()).isTrue();
        RestartPlan plan = RestartPlanner.parallel(build(COMPLETED, COMPLETED, EXCLUDED, FAILED,
                BuildTaskStatus.CANCELLED, COMPLETED));
        assertThat(plan.restart()).containsExactly(4L);
        assertThat(plan.dependencies()).isEmpty();
        assertThat(plan.clearSrpm()).isEmpty();
    }

    @Test
    void parallelMakesTheSourceTheHeadOfAFullyFailedGroup() {
        RestartPlan plan = RestartPlanner.parallel(build(FAILED, FAILED, FAILED, FAILED, FAILED, FAILED));
        assertThat(plan.restart()).containsExactly(1L, 3L, 5L, 2L, 4L, 6L);
        assertThat(deps(plan)).containsExactly(
                "3->1", "5->1", // group 0: src is the head
                "2->1", "4->2", "4->3", "6->2", "6->5"); // group 1: its head, and the same arch of group 0
    }
}
