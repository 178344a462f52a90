//! The two streams a periodic report or a score is built from: the events of every report
//! received in a period, up to the "as of" moment, and the clocks of those reports as they
//! stood then; and the seals of those reports' rows, which the figures are judged by, with
//! those of the rows the log's arrivals put in the period and that left it. Each is a single
//! indexed query; the folding is `domain::periodic`'s.

use anyhow::{Context as _, Result};
use std::sync::LazyLock;

use rusqlite::Connection;

use crate::domain::deadline::{Rule, Stage};
use crate::domain::periodic::{ClockFact, Facts, Logged, LoggedStep};

use super::reports::{submitted_before, submitted_since};

/// The window of a report: received in `[from, until)`, seen as of `as_of`; `period_end`
/// bounds `status_at_end`. All canonical RFC 3339 text.
pub struct Window<'a> {
    pub from: &'a str,
    pub until: &'a str,
    pub as_of: &'a str,
    pub period_end: &'a str,
}

/// The query behind the report's first stream.
pub static EVENTS_QUERY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT r.id, r.external_id, r.submitted_at, r.commune, r.urgent,
        e.at, e.action, e.to_status, e.payload
   FROM reports r JOIN events e ON e.report_id = r.id
  WHERE {window} AND (e.at <= ?3 OR e.action = 'assign')
  ORDER BY r.id, e.id",
        window = in_window("r.")
    )
});

/// Submitted at or after `?1` and before `?2`, with the month bounds the month indexes seek
/// on (`storage::reports::submitted_since`).
fn in_window(table: &str) -> String {
    format!(
        "{} AND {}",
        submitted_since(table, "?1"),
        submitted_before(table, "?2")
    )
}

/// The first report whose submission time is not stored in the one form phananh writes
/// (by its shape: `YYYY-MM-DDTHH:MM:SS+07:00`), with the text: the window compares the
/// text, and the same instant written otherwise falls outside every period. One step of
/// the partial index `reports_odd_submitted` (migration 8), whose condition is this
/// query's, word for word; `ORDER BY id` is what makes SQLite take it rather than scan
/// the whole of `reports_by_month` (tests below).
pub fn odd_submission(conn: &Connection) -> Result<Option<(i64, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(ODD_SUBMISSION, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The look behind `odd_submission`. The GLOB is the shape of a time as phananh writes it
/// (`domain::time::format`), which migration 8's partial index repeats word for word. A
/// text of this shape that names no moment (`2026-09-31`, hour 24) is told in Rust on the
/// rows a report reads (`domain::time::canonical`): SQLite's calendar functions in the
/// index's condition would cost every report an ingest stores a few microseconds.
const ODD_SUBMISSION: &str = "SELECT id, CAST(submitted_at AS TEXT) FROM reports
  WHERE submitted_at NOT GLOB
        '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+07:00'
  ORDER BY id LIMIT 1";

/// How many reports were received in the window (for a progress bar; an index range count).
pub fn count_reports(conn: &Connection, window: &Window<'_>) -> Result<u64> {
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM reports WHERE {}", in_window("")),
        [window.from, window.until],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// Calls `visit` with the facts of every report received in the window and ingested by its
/// moment, in report order (the order of the prolonged and unresolved lists), stopping at
/// the first error it returns.
pub fn for_each_report(
    conn: &Connection,
    window: &Window<'_>,
    mut visit: impl FnMut(&mut Facts) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&EVENTS_QUERY)?;
    let mut rows = stmt.query([window.from, window.until, window.as_of])?;
    let mut current: Option<Facts> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if current.as_ref().is_none_or(|f| f.id != id) {
            if let Some(mut done) = current.take() {
                visit(&mut done)?;
            }
            current = Some(Facts::new(
                id,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ));
        }
        let facts = current.as_mut().expect("set above");
        let event = Logged {
            at: row.get_ref(5)?.as_str()?,
            action: row.get_ref(6)?.as_str()?,
            to_status: row.get_ref(7)?.as_str_or_null()?,
            payload: row.get_ref(8)?.as_str()?,
        };
        // The text comparison the query makes (`e.at <= ?3`): later assignments come
        // along only for what they say of the report before them.
        if event.at <= window.as_of {
            facts.apply(&event, window.period_end);
        } else {
            facts.note_later(&event);
        }
    }
    if let Some(mut done) = current {
        visit(&mut done)?;
    }
    Ok(())
}

/// The query behind [`for_each_unsealed`]: the window's report rows whole, with their seals
/// (`storage::events::report_seals_query`).
static SEALS_QUERY: LazyLock<String> =
    LazyLock::new(|| super::events::report_seals_query(&format!("WHERE {}", in_window("r."))));

/// Calls `unsealed` with each report received in the window whose row is not the one the
/// log last sealed (inserted or edited with `sqlite3`; `audit verify` names the same), in
/// report order, stopping at the first error it returns. Only the period's rows are read:
/// a row moved out of the period is not among them.
pub fn for_each_unsealed(
    conn: &Connection,
    window: &Window<'_>,
    mut unsealed: impl FnMut(i64) -> Result<()>,
) -> Result<()> {
    super::events::report_seals(conn, &SEALS_QUERY, [window.from, window.until], |seal| {
        if seal.holds() {
            Ok(())
        } else {
            unsealed(seal.report_id)
        }
    })
}

/// The submission time an arrival's payload seals (`app::ingest`, since migration 11). A
/// payload that is not JSON (an event inserted with `sqlite3`) holds none, rather than
/// failing the whole look.
const SEALED_SUBMISSION: &str =
    "json_extract(CASE WHEN json_valid(a.payload) THEN a.payload END, '$.submitted_at')";

/// The query behind [`for_each_moved_out`]: the rows, with their seals, of the reports whose
/// arrival seals a submission time in `[?1, ?2)` but whose row says another. One read of
/// the arrivals, with no index of their own (migration 11 says why: an index would cost
/// every ingest of a shuffled file), and of no row an honest file has.
static MOVED_OUT_QUERY: LazyLock<String> = LazyLock::new(|| {
    super::events::report_seals_query(&format!(
        "WHERE r.id IN (SELECT a.report_id FROM events a
                         WHERE a.action = 'ingest'
                           AND {SEALED_SUBMISSION} >= ?1 AND {SEALED_SUBMISSION} < ?2)
           AND NOT (r.submitted_at >= ?1 AND r.submitted_at < ?2)"
    ))
});

/// Calls `moved` with each report whose arrival the log sealed as submitted in the window
/// but whose row is no longer the one the log last sealed, and no longer in the window
/// (its submission time edited with `sqlite3`): the period's own rows
/// ([`for_each_unsealed`]) do not hold it, and the report of the period it left counted one
/// report fewer without a word. In report order, stopping at the first error `moved`
/// returns. Arrivals logged before migration 11 seal no time, and are not found here: such
/// a row moved out is still only `audit verify`'s to name (docs/rules.md §5).
pub fn for_each_moved_out(
    conn: &Connection,
    window: &Window<'_>,
    mut moved: impl FnMut(i64) -> Result<()>,
) -> Result<()> {
    super::events::report_seals(
        conn,
        &MOVED_OUT_QUERY,
        [window.from, window.until],
        |seal| {
            if seal.holds() {
                Ok(())
            } else {
                moved(seal.report_id)
            }
        },
    )
}

/// The query behind the second stream: a clock counts from the event that started it, and
/// is stopped only if it stopped by the moment. Ordered as the late list is printed: by
/// report, then stage in the order of the law (`Stage`'s order), then round. The last
/// column is the stop time as stored, kept as `odd_stop` when it is not in the one form
/// phananh writes (`domain::time::canonical`): the moment compares its text, so the same
/// instant written otherwise, or a text of that form on a day no calendar has (with
/// `sqlite3`), would count the clock as stopped or running wrongly, and the caller refuses.
/// Then the report its start event is about, and the agency of the report's last
/// assignment up to that event (one step back through `events_by_report`): the agency the
/// clock runs against, which the caller compares with the row's. Then the report's
/// submission time, and the steps its row names as its start and its stop as the log has
/// them (primary-key reads of events the query joins anyway), against which the caller
/// judges the row's start, stop and deadline. A row whose start names no event is read
/// too (a LEFT JOIN, timed by its own start): an inner join dropped it from every figure.
pub static CLOCKS_QUERY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {columns}
   FROM reports r
   JOIN clocks c ON c.report_id = r.id
   LEFT JOIN events es ON es.id = c.start_event
   LEFT JOIN events ee ON ee.id = c.stop_event
  WHERE {window} AND coalesce(es.at, c.started_at) <= ?3
  ORDER BY c.report_id,
           CASE c.stage WHEN 'dispatch' THEN 0 WHEN 'return' THEN 1 WHEN 'process' THEN 2
                        ELSE 3 END,
           c.round",
        columns = clock_columns("?3"),
        window = in_window("r."),
    )
});

/// Every stopped clock with the same columns, every stop counted (the moment is after any
/// text a stop time of the stored shape can hold; one of another shape is `odd_stop`), in
/// the clocks' key order (report, stage, round), so that each round follows the one before
/// it: for `list --overdue --ever`, which lists the reports any of them ran late on.
static STOPPED_CLOCKS_QUERY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {columns}
   FROM clocks c
   JOIN reports r ON r.id = c.report_id
   LEFT JOIN events es ON es.id = c.start_event
   LEFT JOIN events ee ON ee.id = c.stop_event
  WHERE c.stopped_at IS NOT NULL
  ORDER BY c.report_id, c.stage, c.round",
        columns = clock_columns("'9999'"),
    )
});

/// The columns a [`ClockFact`] is read from (`clock_fact`), over `clocks c`, `reports r`,
/// the start event `es` and the stop event `ee`, a stop counted when at or before `moment`.
fn clock_columns(moment: &str) -> String {
    format!(
        "c.report_id, r.external_id, c.stage, c.round, c.agency, c.started_at, c.due_at,
        CASE WHEN c.stopped_at <= {moment} THEN c.stopped_at END,
        CASE WHEN c.stopped_at <= {moment} THEN c.breached END,
        CASE WHEN c.stopped_at <= {moment} THEN ee.action END,
        es.action, c.calendar_version, CAST(c.stopped_at AS TEXT),
        es.report_id,
        {assigned},
        r.submitted_at, es.id, es.at, ee.id, ee.report_id, ee.action, ee.at,
        {first_stop}, c.rule",
        first_stop = first_stop(),
        assigned = assigned_at_start!(),
    )
}

/// The first step of a clock's report after the step that started it that stops a clock of
/// its stage (`domain::clocks::effects_of_event`, the rule the journal applies), whatever
/// the moment: the one step its stop must be. One step forward through `events_by_report`,
/// past the few events a clock's run leaves between (reveals, reminders, refusals).
fn first_stop() -> String {
    use crate::domain::clocks::effects_of_event;
    use crate::domain::event::EventKind;
    let arms: String = Stage::ALL
        .iter()
        .map(|stage| {
            let kinds: Vec<String> = EventKind::ALL
                .iter()
                .filter(|kind| effects_of_event(**kind, None).stops.contains(stage))
                .map(|kind| format!("'{}'", kind.as_str()))
                .collect();
            format!(
                " WHEN '{}' THEN ef.action IN ({})",
                stage.as_str(),
                kinds.join(", ")
            )
        })
        .collect();
    format!(
        "(SELECT ef.id FROM events ef
           WHERE ef.report_id = c.report_id AND ef.id > c.start_event
             AND CASE c.stage{arms} ELSE 0 END
           ORDER BY ef.id LIMIT 1)"
    )
}

/// Calls `visit` with every clock of the window, in that order, stopping at the first error
/// it returns.
pub fn for_each_clock(
    conn: &Connection,
    window: &Window<'_>,
    mut visit: impl FnMut(&ClockFact) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&CLOCKS_QUERY)?;
    let mut rows = stmt.query([window.from, window.until, window.as_of])?;
    while let Some(row) = rows.next()? {
        visit(&clock_fact(row)?)?;
    }
    Ok(())
}

/// Calls `visit` with every stopped clock (`STOPPED_CLOCKS_QUERY`), one at a time,
/// stopping at the first error it returns or when it returns false.
pub fn for_each_stopped_clock(
    conn: &Connection,
    mut visit: impl FnMut(&ClockFact) -> Result<bool>,
) -> Result<()> {
    let mut stmt = conn.prepare(&STOPPED_CLOCKS_QUERY)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if !visit(&clock_fact(row)?)? {
            break;
        }
    }
    Ok(())
}

/// How many clocks the whole log starts (`domain::clocks::starts_of` of every event, the
/// rule `report` and `score` count a period's by) and how many open clocks the file holds,
/// for `list --overdue` to add to the stopped clocks it read. One read of the log's rows for
/// their action, and a count of the open clocks' partial index `clocks_open_by_due`: not a
/// second read of the clocks.
pub fn clocks_started_and_open(conn: &Connection) -> Result<(u64, u64)> {
    let (started, open): (i64, i64) =
        conn.query_row(&STARTED_AND_OPEN, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((started as u64, open as u64))
}

/// The query behind `clocks_started_and_open`: the weights of `starts_of`, written out once
/// from it for every kind of event, so that the SQL and the fold cannot count apart.
static STARTED_AND_OPEN: LazyLock<String> = LazyLock::new(|| {
    use crate::domain::clocks::starts_of;
    use crate::domain::event::EventKind;
    let arms: String = EventKind::ALL
        .iter()
        .filter(|kind| starts_of(kind.as_str()) > 0)
        .map(|kind| {
            format!(
                " WHEN '{}' THEN {}",
                kind.as_str(),
                starts_of(kind.as_str())
            )
        })
        .collect();
    format!(
        "SELECT (SELECT coalesce(sum(CASE action{arms} ELSE 0 END), 0) FROM events),
                (SELECT count(*) FROM clocks WHERE stopped_at IS NULL)"
    )
});

/// How many reports the log has events of, and how many reports the file holds: every
/// report has its arrival in the log, and no event names a report the file lacks. A report
/// deleted with `sqlite3` (the trigger that keeps them dropped and put back) takes its
/// events out of a period's stream with it, which reads them through the reports. One
/// scan of `events_by_report` alone (SQLite steps from one report to the next) and a count
/// of the reports' smallest index.
pub fn reports_logged_and_held(conn: &Connection) -> Result<(u64, u64)> {
    let (logged, held): (i64, i64) = conn.query_row(
        &format!("SELECT ({REPORTS_LOGGED}), (SELECT count(*) FROM reports)"),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((logged as u64, held as u64))
}

/// [`reports_logged_and_held`]'s counts when they differ (a report deleted or added outside
/// phananh), none when they agree: the check every reader of the reports makes of them.
pub fn reports_uncounted(conn: &Connection) -> Result<Option<(u64, u64)>> {
    let (logged, held) = reports_logged_and_held(conn)?;
    Ok((logged != held).then_some((logged, held)))
}

/// The reports the log has events of (events about no report have none).
const REPORTS_LOGGED: &str = "SELECT count(DISTINCT report_id) FROM events";

/// A [`ClockFact`] from a row of [`clock_columns`].
fn clock_fact(row: &rusqlite::Row<'_>) -> Result<ClockFact> {
    let stage: String = row.get(2)?;
    let step = |event: usize, report: Option<i64>, action: Option<String>, at: usize| {
        Ok::<_, rusqlite::Error>(match (row.get::<_, Option<i64>>(event)?, action) {
            (Some(event), Some(action)) => Some(LoggedStep {
                event,
                report,
                action,
                at: row.get(at)?,
            }),
            _ => None,
        })
    };
    let stored_stop: Option<String> = row.get(12)?;
    let rule: String = row.get(23)?;
    let fact = ClockFact {
        report_id: row.get(0)?,
        external_id: row.get(1)?,
        stage: Stage::parse(&stage)
            .with_context(|| format!("unknown stage {stage} in the clocks table"))?,
        round: row.get(3)?,
        agency: row.get(4)?,
        started_at: row.get(5)?,
        due_at: row.get(6)?,
        stopped_at: row.get(7)?,
        breached: row.get(8)?,
        stopped_by: row.get(9)?,
        started_by: row.get(10)?,
        calendar_version: row.get(11)?,
        odd_stop: stored_stop
            .clone()
            .filter(|t| crate::domain::time::canonical(t).is_none()),
        start_report: row.get(13)?,
        assigned: row.get(14)?,
        submitted_at: row.get(15)?,
        start_step: step(16, row.get(13)?, row.get(10)?, 17)?,
        stored_stop,
        stop_step: step(18, row.get(19)?, row.get(20)?, 21)?,
        first_stop: row.get(22)?,
        rule: Rule::parse(&rule)
            .with_context(|| format!("unknown rule {rule} in the clocks table"))?,
    };
    Ok(fact)
}

#[cfg(test)]
mod tests {
    use crate::domain::deadline::Stage;

    fn migrated() -> rusqlite::Connection {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        conn
    }

    /// The look for an edited submission time is one step of the partial index, not a
    /// scan of every report's time (0.3 s per 200,000 reports on every report and score).
    #[test]
    fn the_look_for_an_odd_submission_time_takes_its_partial_index() {
        let conn = migrated();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::ODD_SUBMISSION))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(plan, ["SCAN reports USING INDEX reports_odd_submitted"]);
    }

    /// A period's reports are found by seeking their months on `reports_by_month` (the
    /// bounds `in_window` adds), never by reading every report: the index is keyed by the
    /// expression, so without the bounds SQLite would scan the table.
    #[test]
    fn the_window_of_a_period_seeks_its_months() {
        let conn = migrated();
        let count = format!(
            "SELECT count(*) FROM reports WHERE {}",
            super::in_window("")
        );
        for sql in [
            &*super::EVENTS_QUERY,
            &*super::CLOCKS_QUERY,
            &*super::SEALS_QUERY,
            &count,
        ] {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let window = [
                "2026-01-01T00:00:00+07:00",
                "2026-04-01T00:00:00+07:00",
                "2026-11-01T00:00:00+07:00",
            ];
            let plan: Vec<String> = stmt
                .query_map(
                    rusqlite::params_from_iter(&window[..stmt.parameter_count()]),
                    |r| r.get(3),
                )
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                plan.iter()
                    .any(|step| step.contains("reports_by_month (<expr>>? AND <expr><?)")),
                "{sql}\n{plan:#?}"
            );
            assert!(
                !plan.iter().any(|step| step.starts_with("SCAN r")),
                "{plan:#?}"
            );
        }
    }

    /// The look for the period's reports moved out of it reads the arrivals (no index of
    /// their own: migration 11) and seeks each row by its key: never a scan of the rows, so
    /// an honest file costs one read of its arrivals.
    #[test]
    fn the_look_for_reports_moved_out_reads_the_arrivals_and_seeks_the_rows() {
        let conn = migrated();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", *super::MOVED_OUT_QUERY))
            .unwrap()
            .query_map(
                ["2026-09-01T00:00:00+07:00", "2026-10-01T00:00:00+07:00"],
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.starts_with("SEARCH r USING INTEGER PRIMARY KEY")),
            "{plan:#?}"
        );
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN r")),
            "{plan:#?}"
        );
    }

    /// Of the reports whose arrival seals a time in the window, only those whose row left
    /// the window and no longer matches its seal are named: not a row still in it, not an
    /// arrival logged before its payload held the time, not a payload that is not JSON.
    #[test]
    fn a_report_is_named_moved_out_by_the_time_its_arrival_sealed() {
        let conn = migrated();
        let add = |id: i64, at: &str, payload: &str| {
            conn.execute(
                "INSERT INTO reports (id, external_id, submitted_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, format!("X-{id}"), at],
            )
            .unwrap();
            let digest = crate::storage::reports::load(&conn, id)
                .unwrap()
                .unwrap()
                .digest();
            let bytes: Vec<u8> = (0..digest.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&digest[i..i + 2], 16).unwrap())
                .collect();
            conn.execute(
                "INSERT INTO events (id, report_id, at, actor, action, payload, report_hash,
                                     prev_hash, hash)
                 VALUES (?1, ?1, ?2, 'a', 'ingest', ?3, ?4, x'00', x'00')",
                rusqlite::params![id, at, payload, bytes],
            )
            .unwrap();
        };
        let sealed = |at: &str| format!(r#"{{"file":"a.csv","line":2,"submitted_at":"{at}"}}"#);
        let september = "2026-09-10T08:00:00+07:00";
        add(1, september, &sealed(september));
        add(2, september, &sealed(september));
        add(3, september, r#"{"file":"a.csv","line":2}"#);
        add(4, september, "not json");
        add(5, september, &sealed(september));
        conn.execute(
            "UPDATE reports SET submitted_at = '2025-09-10T08:00:00+07:00' WHERE id IN (2, 3, 4)",
            [],
        )
        .unwrap();
        conn.execute("UPDATE reports SET content = 'edited' WHERE id = 5", [])
            .unwrap();
        let window = super::Window {
            from: "2026-09-01T00:00:00+07:00",
            until: "2026-10-01T00:00:00+07:00",
            as_of: "2026-11-01T00:00:00+07:00",
            period_end: "2026-10-01T00:00:00+07:00",
        };
        let mut moved = Vec::new();
        super::for_each_moved_out(&conn, &window, |id| {
            moved.push(id);
            Ok(())
        })
        .unwrap();
        assert_eq!(moved, [2]);
    }

    #[test]
    fn an_odd_submission_time_is_found_and_the_stored_form_is_not() {
        let conn = migrated();
        let add = |id: i64, at: &str| {
            conn.execute(
                "INSERT INTO reports (id, external_id, submitted_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, format!("X-{id}"), at],
            )
            .unwrap();
        };
        add(1, "2026-10-01T07:19:38+07:00");
        assert_eq!(super::odd_submission(&conn).unwrap(), None);
        for (id, odd) in [
            (4, "2026-10-01t07:19:38+07:00"),
            (3, "01/10/2026 07:19:38"),
            (2, "2026-10-01T00:19:38Z"),
        ] {
            add(id, odd);
        }
        assert_eq!(
            super::odd_submission(&conn).unwrap(),
            Some((2, "2026-10-01T00:19:38Z".to_owned()))
        );
    }

    /// The count reads the log once and the open clocks by their partial index, never the
    /// whole clocks table again (`list --overdue --ever` has just read every stopped clock).
    #[test]
    fn the_count_of_started_and_open_clocks_reads_no_clock_twice() {
        let conn = migrated();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", *super::STARTED_AND_OPEN))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan.iter().any(|s| s == "SCAN events"), "{plan:#?}");
        assert!(
            plan.iter()
                .any(|s| s == "SCAN clocks USING INDEX clocks_open_by_due"),
            "{plan:#?}"
        );
        assert!(!plan.iter().any(|s| s == "SCAN clocks"), "{plan:#?}");
    }

    /// The reports the log has events of are counted from `events_by_report` alone, never
    /// the log's rows (every `report` and `score` runs it).
    #[test]
    fn the_reports_of_the_log_are_counted_from_its_index() {
        let conn = migrated();
        let plan: String = conn
            .query_row(
                &format!("EXPLAIN QUERY PLAN {}", super::REPORTS_LOGGED),
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert_eq!(plan, "SCAN events USING COVERING INDEX events_by_report");
        assert_eq!(super::reports_logged_and_held(&conn).unwrap(), (0, 0));
    }

    /// Every kind of step counts as `starts_of` weighs it: an assignment starts two clocks.
    #[test]
    fn the_started_clocks_are_weighed_as_the_periodic_reports_weigh_them() {
        use crate::domain::clocks::starts_of;
        use crate::domain::event::EventKind;
        let conn = migrated();
        let mut expected = 0;
        for (id, kind) in EventKind::ALL.iter().enumerate() {
            conn.execute(
                "INSERT INTO events (id, at, actor, action, prev_hash, hash)
                 VALUES (?1, '2026-10-01T08:00:00+07:00', 'a', ?2, x'00', x'00')",
                rusqlite::params![id as i64 + 1, kind.as_str()],
            )
            .unwrap();
            expected += starts_of(kind.as_str());
        }
        assert_eq!(expected, 7);
        assert_eq!(
            super::clocks_started_and_open(&conn).unwrap(),
            (expected, 0)
        );
    }

    #[test]
    fn the_late_list_order_is_the_order_of_the_stages() {
        let mut stages = Stage::ALL.to_vec();
        stages.sort();
        assert_eq!(stages, Stage::ALL);
        for (rank, stage) in Stage::ALL.iter().enumerate() {
            let expected = if rank == 3 {
                "ELSE 3".to_owned()
            } else {
                format!("WHEN '{}' THEN {rank}", stage.as_str())
            };
            assert!(super::CLOCKS_QUERY.contains(&expected), "{stage:?}");
        }
    }
}
