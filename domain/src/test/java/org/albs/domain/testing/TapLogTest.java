package org.albs.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** TAP read as upstream reads ALTS's test logs: one row per rule. */
class TapLogTest {
    private static TapCase c(String name, TapStatus status) {
        return new TapCase(name, status, "");
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("ok", "ok 1 - installs", c("installs", TapStatus.DONE)),
                Arguments.of("not ok", "not ok 2 - starts", c("starts", TapStatus.FAILED)),
                Arguments.of("no number, no dash", "ok works", c("works", TapStatus.DONE)),
                Arguments.of("upper case", "NOT OK 3 - loud", c("loud", TapStatus.FAILED)),
                Arguments.of("skip", "ok 4 - net # SKIP no network", c("net", TapStatus.SKIPPED)),
                Arguments.of("skipped, lower case", "ok 5 - gpu # skipped: none", c("gpu", TapStatus.SKIPPED)),
                Arguments.of("a failed skip is a skip", "not ok 6 - x # SKIP", c("x", TapStatus.SKIPPED)),
                Arguments.of("todo", "not ok 7 - later # TODO write it", c("later", TapStatus.TODO)),
                Arguments.of("a passing todo is a todo", "ok 8 - soon # todo", c("soon", TapStatus.TODO)),
                Arguments.of("TODOS is no todo", "not ok 9 - t # TODOS", c("t", TapStatus.FAILED)),
                Arguments.of("no description: the directive", "ok 10 # SKIP not here",
                        c("SKIP not here", TapStatus.SKIPPED)),
                Arguments.of("trailing blanks and CR", "ok 11 - spaced   \r", c("spaced", TapStatus.DONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void aTestLine(String rule, String line, TapCase expected) {
        assertThat(TapLog.parse("1..1\n" + line + "\n").cases()).containsExactly(expected);
    }

    static Stream<Arguments> notCases() {
        return Stream.of(
                Arguments.of("a plan", "1..3"),
                Arguments.of("a skipped plan", "1..0 # SKIP nothing to do"),
                Arguments.of("a version", "TAP version 13"),
                Arguments.of("a diagnostic without a case before it", "# hello"),
                Arguments.of("okay is no ok", "okay then"),
                Arguments.of("indented (a subtest)", "    ok 1 - inner"),
                Arguments.of("plain text", "Exit code: 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCases")
    void aLineThatIsNoCase(String rule, String line) {
        assertThat(TapLog.parse(line + "\n").cases()).isEmpty();
    }

    @Test
    void diagnosticsFollowingACaseAreItsDiagnosticUntilTheNextOtherLine() {
        TapLog log = TapLog.parse("""
                1..3
                ok 1 - first
                not ok 2 - second
                # expected 1
                # got 2
                some output
                # not second's
                ok 3 - third
                # third's
                """);
        assertThat(log.cases()).containsExactly(new TapCase("first", TapStatus.DONE, ""),
                new TapCase("second", TapStatus.FAILED, "# expected 1\n# got 2"),
                new TapCase("third", TapStatus.DONE, "# third's"));
        assertThat(log.success()).isFalse();
    }

    @Test
    void nothingIsReadAfterABailOut() {
        TapLog log = TapLog.parse("1..3\nok 1 - a\n# note\nBail out! the disk is full\nnot ok 2 - b\n");
        assertThat(log.cases()).containsExactly(new TapCase("a", TapStatus.DONE, "# note"));
        assertThat(log.success()).isTrue();
    }

    @Test
    void aLogWithoutTestLinesHasNoCasesAndSucceeded() {
        TapLog log = TapLog.parse("installing bash\ndone\n");
        assertThat(log.cases()).isEmpty();
        assertThat(log.success()).isTrue();
        assertThat(log.format()).isEqualTo(TapLog.TEXT);
    }

    @Test
    void theFormatIsTapWhereTheLogStartsAsAltsWritesATapRun() {
        assertThat(TapLog.parse("Exit code: 0\nStdout:\n\n1..2\nok 1 - a\nok 2 - b\n").format())
                .isEqualTo(TapLog.TAP);
        assertThat(TapLog.parse("Exit code: 1\r\nStdout:\r\n\r\n1..1\r\nnot ok 1 - a\r\n").format())
                .as("CRLF as LF").isEqualTo(TapLog.TAP);
        assertThat(TapLog.parse("1..2\nok 1 - a\n").format()).as("TAP, but not as ALTS writes it")
                .isEqualTo(TapLog.TEXT);
        assertThat(TapLog.parse("Exit code: 0\nStdout:\n\nall fine\n").format()).isEqualTo(TapLog.TEXT);
    }

    @Test
    void statusCodesAreUpstreams() {
        assertThat(List.of(TapStatus.values())).extracting(TapStatus::code).containsExactly(1, 2, 3, 4);
    }
}
