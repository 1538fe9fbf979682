package org.albs.domain.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.albs.domain.builds.BuiltArtifact;
import org.junit.jupiter.api.Test;

class ImportPlanTest {
    private static BuiltArtifact rpm(String name) {
        return new BuiltArtifact(name, "rpm", "/a/" + name + "/", "0".repeat(64), null);
    }

    private static BuiltArtifact log(String name) {
        return new BuiltArtifact(name, "build_log", "/a/" + name + "/", "1".repeat(64), null);
    }

    @Test
    void packagesGoToTheArchDebugSourceAndLogRepositoriesAsUpstreamRoutesThem() {
        List<ImportPlan.Placement> p = ImportPlan.of("AlmaLinux-9", 7, "x86_64", false, List.of(
                rpm("bash-5.1-1.el9.x86_64.rpm"), rpm("bash-debuginfo-5.1-1.el9.x86_64.rpm"),
                rpm("bash-debugsource-5.1-1.el9.x86_64.rpm"), rpm("bash-doc-5.1-1.el9.noarch.rpm"),
                rpm("bash-5.1-1.el9.src.rpm"), log("albs.11.1767261600.log")));
        assertThat(p).extracting(ImportPlan.Placement::repository).containsExactly(
                "AlmaLinux-9-x86_64-7-br", "AlmaLinux-9-x86_64-7-debug-br", "AlmaLinux-9-x86_64-7-debug-br",
                "AlmaLinux-9-x86_64-7-br", "AlmaLinux-9-src-7-br", "build-7-build_log");
        assertThat(p).extracting(ImportPlan.Placement::kind).containsExactly(ContentKind.RPM, ContentKind.RPM,
                ContentKind.RPM, ContentKind.RPM, ContentKind.RPM, ContentKind.FILE);
    }

    @Test
    void anArchTaskThatBuiltFromTheRefsSrpmDoesNotImportItsOwnCopy() {
        List<ImportPlan.Placement> p = ImportPlan.of("AlmaLinux-9", 7, "aarch64", true, List.of(
                rpm("bash-5.1-1.el9.src.rpm"), rpm("bash-5.1-1.el9.aarch64.rpm")));
        assertThat(p.get(0).imported()).isFalse();
        assertThat(p.get(1).repository()).isEqualTo("AlmaLinux-9-aarch64-7-br");
    }

    @Test
    void aSrcTaskContributesItsFirstSrpmOnly() {
        List<ImportPlan.Placement> p = ImportPlan.of("EL", 3, "src", false, List.of(
                rpm("a-1-1.src.rpm"), rpm("b-1-1.src.rpm"), rpm("a-1-1.x86_64.rpm"), log("mock.log")));
        assertThat(p).extracting(ImportPlan.Placement::repository)
                .containsExactly("EL-src-3-br", null, null, "build-3-build_log");
    }

    @Test
    void debugPackagesAreRecognisedByUpstreamsPattern() {
        assertThat(ImportPlan.isDebug("foo-debuginfo-1-1.x86_64.rpm")).isTrue();
        assertThat(ImportPlan.isDebug("foo-debugsource-1-1.x86_64.rpm")).isTrue();
        assertThat(ImportPlan.isDebug("foo-debuginfo")).isTrue();
        assertThat(ImportPlan.isDebug("foo-debuginfod-client-1-1.x86_64.rpm")).isFalse();
        assertThat(ImportPlan.isDebug("foo-debug-1-1.x86_64.rpm")).isFalse();
    }

    @Test
    void twoArtifactsWithOneNameAreRejectedWithTheName() {
        assertThatThrownBy(() -> ImportPlan.of("EL", 3, "x86_64", true, List.of(rpm("a-1-1.x86_64.rpm"),
                log("x.log"), rpm("a-1-1.x86_64.rpm"))))
                .isInstanceOf(RejectedArtifactsException.class).hasMessageContaining("a-1-1.x86_64.rpm twice");
    }

    @Test
    void aBuildGetsUpstreamsRepositories() {
        List<BuildRepository> repos = BuildRepositories.of(12, List.of(
                new BuildRepositories.Target(1, "AlmaLinux-9", List.of("i686", "x86_64", "src"))));
        assertThat(repos).extracting(BuildRepository::name).containsExactly("build-12-build_log",
                "build-12-test_log", "AlmaLinux-9-i686-12-br", "AlmaLinux-9-i686-12-debug-br",
                "AlmaLinux-9-x86_64-12-br", "AlmaLinux-9-x86_64-12-debug-br", "AlmaLinux-9-src-12-br");
        assertThat(repos).extracting(BuildRepository::basePath).contains("build_logs/build-12-build_log",
                "test_logs/build-12-test_log", "builds/AlmaLinux-9-x86_64-12-debug-br");
        assertThat(repos.get(0).kind()).isEqualTo(ContentKind.FILE);
        assertThat(repos.get(6).arch()).isEqualTo("src");
        assertThat(repos.get(5).debug()).isTrue();
    }
}
