#!/usr/bin/env bash
# Public pages under a crowd (issue 13): wrk -t2 -c100 -d20s on loopback, on the same 2 cores as the
# server, against the ranking page and a score card, at demo scale (./run.sh's demo) and at national
# scale (4,000 units: the benchmarks' national store, served by `ParIndex.Benchmarks serve`). /health
# (one database round trip) is measured beside them as the reference. Installs wrk if it is missing.
# Usage: bench/load.sh [demo|national|all]   (default all; PARINDEX_LOAD_SECONDS=20)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
scale=${1:-all}
seconds=${PARINDEX_LOAD_SECONDS:-20}
command -v wrk >/dev/null 2>&1 || apt_install wrk

browser='Accept-Encoding: gzip, deflate, br' # what every browser sends

load() { # name url [header]
  log "wrk -t2 -c100 -d${seconds}s ${3:+-H '$3' }$2"
  printf '%s\t%s\tload %s\t' "$1" "${3:-no Accept-Encoding}" "$(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t2 -c100 -d"${seconds}s" --latency ${3:+-H "$3"} "$2" | awk '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    /Non-2xx|Socket errors/ {errors=errors $0 "; "}
    END {printf "%s req/s\tp50 %s\tp99 %s\terrors: %s\n", rps, p50, p99, (errors == "" ? "0" : errors)}'
}

warm() { # url: the first requests render the page (the cache stores it), the crowd reads it; its size
  curl -fsS -o /dev/null "$1"
  printf '%s: %s bytes, %s bytes as Brotli\n' "$1" "$(curl -fsS "$1" | wc -c)" "$(curl -fsS -H "$browser" "$1" | wc -c)"
}

if [[ $scale == demo || $scale == all ]]; then
  port=5180
  export PARINDEX_DATA_DIR=/var/tmp/parindex-load-demo
  PARINDEX_PORT=$port ./run.sh >/tmp/parindex-load-demo.log 2>&1 &
  runner=$!
  trap 'kill -INT $runner 2>/dev/null; wait $runner 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 1; done
  base="http://127.0.0.1:$port"
  for page in /ket-qua/2024 /ket-qua/2024/XA02; do warm "$base$page"; done
  echo "== demo scale (50 units), $(date -u '+%d/%m/%Y %H:%M') UTC"
  load "ranking /ket-qua/2024" "$base/ket-qua/2024" "$browser"
  load "score card /ket-qua/2024/XA02" "$base/ket-qua/2024/XA02" "$browser"
  load "ranking /ket-qua/2024" "$base/ket-qua/2024"
  load "score card /ket-qua/2024/XA02" "$base/ket-qua/2024/XA02"
  load "reference /health" "$base/health"
  kill -INT $runner; wait $runner 2>/dev/null || true
  trap - EXIT
fi

if [[ $scale == national || $scale == all ]]; then
  PG_BIN=$(pg_bin_dir)
  pg_start /var/tmp/parindex-bench test
  trap 'pg_stop /var/tmp/parindex-bench' EXIT
  export PARINDEX_BENCH_DATABASE="Host=$PG_SOCKET;Username=postgres;Database=postgres"
  dotnet build bench/ParIndex.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  fifo=$(mktemp -u) && mkfifo "$fifo"
  dotnet bench/ParIndex.Benchmarks/bin/Release/net10.0/ParIndex.Benchmarks.dll serve <"$fifo" >/tmp/parindex-load-national.log 2>&1 &
  server=$!
  exec 7>"$fifo" # holds the server's standard input open; closing it stops the server
  trap 'exec 7>&-; wait $server 2>/dev/null || true; rm -f "$fifo"; pg_stop /var/tmp/parindex-bench' EXIT
  log "Building the national store (a few minutes)"
  for _ in $(seq 1 900); do grep -q '^SERVING' /tmp/parindex-load-national.log && break; kill -0 $server 2>/dev/null || { cat /tmp/parindex-load-national.log; exit 1; }; sleep 1; done
  base=$(grep '^SERVING' /tmp/parindex-load-national.log | cut -d' ' -f2 | sed 's#/$##')
  for page in /ket-qua/2025 /ket-qua/2025/U1234; do warm "$base$page"; done
  echo "== national scale (4,000 units in 69 blocs), $(date -u '+%d/%m/%Y %H:%M') UTC"
  load "ranking /ket-qua/2025" "$base/ket-qua/2025" "$browser"
  load "score card /ket-qua/2025/U1234" "$base/ket-qua/2025/U1234" "$browser"
  load "ranking /ket-qua/2025" "$base/ket-qua/2025"
  load "score card /ket-qua/2025/U1234" "$base/ket-qua/2025/U1234"
  load "reference /health" "$base/health"
fi
