package org.albs.bootstrap.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The suite's fake beholder (the package knowledge base): it knows no project (404) unless a test tells it the
 * multilib i686 packages of one, in beholder's answer shape.
 */
public final class BeholderStub {
    private static BeholderStub shared;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer server;

    private BeholderStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(10).willReturn(WireMock.aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"detail\":\"Not Found\"}")));
    }

    public static synchronized BeholderStub shared() {
        if (shared == null) {
            shared = new BeholderStub();
        }
        return shared;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * Beholder knows the project built from {@code srpm} in {@code distribution} {@code version}: these i686
     * packages (name → version) ship in its x86_64 repositories.
     */
    public void multilib(String distribution, String version, String srpm, Map<String, String> packages) {
        List<Map<String, Object>> closest = packages.entrySet().stream().map(e -> Map.<String, Object>of(
                "name", e.getKey(), "epoch", 0, "version", e.getValue(), "release", "1.el9", "arch", "i686",
                "repositories", List.of(Map.of("arch", "x86_64", "name", "AppStream")))).toList();
        try {
            server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/v1/distros/" + distribution + "/" + version
                    + "/project/" + srpm)).atPriority(1).willReturn(WireMock.okJson(JSON.writeValueAsString(Map.of(
                    "distribution", Map.of("name", distribution, "version", version), "type", "package",
                    "packages", Map.of("closest", closest))))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A package of a {@link #projects} answer: where the reference distribution ships it. */
    public static Map<String, Object> pkg(String name, String version, String arch, String repository,
                                          String repositoryArch) {
        return Map.of("name", name, "epoch", 0, "version", version, "release", "1.el8", "arch", arch,
                "repositories", List.of(Map.of("name", repository, "arch", repositoryArch)));
    }

    /**
     * Beholder's answer to the release planner's {@code POST /api/v1/distros/{distribution}/{version}/projects/}
     * for requests naming {@code srpm}: the packages under each match method (exact, closest, ...).
     */
    public void projects(String distribution, String version, String srpm,
                         Map<String, List<Map<String, Object>>> packagesByMatch) {
        try {
            server.stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/v1/distros/" + distribution + "/" + version
                    + "/projects/")).withRequestBody(WireMock.containing(srpm)).atPriority(1).willReturn(
                    WireMock.okJson(JSON.writeValueAsString(List.of(Map.of("packages", packagesByMatch))))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of requests beholder got. */
    public int requests() {
        return server.getAllServeEvents().size();
    }
}
