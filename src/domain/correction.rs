//! Correcting a reporter's stored name or phone at their request (Law 91/2025/QH15: the
//! right to have one's personal data corrected; SECURITY.md): which corrected values may be
//! stored, judged by the rules a report arriving is judged by (Đ6.3: a name holds a letter,
//! the phone is a Vietnamese number, stored as `validate::normalize_phone` writes it), and
//! which fields they change. Pure: `app::correct` opens the identity and seals it again.

use crate::domain::intake::{Column, invisible, longest};
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
}

/// The identity `stored_name` and `stored_phone` become with `name` and `phone` where
/// given: the name trimmed and in NFC, the phone in its national `0…` form.
pub fn correct(
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
            if typed.chars().count() > limit {
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
    Ok(Corrected {
        name,
        phone,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phone a spreadsheet stripped of its 0, corrected: stored as intake stores a
    /// valid number, the name kept.
    #[test]
    fn a_phone_that_lost_its_zero_is_corrected_to_its_national_form() {
        let fixed = correct("Phạm Ngọc Hân", "398765498", None, Some("039 876 5498")).unwrap();
        assert_eq!(fixed.name, "Phạm Ngọc Hân");
        assert_eq!(fixed.phone, "0398765498");
        assert_eq!(fixed.fields, ["reporter_phone"]);
        let both = correct(
            "Pham Ngoc Han",
            "398765498",
            Some(" Phạm Ngọc Hân "),
            Some("+84398765498"),
        )
        .unwrap();
        assert_eq!(both.fields, ["reporter_name", "reporter_phone"]);
        assert_eq!(both.name, "Phạm Ngọc Hân");
    }

    #[test]
    fn what_intake_would_refuse_or_changes_nothing_is_refused() {
        let stored = ("Phạm Ngọc Hân", "0398765498");
        let try_ =
            |name: Option<&str>, phone: Option<&str>| correct(stored.0, stored.1, name, phone);
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
        // The same number however written, the same name however composed.
        assert_eq!(try_(None, Some("0398.765.498")), Err(Refused::NoChange));
        let decomposed: String =
            unicode_normalization::UnicodeNormalization::nfd("Phạm Ngọc Hân").collect();
        assert_eq!(try_(Some(&decomposed), None), Err(Refused::NoChange));
    }
}
