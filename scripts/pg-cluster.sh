#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, from Debian's postgresql package:
#   bash scripts/pg-cluster.sh start DIR   initdb into DIR, listen on a free port of 127.0.0.1 (and a
#                                          socket in DIR), print the DATABASE_URL of its "migbench" database
#   bash scripts/pg-cluster.sh stop DIR    stop it and remove DIR
#   bash scripts/pg-cluster.sh pause DIR   stop the server, keeping its data (an outage, for fault tests)
#   bash scripts/pg-cluster.sh resume DIR  start it again on the same port
# As root the server runs as the "postgres" user (PostgreSQL refuses to run as root).
set -euo pipefail
cmd=${1:?start|stop|pause|resume}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Sized for tests on 2 cores: enough connections for 4 workers + the app, fsync off (throwaway data).
server_start() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $1 -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U migbench --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port from python3 (node run from inside a test runner may print more than the port).
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    server_start "$port"
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U migbench migbench
    echo "$port" >"$dir/port"
    echo "postgresql://migbench@127.0.0.1:$port/migbench"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  pause) as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  resume) server_start "$(cat "$dir/port")" ;;
  *) echo "usage: $0 start|stop|pause|resume DIR" >&2; exit 2 ;;
esac
