package org.albs.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * Entry point of the fast-jar. With a datasource configured it only starts Quarkus. Without one (a fresh
 * machine, the README's quick start) it first applies local defaults: an embedded PostgreSQL whose data lives in
 * {@code albs.data-dir}, a JWT secret and a first superuser kept in files beside it. It reads its settings
 * through {@link AlbsConfig} (environment, system properties, application.properties), like the rest of the server.
 */
@QuarkusMain
public final class AlbsMain {
    private static final Logger LOG = Logger.getLogger(AlbsMain.class);

    private AlbsMain() {
    }

    /**
     * The configuration as Quarkus will see it (environment, system properties, application.properties, the defaults
     * of {@link AlbsConfig} with their expressions), read before Quarkus starts.
     */
    static SmallRyeConfig configuration() throws IOException {
        return new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(AlbsMain.class.getResource("/application.properties"), 250))
                .withMapping(AlbsConfig.class).withValidateUnknown(false).build();
    }

    /**
     * Whether a system property or the environment names the datasource outright (a value without expressions): then
     * local mode is out of the question and nothing needs reading before Quarkus, which reads the configuration
     * itself (building it here as well cost about 7 % of the main thread's start-up, bench/README.md).
     */
    static boolean datasourceNamedOutright() {
        return outright(System.getProperty("quarkus.datasource.jdbc.url"))
                || outright(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    private static boolean outright(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }

    public static void main(String... args) throws IOException {
        if (datasourceNamedOutright()) {
            Quarkus.run(args);
            return;
        }
        SmallRyeConfig config = configuration();
        AlbsConfig albs = config.getConfigMapping(AlbsConfig.class);
        EmbeddedPostgres local = null;
        // Quarkus' AppCDS step (quarkus.package.jar.appcds.enabled) runs the jar only up to its static
        // initialisation, which opens no database: no embedded PostgreSQL for it.
        if (config.getOptionalValue("quarkus.datasource.jdbc.url", String.class).isEmpty()
                && !ApplicationLifecycleManager.isAppCDSGeneration()) {
            Path dataDir = Path.of(albs.dataDir()).toAbsolutePath();
            local = startEmbeddedPostgres(dataDir.resolve("postgres"), albs.embeddedDbPort());
            System.setProperty("quarkus.datasource.jdbc.url", local.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            if (albs.auth().jwtSecret().filter(s -> !s.isBlank()).isEmpty()) {
                System.setProperty("albs.auth.jwt-secret", secretFile(dataDir.resolve("jwt-secret")));
            }
            if (albs.admin().password().isEmpty()) {
                Path file = dataDir.resolve("admin-password");
                String email = albs.admin().email().orElse("admin@localhost.localdomain");
                System.setProperty("albs.admin.username", albs.admin().username().orElse("admin"));
                System.setProperty("albs.admin.email", email);
                System.setProperty("albs.admin.password", secretFile(file));
                LOG.infof("Local mode: superuser %s, password in %s", email, file);
            }
        }
        try {
            Quarkus.run(args);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static EmbeddedPostgres startEmbeddedPostgres(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        LOG.infof("No datasource configured: starting an embedded PostgreSQL with its data in %s", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    /** A random secret kept in a file, so tokens and the password survive restarts of the local server. */
    static String secretFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(file.getParent());
        Files.writeString(file, secret + "\n");
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        return secret;
    }
}
