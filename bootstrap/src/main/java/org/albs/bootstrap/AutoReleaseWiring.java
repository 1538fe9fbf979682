package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.AutoReleases;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.SignKeys;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.release.AutoReleaseJob;
import org.albs.application.release.AutoReleaseQueue;
import org.albs.application.pipeline.AutoReleaseTrigger;
import org.albs.application.release.ReleaseService;
import org.albs.application.signing.SigningService;

/**
 * The automatic pipeline (off unless a platform's data enables it): the trigger the testing and signing flows call,
 * and the store job kind that takes a build's next step (registered with the store job workers).
 */
@ApplicationScoped
public class AutoReleaseWiring {
    @Produces
    @Singleton
    AutoReleaseTrigger autoReleaseTrigger(AutoReleases builds, Platforms platforms, StoreJobs jobs) {
        return new AutoReleaseQueue(builds, platforms, jobs);
    }

    @Produces
    @Singleton
    StoreJobService.KindWork autoReleaseJob(AutoReleases builds, Platforms platforms, SignKeys keys, Users users,
                                            SigningService signing, ReleaseService releases, Transactions tx,
                                            Clock clock) {
        return new AutoReleaseJob(builds, platforms, keys, users, signing, releases, tx, clock);
    }
}
