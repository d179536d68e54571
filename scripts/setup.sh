#!/usr/bin/env bash
# Installs whatever is missing, and nothing else:
#   setup.sh run   npm packages from the lockfile (and the CLI build)
#   setup.sh test  the above plus the Debian packages the tests drive (Chromium, Python ES client)
# Safe to run repeatedly; a no-op when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

apt_pkgs=()
if [ "$mode" = "test" ]; then
  # chromium: end-to-end tests (Playwright never downloads a browser);
  # python3-elasticsearch: a real, unmodified Elasticsearch client for the embedded store's tests.
  apt_pkgs+=(chromium python3-elasticsearch)
fi

missing=()
for p in "${apt_pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm: (re)install from the lockfile when node_modules is absent or was installed from another lock.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f node_modules/.signet-lock ] || [ "$(cat node_modules/.signet-lock)" != "$lock_sum" ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.signet-lock
fi
# The CLI is bundled by `prepare`; rebuild when sources are newer than the bundle.
if [ ! -f dist/cli/main.cjs ] || [ -n "$(find lib bench -newer dist/cli/main.cjs -name '*.ts' -print -quit 2>/dev/null)" ]; then
  node scripts/build-cli.mjs
fi
