package org.albs.domain.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a release puts where: every package with its target repository, the platform's production repositories (the
 * choices a person editing the plan has), the packages already found in a target repository ({@code full name →
 * repository ids}), the human-readable result of the last commit or revert, and where a package found in a target
 * repository is there ({@code hrefsFromRepos}: full name → the store's handle of that NEVRA in the first repository
 * {@code packagesInRepos} names, upstream's {@code href_from_repo}).
 */
public record ReleasePlan(List<PlannedPackage> packages, List<TargetRepository> repositories,
                          Map<String, List<Long>> packagesInRepos, String lastLog,
                          Map<String, String> hrefsFromRepos) {
    public ReleasePlan {
        packages = List.copyOf(packages);
        repositories = List.copyOf(repositories);
        packagesInRepos = packagesInRepos == null ? Map.of() : Map.copyOf(packagesInRepos);
        hrefsFromRepos = hrefsFromRepos == null ? Map.of() : Map.copyOf(hrefsFromRepos);
    }

    public ReleasePlan(List<PlannedPackage> packages, List<TargetRepository> repositories,
                       Map<String, List<Long>> packagesInRepos, String lastLog) {
        this(packages, repositories, packagesInRepos, lastLog, Map.of());
    }

    public ReleasePlan withLastLog(String log) {
        return new ReleasePlan(packages, repositories, packagesInRepos, log, hrefsFromRepos);
    }

    /** Other packages and presence; the hrefs of packages no longer found in a target repository are dropped. */
    public ReleasePlan withPackages(List<PlannedPackage> newPackages, Map<String, List<Long>> inRepos) {
        Map<String, String> kept = new LinkedHashMap<>(hrefsFromRepos);
        kept.keySet().retainAll(inRepos == null ? Set.of() : inRepos.keySet());
        return new ReleasePlan(newPackages, repositories, inRepos, lastLog, kept);
    }

    public ReleasePlan withHrefsFromRepos(Map<String, String> hrefs) {
        return new ReleasePlan(packages, repositories, packagesInRepos, lastLog, hrefs);
    }

    /** The first repository already holding the package's NEVRA (upstream's {@code packages_from_repos}), if any. */
    public Optional<Long> repositoryFrom(String fullName) {
        List<Long> ids = packagesInRepos.get(fullName);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }
}
