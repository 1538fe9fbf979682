package org.albs.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import org.albs.adapter.in.rest.platform.PlatformRequest;
import org.albs.application.port.in.identity.EnsureAdminUseCase;
import org.albs.application.port.in.platform.LoadReferenceDataUseCase;
import org.albs.application.port.in.platform.PlatformSpec;
import org.albs.application.port.in.product.EnsureDistributionProductUseCase;
import org.albs.application.port.out.Transactions;
import org.albs.domain.identity.User;
import org.jboss.logging.Logger;

/**
 * Start-up: the configured first superuser, then the platform reference data. By default they run just after the
 * server has started, off the start-up's critical path: on a cold JVM they cost about 1.2 s of CPU, the password's
 * PBKDF2 hash (210,000 iterations, about 0.4 s before the JIT has compiled it) and Hibernate's first use of each of
 * their queries (parsing and translating the HQL, about 0.8 s; bench/README.md, start-up). A failure stops the
 * server as it did before.
 *
 * <p>Each task is skipped when the database already holds what it would write: the table
 * {@code startup_fingerprints} keeps, per task, a fingerprint of the configuration it ran with and of what it left
 * (the superuser's password hash, the platforms' versions), compared with one plain SQL look at start. So a restart
 * with nothing changed neither hashes the password nor loads the platforms; a password set through the API, an
 * edited platform, another definitions file or another password makes the next start run the task as before.
 *
 * <p>Readiness ({@link StartupTasksReadiness}) is honest about it: it stays DOWN until that look shows that the
 * superuser and every platform of the reference data are already there (a database this server has started on
 * before: serving is safe while they are refreshed, only a password or platform definition changed in the
 * configuration takes effect a moment later), or else until the tasks have finished (a fresh database).
 */
@ApplicationScoped
public class StartupTasks {
    private static final Logger LOG = Logger.getLogger(StartupTasks.class);
    static final String BUNDLED = "reference-data/platforms.yaml";
    /** The tasks' rows in {@code startup_fingerprints}. */
    static final String SUPERUSER = "superuser";
    static final String REFERENCE_DATA = "reference-data";

    /** Where the start-up tasks are, as readiness sees it. */
    enum State {
        /** not yet known whether the database already holds what the tasks make: not ready */
        STARTING(false, "starting"),
        /** the database lacks the superuser or a platform (a fresh database): not ready until the tasks end */
        CREATING(false, "creating the superuser and the reference data"),
        /** everything is there already, the tasks refresh it: ready */
        REFRESHING(true, "refreshing the superuser and the reference data"),
        DONE(true, "done");

        final boolean ready;
        final String description;

        State(boolean ready, String description) {
            this.ready = ready;
            this.description = description;
        }
    }

    private volatile State state = State.STARTING;

    private final AlbsConfig config;
    private final EnsureAdminUseCase identity;
    private final LoadReferenceDataUseCase platforms;
    private final EnsureDistributionProductUseCase product;
    private final Transactions tx;
    private final EntityManager em;
    private final ObjectMapper json;
    private final DataSource db;

    StartupTasks(AlbsConfig config, EnsureAdminUseCase identity, LoadReferenceDataUseCase platforms,
                 EnsureDistributionProductUseCase product, Transactions tx, EntityManager em, ObjectMapper json,
                 DataSource db) {
        this.product = product;
        this.config = config;
        this.identity = identity;
        this.platforms = platforms;
        this.tx = tx;
        this.em = em;
        this.json = json;
        this.db = db;
    }

    State state() {
        return state;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!config.startupTasksInBackground()) {
            refresh(null);
            return;
        }
        Thread tasks = new Thread(() -> {
            try {
                refresh(look -> state = look.allThere() ? State.REFRESHING : State.CREATING);
            } catch (IOException | RuntimeException e) {
                LOG.error("Start-up tasks failed: the server stops", e);
                Quarkus.asyncExit(1);
            }
        }, "startup-tasks");
        tasks.setDaemon(true);
        tasks.start();
    }

    /** What a start did: whether it (re)set the superuser's password and whether it (re)loaded the reference data. */
    record Outcome(boolean superuser, boolean referenceData) {
    }

    /**
     * Looks at the database, then runs the tasks whose result is not there as this configuration would make it
     * (each skipped when its fingerprint matches), and ends in state DONE. {@code looked} hears the look first.
     */
    Outcome refresh(Consumer<Look> looked) throws IOException {
        byte[] file = referenceDataFile();
        List<PlatformRequest> defs = file == null ? null : readPlatforms(json, file);
        Look look = look(db, config, defs);
        if (looked != null) {
            looked.accept(look);
        }
        var admin = config.admin();
        boolean adminConfigured = admin.username().isPresent() && admin.email().isPresent()
                && admin.password().isPresent();
        boolean superuser = adminConfigured && !superuserFingerprint(config, look.adminHash())
                .filter(fp -> fp.equals(look.superuserFingerprint())).isPresent();
        if (superuser) {
            User user = identity.ensureAdmin(admin.username().get(), admin.email().get(), admin.password().get());
            LOG.infof("Superuser %s <%s> is ready", admin.username().get(), admin.email().get());
            superuserFingerprint(config, user.hashedPassword()).ifPresent(fp -> remember(SUPERUSER, fp));
        } else if (adminConfigured) {
            LOG.infof("Superuser %s <%s> is ready (unchanged since the last start)", admin.username().get(),
                    admin.email().get());
        }
        boolean referenceData = defs != null
                && !referenceFingerprint(file, look.platformVersions()).equals(look.referenceDataFingerprint());
        if (referenceData) {
            List<PlatformSpec> specs = defs.stream().map(PlatformRequest::toSpec).toList();
            tx.inTransaction(() -> {
                platforms.loadReferenceData(specs);
                // the versions the load wrote, read in its transaction (the platforms stay locked until commit)
                em.flush();
                remember(REFERENCE_DATA, referenceFingerprint(file, platformVersions(db, defs)));
                return null;
            });
            LOG.infof("Loaded %d platform definitions", defs.size());
        } else if (defs != null) {
            LOG.infof("%d platform definitions unchanged since the last start", defs.size());
        }
        if (defs != null && (referenceData || !look.productThere())) {
            var spec = config.referenceData().product();
            product.ensureDistribution(new EnsureDistributionProductUseCase.DistributionProduct(spec.name(),
                    spec.team(), spec.owner(), spec.ownerEmail(),
                    defs.stream().map(PlatformRequest::name).distinct().toList()));
            LOG.infof("Product %s is ready", spec.name());
        }
        state = State.DONE;
        return new Outcome(superuser, referenceData);
    }

    /**
     * One plain SQL look at the database, on purpose: the ORM's first query costs a few hundred milliseconds of a
     * cold JVM, and readiness waits for this answer. Whether the superuser (by e-mail, as {@link EnsureAdminUseCase}
     * finds it) and every platform of the reference data (by name) are there, with what the fingerprints are made
     * of. Any doubt answers "nothing there".
     */
    static Look look(DataSource db, AlbsConfig config, List<PlatformRequest> defs) {
        Optional<String> email = config.admin().password().isPresent() && config.admin().username().isPresent()
                ? config.admin().email() : Optional.empty();
        String[] names = names(defs);
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT (? IS NULL OR EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?))),"
                             + " (SELECT count(*) FROM platforms WHERE name = ANY (?)),"
                             + " (SELECT hashed_password FROM users WHERE lower(email) = lower(?) ORDER BY id LIMIT 1),"
                             + " (" + VERSIONS + "),"
                             + " (SELECT fingerprint FROM startup_fingerprints WHERE name = ?),"
                             + " (SELECT fingerprint FROM startup_fingerprints WHERE name = ?),"
                             + " EXISTS (SELECT 1 FROM products WHERE name = ?)")) {
            st.setString(1, email.orElse(null));
            st.setString(2, email.orElse(null));
            st.setArray(3, c.createArrayOf("varchar", names));
            st.setString(4, email.orElse(null));
            st.setArray(5, c.createArrayOf("varchar", names));
            st.setString(6, SUPERUSER);
            st.setString(7, REFERENCE_DATA);
            st.setString(8, config.referenceData().product().name());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                boolean productThere = defs == null || rs.getBoolean(7);
                return new Look(rs.getBoolean(1) && rs.getLong(2) == names.length && productThere,
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), productThere);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Could not tell whether the superuser and the platforms exist: not ready until created");
            return new Look(false, null, null, null, null, false);
        }
    }

    /** Whether the superuser and every platform of the reference data are in the database already. */
    static boolean alreadyThere(DataSource db, AlbsConfig config, List<PlatformRequest> defs) {
        return look(db, config, defs).allThere();
    }

    /**
     * What the look saw: whether everything is there, the superuser's stored password hash, the versions of the
     * reference data's platforms ({@code name=version,...} by name), the fingerprints the last start stored and
     * whether the distribution's own product exists (made with the reference data).
     */
    record Look(boolean allThere, String adminHash, String platformVersions, String superuserFingerprint,
                String referenceDataFingerprint, boolean productThere) {
    }

    private static final String VERSIONS =
            "SELECT string_agg(name || '=' || version, ',' ORDER BY name) FROM platforms WHERE name = ANY (?)";

    private static String[] names(List<PlatformRequest> defs) {
        return defs == null ? new String[0]
                : defs.stream().map(PlatformRequest::name).distinct().toArray(String[]::new);
    }

    /** The versions of the reference data's platforms, on the connection of the caller's transaction. */
    private static String platformVersions(DataSource db, List<PlatformRequest> defs) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(VERSIONS)) {
            st.setArray(1, c.createArrayOf("varchar", names(defs)));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the platforms' versions", e);
        }
    }

    /**
     * The superuser's fingerprint: HMAC-SHA256 under the JWT secret (not in the database, so the row cannot be used
     * to guess the password offline) of the configured e-mail and password and the stored hash; none without a
     * secret or a stored hash (then the task always runs).
     */
    static Optional<String> superuserFingerprint(AlbsConfig config, String storedHash) {
        Optional<String> secret = config.auth().jwtSecret().filter(s -> !s.isBlank());
        if (secret.isEmpty() || storedHash == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String input = "albs start-up superuser\0" + config.admin().email().orElse("") + "\0"
                    + config.admin().password().orElse("") + "\0" + storedHash;
            return Optional.of("hmac-sha256:" + HexFormat.of().formatHex(
                    mac.doFinal(input.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The reference data's fingerprint: SHA-256 of the definitions file and of the platforms' versions. */
    static String referenceFingerprint(byte[] file, String versions) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(file);
            sha.update((byte) 0);
            sha.update(String.valueOf(versions).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Stores a fingerprint (inside the caller's transaction if there is one); the last writer wins. */
    private void remember(String name, String fingerprint) {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO startup_fingerprints (name, fingerprint, updated_at) VALUES (?, ?, now())"
                             + " ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint,"
                             + " updated_at = excluded.updated_at")) {
            st.setString(1, name);
            st.setString(2, fingerprint);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the start-up fingerprint " + name, e);
        }
    }

    /** The reference data file's bytes, or null when loading is off. */
    private byte[] referenceDataFile() throws IOException {
        return config.referenceData().load() ? referenceDataFile(config.referenceData().location().orElse(null)) : null;
    }

    /** The bytes of a platforms YAML file, or of the bundled one when {@code location} is null. */
    static byte[] referenceDataFile(String location) throws IOException {
        if (location != null) {
            return Files.readAllBytes(Path.of(location));
        }
        try (InputStream in = StartupTasks.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("reference data not found: " + BUNDLED);
            }
            return in.readAllBytes();
        }
    }

    /** The YAML file has the shape of a list of POST /api/v1/platforms/ bodies. */
    static List<PlatformRequest> readPlatforms(ObjectMapper json, String location) throws IOException {
        return readPlatforms(json, referenceDataFile(location));
    }

    static List<PlatformRequest> readPlatforms(ObjectMapper json, byte[] file) throws IOException {
        return json.copyWith(new YAMLFactory()).readValue(file, new TypeReference<List<PlatformRequest>>() { });
    }
}
