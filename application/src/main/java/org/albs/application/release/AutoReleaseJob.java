package org.albs.application.release;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.in.release.NewReleaseCommand;
import org.albs.application.port.in.release.ReleaseView;
import org.albs.application.port.in.signing.SignTaskView;
import org.albs.application.port.in.signing.SignTasksUseCase;
import org.albs.application.port.out.AutoReleases;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.DomainException;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.builds.BuildEvent;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.domain.release.AutoRelease;
import org.albs.domain.signing.SignKey;

/**
 * The automatic pipeline's job ({@link StoreJobKind#AUTO_RELEASE}): decides a build's next step
 * ({@link AutoRelease#next}) and takes it as the build's owner: its sign task with the platform's default key, or
 * its release, planned and, when every package has trust 1, committed. Each step is decided again and taken in one
 * transaction that holds the build row and records the step in the build's history, so two jobs of one build, or a
 * job run again, never take a step twice. What it did, or why it did nothing, is the job's note; what a person
 * should know (a step taken, or the pipeline stopping) is also a line of the build's history.
 */
public final class AutoReleaseJob implements StoreJobService.KindWork {
    private final AutoReleases builds;
    private final Platforms platforms;
    private final SignKeys keys;
    private final Users users;
    private final SignTasksUseCase signing;
    private final ReleaseService releases;
    private final Transactions tx;
    private final Clock clock;

    public AutoReleaseJob(AutoReleases builds, Platforms platforms, SignKeys keys, Users users,
                          SignTasksUseCase signing, ReleaseService releases, Transactions tx, Clock clock) {
        this.builds = builds;
        this.platforms = platforms;
        this.keys = keys;
        this.users = users;
        this.signing = signing;
        this.releases = releases;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public StoreJobKind kind() {
        return StoreJobKind.AUTO_RELEASE;
    }

    /** The next step of a build, decided with its row locked, and what it was decided from. */
    private record Decision(AutoReleases.BuildFacts facts, Platform platform, AutoRelease.Settings settings,
                            User owner, AutoRelease.Step step) {
    }

    @Override
    public void work(StoreJobService.JobRun run) {
        long buildId = run.job().subject().buildId();
        AtomicReference<String> note = new AtomicReference<>();
        AtomicReference<Decision> release = new AtomicReference<>();
        try {
            run.saveWith(() -> {
                Decision d = decide(buildId).orElse(null);
                if (d == null) {
                    note.set("build " + buildId + " is gone, or has no tasks");
                } else if (d.step() instanceof AutoRelease.Nothing n) {
                    note.set(n.reason());
                    if (n.event() != null) {
                        recordOnce(d.facts(), n.event(), n.reason());
                    }
                } else if (d.step() instanceof AutoRelease.Sign s) {
                    note.set(sign(d, s.key()));
                } else {
                    release.set(d);
                }
            });
        } catch (DomainException refused) {
            // the signing service refused (in a transaction of its own that wrote nothing): the pipeline stops here
            String why = "sign task not created: " + refused.getMessage();
            run.finish(why, () -> builds.lockBuild(buildId).ifPresent(f ->
                    recordOnce(f, AutoRelease.Event.SIGN_TASK_REFUSED, why)));
            return;
        }
        if (release.get() != null) {
            note.set(release(release.get()));
        }
        run.finish(note.get(), () -> { });
    }

    /** In the transaction that holds the build: its sign task, with the key, as the build's owner. */
    private String sign(Decision d, SignKey key) {
        SignTaskView task = signing.create(d.owner(), d.facts().buildId(), key.id());
        String message = "sign task " + task.id() + " created with key " + key.keyid();
        record(d.facts().buildId(), AutoRelease.Event.SIGN_TASK_CREATED, message);
        return message;
    }

    /**
     * The release, planned outside any transaction (the package knowledge base is asked); stored, and committed
     * when {@link AutoRelease#planned} says so, in one transaction that decides again with the build locked.
     */
    private String release(Decision d) {
        long buildId = d.facts().buildId();
        AtomicReference<String> note = new AtomicReference<>();
        NewReleaseCommand command = new NewReleaseCommand(List.of(buildId), List.of(), d.platform().id(), null, null);
        try {
            Optional<ReleaseView> stored = releases.create(d.owner(), command, new ReleaseService.Storing(plan -> {
                Decision again = decide(buildId).orElse(null);
                if (again == null || !(again.step() instanceof AutoRelease.Release)) {
                    note.set(again != null && again.step() instanceof AutoRelease.Nothing n ? n.reason()
                            : "build " + buildId + " is gone");
                    return false;
                }
                return true;
            }, r -> {
                AutoRelease.Planned planned = AutoRelease.planned(d.settings(), r.id(), r.plan());
                if (planned.commit()) {
                    releases.commit(d.owner(), r.id());
                }
                record(buildId, AutoRelease.Event.RELEASE_PLANNED, planned.message());
                note.set(planned.message());
            }));
            return stored.isPresent() ? note.get() : "release not planned: " + note.get();
        } catch (DomainException refused) {
            String why = "release not planned: " + refused.getMessage();
            tx.run(() -> builds.lockBuild(buildId).ifPresent(f -> recordOnce(f, AutoRelease.Event.RELEASE_REFUSED,
                    why)));
            return why;
        }
    }

    /** Locks the build and decides its next step; empty when it is gone or has no tasks. */
    private Optional<Decision> decide(long buildId) {
        AutoReleases.BuildFacts f = builds.lockBuild(buildId).orElse(null);
        if (f == null || f.platformIds().isEmpty()) {
            return Optional.empty();
        }
        List<Platform> ofBuild = f.platformIds().stream().sorted().map(platforms::findById)
                .flatMap(Optional::stream).toList();
        if (ofBuild.isEmpty()) {
            return Optional.empty();
        }
        // of several platforms, one that enables the pipeline (the decision then says it takes one platform only)
        Platform platform = ofBuild.stream().filter(p -> AutoRelease.Settings.of(p.data()).enabled()).findFirst()
                .orElse(ofBuild.get(0));
        AutoRelease.Settings settings = AutoRelease.Settings.of(platform.data());
        List<SignKey> platformKeys = keys.all().stream().filter(k -> k.platformIds().contains(platform.id()))
                .toList();
        AutoRelease.Facts facts = new AutoRelease.Facts(f.platformIds().size(), f.unfinished(), f.notCompleted(),
                f.importing(), AutoRelease.Tests.of(f.latestTests()), f.signed(), f.openSignTask().orElse(null),
                f.released(), done(f.events()));
        User owner = users.findById(f.owner()).orElseThrow(() ->
                new IllegalStateException("the owner of build " + buildId + " vanished"));
        return Optional.of(new Decision(f, platform, settings, owner,
                AutoRelease.next(settings, platform.name(), platformKeys, facts)));
    }

    private static Set<AutoRelease.Event> done(List<BuildEvent> events) {
        Set<AutoRelease.Event> done = new LinkedHashSet<>();
        for (BuildEvent e : events) {
            Arrays.stream(AutoRelease.Event.values()).filter(k -> k.code().equals(e.event())).forEach(done::add);
        }
        return done;
    }

    private void record(long buildId, AutoRelease.Event event, String message) {
        builds.record(new BuildEvent(buildId, clock.instant(), event.code(), message));
    }

    /** A stop is recorded once: not again while it is the build's last line (each test result asks again). */
    private void recordOnce(AutoReleases.BuildFacts f, AutoRelease.Event event, String message) {
        List<BuildEvent> events = f.events();
        BuildEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        if (last == null || !last.event().equals(event.code()) || !last.message().equals(message)) {
            record(f.buildId(), event, message);
        }
    }

    @Override
    public void failed(StoreJob job, String reason, Instant now) {
        // the build itself is unharmed: nothing of it changes; the job shows the reason
    }
}
