//! The sweep as a use case (docs/rules.md §4, Đ13.3): finds open clocks due soon or past
//! due and records one sealed reminder event per clock per threshold. By default the caller
//! is handed only the rows this run reminds of (what is new since the last run, as cron
//! wants it); `Plan::all` hands every due clock. The list is walked a
//! page at a time in the order it is printed (an index order, so nothing is sorted or held
//! whole); each page is read and reminded in one transaction of the bulk writer
//! (`Policy::SWEEP`), so two sweeps and an operator running at once queue instead of
//! reminding twice, and is handed to the caller once committed. A dry run reads the whole
//! list from one snapshot and takes no lock.
//!
//! The page walk does not go through `app::pipeline`: each page is read under the lock it is
//! reminded under, on the connection's thread, and what is left pure per clock (the
//! reminder's JSON, the printed row) is too little to pay for a second thread.

use anyhow::Result;
use chrono::Duration;
use rusqlite::Connection;
use serde::Serialize;

use crate::app::Context;
use crate::app::deadlines::{Deadlines, Keep, Recomputed, recompute_open_noting};
use crate::domain::audit::MarkClearings;
pub use crate::domain::clocks::{Breach, ClockUnlogged, Doubted};
use crate::domain::clocks::{DutiesMet, Threshold};
use crate::domain::clocks::{OpenEdited, OpenUnvouched};
use crate::domain::deadline::Stage;
use crate::domain::event::EventKind;
use crate::domain::time::{self, Timestamp};
use crate::storage::bulk::{Bulk, Policy};
use crate::storage::clocks;
use crate::storage::journal::{Entry, Journal};

pub use crate::output::sweep::SweepRow;

/// How many newly breached deadlines the notice names one per line; the rest it counts.
/// Cron mails the notice: a few lines an operator reads on a phone.
pub const BREACH_LINES: usize = 10;

/// What a sweep looks at: clocks due before `horizon`.
pub struct Plan {
    /// `sweep.due_soon_minutes`: how far ahead "due soon" looks.
    pub soon_minutes: f64,
    /// The `sweep.due_soon_minutes` row, when the log does not vouch for it (the default
    /// was read instead): what is wrong, for the caller to name (exit 5).
    pub soon_unvouched: Option<crate::domain::audit::ChainBreak>,
    /// The calendar or setting row the log does not vouch for: the open deadlines were not
    /// moved under it, whether or not the calendar's version changed (exit 5).
    pub calendar_unvouched: Option<crate::domain::audit::ChainBreak>,
    /// The `agencies` row the log does not vouch for, if any: the rows then give each
    /// agency's code without a name (exit 5).
    pub names_unvouched: Option<crate::domain::audit::ChainBreak>,
    /// The reports the log has events of and those the file holds, when they differ: a
    /// report deleted with `sqlite3` (its trigger dropped and put back) took its clocks with
    /// it, and its breach was never mailed
    /// (`forged_events::the_sweep_over_a_report_deleted_with_sqlite3_names_the_difference`).
    pub reports_uncounted: Option<(u64, u64)>,
    pub horizon: Timestamp,
    /// Deadlines recomputed first under a newer announced schedule.
    pub recomputed: u64,
    /// Reports that schedule took out of "overdue" after a sweep reminded of them.
    pub cleared_overdue: Vec<i64>,
    pub dry_run: bool,
    /// Hand every due clock to the caller, not only those this run reminds of.
    pub all: bool,
    /// Next year, when from 1 December it has no schedule of days off entered and this run
    /// is the day's first to say so (a dry run always says it).
    pub next_year_unannounced: Option<i32>,
    /// The calendar in force: how far a clock is from its deadline is said in the time it
    /// counts, as `show` says it.
    pub deadlines: std::rc::Rc<Deadlines>,
}

/// The setting the horizon is read from.
const SOON: &str = "sweep.due_soon_minutes";

/// Reads the horizon and, unless this is a dry run, first brings open deadlines under the
/// schedule now announced: a new binary may ship a newer one, and deadlines follow it
/// before any reminder is judged. That move is sealed under `actor` (`calendar_adopt`),
/// with the breaches it took back, as an operator's calendar change is.
pub fn plan(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    dry_run: bool,
    all: bool,
) -> Result<Plan> {
    let mut soon_minutes = crate::app::settings::value(conn, SOON)?;
    // The row the horizon is read from is judged as the retention period's is: one edited
    // behind the tool's back gives way to the default, and is named.
    let soon_unvouched = match crate::app::settings::unvouched_number(conn, SOON)? {
        Some((problem, default)) => {
            soon_minutes = default;
            Some(problem)
        }
        None => None,
    };
    let horizon = ctx.now + Duration::seconds((soon_minutes * 60.0).round() as i64);
    let mut recomputed = Recomputed::default();
    // The days off and the settings deadlines are computed from are judged on every run,
    // not only when the calendar's version changed: a day off inserted with the deadlines
    // it moves leaves every clock under the version in force. The names are printed beside
    // every row of the list.
    let (calendar_unvouched, names_unvouched);
    let today = ctx
        .now
        .with_timezone(&crate::domain::time::vietnam())
        .date_naive();
    let mut next_year_unannounced = Deadlines::load(conn)?.calendar.next_year_unannounced(today);
    // One index-only count, as `report` makes.
    let reports_uncounted = crate::storage::periodic::reports_uncounted(conn)?;
    if dry_run {
        let _snapshot = crate::storage::tx::snapshot(conn)?;
        CalendarJudged {
            calendar: calendar_unvouched,
            names: names_unvouched,
            ..
        } = judge_calendar(conn)?;
    } else {
        // Cron's write: in its turn among the bulk writers, never given up on.
        let tx = crate::storage::tx::queued(conn)?;
        let (before, stale);
        CalendarJudged {
            calendar: calendar_unvouched,
            names: names_unvouched,
            version: before,
            stale,
        } = judge_calendar(&tx)?;
        if stale > 0 && calendar_unvouched.is_none() {
            recomputed = recompute_open_noting(&tx, ctx, Keep::Nothing)?;
            let head = serde_json::json!({
                "calendar_version": before,
                "stale_clocks": stale,
                "recomputed_clocks": recomputed.moved,
            });
            // Those longer than a part written in parts (`domain::parts`).
            let lists = crate::domain::parts::Lists::new(vec![
                crate::domain::parts::List::of(
                    "cleared_overdue",
                    &recomputed.cleared_overdue,
                    |id| id,
                ),
                crate::app::deadlines::cleared_reminders_list(&recomputed.cleared_reminders),
            ]);
            ctx.note_with_parts(
                &tx,
                actor,
                EventKind::CalendarAdopt,
                &lists,
                |payload| {
                    payload.members(&head)?;
                    lists.write(payload, "cleared_overdue")?;
                    lists.write(payload, crate::app::deadlines::CLEARED_REMINDERS)
                },
                None,
            )?;
        }
        // Cron mails stderr at every run: the reminder is said, and sealed, once a day.
        if let Some(year) = next_year_unannounced {
            if clocks::reminded_of_calendar_on(&tx, &today.to_string())? {
                next_year_unannounced = None;
            } else {
                ctx.note(
                    &tx,
                    actor,
                    EventKind::CalendarReminder,
                    serde_json::json!({ "year": year }).to_string(),
                )?;
            }
        }
        tx.commit()?;
    }
    Ok(Plan {
        soon_minutes,
        soon_unvouched,
        calendar_unvouched,
        names_unvouched,
        reports_uncounted,
        horizon,
        recomputed: recomputed.moved,
        cleared_overdue: recomputed.cleared_overdue,
        dry_run,
        all,
        next_year_unannounced,
        deadlines: Deadlines::load(conn)?,
    })
}

/// What the sweep judges its deadlines' calendar by (`judge_calendar`).
struct CalendarJudged {
    /// The calendar's or the settings' row the log does not vouch for, or an open clock under
    /// a calendar no honest change brought it to.
    calendar: Option<crate::domain::audit::ChainBreak>,
    /// The agencies' row the log does not vouch for.
    names: Option<crate::domain::audit::ChainBreak>,
    /// The calendar version in force.
    version: String,
    /// How many open clocks are under another.
    stale: i64,
}

/// Judges the calendar, the settings and the agencies' names against the log, in one
/// snapshot or transaction on `conn`, for the dry run and the real sweep alike. With open
/// clocks under another calendar than today's, a version changed by rows the log does not
/// vouch for is no shipped schedule, nor is a calendar no honest change brought a clock to
/// (adopted, its clock would be recomputed and the forged version sealed away): either is
/// named, and the deadlines stay as they stood.
fn judge_calendar(conn: &Connection) -> Result<CalendarJudged> {
    let (mut calendar, names) = crate::app::audit::unvouched_for_sweep(conn)?;
    let version = Deadlines::load(conn)?.calendar.version().to_owned();
    let stale = clocks::stale(conn, &version)?;
    if stale > 0 && calendar.is_none() {
        calendar = crate::app::audit::unvouched_calendar(conn)?;
    }
    if stale > 0 && calendar.is_none() {
        calendar = crate::app::deadlines::unshipped_open_clock(conn, &version)?;
    }
    Ok(CalendarJudged {
        calendar,
        names,
        version,
        stale,
    })
}

/// A sweep under way for the acting account, allowed to sweep: its connection, and the
/// plan `plan` made (the schedule already adopted unless on a dry run).
pub struct Run {
    conn: Connection,
    actor: String,
    pub plan: Plan,
}

/// Opens the database for a sweep under the acting account (a refusal is logged) and makes
/// its `plan`.
pub fn start(ctx: &Context, dry_run: bool, all: bool) -> Result<Run> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    authorize(ctx, &conn, &actor)?;
    let plan = plan(&conn, ctx, &actor.username, dry_run, all)?;
    Ok(Run {
        conn,
        actor: actor.username,
        plan,
    })
}

/// Checks that `actor` may sweep, as any operation; a role that reads deadlines but may
/// not record reminders (a leader, an auditor) is told, with the rule, what it can run
/// instead: `sweep --dry-run` is what a leader reaches for to see what is due.
fn authorize(ctx: &Context, conn: &Connection, actor: &crate::domain::access::Actor) -> Result<()> {
    use crate::domain::access::{self, Operation, Refusal};
    match access::authorize(actor, Operation::Sweep, None) {
        Ok(()) => Ok(()),
        Err(refusal @ Refusal::Role { role, .. }) if access::role_may(role, Operation::Read) => {
            Err(ctx.log_refused_saying(
                conn,
                actor,
                Operation::Sweep,
                None,
                &refusal,
                crate::output::sweep::refused_to_a_reader(&refusal),
            ))
        }
        Err(refusal) => Err(ctx.log_refused(conn, actor, Operation::Sweep, None, &refusal)),
    }
}

impl Run {
    /// How many clocks the sweep will list (for a progress bar).
    pub fn count_due(&self) -> Result<u64> {
        count_due(&self.conn, &self.plan)
    }

    /// Sweeps as `sweep` does, handing each page of rows to `page`.
    pub fn sweep(&self, ctx: &Context, page: &mut dyn FnMut(Vec<SweepRow>)) -> Result<Tally> {
        sweep(&self.conn, ctx, &self.actor, &self.plan, page)
    }

    /// What the retention erasure would do now (`app::erase::retention_preview`).
    pub fn retention_preview(&self, ctx: &Context) -> Result<crate::app::erase::Preview> {
        crate::app::erase::retention_preview(&self.conn, ctx)
    }

    /// The retention erasure (`app::erase::retention`).
    pub fn retention(&self, ctx: &Context) -> Result<crate::app::erase::Erased> {
        crate::app::erase::retention(&self.conn, ctx)
    }
}

/// How many clocks the sweep will list (for a progress bar).
fn count_due(conn: &Connection, plan: &Plan) -> Result<u64> {
    clocks::count_due_by(conn, &plan.horizon)
}

/// What a sweep counted.
#[derive(Debug, Default)]
pub struct Tally {
    /// Every due clock, by threshold, and the urgent ones among them.
    pub overdue: u64,
    pub soon: u64,
    pub urgent: u64,
    /// Reminders recorded by this run (a dry run records none).
    pub recorded: u64,
    /// Clocks this run found newly past due (reminded of as overdue now, or owed that
    /// reminder on a dry run): what `--fail-on-breach` fails on.
    pub new_breaches: u64,
    /// The first [`BREACH_LINES`] of those, in the list's order (urgent first, then by
    /// deadline).
    pub breaches: Vec<Breach>,
    /// Clocks of urgent reports this run flagged at once (`Threshold::AtOnce`: reminded
    /// now, or owed it on a dry run), their deadline still ahead: the leader is to be told
    /// now (Đ7.2), not half an hour before the deadline.
    pub new_flags: u64,
    /// The first [`BREACH_LINES`] of those, in the list's order.
    pub flags: Vec<Breach>,
    /// Rows handed to the caller.
    pub listed: u64,
    /// Identities erased after the retention period (`privacy.erase_after_days`).
    pub erased: u64,
    /// Reminders owed but not recorded: their report already has a later event (a step
    /// timed forward in `trust` mode), and a reminder may not come before it (docs/rules.md
    /// §7). They stay owed; a later run records them.
    pub skipped: Vec<crate::domain::identity::Backdated>,
    /// Reminder marks the log does not vouch for (set behind the tool's back): each clock
    /// was judged as never reminded at that threshold, and reminded again (or would be, on
    /// a dry run). Named by the caller, exit 5.
    pub doubted: Vec<Doubted>,
    /// Clocks whose row the log does not vouch for: a deadline not the one its start step
    /// gives, or a duty clock stopped or deleted while its report still waits on it. Each
    /// could keep a breach out of the list. Named by the caller, exit 5; nothing is
    /// changed (`audit verify` names the row, a restore puts it back).
    pub clocks_unlogged: Vec<ClockUnlogged>,
}

/// Checks the clock rows the list cannot speak for, in one snapshot the caller holds: each
/// open duty clock not yet due (`for_each_not_yet_due`: the clocks started within their
/// limit of now, or all a change moved later), a clock at a time, against the deadline its
/// start step gives, and each report waiting at a step with a duty clock against the clocks
/// the list and that read met (`seen`). A report neither met is
/// read again on its own, so that a clock started or stopped by an honest step between the
/// sweep's pages is not named. Set-based: one range of an index, one pass over the
/// unfinished reports' part of `reports_by_status`, and a lookup only for what is left.
/// An open clock neither read met, and each clock in `unmet` (an urgent report's the list
/// met only in its others' part), is looked up through the list's own queries
/// (`clocks::unmet`): one they do not find was left out of an index they read.
fn unlogged_clocks(
    conn: &Connection,
    now_text: &str,
    mut seen: DutiesMet,
    mut unmet: Vec<i64>,
) -> Result<Vec<ClockUnlogged>> {
    use crate::domain::clocks::{open_duty, unlogged_deadline};
    let deadlines = Deadlines::load(conn)?;
    let version = deadlines.calendar.version();
    // Under a calendar day or a limit the log does not vouch for (named by the plan), the
    // deadlines counted again are the forged value's: judged by them, the honest clocks
    // were named as changed "perhaps to hide a breach", the forged value taken for the
    // province's (`forged_events::show_under_a_deadline_setting_inserted_with_sqlite3_blames_no_clock`).
    let inputs_vouched = crate::app::audit::unvouched_deadline_inputs(conn)?.is_none();
    let kept = clocks::kept_deadlines(conn)?;
    let mut found = Vec::new();
    // The version the log last recorded for every open clock, read at the first clock under
    // another calendar than today's: none on an honest day.
    let mut recorded = crate::app::deadlines::RecordedCalendar::default();
    clocks::for_each_not_yet_due(conn, now_text, |row| {
        seen.insert(row.report_id, row.stage);
        // A clock under an older calendar is recomputed by the real sweep's plan before
        // this; a dry run leaves it to that. Only under the one the log last recorded as
        // brought to every open clock (`domain::audit::open_clock_version_known`): one made
        // to name a calendar nobody shipped, its deadline moved later, was left out of the
        // dry run's list
        // (`forged_events::an_open_deadline_moved_under_a_calendar_nobody_shipped_is_named_by_the_lists`).
        if row.calendar_version != version
            && recorded.knows(conn, &row.calendar_version, version)?
        {
            return Ok(());
        }
        let open = row.judged();
        if inputs_vouched
            && let Some(unlogged) =
                unlogged_deadline(&open, &deadlines.calendar, &deadlines.policy, &kept)
        {
            found.push(ClockUnlogged::Open(OpenUnvouched::Deadline(
                OpenEdited::of(
                    (row.clock, row.report_id, row.stage),
                    row.due_at.clone(),
                    unlogged,
                ),
            )));
        }
        Ok(())
    })?;
    // The reports whose status keeps a duty clock open, by that clock's stage.
    let mut waiting = DutiesMet::default();
    for status in crate::domain::report::Status::ALL {
        let Some(stage) = open_duty(status) else {
            continue;
        };
        // Only those neither read met are held, to be looked up one by one.
        let mut unseen = Vec::new();
        clocks::for_each_in(conn, status, |report_id| {
            waiting.insert(report_id, stage);
            if !seen.contains(report_id, stage) {
                unseen.push(report_id);
            }
        })?;
        for report_id in unseen {
            let (now_status, held) = clocks::duty_of(conn, report_id, stage)?;
            if now_status.as_deref() != Some(status.as_str()) {
                continue;
            }
            // Open, but met by neither read: started or moved by an honest step between
            // the pages, or left out of the index they read (`unmet` tells which).
            if let Some(&(clock, _)) = held.iter().find(|&&(_, open)| open) {
                unmet.push(clock);
                continue;
            }
            found.push(ClockUnlogged::Open(OpenUnvouched::NotOpen {
                report_id,
                stage,
                clock: held.first().map(|&(id, _)| id),
            }));
        }
    }
    // An open duty clock the list met for a report not waiting at its step: opened again,
    // or added, behind the tool's back; or its report moved on by an honest step between
    // the list's page and this snapshot, which the lookup in this snapshot tells apart.
    for stage in [Stage::Dispatch, Stage::Process, Stage::Publish] {
        for report_id in seen.beyond(&waiting, stage) {
            let (status, held) = clocks::duty_of(conn, report_id, stage)?;
            let status = status
                .as_deref()
                .and_then(crate::domain::report::Status::parse);
            if let Some(&(clock, _)) = held.iter().find(|&&(_, open)| open)
                && crate::domain::clocks::stray_duty(status, stage)
            {
                found.push(ClockUnlogged::Open(OpenUnvouched::Stray {
                    clock,
                    report_id,
                    stage,
                    status,
                }));
            }
        }
    }
    for (report_id, stage) in seen.take_twice() {
        if let Some(twice) = crate::app::deadlines::open_twice(conn, report_id, stage)? {
            found.push(ClockUnlogged::Open(twice));
        }
    }
    unmet.sort_unstable();
    unmet.dedup();
    for clock in unmet {
        if let Some((report_id, stage, due_at)) = clocks::unmet(conn, clock)? {
            found.push(ClockUnlogged::Unlisted {
                clock,
                report_id,
                stage,
                due_at,
            });
        }
    }
    found.sort_by_key(ClockUnlogged::report_id);
    Ok(found)
}

/// The changes that took reminder marks back, read once per sweep (a mark older than the
/// last one for its clock and threshold no longer stands).
fn clearings(conn: &Connection) -> Result<MarkClearings> {
    let mut clearings = MarkClearings::default();
    let key = crate::app::deadlines::CLEARED_REMINDERS;
    crate::storage::events::for_each_of_no_report_naming(conn, key, |id, payload| {
        clearings.observe(id, payload, key);
    })?;
    Ok(clearings)
}

/// Each row's mark at the threshold it has reached, when the log does not vouch for it: the
/// sweep then takes the clock for unreminded there. Only a mark that would keep a reminder
/// back is read; the page's marks are read together, in runs of the log
/// (`events::placed_each`).
fn doubted_marks(
    conn: &Connection,
    clearings: &MarkClearings,
    now_text: &str,
    horizon_text: &str,
    page: &[clocks::Pending],
) -> Result<Vec<Option<Doubted>>> {
    let reached = |pending: &clocks::Pending| {
        let threshold = Threshold::reached(&pending.due_at, now_text, horizon_text);
        (threshold, pending.mark(threshold))
    };
    let mut marks: Vec<i64> = page.iter().filter_map(|p| reached(p).1).collect();
    marks.sort_unstable();
    marks.dedup();
    // What each mark is, as far as vouching goes: the clock and threshold its event names,
    // and whether the event holds at its place in the chain (`MarkClearings::vouches`).
    let mut vouch: Vec<Option<(i64, Threshold, i64)>> = vec![None; marks.len()];
    crate::storage::events::placed_each(conn, &marks, |i, found| {
        vouch[i] = found.and_then(MarkClearings::reminder_of);
    })?;
    Ok(page
        .iter()
        .map(|pending| {
            let (threshold, mark) = reached(pending);
            let mark = mark?;
            let found = marks.binary_search(&mark).ok().and_then(|i| vouch[i]);
            (!clearings.vouches_reminder(found, pending.clock, threshold)).then_some(Doubted {
                clock: pending.clock,
                report_id: pending.report_id,
                threshold,
                mark,
            })
        })
        .collect())
}

/// Sweeps under `actor`: records the reminders owed (none on a dry run) and hands each page
/// of rows to `page`, most pressing first, outside any transaction: the rows this run
/// reminds of (or would, on a dry run), or every due clock with `Plan::all`.
pub fn sweep(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    plan: &Plan,
    page: &mut dyn FnMut(Vec<SweepRow>),
) -> Result<Tally> {
    let now_text = ctx.now_text();
    let mut tally = Tally::default();
    let all = plan.all;
    let names_vouched = plan.names_unvouched.is_none();
    // Counts the page and keeps only the rows to hand on.
    let mut count = |rows: Vec<Marked>| -> Vec<SweepRow> {
        let mut kept = Vec::with_capacity(rows.len());
        for (mut row, new) in rows {
            // A name the log does not vouch for may be another agency's: the code alone
            // says whose clock it is.
            if !names_vouched {
                row.agency_name = None;
            }
            let named = |row: &SweepRow| Breach {
                report_id: row.report_id,
                external_id: row.external_id.clone(),
                urgent: row.urgent,
                stage: row.stage,
                round: row.round,
                agency: row.agency.clone(),
                agency_name: row.agency_name.clone(),
                due_at: row.due_at.clone(),
            };
            match row.threshold {
                Threshold::Overdue => {
                    tally.overdue += 1;
                    tally.new_breaches += u64::from(new);
                    if new && tally.breaches.len() < BREACH_LINES {
                        tally.breaches.push(named(&row));
                    }
                }
                Threshold::DueSoon => tally.soon += 1,
                // Counted among the urgent only: not due soon.
                Threshold::AtOnce => {
                    tally.new_flags += u64::from(new);
                    if new && tally.flags.len() < BREACH_LINES {
                        tally.flags.push(named(&row));
                    }
                }
            }
            tally.urgent += u64::from(row.urgent);
            if all || new {
                kept.push(row);
            }
        }
        tally.listed += kept.len() as u64;
        kept
    };
    let mut key = clocks::SweepKey::first();
    let mut doubted = Vec::new();
    let mut seen = DutiesMet::default();
    // Clocks of urgent reports the list's urgent part should have met, for
    // `unlogged_clocks` to look up again.
    let mut unmet = Vec::new();
    if plan.dry_run {
        let _snapshot = crate::storage::tx::snapshot(conn)?;
        let clearings = clearings(conn)?;
        let horizon_text = time::format(&plan.horizon);
        loop {
            let clocks::DuePage {
                rows: pending,
                next,
                passed,
            } = clocks::due_page(conn, &plan.horizon, &key, Policy::SWEEP.rows)?;
            let mut rows = Vec::with_capacity(pending.len());
            let doubts = doubted_marks(conn, &clearings, &now_text, &horizon_text, &pending)?;
            for (p, doubt) in pending.into_iter().zip(doubts) {
                seen.insert(p.report_id, p.stage);
                let new = owed(&now_text, &horizon_text, &p) || doubt.is_some();
                doubted.extend(doubt);
                let row = sweep_row(&ctx.now, &now_text, &horizon_text, p, false, plan);
                rows.push((
                    SweepRow {
                        would_remind: new,
                        dry_run: true,
                        ..row
                    },
                    new,
                ));
            }
            unmet.extend(not_met(&seen, &passed));
            page(count(rows));
            let Some(next) = next else { break };
            key = next;
        }
        tally.doubted = doubted;
        tally.clocks_unlogged = unlogged_clocks(conn, &now_text, seen, unmet)?;
        tally
            .clocks_unlogged
            .extend(misattributed(conn, &tally.breaches)?);
        return Ok(tally);
    }
    let clearings = clearings(conn)?;
    let mut bulk = Some(Bulk::begin(conn, Policy::SWEEP)?);
    // The journal reads the chain's head: opened once the write lock is held. Under the
    // system clock the reminders are timed now, not when the sweep was started: the
    // writers it queued behind (an ingest, a reveal) may have recorded later events.
    let mut journal = Journal::new(conn, ctx.stamp(actor))?;
    journal.retime();
    let mut recorded = 0;
    let mut skipped = Vec::new();
    while let Some(writer) = &mut bulk {
        let RemindedPage {
            rows,
            next,
            recorded: reminded,
            passed,
        } = remind_page(
            writer,
            &mut journal,
            plan,
            &key,
            &clearings,
            &mut skipped,
            &mut doubted,
        )?;
        recorded += reminded;
        for (row, _) in &rows {
            seen.insert(row.report_id, row.stage);
        }
        unmet.extend(not_met(&seen, &passed));
        let rows = count(rows);
        match next {
            Some(next) => {
                key = next;
                // Committed before it is printed: the output may be slow, the lock is not
                // held meanwhile.
                if writer
                    .page_done_then(reminded as usize, || page(rows))?
                    .began()
                {
                    // Another writer may have extended the chain between the two.
                    journal.resync(writer.conn())?;
                    journal.retime();
                }
            }
            None => {
                bulk.take().expect("the writer is there").finish()?;
                page(rows);
            }
        }
    }
    tally.recorded = recorded;
    tally.skipped = skipped;
    tally.doubted = doubted;
    // Read after the reminders are committed, from one snapshot, in the sweep's turn.
    let _snapshot = crate::storage::tx::queued_read(conn)?;
    tally.clocks_unlogged = unlogged_clocks(conn, &now_text, seen, unmet)?;
    tally
        .clocks_unlogged
        .extend(misattributed(conn, &tally.breaches)?);
    Ok(tally)
}

/// The clocks the breach notice names (at most [`BREACH_LINES`]) whose agency is not the
/// one the log gives them: the notice, which cron mails, reads the agency from the clock
/// row, and one moved with `sqlite3` named another agency as late.
fn misattributed(conn: &Connection, breaches: &[Breach]) -> Result<Vec<ClockUnlogged>> {
    let mut found = Vec::new();
    for breach in breaches {
        let Some((clock, agency, start_report, assigned)) =
            clocks::agency_facts(conn, breach.report_id, breach.stage, breach.round)?
        else {
            continue;
        };
        if let Some(logged) = crate::domain::clocks::agency_fault(
            breach.report_id,
            breach.stage,
            agency.as_deref(),
            start_report,
            assigned.as_deref(),
        ) {
            found.push(ClockUnlogged::Open(OpenUnvouched::Agency {
                clock,
                report_id: breach.report_id,
                stage: breach.stage,
                agency: agency.clone(),
                logged: logged.map(str::to_owned),
            }));
        }
    }
    Ok(found)
}

/// The clocks among `passed` (`clocks::DuePage::passed`) whose report and stage the list
/// has not met. Urgent reports come first in the list, so by the others' part every one of
/// theirs it holds has been met.
fn not_met<'a>(
    seen: &'a DutiesMet,
    passed: &'a [clocks::SetAside],
) -> impl Iterator<Item = i64> + 'a {
    passed
        .iter()
        .filter(|&&(_, report, stage)| !seen.contains(report, stage))
        .map(|&(clock, _, _)| clock)
}

/// Whether `pending` is owed a reminder at `now_text`, due soon meaning due by
/// `horizon_text`: none recorded yet at the threshold it has reached.
fn owed(now_text: &str, horizon_text: &str, pending: &clocks::Pending) -> bool {
    pending
        .mark(Threshold::reached(&pending.due_at, now_text, horizon_text))
        .is_none()
}

/// A row, and whether this run reminded of it (or would, on a dry run).
type Marked = (SweepRow, bool);

/// One page of the list under the write lock: records the reminders its clocks are owed
/// (once per clock and threshold: a clock another sweep reminded is seen as reminded,
/// since the page is read under the same lock), and returns the page's rows, the key of
/// the next page and how many reminders were recorded. Each row comes with whether this
/// run reminded of it, and the clocks the page set aside (`clocks::DuePage::passed`). A
/// reminder its report's later event forbids is added to `skipped` and the others are
/// recorded.
fn remind_page(
    conn: &Connection,
    journal: &mut Journal<'_>,
    plan: &Plan,
    from: &clocks::SweepKey,
    clearings: &MarkClearings,
    skipped: &mut Vec<crate::domain::identity::Backdated>,
    doubted: &mut Vec<Doubted>,
) -> Result<RemindedPage> {
    // The page is judged at the journal's time: when the lock was got, under the system
    // clock.
    let now = journal.stamp().at;
    let now_text = time::format(&now);
    let now_text = now_text.as_str();
    let horizon = now + Duration::seconds((plan.soon_minutes * 60.0).round() as i64);
    let horizon_text = time::format(&horizon);
    let horizon_text = horizon_text.as_str();
    let clocks::DuePage {
        rows: page,
        next,
        passed,
    } = clocks::due_page(conn, &horizon, from, Policy::SWEEP.rows)?;
    let reached =
        |pending: &clocks::Pending| Threshold::reached(&pending.due_at, now_text, horizon_text);
    // A mark the log does not vouch for keeps no reminder back: the clock is reminded as
    // if unmarked, and the reminder names the mark it replaces.
    let mut replaces = vec![None; page.len()];
    for (i, doubt) in doubted_marks(conn, clearings, now_text, horizon_text, &page)?
        .into_iter()
        .enumerate()
    {
        if let Some(doubt) = doubt {
            replaces[i] = Some(doubt.mark);
            doubted.push(doubt);
        }
    }
    let owed = |i: usize| owed(now_text, horizon_text, &page[i]) || replaces[i].is_some();
    // The reminders are recorded in report order, not in the page's urgency order: each
    // one reads its report's row and adds to that report's entries in `events_by_report`,
    // and in report order those pages are met once each instead of at random (a first
    // sweep read and wrote about a quarter more pages than the same writes in SQL). The
    // rows are still printed most pressing first; the reminders share one time.
    let mut order: Vec<usize> = (0..page.len()).filter(|&i| owed(i)).collect();
    order.sort_by_key(|&i| (page[i].report_id, page[i].clock));
    let mut recorded = 0;
    let mut held_back = Vec::new();
    for &i in &order {
        let pending = &page[i];
        let threshold = reached(pending);
        match journal.try_append(Entry {
            kind: EventKind::Remind,
            report: None,
            about: Some(pending.report_id),
            payload: Reminder {
                replaced_mark: replaces[i],
                ..Reminder::of(pending, threshold)
            }
            .payload(),
            clocks: None,
        })? {
            Ok(event) => {
                clocks::mark_reminded(conn, pending.clock, threshold, event)?;
                recorded += 1;
            }
            Err(refusal) => {
                held_back.push(i);
                // Named once per report, however many of its clocks are owed.
                if !skipped.iter().any(|s| s.report_id == refusal.report_id) {
                    skipped.push(refusal);
                }
            }
        }
    }
    let owed: Vec<bool> = (0..page.len()).map(owed).collect();
    let rows = page
        .into_iter()
        .enumerate()
        .map(|(i, pending)| {
            let reminded_now = owed[i] && !held_back.contains(&i);
            let row = sweep_row(&now, now_text, horizon_text, pending, reminded_now, plan);
            (
                SweepRow {
                    would_remind: owed[i],
                    ..row
                },
                reminded_now,
            )
        })
        .collect();
    Ok(RemindedPage {
        rows,
        next,
        recorded,
        passed,
    })
}

/// What `remind_page` gives back.
struct RemindedPage {
    rows: Vec<Marked>,
    next: Option<clocks::SweepKey>,
    recorded: u64,
    passed: Vec<clocks::SetAside>,
}

/// What a `remind` event records. The fields keep the order of the stored text, which the
/// chain seals; written straight from the clock, since building a JSON map per reminder was
/// a twentieth of a first sweep.
#[derive(Serialize)]
struct Reminder<'p> {
    clock: i64,
    stage: Stage,
    round: i64,
    threshold: Threshold,
    due_at: &'p str,
    agency: Option<&'p str>,
    urgent: bool,
    /// The mark found in place of this reminder that the log did not vouch for (set
    /// behind the tool's back): kept in the sealed record, since this reminder's own mark
    /// overwrites it and `audit verify` then has nothing left to name.
    #[serde(skip_serializing_if = "Option::is_none")]
    replaced_mark: Option<i64>,
}

impl<'p> Reminder<'p> {
    fn of(pending: &'p clocks::Pending, threshold: Threshold) -> Self {
        Reminder {
            clock: pending.clock,
            stage: pending.stage,
            round: pending.round,
            threshold,
            due_at: &pending.due_at,
            agency: pending.agency.as_deref(),
            urgent: pending.urgent,
            replaced_mark: None,
        }
    }

    fn payload(&self) -> String {
        serde_json::to_string(self).expect("a reminder always serialises")
    }
}

/// The row printed for a clock.
fn sweep_row(
    now: &Timestamp,
    now_text: &str,
    horizon_text: &str,
    pending: clocks::Pending,
    reminded_now: bool,
    plan: &Plan,
) -> SweepRow {
    // Text order is time order for the canonical form; parsing is only for the minutes.
    let threshold = Threshold::reached(&pending.due_at, now_text, horizon_text);
    let due_at = time::stored(&pending.due_at).unwrap_or(*now);
    let distance =
        crate::domain::deadline::distance(now, &due_at, pending.rule, &plan.deadlines.calendar);
    SweepRow {
        report_id: pending.report_id,
        external_id: pending.external_id,
        urgent: pending.urgent,
        stage: pending.stage,
        round: pending.round,
        agency: pending.agency,
        agency_name: pending.agency_name,
        due_at: pending.due_at,
        threshold,
        minutes_over: (*now - due_at).num_minutes(),
        minutes_over_counted: -distance.signed_minutes(),
        distance,
        reminded_now,
        would_remind: reminded_now,
        dry_run: false,
        swept_at: now_text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The sweep started at 09:00 under the system clock queued behind a writer that
    /// recorded a reveal of report 1 at 09:30, and got the lock at 10:00: its reminders are
    /// timed at 10:00, after the reveal, report 1's with them (it refused the whole run
    /// before, every reminder "before" the reveal).
    #[test]
    fn under_the_system_clock_the_reminders_are_timed_when_the_sweep_gets_the_lock() {
        let at = |text: &str| time::parse(text).unwrap().unwrap();
        let got_lock = at("2026-11-05T10:00:00+07:00");
        crate::storage::journal::FROZEN_CLOCK.with(|c| c.set(Some(got_lock.timestamp())));
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("t.key");
        let master = crate::domain::vault::MasterKey::generate(
            &mut crate::domain::vault::Random::from_seed([1; 32]),
        );
        crate::storage::keyfile::create(&key, &master).unwrap();
        let mut ctx = Context {
            db: Some(dir.path().join("t.sqlite")),
            user: None,
            now: at("2026-11-02T08:00:00+07:00"),
            format: crate::output::Format::Json,
            lang: Lang::En,
            login: "tester".to_owned(),
            pinned: true,
            key_file: Some(key),
            csv: None,
            scratch: false,
            command: String::new(),
        };
        let conn = crate::storage::create(&ctx.db_path()).unwrap();
        let input = include_str!("../../examples/reports.csv");
        crate::app::ingest::ingest_reader(
            &conn,
            &ctx,
            "admin",
            "in",
            input.as_bytes(),
            input.len() as u64,
            crate::app::ingest::InputFormat::Csv,
            false,
        )
        .unwrap();
        let revealed = {
            let tx = crate::storage::tx::queued(&conn).unwrap();
            let stamp = crate::storage::journal::Stamp {
                at: at("2026-11-05T09:30:00+07:00"),
                ..ctx.stamp("admin")
            };
            let mut journal = Journal::new(&tx, stamp).unwrap();
            journal
                .append(Entry {
                    kind: EventKind::Reveal,
                    report: None,
                    about: Some(1),
                    payload: "{}".to_owned(),
                    clocks: None,
                })
                .unwrap();
            drop(journal);
            tx.commit().unwrap();
            1
        };
        ctx.now = at("2026-11-05T09:00:00+07:00");
        ctx.pinned = false;
        let plan = plan(&conn, &ctx, "admin", false, false).unwrap();
        let tally = sweep(&conn, &ctx, "admin", &plan, &mut |_| {}).unwrap();
        assert!(tally.skipped.is_empty(), "{:?}", tally.skipped);
        assert!(tally.recorded > 0);
        let times: Vec<(i64, String)> = conn
            .prepare("SELECT report_id, at FROM events WHERE action = 'remind'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(times.len() as u64, tally.recorded);
        assert!(
            times.iter().all(|(_, t)| t == "2026-11-05T10:00:00+07:00"),
            "{times:?}"
        );
        assert!(times.iter().any(|(id, _)| *id == revealed), "{times:?}");
    }

    /// Reminders recorded before and after must read the same: the payload text is the one
    /// the earlier JSON map wrote, key order and escaping included.
    #[test]
    fn a_reminder_payload_is_the_text_the_json_map_wrote() {
        for (agency, stage, threshold) in [
            (
                Some("UBND-\"Phường\" 1"),
                Stage::Process,
                Threshold::Overdue,
            ),
            (None, Stage::Dispatch, Threshold::DueSoon),
            (Some("SXD"), Stage::Publish, Threshold::AtOnce),
        ] {
            let pending = clocks::Pending {
                clock: 42,
                report_id: 7,
                external_id: "CMG-1".into(),
                urgent: threshold != Threshold::DueSoon,
                stage,
                round: 2,
                agency: agency.map(str::to_owned),
                agency_name: None,
                due_at: "2026-12-31T08:00:00+07:00".into(),
                reminded: [None; Threshold::COUNT],
                rule: crate::domain::deadline::Rule::WorkingHours,
            };
            let map = serde_json::json!({
                "clock": pending.clock,
                "stage": pending.stage,
                "round": pending.round,
                "threshold": threshold.as_str(),
                "due_at": pending.due_at,
                "agency": pending.agency,
                "urgent": pending.urgent,
            })
            .to_string();
            assert_eq!(Reminder::of(&pending, threshold).payload(), map);
        }
    }
}
