package org.albs.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.albs.archfixture.adapter.in.rest.RestFixture;
import org.albs.archfixture.adapter.out.persistence.PersistenceFixture;
import org.albs.archfixture.application.WiringAwareService;
import org.albs.archfixture.bootstrap.FixtureWiring;
import org.albs.archfixture.clean.CleanValue;
import org.albs.archfixture.domain.LeakyDomainObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link HexagonalArchitectureTest} are not vacuous: the same rule definitions, applied to
 * deliberately broken fixture classes in test sources (package {@code org.albs.archfixture}), fail; applied to a
 * clean fixture, they pass.
 */
class ArchitectureRulesDetectViolationsTest {
    private static final String FIXTURES = "org.albs.archfixture";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
        assertThat(fixtures.contain(LeakyDomainObject.class)).isTrue();
        assertThat(fixtures.contain(CleanValue.class)).isTrue();
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
    void adapterUsingAnotherAdapterIsReported() {
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
