#!/usr/bin/env bash
# Runs every test project against a throwaway PostgreSQL and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_prerequisites
ensure_browser
ensure_document_readers
command -v psql >/dev/null 2>&1 || PATH=$PG_BIN:$PATH

work=$(mktemp -d /tmp/parindex-test.XXXXXX)
chmod 755 "$work"
cleanup() { pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

pg_start "$work/pg" test
export PARINDEX_TEST_DATABASE="Host=$PG_SOCKET;Username=postgres;Database=postgres"

log "Building"
if ! dotnet build ParIndex.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  log "Testing $name"
  output=$(dotnet test "$project" -c Release --no-build --nologo 2>&1)
  status=$?
  printf '%s\n' "$output"
  summary=$(printf '%s\n' "$output" | grep -E '(Passed|Failed)!  - Failed:' | tail -n 1)
  if [[ -z $summary ]]; then
    log "$name: no test summary (exit $status): counted as one failure"
    failed=$((failed + 1))
    continue
  fi
  p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
  f=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f))
  if [[ $status -ne 0 && $f -eq 0 ]]; then
    failed=$((failed + 1))
  fi
done

# Stop the server first so that the summary is the very last line.
cleanup
trap - EXIT
echo "$passed passed, $failed failed"
if [[ $failed -gt 0 || $passed -eq 0 ]]; then
  exit 1
fi
