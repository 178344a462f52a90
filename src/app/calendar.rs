//! The working calendar as use cases: an admin's changes to it (added days off and working
//! days, removals, a whole schedule imported), each one event in one transaction that also
//! recomputes the open clocks; reading a schedule file; and a stage's deadline with its
//! reasoning (docs/rules.md §3; Đ7.2, Đ8.1.b, Đ9.4).

use std::path::Path;
use std::rc::Rc;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use super::Context;
use super::deadlines::Deadlines;
use crate::domain::access::{Actor, Operation};
use crate::domain::calendar::{Day, ScheduleError, ScheduledDay, parse_schedule};
use crate::domain::deadline::{self, DayStep, Due, Stage};
use crate::domain::event::EventKind;
use crate::domain::time::Timestamp;
use crate::storage::clocks;
use crate::storage::tx::immediate;

/// A change stored: the calendar's version after it, how many open clocks it moved, and
/// the reports whose breach, already reminded of by the sweep, it took back.
#[derive(Debug)]
pub struct Changed {
    pub version: String,
    pub recomputed: u64,
    pub cleared_overdue: Vec<i64>,
    /// The reports the change put past a deadline at once.
    pub made_overdue: Vec<i64>,
    /// The other days of the holidays the change touched that are still off only by the
    /// rules (`Calendar::rule_days_left`); none after a removal, which goes back to them.
    pub rule_days_left: Vec<(NaiveDate, Day)>,
}

/// The database opened for a `calendar` command: read-only to show it, for writing to
/// change it.
pub struct Session {
    conn: Connection,
}

/// Opens the database for a change of the calendar.
pub fn open(ctx: &Context) -> Result<Session> {
    Ok(Session { conn: ctx.open()? })
}

/// Opens the database to read the calendar (public law: no account needed).
pub fn open_read(ctx: &Context) -> Result<Session> {
    Ok(Session {
        conn: ctx.open_read()?,
    })
}

/// Refuses, exit 5, a calendar made of a row the log does not vouch for. A day off
/// inserted into `calendar_days` or the working hours rewritten in `settings` with
/// `sqlite3` was shown by `calendar show` as the operator's and counted by `calendar
/// deadline` into a deadline a day late, exit 0
/// (`forged_events::the_calendar_read_over_a_row_edited_with_sqlite3_names_the_row`). The
/// same judgement the sweep makes before it moves a deadline.
fn vouched(conn: &Connection) -> Result<()> {
    match super::audit::unvouched_calendar(conn)? {
        None => Ok(()),
        Some(problem) => Err(
            crate::exit::Failure::integrity(crate::output::calendar::unvouched(&problem)).into(),
        ),
    }
}

/// The snapshot a calendar read is judged and loaded in, the judgement made: held until
/// the caller has loaded the calendar. Read apart, a day off inserted with `sqlite3` once
/// the judgement was made was shown by `calendar show` and counted by `calendar deadline`,
/// exit 0 (`forged_events::a_calendar_read_over_a_day_off_inserted_while_it_runs_prints_the_vouched_calendar`).
fn judged(conn: &Connection) -> Result<rusqlite::Transaction<'_>> {
    let read = crate::storage::tx::snapshot(conn)?;
    vouched(conn)?;
    crate::app::pause_point("calendar:checked");
    Ok(read)
}

/// A stage's deadline explained (`explain`): from when, the deadline, each day considered,
/// and the calendar and limits in force.
pub struct Explained {
    pub start: Timestamp,
    pub deadlines: Rc<Deadlines>,
    pub due: Due,
    pub steps: Vec<DayStep>,
}

impl Session {
    /// The calendar in force, for showing `year` (refused outside the years it covers).
    pub fn year(&self, year: i32) -> Result<Rc<Deadlines>> {
        if !(1900..=2199).contains(&year) {
            bail!(crate::output::calendar::year_out_of_range(year));
        }
        let _read = judged(&self.conn)?;
        Deadlines::load(&self.conn)
    }

    /// The deadline of `stage` for a clock started at `start`, with its reasoning.
    pub fn explain(&self, stage: Stage, start: Timestamp) -> Result<Explained> {
        let _read = judged(&self.conn)?;
        let (deadlines, due, steps) = explain(&self.conn, stage, &start)?;
        Ok(Explained {
            start,
            deadlines,
            due,
            steps,
        })
    }

    /// `change` on this database.
    pub fn change(
        &self,
        ctx: &Context,
        days: Vec<ScheduledDay>,
        action: EventKind,
    ) -> Result<Changed> {
        change(ctx, &self.conn, days, action)
    }

    /// `remove` on this database.
    pub fn remove(&self, ctx: &Context, dates: &[NaiveDate]) -> Result<Changed> {
        remove(ctx, &self.conn, dates)
    }
}

/// Who may change the calendar: admin only, refusals logged.
fn calendar_admin(ctx: &Context, conn: &Connection) -> Result<Actor> {
    let actor = ctx.actor(conn)?;
    ctx.authorize(conn, &actor, Operation::ManageCalendar, None)?;
    Ok(actor)
}

/// Stores operator lines, recomputes open clocks and logs one event `action`, all in one
/// transaction.
fn change(
    ctx: &Context,
    conn: &Connection,
    days: Vec<ScheduledDay>,
    action: EventKind,
) -> Result<Changed> {
    let actor = calendar_admin(ctx, conn)?;
    let tx = immediate(conn)?;
    super::deadlines::as_the_log_sealed(&tx)?;
    let before = Deadlines::load(&tx)?.calendar.version().to_owned();
    let mut lines = Vec::new();
    for day in &days {
        let replaced = clocks::put_calendar_day(&tx, day)?;
        lines.push(json!({
            "date": day.date.to_string(),
            "entry": day.entry,
            "name": day.name,
            "source": day.source,
            "replaced": replaced,
        }));
    }
    let dates: Vec<String> = days.iter().map(|d| d.date.to_string()).collect();
    let mut changed = finish_change(ctx, &tx, &actor, action, before, json!(lines), &dates)?;
    let touched: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    changed.rule_days_left = Deadlines::load(&tx)?.calendar.rule_days_left(&touched);
    tx.commit()?;
    Ok(changed)
}

/// Removes the operator's lines for `dates` (back to the announced schedule or the rules),
/// in one transaction and one event: a wrong import is taken back as it was made, and the
/// sweep never judges a half-undone calendar. A date with no line refuses them all.
fn remove(ctx: &Context, conn: &Connection, dates: &[NaiveDate]) -> Result<Changed> {
    let actor = calendar_admin(ctx, conn)?;
    let tx = immediate(conn)?;
    super::deadlines::as_the_log_sealed(&tx)?;
    let mut dates = dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    let before = Deadlines::load(&tx)?.calendar.version().to_owned();
    let mut lines = Vec::new();
    for &date in &dates {
        let Some(removed) = clocks::remove_calendar_day(&tx, date)? else {
            // Dropping the transaction takes back the lines removed before this one.
            bail!(crate::output::calendar::no_operator_line(date));
        };
        lines.push(json!({ "date": date.to_string(), "removed": removed }));
    }
    let texts: Vec<String> = dates.iter().map(NaiveDate::to_string).collect();
    let changed = finish_change(
        ctx,
        &tx,
        &actor,
        EventKind::CalendarRemove,
        before,
        json!(lines),
        &texts,
    )?;
    tx.commit()?;
    Ok(changed)
}

/// Reads a schedule file whole: its days, or every bad line (then nothing is stored).
pub fn read_schedule(
    file: &Path,
    rule: &crate::storage::private::Input,
) -> Result<Result<Vec<ScheduledDay>, Vec<ScheduleError>>> {
    let text = crate::app::bounded::read_small(file, rule)?
        .map_err(|e| crate::output::calendar::cannot_read_schedule(file, &e))?;
    Ok(parse_schedule(&crate::domain::text::nfc(&text)))
}

/// Recomputes open clocks and records the change with the versions before and after.
fn finish_change(
    ctx: &Context,
    tx: &Connection,
    actor: &Actor,
    action: EventKind,
    before: String,
    lines: serde_json::Value,
    dates: &[String],
) -> Result<Changed> {
    let super::deadlines::Recomputed {
        moved: recomputed,
        cleared_overdue,
        made_overdue,
        cleared_reminders,
        ..
    } = super::deadlines::recompute_open_noting(tx, ctx, super::deadlines::Keep::Nothing)?;
    let after = Deadlines::load(tx)?.calendar.version().to_owned();
    let touched: Vec<(&str, Vec<String>)> = dates
        .iter()
        .map(|date| ("calendar_days", vec![date.clone()]))
        .collect();
    ctx.note_rows(
        tx,
        &actor.username,
        action,
        super::deadlines::with_cleared_reminders(
            json!({
                "days": lines,
                "calendar_version_before": before,
                "calendar_version": after,
                "recomputed_clocks": recomputed,
                "cleared_overdue": cleared_overdue,
            }),
            &cleared_reminders,
        ),
        &touched,
    )?;
    Ok(Changed {
        version: after,
        recomputed,
        cleared_overdue,
        made_overdue,
        rule_days_left: Vec::new(),
    })
}

/// The deadline of `stage` for a clock started at `start`, with each day considered, in
/// the calendar and settings in force.
fn explain(
    conn: &Connection,
    stage: Stage,
    start: &Timestamp,
) -> Result<(Rc<Deadlines>, Due, Vec<DayStep>)> {
    let deadlines = Deadlines::load(conn)?;
    let (due, steps) = deadline::explain(start, stage, &deadlines.calendar, &deadlines.policy)
        .map_err(|e| crate::output::calendar::no_working_time(&e))?;
    Ok((deadlines, due, steps))
}
