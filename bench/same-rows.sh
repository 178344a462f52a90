#!/usr/bin/env bash
# The bare-SQL reference of issue 18's ingest figures: `sqlite3` alone storing the rows that
# phananh stores for a file, with phananh's schema and indexes, so that a ratio to it says
# what phananh's own work costs beyond the database's.
#   bench/same-rows.sh DB CSV one|two
# DB is a fresh `phananh init` database. The file is read by `.import` into a temporary
# table; then, in transactions of 5,000 reports as `ingest` commits them, each report is
# written with a random sealed identity of the same length, its events (`ingest`, and
# `accept` or `reject`: one report in twenty rejected) with random 32-byte hashes, and its
# dispatch clock (stopped when rejected). `one` writes each report judged, as
# `ingest --validate`; `two` writes them received, then judges them in a second pass of
# pages of 5,000, as `ingest` then `validate`. Malformed rows are stored as they are: SQLite
# checks nothing phananh checks (dates, coordinates, the language, the chain).
set -eu
db=$1 csv=$2 how=$3
chunk=5000
at="'2026-11-01T08:00:00+07:00'"
verdict="CASE WHEN abs(random()) % 20 = 0 THEN 'rejected' ELSE 'accepted' END"
action="CASE status WHEN 'accepted' THEN 'accept' ELSE 'reject' END"
events="INSERT INTO events (report_id, at, actor, action, from_status, to_status, payload,
  report_hash, prev_hash, hash, login, recorded_at)"
hashes="randomblob(32), randomblob(32), randomblob(32), 'root', $at"
script() {
  echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;"
  echo "CREATE TEMP TABLE raw (external_id TEXT, submitted_at TEXT, occurred_at TEXT,
    content TEXT, media TEXT, latitude TEXT, longitude TEXT, address TEXT, commune TEXT,
    reporter_name TEXT, reporter_phone TEXT, confidential TEXT, consent TEXT, urgent TEXT,
    category_hint TEXT);"
  echo ".import --csv --skip 1 --schema temp $csv raw"
  local rows status="'received'"
  rows=$(wc -l < "$csv")
  [ "$how" = one ] && status=$verdict
  for ((from = 1; from <= rows; from += chunk)); do
    cat <<SQL
BEGIN;
INSERT OR IGNORE INTO reports (external_id, submitted_at, occurred_at, content, media,
  latitude, longitude, address, commune, confidential, consent, urgent, category_hint, status,
  identity, identity_key)
SELECT external_id, submitted_at, nullif(occurred_at, ''), content, media,
  CAST(latitude AS REAL), CAST(longitude AS REAL), address, commune, 0, 0, 0, category_hint,
  $status, randomblob(length(reporter_name) + length(reporter_phone) + 44), randomblob(72)
FROM temp.raw WHERE rowid BETWEEN $from AND $((from + chunk - 1));
$events
SELECT id, $at, 'admin', CASE k WHEN 1 THEN 'ingest' ELSE $action END,
  CASE k WHEN 1 THEN NULL ELSE 'received' END, CASE k WHEN 1 THEN 'received' ELSE status END,
  CASE k WHEN 1 THEN json_object('file', '$csv', 'line', id)
    ELSE '{"reasons":[],"explanation":""}' END, $hashes
FROM reports, (SELECT 1 AS k UNION ALL SELECT 2)
WHERE id > (SELECT coalesce(max(report_id), 0) FROM events) AND (k = 1 OR '$how' = 'one')
ORDER BY id, k;
INSERT INTO clocks (report_id, stage, round, started_at, rule, limit_seconds, due_at,
  calendar_version, stopped_at, breached)
SELECT id, 'dispatch', 1, submitted_at, 'clock_hours', 43200,
  coalesce(datetime(submitted_at, '+12 hours'), submitted_at), 'x',
  CASE status WHEN 'rejected' THEN $at END, CASE status WHEN 'rejected' THEN 0 END
FROM reports WHERE id > (SELECT coalesce(max(report_id), 0) FROM clocks);
COMMIT;
SQL
  done
  [ "$how" = two ] || return 0
  for ((from = 1; from <= rows + 1; from += chunk)); do
    local to=$((from + chunk - 1))
    cat <<SQL
BEGIN;
UPDATE reports SET status = $verdict WHERE status = 'received' AND id BETWEEN $from AND $to;
$events
SELECT id, $at, 'admin', $action, 'received', status, '{"reasons":[],"explanation":""}', $hashes
FROM reports WHERE id BETWEEN $from AND $to AND status <> 'received' ORDER BY id;
UPDATE clocks SET stopped_at = $at, breached = 0 WHERE stopped_at IS NULL AND report_id IN
  (SELECT id FROM reports WHERE id BETWEEN $from AND $to AND status = 'rejected');
COMMIT;
SQL
  done
}
# `.import` warns of the file's malformed rows (it stores them as it can); any other message
# is a failure of this script.
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
script | sqlite3 -bail "$db" >/dev/null 2>"$errors" || true
if grep -v -e 'expected [0-9]* columns but found' "$errors" >&2; then
  exit 1
fi
