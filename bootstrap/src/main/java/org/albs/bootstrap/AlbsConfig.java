package org.albs.bootstrap;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code albs.*} setting; each maps to an environment variable (ALBS_ADMIN_EMAIL = albs.admin.email). */
@ConfigMapping(prefix = "albs")
public interface AlbsConfig {
    Auth auth();

    Admin admin();

    ReferenceData referenceData();

    Dispatch dispatch();

    Maintenance maintenance();

    Pulp pulp();

    /**
     * Local mode (no datasource configured): where the embedded database's files, the generated JWT secret and the
     * admin password live.
     */
    @WithDefault(".albs-data")
    String dataDir();

    /** Local mode: the port of the embedded PostgreSQL. */
    @WithDefault("54329")
    int embeddedDbPort();

    interface Maintenance {
        /** How often each instance folds the build feed's count deltas into one row (a Quarkus scheduler period). */
        @WithDefault("10s")
        String buildCountInterval();
    }

    interface Pulp {
        /** Pulp's base URL; SRPM download URLs handed to nodes start with it. Upstream's PULP_HOST is read too. */
        @WithDefault("${PULP_HOST:http://pulp}")
        String host();
    }

    interface Auth {
        /** The HS256 secret shared with upstream's token tools; upstream's JWT_SECRET is read too. */
        @WithDefault("${JWT_SECRET:}")
        Optional<String> jwtSecret();

        /**
         * How long an authenticated user is remembered before it is read again; a deactivated user keeps access
         * at most this long. Zero turns the cache off.
         */
        @WithDefault("PT5S")
        Duration userCacheTtl();
    }

    interface Admin {
        Optional<String> username();

        Optional<String> email();

        Optional<String> password();
    }

    interface ReferenceData {
        /** Load platform definitions at start-up (create or update by name). */
        @WithDefault("true")
        boolean load();

        /** A platforms YAML file; without it the bundled AlmaLinux 8 and 9 definitions are used. */
        Optional<String> location();
    }

    interface Dispatch {
        /** How long a node holds a task without pinging before another node may take it (upstream: 20 min). */
        @WithDefault("PT20M")
        Duration leaseDuration();

        /** How many claims a task may have before a lost lease fails it. */
        @WithDefault("3")
        int maxAttempts();

        /** How often each instance fails tasks whose last lease ran out (a Quarkus scheduler period). */
        @WithDefault("2s")
        String sweepInterval();
    }
}
