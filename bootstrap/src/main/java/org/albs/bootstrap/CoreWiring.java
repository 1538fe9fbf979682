package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.adapter.in.rest.security.Hs256AccessTokens;
import org.albs.adapter.in.rest.security.Pbkdf2PasswordHasher;
import org.albs.adapter.out.beholder.BeholderPackageKnowledge;
import org.albs.adapter.out.beholder.BeholderSettings;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.team.Access;
import org.albs.application.identity.IdentityService;
import org.albs.application.platform.PlatformFlavourService;
import org.albs.application.platform.PlatformService;
import org.albs.application.platform.RepositoryQueries;
import org.albs.application.port.out.AccessTokens;
import org.albs.application.port.out.ArtifactStore;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.PackageKnowledge;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.BuildQueries;
import org.albs.application.port.out.BuildTaskQueue;
import org.albs.application.port.out.Builds;
import org.albs.application.port.out.PasswordHasher;
import org.albs.application.port.out.PlatformFlavours;
import org.albs.application.port.out.Platforms;
import org.albs.application.port.out.Repositories;
import org.albs.application.port.out.TaskResults;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.testing.TestTaskCreation;
import org.albs.domain.lease.LeaseTerms;

/**
 * The core's services are plain classes; this is where they meet their adapters. Each producer's bean types include
 * every in-port its service implements, so resources inject the use cases they call.
 */
@ApplicationScoped
public class CoreWiring {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AccessTokens accessTokens(AlbsConfig config, Clock clock) {
        String secret = config.auth().jwtSecret().filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("JWT_SECRET is not set: the server cannot verify node tokens without it"));
        return new Hs256AccessTokens(secret, clock);
    }

    @Produces
    @Singleton
    PasswordHasher passwordHasher() {
        return new Pbkdf2PasswordHasher();
    }

    @Produces
    @Singleton
    IdentityService identityService(Users users, AccessTokens tokens, PasswordHasher hasher, Transactions tx,
                                    Clock clock, AlbsConfig config) {
        return new IdentityService(users, tokens, hasher, tx, clock, config.auth().userCacheTtl());
    }

    @Produces
    @Singleton
    PlatformService platformService(Platforms platforms, Repositories repositories, Transactions tx) {
        return new PlatformService(platforms, repositories, tx);
    }

    @Produces
    @Singleton
    RepositoryQueries repositoryQueries(Repositories repositories, Transactions tx) {
        return new RepositoryQueries(repositories, tx);
    }

    @Produces
    @Singleton
    BuildService buildService(Builds builds, BuildQueries queries, BuildTaskQueue queue, Platforms platforms,
                              PlatformFlavours flavours, StoreJobs jobs, BuildArtifacts artifacts, Access access,
                              Transactions tx, Clock clock) {
        return new BuildService(builds, queries, queue, platforms, flavours, jobs, artifacts, access, tx, clock);
    }

    @Produces
    @Singleton
    PlatformFlavourService platformFlavourService(PlatformFlavours flavours, Repositories repositories,
                                                  Transactions tx) {
        return new PlatformFlavourService(flavours, repositories, tx);
    }

    /** Made on first use (a client proxy), like the test system: its HTTP client initialises the JVM's TLS stack. */
    @Produces
    @ApplicationScoped
    PackageKnowledge packageKnowledge(AlbsConfig config) {
        AlbsConfig.Beholder b = config.beholder();
        return new BeholderPackageKnowledge(new BeholderSettings(b.host(), b.token(), b.timeout(), b.retries(),
                b.backoff()));
    }

    @Produces
    @Singleton
    StoreJobService storeJobService(StoreJobs jobs, BuildArtifacts artifacts, BuildTaskQueue queue,
                                    Platforms platforms, ArtifactStore store, PackageKnowledge knowledge,
                                    Transactions tx, Clock clock, AlbsConfig config,
                                    StoreJobService.BuildSettled settled,
                                    jakarta.enterprise.inject.Instance<StoreJobService.KindWork> otherKinds) {
        AlbsConfig.Jobs j = config.jobs();
        StoreJobService service = new StoreJobService(jobs, artifacts, queue, platforms, store, knowledge, tx, clock,
                new LeaseTerms(j.leaseDuration(), j.maxAttempts()), j.backOff(), j.maxBackOff(), settled);
        otherKinds.forEach(service::register);
        return service;
    }

    @Produces
    @Singleton
    BuildNodeService buildNodeService(BuildTaskQueue queue, Builds builds, TaskResults results, StoreJobs jobs,
                                      Platforms platforms, Transactions tx, Clock clock, AlbsConfig config,
                                      StoreWiring.Choice store, TestTaskCreation testing) {
        LeaseTerms terms = new LeaseTerms(config.dispatch().leaseDuration(), config.dispatch().maxAttempts());
        return new BuildNodeService(queue, builds, results, jobs, platforms, tx, clock, terms,
                store.contentUrl() + "builds/", testing);
    }
}
