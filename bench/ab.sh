#!/usr/bin/env bash
# A/B of two revisions on this machine, in one run, alternating, so that a change's cost is
# not confused with a different processor or a busy one:
#   bench/ab.sh OLD NEW [ROWS] [RUNS]       (default 1000000 rows, 3 runs)
# OLD and NEW are git revisions; each is built (release) in a detached worktree under
# bench-data/ab/. Measured: `ingest --validate` of the ROWS-report CSV beside `sqlite3
# .import` of the same file, then the first sweep, a second sweep, the recomputation after
# a holiday and a dry-run sweep on the generator's history of ROWS reports (100,000 left
# open), made once by OLD's own generator so that both binaries can open it, and brought to
# NEW's schema on a copy, untimed. Prints wall, user+sys CPU and peak MB per
# run and the medians; CPU seconds are the figure to read when the machine was not quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
rows=${3:-1000000}
runs=${4:-3}
source bench/build-rev.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
A=$(build "$old")
B=$(build "$new")
# The CSV bench/data.sh writes, or the same written by OLD's generator.
csv=bench-data/reports-$rows.csv
[ -f "$csv" ] || "${A/phananh-/gen-}" --count "$rows" --seed 2026 --out "$csv"
history=$ab/history-$(git rev-parse --short "$old")-$rows.sqlite
make_history "${A/phananh-/gen-}" "$rows" 100000 "$history"

# A database made by `init` is in `peer` mode since issue 16 and refuses a pinned clock;
# the benchmark replays one, so it asks for `trust` where the binary knows the flag.
init() { # binary db
  if "$1" init --help 2>/dev/null | grep -q -- '--auth'; then
    "$1" --db "$2" init --auth trust >/dev/null 2>&1
  else
    "$1" --db "$2" init >/dev/null 2>&1
  fi
}

# ingest exits 1 on the generator's few malformed rows.
source bench/measure.sh
tolerate=$MALFORMED echo_results=1

export PHANANH_NOW=2026-11-01T08:00:00+07:00
for run in $(seq "$runs"); do
  for side in A B; do
    bin=${!side}
    rm -f "$work"/p.sqlite*
    init "$bin" "$work/p.sqlite"
    measure "ingest--validate:$side" "$bin" --db "$work/p.sqlite" --as admin ingest --validate "$csv"
    [ "$run" = 1 ] && echo "database:$side $(stat -c %s "$work/p.sqlite") bytes"
  done
  rm -f "$work"/p.sqlite* "$work/i.sqlite"
  measure "sqlite3:import" sqlite3 "$work/i.sqlite" ".import --csv $csv r"
  rm -f "$work/i.sqlite"
done

export PHANANH_NOW=2026-12-31T08:00:00+07:00
side_copies "$history" "$work"
for run in $(seq "$runs"); do
  for side in A B; do
    bin=${!side}
    cp "$work/$side.sqlite" "$work/d.sqlite"
    if [ -f "$work/$side.sqlite.key" ]; then cp "$work/$side.sqlite.key" "$work/d.sqlite.key"; fi
    measure "sweep-first:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep
    measure "sweep-again:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep
    cp "$work/$side.sqlite" "$work/d.sqlite"
    if [ -f "$work/$side.sqlite.key" ]; then cp "$work/$side.sqlite.key" "$work/d.sqlite.key"; fi
    measure "recompute:$side" "$bin" --db "$work/d.sqlite" --as admin calendar add-holiday 2027-01-04 --name bench
    measure "sweep-dry:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep --dry-run
  done
done

echo "A = $old ($A), B = $new ($B); $rows rows, $runs runs; medians:"
python3 - "$work/results" <<'PY'
import sys
from bench.results import median, peak_mb, runs
print(f"{'what':24} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
for name, v in sorted(runs(sys.argv[1]).items()):
    print(f"{name:24} {median(v, 'wall'):8.2f} {median(v, 'cpu'):8.2f} {peak_mb(v):8.1f}")
PY
