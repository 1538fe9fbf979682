package org.albs.application.port.out;

import static org.albs.application.port.out.QueueFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.albs.domain.ConflictException;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTask;
import org.albs.domain.builds.BuiltArtifact;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.NodeReport;
import org.albs.domain.identity.User;
import org.albs.domain.platform.Platform;
import org.albs.domain.product.Product;
import org.albs.domain.product.ProductPackage;
import org.albs.domain.product.ProductPlatform;
import org.albs.domain.product.ProductRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Products} does (and {@link Builds#productsOf}): the in-memory adapter and the PostgreSQL one run
 * these. Names get a random suffix, so a shared database never sees a clash.
 */
public abstract class AbstractProductsContractTest {
    protected QueueFixture f;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    protected abstract QueueFixture.Ports ports();

    protected abstract Products products();

    protected abstract BuildArtifacts artifacts();

    @BeforeEach
    void seed() {
        f = new QueueFixture(ports());
    }

    private <T> T tx(java.util.function.Supplier<T> work) {
        return f.ports().tx().inTransaction(work);
    }

    private Product insert(String name, User owner, String ownerName, Platform... platforms) {
        List<ProductPlatform> list = new ArrayList<>();
        for (Platform p : platforms) {
            list.add(new ProductPlatform(p.id(), p.name(), p.archList()));
        }
        return tx(() -> products().insert(Product.create(name, owner.id(), ownerName, list, T0)));
    }

    /** The task reports these RPMs done; each is recorded as stored content, its handle {@code /c/<file>}. */
    private void complete(User node, long taskId, NodeOutcome outcome, Map<String, String> filesWithArch) {
        f.claim(node, taskId, T0);
        List<BuiltArtifact> built = new ArrayList<>();
        filesWithArch.keySet().forEach(file -> built.add(new BuiltArtifact(file, "rpm", "/pulp/" + file,
                "a".repeat(64), null)));
        tx(() -> {
            BuildTask.Reported r = f.ports().queue().lock(taskId).orElseThrow().report(node.id(),
                    new NodeReport(outcome, built, null, null), "el9", T0);
            f.ports().results().store(new TaskResults.Report(r.change(), built, Map.of(), null, r.deliveredSrpm(),
                    false, 1));
            return null;
        });
        tx(() -> {
            for (BuildArtifacts.ArtifactRecord a : artifacts().ofTask(taskId)) {
                String arch = filesWithArch.get(a.artifact().name());
                artifacts().recordContent(a.id(), new StoredContent("/c/" + suffix + "/" + a.artifact().name(),
                        "a".repeat(64), new PackageMeta("p", "0", "1", "1", arch, null)));
            }
            return null;
        });
    }

    @Test
    void aProductKeepsItsPlatformsAndProductionRepositories() {
        User owner = f.user("owner");
        Platform el9 = f.platform("el9", "x86_64", "i686");
        String name = "dist-" + suffix;
        Product p = insert(name, owner, owner.username(), el9);
        assertThat(p.id()).isNotNull();
        assertThat(p.repositories()).hasSize(5).allMatch(r -> r.id() != null && !r.created());

        Product read = products().findByName(name).orElseThrow();
        assertThat(read).isEqualTo(products().find(p.id()).orElseThrow());
        assertThat(read.owner()).isEqualTo(owner.id());
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.community()).isTrue(); // a distribution is a community product: it has repositories of its own
        assertThat(read.platforms()).containsExactly(new ProductPlatform(el9.id(), el9.name(), List.of("x86_64",
                "i686")));
        assertThat(read.repositories()).isEqualTo(p.repositories());
        assertThat(products().list()).extracting(Product::name).contains(name);
        assertThat(products().findByName("no-" + suffix)).isEmpty();

        ProductRepository first = read.repositories().get(0);
        tx(() -> {
            products().repositoryCreated(first.id(), "/pulp/api/v3/repositories/rpm/rpm/1/", "http://c/copr/x/");
            return null;
        });
        assertThat(products().find(p.id()).orElseThrow().repositories().get(0))
                .isEqualTo(first.createdAs("/pulp/api/v3/repositories/rpm/rpm/1/", "http://c/copr/x/"));
    }

    @Test
    void productsAreSearchedNewestFirstGainPlatformsAndAreDeleted() {
        User owner = f.user("owner");
        Platform el9 = f.platform("el9", "x86_64");
        Platform el8 = f.platform("el8", "x86_64");
        Product a = insert("Srch-a-" + suffix, owner, owner.username(), el9);
        Product b = tx(() -> products().insert(Product.create("srch-b-" + suffix, "Title " + suffix.toUpperCase(),
                "about", true, owner.id(), owner.username(), List.of(), T0)));
        assertThat(products().search("SRCH-", 0, 0)).extracting(Product::id).containsSubsequence(b.id(), a.id());
        assertThat(products().search("srch-a-" + suffix, 0, 0)).extracting(Product::id).containsExactly(a.id());
        assertThat(products().search("title " + suffix, 0, 0)).extracting(Product::id).containsExactly(b.id());
        assertThat(products().count(suffix.toUpperCase())).isEqualTo(2);
        assertThat(products().search(suffix, 1, 1)).extracting(Product::id).containsExactly(a.id());
        assertThat(products().search(null, 0, 0)).extracting(Product::id).contains(a.id(), b.id());
        assertThat(products().find(b.id()).orElseThrow().community()).isTrue();
        assertThat(products().builds(a.id())).isEmpty();

        ProductPlatform added = new ProductPlatform(el8.id(), el8.name(), el8.archList());
        Product grown = tx(() -> products().addPlatforms(b.id(), List.of(added),
                Product.repositoriesOf(owner.username(), b.name(), List.of(added))));
        assertThat(grown.platforms()).containsExactly(added);
        assertThat(grown.repositories()).hasSize(3).allMatch(r -> r.id() != null && !r.created());
        assertThat(products().find(b.id()).orElseThrow()).isEqualTo(grown);

        assertThat(tx(() -> products().delete(b.id()))).isTrue();
        assertThat(products().find(b.id())).isEmpty();
        assertThat(tx(() -> products().delete(b.id()))).isFalse();
        assertThat(products().count(suffix)).isEqualTo(1);
        assertThat(products().hasRunningJob(a.id())).isFalse();
    }

    @Test
    void aTakenNameOrRepositoryNameIsAConflict() {
        User owner = f.user("owner");
        Platform el9 = f.platform("el9", "x86_64");
        insert("d-" + suffix, owner, "x-y", el9);
        assertThatThrownBy(() -> insert("d-" + suffix, owner, "other", el9)).isInstanceOf(ConflictException.class);
        // "x" + "y-d-…" names the same repositories as "x-y" + "d-…"
        assertThatThrownBy(() -> insert("y-d-" + suffix, owner, "x", el9)).isInstanceOf(ConflictException.class);
        assertThat(products().findByName("y-d-" + suffix)).isEmpty();
    }

    @Test
    void buildsAreInAProductOnceAndTheirPackagesAreWhatTheImportRecorded() {
        User owner = f.user("owner");
        User node = f.user("node");
        Platform el9 = f.platform("el9", "x86_64");
        Product p = insert("b-" + suffix, owner, owner.username(), el9);
        QueueFixture.SeededBuild b = f.build(owner, el9, List.of("x86_64"), false, "bash");
        QueueFixture.SeededBuild other = f.build(owner, el9, List.of("x86_64"), false, "zsh");
        complete(node, b.task("src", 0), NodeOutcome.DONE, Map.of("bash-1-1.el9.src.rpm", "src"));
        complete(node, b.task("x86_64", 0), NodeOutcome.DONE, Map.of("bash-1-1.el9.x86_64.rpm", "x86_64",
                "odd-name.rpm", "noarch"));
        complete(node, other.task("src", 0), NodeOutcome.DONE, Map.of("zsh-1-1.el9.src.rpm", "src"));

        assertThat(products().platformsOf(b.id())).containsExactly(el9.name());
        assertThat(products().platformsOf(987654321L)).isEmpty();
        long ref = products().packages(b.id()).get(0).refId();
        assertThat(products().packages(b.id())).containsExactlyInAnyOrder(
                new ProductPackage(el9.name(), ref, "src", true, "bash-1-1.el9.src.rpm", "src",
                        "/c/" + suffix + "/bash-1-1.el9.src.rpm"),
                new ProductPackage(el9.name(), ref, "x86_64", true, "bash-1-1.el9.x86_64.rpm", "x86_64",
                        "/c/" + suffix + "/bash-1-1.el9.x86_64.rpm"),
                new ProductPackage(el9.name(), ref, "x86_64", true, "odd-name.rpm", "noarch",
                        "/c/" + suffix + "/odd-name.rpm"));

        assertThat(products().contains(p.id(), b.id())).isFalse();
        tx(() -> {
            products().addBuild(p.id(), b.id());
            products().addBuild(p.id(), b.id());
            products().addBuild(p.id(), other.id());
            products().addBuild(p.id(), 987654321L);
            return null;
        });
        assertThat(products().contains(p.id(), b.id())).isTrue();
        assertThat(products().contains(p.id(), 987654321L)).isFalse();
        assertThat(f.ports().builds().productsOf(b.id())).containsExactly(p.name());
        assertThat(products().packagesOfOtherBuilds(p.id(), b.id())).extracting(ProductPackage::fileName)
                .containsExactly("zsh-1-1.el9.src.rpm");
        assertThat(products().packagesOfOtherBuilds(p.id(), other.id())).hasSize(3);

        tx(() -> {
            products().removeBuild(p.id(), b.id());
            products().removeBuild(p.id(), b.id());
            return null;
        });
        assertThat(products().contains(p.id(), b.id())).isFalse();
        assertThat(f.ports().builds().productsOf(b.id())).isEmpty();
        tx(() -> {
            f.ports().builds().delete(other.id());
            return null;
        });
        assertThat(products().packagesOfOtherBuilds(p.id(), b.id())).isEmpty();
    }
}
