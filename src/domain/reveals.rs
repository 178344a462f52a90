//! Who saw whose identity, when and why (Law 91/2025/QH15: accountability for every
//! processing of personal data; Đ6.5): reading an event of a kind that touches a reporter's
//! identity (`EventKind::TOUCHING_IDENTITY`) as a line of `audit reveals`, and deciding
//! which such events concern one report — its own reveals, and every full export whose
//! period and bounds held it, and every lookup by phone (`list --phone`) that found it. The
//! line never carries the identity itself. Also which reports a lookup by phone finds. Pure:
//! the events are read by `storage::events`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::audit::EventRecord;
use crate::domain::backup::{LostSteps, entry_text};
use crate::domain::event::EventKind;

/// One line of `audit reveals`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Access {
    /// The event's number in the log.
    pub event: i64,
    /// When, as the command claimed it (stored RFC 3339, +07:00): `--now` may set it in
    /// trust mode (SECURITY.md).
    pub at: String,
    /// The account that saw or exported.
    pub actor: String,
    /// The operating-system login that ran the command, when recorded.
    pub login: Option<String>,
    /// `reveal`, `export_full`, …
    pub action: EventKind,
    /// The report whose reporter was seen (a reveal); None for an export of many.
    pub report_id: Option<i64>,
    /// How many reports an export held, and the submission dates it covered.
    pub rows: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The file an export went to, when written with `--out`.
    pub out: Option<String>,
    /// Why, as the member of staff said; None for events from before reasons were asked.
    pub reason: Option<String>,
    /// `phone` for a lookup of the reports sent from one phone (`list --phone`), a reveal
    /// about no one report: it told its reader that these reports are that phone's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lookup: Option<String>,
    /// The reports a lookup found (none found is a line too: the question was asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<Vec<i64>>,
    /// The reports a full export handed out, as its event recorded them ([`ranges`]:
    /// `223-340,342`); None for an export from before they were recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covered: Option<String>,
    /// The event of the replaced database this one records again: a restore brought back
    /// a backup made before it and wrote it anew (`payload.reapplied`), the account, login
    /// and time above being the original's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_event: Option<i64>,
    /// The fields a correction changed, or a refused one tried (`reporter_name`,
    /// `reporter_phone`): names only, never values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
    /// How many places of the report's redacted texts (content, address, result) a
    /// correction of the name made every reader without identity rights read hidden, or
    /// read again (`identity correct --yes`): counts only, never the words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_places_hidden: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_places_shown: Option<usize>,
    /// The report this line is read about (its own, or the one `audit reveals --report`
    /// names) had its identity erased before it: the reveal or export showed only the
    /// "erased" marker, not the reporter (`after_erasure`). Set by the caller, who holds the
    /// erasures; false for the erasure itself and for an export read about no one report.
    pub identity_erased: bool,
    /// When the event was really written (the system clock, `EventRecord::recorded_at`);
    /// for an event a restore wrote again, the original's when the restore kept it. None
    /// for events from before it was recorded.
    pub recorded_at: Option<String>,
    /// `at` and `recorded_at` are more than [`AT_TOLERANCE_MINUTES`] apart: the line was
    /// dated with `--now` (a reveal run in December dated in June is listed in June).
    pub at_differs: bool,
}

/// How far apart the claimed and the recorded time of a line may be before `audit reveals`
/// marks it: a command that waited on a lock or a slow disk writes a minute or two late.
pub const AT_TOLERANCE_MINUTES: i64 = 5;

/// Whether `at` and `recorded_at` are more than [`AT_TOLERANCE_MINUTES`] apart; false
/// when either cannot be read.
pub fn times_differ(at: &str, recorded_at: Option<&str>) -> bool {
    let (Some(at), Some(recorded)) = (
        crate::domain::time::stored(at),
        recorded_at.and_then(crate::domain::time::stored),
    ) else {
        return false;
    };
    (at - recorded).num_minutes().abs() > AT_TOLERANCE_MINUTES
}

/// What a restore wrote of an event of the replaced database (`payload.reapplied`): the
/// event, who, when and through which login. An erasure made again names its account and
/// time `erased_by` and `erased_at`.
#[derive(Debug, Default, serde::Deserialize)]
struct Original {
    event: Option<i64>,
    #[serde(alias = "erased_by")]
    by: Option<String>,
    #[serde(alias = "erased_at")]
    at: Option<String>,
    login: Option<String>,
    recorded_at: Option<String>,
}

/// The kinds of event whose lines `access` reads: those that touch an identity, and the
/// refusals among which a correction refused as "values as stored" is one.
pub fn listed_kinds() -> Vec<&'static str> {
    EventKind::TOUCHING_IDENTITY
        .iter()
        .chain([&EventKind::Refused, &EventKind::Restore])
        .map(|k| k.as_str())
        .collect()
}

/// `lookup` of a correction a restore could not make again (`corrections_not_reapplied`
/// of its event): the identity was corrected, then the copy from before it put back; the
/// line keeps the correction's report, account, time, reason and fields.
pub const CORRECTION_NOT_REAPPLIED: &str = "correction_not_reapplied";

/// `lookup` of a withdrawal of consent a restore did not make again
/// (`withdrawals_not_reapplied` of its event), listed as a lost correction is.
pub const WITHDRAWAL_NOT_REAPPLIED: &str = "withdrawal_not_reapplied";

/// `lookup` of a consent given later a restore did not make again
/// (`consents_not_reapplied` of its event), listed as a lost withdrawal is.
pub const CONSENT_NOT_REAPPLIED: &str = "consent_not_reapplied";

/// `lookup` of the other reports an identity correction found its old phone on
/// (`old_phone_also_on` of its event): it told the admin that these reports are that
/// phone's, as `list --phone` does, so each of them lists it.
pub const OLD_PHONE_ALSO_ON: &str = "old_phone_also_on";

/// The lines `record` gives: its own ([`access`]), and for a correction that named the
/// other reports of the phone it replaced, a lookup line about them; or, for a restore, one for each
/// correction and each withdrawal of consent it could not make again. A restore brings
/// back the log of the backup, in which the step is not, and the inspector and the citizen
/// asking must still read that it was made once (Law 91/2025/QH15: accountability).
pub fn lines(record: &EventRecord) -> Vec<Access> {
    if record.action == EventKind::IdentityCorrect.as_str() {
        return access(record)
            .into_iter()
            .flat_map(|line| {
                let payload: serde_json::Value =
                    serde_json::from_str(&record.payload).unwrap_or_default();
                // An array since the lookup is recorded as one; a count before.
                let others: Option<Vec<i64>> = payload
                    .get(OLD_PHONE_ALSO_ON)
                    .and_then(serde_json::Value::as_array)
                    .map(|ids| ids.iter().filter_map(serde_json::Value::as_i64).collect());
                let lookup = others.filter(|ids| !ids.is_empty()).map(|ids| Access {
                    report_id: None,
                    lookup: Some(OLD_PHONE_ALSO_ON.to_owned()),
                    reports: Some(ids),
                    fields: None,
                    public_places_hidden: None,
                    public_places_shown: None,
                    ..line.clone()
                });
                std::iter::once(line).chain(lookup)
            })
            .collect();
    }
    let Some(restored) = LostSteps::of(record) else {
        return access(record).into_iter().collect();
    };
    let mut found = Vec::new();
    for (key, action, lookup) in [
        (
            "corrections_not_reapplied",
            EventKind::IdentityCorrect,
            CORRECTION_NOT_REAPPLIED,
        ),
        (
            "withdrawals_not_reapplied",
            EventKind::ConsentWithdraw,
            WITHDRAWAL_NOT_REAPPLIED,
        ),
        (
            "consents_not_reapplied",
            EventKind::ConsentGive,
            CONSENT_NOT_REAPPLIED,
        ),
    ] {
        for entry in restored.entries(key) {
            let at = entry_text(entry, "at").unwrap_or_else(|| record.at.clone());
            // The lost event's own write time, when the restore kept it.
            let recorded_at = entry_text(entry, "recorded_at");
            let mut line = lost_correction(record, entry, at, recorded_at);
            line.action = action;
            line.lookup = Some(lookup.to_owned());
            found.push(line);
        }
    }
    found
}

/// One correction (or withdrawal) a restore could not make again, as the line `lines`
/// gives of it.
fn lost_correction(
    record: &EventRecord,
    entry: &serde_json::Value,
    at: String,
    recorded_at: Option<String>,
) -> Access {
    Access {
        event: record.id,
        at_differs: times_differ(&at, recorded_at.as_deref()),
        recorded_at,
        at,
        actor: entry_text(entry, "actor").unwrap_or_else(|| record.actor.clone()),
        login: entry_text(entry, "login"),
        action: EventKind::IdentityCorrect,
        report_id: entry.get("report_id").and_then(serde_json::Value::as_i64),
        rows: None,
        from: None,
        to: None,
        out: None,
        reason: entry_text(entry, "reason").filter(|r| !r.trim().is_empty()),
        lookup: Some(CORRECTION_NOT_REAPPLIED.to_owned()),
        reports: None,
        covered: None,
        original_event: entry
            .get("replaced_event")
            .and_then(serde_json::Value::as_i64),
        fields: entry.get("fields").and_then(|f| f.as_array()).map(|f| {
            f.iter()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned)
                .collect()
        }),
        public_places_hidden: None,
        public_places_shown: None,
        identity_erased: false,
    }
}

/// `lookup` of a correction refused because the values typed are those stored: it told its
/// author whether they are the reporter's, so it is listed as an identity access.
pub const CORRECTION_TRIED: &str = "correction_as_stored";

/// The line for `record`, or None when its kind is not one that touches an identity (a
/// refusal is one only when it is a correction's "values as stored").
pub fn access(record: &EventRecord) -> Option<Access> {
    let action = EventKind::parse(&record.action)?;
    let payload: serde_json::Value = serde_json::from_str(&record.payload).unwrap_or_default();
    // Only the refusal that noted what was typed (`stated`): a correction refused for a
    // missing `--yes` or a reason too long told nothing of the identity.
    let tried = action == EventKind::Refused
        && record.report_id.is_some()
        && payload.get("operation").and_then(serde_json::Value::as_str)
            == Some(crate::domain::access::Operation::CorrectIdentity.as_str())
        && payload.get("stated").is_some();
    if !action.touches_identity() && !tried {
        return None;
    }
    let text = |key: &str| {
        payload
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let original: Option<Original> = payload
        .get("reapplied")
        .and_then(|o| serde_json::from_value(o.clone()).ok());
    let original = original.as_ref();
    let at = original
        .and_then(|o| o.at.clone())
        .unwrap_or_else(|| record.at.clone());
    let recorded_at = match original {
        Some(o) => o.recorded_at.clone(),
        None => record.recorded_at.clone(),
    };
    Some(Access {
        event: record.id,
        at_differs: times_differ(&at, recorded_at.as_deref()),
        at,
        recorded_at,
        actor: original
            .and_then(|o| o.by.clone())
            .unwrap_or_else(|| record.actor.clone()),
        login: match original {
            Some(o) => o.login.clone(),
            None => record.login.clone(),
        },
        original_event: original.and_then(|o| o.event),
        action,
        report_id: record.report_id,
        rows: payload.get("rows").and_then(serde_json::Value::as_i64),
        from: text("from"),
        to: text("to"),
        out: text("out"),
        // A refusal's `reason` is the rule it broke; what the admin typed is `stated`.
        reason: text(if tried { "stated" } else { "reason" }).filter(|r| !r.trim().is_empty()),
        lookup: if tried {
            Some(CORRECTION_TRIED.to_owned())
        } else {
            text("lookup")
        },
        fields: payload.get("fields").and_then(|f| f.as_array()).map(|f| {
            f.iter()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned)
                .collect()
        }),
        reports: found(&payload),
        covered: (action == EventKind::ExportFull)
            .then(|| text("report_ranges"))
            .flatten(),
        public_places_hidden: places(&payload, "public_places_hidden"),
        public_places_shown: places(&payload, "public_places_shown"),
        identity_erased: false,
    })
}

/// Whether `line`, read about report `report_id`, came after an erasure of that report's
/// identity among `erasures` (the `erase` lines of the log): then it showed the "erased"
/// marker only. Judged on the lines' times, an event a restore wrote again being at its
/// original's (`Access::at`), and on the log's order when the times are the same; an
/// erasure itself showed nothing either way.
pub fn after_erasure(line: &Access, erasures: &[Access], report_id: i64) -> bool {
    if line.action == EventKind::Erase {
        return false;
    }
    let when = |a: &Access| crate::domain::time::stored(&a.at);
    erasures.iter().any(|erasure| {
        erasure.action == EventKind::Erase
            && erasure.report_id == Some(report_id)
            && match (when(erasure), when(line)) {
                (Some(erased), Some(seen)) if erased != seen => erased < seen,
                _ => erasure.event < line.event,
            }
    })
}

/// The places a correction's payload counts under `key`, all texts together.
fn places(payload: &serde_json::Value, key: &str) -> Option<usize> {
    let texts: crate::domain::correction::Places =
        serde_json::from_value(payload.get(key)?.clone()).ok()?;
    (!texts.is_empty()).then(|| texts.total())
}

/// The reports a lookup's payload says it found.
fn found(payload: &serde_json::Value) -> Option<Vec<i64>> {
    payload
        .get("reports")?
        .as_array()
        .map(|ids| ids.iter().filter_map(serde_json::Value::as_i64).collect())
}

/// The digits a lookup by phone compares (`redact::same_phone_digits`: `+84` and `0084` as
/// `0`, a mobile number of before 2018 as the number it became), or None when what was
/// typed is no Vietnamese phone number: a few digits would match nothing but say nothing
/// either, and an empty one would match every erased identity's empty phone.
pub fn sought_phone(typed: &str) -> Option<String> {
    let digits = crate::domain::redact::same_phone_digits(typed);
    let valid = crate::domain::validate::normalize_phone(typed).is_ok()
        || (digits.len() == 10 && digits.starts_with('0'));
    valid.then_some(digits)
}

/// The phones `text` writes, by their shape (as `redact` finds them to hide them), each as
/// [`sought_phone`] gives it, once: a reason that writes a phone ("theo đơn bà K., đt
/// 0987…") names that number's reporter beside it, whose name the caller looks up by it to
/// hide it too (`app::reasons::reporters_by_phone`).
pub fn phones_written(text: &str) -> Vec<String> {
    let mut phones: Vec<String> = Vec::new();
    for (kind, item) in crate::domain::redact::redact(text, "").items {
        if kind != crate::domain::redact::Kind::Phone {
            continue;
        }
        if let Some(sought) = sought_phone(&item)
            && !phones.contains(&sought)
        {
            phones.push(sought);
        }
    }
    phones
}

/// Whether a report's stored phone, as the app sent it (normalised when it was valid, kept
/// as typed when not), is the phone `sought` (from `sought_phone`).
pub fn same_phone(sought: &str, stored: &str) -> bool {
    !stored.trim().is_empty() && crate::domain::redact::same_phone_digits(stored) == sought
}

/// Whether two reporter names are one name as typed by different hands: compared folded
/// (case, diacritics, spacing: `Nguyen Van  Tam` is `Nguyễn Văn Tâm`), as a clerk reading
/// them would.
pub fn same_name(a: &str, b: &str) -> bool {
    crate::domain::text::fold(a) == crate::domain::text::fold(b)
}

/// The reports sent from one phone grouped by their reporter's name (`same_name`), each
/// group named by its first report's name, in the order of their first report. A phone is
/// a household's (spouses, parents and children share one): more than one group is more
/// than one person, whose data a data subject's access request must not hand over.
pub fn by_name<'a>(reports: impl IntoIterator<Item = (i64, &'a str)>) -> Vec<(String, Vec<i64>)> {
    let mut groups: Vec<(String, Vec<i64>)> = Vec::new();
    for (id, name) in reports {
        match groups.iter_mut().find(|(first, _)| same_name(first, name)) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((name.to_owned(), vec![id])),
        }
    }
    groups
}

/// Report numbers, in order, as ranges: `1-3,5,9-12`. A full export records the reports it
/// handed out so (`app::export`): a month's are a few runs of consecutive numbers, a big
/// export's a few thousand characters rather than its every number.
pub fn ranges(ids: &[i64]) -> String {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for &id in ids {
        match runs.last_mut() {
            Some((_, last)) if id == *last + 1 => *last = id,
            Some((_, last)) if id == *last => {}
            _ => runs.push((id, id)),
        }
    }
    runs.iter()
        .map(|&(first, last)| match first == last {
            true => first.to_string(),
            false => format!("{first}-{last}"),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether report `id` is among `ranges` (as [`ranges`] writes them).
pub fn in_ranges(ranges: &str, id: i64) -> bool {
    ranges.split(',').any(|run| {
        let mut ends = run.trim().splitn(2, '-').map(|n| n.trim().parse::<i64>());
        match (ends.next(), ends.next()) {
            (Some(Ok(first)), None) => first == id,
            (Some(Ok(first)), Some(Ok(last))) => first <= id && id <= last,
            _ => false,
        }
    })
}

/// Whether `access` showed the identity of report `report_id`, submitted on `submitted_on`:
/// an event about that report, or a full export that handed it out (among the reports its
/// event recorded; for an export from before they were recorded, numbered at most its
/// `last_id` and submitted within its period).
pub fn concerns(access: &Access, payload: &str, report_id: i64, submitted_on: NaiveDate) -> bool {
    if let Some(id) = access.report_id {
        return id == report_id;
    }
    if let Some(found) = &access.reports {
        return found.contains(&report_id);
    }
    if access.action != EventKind::ExportFull {
        return false;
    }
    if let Some(covered) = &access.covered {
        return in_ranges(covered, report_id);
    }
    let payload: serde_json::Value = serde_json::from_str(payload).unwrap_or_default();
    let last_id = payload.get("last_id").and_then(serde_json::Value::as_i64);
    let date = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
    last_id.is_some_and(|last| report_id <= last)
        && date(&access.from).is_none_or(|from| from <= submitted_on)
        && date(&access.to).is_none_or(|to| submitted_on <= to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phones_a_text_writes_are_found_once_each_and_nothing_else() {
        assert_eq!(
            phones_written("bà K. (0987 654 321), đt 0987654321; chồng +84 912 345 678"),
            vec!["0987654321".to_owned(), "0912345678".to_owned()]
        );
        assert!(phones_written("Biển số 69A-123.45, 2.500.000 đồng, ngày 12/10/2026").is_empty());
    }

    fn record(action: &str, report_id: Option<i64>, payload: &str) -> EventRecord {
        EventRecord {
            report_id,
            at: "2026-10-05T09:00:00+07:00".into(),
            login: Some("lan".into()),
            ..EventRecord::for_test(7, "tiepnhan.lan", action, payload)
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn report_numbers_read_back_from_their_ranges() {
        let ids = [1, 2, 3, 5, 9, 10, 11, 12, 40];
        let written = ranges(&ids);
        assert_eq!(written, "1-3,5,9-12,40");
        for id in 0..50 {
            assert_eq!(in_ranges(&written, id), ids.contains(&id), "{id}");
        }
        assert_eq!(ranges(&[]), "");
        assert!(!in_ranges("", 0));
    }

    #[test]
    fn names_typed_differently_are_one_group_and_another_name_is_another() {
        let groups = by_name([
            (1, "Nguyễn Văn Tâm"),
            (2, "Nguyen Van  Tam"),
            (4, "Lê Thị Hoa"),
            (5, "NGUYỄN VĂN TÂM "),
        ]);
        assert_eq!(
            groups,
            [
                ("Nguyễn Văn Tâm".to_owned(), vec![1, 2, 5]),
                ("Lê Thị Hoa".to_owned(), vec![4]),
            ]
        );
        assert!(!same_name("Nguyễn Văn Tâm", ""));
    }

    #[test]
    fn only_kinds_that_touch_an_identity_are_lines() {
        assert!(access(&record("assign", Some(1), "{}")).is_none());
        assert!(access(&record("backup", None, "{}")).is_none());
        let reveal = access(&record(
            "reveal",
            Some(5),
            r#"{"fields":["reporter_name","reporter_phone"],"reason":"gọi lại xác minh"}"#,
        ))
        .unwrap();
        assert_eq!(reveal.action, EventKind::Reveal);
        assert_eq!(reveal.reason.as_deref(), Some("gọi lại xác minh"));
        assert_eq!(reveal.report_id, Some(5));
        let old = access(&record("reveal", Some(5), r#"{"fields":[]}"#)).unwrap();
        assert_eq!(old.reason, None);
    }

    #[test]
    fn a_report_is_concerned_by_its_reveals_and_the_exports_that_held_it() {
        let reveal = record("reveal", Some(5), "{}");
        let line = access(&reveal).unwrap();
        assert!(concerns(&line, &reveal.payload, 5, day("2026-10-01")));
        assert!(!concerns(&line, &reveal.payload, 6, day("2026-10-01")));

        let export = record(
            "export_full",
            None,
            r#"{"rows":3,"from":"2026-10-01","to":"2026-10-31","last_id":9,"reason":"đối chiếu"}"#,
        );
        let line = access(&export).unwrap();
        assert_eq!(
            (line.rows, line.from.as_deref()),
            (Some(3), Some("2026-10-01"))
        );
        assert!(concerns(&line, &export.payload, 5, day("2026-10-31")));
        assert!(!concerns(&line, &export.payload, 5, day("2026-11-01")));
        assert!(!concerns(&line, &export.payload, 5, day("2026-09-30")));
        assert!(!concerns(&line, &export.payload, 10, day("2026-10-15")));

        let everything = record("export_full", None, r#"{"rows":0,"last_id":null}"#);
        let line = access(&everything).unwrap();
        assert!(!concerns(&line, &everything.payload, 1, day("2026-10-15")));
        let all = record("export_full", None, r#"{"rows":9,"last_id":9}"#);
        let line = access(&all).unwrap();
        assert!(concerns(&line, &all.payload, 1, day("2020-01-01")));
    }

    #[test]
    fn a_lookup_by_phone_concerns_the_reports_it_found_and_no_other() {
        let lookup = record(
            "reveal",
            None,
            r#"{"lookup":"phone","reports":[4,9],"rows":2,"reason":"đơn yêu cầu"}"#,
        );
        let line = access(&lookup).unwrap();
        assert_eq!(line.lookup.as_deref(), Some("phone"));
        assert_eq!(line.reports, Some(vec![4, 9]));
        assert!(concerns(&line, &lookup.payload, 4, day("2026-10-01")));
        assert!(concerns(&line, &lookup.payload, 9, day("2026-10-01")));
        assert!(!concerns(&line, &lookup.payload, 5, day("2026-10-01")));
        let nothing = record(
            "reveal",
            None,
            r#"{"lookup":"phone","reports":[],"rows":0}"#,
        );
        let line = access(&nothing).unwrap();
        assert!(!concerns(&line, &nothing.payload, 4, day("2026-10-01")));
    }

    #[test]
    fn what_came_after_an_erasure_showed_no_identity() {
        let at = |id: i64, action: &str, at: &str| {
            let mut r = record(action, Some(5), "{}");
            r.id = id;
            r.at = at.into();
            access(&r).unwrap()
        };
        let erased = at(10, "erase", "2026-10-05T09:00:00+07:00");
        let before = at(9, "reveal", "2026-10-05T08:00:00+07:00");
        let same_time_after = at(11, "reveal", "2026-10-05T09:00:00+07:00");
        let later = at(12, "reveal", "2026-10-06T08:00:00+07:00");
        // A reveal a restore wrote again after the erasure keeps its original, earlier time.
        let written_again = at(13, "reveal", "2026-10-04T08:00:00+07:00");
        let erasures = [erased.clone()];
        assert!(!after_erasure(&before, &erasures, 5));
        assert!(after_erasure(&same_time_after, &erasures, 5));
        assert!(after_erasure(&later, &erasures, 5));
        assert!(!after_erasure(&written_again, &erasures, 5));
        assert!(
            !after_erasure(&later, &erasures, 6),
            "another report's erasure"
        );
        assert!(!after_erasure(&erased, &erasures, 5), "the erasure itself");
    }

    #[test]
    fn a_phone_is_sought_however_it_was_written() {
        let sought = sought_phone("+84 932.863.480").unwrap();
        for stored in ["0932863480", "0932-863-480", "84932863480"] {
            assert!(same_phone(&sought, stored), "{stored}");
        }
        assert!(!same_phone(&sought, "0932863481"));
        assert!(!same_phone(&sought, ""));
        // A mobile number of before 2018 is the number it became.
        let old = sought_phone("0169 467 6598").unwrap();
        assert!(same_phone(&old, "0394676598"));
        for nothing in ["", "093", "  ", "abc", "0000"] {
            assert_eq!(sought_phone(nothing), None, "{nothing:?}");
        }
    }
}
