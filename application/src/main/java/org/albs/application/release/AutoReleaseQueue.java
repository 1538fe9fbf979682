package org.albs.application.release;

import java.time.Instant;
import java.util.Optional;

import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.application.port.out.AutoReleases;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.StoreJobs;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.release.AutoRelease;

/**
 * The pipeline's trigger: for a build on a platform whose data enables the pipeline, an {@link StoreJobKind#AUTO_RELEASE}
 * job is written in the caller's transaction; for any other build nothing is. The job decides what, if anything,
 * to do; two jobs for one build do no harm ({@link AutoReleaseJob} takes each step once).
 */
public final class AutoReleaseQueue implements AutoReleaseTrigger {
    private final AutoReleases builds;
    private final Platforms platforms;
    private final StoreJobs jobs;

    public AutoReleaseQueue(AutoReleases builds, Platforms platforms, StoreJobs jobs) {
        this.builds = builds;
        this.platforms = platforms;
        this.jobs = jobs;
    }

    @Override
    public void buildMoved(long buildId, Instant now) {
        boolean on = builds.platformIds(buildId).stream().map(platforms::findById).flatMap(Optional::stream)
                .anyMatch(p -> AutoRelease.Settings.of(p.data()).enabled());
        if (on) {
            jobs.enqueue(StoreJob.waiting(StoreJobKind.AUTO_RELEASE, StoreJob.Subject.build(buildId), now));
        }
    }
}
