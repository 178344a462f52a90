//! Spans of time as an operator reads them: "2 giờ 15 phút", "2 h 15 min". One place for
//! every human table and message that says how long (the sweep, `list --due`, the desk's
//! countdown); CSV and JSON keep their minutes as numbers. Owns words only: no clock reads.

use chrono::Duration;

use crate::i18n::Lang;

/// `minutes` (its size; the caller says whether it is left or past) in hours and minutes:
/// "45 phút", "2 giờ", "2 giờ 15 phút", "31 giờ 5 phút" (hours are clock hours, not days:
/// deadlines are counted in hours, Đ7–Đ9).
pub fn minutes(minutes: i64, lang: Lang) -> String {
    let minutes = minutes.unsigned_abs();
    let (hours, rest) = (minutes / 60, minutes % 60);
    let (h, m) = match lang {
        Lang::Vi => ("giờ", "phút"),
        Lang::En => ("h", "min"),
    };
    match (hours, rest) {
        (0, rest) => format!("{rest} {m}"),
        (hours, 0) => format!("{hours} {h}"),
        (hours, rest) => format!("{hours} {h} {rest} {m}"),
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
    fn left_before_the_deadline_over_after_it() {
        assert_eq!(left_or_over(20, Lang::Vi), "còn 20 phút");
        assert_eq!(left_or_over(20, Lang::En), "20 min left");
        assert_eq!(left_or_over(-135, Lang::Vi), "quá 2 giờ 15 phút");
        assert_eq!(left_or_over(-135, Lang::En), "2 h 15 min over");
    }
}
