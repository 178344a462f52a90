//! What counts as "not given" for Đ6.2–6.3: text made only of spaces, invisible characters or
//! a placeholder mark, media entries that are such text, and the coordinates (0, 0) that
//! phones send without a GPS fix. A value that is only this is missing (docs/rules.md §1
//! \[choice\], fixed in the code): the app filled a required field to get past its own check,
//! and the report says nothing there.

use crate::domain::report::{LATITUDE, LONGITUDE, on_the_globe};
use crate::domain::text::{fold, prints_nothing as invisible};

/// Words that stand for "nothing here", folded (lowercase, no diacritics): "N/A", "none",
/// "null", "không", "không có", "chưa có"… A real name, address or link is none of these;
/// "NA" and "trống" are left out, since folded they are the given names Na and Trọng.
const PLACEHOLDERS: [&str; 9] = [
    "n/a",
    "n.a.",
    "none",
    "null",
    "nil",
    "undefined",
    "khong",
    "khong co",
    "chua co",
];

/// The longest text, in bytes, that may still be a placeholder ("KHÔNG CÓ" is 11); longer
/// text is never one, so most names and every content are judged without folding them.
const PLACEHOLDER_BYTES: usize = 12;

/// Whether `text` says nothing: empty once spaces and invisible characters are set aside, or
/// only marks with no letter or digit ("-", "...", "?"), or a placeholder word ("N/A").
pub fn is_blank(text: &str) -> bool {
    let visible = text.trim_matches(|c: char| c.is_whitespace() || invisible(c));
    if visible.is_empty() {
        return true;
    }
    // Invisible characters are neither letters nor digits.
    if !visible.chars().any(char::is_alphanumeric) {
        return true;
    }
    if visible.len() > PLACEHOLDER_BYTES {
        return false;
    }
    let shown: String = visible.chars().filter(|&c| !invisible(c)).collect();
    PLACEHOLDERS.contains(&fold(&shown).as_str())
}

/// How many of the media entries point at something: "N/A", "-" or an invisible character
/// in the media column is no photo.
pub fn media_count<S: AsRef<str>>(media: &[S]) -> usize {
    media.iter().filter(|m| !is_blank(m.as_ref())).count()
}

/// Whether a report has a place from its coordinates: both given, and not (0, 0), which is
/// in the Gulf of Guinea and what a phone sends when it has no GPS fix.
pub fn has_coordinates(latitude: Option<f64>, longitude: Option<f64>) -> bool {
    matches!(
        (latitude, longitude),
        (Some(lat), Some(lon)) if (lat != 0.0 || lon != 0.0)
            && on_the_globe(lat, LATITUDE)
            && on_the_globe(lon, LONGITUDE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_invisible_characters_and_placeholders_are_blank() {
        for text in [
            "",
            " \t",
            "\u{200B}",
            " \u{FEFF}\u{200B} ",
            "\u{2060}\u{00AD}",
            "-",
            "--",
            "...",
            "?",
            "…",
            "N/A",
            "n/a",
            " N/A ",
            "null",
            "None",
            "không",
            "Không có",
            "KHONG CO",
            "\u{200B}N/A\u{200B}",
        ] {
            assert!(is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn real_values_are_not_blank() {
        for text in [
            "Nguyễn Văn A",
            "An",
            "Ấp 3",
            "12/3",
            "0",
            "https://x.vn/a.jpg",
            "Phường An Xuyên",
            "Đèn đường trước nhà số 12 bị hư hai tuần nay.",
            "Na\u{200B}m",
            "Na",
            "Trọng",
            "Không có đèn đường ở ấp 3, trời tối rất nguy hiểm.",
        ] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn placeholder_media_are_not_counted() {
        assert_eq!(media_count(&["N/A", "\u{200B}", "-"]), 0);
        assert_eq!(media_count(&["N/A", "a.jpg"]), 1);
        assert_eq!(media_count::<&str>(&[]), 0);
    }

    #[test]
    fn zero_zero_is_no_fix_and_one_zero_is_a_place() {
        assert!(!has_coordinates(Some(0.0), Some(0.0)));
        assert!(!has_coordinates(Some(-0.0), Some(0.0)));
        assert!(!has_coordinates(None, Some(105.0)));
        assert!(has_coordinates(Some(9.17), Some(105.15)));
        assert!(has_coordinates(Some(0.0), Some(105.0)));
    }

    /// What no phone sends and `ingest` never stores is no place: an infinity (which a
    /// row's seal writes as no coordinate), NaN, or a number off the globe.
    #[test]
    fn a_coordinate_off_the_globe_is_no_place() {
        for (lat, lon) in [
            (f64::INFINITY, f64::INFINITY),
            (9.17, f64::NEG_INFINITY),
            (f64::NAN, 105.15),
            (90.5, 105.15),
            (9.17, -180.5),
        ] {
            assert!(!has_coordinates(Some(lat), Some(lon)), "{lat}, {lon}");
        }
        assert!(has_coordinates(Some(-90.0), Some(180.0)));
    }
}
