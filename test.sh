#!/usr/bin/env bash
# Sets up what is missing, starts Azurite in memory on a free port, builds, runs every test, stops what it
# started, prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/tools-lib.sh
source scripts/azurite-lib.sh
source scripts/axe-lib.sh

pvo_ensure_dotnet || exit 1
pvo_ensure_node || exit 1
pvo_ensure_chromium || exit 1
azurite_install || exit 1
axe_install || exit 1

run_dir=.test-run
rm -rf "$run_dir"
mkdir -p "$run_dir/results"

port=$(pvo_free_port)
azurite_start_memory "$port" "$run_dir/azurite.log" || exit 1
trap azurite_stop EXIT
export PVO_TEST_STORAGE_CONNECTION_STRING
PVO_TEST_STORAGE_CONNECTION_STRING=$(azurite_connection_string "$port")

echo "Checking the formatting (.editorconfig)..."
if ! dotnet format PvoFinance.sln --verify-no-changes -v quiet; then
  echo "Formatting differs from .editorconfig; run: dotnet format PvoFinance.sln"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "Building..."
if ! dotnet build PvoFinance.sln -c Release -nologo -v quiet; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "Testing $name..."
  dotnet test "$project" -c Release --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$run_dir/results" || status=1
done

# The OpenAPI fuzzer's counts (tests/PvoFinance.Http.Tests/Fuzz), from its test output in the results.
grep -ho 'fuzz requests=[^&<]*' "$run_dir"/results/*.trx 2>/dev/null | head -n 1

summary=$(pvo_trx_summary "$run_dir/results")
failed=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
if [ "${failed:-0}" != "0" ]; then
  status=1
fi
echo "$summary"
exit $status
