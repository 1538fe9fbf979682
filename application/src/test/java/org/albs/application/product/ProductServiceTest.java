package org.albs.application.product;

import static org.albs.application.builds.BuildRequests.build;
import static org.albs.application.builds.BuildRequests.platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.albs.application.artifacts.StoreJobService;
import org.albs.application.builds.BuildNodeService;
import org.albs.application.builds.BuildService;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.InMemoryProducts;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.builds.BuildDoneCommand;
import org.albs.application.port.in.builds.BuildDoneCommand.RawArtifact;
import org.albs.application.port.in.builds.GetTaskCommand;
import org.albs.application.port.in.product.CreateProductCommand;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.ConflictException;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.artifacts.StoreJob;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.artifacts.StoreJobStatus;
import org.albs.domain.identity.User;
import org.albs.domain.product.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Distributions (products) over in-memory adapters: creation, add and remove through their jobs, failures. */
class ProductServiceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String EL9 = "AlmaLinux-9";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = a.buildService();
    private final BuildNodeService dispatch = a.buildNodeService();
    private final InMemoryProducts products = new InMemoryProducts(a.store(), a.repositories());
    private final ProductService service = new ProductService(products, a.platforms(), a.builds(), a.jobs(), a.tx(),
            clock);
    private final StoreJobService jobs = a.storeJobService();
    private User alice;
    private User bob;
    private User admin;
    private User buildNode;
    private int sha;

    @BeforeEach
    void seed() {
        for (StoreJobKind k : List.of(StoreJobKind.CREATE_PRODUCT_REPOSITORIES, StoreJobKind.ADD_TO_PRODUCT,
                StoreJobKind.REMOVE_FROM_PRODUCT)) {
            jobs.register(new ProductJob(k, products, a.artifactStore(), a.tx()));
        }
        alice = a.user("alice", false);
        bob = a.user("bob", false);
        admin = a.user("admin", true);
        buildNode = a.user("node", false);
        a.platform(EL9, List.of("x86_64"));
        a.platform("AlmaLinux-8", List.of("x86_64"));
    }

    private int runJobs() {
        return InMemoryAdapters.runStoreJobs(jobs);
    }

    private RawArtifact rpm(String name) {
        return a.uploadedRpm(name, ++sha);
    }

    /** A build of {@code pkg} on AlmaLinux-9 x86_64 whose tasks completed (or whose arch task failed). */
    private long readyBuild(User owner, String pkg, boolean archCompletes) {
        long id = builds.create(owner, build(platform(EL9, true, "x86_64"), pkg)).id();
        runJobs();
        long src = dispatch.nextTask(buildNode, new GetTaskCommand(List.of("src"), null)).orElseThrow().id();
        dispatch.buildDone(buildNode, BuildDoneCommand.of(src, "done", List.of(rpm(pkg + "-5-1.el9.src.rpm")), null,
                null, null, null));
        runJobs();
        long x86 = dispatch.nextTask(buildNode, new GetTaskCommand(List.of("x86_64"), null)).orElseThrow().id();
        dispatch.buildDone(buildNode, BuildDoneCommand.of(x86, archCompletes ? "done" : "failed",
                archCompletes ? List.of(rpm(pkg + "-5-1.el9.x86_64.rpm"), rpm(pkg + "-doc-5-1.el9.noarch.rpm"),
                        rpm(pkg + "-debuginfo-5-1.el9.x86_64.rpm")) : List.of(), null, null, null, null));
        runJobs();
        return id;
    }

    private Product distro(String name) {
        Product p = service.create(admin, new CreateProductCommand(name, List.of(EL9)));
        runJobs();
        return products.findByName(name).orElseThrow();
    }

    private static String repo(String arch, boolean debug) {
        return Product.repositoryName("admin", "dist", EL9, arch, debug);
    }

    private Set<String> content(String repo) {
        return a.artifactStore().content(repo);
    }

    private StoreJob lastJob(StoreJobKind kind) {
        return a.store().jobs().stream().filter(j -> j.kind() == kind).reduce((x, y) -> y).orElseThrow();
    }

    private List<String> callsSince(int before) {
        List<String> calls = a.artifactStore().calls();
        return calls.subList(before, calls.size());
    }

    @Test
    void aDistributionsRepositoriesAreRecordedThenMadeInTheStoreByAJob() {
        Product p = service.create(admin, new CreateProductCommand("dist", List.of(EL9)));
        assertThat(p.owner()).isEqualTo(admin.id());
        assertThat(p.repositories()).extracting(r -> r.name()).containsExactly(repo("x86_64", false),
                repo("x86_64", true), repo("src", false));
        assertThat(p.repositories()).allMatch(r -> !r.created());
        assertThat(a.artifactStore().repositoryNames()).as("nothing made in the request").isEmpty();
        assertThat(a.repositories().findById(p.repositories().get(0).id()).orElseThrow().production()).isTrue();

        assertThat(runJobs()).isEqualTo(1);
        assertThat(a.artifactStore().repositoryNames()).containsExactlyInAnyOrder(repo("x86_64", false),
                repo("x86_64", true), repo("src", false));
        Product made = products.findByName("dist").orElseThrow();
        assertThat(made.repositories()).allMatch(r -> r.created() && r.url().endsWith("/copr/" + r.name() + "/"));
        assertThat(lastJob(StoreJobKind.CREATE_PRODUCT_REPOSITORIES).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(service.list()).extracting(Product::name).containsExactly("dist");
    }

    @Test
    void creationIsForSuperusersWithKnownPlatformsAndAFreeName() {
        assertThatThrownBy(() -> service.create(alice, new CreateProductCommand("dist", List.of(EL9))))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> service.create(admin, new CreateProductCommand("dist", List.of(EL9, "Nope"))))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(((InvalidInputException) e)
                        .problems().get(0).path()).containsExactly("platforms", 1));
        assertThatThrownBy(() -> new CreateProductCommand("a/b", List.of(EL9)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new CreateProductCommand(null, null)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).hasSize(2));
        service.create(admin, new CreateProductCommand("dist", List.of(EL9)));
        assertThatThrownBy(() -> service.create(admin, new CreateProductCommand("dist", List.of(EL9))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
        assertThat(service.list()).hasSize(1);
        assertThat(a.store().jobs()).hasSize(1);
    }

    @Test
    void addPutsTheBuildsPackagesInAddingTwiceChangesNothingRemoveTakesThemOut() {
        distro("dist");
        long b = readyBuild(alice, "bash", true);
        int before = a.artifactStore().calls().size();
        service.add(alice, b, "dist");
        assertThat(products.contains(1, b)).as("recorded by the job, not the request").isFalse();
        runJobs();
        assertThat(callsSince(before)).containsExactlyInAnyOrder("change " + repo("x86_64", false) + " +2 -0",
                "change " + repo("x86_64", true) + " +1 -0", "change " + repo("src", false) + " +1 -0",
                "publish " + repo("x86_64", false), "publish " + repo("x86_64", true), "publish " + repo("src", false));
        assertThat(content(repo("x86_64", false))).hasSize(2);
        assertThat(content(repo("src", false))).hasSize(1);
        assertThat(products.contains(1, b)).isTrue();
        assertThat(a.builds().productsOf(b)).containsExactly("dist");
        assertThatThrownBy(() -> builds.delete(alice, b)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("remove it from distribution dist first");

        before = a.artifactStore().calls().size();
        service.add(alice, b, "dist");
        runJobs();
        assertThat(callsSince(before)).as("adding twice changes nothing").isEmpty();
        assertThat(lastJob(StoreJobKind.ADD_TO_PRODUCT).status()).isEqualTo(StoreJobStatus.DONE);

        service.remove(admin, b, "dist");
        runJobs();
        assertThat(content(repo("x86_64", false))).isEmpty();
        assertThat(content(repo("x86_64", true))).isEmpty();
        assertThat(content(repo("src", false))).isEmpty();
        assertThat(products.contains(1, b)).isFalse();
        before = a.artifactStore().calls().size();
        service.remove(alice, b, "dist");
        runJobs();
        assertThat(callsSince(before)).as("removing twice changes nothing").isEmpty();
        builds.delete(alice, b);
    }

    @Test
    void unitsAnotherBuildOfTheProductHasStay() {
        distro("dist");
        long first = readyBuild(alice, "bash", true);
        long second = readyBuild(alice, "zsh", true);
        service.add(alice, first, "dist");
        service.add(alice, second, "dist");
        runJobs();
        assertThat(content(repo("x86_64", false))).hasSize(4);
        service.remove(alice, first, "dist");
        runJobs();
        assertThat(content(repo("x86_64", false))).hasSize(2);
        assertThat(products.contains(1, second)).isTrue();
    }

    @Test
    void theRequestChecksTheBuildTheDistributionAndWhoAsks() {
        distro("dist");
        long b = readyBuild(alice, "bash", true);
        long failed = readyBuild(alice, "zsh", false);
        int jobsBefore = a.store().jobs().size();
        assertThatThrownBy(() -> service.add(alice, 999, "dist")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.add(alice, b, "nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.add(bob, b, "dist")).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> service.remove(bob, b, "dist")).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> service.add(alice, failed, "dist")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing to add");
        service.create(admin, new CreateProductCommand("el8", List.of("AlmaLinux-8")));
        assertThatThrownBy(() -> service.add(alice, b, "el8")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no platform AlmaLinux-9");
        assertThat(a.store().jobs()).as("only the el8 distribution's repositories job").hasSize(jobsBefore + 1);
    }

    @Test
    void theAddJobMakesMissingRepositoriesItselfSoOrderDoesNotMatter() {
        long b = readyBuild(alice, "bash", true);
        service.create(admin, new CreateProductCommand("dist", List.of(EL9)));
        service.add(alice, b, "dist");
        // the repositories job goes first, finds the store silent and waits; the add job runs meanwhile
        a.artifactStore().failNextCallOf("findRepository", new ArtifactStoreException("no answer", true));
        runJobs();
        assertThat(lastJob(StoreJobKind.CREATE_PRODUCT_REPOSITORIES).status()).isEqualTo(StoreJobStatus.RUNNING);
        assertThat(lastJob(StoreJobKind.ADD_TO_PRODUCT).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(content(repo("src", false))).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        int before = a.artifactStore().calls().size();
        runJobs();
        assertThat(lastJob(StoreJobKind.CREATE_PRODUCT_REPOSITORIES).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(callsSince(before)).as("found, not made again").isEmpty();
    }

    @Test
    void aStoreThatDoesNotAnswerDelaysTheJobWhichResumesWithoutChangingTwice() {
        distro("dist");
        long b = readyBuild(alice, "bash", true);
        service.add(alice, b, "dist");
        int before = a.artifactStore().calls().size();
        a.artifactStore().failNextCallOf("startPublication", new ArtifactStoreException("Pulp did not answer", true));
        runJobs();
        assertThat(lastJob(StoreJobKind.ADD_TO_PRODUCT).status()).isEqualTo(StoreJobStatus.RUNNING);
        assertThat(products.contains(1, b)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        runJobs();
        assertThat(lastJob(StoreJobKind.ADD_TO_PRODUCT).status()).isEqualTo(StoreJobStatus.DONE);
        assertThat(callsSince(before).stream().filter(c -> c.startsWith("change "))).as("each repository once")
                .hasSize(3);
        assertThat(products.contains(1, b)).isTrue();
    }

    @Test
    void aJobFailingForGoodLeavesItsReasonAndTheBuildRemovable() {
        distro("dist");
        long b = readyBuild(alice, "bash", true);
        service.add(alice, b, "dist");
        a.artifactStore().failNextCallOf("startPublication", new ArtifactStoreException("publication refused",
                false));
        runJobs();
        StoreJob failed = lastJob(StoreJobKind.ADD_TO_PRODUCT);
        assertThat(failed.status()).isEqualTo(StoreJobStatus.FAILED);
        assertThat(failed.state().error()).contains("publication refused");
        assertThat(products.contains(1, b)).as("its packages may be in: it counts as in the distribution").isTrue();
        assertThatThrownBy(() -> builds.delete(alice, b)).isInstanceOf(ConflictException.class);

        jobs.retry(admin, failed.id());
        runJobs();
        assertThat(lastJob(StoreJobKind.ADD_TO_PRODUCT).status()).as("an operator's retry finishes it")
                .isEqualTo(StoreJobStatus.DONE);
        assertThat(content(repo("x86_64", false))).hasSize(2);
        service.remove(alice, b, "dist");
        runJobs();
        assertThat(content(repo("x86_64", false))).isEmpty();
    }

    @Test
    void aJobRefusedBeforeChangingAnythingLeavesTheBuildOut() {
        distro("dist");
        long b = readyBuild(alice, "bash", true);
        service.add(alice, b, "dist");
        a.artifactStore().failNextCallOf("startChange", new ArtifactStoreException("refused", false));
        runJobs();
        assertThat(lastJob(StoreJobKind.ADD_TO_PRODUCT).status()).isEqualTo(StoreJobStatus.FAILED);
        assertThat(products.contains(1, b)).isFalse();
        builds.delete(alice, b);
    }

    @Test
    void theJobKindsAreListedForOperators() {
        assertThatThrownBy(() -> jobs.find(admin, java.util.Optional.empty(), java.util.Optional.of("nope"),
                java.util.Optional.empty(), 1)).hasMessageContaining("add_to_product")
                .hasMessageContaining("create_product_repositories").hasMessageContaining("sign_packages");
    }
}
