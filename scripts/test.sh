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

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Compiled rule catalogs are cached by content hash; a run starts from a clean cache of its own.
export GUARDRAILS_CACHE="${GUARDRAILS_CACHE:-$PWD/artifacts/rule-cache}"
results="$PWD/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The AwsServer tests run Debian's official AWS CLI against the local AWS test server, by full path
# (/usr/bin/aws: an older pip-installed aws may come first on PATH).
if ! test -x /usr/bin/aws; then
  if command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's awscli for the AWS CLI tests"
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli) >"$results/apt-awscli.log" 2>&1; then
      log "could not install awscli (see $results/apt-awscli.log): the AWS CLI tests will skip, and fail under CI=true"
    fi
  else
    log "no apt-get: the AWS CLI tests will skip, and fail under CI=true"
  fi
fi

log "building"
dotnet build Ocado.Guardrails.sln -c Release -nologo -v quiet

log "running tests"
set +e
dotnet test tests/Ocado.Guardrails.Tests.csproj -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --results-directory "$results" 2>&1 | tee "$results/output.txt"
status=${PIPESTATUS[0]}
set -e

summary=$(grep -E '^(Passed|Failed)!' "$results/output.txt" || true)
passed=$(echo "$summary" | sed -nE 's/.*Passed: *([0-9]+).*/\1/p' | awk '{s+=$1} END {print s+0}')
failed=$(echo "$summary" | sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' | awk '{s+=$1} END {print s+0}')
skipped=$(echo "$summary" | sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' | awk '{s+=$1} END {print s+0}')

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
