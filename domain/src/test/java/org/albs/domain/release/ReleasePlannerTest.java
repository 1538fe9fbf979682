package org.albs.domain.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Where each kind of package goes, with its trust: every rule of the planner, one case each. */
class ReleasePlannerTest {
    private static final List<TargetRepository> REPOS = new ArrayList<>();

    private static void repo(String name, boolean debug, String... arches) {
        for (String arch : arches) {
            REPOS.add(new TargetRepository(REPOS.size() + 1, name, arch, debug, "https://x/" + name + "/" + arch, 0,
                    null));
        }
    }

    static {
        repo("almalinux-8-baseos", false, "i686", "x86_64", "aarch64", "src");
        repo("almalinux-8-appstream", false, "x86_64", "aarch64", "src");
        repo("almalinux-8-appstream-debuginfo", true, "x86_64");
        repo("almalinux-8-devel", false, "i686", "x86_64", "aarch64", "src");
        repo("almalinux-8-devel-debuginfo", true, "x86_64");
    }

    private static final ReleasePlanner.Layout LAYOUT = new ReleasePlanner.Layout("almalinux", "8",
            List.of("i686", "x86_64", "aarch64"), REPOS);

    private static long idOf(String name, String arch) {
        return REPOS.stream().filter(r -> r.name().equals(name) && r.arch().equals(arch)).findFirst().orElseThrow()
                .id();
    }

    private static ReleasePackage pkg(String name, String version, String arch) {
        String file = name + "-" + version + "-1.el8." + arch + ".rpm";
        return new ReleasePackage(name.hashCode() & 0xffff, 1, 2, name, "0", version, "1.el8", arch, "sha-" + name,
                file, arch.equals("noarch") ? "x86_64" : arch, arch.equals("src") ? null : name + "-" + version
                + "-1.el8.src.rpm", false);
    }

    private static KnownPackage known(String name, String version, String arch, MatchMethod m, String... repos) {
        List<KnownPackage.Location> locations = new ArrayList<>();
        for (int i = 0; i < repos.length; i += 2) {
            locations.add(new KnownPackage.Location(repos[i], repos[i + 1]));
        }
        return new KnownPackage(name, version, arch, locations, m);
    }

    private static PlannedPackage only(ReleasePackage p, List<KnownPackage> known) {
        ReleasePlan plan = ReleasePlanner.plan(LAYOUT, List.of(p), known, Map.of());
        assertThat(plan.packages()).hasSize(1);
        return plan.packages().get(0);
    }

    @Test
    void anExactMatchGoesWhereTheReferenceHasItWithFullTrust() {
        PlannedPackage p = only(pkg("foo", "1.0", "x86_64"), List.of(known("foo", "1.0", "x86_64",
                MatchMethod.EXACT, "centos-stream-8-appstream", "x86_64")));
        assertThat(p.repositories()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("almalinux-8-appstream");
            assertThat(r.arch()).isEqualTo("x86_64");
            assertThat(r.id()).isEqualTo(idOf("almalinux-8-appstream", "x86_64"));
            assertThat(r.trustness()).isEqualTo(1);
            assertThat(r.matched()).isEqualTo("exact");
        });
        assertThat(p.repoArchLocation()).containsExactly("x86_64");
    }

    @Test
    void aClosestMatchHasTrustTwo() {
        PlannedPackage p = only(pkg("bar", "2.0", "x86_64"), List.of(known("bar", "2.0", "x86_64",
                MatchMethod.CLOSEST, "almalinux-8-baseos", "x86_64")));
        assertThat(p.repositories().get(0).name()).isEqualTo("almalinux-8-baseos");
        assertThat(p.repositories().get(0).trustness()).isEqualTo(2);
        assertThat(p.repositories().get(0).matched()).isEqualTo("closest");
    }

    @Test
    void anotherVersionOfTheSameNameIsANameOnlyMatch() {
        PlannedPackage p = only(pkg("baz", "3.0", "aarch64"), List.of(known("baz", "2.9", "aarch64",
                MatchMethod.EXACT, "centos-stream-8-baseos", "aarch64")));
        assertThat(p.repositories().get(0).name()).isEqualTo("almalinux-8-baseos");
        assertThat(p.repositories().get(0).trustness()).isEqualTo(2);
        assertThat(p.repositories().get(0).matched()).isEqualTo("name_only");
    }

    @Test
    void noMatchGoesToDevelWithTrustZero() {
        PlannedPackage p = only(pkg("new-thing", "1", "x86_64"), List.of(known("other", "1", "x86_64",
                MatchMethod.EXACT, "centos-stream-8-appstream", "x86_64")));
        assertThat(p.repositories()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("almalinux-8-devel");
            assertThat(r.trustness()).isZero();
            assertThat(r.matched()).isNull();
        });
        assertThat(p.repoArchLocation()).containsExactly("x86_64");
    }

    @Test
    void withoutKnowledgeEverythingGoesToDevelEachToItsArch() {
        ReleasePlan plan = ReleasePlanner.plan(LAYOUT, List.of(pkg("a", "1", "src"), pkg("a", "1", "i686"),
                pkg("a-data", "1", "noarch"), pkg("a-debuginfo", "1", "x86_64")), List.of(), Map.of());
        assertThat(plan.packages()).extracting(p -> p.repositories().get(0).name() + " " + p.repoArchLocation())
                .containsExactly("almalinux-8-devel [src]", "almalinux-8-devel [i686]",
                        "almalinux-8-devel [i686, x86_64, aarch64]", "almalinux-8-devel-debuginfo [x86_64]");
    }

    @Test
    void aMatchIntoARepositoryThisPlatformLacksFallsBackToDevel() {
        PlannedPackage p = only(pkg("foo", "1.0", "x86_64"), List.of(known("foo", "1.0", "x86_64",
                MatchMethod.EXACT, "centos-stream-8-highavailability", "x86_64")));
        assertThat(p.repositories().get(0).name()).isEqualTo("almalinux-8-devel");
        assertThat(p.repositories().get(0).trustness()).isZero();
    }

    @Test
    void noarchGoesIntoEveryArchRepositoryOfItsName() {
        PlannedPackage p = only(pkg("foo-doc", "1.0", "noarch"), List.of(known("foo-doc", "1.0", "noarch",
                MatchMethod.EXACT, "centos-stream-8-appstream", "x86_64")));
        assertThat(p.repositories().get(0).name()).isEqualTo("almalinux-8-appstream");
        assertThat(p.repoArchLocation()).containsExactly("x86_64", "aarch64");
    }

    @Test
    void debuginfoGoesToTheDebugRepositoryOfItsPackage() {
        PlannedPackage p = only(pkg("foo-debuginfo", "1.0", "x86_64"), List.of(known("foo", "1.0", "x86_64",
                MatchMethod.EXACT, "centos-stream-8-appstream", "x86_64")));
        assertThat(p.repositories()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("almalinux-8-appstream-debuginfo");
            assertThat(r.debug()).isTrue();
            assertThat(r.trustness()).isEqualTo(1);
        });
    }

    @Test
    void aMultilibI686PackageGoesIntoTheX8664AndTheI686Repositories() {
        PlannedPackage p = only(pkg("libfoo", "1.0", "i686"), List.of(known("libfoo", "1.0", "i686",
                MatchMethod.EXACT, "centos-stream-8-baseos", "x86_64")));
        assertThat(p.repositories().get(0).name()).isEqualTo("almalinux-8-baseos");
        assertThat(p.repositories().get(0).arch()).isEqualTo("x86_64");
        assertThat(p.repoArchLocation()).containsExactly("x86_64", "i686");
    }

    @Test
    void aSourcePackageGoesToTheSourceRepository() {
        PlannedPackage p = only(pkg("foo", "1.0", "src"), List.of(known("foo", "1.0", "src", MatchMethod.EXACT,
                "centos-stream-8-appstream", "src")));
        assertThat(p.repositories().get(0).arch()).isEqualTo("src");
        assertThat(p.repoArchLocation()).containsExactly("src");
    }

    @Test
    void theMostExactMatchWinsThenTheFirstDistributionAsked() {
        PlannedPackage exact = only(pkg("foo", "1.0", "x86_64"), List.of(
                known("foo", "1.0", "x86_64", MatchMethod.NAME_ONLY, "centos-stream-8-baseos", "x86_64"),
                known("foo", "1.0", "x86_64", MatchMethod.EXACT, "centos-stream-8-appstream", "x86_64")));
        assertThat(exact.repositories().get(0).name()).isEqualTo("almalinux-8-appstream");
        PlannedPackage first = only(pkg("foo", "1.0", "x86_64"), List.of(
                known("foo", "1.0", "x86_64", MatchMethod.CLOSEST, "centos-stream-8-baseos", "x86_64"),
                known("foo", "1.0", "x86_64", MatchMethod.CLOSEST, "almalinux-8-appstream", "x86_64")));
        assertThat(first.repositories().get(0).name()).isEqualTo("almalinux-8-baseos");
    }

    @Test
    void packagesAlreadyInATargetAreFlaggedAndDuplicatesPlannedOnce() {
        ReleasePackage foo = pkg("foo", "1.0", "x86_64");
        ReleasePlan plan = ReleasePlanner.plan(LAYOUT, List.of(foo, foo), List.of(),
                Map.of(foo.nevra(), Set.of(5L, 2L)));
        assertThat(plan.packages()).hasSize(1);
        assertThat(plan.packagesInRepos()).containsExactly(Map.entry(foo.fullName(), List.of(2L, 5L)));
        assertThat(plan.repositories()).isEqualTo(REPOS);
    }

    @Test
    void aPackageFoundInATargetIsTakenFromTheFirstRepositoryHoldingIt() {
        ReleasePackage foo = pkg("foo", "1.0", "x86_64");
        ReleasePackage bar = pkg("bar", "1.0", "x86_64");
        ReleasePackage baz = pkg("baz", "1.0", "x86_64");
        ReleasePlan plan = ReleasePlanner.plan(LAYOUT, List.of(foo, bar, baz), List.of(),
                Map.of(foo.nevra(), Set.of(5L, 2L), bar.nevra(), Set.of(7L)));
        Map<String, String> hrefs = ReleasePlanner.hrefsFromRepos(plan, Map.of(
                2L, Map.of(foo.nevra(), "/pulp/foo-in-2/"), 5L, Map.of(foo.nevra(), "/pulp/foo-in-5/")));
        assertThat(hrefs).as("foo from repository 2 (packages_from_repos); bar's repository has no record of it;"
                + " baz is nowhere").containsExactly(Map.entry(foo.fullName(), "/pulp/foo-in-2/"));
        ReleasePlan withHrefs = plan.withHrefsFromRepos(hrefs);
        assertThat(withHrefs.withPackages(withHrefs.packages(), Map.of()).hrefsFromRepos())
                .as("no longer found anywhere: no href").isEmpty();
        assertThat(withHrefs.withPackages(withHrefs.packages(), withHrefs.packagesInRepos()).hrefsFromRepos())
                .isEqualTo(hrefs);
    }

    @Test
    void referenceRepositoryNamesLoseTheirDistributionAndVersion() {
        assertThat(ReleasePlanner.repositorySuffix("centos-stream-8-appstream")).isEqualTo("appstream");
        assertThat(ReleasePlanner.repositorySuffix("almalinux-9-beta-crb-debuginfo")).isEqualTo("crb-debuginfo");
        assertThat(ReleasePlanner.repositorySuffix("rhel-8.6-baseos")).isEqualTo("baseos");
        assertThat(ReleasePlanner.repositorySuffix("no-version")).isNull();
        assertThat(ReleasePlanner.repositorySuffix("almalinux-8")).isNull();
    }

    @Test
    void aThousandPackagesArePlannedEachOnce() {
        List<ReleasePackage> packages = new ArrayList<>();
        List<KnownPackage> known = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            packages.add(pkg("p" + i, "1.0", i % 3 == 0 ? "noarch" : "x86_64"));
            known.add(known("p" + i, "1.0", i % 3 == 0 ? "noarch" : "x86_64", MatchMethod.EXACT,
                    "centos-stream-8-appstream", "x86_64"));
        }
        ReleasePlan plan = ReleasePlanner.plan(LAYOUT, packages, known, Map.of());
        assertThat(plan.packages()).hasSize(1000);
        assertThat(plan.packages()).allSatisfy(p -> assertThat(p.repositories().get(0).trustness()).isEqualTo(1));
    }
}
