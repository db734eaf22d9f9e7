#!/usr/bin/env bash
# Measures the scale-out throughput of the engine: accounts per minute with 1 and with 3 worker
# processes on one throwaway PostgreSQL, on the 30-account demo estate.
#   scripts/throughput.sh [SIZE] [WORKER-COUNTS...]     (default: 30000 1 3)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-30000}
shift || true
counts=("$@")
[[ ${#counts[@]} -eq 0 ]] && counts=(1 3)
source scripts/postgres.sh

dotnet build src/Scanner -c Release -nologo -v quiet >/dev/null
guardrails=(dotnet "$PWD/src/Scanner/bin/Release/net10.0/guardrails.dll")
work=$(mktemp -d /tmp/guardrails-throughput.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; stop_postgres; }
start_postgres
trap cleanup EXIT
export GUARDRAILS_CACHE="$work/rule-cache"

"${guardrails[@]}" scan --demo --demo-accounts 30 --demo-size "$size" --out "$work/demo" --no-store --quiet >/dev/null
for workers in "${counts[@]}"; do
  db="gr_tp_$workers"
  psql_conn="${GUARDRAILS_TEST_POSTGRES/Database=postgres/Database=$db}"
  "$(ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)" -h 127.0.0.1 -p "$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$GUARDRAILS_TEST_POSTGRES")" -U postgres -qc "CREATE DATABASE $db" postgres
  config="$work/guardrails-$workers.yaml"
  cp "$work/demo/demo-snapshot/guardrails.yaml" "$config"
  printf '\nstorage:\n  postgres: "%s"\nengine:\n  workers: 2\n  invisibilityTimeout: 30s\n  queuePollInterval: 1s\n' "$psql_conn" >>"$config"
  args=(--snapshot "$work/demo/demo-snapshot" --config "$config" --state "$work/state-$workers" --out "$work/out-$workers")
  pids=()
  for ((i = 0; i < workers; i++)); do
    "${guardrails[@]}" worker "${args[@]}" >"$work/worker-$workers-$i.log" 2>&1 &
    pids+=($!)
  done
  sleep 5   # the workers load the catalog (cached) and register with Hangfire before the clock starts
  start=$(date +%s.%N)
  "${guardrails[@]}" audit "${args[@]}" --wait --timeout 900 | tail -n 2 >&2
  end=$(date +%s.%N)
  awk -v w="$workers" -v s="$start" -v e="$end" 'BEGIN { printf "%d worker(s): 30 accounts (90 parts) in %.1f s = %.1f accounts/min\n", w, e - s, 30 * 60 / (e - s) }'
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
done
