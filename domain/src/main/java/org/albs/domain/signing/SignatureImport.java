package org.albs.domain.signing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.albs.domain.artifacts.ImportPlan;
import org.albs.domain.artifacts.RejectedArtifactsException;

/**
 * The rules of a sign node's report, in one place: which signed packages are accepted, and how they replace the
 * unsigned ones in the build's repositories. A report is refused as a whole (nothing changes) when a package was
 * signed with another key than the task's, names a file the build does not have, lacks its upload or checksum,
 * or when a package of the build is missing from it. Packages of one name (a noarch package listed once per arch
 * task) are one file: the first one reported wins, as upstream.
 */
public final class SignatureImport {
    /** A package of the build to be signed: its artifact, the repository holding it (null: none) and its unit. */
    public record Signable(long artifactId, String name, String arch, String repository, String contentHandle) {
        public Signable {
            Objects.requireNonNull(name, "name");
        }
    }

    /** One change of a repository: the signed units in, the unsigned ones out. */
    public record RepositoryChange(Set<String> add, Set<String> remove) {
    }

    /** An accepted report: one signed upload per file name, in the order reported. */
    public record Plan(Map<String, SignReport.SignedPackage> files, List<Signable> signables) {
        /**
         * The repository changes once each file is stored content ({@code signed}: file name → handle of the
         * signed unit): per repository, the signed units in and the unsigned ones they replace out.
         */
        public Map<String, RepositoryChange> changes(Map<String, String> signed) {
            Map<String, RepositoryChange> changes = new LinkedHashMap<>();
            for (Signable s : signables) {
                if (s.repository() == null) {
                    continue;
                }
                String handle = signed.get(s.name());
                if (handle == null) {
                    throw new IllegalArgumentException("no signed unit for " + s.name());
                }
                RepositoryChange c = changes.computeIfAbsent(s.repository(),
                        r -> new RepositoryChange(new LinkedHashSet<>(), new LinkedHashSet<>()));
                c.add().add(handle);
                if (s.contentHandle() != null && !s.contentHandle().equals(handle)) {
                    c.remove().add(s.contentHandle());
                }
            }
            changes.values().forEach(c -> c.remove().removeAll(c.add()));
            return changes;
        }
    }

    private SignatureImport() {
    }

    /**
     * Checks a successful report against the task's key and the build's packages.
     *
     * @throws RejectedArtifactsException with every reason when the report is refused
     */
    public static Plan plan(String keyFingerprint, SignReport report, List<Signable> signables) {
        if (report.packages().isEmpty()) {
            throw new RejectedArtifactsException("the sign node reported no package");
        }
        List<String> problems = new ArrayList<>();
        List<String> wrongKey = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        // every package in a repository must be signed; one kept only with its task may be (an arch task's copy of
        // the SRPM is re-pointed with the SRPM)
        Set<String> known = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        signables.forEach(s -> {
            known.add(s.name());
            if (s.repository() != null) {
                required.add(s.name());
            }
        });
        List<String> unknown = new ArrayList<>();
        Map<String, SignReport.SignedPackage> files = new LinkedHashMap<>();
        for (SignReport.SignedPackage p : report.packages()) {
            if (!KeyIds.sameFingerprint(p.fingerprint(), keyFingerprint)) {
                wrongKey.add(p.name());
            }
            if (blank(p.href()) || blank(p.sha256())) {
                incomplete.add(p.name());
            }
            if (!known.contains(p.name())) {
                unknown.add(p.name());
            }
            files.putIfAbsent(p.name(), p);
        }
        if (!wrongKey.isEmpty()) {
            problems.add("packages signed with another key than " + keyFingerprint + ": " + names(wrongKey));
        }
        if (!incomplete.isEmpty()) {
            problems.add("packages reported without href or sha256: " + names(incomplete));
        }
        if (!unknown.isEmpty()) {
            problems.add("packages the build does not have: " + names(unknown));
        }
        List<String> missing = required.stream().filter(n -> !files.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            problems.add("packages of the build missing from the report: " + names(missing));
        }
        if (!problems.isEmpty()) {
            throw new RejectedArtifactsException(String.join("; ", problems));
        }
        return new Plan(files, List.copyOf(signables));
    }

    /** The repository of a build's package (upstream's routing; see {@link ImportPlan}). */
    public static String repository(String platformName, long buildId, String taskArch, String fileName) {
        return fileName.endsWith(".src.rpm")
                ? org.albs.domain.artifacts.BuildRepositories.rpmName(platformName, "src", buildId, false)
                : org.albs.domain.artifacts.BuildRepositories.rpmName(platformName, taskArch, buildId,
                ImportPlan.isDebug(fileName));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String names(List<String> names) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        return distinct.size() <= 20 ? String.join(", ", distinct)
                : String.join(", ", distinct.subList(0, 20)) + " and " + (distinct.size() - 20) + " more";
    }
}
