#!/usr/bin/env bash
# How long planning a release takes in the request: one finished build of N packages (seeded in SQL, with the
# package headers the import records), a beholder stub that knows every package, POST /api/v1/releases/new/ timed
# over several rounds. The issue's bar: 1,000 packages plan in under 2 s.
#
#   bench/run-release-plan-bench.sh [--packages N] [--rounds R]
#
# Starts the built jar (mvn -B -q -DskipTests install) on a fresh database albs_bench_release, port 18091.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PACKAGES=1000
ROUNDS=10
while [[ $# -gt 0 ]]; do
    case $1 in
        --packages) PACKAGES=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
URL=http://127.0.0.1:18091
DB=albs_bench_release
STUB_PORT=18191
OUT=$(mktemp -d)
STUB_PID=
SERVER_PID=
trap 'rc=$?; [[ $rc != 0 && -f "$OUT/server.log" ]] && tail -30 "$OUT/server.log" >&2; stop_server "$SERVER_PID"; [[ -n "$STUB_PID" ]] && kill "$STUB_PID" 2>/dev/null; rm -rf "$OUT"' EXIT
log "uptime: $(uptime)"
"$PY" "$BENCH_DIR/release_plan_bench.py" --url "$URL" --token x --build 0 --platform 0 \
    --packages "$PACKAGES" --stub-port "$STUB_PORT" &
STUB_PID=$!
fresh_db "$DB"
# the embedded store serves this run; a PULP_HOST only keeps lib.sh from starting its fake Pulp
PULP_HOST=http://127.0.0.1:9
SERVER_PID=$(start_server 18091 "$DB" "$OUT/server.log" BEHOLDER_HOST="http://127.0.0.1:$STUB_PORT" \
    ALBS_ARTIFACT_STORE=local ALBS_STORE_DIR="$OUT/store")
wait_ready "$URL" "$SERVER_PID" "$OUT/server.log"
TOKEN=
for _ in $(seq 120); do  # the superuser is made just after start-up
    TOKEN=$(curl -sf -X POST "$URL/api/v1/auth/login" --data-urlencode "username=$ADMIN_EMAIL" \
        --data-urlencode "password=$ADMIN_PASSWORD" | json_field access_token 2>/dev/null || true)
    [[ -n "$TOKEN" ]] && break
    sleep 0.5
done
[[ -n "$TOKEN" ]] || die "admin login failed at $URL"
for _ in $(seq 120); do  # and the reference data loaded
    [[ "$(psql -d "$DB" -Atc "SELECT count(*) FROM platforms WHERE name = 'AlmaLinux-8'")" == 1 ]] && break
    sleep 0.5
done
log "seeding one finished build of $PACKAGES packages"
read -r BUILD PLATFORM < <(psql -d "$DB" -qAt -F ' ' -v n="$PACKAGES" <<'SQL'
\set ON_ERROR_STOP 1
BEGIN;
SELECT id AS platform_id FROM platforms WHERE name = 'AlmaLinux-8' \gset
INSERT INTO builds (created_at, finished_at, owner_id, open_tasks)
VALUES (now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc', 1, 0) RETURNING id AS build_id \gset
INSERT INTO build_task_refs (build_id, url, git_ref, ref_type)
VALUES (:build_id, 'https://git.almalinux.org/rpms/bench.git', 'c8', 1) RETURNING id AS ref_id \gset
INSERT INTO build_tasks (build_id, platform_id, ref_id, owner_id, status, index, arch, is_secure_boot, mock_options,
                         pending_deps, attempt, started_at, finished_at)
VALUES (:build_id, :platform_id, :ref_id, 1, 2, 0, 'x86_64', false, '{}'::jsonb, 0, 1, now() AT TIME ZONE 'utc',
        now() AT TIME ZONE 'utc') RETURNING id AS task_id \gset
INSERT INTO build_artifacts (build_task_id, name, type, href, sha256, meta, content_handle)
SELECT :task_id, 'bench-pkg' || g || '-1.0-1.el8.' || arch || '.rpm', 'rpm', '/bench/' || g,
       encode(sha256(convert_to('bench' || g, 'UTF8')), 'hex'),
       jsonb_build_object('name', 'bench-pkg' || g, 'epoch', '0', 'version', '1.0', 'release', '1.el8',
                          'arch', arch, 'sourcerpm', 'bench-1.0-1.el8.src.rpm',
                          'sha256', encode(sha256(convert_to('bench' || g, 'UTF8')), 'hex')),
       'rpm:' || encode(sha256(convert_to('bench' || g, 'UTF8')), 'hex')
  FROM generate_series(0, :n - 1) AS g, LATERAL (SELECT CASE WHEN g % 3 = 0 THEN 'noarch' ELSE 'x86_64' END AS arch) x;
COMMIT;
SELECT :build_id, :platform_id;
SQL
)
log "build $BUILD on platform $PLATFORM; timing $ROUNDS plans"
"$PY" "$BENCH_DIR/release_plan_bench.py" --url "$URL" --token "$TOKEN" --build "$BUILD" --platform "$PLATFORM" \
    --packages "$PACKAGES" --rounds "$ROUNDS"
