-- phananh schema: migration 2 — the legal clocks (SPEC §3) and the operator's calendar.

-- One row per stage clock of a report. Started and stopped by workflow events; the due time
-- of an open clock is recomputed when the calendar or a limit changes, a stopped one keeps
-- the due time it was judged by. `calendar_version` names the calendar it was computed under.
CREATE TABLE clocks (
    id               INTEGER PRIMARY KEY,
    report_id        INTEGER NOT NULL REFERENCES reports (id),
    stage            TEXT NOT NULL CHECK (stage IN ('dispatch', 'return', 'process', 'publish')),
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
    reminded_overdue INTEGER REFERENCES events (id),
    UNIQUE (report_id, stage, round),
    CHECK ((stopped_at IS NULL) = (breached IS NULL))
) STRICT;

-- The sweep and recomputation read open clocks only, by due time.
CREATE INDEX clocks_open_by_due ON clocks (due_at) WHERE stopped_at IS NULL;
CREATE INDEX clocks_by_agency ON clocks (agency, stage);

-- The operator's days off and working days (`calendar add-holiday|add-workday|import`),
-- over the announced schedules shipped in the binary. One line per date; each change is
-- an event, so the history stays in the log.
CREATE TABLE calendar_days (
    date   TEXT PRIMARY KEY,
    entry  TEXT NOT NULL CHECK (entry IN ('off', 'work', 'pending')),
    name   TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
) STRICT;
