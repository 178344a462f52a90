//! The periodic report (`docs/rules.md §5`, Đ13.6) on paper and on screen: its sections and
//! their columns are declared once here, and every rendering reads those declarations — the
//! terminal's tables (`text`), the HTML document (`html`), and JSON and CSV (`data`), which
//! serialise the same rows the columns read. `score` renders the yearly score (Đ13.7).
//!
//! A section is a list of rows of a `Serialize` struct (JSON and CSV, English keys and raw
//! values, as every listing of `output`) and the columns a person reads (localized headers,
//! formatted cells). Every rendering numbers and titles the sections alike (`SECTIONS`), in
//! the document's order; the terminal and the HTML document lay them out differently (the
//! document adds charts, the terminal cuts a wide table in two), and a few columns are only
//! in one of them; each column says where it is shown.

mod compare;
mod data;
mod html;
pub use html::{notes_hidden, tell_notes_missing};
pub mod refusals;
pub mod score;
mod text;
mod xlsx;

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::deadline::{Rule, Stage};
use crate::domain::exact::{Ratio, fixed};
use crate::domain::periodic::{
    AgencyStats, Case, DUPLICATE, NONE, PeriodReport, Satisfaction, SinceEnd, StageStats, Totals,
};
use crate::domain::validate::Reason;
use crate::i18n::Lang;
use crate::output::Format;
use crate::output::spool::{Keep, Spool};

use crate::i18n::Bilingual;
pub use text::print_tables;

/// A terminal shows the first cases of each list; CSV and JSON carry them all.
pub const SHOWN_ON_SCREEN: usize = 200;

/// How much of the case lists a rendering needs: all for CSV, JSON and the HTML document
/// (its annex prints every case), what is shown for a table.
pub fn keep(format: Format) -> Keep {
    match format {
        Format::Csv | Format::Json | Format::Html => Keep::All,
        Format::Table | Format::Xml | Format::Open311Json | Format::Open311Xml => {
            Keep::First(SHOWN_ON_SCREEN)
        }
    }
}

/// Writes the built report in `format`.
pub fn write(out: &mut dyn Write, built: &Built, format: Format, lang: Lang) -> Result<()> {
    match format {
        Format::Table => print_tables(out, built, lang)?,
        Format::Json => data::write_json(out, built, lang)?,
        Format::Csv => data::write_csv(out, built, lang)?,
        Format::Html => html::render(out, built, lang)?,
        other @ (Format::Xml | Format::Open311Json | Format::Open311Xml) => {
            return Err(crate::output::format_only_for(other).into());
        }
    }
    Ok(())
}

/// Where a column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Both,
    /// The terminal's table and the workbook, which take the terminal's columns.
    Screen,
    /// The terminal's table only: what the workbook gives in columns of its own (a code and
    /// a name apart, which a reader of a sheet sorts by and looks up).
    Terminal,
    /// The workbook only.
    Book,
    /// The terminal's table and the HTML document, not the workbook: words the workbook
    /// gives as numbers of its own.
    Read,
    /// The HTML document only.
    Paper,
}

/// A formatted cell; a figure is right-aligned in the HTML document, and a workbook writes
/// its `number` (rounded as its text shows it) as a number.
pub struct Cell {
    pub text: String,
    pub figure: bool,
    /// Printed on one line: an id a reader copies to look a case up, cut as "CMG-2026-" /
    /// "000482" by a narrow column, reads as two.
    pub whole: bool,
    pub number: Option<(xlsx::Kind, f64)>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell {
        text: s.into(),
        figure: false,
        whole: false,
        number: None,
    }
}

/// An id, printed whole.
fn id(s: impl Into<String>) -> Cell {
    Cell {
        whole: true,
        ..text(s)
    }
}

/// A figure: `text` as a table shows it, `number` what a workbook stores of it.
fn figure(text: String, number: Option<(xlsx::Kind, f64)>) -> Cell {
    Cell {
        text,
        figure: true,
        whole: false,
        number,
    }
}

/// A count as its reader groups digits: `2.040` in Vietnamese, `2,040` in English.
fn count(n: u64, l: Lang) -> Cell {
    figure(grouped(n, l), Some((xlsx::Kind::Count, n as f64)))
}

/// A report's number: never grouped ("show 2040", not 2.040), in a workbook too.
fn signed(n: i64) -> Cell {
    figure(n.to_string(), Some((xlsx::Kind::Id, n as f64)))
}

pub use crate::i18n::grouped;

/// A stored moment as its table's language writes it, and a date-and-time in a workbook;
/// `missing` when there is none.
fn moment_cell(stored: Option<&str>, missing: &str, l: Lang) -> Cell {
    match stored {
        Some(t) => Cell {
            text: when_in(t, l),
            figure: false,
            whole: false,
            number: xlsx::moment_serial(t).map(|serial| (xlsx::Kind::Moment, serial)),
        },
        None => text(missing),
    }
}

/// A day as its table's language writes it, and a date in a workbook.
fn day_cell(day: chrono::NaiveDate, l: Lang) -> Cell {
    Cell {
        text: day_in(day, l),
        figure: false,
        whole: false,
        number: Some((xlsx::Kind::Day, xlsx::day_serial(day))),
    }
}

/// How late a case was, in words a leader reads ("2 giờ 15 phút", "3 ngày 4 giờ 30 phút"), and
/// its minutes as a number in a workbook.
fn overrun_cell(minutes: Option<i64>, l: Lang) -> Cell {
    match minutes {
        Some(n) => figure(
            crate::output::duration::signed(n, l),
            Some((xlsx::Kind::Count, n as f64)),
        ),
        None => text(""),
    }
}

fn maybe_signed(n: Option<i64>) -> Cell {
    n.map_or_else(|| text(""), signed)
}

/// An exact value rounded half up to `places` decimals, as a workbook's number of `kind`:
/// the value the text shows, not the exact one.
fn rounded_number(
    value: Option<Ratio>,
    places: u32,
    kind: xlsx::Kind,
) -> Option<(xlsx::Kind, f64)> {
    let unit = 10_f64.powi(places as i32);
    value
        .and_then(|r| r.round_half_up(places).ok())
        .map(|n| (kind, n as f64 / unit))
}

/// A rate as a percentage with one decimal, rounded half up from the exact value.
fn rate_cell(rate: Option<Ratio>, lang: Lang) -> Cell {
    figure(
        percent(rate, lang),
        rounded_number(rate, 3, xlsx::Kind::Percent),
    )
}

/// An exact value with two decimals, rounded half up.
fn exact_cell(value: Option<Ratio>, lang: Lang) -> Cell {
    figure(
        exact_decimal(value, lang),
        rounded_number(value, 2, xlsx::Kind::Decimal),
    )
}

/// A value already rounded to two decimals (working days).
fn rounded_cell(value: Option<f64>, lang: Lang) -> Cell {
    figure(
        decimal(value, lang),
        value.map(|v| (xlsx::Kind::Decimal, v)),
    )
}

/// A week of the report's per-week count, as every rendering shows it: its Monday, the days
/// of it the report counts (the period's edges and the "as of" moment cut the first and the
/// last: a count of 4 days is no dip), and the reports received.
pub struct CountedWeek {
    pub monday: chrono::NaiveDate,
    pub first: chrono::NaiveDate,
    pub last: chrono::NaiveDate,
    pub count: u64,
}

impl CountedWeek {
    /// The week starting on Monday `monday` within the days `from..=to`.
    pub fn within(
        monday: chrono::NaiveDate,
        count: u64,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> CountedWeek {
        let last = monday + chrono::Days::new(6);
        CountedWeek {
            monday,
            first: monday.max(from),
            last: last.min(to),
            count,
        }
    }

    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// Fewer than seven days counted.
    pub fn partial(&self) -> bool {
        self.days() != 7
    }
}

/// The report's weeks. The days it counts are its period, up to the day of its "as of"
/// moment while the period is still running (a week after it has nothing yet to count, and
/// the week it falls in only its days so far).
pub fn counted_weeks(r: &PeriodReport) -> impl Iterator<Item = CountedWeek> + '_ {
    let as_of = crate::domain::time::stored(&r.as_of)
        .map(|t| {
            t.with_timezone(&crate::domain::time::vietnam())
                .date_naive()
        })
        .unwrap_or(r.period.to);
    let (from, to) = (r.period.from, r.period.to.min(as_of));
    r.per_week
        .iter()
        .map(move |(monday, n)| CountedWeek::within(*monday, *n, from, to))
}

/// The last day the report's sentence "sent from … to …" covers: the period's, or while it
/// is still running the day of the moment, said so (a Q4 report issued on 06/12 that says
/// "đến ngày 31/12/2026" claims days that have not come yet).
pub fn sent_until(r: &PeriodReport, l: Lang) -> String {
    if !r.running {
        return day_in(r.period.to, l);
    }
    let as_of = crate::domain::time::stored(&r.as_of)
        .map(|t| {
            t.with_timezone(&crate::domain::time::vietnam())
                .date_naive()
        })
        .unwrap_or(r.period.to)
        .min(r.period.to);
    format!(
        "{} {}",
        day_in(as_of, l),
        l.pick("(kỳ báo cáo chưa kết thúc)", "(the period has not ended)")
    )
}

/// The line that says a report's period has not ended, in `lang`; None once it has.
pub fn still_running(r: &PeriodReport, l: Lang) -> Option<String> {
    r.running.then(|| {
        let at = as_of_in(&r.as_of, l);
        l.pick(
            format!("Kỳ báo cáo chưa kết thúc: số liệu đến {at}."),
            format!("The period has not ended: figures up to {at}."),
        )
    })
}

/// A stored time as officials write it: `02/11/2026 10:00` (Asia/Ho_Chi_Minh).
pub fn when(stored: &str) -> String {
    crate::domain::time::stored(stored)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|| stored.to_owned())
}

/// A day as the readers of `lang` write it: `31/10/2026` in Vietnamese, `2026-10-31` in
/// English (where `10/03/2026` is March or October depending on the reader).
pub fn day_in(day: chrono::NaiveDate, lang: Lang) -> String {
    day.format(lang.pick("%d/%m/%Y", "%Y-%m-%d")).to_string()
}

/// The "as of" moment as `lang` writes it, with its seconds when it has any (as the
/// table's heading): a file made at 08:00:45 must be told apart from one made at 08:00, and
/// re-made with the `--now` it shows.
pub fn as_of_in(stored: &str, lang: Lang) -> String {
    crate::output::layout::when_exact(stored, lang).replace('\u{a0}', " ")
}

/// A stored time in a case list of `lang`, as every table of that language writes it:
/// `dd/mm/yyyy HH:MM` in Vietnamese, `yyyy-mm-dd HH:MM` in English.
pub fn when_in(stored: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => when(stored),
        Lang::En => crate::output::when(stored, lang).replace('\u{a0}', " "),
    }
}

/// One column of a section: its header (Vietnamese, English), the header the HTML document
/// gives it where that differs, where it is shown, and its cell.
pub struct Column<R> {
    pub head: (&'static str, &'static str),
    pub on_paper: Option<(&'static str, &'static str)>,
    /// The workbook's header where its number means more than the words do (the minutes).
    pub in_book: Option<(&'static str, &'static str)>,
    pub on: On,
    pub cell: fn(&R, Lang) -> Cell,
    /// The field of the row's JSON (and of the CSV) whose value this column shows, when it
    /// shows one as it is: the Excel-style CSV heads that field with this column's header.
    pub key: Option<&'static str>,
}

impl<R> Column<R> {
    const fn new(vi: &'static str, en: &'static str, cell: fn(&R, Lang) -> Cell) -> Self {
        Column {
            head: (vi, en),
            on_paper: None,
            in_book: None,
            on: On::Both,
            cell,
            key: None,
        }
    }

    /// The row's field this column shows (`Column::key`).
    const fn keyed(mut self, key: &'static str) -> Self {
        self.key = Some(key);
        self
    }

    const fn screen(mut self) -> Self {
        self.on = On::Screen;
        self
    }

    const fn terminal(mut self) -> Self {
        self.on = On::Terminal;
        self
    }

    const fn book(mut self) -> Self {
        self.on = On::Book;
        self
    }

    const fn read(mut self) -> Self {
        self.on = On::Read;
        self
    }

    const fn paper(mut self) -> Self {
        self.on = On::Paper;
        self
    }

    /// The workbook's header for this column.
    const fn booked(mut self, vi: &'static str, en: &'static str) -> Self {
        self.in_book = Some((vi, en));
        self
    }

    /// The HTML document's header for this column.
    const fn printed(mut self, vi: &'static str, en: &'static str) -> Self {
        self.on_paper = Some((vi, en));
        self
    }
}

/// The columns of a section the workbook shows, with their headers in `lang`: the
/// terminal's, with a code and a name apart where the terminal joins them.
fn in_book<R>(columns: &[Column<R>], lang: Lang) -> Vec<(&'static str, &Column<R>)> {
    columns
        .iter()
        .filter(|c| matches!(c.on, On::Both | On::Screen | On::Book))
        .map(|c| {
            let (vi, en) = c.in_book.unwrap_or(c.head);
            (lang.pick(vi, en), c)
        })
        .collect()
}

/// The header of the column of `columns` that shows the row's field `key`, as the workbook
/// heads it (a code and a name apart, the minutes as a number: as the CSV holds them).
pub fn head_of<R>(columns: &[Column<R>], key: &str, lang: Lang) -> Option<&'static str> {
    columns.iter().find(|c| c.key == Some(key)).map(|c| {
        let (vi, en) = c.in_book.unwrap_or(c.head);
        lang.pick(vi, en)
    })
}

/// The columns of a section a rendering shows, with their headers in `lang`.
fn shown<R>(columns: &[Column<R>], paper: bool, lang: Lang) -> Vec<(&'static str, &Column<R>)> {
    columns
        .iter()
        .filter(|c| match c.on {
            On::Both | On::Read => true,
            On::Screen | On::Terminal => !paper,
            On::Paper => paper,
            On::Book => false,
        })
        .map(|c| {
            let (vi, en) = match c.on_paper {
                Some(head) if paper => head,
                _ => c.head,
            };
            (lang.pick(vi, en), c)
        })
        .collect()
}

// Labels shared by the renderings.

/// A rate as a percentage with one decimal, rounded once, half up, from the exact value.
pub fn percent(rate: Option<Ratio>, lang: Lang) -> String {
    match rate.and_then(|r| r.round_half_up(3).ok()) {
        None => "—".to_owned(),
        Some(thousandths) => format!("{}%", fixed(thousandths, 1, lang.pick(',', '.'))),
    }
}

/// An exact value with two decimals, rounded once, half up.
fn exact_decimal(value: Option<Ratio>, lang: Lang) -> String {
    match value.and_then(|r| r.round_half_up(2).ok()) {
        None => "—".to_owned(),
        Some(hundredths) => fixed(hundredths, 2, lang.pick(',', '.')),
    }
}

/// A value the domain already rounded to two decimals (so `{:.2}` prints it back exactly).
fn decimal(value: Option<f64>, lang: Lang) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) => {
            let text = format!("{v:.2}");
            lang.pick(text.replace('.', ","), text)
        }
    }
}

pub fn reason_label(code: &str, lang: Lang) -> String {
    match Reason::from_code(code) {
        Some(r) => r.text(lang).into_owned(),
        None => code.to_owned(),
    }
}

pub fn why_label(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "completed_late" => ("hoàn thành trễ hạn", "completed late"),
        "open_overdue" => ("đang quá hạn", "open past due"),
        "closed_after_working_days" => (
            "hoàn thành quá số ngày làm việc quy định",
            "closed after the working-day limit",
        ),
        "open_after_working_days" => (
            "quá số ngày làm việc quy định mà chưa xong",
            "still open after the working-day limit",
        ),
        "returned_repeatedly" => ("bị chuyển trả nhiều lần", "returned repeatedly"),
        // The threshold at 1 (`report.prolonged_returns`), as for the send-backs below.
        "returned" => ("bị chuyển trả từ 1 lần trở lên", "returned at least once"),
        "open_at_period_end" => ("chưa xong khi hết kỳ", "open at the end of the period"),
        "open_at_as_of" => (
            "chưa xong tại thời điểm tính số liệu",
            "open at the moment of the figures",
        ),
        "sent_back_repeatedly" => (
            "bị yêu cầu xử lý lại nhiều lần",
            "sent back for rework repeatedly",
        ),
        // The threshold at 1: once is no "many times" (`report.unresolved_send_backs`).
        "sent_back" => (
            "bị yêu cầu xử lý lại từ 1 lần trở lên",
            "sent back for rework at least once",
        ),
        "low_rating" => ("người phản ánh đánh giá thấp", "low citizen rating"),
        _ => ("", ""),
    };
    lang.pick(vi, en)
}

/// What became of a case open at the period's end, by the report's moment, with the day
/// it was done: a case done on time since needs no direction from the leader (Đ13.6).
pub fn since_label(since: SinceEnd, done_at: Option<&str>, lang: Lang) -> String {
    let day = done_at
        .and_then(crate::domain::time::stored)
        .map(|t| format!(" ({})", day_in(t.date_naive(), lang)))
        .unwrap_or_default();
    match since {
        SinceEnd::StillOpen => lang.pick("vẫn chưa xong", "still open").to_owned(),
        SinceEnd::DoneOnTime => lang.pick(
            format!("nay đã xong đúng hạn{day}"),
            format!("since done on time{day}"),
        ),
        SinceEnd::DoneLate => lang.pick(
            format!("nay đã xong nhưng trễ hạn{day}"),
            format!("since done, late{day}"),
        ),
    }
}

/// The note under section 6.3: its cases open at the period's end counted by what became
/// of them, so that the leader sees at once how many still need directing. None when none.
pub fn since_end_note(b: &Built, lang: Lang) -> Option<String> {
    if b.since_end.is_empty() {
        return None;
    }
    let count = |which: SinceEnd| b.since_end.values().filter(|s| **s == which).count() as u64;
    let [open, on_time, late] = SinceEnd::ALL.map(count);
    let g = |n| grouped(n, lang);
    Some(lang.pick(
        format!(
            "Trong đó chưa xong khi hết kỳ: {}, tính đến thời điểm số liệu: vẫn chưa xong {}, nay đã xong đúng hạn {}, nay đã xong nhưng trễ hạn {}.",
            g(open + on_time + late),
            g(open),
            g(on_time),
            g(late)
        ),
        format!(
            "Of which open at the end of the period: {}; by the moment of the figures: still open {}, since done on time {}, since done late {}.",
            g(open + on_time + late),
            g(open),
            g(on_time),
            g(late)
        ),
    ))
}

fn stage_label(stage: Option<Stage>, lang: Lang) -> String {
    stage.map(|s| s.text(lang).into_owned()).unwrap_or_default()
}

const UNCLASSIFIED: (&str, &str) = ("(chưa phân loại)", "(not classified)");
/// The duplicates among the fields, as section 4.2 names them among the agencies.
const DUPLICATES: (&str, &str) = (
    "Trùng lặp (không phân loại lĩnh vực)",
    "Duplicates (no field)",
);

// The sections: their rows, then their columns.

/// One line of the totals (JSON and CSV give `Totals` as an object, this line's count under
/// `key`).
pub struct Total {
    pub key: &'static str,
    pub label: (&'static str, &'static str),
    count: u64,
    /// How deep a part it is, as Vietnamese statistical tables print parts: 0 a total, 1 a
    /// part of it ("- Tiếp nhận"), 2 a part of a part ("+ Đã phản hồi kết quả").
    level: u8,
    /// A "Trong đó:" line before the parts of the line above it: no count.
    of_which: bool,
}

const OF_WHICH: (&str, &str) = ("Trong đó:", "Of which:");

/// The lines of the totals as a person reads them, each part under "Trong đó:" below what
/// it is a part of (`Totals`): the received are those awaiting the check, rejected, merged
/// before the check (a line only when there is one, as it is rare) and accepted; the
/// accepted are the duplicates merged after the check, the answered, those whose result
/// waits for the portal's check or publication and those in progress.
/// The urgent count every report received, whatever became of it: a line of its own after
/// them, not a part any reader would add up.
pub fn totals(t: &Totals) -> Vec<Total> {
    let line = |key, (vi, en): (&'static str, &'static str), count, level| Total {
        key,
        label: (vi, en),
        count,
        level,
        of_which: false,
    };
    let of_which = |level| Total {
        key: "",
        label: OF_WHICH,
        count: 0,
        level,
        of_which: true,
    };
    let label = |key: &str| {
        every_total(t)
            .into_iter()
            .find(|line| line.key == key)
            .map_or(("", ""), |line| line.label)
    };
    let mut lines = vec![
        line("received", label("received"), t.received, 0),
        of_which(1),
        line(
            "awaiting_check",
            label("awaiting_check"),
            t.awaiting_check,
            1,
        ),
        line("rejected", label("rejected"), t.rejected, 1),
    ];
    if t.merged_before_check > 0 {
        lines.push(line(
            "merged_before_check",
            label("merged_before_check"),
            t.merged_before_check,
            1,
        ));
    }
    // The duplicates among the accepted: all of them unless some were merged before the
    // check, whose line above holds the rest.
    let duplicates = if t.merged_before_check > 0 {
        (
            "Trùng lặp (gộp sau khi kiểm tra)",
            "Duplicates (merged after the check)",
        )
    } else {
        label("duplicates")
    };
    lines.extend([
        line("accepted", label("accepted"), t.accepted, 1),
        of_which(2),
        line(
            "duplicates",
            duplicates,
            t.duplicates.saturating_sub(t.merged_before_check),
            2,
        ),
        line("answered", label("answered"), t.answered, 2),
        line(
            "result_awaiting_portal",
            label("result_awaiting_portal"),
            t.result_awaiting_portal,
            2,
        ),
        line("in_progress", label("in_progress"), t.in_progress, 2),
        line(
            "urgent",
            (
                "Khẩn cấp (trong tổng số nhận được)",
                "Urgent (of the reports received)",
            ),
            t.urgent,
            0,
        ),
    ]);
    lines
}

impl Total {
    /// The line's words, marked as the part it is: parts under "Trong đó:" with "-", parts
    /// of a part indented with "+" (no-break spaces, which no table or sheet trims).
    fn said(&self, l: Lang) -> String {
        let label = l.pick(self.label.0, self.label.1);
        let indent = "\u{a0}\u{a0}";
        match (self.level, self.of_which) {
            (0, _) => label.to_owned(),
            (1, true) => label.to_owned(),
            (1, false) => format!("- {label}"),
            (_, true) => format!("{indent}{label}"),
            (_, false) => format!("{indent}+ {label}"),
        }
    }
}

/// Every line of the totals, whatever its count: the CSV's lines name each.
pub fn every_total(t: &Totals) -> Vec<Total> {
    let total = |key, vi, en, count| Total {
        key,
        label: (vi, en),
        count,
        level: 0,
        of_which: false,
    };
    let mut lines = vec![
        total(
            "received",
            "Tổng số phản ánh nhận được",
            "Reports received",
            t.received,
        ),
        total(
            "awaiting_check",
            "Chờ kiểm tra",
            "Awaiting the check",
            t.awaiting_check,
        ),
        total("rejected", "Từ chối tiếp nhận", "Rejected", t.rejected),
        total("accepted", "Tiếp nhận", "Accepted", t.accepted),
    ];
    lines.push(total(
        "merged_before_check",
        "Gộp trùng lặp trước khi kiểm tra",
        "Merged as duplicates before the check",
        t.merged_before_check,
    ));
    lines.extend([
        total("urgent", "Khẩn cấp", "Urgent", t.urgent),
        total("duplicates", "Trùng lặp", "Duplicates", t.duplicates),
        total("answered", "Đã phản hồi kết quả", "Answered", t.answered),
        // Apart from those without a result: a chairman read a reply waiting for the portal's
        // own check as an agency still at work (Đ9.4's clock is the portal's).
        total(
            "result_awaiting_portal",
            "Đã có kết quả (chờ duyệt hoặc công khai)",
            "Result recorded (awaiting the portal's check or publication)",
            t.result_awaiting_portal,
        ),
        // The rest of the accepted: with the three lines above they make the accepted total.
        // Those still at the desk awaiting dispatch too: "Đang xử lý" alone is the status
        // of a report given to an agency, and a leader read 100 of them as in agencies'
        // hands when they had not left the portal.
        total(
            "in_progress",
            "Chưa có kết quả (chờ phân phối hoặc đang xử lý)",
            "Not yet answered (awaiting dispatch or in progress)",
            t.in_progress,
        ),
    ]);
    lines
}

/// The weeks as counted (`counted_weeks`): a week the period's start or end, or the "as
/// of" moment, cuts counts fewer days, said beside its count rather than read as a dip.
const WEEKS: &[Column<CountedWeek>] = &[
    Column::<CountedWeek>::new("Tuần từ thứ Hai", "Week of (Monday)", |w, l| {
        day_cell(w.monday, l)
    })
    .keyed("week_of"),
    Column::<CountedWeek>::new("Từ ngày (trong kỳ)", "From (in the period)", |w, l| {
        day_cell(w.first, l)
    })
    .keyed("from"),
    Column::<CountedWeek>::new("Đến ngày (trong kỳ)", "To (in the period)", |w, l| {
        day_cell(w.last, l)
    })
    .keyed("to"),
    Column::<CountedWeek>::new("Số ngày trong kỳ", "Days in the period", |w, l| {
        count(w.days().unsigned_abs(), l)
    })
    .keyed("days"),
    Column::<CountedWeek>::new("Số lượng", "Count", |w, l| count(w.count, l)).keyed("count"),
];

const TOTALS: &[Column<Total>] = &[
    Column::<Total>::new("Chỉ tiêu", "Item", |t, l| text(t.said(l))),
    Column::<Total>::new("Số lượng", "Count", |t, l| {
        if t.of_which {
            text("")
        } else {
            count(t.count, l)
        }
    }),
];

#[derive(Serialize)]
pub struct Rejection {
    reason: String,
    label: String,
    count: u64,
}

fn rejections(b: &Built, lang: Lang) -> impl Iterator<Item = Rejection> + '_ {
    b.report.rejections.iter().map(move |(code, n)| Rejection {
        reason: code.clone(),
        label: reason_label(code, lang),
        count: *n,
    })
}

const REJECTIONS: &[Column<Rejection>] = &[
    Column::<Rejection>::new("Lý do", "Reason", |r, _| text(r.label.clone()))
        .printed("Lý do từ chối", "Rejection reason")
        .keyed("label"),
    // Reports, not rejections: one report may lack several things (`overlapping_reasons`).
    Column::<Rejection>::new("Số phản ánh", "Reports", |r, l| count(r.count, l)).keyed("count"),
];

/// What a reader must be told when the rejections by reason add up to more than the reports
/// rejected (one report missing its photo, name and phone counts under all three): else a
/// leader who totals the section reports three rejections where there was one.
pub fn overlapping_reasons(b: &Built, l: Lang) -> Option<String> {
    let by_reason: u64 = b.report.rejections.values().sum();
    let rejected = b.report.totals.rejected;
    (by_reason > rejected).then(|| {
        l.pick(
            format!(
                "Một phản ánh có thể bị từ chối vì nhiều lý do: cộng theo lý do được {by_reason}, số phản ánh bị từ chối là {rejected}.", by_reason = crate::i18n::grouped(by_reason, crate::i18n::Lang::Vi), rejected = crate::i18n::grouped(rejected, crate::i18n::Lang::Vi)
            ),
            format!(
                "A report may be rejected for several reasons: the reasons add up to {by_reason} for {}.",
                crate::i18n::count_en(rejected, "rejected report", "rejected reports"), by_reason = crate::i18n::grouped(by_reason, crate::i18n::Lang::En)
            ),
        )
    })
}

/// What section 3 counts (docs/rules.md §5): rounds, as Đ13.6's follow-up of each deadline
/// needs, where the emulation score counts cases. Said under the table in every format a
/// leader reads, since a send-back makes one assignment two replies.
pub fn counted_in_rounds(l: Lang) -> &'static str {
    l.pick(
        "Bảng này đếm theo lượt: mỗi lần giao phản ánh cho cơ quan là một lượt giao; mỗi lần cơ quan trả lời là một lượt trả lời, kể cả lần trả lời lại sau khi Cổng yêu cầu xử lý lại (khoản 1 Điều 9), nên số lượt trả lời có thể nhiều hơn số lượt giao. Điểm thi đua (lệnh score) đếm theo vụ việc: một phản ánh giao cho một cơ quan là một vụ việc.",
        "This table counts rounds: each assignment of a report to the agency is one; each reply of the agency is one, a reply again after the portal sent it back for rework (Art. 9.1) too, so replies can outnumber assignments. The emulation score (the score command) counts cases: one report assigned to one agency is one case.",
    )
}

/// What the stages' processing row counts (docs/rules.md §3): a round ends with a reply, a
/// return or a merge, so the row has the returns and merges that the agencies' table counts
/// apart, and a sum of that table's replies falls short of it by as many.
pub fn processing_ends_with_a_return(l: Lang) -> &'static str {
    l.pick(
        "Giai đoạn xử lý của một lượt kết thúc khi cơ quan trả lời hoặc chuyển trả phản ánh (điểm b khoản 1 Điều 8), hoặc khi Cổng gộp phản ánh vào phản ánh trùng, nên dòng “Xử lý” gồm cả các lượt chuyển trả và lượt bị gộp trùng; bảng theo cơ quan ghi riêng lượt trả lời, lượt chuyển trả và lượt bị gộp trùng khi đã quá hạn (tính là trễ hạn).",
        "A round of processing ends when the agency replies or returns the report (Art. 8.1.b), or when the portal merges the report into a duplicate, so the “Processing” row has the returns too, and the merged rounds; the agencies' table counts replies, returns and rounds merged past due (late) apart.",
    )
}

/// What the stages' return row counts (Đ8.1.b, docs/rules.md §3): the window an agency has
/// to return a report that is not its own, which closes on time when it passes unused, so
/// its "on time" is mostly reports never returned, and far more than the returns the
/// agencies' table lists. The document says it in its own note on the rate.
pub fn return_row_counts_windows(l: Lang) -> &'static str {
    l.pick(
        "Dòng “Chuyển trả” đếm khung thời gian để cơ quan chuyển trả phản ánh không thuộc thẩm quyền (điểm b khoản 1 Điều 8): khung không dùng hết được tính là đúng hạn, nên dòng “Chuyển trả” gồm cả các phản ánh không bị chuyển trả; số lượt chuyển trả thực tế ở bảng theo cơ quan (mục 3).",
        "The “Return” row counts the windows an agency has to return a report that is not its own (Art. 8.1.b): a window that passed unused counts as on time, so the “Return” row has the reports not returned too; the returns made are in the agencies' table.",
    )
}

#[derive(Serialize)]
pub struct ByField {
    field: String,
    name: String,
    count: u64,
    /// Whether the field is in the reference data (or is the duplicates' row): the HTML
    /// document names an unknown code "(not classified)" where the terminal leaves the name
    /// empty.
    #[serde(skip)]
    listed: bool,
}

fn by_field(b: &Built, lang: Lang) -> impl Iterator<Item = ByField> + '_ {
    b.report.by_field.iter().map(move |(code, n)| ByField {
        field: code.clone(),
        name: b.field_name(code, lang),
        count: *n,
        listed: b.fields.contains_key(code) || code == DUPLICATE,
    })
}

const BY_FIELD: &[Column<ByField>] = &[
    // The duplicates' key is no code: the terminal shows none, as for the agencies.
    Column::<ByField>::new("Mã", "Code", |f, _| {
        text(if f.field == DUPLICATE {
            NONE
        } else {
            f.field.as_str()
        })
    })
    .screen()
    .keyed("field"),
    Column::<ByField>::new("Lĩnh vực", "Field", |f, _| text(f.name.clone()))
        .screen()
        .keyed("name"),
    // On paper a name, never a code: a code the reference data lacks reads "not classified".
    Column::<ByField>::new("Lĩnh vực", "Field", |f, l| {
        text(if f.listed {
            f.name.as_str()
        } else {
            l.pick(UNCLASSIFIED.0, UNCLASSIFIED.1)
        })
    })
    .paper(),
    Column::<ByField>::new("Số lượng", "Count", |f, l| count(f.count, l)).keyed("count"),
];

#[derive(Serialize)]
pub struct ByAgency {
    agency: String,
    name: String,
    count: u64,
    /// A row of the accepted reports no agency holds (its key is no agency's code).
    #[serde(skip)]
    unassigned: bool,
}

/// The keys of the rows of `by_agency` no agency holds: answered by the portal itself,
/// duplicates, returned and awaiting re-dispatch, not yet assigned.
const NO_AGENCY: [&str; 4] = [
    "answered_by_portal",
    "duplicate",
    "returned",
    "not_assigned",
];

/// Whether the row `key` of `section` (as JSON and CSV key it) has no code: a row of the
/// accepted reports no agency holds, or of the duplicates with no field. The tables and the
/// workbook write `NONE` for its code.
pub fn without_code(section: &str, key: &str) -> bool {
    match section {
        "by_agency" => NO_AGENCY.contains(&key),
        "by_field" => key == DUPLICATE,
        _ => false,
    }
}

/// The accepted reports per agency, then those no agency holds, by why (`NotAssigned`):
/// the rows add up to the accepted total of section 1, as the fields' rows do. Their keys
/// are words in lower case, which no agency's code is.
fn by_agency(b: &Built, l: Lang) -> impl Iterator<Item = ByAgency> + '_ {
    let n = b.report.not_assigned;
    let unassigned = [
        (
            NO_AGENCY[0],
            l.pick(
                "Cổng trả lời trực tiếp (không giao cơ quan)",
                "Answered by the portal itself (no agency)",
            ),
            n.answered_by_portal,
        ),
        (
            NO_AGENCY[1],
            l.pick("Trùng lặp (không giao cơ quan)", "Duplicates (no agency)"),
            n.duplicates,
        ),
        (
            NO_AGENCY[2],
            l.pick(
                "Đã chuyển trả, chờ phân phối lại",
                "Returned, awaiting re-dispatch",
            ),
            n.returned,
        ),
        (
            NO_AGENCY[3],
            // Classified or not: a report classified and not yet assigned waits here too.
            l.pick("Chưa giao cơ quan", "Not yet assigned to an agency"),
            n.waiting,
        ),
    ];
    b.report
        .by_agency
        .iter()
        .map(|(code, n)| ByAgency {
            agency: code.clone(),
            name: b.agency_name(code),
            count: *n,
            unassigned: false,
        })
        .chain(
            unassigned
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(key, name, n)| ByAgency {
                    agency: key.to_owned(),
                    name: name.to_owned(),
                    count: n,
                    unassigned: true,
                }),
        )
}

const BY_AGENCY: &[Column<ByAgency>] = &[
    Column::<ByAgency>::new("Mã", "Code", |a, _| {
        text(if a.unassigned {
            NONE
        } else {
            a.agency.as_str()
        })
    })
    .screen()
    .keyed("agency"),
    Column::<ByAgency>::new("Cơ quan", "Agency", |a, _| text(a.name.clone())).keyed("name"),
    Column::<ByAgency>::new("Số lượng", "Count", |a, l| count(a.count, l)).keyed("count"),
];

/// What sections 4.1, 4.2 and 4.4 count, for their headings: the fields and agencies the accepted
/// reports, the communes every report received (a rejected one too), so a reader who adds
/// them up knows which total of section 1 to compare with.
pub fn counted_over(accepted: bool, l: Lang) -> &'static str {
    if accepted {
        l.pick("phản ánh đã tiếp nhận", "accepted reports")
    } else {
        l.pick(
            "mọi phản ánh nhận được, kể cả bị từ chối",
            "every report received, rejected ones included",
        )
    }
}

#[derive(Serialize)]
pub struct ByCommune {
    commune: String,
    count: u64,
    /// Not one of the province's current communes and wards (the commune-level agencies
    /// of the directory): a name from before the merger of 1 July 2025 ("Phường 5", "Thị
    /// trấn Sông Đốc") or none of the list. Written only when true, so that the CSV keeps
    /// its lines for the others.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unlisted: bool,
}

/// The heading of the communes that are not the province's current ones (Y1): counted
/// apart, after the current ones, not mixed among them as if "Xã Tân Thành" (before the
/// merger) were a commune beside "Phường Tân Thành".
pub const UNLISTED_COMMUNES: (&str, &str) = (
    "Địa danh trước sắp xếp ngày 01/7/2025 hoặc không thuộc danh mục xã, phường hiện hành",
    "Place names from before the reorganisation of 1 July 2025, or not in the list of current communes and wards",
);

/// The communes as the report's readers may see them. A commune is the app's free text
/// (an unknown one is only warned of at ingest) and may carry a name or a phone: each came
/// with its own reporter's name hidden (`app::report::Shield`); any name left is hidden
/// here by its shape too, as for an erased identity (the province's communes read
/// unchanged: a test in `domain::redact`). Communes that read the same after it are
/// counted together. The province's current communes first, then the others
/// (`ByCommune::unlisted`), each in the alphabet's order.
fn by_commune(b: &Built) -> impl Iterator<Item = ByCommune> + '_ {
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for (name, n) in &b.report.by_commune {
        *seen
            .entry(crate::domain::redact::redact_people(name).text)
            .or_default() += n;
    }
    // In the alphabet's order, as a leader looks a commune up (docs/rules.md §5).
    let mut rows: Vec<ByCommune> = seen
        .into_iter()
        .map(|(commune, count)| ByCommune {
            // With no commune in the directory none can be told apart.
            unlisted: commune != NONE && !b.communes.is_empty() && !b.communes.knows(&commune),
            commune,
            count,
        })
        .collect();
    rows.sort_by_cached_key(|row| {
        (
            row.unlisted,
            crate::domain::text::vietnamese_order(&row.commune),
        )
    });
    rows.into_iter()
}

/// The current communes' rows, or (`unlisted`) the others'.
fn communes_listed(b: &Built, unlisted: bool) -> impl Iterator<Item = ByCommune> + '_ {
    by_commune(b).filter(move |row| row.unlisted == unlisted)
}

/// A commune as a person reads it: the reports that named none under "(không rõ)" on
/// screen, on paper and in the workbook alike (JSON and CSV keep `NONE`).
fn commune_named(c: &ByCommune, l: Lang) -> Cell {
    text(if c.commune == NONE {
        l.pick("(không rõ)", "(unknown)").to_owned()
    } else {
        c.commune.clone()
    })
}

const BY_COMMUNE: &[Column<ByCommune>] = &[
    Column::<ByCommune>::new("Xã/phường", "Commune", commune_named)
        .screen()
        .keyed("commune"),
    Column::<ByCommune>::new("Xã, phường", "Commune", commune_named).paper(),
    Column::<ByCommune>::new("Số lượng", "Count", |c, l| count(c.count, l)).keyed("count"),
    // The workbook has one sheet a section: its rows say which group they are in.
    Column::<ByCommune>::new("Ghi chú", "Note", |c, l| {
        text(if c.unlisted {
            l.pick(UNLISTED_COMMUNES.0, UNLISTED_COMMUNES.1).to_owned()
        } else {
            String::new()
        })
    })
    .book(),
];

const STAGES: &[Column<StageStats>] = &[
    Column::<StageStats>::new("Giai đoạn", "Stage", |s, l| {
        text(stage_label(s.stage, l))
    })
    .keyed("stage"),
    // A clause cited from its smallest unit up ("khoản 2 Điều 7"): "Căn cứ", not "Điều".
    Column::<StageStats>::new("Căn cứ", "Article", |s, l| {
        text(
            s.stage
                .map(|st| l.pick(st.article(), st.article_en()))
                .unwrap_or_default(),
        )
    })
    .paper(),
    Column::<StageStats>::new("Đúng hạn", "On time", |s, l| count(s.on_time, l)).keyed("on_time"),
    Column::<StageStats>::new("Trễ hạn", "Late", |s, l| count(s.late, l)).keyed("late"),
    // Not "Đang xử lý": that is the status of a report with an agency, and the rows
    // "Phân phối" and "Công khai" are the portal's own steps.
    Column::<StageStats>::new("Chưa xong, còn hạn", "Open, within", |s, l| {
        count(s.open_within, l)
    })
    .keyed("open_within"),
    Column::<StageStats>::new("Chưa xong, quá hạn", "Open, overdue", |s, l| {
        count(s.open_overdue, l)
    })
    .keyed("open_overdue"),
    Column::<StageStats>::new("Tỷ lệ đúng hạn", "On-time rate", |s, l| {
        rate_cell(s.on_time_rate, l)
    })
    .keyed("on_time_rate"),
];

/// An agency's figures with its name, and its first or last day in operation when the
/// period holds it (docs/rules.md §5): present only then, so that a script reads a whole
/// period's agency as before.
#[derive(Serialize)]
pub struct Agency {
    #[serde(flatten)]
    stats: AgencyStats,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_operation_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_operation_until: Option<NaiveDate>,
}

impl Agency {
    /// The name, and how much of the period the agency was in operation when not all of
    /// it: "UBND huyện U Minh (giải thể từ 01/07/2025)".
    fn named(&self, l: Lang) -> String {
        let name = if self.name.is_empty() {
            self.stats.agency.clone()
        } else {
            self.name.clone()
        };
        match operation_note(self.in_operation_from, self.in_operation_until, l) {
            Some(note) => format!("{name} ({note})"),
            None => name,
        }
    }
}

fn agencies(b: &Built) -> impl Iterator<Item = Agency> + '_ {
    b.report.agencies.iter().map(|a| {
        let (from, until) = b.in_operation.get(&a.agency).copied().unwrap_or_default();
        Agency {
            stats: a.clone(),
            name: b.agency_name(&a.agency),
            in_operation_from: from,
            in_operation_until: until,
        }
    })
}

/// How much of a period an agency was in operation, when not all of it: "thành lập từ
/// 01/07/2026" (its first day), "giải thể từ 01/07/2025" (the day after its last), so that
/// figures of part of a period are not read as a whole period's; None for none.
pub fn operation_note(
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    l: Lang,
) -> Option<String> {
    let day = |d: NaiveDate| d.format(l.pick("%d/%m/%Y", "%Y-%m-%d")).to_string();
    let mut said = Vec::new();
    if let Some(from) = from {
        said.push(l.pick(
            format!("thành lập từ {}", day(from)),
            format!("set up on {}", day(from)),
        ));
    }
    if let Some(until) = until {
        let next = until.succ_opt().unwrap_or(until);
        said.push(l.pick(
            format!("giải thể từ {}", day(next)),
            format!("dissolved on {}", day(next)),
        ));
    }
    (!said.is_empty()).then(|| said.join("; "))
}

const AGENCIES: &[Column<Agency>] = &[
    Column::<Agency>::new("Cơ quan", "Agency", |a, l| {
        text(format!("{} — {}", a.stats.agency, a.named(l)))
    })
    .terminal(),
    Column::<Agency>::new("Mã cơ quan", "Agency code", |a, _| {
        text(a.stats.agency.clone())
    })
    .book()
    .keyed("agency"),
    Column::<Agency>::new("Cơ quan", "Agency", |a, l| {
        text(
            match operation_note(a.in_operation_from, a.in_operation_until, l) {
                Some(note) => format!("{} ({note})", a.name),
                None => a.name.clone(),
            },
        )
    })
    .book()
    .keyed("name"),
    Column::<Agency>::new("Cơ quan", "Agency", |a, l| text(a.named(l))).paper(),
    // Rounds, not reports (`counted_in_rounds`): the headings say "lượt" so that 8 assigned
    // beside 9 replied reads as a reply again after a send-back, not as a miscount.
    Column::<Agency>::new("Lượt giao", "Assignments", |a, l| {
        count(a.stats.assigned, l)
    })
    .keyed("assigned"),
    Column::<Agency>::new(
        "Lượt trả lời đúng hạn",
        "Replies on time",
        |a, l| count(a.stats.replied_on_time, l),
    )
    .keyed("replied_on_time"),
    Column::<Agency>::new("Lượt trả lời trễ", "Replies late", |a, l| {
        count(a.stats.replied_late, l)
    })
    .keyed("replied_late"),
    Column::<Agency>::new("Chuyển trả đúng hạn", "Returned on time", |a, l| {
        count(a.stats.returned_on_time, l)
    })
    .keyed("returned_on_time"),
    Column::<Agency>::new("Chuyển trả trễ", "Returned late", |a, l| {
        count(a.stats.returned_late, l)
    })
    .keyed("returned_late"),
    // As the score names them (`score`'s "Bị yêu cầu xử lý lại"): one thing, one name.
    Column::<Agency>::new("Bị yêu cầu xử lý lại", "Sent back", |a, l| {
        count(a.stats.sent_back, l)
    })
    .keyed("sent_back"),
    // Late in section 2 and listed in 6.1 against the agency: without it here the agency
    // read 100 % on time beside a late round charged to it.
    Column::<Agency>::new(
        "Bị gộp trùng khi đã quá hạn",
        "Merged as a duplicate past due",
        |a, l| count(a.stats.merged_late, l),
    )
    .keyed("merged_late"),
    Column::<Agency>::new("Đang xử lý", "Open", |a, l| count(a.stats.open, l)).keyed("open"),
    // The rate counts them against the agency: without them beside it, 26 on time and 3
    // late would read 89,7 % where the rate says 86,7 %.
    Column::<Agency>::new("Trong đó quá hạn", "Of which overdue", |a, l| {
        count(a.stats.open_overdue, l)
    })
    .keyed("open_overdue"),
    Column::<Agency>::new("Tỷ lệ đúng hạn", "On-time rate", |a, l| {
        rate_cell(a.stats.on_time_rate, l)
    })
    .keyed("on_time_rate"),
];

const SATISFACTION: &[Column<Satisfaction>] = &[
    Column::<Satisfaction>::new("Lượt đánh giá", "Ratings", |s, l| count(s.ratings, l))
        .keyed("ratings"),
    Column::<Satisfaction>::new("Điểm trung bình (1–5)", "Average (1–5)", |s, l| {
        exact_cell(s.average, l)
    })
    .printed("Điểm trung bình", "Average")
    .keyed("average"),
    Column::<Satisfaction>::new("Hài lòng (4–5)", "Satisfied (4–5)", |s, l| {
        count(s.satisfied, l)
    })
    .keyed("satisfied"),
    Column::<Satisfaction>::new("Tỷ lệ hài lòng", "Satisfied share", |s, l| {
        rate_cell(s.satisfied_share, l)
    })
    .keyed("satisfied_share"),
];

/// One case of a list, as JSON and CSV give it and the columns read it.
#[derive(Serialize)]
pub struct CaseRow {
    report_id: i64,
    external_id: String,
    stage: Option<Stage>,
    round: Option<i64>,
    agency: Option<String>,
    agency_name: Option<String>,
    due_at: Option<String>,
    done_at: Option<String>,
    overrun_minutes: Option<i64>,
    working_days: Option<f64>,
    why: Vec<&'static str>,
    why_label: String,
    /// The overrun in the time the clock counts (docs/rules.md §5): working minutes for a
    /// clock counted in working hours, clock minutes otherwise.
    overrun_counted_minutes: Option<i64>,
    #[serde(skip)]
    overrun_rule: Option<Rule>,
    #[serde(skip)]
    working_day: u32,
    /// For a case open at the period's end, what became of it by the moment (`SinceEnd`):
    /// last, added after the others.
    since_period_end: Option<&'static str>,
    #[serde(skip)]
    since_label: String,
}

impl CaseRow {
    fn new(b: &Built, case: &Case, lang: Lang) -> CaseRow {
        let since = b.since_end.get(&case.report_id).copied();
        CaseRow {
            report_id: case.report_id,
            external_id: case.external_id.clone(),
            stage: case.stage,
            round: case.round,
            agency: case.agency.clone(),
            agency_name: case
                .agency
                .as_deref()
                .and_then(|a| b.agencies.get(a))
                .cloned(),
            due_at: case.due_at.clone(),
            done_at: case.done_at.clone(),
            overrun_minutes: case.overrun_minutes,
            overrun_counted_minutes: case.overrun_counted_minutes,
            overrun_rule: case.overrun_rule,
            working_day: b.working_day,
            working_days: case.working_days,
            why: case.why.clone(),
            why_label: case
                .why
                .iter()
                .map(|w| match (*w, since) {
                    ("open_at_period_end", Some(since)) => format!(
                        "{} — {}",
                        why_label(w, lang),
                        since_label(since, case.done_at.as_deref(), lang)
                    ),
                    _ => why_label(w, lang).to_owned(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            since_period_end: since.map(SinceEnd::code),
            since_label: since
                .map(|s| since_label(s, case.done_at.as_deref(), lang))
                .unwrap_or_default(),
        }
    }

    /// How late, in the words `show` uses (docs/rules.md §3): working time for a clock
    /// counted in working hours, clock time otherwise.
    fn overrun_words(&self, l: Lang) -> Cell {
        match (self.overrun_counted_minutes, self.overrun_rule) {
            (Some(minutes), Some(rule)) => {
                let distance = crate::domain::deadline::Distance {
                    seconds: minutes * 60,
                    past: true,
                    rule,
                    working_day: self.working_day,
                };
                figure(crate::output::duration::overrun(distance, l), None)
            }
            _ => overrun_cell(self.overrun_minutes, l),
        }
    }

    /// The agency's name beside its code in a workbook: the portal's desk when no agency
    /// holds the case, empty for a code the reference data no longer names.
    fn agency_in_book(&self, l: Lang) -> String {
        match self.agency.as_deref() {
            None | Some("") => crate::output::portal_desk(l),
            Some(_) => self.agency_name.clone().unwrap_or_default(),
        }
    }

    /// The agency by its name, as the HTML document shows it (its code when it has none).
    fn agency_named(&self) -> String {
        match (&self.agency_name, &self.agency) {
            (Some(name), _) if !name.is_empty() => name.clone(),
            (_, Some(code)) => code.clone(),
            _ => String::new(),
        }
    }
}

/// Who a case is with: a late clock with no agency is one of the portal's own stages
/// (dispatch Đ7.2, publication Đ9.4), and a prolonged or unresolved case no agency
/// holds is the portal's too (it answered the report itself, or the report waits for
/// it to check or dispatch it again); named as `list --overdue` names it, since left
/// blank it read as an agency missing.
fn holder(agency: String, l: Lang) -> String {
    if agency.is_empty() {
        crate::output::portal_desk(l)
    } else {
        agency
    }
}

// The columns the late list and the prolonged and unresolved lists share, declared once so
// that the lists name a case and who holds it alike; the holder four ways: on the terminal
// (the portal's desk for none), in the workbook as a code and a name apart, on paper.
const CASE_ID: Column<CaseRow> = Column::<CaseRow>::new("Số", "Id", |c, _| signed(c.report_id));
const CASE_EXTERNAL_ID: Column<CaseRow> =
    Column::<CaseRow>::new("Mã ứng dụng", "External id", |c, _| {
        id(c.external_id.clone())
    })
    .keyed("external_id");
const HOLDER_ON_TERMINAL: Column<CaseRow> = Column::<CaseRow>::new("Cơ quan", "Agency", |c, l| {
    text(holder(c.agency.clone().unwrap_or_default(), l))
})
.terminal();
const HOLDER_CODE_IN_BOOK: Column<CaseRow> =
    Column::<CaseRow>::new("Mã cơ quan", "Agency code", |c, _| {
        text(c.agency.clone().unwrap_or_default())
    })
    .book()
    .keyed("agency");
const HOLDER_IN_BOOK: Column<CaseRow> =
    Column::<CaseRow>::new("Cơ quan", "Agency", |c, l| text(c.agency_in_book(l)))
        .book()
        .keyed("agency_name");
const HOLDER_ON_PAPER: Column<CaseRow> = Column::<CaseRow>::new("Cơ quan", "Agency", |c, l| {
    text(holder(c.agency_named(), l))
})
.paper();
// A case with no completion is still open, in every list: blank, it read as a date missing.
const CASE_DONE: Column<CaseRow> = Column::<CaseRow>::new("Hoàn thành", "Done", |c, l| {
    moment_cell(c.done_at.as_deref(), l.pick("(chưa xong)", "(open)"), l)
})
.keyed("done_at");

const LATE: &[Column<CaseRow>] = &[
    CASE_ID,
    CASE_EXTERNAL_ID,
    Column::<CaseRow>::new("Giai đoạn", "Stage", |c, l| {
        text(stage_label(c.stage, l))
    })
    .keyed("stage"),
    Column::<CaseRow>::new("Lượt", "Round", |c, _| maybe_signed(c.round))
        .screen()
        .keyed("round"),
    HOLDER_ON_TERMINAL,
    HOLDER_CODE_IN_BOOK,
    HOLDER_IN_BOOK,
    HOLDER_ON_PAPER,
    Column::<CaseRow>::new("Hạn", "Due", |c, l| {
        moment_cell(c.due_at.as_deref(), "", l)
    })
    .keyed("due_at"),
    CASE_DONE,
    // A leader reads "2 giờ 15 phút", not 135, and a deadline missed by an hour over a
    // weekend as "1 giờ làm việc", as `show` says it (docs/rules.md §5), not as the 62 hours
    // of clock that ran by. The workbook keeps both as minutes, numbers to sort and sum,
    // under headers that say which.
    Column::<CaseRow>::new("Quá hạn", "Overrun", |c, l| c.overrun_words(l)).read(),
    Column::<CaseRow>::new("Quá hạn", "Overrun", |c, l| {
        overrun_cell(c.overrun_minutes, l)
    })
    .booked("Quá hạn (phút)", "Overrun (min)")
    .book()
    .keyed("overrun_minutes"),
    Column::<CaseRow>::new("Quá hạn", "Overrun", |c, l| {
        overrun_cell(c.overrun_counted_minutes, l)
    })
    .booked(
        "Quá hạn (phút, theo cách tính hạn)",
        "Overrun (min, as the deadline counts)",
    )
    .book()
    .keyed("overrun_counted_minutes"),
];

/// The columns of the prolonged and of the unresolved cases.
const LINGERING: &[Column<CaseRow>] = &[
    CASE_ID,
    CASE_EXTERNAL_ID,
    HOLDER_ON_TERMINAL,
    HOLDER_CODE_IN_BOOK,
    HOLDER_IN_BOOK,
    HOLDER_ON_PAPER,
    Column::<CaseRow>::new("Ngày làm việc", "Working days", |c, l| {
        rounded_cell(c.working_days, l)
    })
    .printed("Số ngày làm việc", "Working days")
    .keyed("working_days"),
    CASE_DONE,
    Column::<CaseRow>::new("Lý do", "Why", |c, _| text(c.why_label.clone())).keyed("why_label"),
    Column::<CaseRow>::new("Sau khi hết kỳ", "Since the period's end", |c, _| {
        text(c.since_label.clone())
    })
    .book()
    .keyed("since_period_end"),
];

/// A numbered section of the report: one table (or, for `notes`, the portal's text), under
/// the same number and title on the screen, in the HTML document, as the workbook's sheet
/// and in the CSV for Excel's first column, so that a leader who says "mục 4.3" on the
/// phone and the officer holding the printed document mean the same table.
pub struct Section {
    /// The key JSON and CSV give it.
    pub key: &'static str,
    pub number: &'static str,
    /// Short enough for a sheet's tab with its number (Excel takes 31 characters).
    pub title: (&'static str, &'static str),
}

/// The report's sections in the document's order and numbering (Đ13.6; the document is what
/// goes to the People's Committee): the breakdowns are the parts of section 4 and the case
/// lists those of section 6 (`GROUPS`). The weeks, a chart of section 1 in the document, are
/// a table under the totals on screen and a sheet after them, unnumbered.
pub const SECTIONS: [Section; 13] = [
    Section {
        key: "totals",
        number: "1",
        title: ("Tổng hợp", "Totals"),
    },
    Section {
        key: "stages",
        number: "2",
        title: ("Thời hạn theo giai đoạn", "Deadlines by stage"),
    },
    Section {
        key: "agencies",
        number: "3",
        title: ("Các cơ quan xử lý", "Handling agencies"),
    },
    Section {
        key: "by_field",
        number: "4.1",
        title: ("Theo lĩnh vực", "By field"),
    },
    Section {
        key: "by_agency",
        number: "4.2",
        title: ("Theo cơ quan xử lý", "By handling agency"),
    },
    Section {
        key: "rejections",
        number: "4.3",
        title: ("Từ chối theo lý do", "Rejections by reason"),
    },
    Section {
        key: "by_commune",
        number: "4.4",
        title: ("Theo xã, phường", "By commune"),
    },
    Section {
        key: "satisfaction",
        number: "5",
        title: ("Mức độ hài lòng", "Satisfaction"),
    },
    Section {
        key: "late",
        number: "6.1",
        title: ("Trễ hạn", "Late cases"),
    },
    Section {
        key: "prolonged",
        number: "6.2",
        title: ("Kéo dài", "Prolonged cases"),
    },
    Section {
        key: "unresolved",
        number: "6.3",
        title: ("Chưa dứt điểm", "Unresolved cases"),
    },
    // The sheet's title is the start of the document's heading of section 7 (`GROUPS`),
    // whose whole is longer than a tab.
    Section {
        key: "notes",
        number: "7",
        title: ("Các vấn đề tồn đọng", "Outstanding issues"),
    },
    Section {
        key: "per_week",
        number: "",
        title: ("Theo tuần", "Per week"),
    },
];

/// The document's headings over more than a table, or longer than a tab: the screen prints
/// them over the parts it has, and the document as its sections' headings.
pub const GROUPS: [(&str, (&str, &str)); 3] = [
    (
        "4",
        (
            "Phân loại: lĩnh vực, cơ quan xử lý, lý do từ chối, địa bàn",
            "Breakdown: fields, handling agencies, rejection reasons, communes",
        ),
    ),
    (
        "6",
        (
            "Các trường hợp trễ hạn, kéo dài, chưa dứt điểm (khoản 6 Điều 13)",
            "Late, prolonged and unresolved cases (Art. 13.6)",
        ),
    ),
    (
        "7",
        (
            "Các vấn đề tồn đọng, vướng mắc và đề xuất hướng giải quyết (khoản 6 Điều 13)",
            "Outstanding issues, obstacles and proposed solutions (Art. 13.6)",
        ),
    ),
];

/// What the figures of the statistical section `key` count, as administrative reports
/// head a table ("Đơn vị tính: phản ánh"): reports for the totals, the weeks and the
/// breakdowns; rounds for the stages and the agencies (section 3 counts rounds,
/// `counted_in_rounds`), with their rates in %; ratings for the satisfaction; rounds for
/// `agency_returns`, the terminal's second table of section 3, which has no rate. None for a
/// list of cases or the portal's text, which count nothing.
pub fn unit(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "totals" | "per_week" | "by_field" | "by_agency" | "rejections" | "by_commune" => {
            ("phản ánh", "reports")
        }
        "stages" | "agencies" => ("lượt; tỷ lệ: %", "rounds; rates: %"),
        // The terminal's second table of section 3 (returns, send-backs, merges): no rate.
        "agency_returns" => ("lượt", "rounds"),
        "satisfaction" => (
            "lượt đánh giá; điểm trung bình: điểm (1–5); tỷ lệ: %",
            "ratings; average: points (1–5); share: %",
        ),
        _ => return None,
    })
}

/// The line over the table of section `key` that says what its figures count
/// (`unit`): "Đơn vị tính: phản ánh", "Unit: reports".
pub fn unit_line(key: &str, l: Lang) -> Option<String> {
    unit(key).map(|(vi, en)| l.pick(format!("Đơn vị tính: {vi}"), format!("Unit: {en}")))
}

/// The section `key` (one of `SECTIONS`).
fn section(key: &str) -> &'static Section {
    SECTIONS
        .iter()
        .find(|s| s.key == key)
        .unwrap_or_else(|| panic!("no section {key}"))
}

/// A section's heading, "4.3. Từ chối theo lý do"; an unnumbered one's title alone.
pub fn heading(key: &str, l: Lang) -> String {
    let s = section(key);
    let title = l.pick(s.title.0, s.title.1);
    if s.number.is_empty() {
        title.to_owned()
    } else {
        format!("{}. {title}", s.number)
    }
}

/// The heading of a group of `GROUPS` ("6. Các trường hợp …"), or of a section of one
/// table, by its number.
pub fn group_heading(number: &str, l: Lang) -> String {
    match GROUPS.iter().find(|(n, _)| *n == number) {
        Some((_, (vi, en))) => format!("{number}. {}", l.pick(vi, en)),
        None => {
            let s = SECTIONS
                .iter()
                .find(|s| s.number == number)
                .unwrap_or_else(|| panic!("no section {number}"));
            heading(s.key, l)
        }
    }
}

/// A line of the workbook's "About" sheet and of the CSV for Excel by the key JSON and CSV
/// give it (the period, the moment, the calendar versions), or a section's heading; in both
/// languages.
pub fn section_name(key: &str) -> Option<(String, String)> {
    if SECTIONS.iter().any(|s| s.key == key) {
        return Some((heading(key, Lang::Vi), heading(key, Lang::En)));
    }
    let (vi, en) = match key {
        "compare" => (
            "So với cùng kỳ năm trước",
            "Compared with the same period last year",
        ),
        "period" => ("Kỳ báo cáo", "Period"),
        "as_of" => ("Số liệu tính đến", "Figures as of"),
        "calendar_version" => (
            "Phiên bản lịch làm việc tại thời điểm tính",
            "Working calendar version at the moment",
        ),
        "calendar_versions" => (
            "Mọi phiên bản lịch đã dùng để tính hạn",
            "Every calendar version deadlines were judged under",
        ),
        _ => return None,
    };
    Some((vi.to_owned(), en.to_owned()))
}

/// The period's first and last day, as the workbook's "About" sheet and the CSV for Excel
/// name them.
pub const PERIOD_FROM: (&str, &str) = ("Phản ánh gửi từ ngày", "Reports sent from");
pub const PERIOD_TO: (&str, &str) = ("đến ngày", "to");

/// A built report with what is needed to print it.
pub struct Built {
    pub report: PeriodReport,
    pub cases: CaseLists,
    pub fields: BTreeMap<String, String>,
    pub agencies: BTreeMap<String, String>,
    /// The calendar in force at the "as of" moment (working days, open clocks).
    pub calendar_version: String,
    /// Working seconds in one working day of that calendar: what a working-time overrun is
    /// said in days of (`duration::overrun`).
    pub working_day: u32,
    /// Every calendar version in play: the moment's, and each a stopped clock was judged by.
    pub calendar_versions: Vec<String>,
    pub settings: Vec<(String, String)>,
    /// The changes of a `deadline.*` setting made in the period, named after `settings`.
    pub limit_changes: Vec<crate::domain::periodic::LimitChange>,
    /// What each of `settings` means, in the report's language.
    pub meanings: BTreeMap<String, String>,
    /// The administrative document's settings (`document.*`): issuer, signer, recipients.
    pub document: BTreeMap<String, String>,
    /// How its CSV is written when `--csv` does not say (the setting `csv.style`, as it
    /// stands now: it is about the reader, not the period).
    pub csv_style: crate::output::CsvStyle,
    /// The portal's own words for the document's section 7 (Đ13.6: the other outstanding
    /// issues and obstacles, and the solutions it proposes), one paragraph a line, already
    /// cleared of names and phones (`app::report::read_notes`); None when none was given,
    /// and the document leaves lines to fill in by hand.
    pub notes: Option<Vec<String>>,
    /// The period's report rows the figures counted that the log does not vouch for, named
    /// after the figures (`refusals::counted_unsealed`).
    pub unsealed: Unsealed,
    /// What became of each case open at the period's end, by the moment, by report id.
    pub since_end: BTreeMap<i64, SinceEnd>,
    /// `score.min_cases`: an agency's rate on fewer rounds is drawn apart in the document's
    /// chart, as the score leaves it unranked.
    pub min_cases: u64,
    /// The agencies in operation on only part of the period, by code: their first day when
    /// inside it, their last day when inside it (`domain::score::in_period`).
    pub in_operation: BTreeMap<String, (Option<NaiveDate>, Option<NaiveDate>)>,
    /// The province's current communes and wards: the commune-level agencies in operation
    /// during the period (`ByCommune::unlisted`).
    pub communes: crate::domain::routing::Communes,
    /// The same period one year earlier, with `--compare` (docs/rules.md §5).
    pub compare: Option<Earlier>,
}

/// The same period one year earlier (`report … --compare`), counted by the same code as the
/// report's own period and as of the same moment. Its totals only: the agencies and
/// communes were merged and renamed on 1 July 2025, and a row of one year is no row of
/// the other.
pub struct Earlier {
    /// None when it lies before the years a period may lie in.
    pub period: Option<crate::domain::periodic::Period>,
    pub report: Option<PeriodReport>,
}

impl Earlier {
    /// Its figures, when it received any report: a period before the log began has none,
    /// and its zeros are no figures to compare with.
    pub fn counted(&self) -> Option<&PeriodReport> {
        self.report.as_ref().filter(|r| r.totals.received > 0)
    }
}

/// The report rows a report or score counted as they stand, not as the log last sealed
/// them (inserted, edited, or moved into the period with `sqlite3`), by report number, and
/// among them those whose last sealing event does not hold in the chain (report, event).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unsealed {
    pub rows: Vec<i64>,
    pub unheld: Vec<(i64, i64)>,
    /// Those of `rows` that only the same period a year earlier counted (`--compare`): the
    /// period's own figures do not rest on them, its comparison does.
    pub only_compared: Vec<i64>,
}

/// The three case lists, in the order they are found and printed.
pub struct CaseLists {
    pub late: Spool<Case>,
    pub prolonged: Spool<Case>,
    pub unresolved: Spool<Case>,
}

impl CaseLists {
    pub fn new(keep: Keep) -> CaseLists {
        CaseLists {
            late: Spool::new(keep),
            prolonged: Spool::new(keep),
            unresolved: Spool::new(keep),
        }
    }
}

impl Built {
    /// An agency's name, empty for a code the reference data no longer has.
    pub fn agency_name(&self, code: &str) -> String {
        self.agencies.get(code).cloned().unwrap_or_default()
    }

    /// A field's name; reports with no field are counted under `NONE`, duplicates without
    /// one under `DUPLICATE`.
    pub fn field_name(&self, code: &str, lang: Lang) -> String {
        if code == NONE {
            return lang.pick(UNCLASSIFIED.0, UNCLASSIFIED.1).to_owned();
        }
        if code == DUPLICATE {
            return lang.pick(DUPLICATES.0, DUPLICATES.1).to_owned();
        }
        self.fields.get(code).cloned().unwrap_or_default()
    }

    /// The three case lists, by the names JSON and CSV give them.
    pub fn case_lists(&self) -> [(&'static str, &Spool<Case>); 3] {
        let c = &self.cases;
        [
            ("late", &c.late),
            ("prolonged", &c.prolonged),
            ("unresolved", &c.unresolved),
        ]
    }
}

fn workbook_cell(cell: Cell) -> xlsx::Cell {
    match cell.number {
        Some((kind, value)) => xlsx::Cell::Number(kind, Some(value)),
        None => xlsx::Cell::Text(cell.text),
    }
}

/// One section as a sheet, named and headed by its unit as the document heads it: the
/// terminal's columns (codes and names apart, every figure).
fn sheet<R>(
    book: &mut xlsx::Book,
    key: &str,
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = R>,
    l: Lang,
) -> Result<()> {
    noted_sheet(book, key, columns, rows, None, l)
}

/// A section as a sheet with the note the table and the document print under it, after an
/// empty row, so that a reader who totals the sheet reads it too.
fn noted_sheet<R>(
    book: &mut xlsx::Book,
    key: &str,
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = R>,
    note: Option<String>,
    l: Lang,
) -> Result<()> {
    let name = heading(key, l);
    let unit = unit_line(key, l);
    table_sheet(book, &name, unit.as_deref(), columns, rows, note, l)
}

/// A table as a sheet named `name`, its unit line (if any) above it and its note under it.
fn table_sheet<R>(
    book: &mut xlsx::Book,
    name: &str,
    unit: Option<&str>,
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = R>,
    note: Option<String>,
    l: Lang,
) -> Result<()> {
    let shown = in_book(columns, l);
    let heads: Vec<&str> = shown.iter().map(|(head, _)| *head).collect();
    let blank = || xlsx::Cell::Text(String::new());
    let note = note.into_iter().flat_map(|note| {
        [
            (0..heads.len()).map(|_| blank()).collect::<Vec<_>>(),
            std::iter::once(xlsx::Cell::Text(note))
                .chain((1..heads.len()).map(|_| blank()))
                .collect(),
        ]
    });
    book.table(
        name,
        unit,
        &heads,
        rows.into_iter()
            .map(|row| {
                shown
                    .iter()
                    .map(|(_, column)| workbook_cell((column.cell)(&row, l)))
                    .collect()
            })
            .chain(note),
    )
}

/// A setting's value in a sentence of `lang`: a decimal number with the reader's mark
/// (`0,5` days in Vietnamese); anything else as stored.
pub fn setting_in(value: &str, l: Lang) -> String {
    let decimal = value.split_once('.').is_some_and(|(whole, part)| {
        !whole.is_empty()
            && !part.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
            && part.chars().all(|c| c.is_ascii_digit())
    });
    if decimal {
        value.replace('.', l.pick(",", "."))
    } else {
        value.to_owned()
    }
}

/// The tags `output::settings::MEANINGS` marks a \[choice\] reading with.
const CHOICE_TAGS: [&str; 2] = ["[lựa chọn]", "[choice]"];

/// A setting as the reader of a report reads it: what it means, and its value in words, from
/// its meaning as `settings show` gives it (`output::settings::MEANINGS`, in the report's
/// language) with what is for the operator taken out: the article's shorthand ("Đ7.2",
/// "Art. 7.2") and the "[lựa chọn]" tag before the first colon, and a choice's list of codes
/// ("next_window = tính từ giờ làm việc kế tiếp; day_off = tính như ngày nghỉ"), of which
/// the value's own words stand for the value. A leader signs what he reads: a key or an
/// English code under the signature is neither.
pub fn setting_for_reader(meaning: &str, value: &str, l: Lang) -> (String, String) {
    let mut text = meaning.trim();
    if let Some(tag) = CHOICE_TAGS.iter().find(|tag| text.starts_with(**tag)) {
        text = text[tag.len()..].trim_start();
    } else if let Some((before, after)) = text.split_once(": ") {
        let cites = CHOICE_TAGS.iter().any(|tag| before.contains(tag))
            || ["Đ", "Art. ", "Article "].iter().any(|start| {
                before
                    .strip_prefix(start)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            });
        if cites {
            text = after.trim_start();
        }
    }
    // A choice's codes, each before " = " and after the start, ": ", "; " or ", ".
    let codes: Vec<(usize, &str, usize)> = text
        .match_indices(" = ")
        .filter_map(|(at, _)| {
            let start = text[..at]
                .rfind(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
                .map_or(0, |i| i + 1);
            let code = &text[start..at];
            let after_a_mark = start == 0 || text[..start].ends_with(' ');
            (!code.is_empty() && after_a_mark).then_some((start, code, at + " = ".len()))
        })
        .collect();
    let (said, words) = match codes.first() {
        Some((first, _, _)) => {
            let said = text[..*first].trim_end().trim_end_matches(':').trim_end();
            let words = codes.iter().enumerate().find_map(|(i, (_, code, from))| {
                let to = codes.get(i + 1).map_or(text.len(), |next| next.0);
                (*code == value)
                    .then(|| text[*from..to].trim_end().trim_end_matches([';', ',', '.']))
            });
            (said, words.map(str::to_owned))
        }
        None => (text, None),
    };
    let mut letters = said.chars();
    let said = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    (said, words.unwrap_or_else(|| setting_in(value, l)))
}

/// The settings that shaped a report, each as its reader reads it (`setting_for_reader`):
/// what it means, and its value in words, the working hours as a sentence says them
/// (`hours_in_words`). The CSV for Excel keeps them as typed, as it keeps a setting's text.
pub fn settings_in_words(b: &Built, l: Lang) -> Vec<(String, String)> {
    b.settings
        .iter()
        .map(|(key, value)| {
            let meaning = b.meanings.get(key).map_or(key.as_str(), String::as_str);
            let (said, words) = setting_for_reader(meaning, value, l);
            match crate::domain::calendar::WorkingHours::parse(value) {
                Some(hours) => (said, crate::output::calendar::hours_in_words(&hours, l)),
                None => (said, words),
            }
        })
        .chain(
            b.limit_changes
                .iter()
                .map(|change| limit_change_in_words(change, l)),
        )
        .collect()
}

/// A change of a limit made in the period, as the list of settings applied names it: the
/// value at the period's end alone stated a rule some figures were not judged by.
pub fn limit_change_in_words(
    change: &crate::domain::periodic::LimitChange,
    l: Lang,
) -> (String, String) {
    (
        l.pick("Đã đổi trong kỳ", "Changed during the period")
            .to_owned(),
        limit_change_said(change, l),
    )
}

/// A change of a limit in a few words: the setting, from, to, when, and its event.
pub fn limit_change_said(change: &crate::domain::periodic::LimitChange, l: Lang) -> String {
    let from = change.from.as_deref().unwrap_or("");
    let when = crate::output::layout::when_exact(&change.at, l);
    match l {
        Lang::Vi => format!(
            "{} từ {from} thành {} lúc {when} (sự kiện {})",
            change.key, change.to, change.event
        ),
        Lang::En => format!(
            "{} from {from} to {} at {when} (event {})",
            change.key, change.to, change.event
        ),
    }
}

/// The report's title run on into its period, as a Vietnamese document's title reads (Decree
/// 30/2020/NĐ-CP): "Báo cáo kết quả … hiện trường tháng 9 năm 2026", the period's first
/// letter lowered; a dash joined a title to a sentence-case period. English keeps its dash.
pub fn titled(title: (&str, &str), period: &str, l: Lang) -> String {
    match l {
        Lang::Vi => format!("{} {}", title.0, period_in_line(period, l)),
        Lang::En => format!("{} — {period}", title.1),
    }
}

/// A period's name inside a Vietnamese sentence: "tháng 10 năm 2026", "quý IV năm 2026".
pub fn period_in_line(period: &str, l: Lang) -> String {
    let mut letters = period.chars();
    match (l, letters.next()) {
        (Lang::Vi, Some(first)) => first.to_lowercase().chain(letters).collect(),
        _ => period.to_owned(),
    }
}

/// What heads each printed page of the workbook: the report, its period (said not ended
/// while it runs) and the moment of its figures.
fn printed_heading(b: &Built, l: Lang) -> String {
    let r = &b.report;
    format!(
        "{}{}; {} {}",
        titled(
            (
                "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường",
                "Report on the receipt and handling of on-the-spot reports"
            ),
            &r.period.text(l),
            l
        ),
        if r.running {
            l.pick(" (chưa kết thúc)", " (not ended)")
        } else {
            ""
        },
        l.pick("số liệu tính đến", "figures as of"),
        as_of_in(&r.as_of, l)
    )
}

/// The report as an Excel workbook (`--out F.xlsx`): one sheet per section, with every case
/// of the lists, and a last sheet saying what the figures are: period, moment, calendar
/// versions and the settings in words.
pub fn write_xlsx(b: &Built, l: Lang) -> Result<Vec<u8>> {
    let r = &b.report;
    let mut book = xlsx::Book::new(&r.as_of, &printed_heading(b, l), l)?;
    let name = |vi, en| l.pick(vi, en);
    // Every sheet of a section is named as the screen and the document head it, in the
    // document's order, and states its unit above its table as they do (`unit_line`).
    sheet(&mut book, "totals", TOTALS, totals(&r.totals), l)?;
    // After the totals, as the table and the document give it (`--compare`); its heading
    // names the period compared with, too long for a tab.
    if let Some(earlier) = &b.compare {
        let rows = earlier
            .counted()
            .map(|before| compare::rows(r, before, l))
            .unwrap_or_default();
        // Each of its rows names its own unit, as its figures mix reports, rounds and rates.
        table_sheet(
            &mut book,
            &section_name("compare").map_or_else(String::new, |(vi, en)| l.pick(vi, en)),
            None,
            compare::COMPARED,
            rows,
            Some(format!(
                "{}. {}",
                compare::heading(earlier, l),
                compare::note(earlier, l)
            )),
            l,
        )?;
    }
    sheet(&mut book, "per_week", WEEKS, counted_weeks(r), l)?;
    noted_sheet(
        &mut book,
        "stages",
        STAGES,
        r.stages.iter().cloned(),
        Some(format!(
            "{} {}",
            processing_ends_with_a_return(l),
            return_row_counts_windows(l)
        )),
        l,
    )?;
    noted_sheet(
        &mut book,
        "agencies",
        AGENCIES,
        agencies(b),
        Some(counted_in_rounds(l).to_owned()),
        l,
    )?;
    sheet(&mut book, "by_field", BY_FIELD, by_field(b, l), l)?;
    sheet(&mut book, "by_agency", BY_AGENCY, by_agency(b, l), l)?;
    noted_sheet(
        &mut book,
        "rejections",
        REJECTIONS,
        rejections(b, l),
        overlapping_reasons(b, l),
        l,
    )?;
    sheet(&mut book, "by_commune", BY_COMMUNE, by_commune(b), l)?;
    sheet(
        &mut book,
        "satisfaction",
        SATISFACTION,
        [r.satisfaction.clone()],
        l,
    )?;
    let columns: [&[Column<CaseRow>]; 3] = [LATE, LINGERING, LINGERING];
    for ((list, cases), columns) in b.case_lists().into_iter().zip(columns) {
        let mut rows = Vec::new();
        cases.try_for_each(|case| {
            rows.push(CaseRow::new(b, case, l));
            anyhow::Ok(())
        })??;
        sheet(&mut book, list, columns, rows, l)?;
    }
    // The portal's own words (Đ13.6), as the document's section 7 prints them, a paragraph
    // a row, already cleared of names and phones.
    if let Some(paragraphs) = &b.notes {
        book.table(
            &heading("notes", l),
            None,
            &[&group_heading("7", l)],
            paragraphs
                .iter()
                .map(|paragraph| vec![xlsx::Cell::Text(paragraph.clone())]),
        )?;
    }
    let about_line =
        |key: &str| section_name(key).map_or_else(String::new, |(vi, en)| l.pick(vi, en));
    let mut about = vec![
        (
            about_line("period"),
            xlsx::Cell::Text(match still_running(r, l) {
                Some(running) => format!("{} — {running}", r.period.text(l)),
                None => r.period.text(l).into_owned(),
            }),
        ),
        (
            name(PERIOD_FROM.0, PERIOD_FROM.1).to_owned(),
            xlsx::Cell::day(r.period.from),
        ),
        (
            name(PERIOD_TO.0, PERIOD_TO.1).to_owned(),
            xlsx::Cell::day(r.period.to),
        ),
        (about_line("as_of"), xlsx::Cell::instant(&r.as_of, l)),
        (
            about_line("calendar_version"),
            xlsx::Cell::Text(b.calendar_version.clone()),
        ),
        (
            about_line("calendar_versions"),
            xlsx::Cell::Text(b.calendar_versions.join(", ")),
        ),
    ]
    .into_iter()
    .map(|(item, value)| vec![xlsx::Cell::Text(item), value])
    .collect::<Vec<_>>();
    for (meaning, value) in settings_in_words(b, l) {
        about.push(vec![xlsx::Cell::Text(meaning), xlsx::Cell::Text(value)]);
    }
    book.table(
        name("Thông tin", "About"),
        None,
        &[name("Mục", "Item"), name("Giá trị", "Value")],
        about,
    )?;
    book.finish()
}

#[cfg(test)]
mod tests {
    use super::{setting_for_reader, why_label};
    use crate::domain::periodic::WHY;
    use crate::i18n::Lang;

    /// Every setting a report applies (those `app::report` reads: deadlines, calendar, case
    /// lists) reads as a meaning without the operator's tags and, for a choice, each of its
    /// values as its words: a value with none printed its code, which is no word a leader
    /// reads.
    #[test]
    fn every_setting_reads_without_tags_and_every_choice_in_words() {
        use crate::app::settings::{KNOWN, Kind};
        let on_reports = |key: &str| {
            ["deadline.", "calendar.", "report."]
                .iter()
                .any(|start| key.starts_with(start))
        };
        for known in KNOWN.iter().filter(|known| on_reports(known.key)) {
            for l in [Lang::Vi, Lang::En] {
                let meaning = crate::output::settings::meaning(known.key);
                let meaning = l.pick(meaning.0, meaning.1);
                let values: Vec<&str> = match known.kind {
                    Kind::Choice(values) => values.to_vec(),
                    _ => vec![known.default],
                };
                for value in values {
                    let (said, words) = setting_for_reader(meaning, value, l);
                    for tag in [
                        "[lựa chọn]",
                        "[choice]",
                        " = ",
                        "Đ1",
                        "Đ6",
                        "Đ7",
                        "Đ8",
                        "Đ9",
                    ] {
                        assert!(!said.contains(tag), "{}: {said}", known.key);
                    }
                    assert!(said.starts_with(char::is_uppercase), "{said}");
                    if matches!(known.kind, Kind::Choice(_)) {
                        assert_ne!(words, value, "{} = {value}", known.key);
                        assert!(!words.is_empty() && !words.contains(" = "), "{words}");
                    }
                }
            }
        }
        let off_hours = crate::output::settings::meaning("deadline.off_hours").0;
        assert_eq!(
            setting_for_reader(off_hours, "day_off", Lang::Vi),
            (
                "Ngoài giờ làm việc của ngày làm việc".to_owned(),
                "tính như ngày nghỉ".to_owned()
            )
        );
        let days = crate::output::settings::meaning("report.prolonged_working_days").0;
        assert_eq!(
            setting_for_reader(days, "0.5", Lang::Vi).1,
            "0,5",
            "a decimal with the reader's mark"
        );
    }

    /// Every section's heading fits a sheet's tab whole (Excel takes 31 characters: a longer
    /// one was cut, and the tab no longer read as the screen's title), and a section that
    /// shares its number with a heading of `GROUPS` is that heading's start, as the document
    /// prints it.
    #[test]
    fn every_section_heading_fits_a_tab_and_starts_its_groups_heading() {
        use super::{GROUPS, SECTIONS, group_heading, heading};
        for section in SECTIONS {
            for l in [Lang::Vi, Lang::En] {
                let head = heading(section.key, l);
                assert!(head.chars().count() <= 31, "{head}");
                if GROUPS.iter().any(|(n, _)| *n == section.number) {
                    assert!(
                        group_heading(section.number, l).starts_with(&head),
                        "{head}"
                    );
                }
            }
        }
        assert_eq!(heading("rejections", Lang::Vi), "4.3. Từ chối theo lý do");
    }

    /// Every reason a case is listed for has its words in both languages: a code without
    /// them printed an empty "Lý do" cell.
    #[test]
    fn every_reason_a_case_is_listed_for_is_said_in_both_languages() {
        for code in WHY {
            assert!(!why_label(code, Lang::Vi).is_empty(), "{code}");
            assert!(!why_label(code, Lang::En).is_empty(), "{code}");
        }
        assert_eq!(
            why_label("returned", Lang::Vi),
            "bị chuyển trả từ 1 lần trở lên"
        );
    }
}
