#!/usr/bin/env bash
# Runs the BenchmarkDotNet benchmarks (docs/benchmarks.md) against a private PostgreSQL started here
# (fsync off, as in the tests) and stopped afterwards; installs what is missing like ./test.sh.
# Usage: bench/run.sh ['*Filter*' ...]   (default '*': every benchmark; arguments go to BenchmarkDotNet)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
ensure_prerequisites
ensure_browser # the score card PDF benchmarks print with headless Chromium
PG_BIN=$(pg_bin_dir)
pg_start /var/tmp/parindex-bench test
trap 'pg_stop /var/tmp/parindex-bench' EXIT
export PARINDEX_BENCH_DATABASE="Host=$PG_SOCKET;Username=postgres;Database=postgres"
log "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $# -eq 0 ]]; then set -- --filter '*'; elif [[ $1 != -* ]]; then set -- --filter "$@"; fi
dotnet run -c Release --project bench/ParIndex.Benchmarks -- "$@"
log "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
