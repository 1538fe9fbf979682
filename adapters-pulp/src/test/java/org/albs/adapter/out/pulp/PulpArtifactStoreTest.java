package org.albs.adapter.out.pulp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.junit.QuarkusTest;

import org.albs.application.port.out.ArtifactStore.Operation;
import org.albs.application.port.out.ArtifactStore.StoredRepository;
import org.albs.application.port.out.ArtifactStoreException;
import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;
import org.albs.domain.artifacts.PackageMeta;
import org.albs.domain.artifacts.StoredContent;

/**
 * The adapter against a WireMock Pulp answering in Pulp 3's published shapes (pulpcore, pulp_rpm, pulp_file). A
 * {@code @QuarkusTest} because the Quarkus REST client is built only inside a running Quarkus application.
 */
@QuarkusTest
class PulpArtifactStoreTest {
    private static final String API = "/pulp/api/v3/";
    private static final String REPO = API + "repositories/rpm/rpm/0190a1b2-0000-7000-8000-000000000001/";
    private static final String DIST = API + "distributions/rpm/rpm/0190a1b2-0000-7000-8000-000000000002/";
    private static final String TASK = API + "tasks/0190a1b2-0000-7000-8000-000000000003/";
    private static final String ARTIFACT = API + "artifacts/0190a1b2-0000-7000-8000-000000000004/";
    private static final String PKG = API + "content/rpm/packages/0190a1b2-0000-7000-8000-000000000005/";
    private static final String SHA = "a".repeat(64);
    private static final BuildRepository SPEC = new BuildRepository("AlmaLinux-9-x86_64-7-br", ContentKind.RPM,
            BuildRepository.RPM, "x86_64", false, 1L, "builds/AlmaLinux-9-x86_64-7-br");

    private static WireMockServer pulp;
    private PulpArtifactStore store;

    @BeforeAll
    static void startPulp() {
        pulp = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        pulp.start();
    }

    @AfterAll
    static void stopPulp() {
        pulp.stop();
    }

    @BeforeEach
    void newStore() {
        pulp.resetAll();
        store = new PulpArtifactStore(settings(Duration.ofSeconds(2), 2, Duration.ofSeconds(2)));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static PulpSettings settings(Duration timeout, int retries, Duration taskTimeout) {
        return new PulpSettings(pulp.baseUrl() + "/", "admin", "secret", timeout, retries, Duration.ofMillis(5),
                Duration.ofMillis(5), taskTimeout);
    }

    private static String page(String... results) {
        return "{\"count\":" + results.length + ",\"next\":null,\"previous\":null,\"results\":["
                + String.join(",", results) + "]}";
    }

    private static String repo(String href, String name) {
        return "{\"pulp_href\":\"" + href + "\",\"pulp_created\":\"2026-11-28T10:00:00Z\",\"versions_href\":\""
                + href + "versions/\",\"latest_version_href\":\"" + href + "versions/0/\",\"name\":\"" + name
                + "\",\"description\":null,\"retain_repo_versions\":5,\"remote\":null,\"autopublish\":false}";
    }

    private static String dist(String href, String name, String basePath, String baseUrl, String repository) {
        return "{\"pulp_href\":\"" + href + "\",\"name\":\"" + name + "\",\"base_path\":\"" + basePath
                + "\",\"base_url\":" + (baseUrl == null ? "null" : "\"" + baseUrl + "\"") + ",\"content_guard\":null,"
                + "\"repository\":\"" + repository + "\",\"publication\":null}";
    }

    private static String task(String state, String... created) {
        StringBuilder c = new StringBuilder();
        for (String h : created) {
            c.append(c.length() == 0 ? "" : ",").append('"').append(h).append('"');
        }
        return "{\"pulp_href\":\"" + TASK + "\",\"name\":\"pulpcore.app.tasks.base.general_create\",\"state\":\""
                + state + "\",\"error\":null,\"created_resources\":[" + c + "],\"reserved_resources_record\":[]}";
    }

    private static void stubTaskSequence(String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i + 1 < bodies.length ? "poll-" + (i + 1) : state;
            pulp.stubFor(get(urlEqualTo(TASK)).inScenario("task").whenScenarioStateIs(state)
                    .willReturn(okJson(bodies[i])).willSetStateTo(next));
            state = next;
        }
    }

    private static String accepted() {
        return "{\"task\":\"" + TASK + "\"}";
    }

    private static final String BASE_URL = "http://pulp.example/pulp/content/builds/AlmaLinux-9-x86_64-7-br/";

    @Test
    void findsRepositoryAndItsDistributionByNameWithBasicAuth() {
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/rpm/rpm/")).withQueryParam("name", equalTo(SPEC.name()))
                .willReturn(okJson(page(repo(REPO, SPEC.name())))));
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/")).withQueryParam("name", equalTo(SPEC.name()))
                .willReturn(okJson(page(dist(DIST, SPEC.name(), SPEC.basePath(), BASE_URL, REPO)))));

        Optional<StoredRepository> found = store.findRepository(SPEC);

        assertThat(found).contains(new StoredRepository(SPEC.name(), REPO, BASE_URL));
        pulp.verify(getRequestedFor(urlPathEqualTo(API + "repositories/rpm/rpm/"))
                .withHeader("Authorization", equalTo("Basic YWRtaW46c2VjcmV0")));
    }

    @Test
    void aRepositoryWithoutDistributionIsNotFound() {
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/rpm/rpm/"))
                .willReturn(okJson(page(repo(REPO, SPEC.name())))));
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/")).willReturn(okJson(page())));

        assertThat(store.findRepository(SPEC)).isEmpty();
    }

    @Test
    void createsRepositoryThenDistributionWaitingForItsTask() {
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/rpm/rpm/")).willReturn(okJson(page())));
        pulp.stubFor(post(urlEqualTo(API + "repositories/rpm/rpm/"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(repo(REPO, SPEC.name()))));
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/")).willReturn(okJson(page())));
        pulp.stubFor(post(urlEqualTo(API + "distributions/rpm/rpm/"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody(accepted())));
        stubTaskSequence(task("waiting"), task("running"), task("completed", DIST));
        pulp.stubFor(get(urlEqualTo(DIST))
                .willReturn(okJson(dist(DIST, SPEC.name(), SPEC.basePath(), BASE_URL, REPO))));

        StoredRepository created = store.createRepository(SPEC);

        assertThat(created).isEqualTo(new StoredRepository(SPEC.name(), REPO, BASE_URL));
        pulp.verify(postRequestedFor(urlEqualTo(API + "repositories/rpm/rpm/"))
                .withRequestBody(equalToJson("{\"name\":\"" + SPEC.name() + "\",\"retain_repo_versions\":5}")));
        pulp.verify(postRequestedFor(urlEqualTo(API + "distributions/rpm/rpm/"))
                .withRequestBody(equalToJson("{\"name\":\"" + SPEC.name() + "\",\"base_path\":\""
                        + SPEC.basePath() + "\",\"repository\":\"" + REPO + "\"}")));
        pulp.verify(3, getRequestedFor(urlEqualTo(TASK)));
    }

    @Test
    void createRepositoryReusesWhatExists() {
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/rpm/rpm/"))
                .willReturn(okJson(page(repo(REPO, SPEC.name())))));
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/"))
                .willReturn(okJson(page(dist(DIST, SPEC.name(), SPEC.basePath(), BASE_URL, REPO)))));

        assertThat(store.createRepository(SPEC)).isEqualTo(new StoredRepository(SPEC.name(), REPO, BASE_URL));
        pulp.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void createRepositoryCompletesAHalfCreatedOneAndBuildsTheBaseUrlWhenPulpGivesNone() {
        String repoHref = API + "repositories/file/file/0190a1b2-0000-7000-8000-00000000000a/";
        String distHref = API + "distributions/file/file/0190a1b2-0000-7000-8000-00000000000b/";
        BuildRepository logs = new BuildRepository("build-7-build_log", ContentKind.FILE, BuildRepository.BUILD_LOG,
                "log", false, null, "build_logs/build-7-build_log");
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/file/file/"))
                .willReturn(okJson(page(repo(repoHref, logs.name())))));
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/file/file/")).willReturn(okJson(page())));
        pulp.stubFor(post(urlEqualTo(API + "distributions/file/file/"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody(accepted())));
        stubTaskSequence(task("completed", distHref));
        pulp.stubFor(get(urlEqualTo(distHref))
                .willReturn(okJson(dist(distHref, logs.name(), logs.basePath(), null, repoHref))));

        StoredRepository created = store.createRepository(logs);

        assertThat(created).isEqualTo(new StoredRepository(logs.name(), repoHref,
                pulp.baseUrl() + "/pulp/content/build_logs/build-7-build_log/"));
        pulp.verify(0, postRequestedFor(urlEqualTo(API + "repositories/file/file/")));
        pulp.verify(postRequestedFor(urlEqualTo(API + "distributions/file/file/"))
                .withRequestBody(equalToJson("{\"name\":\"build-7-build_log\",\"base_path\":"
                        + "\"build_logs/build-7-build_log\",\"repository\":\"" + repoHref + "\"}")));
    }

    @Test
    void aDistributionServingAnotherRepositoryIsPointedAtThisOne() {
        String other = API + "repositories/rpm/rpm/0190a1b2-0000-7000-8000-00000000000f/";
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/rpm/rpm/"))
                .willReturn(okJson(page(repo(REPO, SPEC.name())))));
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/"))
                .willReturn(okJson(page(dist(DIST, SPEC.name(), SPEC.basePath(), BASE_URL, other)))));
        pulp.stubFor(patch(urlEqualTo(DIST)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));
        pulp.stubFor(get(urlEqualTo(TASK)).willReturn(okJson(task("completed"))));
        pulp.stubFor(get(urlEqualTo(DIST))
                .willReturn(okJson(dist(DIST, SPEC.name(), SPEC.basePath(), BASE_URL, REPO))));

        assertThat(store.findRepository(SPEC)).isEmpty();
        assertThat(store.createRepository(SPEC)).isEqualTo(new StoredRepository(SPEC.name(), REPO, BASE_URL));
        pulp.verify(patchRequestedFor(urlEqualTo(DIST)).withRequestBody(equalToJson("{\"repository\":\"" + REPO
                + "\"}")));
        pulp.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void deletesDistributionThenRepository() {
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/")).withQueryParam("name", equalTo(SPEC.name()))
                .willReturn(okJson(page(dist(DIST, SPEC.name(), SPEC.basePath(), BASE_URL, REPO)))));
        pulp.stubFor(delete(urlEqualTo(DIST)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));
        pulp.stubFor(delete(urlEqualTo(REPO)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));
        pulp.stubFor(get(urlEqualTo(TASK)).willReturn(okJson(task("completed"))));

        store.deleteRepository(new StoredRepository(SPEC.name(), REPO, BASE_URL));

        pulp.verify(deleteRequestedFor(urlEqualTo(DIST)));
        pulp.verify(deleteRequestedFor(urlEqualTo(REPO)));
        pulp.verify(2, getRequestedFor(urlEqualTo(TASK)));
    }

    @Test
    void deletingWhatIsAlreadyGoneIsFine() {
        pulp.stubFor(get(urlPathEqualTo(API + "distributions/rpm/rpm/")).willReturn(okJson(page())));
        pulp.stubFor(delete(urlEqualTo(REPO)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\":\"Not found.\"}")));

        store.deleteRepository(new StoredRepository(SPEC.name(), REPO, BASE_URL));

        pulp.verify(deleteRequestedFor(urlEqualTo(REPO)));
    }

    @Test
    void findsAPackageBySha256WithItsHeaderMetadata() {
        pulp.stubFor(get(urlPathEqualTo(API + "content/rpm/packages/")).withQueryParam("sha256", equalTo(SHA))
                .willReturn(okJson(page("{\"pulp_href\":\"" + PKG + "\",\"name\":\"bash\",\"epoch\":\"0\","
                        + "\"version\":\"5.1.8\",\"release\":\"9.el9\",\"arch\":\"x86_64\",\"pkgId\":\"" + SHA
                        + "\",\"checksum_type\":\"sha256\",\"sha256\":\"" + SHA + "\",\"location_href\":"
                        + "\"bash-5.1.8-9.el9.x86_64.rpm\",\"rpm_sourcerpm\":\"bash-5.1.8-9.el9.src.rpm\"}"))));

        Optional<StoredContent> found = store.findContent(ContentKind.RPM, SHA);

        assertThat(found).contains(new StoredContent(PKG, SHA,
                new PackageMeta("bash", "0", "5.1.8", "9.el9", "x86_64", "bash-5.1.8-9.el9.src.rpm")));
    }

    @Test
    void aSourcePackageHasNoSourceRpmAndUnknownContentIsEmpty() {
        pulp.stubFor(get(urlPathEqualTo(API + "content/rpm/packages/")).withQueryParam("sha256", equalTo(SHA))
                .willReturn(okJson(page("{\"pulp_href\":\"" + PKG + "\",\"name\":\"bash\",\"epoch\":\"\","
                        + "\"version\":\"5.1.8\",\"release\":\"9.el9\",\"arch\":\"src\",\"sha256\":\"" + SHA
                        + "\",\"rpm_sourcerpm\":\"\"}"))));
        pulp.stubFor(get(urlPathEqualTo(API + "content/file/files/")).willReturn(okJson(page())));

        assertThat(store.findContent(ContentKind.RPM, SHA).map(StoredContent::pkg))
                .contains(new PackageMeta("bash", "0", "5.1.8", "9.el9", "src", null));
        assertThat(store.findContent(ContentKind.FILE, SHA)).isEmpty();
    }

    @Test
    void describesAFileByItsDigest() {
        String file = API + "content/file/files/0190a1b2-0000-7000-8000-00000000000c/";
        pulp.stubFor(get(urlEqualTo(file)).willReturn(okJson("{\"pulp_href\":\"" + file + "\",\"artifact\":\""
                + ARTIFACT + "\",\"relative_path\":\"mock.log\",\"digest\":\"" + SHA + "\"}")));

        assertThat(store.describe(ContentKind.FILE, file)).isEqualTo(new StoredContent(file, SHA, null));
    }

    @Test
    void startsContentFromAnArtifact() {
        pulp.stubFor(post(urlEqualTo(API + "content/rpm/packages/")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));

        Operation op = store.startContent(ContentKind.RPM, ARTIFACT, "bash-5.1.8-9.el9.x86_64.rpm");

        assertThat(op).isEqualTo(new Operation(TASK));
        pulp.verify(postRequestedFor(urlEqualTo(API + "content/rpm/packages/")).withRequestBody(equalToJson(
                "{\"artifact\":\"" + ARTIFACT + "\",\"relative_path\":\"bash-5.1.8-9.el9.x86_64.rpm\"}")));
    }

    @Test
    void anArtifactThatDoesNotExistIsRefusedForGood() {
        pulp.stubFor(post(urlEqualTo(API + "content/file/files/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"artifact\":[\"Invalid hyperlink - Object does not exist.\"]}")));

        assertThatThrownBy(() -> store.startContent(ContentKind.FILE, ARTIFACT, "mock.log"))
                .isInstanceOfSatisfying(ArtifactStoreException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("400").hasMessageContaining("Invalid hyperlink - Object does not exist.");
        pulp.verify(1, postRequestedFor(urlEqualTo(API + "content/file/files/")));
    }

    @Test
    void modifiesTheRepositoryInOneCall() {
        pulp.stubFor(post(urlEqualTo(REPO + "modify/")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));
        String old = API + "content/rpm/packages/0190a1b2-0000-7000-8000-00000000000d/";

        Operation op = store.startChange(new StoredRepository(SPEC.name(), REPO, BASE_URL), List.of(PKG),
                List.of(old));

        assertThat(op.handle()).isEqualTo(TASK);
        pulp.verify(postRequestedFor(urlEqualTo(REPO + "modify/")).withRequestBody(equalToJson(
                "{\"add_content_units\":[\"" + PKG + "\"],\"remove_content_units\":[\"" + old + "\"]}")));
    }

    @Test
    void publishesByTheRepositoryKind() {
        String fileRepo = API + "repositories/file/file/0190a1b2-0000-7000-8000-00000000000e/";
        pulp.stubFor(post(urlEqualTo(API + "publications/rpm/rpm/")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));
        pulp.stubFor(post(urlEqualTo(API + "publications/file/file/")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(accepted())));

        store.startPublication(new StoredRepository(SPEC.name(), REPO, BASE_URL));
        store.startPublication(new StoredRepository("build-7-build_log", fileRepo, BASE_URL));

        pulp.verify(postRequestedFor(urlEqualTo(API + "publications/rpm/rpm/"))
                .withRequestBody(equalToJson("{\"repository\":\"" + REPO + "\"}")));
        pulp.verify(postRequestedFor(urlEqualTo(API + "publications/file/file/"))
                .withRequestBody(equalToJson("{\"repository\":\"" + fileRepo + "\"}")));
    }

    @Test
    void awaitReturnsWhatTheTaskCreated() {
        stubTaskSequence(task("waiting"), task("running"), task("completed", PKG));

        assertThat(store.await(new Operation(TASK))).containsExactly(PKG);
        pulp.verify(3, getRequestedFor(urlEqualTo(TASK)));
    }

    @Test
    void aFailedTaskIsAFailureForGoodWithItsError() {
        stubTaskSequence(task("running"), "{\"pulp_href\":\"" + TASK + "\",\"state\":\"failed\",\"created_resources\":[],"
                + "\"error\":{\"traceback\":\"...\",\"description\":\"RPM file cannot be parsed: header is corrupt\"}}");

        assertThatThrownBy(() -> store.await(new Operation(TASK)))
                .isInstanceOfSatisfying(ArtifactStoreException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("failed").hasMessageContaining("RPM file cannot be parsed: header is corrupt");
    }

    @Test
    void aTaskThatDoesNotEndInTimeIsTransient() {
        pulp.stubFor(get(urlEqualTo(TASK)).willReturn(okJson(task("running"))));
        try (PulpArtifactStore impatient = new PulpArtifactStore(
                settings(Duration.ofSeconds(2), 0, Duration.ofMillis(200)))) {
            assertThatThrownBy(() -> impatient.await(new Operation(TASK)))
                    .isInstanceOfSatisfying(ArtifactStoreException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("did not end");
        }
    }

    @Test
    void a500IsRetried() {
        pulp.stubFor(get(urlPathEqualTo(API + "content/rpm/packages/")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500).withBody("oops"))
                .willSetStateTo("up"));
        pulp.stubFor(get(urlPathEqualTo(API + "content/rpm/packages/")).inScenario("flaky")
                .whenScenarioStateIs("up").willReturn(okJson(page())));

        assertThat(store.findContent(ContentKind.RPM, SHA)).isEmpty();
        pulp.verify(2, getRequestedFor(urlPathEqualTo(API + "content/rpm/packages/")));
    }

    @Test
    void a5xxThatLastsIsTransientAfterTheRetries() {
        pulp.stubFor(post(urlEqualTo(REPO + "modify/")).willReturn(aResponse().withStatus(503).withBody("busy")));

        assertThatThrownBy(() -> store.startChange(new StoredRepository(SPEC.name(), REPO, BASE_URL), List.of(PKG),
                List.of()))
                .isInstanceOfSatisfying(ArtifactStoreException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("modify repository " + SPEC.name()).hasMessageContaining("503");
        pulp.verify(3, postRequestedFor(urlEqualTo(REPO + "modify/")));
    }

    @Test
    void aSlowAnswerTimesOutAndIsTransient() {
        pulp.stubFor(get(urlEqualTo(TASK)).willReturn(okJson(task("completed")).withFixedDelay(1500)));
        try (PulpArtifactStore hasty = new PulpArtifactStore(
                settings(Duration.ofMillis(300), 1, Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> hasty.await(new Operation(TASK)))
                    .isInstanceOfSatisfying(ArtifactStoreException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("wait for task");
        }
        pulp.verify(2, getRequestedFor(urlEqualTo(TASK)));
    }

    @Test
    void packagesAreServedUnderTheirFirstLetter() {
        StoredRepository repo = new StoredRepository(SPEC.name(), REPO, BASE_URL);

        assertThat(store.packageUrl(repo, "Bash-5.1.8-9.el9.src.rpm"))
                .isEqualTo(BASE_URL + "Packages/b/Bash-5.1.8-9.el9.src.rpm");
    }

    /** A job worker interrupted by its server's shutdown: the call ends at once, is not retried, keeps the flag. */
    @Test
    void anInterruptedCallIsNotRetriedAndKeepsTheInterrupt() throws Exception {
        store.close();
        store = new PulpArtifactStore(settings(Duration.ofSeconds(30), 3, Duration.ofSeconds(2)));
        pulp.stubFor(get(urlPathEqualTo(API + "repositories/rpm/rpm/"))
                .willReturn(okJson(page()).withFixedDelay(20_000)));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean keptFlag = new java.util.concurrent.atomic.AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                store.findRepository(SPEC);
            } catch (Throwable t) {
                thrown.set(t);
            }
            keptFlag.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        Thread.sleep(500);
        long start = System.nanoTime();
        worker.interrupt();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(thrown.get()).isInstanceOf(ArtifactStoreException.class).hasMessageContaining("interrupted");
        assertThat(keptFlag.get()).as("the interrupt is kept for the job worker").isTrue();
        pulp.verify(1, getRequestedFor(urlPathEqualTo(API + "repositories/rpm/rpm/")));
    }
}
