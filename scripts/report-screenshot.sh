#!/usr/bin/env bash
# Makes the README's screenshot of a report: records a real program with dunetrace -w, writes
# its report, and has headless Chromium take a PNG of the page.
#   scripts/report-screenshot.sh [OUT.png [PROG ARGS...]]   (default: docs/report.png, /bin/ls -la /usr)
# DUNETRACE=path picks the binary (default: .build/release, else .build/debug).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/report.png}
shift || true
[ $# -gt 0 ] || set -- /bin/ls -la /usr
dunetrace=${DUNETRACE:-}
for b in .build/release/dunetrace .build/debug/dunetrace; do
    [ -n "$dunetrace" ] || { [ -x "$b" ] && dunetrace=$b; }
done
[ -n "$dunetrace" ] || { echo "report-screenshot: build dunetrace first (swift build)" >&2; exit 1; }
chromium=$(command -v chromium || command -v chromium-headless-shell || true)
[ -n "$chromium" ] || { echo "report-screenshot: needs chromium (scripts/setup.sh installs it)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$dunetrace" -w "$work/t.gz" -o /dev/null "$@" >/dev/null
"$dunetrace" report "$work/t.gz" -o "$work/report.html"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2300 \
    --screenshot="$work/shot.png" "file://$work/report.html" 2>/dev/null >/dev/null
mkdir -p "$(dirname "$out")"
cp "$work/shot.png" "$out"
echo "report-screenshot: $out ($(stat -c %s "$out") bytes) of: $*"
