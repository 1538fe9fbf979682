#!/usr/bin/env bash
# Latency of the build feed's first page, GET /api/v1/builds/?pageNumber=1, with 100,000 builds in the database.
#
#   bench/run-list-bench.sh [--url URL] [--db NAME] [--start] [options]
#
#   --url URL         server (default http://127.0.0.1:18090)
#   --db NAME         the server's database, seeded directly with bench/seed_builds.sql (default albs_bench;
#                     must start with albs_bench)
#   --start           start the server from the built jar on a fresh database NAME, stop it at the end
#   --server-pid PID  the server's JVM for CPU accounting (default: the listener on the URL's port)
#   --builds N        builds the database must hold (default 100000); only the missing ones are seeded
#   --requests N      timed requests per concurrency level (default 200)
#   --concurrency L   concurrency levels (default 1,4)
#   --vacuum          VACUUM ANALYZE instead of ANALYZE (sets hint bits and the visibility map of freshly seeded
#                     rows, as autovacuum eventually does; the first scans after a bulk insert are slower)
#   --no-warmup       skip the warm-up run of the driver (100 requests at each concurrency level, for the JIT)
#   --out DIR         logs and the driver's JSON (default bench/out/list-<timestamp>)
#
# Credentials as for run-dispatch-bench.sh: ALBS_TOKEN, or ALBS_ADMIN_EMAIL/ALBS_ADMIN_PASSWORD.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

URL=http://127.0.0.1:18090
DB=albs_bench
START=0
SERVER_PID=
TARGET=100000
REQUESTS=200
CONCURRENCY=1,4
OUT=
ANALYZE=ANALYZE
WARMUP=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --url) URL=${2%/}; shift 2 ;;
        --db) DB=$2; shift 2 ;;
        --start) START=1; shift ;;
        --server-pid) SERVER_PID=$2; shift 2 ;;
        --builds) TARGET=$2; shift 2 ;;
        --requests) REQUESTS=$2; shift 2 ;;
        --concurrency) CONCURRENCY=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --vacuum) ANALYZE='VACUUM ANALYZE'; shift ;;
        --no-warmup) WARMUP=0; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
check_db_name "$DB"
prepare_run list
PG_PID=$(postmaster_pid)
db_exists "$DB" || die "database $DB does not exist"

if [[ -n "${ALBS_TOKEN:-}" && $START == 0 ]]; then
    ADMIN_TOKEN=$ALBS_TOKEN
else
    ADMIN_TOKEN=$(admin_token "$URL")
fi
printf '%s\n' "$ADMIN_TOKEN" >"$OUT/admin.token"
chmod 600 "$OUT/admin.token"

# ---------------------------------------------------------------- seed
HAVE=$(psql -d "$DB" -Atc 'SELECT count(*) FROM builds')
OWNER=$(psql -d "$DB" -Atc "SELECT id FROM users WHERE lower(email) = lower('$ADMIN_EMAIL')")
OWNER=${OWNER:-1}
if (( HAVE < TARGET )); then
    NEED=$((TARGET - HAVE))
    log "$DB holds $HAVE builds: seeding $NEED (owner $OWNER) with seed_builds.sql"
    SECONDS=0
    psql -q -d "$DB" -v n="$NEED" -v owner="$OWNER" -f "$BENCH_DIR/seed_builds.sql" >"$OUT/seed.log" 2>&1 \
        || { cat "$OUT/seed.log" >&2; die "seeding failed"; }
    log "seeded in ${SECONDS}s"
else
    log "$DB holds $HAVE builds (>= $TARGET): no seeding"
fi
log "$ANALYZE"
psql -q -d "$DB" -c "$ANALYZE" >/dev/null
API_TOTAL=$(curl -sf "$URL/api/v1/builds/?pageNumber=1" | json_field total_builds)
DB_TOTAL=$(psql -d "$DB" -Atc 'SELECT count(*) FROM builds')
[[ "$API_TOTAL" == "$DB_TOTAL" ]] || log "warning: the server reports $API_TOTAL builds, $DB has $DB_TOTAL: is --db right?"

# ---------------------------------------------------------------- measure
driver() { # driver NAME REQUESTS
    "$PY" "$SHARED/dispatch_bench.py" --base-url "$URL" --token-file "$OUT/admin.token" --scenario list \
        --list-seed "$TARGET" --list-seed-assume "$TARGET" --list-requests "$2" \
        --list-concurrency "$CONCURRENCY" --watch server="$SERVER_PID" --watch postgres="$PG_PID" \
        --json-out "$OUT/$1.json" >"$OUT/$1.log" 2>&1
}
if [[ $WARMUP == 1 ]]; then
    log "warm-up run (JIT): 100 requests per concurrency level"
    driver list-warmup 100 || log "warm-up run reported a problem, see $OUT/list-warmup.log"
fi
log "measured run"
RC=0
driver list "$REQUESTS" || RC=$?
grep '^\[' "$OUT/list.log" >&2 || true
[[ -f "$OUT/list.json" ]] || { tail -20 "$OUT/list.log" >&2; die "driver failed"; }

"$PY" - "$OUT/list.json" "$URL" <<'EOF' | tee "$OUT/summary.txt"
import json, sys
rep = json.load(open(sys.argv[1]))
L = rep['list']
print(f"== list bench: {sys.argv[2]}  GET /api/v1/builds/?pageNumber=1 with total_builds={L['total_builds']} "
      f"(seeded by the driver now: {L['seeded_now']}), page {L['page_bytes']} bytes")
for run in L['runs']:
    s, cpu = run['latency'], run['cpu']
    n = run['requests']
    srv = cpu.get('server_cpu_s')
    pg = cpu.get('postgres_cpu_s')
    print(f"c={run['concurrency']}: p50 {s['p50_ms']} ms  p90 {s['p90_ms']} ms  p99 {s['p99_ms']} ms  "
          f"max {s['max_ms']} ms  {run['req_per_s']} req/s  (n={s['count']}, http {s['http_status']}, "
          f"builds/page {run['builds_per_page']}); CPU/request server "
          f"{round(1000 * srv / n, 1) if srv is not None else '?'} ms, postgres "
          f"{round(1000 * pg / n, 1) if pg is not None else '?'} ms; machine busy "
          f"{cpu.get('machine_busy_pct_of_all_cpus')}%")
if rep.get('http_errors'):
    print('http errors:', json.dumps(rep['http_errors'])[:600])
EOF
log "uptime: $(uptime)"
log "output in $OUT"
exit $RC
