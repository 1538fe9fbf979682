package org.albs.domain.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a commit changes, or why it refuses, decided before anything changes. */
class ReleaseCommitTest {
    private static final List<ReleaseCommit.Target> TARGETS = List.of(
            new ReleaseCommit.Target(1, "almalinux-8-appstream", "x86_64", false, "h1"),
            new ReleaseCommit.Target(2, "almalinux-8-appstream", "aarch64", false, "h2"),
            new ReleaseCommit.Target(3, "almalinux-8-devel", "x86_64", false, null));

    private static ReleasePackage pkg(long artifactId, String name, String arch, boolean force) {
        return new ReleasePackage(artifactId, 1, 1, name, "0", "1.0", "1.el8", arch, "sha", name + "-1.0-1.el8."
                + arch + ".rpm", "x86_64", "src.rpm", force);
    }

    private static PlannedPackage planned(ReleasePackage p, String repo, long repoId, String... arches) {
        return new PlannedPackage(p, List.of(new TargetRepository(repoId, repo, arches[0], false, "u", 1,
                "exact")), List.of(arches));
    }

    private static ReleasePlan plan(PlannedPackage... packages) {
        return new ReleasePlan(List.of(packages), List.of(), Map.of(), null);
    }

    @Test
    void eachTargetGetsItsAdditionsAndEachPlacementIsListed() {
        ReleasePackage doc = pkg(10, "foo-doc", "noarch", false);
        ReleasePackage bin = pkg(11, "foo", "x86_64", false);
        ReleaseCommit.Outcome o = ReleaseCommit.prepare(plan(planned(doc, "almalinux-8-appstream", 1, "x86_64",
                        "aarch64"), planned(bin, "almalinux-8-appstream", 1, "x86_64")),
                Map.of(10L, new ReleaseCommit.Artifact("c10", 7L), 11L, new ReleaseCommit.Artifact("c11", 7L)),
                Set.of(7L), TARGETS, Map.of());
        assertThat(o.refused()).isFalse();
        assertThat(o.additions()).containsExactly(Map.entry(1L, Set.of("c10", "c11")), Map.entry(2L, Set.of("c10")));
        assertThat(o.removals()).isEmpty();
        assertThat(o.placements()).extracting(p -> p.repositoryId() + ":" + p.contentHandle())
                .containsExactly("1:c10", "2:c10", "1:c11");
        assertThat(ReleaseCommit.undo(o.placements())).isEqualTo(o.additions());
    }

    @Test
    void whatIsAlreadyThereIsSkippedSoARunAgainAddsNothing() {
        ReleasePackage bin = pkg(11, "foo", "x86_64", false);
        ReleaseCommit.Outcome o = ReleaseCommit.prepare(plan(planned(bin, "almalinux-8-appstream", 1, "x86_64")),
                Map.of(11L, new ReleaseCommit.Artifact("c11", 7L)), Set.of(7L), TARGETS,
                Map.of(1L, Map.of(bin.nevra(), "c11")));
        assertThat(o.refused()).isFalse();
        assertThat(o.additions()).isEmpty();
        assertThat(o.placements()).isEmpty();
    }

    @Test
    void anotherPackageOfTheSameNevraIsRefusedUnlessForcedThenReplaced() {
        ReleasePackage bin = pkg(11, "foo", "x86_64", false);
        Map<Long, Map<String, String>> present = Map.of(1L, Map.of(bin.nevra(), "old"));
        ReleaseCommit.Outcome refused = ReleaseCommit.prepare(plan(planned(bin, "almalinux-8-appstream", 1,
                "x86_64")), Map.of(11L, new ReleaseCommit.Artifact("c11", 7L)), Set.of(7L), TARGETS, present);
        assertThat(refused.refusals()).singleElement().asString().contains("Cannot release " + bin.fullName())
                .contains("force release is disabled");
        assertThat(refused.additions()).isEmpty();
        ReleaseCommit.Outcome forced = ReleaseCommit.prepare(plan(planned(bin.withForce(true),
                "almalinux-8-appstream", 1, "x86_64")), Map.of(11L, new ReleaseCommit.Artifact("c11", 7L)),
                Set.of(7L), TARGETS, present);
        assertThat(forced.additions()).containsExactly(Map.entry(1L, Set.of("c11")));
        assertThat(forced.removals()).containsExactly(Map.entry(1L, Set.of("old")));
    }

    @Test
    void unsignedAndWronglySignedPackagesAreNamedAndNothingChanges() {
        ReleasePackage a = pkg(10, "a", "x86_64", false);
        ReleasePackage b = pkg(11, "b", "x86_64", false);
        ReleasePackage c = pkg(12, "c", "x86_64", false);
        ReleaseCommit.Outcome o = ReleaseCommit.prepare(plan(planned(a, "almalinux-8-appstream", 1, "x86_64"),
                        planned(b, "almalinux-8-appstream", 1, "x86_64"),
                        planned(c, "almalinux-8-appstream", 1, "x86_64")),
                Map.of(10L, new ReleaseCommit.Artifact("c10", null), 11L, new ReleaseCommit.Artifact("c11", 99L),
                        12L, new ReleaseCommit.Artifact("c12", 7L)), Set.of(7L), TARGETS, Map.of());
        assertThat(o.refusals()).containsExactly("not signed: " + a.fullName(),
                "signed with a key that is not one of the platform's: " + b.fullName());
        assertThat(o.additions()).isEmpty();
        assertThat(o.placements()).isEmpty();
    }

    @Test
    void missingArtifactsRepositoriesAndRepositoriesOutsideTheStoreAreRefused() {
        ReleasePackage gone = pkg(10, "gone", "x86_64", false);
        ReleasePackage nowhere = pkg(11, "nowhere", "x86_64", false);
        ReleasePackage linked = pkg(12, "linked", "x86_64", false);
        ReleasePackage homeless = pkg(13, "homeless", "x86_64", false);
        ReleaseCommit.Outcome o = ReleaseCommit.prepare(plan(planned(gone, "almalinux-8-appstream", 1, "x86_64"),
                        planned(nowhere, "almalinux-8-appstream", 1, "ppc64le"),
                        planned(linked, "almalinux-8-devel", 3, "x86_64"),
                        new PlannedPackage(homeless, List.of(), List.of())),
                Map.of(11L, new ReleaseCommit.Artifact("c11", 7L), 12L, new ReleaseCommit.Artifact("c12", 7L),
                        13L, new ReleaseCommit.Artifact("c13", 7L)), Set.of(7L), TARGETS, Map.of());
        assertThat(o.refusals()).hasSize(4);
        assertThat(String.join("\n", o.refusals())).contains(gone.fullName() + " is no longer stored")
                .contains(nowhere.fullName() + ": the platform has no production repository almalinux-8-appstream "
                        + "ppc64le")
                .contains(linked.fullName() + ": the production repository almalinux-8-devel x86_64 is not in the "
                        + "artifact store")
                .contains(homeless.fullName() + " has no target repository");
    }

    @Test
    void anEmptyPlanIsRefused() {
        assertThat(ReleaseCommit.prepare(plan(), Map.of(), Set.of(), TARGETS, Map.of()).refusals())
                .containsExactly("the plan has no packages");
    }
}
