#!/usr/bin/env bash
# axe-core for the browser tests' accessibility checks, from npm, pinned by tools/axe/package-lock.json (committed).
# The tests read tools/axe/node_modules/axe-core/axe.min.js and evaluate it in each page: no CDN, no NuGet copy.
# Usage (sourced):
#   source scripts/axe-lib.sh
#   axe_install

PVO_AXE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/axe"
PVO_AXE_SCRIPT="$PVO_AXE_DIR/node_modules/axe-core/axe.min.js"

# Installs the pinned axe-core from the committed lockfile, once.
axe_install() {
  if [[ -f "$PVO_AXE_SCRIPT" ]]; then
    return 0
  fi
  # npm ci reproduces package-lock.json exactly; output is kept quiet but errors still reach stderr.
  (cd "$PVO_AXE_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "axe_install: npm ci failed in $PVO_AXE_DIR" >&2
    return 1
  }
}
