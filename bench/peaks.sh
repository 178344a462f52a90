#!/usr/bin/env bash
# Peak resident memory of every command on one file's database (issue 18, point 4: under
# 64 MB for every command on every input), two binaries side by side:
#
#   bench/peaks.sh OLD_BINARY NEW_BINARY [FILE]
#
# Each binary loads FILE (default the shuffled 200,000-row file of bench/ingest-ab.sh; make
# it with that script first) twice: with `ingest --validate` into a scratch database, and
# with `ingest` then `validate` into its own, on which it then runs each command below once,
# in order, as the administrator of a `trust` database. Prints each command's peak (GNU
# time's maximum resident set) and wall time for both.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
file=${3:-bench-data/ab-shuffled-200000.csv}
[ -f "$file" ] || { echo "no $file: run bench/ingest-ab.sh first, or name a file" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00
commands=(
  "ingest --validate $file"
  "ingest $file"
  "validate"
  "sweep --format csv"
  "sweep --format csv --all"
  "audit verify"
  "score --year 2026"
  "report monthly --period 2026-03 --format json"
  "report annual --period 2026 --format html"
  "export open311"
  "list --format csv"
  "backup --out BACKUP"
  "key rotate"
  "--version"
)
for side in old new; do
  for db in "$side" "$side-once"; do
    "${!side}" --db "$work/$db.sqlite" init --auth trust >/dev/null 2>&1
  done
done
printf '%-46s %18s %18s\n' command "old MB (s)" "new MB (s)"
for command in "${commands[@]}"; do
  line=$(printf '%-46s' "${command//$file/FILE}")
  for side in old new; do
    # The one pass gets a database of its own, dropped after it: the commands after it
    # run on the reports `ingest` then `validate` stored, as the README's day does.
    db=$side
    [[ $command != "ingest --validate"* ]] || db=$side-once
    # shellcheck disable=SC2086 # each command is its words
    /usr/bin/time -f "%M %e" -o "$work/t" "${!side}" --db "$work/$db.sqlite" --as admin \
      ${command//BACKUP/$work/backup-$side.sqlite} >/dev/null 2>"$work/err" || {
      # The generator's files hold malformed rows on purpose: ingest exits 1 after storing
      # the rest.
      grep -q "dòng lỗi\|malformed" "$work/err" || { cat "$work/err"; exit 1; }; }
    line+=$(tail -1 "$work/t" | awk '{ printf " %10.1f (%5.2f)", $1 / 1024, $2 }')
    [[ $db != *-once ]] || rm -f "$work/$db".sqlite*
  done
  echo "$line"
done
