//! The comparison of a periodic report with the same period one year earlier ("so với
//! cùng kỳ năm trước", `report … --compare`, docs/rules.md §5): which period that is, and
//! how a figure changed. Counts change in reports (or rounds) and as a share of the
//! earlier count; rates and averages change by the difference of the two figures as
//! printed, so that a reader who subtracts the printed figures finds the printed change.

use chrono::{Datelike, NaiveDate};

use crate::domain::exact::Ratio;
use crate::domain::periodic::Period;

/// How a figure changed from the earlier period to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// One side has no figure (a rate over nothing): nothing to compare.
    Unknown,
    Same,
    Up(Amount),
    Down(Amount),
}

/// The size of a change: `scaled` in units of 10^-`places` of the figure's own unit (a
/// count's reports, a rate's percentage points, an average's points), and for a count the
/// share of the earlier count it is (None when the earlier count is 0: no "∞ %").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub scaled: i128,
    pub places: u32,
    pub share: Option<Ratio>,
}

fn signed(diff: i128, places: u32, share: Option<Ratio>) -> Change {
    let amount = |scaled| Amount {
        scaled,
        places,
        share,
    };
    match diff.signum() {
        0 => Change::Same,
        1 => Change::Up(amount(diff)),
        _ => Change::Down(amount(-diff)),
    }
}

/// A count's change: by how many, and by what share of the earlier count.
pub fn of_counts(now: u64, before: u64) -> Change {
    let diff = i128::from(now) - i128::from(before);
    signed(diff, 0, Ratio::of(now.abs_diff(before), before))
}

/// A rate's change in percentage points, one decimal, from the two rates each rounded half
/// up to one decimal of a percent as the report prints them.
pub fn of_rates(now: Option<Ratio>, before: Option<Ratio>) -> Change {
    of_rounded(now, before, 3, 1)
}

/// An average's change in points, two decimals, from the two averages as printed.
pub fn of_averages(now: Option<Ratio>, before: Option<Ratio>) -> Change {
    of_rounded(now, before, 2, 2)
}

fn of_rounded(now: Option<Ratio>, before: Option<Ratio>, places: u32, shown: u32) -> Change {
    let round = |r: Option<Ratio>| r.and_then(|r| r.round_half_up(places).ok());
    match (round(now), round(before)) {
        (Some(now), Some(before)) => signed(now - before, shown, None),
        _ => Change::Unknown,
    }
}

/// The same period one year earlier, over the same days of the year: for a period still
/// running at `today` (the day of the report's moment), only up to the same day a year
/// before, so that eleven months are not compared with twelve. None when that period lies
/// before the years a period may lie in.
pub fn year_before(period: &Period, today: NaiveDate) -> Option<Period> {
    let back = |day: NaiveDate| day.checked_sub_months(chrono::Months::new(12));
    let from = back(period.from)?;
    let last = back(period.to)?;
    let year = from.year();
    let whole = match period.kind {
        "month" => Period::month(&format!("{year}-{:02}", from.month())),
        "quarter" => Period::quarter(&format!("{year}-Q{}", from.month0() / 3 + 1)),
        "half_year" => Period::half(&format!("{year}-H{}", from.month0() / 6 + 1)),
        "year" => Period::year(&year.to_string()),
        _ => Period::range(from, last),
    }?;
    if today >= period.to {
        return Some(whole);
    }
    let cut = back(today)?.max(from);
    let cut = Period::range(from, cut)?;
    // A span of days is named by its days: the cut one says them all.
    if whole.kind == "range" {
        return Some(cut);
    }
    Some(Period {
        kind: whole.kind,
        label_vi: format!("{} ({})", whole.label_vi, cut.label_vi.to_lowercase()),
        label_en: format!("{} ({})", whole.label_en, cut.label_en),
        ..cut
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_count_changes_by_reports_and_by_share_of_the_earlier_count() {
        let Change::Up(up) = of_counts(2570, 1200) else {
            panic!("up")
        };
        assert_eq!((up.scaled, up.places), (1370, 0));
        assert_eq!(up.share.unwrap().round_half_up(3), Ok(1142));
        let Change::Down(down) = of_counts(97, 100) else {
            panic!("down")
        };
        assert_eq!(down.scaled, 3);
        assert_eq!(down.share.unwrap().round_half_up(3), Ok(30));
        assert_eq!(of_counts(5, 5), Change::Same);
        // Nothing a year earlier: an increase with no share, never "∞ %".
        let Change::Up(from_nothing) = of_counts(5, 0) else {
            panic!("up")
        };
        assert_eq!(from_nothing.share, None);
    }

    #[test]
    fn a_rate_changes_by_the_points_between_the_printed_rates() {
        // 71,25 % prints 71,3 %; 69,15 % prints 69,2 %: 2,1 points, as a reader subtracts.
        let now = Ratio::of(7125, 10000);
        let before = Ratio::of(6915, 10000);
        let Change::Up(up) = of_rates(now, before) else {
            panic!("up")
        };
        assert_eq!((up.scaled, up.places, up.share), (21, 1, None));
        assert_eq!(of_rates(now, None), Change::Unknown);
        assert_eq!(of_rates(now, now), Change::Same);
        let Change::Down(down) = of_averages(Ratio::of(391, 100), Ratio::of(4, 1)) else {
            panic!("down")
        };
        assert_eq!((down.scaled, down.places), (9, 2));
    }

    #[test]
    fn the_period_a_year_earlier_is_of_the_same_kind_and_days() {
        let closed = day("2027-01-05");
        let of = |p: Option<Period>, today| year_before(&p.unwrap(), today).unwrap();
        let month = of(Period::month("2026-11"), closed);
        assert_eq!(
            (month.kind, month.label_vi.as_str()),
            ("month", "Tháng 11 năm 2025")
        );
        assert_eq!(
            of(Period::quarter("2026-Q4"), closed).label_vi,
            "Quý IV năm 2025"
        );
        assert_eq!(of(Period::half("2026-H2"), closed).label_en, "H2 2025");
        let year = of(Period::year("2026"), closed);
        assert_eq!((year.from, year.to), (day("2025-01-01"), day("2025-12-31")));
        let range = of(Period::range(day("2026-09-15"), day("2026-10-15")), closed);
        assert_eq!(
            (range.from, range.to),
            (day("2025-09-15"), day("2025-10-15"))
        );
        // A leap day's month a year earlier ends on its own last day.
        let february = of(Period::month("2028-02"), day("2028-03-01"));
        assert_eq!(february.to, day("2027-02-28"));
        // Still running: the same days of the year, said so.
        let running = of(Period::year("2026"), day("2026-12-06"));
        assert_eq!(
            (running.from, running.to),
            (day("2025-01-01"), day("2025-12-06"))
        );
        assert_eq!(running.kind, "year");
        assert_eq!(running.label_vi, "Năm 2025 (từ 01/01/2025 đến 06/12/2025)");
        assert_eq!(running.label_en, "Year 2025 (2025-01-01 to 2025-12-06)");
        // A span of days still running: the days a year earlier, up to the same day.
        let span = of(
            Period::range(day("2026-11-15"), day("2026-12-15")),
            day("2026-12-02"),
        );
        assert_eq!(span.label_vi, "Từ 15/11/2025 đến 02/12/2025");
        // Before the years a period may lie in: none.
        assert_eq!(year_before(&Period::year("2000").unwrap(), closed), None);
    }
}
