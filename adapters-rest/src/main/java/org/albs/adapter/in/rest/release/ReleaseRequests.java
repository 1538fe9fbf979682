package org.albs.adapter.in.rest.release;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.albs.domain.FieldProblem;
import org.albs.domain.InvalidInputException;
import org.albs.domain.release.PlanEdit;

/** The bodies of the release endpoints, and the reading of an edited plan. */
public final class ReleaseRequests {
    private ReleaseRequests() {
    }

    /** The seed's {@code {builds, platform_id, reference_platform_id}}; upstream's {@code build_tasks, product_id}. */
    @RegisterForReflection
    public record Create(List<Long> builds, List<Long> buildTasks, Long platformId, Long referencePlatformId,
                  Long productId) {
    }

    /** {@code {builds?, build_tasks?, plan?}}. */
    @RegisterForReflection
    public record Update(List<Long> builds, List<Long> buildTasks, JsonNode plan) {
    }

    /**
     * The packages of an edited plan: for each entry, the package (by {@code artifact_id}, or by {@code full_name}),
     * its {@code force} and {@code force_not_notarized} flags (a boolean; null or missing is false), the id of its one
     * repository and its {@code repo_arch_location}. Everything else the entry carries ({@code artifact_href},
     * {@code href_from_repo}, {@code cas_hash}, the NEVRA…) is the server's own data and is not read back.
     */
    static List<PlanEdit.EditedPackage> editedPackages(JsonNode plan) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode packages = plan.path("packages");
        if (!plan.isObject() || !packages.isArray()) {
            throw new InvalidInputException(FieldProblem.of("the plan must be an object with a list of packages",
                    "value_error", "plan", "packages"));
        }
        List<PlanEdit.EditedPackage> edited = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            JsonNode entry = packages.get(i);
            JsonNode pkg = entry.path("package");
            Long artifactId = pkg.path("artifact_id").canConvertToLong() ? pkg.path("artifact_id").asLong() : null;
            String fullName = pkg.path("full_name").isTextual() ? pkg.path("full_name").asText() : null;
            if (artifactId == null && fullName == null) {
                problems.add(FieldProblem.of("a package needs its artifact_id or full_name", "missing", "plan",
                        "packages", i, "package"));
                continue;
            }
            List<Long> repositoryIds = new ArrayList<>();
            JsonNode repos = entry.path("repositories");
            for (int j = 0; j < repos.size(); j++) {
                JsonNode id = repos.get(j).path("id");
                if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                    problems.add(FieldProblem.of("a repository needs its id", "missing", "plan", "packages", i,
                            "repositories", j, "id"));
                } else {
                    repositoryIds.add(id.asLong());
                }
            }
            List<String> arches = new ArrayList<>();
            for (JsonNode arch : entry.path("repo_arch_location")) {
                arches.add(arch.asText());
            }
            JsonNode notNotarized = pkg.path("force_not_notarized");
            if (!notNotarized.isBoolean() && !notNotarized.isNull() && !notNotarized.isMissingNode()) {
                problems.add(FieldProblem.of("Input should be a valid boolean", "bool_type", "plan", "packages", i,
                        "package", "force_not_notarized"));
            }
            edited.add(new PlanEdit.EditedPackage(artifactId, fullName, pkg.path("force").asBoolean(false),
                    notNotarized.asBoolean(false), repositoryIds, arches));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return edited;
    }
}
