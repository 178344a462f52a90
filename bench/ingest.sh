#!/usr/bin/env bash
# Ingest + validate benchmark: phananh (release) against sqlite3's .import and a Python
# loader doing the same reception check, on the same file, in the same run, repeated; prints
# medians of wall time and peak memory, and the database's bytes per report.
#   bench/ingest.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs)
# Data goes to bench-data/ (not in git) and is generated when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
source bench/data.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00

# ingest exits 1 when the file has malformed rows (the generator writes a few).
source bench/measure.sh
tolerate=$MALFORMED

# A benchmark replays a pinned clock (PHANANH_NOW): `trust` mode, which allows it.
fresh() { rm -f "$work"/*.sqlite*; $bin --db "$work/p.sqlite" init --auth trust >/dev/null 2>&1; }

for run in $(seq "$runs"); do
  fresh
  measure "phananh:ingest--validate" $bin --db "$work/p.sqlite" --as admin ingest --validate "$data"
  sqlite3 "$work/p.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  stat -c %s "$work/p.sqlite" > "$work/bytes"
  sqlite3 "$work/p.sqlite" "SELECT count(*) FROM reports" > "$work/stored"
  fresh
  measure "phananh:ingest,validate" bash -c "$bin --db $work/p.sqlite --as admin ingest $data; $bin --db $work/p.sqlite --as admin --format csv validate"
  fresh
  measure "phananh:ingest-only" $bin --db "$work/p.sqlite" --as admin ingest "$data"
  measure "sqlite3:import" sqlite3 "$work/s.sqlite" ".import --csv $data reports"
  measure "python:validate" python3 bench/python_loader.py "$data" "$work/py.sqlite"
done

python3 - "$work/results" "$rows" "$(cat "$work/stored")" "$(cat "$work/bytes")" "$(stat -L -c %s "$data")" <<'PY'
import os, sys
from bench.results import median, runs
results, rows, stored, db_bytes, csv_bytes = sys.argv[1], *map(int, sys.argv[2:])
by = runs(results)
med = {n: (median(xs, "wall"), median(xs, "mb")) for n, xs in by.items()}
base, python = med["sqlite3:import"][0], med["python:validate"][0]
print(f"{rows} rows ({csv_bytes / 1e6:.0f} MB of CSV), {len(by['sqlite3:import'])} runs each, medians")
print(f"{'what':<26} {'seconds':>8} {'rows/s':>9} {'vs sqlite3':>10} {'vs python':>10} {'peak MB':>8}")
for name, (s, mb) in med.items():
    print(f"{name:<26} {s:>8.2f} {rows / s:>9.0f} {s / base:>9.2f}x {s / python:>9.2f}x {mb:>8.1f}")
if os.environ.get("BENCH_RESULTS"):
    with open(os.environ["BENCH_RESULTS"], "a") as keep:
        for name, (s, mb) in med.items():
            print(name, s, s / base, mb, file=keep)
        print("python:per-phananh", python, python / med["phananh:ingest--validate"][0], 0, file=keep)
        print("database:bytes-ratio", db_bytes, db_bytes / csv_bytes, 0, file=keep)
print(f"database after ingest --validate: {db_bytes / 1e6:.0f} MB for {stored} reports, "
      f"{db_bytes / stored:.0f} bytes per report against {csv_bytes / rows:.0f} in the CSV "
      f"({db_bytes / csv_bytes:.2f}x the CSV's bytes)")
PY
