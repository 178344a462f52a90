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
//! now (`distance`) is said in the time its clock counts: working time for a clock counted
//! in working hours, left in hours, over in working days from one working day on
//! (`overrun`).

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
/// `domain::deadline::distance`): a working-hours clock's in working time, said to be
/// ("còn 3 giờ 30 phút làm việc" / "3 h 30 min of working time left", "quá 40 phút làm
/// việc", "quá 4 ngày 7 giờ 20 phút làm việc"), whatever nights, weekends and holidays lie
/// between; a clock-hours clock's as `left_or_over` says it. Past the deadline it says
/// `overrun`'s words, so that every screen states one lateness alike.
pub fn distance(distance: Distance, lang: Lang) -> String {
    if distance.past {
        let size = overrun(distance, lang);
        return lang.pick(format!("quá {size}"), format!("{size} over"));
    }
    let minutes = distance.seconds / 60;
    if distance.rule == Rule::ClockHours {
        return left(&self::minutes(minutes, lang), lang);
    }
    // Time left is weighed against the limits, which are counted in hours (Đ7.2, Đ8.1.b,
    // Đ9.4), so it stays in hours however long.
    lang.pick(
        format!("còn {} làm việc", working_hours(minutes, lang)),
        format!("{} of working time left", working_hours(minutes, lang)),
    )
}

/// `distance`, rounded down for the same narrow table as `left_or_over_to_the_hour`, which
/// keeps the deadline (that says the minute) beside it: a clock time from 48 hours on to
/// the hour ("quá 5 ngày 18 giờ"); a working time from one hour on to the hour ("quá 5 giờ
/// làm việc" for 5 hours 20 minutes), and an overrun of working days to the working day
/// ("quá 63 ngày làm việc" for 63 days 2 hours): said to the hour ("quá 63 ngày 2 giờ làm
/// việc", 26 columns) it pushed the deadline off an 80-column screen. Rounded down, so
/// that "quá" stays true, and marked as at least that when it was ("quá ≥1 giờ làm việc"
/// for 1 hour 50: "quá 1 giờ" read as the lateness, 50 minutes short, in the table cron
/// mails);
/// below that, whole.
pub fn distance_rounded_down(distance: Distance, lang: Lang) -> String {
    let day = i64::from(distance.working_day);
    let unit = match distance.rule {
        Rule::ClockHours if distance.seconds >= DAYS_FROM_MINUTES as i64 * 60 => 3600,
        Rule::WorkingHours if distance.past && day > 0 && distance.seconds >= day => day,
        Rule::WorkingHours if distance.seconds >= 3600 => 3600,
        _ => 1,
    };
    let cut = distance.seconds % unit;
    let said = self::distance(
        Distance {
            seconds: distance.seconds - cut,
            ..distance
        },
        lang,
    );
    if cut == 0 {
        return said;
    }
    // One character, so that the deadline keeps its column: "≥" before the figure.
    match lang {
        Lang::Vi => said
            .replacen("quá ", "quá ≥", 1)
            .replacen("còn ", "còn ≥", 1),
        Lang::En => format!("≥{said}"),
    }
}

/// How far past its deadline a clock is or ended, in the time it counts, for a column or a
/// sentence that already says "late"; `distance` says it after "quá" / before "over". The
/// one place a lateness is worded: clock time as `minutes` says it; working time in hours
/// and minutes under one working day ("3 giờ 40 phút làm việc" / "3 h 40 min of working
/// time"), and from one working day on in working days, hours and minutes ("4 ngày 7 giờ
/// 20 phút làm việc" / "4 working days 7 h 20 min"), the day being the calendar's working
/// hours (`Distance::working_day`, 8 hours by default): officers and leaders count a long
/// lateness in working days, and "39 giờ 20 phút làm việc" had to be divided in the head.
/// The words end in "làm việc" so that such a day is not read as 24 hours.
pub fn overrun(distance: Distance, lang: Lang) -> String {
    let minutes = distance.seconds / 60;
    let day = i64::from(distance.working_day / 60);
    match distance.rule {
        Rule::ClockHours => self::minutes(minutes, lang),
        Rule::WorkingHours if minutes == 0 => lang
            .pick("dưới 1 phút làm việc", "under 1 min of working time")
            .to_owned(),
        Rule::WorkingHours if day == 0 || minutes < day => lang.pick(
            format!("{} làm việc", working_hours(minutes, lang)),
            format!("{} of working time", working_hours(minutes, lang)),
        ),
        Rule::WorkingHours => {
            let days = crate::i18n::grouped((minutes / day) as u64, lang);
            let rest = minutes % day;
            let rest = (rest != 0).then(|| working_hours(rest, lang));
            match lang {
                Lang::Vi => match rest {
                    Some(rest) => format!("{days} ngày {rest} làm việc"),
                    None => format!("{days} ngày làm việc"),
                },
                Lang::En => {
                    let days = match minutes / day {
                        1 => format!("{days} working day"),
                        _ => format!("{days} working days"),
                    };
                    match rest {
                        Some(rest) => format!("{days} {rest}"),
                        None => days,
                    }
                }
            }
        }
    }
}

/// A span of working time in hours and minutes, however long ("130 giờ 5 phút").
fn working_hours(minutes: i64, lang: Lang) -> String {
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

/// The kind of time a deadline is counted in (docs/rules.md §3), inside a sentence: "giờ
/// làm việc" / "working hours", "giờ liên tục" / "clock hours".
pub fn counted_in(rule: Rule, lang: Lang) -> &'static str {
    match rule {
        Rule::WorkingHours => lang.pick("giờ làm việc", "working hours"),
        Rule::ClockHours => lang.pick("giờ liên tục", "clock hours"),
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

    /// An 8-hour working day, as the default working hours give.
    const DAY: u32 = 8 * 3600;

    #[test]
    fn working_time_is_said_to_be_and_left_never_in_days() {
        let d = |seconds, past, rule| Distance {
            seconds,
            past,
            rule,
            working_day: DAY,
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
            distance(d(1200 * 3600, false, w), Lang::Vi),
            "còn 1.200 giờ làm việc"
        );
        assert_eq!(
            distance(d(1200 * 3600, true, w), Lang::Vi),
            "quá 150 ngày làm việc"
        );
        assert_eq!(
            distance(d(0, true, w), Lang::Vi),
            "quá dưới 1 phút làm việc"
        );
        let c = Rule::ClockHours;
        assert_eq!(distance(d(30, true, c), Lang::Vi), "quá 0 phút");
        assert_eq!(distance(d(3 * 86_400, false, c), Lang::En), "3 d left");
    }

    /// A ward's reply 39 h 20 min of working time late read "quá 39 giờ 20 phút làm việc",
    /// to be divided by 8 in the head: from one working day on it is said in working days
    /// of the calendar's length, hours and minutes.
    #[test]
    fn a_working_time_overrun_is_said_in_working_days_from_one_day() {
        let over = |minutes: i64, working_day| Distance {
            seconds: minutes * 60,
            past: true,
            rule: Rule::WorkingHours,
            working_day,
        };
        let vi = |minutes| overrun(over(minutes, DAY), Lang::Vi);
        let en = |minutes| overrun(over(minutes, DAY), Lang::En);
        assert_eq!(vi(0), "dưới 1 phút làm việc");
        assert_eq!(en(0), "under 1 min of working time");
        assert_eq!(vi(7 * 60 + 59), "7 giờ 59 phút làm việc");
        assert_eq!(en(7 * 60 + 59), "7 h 59 min of working time");
        assert_eq!(vi(8 * 60), "1 ngày làm việc");
        assert_eq!(en(8 * 60), "1 working day");
        assert_eq!(vi(8 * 60 + 5), "1 ngày 5 phút làm việc");
        assert_eq!(vi(39 * 60 + 20), "4 ngày 7 giờ 20 phút làm việc");
        assert_eq!(en(39 * 60 + 20), "4 working days 7 h 20 min");
        assert_eq!(vi(16 * 60 + 180), "2 ngày 3 giờ làm việc");
        assert_eq!(en(16 * 60), "2 working days");
        assert_eq!(en(1500 * 8 * 60), "1,500 working days");
        // "Quá" before it, "over" after it, as `distance` says a running clock's.
        let late = over(39 * 60 + 20, DAY);
        assert_eq!(
            distance(late, Lang::Vi),
            "quá 4 ngày 7 giờ 20 phút làm việc"
        );
        assert_eq!(distance(late, Lang::En), "4 working days 7 h 20 min over");
        // Rounded down, and marked as at least that (1 h 50 read "1 giờ", 50 minutes short).
        assert_eq!(
            distance_rounded_down(late, Lang::Vi),
            "quá ≥4 ngày làm việc"
        );
        let hours = over(5 * 60 + 20, DAY);
        assert_eq!(
            distance_rounded_down(hours, Lang::Vi),
            "quá ≥5 giờ làm việc"
        );
        assert_eq!(
            distance_rounded_down(hours, Lang::En),
            "≥5 h of working time over"
        );
        let whole = over(5 * 60, DAY);
        assert_eq!(distance_rounded_down(whole, Lang::Vi), "quá 5 giờ làm việc");
        // The day is the calendar's: working hours of 7 a day make 39 h 20 min 5 days.
        assert_eq!(
            overrun(over(39 * 60 + 20, 7 * 3600), Lang::Vi),
            "5 ngày 4 giờ 20 phút làm việc"
        );
        // A day not known is not guessed.
        assert_eq!(
            overrun(over(39 * 60 + 20, 0), Lang::Vi),
            "39 giờ 20 phút làm việc"
        );
        // Clock hours keep their own days of 24 hours, from 48 hours on.
        let clock = Distance {
            rule: Rule::ClockHours,
            ..over(39 * 60 + 20, DAY)
        };
        assert_eq!(overrun(clock, Lang::Vi), "39 giờ 20 phút");
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
