#!/usr/bin/env bash
# Helpers for running the Azurite Table emulator pinned in tools/azurite.
# Source this file; it defines functions only and changes no shell options.
#
#   source scripts/azurite-lib.sh
#   azurite_install
#   p=$(pvo_free_port)
#   azurite_start_memory "$p" .test-run/azurite.log
#   PVO_TEST_STORAGE_CONNECTION_STRING=$(azurite_connection_string "$p") dotnet test tests/PvoFinance.Storage.Tests
#   azurite_stop

PVO_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PVO_AZURITE_DIR="$PVO_REPO_ROOT/tools/azurite"
PVO_AZURITE_BIN="$PVO_AZURITE_DIR/node_modules/.bin/azurite-table"

# The well-known development account of the storage emulators (public, not a secret).
PVO_AZURITE_ACCOUNT="devstoreaccount1"
PVO_AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Installs the pinned Azurite from the committed lockfile, once.
azurite_install() {
  if [[ -x "$PVO_AZURITE_BIN" ]]; then
    return 0
  fi
  # npm ci reproduces package-lock.json exactly; output is kept quiet but errors still reach stderr.
  (cd "$PVO_AZURITE_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "azurite_install: npm ci failed in $PVO_AZURITE_DIR" >&2
    return 1
  }
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
pvo_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Returns 0 when something accepts connections on 127.0.0.1:PORT.
azurite_port_open() {
  local port="$1"
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# Reads tablePort from azurite.json at the repository root.
azurite_config_port() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tablePort"])' "$PVO_REPO_ROOT/azurite.json"
}

# Prints the connection string for the emulator's table endpoint on PORT.
azurite_connection_string() {
  local port="$1"
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;TableEndpoint=http://127.0.0.1:%s/%s;\n' \
    "$PVO_AZURITE_ACCOUNT" "$PVO_AZURITE_KEY" "$port" "$PVO_AZURITE_ACCOUNT"
}

# Internal: starts azurite-table with the given extra arguments and waits for its port.
_azurite_start() {
  local port="$1" logfile="$2"
  shift 2
  if [[ -n "${AZURITE_PID:-}" ]] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    echo "azurite: already running as pid $AZURITE_PID; call azurite_stop first" >&2
    return 1
  fi
  if azurite_port_open "$port"; then
    echo "azurite: port $port is already in use" >&2
    return 1
  fi
  if [[ ! -x "$PVO_AZURITE_BIN" ]]; then
    echo "azurite: $PVO_AZURITE_BIN is missing; run azurite_install" >&2
    return 1
  fi
  mkdir -p "$(dirname "$logfile")"
  # --skipApiVersionCheck and --loose keep newer Azure SDKs working against this Azurite version.
  "$PVO_AZURITE_BIN" --skipApiVersionCheck --loose --disableTelemetry \
    --tableHost 127.0.0.1 --tablePort "$port" "$@" >"$logfile" 2>&1 &
  AZURITE_PID=$!
  local waited=0
  until azurite_port_open "$port"; do
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "azurite: exited before listening on $port; last log lines:" >&2
      tail -n 20 "$logfile" >&2
      AZURITE_PID=
      return 1
    fi
    if (( waited >= 600 )); then
      echo "azurite: not listening on $port after 60 s; last log lines:" >&2
      tail -n 20 "$logfile" >&2
      azurite_stop
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Starts an in-memory Azurite table service on PORT, logging to LOGFILE; sets AZURITE_PID.
azurite_start_memory() {
  local port="$1" logfile="$2"
  _azurite_start "$port" "$logfile" --inMemoryPersistence
}

# Starts an Azurite table service on PORT that persists under DIR, logging to LOGFILE; sets AZURITE_PID.
azurite_start_disk() {
  local port="$1" dir="$2" logfile="$3"
  mkdir -p "$dir"
  _azurite_start "$port" "$logfile" --location "$dir"
}

# Stops the Azurite started by this shell, if any.
azurite_stop() {
  if [[ -n "${AZURITE_PID:-}" ]]; then
    kill "$AZURITE_PID" 2>/dev/null
    wait "$AZURITE_PID" 2>/dev/null || true  # 143 after the kill; under set -e it would end the caller with it
    AZURITE_PID=
  fi
  return 0
}
