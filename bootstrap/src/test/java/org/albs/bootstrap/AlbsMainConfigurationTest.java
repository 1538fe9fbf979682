package org.albs.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What local mode reads before Quarkus starts is what Quarkus reads: AlbsConfig's defaults, expressions expanded. */
class AlbsMainConfigurationTest {
    @AfterEach
    void clear() {
        System.clearProperty("JWT_SECRET");
        System.clearProperty("PULP_HOST");
        System.clearProperty("albs.data-dir");
        System.clearProperty("albs.unknown.setting");
        System.clearProperty("quarkus.datasource.jdbc.url");
    }

    @Test
    void aDatasourceNamedOutrightSkipsReadingTheConfiguration() {
        assumeTrue(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null, "the environment names a datasource");
        assertThat(AlbsMain.datasourceNamedOutright()).isFalse();
        System.setProperty("quarkus.datasource.jdbc.url", " ");
        assertThat(AlbsMain.datasourceNamedOutright()).as("blank: local mode decides as before").isFalse();
        System.setProperty("quarkus.datasource.jdbc.url", "${DB_URL:}");
        assertThat(AlbsMain.datasourceNamedOutright()).as("an expression: read through the configuration").isFalse();
        System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/albs");
        assertThat(AlbsMain.datasourceNamedOutright()).isTrue();
    }

    @Test
    void theDefaultsOfAlbsConfigApply() throws Exception {
        AlbsConfig albs = AlbsMain.configuration().getConfigMapping(AlbsConfig.class);

        assertThat(albs.auth().jwtSecret()).isEmpty();
        assertThat(albs.pulp().host()).as("no Pulp: the embedded store runs").isEmpty();
        assertThat(albs.artifactStore()).isEmpty();
        assertThat(albs.dataDir()).isEqualTo(".albs-data");
        assertThat(albs.store().dir()).isEqualTo(".albs-data/store");
        assertThat(albs.store().publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(albs.embeddedDbPort()).isEqualTo(54329);
    }

    @Test
    void upstreamsVariablesAndOwnSettingsAreRead() throws Exception {
        System.setProperty("JWT_SECRET", "from-upstream-name");
        System.setProperty("PULP_HOST", "http://pulp.example.org");
        System.setProperty("albs.data-dir", "/var/lib/albs");
        System.setProperty("albs.unknown.setting", "tolerated");

        AlbsConfig albs = AlbsMain.configuration().getConfigMapping(AlbsConfig.class);

        assertThat(albs.auth().jwtSecret()).isEqualTo(Optional.of("from-upstream-name"));
        assertThat(albs.pulp().host()).contains("http://pulp.example.org");
        assertThat(albs.dataDir()).isEqualTo("/var/lib/albs");
        assertThat(albs.store().dir()).isEqualTo("/var/lib/albs/store");
    }
}
