package org.albs.adapter.out.gitea;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.albs.application.port.out.GitHosting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gitea adapter against a WireMock answering as Gitea's API v1 does (swagger: /api/swagger). */
class GiteaGitHostingTest {
    private WireMockServer gitea;

    @BeforeEach
    void start() {
        gitea = new WireMockServer(options().dynamicPort());
        gitea.start();
    }

    @AfterEach
    void stop() {
        gitea.stop();
    }

    private GiteaGitHosting client(Optional<String> token, Duration timeout) {
        // upstream's GITEA_HOST form, with /api/v1/
        return new GiteaGitHosting(new GiteaSettings(gitea.baseUrl() + "/api/v1/", token, timeout, 2));
    }

    static String repo(String org, String name, String updated) {
        return "{\"id\": 1, \"name\": \"" + name + "\", \"full_name\": \"" + org + "/" + name + "\", \"clone_url\":"
                + " \"https://git.example.org/" + org + "/" + name + ".git\", \"updated_at\": \"" + updated
                + "\", \"empty\": false, \"archived\": false, \"private\": false}";
    }

    @Test
    void organisationRepositoriesAreReadPageByPage() {
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/rpms/repos?page=1&limit=2")).willReturn(okJson(
                "[" + repo("rpms", "a", "2026-01-01T00:00:00Z") + "," + repo("rpms", "b", "2026-01-02T00:00:00Z")
                        + "]").withHeader("X-Total-Count", "3")));
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/rpms/repos?page=2&limit=2")).willReturn(okJson(
                "[" + repo("rpms", "c", "2026-01-03T00:00:00Z") + "]")));
        var repos = client(Optional.empty(), Duration.ofSeconds(20)).repositories("rpms");
        assertThat(repos).extracting(GitHosting.HostedRepository::fullName).containsExactly("rpms/a", "rpms/b", "rpms/c");
        assertThat(repos.get(2).cloneUrl()).isEqualTo("https://git.example.org/rpms/c.git");
        assertThat(repos.get(2).updatedAt()).isEqualTo("2026-01-03T00:00:00Z");
        gitea.verify(getRequestedFor(urlPathEqualTo("/api/v1/orgs/rpms/repos"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aFullLastPageIsFollowedByAnEmptyOne() {
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/bash/tags?page=1&limit=2"))
                .willReturn(okJson("[{\"name\": \"c8-1\", \"id\": \"x\"}, {\"name\": \"c8-2\"}]")));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/bash/tags?page=2&limit=2")).willReturn(okJson("[]")));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/bash/branches?page=1&limit=2"))
                .willReturn(okJson("[{\"name\": \"c8\", \"commit\": {}}]")));
        GiteaGitHosting client = client(Optional.of("s3cret"), Duration.ofSeconds(20));
        assertThat(client.tags("rpms/bash")).containsExactly("c8-1", "c8-2");
        assertThat(client.branches("rpms/bash")).containsExactly("c8");
        gitea.verify(getRequestedFor(urlPathEqualTo("/api/v1/repos/rpms/bash/tags"))
                .withHeader("Authorization", equalTo("token s3cret")));
    }

    @Test
    void unknownRepositoryIsEmptyButItsTagsAreAFailure() {
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"The target couldn't be found.\"}")));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/gone/tags?page=1&limit=2"))
                .willReturn(aResponse().withStatus(404)));
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/here")).willReturn(okJson(repo("rpms", "here", "t"))));
        GiteaGitHosting client = client(Optional.empty(), Duration.ofSeconds(20));
        assertThat(client.repository("rpms/gone")).isEmpty();
        assertThat(client.repository("rpms/here")).map(GitHosting.HostedRepository::name).contains("here");
        assertThatThrownBy(() -> client.tags("rpms/gone")).isInstanceOf(GitHosting.GitHostingException.class)
                .hasMessageContaining("404");
    }

    @Test
    void serverErrorIsAFailure() {
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/rpms/repos?page=1&limit=2")).willReturn(okJson(
                "[" + repo("rpms", "a", "t") + "," + repo("rpms", "b", "t") + "]")));
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/rpms/repos?page=2&limit=2"))
                .willReturn(aResponse().withStatus(500).withBody("boom")));
        assertThatThrownBy(() -> client(Optional.empty(), Duration.ofSeconds(20)).repositories("rpms"))
                .isInstanceOf(GitHosting.GitHostingException.class).hasMessageContaining("500");
    }

    @Test
    void slowAnswerTimesOut() {
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/slow/branches?page=1&limit=2"))
                .willReturn(okJson("[]").withFixedDelay(3000)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> client(Optional.empty(), Duration.ofMillis(300)).branches("rpms/slow"))
                .isInstanceOf(GitHosting.GitHostingException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void unreadableAnswersAreFailures() {
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/x/repos?page=1&limit=2")).willReturn(okJson("{\"not\": \"a list\"}")));
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/y/repos?page=1&limit=2")).willReturn(okJson("[{\"name\": 1}]")));
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/z/repos?page=1&limit=2")).willReturn(okJson("<html>")));
        GiteaGitHosting client = client(Optional.empty(), Duration.ofSeconds(20));
        for (String org : new String[]{"x", "y", "z"}) {
            assertThatThrownBy(() -> client.repositories(org)).isInstanceOf(GitHosting.GitHostingException.class);
        }
    }

    @Test
    void noServerIsAFailure() {
        GiteaGitHosting client = client(Optional.empty(), Duration.ofSeconds(1));
        gitea.stop();
        assertThatThrownBy(() -> client.repositories("rpms")).isInstanceOf(GitHosting.GitHostingException.class);
    }
}
