#!/usr/bin/env bash
# One command: renders a 100,000-finding report.html, opens it in headless Chromium (Debian's
# chromium, nothing downloaded) and prints the time to open, the time to filter and the file size.
#   benchmarks/report/run.sh [--findings N] [--runs N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -x /usr/bin/chromium ]]; then
  echo "[benchmark] /usr/bin/chromium is missing: apt-get install -y chromium" >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release -nologo -v quiet benchmarks/report
# On a shared machine, GUARDRAILS_BENCHMARK_NICE=-10 (as root) gives the benchmark and its browser
# the CPU ahead of other work, so that the figures measure the page rather than the neighbours.
exec nice -n "${GUARDRAILS_BENCHMARK_NICE:-0}" dotnet run -c Release --no-build --project benchmarks/report -- "$@"
