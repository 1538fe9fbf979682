package org.albs.application.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

import org.albs.application.port.in.identity.AuthenticateUseCase;
import org.albs.application.port.in.identity.CreateServiceAccountUseCase;
import org.albs.application.port.in.identity.EnsureAdminUseCase;
import org.albs.application.port.in.identity.IssueTokenUseCase;
import org.albs.application.port.in.identity.LogInUseCase;
import org.albs.application.port.in.identity.NewAccountCommand;
import org.albs.application.port.in.identity.TokenCommand;
import org.albs.application.port.out.AccessTokens;
import org.albs.application.port.out.PasswordHasher;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.domain.AuthenticationFailedException;
import org.albs.domain.BadRequestException;
import org.albs.domain.ConflictException;
import org.albs.domain.NotFoundException;
import org.albs.domain.PermissionDeniedException;
import org.albs.domain.Problems;
import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;

/** Who is calling, and the accounts and tokens superusers hand out to nodes. */
public class IdentityService implements AuthenticateUseCase, LogInUseCase, CreateServiceAccountUseCase,
        IssueTokenUseCase, EnsureAdminUseCase {
    /** Upstream's login token lifetime (fastapi-users JWTStrategy). */
    public static final Duration LOGIN_TOKEN_LIFETIME = Duration.ofDays(1);
    private static final int MAX_CACHED_USERS = 10_000;

    private record CachedUser(User user, Instant until) {
    }

    private final Users users;
    private final AccessTokens tokens;
    private final PasswordHasher hasher;
    private final Transactions tx;
    private final Clock clock;
    private final Duration userCacheTtl;
    private final Map<UserId, CachedUser> recentlySeen = new ConcurrentHashMap<>();

    public IdentityService(Users users, AccessTokens tokens, PasswordHasher hasher, Transactions tx, Clock clock) {
        this(users, tokens, hasher, tx, clock, Duration.ZERO);
    }

    /**
     * @param userCacheTtl how long a looked-up user is trusted without reading it again (every node call
     *                     authenticates); a deactivated user is locked out at most this much later. Zero: always read.
     */
    public IdentityService(Users users, AccessTokens tokens, PasswordHasher hasher, Transactions tx, Clock clock,
                           Duration userCacheTtl) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.tx = tx;
        this.clock = clock;
        this.userCacheTtl = userCacheTtl;
    }

    /** As fastapi-users' {@code current_user(active=True, verified=True)}. */
    @Override
    public User authenticate(String bearerToken) {
        UserId id = tokens.verify(bearerToken).orElseThrow(AuthenticationFailedException::new);
        User user = lookUp(id);
        if (!user.active()) {
            throw new AuthenticationFailedException();
        }
        if (!user.verified()) {
            throw new PermissionDeniedException("Forbidden");
        }
        return user;
    }

    private User lookUp(UserId id) {
        Instant now = clock.instant();
        CachedUser cached = recentlySeen.get(id);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.user();
        }
        User user = tx.inTransaction(() -> users.findById(id)).orElseThrow(AuthenticationFailedException::new);
        if (!userCacheTtl.isZero()) {
            if (recentlySeen.size() >= MAX_CACHED_USERS) {
                recentlySeen.clear();
            }
            recentlySeen.put(id, new CachedUser(user, now.plus(userCacheTtl)));
        }
        return user;
    }

    /** Password login of fastapi-users: the form's username is the e-mail address. */
    @Override
    public String login(String email, String password) {
        Optional<User> found = email == null ? Optional.empty() : tx.inTransaction(() -> users.findByEmail(email));
        boolean ok = found.map(u -> u.hashedPassword() != null && password != null
                && hasher.matches(password, u.hashedPassword())).orElse(false);
        if (!ok || !found.get().active()) {
            throw new BadRequestException("LOGIN_BAD_CREDENTIALS");
        }
        return tokens.issue(found.get().id(), LOGIN_TOKEN_LIFETIME);
    }

    @Override
    public User createServiceAccount(User actor, NewAccountCommand cmd) {
        actor.requireSuperuser();
        return tx.inTransaction(() -> {
            if (users.existsByUsernameOrEmail(cmd.username(), cmd.email())) {
                throw new ConflictException("A user with username '" + cmd.username() + "' or email '" + cmd.email()
                        + "' already exists");
            }
            return users.insert(new NewUser(cmd.username(), cmd.email(), null, true, true, false), clock.instant());
        });
    }

    @Override
    public String issueToken(User actor, long userId, TokenCommand cmd) {
        actor.requireSuperuser();
        User subject = tx.inTransaction(() -> users.findById(new UserId(userId)))
                .orElseThrow(() -> new NotFoundException("User with id " + userId + " is not found"));
        if (!subject.active()) {
            throw new ConflictException("User with id " + userId + " is not active");
        }
        return tokens.issue(subject.id(), cmd.lifetime());
    }

    /**
     * Creates the first superuser from configuration, or resets its password when it already exists, so the
     * operator's configured password is always the one that works.
     */
    @Override
    public User ensureAdmin(String username, String email, String password) {
        Problems problems = new Problems();
        NewUser.validateNames(username, email, problems);
        if (password == null || password.length() < 8) {
            problems.add("the admin password must have at least 8 characters", "value_error", "password");
        }
        problems.throwIfAny();
        String hash = hasher.hash(password);
        return tx.inTransaction(() -> {
            Optional<User> existing = users.findByEmail(email);
            if (existing.isPresent()) {
                users.setPassword(existing.get().id(), hash, clock.instant());
                return users.findById(existing.get().id()).orElseThrow();
            }
            if (users.existsByUsernameOrEmail(username, email)) {
                throw new ConflictException("username '" + username + "' is taken by another user");
            }
            return users.insert(new NewUser(username, email, hash, true, true, true), clock.instant());
        });
    }
}
