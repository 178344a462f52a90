//! Vietnamese phone numbers (Đ6.3): a reporter's number normalised to its national `0…`
//! digits, or the reason it is refused.
//!
//! Owns the numbering plan: which prefixes and lengths are valid, and which separators,
//! parentheses and country-code spellings a citizen may type around the digits. Must not
//! touch what a refused number does to a report: [`check_complete`](super::check_complete)
//! turns a [`PhoneError`] into a [`Reason`](super::Reason). Pure: no I/O, and no lookup of
//! whether a number is in service.

/// Why a reporter's phone number was refused (Đ6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but whitespace was given.
    #[error("no phone number given: Art. 6.3 requires the reporter's phone number")]
    Empty,
    /// Something was given but it is not a Vietnamese mobile or fixed-line number.
    #[error(
        "not a valid Vietnamese phone number: expected a mobile number of 10 digits starting \
         with 03, 05, 07, 08 or 09, or a fixed line of 11 digits starting with 02; +84 or 84 \
         may replace the leading 0, and spaces, dots and dashes are allowed"
    )]
    Invalid,
}

/// Where a parenthesised group stands while a phone number is scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parentheses {
    None,
    /// Open since the given number of digits had been read.
    Open(usize),
    Closed,
}

/// Normalises a Vietnamese phone number to its national `0…` digits (Art. 6.3, docs/rules.md §1).
///
/// Accepted: a mobile number, `0` then one of `3 5 7 8 9` then 8 digits (10 digits), or a
/// fixed line, `02` then 9 digits (11 digits). Spaces (any Unicode whitespace), dots and
/// dashes may separate digits; one pair of parentheses may enclose a group such as an area
/// code, "(0290) 3 831 234", or the country code, "(+84) 912 345 678". `+84` or `84` stands
/// for the leading `0`; a redundant trunk `0` after it ("+84 (0) 912 345 678") is tolerated
/// because no national number starts with `00`, so it cannot be misread. A number already
/// in `0…` form is never touched by the `84` rule, since it starts with `0`.
///
/// Refused as [`PhoneError::Invalid`]: letters and other symbols, the 11-digit mobile numbers
/// renumbered in 2018 (`01x…`), the 10-digit fixed lines of the plan replaced in 2017 (`04…`),
/// any other length or prefix. An old `08…` fixed line cannot be told from today's `08x`
/// mobile numbers and passes as one.
///
/// # Errors
///
/// [`PhoneError::Empty`] when `raw` is blank, [`PhoneError::Invalid`] otherwise when it is not
/// one of the forms above. Separators alone ("...") are `Invalid`, not `Empty`.
pub fn normalize_phone(raw: &str) -> Result<String, PhoneError> {
    if raw.trim().is_empty() {
        return Err(PhoneError::Empty);
    }
    let raw = without_spreadsheet_marks(raw);
    let mut digits = String::with_capacity(raw.len());
    let mut plus = false;
    let mut parentheses = Parentheses::None;
    for c in raw.chars() {
        // Full-width digits (an East Asian input method, a PDF copy) are the same digits, as
        // the public-text redaction already reads them (docs/huong-dan.md §9).
        let c = match c {
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (u32::from(c) - 0xff10) as u8),
            '\u{ff0b}' => '+',
            c => c,
        };
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            '(' if parentheses == Parentheses::None => {
                parentheses = Parentheses::Open(digits.len());
            }
            ')' => match parentheses {
                Parentheses::Open(start) if digits.len() > start => {
                    parentheses = Parentheses::Closed;
                }
                _ => return Err(PhoneError::Invalid),
            },
            '.' | '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => {}
            c if c.is_whitespace() => {}
            _ => return Err(PhoneError::Invalid),
        }
    }
    if matches!(parentheses, Parentheses::Open(_)) {
        return Err(PhoneError::Invalid);
    }
    // `00` is the international call prefix: "0084 912 345 678" is "+84 912 345 678". No
    // national number starts with `00`, so this cannot misread one.
    if !plus && digits.starts_with("0084") {
        digits.drain(..2);
        plus = true;
    }
    let national = if digits.starts_with('0') && !plus {
        digits
    } else if let Some(subscriber) = digits.strip_prefix("84") {
        let subscriber = subscriber.strip_prefix('0').unwrap_or(subscriber);
        format!("0{subscriber}")
    } else {
        return Err(PhoneError::Invalid);
    };
    if is_national_number(&national) {
        Ok(national)
    } else {
        Err(PhoneError::Invalid)
    }
}

/// `raw` trimmed, without the marks a spreadsheet or a float puts around a number it kept
/// whole: the formula `="0912345678"` (how phananh's own `--csv excel` keeps the 0), the
/// text mark `'0912345678`, and a zero fraction `0912345678.0` / `,0` (a column read as
/// floats, then written with the 0 kept as text or re-added). Each leaves the digits as
/// the citizen gave them, so the number is read, not refused (Đ6.3). A fraction that is
/// not all zeros is left for the checks to refuse: digits may be gone.
fn without_spreadsheet_marks(raw: &str) -> &str {
    let mut raw = raw.trim();
    if let Some(inner) = raw.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        raw = inner.trim();
    } else if let Some(inner) = raw.strip_prefix('\'') {
        raw = inner.trim_start();
    }
    if let Some((whole, fraction)) = raw.rsplit_once(['.', ','])
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b == b'0')
        // Only when the digits before it are a number, or one without its 0: a dot may
        // also separate groups, and "02903831.000" is a fixed line written so.
        && (is_national_number(whole) || is_national_number(&format!("0{whole}")))
    {
        return whole;
    }
    raw
}

/// Whether `raw` is a number a spreadsheet made of a phone by dropping its leading 0: digits
/// alone, refused as they are, a valid national number with a 0 before them ("912345678",
/// "2903831234"), also as a float writes it ("912345678.0"). The mark of a file re-saved
/// through Excel, which reads such a cell as a number; a citizen who typed the number so
/// is rejected too, for the same reason.
pub fn lost_leading_zero(raw: &str) -> bool {
    let raw = without_spreadsheet_marks(raw);
    !raw.is_empty()
        && raw.bytes().all(|b| b.is_ascii_digit())
        && !raw.starts_with('0')
        && normalize_phone(raw).is_err()
        && is_national_number(&format!("0{raw}"))
}

/// Whether `raw` is a number a spreadsheet wrote in scientific notation: digits, a decimal
/// mark (`.` or, under Vietnamese regional settings, `,`) and more digits, then `E` and a
/// power of ten ("9.12E+08", "9,12E+08", "1.23457E+11"). Excel shows a long number so once
/// it has read the cell as one, and saves the cell as shown: the digits past the few it
/// kept are gone, and no one can read the citizen's number back from it. No one types a
/// phone so, and [`normalize_phone`] refuses it (a letter).
pub fn excel_exponent(raw: &str) -> bool {
    let raw = raw.trim();
    let Some((mantissa, power)) = raw.split_once(['E', 'e']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match mantissa.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    digits(whole) && fraction.is_none_or(digits) && digits(power.strip_prefix('+').unwrap_or(power))
}

/// How a spreadsheet spoiled a phone cell so that the reception check would reject the
/// number for good (Đ6.3), though the citizen's own number was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpreadsheetDamage {
    /// [`lost_leading_zero`]: digits alone, the 0 before them dropped.
    LostLeadingZero,
    /// [`excel_exponent`]: written in scientific notation, digits lost.
    Exponent,
}

/// Which spreadsheet damage `raw` shows, if any.
pub fn spreadsheet_damage(raw: &str) -> Option<SpreadsheetDamage> {
    if lost_leading_zero(raw) {
        Some(SpreadsheetDamage::LostLeadingZero)
    } else if excel_exponent(raw) {
        Some(SpreadsheetDamage::Exponent)
    } else {
        None
    }
}

/// Art. 6.3 / docs/rules.md §1: mobile `0[35789]` + 8 digits, fixed line `02` + 9 digits.
fn is_national_number(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    if !bytes.iter().all(u8::is_ascii_digit) || bytes.first() != Some(&b'0') {
        return false;
    }
    matches!(
        (bytes.len(), bytes.get(1)),
        (10, Some(b'3' | b'5' | b'7' | b'8' | b'9')) | (11, Some(b'2'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phone_national_forms_pass_unchanged() {
        for number in [
            "0912345678",
            "0312345678",
            "0512345678",
            "0712345678",
            "0812345678",
        ] {
            assert_eq!(normalize_phone(number).as_deref(), Ok(number));
        }
        assert_eq!(normalize_phone("02903123456").as_deref(), Ok("02903123456"));
    }

    #[test]
    fn phone_national_number_starting_with_084_is_not_read_as_country_code() {
        assert_eq!(normalize_phone("0841234567").as_deref(), Ok("0841234567"));
        assert_eq!(normalize_phone("084 123 4567").as_deref(), Ok("0841234567"));
    }

    #[test]
    fn phone_separators_are_stripped() {
        for raw in [
            "0912 345 678",
            "0912.345.678",
            "0912-345-678",
            " 091 234 5678 ",
            "0912\u{a0}345\u{a0}678",
            "0912\t345678",
            "0912–345–678",
        ] {
            assert_eq!(normalize_phone(raw).as_deref(), Ok("0912345678"), "{raw:?}");
        }
    }

    #[test]
    fn phone_country_code_replaces_leading_zero() {
        for raw in [
            "+84912345678",
            "84912345678",
            "+84 912 345 678",
            "(+84) 912 345 678",
            "+84 (0) 912 345 678",
            "+840912345678",
            "84-912-345-678",
        ] {
            assert_eq!(normalize_phone(raw).as_deref(), Ok("0912345678"), "{raw:?}");
        }
        assert_eq!(
            normalize_phone("+84 290 3123 456").as_deref(),
            Ok("02903123456")
        );
        assert_eq!(
            normalize_phone("842903123456").as_deref(),
            Ok("02903123456")
        );
    }

    #[test]
    fn phone_area_code_in_parentheses() {
        assert_eq!(
            normalize_phone("(0290) 3 123 456").as_deref(),
            Ok("02903123456")
        );
        assert_eq!(
            normalize_phone("(028) 3823.4567").as_deref(),
            Ok("02838234567")
        );
    }

    #[test]
    fn phone_blank_is_empty() {
        for raw in ["", " ", "\t\n"] {
            assert_eq!(normalize_phone(raw), Err(PhoneError::Empty), "{raw:?}");
        }
    }

    #[test]
    fn phone_invalid_numbers() {
        for raw in [
            "...",
            "abc",
            "0912345678a",
            "09I2345678",
            "01612345678",
            "0412345678",
            "0612345678",
            "0212345678",
            "0112345678",
            "091234567",
            "09123456789",
            "022903123456",
            "912345678",
            "+0912345678",
            "+1 202 555 0100",
            "++84912345678",
            "84+912345678",
            "+84 +912345678",
            "(0912345678",
            "0912)345678",
            "()0912345678",
            "(09)(12)345678",
            "0912/345/678",
            "0912,345,678",
            "8491234567",
            "+8400912345678",
        ] {
            assert_eq!(normalize_phone(raw), Err(PhoneError::Invalid), "{raw:?}");
        }
    }

    #[test]
    fn phone_spreadsheet_and_international_forms_are_read() {
        for raw in [
            "0084912345678",
            "0084 912 345 678",
            "=\"0912345678\"",
            "'0912345678",
            "０９１２３４５６７８",
            "＋８４９１２３４５６７８",
            "0912345678.0",
            "0912345678,00",
        ] {
            assert_eq!(normalize_phone(raw).as_deref(), Ok("0912345678"), "{raw:?}");
        }
        assert_eq!(
            normalize_phone("00842903123456").as_deref(),
            Ok("02903123456")
        );
    }

    #[test]
    fn phone_spreadsheet_forms_that_lost_digits_stay_refused() {
        for raw in [
            "0912345678.5",
            "0912.345.678.0",
            "=0912345678",
            "=\"0912345678",
            "00912345678",
            "0085912345678",
        ] {
            assert_eq!(normalize_phone(raw), Err(PhoneError::Invalid), "{raw:?}");
        }
        // A float that lost the leading 0 is set aside as the digits alone are.
        for lost in ["912345678.0", "912345678,0", "=\"912345678\"", "'912345678"] {
            assert!(lost_leading_zero(lost), "{lost}");
            assert_eq!(
                spreadsheet_damage(lost),
                Some(SpreadsheetDamage::LostLeadingZero)
            );
        }
        assert!(!lost_leading_zero("912345678.5"));
        assert_eq!(
            normalize_phone("02903831.000").as_deref(),
            Ok("02903831000")
        );
    }

    #[test]
    fn a_phone_that_lost_its_leading_zero_is_told_from_others() {
        for lost in ["912345678", "394676598", "2903831234", " 812345678 "] {
            assert!(lost_leading_zero(lost), "{lost}");
        }
        for other in [
            "0912345678",
            "84912345678",
            "12345678",
            "112345678",
            "0912 345 678",
            "912 345 678",
            "",
        ] {
            assert!(!lost_leading_zero(other), "{other}");
        }
    }

    #[test]
    fn a_phone_excel_wrote_as_an_exponent_is_told_from_others() {
        for exponent in [
            "9.12E+08",
            "9,12E+08",
            "1.23457E+11",
            " 9.12345678E8 ",
            "9.12e+08",
            "9E+08",
        ] {
            assert!(excel_exponent(exponent), "{exponent}");
            assert_eq!(
                spreadsheet_damage(exponent),
                Some(SpreadsheetDamage::Exponent)
            );
            assert_eq!(normalize_phone(exponent), Err(PhoneError::Invalid));
        }
        for other in [
            "0912345678",
            "912345678",
            "E+08",
            "9.12E",
            "9.12E+",
            "9.E+08",
            ".12E+08",
            "9.12E-08",
            "0912 E 345",
            "",
        ] {
            assert!(!excel_exponent(other), "{other}");
        }
        assert_eq!(
            spreadsheet_damage("912345678"),
            Some(SpreadsheetDamage::LostLeadingZero)
        );
        assert_eq!(spreadsheet_damage("0912345678"), None);
    }

    #[test]
    fn phone_errors_say_what_is_expected() {
        assert!(PhoneError::Empty.to_string().contains("Art. 6.3"));
        let message = PhoneError::Invalid.to_string();
        assert!(message.contains("03, 05, 07, 08 or 09") && message.contains("02"));
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", "", " ", ".", "-", " - ", "\u{a0}"])
    }

    fn spaced(digits: &str, separators: &[&str]) -> String {
        let mut spaced = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 {
                spaced.push_str(separators[index % separators.len()]);
            }
            spaced.push(digit);
        }
        spaced
    }

    proptest! {
        #[test]
        fn every_formatted_mobile_number_normalises_to_itself(
            network in prop::sample::select(vec!['3', '5', '7', '8', '9']),
            subscriber in "[0-9]{8}",
            prefix in prop::sample::select(
                vec!["0", "+84", "84", "+84 ", "(+84) ", "+84 (0) ", "84 "]
            ),
            separators in prop::collection::vec(separator(), 1..10),
        ) {
            let national = format!("0{network}{subscriber}");
            let raw = format!("{prefix}{}", spaced(&national[1..], &separators));
            prop_assert_eq!(normalize_phone(&raw), Ok(national), "{:?}", raw);
        }

        #[test]
        fn every_formatted_fixed_line_normalises_to_itself(
            rest in "[0-9]{9}",
            international in any::<bool>(),
            separators in prop::collection::vec(separator(), 1..10),
        ) {
            let national = format!("02{rest}");
            let prefix = if international { "+84 " } else { "0" };
            let raw = format!("{prefix}{}", spaced(&national[1..], &separators));
            prop_assert_eq!(normalize_phone(&raw), Ok(national), "{:?}", raw);
        }

        #[test]
        fn phone_normalisation_never_panics_and_is_a_fixed_point(
            raw in "\\PC{0,20}|[-+(). 0-9]{0,20}"
        ) {
            if let Ok(national) = normalize_phone(&raw) {
                prop_assert!(is_national_number(&national));
                prop_assert_eq!(normalize_phone(&national), Ok(national.clone()));
            }
        }
    }
}
