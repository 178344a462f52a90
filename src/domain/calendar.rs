//! The working calendar of public servants (docs/rules.md §3): which dates are days off and why, and
//! the working-hour windows of a working day. Three layers, the later one winning:
//! 1. the rules of the Labour Code 2019 (Đ111.3, Đ112): weekends, public holidays on their
//!    solar or lunar dates, and a compensatory day for a holiday that falls on a weekend;
//! 2. the schedules the government announced for a year (moved days off, Saturdays worked in
//!    exchange), which replace the holiday rules for every year they cover;
//! 3. the operator's own days off and working days.
//!
//! The calendar's version is a digest of everything that shaped it, so a clock can record
//! the calendar it was computed under and anyone can tell whether it is still current.

use std::borrow::Cow;

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::lunar::{self, LunarDate};
use crate::i18n::Bilingual;

/// What an entry in a schedule does to its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// A day off (a holiday, a moved day off, or a weekend day named in the schedule).
    Off,
    /// A working day, e.g. a Saturday worked in exchange for a moved day off.
    Work,
    /// Announced but without a settled legal basis: recorded and shown, not a day off.
    Pending,
}

impl Entry {
    pub fn as_str(self) -> &'static str {
        match self {
            Entry::Off => "off",
            Entry::Work => "work",
            Entry::Pending => "pending",
        }
    }

    /// Reads the stored names and the shipped schedule's longer ones.
    pub fn parse(text: &str) -> Option<Entry> {
        match text {
            "off" | "off_weekend" | "off_weekday" => Some(Entry::Off),
            "work" | "makeup_workday" => Some(Entry::Work),
            "pending" => Some(Entry::Pending),
            _ => None,
        }
    }
}

/// One line of an announced schedule or an operator's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledDay {
    pub date: NaiveDate,
    pub entry: Entry,
    pub name: String,
    pub source: String,
}

/// Why a schedule line could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleError {
    pub line: u64,
    pub message_vi: String,
    pub message_en: String,
}

/// Reads a schedule in the shipped form (`date,weekday,type,occasion,source`, the header
/// first). `weekday` may be empty; `type` is `off_weekend`, `off_weekday` or `off` (a day
/// off), `makeup_workday` or `work` (a working day), or `pending`. Every bad line is named.
pub fn parse_schedule(text: &str) -> Result<Vec<ScheduledDay>, Vec<ScheduleError>> {
    // A byte-order mark (a file saved by Excel or Notepad) is not part of the first column.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let error = |line: u64, vi: String, en: String| ScheduleError {
        line,
        message_vi: vi,
        message_en: en,
    };
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![error(
                1,
                format!("không đọc được dòng tiêu đề: {e}"),
                format!("cannot read the header line: {e}"),
            )]);
        }
    };
    let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(date_at), Some(type_at)) = (column("date"), column("type")) else {
        return Err(vec![error(
            1,
            "dòng tiêu đề phải có các cột date,type,occasion,source".into(),
            "the header must have the columns date,type,occasion,source".into(),
        )]);
    };
    let name_at = column("occasion").or_else(|| column("name"));
    let weekday_at = column("weekday");
    let source_at = column("source");
    let mut days = Vec::new();
    let mut errors = Vec::new();
    let mut lines = super::lines::LineOf::new(text.as_bytes());
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.of(p.byte()));
                errors.push(error(
                    line,
                    format!("dòng không đọc được: {e}"),
                    format!("unreadable line: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.of(p.byte()));
        let cell = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("").to_owned();
        let date_text = cell(Some(date_at));
        // In the words a date typed on the command line gets: `31/11/2026` is no such day,
        // not a date to write as YYYY-MM-DD (DD/MM/YYYY reads too).
        let date = match super::time::read_date(&date_text) {
            Ok(date) => date,
            Err(bad) => {
                let why = bad.said();
                errors.push(error(
                    line,
                    format!("ngày “{date_text}” không hợp lệ: {}", why.vi),
                    format!("date \"{date_text}\" is not valid: {}", why.en),
                ));
                continue;
            }
        };
        let kind = cell(Some(type_at));
        let Some(entry) = Entry::parse(&kind) else {
            errors.push(error(
                line,
                format!("loại “{kind}” không hợp lệ (off, work hoặc pending)"),
                format!("type \"{kind}\" is not valid (off, work or pending)"),
            ));
            continue;
        };
        // An announcement is typed in by hand: a date one off (Sunday for the Saturday
        // worked) would be stored as written and change nothing, or the wrong day. The
        // shipped form says the weekday twice, in its `weekday` column and its type's name.
        if let Some(wrong) = contradiction(date, &cell(weekday_at), &kind) {
            errors.push(error(line, wrong.vi, wrong.en));
            continue;
        }
        days.push(ScheduledDay {
            date,
            entry,
            name: cell(name_at),
            source: cell(source_at),
        });
    }
    if errors.is_empty() {
        Ok(days)
    } else {
        Err(errors)
    }
}

/// Why a schedule line's date is not the day its `weekday` column or its type says, if so.
fn contradiction(date: NaiveDate, weekday: &str, kind: &str) -> Option<crate::i18n::Localized> {
    const VI: [&str; 7] = [
        "thứ Hai",
        "thứ Ba",
        "thứ Tư",
        "thứ Năm",
        "thứ Sáu",
        "thứ Bảy",
        "Chủ nhật",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let actual = date.weekday().num_days_from_monday() as usize;
    let shown = date.format("%d/%m/%Y");
    if !weekday.is_empty() {
        let Some(named) = weekday_named(weekday) else {
            return Some(crate::i18n::Localized::new(
                format!("thứ “{weekday}” không đọc được: dùng T2…T7 hoặc CN"),
                format!("weekday \"{weekday}\" cannot be read (T2…T7, CN, or Mon…Sun)"),
            ));
        };
        if named != actual {
            return Some(crate::i18n::Localized::new(
                format!(
                    "ngày {shown} là {}, không phải “{weekday}”: kiểm tra lại ngày trong văn bản công bố",
                    VI[actual]
                ),
                format!(
                    "{shown} is a {}, not \"{weekday}\": check the date against the announcement",
                    EN[actual]
                ),
            ));
        }
    }
    let weekend = actual >= 5;
    let fits = match kind {
        "off_weekend" | "makeup_workday" => weekend,
        "off_weekday" => !weekend,
        _ => true,
    };
    (!fits).then(|| {
        crate::i18n::Localized::new(
            format!(
                "loại “{kind}” không hợp với ngày {shown} ({}): kiểm tra lại ngày trong văn bản công bố",
                VI[actual]
            ),
            format!(
                "type \"{kind}\" does not fit {shown} (a {}): check the date against the announcement",
                EN[actual]
            ),
        )
    })
}

/// The weekday a schedule's `weekday` column names, Monday = 0: as the shipped schedule
/// writes it (T2…T7, CN), in words ("Thứ Năm", "Chủ nhật", with or without diacritics), or
/// in English (Mon…Sun).
fn weekday_named(text: &str) -> Option<usize> {
    let folded = super::text::fold(text).replace(' ', "");
    let vietnamese = [
        ["t2", "thu2", "thuhai"],
        ["t3", "thu3", "thuba"],
        ["t4", "thu4", "thutu"],
        ["t5", "thu5", "thunam"],
        ["t6", "thu6", "thusau"],
        ["t7", "thu7", "thubay"],
        ["cn", "chunhat", "chunhat"],
    ];
    let english = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    (0..7).find(|&i| {
        vietnamese[i].contains(&folded.as_str())
            || folded
                .strip_prefix(english[i])
                .is_some_and(|rest| rest.is_empty() || EN_REST[i] == rest)
    })
}

/// The rest of each English weekday's name after its first three letters.
const EN_REST: [&str; 7] = ["day", "sday", "nesday", "rsday", "day", "urday", "day"];

/// \[choice\] How far from lunar New Year (lunar 1/1) a day named for Tết may fall before
/// it is doubted: the Government's Tết breaks for public servants ran from 4 days before to
/// 5 days after it in 2022–2026 (the shipped schedule; docs/rules.md §3), and ten each side
/// leaves room for a longer break with its bridging days.
pub const TET_WINDOW_DAYS: i64 = 10;

/// How a calendar line was entered, which decides what is doubted in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entered {
    /// One day typed (`calendar add-holiday`, `add-workday`): nothing else says which
    /// weekday was meant, so a line that changes nothing is the sign of a date one off.
    Typed,
    /// A line of an imported schedule: an announcement restates its weekends whole, and its
    /// weekday column and type are checked instead (`parse_schedule`).
    Schedule,
}

/// What looks wrong in a calendar line that is still a valid one: stored only when the
/// admin confirms it (`--yes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doubt {
    /// A working day entered on a day that already is one: it moves nothing.
    AlreadyWorking { date: NaiveDate },
    /// A day off entered on a day already off, a weekend or another line's day (not one the
    /// rules only guess, which an announcement is meant to confirm).
    AlreadyOff { date: NaiveDate, why: Why },
    /// A day off named for Tết Nguyên đán far from that year's lunar New Year.
    FarFromTet {
        date: NaiveDate,
        tet: NaiveDate,
        days: i64,
    },
    /// A working day made up for a date its name cites that stays a working day: nothing is
    /// swapped for it.
    SwapsNothing { date: NaiveDate, cited: NaiveDate },
}

/// The doubts about `day`, entered as `entered`, given the calendar `before` it is stored
/// and `after` the whole change is. Both `calendar import` and the single-day commands
/// ask this, so a typo is caught the same way however a day is entered.
pub fn doubts(
    before: &Calendar,
    after: &Calendar,
    day: &ScheduledDay,
    entered: Entered,
) -> Vec<Doubt> {
    let mut found = Vec::new();
    let date = day.date;
    if entered == Entered::Typed {
        let was = before.day(date);
        match day.entry {
            Entry::Work if !was.off => found.push(Doubt::AlreadyWorking { date }),
            Entry::Off if was.off && !was.off_by_rule() => {
                found.push(Doubt::AlreadyOff { date, why: was.why });
            }
            _ => {}
        }
    }
    if day.entry == Entry::Off && names_lunar_new_year(&day.name) {
        let tet = [date.year(), date.year() + 1]
            .map(lunar::tet)
            .into_iter()
            .min_by_key(|tet| (date - *tet).num_days().abs())
            .expect("two candidates");
        let days = (date - tet).num_days();
        if days.abs() > TET_WINDOW_DAYS {
            found.push(Doubt::FarFromTet { date, tet, days });
        }
    }
    if day.entry == Entry::Work {
        for cited in cited_dates(&day.name) {
            if cited != date && after.is_working(cited) {
                found.push(Doubt::SwapsNothing { date, cited });
            }
        }
    }
    found
}

/// Whether a day's name cites lunar New Year: "Tết", "Tết Nguyên đán", "Tết Âm lịch",
/// "lunar new year", but not "Tết Dương lịch" (or "Tết Tây"), 1 January.
fn names_lunar_new_year(name: &str) -> bool {
    let folded = super::text::fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let solar = folded.contains("duong lich") || words.windows(2).any(|w| w == ["tet", "tay"]);
    folded.contains("nguyen dan")
        || folded.contains("lunar new year")
        || (words.contains(&"tet") && !solar)
}

/// The dates a name cites in full (`12/2/2027`, `12/02/2027`, `2027-02-12`), in order.
fn cited_dates(name: &str) -> Vec<NaiveDate> {
    name.split(|c: char| !(c.is_ascii_digit() || c == '/' || c == '-'))
        .filter_map(|token| super::time::read_date(token.trim_matches('-')).ok())
        .collect()
}

/// The schedules for public servants announced for 2022–2026, one line per date with its
/// source (docs/rules.md §3, "Days off").
pub const ANNOUNCED: &str = include_str!("../data/vn-public-service-days-off-2022-2026.csv");

/// The working-hour windows of a working day, in seconds from midnight, sorted and disjoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    windows: Vec<(u32, u32)>,
}

impl WorkingHours {
    /// Reads `07:00-11:00,13:00-17:00`.
    pub fn parse(text: &str) -> Option<WorkingHours> {
        let clock = |t: &str| -> Option<u32> {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 3600 + m * 60)
        };
        let mut windows = Vec::new();
        for part in text.split(',') {
            let (from, to) = part.split_once('-')?;
            let (from, to) = (clock(from)?, clock(to)?);
            if from >= to {
                return None;
            }
            windows.push((from, to));
        }
        windows.sort_unstable();
        let disjoint = windows.windows(2).all(|w| w[0].1 <= w[1].0);
        (disjoint && !windows.is_empty()).then_some(WorkingHours { windows })
    }

    pub fn windows(&self) -> &[(u32, u32)] {
        &self.windows
    }

    /// Working seconds in one working day.
    pub fn per_day(&self) -> u32 {
        self.windows.iter().map(|(a, b)| b - a).sum()
    }

    /// Whether a time of day (seconds from midnight) lies inside a window.
    pub fn contains(&self, second: u32) -> bool {
        self.windows.iter().any(|&(a, b)| a <= second && second < b)
    }
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours::parse(DEFAULT_WORKING_HOURS).expect("the default hours are valid")
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = |s: u32| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
        let parts: Vec<String> = self
            .windows
            .iter()
            .map(|&(a, b)| format!("{}-{}", hm(a), hm(b)))
            .collect();
        f.write_str(&parts.join(","))
    }
}

/// \[choice\] Office hours commonly kept in the Mekong Delta (docs/rules.md §3).
pub const DEFAULT_WORKING_HOURS: &str = "07:00-11:00,13:00-17:00";

/// Which day joins 2 September (Đ112.1.đ: "ngày 02/9 và 01 ngày liền kề trước hoặc sau").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalDayExtra {
    Before,
    After,
}

impl NationalDayExtra {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "before" => Some(Self::Before),
            "after" => Some(Self::After),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Before => "before",
            Self::After => "after",
        }
    }
}

/// A public holiday of Đ112, as the rule computes it for years with no announced schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    NewYear,
    LunarNewYear,
    HungKings,
    ReunificationDay,
    LabourDay,
    NationalDay,
}

impl Holiday {}

impl Bilingual for Holiday {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Holiday::NewYear => "Tết Dương lịch",
                Holiday::LunarNewYear => "Tết Nguyên đán",
                Holiday::HungKings => "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                Holiday::ReunificationDay => "Ngày Chiến thắng (30/4)",
                Holiday::LabourDay => "Ngày Quốc tế lao động (1/5)",
                Holiday::NationalDay => "Quốc khánh",
            }
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Holiday::NewYear => "New Year's Day",
                Holiday::LunarNewYear => "Lunar New Year (Tết)",
                Holiday::HungKings => "Hùng Kings' Commemoration (lunar 10/3)",
                Holiday::ReunificationDay => "Reunification Day (30/4)",
                Holiday::LabourDay => "International Labour Day (1/5)",
                Holiday::NationalDay => "National Day",
            }
        })
    }
}

/// Why a date is a working day or a day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// Monday to Friday with nothing announced.
    Weekday,
    /// Saturday or Sunday (Đ111.1: the weekly rest of public servants).
    Weekend,
    /// A public holiday by the rule of Đ112.1.
    Holiday { holiday: Holiday },
    /// The next working day after a holiday that fell on a weekend (Đ111.3).
    Compensatory {
        holiday: Holiday,
        for_date: NaiveDate,
    },
    /// A line of a schedule the government announced.
    Announced { name: String, source: String },
    /// An operator's `calendar add-holiday` / `add-workday` / `import`.
    Operator { name: String, source: String },
}

/// A date as the calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub off: bool,
    pub why: Why,
}

impl Day {
    /// The reason in words, for `calendar show` and deadline explanations. The Labour Code
    /// is named with its article: a bare "Đ111" read as the Decision's article, which has
    /// no Article 111.
    pub fn reason(&self, vietnamese: bool) -> String {
        let t = |vi: &str, en: &str| {
            if vietnamese {
                vi.to_owned()
            } else {
                en.to_owned()
            }
        };
        match &self.why {
            Why::Weekday => t("ngày làm việc", "working day"),
            Why::Weekend => t(
                "nghỉ hằng tuần (Điều 111 Bộ luật Lao động 2019)",
                "weekly rest (Article 111, Labour Code 2019)",
            ),
            Why::Holiday { holiday } => {
                let label = if vietnamese {
                    holiday.vi()
                } else {
                    holiday.en()
                };
                if vietnamese {
                    format!("{label} (Điều 112 Bộ luật Lao động 2019)")
                } else {
                    format!("{label} (Article 112, Labour Code 2019)")
                }
            }
            Why::Compensatory { holiday, for_date } => {
                let date = for_date.format("%d/%m/%Y");
                if vietnamese {
                    format!(
                        "nghỉ bù {} ngày {date} (khoản 3 Điều 111 Bộ luật Lao động 2019)",
                        holiday.vi()
                    )
                } else {
                    format!(
                        "compensatory day for {} on {date} (Article 111(3), Labour Code 2019)",
                        holiday.en()
                    )
                }
            }
            Why::Announced { name, .. } => {
                if self.off {
                    name.clone()
                } else if vietnamese {
                    format!("ngày làm việc theo lịch công bố: {name}")
                } else {
                    format!("working day by the announced schedule: {name}")
                }
            }
            Why::Operator { name, .. } => {
                let what = match (self.off, vietnamese) {
                    (true, true) => "ngày nghỉ do quản trị viên thêm",
                    (true, false) => "day off added by an operator",
                    (false, true) => "ngày làm việc do quản trị viên thêm",
                    (false, false) => "working day added by an operator",
                };
                format!("{what}: {name}")
            }
        }
    }

    /// A day off only because the rules of Đ111.3 and Đ112 put one there: a year with no
    /// announced schedule and no operator's line for the date. The government's schedule
    /// for that year may differ (docs/rules.md §3, "Days off"), so a deadline counted
    /// across such a day is a guess until the announcement is entered.
    pub fn off_by_rule(&self) -> bool {
        self.off && self.rule_holiday().is_some()
    }

    /// The holiday the rules give this day for, itself or as its compensatory day.
    fn rule_holiday(&self) -> Option<Holiday> {
        match self.why {
            Why::Holiday { holiday } | Why::Compensatory { holiday, .. } => Some(holiday),
            _ => None,
        }
    }

    /// The source of the reason: the announcement, or the Labour Code for the rules.
    pub fn source(&self, vietnamese: bool) -> &str {
        match &self.why {
            Why::Announced { source, .. } | Why::Operator { source, .. } => source,
            Why::Holiday { .. } | Why::Compensatory { .. } if vietnamese => {
                "Điều 111–112 Bộ luật Lao động 2019"
            }
            Why::Holiday { .. } | Why::Compensatory { .. } => "Articles 111–112, Labour Code 2019",
            Why::Weekday | Why::Weekend => "",
        }
    }
}

/// Everything a calendar is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarInputs {
    pub announced: Vec<ScheduledDay>,
    pub overrides: Vec<ScheduledDay>,
    pub hours: WorkingHours,
    pub national_day_extra: NationalDayExtra,
}

/// The lunar rules are computed on demand for these years; outside them only weekends,
/// announced and operator days apply.
const FIRST_RULE_YEAR: i32 = 1900;
const LAST_RULE_YEAR: i32 = 2199;

pub struct Calendar {
    hours: WorkingHours,
    national_day_extra: NationalDayExtra,
    overrides: HashMap<NaiveDate, Day>,
    announced: HashMap<NaiveDate, Day>,
    announced_years: BTreeSet<i32>,
    pending: Vec<ScheduledDay>,
    rule_years: Box<[OnceCell<HashMap<NaiveDate, Day>>]>,
    version: String,
}

impl Calendar {
    /// The calendar as shipped: the announced days, no line of the operator's, the default
    /// working hours and national-day rule. What the unit tests count deadlines under.
    #[cfg(test)]
    pub fn shipped() -> Calendar {
        Calendar::new(&CalendarInputs {
            announced: parse_schedule(ANNOUNCED).unwrap(),
            overrides: Vec::new(),
            hours: WorkingHours::default(),
            national_day_extra: NationalDayExtra::Before,
        })
    }

    pub fn new(inputs: &CalendarInputs) -> Calendar {
        let mut announced = HashMap::new();
        let mut announced_years = BTreeSet::new();
        let mut pending = Vec::new();
        for day in &inputs.announced {
            let why = Why::Announced {
                name: day.name.clone(),
                source: day.source.clone(),
            };
            match day.entry {
                Entry::Pending => pending.push(day.clone()),
                entry => {
                    announced_years.insert(day.date.year());
                    announced.insert(
                        day.date,
                        Day {
                            off: entry == Entry::Off,
                            why,
                        },
                    );
                }
            }
        }
        let mut overrides = HashMap::new();
        for day in &inputs.overrides {
            match day.entry {
                // An operator's pending line is a note, like an announced one.
                Entry::Pending => pending.push(day.clone()),
                entry => {
                    overrides.insert(
                        day.date,
                        Day {
                            off: entry == Entry::Off,
                            why: Why::Operator {
                                name: day.name.clone(),
                                source: day.source.clone(),
                            },
                        },
                    );
                }
            }
        }
        pending.sort_by_key(|d| d.date);
        let years = (LAST_RULE_YEAR - FIRST_RULE_YEAR + 1) as usize;
        Calendar {
            hours: inputs.hours.clone(),
            national_day_extra: inputs.national_day_extra,
            overrides,
            announced,
            announced_years,
            pending,
            rule_years: (0..years).map(|_| OnceCell::new()).collect(),
            version: version_of(inputs),
        }
    }

    /// A digest of the inputs: equal inputs give equal versions on every machine.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn hours(&self) -> &WorkingHours {
        &self.hours
    }

    /// Years whose holidays come from an announced schedule instead of the rules.
    pub fn announced_years(&self) -> &BTreeSet<i32> {
        &self.announced_years
    }

    /// The year after `today` when, from 1 December, it has neither an announced schedule
    /// nor an operator's line: its days off are the rules' guess until the government's
    /// schedule is entered (Labour Code 2019 Art. 112(3); docs/rules.md §3). None otherwise.
    pub fn next_year_unannounced(&self, today: NaiveDate) -> Option<i32> {
        let next = today.year() + 1;
        let entered =
            self.announced_years.contains(&next) || self.overrides.keys().any(|d| d.year() == next);
        (today.month() == 12 && !entered).then_some(next)
    }

    /// Announced or operator lines that are recorded but are not days off.
    pub fn pending(&self) -> &[ScheduledDay] {
        &self.pending
    }

    /// What `date` is and why.
    pub fn day(&self, date: NaiveDate) -> Day {
        if let Some(day) = self.overrides.get(&date) {
            return day.clone();
        }
        if let Some(day) = self.announced.get(&date) {
            return day.clone();
        }
        if let Some(day) = self.rule_day(date) {
            return day.clone();
        }
        plain(date)
    }

    /// Whether `date` is a working day (the hot path of deadline arithmetic).
    pub fn is_working(&self, date: NaiveDate) -> bool {
        if let Some(day) = self
            .overrides
            .get(&date)
            .or_else(|| self.announced.get(&date))
        {
            return !day.off;
        }
        if let Some(day) = self.rule_day(date) {
            return !day.off;
        }
        !is_weekend(date)
    }

    /// Every day of `year`, in order.
    pub fn year(&self, year: i32) -> Vec<(NaiveDate, Day)> {
        let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| d.year() == year)
            .map(|d| (d, self.day(d)))
            .collect()
    }

    /// The days from `from` to `to`, both included, that are off only by the rules
    /// (`Day::off_by_rule`). A span of more than ten years is cut there: no deadline is
    /// searched further (`deadline::NoWorkingTime`).
    pub fn days_off_by_rule(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .take(3653)
            .filter(|d| self.day(*d).off_by_rule())
            .collect()
    }

    /// After an operator's lines on `dates`: the other days of the same holidays that are
    /// still off only by the rules, in order. An announcement entered day by day replaces
    /// the rules' guess only where it has a line, so a rule day it does not give (Tết's
    /// compensatory day, or the eve when Tết was announced from the first day) would
    /// otherwise stay a day off unseen.
    pub fn rule_days_left(&self, dates: &[NaiveDate]) -> Vec<(NaiveDate, Day)> {
        let mut holidays: Vec<(i32, Holiday)> = Vec::new();
        for &date in dates {
            // A day off entered beside a holiday's days extends that holiday (3/9 entered
            // for the 2/9 the rules already give, the day before Tết's eve): the rule's own
            // choice of the other days (1/9, the last day of Tết) may be what it replaces.
            let beside = if self.day(date).off {
                vec![date.pred_opt(), Some(date), date.succ_opt()]
            } else {
                vec![Some(date)]
            };
            for near in beside.into_iter().flatten() {
                if let Some(holiday) = self.rule_day(near).and_then(Day::rule_holiday) {
                    let key = (near.year(), holiday);
                    if !holidays.contains(&key) {
                        holidays.push(key);
                    }
                }
            }
        }
        let mut left: Vec<(NaiveDate, Day)> = Vec::new();
        for (year, holiday) in holidays {
            let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
                continue;
            };
            for date in first.iter_days().take_while(|d| d.year() == year) {
                let by_rule = self.rule_day(date).and_then(Day::rule_holiday);
                if by_rule != Some(holiday) || dates.contains(&date) {
                    continue;
                }
                let day = self.day(date);
                if day.off_by_rule() && !left.iter().any(|(d, _)| *d == date) {
                    left.push((date, day));
                }
            }
        }
        left.sort_by_key(|(d, _)| *d);
        left
    }

    fn rule_day(&self, date: NaiveDate) -> Option<&Day> {
        let year = date.year();
        if self.announced_years.contains(&year)
            || !(FIRST_RULE_YEAR..=LAST_RULE_YEAR).contains(&year)
        {
            return None;
        }
        self.rule_years[(year - FIRST_RULE_YEAR) as usize]
            .get_or_init(|| rule_holidays(year, self.national_day_extra))
            .get(&date)
    }
}

/// The references a source note cites, for a reader who is not to be shown the note's
/// English prose: the document numbers ("12729/VPCP-KGVX", "80-NQ/TW"), or, a note that
/// names none, the websites it cites ("thanhnien.vn"). The shipped schedule's notes were
/// written in English during the research; translating a legal source is not ours to do,
/// but its number reads the same in both languages. A note with any letter beyond ASCII
/// (Vietnamese, as an operator types it) or with neither is returned whole.
pub fn source_references(note: &str) -> Cow<'_, str> {
    if !note.is_ascii() {
        return Cow::Borrowed(note);
    }
    let tokens: Vec<&str> = note
        .split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '(' | ')' | ':'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut numbers: Vec<&str> = Vec::new();
    let mut sites: Vec<&str> = Vec::new();
    for token in tokens {
        let token = token.trim_end_matches('.');
        let document = token.starts_with(|c: char| c.is_ascii_digit())
            && token.contains('/')
            && token.chars().any(|c| c.is_ascii_uppercase());
        let host = token.split('/').next().unwrap_or_default();
        let site = !host.starts_with('.')
            && host.contains('.')
            && host.chars().any(|c| c.is_ascii_lowercase())
            && host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-'))
            && [".vn", ".com", ".net", ".org"]
                .iter()
                .any(|tld| host.ends_with(tld));
        if document && !numbers.contains(&token) {
            numbers.push(token);
        } else if site && !sites.contains(&host) {
            sites.push(host);
        }
    }
    let cited = if numbers.is_empty() { sites } else { numbers };
    if cited.is_empty() {
        Cow::Borrowed(note)
    } else {
        Cow::Owned(cited.join("; "))
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn plain(date: NaiveDate) -> Day {
    if is_weekend(date) {
        Day {
            off: true,
            why: Why::Weekend,
        }
    } else {
        Day {
            off: false,
            why: Why::Weekday,
        }
    }
}

/// The public holidays of Đ112.1 in `year` with the compensatory days of Đ111.3.
pub fn rule_holidays(year: i32, extra: NationalDayExtra) -> HashMap<NaiveDate, Day> {
    let solar = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holidays exist");
    let tet = lunar::tet(year);
    let mut holidays: Vec<(NaiveDate, Holiday)> = vec![(solar(1, 1), Holiday::NewYear)];
    // [choice] Đ112.1.b gives five days; by default the last day of the old year and the
    // first four of the new one.
    let eve = tet - Days::new(1);
    holidays.extend(eve.iter_days().take(5).map(|d| (d, Holiday::LunarNewYear)));
    let hung = lunar::to_solar(LunarDate {
        year,
        month: 3,
        day: 10,
        leap: false,
    })
    .expect("every lunar year has a 10th day of its third month");
    holidays.push((hung, Holiday::HungKings));
    holidays.push((solar(4, 30), Holiday::ReunificationDay));
    holidays.push((solar(5, 1), Holiday::LabourDay));
    holidays.push((solar(9, 2), Holiday::NationalDay));
    holidays.push(match extra {
        NationalDayExtra::Before => (solar(9, 1), Holiday::NationalDay),
        NationalDayExtra::After => (solar(9, 3), Holiday::NationalDay),
    });
    holidays.sort_by_key(|(d, _)| *d);

    let mut days: HashMap<NaiveDate, Day> = holidays
        .iter()
        .map(|&(date, holiday)| {
            (
                date,
                Day {
                    off: true,
                    why: Why::Holiday { holiday },
                },
            )
        })
        .collect();
    for &(date, holiday) in &holidays {
        if !is_weekend(date) {
            continue;
        }
        let mut next = date + Days::new(1);
        while is_weekend(next) || days.contains_key(&next) {
            next = next + Days::new(1);
        }
        days.insert(
            next,
            Day {
                off: true,
                why: Why::Compensatory {
                    holiday,
                    for_date: date,
                },
            },
        );
    }
    days
}

fn version_of(inputs: &CalendarInputs) -> String {
    let mut hash = Sha256::new();
    let mut line = |parts: &[&str]| {
        hash.update(parts.join("\u{1f}").as_bytes());
        hash.update(b"\n");
    };
    line(&["hours", &inputs.hours.to_string()]);
    line(&["national_day_extra", inputs.national_day_extra.as_str()]);
    for (layer, days) in [
        ("announced", &inputs.announced),
        ("operator", &inputs.overrides),
    ] {
        let mut sorted: Vec<&ScheduledDay> = days.iter().collect();
        sorted.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
        for day in sorted {
            line(&[
                layer,
                &day.date.to_string(),
                day.entry.as_str(),
                &day.name,
                &day.source,
            ]);
        }
    }
    super::report::hex(&hash.finalize()[..6])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn rules_only() -> Calendar {
        Calendar::new(&CalendarInputs {
            announced: Vec::new(),
            overrides: Vec::new(),
            hours: WorkingHours::default(),
            national_day_extra: NationalDayExtra::Before,
        })
    }

    fn days_off(cal: &Calendar, year: i32) -> Vec<String> {
        cal.year(year)
            .into_iter()
            .filter(|(d, day)| day.off && !(is_weekend(*d) && day.why == Why::Weekend))
            .map(|(d, _)| d.to_string())
            .collect()
    }

    /// The Vietnamese table quoted the research notes' English prose.
    #[test]
    fn a_source_note_is_cited_by_its_document_numbers_or_else_its_websites() {
        assert_eq!(
            source_references(
                "VPCP dispatch 12729/VPCP-KGVX (25/12/2025): off 1-4/1/2026, work Sat 10/1/2026 (24h.com.vn 2025-12-26; tracuuquyhoach.com)"
            ),
            "12729/VPCP-KGVX"
        );
        assert_eq!(
            source_references(
                "VPCP dispatch 8726/VPCP-KGVX (26/11/2024); MOLISA notice 6150/TB-BLDTBXH: Tet 25/1-2/2/2025"
            ),
            "8726/VPCP-KGVX; 6150/TB-BLDTBXH"
        );
        assert_eq!(
            source_references(
                "Politburo Resolution 80-NQ/TW (7/1/2026) + Gov. Resolution 30/NQ-CP (Feb 2026) order amending Labour Code Art.112(1)"
            ),
            "80-NQ/TW; 30/NQ-CP"
        );
        assert_eq!(
            source_references(
                "Labour Code Art.111(3): Hung Kings 26/4/2026 is Sunday -> Mon 27/4 off (thanhnien.vn 2026-02-23)"
            ),
            "thanhnien.vn"
        );
        assert_eq!(
            source_references(
                "Labour Code 2019 Art.111(3)/112; Ca Mau PC notice (camauquangcao.com repost); officeholidays.com/countries/vietnam/2022"
            ),
            "camauquangcao.com; officeholidays.com"
        );
        // An operator's Vietnamese note, or one citing nothing, is shown as written.
        for whole in [
            "Bộ luật Lao động sửa đổi 2026",
            "Quyết định 12/QĐ-UBND",
            "Đ112 sửa đổi",
            "memo",
        ] {
            assert_eq!(source_references(whole), whole);
        }
        // Every note the shipped schedule has for a day cites something.
        for day in parse_schedule(ANNOUNCED).unwrap() {
            let cited = source_references(&day.source);
            assert!(cited.len() < day.source.len(), "{}", day.source);
        }
    }

    #[test]
    fn the_shipped_schedule_reads_whole_with_a_source_on_every_line() {
        let days = parse_schedule(ANNOUNCED).unwrap();
        assert!(days.len() > 90);
        assert!(
            days.iter()
                .all(|d| !d.source.is_empty() && !d.name.is_empty())
        );
        let years: BTreeSet<i32> = days.iter().map(|d| d.date.year()).collect();
        assert_eq!(years, (2022..=2026).collect());
    }

    #[test]
    fn a_schedule_saved_with_a_byte_order_mark_reads_the_same() {
        let with_mark = format!("\u{feff}{ANNOUNCED}");
        assert_eq!(parse_schedule(&with_mark), parse_schedule(ANNOUNCED));
    }

    #[test]
    fn announced_swaps_make_a_saturday_a_working_day_and_a_weekday_a_day_off() {
        let cal = Calendar::shipped();
        // 2026: off Monday 31/8 in exchange for work on Saturday 22/8.
        assert!(cal.is_working(date("2026-08-22")));
        assert!(!cal.is_working(date("2026-08-31")));
        assert!(matches!(
            cal.day(date("2026-08-22")).why,
            Why::Announced { .. }
        ));
        // 2025: Saturday 26/4 worked for Friday 2/5.
        assert!(cal.is_working(date("2025-04-26")));
        assert!(!cal.is_working(date("2025-05-02")));
    }

    #[test]
    fn the_announced_tet_2026_covers_nine_days() {
        let cal = Calendar::shipped();
        for d in date("2026-02-14").iter_days().take(9) {
            assert!(!cal.is_working(d), "{d}");
        }
        assert!(cal.is_working(date("2026-02-13")));
        assert!(cal.is_working(date("2026-02-23")));
    }

    #[test]
    fn a_pending_day_is_recorded_but_worked() {
        let cal = Calendar::shipped();
        assert!(cal.is_working(date("2026-11-24")));
        assert!(cal.pending().iter().any(|d| d.date == date("2026-11-24")));
    }

    #[test]
    fn rules_for_2027_give_tet_hung_kings_and_compensatory_days() {
        // Tết Đinh Mùi is Saturday 6/2/2027: eve Friday 5/2, then 6–9/2; Saturday 6 and
        // Sunday 7 are compensated on Wednesday 10 and Thursday 11.
        let cal = Calendar::shipped();
        let off = days_off(&cal, 2027);
        for d in [
            "2027-01-01",
            "2027-02-05",
            "2027-02-08",
            "2027-02-09",
            "2027-02-10",
            "2027-02-11",
            "2027-04-30",
            "2027-05-03",
            "2027-09-01",
            "2027-09-02",
        ] {
            assert!(off.contains(&d.to_owned()), "{d} should be off: {off:?}");
        }
        // Hùng Kings 2027: lunar 10/3 Đinh Mùi is Friday 16/4/2027.
        assert_eq!(
            cal.day(date("2027-04-16")).why,
            Why::Holiday {
                holiday: Holiday::HungKings
            }
        );
        // 1/5/2027 is a Saturday: compensated on Monday 3/5.
        assert_eq!(
            cal.day(date("2027-05-03")).why,
            Why::Compensatory {
                holiday: Holiday::LabourDay,
                for_date: date("2027-05-01")
            }
        );
    }

    #[test]
    fn only_the_days_the_rules_guess_are_off_by_rule() {
        let cal = Calendar::shipped();
        // Tết Đinh Mùi 2027 by rule: the eve Friday 5/2 to the compensatory Thursday 11/2;
        // the weekend after it is an ordinary weekend.
        let tet: Vec<String> = cal
            .days_off_by_rule(date("2027-02-01"), date("2027-02-14"))
            .iter()
            .map(NaiveDate::to_string)
            .collect();
        assert_eq!(
            tet,
            [
                "2027-02-05",
                "2027-02-06",
                "2027-02-07",
                "2027-02-08",
                "2027-02-09",
                "2027-02-10",
                "2027-02-11"
            ]
        );
        // Announced years guess nothing, nor do ordinary weekends.
        assert!(
            cal.days_off_by_rule(date("2026-01-01"), date("2026-12-31"))
                .is_empty()
        );
        assert!(!cal.day(date("2027-02-13")).off_by_rule());
    }

    #[test]
    fn an_operator_line_on_a_rule_holiday_leaves_its_other_rule_days_named() {
        let with = |overrides: Vec<ScheduledDay>| {
            Calendar::new(&CalendarInputs {
                announced: parse_schedule(ANNOUNCED).unwrap(),
                overrides,
                hours: WorkingHours::default(),
                national_day_extra: NationalDayExtra::Before,
            })
        };
        let line = |d: &str, entry| ScheduledDay {
            date: date(d),
            entry,
            name: "Tết".into(),
            source: String::new(),
        };
        // Tết announced (made up) as 4/2–10/2: the rules' 11/2 is still off, and named.
        let announced: Vec<ScheduledDay> = (4..=10)
            .map(|d| line(&format!("2027-02-{d:02}"), Entry::Off))
            .collect();
        let dates: Vec<NaiveDate> = announced.iter().map(|d| d.date).collect();
        let left = with(announced.clone()).rule_days_left(&dates);
        assert_eq!(
            left.iter().map(|(d, _)| d.to_string()).collect::<Vec<_>>(),
            ["2027-02-11"]
        );
        // Made a working day, nothing is left; a line on a day the rules leave alone (a
        // Saturday worked) names nothing; nor does a line in an announced year.
        let mut all = announced;
        all.push(line("2027-02-11", Entry::Work));
        assert!(with(all).rule_days_left(&dates).is_empty());
        let saturday = [line("2027-02-20", Entry::Work)];
        assert!(
            with(saturday.to_vec())
                .rule_days_left(&[date("2027-02-20")])
                .is_empty()
        );
        // National Day 2027 announced as Thursday 2/9 and Friday 3/9, only 3/9 entered: the
        // rules' Wednesday 1/9 is named (and 2/9, which the announcement keeps).
        let friday = [line("2027-09-03", Entry::Off)];
        let left = with(friday.to_vec()).rule_days_left(&[date("2027-09-03")]);
        assert_eq!(
            left.iter().map(|(d, _)| d.to_string()).collect::<Vec<_>>(),
            ["2027-09-01", "2027-09-02"]
        );
        let in_2026 = [line("2026-02-16", Entry::Off)];
        assert!(
            with(in_2026.to_vec())
                .rule_days_left(&[date("2026-02-16")])
                .is_empty()
        );
    }

    #[test]
    fn the_rules_agree_with_the_announced_holidays_where_no_swap_was_made() {
        // 2023 had no swap for Hùng Kings (Saturday 29/4 with 30/4, 1/5 → 2–3/5 off).
        let rules = rules_only();
        let shipped = Calendar::shipped();
        for d in ["2023-05-02", "2023-05-03", "2023-01-02"] {
            assert!(!rules.is_working(date(d)), "rules {d}");
            assert!(!shipped.is_working(date(d)), "shipped {d}");
        }
    }

    #[test]
    fn operators_win_over_announced_and_rules() {
        let mut inputs = CalendarInputs {
            announced: parse_schedule(ANNOUNCED).unwrap(),
            overrides: vec![
                ScheduledDay {
                    date: date("2026-11-24"),
                    entry: Entry::Off,
                    name: "Ngày Văn hóa Việt Nam".into(),
                    source: "Đ112 sửa đổi".into(),
                },
                ScheduledDay {
                    date: date("2026-09-01"),
                    entry: Entry::Work,
                    name: "trực".into(),
                    source: String::new(),
                },
            ],
            hours: WorkingHours::default(),
            national_day_extra: NationalDayExtra::Before,
        };
        let cal = Calendar::new(&inputs);
        assert!(!cal.is_working(date("2026-11-24")));
        assert!(cal.is_working(date("2026-09-01")));
        let before = cal.version().to_owned();
        inputs.overrides.pop();
        assert_ne!(Calendar::new(&inputs).version(), before);
        assert_eq!(
            Calendar::new(&inputs).version(),
            Calendar::new(&inputs).version()
        );
    }

    #[test]
    fn national_day_may_take_the_day_after() {
        let cal = Calendar::new(&CalendarInputs {
            announced: Vec::new(),
            overrides: Vec::new(),
            hours: WorkingHours::default(),
            national_day_extra: NationalDayExtra::After,
        });
        // 2027: 2/9 Thursday, 3/9 Friday.
        assert!(!cal.is_working(date("2027-09-03")));
        assert!(cal.is_working(date("2027-09-01")));
    }

    #[test]
    fn working_hours_read_and_print_back() {
        let h = WorkingHours::parse("13:00-17:00, 07:30-11:30").unwrap();
        assert_eq!(h.to_string(), "07:30-11:30,13:00-17:00");
        assert_eq!(h.per_day(), 8 * 3600);
        assert!(WorkingHours::parse("07:00-11:00,10:00-12:00").is_none());
        assert!(WorkingHours::parse("11:00-07:00").is_none());
        assert!(WorkingHours::parse("").is_none());
        assert!(WorkingHours::parse("7-11").is_none());
    }

    #[test]
    fn a_line_whose_date_contradicts_its_weekday_or_type_is_named() {
        let text = "date,weekday,type,occasion,source\n\
            2027-02-12,T6,off_weekday,x,y\n\
            2027-02-21,T7,makeup_workday,x,y\n\
            2027-02-15,,off_weekend,x,y\n\
            2027-02-13,CN,off,x,y\n\
            2027-02-13,T7,off_weekday,x,y\n\
            2027-02-11,Thu,work,x,y\n\
            2027-02-11,Thứ Năm,work,x,y\n\
            2027-02-11,T8,work,x,y\n\
            2027-02-11,t5,work,x,y\n";
        let errors = parse_schedule(text).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            [3, 4, 5, 6, 9],
            "{errors:?}"
        );
        assert!(errors[0].message_vi.contains("Chủ nhật"), "{errors:?}");
        assert!(errors[0].message_en.contains("a Sunday"), "{errors:?}");
        assert!(errors[1].message_vi.contains("off_weekend"), "{errors:?}");
        assert!(errors[4].message_vi.contains("“T8”"), "{errors:?}");
        // Without a weekday column, or with a plain type, nothing is checked but the date.
        let plain = "date,type,occasion,source\n2027-02-11,work,x,y\n2027-02-13,off,x,y\n";
        assert_eq!(parse_schedule(plain).unwrap().len(), 2);
    }

    #[test]
    fn a_typed_day_that_changes_nothing_or_cites_tet_far_off_is_doubted() {
        let cal = Calendar::shipped();
        let doubts_of = |d: &str, entry, name: &str| {
            let day = ScheduledDay {
                date: date(d),
                entry,
                name: name.into(),
                source: String::new(),
            };
            doubts(&cal, &cal, &day, Entered::Typed)
        };
        // A weekday made a working day, a Saturday made a day off, a day already entered.
        assert_eq!(
            doubts_of("2027-01-05", Entry::Work, "trực"),
            [Doubt::AlreadyWorking {
                date: date("2027-01-05")
            }]
        );
        assert!(matches!(
            doubts_of("2027-01-09", Entry::Off, "Nghỉ")[..],
            [Doubt::AlreadyOff {
                why: Why::Weekend,
                ..
            }]
        ));
        assert!(matches!(
            doubts_of("2026-02-16", Entry::Off, "Nghỉ")[..],
            [Doubt::AlreadyOff {
                why: Why::Announced { .. },
                ..
            }]
        ));
        // A day the rules only guess is confirmed without a doubt; a Saturday made a
        // working day, or a day off by the rules made one, moves something.
        assert!(doubts_of("2027-02-08", Entry::Off, "Tết Nguyên đán Đinh Mùi").is_empty());
        assert!(doubts_of("2027-02-06", Entry::Off, "Tết Nguyên đán Đinh Mùi").is_empty());
        assert!(doubts_of("2027-02-20", Entry::Work, "làm bù").is_empty());
        assert!(doubts_of("2027-02-11", Entry::Work, "làm việc").is_empty());
        assert!(doubts_of("2027-01-06", Entry::Off, "Nghỉ đột xuất do bão").is_empty());
        // Tết Đinh Mùi is 06/02/2027: a Monday a month before is far; ten days is not.
        assert_eq!(
            doubts_of("2027-01-04", Entry::Off, "Tết Nguyên đán Đinh Mùi"),
            [Doubt::FarFromTet {
                date: date("2027-01-04"),
                tet: date("2027-02-06"),
                days: -33
            }]
        );
        assert!(doubts_of("2027-01-27", Entry::Off, "nghỉ Tết").is_empty());
        assert!(doubts_of("2027-02-16", Entry::Off, "nghỉ Tết").is_empty());
        assert_eq!(doubts_of("2027-02-17", Entry::Off, "nghỉ Tết").len(), 1);
        assert_eq!(
            doubts_of("2027-01-26", Entry::Off, "Tet Nguyen dan").len(),
            1
        );
        // Tết Bính Ngọ is 17/02/2026 (its announced break 14–22/02): ten days either side
        // fits, eleven does not.
        assert!(doubts_of("2026-02-27", Entry::Off, "Tết Nguyên đán Bính Ngọ").is_empty());
        assert!(doubts_of("2026-02-09", Entry::Off, "Tết Nguyên đán Bính Ngọ").is_empty());
        assert_eq!(
            doubts_of("2026-02-06", Entry::Off, "Tết Nguyên đán Bính Ngọ"),
            [Doubt::FarFromTet {
                date: date("2026-02-06"),
                tet: date("2026-02-17"),
                days: -11
            }]
        );
        // A December day is measured to the next lunar New Year (06/02/2027 from 2026).
        assert_eq!(
            doubts_of("2026-12-30", Entry::Off, "Tết Nguyên đán"),
            [Doubt::FarFromTet {
                date: date("2026-12-30"),
                tet: date("2027-02-06"),
                days: -38
            }]
        );
        // New Year's Day is not lunar New Year.
        assert!(doubts_of("2027-01-01", Entry::Off, "Tết Dương lịch 2027").is_empty());
        assert!(doubts_of("2026-12-31", Entry::Off, "nghỉ Tết Tây").is_empty());
        // A make-up Saturday for a day that stays a working day swaps nothing; for a day
        // off it does.
        assert_eq!(
            doubts_of("2027-01-02", Entry::Work, "làm bù cho thứ Sáu 12/02/2027"),
            [Doubt::SwapsNothing {
                date: date("2027-01-02"),
                cited: date("2027-02-12")
            }]
        );
        assert!(doubts_of("2027-01-30", Entry::Work, "làm bù cho 10/2/2027").is_empty());
        assert_eq!(
            doubts_of("2027-01-30", Entry::Work, "làm bù cho 2027-02-12").len(),
            1
        );
    }

    #[test]
    fn every_tet_of_the_shipped_schedule_lies_in_the_window_and_a_schedule_restates_weekends() {
        let cal = Calendar::shipped();
        let days = parse_schedule(ANNOUNCED).unwrap();
        let tet_days = days
            .iter()
            .filter(|d| names_lunar_new_year(&d.name))
            .count();
        assert!(tet_days > 40, "{tet_days}");
        for day in &days {
            assert_eq!(doubts(&cal, &cal, day, Entered::Schedule), [], "{day:?}");
        }
        // Typed, the same weekend lines are doubted: they change nothing.
        let saturday = days.iter().find(|d| d.date == date("2026-02-21")).unwrap();
        assert_eq!(doubts(&cal, &cal, saturday, Entered::Typed).len(), 1);
    }

    #[test]
    fn a_bad_schedule_names_every_bad_line() {
        let text = "date,type,occasion,source\n2026-13-01,off,x,y\n2026-12-01,holiday,x,y\n2026-12-02,off,ok,y\n";
        let errors = parse_schedule(text).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3]);
    }

    /// A day not in the calendar was "not valid (use YYYY-MM-DD)", its
    /// own words, sending a right DD/MM/YYYY to another form; it says what a typed date says.
    #[test]
    fn a_bad_date_in_a_schedule_is_said_as_a_typed_one_is() {
        let text = "date,type,occasion,source\n31/11/2026,off,x,y\n2026-13-01,off,x,y\n30/11/2026,off,x,y\n";
        let errors = parse_schedule(text).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        let day = super::super::time::read_date("31/11/2026")
            .unwrap_err()
            .said();
        assert!(errors[0].message_vi.contains(&day.vi), "{errors:?}");
        assert!(errors[0].message_en.contains(&day.en), "{errors:?}");
        assert!(
            errors[0]
                .message_vi
                .contains("không có ngày này: tháng 11/2026 có 30 ngày")
        );
        assert!(
            errors[0]
                .message_en
                .contains("no such day: November 2026 has 30 days")
        );
        assert!(
            errors[1].message_vi.contains("không có tháng 13"),
            "{errors:?}"
        );
        assert!(
            !errors[0].message_en.contains("use YYYY-MM-DD"),
            "{errors:?}"
        );
    }

    /// From 1 December only, for a year with nothing announced nor entered (yearturn1).
    #[test]
    fn next_year_is_said_unannounced_from_december_until_a_day_is_entered() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let shipped = Calendar::shipped();
        assert_eq!(shipped.next_year_unannounced(d(2026, 11, 30)), None);
        assert_eq!(shipped.next_year_unannounced(d(2026, 12, 1)), Some(2027));
        // 2026 is announced in the shipped schedule.
        assert_eq!(shipped.next_year_unannounced(d(2025, 12, 1)), None);
        let entered = Calendar::new(&CalendarInputs {
            announced: parse_schedule(ANNOUNCED).unwrap(),
            overrides: vec![ScheduledDay {
                date: d(2027, 1, 1),
                entry: Entry::Off,
                name: "Tết Dương lịch".to_owned(),
                source: String::new(),
            }],
            hours: WorkingHours::default(),
            national_day_extra: NationalDayExtra::Before,
        });
        assert_eq!(entered.next_year_unannounced(d(2026, 12, 31)), None);
    }
}
