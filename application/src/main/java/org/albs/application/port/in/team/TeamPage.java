package org.albs.application.port.in.team;

import java.util.List;

/** One page of ten teams, newest first, and how many teams there are. */
public record TeamPage(List<TeamView> teams, long totalTeams, int currentPage) {
    public static final int SIZE = 10;
}
