-- The schema of a phananh database once every migration has run: GENERATED from a
-- fresh `phananh init` by tests/cli/schema.rs; do not edit. Regenerate it with
--     UPDATE_SCHEMA=1 cargo test --test cli schema::
-- The migrations themselves are schema.sql (migration 1) and
-- src/storage/migration-N-*.sql, applied in order under PRAGMA user_version.

PRAGMA application_id = 1346915905;
PRAGMA user_version = 14;

CREATE TABLE agencies (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    level  TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent TEXT REFERENCES agencies (code)
, active_from TEXT
    CHECK (active_from IS NULL OR active_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'), active_until TEXT
    CHECK (active_until IS NULL OR (active_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        AND (active_from IS NULL OR active_from <= active_until)))) STRICT;

CREATE TABLE calendar_days (
    date   TEXT PRIMARY KEY,
    entry  TEXT NOT NULL CHECK (entry IN ('off', 'work', 'pending')),
    name   TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE clocks (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES reports (id),
    stage            TEXT NOT NULL CHECK (stage = 'dispatch' OR stage = 'return' OR stage = 'process' OR stage = 'publish'),
    round            INTEGER NOT NULL CHECK (round >= 1),
    agency           TEXT REFERENCES agencies (code),
    started_at       TEXT NOT NULL,
    rule             TEXT NOT NULL CHECK (rule IN ('working_hours', 'clock_hours')),
    limit_seconds    INTEGER NOT NULL CHECK (limit_seconds > 0),
    due_at           TEXT NOT NULL,
    calendar_version TEXT NOT NULL,
    start_event      INTEGER REFERENCES events (id),
    stopped_at       TEXT,
    stop_event       INTEGER REFERENCES events (id),
    breached         INTEGER CHECK (breached IN (0, 1)),
    -- The reminder events the sweep recorded, once per threshold (SPEC §4).
    reminded_soon    INTEGER REFERENCES events (id),
    reminded_overdue INTEGER REFERENCES events (id), reminded_at_once INTEGER REFERENCES events (id),
    UNIQUE (report_id, stage, round),
    CHECK ((stopped_at IS NULL) = (breached IS NULL))
) STRICT;

CREATE INDEX clocks_open_by_due ON clocks (due_at) WHERE stopped_at IS NULL;

CREATE TABLE "events" (
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
, login TEXT, recorded_at TEXT) STRICT;

CREATE INDEX events_by_report ON events (report_id, id);

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (Đ11)');
END;

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only (Đ11)');
END;

CREATE TABLE fields (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT ''
) STRICT;

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
    status         TEXT NOT NULL DEFAULT 'received' CHECK (
                       status = 'received' OR status = 'rejected' OR status = 'accepted'
                       OR status = 'assigned' OR status = 'returned' OR status = 'replied'
                       OR status = 'verified' OR status = 'published'
                       OR status = 'closed_private' OR status = 'duplicate'),
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
, identity BLOB, identity_key BLOB) STRICT;

CREATE INDEX reports_by_agency ON reports (agency, status);

CREATE INDEX reports_by_month ON reports (substr(submitted_at, 1, 7));

CREATE INDEX reports_by_status ON reports (status, urgent, substr(submitted_at, 1, 7));

CREATE INDEX reports_in_clear ON reports (id) WHERE identity IS NULL;

CREATE INDEX reports_merged ON reports (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE INDEX reports_odd_submitted ON reports (id)
    WHERE submitted_at NOT GLOB
          '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+07:00';

CREATE TRIGGER reports_are_kept BEFORE DELETE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports are kept for ever (Đ11)');
END;

CREATE TABLE routes (
    field   TEXT NOT NULL REFERENCES fields (code),
    commune TEXT NOT NULL DEFAULT '',
    agency  TEXT NOT NULL REFERENCES agencies (code),
    PRIMARY KEY (field, commune)
) STRICT;

CREATE TABLE service_codes (
    service_code TEXT PRIMARY KEY,
    field        TEXT NOT NULL REFERENCES fields (code),
    name         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
    username TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('admin', 'reception', 'handler', 'leader', 'auditor')),
    agency   TEXT REFERENCES agencies (code),
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (role <> 'handler' OR agency IS NOT NULL)
) STRICT;

CREATE TABLE staff_logins (
    username TEXT NOT NULL REFERENCES staff (username),
    login    TEXT NOT NULL CHECK (login <> ''),
    PRIMARY KEY (username, login)
) STRICT;

CREATE INDEX staff_logins_by_login ON staff_logins (login);

CREATE TABLE vault (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    key_id      TEXT NOT NULL,
    clear_until INTEGER
) STRICT;
