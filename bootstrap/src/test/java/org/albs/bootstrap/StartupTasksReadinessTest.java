package org.albs.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.albs.adapter.in.rest.platform.PlatformRequest;
import org.albs.application.port.out.PasswordHasher;
import org.albs.bootstrap.support.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * Readiness and the start-up tasks: what it shows, the look at the database that lets it come early, and the
 * fingerprints that let a start with nothing changed skip the tasks.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class StartupTasksReadinessTest {
    @Inject
    DataSource db;
    @Inject
    AlbsConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    StartupTasks tasks;
    @Inject
    PasswordHasher hasher;

    @Test
    void readinessShowsTheStartupTasks() {
        // the test profile runs them before the server starts
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Start-up tasks' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Start-up tasks' }.data.state", equalTo("done"));
    }

    @Test
    void theSuperuserAndEveryPlatformAreThereOnlyOnceCreated() throws Exception {
        List<PlatformRequest> defs = StartupTasks.readPlatforms(json, (String) null);
        assertThat(StartupTasks.alreadyThere(db, config, defs)).isTrue();

        List<PlatformRequest> more = new ArrayList<>(defs);
        more.add(new PlatformRequest("Not-Created-Yet", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        assertThat(StartupTasks.alreadyThere(db, config, more)).isFalse();
    }

    @Test
    void aStartWithNothingChangedSkipsBothTasks() throws Exception {
        tasks.refresh(null); // whatever other tests changed is refreshed here
        String hash = adminHash();
        String versions = platformVersions();

        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(false, false));
        assertThat(tasks.state()).isEqualTo(StartupTasks.State.DONE);
        assertThat(adminHash()).isEqualTo(hash);
        assertThat(platformVersions()).isEqualTo(versions);
    }

    @Test
    void aPasswordSetElsewhereIsResetToTheConfiguredOne() throws Exception {
        tasks.refresh(null);
        sql("UPDATE users SET hashed_password = 'set-through-the-api' WHERE lower(email) = 'admin@example.com'");

        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(true, false));
        assertThat(hasher.matches("admin-password", adminHash())).isTrue();
        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(false, false));
    }

    @Test
    void anEditedPlatformIsLoadedAgain() throws Exception {
        tasks.refresh(null);
        sql("UPDATE platforms SET contact_mail = 'edited@example.com', version = version + 1"
                + " WHERE name = 'AlmaLinux-8'");

        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(false, true));
        assertThat(query("SELECT contact_mail FROM platforms WHERE name = 'AlmaLinux-8'"))
                .isEqualTo("packager@almalinux.org");
        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(false, false));
    }

    @Test
    void aMissingDistributionProductIsMadeAgainWithoutReloadingThePlatforms() throws Exception {
        tasks.refresh(null);
        sql("DELETE FROM products WHERE name = 'AlmaLinux'");
        List<PlatformRequest> defs = StartupTasks.readPlatforms(json, (String) null);
        assertThat(StartupTasks.alreadyThere(db, config, defs)).as("readiness waits for it").isFalse();

        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(false, false));
        assertThat(query("SELECT count(*) FROM products p JOIN teams t ON t.id = p.team_id"
                + " WHERE p.name = 'AlmaLinux' AND NOT p.is_community AND t.name = 'almalinux'")).isEqualTo("1");
        assertThat(StartupTasks.alreadyThere(db, config, defs)).isTrue();
    }

    @Test
    void lostFingerprintsOnlyMakeTheTasksRunAgain() throws Exception {
        sql("DELETE FROM startup_fingerprints");

        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(true, true));
        assertThat(tasks.refresh(null)).isEqualTo(new StartupTasks.Outcome(false, false));
    }

    @Test
    void theSuperusersFingerprintIsAMacUnderTheSecretNeverThePassword() throws Exception {
        tasks.refresh(null);
        String stored = query("SELECT fingerprint FROM startup_fingerprints WHERE name = 'superuser'");
        assertThat(stored).startsWith("hmac-sha256:").doesNotContain("admin-password");
        assertThat(StartupTasks.superuserFingerprint(config, adminHash())).contains(stored);
        // bound to the stored hash: another hash (a password set elsewhere) gives another fingerprint
        assertThat(StartupTasks.superuserFingerprint(config, "other-hash")).isPresent().get().isNotEqualTo(stored);
        assertThat(StartupTasks.superuserFingerprint(config, null)).isEmpty();
    }

    private String adminHash() throws Exception {
        return query("SELECT hashed_password FROM users WHERE lower(email) = 'admin@example.com'");
    }

    private String platformVersions() throws Exception {
        return query("SELECT string_agg(name || '=' || version, ',' ORDER BY name) FROM platforms");
    }

    private String query(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void sql(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
