package org.albs.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UsernamesAndAdmissionTest {
    @Test
    void theLoginIsTheUsernameUnlessTakenThenTheFirstFreeSuffix() {
        assertThat(Usernames.firstFree("alice", Set.of()::contains)).isEqualTo("alice");
        assertThat(Usernames.firstFree("alice", Set.of("alice", "alice-2")::contains)).isEqualTo("alice-3");
    }

    @Test
    void aLoginUnfitForAUsernameIsCleanedOrReplacedByTheEmailsLocalPart() {
        assertThat(Usernames.base("Octo-Cat", "x@y")).isEqualTo("Octo-Cat");
        assertThat(Usernames.base("a b/c", "x@y")).isEqualTo("abc");
        assertThat(Usernames.base(null, "first.last@example.org")).isEqualTo("first.last");
        assertThat(Usernames.base("", "@example.org")).isEqualTo("user");
    }

    @Test
    void withoutOrganisationsNewcomersAreVerifiedButReturningUsersAreLeftAlone() {
        Admission anyone = new Admission(Set.of(" ", ""));
        assertThat(anyone.restricted()).isFalse();
        assertThat(anyone.verifies(List.of())).isTrue();
        assertThat(anyone.verifiesReturning(List.of("x"))).isFalse();
    }

    @Test
    void withOrganisationsOnlyMembersAreVerifiedComparedWithoutCase() {
        Admission alma = new Admission(Set.of("AlmaLinux", "cloudlinux"));
        assertThat(alma.verifies(List.of("almalinux"))).isTrue();
        assertThat(alma.verifies(List.of("CloudLinux", "other"))).isTrue();
        assertThat(alma.verifies(List.of("other"))).isFalse();
        assertThat(alma.verifiesReturning(List.of("ALMALINUX"))).isTrue();
        assertThat(alma.verifiesReturning(List.of())).isFalse();
    }
}
