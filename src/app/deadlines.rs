//! The deadline machinery as the commands see it: the calendar and limits in force in a
//! database (shipped schedules, the operator's days, settings), and recomputing open clocks
//! after any of them changes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use super::settings::{self, InForce};
use crate::domain::calendar::{
    ANNOUNCED, Calendar, CalendarInputs, NationalDayExtra, ScheduledDay, WorkingHours,
    parse_schedule,
};
use crate::domain::clocks::{Effects, Kept, StoredDue, effects_of_event};
use crate::domain::deadline::{Policy, Stage};
use crate::domain::event::EventKind;
use crate::domain::history::State;
use crate::domain::parts::List;
use crate::i18n::Lang;
use crate::storage::clocks;
use crate::storage::journal::{Journal, Stamp};

/// The calendar and limits in force.
pub struct Deadlines {
    pub calendar: Calendar,
    pub policy: Policy,
}

/// What a calendar and its limits are built from, besides the shipped schedules (which never
/// change while the process runs).
type Key = (Vec<ScheduledDay>, WorkingHours, NationalDayExtra, Policy);

thread_local! {
    /// The last calendar built, with the inputs it was built from: a long run (`demo`, a
    /// bulk replay) loads the deadlines at every step, and rebuilding the calendar and its
    /// digest each time cost more than the step itself.
    static LAST: RefCell<Option<(Key, Rc<Deadlines>)>> = const { RefCell::new(None) };
}

impl Deadlines {
    /// These calendar and limits as `audit verify`'s check of a clock takes them.
    pub fn in_force(&self) -> crate::domain::audit::InForce<'_> {
        crate::domain::audit::InForce {
            calendar: &self.calendar,
            policy: &self.policy,
        }
    }

    /// The calendar and limits in force (shared while they stay the same).
    pub fn load(conn: &Connection) -> Result<Rc<Deadlines>> {
        let key: Key = (
            clocks::calendar_days(conn)?,
            WorkingHours::parse(&settings::text(conn, "calendar.working_hours")?)
                .context("calendar.working_hours holds an unreadable value")?,
            NationalDayExtra::parse(&settings::text(conn, "calendar.national_day_extra")?)
                .context("calendar.national_day_extra holds an unknown value")?,
            settings::policy(conn)?,
        );
        if let Some(hit) = LAST.with_borrow(|last| {
            last.as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, d)| Rc::clone(d))
        }) {
            return Ok(hit);
        }
        let (overrides, hours, national_day_extra, policy) = key.clone();
        let deadlines = Rc::new(Deadlines {
            calendar: Calendar::new(&CalendarInputs {
                announced: announced()?,
                overrides,
                hours,
                national_day_extra,
            }),
            policy,
        });
        LAST.set(Some((key, Rc::clone(&deadlines))));
        Ok(deadlines)
    }

    /// The calendar and limits in force at `moment` (canonical RFC 3339 text), with the
    /// settings stored then when any changed since (None: the same as now). A report "as of"
    /// a moment reads these, so a later calendar or settings change moves none of its numbers
    /// (docs/rules.md §5).
    pub fn as_of(conn: &Connection, moment: &str) -> Result<(Rc<Deadlines>, Option<State>)> {
        let changes = crate::storage::settings::changes_after(conn, moment)?;
        Deadlines::before(conn, &changes)
    }

    /// The calendar and limits in force before `changes` (logged calendar and settings
    /// changes, `(kind, payload)`, newest first) were made, with the settings stored then
    /// when there are any (None: the same as now).
    pub fn before(
        conn: &Connection,
        changes: &[(EventKind, String)],
    ) -> Result<(Rc<Deadlines>, Option<State>)> {
        if changes.is_empty() {
            return Ok((Deadlines::load(conn)?, None));
        }
        let mut state = State {
            settings: crate::storage::settings::all(conn)?.into_iter().collect(),
            days: clocks::calendar_days(conn)?
                .into_iter()
                .map(|d| (d.date, d))
                .collect(),
        };
        for (kind, payload) in changes {
            state
                .undo(*kind, payload)
                .map_err(|e| anyhow::anyhow!("cannot undo a logged change ({})", e.0))?;
        }
        let then = InForce::Then(&state.settings);
        let deadlines = Deadlines {
            calendar: Calendar::new(&CalendarInputs {
                announced: announced()?,
                overrides: state.day_list(),
                hours: WorkingHours::parse(&then.text(conn, "calendar.working_hours")?)
                    .context("calendar.working_hours held an unreadable value")?,
                national_day_extra: NationalDayExtra::parse(
                    &then.text(conn, "calendar.national_day_extra")?,
                )
                .context("calendar.national_day_extra held an unknown value")?,
            }),
            policy: settings::policy_at(conn, &then)?,
        };
        Ok((Rc::new(deadlines), Some(state)))
    }

    pub fn keeper<'c>(&'c self, conn: &'c Connection) -> Result<clocks::Keeper<'c>> {
        clocks::Keeper::new(conn, &self.calendar, &self.policy)
    }

    /// A journal whose steps start and stop their clocks under these deadlines.
    pub fn journal<'c>(&'c self, conn: &'c Connection, stamp: Stamp) -> Result<Journal<'c>> {
        Journal::with_clocks(conn, stamp, &self.calendar, &self.policy)
    }
}

/// The calendar and limits in force just before each step of the log: today's, with every
/// calendar or settings change logged after the step undone. A stopped clock's deadline was
/// last computed under them (every change recomputes the open clocks), so `audit verify`
/// and the periodic reports judge it so. Built once per number of changes undone; the
/// changes are few, the steps many.
pub struct BeforeEach<'c> {
    conn: &'c Connection,
    /// The changes' event ids, newest first.
    ids: Vec<i64>,
    undone: Vec<(EventKind, String)>,
    built: HashMap<usize, Rc<Deadlines>>,
    /// The last event that re-judged each clock (report, stage, round) under the calendar
    /// then in force (`calendar rejudge`, a change's `--rejudge`): its deadline was last
    /// computed there, not at its stop.
    /// Sorted by clock, one entry a clock: 32 bytes each, no text.
    rejudged: Vec<((i64, Stage, i64), i64)>,
    /// The deadlines changes of the limits kept because they had passed (`kept_overdue`),
    /// shared with the walk that holds this (one list of a province's kept clocks).
    kept: Rc<Kept>,
}

impl<'c> BeforeEach<'c> {
    pub fn new(conn: &'c Connection) -> Result<BeforeEach<'c>> {
        let changes = crate::storage::settings::changes_by_id(conn)?;
        let (ids, undone) = changes.into_iter().unzip();
        // The last event that re-judged a clock is the one it was last computed under. The
        // same clocks re-judged again and again are folded before the list grows: its room
        // is at most twice the clocks re-judged, not every listing of them.
        let fold = |list: &mut Vec<((i64, Stage, i64), i64)>| {
            list.sort_by_key(|&(clock, event)| (clock, std::cmp::Reverse(event)));
            list.dedup_by_key(|(clock, _)| *clock);
        };
        let mut rejudged = Vec::new();
        clocks::rejudged_clocks(conn, |event, report, stage, round| {
            if rejudged.len() == rejudged.capacity() {
                let room = rejudged.capacity();
                fold(&mut rejudged);
                // Grown as ever when the fold freed less than half the room.
                if rejudged.len() > room / 2 {
                    rejudged.reserve(rejudged.len());
                }
            }
            rejudged.push(((report, stage, round), event));
        })?;
        fold(&mut rejudged);
        rejudged.shrink_to_fit();
        Ok(BeforeEach {
            conn,
            ids,
            undone,
            built: HashMap::new(),
            rejudged,
            kept: Rc::new(clocks::kept_deadlines(conn)?),
        })
    }

    /// The deadlines the logged changes kept because they had passed: a clock holding one
    /// is judged by it whatever the limits before its stop (or after its re-judging) give.
    pub fn kept(&self) -> Rc<Kept> {
        Rc::clone(&self.kept)
    }

    /// The calendar and limits clock (report, stage, round), stopped by event `stop`, was
    /// last judged under: in force just before its stop, or just after the event that last
    /// re-judged it.
    pub fn for_clock(
        &mut self,
        report: i64,
        stage: crate::domain::deadline::Stage,
        round: i64,
        stop: i64,
    ) -> Result<Rc<Deadlines>> {
        let at = match self
            .rejudged
            .binary_search_by_key(&(report, stage, round), |&(clock, _)| clock)
        {
            Ok(i) => self.rejudged[i].1.max(stop),
            Err(_) => stop,
        };
        self.step(at)
    }

    /// The calendar and limits in force just before event `step`.
    pub fn step(&mut self, step: i64) -> Result<Rc<Deadlines>> {
        let after = self.ids.partition_point(|&id| id > step);
        if let Some(built) = self.built.get(&after) {
            return Ok(Rc::clone(built));
        }
        let (built, _) = Deadlines::before(self.conn, &self.undone[..after])?;
        self.built.insert(after, Rc::clone(&built));
        Ok(built)
    }
}

/// The shipped schedules, read once per process. Checked whole by a unit test; a failure
/// here is a broken build, not bad input.
fn announced() -> Result<Vec<ScheduledDay>> {
    static PARSED: OnceLock<Vec<ScheduledDay>> = OnceLock::new();
    if let Some(days) = PARSED.get() {
        return Ok(days.clone());
    }
    // A debug build may be given the schedule an older phananh shipped, so that a test
    // makes a file as that phananh left it, its log recording that schedule's version,
    // and plays the upgrade honestly (`deadlines::a_newer_shipped_schedule_that_takes_back_a_reported_breach_is_said_and_sealed`).
    let older = crate::storage::debug_env("PHANANH_SHIPPED_SCHEDULE")
        .map(std::fs::read_to_string)
        .transpose()?;
    let days = parse_schedule(older.as_deref().unwrap_or(ANNOUNCED))
        .map_err(|e| anyhow::anyhow!("the shipped schedule is unreadable: {e:?}"))?;
    Ok(PARSED.get_or_init(|| days).clone())
}

/// Recomputes every open clock under what is now in force, inside the caller's transaction,
/// with a progress bar on a terminal. Returns how many deadlines changed.
/// What recomputing the open clocks did: how many it moved, and the reports whose breach,
/// already reminded of by the sweep, it took back.
#[derive(Debug, Default)]
pub struct Recomputed {
    /// Open clock rows rewritten (a new calendar version is a rewrite even when the
    /// deadline stays).
    pub moved: u64,
    /// Open clocks read, moved or not.
    pub open: u64,
    /// The running deadlines that moved, each from and to (yearturn3: a change said it
    /// recomputed every open clock whether one moved or many).
    pub shifted: Vec<clocks::Moved>,
    pub cleared_overdue: Vec<i64>,
    /// The reports the move put past a deadline at once (a day off taken back, a working
    /// day added after the fact, a limit made shorter): the next sweep reminds of them, but
    /// the one who made the change is told now.
    pub made_overdue: Vec<i64>,
    /// The sweep's marks the move took back, as (clock, overdue): sealed in the step's
    /// event (`write_cleared_reminders`), which `audit verify` replays.
    pub cleared_reminders: Vec<(i64, bool)>,
    /// The clocks already past their deadline that kept it (a change of the limits,
    /// [`Keep::Passed`]), as (report, stage, deadline): sealed in the change's event
    /// (`kept_overdue`), by which every check of a deadline judges them.
    pub kept: Vec<(i64, Stage, StoredDue)>,
}

/// Whether a recomputation keeps the deadlines already passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// A change of the limits or of the working hours (`settings set`): a breach that
    /// happened under the rule then in force stays a breach (docs/rules.md, Settings).
    Passed,
    /// A change of the days off (`calendar`): a day declared off after the fact was no
    /// working day, and a breach counted over it is taken back, said and sealed.
    Nothing,
}

/// The deadlines `kept` as the list
/// [`KEPT_OVERDUE`](crate::domain::clocks::KEPT_OVERDUE) of a change's payload, each
/// `[report, stage, deadline]`, left out when there are none.
pub fn kept_list(kept: &[(i64, Stage, StoredDue)]) -> List<'_> {
    List::of(
        crate::domain::clocks::KEPT_OVERDUE,
        kept,
        |(report, stage, due)| (report, stage.as_str(), due),
    )
    .unless_empty()
}

/// The key of a change's payload that lists the reminder marks it cleared.
pub const CLEARED_REMINDERS: &str = "cleared_reminders";

/// The reminder marks `cleared` as the list [`CLEARED_REMINDERS`] of a change's payload,
/// each `[clock, "overdue" | "due_soon"]`, left out when there are none: the payloads of
/// changes that cleared none read as before.
pub fn cleared_reminders_list(cleared: &[(i64, bool)]) -> List<'_> {
    List::of(CLEARED_REMINDERS, cleared, |&(clock, overdue)| {
        (clock, if overdue { "overdue" } else { "due_soon" })
    })
    .unless_empty()
}

/// Refuses (exit 5) a change of the calendar or of a setting that moves deadlines while a
/// row of `calendar_days` or `settings` is not what the log sealed: the change recomputes
/// every open clock, under that row too, and seals the result as the admin's
/// (`forged_events::a_calendar_change_over_a_day_edited_with_sqlite3_is_refused`). The rows the change writes are judged too: overwriting or removing one would
/// log the forged line as the one it `replaced` (or `removed`, or a setting's `from`), which
/// a report as of an earlier moment and `audit verify`'s judgement of stopped clocks read as
/// the calendar then in force (`domain::history`;
/// `forged_events::a_setting_set_over_its_own_row_edited_with_sqlite3_is_refused`).
pub fn as_the_log_sealed(conn: &Connection) -> Result<()> {
    let Some(problem) = super::audit::unvouched_calendar(conn)? else {
        return Ok(());
    };
    Err(
        crate::exit::Failure::integrity(crate::output::deadlines::unvouched_change(&problem))
            .into(),
    )
}

/// [`recompute_open`], naming the reports a change of calendar or settings took out of
/// "overdue" after the sweep reported them: right for a closure announced that morning,
/// and the way an admin with a grudge would wipe a breach. Either way it is said, and the
/// caller seals it in the change's event (SECURITY.md).
pub fn recompute_open_noting(
    conn: &Connection,
    ctx: &super::Context,
    keep: Keep,
) -> Result<Recomputed> {
    let now = ctx.now_text();
    let not_due_before = clocks::reminded_overdue_not_due(conn, &now)?;
    let overdue_before = clocks::overdue_open(conn, &now)?;
    let mut kept = Vec::new();
    let clocks::Recount {
        open,
        rewritten: moved,
        moved: shifted,
    } = recompute_keeping(
        conn,
        ctx.lang,
        (keep == Keep::Passed).then_some(now.as_str()),
        |report, stage, due| kept.push((report, stage, due)),
    )?;
    // Both lists come in report order: a search in each, not a walk of it for every report
    // of the other (110,000 late reports are 10^10 comparisons).
    let made_overdue = clocks::overdue_open(conn, &now)?
        .into_iter()
        .filter(|id| overdue_before.binary_search(id).is_err())
        .collect();
    let cleared_overdue = clocks::reminded_overdue_not_due(conn, &now)?
        .into_iter()
        .filter(|id| not_due_before.binary_search(id).is_err())
        .collect();
    // A reminded threshold the new deadline no longer reaches is reminded again when it
    // does: the breach it takes back is not the breach a later deadline may come to.
    let soon_minutes = super::settings::value(conn, "sweep.due_soon_minutes")?;
    let horizon = ctx.now + chrono::Duration::seconds((soon_minutes * 60.0).round() as i64);
    let cleared_reminders =
        clocks::clear_marks_not_holding(conn, &now, &crate::domain::time::format(&horizon))?;
    Ok(Recomputed {
        moved,
        open,
        shifted,
        cleared_overdue,
        made_overdue,
        cleared_reminders,
        kept,
    })
}

pub fn recompute_open(conn: &Connection, lang: Lang) -> Result<clocks::Recount> {
    recompute_keeping(conn, lang, None, |_, _, _| {})
}

fn recompute_keeping(
    conn: &Connection,
    lang: Lang,
    keep_passed: Option<&str>,
    kept: impl FnMut(i64, Stage, StoredDue),
) -> Result<clocks::Recount> {
    let deadlines = Deadlines::load(conn)?;
    let bar = if crate::output::watching() {
        crate::output::progress(
            clocks::count_open(conn)?,
            crate::output::deadlines::recomputing(lang),
            lang,
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let changed = clocks::recompute(
        conn,
        &deadlines.calendar,
        &deadlines.policy,
        keep_passed,
        kept,
        || bar.inc(1),
    )?;
    bar.finish_and_clear();
    Ok(changed)
}

/// Whether the database predates clocks and must have them rebuilt before it is read.
pub fn missing(conn: &Connection) -> Result<bool> {
    clocks::predate_clocks(conn)
}

/// A database built before clocks existed (schema 1) has reports but no clocks. Replays its
/// log once, in one transaction, so every report carries the clocks its steps would have
/// started and stopped. Returns how many clocks were written.
pub fn rebuild_if_missing(conn: &Connection) -> Result<u64> {
    if !missing(conn)? {
        return Ok(0);
    }
    let tx = crate::storage::tx::immediate(conn)?;
    if !clocks::predate_clocks(&tx)? {
        return Ok(0);
    }
    let deadlines = Deadlines::load(&tx)?;
    let mut keeper = deadlines.keeper(&tx)?;
    let submitted = clocks::submission_times(&tx)?;
    let mut agencies: HashMap<i64, String> = HashMap::new();
    clocks::for_each_logged_step(&tx, |step| {
        // A name no version of phananh wrote moves no clock (the audit names it).
        let Some(kind) = step.kind else {
            return Ok(());
        };
        if let Some(agency) = step.agency {
            agencies.insert(step.report, agency);
        }
        let effects = effects_of_event(kind, agencies.get(&step.report).map(String::as_str));
        if effects == Effects::default() {
            return Ok(());
        }
        let at = clocks::parse_time(&step.at)?;
        let start = if kind == EventKind::Ingest {
            clocks::parse_time(submitted.get(&step.report).map_or("", String::as_str))?
        } else {
            at
        };
        keeper.apply(step.report, &effects, kind, &at, &start, step.event)
    })?;
    drop(keeper);
    let written = clocks::count(&tx)?;
    tx.commit()?;
    Ok(written)
}

pub use crate::domain::clocks::{OpenEdited, OpenUnvouched};

/// Who reads the open clocks [`judge_open`] judges: what it prints of a clock under another
/// calendar than today's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenReader {
    /// The exports: the deadline the log gives ([`Promises`]).
    Export,
    /// `list --due` and `list --overdue`: the row's.
    List,
}

/// Judges the open duty clocks before anything prints an open deadline to someone who acts
/// on it: the exports' expected time, the desk's `list --due` and `list --overdue`.
///
/// Each open duty clock's deadline, as `report` and `score` judge an open clock: the one its
/// start step gives under the calendar and limits in force
/// (`domain::clocks::unlogged_deadline`). One read of the open clocks, a row at a time, in
/// the table's order (`storage::clocks::for_each_open_duty`), and a deadline counted for
/// each; no replay. The clock named when some do not hold under today's calendar is the one
/// due first, then the oldest
/// (`forged_events::of_two_open_deadlines_moved_the_one_due_first_is_named`), whatever
/// order they were read in. A clock under another calendar whose row differs from what the
/// log gives is not named: an honest one the next sweep of a newer binary recomputes, or a
/// row edited to look so; the two cannot be told apart, so the exports print the log's
/// deadline for it ([`Promises`]) and the lists leave it to the sweep, as its own check does.
///
/// Each one's agency, as the sweep's breach notice and the scores judge it
/// (`domain::clocks::agency_fault`): the lists print it and filter by it, and a clock moved
/// to another agency with `sqlite3` gave the deadline and the lateness to that agency
/// (`forged_events::a_desk_list_over_a_clock_moved_to_another_agency_with_sqlite3_names_it`).
/// Named, the first read, when no deadline is.
///
/// Each one's step against its report's status (`domain::clocks::stray_duty`): a clock its
/// step stopped, opened again with `sqlite3`, listed the dispatch desk late over a report an
/// agency already held
/// (`forged_events::a_stopped_clock_opened_again_with_sqlite3_frames_no_desk`). Named, the
/// first read, when no deadline is.
///
/// Then that every report waiting at a step with a duty clock has that clock open
/// (`domain::clocks::open_duty`): one deleted or stopped with `sqlite3` left the report with
/// no deadline anywhere, exit 0, a late agency hidden
/// (`forged_events::an_open_clock_deleted_with_sqlite3_hides_no_late_agency`); and only
/// one: a second, copied in as a later round, listed and counted the report twice
/// (`forged_events::a_duty_clock_copied_in_with_sqlite3_is_named_not_counted_twice`). Named
/// when no deadline is.
///
/// The whole read, even for a list: a clock moved later may be any of them, and only the
/// index by due time could stop at the first clock named, at the price of a page read at
/// random for each clock before it, every time, for the one time a clock is moved.
///
/// `reader` says what is printed of a clock under another calendar than today's. The
/// exports print the log's deadline for it ([`Promises`]), so it is named by them only
/// through its agency, step or report; the lists print the row's, so for them one whose
/// deadline is not the log's is also named when its calendar is none a clock may carry
/// (`domain::audit::open_clock_version_known`: today's, or the one the log last recorded
/// as brought to every open clock): made to name a calendar nobody shipped, a deadline
/// moved later left the report out of `list --overdue` and `list --due`
/// (`forged_events::an_open_deadline_moved_under_a_calendar_nobody_shipped_is_named_by_the_lists`).
/// The recorded version is read once, at the first such clock: none on an honest day.
pub fn judge_open(conn: &Connection, reader: OpenReader) -> Result<Option<OpenUnvouched>> {
    use crate::domain::clocks::{Unlogged, stray_duty, unlogged_deadline};
    use crate::domain::report::Status;
    let deadlines = Deadlines::load(conn)?;
    let version = deadlines.calendar.version();
    let mut met = crate::domain::clocks::DutiesMet::default();
    // The first clock read whose agency is not the log's: named when no deadline is.
    let mut moved: Option<OpenUnvouched> = None;
    // The first clock read of a step its report is not at: named when no deadline is.
    let mut stray: Option<OpenUnvouched> = None;
    // The one named so far: compared by its deadline, then its clock.
    let mut named: Option<OpenEdited> = None;
    let mut recorded = RecordedCalendar::default();
    let kept = clocks::kept_deadlines(conn)?;
    crate::storage::clocks::for_each_open_duty(conn, |row, facts| {
        let status = facts.status.as_deref().and_then(Status::parse);
        if !stray_duty(status, row.stage) {
            met.insert(row.report_id, row.stage);
        } else if stray.is_none() {
            stray = Some(OpenUnvouched::Stray {
                clock: row.clock,
                report_id: row.report_id,
                stage: row.stage,
                status,
            });
        }
        if moved.is_none()
            && let Some(logged) = crate::domain::clocks::agency_fault(
                row.report_id,
                row.stage,
                facts.agency.as_deref(),
                row.start.as_ref().and_then(|(report, _, _)| *report),
                facts.assigned.as_deref(),
            )
        {
            moved = Some(OpenUnvouched::Agency {
                clock: row.clock,
                report_id: row.report_id,
                stage: row.stage,
                agency: facts.agency.clone(),
                logged: logged.map(str::to_owned),
            });
        }
        let open = row.judged();
        let Some(unlogged) =
            unlogged_deadline(&open, &deadlines.calendar, &deadlines.policy, &kept)
        else {
            return Ok(());
        };
        // Under an older calendar the deadline (and the kind of time it is counted in) is
        // the one that calendar gave, until a recompute brings the clock under today's.
        if unlogged != Unlogged::Start && row.calendar_version != version {
            if reader == OpenReader::Export {
                return Ok(());
            }
            if recorded.knows(conn, &row.calendar_version, version)? {
                return Ok(());
            }
        }
        let first = named.as_ref().is_none_or(|edited| {
            (row.due_at.as_str(), row.clock) < (edited.due_at.as_str(), edited.clock)
        });
        if first {
            named = Some(OpenEdited::of(
                (row.clock, row.report_id, row.stage),
                row.due_at,
                unlogged,
            ));
        }
        Ok(())
    })?;
    if let Some(edited) = named {
        return Ok(Some(OpenUnvouched::Deadline(edited)));
    }
    if stray.is_some() {
        return Ok(stray);
    }
    if moved.is_some() {
        return Ok(moved);
    }
    waiting_without_duty(conn, met)
}

/// The first report waiting at a step with a duty clock whose clock of that stage is not
/// open, or else the first with two open (`met`: the open duty clocks of the stage their
/// report's status keeps open, as the pass read them). The waiting reports are read from
/// `reports_by_status` alone (an index range, no row), so an honest file costs a pass over
/// that index; a report the pass did not meet, or met twice, is looked up again in one
/// snapshot (`storage::clocks::duty_of`), which alone decides what is named: an honest
/// step between the two reads names nothing. The sweep holds its reads to the same
/// `DutiesMet` (`app::sweep`).
fn waiting_without_duty(
    conn: &Connection,
    mut met: crate::domain::clocks::DutiesMet,
) -> Result<Option<OpenUnvouched>> {
    use crate::domain::clocks::open_duty;
    use crate::domain::report::Status;
    let mut unmet = Vec::new();
    for status in Status::ALL {
        let Some(stage) = open_duty(status) else {
            continue;
        };
        clocks::for_each_in(conn, status, |report_id| {
            if !met.contains(report_id, stage) {
                unmet.push((report_id, stage, status));
            }
        })?;
    }
    unmet.sort_unstable_by_key(|&(report_id, ..)| report_id);
    for (report_id, stage, status) in unmet {
        let (now_status, held) = clocks::duty_of(conn, report_id, stage)?;
        if now_status.as_deref() != Some(status.as_str()) {
            continue;
        }
        let Some(&(clock, _)) = held.iter().find(|&&(_, open)| open) else {
            return Ok(Some(OpenUnvouched::NotOpen {
                report_id,
                stage,
                clock: held.first().map(|&(id, _)| id),
            }));
        };
        // Open, yet not met by the pass, which reads the open clocks through their index:
        // an honest step between the two reads, or an index rebuilt with `sqlite3` to leave
        // the clock out, which hid a deadline moved later
        // (`forged_events::an_open_clock_left_out_of_its_index_with_sqlite3_is_named_by_the_lists_and_exports`).
        // One lookup in the index tells them apart; an honest file has no such report.
        if let Some(due_at) = clocks::unindexed(conn, clock)? {
            return Ok(Some(OpenUnvouched::Unindexed {
                clock,
                report_id,
                stage,
                due_at,
            }));
        }
    }
    for (report_id, stage) in met.take_twice() {
        if let Some(twice) = open_twice(conn, report_id, stage)? {
            return Ok(Some(twice));
        }
    }
    Ok(None)
}

/// Report `report_id`'s open clocks of `stage`, looked up again in one snapshot, when it has
/// more than one (a later round copied in with `sqlite3`): what the open-deadline pass and
/// the sweep name for a report their reads met twice, which an honest step between two
/// pages may also make, and which this lookup alone decides.
pub(crate) fn open_twice(
    conn: &Connection,
    report_id: i64,
    stage: crate::domain::deadline::Stage,
) -> Result<Option<OpenUnvouched>> {
    let (_, held) = clocks::duty_of(conn, report_id, stage)?;
    let mut open: Vec<i64> = held
        .iter()
        .filter(|&&(_, open)| open)
        .map(|&(clock, _)| clock)
        .collect();
    if open.len() < 2 {
        return Ok(None);
    }
    open.sort_unstable();
    Ok(Some(OpenUnvouched::Twice {
        report_id,
        stage,
        clocks: open,
    }))
}

/// The expected times the exports print, once [`judge_open`] named no clock: each open
/// duty clock's deadline as its row holds it, but for a clock under another calendar than
/// today's, the deadline the log gives (never the row's, which may have been edited to
/// look so). Looked up a clock at a time as the export streams, not held for every such
/// clock: after an upgrade that ships another schedule, that is every open clock until the
/// next sweep, and 190,000 of them held in a map cost megabytes an export never needs.
pub struct Promises {
    deadlines: Rc<Deadlines>,
    kept: Kept,
}

impl Promises {
    pub fn load(conn: &Connection) -> Result<Promises> {
        Ok(Promises {
            deadlines: Deadlines::load(conn)?,
            kept: clocks::kept_deadlines(conn)?,
        })
    }

    /// What to print for open duty clock `clock`, whose row names calendar `version`.
    pub fn given(&self, conn: &Connection, clock: i64, version: &str) -> Result<Promise> {
        use crate::domain::clocks::{Unlogged, unlogged_deadline};
        if version == self.deadlines.calendar.version() {
            return Ok(Promise::AsTheRowHolds);
        }
        let Some(row) = crate::storage::clocks::open_duty(conn, clock)? else {
            return Ok(Promise::AsTheRowHolds);
        };
        let deadlines = &self.deadlines;
        Ok(
            match unlogged_deadline(
                &row.judged(),
                &deadlines.calendar,
                &deadlines.policy,
                &self.kept,
            ) {
                None => Promise::AsTheRowHolds,
                Some(Unlogged::Deadline(at)) => Promise::Logged(crate::domain::time::format(&at)),
                // The deadline the row holds is the log's; the kind of time it is counted
                // in, which the export does not print, is named by `judge_open`.
                Some(Unlogged::Rule(_)) => Promise::AsTheRowHolds,
                Some(Unlogged::Start) => Promise::Withheld,
            },
        )
    }
}

/// What an export prints as an open report's expected time ([`Promises::given`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Promise {
    /// The deadline the row holds: it is the one the log gives.
    AsTheRowHolds,
    /// The deadline the log gives, which is not the row's.
    Logged(String),
    /// None: the row names no step that starts it. [`judge_open`] names such a clock before
    /// anything is written; met here, it was edited since, and nothing is promised for it.
    Withheld,
}

/// The calendar the log last recorded as brought to every open clock, read at the first open
/// clock met under another calendar than today's (none on an honest day, so an honest list
/// reads nothing more), and what it says of such a clock: one an older phananh computed, left
/// to the next real sweep, or one made to name a calendar nobody shipped
/// (`domain::audit::open_clock_version_known`).
#[derive(Default)]
pub(crate) struct RecordedCalendar(Option<Option<String>>);

impl RecordedCalendar {
    /// Whether a clock under `clock` (today's calendar being `today`) is one an honest file
    /// holds.
    pub(crate) fn knows(&mut self, conn: &Connection, clock: &str, today: &str) -> Result<bool> {
        let recorded = match &self.0 {
            Some(recorded) => recorded,
            None => self.0.insert(clocks::recorded_version(conn)?),
        };
        Ok(crate::domain::audit::open_clock_version_known(
            clock,
            today,
            recorded.as_deref(),
        ))
    }
}

/// The first open clock under a calendar no honest change brought it to: neither today's
/// (`today`) nor the one the log last recorded as brought to every open clock
/// (`domain::audit::open_clock_version_known`), named as `audit verify` names it. The real
/// sweep adopted such a clock's calendar silently, sealing a `calendar_adopt` of a schedule
/// nobody shipped and wiping the evidence
/// (`forged_events::the_sweep_adopts_no_calendar_nobody_shipped`). For a caller that found
/// open clocks under another calendar than today's: one indexed lookup of the log and one
/// read of the open clocks, as the count of them was. None for a log from before versions
/// were recorded, which is not judged.
pub(crate) fn unshipped_open_clock(
    conn: &Connection,
    today: &str,
) -> Result<Option<crate::domain::audit::ChainBreak>> {
    let Some(recorded) = clocks::recorded_version(conn)? else {
        return Ok(None);
    };
    Ok(
        clocks::first_open_under_neither(conn, today, &recorded)?.map(
            |(clock, report_id, stage, round)| crate::domain::audit::ChainBreak::ClockAltered {
                clock,
                report_id,
                stage,
                round,
                what: "calendar version",
            },
        ),
    )
}
