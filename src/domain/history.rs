//! What the settings and the operator's calendar days were at a past moment, so that a report
//! "as of" that moment gives the same numbers after any later change (docs/rules.md §5).
//! Every change is an event whose payload says what it replaced (`settings_set`: `from`;
//! `calendar_*`: each day's `replaced` or `removed` line), so the state at a moment is the
//! state now with the changes logged after it undone, newest first. Pure: the caller reads
//! the current state and the events.
//!
//! The names of agencies and fields too (`names_then`), which the report and the score print
//! beside their figures, and an agency's level (`values_then`), which makes the ward list:
//! an `agency_add` or `field_add` logs the row as written, not the name it replaced, so the
//! name a later change replaced is the one logged last before it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::Value;

use super::calendar::{Entry, ScheduledDay};
use super::event::EventKind;

/// The settings stored (key → text; an absent key takes its default) and the operator's
/// calendar days, at some moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub settings: BTreeMap<String, String>,
    pub days: BTreeMap<NaiveDate, ScheduledDay>,
}

/// A logged change that cannot be undone because its payload is not one phananh wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

fn day(line: &Value) -> Option<ScheduledDay> {
    Some(ScheduledDay {
        date: NaiveDate::parse_from_str(line["date"].as_str()?, "%Y-%m-%d").ok()?,
        entry: Entry::parse(line["entry"].as_str()?)?,
        name: line["name"].as_str().unwrap_or_default().to_owned(),
        source: line["source"].as_str().unwrap_or_default().to_owned(),
    })
}

impl State {
    /// Undoes one change (`action` with its JSON `payload`); changes must come newest first.
    pub fn undo(&mut self, kind: EventKind, payload: &str) -> Result<(), Unreadable> {
        let bad = || Unreadable(format!("{}: {payload}", kind.as_str()));
        // The members read as `serde_json` reads the whole object (the last of a name), the
        // rest read past: a change's lists of clocks are megabytes.
        let member = |key: &str| super::payload::last_under(payload, key);
        match kind {
            EventKind::SettingsSet => {
                let key = member("key")
                    .and_then(|key| key.as_str().map(str::to_owned))
                    .ok_or_else(bad)?;
                match member("from").as_ref().and_then(Value::as_str) {
                    Some(before) => self.settings.insert(key, before.to_owned()),
                    None => self.settings.remove(&key),
                };
            }
            EventKind::CalendarAddHoliday
            | EventKind::CalendarAddWorkday
            | EventKind::CalendarImport => {
                for line in member("days")
                    .as_ref()
                    .and_then(Value::as_array)
                    .ok_or_else(bad)?
                {
                    let date = day(line).ok_or_else(bad)?.date;
                    match line.get("replaced").filter(|r| !r.is_null()) {
                        Some(before) => self.days.insert(date, day(before).ok_or_else(bad)?),
                        None => self.days.remove(&date),
                    };
                }
            }
            EventKind::CalendarRemove => {
                for line in member("days")
                    .as_ref()
                    .and_then(Value::as_array)
                    .ok_or_else(bad)?
                {
                    let removed = day(&line["removed"]).ok_or_else(bad)?;
                    self.days.insert(removed.date, removed);
                }
            }
            _ => {
                serde_json::from_str::<serde::de::IgnoredAny>(payload).map_err(|_| bad())?;
            }
        }
        Ok(())
    }

    /// The operator's days, oldest first, as the calendar takes them.
    pub fn day_list(&self) -> Vec<ScheduledDay> {
        self.days.values().cloned().collect()
    }
}

/// The payload of a logged change of `kind` as [`State::undo`] reads it: the members it
/// reads (`key` and `from`; `days`) of a payload that is one JSON object holding them, else
/// the payload whole (which undo then names). A change of the limits or the calendar lists
/// every clock it moved, kept or re-judged, megabytes over a large backlog: every change
/// held whole while a walk undoes them took `calendar rejudge` over 60,000 stopped clocks
/// to 148 MB (`memory::re_judging_a_large_backlog_of_stopped_clocks_runs_in_flat_memory`).
pub fn undone(kind: EventKind, payload: &str) -> String {
    let read: &[&str] = match kind {
        EventKind::SettingsSet => &["key", "from"],
        EventKind::CalendarAddHoliday
        | EventKind::CalendarAddWorkday
        | EventKind::CalendarImport
        | EventKind::CalendarRemove => &["days"],
        _ => return payload.to_owned(),
    };
    let mut members = serde_json::Map::new();
    for key in read {
        if let Some(value) = super::payload::last_under(payload, key) {
            members.insert((*key).to_owned(), value);
        }
    }
    if !members.contains_key(read[0]) {
        return payload.to_owned();
    }
    Value::Object(members).to_string()
}

/// One logged `agency_add` or `field_add` as `names_then` reads it: its JSON payload (the
/// row as written: `code`, `name`), and whether it was logged after the moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub after: bool,
    pub payload: String,
}

/// Turns `names` (code → name today) into the names at the moment, given every logged write
/// of those rows in log order (`logged`, oldest first). A row written after the moment gets
/// back the name logged last at or before it; one with no such write keeps today's name,
/// the only one known (docs/rules.md §5). A row not written after the moment keeps today's
/// name whatever came before: the table is vouched for by the log as it stands.
///
/// Returns the codes of the rows written after the moment and never before it: added after
/// it, not there yet at the moment.
pub fn names_then(
    names: &mut BTreeMap<String, String>,
    logged: &[Named],
) -> Result<BTreeSet<String>, Unreadable> {
    values_then(names, logged, "name")
}

/// [`names_then`] at the end of a period that ended before the moment (`Period::named_at`):
/// a row with no write at or before the end, because the log began after it (the agencies
/// set up, then the period's work entered after the fact), takes the name of its first
/// logged write, the earliest the log knows, where [`names_then`] keeps today's: a unit
/// set up under its old name and renamed since must not carry the new one back into the
/// closed period (docs/rules.md §5).
pub fn names_at_end(
    names: &mut BTreeMap<String, String>,
    logged: &[Named],
) -> Result<(), Unreadable> {
    let unknown = values_then(names, logged, "name")?;
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for write in logged {
        let bad = || Unreadable(write.payload.clone());
        let p: Value = serde_json::from_str(&write.payload).map_err(|_| bad())?;
        let code = p["code"].as_str().ok_or_else(bad)?;
        if unknown.contains(code) && !first.contains_key(code) {
            let name = p["name"].as_str().ok_or_else(bad)?;
            first.insert(code.to_owned(), name.to_owned());
        }
    }
    for (code, name) in first {
        if let Some(now) = names.get_mut(&code) {
            *now = name;
        }
    }
    Ok(())
}

/// [`names_then`] for another text attribute the writes log whole (`level` of an agency):
/// the ward list of a moment is the commune-level units then, and a unit's level changed
/// after it (`agency add` over its row) must not change the moment's report.
pub fn values_then(
    names: &mut BTreeMap<String, String>,
    logged: &[Named],
    attribute: &str,
) -> Result<BTreeSet<String>, Unreadable> {
    let mut then: BTreeMap<String, String> = BTreeMap::new();
    let mut changed = BTreeSet::new();
    for write in logged {
        let bad = || Unreadable(write.payload.clone());
        let p: Value = serde_json::from_str(&write.payload).map_err(|_| bad())?;
        let code = p["code"].as_str().ok_or_else(bad)?;
        if write.after {
            changed.insert(code.to_owned());
        } else {
            let name = p[attribute].as_str().ok_or_else(bad)?;
            then.insert(code.to_owned(), name.to_owned());
        }
    }
    let mut added_after = BTreeSet::new();
    for (code, name) in names.iter_mut() {
        if !changed.contains(code) {
            continue;
        }
        match then.remove(code) {
            Some(before) => *name = before,
            None => {
                added_after.insert(code.clone());
            }
        }
    }
    Ok(added_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(after: bool, code: &str, name: &str) -> Named {
        Named {
            after,
            payload: serde_json::json!({"code": code, "name": name, "level": "province"})
                .to_string(),
        }
    }

    /// Y4: the agencies set up after the period (its work entered after the fact), one
    /// renamed since: at the period's end it takes its first logged name, not today's.
    #[test]
    fn at_a_period_end_before_the_log_began_a_row_takes_its_first_logged_name() {
        let mut names: BTreeMap<String, String> = [
            ("SKHCN", "Sở Khoa học, Công nghệ và Đổi mới sáng tạo"),
            ("SYT", "Sở Y tế"),
            ("SXD", "Sở Xây dựng"),
        ]
        .map(|(c, n)| (c.to_owned(), n.to_owned()))
        .into();
        let logged = [
            named(false, "SXD", "Sở Xây dựng cũ"),
            named(true, "SKHCN", "Sở Khoa học và Công nghệ"),
            named(true, "SYT", "Sở Y tế"),
            named(true, "SKHCN", "Sở Khoa học, Công nghệ và Đổi mới sáng tạo"),
            named(true, "SXD", "Sở Xây dựng"),
        ];
        names_at_end(&mut names, &logged).unwrap();
        assert_eq!(names["SKHCN"], "Sở Khoa học và Công nghệ");
        assert_eq!(names["SYT"], "Sở Y tế");
        // Written before the end: the name then, as names_then gives it.
        assert_eq!(names["SXD"], "Sở Xây dựng cũ");
    }

    #[test]
    fn names_written_after_the_moment_get_back_the_name_logged_last_before_it() {
        let mut names: BTreeMap<String, String> = [
            ("SXD", "Sở Xây dựng và Giao thông"),
            ("SYT", "Sở Y tế"),
            ("SMOI", "Sở Mới"),
            ("CU", "Cơ quan cũ"),
        ]
        .map(|(c, n)| (c.to_owned(), n.to_owned()))
        .into();
        let logged = [
            named(false, "SXD", "Sở Xây dựng (1)"),
            named(false, "SYT", "Sở Y tế"),
            named(false, "SXD", "Sở Xây dựng"),
            named(true, "SXD", "Sở Xây dựng tạm"),
            named(true, "SXD", "Sở Xây dựng và Giao thông"),
            // Added after the moment: no name before it is known.
            named(true, "SMOI", "Sở Mới"),
        ];
        let added_after = names_then(&mut names, &logged).unwrap();
        assert_eq!(added_after, BTreeSet::from(["SMOI".to_owned()]));
        let got: Vec<&str> = names.values().map(String::as_str).collect();
        // In code order: CU (never logged), SMOI, SXD, SYT.
        assert_eq!(got, ["Cơ quan cũ", "Sở Mới", "Sở Xây dựng", "Sở Y tế"]);
        let unreadable = Named {
            after: true,
            payload: "{}".into(),
        };
        assert!(names_then(&mut names, &[unreadable]).is_err());
    }

    #[test]
    fn a_level_written_after_the_moment_gets_back_the_level_logged_last_before_it() {
        let write = |after: bool, code: &str, level: &str| Named {
            after,
            payload: serde_json::json!({"code": code, "name": "x", "level": level}).to_string(),
        };
        let mut levels: BTreeMap<String, String> = [("32002", "district"), ("SXD", "province")]
            .map(|(c, l)| (c.to_owned(), l.to_owned()))
            .into();
        let logged = [
            write(false, "32002", "commune"),
            write(false, "SXD", "province"),
            write(true, "32002", "district"),
        ];
        assert!(
            values_then(&mut levels, &logged, "level")
                .unwrap()
                .is_empty()
        );
        assert_eq!(levels["32002"], "commune");
        assert_eq!(levels["SXD"], "province");
    }

    fn line(date: &str, entry: &str, name: &str) -> ScheduledDay {
        ScheduledDay {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            entry: Entry::parse(entry).unwrap(),
            name: name.into(),
            source: "s".into(),
        }
    }

    #[test]
    fn later_changes_are_undone_newest_first() {
        let now = State {
            settings: [
                (
                    "calendar.working_hours".to_owned(),
                    "07:30-11:30".to_owned(),
                ),
                ("report.prolonged_working_days".to_owned(), "3".to_owned()),
            ]
            .into(),
            days: [
                (
                    line("2026-10-13", "off", "bão").date,
                    line("2026-10-13", "off", "bão"),
                ),
                (
                    line("2026-10-14", "off", "bão 2").date,
                    line("2026-10-14", "off", "bão 2"),
                ),
            ]
            .into(),
        };
        let mut then = now.clone();
        // Newest first: the 14th was re-added over an older line, the 13th added fresh, the
        // 20th removed, and two settings changed (one from its default).
        let changes = [
            (
                EventKind::CalendarAddHoliday,
                r#"{"days":[{"date":"2026-10-14","entry":"off","name":"bão 2","source":"s",
                    "replaced":{"date":"2026-10-14","entry":"work","name":"cũ","source":"s"}}]}"#,
            ),
            (
                EventKind::CalendarAddHoliday,
                r#"{"days":[{"date":"2026-10-13","entry":"off","name":"bão","source":"s","replaced":null}]}"#,
            ),
            (
                EventKind::CalendarRemove,
                r#"{"days":[{"date":"2026-10-20","removed":{"date":"2026-10-20","entry":"off","name":"x","source":"s"}}]}"#,
            ),
            (
                EventKind::SettingsSet,
                r#"{"key":"calendar.working_hours","from":null,"to":"07:30-11:30"}"#,
            ),
            (
                EventKind::SettingsSet,
                r#"{"key":"report.prolonged_working_days","from":"4","to":"3"}"#,
            ),
            (EventKind::Backup, "{}"),
        ];
        // Undone from the payloads whole and from what undoing holds of them, alike.
        let mut trimmed = then.clone();
        for (kind, payload) in changes {
            then.undo(kind, payload).unwrap();
            trimmed.undo(kind, &undone(kind, payload)).unwrap();
        }
        assert_eq!(trimmed, then);
        assert_eq!(
            then.settings,
            [("report.prolonged_working_days".to_owned(), "4".to_owned())].into()
        );
        assert_eq!(
            then.day_list(),
            [
                line("2026-10-14", "work", "cũ"),
                line("2026-10-20", "off", "x")
            ]
        );
        assert!(then.undo(EventKind::SettingsSet, "not json").is_err());
    }

    /// What undoing holds of a change is the members it reads, the long lists left out;
    /// a payload it cannot read is held whole, so that undo names it as it was logged.
    #[test]
    fn a_change_is_held_for_undoing_without_its_lists_of_clocks() {
        let holiday = r#"{"days":[{"date":"2026-09-29","entry":"off","name":"n","source":"s","replaced":null}],"calendar_version":"v","rejudged_clocks":[{"report_id":1,"stage":"dispatch","round":1}],"sealed":{"rows":[]}}"#;
        assert_eq!(
            undone(EventKind::CalendarAddHoliday, holiday),
            r#"{"days":[{"date":"2026-09-29","entry":"off","name":"n","source":"s","replaced":null}]}"#
        );
        let set = r#"{"key":"deadline.dispatch.working_hours","from":"2","to":"720","kept_overdue":[[1,"dispatch","x"]]}"#;
        assert_eq!(
            undone(EventKind::SettingsSet, set),
            r#"{"key":"deadline.dispatch.working_hours","from":"2"}"#
        );
        for unread in ["not json", r#"{"to":"3"}"#, "[1]", r#"{"key":"k"} x"#] {
            assert_eq!(undone(EventKind::SettingsSet, unread), unread);
        }
        assert_eq!(undone(EventKind::Backup, "{\"a\":[1]}"), "{\"a\":[1]}");
    }

    /// Storage selects `EventKind::CHANGING_DEADLINES` for undoing: exactly the kinds `undo`
    /// reads. Any other kind leaves the state as it is, whatever its payload says.
    #[test]
    fn undo_reads_exactly_the_kinds_that_change_deadlines() {
        for kind in EventKind::ALL {
            let mut state = State::default();
            let read = state.undo(kind, "{}").is_err();
            assert_eq!(
                read,
                EventKind::CHANGING_DEADLINES.contains(&kind),
                "{kind:?}"
            );
            assert_eq!(state, State::default(), "{kind:?}");
        }
    }
}
