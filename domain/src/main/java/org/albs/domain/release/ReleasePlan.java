package org.albs.domain.release;

import java.util.List;
import java.util.Map;

/**
 * What a release puts where: every package with its target repository, the platform's production repositories (the
 * choices a person editing the plan has), the packages already found in a target repository ({@code full name →
 * repository ids}), and the human-readable result of the last commit or revert.
 */
public record ReleasePlan(List<PlannedPackage> packages, List<TargetRepository> repositories,
                          Map<String, List<Long>> packagesInRepos, String lastLog) {
    public ReleasePlan {
        packages = List.copyOf(packages);
        repositories = List.copyOf(repositories);
        packagesInRepos = packagesInRepos == null ? Map.of() : Map.copyOf(packagesInRepos);
    }

    public ReleasePlan withLastLog(String log) {
        return new ReleasePlan(packages, repositories, packagesInRepos, log);
    }

    public ReleasePlan withPackages(List<PlannedPackage> newPackages, Map<String, List<Long>> inRepos) {
        return new ReleasePlan(newPackages, repositories, inRepos, lastLog);
    }
}
