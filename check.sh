#!/usr/bin/env bash
# Checks the ledger invariants of a running deployment through its API:
#   ./check.sh --url http://127.0.0.1:5080 [--token <bearer token of the ministry or a national treasurer>]
# Without --token (or PVO_CHECK_TOKEN) a Development deployment's POST /dev/token is asked for one.
# Prints one line per violation, a "reconciliation <IBAN> ..." line per bank account with an imported statement,
# and "invariants checked=<n> violations=<m>"; exits 0 when none, 1 on any
# violation, 2 when the deployment could not be read.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/tools-lib.sh
pvo_ensure_dotnet >&2 || exit 2
if ! dotnet build tools/PvoFinance.Checker/PvoFinance.Checker.csproj -c Release -nologo -v quiet >&2; then
  echo "The checker did not build." >&2
  exit 2
fi
exec dotnet tools/PvoFinance.Checker/bin/Release/net10.0/PvoFinance.Checker.dll "$@"
