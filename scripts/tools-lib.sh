# Sourced by run.sh, test.sh and bench.sh: installs what a fresh machine lacks, quietly when present.

# Node.js and npm run Azurite. The machine image usually has them; a bare Debian gets them from apt.
pvo_ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return 0
  fi
  echo "Installing Node.js and npm from the distribution's packages..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
}

# The .NET SDK is part of the machine; say so plainly if it is not.
pvo_ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
    return 1
  fi
}

# Sums the counters of every TRX file under a folder and prints "N passed, N failed[, N skipped]".
pvo_trx_summary() {
  local dir=$1
  local files
  files=$(find "$dir" -name '*.trx' 2>/dev/null)
  if [ -z "$files" ]; then
    echo "0 passed, 0 failed"
    return
  fi
  # shellcheck disable=SC2086
  sed -n 's/.*<Counters \([^>]*\)\/>.*/\1/p' $files | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END {
      skipped = c["total"] - c["executed"]
      line = sprintf("%d passed, %d failed", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"])
      if (skipped > 0) line = line sprintf(", %d skipped", skipped)
      print line
    }'
}

# Chromium for the browser tests (Playwright drives the distribution's build; it never downloads a browser).
pvo_ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "Chromium is missing (/usr/bin/chromium) and we are not root and have no sudo: install the 'chromium' package." >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing (/usr/bin/chromium) and apt-get is not available: install Chromium so that /usr/bin/chromium exists." >&2
    return 1
  fi
  echo "Installing Chromium from the distribution's packages..." >&2
  $sudo apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
    && [ -x /usr/bin/chromium ] \
    || { echo "Installing Chromium with apt-get failed." >&2; return 1; }
}
