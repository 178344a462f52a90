#!/usr/bin/env bash
# Reports benchmark (issue 4): `report monthly` and `score --year` on a database of ROWS
# reports, each beside the bare SQL aggregates over the same rows (the events of the
# period's reports up to the moment, and their clocks), in the same run. Medians of RUNS.
#   bench/reports.sh [ROWS] [RUNS]      (default 1000000 rows, 5 runs)
rows=${1:-1000000}
runs=${2:-5}
source "$(dirname "$0")/base.sh"
base=$history
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_of=$PHANANH_NOW
month=$(aggregates 2026-09-01T00:00:00+07:00 2026-10-01T00:00:00+07:00)
year=$(aggregates 2026-01-01T00:00:00+07:00 2027-01-01T00:00:00+07:00)
reports=$(sqlite3 "$base" "SELECT count(*) FROM reports WHERE submitted_at LIKE '2026-09%'")

for run in $(seq "$runs"); do
  measure "monthly:bare-sql" sqlite3 "$base" "$month"
  measure "monthly:report(json)" $bin --db "$base" --as admin --format json report monthly --period 2026-09
  measure "score:bare-sql" sqlite3 "$base" "$year"
  measure "score:csv" $bin --db "$base" --as admin --format csv score --year 2026
done
summarise "$rows reports ($reports in the month), as of $as_of"
