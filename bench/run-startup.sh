#!/usr/bin/env bash
# Start-up time and idle footprint of the fast-jar against an existing database (a program, not a test).
#
#   bench/run-startup.sh [RUNS] [VARIANT...]      (after mvn -B -q -DskipTests package; RUNS defaults to 5)
#   JAR_BEFORE=/copy/of/an/older/quarkus-app/quarkus-run.jar bench/run-startup.sh 5 before default tuned appcds
#
# For each variant: one untimed start migrates the database albs_bench_startup (made fresh once) and warms the page
# cache; then RUNS starts, each timed from launching `java -jar` to the first 200 on /q/health/ready, with the CPU
# the JVM had used by then (user + system, all its threads: on a shared machine a steadier figure than the wall
# clock) and its RSS read from /proc 5 s after that (idle). Prints each run with the load average, and the medians.
# Variants (JVM options):
#   before   $JAR_BEFORE (an older build, e.g. a copy of bootstrap/target/quarkus-app) with no options
#   default  no options (the JVM's own choice: G1 here, heap from the machine's memory)
#   tuned    $TUNED: the options deploy/Dockerfile.jvm sets (serial collector, small initial heap, heap bounded by
#            the memory limit)
#   appcds   tuned, plus a class-data archive written at the exit of a training run of the whole start-up against
#            the database (-XX:ArchiveClassesAtExit), used with -Xshare:on (a start fails if the archive is unusable)
#   qcds     tuned, plus the archive `mvn package -Dquarkus.package.jar.appcds.enabled=true` wrote beside the jar
#            (Quarkus runs the jar without a database up to where it needs one: what the image build can do),
#            started from the jar's directory as that archive requires
#   c1       tuned + -XX:TieredStopAtLevel=1 (C1 only: less start-up CPU, slower steady state; for comparison)
#   NAME     any other name: the JVM options in $OPTS_NAME (may name the archive as $CDS, e.g.
#            OPTS_arena='$TUNED -Xshare:on -XX:SharedArchiveFile=$CDS') and environment assignments in $ENV_NAME
#            (e.g. ENV_arena=MALLOC_ARENA_MAX=2); the training run happens when a variant's options name $CDS.
#            The variant "before" takes $OPTS_before too (none by default).
# JAVA_NAME runs a variant on another JVM; TRAIN_NAME (options, may name $OUT) makes a training run of that variant
# with those options instead of its own before the timed runs, e.g. a JDK 25 AOT cache:
#   JAVA_aot=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java TRAIN_aot='$TUNED -XX:AOTCacheOutput=$OUT/app.aot' \
#   OPTS_aot='$TUNED -XX:AOTCache=$OUT/app.aot'
# DB_NAME (e.g. DB_before=albs_bench_startup_before) gives a variant a database of its own, made fresh and migrated by
# its untimed warm-up start: an older jar that does not skip the start-up tasks would otherwise make the newer one
# run them again at its next start.
# The variants run interleaved (one start of each in turn), so a change in the machine's load hits all of them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${1:-5}
shift || true
VARIANTS=("${@:-default tuned appcds}")
read -r -a VARIANTS <<<"${VARIANTS[*]}"
PORT=${PORT:-18091}
# start-up needs no artifact store: nothing is imported (an address where nothing listens)
export PULP_HOST=${PULP_HOST:-http://127.0.0.1:9}
# stopping is not measured: no shutdown delay
export ALBS_SHUTDOWN_DELAY=0s
DB=${DB:-albs_bench_startup}
OUT=${OUT:-$BENCH_DIR/out/startup-$(date +%Y%m%dT%H%M%S)}
mkdir -p "$OUT"
CDS="$OUT/app-cds.jsa"
TUNED=${TUNED:--XX:+UseSerialGC -Xms24m -XX:MaxRAMPercentage=60}

options() {
    case $1 in
        default) echo "" ;;
        before) eval echo "\"${OPTS_before:-}\"" ;;
        tuned) echo "$TUNED" ;;
        appcds) echo "$TUNED -Xshare:on -XX:SharedArchiveFile=$CDS" ;;
        qcds) echo "$TUNED -Xshare:on -XX:SharedArchiveFile=app-cds.jsa" ;;
        c1) echo "$TUNED -XX:TieredStopAtLevel=1" ;;
        *)
            local var="OPTS_$1"
            [[ -n ${!var:-} ]] || die "unknown variant $1 (no OPTS_$1)"
            eval echo "\"${!var}\""
            ;;
    esac
}

# run VARIANT LOG [extra JVM options] [options instead of the variant's]
#   -> prints "<ms to ready> <idle RSS in MB> <CPU ms at ready> <JIT compiler threads' CPU ms at ready>"
run() {
    local variant=$1 logfile=$2 extra=${3:-} pid t0 code ms rss cpu jit
    local envvar="ENV_$1" dbvar="DB_$1" javavar="JAVA_$1"
    local opts
    opts=${4:-$(options "$variant")}
    t0=$(date +%s%N)
    local jar=$JAR
    if [[ $variant == before ]]; then
        jar=${JAR_BEFORE:?set JAR_BEFORE for the variant before}
    fi
    local dir=.
    if [[ $variant == qcds ]]; then
        # Quarkus' archive names the jar as Quarkus ran it: quarkus-run.jar, from its own directory
        dir=$(dirname "$jar")
        jar=quarkus-run.jar
    fi
    pid=$(cd "$dir" && JAR=$jar JAVA_OPTS="$opts $extra" JAVA=${!javavar:-${JAVA:-java}} \
        start_server "$PORT" "${!dbvar:-$DB}" "$logfile" ALBS_JOBS_WORKERS=2 ${!envvar:-})
    while true; do
        kill -0 "$pid" 2>/dev/null || { tail -30 "$logfile" >&2; die "server exited (log: $logfile)"; }
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready" || true)
        [[ "$code" == 200 ]] && break
        sleep 0.02
    done
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat")
    jit=$(( $(jit_ticks "$pid") * 1000 / $(getconf CLK_TCK) ))
    sleep 5
    rss=$(awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
    if [[ "$opts $extra" == *ArchiveClassesAtExit* || "$opts $extra" == *AOTCacheOutput* ]]; then
        # a training run writes its archive while it exits: no SIGKILL after 15 s as stop_server would
        kill -TERM "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    else
        stop_server "$pid"
    fi
    echo "$ms $rss $cpu $jit"
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
range() { sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "-" hi}'; }

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -1)"
log "tuned: $TUNED"
fresh_db "$DB"
log "first start: migrates $DB (untimed)"
run default "$OUT/migrate.log" >/dev/null
need_cds=0
for v in "${VARIANTS[@]}"; do
    [[ $v == appcds || $(options "$v") == *"$CDS"* ]] && need_cds=1
done
if [[ $need_cds == 1 ]]; then
    log "training run for the class-data archive"
    rm -f "$CDS"
    run tuned "$OUT/train.log" "-XX:ArchiveClassesAtExit=$CDS -Xlog:cds=off" >/dev/null
    [[ -f "$CDS" ]] || die "no archive written (log: $OUT/train.log)"
fi
for v in "${VARIANTS[@]}"; do
    trainvar="TRAIN_$v"
    if [[ -n ${!trainvar:-} ]]; then
        log "training run for $v"
        run "$v" "$OUT/train-$v.log" "" "$(eval echo "\"${!trainvar}\"")" >/dev/null
    fi
done
for v in "${VARIANTS[@]}"; do
    dbvar="DB_$v"
    [[ -n ${!dbvar:-} ]] && fresh_db "${!dbvar}"
    run "$v" "$OUT/warm-$v.log" >/dev/null
done
for ((i = 1; i <= RUNS; i++)); do
    for v in "${VARIANTS[@]}"; do
        read -r ms rss cpu jit < <(run "$v" "$OUT/$v-$i.log")
        echo "$v $ms $rss $cpu $(cut -d' ' -f1 /proc/loadavg) $jit" | tee -a "$OUT/runs.txt"
    done
done
echo "variant  ms-to-ready: median (range)  idle-RSS-MB: median (range)  CPU-ms-at-ready: median (range)  of it JIT"
echo "(runs: $RUNS; load at end $(cut -d' ' -f1-3 /proc/loadavg))"
for v in "${VARIANTS[@]}"; do
    col() { awk -v v="$v" -v c="$1" '$1 == v {print $c}' "$OUT/runs.txt"; }
    printf '%-8s %7s (%s)  %5s (%s)  %6s (%s)  %6s\n' "$v" "$(col 2 | median)" "$(col 2 | range)" \
        "$(col 3 | median)" "$(col 3 | range)" "$(col 4 | median)" "$(col 4 | range)" "$(col 6 | median)"
done
