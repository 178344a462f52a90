# Sourced by the benchmarks: builds the release binary and, once, the database of ROWS
# ingested reports (bench-data/, not in git), from which each benchmark derives its own base
# with `derive NAME SQLFILE|SQL`. Sets: bin, data, ingested.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows=${rows:-1000000}
data=bench-data/reports-$rows.csv
ingested=bench-data/ingested-$rows.sqlite
mkdir -p bench-data
[ -f "$data" ] || python3 bench/gen_reports.py "$rows" > "$data"
cargo build --release --quiet
bin=target/release/phananh
export PHANANH_NOW=2026-12-31T08:00:00+07:00
if [ ! -f "$ingested" ]; then
  rm -f "$ingested"*
  $bin --db "$ingested" init >/dev/null 2>&1
  $bin --db "$ingested" --as admin field import examples/fields.csv >/dev/null
  $bin --db "$ingested" --as admin agency import examples/agencies.csv >/dev/null
  $bin --db "$ingested" --as admin staff import examples/staff.csv >/dev/null
  $bin --db "$ingested" --as admin ingest "$data" >/dev/null
  sqlite3 "$ingested" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi

# derive NAME SQL: bench-data/NAME-ROWS.sqlite, a copy of the ingested database changed by
# SQL (a file name or a statement), built once. Prints its path.
derive() {
  local path=bench-data/$1-$rows.sqlite
  if [ ! -f "$path" ]; then
    cp "$ingested" "$path.tmp"
    if [ -f "$2" ]; then sqlite3 "$path.tmp" < "$2" >/dev/null; else sqlite3 "$path.tmp" "$2" >/dev/null; fi
    mv "$path.tmp" "$path"
  fi
  echo "$path"
}

measure() { # name command... ; appends "name seconds maxrss_kb" to $work/results
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || {
    echo "$name failed:"; cat "$work/err"; exit 1; }
  echo "$name $(cat "$work/t")" >> "$work/results"
}

# Prints the medians of $work/results, each against the reference named in REFERENCE (an
# associative array name → reference; by default "<group>:bare-sql").
summarise() {
  python3 - "$work/results" "$@" <<'PY'
import statistics, sys
results, header, *refs = sys.argv[1:]
reference = dict(r.split("=", 1) for r in refs)
by = {}
for line in open(results):
    name, secs, kb = line.rsplit(maxsplit=2)
    by.setdefault(name, []).append((float(secs), int(kb)))
med = {n: (statistics.median(s for s, _ in xs), statistics.median(k for _, k in xs) / 1024)
       for n, xs in by.items()}
runs = len(next(iter(by.values())))
print(f"{header}, {runs} runs each, medians")
print(f"{'what':<26} {'seconds':>8} {'ratio':>9}    {'reference':<22} {'peak RSS':>9}")
for name, (s, mb) in med.items():
    ref = reference.get(name, name.split(":")[0] + ":bare-sql")
    print(f"{name:<26} {s:>8.2f} {s / med[ref][0]:>8.2f}x vs {ref:<22} {mb:>6.1f} MB")
PY
}
