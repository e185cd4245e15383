#!/usr/bin/env bash
# Runs the browser tests (Playwright against the production build, which must be built first).
# Extra arguments go to Playwright (spec files, --reporter, ...).
#
#   bash scripts/e2e-tests.sh [playwright args]               the app on a fresh SQLite file
#   bash scripts/e2e-tests.sh --postgresql [playwright args]  the app on a throwaway PostgreSQL cluster,
#       started for the run and removed after
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--postgresql" ]; then
  shift
  cluster=$(mktemp -d /tmp/migbench-pg-e2e-XXXXXX)
  trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
  E2E_DATABASE_URL=$(bash scripts/pg-cluster.sh start "$cluster") || exit 1
  export E2E_DATABASE_URL
  npx playwright test "$@"
  exit $?
fi
exec npx playwright test "$@"
