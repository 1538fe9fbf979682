package org.albs.bootstrap.architecture;

import static org.albs.bootstrap.architecture.ArchitectureRules.APPLICATION;
import static org.albs.bootstrap.architecture.ArchitectureRules.BOOTSTRAP;
import static org.albs.bootstrap.architecture.ArchitectureRules.DOMAIN;
import static org.albs.bootstrap.architecture.ArchitectureRules.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture: checked on the production classes of every module. */
class HexagonalArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ArchitectureRules.productionClasses();
    }

    @Test
    void everyModuleIsImportedAndNoTestClass() {
        for (String pkg : new String[] {"org.albs.domain", "org.albs.application", "org.albs.adapter.in.rest",
                "org.albs.adapter.out.persistence", "org.albs.bootstrap"}) {
            assertThat(production.stream().map(JavaClass::getPackageName)).as(pkg).anyMatch(p -> p.startsWith(pkg));
        }
        assertThat(production.stream().map(JavaClass::getName))
                .noneMatch(n -> n.startsWith("org.albs.archfixture"))
                .noneMatch(n -> n.endsWith("Test"));
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        ArchitectureRules.dependsOnlyOnJdkAnd(DOMAIN).check(production);
    }

    @Test
    void applicationDependsOnlyOnDomainAndTheJdk() {
        ArchitectureRules.dependsOnlyOnJdkAnd(APPLICATION, DOMAIN).check(production);
    }

    @Test
    void domainIsFrameworkFree() {
        ArchitectureRules.isFrameworkFree(DOMAIN).check(production);
    }

    @Test
    void applicationIsFrameworkFree() {
        ArchitectureRules.isFrameworkFree(APPLICATION).check(production);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        ArchitectureRules.adaptersAreIndependent(ROOT).check(production);
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.hasNoPackageCycles(ROOT).check(production);
    }

    /** Adapters use the application only through its in-ports and out-ports (and the domain), never a service. */
    @Test
    void adaptersReachTheCoreOnlyThroughPortsAndTheDomain() {
        ArchitectureRules.adaptersUseOnlyThePortsOfTheApplication(ROOT).check(production);
    }

    @Test
    void coreDoesNotKnowTheAdapters() {
        ArchitectureRules.doesNotDependOn(DOMAIN, "org.albs.adapter..").check(production);
        ArchitectureRules.doesNotDependOn(APPLICATION, "org.albs.adapter..").check(production);
    }

    @Test
    void nothingDependsOnBootstrap() {
        ArchitectureRules.nothingOutsideDependsOn(BOOTSTRAP).check(production);
    }
}
