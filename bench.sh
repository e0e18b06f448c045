#!/usr/bin/env bash
# ./bench.sh ledger|http|scale|core|scenarios|export — Release build, one silo, figures side by side in one run; Azurite in memory on a free port.
# http starts the built service itself (Development, free ports) and drives it over HTTP with 50 clients.
# scale (issue 14) starts the service the same way and runs the scale phases at full sizes (PVO_BENCH_SCALE_* override them).
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
if [ "$suite" = http ] || [ "$suite" = scale ]; then
  # The service as ./run.sh starts it (Development, so the clients get /dev/token tokens), its own table prefix,
  # free HTTP and silo ports, no console telemetry; its log goes to .test-run/bench-service.log.
  service_port=$(pvo_free_port)
  table_prefix="bench$RANDOM"
  ASPNETCORE_ENVIRONMENT=Development \
  PvoFinance__Storage__ConnectionString=$(azurite_connection_string "$port") \
  PvoFinance__Storage__TablePrefix="$table_prefix" \
  PvoFinance__Silo__SiloPort=$(pvo_free_port) PvoFinance__Silo__GatewayPort=$(pvo_free_port) \
  PvoFinance__Telemetry__Console=false \
    dotnet src/Silo/bin/Release/net10.0/PvoFinance.Silo.dll --urls "http://127.0.0.1:$service_port" > .test-run/bench-service.log 2>&1 &
  service_pid=$!
  # '|| true': under set -e a wait answering 143 (the TERM just sent) would become the script's exit status.
  trap 'kill -TERM "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null || true; azurite_stop' EXIT
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$service_port/health" > /dev/null; then break; fi
    if ! kill -0 "$service_pid" 2>/dev/null; then echo "The service stopped; see .test-run/bench-service.log." >&2; exit 1; fi
    sleep 1
  done
  # The connection string too: the raw single-entity upsert rate is measured on the same Azurite after the load
  # (http), and the scale suite sizes the service's stored rows and runs its journal phase there.
  # The process ids too: http reads the CPU time of the service and of Azurite over each measured window.
  PVO_BENCH_URL="http://127.0.0.1:$service_port" PVO_BENCH_STORAGE_CONNECTION_STRING=$(azurite_connection_string "$port") \
    PVO_BENCH_TABLE_PREFIX="$table_prefix" PVO_BENCH_SERVICE_PID="$service_pid" PVO_BENCH_AZURITE_PID="$AZURITE_PID" \
    dotnet "$bench_dll" "$suite"
  exit $?
fi
PVO_BENCH_STORAGE_CONNECTION_STRING=$(azurite_connection_string "$port") \
  dotnet "$bench_dll" "$suite"
