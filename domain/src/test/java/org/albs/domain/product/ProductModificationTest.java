package org.albs.domain.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.albs.domain.InvalidInputException;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping of a build's packages to a product's repositories, the arch filter and the add/remove plans. */
class ProductModificationTest {
    private static final String EL9 = "AlmaLinux-9";
    private static final String EL8 = "AlmaLinux-8";
    private static final Product PRODUCT = product("i686", "x86_64", "aarch64");

    private static Product product(String... arches) {
        Product p = Product.create("dist", new UserId(7), "alice", List.of(
                new ProductPlatform(1, EL9, List.of(arches))), Instant.EPOCH);
        List<ProductRepository> repos = new ArrayList<>();
        long id = 1;
        for (ProductRepository r : p.repositories()) {
            repos.add(new ProductRepository(id++, r.name(), r.platformId(), r.platformName(), r.arch(), r.debug(),
                    "/h/" + r.name(), "http://c/" + r.name()));
        }
        return p.withRepositories(repos);
    }

    private static String repo(String arch, boolean debug) {
        return Product.repositoryName("alice", "dist", EL9, arch, debug);
    }

    /** A completed task's package of ref 1 on AlmaLinux-9, its handle its file name. */
    private static ProductPackage pkg(String taskArch, String file) {
        return new ProductPackage(EL9, 1, taskArch, true, file, null, file);
    }

    /** Repository (short: arch[-debug]) → units, sorted, for comparison. */
    private static Map<String, Set<String>> shortly(Map<String, Set<String>> placed) {
        Map<String, Set<String>> out = new TreeMap<>();
        placed.forEach((k, v) -> out.put(k.substring("alice-dist-almalinux-9-".length(), k.length() - 3),
                new TreeSet<>(v)));
        return out;
    }

    @Test
    void namesFollowUpstreamAndTheLayoutIsPerArchDebugPlusSource() {
        assertThat(PRODUCT.repositories()).extracting(ProductRepository::name).containsExactly(
                "alice-dist-almalinux-9-i686-dr", "alice-dist-almalinux-9-i686-debug-dr",
                "alice-dist-almalinux-9-x86_64-dr", "alice-dist-almalinux-9-x86_64-debug-dr",
                "alice-dist-almalinux-9-aarch64-dr", "alice-dist-almalinux-9-aarch64-debug-dr",
                "alice-dist-almalinux-9-src-dr");
        assertThat(PRODUCT.repositories().get(0).spec().basePath()).isEqualTo("copr/alice-dist-almalinux-9-i686-dr");
    }

    /** The arch filter as a table: package arch, repository arch, fits. */
    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "noarch, x86_64, true", "noarch, i686, true", "noarch, aarch64, true", "noarch, src, false",
            "i686, i686, true", "i686, x86_64, true", "i686, aarch64, false", "i686, src, false",
            "x86_64, x86_64, true", "x86_64, i686, false", "x86_64, aarch64, false", "x86_64, src, false",
            "aarch64, aarch64, true", "aarch64, x86_64, false",
            "src, src, true", "src, x86_64, false", "src, noarch, false"})
    void archFilter(String packageArch, String repoArch, boolean fits) {
        assertThat(ProductModification.fits(packageArch, repoArch)).isEqualTo(fits);
    }

    /** The mapping as a table: task arch, file, where it goes (short repository names, space separated; "-": nowhere). */
    @ParameterizedTest(name = "{1} of the {0} task -> {2}")
    @CsvSource({
            "x86_64, bash-5-1.el9.x86_64.rpm, x86_64",
            "x86_64, bash-debuginfo-5-1.el9.x86_64.rpm, x86_64-debug",
            "x86_64, bash-debugsource-5-1.el9.x86_64.rpm, x86_64-debug",
            "x86_64, bash-doc-5-1.el9.noarch.rpm, x86_64",
            "i686, bash-doc-5-1.el9.noarch.rpm, i686",
            "x86_64, bash-libs-5-1.el9.i686.rpm, x86_64",
            "i686, bash-5-1.el9.i686.rpm, i686",
            "i686, bash-debuginfo-5-1.el9.i686.rpm, i686-debug",
            "aarch64, bash-5-1.el9.aarch64.rpm, aarch64",
            "aarch64, bash-5-1.el9.x86_64.rpm, -",
            "src, bash-5-1.el9.src.rpm, src",
            "x86_64, bash-5-1.el9.src.rpm, src",
            "src, bash-5-1.el9.x86_64.rpm, -",
            "ppc64le, bash-5-1.el9.ppc64le.rpm, -"})
    void mapping(String taskArch, String file, String expected) {
        List<ProductPackage> packages = new ArrayList<>(List.of(pkg(taskArch, file)));
        if (!taskArch.equals("x86_64")) {
            packages.add(pkg("x86_64", "other-1-1.el9.x86_64.rpm"));
        }
        Map<String, Set<String>> placed = shortly(ProductModification.placements(PRODUCT, packages));
        Map<String, Set<String>> want = new TreeMap<>();
        if (!expected.equals("-")) {
            Arrays.stream(expected.split(" ")).forEach(r -> want.put(r, new TreeSet<>(Set.of(file))));
        }
        if (!taskArch.equals("x86_64")) {
            want.computeIfAbsent("x86_64", k -> new TreeSet<>()).add("other-1-1.el9.x86_64.rpm");
        }
        assertThat(placed).isEqualTo(want);
    }

    @Test
    void noarchGoesToEveryArchRepositoryItsBuildRepositoriesHold() {
        // after the build's index finalization every arch task carries the canonical noarch unit
        Map<String, Set<String>> placed = shortly(ProductModification.placements(PRODUCT, List.of(
                pkg("i686", "doc-1-1.el9.noarch.rpm"), pkg("x86_64", "doc-1-1.el9.noarch.rpm"),
                pkg("aarch64", "doc-1-1.el9.noarch.rpm"))));
        assertThat(placed).containsOnlyKeys("i686", "x86_64", "aarch64");
    }

    @Test
    void onlyCompletedTasksAndNoSourceOfARefWithoutACompletedArchTask() {
        List<ProductPackage> packages = List.of(
                new ProductPackage(EL9, 1, "src", true, "a-1-1.el9.src.rpm", null, "a-src"),
                new ProductPackage(EL9, 1, "x86_64", false, "a-1-1.el9.x86_64.rpm", null, "a-x86"),
                new ProductPackage(EL9, 2, "src", true, "b-1-1.el9.src.rpm", null, "b-src"),
                new ProductPackage(EL9, 2, "x86_64", true, "b-1-1.el9.x86_64.rpm", null, "b-x86"),
                new ProductPackage(EL9, 2, "i686", false, "b-1-1.el9.i686.rpm", null, "b-i686"),
                new ProductPackage(EL9, 2, "aarch64", true, "b-1-1.el9.aarch64.rpm", null, null));
        assertThat(shortly(ProductModification.placements(PRODUCT, packages))).isEqualTo(Map.of(
                "src", Set.of("b-src"), "x86_64", Set.of("b-x86")));
    }

    @Test
    void packagesOfPlatformsOrArchesTheProductLacksGoNowhere() {
        assertThat(ProductModification.placements(product("x86_64"), List.of(
                new ProductPackage(EL8, 1, "x86_64", true, "a-1-1.el8.x86_64.rpm", null, "a"),
                pkg("aarch64", "b-1-1.el9.aarch64.rpm")))).isEmpty();
    }

    @Test
    void theRecordedArchWinsOverTheFileName() {
        assertThat(new ProductPackage(EL9, 1, "x86_64", true, "odd.rpm", "i686", "h").arch()).isEqualTo("i686");
        assertThat(new ProductPackage(EL9, 1, "x86_64", true, "a-1-1.el9.noarch.rpm", null, "h").arch())
                .isEqualTo("noarch");
    }

    @Test
    void addSkipsUnitsAlreadyThereAndABuildAlreadyInTheProduct() {
        List<ProductPackage> mine = List.of(pkg("x86_64", "a.x86_64.rpm"), pkg("x86_64", "shared.noarch.rpm"),
                pkg("src", "a.src.rpm"));
        List<ProductPackage> others = List.of(pkg("x86_64", "shared.noarch.rpm"));
        var plan = ProductModification.plan(ProductModification.Action.ADD, PRODUCT, false, mine, others);
        assertThat(plan).containsOnlyKeys(repo("x86_64", false), repo("src", false));
        assertThat(plan.get(repo("x86_64", false)).add()).containsExactly("a.x86_64.rpm");
        assertThat(plan.get(repo("x86_64", false)).remove()).isEmpty();
        assertThat(plan.get(repo("src", false)).add()).containsExactly("a.src.rpm");
        assertThat(ProductModification.plan(ProductModification.Action.ADD, PRODUCT, true, mine, others))
                .as("adding twice changes nothing").isEmpty();
    }

    @Test
    void removeTakesOnlyUnitsPresentAndNoneAnotherBuildNeeds() {
        List<ProductPackage> mine = List.of(pkg("x86_64", "a.x86_64.rpm"), pkg("x86_64", "shared.noarch.rpm"));
        List<ProductPackage> others = List.of(pkg("x86_64", "shared.noarch.rpm"));
        var plan = ProductModification.plan(ProductModification.Action.REMOVE, PRODUCT, true, mine, others);
        assertThat(plan).containsOnlyKeys(repo("x86_64", false));
        assertThat(plan.get(repo("x86_64", false)).remove()).containsExactly("a.x86_64.rpm");
        assertThat(plan.get(repo("x86_64", false)).add()).isEmpty();
        assertThat(ProductModification.plan(ProductModification.Action.REMOVE, PRODUCT, false, mine, others))
                .as("a build not in the product has nothing present").isEmpty();
    }

    @Test
    void aBuildMayBeAddedOnlyWithEveryPlatformAndSomethingToAdd() {
        ProductModification.requireAddable(PRODUCT, 5, List.of(EL9), List.of(pkg("x86_64", "a.x86_64.rpm")),
                "build_id");
        assertThatThrownBy(() -> ProductModification.requireAddable(PRODUCT, 5, List.of(EL9, EL8),
                List.of(pkg("x86_64", "a.x86_64.rpm")), "build_id"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no platform AlmaLinux-8")
                .satisfies(e -> assertThat(((InvalidInputException) e).problems().get(0).path())
                        .containsExactly("build_id"));
        assertThatThrownBy(() -> ProductModification.requireAddable(PRODUCT, 5, List.of(EL9),
                List.of(new ProductPackage(EL9, 1, "x86_64", false, "a.x86_64.rpm", null, "a")), "build_id"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to add");
    }

    @Test
    void theDistributionsOwnProductHasNoRepositoriesOfItsOwnAndTakesNoBuildsByAdding() {
        Product almalinux = Product.create("AlmaLinux", "AlmaLinux", null, false, new UserId(1), "base_user",
                List.of(new ProductPlatform(1, EL9, List.of("x86_64"))), java.time.Instant.EPOCH);
        assertThat(almalinux.repositories()).isEmpty();
        assertThat(almalinux.repositoriesFor("base_user", List.of(new ProductPlatform(2, EL8, List.of("x86_64")))))
                .isEmpty();
        assertThat(PRODUCT.community()).as("a distribution is a community product").isTrue();
        assertThat(PRODUCT.repositoriesFor("alice", List.of(new ProductPlatform(2, EL8, List.of("x86_64")))))
                .extracting(ProductRepository::name)
                .containsExactly("alice-dist-almalinux-8-x86_64-dr", "alice-dist-almalinux-8-x86_64-debug-dr",
                        "alice-dist-almalinux-8-src-dr");
        assertThatThrownBy(() -> ProductModification.requireAddable(almalinux, 5, List.of(EL9),
                List.of(pkg("x86_64", "a.x86_64.rpm")), "build_id"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("through a release");
    }

    @Test
    void productNamesAreSafeInRepositoryNamesAndPaths() {
        assertThat(Product.NAME.matcher("my-distro_1.0+x").matches()).isTrue();
        for (String bad : List.of("", "-x", "a/b", "a b", "..", "a\u0000", "x".repeat(101))) {
            assertThat(Product.NAME.matcher(bad).matches()).as(bad).isFalse();
        }
    }
}
