package org.albs.domain.identity;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is verified when they sign in through an outside identity provider: with no organisations configured, anyone
 * the provider vouches for (a verified e-mail); otherwise members of one of the organisations (compared without case,
 * as GitHub compares organisation logins). Everybody else is let in unverified and waits for a superuser.
 */
public record Admission(Set<String> organizations) {
    public Admission {
        organizations = organizations == null ? Set.of() : organizations.stream()
                .filter(o -> o != null && !o.isBlank())
                .map(String::trim)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Admission anyone() {
        return new Admission(Set.of());
    }

    public boolean restricted() {
        return !organizations.isEmpty();
    }

    /**
     * Whether a returning user, not verified yet, who belongs to these organisations is verified now. Without
     * organisations, only newcomers are verified by signing in: a superuser's later decision stands.
     */
    public boolean verifiesReturning(Collection<String> memberOf) {
        return restricted() && verifies(memberOf);
    }

    /** Whether a newcomer who belongs to these organisations is created verified. */
    public boolean verifies(Collection<String> memberOf) {
        return !restricted() || memberOf.stream().anyMatch(o -> o != null
                && organizations.stream().anyMatch(o::equalsIgnoreCase));
    }
}
