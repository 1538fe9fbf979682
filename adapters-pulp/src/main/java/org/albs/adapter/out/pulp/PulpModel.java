package org.albs.adapter.out.pulp;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The shapes of Pulp's answers the adapter reads (only the fields it needs; Pulp sends more). */
final class PulpModel {
    private PulpModel() {
    }

    /** A list answer: {@code {count, next, previous, results}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(long count, String next, String previous, List<T> results) {
        Page {
            results = results == null ? List.of() : results;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Repository(@JsonProperty("pulp_href") String href, String name,
                      @JsonProperty("latest_version_href") String latestVersionHref) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Distribution(@JsonProperty("pulp_href") String href, String name,
                        @JsonProperty("base_path") String basePath, @JsonProperty("base_url") String baseUrl,
                        String repository) {
    }

    /** An RPM package ({@code content/rpm/packages/}) or a file ({@code content/file/files/}, checksum in {@code digest}). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(@JsonProperty("pulp_href") String href, String name, String epoch, String version,
                   String release, String arch, @JsonProperty("rpm_sourcerpm") String sourceRpm, String sha256,
                   String digest, @JsonProperty("relative_path") String relativePath) {
    }

    /** The answer of a call that started a task: {@code {"task": href}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AsyncOperation(String task) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Task(@JsonProperty("pulp_href") String href, String state,
                @JsonProperty("created_resources") List<String> createdResources, Map<String, Object> error) {
        Task {
            createdResources = createdResources == null ? List.of() : createdResources;
        }
    }
}
