package org.albs.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.bootstrap.support.Api;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** Racing creations of the same thing: one wins, the others get 409, nobody gets a 500. */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class ConcurrentCreationTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void racingServiceAccountsAndPlatformsAreConflictsNotErrors() throws Exception {
        String user = Api.unique("race");
        List<Integer> users = race("/api/v1/users/", "{\"username\":\"" + user + "\",\"email\":\"" + user
                + "@example.com\"}");
        assertThat(users).containsOnly(201, 409).containsOnlyOnce(201);

        String platform = Api.unique("Race-Linux");
        List<Integer> platforms = race("/api/v1/platforms/", "{\"name\":\"" + platform + "\",\"type\":\"rpm\","
                + "\"distr_type\":\"rhel\",\"distr_version\":\"9\",\"arch_list\":[\"x86_64\"],"
                + "\"repos\":[{\"name\":\"" + platform + "-baseos\",\"arch\":\"x86_64\",\"type\":\"rpm\","
                + "\"url\":\"https://repo.example.org/baseos/\"}]}");
        assertThat(platforms).containsOnly(201, 409).containsOnlyOnce(201);
    }

    private List<Integer> race(String path, String json) throws Exception {
        String token = Api.adminToken();
        HttpClient http = HttpClient.newHttpClient();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Integer> call = () -> {
                start.await();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
                return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        return statuses;
    }
}
