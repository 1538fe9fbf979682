package org.albs.adapter.in.rest.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.adapter.in.rest.identity.UserDto;
import org.albs.application.port.in.identity.UserSummary;
import org.albs.application.port.in.release.ReleaseView;
import org.albs.domain.platform.Platform;
import org.albs.domain.release.PlannedPackage;
import org.albs.domain.release.Release;
import org.albs.domain.release.ReleasePackage;
import org.albs.domain.release.ReleasePlan;
import org.albs.domain.release.TargetRepository;

/**
 * Upstream's Release schema ({@code id, status, build_ids, build_task_ids, plan, owner, platform, product,
 * created_at}) with the seed's {@code created_by} and the times of its last commit or revert. The plan has upstream's
 * shape: {@code packages} (each {@code package} with upstream's {@code artifact_href}, {@code href_from_repo},
 * {@code cas_hash} (always null) and {@code force_not_notarized}, one-entry {@code repositories},
 * {@code repo_arch_location}),
 * {@code repositories}, {@code packages_in_repos}, {@code packages_from_repos}, {@code modules} (always empty: module
 * releases are not supported) and {@code last_log}.
 */
@RegisterForReflection
public record ReleaseDto(long id, int status, List<Long> buildIds, List<Long> buildTaskIds, Map<String, Object> plan,
                         UserDto owner, CreatedBy createdBy, PlatformRef platform, ProductRef product, Long productId,
                         Long referencePlatformId, Instant createdAt, Instant startedAt, Instant finishedAt) {
    /** The seed's {@code created_by}. */
    @RegisterForReflection
    public record CreatedBy(long id, String username, String email) {
    }

    /** Upstream's Platform as a release shows it. */
    @RegisterForReflection
    public record PlatformRef(long id, String name, String distrType, String distrVersion, String pgpKey,
                              List<String> archList, Map<String, Object> modularity) {
    }

    /** Upstream's Product as a release shows it: what the release pages read. */
    @RegisterForReflection
    public record ProductRef(long id, String name, String title, boolean isCommunity) {
    }

    public static ReleaseDto of(ReleaseView view) {
        Release r = view.release();
        UserSummary o = view.owner();
        Platform p = view.platform();
        return new ReleaseDto(r.id(), r.status().code(), r.buildIds(), r.buildTaskIds(), plan(r.plan()),
                o == null ? null : new UserDto(o.id(), o.username(), o.email(), o.isActive(), o.isVerified(),
                        o.isSuperuser()),
                o == null ? null : new CreatedBy(o.id(), o.username(), o.email()),
                p == null ? null : new PlatformRef(p.id(), p.name(), p.distrType(), p.distrVersion(), p.pgpKey(),
                        p.archList(), p.modularity()),
                view.product() == null ? null : new ProductRef(view.product().id(), view.product().name(),
                        view.product().title(), view.product().community()),
                r.productId(), r.referencePlatformId(), r.createdAt(), r.startedAt(), r.finishedAt());
    }

    static Map<String, Object> plan(ReleasePlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> packages = new ArrayList<>();
        for (PlannedPackage p : plan.packages()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("package", pkg(p.pkg(), plan.hrefsFromRepos().get(p.pkg().fullName())));
            entry.put("repositories", p.repositories().stream().map(r -> repository(r, true)).toList());
            entry.put("repo_arch_location", p.repoArchLocation());
            packages.add(entry);
        }
        json.put("packages", packages);
        json.put("repositories", plan.repositories().stream().map(r -> repository(r, false)).toList());
        json.put("packages_in_repos", plan.packagesInRepos());
        // upstream: where a package already released is taken from (the UI reads it whenever the above is there)
        Map<String, Object> fromRepos = new LinkedHashMap<>();
        plan.packagesInRepos().keySet().forEach(name -> plan.repositoryFrom(name).ifPresent(id ->
                fromRepos.put(name, id)));
        json.put("packages_from_repos", fromRepos);
        json.put("modules", List.of());
        if (plan.lastLog() != null) {
            json.put("last_log", plan.lastLog());
        }
        return json;
    }

    private static Map<String, Object> pkg(ReleasePackage p, String hrefFromRepo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("artifact_id", p.artifactId());
        m.put("build_id", p.buildId());
        m.put("build_task_id", p.buildTaskId());
        m.put("name", p.name());
        m.put("epoch", p.epoch());
        m.put("version", p.version());
        m.put("release", p.release());
        m.put("arch", p.arch());
        m.put("sha256", p.sha256());
        m.put("full_name", p.fullName());
        m.put("task_arch", p.taskArch());
        m.put("source", p.sourceRpm());
        m.put("force", p.force());
        m.put("artifact_href", p.artifactHref());
        m.put("href_from_repo", hrefFromRepo);
        m.put("cas_hash", p.casHash());
        m.put("force_not_notarized", p.forceNotNotarized());
        return m;
    }

    /** A repository of the plan; a package's target also says how the planner trusted it. */
    private static Map<String, Object> repository(TargetRepository r, boolean target) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("arch", r.arch());
        m.put("debug", r.debug());
        m.put("url", r.url());
        if (target) {
            m.put("trustness", r.trustness());
            m.put("matched", r.matched());
        }
        return m;
    }
}
