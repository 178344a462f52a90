//! The `clocks` and `calendar_days` tables: starting and stopping stage clocks as workflow
//! steps happen, recomputing open ones when the calendar or a limit changes, the queries
//! `show`, `list --overdue` and `sweep` read, and the operator's calendar lines.

use anyhow::{Context as _, Result};
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::audit::StoredClock;
use crate::domain::calendar::{Calendar, Entry, ScheduledDay};
use crate::domain::clocks::{self, Effects, Kept, Threshold};
use crate::domain::deadline::{self, Policy, Rule, Stage};
use crate::domain::event::EventKind;
use crate::domain::report::Status;
use crate::domain::time::{self, Timestamp};

/// Applies the clock effects of workflow steps inside the caller's transaction, with
/// prepared statements so a bulk load pays for parsing once.
pub struct Keeper<'c> {
    calendar: &'c Calendar,
    policy: &'c Policy,
    open_of: CachedStatement<'c>,
    stop: CachedStatement<'c>,
    insert: CachedStatement<'c>,
}

impl<'c> Keeper<'c> {
    pub fn new(conn: &'c Connection, calendar: &'c Calendar, policy: &'c Policy) -> Result<Self> {
        Ok(Keeper {
            calendar,
            policy,
            open_of: conn.prepare_cached(
                "SELECT id, stage, due_at FROM clocks WHERE report_id = ?1 AND stopped_at IS NULL",
            )?,
            stop: conn.prepare_cached(
                "UPDATE clocks SET stopped_at = ?2, stop_event = ?3, breached = ?4 WHERE id = ?1",
            )?,
            insert: conn.prepare_cached(
                "INSERT INTO clocks (report_id, stage, round, agency, started_at, rule,
                                     limit_seconds, due_at, calendar_version, start_event)
                 VALUES (?1, ?2,
                         (SELECT coalesce(max(round), 0) + 1 FROM clocks
                           WHERE report_id = ?1 AND stage = ?2),
                         ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
        })
    }

    /// Stops the report's open clocks of `effects.stops` at `at` (judged as stopped by
    /// `action`), then starts `effects.starts` at `start` (the submission time for a
    /// received report, else the step's time).
    pub fn apply(
        &mut self,
        report_id: i64,
        effects: &Effects,
        action: EventKind,
        at: &Timestamp,
        start: &Timestamp,
        event: i64,
    ) -> Result<()> {
        if !effects.stops.is_empty() {
            let open: Vec<(i64, String, String)> = self
                .open_of
                .query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (id, stage, due) in open {
                let stage = parse_stage(&stage)?;
                if !effects.stops.contains(&stage) {
                    continue;
                }
                let due = parse_time(&due)?;
                let late = clocks::breached(stage, action, &due, at);
                self.stop
                    .execute(params![id, time::format(at), event, late])?;
            }
        }
        for begin in &effects.starts {
            let due = deadline::due(start, begin.stage, self.calendar, self.policy)
                .map_err(|e| anyhow::anyhow!(no_deadline(&e)))?;
            self.insert.execute(params![
                report_id,
                begin.stage.as_str(),
                begin.agency,
                time::format(start),
                due.rule.as_str(),
                due.limit,
                time::format(&due.at),
                self.calendar.version(),
                event,
            ])?;
        }
        Ok(())
    }
}

fn no_deadline(e: &deadline::NoWorkingTime) -> super::refusal::Refusal {
    super::refusal::Refusal::NoWorkingTime(*e)
}

/// The reports with an open clock the sweep has reminded of as overdue whose deadline now
/// lies after `now` (stored form): a breach reported that no longer stands.
pub fn reminded_overdue_not_due(conn: &Connection, now: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT report_id FROM clocks
          WHERE stopped_at IS NULL AND reminded_overdue IS NOT NULL AND due_at > ?1
          ORDER BY report_id",
    )?;
    let ids = stmt.query_map([now], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The reports with a running duty clock (not a return window, which is no duty) already
/// past its deadline at `now`: one step of the open clocks' index by deadline.
pub fn overdue_open(conn: &Connection, now: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT report_id FROM clocks
          WHERE stopped_at IS NULL AND due_at < ?1 AND stage <> 'return'
          ORDER BY report_id",
    )?;
    let ids = stmt.query_map([now], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// How many clocks are open (an index count).
pub fn count_open(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM clocks WHERE stopped_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// How many clocks the table holds, open or stopped.
pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM clocks", [], |r| r.get(0))?;
    Ok(n as u64)
}

/// Whether the database predates clocks (schema 1): it has reports but no clocks, and its
/// clocks must be rebuilt from the log before it is read.
pub fn predate_clocks(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM reports) AND NOT EXISTS (SELECT 1 FROM clocks)",
        [],
        |r| r.get(0),
    )?)
}

/// Every report's submission time as stored, by id: where a rebuilt dispatch clock starts.
pub fn submission_times(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, submitted_at FROM reports")?;
    let times = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(times.collect::<rusqlite::Result<_>>()?)
}

/// One event about a report, as a rebuild of the clocks replays it.
pub struct LoggedStep {
    pub event: i64,
    pub report: i64,
    pub at: String,
    /// `None` for a name no version of phananh wrote.
    pub kind: Option<EventKind>,
    /// For an `assign`: the agency its payload names.
    pub agency: Option<String>,
}

/// Every event about a report, in log order, to `visit`. An `assign` whose payload is not
/// JSON is an error: the clocks it moved cannot be rebuilt.
pub fn for_each_logged_step(
    conn: &Connection,
    mut visit: impl FnMut(LoggedStep) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, report_id, at, action, payload FROM events
          WHERE report_id IS NOT NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let kind = EventKind::parse(row.get_ref(3)?.as_str()?);
        let agency = if kind == Some(EventKind::Assign) {
            let payload: serde_json::Value = serde_json::from_str(row.get_ref(4)?.as_str()?)?;
            payload["agency"].as_str().map(str::to_owned)
        } else {
            None
        };
        visit(LoggedStep {
            event: row.get(0)?,
            report: row.get(1)?,
            at: row.get(2)?,
            kind,
            agency,
        })?;
    }
    Ok(())
}

pub use crate::domain::clocks::{Moved, StoredDue};

/// What recomputing the open clocks found: how many it read, how many rows it rewrote (a
/// new calendar version is a rewrite even when the deadline stays), and the deadlines that
/// moved.
#[derive(Debug, Default)]
pub struct Recount {
    pub open: u64,
    pub rewritten: u64,
    pub moved: Vec<Moved>,
}

/// Recomputes every open clock under `calendar` and `policy`, streaming them and calling
/// `tick` after each; stopped clocks keep the deadline they were judged by. With
/// `keep_passed` (a moment, stored form), a clock whose deadline had passed by then keeps
/// it, only its calendar version brought up to date, and is handed to `kept`: the breach
/// happened under the rule then in force. A kept deadline neither moves nor counts as
/// rewritten.
pub fn recompute(
    conn: &Connection,
    calendar: &Calendar,
    policy: &Policy,
    keep_passed: Option<&str>,
    mut kept: impl FnMut(i64, Stage, StoredDue),
    mut tick: impl FnMut(),
) -> Result<Recount> {
    let mut select = conn.prepare(
        "SELECT id, stage, started_at, due_at, rule, limit_seconds, calendar_version,
                report_id, round
           FROM clocks WHERE stopped_at IS NULL",
    )?;
    let mut update = conn.prepare(
        "UPDATE clocks SET due_at = ?2, rule = ?3, limit_seconds = ?4, calendar_version = ?5
          WHERE id = ?1",
    )?;
    let mut version_only = conn.prepare("UPDATE clocks SET calendar_version = ?2 WHERE id = ?1")?;
    // The rows are rewritten once the read is over: a deadline moved later moves the row
    // along the index by deadline the read walks, and it was met again (counted twice). Each
    // is held as its instant, formatted when written: every open clock of a province may be.
    let mut rewrites: Vec<(i64, i64, deadline::Rule, i64)> = Vec::new();
    let mut versions_only = Vec::new();
    let mut recount = Recount::default();
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        recount.open += 1;
        let stage = parse_stage(row.get_ref(1)?.as_str()?)?;
        let due_before = row.get_ref(3)?.as_str()?;
        if let Some(moment) = keep_passed
            && due_before < moment
        {
            kept(row.get(7)?, stage, StoredDue::of(due_before));
            if row.get_ref(6)?.as_str()? != calendar.version() {
                versions_only.push(row.get::<_, i64>(0)?);
            }
            tick();
            continue;
        }
        let started = parse_time(row.get_ref(2)?.as_str()?)?;
        let due = deadline::due(&started, stage, calendar, policy)
            .map_err(|e| anyhow::anyhow!(no_deadline(&e)))?;
        let due_text = time::format(&due.at);
        let before = row.get_ref(3)?.as_str()?;
        let same = before == due_text
            && row.get_ref(4)?.as_str()? == due.rule.as_str()
            && row.get::<_, i64>(5)? == due.limit
            && row.get_ref(6)?.as_str()? == calendar.version();
        if !same {
            let clock = row.get::<_, i64>(0)?;
            if before != due_text {
                recount.moved.push(Moved {
                    report_id: row.get(7)?,
                    stage,
                    round: row.get(8)?,
                    from: StoredDue::of(before),
                    to: StoredDue::at(&due.at),
                });
            }
            rewrites.push((clock, due.at.timestamp(), due.rule, due.limit));
        }
        tick();
    }
    drop(rows);
    for clock in versions_only {
        version_only.execute(params![clock, calendar.version()])?;
    }
    for (clock, due_at, rule, limit) in rewrites {
        let due_at = chrono::DateTime::from_timestamp(due_at, 0)
            .context("a recomputed deadline out of range")?
            .fixed_offset();
        update.execute(params![
            clock,
            time::format(&due_at),
            rule.as_str(),
            limit,
            calendar.version()
        ])?;
        recount.rewritten += 1;
    }
    recount
        .moved
        .sort_by(|a, b| a.to.cmp_text(&b.to).then(a.report_id.cmp(&b.report_id)));
    // Held while the change's payload is written and stored: not the room it grew into.
    recount.moved.shrink_to_fit();
    Ok(recount)
}

/// A stopped clock as a calendar change judges it again: its times as read (none when the
/// stored text is not a time), its deadline as stored, and the kind of the step that stopped
/// it. Held compactly, with no text: a change reads every stopped clock judged across the
/// days it touches, a province's tens of thousands for one day
/// (`memory::re_judging_a_large_backlog_of_stopped_clocks_runs_in_flat_memory`).
#[derive(Debug, Clone)]
pub struct Stopped {
    pub clock: i64,
    pub report_id: i64,
    pub stage: Stage,
    pub round: i64,
    pub started_at: Option<Timestamp>,
    pub due_at: clocks::StoredDue,
    pub stopped_at: Option<Timestamp>,
    pub breached: bool,
    pub stop_event: i64,
    pub stop_action: Option<EventKind>,
}

/// The clocks stopped by a step whose start falls on or before `last` and whose deadline
/// on or after `first` (dates of their stored text, which the caller widens by a day): the
/// clocks a day between them may have been judged across.
pub fn stopped_around(conn: &Connection, first: &str, last: &str) -> Result<Vec<Stopped>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.report_id, c.stage, c.round, c.started_at, c.due_at, c.stopped_at,
                c.breached, c.stop_event, e.action
           FROM clocks c JOIN events e ON e.id = c.stop_event
          WHERE c.stopped_at IS NOT NULL
            AND substr(c.started_at, 1, 10) <= ?2 AND substr(c.due_at, 1, 10) >= ?1
          ORDER BY c.report_id, c.stage, c.round",
    )?;
    let mut rows = stmt.query([first, last])?;
    let mut found = Vec::new();
    while let Some(r) = rows.next()? {
        let at = |i: usize| -> rusqlite::Result<Option<Timestamp>> {
            Ok(r.get_ref(i)?.as_str().ok().and_then(time::stored))
        };
        found.push(Stopped {
            clock: r.get(0)?,
            report_id: r.get(1)?,
            stage: parse_stage(&r.get::<_, String>(2)?)?,
            round: r.get(3)?,
            started_at: at(4)?,
            due_at: clocks::StoredDue::of(r.get_ref(5)?.as_str()?),
            stopped_at: at(6)?,
            breached: r.get(7)?,
            stop_event: r.get(8)?,
            stop_action: r.get_ref(9)?.as_str().ok().and_then(EventKind::parse),
        });
    }
    // Held while the change is judged and stored: not the room it grew into.
    found.shrink_to_fit();
    Ok(found)
}

/// Gives stopped clock `c.clock` the deadline and verdict it now comes to under calendar
/// `version` (a re-judgement the caller seals in its event).
pub fn rejudge(conn: &Connection, c: &clocks::Contradicted, version: &str) -> Result<()> {
    conn.execute(
        "UPDATE clocks SET due_at = ?2, rule = ?3, limit_seconds = ?4, calendar_version = ?5,
                           breached = ?6
          WHERE id = ?1 AND stopped_at IS NOT NULL",
        params![
            c.clock,
            c.due_now.text(),
            c.rule.as_str(),
            c.limit,
            version,
            c.late_now
        ],
    )?;
    Ok(())
}

/// Every clock a logged calendar event re-judged, as (event, report, stage, round), from the
/// `rejudged_clocks` of its payload, handed to `each` in the log's order: the event whose
/// calendar a re-judged clock was last computed under. Read from the sealed log, never from
/// the clock's row; a payload that is not one JSON object (edited outside phananh, which
/// `audit verify` names) re-judged nothing, and an entry that names no stage names no
/// clock. Each payload is read where SQLite holds it, an entry at a time
/// (`payload::last_list_under`): read by `json_valid` and `json_each`, three lists of 60,000
/// clocks took the next calendar change past twice the bound
/// (`memory::re_judging_a_large_backlog_of_stopped_clocks_runs_in_flat_memory`). A list
/// written in parts (`domain::parts`) is read from each part after its head, as its head's.
pub fn rejudged_clocks(
    conn: &Connection,
    mut each: impl FnMut(i64, i64, Stage, i64),
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, action, payload FROM events
          WHERE report_id IS NULL
            AND action IN ('calendar_add_holiday', 'calendar_add_workday', 'calendar_remove',
                           'calendar_import', 'calendar_rejudge', 'list_part')
          ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut parts = crate::domain::parts::PartReader::default();
    while let Some(row) = rows.next()? {
        let Ok(payload) = row.get_ref(2)?.as_str() else {
            continue;
        };
        let Some(event) = parts.owner(row.get(0)?, row.get_ref(1)?.as_str()?, payload) else {
            continue;
        };
        let listed = crate::domain::payload::last_list_under(
            payload,
            "rejudged_clocks",
            |found: &mut Vec<(i64, Stage, i64)>, entry| {
                let number = |key: &str| entry.get(key).and_then(|v| v.as_i64()).unwrap_or(0);
                let stage = entry.get("stage").and_then(|v| v.as_str());
                if let Some(stage) = stage.and_then(Stage::parse) {
                    found.push((number("report_id"), stage, number("round")));
                }
            },
        );
        for (report, stage, round) in listed.unwrap_or_default() {
            each(event, report, stage, round);
        }
    }
    Ok(())
}

/// Whether the log has a `calendar_reminder` of the local day `date` (YYYY-MM-DD; times
/// are stored at +07:00).
pub fn reminded_of_calendar_on(conn: &Connection, date: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE report_id IS NULL
                              AND action = 'calendar_reminder' AND substr(at, 1, 10) = ?1)",
        [date],
        |r| r.get(0),
    )?)
}

/// The deadlines the logged changes of the limits kept because they had already passed
/// (`domain::clocks::Kept`), from the `kept_overdue` lists of the `settings_set` events:
/// few events, found through the index of events by report (they are about none), each
/// payload read where SQLite holds it, an entry at a time. Read by SQLite's JSON functions,
/// one change keeping 110,000 deadlines (a payload of 5 MB) was parsed twice into 5 MB
/// trees (`json_valid`, `json_each`) while its text was held: 15 MB for a list `Kept` holds
/// in 2.6. A list written in parts (`domain::parts`) is read from each part after its head
/// (whose announcement names the key too).
pub fn kept_deadlines(conn: &Connection) -> Result<Kept> {
    let mut stmt = conn.prepare(
        "SELECT id, action, payload FROM events
          WHERE report_id IS NULL AND action IN ('settings_set', 'list_part')
            AND instr(payload, ?1) > 0
          ORDER BY id",
    )?;
    let mut kept = Kept::default();
    let mut parts = crate::domain::parts::PartReader::default();
    let mut rows = stmt.query([format!("\"{}\"", clocks::KEPT_OVERDUE)])?;
    while let Some(row) = rows.next()? {
        if let Ok(payload) = row.get_ref(2)?.as_str()
            && parts
                .owner(row.get(0)?, row.get_ref(1)?.as_str()?, payload)
                .is_some()
        {
            kept.gather(payload);
        }
    }
    kept.settle();
    Ok(kept)
}

/// The calendar version the log last recorded as brought to every open clock: written by
/// `init`, each calendar change, each `settings set` that recomputed the deadlines, and each
/// `calendar_adopt`. None when the latest of those records none (an older log).
pub fn recorded_version(conn: &Connection) -> Result<Option<String>> {
    // Newest first, each payload read where SQLite holds it and skipped past but for the
    // two attributes: a change that moved every late clock of a province lists them in its
    // payload (5 MB for 110,000), which `json_extract` parsed whole, twice, into trees.
    let mut stmt = conn.prepare(
        "SELECT action, payload FROM events
          WHERE report_id IS NULL
            AND action IN ('init', 'calendar_adopt', 'calendar_add_holiday',
                           'calendar_add_workday', 'calendar_remove', 'calendar_import',
                           'settings_set')
          ORDER BY id DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let payload = row.get_ref(1)?.as_str().unwrap_or_default();
        let attribute = |key| crate::domain::payload::last_under(payload, key);
        if row.get_ref(0)?.as_str()? == "settings_set"
            && attribute("recomputed").is_none_or(|r| r.is_null())
        {
            continue;
        }
        return Ok(attribute("calendar_version").and_then(|v| v.as_str().map(str::to_owned)));
    }
    Ok(None)
}

/// The first open clock (by id) under neither `today` nor `recorded`, as (clock, report,
/// stage, round): one no honest change brought there
/// (`domain::audit::open_clock_version_known`).
pub fn first_open_under_neither(
    conn: &Connection,
    today: &str,
    recorded: &str,
) -> Result<Option<(i64, i64, Stage, i64)>> {
    let found = conn
        .query_row(
            "SELECT id, report_id, stage, round FROM clocks
              WHERE stopped_at IS NULL AND calendar_version NOT IN (?1, ?2)
              ORDER BY id LIMIT 1",
            [today, recorded],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )
        .optional()?;
    found
        .map(|(clock, report, stage, round)| Ok((clock, report, parse_stage(&stage)?, round)))
        .transpose()
}

/// Open clocks computed under another calendar version than `version`.
pub fn stale(conn: &Connection, version: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM clocks WHERE stopped_at IS NULL AND calendar_version <> ?1",
        [version],
        |r| r.get(0),
    )?)
}

/// A clock as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Clock {
    pub id: i64,
    pub report_id: i64,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: String,
    pub rule: String,
    pub limit_seconds: i64,
    pub due_at: String,
    pub calendar_version: String,
    pub stopped_at: Option<String>,
    pub breached: Option<bool>,
    /// The step that stopped it.
    #[serde(skip)]
    pub stop_event: Option<i64>,
}

impl Clock {
    /// The kind of time the row counts its deadline in: a text phananh never writes is read
    /// as clock time, as the screens then say a distance (`audit verify` names the row).
    pub fn counted_rule(&self) -> deadline::Rule {
        deadline::Rule::parse(&self.rule).unwrap_or(deadline::Rule::ClockHours)
    }
}

const CLOCK_COLUMNS: &str = "id, report_id, stage, round, agency, started_at, rule, limit_seconds, due_at, calendar_version, stopped_at, breached, stop_event";

fn clock_from_row(row: &Row<'_>) -> rusqlite::Result<Clock> {
    let stage: String = row.get(2)?;
    Ok(Clock {
        id: row.get(0)?,
        report_id: row.get(1)?,
        stage: Stage::parse(&stage).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                2,
                rusqlite::types::Type::Text,
                format!("unknown stage {stage}").into(),
            )
        })?,
        round: row.get(3)?,
        agency: row.get(4)?,
        started_at: row.get(5)?,
        rule: row.get(6)?,
        limit_seconds: row.get(7)?,
        due_at: row.get(8)?,
        calendar_version: row.get(9)?,
        stopped_at: row.get(10)?,
        breached: row.get(11)?,
        stop_event: row.get(12)?,
    })
}

impl Clock {
    /// Its state at `now` with `soon` seconds of warning.
    pub fn state(&self, now: &Timestamp, soon: i64) -> Result<clocks::State> {
        let due = parse_time(&self.due_at)?;
        let stopped = match &self.stopped_at {
            Some(at) => Some((parse_time(at)?, self.breached.unwrap_or(false))),
            None => None,
        };
        Ok(clocks::state(
            self.stage,
            &due,
            stopped.as_ref().map(|(t, b)| (t, *b)),
            now,
            soon,
        ))
    }
}

/// The clocks of one report, in the order they started.
pub fn of_report(conn: &Connection, report_id: i64) -> Result<Vec<Clock>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CLOCK_COLUMNS} FROM clocks WHERE report_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([report_id], clock_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The event that stopped the clock of report `report_id`'s `stage`, round `round`, if one
/// did: its id, time and account (`audit late`: who made a late step late). Sought on the
/// index of `UNIQUE (report_id, stage, round)`, then the event by its key.
pub fn stopped_by(
    conn: &Connection,
    report_id: i64,
    stage: Stage,
    round: i64,
) -> Result<Option<(i64, String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT e.id, e.at, e.actor FROM clocks c JOIN events e ON e.id = c.stop_event
              WHERE c.report_id = ?1 AND c.stage = ?2 AND c.round = ?3",
        )?
        .query_row(params![report_id, stage.as_str(), round], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// The clocks of report `report_id` the step logged as event `event` stopped after their
/// deadline, in the order they started: what a handler's late return or reply is charged
/// with. Sought among the report's clocks (the index of `UNIQUE (report_id, …)`): no index
/// leads from `stop_event`, and a search by the event alone read every clock of every year
/// at each return and reply.
pub fn stopped_late_by(conn: &Connection, report_id: i64, event: i64) -> Result<Vec<Clock>> {
    let mut stmt = conn.prepare(&stopped_late_by_sql())?;
    let rows = stmt.query_map([report_id, event], clock_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn stopped_late_by_sql() -> String {
    format!(
        "SELECT {CLOCK_COLUMNS} FROM clocks
          WHERE report_id = ?1 AND stop_event = ?2 AND breached = 1 ORDER BY id"
    )
}

/// `list --overdue`: the SQL condition, on `reports`, of having a duty clock open and past
/// due at a moment (now, or the `--now` asked for), bound [`OVERDUE_BINDINGS`] times: started
/// by then, not stopped by then, its deadline passed. A clock stopped late before then is
/// history, not work; one stopped after then was still running at that moment.
///
/// With `ever` (`--overdue --ever`), a clock that was ever late — breached, or open past due
/// at the moment. With `by_agency`, only a clock held by the agency bound last: lateness is
/// charged to whoever held the clock, not to the report's agency, so a report an agency
/// returned is not charged to it for the portal's late re-dispatch, and an agency's late
/// return still is once the report has gone to another.
pub fn overdue_condition(ever: bool, by_agency: bool) -> String {
    let open_late = "c.stage <> 'return' AND c.started_at <= ?
          AND (c.stopped_at IS NULL OR c.stopped_at > ?) AND c.due_at < ?";
    let late = if ever {
        format!("(c.breached = 1 OR ({open_late}))")
    } else {
        open_late.to_owned()
    };
    format!(
        "EXISTS (SELECT 1 FROM clocks c WHERE c.report_id = reports.id AND {late}{})",
        if by_agency { " AND c.agency = ?" } else { "" }
    )
}

/// How many times the moment is bound in the overdue condition, before the agency.
pub const OVERDUE_BINDINGS: usize = 3;

/// The clock a report is listed overdue for (`list --overdue`): the stage, whose it is and
/// its deadline, and when a sweep reminded of it as overdue (None: no sweep has yet, it is
/// new since the last one).
#[derive(Debug, Clone)]
pub struct LateClock {
    pub id: i64,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub due_at: String,
    /// Still running at the moment asked about (otherwise it stopped late: `--ever`).
    pub open: bool,
    pub reminded_at: Option<String>,
    /// When it stopped (None: still running).
    pub stopped_at: Option<String>,
    /// How its deadline was counted: how late it is is said in the same time.
    pub rule: Rule,
}

/// The clock `overdue_condition` selected `report_id` by, under the same bindings: the one
/// open past due at `now` if there is one, else (`ever`) the last that ended late.
pub fn late_clock(
    conn: &Connection,
    report_id: i64,
    now: &str,
    ever: bool,
    agency: Option<&str>,
) -> Result<Option<LateClock>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.stage, c.round, c.agency, c.due_at,
                c.stopped_at IS NULL OR c.stopped_at > ?2, e.at, c.stopped_at, c.id, c.rule
           FROM clocks c
           LEFT JOIN events e ON e.id = c.reminded_overdue
          WHERE c.report_id = ?1
            AND ((c.stage <> 'return' AND c.started_at <= ?2
                  AND (c.stopped_at IS NULL OR c.stopped_at > ?2) AND c.due_at < ?2)
                 OR (?3 AND c.breached = 1))
            AND (?4 IS NULL OR c.agency = ?4)
          ORDER BY 5 DESC, c.due_at DESC, c.id DESC
          LIMIT 1",
    )?;
    let mut rows = stmt.query(params![report_id, now, ever, agency])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(LateClock {
        id: r.get(7)?,
        stage: parse_stage(r.get_ref(0)?.as_str()?)?,
        round: r.get(1)?,
        agency: r.get(2)?,
        due_at: r.get(3)?,
        open: r.get(4)?,
        reminded_at: r.get(5)?,
        stopped_at: r.get(6)?,
        rule: parse_rule(r.get_ref(8)?.as_str()?)?,
    }))
}

/// Open duty clocks (not return windows) due before `before`, optionally of one agency or
/// of urgent reports only: urgent reports first (docs/rules.md §3: "listed first
/// everywhere"), then grouped by agency (the portal's own clocks, with no agency, first),
/// each group by earliest deadline (`list --due`), each with the rule its deadline was
/// counted by. Handed to `each` one at a time: a backlog makes them hundreds of thousands.
pub fn for_each_due_before(
    conn: &Connection,
    before: &str,
    agency: Option<&str>,
    urgent_only: bool,
    mut each: impl FnMut(Pending, Rule) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.report_id, r.external_id, r.urgent, c.stage, c.round,
                c.agency, a.name, c.due_at, c.reminded_soon, c.reminded_overdue, c.rule, c.reminded_at_once
           FROM clocks c
           JOIN reports r ON r.id = c.report_id
           LEFT JOIN agencies a ON a.code = c.agency
          WHERE c.stopped_at IS NULL AND c.stage <> 'return' AND c.due_at < ?1
            AND (?2 IS NULL OR c.agency = ?2)
            AND (?3 = 0 OR r.urgent = 1)
          ORDER BY r.urgent DESC, c.agency IS NOT NULL, c.agency, c.due_at, c.id",
    )?;
    let mut rows = stmt.query(params![before, agency, i64::from(urgent_only)])?;
    while let Some(r) = rows.next()? {
        each(pending(r)?, parse_rule(r.get_ref(11)?.as_str()?)?)?;
    }
    Ok(())
}

/// A report's processing rounds, in order: the agency that held each and whether a
/// return stopped it (`domain::clocks::agency_round`).
pub fn processing_rounds(conn: &Connection, report_id: i64) -> Result<Vec<clocks::HeldRound>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.round, c.agency, coalesce(e.action = ?2, 0)
           FROM clocks c LEFT JOIN events e ON e.id = c.stop_event
          WHERE c.report_id = ?1 AND c.stage = 'process'
          ORDER BY c.round, c.id",
    )?;
    let rows = stmt.query_map(params![report_id, EventKind::Return.as_str()], |r| {
        Ok(clocks::HeldRound {
            round: r.get(0)?,
            agency: r.get(1)?,
            returned: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The return windows (Đ8.1.b) of `agency` still open at `now`: how many, and the earliest
/// end. They are no duty (docs/rules.md §3) and stay out of `for_each_due_before`, but a
/// return after one closes is charged as late.
pub fn open_return_windows(
    conn: &Connection,
    agency: &str,
    now: &str,
) -> Result<(u64, Option<String>)> {
    Ok(conn.query_row(
        "SELECT count(*), min(due_at) FROM clocks
          WHERE stopped_at IS NULL AND stage = 'return' AND agency = ?1 AND due_at > ?2",
        params![agency, now],
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
    )?)
}

/// The reports `agency` returned to the portal (Đ8.1.b), latest first, at most `limit`
/// of them with the moment of each return, and how many in all: the clocks a return event
/// stopped name the agency that held the report then.
pub fn returned_by(
    conn: &Connection,
    agency: &str,
    limit: u64,
) -> Result<(Vec<(i64, String)>, u64)> {
    // Each return once, by the event that stopped its clocks: a first-round return stops
    // the return window and the processing round, a return during rework only the round
    // (there is no window then), and counting return windows left those out.
    let from = "FROM clocks c JOIN events e ON e.id = c.stop_event
          WHERE c.agency = ?1 AND e.action = 'return'";
    let total: i64 = conn.query_row(
        &format!("SELECT count(DISTINCT c.stop_event) {from}"),
        [agency],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT c.report_id, e.at {from} GROUP BY c.stop_event ORDER BY e.id DESC LIMIT ?2"
    ))?;
    let latest = stmt
        .query_map(params![agency, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((latest, total as u64))
}

/// The open duty clocks (not return windows) of `agency`'s urgent reports due at or after
/// `end`, earliest first: a `list --due` that stops at `end` leaves them out.
pub fn urgent_due_after(conn: &Connection, agency: &str, end: &str) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT c.report_id, min(c.due_at) FROM clocks c JOIN reports r ON r.id = c.report_id
          WHERE c.stopped_at IS NULL AND c.stage <> 'return' AND c.agency = ?1
            AND r.urgent AND c.due_at >= ?2
          GROUP BY c.report_id ORDER BY min(c.due_at), c.report_id",
    )?;
    let rows = stmt
        .query_map(params![agency, end], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(i64, String)>>>()?;
    Ok(rows)
}

/// A `Pending` from a row whose first thirteen columns are, in order: clock, report id,
/// external id, urgent, stage, round, agency, agency name, due at, the due-soon and overdue
/// marks, the rule and the mark at once (`for_each_due_before` and `due_page` select them
/// so).
fn pending(r: &rusqlite::Row<'_>) -> Result<Pending> {
    Ok(Pending {
        clock: r.get(0)?,
        report_id: r.get(1)?,
        external_id: r.get(2)?,
        urgent: r.get(3)?,
        stage: parse_stage(r.get_ref(4)?.as_str()?)?,
        round: r.get(5)?,
        agency: r.get(6)?,
        agency_name: r.get(7)?,
        due_at: r.get(8)?,
        reminded: [r.get(9)?, r.get(10)?, r.get(12)?],
        rule: parse_rule(r.get_ref(11)?.as_str()?)?,
    })
}

/// An open duty clock the sweep must speak of.
#[derive(Debug, Clone, Serialize)]
pub struct Pending {
    pub clock: i64,
    pub report_id: i64,
    pub external_id: String,
    pub urgent: bool,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub agency_name: Option<String>,
    pub due_at: String,
    /// The reminder events it is marked with, by `Threshold::slot`.
    pub reminded: [Option<i64>; Threshold::COUNT],
    /// How its deadline is counted: how far from it the clock is, is said in the same time.
    pub rule: Rule,
}

impl Pending {
    /// Its reminder mark at `threshold`.
    pub fn mark(&self, threshold: Threshold) -> Option<i64> {
        self.reminded[threshold.slot()]
    }
}

/// The sweep's whole list in one statement: open clocks other than return windows due by
/// `horizon`, and every one of an urgent report still being handled (flagged at once,
/// `Threshold::AtOnce`), urgent reports first, then by due time. `bench/deadlines.sh` times
/// it as the bare SQL behind `sweep`, which reads the same rows a page at a time (the urgent
/// ones, then the others: `due_page`). The statuses are those `Status::is_final` leaves
/// out, written here for the benchmarks' `sqlite3` (a unit test holds them to it).
pub const SWEEP_QUERY: &str = "SELECT c.id, c.report_id, r.external_id, r.urgent, c.stage, c.round,
        c.agency, a.name, c.due_at, c.reminded_soon, c.reminded_overdue, c.rule, c.reminded_at_once
   FROM clocks c
   JOIN reports r ON r.id = c.report_id
   LEFT JOIN agencies a ON a.code = c.agency
  WHERE c.stopped_at IS NULL AND c.stage <> 'return'
    AND (c.due_at <= ?1
         OR (r.urgent = 1
             AND r.status NOT IN ('rejected', 'published', 'closed_private', 'duplicate')))
  ORDER BY r.urgent DESC, c.due_at, c.id";

/// One page of the urgent part of that list: the clocks of urgent reports still being
/// handled (`?5` is the list of the statuses that are not final), however far their
/// deadline (`?1`, the horizon, is the other part's), after the key (`?2` due time, `?3`
/// clock id). Found from the few urgent reports through `reports_by_status`
/// (the CROSS JOIN keeps that order) and sorted, at most `?4` rows at a time.
const SWEEP_URGENT_PAGE: &str =
    "SELECT c.id, c.report_id, r.external_id, r.urgent, c.stage, c.round,
        c.agency, a.name, c.due_at, c.reminded_soon, c.reminded_overdue, c.rule, c.reminded_at_once
   FROM reports r
  CROSS JOIN clocks c ON c.report_id = r.id
   LEFT JOIN agencies a ON a.code = c.agency
  WHERE r.urgent = 1 AND r.status IN (SELECT value FROM json_each(?5))
    AND c.stopped_at IS NULL AND c.stage <> 'return'
    AND (c.due_at, c.id) > (?2, ?3)
  ORDER BY c.due_at, c.id
  LIMIT ?4";

/// One page of the rest of the list, after the key: in the order of the partial index
/// `clocks_open_by_due` (due time, then id), so nothing is sorted and each page starts
/// where the last ended. The clocks the urgent pages list come too, flagged (the last
/// column), for `due_page` to set aside: the sweep checks that the urgent pages met each.
const SWEEP_OTHERS_PAGE: &str =
    "SELECT c.id, c.report_id, r.external_id, r.urgent, c.stage, c.round,
        c.agency, a.name, c.due_at, c.reminded_soon, c.reminded_overdue, c.rule, c.reminded_at_once,
        r.urgent = 1 AND r.status IN (SELECT value FROM json_each(?5))
   FROM clocks c
   JOIN reports r ON r.id = c.report_id
   LEFT JOIN agencies a ON a.code = c.agency
  WHERE c.stopped_at IS NULL AND c.due_at <= ?1 AND c.stage <> 'return'
    AND (c.due_at, c.id) > (?2, ?3)
  ORDER BY c.due_at, c.id
  LIMIT ?4";

/// The statuses that are not final, as a JSON array for `json_each`.
fn open_statuses() -> String {
    let open: Vec<&str> = Status::ALL
        .iter()
        .filter(|s| !s.is_final())
        .map(|s| s.as_str())
        .collect();
    serde_json::to_string(&open).expect("strings serialise")
}

/// Where the next page of the sweep's list starts: urgent reports first, then the others,
/// each by due time and clock id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepKey {
    pub urgent: bool,
    pub due_at: String,
    pub clock: i64,
}

impl SweepKey {
    /// The start of the list.
    pub fn first() -> SweepKey {
        SweepKey {
            urgent: true,
            due_at: String::new(),
            clock: 0,
        }
    }
}

/// How many clocks the sweep will list (for its progress bar): an index range, and the
/// few urgent reports' clocks due after it, found as the list finds them.
pub fn count_due_by(conn: &Connection, horizon: &Timestamp) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM clocks
                  WHERE stopped_at IS NULL AND due_at <= ?1 AND stage <> 'return')
              + (SELECT count(*) FROM reports r CROSS JOIN clocks c ON c.report_id = r.id
                  WHERE r.urgent = 1 AND r.status IN (SELECT value FROM json_each(?2))
                    AND c.stopped_at IS NULL AND c.stage <> 'return' AND c.due_at > ?1)",
        params![time::format(horizon), open_statuses()],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// A clock a page of the sweep's list set aside: (clock, report, stage).
pub type SetAside = (i64, i64, Stage);

/// A page of the sweep's list (`due_page`).
#[derive(Debug, Default)]
pub struct DuePage {
    pub rows: Vec<Pending>,
    /// The key of the page after these rows; None at the end of the list.
    pub next: Option<SweepKey>,
    /// The clocks of urgent reports still being handled that the others' part of the list
    /// read and left to the urgent part, as (clock, report, stage). That part finds them
    /// through their reports in `reports_by_status`, and an index rebuilt with `sqlite3` to
    /// leave a report out hid its clocks from the sweep: the caller checks it met each.
    pub passed: Vec<SetAside>,
}

/// Up to `limit` clocks of the sweep's list from `key` on, with the key of the page after
/// them. Memory is one page, whatever the list's length.
pub fn due_page(
    conn: &Connection,
    horizon: &Timestamp,
    key: &SweepKey,
    limit: usize,
) -> Result<DuePage> {
    let horizon = time::format(horizon);
    let open = open_statuses();
    let mut page = DuePage {
        rows: Vec::with_capacity(limit.min(1024)),
        ..DuePage::default()
    };
    let mut key = key.clone();
    loop {
        let mut stmt = conn.prepare_cached(if key.urgent {
            SWEEP_URGENT_PAGE
        } else {
            SWEEP_OTHERS_PAGE
        })?;
        let wanted = limit - page.rows.len();
        let mut rows = stmt.query(params![horizon, key.due_at, key.clock, wanted as i64, open,])?;
        let mut read = 0;
        while let Some(r) = rows.next()? {
            read += 1;
            let pending = pending(r)?;
            key.due_at.clone_from(&pending.due_at);
            key.clock = pending.clock;
            if !key.urgent && r.get::<_, bool>(13)? {
                page.passed
                    .push((pending.clock, pending.report_id, pending.stage));
            } else {
                page.rows.push(pending);
            }
        }
        if page.rows.len() == limit {
            page.next = Some(key);
            return Ok(page);
        }
        // Rows set aside filled the query's limit: more of this kind may follow.
        if read == wanted {
            continue;
        }
        // This kind of report is done: the other reports follow, from the start.
        if key.urgent {
            key = SweepKey {
                urgent: false,
                ..SweepKey::first()
            };
            continue;
        }
        return Ok(page);
    }
}

/// What the log says of the agency of clock (`report_id`, `stage`, `round`): its id, the
/// agency its row names, the report its start event is about and the agency of the
/// report's last assignment up to that event (`domain::clocks::agency_fault` compares
/// them). None when there is no such clock.
pub type AgencyFacts = (i64, Option<String>, Option<i64>, Option<String>);

/// [`AgencyFacts`] of one clock: a lookup by its key and one step back through
/// `events_by_report`. For the few clocks the sweep's breach notice names.
pub fn agency_facts(
    conn: &Connection,
    report_id: i64,
    stage: Stage,
    round: i64,
) -> Result<Option<AgencyFacts>> {
    Ok(conn
        .prepare_cached(concat!(
            "SELECT c.id, c.agency, es.report_id, ",
            assigned_at_start!(),
            "
               FROM clocks c
               LEFT JOIN events es ON es.id = c.start_event
              WHERE c.report_id = ?1 AND c.stage = ?2 AND c.round = ?3"
        ))?
        .query_row(params![report_id, stage.as_str(), round], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// Whether the sweep's own reads would meet open duty clock `clock` now, when it is one:
/// its list read up to the clock's deadline (`due_page`'s queries, from just before it),
/// and `clocks_open_by_due`, which the list and `for_each_not_yet_due` read. None when they do, or
/// when the clock is stopped, gone or a return window; else its report, stage and
/// deadline. For a clock the sweep did not meet: an index rebuilt with `sqlite3` and
/// given its old text back reads as the tool's and can leave rows out, which only `audit
/// verify`'s integrity check finds. One clock's lookups, exact in the caller's snapshot.
pub fn unmet(conn: &Connection, clock: i64) -> Result<Option<(i64, Stage, String)>> {
    let row: Option<(i64, String, String)> = conn
        .prepare_cached(
            "SELECT report_id, stage, due_at FROM clocks
              WHERE id = ?1 AND stopped_at IS NULL AND stage <> 'return'",
        )?
        .query_row([clock], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((report_id, stage, due_at)) = row else {
        return Ok(None);
    };
    let stage = parse_stage(&stage)?;
    let open = open_statuses();
    let mut listed = false;
    for query in [SWEEP_URGENT_PAGE, SWEEP_OTHERS_PAGE] {
        let mut stmt = conn.prepare_cached(query)?;
        let mut rows = stmt.query(params![due_at, due_at, clock - 1, 1, open])?;
        if let Some(r) = rows.next()?
            && r.get::<_, i64>(0)? == clock
        {
            listed = query == SWEEP_URGENT_PAGE || !r.get::<_, bool>(13)?;
        }
        if listed {
            break;
        }
    }
    let indexed = open_indexed(conn, &due_at, clock)?;
    Ok((!(listed && indexed)).then_some((report_id, stage, due_at)))
}

/// Whether `clocks_open_by_due` holds open clock `clock`, due `due_at`: one lookup in it.
fn open_indexed(conn: &Connection, due_at: &str, clock: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) > 0 FROM clocks INDEXED BY clocks_open_by_due
              WHERE stopped_at IS NULL AND due_at = ?1 AND id = ?2",
        )?
        .query_row(params![due_at, clock], |r| r.get(0))?)
}

/// Open clock `clock`'s deadline when `clocks_open_by_due` does not hold it (None: it does,
/// or the clock is stopped or gone). For a clock the open-deadline pass, which reads the open
/// clocks through that index (`for_each_open_duty`), did not meet: an index rebuilt with
/// `sqlite3` and given its old text back reads as the tool's. Two lookups by key.
pub fn unindexed(conn: &Connection, clock: i64) -> Result<Option<String>> {
    let due_at: Option<String> = conn
        .prepare_cached("SELECT due_at FROM clocks WHERE id = ?1 AND stopped_at IS NULL")?
        .query_row([clock], |r| r.get(0))
        .optional()?;
    let Some(due_at) = due_at else {
        return Ok(None);
    };
    Ok((!open_indexed(conn, &due_at, clock)?).then_some(due_at))
}

/// An open duty clock due after the sweep's moment, with what the log says of its start,
/// for the sweep to check its deadline (`domain::clocks::unlogged_deadline`).
#[derive(Debug, Clone)]
pub struct NotYetDue {
    pub clock: i64,
    pub report_id: i64,
    pub stage: Stage,
    pub due_at: String,
    pub calendar_version: String,
    /// The report, action and time of the event the row names as its start.
    pub start: Option<(Option<i64>, String, String)>,
    pub submitted_at: Option<String>,
    /// The kind of time its row counts the deadline in, as stored.
    pub rule: String,
}

/// What the pass over every open duty clock (`for_each_open_duty`) reads besides its
/// deadline, to judge its step and its agency; the sweep's read of the clocks not yet due
/// needs none of it, and its agency costs a step back through the report's events a clock.
#[derive(Debug, Clone)]
pub struct DutyFacts {
    /// Its report's status (None: no such report).
    pub status: Option<String>,
    /// The agency its row names.
    pub agency: Option<String>,
    /// For a stage an agency holds: the agency of its report's last assignment up to the
    /// event its row names as its start, as the log has it
    /// (`domain::clocks::agency_fault`).
    pub assigned: Option<String>,
}

impl NotYetDue {
    /// The row as the domain judges its deadline (`domain::clocks::unlogged_deadline`).
    pub fn judged(&self) -> crate::domain::clocks::OpenRow<'_> {
        crate::domain::clocks::OpenRow {
            report_id: self.report_id,
            stage: self.stage,
            due_at: &self.due_at,
            start: self
                .start
                .as_ref()
                .map(|(report, action, at)| (*report, action.as_str(), at.as_str())),
            submitted_at: self.submitted_at.as_deref(),
            rule: deadline::Rule::parse(&self.rule),
        }
    }
}

/// The open duty clocks due after `now` (stored form), handed to `each` one at a time: the
/// clocks the sweep does not list, read through `clocks_open_by_due` from `now` on, each with
/// its start event and its report's submission time. Few on a quiet day (the clocks started
/// within their limit of now), but a change of settings or calendar that moves deadlines
/// later makes most open clocks so: 109,169 of them held in one list took a sweep to 75 MB.
pub fn for_each_not_yet_due(
    conn: &Connection,
    now: &str,
    mut each: impl FnMut(NotYetDue) -> Result<()>,
) -> Result<()> {
    open_duty_each(conn, NOT_YET_DUE, [now], &mut |r| each(not_yet_due(r)?))
}

/// Every open duty clock, as `for_each_not_yet_due` reads them, with its [`DutyFacts`],
/// handed to `each` one at a time: the deadlines the exports print as each open report's
/// expected time. As many as the reports still open, which a backlog makes hundreds of
/// thousands: held in one list, 190,000 of them took an export past 85 MB. In the table's
/// order (`OPEN_DUTY_BY_ID`).
pub fn for_each_open_duty(
    conn: &Connection,
    mut each: impl FnMut(NotYetDue, DutyFacts) -> Result<()>,
) -> Result<()> {
    open_duty_each(conn, OPEN_DUTY_BY_ID, [], &mut |r| {
        let facts = DutyFacts {
            status: r.get(11)?,
            agency: r.get(12)?,
            assigned: r.get(13)?,
        };
        each(not_yet_due(r)?, facts)
    })
}

/// Open duty clock `clock`, as [`for_each_not_yet_due`] reads it; None when it is stopped,
/// gone or a return window.
pub fn open_duty(conn: &Connection, clock: i64) -> Result<Option<NotYetDue>> {
    let mut found = None;
    let sql = format!("{OPEN_DUTY} AND c.id = ?1");
    open_duty_each(conn, &sql, [clock], &mut |r| {
        found = Some(not_yet_due(r)?);
        Ok(())
    })?;
    Ok(found)
}

/// The open duty clocks found through `$clocks` (which names them `c`), each with its start
/// event and its report's submission time, then the columns `$more` adds: the columns
/// [`not_yet_due`] reads, written once for both ways of finding the clocks.
macro_rules! open_duty_from {
    ($clocks:literal $(, $more:expr)?) => {
        concat!(
            "SELECT c.id, c.report_id, c.stage, c.due_at, c.calendar_version,
                    e.id, e.report_id, e.action, e.at, r.submitted_at, c.rule",
            $($more,)?
            "
               FROM ",
            $clocks,
            "
               LEFT JOIN events e ON e.id = c.start_event
               LEFT JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage <> 'return'"
        )
    };
}

const OPEN_DUTY: &str = open_duty_from!("clocks c");

/// [`OPEN_DUTY`] due after `?1`: the sweep's read (`for_each_not_yet_due`).
const NOT_YET_DUE: &str = concat!(open_duty_from!("clocks c"), " AND c.due_at > ?1");

/// [`OPEN_DUTY`]'s rows, all of them, by clock id. Clocks, their start events and their
/// reports are written together, so this order reads the three tables forwards, a page
/// once; read in due order (through `clocks_open_by_due` alone, as `for_each_not_yet_due` reads a
/// range of them), each start event and report was a page read at random: 190,000 open
/// clocks took 2.5 s where this takes 0.3 s (`sqlite3`, 16 KB pages, 2 MB cache). The open
/// clocks' ids come from the partial index of open clocks, sorted (by SQLite's sorter, which
/// spills to a temporary file past its cache): a scan of the whole table would cost as much
/// as every clock ever stopped. `+id` keeps the planner from taking the table's own order,
/// which reads every row; `LIMIT -1` keeps it from dropping the subquery's order.
/// Its rows add the [`DutyFacts`].
const OPEN_DUTY_BY_ID: &str = open_duty_from!(
    "(SELECT id FROM clocks WHERE stopped_at IS NULL ORDER BY +id LIMIT -1) o
     CROSS JOIN clocks c ON c.id = o.id",
    concat!(
        ", r.status, c.agency, CASE WHEN c.stage IN ('return', 'process') THEN ",
        assigned_at_start!(),
        " END"
    )
);

/// Reads `sql`, whose columns start with [`OPEN_DUTY`]'s, to `each` a row at a time.
fn open_duty_each<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    each: &mut dyn FnMut(&rusqlite::Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

/// A row of [`OPEN_DUTY`]'s columns.
fn not_yet_due(r: &rusqlite::Row<'_>) -> Result<NotYetDue> {
    let start = match r.get::<_, Option<i64>>(5)? {
        Some(_) => Some((r.get(6)?, r.get(7)?, r.get(8)?)),
        None => None,
    };
    Ok(NotYetDue {
        clock: r.get(0)?,
        report_id: r.get(1)?,
        stage: parse_stage(r.get_ref(2)?.as_str()?)?,
        due_at: r.get(3)?,
        calendar_version: r.get(4)?,
        start,
        submitted_at: r.get(9)?,
        rule: r.get(10)?,
    })
}

/// The reports in `status` handed to `each` one at a time: read from `reports_by_status`
/// alone, without the rows, so that a pass over every open report of a backlog holds none
/// of them.
pub fn for_each_in(conn: &Connection, status: Status, mut each: impl FnMut(i64)) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id FROM reports WHERE status = ?1")?;
    let mut rows = stmt.query([status.as_str()])?;
    while let Some(r) = rows.next()? {
        each(r.get(0)?);
    }
    Ok(())
}

/// A report's status (None: no such report) and its clocks of one stage, latest round
/// first, each as (id, whether open).
pub type Duty = (Option<String>, Vec<(i64, bool)>);

/// Report `report_id`'s status and its clocks of `stage`, in one snapshot: for the sweep and
/// the open-deadline pass (`app::deadlines::judge_open`), about a report they found no open
/// duty clock of, more than one, or one whose status keeps no clock of `stage` open.
pub fn duty_of(conn: &Connection, report_id: i64, stage: Stage) -> Result<Duty> {
    let status = conn
        .prepare_cached("SELECT status FROM reports WHERE id = ?1")?
        .query_row([report_id], |r| r.get(0))
        .optional()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, stopped_at IS NULL FROM clocks
          WHERE report_id = ?1 AND stage = ?2 ORDER BY round DESC",
    )?;
    let clocks = stmt
        .query_map(params![report_id, stage.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((status, clocks))
}

/// Clears the sweep's marks a recompute took back: an overdue mark on an open clock now due
/// after `now`, a due-soon mark on one now due after `horizon` (stored forms). Returns the
/// marks cleared, as (clock, overdue), in clock order, for the step's event to seal: the
/// next sweep reminds of those clocks again when they come due.
pub fn clear_marks_not_holding(
    conn: &Connection,
    now: &str,
    horizon: &str,
) -> Result<Vec<(i64, bool)>> {
    let mut cleared = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, reminded_overdue IS NOT NULL AND due_at > ?1,
                reminded_soon IS NOT NULL AND due_at > ?2
           FROM clocks
          WHERE stopped_at IS NULL
            AND ((reminded_overdue IS NOT NULL AND due_at > ?1)
                 OR (reminded_soon IS NOT NULL AND due_at > ?2))
          ORDER BY id",
    )?;
    let rows = stmt.query_map([now, horizon], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    for row in rows {
        let (clock, overdue, soon) = row?;
        if soon {
            conn.execute(
                "UPDATE clocks SET reminded_soon = NULL WHERE id = ?1",
                [clock],
            )?;
            cleared.push((clock, false));
        }
        if overdue {
            conn.execute(
                "UPDATE clocks SET reminded_overdue = NULL WHERE id = ?1",
                [clock],
            )?;
            cleared.push((clock, true));
        }
    }
    Ok(cleared)
}

/// Records that the sweep reminded about `clock` at `threshold`.
pub fn mark_reminded(
    conn: &Connection,
    clock: i64,
    threshold: Threshold,
    event: i64,
) -> Result<()> {
    let sql = match threshold {
        Threshold::Overdue => "UPDATE clocks SET reminded_overdue = ?2 WHERE id = ?1",
        Threshold::DueSoon => "UPDATE clocks SET reminded_soon = ?2 WHERE id = ?1",
        Threshold::AtOnce => "UPDATE clocks SET reminded_at_once = ?2 WHERE id = ?1",
    };
    conn.prepare_cached(sql)?.execute(params![clock, event])?;
    Ok(())
}

/// One report as `audit verify` replays its clocks: its submission time, its steps in log
/// order, and its clocks as stored in (stage, round) order.
pub struct History {
    pub report_id: i64,
    /// None when the stored time cannot be read.
    pub submitted: Option<Timestamp>,
    pub steps: Vec<ReplayStep>,
    pub clocks: Vec<StoredClock>,
}

/// A step as stored: its kind is None for a name no version of phananh wrote, and its time
/// None when unreadable.
pub struct ReplayStep {
    pub event: i64,
    pub kind: Option<EventKind>,
    pub at: Option<Timestamp>,
    pub assigned: Option<String>,
    /// A reminder's sealed payload (the clock and threshold it names), for `audit verify`
    /// to check the clocks' marks a report at a time.
    pub reminder: Option<String>,
}

/// Streams every report that has events or clocks, in id order, with its steps and its
/// clocks, to `visit`, which returns false to stop. Three ordered scans merged by report
/// (events and clocks through their by-report indexes), so memory holds one report at a
/// time.
pub fn for_each_history(
    conn: &Connection,
    visit: impl FnMut(History) -> Result<bool>,
) -> Result<()> {
    histories(conn, None, visit)
}

/// The history of report `report_id` alone, as `for_each_history` reads each (None when it
/// has neither events nor clocks): for `show`, which judges one report's clocks.
pub fn history_of(conn: &Connection, report_id: i64) -> Result<Option<History>> {
    let mut found = None;
    histories(conn, Some(report_id), |history| {
        found = Some(history);
        Ok(false)
    })?;
    Ok(found)
}

fn histories(
    conn: &Connection,
    only: Option<i64>,
    mut visit: impl FnMut(History) -> Result<bool>,
) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Assigned {
        agency: Option<String>,
    }
    // One report's rows through the same by-report indexes, seeked rather than scanned.
    let (of_one, id_of_one) = match only {
        Some(_) => ("AND id = ?1", "AND report_id = ?1"),
        None => ("", ""),
    };
    let only = || rusqlite::params_from_iter(only);
    let mut reports = conn.prepare(&format!(
        "SELECT id, submitted_at FROM reports WHERE 1 {of_one} ORDER BY id"
    ))?;
    let mut reports = reports
        .query_map(only(), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                time::canonical(r.get_ref(1)?.as_str()?),
            ))
        })?
        .peekable();
    let mut events = conn.prepare(&format!(
        "SELECT report_id, id, action, at,
                CASE WHEN action IN ('assign', 'remind') THEN payload END
           FROM events WHERE report_id IS NOT NULL {id_of_one} ORDER BY report_id, id"
    ))?;
    let mut events = events
        .query_map(only(), |r| {
            let kind = EventKind::parse(r.get_ref(2)?.as_str()?);
            let payload: Option<String> = r.get(4)?;
            let (assigned, reminder) = match kind {
                Some(EventKind::Assign) => (
                    payload
                        .and_then(|p| serde_json::from_str::<Assigned>(&p).ok())
                        .and_then(|a| a.agency),
                    None,
                ),
                Some(EventKind::Remind) => (None, payload),
                _ => (None, None),
            };
            Ok((
                r.get::<_, i64>(0)?,
                ReplayStep {
                    event: r.get(1)?,
                    kind,
                    at: time::stored(r.get_ref(3)?.as_str()?),
                    assigned,
                    reminder,
                },
            ))
        })?
        .peekable();
    let mut clocks = conn.prepare(&format!(
        "SELECT report_id, id, stage, round, agency, started_at, rule, limit_seconds, due_at,
                calendar_version, start_event, stopped_at, stop_event, breached,
                reminded_soon, reminded_overdue, reminded_at_once
           FROM clocks WHERE 1 {id_of_one} ORDER BY report_id, stage, round"
    ))?;
    let mut clocks = clocks
        .query_map(only(), |r| {
            let stopped: Option<String> = r.get(11)?;
            let stopped_at = stopped.as_deref().and_then(time::canonical);
            Ok((
                r.get::<_, i64>(0)?,
                StoredClock {
                    id: r.get(1)?,
                    stage: Stage::parse(r.get_ref(2)?.as_str()?).unwrap_or(Stage::Dispatch),
                    round: r.get(3)?,
                    agency: r.get(4)?,
                    started_at: time::canonical(r.get_ref(5)?.as_str()?),
                    rule: deadline::Rule::parse(r.get_ref(6)?.as_str()?),
                    limit_seconds: r.get(7)?,
                    due_at: time::canonical(r.get_ref(8)?.as_str()?),
                    calendar_version: r.get(9)?,
                    start_event: r.get(10)?,
                    stopped_unreadable: stopped.is_some() && stopped_at.is_none(),
                    stopped_at,
                    stop_event: r.get(12)?,
                    breached: r.get(13)?,
                    reminded: [r.get(14)?, r.get(15)?, r.get(16)?],
                },
            ))
        })?
        .peekable();
    loop {
        let next = [
            reports.peek().map(|r| r.as_ref().map_or(i64::MIN, |r| r.0)),
            events.peek().map(|e| e.as_ref().map_or(i64::MIN, |e| e.0)),
            clocks.peek().map(|c| c.as_ref().map_or(i64::MIN, |c| c.0)),
        ];
        let Some(report_id) = next.into_iter().flatten().min() else {
            return Ok(());
        };
        let mut history = History {
            report_id,
            submitted: None,
            steps: Vec::new(),
            clocks: Vec::new(),
        };
        if next[0] == Some(report_id) {
            history.submitted = reports.next().transpose()?.and_then(|r| r.1);
        }
        // An error is taken with the report at hand, to be returned.
        let of_report = |id: Option<i64>| id.is_none_or(|id| id == report_id);
        while events
            .peek()
            .is_some_and(|e| of_report(e.as_ref().ok().map(|e| e.0)))
        {
            history
                .steps
                .push(events.next().transpose()?.expect("peeked").1);
        }
        while clocks
            .peek()
            .is_some_and(|c| of_report(c.as_ref().ok().map(|c| c.0)))
        {
            history
                .clocks
                .push(clocks.next().transpose()?.expect("peeked").1);
        }
        // The index orders stages by name; the check walks them in the domain's order.
        history.clocks.sort_by_key(|c| (c.stage, c.round));
        if !visit(history)? {
            return Ok(());
        }
    }
}

fn parse_stage(text: &str) -> Result<Stage> {
    Stage::parse(text).with_context(|| format!("unknown stage {text} in the clocks table"))
}

fn parse_rule(text: &str) -> Result<Rule> {
    Rule::parse(text).with_context(|| format!("unknown rule {text} in the clocks table"))
}

/// A stored time, or an error naming it (the clocks table or the log was edited).
pub fn parse_time(text: &str) -> Result<Timestamp> {
    time::stored(text).with_context(|| format!("unreadable stored time \"{text}\""))
}

/// The operator's calendar lines, oldest date first.
pub fn calendar_days(conn: &Connection) -> Result<Vec<ScheduledDay>> {
    calendar_days_on(conn, None)
}

/// Every line, or the one of `date`.
fn calendar_days_on(
    conn: &Connection,
    date: Option<chrono::NaiveDate>,
) -> Result<Vec<ScheduledDay>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, entry, name, source FROM calendar_days
          WHERE ?1 IS NULL OR date = ?1 ORDER BY date",
    )?;
    let rows = stmt.query_map([date.map(|d| d.to_string())], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (date, entry, name, source) = row?;
        Ok(ScheduledDay {
            date: time::parse_date(&date)
                .with_context(|| format!("unreadable date {date} in calendar_days"))?,
            entry: Entry::parse(&entry)
                .with_context(|| format!("unknown entry {entry} in calendar_days"))?,
            name,
            source,
        })
    })
    .collect()
}

/// Sets the operator's line for a date (replacing an earlier one); returns the one replaced.
pub fn put_calendar_day(conn: &Connection, day: &ScheduledDay) -> Result<Option<ScheduledDay>> {
    let before = calendar_day(conn, day.date)?;
    conn.execute(
        "INSERT INTO calendar_days (date, entry, name, source) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (date) DO UPDATE SET entry = excluded.entry, name = excluded.name,
                                          source = excluded.source",
        params![
            day.date.to_string(),
            day.entry.as_str(),
            day.name,
            day.source
        ],
    )?;
    Ok(before)
}

/// Removes the operator's line for a date; returns it if there was one.
pub fn remove_calendar_day(
    conn: &Connection,
    date: chrono::NaiveDate,
) -> Result<Option<ScheduledDay>> {
    let before = calendar_day(conn, date)?;
    conn.execute(
        "DELETE FROM calendar_days WHERE date = ?1",
        [date.to_string()],
    )?;
    Ok(before)
}

fn calendar_day(conn: &Connection, date: chrono::NaiveDate) -> Result<Option<ScheduledDay>> {
    Ok(calendar_days_on(conn, Some(date))?.pop())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reports 1..=n, every third urgent, each with an open clock per stage; due times repeat
    /// (five distinct ones) so that pages break inside runs of equal due times.
    fn world(n: i64) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        for id in 1..=n {
            conn.execute(
                "INSERT INTO reports (id, external_id, submitted_at, urgent)
                 VALUES (?1, 'R' || ?1, '2026-10-01T08:00:00+07:00', ?2)",
                params![id, id % 3 == 0],
            )
            .unwrap();
            for (round, stage) in ["dispatch", "return", "process", "publish"]
                .into_iter()
                .enumerate()
            {
                conn.execute(
                    "INSERT INTO clocks (report_id, stage, round, started_at, rule, limit_seconds,
                                         due_at, calendar_version)
                     VALUES (?1, ?2, ?3, '2026-10-01T08:00:00+07:00', 'clock_hours', 3600,
                             '2026-10-0' || (1 + (?1 * 7 + ?3) % 5) || 'T09:00:00+07:00', 'v')",
                    params![id, stage, round as i64 + 1],
                )
                .unwrap();
            }
        }
        // Stopped clocks and clocks due after the horizon are not listed.
        conn.execute_batch(
            "UPDATE clocks SET stopped_at = started_at, breached = 0 WHERE id % 7 = 0;
             UPDATE clocks SET due_at = '2026-11-01T09:00:00+07:00' WHERE id % 11 = 0;",
        )
        .unwrap();
        conn
    }

    /// The steps of SQLite's plan for `sql`, each parameter bound to its number (a plan
    /// does not depend on the values).
    fn query_plan(conn: &Connection, sql: &str) -> Vec<String> {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let bound: Vec<i64> = (1..=stmt.parameter_count() as i64).collect();
        stmt.query_map(rusqlite::params_from_iter(bound), |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// The pass over every open duty clock reads them by id, so that their start events and
    /// reports are read forwards: in due order, each was a page read at random.
    #[test]
    fn every_open_duty_clock_is_read_once_by_id() {
        let conn = world(40);
        let mut read = Vec::new();
        for_each_open_duty(&conn, |row, _| {
            read.push(row.clock);
            Ok(())
        })
        .unwrap();
        let open: Vec<i64> = conn
            .prepare(
                "SELECT id FROM clocks WHERE stopped_at IS NULL AND stage <> 'return' ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(open.len() > 80, "{open:?}");
        assert_eq!(read, open);
    }

    /// That pass finds the open clocks through the partial index of open clocks and sorts
    /// their ids; it never scans the table, whose stopped clocks grow with every year kept.
    #[test]
    fn every_open_duty_clock_is_found_through_the_index_of_open_clocks() {
        let plan = query_plan(&world(3), OPEN_DUTY_BY_ID);
        let on_clocks: Vec<&String> = plan
            .iter()
            .filter(|step| step.starts_with("SCAN clocks") || step.starts_with("SCAN c"))
            .collect();
        assert!(
            !on_clocks.is_empty() && on_clocks.iter().all(|step| step.contains(" USING INDEX ")),
            "{plan:#?}"
        );
        assert!(
            plan.iter()
                .any(|step| step == "USE TEMP B-TREE FOR ORDER BY"),
            "{plan:#?}"
        );
    }

    /// The sweep's read of the clocks not yet due reads of each clock its start event and
    /// its report, and no more: the agency of the report's last assignment, a step back
    /// through its events a clock, is for the pass over every open clock (`DutyFacts`).
    #[test]
    fn the_sweeps_read_of_clocks_not_yet_due_looks_up_no_assignment() {
        let conn = world(3);
        let plan = query_plan(&conn, NOT_YET_DUE);
        assert!(
            plan.iter().all(|step| !step.contains("SUBQUERY")),
            "{plan:#?}"
        );
        let mut read = Vec::new();
        for_each_not_yet_due(&conn, "2026-10-01T00:00:00+07:00", |row| {
            read.push(row.clock);
            Ok(())
        })
        .unwrap();
        let mut open = Vec::new();
        for_each_open_duty(&conn, |row, _| {
            open.push(row.clock);
            Ok(())
        })
        .unwrap();
        read.sort_unstable();
        assert!(!read.is_empty() && read == open, "{read:?} {open:?}");
    }

    /// Every return and reply reads the clocks it stopped late through the index on the
    /// report's clocks: with no index on `stop_event`, a search by the event alone scanned
    /// every clock ever started, the whole table's years, at each step.
    #[test]
    fn the_clocks_a_step_stopped_late_are_found_through_the_reports_index() {
        let plan = query_plan(&world(3), &stopped_late_by_sql());
        assert!(
            plan.iter().all(|step| !step.starts_with("SCAN clocks")),
            "{plan:#?}"
        );
    }

    mod replayed {
        use super::super::*;
        use crate::domain::audit::{InForce, check_clocks};
        use crate::domain::clocks::{Step, effects_of_event, replay};
        use proptest::prelude::*;

        const KINDS: [EventKind; 11] = [
            EventKind::Accept,
            EventKind::Reject,
            EventKind::Assign,
            EventKind::Answer,
            EventKind::Return,
            EventKind::Reply,
            EventKind::VerifySendBack,
            EventKind::Publish,
            EventKind::Duplicate,
            EventKind::Remind,
            EventKind::Rate,
        ];

        proptest! {
            /// What `audit verify` replays from a report's log is what the keeper wrote as
            /// the steps happened: any sequence of steps (sensible or not), at any times.
            #[test]
            fn the_replay_of_a_log_finds_the_clocks_the_keeper_wrote(
                steps in proptest::collection::vec((0..KINDS.len(), 0..2usize, 1..5000i64), 0..12),
                start in 0..20_000i64,
            ) {
                let calendar = Calendar::shipped();
                let policy = Policy::default();
                let conn = Connection::open_in_memory().unwrap();
                let mut conn = conn;
                crate::storage::migrations::migrate(&mut conn).unwrap();
                conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
                let submitted = time::stored("2026-10-01T06:00:00+07:00").unwrap()
                    + chrono::Duration::minutes(start);
                conn.execute(
                    "INSERT INTO reports (id, external_id, submitted_at) VALUES (1, 'x', ?1)",
                    [time::format(&submitted)],
                )
                .unwrap();
                let mut keeper = Keeper::new(&conn, &calendar, &policy).unwrap();
                let mut log = vec![Step {
                    event: 1,
                    kind: EventKind::Ingest,
                    at: submitted + chrono::Duration::minutes(3),
                    assigned: None,
                }];
                for (i, (kind, agency, minutes)) in steps.into_iter().enumerate() {
                    let at = log.last().unwrap().at + chrono::Duration::minutes(minutes);
                    let kind = KINDS[kind];
                    let assigned = (kind == EventKind::Assign).then(|| ["SXD", "PCCM"][agency].to_owned());
                    log.push(Step { event: i as i64 + 2, kind, at, assigned });
                }
                let mut agency: Option<String> = None;
                for step in &log {
                    if step.assigned.is_some() {
                        agency.clone_from(&step.assigned);
                    }
                    let effects = effects_of_event(step.kind, agency.as_deref());
                    let start = if step.kind == EventKind::Ingest { submitted } else { step.at };
                    keeper.apply(1, &effects, step.kind, &step.at, &start, step.event).unwrap();
                }
                drop(keeper);
                let mut stored = Vec::new();
                for_each_history(&conn, |h| {
                    stored = h.clocks;
                    Ok(true)
                })
                .unwrap();
                let now = InForce { calendar: &calendar, policy: &policy };
                prop_assert_eq!(check_clocks(1, &replay(&submitted, &log), &stored, &now, &[], &Default::default()), Ok(()));
            }
        }
    }

    /// Each urgent report's clock the others' part of the list reads is set aside once, and
    /// the list's own queries find every open duty clock of an untouched file, many sharing
    /// one deadline: `unmet` names none.
    #[test]
    fn the_sweep_sets_aside_the_urgent_clocks_and_meets_every_open_one() {
        let conn = world(40);
        conn.execute(
            "UPDATE reports SET status = 'published' WHERE id % 9 = 0",
            [],
        )
        .unwrap();
        let horizon = time::stored("2026-10-20T00:00:00+07:00").unwrap();
        let ids = |sql: &str| -> Vec<i64> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let mut urgent = ids(
            "SELECT c.id FROM clocks c JOIN reports r ON r.id = c.report_id
              WHERE c.stopped_at IS NULL AND c.stage <> 'return'
                AND c.due_at <= '2026-10-20T00:00:00+07:00'
                AND r.urgent = 1 AND r.status <> 'published'",
        );
        assert!(urgent.len() > 10, "{}", urgent.len());
        let mut passed = Vec::new();
        let mut key = Some(SweepKey::first());
        while let Some(from) = key.take() {
            let page = due_page(&conn, &horizon, &from, 4).unwrap();
            passed.extend(page.passed.iter().map(|&(clock, _, _)| clock));
            key = page.next;
        }
        passed.sort_unstable();
        urgent.sort_unstable();
        assert_eq!(passed, urgent);
        for clock in ids("SELECT id FROM clocks WHERE stopped_at IS NULL AND stage <> 'return'") {
            assert_eq!(unmet(&conn, clock).unwrap(), None, "clock {clock}");
        }
        // A stopped clock or a return window is none of the sweep's.
        for clock in ids("SELECT id FROM clocks WHERE stopped_at IS NOT NULL OR stage = 'return'") {
            assert_eq!(unmet(&conn, clock).unwrap(), None, "clock {clock}");
        }
    }

    /// The statuses `SWEEP_QUERY` writes out for the benchmarks' `sqlite3` are those
    /// `Status::is_final` gives, which the pages read through `open_statuses`.
    #[test]
    fn the_sweep_query_leaves_out_the_final_statuses() {
        let finals: Vec<String> = Status::ALL
            .iter()
            .filter(|s| s.is_final())
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        let written = format!("r.status NOT IN ({})", finals.join(", "));
        assert!(SWEEP_QUERY.contains(&written), "{written}");
    }

    #[test]
    fn the_pages_of_the_sweep_walk_its_whole_list_once_in_order() {
        let conn = world(40);
        let horizon = time::stored("2026-10-20T00:00:00+07:00").unwrap();
        let listed = || -> Vec<i64> {
            conn.prepare(SWEEP_QUERY)
                .unwrap()
                .query_map([time::format(&horizon)], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let whole = listed();
        // Urgent reports' clocks due after the horizon are in it, flagged at once.
        let beyond = conn
            .query_row(
                "SELECT count(*) FROM clocks c JOIN reports r ON r.id = c.report_id
                  WHERE c.stopped_at IS NULL AND c.stage <> 'return' AND r.urgent = 1
                    AND c.due_at > ?1",
                [time::format(&horizon)],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        assert!(beyond > 0);
        assert!(whole.len() > 60, "{}", whole.len());
        assert_eq!(count_due_by(&conn, &horizon).unwrap(), whole.len() as u64);
        for limit in [1, 2, 3, 7, whole.len() - 1, whole.len(), whole.len() + 1] {
            let mut walked = Vec::new();
            let mut key = Some(SweepKey::first());
            while let Some(from) = key.take() {
                let DuePage {
                    rows: page, next, ..
                } = due_page(&conn, &horizon, &from, limit).unwrap();
                assert!(page.len() <= limit);
                assert!(next.is_none() || page.len() == limit);
                walked.extend(page.iter().map(|p| p.clock));
                key = next;
            }
            assert_eq!(walked, whole, "pages of {limit}");
        }
        // An urgent report closed with a clock left open (only an edit behind the tool's
        // back does that) is still listed, once, among the others, when it is due; it is
        // no longer flagged at once.
        conn.execute(
            "UPDATE reports SET status = 'published' WHERE id % 9 = 0",
            [],
        )
        .unwrap();
        let mut walked = Vec::new();
        let mut key = Some(SweepKey::first());
        while let Some(from) = key.take() {
            let DuePage {
                rows: page, next, ..
            } = due_page(&conn, &horizon, &from, 5).unwrap();
            walked.extend(page.iter().map(|p| p.clock));
            key = next;
        }
        let whole = listed();
        assert_ne!(walked, whole);
        walked.sort_unstable();
        let mut all = whole.clone();
        all.sort_unstable();
        assert_eq!(walked, all);
        assert_eq!(count_due_by(&conn, &horizon).unwrap(), whole.len() as u64);
    }

    /// The refusal of a calendar without working time ahead, whole in each language, with
    /// its exit class (1).
    #[test]
    fn a_calendar_without_working_time_is_refused_in_both_languages() {
        use crate::i18n::Lang;
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let refused = anyhow::Error::new(no_deadline(&deadline::NoWorkingTime(day)));
        assert_eq!(crate::exit::status_of(&refused), crate::exit::FAILURE);
        assert_eq!(
            crate::exit::message_of(&refused, Lang::Vi),
            "Lịch làm việc không còn giờ làm việc nào trong mười năm sau ngày 05/12/2026; hãy sửa lịch (`phananh calendar show`)."
        );
        assert_eq!(
            crate::exit::message_of(&refused, Lang::En),
            "the calendar has no working hours within ten years after 2026-12-05; fix the calendar (`phananh calendar show`)"
        );
    }
}
