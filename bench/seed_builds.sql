-- Seeds N finished builds straight into the server's schema (Flyway V2), in the shape the server itself
-- writes them after a successful run, so list/show queries see realistic tables without N HTTP round trips.
--
-- Each build: 1 ref (https://git.almalinux.org/rpms/<package>.git @ c8), `tasks` tasks on one platform (src, then
-- ppc64le, s390x, x86_64, aarch64, i686 in planning order), all COMPLETED (status 2) with started/finished times,
-- attempt 1, lease held by the owner, built_srpm_url set on the ref's tasks, open_tasks 0 and finished_at set on the
-- build. With details=1 (default) each task also gets what build_done and the import write: `rpms` rpm artifacts
-- whose meta is the package header the store records (name/epoch/version/release/arch/sourcerpm/sha256) plus a
-- build_log (64-hex sha256), a performance_stats row, a finished IMPORT_ARTIFACTS store job, and history CLAIM + DONE.
--
-- Variety (all deterministic, from hashes of the build's number, so two seedings of the same size look alike):
--   packages  distinct package names; 0 (default) = one name per build, seed-<build id>. Otherwise builds pick names
--             skewed (the k-th name with probability ~ 1/sqrt(k)): a few names have thousands of builds, the
--             rarest about N / (2 * packages). The first ~60 names are real ones (bash, kernel, ...), the rest
--             look like Fedora names (python-…, perl-…, rubygem-…, golang-…, lib…).
--   owners    1 (default) = every build is `owner`'s; otherwise `owner` and users seed-owner-2 … seed-owner-<owners>
--             (created if missing, not superusers) share the builds, skewed the same way (`owner` has the most).
--   signed_pct, released_pct  per cent of the builds signed (builds.signed and sign_key_id, a COMPLETED sign task,
--             the artifacts' sign_key_id) and released (builds.released; a subset of the signed ones; release_id
--             stays NULL: no releases rows are seeded). Default 0.
--   running   the newest `running` builds are still running: their src task COMPLETED, the arch tasks STARTED
--             (lease held for a day, so no reclaim during a benchmark) without artifacts, open_tasks > 0,
--             finished_at NULL. Default 0.
--
-- Usage (against the server's database, while or after the server ran its migrations):
--   psql -d albs_bench -v n=100000 -f bench/seed_builds.sql
--   psql -d albs_bench -v n=1000000 -v tasks=5 -v packages=4000 -v owners=20 -v signed_pct=30 \
--        -v released_pct=10 -v running=20 -f bench/seed_builds.sql
-- Variables: n (100000), owner (1 = the start-up superuser), platform ('AlmaLinux-8'), details (1), tasks (3),
-- rpms (1, binary rpm artifacts per task besides the log: a second one is <name>-devel, further <name>-sub<i>),
-- packages (0), owners (1), signed_pct (0), released_pct (0), running (0).
-- Builds get created_at one minute apart, the last one 30 minutes ago, each finished 25 minutes after its
-- creation (naive UTC, as the server stores it); ids continue the sequences, so seeding twice adds N more.
\set ON_ERROR_STOP 1
\if :{?n}
\else
  \set n 100000
\endif
\if :{?owner}
\else
  \set owner 1
\endif
\if :{?platform}
\else
  \set platform 'AlmaLinux-8'
\endif
\if :{?details}
\else
  \set details 1
\endif
\if :{?tasks}
\else
  \set tasks 3
\endif
\if :{?rpms}
\else
  \set rpms 1
\endif
\if :{?packages}
\else
  \set packages 0
\endif
\if :{?owners}
\else
  \set owners 1
\endif
\if :{?signed_pct}
\else
  \set signed_pct 0
\endif
\if :{?released_pct}
\else
  \set released_pct 0
\endif
\if :{?running}
\else
  \set running 0
\endif

BEGIN;
SELECT id AS platform_id FROM platforms WHERE name = :'platform' \gset
SELECT count(*) = 1 AS owner_ok FROM users WHERE id = :owner \gset
\if :owner_ok
\else
  \echo 'seed_builds.sql: no user with id' :owner
  \quit
\endif
SELECT :tasks BETWEEN 1 AND 6 AND :rpms >= 1 AND :owners >= 1 AND :packages >= 0
       AND :released_pct <= :signed_pct AND :signed_pct <= 100 AS args_ok \gset
\if :args_ok
\else
  \echo 'seed_builds.sql: need 1 <= tasks <= 6, rpms >= 1, owners >= 1, packages >= 0, released_pct <= signed_pct <= 100'
  \quit
\endif
SELECT clock_timestamp() AS seed_started \gset

-- the owners: index 0 is :owner, 1 … owners-1 the users seed-owner-2 … (created when missing)
INSERT INTO users (username, email, is_active, is_verified, is_superuser, created_at, updated_at)
SELECT 'seed-owner-' || i, 'seed-owner-' || i || '@example.com', true, true, false, now() AT TIME ZONE 'utc',
       now() AT TIME ZONE 'utc'
  FROM generate_series(2, :owners) AS i
    ON CONFLICT DO NOTHING;
CREATE TEMP TABLE seed_owners ON COMMIT DROP AS
SELECT 0 AS idx, :owner::bigint AS user_id
 UNION ALL
SELECT i - 1, (SELECT id FROM users WHERE username = 'seed-owner-' || i) FROM generate_series(2, :owners) AS i;

-- the package names: index 0 … packages-1, real names first
CREATE TEMP TABLE seed_names ON COMMIT DROP AS
WITH real AS (
    SELECT ARRAY['bash', 'kernel', 'glibc', 'systemd', 'python3', 'openssl', 'gcc', 'coreutils', 'httpd', 'nginx',
                 'vim', 'git', 'curl', 'openssh', 'sudo', 'rpm', 'dnf', 'perl', 'php', 'nodejs', 'ruby', 'golang',
                 'java-17-openjdk', 'postgresql', 'mariadb', 'redis', 'firefox', 'thunderbird', 'gnome-shell',
                 'NetworkManager', 'selinux-policy', 'grub2', 'shim', 'dracut', 'lvm2', 'util-linux', 'e2fsprogs',
                 'xfsprogs', 'tar', 'gzip', 'xz', 'zlib', 'bzip2', 'sqlite', 'libxml2', 'expat', 'krb5', 'nss',
                 'gnutls', 'samba', 'bind', 'chrony', 'firewalld', 'podman', 'buildah', 'skopeo', 'tzdata',
                 'ca-certificates', 'python-requests', 'bash-completion', 'kernel-rt', 'perl-DBI'] AS names)
SELECT k, CASE WHEN k < cardinality(real.names) THEN real.names[k + 1]
               ELSE (ARRAY['python-', 'perl-', 'rubygem-', 'golang-github-', 'lib'])[k % 5 + 1] || 'pkg' || k END
           AS name
  FROM real, generate_series(0, GREATEST(:packages, 1) - 1) AS k;
CREATE UNIQUE INDEX ON seed_names (k);

\set sign_key ''
SELECT :signed_pct > 0 AS want_key \gset
\if :want_key
INSERT INTO sign_keys (name, description, keyid, fingerprint, inserted)
VALUES ('seed key', 'bench/seed_builds.sql', '5EED5EED5EED5EED', repeat('5EED', 10), now() AT TIME ZONE 'utc')
    ON CONFLICT DO NOTHING;
SELECT id AS sign_key FROM sign_keys WHERE keyid = '5EED5EED5EED5EED' \gset
\endif

-- one row per build: its id (taken from the sequence first, so every property is a function of it) and its shape
CREATE TEMP TABLE seed_builds ON COMMIT DROP AS
WITH base AS (SELECT (now() AT TIME ZONE 'utc') - interval '30 minutes' AS t0),
ids AS (SELECT g, nextval(pg_get_serial_sequence('builds', 'id')) AS id FROM generate_series(1, :n) AS g ORDER BY g),
u AS (SELECT g, id,
             -- three independent uniform numbers in [0, 1) per build
             (hashint8extended(id, 1) & 4294967295) / 4294967296.0 AS u_pkg,
             (hashint8extended(id, 2) & 4294967295) / 4294967296.0 AS u_owner,
             (hashint8extended(id, 3) & 4294967295) / 4294967296.0 AS u_flag
        FROM ids)
SELECT u.id, u.g, base.t0 - make_interval(mins => :n - u.g) AS created_at,
       u.g > :n - :running AS running,
       CASE WHEN :packages = 0 THEN 'seed-' || u.id
            ELSE (SELECT name FROM seed_names WHERE k = floor(:packages * u.u_pkg * u.u_pkg)::int) END AS pkg,
       (SELECT user_id FROM seed_owners WHERE idx = floor(:owners * u.u_owner * u.u_owner)::int) AS owner_id,
       u.u_flag * 100 < :signed_pct AND u.g <= :n - :running AS signed,
       u.u_flag * 100 < :released_pct AND u.g <= :n - :running AS released,
       '1.' || (u.id % 50) AS version, (u.id % 7 + 1) || '.el8' AS release
  FROM u, base
 ORDER BY u.g;

INSERT INTO builds (id, created_at, finished_at, owner_id, open_tasks, signed, released, sign_key_id)
SELECT id, created_at, CASE WHEN running THEN NULL ELSE created_at + interval '25 minutes' END, owner_id,
       CASE WHEN running THEN :tasks - 1 ELSE 0 END, signed, released,
       CASE WHEN signed THEN NULLIF(:'sign_key', '')::bigint END
  FROM seed_builds ORDER BY id;

CREATE TEMP TABLE seed_refs ON COMMIT DROP AS
WITH ins AS (
    INSERT INTO build_task_refs (build_id, url, git_ref, ref_type)
    SELECT id, 'https://git.almalinux.org/rpms/' || pkg || '.git', 'c8', 1
      FROM seed_builds ORDER BY id
    RETURNING id, build_id)
SELECT ins.id AS ref_id, ins.build_id, b.created_at, b.running, b.owner_id, b.pkg, b.version, b.release, b.signed
  FROM ins JOIN seed_builds b ON b.id = ins.build_id;

-- src first, then the arches in planning order: ids ascend as the planner orders them. A running build's arch tasks
-- are STARTED (1), everything else COMPLETED (2).
CREATE TEMP TABLE seed_tasks ON COMMIT DROP AS
WITH ins AS (
    INSERT INTO build_tasks (build_id, platform_id, ref_id, owner_id, status, index, arch, is_secure_boot,
                             mock_options, pending_deps, lease_renewed_at, lease_holder, lease_expires_at, attempt,
                             started_at, finished_at, built_srpm_url)
    SELECT r.build_id, :platform_id, r.ref_id, r.owner_id, CASE WHEN r.running AND a.ord > 0 THEN 1 ELSE 2 END, 0,
           a.arch, false, '{"definitions": {}}'::jsonb, 0,
           r.created_at + make_interval(mins => a.ord * 8 + 1),
           r.owner_id,
           CASE WHEN r.running AND a.ord > 0 THEN (now() AT TIME ZONE 'utc') + interval '1 day'
                ELSE r.created_at + make_interval(mins => a.ord * 8 + 21) END,
           1,
           r.created_at + make_interval(mins => a.ord * 8 + 1),
           CASE WHEN r.running AND a.ord > 0 THEN NULL ELSE r.created_at + make_interval(mins => a.ord * 8 + 8) END,
           :'platform' || '-src-' || r.build_id || '-br/Packages/' || lower(left(r.pkg, 1)) || '/' || r.pkg || '-'
               || r.version || '-' || r.release || '.src.rpm'
      FROM seed_refs r
     CROSS JOIN (SELECT ord, (ARRAY['src', 'ppc64le', 's390x', 'x86_64', 'aarch64', 'i686'])[ord + 1] AS arch
                   FROM generate_series(0, :tasks - 1) AS ord) AS a
     ORDER BY r.build_id, a.ord
    RETURNING id, build_id, ref_id, arch, status, started_at, finished_at, owner_id)
SELECT ins.*, r.pkg, r.version, r.release, r.signed
  FROM ins JOIN seed_refs r ON r.ref_id = ins.ref_id;

\if :details
-- what build_done and the import leave: per task `rpms` + 1 artifacts. An arch task: the rpms (<name>, <name>-devel,
-- <name>-sub<i>) with the header the store records at import in meta (the feed's rpm_* filters read it), then its
-- log; the src task: the src.rpm, then `rpms` logs. A signed build's rpms carry the key.
INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, content_handle, meta, sign_key_id)
SELECT t.id, x.name, x.type, x.href, x.sha, CASE WHEN x.type = 'rpm' THEN x.href END,
       CASE WHEN x.type = 'rpm' THEN jsonb_build_object('name', x.rpm, 'epoch', '0', 'version', t.version,
            'release', t.release, 'arch', t.arch, 'sourcerpm', t.pkg || '-' || t.version || '-' || t.release
            || '.src.rpm', 'sha256', x.sha) END,
       CASE WHEN x.type = 'rpm' AND t.signed THEN NULLIF(:'sign_key', '')::bigint END
  FROM seed_tasks t
 CROSS JOIN LATERAL (
        SELECT y.*, encode(sha256(convert_to(y.href, 'UTF8')), 'hex') AS sha
          FROM (SELECT i,
                       CASE WHEN t.arch = 'src' AND i = 1 THEN 'rpm'
                            WHEN t.arch <> 'src' AND i <= :rpms THEN 'rpm' ELSE 'build_log' END AS type,
                       CASE i WHEN 1 THEN t.pkg WHEN 2 THEN t.pkg || '-devel' ELSE t.pkg || '-sub' || i END AS rpm,
                       CASE WHEN t.arch = 'src' AND i = 1
                                 THEN t.pkg || '-' || t.version || '-' || t.release || '.src.rpm'
                            WHEN t.arch <> 'src' AND i <= :rpms
                                 THEN (CASE i WHEN 1 THEN t.pkg WHEN 2 THEN t.pkg || '-devel'
                                              ELSE t.pkg || '-sub' || i END)
                                      || '-' || t.version || '-' || t.release || '.' || t.arch || '.rpm'
                            WHEN i = :rpms + 1 OR t.arch = 'src' AND i = 2 THEN 'mock_build.' || t.id || '.log'
                            ELSE 'mock_root' || i || '.' || t.id || '.log' END AS name,
                       '/pulp/api/v3/artifacts/seed-' || t.id || '-' || i || '/' AS href
                  FROM generate_series(1, :rpms + 1) AS i) AS y) AS x
 WHERE t.status = 2
 ORDER BY t.id, x.i;

-- each finished task's artifacts imported: a finished import job (StoreJobStatus DONE = 2)
INSERT INTO store_jobs (kind, build_id, build_task_id, status, attempt, started_at, finished_at, created_at)
SELECT 'IMPORT_ARTIFACTS', build_id, id, 2, 1, finished_at, finished_at, finished_at FROM seed_tasks
 WHERE status = 2 ORDER BY id;

INSERT INTO performance_stats (build_task_id, statistics)
SELECT id, jsonb_build_object(
           'build_node_stats', jsonb_build_object('build_node_task', jsonb_build_object(
               'start_ts', to_char(started_at, 'YYYY-MM-DD HH24:MI:SS.US'),
               'end_ts', to_char(finished_at, 'YYYY-MM-DD HH24:MI:SS.US'),
               'delta', '0:07:00')),
           'build_done_stats', jsonb_build_object('build_done', jsonb_build_object(
               'start_ts', to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'end_ts', to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'delta', '0:00:00')))
  FROM seed_tasks WHERE status = 2 ORDER BY id;

INSERT INTO build_task_history (build_task_id, at, event, status, actor_user_id, attempt, reason)
SELECT t.id, h.at, h.event, h.status, t.owner_id, 1, NULL
  FROM seed_tasks t
 CROSS JOIN LATERAL (VALUES (t.started_at, 'CLAIM', 1), (t.finished_at, 'DONE', 2)) AS h(at, event, status)
 WHERE h.status <= t.status
 ORDER BY t.id, h.status;

-- a signed build's sign task (SignTaskStatus COMPLETED = 3)
INSERT INTO sign_tasks (build_id, sign_key_id, status, attempt, started_at, finished_at, created_at)
SELECT id, NULLIF(:'sign_key', '')::bigint, 3, 1, created_at + interval '26 minutes', created_at + interval '28 minutes',
       created_at + interval '25 minutes'
  FROM seed_builds WHERE signed ORDER BY id;
\endif

SELECT count(*) AS builds_seeded, min(id) AS first_build, max(id) AS last_build,
       count(*) FILTER (WHERE signed) AS signed, count(*) FILTER (WHERE released) AS released,
       count(*) FILTER (WHERE running) AS running, count(DISTINCT pkg) AS packages,
       count(DISTINCT owner_id) AS owners,
       round(extract(epoch FROM clock_timestamp() - :'seed_started'::timestamptz)::numeric, 1) AS seconds
  FROM seed_builds;
COMMIT;
