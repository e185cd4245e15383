#!/usr/bin/env bash
# Runs every test: type check, unit tests (node's test runner; the database tests a second time on a
# throwaway PostgreSQL), then browser tests (Playwright driving Debian's Chromium against the production
# build; all of them a second time with the app on a throwaway PostgreSQL). Installs what is missing first.
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
failed_steps=0

# Each step's name and when it began (seconds since the start), for the timing table at the end.
step_names=(); step_starts=()
step() { echo; echo "==> $*"; step_names+=("$*"); step_starts+=("$SECONDS"); }

step "Dependencies"
bash scripts/ensure-deps.sh || exit 1
bash scripts/debian-packages.sh || exit 1

step "Building vcsim (cached after the first time)"
bash scripts/vcsim.sh --help >/dev/null 2>&1 || true

step "Type check"
npx tsc --noEmit || failed_steps=$((failed_steps + 1))

step "Lint"
npm run --silent lint || failed_steps=$((failed_steps + 1))

step "Unit tests"
rm -f test-results/unit.tap
bash scripts/unit-tests.sh \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=test-results/unit.tap
unit_status=$?
unit_pass=$(grep -E '^# pass ' test-results/unit.tap | awk '{print $3}' | tail -1)
unit_fail=$(grep -E '^# fail ' test-results/unit.tap | awk '{print $3}' | tail -1)
unit_pass=${unit_pass:-0}; unit_fail=${unit_fail:-0}
if [ "$unit_status" -ne 0 ] && [ "$unit_fail" -eq 0 ]; then unit_fail=1; fi

step "Database tests on PostgreSQL (a throwaway cluster)"
rm -f test-results/unit-postgresql.tap
bash scripts/unit-tests.sh --postgresql \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=test-results/unit-postgresql.tap
pg_status=$?
pg_pass=$(grep -E '^# pass ' test-results/unit-postgresql.tap 2>/dev/null | awk '{print $3}' | tail -1)
pg_fail=$(grep -E '^# fail ' test-results/unit-postgresql.tap 2>/dev/null | awk '{print $3}' | tail -1)
pg_pass=${pg_pass:-0}; pg_fail=${pg_fail:-0}
if [ "$pg_status" -ne 0 ] && [ "$pg_fail" -eq 0 ]; then pg_fail=1; fi
unit_pass=$((unit_pass + pg_pass)); unit_fail=$((unit_fail + pg_fail))

# Browser tests: the JSON report's counts of passed and failed tests (ARGS: report file, exit status).
e2e_counts() {
  read -r p f < <(node -e '
    const fs = require("fs");
    try {
      const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).stats;
      console.log(`${s.expected + s.flaky} ${s.unexpected}`);
    } catch { console.log("0 1"); }' "$1")
  if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$p $f"
}

e2e_pass=0; e2e_fail=0; e2e_pg_pass=0
step "Production build"
if npx next build; then
  step "Browser tests"
  rm -f test-results/e2e.json
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json bash scripts/e2e-tests.sh --reporter=list,json
  status=$?
  read -r e2e_pass e2e_fail < <(e2e_counts test-results/e2e.json "$status")

  step "Browser tests on PostgreSQL (the same build and tests, the app on a throwaway cluster)"
  rm -f test-results/e2e-postgresql.json
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e-postgresql.json bash scripts/e2e-tests.sh --postgresql --reporter=list,json
  status=$?
  read -r e2e_pg_pass e2e_pg_fail < <(e2e_counts test-results/e2e-postgresql.json "$status")
  e2e_pass=$((e2e_pass + e2e_pg_pass)); e2e_fail=$((e2e_fail + e2e_pg_fail))
else
  echo "build failed: browser tests not run"
  e2e_fail=1
fi

# How long each step took (the slow ones are where time can be won).
echo
echo "==> Time per step"
step_starts+=("$SECONDS")
for i in "${!step_names[@]}"; do
  printf '%6ss  %s\n' "$((step_starts[i + 1] - step_starts[i]))" "${step_names[$i]}"
done
printf '%6ss  %s\n' "$SECONDS" "in all"

passed=$((unit_pass + e2e_pass))
failed=$((unit_fail + e2e_fail + failed_steps))
echo
echo "unit: ${unit_pass} passed, ${unit_fail} failed (${pg_pass} of them passed on PostgreSQL); browser: ${e2e_pass} passed, ${e2e_fail} failed (${e2e_pg_pass} of them passed on PostgreSQL); other failed steps: ${failed_steps}"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
