package org.albs.domain.artifacts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to a platform's build repositories once every task of one ref on it has ended and been imported
 * (upstream's §3.3 steps 7 and 10, with their flaws fixed):
 * <ul>
 * <li><b>noarch</b>: one canonical copy of each noarch package, the one built on the first arch in the platform's
 * arch order (not row order), goes into every arch repository of a completed task, replacing that arch's own
 * copy; debug packages likewise into the debug repositories;</li>
 * <li><b>multilib</b>: the x86_64 repositories receive the i686 packages the knowledge base marks as multilib,
 * whichever of the two tasks finished first.</li>
 * </ul>
 * The result is one change per touched repository, and the packages each task now carries in its repositories
 * (its own noarch copies replaced by the canonical ones, x86_64 with the multilib packages), so its recorded
 * artifacts say what its repositories hold.
 */
public final class IndexFinalization {
    /** One task of the ref on the platform: its arch, whether it completed, and its imported packages. */
    public record TaskPackages(long taskId, String arch, boolean completed, List<ImportedPackage> packages) {
        public TaskPackages {
            packages = List.copyOf(packages);
        }
    }

    /** One change of one repository: units in, units out. */
    public record RepositoryChange(Set<String> add, Set<String> remove) {
        public RepositoryChange {
            add = Set.copyOf(add);
            remove = Set.copyOf(remove);
        }
    }

    /** The repositories' changes by repository name, and the packages each task adopts, by task id. */
    public record Plan(Map<String, RepositoryChange> changes, Map<Long, List<ImportedPackage>> adopted) {
        public Plan {
            changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
            adopted = Collections.unmodifiableMap(new LinkedHashMap<>(adopted));
        }
    }

    private IndexFinalization() {
    }

    /**
     * @param archOrder the platform's arch list, in its order: the first arch that built a noarch package gives
     *                  the canonical copy (arches not in it come after, by name)
     * @param multilib  name → version of the i686 packages to add to x86_64 (empty: none)
     * @return the changes of the repositories that change, and what each task adopts
     */
    public static Plan plan(String platformName, long buildId, List<String> archOrder, List<TaskPackages> tasks,
                            Map<String, String> multilib) {
        List<TaskPackages> completed = tasks.stream().filter(TaskPackages::completed)
                .filter(t -> !t.arch().equals("src"))
                .sorted(Comparator.comparingInt((TaskPackages t) -> rank(archOrder, t.arch()))
                        .thenComparing(TaskPackages::arch))
                .toList();
        Map<String, ImportedPackage> canonical = new LinkedHashMap<>();
        for (TaskPackages t : completed) {
            for (ImportedPackage p : t.packages()) {
                if (p.meta().isNoarch()) {
                    canonical.putIfAbsent(p.fileName(), p);
                }
            }
        }
        Map<String, Set<String>[]> changes = new LinkedHashMap<>();
        Map<Long, List<ImportedPackage>> adopted = new LinkedHashMap<>();
        for (TaskPackages t : completed) {
            Map<String, ImportedPackage> own = new LinkedHashMap<>();
            t.packages().forEach(p -> own.put(p.fileName(), p));
            for (ImportedPackage c : canonical.values()) {
                ImportedPackage mine = own.get(c.fileName());
                if (mine != null && mine.contentHandle().equals(c.contentHandle())) {
                    continue;
                }
                Set<String>[] change = change(changes, BuildRepositories.rpmName(platformName, t.arch(), buildId,
                        c.isDebug()));
                change[0].add(c.contentHandle());
                if (mine != null) {
                    change[1].add(mine.contentHandle());
                }
                adopted.computeIfAbsent(t.taskId(), k -> new ArrayList<>()).add(c);
            }
        }
        if (!multilib.isEmpty()) {
            TaskPackages x86 = completed.stream().filter(t -> t.arch().equals("x86_64")).findFirst().orElse(null);
            for (TaskPackages t : completed) {
                if (x86 == null || !t.arch().equals("i686")) {
                    continue;
                }
                for (ImportedPackage p : t.packages()) {
                    if (isMultilib(p, multilib)) {
                        change(changes, BuildRepositories.rpmName(platformName, "x86_64", buildId, p.isDebug()))[0]
                                .add(p.contentHandle());
                        adopted.computeIfAbsent(x86.taskId(), k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
        Map<String, RepositoryChange> plan = new LinkedHashMap<>();
        changes.forEach((repo, c) -> plan.put(repo, new RepositoryChange(c[0], c[1])));
        return new Plan(plan, adopted);
    }

    /**
     * An i686 package is multilib when the knowledge base names it with the same version; its debuginfo and
     * debugsource follow it (they carry the name of the package they belong to as a prefix).
     */
    static boolean isMultilib(ImportedPackage p, Map<String, String> multilib) {
        if (!p.meta().arch().equals("i686")) {
            return false;
        }
        String name = p.meta().name();
        String version = multilib.get(name);
        if (version == null && p.isDebug()) {
            String base = name.replaceFirst("-debug(info|source)$", "");
            version = multilib.get(base);
        }
        return version != null && version.equals(p.meta().version());
    }

    private static int rank(List<String> archOrder, String arch) {
        int i = archOrder.indexOf(arch);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] change(Map<String, Set<String>[]> changes, String repo) {
        return changes.computeIfAbsent(repo, r -> new Set[] {new LinkedHashSet<String>(), new LinkedHashSet<String>()});
    }
}
