#!/usr/bin/env bash
# `validate` alone of two release binaries on the same received reports, alternated in one
# run: what a change cost the second of the README's two commands (issue 18, point 2).
#   bench/validate-ab.sh OLD_BIN NEW_BIN [ROWS] [RUNS]     (default 200000 rows, 3 runs)
# The files are bench/ingest-ab.sh's (its sorted and shuffled ROWS reports under bench-data/,
# made by that script). OLD ingests each file once (`ingest`, no check); every run copies
# that database and validates the copy, so both binaries judge the same rows. Prints medians
# of wall, user and system seconds and peak MB, and NEW's ratio to OLD. After each pair of
# runs the two databases are read back with `list --format csv` (every report and its status)
# and the script stops if they differ.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
rows=${3:-200000}
runs=${4:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00
source bench/measure.sh
tolerate=$MALFORMED echo_results=1
echo "load before: $(uptime)"
for kind in sorted shuffled; do
  file=bench-data/ab-$kind-$rows.csv
  [ -f "$file" ] || { echo "no $file: run bench/ingest-ab.sh first" >&2; exit 1; }
  "$old" --db "$work/$kind.sqlite" init --auth trust >/dev/null 2>&1
  "$old" --db "$work/$kind.sqlite" --as admin ingest "$file" >/dev/null 2>&1 || true
done
for run in $(seq "$runs"); do
  for kind in sorted shuffled; do
    for side in old new; do
      rm -f "$work"/v.sqlite*
      cp "$work/$kind.sqlite" "$work/v.sqlite"
      cp "$work/$kind.sqlite.key" "$work/v.sqlite.key"
      measure "$kind:$side" "${!side}" --db "$work/v.sqlite" --as admin validate
      "${!side}" --db "$work/v.sqlite" --as admin list --format csv > "$work/$kind-$side.csv"
    done
    cmp -s "$work/$kind-old.csv" "$work/$kind-new.csv" ||
      { echo "the two binaries' verdicts differ on the $kind file" >&2; exit 1; }
  done
done
echo "load after: $(uptime)"
python3 - "$work/results" <<'PY'
import sys
from bench.results import median, peak_mb, runs
med = {k: [median(v, "wall"), median(v, "user"), median(v, "sys"), peak_mb(v)]
       for k, v in runs(sys.argv[1]).items()}
print(f"{'what':16} {'wall s':>7} {'user s':>7} {'sys s':>6} {'peak MB':>8} {'÷ old':>6}")
for name in sorted(med):
    kind, side = name.split(":")
    w, u, s, mb = med[name]
    print(f"{name:16} {w:7.2f} {u:7.2f} {s:6.2f} {mb:8.1f} {w / med[kind + ':old'][0]:6.2f}")
PY
