#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server; its connection string is in GUARDRAILS_TEST_POSTGRES.
#   scripts/with-postgres.sh dotnet test tests --filter "FullyQualifiedName~Store"
set -euo pipefail
source "$(dirname "$0")/postgres.sh"
start_postgres
set +e
"$@"
status=$?
set -e
exit $status
