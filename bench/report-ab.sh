#!/usr/bin/env bash
# A/B of `report monthly` and `score --year` between two revisions, alternating, on one
# generator history of ROWS reports (a tenth left open) made by OLD's generator and brought
# to each binary's schema on its own copy, untimed:
#   bench/report-ab.sh OLD NEW [ROWS] [RUNS]      (default 200000 rows, 3 runs)
# Prints wall, user and system seconds and peak KB of each run. The history is kept under
# bench-data/ab/ (not in git) and made again only when missing (about 6 minutes for
# 200,000 reports on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
rows=${3:-200000}
runs=${4:-3}
source bench/build-rev.sh
A=$(build "$old")
B=$(build "$new")
gen=${A/phananh-/gen-}
history=$ab/reports-history-$(git rev-parse --short "$old")-$rows.sqlite
export PHANANH_NOW=2026-12-31T08:00:00+07:00
make_history "$gen" "$rows" $((rows / 10)) "$history"
copies=$(mktemp -d)
trap 'rm -rf "$copies"' EXIT
side_copies "$history" "$copies"
echo "$rows reports, $(sqlite3 "$history" "SELECT count(*) FROM reports WHERE submitted_at LIKE '2026-09%'") in 2026-09; A = $old, B = $new"
for run in $(seq "$runs"); do
  for v in A B; do
    /usr/bin/time -f "$v monthly %e s (user %U, sys %S) %M KB" "${!v}" --db "$copies/$v.sqlite" \
      --as admin --format json report monthly --period 2026-09 >/dev/null
  done
  for v in A B; do
    /usr/bin/time -f "$v score   %e s (user %U, sys %S) %M KB" "${!v}" --db "$copies/$v.sqlite" \
      --as admin --format csv score --year 2026 >/dev/null
  done
done
