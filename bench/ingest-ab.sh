#!/usr/bin/env bash
# `ingest --validate` of two release binaries on the same files, alternated in one run, beside
# `sqlite3 .import` of the same bytes: what a change cost the bulk path (issue 18, point 1).
#   bench/ingest-ab.sh OLD_BIN NEW_BIN [ROWS] [RUNS]     (default 200000 rows, 3 runs)
# With TWO=1 it also times the README's day at the portal, `ingest` then `validate`, on
# each file (issue 18, point 2), as KIND-two.
# The binaries are release builds (bench/build-rev.sh's `build REV` makes them). The files
# are OLD's generator's ROWS reports (seed 2026, in time order) and a shuffled copy (fixed
# seed), written once under bench-data/. Prints medians of wall, user and system seconds
# and peak MB, and each binary's ratio to `.import` and to the other.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
rows=${3:-200000}
runs=${4:-3}
mkdir -p bench-data
sorted=bench-data/ab-sorted-$rows.csv
shuffled=bench-data/ab-shuffled-$rows.csv
[ -f "$sorted" ] || "${old/phananh-/gen-}" --count "$rows" --seed 2026 --out "$sorted"
[ -f "$shuffled" ] || python3 - "$sorted" "$shuffled" <<'PY'
import random, sys
with open(sys.argv[1], "rb") as f:
    header, *rows = f.read().split(b"\n")
rows = [r for r in rows if r]
random.Random(2026).shuffle(rows)
with open(sys.argv[2], "wb") as f:
    f.write(b"\n".join([header, *rows]) + b"\n")
PY
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00
source bench/measure.sh
tolerate=$MALFORMED echo_results=1
fresh() { rm -f "$work"/p.sqlite*; "$1" --db "$work/p.sqlite" init --auth trust >/dev/null 2>&1; }
echo "load before: $(uptime)"
for run in $(seq "$runs"); do
  for kind in sorted shuffled; do
    file=${!kind}
    rm -f "$work"/s.sqlite*
    measure "$kind:sqlite3-import" sqlite3 "$work/s.sqlite" ".import --csv $file reports"
    for side in old new; do
      fresh "${!side}"
      measure "$kind:$side" "${!side}" --db "$work/p.sqlite" --as admin ingest --validate "$file"
      [ -n "${TWO:-}" ] || continue
      fresh "${!side}"
      measure "$kind-two:$side" bash -c '"$1" --db "$2" --as admin ingest "$3"
        "$1" --db "$2" --as admin validate' two "${!side}" "$work/p.sqlite" "$file"
    done
  done
done
echo "load after: $(uptime)"
python3 - "$work/results" <<'PY'
import sys
from bench.results import median, peak_mb, runs
med = {k: [median(v, "wall"), median(v, "user"), median(v, "sys"), peak_mb(v)]
       for k, v in runs(sys.argv[1]).items()}
print(f"{'what':24} {'wall s':>7} {'user s':>7} {'sys s':>6} {'peak MB':>8} {'÷ .import':>9} {'÷ old':>6}")
for name in sorted(med):
    kind, side = name.split(":")
    w, u, s, mb = med[name]
    ref = med[f"{kind.removesuffix('-two')}:sqlite3-import"][0]
    old = med.get(f"{kind}:old", [None])[0]
    print(f"{name:24} {w:7.2f} {u:7.2f} {s:6.2f} {mb:8.1f} {w / ref:9.2f} "
          + (f"{w / old:6.2f}" if old and side != "sqlite3-import" else ""))
PY
