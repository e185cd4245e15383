#!/usr/bin/env bash
# Runs the unit tests: every *.test.ts outside e2e/ that git knows of (tracked, or new and not
# ignored), with node's test runner and tsx. Extra arguments go to node (e.g. reporters).
#
#   bash scripts/unit-tests.sh [node args]               every test, databases on SQLite files
#   bash scripts/unit-tests.sh --postgresql [node args]  the tests that use a database (they import
#       test-support/test-database or runner-fixtures), on a throwaway PostgreSQL cluster started for them and removed after
#
# Two test files run at a time (MIGBENCH_TEST_CONCURRENCY, default 2): the longest files mostly wait on leases,
# outages and worker processes, so a second file beside them about halves the wall time. Every test makes its
# own database, ports and run ids, so files share no state. The real QEMU and libvirt migrations run first,
# one file at a time: they measure time and pauses, which a second migration beside them would disturb.
# A `--test-reporter-destination=<file>` gets both phases, followed by their summed "# pass"/"# fail" lines.
set -uo pipefail
cd "$(dirname "$0")/.."
concurrency=${MIGBENCH_TEST_CONCURRENCY:-2}
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.test.ts' | grep -v '^e2e/')
if [ "${1:-}" = "--postgresql" ]; then
  shift
  mapfile -t files < <(grep -lE "test-support/(test-database|runner-fixtures)" "${files[@]}")
  cluster=$(mktemp -d /tmp/migbench-pg-tests-XXXXXX)
  trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
  MIGBENCH_TEST_POSTGRES_URL=$(bash scripts/pg-cluster.sh start "$cluster") || exit 1
  export MIGBENCH_TEST_POSTGRES_URL MIGBENCH_TEST_DB=postgresql
fi
measuring=() others=()
for f in "${files[@]}"; do
  if [[ "$f" == lib/hypervisors/qemu/* || "$f" == lib/hypervisors/libvirt/* ]]; then measuring+=("$f"); else others+=("$f"); fi
done
# Where a reporter writes, each phase writes its own part; the parts and their sums go where it was asked.
destination="" args=()
for a in "$@"; do
  if [[ "$a" == --test-reporter-destination=* && "$a" != *stdout && "$a" != *stderr ]]; then destination=${a#*=}
  else args+=("$a"); fi
done
phase() { # phase <concurrency> <part> <files…>
  local n=$1 part=$2
  shift 2
  [ $# -gt 0 ] || return 0
  if [ -n "$destination" ]; then
    node --conditions react-server --import tsx --test --test-concurrency="$n" "${args[@]}" \
      --test-reporter-destination="$destination.$part" "$@"
  else
    node --conditions react-server --import tsx --test --test-concurrency="$n" "${args[@]}" "$@"
  fi
}
phase 1 measuring "${measuring[@]}"
status_a=$?
phase "$concurrency" others "${others[@]}"
status_b=$?
if [ -n "$destination" ]; then
  cat "$destination.measuring" "$destination.others" 2>/dev/null > "$destination"
  for key in pass fail; do
    total=$(cat "$destination.measuring" "$destination.others" 2>/dev/null | grep -E "^# $key " | awk '{s += $3} END {print s + 0}')
    echo "# $key $total" >> "$destination"
  done
  rm -f "$destination.measuring" "$destination.others"
fi
[ "$status_a" -eq 0 ] && [ "$status_b" -eq 0 ]
