//! The account an import of a reference table (fields, agencies, accounts) keeps of what it
//! did: `app::reference` keeps it, `output::reference` says it; and which agencies may be
//! given new work, on which days. No I/O.

use serde::Serialize;

/// The level code (`province`, `district`, `commune`) a file's cell names: the code itself,
/// or the words the tool prints and the province's own lists write, in any case and with
/// or without marks ("tỉnh"; "huyện", "quận", "thị xã", "thành phố" of the districts before
/// July 2025; "xã", "phường", "thị trấn", "xã/phường"). The province's list of its 64
/// communes and wards gives each a `type` of "xã" or "phường", and every row of it was
/// refused.
pub fn level_named(cell: &str) -> Option<&'static str> {
    let folded = crate::domain::text::fold(cell.trim());
    match folded.as_str() {
        "province" | "tinh" => Some("province"),
        "district" | "huyen" | "quan" | "thi xa" | "thanh pho" => Some("district"),
        "commune" | "xa" | "phuong" | "thi tran" | "xa/phuong" | "xa, phuong" => Some("commune"),
        _ => None,
    }
}

/// What an import did, key by key, for its summary: the data of other people's work (who
/// may act, where reports go) is never changed without a word.
#[derive(Debug, Default, Serialize)]
pub struct Imported {
    /// Keys that were not there before.
    pub new: Vec<String>,
    /// Keys whose row changed, with what changed in it.
    pub changed: Vec<(String, Vec<Change>)>,
    /// Rows equal to what was stored.
    pub unchanged: usize,
    /// Disabled accounts the file names: an import never enables an account again.
    pub kept_disabled: Vec<String>,
    /// Logins newly bound, as `account (login)`.
    pub bound: Vec<String>,
    /// In `peer` mode, the enabled accounts named that no operating-system login is bound
    /// to: nobody can act as them until one is (docs/rules.md §7).
    pub unbound: Vec<String>,
}

impl Imported {
    /// How many rows the file had.
    pub fn rows(&self) -> usize {
        self.new.len() + self.changed.len() + self.unchanged
    }

    /// Files `key` under new, changed (with `what`) or unchanged.
    pub fn note(&mut self, key: &str, existed: bool, what: Vec<Change>) {
        if !existed {
            self.new.push(key.to_owned());
        } else if what.is_empty() {
            self.unchanged += 1;
        } else {
            self.changed.push((key.to_owned(), what));
        }
    }
}

/// Whether an agency of `level` no longer exists as a unit that takes new work. The
/// directory's `district` level is the People's Committees of districts, towns and
/// provincial cities, abolished on 1 July 2025 with two-tier local government (their work
/// went to the communes and wards, and the province's departments): their rows stay, so the
/// reports they handled still read, but nothing new is routed or assigned to them.
pub fn dissolved(level: &str) -> bool {
    level == "district"
}

/// Why an agency takes no new work on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// A district-level body ([`dissolved`]).
    DistrictLevel,
    /// Its last day in operation (`agency … --until`), before the day: dissolved or merged.
    Ended(chrono::NaiveDate),
    /// Its first day in operation (`--from`), after the day: not set up yet.
    NotYet(chrono::NaiveDate),
}

/// Whether an agency of `level`, in operation from `from` to `until` (inclusive, None: no
/// bound), takes new work on `day`. Its days were kept for the reports and the scores only,
/// and `assign` gave a report to a department dissolved two months before, whose score then
/// said it was "in operation part of the period" with every figure from after.
pub fn closed_on(
    level: &str,
    (from, until): (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
    day: chrono::NaiveDate,
) -> Option<Closed> {
    if dissolved(level) {
        return Some(Closed::DistrictLevel);
    }
    match (from, until) {
        (_, Some(until)) if day > until => Some(Closed::Ended(until)),
        (Some(from), _) if day < from => Some(Closed::NotYet(from)),
        _ => None,
    }
}

/// An agency left with no active handler while reports wait on it: nobody can open,
/// return or reply to them, and its 1-hour return window and 4-hour processing clock
/// (Đ8.1.b) run out, charged to it. Said when an admin disables its last handler and when
/// the portal assigns to it; `open` are the reports assigned to it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstaffed {
    pub agency: String,
    pub open: Vec<i64>,
}

/// One part of a stored row as it was and as it is given: an admin who changes who may act
/// or where reports go is told the old value beside the new, not only which part moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `name`, `role`, `agency`, `active`, `level`, `parent` or `keywords`.
    pub part: &'static str,
    /// As stored; empty for none (`active`: `true` or `false`).
    pub before: String,
    pub after: String,
}

/// The parts that differ, of those given as (part, before, after).
pub fn differing<const N: usize>(parts: [(&'static str, String, String); N]) -> Vec<Change> {
    parts
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(part, before, after)| Change {
            part,
            before,
            after,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_district_level_body_is_dissolved() {
        assert!(dissolved("district"));
        for level in ["province", "commune"] {
            assert!(!dissolved(level), "{level}");
        }
    }

    #[test]
    fn an_agency_takes_new_work_only_on_its_days_in_operation() {
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let days = (Some(day("2026-01-01")), Some(day("2026-09-30")));
        for (on, closed) in [
            ("2025-12-31", Some(Closed::NotYet(day("2026-01-01")))),
            ("2026-01-01", None),
            ("2026-09-30", None),
            ("2026-10-01", Some(Closed::Ended(day("2026-09-30")))),
        ] {
            assert_eq!(closed_on("province", days, day(on)), closed, "{on}");
        }
        assert_eq!(closed_on("commune", (None, None), day("2030-01-01")), None);
        assert_eq!(
            closed_on("district", (None, None), day("2024-01-01")),
            Some(Closed::DistrictLevel)
        );
    }

    #[test]
    fn only_the_parts_that_differ_are_changes() {
        let changes = differing([
            ("name", "Lan".to_owned(), "Khang".to_owned()),
            ("role", "reception".to_owned(), "reception".to_owned()),
        ]);
        assert_eq!(
            changes,
            vec![Change {
                part: "name",
                before: "Lan".into(),
                after: "Khang".into()
            }]
        );
    }

    /// A level cell names its code however a list writes it; anything else is none.
    #[test]
    fn a_level_is_read_from_its_code_or_the_words_for_it() {
        for (cell, level) in [
            ("province", Some("province")),
            ("Tỉnh", Some("province")),
            ("huyện", Some("district")),
            ("Thành phố", Some("district")),
            ("commune", Some("commune")),
            ("phường", Some("commune")),
            (" XÃ ", Some("commune")),
            ("xa", Some("commune")),
            ("xã/phường", Some("commune")),
            ("thị trấn", Some("commune")),
            ("region", None),
            ("", None),
        ] {
            assert_eq!(level_named(cell), level, "{cell:?}");
        }
    }
}
