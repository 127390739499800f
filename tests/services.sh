# shellcheck shell=bash
# Throwaway PostgreSQL and MariaDB servers on 127.0.0.1 for the database tests.
#
#   source tests/services.sh && services_start   # exports GDPRSCAN_TEST_PG_URL, GDPRSCAN_TEST_MYSQL_URL
#   services_stop                                # stops what services_start started, removes its data
#
# A URL already set in the environment is reused and nothing is started for it. Servers missing from
# the machine are installed from apt (as root; `apt-get update` only when the install needs it). Each
# server lives in a fresh temporary data directory, listens on 127.0.0.1 only (5432 / 3306 when free,
# else a free port) and has a trusted superuser without password (postgres / root). Quiet unless
# something fails; a server that cannot start is reported on stderr and its tests skip (fail in CI).
# Data directories live in /tmp (not $TMPDIR): the postgres and mysql users must be able to reach them.

_gdprscan_log() { echo "services.sh: $*" >&2; }

_gdprscan_fail() {  # fail DIR LOG MESSAGE: say why (the log's last lines), remove DIR, return 1
  _gdprscan_log "$3:"
  tail -n 5 "$1/$2" 2>/dev/null | sed 's/^/  /' >&2
  rm -rf "$1"
  return 1
}

_gdprscan_free_port() {  # preferred port if nothing listens on it, else any free port
  local preferred=$1
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$preferred") 2>/dev/null; then
    echo "$preferred"
    return
  fi
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_gdprscan_apt_install() {  # apt_install PACKAGE...: install, running apt-get update only if needed
  if [ "$(id -u)" != 0 ]; then
    _gdprscan_log "cannot install $* (not root)"
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq "$@" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq "$@" >/dev/null 2>&1 || { _gdprscan_log "apt-get install $* failed"; return 1; }
  fi
}

_gdprscan_as() {  # as USER COMMAND...: run as USER when root, else as ourselves
  local user=$1
  shift
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

_gdprscan_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  local d
  d=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

_gdprscan_pg_start() {
  local bin dir port
  bin=$(_gdprscan_pg_bin) || true
  if [ -z "$bin" ]; then
    _gdprscan_apt_install postgresql || return 1
    bin=$(_gdprscan_pg_bin) || { _gdprscan_log "PostgreSQL binaries not found"; return 1; }
  fi
  dir=$(mktemp -d "/tmp/gdprscan-pg.XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  port=$(_gdprscan_free_port 5432)
  if ! _gdprscan_as postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync \
      >"$dir/initdb.log" 2>&1; then
    _gdprscan_fail "$dir" initdb.log "PostgreSQL initdb failed"
    return 1
  fi
  if ! _gdprscan_as postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
    _gdprscan_as postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    _gdprscan_fail "$dir" server.log "PostgreSQL did not start"
    return 1
  fi
  _GDPRSCAN_PG_DIR=$dir
  _GDPRSCAN_PG_BIN=$bin
  export GDPRSCAN_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
}

_gdprscan_my_bin() {
  local d
  for d in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
    if [ -x "$d/mariadbd" ]; then echo "$d/mariadbd"; return 0; fi
  done
  command -v mariadbd 2>/dev/null
}

_gdprscan_my_start() {
  local server dir port user i
  server=$(_gdprscan_my_bin) || true
  if [ -z "$server" ] || ! command -v mariadb-install-db >/dev/null 2>&1; then
    _gdprscan_apt_install mariadb-server || return 1
    server=$(_gdprscan_my_bin) || { _gdprscan_log "mariadbd not found"; return 1; }
  fi
  dir=$(mktemp -d "/tmp/gdprscan-my.XXXXXX")
  chmod 755 "$dir"
  user=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    user=mysql
    chown mysql: "$dir"
  fi
  port=$(_gdprscan_free_port 3306)
  if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
    _gdprscan_fail "$dir" install.log "mariadb-install-db failed"
    return 1
  fi
  "$server" --no-defaults --datadir="$dir/data" --user="$user" --bind-address=127.0.0.1 --port="$port" \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/server.log" \
    --skip-name-resolve --innodb-flush-log-at-trx-commit=0 --skip-log-bin >/dev/null 2>&1 &
  _GDPRSCAN_MY_DIR=$dir
  for i in $(seq 1 300); do
    if mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      # TCP connections come from 127.0.0.1: make sure root may connect from there without password
      mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot -e \
        "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" \
        >/dev/null 2>&1 || true
      export GDPRSCAN_TEST_MYSQL_URL="mysql://root@127.0.0.1:$port/mysql"
      return 0
    fi
    sleep 0.1
  done
  _gdprscan_log "MariaDB did not answer within 30 s:"
  tail -n 5 "$dir/server.log" 2>/dev/null | sed 's/^/  /' >&2
  _gdprscan_my_stop
  return 1
}

_gdprscan_pg_stop() {
  if [ -n "${_GDPRSCAN_PG_DIR:-}" ]; then
    _gdprscan_as postgres "$_GDPRSCAN_PG_BIN/pg_ctl" -D "$_GDPRSCAN_PG_DIR/data" -m immediate -w stop \
      >/dev/null 2>&1 || true
    rm -rf "$_GDPRSCAN_PG_DIR"
    unset _GDPRSCAN_PG_DIR _GDPRSCAN_PG_BIN GDPRSCAN_TEST_PG_URL
  fi
}

_gdprscan_my_stop() {
  local pid i
  if [ -n "${_GDPRSCAN_MY_DIR:-}" ]; then
    if [ -f "$_GDPRSCAN_MY_DIR/mysqld.pid" ]; then
      pid=$(cat "$_GDPRSCAN_MY_DIR/mysqld.pid" 2>/dev/null) || pid=
      if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 100); do
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.1
        done
      fi
    fi
    rm -rf "$_GDPRSCAN_MY_DIR"
    unset _GDPRSCAN_MY_DIR GDPRSCAN_TEST_MYSQL_URL
  fi
}

services_start() {
  if [ -z "${GDPRSCAN_TEST_PG_URL:-}" ]; then
    _gdprscan_pg_start || _gdprscan_log "PostgreSQL not available; its tests will skip (fail in CI)"
  fi
  if [ -z "${GDPRSCAN_TEST_MYSQL_URL:-}" ]; then
    _gdprscan_my_start || _gdprscan_log "MariaDB not available; its tests will skip (fail in CI)"
  fi
  return 0
}

services_stop() {
  _gdprscan_pg_stop
  _gdprscan_my_stop
  return 0
}
