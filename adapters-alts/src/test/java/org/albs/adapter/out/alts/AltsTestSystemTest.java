package org.albs.adapter.out.alts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.albs.application.port.out.TestSystemException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ALTS adapter against WireMock stubs of ALTS's {@code POST /cancel_tasks} (clients.md §3.3). */
class AltsTestSystemTest {
    private static WireMockServer alts;

    @BeforeAll
    static void start() {
        alts = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        alts.start();
    }

    @AfterAll
    static void stop() {
        alts.stop();
    }

    @BeforeEach
    void reset() {
        alts.resetAll();
    }

    private static AltsTestSystem adapter(int retries, Duration timeout) {
        return new AltsTestSystem(new AltsSettings(alts.baseUrl() + "/", "secret-jwt", timeout, retries,
                Duration.ofMillis(20)));
    }

    @Test
    void cancelPostsTheIdsWithTheBearerTokenAndAcceptsSuccess() {
        alts.stubFor(post("/cancel_tasks").willReturn(okJson("{\"success\": true}")));
        adapter(2, Duration.ofSeconds(5)).cancel(List.of(4L, 5L));
        alts.verify(1, postRequestedFor(urlEqualTo("/cancel_tasks"))
                .withHeader("Authorization", equalTo("Bearer secret-jwt"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"bs_task_ids\": [4, 5]}")));
    }

    @Test
    void a500ThenSuccessIsRetried() {
        alts.stubFor(post("/cancel_tasks").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError()).willSetStateTo("up"));
        alts.stubFor(post("/cancel_tasks").inScenario("s").whenScenarioStateIs("up")
                .willReturn(okJson("{\"success\": true}")));
        adapter(2, Duration.ofSeconds(5)).cancel(List.of(1L));
        alts.verify(2, postRequestedFor(urlEqualTo("/cancel_tasks")));
    }

    @Test
    void aTimeoutIsRetriedAndThenTransient() {
        alts.stubFor(post("/cancel_tasks").willReturn(okJson("{\"success\": true}").withFixedDelay(1500)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> adapter(1, Duration.ofMillis(300)).cancel(List.of(1L)))
                .isInstanceOf(TestSystemException.class).hasMessageContaining("did not answer")
                .matches(e -> ((TestSystemException) e).isTransient());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
        alts.verify(2, postRequestedFor(urlEqualTo("/cancel_tasks")));
    }

    @Test
    void altsDownLongerThanTheRetriesIsTransient() {
        alts.stubFor(post("/cancel_tasks").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> adapter(3, Duration.ofSeconds(5)).cancel(List.of(1L)))
                .isInstanceOf(TestSystemException.class).hasMessageContaining("after 4 attempt(s)")
                .matches(e -> ((TestSystemException) e).isTransient());
        alts.verify(4, postRequestedFor(urlEqualTo("/cancel_tasks")));
    }

    @Test
    void anUnreachableAltsIsTransient() {
        AltsTestSystem nowhere = new AltsTestSystem(new AltsSettings("http://127.0.0.1:1", "t", Duration.ofMillis(300),
                1, Duration.ofMillis(10)));
        assertThatThrownBy(() -> nowhere.cancel(List.of(1L))).isInstanceOf(TestSystemException.class)
                .matches(e -> ((TestSystemException) e).isTransient());
    }

    @Test
    void aRefusalIsNotRetried() {
        alts.stubFor(post("/cancel_tasks").willReturn(aResponse().withStatus(401).withBody("{\"detail\":\"bad\"}")));
        assertThatThrownBy(() -> adapter(3, Duration.ofSeconds(5)).cancel(List.of(1L)))
                .isInstanceOf(TestSystemException.class).hasMessageContaining("401")
                .matches(e -> !((TestSystemException) e).isTransient());
        alts.verify(1, postRequestedFor(urlEqualTo("/cancel_tasks")));
        alts.resetAll();
        alts.stubFor(post("/cancel_tasks").willReturn(okJson("{\"success\": false}")));
        assertThatThrownBy(() -> adapter(3, Duration.ofSeconds(5)).cancel(List.of(1L)))
                .matches(e -> !((TestSystemException) e).isTransient());
    }
}
