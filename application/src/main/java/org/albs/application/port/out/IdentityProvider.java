package org.albs.application.port.out;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * An outside identity provider that signs people in with OAuth (GitHub): where to send a browser, and who is behind
 * an authorization code.
 */
public interface IdentityProvider {
    /** The provider's login page for a browser, carrying our state and the URL the provider sends the browser back to. */
    String authorizationUrl(String state, String redirectUri);

    /**
     * Exchanges the code for an access token and reads who it belongs to: the account, its primary verified e-mail
     * (if any) and, of the organisations asked about, those it is an active member of.
     *
     * @param redirectUri the one the authorization request carried, or null when there was none
     * @throws CodeRejected the provider refused the code (bad, expired or already used)
     * @throws Unavailable  the provider did not answer in time, failed, limited our rate, or answered nonsense
     */
    Identity identify(String code, String redirectUri, Collection<String> organizations);

    /** A person as the provider knows them; {@code verifiedEmail} is empty when they have no verified address. */
    record Identity(long accountId, String login, Optional<String> verifiedEmail, Set<String> memberOf) {
        public Identity {
            memberOf = Set.copyOf(memberOf);
        }
    }

    /** The provider refused the authorization code; the person must start the login again. */
    final class CodeRejected extends RuntimeException {
        public CodeRejected(String message) {
            super(message);
        }
    }

    /** The provider cannot be used just now; nothing was changed here. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
