package org.albs.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
import org.jboss.logging.Logger;

/**
 * Start-up: the configured first superuser, then the platform reference data. By default they run just after the
 * server has started, off the start-up's critical path (hashing the superuser's password and reading the YAML file
 * were most of the time between the migrations and readiness); a failure stops the server as it did before.
 */
@ApplicationScoped
public class StartupTasks {
    private static final Logger LOG = Logger.getLogger(StartupTasks.class);
    static final String BUNDLED = "reference-data/platforms.yaml";

    void onStart(@Observes StartupEvent event, AlbsConfig config, EnsureAdminUseCase identity,
                 LoadReferenceDataUseCase platforms, ObjectMapper json) throws IOException {
        if (!config.startupTasksInBackground()) {
            run(config, identity, platforms, json);
            return;
        }
        Thread tasks = new Thread(() -> {
            try {
                run(config, identity, platforms, json);
            } catch (IOException | RuntimeException e) {
                LOG.error("Start-up tasks failed: the server stops", e);
                Quarkus.asyncExit(1);
            }
        }, "startup-tasks");
        tasks.setDaemon(true);
        tasks.start();
    }

    private static void run(AlbsConfig config, EnsureAdminUseCase identity, LoadReferenceDataUseCase platforms,
                            ObjectMapper json) throws IOException {
        var admin = config.admin();
        if (admin.username().isPresent() && admin.email().isPresent() && admin.password().isPresent()) {
            identity.ensureAdmin(admin.username().get(), admin.email().get(), admin.password().get());
            LOG.infof("Superuser %s <%s> is ready", admin.username().get(), admin.email().get());
        }
        if (config.referenceData().load()) {
            List<PlatformRequest> defs = readPlatforms(json, config.referenceData().location().orElse(null));
            platforms.loadReferenceData(defs.stream().map(PlatformRequest::toSpec).toList());
            LOG.infof("Loaded %d platform definitions", defs.size());
        }
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
