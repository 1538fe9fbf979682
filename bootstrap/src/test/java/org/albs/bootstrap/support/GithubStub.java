package org.albs.bootstrap.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The suite's fake GitHub (OAuth and REST API, one server for both): each {@link #code} is good for one person, as
 * GitHub's documented answers describe them. The suite's server lets members of {@link #ORGANIZATION} in verified.
 */
public final class GithubStub {
    public static final String ORGANIZATION = "AlmaLinux";
    private static GithubStub shared;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final WireMockServer server;

    private GithubStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/login/oauth/access_token")).atPriority(10).willReturn(okJson(
                "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}")));
    }

    public static synchronized GithubStub shared() {
        if (shared == null) {
            shared = new GithubStub();
        }
        return shared;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A code GitHub gives the browser of this person (email null: no verified address). */
    public String code(long accountId, String login, String email, boolean member) {
        String code = "c" + SEQUENCE.incrementAndGet() + "x";
        String token = "gho_" + code;
        server.stubFor(post(urlEqualTo("/login/oauth/access_token")).atPriority(1)
                .withRequestBody(WireMock.containing("code=" + code))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:org\"}")));
        server.stubFor(get(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"login\":\"" + login + "\",\"id\":" + accountId + ",\"email\":null}")));
        server.stubFor(get(urlEqualTo("/user/emails")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(email == null ? "[]" : "[{\"email\":\"" + email
                        + "\",\"primary\":true,\"verified\":true,\"visibility\":\"public\"}]")));
        server.stubFor(get(urlEqualTo("/user/memberships/orgs/" + ORGANIZATION))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(member ? okJson("{\"state\":\"active\",\"role\":\"member\",\"organization\":{\"login\":\""
                        + ORGANIZATION + "\"}}") : aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        return code;
    }

    /** A code whose exchange makes GitHub fail with this status. */
    public String failingCode(int status) {
        String code = "f" + SEQUENCE.incrementAndGet() + "x";
        server.stubFor(post(urlEqualTo("/login/oauth/access_token")).atPriority(1)
                .withRequestBody(WireMock.containing("code=" + code))
                .willReturn(aResponse().withStatus(status)));
        return code;
    }
}
