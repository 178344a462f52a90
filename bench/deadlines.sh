#!/usr/bin/env bash
# Deadline benchmark (issue 3): `sweep` and the recomputation after a calendar change, each
# side by side with the bare indexed SQL behind it, on a database of ROWS reports of which
# one in ten still has its clock open. Medians of RUNS runs (wall seconds, peak RSS).
#   bench/deadlines.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs)
# The base database is built once into bench-data/ (not in git): the ingest benchmark's CSV is
# ingested (every report gets its dispatch clock), then nine clocks in ten are stopped with
# SQL, as if handled; the workflow-history generator of issue 6 will replace that step.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
data=bench-data/reports-$rows.csv
base=bench-data/deadlines-$rows.sqlite
mkdir -p bench-data
[ -f "$data" ] || python3 bench/gen_reports.py "$rows" > "$data"
cargo build --release --quiet
bin=target/release/phananh
export PHANANH_NOW=2026-12-31T08:00:00+07:00
if [ ! -f "$base" ]; then
  rm -f "$base"*
  $bin --db "$base" init >/dev/null 2>&1
  $bin --db "$base" --as admin field import examples/fields.csv >/dev/null
  $bin --db "$base" --as admin agency import examples/agencies.csv >/dev/null
  $bin --db "$base" --as admin staff import examples/staff.csv >/dev/null
  $bin --db "$base" --as admin ingest "$data" >/dev/null
  sqlite3 "$base" "UPDATE clocks SET stopped_at = started_at, breached = 0 WHERE id % 10 <> 0;
                   PRAGMA wal_checkpoint(TRUNCATE);"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/d.sqlite

measure() { # name command... ; appends "name seconds maxrss_kb" to $work/results
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    echo "$name failed:"; cat "$work/err"; exit 1; }
  echo "$name $(cat "$work/t")" >> "$work/results"
}

horizon=2026-12-31T08:30:00+07:00
sweep_sql=$(sed -n '/^pub const SWEEP_QUERY/,/";$/p' src/storage/clocks.rs \
  | sed '1s/.*= "//; $s/";$//' | sed "s/?1/'$horizon'/")
open=$(sqlite3 "$base" "SELECT count(*) FROM clocks WHERE stopped_at IS NULL")

for run in $(seq "$runs"); do
  cp "$base" "$db"
  measure "sweep:bare-sql" sqlite3 "$db" "$sweep_sql"
  measure "sweep:dry-run" $bin --db "$db" --as admin --format csv sweep --dry-run
  measure "sweep:first(records)" $bin --db "$db" --as admin --format csv sweep
  # What the first sweep writes, done by bare SQL on a fresh copy: one event row per clock
  # (without the hash chain) and the clock's reminder mark.
  cp "$base" "$db"
  measure "sweep:bare-sql-write" sqlite3 "$db" "BEGIN;
    INSERT INTO events (report_id, at, actor, action, payload, prev_hash, hash)
      SELECT c.report_id, '$PHANANH_NOW', 'admin', 'remind',
             json_object('clock', c.id, 'stage', c.stage, 'round', c.round,
                         'threshold', 'overdue', 'due_at', c.due_at, 'agency', c.agency,
                         'urgent', r.urgent), '', ''
        FROM clocks c JOIN reports r ON r.id = c.report_id
       WHERE c.stopped_at IS NULL AND c.due_at <= '$horizon' AND c.stage <> 'return';
    UPDATE clocks SET reminded_overdue = 1
     WHERE stopped_at IS NULL AND due_at <= '$horizon' AND stage <> 'return';
    COMMIT;"
  cp "$base" "$db"
  $bin --db "$db" --as admin --format csv sweep >/dev/null 2>&1
  measure "sweep:again(no-new)" $bin --db "$db" --as admin --format csv sweep
  cp "$base" "$db"
  measure "recompute:bare-sql" sqlite3 "$db" \
    "UPDATE clocks SET due_at = strftime('%Y-%m-%dT%H:%M:%S+07:00', started_at, '+2 hours'),
            calendar_version = 'bench$run' WHERE stopped_at IS NULL"
  cp "$base" "$db"
  measure "recompute:add-holiday" $bin --db "$db" --as admin calendar add-holiday 2027-01-04 --name bench
done

python3 - "$work/results" "$rows" "$open" <<'PY'
import statistics, sys
rows, open_clocks = int(sys.argv[2]), int(sys.argv[3])
by = {}
for line in open(sys.argv[1]):
    name, secs, kb = line.rsplit(maxsplit=2)
    by.setdefault(name, []).append((float(secs), int(kb)))
med = {n: (statistics.median(s for s, _ in xs), statistics.median(k for _, k in xs) / 1024)
       for n, xs in by.items()}
runs = len(next(iter(by.values())))
print(f"{rows} reports, {open_clocks} open clocks, {runs} runs each, medians")
print(f"{'what':<26} {'seconds':>8} {'ratio':>9}    {'reference':<22} {'peak RSS':>9}")
# Each figure against the bare SQL that does the same work: reads against the query,
# the first sweep (which records a reminder per clock) against the same writes in SQL.
reference = {"sweep:first(records)": "sweep:bare-sql-write",
             "sweep:bare-sql-write": "sweep:bare-sql-write"}
for name, (s, mb) in med.items():
    ref = reference.get(name, name.split(":")[0] + ":bare-sql")
    print(f"{name:<26} {s:>8.2f} {s / med[ref][0]:>8.2f}x vs {ref:<22} {mb:>6.1f} MB")
PY
