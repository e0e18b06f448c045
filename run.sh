#!/usr/bin/env bash
# Sets up what is missing, starts Azurite (data kept under .data/, reused if already listening) and the
# service on http://127.0.0.1:${PVO_PORT:-5080}; Ctrl-C or SIGTERM stops everything.
# ./run.sh --silos N starts N silos on loopback that form one Orleans cluster with their membership in a table of
# the same Azurite; silo i serves HTTP on port PVO_PORT+i-1. A silo that ends is reported and the others carry on;
# only Ctrl-C or SIGTERM stops them all.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools-lib.sh
source scripts/azurite-lib.sh

silos=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:-}; shift 2 ;;
    --silos=*) silos=${1#--silos=}; shift ;;
    *) echo "Unknown option '$1'. Usage: ./run.sh [--silos N]" >&2; exit 2 ;;
  esac
done
if ! [[ "$silos" =~ ^[1-9]$ ]]; then
  echo "--silos takes 1 to 9." >&2
  exit 2
fi

pvo_ensure_dotnet
pvo_ensure_node

service_port=${PVO_PORT:-5080}
azurite_port=${PVO_AZURITE_PORT:-$(azurite_config_port)}
export PVO_AZURITE_PORT=$azurite_port
azurite_blob_port=${PVO_AZURITE_BLOB_PORT:-$(azurite_config_blob_port)}
export PVO_AZURITE_BLOB_PORT=$azurite_blob_port

mkdir -p .data
if azurite_port_open "$azurite_port"; then
  echo "Azurite is already listening on 127.0.0.1:$azurite_port; reusing it."
  if ! azurite_port_open "$azurite_blob_port"; then
    echo "Its blob service is not listening on 127.0.0.1:$azurite_blob_port: letters and documents will fail until it is (stop that Azurite and run again)." >&2
  fi
else
  azurite_install
  mkdir -p .data/azurite
  azurite_start_disk "$azurite_port" .data/azurite .data/azurite.log "$azurite_blob_port"
  echo "Azurite started on 127.0.0.1:$azurite_port (tables) and $azurite_blob_port (blobs) (data in .data/azurite)."
fi

echo "Building the service..."
dotnet build src/Silo -c Release -nologo -v quiet

service_pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${service_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${service_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  azurite_stop
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

export PvoFinance__AzuriteConfig="$PWD/azurite.json"
# Local runs are Development: POST /dev/token issues signed tokens for trying the API by hand.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Locally, traces and metrics go to the console (PVO_TELEMETRY_CONSOLE=false turns that off); OTLP when
# OTEL_EXPORTER_OTLP_ENDPOINT is set.
export PvoFinance__Telemetry__Console="${PVO_TELEMETRY_CONSOLE:-true}"
if [ "$silos" -eq 1 ]; then
  dotnet src/Silo/bin/Release/net10.0/PvoFinance.Silo.dll --urls "http://127.0.0.1:$service_port" &
  service_pids+=($!)
  echo "PvoFinance is starting on http://127.0.0.1:$service_port (health: /health, OpenAPI: /openapi/v1.json). Ctrl-C stops it."
else
  export PvoFinance__Cluster__Mode=AzureTable
  # Locally a silo that stops answering is declared dead within seconds, so the others take over its grains
  # at once (docs/deployment.md: Failover timing).
  export PvoFinance__Cluster__FastFailover="${PVO_FAST_FAILOVER:-true}"
  # One development signing key for every silo of this run, so a token from POST /dev/token at one silo is
  # accepted by all (each process would otherwise pick its own random key). It lives only as long as this run.
  if [ -z "${PvoFinance__Auth__DevSigningKey:-}" ]; then
    export PvoFinance__Auth__DevSigningKey
    PvoFinance__Auth__DevSigningKey=$(head -c 32 /dev/urandom | base64)
  fi
  # Silo ports per silo: the membership table says where each one is.
  for i in $(seq 1 "$silos"); do
    PvoFinance__Silo__SiloPort=$((11110 + i)) PvoFinance__Silo__GatewayPort=$((29999 + i)) \
      dotnet src/Silo/bin/Release/net10.0/PvoFinance.Silo.dll --urls "http://127.0.0.1:$((service_port + i - 1))" &
    service_pids+=($!)
  done
  echo "PvoFinance is starting $silos silos in one cluster (membership in table pvoSilos of Azurite on 127.0.0.1:$azurite_port):"
  for i in $(seq 1 "$silos"); do echo "  silo $i: http://127.0.0.1:$((service_port + i - 1))  (pid ${service_pids[$((i - 1))]})"; done
  echo "Each /health says how many silos are active. Stop one with kill -9 <pid>: the others carry on. Ctrl-C stops them all."
fi
if [ "$silos" -eq 1 ]; then
  # One silo: when it ends, so does the run.
  wait -n "${service_pids[@]}"
  exit $?
fi
# Several silos: a silo that ends is reported and the others carry on, until the last one ends or Ctrl-C.
alive=("${service_pids[@]}")
while [ "${#alive[@]}" -gt 0 ]; do
  ended=""
  code=0
  wait -n -p ended "${alive[@]}" || code=$?
  if [ -z "$ended" ]; then
    continue
  fi
  for i in "${!service_pids[@]}"; do
    if [ "${service_pids[$i]}" = "$ended" ]; then
      number=$((i + 1))
    fi
  done
  remaining=()
  for pid in "${alive[@]}"; do
    if [ "$pid" != "$ended" ]; then
      remaining+=("$pid")
    fi
  done
  alive=("${remaining[@]}")
  if [ "${#alive[@]}" -gt 0 ]; then
    echo "silo $number (pid $ended) ended with exit code $code; the other ${#alive[@]} carry on. Ctrl-C stops them all." >&2
  else
    echo "silo $number (pid $ended) ended with exit code $code; it was the last one." >&2
  fi
done
