-- phananh schema: migration 5 — fewer bytes per report: the audit log's hashes as 32 bytes
-- instead of 64 hex digits, and an index nothing reads dropped.

-- Each event carried three SHA-256 values as lower-case hex text: 192 of the 300 bytes of a
-- typical event, a tenth of everything a loaded report writes. They are stored as the raw
-- 32 bytes now. The seal itself is unchanged: it is still computed over the canonical JSON
-- with `prev_hash` and `report_hash` in hex, so every hash printed, exported or noted down
-- before this migration still verifies, and `audit verify` reads the bytes back as hex.
-- `prev_hash` stays although it repeats the previous event's hash: with it, `audit verify`
-- can tell an event edited in place from one whose predecessor was resealed.
--
-- A value that is not hex (only an edit behind the tool's back makes one) is kept as its
-- bytes, so the migration never fails on it and `audit verify` still names the event; a
-- value already stored as bytes is kept as it is.
--
-- A STRICT table cannot change a column's type in place, so the table is rebuilt (SQLite's
-- documented procedure: the migration runs with foreign keys off and checks them before it
-- commits, because `clocks` refers to events by id and ids are kept).

CREATE TABLE events_v5 (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER REFERENCES reports (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    payload     TEXT NOT NULL DEFAULT '{}',
    report_hash BLOB,
    prev_hash   BLOB NOT NULL,
    hash        BLOB NOT NULL
) STRICT;

INSERT INTO events_v5 (id, report_id, at, actor, action, from_status, to_status, payload,
                       report_hash, prev_hash, hash)
SELECT id, report_id, at, actor, action, from_status, to_status, payload,
       CASE typeof(report_hash) WHEN 'text' THEN coalesce(unhex(report_hash), CAST(report_hash AS BLOB))
                                ELSE report_hash END,
       CASE typeof(prev_hash) WHEN 'text' THEN coalesce(unhex(prev_hash), CAST(prev_hash AS BLOB))
                              ELSE prev_hash END,
       CASE typeof(hash) WHEN 'text' THEN coalesce(unhex(hash), CAST(hash AS BLOB))
                         ELSE hash END
  FROM events
 ORDER BY id;

DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;

CREATE INDEX events_by_report ON events (report_id, id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (Đ11)');
END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (Đ11)');
END;

-- No statement looks clocks up by agency: reports and scores reach a clock through its
-- report, and agencies are never deleted or renamed, so not even a foreign-key check would
-- use it. It cost an entry per clock (20 bytes) on every load.
DROP INDEX clocks_by_agency;
