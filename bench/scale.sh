#!/usr/bin/env bash
# Scale run (issue 18, point 5): a decade of REPORTS reports (by default 5,000,000, a decade
# of a large province or a year of the whole country) through the workflow: ingest, sweep,
# monthly report, yearly score, `audit verify`, backup, each beside the bare SQL (or sqlite3
# command) doing the same work on the same file in the same run. For each: wall, user and
# sys seconds and peak RSS (GNU time), the load average when it ended; then the database's
# size with its WAL, and the first operation that takes more than a minute.
#   bench/scale.sh [REPORTS] [RUNS] [history|ingested]
#                        (default 5000000 reports, 1 run, history; medians of RUNS)
#   SKIP_INGEST=1 bench/scale.sh 5000000 1 history
#                        (the workflow's operations only: the ingest of the same CSV is the
#                        same whatever the database's shape, and at 5,000,000 it is a quarter
#                        of an hour, ingest and `.import`; its figures are in the `ingested` run)
# The data, made once into bench-data/ (not in git) by bench/base.sh: the generator's CSV of
# ten years ending 2026-10-31 and, with `history`, the database of those reports played
# through the workflow by phananh's own code (2% of them, the newest, left open at their
# stages; 473 s of CPU for 500,000 on a shared machine, so over an hour for 5,000,000).
# With `ingested`, the workflow runs on the database the first run's `ingest --validate` made:
# every report received and judged, none dispatched (minutes instead of an hour, a different
# shape: see bench/ANALYSIS.md, "Scale run"). The medians are kept in
# bench-data/scale-REPORTS-FROM.txt; when another size's are there, the run also prints how
# each figure grew from one size to the next (`bench/scale.sh growth FROM` prints only that).

# How each figure grew between the sizes kept in bench-data/ for FROM (wall, and user + sys
# CPU, whose growth a busy machine disturbs less), smallest size first. Also printed after
# every run; alone with `bench/scale.sh growth [history|ingested]`.
growth() { # from
  python3 - "$1" <<'PY'
import glob, re, sys
source = sys.argv[1]
kept = {}
for path in glob.glob(f"bench-data/scale-*-{source}.txt"):
    n = int(re.search(r"scale-(\d+)-", path).group(1))
    kept[n] = {l.split()[0]: [float(x) for x in l.split()[1:]] for l in open(path)}
sizes = sorted(kept)
for small, large in zip(sizes, sizes[1:]):
    a, b = kept[small], kept[large]
    print(f"\ngrowth from {small} to {large} reports ({source}, x{large / small:g}):")
    print(f"{'what':<22} {'wall s':>17} {'x':>6} {'cpu s':>17} {'x':>6} {'peak MB':>12}")
    for name, (w, mb, u, s) in b.items():
        if name not in a:
            continue
        w0, mb0, u0, s0 = a[name]
        times = lambda x, y: f"{y / x:6.1f}" if x > 0 else "     -"
        print(f"{name:<22} {w0:7.1f} -> {w:7.1f} {times(w0, w)} {u0 + s0:7.1f} -> {u + s:7.1f}"
              f" {times(u0 + s0, u + s)} {mb0:4.0f} -> {mb:4.0f}")
PY
}
if [ "${1:-}" = growth ]; then
  cd "$(dirname "$0")/.." && growth "${2:-history}"
  exit
fi

rows=${1:-5000000}
runs=${2:-1}
from=${3:-history}
case $from in
  history) ;;
  ingested) NO_HISTORY=1 ;;
  *) echo "usage: bench/scale.sh [REPORTS] [RUNS] [history|ingested]" >&2; exit 2 ;;
esac
years=10
# Reports in flight grow with the daily volume, which is what a larger decade is made of.
open=$((rows / 50))
source "$(dirname "$0")/base.sh"
# The copies are as large as the database: beside it, not in a small /tmp.
work=$(mktemp -d bench-data/scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ "$from" = history ]; then
  base=$history
else
  base=bench-data/ingested-$rows$span.sqlite
  rm -f "$base"*
fi
# The month and the year the operators ask about: the last whole month and the year of the
# data's end (2026-10-31).
month=$(aggregates 2026-09-01T00:00:00+07:00 2026-10-01T00:00:00+07:00)
year=$(aggregates 2026-01-01T00:00:00+07:00 2027-01-01T00:00:00+07:00)
horizon=2026-12-31T08:30:00+07:00

# `audit verify` in bare SQL: every event and every report row read and hashed once (the
# shell's SHA3-256 of all its columns; phananh recomputes SHA-256 seals), every clock read
# with the events that started and stopped it. No chain is compared: the floor of the work.
$bin --db "$work/schema.sqlite" init --auth trust >/dev/null 2>&1
hashed() { # table → "sha3(quote(col1)||quote(col2)||…, 256)"
  sqlite3 "$work/schema.sqlite" "SELECT 'sha3(' || group_concat('quote(' || name || ')', '||') || ', 256)'
                     FROM pragma_table_info('$1')"
}
verify_sql="SELECT count(*), sum(length($(hashed events))) FROM events;
SELECT count(*), sum(length($(hashed reports))) FROM reports;
SELECT count(*), count(t.id) FROM clocks c JOIN events s ON s.id = c.start_event
  LEFT JOIN events t ON t.id = c.stop_event;"

step() { # name command...: measure, then note the load average as it ended
  measure "$@"
  echo "$1 $(cut -d' ' -f1 /proc/loadavg)" >> "$work/load"
}
sizes() { # label db: its bytes and its WAL's, as they stand
  echo "$1 $(stat -c %s "$2") $(stat -c %s "$2-wal" 2>/dev/null || echo 0)" >> "$work/sizes"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$work/loadstart"
for run in $(seq "$runs"); do
  # Ingest: the decade's CSV into a new database, against `.import` of the same file.
  # (The ingested database is made here, so SKIP_INGEST applies to a history only.)
  if [ -z "${SKIP_INGEST:-}" ] || [ "$from" = ingested ]; then
    rm -f "$work"/i.sqlite*
    $bin --db "$work/i.sqlite" init --auth trust >/dev/null 2>&1
    tolerate="dòng lỗi\|malformed" step "ingest:phananh" \
      $bin --db "$work/i.sqlite" --as admin ingest --validate "$data"
    if [ "$run" = 1 ]; then
      sizes "ingest --validate" "$work/i.sqlite"
      if [ "$from" = ingested ]; then
        sqlite3 "$work/i.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
        mv "$work/i.sqlite" "$base"
      fi
    fi
    rm -f "$work"/i.sqlite*
    step "ingest:bare-sql" sqlite3 "$work/s.sqlite" ".import --csv $data reports"
    rm -f "$work"/s.sqlite*
  fi

  # Reads, on the database itself.
  step "sweep:bare-sql" sqlite3 "$base" "$(sweep_query "$horizon")"
  step "sweep:dry-run" $bin --db "$base" --as admin --format csv sweep --dry-run
  step "monthly:bare-sql" sqlite3 "$base" "$month"
  step "monthly:report" $bin --db "$base" --as admin --format json report monthly --period 2026-09
  step "score:bare-sql" sqlite3 "$base" "$year"
  step "score:year" $bin --db "$base" --as admin --format csv score --year 2026
  step "verify:bare-sql" sqlite3 "$base" "$verify_sql"
  step "verify:audit" $bin --db "$base" --as admin audit verify

  # Backup: phananh's online copy, made a single file and checked, against the shell's
  # `.backup` of the same file followed by the same `PRAGMA integrity_check` of the copy.
  step "backup:phananh" $bin --db "$base" --as admin backup --out "$work/b.sqlite"
  [ "$run" = 1 ] && sizes "backup" "$work/b.sqlite"
  rm -f "$work"/b.sqlite*
  step "backup:bare-sql" sqlite3 "$base" ".backup $work/b.sqlite" ".open $work/b.sqlite" \
    "PRAGMA integrity_check;"
  rm -f "$work"/b.sqlite*

  # Writes, each on a fresh copy (of the file alone: its WAL is emptied into it first): the
  # decade's first sweep (a reminder per clock due) and the next one, against the same
  # writes in bare SQL.
  sqlite3 "$base" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$base" "$work/d.sqlite"
  step "sweep-first:phananh" $bin --db "$work/d.sqlite" --as admin --format csv sweep
  [ "$run" = 1 ] && sizes "after the first sweep" "$work/d.sqlite"
  step "sweep-again:phananh" $bin --db "$work/d.sqlite" --as admin --format csv sweep
  cp "$base" "$work/d.sqlite"
  step "sweep-first:bare-sql" sqlite3 "$work/d.sqlite" "$(sweep_write "$horizon")"
  rm -f "$work"/d.sqlite*
done
sizes "$from" "$base"

counts=$(sqlite3 "$base" "SELECT (SELECT count(*) FROM reports) || ' reports, ' ||
  (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM clocks) || ' clocks (' ||
  (SELECT count(*) FROM clocks WHERE stopped_at IS NULL) || ' open), ' ||
  (SELECT count(*) FROM reports WHERE submitted_at >= '2026-09' AND submitted_at < '2026-10')
  || ' in 2026-09, ' ||
  (SELECT count(*) FROM reports WHERE submitted_at >= '2026' AND submitted_at < '2027')
  || ' in 2026'")
[ "$from" = ingested ] && rm -f "$base"*
made=$( [ "$from" = history ] && cat "$history.made" 2>/dev/null || true)
python3 - "$work" "$rows" "$runs" "$data" "$counts" bench-data "$from" "$made" <<'PY'
import os, statistics, sys
from bench.results import median, runs as measured
work, rows, runs, csv, counts, keep_dir, source, made = sys.argv[1:]
rows, runs = int(rows), int(runs)
load = {}
for line in open(f"{work}/load"):
    name, l1 = line.split()
    load.setdefault(name, []).append(float(l1))
med = {n: tuple(median(v, f) for f in ("wall", "mb", "user", "sys"))
       for n, v in measured(f"{work}/results").items()}
order = ["ingest", "sweep", "monthly", "score", "verify", "backup", "sweep-first", "sweep-again"]
ours = {"ingest": "ingest:phananh", "sweep": "sweep:dry-run", "monthly": "monthly:report",
        "score": "score:year", "verify": "verify:audit", "backup": "backup:phananh",
        "sweep-first": "sweep-first:phananh", "sweep-again": "sweep-again:phananh"}
refs = {"sweep-again": "sweep:bare-sql"}
print(open(f"{work}/loadstart").read().strip())
print(f"{rows} reports over ten years ({source}): {counts}; {os.path.getsize(csv) / 1e9:.2f} GB of CSV")
if made:
    w, u, s, kb = made.split()
    print(f"the history took {float(w) / 60:.1f} min to make ({float(u) + float(s):.0f} s of CPU, {int(kb) / 1024:.0f} MB peak)")
print(f"{runs} run(s), medians; seconds wall (user + sys); peak RSS; load = 1-min load average as it ended")
print(f"{'operation':<22} {'phananh':>26} {'bare SQL':>26} {'ratio':>7}")
ref = lambda op: refs.get(op, f"{op}:bare-sql")
for op in order:
    o, r = ours[op], ref(op)
    if o not in med:
        print(f"{op:<22} {'not run':>26}")
        continue
    def cell(n):
        w, mb, u, s = med[n]
        return f"{w:8.1f} ({u:6.1f}+{s:5.1f}) {mb:5.0f} MB"
    ratio = f"{med[o][0] / med[r][0]:6.2f}x" if med[r][0] > 0 else "     -"
    print(f"{op:<22} {cell(o)} {cell(r)} {ratio}"
          f"   load {statistics.median(load[o]):.1f}/{statistics.median(load[r]):.1f}")
print()
for line in open(f"{work}/sizes"):
    label, db, wal = line.rsplit(maxsplit=2)
    print(f"{label}: database {int(db) / 1e9:.2f} GB ({int(db) / rows:.0f} bytes a report), WAL {int(wal) / 1e6:.1f} MB")
# An operation not run (SKIP_INGEST) has no figure, and so never crosses the minute.
over_a_minute = lambda name: name in med and med[name][0] > 60
first = next((op for op in order if over_a_minute(ours[op])), None)
first_ref = next((op for op in order if over_a_minute(ref(op))), None)
print(f"first operation over 60 s: phananh {first or 'none'}; bare SQL {first_ref or 'none'}")

keep = f"{keep_dir}/scale-{rows}-{source}.txt"
with open(keep, "w") as f:
    for n, (w, mb, u, s) in med.items():
        print(n, w, mb, u, s, file=f)
PY
growth "$from"
