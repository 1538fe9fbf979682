package org.albs.application.port.in.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.albs.domain.Problems;

/**
 * A result ALTS posts for a test ({@code TestTaskResult}: {@code api_version}, {@code result}, optional
 * {@code stats}), validated: the result an object, {@code stats} an object, null or absent (upstream needed it), and
 * every log in {@code result.logs} an object with a file {@code name} and an {@code href}.
 */
public record TestResultCommand(String apiVersion, Map<String, Object> result, Map<String, Object> stats,
                                List<Log> logs) {
    public static final int MAX_LOGS = 1000;

    /** A log the test system uploaded to the store, named in a result. */
    public record Log(String name, String href) {
    }

    public TestResultCommand {
        result = Map.copyOf(result);
        logs = List.copyOf(logs);
    }

    @SuppressWarnings("unchecked")
    public static TestResultCommand of(Map<String, Object> body) {
        Problems p = new Problems();
        Object apiVersion = body.get("api_version");
        Object result = body.get("result");
        Object stats = body.get("stats");
        if (apiVersion == null) {
            p.add("Field required", "missing", "api_version");
        } else if (!(apiVersion instanceof String)) {
            p.add("Input should be a valid string", "string_type", "api_version");
        }
        if (result == null) {
            p.add("Field required", "missing", "result");
        } else if (!(result instanceof Map)) {
            p.add("Input should be a valid dictionary", "dict_type", "result");
        }
        if (stats != null && !(stats instanceof Map)) {
            p.add("Input should be a valid dictionary", "dict_type", "stats");
        }
        List<Log> logs = new ArrayList<>();
        if (result instanceof Map<?, ?> r && r.get("logs") != null) {
            if (!(r.get("logs") instanceof List<?> list)) {
                p.add("Input should be a valid list", "list_type", "result", "logs");
            } else if (list.size() > MAX_LOGS) {
                p.add("at most " + MAX_LOGS + " logs", "too_long", "result", "logs");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Map<?, ?> log)) {
                        p.add("Input should be a valid dictionary", "dict_type", "result", "logs", i);
                        continue;
                    }
                    String name = text(p, log.get("name"), i, "name");
                    String href = text(p, log.get("href"), i, "href");
                    if (name != null && (name.contains("/") || name.equals(".") || name.equals(".."))) {
                        p.add("a log name is a file name", "value_error", "result", "logs", i, "name");
                    } else if (name != null && href != null) {
                        logs.add(new Log(name, href));
                    }
                }
                if (logs.stream().map(Log::name).distinct().count() < logs.size()) {
                    p.add("a log name is given twice", "value_error", "result", "logs");
                }
            }
        }
        if (p.isEmpty() && hasNul(body)) {
            p.add("Input should not contain the NUL character (\\u0000)", "value_error", "body");
        }
        p.throwIfAny();
        return new TestResultCommand((String) apiVersion, (Map<String, Object>) result,
                (Map<String, Object>) stats, logs);
    }

    /** Whether a JSON value holds the NUL character anywhere (PostgreSQL cannot store it in JSON). */
    private static boolean hasNul(Object v) {
        if (v instanceof String s) {
            return s.indexOf('\0') >= 0;
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> hasNul(e.getKey()) || hasNul(e.getValue()));
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(TestResultCommand::hasNul);
        }
        return false;
    }

    private static String text(Problems p, Object v, int i, String field) {
        if (v == null || v instanceof String s && s.isBlank()) {
            p.add("Field required", "missing", "result", "logs", i, field);
            return null;
        }
        if (!(v instanceof String s)) {
            p.add("Input should be a valid string", "string_type", "result", "logs", i, field);
            return null;
        }
        if (s.length() > 2048) {
            p.add("at most 2048 characters", "string_too_long", "result", "logs", i, field);
            return null;
        }
        return s;
    }
}
