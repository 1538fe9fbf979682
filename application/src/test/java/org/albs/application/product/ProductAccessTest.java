package org.albs.application.product;

import static org.albs.application.builds.BuildRequests.platform;
import static org.albs.application.builds.BuildRequests.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.builds.BuildView;
import org.albs.application.port.in.builds.CreateBuildCommand;
import org.albs.application.port.in.product.EnsureDistributionProductUseCase.DistributionProduct;
import org.albs.application.port.in.product.NewProductCommand;
import org.albs.application.port.in.product.PlatformRef;
import org.albs.application.builds.BuildService;
import org.albs.application.team.TeamService;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.identity.User;
import org.albs.domain.product.Product;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution's own product, community products' keys, and builds under the permission model: a build is created for a product (upstream's {@code create_build} on the
 * product: even its owner needs a role of the product's team), and the roles of that team may delete, restart and
 * cancel it besides its owner. The distribution's own product comes from the reference data.
 */
class ProductAccessTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final BuildService builds = a.buildService();
    private final TeamService teams = new TeamService(a.teams(), a.users(), a.tx(), clock);
    private final ProductCatalogService catalog = new ProductCatalogService(a.products(), a.platforms(), a.users(),
            a.teams(), teams, a.jobs(), a.genKeys(), a.access(), a.tx(), clock);

    private User alice;
    private User bob;
    private User admin;
    private long almalinux;

    @BeforeEach
    void seed() {
        alice = a.user("alice", false);
        bob = a.user("bob", false);
        admin = a.user("admin", true);
        a.platform("AlmaLinux-9", List.of("x86_64"));
        almalinux = catalog.ensureDistribution(new DistributionProduct("AlmaLinux", "almalinux", "base_user",
                "base_user@almalinux.org", List.of("AlmaLinux-9", "NoSuchPlatform")));
    }

    private static CreateBuildCommand forProduct(Long productId) {
        return new CreateBuildCommand(List.of(platform("AlmaLinux-9", false, "x86_64")), List.of(ref("bash")), null,
                Map.of(), null, false, productId);
    }

    private Team team() {
        return a.teams().find(a.products().find(almalinux).orElseThrow().teamId()).orElseThrow();
    }

    private void grant(User user, RoleKind kind) {
        teams.addRoles(admin, user.id().value(), List.of(team().role(kind).orElseThrow().id()));
    }

    @Test
    void theDistributionProductIsMadeOnceOwnedByASystemUserWhoCannotSignIn() {
        Product product = a.products().find(almalinux).orElseThrow();
        assertThat(product.name()).isEqualTo("AlmaLinux");
        assertThat(product.community()).isFalse();
        assertThat(product.repositories()).as("it releases into its platforms' repositories").isEmpty();
        assertThat(product.platforms()).extracting(p -> p.name()).containsExactly("AlmaLinux-9");
        assertThat(team().name()).isEqualTo("almalinux");
        User owner = a.users().findById(product.owner()).orElseThrow();
        assertThat(owner.username()).isEqualTo("base_user");
        assertThat(owner.active()).isFalse();
        assertThat(owner.hashedPassword()).isNull();
        assertThat(owner.superuser()).isFalse();

        a.platform("AlmaLinux-10", List.of("x86_64"));
        long again = catalog.ensureDistribution(new DistributionProduct("AlmaLinux", "almalinux", "base_user",
                "base_user@almalinux.org", List.of("AlmaLinux-9", "AlmaLinux-10")));
        assertThat(again).isEqualTo(almalinux);
        assertThat(a.products().list()).hasSize(1);
        assertThat(a.products().find(almalinux).orElseThrow().platforms()).extracting(p -> p.name())
                .containsExactly("AlmaLinux-9", "AlmaLinux-10");
        assertThat(a.teams().all()).hasSize(1);
    }

    @Test
    void aCommunityProductOfTheSameNameIsNotTakenForTheDistributionProduct() {
        catalog.create(alice, new NewProductCommand("alices", alice.id().value(), "Alice's", null,
                List.of(new PlatformRef(null, "AlmaLinux-9")), true));
        assertThatThrownBy(() -> catalog.ensureDistribution(new DistributionProduct("alices", "alices_team",
                "base_user", "base_user@almalinux.org", List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("community product");
    }

    @Test
    void onlyASuperuserMakesAProductThatIsNotACommunityProduct() {
        assertThatThrownBy(() -> catalog.create(alice, new NewProductCommand("mine", alice.id().value(), "Mine",
                null, List.of(), false))).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("community");
        assertThat(catalog.create(admin, new NewProductCommand("other", admin.id().value(), "Other", null,
                List.of(new PlatformRef(null, "AlmaLinux-9")), false)).repositories())
                .as("no repositories of its own").isEmpty();
    }

    @Test
    void aCommunityProductAsksASignNodeForItsKeyOnCreationAndOnRequest() {
        long id = catalog.create(alice, new NewProductCommand("alices", alice.id().value(), "Alice's", null,
                List.of(), true)).product().id();
        var waiting = a.tx().inTransaction(() -> a.genKeys().lockClaimable(
                org.albs.application.port.out.GenKeyTasks.AnyNode.INSTANCE, T0, 10));
        assertThat(waiting).hasSize(1);
        var offer = waiting.get(0).work();
        assertThat(List.of(offer.userName(), offer.userEmail(), offer.productName()))
                .containsExactly("alice", "alice@example.org", "alices");

        assertThatThrownBy(() -> catalog.generateKey(bob, id)).isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to gen_key for the product alices");
        assertThat(catalog.generateKey(alice, id).productName()).isEqualTo("alices");
        assertThatThrownBy(() -> catalog.generateKey(admin, almalinux))
                .isInstanceOf(org.albs.domain.ConflictException.class).hasMessageContaining("not a community");
    }

    @Test
    void aProductWithRunningBuildsIsNotDeleted() {
        long id = catalog.create(alice, new NewProductCommand("alices", alice.id().value(), "Alice's", null,
                List.of(new PlatformRef(null, "AlmaLinux-9")), true)).product().id();
        BuildView running = builds.create(alice, forProduct(id));
        assertThatThrownBy(() -> catalog.remove(alice, id)).isInstanceOf(org.albs.domain.ConflictException.class)
                .hasMessage("Builds of product alices are still running (" + running.id()
                        + "): cancel them or wait until they are done");
        builds.cancel(alice, running.id());
        catalog.remove(alice, id);
        assertThat(a.products().find(id)).isEmpty();
    }

    @Test
    void anUnknownProductIsNamedAtProductIdAndNothingIsStored() {
        assertThatThrownBy(() -> builds.create(admin, forProduct(999L)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::path).containsExactly(List.of("product_id")));
        assertThat(a.store().isEmpty()).isTrue();
    }

    @Test
    void creatingABuildForAProductNeedsARoleOfItsTeamThatAllowsIt() {
        assertThatThrownBy(() -> builds.create(alice, forProduct(almalinux)))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessage("You don't have permission to create_build for the product AlmaLinux");
        assertThat(a.store().isEmpty()).isTrue();

        grant(alice, RoleKind.OBSERVER);
        assertThatThrownBy(() -> builds.create(alice, forProduct(almalinux)))
                .isInstanceOf(PermissionDeniedException.class);

        teams.addMembers(admin, team().id(), List.of(alice.id().value())); // members are contributors
        assertThat(builds.create(alice, forProduct(almalinux)).productId()).isEqualTo(almalinux);
        assertThat(builds.create(admin, forProduct(almalinux)).id()).isPositive();
        assertThat(builds.create(bob, forProduct(null)).productId()).as("no product: nothing to check").isNull();
    }

    @Test
    void theProductTeamsRolesMayDeleteRestartAndCancelABuildBesidesItsOwner() {
        teams.addMembers(admin, team().id(), List.of(alice.id().value()));
        BuildView ofProduct = builds.create(alice, forProduct(almalinux));
        BuildView plain = builds.create(alice, forProduct(null));

        assertThatThrownBy(() -> builds.cancel(bob, ofProduct.id())).isInstanceOf(PermissionDeniedException.class)
                .hasMessageStartingWith("You don't have permission to create_build on build " + ofProduct.id()
                        + " (only its owner, a superuser");
        assertThatThrownBy(() -> builds.delete(bob, ofProduct.id())).isInstanceOf(PermissionDeniedException.class)
                .hasMessageStartingWith("You don't have permission to delete_build on build " + ofProduct.id());

        grant(bob, RoleKind.CONTRIBUTOR);
        builds.restartFailed(bob, ofProduct.id(), false);
        assertThatThrownBy(() -> builds.delete(bob, ofProduct.id())).as("contributors may not delete")
                .isInstanceOf(PermissionDeniedException.class);
        grant(bob, RoleKind.MANAGER);
        builds.delete(bob, ofProduct.id());
        assertThat(a.builds().find(ofProduct.id())).isEmpty();

        var testing = new org.albs.application.testing.TestingService(a.tests(), a.builds(), a.jobs(), a.artifacts(),
                a.artifactStore(), a.access(), a.tx(), clock,
                new org.albs.domain.lease.LeaseTerms(java.time.Duration.ofHours(1), 2));
        assertThatThrownBy(() -> testing.restartBuild(bob, plain.id())).isInstanceOf(PermissionDeniedException.class)
                .hasMessageStartingWith("You don't have permission to update_test on build " + plain.id());
        BuildView another = builds.create(alice, forProduct(almalinux));
        testing.cancelBuild(bob, another.id()); // contributors (and managers) may update tests

        var signing = new org.albs.application.signing.SigningService(a.signKeys(), a.signTasks(), a.genKeys(),
                a.jobs(), a.artifacts(), a.artifactStore(), a.access(), a.tx(), clock,
                new org.albs.domain.lease.LeaseTerms(java.time.Duration.ofHours(1), 2));
        long key = signing.create(admin, new org.albs.application.port.in.signing.SignKeysUseCase.NewSignKey("k",
                null, "488fcf7c3abb34f8", "5E9B8F5617B5066CE92057C3488FCF7C3ABB34F8", null, null)).id();
        assertThatThrownBy(() -> signing.create(bob, another.id(), key))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageStartingWith("You don't have permission to sign_build on build " + another.id());
        grant(bob, RoleKind.SIGNER);
        assertThatThrownBy(() -> signing.create(bob, another.id(), key)).as("allowed now: refused for its state")
                .isNotInstanceOf(PermissionDeniedException.class);

        assertThatThrownBy(() -> builds.delete(bob, plain.id())).as("a build of no product has no team")
                .isInstanceOf(PermissionDeniedException.class);
        builds.delete(alice, plain.id());
    }
}
