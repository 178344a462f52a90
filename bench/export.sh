#!/usr/bin/env bash
# A/B of the public exports of two revisions, in one run, alternating:
#   bench/export.sh OLD NEW [ROWS] [RUNS]      (default 200000 reports, 3 runs)
# OLD and NEW are git revisions, built (release) as bench/ab.sh builds them; set A_BIN and
# B_BIN to two binaries already built to skip that (then GEN names a generator). Measured on
# the generator's history of ROWS reports (made once by OLD's generator): `export open311`
# (JSON), `export open311 --format xml` and `export csv --public`, every text of every public
# report redacted (`domain::redact`). Prints medians of wall and user+sys CPU seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
rows=${3:-200000}
runs=${4:-3}
source bench/build-rev.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
A=${A_BIN:-$(build "$old")}
B=${B_BIN:-$(build "$new")}
gen=${GEN:-${A/phananh-/gen-}}
make_history "$gen" "$rows" $((rows / 10)) "$work/history.sqlite"

source bench/measure.sh
echo_results=1
export PHANANH_NOW=2026-12-31T08:00:00+07:00
side_copies "$work/history.sqlite" "$work"
for run in $(seq "$runs"); do
  for side in A B; do
    bin=${!side} db=$work/$side.sqlite
    measure "open311-json:$side" "$bin" --db "$db" --as admin export open311 --from 2000-01-01 --to 2026-12-31
    measure "open311-xml:$side" "$bin" --db "$db" --as admin --format xml export open311 --from 2000-01-01 --to 2026-12-31
    measure "csv-public:$side" "$bin" --db "$db" --as admin export csv --public
  done
done
echo "A = $old ($A), B = $new ($B); $rows reports, $runs runs; medians:"
python3 - "$work/results" <<'PY'
import sys
from bench.results import median, runs
print(f"{'what':18} {'wall s':>8} {'cpu s':>8}")
for name, v in sorted(runs(sys.argv[1]).items()):
    print(f"{name:18} {median(v, 'wall'):8.2f} {median(v, 'cpu'):8.2f}")
PY
