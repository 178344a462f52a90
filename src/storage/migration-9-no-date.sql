-- phananh schema: migration 9 — migration 8's index also holds the reports whose submission
-- time has the stored shape but names no moment: a day the month does not have
-- (`2026-09-31`, `2026-02-29`), month 00 or 13, hour 24 (insider review 12). Such a text,
-- written with sqlite3, sorts into some period's window while phananh cannot read it:
-- `report` and `score` counted the report in whichever month its text fell, and `audit
-- verify` alone named it. A time phananh writes reads back, through SQLite's own calendar,
-- as itself; any other does not. Its condition must stay the same text as the query's
-- (`storage::periodic::odd_time!`) for SQLite to use it.
DROP INDEX reports_odd_submitted;
CREATE INDEX reports_odd_submitted ON reports (id)
    WHERE submitted_at NOT GLOB
          '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+07:00'
       OR datetime(julianday(substr(submitted_at, 1, 19)))
          IS NOT replace(substr(submitted_at, 1, 19), 'T', ' ');
