//! What the calendar shows and says: that a deadline rests on days off the tool
//! derived from the Labour Code's rules rather than on a schedule the government announced,
//! and, after an admin's change, which days of the same holiday the rules still keep off
//! (docs/rules.md §3, "Days off"); what `calendar` says of a year shown, of a change made
//! and of a schedule file refused; the days of `calendar show` and the reasoning of
//! `calendar deadline`. Built from dates and days; nothing here reads the database.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::json;

use super::{Format, Listing};
use crate::domain::calendar::{Calendar, Day, Doubt, ScheduleError, WorkingHours};
use crate::domain::deadline::{DayStep, Due, Rule, Stage, weekday_en, weekday_vi};
use crate::domain::time::{self, Timestamp};
use crate::i18n::{Bilingual, Lang, Localized};

/// The line under `calendar show`: the year's days off, what they rest on (the schedule
/// the government `announced`, or the Labour Code's rules), the working hours and the
/// calendar's version.
pub fn year_shown(
    year: i32,
    off: usize,
    announced: bool,
    hours: &WorkingHours,
    version: &str,
) -> Localized {
    let (basis_vi, basis_en) = if announced {
        (
            "lịch nghỉ Chính phủ công bố cho công chức",
            "the schedule the government announced for public servants",
        )
    } else {
        (
            "quy tắc của Điều 111–112 Bộ luật Lao động 2019, âm lịch Việt Nam",
            "the rules of Articles 111–112, Labour Code 2019, on the Vietnamese lunar calendar",
        )
    };
    Localized::new(
        format!(
            "Năm {year}: {off} ngày nghỉ; căn cứ: {basis_vi}; giờ làm việc {}; phiên bản lịch {version}.",
            hours_in_words(hours, Lang::Vi),
            off = crate::i18n::grouped(off, crate::i18n::Lang::Vi)
        ),
        format!(
            "{year}: {}; basis: {basis_en}; working hours {hours}; calendar version {version}",
            crate::i18n::count_en(off, "day off", "days off")
        ),
    )
}

/// Working-hour windows as a Vietnamese sentence says them, "07:00–11:00 và 13:00–17:00" (an
/// en dash in each window, "và" before the last), not as the setting is typed
/// ("07:00-11:00,13:00-17:00"), which read as a raw value in a report signed and sent on.
/// English keeps the setting's form.
pub fn hours_in_words(hours: &WorkingHours, l: Lang) -> String {
    if l == Lang::En {
        return hours.to_string();
    }
    let hm = |s: u32| format!("{:02}:{:02}", s / 3600, s % 3600 / 60);
    let windows: Vec<String> = hours
        .windows()
        .iter()
        .map(|&(from, to)| format!("{}–{}", hm(from), hm(to)))
        .collect();
    match windows.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, before)) => format!("{} và {last}", before.join(", ")),
        None => String::new(),
    }
}

/// An admin's change made: the calendar's new `version`, how many running deadlines it
/// `moved`, and how many it recomputed to the same time. One count for both read as if
/// every deadline had moved when none had (yearturn3).
pub fn updated(version: &str, moved: usize, unchanged: u64) -> Localized {
    let vi = |n: u64| crate::i18n::grouped(n, Lang::Vi);
    Localized::new(
        format!(
            "Đã cập nhật lịch (phiên bản {version}); {} thời hạn đang chạy đổi hạn, {} thời hạn tính lại không đổi.",
            vi(moved as u64),
            vi(unchanged)
        ),
        format!(
            "calendar updated (version {version}); {} moved, {} recomputed unchanged",
            crate::i18n::count_en(moved as u64, "running deadline", "running deadlines"),
            crate::i18n::grouped(unchanged, Lang::En)
        ),
    )
}

/// How many rows of a change's list a table shows; CSV and JSON carry them all.
const CHANGE_ROWS: usize = 20;

/// One deadline a calendar change moved, as the change lists it.
#[derive(Debug, Serialize)]
struct ChangeRow {
    /// `moved`: a running deadline recomputed.
    change: &'static str,
    report_id: i64,
    stage: Stage,
    round: i64,
    due_before: String,
    due_after: String,
    /// For a stopped clock: late by the deadline before, and by the one after.
    late_before: Option<bool>,
    late_after: Option<bool>,
}

impl Listing for ChangeRow {
    const KEYS: &'static [&'static str] = &[
        "change",
        "report_id",
        "stage",
        "round",
        "due_before",
        "due_after",
        "late_before",
        "late_after",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Thay đổi",
                "Phản ánh",
                "Giai đoạn",
                "Lượt",
                "Hạn cũ",
                "Hạn mới",
            ],
            vec!["Change", "Report", "Stage", "Round", "Was due", "Now due"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            change_word(self.change, lang).to_owned(),
            self.report_id.to_string(),
            self.stage.text(lang).into_owned(),
            self.round.to_string(),
            super::layout::when(&self.due_before, lang),
            super::layout::when(&self.due_after, lang),
            self.late_before
                .map_or(String::new(), |l| verdict(l, lang).to_owned()),
            self.late_after
                .map_or(String::new(), |l| verdict(l, lang).to_owned()),
        ]
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        (key == "change").then(|| change_word(self.change, lang).to_owned())
    }
}

fn change_word(change: &str, lang: Lang) -> &'static str {
    match change {
        "moved" => lang.pick("đổi hạn", "moved"),
        "contradicted" => lang.pick("đã dừng, giữ kết quả", "stopped, kept"),
        "rejudged" => lang.pick("đã dừng, chấm lại", "stopped, re-judged"),
        _ => lang.pick("khác", "other"),
    }
}

fn verdict(late: bool, lang: Lang) -> &'static str {
    match late {
        true => lang.pick("trễ hạn", "late"),
        false => lang.pick("đúng hạn", "on time"),
    }
}

/// One stopped clock as a line of a notice: report, stage and round, deadline and verdict
/// then and now.
fn stopped_line(c: &crate::domain::clocks::Contradicted, lang: Lang) -> String {
    let when = |t: &str| crate::domain::time::written(t, lang, false, ' ');
    format!(
        "{} {} ({} {}): {} → {}, {} → {}",
        c.report_id,
        c.stage.text(lang),
        lang.pick("lượt", "round"),
        c.round,
        when(&c.due_then.text()),
        when(&c.due_now.text()),
        verdict(c.late_then, lang),
        verdict(c.late_now, lang)
    )
}

/// How many stopped clocks a notice names one by one; the rest it counts.
const STOPPED_LINES: usize = 10;

fn stopped_list(stopped: &[crate::domain::clocks::Contradicted], lang: Lang) -> String {
    let mut lines: Vec<String> = stopped
        .iter()
        .take(STOPPED_LINES)
        .map(|c| format!("  {}", stopped_line(c, lang)))
        .collect();
    if stopped.len() > STOPPED_LINES {
        let more = crate::i18n::grouped(stopped.len() - STOPPED_LINES, lang);
        lines.push(lang.pick(
            format!("  … và {more} thời hạn nữa (xem đủ bằng --format csv hoặc json)"),
            format!("  … and {more} more (--format csv or json lists them all)"),
        ));
    }
    lines.join("\n")
}

/// After a calendar change: the stopped deadlines judged across a day it changed that the
/// new calendar gives otherwise. Kept (docs/rules.md §3), they are named with the exact
/// command that re-judges them (the changed `days` inside their windows); re-judged, they
/// are named as such.
pub fn stopped_contradicted(
    stopped: &[crate::domain::clocks::Contradicted],
    days: &[NaiveDate],
    rejudged: bool,
) -> Option<Localized> {
    if stopped.is_empty() {
        return None;
    }
    if rejudged {
        return Some(rejudged_notice(stopped));
    }
    let days: Vec<String> = days.iter().map(NaiveDate::to_string).collect();
    let command = format!("phananh --as admin calendar rejudge {}", days.join(" "));
    let n = stopped.len();
    Some(Localized::new(
        format!(
            "Chú ý: {} thời hạn đã dừng được chấm theo lịch mà thay đổi này làm khác đi (ngày đổi nằm trong thời hạn); chúng giữ kết quả đã chấm:\n{}\nNếu lịch cũ là nhầm, hoặc ngày nghỉ được công bố muộn, chấm lại các thời hạn này theo lịch mới bằng `{command}`",
            crate::i18n::grouped(n, Lang::Vi),
            stopped_list(stopped, Lang::Vi)
        ),
        format!(
            "note: {} judged across a day this change altered {} otherwise under the new calendar; {} the verdict {} judged by:\n{}\nIf the old calendar was a mistake, or the days off were announced late, re-judge them under the new calendar with `{command}`",
            crate::i18n::count_en(n as u64, "stopped deadline", "stopped deadlines"),
            if n == 1 { "falls" } else { "fall" },
            if n == 1 { "it keeps" } else { "they keep" },
            if n == 1 { "it was" } else { "they were" },
            stopped_list(stopped, Lang::En)
        ),
    ))
}

fn rejudged_notice(stopped: &[crate::domain::clocks::Contradicted]) -> Localized {
    let n = stopped.len();
    Localized::new(
        format!(
            "Đã chấm lại {} thời hạn đã dừng theo lịch mới (ghi trong nhật ký cùng thay đổi):\n{}",
            crate::i18n::grouped(n, Lang::Vi),
            stopped_list(stopped, Lang::Vi)
        ),
        format!(
            "re-judged {} under the new calendar (on record with the change):\n{}",
            crate::i18n::count_en(n as u64, "stopped deadline", "stopped deadlines"),
            stopped_list(stopped, Lang::En)
        ),
    )
}

/// `calendar rejudge`: what it re-judged, or that nothing needed it.
pub fn rejudged(stopped: &[crate::domain::clocks::Contradicted]) -> Localized {
    if stopped.is_empty() {
        return Localized::new(
            "Không có thời hạn đã dừng nào cần chấm lại: mọi thời hạn tính qua các ngày này đã khớp với lịch hiện hành.",
            "no stopped deadline to re-judge: every deadline counted across these days agrees with the calendar in force",
        );
    }
    rejudged_notice(stopped)
}

/// The deadlines a calendar change moved, under the line that counts them: a table of the
/// first [`CHANGE_ROWS`] (then how many more), or every one in CSV or JSON. A table with
/// no row prints nothing; the count said it.
pub fn print_change(
    out: &mut dyn Write,
    moved: &[crate::domain::clocks::Moved],
    (stopped, rejudged): (&[crate::domain::clocks::Contradicted], bool),
    format: Format,
    lang: Lang,
) -> Result<()> {
    // Made a row at a time as it is written: a change may move every open deadline of a
    // province.
    let moved_rows = moved.iter().map(|m| ChangeRow {
        change: "moved",
        report_id: m.report_id,
        stage: m.stage,
        round: m.round,
        due_before: m.from.text().into_owned(),
        due_after: m.to.text().into_owned(),
        late_before: None,
        late_after: None,
    });
    let stopped_rows = stopped.iter().map(|c| ChangeRow {
        change: if rejudged { "rejudged" } else { "contradicted" },
        report_id: c.report_id,
        stage: c.stage,
        round: c.round,
        due_before: c.due_then.text().into_owned(),
        due_after: c.due_now.text().into_owned(),
        late_before: Some(c.late_then),
        late_after: Some(c.late_now),
    });
    if moved.is_empty() && stopped.is_empty() && format == Format::Table {
        return Ok(());
    }
    let mut listing = super::ListingWriter::new(out, format, lang, CHANGE_ROWS)?;
    for row in moved_rows.chain(stopped_rows) {
        listing.row(&row)?;
    }
    listing.finish()?;
    Ok(())
}

/// The refusal of a schedule `file` with `bad` lines (each named above it): nothing stored.
pub fn schedule_refused(bad: usize, file: &Path) -> Localized {
    let file = file.display();
    Localized::new(
        format!(
            "{bad} dòng lỗi trong {file}; không lưu gì. Sửa các dòng trên rồi nhập lại.",
            bad = crate::i18n::grouped(bad, crate::i18n::Lang::Vi)
        ),
        format!(
            "{bad} bad lines in {file}; nothing was stored. Fix the lines above and import again",
            bad = crate::i18n::grouped(bad, crate::i18n::Lang::En)
        ),
    )
}

/// A calendar line refused for what looks wrong in it (`domain::calendar::doubts`): each
/// doubt with what to check, then that nothing changed and `--yes` stores it as typed.
pub fn doubted(doubts: &[Doubt]) -> Localized {
    let said = |lang: Lang| {
        let mut parts: Vec<String> = doubts.iter().map(|d| doubt(d, lang)).collect();
        parts.push(
            lang.pick(
                "Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.",
                "nothing changed: if that is meant, run the command again with --yes",
            )
            .to_owned(),
        );
        parts.join(lang.pick(" ", "; "))
    };
    Localized::new(said(Lang::Vi), said(Lang::En))
}

/// One doubt in `lang`: a sentence in Vietnamese, a clause in English.
fn doubt(doubt: &Doubt, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match doubt {
        Doubt::AlreadyWorking { date } => {
            let (d, w) = (day(*date, lang), weekday(*date, lang));
            if vi {
                format!(
                    "Ngày {d} ({w}) vốn là ngày làm việc: nhập là ngày làm việc thì không đổi gì; kiểm tra lại ngày trong văn bản (ngày làm bù thường là thứ Bảy)."
                )
            } else {
                format!(
                    "{d} ({w}) is a working day already: entering it as one changes nothing; check the date against the announcement (a make-up day is usually a Saturday)"
                )
            }
        }
        Doubt::AlreadyOff { date, why } => {
            let (d, w) = (day(*date, lang), weekday(*date, lang));
            let reason = Day {
                off: true,
                why: why.clone(),
            }
            .reason(vi);
            if vi {
                format!(
                    "Ngày {d} ({w}) đã là ngày nghỉ — {reason}. Nhập là ngày nghỉ thì không đổi gì; kiểm tra lại ngày trong văn bản (có phải ngày liền trước hay liền sau?)."
                )
            } else {
                format!(
                    "{d} ({w}) is a day off already — {reason}; entering it as one changes nothing; check the date against the announcement (the day before or after?)"
                )
            }
        }
        Doubt::FarFromTet { date, tet, days } => {
            let (d, t) = (day(*date, lang), day(*tet, lang));
            let n = days.unsigned_abs();
            let window = crate::domain::calendar::TET_WINDOW_DAYS;
            if vi {
                let side = if *days < 0 { "trước" } else { "sau" };
                format!(
                    "Ngày {d} mang tên Tết Nguyên đán nhưng ở {n} ngày {side} mùng 1 Tết ({t}), trong khi lịch nghỉ Tết chỉ trong vòng {window} ngày quanh mùng 1: kiểm tra lại ngày, tháng, năm trong văn bản."
                )
            } else {
                let side = if *days < 0 { "before" } else { "after" };
                format!(
                    "{d} is named for Tết but lies {n} days {side} lunar New Year ({t}), while Tết breaks fall within {window} days of it: check the day, month and year against the announcement"
                )
            }
        }
        Doubt::SwapsNothing { date, cited } => {
            let (d, c) = (day(*date, lang), day(*cited, lang));
            if vi {
                format!(
                    "Ngày làm bù {d} ghi cho ngày {c}, nhưng {c} vẫn là ngày làm việc: nhập ngày nghỉ {c} trước (`calendar add-holiday`), hoặc kiểm tra lại ngày trong tên."
                )
            } else {
                format!(
                    "the make-up day {d} cites {c}, which is still a working day: enter {c} as a day off first (`calendar add-holiday`), or check the date in the name"
                )
            }
        }
    }
}

/// A day as the readers of `lang` write it: `05/02/2027` in Vietnamese, `2027-02-05` in
/// English, where `01/09/2026` reads as January 9 to many.
fn day(date: NaiveDate, lang: Lang) -> String {
    date.format(lang.pick("%d/%m/%Y", "%Y-%m-%d")).to_string()
}

/// Dates as runs of consecutive days: `05/02/2027–11/02/2027, 16/04/2027` (in English
/// `2027-02-05–2027-02-11, 2027-04-16`).
pub fn date_runs(dates: &[NaiveDate], lang: Lang) -> String {
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &date in dates {
        match runs.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(date) => *last = date,
            Some((_, last)) if *last == date => {}
            _ => runs.push((date, date)),
        }
    }
    let day = |d: NaiveDate| day(d, lang);
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                day(a)
            } else {
                format!("{}–{}", day(a), day(b))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The note under a deadline counted across days off only the rules give: the days, and
/// that the deadline moves once the announced schedule is entered. `whose` names the
/// deadlines (`hạn này`, or the stages of a report's clocks).
pub fn rests_on_rules(whose: (&str, &str), plural: bool, dates: &[NaiveDate]) -> Option<Localized> {
    if dates.is_empty() {
        return None;
    }
    let (runs, runs_en) = (date_runs(dates, Lang::Vi), date_runs(dates, Lang::En));
    let (whose_vi, whose_en) = whose;
    let rests = if plural { "rest" } else { "rests" };
    Some(Localized::new(
        format!(
            "Lưu ý: {whose_vi} dựa trên ngày nghỉ suy ra theo quy tắc của Điều 111–112 Bộ luật Lao động 2019, chưa theo lịch nghỉ Chính phủ công bố: {runs}. Khi có lịch công bố, quản trị viên nhập bằng `calendar import` (hoặc `calendar add-holiday`, `calendar add-workday`); các hạn đang chạy được tính lại."
        ),
        format!(
            "Note: {whose_en} {rests} on days off derived by rule (Articles 111–112, Labour Code 2019), not on a schedule the government announced: {runs_en}. Once the schedule is announced, an admin enters it with `calendar import` (or `calendar add-holiday`, `calendar add-workday`), and running deadlines are recomputed."
        ),
    ))
}

/// From 1 December, while next `year` has no schedule of days off entered: one line for
/// the sweep's mail and under `calendar show`.
pub fn next_year_unannounced(year: i32) -> Localized {
    Localized::new(
        format!(
            "Nhắc: năm {year} chưa có lịch nghỉ Chính phủ công bố trong phananh; hạn qua các ngày lễ năm {year} đang tính theo ngày nghỉ suy ra theo quy tắc. Khi có văn bản, quản trị viên nhập bằng `phananh --as admin calendar import lich-nghi-{year}.csv`."
        ),
        format!(
            "reminder: {year} has no announced schedule of days off in phananh; deadlines across its holidays are counted on days off derived by rule. Once it is announced, an admin enters it with `phananh --as admin calendar import lich-nghi-{year}.csv`"
        ),
    )
}

/// [`rests_on_rules`] for a stopped clock among them: it keeps the verdict reached on the
/// guess until an admin re-judges it (docs/rules.md §3, "Re-judging stopped clocks").
pub fn stopped_on_rules(note: Localized) -> Localized {
    Localized::new(
        format!(
            "{} Hạn đã dừng giữ kết quả đã chấm theo các ngày ấy; khi nhập lịch công bố, lệnh nhập nêu hạn nào lịch mới làm khác, và `--rejudge` chấm lại.",
            note.vi
        ),
        format!(
            "{} A stopped deadline keeps the verdict it was judged by on those days; when the schedule is entered, the change names those it alters, and `--rejudge` re-judges them.",
            note.en
        ),
    )
}

/// After an admin's change: the other days of the holidays it touched that the rules still
/// keep off, each with its reason, and how to make one a working day.
pub fn rule_days_left(left: &[(NaiveDate, Day)]) -> Option<Localized> {
    let (first, _) = left.first()?;
    let list = |vietnamese: bool| {
        let lang = if vietnamese { Lang::Vi } else { Lang::En };
        left.iter()
            .map(|(date, rest)| format!("{} — {}", day(*date, lang), rest.reason(vietnamese)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let command = format!("phananh --as admin calendar add-workday {first} --name \"…\"");
    Some(Localized::new(
        format!(
            "Lưu ý: năm {} chưa có lịch nghỉ Chính phủ công bố trong phananh; ngoài các ngày vừa nhập, dịp lễ này vẫn còn ngày nghỉ suy ra theo quy tắc: {}. Ngày nào lịch công bố không cho nghỉ thì đặt lại thành ngày làm việc, ví dụ `{command}`.",
            first.format("%Y"),
            list(true)
        ),
        format!(
            "note: {} has no announced schedule in phananh; besides the days just entered, this holiday still has days off derived by rule: {}. Make each one the announced schedule does not give a working day, e.g. `{command}`",
            first.format("%Y"),
            list(false)
        ),
    ))
}

/// Refuses to remove `date`, which has no line an operator added: nothing is removed.
pub fn no_operator_line(date: NaiveDate) -> Localized {
    Localized::new(
        format!(
            "Ngày {date} không có dòng nào do quản trị viên thêm; không bỏ ngày nào. Xem `phananh calendar show {}`.",
            date.year()
        ),
        format!(
            "{date} has no line added by an operator; nothing was removed. See `phananh calendar show {}`",
            date.year()
        ),
    )
}

/// The schedule `file` that could not be read, for `e`.
pub fn cannot_read_schedule(file: &Path, e: &crate::storage::private::ReadError) -> Localized {
    Localized::new(
        format!(
            "Không đọc được {}: {}",
            file.display(),
            crate::i18n::Bilingual::vi(e)
        ),
        format!("cannot read {}: {e}", file.display()),
    )
}

/// No working hour left in the ten years after the day of `e`: no deadline can be told.
pub fn no_working_time(e: &crate::domain::deadline::NoWorkingTime) -> Localized {
    Localized::new(
        format!(
            "Không tính được hạn: lịch không còn giờ làm việc trong mười năm sau {}.",
            e.0
        ),
        e.to_string(),
    )
}

/// The hint for a stage `calendar deadline --stage` does not know.
pub fn stage_names() -> Localized {
    Localized::new(
        "dùng Phân phối (dispatch), Chuyển trả (return), Xử lý (process) hoặc Công khai (publish), có dấu hay không",
        "use dispatch, return, process or publish (or the tables' labels: Dispatch, Return, Processing, Publication)",
    )
}

/// A date argument that is not a date, for `why`.
pub fn invalid_date(text: &str, why: &Localized) -> Localized {
    Localized::new(
        format!("“{text}” không phải ngày hợp lệ: {}.", why.vi),
        format!("\"{text}\" is not a valid date: {}", why.en),
    )
}

/// A day added without a name.
pub fn name_needed() -> Localized {
    Localized::new(
        "--name không được để trống: hãy ghi lý do (ví dụ tên ngày lễ).",
        "--name must not be empty: say why (e.g. the holiday's name)",
    )
}

/// A calendar read over a row of `calendar_days` or `settings` the log does not vouch for.
pub fn unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Nhật ký không xác nhận {}: lịch và hạn in ra sẽ được tính theo dòng bị sửa ngoài phananh. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for {}: the calendar and deadlines printed would be counted from a row edited outside phananh. Run `phananh audit verify` and tell an admin",
            problem.en()
        ),
    )
}

/// A year `calendar show` does not cover.
pub fn year_out_of_range(year: i32) -> Localized {
    Localized::new(
        format!("Năm {year} nằm ngoài khoảng lịch hỗ trợ (1900–2199)."),
        format!("year {year} is outside the supported calendar (1900–2199)"),
    )
}

/// A `--start` of `calendar deadline` that is not a time.
pub fn invalid_start(start: &str) -> Localized {
    if let Some(day) = super::context::no_such_day("--start", start) {
        return day;
    }
    Localized::new(
        format!(
            "--start “{start}” không phải thời điểm hợp lệ; dùng `\"06/11/2026 16:30\"`, `\"2026-11-06 16:30\"` hoặc `2026-11-06T16:30:00+07:00`."
        ),
        format!(
            "--start \"{start}\" is not a valid time; use \"2026-11-06 16:30\", \"06/11/2026 16:30\" or 2026-11-06T16:30:00+07:00"
        ),
    )
}

/// Each bad line of a schedule file, as `FILE:LINE: what`, on standard error: said as every
/// message there is (`output::say`), wrapped at words on a terminal (an 80-column one cut
/// it mid-word), whole when piped, for the script or mail that matches it.
pub fn tell_schedule_errors(file: &Path, errors: &[ScheduleError], lang: Lang) {
    for e in errors {
        super::say(&format!(
            "{}:{}: {}",
            file.display(),
            e.line,
            lang.pick(&e.message_vi, &e.message_en)
        ));
    }
}

fn weekday(date: NaiveDate, lang: Lang) -> &'static str {
    lang.pick(weekday_vi(date), weekday_en(date))
}

/// One line of `calendar show`.
#[derive(Debug, Serialize)]
struct DayRow {
    date: NaiveDate,
    weekday: &'static str,
    off: bool,
    reason: String,
    source: String,
}

impl Listing for DayRow {
    const KEYS: &'static [&'static str] = &["date", "weekday", "off", "reason", "source"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Ngày", "Thứ", "Nghỉ", "Lý do", "Nguồn"],
            vec!["Date", "Day", "Off", "Reason", "Source"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            day(self.date, lang),
            self.weekday.to_owned(),
            lang.yes_no(self.off).to_owned(),
            self.reason.clone(),
            self.source.clone(),
        ]
    }

    /// The source: a document's number or a site's name, whole in CSV and JSON. At 80
    /// columns it took 22 columns and wrapped the reason, what the operator reads, in 24.
    fn clipped() -> Vec<usize> {
        vec![4]
    }
}

/// `calendar show`: the days off of `year` and the Saturdays worked, as a table, CSV or
/// JSON; returns the line to say under them (`year_shown`).
pub fn print_year(
    out: &mut dyn Write,
    cal: &Calendar,
    year: i32,
    format: Format,
    lang: Lang,
) -> Result<Localized> {
    let vi = lang == Lang::Vi;
    // The shipped notes are the research's English prose: a Vietnamese table cites their
    // document numbers, while CSV and JSON, which scripts and the record read, keep them whole.
    let cite = |note: &str| {
        if vi && format == Format::Table {
            crate::domain::calendar::source_references(note).into_owned()
        } else {
            note.to_owned()
        }
    };
    let mut rows: Vec<DayRow> = cal
        .year(year)
        .into_iter()
        // Days off, and working days that are not ordinary weekdays (a Saturday worked).
        .filter(|(_, day)| day.off || day.why != crate::domain::calendar::Why::Weekday)
        .map(|(date, day)| DayRow {
            date,
            weekday: weekday(date, lang),
            off: day.off,
            reason: day.reason(vi),
            source: cite(day.source(vi)),
        })
        .collect();
    for note in cal.pending().iter().filter(|d| d.date.year() == year) {
        rows.push(DayRow {
            date: note.date,
            weekday: weekday(note.date, lang),
            off: false,
            reason: format!(
                "{} — {}",
                note.name,
                lang.pick(
                    "chưa là ngày nghỉ (chờ căn cứ pháp lý; thêm bằng `calendar add-holiday`)",
                    "not a day off (legal basis pending; add with `calendar add-holiday`)"
                )
            ),
            source: cite(&note.source),
        });
    }
    rows.sort_by_key(|r| r.date);
    super::render(out, &rows, format, lang)?;
    let off = rows.iter().filter(|r| r.off).count();
    Ok(year_shown(
        year,
        off,
        cal.announced_years().contains(&year),
        cal.hours(),
        cal.version(),
    ))
}

/// One day of a deadline's reasoning.
#[derive(Debug, Serialize)]
struct StepRow {
    date: NaiveDate,
    weekday: &'static str,
    working_day: bool,
    reason: String,
    counted: String,
    minutes: i64,
}

impl Listing for StepRow {
    const KEYS: &'static [&'static str] = &[
        "date",
        "weekday",
        "working_day",
        "reason",
        "counted",
        "minutes",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Ngày",
                "Thứ",
                "Ngày làm việc",
                "Lý do",
                "Thời gian tính",
                "Phút",
            ],
            vec!["Date", "Day", "Working day", "Reason", "Counted", "Minutes"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            day(self.date, lang),
            self.weekday.to_owned(),
            lang.yes_no(self.working_day).to_owned(),
            self.reason.clone(),
            self.counted.clone(),
            self.minutes.to_string(),
        ]
    }
}

/// A stage's deadline as `calendar deadline` explains it.
pub struct Explained<'a> {
    pub stage: Stage,
    pub start: &'a Timestamp,
    pub due: &'a Due,
    /// Each day the count looked at.
    pub steps: &'a [DayStep],
    /// The calendar in force.
    pub calendar: &'a Calendar,
}

/// `calendar deadline`: the deadline with each day considered, as a table between a
/// heading and the deadline, as CSV of the days, or as one JSON document.
pub fn print_deadline(
    out: &mut dyn Write,
    explained: &Explained<'_>,
    format: Format,
    lang: Lang,
) -> Result<()> {
    let Explained {
        stage,
        start,
        due,
        steps,
        calendar: cal,
    } = *explained;
    let vi = lang == Lang::Vi;
    let rows: Vec<StepRow> = steps
        .iter()
        .map(|s| {
            let working = !s.day.off;
            let counted = if due.rule == Rule::ClockHours {
                lang.pick("ngày nghỉ: tính giờ liên tục", "day off: clock hours")
                    .to_owned()
            } else if !working {
                lang.pick("bỏ qua", "skipped").to_owned()
            } else if s.spans.is_empty() {
                lang.pick("hết giờ làm việc", "after working hours")
                    .to_owned()
            } else {
                s.spans
                    .iter()
                    .map(|(a, b)| format!("{}–{}", a.format("%H:%M:%S"), b.format("%H:%M:%S")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            StepRow {
                date: s.date,
                weekday: weekday(s.date, lang),
                working_day: working,
                reason: s.day.reason(vi),
                counted,
                minutes: s.counted / 60,
            }
        })
        .collect();
    let hours = due.limit as f64 / 3600.0;
    let (rule_vi, rule_en) = match due.rule {
        Rule::WorkingHours => (
            format!(
                "bắt đầu vào ngày làm việc: cộng {hours} giờ làm việc trong khung {}",
                hours_in_words(cal.hours(), Lang::Vi)
            ),
            format!(
                "starts on a working day: {hours} working hours inside {}",
                cal.hours()
            ),
        ),
        Rule::ClockHours => (
            format!(
                "bắt đầu vào ngày nghỉ hoặc ngoài giờ (theo thiết lập): cộng {hours} giờ liên tục"
            ),
            format!("starts on a day off (or off hours, by setting): {hours} clock hours"),
        ),
    };
    let due_text = time::format(&due.at);
    // The days off of the count that only the rules give (a year not yet announced).
    let by_rule: Vec<NaiveDate> = steps
        .iter()
        .filter(|s| s.day.off_by_rule())
        .map(|s| s.date)
        .collect();
    match format {
        other @ (Format::Html | Format::Xml | Format::Open311Json | Format::Open311Xml) => {
            return Err(super::format_only_for(other).into());
        }
        Format::Json => {
            let doc = json!({
                "stage": stage,
                "article": stage.article(),
                "start": time::format(start),
                "rule": due.rule,
                "limit_hours": hours,
                "due_at": due_text,
                "calendar_version": cal.version(),
                "working_hours": cal.hours().to_string(),
                "days_off_by_rule": by_rule,
                "days": rows,
            });
            super::write_json(out, &doc)?;
            writeln!(out)?;
        }
        Format::Csv => super::render(out, &rows, Format::Csv, lang)?,
        Format::Table => {
            let stage_name = stage.text(lang);
            // As people read a time, then as stored: the auditor compares the stored form
            // with the clocks' `due_at`.
            let exact =
                |stored: &str| format!("{} ({stored})", super::layout::when_exact(stored, lang));
            let start_text = exact(&time::format(start));
            let due_shown = exact(&due_text);
            let heading = if vi {
                format!(
                    "Giai đoạn: {stage_name} ({}, QĐ 17/2022/QĐ-UBND)\nBắt đầu:   {start_text}\nCách tính: {rule_vi}",
                    stage.article()
                )
            } else {
                format!(
                    "Stage:     {stage_name} ({}, Decision No. 17/2022/QD-UBND)\nStart:     {start_text}\nRule:      {rule_en}",
                    stage.article_en()
                )
            };
            super::write_paragraph(out, &heading)?;
            super::render(out, &rows, Format::Table, lang)?;
            super::write_paragraph(
                out,
                &format!(
                    "{} {due_shown}; {} {}",
                    lang.pick("Hạn:", "Due:"),
                    lang.pick("phiên bản lịch", "calendar version"),
                    cal.version()
                ),
            )?;
            let note = rests_on_rules(("hạn này", "this deadline"), false, &by_rule);
            if let Some(note) = note {
                super::write_paragraph(out, note.text(lang))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year with one day off says so in the singular in English ("1 days off" was printed).
    #[test]
    fn a_year_with_one_day_off_says_day() {
        let shown = |off| year_shown(2031, off, false, &WorkingHours::default(), "v1").en;
        assert!(
            shown(1).starts_with("2031: 1 day off; basis:"),
            "{}",
            shown(1)
        );
        assert!(
            shown(2).starts_with("2031: 2 days off; basis:"),
            "{}",
            shown(2)
        );
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// English counts one deadline in the singular; the Vietnamese noun does not change.
    /// The moved and the unchanged are counted apart (yearturn3).
    #[test]
    fn one_moved_deadline_is_singular_in_english() {
        assert_eq!(
            updated("v4", 1, 0).en,
            "calendar updated (version v4); 1 running deadline moved, 0 recomputed unchanged"
        );
        assert_eq!(
            updated("v4", 2, 3).en,
            "calendar updated (version v4); 2 running deadlines moved, 3 recomputed unchanged"
        );
        assert_eq!(
            updated("v4", 1, 12).vi,
            "Đã cập nhật lịch (phiên bản v4); 1 thời hạn đang chạy đổi hạn, 12 thời hạn tính lại không đổi."
        );
    }

    #[test]
    fn consecutive_days_read_as_one_run_across_a_month_and_a_year() {
        let dates: Vec<NaiveDate> = [
            "2026-12-31",
            "2027-01-01",
            "2027-02-05",
            "2027-02-06",
            "2027-04-16",
        ]
        .iter()
        .map(|d| date(d))
        .collect();
        assert_eq!(
            date_runs(&dates, Lang::Vi),
            "31/12/2026–01/01/2027, 05/02/2027–06/02/2027, 16/04/2027"
        );
        assert_eq!(
            date_runs(&dates, Lang::En),
            "2026-12-31–2027-01-01, 2027-02-05–2027-02-06, 2027-04-16"
        );
        assert_eq!(date_runs(&[], Lang::Vi), "");
        assert!(rests_on_rules(("hạn này", "this deadline"), false, &[]).is_none());
        assert!(rule_days_left(&[]).is_none());
    }

    /// The lines of `calendar show`, of a change and of a refused schedule, in each
    /// language (no integration test reads them whole).
    #[test]
    fn the_calendar_lines_read_in_each_language() {
        let hours = |text| WorkingHours::parse(text).unwrap();
        let shown = year_shown(2027, 19, false, &hours("08:00-12:00,13:30-17:30"), "v3");
        assert_eq!(
            shown.vi,
            "Năm 2027: 19 ngày nghỉ; căn cứ: quy tắc của Điều 111–112 Bộ luật Lao động 2019, âm lịch Việt Nam; giờ làm việc 08:00–12:00 và 13:30–17:30; phiên bản lịch v3."
        );
        let shown = year_shown(2026, 18, true, &hours("08:00-17:00"), "v3");
        assert_eq!(
            shown.en,
            "2026: 18 days off; basis: the schedule the government announced for public servants; working hours 08:00-17:00; calendar version v3"
        );
        assert_eq!(
            hours_in_words(&hours("07:00-09:00,09:30-11:00,13:00-17:00"), Lang::Vi),
            "07:00–09:00, 09:30–11:00 và 13:00–17:00"
        );
        let changed = updated("v4", 7, 1_200);
        assert_eq!(
            changed.vi,
            "Đã cập nhật lịch (phiên bản v4); 7 thời hạn đang chạy đổi hạn, 1.200 thời hạn tính lại không đổi."
        );
        assert_eq!(
            changed.en,
            "calendar updated (version v4); 7 running deadlines moved, 1,200 recomputed unchanged"
        );
        let refused = schedule_refused(2, Path::new("lich.csv"));
        assert_eq!(
            refused.vi,
            "2 dòng lỗi trong lich.csv; không lưu gì. Sửa các dòng trên rồi nhập lại."
        );
        assert_eq!(
            refused.en,
            "2 bad lines in lich.csv; nothing was stored. Fix the lines above and import again"
        );
    }
}
