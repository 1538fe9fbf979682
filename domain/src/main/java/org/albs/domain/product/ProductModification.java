package org.albs.domain.product;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.albs.domain.Problems;

/**
 * What adding a build to a product, or removing it, changes in the product's repositories (upstream §4.6, with the
 * package data the server recorded at import instead of the store's database). The one home of these rules:
 * <ul>
 *   <li>the build's RPM repositories map to the product's by (platform, arch, debug): a package goes where its
 *       task's repository maps, its debug flag from its name; an SRPM to the platform's {@code src} repository;</li>
 *   <li>arch filter: noarch fits every non-src repository, i686 fits the i686 and the x86_64 ones, src only src,
 *       any other arch its own;</li>
 *   <li>only packages of COMPLETED tasks; no SRPM of a ref none of whose arch tasks COMPLETED;</li>
 *   <li>add: units already there (from builds in the product) are skipped, and a build already in it adds nothing;
 *       remove: only units present, and none another build of the product still needs.</li>
 * </ul>
 */
public final class ProductModification {
    public enum Action {
        ADD, REMOVE
    }

    /** One repository's change: these units in, those out. */
    public record RepositoryChange(Set<String> add, Set<String> remove) {
        public RepositoryChange {
            add = Set.copyOf(add);
            remove = Set.copyOf(remove);
        }
    }

    private ProductModification() {
    }

    /**
     * A build may be added only when every platform it was built for is one of the product's, and when it has
     * something to add (a completed package that maps to one of the product's repositories); else 422, the path
     * naming {@code where} (e.g. the request's build id).
     */
    public static void requireAddable(Product product, long buildId, Collection<String> buildPlatforms,
                                      Collection<ProductPackage> packages, Object... where) {
        Problems p = new Problems();
        List<String> missing = buildPlatforms.stream().filter(n -> !product.hasPlatform(n)).distinct().sorted()
                .toList();
        if (!product.community()) {
            p.add("Product " + product.name() + " has no repositories of its own: its builds reach its platforms'"
                    + " production repositories through a release (POST /api/v1/releases/new/)", "value_error", where);
        } else if (!missing.isEmpty()) {
            p.add("Distribution " + product.name() + " has no platform " + String.join(", ", missing) + " of build "
                    + buildId, "value_error", where);
        } else if (placements(product, packages).isEmpty()) {
            p.add("Build " + buildId + " has nothing to add to distribution " + product.name()
                    + ": no completed task of it built a package for its repositories", "value_error", where);
        }
        p.throwIfAny();
    }

    /** Whether a package of {@code packageArch} belongs in a repository of {@code repoArch}. */
    public static boolean fits(String packageArch, String repoArch) {
        if (repoArch.equals("src") || packageArch.equals("src")) {
            return repoArch.equals(packageArch);
        }
        if (packageArch.equals("noarch")) {
            return true;
        }
        if (packageArch.equals("i686")) {
            return repoArch.equals("i686") || repoArch.equals("x86_64");
        }
        return packageArch.equals(repoArch);
    }

    /** Which units of these packages go to which of the product's repositories: repository name → units. */
    public static Map<String, Set<String>> placements(Product product, Collection<ProductPackage> packages) {
        Set<String> completedRefs = new HashSet<>();
        for (ProductPackage p : packages) {
            if (p.taskCompleted() && !p.taskArch().equals("src")) {
                completedRefs.add(p.platformName() + "\n" + p.refId());
            }
        }
        Map<String, Set<String>> placed = new LinkedHashMap<>();
        for (ProductPackage p : packages) {
            if (p.handle() == null || !p.taskCompleted()) {
                continue;
            }
            Optional<ProductRepository> target;
            if (p.isSource()) {
                if (!completedRefs.contains(p.platformName() + "\n" + p.refId())) {
                    continue;
                }
                target = product.repository(p.platformName(), "src", false);
            } else if (p.taskArch().equals("src")) {
                continue;
            } else {
                target = product.repository(p.platformName(), p.taskArch(), p.isDebug());
            }
            if (target.isPresent() && fits(p.isSource() ? "src" : p.arch(), target.get().arch())) {
                placed.computeIfAbsent(target.get().name(), k -> new LinkedHashSet<>()).add(p.handle());
            }
        }
        return placed;
    }

    /**
     * The change of each repository that changes, in the product's repository order.
     *
     * @param member whether the build was in the product when the change began
     * @param build  the build's packages
     * @param others the packages of the product's other builds
     */
    public static Map<String, RepositoryChange> plan(Action action, Product product, boolean member,
                                                     List<ProductPackage> build, List<ProductPackage> others) {
        Map<String, RepositoryChange> changes = new LinkedHashMap<>();
        if (action == Action.ADD ? member : !member) {
            return changes;
        }
        Map<String, Set<String>> mine = placements(product, build);
        Map<String, Set<String>> theirs = placements(product, others);
        for (ProductRepository repo : product.repositories()) {
            Set<String> units = new LinkedHashSet<>(mine.getOrDefault(repo.name(), Set.of()));
            units.removeAll(theirs.getOrDefault(repo.name(), Set.of()));
            if (!units.isEmpty()) {
                changes.put(repo.name(), action == Action.ADD ? new RepositoryChange(units, Set.of())
                        : new RepositoryChange(Set.of(), units));
            }
        }
        return changes;
    }
}
