//! The settings in force: every \[choice\] reading of the regulation the province may change
//! (docs/rules.md), its default, allowed values and meaning; reading them typed for the
//! domain, and changing one (checked, logged, open deadlines recomputed when it moves them).

use std::borrow::Cow;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use crate::domain::deadline::{Limit, OffHours, Policy, Stage};
use crate::domain::exact::Ratio;
use crate::domain::periodic::Thresholds;
use crate::domain::score::{Rules, Weights};
use crate::domain::validate::LanguageThresholds;
use crate::i18n::Bilingual;
use crate::i18n::Localized;
use crate::storage::settings;

/// What values a setting takes.
pub enum Kind {
    Number {
        min: f64,
        max: f64,
    },
    /// Working-hour windows such as `07:00-11:00,13:00-17:00`.
    Hours,
    /// One of a few words.
    Choice(&'static [&'static str]),
    /// Free text printed on a document (one line; at most 200 characters).
    Text,
}

/// A setting the tool knows: its key, default, allowed values and meaning.
pub struct Known {
    pub key: &'static str,
    pub default: &'static str,
    pub kind: Kind,
    /// Changing it moves the deadlines of open clocks.
    pub moves_deadlines: bool,
}

/// A setting's meaning is `output::settings::meaning`'s.
impl Bilingual for Known {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed(crate::output::settings::meaning(self.key).0)
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed(crate::output::settings::meaning(self.key).1)
    }
}

const fn number(key: &'static str, default: &'static str, min: f64, max: f64) -> Known {
    Known {
        key,
        default,
        kind: Kind::Number { min, max },
        moves_deadlines: false,
    }
}

/// A line of the HTML report's heading or foot; empty by default, when the document takes
/// its own text in the report's language.
const fn document(key: &'static str) -> Known {
    Known {
        key,
        default: "",
        kind: Kind::Text,
        moves_deadlines: false,
    }
}

const fn limit(key: &'static str, default: &'static str) -> Known {
    Known {
        key,
        default,
        kind: Kind::Number {
            min: 0.01,
            max: 720.0,
        },
        moves_deadlines: true,
    }
}

pub const KNOWN: &[Known] = &[
    number("validate.min_syllable_share", "0.6", 0.0, 1.0),
    number("validate.min_marked_or_common_share", "0.3", 0.0, 1.0),
    number("validate.max_foreign_letter_share", "0.2", 0.0, 1.0),
    Known {
        key: "validate.open311_identity",
        default: "optional",
        kind: Kind::Choice(&["optional", "required"]),
        moves_deadlines: false,
    },
    number("classify.auto_min_score", "1", 1.0, 100.0),
    limit("deadline.dispatch.working_hours", "2"),
    limit("deadline.dispatch.day_off_hours", "12"),
    limit("deadline.return.working_hours", "1"),
    limit("deadline.return.day_off_hours", "12"),
    limit("deadline.process.working_hours", "4"),
    limit("deadline.process.day_off_hours", "24"),
    limit("deadline.publish.working_hours", "2"),
    limit("deadline.publish.day_off_hours", "12"),
    Known {
        key: "deadline.off_hours",
        default: "next_window",
        kind: Kind::Choice(&["next_window", "day_off"]),
        moves_deadlines: true,
    },
    Known {
        key: "calendar.working_hours",
        default: crate::domain::calendar::DEFAULT_WORKING_HOURS,
        kind: Kind::Hours,
        moves_deadlines: true,
    },
    Known {
        key: "calendar.national_day_extra",
        default: "before",
        kind: Kind::Choice(&["before", "after"]),
        moves_deadlines: true,
    },
    number("report.prolonged_working_days", "5", 0.5, 365.0),
    number("report.prolonged_returns", "2", 1.0, 100.0),
    number("report.unresolved_send_backs", "2", 1.0, 100.0),
    number("report.unresolved_max_rating", "2", 1.0, 5.0),
    number("score.weight_on_time", "0.6", 0.0, 100.0),
    number("score.weight_returns", "0.1", 0.0, 100.0),
    number("score.weight_send_backs", "0.1", 0.0, 100.0),
    number("score.weight_satisfaction", "0.3", 0.0, 100.0),
    Known {
        key: crate::domain::identity::SETTING,
        default: "trust",
        kind: Kind::Choice(&["peer", "trust"]),
        moves_deadlines: false,
    },
    number("score.min_cases", "10", 1.0, 100000.0),
    document("document.superior"),
    document("document.issuer"),
    document("document.reporter"),
    document("document.symbol"),
    document("document.place"),
    document("document.recipient"),
    document("document.copies"),
    document("document.signer_title"),
    document("document.signer_name"),
    number("sweep.due_soon_minutes", "30", 0.0, 1440.0),
    number("privacy.erase_after_days", "0", 0.0, 36500.0),
    Known {
        key: CSV_STYLE,
        default: "standard",
        kind: Kind::Choice(&["standard", "excel"]),
        moves_deadlines: false,
    },
];

/// The stage whose limit `key` is, when it is one the Decision sets
/// (`deadline.STAGE.working_hours` or `deadline.STAGE.day_off_hours`: Đ7.2, Đ8.1.b, Đ9.4):
/// its default is the Decision's number.
pub fn decision_limit(key: &str) -> Option<Stage> {
    let rest = key.strip_prefix("deadline.")?;
    let (stage, which) = rest.split_once('.')?;
    matches!(which, "working_hours" | "day_off_hours")
        .then(|| Stage::parse(stage))
        .flatten()
}

/// The setting that says how `score` and `report` write CSV when `--csv` does not.
pub const CSV_STYLE: &str = "csv.style";

/// The CSV style of `score` and `report` as set (`csv.style`).
pub fn csv_style(conn: &Connection) -> Result<crate::output::CsvStyle> {
    Ok(crate::output::CsvStyle::named(&text(conn, CSV_STYLE)?))
}

fn known(key: &str) -> Result<&'static Known> {
    KNOWN
        .iter()
        .find(|k| k.key == key)
        .ok_or_else(|| anyhow::anyhow!("unknown setting {key}"))
}

/// The settings whose value in force differs between the databases `before` and `after`,
/// as (key, before, after), but `auth.mode`, which a restore says apart: what a restore
/// rolled back (`app::backup`).
pub fn differing(before: &Connection, after: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut differ = Vec::new();
    for known in KNOWN {
        if known.key == crate::domain::identity::SETTING {
            continue;
        }
        let (was, is) = (text(before, known.key)?, text(after, known.key)?);
        if was != is {
            differ.push((known.key.to_owned(), was, is));
        }
    }
    Ok(differ)
}

/// The text in force: stored, else the default.
pub fn text(conn: &Connection, key: &str) -> Result<String> {
    let known = known(key)?;
    Ok(settings::get(conn, key)?.unwrap_or_else(|| known.default.to_owned()))
}

/// The number in force: stored, else the default.
pub fn value(conn: &Connection, key: &str) -> Result<f64> {
    let known = known(key)?;
    let value = settings::get(conn, key)?
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or_else(|| known.default.parse().expect("numeric defaults parse"));
    // `settings set` stores nothing outside the bounds: a value past them was written behind
    // the tool's back, and is read as the nearest bound (a negative warning time edited
    // into the row pulled the sweep's horizon before now and hid every breach from
    // `--fail-on-breach`: `forged_events::a_warning_time_edited_with_sqlite3_hides_no_breach`).
    // `audit verify` names the row.
    Ok(match known.kind {
        Kind::Number { min, max } => value.clamp(min, max),
        _ => value,
    })
}

/// Whether the stored row of `key` is one the log does not vouch for: the problem, and the
/// setting's default, which a decision that cannot wait for a restore reads instead (the
/// sweep's warning time). None when there is no row or the log vouches for it.
pub fn unvouched_number(
    conn: &Connection,
    key: &str,
) -> Result<Option<(crate::domain::audit::ChainBreak, f64)>> {
    let known = known(key)?;
    if settings::get(conn, key)?.is_none() {
        return Ok(None);
    }
    let default = known.default.parse().expect("numeric defaults parse");
    Ok(super::audit::unvouched_setting_row(conn, key)?.map(|problem| (problem, default)))
}

/// Checks a new value; returns it as it will be stored.
pub fn check(known: &Known, value: &str) -> Result<String, Localized> {
    let value = value.trim();
    let key = known.key;
    match &known.kind {
        // At most six decimals: the scores use the setting's exact decimal value.
        Kind::Number { min, max } => value
            .parse::<f64>()
            .ok()
            .filter(|v| (*min..=*max).contains(v))
            .map(|v| v.to_string())
            .filter(|v| v.split_once('.').is_none_or(|(_, d)| d.len() <= 6))
            .ok_or_else(|| {
                // Vietnamese writes "0,6", as the reports and the score's heading do; the
                // setting is stored for programs, with a point. Said, not guessed: "1,440"
                // is a thousand and more in English.
                let pointed = value.replacen(',', ".", 1);
                let with_point = (value.matches(',').count() == 1)
                    .then(|| pointed.parse::<f64>().ok())
                    .flatten()
                    .filter(|v| (*min..=*max).contains(v))
                    .map(|_| format!("`phananh settings set {key} {pointed}`"));
                crate::output::settings::not_a_number(
                    key,
                    (*min, *max),
                    value,
                    with_point.as_deref(),
                )
            }),
        Kind::Hours => crate::domain::calendar::WorkingHours::parse(value)
            .map(|h| h.to_string())
            .ok_or_else(|| crate::output::settings::not_hours(key, value)),
        Kind::Text => Some(value.to_owned())
            .filter(|v| v.chars().count() <= 200 && !v.chars().any(char::is_control))
            .ok_or_else(|| crate::output::settings::not_a_line(key)),
        Kind::Choice(words) => words
            .iter()
            .find(|w| **w == value)
            .map(|w| (*w).to_owned())
            .ok_or_else(|| crate::output::settings::not_a_choice(key, words, value)),
    }
}

/// The language heuristic's thresholds as configured.
pub fn language_thresholds(conn: &Connection) -> Result<LanguageThresholds> {
    Ok(LanguageThresholds {
        min_syllable_share: value(conn, "validate.min_syllable_share")?,
        min_marked_or_common_share: value(conn, "validate.min_marked_or_common_share")?,
        max_foreign_letter_share: value(conn, "validate.max_foreign_letter_share")?,
        ..LanguageThresholds::default()
    })
}

/// Whether a report that came in over Open311 may lack the reporter's name and phone
/// (`validate.open311_identity`).
pub fn open311_identity_optional(conn: &Connection) -> Result<bool> {
    Ok(text(conn, "validate.open311_identity")? == "optional")
}

/// The settings as they stood at some moment: the stored values with every later change
/// undone (`domain::history`), for a report "as of" that moment. `Now` reads the table.
pub enum InForce<'a> {
    Now,
    Then(&'a std::collections::BTreeMap<String, String>),
}

impl InForce<'_> {
    pub fn text(&self, conn: &Connection, key: &str) -> Result<String> {
        match self {
            InForce::Now => text(conn, key),
            InForce::Then(stored) => Ok(stored
                .get(key)
                .cloned()
                .unwrap_or_else(|| known(key).map(|k| k.default.to_owned()).unwrap_or_default())),
        }
    }

    /// A number as a double (deadline limits, which are counted in whole seconds).
    pub fn number(&self, conn: &Connection, key: &str) -> Result<f64> {
        match self {
            InForce::Now => value(conn, key),
            InForce::Then(_) => Ok(self.text(conn, key)?.parse().unwrap_or_else(|_| {
                known(key)
                    .ok()
                    .and_then(|k| k.default.parse().ok())
                    .unwrap_or(0.0)
            })),
        }
    }

    /// A number exactly as its text says it.
    pub fn exact(&self, conn: &Connection, key: &str) -> Result<Ratio> {
        let text = self.text(conn, key)?;
        Ratio::parse(&text)
            .or_else(|| Ratio::parse(known(key).ok()?.default))
            .with_context(|| format!("setting {key} holds {text}, not a number"))
    }

    fn whole(&self, conn: &Connection, key: &str) -> Result<u64> {
        let r = self.exact(conn, key)?;
        Ok(u64::try_from(r.round_half_up(0).unwrap_or(0)).unwrap_or(0))
    }
}

/// The thresholds of the periodic report's case lists as configured.
pub fn report_thresholds(conn: &Connection, at: &InForce<'_>) -> Result<Thresholds> {
    Ok(Thresholds {
        prolonged_working_days: at.exact(conn, "report.prolonged_working_days")?,
        prolonged_returns: at.whole(conn, "report.prolonged_returns")? as u32,
        unresolved_send_backs: at.whole(conn, "report.unresolved_send_backs")? as u32,
        unresolved_max_rating: at.whole(conn, "report.unresolved_max_rating")?.min(5) as u8,
    })
}

/// The score's weights and ranking threshold as configured, exact.
pub fn score_rules(conn: &Connection, at: &InForce<'_>) -> Result<Rules> {
    Ok(Rules {
        weights: Weights {
            on_time: at.exact(conn, "score.weight_on_time")?,
            returns: at.exact(conn, "score.weight_returns")?,
            send_backs: at.exact(conn, "score.weight_send_backs")?,
            satisfaction: at.exact(conn, "score.weight_satisfaction")?,
        },
        min_cases: at.whole(conn, "score.min_cases")?,
    })
}

/// Every setting in force whose key starts with one of `prefixes`, for printing beside the
/// numbers they shaped.
pub fn in_force(
    conn: &Connection,
    at: &InForce<'_>,
    prefixes: &[&str],
) -> Result<Vec<(String, String)>> {
    KNOWN
        .iter()
        .filter(|k| prefixes.iter().any(|p| k.key.starts_with(p)))
        .map(|k| Ok((k.key.to_owned(), at.text(conn, k.key)?)))
        .collect()
}

/// The deadline limits and off-hours treatment as configured.
pub fn policy(conn: &Connection) -> Result<Policy> {
    policy_at(conn, &InForce::Now)
}

/// The deadline limits and off-hours treatment in force `at`.
pub fn policy_at(conn: &Connection, at: &InForce<'_>) -> Result<Policy> {
    let mut limits = [Limit {
        working: 0,
        day_off: 0,
    }; 4];
    for (slot, stage) in limits.iter_mut().zip(Stage::ALL) {
        let seconds = |which: &str| -> Result<i64> {
            let key = format!("deadline.{stage}.{which}");
            let hours = at.number(conn, &key)?;
            Ok((hours * 3600.0).round() as i64)
        };
        *slot = Limit {
            working: seconds("working_hours")?,
            day_off: seconds("day_off_hours")?,
        };
    }
    let off_hours = OffHours::parse(&at.text(conn, "deadline.off_hours")?)
        .context("deadline.off_hours holds an unknown value")?;
    Ok(Policy::new(limits, off_hours))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every setting the tool knows has its meaning in each language, and no meaning is
    /// worded for a setting it does not know: the two lists are one table split in two.
    #[test]
    fn every_known_setting_has_its_meaning_and_no_other_has_one() {
        for known in KNOWN {
            let (vi, en) = crate::output::settings::meaning(known.key);
            assert!(
                !vi.is_empty() && !en.is_empty(),
                "{} has no meaning",
                known.key
            );
        }
        assert_eq!(crate::output::settings::MEANINGS.len(), KNOWN.len());
    }
}
