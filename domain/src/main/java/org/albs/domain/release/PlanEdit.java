package org.albs.domain.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;

/**
 * A person's edit of a plan, checked against what exists: every package must be one of the release's packages (found
 * by artifact id, or by file name) and every repository one of the platform's production repositories, with a
 * production repository of that name for every arch it lists. The package data is always the server's own (only the
 * person's {@code force} and {@code forceNotNotarized} flags are taken); every bad entry is named, with its path in the plan.
 */
public final class PlanEdit {
    /** A planned package as a person sent it. */
    public record EditedPackage(Long artifactId, String fullName, boolean force, boolean forceNotNotarized,
                                List<Long> repositoryIds, List<String> repoArchLocation) {
        public EditedPackage(Long artifactId, String fullName, boolean force, List<Long> repositoryIds,
                             List<String> repoArchLocation) {
            this(artifactId, fullName, force, false, repositoryIds, repoArchLocation);
        }

        public EditedPackage {
            repositoryIds = repositoryIds == null ? List.of() : List.copyOf(repositoryIds);
            repoArchLocation = repoArchLocation == null ? List.of() : List.copyOf(repoArchLocation);
        }
    }

    private record Key(String name, String arch, boolean debug) {
    }

    private PlanEdit() {
    }

    /**
     * The edited plan, or every problem found.
     *
     * @param available the release's packages
     * @param current   the plan being edited (its repositories and last log are kept)
     */
    public static ReleasePlan apply(List<EditedPackage> edited, List<ReleasePackage> available,
                                    ReleasePlan current) {
        Map<Long, ReleasePackage> byId = new HashMap<>();
        Map<String, ReleasePackage> byName = new HashMap<>();
        for (ReleasePackage p : available) {
            byId.putIfAbsent(p.artifactId(), p);
            byName.putIfAbsent(p.fullName(), p);
        }
        Map<Long, TargetRepository> repos = new LinkedHashMap<>();
        Map<Key, TargetRepository> byKey = new HashMap<>();
        for (TargetRepository r : current.repositories()) {
            repos.putIfAbsent(r.id(), r);
            byKey.putIfAbsent(new Key(r.name(), r.arch(), r.debug()), r);
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<PlannedPackage> planned = new ArrayList<>();
        if (edited.isEmpty()) {
            problems.add(FieldProblem.of("the plan has no packages", "value_error", "plan", "packages"));
        }
        for (int i = 0; i < edited.size(); i++) {
            EditedPackage e = edited.get(i);
            Optional<ReleasePackage> pkg = Optional.ofNullable(e.artifactId()).map(byId::get)
                    .or(() -> Optional.ofNullable(e.fullName()).map(byName::get));
            if (pkg.isEmpty()) {
                problems.add(FieldProblem.of("no package " + (e.artifactId() != null ? "with artifact id "
                        + e.artifactId() : e.fullName()) + " in the release's builds", "value_error", "plan",
                        "packages", i, "package"));
                continue;
            }
            if (e.repositoryIds().size() != 1) {
                problems.add(FieldProblem.of("each package goes to exactly one repository (found "
                        + e.repositoryIds().size() + ")", "value_error", "plan", "packages", i,
                        "repositories"));
                continue;
            }
            TargetRepository repo = repos.get(e.repositoryIds().get(0));
            if (repo == null) {
                problems.add(FieldProblem.of("repository " + e.repositoryIds().get(0)
                        + " is not a production repository of the platform", "value_error", "plan",
                        "packages", i, "repositories", 0, "id"));
                continue;
            }
            List<String> arches = e.repoArchLocation().isEmpty() ? List.of(repo.arch()) : e.repoArchLocation();
            boolean archesExist = true;
            for (int a = 0; a < arches.size(); a++) {
                if (!byKey.containsKey(new Key(repo.name(), arches.get(a), repo.debug()))) {
                    archesExist = false;
                    problems.add(FieldProblem.of("the platform has no production repository " + repo.name()
                            + (repo.debug() ? " (debug)" : "") + " for " + arches.get(a), "value_error", 
                            "plan", "packages", i, "repo_arch_location", a));
                }
            }
            if (archesExist) {
                planned.add(new PlannedPackage(pkg.get().withFlags(e.force(), e.forceNotNotarized()), List.of(new TargetRepository(
                        repo.id(), repo.name(), repo.arch(), repo.debug(), repo.url(), trustOf(current, pkg.get(),
                        repo), matchedOf(current, pkg.get(), repo))), arches));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return current.withPackages(planned, current.packagesInRepos());
    }

    /** The trust the planner gave this package in this repository; a person's own choice has none (0). */
    private static int trustOf(ReleasePlan current, ReleasePackage pkg, TargetRepository repo) {
        return same(current, pkg, repo).map(TargetRepository::trustness).orElse(0);
    }

    private static String matchedOf(ReleasePlan current, ReleasePackage pkg, TargetRepository repo) {
        return same(current, pkg, repo).map(TargetRepository::matched).orElse(null);
    }

    private static Optional<TargetRepository> same(ReleasePlan current, ReleasePackage pkg, TargetRepository repo) {
        return current.packages().stream().filter(p -> p.pkg().artifactId() == pkg.artifactId())
                .flatMap(p -> p.repositories().stream())
                .filter(r -> r.name().equals(repo.name()) && r.debug() == repo.debug()).findFirst();
    }
}
