package org.albs.application.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.albs.application.port.in.sources.RefreshProjectIndexUseCase;
import org.albs.application.port.out.GitHosting;
import org.albs.application.port.out.ProjectIndex;
import org.albs.domain.sources.ProjectEntry;

/**
 * The git cacher: walks each organisation of the git host and rewrites its index. Only repositories whose
 * {@code updated_at} changed (or that are new) are re-read for tags and branches; the others keep their entries.
 * An organisation whose walk fails is left as it was (the new index is written only once complete). One run at a
 * time across every instance, under the index's lock.
 */
public class GitCacher implements RefreshProjectIndexUseCase {
    public static final String LOCK = "git_cacher_lock";
    private static final Logger LOG = Logger.getLogger(GitCacher.class.getName());

    private final GitHosting git;
    private final ProjectIndex index;
    private final List<String> organisations;
    private final Duration lockTtl;
    private final String holder = "cacher-" + UUID.randomUUID();

    public GitCacher(GitHosting git, ProjectIndex index, List<String> organisations, Duration lockTtl) {
        this.git = git;
        this.index = index;
        this.organisations = List.copyOf(organisations);
        this.lockTtl = lockTtl;
    }

    @Override
    public Optional<List<OrganisationRefresh>> refresh() {
        if (!index.tryLock(LOCK, holder, lockTtl)) {
            LOG.fine("another instance is refreshing the project index");
            return Optional.empty();
        }
        try {
            List<OrganisationRefresh> done = new ArrayList<>();
            for (String org : organisations) {
                done.add(refresh(org));
            }
            return Optional.of(done);
        } finally {
            index.unlock(LOCK, holder);
        }
    }

    private OrganisationRefresh refresh(String org) {
        try {
            Map<String, ProjectEntry> old = index.read(org);
            Map<String, ProjectEntry> fresh = new LinkedHashMap<>();
            int reread = 0;
            for (GitHosting.HostedRepository repo : git.repositories(org)) {
                if (repo.empty() || repo.archived() && "autopatch".equals(org)) {
                    continue;
                }
                ProjectEntry known = old.get(repo.fullName());
                if (known != null && known.updatedAt() != null && known.updatedAt().equals(repo.updatedAt())) {
                    fresh.put(repo.fullName(), known);
                    continue;
                }
                fresh.put(repo.fullName(), new ProjectEntry(repo.name(), repo.fullName(), repo.cloneUrl(),
                        git.tags(repo.fullName()), git.branches(repo.fullName()), repo.updatedAt()));
                reread++;
            }
            index.replace(org, new HashMap<>(fresh));
            LOG.info(() -> "project index of " + org + ": " + fresh.size() + " projects");
            return new OrganisationRefresh(org, fresh.size(), reread, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "project index of " + org + " not refreshed, the previous one stays: "
                    + e.getMessage(), e);
            return new OrganisationRefresh(org, 0, 0, String.valueOf(e.getMessage()));
        }
    }
}
