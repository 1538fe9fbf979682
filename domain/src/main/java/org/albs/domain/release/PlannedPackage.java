package org.albs.domain.release;

import java.util.List;
import java.util.Objects;

/**
 * One package going to one production repository name: {@code repositories} holds that repository (one entry, as
 * upstream's plans do) and {@code repoArchLocation} the arches of it the package goes into (a noarch package goes
 * into every arch's repository of that name; a multilib i686 package into the x86_64 and i686 ones).
 */
public record PlannedPackage(ReleasePackage pkg, List<TargetRepository> repositories, List<String> repoArchLocation) {
    public PlannedPackage {
        Objects.requireNonNull(pkg, "pkg");
        repositories = List.copyOf(repositories);
        repoArchLocation = List.copyOf(repoArchLocation);
    }
}
