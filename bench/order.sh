#!/usr/bin/env bash
# Order does not matter, and two commands cost what one does (issue 18, points 1, 2, 6):
#   bench/order.sh [ROWS] [RUNS]        (default 200000 rows, 3 runs)
# Four files of the same ROWS reports: the generator's (sorted by submission time), a
# shuffled copy (fixed seed), a merged one (two exports interleaved in blocks, a twentieth
# of the rows twice, a thousandth of bad rows) and the shuffled one re-saved as a spreadsheet
# leaves it (BOM, CRLF, columns in another order plus one of the officer's own, submission
# times day first in Vietnam's time, a tenth of the texts decomposed (NFD), stray spaces).
# KINDS="sorted resaved" measures some of them only. On each: `ingest --validate`, `ingest` then
# `validate`, `ingest` alone and `validate` alone (timed after an untimed ingest), each beside
# `sqlite3 .import` of the same bytes and `bench/same-rows.sh` (sqlite3 alone writing the rows
# phananh writes, one pass and two), in the same run, alternated; prints medians of wall,
# user and system seconds and peak memory (GNU time), and the ratios the issue names.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
runs=${2:-3}
source bench/data.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PHANANH_NOW=2026-11-01T08:00:00+07:00

sorted=bench-data/order-sorted-$rows.csv
shuffled=bench-data/order-shuffled-$rows.csv
merged=bench-data/order-merged-$rows.csv
resaved=bench-data/order-resaved-$rows.csv
kinds=${KINDS:-sorted shuffled merged resaved}
if [ ! -f "$merged" ]; then
  python3 - "$data" "$sorted" "$shuffled" "$merged" <<'PY'
import csv, random, sys
source, sorted_path, shuffled_path, merged_path = sys.argv[1:]
with open(source, newline="", encoding="utf-8", errors="surrogateescape") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
at = header.index("submitted_at")
def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
write(sorted_path, sorted(rows, key=lambda r: r[at]))
rng = random.Random(18)
mixed = rows[:]
rng.shuffle(mixed)
write(shuffled_path, mixed)
# Two exports of overlapping days, interleaved in blocks of 1,000 as a merge by hand leaves
# them; each repeats a twentieth of the other's rows; a thousandth of rows are broken.
a, b = rows[0::2], rows[1::2]
a += rng.sample(b, len(b) // 20)
b += rng.sample(a, len(a) // 20)
a.sort(key=lambda r: r[at]); b.sort(key=lambda r: r[at])
merged = []
for i in range(0, max(len(a), len(b)), 1000):
    merged += a[i:i + 1000] + b[i:i + 1000]
for i in range(0, len(merged), 1000):
    bad = merged[i][:]
    bad[0], bad[at] = f"BAD-{i}", "not a time"
    merged.insert(i, bad)
write(merged_path, merged)
PY
fi

if [ ! -f "$resaved" ]; then
  python3 - "$shuffled" "$resaved" <<'PY'
import csv, datetime, random, sys, unicodedata
source, resaved_path = sys.argv[1:]
with open(source, newline="", encoding="utf-8", errors="surrogateescape") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
rng = random.Random(1818)
# The officer's own column, and the app's columns in the order a hand-made sheet keeps them.
order = sorted(range(len(header)), key=lambda i: (i % 4, -i))
at = header.index("submitted_at")
texts = [header.index(c) for c in ("content", "address", "commune", "reporter_name")]
phone, content = header.index("reporter_phone"), header.index("content")
vietnam = datetime.timezone(datetime.timedelta(hours=7))
def day_first(text):
    # As a Vietnamese Excel writes a date and time back: day first, local time (phananh
    # takes it as +07:00). A time that is not one (the generator's malformed rows) stays.
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.astimezone(vietnam).strftime("%d/%m/%Y %H:%M:%S")
out = []
for row in rows:
    if len(row) != len(header):
        out.append(row)  # malformed on purpose: it stays so
        continue
    row = row[:]
    row[at] = day_first(row[at])
    if rng.random() < 0.1:
        for i in texts:
            row[i] = unicodedata.normalize("NFD", row[i])
    if rng.random() < 0.05:
        row[content] += "  "
        row[phone] = " " + row[phone]
    note = "đã gọi lại" if rng.random() < 0.01 else ""
    out.append([row[i] for i in order] + [note])
with open(resaved_path, "w", newline="", encoding="utf-8-sig", errors="surrogateescape") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow([header[i] for i in order] + ["ghi_chu"])
    w.writerows(out)
PY
fi

# ingest exits 1 on malformed rows: the merged file has some.
source bench/measure.sh
tolerate=$MALFORMED echo_results=1
fresh() { rm -f "$work"/p.sqlite*; $bin --db "$work/p.sqlite" init --auth trust >/dev/null 2>&1; }
p() { echo "$bin --db $work/p.sqlite --as admin"; }

for run in $(seq "$runs"); do
  for kind in $kinds; do
    file=${!kind}
    # The rows phananh keeps from the re-saved file are the shuffled file's, in its order;
    # bench/same-rows.sh reads the columns by position, so it is given that file.
    same=$file
    [ "$kind" = resaved ] && same=$shuffled
    fresh
    measure "$kind:ingest--validate" $(p) ingest --validate "$file"
    fresh
    measure "$kind:ingest-only" $(p) ingest "$file"
    measure "$kind:validate" $(p) --format csv validate
    fresh
    measure "$kind:ingest,validate" bash -c "$(p) ingest $file; $(p) --format csv validate"
    rm -f "$work"/s.sqlite*
    measure "$kind:sqlite3-import" sqlite3 "$work/s.sqlite" ".import --csv $file reports"
    fresh
    measure "$kind:same-rows" bench/same-rows.sh "$work/p.sqlite" "$same" one
    fresh
    measure "$kind:same-rows-two" bench/same-rows.sh "$work/p.sqlite" "$same" two
  done
done

echo "$rows rows, $runs runs, medians (the machine's load is part of every figure: read ratios)"
python3 - "$work/results" $kinds <<'PY'
import statistics, sys
kinds = sys.argv[2:]
by = {}
for line in open(sys.argv[1]):
    name, wall, kb, user, sys_ = line.split()
    by.setdefault(name, []).append((float(wall), float(user), float(sys_), int(kb)))
med = {n: tuple(statistics.median(x[i] for x in v) for i in range(4)) for n, v in by.items()}
print(f"{'what':30} {'wall s':>7} {'user s':>7} {'sys s':>6} {'peak MB':>8} {'vs .import':>10}")
for name, (wall, user, sys_, kb) in med.items():
    ref = med[name.split(":")[0] + ":sqlite3-import"][0]
    print(f"{name:30} {wall:7.2f} {user:7.2f} {sys_:6.2f} {kb / 1024:8.1f} {wall / ref:9.2f}x")
def w(n): return med[n][0]
print()
print(f"{'':30} (same rows: sqlite3 alone writing what phananh writes, bench/same-rows.sh)")
for kind in kinds:
    print(f"{kind}: ingest --validate {w(kind + ':ingest--validate') / w(kind + ':same-rows'):.2f}x same rows; "
          f"ingest then validate {w(kind + ':ingest,validate') / w(kind + ':same-rows-two'):.2f}x same rows in two passes; "
          f"same rows {w(kind + ':same-rows') / w(kind + ':sqlite3-import'):.2f}x .import")
print()
for kind in kinds:
    if kind != "sorted" and "sorted" in kinds:
        print(f"point 1: {kind} / sorted ingest --validate: {w(kind + ':ingest--validate') / w('sorted:ingest--validate'):.2f}x (target <= 1.15x)")
for kind in kinds:
    part = w(f"{kind}:ingest--validate") - w(f"{kind}:ingest-only")
    print(f"{kind}: ingest --validate {w(kind + ':ingest--validate') / w(kind + ':sqlite3-import'):.2f}x .import (target <= 1.5x); "
          f"ingest then validate {w(kind + ':ingest,validate') / w(kind + ':sqlite3-import'):.2f}x (target <= 2x); "
          f"validate / validating part of ingest --validate {w(kind + ':validate') / part if part > 0 else float('nan'):.2f}x (target <= 1.3x)")
PY
