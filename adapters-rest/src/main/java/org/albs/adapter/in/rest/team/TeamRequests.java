package org.albs.adapter.in.rest.team;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The bodies the web UI sends to the teams routes. */
final class TeamRequests {
    private TeamRequests() {
    }

    /** {@code user_id} is the JWT's {@code sub}, a string; a numeric string reads as the number. */
    @RegisterForReflection
    record CreateTeam(String teamName, Long userId) {
    }

    /** Whole user objects from the users list; only {@code id} is read. */
    @RegisterForReflection
    record Members(List<Member> membersToUpdate) {
    }

    @RegisterForReflection
    record Member(Long id) {
    }
}
