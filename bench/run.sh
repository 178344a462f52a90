#!/usr/bin/env bash
# The benchmarks of issue 6 in one run, with the machine it ran on and the revision measured:
#   bench/run.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs each)
# ingest + validate (vs sqlite3 .import and a Python loader doing the same check), sweep and
# recomputation (vs the bare SQL behind them), monthly report and yearly score (vs the bare
# SQL aggregates), then the issue-6 targets met and missed, computed from those figures.
# Data is generated into bench-data/ (not in git). Written as one dated section to
# bench-data/run-ROWS-DATE.md, to be added to bench/HISTORY.md, its figures copied into
# BENCHMARKS.md's table of the latest ones: BENCHMARKS.md is written by hand (the other
# benchmarks, their references and what still misses), so this script no longer replaces it.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
out=$(mktemp)
mkdir -p bench-data
report=bench-data/run-$rows-$(date -u +%Y-%m-%d).md
revision=$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes not committed')
export BENCH_RESULTS
BENCH_RESULTS=$(mktemp)
{
  echo "## $(date -u +%Y-%m-%d) · $revision · \`bench/run.sh $rows $runs\`: every benchmark on $rows rows"
  echo
  echo "Written by \`bench/run.sh $rows $runs\` on $(date -u +%Y-%m-%d). Release build; each figure the"
  echo "median of $runs runs; wall-clock seconds and peak resident memory (\`/usr/bin/time\`)."
  echo "Data from the generator (\`cargo run --release --example gen\`, seed 2026)."
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores,"
  echo "$(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr); $(rustc --version);"
  echo "SQLite shell $(sqlite3 --version | cut -d' ' -f1); Python $(python3 -c 'import sys; print(sys.version.split()[0])')."
  echo
  echo "### Ingest and validate (\`bench/ingest.sh\`)"
  echo
  echo "\`phananh ingest --validate\` (one pass), \`ingest\` then \`validate\` (two commands) and"
  echo "\`ingest\` alone, against \`sqlite3 .import --csv\` into one bare table and"
  echo "\`bench/python_loader.py\` (Python \`sqlite3\`, the same reception check), same file, same run."
  echo
  echo '```'
  bench/ingest.sh "$rows" "$runs"
  echo '```'
  echo
  echo "### Sweep and recomputation (\`bench/deadlines.sh\`)"
  echo
  echo "On the generator's history (\`gen --history --open 100000\`): every report played through"
  echo "the workflow by phananh's own code, sealed events and real clocks."
  echo
  echo '```'
  bench/deadlines.sh "$rows" "$runs"
  echo '```'
  echo
  echo "### Monthly report and yearly score (\`bench/reports.sh\`)"
  echo
  echo "On the same history."
  echo
  echo '```'
  bench/reports.sh "$rows" "$runs"
  echo '```'
  echo
  echo "### Against the targets of issue 6 (computed from the figures above)"
  echo
  python3 - "$BENCH_RESULTS" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    name, secs, ratio, mb = line.split()
    r[name] = (float(secs), float(ratio), float(mb))
def row(target, measured, met):
    print(f"| {target} | {measured} | {'yes' if met else 'no'} |")
print("| target | measured | met? |")
print("|---|---|---|")
one = r["phananh:ingest--validate"][1]
two = r["phananh:ingest,validate"][1]
row("ingest + validate within 1.5× `sqlite3 .import`", f"{one:.2f}× in one pass, {two:.2f}× as two commands", one <= 1.5)
faster = r["python:per-phananh"][1]
row("at least 2.5× faster than the Python script", f"{faster:.2f}× faster" if faster >= 1 else f"{1 / faster:.2f}× slower", faster >= 2.5)
for name, label in [("sweep:dry-run", "sweep (dry run) within 2× its bare SQL"),
                    ("sweep:first(records)", "sweep (first, recording reminders) within 2× the same writes in SQL"),
                    ("sweep:again(no-new)", "sweep (again) within 2× its bare SQL"),
                    ("recompute:add-holiday", "recomputation within 2× its bare SQL"),
                    ("monthly:report(json)", "monthly report within 2× its bare SQL"),
                    ("score:csv", "yearly score within 2× its bare SQL")]:
    row(label, f"{r[name][1]:.2f}×", r[name][1] <= 2)
peaks = {n: v[2] for n, v in r.items() if not n.startswith(("sqlite3", "python", "database")) and "bare-sql" not in n}
worst = max(peaks, key=peaks.get)
row("peak memory under 64 MB (phananh, every command)", f"largest {peaks[worst]:.1f} MB ({worst})", peaks[worst] < 64)
ratio = r["database:bytes-ratio"][1]
row("database within 1.3× the CSV's bytes", f"{ratio:.2f}×", ratio <= 1.3)
PY
} > "$out"
mv "$out" "$report"
rm -f "$BENCH_RESULTS"
echo "wrote $report: add it to bench/HISTORY.md and its figures to BENCHMARKS.md's table"
