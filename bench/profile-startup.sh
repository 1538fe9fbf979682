#!/usr/bin/env bash
# Where a start's CPU goes, from launch to the first 200 on /q/health/ready (a program, not a test).
#
#   bench/profile-startup.sh [JVM options...]      (after mvn -B -q -DskipTests package)
#
# One start against the database albs_bench_startup (made and migrated first if missing; DB= another albs_bench*),
# with Java Flight Recorder from launch (method samples every 10 ms, full stacks) and Quarkus' step timings
# (quarkus.debug.print-startup-times). At readiness it takes every thread's CPU from /proc and dumps the recording,
# then prints: CPU per thread (the JIT compiler threads, main, Hibernate's start-up thread ...), and the main
# thread's samples by Quarkus start-up step (io.quarkus.runner.recorded.*) and by library (bench/startup_profile.py).
# JFR costs CPU of its own (~1 s of a start): compare shares, not totals, with bench/run-startup.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PULP_HOST=${PULP_HOST:-http://127.0.0.1:9} ALBS_SHUTDOWN_DELAY=0s
PORT=${PORT:-18093}
# JFR from launch with a class-data archive of the application (SharedArchiveFile) crashes JDK 17.0.15 in
# KlassFactory::check_shared_class_file_load_hook (the first archived class an application-loader thread loads while
# JFR's class-file hook is on; every time on this machine). JFR started later (jcmd PID JFR.start) works with it.
if [[ "$*" == *SharedArchiveFile* ]]; then
    die "JFR from launch and -XX:SharedArchiveFile crash JDK 17: profile without the archive, or use jcmd JFR.start"
fi
DB=${DB:-albs_bench_startup}
OUT=${OUT:-$BENCH_DIR/out/startup-profile-$(date +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
if ! db_exists "$DB"; then
    fresh_db "$DB"
    log "first start: migrates $DB"
    pid=$(start_server "$PORT" "$DB" "$OUT/migrate.log")
    wait_ready "http://127.0.0.1:$PORT" "$pid" "$OUT/migrate.log"
    stop_server "$pid"
fi
t0=$(date +%s%N)
jfr="-XX:FlightRecorderOptions:stackdepth=1024 -XX:StartFlightRecording=filename=$OUT/start.jfr,settings=profile"
pid=$(JAVA_OPTS="$* $jfr -Dquarkus.debug.print-startup-times=true" \
    start_server "$PORT" "$DB" "$OUT/server.log" ALBS_JOBS_WORKERS=2)
while [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready" || true)" != 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$OUT/server.log" >&2; die "server exited (log: $OUT/server.log)"; }
    sleep 0.02
done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
hz=$(getconf CLK_TCK)
for t in /proc/"$pid"/task/*; do
    printf '%s|%s\n' "$(cat "$t/comm")" \
        "$(awk -v hz="$hz" '{ sub(/.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "$t/stat")"
done >"$OUT/threads.txt"
cpu=$(awk -v hz="$hz" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat")
jcmd "$pid" JFR.dump filename="$OUT/start.jfr" >/dev/null
stop_server "$pid"
echo "ready after $ms ms, $cpu ms of CPU (load $(cut -d' ' -f1 /proc/loadavg)); CPU ms per thread (live threads):"
awk -F'|' '{sub(/#?[0-9]+$/, "", $1); a[$1] += $2} END {for (k in a) if (a[k] >= 20) printf "%7d  %s\n", a[k], k}' \
    "$OUT/threads.txt" | sort -rn
jfr print --json --stack-depth 1024 --events jdk.ExecutionSample "$OUT/start.jfr" >"$OUT/samples.json"
"$PY" "$BENCH_DIR/startup_profile.py" "$OUT/samples.json"
