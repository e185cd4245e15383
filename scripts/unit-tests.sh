#!/usr/bin/env bash
# Runs the unit tests: every *.test.ts outside e2e/ that git knows of (tracked, or new and not
# ignored), with node's test runner and tsx. Extra arguments go to node (e.g. reporters).
set -uo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.test.ts' | grep -v '^e2e/')
exec node --conditions react-server --import tsx --test "$@" "${files[@]}"
