-- phananh schema: migration 10 — the time-keyed indexes of reports keyed by the month of
-- submission, then the report's id, instead of the submission time itself.
--
-- An index keyed by the time itself takes each new report at a random place when a file
-- comes in random time order (a merged or backfilled export): with more of those places
-- than the page cache holds, every commit wrote most of the index's pages again, and an
-- ingest of such a file cost 1.8 times the same file sorted (bench/HISTORY.md, 2026-12-03,
-- "Against the rows themselves").
-- Keyed by month and id, a report lands at the end of its month's run, wherever the file
-- puts it: one place per month a load touches.
--
-- What reads them keeps its answers: a window of times adds the months its ends fall in
-- (`substr` of a time is never after the month of a later time), and an order by time
-- sorts one month at a time after ordering by month (`storage::reports::by_submission`).
DROP INDEX reports_by_submitted;
DROP INDEX reports_by_status;
CREATE INDEX reports_by_month ON reports (substr(submitted_at, 1, 7));
CREATE INDEX reports_by_status ON reports (status, urgent, substr(submitted_at, 1, 7));
