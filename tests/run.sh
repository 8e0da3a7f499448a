#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need from Debian
# (Chromium for the browser tests, libgdiplus for ClosedXML, libgomp1 for LightGBM, curl for the README's upload command,
# PostgreSQL for the clustered scheduler's job store, poppler-utils and DejaVu fonts for the audit report's PDF), then `dotnet test`,
# and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ldconfig -p | grep -q 'libgdiplus' || missing+=(libgdiplus)
ldconfig -p | grep -q 'libgomp.so.1' || missing+=(libgomp1)
command -v curl >/dev/null || missing+=(curl)   # the README's upload command is run as written
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)   # started on loopback by the tests (PostgresServer)
command -v pdftotext >/dev/null || missing+=(poppler-utils)   # the audit report's PDF is read back (pdftotext) and rendered (pdftoppm)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)   # the PDF's font
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} (apt-get)…"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { echo "apt-get could not install ${missing[*]}"; exit 1; }
fi

results="TestResults"
rm -rf "$results"
dotnet test Complaints.sln "$@"   # each test project writes its TRX under TestResults/<project>/
status=$?

# Neither test runner prints a plain summary line for the whole solution: add them up from the TRX files.
totals=$(cat "$results"/*/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["total"] - c["executed"] }')
read -r passed failed skipped <<<"${totals:-0 0 0}"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts as a failure
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
