#!/usr/bin/env bash
# Sourced by test.sh and with-postgres.sh: start_postgres starts a throwaway PostgreSQL server
# (installing the Debian package when no initdb is found), exports GUARDRAILS_TEST_POSTGRES with its
# connection string, and stops and deletes it when the calling shell exits.
# Measured: initdb --no-sync plus start take about a second.

pg_log() { printf '[postgres] %s\n' "$*" >&2; }

find_initdb() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  local initdb bin dir port attempt runas=()
  initdb=$(find_initdb)
  if [[ -z "$initdb" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      pg_log "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and not root to install them: apt-get install postgresql"
      return 1
    fi
    pg_log "installing postgresql with apt-get"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || return 1
    initdb=$(find_initdb)
  fi
  bin=$(dirname "$initdb")
  dir=$(mktemp -d /tmp/guardrails-pg.XXXXXX)
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root.
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    chmod 700 "$dir"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { pg_log "initdb failed:"; cat "$dir/initdb.log" >&2; return 1; }
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null 2>&1; then
      GUARDRAILS_PG_DIR=$dir
      GUARDRAILS_PG_CTL=("${runas[@]}" "$bin/pg_ctl" -D "$dir/data")
      trap stop_postgres EXIT
      export GUARDRAILS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      pg_log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (GUARDRAILS_TEST_POSTGRES)"
      return 0
    fi
  done
  pg_log "pg_ctl start failed:"; cat "$dir/server.log" >&2 2>/dev/null
  return 1
}

stop_postgres() {
  if [[ -n "${GUARDRAILS_PG_DIR:-}" ]]; then
    "${GUARDRAILS_PG_CTL[@]}" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$GUARDRAILS_PG_DIR"
    GUARDRAILS_PG_DIR=
  fi
}
