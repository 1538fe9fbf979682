#!/usr/bin/env bash
# One entry point: builds albs-frontend (fetched from GitHub, never copied here), starts a fake GitHub + the UI behind an
# /api proxy (stubs.py), starts our server in local mode, and drives the UI's GitHub login in headless Chromium.
#
# env: FRONTEND_SRC (default /tmp/albs-frontend: a checkout of github.com/AlmaLinux/albs-frontend; cloned if absent),
#      PW_DIR (default /tmp/ui-pw: where playwright-core is installed), CHROMIUM (default /usr/bin/chromium),
#      GH_PORT=18096 FRONT_PORT=18097 SERVER_PORT=18095 DB_PORT=54339, OUT=/tmp/ui-login (logs), SHOT=/tmp/ui-login.png
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)
FRONTEND_SRC=${FRONTEND_SRC:-/tmp/albs-frontend}; PW_DIR=${PW_DIR:-/tmp/ui-pw}
GH_PORT=${GH_PORT:-18096}; FRONT_PORT=${FRONT_PORT:-18097}; SERVER_PORT=${SERVER_PORT:-18095}; DB_PORT=${DB_PORT:-54339}
OUT=${OUT:-/tmp/ui-login}; SHOT=${SHOT:-/tmp/ui-login.png}
mkdir -p "$OUT"; : > "$OUT/api.log"

if [ ! -f "$FRONTEND_SRC/dist/spa/index.html" ]; then
  [ -d "$FRONTEND_SRC/src" ] || git clone --depth 1 https://github.com/AlmaLinux/albs-frontend "$FRONTEND_SRC"
  (cd "$FRONTEND_SRC" && npm ci && npx quasar build)
fi
[ -d "$PW_DIR/node_modules/playwright-core" ] || (mkdir -p "$PW_DIR" && cd "$PW_DIR" && npm init -y >/dev/null && npm install playwright-core)
[ -f "$repo/bootstrap/target/quarkus-app/quarkus-run.jar" ] || (cd "$repo" && mvn -B -o -q -DskipTests package)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

/usr/bin/python3 "$here/stubs.py" "$GH_PORT" "$FRONT_PORT" "$FRONTEND_SRC/dist/spa" "http://127.0.0.1:$SERVER_PORT" "$OUT/api.log" \
  > "$OUT/stubs.log" 2>&1 & pids+=($!)

rm -rf "$OUT/data"
( cd "$repo" && env -u QUARKUS_DATASOURCE_JDBC_URL QUARKUS_HTTP_PORT=$SERVER_PORT ALBS_EMBEDDED_DB_PORT=$DB_PORT \
    ALBS_DATA_DIR="$OUT/data" GITHUB_CLIENT=test GITHUB_CLIENT_SECRET=test \
    ALBS_GITHUB_OAUTH_URL=http://127.0.0.1:$GH_PORT ALBS_GITHUB_API_URL=http://127.0.0.1:$GH_PORT \
    FRONTEND_BASEURL=http://127.0.0.1:$FRONT_PORT/ \
    java -jar bootstrap/target/quarkus-app/quarkus-run.jar ) > "$OUT/server.log" 2>&1 & pids+=($!)

for i in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$SERVER_PORT/api/v1/users/all_users" >/dev/null 2>&1 && break; sleep 1
done
curl -fsS "http://127.0.0.1:$SERVER_PORT/api/v1/users/all_users" >/dev/null || { echo "server did not start; see $OUT/server.log"; exit 1; }

set +e
NODE_PATH="$PW_DIR/node_modules" node "$here/drive.js" "http://127.0.0.1:$FRONT_PORT" "$SHOT" | tee "$OUT/drive.log"
rc=${PIPESTATUS[0]}
echo "--- calls seen by the /api proxy and the fake GitHub ($OUT/api.log):"; cat "$OUT/api.log"
exit $rc
