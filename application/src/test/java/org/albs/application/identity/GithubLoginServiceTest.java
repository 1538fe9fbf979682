package org.albs.application.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.albs.application.fakes.InMemoryAdapters;
import org.albs.application.fakes.InMemoryIdentityProvider;
import org.albs.application.fakes.InMemoryIdentityProvider.Account;
import org.albs.application.fakes.InMemoryLoginStates;
import org.albs.application.fakes.MutableClock;
import org.albs.application.port.in.identity.BrowserCallbackCommand;
import org.albs.application.port.in.identity.GithubCodeCommand;
import org.albs.application.port.in.identity.SignedIn;
import org.albs.application.port.out.IdentityProvider;
import org.albs.domain.BadRequestException;
import org.albs.domain.InvalidInputException;
import org.albs.domain.identity.Admission;
import org.albs.domain.identity.User;
import org.junit.jupiter.api.Test;

class GithubLoginServiceTest {
    private static final String CALLBACK = "https://albs.example/api/v1/auth/github/callback";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryAdapters a = new InMemoryAdapters(clock);
    private final InMemoryIdentityProvider github = new InMemoryIdentityProvider();

    private GithubLoginService service(Admission admission) {
        return new GithubLoginService(github, a.users(), a.tokens(), new InMemoryLoginStates(), a.tx(), clock,
                admission, CALLBACK);
    }

    private final GithubLoginService anyone = service(Admission.anyone());
    private final GithubLoginService almaOnly = service(new Admission(Set.of("AlmaLinux")));

    private static Account account(long id, String login, String email, String... orgs) {
        return new Account(id, login, email, Set.of(orgs));
    }

    private SignedIn seedLogin(GithubLoginService s, Account account) {
        return s.logInWithGithub(new GithubCodeCommand(github.codeFor(account)));
    }

    @Test
    void aNewcomerIsCreatedWithTheirLoginAndEmailAndGetsAOneDayToken() {
        SignedIn in = seedLogin(anyone, account(42, "alice", "alice@example.org"));

        assertThat(in.user().username()).isEqualTo("alice");
        assertThat(in.user().email()).isEqualTo("alice@example.org");
        assertThat(in.user().active()).isTrue();
        assertThat(in.user().verified()).as("no organisations configured: anyone with a verified e-mail").isTrue();
        assertThat(in.user().superuser()).isFalse();
        assertThat(a.tokens().find(in.token()).orElseThrow().lifetime()).isEqualTo(Duration.ofDays(1));
        assertThat(a.tokens().verify(in.token())).contains(in.user().id());
        assertThat(github.lastRedirectUri()).as("the seed's code came without our redirect").isNull();
    }

    @Test
    void aReturningUserIsFoundByTheirGithubAccountEvenWithANewLoginAndEmail() {
        User first = seedLogin(anyone, account(42, "alice", "alice@example.org")).user();
        User again = seedLogin(anyone, account(42, "alice-renamed", "alice@new.example.org")).user();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(a.users().all()).hasSize(1);
    }

    @Test
    void anExistingUserIsMatchedByEmailAndLinked() {
        User existing = a.user("node-7", false);
        User in = seedLogin(anyone, account(7, "someone", existing.email().toUpperCase())).user();

        assertThat(in.id()).isEqualTo(existing.id());
        assertThat(a.users().findByGithubId(7)).map(User::id).contains(existing.id());
    }

    @Test
    void aTakenUsernameGetsTheFirstFreeNumericSuffix() {
        a.user("bob", false);
        a.user("bob-2", false);
        User in = seedLogin(anyone, account(5, "bob", "bob@github.example")).user();

        assertThat(in.username()).isEqualTo("bob-3");
    }

    @Test
    void organisationMembersAreVerifiedOthersWait() {
        User member = seedLogin(almaOnly, account(1, "member", "m@example.org", "almalinux")).user();
        User outsider = seedLogin(almaOnly, account(2, "outsider", "o@example.org", "other")).user();

        assertThat(member.verified()).isTrue();
        assertThat(outsider.verified()).isFalse();
    }

    @Test
    void aWaitingUserWhoJoinedTheOrganisationIsVerifiedOnTheirNextLogin() {
        seedLogin(almaOnly, account(2, "late", "late@example.org"));
        User joined = seedLogin(almaOnly, account(2, "late", "late@example.org", "AlmaLinux")).user();

        assertThat(joined.verified()).isTrue();
    }

    @Test
    void withoutOrganisationsAReturningUserAnAdminUnverifiedStaysUnverified() {
        User u = seedLogin(anyone, account(3, "carol", "carol@example.org")).user();
        a.users().setFlags(u.id(), true, false, false);

        assertThat(seedLogin(anyone, account(3, "carol", "carol@example.org")).user().verified()).isFalse();
    }

    @Test
    void aDeactivatedUserIsRefused() {
        User u = seedLogin(anyone, account(3, "dave", "dave@example.org")).user();
        a.users().setFlags(u.id(), false, true, false);

        assertThatThrownBy(() -> seedLogin(anyone, account(3, "dave", "dave@example.org")))
                .isInstanceOf(BadRequestException.class).hasMessage("LOGIN_BAD_CREDENTIALS");
    }

    @Test
    void anAccountWithoutAVerifiedEmailIsRefusedAndNothingIsCreated() {
        assertThatThrownBy(() -> seedLogin(anyone, account(9, "ghost", null)))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("OAUTH_NOT_AVAILABLE_EMAIL");
        assertThat(a.users().all()).isEmpty();
    }

    @Test
    void aRejectedCodeIsABadRequestAndAnUnavailableProviderPassesThrough() {
        assertThatThrownBy(() -> anyone.logInWithGithub(new GithubCodeCommand("never-issued")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("bad_verification_code");
        github.failNext(new IdentityProvider.Unavailable("GitHub answered 500"));
        assertThatThrownBy(() -> seedLogin(anyone, account(1, "x", "x@example.org")))
                .isInstanceOf(IdentityProvider.Unavailable.class);
        assertThat(a.users().all()).isEmpty();
    }

    @Test
    void anEmptyCodeIsInvalidInput() {
        assertThatThrownBy(() -> new GithubCodeCommand(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new GithubCodeCommand(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new BrowserCallbackCommand("c", null)).isInstanceOf(InvalidInputException.class);
    }

    // ---- browser flow ----

    private String stateOf(String authorizationUrl) {
        return authorizationUrl.replaceFirst(".*state=([^&]*).*", "$1");
    }

    @Test
    void theBrowserFlowSignsInOnceWithOurStateAndRedirect() {
        String url = anyone.authorizationUrl();
        assertThat(url).contains("redirect_uri=" + CALLBACK);
        String state = stateOf(url);
        Account alice = account(42, "alice", "alice@example.org");

        SignedIn in = anyone.finishBrowserLogin(new BrowserCallbackCommand(github.codeFor(alice), state));
        assertThat(in.user().username()).isEqualTo("alice");
        assertThat(github.lastRedirectUri()).isEqualTo(CALLBACK);

        assertThatThrownBy(() -> anyone.finishBrowserLogin(new BrowserCallbackCommand(github.codeFor(alice), state)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("used already");
    }

    @Test
    void aForgedOrExpiredStateIsRefusedBeforeGithubIsAsked() {
        Account alice = account(42, "alice", "alice@example.org");
        String code = github.codeFor(alice);
        assertThatThrownBy(() -> anyone.finishBrowserLogin(new BrowserCallbackCommand(code, "state-forged")))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("OAUTH_INVALID_STATE");

        String state = stateOf(anyone.authorizationUrl());
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> anyone.finishBrowserLogin(new BrowserCallbackCommand(code, state)))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("OAUTH_INVALID_STATE");
        assertThat(github.lastRedirectUri()).as("GitHub never asked").isNull();
        assertThat(a.users().all()).isEmpty();
    }
}
