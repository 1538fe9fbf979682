-- Seeds N finished builds straight into the server's schema (Flyway V2), in the shape the server itself
-- writes them after a successful run, so list/show queries see realistic tables without N HTTP round trips.
--
-- Each build: 1 ref (https://git.almalinux.org/rpms/seed-<build>.git @ c8), tasks src + ppc64le + s390x on one
-- platform, all COMPLETED (status 2) with started/finished times, attempt 1, lease held by the owner,
-- built_srpm_url set on the ref's tasks, open_tasks 0 and finished_at set on the build. With details=1 (default)
-- each task also gets what build_done writes: 2 artifacts (rpm + build_log, 64-hex sha256), a performance_stats
-- row, a finished IMPORT_ARTIFACTS store job, and history CLAIM + DONE.
--
-- Usage (against the server's database, while or after the server ran its migrations):
--   psql -d albs_bench -v n=100000 -f bench/seed_builds.sql
-- Variables: n (100000), owner (1 = the start-up superuser), platform ('AlmaLinux-8'), details (1).
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

BEGIN;
SELECT id AS platform_id FROM platforms WHERE name = :'platform' \gset
SELECT count(*) = 1 AS owner_ok FROM users WHERE id = :owner \gset
\if :owner_ok
\else
  \echo 'seed_builds.sql: no user with id' :owner
  \quit
\endif

CREATE TEMP TABLE seed_builds ON COMMIT DROP AS
WITH base AS (SELECT (now() AT TIME ZONE 'utc') - interval '30 minutes' AS t0),
ins AS (
    INSERT INTO builds (created_at, finished_at, owner_id, open_tasks)
    SELECT base.t0 - make_interval(mins => :n - g), base.t0 - make_interval(mins => :n - g) + interval '25 minutes',
           :owner, 0
      FROM base, generate_series(1, :n) AS g
     ORDER BY g
    RETURNING id, created_at)
SELECT * FROM ins;

CREATE TEMP TABLE seed_refs ON COMMIT DROP AS
WITH ins AS (
    INSERT INTO build_task_refs (build_id, url, git_ref, ref_type)
    SELECT id, 'https://git.almalinux.org/rpms/seed-' || id || '.git', 'c8', 1
      FROM seed_builds ORDER BY id
    RETURNING id, build_id)
SELECT ins.id AS ref_id, ins.build_id, b.created_at FROM ins JOIN seed_builds b ON b.id = ins.build_id;

-- src first, then the arches in planning order: ids ascend as the planner orders them.
CREATE TEMP TABLE seed_tasks ON COMMIT DROP AS
WITH ins AS (
    INSERT INTO build_tasks (build_id, platform_id, ref_id, owner_id, status, index, arch, is_secure_boot,
                             mock_options, pending_deps, lease_renewed_at, lease_holder, lease_expires_at, attempt,
                             started_at, finished_at, built_srpm_url)
    SELECT r.build_id, :platform_id, r.ref_id, :owner, 2, 0, a.arch, false,
           '{"definitions": {}}'::jsonb, 0,
           r.created_at + make_interval(mins => a.ord * 8 + 1),
           :owner,
           r.created_at + make_interval(mins => a.ord * 8 + 21),
           1,
           r.created_at + make_interval(mins => a.ord * 8 + 1),
           r.created_at + make_interval(mins => a.ord * 8 + 8),
           :'platform' || '-src-' || r.build_id || '-br/Packages/s/seed-' || r.build_id || '-1.0-1.el8.src.rpm'
      FROM seed_refs r
     CROSS JOIN (VALUES (0, 'src'), (1, 'ppc64le'), (2, 's390x')) AS a(ord, arch)
     ORDER BY r.build_id, a.ord
    RETURNING id, build_id, arch, started_at, finished_at)
SELECT * FROM ins;

\if :details
INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, meta)
SELECT t.id, x.name, x.type, x.href, encode(sha256(convert_to(x.href, 'UTF8')), 'hex'), x.meta
  FROM seed_tasks t
 CROSS JOIN LATERAL (VALUES
        ('seed-' || t.build_id || '-1.0-1.el8.' || t.arch || '.rpm', 'rpm',
         '/pulp/api/v3/artifacts/seed-' || t.id || '-rpm/',
         -- the package header the store records at import (the feed's rpm_* filters read it)
         jsonb_build_object('name', 'seed-' || t.build_id, 'epoch', '0', 'version', '1.0', 'release', '1.el8',
                            'arch', t.arch)),
        ('mock_build.' || t.id || '.log', 'build_log',
         '/pulp/api/v3/artifacts/seed-' || t.id || '-log/', NULL::jsonb)) AS x(name, type, href, meta)
 ORDER BY t.id;

-- each task's artifacts imported: a finished import job (StoreJobStatus DONE = 2)
INSERT INTO store_jobs (kind, build_id, build_task_id, status, attempt, started_at, finished_at, created_at)
SELECT 'IMPORT_ARTIFACTS', build_id, id, 2, 1, finished_at, finished_at, finished_at FROM seed_tasks ORDER BY id;

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
  FROM seed_tasks ORDER BY id;

INSERT INTO build_task_history (build_task_id, at, event, status, actor_user_id, attempt, reason)
SELECT t.id, h.at, h.event, h.status, :owner, 1, NULL
  FROM seed_tasks t
 CROSS JOIN LATERAL (VALUES (t.started_at, 'CLAIM', 1), (t.finished_at, 'DONE', 2)) AS h(at, event, status)
 ORDER BY t.id, h.status;
\endif

SELECT count(*) AS builds_seeded, min(id) AS first_build, max(id) AS last_build FROM seed_builds;
COMMIT;
