#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, from Debian, only what is missing:
# - chromium: the browser of the end-to-end tests (Playwright's own download cannot work without
#   internet, and is never used here);
# - varnish and varnish-modules (xkey): the cache in front of the app instances (e2e/varnish.spec.ts);
# - redis-server: collaboration processes sharing documents (tests/integration/collab-redis.test.ts);
# - python3-icalendar: the real parser the calendar feed's test reads the feed with;
# - postgresql: the PostgreSQL server the tests start a throwaway copy of (tests/postgres/server.ts).
set -euo pipefail
missing=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
have "${CHROMIUM_PATH:-/usr/bin/chromium}" || missing+=(chromium)
have varnishd || missing+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing+=(varnish-modules)
have redis-server || missing+=(redis-server)
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing+=(python3-icalendar)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test packages present: chromium, varnish, varnish-modules, redis-server, python3-icalendar, postgresql"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y "${missing[@]}"
