-- phananh schema: migration 11 — the arrivals in the log by the submission time their
-- payload seals.
--
-- The period a report is counted in is chosen by `reports.submitted_at`, a column a
-- `sqlite3` shell can change: a report moved out of its month left that month's report one
-- report short, exit 0, and only `audit verify` named it. Since this version an arrival's
-- payload carries the submission time (`app::ingest`), sealed by the chain, and `report`
-- and `score` look up the period's arrivals by it (`storage::periodic::for_each_moved_out`).
-- Only arrivals are indexed: the other events, most of the log, cost nothing. Arrivals
-- logged before this version carry no time and are in no entry.
CREATE INDEX events_arrivals_by_submission
    ON events (json_extract(CASE WHEN json_valid(payload) THEN payload END, '$.submitted_at'))
    WHERE action = 'ingest';
