package org.albs.domain.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.albs.domain.artifacts.IndexFinalization.RepositoryChange;
import org.albs.domain.artifacts.IndexFinalization.TaskPackages;
import org.junit.jupiter.api.Test;

class IndexFinalizationTest {
    private static final List<String> ORDER = List.of("i686", "x86_64", "aarch64");

    private static ImportedPackage pkg(String name, String arch, String handle) {
        return new ImportedPackage(name + "-1.0-1.el9." + arch + ".rpm", new StoredContent(handle, "0".repeat(64),
                new PackageMeta(name, "0", "1.0", "1.el9", arch, "src-1.0-1.el9.src.rpm")));
    }

    @Test
    void theNoarchCopyOfTheFirstArchInThePlatformsOrderReplacesTheOthersWhateverOrderTheRowsCameIn() {
        List<TaskPackages> tasks = List.of(
                new TaskPackages(3, "aarch64", true, List.of(pkg("doc", "noarch", "/c/doc-a/"),
                        pkg("lib", "aarch64", "/c/lib-a/"))),
                new TaskPackages(2, "x86_64", true, List.of(pkg("doc", "noarch", "/c/doc-x/"),
                        pkg("lib", "x86_64", "/c/lib-x/"))),
                new TaskPackages(1, "i686", true, List.of(pkg("doc", "noarch", "/c/doc-i/"),
                        pkg("lib", "i686", "/c/lib-i/"))));
        Map<String, RepositoryChange> plan = IndexFinalization.plan("EL", 5, ORDER, tasks, Map.of()).changes();
        assertThat(plan).containsOnlyKeys("EL-x86_64-5-br", "EL-aarch64-5-br");
        assertThat(plan.get("EL-x86_64-5-br")).isEqualTo(new RepositoryChange(Set.of("/c/doc-i/"), Set.of("/c/doc-x/")));
        assertThat(plan.get("EL-aarch64-5-br")).isEqualTo(new RepositoryChange(Set.of("/c/doc-i/"), Set.of("/c/doc-a/")));
        IndexFinalization.Plan whole = IndexFinalization.plan("EL", 5, ORDER, tasks, Map.of());
        assertThat(whole.adopted()).as("the tasks whose copy was replaced carry the canonical one")
                .containsOnlyKeys(2L, 3L);
        assertThat(whole.adopted().get(3L)).extracting(ImportedPackage::contentHandle).containsExactly("/c/doc-i/");
    }

    @Test
    void failedTasksNeitherGiveNorReceiveAndAMissingCopyIsAdded() {
        List<TaskPackages> tasks = List.of(
                new TaskPackages(1, "i686", false, List.of(pkg("doc", "noarch", "/c/doc-i/"))),
                new TaskPackages(2, "x86_64", true, List.of(pkg("doc", "noarch", "/c/doc-x/"))),
                new TaskPackages(3, "aarch64", true, List.of(pkg("lib", "aarch64", "/c/lib-a/"))),
                new TaskPackages(4, "src", true, List.of(pkg("src", "src", "/c/srpm/"))));
        Map<String, RepositoryChange> plan = IndexFinalization.plan("EL", 5, ORDER, tasks, Map.of()).changes();
        assertThat(plan).containsOnlyKeys("EL-aarch64-5-br");
        assertThat(plan.get("EL-aarch64-5-br").add()).containsExactly("/c/doc-x/");
        assertThat(plan.get("EL-aarch64-5-br").remove()).isEmpty();
    }

    @Test
    void debugNoarchPackagesGoToTheDebugRepositories() {
        List<TaskPackages> tasks = List.of(
                new TaskPackages(1, "x86_64", true, List.of(pkg("doc-debuginfo", "noarch", "/c/d-x/"))),
                new TaskPackages(2, "aarch64", true, List.of(pkg("doc-debuginfo", "noarch", "/c/d-a/"))));
        Map<String, RepositoryChange> plan = IndexFinalization.plan("EL", 5, ORDER, tasks, Map.of()).changes();
        assertThat(plan).containsOnlyKeys("EL-aarch64-5-debug-br");
    }

    @Test
    void multilibI686PackagesOfTheSameVersionGoToTheX86Repositories() {
        List<TaskPackages> tasks = List.of(
                new TaskPackages(2, "x86_64", true, List.of(pkg("glibc", "x86_64", "/c/g-x/"))),
                new TaskPackages(1, "i686", true, List.of(pkg("glibc", "i686", "/c/g-i/"),
                        pkg("glibc-debuginfo", "i686", "/c/gd-i/"), pkg("glibc-tools", "i686", "/c/gt-i/"),
                        pkg("nscd", "i686", "/c/n-i/"))));
        IndexFinalization.Plan whole = IndexFinalization.plan("EL", 5, ORDER, tasks,
                Map.of("glibc", "1.0", "nscd", "0.9"));
        Map<String, RepositoryChange> plan = whole.changes();
        assertThat(whole.adopted().get(2L)).as("the x86_64 task carries the multilib packages")
                .extracting(ImportedPackage::contentHandle).containsExactly("/c/g-i/", "/c/gd-i/");
        assertThat(plan).containsOnlyKeys("EL-x86_64-5-br", "EL-x86_64-5-debug-br");
        assertThat(plan.get("EL-x86_64-5-br").add()).containsExactly("/c/g-i/");
        assertThat(plan.get("EL-x86_64-5-debug-br").add()).containsExactly("/c/gd-i/");
    }

    @Test
    void noMultilibWithoutACompletedX86TaskOrI686Task() {
        List<TaskPackages> tasks = List.of(
                new TaskPackages(2, "x86_64", true, List.of(pkg("glibc", "x86_64", "/c/g-x/"))),
                new TaskPackages(1, "i686", false, List.of(pkg("glibc", "i686", "/c/g-i/"))));
        IndexFinalization.Plan plan = IndexFinalization.plan("EL", 5, ORDER, tasks, Map.of("glibc", "1.0"));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.adopted()).isEmpty();
    }
}
