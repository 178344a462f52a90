//! Spans of time as an operator reads them: "2 giờ 15 phút", "2 h 15 min". One place for
//! every human table and message that says how long (the sweep, `list --due`, the desk's
//! countdown, the periodic report's overruns); CSV and JSON keep their minutes as numbers.
//! Owns words only: no clock reads.

use chrono::Duration;

use crate::i18n::Lang;

/// `minutes` (its size; the caller says whether it is left or past) in hours and minutes:
/// "45 phút", "2 giờ", "2 giờ 15 phút", "31 giờ 5 phút" (hours are clock hours, not days:
/// deadlines are counted in hours, Đ7–Đ9).
pub fn minutes(minutes: i64, lang: Lang) -> String {
    let minutes = minutes.unsigned_abs();
    let (hours, rest) = (minutes / 60, minutes % 60);
    let Units { h, m, .. } = Units::of(lang);
    match (hours, rest) {
        (0, rest) => format!("{rest} {m}"),
        (hours, 0) => format!("{} {h}", crate::i18n::grouped(hours, lang)),
        (hours, rest) => format!("{} {h} {rest} {m}", crate::i18n::grouped(hours, lang)),
    }
}

/// A signed span as a leader reads a report's overrun: minutes under an hour, hours and
/// minutes under a day, days and hours beyond (a day's minutes would be noise by then):
/// "2 giờ 15 phút", "3 ngày 4 giờ", "1 ngày", "−1 giờ 30 phút". Clock time, as the
/// overrun is counted.
pub fn days_and_hours(minutes: i64, lang: Lang) -> String {
    let sign = if minutes < 0 { "−" } else { "" };
    let size = minutes.unsigned_abs();
    let (days, hours, rest) = (size / 1440, size / 60 % 24, size % 60);
    let Units { d, h, m } = Units::of(lang);
    let (first, second) = match (days, hours) {
        (0, 0) => ((rest, m), None),
        (0, hours) => ((hours, h), Some((rest, m))),
        (days, hours) => ((days, d), Some((hours, h))),
    };
    // "3 ngày 0 giờ" reads as a doubt; the first part always stays.
    match second {
        Some((n, unit)) if n > 0 => format!(
            "{sign}{} {} {n} {unit}",
            crate::i18n::grouped(first.0, lang),
            first.1
        ),
        _ => format!("{sign}{} {}", crate::i18n::grouped(first.0, lang), first.1),
    }
}

/// The words of the units, as short as a table cell wants them.
struct Units {
    d: &'static str,
    h: &'static str,
    m: &'static str,
}

impl Units {
    fn of(lang: Lang) -> Units {
        match lang {
            Lang::Vi => Units {
                d: "ngày",
                h: "giờ",
                m: "phút",
            },
            Lang::En => Units {
                d: "d",
                h: "h",
                m: "min",
            },
        }
    }
}

/// The same for a `Duration` (whole minutes, rounded down).
pub fn span(duration: Duration, lang: Lang) -> String {
    minutes(duration.num_minutes(), lang)
}

/// A deadline's distance from now in words: "còn 20 phút" / "20 min left" before it,
/// "quá 2 giờ 15 phút" / "2 h 15 min over" after. `minutes_left` is negative once past.
pub fn left_or_over(minutes_left: i64, lang: Lang) -> String {
    let size = minutes(minutes_left, lang);
    match (minutes_left >= 0, lang) {
        (true, Lang::Vi) => format!("còn {size}"),
        (true, Lang::En) => format!("{size} left"),
        (false, Lang::Vi) => format!("quá {size}"),
        (false, Lang::En) => format!("{size} over"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long overrun counts its hours or days as every count is written: "1.234 giờ".
    #[test]
    fn many_hours_or_days_group_their_thousands() {
        assert_eq!(minutes(1234 * 60 + 5, Lang::Vi), "1.234 giờ 5 phút");
        assert_eq!(minutes(1234 * 60, Lang::En), "1,234 h");
        assert_eq!(
            days_and_hours(1500 * 1440 + 120, Lang::Vi),
            "1.500 ngày 2 giờ"
        );
        assert_eq!(
            days_and_hours(-1500 * 1440, Lang::En).replace('−', "-"),
            "-1,500 d"
        );
    }

    #[test]
    fn hours_and_minutes_in_both_languages() {
        assert_eq!(minutes(135, Lang::Vi), "2 giờ 15 phút");
        assert_eq!(minutes(135, Lang::En), "2 h 15 min");
        assert_eq!(minutes(45, Lang::Vi), "45 phút");
        assert_eq!(minutes(0, Lang::En), "0 min");
        assert_eq!(minutes(120, Lang::Vi), "2 giờ");
        assert_eq!(minutes(1686, Lang::Vi), "28 giờ 6 phút");
        assert_eq!(minutes(-135, Lang::En), "2 h 15 min");
        assert_eq!(span(Duration::seconds(8159), Lang::Vi), "2 giờ 15 phút");
    }

    #[test]
    fn an_overrun_reads_in_days_hours_and_minutes() {
        let vi = |n| days_and_hours(n, Lang::Vi);
        let en = |n| days_and_hours(n, Lang::En);
        assert_eq!(vi(135), "2 giờ 15 phút");
        assert_eq!(en(135), "2 h 15 min");
        assert_eq!(vi(3 * 1440 + 4 * 60 + 59), "3 ngày 4 giờ");
        assert_eq!(en(3 * 1440 + 4 * 60), "3 d 4 h");
        assert_eq!(vi(45), "45 phút");
        assert_eq!(vi(120), "2 giờ");
        assert_eq!(vi(1462), "1 ngày");
        assert_eq!(vi(0), "0 phút");
        assert_eq!(vi(-90), "−1 giờ 30 phút");
    }

    #[test]
    fn left_before_the_deadline_over_after_it() {
        assert_eq!(left_or_over(20, Lang::Vi), "còn 20 phút");
        assert_eq!(left_or_over(20, Lang::En), "20 min left");
        assert_eq!(left_or_over(-135, Lang::Vi), "quá 2 giờ 15 phút");
        assert_eq!(left_or_over(-135, Lang::En), "2 h 15 min over");
    }
}
