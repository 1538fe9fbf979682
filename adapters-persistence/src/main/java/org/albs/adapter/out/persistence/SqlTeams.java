package org.albs.adapter.out.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.Teams;
import org.albs.domain.ConflictException;
import org.albs.domain.identity.UserId;
import org.albs.domain.team.PermissionDigits;
import org.albs.domain.team.Role;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;
import org.albs.domain.team.TeamProduct;

/**
 * Teams in {@code teams}, {@code team_members}, {@code user_roles} (a team's five roles, by kind) and
 * {@code user_role_grants}; a team's products are the {@code products} whose {@code team_id} it is.
 */
@ApplicationScoped
public class SqlTeams implements Teams {
    private static final String ROLE_COLUMNS = "id, name, team_id, kind";

    private final Jdbc jdbc;

    public SqlTeams(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    private record Row(long id, String name, long owner, int permissions) {
    }

    @Override
    public Team insert(String name, UserId owner, PermissionDigits permissions, Instant now) {
        try {
            long id = jdbc.query("INSERT INTO teams (name, owner_id, permissions, created_at)"
                            + " VALUES (:name, :owner, :permissions, :now) RETURNING id",
                    new Jdbc.Args().str("name", name).lng("owner", owner.value())
                            .integer("permissions", permissions.value()).time("now", now), rs -> rs.getLong(1)).get(0);
            List<Jdbc.Statement> writes = new ArrayList<>();
            writes.add(new Jdbc.Statement("INSERT INTO team_members (team_id, user_id) VALUES (:team, :user)",
                    new Jdbc.Args().lng("team", id).lng("user", owner.value())));
            for (RoleKind k : RoleKind.values()) {
                writes.add(new Jdbc.Statement("INSERT INTO user_roles (name, team_id, kind) VALUES (:name, :team, :kind)",
                        new Jdbc.Args().str("name", k.roleName(name)).lng("team", id).str("kind", k.wireName())));
            }
            jdbc.run(writes);
            return find(id).orElseThrow();
        } catch (Jdbc.DatabaseException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("Team " + name + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<Team> find(long id) {
        return load("id = :id", new Jdbc.Args().lng("id", id), "").stream().findFirst();
    }

    @Override
    public Optional<Team> lock(long id) {
        return load("id = :id", new Jdbc.Args().lng("id", id), " FOR UPDATE").stream().findFirst();
    }

    @Override
    public List<Team> page(int offset, int limit) {
        return load("TRUE", new Jdbc.Args().integer("offset", offset).integer("limit", limit),
                " OFFSET :offset LIMIT :limit");
    }

    @Override
    public List<Team> all() {
        return load("TRUE", new Jdbc.Args(), "");
    }

    @Override
    public long count() {
        return jdbc.query("SELECT count(*) FROM teams", new Jdbc.Args(), rs -> rs.getLong(1)).get(0);
    }

    @Override
    public List<Team> teamsOf(UserId member) {
        List<Team> newestFirst = new ArrayList<>(load(
                "id IN (SELECT team_id FROM team_members WHERE user_id = :user)",
                new Jdbc.Args().lng("user", member.value()), ""));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public void addMember(long teamId, UserId user) {
        jdbc.update("INSERT INTO team_members (team_id, user_id) VALUES (:team, :user) ON CONFLICT DO NOTHING",
                new Jdbc.Args().lng("team", teamId).lng("user", user.value()));
    }

    @Override
    public void removeMember(long teamId, UserId user) {
        jdbc.update("DELETE FROM team_members WHERE team_id = :team AND user_id = :user",
                new Jdbc.Args().lng("team", teamId).lng("user", user.value()));
    }

    @Override
    public boolean delete(long teamId) {
        return jdbc.update("DELETE FROM teams WHERE id = :id", new Jdbc.Args().lng("id", teamId)) > 0;
    }

    @Override
    public List<Role> roles() {
        return roles("TRUE", new Jdbc.Args());
    }

    @Override
    public List<Role> findRoles(Collection<Long> ids) {
        return roles("id = ANY (:ids)", new Jdbc.Args().longs("ids", ids));
    }

    @Override
    public List<Role> rolesOf(UserId user) {
        return roles("id IN (SELECT role_id FROM user_role_grants WHERE user_id = :user)",
                new Jdbc.Args().lng("user", user.value()));
    }

    @Override
    public void grant(UserId user, Collection<Long> roleIds) {
        if (!roleIds.isEmpty()) {
            jdbc.update("INSERT INTO user_role_grants (user_id, role_id) SELECT :user, unnest(:roles)"
                    + " ON CONFLICT DO NOTHING", new Jdbc.Args().lng("user", user.value()).longs("roles", roleIds));
        }
    }

    @Override
    public void revoke(UserId user, Collection<Long> roleIds) {
        jdbc.update("DELETE FROM user_role_grants WHERE user_id = :user AND role_id = ANY (:roles)",
                new Jdbc.Args().lng("user", user.value()).longs("roles", roleIds));
    }

    private List<Role> roles(String where, Jdbc.Args args) {
        return jdbc.query("SELECT " + ROLE_COLUMNS + " FROM user_roles WHERE " + where + " ORDER BY id", args,
                rs -> new Role(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        RoleKind.byWireName(rs.getString(4)).orElseThrow()));
    }

    /** Teams newest first, with their members (by id), roles and products. */
    private List<Team> load(String where, Jdbc.Args args, String tail) {
        List<Row> rows = jdbc.query("SELECT id, name, owner_id, permissions FROM teams WHERE " + where
                        + " ORDER BY id DESC" + tail, args,
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4)));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<UserId>> members = new HashMap<>();
        jdbc.query("SELECT team_id, user_id FROM team_members WHERE team_id = ANY (:ids) ORDER BY user_id",
                new Jdbc.Args().longs("ids", ids), rs -> members.computeIfAbsent(rs.getLong(1),
                        k -> new ArrayList<>()).add(new UserId(rs.getLong(2))));
        Map<Long, List<Role>> roles = new HashMap<>();
        roles("team_id = ANY (:ids)", new Jdbc.Args().longs("ids", ids))
                .forEach(r -> roles.computeIfAbsent(r.teamId(), k -> new ArrayList<>()).add(r));
        Map<Long, List<TeamProduct>> products = new HashMap<>();
        jdbc.query("SELECT team_id, id, name, title FROM products WHERE team_id = ANY (:ids) ORDER BY id",
                new Jdbc.Args().longs("ids", ids), rs -> products.computeIfAbsent(rs.getLong(1),
                        k -> new ArrayList<>()).add(new TeamProduct(rs.getLong(2), rs.getString(3), rs.getString(4))));
        return rows.stream().map(r -> new Team(r.id(), r.name(), new UserId(r.owner()),
                new PermissionDigits(r.permissions()), members.getOrDefault(r.id(), List.of()),
                roles.getOrDefault(r.id(), List.of()), products.getOrDefault(r.id(), List.of()))).toList();
    }
}
