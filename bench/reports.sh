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

# The figures the report prints, in bare SQL: statuses reached, the facts carried by the
# events' payloads (field, agency, rating by commune; rejection reasons), and the clocks'
# on-time, late, open and overdue counts by stage and agency.
aggregates() { # from until
  cat <<SQL
SELECT e.action, e.to_status, count(*)
  FROM reports r JOIN events e ON e.report_id = r.id
 WHERE r.submitted_at >= '$1' AND r.submitted_at < '$2' AND e.at <= '$as_of'
 GROUP BY e.action, e.to_status;
SELECT e.action, r.commune,
       coalesce(json_extract(e.payload, '\$.field'), json_extract(e.payload, '\$.agency'),
                json_extract(e.payload, '\$.score')), count(*)
  FROM reports r JOIN events e ON e.report_id = r.id
 WHERE r.submitted_at >= '$1' AND r.submitted_at < '$2' AND e.at <= '$as_of'
   AND e.action IN ('classify', 'assign', 'rate')
 GROUP BY 1, 2, 3;
SELECT j.value, count(*)
  FROM reports r JOIN events e ON e.report_id = r.id, json_each(e.payload, '\$.reasons') j
 WHERE r.submitted_at >= '$1' AND r.submitted_at < '$2' AND e.at <= '$as_of'
   AND e.action = 'reject'
 GROUP BY 1;
SELECT c.stage, c.agency, es.action, ee.action,
       count(*) FILTER (WHERE c.stopped_at <= '$as_of' AND c.breached = 0),
       count(*) FILTER (WHERE c.stopped_at <= '$as_of' AND c.breached = 1),
       count(*) FILTER (WHERE NOT coalesce(c.stopped_at <= '$as_of', 0) AND c.due_at >= '$as_of'),
       count(*) FILTER (WHERE NOT coalesce(c.stopped_at <= '$as_of', 0) AND c.due_at < '$as_of')
  FROM reports r JOIN clocks c ON c.report_id = r.id
  JOIN events es ON es.id = c.start_event
  LEFT JOIN events ee ON ee.id = c.stop_event
 WHERE r.submitted_at >= '$1' AND r.submitted_at < '$2' AND es.at <= '$as_of'
 GROUP BY c.stage, c.agency, es.action, ee.action;
SQL
}
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
