#!/usr/bin/env bash
# Start-up time and idle footprint of the fast-jar against an existing database (a program, not a test).
#
#   bench/run-startup.sh [RUNS] [VARIANT...]      (after mvn -B -q -DskipTests package; RUNS defaults to 5)
#   JAR_BEFORE=/copy/of/an/older/quarkus-app/quarkus-run.jar bench/run-startup.sh 5 before default appcds
#
# For each variant: one untimed start migrates the database albs_bench_startup (made fresh once) and warms the page
# cache; then RUNS starts, each timed from launching `java -jar` to the first 200 on /q/health/ready, and its RSS
# read from /proc 5 s after that (idle). Prints each run and the medians. Variants (JVM options):
#   before   $JAR_BEFORE (an older build, e.g. a copy of bootstrap/target/quarkus-app) with no options
#   default  no options (the JVM's own choice: G1 here, heap from the machine's memory)
#   serial   -XX:+UseSerialGC -XX:MaxRAMPercentage=60 (the serial collector and a heap bounded by the memory limit)
#   appcds   serial, plus a class-data archive written by a training run (-XX:ArchiveClassesAtExit) and used after
# The variants run interleaved (one start of each in turn), so a change in the machine's load hits all of them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${1:-5}
shift || true
VARIANTS=("${@:-default serial appcds}")
read -r -a VARIANTS <<<"${VARIANTS[*]}"
PORT=18091
# start-up needs no artifact store: nothing is imported (an address where nothing listens)
export PULP_HOST=${PULP_HOST:-http://127.0.0.1:9}
DB=albs_bench_startup
OUT=${OUT:-$BENCH_DIR/out/startup-$(date +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
CDS="$OUT/app-cds.jsa"

options() {
    case $1 in
        default | before) echo "" ;;
        serial) echo "-XX:+UseSerialGC -XX:MaxRAMPercentage=60" ;;
        appcds) echo "-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -XX:SharedArchiveFile=$CDS" ;;
        *) die "unknown variant $1" ;;
    esac
}

# run VARIANT LOG [extra JVM options] -> prints "<ms to ready> <idle RSS in MB>"
run() {
    local variant=$1 logfile=$2 extra=${3:-} pid t0 code ms rss
    t0=$(date +%s%N)
    local jar=$JAR
    if [[ $variant == before ]]; then
        jar=${JAR_BEFORE:?set JAR_BEFORE for the variant before}
    fi
    pid=$(JAR=$jar JAVA_OPTS="$(options "$variant") $extra" start_server "$PORT" "$DB" "$logfile" ALBS_JOBS_WORKERS=2)
    while true; do
        kill -0 "$pid" 2>/dev/null || { tail -30 "$logfile" >&2; die "server exited (log: $logfile)"; }
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready" || true)
        [[ "$code" == 200 ]] && break
        sleep 0.02
    done
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    sleep 5
    rss=$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
    if [[ $extra == *ArchiveClassesAtExit* ]]; then
        # a training run writes its archive while it exits: no SIGKILL after 15 s as stop_server would
        kill -TERM "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    else
        stop_server "$pid"
    fi
    echo "$ms $rss"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -1)"
fresh_db "$DB"
log "first start: migrates $DB (untimed)"
run default "$OUT/migrate.log" >/dev/null
if [[ " ${VARIANTS[*]} " == *" appcds "* ]]; then
    log "training run for the class-data archive"
    rm -f "$CDS"
    run serial "$OUT/train.log" "-XX:ArchiveClassesAtExit=$CDS -Xlog:cds=off" >/dev/null
    [[ -f "$CDS" ]] || die "no archive written (log: $OUT/train.log)"
fi
for v in "${VARIANTS[@]}"; do
    run "$v" "$OUT/warm-$v.log" >/dev/null
done
for ((i = 1; i <= RUNS; i++)); do
    for v in "${VARIANTS[@]}"; do
        read -r ms rss < <(run "$v" "$OUT/$v-$i.log")
        echo "$v $ms $rss" | tee -a "$OUT/runs.txt"
    done
done
echo "variant  median-ms-to-ready  median-idle-RSS-MB  (runs: $RUNS; load at end $(cut -d' ' -f1-3 /proc/loadavg))"
for v in "${VARIANTS[@]}"; do
    printf '%-8s %8s %8s\n' "$v" "$(awk -v v="$v" '$1 == v {print $2}' "$OUT/runs.txt" | median)" \
        "$(awk -v v="$v" '$1 == v {print $3}' "$OUT/runs.txt" | median)"
done
