package org.albs.application.port.in.builds;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.albs.domain.Problems;
import org.albs.domain.builds.BuiltArtifact;
import org.albs.domain.builds.CasFacts;
import org.albs.domain.builds.NodeOutcome;
import org.albs.domain.builds.NodeReport;

/** A node's build_done report, validated: what albs-node sends, unknown fields already dropped. */
public record BuildDoneCommand(long taskId, NodeOutcome outcome, List<BuiltArtifact> artifacts,
                               Map<String, Object> stats, String gitCommitHash, String almaCommitCasHash,
                               boolean casAuthenticated) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> TYPES = Set.of("rpm", "build_log");
    public static final int MAX_ARTIFACTS = 10_000;

    /** A raw artifact as sent; every field may be missing. */
    public record RawArtifact(String name, String type, String href, String sha256, String casHash) {
    }

    public static BuildDoneCommand of(Long taskId, String status, List<RawArtifact> artifacts,
                                      Map<String, Object> stats, String gitCommitHash, String almaCommitCasHash,
                                      Boolean casAuthenticated) {
        Problems p = new Problems();
        if (taskId == null) {
            p.add("Field required", "missing", "task_id");
        } else if (taskId <= 0) {
            p.add("Input should be greater than 0", "greater_than", "task_id");
        }
        NodeOutcome outcome = NodeOutcome.parse(status).orElse(null);
        if (outcome == null) {
            p.add("Input should be 'done', 'failed' or 'excluded'", status == null ? "missing" : "literal_error",
                    "status");
        }
        if (artifacts == null) {
            p.add("Field required", "missing", "artifacts");
        } else if (artifacts.size() > MAX_ARTIFACTS) {
            p.add("at most " + MAX_ARTIFACTS + " artifacts", "too_long", "artifacts");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < artifacts.size(); i++) {
                RawArtifact a = artifacts.get(i);
                if (a == null) {
                    p.add("Input should be a valid dictionary", "dict_type", "artifacts", i);
                    continue;
                }
                required(p, a.name(), i, "name", 1024);
                required(p, a.href(), i, "href", 2048);
                if (a.type() == null) {
                    p.add("Field required", "missing", "artifacts", i, "type");
                } else if (!TYPES.contains(a.type())) {
                    p.add("Input should be 'rpm' or 'build_log'", "literal_error", "artifacts", i, "type");
                }
                if (a.sha256() == null) {
                    p.add("Field required", "missing", "artifacts", i, "sha256");
                } else if (!SHA256.matcher(a.sha256()).matches()) {
                    p.add("sha256 must be 64 hexadecimal characters", "value_error", "artifacts", i, "sha256");
                }
                if (a.name() != null && !names.add(a.name())) {
                    p.add("artifact '" + a.name() + "' is reported twice", "value_error", "artifacts", i, "name");
                }
            }
        }
        p.throwIfAny();
        return new BuildDoneCommand(taskId, outcome,
                artifacts.stream().map(a -> new BuiltArtifact(a.name(), a.type(), a.href(),
                        a.sha256().toLowerCase(), a.casHash())).toList(),
                stats, gitCommitHash, almaCommitCasHash, Boolean.TRUE.equals(casAuthenticated));
    }

    private static void required(Problems p, String value, int i, String field, int max) {
        if (value == null || value.isBlank()) {
            p.add("Field required", "missing", "artifacts", i, field);
        } else if (value.length() > max) {
            p.add("at most " + max + " characters", "string_too_long", "artifacts", i, field);
        }
    }

    /** What the node reports, as the domain takes it. */
    public NodeReport report() {
        return new NodeReport(outcome, artifacts, nodeStart(), CasFacts.reported(almaCommitCasHash, casAuthenticated));
    }

    /** When the node says it started (stats.build_node_task.start_ts, "2026-01-01 10:00:00.000001", UTC). */
    Instant nodeStart() {
        if (stats != null && stats.get("build_node_task") instanceof Map<?, ?> task
                && task.get("start_ts") instanceof String ts) {
            try {
                return LocalDateTime.parse(ts.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
