# Sourced by the sweep and report benchmarks: builds the release binary and, once, the
# database of ROWS reports played through the whole workflow by the generator
# (`examples/gen --history`: sealed events, real clocks), with 100,000 of the newest left
# open at their stages. Everything lives in bench-data/ (not in git). Each benchmark derives
# its own base with `derive NAME SQLFILE|SQL`. Sets: bin, data, history. With BENCH_RESULTS set, `summarise` also appends
# "name seconds ratio peak_mb" lines to that file (bench/run.sh reads them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows=${rows:-1000000}
source bench/data.sh
history=bench-data/history-$rows.sqlite
export PHANANH_NOW=2026-12-31T08:00:00+07:00
if [ ! -f "$history" ]; then
  rm -f "$history"* "bench-data/history-$rows.csv"
  target/release/examples/gen --count "$rows" --seed 2026 --out "bench-data/history-$rows.csv" \
    --history --db "$history.tmp" --open 100000 >&2
  sqlite3 "$history.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$history.tmp" "$history"
  rm -f "$history.tmp"-* "bench-data/history-$rows.csv"
fi
# A history built by an older phananh is brought to this binary's schema here, once, so that
# no timed command spends its first moments migrating a copy.
target/release/phananh --db "$history" --as admin list --limit 1 >/dev/null

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
import os
keep = open(os.environ["BENCH_RESULTS"], "a") if os.environ.get("BENCH_RESULTS") else None
for name, (s, mb) in med.items():
    ref = reference.get(name, name.split(":")[0] + ":bare-sql")
    print(f"{name:<26} {s:>8.2f} {s / med[ref][0]:>8.2f}x vs {ref:<22} {mb:>6.1f} MB")
    if keep:
        print(name, s, s / med[ref][0], mb, file=keep)
PY
}
