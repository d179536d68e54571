#!/usr/bin/env bash
# Quick start: installs whatever is missing, builds what is stale, and starts Signet with its
# embedded defaults (configuration from ./config, data under ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
# Rebuild the console when it was never built or a source file is newer than the build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib next.config.js package-lock.json -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  npx next build
fi
# One process: El Proxy's API, the console, the chain service and (with no elasticsearch.url)
# the embedded Elasticsearch-compatible store. Extra arguments go to `signet serve`.
# A 64 MB young generation: ingest allocates short-lived parse trees and strings per log, and
# V8's default (16 MB) spends ~8% more CPU per log in scavenges (bench:ingest, cpu_us_per_log).
exec node --max-semi-space-size=64 bin/signet.cjs --config-dir "${SIGNET_CONFIG_DIR:-config}" serve "$@"
