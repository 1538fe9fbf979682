#!/usr/bin/env bash
# Latency of the build feed, GET /api/v1/builds/, with many builds in the database: page 1 unfiltered, page 1 with
# each filter the UI's search sends (rpm_name, project, created_by, signed, released) and page 1,000.
#
#   bench/run-list-bench.sh [--url URL] [--db NAME] [--start] [options]
#   bench/run-list-bench.sh --start --db albs_bench_feed --builds 1000000 --vacuum
#
#   --url URL         server (default http://127.0.0.1:18090)
#   --db NAME         the server's database, seeded directly with bench/seed_builds.sql (default albs_bench;
#                     must start with albs_bench)
#   --start           start the server from the built jar on a fresh database NAME, stop it at the end
#   --server-pid PID  the server's JVM for CPU accounting (default: the listener on the URL's port)
#   --builds N        builds the database must hold (default 100000); only the missing ones are seeded
#   --seed-var K=V    a seed_builds.sql variable for the builds seeded now (repeatable). The defaults give the
#                     shape of issue 21: tasks=5 (10 artifacts a build), packages=4000, owners=20, signed_pct=30,
#                     released_pct=10, running=20; --seed-var packages=0 etc. for the old shape (3 tasks, one
#                     package per build, one owner)
#   --cases LIST      which cases, comma-separated (default all): page1, rpm_name, project, created_by, signed,
#                     released, page1000
#   --rpm-name X, --project X, --created-by ID   filter values (default: picked from the data: the package name
#                     whose build count is nearest 300 for rpm_name and nearest 3,000 for project, the owner with
#                     the median number of builds for created_by)
#   --requests N      timed requests per case (default 200)
#   --concurrency N   concurrent requests (default 1)
#   --vacuum          VACUUM ANALYZE instead of ANALYZE (sets hint bits and the visibility map of freshly seeded
#                     rows, as autovacuum eventually does; the first scans after a bulk insert are slower)
#   --no-warmup       skip the warm-up (50 untimed requests per case before its timed ones, and one pass of
#                     100 requests over all cases first, for the JIT)
#   --out DIR         logs and the JSON report (default bench/out/list-<timestamp>)
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
CONCURRENCY=1
OUT=
ANALYZE=ANALYZE
WARMUP=1
CASES=page1,rpm_name,project,created_by,signed,released,page1000
RPM_NAME=
PROJECT=
CREATED_BY=
declare -A SEED=([tasks]=5 [packages]=4000 [owners]=20 [signed_pct]=30 [released_pct]=10 [running]=20)
while [[ $# -gt 0 ]]; do
    case $1 in
        --url) URL=${2%/}; shift 2 ;;
        --db) DB=$2; shift 2 ;;
        --start) START=1; shift ;;
        --server-pid) SERVER_PID=$2; shift 2 ;;
        --builds) TARGET=$2; shift 2 ;;
        --seed-var) [[ $2 == *=* ]] || die "--seed-var wants K=V"; SEED[${2%%=*}]=${2#*=}; shift 2 ;;
        --cases) CASES=$2; shift 2 ;;
        --rpm-name) RPM_NAME=$2; shift 2 ;;
        --project) PROJECT=$2; shift 2 ;;
        --created-by) CREATED_BY=$2; shift 2 ;;
        --requests) REQUESTS=$2; shift 2 ;;
        --concurrency) CONCURRENCY=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --vacuum) ANALYZE='VACUUM ANALYZE'; shift ;;
        --no-warmup) WARMUP=0; shift ;;
        -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
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
    VARS=(-v n="$NEED" -v owner="$OWNER")
    for k in "${!SEED[@]}"; do VARS+=(-v "$k=${SEED[$k]}"); done
    log "$DB holds $HAVE builds: seeding $NEED (owner $OWNER; ${VARS[*]}) with seed_builds.sql; disk: $(df -h --output=avail "$BENCH_DIR" | tail -1) free"
    SECONDS=0
    psql -d "$DB" "${VARS[@]}" -f "$BENCH_DIR/seed_builds.sql" >"$OUT/seed.log" 2>&1 \
        || { cat "$OUT/seed.log" >&2; die "seeding failed"; }
    grep -A3 'builds_seeded' "$OUT/seed.log" >&2 || true
    log "seeded in ${SECONDS}s; database size $(psql -d "$DB" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"
else
    log "$DB holds $HAVE builds (>= $TARGET): no seeding"
fi
log "$ANALYZE"
SECONDS=0
psql -q -d "$DB" -c "$ANALYZE" >/dev/null
log "$ANALYZE took ${SECONDS}s"
API_TOTAL=$(curl -sf "$URL/api/v1/builds/?pageNumber=1" | json_field total_builds)
DB_TOTAL=$(psql -d "$DB" -Atc 'SELECT count(*) FROM builds')
[[ "$API_TOTAL" == "$DB_TOTAL" ]] || log "warning: the server reports $API_TOTAL builds, $DB has $DB_TOTAL: is --db right?"

# ---------------------------------------------------------------- filter values that match some builds
# a package by its number of builds (the ref's URL names it, and its rpms carry the name)
package_near() {
    psql -d "$DB" -Atc "SELECT substring(url from '/rpms/([^/]+)\.git\$') FROM build_task_refs GROUP BY url
                         ORDER BY abs(count(*) - $1), url LIMIT 1"
}
[[ -n "$RPM_NAME" ]] || RPM_NAME=$(package_near 300)
[[ -n "$PROJECT" ]] || PROJECT=$(package_near 3000)
[[ -n "$CREATED_BY" ]] || CREATED_BY=$(psql -d "$DB" -Atc "SELECT owner_id FROM (SELECT owner_id, count(*) AS n
    FROM builds GROUP BY owner_id) c ORDER BY n, owner_id OFFSET (SELECT count(DISTINCT owner_id) / 2 FROM builds)
    LIMIT 1")
declare -A QUERY=(
    [page1]="pageNumber=1"
    [rpm_name]="pageNumber=1&rpm_name=$RPM_NAME"
    [project]="pageNumber=1&project=$PROJECT"
    [created_by]="pageNumber=1&created_by=$CREATED_BY"
    [signed]="pageNumber=1&signed=true"
    [released]="pageNumber=1&released=true"
    [page1000]="pageNumber=1000"
)
CASE_ARGS=()
IFS=, read -ra WANTED <<<"$CASES"
for c in "${WANTED[@]}"; do
    [[ -n "${QUERY[$c]:-}" ]] || die "unknown case $c (known: ${!QUERY[*]})"
    CASE_ARGS+=(--case "$c=${QUERY[$c]}")
    log "case $c: GET /api/v1/builds/?${QUERY[$c]}"
done

# ---------------------------------------------------------------- measure
driver() { # driver NAME REQUESTS WARMUP
    "$PY" "$BENCH_DIR/list_cases.py" --base-url "$URL" --token-file "$OUT/admin.token" --shared-dir "$SHARED" \
        "${CASE_ARGS[@]}" --requests "$2" --warmup "$3" --concurrency "$CONCURRENCY" \
        --watch server="$SERVER_PID" --watch postgres="$PG_PID" --json-out "$OUT/$1.json" >"$OUT/$1.log" 2>&1
}
if [[ $WARMUP == 1 ]]; then
    log "warm-up pass (JIT): 100 requests per case"
    driver list-warmup 100 0 || log "warm-up run reported a problem, see $OUT/list-warmup.log"
fi
log "measured run: $REQUESTS requests per case at concurrency $CONCURRENCY; uptime: $(uptime)"
RC=0
driver list "$REQUESTS" $((WARMUP == 1 ? 50 : 0)) || RC=$?
[[ -f "$OUT/list.json" ]] || { tail -20 "$OUT/list.log" >&2; die "driver failed"; }
{
    echo "== list bench: $URL, $DB_TOTAL builds, concurrency $CONCURRENCY, $REQUESTS requests per case"
    cat "$OUT/list.log"
} | tee "$OUT/summary.txt"
log "uptime: $(uptime)"
log "output in $OUT"
exit $RC
