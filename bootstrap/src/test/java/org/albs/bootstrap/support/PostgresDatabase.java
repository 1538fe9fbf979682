package org.albs.bootstrap.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes sure the test database exists before Quarkus starts (Flyway then cleans and migrates it), and points the
 * server at the suite's fake Pulp ({@link PulpStub#shared()}), which cannot run here for real.
 * The database is the one named in {@code ALBS_TEST_DB_URL}, the same variable application.properties reads
 * for the test profile, so no database setting is overridden here.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/albs_test";

    @Override
    public Map<String, String> start() {
        String url = env("ALBS_TEST_DB_URL", DEFAULT_URL);
        String name = databaseName(url);
        Properties credentials = new Properties();
        credentials.setProperty("user", env("ALBS_TEST_DB_USER", "postgres"));
        credentials.setProperty("password", env("ALBS_TEST_DB_PASSWORD", "postgres"));
        try (Connection c = new org.postgresql.Driver().connect(maintenanceUrl(url), credentials)) {
            if (c == null) {
                throw new IllegalStateException("not a PostgreSQL JDBC URL: " + url);
            }
            if (!exists(c, name)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another build created it first
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " (" + url + "): "
                    + e.getMessage(), e);
        }
        // the store job workers look for work often, so builds become dispatchable within milliseconds in tests
        // and the fake Pulp's troubles (see PulpStub.failNext, stall) show within a second or two
        return Map.of("albs.pulp.host", PulpStub.shared().baseUrl(), "albs.jobs.poll-interval", "PT0.02S",
                "albs.pulp.timeout", "PT1S", "albs.pulp.retries", "1", "albs.pulp.backoff", "PT0.05S",
                "albs.beholder.host", BeholderStub.shared().baseUrl(),
                "albs.github.oauth-url", GithubStub.shared().baseUrl(),
                "albs.github.api-url", GithubStub.shared().baseUrl(),
                "albs.github.organizations", GithubStub.ORGANIZATION);
    }

    @Override
    public void stop() {
        // The database is kept: Flyway cleans it at the next start, and a failed run can be inspected.
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** jdbc:postgresql://host:port/db?x=y → db */
    static String databaseName(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("no database name in " + jdbcUrl);
        }
        return path.substring(1);
    }

    /** The same server and parameters, database {@code postgres}. */
    static String maintenanceUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/postgres"
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
