package org.albs.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test log read as TAP (the Test Anything Protocol), as upstream reads the {@code tests_*} logs ALTS uploads
 * ({@code alws/utils/parsing.py::parse_tap_output}, {@code get_logs_format}).
 *
 * <ul>
 *   <li>Each {@code ok} / {@code not ok} line is a case: {@code # TODO} → todo, else {@code # SKIP} (any word starting
 *   with "skip") → skipped, else ok → done, not ok → failed. Its name is the description, or the directive's text
 *   when there is none. The {@code # …} lines right after it are its diagnostic.</li>
 *   <li>A plan ({@code 1..N}, also {@code 1..0 # SKIP …}), {@code TAP version N}, a diagnostic and any other line are
 *   no case. After {@code Bail out!} the producer stopped: nothing later is read.</li>
 *   <li>A text without test lines has no cases (upstream answered {@code []} too).</li>
 *   <li>{@link #format()} is upstream's {@code logs_format}: {@code tap} when the log starts as ALTS writes a TAP
 *   run ({@code Exit code: N}, {@code Stdout:}, an empty line, then a plan), {@code text} otherwise.</li>
 * </ul>
 * Pure: no I/O; a log too large to read whole is the caller's to cut.
 */
public record TapLog(List<TapCase> cases, String format) {
    public static final String TAP = "tap";
    public static final String TEXT = "text";

    private static final Pattern TEST = Pattern.compile(
            "^(not\\s+)?ok\\b\\s*(\\d*)\\s*(?:-\\s*)?([^#]*?)\\s*(?:#\\s*(.*?))?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TODO = Pattern.compile("^TODO\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BAIL = Pattern.compile("^Bail out!.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTS_TAP = Pattern.compile("\\AExit code: \\d+\\nStdout:\\n\\n1\\.\\.\\d",
            Pattern.CASE_INSENSITIVE);

    public TapLog {
        cases = List.copyOf(cases);
        Objects.requireNonNull(format, "format");
    }

    /** True when no case failed (upstream's {@code tap_set_status}; a log without cases succeeded). */
    public boolean success() {
        return cases.stream().noneMatch(c -> c.status() == TapStatus.FAILED);
    }

    public static TapLog parse(String text) {
        String normalized = text.replace("\r\n", "\n");
        String format = ALTS_TAP.matcher(normalized).find() ? TAP : TEXT;
        List<TapCase> cases = new ArrayList<>();
        String name = null;
        TapStatus status = null;
        StringBuilder diagnostic = new StringBuilder();
        for (String line : normalized.split("\n", -1)) {
            if (line.startsWith("#")) {
                if (name != null) {
                    diagnostic.append(diagnostic.isEmpty() ? "" : "\n").append(line);
                }
                continue;
            }
            if (name != null) {
                cases.add(new TapCase(name, status, diagnostic.toString()));
                name = null;
                diagnostic.setLength(0);
            }
            if (BAIL.matcher(line).matches()) {
                break;
            }
            Matcher test = TEST.matcher(line);
            if (test.matches()) {
                String directive = test.group(4) == null ? "" : test.group(4);
                String description = test.group(3).trim();
                name = description.isEmpty() ? directive : description;
                if (TODO.matcher(directive).matches()) {
                    status = TapStatus.TODO;
                } else if (directive.toUpperCase(Locale.ROOT).startsWith("SKIP")) {
                    status = TapStatus.SKIPPED;
                } else {
                    status = test.group(1) == null ? TapStatus.DONE : TapStatus.FAILED;
                }
            }
        }
        if (name != null) {
            cases.add(new TapCase(name, status, diagnostic.toString()));
        }
        return new TapLog(cases, format);
    }
}
