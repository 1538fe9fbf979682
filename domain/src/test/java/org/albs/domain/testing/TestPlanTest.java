package org.albs.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.albs.domain.artifacts.PackageMeta;
import org.junit.jupiter.api.Test;

/** Which packages of a completed build task are tested, and on which arch. */
class TestPlanTest {
    private static TestPlan.Package rpm(String name, String arch) {
        return new TestPlan.Package(name + "-1.0-2.el9." + arch + ".rpm",
                new PackageMeta(name, "1", "1.0", "2.el9", arch, arch.equals("src") ? null : "x.src.rpm"));
    }

    @Test
    void oneTestPerBinaryPackageOfTheTasksArchWithItsHeader() {
        List<TestTask> tests = TestPlan.of(5, 9, "x86_64", 1, List.of(rpm("bash", "x86_64"),
                rpm("bash-doc", "noarch"), rpm("bash", "src"), rpm("bash-debuginfo", "x86_64"),
                rpm("bash-debugsource", "x86_64"), rpm("bash-libs", "i686")));
        assertThat(tests).extracting(t -> t.pkg().name() + "/" + t.envArch())
                .containsExactly("bash/x86_64", "bash-doc/x86_64");
        TestTask t = tests.get(0);
        assertThat(t.status()).isEqualTo(TestTaskStatus.CREATED);
        assertThat(t.revision()).isEqualTo(1);
        assertThat(t.buildId()).isEqualTo(5);
        assertThat(t.buildTaskId()).isEqualTo(9);
        assertThat(t.pkg()).isEqualTo(new TestedPackage("bash", "1", "1.0", "2.el9"));
        assertThat(t.pkg().versionRelease()).isEqualTo("1.0-2.el9");
    }

    @Test
    void noarchPackagesAreTestedOnTheBuildTasksArch() {
        assertThat(TestPlan.of(1, 2, "aarch64", 3, List.of(rpm("python3-foo", "noarch"))))
                .extracting(TestTask::envArch, TestTask::revision).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("aarch64", 3));
    }

    @Test
    void packagesWithoutAHeaderAreSkipped() {
        assertThat(TestPlan.of(1, 2, "x86_64", 1, List.of(new TestPlan.Package("x.rpm", null)))).isEmpty();
    }

    @Test
    void aVersionWithoutReleaseIsTheVersionAlone() {
        assertThat(new TestedPackage("x", null, "1.0", null).versionRelease()).isEqualTo("1.0");
        assertThat(new TestedPackage("x", null, "1.0", null).epoch()).isEqualTo("0");
    }
}
