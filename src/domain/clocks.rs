//! Which clocks each workflow step starts and stops (docs/rules.md §3's table), how a stopped clock
//! is judged, and what state a clock is in at a given moment. Storage applies these
//! decisions; nothing here reads the database or the time.

use std::borrow::Cow;

use serde::Serialize;

use super::deadline::{Rule, Stage};
use super::event::EventKind;
use super::report::Status;
use super::time::Timestamp;
use super::workflow::Action;
use crate::i18n::Bilingual;

/// A clock to start, against an agency when the stage is the agency's duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub stage: Stage,
    pub agency: Option<String>,
}

/// What a step does to a report's clocks: the open clocks of `stops` stop, then `starts`
/// begin (a new round when the stage ran before).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effects {
    pub stops: Vec<Stage>,
    pub starts: Vec<Start>,
}

/// A report has just been received: the dispatch clock starts at its submission time.
pub fn on_received() -> Effects {
    effects_of_event(EventKind::Ingest, None)
}

/// The clocks `action` stops and starts. `agency` is the report's agency after the action.
pub fn effects(action: &Action, agency: Option<&str>) -> Effects {
    effects_of_event(action.kind(), agency)
}

/// The same, by the kind of event logged (so the clocks of an existing log can be
/// replayed). Kinds that touch no clock give no effects.
pub fn effects_of_event(event: EventKind, agency: Option<&str>) -> Effects {
    use Stage::*;
    let against = |stage| Start {
        stage,
        agency: agency.map(str::to_owned),
    };
    let portal = |stage| Start {
        stage,
        agency: None,
    };
    let (stops, starts) = match event {
        EventKind::Ingest => (vec![], vec![portal(Dispatch)]),
        EventKind::Reject => (vec![Dispatch], vec![]),
        EventKind::Assign => (vec![Dispatch], vec![against(Return), against(Process)]),
        EventKind::Answer => (vec![Dispatch], vec![portal(Publish)]),
        EventKind::Return => (vec![Return, Process], vec![portal(Dispatch)]),
        EventKind::Reply => (vec![Return, Process], vec![portal(Publish)]),
        // Rework: the agency already accepted the report, so only processing runs again.
        EventKind::VerifySendBack => (vec![Publish], vec![against(Process)]),
        EventKind::Publish => (vec![Publish], vec![]),
        // A duplicate follows its original: nothing is left to count.
        EventKind::Duplicate => (Stage::ALL.to_vec(), vec![]),
        _ => (vec![], vec![]),
    };
    Effects { stops, starts }
}

/// How many clocks a step of kind `action` (as stored) starts: [`effects_of_event`]'s
/// starts, counted without building them, for the periodic reports, which meet every
/// event of a year and count the clocks the log starts against the clocks the table holds.
pub fn starts_of(action: &str) -> u64 {
    match action {
        "assign" => 2,
        "ingest" | "answer" | "return" | "reply" | "verify_send_back" => 1,
        _ => 0,
    }
}

/// Clocks held against the clocks a log starts: a period's reports and their clocks for
/// `report` and `score`, the whole file for `list --overdue` when it reads stopped clocks.
/// A clock deleted with `sqlite3` (or one added) leaves no row to judge, only the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uncounted {
    pub started: u64,
    pub held: u64,
}

/// The clocks held when they are not as many as the log started.
pub fn uncounted(started: u64, held: u64) -> Option<Uncounted> {
    (started != held).then_some(Uncounted { started, held })
}

/// The duty clock a report in `status` has running (docs/rules.md §3's table, as
/// [`effects_of_event`] starts and stops them): dispatch until it is assigned, answered or
/// rejected, processing while an agency holds it, publishing from the reply until it is
/// published. A final status has none; the return window is a window, not a duty. The sweep
/// leans on it to find a clock stopped or deleted behind the tool's back, which would
/// otherwise drop out of its list silently.
pub fn open_duty(status: Status) -> Option<Stage> {
    match status {
        Status::Received | Status::Accepted | Status::Returned => Some(Stage::Dispatch),
        Status::Assigned => Some(Stage::Process),
        Status::Replied | Status::Verified => Some(Stage::Publish),
        Status::Rejected | Status::Published | Status::ClosedPrivate | Status::Duplicate => None,
    }
}

/// An open duty clock as its row has it, with the step the row names as its start, as the
/// sweep reads it to check its deadline against the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRow<'a> {
    pub report_id: i64,
    pub stage: Stage,
    pub due_at: &'a str,
    /// The step the row's `start_event` names: its report, action and time (None when no
    /// such event exists).
    pub start: Option<(Option<i64>, &'a str, &'a str)>,
    /// The report's submission time, when an arrival started the clock.
    pub submitted_at: Option<&'a str>,
    /// The kind of time its row counts the deadline in (None: a text phananh never writes).
    pub rule: Option<Rule>,
}

/// An open duty clock whose deadline is not the one the log gives: the clock, its report and
/// stage, the deadline its row holds, and the one its start step gives (None when the step
/// its row names as its start is none of its report's that starts such a clock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEdited {
    pub clock: i64,
    pub report_id: i64,
    pub stage: Stage,
    pub due_at: String,
    pub logged: Option<String>,
    /// The kind of time the log counts the deadline in, when that alone is not the row's
    /// (`logged` is then the row's deadline, which holds).
    pub counted_in: Option<Rule>,
}

impl OpenEdited {
    /// Open clock `clock` of report `report_id`, whose row holds deadline `due_at`, not as
    /// the log gives it (`unlogged`).
    pub fn of(
        (clock, report_id, stage): (i64, i64, Stage),
        due_at: String,
        unlogged: Unlogged,
    ) -> OpenEdited {
        let (logged, counted_in) = match unlogged {
            Unlogged::Deadline(at) => (Some(super::time::format(&at)), None),
            Unlogged::Rule(rule) => (Some(due_at.clone()), Some(rule)),
            Unlogged::Start => (None, None),
        };
        OpenEdited {
            clock,
            report_id,
            stage,
            due_at,
            logged,
            counted_in,
        }
    }
}

/// What the exports and the desk's lists find the open duty clocks not to be, before they
/// print an open deadline (`app::deadlines::judge_open`); and what the sweep finds, with the
/// clocks it met (`ClockUnlogged::Open`). Each names the clock rows it is about, which the
/// sweep says and the lists and exports leave to `audit verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenUnvouched {
    /// An open clock whose deadline is not the one the log gives.
    Deadline(OpenEdited),
    /// A report waiting at a step with a duty clock ([`open_duty`]) whose clock of that
    /// stage is not open: the latest such clock was stopped (`clock`), or there is none.
    /// Deleted or stopped with `sqlite3` (which of the two, and which round, only a replay
    /// of the report's log tells: `audit verify`, `show`), the report had no deadline
    /// anywhere those print one, and a late agency was hidden.
    NotOpen {
        report_id: i64,
        stage: Stage,
        clock: Option<i64>,
    },
    /// An open clock against another agency than the log gives it ([`agency_fault`];
    /// `logged`, None: the portal's, or no assignment): moved with `sqlite3`, the desk's
    /// lists gave the deadline, and the lateness, to that agency, and the sweep's breach
    /// notice named it as late.
    Agency {
        clock: i64,
        report_id: i64,
        stage: Stage,
        agency: Option<String>,
        logged: Option<String>,
    },
    /// An open duty clock of a step its report is not at ([`stray_duty`]): a clock the
    /// report's step stopped, opened again with `sqlite3`, lists the dispatch desk late over
    /// a report an agency already holds, and the sweep reminds it, its lateness charged to a
    /// desk that no longer holds the report.
    Stray {
        clock: i64,
        report_id: i64,
        stage: Stage,
        status: Option<Status>,
    },
    /// More than one open duty clock of one stage for one report (`clocks`, by id): every
    /// step starts at most one and stops the one before, so another was added with
    /// `sqlite3` (a copy as a later round, its deadline the log's), and the report was
    /// listed, reminded and counted late twice.
    Twice {
        report_id: i64,
        stage: Stage,
        clocks: Vec<i64>,
    },
    /// An open duty clock of a report waiting at its step that the file's index of open
    /// clocks (`clocks_open_by_due`) does not hold: rebuilt with `sqlite3` to leave it out,
    /// the index hid the clock from the lists and from the pass that judges the open
    /// deadlines, and a deadline moved later with it went unnamed.
    Unindexed {
        clock: i64,
        report_id: i64,
        stage: Stage,
        due_at: String,
    },
}

impl OpenUnvouched {
    pub fn report_id(&self) -> i64 {
        match self {
            OpenUnvouched::Deadline(OpenEdited { report_id, .. })
            | OpenUnvouched::NotOpen { report_id, .. }
            | OpenUnvouched::Agency { report_id, .. }
            | OpenUnvouched::Stray { report_id, .. }
            | OpenUnvouched::Twice { report_id, .. }
            | OpenUnvouched::Unindexed { report_id, .. } => *report_id,
        }
    }
}

/// The reports met with an open duty clock, by stage: a bit per report number; and those
/// met with such a clock more than once. The sweep and the open-deadline pass of the lists
/// and exports (`app::deadlines::judge_open`) each fill one as they read the open clocks,
/// then hold the reports waiting at a step against it: a report waiting without its clock,
/// one with two, or a clock of a step its report is not at, is an edit, once looked up again
/// in one snapshot (a read across pages may meet an honest step half-way). A bit per
/// report: 25 KB a stage at 200,000 reports.
#[derive(Debug, Default)]
pub struct DutiesMet {
    bits: [Vec<u64>; 3],
    twice: Vec<(i64, Stage)>,
}

impl DutiesMet {
    fn slot(stage: Stage) -> Option<usize> {
        match stage {
            Stage::Dispatch => Some(0),
            Stage::Process => Some(1),
            Stage::Publish => Some(2),
            Stage::Return => None,
        }
    }

    /// Notes an open clock of `stage` for `report_id` (a return window is no duty).
    pub fn insert(&mut self, report_id: i64, stage: Stage) {
        let (Some(slot), Ok(n)) = (Self::slot(stage), usize::try_from(report_id)) else {
            return;
        };
        let bits = &mut self.bits[slot];
        if bits.len() <= n / 64 {
            bits.resize(n / 64 + 1, 0);
        }
        let bit = 1 << (n % 64);
        if bits[n / 64] & bit != 0 {
            self.twice.push((report_id, stage));
        }
        bits[n / 64] |= bit;
    }

    pub fn contains(&self, report_id: i64, stage: Stage) -> bool {
        let (Some(slot), Ok(n)) = (Self::slot(stage), usize::try_from(report_id)) else {
            return false;
        };
        self.bits[slot]
            .get(n / 64)
            .is_some_and(|word| word & (1 << (n % 64)) != 0)
    }

    /// The reports met with an open clock of `stage` that `expected` does not hold.
    pub fn beyond(&self, expected: &DutiesMet, stage: Stage) -> Vec<i64> {
        let Some(slot) = Self::slot(stage) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for (at, &word) in self.bits[slot].iter().enumerate() {
            let mut left = word & !expected.bits[slot].get(at).copied().unwrap_or(0);
            while left != 0 {
                let bit = left.trailing_zeros() as usize;
                found.push((at * 64 + bit) as i64);
                left &= left - 1;
            }
        }
        found
    }

    /// The (report, stage) pairs met more than once, each once, in order.
    pub fn take_twice(&mut self) -> Vec<(i64, Stage)> {
        let mut twice = std::mem::take(&mut self.twice);
        twice.sort_unstable_by_key(|&(report_id, stage)| (report_id, stage.as_str()));
        twice.dedup();
        twice
    }
}

/// Whether an open duty clock of `stage` is one no step leaves running for a report in
/// `status` (None: no such report, or a status phananh never writes). Every step stops
/// the duty clock of the step it ends in the same transaction as it changes the status
/// ([`open_duty`]), so in one snapshot the two always agree.
pub fn stray_duty(status: Option<Status>, stage: Stage) -> bool {
    status.and_then(open_duty) != Some(stage)
}

/// What the log says of an open clock's deadline, when it is not the one its row holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlogged {
    /// The step the row names started it, and gives this deadline.
    Deadline(Timestamp),
    /// The deadline holds, but the step gives it in this kind of time, not the row's: the
    /// time every screen says a lateness in (`clock_hours` set with `sqlite3` on a working
    /// hours clock made a report's "5 h 44 min of working time" late read "9 h 4 min").
    Rule(Rule),
    /// The row names no step of its report that starts such a clock.
    Start,
}

/// Checks an open clock's deadline against the one the log gives it: the step that started
/// it (an arrival at its submission time), counted under the calendar and limits in force,
/// which every change to them brings open clocks under. Edited later with `sqlite3`, a
/// deadline kept a breach out of the sweep's list (no reminder, `--fail-on-breach` exit 0);
/// this is `audit verify`'s judgement of an open clock's deadline without its replay of the
/// report's whole log, so that the sweep can afford it on every clock not yet due. None when
/// the row holds, or when no deadline can be counted (a calendar with no working time left,
/// which the step itself would have refused).
pub fn unlogged_deadline(
    row: &OpenRow<'_>,
    calendar: &crate::domain::calendar::Calendar,
    policy: &crate::domain::deadline::Policy,
    kept: &Kept,
) -> Option<Unlogged> {
    if kept.holds(row.report_id, row.stage, row.due_at) {
        return None;
    }
    let Some((report, action, at)) = row.start else {
        return Some(Unlogged::Start);
    };
    let kind = EventKind::parse(action);
    let starts_it = kind.is_some_and(|kind| {
        effects_of_event(kind, None)
            .starts
            .iter()
            .any(|s| s.stage == row.stage)
    });
    if report != Some(row.report_id) || !starts_it {
        return Some(Unlogged::Start);
    }
    let start = if kind == Some(EventKind::Ingest) {
        row.submitted_at
    } else {
        Some(at)
    };
    let start = start.and_then(crate::domain::time::stored)?;
    let logged = crate::domain::deadline::due(&start, row.stage, calendar, policy).ok()?;
    // Its text too: the sweep picks the clocks due by comparing it.
    match crate::domain::time::canonical(row.due_at) {
        Some(stored) if stored == logged.at => {
            (row.rule != Some(logged.rule)).then_some(Unlogged::Rule(logged.rule))
        }
        _ => Some(Unlogged::Deadline(logged.at)),
    }
}

/// The deadlines a change of the limits left where they were because they had already
/// passed when it was made: a breach that happened under the rule then in force is not taken
/// back by a later one (docs/rules.md, Settings). Each is a report, a stage and the deadline
/// that the change's sealed event records (`kept_overdue`); a clock still holding it is
/// judged by it, not by the limits in force, and any other deadline of that clock is
/// judged as before.
///
/// A change can keep every late clock of a province at once, and every check of a deadline
/// (`audit verify`, the periodic reports) holds them all for its walk: they are kept as a
/// sorted list of 24 bytes each (report, stage, the deadline's instant), not a hash set of
/// parsed deadlines, which for 110,000 kept clocks cost 4 MB more and twice that while it
/// grew (`memory::audit_verify_of_a_large_log_runs_in_flat_memory`).
#[derive(Debug, Clone, Default)]
pub struct Kept(Vec<(i64, Stage, i64)>);

/// The key of a change's payload that lists the deadlines it kept.
pub const KEPT_OVERDUE: &str = "kept_overdue";

impl Kept {
    /// The deadline's instant, to the nanosecond: two deadlines are the same one when their
    /// instants are, whatever offset their text was written in.
    fn instant(due: &Timestamp) -> i64 {
        due.timestamp_nanos_opt()
            .unwrap_or_else(|| due.timestamp().saturating_mul(1_000_000_000))
    }

    /// Notes the deadlines one change kept, as its sealed `payload` lists them under
    /// [`KEPT_OVERDUE`] (`[report, stage, deadline]`), read an entry at a time. A payload
    /// that is not a JSON object, or whose list is not one, keeps nothing; nor does an entry
    /// of another form.
    pub fn observe(&mut self, payload: &str) {
        self.gather(payload);
        self.settle();
    }

    /// [`Kept::observe`] without putting the list in order, for a change whose list comes
    /// in parts (`domain::parts`): [`Kept::settle`] once after the last. Settled after each
    /// of the 110 parts of one change, the list was copied into room twice its size at
    /// each, and a sweep's peak rose by 6 MB.
    pub fn gather(&mut self, payload: &str) {
        let add = |kept: &mut Vec<(i64, Stage, i64)>, entry: serde_json::Value| {
            let report = entry.get(0).and_then(serde_json::Value::as_i64);
            let stage = entry.get(1).and_then(|s| Stage::parse(s.as_str()?));
            let due = entry
                .get(2)
                .and_then(|d| crate::domain::time::canonical(d.as_str()?));
            if let (Some(report), Some(stage), Some(due)) = (report, stage, due) {
                kept.push((report, stage, Kept::instant(&due)));
            }
        };
        let Some(listed) = crate::domain::payload::last_list_under(payload, KEPT_OVERDUE, add)
        else {
            return;
        };
        if self.0.is_empty() {
            self.0 = listed;
        } else {
            self.0.extend(listed);
        }
    }

    /// Puts what [`Kept::gather`] noted in order, once, in the room it takes.
    pub fn settle(&mut self) {
        self.0.sort_unstable();
        self.0.dedup();
        self.0.shrink_to_fit();
    }

    /// Whether a clock of `report_id` at `stage` whose row holds `due_at` (stored text)
    /// holds a deadline a change kept.
    pub fn holds(&self, report_id: i64, stage: Stage, due_at: &str) -> bool {
        !self.0.is_empty()
            && crate::domain::time::canonical(due_at)
                .is_some_and(|due| self.holds_at(report_id, stage, &due))
    }

    pub fn holds_at(&self, report_id: i64, stage: Stage, due: &Timestamp) -> bool {
        self.0
            .binary_search(&(report_id, stage, Self::instant(due)))
            .is_ok()
    }
}

/// Whether the portal itself holds `stage`'s clock (dispatching, checking and publishing),
/// rather than an agency (returning, processing): who is to act, and whose leader to tell,
/// when the clock runs late. The same split as the clocks [`effects_of_event`] starts.
pub fn portal_holds(stage: Stage) -> bool {
    matches!(stage, Stage::Dispatch | Stage::Publish)
}

/// A running deadline a recomputation moved: which clock, and its deadline before and after
/// (stored form, [`StoredDue::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub report_id: i64,
    pub stage: Stage,
    pub round: i64,
    pub from: StoredDue,
    pub to: StoredDue,
}

/// A deadline's stored text as a recomputation holds it for a clock it moved or kept: the
/// instant alone (8 bytes) when the text is the one form phananh writes of it, as every row
/// it wrote is; else the text itself, so that what is sealed and printed is the row's, to
/// the byte. A change over a province's backlog holds one or two a clock: as two `String`s
/// a clock, with the payload built as a tree of `serde_json` values, a change of the limits
/// over 110,000 late clocks took `settings set` to 99 MB
/// (`memory::a_change_of_the_limits_or_the_calendar_over_a_large_backlog_runs_in_flat_memory`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredDue {
    /// Seconds since the Unix epoch.
    At(i64),
    /// Boxed twice: one pointer, not two words, in every deadline held.
    Text(Box<String>),
}

impl StoredDue {
    /// The deadline stored as `text`.
    pub fn of(text: &str) -> StoredDue {
        match crate::domain::time::canonical(text) {
            Some(at) if at.timestamp_subsec_nanos() == 0 => StoredDue::At(at.timestamp()),
            _ => StoredDue::Text(Box::new(text.to_owned())),
        }
    }

    /// The deadline `at`, as phananh stores it.
    pub fn at(at: &Timestamp) -> StoredDue {
        // `time::format` writes whole seconds: the text of the second `at` falls in.
        StoredDue::At(at.timestamp())
    }

    /// The instant it gives, as the stored text reads (none when that is not a time).
    pub fn instant(&self) -> Option<Timestamp> {
        match self {
            StoredDue::At(seconds) => {
                chrono::DateTime::from_timestamp(*seconds, 0).map(|at| at.fixed_offset())
            }
            StoredDue::Text(text) => crate::domain::time::stored(text),
        }
    }

    /// The stored text.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            StoredDue::At(seconds) => Cow::Owned(
                chrono::DateTime::from_timestamp(*seconds, 0)
                    .map(|at| crate::domain::time::format(&at.fixed_offset()))
                    .unwrap_or_default(),
            ),
            StoredDue::Text(text) => Cow::Borrowed(text.as_str()),
        }
    }
}

impl StoredDue {
    /// Orders as the stored texts do: the one form phananh writes has a fixed offset and
    /// four-digit years, so two such instants sort as their texts.
    pub fn cmp_text(&self, other: &StoredDue) -> std::cmp::Ordering {
        match (self, other) {
            (StoredDue::At(a), StoredDue::At(b)) => a.cmp(b),
            _ => self.text().cmp(&other.text()),
        }
    }
}

impl Serialize for StoredDue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

/// A stopped clock whose deadline the calendar now in force gives otherwise, for a day a
/// change touched inside its window: the deadline and verdict it was judged by, and those
/// it comes to now (docs/rules.md §3, "Re-judging"). Held compactly (ids, instants, the
/// rule and limit of the deadline now): a change lists and prints every such clock of a
/// province. With two `String`s, the days and the whole deadline a clock, 60,000 of them
/// took `calendar add-holiday --rejudge` past the bound
/// (`memory::re_judging_a_large_backlog_of_stopped_clocks_runs_in_flat_memory`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contradicted {
    #[serde(skip)]
    pub clock: i64,
    pub report_id: i64,
    pub stage: Stage,
    pub round: i64,
    pub due_then: StoredDue,
    /// `rule` and `limit` give it.
    pub due_now: StoredDue,
    pub late_then: bool,
    pub late_now: bool,
    #[serde(skip)]
    pub rule: super::deadline::Rule,
    /// The limit applied, in seconds (working or clock seconds by `rule`).
    #[serde(skip)]
    pub limit: i64,
}

/// Whether a clock stopped at `stopped` by `action` was breached. Stopping exactly at the
/// deadline is on time. The return window is not a duty: only a return made after it is
/// late; a reply or anything else closes it unbreached.
pub fn breached(stage: Stage, action: EventKind, due: &Timestamp, stopped: &Timestamp) -> bool {
    if stage == Stage::Return && action != EventKind::Return {
        return false;
    }
    stopped > due
}

/// One step of a report as the log has it, for replaying the report's clocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub event: i64,
    pub kind: EventKind,
    pub at: Timestamp,
    /// The agency an `assign` step named.
    pub assigned: Option<String>,
}

/// A clock as the log gives it: which step started it and which stopped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: Timestamp,
    pub start_event: i64,
    /// When, by which event and by which kind of step it stopped.
    pub stopped: Option<(Timestamp, i64, EventKind)>,
}

/// Replays a report's steps, in log order, into the clocks they start and stop, the way the
/// journal applies them as they happen: each step stops the report's open clocks of the
/// stages it stops, then starts its own, a new round when the stage ran before; an
/// arrival's dispatch clock starts at the submission time, every other clock at its step;
/// a clock against an agency is against the agency last assigned. The clocks come out in
/// (stage, round) order.
pub fn replay(submitted: &Timestamp, steps: &[Step]) -> Vec<Replayed> {
    let mut clocks: Vec<Replayed> = Vec::new();
    let mut agency: Option<&str> = None;
    for step in steps {
        if step.kind == EventKind::Assign {
            agency = step.assigned.as_deref();
        }
        let effects = effects_of_event(step.kind, agency);
        for clock in &mut clocks {
            if clock.stopped.is_none() && effects.stops.contains(&clock.stage) {
                clock.stopped = Some((step.at, step.event, step.kind));
            }
        }
        for start in effects.starts {
            let round = clocks.iter().filter(|c| c.stage == start.stage).count() as i64 + 1;
            clocks.push(Replayed {
                stage: start.stage,
                round,
                agency: start.agency,
                started_at: if step.kind == EventKind::Ingest {
                    *submitted
                } else {
                    step.at
                },
                start_event: step.event,
                stopped: None,
            });
        }
    }
    clocks.sort_by_key(|c| (c.stage, c.round));
    clocks
}

/// A clock as an operator sees it at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Running, not yet due soon.
    Running,
    /// Running and due within the sweep's warning time.
    DueSoon,
    /// Running past its deadline.
    Overdue,
    /// A return window that passed unused: closed, not breached.
    Lapsed,
    /// Stopped by its deadline.
    OnTime,
    /// Stopped after its deadline.
    Late,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::DueSoon => "due_soon",
            State::Overdue => "overdue",
            State::Lapsed => "lapsed",
            State::OnTime => "on_time",
            State::Late => "late",
        }
    }
}

impl Bilingual for State {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                State::Running => "Đang tính",
                State::DueSoon => "Sắp đến hạn",
                State::Overdue => "Quá hạn",
                State::Lapsed => "Hết thời hạn chuyển trả",
                State::OnTime => "Đúng hạn",
                State::Late => "Trễ hạn",
            }
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                State::Running => "Running",
                State::DueSoon => "Due soon",
                State::Overdue => "Overdue",
                State::Lapsed => "Return window passed",
                State::OnTime => "On time",
                State::Late => "Late",
            }
        })
    }
}

/// The state of a clock at `now`, with `soon` seconds of warning.
pub fn state(
    stage: Stage,
    due: &Timestamp,
    stopped: Option<(&Timestamp, bool)>,
    now: &Timestamp,
    soon: i64,
) -> State {
    match stopped {
        Some((_, true)) => State::Late,
        // A reply after the return window closes a window that passed unused: it stays
        // lapsed, not "on time" (docs/rules.md §3), though it counts as on time.
        Some((at, false)) if stage == Stage::Return && at > due => State::Lapsed,
        Some((_, false)) => State::OnTime,
        None if now > due => {
            if stage == Stage::Return {
                State::Lapsed
            } else {
                State::Overdue
            }
        }
        None if (*due - *now).num_seconds() <= soon => State::DueSoon,
        None => State::Running,
    }
}

/// One processing round of a report as its clock gives it: the round, the agency that
/// held it, and whether that agency ended it by returning the report (Đ8.1.b).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldRound {
    pub round: i64,
    pub agency: Option<String>,
    pub returned: bool,
}

/// A processing round as the agency holding it reads it (docs/huong-dan.md §4, "Lượt").
/// The stored round counts every round of the report, so that a ward's first handling of a
/// report a department returned is its "round 2", read as "sent back to us". The agency's
/// own count, and the rounds other agencies held before it, say it right; the stored round
/// stays what the clocks, the log and the portal's lists count by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyRound {
    /// The agency's own processing rounds of the report up to this one, this one included.
    pub own: i64,
    /// The report's round, as stored.
    pub round: i64,
    /// The earlier rounds other agencies held, in order.
    pub others: Vec<HeldRound>,
}

/// `round` of a report as `agency` counts it, from the report's processing rounds.
pub fn agency_round(rounds: &[HeldRound], agency: &str, round: i64) -> AgencyRound {
    let before = rounds.iter().filter(|r| r.round <= round);
    let own = before
        .clone()
        .filter(|r| r.agency.as_deref() == Some(agency))
        .count() as i64;
    AgencyRound {
        // A round the clocks do not hold (a gap in them) still reads as one of the agency's.
        own: own.max(1),
        round,
        others: before
            .filter(|r| r.round < round && r.agency.as_deref() != Some(agency))
            .cloned()
            .collect(),
    }
}

// What a sweep finds, as its messages name it (`output::sweep`): found by `app::sweep`,
// said below it.

/// A clock a step stopped after its deadline: the handler is told at once what the reports
/// and scores will count against the agency (Đ8.1.b).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateStop {
    pub stage: Stage,
    pub agency: Option<String>,
    pub due_at: String,
    pub stopped_at: String,
    /// How late, in the time the clock counts (working time for a working-hours clock).
    pub late_by: super::deadline::Distance,
}

/// A deadline a sweep found newly breached, as the breach notice names it.
#[derive(Debug, Clone)]
pub struct Breach {
    pub report_id: i64,
    pub external_id: String,
    pub urgent: bool,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    /// The agency's name, when the log vouches for it: the one on duty reading cron's mail
    /// cannot tell which ward "32002" is.
    pub agency_name: Option<String>,
    pub due_at: String,
}

/// Whether a clock of `report_id` at `stage` runs against the agency the log gives it: its
/// start event (about `start_report`) is its own report's, and its `agency` is the one of
/// the report's last assignment up to that event (`assigned`), none for the portal's own
/// stages. A clock against an agency is against the agency last assigned (`replay`). None
/// when it holds; else the agency the log gives.
pub fn agency_fault<'a>(
    report_id: i64,
    stage: Stage,
    agency: Option<&str>,
    start_report: Option<i64>,
    assigned: Option<&'a str>,
) -> Option<Option<&'a str>> {
    let logged = if portal_holds(stage) { None } else { assigned };
    let holds = start_report == Some(report_id) && agency == logged;
    (!holds).then_some(logged)
}

/// A clock row the log does not vouch for, as the sweep finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockUnlogged {
    /// What the open-deadline pass of the lists and exports names too, met by the sweep:
    /// among the clocks it reads (a deadline, a stray or a doubled clock), the reports
    /// waiting at a step (a clock not open), or the clocks its breach notice names (an
    /// agency).
    Open(OpenUnvouched),
    /// An open duty clock the sweep's own reads do not find: an index of the file rebuilt
    /// to leave it out (`storage::clocks::unmet`).
    Unlisted {
        clock: i64,
        report_id: i64,
        stage: Stage,
        due_at: String,
    },
}

impl ClockUnlogged {
    pub fn report_id(&self) -> i64 {
        match self {
            ClockUnlogged::Open(problem) => problem.report_id(),
            ClockUnlogged::Unlisted { report_id, .. } => *report_id,
        }
    }
}

/// A point in an open duty clock's life the sweep reminds of, once each (docs/rules.md §4):
/// due soon, overdue, and for an urgent report's clock at once, however far its deadline
/// (Đ7.2: the portal "chủ động liên hệ ngay" with the agency's leader; docs/rules.md §3:
/// the sweep flags urgent reports at once). Its text is the `remind` event's sealed `threshold`, its
/// slot the clock row's mark column (`reminded_soon`, `reminded_overdue`,
/// `reminded_at_once`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    DueSoon,
    Overdue,
    AtOnce,
}

impl Threshold {
    /// How many there are: the marks a clock row keeps.
    pub const COUNT: usize = 3;

    pub fn as_str(self) -> &'static str {
        match self {
            Threshold::DueSoon => "due_soon",
            Threshold::Overdue => "overdue",
            Threshold::AtOnce => "at_once",
        }
    }

    /// A sealed payload's threshold. Any text but "overdue" and "at_once" is due soon, as it
    /// was read before urgent reports were flagged at once: a log's older reminders keep
    /// the meaning they were judged by.
    pub fn read(text: &str) -> Threshold {
        match text {
            "overdue" => Threshold::Overdue,
            "at_once" => Threshold::AtOnce,
            _ => Threshold::DueSoon,
        }
    }

    /// The mark column it is kept in, as an index: 0 due soon, 1 overdue, 2 at once.
    pub fn slot(self) -> usize {
        self as usize
    }

    /// The threshold a clock the sweep lists has reached: past its deadline at `now`,
    /// due by `horizon` (the due-soon warning), else at once. The sweep lists a clock due
    /// after the horizon only when its report is urgent. All three are canonical stored
    /// times, whose text order is time order.
    pub fn reached(due_at: &str, now: &str, horizon: &str) -> Threshold {
        if due_at < now {
            Threshold::Overdue
        } else if due_at <= horizon {
            Threshold::DueSoon
        } else {
            Threshold::AtOnce
        }
    }
}

/// A reminder mark the log does not vouch for (`audit::MarkClearings::vouches`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubted {
    pub clock: i64,
    pub report_id: i64,
    pub threshold: Threshold,
    /// The event id the mark named.
    pub mark: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time;

    fn ts(text: &str) -> Timestamp {
        time::parse(text).unwrap().unwrap()
    }

    /// A moved or kept deadline is sealed and printed as its row held it, held in 8 bytes
    /// or not: the form phananh writes as its instant, any other as its text.
    #[test]
    fn a_stored_due_gives_back_the_rows_text() {
        let canonical = "2026-10-05T08:00:00+07:00";
        assert!(matches!(StoredDue::of(canonical), StoredDue::At(_)));
        assert_eq!(StoredDue::of(canonical).text(), canonical);
        assert_eq!(StoredDue::at(&ts(canonical)).text(), canonical);
        assert_eq!(StoredDue::at(&ts(canonical)), StoredDue::of(canonical));
        for other in ["05/10/2026 08:00", "2026-10-05T01:00:00Z", "not a time"] {
            assert_eq!(
                StoredDue::of(other),
                StoredDue::Text(Box::new(other.into()))
            );
            assert_eq!(StoredDue::of(other).text(), other);
        }
        // Held for every deadline a change moves or keeps across a province's backlog.
        assert_eq!(std::mem::size_of::<StoredDue>(), 16);
        assert!(std::mem::size_of::<Moved>() <= 56);
        let later = StoredDue::of("2026-10-05T08:00:01+07:00");
        assert_eq!(
            StoredDue::of(canonical).cmp_text(&later),
            canonical.cmp("2026-10-05T08:00:01+07:00")
        );
        assert_eq!(
            serde_json::to_string(&StoredDue::of(canonical)).unwrap(),
            format!("\"{canonical}\"")
        );
    }

    /// What the sweep and the open-deadline pass hold the waiting reports against: a
    /// report met once is there for its stage only, one met twice is named once, and what
    /// one read met beyond another is found, far past the first word of bits.
    #[test]
    fn duties_met_tell_once_twice_and_beyond() {
        let mut met = DutiesMet::default();
        met.insert(3, Stage::Process);
        met.insert(700, Stage::Dispatch);
        met.insert(700, Stage::Dispatch);
        met.insert(700, Stage::Dispatch);
        met.insert(9, Stage::Return);
        assert!(met.contains(3, Stage::Process));
        assert!(!met.contains(3, Stage::Dispatch));
        assert!(!met.contains(9, Stage::Return));
        assert!(!met.contains(100_000, Stage::Process));
        let mut waiting = DutiesMet::default();
        waiting.insert(3, Stage::Process);
        assert_eq!(met.beyond(&waiting, Stage::Dispatch), [700]);
        assert!(met.beyond(&waiting, Stage::Process).is_empty());
        assert_eq!(met.take_twice(), [(700, Stage::Dispatch)]);
        assert!(met.take_twice().is_empty());
    }

    /// A report still being handled leaves exactly one duty clock's stage unremarkable; a
    /// closed one, or a clock with no report behind it, none: any open duty clock there is
    /// one no step left running.
    #[test]
    fn each_waiting_status_allows_one_duty_stage_and_a_final_one_none() {
        let duties = [Stage::Dispatch, Stage::Process, Stage::Publish];
        for status in Status::ALL {
            let allowed = duties
                .iter()
                .filter(|&&stage| !stray_duty(Some(status), stage))
                .count();
            let waiting = !matches!(
                status,
                Status::Rejected | Status::Published | Status::ClosedPrivate | Status::Duplicate
            );
            assert_eq!(allowed, usize::from(waiting), "{status:?}");
        }
        assert!(duties.iter().all(|&stage| stray_duty(None, stage)));
    }

    /// The sweep takes a report in a status with a duty clock and no such clock open for one
    /// stopped or deleted behind the tool's back: every path through the workflow must
    /// leave exactly that clock open, and none after a final step.
    /// The count the periodic reports take is the number of clocks each kind starts.
    #[test]
    fn the_clocks_a_step_starts_are_counted_as_its_effects_start_them() {
        for kind in EventKind::ALL {
            let started = effects_of_event(kind, Some("SXD")).starts.len() as u64;
            assert_eq!(starts_of(kind.as_str()), started, "{kind}");
        }
    }

    #[test]
    fn the_duty_clock_a_status_has_open_is_the_one_its_steps_leave_open() {
        use EventKind::*;
        let full: &[(EventKind, Status)] = &[
            (Ingest, Status::Received),
            (Accept, Status::Accepted),
            (Classify, Status::Accepted),
            (MarkStateSecret, Status::Accepted),
            (Assign, Status::Assigned),
            (Return, Status::Returned),
            (Assign, Status::Assigned),
            (Reply, Status::Replied),
            (VerifySendBack, Status::Assigned),
            (Reply, Status::Replied),
            (VerifyApprove, Status::Verified),
            (Publish, Status::Published),
            (Rate, Status::Published),
        ];
        let rejected: &[(EventKind, Status)] =
            &[(Ingest, Status::Received), (Reject, Status::Rejected)];
        let answered: &[(EventKind, Status)] = &[
            (Ingest, Status::Received),
            (Accept, Status::Accepted),
            (Assign, Status::Assigned),
            (Return, Status::Returned),
            (Answer, Status::Replied),
            (VerifyApprove, Status::Verified),
            (Publish, Status::ClosedPrivate),
        ];
        let merged: &[(EventKind, Status)] = &[
            (Ingest, Status::Received),
            (Accept, Status::Accepted),
            (Assign, Status::Assigned),
            (Duplicate, Status::Duplicate),
        ];
        let start = ts("2026-12-07T09:00:00+07:00");
        for path in [full, rejected, answered, merged] {
            for n in 1..=path.len() {
                let steps: Vec<Step> = path[..n]
                    .iter()
                    .enumerate()
                    .map(|(i, (kind, _))| Step {
                        event: i as i64 + 1,
                        kind: *kind,
                        at: start + chrono::Duration::minutes(i as i64),
                        assigned: (*kind == Assign).then(|| "SXD".to_owned()),
                    })
                    .collect();
                let open: Vec<Stage> = replay(&start, &steps)
                    .iter()
                    .filter(|c| c.stopped.is_none() && c.stage != Stage::Return)
                    .map(|c| c.stage)
                    .collect();
                let status = path[n - 1].1;
                assert_eq!(open, Vec::from_iter(open_duty(status)), "{:?}", &path[..n]);
            }
        }
    }

    /// An open clock's deadline is judged against its start step's: an arrival counts from
    /// the submission, any other step from its own time; a deadline moved later, or a
    /// start naming another report's step or a step that starts no such clock, is named.
    #[test]
    fn an_open_deadline_is_the_one_its_start_step_gives() {
        let calendar = crate::domain::calendar::Calendar::shipped();
        let policy = crate::domain::deadline::Policy::default();
        // Monday 09:00: two working hours of dispatch end at 11:00; four of processing at
        // 15:00.
        let row = |stage, due_at, start| OpenRow {
            report_id: 7,
            stage,
            due_at,
            start,
            submitted_at: Some("2026-12-07T09:00:00+07:00"),
            rule: Some(Rule::WorkingHours),
        };
        let arrival = Some((Some(7), "ingest", "2026-12-07T10:30:00+07:00"));
        let assign = Some((Some(7), "assign", "2026-12-07T09:00:00+07:00"));
        let due = |text| Some(Unlogged::Deadline(ts(text)));
        let judge = |r: &OpenRow<'_>| unlogged_deadline(r, &calendar, &policy, &Kept::default());
        assert_eq!(
            judge(&row(Stage::Dispatch, "2026-12-07T11:00:00+07:00", arrival)),
            None
        );
        assert_eq!(
            judge(&row(Stage::Process, "2026-12-07T15:00:00+07:00", assign)),
            None
        );
        assert_eq!(
            judge(&row(Stage::Process, "2026-12-08T15:00:00+07:00", assign)),
            due("2026-12-07T15:00:00+07:00")
        );
        assert_eq!(
            judge(&row(Stage::Dispatch, "2026-12-07T12:30:00+07:00", arrival)),
            due("2026-12-07T11:00:00+07:00")
        );
        let other = Some((Some(8), "assign", "2026-12-07T09:00:00+07:00"));
        let reply = Some((Some(7), "reply", "2026-12-07T09:00:00+07:00"));
        for start in [other, reply, None] {
            assert_eq!(
                judge(&row(Stage::Process, "2026-12-07T15:00:00+07:00", start)),
                Some(Unlogged::Start)
            );
        }
        // The deadline holding, counted in another kind of time than the step gives (or in
        // one phananh never writes): the time a lateness is said in.
        for rule in [Some(Rule::ClockHours), None] {
            let counted = OpenRow {
                rule,
                ..row(Stage::Process, "2026-12-07T15:00:00+07:00", assign)
            };
            assert_eq!(judge(&counted), Some(Unlogged::Rule(Rule::WorkingHours)));
        }
    }

    /// An urgent dispatch past due told the desk to call the
    /// agency's leader, with no agency yet. The portal holds exactly the clocks every step
    /// starts without an agency, whatever agency the report has.
    #[test]
    fn the_portal_holds_the_clocks_started_against_no_agency() {
        for kind in EventKind::ALL {
            for start in effects_of_event(kind, Some("SXD")).starts {
                assert_eq!(
                    portal_holds(start.stage),
                    start.agency.is_none(),
                    "{kind:?} starts {start:?}"
                );
            }
        }
        assert!(portal_holds(Stage::Dispatch) && !portal_holds(Stage::Process));
    }

    #[test]
    fn a_return_window_closed_by_a_reply_after_it_passed_stays_lapsed() {
        let due = ts("2026-12-07T09:00:00+07:00");
        let (before, after) = (
            ts("2026-12-07T08:30:00+07:00"),
            ts("2026-12-07T09:30:00+07:00"),
        );
        let now = ts("2026-12-07T10:00:00+07:00");
        let judged = |stage, stopped| state(stage, &due, stopped, &now, 1800);
        assert_eq!(judged(Stage::Return, Some((&after, false))), State::Lapsed);
        assert_eq!(judged(Stage::Return, Some((&before, false))), State::OnTime);
        assert_eq!(judged(Stage::Return, Some((&after, true))), State::Late);
        assert_eq!(judged(Stage::Return, None), State::Lapsed);
        // Any other stage stopped after its deadline is late, and so flagged.
        assert_eq!(judged(Stage::Process, Some((&after, true))), State::Late);
    }

    #[test]
    fn assignment_stops_dispatch_and_starts_the_agencys_two_clocks() {
        let e = effects(
            &Action::Assign {
                agency: "SXD".into(),
                urgent: false,
            },
            Some("SXD"),
        );
        assert_eq!(e.stops, [Stage::Dispatch]);
        assert_eq!(
            e.starts,
            [
                Start {
                    stage: Stage::Return,
                    agency: Some("SXD".into())
                },
                Start {
                    stage: Stage::Process,
                    agency: Some("SXD".into())
                }
            ]
        );
    }

    #[test]
    fn every_stage_is_started_and_stopped_by_some_step() {
        let actions = [
            Action::Reject { reasons: vec![] },
            Action::Assign {
                agency: "A".into(),
                urgent: false,
            },
            Action::Answer { text: "x".into() },
            Action::Return { reason: "x".into() },
            Action::Reply { text: "x".into() },
            Action::SendBack { reason: "x".into() },
            Action::Publish,
        ];
        for stage in Stage::ALL {
            let started = on_received().starts.iter().any(|s| s.stage == stage)
                || actions.iter().any(|a| {
                    effects(a, Some("A"))
                        .starts
                        .iter()
                        .any(|s| s.stage == stage)
                });
            let stopped = actions
                .iter()
                .any(|a| effects(a, Some("A")).stops.contains(&stage));
            assert!(started && stopped, "{stage}");
        }
    }

    #[test]
    fn a_send_back_starts_a_new_processing_round_only() {
        let e = effects(&Action::SendBack { reason: "x".into() }, Some("SXD"));
        assert_eq!(e.stops, [Stage::Publish]);
        assert_eq!(
            e.starts,
            [Start {
                stage: Stage::Process,
                agency: Some("SXD".into())
            }]
        );
        for quiet in [
            Action::Accept,
            Action::Approve,
            Action::MarkStateSecret,
            Action::Rate { score: 5 },
            Action::Classify { field: "XD".into() },
        ] {
            assert_eq!(
                effects(&quiet, Some("SXD")),
                Effects::default(),
                "{quiet:?}"
            );
        }
    }

    #[test]
    fn a_return_window_is_breached_only_by_a_late_return() {
        let due = ts("2026-11-04 10:00");
        let late = ts("2026-11-04 10:00:01");
        assert!(breached(Stage::Return, EventKind::Return, &due, &late));
        assert!(!breached(Stage::Return, EventKind::Reply, &due, &late));
        assert!(!breached(Stage::Return, EventKind::Return, &due, &due));
        assert!(breached(Stage::Process, EventKind::Reply, &due, &late));
        assert!(!breached(Stage::Process, EventKind::Reply, &due, &due));
    }

    #[test]
    fn states_at_a_moment() {
        let due = ts("2026-11-04 10:00");
        let soon = 30 * 60;
        let at = |t| state(Stage::Process, &due, None, &ts(t), soon);
        assert_eq!(at("2026-11-04 09:00"), State::Running);
        assert_eq!(at("2026-11-04 09:30"), State::DueSoon);
        assert_eq!(at("2026-11-04 10:00"), State::DueSoon);
        assert_eq!(at("2026-11-04 10:00:01"), State::Overdue);
        assert_eq!(
            state(Stage::Return, &due, None, &ts("2026-11-05 10:00"), soon),
            State::Lapsed
        );
        let stop = ts("2026-11-04 11:00");
        assert_eq!(
            state(Stage::Process, &due, Some((&stop, true)), &stop, soon),
            State::Late
        );
    }

    /// A kept deadline holds its own clock only: the same report at another stage, another
    /// report, or another deadline of the clock is judged as before; the same instant
    /// written at another offset is the same deadline, one kept twice (by two changes) is
    /// kept once, and an entry of another form keeps nothing.
    #[test]
    fn a_kept_deadline_holds_its_own_clock_only() {
        let due = ts("2026-03-02T10:00:00+07:00");
        let mut kept = Kept::default();
        kept.observe(
            r#"{"key":"x","kept_overdue":[
                [900,"process","2026-04-01T08:00:00+07:00"],
                [7,"dispatch","2026-03-02T10:00:00+07:00"],
                ["7","return","2026-03-02T10:00:00+07:00"],
                [7,"nowhere","2026-03-02T10:00:00+07:00"],
                [7,"return","the day after"]]}"#,
        );
        kept.observe("not JSON");
        kept.observe(r#"{"kept_overdue":{"7":"dispatch"}}"#);
        kept.observe(
            r#"{"kept_overdue":[[3,"publish","2026-01-05T17:00:00+07:00"],
                                [7,"dispatch","2026-03-02T03:00:00Z"]]}"#,
        );
        assert!(kept.holds_at(7, Stage::Dispatch, &due));
        assert!(kept.holds_at(7, Stage::Dispatch, &ts("2026-03-02T03:00:00Z")));
        assert!(kept.holds(7, Stage::Dispatch, "2026-03-02T10:00:00+07:00"));
        assert!(kept.holds(900, Stage::Process, "2026-04-01T08:00:00+07:00"));
        assert!(!kept.holds_at(7, Stage::Process, &due));
        assert!(!kept.holds_at(8, Stage::Dispatch, &due));
        assert!(!kept.holds_at(7, Stage::Dispatch, &ts("2026-03-02T10:00:01+07:00")));
        assert!(!kept.holds(7, Stage::Dispatch, "not a time"));
        assert!(!kept.holds(7, Stage::Return, "2026-03-02T10:00:00+07:00"));
        assert!(!Kept::default().holds(7, Stage::Dispatch, "2026-03-02T10:00:00+07:00"));
        assert_eq!(kept.0.len(), 3);
    }

    /// Report 346: SXD held round 1 and returned it, the ward holds round 2, its first;
    /// the portal then sends the ward's result back (round 3, the ward's second).
    #[test]
    fn a_round_reads_as_the_agency_s_own_count() {
        let held = |round, agency: &str, returned| HeldRound {
            round,
            agency: Some(agency.to_owned()),
            returned,
        };
        let rounds = [
            held(1, "SXD", true),
            held(2, "32002", false),
            held(3, "32002", false),
        ];
        let ward = agency_round(&rounds, "32002", 2);
        assert_eq!((ward.own, ward.round), (1, 2));
        assert_eq!(ward.others, [held(1, "SXD", true)]);
        let again = agency_round(&rounds, "32002", 3);
        assert_eq!((again.own, again.others.len()), (2, 1));
        let first = agency_round(&rounds, "SXD", 1);
        assert_eq!((first.own, first.others.len()), (1, 0));
    }

    /// An urgent report's clock far from its deadline is flagged at once; nearer, the
    /// due-soon and overdue thresholds take over, at the same instants as before: the
    /// horizon itself is due soon, the deadline itself not yet overdue.
    #[test]
    fn a_listed_clock_reaches_at_once_then_due_soon_then_overdue() {
        let due = "2026-12-08T14:00:00+07:00";
        let reached = |now: &str, horizon: &str| Threshold::reached(due, now, horizon);
        assert_eq!(
            reached("2026-12-08T09:00:00+07:00", "2026-12-08T09:30:00+07:00"),
            Threshold::AtOnce
        );
        assert_eq!(
            reached("2026-12-08T13:30:00+07:00", "2026-12-08T14:00:00+07:00"),
            Threshold::DueSoon
        );
        assert_eq!(
            reached("2026-12-08T14:00:00+07:00", "2026-12-08T14:30:00+07:00"),
            Threshold::DueSoon
        );
        assert_eq!(
            reached("2026-12-08T14:00:01+07:00", "2026-12-08T14:30:01+07:00"),
            Threshold::Overdue
        );
    }

    /// Each threshold reads back from its sealed text into its own mark column; a text
    /// older logs never wrote is due soon, as it was read before.
    #[test]
    fn a_threshold_reads_back_from_its_text_into_its_own_column() {
        let all = [Threshold::DueSoon, Threshold::Overdue, Threshold::AtOnce];
        for threshold in all {
            assert_eq!(Threshold::read(threshold.as_str()), threshold);
        }
        let slots: Vec<usize> = all.iter().map(|t| t.slot()).collect();
        assert_eq!(slots, [0, 1, 2]);
        assert_eq!(Threshold::COUNT, all.len());
        assert_eq!(Threshold::read("soon"), Threshold::DueSoon);
    }
}
