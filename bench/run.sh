#!/usr/bin/env bash
# Every benchmark in one run, written to BENCHMARKS.md with the machine it ran on:
#   bench/run.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs each)
# ingest (vs sqlite3 .import and a Python loader), sweep and recomputation (vs the bare SQL
# behind them), monthly report and yearly score (vs the bare SQL aggregates). Data is
# generated into bench-data/ (not in git) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
out=$(mktemp)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`bench/run.sh $rows $runs\` on $(date -u +%Y-%m-%d). Release build; each figure the"
  echo "median of $runs runs; wall-clock seconds and peak resident memory (\`/usr/bin/time\`)."
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores,"
  echo "$(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr); $(rustc --version);"
  echo "SQLite shell $(sqlite3 --version | cut -d' ' -f1); Python $(python3 -c 'import sys; print(sys.version.split()[0])')."
  echo
  echo "## Ingest (\`bench/ingest.sh\`)"
  echo
  echo "\`phananh ingest\` of $rows generated reports against \`sqlite3 .import --csv\` into one bare"
  echo "table and a plain Python \`executemany\` loader, same file, same run."
  echo
  echo '```'
  bench/ingest.sh "$rows" "$runs"
  echo '```'
  echo
  echo "## Sweep and recomputation (\`bench/deadlines.sh\`)"
  echo
  echo '```'
  bench/deadlines.sh "$rows" "$runs"
  echo '```'
  echo
  echo "## Monthly report and yearly score (\`bench/reports.sh\`)"
  echo
  echo "On the ingested database with a plausible history written by"
  echo "\`bench/synthetic-history.sql\` (not hash-chained; see README, Speed)."
  echo
  echo '```'
  bench/reports.sh "$rows" "$runs"
  echo '```'
} > "$out"
mv "$out" BENCHMARKS.md
echo "wrote BENCHMARKS.md"
