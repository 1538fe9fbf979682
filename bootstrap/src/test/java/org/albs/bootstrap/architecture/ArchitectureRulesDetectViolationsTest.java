package org.albs.bootstrap.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.albs.archfixture.adapter.in.rest.RestFixture;
import org.albs.archfixture.adapter.out.persistence.PersistenceFixture;
import org.albs.archfixture.adapter.out.pulp.PulpFixture;
import org.albs.archfixture.application.WiringAwareService;
import org.albs.archfixture.bootstrap.FixtureWiring;
import org.albs.archfixture.bypass.adapter.in.x.ServiceCallingResource;
import org.albs.archfixture.bypass.adapter.out.y.ViewWritingStore;
import org.albs.archfixture.bypass.adapter.out.z.PortOnlyStore;
import org.albs.archfixture.bypass.application.things.ThingService;
import org.albs.archfixture.bypass.application.things.ThingView;
import org.albs.archfixture.clean.CleanValue;
import org.albs.archfixture.cycle.nested.Outer;
import org.albs.archfixture.cycle.nested.inner.Inner;
import org.albs.archfixture.cycle.siblings.a.SiblingA;
import org.albs.archfixture.cycle.siblings.b.SiblingB;
import org.albs.archfixture.domain.LeakyDomainObject;
import org.albs.archfixture.hexagon.bootstrap.HexagonWiring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link HexagonalArchitectureTest} are not vacuous: the same rule definitions, applied to
 * deliberately broken fixture classes in test sources (package {@code org.albs.archfixture}), fail; applied to a
 * clean fixture, they pass. Fixture roots: {@code archfixture} itself (a broken project: leaky domain, adapters that
 * know each other, an application that knows the wiring), {@code archfixture.cycle} (package cycles),
 * {@code archfixture.bypass} (adapters that go around the ports) and {@code archfixture.hexagon} (a clean hexagon that
 * passes every rule).
 */
class ArchitectureRulesDetectViolationsTest {
    private static final String FIXTURES = "org.albs.archfixture";
    private static final String HEXAGON = FIXTURES + ".hexagon";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
        assertThat(fixtures.contain(LeakyDomainObject.class)).isTrue();
        assertThat(fixtures.contain(CleanValue.class)).isTrue();
        assertThat(fixtures.contain(HexagonWiring.class)).isTrue();
    }

    @Test
    void frameworkImportInTheCoreIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.isFrameworkFree(FIXTURES + ".domain..").check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(LeakyDomainObject.class.getName())
                .hasMessageContaining("io.quarkus.runtime.StartupEvent")
                .hasMessageContaining("jakarta.persistence.EntityManager");
    }

    @Test
    void nonJdkDependencyInTheCoreIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.dependsOnlyOnJdkAnd(FIXTURES + ".domain..").check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(LeakyDomainObject.class.getName());
    }

    @Test
    void cleanCorePasses() {
        assertThatCode(() -> ArchitectureRules.isFrameworkFree(FIXTURES + ".clean..").check(fixtures))
                .doesNotThrowAnyException();
        assertThatCode(() -> ArchitectureRules.dependsOnlyOnJdkAnd(FIXTURES + ".clean..").check(fixtures))
                .doesNotThrowAnyException();
    }

    @Test
    void dependencyOnAForbiddenPackageIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.doesNotDependOn(FIXTURES + ".adapter.in.rest..",
                FIXTURES + ".adapter.out.persistence..").check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(RestFixture.class.getName())
                .hasMessageContaining(PersistenceFixture.class.getName());
        assertThatCode(() -> ArchitectureRules.doesNotDependOn(FIXTURES + ".adapter.out.persistence..",
                FIXTURES + ".adapter.in.rest..").check(fixtures))
                .doesNotThrowAnyException();
    }

    @Test
    void adapterUsingAnotherAdapterIsReported() {
        // in.rest -> out.persistence (driving -> driven) and out.persistence -> out.pulp (driven -> driven)
        assertThatThrownBy(() -> ArchitectureRules.adaptersAreIndependent(FIXTURES).check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("adapter in.rest depends on adapter out.persistence")
                .hasMessageContaining("adapter out.persistence depends on adapter out.pulp")
                .hasMessageContaining(RestFixture.class.getName())
                .hasMessageContaining(PulpFixture.class.getName());
        // three independent adapters (in.x with its own subpackage, out.y, out.z) that meet only in the core pass
        assertThatCode(() -> ArchitectureRules.adaptersAreIndependent(HEXAGON).check(fixtures))
                .doesNotThrowAnyException();
    }

    @Test
    void packageCyclesAreReportedBetweenSiblingsAndBetweenParentAndChild() {
        assertThatThrownBy(() -> ArchitectureRules.hasNoPackageCycles(FIXTURES + ".cycle").check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("siblings.a -> ")
                .hasMessageContaining("siblings.b -> ")
                .hasMessageContaining(SiblingA.class.getName())
                .hasMessageContaining(SiblingB.class.getName())
                .hasMessageContaining("nested -> ")
                .hasMessageContaining("nested.inner -> ")
                .hasMessageContaining(Outer.class.getName())
                .hasMessageContaining(Inner.class.getName());
        // the same fixtures pass a coarser slicing (one slice per top package): the granularity is what finds them
        assertThatCode(() -> slices().matching(FIXTURES + ".cycle.(*)..").should().beFreeOfCycles().check(fixtures))
                .doesNotThrowAnyException();
        // packages that use each other in one direction only, siblings and parent -> child alike, pass
        assertThatCode(() -> ArchitectureRules.hasNoPackageCycles(HEXAGON).check(fixtures))
                .doesNotThrowAnyException();
    }

    @Test
    void adapterGoingAroundThePortsIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.adaptersUseOnlyThePortsOfTheApplication(FIXTURES + ".bypass")
                .check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ServiceCallingResource.class.getName() + ".get(java.lang.String)> calls method <"
                        + ThingService.class.getName())
                .hasMessageContaining(ViewWritingStore.class.getName() + ".write(" + ThingView.class.getName()
                        + ")> has parameter of type <" + ThingView.class.getName())
                .hasMessageNotContaining(PortOnlyStore.class.getName());
        // adapters using the in-port, the out-port and the domain pass
        assertThatCode(() -> ArchitectureRules.adaptersUseOnlyThePortsOfTheApplication(HEXAGON).check(fixtures))
                .doesNotThrowAnyException();
    }

    @Test
    void cleanHexagonPassesEveryRule() {
        String root = HEXAGON;
        String domain = root + ".domain..";
        String application = root + ".application..";
        for (var rule : new ArchRule[] {
                ArchitectureRules.dependsOnlyOnJdkAnd(domain),
                ArchitectureRules.dependsOnlyOnJdkAnd(application, domain),
                ArchitectureRules.isFrameworkFree(domain),
                ArchitectureRules.isFrameworkFree(application),
                ArchitectureRules.doesNotDependOn(domain, root + ".adapter.."),
                ArchitectureRules.doesNotDependOn(application, root + ".adapter.."),
                ArchitectureRules.nothingOutsideDependsOn(root + ".bootstrap.."),
                ArchitectureRules.hasNoPackageCycles(root),
                ArchitectureRules.adaptersAreIndependent(root),
                ArchitectureRules.adaptersUseOnlyThePortsOfTheApplication(root)}) {
            assertThatCode(() -> rule.check(fixtures)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }

    @Test
    void dependencyOnTheCompositionRootIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.nothingOutsideDependsOn(FIXTURES + ".bootstrap..").check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(WiringAwareService.class.getName())
                .hasMessageContaining(FixtureWiring.class.getName());
    }

    @Test
    void applicationUsingMoreThanTheDomainIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.dependsOnlyOnJdkAnd(FIXTURES + ".application..",
                FIXTURES + ".domain..").check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(WiringAwareService.class.getName());
    }
}
