package org.albs.application.fakes;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albs.application.port.out.IdentityProvider;

/** GitHub in memory: codes a test hands out, each good once, for the identities it names. */
public final class InMemoryIdentityProvider implements IdentityProvider {
    public record Account(long id, String login, String verifiedEmail, Set<String> organizations) {
    }

    private final Map<String, Account> codes = new HashMap<>();
    private final Set<String> usedCodes = new HashSet<>();
    private RuntimeException failure;
    private String lastRedirectUri;

    /** A code GitHub would give this account's browser. */
    public String codeFor(Account account) {
        String code = "code-" + (codes.size() + 1);
        codes.put(code, account);
        return code;
    }

    /** The next exchange fails like this (Unavailable, CodeRejected). */
    public void failNext(RuntimeException e) {
        failure = e;
    }

    public String lastRedirectUri() {
        return lastRedirectUri;
    }

    @Override
    public String authorizationUrl(String state, String redirectUri) {
        return "https://github.example/login/oauth/authorize?state=" + state + "&redirect_uri=" + redirectUri;
    }

    @Override
    public Identity identify(String code, String redirectUri, Collection<String> organizations) {
        lastRedirectUri = redirectUri;
        if (failure != null) {
            RuntimeException e = failure;
            failure = null;
            throw e;
        }
        Account account = codes.get(code);
        if (account == null || !usedCodes.add(code)) {
            throw new CodeRejected("bad_verification_code");
        }
        Set<String> memberOf = new HashSet<>();
        for (String asked : organizations) {
            account.organizations().stream().filter(o -> o.equalsIgnoreCase(asked)).forEach(memberOf::add);
        }
        return new Identity(account.id(), account.login(), Optional.ofNullable(account.verifiedEmail()), memberOf);
    }
}
