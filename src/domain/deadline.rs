//! Deadline arithmetic (docs/rules.md §3; Đ7.2, Đ8.1.b, Đ9.4): the four stages, their limits, and the
//! one function that turns a start instant into a due instant under a working calendar, with
//! the day-by-day reasoning an auditor can check by hand.

use std::borrow::Cow;

use std::fmt;

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Day};
use super::time::{self, Timestamp};
use crate::i18n::Bilingual;

/// A stage of handling with its own legal clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// From receipt (or a return) to dispatch, a direct answer or rejection — Đ7.2.
    Dispatch,
    /// From assignment to a return for want of jurisdiction — Đ8.1.b.
    Return,
    /// From assignment (or a send-back) to the agency's reply — Đ8.1.b.
    Process,
    /// From the reply to publication or the private answer — Đ9.4.
    Publish,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Dispatch,
        Stage::Return,
        Stage::Process,
        Stage::Publish,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Dispatch => "dispatch",
            Stage::Return => "return",
            Stage::Process => "process",
            Stage::Publish => "publish",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// A stage as an operator types it: its name, or the label the tables show it by in
    /// either language, case and diacritics ignored ("Xử lý", "xu ly", "Chuyển trả",
    /// "Processing"), or a label it was shown by before ("Trả lại"), as `Status::typed`
    /// takes a status: `calendar deadline --stage "xử lý"` was refused though every table
    /// calls the stage so.
    pub fn typed(text: &str) -> Option<Stage> {
        let typed = super::text::fold(text);
        Stage::ALL.into_iter().find(|stage| {
            [stage.as_str().into(), stage.vi(), stage.en()]
                .into_iter()
                .chain(stage.former().iter().map(|label| Cow::Borrowed(*label)))
                .any(|spelling| super::text::fold(&spelling) == typed)
        })
    }

    /// Labels this stage was shown by before, still taken when typed.
    fn former(self) -> &'static [&'static str] {
        match self {
            // The Decision's word for the agency's return is "chuyển trả" (Đ8.1.b).
            Stage::Return => &["Trả lại"],
            _ => &[],
        }
    }

    /// The clause of Decision 17/2022/QĐ-UBND that sets the limit, in English.
    pub fn article_en(self) -> &'static str {
        match self {
            Stage::Dispatch => "Art. 7.2",
            Stage::Return | Stage::Process => "Art. 8.1.b",
            Stage::Publish => "Art. 9.4",
        }
    }

    /// The clause of the Regulation issued with Quyết định 17/2022/QĐ-UBND that sets the limit,
    /// cited as Vietnamese documents cite, from the smallest unit up.
    pub fn article(self) -> &'static str {
        match self {
            Stage::Dispatch => "khoản 2 Điều 7",
            Stage::Return | Stage::Process => "điểm b khoản 1 Điều 8",
            Stage::Publish => "khoản 4 Điều 9",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl Bilingual for Stage {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Stage::Dispatch => "Phân phối",
                Stage::Return => "Chuyển trả",
                Stage::Process => "Xử lý",
                Stage::Publish => "Công khai",
            }
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Stage::Dispatch => "Dispatch",
                Stage::Return => "Return",
                Stage::Process => "Processing",
                Stage::Publish => "Publication",
            }
        })
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stage's limits, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Counted inside working hours when the clock starts on a working day.
    pub working: i64,
    /// Counted on the wall clock when it starts on a day off.
    pub day_off: i64,
}

/// What "outside working hours on a working day" means for a clock that starts then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffHours {
    /// [choice, literal reading] A working day is a working day: count from the next window.
    NextWindow,
    /// Treat it like a day off: clock hours.
    DayOffRule,
}

impl OffHours {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "next_window" => Some(Self::NextWindow),
            "day_off" => Some(Self::DayOffRule),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NextWindow => "next_window",
            Self::DayOffRule => "day_off",
        }
    }
}

/// The limits of every stage and the off-hours treatment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    limits: [Limit; 4],
    pub off_hours: OffHours,
}

impl Policy {
    pub fn new(limits: [Limit; 4], off_hours: OffHours) -> Policy {
        Policy { limits, off_hours }
    }
    pub fn limit(&self, stage: Stage) -> Limit {
        self.limits[stage.index()]
    }
}

impl Default for Policy {
    /// The regulation's table (docs/rules.md §3).
    fn default() -> Self {
        let hours = |w: i64, d: i64| Limit {
            working: w * 3600,
            day_off: d * 3600,
        };
        Policy {
            limits: [hours(2, 12), hours(1, 12), hours(4, 24), hours(2, 12)],
            off_hours: OffHours::NextWindow,
        }
    }
}

/// How a deadline was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Started on a working day: working hours inside the windows.
    WorkingHours,
    /// Started on a day off (or off hours, by setting): wall-clock hours.
    ClockHours,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::WorkingHours => "working_hours",
            Rule::ClockHours => "clock_hours",
        }
    }
    pub fn parse(text: &str) -> Option<Rule> {
        [Rule::WorkingHours, Rule::ClockHours]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

/// A computed deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub at: Timestamp,
    pub rule: Rule,
    /// The limit applied, in seconds (working or clock seconds by `rule`).
    pub limit: i64,
}

/// One day the count looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayStep {
    pub date: NaiveDate,
    pub day: Day,
    /// The stretches of working time counted that day.
    pub spans: Vec<(NaiveTime, NaiveTime)>,
    /// Seconds counted that day.
    pub counted: i64,
}

/// The calendar offers no working time within ten years of the start (e.g. an operator
/// made every day a day off); no deadline can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the calendar has no working hours within ten years after {0}")]
pub struct NoWorkingTime(pub NaiveDate);

const SEARCH_DAYS: u64 = 3653;

/// The deadline of `stage` for a clock started at `start`.
pub fn due(
    start: &Timestamp,
    stage: Stage,
    calendar: &Calendar,
    policy: &Policy,
) -> Result<Due, NoWorkingTime> {
    count(start, stage, calendar, policy, None)
}

/// The deadline with the days it looked at, for `calendar deadline`.
pub fn explain(
    start: &Timestamp,
    stage: Stage,
    calendar: &Calendar,
    policy: &Policy,
) -> Result<(Due, Vec<DayStep>), NoWorkingTime> {
    let mut steps = Vec::new();
    let due = count(start, stage, calendar, policy, Some(&mut steps))?;
    Ok((due, steps))
}

/// Which rule a clock starting at `start` follows.
pub fn rule_at(start: &Timestamp, calendar: &Calendar, policy: &Policy) -> Rule {
    let local = start.with_timezone(&time::vietnam());
    if !calendar.is_working(local.date_naive()) {
        return Rule::ClockHours;
    }
    let inside = calendar.hours().contains(local.num_seconds_from_midnight());
    match policy.off_hours {
        OffHours::DayOffRule if !inside => Rule::ClockHours,
        _ => Rule::WorkingHours,
    }
}

fn count(
    start: &Timestamp,
    stage: Stage,
    calendar: &Calendar,
    policy: &Policy,
    steps: Option<&mut Vec<DayStep>>,
) -> Result<Due, NoWorkingTime> {
    let limit = policy.limit(stage);
    let local = start.with_timezone(&time::vietnam());
    let rule = rule_at(start, calendar, policy);
    if rule == Rule::ClockHours {
        if let Some(steps) = steps {
            steps.push(DayStep {
                date: local.date_naive(),
                day: calendar.day(local.date_naive()),
                spans: Vec::new(),
                counted: 0,
            });
        }
        return Ok(Due {
            at: local + Duration::seconds(limit.day_off),
            rule,
            limit: limit.day_off,
        });
    }
    let at = walk(start, limit.working, calendar, steps)?;
    Ok(Due {
        at,
        rule,
        limit: limit.working,
    })
}

/// The instant `seconds` of working time after `start` under `calendar`: the count a
/// working-hours deadline is made by, and the inverse of `working_seconds_between`
/// (from a `start` before a deadline, the working seconds left to it lead back to it).
/// Zero seconds is `start` itself.
pub fn add_working(
    start: &Timestamp,
    seconds: i64,
    calendar: &Calendar,
) -> Result<Timestamp, NoWorkingTime> {
    if seconds <= 0 {
        return Ok(*start);
    }
    walk(start, seconds, calendar, None)
}

/// Counts `remaining` working seconds on from `start`, day by day, noting each day in
/// `steps` when asked.
fn walk(
    start: &Timestamp,
    mut remaining: i64,
    calendar: &Calendar,
    mut steps: Option<&mut Vec<DayStep>>,
) -> Result<Timestamp, NoWorkingTime> {
    let local = start.with_timezone(&time::vietnam());
    let mut date = local.date_naive();
    let mut from = i64::from(local.num_seconds_from_midnight());
    for _ in 0..SEARCH_DAYS {
        let working = calendar.is_working(date);
        let mut step = steps.as_ref().map(|_| DayStep {
            date,
            day: calendar.day(date),
            spans: Vec::new(),
            counted: 0,
        });
        let mut done = None;
        if working {
            for &(open, close) in calendar.hours().windows() {
                let (open, close) = (i64::from(open).max(from), i64::from(close));
                if open >= close {
                    continue;
                }
                let take = remaining.min(close - open);
                remaining -= take;
                if let Some(step) = step.as_mut() {
                    step.spans.push((clock(open), clock(open + take)));
                    step.counted += take;
                }
                if remaining == 0 {
                    done = Some(open + take);
                    break;
                }
            }
        }
        if let (Some(steps), Some(step)) = (steps.as_mut(), step) {
            steps.push(step);
        }
        if let Some(second) = done {
            return Ok(at_second(date, second));
        }
        date = date + Days::new(1);
        from = 0;
    }
    Err(NoWorkingTime(local.date_naive()))
}

/// How far a deadline is from a moment, in the kind of time its limit was counted in
/// (docs/rules.md §3): a clock counted in working hours has working time left or over (a
/// Friday afternoon's deadline on Monday morning is hours away, not days), one counted in
/// clock hours has clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Distance {
    /// Seconds left to the deadline, or past it (`past`), never negative.
    pub seconds: i64,
    /// The moment is after the deadline.
    pub past: bool,
    /// The kind of time counted: the clock's own rule.
    pub rule: Rule,
    /// Working seconds in one working day of the calendar that counted it (its working
    /// hours, docs/rules.md §3): what a working-time overrun is said in days of. Zero
    /// when not known: then it is said in hours.
    pub working_day: u32,
}

impl Distance {
    /// Whole minutes, negative once past (as `minutes_left` numbers are elsewhere).
    pub fn signed_minutes(&self) -> i64 {
        let minutes = self.seconds / 60;
        if self.past { -minutes } else { minutes }
    }
}

/// The distance from `now` to `due` for a clock counted under `rule`.
pub fn distance(now: &Timestamp, due: &Timestamp, rule: Rule, calendar: &Calendar) -> Distance {
    let past = now > due;
    let seconds = match (rule, past) {
        (Rule::ClockHours, _) => (*due - *now).num_seconds().abs(),
        (Rule::WorkingHours, false) => working_seconds_between(now, due, calendar),
        (Rule::WorkingHours, true) => working_seconds_between(due, now, calendar),
    };
    Distance {
        seconds,
        past,
        rule,
        working_day: calendar.hours().per_day(),
    }
}

/// Working seconds between two instants under `calendar` (zero when `to` is not after `from`).
pub fn working_seconds_between(from: &Timestamp, to: &Timestamp, calendar: &Calendar) -> i64 {
    if to <= from {
        return 0;
    }
    let (from, to) = (local_parts(from), local_parts(to));
    if from.0 == to.0 {
        return day_seconds(calendar, from.0, from.1, to.1);
    }
    let mut total = day_seconds(calendar, from.0, from.1, 86_400);
    let mut date = from.0 + Days::new(1);
    while date < to.0 {
        total += day_seconds(calendar, date, 0, 86_400);
        date = date + Days::new(1);
    }
    total + day_seconds(calendar, to.0, 0, to.1)
}

/// The local date and second of the day of an instant.
fn local_parts(t: &Timestamp) -> (NaiveDate, i64) {
    let local = t.with_timezone(&time::vietnam());
    (
        local.date_naive(),
        i64::from(local.num_seconds_from_midnight()),
    )
}

/// Working seconds of `date` between two seconds of the day.
fn day_seconds(calendar: &Calendar, date: NaiveDate, lower: i64, upper: i64) -> i64 {
    if !calendar.is_working(date) {
        return 0;
    }
    calendar
        .hours()
        .windows()
        .iter()
        .map(|&(open, close)| (i64::from(close).min(upper) - i64::from(open).max(lower)).max(0))
        .sum()
}

/// Many `working_seconds_between` questions over one span of dates, answered in constant time
/// from a running total per day (a yearly report asks it for every report).
pub struct WorkingTime<'c> {
    calendar: &'c Calendar,
    first: NaiveDate,
    /// `before[i]`: working seconds of the days from `first` up to, not including, day i.
    before: Vec<i64>,
}

impl<'c> WorkingTime<'c> {
    /// Covers the dates `first..=last`; questions outside are answered day by day.
    pub fn new(calendar: &'c Calendar, first: NaiveDate, last: NaiveDate) -> Self {
        let mut before = vec![0];
        let mut date = first;
        while date <= last {
            let next = before.last().copied().unwrap_or(0) + day_seconds(calendar, date, 0, 86_400);
            before.push(next);
            date = date + Days::new(1);
        }
        WorkingTime {
            calendar,
            first,
            before,
        }
    }

    fn index(&self, date: NaiveDate) -> Option<usize> {
        let i = usize::try_from((date - self.first).num_days()).ok()?;
        (i + 1 < self.before.len()).then_some(i)
    }

    /// The same answer as `working_seconds_between`.
    pub fn between(&self, from: &Timestamp, to: &Timestamp) -> i64 {
        if to <= from {
            return 0;
        }
        let (a, b) = (local_parts(from), local_parts(to));
        match (self.index(a.0), self.index(b.0)) {
            (Some(i), Some(j)) if i < j => {
                day_seconds(self.calendar, a.0, a.1, 86_400)
                    + (self.before[j] - self.before[i + 1])
                    + day_seconds(self.calendar, b.0, 0, b.1)
            }
            _ => working_seconds_between(from, to, self.calendar),
        }
    }
}

fn clock(second: i64) -> NaiveTime {
    if second >= 86_400 {
        // A window may close at 24:00; show it as the last second of the day.
        return NaiveTime::from_hms_opt(23, 59, 59).expect("valid");
    }
    NaiveTime::from_num_seconds_from_midnight_opt(second as u32, 0).expect("within a day")
}

fn at_second(date: NaiveDate, second: i64) -> Timestamp {
    time::start_of_day(date) + Duration::seconds(second)
}

/// A date's weekday as Vietnamese calendars print it (T2…T7, CN).
pub fn weekday_vi(date: NaiveDate) -> &'static str {
    ["T2", "T3", "T4", "T5", "T6", "T7", "CN"][date.weekday().num_days_from_monday() as usize]
}

/// A date's weekday in English (Mon…Sun).
pub fn weekday_en(date: NaiveDate) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        [date.weekday().num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{
        CalendarInputs, Entry, NationalDayExtra, ScheduledDay, WorkingHours,
    };
    use proptest::prelude::*;

    fn ts(text: &str) -> Timestamp {
        time::parse(text).unwrap().unwrap()
    }

    fn due_at(start: &str, stage: Stage) -> String {
        let d = due(&ts(start), stage, &Calendar::shipped(), &Policy::default()).unwrap();
        time::format(&d.at)
    }

    /// The stages as the tables print them, in any case, with or without marks.
    #[test]
    fn a_stage_is_taken_by_its_name_or_its_label() {
        for (typed, stage) in [
            ("process", Stage::Process),
            ("xử lý", Stage::Process),
            ("XU LY", Stage::Process),
            (" Processing ", Stage::Process),
            ("Chuyển trả", Stage::Return),
            ("chuyen tra", Stage::Return),
            ("Trả lại", Stage::Return),
            ("tra lai", Stage::Return),
            ("phân phối", Stage::Dispatch),
            ("Công khai", Stage::Publish),
            ("publication", Stage::Publish),
        ] {
            assert_eq!(Stage::typed(typed), Some(stage), "{typed}");
        }
        for typed in [
            "",
            "lunch",
            "xử",
            "trả lại, chờ phân phối lại",
            "đã chuyển trả, chờ phân phối lại",
        ] {
            assert_eq!(Stage::typed(typed), None, "{typed}");
        }
    }

    // The worked examples of docs/rules.md §3.

    #[test]
    fn inside_a_window_counts_straight_on() {
        // Wednesday 4/11/2026 08:00 + 2 working hours.
        assert_eq!(
            due_at("2026-11-04 08:00", Stage::Dispatch),
            "2026-11-04T10:00:00+07:00"
        );
    }

    #[test]
    fn using_up_a_window_ends_at_its_close_not_after_lunch() {
        assert_eq!(
            due_at("2026-11-04 09:00", Stage::Dispatch),
            "2026-11-04T11:00:00+07:00"
        );
    }

    #[test]
    fn a_count_spanning_lunch_skips_it() {
        // 10:30: 30 minutes before lunch, 90 after.
        assert_eq!(
            due_at("2026-11-04 10:30", Stage::Dispatch),
            "2026-11-04T14:30:00+07:00"
        );
        // Started during lunch: counting begins at 13:00.
        assert_eq!(
            due_at("2026-11-04 12:10", Stage::Dispatch),
            "2026-11-04T15:00:00+07:00"
        );
    }

    #[test]
    fn friday_afternoon_carries_over_the_weekend() {
        // Friday 6/11/2026 16:30: 30 minutes on Friday, 90 on Monday from 07:00.
        assert_eq!(
            due_at("2026-11-06 16:30", Stage::Dispatch),
            "2026-11-09T08:30:00+07:00"
        );
        // The processing clock (4 h) from the same moment.
        assert_eq!(
            due_at("2026-11-06 16:30", Stage::Process),
            "2026-11-09T10:30:00+07:00"
        );
    }

    #[test]
    fn after_hours_on_a_working_day_starts_at_the_next_window() {
        assert_eq!(
            due_at("2026-11-04 19:45", Stage::Dispatch),
            "2026-11-05T09:00:00+07:00"
        );
    }

    #[test]
    fn a_saturday_counts_clock_hours() {
        assert_eq!(
            due_at("2026-11-07 10:15", Stage::Dispatch),
            "2026-11-07T22:15:00+07:00"
        );
        assert_eq!(
            due_at("2026-11-07 10:15", Stage::Process),
            "2026-11-08T10:15:00+07:00"
        );
    }

    #[test]
    fn a_sunday_night_counts_clock_hours_into_monday() {
        assert_eq!(
            due_at("2026-11-08 22:30", Stage::Dispatch),
            "2026-11-09T10:30:00+07:00"
        );
        assert_eq!(
            due_at("2026-11-08 22:30", Stage::Return),
            "2026-11-09T10:30:00+07:00"
        );
    }

    #[test]
    fn the_eve_of_tet_is_a_day_off() {
        // 16/2/2026 (30 Tết Bính Ngọ) is in the announced Tết break 14–22/2.
        assert_eq!(
            due_at("2026-02-16 09:00", Stage::Dispatch),
            "2026-02-16T21:00:00+07:00"
        );
        // Friday 13/2 15:00, the last working afternoon: 2 h, then nine days off, then
        // Monday 23/2 07:00.
        assert_eq!(
            due_at("2026-02-13 15:00", Stage::Process),
            "2026-02-23T09:00:00+07:00"
        );
    }

    #[test]
    fn a_saturday_worked_in_exchange_is_a_working_day() {
        // Saturday 22/8/2026 was worked for Monday 31/8: its windows count (one hour
        // before lunch, one after).
        assert_eq!(
            due_at("2026-08-22 10:00", Stage::Dispatch),
            "2026-08-22T14:00:00+07:00"
        );
        // Friday 21/8 16:00 + 4 h: 1 h Friday, 3 h on the Saturday worked.
        assert_eq!(
            due_at("2026-08-21 16:00", Stage::Process),
            "2026-08-22T10:00:00+07:00"
        );
    }

    #[test]
    fn a_compensatory_day_off_is_skipped() {
        // Hùng Kings fell on Sunday 26/4/2026; Monday 27/4 was the compensatory day off.
        assert_eq!(
            due_at("2026-04-24 16:00", Stage::Dispatch),
            "2026-04-28T08:00:00+07:00"
        );
        // Started on the compensatory day itself: a day off, clock hours.
        assert_eq!(
            due_at("2026-04-27 08:00", Stage::Dispatch),
            "2026-04-27T20:00:00+07:00"
        );
    }

    #[test]
    fn the_day_off_rule_for_off_hours_is_a_setting() {
        let policy = Policy::new(Policy::default().limits, OffHours::DayOffRule);
        let d = due(
            &ts("2026-11-04 19:45"),
            Stage::Dispatch,
            &Calendar::shipped(),
            &policy,
        )
        .unwrap();
        assert_eq!(d.rule, Rule::ClockHours);
        assert_eq!(time::format(&d.at), "2026-11-05T07:45:00+07:00");
        // Inside a window nothing changes.
        let d = due(
            &ts("2026-11-04 08:00"),
            Stage::Dispatch,
            &Calendar::shipped(),
            &policy,
        )
        .unwrap();
        assert_eq!(d.rule, Rule::WorkingHours);
    }

    #[test]
    fn seconds_are_kept() {
        assert_eq!(
            due_at("2026-11-04 10:59:30", Stage::Return),
            "2026-11-04T13:59:30+07:00"
        );
    }

    #[test]
    fn the_explanation_names_every_day_and_sums_to_the_limit() {
        let (d, steps) = explain(
            &ts("2026-02-13 15:00"),
            Stage::Process,
            &Calendar::shipped(),
            &Policy::default(),
        )
        .unwrap();
        assert_eq!(steps.len(), 11);
        assert_eq!(steps.first().unwrap().counted, 2 * 3600);
        assert!(steps[1..10].iter().all(|s| s.day.off && s.counted == 0));
        assert_eq!(steps.iter().map(|s| s.counted).sum::<i64>(), d.limit);
    }

    #[test]
    fn a_calendar_without_working_time_ahead_gives_no_deadline() {
        // Every day after Wednesday 4/11/2026 made a day off: a clock started that evening
        // can never be counted, and says so instead of looping.
        let every_day_off: Vec<ScheduledDay> = NaiveDate::from_ymd_opt(2026, 11, 5)
            .unwrap()
            .iter_days()
            .take(4000)
            .map(|date| ScheduledDay {
                date,
                entry: Entry::Off,
                name: "x".into(),
                source: String::new(),
            })
            .collect();
        let cal = Calendar::new(&CalendarInputs {
            announced: Vec::new(),
            overrides: every_day_off,
            hours: WorkingHours::default(),
            national_day_extra: NationalDayExtra::Before,
        });
        let policy = Policy::default();
        assert_eq!(
            due(&ts("2026-11-04 18:00"), Stage::Dispatch, &cal, &policy),
            Err(NoWorkingTime(NaiveDate::from_ymd_opt(2026, 11, 4).unwrap()))
        );
        // A start on one of those days off still has its clock-hour deadline.
        assert!(due(&ts("2026-11-07 09:00"), Stage::Dispatch, &cal, &policy).is_ok());
    }

    /// The distance of the tester's Friday: at 15:00 on Friday 06/11/2026 a deadline at
    /// 08:30 on Monday is 2 h of Friday and 1 h 30 of Monday away in working time, not 2
    /// days 17 hours.
    #[test]
    fn a_friday_afternoon_deadline_on_monday_is_hours_of_work_away() {
        let cal = Calendar::shipped();
        let (now, due) = (ts("2026-11-06 15:00"), ts("2026-11-09 08:30"));
        let left = distance(&now, &due, Rule::WorkingHours, &cal);
        assert_eq!((left.seconds, left.past), (3 * 3600 + 30 * 60, false));
        assert_eq!(left.signed_minutes(), 210);
        // Counted in clock hours, the same two moments are the weekend apart.
        let clock = distance(&now, &due, Rule::ClockHours, &cal);
        assert_eq!(clock.signed_minutes(), 2 * 1440 + 17 * 60 + 30);
        // Overrun the same way: a deadline of Friday 15:30 met on Monday 09:10 is 1 h 30
        // of Friday and 2 h 10 of Monday late.
        let over = distance(
            &ts("2026-11-09 09:10"),
            &ts("2026-11-06 15:30"),
            Rule::WorkingHours,
            &cal,
        );
        assert_eq!((over.seconds, over.past), (3 * 3600 + 40 * 60, true));
        assert_eq!(over.signed_minutes(), -220);
        // Past a deadline outside working hours, no working time has gone by yet.
        let evening = distance(
            &ts("2026-11-06 18:00"),
            &ts("2026-11-06 17:00"),
            Rule::WorkingHours,
            &cal,
        );
        assert_eq!((evening.seconds, evening.past), (0, true));
    }

    #[test]
    fn adding_working_time_skips_what_is_not_working_time() {
        let cal = Calendar::shipped();
        let at =
            |from: &str, seconds| time::format(&add_working(&ts(from), seconds, &cal).unwrap());
        assert_eq!(
            at("2026-11-06 15:00", 210 * 60),
            "2026-11-09T08:30:00+07:00"
        );
        assert_eq!(
            at("2026-12-31 15:00", 220 * 60),
            "2027-01-04T08:40:00+07:00"
        );
        assert_eq!(at("2026-11-04 10:30", 0), "2026-11-04T10:30:00+07:00");
    }

    fn arb_start() -> impl Strategy<Value = Timestamp> {
        // 2024-01-01 .. 2028-12-31, to the second.
        (0i64..5 * 366 * 86_400).prop_map(|s| {
            time::start_of_day(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()) + Duration::seconds(s)
        })
    }

    proptest! {
        #[test]
        fn never_before_the_start(start in arb_start(), stage in 0usize..4) {
            let cal = Calendar::shipped();
            let d = due(&start, Stage::ALL[stage], &cal, &Policy::default()).unwrap();
            prop_assert!(d.at > start);
        }

        #[test]
        fn working_time_to_the_deadline_is_exactly_the_limit(start in arb_start(), stage in 0usize..4) {
            let cal = Calendar::shipped();
            let d = due(&start, Stage::ALL[stage], &cal, &Policy::default()).unwrap();
            if d.rule == Rule::WorkingHours {
                prop_assert_eq!(working_seconds_between(&start, &d.at, &cal), d.limit);
                // And not a second earlier would do.
                let before = d.at - Duration::seconds(1);
                prop_assert!(working_seconds_between(&start, &before, &cal) < d.limit);
            } else {
                prop_assert_eq!((d.at - start).num_seconds(), d.limit);
            }
        }

        /// `add_working` undoes `distance`: from any moment before a working-hours
        /// deadline, adding the working time left to it gives the deadline.
        #[test]
        fn adding_the_working_time_left_gives_the_deadline(
            start in arb_start(), stage in 0usize..4, elapsed in 0i64..30 * 86_400
        ) {
            let cal = Calendar::shipped();
            let d = due(&start, Stage::ALL[stage], &cal, &Policy::default()).unwrap();
            let now = start + Duration::seconds(elapsed);
            let left = distance(&now, &d.at, d.rule, &cal);
            prop_assert_eq!(left.past, now > d.at);
            if !left.past && d.rule == Rule::WorkingHours {
                prop_assert_eq!(add_working(&now, left.seconds, &cal).unwrap(), d.at);
            } else if !left.past {
                prop_assert_eq!(now + Duration::seconds(left.seconds), d.at);
            } else {
                // Past it, the overrun leads from the deadline back to no later than now.
                let back = add_working(&d.at, left.seconds, &cal).unwrap();
                prop_assert!(back <= now || d.rule == Rule::ClockHours);
                prop_assert!(left.seconds <= (now - d.at).num_seconds());
            }
        }

        #[test]
        fn the_running_total_answers_as_the_day_by_day_count(
            start in arb_start(), length in 0i64..400 * 86_400
        ) {
            let cal = Calendar::shipped();
            let index = WorkingTime::new(
                &cal,
                NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2029, 12, 31).unwrap(),
            );
            let end = start + Duration::seconds(length);
            prop_assert_eq!(index.between(&start, &end), working_seconds_between(&start, &end, &cal));
        }

        #[test]
        fn a_later_start_never_gives_an_earlier_deadline(
            start in arb_start(), later in 0i64..3 * 86_400, stage in 0usize..4
        ) {
            let cal = Calendar::shipped();
            let policy = Policy::default();
            let stage = Stage::ALL[stage];
            let second = start + Duration::seconds(later);
            let (a, b) = (due(&start, stage, &cal, &policy).unwrap(), due(&second, stage, &cal, &policy).unwrap());
            if a.rule == b.rule {
                prop_assert!(b.at >= a.at, "{} → {}, {} → {}", start, a.at, second, b.at);
            }
        }
    }
}
