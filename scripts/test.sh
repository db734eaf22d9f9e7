#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs and starts what the tests need when it is
# missing, builds, runs every test, and ends with the line "N passed, N failed, N skipped".
# CI runs exactly this (.ci/run). With CI=true a skipped test counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET 10 SDK is required (https://dot.net); it is not on PATH"
  exit 2
fi

# The browser tests (tests/Reports/Browser) drive Debian's Chromium through Playwright's executable path;
# Playwright itself downloads nothing. Without it they fail under CI=true and skip elsewhere.
if [[ ! -x /usr/bin/chromium ]]; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    log "installing chromium for the browser tests"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
      || log "chromium could not be installed; the browser tests will say so"
  else
    log "chromium is missing and cannot be installed here (needs root and apt-get); the browser tests will say so"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Compiled rule catalogs are cached by content hash; a run starts from a clean cache of its own.
export GUARDRAILS_CACHE="${GUARDRAILS_CACHE:-$PWD/artifacts/rule-cache}"
results="$PWD/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Debian packages the tests drive for real: Chromium (the report in a browser) and the official AWS CLI
# (the local AWS test server's wire format). Installed once when missing; /usr/bin paths because an
# older pip-installed `aws` may come first on PATH.
apt_updated=
need_package() {
  local binary=$1 package=$2
  [[ -x "$binary" ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    log "$binary is missing and installing $package needs root: the tests that need it will skip (or fail with CI=true)"
    return 0
  fi
  log "installing $package with apt-get"
  if [[ -z "$apt_updated" ]]; then
    apt-get update -qq >&2 || log "apt-get update failed"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2 \
    || log "could not install $package: the tests that need it will skip (or fail with CI=true)"
}
need_package /usr/bin/chromium chromium
need_package /usr/bin/aws awscli
# The differential test (tests/Differential) runs @cloud-copilot/iam-simulate, AGPL-3.0 and so test-only, in a node
# process of its own: node and npm from Debian, the package from the pinned lock file into a git-ignored node_modules.
need_package /usr/bin/node nodejs
need_package /usr/bin/npm npm
simulator=tests/Differential/simulator
if [[ ! -f $simulator/node_modules/@cloud-copilot/iam-simulate/package.json && -x /usr/bin/npm ]]; then
  log "installing the differential test's simulator (npm ci in $simulator)"
  (cd "$simulator" && npm ci --ignore-scripts --no-audit --no-fund >&2) \
    || log "could not install it: the differential test will skip (or fail with CI=true)"
fi

# The store and scheduling tests need a PostgreSQL server; without one they skip (and fail under CI=true).
source scripts/postgres.sh
if [[ -z "${GUARDRAILS_TEST_POSTGRES:-}" ]]; then
  start_postgres || log "no PostgreSQL: the tests that need it will skip (or fail with CI=true)"
fi

log "building"
dotnet build Ocado.Guardrails.sln -c Release -nologo -v quiet

log "running tests"
set +e
dotnet test tests/Ocado.Guardrails.Tests.csproj -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --results-directory "$results" 2>&1 | tee "$results/output.txt"
status=${PIPESTATUS[0]}
set -e

# The runner's totals, in either of the forms dotnet test prints ("Passed!  - Failed: 0, Passed: 9, ..." or
# a "Total tests:" block with one line per outcome).
count() {
  local word=$1
  if grep -qE '^(Passed|Failed)! +-' "$results/output.txt"; then
    sed -nE "s/^(Passed|Failed)! +- .*${word}: *([0-9]+).*/\2/p" "$results/output.txt"
  else
    sed -nE "s/^ +${word}: +([0-9]+) *$/\1/p" "$results/output.txt"
  fi | awk '{s+=$1} END {print s+0}'
}
summary=$(grep -E '^(Passed|Failed)!|^Total tests:' "$results/output.txt" || true)
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)

# CI shows only the end of what a run printed: each failed test's name and message again, just above the totals.
if [[ $failed -gt 0 ]]; then
  echo "Failed tests (repeated from above):"
  awk '/^  (Passed|Failed|Skipped) /{n=0} /^  Failed /{n=24} /^  Stack Trace:/{if (n>4) n=4} n>0 {print; n--}' \
    "$results/output.txt" || true
fi

if [[ -z "$summary" ]]; then
  log "the test run printed no summary (build or runner failure)"
  [[ $status -eq 0 ]] && status=1
fi
if [[ "${CI:-}" == "true" && $skipped -gt 0 ]]; then
  log "CI=true: $skipped skipped test(s) count as failures (a missing dependency must not pass silently)"
  failed=$((failed + skipped))
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
