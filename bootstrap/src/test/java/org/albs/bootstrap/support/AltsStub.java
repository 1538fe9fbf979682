package org.albs.bootstrap.support;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The suite's fake ALTS scheduler (clients.md §3.3): {@code POST /cancel_tasks} answers {@code {"success": true}}
 * unless a test makes it fail.
 */
public final class AltsStub {
    public static final String TOKEN = "alts-own-jwt";
    private static AltsStub shared;
    private final WireMockServer server;

    private AltsStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        accepting();
    }

    public static synchronized AltsStub shared() {
        if (shared == null) {
            shared = new AltsStub();
        }
        return shared;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** ALTS answers every cancel with success. */
    public void accepting() {
        server.resetAll();
        server.stubFor(WireMock.post("/cancel_tasks").willReturn(WireMock.okJson("{\"success\": true}")));
    }

    /** ALTS answers 500 to every cancel. */
    public void down() {
        server.resetAll();
        server.stubFor(WireMock.post("/cancel_tasks").willReturn(WireMock.serverError().withBody("down")));
    }

    /** ALTS answers 500 {@code times} times, then success. */
    public void failing(int times) {
        server.resetAll();
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "failed-" + (i + 1);
            server.stubFor(WireMock.post("/cancel_tasks").inScenario("flaky").whenScenarioStateIs(state)
                    .willReturn(WireMock.serverError()).willSetStateTo(next));
            state = next;
        }
        server.stubFor(WireMock.post("/cancel_tasks").inScenario("flaky").whenScenarioStateIs(state)
                .willReturn(WireMock.okJson("{\"success\": true}")));
    }

    public List<LoggedRequest> cancels() {
        return server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/cancel_tasks")));
    }
}
