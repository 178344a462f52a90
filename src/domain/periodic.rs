//! The periodic report to the provincial People's Committee (docs/rules.md §5, Đ13.6): the period,
//! what each report looked like "as of" a moment (folded from its events), how its clocks
//! stood, and the counts, rates and case lists built from them. Storage streams the rows;
//! everything that decides a number lives here. The builder keeps counts only: each case
//! it finds is handed back to the caller as the row that found it goes by, so a report of
//! any size is built in flat memory (the caller decides where the lists wait).

use std::borrow::Cow;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::deadline::{Rule, Stage, WorkingTime, distance};
use super::exact::{self, Ratio};
use super::report::Status;
use super::time::{self, Timestamp};
use crate::i18n::Bilingual;

/// A change of a `deadline.*` setting logged inside a report's or score's period: the
/// figures rest on the limits as they stood at each moment, and the document names each
/// change beside the limits at its end, so that a limit that stood for twenty minutes is
/// not hidden behind the value now (docs/rules.md, Settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitChange {
    pub event: i64,
    /// When it was made (stored form).
    pub at: String,
    pub key: String,
    /// The value before, the default where the setting had no row (filled by the caller).
    pub from: Option<String>,
    pub to: String,
}

/// A reporting period: reports *received* (submitted) in `[from, until)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub kind: &'static str,
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    pub label_vi: String,
    pub label_en: String,
}

impl Bilingual for Period {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Owned(self.label_vi.clone())
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(self.label_en.clone())
    }
}

/// The periods a report is most likely asked for on `today`, newest first, as `--period`
/// spells them (shell completion): the last twelve months, the last four quarters, the last
/// two half-years and the last two years.
pub fn recent_periods(today: NaiveDate) -> Vec<String> {
    PeriodKind::ALL
        .into_iter()
        .flat_map(|kind| recent_periods_of(today, kind))
        .collect()
}

/// The recent periods of one `kind` only (`recent_periods`): what the `--period` of
/// `report monthly` (months), `quarterly`, `half-year` or `annual` takes.
pub fn recent_periods_of(today: NaiveDate, kind: PeriodKind) -> Vec<String> {
    let (year, month) = (today.year(), today.month0() as i32);
    match kind {
        PeriodKind::Month => (0..12)
            .map(|back| {
                let m = year * 12 + month - back;
                format!("{}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
            })
            .collect(),
        PeriodKind::Quarter => (0..4)
            .map(|back| {
                let q = year * 4 + month / 3 - back;
                format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
            })
            .collect(),
        PeriodKind::HalfYear => (0..2)
            .map(|back| {
                let h = year * 2 + month / 6 - back;
                format!("{}-H{}", h.div_euclid(2), h.rem_euclid(2) + 1)
            })
            .collect(),
        PeriodKind::Year => vec![year.to_string(), (year - 1).to_string()],
    }
}

/// The years a period may lie in (docs/rules.md §5): a year typed short (`26`, `0`) is a
/// mistake, not the year 26, and would report or score nothing without a word.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A year of a period, typed in full and within `YEARS`.
fn year_of(text: &str) -> Option<i32> {
    text.parse().ok().filter(|year| YEARS.contains(year))
}

/// The `n`-th of the `parts` equal parts of a year (months, quarters, halves), typed
/// `<year><sep><n>`: its year, its number, and its first and last day.
fn part_of_year(text: &str, sep: &str, parts: u32) -> Option<(i32, u32, NaiveDate, NaiveDate)> {
    let (y, n) = text.trim().split_once(sep)?;
    let (year, n): (i32, u32) = (year_of(y)?, n.parse().ok()?);
    if !(1..=parts).contains(&n) {
        return None;
    }
    let months = 12 / parts;
    let from = NaiveDate::from_ymd_opt(year, (n - 1) * months + 1, 1)?;
    let to = from.checked_add_months(chrono::Months::new(months))? - Days::new(1);
    Some((year, n, from, to))
}

impl Period {
    pub fn month(text: &str) -> Option<Period> {
        let (year, month, from, to) = part_of_year(text, "-", 12)?;
        Some(Period {
            kind: "month",
            from,
            to,
            label_vi: format!("Tháng {} năm {year}", month_number(month)),
            label_en: format!("{} {year}", MONTHS_EN[month as usize - 1]),
        })
    }

    pub fn quarter(text: &str) -> Option<Period> {
        let (year, quarter, from, to) = part_of_year(text, "-Q", 4)?;
        Some(Period {
            kind: "quarter",
            from,
            to,
            label_vi: format!(
                "Quý {} năm {year}",
                ["I", "II", "III", "IV"][quarter as usize - 1]
            ),
            label_en: format!("Q{quarter} {year}"),
        })
    }

    pub fn half(text: &str) -> Option<Period> {
        let (year, half, from, to) = part_of_year(text, "-H", 2)?;
        Some(Period {
            kind: "half_year",
            from,
            to,
            label_vi: format!(
                "{} tháng {} năm {year}",
                6,
                ["đầu", "cuối"][half as usize - 1]
            ),
            label_en: format!("H{half} {year}"),
        })
    }

    pub fn year(text: &str) -> Option<Period> {
        let year = year_of(text.trim())?;
        Some(Period {
            kind: "year",
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
            label_vi: format!("Năm {year}"),
            label_en: format!("Year {year}"),
        })
    }

    pub fn range(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        let within = YEARS.contains(&from.year()) && YEARS.contains(&to.year());
        (within && from <= to).then(|| Period {
            kind: "range",
            from,
            to,
            label_vi: format!(
                "Từ {} đến {}",
                from.format("%d/%m/%Y"),
                to.format("%d/%m/%Y")
            ),
            // As every English date of the report is written: `05/01` is January to one
            // reader and May to another.
            label_en: format!("{} to {}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d")),
        })
    }

    /// The first instant after the period.
    pub fn end(&self) -> Timestamp {
        time::start_of_day(self.to + Days::new(1))
    }

    pub fn start(&self) -> Timestamp {
        time::start_of_day(self.from)
    }

    /// The moment whose names a period's files give its agencies: its last second, or the
    /// "as of" moment of a period still running (docs/rules.md §5, "The names of the
    /// period"). A rename after the period ended (Sở Khoa học và Công nghệ renamed in
    /// October 2026) must not rewrite the name a closed period's report and score printed.
    pub fn named_at(&self, as_of: &Timestamp) -> Timestamp {
        let last = self.end() - chrono::Duration::seconds(1);
        if *as_of < last { *as_of } else { last }
    }
}

/// A month's number as Vietnamese administrative documents write it (Decree 30/2020/NĐ-CP,
/// Appendix I): January and February with a leading zero, which keeps "tháng 1" from being
/// made "tháng 11" by hand, the others as they are ("tháng 02", "tháng 9"). A period's name
/// and the document's date line both take it, so the two read alike.
pub fn month_number(month: u32) -> String {
    if month < 3 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One logged event of a report, as the fold needs it.
#[derive(Debug, Clone)]
pub struct Logged<'a> {
    pub at: &'a str,
    pub action: &'a str,
    pub to_status: Option<&'a str>,
    pub payload: &'a str,
}

/// What a report looked like as of a moment, folded from its events up to then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: String,
    pub commune: String,
    /// Validation found it complete by the moment.
    pub accepted: bool,
    /// Status as of the report's moment; None before it was ingested.
    pub status: Option<Status>,
    /// Status at the end of the period (or as of, if earlier).
    pub status_at_end: Option<Status>,
    pub reject_reasons: Vec<String>,
    pub field: Option<String>,
    pub agency: Option<String>,
    /// The agency holds it: assigned, and not returned since (a returned report waits for
    /// the portal, whatever becomes of it next: docs/rules.md §5).
    pub held: bool,
    pub returns: u32,
    pub send_backs: u32,
    pub rating: Option<u8>,
    /// When it reached a final status (rejected, published, closed privately, duplicate).
    pub closed_at: Option<String>,
    /// How many clocks its steps up to the moment started (`clocks::starts_of`).
    #[serde(skip)]
    pub clocks_started: u64,
    /// The flag as stored now, which is the app's unless an assignment raised it.
    #[serde(skip)]
    urgent_now: bool,
    /// An assignment up to the moment went out as urgent.
    #[serde(skip)]
    urgent_by_moment: bool,
    /// The first assignment ever logged, at any time: whether it went out as urgent, and
    /// whether it raised the flag itself.
    #[serde(skip)]
    first_assignment: Option<Assignment>,
}

/// What an `assign` event's payload says of urgency: `urgent`, the flag it went out with
/// (the app's or its own), and `raised`, written when the assignment itself raised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub urgent: bool,
    pub raised: bool,
}

impl Assignment {
    fn of_payload(p: &serde_json::Value) -> Assignment {
        Assignment {
            urgent: p["urgent"].as_bool().unwrap_or(false),
            raised: p["raised"].as_bool().unwrap_or(false),
        }
    }
}

/// Whether a report was urgent as of a moment: an assignment by then sent it out as
/// urgent, or the app had flagged it. The app's flag is the first assignment's, unless that
/// assignment raised it (an assignment goes out with the app's flag, Đ7.2); with no
/// assignment at all, only the app can have set the flag stored now. An assignment logged
/// before `raised` was written, urgent and first, reads as the app's flag: the log cannot
/// tell the two apart.
pub fn urgency_as_of(now: bool, by_moment: bool, first: Option<Assignment>) -> bool {
    by_moment || first.map_or(now, |a| a.urgent && !a.raised)
}

impl Facts {
    pub fn new(
        id: i64,
        external_id: String,
        submitted_at: String,
        commune: String,
        urgent: bool,
    ) -> Facts {
        Facts {
            id,
            external_id,
            submitted_at,
            commune,
            accepted: false,
            status: None,
            status_at_end: None,
            reject_reasons: Vec::new(),
            field: None,
            agency: None,
            held: false,
            returns: 0,
            send_backs: 0,
            rating: None,
            closed_at: None,
            clocks_started: 0,
            urgent_now: urgent,
            urgent_by_moment: false,
            first_assignment: None,
        }
    }

    /// Urgent as of the moment: flagged by the app, or raised by an assignment made by then
    /// (`urgency_as_of`). A flag raised later must not reach a report "as of" an earlier
    /// moment (docs/rules.md §5).
    pub fn urgent(&self) -> bool {
        urgency_as_of(
            self.urgent_now,
            self.urgent_by_moment,
            self.first_assignment,
        )
    }

    /// Takes note of an event logged after the moment: only what it says of the report's
    /// state before it counts (an assignment's `raised`, for `urgency_as_of`).
    pub fn note_later(&mut self, event: &Logged<'_>) {
        if event.action == "assign" && self.first_assignment.is_none() {
            let payload = serde_json::from_str(event.payload).unwrap_or_default();
            self.first_assignment = Some(Assignment::of_payload(&payload));
        }
    }

    /// Applies one event (already known to be at or before the "as of" moment). `end` is
    /// the canonical text of the period's end, for `status_at_end`.
    pub fn apply(&mut self, event: &Logged<'_>, end: &str) {
        self.clocks_started += super::clocks::starts_of(event.action);
        let payload = || serde_json::from_str::<serde_json::Value>(event.payload).ok();
        match event.action {
            "accept" => self.accepted = true,
            "reject" => {
                if let Some(p) = payload() {
                    self.reject_reasons = p["reasons"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|r| r.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                }
            }
            "classify" => {
                self.field = payload().and_then(|p| p["field"].as_str().map(str::to_owned))
            }
            "assign" => {
                let p = payload().unwrap_or_default();
                self.agency = p["agency"].as_str().map(str::to_owned);
                self.held = true;
                let assignment = Assignment::of_payload(&p);
                self.first_assignment.get_or_insert(assignment);
                self.urgent_by_moment |= assignment.urgent;
            }
            // The portal answers a returned report itself (Đ7.1.b, second paragraph): the
            // agency that returned it neither holds it nor earns its citizen's rating.
            "answer" => {
                self.agency = None;
                self.held = false;
            }
            "return" => {
                self.returns += 1;
                self.held = false;
            }
            "verify_send_back" => self.send_backs += 1,
            "rate" => {
                self.rating = payload()
                    .and_then(|p| p["score"].as_u64())
                    .and_then(|s| u8::try_from(s).ok())
            }
            _ => {}
        }
        if let Some(status) = event.to_status.and_then(Status::parse) {
            if status.is_final() && self.status.is_none_or(|s| !s.is_final()) {
                self.closed_at = Some(event.at.to_owned());
            }
            self.status = Some(status);
            if event.at < end {
                self.status_at_end = Some(status);
            }
        }
    }
}

/// A clock as it stood at the "as of" moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockFact {
    pub report_id: i64,
    pub external_id: String,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: String,
    pub due_at: String,
    /// Set when it stopped at or before the moment.
    pub stopped_at: Option<String>,
    pub breached: Option<bool>,
    /// The event that stopped it (`reply`, `return`, …), when stopped by the moment.
    pub stopped_by: Option<String>,
    /// The event that started it (`assign`, `verify_send_back`, …).
    pub started_by: Option<String>,
    /// The calendar version its deadline was computed under (as stored now).
    pub calendar_version: String,
    /// How its limit was counted (working or clock hours): the time its overrun is said in.
    pub rule: Rule,
    /// Its stop time as stored, when that is not the one form phananh writes
    /// (`time::canonical`): edited outside phananh, it cannot be judged against the moment.
    pub odd_stop: Option<String>,
    /// The report the event that started it is about.
    #[serde(skip)]
    pub start_report: Option<i64>,
    /// The agency of the report's last assignment up to that event, as the log has it.
    #[serde(skip)]
    pub assigned: Option<String>,
    /// The report's submission time, when an arrival started the clock.
    #[serde(skip)]
    pub submitted_at: String,
    /// The step its row names as its start, as the log has it (None: no such event).
    #[serde(skip)]
    pub start_step: Option<LoggedStep>,
    /// Its stop time as stored, whether or not it stopped by the moment.
    #[serde(skip)]
    pub stored_stop: Option<String>,
    /// The step its row names as its stop, as the log has it (None: none, or no such event).
    #[serde(skip)]
    pub stop_step: Option<LoggedStep>,
    /// The first step of its report after its start that stops a clock of its stage, as the
    /// log has it (None: none yet): the step it stopped at, if it stopped.
    pub first_stop: Option<i64>,
}

/// A step of the log as a clock row names it: the event, the report it is about, its kind
/// and its time, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedStep {
    pub event: i64,
    pub report: Option<i64>,
    pub action: String,
    pub at: String,
}

/// Which end of a clock the log does not give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlogged {
    Start,
    Stop,
}

/// What of a clock row does not hold against the log, the first found in the order
/// `app::report::clock_fault` judges them: its stop time's form, its start and stop steps,
/// its late flag, its agency, a stopped clock's deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockFault {
    /// Its stop time as stored, not in the one form phananh writes.
    OddStop(String),
    /// Its start or stop is no step the log gives it.
    Step(Unlogged),
    /// Its late flag is not the one its stop and deadline give.
    Flag,
    /// It runs against another agency than the log gives it (None: the portal's).
    Agency(Option<String>),
    /// Stopped, its deadline is not the one its start step gives under the calendar and
    /// limits in force just before its stop (the deadline the log gives).
    Deadline(time::Timestamp),
    /// Stopped, its deadline holds but is counted in another kind of time than its start
    /// step gives (the log's): the time its lateness is said in.
    Rule(Rule),
    /// Its round is not its place among its stage's clocks (the round it is).
    Round(i64),
}

/// What of the stopped clocks `list --overdue` read does not hold against the log
/// ([`StoppedFault`]), and how the list took its reports: by their late flags (`--ever`), or by their
/// start, stop and deadline at its moment.
#[derive(Debug, Clone, PartialEq)]
pub struct StoppedUnvouched {
    pub fault: StoppedFault,
    pub by_late_flags: bool,
}

/// What of the stopped clocks does not hold against the log: the first clock that does not
/// ([`ClockFault`]), or, every row holding, their count with the open clocks' against the
/// clocks the log starts (a clock deleted leaves no row to judge).
#[derive(Debug, Clone, PartialEq)]
pub enum StoppedFault {
    Clock(Box<ClockFact>, ClockFault),
    Uncounted(super::clocks::Uncounted),
}

/// How a clock counts in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    OnTime,
    Late,
    OpenWithin,
    OpenOverdue,
}

impl ClockFact {
    /// Whether a clock stopped by the moment carries the late flag its own stop and
    /// deadline give (`clocks::breached`). The outcome reads the flag: set with `sqlite3`,
    /// an agency's late cases counted as on time. True while it runs, and when a time
    /// cannot be read or no stop step is named for a return window (judged elsewhere).
    pub fn flag_holds(&self) -> bool {
        let (Some(stopped), Some(flag)) = (&self.stopped_at, self.breached) else {
            return true;
        };
        let (Some(due), Some(stop)) = (time::stored(&self.due_at), time::stored(stopped)) else {
            return true;
        };
        let action = self
            .stopped_by
            .as_deref()
            .and_then(super::event::EventKind::parse);
        let late = match action {
            Some(action) => super::clocks::breached(self.stage, action, &due, &stop),
            None if self.stage == Stage::Return => return true,
            None => stop > due,
        };
        late == flag
    }

    /// Whether the clock runs against the agency the log gives it: its start event is
    /// about its own report, and it names the agency of the report's last assignment up to
    /// that event (none for the portal's own stages, `clocks::portal_holds`). Moved with
    /// `sqlite3`, an agency's late cases counted against another. None when it holds; else
    /// the agency the log gives (None: the portal's, or no assignment).
    pub fn agency_fault(&self) -> Option<Option<&str>> {
        super::clocks::agency_fault(
            self.report_id,
            self.stage,
            self.agency.as_deref(),
            self.start_report,
            self.assigned.as_deref(),
        )
    }

    /// Whether the clock starts and stops where the log says: its start is a step of its own
    /// report that starts such a clock, at that step's time (an arrival's at the submission
    /// time); its stop, if stored, a later step of its own report that stops such a clock, at
    /// that step's time. A deadline and a stop time moved together with the late flag agree
    /// with each other; what they are judged against must be the log's. None when both
    /// hold; a row whose start or stop names no event of the log fails too.
    pub fn unlogged_step(&self) -> Option<Unlogged> {
        use super::clocks::effects_of_event;
        use super::event::EventKind;
        // The same text is the same moment (the log's own times are as phananh writes
        // them); read as times only when the texts differ.
        let same = |a: &str, b: &str| {
            a == b || time::canonical(a).is_some_and(|a| time::canonical(b) == Some(a))
        };
        let Some(start) = &self.start_step else {
            return Some(Unlogged::Start);
        };
        let kind = EventKind::parse(&start.action);
        let starts = kind.is_some_and(|k| {
            effects_of_event(k, None)
                .starts
                .iter()
                .any(|s| s.stage == self.stage)
        });
        let began = match kind {
            Some(EventKind::Ingest) => &self.submitted_at,
            _ => &start.at,
        };
        if start.report != Some(self.report_id) || !starts || !same(&self.started_at, began) {
            return Some(Unlogged::Start);
        }
        // A clock stops at the first step after its start that stops its stage: a later
        // one (the next round's reply) made an on-time case late, every other check of the
        // stop holding; and a clock the log stopped cannot be open.
        let Some(stored) = &self.stored_stop else {
            return self.first_stop.map(|_| Unlogged::Stop);
        };
        let holds = self.stop_step.as_ref().is_some_and(|stop| {
            let stops = EventKind::parse(&stop.action)
                .is_some_and(|k| effects_of_event(k, None).stops.contains(&self.stage));
            stop.report == Some(self.report_id)
                && stop.event > start.event
                && stops
                && same(stored, &stop.at)
                && self.first_stop == Some(stop.event)
        });
        (!holds).then_some(Unlogged::Stop)
    }

    /// The clock as the sweep's check of a deadline reads it (`clocks::unlogged_deadline`):
    /// the deadline its start step gives under a calendar is judged the same way here.
    pub fn as_open_row(&self) -> super::clocks::OpenRow<'_> {
        super::clocks::OpenRow {
            report_id: self.report_id,
            stage: self.stage,
            due_at: &self.due_at,
            start: self
                .start_step
                .as_ref()
                .map(|s| (s.report, s.action.as_str(), s.at.as_str())),
            submitted_at: Some(&self.submitted_at),
            rule: Some(self.rule),
        }
    }

    /// The clock's outcome as of `as_of` (canonical text). A return window that passed
    /// unused closed unbreached: it counts as on time, never as overdue.
    pub fn outcome(&self, as_of: &str) -> Outcome {
        match (self.stopped_at.as_ref(), self.breached) {
            (Some(_), Some(true)) => Outcome::Late,
            (Some(_), _) => Outcome::OnTime,
            (None, _) if self.due_at.as_str() >= as_of => Outcome::OpenWithin,
            (None, _) if self.stage == Stage::Return => Outcome::OnTime,
            (None, _) => Outcome::OpenOverdue,
        }
    }
}

/// Thresholds of the case lists (\[choice\] settings).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Exact, as the setting's text says it: compared with working time to the second.
    pub prolonged_working_days: Ratio,
    pub prolonged_returns: u32,
    pub unresolved_send_backs: u32,
    pub unresolved_max_rating: u8,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            prolonged_working_days: Ratio::integer(5),
            prolonged_returns: 2,
            unresolved_send_backs: 2,
            unresolved_max_rating: 2,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub received: u64,
    /// Ingested but not yet checked as of the moment.
    pub awaiting_check: u64,
    pub rejected: u64,
    pub accepted: u64,
    /// Merged into another report before the check (ingest's `near_duplicate_id` warning
    /// leads there): neither rejected nor accepted, so that the four make up `received`.
    pub merged_before_check: u64,
    pub urgent: u64,
    pub duplicates: u64,
    /// Reached publication or a private answer.
    pub answered: u64,
    /// A result exists (an agency's reply or the portal's own answer) and waits only for the
    /// portal's check or publication (`replied`, `verified`): the delay is the portal's
    /// (Đ9.4), not an agency's, so it is no part of `in_progress`.
    pub result_awaiting_portal: u64,
    /// Accepted and still without a result as of the moment: neither answered, nor awaiting
    /// the portal with a result, nor merged as a duplicate, so that accepted = duplicates
    /// merged after the check + answered + result awaiting the portal + these.
    pub in_progress: u64,
}

/// The accepted reports no agency holds as of the moment, by why: with the agencies' counts
/// they make the accepted total, so that a reader who adds up the agencies finds where the
/// rest went (the portal's own answers are its workload, Đ7.1.b).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct NotAssigned {
    /// Answered by the portal itself, whether the answer is still awaiting its check or
    /// already published or sent privately.
    pub answered_by_portal: u64,
    pub duplicates: u64,
    /// Returned by the agency it was assigned to, waiting for the portal to dispatch it
    /// again: no agency holds it (docs/rules.md §5), as `list --overdue --agency` says.
    pub returned: u64,
    /// Still waiting to be classified or assigned.
    pub waiting: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StageStats {
    pub stage: Option<Stage>,
    pub on_time: u64,
    pub late: u64,
    pub open_within: u64,
    pub open_overdue: u64,
    /// on time ÷ (completed + open overdue), docs/rules.md §5; None when nothing counts yet.
    pub on_time_rate: Option<Ratio>,
}

impl StageStats {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Late => self.late += 1,
            Outcome::OpenWithin => self.open_within += 1,
            Outcome::OpenOverdue => self.open_overdue += 1,
        }
    }

    fn finish(&mut self) {
        self.on_time_rate = rate(self.on_time, self.on_time + self.late + self.open_overdue);
    }
}

/// \[choice\] The on-time rate of docs/rules.md §5: an overdue case still open counts against.
/// Exact; rounded only where it is printed.
pub fn rate(part: u64, whole: u64) -> Option<Ratio> {
    Ratio::of(part, whole)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgencyStats {
    pub agency: String,
    /// Assignments received (each starts a return window).
    pub assigned: u64,
    pub replied_on_time: u64,
    pub replied_late: u64,
    pub returned_on_time: u64,
    pub returned_late: u64,
    pub sent_back: u64,
    /// Processing clocks still running.
    pub open: u64,
    pub open_overdue: u64,
    /// Processing rounds the portal stopped by merging the report as a duplicate after
    /// their deadline: late in the stages' table and the late list, which charge them to
    /// the agency, so late here too (docs/rules.md §5).
    pub merged_late: u64,
    /// Processing on-time rate: replied on time ÷ (replied + open overdue + merged late).
    pub on_time_rate: Option<Ratio>,
    pub ratings: u64,
    pub rating_sum: u64,
    pub satisfied: u64,
}

/// An agency's *cases* for the emulation score (docs/rules.md §5): one per assignment of a
/// report to it, however many rounds of rework the case took. The report's own agency table
/// (`AgencyStats`) counts rounds, as Đ13.6's follow-up of each deadline needs; the score
/// judges the work per report, so rework cannot look like more work done.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CaseCounts {
    pub agency: String,
    /// Assignments (each opens a return window).
    pub assigned: u64,
    /// Cases with at least one reply, whatever round they are in now (also the base of the
    /// send-back share).
    pub replied: u64,
    /// Replied cases none of whose replies was late and none of whose rework rounds is
    /// open, or ended, past its deadline.
    pub on_time: u64,
    /// Replied cases with a reply late, or a rework round open or ended (by a return, a
    /// merge) past its deadline: a send-back or a return never takes a late case out.
    pub late: u64,
    /// Cases not yet replied to whose round is open past its deadline.
    pub open_overdue: u64,
    /// Cases sent back for rework at least once.
    pub sent_back: u64,
    pub returns: u64,
    pub late_returns: u64,
    pub ratings: u64,
    pub rating_sum: u64,
    pub satisfied: u64,
}

/// How the latest round of a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Latest {
    Replied,
    OpenOverdue,
    OpenWithin,
    /// Returned, or stopped by a duplicate, within the deadline.
    Ended,
    /// Returned past the deadline.
    EndedLate,
    /// Merged into another report (`duplicate`) past the deadline, no reply given: the
    /// agency missed it before the portal's merge.
    MergedLate,
}

/// The case whose processing rounds are being read (rounds of a report come in order).
#[derive(Debug, Clone)]
struct OpenCase {
    report_id: i64,
    agency: String,
    any_late: bool,
    any_reply: bool,
    sent_back: bool,
    latest: Latest,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Satisfaction {
    pub ratings: u64,
    pub average: Option<Ratio>,
    pub satisfied: u64,
    pub satisfied_share: Option<Ratio>,
    /// Ratings 1..=5.
    pub distribution: [u64; 5],
}

/// A case in one of the lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub report_id: i64,
    pub external_id: String,
    pub stage: Option<Stage>,
    pub round: Option<i64>,
    pub agency: Option<String>,
    pub due_at: Option<String>,
    pub done_at: Option<String>,
    /// Minutes past the deadline (late list), or working days taken (prolonged list).
    pub overrun_minutes: Option<i64>,
    /// The same overrun in the time the clock counts (late list): working minutes for a
    /// clock counted in working hours, clock minutes otherwise (docs/rules.md §3, §5).
    pub overrun_counted_minutes: Option<i64>,
    /// The clock's rule, which says which of the two `overrun_counted_minutes` is.
    pub overrun_rule: Option<Rule>,
    pub working_days: Option<f64>,
    #[serde(deserialize_with = "why_codes")]
    pub why: Vec<&'static str>,
}

/// Every reason a case is listed for.
pub const WHY: [&str; 11] = [
    "completed_late",
    "open_overdue",
    "closed_after_working_days",
    "open_after_working_days",
    "returned_repeatedly",
    "returned",
    "open_at_period_end",
    "open_at_as_of",
    "sent_back_repeatedly",
    "sent_back",
    "low_rating",
];

/// The reason a count that reached its `threshold` gives: at a threshold of 1, once is
/// enough, and once is not "repeatedly".
fn once_or_more(threshold: u32, once: &'static str, repeatedly: &'static str) -> &'static str {
    if threshold <= 1 { once } else { repeatedly }
}

/// Reads the reasons of a case back (from where the caller set the list aside).
fn why_codes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|code| {
            WHY.iter()
                .find(|w| **w == code)
                .copied()
                .ok_or_else(|| serde::de::Error::custom(format!("unknown reason {code}")))
        })
        .collect()
}

/// What became of a case listed as open at the period's end (`open_at_period_end`), by the
/// report's moment: the periodic report lists it (docs/rules.md §5, "unresolved"), and the
/// leader asked to direct it must see whether it still needs anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceEnd {
    StillOpen,
    /// Reached a final status since, and none of its clocks was late.
    DoneOnTime,
    /// Reached a final status since, with a clock completed late (listed in 6.1 too).
    DoneLate,
}

impl SinceEnd {
    pub const ALL: [SinceEnd; 3] = [
        SinceEnd::StillOpen,
        SinceEnd::DoneOnTime,
        SinceEnd::DoneLate,
    ];

    /// The code JSON and CSV give it.
    pub fn code(self) -> &'static str {
        match self {
            SinceEnd::StillOpen => "still_open",
            SinceEnd::DoneOnTime => "done_on_time",
            SinceEnd::DoneLate => "done_late",
        }
    }

    /// Where a case stands by the moment, from its own facts: done when it reached a final
    /// status; a late clock, read after, turns done on time into done late (`late_clock`).
    pub fn of(case: &Case) -> Option<SinceEnd> {
        case.why.contains(&"open_at_period_end").then(|| {
            if case.done_at.is_some() {
                SinceEnd::DoneOnTime
            } else {
                SinceEnd::StillOpen
            }
        })
    }

    pub fn late_clock(self) -> SinceEnd {
        match self {
            SinceEnd::DoneOnTime => SinceEnd::DoneLate,
            other => other,
        }
    }
}

/// The cases one report belongs to, if any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportCases {
    pub prolonged: Option<Case>,
    pub unresolved: Option<Case>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodReport {
    pub period: Period,
    pub as_of: String,
    /// The moment is before the period's end: its figures are those so far.
    pub running: bool,
    pub totals: Totals,
    pub rejections: BTreeMap<String, u64>,
    pub by_field: BTreeMap<String, u64>,
    pub by_agency: BTreeMap<String, u64>,
    pub not_assigned: NotAssigned,
    pub by_commune: BTreeMap<String, u64>,
    pub per_week: BTreeMap<NaiveDate, u64>,
    pub stages: Vec<StageStats>,
    pub agencies: Vec<AgencyStats>,
    pub satisfaction: Satisfaction,
    pub thresholds: Thresholds,
    /// Per agency, counted per case, for the score (not part of the report's documents).
    #[serde(skip)]
    pub cases_by_agency: Vec<CaseCounts>,
}

/// Key of reports with no field or no commune.
pub const NONE: &str = "-";

/// Key, among the fields, of the duplicates left without one: reception merges a duplicate
/// instead of classifying it, and counted under `NONE` they read as work reception left
/// undone. In lower case, as no field's code is.
pub const DUPLICATE: &str = "duplicate";

/// Builds the report from every report's facts and every clock's facts (of reports received
/// in the period), as of `as_of`. The cases come back from `add_report` and `add_clock`;
/// fed reports in id order and clocks in (report, stage, round) order, they come in the
/// order the lists are printed.
pub struct Builder<'c> {
    report: PeriodReport,
    agencies: BTreeMap<String, AgencyStats>,
    cases: BTreeMap<String, CaseCounts>,
    open_case: Option<OpenCase>,
    stages: BTreeMap<Stage, StageStats>,
    working_time: WorkingTime<'c>,
    calendar: &'c Calendar,
    seconds_per_day: u32,
    as_of_time: Timestamp,
    keep_cases: bool,
}

impl<'c> Builder<'c> {
    pub fn new(
        period: Period,
        as_of: &Timestamp,
        thresholds: Thresholds,
        calendar: &'c Calendar,
    ) -> Builder<'c> {
        let period_from = period.from;
        let running = *as_of < period.end();
        let calendar_hours = calendar.hours().per_day();
        let stages = Stage::ALL
            .into_iter()
            .map(|s| {
                (
                    s,
                    StageStats {
                        stage: Some(s),
                        ..StageStats::default()
                    },
                )
            })
            .collect();
        Builder {
            report: PeriodReport {
                period,
                as_of: time::format(as_of),
                running,
                totals: Totals::default(),
                rejections: BTreeMap::new(),
                by_field: BTreeMap::new(),
                by_agency: BTreeMap::new(),
                not_assigned: NotAssigned::default(),
                by_commune: BTreeMap::new(),
                per_week: BTreeMap::new(),
                stages: Vec::new(),
                agencies: Vec::new(),
                satisfaction: Satisfaction::default(),
                thresholds,
                cases_by_agency: Vec::new(),
            },
            agencies: BTreeMap::new(),
            cases: BTreeMap::new(),
            open_case: None,
            stages,
            // Receipt is in the period and closure by the moment: one running total covers both.
            working_time: WorkingTime::new(calendar, period_from, as_of.date_naive()),
            calendar,
            seconds_per_day: calendar_hours,
            as_of_time: *as_of,
            keep_cases: true,
        }
    }

    /// Counts only: no case is looked for (the yearly score needs none).
    pub fn without_cases(mut self) -> Self {
        self.keep_cases = false;
        self
    }

    fn agency(&mut self, code: &str) -> &mut AgencyStats {
        self.agencies
            .entry(code.to_owned())
            .or_insert_with(|| AgencyStats {
                agency: code.to_owned(),
                ..AgencyStats::default()
            })
    }

    fn case_counts(&mut self, code: &str) -> &mut CaseCounts {
        // Looked up for every clock: the code is copied only the first time it is seen.
        if !self.cases.contains_key(code) {
            self.cases.insert(
                code.to_owned(),
                CaseCounts {
                    agency: code.to_owned(),
                    ..CaseCounts::default()
                },
            );
        }
        self.cases.get_mut(code).expect("inserted above")
    }

    /// Counts the case read so far, if any, into its agency's cases.
    fn close_case(&mut self) {
        let Some(case) = self.open_case.take() else {
            return;
        };
        let c = self.case_counts(&case.agency);
        // A case with a reply is judged whatever round it is in, so that neither the
        // portal's send-back of a late reply nor the agency's return of an overdue rework
        // takes it out of T (docs/rules.md §5). A case with none is judged only while
        // overdue; a return in its first round is R's to judge.
        if case.any_reply {
            c.replied += 1;
            if case.any_late
                || matches!(
                    case.latest,
                    Latest::OpenOverdue | Latest::EndedLate | Latest::MergedLate
                )
            {
                c.late += 1;
            } else {
                c.on_time += 1;
            }
        } else if matches!(case.latest, Latest::OpenOverdue | Latest::MergedLate) {
            // The portal's merge after the deadline does not take the overdue case out of
            // T: it raised the agency's score (the report's rate counts it late, 6.1 lists
            // it).
            c.open_overdue += 1;
        }
        c.sent_back += u64::from(case.sent_back);
    }

    /// Follows one processing round into its case: an assignment starts a case, a send-back
    /// continues it (same report, same agency).
    fn follow_case(&mut self, clock: &ClockFact, agency: &str, outcome: Outcome) {
        let rework = clock.started_by.as_deref() == Some("verify_send_back");
        let same = self
            .open_case
            .as_ref()
            .is_some_and(|c| c.report_id == clock.report_id && c.agency == agency);
        if !(rework && same) {
            self.close_case();
            self.open_case = Some(OpenCase {
                report_id: clock.report_id,
                agency: agency.to_owned(),
                any_late: false,
                any_reply: false,
                sent_back: false,
                latest: Latest::OpenWithin,
            });
        }
        let case = self.open_case.as_mut().expect("set above");
        case.sent_back |= rework;
        case.latest = match (clock.stopped_by.as_deref(), outcome) {
            (Some("reply"), Outcome::Late) => {
                case.any_late = true;
                case.any_reply = true;
                Latest::Replied
            }
            (Some("reply"), _) => {
                case.any_reply = true;
                Latest::Replied
            }
            (None, Outcome::OpenOverdue) => Latest::OpenOverdue,
            (None, _) => Latest::OpenWithin,
            (Some("duplicate"), Outcome::Late) => Latest::MergedLate,
            (Some(_), Outcome::Late) => Latest::EndedLate,
            (Some(_), _) => Latest::Ended,
        };
    }

    /// Counts one report (received in the period and ingested by the moment); returns the
    /// prolonged and unresolved cases it is.
    pub fn add_report(&mut self, facts: &Facts) -> ReportCases {
        let Some(status) = facts.status else {
            return ReportCases::default();
        };
        let r = &mut self.report;
        let t = &mut r.totals;
        t.received += 1;
        *r.by_commune.entry(non_empty(&facts.commune)).or_default() += 1;
        if let Some(submitted) = time::stored(&facts.submitted_at) {
            let day = submitted.date_naive();
            let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
            *r.per_week.entry(monday).or_default() += 1;
        }
        if facts.urgent() {
            t.urgent += 1;
        }
        match status {
            Status::Received => t.awaiting_check += 1,
            Status::Rejected => {
                t.rejected += 1;
                for reason in &facts.reject_reasons {
                    *r.rejections.entry(reason.clone()).or_default() += 1;
                }
            }
            _ => {}
        }
        if facts.accepted {
            t.accepted += 1;
            let field = match (&facts.field, status) {
                (Some(field), _) => field.clone(),
                (None, Status::Duplicate) => DUPLICATE.to_owned(),
                (None, _) => NONE.to_owned(),
            };
            *r.by_field.entry(field).or_default() += 1;
        }
        match facts.agency.as_ref().filter(|_| facts.held) {
            Some(agency) => *r.by_agency.entry(agency.clone()).or_default() += 1,
            None if facts.accepted => {
                let n = &mut r.not_assigned;
                match status {
                    Status::Returned => n.returned += 1,
                    Status::Replied
                    | Status::Verified
                    | Status::Published
                    | Status::ClosedPrivate => n.answered_by_portal += 1,
                    Status::Duplicate => n.duplicates += 1,
                    _ => n.waiting += 1,
                }
            }
            None => {}
        }
        if status == Status::Duplicate {
            t.duplicates += 1;
            if !facts.accepted {
                t.merged_before_check += 1;
            }
        }
        match status {
            Status::Published | Status::ClosedPrivate => t.answered += 1,
            Status::Replied | Status::Verified if facts.accepted => t.result_awaiting_portal += 1,
            Status::Duplicate => {}
            _ if facts.accepted => t.in_progress += 1,
            _ => {}
        }
        if let Some(rating) = facts.rating {
            let s = &mut r.satisfaction;
            s.ratings += 1;
            s.distribution[usize::from(rating.clamp(1, 5)) - 1] += 1;
            if rating >= 4 {
                s.satisfied += 1;
            }
            if let Some(agency) = facts.agency.clone() {
                let a = self.agency(&agency);
                a.ratings += 1;
                a.rating_sum += u64::from(rating);
                a.satisfied += u64::from(rating >= 4);
                let c = self.case_counts(&agency);
                c.ratings += 1;
                c.rating_sum += u64::from(rating);
                c.satisfied += u64::from(rating >= 4);
            }
        }
        self.classify_case(facts, status)
    }

    fn classify_case(&self, facts: &Facts, status: Status) -> ReportCases {
        if !self.keep_cases {
            return ReportCases::default();
        }
        let th = self.report.thresholds;
        let mut prolonged = Vec::new();
        let closed = facts.closed_at.as_deref().and_then(time::stored);
        let submitted = time::stored(&facts.submitted_at);
        let mut working_days = None;
        if status != Status::Rejected
            && let Some(submitted) = submitted
        {
            let until = closed.unwrap_or(self.as_of_time);
            let per_day = i64::from(self.seconds_per_day.max(1));
            let seconds = self.working_time.between(&submitted, &until);
            // Rounded once, half up, for print; compared exactly with the threshold.
            working_days = exact::hundredths(seconds, per_day);
            let limit = th
                .prolonged_working_days
                .checked_mul(Ratio::integer(i128::from(per_day)));
            if limit.is_ok_and(|limit| Ratio::integer(i128::from(seconds)) > limit) {
                prolonged.push(if closed.is_some() {
                    "closed_after_working_days"
                } else {
                    "open_after_working_days"
                });
            }
        }
        if facts.returns >= th.prolonged_returns {
            prolonged.push(once_or_more(
                th.prolonged_returns,
                "returned",
                "returned_repeatedly",
            ));
        }
        // A returned report waits for the portal to dispatch it again: that is the portal's
        // clock, not the agency's that returned it (nor one it was once assigned to), so its
        // cases name no agency, as `list --overdue --agency` does not.
        let holder = facts.agency.clone().filter(|_| status != Status::Returned);
        let case = |why: Vec<&'static str>| Case {
            report_id: facts.id,
            external_id: facts.external_id.clone(),
            stage: None,
            round: None,
            agency: holder.clone(),
            due_at: None,
            done_at: facts.closed_at.clone(),
            overrun_minutes: None,
            overrun_counted_minutes: None,
            overrun_rule: None,
            working_days,
            why,
        };
        let prolonged = (!prolonged.is_empty()).then(|| case(prolonged));
        let mut unresolved = Vec::new();
        // Judged by where the report stood at the period's end: one still waiting for the
        // check then and rejected since stays listed, as one answered since does (it left
        // the list, and its count, once rejected).
        let open_at_end = match facts.status_at_end {
            Some(at_end) => !at_end.is_final(),
            None => status != Status::Rejected,
        };
        if open_at_end {
            // A period still running has no end to be open at: a case received this
            // morning is open at the moment, which says nothing yet against its agency.
            unresolved.push(if self.report.running {
                "open_at_as_of"
            } else {
                "open_at_period_end"
            });
        }
        if facts.send_backs >= th.unresolved_send_backs {
            unresolved.push(once_or_more(
                th.unresolved_send_backs,
                "sent_back",
                "sent_back_repeatedly",
            ));
        }
        if facts.rating.is_some_and(|r| r <= th.unresolved_max_rating) {
            unresolved.push("low_rating");
        }
        let unresolved = (!unresolved.is_empty()).then(|| case(unresolved));
        ReportCases {
            prolonged,
            unresolved,
        }
    }

    /// Counts one clock of a report received in the period; returns it as a late case when
    /// it completed late or is open past due.
    pub fn add_clock(&mut self, clock: &ClockFact) -> Option<Case> {
        let as_of = self.report.as_of.clone();
        let outcome = clock.outcome(&as_of);
        if let Some(stats) = self.stages.get_mut(&clock.stage) {
            stats.count(outcome);
        }
        if let Some(agency) = clock.agency.clone() {
            let a = self.agency(&agency);
            match clock.stage {
                Stage::Return => {
                    a.assigned += 1;
                    let returned = clock.stopped_by.as_deref() == Some("return");
                    if returned {
                        if outcome == Outcome::Late {
                            a.returned_late += 1;
                        } else {
                            a.returned_on_time += 1;
                        }
                    }
                    let c = self.case_counts(&agency);
                    c.assigned += 1;
                    c.returns += u64::from(returned);
                    c.late_returns += u64::from(returned && outcome == Outcome::Late);
                }
                Stage::Process => {
                    if clock.started_by.as_deref() == Some("verify_send_back") {
                        a.sent_back += 1;
                    }
                    let rework = clock.started_by.as_deref() == Some("verify_send_back");
                    match (clock.stopped_by.as_deref(), outcome) {
                        (Some("reply"), Outcome::Late) => a.replied_late += 1,
                        (Some("reply"), _) => a.replied_on_time += 1,
                        // A rework round has no return window of its own (Đ8.1.b's hour runs
                        // from the assignment): its return is judged by the round's deadline.
                        (Some("return"), Outcome::Late) if rework => a.returned_late += 1,
                        (Some("return"), _) if rework => a.returned_on_time += 1,
                        (None, Outcome::OpenOverdue) => {
                            a.open += 1;
                            a.open_overdue += 1;
                        }
                        (None, _) => a.open += 1,
                        (Some("duplicate"), Outcome::Late) => a.merged_late += 1,
                        _ => {}
                    }
                    self.follow_case(clock, &agency, outcome);
                }
                _ => {}
            }
        }
        if self.keep_cases && matches!(outcome, Outcome::Late | Outcome::OpenOverdue) {
            let due = time::stored(&clock.due_at);
            let done = clock
                .stopped_at
                .as_deref()
                .and_then(time::stored)
                .unwrap_or(self.as_of_time);
            return Some(Case {
                report_id: clock.report_id,
                external_id: clock.external_id.clone(),
                stage: Some(clock.stage),
                round: Some(clock.round),
                agency: clock.agency.clone(),
                due_at: Some(clock.due_at.clone()),
                done_at: clock.stopped_at.clone(),
                overrun_minutes: due.map(|d| (done - d).num_minutes()),
                // Said as `show` says it (docs/rules.md §3): a deadline missed by one working
                // hour over a weekend is not 62 hours late.
                overrun_counted_minutes: due
                    .map(|d| distance(&done, &d, clock.rule, self.calendar).seconds / 60),
                overrun_rule: Some(clock.rule),
                working_days: None,
                why: vec![if clock.stopped_at.is_some() {
                    "completed_late"
                } else {
                    "open_overdue"
                }],
            });
        }
        None
    }

    pub fn finish(mut self) -> PeriodReport {
        self.close_case();
        let mut r = self.report;
        r.cases_by_agency = self.cases.into_values().collect();
        r.stages = self
            .stages
            .into_values()
            .map(|mut s| {
                s.finish();
                s
            })
            .collect();
        r.agencies = self
            .agencies
            .into_values()
            .map(|mut a| {
                a.on_time_rate = rate(
                    a.replied_on_time,
                    a.replied_on_time + a.replied_late + a.open_overdue + a.merged_late,
                );
                a
            })
            .collect();
        let s = &mut r.satisfaction;
        let sum: u64 = s
            .distribution
            .iter()
            .enumerate()
            .map(|(i, n)| (i as u64 + 1) * n)
            .sum();
        s.average = Ratio::of(sum, s.ratings);
        s.satisfied_share = rate(s.satisfied, s.ratings);
        // Weeks with nothing received still belong on the chart, up to the "as of" moment:
        // a week not yet begun is no week of nothing received (a year read in November
        // listed its last nine weeks at 0, as if the province had stopped writing in).
        let mut week =
            r.period.from - Days::new(u64::from(r.period.from.weekday().num_days_from_monday()));
        let seen = r
            .period
            .to
            .min(self.as_of_time.with_timezone(&time::vietnam()).date_naive());
        while week <= seen {
            r.per_week.entry(week).or_default();
            week = week + Days::new(7);
        }
        r
    }
}

fn non_empty(text: &str) -> String {
    if text.trim().is_empty() {
        NONE.to_owned()
    } else {
        text.to_owned()
    }
}

/// The kind of period a `report` subcommand covers, each with its own `--period` form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::HalfYear,
        PeriodKind::Year,
    ];

    pub fn parse(self, text: &str) -> Option<Period> {
        match self {
            PeriodKind::Month => Period::month(text),
            PeriodKind::Quarter => Period::quarter(text),
            PeriodKind::HalfYear => Period::half(text),
            PeriodKind::Year => Period::year(text),
        }
    }

    /// The subcommand, as typed after `report`.
    pub fn command(self) -> &'static str {
        match self {
            PeriodKind::Month => "monthly",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::HalfYear => "half-year",
            PeriodKind::Year => "annual",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            PeriodKind::Month => "2026-07",
            PeriodKind::Quarter => "2026-Q3",
            PeriodKind::HalfYear => "2026-H1",
            PeriodKind::Year => "2026",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A closed period names its agencies at its last second; a running one at the moment.
    #[test]
    fn a_period_is_named_at_its_end_or_at_the_moment_if_earlier() {
        let year = Period::year("2025").unwrap();
        let at = |text: &str| time::parse(text).unwrap().unwrap();
        assert_eq!(
            time::format(&year.named_at(&at("2026-12-06T21:00:00+07:00"))),
            time::format(&at("2025-12-31T23:59:59+07:00"))
        );
        let running = Period::year("2026").unwrap();
        let now = at("2026-12-06T21:00:00+07:00");
        assert_eq!(running.named_at(&now), now);
    }

    #[test]
    fn recent_periods_are_the_ones_report_reads() {
        let today = NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
        let periods = recent_periods(today);
        assert_eq!(&periods[..3], ["2026-02", "2026-01", "2025-12"]);
        assert!(periods.contains(&"2025-03".to_owned()));
        assert!(!periods.contains(&"2025-02".to_owned()));
        let quarters: Vec<&String> = periods.iter().filter(|p| p.contains('Q')).collect();
        assert_eq!(quarters, ["2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2"]);
        let halves: Vec<&String> = periods.iter().filter(|p| p.contains('H')).collect();
        assert_eq!(halves, ["2026-H1", "2025-H2"]);
        assert_eq!(&periods[periods.len() - 2..], ["2026", "2025"]);
        for p in &periods {
            let parsed = Period::month(p)
                .or_else(|| Period::quarter(p))
                .or_else(|| Period::half(p))
                .or_else(|| Period::year(p));
            assert!(parsed.is_some(), "{p}");
        }
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn ts(text: &str) -> Timestamp {
        time::parse(text).unwrap().unwrap()
    }

    /// September 2026's report as of `as_of`, under `thresholds`, on `cal`.
    fn september<'c>(as_of: &str, thresholds: Thresholds, cal: &'c Calendar) -> Builder<'c> {
        Builder::new(
            Period::month("2026-09").unwrap(),
            &ts(as_of),
            thresholds,
            cal,
        )
    }

    /// Report `id`, submitted at `submitted`, standing at `status` both at the moment and at
    /// the period's end.
    fn standing(id: i64, external_id: &str, submitted: &str, status: Status) -> Facts {
        let mut f = Facts::new(id, external_id.into(), submitted.into(), "".into(), false);
        f.status = Some(status);
        f.status_at_end = Some(status);
        f
    }

    /// Report `id` ("R" and its number), submitted on Thursday 3 September 2026 at 08:00 and
    /// published at `closed_at`.
    fn closed(id: i64, closed_at: &str) -> Facts {
        let mut f = standing(
            id,
            &format!("R{id}"),
            "2026-09-03T08:00:00+07:00",
            Status::Published,
        );
        f.closed_at = Some(closed_at.into());
        f
    }

    #[test]
    fn periods_parse_to_their_first_and_last_days() {
        let m = Period::month("2026-02").unwrap();
        assert_eq!((m.from, m.to), (date("2026-02-01"), date("2026-02-28")));
        assert_eq!(m.label_vi, "Tháng 02 năm 2026");
        let q = Period::quarter("2026-Q4").unwrap();
        assert_eq!((q.from, q.to), (date("2026-10-01"), date("2026-12-31")));
        assert_eq!(q.label_vi, "Quý IV năm 2026");
        let h = Period::half("2026-H1").unwrap();
        assert_eq!((h.from, h.to), (date("2026-01-01"), date("2026-06-30")));
        let y = Period::year("2024").unwrap();
        assert_eq!((y.from, y.to), (date("2024-01-01"), date("2024-12-31")));
        assert_eq!(time::format(&y.end()), "2025-01-01T00:00:00+07:00");
        for bad in ["2026-13", "2026-00", "2026", "x"] {
            assert!(Period::month(bad).is_none(), "{bad}");
        }
        assert!(Period::quarter("2026-Q0").is_none());
        assert!(Period::half("2026-H3").is_none());
        assert!(Period::range(date("2026-02-02"), date("2026-02-01")).is_none());
    }

    #[test]
    fn each_part_of_a_year_is_named_and_bounded_in_both_languages() {
        let parse = |text: &str| {
            Period::month(text)
                .or_else(|| Period::quarter(text))
                .or_else(|| Period::half(text))
        };
        // typed | kind | first day | last day | Vietnamese name | English name
        let parts = [
            " 2024-1 |month|2024-01-01|2024-01-31|Tháng 01 năm 2024|January 2024",
            "2024-02|month|2024-02-01|2024-02-29|Tháng 02 năm 2024|February 2024",
            "2024-09|month|2024-09-01|2024-09-30|Tháng 9 năm 2024|September 2024",
            "2024-12|month|2024-12-01|2024-12-31|Tháng 12 năm 2024|December 2024",
            "2024-Q1|quarter|2024-01-01|2024-03-31|Quý I năm 2024|Q1 2024",
            "2024-Q2|quarter|2024-04-01|2024-06-30|Quý II năm 2024|Q2 2024",
            "2024-Q3|quarter|2024-07-01|2024-09-30|Quý III năm 2024|Q3 2024",
            "2024-Q4|quarter|2024-10-01|2024-12-31|Quý IV năm 2024|Q4 2024",
            "2024-H1|half_year|2024-01-01|2024-06-30|6 tháng đầu năm 2024|H1 2024",
            "2024-H2|half_year|2024-07-01|2024-12-31|6 tháng cuối năm 2024|H2 2024",
        ];
        for row in parts {
            let (text, want) = row.split_once('|').unwrap();
            let p = parse(text).unwrap();
            let got = [
                p.kind,
                &p.from.to_string(),
                &p.to.to_string(),
                &p.label_vi,
                &p.label_en,
            ];
            assert_eq!(got.join("|"), want, "{text}");
        }
        for bad in [
            "2024-Q5", "2024-Q", "2024-H0", "2024-Hx", "2024-Q1-", "2024/07",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    /// The English name of a span of days kept the Vietnamese
    /// order of its dates ("15/12/2025 to 15/01/2026") where every other English date of
    /// the report is yyyy-mm-dd.
    #[test]
    fn a_span_of_days_is_named_in_each_languages_order_of_dates() {
        let span = Period::range(date("2025-12-15"), date("2026-01-05")).unwrap();
        assert_eq!(span.label_en, "2025-12-15 to 2026-01-05");
        assert_eq!(span.label_vi, "Từ 15/12/2025 đến 05/01/2026");
    }

    #[test]
    fn a_year_typed_short_or_out_of_range_is_no_period() {
        for year in ["26", "0", "0026", "1999", "2101", "-2026"] {
            assert!(Period::year(year).is_none(), "{year}");
            assert!(Period::month(&format!("{year}-07")).is_none(), "{year}");
            assert!(Period::quarter(&format!("{year}-Q3")).is_none(), "{year}");
            assert!(Period::half(&format!("{year}-H1")).is_none(), "{year}");
        }
        assert!(Period::range(date("0026-01-01"), date("2026-01-01")).is_none());
        assert!(Period::range(date("2026-01-01"), date("2101-01-01")).is_none());
        // The bounds themselves are periods.
        assert!(Period::year("2000").is_some() && Period::year("2100").is_some());
        assert!(Period::range(date("2000-01-01"), date("2100-12-31")).is_some());
    }

    fn event<'a>(
        at: &'a str,
        action: &'a str,
        to: Option<&'a str>,
        payload: &'a str,
    ) -> Logged<'a> {
        Logged {
            at,
            action,
            to_status: to,
            payload,
        }
    }

    #[test]
    fn the_fold_keeps_the_latest_of_everything_and_when_it_closed() {
        let mut f = Facts::new(
            1,
            "A".into(),
            "2026-09-01T08:00:00+07:00".into(),
            "".into(),
            false,
        );
        let end = "2026-10-01T00:00:00+07:00";
        for e in [
            event(
                "2026-09-01T08:05:00+07:00",
                "ingest",
                Some("received"),
                "{}",
            ),
            event(
                "2026-09-01T09:00:00+07:00",
                "accept",
                Some("accepted"),
                "{}",
            ),
            event(
                "2026-09-01T09:05:00+07:00",
                "classify",
                Some("accepted"),
                r#"{"field":"GT"}"#,
            ),
            event(
                "2026-09-01T09:06:00+07:00",
                "assign",
                Some("assigned"),
                r#"{"agency":"SXD"}"#,
            ),
            event(
                "2026-09-01T09:30:00+07:00",
                "return",
                Some("returned"),
                "{}",
            ),
            event(
                "2026-09-01T10:00:00+07:00",
                "assign",
                Some("assigned"),
                r#"{"agency":"SNNMT"}"#,
            ),
            event("2026-09-02T10:00:00+07:00", "reply", Some("replied"), "{}"),
            event(
                "2026-09-02T11:00:00+07:00",
                "verify_send_back",
                Some("assigned"),
                "{}",
            ),
            event("2026-09-30T11:00:00+07:00", "reply", Some("replied"), "{}"),
            event(
                "2026-10-01T08:00:00+07:00",
                "verify_approve",
                Some("verified"),
                "{}",
            ),
            event(
                "2026-10-01T09:00:00+07:00",
                "publish",
                Some("published"),
                "{}",
            ),
            event(
                "2026-10-02T09:00:00+07:00",
                "rate",
                Some("published"),
                r#"{"score":2}"#,
            ),
            event(
                "2026-10-03T09:00:00+07:00",
                "rate",
                Some("published"),
                r#"{"score":4}"#,
            ),
        ] {
            f.apply(&e, end);
        }
        assert!(f.accepted);
        assert_eq!(f.field.as_deref(), Some("GT"));
        assert_eq!(f.agency.as_deref(), Some("SNNMT"));
        assert_eq!((f.returns, f.send_backs), (1, 1));
        assert_eq!(f.rating, Some(4));
        assert_eq!(f.status, Some(Status::Published));
        assert_eq!(f.status_at_end, Some(Status::Replied));
        assert_eq!(f.closed_at.as_deref(), Some("2026-10-01T09:00:00+07:00"));
    }

    /// The late flag a stopped clock carries must be the one its stop and deadline give;
    /// a return window closed by a reply is never late, whenever it closed.
    #[test]
    fn a_late_flag_holds_only_where_the_stop_and_deadline_give_it() {
        let due = "2026-09-02T08:00:00+07:00";
        let (early, late) = ("2026-09-02T07:00:00+07:00", "2026-09-03T08:00:00+07:00");
        assert!(clock(Stage::Process, due, Some((late, true))).flag_holds());
        assert!(clock(Stage::Process, due, Some((early, false))).flag_holds());
        assert!(clock(Stage::Process, due, Some((due, false))).flag_holds());
        assert!(!clock(Stage::Process, due, Some((late, false))).flag_holds());
        assert!(!clock(Stage::Process, due, Some((early, true))).flag_holds());
        assert!(clock(Stage::Return, due, Some((late, false))).flag_holds());
        assert!(!clock(Stage::Return, due, Some((late, true))).flag_holds());
        assert!(clock(Stage::Process, due, None).flag_holds());
    }

    /// A clock starts at the step its row names, of its own report, that starts such a
    /// clock (an arrival at the submission time), and stops at a later step of its own report
    /// that stops it, at that step's time: a start or stop moved with `sqlite3` is named.
    #[test]
    fn a_clock_starts_and_stops_where_the_log_says() {
        let due = "2026-09-02T08:00:00+07:00";
        let late = "2026-09-03T08:00:00+07:00";
        let honest = clock(Stage::Process, due, Some((late, true)));
        assert_eq!(honest.unlogged_step(), None);
        assert_eq!(clock(Stage::Process, due, None).unlogged_step(), None);
        let step = |event, report, action: &str, at: &str| LoggedStep {
            event,
            report: Some(report),
            action: action.into(),
            at: at.into(),
        };
        let edited = |f: &dyn Fn(&mut ClockFact)| {
            let mut c = honest.clone();
            f(&mut c);
            c.unlogged_step()
        };
        use Unlogged::{Start, Stop};
        assert_eq!(
            edited(&|c| c.started_at = "2026-09-01T09:00:00+07:00".into()),
            Some(Start)
        );
        assert_eq!(edited(&|c| c.start_step = None), Some(Start));
        assert_eq!(
            edited(&|c| c.start_step = Some(step(3, 2, "assign", "2026-09-01T08:00:00+07:00"))),
            Some(Start)
        );
        assert_eq!(
            edited(&|c| c.start_step = Some(step(3, 1, "reply", "2026-09-01T08:00:00+07:00"))),
            Some(Start)
        );
        assert_eq!(edited(&|c| c.stored_stop = Some(due.into())), Some(Stop));
        assert_eq!(edited(&|c| c.stop_step = None), Some(Stop));
        assert_eq!(
            edited(&|c| c.stop_step = Some(step(2, 1, "reply", late))),
            Some(Stop)
        );
        assert_eq!(
            edited(&|c| c.stop_step = Some(step(5, 2, "reply", late))),
            Some(Stop)
        );
        assert_eq!(
            edited(&|c| c.stop_step = Some(step(5, 1, "assign", late))),
            Some(Stop)
        );
        // A later step that stops such a clock (the next round's reply) is not its stop
        // when the log has an earlier one; nor is a clock open that the log stopped.
        assert_eq!(
            edited(&|c| c.stop_step = Some(step(9, 1, "reply", late))),
            Some(Stop)
        );
        assert_eq!(
            edited(&|c| {
                c.stored_stop = None;
                c.stop_step = None;
            }),
            Some(Stop)
        );
        let open = clock(Stage::Process, due, None);
        assert_eq!(
            ClockFact {
                first_stop: Some(5),
                ..open
            }
            .unlogged_step(),
            Some(Stop)
        );
        // An arrival's dispatch clock starts at the submission time, not at the ingest.
        let arrival = ClockFact {
            agency: None,
            started_at: "2026-08-31T20:00:00+07:00".into(),
            start_step: Some(step(2, 1, "ingest", "2026-09-01T07:00:00+07:00")),
            stored_stop: None,
            stop_step: None,
            ..clock(Stage::Dispatch, due, None)
        };
        assert_eq!(arrival.unlogged_step(), None);
        let at_ingest = ClockFact {
            started_at: "2026-09-01T07:00:00+07:00".into(),
            ..arrival
        };
        assert_eq!(at_ingest.unlogged_step(), Some(Start));
    }

    /// A clock runs against the agency of the report's last assignment up to its start, the
    /// portal's stages against none, and only from an event of its own report.
    #[test]
    fn a_clock_runs_against_the_agency_its_report_was_last_assigned() {
        let due = "2026-09-02T08:00:00+07:00";
        assert_eq!(clock(Stage::Process, due, None).agency_fault(), None);
        let moved = ClockFact {
            agency: Some("SNNMT".into()),
            ..clock(Stage::Process, due, None)
        };
        assert_eq!(moved.agency_fault(), Some(Some("SXD")));
        let elsewhere = ClockFact {
            start_report: Some(2),
            ..clock(Stage::Return, due, None)
        };
        assert_eq!(elsewhere.agency_fault(), Some(Some("SXD")));
        let portal = ClockFact {
            agency: None,
            ..clock(Stage::Dispatch, due, None)
        };
        assert_eq!(portal.agency_fault(), None);
        let given = clock(Stage::Publish, due, None);
        assert_eq!(given.agency_fault(), Some(None));
    }

    fn clock(stage: Stage, due: &str, stopped: Option<(&str, bool)>) -> ClockFact {
        ClockFact {
            report_id: 1,
            external_id: "A".into(),
            stage,
            round: 1,
            agency: Some("SXD".into()),
            started_at: "2026-09-01T08:00:00+07:00".into(),
            due_at: due.into(),
            stopped_at: stopped.map(|(t, _)| t.to_owned()),
            breached: stopped.map(|(_, b)| b),
            stopped_by: stopped.map(|_| "reply".to_owned()),
            started_by: Some("assign".into()),
            calendar_version: "v".into(),
            rule: crate::domain::deadline::Rule::WorkingHours,
            odd_stop: None,
            start_report: Some(1),
            assigned: Some("SXD".into()),
            submitted_at: "2026-08-31T20:00:00+07:00".into(),
            start_step: Some(LoggedStep {
                event: 3,
                report: Some(1),
                action: "assign".into(),
                at: "2026-09-01T08:00:00+07:00".into(),
            }),
            stored_stop: stopped.map(|(t, _)| t.to_owned()),
            stop_step: stopped.map(|(t, _)| LoggedStep {
                event: 5,
                report: Some(1),
                action: "reply".into(),
                at: t.to_owned(),
            }),
            first_stop: stopped.map(|_| 5),
        }
    }

    #[test]
    fn urgency_as_of_a_moment_is_the_apps_flag_or_an_assignment_made_by_then() {
        let went = |urgent, raised| Some(Assignment { urgent, raised });
        // Never assigned: only the app can have set the flag stored now.
        assert!(urgency_as_of(true, false, None));
        assert!(!urgency_as_of(false, false, None));
        // Raised by an assignment after the moment: not urgent as of it.
        assert!(!urgency_as_of(true, false, went(true, true)));
        // Raised by a second assignment after the moment, the first having gone out plain.
        assert!(!urgency_as_of(true, false, went(false, false)));
        // Flagged by the app, assigned later (urgent without --urgent, Đ7.2).
        assert!(urgency_as_of(true, false, went(true, false)));
        // An assignment by the moment sent it out urgent.
        assert!(urgency_as_of(true, true, went(true, true)));
        assert!(urgency_as_of(true, true, went(false, false)));
    }

    #[test]
    fn a_later_assignment_that_raised_the_flag_is_undone_in_the_fold() {
        let end = "2026-10-01T00:00:00+07:00";
        let later = |payload| Logged {
            at: "2026-10-09T08:00:00+07:00",
            action: "assign",
            to_status: Some("assigned"),
            payload,
        };
        let mut raised = Facts::new(
            5,
            "A".into(),
            "2026-09-02T08:00:00+07:00".into(),
            "".into(),
            true,
        );
        raised.note_later(&later(r#"{"agency":"SXD","urgent":true,"raised":true}"#));
        assert!(!raised.urgent());
        let mut flagged = Facts::new(
            6,
            "B".into(),
            "2026-09-02T08:00:00+07:00".into(),
            "".into(),
            true,
        );
        flagged.note_later(&later(r#"{"agency":"SXD","urgent":true}"#));
        assert!(flagged.urgent());
        // Assigned urgent by the moment: urgent, whatever came after.
        let mut early = Facts::new(
            7,
            "C".into(),
            "2026-09-02T08:00:00+07:00".into(),
            "".into(),
            true,
        );
        early.apply(
            &Logged {
                at: "2026-09-03T08:00:00+07:00",
                ..later(r#"{"agency":"SXD","urgent":true,"raised":true}"#)
            },
            end,
        );
        early.note_later(&later(r#"{"agency":"GT","urgent":true}"#));
        assert!(early.urgent());
    }

    #[test]
    fn outcomes_as_of_a_moment() {
        let as_of = "2026-09-01T12:00:00+07:00";
        let due_before = "2026-09-01T10:00:00+07:00";
        let due_after = "2026-09-01T14:00:00+07:00";
        assert_eq!(
            clock(Stage::Process, due_after, None).outcome(as_of),
            Outcome::OpenWithin
        );
        assert_eq!(
            clock(Stage::Process, due_before, None).outcome(as_of),
            Outcome::OpenOverdue
        );
        // A return window that passed unused is closed, not overdue.
        assert_eq!(
            clock(Stage::Return, due_before, None).outcome(as_of),
            Outcome::OnTime
        );
        let late = clock(
            Stage::Process,
            due_before,
            Some(("2026-09-01T11:00:00+07:00", true)),
        );
        assert_eq!(late.outcome(as_of), Outcome::Late);
    }

    #[test]
    fn an_open_overdue_case_counts_against_the_on_time_rate() {
        let cal = Calendar::shipped();
        let mut b = september("2026-09-01T12:00:00+07:00", Thresholds::default(), &cal);
        let late: Vec<Case> = [
            clock(
                Stage::Process,
                "2026-09-01T10:00:00+07:00",
                Some(("2026-09-01T09:00:00+07:00", false)),
            ),
            clock(Stage::Process, "2026-09-01T10:00:00+07:00", None),
            clock(Stage::Process, "2026-09-01T18:00:00+07:00", None),
        ]
        .iter()
        .filter_map(|c| b.add_clock(c))
        .collect();
        let r = b.finish();
        let process = r
            .stages
            .iter()
            .find(|s| s.stage == Some(Stage::Process))
            .unwrap();
        assert_eq!(
            (process.on_time, process.open_overdue, process.open_within),
            (1, 1, 1)
        );
        assert_eq!(process.on_time_rate, Ratio::of(1, 2));
        let sxd = &r.agencies[0];
        assert_eq!((sxd.replied_on_time, sxd.open, sxd.open_overdue), (1, 2, 1));
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].overrun_minutes, Some(120));
        assert_eq!(late[0].why, ["open_overdue"]);
        // Every week of the period up to the moment is on the chart, with or without
        // reports: as of Tuesday 1 September, the week of 31 August alone; once the month is
        // over, its five weeks.
        let monday = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
        assert_eq!(r.per_week.keys().collect::<Vec<_>>(), [&monday]);
        let month = september("2026-10-01T12:00:00+07:00", Thresholds::default(), &cal).finish();
        assert_eq!(month.per_week.len(), 5);
        assert_eq!(month.per_week.values().sum::<u64>(), 0);
    }

    /// The cases September 2026's report, as of its last afternoon, makes of an accepted
    /// DIEN report given to SCT, submitted at `submitted` and standing at `status`.
    fn sct_report_in_september(submitted: &str, status: Status) -> ReportCases {
        let cal = Calendar::shipped();
        let mut b = september("2026-09-30T17:00:00+07:00", Thresholds::default(), &cal);
        let mut f = standing(1, "R-1", submitted, status);
        f.accepted = true;
        f.field = Some("DIEN".into());
        f.agency = Some("SCT".into());
        b.add_report(&f)
    }

    /// The case `pick` takes of SCT's report submitted at `submitted` is listed for `why`,
    /// under no agency once the report is returned, and under SCT while it is assigned.
    fn returned_is_under_no_agency(
        submitted: &str,
        pick: fn(ReportCases) -> Option<Case>,
        why: &str,
    ) {
        let case = |status| pick(sct_report_in_september(submitted, status)).unwrap();
        let returned = case(Status::Returned);
        let assigned = case(Status::Assigned);
        assert_eq!(returned.why, [why]);
        assert_eq!(returned.agency, None);
        assert_eq!(assigned.agency.as_deref(), Some("SCT"));
    }

    /// A report returned by SCT and waiting for the portal's
    /// re-dispatch was listed unresolved under SCT.
    #[test]
    fn a_returned_report_is_unresolved_under_no_agency() {
        returned_is_under_no_agency(
            "2026-09-28T08:00:00+07:00",
            |cases| cases.unresolved,
            "open_at_as_of",
        );
    }

    /// The same report, open long enough to be prolonged, was listed prolonged under the
    /// agency that returned it (the periodic report's prolonged cases beside "(Cổng tiếp
    /// nhận)" for every other report waiting for dispatch), while its unresolved case and
    /// the agency table's "Đang xử lý" counted it to no agency.
    #[test]
    fn a_returned_report_is_prolonged_under_no_agency() {
        returned_is_under_no_agency(
            "2026-09-01T08:00:00+07:00",
            |cases| cases.prolonged,
            "open_after_working_days",
        );
    }

    #[test]
    fn prolonged_and_unresolved_follow_their_thresholds() {
        let cal = Calendar::shipped();
        let mut b = september("2026-09-30T17:00:00+07:00", Thresholds::default(), &cal);
        let slow = standing(1, "SLOW", "2026-09-01T08:00:00+07:00", Status::Assigned);
        let mut quick = standing(2, "QUICK", "2026-09-03T08:00:00+07:00", Status::Published);
        quick.closed_at = Some("2026-09-03T16:00:00+07:00".into());
        quick.rating = Some(2);
        quick.returns = 2;
        let slow = b.add_report(&slow);
        let quick = b.add_report(&quick);
        let r = b.finish();
        let why = |case: &Option<Case>| case.as_ref().map(|c| c.why.clone());
        assert_eq!(why(&slow.prolonged), Some(vec!["open_after_working_days"]));
        assert_eq!(why(&quick.prolonged), Some(vec!["returned_repeatedly"]));
        // 30/09 17:00 is before the period's end (1/10 00:00): open at the moment.
        assert_eq!(why(&slow.unresolved), Some(vec!["open_at_as_of"]));
        assert_eq!(why(&quick.unresolved), Some(vec!["low_rating"]));
        // Thursday 3/9 08:00 → 16:00 is 6 working hours: 0.75 of an 8-hour day.
        assert_eq!(
            quick.prolonged.as_ref().and_then(|c| c.working_days),
            Some(0.75)
        );
        assert_eq!(r.satisfaction.average, Some(Ratio::integer(2)));
        // Without cases the counts are the same and no case is looked for.
        let mut counts_only =
            september("2026-09-30T17:00:00+07:00", Thresholds::default(), &cal).without_cases();
        let mut f = Facts::new(
            1,
            "SLOW".into(),
            "2026-09-01T08:00:00+07:00".into(),
            "".into(),
            false,
        );
        f.status = Some(Status::Assigned);
        assert_eq!(counts_only.add_report(&f), ReportCases::default());
        assert_eq!(counts_only.finish().totals.received, 1);
    }

    /// A case closed in September 2026 with `returns` returns and `send_backs` send-backs,
    /// as the September report lists it under `thresholds`.
    fn closed_case(thresholds: Thresholds, returns: u32, send_backs: u32) -> ReportCases {
        let cal = Calendar::shipped();
        let mut facts = standing(1, "ONCE", "2026-09-03T08:00:00+07:00", Status::Published);
        facts.closed_at = Some("2026-09-04T08:00:00+07:00".into());
        facts.returns = returns;
        facts.send_backs = send_backs;
        september("2026-10-05T09:00:00+07:00", thresholds, &cal).add_report(&facts)
    }

    /// With `report.unresolved_send_backs` at 1, a case sent back
    /// once was listed as sent back "repeatedly".
    #[test]
    fn a_case_sent_back_once_is_not_sent_back_repeatedly() {
        let why = |threshold: u32, send_backs: u32| {
            let th = Thresholds {
                unresolved_send_backs: threshold,
                ..Thresholds::default()
            };
            closed_case(th, 0, send_backs).unresolved.map(|c| c.why)
        };
        assert_eq!(why(1, 1), Some(vec!["sent_back"]));
        assert_eq!(why(2, 1), None);
        assert_eq!(why(2, 2), Some(vec!["sent_back_repeatedly"]));
    }

    /// Office2's leftover: with `report.prolonged_returns` at 1, a case returned once was
    /// listed as returned "repeatedly", as the send-backs were.
    #[test]
    fn a_case_returned_once_is_not_returned_repeatedly() {
        let why = |threshold: u32, returns: u32| {
            let th = Thresholds {
                prolonged_returns: threshold,
                ..Thresholds::default()
            };
            closed_case(th, returns, 0).prolonged.map(|c| c.why)
        };
        assert_eq!(why(1, 1), Some(vec!["returned"]));
        assert_eq!(why(2, 1), None);
        assert_eq!(why(2, 2), Some(vec!["returned_repeatedly"]));
    }

    /// A case open while the period still runs was listed as "open
    /// at the end of the period"; only once the period is over is it.
    #[test]
    fn a_case_is_open_at_the_periods_end_only_once_the_period_is_over() {
        let cal = Calendar::shipped();
        let open = standing(1, "OPEN", "2026-09-30T08:00:00+07:00", Status::Assigned);
        for (as_of, running, why) in [
            ("2026-09-30T16:00:00+07:00", true, "open_at_as_of"),
            ("2026-09-30T23:59:59+07:00", true, "open_at_as_of"),
            ("2026-10-01T00:00:00+07:00", false, "open_at_period_end"),
            ("2026-10-05T09:00:00+07:00", false, "open_at_period_end"),
        ] {
            let mut b = september(as_of, Thresholds::default(), &cal);
            let found = b.add_report(&open);
            assert_eq!(found.unresolved.unwrap().why, [why], "{as_of}");
            assert_eq!(b.finish().running, running, "{as_of}");
        }
    }

    /// A report waiting for the check at the period's end and rejected after it was left
    /// out of the cases open at the end, while one answered after it stayed, marked done.
    #[test]
    fn a_case_open_at_the_end_and_rejected_since_stays_listed_as_done_since() {
        let cal = Calendar::shipped();
        let mut b = september("2026-10-02T08:00:00+07:00", Thresholds::default(), &cal);
        let mut rejected = standing(1, "LATE", "2026-09-30T17:13:00+07:00", Status::Received);
        rejected.status = Some(Status::Rejected);
        rejected.closed_at = Some("2026-10-02T07:30:00+07:00".into());
        let case = b.add_report(&rejected).unresolved.unwrap();
        assert_eq!(case.why, ["open_at_period_end"]);
        assert_eq!(SinceEnd::of(&case), Some(SinceEnd::DoneOnTime));
        // Rejected within the period, it was never open at the end.
        let mut within = standing(2, "IN", "2026-09-29T09:00:00+07:00", Status::Rejected);
        within.closed_at = Some("2026-09-29T10:00:00+07:00".into());
        assert_eq!(b.add_report(&within).unresolved, None);
    }

    #[test]
    fn working_days_are_rounded_half_up_from_the_exact_time() {
        // Issue 19: 0.575 working days printed 0.57. Thursday 3/9 08:00 → 14:36 is 3 h in
        // the morning and 1 h 36 after lunch: 16,560 s of a 28,800 s day, exactly 0.575.
        let cal = Calendar::shipped();
        let mut b = september(
            "2026-09-30T17:00:00+07:00",
            Thresholds {
                prolonged_working_days: Ratio::new(575, 1000).unwrap(),
                ..Thresholds::default()
            },
            &cal,
        );
        // Exactly at the threshold is not past it; one second more is.
        let at = b.add_report(&closed(1, "2026-09-03T14:36:00+07:00"));
        let past = b.add_report(&closed(2, "2026-09-03T14:36:01+07:00"));
        assert_eq!(at.prolonged, None);
        let case = past.prolonged.unwrap();
        assert_eq!(case.why, ["closed_after_working_days"]);
        assert_eq!(case.working_days, Some(0.58));
        // One working hour is 0.125 of a day: 0.13.
        let hour = b.add_report(&closed(3, "2026-09-03T09:00:00+07:00"));
        assert_eq!(hour.unresolved, None);
        let mut hour_case = closed(4, "2026-09-03T09:00:00+07:00");
        hour_case.rating = Some(1);
        let low = b.add_report(&hour_case).unresolved.unwrap();
        assert_eq!(low.working_days, Some(0.13));
    }

    #[test]
    fn the_score_counts_cases_not_rounds() {
        let cal = Calendar::shipped();
        let mut b = september("2026-09-10T12:00:00+07:00", Thresholds::default(), &cal);
        let due = "2026-09-02T10:00:00+07:00";
        let on_time = Some(("2026-09-02T09:00:00+07:00", false));
        let late = Some(("2026-09-02T11:00:00+07:00", true));
        let round = |report: i64, stage: Stage, n: i64, by: &str, stop, stopped_by: &str| {
            let mut c = clock(stage, due, stop);
            c.report_id = report;
            c.round = n;
            c.started_by = Some(by.to_owned());
            c.stopped_by = stop.map(|_| stopped_by.to_owned());
            c
        };
        let clocks = [
            // Report 1: replied on time three times, sent back twice — one case on time.
            round(1, Stage::Return, 1, "assign", on_time, "reply"),
            round(1, Stage::Process, 1, "assign", on_time, "reply"),
            round(1, Stage::Process, 2, "verify_send_back", on_time, "reply"),
            round(1, Stage::Process, 3, "verify_send_back", on_time, "reply"),
            // Report 2: late, then on time after a send-back — one case, late.
            round(2, Stage::Return, 1, "assign", on_time, "reply"),
            round(2, Stage::Process, 1, "assign", late, "reply"),
            round(2, Stage::Process, 2, "verify_send_back", on_time, "reply"),
            // Report 3: returned in time — not judged.
            round(3, Stage::Return, 1, "assign", on_time, "return"),
            round(3, Stage::Process, 1, "assign", on_time, "return"),
            // Report 4: open past due.
            round(4, Stage::Return, 1, "assign", on_time, "reply"),
            round(4, Stage::Process, 1, "assign", None, ""),
        ];
        for c in &clocks {
            b.add_clock(c);
        }
        let r = b.finish();
        // The report's agency table still counts rounds, as before.
        let rounds = &r.agencies[0];
        assert_eq!(
            (rounds.assigned, rounds.replied_on_time, rounds.replied_late),
            (4, 4, 1)
        );
        assert_eq!(
            r.cases_by_agency,
            [CaseCounts {
                agency: "SXD".into(),
                assigned: 4,
                replied: 2,
                on_time: 1,
                late: 1,
                open_overdue: 1,
                sent_back: 2,
                returns: 1,
                late_returns: 0,
                ..CaseCounts::default()
            }]
        );
    }

    /// A case never replied to and merged into another report after its deadline stays an
    /// overdue case in T: the merge took it out, raising the agency's score (80.13 to
    /// 81.87), while the report's rate counted it late; one merged in time is not judged.
    #[test]
    fn a_case_merged_past_its_deadline_unanswered_stays_overdue() {
        let cal = Calendar::shipped();
        let mut b = september("2026-09-10T12:00:00+07:00", Thresholds::default(), &cal);
        let due = "2026-09-02T10:00:00+07:00";
        let merged = |report: i64, at: &str, late: bool| {
            let mut c = clock(Stage::Process, due, Some((at, late)));
            c.report_id = report;
            c.started_by = Some("assign".to_owned());
            c.stopped_by = Some("duplicate".to_owned());
            c
        };
        b.add_clock(&merged(1, "2026-09-03T15:00:00+07:00", true));
        b.add_clock(&merged(2, "2026-09-02T09:00:00+07:00", false));
        let r = b.finish();
        assert_eq!(r.agencies[0].merged_late, 1);
        let cases = &r.cases_by_agency[0];
        assert_eq!((cases.open_overdue, cases.replied), (1, 0), "{cases:?}");
    }

    /// A case once replied to is judged whatever its rework does next: the portal's
    /// send-back of a late reply and the agency's return of an overdue rework used to take
    /// it out of T, so either raised the agency's score (docs/rules.md §5).
    #[test]
    fn a_replied_case_stays_judged_whatever_its_rework_does() {
        let cal = Calendar::shipped();
        let mut b = september("2026-09-10T12:00:00+07:00", Thresholds::default(), &cal);
        let (past, ahead) = ("2026-09-02T10:00:00+07:00", "2026-09-11T10:00:00+07:00");
        let on_time = Some(("2026-09-02T09:00:00+07:00", false));
        let late = Some(("2026-09-02T11:00:00+07:00", true));
        let round = |report: i64, n: i64, due: &str, stop, stopped_by: &str| {
            let mut c = clock(Stage::Process, due, stop);
            c.report_id = report;
            c.round = n;
            c.started_by = Some(if n == 1 { "assign" } else { "verify_send_back" }.to_owned());
            c.stopped_by = stop.map(|_| stopped_by.to_owned());
            c
        };
        let clocks = [
            // A late reply sent back, its rework still within its deadline: late.
            round(5, 1, past, late, "reply"),
            round(5, 2, ahead, None, ""),
            // An on-time reply sent back, its rework open past due: late.
            round(6, 1, past, on_time, "reply"),
            round(6, 2, past, None, ""),
            // An on-time reply sent back, its rework returned past due: late, and a late
            // return in the agency's rounds.
            round(7, 1, past, on_time, "reply"),
            round(7, 2, past, late, "return"),
            // An on-time reply sent back, its rework within its deadline: on time so far.
            round(8, 1, past, on_time, "reply"),
            round(8, 2, ahead, None, ""),
            // Returned in its first round, never replied: R's to judge, not T's.
            round(9, 1, past, on_time, "return"),
        ];
        for c in &clocks {
            b.add_clock(c);
        }
        let r = b.finish();
        let c = &r.cases_by_agency[0];
        assert_eq!(
            (c.replied, c.on_time, c.late, c.open_overdue, c.sent_back),
            (4, 1, 3, 0, 4)
        );
        let rounds = &r.agencies[0];
        assert_eq!(
            (
                rounds.replied_on_time,
                rounds.replied_late,
                rounds.returned_late
            ),
            (3, 1, 1)
        );
        assert_eq!((rounds.open, rounds.open_overdue), (3, 1));
    }

    #[test]
    fn a_case_set_aside_reads_back_the_same() {
        let case = Case {
            report_id: 7,
            external_id: "A".into(),
            stage: Some(Stage::Process),
            round: Some(2),
            agency: Some("SXD".into()),
            due_at: Some("2026-09-01T10:00:00+07:00".into()),
            done_at: None,
            overrun_minutes: Some(-3),
            overrun_counted_minutes: Some(1),
            overrun_rule: Some(Rule::WorkingHours),
            working_days: Some(5.1),
            why: WHY.to_vec(),
        };
        let text = serde_json::to_string(&case).unwrap();
        assert_eq!(serde_json::from_str::<Case>(&text).unwrap(), case);
        let unknown = text.replace("low_rating", "no_reason");
        assert!(serde_json::from_str::<Case>(&unknown).is_err());
    }
}
