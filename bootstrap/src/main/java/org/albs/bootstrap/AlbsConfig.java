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

    /**
     * Which artifact store runs: {@code local} (the embedded store in {@link Store#dir()}) or {@code pulp}. When unset:
     * {@code pulp} if PULP_HOST (or {@code albs.pulp.host}) is set, {@code local} otherwise.
     */
    Optional<String> artifactStore();

    Store store();

    Pulp pulp();

    Beholder beholder();

    Jobs jobs();

    Tests tests();

    Alts alts();

    /** Signing (sign tasks and key generation on the lease queue). */
    Sign sign();

    Releases releases();

    Github github();

    Frontend frontend();

    /**
     * Local mode (no datasource configured): where the embedded database's files, the generated JWT secret and the
     * admin password live.
     */
    @WithDefault(".albs-data")
    String dataDir();

    /** Local mode: the port of the embedded PostgreSQL. */
    @WithDefault("54329")
    int embeddedDbPort();

    /**
     * Create the superuser and load the reference data just after start-up instead of before it (readiness comes
     * sooner; a failure still stops the server). False: before, as the tests need.
     */
    @WithDefault("true")
    boolean startupTasksInBackground();

    interface Maintenance {
        /** How often each instance folds the build feed's count deltas into one row (a Quarkus scheduler period). */
        @WithDefault("10s")
        String buildCountInterval();
    }

    /** The embedded artifact store (ALBS_ARTIFACT_STORE=local): StoreWiring. */
    interface Store {
        /** Its data directory: blobs, repositories, uploads. */
        @WithDefault("${albs.data-dir}/store")
        String dir();

        /**
         * The server's URL as build nodes, sign nodes and package managers reach it: repository URLs handed to them
         * are {@code <public-url>/content/…}.
         */
        @WithDefault("http://localhost:${quarkus.http.port:8080}")
        String publicUrl();

        /** The user of the upload routes (the nodes' {@code pulp_user}). */
        @WithDefault("pulp")
        String user();

        /** Its password (the nodes' {@code pulp_password}); when unset, generated into {@code <data-dir>/store-password}. */
        Optional<String> password();

        /** The largest file one upload may announce, in bytes (4 GiB). */
        @WithDefault("4294967296")
        long maxFileSize();

        /** An upload that received nothing for this long is removed. */
        @WithDefault("PT24H")
        Duration abandonUploadsAfter();

        /** How often abandoned uploads are looked for (a Quarkus scheduler period). */
        @WithDefault("1h")
        String cleanupInterval();

        /** The createrepo_c command that writes the repositories' metadata. */
        @WithDefault("createrepo_c")
        String createrepo();

        /** How long one metadata generation may take. */
        @WithDefault("PT10M")
        Duration metadataTimeout();
    }

    interface Pulp {
        /**
         * Pulp's base URL (its API under {@code /pulp/api/v3/}, its content under {@code /pulp/content/}); SRPM
         * download URLs handed to nodes start with it. Upstream's PULP_HOST is read too.
         */
        @WithDefault("${PULP_HOST:}")
        Optional<String> host();

        /** Basic-auth user and password of Pulp's API (upstream's PULP_USER, PULP_PASSWORD). */
        @WithDefault("${PULP_USER:admin}")
        String user();

        @WithDefault("${PULP_PASSWORD:}")
        Optional<String> password();

        /** Every call's timeout. */
        @WithDefault("PT30S")
        Duration timeout();

        /** How often a call that got no answer, a 5xx or a timeout is tried again (with jittered back-off). */
        @WithDefault("3")
        int retries();

        @WithDefault("PT1S")
        Duration backoff();

        /** The first wait between two polls of a Pulp task (it grows to 5 s). */
        @WithDefault("PT0.5S")
        Duration taskPollInterval();

        /** How long a Pulp task may take before the job backs off and tries again later. */
        @WithDefault("PT10M")
        Duration taskTimeout();
    }

    interface Beholder {
        /** The package knowledge base (multilib); unset turns multilib off. Upstream's BEHOLDER_HOST is read. */
        @WithDefault("${BEHOLDER_HOST:}")
        Optional<String> host();

        @WithDefault("${BEHOLDER_TOKEN:}")
        Optional<String> token();

        @WithDefault("PT60S")
        Duration timeout();

        @WithDefault("3")
        int retries();

        @WithDefault("PT1S")
        Duration backoff();
    }

    /** Test tasks on the lease queue, claimed by ALTS's polls. */
    interface Tests {
        /** How long ALTS may run a claimed test before the next poll takes it over (ALBS_TESTS_LEASE_DURATION). */
        @WithDefault("PT6H")
        Duration leaseDuration();

        /** Claims of a test before a lost lease fails it (ALBS_TESTS_MAX_ATTEMPTS). */
        @WithDefault("2")
        int maxAttempts();
    }

    /** The ALTS scheduler, called to cancel started tests. Upstream's ALTS_HOST and ALTS_TOKEN are read. */
    interface Alts {
        @WithDefault("${ALTS_HOST:http://alts-scheduler:8000}")
        String host();

        @WithDefault("${ALTS_TOKEN:}")
        Optional<String> token();

        @WithDefault("PT60S")
        Duration timeout();

        @WithDefault("3")
        int retries();

        @WithDefault("PT1S")
        Duration backoff();
    }

    interface Jobs {
        /** Artifact-store job workers per instance (0: this instance runs none). */
        @WithDefault("2")
        int workers();

        /**
         * How long an idle worker waits before it looks for a job again: a task's dependants wait for its import,
         * so this adds to every step of a chain of builds (an idle look is one indexed query).
         */
        @WithDefault("PT0.25S")
        Duration pollInterval();

        /** How long a worker holds a job between two recorded steps before another worker may take it over. */
        @WithDefault("PT10M")
        Duration leaseDuration();

        /** How many claims a job may have (each passing failure costs one) before it fails. */
        @WithDefault("8")
        int maxAttempts();

        /** The first back-off after a passing failure; it doubles with each attempt up to maxBackOff. */
        @WithDefault("PT5S")
        Duration backOff();

        @WithDefault("PT10M")
        Duration maxBackOff();
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

        /**
         * The distribution's own product (upstream's bootstrap_permissions: product {@code AlmaLinux} of team
         * {@code almalinux}, owned by the system user {@code base_user}), made with the reference data and given
         * every platform of it; its builds are released into the platforms' production repositories.
         */
        DistributionProduct product();

        interface DistributionProduct {
            @WithDefault("AlmaLinux")
            String name();

            @WithDefault("almalinux")
            String team();

            /** The system user owning it: no password, inactive, so nobody signs in as it. */
            @WithDefault("base_user")
            String owner();

            @WithDefault("base_user@almalinux.org")
            String ownerEmail();
        }
    }

    interface Releases {
        /**
         * Create a platform's production repositories in the artifact store (under {@code prod/}) when a release
         * first commits into them. False: production repositories stay linked to their external URLs, and a release
         * into one that is not in the store is refused.
         */
        @WithDefault("true")
        boolean createProductionRepositories();
    }

    interface Sign {
        /**
         * How long a sign node holds a sign task (or key generation) before another node may take it; the sign node
         * never pings, so this is the only sign that it died.
         */
        @WithDefault("PT2H")
        Duration leaseDuration();

        /** How many claims a sign task may have before a lost lease fails it. */
        @WithDefault("3")
        int maxAttempts();

        /** How often each instance fails sign tasks whose last lease ran out (a Quarkus scheduler period). */
        @WithDefault("30s")
        String sweepInterval();
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

    interface Github {
        /** The OAuth app's client id and secret (upstream's GITHUB_CLIENT, GITHUB_CLIENT_SECRET). */
        @WithDefault("${GITHUB_CLIENT:}")
        Optional<String> client();

        @WithDefault("${GITHUB_CLIENT_SECRET:}")
        Optional<String> clientSecret();

        /** GitHub's OAuth pages (GitHub Enterprise: its own host). */
        @WithDefault("https://github.com")
        String oauthUrl();

        /** GitHub's REST API (GitHub Enterprise: {@code https://HOST/api/v3}). */
        @WithDefault("https://api.github.com")
        String apiUrl();

        /** Members of these organisations are verified on login; empty: anyone with a verified e-mail. */
        Optional<java.util.List<String>> organizations();

        /** Every call's timeout. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Frontend {
        /** The web UI's base URL (upstream's FRONTEND_BASEURL): the browser login ends there. */
        @WithDefault("${FRONTEND_BASEURL:http://localhost:8080/}")
        String baseUrl();
    }

    // ---- Sources: the project index, the git cacher, the gitea listener (SourcesWiring) ----

    Sources sources();

    GitCacher gitCacher();

    Gitea gitea();

    Mqtt mqtt();

    GiteaListener giteaListener();

    interface Sources {
        /** Prepended to every Redis key of the project index and its lock (tests, or several servers on one Redis). */
        @WithDefault("${ALBS_SOURCES_REDIS_KEY_PREFIX:}")
        Optional<String> redisKeyPrefix();
    }

    interface GitCacher {
        /** How often the git cacher refreshes the project index (a Quarkus scheduler period, ISO-8601). */
        @WithDefault("PT10M")
        String interval();

        /** How long one run may hold the cacher's lock (shared by every instance) before another may take it. */
        @WithDefault("PT30M")
        Duration lockTtl();
    }

    interface Gitea {
        /** Gitea's base URL (upstream's GITEA_HOST is read; a trailing /api/v1/ is accepted); unset: no cacher. */
        @WithDefault("${GITEA_HOST:}")
        Optional<String> host();

        /** The organisations the cacher walks; each has its index key {@code <org>_gitea_cache}. */
        @WithDefault("rpms,modules,autopatch")
        java.util.List<String> orgs();

        /** An API token, for private repositories or higher rate limits. */
        @WithDefault("${GITEA_TOKEN:}")
        Optional<String> token();

        @WithDefault("PT30S")
        Duration timeout();

        /** Items per page (Gitea's own maximum is 50 unless its MAX_RESPONSE_ITEMS is raised). */
        @WithDefault("50")
        int pageSize();
    }

    /** The keys of upstream's albs-gitea-listener-config.yaml (mqtt_queue_host → ALBS_MQTT_QUEUE_HOST, …). */
    interface Mqtt {
        /** The broker; unset (and no listener YAML file naming one): the listener is off. */
        Optional<String> queueHost();

        @WithDefault("1883")
        int queuePort();

        @WithDefault("gitea-webhooks-unmodified")
        String queueTopicUnmodified();

        @WithDefault("gitea-webhooks-modified")
        String queueTopicModified();

        @WithDefault("2")
        int queueQos();

        @WithDefault("albs_gitea_listener")
        String clientId();

        Optional<String> queueUsername();

        Optional<String> queuePassword();

        @WithDefault("false")
        boolean queueCleanSession();

        /** The first wait before reconnecting to a lost broker; it doubles up to reconnectMax. */
        @WithDefault("PT1S")
        Duration reconnectMin();

        @WithDefault("PT60S")
        Duration reconnectMax();
    }

    interface GiteaListener {
        /** Upstream's albs-gitea-listener-config.yaml; its mqtt_* keys win over the ALBS_MQTT_* settings. */
        Optional<String> config();

        /** The e-mail of the user that owns the builds made from pushes (required when the listener is on). */
        Optional<String> serviceUser();

        /**
         * Which platforms a pushed tag is built for: {@code PATTERNS=TARGETS;…}, first match wins
         * (org.albs.domain.sources.BuildTargetRules).
         */
        @WithDefault("c8*,a8*=AlmaLinux-8;c9*,a9*=AlmaLinux-9")
        String rules();
    }
}
