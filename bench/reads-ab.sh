#!/usr/bin/env bash
# What a change cost the readers: two release binaries each load the same file into a fresh
# database (`ingest --validate`), then run the same read commands on their own database,
# alternated, and the script prints each command's median wall seconds and whether the two
# outputs were byte for byte the same.
#   bench/reads-ab.sh OLD_BIN NEW_BIN [FILE] [RUNS]
# FILE defaults to bench/ingest-ab.sh's shuffled 200,000 reports (run that first), RUNS to 3.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
file=${3:-bench-data/ab-shuffled-200000.csv}
runs=${4:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00
for side in old new; do
  "${!side}" --db "$work/$side.sqlite" init --auth trust >/dev/null 2>&1
  # The generator's files hold malformed rows on purpose: ingest exits 1 after storing the rest.
  "${!side}" --db "$work/$side.sqlite" --as admin ingest --validate "$file" >/dev/null 2>&1 || true
done
commands=(
  "list --limit 1"
  "list --format csv"
  "list --from 2026-03-01 --to 2026-03-31 --format csv"
  "list --status accepted --limit 50"
  "report monthly --period 2026-03 --format json"
  "report annual --period 2025 --format json"
  "export open311"
)
: > "$work/results"
for run in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    for side in old new; do
      # shellcheck disable=SC2086 # each command is its words
      /usr/bin/time -f "%e" -o "$work/t" "${!side}" --db "$work/$side.sqlite" --as admin \
        ${commands[$i]} >"$work/out-$side-$i" 2>"$work/err" || { cat "$work/err"; exit 1; }
      echo "$i $side $(cat "$work/t")" >> "$work/results"
    done
  done
done
for i in "${!commands[@]}"; do
  same=different
  cmp -s "$work/out-old-$i" "$work/out-new-$i" && same=same
  python3 - "$i" "${commands[$i]}" "$same" "$work/results" <<'PY'
import statistics, sys
i, command, same, path = sys.argv[1:]
by = {}
for line in open(path):
    j, side, wall = line.split()
    if j == i:
        by.setdefault(side, []).append(float(wall))
print(f"{command:54} old {statistics.median(by['old']):6.2f}  new {statistics.median(by['new']):6.2f}  output {same}")
PY
done
