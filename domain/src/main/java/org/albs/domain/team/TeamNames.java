package org.albs.domain.team;

import org.albs.domain.Problems;

/**
 * What a team may be called: its name prefixes its roles' names ({@code {team}_product_maintainer}, at most 100
 * characters as upstream's role names), so at most 80 characters, not blank, no control characters, no surrounding
 * spaces.
 */
public final class TeamNames {
    public static final int MAX_LENGTH = 80;

    private TeamNames() {
    }

    public static void validate(String name, Problems problems, Object... loc) {
        if (name == null) {
            problems.add("Field required", "missing", loc);
        } else if (name.isBlank() || name.length() > MAX_LENGTH || !name.strip().equals(name)
                || name.chars().anyMatch(Character::isISOControl)) {
            problems.add("team_name must be 1-" + MAX_LENGTH
                    + " characters without control characters or surrounding spaces", "value_error", loc);
        }
    }
}
