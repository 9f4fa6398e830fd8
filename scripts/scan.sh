#!/usr/bin/env bash
# Runs two web vulnerability scanners, Debian's sqlmap and wapiti, against a local production
# instance with the demo data, signed out and signed in, each bounded in time, then stops the
# server and prints the findings by severity. Fails when either reports a high or critical one.
#   bash scripts/scan.sh           (SCAN_PORT, default 3387; SCAN_MINUTES per wapiti run, default 4)
# Not part of `npm test`: it takes about 15 minutes (SCAN_SQLMAP_SECONDS per sqlmap run, default 300). Installs the scanners with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SCAN_PORT:-3387}
BASE="http://127.0.0.1:${PORT}"
MINUTES=${SCAN_MINUTES:-4}
OUT=tmp/scan
export NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR=.next-scan DATABASE_PATH=$OUT/newsroom.db MEDIA_DIR=$OUT/media
export NEWSROOM_DEMO_PASSWORD=newsroom-demo NEXTAUTH_URL=$BASE

for tool in sqlmap wapiti; do
  if ! command -v "$tool" >/dev/null; then
    echo "installing $tool (Debian package)"
    SUDO=$([ "$(id -u)" = 0 ] && echo || echo sudo)
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$tool" >/dev/null
  fi
done

rm -rf "$OUT" && mkdir -p "$OUT"
npm run --silent db:setup >/dev/null
[ -f "$NEXT_DIST_DIR/BUILD_ID" ] && [ "${SCAN_REUSE_BUILD:-0}" = 1 ] || { npx next build && node scripts/build-collab.mjs; } >/dev/null
node server.mjs -H 127.0.0.1 -p "$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
stop_server() { # the server this script started, by its pid; forcibly if it lingers
  kill "$SERVER" 2>/dev/null || return 0
  for _ in $(seq 1 20); do kill -0 "$SERVER" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$SERVER" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "$BASE/robots.txt" && break; sleep 0.5; done

# A signed-in editor's session cookie, the demo article's address and the save action's id.
npx tsx --conditions=react-server scripts/scan/session.ts "$BASE" >"$OUT/session.env"
# shellcheck disable=SC1091
source "$OUT/session.env"

# wapiti: crawl and attack (SQL, blind SQL, XSS, stored XSS, command execution, file, CRLF,
# open redirect, headers, cookies, CSP). The modules that call out to wapiti's servers (ssrf, xxe)
# are left out: this machine reaches no network but loopback. No -x exclusion: Debian's wapiti
# 3.0.4 cannot compile one under Python 3.11 (its wildcard_translate appends a global flag).
MODULES=sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,http_headers,cookieflags,csp,methods
wapiti_run() { # name, extra args...
  local name=$1
  shift
  timeout $((MINUTES * 60 + 120)) wapiti -u "$BASE/" --scope folder -m "$MODULES" --flush-session \
    --max-scan-time $((MINUTES * 60)) --max-attack-time 60 -d 3 --max-links-per-page 40 -t 10 \
    --store-session "$OUT/wapiti-$name-session" \
    -f json -o "$OUT/wapiti-$name.json" "$@" \
    >"$OUT/wapiti-$name.log" 2>&1 || echo "wapiti $name ended with $? (see $OUT/wapiti-$name.log)"
}
# The runs go side by side, each bounded by its own time limit.
SCANS=()
wapiti_run anonymous -s "$BASE/search?q=test" -s "$ARTICLE_URL" &
SCANS+=($!)
wapiti_run signed-in -H "Cookie: $COOKIE" -s "$BASE/newsroom" -s "$BASE/newsroom/articles/$DRAFT_ID" &
SCANS+=($!)

# sqlmap: every reader parameter and path segment signed out; the save action's JSON body and the
# newsroom's pages signed in.
sqlmap_run() { # name, args...
  local name=$1
  shift
  timeout "${SCAN_SQLMAP_SECONDS:-300}" sqlmap --batch --flush-session --level 2 --risk 1 --threads 2 --timeout 10 \
    --output-dir "$OUT/sqlmap-$name" "$@" >"$OUT/sqlmap-$name.log" 2>&1 || true
}
sqlmap_run search -u "$BASE/search?q=test&page=1" &
SCANS+=($!)
sqlmap_run article-path -u "$BASE/news/1*/x" &
SCANS+=($!)
sqlmap_run tag-path -u "$BASE/tag/${TAG_SLUG}*" &
SCANS+=($!)
sqlmap_run section-path -u "$BASE/section/${SECTION_SLUG}*" &
SCANS+=($!)
sqlmap_run stats -u "$BASE/api/stats/1*" &
SCANS+=($!)
sqlmap_run newsroom -u "$BASE/newsroom/articles/$DRAFT_ID*" --cookie "$COOKIE" &
SCANS+=($!)
sqlmap_run save-action -u "$BASE/newsroom/articles/$DRAFT_ID" --cookie "$COOKIE" --method POST \
  -H "Next-Action: $SAVE_ACTION" -H "Origin: $BASE" -H "Content-Type: text/plain;charset=UTF-8" \
  --data "[{\"articleId\":$DRAFT_ID,\"baseVersion\":1,\"changes\":{\"headline\":\"x*\",\"deck\":\"y*\"}}]" &
SCANS+=($!)
wait "${SCANS[@]}"

stop_server
trap - EXIT
node scripts/scan/summary.mjs "$OUT"
