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
use super::deadlines::{CLEARED_REMINDERS, Deadlines};
use crate::domain::access::{Actor, Operation};
use crate::domain::calendar::{
    Day, Doubt, Entered, ScheduleError, ScheduledDay, doubts, parse_schedule,
};
use crate::domain::clocks::Contradicted;
use crate::domain::deadline::{self, DayStep, Due, Stage};
use crate::domain::event::EventKind;
use crate::domain::parts::{List, Lists};
use crate::domain::time::Timestamp;
use crate::storage::clocks;
use crate::storage::tx::immediate;

/// A change stored: the calendar's version after it, how many open clocks it moved, and
/// the reports whose breach, already reminded of by the sweep, it took back.
#[derive(Debug)]
pub struct Changed {
    pub version: String,
    pub recomputed: u64,
    /// The running clocks read.
    pub open: u64,
    /// The running deadlines that moved, in the order they now fall due.
    pub shifted: Vec<clocks::Moved>,
    pub cleared_overdue: Vec<i64>,
    /// The reports the change put past a deadline at once.
    pub made_overdue: Vec<i64>,
    /// The other days of the holidays the change touched that are still off only by the
    /// rules (`Calendar::rule_days_left`); none after a removal, which goes back to them.
    pub rule_days_left: Vec<(NaiveDate, Day)>,
    /// The stopped clocks judged across a touched day whose deadline the calendar now in
    /// force gives otherwise (yearturn2, yearturn4).
    pub stopped: Vec<Contradicted>,
    /// The touched days inside their windows.
    pub stopped_days: Vec<NaiveDate>,
    /// Whether they were re-judged in this change's event.
    pub rejudged: bool,
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
        (rejudge, yes): (bool, bool),
    ) -> Result<Changed> {
        change(ctx, &self.conn, days, action, (rejudge, yes))
    }

    /// `remove` on this database.
    pub fn remove(&self, ctx: &Context, dates: &[NaiveDate], rejudge: bool) -> Result<Changed> {
        remove(ctx, &self.conn, dates, rejudge)
    }

    /// `rejudge` on this database.
    pub fn rejudge(&self, ctx: &Context, dates: &[NaiveDate]) -> Result<Vec<Contradicted>> {
        rejudge(ctx, &self.conn, dates)
    }
}

/// Who may change the calendar: admin only, refusals logged.
fn calendar_admin(ctx: &Context, conn: &Connection) -> Result<Actor> {
    let actor = ctx.actor(conn)?;
    ctx.authorize(conn, &actor, Operation::ManageCalendar, None)?;
    Ok(actor)
}

/// Stores operator lines, recomputes open clocks and logs one event `action`, all in one
/// transaction. A line that looks mistyped (`calendar::doubts`) refuses the change unless
/// `yes`: a date one off would otherwise move running deadlines without a word.
fn change(
    ctx: &Context,
    conn: &Connection,
    days: Vec<ScheduledDay>,
    action: EventKind,
    (rejudge, yes): (bool, bool),
) -> Result<Changed> {
    let actor = calendar_admin(ctx, conn)?;
    let tx = immediate(conn)?;
    super::deadlines::as_the_log_sealed(&tx)?;
    let was = Deadlines::load(&tx)?;
    let before = was.calendar.version().to_owned();
    let touched: Vec<NaiveDate> = days.iter().map(|d| d.date).collect();
    let stopped = Stopped::around(&tx, &touched)?;
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
    if !yes {
        let entered = if action == EventKind::CalendarImport {
            Entered::Schedule
        } else {
            Entered::Typed
        };
        let now = Deadlines::load(&tx)?;
        let found: Vec<Doubt> = days
            .iter()
            .flat_map(|day| doubts(&was.calendar, &now.calendar, day, entered))
            .collect();
        if !found.is_empty() {
            // Dropping the transaction takes back the lines stored above.
            bail!(crate::output::calendar::doubted(&found));
        }
    }
    let dates: Vec<String> = days.iter().map(|d| d.date.to_string()).collect();
    let mut changed = finish_change(
        ctx,
        &tx,
        &actor,
        (action, before, json!(lines)),
        &dates,
        (stopped, &touched, rejudge),
    )?;
    changed.rule_days_left = Deadlines::load(&tx)?.calendar.rule_days_left(&touched);
    tx.commit()?;
    Ok(changed)
}

/// Removes the operator's lines for `dates` (back to the announced schedule or the rules),
/// in one transaction and one event: a wrong import is taken back as it was made, and the
/// sweep never judges a half-undone calendar. A date with no line refuses them all.
fn remove(ctx: &Context, conn: &Connection, dates: &[NaiveDate], rejudge: bool) -> Result<Changed> {
    let actor = calendar_admin(ctx, conn)?;
    let tx = immediate(conn)?;
    super::deadlines::as_the_log_sealed(&tx)?;
    let mut dates = dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    let stopped = Stopped::around(&tx, &dates)?;
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
        (EventKind::CalendarRemove, before, json!(lines)),
        &texts,
        (stopped, &dates, rejudge),
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
    (action, before, lines): (EventKind, String, serde_json::Value),
    dates: &[String],
    (stopped, touched, rejudge): (Stopped, &[NaiveDate], bool),
) -> Result<Changed> {
    let super::deadlines::Recomputed {
        moved: recomputed,
        open,
        shifted,
        cleared_overdue,
        made_overdue,
        cleared_reminders,
        ..
    } = super::deadlines::recompute_open_noting(tx, ctx, super::deadlines::Keep::Nothing)?;
    let now = Deadlines::load(tx)?;
    let after = now.calendar.version().to_owned();
    let (stopped, stopped_days) = stopped.contradicted(touched, &now);
    if rejudge {
        judge_again(tx, &stopped, &now)?;
    }
    // The long lists are written an entry at a time (`domain::payload::ObjectText`), and
    // those longer than a part into parts of their own (`domain::parts`): 109,639 moved
    // deadlines as one text were 14.3 MB, held three times at the insert.
    let head = json!({
        "days": lines,
        "calendar_version_before": before,
        "calendar_version": after,
        "recomputed_clocks": recomputed,
    });
    // Read back by `BeforeEach` under this key only when re-judged.
    let key = if rejudge {
        "rejudged_clocks"
    } else {
        "contradicted_clocks"
    };
    let touched: Vec<(&str, Vec<String>)> = dates
        .iter()
        .map(|date| ("calendar_days", vec![date.clone()]))
        .collect();
    let lists = Lists::new(vec![
        List::of("moved_deadlines", &shifted, MovedEntry::of),
        List::of("cleared_overdue", &cleared_overdue, |id| id),
        List::of(key, &stopped, |clock| clock),
        super::deadlines::cleared_reminders_list(&cleared_reminders),
    ]);
    ctx.note_with_parts(
        tx,
        &actor.username,
        action,
        &lists,
        |payload| {
            payload.members(&head)?;
            for key in ["moved_deadlines", "cleared_overdue", key, CLEARED_REMINDERS] {
                lists.write(payload, key)?;
            }
            Ok(())
        },
        Some(&touched),
    )?;
    drop(lists);
    Ok(Changed {
        version: after,
        recomputed,
        open,
        shifted,
        cleared_overdue,
        made_overdue,
        rule_days_left: Vec::new(),
        stopped,
        stopped_days,
        rejudged: rejudge,
    })
}

/// The stopped clocks a change of `dates` may contradict, each with the calendar and limits
/// it was last judged under, read before the change is stored (`BeforeEach` rebuilds them
/// from the calendar in force and the log, which must agree).
pub struct Stopped(Vec<(clocks::Stopped, Rc<Deadlines>)>);

impl Stopped {
    fn around(conn: &Connection, dates: &[NaiveDate]) -> Result<Stopped> {
        let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
            return Ok(Stopped(Vec::new()));
        };
        // A day's slack each side: the stored text's date is the one of its offset.
        let wide = |d: NaiveDate, by: i64| (d + chrono::Duration::days(by)).to_string();
        let rows = clocks::stopped_around(conn, &wide(*first, -1), &wide(*last, 1))?;
        // Read only for clocks to judge: it holds every deadline the log kept.
        if rows.is_empty() {
            return Ok(Stopped(Vec::new()));
        }
        let mut before = super::deadlines::BeforeEach::new(conn)?;
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            // A deadline a change of the limits kept because it had passed stays where the
            // rule then in force put it: judged again under today's limits, it would take
            // limits no calendar change brought (as `contradicted` leaves such clocks).
            let kept = match &row.due_at {
                clocks::StoredDue::At(_) => row
                    .due_at
                    .instant()
                    .is_some_and(|due| before.kept().holds_at(row.report_id, row.stage, &due)),
                clocks::StoredDue::Text(text) => {
                    before.kept().holds(row.report_id, row.stage, text)
                }
            };
            if kept {
                continue;
            }
            let then = before.for_clock(row.report_id, row.stage, row.round, row.stop_event)?;
            found.push((row, then));
        }
        Ok(Stopped(found))
    }

    /// Those whose window (start to deadline, in Vietnam's dates) holds one of `dates` and
    /// whose deadline `now` gives otherwise, with the days of `dates` inside their windows.
    /// A clock judged under other limits or working hours than today's is left as it is:
    /// re-judged, it would take limits no calendar change brought. Consumes the clocks read:
    /// each is let go as it is judged, before the list is written into the change's event.
    fn contradicted(
        self,
        dates: &[NaiveDate],
        now: &Deadlines,
    ) -> (Vec<Contradicted>, Vec<NaiveDate>) {
        let local = |t: &crate::domain::time::Timestamp| {
            t.with_timezone(&crate::domain::time::vietnam())
                .date_naive()
        };
        let mut found = Vec::new();
        let mut inside = std::collections::BTreeSet::new();
        for (row, then) in self.0 {
            if then.policy != now.policy || then.calendar.hours() != now.calendar.hours() {
                continue;
            }
            let (Some(start), Some(due_then), Some(stopped)) =
                (row.started_at, row.due_at.instant(), row.stopped_at)
            else {
                continue;
            };
            let Some(kind) = row.stop_action else {
                continue;
            };
            let within = |d: &&NaiveDate| local(&start) <= **d && **d <= local(&due_then);
            if !dates.iter().any(|d| within(&d)) {
                continue;
            }
            let Ok(due) = deadline::due(&start, row.stage, &now.calendar, &now.policy) else {
                continue;
            };
            if due.at == due_then {
                continue;
            }
            inside.extend(dates.iter().filter(within).copied());
            found.push(Contradicted {
                clock: row.clock,
                report_id: row.report_id,
                stage: row.stage,
                round: row.round,
                due_then: row.due_at,
                due_now: clocks::StoredDue::at(&due.at),
                late_then: row.breached,
                late_now: crate::domain::clocks::breached(row.stage, kind, &due.at, &stopped),
                rule: due.rule,
                limit: due.limit,
            });
        }
        // Held while the change is stored and printed: not the room it grew into.
        found.shrink_to_fit();
        (found, inside.into_iter().collect())
    }
}

/// Gives each clock of `stopped` the deadline and verdict the calendar `now` gives it.
fn judge_again(tx: &Connection, stopped: &[Contradicted], now: &Deadlines) -> Result<()> {
    for c in stopped {
        clocks::rejudge(tx, c, now.calendar.version())?;
    }
    Ok(())
}

/// `calendar rejudge`: re-judges, under the calendar in force, the stopped clocks judged
/// across `dates` whose deadline it gives otherwise, in one sealed event (who, when, the
/// dates, each clock with its deadline and verdict then and now). For a change made
/// without `--rejudge` that turned out to correct a mistake. Nothing to re-judge logs
/// nothing.
fn rejudge(ctx: &Context, conn: &Connection, dates: &[NaiveDate]) -> Result<Vec<Contradicted>> {
    let actor = calendar_admin(ctx, conn)?;
    let tx = immediate(conn)?;
    super::deadlines::as_the_log_sealed(&tx)?;
    let mut dates = dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    let now = Deadlines::load(&tx)?;
    let (stopped, _) = Stopped::around(&tx, &dates)?.contradicted(&dates, &now);
    if stopped.is_empty() {
        return Ok(stopped);
    }
    judge_again(&tx, &stopped, &now)?;
    // The list written into the payload's text an entry at a time: built as a tree of
    // values first, 60,000 re-judged clocks took this past twice the bound.
    let head = json!({
        "dates": dates.iter().map(NaiveDate::to_string).collect::<Vec<_>>(),
        "calendar_version": now.calendar.version(),
    });
    let lists = Lists::new(vec![List::of("rejudged_clocks", &stopped, |clock| clock)]);
    ctx.note_with_parts(
        &tx,
        &actor.username,
        EventKind::CalendarRejudge,
        &lists,
        |payload| {
            payload.members(&head)?;
            lists.write(payload, "rejudged_clocks")
        },
        None,
    )?;
    drop(lists);
    tx.commit()?;
    Ok(stopped)
}

/// A running deadline a change moved, as its event records it (`moved_deadlines`): an
/// inspector reading the log later sees why a case was judged against the deadline it was
/// (Đ13.3, Đ14).
#[derive(serde::Serialize)]
struct MovedEntry<'m> {
    report: i64,
    stage: &'static str,
    round: i64,
    from: &'m clocks::StoredDue,
    to: &'m clocks::StoredDue,
}

impl<'m> MovedEntry<'m> {
    fn of(m: &'m clocks::Moved) -> MovedEntry<'m> {
        MovedEntry {
            report: m.report_id,
            stage: m.stage.as_str(),
            round: m.round,
            from: &m.from,
            to: &m.to,
        }
    }
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
