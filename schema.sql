-- phananh schema: MIGRATION 1, embedded in the binary (src/storage/migrations.rs). It is
-- not the schema a current database has: later changes are appended there as new migrations
-- (src/storage/migration-N-*.sql), and docs/schema.sql is the schema once all have run
-- (generated, checked by tests/cli/schema.rs). This file is never edited in a way that
-- changes an existing database, because databases in the field were built from it.

-- Identifies the file as a phananh database ("PHNA"), so that `init` and `demo` never touch
-- a file that belongs to something else.
PRAGMA application_id = 1346915905;

-- Settings are the [choice] readings of the regulation (docs/rules.md); absent keys take the
-- defaults compiled into the binary.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Lĩnh vực: the field a report belongs to (Đ7.1.a). Keywords are comma-separated, stored
-- as typed (NFC); matching folds diacritics.
CREATE TABLE fields (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT ''
) STRICT;

-- Handling agencies (Đ3.3). The province has had two levels of local government since
-- 1 July 2025; `district` stays a level so that older reports keep their agency.
CREATE TABLE agencies (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    level  TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent TEXT REFERENCES agencies (code)
) STRICT;

-- Accounts (Đ16.1). Staff are disabled, never deleted, so that the audit log keeps naming
-- real accounts.
CREATE TABLE staff (
    username TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('admin', 'reception', 'handler', 'leader', 'auditor')),
    agency   TEXT REFERENCES agencies (code),
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (role <> 'handler' OR agency IS NOT NULL)
) STRICT;

-- One row per report from the app (Đ6). Reports are kept for ever (Đ11): never deleted.
-- Times are RFC 3339 text at +07:00, so that text order is time order.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    external_id    TEXT NOT NULL UNIQUE,
    submitted_at   TEXT NOT NULL,
    occurred_at    TEXT,
    content        TEXT NOT NULL DEFAULT '',
    media          TEXT NOT NULL DEFAULT '[]',
    latitude       REAL,
    longitude      REAL,
    address        TEXT NOT NULL DEFAULT '',
    commune        TEXT NOT NULL DEFAULT '',
    reporter_name  TEXT NOT NULL DEFAULT '',
    reporter_phone TEXT NOT NULL DEFAULT '',
    confidential   INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    consent        INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    urgent         INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    category_hint  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'received' CHECK (status IN (
                       'received', 'rejected', 'accepted', 'assigned', 'returned', 'replied',
                       'verified', 'published', 'closed_private', 'duplicate')),
    state_secret   INTEGER NOT NULL DEFAULT 0 CHECK (state_secret IN (0, 1)),
    field          TEXT REFERENCES fields (code),
    agency         TEXT REFERENCES agencies (code),
    round          INTEGER NOT NULL DEFAULT 0,
    returns        INTEGER NOT NULL DEFAULT 0,
    send_backs     INTEGER NOT NULL DEFAULT 0,
    reject_reasons TEXT NOT NULL DEFAULT '',
    result_text    TEXT NOT NULL DEFAULT '',
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    duplicate_of   INTEGER REFERENCES reports (id)
) STRICT;

CREATE INDEX reports_by_status ON reports (status, urgent, submitted_at);
CREATE INDEX reports_by_agency ON reports (agency, status);
CREATE INDEX reports_by_submitted ON reports (submitted_at);

-- The append-only log of every change (Đ11). Each event carries the hash of the report row
-- it left behind and is chained to the event before it, so `audit verify` can tell when a
-- row or an event was edited behind the tool's back.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER REFERENCES reports (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    payload     TEXT NOT NULL DEFAULT '{}',
    report_hash TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;

CREATE INDEX events_by_report ON events (report_id, id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (Đ11)');
END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (Đ11)');
END;

CREATE TRIGGER reports_are_kept BEFORE DELETE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports are kept for ever (Đ11)');
END;
