#!/usr/bin/env bash
# Renders the periodic report's HTML in headless Chromium, as it will look on paper: builds
# the demo database, writes the October 2026 report as HTML, and prints it to PDF and PNG.
#   examples/render-report.sh [OUTDIR]        (default: target/report-render)
# Needs Debian's chromium (apt-get install chromium). Nothing is fetched from the network:
# the document is self-contained, and Chromium's background networking is switched off.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/report-render}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cargo build --quiet
bin=target/debug/phananh
db="$out/demo.sqlite"
$bin demo --db "$db" >/dev/null
PHANANH_NOW=2026-10-31T17:20:00+07:00 $bin --db "$db" --as lanhdao.minh \
  report monthly --period 2026-10 --format html --force --out "$out/bao-cao-thang-10-2026.html"
chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-sync
        --disable-background-networking --disable-component-update
        --user-data-dir="$out/chromium-profile")
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$out/bao-cao-thang-10-2026.pdf" \
  "file://$out/bao-cao-thang-10-2026.html" 2>/dev/null
"${chrome[@]}" --window-size=900,2600 --screenshot="$out/bao-cao-thang-10-2026.png" \
  "file://$out/bao-cao-thang-10-2026.html" 2>/dev/null
ls -l "$out"/bao-cao-thang-10-2026.*
