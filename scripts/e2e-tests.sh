#!/usr/bin/env bash
# Runs the browser tests (Playwright against the production build, which must be built first).
# Extra arguments go to Playwright (spec files, --reporter, ...).
#
#   bash scripts/e2e-tests.sh [playwright args]               the app on a fresh SQLite file
#   bash scripts/e2e-tests.sh --postgresql [playwright args]  the app on a throwaway PostgreSQL cluster,
#       started for the run and removed after
#
# Both start the two-host libvirt lab of e2e/libvirt-lab.spec.ts (scripts/libvirt-lab.sh: two network
# namespaces with a libvirtd each, a 0.3 and a 1.2 Gb/s veth link) and remove it after; E2E_LAB names it.
set -uo pipefail
cd "$(dirname "$0")/.."
cluster=""
lab=$(mktemp -d /tmp/migbench-e2e-lab-XXXXXX)
chmod 755 "$lab"
cleanup() {
  bash scripts/libvirt-lab.sh stop "$lab"
  rm -rf "$lab"
  if [ -n "$cluster" ]; then bash scripts/pg-cluster.sh stop "$cluster"; fi
}
trap cleanup EXIT
# Without root or libvirt the lab cannot start: the other specs still run, the lab's says why it failed.
if bash scripts/libvirt-lab.sh start "$lab" 300000000 1200000000 > "$lab/lab.out"; then
  export E2E_LAB="$lab"
else
  echo "the two-host libvirt lab did not start: e2e/libvirt-lab.spec.ts will fail" >&2
fi
if [ "${1:-}" = "--postgresql" ]; then
  shift
  cluster=$(mktemp -d /tmp/migbench-pg-e2e-XXXXXX)
  E2E_DATABASE_URL=$(bash scripts/pg-cluster.sh start "$cluster") || exit 1
  export E2E_DATABASE_URL
fi
npx playwright test "$@"
