#!/usr/bin/env bash
# A private PostgreSQL cluster for tests, from Debian's `postgresql` package: initdb in a temporary
# directory (as the `postgres` user when run as root, since initdb refuses root), listening on a Unix
# socket only, stopped by its own pg_ctl (never by a process name).
#
#   scripts/pg.sh run CMD...   start a cluster, run CMD with TIDELINE_TEST_POSTGRES set to its
#                              connection string (tests create one database each in it), stop it
#   scripts/pg.sh start DIR    start a cluster in DIR (prints the connection string)
#   scripts/pg.sh stop DIR     stop the cluster in DIR
#   scripts/pg.sh ctl DIR ARGS pg_ctl on the cluster in DIR (the fault test stops and starts it)
#
# PG_EXTRA_OPTS adds server options (`-c name=value ...`), for profiling a bench run.
set -euo pipefail

bin="${PG_BIN:-}"
if [ -z "$bin" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg.sh: PostgreSQL is not installed: run 'scripts/setup.sh test' (installs the postgresql package)" >&2
  exit 1
fi
port="${PG_PORT:-55432}"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$1"
  else
    bash -c "$1"
  fi
}

start() {
  local dir="$1"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "'$bin/initdb' -D '$dir/data' -A trust -U tideline --no-sync >'$dir/initdb.log' 2>&1"
  fi
  as_owner "'$bin/pg_ctl' -D '$dir/data' -o \"-k '$dir' -p $port -c listen_addresses='' -c max_connections=200 -c fsync=on ${PG_EXTRA_OPTS:-}\" -l '$dir/log' -w start >/dev/null"
  echo "host=$dir port=$port user=tideline dbname=postgres"
}

stop() {
  local dir="$1"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  ctl) dir="$2"; shift 2; as_owner "'$bin/pg_ctl' -D '$dir/data' $*" ;;
  run)
    shift
    dir=$(mktemp -d /tmp/tideline-pg.XXXXXX)
    chmod 755 "$dir"
    trap 'stop "$dir/cluster"; rm -rf "$dir"' EXIT
    TIDELINE_TEST_POSTGRES=$(start "$dir/cluster")
    export TIDELINE_TEST_POSTGRES TIDELINE_TEST_PG_DIR="$dir/cluster"
    "$@"
    ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
