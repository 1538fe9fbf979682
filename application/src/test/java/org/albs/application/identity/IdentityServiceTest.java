package org.albs.application.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.albs.application.port.in.identity.NewAccountCommand;
import org.albs.application.port.in.identity.TokenCommand;
import org.albs.application.fakes.FakeAccessTokens;
import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.MutableClock;
import org.albs.domain.AuthenticationFailedException;
import org.albs.domain.BadRequestException;
import org.albs.domain.ConflictException;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final IdentityService identity = new IdentityService(a.users(), a.tokens(), a.hasher(), a.tx(), clock);

    private User alice;
    private User admin;

    @BeforeEach
    void seed() {
        alice = a.user("alice", false);
        admin = a.user("admin", true);
    }

    private String token(User user) {
        return a.tokens().issue(user.id(), Duration.ofHours(1));
    }

    private static List<List<Object>> locs(InvalidInputException e) {
        return e.problems().stream().map(FieldProblem::path).toList();
    }

    // ---- authenticate ----

    @Test
    void aGoodTokenNamesItsUser() {
        assertThat(identity.authenticate(token(alice))).isEqualTo(alice);
    }

    @Test
    void badExpiredOrOrphanTokensAreUnauthorized() {
        String expiring = token(alice);
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> identity.authenticate("garbage")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> identity.authenticate(null)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> identity.authenticate(expiring)).isInstanceOf(AuthenticationFailedException.class);
        String orphan = a.tokens().issue(new UserId(999), Duration.ofHours(1));
        assertThatThrownBy(() -> identity.authenticate(orphan)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void anInactiveUserIsUnauthorizedAndAnUnverifiedOneForbidden() {
        String t = token(alice);
        a.users().setFlags(alice.id(), false, true, false);
        assertThatThrownBy(() -> identity.authenticate(t)).isInstanceOf(AuthenticationFailedException.class);

        a.users().setFlags(alice.id(), true, false, false);
        assertThatThrownBy(() -> identity.authenticate(t)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void withoutACacheADeactivatedUserIsLockedOutAtOnce() {
        String t = token(alice);
        identity.authenticate(t);
        a.users().setFlags(alice.id(), false, true, false);

        assertThatThrownBy(() -> identity.authenticate(t)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aCachedUserIsTrustedForTheCacheLifetimeOnly() {
        IdentityService cached = new IdentityService(a.users(), a.tokens(), a.hasher(), a.tx(), clock,
                Duration.ofSeconds(5));
        String t = token(alice);
        cached.authenticate(t);
        a.users().setFlags(alice.id(), false, true, false);

        clock.advance(Duration.ofMillis(4_999));
        assertThat(cached.authenticate(t)).as("still within 5 s").isEqualTo(alice);
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> cached.authenticate(t)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void anUnknownUserIsNotCached() {
        IdentityService cached = new IdentityService(a.users(), a.tokens(), a.hasher(), a.tx(), clock,
                Duration.ofMinutes(5));
        String forBob = a.tokens().issue(new UserId(3), Duration.ofHours(1));
        assertThatThrownBy(() -> cached.authenticate(forBob)).isInstanceOf(AuthenticationFailedException.class);

        User bob = a.user("bob", false);
        assertThat(bob.id()).isEqualTo(new UserId(3));
        assertThat(cached.authenticate(forBob)).isEqualTo(bob);
    }

    // ---- login ----

    @Test
    void loginWithTheRightPasswordGivesADayLongToken() {
        String t = identity.login("ALICE@example.org", "secret-alice");

        FakeAccessTokens.Issued issued = a.tokens().find(t).orElseThrow();
        assertThat(issued.user()).isEqualTo(alice.id());
        assertThat(issued.lifetime()).isEqualTo(Duration.ofDays(1));
        assertThat(identity.authenticate(t)).isEqualTo(alice);
    }

    @Test
    void loginFailuresAllLookTheSame() {
        User node = identity.createServiceAccount(admin, new NewAccountCommand("node1", "node1@example.org"));
        a.users().setFlags(admin.id(), false, true, true);

        for (String[] attempt : new String[][] {{"alice@example.org", "wrong"}, {"nobody@example.org", "x"},
                {null, "secret-alice"}, {"alice@example.org", null}, {node.email(), ""},
                {"admin@example.org", "secret-admin"}}) {
            assertThatThrownBy(() -> identity.login(attempt[0], attempt[1]))
                    .as("%s / %s", attempt[0], attempt[1])
                    .isInstanceOf(BadRequestException.class).hasMessage("LOGIN_BAD_CREDENTIALS");
        }
    }

    // ---- service accounts and tokens ----

    @Test
    void aSuperuserCreatesVerifiedServiceAccounts() {
        User node = identity.createServiceAccount(admin, new NewAccountCommand("build-node-1", "node1@example.org"));

        assertThat(node.active()).isTrue();
        assertThat(node.verified()).isTrue();
        assertThat(node.superuser()).isFalse();
        assertThat(node.hashedPassword()).isNull();
        assertThat(a.users().findById(node.id())).contains(node);
    }

    @Test
    void onlySuperusersCreateServiceAccounts() {
        assertThatThrownBy(() -> identity.createServiceAccount(alice, new NewAccountCommand("node1", "node1@example.org")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(a.users().all()).hasSize(2);
    }

    @Test
    void serviceAccountNamesAreCheckedAndUnique() {
        assertThatThrownBy(() -> identity.createServiceAccount(admin, new NewAccountCommand("-bad name", "not-an-email")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(locs(e))
                        .containsExactly(List.of("username"), List.of("email")));
        assertThatThrownBy(() -> identity.createServiceAccount(admin, new NewAccountCommand("alice", "other@example.org")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> identity.createServiceAccount(admin, new NewAccountCommand("other", "Alice@Example.org")))
                .isInstanceOf(ConflictException.class);
        assertThat(a.users().all()).hasSize(2);
    }

    @Test
    void tokensAreIssuedForActiveUsersWithinBounds() {
        String t = identity.issueToken(admin, alice.id().value(), new TokenCommand(TokenCommand.MAX_LIFETIME_SECONDS));

        assertThat(a.tokens().find(t).orElseThrow().lifetime())
                .isEqualTo(Duration.ofSeconds(TokenCommand.MAX_LIFETIME_SECONDS));
        assertThat(identity.authenticate(t)).isEqualTo(alice);
        assertThat(a.tokens().find(identity.issueToken(admin, alice.id().value(), new TokenCommand(1L))).orElseThrow().lifetime())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tokenLifetimesOutOfBoundsAreRejected() {
        for (Long lifetime : new Long[] {null, 0L, -1L, TokenCommand.MAX_LIFETIME_SECONDS + 1}) {
            assertThatThrownBy(() -> identity.issueToken(admin, alice.id().value(), new TokenCommand(lifetime)))
                    .as("%s", lifetime)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(locs(e))
                            .containsExactly(List.of("lifetime_seconds")));
        }
        assertThat(a.tokens().issued()).isEmpty();
    }

    @Test
    void tokensAreForExistingActiveUsersAndOnlySuperusersIssueThem() {
        assertThatThrownBy(() -> identity.issueToken(alice, alice.id().value(), new TokenCommand(60L)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> identity.issueToken(admin, 999, new TokenCommand(60L))).isInstanceOf(NotFoundException.class);
        a.users().setFlags(alice.id(), false, true, false);
        assertThatThrownBy(() -> identity.issueToken(admin, alice.id().value(), new TokenCommand(60L)))
                .isInstanceOf(ConflictException.class);
        assertThat(a.tokens().issued()).isEmpty();
    }

    // ---- the configured admin ----

    @Test
    void theConfiguredAdminIsCreatedThenHasItsPasswordReset() {
        User created = identity.ensureAdmin("root", "root@example.org", "first-password");
        assertThat(created.superuser()).isTrue();
        assertThat(identity.authenticate(identity.login("root@example.org", "first-password"))).isEqualTo(created);

        clock.advance(Duration.ofMinutes(1));
        User again = identity.ensureAdmin("root", "root@example.org", "second-password");

        assertThat(again.id()).isEqualTo(created.id());
        assertThat(again.updatedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> identity.login("root@example.org", "first-password"))
                .isInstanceOf(BadRequestException.class);
        assertThat(identity.login("root@example.org", "second-password")).isNotNull();
    }

    @Test
    void theConfiguredAdminNeedsAGoodPasswordAndAFreeUsername() {
        assertThatThrownBy(() -> identity.ensureAdmin("root", "root@example.org", "short"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> identity.ensureAdmin("alice", "root@example.org", "long-enough"))
                .isInstanceOf(ConflictException.class);
    }
}
