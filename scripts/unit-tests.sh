#!/usr/bin/env bash
# Runs the unit tests: every *.test.ts outside e2e/ that git knows of (tracked, or new and not
# ignored), with node's test runner and tsx. Extra arguments go to node (e.g. reporters).
#
#   bash scripts/unit-tests.sh [node args]               every test, databases on SQLite files
#   bash scripts/unit-tests.sh --postgresql [node args]  the tests that use a database (they import
#       test-support/test-database or runner-fixtures), on a throwaway PostgreSQL cluster started for them and removed after
set -uo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.test.ts' | grep -v '^e2e/')
if [ "${1:-}" = "--postgresql" ]; then
  shift
  mapfile -t files < <(grep -lE "test-support/(test-database|runner-fixtures)" "${files[@]}")
  cluster=$(mktemp -d /tmp/migbench-pg-tests-XXXXXX)
  trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
  MIGBENCH_TEST_POSTGRES_URL=$(bash scripts/pg-cluster.sh start "$cluster") || exit 1
  export MIGBENCH_TEST_POSTGRES_URL MIGBENCH_TEST_DB=postgresql
  node --conditions react-server --import tsx --test "$@" "${files[@]}"
  exit $?
fi
exec node --conditions react-server --import tsx --test "$@" "${files[@]}"
