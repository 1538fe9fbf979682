package org.albs.application.port.in.builds;

public interface FindBuildsUseCase {
    BuildPage page(BuildPageQuery query);

    /** The build with every task, its artifacts, lease, attempts and history; not found is an error. */
    BuildView get(long buildId);

    /** One artifact of a build task (upstream's artifact shape); not found is an error. */
    BuildView.Artifact artifact(long artifactId);
}
