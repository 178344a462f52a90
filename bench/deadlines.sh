#!/usr/bin/env bash
# Deadline benchmark (issue 3): `sweep` and the recomputation after a calendar change, each
# side by side with the bare indexed SQL behind it, on the generator's history of ROWS
# reports of which 100,000 are still open. Medians of RUNS runs (wall seconds, peak RSS).
#   bench/deadlines.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs)
# The history database is built once into bench-data/ (not in git) by bench/base.sh.
rows=${1:-1000000}
runs=${2:-5}
source "$(dirname "$0")/base.sh"
base=$history
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/d.sqlite

horizon=2026-12-31T08:30:00+07:00
sweep_sql=$(sweep_query "$horizon")
open=$(sqlite3 "$base" "SELECT count(*) FROM clocks WHERE stopped_at IS NULL")

for run in $(seq "$runs"); do
  copy_history "$db"
  measure "sweep:bare-sql" sqlite3 "$db" "$sweep_sql"
  measure "sweep:dry-run" $bin --db "$db" --as admin --format csv sweep --dry-run
  measure "sweep:first(records)" $bin --db "$db" --as admin --format csv sweep
  # What the first sweep writes, done by bare SQL on a fresh copy.
  copy_history "$db"
  measure "sweep:bare-sql-write" sqlite3 "$db" "$(sweep_write "$horizon")"
  copy_history "$db"
  $bin --db "$db" --as admin --format csv sweep >/dev/null 2>&1
  measure "sweep:again(no-new)" $bin --db "$db" --as admin --format csv sweep
  copy_history "$db"
  measure "recompute:bare-sql" sqlite3 "$db" \
    "UPDATE clocks SET due_at = strftime('%Y-%m-%dT%H:%M:%S+07:00', started_at, '+2 hours'),
            calendar_version = 'bench$run' WHERE stopped_at IS NULL"
  copy_history "$db"
  measure "recompute:add-holiday" $bin --db "$db" --as admin calendar add-holiday 2027-01-04 --name bench
done

# Each figure against the bare SQL that does the same work: reads against the query, the
# first sweep (which records a reminder per clock) against the same writes in SQL.
summarise "$rows reports, $open open clocks" \
  "sweep:first(records)=sweep:bare-sql-write" "sweep:bare-sql-write=sweep:bare-sql-write"
