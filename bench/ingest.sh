#!/usr/bin/env bash
# Ingest benchmark: phananh (release) against sqlite3's .import and a plain Python loader on
# the same file, in the same run, repeated; prints medians of wall time and peak memory.
#   bench/ingest.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs)
# Data goes to bench-data/ (not in git) and is regenerated when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
data=bench-data/reports-$rows.csv
mkdir -p bench-data
[ -f "$data" ] || python3 bench/gen_reports.py "$rows" > "$data"
cargo build --release --quiet
bin=target/release/phananh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # name command... ; appends "name seconds maxrss_kb" to $work/results
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
  echo "$name $(cat "$work/t")" >> "$work/results"
}

for run in $(seq "$runs"); do
  rm -f "$work"/*.sqlite*
  PHANANH_NOW=2026-11-01T08:00:00+07:00 $bin --db "$work/p.sqlite" init >/dev/null 2>&1
  measure phananh $bin --db "$work/p.sqlite" --as admin ingest "$data"
  measure "sqlite3-import" sqlite3 "$work/s.sqlite" ".import --csv $data reports"
  measure "python-executemany" python3 bench/python_loader.py "$data" "$work/py.sqlite"
done

python3 - "$work/results" "$rows" <<'PY'
import statistics, sys
rows = int(sys.argv[2])
by = {}
for line in open(sys.argv[1]):
    name, secs, kb = line.split()
    by.setdefault(name, []).append((float(secs), int(kb)))
base = statistics.median(s for s, _ in by["sqlite3-import"])
print(f"{rows} rows, {len(by['phananh'])} runs each, medians")
print(f"{'what':<20} {'seconds':>8} {'rows/s':>10} {'vs sqlite3':>10} {'peak MB':>8}")
for name, xs in by.items():
    s = statistics.median(x for x, _ in xs)
    mb = statistics.median(k for _, k in xs) / 1024
    print(f"{name:<20} {s:>8.2f} {rows / s:>10.0f} {s / base:>9.2f}x {mb:>8.1f}")
PY
