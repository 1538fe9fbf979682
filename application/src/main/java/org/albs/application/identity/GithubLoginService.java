package org.albs.application.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.albs.application.port.in.identity.BrowserCallbackCommand;
import org.albs.application.port.in.identity.BrowserLoginUseCase;
import org.albs.application.port.in.identity.GithubCodeCommand;
import org.albs.application.port.in.identity.LogInWithGithubUseCase;
import org.albs.application.port.in.identity.SignedIn;
import org.albs.application.port.out.AccessTokens;
import org.albs.application.port.out.IdentityProvider;
import org.albs.application.port.out.LoginStates;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.BadRequestException;
import org.albs.domain.identity.Admission;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.Usernames;

/** Signing in with GitHub: the seed's code exchange and the browser flow of today's upstream (fastapi-users). */
public class GithubLoginService implements LogInWithGithubUseCase, BrowserLoginUseCase {
    /** fastapi-users' OAuth state lifetime. */
    public static final Duration STATE_LIFETIME = Duration.ofHours(1);
    /** Two instances may create the same person (or take the same username) at once: the loser tries again. */
    private static final int SIGN_IN_ATTEMPTS = 3;

    private final IdentityProvider github;
    private final Users users;
    private final AccessTokens tokens;
    private final LoginStates states;
    private final Transactions tx;
    private final Clock clock;
    private final Admission admission;
    private final String redirectUri;

    /**
     * @param redirectUri where GitHub sends the browser back to (our callback as the browser reaches it)
     */
    public GithubLoginService(IdentityProvider github, Users users, AccessTokens tokens, LoginStates states,
                              Transactions tx, Clock clock, Admission admission, String redirectUri) {
        this.github = github;
        this.users = users;
        this.tokens = tokens;
        this.states = states;
        this.tx = tx;
        this.clock = clock;
        this.admission = admission;
        this.redirectUri = redirectUri;
    }

    @Override
    public SignedIn logInWithGithub(GithubCodeCommand command) {
        return signIn(command.code(), null);
    }

    @Override
    public String authorizationUrl() {
        return github.authorizationUrl(tokens.issueState(UUID.randomUUID().toString(), STATE_LIFETIME), redirectUri);
    }

    @Override
    public SignedIn finishBrowserLogin(BrowserCallbackCommand command) {
        AccessTokens.LoginState state = tokens.verifyState(command.state()).orElseThrow(() -> new BadRequestException(
                "OAUTH_INVALID_STATE: the login state is not ours or has expired; start the login again"));
        Instant now = clock.instant();
        if (!tx.inTransaction(() -> states.useOnce(state.id(), state.expiresAt(), now))) {
            throw new BadRequestException("OAUTH_INVALID_STATE: this login state was used already; start the login again");
        }
        return signIn(command.code(), redirectUri);
    }

    private SignedIn signIn(String code, String redirect) {
        IdentityProvider.Identity who;
        try {
            who = github.identify(code, redirect, admission.organizations());
        } catch (IdentityProvider.CodeRejected e) {
            throw new BadRequestException("OAUTH_CODE_REJECTED: GitHub refused the code (" + e.getMessage()
                    + "); start the login again");
        }
        String email = who.verifiedEmail().orElseThrow(() -> new BadRequestException(
                "OAUTH_NOT_AVAILABLE_EMAIL: the GitHub account has no verified e-mail address"));
        User user = findOrCreate(who, email);
        if (!user.active()) {
            throw new BadRequestException("LOGIN_BAD_CREDENTIALS");
        }
        return new SignedIn(user, tokens.issue(user.id(), IdentityService.LOGIN_TOKEN_LIFETIME));
    }

    private User findOrCreate(IdentityProvider.Identity who, String email) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.inTransaction(() -> findOrCreateOnce(who, email, clock.instant()));
            } catch (Users.Duplicate e) {
                if (attempt >= SIGN_IN_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** By GitHub account, else by e-mail (linking the account, as upstream's associate_by_email), else a new user. */
    private User findOrCreateOnce(IdentityProvider.Identity who, String email, Instant now) {
        Optional<User> linked = users.findByGithubId(who.accountId());
        User user;
        if (linked.isPresent()) {
            user = linked.get();
        } else {
            Optional<User> byEmail = users.findByEmail(email);
            if (byEmail.isPresent()) {
                user = byEmail.get();
            } else {
                String username = Usernames.firstFree(Usernames.base(who.login(), email), users::existsByUsername);
                user = users.insert(new NewUser(username, email, null, true, admission.verifies(who.memberOf()),
                        false), now);
            }
            users.linkGithub(user.id(), who.accountId(), now);
        }
        if (user.active() && !user.verified() && admission.verifiesReturning(who.memberOf())) {
            users.setFlags(user.id(), null, true, null, now);
            user = users.findById(user.id()).orElseThrow();
        }
        return user;
    }
}
