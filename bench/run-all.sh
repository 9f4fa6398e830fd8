#!/usr/bin/env bash
# Runs every benchmark once, one after another (they share two cores), printing their figures.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
status=0
run() {
  echo "--- $*"
  "$@" || { echo "(benchmark failed: $*)"; status=1; }
}
run npx tsx bench/reader-throughput.ts
BENCH_REUSE_BUILD=1 run npx tsx bench/reader-weight.ts
BENCH_REUSE_BUILD=1 run npx tsx bench/lighthouse.ts
run npx tsx bench/front-page.ts
run npx tsx --conditions=react-server bench/autosave.ts
run npx tsx --conditions=react-server bench/autosave-payload.ts
run npx tsx --conditions=react-server bench/nesting-depth.ts
run npx tsx bench/editor-typing.ts
BENCH_REUSE_BUILD=1 run npx tsx bench/editor-weight.ts
run npx tsx --conditions=react-server bench/search.ts
run npx tsx --conditions=react-server bench/search-stores.ts
run npx tsx bench/workers.ts
run npx tsx --conditions=react-server bench/locked-writer.ts
run npx tsx --conditions=react-server bench/crash.ts
run npx tsx --conditions=react-server bench/load.ts
run npx tsx bench/sign-in-flood.ts
run npx tsx bench/restart.ts
exit $status
