//! Spans of time as an operator reads them: "2 giờ 15 phút", "2 h 15 min", "3 ngày 4 giờ
//! 30 phút". One function, `minutes`, says every span a person reads (the sweep, `list --due`
//! and `--overdue`, `show`'s clocks, the desk's countdown, the late notices, the periodic
//! report's overruns), so two screens about the same clock say the same words; CSV and JSON
//! keep their minutes as numbers. A progress bar's time left, an estimate rather than a
//! clock, is said in the same units by `roughly_left`. Owns words only: no clock reads.
//!
//! Under 48 hours a span reads in hours and minutes ("28 giờ 46 phút"): the legal limits are
//! counted in hours (Đ7–Đ9, at most 24 clock hours), and an operator compares a lateness with
//! them. From 48 hours on it reads in days, hours and minutes ("36 ngày 5 giờ 12 phút"):
//! "869 giờ" would have to be divided in the head, and the minutes stay because a column
//! that states lateness must not round half an hour away (the CSV beside it has them). A
//! part that is zero is left out ("2 ngày", "3 ngày 30 phút"). A deadline's distance from
//! now (`distance`) is said in the time its clock counts: working time, in hours, for a
//! clock counted in working hours.

use chrono::Duration;

use crate::domain::deadline::{Distance, Rule};
use crate::i18n::Lang;

/// Where a span stops reading in hours and starts reading in days (see the module's opening).
const DAYS_FROM_MINUTES: u64 = 48 * 60;

/// `minutes` (its size; the caller says whether it is left or past): "45 phút", "2 giờ",
/// "2 giờ 15 phút", "31 giờ 5 phút" under 48 hours; "2 ngày", "3 ngày 4 giờ", "3 ngày 4 giờ
/// 30 phút" from 48 hours.
pub fn minutes(minutes: i64, lang: Lang) -> String {
    let size = minutes.unsigned_abs();
    let Units { d, h, m, .. } = Units::of(lang);
    let parts = if size < DAYS_FROM_MINUTES {
        vec![(size / 60, h), (size % 60, m)]
    } else {
        vec![(size / 1440, d), (size / 60 % 24, h), (size % 60, m)]
    };
    // "3 ngày 0 giờ" reads as a doubt, so a zero part is left out; the first part, the
    // largest, is never zero from 48 hours on, and under them "0 phút" is said.
    let said: Vec<String> = parts
        .iter()
        .enumerate()
        .filter(|&(i, &(n, _))| n != 0 || (i == parts.len() - 1 && size == 0))
        .map(|(_, &(n, unit))| format!("{} {unit}", crate::i18n::grouped(n, lang)))
        .collect();
    said.join(" ")
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
    s: &'static str,
}

impl Units {
    fn of(lang: Lang) -> Units {
        match lang {
            Lang::Vi => Units {
                d: "ngày",
                h: "giờ",
                m: "phút",
                s: "giây",
            },
            Lang::En => Units {
                d: "d",
                h: "h",
                m: "min",
                s: "s",
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
    if minutes_left >= 0 {
        left(&size, lang)
    } else {
        lang.pick(format!("quá {size}"), format!("{size} over"))
    }
}

/// The same, to the hour from 48 hours on ("quá 19 ngày 2 giờ" for 19 days 2 hours 46
/// minutes), for a narrow table that keeps the deadline beside it: said to the minute, a
/// lateness of weeks took the room of the deadline the operator acts on, and the deadline
/// there says the minute. Rounded down, so that "quá" stays true; under 48 hours, whole.
pub fn left_or_over_to_the_hour(minutes_left: i64, lang: Lang) -> String {
    let to_the_hour = if minutes_left.unsigned_abs() >= DAYS_FROM_MINUTES {
        minutes_left - minutes_left % 60
    } else {
        minutes_left
    };
    left_or_over(to_the_hour, lang)
}

/// A deadline's distance in the kind of time its clock counts (docs/rules.md §3,
/// `domain::deadline::distance`): a working-hours clock's in working hours and minutes, said
/// to be ("còn 3 giờ 30 phút làm việc" / "3 h 30 min of working time left", "quá 40 phút làm
/// việc"), whatever nights, weekends and holidays lie between; a clock-hours clock's as
/// `left_or_over` says it. Working time is never said in days: a "day" of it would be 8
/// hours, read as 24.
pub fn distance(distance: Distance, lang: Lang) -> String {
    let minutes = distance.seconds / 60;
    if distance.rule == Rule::ClockHours {
        let size = self::minutes(minutes, lang);
        return match distance.past {
            false => left(&size, lang),
            true => lang.pick(format!("quá {size}"), format!("{size} over")),
        };
    }
    // Under a minute (past a deadline after hours, no working minute has gone by yet).
    let size = match minutes {
        0 => lang.pick("dưới 1 phút", "under 1 min").to_owned(),
        _ => working(minutes, lang),
    };
    match distance.past {
        false => lang.pick(
            format!("còn {size} làm việc"),
            format!("{size} of working time left"),
        ),
        true => lang.pick(
            format!("quá {size} làm việc"),
            format!("{size} of working time over"),
        ),
    }
}

/// `distance`, to the hour, for the same narrow table as `left_or_over_to_the_hour`, which
/// keeps the deadline (that says the minute) beside it: a clock time from 48 hours on ("quá
/// 5 ngày 18 giờ"), a working time from one hour on ("quá 34 giờ làm việc" for 34 hours 35
/// minutes), whose words, never in days and ending "làm việc", are the longer. Rounded
/// down, so that "quá" stays true; below that, whole.
pub fn distance_to_the_hour(distance: Distance, lang: Lang) -> String {
    let from = match distance.rule {
        Rule::ClockHours => DAYS_FROM_MINUTES as i64 * 60,
        Rule::WorkingHours => 3600,
    };
    let seconds = if distance.seconds >= from {
        distance.seconds - distance.seconds % 3600
    } else {
        distance.seconds
    };
    self::distance(
        Distance {
            seconds,
            ..distance
        },
        lang,
    )
}

/// How far past its deadline a clock is or ended, in the time it counts, for a column or a
/// sentence that already says "late": "3 giờ 40 phút làm việc" / "3 h 40 min of working
/// time", or clock time as `minutes` says it.
pub fn overrun(distance: Distance, lang: Lang) -> String {
    let minutes = distance.seconds / 60;
    match (distance.rule, minutes) {
        (Rule::ClockHours, _) => self::minutes(minutes, lang),
        (Rule::WorkingHours, 0) => lang
            .pick("dưới 1 phút làm việc", "under 1 min of working time")
            .to_owned(),
        (Rule::WorkingHours, _) => lang.pick(
            format!("{} làm việc", working(minutes, lang)),
            format!("{} of working time", working(minutes, lang)),
        ),
    }
}

/// A span of working time in hours and minutes, however long ("130 giờ 5 phút").
fn working(minutes: i64, lang: Lang) -> String {
    let Units { h, m, .. } = Units::of(lang);
    let (hours, rest) = (minutes.unsigned_abs() / 60, minutes.unsigned_abs() % 60);
    match (hours, rest) {
        (0, n) => format!("{n} {m}"),
        (n, 0) => format!("{} {h}", crate::i18n::grouped(n, lang)),
        (n, k) => format!("{} {h} {k} {m}", crate::i18n::grouped(n, lang)),
    }
}

/// "còn SIZE" / "SIZE left".
fn left(size: &str, lang: Lang) -> String {
    lang.pick(format!("còn {size}"), format!("{size} left"))
}

/// The time a long command has left, as its progress bar says it: in one unit, the largest
/// that is at least one, rounded ("còn 12 giây", "còn 3 phút", "còn 2 giờ" / "12 s left",
/// "3 min left", "2 h left"). The estimate moves at every tick, so a second unit would be
/// noise, and the bar's line has little room (`output::bar`); hours run to 48 as in
/// `minutes`.
pub fn roughly_left(seconds: u64, lang: Lang) -> String {
    let Units { d, h, m, s } = Units::of(lang);
    // Each unit's count rounded to the nearest; one that rounds up to the next unit's
    // first reads in that unit ("60 giây" is "1 phút").
    let round = |unit: u64| (seconds + unit / 2) / unit;
    let (n, unit) = if seconds < 60 {
        (seconds, s)
    } else if round(60) < 60 {
        (round(60), m)
    } else if round(3600) < 48 {
        (round(3600), h)
    } else {
        (round(86_400), d)
    };
    left(&format!("{} {unit}", crate::i18n::grouped(n, lang)), lang)
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

    /// Weeks late, to the hour and never more than the lateness; under 48 hours, whole.
    #[test]
    fn a_lateness_of_days_said_to_the_hour_is_rounded_down() {
        let late = -(19 * 1440 + 2 * 60 + 46);
        assert_eq!(
            left_or_over_to_the_hour(late, Lang::Vi),
            "quá 19 ngày 2 giờ"
        );
        assert_eq!(left_or_over_to_the_hour(late, Lang::En), "19 d 2 h over");
        assert_eq!(
            left_or_over_to_the_hour(-(64 * 1440 + 17), Lang::Vi),
            "quá 64 ngày"
        );
        assert_eq!(
            left_or_over_to_the_hour(-(47 * 60 + 59), Lang::Vi),
            "quá 47 giờ 59 phút"
        );
        assert_eq!(left_or_over_to_the_hour(20, Lang::Vi), "còn 20 phút");
    }

    #[test]
    fn working_time_is_said_to_be_and_never_in_days() {
        let d = |seconds, past, rule| Distance {
            seconds,
            past,
            rule,
        };
        let w = Rule::WorkingHours;
        assert_eq!(
            distance(d(210 * 60, false, w), Lang::Vi),
            "còn 3 giờ 30 phút làm việc"
        );
        assert_eq!(
            distance(d(210 * 60, false, w), Lang::En),
            "3 h 30 min of working time left"
        );
        assert_eq!(
            distance(d(220 * 60, true, w), Lang::Vi),
            "quá 3 giờ 40 phút làm việc"
        );
        assert_eq!(
            distance(d(1200 * 3600, true, w), Lang::Vi),
            "quá 1.200 giờ làm việc"
        );
        assert_eq!(
            distance(d(0, true, w), Lang::Vi),
            "quá dưới 1 phút làm việc"
        );
        let c = Rule::ClockHours;
        assert_eq!(distance(d(30, true, c), Lang::Vi), "quá 0 phút");
        assert_eq!(distance(d(3 * 86_400, false, c), Lang::En), "3 d left");
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
    fn hours_under_two_days_days_hours_and_minutes_from_two_days() {
        let vi = |n| signed(n, Lang::Vi);
        let en = |n| signed(n, Lang::En);
        assert_eq!(vi(135), "2 giờ 15 phút");
        assert_eq!(en(135), "2 h 15 min");
        assert_eq!(vi(1726), "28 giờ 46 phút");
        assert_eq!(vi(1462), "24 giờ 22 phút");
        assert_eq!(vi(48 * 60 - 1), "47 giờ 59 phút");
        assert_eq!(vi(48 * 60), "2 ngày");
        assert_eq!(vi(3 * 1440 + 4 * 60 + 59), "3 ngày 4 giờ 59 phút");
        assert_eq!(en(3 * 1440 + 4 * 60), "3 d 4 h");
        assert_eq!(vi(1481 * 60 + 6), "61 ngày 17 giờ 6 phút");
        assert_eq!(vi(45), "45 phút");
        assert_eq!(vi(120), "2 giờ");
        assert_eq!(vi(0), "0 phút");
        assert_eq!(vi(-90), "−1 giờ 30 phút");
        assert_eq!(minutes(-3 * 1440, Lang::En), "3 d");
    }

    /// A day-off clock's overrun of 3 days 7 h 30 min said "3 ngày 7 giờ" while the CSV
    /// beside it said 4770 minutes: from 48 hours on the minutes stay unless they are zero.
    #[test]
    fn days_keep_their_minutes_unless_zero() {
        assert_eq!(minutes(4770, Lang::Vi), "3 ngày 7 giờ 30 phút");
        assert_eq!(minutes(4770, Lang::En), "3 d 7 h 30 min");
        assert_eq!(minutes(3 * 1440 + 30, Lang::Vi), "3 ngày 30 phút");
        assert_eq!(minutes(3 * 1440 + 30, Lang::En), "3 d 30 min");
        assert_eq!(minutes(3 * 1440 + 7 * 60, Lang::Vi), "3 ngày 7 giờ");
        assert_eq!(signed(-4770, Lang::Vi), "−3 ngày 7 giờ 30 phút");
        assert_eq!(left_or_over(-4770, Lang::En), "3 d 7 h 30 min over");
    }

    #[test]
    fn left_before_the_deadline_over_after_it() {
        assert_eq!(left_or_over(20, Lang::Vi), "còn 20 phút");
        assert_eq!(left_or_over(20, Lang::En), "20 min left");
        assert_eq!(left_or_over(-135, Lang::Vi), "quá 2 giờ 15 phút");
        assert_eq!(left_or_over(-135, Lang::En), "2 h 15 min over");
    }

    #[test]
    fn a_bar_s_time_left_reads_in_its_largest_unit_rounded() {
        assert_eq!(roughly_left(0, Lang::Vi), "còn 0 giây");
        assert_eq!(roughly_left(12, Lang::Vi), "còn 12 giây");
        assert_eq!(roughly_left(12, Lang::En), "12 s left");
        assert_eq!(roughly_left(59, Lang::Vi), "còn 59 giây");
        assert_eq!(roughly_left(60, Lang::Vi), "còn 1 phút");
        assert_eq!(roughly_left(89, Lang::Vi), "còn 1 phút");
        assert_eq!(roughly_left(90, Lang::Vi), "còn 2 phút");
        assert_eq!(roughly_left(180, Lang::En), "3 min left");
        assert_eq!(roughly_left(59 * 60 + 29, Lang::Vi), "còn 59 phút");
        assert_eq!(roughly_left(59 * 60 + 30, Lang::Vi), "còn 1 giờ");
        assert_eq!(roughly_left(2 * 3600 + 29 * 60, Lang::En), "2 h left");
        assert_eq!(roughly_left(47 * 3600 + 29 * 60, Lang::Vi), "còn 47 giờ");
        assert_eq!(roughly_left(47 * 3600 + 30 * 60, Lang::Vi), "còn 2 ngày");
        assert_eq!(roughly_left(3 * 86_400, Lang::En), "3 d left");
        assert_eq!(roughly_left(1_500 * 86_400, Lang::Vi), "còn 1.500 ngày");
    }
}
