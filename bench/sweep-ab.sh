#!/usr/bin/env bash
# The sweep half of bench/ab.sh for release binaries already built, alternated in one run
# (bench/ab.sh builds each revision afresh in a worktree of its own, which on a shared
# 2-core machine costs more than the measurement):
#   bench/sweep-ab.sh HISTORY RUNS BIN...
# HISTORY is a generator's history with its key beside it (bench/ab.sh leaves one as
# bench-data/ab/history-REV-ROWS.sqlite), brought to each binary's schema on a copy,
# untimed. Per binary and run: the first sweep, the sweep again (nothing new), a dry run
# after them, the recomputation after a holiday and a dry run on a fresh copy; with the
# sweep's own query in bare SQL (`storage::clocks::SWEEP_QUERY`) once a run. Medians of
# wall and user+sys CPU seconds, peak MB; read CPU seconds when the machine is busy.
set -euo pipefail
cd "$(dirname "$0")/.."
history=$1 runs=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-12-31T08:00:00+07:00
source bench/measure.sh
echo_results=1
bare=$(sed -n '/^pub const SWEEP_QUERY/,/";$/p' src/storage/clocks.rs \
  | sed '1s/.*= "//; $s/";$//' | sed "s/?1/'2026-12-31T08:30:00+07:00'/")
copy() { cp "$1" "$2"; cp "$1.key" "$2.key"; }
i=0
for bin in "$@"; do
  i=$((i + 1))
  copy "$history" "$work/base-$i.sqlite"
  "$bin" --db "$work/base-$i.sqlite" --as admin list --limit 1 >/dev/null
done
echo "load before: $(uptime)"
for run in $(seq "$runs"); do
  i=0
  for bin in "$@"; do
    i=$((i + 1))
    side=$(basename "$bin")
    copy "$work/base-$i.sqlite" "$work/d.sqlite"
    measure "sweep-first:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep
    measure "sweep-again:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep
    measure "sweep-dry-after:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep --dry-run
    copy "$work/base-$i.sqlite" "$work/d.sqlite"
    measure "recompute:$side" "$bin" --db "$work/d.sqlite" --as admin calendar add-holiday 2027-01-04 --name bench
    measure "sweep-dry:$side" "$bin" --db "$work/d.sqlite" --as admin --format csv sweep --dry-run
  done
  measure "sweep:bare-sql" sqlite3 "$work/base-1.sqlite" "$bare"
done
echo "load after: $(uptime)"
python3 - "$work/results" <<'PY'
import sys
from bench.results import median, peak_mb, runs
print(f"{'what':34} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}  cpu s of each run")
for name, v in sorted(runs(sys.argv[1]).items()):
    print(f"{name:34} {median(v, 'wall'):8.2f} {median(v, 'cpu'):8.2f} {peak_mb(v):8.1f}  "
          + " ".join(f"{x.cpu:.2f}" for x in v))
PY
