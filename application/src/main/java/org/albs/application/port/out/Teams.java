package org.albs.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.albs.domain.identity.UserId;
import org.albs.domain.team.PermissionDigits;
import org.albs.domain.team.Role;
import org.albs.domain.team.Team;

/**
 * Teams with their members and roles, and which roles each user holds. Writes run in the caller's transaction.
 */
public interface Teams {
    /**
     * Inserts the team, its owner as its first member and its five roles ({@code {name}_{kind}}); grants nothing.
     *
     * @throws org.albs.domain.ConflictException when the name (or one of its role names) is taken
     */
    Team insert(String name, UserId owner, PermissionDigits permissions, Instant now);

    Optional<Team> find(long id);

    /** The team, locked until the transaction ends (changes to one team are serialised). */
    Optional<Team> lock(long id);

    /** A page of teams, newest first. */
    List<Team> page(int offset, int limit);

    /** Every team, newest first. */
    List<Team> all();

    long count();

    /** The teams the user is a member of, by id. */
    List<Team> teamsOf(UserId member);

    /** Makes the user a member (again is harmless). */
    void addMember(long teamId, UserId user);

    /** The user is no longer a member (one who is not is harmless). */
    void removeMember(long teamId, UserId user);

    /** Removes the team, its memberships, its roles and whoever held them; false when there is none. */
    boolean delete(long teamId);

    /** Every role of every team, by id. */
    List<Role> roles();

    /** The roles with these ids that exist. */
    List<Role> findRoles(Collection<Long> ids);

    /** The roles the user holds, by id. */
    List<Role> rolesOf(UserId user);

    /** The user holds these roles (again is harmless). */
    void grant(UserId user, Collection<Long> roleIds);

    /** The user no longer holds these roles (ones not held are harmless). */
    void revoke(UserId user, Collection<Long> roleIds);
}
