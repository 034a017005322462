# Shared by run.sh and test.sh: install what is missing, and run a private PostgreSQL server.
# shellcheck shell=bash

log() { printf '[parindex] %s\n' "$*" >&2; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq >&2
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >&2
}

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/initdb ]] && echo "$dir"
}

# The .NET SDK and the PostgreSQL server binaries; ICU for vi-VN formatting.
ensure_prerequisites() {
  if ! command -v dotnet >/dev/null 2>&1; then
    log "The .NET 10 SDK is required (dotnet on PATH); it is part of this machine image."
    exit 1
  fi
  if [[ -z $(pg_bin_dir) ]]; then
    apt_install postgresql
  fi
  if ! ls /usr/lib/x86_64-linux-gnu/libicuuc.so.* /usr/lib/*/libicuuc.so.* >/dev/null 2>&1; then
    apt_install libicu72 || apt_install libicu-dev
  fi
  # npm installs the front-end libraries (Chart.js) during the web project's build.
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  PG_BIN=$(pg_bin_dir)
  export PG_BIN
}

# Debian's Chromium (browser tests drive it through Playwright; no browser is downloaded) and fonts
# that render Vietnamese.
ensure_browser() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # grep reads the whole list (no -q): under pipefail an early exit would fail fc-list with SIGPIPE.
  fc-list 2>/dev/null | grep -i "Noto Sans" >/dev/null || missing+=(fonts-noto-core)
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
}

# Real readers for the exports' tests: LibreOffice opens each .xlsx (and writes the Word 97 / Excel 97 files the
# evidence checks read), poppler renders and reads each PDF.
ensure_document_readers() {
  local missing=()
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
  dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
}

# Runs a PostgreSQL command as the owner of the data folder (initdb and the server refuse root).
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DATA_DIR [test]: creates the cluster if needed and starts it on a private unix socket
# (no TCP port). Sets PG_SOCKET. With "test", durability is switched off for speed.
pg_start() {
  local data=$1 mode=${2:-}
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || as_root useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$data"
    if ! runuser -u postgres -- test -w "$data"; then
      log "The postgres user cannot reach $data (a parent folder is private)."
      log "Set PARINDEX_DATA_DIR to a folder it can reach, e.g. /var/tmp/parindex."
      exit 1
    fi
  fi
  chmod 700 "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    log "Creating a private PostgreSQL cluster in $data"
    pg_as_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  PG_SOCKET=$(mktemp -d /tmp/parindex-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_SOCKET"
  local options="-c listen_addresses='' -c unix_socket_directories='$PG_SOCKET'"
  if [[ $mode == test ]]; then
    # Test classes run side by side, each app with its own pool (up to 40): room for all of them.
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  fi
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "A server is already running on $data; stopping it first"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -o "$options" -l "$data/server.log" -w -t 60 start >/dev/null
  export PG_SOCKET
  log "PostgreSQL is running on $PG_SOCKET (data: $data)"
}

pg_stop() {
  local data=$1
  if [[ -f $data/postmaster.pid ]]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 && log "PostgreSQL stopped"
  fi
  [[ -n ${PG_SOCKET:-} ]] && rm -rf "$PG_SOCKET"
}

# pg_ensure_database NAME
pg_ensure_database() {
  local name=$1
  if ! psql -h "$PG_SOCKET" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep 1 >/dev/null; then
    psql -h "$PG_SOCKET" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

# pg_ensure_owner DATABASE ROLE: a login role that is not a superuser owns the database, its schema and
# everything in it (also what an earlier version created as postgres), so that the app runs without
# superuser rights and the server's reserved connections stay free for an administrator's psql.
pg_ensure_owner() {
  local name=$1 role=$2
  psql -h "$PG_SOCKET" -U postgres -d "$name" -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE "$role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 90;
  END IF;
END \$\$;
ALTER DATABASE "$name" OWNER TO "$role";
ALTER SCHEMA public OWNER TO "$role";
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT c.oid::regclass AS object, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_get_userbyid(c.relowner) <> '$role' LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO "$role"', r.object);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS object FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '$role'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO "$role"', r.object);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS object FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '$role' LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO "$role"', r.object);
  END LOOP;
END \$\$;
SQL
}
