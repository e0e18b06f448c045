#!/usr/bin/env bash
# Helpers for running the Azurite Table and Blob emulators pinned in tools/azurite (one npm package, two processes).
# Source this file; it defines functions only and changes no shell options.
#
# The table service listens on the port the caller names; the blob service on its own port, chosen by the start
# functions (a free one for in-memory runs, blobPort of azurite.json for on-disk runs) and kept in AZURITE_BLOB_PORT,
# so azurite_connection_string PORT names both endpoints without the callers knowing about the blob service.
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
PVO_AZURITE_BLOB_BIN="$PVO_AZURITE_DIR/node_modules/.bin/azurite-blob"

# The well-known development account of the storage emulators (public, not a secret).
PVO_AZURITE_ACCOUNT="devstoreaccount1"
PVO_AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Installs the pinned Azurite from the committed lockfile, once.
azurite_install() {
  if [[ -x "$PVO_AZURITE_BIN" && -x "$PVO_AZURITE_BLOB_BIN" ]]; then
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

# Reads blobPort from azurite.json at the repository root.
azurite_config_blob_port() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["blobPort"])' "$PVO_REPO_ROOT/azurite.json"
}

# Prints the connection string for the emulator's table endpoint on PORT and its blob endpoint on BLOB_PORT
# (default: the blob service this shell started, else blobPort of azurite.json when PORT is its tablePort).
azurite_connection_string() {
  local port="$1" blob_port="${2:-${AZURITE_BLOB_PORT:-}}"
  if [[ -z "$blob_port" && "$port" == "$(azurite_config_port)" ]]; then
    blob_port=$(azurite_config_blob_port)
  fi
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;TableEndpoint=http://127.0.0.1:%s/%s;' \
    "$PVO_AZURITE_ACCOUNT" "$PVO_AZURITE_KEY" "$port" "$PVO_AZURITE_ACCOUNT"
  if [[ -n "$blob_port" ]]; then
    printf 'BlobEndpoint=http://127.0.0.1:%s/%s;' "$blob_port" "$PVO_AZURITE_ACCOUNT"
  fi
  printf '\n'
}

# Internal: waits until PID listens on PORT (60 s at most); on failure prints LOGFILE's tail and returns 1.
_azurite_wait() {
  local pid="$1" port="$2" logfile="$3" waited=0
  until azurite_port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "azurite: exited before listening on $port; last log lines:" >&2
      tail -n 20 "$logfile" >&2
      return 1
    fi
    if (( waited >= 600 )); then
      echo "azurite: not listening on $port after 60 s; last log lines:" >&2
      tail -n 20 "$logfile" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Internal: starts azurite-table on PORT and azurite-blob on BLOB_PORT with the given extra arguments and waits
# for both ports; sets AZURITE_PID, AZURITE_BLOB_PID and AZURITE_BLOB_PORT. The blob log is LOGFILE with -blob.
_azurite_start() {
  local port="$1" blob_port="$2" logfile="$3"
  shift 3
  local blob_log="${logfile%.log}-blob.log"
  if [[ -n "${AZURITE_PID:-}" ]] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    echo "azurite: already running as pid $AZURITE_PID; call azurite_stop first" >&2
    return 1
  fi
  local p
  for p in "$port" "$blob_port"; do
    if azurite_port_open "$p"; then
      echo "azurite: port $p is already in use" >&2
      return 1
    fi
  done
  if [[ ! -x "$PVO_AZURITE_BIN" || ! -x "$PVO_AZURITE_BLOB_BIN" ]]; then
    echo "azurite: $PVO_AZURITE_BIN or azurite-blob is missing; run azurite_install" >&2
    return 1
  fi
  mkdir -p "$(dirname "$logfile")"
  # --skipApiVersionCheck and --loose keep newer Azure SDKs working against this Azurite version.
  "$PVO_AZURITE_BIN" --skipApiVersionCheck --loose --disableTelemetry \
    --tableHost 127.0.0.1 --tablePort "$port" "$@" >"$logfile" 2>&1 &
  AZURITE_PID=$!
  "$PVO_AZURITE_BLOB_BIN" --skipApiVersionCheck --loose --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob_port" "$@" >"$blob_log" 2>&1 &
  AZURITE_BLOB_PID=$!
  AZURITE_BLOB_PORT=$blob_port
  if ! _azurite_wait "$AZURITE_PID" "$port" "$logfile" || ! _azurite_wait "$AZURITE_BLOB_PID" "$blob_port" "$blob_log"; then
    azurite_stop
    return 1
  fi
}

# Starts in-memory Azurite table (on PORT) and blob (on BLOB_PORT, default a free port) services, logging to
# LOGFILE; sets AZURITE_PID, AZURITE_BLOB_PID and AZURITE_BLOB_PORT.
azurite_start_memory() {
  local port="$1" logfile="$2" blob_port="${3:-}"
  if [[ -z "$blob_port" ]]; then
    blob_port=$(pvo_free_port)
    # The free port for the blob service must not be the one the caller just picked for the table service.
    while [[ "$blob_port" == "$port" ]]; do blob_port=$(pvo_free_port); done
  fi
  _azurite_start "$port" "$blob_port" "$logfile" --inMemoryPersistence
}

# Starts Azurite table (on PORT) and blob (on BLOB_PORT, default blobPort of azurite.json) services that persist
# under DIR, logging to LOGFILE; sets AZURITE_PID, AZURITE_BLOB_PID and AZURITE_BLOB_PORT.
azurite_start_disk() {
  local port="$1" dir="$2" logfile="$3" blob_port="${4:-}"
  if [[ -z "$blob_port" ]]; then
    blob_port=$(azurite_config_blob_port)
  fi
  mkdir -p "$dir"
  _azurite_start "$port" "$blob_port" "$logfile" --location "$dir"
}

# Stops the Azurite started by this shell, if any.
azurite_stop() {
  local pid
  for pid in "${AZURITE_PID:-}" "${AZURITE_BLOB_PID:-}"; do
    if [[ -n "$pid" ]]; then
      kill "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null || true  # 143 after the kill; under set -e it would end the caller with it
    fi
  done
  AZURITE_PID=
  AZURITE_BLOB_PID=
  AZURITE_BLOB_PORT=
  return 0
}
