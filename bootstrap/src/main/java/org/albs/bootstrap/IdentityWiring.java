package org.albs.bootstrap;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.adapter.in.rest.security.BrowserLoginSettings;
import org.albs.adapter.out.github.GithubIdentityProvider;
import org.albs.adapter.out.github.GithubSettings;
import org.albs.application.builds.BuildService;
import org.albs.application.identity.GithubLoginService;
import org.albs.application.identity.UserAdministrationService;
import org.albs.application.port.out.AccessTokens;
import org.albs.application.port.out.IdentityProvider;
import org.albs.application.port.out.LoginStates;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.UserHoldings;
import org.albs.application.port.out.Users;
import org.albs.domain.identity.Admission;

/** GitHub sign-in and the administration of users. */
@ApplicationScoped
public class IdentityWiring {
    @Produces
    @Singleton
    BrowserLoginSettings browserLoginSettings(AlbsConfig config) {
        return new BrowserLoginSettings(config.frontend().baseUrl());
    }

    /** Made on first use (a client proxy), like the test system: its HTTP client initialises the JVM's TLS stack. */
    @Produces
    @ApplicationScoped
    IdentityProvider identityProvider(AlbsConfig config) {
        AlbsConfig.Github g = config.github();
        return new GithubIdentityProvider(new GithubSettings(g.oauthUrl(), g.apiUrl(), g.client().orElse(""),
                g.clientSecret().orElse(""), g.timeout()));
    }

    @Produces
    @Singleton
    GithubLoginService githubLoginService(IdentityProvider github, Users users, AccessTokens tokens,
                                          LoginStates states, Transactions tx, Clock clock, AlbsConfig config,
                                          BrowserLoginSettings browser) {
        Admission admission = new Admission(Set.copyOf(config.github().organizations().orElse(List.of())));
        return new GithubLoginService(github, users, tokens, states, tx, clock, admission, browser.callbackUrl());
    }

    @Produces
    @Singleton
    UserAdministrationService userAdministrationService(Users users, UserHoldings holdings, Teams teams,
                                                        BuildService builds, Transactions tx, Clock clock) {
        return new UserAdministrationService(users, holdings, teams, builds, tx, clock);
    }
}
