package org.albs.domain.builds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build node reports for its task (build_done): the outcome, what it built, when it says it started, and
 * the CAS facts when it gives any ({@code null} otherwise).
 */
public record NodeReport(NodeOutcome outcome, List<BuiltArtifact> artifacts, Instant startedByNode, CasFacts cas) {
    public NodeReport {
        Objects.requireNonNull(outcome, "outcome");
        artifacts = List.copyOf(artifacts);
    }

    public Optional<BuiltArtifact> sourceRpm() {
        return artifacts.stream().filter(BuiltArtifact::isSourceRpm).findFirst();
    }
}
