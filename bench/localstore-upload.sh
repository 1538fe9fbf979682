#!/usr/bin/env bash
# Uploads a 1 GiB file through the embedded store's Pulp upload routes (8 MiB chunks, 4 in flight, as the build
# node's uploader threads would) and prints its speed next to dd's sequential write speed to the same disk,
# measured in the same run, and the server's heap during the upload (jstat samples every 200 ms; jcmd GC.run
# before and after for what stays).
#
#   bench/localstore-upload.sh                      # starts the upload routes alone (UploadBenchServer, test sources)
#   bench/localstore-upload.sh --start              # starts the server (the jar; embedded store) on a fresh albs_bench_upload
#   bench/localstore-upload.sh --url http://127.0.0.1:18090 --server-pid PID --data-dir DIR --user U --password P
#                                                   # against a running server whose store is in DIR
# Options: --size-mib N (1024), --chunk-mib N (8), --parallel N (4), --heap SIZE (standalone -Xmx, 128m),
# --warmup-mib N (64: one unmeasured upload first, so the JIT has compiled the path as in a server that has run).
# Targets (issue 14): at least 50 % of dd's speed; heap growth under 64 MiB.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/lib.sh"

SIZE_MIB=1024 CHUNK_MIB=8 PARALLEL=4 HEAP=128m WARMUP_MIB=64
URL="" SERVER_PID="" DATA_DIR="" USER_NAME=bench PASSWORD=bench-upload-password START_JAR=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --size-mib) SIZE_MIB=$2; shift 2 ;;
        --chunk-mib) CHUNK_MIB=$2; shift 2 ;;
        --parallel) PARALLEL=$2; shift 2 ;;
        --heap) HEAP=$2; shift 2 ;;
        --warmup-mib) WARMUP_MIB=$2; shift 2 ;;
        --start) START_JAR=1; shift ;;
        --url) URL=$2; shift 2 ;;
        --server-pid) SERVER_PID=$2; shift 2 ;;
        --data-dir) DATA_DIR=$2; shift 2 ;;
        --user) USER_NAME=$2; shift 2 ;;
        --password) PASSWORD=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done

OUT=$(mktemp -d /tmp/albs-upload-bench.XXXXXX)
STARTED=""
cleanup() {
    [[ -n "$STARTED" ]] && stop_server "$STARTED"
    [[ -n "${SAMPLER:-}" ]] && kill "$SAMPLER" 2>/dev/null || true
    rm -rf "$OUT/store" "$OUT/file.bin" "$OUT/dd.bin"
}
trap cleanup EXIT

if [[ -n "$START_JAR" ]]; then
    DATA_DIR=$OUT/store
    PORT=${PORT:-18094}
    DB=albs_bench_upload
    fresh_db "$DB"
    # a PULP_HOST that is never called keeps lib.sh from starting its fake Pulp; the store is chosen explicitly
    STARTED=$(PULP_HOST=http://127.0.0.1:9 start_server "$PORT" "$DB" "$OUT/server.log" ALBS_ARTIFACT_STORE=local \
        ALBS_STORE_DIR="$DATA_DIR" ALBS_STORE_USER="$USER_NAME" ALBS_STORE_PASSWORD="$PASSWORD" \
        ALBS_DATA_DIR="$OUT/data")
    URL=http://127.0.0.1:$PORT
    wait_ready "$URL" "$STARTED" "$OUT/server.log"
    SERVER_PID=$STARTED
    log "server (jar) on $URL (pid $SERVER_PID, JAVA_OPTS='${JAVA_OPTS:-}'), store in $DATA_DIR"
elif [[ -z "$URL" ]]; then
    DATA_DIR=$OUT/store
    # the test classpath as the compiler sees it (the dependency plugin cannot resolve offline here): touching the
    # bench server's source makes the compiler run and print its command line
    touch "$REPO_DIR/adapters-localstore/src/test/java/org/albs/adapter/out/localstore/UploadBenchServer.java"
    CP=$(cd "$REPO_DIR" && mvn -B -o -X test-compile -pl adapters-localstore 2>/dev/null \
        | sed -n 's/^\[DEBUG\] -d .*test-classes -classpath \([^ ]*\) .*/\1/p' | tail -1)
    [[ -n "$CP" ]] || die "could not compile adapters-localstore's test sources (mvn -o test-compile -pl adapters-localstore)"
    PORT=${PORT:-18095}
    [[ -z "$(listener_pid "$PORT")" ]] || die "port $PORT is in use"
    java -Xmx"$HEAP" -cp "$CP" org.albs.adapter.out.localstore.UploadBenchServer \
        "$DATA_DIR" "$PORT" "$USER_NAME" "$PASSWORD" >"$OUT/server.log" 2>&1 &
    STARTED=$!
    SERVER_PID=$STARTED
    for ((i = 0; i < 200; i++)); do
        grep -q '^listening' "$OUT/server.log" && break
        kill -0 "$STARTED" 2>/dev/null || { cat "$OUT/server.log" >&2; die "bench server exited"; }
        sleep 0.1
    done
    URL=http://127.0.0.1:$PORT
    log "standalone upload routes on $URL (pid $SERVER_PID, -Xmx$HEAP), store in $DATA_DIR"
fi
[[ -n "$SERVER_PID" && -n "$DATA_DIR" ]] || die "--url needs --server-pid and --data-dir"
mkdir -p "$DATA_DIR"

# heap in use (KiB): the used columns of jstat -gc, whatever the collector
heap_used_kib() {
    jstat -gc "$SERVER_PID" | awk 'NR==1{for(i=1;i<=NF;i++)h[$i]=i} NR==2{print int($h["S0U"]+$h["S1U"]+$h["EU"]+$h["OU"])}'
}
heap_after_gc_kib() {
    jcmd "$SERVER_PID" GC.run >/dev/null
    heap_used_kib
}

log "dd: $SIZE_MIB MiB in 8 MiB blocks to $DATA_DIR (O_DIRECT, then buffered + fdatasync)"
DD_DIRECT=$(dd if=/dev/zero of="$DATA_DIR/dd.bin" bs=8M count=$((SIZE_MIB / 8)) oflag=direct 2>&1 | tail -1)
rm -f "$DATA_DIR/dd.bin"
DD_SYNC=$(dd if=/dev/zero of="$DATA_DIR/dd.bin" bs=8M count=$((SIZE_MIB / 8)) conv=fdatasync 2>&1 | tail -1)
rm -f "$DATA_DIR/dd.bin"
dd_mb_s() { # bytes / seconds from dd's summary line
    awk '{for(i=1;i<=NF;i++) if($i=="bytes") b=$1; for(i=1;i<=NF;i++) if($i ~ /^s,?$/) s=$(i-1)} END{printf "%.1f", b/s/1e6}' <<<"$1"
}

if [[ $WARMUP_MIB -gt 0 ]]; then
    log "warm-up: $WARMUP_MIB MiB, not measured"
    head -c $((WARMUP_MIB * 1024 * 1024)) /dev/urandom >"$OUT/file.bin"
    "$PY" "$BENCH_DIR/upload_bench.py" --url "$URL" --user "$USER_NAME" --password "$PASSWORD" \
        --chunk $((CHUNK_MIB * 1024 * 1024)) --parallel "$PARALLEL" "$OUT/file.bin" >/dev/null
fi
log "making $SIZE_MIB MiB of random bytes"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$OUT/file.bin"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_HZ=$(getconf CLK_TCK)
BEFORE=$(heap_after_gc_kib)
CPU_BEFORE=$(cpu_ticks "$SERVER_PID")
( while kill -0 "$SERVER_PID" 2>/dev/null; do heap_used_kib; sleep 0.2; done ) >"$OUT/heap.samples" 2>/dev/null &
SAMPLER=$!
log "uploading: ${CHUNK_MIB} MiB chunks, $PARALLEL in flight"
RESULT=$("$PY" "$BENCH_DIR/upload_bench.py" --url "$URL" --user "$USER_NAME" --password "$PASSWORD" \
    --chunk $((CHUNK_MIB * 1024 * 1024)) --parallel "$PARALLEL" "$OUT/file.bin")
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=""
CPU_AFTER=$(cpu_ticks "$SERVER_PID")
AFTER=$(heap_after_gc_kib)
PEAK=$(sort -n "$OUT/heap.samples" | tail -1)

UP=$(json_field mb_per_s <<<"$RESULT")
DIRECT=$(dd_mb_s "$DD_DIRECT")
SYNC=$(dd_mb_s "$DD_SYNC")
echo "upload ($SIZE_MIB MiB, ${CHUNK_MIB} MiB chunks x $PARALLEL): $RESULT"
printf 'upload          %8.1f MB/s\n' "$UP"
printf 'dd oflag=direct %8.1f MB/s   upload/dd = %3.0f %%\n' "$DIRECT" "$(awk -v a="$UP" -v b="$DIRECT" 'BEGIN{print 100*a/b}')"
printf 'dd fdatasync    %8.1f MB/s   upload/dd = %3.0f %%\n' "$SYNC" "$(awk -v a="$UP" -v b="$SYNC" 'BEGIN{print 100*a/b}')"
printf 'heap used after GC: before %d MiB, after %d MiB (growth %d MiB); peak used during the upload %d MiB (%d MiB above before)\n' \
    $((BEFORE / 1024)) $((AFTER / 1024)) $(((AFTER - BEFORE) / 1024)) $((PEAK / 1024)) $(((PEAK - BEFORE) / 1024))
printf 'server CPU during the upload: %.1f s (%.2f s per GiB)\n' \
    "$(awk -v t=$((CPU_AFTER - CPU_BEFORE)) -v hz="$TICK_HZ" 'BEGIN{print t/hz}')" \
    "$(awk -v t=$((CPU_AFTER - CPU_BEFORE)) -v hz="$TICK_HZ" -v m="$SIZE_MIB" 'BEGIN{print t/hz/(m/1024)}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (a shared machine: other builds run too)"
