#!/usr/bin/env bash
# The one test command: installs whatever is missing, then runs every test suite and prints a
# final plain "N passed, N failed" line (exit status non-zero when anything failed).
set -euo pipefail
cd "$(dirname "$0")/.."
# The files tests create take the umask's mode, and Signet refuses credential files that others
# may write (lib/config othersMayWrite): a shell with umask 002 must not change the results.
umask 022
bash scripts/setup.sh test
exec node scripts/run-tests.mjs "$@"
