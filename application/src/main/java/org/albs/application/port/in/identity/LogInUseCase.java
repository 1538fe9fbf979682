package org.albs.application.port.in.identity;

public interface LogInUseCase {
    /** Password login (the login name is the e-mail address); returns an access token. */
    String login(String email, String password);
}
