#!/usr/bin/env bash
# Sets up what is missing, starts Azurite (data kept under .data/, reused if already listening) and the
# service on http://127.0.0.1:${PVO_PORT:-5080}; Ctrl-C or SIGTERM stops both.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools-lib.sh
source scripts/azurite-lib.sh

pvo_ensure_dotnet
pvo_ensure_node

service_port=${PVO_PORT:-5080}
azurite_port=${PVO_AZURITE_PORT:-$(azurite_config_port)}
export PVO_AZURITE_PORT=$azurite_port

mkdir -p .data
if azurite_port_open "$azurite_port"; then
  echo "Azurite is already listening on 127.0.0.1:$azurite_port; reusing it."
else
  azurite_install
  mkdir -p .data/azurite
  azurite_start_disk "$azurite_port" .data/azurite .data/azurite.log
  echo "Azurite started on 127.0.0.1:$azurite_port (data in .data/azurite)."
fi

echo "Building the service..."
dotnet build src/Silo -c Release -nologo -v quiet

service_pid=""
stop_all() {
  trap - INT TERM EXIT
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill -TERM "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
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
dotnet src/Silo/bin/Release/net10.0/PvoFinance.Silo.dll --urls "http://127.0.0.1:$service_port" &
service_pid=$!
echo "PvoFinance is starting on http://127.0.0.1:$service_port (health: /health, OpenAPI: /openapi/v1.json). Ctrl-C stops it."
wait "$service_pid"
