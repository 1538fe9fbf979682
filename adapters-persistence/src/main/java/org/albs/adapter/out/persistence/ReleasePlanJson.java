package org.albs.adapter.out.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.albs.domain.release.PlannedPackage;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleasePlan;
import org.albs.domain.release.TargetRepository;

/**
 * A release plan as the {@code releases.plan} column holds it, in upstream's shape so an operator reads it as upstream
 * shows it: {@code {"packages": [{"package": {...}, "repositories": [{...}], "repo_arch_location": [...]}],
 * "repositories": [{id, name, arch, debug, url}], "packages_in_repos": {full_name: [ids]}, "last_log": ...}}. Written
 * and read as Jackson trees: no reflection on the domain's records.
 */
final class ReleasePlanJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReleasePlanJson() {
    }

    static String write(ReleasePlan plan) {
        ObjectNode root = NODES.objectNode();
        ArrayNode packages = root.putArray("packages");
        for (PlannedPackage p : plan.packages()) {
            ObjectNode entry = packages.addObject();
            entry.set("package", pkg(p.pkg(), plan.hrefsFromRepos().get(p.pkg().fullName())));
            ArrayNode repos = entry.putArray("repositories");
            p.repositories().forEach(r -> repos.add(repository(r, true)));
            ArrayNode arches = entry.putArray("repo_arch_location");
            p.repoArchLocation().forEach(arches::add);
        }
        ArrayNode repos = root.putArray("repositories");
        plan.repositories().forEach(r -> repos.add(repository(r, false)));
        ObjectNode inRepos = root.putObject("packages_in_repos");
        plan.packagesInRepos().forEach((name, ids) -> {
            ArrayNode list = inRepos.putArray(name);
            ids.forEach(list::add);
        });
        if (plan.lastLog() != null) {
            root.put("last_log", plan.lastLog());
        }
        return Json.write(root);
    }

    /** The package_name filter's probe: a plan holding a package of this name contains it. */
    static String packageNamed(String name) {
        ArrayNode probe = NODES.arrayNode();
        probe.addObject().putObject("package").put("name", name);
        return Json.write(probe);
    }

    private static ObjectNode pkg(ReleasePackage p, String hrefFromRepo) {
        ObjectNode n = NODES.objectNode();
        n.put("name", p.name());
        n.put("epoch", p.epoch());
        n.put("version", p.version());
        n.put("release", p.release());
        n.put("arch", p.arch());
        n.put("sha256", p.sha256());
        n.put("build_id", p.buildId());
        n.put("build_task_id", p.buildTaskId());
        n.put("artifact_id", p.artifactId());
        n.put("full_name", p.fullName());
        n.put("task_arch", p.taskArch());
        n.put("source", p.sourceRpm());
        n.put("force", p.force());
        n.put("artifact_href", p.artifactHref());
        n.put("href_from_repo", hrefFromRepo);
        n.put("force_not_notarized", p.forceNotNotarized());
        return n;
    }

    /** A planned package's target has its trustness and match; the plan's list of choices, as upstream, not. */
    private static ObjectNode repository(TargetRepository r, boolean target) {
        ObjectNode n = NODES.objectNode();
        n.put("id", r.id());
        n.put("name", r.name());
        n.put("arch", r.arch());
        n.put("debug", r.debug());
        n.put("url", r.url());
        if (target || r.trustness() != 0) {
            n.put("trustness", r.trustness());
        }
        if (target || r.matched() != null) {
            n.put("matched", r.matched());
        }
        return n;
    }

    static ReleasePlan read(String column) {
        JsonNode root = Json.tree(column);
        List<PlannedPackage> packages = new ArrayList<>();
        Map<String, String> hrefs = new LinkedHashMap<>();
        for (JsonNode entry : root.path("packages")) {
            String href = text(entry.path("package"), "href_from_repo");
            if (href != null) {
                hrefs.putIfAbsent(text(entry.path("package"), "full_name"), href);
            }
            List<String> arches = new ArrayList<>();
            entry.path("repo_arch_location").forEach(a -> arches.add(a.asText()));
            packages.add(new PlannedPackage(pkg(entry.path("package")), repositories(entry.path("repositories")),
                    arches));
        }
        Map<String, List<Long>> inRepos = new LinkedHashMap<>();
        root.path("packages_in_repos").fields().forEachRemaining(e -> {
            List<Long> ids = new ArrayList<>();
            e.getValue().forEach(id -> ids.add(id.asLong()));
            inRepos.put(e.getKey(), ids);
        });
        return new ReleasePlan(packages, repositories(root.path("repositories")), inRepos,
                text(root, "last_log"), hrefs);
    }

    private static ReleasePackage pkg(JsonNode n) {
        return new ReleasePackage(n.path("artifact_id").asLong(), n.path("build_id").asLong(),
                n.path("build_task_id").asLong(), text(n, "name"), text(n, "epoch"), text(n, "version"),
                text(n, "release"), text(n, "arch"), text(n, "sha256"), text(n, "full_name"), text(n, "task_arch"),
                text(n, "source"), n.path("force").asBoolean(false), text(n, "artifact_href"),
                n.path("force_not_notarized").asBoolean(false));
    }

    private static List<TargetRepository> repositories(JsonNode list) {
        List<TargetRepository> repos = new ArrayList<>();
        for (JsonNode n : list) {
            repos.add(new TargetRepository(n.path("id").asLong(), text(n, "name"), text(n, "arch"),
                    n.path("debug").asBoolean(false), text(n, "url"), n.path("trustness").asInt(0),
                    text(n, "matched")));
        }
        return repos;
    }

    /** A string field; null when it is missing or null. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
