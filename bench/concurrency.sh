#!/usr/bin/env bash
# Writers never give up (issue 18, point 3): the issue's scenario, repeated.
#   bench/concurrency.sh [ROWS] [RUNS]      (default 200000 rows, 5 runs)
# Per run, on a fresh database: 8 `ingest --validate` of ROWS/8 reports each at once, two
# loops of `sweep --quiet` (cron) and two of readers (`list`, `report monthly`) for as long as
# the ingests run. Counts the processes that failed (must be 0) and the ones that said
# "database is locked"; checks every row landed and `audit verify`; prints the longest a
# sweep and a reader took (their wait for the writers, since alone each takes well under a
# second) and the ingests' wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
runs=${2:-5}
source bench/data.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00

# Eight exports of an eighth each, every one with its header.
python3 - "$data" "$work" <<'PY'
import csv, sys
source, work = sys.argv[1:]
with open(source, newline="", encoding="utf-8", errors="surrogateescape") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
for part in range(8):
    with open(f"{work}/part{part}.csv", "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows[part::8])
PY
expected=$(python3 -c "
import csv,sys
n=0
for p in range(8):
    with open('$work/part%d.csv' % p, newline='', encoding='utf-8', errors='surrogateescape') as f:
        n += sum(1 for _ in csv.reader(f)) - 1
print(n)")

timed() { # log name command...: one line "name status seconds" into log; stderr kept
  local log=$1 name=$2; shift 2
  local start end status=0
  start=$(date +%s.%N)
  "$@" >/dev/null 2>>"$work/$name.err" || status=$?
  end=$(date +%s.%N)
  echo "$name $status $(echo "$end - $start" | bc)" >> "$log"
}

db=$work/c.sqlite
p() { echo "$bin --db $db --as admin"; }
for run in $(seq "$runs"); do
  rm -f "$db"* "$work"/*.err "$work/times"
  $bin --db "$db" init --auth trust >/dev/null 2>&1
  pids=()
  for part in $(seq 0 7); do
    timed "$work/times" "ingest$part" $(p) ingest --validate "$work/part$part.csv" &
    pids+=($!)
  done
  loop() { # name command...: runs until the ingests are done
    local name=$1; shift
    while [ ! -f "$work/done" ]; do timed "$work/times" "$name" "$@"; done
  }
  rm -f "$work/done"
  loop sweep0 $(p) --format csv sweep --quiet & l1=$!
  loop sweep1 $(p) --format csv sweep --quiet & l2=$!
  loop list $(p) list --limit 20 & l3=$!
  loop report $(p) report monthly --period 2026-10 & l4=$!
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  touch "$work/done"
  wait $l1 $l2 $l3 $l4 || true
  stored=$(sqlite3 "$db" "SELECT count(*) FROM reports")
  verify=ok
  $(p) audit verify >/dev/null 2>&1 || verify=FAILED
  locked=$(cat "$work"/*.err | grep -c "database is locked" || true)
  # ingest exits 1 on the generator's few malformed rows: a failure is any other status,
  # or an ingest or loop whose stderr says more than that.
  failed=$(awk '$2 != 0 && !($1 ~ /^ingest/ && $2 == 1)' "$work/times" | wc -l)
  python3 - "$work/times" "$run" "$stored" "$expected" "$verify" "$locked" "$failed" <<'PY'
import sys
times, run, stored, expected, verify, locked, failed = sys.argv[1:]
by = {}
for line in open(times):
    name, status, secs = line.split()
    kind = "ingest" if name.startswith("ingest") else "sweep" if name.startswith("sweep") else "reader"
    by.setdefault(kind, []).append(float(secs))
print(f"run {run}: failed {failed}, 'database is locked' {locked}, stored {stored}/{expected} "
      f"(malformed rows excluded by ingest), audit verify {verify}; "
      f"longest sweep {max(by.get('sweep', [0])):.2f} s ({len(by.get('sweep', []))} sweeps), "
      f"longest reader {max(by.get('reader', [0])):.2f} s, ingests {min(by['ingest']):.1f}-{max(by['ingest']):.1f} s")
PY
done
