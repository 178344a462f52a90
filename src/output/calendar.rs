//! What the calendar says besides its tables: that a deadline rests on days off the tool
//! derived from the Labour Code's rules rather than on a schedule the government announced,
//! and, after an admin's change, which days of the same holiday the rules still keep off
//! (docs/rules.md §3, "Days off"); what `calendar` says of a year shown, of a change made
//! and of a schedule file refused. Built from dates and days; nothing here reads the
//! database.

use std::fmt::Display;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::Day;
use crate::i18n::Localized;

/// The line under `calendar show`: the year's days off, what they rest on (the schedule
/// the government `announced`, or the Labour Code's rules), the working hours and the
/// calendar's version.
pub fn year_shown(
    year: i32,
    off: usize,
    announced: bool,
    hours: &dyn Display,
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
            "Năm {year}: {off} ngày nghỉ; căn cứ: {basis_vi}; giờ làm việc {hours}; phiên bản lịch {version}."
        ),
        format!(
            "{year}: {off} days off; basis: {basis_en}; working hours {hours}; calendar version {version}"
        ),
    )
}

/// An admin's change made: the calendar's new `version`, and how many open deadlines were
/// recomputed under it.
pub fn updated(version: &str, recomputed: u64) -> Localized {
    Localized::new(
        format!(
            "Đã cập nhật lịch (phiên bản {version}); tính lại hạn của {recomputed} thời hạn đang chạy."
        ),
        format!(
            "calendar updated (version {version}); {} recomputed",
            crate::i18n::count_en(recomputed, "open deadline", "open deadlines")
        ),
    )
}

/// The refusal of a schedule `file` with `bad` lines (each named above it): nothing stored.
pub fn schedule_refused(bad: usize, file: &Path) -> Localized {
    let file = file.display();
    Localized::new(
        format!("{bad} dòng lỗi trong {file}; không lưu gì. Sửa các dòng trên rồi nhập lại."),
        format!(
            "{bad} bad lines in {file}; nothing was stored. Fix the lines above and import again"
        ),
    )
}

/// Dates as runs of consecutive days: `05/02/2027–11/02/2027, 16/04/2027`.
pub fn date_runs(dates: &[NaiveDate]) -> String {
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &date in dates {
        match runs.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(date) => *last = date,
            Some((_, last)) if *last == date => {}
            _ => runs.push((date, date)),
        }
    }
    let day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
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
    let runs = date_runs(dates);
    let (whose_vi, whose_en) = whose;
    let rests = if plural { "rest" } else { "rests" };
    Some(Localized::new(
        format!(
            "Lưu ý: {whose_vi} dựa trên ngày nghỉ suy ra theo quy tắc của Điều 111–112 Bộ luật Lao động 2019, chưa theo lịch nghỉ Chính phủ công bố: {runs}. Khi có lịch công bố, quản trị viên nhập bằng `calendar import` (hoặc `calendar add-holiday`, `calendar add-workday`); các hạn đang chạy được tính lại."
        ),
        format!(
            "Note: {whose_en} {rests} on days off derived by rule (Articles 111–112, Labour Code 2019), not on a schedule the government announced: {runs}. Once the schedule is announced, an admin enters it with `calendar import` (or `calendar add-holiday`, `calendar add-workday`), and running deadlines are recomputed."
        ),
    ))
}

/// After an admin's change: the other days of the holidays it touched that the rules still
/// keep off, each with its reason, and how to make one a working day.
pub fn rule_days_left(left: &[(NaiveDate, Day)]) -> Option<Localized> {
    let (first, _) = left.first()?;
    let list = |vietnamese: bool| {
        left.iter()
            .map(|(date, day)| format!("{} — {}", date.format("%d/%m/%Y"), day.reason(vietnamese)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// English counts one deadline in the singular; the Vietnamese noun does not change.
    #[test]
    fn one_recomputed_deadline_is_singular_in_english() {
        assert_eq!(
            updated("v4", 1).en,
            "calendar updated (version v4); 1 open deadline recomputed"
        );
        assert_eq!(
            updated("v4", 2).en,
            "calendar updated (version v4); 2 open deadlines recomputed"
        );
        assert_eq!(
            updated("v4", 1).vi,
            "Đã cập nhật lịch (phiên bản v4); tính lại hạn của 1 thời hạn đang chạy."
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
            date_runs(&dates),
            "31/12/2026–01/01/2027, 05/02/2027–06/02/2027, 16/04/2027"
        );
        assert_eq!(date_runs(&[]), "");
        assert!(rests_on_rules(("hạn này", "this deadline"), false, &[]).is_none());
        assert!(rule_days_left(&[]).is_none());
    }

    /// The lines of `calendar show`, of a change and of a refused schedule, in each
    /// language (no integration test reads them whole).
    #[test]
    fn the_calendar_lines_read_in_each_language() {
        let shown = year_shown(2027, 19, false, &"08:00–12:00, 13:30–17:30", "v3");
        assert_eq!(
            shown.vi,
            "Năm 2027: 19 ngày nghỉ; căn cứ: quy tắc của Điều 111–112 Bộ luật Lao động 2019, âm lịch Việt Nam; giờ làm việc 08:00–12:00, 13:30–17:30; phiên bản lịch v3."
        );
        let shown = year_shown(2026, 18, true, &"08:00–17:00", "v3");
        assert_eq!(
            shown.en,
            "2026: 18 days off; basis: the schedule the government announced for public servants; working hours 08:00–17:00; calendar version v3"
        );
        let changed = updated("v4", 7);
        assert_eq!(
            changed.vi,
            "Đã cập nhật lịch (phiên bản v4); tính lại hạn của 7 thời hạn đang chạy."
        );
        assert_eq!(
            changed.en,
            "calendar updated (version v4); 7 open deadlines recomputed"
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
