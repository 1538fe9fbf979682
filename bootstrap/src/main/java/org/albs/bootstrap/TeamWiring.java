package org.albs.bootstrap;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.albs.application.port.out.Products;
import org.albs.application.port.out.Teams;
import org.albs.application.port.out.Transactions;
import org.albs.application.port.out.Users;
import org.albs.application.team.Access;
import org.albs.application.team.TeamService;

/** Teams, their members and the team roles users hold; the permission checks on products and builds. */
@ApplicationScoped
public class TeamWiring {
    @Produces
    @Singleton
    TeamService teamService(Teams teams, Users users, Transactions tx, Clock clock) {
        return new TeamService(teams, users, tx, clock);
    }

    /** What the permission model needs of products and teams, for the use cases that check it. */
    @Produces
    @Singleton
    Access access(Products products, Teams teams) {
        return new Access(products, teams);
    }
}
