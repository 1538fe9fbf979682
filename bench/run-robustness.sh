#!/usr/bin/env bash
# Bad input and interference against one server on a fresh database: bench/fuzz_api.py (every route, malformed
# input: no 5xx, every 4xx JSON with a detail), then bench/chaos_check.py (nodes reporting, going silent and late
# while builds are cancelled, restarted and removed: the queue's invariants must hold), then a scan of the server
# log for ERROR lines.
#
#   bench/run-robustness.sh [--db NAME] [--seconds S] [--nodes N] [--skip-fuzz] [--skip-chaos] [--two-instances]
#
# --two-instances: a second server on :18094, same database; the chaos sends every request to either one.
# The server gets ALBS_DISPATCH_LEASE_DURATION=PT3S and ALBS_DISPATCH_SWEEP_INTERVAL=PT1S (leases expire during
# the run). Exit status 0 when everything passed. Builds nothing: run `mvn -B -q -DskipTests package` first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DB=albs_bench_chaos
PORT=18093
SECONDS_CHAOS=45
NODES=6
FUZZ=1 CHAOS=1 TWO=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --db) DB=$2; shift 2 ;;
        --seconds) SECONDS_CHAOS=$2; shift 2 ;;
        --nodes) NODES=$2; shift 2 ;;
        --skip-fuzz) FUZZ=0; shift ;;
        --skip-chaos) CHAOS=0; shift ;;
        --two-instances) TWO=1; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
check_db_name "$DB"
OUT=${OUT:-$BENCH_DIR/out/robustness-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
URL=http://127.0.0.1:$PORT
PID= PID2=
trap '[[ -n "$PID2" ]] && stop_server "$PID2"; [[ -n "$PID" ]] && stop_server "$PID"' EXIT

fresh_db "$DB"
PID=$(start_server "$PORT" "$DB" "$OUT/server.log" ALBS_DISPATCH_LEASE_DURATION=PT3S ALBS_DISPATCH_SWEEP_INTERVAL=PT1S)
wait_ready "$URL" "$PID" "$OUT/server.log"
URLS=$URL
if [[ $TWO == 1 ]]; then
    PID2=$(start_server 18094 "$DB" "$OUT/server-2.log" ALBS_DISPATCH_LEASE_DURATION=PT3S \
        ALBS_DISPATCH_SWEEP_INTERVAL=PT1S)
    wait_ready http://127.0.0.1:18094 "$PID2" "$OUT/server-2.log"
    URLS=$URL,http://127.0.0.1:18094
fi
ADMIN=$(admin_token "$URL")
RC=0
if [[ $FUZZ == 1 ]]; then
    log "fuzz: bad input on every route"
    "$PY" "$BENCH_DIR/fuzz_api.py" --url "$URL" --admin-token "$ADMIN" \
        --node-token "$(node_token "$URL" "$ADMIN" fuzz-node)" || RC=1
fi
if [[ $CHAOS == 1 ]]; then
    TOKENS=
    for ((i = 1; i <= NODES; i++)); do TOKENS="$TOKENS,$(node_token "$URL" "$ADMIN" "chaos-node-$i")"; done
    log "chaos: $NODES nodes, 3 users interfering for ${SECONDS_CHAOS}s"
    PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER "$PY" "$BENCH_DIR/chaos_check.py" --url "$URLS" \
        --admin-token "$ADMIN" --node-tokens "${TOKENS#,}" --db "$DB" --seconds "$SECONDS_CHAOS" || RC=1
fi
for f in "$OUT"/server*.log; do
    ERRORS=$(grep -a -c ' ERROR ' "$f" || true)
    log "server log: $ERRORS ERROR lines ($f)"
    [[ $ERRORS == 0 ]] || { grep -a ' ERROR ' "$f" | head -5 >&2; RC=1; }
done
log "$([[ $RC == 0 ]] && echo PASS || echo FAIL)"
exit $RC
