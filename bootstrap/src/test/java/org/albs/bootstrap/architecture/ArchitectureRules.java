package org.albs.bootstrap.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of the hexagon, as rules built for a given package so the same definition can be checked
 * against the production code and against deliberately broken fixtures.
 */
final class ArchitectureRules {
    static final String ROOT = "org.albs";
    static final String DOMAIN = "org.albs.domain..";
    static final String APPLICATION = "org.albs.application..";
    static final String BOOTSTRAP = "org.albs.bootstrap..";

    /** What the core (domain, application) must never know: frameworks, persistence, JSON, HTTP. */
    static final String[] FRAMEWORKS = {
            "io.quarkus..", "jakarta..", "javax.persistence..", "org.hibernate..", "com.fasterxml..", "io.vertx..",
            "org.eclipse.microprofile..", "io.smallrye..", "io.agroal..", "org.jboss..", "org.jose4j.."};

    private ArchitectureRules() {
    }

    /** Production classes of every module; test classes (and so the fixtures) are left out. */
    static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // test-jars (the application's in-memory adapters and contract tests) are tests too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    /** Classes in {@code pkg} use only the JDK and classes of the {@code allowed} packages. */
    static ArchRule dependsOnlyOnJdkAnd(String pkg, String... allowed) {
        String[] packages = new String[allowed.length + 2];
        packages[0] = pkg;
        packages[1] = "java..";
        System.arraycopy(allowed, 0, packages, 2, allowed.length);
        return classes().that().resideInAPackage(pkg)
                .should().onlyDependOnClassesThat().resideInAnyPackage(packages)
                .because("the core is plain Java; frameworks stay in the adapters and bootstrap");
    }

    /** Classes in {@code pkg} import no framework (Quarkus, Jakarta, Hibernate, Jackson, Vert.x, ...). */
    static ArchRule isFrameworkFree(String pkg) {
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("domain and application must run without any framework");
    }

    /** Classes in {@code from} do not use classes in {@code to}. */
    static ArchRule doesNotDependOn(String from, String to) {
        return noClasses().that().resideInAPackage(from)
                .should().dependOnClassesThat().resideInAPackage(to);
    }

    /** Only {@code pkg} itself may use {@code pkg}: the composition root is at the top. */
    static ArchRule nothingOutsideDependsOn(String pkg) {
        return noClasses().that().resideOutsideOfPackage(pkg)
                .should().dependOnClassesThat().resideInAPackage(pkg)
                .because("the wiring depends on everything and nothing depends on the wiring");
    }

    /**
     * No two packages below {@code root} use each other, directly or around a longer loop. {@code (**)} captures the
     * whole package name below the root, so every package is a slice of its own: siblings, and a package and its
     * subpackage, are told apart.
     */
    static ArchRule hasNoPackageCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package cycle is one module in disguise: neither side can change or move alone");
    }

    /**
     * The adapters below {@code root} ({@code root.adapter.in.<name>..} and {@code root.adapter.out.<name>..}, any
     * number of them) do not use one another; classes of one adapter may use each other across its subpackages.
     */
    static ArchRule adaptersAreIndependent(String root) {
        return slices().matching(root + ".adapter.(*).(*)..").namingSlices("adapter $1.$2")
                .should().notDependOnEachOther()
                .because("adapters meet only in the core, through its ports, and are wired by bootstrap");
    }

    /**
     * The adapters below {@code root} reach the application only through its ports ({@code root.application.port..},
     * in-ports and out-ports); the domain they may use freely. Application services and their types stay hidden.
     */
    static ArchRule adaptersUseOnlyThePortsOfTheApplication(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter..")
                .should().dependOnClassesThat(resideInAPackage(root + ".application..")
                        .and(resideOutsideOfPackage(root + ".application.port..")))
                .because("an adapter drives the application through an in-port and serves it through an out-port");
    }
}
