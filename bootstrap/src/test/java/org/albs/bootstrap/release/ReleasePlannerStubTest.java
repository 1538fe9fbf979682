package org.albs.bootstrap.release;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.albs.adapter.out.beholder.BeholderPackageKnowledge;
import org.albs.adapter.out.beholder.BeholderSettings;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.InMemoryNode;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.release.NewReleaseCommand;
import org.albs.application.release.ReleaseService;
import org.albs.domain.identity.User;
import org.albs.domain.lease.LeaseTerms;
import org.albs.domain.platform.Platform;
import org.albs.domain.platform.Repository;
import org.albs.domain.release.PlannedPackage;
import org.albs.domain.release.ReleaseCommit;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleasePlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release planner through the real beholder adapter, against a WireMock beholder answering as beholder does:
 * every rule of the planner (exact, closest, name-only and no match; noarch; debuginfo; an i686 package shipped in
 * x86_64; a package already in its target) on one build, planned by the release service over in-memory ports.
 */
class ReleasePlannerStubTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private WireMockServer beholder;
    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = new BuildService(a.builds(), a.queries(), a.queue(), a.platforms(),
            a.flavours(), a.jobs(),
            a.artifacts(), a.access(), a.tx(), clock);
    private final BuildNodeService dispatch = new BuildNodeService(a.queue(), a.builds(), a.results(), a.jobs(),
            a.platforms(), a.tx(), clock, new LeaseTerms(Duration.ofMinutes(20), 3), "http://store/builds");
    private ReleaseService releases;
    private Platform platform;
    private User alice;
    private User node;
    private final Map<String, Long> repoIds = new LinkedHashMap<>();
    private InMemoryNode nodeWork;

    @BeforeEach
    void start() {
        beholder = new WireMockServer(options().dynamicPort());
        beholder.start();
        releases = new ReleaseService(a.releases(), a.platforms(), a.users(), a.products(), a.access(), new BeholderPackageKnowledge(
                new BeholderSettings(Optional.of(beholder.baseUrl()), Optional.empty(), Duration.ofSeconds(5), 1,
                        Duration.ofMillis(5))), a.jobs(), a.tx(), clock);
        alice = a.user("alice", false);
        node = a.user("node", false);
        nodeWork = new InMemoryNode(a, dispatch, node, a::runStoreJobs);
        Platform base = a.platform("AlmaLinux-9", List.of("i686", "x86_64"));
        List<Repository> repos = new ArrayList<>(base.repositories());
        production(repos, "almalinux-9-baseos", false, "i686", "x86_64", "src");
        production(repos, "almalinux-9-appstream", false, "i686", "x86_64", "src");
        production(repos, "almalinux-9-appstream-debuginfo", true, "x86_64");
        production(repos, "almalinux-9-devel", false, "i686", "x86_64", "src");
        production(repos, "almalinux-9-devel-debuginfo", true, "x86_64");
        platform = a.tx().inTransaction(() -> a.platforms().update(new Platform(base.id(), base.name(), base.type(),
                base.distrType(), base.distrVersion(), base.testDistName(), base.contactMail(), base.copyright(),
                base.pgpKey(), base.priority(), base.archList(), base.copyPriorityArches(), base.weakArchList(),
                base.data(), base.modularity(), base.reference(), repos, List.of())));
    }

    @AfterEach
    void stop() {
        beholder.stop();
    }

    private void production(List<Repository> repos, String name, boolean debug, String... arches) {
        for (String arch : arches) {
            Repository r = a.tx().inTransaction(() -> a.repositories().upsert(new Repository(null, name, arch,
                    "https://repo.example.org/" + name + "/" + arch + "/", "rpm", debug, 10, true, true, null, null,
                    null)));
            repos.add(r);
            repoIds.put(name + " " + arch, r.id());
        }
    }

    private long finishedBuild() {
        long id = builds.create(alice, build(platform("AlmaLinux-9", true, "i686", "x86_64"), "foo")).id();
        a.runStoreJobs();
        nodeWork.report("src", "foo-1.0-1.el9.src.rpm");
        nodeWork.report("i686", "libfoo-1.0-1.el9.i686.rpm", "foo-doc-1.0-1.el9.noarch.rpm");
        nodeWork.report("x86_64", "foo-1.0-1.el9.x86_64.rpm", "bar-2.0-1.el9.x86_64.rpm", "baz-3.0-1.el9.x86_64.rpm",
                "brand-new-1.0-1.el9.x86_64.rpm", "foo-debuginfo-1.0-1.el9.x86_64.rpm",
                "foo-doc-1.0-1.el9.noarch.rpm");
        return id;
    }

    private static String pkg(String name, String version, String arch, String repository, String repositoryArch) {
        return "{\"name\": \"" + name + "\", \"epoch\": 0, \"version\": \"" + version + "\", \"release\": \"1.el9\","
                + " \"arch\": \"" + arch + "\", \"repositories\": [{\"name\": \"" + repository + "\", \"arch\": \""
                + repositoryArch + "\"}]}";
    }

    /** "repository [arches] trust matched" of each planned package, by file name. */
    private static Map<String, String> targets(ReleasePlan plan) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (PlannedPackage p : plan.packages()) {
            var r = p.repositories().get(0);
            targets.put(p.pkg().fullName(), r.name() + " " + p.repoArchLocation() + " " + r.trustness() + " "
                    + r.matched());
        }
        return targets;
    }

    @Test
    void everyRuleOfThePlannerThroughTheBeholderAdapter() {
        long buildId = finishedBuild();
        beholder.stubFor(post(urlEqualTo("/api/v1/distros/AlmaLinux/9/projects/")).willReturn(okJson(
                "[{\"packages\": {\"exact\": ["
                        + pkg("foo", "1.0", "x86_64", "centos-stream-9-appstream", "x86_64") + ", "
                        + pkg("foo", "1.0", "src", "centos-stream-9-appstream", "src") + ", "
                        + pkg("foo-doc", "1.0", "noarch", "centos-stream-9-appstream", "x86_64") + ", "
                        + pkg("libfoo", "1.0", "i686", "centos-stream-9-baseos", "x86_64") + ", "
                        + pkg("baz", "2.9", "x86_64", "centos-stream-9-baseos", "x86_64") + "],"
                        + " \"closest\": [" + pkg("bar", "2.0", "x86_64", "centos-stream-9-baseos", "x86_64") + "]"
                        + "}}]")));
        ReleasePackage foo = a.tx().inTransaction(() -> a.releases().packages(List.of(buildId), List.of(),
                List.of(platform.id()))).stream().filter(p -> p.fullName().equals("foo-1.0-1.el9.x86_64.rpm"))
                .findFirst().orElseThrow();
        a.tx().run(() -> a.releases().recordPlacements(999, List.of(new ReleaseCommit.Placement(
                repoIds.get("almalinux-9-appstream x86_64"), 1, "earlier-foo", foo.nevra(), foo.fullName()))));

        ReleasePlan plan = releases.create(alice, new NewReleaseCommand(List.of(buildId), List.of(), platform.id(),
                null, null)).release().plan();

        beholder.verify(postRequestedFor(urlEqualTo("/api/v1/distros/AlmaLinux/9/projects/"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(targets(plan)).containsOnly(
                Map.entry("foo-1.0-1.el9.src.rpm", "almalinux-9-appstream [src] 1 exact"),
                Map.entry("foo-1.0-1.el9.x86_64.rpm", "almalinux-9-appstream [x86_64] 1 exact"),
                Map.entry("bar-2.0-1.el9.x86_64.rpm", "almalinux-9-baseos [x86_64] 2 closest"),
                Map.entry("baz-3.0-1.el9.x86_64.rpm", "almalinux-9-baseos [x86_64] 2 name_only"),
                Map.entry("brand-new-1.0-1.el9.x86_64.rpm", "almalinux-9-devel [x86_64] 0 null"),
                Map.entry("foo-doc-1.0-1.el9.noarch.rpm", "almalinux-9-appstream [i686, x86_64] 1 exact"),
                Map.entry("foo-debuginfo-1.0-1.el9.x86_64.rpm", "almalinux-9-appstream-debuginfo [x86_64] 1 exact"),
                Map.entry("libfoo-1.0-1.el9.i686.rpm", "almalinux-9-baseos [x86_64, i686] 1 exact"));
        assertThat(plan.packagesInRepos()).as("the package a release already put in its target is flagged")
                .containsOnly(Map.entry("foo-1.0-1.el9.x86_64.rpm",
                        List.of(repoIds.get("almalinux-9-appstream x86_64"))));
    }

    @Test
    void aBeholderThatKnowsNothingSendsEverythingToDevelWithTrustZero() {
        long buildId = finishedBuild();
        beholder.stubFor(post(urlEqualTo("/api/v1/distros/AlmaLinux/9/projects/"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)));
        ReleasePlan plan = releases.create(alice, new NewReleaseCommand(List.of(buildId), List.of(), platform.id(),
                null, null)).release().plan();
        assertThat(plan.packages()).allSatisfy(p -> {
            assertThat(p.repositories().get(0).name()).startsWith("almalinux-9-devel");
            assertThat(p.repositories().get(0).trustness()).isZero();
        });
        assertThat(targets(plan)).containsEntry("foo-doc-1.0-1.el9.noarch.rpm", "almalinux-9-devel [i686, x86_64] 0 "
                + "null");
    }
}
