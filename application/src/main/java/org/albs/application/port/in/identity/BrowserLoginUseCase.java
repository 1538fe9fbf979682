package org.albs.application.port.in.identity;

public interface BrowserLoginUseCase {
    /** Where to send a browser to sign in with GitHub, with a fresh signed one-time state (1 h). */
    String authorizationUrl();

    /** GitHub sent the browser back: the state must be ours, fresh and unused; then as the seed's login. */
    SignedIn finishBrowserLogin(BrowserCallbackCommand command);
}
