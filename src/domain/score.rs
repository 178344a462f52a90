//! The yearly emulation score of each agency for Home Affairs (docs/rules.md §5; Đ13.7, Đ14): a
//! documented weighted formula over the agency's year, and a deterministic ranking.
//! [choice] The formula and its weights are ours; the weights are settings.

use serde::Serialize;

use super::periodic::AgencyStats;

/// The weights of the three parts of the score; they need not add up to one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    pub on_time: f64,
    pub returns: f64,
    pub satisfaction: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            on_time: 0.6,
            returns: 0.1,
            satisfaction: 0.3,
        }
    }
}

/// One agency's line of the score CSV (docs/rules.md §5 columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    pub agency: String,
    pub name: String,
    pub assigned: u64,
    pub replied: u64,
    pub on_time: u64,
    pub late: u64,
    pub returns: u64,
    pub late_returns: u64,
    pub open_overdue: u64,
    pub ratings: u64,
    pub average_rating: Option<f64>,
    pub satisfied_share: Option<f64>,
    /// None for an agency with nothing assigned: no score, not 0 and not 100.
    pub score: Option<f64>,
    pub rank: Option<u64>,
}

/// The score in 0..=100, rounded to two decimals, or None with nothing assigned.
///
/// score = 100 × (w_t·T + w_r·R + w_s·S) ÷ (w_t + w_r + w_s), where
/// - T = replies on time ÷ (replies + processing clocks still open past due) — the on-time
///   rate of docs/rules.md §5, so an overdue open case counts against the agency;
/// - R = 1 − late returns ÷ assignments (a return after the window costs);
/// - S = (average rating − 1) ÷ 4; with no rating at all, S and its weight are left out
///   instead of guessing a satisfaction nobody expressed.
///
/// With no reply yet and nothing overdue, T is left out the same way.
pub fn score(stats: &AgencyStats, weights: &Weights) -> Option<f64> {
    if stats.assigned == 0 {
        return None;
    }
    let replied = stats.replied_on_time + stats.replied_late;
    let mut parts: Vec<(f64, f64)> = Vec::new();
    let judged = replied + stats.open_overdue;
    if judged > 0 {
        parts.push((
            weights.on_time,
            stats.replied_on_time as f64 / judged as f64,
        ));
    }
    parts.push((
        weights.returns,
        1.0 - (stats.returned_late as f64 / stats.assigned as f64).min(1.0),
    ));
    if stats.ratings > 0 {
        let average = stats.rating_sum as f64 / stats.ratings as f64;
        parts.push((weights.satisfaction, (average - 1.0) / 4.0));
    }
    let total: f64 = parts.iter().map(|(w, _)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let value = 100.0 * parts.iter().map(|(w, v)| w * v).sum::<f64>() / total;
    Some((value * 100.0).round() / 100.0)
}

/// The rows of every agency, ranked: by score (highest first), then more replies on time,
/// then more assignments, then agency code — so equal scores still get distinct, repeatable
/// ranks. Agencies without a score come last, unranked, by code.
pub fn rank(stats: &[(AgencyStats, String)], weights: &Weights) -> Vec<ScoreRow> {
    let mut rows: Vec<ScoreRow> = stats
        .iter()
        .map(|(s, name)| {
            let replied = s.replied_on_time + s.replied_late;
            ScoreRow {
                agency: s.agency.clone(),
                name: name.clone(),
                assigned: s.assigned,
                replied,
                on_time: s.replied_on_time,
                late: s.replied_late,
                returns: s.returned_on_time + s.returned_late,
                late_returns: s.returned_late,
                open_overdue: s.open_overdue,
                ratings: s.ratings,
                average_rating: (s.ratings > 0)
                    .then(|| round2(s.rating_sum as f64 / s.ratings as f64)),
                satisfied_share: (s.ratings > 0)
                    .then(|| round2(s.satisfied as f64 / s.ratings as f64)),
                score: score(s, weights),
                rank: None,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &ScoreRow| r.score.map(|s| (s * 100.0).round() as i64);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => y
                .cmp(&x)
                .then(b.on_time.cmp(&a.on_time))
                .then(b.assigned.cmp(&a.assigned))
                .then(a.agency.cmp(&b.agency)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.agency.cmp(&b.agency),
        }
    });
    for (i, row) in rows.iter_mut().enumerate() {
        if row.score.is_some() {
            row.rank = Some(i as u64 + 1);
        }
    }
    rows
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(agency: &str) -> AgencyStats {
        AgencyStats {
            agency: agency.into(),
            ..AgencyStats::default()
        }
    }

    #[test]
    fn nothing_assigned_means_no_score_not_zero() {
        assert_eq!(score(&stats("A"), &Weights::default()), None);
        let rows = rank(&[(stats("A"), "A".into())], &Weights::default());
        assert_eq!(rows[0].score, None);
        assert_eq!(rows[0].rank, None);
    }

    #[test]
    fn the_formula_as_documented() {
        let s = AgencyStats {
            assigned: 10,
            replied_on_time: 6,
            replied_late: 2,
            open_overdue: 2,
            returned_on_time: 1,
            returned_late: 1,
            ratings: 4,
            rating_sum: 16,
            ..stats("A")
        };
        // T = 6/10, R = 1 − 1/10, S = (4 − 1)/4.
        let expected = 100.0 * (0.6 * 0.6 + 0.1 * 0.9 + 0.3 * 0.75) / 1.0;
        assert_eq!(
            score(&s, &Weights::default()),
            Some((expected * 100.0_f64).round() / 100.0)
        );
        // Without ratings the satisfaction part is left out, not guessed.
        let unrated = AgencyStats {
            ratings: 0,
            rating_sum: 0,
            ..s.clone()
        };
        let expected = 100.0 * (0.6 * 0.6 + 0.1 * 0.9) / 0.7;
        assert_eq!(
            score(&unrated, &Weights::default()),
            Some((expected * 100.0_f64).round() / 100.0)
        );
    }

    #[test]
    fn an_overdue_open_case_lowers_the_score() {
        let base = AgencyStats {
            assigned: 4,
            replied_on_time: 4,
            ..stats("A")
        };
        let overdue = AgencyStats {
            open_overdue: 1,
            ..base.clone()
        };
        assert!(score(&overdue, &Weights::default()) < score(&base, &Weights::default()));
    }

    #[test]
    fn ties_are_broken_the_same_way_every_time() {
        let a = AgencyStats {
            assigned: 2,
            replied_on_time: 2,
            ..stats("B")
        };
        let b = AgencyStats {
            assigned: 3,
            replied_on_time: 3,
            ..stats("C")
        };
        let c = AgencyStats {
            assigned: 2,
            replied_on_time: 2,
            ..stats("A")
        };
        let input = vec![
            (a, "b".to_owned()),
            (stats("Z"), "z".to_owned()),
            (b, "c".to_owned()),
            (c, "a".to_owned()),
        ];
        let rows = rank(&input, &Weights::default());
        let order: Vec<(&str, Option<u64>)> =
            rows.iter().map(|r| (r.agency.as_str(), r.rank)).collect();
        // All three score 100: more replies on time first, then by code.
        assert_eq!(
            order,
            [("C", Some(1)), ("A", Some(2)), ("B", Some(3)), ("Z", None)]
        );
        let mut reversed = input.clone();
        reversed.reverse();
        assert_eq!(rank(&reversed, &Weights::default()), rows);
    }
}
