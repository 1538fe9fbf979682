package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Users} must do: unique usernames, e-mail addresses compared without case, one user per GitHub
 * account, flags changed only where given, removal.
 */
public abstract class AbstractUsersContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private Users users;
    private Transactions tx;

    protected abstract Users users();

    protected abstract Transactions transactions();

    @BeforeEach
    void setUp() {
        users = users();
        tx = transactions();
    }

    /** Reads in a transaction of its own, as the services do (a read outside one may see a session's cache). */
    private <T> T find(java.util.function.Supplier<T> read) {
        return tx.inTransaction(read);
    }

    private User insert(String name, String hash) {
        return tx.inTransaction(() -> users.insert(new NewUser(name + suffix, name + suffix + "@Example.org", hash,
                true, false, false), T0));
    }

    @Test
    public void anInsertedUserIsFoundByIdAndByEmailInAnyCase() {
        User alice = insert("alice", "h1");

        assertThat(alice.username()).isEqualTo("alice" + suffix);
        assertThat(alice.hashedPassword()).isEqualTo("h1");
        assertThat(alice.active()).isTrue();
        assertThat(alice.verified()).isFalse();
        assertThat(alice.superuser()).isFalse();
        assertThat(alice.createdAt()).isEqualTo(T0);
        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByEmail(("alice" + suffix + "@example.ORG").toUpperCase())).contains(alice);
        assertThat(users.findById(new UserId(Long.MAX_VALUE))).isEmpty();
        assertThat(users.findByEmail("nobody-" + suffix + "@example.org")).isEmpty();
    }

    @Test
    public void usernamesMatchExactlyAndEmailsWithoutCase() {
        insert("bob", null);

        assertThat(users.existsByUsernameOrEmail("bob" + suffix, "x-" + suffix + "@example.org")).isTrue();
        assertThat(users.existsByUsernameOrEmail("BOB" + suffix, "x-" + suffix + "@example.org")).isFalse();
        assertThat(users.existsByUsernameOrEmail("x" + suffix, "BOB" + suffix + "@EXAMPLE.ORG")).isTrue();
    }

    @Test
    public void setPasswordReplacesTheHash() {
        User carol = insert("carol", "old");
        Instant later = T0.plusSeconds(3600);

        tx.run(() -> users.setPassword(carol.id(), "new", later));

        User changed = users.findById(carol.id()).orElseThrow();
        assertThat(changed.hashedPassword()).isEqualTo("new");
        assertThat(changed.updatedAt()).isEqualTo(later);
        assertThat(changed.createdAt()).isEqualTo(T0);
    }

    @Test
    public void aGithubAccountLinksToOneUserAtATime() {
        User dave = insert("dave", null);
        User erin = insert("erin", null);
        long account = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        assertThat(find(() -> users.findByGithubId(account))).isEmpty();

        tx.run(() -> users.linkGithub(dave.id(), account, T0));

        assertThat(find(() -> users.findByGithubId(account)).map(User::id)).contains(dave.id());
        assertThatThrownBy(() -> tx.run(() -> users.linkGithub(erin.id(), account, T0)))
                .as("another user has that account").isInstanceOf(Users.Duplicate.class);
        assertThat(find(() -> users.findByGithubId(account)).map(User::id)).contains(dave.id());
        long other = account + 1;
        tx.run(() -> users.linkGithub(dave.id(), other, T0));
        assertThat(find(() -> users.findByGithubId(other)).map(User::id)).as("a new link replaces the old")
                .contains(dave.id());
        assertThat(find(() -> users.findByGithubId(account))).isEmpty();
    }

    @Test
    public void aTakenUsernameOrEmailIsADuplicate() {
        insert("frank", null);
        assertThatThrownBy(() -> insert("frank", null)).isInstanceOf(Users.Duplicate.class);
        assertThat(users.existsByUsername("frank" + suffix)).isTrue();
        assertThat(users.existsByUsername("Frank" + suffix)).isFalse();
    }

    @Test
    public void flagsChangeOnlyWhereGivenAndAUserCanBeRemoved() {
        User gina = insert("gina", null);
        Instant later = T0.plusSeconds(60);

        assertThat(tx.inTransaction(() -> users.setFlags(gina.id(), null, true, null, later))).isTrue();
        User verified = find(() -> users.findById(gina.id())).orElseThrow();
        assertThat(verified.verified()).isTrue();
        assertThat(verified.active()).isTrue();
        assertThat(verified.superuser()).isFalse();
        assertThat(verified.updatedAt()).isEqualTo(later);
        assertThat(tx.inTransaction(() -> users.setFlags(gina.id(), false, null, true, later))).isTrue();
        User changed = find(() -> users.findById(gina.id())).orElseThrow();
        assertThat(changed.active()).isFalse();
        assertThat(changed.verified()).isTrue();
        assertThat(changed.superuser()).isTrue();
        assertThat(users.all()).extracting(User::id).contains(gina.id());
        assertThat(tx.inTransaction(() -> users.setFlags(new UserId(Long.MAX_VALUE), true, null, null, later)))
                .isFalse();

        assertThat(tx.inTransaction(() -> users.delete(gina.id()))).isTrue();
        assertThat(find(() -> users.findById(gina.id()))).isEmpty();
        assertThat(tx.inTransaction(() -> users.delete(gina.id()))).isFalse();
    }
}
