package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.domain.artifacts.BuildRepositories;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ImportedPackage;
import org.albs.domain.artifacts.IndexFinalization;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;
import org.albs.domain.builds.BuildTaskStatus;
import org.albs.domain.builds.BuiltArtifact;

/**
 * Reported artifacts with the content the store made of them ({@code build_artifacts.content_handle}, the package
 * header in {@code meta}), and a build's repositories ({@code repositories} rows linked through
 * {@code build_repository}, in creation order).
 */
@ApplicationScoped
public class SqlBuildArtifacts implements BuildArtifacts {
    private final Jdbc jdbc;

    public SqlBuildArtifacts(AgroalDataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public List<ArtifactRecord> ofTask(long taskId) {
        return jdbc.query("""
                SELECT id, name, type, href, sha256, cas_hash, content_handle, meta FROM build_artifacts
                 WHERE build_task_id = :task ORDER BY id""", new Jdbc.Args().lng("task", taskId), rs -> {
            BuiltArtifact a = new BuiltArtifact(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6));
            String handle = rs.getString(7);
            return new ArtifactRecord(rs.getLong(1), a, handle == null ? null
                    : content(handle, a.sha256(), Json.map(rs.getString(8))));
        });
    }

    /** The content of an artifact the store holds: its header from {@code meta} (null when none was recorded). */
    static StoredContent content(String handle, String reportedSha, Map<String, Object> column) {
        Map<String, Object> meta = column == null ? Map.of() : column;
        Object sha = meta.get("sha256");
        PackageMeta pkg = meta.get("name") == null ? null : new PackageMeta(str(meta, "name"), str(meta, "epoch"),
                str(meta, "version"), str(meta, "release"), str(meta, "arch"), str(meta, "sourcerpm"));
        return new StoredContent(handle, sha == null ? reportedSha : sha.toString(), pkg);
    }

    private static String str(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        return v == null ? null : v.toString();
    }

    /** The {@code meta} column: the package header the store read, and the checksum it computed. */
    static String meta(StoredContent content) {
        Map<String, Object> meta = new LinkedHashMap<>();
        PackageMeta p = content.pkg();
        if (p != null) {
            meta.put("name", p.name());
            meta.put("epoch", p.epoch());
            meta.put("version", p.version());
            meta.put("release", p.release());
            meta.put("arch", p.arch());
            meta.put("sourcerpm", p.sourceRpm());
        }
        meta.put("sha256", content.sha256());
        return Json.write(meta);
    }

    @Override
    public void recordContent(long artifactId, StoredContent content) {
        jdbc.update("UPDATE build_artifacts SET content_handle = :handle, meta = CAST(:meta AS jsonb) WHERE id = :id",
                new Jdbc.Args().str("handle", content.handle()).str("meta", meta(content)).lng("id", artifactId));
    }

    @Override
    public void adopt(long taskId, List<ImportedPackage> packages) {
        List<Jdbc.Statement> statements = new ArrayList<>();
        for (ImportedPackage p : packages) {
            // the task's own artifact of that name points at the adopted unit; without one, the unit is added
            statements.add(new Jdbc.Statement("""
                    WITH own AS (
                        UPDATE build_artifacts SET content_handle = :handle, sha256 = :sha, meta = CAST(:meta AS jsonb)
                         WHERE build_task_id = :task AND name = :name AND type = 'rpm' RETURNING id)
                    INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, content_handle, meta)
                    SELECT :task, :name, 'rpm', :handle, :sha, :handle, CAST(:meta AS jsonb)
                     WHERE NOT EXISTS (SELECT 1 FROM own)""", new Jdbc.Args().lng("task", taskId)
                    .str("name", p.fileName()).str("handle", p.contentHandle()).str("sha", p.content().sha256())
                    .str("meta", meta(p.content()))));
        }
        if (!statements.isEmpty()) {
            jdbc.run(statements);
        }
    }

    @Override
    public List<BuildRepositories.Target> targets(long buildId) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, List<String>> arches = new LinkedHashMap<>();
        jdbc.query("""
                SELECT t.platform_id, p.name, t.arch FROM build_tasks t JOIN platforms p ON p.id = t.platform_id
                 WHERE t.build_id = :build GROUP BY t.platform_id, p.name, t.arch ORDER BY min(t.id)""",
                new Jdbc.Args().lng("build", buildId), rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                    return arches.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(3));
                });
        List<BuildRepositories.Target> targets = new ArrayList<>();
        names.forEach((id, name) -> targets.add(new BuildRepositories.Target(id, name, arches.get(id))));
        return targets;
    }

    @Override
    public Map<String, StoredRepository> repositories(long buildId) {
        Map<String, StoredRepository> repos = new LinkedHashMap<>();
        jdbc.query("""
                SELECT r.name, r.pulp_href, r.url FROM build_repository br JOIN repositories r ON r.id = br.repository_id
                 WHERE br.build_id = :build ORDER BY br.position""", new Jdbc.Args().lng("build", buildId),
                rs -> repos.put(rs.getString(1), new StoredRepository(rs.getString(1), rs.getString(2),
                        rs.getString(3))));
        return repos;
    }

    @Override
    public void addRepository(long buildId, BuildRepository spec, StoredRepository stored) {
        jdbc.update("""
                WITH repo AS (
                    INSERT INTO repositories (name, arch, url, type, debug, priority, production, mock_enabled,
                                              pulp_href, platform_id)
                    VALUES (:name, :arch, :url, :type, :debug, 10, FALSE, TRUE, :handle, :platform)
                    ON CONFLICT (name, arch, type, debug) DO UPDATE SET url = EXCLUDED.url,
                                                                       pulp_href = EXCLUDED.pulp_href
                    RETURNING id)
                INSERT INTO build_repository (build_id, repository_id, position)
                SELECT :build, repo.id, (SELECT coalesce(max(position), 0) + 1 FROM build_repository
                                          WHERE build_id = :build)
                  FROM repo
                ON CONFLICT DO NOTHING""", new Jdbc.Args().str("name", spec.name()).str("arch", spec.arch())
                .str("url", stored.baseUrl()).str("type", spec.type()).bool("debug", spec.debug())
                .str("handle", stored.handle()).lng("platform", spec.platformId()).lng("build", buildId));
    }

    @Override
    public List<StoredRepository> removeRepositories(long buildId) {
        return jdbc.query("""
                DELETE FROM repositories WHERE id IN (SELECT repository_id FROM build_repository WHERE build_id = :build)
                RETURNING name, pulp_href, url""", new Jdbc.Args().lng("build", buildId),
                rs -> new StoredRepository(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    @Override
    public List<IndexFinalization.TaskPackages> indexPackages(long buildId, long platformId, int index) {
        Jdbc.Args args = new Jdbc.Args().lng("build", buildId).lng("platform", platformId).integer("idx", index);
        Map<Long, List<ImportedPackage>> packages = new LinkedHashMap<>();
        jdbc.query("""
                SELECT a.build_task_id, a.name, a.content_handle, a.meta, a.sha256
                  FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id
                 WHERE t.build_id = :build AND t.platform_id = :platform AND t.index = :idx AND a.type = 'rpm'
                   AND a.content_handle IS NOT NULL AND a.meta ->> 'name' IS NOT NULL
                 ORDER BY a.id""", args, rs -> {
            Map<String, Object> meta = Json.map(rs.getString(4));
            StoredContent c = content(rs.getString(3), rs.getString(5), meta);
            return packages.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new ImportedPackage(rs.getString(2), c));
        });
        return jdbc.query("""
                SELECT t.id, t.arch, t.status FROM build_tasks t
                 WHERE t.build_id = :build AND t.platform_id = :platform AND t.index = :idx ORDER BY t.id""", args,
                rs -> new IndexFinalization.TaskPackages(rs.getLong(1), rs.getString(2),
                        rs.getInt(3) == BuildTaskStatus.COMPLETED.code(),
                        packages.getOrDefault(rs.getLong(1), List.of())));
    }

    @Override
    public Optional<String> sourceRpm(long buildId, long platformId, int index) {
        return jdbc.query("""
                SELECT a.name FROM build_artifacts a JOIN build_tasks t ON t.id = a.build_task_id
                 WHERE t.build_id = :build AND t.platform_id = :platform AND t.index = :idx AND t.arch = 'src'
                   AND a.type = 'rpm' AND a.name LIKE '%.src.rpm' ORDER BY a.id LIMIT 1""",
                new Jdbc.Args().lng("build", buildId).lng("platform", platformId).integer("idx", index),
                rs -> rs.getString(1)).stream().findFirst();
    }
}
