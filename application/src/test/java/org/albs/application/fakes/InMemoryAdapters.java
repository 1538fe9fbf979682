package org.albs.application.fakes;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;

/** Every out-port in memory, wired to one transaction runner and one store, plus set-up shortcuts for tests. */
public final class InMemoryAdapters {
    private final Clock clock;
    private final ImmediateTransactions tx = new ImmediateTransactions();
    private final InMemoryUsers users = new InMemoryUsers(tx);
    private final InMemoryRepositories repositories = new InMemoryRepositories(tx);
    private final InMemoryPlatforms platforms = new InMemoryPlatforms(tx, repositories);
    private final InMemoryPlatformFlavours flavours = new InMemoryPlatformFlavours(tx, repositories);
    private final BuildStore store = new BuildStore(tx, users, platforms);
    {
        store.flavours = flavours;
    }
    private final InMemoryBuilds builds = new InMemoryBuilds(store);
    private final InMemoryBuildTaskQueue queue = new InMemoryBuildTaskQueue(store);
    private final InMemoryTaskResults results = new InMemoryTaskResults(store);
    private final InMemoryBuildQueries queries = new InMemoryBuildQueries(store);
    private final InMemoryStoreJobs jobs = new InMemoryStoreJobs(store);
    private final InMemoryBuildArtifacts artifacts = new InMemoryBuildArtifacts(store);
    private final InMemoryArtifactStore artifactStore = new InMemoryArtifactStore();
    private final InMemoryTestTasks tests = new InMemoryTestTasks(store, jobs);
    private final InMemoryTestSystem testSystem = new InMemoryTestSystem();
    private final InMemorySignKeys signKeys = new InMemorySignKeys(tx, platforms);
    private final InMemorySignTasks signTasks = new InMemorySignTasks(store, signKeys);
    private final InMemoryReleases releases = new InMemoryReleases(store, repositories, signKeys, signTasks);
    private final InMemoryAutoReleases autoReleases = new InMemoryAutoReleases(store, tests, signTasks);
    private final InMemoryPackageKnowledge knowledge = new InMemoryPackageKnowledge();
    private final InMemoryProducts products = new InMemoryProducts(store, repositories);
    private final InMemoryTeams teams = new InMemoryTeams(tx);
    private final InMemoryGenKeyTasks genKeys = new InMemoryGenKeyTasks(tx);
    private final org.albs.application.team.Access access = new org.albs.application.team.Access(products, teams);
    {
        knowledge.disable();
    }
    private final FakeAccessTokens tokens;
    private final PlainPasswordHasher hasher = new PlainPasswordHasher();

    public InMemoryAdapters(Clock clock) {
        this.clock = clock;
        this.tokens = new FakeAccessTokens(clock);
    }

    public ImmediateTransactions tx() {
        return tx;
    }

    public InMemoryProducts products() {
        return products;
    }

    public InMemoryTeams teams() {
        return teams;
    }

    public InMemoryGenKeyTasks genKeys() {
        return genKeys;
    }

    public org.albs.application.team.Access access() {
        return access;
    }

    public InMemoryUsers users() {
        return users;
    }

    public InMemoryRepositories repositories() {
        return repositories;
    }

    public InMemoryPlatforms platforms() {
        return platforms;
    }

    public InMemoryPlatformFlavours flavours() {
        return flavours;
    }

    public BuildStore store() {
        return store;
    }

    public InMemoryBuilds builds() {
        return builds;
    }

    public InMemoryBuildTaskQueue queue() {
        return queue;
    }

    public InMemoryTaskResults results() {
        return results;
    }

    public InMemoryBuildQueries queries() {
        return queries;
    }

    public InMemoryTestTasks tests() {
        return tests;
    }

    public InMemoryTestSystem testSystem() {
        return testSystem;
    }

    public InMemoryStoreJobs jobs() {
        return jobs;
    }

    public InMemoryBuildArtifacts artifacts() {
        return artifacts;
    }

    public InMemoryArtifactStore artifactStore() {
        return artifactStore;
    }

    public InMemorySignKeys signKeys() {
        return signKeys;
    }

    public InMemorySignTasks signTasks() {
        return signTasks;
    }

    public InMemoryReleases releases() {
        return releases;
    }

    public InMemoryAutoReleases autoReleases() {
        return autoReleases;
    }

    public InMemoryPackageKnowledge knowledge() {
        return knowledge;
    }

    public FakeAccessTokens tokens() {
        return tokens;
    }

    public PlainPasswordHasher hasher() {
        return hasher;
    }

    /** The build service over these adapters. */
    public org.albs.application.builds.BuildService buildService() {
        return new org.albs.application.builds.BuildService(builds, queries, queue, platforms, flavours, jobs,
                artifacts, access, tx, clock);
    }

    /** The build nodes' service over these adapters (a 20-minute lease, 3 attempts). */
    public org.albs.application.builds.BuildNodeService buildNodeService() {
        return new org.albs.application.builds.BuildNodeService(queue, builds, results, jobs, platforms, tx, clock,
                new org.albs.domain.lease.LeaseTerms(java.time.Duration.ofMinutes(20), 3),
                "http://pulp/pulp/content/builds");
    }

    /** The artifact-store job service over these adapters (a 5-minute job lease, 5 attempts). */
    public org.albs.application.artifacts.StoreJobService storeJobService() {
        return new org.albs.application.artifacts.StoreJobService(jobs, artifacts, queue, platforms, artifactStore,
                knowledge, tx, clock, new org.albs.domain.lease.LeaseTerms(java.time.Duration.ofMinutes(5), 5),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5),
                org.albs.application.artifacts.StoreJobService.BuildSettled.NONE);
    }

    /** Runs the waiting store jobs, as one worker would, until none waits; returns how many it ran. */
    public int runStoreJobs() {
        return runStoreJobs(storeJobService());
    }

    /** Runs the service's waiting jobs, as one worker would, until none waits; returns how many it ran. */
    public static int runStoreJobs(org.albs.application.artifacts.StoreJobService service) {
        org.albs.domain.identity.UserId worker = service.newWorker();
        int ran = 0;
        while (service.workOnce(worker)) {
            ran++;
        }
        return ran;
    }

    /**
     * An RPM a build node uploaded to the store, as it reports it: the {@code n}th upload (its href and checksum
     * unique by {@code n}), its header read from its name.
     */
    public org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact uploadedRpm(String name, int n) {
        var r = new org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact(name, "rpm",
                "/pulp/api/v3/artifacts/" + name + "/" + n + "/", String.format("%064x", n), null);
        artifactStore.upload(r.href(), r.sha256(), Packages.meta(name));
        return r;
    }

    /** An active, verified account; {@code name@example.org}, password "secret-" + name. */
    public User user(String name, boolean superuser) {
        return tx.inTransaction(() -> users.insert(new NewUser(name, name + "@example.org",
                hasher.hash("secret-" + name), true, true, superuser), clock.instant()));
    }

    /** An rpm platform with one base repository per arch (and one for src builds' build logs). */
    public Platform platform(String name, List<String> arches) {
        return tx.inTransaction(() -> {
            List<Repository> repos = new java.util.ArrayList<>();
            for (String arch : arches) {
                repos.add(repositories.upsert(new Repository(null, name + "-BaseOS", arch,
                        "https://repo.example.org/" + name + "/BaseOS/" + arch + "/os/", "rpm", false, 10, false, true,
                        null, null, null)));
            }
            return platforms.insert(new Platform(null, name, "rpm", "almalinux", "9", name.toLowerCase(), null, null,
                    null, null, arches, null, null, Map.of("mock", Map.of("root", name)), null, false, repos,
                    List.of()));
        });
    }
}
