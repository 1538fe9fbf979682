package org.albs.bootstrap.builds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.Node;
import org.albs.bootstrap.support.PostgresDatabase;
import org.albs.application.fakes.Packages;
import org.albs.bootstrap.support.PulpStub;
import org.junit.jupiter.api.Test;

/** 16 nodes, 2,000 tasks in 50 builds: every task handed out exactly once, none lost, every build finished. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class DispatchConcurrencyTest extends EmptyQueueTest {
    static final int NODES = 16;
    static final int BUILDS = 50;
    static final int REFS = 10; // x (src + x86_64 + i686 + aarch64) = 40 tasks a build
    static final Pattern TASK_ID = Pattern.compile("^\\{\"id\":(\\d+),");

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyTaskIsDispatchedExactlyOnce() throws Exception {
        List<Long> buildIds = new ArrayList<>();
        for (int b = 0; b < BUILDS; b++) {
            String[] urls = new String[REFS];
            for (int r = 0; r < REFS; r++) {
                urls[r] = "https://git.almalinux.org/rpms/conc-" + b + "-" + r + ".git";
            }
            buildIds.add(Node.createBuild(Api.adminToken(), Node.buildBody("AlmaLinux-8",
                    List.of("x86_64", "i686", "aarch64"), b % 2 == 0, urls)).getLong("id"));
        }
        int expected = BUILDS * REFS * 4;
        Map<Long, Integer> handedOut = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        List<Future<?>> futures = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        for (int n = 0; n < NODES; n++) {
            String token = Node.create("conc-node").account.token();
            String arches = n % 4 == 3 ? "[\"aarch64\",\"src\"]" : "[\"x86_64\",\"i686\",\"src\"]";
            futures.add(pool.submit(() -> {
                while (done.get() < expected && System.nanoTime() < deadline) {
                    HttpResponse<String> task = post(http, token, "/api/v1/build_node/get_task",
                            "{\"supported_arches\":" + arches + ",\"excluded_packages\":[]}");
                    if (task.statusCode() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    Matcher m = TASK_ID.matcher(task.body());
                    if (!m.find()) {
                        Thread.sleep(20);
                        continue;
                    }
                    long id = Long.parseLong(m.group(1));
                    handedOut.merge(id, 1, Integer::sum);
                    String sha = String.format("%064x", id);
                    // the node uploads its SRPM to Pulp before it reports, as the real one does
                    PulpStub.shared().register("/a/" + id + "/", sha, Packages.meta("p-" + id + "-1-1.src.rpm"));
                    HttpResponse<String> report = post(http, token, "/api/v1/build_node/build_done",
                            "{\"task_id\":" + id + ",\"status\":\"done\",\"artifacts\":[{\"name\":\"p-" + id
                                    + ".src.rpm\",\"type\":\"rpm\",\"href\":\"/a/" + id + "/\",\"sha256\":\"" + sha
                                    + "\"}],\"stats\":{}}");
                    if (report.statusCode() == 200) {
                        done.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(errors.get()).as("HTTP errors").isZero();
        assertThat(handedOut).hasSize(expected);
        assertThat(handedOut.values()).as("no task handed out twice").containsOnly(1);
        assertThat(done.get()).isEqualTo(expected);
        assertThat(count("SELECT count(*) FROM build_tasks WHERE status <> 2 AND build_id IN (" + join(buildIds) + ")"))
                .as("tasks not completed").isZero();
        assertThat(count("SELECT count(*) FROM builds WHERE finished_at IS NULL AND id IN (" + join(buildIds) + ")"))
                .as("builds not finished").isZero();
        assertThat(count("SELECT count(*) FROM build_task_history h JOIN build_tasks t ON t.id = h.build_task_id"
                + " WHERE h.event = 'CLAIM' AND t.build_id IN (" + join(buildIds) + ")")).isEqualTo(expected);
    }

    private HttpResponse<String> post(HttpClient http, String token, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }
}
