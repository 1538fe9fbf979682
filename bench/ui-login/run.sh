#!/usr/bin/env bash
# One entry point: serves an already-built albs-frontend (built beforehand as its own README says; nothing here fetches
# or builds it) with a fake GitHub and the /api + /pulp/content proxy (stubs.py), starts our server in local mode, and
# drives the UI in headless Chromium.
#
#   run.sh          the GitHub login (drive.js)
#   run.sh pages    seeds the server through its API (seed.py), logs in, opens every page of the UI (pages.js)
#
# env: FRONTEND_DIST (default /tmp/albs-frontend/dist/spa: the built UI, its index.html inside),
#      PW_DIR (default /tmp/ui-pw: where playwright-core is installed), CHROMIUM (default /usr/bin/chromium),
#      GH_PORT=18096 FRONT_PORT=18097 SERVER_PORT=18095 DB_PORT=54339, OUT=/tmp/ui-login (logs), SHOT=/tmp/ui-login.png,
#      SHOTS=/tmp/ui-pages (the pages' screenshots)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
MODE=${1:-login}
FRONTEND_DIST=${FRONTEND_DIST:-/tmp/albs-frontend/dist/spa}; PW_DIR=${PW_DIR:-/tmp/ui-pw}
GH_PORT=${GH_PORT:-18096}; FRONT_PORT=${FRONT_PORT:-18097}; SERVER_PORT=${SERVER_PORT:-18095}; DB_PORT=${DB_PORT:-54339}
OUT=${OUT:-/tmp/ui-login}; SHOT=${SHOT:-/tmp/ui-login.png}; SHOTS=${SHOTS:-/tmp/ui-pages}
case "$MODE" in login|pages) ;; *) echo "usage: $0 [login|pages]" >&2; exit 2 ;; esac

if [ ! -f "$FRONTEND_DIST/index.html" ]; then
  echo "no built web UI at FRONTEND_DIST=$FRONTEND_DIST (no index.html):" \
       "build albs-frontend as its README says and set FRONTEND_DIST" >&2
  exit 2
fi
FRONTEND_DIST=$(cd "$FRONTEND_DIST" && pwd)
mkdir -p "$OUT"; : > "$OUT/api.log"
[ -d "$PW_DIR/node_modules/playwright-core" ] || (mkdir -p "$PW_DIR" && cd "$PW_DIR" && npm init -y >/dev/null && npm install playwright-core)
[ -f "$repo/bootstrap/target/quarkus-app/quarkus-run.jar" ] || (cd "$repo" && mvn -B -o -q -DskipTests package)

for port in "$GH_PORT" "$FRONT_PORT" "$SERVER_PORT" "$DB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken (another run?): set GH_PORT, FRONT_PORT, SERVER_PORT, DB_PORT" >&2; exit 2
  fi
done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT

/usr/bin/python3 "$here/stubs.py" "$GH_PORT" "$FRONT_PORT" "$FRONTEND_DIST" "http://127.0.0.1:$SERVER_PORT" "$OUT/api.log" \
  > "$OUT/stubs.log" 2>&1 & pids+=($!)

rm -rf "$OUT/data"
( cd "$repo" && env -u QUARKUS_DATASOURCE_JDBC_URL QUARKUS_HTTP_PORT=$SERVER_PORT ALBS_EMBEDDED_DB_PORT=$DB_PORT \
    ALBS_DATA_DIR="$OUT/data" GITHUB_CLIENT=test GITHUB_CLIENT_SECRET=test \
    ALBS_GITHUB_OAUTH_URL=http://127.0.0.1:$GH_PORT ALBS_GITHUB_API_URL=http://127.0.0.1:$GH_PORT \
    FRONTEND_BASEURL=http://127.0.0.1:$FRONT_PORT/ ALBS_STORE_PUBLIC_URL=http://127.0.0.1:$SERVER_PORT \
    java -jar bootstrap/target/quarkus-app/quarkus-run.jar ) > "$OUT/server.log" 2>&1 & pids+=($!)

for i in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$SERVER_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1
done
curl -fsS "http://127.0.0.1:$SERVER_PORT/q/health/ready" >/dev/null || { echo "server did not start; see $OUT/server.log"; exit 1; }

set +e
if [ "$MODE" = login ]; then
  NODE_PATH="$PW_DIR/node_modules" node "$here/drive.js" "http://127.0.0.1:$FRONT_PORT" "$SHOT" | tee "$OUT/drive.log"
  rc=${PIPESTATUS[0]}
else
  /usr/bin/python3 "$here/seed.py" "http://127.0.0.1:$SERVER_PORT" "$OUT/data" "$OUT/seed.json" 2>&1 | tee "$OUT/seed.log"
  rc=${PIPESTATUS[0]}
  if [ "$rc" = 0 ]; then
    mkdir -p "$SHOTS"
    NODE_PATH="$PW_DIR/node_modules" node "$here/pages.js" "http://127.0.0.1:$FRONT_PORT" "$OUT/seed.json" "$SHOTS" \
      | tee "$OUT/pages.log"
    rc=${PIPESTATUS[0]}
  else
    echo "seeding failed; see $OUT/seed.log and $OUT/server.log"
  fi
fi
echo "--- calls seen by the /api proxy and the fake GitHub ($OUT/api.log):"; cat "$OUT/api.log"
exit $rc
