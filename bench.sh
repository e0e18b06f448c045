#!/usr/bin/env bash
# ./bench.sh ledger|core|scenarios|export — Release build, one silo, figures side by side in one run; Azurite in memory on a free port.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools-lib.sh
source scripts/azurite-lib.sh
suite=${1:-ledger}
pvo_ensure_dotnet
bench_dll=bench/PvoFinance.Bench/bin/Release/net10.0/PvoFinance.Bench.dll
case "$suite" in
  core|scenarios|export)
    # Suites without storage (CPU, files): no Azurite (nor Node.js) is needed.
    dotnet build bench/PvoFinance.Bench -c Release -nologo -v quiet
    exec dotnet "$bench_dll" "$suite"
    ;;
esac
pvo_ensure_node
azurite_install
mkdir -p .test-run
port=$(pvo_free_port)
azurite_start_memory "$port" .test-run/bench-azurite.log
trap azurite_stop EXIT
dotnet build bench/PvoFinance.Bench -c Release -nologo -v quiet
PVO_BENCH_STORAGE_CONNECTION_STRING=$(azurite_connection_string "$port") \
  dotnet "$bench_dll" "$suite"
