package org.albs.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.PlatformFlavours;
import org.albs.domain.platform.PlatformFlavour;
import org.albs.domain.platform.Repository;

/** Platform flavours and their repository links ({@code platform_flavour_repository}, in link order). */
@ApplicationScoped
public class SqlPlatformFlavours implements PlatformFlavours {
    private static final String COLUMNS = "f.id, f.name, f.modularity, f.data";

    private final Jdbc jdbc;

    public SqlPlatformFlavours(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public List<PlatformFlavour> list() {
        return withRepositories(jdbc.query("SELECT " + COLUMNS + " FROM platform_flavours f ORDER BY f.id",
                new Jdbc.Args(), SqlPlatformFlavours::row));
    }

    @Override
    public List<PlatformFlavour> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withRepositories(jdbc.query("SELECT " + COLUMNS + " FROM platform_flavours f WHERE f.id = ANY (:ids)"
                + " ORDER BY f.id", new Jdbc.Args().longs("ids", List.copyOf(ids)), SqlPlatformFlavours::row));
    }

    @Override
    public Optional<PlatformFlavour> lockByName(String name) {
        return withRepositories(jdbc.query("SELECT " + COLUMNS + " FROM platform_flavours f WHERE f.name = :name"
                + " FOR UPDATE", new Jdbc.Args().str("name", name), SqlPlatformFlavours::row)).stream().findFirst();
    }

    @Override
    public PlatformFlavour insert(PlatformFlavour flavour) {
        long id = jdbc.query("INSERT INTO platform_flavours (name, modularity, data)"
                + " VALUES (:name, CAST(:modularity AS jsonb), CAST(:data AS jsonb)) RETURNING id", args(flavour),
                rs -> rs.getLong(1)).get(0);
        link(id, flavour.repositories());
        return flavour.withId(id);
    }

    @Override
    public PlatformFlavour update(PlatformFlavour flavour) {
        jdbc.update("UPDATE platform_flavours SET name = :name, modularity = CAST(:modularity AS jsonb),"
                + " data = CAST(:data AS jsonb) WHERE id = :id", args(flavour).lng("id", flavour.id()));
        jdbc.update("DELETE FROM platform_flavour_repository WHERE flavour_id = :id",
                new Jdbc.Args().lng("id", flavour.id()));
        link(flavour.id(), flavour.repositories());
        return flavour;
    }

    private static Jdbc.Args args(PlatformFlavour f) {
        return new Jdbc.Args().str("name", f.name())
                .str("modularity", f.modularity() == null ? null : Json.write(f.modularity()))
                .str("data", f.data() == null ? null : Json.write(f.data()));
    }

    private void link(long flavourId, List<Repository> repositories) {
        if (repositories.isEmpty()) {
            return;
        }
        List<Long> ids = repositories.stream().map(Repository::id).toList();
        jdbc.update("INSERT INTO platform_flavour_repository (flavour_id, repository_id, position)"
                + " SELECT :flavour, x.id, x.position FROM unnest(:ids) WITH ORDINALITY AS x(id, position)",
                new Jdbc.Args().lng("flavour", flavourId).longs("ids", ids));
    }

    private static PlatformFlavour row(ResultSet rs) throws SQLException {
        return new PlatformFlavour(rs.getLong(1), rs.getString(2), List.of(), Json.map(rs.getString(3)),
                Json.map(rs.getString(4)));
    }

    private List<PlatformFlavour> withRepositories(List<PlatformFlavour> flavours) {
        if (flavours.isEmpty()) {
            return flavours;
        }
        Map<Long, List<Repository>> repos = new LinkedHashMap<>();
        jdbc.query("""
                SELECT l.flavour_id, r.id, r.name, r.arch, r.url, r.type, r.debug, r.priority, r.production,
                       r.mock_enabled, r.pulp_href, r.export_path, r.platform_id
                  FROM platform_flavour_repository l JOIN repositories r ON r.id = l.repository_id
                 WHERE l.flavour_id = ANY (:ids) ORDER BY l.flavour_id, l.position""",
                new Jdbc.Args().longs("ids", flavours.stream().map(PlatformFlavour::id).toList()),
                rs -> repos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Repository(rs.getLong(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                        rs.getInt(8), rs.getBoolean(9), rs.getBoolean(10), rs.getString(11), rs.getString(12),
                        Jdbc.getLong(rs, 13))));
        return flavours.stream().map(f -> new PlatformFlavour(f.id(), f.name(), repos.getOrDefault(f.id(), List.of()),
                f.modularity(), f.data())).toList();
    }
}
