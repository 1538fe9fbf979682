package org.albs.adapter.out.beholder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.albs.application.port.out.PackageKnowledge;
import org.albs.application.port.out.PackageKnowledge.Distribution;
import org.albs.domain.release.KnownPackage;
import org.albs.domain.release.MatchMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The release planner's lookup, {@code POST /api/v1/distros/{name}/{version}/projects/}, against WireMock. */
class BeholderProjectPackagesTest {
    private static final String PROJECTS = "/api/v1/distros/CentOS-Stream/8/projects/";
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

    private BeholderPackageKnowledge knowledge() {
        return new BeholderPackageKnowledge(new BeholderSettings(Optional.of(beholder.baseUrl()), Optional.empty(),
                Duration.ofSeconds(5), 1, Duration.ofMillis(5)));
    }

    @Test
    void asksWithTheSourceRpmsAndEveryMatchMethodAndReadsEachPackageWithItsMatch() {
        beholder.stubFor(post(urlEqualTo(PROJECTS)).willReturn(okJson("""
                [{"packages": {
                   "exact": [{"name": "foo", "version": "1.0", "release": "1.el8", "arch": "x86_64",
                              "repositories": [{"name": "centos-stream-8-appstream", "arch": "x86_64"}]}],
                   "name_only": [{"name": "bar", "version": "0.9", "arch": "noarch",
                                  "repositories": [{"name": "centos-stream-8-baseos", "arch": "aarch64"},
                                                   {"name": "centos-stream-8-baseos"}]},
                                 {"version": "1", "arch": "x86_64", "repositories": []}],
                   "unknown_method": [{"name": "ignored", "arch": "x86_64"}]}},
                 {"packages": {"closest": [{"name": "baz", "version": "2", "arch": "src", "repositories": []}]}}]
                """)));
        List<KnownPackage> known = knowledge().projectPackages(new Distribution("CentOS-Stream-8", "8"),
                List.of("foo-1.0-1.el8.src.rpm", "bar-1.0-1.el8.src.rpm"));
        beholder.verify(postRequestedFor(urlEqualTo(PROJECTS)).withRequestBody(equalToJson("""
                {"source_rpms": ["foo-1.0-1.el8.src.rpm", "bar-1.0-1.el8.src.rpm"],
                 "match": ["name_only", "name_version", "closest", "exact"]}""")));
        assertThat(known).containsExactly(
                new KnownPackage("bar", "0.9", "noarch", List.of(
                        new KnownPackage.Location("centos-stream-8-baseos", "aarch64"),
                        new KnownPackage.Location("centos-stream-8-baseos", "noarch")), MatchMethod.NAME_ONLY),
                new KnownPackage("foo", "1.0", "x86_64", List.of(
                        new KnownPackage.Location("centos-stream-8-appstream", "x86_64")), MatchMethod.EXACT),
                new KnownPackage("baz", "2", "src", List.of(), MatchMethod.CLOSEST));
    }

    @Test
    void anUnknownDistributionKnowsNothing() {
        beholder.stubFor(post(urlEqualTo(PROJECTS)).willReturn(aResponse().withStatus(404)));
        assertThat(knowledge().projectPackages(new Distribution("CentOS-Stream-8", "8"), List.of("a.src.rpm")))
                .isEmpty();
    }

    @Test
    void aBeholderThatDoesNotAnswerIsUnavailableAfterItsRetries() {
        beholder.stubFor(post(urlEqualTo(PROJECTS)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> knowledge().projectPackages(new Distribution("CentOS-Stream-8", "8"),
                List.of("a.src.rpm"))).isInstanceOf(PackageKnowledge.Unavailable.class);
        beholder.verify(2, postRequestedFor(urlEqualTo(PROJECTS)));
    }

    @Test
    void offOrWithoutSourceRpmsAsksNothing() {
        BeholderPackageKnowledge off = new BeholderPackageKnowledge(new BeholderSettings(Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1), 0, Duration.ofMillis(5)));
        assertThat(off.projectPackages(new Distribution("AlmaLinux-8", "8"), List.of("a.src.rpm"))).isEmpty();
        assertThat(knowledge().projectPackages(new Distribution("AlmaLinux-8", "8"), List.of())).isEmpty();
        assertThat(beholder.getAllServeEvents()).isEmpty();
    }
}
