#!/usr/bin/env bash
# Runs ParIndex in demo mode on http://127.0.0.1:5080 (PARINDEX_PORT to change it).
# Without ConnectionStrings__ParIndex it runs its own PostgreSQL under .data/ (kept between runs,
# stopped when ParIndex stops).
set -euo pipefail
# Started in the background (`./run.sh &` from a script), bash is handed SIGINT already ignored and
# may not trap it, so a kill -INT would do nothing; start again with SIGINT at its default, so that
# it stops on SIGINT as it does on Ctrl+C.
if [[ -z ${PARINDEX_SIGNALS_RESET:-} ]]; then
  PARINDEX_SIGNALS_RESET=1 exec env --default-signal=INT "$0" "$@"
fi
cd "$(dirname "$0")"
source scripts/common.sh

ensure_prerequisites
ensure_browser # the PDFs are printed by headless Chromium
port=${PARINDEX_PORT:-5080}

log "Building"
dotnet build src/ParIndex.Web/ParIndex.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

if [[ -z ${ConnectionStrings__ParIndex:-} ]]; then
  data=${PARINDEX_DATA_DIR:-$PWD/.data/postgres}
  pg_start "$data"
  trap 'pg_stop "$data"' EXIT
  command -v psql >/dev/null 2>&1 || PATH=$PG_BIN:$PATH
  pg_ensure_database parindex
  pg_ensure_owner parindex parindex # ParIndex is not the superuser: psql -U postgres always finds a reserved connection
  export ConnectionStrings__ParIndex="Host=$PG_SOCKET;Username=parindex;Database=parindex"
fi

export ParIndex__Demo=${ParIndex__Demo:-true}
export ParIndex__Evidence__Directory=${ParIndex__Evidence__Directory:-$PWD/.data/evidence}
log "Starting ParIndex on http://127.0.0.1:$port (Ctrl+C to stop)"
dotnet src/ParIndex.Web/bin/Release/net10.0/ParIndex.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/ParIndex.Web" &
app=$!
# Ctrl+C or a TERM stops ParIndex gracefully; then the EXIT trap stops PostgreSQL.
trap 'kill -TERM "$app" 2>/dev/null; wait "$app"; exit 130' INT TERM
wait "$app"
