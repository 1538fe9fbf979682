package org.albs.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * Entry point of the fast-jar. With a datasource configured it only starts Quarkus. Without one (a fresh
 * machine, the README's quick start) it first applies local defaults: an embedded PostgreSQL whose data lives in
 * {@code $ALBS_DATA_DIR} (default {@code .albs-data}), a JWT secret and a first superuser kept in files beside it.
 */
@QuarkusMain
public final class AlbsMain {
    private static final Logger LOG = Logger.getLogger(AlbsMain.class);

    private AlbsMain() {
    }

    public static void main(String... args) throws IOException {
        EmbeddedPostgres local = null;
        if (!configured("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url")) {
            Path dataDir = Path.of(setting("ALBS_DATA_DIR", "albs.data-dir", ".albs-data")).toAbsolutePath();
            local = startEmbeddedPostgres(dataDir.resolve("postgres"));
            System.setProperty("quarkus.datasource.jdbc.url", local.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            if (!configured("JWT_SECRET", "albs.auth.jwt-secret")) {
                System.setProperty("albs.auth.jwt-secret", secretFile(dataDir.resolve("jwt-secret")));
            }
            if (!configured("ALBS_ADMIN_PASSWORD", "albs.admin.password")) {
                Path file = dataDir.resolve("admin-password");
                System.setProperty("albs.admin.username", setting("ALBS_ADMIN_USERNAME", "albs.admin.username", "admin"));
                System.setProperty("albs.admin.email", setting("ALBS_ADMIN_EMAIL", "albs.admin.email", "admin@localhost.localdomain"));
                System.setProperty("albs.admin.password", secretFile(file));
                LOG.infof("Local mode: superuser %s, password in %s", System.getProperty("albs.admin.email"), file);
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

    private static EmbeddedPostgres startEmbeddedPostgres(Path dir) throws IOException {
        Files.createDirectories(dir);
        LOG.infof("No datasource configured: starting an embedded PostgreSQL with its data in %s", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(setting("ALBS_EMBEDDED_DB_PORT", "albs.embedded-db-port", "54329")))
                .start();
    }

    /** A random secret kept in a file, so tokens and the password survive restarts of the local server. */
    private static String secretFile(Path file) throws IOException {
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

    private static boolean configured(String env, String property) {
        return System.getenv(env) != null || System.getProperty(property) != null;
    }

    private static String setting(String env, String property, String fallback) {
        String value = System.getProperty(property, System.getenv(env));
        return value != null ? value : fallback;
    }
}
