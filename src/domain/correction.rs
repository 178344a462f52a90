//! Correcting a reporter's stored name or phone at their request (Law 91/2025/QH15: the
//! right to have one's personal data corrected; SECURITY.md): which corrected values may be
//! stored, judged by the rules a report arriving is judged by (Đ6.3: a name holds a letter,
//! the phone is a Vietnamese number, stored as `validate::normalize_phone` writes it), and
//! which fields they change. Pure: `app::correct` opens the identity and seals it again.

use crate::domain::intake::{Column, id_names, invisible, longest};
use crate::domain::open311::KeptTexts;
use crate::domain::redact::{Kept, Sought, name_places};
use crate::domain::report::Report;
use crate::domain::text::nfc;
use crate::domain::validate::{PhoneError, names_no_one, normalize_phone, phone_in_name};

/// The identity to seal in place of the stored one, and the fields that differ, in the
/// order the report's columns are (`reporter_name`, `reporter_phone`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrected {
    pub name: String,
    pub phone: String,
    pub fields: Vec<&'static str>,
}

/// Why a correction is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Neither a name nor a phone was given.
    NothingGiven,
    /// The name given holds no letter: a number or marks name no one (Đ6.3, as
    /// `validate::names_no_one` reads a name arriving).
    NoName,
    /// The name given holds a character that prints nothing or a control (a tab, a
    /// zero-width space): stored, it would make two spellings of one name.
    NameInvisible,
    /// The name given is longer than intake takes a `reporter_name` (`intake::longest`):
    /// refused there as a broken or hostile file, it is not stored here either.
    NameTooLong(usize),
    /// The name given holds a phone number: intake names such a report for reception to
    /// check (`validate::phone_in_name`); typed by the admin, it is a slip to retype.
    PhoneInName,
    /// The phone given is no Vietnamese number (Đ6.3).
    Phone(PhoneError),
    /// What was given is what is stored: nothing to correct.
    NoChange,
    /// The report's app id holds the corrected name or phone: intake stores no such
    /// report (`intake::id_names`), since the id is printed everywhere, the public feed
    /// included, beside the identity's mask.
    IdNamesReporter,
}

/// The identity `stored_name` and `stored_phone` of the report with app id `external_id`
/// become with `name` and `phone` where given: the name trimmed and in NFC, the phone in
/// its national `0…` form.
pub fn correct(
    external_id: &str,
    stored_name: &str,
    stored_phone: &str,
    name: Option<&str>,
    phone: Option<&str>,
) -> Result<Corrected, Refused> {
    if name.is_none() && phone.is_none() {
        return Err(Refused::NothingGiven);
    }
    let name = match name {
        Some(typed) => {
            let limit = longest(Column::ReporterName);
            if crate::domain::text::longer_than_stored(typed, limit) {
                return Err(Refused::NameTooLong(limit));
            }
            let name = nfc(typed.trim());
            if names_no_one(&name) {
                return Err(Refused::NoName);
            }
            if name.chars().any(|c| c != ' ' && invisible(c)) {
                return Err(Refused::NameInvisible);
            }
            if phone_in_name(&name) {
                return Err(Refused::PhoneInName);
            }
            name
        }
        None => stored_name.to_owned(),
    };
    let phone = match phone {
        Some(typed) => normalize_phone(typed).map_err(Refused::Phone)?,
        None => stored_phone.to_owned(),
    };
    let mut fields = Vec::new();
    if name != stored_name {
        fields.push("reporter_name");
    }
    if phone != stored_phone {
        fields.push("reporter_phone");
    }
    if fields.is_empty() {
        return Err(Refused::NoChange);
    }
    // Judged after "no change", and on the fields changed only: an id stored before
    // intake judged ids does not stop the correction of the other field.
    let changed = |field: &str, value: &'_ str| {
        if fields.contains(&field) {
            value.to_owned()
        } else {
            String::new()
        }
    };
    if id_names(
        external_id,
        &changed("reporter_name", &name),
        &changed("reporter_phone", &phone),
    ) {
        return Err(Refused::IdNamesReporter);
    }
    Ok(Corrected {
        name,
        phone,
        fields,
    })
}

/// How many places, text by text, of a report's texts that every reader without identity
/// rights reads redacted (the public feed, `show` for a leader): those views hide the
/// reporter's own name wherever it is written, so a name changed to another person's (the
/// official a complaint accuses) hides that person there too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Places {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub content: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub address: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub result: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Places {
    pub fn total(&self) -> usize {
        self.content + self.address + self.result
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }
}

/// What a change of the reporter's name does to those texts: places hidden that were not,
/// and places hidden that no longer are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moved {
    pub hidden: Places,
    pub shown: Places,
}

impl Moved {
    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty() && self.shown.is_empty()
    }
}

/// What a correction of `report`'s name (opened, its stored name still in place) to
/// `new_name` moves in its redacted texts: `earlier` is what the latest correction or
/// erasure kept (read before it), `kept` what this correction will keep of the name it
/// replaces. A place is hidden by the change when no place hidden before covers it (a
/// place grown wider hides more), shown when no place hidden after covers it.
pub fn places_moved(
    report: &Report,
    earlier: Option<&KeptTexts>,
    new_name: &str,
    kept: Option<&KeptTexts>,
) -> Moved {
    let before_name = Sought::new(&report.reporter_name);
    let after_name = Sought::new(new_name);
    let covered = |place: &(usize, usize), by: &[(usize, usize)]| {
        by.iter().any(|b| b.0 <= place.0 && place.1 <= b.1)
    };
    let moved = |text: &str, pick: fn(&KeptTexts) -> Option<&Kept>| -> (usize, usize) {
        let before = name_places(text, before_name.as_ref(), earlier.and_then(pick));
        let after = name_places(text, after_name.as_ref(), kept.and_then(pick));
        (
            after.iter().filter(|p| !covered(p, &before)).count(),
            before.iter().filter(|p| !covered(p, &after)).count(),
        )
    };
    let content = moved(&report.content, |k| k.content.as_ref());
    let address = moved(&report.address, |k| k.address.as_ref());
    let result = moved(&report.result_text, |k| k.result.as_ref());
    Moved {
        hidden: Places {
            content: content.0,
            address: address.0,
            result: result.0,
        },
        shown: Places {
            content: content.1,
            address: address.1,
            result: result.1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phone a spreadsheet stripped of its 0, corrected: stored as intake stores a
    /// valid number, the name kept.
    #[test]
    fn a_phone_that_lost_its_zero_is_corrected_to_its_national_form() {
        let fixed = correct(
            "CMG-1",
            "Phạm Ngọc Hân",
            "398765498",
            None,
            Some("039 876 5498"),
        )
        .unwrap();
        assert_eq!(fixed.name, "Phạm Ngọc Hân");
        assert_eq!(fixed.phone, "0398765498");
        assert_eq!(fixed.fields, ["reporter_phone"]);
        let both = correct(
            "CMG-1",
            "Pham Ngoc Han",
            "398765498",
            Some(" Phạm Ngọc Hân "),
            Some("+84398765498"),
        )
        .unwrap();
        assert_eq!(both.fields, ["reporter_name", "reporter_phone"]);
        assert_eq!(both.name, "Phạm Ngọc Hân");
    }

    /// A name corrected to the official the complaint accuses hides him in the content and
    /// the result; a spelling of the reporter's own name moves nothing; the old name's
    /// places stay hidden (kept) and are never counted as shown.
    #[test]
    fn a_name_naming_someone_in_the_texts_moves_places_and_its_own_spelling_none() {
        let mut report = Report::received(
            "CMG-1".into(),
            crate::domain::time::parse("2026-10-01 08:00")
                .unwrap()
                .unwrap(),
        );
        report.content = "Tôi là Nguyễn Thị Lệ. Ông Trần Văn Hùng đòi 5 triệu mới ký.".into();
        report.result_text = "Đã kiểm tra, ông Trần Văn Hùng nhận sai.".into();
        report.reporter_name = "Nguyễn Thị Lệ".into();
        let moved = |name: &str| {
            let kept = KeptTexts::of_with(&report, None);
            places_moved(&report, None, name, kept.as_ref())
        };
        let accused = moved("Trần Văn Hùng");
        assert_eq!(
            accused.hidden,
            Places {
                content: 1,
                address: 0,
                result: 1
            }
        );
        assert!(accused.shown.is_empty());
        assert!(moved("Nguyễn Thị Lệ Thu").is_empty());
        assert!(moved("Nguyen Thi Le").is_empty());
    }

    #[test]
    fn what_intake_would_refuse_or_changes_nothing_is_refused() {
        let stored = ("Phạm Ngọc Hân", "0398765498");
        let try_ = |name: Option<&str>, phone: Option<&str>| {
            correct("CMG-1", stored.0, stored.1, name, phone)
        };
        assert_eq!(try_(None, None), Err(Refused::NothingGiven));
        assert_eq!(
            try_(None, Some("398765498")),
            Err(Refused::Phone(PhoneError::Invalid))
        );
        assert_eq!(
            try_(None, Some(" ")),
            Err(Refused::Phone(PhoneError::Empty))
        );
        assert_eq!(try_(Some("0912 345 678"), None), Err(Refused::NoName));
        assert_eq!(try_(Some("  "), None), Err(Refused::NoName));
        assert_eq!(
            try_(Some("Phạm\u{200b}Hân"), None),
            Err(Refused::NameInvisible)
        );
        // Intake's limit and its warning, as the name arriving is judged.
        assert_eq!(
            try_(Some(&"A".repeat(1001)), None),
            Err(Refused::NameTooLong(1000))
        );
        assert!(try_(Some(&"Â".repeat(1000)), None).is_ok());
        assert_eq!(
            try_(Some("Phạm Ngọc Hân 0912 345 678"), None),
            Err(Refused::PhoneInName)
        );
        // The app id printed everywhere would hold the corrected phone or name, as intake
        // refuses a report; the field not corrected is not judged.
        assert_eq!(
            correct(
                "KH-0987654321",
                stored.0,
                stored.1,
                None,
                Some("0987 654 321")
            ),
            Err(Refused::IdNamesReporter)
        );
        assert_eq!(
            correct(
                "phamngochan-1",
                "Phạm Ngọc Han",
                stored.1,
                Some("Phạm Ngọc Hân"),
                None
            ),
            Err(Refused::IdNamesReporter)
        );
        assert!(
            correct(
                "KH-0398765498",
                stored.0,
                stored.1,
                Some("Phạm Ngọc Hà"),
                None
            )
            .is_ok()
        );
        // The same number however written, the same name however composed.
        assert_eq!(try_(None, Some("0398.765.498")), Err(Refused::NoChange));
        let decomposed: String =
            unicode_normalization::UnicodeNormalization::nfd("Phạm Ngọc Hân").collect();
        assert_eq!(try_(Some(&decomposed), None), Err(Refused::NoChange));
    }
}
