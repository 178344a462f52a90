//! The emulation score of each agency for Home Affairs (docs/rules.md §5; Đ13.7, Đ14): a
//! documented weighted formula over the agency's cases in a period, computed exactly, and a
//! deterministic ranking from the exact values. \[choice\] The formula, its weights and the
//! least number of cases for a rank are ours; all of them are settings.
//!
//! The unit is the *case*: one report assigned to one agency, however many rounds of rework
//! it took. Counting rounds instead let rework look like more work done (3 assigned, 4
//! replied) and never let a send-back cost anything.

use chrono::NaiveDate;
use serde::Serialize;

use super::exact::{Overflow, Ratio};
use super::periodic::{CaseCounts, Period};

/// The weights of the four parts of the score; they need not add up to one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    pub on_time: Ratio,
    pub returns: Ratio,
    pub send_backs: Ratio,
    pub satisfaction: Ratio,
}

impl Default for Weights {
    fn default() -> Self {
        let tenths = |n| Ratio::new(n, 10).expect("ten is not zero");
        Weights {
            on_time: tenths(6),
            returns: tenths(1),
            send_backs: tenths(1),
            satisfaction: tenths(3),
        }
    }
}

/// The clause of the Regulation issued with Quyết định 17/2022/QĐ-UBND each part of the
/// score follows, in the order of `Weights` (T, R, K, S), cited as Vietnamese documents
/// cite, from the smallest unit up, and in English: the time to handle a report and the
/// time to return one not the agency's own (Đ8.1.b), the portal's check of a result before
/// it is published, whose send-back costs (Đ9.1), the sender's rating (Đ10). The Decision
/// ties no weight to any of them: Đ14 only asks Sở Nội vụ to add the results to the yearly
/// emulation criteria (docs/rules.md §5).
pub const BASES: [(&str, &str); 4] = [
    ("điểm b khoản 1 Điều 8", "Art. 8.1.b"),
    ("điểm b khoản 1 Điều 8", "Art. 8.1.b"),
    ("khoản 1 Điều 9", "Art. 9.1"),
    ("Điều 10", "Art. 10"),
];

/// Everything that decides the scores and ranks: the weights and the least number of
/// judged cases (replied or overdue) an agency needs to be ranked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rules {
    pub weights: Weights,
    pub min_cases: u64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            weights: Weights::default(),
            min_cases: 10,
        }
    }
}

/// One agency's line of the score file (docs/rules.md §5 columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    pub agency: String,
    pub name: String,
    /// Cases: reports assigned to the agency (each assignment once, whatever its rounds).
    pub assigned: u64,
    /// Cases whose latest round ended in a reply.
    pub replied: u64,
    /// Replied cases none of whose replies was late.
    pub on_time: u64,
    /// Replied cases with a late reply in any round.
    pub late: u64,
    pub returns: u64,
    pub late_returns: u64,
    /// Cases sent back for rework at least once.
    pub sent_back: u64,
    /// Cases whose current round is open past its deadline.
    pub open_overdue: u64,
    pub ratings: u64,
    /// The ratings' sum, from which `average_rating` was rounded: the JSON writes it after
    /// the keys its rows had before (`output::report::score`).
    #[serde(skip)]
    pub rating_sum: u64,
    /// Rounded half up to two decimals from the exact average.
    pub average_rating: Option<f64>,
    /// Rounded half up to three decimals from the exact share: a tenth of a percent, as the
    /// periodic report gives its shares (62.5 %, not 0.63 beside the report's 62.5 %).
    pub satisfied_share: Option<f64>,
    /// None for an agency with nothing judged: no score, not 0 and not 100. Rounded half up
    /// to two decimals from `score_exact`, once.
    pub score: Option<f64>,
    /// The exact score as a fraction (`705/8`), from which it was rounded and ranked.
    pub score_exact: Option<String>,
    /// None without a score, or with fewer judged cases than the rules ask.
    pub rank: Option<u64>,
    #[serde(skip)]
    pub exact: Option<Ratio>,
    /// The agency's first day in operation when it falls inside the period (set up during
    /// it: its figures cover only part of the period), else None (`in_period`). The JSON
    /// writes both after the keys its rows had before them (`output::report::score`).
    #[serde(skip)]
    pub in_operation_from: Option<NaiveDate>,
    /// The agency's last day in operation when it falls inside the period (dissolved or
    /// merged during it), else None.
    #[serde(skip)]
    pub in_operation_until: Option<NaiveDate>,
}

impl ScoreRow {
    /// Cases the on-time part judges: replied, or open past due.
    pub fn judged(&self) -> u64 {
        self.replied + self.open_overdue
    }

    /// Why the row has no rank, None when it has one: an empty rank beside the best score
    /// (10 cases assigned, 9 of them judged) read as a mistake until the reader was told.
    pub fn unranked(&self, rules: &Rules) -> Option<Unranked> {
        if self.rank.is_some() {
            None
        } else if self.assigned == 0 {
            Some(Unranked::NoCases)
        } else if self.exact.is_none() {
            Some(Unranked::NothingJudged)
        } else {
            Some(Unranked::TooFew {
                judged: self.judged(),
                least: rules.min_cases,
            })
        }
    }
}

/// The last day of the district level of local government: it ended on 1 July 2025, when
/// the two-level local government took effect (the units the July 2025 reform abolished,
/// docs/rules.md §5). A district-level agency stored with no last day in operation (a
/// directory loaded before the days were kept) is read as ending then.
pub fn district_level_last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("a valid day")
}

/// An agency's days in operation against a period (docs/rules.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InPeriod {
    /// In operation on every day of the period.
    Throughout,
    /// In operation on some days of it: from `from` (None: from the period's first day)
    /// until `until` (None: to its last day).
    Part {
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
    },
    /// Not in operation on any day of it: set up after it ended, or dissolved before it
    /// began.
    Outside,
}

/// Where `period` falls against the days from `from` to `until` (both inclusive, None: no
/// bound) of an agency of `level`; a district-level one ends on
/// `district_level_last_day` unless it says otherwise.
pub fn in_period(
    level: &str,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    period: &Period,
) -> InPeriod {
    let until = until.or_else(|| (level == "district").then(district_level_last_day));
    if from.is_some_and(|f| f > period.to) || until.is_some_and(|u| u < period.from) {
        return InPeriod::Outside;
    }
    let from = from.filter(|f| *f > period.from);
    let until = until.filter(|u| *u < period.to);
    if from.is_none() && until.is_none() {
        InPeriod::Throughout
    } else {
        InPeriod::Part { from, until }
    }
}

/// Why an agency is not ranked (docs/rules.md §5, "Small numbers").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unranked {
    /// No case assigned in the period.
    NoCases,
    /// Cases assigned, none replied or overdue: no score.
    NothingJudged,
    /// Scored on fewer cases replied or overdue (`judged`) than `score.min_cases` (`least`).
    TooFew { judged: u64, least: u64 },
}

/// The ranked rows with what a reader needs to tell two files apart: the period, the
/// moment, the rules and the calendar versions in play.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSheet {
    pub rows: Vec<ScoreRow>,
    pub period: Period,
    /// Canonical RFC 3339.
    pub as_of: String,
    /// The moment is before the period's end: scores and ranks are those so far.
    pub running: bool,
    pub rules: Rules,
    /// The calendar in force at the moment (working days, open clocks).
    pub calendar_version: String,
    /// Every version in play: the moment's, and those stopped clocks were judged under.
    pub calendar_versions: Vec<String>,
    /// Agencies of the directory left out: not in operation on any day of the period and
    /// with no case in it (`InPeriod::Outside`).
    pub not_in_operation: u64,
    /// The changes of a `deadline.*` setting made in the period.
    pub limit_changes: Vec<super::periodic::LimitChange>,
}

/// The score in 0..=100, exact, or None with nothing to judge.
///
/// score = 100 × (a·T + b·R + d·K + c·S) ÷ (a + b + d + c), where
/// - T = cases replied on time ÷ (cases replied + cases open past due): the on-time rate of
///   docs/rules.md §5 counted per case, so an overdue open case counts against the agency,
///   a late round makes its case late, and a case once replied to stays judged whatever
///   its rework does next;
/// - R = 1 − late returns ÷ assignments (a return after the window costs);
/// - K = 1 − cases sent back ÷ cases replied (a reply the portal sent back costs);
/// - S = (average rating − 1) ÷ 4; with no rating at all, S and its weight are left out
///   instead of guessing a satisfaction nobody expressed. K is left out the same way when
///   nothing was replied yet.
///
/// With nothing replied and nothing overdue there is nothing to judge: no score. (An agency
/// that only returned reports on time did none of the work the Decision asks for.)
pub fn score(c: &CaseCounts, w: &Weights) -> Result<Option<Ratio>, Overflow> {
    let judged = c.replied + c.open_overdue;
    if c.assigned == 0 || judged == 0 {
        return Ok(None);
    }
    let one = Ratio::ONE;
    let share = |part: u64, whole: u64| Ratio::of(part.min(whole), whole);
    let mut parts: Vec<(Ratio, Ratio)> = Vec::new();
    if let Some(t) = Ratio::of(c.on_time, judged) {
        parts.push((w.on_time, t));
    }
    if let Some(late) = share(c.late_returns, c.assigned) {
        parts.push((w.returns, one.checked_sub(late)?));
    }
    if let Some(sent) = share(c.sent_back, c.replied) {
        parts.push((w.send_backs, one.checked_sub(sent)?));
    }
    if c.ratings > 0 {
        let above_one = c.rating_sum.saturating_sub(c.ratings);
        if let Some(s) = Ratio::of(above_one, 4 * c.ratings) {
            parts.push((w.satisfaction, s));
        }
    }
    let mut total = Ratio::ZERO;
    let mut weighted = Ratio::ZERO;
    for (weight, value) in parts {
        total = total.checked_add(weight)?;
        weighted = weighted.checked_add(weight.checked_mul(value)?)?;
    }
    Ratio::integer(100)
        .checked_mul(weighted)?
        .checked_div(total)
}

/// Two decimals, half up, as the double that prints back as them.
fn two_places(r: Ratio) -> Result<f64, Overflow> {
    Ok(r.round_half_up(2)? as f64 / 100.0)
}

fn three_places(r: Ratio) -> Result<f64, Overflow> {
    Ok(r.round_half_up(3)? as f64 / 1000.0)
}

/// The rows of every agency, ranked by the exact score (highest first), then more cases on
/// time, then more assignments. Agencies equal in all three share a rank and the next one
/// skips the places they fill ("đồng hạng": 1, 2, 2, 2, 2, 6), as emulation rankings are
/// given: the rank follows from the results alone (Đ14 makes it a criterion), and the
/// agency code only orders the rows of a shared rank, repeatably. \[choice\] An agency with
/// fewer judged cases than `rules.min_cases` keeps its score but gets no rank: one lucky
/// case must not outrank a year of work. Agencies without a rank come after the ranked
/// ones; those without a score last, by code.
pub fn rank(counts: &[(CaseCounts, String)], rules: &Rules) -> Result<Vec<ScoreRow>, Overflow> {
    let mut rows = Vec::with_capacity(counts.len());
    for (c, name) in counts {
        let exact = score(c, &rules.weights)?;
        let average = Ratio::of(c.rating_sum, c.ratings);
        let satisfied = Ratio::of(c.satisfied, c.ratings);
        rows.push(ScoreRow {
            agency: c.agency.clone(),
            name: name.clone(),
            assigned: c.assigned,
            replied: c.replied,
            on_time: c.on_time,
            late: c.late,
            returns: c.returns,
            late_returns: c.late_returns,
            sent_back: c.sent_back,
            open_overdue: c.open_overdue,
            ratings: c.ratings,
            rating_sum: c.rating_sum,
            average_rating: average.map(two_places).transpose()?,
            satisfied_share: satisfied.map(three_places).transpose()?,
            score: exact.map(two_places).transpose()?,
            score_exact: exact.map(|r| r.to_string()),
            rank: None,
            exact,
            in_operation_from: None,
            in_operation_until: None,
        });
    }
    let eligible = |r: &ScoreRow| r.exact.is_some() && r.judged() >= rules.min_cases;
    rows.sort_by(|a, b| {
        let tier = |r: &ScoreRow| match (eligible(r), r.exact.is_some()) {
            (true, _) => 0,
            (false, true) => 1,
            (false, false) => 2,
        };
        tier(a)
            .cmp(&tier(b))
            .then(b.exact.cmp(&a.exact))
            .then(b.on_time.cmp(&a.on_time))
            .then(b.assigned.cmp(&a.assigned))
            .then(a.agency.cmp(&b.agency))
    });
    share_ranks(&mut rows, eligible);
    Ok(rows)
}

/// What a rank is decided by: the exact score, then cases on time, then assignments.
type Results = (Option<Ratio>, u64, u64);

fn results(row: &ScoreRow) -> Results {
    (row.exact, row.on_time, row.assigned)
}

/// Standard competition ranking over rows already in order: a row's rank is one more than
/// the number of eligible rows before it, unless its results equal those of the row before,
/// whose rank it then shares.
fn share_ranks(rows: &mut [ScoreRow], eligible: impl Fn(&ScoreRow) -> bool) {
    let mut before: Option<(u64, Results)> = None;
    let mut place = 0;
    for row in rows.iter_mut() {
        if !eligible(row) {
            continue;
        }
        place += 1;
        let rank = match before {
            Some((rank, results_before)) if results_before == results(row) => rank,
            _ => place,
        };
        row.rank = Some(rank);
        before = Some((rank, results(row)));
    }
}

/// Ranked rows printed with the same score and given different ranks: the reader sees
/// equal scores and unequal ranks (84,77 ranked 9 and 10), exactly the line an agency
/// contests, and is told what decided (docs/rules.md §5, "Small numbers").
#[derive(Debug, Clone, PartialEq)]
pub struct RoundedTie {
    /// Indexes into the ranked rows, in rank order: every ranked row with that printed score.
    pub rows: Vec<usize>,
    /// Two of them have unequal exact scores: the exact score decided.
    pub by_exact: bool,
    /// The fewest decimals, from three, that tell the group's unequal exact scores apart.
    pub places: u32,
    /// Two of them have equal exact scores: the cases replied on time decided.
    pub by_on_time: bool,
    /// Two of them have equal exact scores and cases on time: the assignments decided.
    pub by_assigned: bool,
}

/// The groups of ranked rows (as `rank` orders them) that print the same score and hold
/// more than one rank.
pub fn rounded_ties(rows: &[ScoreRow]) -> Vec<RoundedTie> {
    let ranked: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].rank.is_some() && rows[i].score.is_some())
        .collect();
    let mut ties = Vec::new();
    let mut start = 0;
    while start < ranked.len() {
        let printed = rows[ranked[start]].score;
        let end = start
            + ranked[start..]
                .iter()
                .take_while(|&&i| rows[i].score == printed)
                .count();
        let group = &ranked[start..end];
        start = end;
        if group.iter().all(|&i| rows[i].rank == rows[group[0]].rank) {
            continue;
        }
        let mut tie = RoundedTie {
            rows: group.to_vec(),
            by_exact: false,
            places: 3,
            by_on_time: false,
            by_assigned: false,
        };
        for pair in group.windows(2) {
            let (a, b) = (&rows[pair[0]], &rows[pair[1]]);
            if a.rank == b.rank {
                continue;
            }
            match (a.exact, b.exact) {
                (Some(x), Some(y)) if x != y => {
                    tie.by_exact = true;
                    tie.places = tie.places.max(apart(x, y));
                }
                _ if a.on_time != b.on_time => tie.by_on_time = true,
                _ => {
                    tie.by_on_time = true;
                    tie.by_assigned = true;
                }
            }
        }
        ties.push(tie);
    }
    ties
}

/// The fewest decimals, from three, at which two unequal ratios round apart.
fn apart(x: Ratio, y: Ratio) -> u32 {
    let mut places = 3;
    while places < 18 {
        match (x.round_half_up(places), y.round_half_up(places)) {
            (Ok(a), Ok(b)) if a == b => places += 1,
            _ => break,
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(agency: &str) -> CaseCounts {
        CaseCounts {
            agency: agency.into(),
            ..CaseCounts::default()
        }
    }

    /// An agency that replied to all its `cases`, `on_time` of them within the deadline.
    fn replied(agency: &str, cases: u64, on_time: u64) -> CaseCounts {
        CaseCounts {
            assigned: cases,
            replied: cases,
            on_time,
            ..counts(agency)
        }
    }

    /// The on-time rate alone, every agency ranked from its first case.
    fn only_on_time() -> Rules {
        Rules {
            weights: Weights {
                on_time: Ratio::ONE,
                returns: Ratio::ZERO,
                send_backs: Ratio::ZERO,
                satisfaction: Ratio::ZERO,
            },
            min_cases: 1,
        }
    }

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn nothing_assigned_or_judged_means_no_score_not_zero() {
        assert_eq!(score(&counts("A"), &Weights::default()), Ok(None));
        let rows = rank(&[(counts("A"), "A".into())], &Rules::default()).unwrap();
        assert_eq!((rows[0].score, rows[0].rank), (None, None));
        // Issue 19: an agency that only returned reports, on time, scored 100.
        let returns_only = CaseCounts {
            assigned: 4,
            returns: 4,
            ..counts("B")
        };
        assert_eq!(score(&returns_only, &Weights::default()), Ok(None));
    }

    #[test]
    fn the_formula_as_documented() {
        let c = CaseCounts {
            assigned: 10,
            replied: 8,
            on_time: 6,
            late: 2,
            open_overdue: 2,
            sent_back: 2,
            returns: 2,
            late_returns: 1,
            ratings: 4,
            rating_sum: 16,
            ..counts("A")
        };
        // T = 6/10, R = 1 − 1/10, K = 1 − 2/8, S = (4 − 1)/4; weights 0.6, 0.1, 0.1, 0.3.
        // 100 × (0.36 + 0.09 + 0.075 + 0.225) ÷ 1.1 = 75/1.1 = 750/11.
        assert_eq!(score(&c, &Weights::default()), Ok(Some(r(750, 11))));
        // Without ratings the satisfaction part is left out, not guessed:
        // 100 × (0.36 + 0.09 + 0.075) ÷ 0.8 = 65.625.
        let unrated = CaseCounts {
            ratings: 0,
            rating_sum: 0,
            ..c.clone()
        };
        assert_eq!(score(&unrated, &Weights::default()), Ok(Some(r(525, 8))));
        let rows = rank(&[(unrated, "A".into())], &Rules::default()).unwrap();
        // 65.625 rounds half up once: 65.63 (binary floating point printed 65.62).
        assert_eq!(rows[0].score, Some(65.63));
        assert_eq!(format!("{:.2}", rows[0].score.unwrap()), "65.63");
        assert_eq!(rows[0].score_exact.as_deref(), Some("525/8"));
    }

    #[test]
    fn an_exact_half_rounds_up_once() {
        // Issue 19: SYT's exact 88.125 printed 88.12.
        let syt = replied("SYT", 160, 141);
        let rules = only_on_time();
        assert_eq!(score(&syt, &rules.weights), Ok(Some(r(705, 8))));
        let rows = rank(&[(syt, "Sở Y tế".into())], &rules).unwrap();
        assert_eq!(rows[0].score, Some(88.13));
    }

    #[test]
    fn ranks_come_from_exact_scores_not_rounded_ones() {
        // 84.1103… and 84.1076… both print 84.11; the tie-break (more cases on time) would
        // put the lower one first.
        let high = replied("B", 10_000, 8_411);
        let low = replied("A", 100_000, 84_108);
        let rules = only_on_time();
        let rows = rank(&[(low, "a".into()), (high, "b".into())], &rules).unwrap();
        assert_eq!(rows[0].score, rows[1].score, "both print the same");
        assert_eq!(
            rows.iter()
                .map(|r| (r.agency.as_str(), r.rank))
                .collect::<Vec<_>>(),
            [("B", Some(1)), ("A", Some(2))]
        );
    }

    #[test]
    fn a_send_back_costs_and_an_overdue_case_lowers_the_score() {
        let base = CaseCounts {
            assigned: 4,
            replied: 4,
            on_time: 4,
            ..counts("A")
        };
        let sent_back = CaseCounts {
            sent_back: 1,
            ..base.clone()
        };
        let overdue = CaseCounts {
            open_overdue: 1,
            ..base.clone()
        };
        let w = Weights::default();
        assert_eq!(score(&base, &w), Ok(Some(Ratio::integer(100))));
        assert!(score(&sent_back, &w).unwrap() < score(&base, &w).unwrap());
        assert!(score(&overdue, &w).unwrap() < score(&base, &w).unwrap());
    }

    #[test]
    fn a_single_lucky_case_is_not_ranked_above_a_year_of_work() {
        // Issue 19: one case on time ranked above 33 cases at 100.00.
        let lucky = CaseCounts {
            assigned: 1,
            replied: 1,
            on_time: 1,
            ..counts("A")
        };
        let steady = CaseCounts {
            assigned: 34,
            replied: 34,
            on_time: 33,
            ..counts("B")
        };
        let rows = rank(
            &[(lucky, "a".into()), (steady, "b".into())],
            &Rules::default(),
        )
        .unwrap();
        let by = |code: &str| rows.iter().find(|r| r.agency == code).unwrap().clone();
        assert_eq!(by("A").score, Some(100.0));
        assert_eq!(
            by("A").rank,
            None,
            "below score.min_cases: scored, not ranked"
        );
        assert_eq!(by("B").rank, Some(1));
        assert_eq!(rows[0].agency, "B");
    }

    /// Each row without a rank says why: no case, nothing judged (no score), or too few
    /// cases replied or overdue; a ranked row says nothing.
    #[test]
    fn an_unranked_row_says_why() {
        let rules = Rules::default();
        let few = CaseCounts {
            assigned: 10,
            replied: 9,
            on_time: 9,
            returns: 1,
            ..counts("FEW")
        };
        let waiting = CaseCounts {
            assigned: 2,
            returns: 2,
            ..counts("WAIT")
        };
        let input = [
            (replied("MANY", 12, 11), "m".into()),
            (few, "f".into()),
            (waiting, "w".into()),
            (counts("NONE"), "n".into()),
        ];
        let rows = rank(&input, &rules).unwrap();
        let why = |code: &str| {
            rows.iter()
                .find(|r| r.agency == code)
                .unwrap()
                .unranked(&rules)
        };
        assert_eq!(why("MANY"), None);
        assert_eq!(
            why("FEW"),
            Some(Unranked::TooFew {
                judged: 9,
                least: 10
            })
        );
        assert_eq!(why("WAIT"), Some(Unranked::NothingJudged));
        assert_eq!(why("NONE"), Some(Unranked::NoCases));
    }

    /// Y9: four communes with the same exact score, the same cases on time and the same
    /// assignments were ranked 2, 3, 4, 5 by their code. Equal results share a rank, and the
    /// next rank skips the places they fill; a code orders their rows, never their rank.
    #[test]
    fn equal_results_share_a_rank_and_the_next_skips_the_places_they_fill() {
        let rules = only_on_time();
        let input = [
            (replied("32248", 1, 1), "e".to_owned()),
            (replied("31942", 5, 5), "a".to_owned()),
            (replied("32065", 1, 1), "c".to_owned()),
            (replied("32128", 1, 1), "d".to_owned()),
            (replied("32047", 1, 1), "b".to_owned()),
            (replied("CAMAWA", 2, 1), "f".to_owned()),
            (replied("SLOW", 4, 2), "g".to_owned()),
        ];
        let rows = rank(&input, &rules).unwrap();
        let order: Vec<(&str, Option<u64>)> =
            rows.iter().map(|r| (r.agency.as_str(), r.rank)).collect();
        assert_eq!(
            order,
            [
                ("31942", Some(1)),
                ("32047", Some(2)),
                ("32065", Some(2)),
                ("32128", Some(2)),
                ("32248", Some(2)),
                // Equal score (50), but more cases on time: a rank of its own.
                ("SLOW", Some(6)),
                ("CAMAWA", Some(7)),
            ]
        );
        // A shared rank does not depend on the codes: renamed, the same places.
        let renamed: Vec<_> = input
            .iter()
            .map(|(c, n)| {
                let code = if c.agency == "32248" {
                    "00001"
                } else {
                    &c.agency
                };
                (
                    CaseCounts {
                        agency: code.into(),
                        ..c.clone()
                    },
                    n.clone(),
                )
            })
            .collect();
        let again = rank(&renamed, &rules).unwrap();
        let rank_of =
            |rows: &[ScoreRow], code: &str| rows.iter().find(|r| r.agency == code).unwrap().rank;
        assert_eq!(rank_of(&again, "00001"), Some(2));
        assert_eq!(rank_of(&again, "32047"), Some(2));
        assert_eq!(rank_of(&again, "SLOW"), Some(6));
    }

    /// Y3: two agencies printed 84,77 ranked 9 and 10: the group is found, with the
    /// decimals that tell their exact scores apart; an equal exact score says that the
    /// cases on time decided; a shared rank is no such group.
    #[test]
    fn rows_printed_alike_with_different_ranks_are_found_with_what_decided() {
        let rules = only_on_time();
        // 84.7724 and 84.7716 print 84.77, and 84.772 at three decimals; 75 twice,
        // exactly, with 150 and 3 cases on time.
        let input = [
            (replied("SYT", 1_000_000, 847_724), "y".to_owned()),
            (replied("CAT", 1_000_000, 847_716), "c".to_owned()),
            (replied("CAMAWA", 200, 150), "w".to_owned()),
            (replied("32025", 4, 3), "t".to_owned()),
            (replied("A", 1, 1), "a".to_owned()),
            (replied("B", 1, 1), "b".to_owned()),
        ];
        let rows = rank(&input, &rules).unwrap();
        let ties = rounded_ties(&rows);
        let codes = |t: &RoundedTie| {
            t.rows
                .iter()
                .map(|&i| (rows[i].agency.as_str(), rows[i].rank.unwrap()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ties.len(), 2, "{ties:?}");
        assert_eq!(codes(&ties[0]), [("SYT", 3), ("CAT", 4)]);
        assert_eq!(
            (ties[0].by_exact, ties[0].places, ties[0].by_on_time),
            (true, 4, false)
        );
        assert_eq!(codes(&ties[1]), [("CAMAWA", 5), ("32025", 6)]);
        assert!(!ties[1].by_exact && ties[1].by_on_time && !ties[1].by_assigned);
        // A and B share rank 1 at 100: no note.
        assert_eq!((rows[0].rank, rows[1].rank), (Some(1), Some(1)));
    }

    /// An unranked row between ranked ones (below the threshold) takes no place.
    #[test]
    fn an_unranked_row_takes_no_place_in_the_ranking() {
        let rules = Rules {
            min_cases: 2,
            ..only_on_time()
        };
        let input = [
            (replied("A", 3, 3), "a".to_owned()),
            (replied("B", 3, 3), "b".to_owned()),
            (replied("LUCKY", 1, 1), "l".to_owned()),
            (replied("C", 3, 2), "c".to_owned()),
        ];
        let rows = rank(&input, &rules).unwrap();
        let ranks: Vec<(&str, Option<u64>)> =
            rows.iter().map(|r| (r.agency.as_str(), r.rank)).collect();
        assert_eq!(
            ranks,
            [
                ("A", Some(1)),
                ("B", Some(1)),
                ("C", Some(3)),
                ("LUCKY", None)
            ]
        );
    }

    #[test]
    fn ties_are_broken_the_same_way_every_time() {
        let full = |code: &str, n: u64| replied(code, n, n);
        let input = vec![
            (full("B", 2), "b".to_owned()),
            (counts("Z"), "z".to_owned()),
            (full("C", 3), "c".to_owned()),
            (full("A", 2), "a".to_owned()),
        ];
        let rules = Rules {
            min_cases: 1,
            ..Rules::default()
        };
        let rows = rank(&input, &rules).unwrap();
        let order: Vec<(&str, Option<u64>)> =
            rows.iter().map(|r| (r.agency.as_str(), r.rank)).collect();
        // All three score 100: more replies on time first; A and B are equal in every
        // result, so they share the rank, listed by code.
        assert_eq!(
            order,
            [("C", Some(1)), ("A", Some(2)), ("B", Some(2)), ("Z", None)]
        );
        let mut reversed = input.clone();
        reversed.reverse();
        assert_eq!(rank(&reversed, &rules).unwrap(), rows);
    }

    /// Y2, Y4: a 2026 file listed the district committees abolished on 1/7/2025, and the
    /// first half-year's an agency set up in July. The days in operation place a period
    /// outside, across or inside them; a district-level row with no last day ends with the
    /// district level.
    #[test]
    fn an_agency_is_in_a_period_on_the_days_it_was_in_operation() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let year = |y: &str| Period::year(y).unwrap();
        let half = |h: &str| Period::half(h).unwrap();
        let july = day("2026-07-01");
        assert_eq!(
            in_period("province", july, None, &half("2026-H1")),
            InPeriod::Outside
        );
        assert_eq!(
            in_period("province", july, None, &year("2026")),
            InPeriod::Part {
                from: july,
                until: None
            }
        );
        assert_eq!(
            in_period("province", july, None, &half("2026-H2")),
            InPeriod::Throughout
        );
        let last = day("2025-06-30");
        for until in [None, last] {
            assert_eq!(
                in_period("district", None, until, &year("2026")),
                InPeriod::Outside
            );
            assert_eq!(
                in_period("district", None, until, &year("2025")),
                InPeriod::Part {
                    from: None,
                    until: last
                }
            );
            assert_eq!(
                in_period("district", None, until, &half("2025-H1")),
                InPeriod::Throughout
            );
        }
        assert_eq!(
            in_period("commune", None, None, &year("2026")),
            InPeriod::Throughout
        );
        // Both days inside: a board that worked from March to September.
        assert_eq!(
            in_period(
                "province",
                day("2026-03-01"),
                day("2026-09-30"),
                &year("2026")
            ),
            InPeriod::Part {
                from: day("2026-03-01"),
                until: day("2026-09-30")
            }
        );
    }
}
