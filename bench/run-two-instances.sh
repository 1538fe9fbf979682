#!/usr/bin/env bash
# Two server instances on one fresh database, 16 build nodes spread over both: is every task dispatched exactly
# once, completed, and is every build finished?
#
#   bench/run-two-instances.sh [--db NAME] [--keep-db] [multi_instance_check.py options...]
#
# Starts the built jar twice (ports 18091 and 18092, same JWT_SECRET and superuser; the second once the first
# has migrated the schema) on a fresh database albs_bench_multi, runs bench/multi_instance_check.py against
# both, prints a scan of both server logs for errors, and stops both servers (also on failure or Ctrl-C).
# Exit status: that of the check (0 = PASS). Builds nothing: run `mvn -B -q -DskipTests package` first.
# Extra options are passed to the check, e.g. --nodes 16 --builds 50 --refs 10 --build-time 0.05.
# DB pool per instance: ALBS_DB_POOL_SIZE (default: the server's own default, 4).
#
#   bench/run-two-instances.sh --crash-after N [...]
#
# Crash mode: once N tasks are reported done, instance A is killed with SIGKILL (no shutdown, transactions cut
# mid-flight). The check runs with --failover: nodes re-send to B what failed on A. Leases default to PT5S here
# (ALBS_DISPATCH_LEASE_DURATION overrides), so tasks whose get_task answer died with A are taken over quickly.
# PASS = every task still COMPLETED once with one CLAIM and one DONE, no task handed to two nodes, every build
# finished, no error on B.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DB=albs_bench_multi
PORT_A=18091
PORT_B=18092
EXTRA=()
CRASH_AFTER=
while [[ $# -gt 0 ]]; do
    case $1 in
        --db) DB=$2; shift 2 ;;
        --crash-after) CRASH_AFTER=$2; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) EXTRA+=("$1"); shift ;;
    esac
done
check_db_name "$DB"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT=${OUT:-$BENCH_DIR/out/multi-$STAMP}
mkdir -p "$OUT"
POOL=${ALBS_DB_POOL_SIZE:-4}
SERVER_ENV=(ALBS_DB_POOL_SIZE="$POOL")
if [[ -n "$CRASH_AFTER" ]]; then
    [[ "$CRASH_AFTER" =~ ^[0-9]+$ ]] || { echo "--crash-after needs a number of reported tasks" >&2; exit 2; }
    SERVER_ENV+=(ALBS_DISPATCH_LEASE_DURATION="${ALBS_DISPATCH_LEASE_DURATION:-PT5S}")
    EXTRA+=(--failover)
fi

PID_A= PID_B= KILLER=
cleanup() {
    [[ -n "$KILLER" ]] && { kill "$KILLER" 2>/dev/null || true; }
    [[ -n "$PID_B" ]] && { log "stopping instance B ($PID_B)"; stop_server "$PID_B"; }
    [[ -n "$PID_A" ]] && { log "stopping instance A ($PID_A)"; stop_server "$PID_A"; }
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "uptime: $(uptime)"
log "fresh database $DB; logs in $OUT"
fresh_db "$DB"
PID_A=$(start_server "$PORT_A" "$DB" "$OUT/server-a.log" "${SERVER_ENV[@]}")
wait_ready "http://127.0.0.1:$PORT_A" "$PID_A" "$OUT/server-a.log"
log "instance A up (pid $PID_A, port $PORT_A): schema migrated"
PID_B=$(start_server "$PORT_B" "$DB" "$OUT/server-b.log" "${SERVER_ENV[@]}")
wait_ready "http://127.0.0.1:$PORT_B" "$PID_B" "$OUT/server-b.log"
log "instance B up (pid $PID_B, port $PORT_B)"

if [[ -n "$CRASH_AFTER" ]]; then
    # kills A once N reports are stored (counted in the database, whichever instance took them)
    (
        while :; do
            done_n=$(psql -d "$DB" -Atc "SELECT count(*) FROM build_task_history WHERE event = 'DONE'" 2>/dev/null || echo 0)
            [[ "${done_n:-0}" -ge "$CRASH_AFTER" ]] && break
            kill -0 "$PID_A" 2>/dev/null || exit 0
            sleep 0.1
        done
        kill -KILL "$PID_A" 2>/dev/null && log "killed instance A (pid $PID_A) with SIGKILL after $done_n reports"
    ) &
    KILLER=$!
fi

RC=0
ALBS_ADMIN_EMAIL=$ADMIN_EMAIL ALBS_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    "$PY" "$BENCH_DIR/multi_instance_check.py" --urls "http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B" \
    "${EXTRA[@]}" 2>&1 | tee "$OUT/check.log" || true
RC=${PIPESTATUS[0]}

for side in a b; do
    f="$OUT/server-$side.log"
    n_err=$(grep -c ' ERROR ' "$f" || true)
    n_warn=$(grep -c ' WARN ' "$f" || true)
    log "server-$side.log: $n_err ERROR, $n_warn WARN lines"
    if [[ $n_err -gt 0 ]]; then
        grep -m 5 -A 3 ' ERROR ' "$f" | cut -c1-400 >&2 || true
    fi
done
psql -d "$DB" -At -F ' ' -c "SELECT 'db: tasks by status', string_agg(status || '=' || n, ' ') FROM
    (SELECT status, count(*) n FROM build_tasks GROUP BY status ORDER BY status) s" \
    -c "SELECT 'db: history events', string_agg(event || '=' || n, ' ') FROM
    (SELECT event, count(*) n FROM build_task_history GROUP BY event ORDER BY event) s" \
    -c "SELECT 'db: builds unfinished', count(*) FROM builds WHERE finished_at IS NULL" \
    -c "SELECT 'db: deadlocks', deadlocks, 'rolled-back transactions', xact_rollback FROM pg_stat_database
        WHERE datname = current_database()" >&2 || true
log "uptime: $(uptime)"
exit "$RC"
