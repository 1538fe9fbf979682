package org.albs.domain.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.albs.domain.release.AutoRelease.Event;
import org.albs.domain.release.AutoRelease.Facts;
import org.albs.domain.release.AutoRelease.Settings;
import org.albs.domain.release.AutoRelease.Tests;
import org.albs.domain.signing.SignKey;
import org.albs.domain.testing.TestTaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The automatic pipeline's settings and its decision of a build's next step, case by case. */
class AutoReleaseTest {
    private static final SignKey K1 = key(1, "AAAAAAAAAAAAAAAA", true);
    private static final SignKey K2 = key(2, "BBBBBBBBBBBBBBBB", true);
    private static final SignKey OLD = key(3, "CCCCCCCCCCCCCCCC", false);
    private static final Settings ON = new Settings(true, null, true);

    private static SignKey key(long id, String keyid, boolean active) {
        return new SignKey(id, "k" + id, null, keyid, keyid + "000000000000000000000000", null, Instant.EPOCH,
                active, active ? null : Instant.EPOCH, List.of(7L), null, false, null);
    }

    private static Map<String, Object> data(Object autoRelease) {
        Map<String, Object> data = new HashMap<>();
        data.put("mock", Map.of());
        if (autoRelease != null) {
            data.put("auto_release", autoRelease);
        }
        return data;
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("absent", data(null), Settings.OFF),
                Arguments.of("null data", null, Settings.OFF),
                Arguments.of("not an object", data(true), Settings.OFF),
                Arguments.of("enabled missing", data(Map.of("commit", true)), Settings.OFF),
                Arguments.of("enabled false", data(Map.of("enabled", false)), Settings.OFF),
                Arguments.of("enabled a string", data(Map.of("enabled", "true")), Settings.OFF),
                Arguments.of("enabled", data(Map.of("enabled", true)), new Settings(true, null, true)),
                Arguments.of("with key", data(Map.of("enabled", true, "sign_key", " aaaaaaaaaaaaaaaa ")),
                        new Settings(true, "AAAAAAAAAAAAAAAA", true)),
                Arguments.of("blank key", data(Map.of("enabled", true, "sign_key", " ")),
                        new Settings(true, null, true)),
                Arguments.of("commit false", data(Map.of("enabled", true, "commit", false)),
                        new Settings(true, null, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void settings(String name, Map<String, Object> data, Settings expected) {
        assertThat(Settings.of(data)).isEqualTo(expected);
    }

    static Stream<Arguments> tests() {
        TestTaskStatus c = TestTaskStatus.COMPLETED;
        return Stream.of(
                Arguments.of(List.of(), Tests.NONE),
                Arguments.of(List.of(c, c), Tests.PASSED),
                Arguments.of(List.of(c, TestTaskStatus.CREATED), Tests.OPEN),
                Arguments.of(List.of(TestTaskStatus.FAILED, TestTaskStatus.STARTED), Tests.OPEN),
                Arguments.of(List.of(c, TestTaskStatus.FAILED), Tests.FAILED),
                Arguments.of(List.of(TestTaskStatus.CANCELLED, TestTaskStatus.FAILED), Tests.FAILED),
                Arguments.of(List.of(c, TestTaskStatus.CANCELLED), Tests.CANCELLED));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource
    void tests(List<TestTaskStatus> latest, Tests expected) {
        assertThat(Tests.of(latest)).isEqualTo(expected);
    }

    /** A build ready to be signed: one platform, every task completed and imported, tests passed; then changed. */
    private static final class F {
        int platforms = 1;
        int unfinished;
        int notCompleted;
        int importing;
        Tests tests = Tests.PASSED;
        boolean signed;
        Long openSignTask;
        boolean released;
        Set<Event> done = Set.of();

        Facts facts() {
            return new Facts(platforms, unfinished, notCompleted, importing, tests, signed, openSignTask, released,
                    done);
        }
    }

    private static Facts ready() {
        return new F().facts();
    }

    private static Facts with(java.util.function.Consumer<F> change) {
        F f = new F();
        change.accept(f);
        return f.facts();
    }

    /** Expected: "sign <keyid>", "release", or "nothing: <reason start>" with the history's event (or none). */
    static Stream<Arguments> steps() {
        Set<Event> signedByUs = Set.of(Event.SIGN_TASK_CREATED);
        return Stream.of(
                Arguments.of("off", Settings.OFF, List.of(K1), ready(), "nothing: the automatic pipeline is off", null),
                Arguments.of("tests passed", ON, List.of(K1), ready(), "sign AAAAAAAAAAAAAAAA", null),
                Arguments.of("no tests", ON, List.of(K1), with(f -> f.tests = Tests.NONE), "sign AAAAAAAAAAAAAAAA", null),
                Arguments.of("tests open", ON, List.of(K1), with(f -> f.tests = Tests.OPEN), "nothing: tests are running",
                        null),
                Arguments.of("tests failed", ON, List.of(K1), with(f -> f.tests = Tests.FAILED),
                        "nothing: tests failed: not signed", Event.TESTS_FAILED),
                Arguments.of("tests cancelled", ON, List.of(K1), with(f -> f.tests = Tests.CANCELLED),
                        "nothing: tests cancelled: not signed", Event.TESTS_CANCELLED),
                Arguments.of("task unfinished", ON, List.of(K1), with(f -> f.unfinished = 2),
                        "nothing: 2 build task(s) not finished", null),
                Arguments.of("task failed", ON, List.of(K1), with(f -> f.notCompleted = 1),
                        "nothing: 1 build task(s) did not complete", Event.TASKS_FAILED),
                Arguments.of("importing", ON, List.of(K1), with(f -> f.importing = 1),
                        "nothing: its packages are being imported", null),
                Arguments.of("open sign task", ON, List.of(K1), with(f -> f.openSignTask = 5L),
                        "nothing: sign task 5 is open", null),
                Arguments.of("signed by the pipeline already (task failed since)", ON, List.of(K1),
                        with(f -> f.done = signedByUs), "nothing: the pipeline made its sign task already", null),
                Arguments.of("several platforms", ON, List.of(K1), with(f -> f.platforms = 2),
                        "nothing: built for 2 platforms", Event.SEVERAL_PLATFORMS),
                Arguments.of("signed", ON, List.of(K1), with(f -> f.signed = true), "release", null),
                Arguments.of("signed, tests failed (a person signed it)", ON, List.of(),
                        with(f -> {
                            f.signed = true;
                            f.tests = Tests.FAILED;
                        }), "release", null),
                Arguments.of("signed, released already", ON, List.of(K1),
                        with(f -> {
                            f.signed = true;
                            f.released = true;
                        }), "nothing: released already", null),
                Arguments.of("signed, release planned by the pipeline", ON, List.of(K1),
                        with(f -> {
                            f.signed = true;
                            f.done = Set.of(Event.SIGN_TASK_CREATED, Event.RELEASE_PLANNED);
                        }), "nothing: the pipeline planned its release",
                        null),
                Arguments.of("only active key wins over an archived one", ON, List.of(OLD, K2), ready(),
                        "sign BBBBBBBBBBBBBBBB", null),
                Arguments.of("named key", new Settings(true, "BBBBBBBBBBBBBBBB", true), List.of(K1, K2), ready(),
                        "sign BBBBBBBBBBBBBBBB", null),
                Arguments.of("named key of another platform", new Settings(true, "DDDDDDDDDDDDDDDD", true),
                        List.of(K1), ready(), "nothing: no default sign key: auto_release.sign_key DDDDDDDDDDDDDDDD"
                                + " is not a key of el9", Event.NO_DEFAULT_KEY),
                Arguments.of("named key archived", new Settings(true, "CCCCCCCCCCCCCCCC", true), List.of(OLD),
                        ready(), "nothing: no default sign key: auto_release.sign_key CCCCCCCCCCCCCCCC is archived",
                        Event.NO_DEFAULT_KEY),
                Arguments.of("several keys, none named", ON, List.of(K1, K2), ready(),
                        "nothing: no default sign key: el9 has 2 active sign keys (AAAAAAAAAAAAAAAA,"
                                + " BBBBBBBBBBBBBBBB) and its data names none", Event.NO_DEFAULT_KEY),
                Arguments.of("no key", ON, List.of(OLD), ready(), "nothing: no default sign key: el9 has no active"
                        + " sign key", Event.NO_DEFAULT_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void steps(String name, Settings settings, List<SignKey> keys, Facts facts, String expected, Event event) {
        AutoRelease.Step step = AutoRelease.next(settings, "el9", keys, facts);
        String shown = step instanceof AutoRelease.Sign s ? "sign " + s.key().keyid()
                : step instanceof AutoRelease.Nothing n ? "nothing: " + n.reason() : "release";
        assertThat(shown).startsWith(expected);
        assertThat(step instanceof AutoRelease.Nothing n ? n.event() : null).isEqualTo(event);
    }

    private static PlannedPackage planned(long artifactId, int... trust) {
        ReleasePackage p = new ReleasePackage(artifactId, 1, 1, "p" + artifactId, "0", "1", "1.el9", "x86_64", "s",
                "p" + artifactId + "-1-1.el9.x86_64.rpm", "x86_64", "p.src.rpm", false);
        List<TargetRepository> repos = new ArrayList<>();
        for (int t : trust) {
            repos.add(new TargetRepository(1, "r", "x86_64", false, "u", t, null));
        }
        return new PlannedPackage(p, repos, List.of("x86_64"));
    }

    private static ReleasePlan plan(PlannedPackage... packages) {
        return new ReleasePlan(List.of(packages), List.of(), Map.of(), null);
    }

    @Test
    void aPlanIsCommittedOnlyWhenEveryPackageHasTrustOneAndCommitIsNotOff() {
        assertThat(AutoRelease.planned(ON, 4, plan(planned(1, 1), planned(2, 1))))
                .isEqualTo(new AutoRelease.Planned(true, "release 4 planned: all trust 1, committing"));
        assertThat(AutoRelease.planned(ON, 4, plan(planned(1, 1), planned(2, 2), planned(3, 0), planned(3, 0))))
                .as("a package counts once however many entries it has")
                .isEqualTo(new AutoRelease.Planned(false, "release 4 planned: 2 package(s) below trust 1, left for"
                        + " review"));
        assertThat(AutoRelease.planned(ON, 4, plan(planned(1)))).as("a package going nowhere is not trust 1")
                .extracting(AutoRelease.Planned::commit).isEqualTo(false);
        assertThat(AutoRelease.planned(new Settings(true, null, false), 4, plan(planned(1, 1))))
                .isEqualTo(new AutoRelease.Planned(false, "release 4 planned: all trust 1, left for review"
                        + " (auto_release.commit is false)"));
    }
}
