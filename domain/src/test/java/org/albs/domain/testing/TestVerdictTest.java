package org.albs.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.albs.domain.lease.WorkEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The result rules of upstream §3.4, case by case. */
class TestVerdictTest {
    private static final Map<String, Object> OK = Map.of("success", true);

    private static Map<String, Object> fullPass() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("skipped_tests", List.of());
        for (String stage : List.of("initialize_terraform", "start_environment", "initial_provision", "system_info",
                "install_package", "package_integrity_tests", "uninstall_package", "stop_environment")) {
            r.put(stage, OK);
        }
        r.put("tests", Map.of("tests_0_check.sh", Map.of("success", true, "output", "1..1\nok 1")));
        r.put("logs", List.of(Map.of("name", "a.log", "href", "/pulp/api/v3/artifacts/1/", "type", "test_log")));
        return r;
    }

    @Test
    void everyStageSucceedingCompletes() {
        assertThat(TestVerdict.of(fullPass())).isEqualTo(new TestVerdict(WorkEvent.DONE, null));
    }

    @Test
    void aFailedStageFailsAndIsNamed() {
        Map<String, Object> r = fullPass();
        r.put("install_package", Map.of("success", false, "stderr", "no package"));
        TestVerdict v = TestVerdict.of(r);
        assertThat(v.event()).isEqualTo(WorkEvent.FAIL);
        assertThat(v.reason()).isEqualTo("failed: install_package");
    }

    @Test
    void aFailedTestFailsAndIsNamedInItsSection() {
        Map<String, Object> r = fullPass();
        r.put("tests", Map.of("tests_0_check.sh", Map.of("success", false, "output", "not ok 1")));
        r.put("third_party", Map.of("t1", OK, "t2", Map.of("output", "no success key")));
        TestVerdict v = TestVerdict.of(r);
        assertThat(v.event()).isEqualTo(WorkEvent.FAIL);
        assertThat(v.reason()).contains("tests/tests_0_check.sh").contains("third_party/t2")
                .doesNotContain("third_party/t1");
    }

    @Test
    void emptyTestSectionsAndSkippedTestsAreNoFailures() {
        Map<String, Object> r = fullPass();
        r.put("tests", Map.of());
        r.put("skipped_tests", List.of("tests_1_slow.sh"));
        assertThat(TestVerdict.of(r).event()).isEqualTo(WorkEvent.DONE);
    }

    @Test
    void aStageThatIsNotAnObjectFails() {
        Map<String, Object> r = fullPass();
        r.put("system_info", "crashed");
        r.put("tests", List.of("not", "a", "map"));
        assertThat(TestVerdict.of(r).reason()).isEqualTo("failed: system_info, tests");
    }

    @Test
    void missingStagesDoNotCountButNoStageAtAllFails() {
        assertThat(TestVerdict.of(Map.of("install_package", OK)).event()).isEqualTo(WorkEvent.DONE);
        TestVerdict nothing = TestVerdict.of(Map.of("skipped_tests", List.of(), "logs", List.of()));
        assertThat(nothing.event()).isEqualTo(WorkEvent.FAIL);
        assertThat(nothing.reason()).isEqualTo("the result reports no test stage");
        assertThat(TestVerdict.of(Map.of()).event()).isEqualTo(WorkEvent.FAIL);
    }

    @Test
    void revokedCancelsWhateverElseIsThere() {
        assertThat(TestVerdict.of(Map.of("revoked", true))).isEqualTo(new TestVerdict(WorkEvent.REVOKE, null));
        Map<String, Object> r = fullPass();
        r.put("revoked", true);
        r.put("install_package", Map.of("success", false));
        assertThat(TestVerdict.of(r).event()).isEqualTo(WorkEvent.REVOKE);
    }

    @Test
    void revokedFalseIsNotARevocation() {
        Map<String, Object> r = fullPass();
        r.put("revoked", false);
        assertThat(TestVerdict.of(r).event()).isEqualTo(WorkEvent.DONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "yes"})
    void successIsReadWithPythonsTruth(String truthy) {
        Object v = truthy.equals("true") ? Boolean.TRUE : truthy.equals("1") ? (Object) 1 : truthy;
        assertThat(TestVerdict.of(Map.of("install_package", Map.of("success", v))).event()).isEqualTo(WorkEvent.DONE);
    }

    @Test
    void falsySuccessValuesFail() {
        for (Object v : new Object[] {false, 0, "", List.of(), Map.of()}) {
            assertThat(TestVerdict.of(Map.of("install_package", Map.of("success", v))).event())
                    .as("success = %s", v).isEqualTo(WorkEvent.FAIL);
        }
        Map<String, Object> nullSuccess = new LinkedHashMap<>();
        nullSuccess.put("success", null);
        assertThat(TestVerdict.of(Map.of("install_package", nullSuccess)).event()).isEqualTo(WorkEvent.FAIL);
    }
}
