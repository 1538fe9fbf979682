package org.albs.domain.builds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.albs.domain.platform.Platform;
import org.junit.jupiter.api.Test;

class BuildPlannerTest {
    static Platform platform(long id, String name, List<String> arches) {
        return new Platform(id, name, "rpm", "rhel", "8", "almalinux", null, null, null, null, arches, null, null,
                Map.of(), null, false, List.of(), List.of());
    }

    static final Platform EL8 = platform(7, "AlmaLinux-8", List.of("i686", "x86_64", "aarch64"));
    static final Platform EL9 = platform(9, "AlmaLinux-9", List.of("x86_64", "aarch64"));

    static BuildTaskRef ref(String url, String gitRef) {
        return new BuildTaskRef(url, gitRef, RefType.GIT_BRANCH, null, null, null);
    }

    static Set<String> edges(BuildPlan plan) {
        Set<String> s = new HashSet<>();
        plan.dependencies().forEach(d -> s.add(d.task() + "->" + d.dependsOn()));
        return s;
    }

    @Test
    void srcFirstThenArchByArchWithI686First() {
        BuildPlan plan = BuildPlanner.plan(List.of(new PlatformTarget(EL8, List.of("x86_64", "i686"), false)),
                List.of(ref("https://g/a.git", "c8"), ref("https://g/b.git", "c8")), null, false);
        assertThat(plan.tasks()).extracting(PlannedTask::arch)
                .containsExactly("src", "src", "i686", "i686", "x86_64", "x86_64");
        assertThat(plan.tasks()).extracting(PlannedTask::index).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(plan.tasks()).extracting(PlannedTask::platformId).containsOnly(7L);
    }

    @Test
    void defaultDependenciesChainSourcesAndEachArch() {
        BuildPlan plan = BuildPlanner.plan(List.of(new PlatformTarget(EL8, List.of("x86_64"), false)),
                List.of(ref("https://g/a.git", "c8"), ref("https://g/b.git", "c8"), ref("https://g/c.git", "c8")),
                null, false);
        // positions: src 0,1,2 ; x86_64 3,4,5
        assertThat(edges(plan)).containsExactlyInAnyOrder(
                "1->0", "2->1", // src chain
                "3->0", "4->1", "4->3", "5->2", "5->4"); // each arch task waits for its src and the previous one
    }

    @Test
    void independentTasksWaitOnlyForTheirSource() {
        BuildPlan plan = BuildPlanner.plan(List.of(new PlatformTarget(EL8, List.of("x86_64", "i686"), true)),
                List.of(ref("https://g/a.git", "c8"), ref("https://g/b.git", "c8")), null, false);
        // src 0,1 ; i686 2,3 ; x86_64 4,5
        assertThat(edges(plan)).containsExactlyInAnyOrder("2->0", "3->1", "4->0", "5->1");
    }

    @Test
    void indexIsSharedAcrossPlatformsAndThereAreNoCrossArchOrCrossPlatformEdges() {
        BuildPlan plan = BuildPlanner.plan(List.of(new PlatformTarget(EL8, List.of("x86_64"), false),
                        new PlatformTarget(EL9, List.of("aarch64"), false)),
                List.of(ref("https://g/a.git", "c8")), null, false);
        assertThat(plan.tasks()).extracting(t -> t.platformId() + "/" + t.arch() + "/" + t.index())
                .containsExactly("7/src/0", "7/x86_64/0", "9/src/0", "9/aarch64/0");
        assertThat(edges(plan)).containsExactlyInAnyOrder("1->0", "3->2");
    }

    @Test
    void minorReleaseGitRefSetsDistUnlessTheUserDid() {
        BuildTaskRef tagged = ref("https://g/a.git", "imports/c8-el8_6/a-1.0");
        assertThat(BuildPlanner.taskMockOptions(tagged, null)).isEqualTo(Map.of("definitions", Map.of("dist", ".el8_6")));
        assertThat(BuildPlanner.taskMockOptions(ref("https://g/a.git", "c8"), null))
                .isEqualTo(Map.of("definitions", Map.of()));
        BuildTaskRef own = new BuildTaskRef("https://g/a.git", "c8-el8_6", RefType.GIT_TAG, null,
                Map.of("definitions", Map.of("dist", ".mine")), null);
        assertThat(BuildPlanner.taskMockOptions(own, null)).isEqualTo(Map.of("definitions", Map.of("dist", ".mine")));
        assertThat(BuildPlanner.taskMockOptions(tagged, Map.of("definitions", Map.of("dist", ".build"))))
                .isEqualTo(Map.of("definitions", Map.of()));
    }
}
