#!/usr/bin/env bash
# One command for the benchmarks (README, Performance):
#   benchmarks/run.sh                 floor vs full scan at 100,000 and 1,000,000 resources
#   benchmarks/run.sh 100000          one size (comma-separated for several)
#   benchmarks/run.sh 1000000 --accounts 4   the resources held by 4 large accounts (the demo's other 7 keep their fixed part)
#   benchmarks/run.sh micro           BenchmarkDotNet on the hot paths
#   benchmarks/run.sh rules [DIR [--accounts N] [--repeat N] [--catalog DIR]]  what each rule costs per evaluation (default: the
#                                     100,000 one), on its first N accounts only if given
#   benchmarks/run.sh collect [OPTS]  live collection of 300 accounts x 2 regions from the local AWS test server (its own
#                                     process, 40 ms a request, AWS's default limits), then a second night with --since
# Demo estates are generated once into benchmarks/.work (about 1.8 GB at 1,000,000 resources).
set -euo pipefail
cd "$(dirname "$0")/.."
export GUARDRAILS_CACHE="${GUARDRAILS_CACHE:-$PWD/benchmarks/.work/rule-cache}"
if [[ "${1:-}" == "collect" ]]; then
  shift
  dotnet build benchmarks/CollectionBenchmark -c Release -nologo -v quiet >/dev/null
  exec dotnet benchmarks/CollectionBenchmark/bin/Release/net10.0/CollectionBenchmark.dll "$@"
fi
dotnet build benchmarks/Ocado.Guardrails.Benchmarks -c Release -nologo -v quiet >/dev/null
dll=benchmarks/Ocado.Guardrails.Benchmarks/bin/Release/net10.0/Ocado.Guardrails.Benchmarks.dll
if [[ "${1:-}" == "micro" ]]; then
  shift
  exec dotnet "$dll" micro "$@"
fi
if [[ "${1:-}" == "rules" ]]; then
  estate="${2:-benchmarks/.work/demo-100000-12-accounts}"
  [[ -d "$estate" ]] || dotnet "$dll" macro 100000 >/dev/null
  exec dotnet "$dll" rules "$estate" "${@:3}"
fi
exec dotnet "$dll" macro "${1:-100000,1000000}" "${@:2}"
