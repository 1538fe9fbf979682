package org.albs.adapter.out.beholder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import org.albs.application.port.out.PackageKnowledge;
import org.albs.application.port.out.PackageKnowledge.Distribution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against WireMock answering as beholder does: {@code {"distribution", "type", "sourcerpm", "packages": {"closest":
 * [package…]}}} with {@code repositories[].arch} per package (shape of upstream's {@code tests/fixtures/beholder.py}
 * and the jmespath query of {@code alws/utils/multilib.py}).
 */
class BeholderPackageKnowledgeTest {
    private static final String SRPM = "glibc-2.34-60.el9.src.rpm";
    private static final String ALMA_8 = "/api/v1/distros/AlmaLinux/8/project/" + SRPM + "?match=closest";
    private static final String ALMA_9 = "/api/v1/distros/AlmaLinux/9/project/" + SRPM + "?match=closest";
    private static final List<Distribution> ALMA_8_THEN_9 =
            List.of(new Distribution("AlmaLinux", "8"), new Distribution("AlmaLinux", "9"));

    private WireMockServer beholder;

    @BeforeEach
    void start() {
        beholder = new WireMockServer(options().dynamicPort());
        beholder.start();
    }

    @AfterEach
    void stop() {
        beholder.stop();
    }

    private BeholderPackageKnowledge knowledge(Duration timeout, int retries) {
        return new BeholderPackageKnowledge(new BeholderSettings(Optional.of(beholder.baseUrl()), Optional.empty(),
                timeout, retries, Duration.ofMillis(5)));
    }

    private BeholderPackageKnowledge knowledge() {
        return knowledge(Duration.ofSeconds(5), 2);
    }

    /** One package of a beholder answer. */
    private static String pkg(String name, String version, String arch, String... repositoryArches) {
        StringBuilder repositories = new StringBuilder();
        for (String repositoryArch : repositoryArches) {
            if (repositories.length() > 0) {
                repositories.append(',');
            }
            repositories.append("{\"arch\":\"").append(repositoryArch)
                    .append("\",\"name\":\"almalinux-9-appstream\"}");
        }
        return "{\"arch\":\"" + arch + "\",\"epoch\":0,\"name\":\"" + name + "\",\"release\":\"60.el9\","
                + "\"repositories\":[" + repositories + "],\"version\":\"" + version + "\"}";
    }

    /** A whole beholder project answer with the given packages under {@code packages.closest}. */
    private static String answer(String distributionVersion, String... packages) {
        return "{\"distribution\":{\"name\":\"AlmaLinux\",\"version\":\"" + distributionVersion + "\"},"
                + "\"packages\":{\"closest\":[" + String.join(",", packages) + "]},"
                + "\"sourcerpm\":{\"epoch\":0,\"name\":\"glibc\",\"release\":\"60.el9\",\"version\":\"2.34\"},"
                + "\"type\":\"package\"}";
    }

    @Test
    void withoutHostItIsOffAndCallsNothing() {
        beholder.stubFor(get(anyUrl()).willReturn(okJson(answer("9", pkg("glibc", "2.34", "i686", "x86_64")))));
        for (Optional<String> host : List.of(Optional.<String>empty(), Optional.of("  "))) {
            PackageKnowledge off = new BeholderPackageKnowledge(
                    new BeholderSettings(host, Optional.of("t"), Duration.ofSeconds(1), 3, Duration.ZERO));

            assertThat(off.enabled()).isFalse();
            assertThat(off.multilibPackages(ALMA_8_THEN_9, SRPM)).isEmpty();
        }
        assertThat(knowledge().enabled()).isTrue();
        beholder.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDistributionThatAnswers404IsSkippedForTheNextOne() {
        beholder.stubFor(get(urlEqualTo(ALMA_8)).willReturn(aResponse().withStatus(404)));
        beholder.stubFor(get(urlEqualTo(ALMA_9)).willReturn(okJson(answer("9",
                pkg("glibc", "2.34", "i686", "x86_64")))));

        assertThat(knowledge().multilibPackages(ALMA_8_THEN_9, SRPM)).containsExactly(Map.entry("glibc", "2.34"));
        beholder.verify(1, getRequestedFor(urlEqualTo(ALMA_8)));
        beholder.verify(1, getRequestedFor(urlEqualTo(ALMA_9)));
    }

    @Test
    void onlyI686PackagesWithAnX86_64RepositoryAreMultilib() {
        beholder.stubFor(get(urlEqualTo(ALMA_8)).willReturn(okJson(answer("8",
                pkg("glibc", "2.34", "src", "src"),
                pkg("glibc", "2.34", "x86_64", "x86_64"),
                pkg("glibc-common", "2.34", "noarch", "x86_64", "aarch64"),
                pkg("glibc", "2.34", "i686", "i686", "x86_64"),
                pkg("glibc-devel", "2.34.1", "i686", "x86_64"),
                pkg("glibc-static", "2.34", "i686", "i686"),
                pkg("glibc-nss", "2.34", "i686")))));

        Map<String, String> multilib = knowledge().multilibPackages(ALMA_8_THEN_9, SRPM);

        assertThat(multilib).containsOnly(Map.entry("glibc", "2.34"), Map.entry("glibc-devel", "2.34.1"));
        beholder.verify(0, getRequestedFor(urlEqualTo(ALMA_9)));
    }

    @Test
    void everyMatchKindUnderPackagesIsRead() {
        beholder.stubFor(get(urlEqualTo(ALMA_8)).willReturn(okJson(
                "{\"distribution\":{\"name\":\"AlmaLinux\",\"version\":\"8\"},\"type\":\"package\",\"packages\":{"
                        + "\"exact\":[" + pkg("a", "1", "i686", "x86_64") + "],"
                        + "\"closest\":[" + pkg("b", "2", "i686", "x86_64") + "]}}")));

        assertThat(knowledge().multilibPackages(ALMA_8_THEN_9, SRPM))
                .containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void anAnswerWithoutI686PackagesMovesOnToTheNextDistribution() {
        beholder.stubFor(get(urlEqualTo(ALMA_8)).willReturn(okJson(answer("8",
                pkg("glibc", "2.28", "x86_64", "x86_64")))));
        beholder.stubFor(get(urlEqualTo(ALMA_9)).willReturn(okJson(answer("9",
                pkg("glibc", "2.34", "i686", "x86_64")))));

        assertThat(knowledge().multilibPackages(ALMA_8_THEN_9, SRPM)).containsExactly(Map.entry("glibc", "2.34"));
    }

    @Test
    void anAnswerWithI686PackagesDecidesEvenWhenNoneIsMultilib() {
        // as upstream: the first distribution with any i686 package of the project decides
        beholder.stubFor(get(urlEqualTo(ALMA_8)).willReturn(okJson(answer("8",
                pkg("glibc", "2.28", "i686", "i686")))));
        beholder.stubFor(get(urlEqualTo(ALMA_9)).willReturn(okJson(answer("9",
                pkg("glibc", "2.34", "i686", "x86_64")))));

        assertThat(knowledge().multilibPackages(ALMA_8_THEN_9, SRPM)).isEmpty();
        beholder.verify(0, getRequestedFor(urlEqualTo(ALMA_9)));
    }

    @Test
    void noDistributionKnowsTheProject() {
        beholder.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));

        assertThat(knowledge().multilibPackages(ALMA_8_THEN_9, SRPM)).isEmpty();
        assertThat(knowledge().multilibPackages(List.of(), SRPM)).isEmpty();
        beholder.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void aServerErrorIsRetried() {
        beholder.stubFor(get(urlEqualTo(ALMA_8)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        beholder.stubFor(get(urlEqualTo(ALMA_8)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(answer("8", pkg("glibc", "2.28", "i686", "x86_64")))));

        assertThat(knowledge().multilibPackages(ALMA_8_THEN_9, SRPM)).containsExactly(Map.entry("glibc", "2.28"));
        beholder.verify(2, getRequestedFor(urlEqualTo(ALMA_8)));
        beholder.verify(0, getRequestedFor(urlEqualTo(ALMA_9)));
    }

    @Test
    void serverErrorsBeyondTheRetriesMakeItUnavailable() {
        beholder.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> knowledge(Duration.ofSeconds(5), 2).multilibPackages(ALMA_8_THEN_9, SRPM))
                .isInstanceOf(PackageKnowledge.Unavailable.class)
                .hasMessageContaining("3 attempt");
        beholder.verify(3, getRequestedFor(urlEqualTo(ALMA_8)));
        beholder.verify(0, getRequestedFor(urlEqualTo(ALMA_9)));
    }

    @Test
    void aTimeoutIsRetriedThenUnavailable() {
        beholder.stubFor(get(anyUrl()).willReturn(okJson(answer("8", pkg("glibc", "2.28", "i686", "x86_64")))
                .withFixedDelay(3_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> knowledge(Duration.ofMillis(300), 1).multilibPackages(ALMA_8_THEN_9, SRPM))
                .isInstanceOf(PackageKnowledge.Unavailable.class)
                .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        beholder.verify(2, getRequestedFor(urlEqualTo(ALMA_8)));
    }

    @Test
    void aRefusedConnectionMakesItUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PackageKnowledge nowhere = new BeholderPackageKnowledge(new BeholderSettings(
                Optional.of("http://127.0.0.1:" + closedPort), Optional.empty(), Duration.ofSeconds(2), 1,
                Duration.ofMillis(5)));

        assertThatThrownBy(() -> nowhere.multilibPackages(ALMA_8_THEN_9, SRPM))
                .isInstanceOf(PackageKnowledge.Unavailable.class)
                .hasCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aClientErrorOtherThan404IsNotRetried() {
        beholder.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> knowledge().multilibPackages(ALMA_8_THEN_9, SRPM))
                .isInstanceOf(PackageKnowledge.Unavailable.class)
                .hasMessageContaining("401");
        beholder.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void pathSegmentsAreEncodedAndThePlatformNameCleaned() {
        String srpm = "libstdc++ compat#1?;x=é.src.rpm";
        String path = "/api/v1/distros/Alma%20Linux/9%20beta/project/"
                + "libstdc%2B%2B%20compat%231%3F%3Bx%3D%C3%A9.src.rpm?match=closest";
        beholder.stubFor(get(urlEqualTo(path)).willReturn(okJson(answer("9",
                pkg("libstdc++", "11.4.1", "i686", "x86_64")))));

        assertThat(knowledge().multilibPackages(List.of(new Distribution("Alma Linux-9", "9 beta")), srpm))
                .containsExactly(Map.entry("libstdc++", "11.4.1"));
        beholder.verify(1, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void theTokenIsSentAsBearerOnlyWhenConfigured() {
        beholder.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));
        new BeholderPackageKnowledge(new BeholderSettings(Optional.of(beholder.baseUrl() + "/"), Optional.of("s3cr3t"),
                Duration.ofSeconds(5), 0, Duration.ZERO)).multilibPackages(List.of(ALMA_8_THEN_9.get(0)), SRPM);
        knowledge().multilibPackages(List.of(ALMA_8_THEN_9.get(1)), SRPM);

        beholder.verify(getRequestedFor(urlEqualTo(ALMA_8)).withHeader("Authorization", equalTo("Bearer s3cr3t")));
        beholder.verify(getRequestedFor(urlEqualTo(ALMA_9)).withHeader("Authorization", absent()));
    }

    @Test
    void platformNamesAreCutBeforeTheirFirstDigit() {
        assertThat(BeholderPackageKnowledge.cleanDistributionName("AlmaLinux-8")).isEqualTo("AlmaLinux");
        assertThat(BeholderPackageKnowledge.cleanDistributionName("AlmaLinux")).isEqualTo("AlmaLinux");
        assertThat(BeholderPackageKnowledge.cleanDistributionName("CentOS-Stream-9-beta")).isEqualTo("CentOS-Stream");
        assertThat(BeholderPackageKnowledge.cleanDistributionName("-RHEL-")).isEqualTo("RHEL");
    }
}
