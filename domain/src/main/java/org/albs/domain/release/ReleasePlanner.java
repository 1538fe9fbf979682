package org.albs.domain.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides where each package of a release goes, from what the package knowledge base says about the reference
 * platform (upstream's AlmaLinux planner, with its lookups in one place):
 * <ol>
 *   <li>the reference platform's package of the same name, version and arch (for a debuginfo or debugsource package,
 *       also of the package it belongs to), the most exact match winning (exact, closest, name-version, name-only),
 *       and the first distribution asked winning among equals;</li>
 *   <li>failing that, its package of the same name and arch at any version (a name-only match);</li>
 *   <li>each repository it lives in, renamed into this platform ({@code centos-stream-8-appstream} → {@code
 *       almalinux-8-appstream}; {@code -debuginfo} for debug packages), is a target if this platform has that
 *       production repository: trustness 1 for an exact match, 2 otherwise;</li>
 *   <li>nothing matched, or nothing maps to a repository of ours: the devel repository, trustness 0.</li>
 * </ol>
 * A noarch package goes into every arch's repository of its target name, a source package into the {@code src} one,
 * and an i686 package the reference ships in an x86_64 repository (multilib) into the x86_64 and the i686 ones.
 * Packages that already have their NEVRA in a production repository are flagged in {@code packagesInRepos}.
 */
public final class ReleasePlanner {
    /**
     * The platform released into: its name as distributions are named ({@code almalinux}), its version, its arches
     * and its production repositories (the plan's choices).
     */
    public record Layout(String distribution, String version, List<String> archList,
                         List<TargetRepository> repositories) {
        public Layout {
            Objects.requireNonNull(distribution, "distribution");
            Objects.requireNonNull(version, "version");
            archList = List.copyOf(archList);
            repositories = List.copyOf(repositories);
        }

        public String devel(boolean debug) {
            return distribution + "-" + version + "-devel" + (debug ? DEBUGINFO : "");
        }
    }

    private static final String DEBUGINFO = "-debuginfo";

    private record RepoKey(String name, String arch, boolean debug) {
    }

    private record PackageKey(String name, String version, String arch) {
    }

    private record NameArch(String name, String arch) {
    }

    private record Hit(KnownPackage known, MatchMethod method) {
    }

    private final Layout layout;
    private final Map<RepoKey, TargetRepository> repos = new HashMap<>();
    private final Map<PackageKey, KnownPackage> byVersion = new HashMap<>();
    private final Map<NameArch, KnownPackage> byName = new HashMap<>();

    /** @param known what the knowledge base answered, the most trusted distribution's answers first */
    private ReleasePlanner(Layout layout, List<KnownPackage> known) {
        this.layout = layout;
        for (TargetRepository r : layout.repositories()) {
            repos.putIfAbsent(new RepoKey(r.name(), r.arch(), r.debug()), r);
        }
        for (KnownPackage k : known) {
            keepBetter(byVersion, new PackageKey(k.name(), k.version(), k.arch()), k);
            keepBetter(byName, new NameArch(k.name(), k.arch()), k);
        }
    }

    private static <K> void keepBetter(Map<K, KnownPackage> map, K key, KnownPackage candidate) {
        KnownPackage current = map.get(key);
        if (current == null || candidate.matched().ordinal() < current.matched().ordinal()) {
            map.put(key, candidate);
        }
    }

    /**
     * The plan for these packages.
     *
     * @param known   what the package knowledge base answered (empty when it is off or knows nothing)
     * @param present NEVRA ({@link ReleasePackage#nevra()}) → the production repositories already holding it
     */
    public static ReleasePlan plan(Layout layout, List<ReleasePackage> packages, List<KnownPackage> known,
                                   Map<String, ? extends Set<Long>> present) {
        ReleasePlanner planner = new ReleasePlanner(layout, known);
        List<PlannedPackage> planned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ReleasePackage p : packages) {
            if (seen.add(p.fullName())) {
                planned.addAll(planner.place(p));
            }
        }
        return new ReleasePlan(planned, layout.repositories(), presence(planned, present), null);
    }

    /** The plan's packages flagged where their NEVRA already is (full name → repository ids, in id order). */
    public static Map<String, List<Long>> presence(List<PlannedPackage> planned,
                                                   Map<String, ? extends Set<Long>> present) {
        Map<String, List<Long>> in = new LinkedHashMap<>();
        for (PlannedPackage p : planned) {
            Set<Long> ids = present.get(p.pkg().nevra());
            if (ids != null && !ids.isEmpty()) {
                in.put(p.pkg().fullName(), List.copyOf(new TreeSet<>(ids)));
            }
        }
        return in;
    }

    /**
     * Where the plan's packages found in a target repository are there (upstream's {@code href_from_repo}): full
     * name → the store's handle of the package's NEVRA in the first repository {@code packagesInRepos} names (the
     * one {@code packages_from_repos} shows); a package without one has no entry.
     *
     * @param contents repository id → NEVRA → the store's handle of what a release put there
     */
    public static Map<String, String> hrefsFromRepos(ReleasePlan plan, Map<Long, Map<String, String>> contents) {
        Map<String, String> hrefs = new LinkedHashMap<>();
        for (PlannedPackage p : plan.packages()) {
            plan.repositoryFrom(p.pkg().fullName())
                    .map(repo -> contents.getOrDefault(repo, Map.of()).get(p.pkg().nevra()))
                    .ifPresent(href -> hrefs.putIfAbsent(p.pkg().fullName(), href));
        }
        return hrefs;
    }

    private List<PlannedPackage> place(ReleasePackage p) {
        Hit hit = lookup(p);
        if (hit != null) {
            List<PlannedPackage> targets = targets(p, hit);
            if (!targets.isEmpty()) {
                return targets;
            }
        }
        return List.of(devel(p));
    }

    private Hit lookup(ReleasePackage p) {
        List<String> names = p.isDebug() && !p.baseName().equals(p.name()) ? List.of(p.name(), p.baseName())
                : List.of(p.name());
        for (String name : names) {
            KnownPackage k = byVersion.get(new PackageKey(name, p.version(), p.arch()));
            if (k != null) {
                return new Hit(k, k.matched());
            }
        }
        for (String name : names) {
            KnownPackage k = byName.get(new NameArch(name, p.arch()));
            if (k != null) {
                return new Hit(k, Objects.equals(k.version(), p.version()) ? k.matched() : MatchMethod.NAME_ONLY);
            }
        }
        return null;
    }

    private List<PlannedPackage> targets(ReleasePackage p, Hit hit) {
        boolean debug = p.isDebug();
        Map<String, Set<String>> archesByName = new LinkedHashMap<>();
        for (KnownPackage.Location location : hit.known().locations()) {
            String suffix = repositorySuffix(location.repository());
            if (suffix == null) {
                continue;
            }
            String name = layout.distribution() + "-" + layout.version() + "-" + suffix;
            if (debug && !name.endsWith(DEBUGINFO)) {
                name += DEBUGINFO;
            }
            Set<String> arches = archesByName.computeIfAbsent(name, n -> new LinkedHashSet<>());
            for (String arch : arches(p, location.arch())) {
                if (repos.containsKey(new RepoKey(name, arch, debug))) {
                    arches.add(arch);
                }
            }
        }
        List<PlannedPackage> planned = new ArrayList<>();
        archesByName.forEach((name, arches) -> {
            if (!arches.isEmpty()) {
                TargetRepository r = repos.get(new RepoKey(name, arches.iterator().next(), debug));
                planned.add(new PlannedPackage(p, List.of(new TargetRepository(r.id(), r.name(), r.arch(),
                        r.debug(), r.url(), hit.method().trustness(), hit.method().wireName())),
                        List.copyOf(arches)));
            }
        });
        return planned;
    }

    /** The arches of a target repository name a package goes into, given the arch the reference has it in. */
    private List<String> arches(ReleasePackage p, String referenceArch) {
        if (p.isSource()) {
            return List.of("src");
        }
        if (p.isNoarch()) {
            return layout.archList().stream().filter(a -> !a.equals("src")).toList();
        }
        if (p.arch().equals("i686") && referenceArch.equals("x86_64")) {
            return List.of("x86_64", "i686");
        }
        return List.of(referenceArch);
    }

    private PlannedPackage devel(ReleasePackage p) {
        boolean debug = p.isDebug();
        String name = layout.devel(debug);
        List<String> arches = arches(p, p.arch()).stream()
                .filter(a -> repos.containsKey(new RepoKey(name, a, debug))).toList();
        if (arches.isEmpty()) {
            return new PlannedPackage(p, List.of(), List.of());
        }
        TargetRepository r = repos.get(new RepoKey(name, arches.get(0), debug));
        return new PlannedPackage(p, List.of(new TargetRepository(r.id(), r.name(), r.arch(), r.debug(), r.url(), 0,
                null)), arches);
    }

    /**
     * A reference repository's name without its distribution and version: {@code centos-stream-8-appstream} →
     * {@code appstream}, {@code almalinux-9-beta-crb-debuginfo} → {@code crb-debuginfo}; null when it has no
     * version part.
     */
    public static String repositorySuffix(String referenceName) {
        String[] parts = referenceName.split("-");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty() && parts[i].chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                int from = parts[i + 1].equals("beta") ? i + 2 : i + 1;
                return from < parts.length ? String.join("-", List.of(parts).subList(from, parts.length)) : null;
            }
        }
        return null;
    }
}
