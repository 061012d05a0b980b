# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(postgres)

# --- postgres: Debian PostgreSQL 15, a throwaway cluster on 127.0.0.1:55432 -------------------
PG_PORT=55432
PG_DB=catalog_test
PG_DIR="$CACHE/postgres"
PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"

pg_bin() {
  local bin=/usr/lib/postgresql/15/bin
  if [[ ! -x $bin/initdb ]]; then
    say "PostgreSQL 15 not found in $bin; installing Debian's postgresql package"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >"$CACHE/apt.log" 2>&1 \
      || die "apt-get install postgresql failed; see $CACHE/apt.log"
    [[ -x $bin/initdb ]] || die "postgresql installed but $bin/initdb is missing (is the default version 15?)"
  fi
  echo "$bin"
}

# Runs a command as the postgres OS user when we are root (initdb and postgres refuse root).
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_answers() { as_pg "$1/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres; }

postgres_up() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$PG_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DIR"
  if pg_answers "$bin" 2>/dev/null; then
    say "postgres already answers on 127.0.0.1:$PG_PORT"
  else
    if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
      say "initialising a throwaway cluster in $PG_DIR/data"
      as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || die "initdb failed; see $PG_DIR/initdb.log"
    fi
    say "starting postgres on 127.0.0.1:$PG_PORT (log: $PG_DIR/postgres.log)"
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c wal_level=logical -c max_connections=100" start >/dev/null \
      || die "postgres did not start; last lines of $PG_DIR/postgres.log:
$(tail -n 20 "$PG_DIR/postgres.log" 2>/dev/null)"
  fi
  local i
  for i in $(seq 1 60); do pg_answers "$bin" && break; sleep 0.5; done
  pg_answers "$bin" || die "postgres does not answer on 127.0.0.1:$PG_PORT; see $PG_DIR/postgres.log"
  if ! as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
      "select 1 from pg_database where datname = '$PG_DB'" 2>/dev/null | grep -q 1; then
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DB" || die "createdb $PG_DB failed"
  fi
  say "postgres is up; use:"
  echo "CATALOG_TEST_POSTGRES_URL=$PG_URL"
}

postgres_down() {
  local bin; bin="$(pg_bin)"
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || die "pg_ctl stop failed"
    say "postgres stopped (data kept in $PG_DIR/data; remove it for a fresh cluster)"
  else
    say "postgres is not running"
  fi
}

postgres_status() {
  local bin; bin="$(pg_bin)"
  if pg_answers "$bin" 2>/dev/null; then echo "postgres: up  $PG_URL"; else echo "postgres: down"; return 1; fi
}

