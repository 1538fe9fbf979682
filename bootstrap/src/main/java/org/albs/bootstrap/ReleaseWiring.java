package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.PackageKnowledge;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.Releases;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.release.ReleaseJob;
import org.albs.application.release.ReleaseService;
import org.albs.application.team.Access;
import org.albs.domain.artifacts.StoreJobKind;

/** Releases: the release service, and the commit and revert jobs it registers with the store job workers. */
@ApplicationScoped
public class ReleaseWiring {
    @Produces
    @Singleton
    ReleaseService releaseService(Releases releases, Platforms platforms, Users users, Products products,
                                  Access access, PackageKnowledge knowledge, StoreJobs jobs, Transactions tx,
                                  Clock clock) {
        return new ReleaseService(releases, platforms, users, products, access, knowledge, jobs, tx, clock);
    }

    @Produces
    @Singleton
    StoreJobService.KindWork commitRelease(Releases releases, Platforms platforms, ReleaseService service,
                                           ArtifactStore store, Transactions tx, Clock clock, AlbsConfig config) {
        return ReleaseJob.of(StoreJobKind.COMMIT_RELEASE, releases, platforms, service, store, tx, clock,
                config.releases().createProductionRepositories());
    }

    @Produces
    @Singleton
    StoreJobService.KindWork revertRelease(Releases releases, Platforms platforms, ReleaseService service,
                                           ArtifactStore store, Transactions tx, Clock clock, AlbsConfig config) {
        return ReleaseJob.of(StoreJobKind.REVERT_RELEASE, releases, platforms, service, store, tx, clock,
                config.releases().createProductionRepositories());
    }
}
