package org.albs.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import org.albs.adapter.in.rest.platform.PlatformRequest;
import org.albs.application.port.in.identity.EnsureAdminUseCase;
import org.albs.application.port.in.platform.LoadReferenceDataUseCase;
import org.albs.application.port.in.product.EnsureDistributionProductUseCase;
import org.jboss.logging.Logger;

/**
 * Start-up: the configured first superuser, then the platform reference data. By default they run just after the
 * server has started, off the start-up's critical path: on a cold JVM they cost about 1.2 s of CPU, the password's
 * PBKDF2 hash (210,000 iterations, about 0.4 s before the JIT has compiled it) and Hibernate's first use of each of
 * their queries (parsing and translating the HQL, about 0.8 s; bench/README.md, start-up). A failure stops the
 * server as it did before.
 *
 * <p>Readiness ({@link StartupTasksReadiness}) is honest about it: it stays DOWN until a look at the database shows
 * that the superuser and every platform of the reference data are already there (a database this server has started
 * on before: serving is safe while they are refreshed, only a password or platform definition changed in the
 * configuration takes effect a moment later), or else until the tasks have finished (a fresh database).
 */
@ApplicationScoped
public class StartupTasks {
    private static final Logger LOG = Logger.getLogger(StartupTasks.class);
    static final String BUNDLED = "reference-data/platforms.yaml";

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

    State state() {
        return state;
    }

    void onStart(@Observes StartupEvent event, AlbsConfig config, EnsureAdminUseCase identity,
                 LoadReferenceDataUseCase platforms, EnsureDistributionProductUseCase product, ObjectMapper json,
                 DataSource db) throws IOException {
        if (!config.startupTasksInBackground()) {
            run(config, identity, platforms, product, readPlatforms(json, config));
            state = State.DONE;
            return;
        }
        Thread tasks = new Thread(() -> {
            try {
                List<PlatformRequest> defs = readPlatforms(json, config);
                state = alreadyThere(db, config, defs) ? State.REFRESHING : State.CREATING;
                run(config, identity, platforms, product, defs);
                state = State.DONE;
            } catch (IOException | RuntimeException e) {
                LOG.error("Start-up tasks failed: the server stops", e);
                Quarkus.asyncExit(1);
            }
        }, "startup-tasks");
        tasks.setDaemon(true);
        tasks.start();
    }

    private static void run(AlbsConfig config, EnsureAdminUseCase identity, LoadReferenceDataUseCase platforms,
                            EnsureDistributionProductUseCase product, List<PlatformRequest> defs) {
        var admin = config.admin();
        if (admin.username().isPresent() && admin.email().isPresent() && admin.password().isPresent()) {
            identity.ensureAdmin(admin.username().get(), admin.email().get(), admin.password().get());
            LOG.infof("Superuser %s <%s> is ready", admin.username().get(), admin.email().get());
        }
        if (defs != null) {
            platforms.loadReferenceData(defs.stream().map(PlatformRequest::toSpec).toList());
            LOG.infof("Loaded %d platform definitions", defs.size());
            var spec = config.referenceData().product();
            product.ensureDistribution(new EnsureDistributionProductUseCase.DistributionProduct(spec.name(),
                    spec.team(), spec.owner(), spec.ownerEmail(),
                    defs.stream().map(PlatformRequest::name).distinct().toList()));
            LOG.infof("Product %s is ready", spec.name());
        }
    }

    /**
     * Whether the superuser (by e-mail, as {@link EnsureAdminUseCase} finds it) and every platform of the reference
     * data (by name) are in the database already. One plain SQL look, on purpose: the ORM's first query costs a few
     * hundred milliseconds of a cold JVM, and readiness waits for this answer. Any doubt answers false.
     */
    static boolean alreadyThere(DataSource db, AlbsConfig config, List<PlatformRequest> defs) {
        Optional<String> email = config.admin().password().isPresent() && config.admin().username().isPresent()
                ? config.admin().email() : Optional.empty();
        String[] names = defs == null ? new String[0]
                : defs.stream().map(PlatformRequest::name).distinct().toArray(String[]::new);
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT (? IS NULL OR EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?))),"
                             + " (SELECT count(*) FROM platforms WHERE name = ANY (?))")) {
            st.setString(1, email.orElse(null));
            st.setString(2, email.orElse(null));
            st.setArray(3, c.createArrayOf("varchar", names));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1) && rs.getLong(2) == names.length;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "Could not tell whether the superuser and the platforms exist: not ready until created");
            return false;
        }
    }

    /** The reference data to load, or null when loading is off. */
    private static List<PlatformRequest> readPlatforms(ObjectMapper json, AlbsConfig config) throws IOException {
        return config.referenceData().load()
                ? readPlatforms(json, config.referenceData().location().orElse(null)) : null;
    }

    /** The YAML file has the shape of a list of POST /api/v1/platforms/ bodies. */
    static List<PlatformRequest> readPlatforms(ObjectMapper json, String location) throws IOException {
        ObjectMapper yaml = json.copyWith(new YAMLFactory());
        try (InputStream in = location != null ? Files.newInputStream(Path.of(location))
                : StartupTasks.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("reference data not found: " + (location != null ? location : BUNDLED));
            }
            return yaml.readValue(in, new TypeReference<List<PlatformRequest>>() { });
        }
    }
}
