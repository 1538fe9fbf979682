package org.albs.domain.artifacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.albs.domain.builds.BuiltArtifact;

/**
 * Where each artifact of a reported task goes (upstream's routing, §3.3 steps 5–6): build logs to the build's log
 * repository; the SRPM to the platform's source repository (from an arch task only while the ref has no SRPM yet);
 * debuginfo and debugsource packages to the debug repository of the task's arch; every other package, noarch
 * included, to the arch repository. A src task contributes its SRPM only.
 */
public final class ImportPlan {
    private static final Pattern DEBUG = Pattern.compile("-debug(info|source)(-|$)");

    /** One artifact and the repository it goes to ({@code null}: it is kept with the task but not imported). */
    public record Placement(BuiltArtifact artifact, ContentKind kind, String repository) {
        public boolean imported() {
            return repository != null;
        }
    }

    private ImportPlan() {
    }

    /**
     * @param srpmKnown whether the task's ref already had its SRPM when the task ran (it built from it)
     * @throws RejectedArtifactsException when two artifacts have the same name: which one to publish is unknowable
     */
    public static List<Placement> of(String platformName, long buildId, String taskArch, boolean srpmKnown,
                                     List<BuiltArtifact> artifacts) {
        Set<String> names = new HashSet<>();
        List<Placement> placements = new ArrayList<>();
        boolean srcTaken = false;
        for (BuiltArtifact a : artifacts) {
            if (!names.add(a.name())) {
                throw new RejectedArtifactsException("the report names the artifact " + a.name() + " twice");
            }
            if (!a.type().equals("rpm")) {
                placements.add(new Placement(a, ContentKind.FILE, "build-" + buildId + "-" + BuildRepository.BUILD_LOG));
            } else if (a.isSourceRpm()) {
                boolean take = !srcTaken && (taskArch.equals("src") || !srpmKnown);
                srcTaken |= take;
                placements.add(new Placement(a, ContentKind.RPM,
                        take ? BuildRepositories.rpmName(platformName, "src", buildId, false) : null));
            } else if (taskArch.equals("src")) {
                placements.add(new Placement(a, ContentKind.RPM, null));
            } else {
                placements.add(new Placement(a, ContentKind.RPM,
                        BuildRepositories.rpmName(platformName, taskArch, buildId, isDebug(a.name()))));
            }
        }
        return placements;
    }

    /** Whether a package is debuginfo or debugsource (it goes to the debug repository). */
    public static boolean isDebug(String fileName) {
        return DEBUG.matcher(fileName).find();
    }
}
