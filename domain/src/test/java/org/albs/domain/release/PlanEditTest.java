package org.albs.domain.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A person's edit of a plan: taken when everything in it exists, every bad entry named otherwise. */
class PlanEditTest {
    private static final TargetRepository APP_X = new TargetRepository(1, "almalinux-8-appstream", "x86_64", false,
            "u1", 0, null);
    private static final TargetRepository APP_A = new TargetRepository(2, "almalinux-8-appstream", "aarch64", false,
            "u2", 0, null);
    private static final TargetRepository DEVEL_X = new TargetRepository(3, "almalinux-8-devel", "x86_64", false,
            "u3", 0, null);
    private static final ReleasePackage FOO = new ReleasePackage(10, 1, 1, "foo", "0", "1", "1", "x86_64", "s1",
            "foo-1-1.x86_64.rpm", "x86_64", "foo-1-1.src.rpm", false);
    private static final ReleasePackage DOC = new ReleasePackage(11, 1, 1, "foo-doc", "0", "1", "1", "noarch", "s2",
            "foo-doc-1-1.noarch.rpm", "x86_64", "foo-1-1.src.rpm", false);
    private static final ReleasePlan CURRENT = new ReleasePlan(List.of(
            new PlannedPackage(FOO, List.of(new TargetRepository(3, "almalinux-8-devel", "x86_64", false, "u3", 0,
                    null)), List.of("x86_64")),
            new PlannedPackage(DOC, List.of(new TargetRepository(1, "almalinux-8-appstream", "x86_64", false, "u1",
                    1, "exact")), List.of("x86_64", "aarch64"))),
            List.of(APP_X, APP_A, DEVEL_X), Map.of(), "last");

    @Test
    void anEditMovesAPackageAndKeepsTheServersOwnDataAndTheForceFlag() {
        ReleasePlan edited = PlanEdit.apply(List.of(
                new PlanEdit.EditedPackage(10L, "ignored", true, List.of(1L), List.of("x86_64")),
                new PlanEdit.EditedPackage(null, "foo-doc-1-1.noarch.rpm", false, List.of(1L),
                        List.of("x86_64", "aarch64"))), List.of(FOO, DOC), CURRENT);
        assertThat(edited.packages()).hasSize(2);
        PlannedPackage foo = edited.packages().get(0);
        assertThat(foo.pkg()).isEqualTo(FOO.withForce(true));
        assertThat(foo.repositories().get(0).name()).isEqualTo("almalinux-8-appstream");
        assertThat(foo.repositories().get(0).trustness()).isZero();
        assertThat(edited.packages().get(1).repositories().get(0).trustness()).isEqualTo(1);
        assertThat(edited.repositories()).isEqualTo(CURRENT.repositories());
        assertThat(edited.lastLog()).isEqualTo("last");
    }

    @Test
    void theForceNotNotarizedFlagIsAPersonsChoiceAndTheArtifactHrefStaysTheServers() {
        ReleasePackage imported = new ReleasePackage(10, 1, 1, "foo", "0", "1", "1", "x86_64", "s1",
                "foo-1-1.x86_64.rpm", "x86_64", "foo-1-1.src.rpm", false, "/pulp/content/foo/", false);
        ReleasePlan edited = PlanEdit.apply(List.of(new PlanEdit.EditedPackage(10L, null, false, true, List.of(1L),
                List.of("x86_64"))), List.of(imported), CURRENT);
        ReleasePackage foo = edited.packages().get(0).pkg();
        assertThat(foo.forceNotNotarized()).isTrue();
        assertThat(foo.force()).isFalse();
        assertThat(foo.artifactHref()).isEqualTo("/pulp/content/foo/");
        assertThat(foo.casHash()).as("nothing notarises packages here").isNull();
    }

    @Test
    void everyBadEntryIsNamedWithItsPath() {
        assertThatThrownBy(() -> PlanEdit.apply(List.of(
                new PlanEdit.EditedPackage(99L, null, false, List.of(1L), List.of()),
                new PlanEdit.EditedPackage(10L, null, false, List.of(42L), List.of()),
                new PlanEdit.EditedPackage(10L, null, false, List.of(3L), List.of("x86_64", "aarch64")),
                new PlanEdit.EditedPackage(10L, null, false, List.of(), List.of())), List.of(FOO, DOC), CURRENT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::path).containsExactly(
                                List.of("plan", "packages", 0, "package"),
                                List.of("plan", "packages", 1, "repositories", 0, "id"),
                                List.of("plan", "packages", 2, "repo_arch_location", 1),
                                List.of("plan", "packages", 3, "repositories")));
    }

    @Test
    void anEmptyPlanIsRefused() {
        assertThatThrownBy(() -> PlanEdit.apply(List.of(), List.of(FOO), CURRENT))
                .isInstanceOf(InvalidInputException.class).hasMessage("the plan has no packages");
    }
}
