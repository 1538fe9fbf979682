package org.albs.domain.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.albs.domain.lease.WorkEvent;

/**
 * What a test system's result means for its test task (upstream's rules, §3.4), as a pure function of the
 * {@code result} object:
 * <ul>
 * <li>{@code revoked} truthy (ALTS aborted the test because it was cancelled): CANCELLED;</li>
 * <li>otherwise every stage counts: {@code tests} and {@code third_party} hold one {@code {success, output}} per
 * test, every other key is one stage {@code {success, …}}; a stage or test without a truthy {@code success} (or
 * that is not an object at all) fails the task;</li>
 * <li>{@code logs} and {@code skipped_tests} are not stages: skipped tests are not failures;</li>
 * <li>a stage ALTS did not run is simply absent and does not count, but a result with no stage at all tells
 * nothing and fails the task (upstream called it completed).</li>
 * </ul>
 *
 * @param event  DONE, FAIL or REVOKE
 * @param reason why it failed (the failed stages), null otherwise
 */
public record TestVerdict(WorkEvent event, String reason) {
    /** Keys of a result that are not stages. */
    static final Set<String> NOT_STAGES = Set.of("logs", "skipped_tests", "revoked");
    /** Sections with one entry per test. */
    static final Set<String> PER_TEST = Set.of("tests", "third_party");

    public TestVerdict {
        Objects.requireNonNull(event, "event");
    }

    public static TestVerdict of(Map<String, ?> result) {
        Objects.requireNonNull(result, "result");
        if (truthy(result.get("revoked"))) {
            return new TestVerdict(WorkEvent.REVOKE, null);
        }
        List<String> failed = new ArrayList<>();
        int stages = 0;
        for (Map.Entry<String, ?> e : result.entrySet()) {
            String key = e.getKey();
            if (NOT_STAGES.contains(key)) {
                continue;
            }
            stages++;
            Object value = e.getValue();
            if (PER_TEST.contains(key) && value instanceof Map<?, ?> tests) {
                for (Map.Entry<?, ?> t : tests.entrySet()) {
                    if (!succeeded(t.getValue())) {
                        failed.add(key + "/" + t.getKey());
                    }
                }
            } else if (!succeeded(value)) {
                failed.add(key);
            }
        }
        if (stages == 0) {
            return new TestVerdict(WorkEvent.FAIL, "the result reports no test stage");
        }
        return failed.isEmpty() ? new TestVerdict(WorkEvent.DONE, null)
                : new TestVerdict(WorkEvent.FAIL, "failed: " + String.join(", ", failed));
    }

    private static boolean succeeded(Object stage) {
        return stage instanceof Map<?, ?> m && truthy(m.get("success"));
    }

    /** Python's truth, as ALTS and upstream read these fields. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof CharSequence s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
