#!/usr/bin/env bash
# Where the time of what still misses issue 18's targets goes (point 6): `perf record` of
#   ingest --validate   on the sorted and the shuffled file,
#   validate            of every received report after a plain `ingest` (sorted file),
# each summarised per thread (the storing thread, which holds the connection, the reading
# or judging thread beside it, the checkpoint thread) as the share of CPU samples of each
# thread, the functions that hold the most samples themselves, and the share under each
# step of phananh's own (a function's samples with everything it calls).
#   bench/profile.sh [ROWS]             (default 200000; needs `perf`: Debian linux-perf)
# Built in release with line tables (its own target directory, so the measured binaries of
# the other benchmarks are not replaced); the files are bench/order.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
export CARGO_TARGET_DIR=${PROFILE_TARGET_DIR:-target/profile}
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --quiet --bin phananh
bin=$CARGO_TARGET_DIR/release/phananh
sorted=bench-data/order-sorted-$rows.csv
shuffled=bench-data/order-shuffled-$rows.csv
[ -f "$shuffled" ] || { echo "run bench/order.sh $rows 1 first: it writes the files" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00
fresh() { rm -f "$work"/p.sqlite*; $bin --db "$work/p.sqlite" init --auth trust >/dev/null 2>&1; }
record() { # name command...
  local name=$1; shift
  perf record -q -F 999 --call-graph dwarf,16384 -o "$work/$name.data" "$@" >/dev/null 2>&1 || true
  perf script -i "$work/$name.data" -F pid,tid,ip,sym,dso 2>/dev/null > "$work/$name.stacks"
  echo "== $name ($*)" | sed "s#$work/##g; s#$PWD/##g"
  python3 bench/profile-summary.py "$work/$name.stacks"
  rm -f "$work/$name.data" "$work/$name.stacks"
}
fresh
record "ingest--validate-sorted" $bin --db "$work/p.sqlite" --as admin ingest --validate "$sorted"
fresh
record "ingest--validate-shuffled" $bin --db "$work/p.sqlite" --as admin ingest --validate "$shuffled"
fresh
$bin --db "$work/p.sqlite" --as admin ingest "$sorted" >/dev/null 2>&1 || true
record "validate-sorted" $bin --db "$work/p.sqlite" --as admin --format csv validate
