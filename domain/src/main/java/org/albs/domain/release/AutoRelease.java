package org.albs.domain.release;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.albs.domain.signing.SignKey;
import org.albs.domain.testing.TestTaskStatus;

/**
 * The optional automatic pipeline (beyond upstream, off by default; per platform in its {@code data}): a build whose
 * tasks all completed and were imported and whose tests passed (or that has none) gets a sign task with the
 * platform's default key; once signed, a release is planned, and committed when every package has trust 1. This
 * type holds the settings and the decision of the next step; the flow that takes it is {@code AutoReleaseJob}.
 */
public final class AutoRelease {
    /** The key of the settings in a platform's {@code data}. */
    public static final String DATA_KEY = "auto_release";

    private AutoRelease() {
    }

    /**
     * A platform's settings, from {@code data.auto_release}: {@code {"enabled": true, "sign_key": "<keyid>",
     * "commit": true}}. Absent, not an object or {@code enabled} not {@code true}: off.
     *
     * @param signKey the key id of the default sign key (upper case), null: the platform's only active key
     * @param commit  whether a plan whose every package has trust 1 is committed ({@code commit: false}: never)
     */
    public record Settings(boolean enabled, String signKey, boolean commit) {
        public static final Settings OFF = new Settings(false, null, false);

        public static Settings of(Map<String, Object> platformData) {
            Object raw = platformData == null ? null : platformData.get(DATA_KEY);
            if (!(raw instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("enabled"))) {
                return OFF;
            }
            Object key = m.get("sign_key");
            String signKey = key == null || key.toString().isBlank() ? null
                    : key.toString().trim().toUpperCase(Locale.ROOT);
            return new Settings(true, signKey, !Boolean.FALSE.equals(m.get("commit")));
        }
    }

    /** What a build's history records of the pipeline; stored as the lower-case name. */
    public enum Event {
        SIGN_TASK_CREATED, SIGN_TASK_REFUSED, NO_DEFAULT_KEY, TASKS_FAILED, TESTS_FAILED, TESTS_CANCELLED,
        SEVERAL_PLATFORMS, RELEASE_PLANNED, RELEASE_REFUSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the tests of a build's latest revisions went. */
    public enum Tests {
        /** The build has no tests (its platform has no test distribution, or nothing to test). */
        NONE,
        /** Some test is waiting or running. */
        OPEN,
        /** Every test ended, some failed. */
        FAILED,
        /** Every test ended, none failed, some were cancelled. */
        CANCELLED,
        /** Every test completed. */
        PASSED;

        /** The outcome of the tests of the latest revision of each build task. */
        public static Tests of(Collection<TestTaskStatus> latest) {
            if (latest.isEmpty()) {
                return NONE;
            }
            if (latest.stream().anyMatch(s -> !s.isFinished())) {
                return OPEN;
            }
            if (latest.contains(TestTaskStatus.FAILED)) {
                return FAILED;
            }
            return latest.contains(TestTaskStatus.CANCELLED) ? CANCELLED : PASSED;
        }
    }

    /**
     * What the pipeline knows of a build when it decides.
     *
     * @param platforms    how many platforms the build was built for
     * @param unfinished   build tasks not ended
     * @param notCompleted ended build tasks that did not complete (failed, excluded, cancelled)
     * @param importing    open jobs that put the build's packages into its repositories
     * @param openSignTask the id of its waiting or running sign task, null when none
     * @param done         what the pipeline did to the build already (its history's events)
     */
    public record Facts(int platforms, int unfinished, int notCompleted, int importing, Tests tests, boolean signed,
                        Long openSignTask, boolean released, Set<Event> done) {
        public Facts {
            Objects.requireNonNull(tests, "tests");
            done = Set.copyOf(done);
        }
    }

    /** The next step. */
    public sealed interface Step permits Sign, Release, Nothing {
    }

    /** Create the build's sign task with this key. */
    public record Sign(SignKey key) implements Step {
    }

    /** Plan the build's release (and commit it if {@link #planned} says so). */
    public record Release() implements Step {
    }

    /**
     * Nothing to do now, and why.
     *
     * @param event what the build's history records of it, null: nothing (it waits for a later step)
     */
    public record Nothing(String reason, Event event) implements Step {
        static Nothing quiet(String reason) {
            return new Nothing(reason, null);
        }
    }

    /**
     * The next step of a build on a platform with these settings and keys ({@code platformKeys}: the sign keys of
     * the build's platform, archived ones too). Each step is taken once: a build whose sign task or release the
     * pipeline made already gets nothing more of that step, whatever happened to it since.
     */
    public static Step next(Settings settings, String platformName, List<SignKey> platformKeys, Facts f) {
        if (!settings.enabled()) {
            return Nothing.quiet("the automatic pipeline is off for " + platformName);
        }
        if (f.platforms() > 1) {
            return new Nothing("built for " + f.platforms() + " platforms: the automatic pipeline takes builds of"
                    + " one platform", Event.SEVERAL_PLATFORMS);
        }
        if (f.released()) {
            return Nothing.quiet("released already");
        }
        if (f.done().contains(Event.RELEASE_PLANNED)) {
            return Nothing.quiet("the pipeline planned its release already");
        }
        if (f.signed()) {
            return new Release();
        }
        if (f.unfinished() > 0) {
            return Nothing.quiet(f.unfinished() + " build task(s) not finished");
        }
        if (f.notCompleted() > 0) {
            return new Nothing(f.notCompleted() + " build task(s) did not complete: not signed", Event.TASKS_FAILED);
        }
        if (f.importing() > 0) {
            return Nothing.quiet("its packages are being imported (" + f.importing() + " job(s))");
        }
        switch (f.tests()) {
            case OPEN -> {
                return Nothing.quiet("tests are running");
            }
            case FAILED -> {
                return new Nothing("tests failed: not signed", Event.TESTS_FAILED);
            }
            case CANCELLED -> {
                return new Nothing("tests cancelled: not signed", Event.TESTS_CANCELLED);
            }
            default -> {
                // NONE or PASSED: on to signing
            }
        }
        if (f.openSignTask() != null) {
            return Nothing.quiet("sign task " + f.openSignTask() + " is open");
        }
        if (f.done().contains(Event.SIGN_TASK_CREATED)) {
            return Nothing.quiet("the pipeline made its sign task already");
        }
        KeyChoice key = defaultKey(settings, platformName, platformKeys);
        return key.key() != null ? new Sign(key.key()) : new Nothing("no default sign key: " + key.problem(),
                Event.NO_DEFAULT_KEY);
    }

    /** The platform's default key, or why there is none. */
    public record KeyChoice(SignKey key, String problem) {
    }

    /**
     * The platform's default key: {@code sign_key} when the settings name one (it must be an active key of the
     * platform), else the platform's only active key.
     */
    public static KeyChoice defaultKey(Settings settings, String platformName, List<SignKey> platformKeys) {
        if (settings.signKey() != null) {
            SignKey named = platformKeys.stream().filter(k -> k.keyid().equalsIgnoreCase(settings.signKey()))
                    .findFirst().orElse(null);
            if (named == null) {
                return new KeyChoice(null, DATA_KEY + ".sign_key " + settings.signKey() + " is not a key of "
                        + platformName);
            }
            return named.active() ? new KeyChoice(named, null) : new KeyChoice(null, DATA_KEY + ".sign_key "
                    + named.keyid() + " is archived");
        }
        List<SignKey> active = platformKeys.stream().filter(SignKey::active).toList();
        if (active.size() == 1) {
            return new KeyChoice(active.get(0), null);
        }
        return new KeyChoice(null, active.isEmpty() ? platformName + " has no active sign key"
                : platformName + " has " + active.size() + " active sign keys ("
                + String.join(", ", active.stream().map(SignKey::keyid).toList()) + ") and its data names none ("
                + DATA_KEY + ".sign_key)");
    }

    /** What becomes of a planned release: committed or left for review, and the history's line. */
    public record Planned(boolean commit, String message) {
    }

    /**
     * A release the pipeline planned is committed when every package of it has trust 1 (the reference platform
     * ships that very package there) and the settings do not say {@code commit: false}.
     */
    public static Planned planned(Settings settings, long releaseId, ReleasePlan plan) {
        long below = plan.packages().stream().filter(p -> p.repositories().isEmpty()
                        || p.repositories().stream().anyMatch(r -> r.trustness() != 1))
                .map(PlannedPackage::pkg).distinct().count();
        String head = "release " + releaseId + " planned: ";
        if (below > 0) {
            return new Planned(false, head + below + " package(s) below trust 1, left for review");
        }
        return settings.commit() ? new Planned(true, head + "all trust 1, committing")
                : new Planned(false, head + "all trust 1, left for review (" + DATA_KEY + ".commit is false)");
    }
}
