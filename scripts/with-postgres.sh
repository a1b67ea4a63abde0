#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 on a free loopback port, and removes it whatever happens.
# The connection string is exported as PK_TEST_POSTGRES (superuser, database "postgres").
#   scripts/with-postgres.sh [--durable] COMMAND...
# Without --durable the server runs with fsync off (tests); with it, PostgreSQL's defaults (benchmarks).
set -euo pipefail

durable=0
if [[ "${1:-}" == "--durable" ]]; then durable=1; shift; fi

PG_BIN=/usr/lib/postgresql/15/bin
if [[ ! -x "$PG_BIN/initdb" ]]; then
  echo "PostgreSQL 15 not found; installing it" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# PostgreSQL refuses to run as root: use an unprivileged account.
run_as=()
if [[ "$(id -u)" == 0 ]]; then
  id pktest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pktest
  run_as=(runuser -u pktest --)
fi

dir="$(mktemp -d /tmp/pk-pg.XXXXXX)"
[[ "$(id -u)" == 0 ]] && chown pktest "$dir"
stop() {
  "${run_as[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))"
"${run_as[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=300"
[[ $durable == 0 ]] && options="$options -c fsync=off -c full_page_writes=off"
"${run_as[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -o "$options" -l "$dir/server.log" -w -t 60 start >/dev/null

export PK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;SSL Mode=Disable"
echo "PostgreSQL 15 on 127.0.0.1:$port ($([[ $durable == 1 ]] && echo durable || echo fsync off))" >&2
"$@"
