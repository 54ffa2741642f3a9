# Starts and stops a throwaway PostgreSQL cluster on 127.0.0.1 (sourced by .ci/run; usable by hand too:
#   source .ci/postgres.sh && start_postgres   ...   stop_postgres).
# PostgreSQL refuses to run as root, so the cluster belongs to the 'postgres' system user when run as root.

PG_PORT=${PG_PORT:-55432}
PG_DIR=${PG_DIR:-/tmp/tandem-ci-pg}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  echo "${bin:-$(dirname "$(command -v initdb)")}"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin; bin=$(pg_bin)
  stop_postgres
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >/dev/null
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  echo "[ci] PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  local bin; bin=$(pg_bin)
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
