package org.albs.bootstrap.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.albs.application.port.in.sources.RefreshProjectIndexUseCase;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.bootstrap.support.SourcesServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The git cacher: Gitea (WireMock) → the real Redis → the projects endpoints. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
@WithTestResource(SourcesServices.class)
class GitCacherTest {
    @Inject
    RefreshProjectIndexUseCase cacher;

    private WireMockServer gitea;

    @BeforeEach
    void reset() {
        gitea = SourcesServices.gitea();
        gitea.resetAll();
        SourcesServices.redis().cli("DEL", "albs-test:rpms_gitea_cache", "albs-test:modules_gitea_cache",
                "albs-test:git_cacher_lock");
    }

    private void repos(String org, int page, String... repos) {
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/" + org + "/repos?page=" + page + "&limit=2"))
                .willReturn(okJson("[" + String.join(",", repos) + "]")));
    }

    private void refs(String fullName, String kind, String... names) {
        String body = "[" + String.join(",", java.util.Arrays.stream(names).map(n -> "{\"name\": \"" + n + "\"}")
                .toList()) + "]";
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/" + fullName + "/" + kind + "?page=1&limit=2"))
                .willReturn(okJson(body)));
    }

    private static String repo(String org, String name, String updated) {
        return "{\"name\": \"" + name + "\", \"full_name\": \"" + org + "/" + name + "\", \"clone_url\":"
                + " \"https://git.example.org/" + org + "/" + name + ".git\", \"updated_at\": \"" + updated
                + "\", \"empty\": false, \"archived\": false}";
    }

    private void firstState() {
        repos("rpms", 1, repo("rpms", "bash", "t1"), repo("rpms", "zsh", "t1"));
        repos("rpms", 2, repo("rpms", "fish", "t1"), "{\"name\": \"void\", \"full_name\": \"rpms/void\","
                + " \"clone_url\": \"u\", \"updated_at\": \"t1\", \"empty\": true}");
        // page 2 is full, so the adapter asks for page 3
        repos("rpms", 3);
        refs("rpms/bash", "tags", "c8-1");
        refs("rpms/bash", "branches", "c8");
        refs("rpms/zsh", "tags");
        refs("rpms/zsh", "branches", "c9");
        refs("rpms/fish", "tags", "a9-1");
        refs("rpms/fish", "branches", "a9");
        repos("modules", 1, repo("modules", "nodejs", "t1"));
        refs("modules/nodejs", "tags", "c8-stream-20");
        refs("modules/nodejs", "branches", "c8-stream-20");
    }

    private static JsonPath alma() {
        return Api.asAdmin().get("/api/v1/projects/alma").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void runFillsTheIndexAndRereadsOnlyChangedRepositories() {
        firstState();
        List<RefreshProjectIndexUseCase.OrganisationRefresh> done = cacher.refresh().orElseThrow();
        assertThat(done).extracting(RefreshProjectIndexUseCase.OrganisationRefresh::error).containsOnlyNulls();
        JsonPath rpms = alma();
        assertThat(rpms.getList("name", String.class)).containsExactly("bash", "fish", "zsh");
        assertThat(rpms.getList("[0].tags", String.class)).containsExactly("c8-1");
        assertThat(rpms.getList("[2].branches", String.class)).containsExactly("c9");
        assertThat(Api.asAdmin().get("/api/v1/projects/alma/modularity").then().statusCode(200).extract()
                .jsonPath().getList("name", String.class)).containsExactly("nodejs");
        // upstream's format, readable by upstream's tools
        assertThat(SourcesServices.redis().cli("GET", "albs-test:rpms_gitea_cache"))
                .contains("\"full_name\":\"rpms/bash\"").contains("\"updated_at\":\"t1\"");

        // second run: zsh changed, fish is gone
        gitea.resetRequests();
        repos("rpms", 1, repo("rpms", "bash", "t1"), repo("rpms", "zsh", "t2"));
        repos("rpms", 2);
        refs("rpms/zsh", "tags", "c9-1");
        cacher.refresh().orElseThrow();
        rpms = alma();
        assertThat(rpms.getList("name", String.class)).containsExactly("bash", "zsh");
        assertThat(rpms.getList("[1].tags", String.class)).containsExactly("c9-1");
        assertThat(gitea.findAll(getRequestedFor(urlPathEqualTo("/api/v1/repos/rpms/zsh/tags")))).hasSize(1);
        assertThat(gitea.findAll(getRequestedFor(urlPathEqualTo("/api/v1/repos/rpms/bash/tags")))).isEmpty();
        assertThat(gitea.findAll(getRequestedFor(urlPathEqualTo("/api/v1/repos/modules/nodejs/tags")))).isEmpty();
    }

    @Test
    void aRunFailingHalfwayLeavesTheOldIndex() {
        firstState();
        cacher.refresh().orElseThrow();
        String before = SourcesServices.redis().cli("GET", "albs-test:rpms_gitea_cache");
        // the second page of repositories fails
        repos("rpms", 1, repo("rpms", "bash", "t9"), repo("rpms", "zsh", "t9"));
        refs("rpms/bash", "tags", "c8-2");
        gitea.stubFor(get(urlEqualTo("/api/v1/orgs/rpms/repos?page=2&limit=2"))
                .willReturn(aResponse().withStatus(500)));
        List<RefreshProjectIndexUseCase.OrganisationRefresh> done = cacher.refresh().orElseThrow();
        assertThat(done.get(0).error()).contains("500");
        assertThat(done.get(1).error()).isNull();
        assertThat(SourcesServices.redis().cli("GET", "albs-test:rpms_gitea_cache")).isEqualTo(before);
        assertThat(alma().getList("name", String.class)).containsExactly("bash", "fish", "zsh");
        // a changed repository whose branches fail, after its tags were read
        repos("rpms", 2);
        gitea.stubFor(get(urlEqualTo("/api/v1/repos/rpms/zsh/branches?page=1&limit=2"))
                .willReturn(aResponse().withFixedDelay(3000)));
        assertThat(cacher.refresh().orElseThrow().get(0).error()).isNotNull();
        assertThat(SourcesServices.redis().cli("GET", "albs-test:rpms_gitea_cache")).isEqualTo(before);
        assertThat(SourcesServices.redis().cli("KEYS", "albs-test:rpms_gitea_cache:new:*")).isEmpty();
    }

    @Test
    void onlyOneRunAtATimeAcrossInstances() {
        firstState();
        // another instance holds the lock
        assertThat(SourcesServices.redis().cli("SET", "albs-test:git_cacher_lock", "cacher-elsewhere", "PX", "60000"))
                .isEqualTo("OK");
        assertThat(cacher.refresh()).isEmpty();
        assertThat(gitea.findAll(getRequestedFor(urlPathEqualTo("/api/v1/orgs/rpms/repos")))).isEmpty();
        assertThat(SourcesServices.redis().cli("GET", "albs-test:git_cacher_lock")).isEqualTo("cacher-elsewhere");
        SourcesServices.redis().cli("DEL", "albs-test:git_cacher_lock");
        assertThat(cacher.refresh()).isPresent();
        // released after the run
        assertThat(SourcesServices.redis().cli("EXISTS", "albs-test:git_cacher_lock")).isEqualTo("0");
    }
}
