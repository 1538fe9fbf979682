package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.albs.domain.identity.NewUser;
import org.albs.domain.identity.User;
import org.albs.domain.identity.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Users} must do: unique usernames, e-mail addresses compared without case. */
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
}
