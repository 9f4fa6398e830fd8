#!/usr/bin/env bash
# Installs what the tests need beyond npm packages: Debian's Chromium for Playwright (Playwright's
# own browser download cannot work without internet, and is never used here), and Debian's
# python3-icalendar, the real parser the calendar feed's test reads the feed with.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
  echo "chromium: $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || echo present)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y chromium python3-icalendar
