# Sourced by the sweep and report benchmarks: builds the release binary and, once, the
# database of ROWS reports played through the whole workflow by the generator
# (`examples/gen --history`: sealed events, real clocks), with 100,000 of the newest left
# open at their stages (OPEN of them when set; YEARS of reports as in bench/data.sh).
# With NO_HISTORY set, the history is neither made nor named. Everything lives in
# bench-data/ (not in git). Sets: bin, data, history. With BENCH_RESULTS
# set, `summarise` also appends "name seconds ratio peak_mb" lines to that file (bench/run.sh
# reads them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows=${rows:-1000000}
source bench/data.sh
export PHANANH_NOW=2026-12-31T08:00:00+07:00
if [ -z "${NO_HISTORY:-}" ]; then
  history=bench-data/history-$rows$span.sqlite
  if [ ! -f "$history" ]; then
    rm -f "$history"* "bench-data/history-$rows$span.csv"
    # How long the history took to make is kept beside it (wall, user, sys seconds, peak KB).
    /usr/bin/time -f "%e %U %S %M" -o "$history.made" \
      $release/examples/gen --count "$rows" --seed 2026 --years "$years" \
      --out "bench-data/history-$rows$span.csv" --history --db "$history.tmp" \
      --open "${open:-100000}" >&2
    sqlite3 "$history.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    mv "$history.tmp" "$history"
    # The reporters' identities are sealed under the key the generator made beside it.
    mv "$history.tmp.key" "$history.key"
    rm -f "$history.tmp"-* "bench-data/history-$rows$span.csv"
  fi
  # A history built by an older phananh is brought to this binary's schema here, once, so that
  # no timed command spends its first moments migrating a copy.
  $bin --db "$history" --as admin list --limit 1 >/dev/null
fi

source bench/measure.sh

# A copy of the history to work on, with the key file its sealed identities need beside it.
copy_history() { # destination
  cp "$history" "$1"
  [ ! -f "$history.key" ] || cp "$history.key" "$1.key"
}

# The bare SQL behind the commands, which the benchmarks run beside them.

# The sweep's query (storage::clocks::SWEEP_QUERY, read from the source) for HORIZON.
sweep_query() { # horizon
  sed -n '/^pub const SWEEP_QUERY/,/";$/p' src/storage/clocks.rs \
    | sed '1s/.*= "//; $s/";$//' | sed "s/?1/'$1'/"
}

# What the first sweep writes, in bare SQL: one event row per clock due by HORIZON (its two
# hashes as 32 zero bytes each, not computed) and the clock's reminder mark.
sweep_write() { # horizon
  cat <<SQL
BEGIN;
INSERT INTO events (report_id, at, actor, action, payload, prev_hash, hash)
  SELECT c.report_id, '$PHANANH_NOW', 'admin', 'remind',
         json_object('clock', c.id, 'stage', c.stage, 'round', c.round,
                     'threshold', 'overdue', 'due_at', c.due_at, 'agency', c.agency,
                     'urgent', r.urgent), zeroblob(32), zeroblob(32)
    FROM clocks c JOIN reports r ON r.id = c.report_id
   WHERE c.stopped_at IS NULL AND c.due_at <= '$1' AND c.stage <> 'return';
UPDATE clocks SET reminded_overdue = 1
 WHERE stopped_at IS NULL AND due_at <= '$1' AND stage <> 'return';
COMMIT;
SQL
}

# The figures the report prints, in bare SQL: statuses reached, the facts carried by the
# events' payloads (field, agency, rating by commune; rejection reasons), and the clocks'
# on-time, late, open and overdue counts by stage and agency.
aggregates() { # from until   (as of $as_of, by default the pinned now)
  local as_of=${as_of:-$PHANANH_NOW}
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
# Prints the medians of $work/results, each against the reference named in REFERENCE (an
# associative array name → reference; by default "<group>:bare-sql").
summarise() {
  python3 - "$work/results" "$@" <<'PY'
import sys
from bench.results import median, runs as measured
results, header, *refs = sys.argv[1:]
reference = dict(r.split("=", 1) for r in refs)
by = measured(results)
med = {n: (median(xs, "wall"), median(xs, "mb")) for n, xs in by.items()}
runs = len(next(iter(by.values())))
print(f"{header}, {runs} runs each, medians")
print(f"{'what':<26} {'seconds':>8} {'ratio':>9}    {'reference':<22} {'peak RSS':>9}")
import os
keep = open(os.environ["BENCH_RESULTS"], "a") if os.environ.get("BENCH_RESULTS") else None
for name, (s, mb) in med.items():
    ref = reference.get(name, name.split(":")[0] + ":bare-sql")
    # GNU time counts in hundredths: a reference under that on a tiny run has no ratio.
    ratio = s / med[ref][0] if med[ref][0] > 0 else float("nan")
    print(f"{name:<26} {s:>8.2f} {ratio:>8.2f}x vs {ref:<22} {mb:>6.1f} MB")
    if keep:
        print(name, s, ratio, mb, file=keep)
PY
}
