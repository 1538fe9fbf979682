package org.albs.application.port.in.identity;

public interface LogInWithGithubUseCase {
    /**
     * The seed's login: the client got a code from GitHub; the person behind it is found by GitHub account, else by
     * e-mail, else created, and gets a token. A deactivated user or one without a verified e-mail is refused.
     */
    SignedIn logInWithGithub(GithubCodeCommand command);
}
