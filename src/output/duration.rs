//! Spans of time as an operator reads them: "2 giờ 15 phút", "2 h 15 min", "3 ngày 4 giờ".
//! One function, `minutes`, says every span a person reads (the sweep, `list --due` and
//! `--overdue`, `show`'s clocks, the desk's countdown, the late notices, the periodic
//! report's overruns), so two screens about the same clock say the same words; CSV and JSON
//! keep their minutes as numbers. Owns words only: no clock reads.
//!
//! Under 48 hours a span reads in hours and minutes ("28 giờ 46 phút"): the legal limits are
//! counted in hours (Đ7–Đ9, at most 24 clock hours), and an operator compares a lateness with
//! them. From 48 hours on it reads in days and hours ("36 ngày 5 giờ"): by then the minutes
//! are noise and "869 giờ" has to be divided in the head.

use chrono::Duration;

use crate::i18n::Lang;

/// Where a span stops reading in hours and starts reading in days (see the module's opening).
const DAYS_FROM_MINUTES: u64 = 48 * 60;

/// `minutes` (its size; the caller says whether it is left or past): "45 phút", "2 giờ",
/// "2 giờ 15 phút", "31 giờ 5 phút" under 48 hours; "2 ngày", "3 ngày 4 giờ" from 48 hours.
pub fn minutes(minutes: i64, lang: Lang) -> String {
    let size = minutes.unsigned_abs();
    let Units { d, h, m } = Units::of(lang);
    let (first, second) = if size < DAYS_FROM_MINUTES {
        ((size / 60, h), (size % 60, m))
    } else {
        ((size / 1440, d), (size / 60 % 24, h))
    };
    // "3 ngày 0 giờ" reads as a doubt; the first part stays unless it is zero.
    match (first, second) {
        ((0, _), (n, unit)) => format!("{n} {unit}"),
        ((n, unit), (0, _)) => format!("{} {unit}", crate::i18n::grouped(n, lang)),
        ((n, unit), (k, small)) => format!("{} {unit} {k} {small}", crate::i18n::grouped(n, lang)),
    }
}

/// A signed span, as a report's overrun may be: the words of `minutes`, "−" before it when
/// negative ("−1 giờ 30 phút").
pub fn signed(minutes: i64, lang: Lang) -> String {
    let sign = if minutes < 0 { "−" } else { "" };
    format!("{sign}{}", self::minutes(minutes, lang))
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

    /// A long overrun counts its days as every count is written: "1.500 ngày" (under 48
    /// hours, where it reads in hours, no count reaches a thousand).
    #[test]
    fn many_days_group_their_thousands() {
        assert_eq!(minutes(1500 * 1440 + 120, Lang::Vi), "1.500 ngày 2 giờ");
        assert_eq!(minutes(1500 * 1440, Lang::En), "1,500 d");
        assert_eq!(signed(-1500 * 1440, Lang::En).replace('−', "-"), "-1,500 d");
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
    fn hours_under_two_days_days_and_hours_from_two_days() {
        let vi = |n| signed(n, Lang::Vi);
        let en = |n| signed(n, Lang::En);
        assert_eq!(vi(135), "2 giờ 15 phút");
        assert_eq!(en(135), "2 h 15 min");
        assert_eq!(vi(1726), "28 giờ 46 phút");
        assert_eq!(vi(1462), "24 giờ 22 phút");
        assert_eq!(vi(48 * 60 - 1), "47 giờ 59 phút");
        assert_eq!(vi(48 * 60), "2 ngày");
        assert_eq!(vi(3 * 1440 + 4 * 60 + 59), "3 ngày 4 giờ");
        assert_eq!(en(3 * 1440 + 4 * 60), "3 d 4 h");
        assert_eq!(vi(1481 * 60 + 6), "61 ngày 17 giờ");
        assert_eq!(vi(45), "45 phút");
        assert_eq!(vi(120), "2 giờ");
        assert_eq!(vi(0), "0 phút");
        assert_eq!(vi(-90), "−1 giờ 30 phút");
        assert_eq!(minutes(-3 * 1440, Lang::En), "3 d");
    }

    #[test]
    fn left_before_the_deadline_over_after_it() {
        assert_eq!(left_or_over(20, Lang::Vi), "còn 20 phút");
        assert_eq!(left_or_over(20, Lang::En), "20 min left");
        assert_eq!(left_or_over(-135, Lang::Vi), "quá 2 giờ 15 phút");
        assert_eq!(left_or_over(-135, Lang::En), "2 h 15 min over");
    }
}
