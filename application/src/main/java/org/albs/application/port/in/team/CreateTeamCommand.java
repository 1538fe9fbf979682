package org.albs.application.port.in.team;

import org.albs.domain.Problems;
import org.albs.domain.team.TeamNames;

/** A new team and its owner; loc paths are relative to the request body. */
public record CreateTeamCommand(String teamName, Long userId) {
    public CreateTeamCommand {
        Problems problems = new Problems();
        TeamNames.validate(teamName, problems, "team_name");
        if (userId == null) {
            problems.add("Field required", "missing", "user_id");
        } else if (userId <= 0) {
            problems.add("Input should be greater than 0", "greater_than", "user_id");
        }
        problems.throwIfAny();
    }
}
