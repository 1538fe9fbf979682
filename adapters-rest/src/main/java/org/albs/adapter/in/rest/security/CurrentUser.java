package org.albs.adapter.in.rest.security;

import jakarta.enterprise.context.RequestScoped;

import org.albs.domain.identity.User;

/** The authenticated caller of the current request. */
@RequestScoped
public class CurrentUser {
    private User user;

    void set(User user) {
        this.user = user;
    }

    public User get() {
        if (user == null) {
            throw new IllegalStateException("endpoint is not @Secured");
        }
        return user;
    }
}
