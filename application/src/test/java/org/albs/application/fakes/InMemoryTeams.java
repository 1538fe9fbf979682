package org.albs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.albs.application.port.out.Teams;
import org.albs.domain.ConflictException;
import org.albs.domain.identity.UserId;
import org.albs.domain.team.PermissionDigits;
import org.albs.domain.team.Role;
import org.albs.domain.team.RoleKind;
import org.albs.domain.team.Team;
import org.albs.domain.team.TeamProduct;

/** Teams as the teams tables keep them: unique team and role names; removing a team takes its roles from everyone. */
public final class InMemoryTeams implements Teams {
    private record Row(long id, String name, UserId owner, PermissionDigits permissions) {
    }

    private final ImmediateTransactions tx;
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final Map<Long, TreeSet<Long>> members = new HashMap<>();
    private final TreeMap<Long, Role> roles = new TreeMap<>();
    private final Map<Long, Set<Long>> held = new HashMap<>();
    private final Map<Long, List<TeamProduct>> products = new HashMap<>();
    private long nextTeam = 1;
    private long nextRole = 1;

    public InMemoryTeams(ImmediateTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Team insert(String name, UserId owner, PermissionDigits permissions, Instant now) {
        tx.requireActive("Teams.insert");
        Set<String> names = new HashSet<>();
        for (RoleKind k : RoleKind.values()) {
            names.add(k.roleName(name));
        }
        if (rows.values().stream().anyMatch(r -> r.name().equals(name))
                || roles.values().stream().anyMatch(r -> names.contains(r.name()))) {
            throw new ConflictException("Team " + name + " already exists");
        }
        long id = nextTeam++;
        rows.put(id, new Row(id, name, owner, permissions));
        members.put(id, new TreeSet<>(List.of(owner.value())));
        for (RoleKind k : RoleKind.values()) {
            long roleId = nextRole++;
            roles.put(roleId, new Role(roleId, k.roleName(name), id, k));
        }
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Team> find(long id) {
        Row r = rows.get(id);
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new Team(r.id(), r.name(), r.owner(), r.permissions(),
                members.get(id).stream().map(UserId::new).toList(),
                roles.values().stream().filter(role -> role.teamId() == id).toList(),
                products.getOrDefault(id, List.of())));
    }

    @Override
    public Optional<Team> lock(long id) {
        tx.requireActive("Teams.lock");
        return find(id);
    }

    @Override
    public List<Team> page(int offset, int limit) {
        return all().stream().skip(offset).limit(limit).toList();
    }

    @Override
    public List<Team> all() {
        return rows.descendingKeySet().stream().map(id -> find(id).orElseThrow()).toList();
    }

    @Override
    public long count() {
        return rows.size();
    }

    @Override
    public List<Team> teamsOf(UserId member) {
        return rows.keySet().stream().filter(id -> members.get(id).contains(member.value()))
                .map(id -> find(id).orElseThrow()).toList();
    }

    @Override
    public void addMember(long teamId, UserId user) {
        tx.requireActive("Teams.addMember");
        members.get(teamId).add(user.value());
    }

    @Override
    public void removeMember(long teamId, UserId user) {
        tx.requireActive("Teams.removeMember");
        members.get(teamId).remove(user.value());
    }

    @Override
    public boolean delete(long teamId) {
        tx.requireActive("Teams.delete");
        if (rows.remove(teamId) == null) {
            return false;
        }
        members.remove(teamId);
        List<Long> gone = roles.values().stream().filter(r -> r.teamId() == teamId).map(Role::id).toList();
        gone.forEach(roles::remove);
        held.values().forEach(h -> h.removeAll(gone));
        return true;
    }

    @Override
    public List<Role> roles() {
        return List.copyOf(roles.values());
    }

    @Override
    public List<Role> findRoles(Collection<Long> ids) {
        return roles.values().stream().filter(r -> ids.contains(r.id())).toList();
    }

    @Override
    public List<Role> rolesOf(UserId user) {
        Set<Long> mine = held.getOrDefault(user.value(), Set.of());
        return roles.values().stream().filter(r -> mine.contains(r.id())).toList();
    }

    @Override
    public void grant(UserId user, Collection<Long> roleIds) {
        tx.requireActive("Teams.grant");
        held.computeIfAbsent(user.value(), k -> new HashSet<>()).addAll(roleIds);
    }

    @Override
    public void revoke(UserId user, Collection<Long> roleIds) {
        tx.requireActive("Teams.revoke");
        held.getOrDefault(user.value(), new HashSet<>()).removeAll(roleIds);
    }

    /** Test set-up: a product now belongs to the team (products will set this when they create their team). */
    public void attachProduct(long teamId, TeamProduct product) {
        products.computeIfAbsent(teamId, k -> new ArrayList<>()).add(product);
    }
}
