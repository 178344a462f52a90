//! Completeness of a report at reception (Đ6.1–6.3, Đ7.1.a): the list of reasons a report
//! is refused, and [`check_complete`], which finds them.
//!
//! Owns the rules that decide whether a parsed report is complete; the caller loads the
//! report, calls [`check_complete`] and stores the outcome. Pure functions only: no I/O, no
//! clock, no SQLite, no network (docs/rules.md §1 \[choice\]: the language is decided by a
//! documented heuristic, never by a network service).
//!
//! Each requirement that needs more than a blank test has its own module, re-exported here
//! so that the rest of the crate names everything `domain::validate::…`:
//! - `phone`: what a valid Vietnamese phone number is (Đ6.3);
//! - `language`: whether a text is Vietnamese (Đ6.1); the heuristic is documented there;
//! - `words`: the heuristic's word-level rules (what one word is worth, word lists, syllable
//!   rules, character predicates);
//! - `fast`: how the language heuristic stays fast on a bulk load (word memo, character
//!   classes, one-pass tally), without changing a single verdict;
//! - `fnv`: the hasher behind the word sets and the word memo;
//! - `blank`: what counts as not given (invisible text, placeholders, media "N/A", the
//!   coordinates (0, 0)).
//!
//! They are layered, lowest first, and each uses only those below it: `fnv`, `words`,
//! `fast`, `language` (`phone` and `blank` stand alone); this module uses `language`, `phone`
//! and `blank`.
//!
//! This module must not answer those questions itself, nor bend their answers: it only turns
//! them into [`Reason`]s, in the order [`Reason`] declares.

use std::borrow::Cow;

mod blank;
mod fast;
mod fnv;
mod language;
mod phone;
mod words;

use crate::i18n::Bilingual;
pub use blank::{has_coordinates, is_blank, media_count};
pub use language::{LanguageAssessment, LanguageThresholds, assess_language};
pub use phone::{
    PhoneError, SpreadsheetDamage, excel_exponent, lost_leading_zero, normalize_phone,
    spreadsheet_damage,
};

/// Why a report is refused at reception (Art. 7.1.a refers to the requirements of Art. 6.1–6.3).
/// The declaration order is the order reasons are reported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// Art. 6.2: the content text is blank.
    MissingContent,
    /// Art. 6.2: no photo or video.
    MissingMedia,
    /// Art. 6.2: no time of the event.
    MissingTime,
    /// Art. 6.2: neither coordinates, address nor commune.
    MissingLocation,
    /// Art. 6.3: no reporter name.
    MissingName,
    /// Art. 6.3: no reporter phone number.
    MissingPhone,
    /// Art. 6.3: the phone number is not a valid Vietnamese number.
    InvalidPhone,
    /// Art. 6.1: the content is not in Vietnamese.
    NotVietnamese,
}

impl Reason {
    /// Every reason, in reporting order.
    pub const ALL: [Reason; 8] = [
        Reason::MissingContent,
        Reason::MissingMedia,
        Reason::MissingTime,
        Reason::MissingLocation,
        Reason::MissingName,
        Reason::MissingPhone,
        Reason::InvalidPhone,
        Reason::NotVietnamese,
    ];

    /// The machine-readable code stored and exported (docs/rules.md §1).
    pub fn code(self) -> &'static str {
        match self {
            Reason::MissingContent => "missing_content",
            Reason::MissingMedia => "missing_media",
            Reason::MissingTime => "missing_time",
            Reason::MissingLocation => "missing_location",
            Reason::MissingName => "missing_name",
            Reason::MissingPhone => "missing_phone",
            Reason::InvalidPhone => "invalid_phone",
            Reason::NotVietnamese => "not_vietnamese",
        }
    }

    /// A few words for a table cell (the full explanation is the `Bilingual` text).
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (vi, en) = match self {
            Reason::MissingContent => ("Thiếu nội dung", "No content"),
            Reason::MissingMedia => ("Thiếu hình ảnh/video", "No photo or video"),
            Reason::MissingTime => ("Thiếu thời gian", "No time"),
            Reason::MissingLocation => ("Thiếu địa điểm", "No location"),
            Reason::MissingName => ("Thiếu tên", "No name"),
            Reason::MissingPhone => ("Thiếu số điện thoại", "No phone"),
            Reason::InvalidPhone => ("Số điện thoại sai", "Invalid phone"),
            Reason::NotVietnamese => ("Không phải tiếng Việt", "Not Vietnamese"),
        };
        lang.pick(vi, en)
    }

    /// Whether an operator may cite this reason to reject a report the check found `found`
    /// in: a reason the check computes exactly (a field empty, a phone not a number) only when
    /// it was found, or the citizen would be told they left out what they sent; whether the
    /// text is Vietnamese the check can only estimate (Art. 6.1), so the operator may judge it
    /// against the check.
    pub fn may_cite(self, found: &[Reason]) -> bool {
        self == Reason::NotVietnamese || found.contains(&self)
    }

    /// The reason with this code, if any; codes are matched exactly.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|reason| reason.code() == code)
    }
}

impl Bilingual for Reason {
    /// The explanation sent to the citizen, citing the requirement that was not met.
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Reason::MissingContent => "Thiếu nội dung phản ánh (khoản 2 Điều 6).",
                Reason::MissingMedia => {
                    "Thiếu hình ảnh hoặc video về hiện trường phản ánh (khoản 2 Điều 6)."
                }
                Reason::MissingTime => "Thiếu thời gian xảy ra sự việc phản ánh (khoản 2 Điều 6).",
                Reason::MissingLocation => {
                    "Thiếu địa điểm xảy ra sự việc phản ánh (khoản 2 Điều 6)."
                }
                Reason::MissingName => {
                    "Thiếu tên của tổ chức, cá nhân gửi phản ánh (khoản 3 Điều 6)."
                }
                Reason::MissingPhone => {
                    "Thiếu số điện thoại của tổ chức, cá nhân gửi phản ánh (khoản 3 Điều 6)."
                }
                Reason::InvalidPhone => {
                    "Số điện thoại không hợp lệ: cần số di động 10 chữ số bắt đầu bằng 03, 05, 07, \
                 08, 09 hoặc số cố định 11 chữ số bắt đầu bằng 02 (khoản 3 Điều 6)."
                }
                Reason::NotVietnamese => {
                    "Nội dung phản ánh phải viết bằng tiếng Việt (khoản 1 Điều 6)."
                }
            }
        })
    }

    /// The explanation in English, for operators and `--lang en`.
    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                Reason::MissingContent => "The report has no content (Article 6.2).",
                Reason::MissingMedia => {
                    "The report has no photo or video of the scene (Article 6.2)."
                }
                Reason::MissingTime => {
                    "The report does not say when the event happened (Article 6.2)."
                }
                Reason::MissingLocation => {
                    "The report does not say where the event happened (Article 6.2)."
                }
                Reason::MissingName => "The reporter's name is missing (Article 6.3).",
                Reason::MissingPhone => "The reporter's phone number is missing (Article 6.3).",
                Reason::InvalidPhone => {
                    "The phone number is not valid: a 10-digit mobile number starting with 03, 05, \
                 07, 08 or 09, or an 11-digit fixed line starting with 02, is required \
                 (Article 6.3)."
                }
                Reason::NotVietnamese => "The report must be written in Vietnamese (Article 6.1).",
            }
        })
    }
}

/// What the explanation of an `invalid_phone` adds when the number is one that lost its
/// leading 0 ([`lost_leading_zero`]), in Vietnamese and English: the operator learns the
/// file was re-saved by a spreadsheet, the citizen that the number lacks its 0.
pub const LOST_ZERO_NOTE: (&str, &str) = (" (có vẻ mất số 0 ở đầu)", " (the leading 0 seems lost)");

/// The Vietnamese explanation sent to the citizen for `reasons`, the invalid phone's
/// followed by [`LOST_ZERO_NOTE`] when `phone` is a number that lost its leading 0.
pub fn explanation(reasons: &[Reason], phone: &str) -> String {
    let lost = lost_leading_zero(phone);
    reasons
        .iter()
        .map(|r| {
            let text = r.vi();
            if *r == Reason::InvalidPhone && lost {
                let cut = text.trim_end_matches('.');
                format!("{cut}{}.", LOST_ZERO_NOTE.0)
            } else {
                text.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The parts of a report that completeness is judged on; borrowed from the caller's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Submission<'a> {
    pub content: &'a str,
    pub media_count: usize,
    pub has_time: bool,
    pub has_coordinates: bool,
    pub address: &'a str,
    pub commune: &'a str,
    pub reporter_name: &'a str,
    pub reporter_phone: &'a str,
}

/// Every requirement of Art. 6.1–6.3 the submission misses, in the order of [`Reason`]; empty
/// when the report is complete and may be accepted (Art. 7.1.a).
///
/// Text that says nothing ([`is_blank`]: spaces, invisible characters, a placeholder such as
/// "-" or "N/A") counts as missing; so do placeholder media and the coordinates (0, 0), but
/// the caller counts those ([`media_count`], [`has_coordinates`]). A location is coordinates, an address or a
/// commune. A blank phone is [`Reason::MissingPhone`], one [`normalize_phone`] refuses is
/// [`Reason::InvalidPhone`]. The language is only judged when there is content to judge.
pub fn check_complete(submission: &Submission, thresholds: &LanguageThresholds) -> Vec<Reason> {
    let blank = is_blank;
    let content_missing = blank(submission.content);
    let phone_error = normalize_phone(submission.reporter_phone).err();
    let checks = [
        (Reason::MissingContent, content_missing),
        (Reason::MissingMedia, submission.media_count == 0),
        (Reason::MissingTime, !submission.has_time),
        (
            Reason::MissingLocation,
            !submission.has_coordinates && blank(submission.address) && blank(submission.commune),
        ),
        (
            Reason::MissingName,
            blank(submission.reporter_name) || names_no_one(submission.reporter_name),
        ),
        (Reason::MissingPhone, phone_error == Some(PhoneError::Empty)),
        (
            Reason::InvalidPhone,
            phone_error == Some(PhoneError::Invalid),
        ),
        (
            Reason::NotVietnamese,
            !content_missing && !assess_language(submission.content, thresholds).is_vietnamese,
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(reason, missing)| missing.then_some(reason))
        .collect()
}

/// Whether a reporter's name field names no one: not a letter in it, only digits and marks
/// (a phone number typed where the name goes, "0912 345 678"). Đ6.3 asks for the name, and a
/// number is none (docs/rules.md §1 \[choice\]; at the user's end,
/// `validate::a_phone_in_the_name_field_is_no_name_and_a_phone_beside_a_name_is_warned_of`):
/// `missing_name`, as for a blank field. A name with a number beside it still names
/// someone ([`phone_in_name`]).
pub fn names_no_one(name: &str) -> bool {
    !name.chars().any(char::is_alphabetic)
}

/// Whether a reporter's name holds a phone number besides its letters ("Nguyễn 0912 345
/// 678"): the name is given, so the report is complete (Đ6.3), but the phone is personal data
/// in the wrong field, which reception is told of to check (docs/rules.md §1 \[choice\]).
/// A number is a run of digits and the separators a phone is written with that
/// [`normalize_phone`] takes.
pub fn phone_in_name(name: &str) -> bool {
    let is_part = |c: char| c.is_ascii_digit() || " .-()+".contains(c);
    name.split(|c: char| !is_part(c))
        .map(str::trim)
        .any(|run| run.chars().any(|c| c.is_ascii_digit()) && normalize_phone(run).is_ok())
        && !names_no_one(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// A report stored with a phone Excel stripped of its 0 (a database from before ingest
    /// set such rows aside) is rejected with the note that says why; another invalid phone
    /// without it.
    #[test]
    fn the_rejection_of_a_phone_that_lost_its_zero_says_so() {
        let lost = explanation(&[Reason::InvalidPhone], "912000031");
        assert!(lost.ends_with("(có vẻ mất số 0 ở đầu)."), "{lost}");
        let other = explanation(&[Reason::InvalidPhone], "12345");
        assert!(!other.contains(LOST_ZERO_NOTE.0), "{other}");
    }

    /// A phone typed into the name field was taken for a name (docs/rules.md §1 \[choice\]).
    #[test]
    fn a_phone_as_the_name_is_no_name_and_a_phone_beside_a_name_is_noticed() {
        for name in ["0912345678", "0912 345 678", "+84 912.345.678", "12345"] {
            let submission = Submission {
                reporter_name: name,
                ..complete()
            };
            assert_eq!(reasons(&submission), [Reason::MissingName], "{name:?}");
            assert!(!phone_in_name(name), "{name:?}");
        }
        for name in [
            "Nguyễn 0912 345 678",
            "Trần Văn B (0912.345.678)",
            "Lê C 0290 3679 265",
        ] {
            let submission = Submission {
                reporter_name: name,
                ..complete()
            };
            assert_eq!(reasons(&submission), [], "{name:?}");
            assert!(phone_in_name(name), "{name:?}");
        }
        for name in ["Nguyễn Văn A", "Tổ 12 khóm 3", "Út", "Nhà số 1234"] {
            assert!(!phone_in_name(name), "{name:?}");
        }
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn assess(text: &str) -> LanguageAssessment {
        assess_language(text, &LanguageThresholds::default())
    }

    // --- reasons (Art. 7.1.a) ---

    macro_rules! reason_mapping {
        ($($test:ident: $reason:expr => $code:literal, $clause:literal;)*) => {$(
            #[test]
            fn $test() {
                let reason = $reason;
                assert_eq!(reason.code(), $code);
                assert_eq!(Reason::from_code($code), Some(reason));
                assert!(reason.vi().ends_with(concat!("(khoản ", $clause, " Điều 6).")));
                assert!(reason.en().ends_with(concat!("(Article 6.", $clause, ").")));
            }
        )*};
    }

    reason_mapping! {
        reason_missing_content: Reason::MissingContent => "missing_content", "2";
        reason_missing_media: Reason::MissingMedia => "missing_media", "2";
        reason_missing_time: Reason::MissingTime => "missing_time", "2";
        reason_missing_location: Reason::MissingLocation => "missing_location", "2";
        reason_missing_name: Reason::MissingName => "missing_name", "3";
        reason_missing_phone: Reason::MissingPhone => "missing_phone", "3";
        reason_invalid_phone: Reason::InvalidPhone => "invalid_phone", "3";
        reason_not_vietnamese: Reason::NotVietnamese => "not_vietnamese", "1";
    }

    #[test]
    fn reason_all_is_in_declaration_order_and_round_trips() {
        assert!(Reason::ALL.windows(2).all(|pair| pair[0] < pair[1]));
        for reason in Reason::ALL {
            assert_eq!(Reason::from_code(reason.code()), Some(reason));
        }
    }

    #[test]
    fn reason_from_code_is_exact() {
        for code in [
            "",
            "missing",
            "Missing_Content",
            " missing_content",
            "missing-content",
        ] {
            assert_eq!(Reason::from_code(code), None, "{code:?}");
        }
    }

    #[test]
    fn reason_vietnamese_texts_are_nfc_with_diacritics() {
        for reason in Reason::ALL {
            let text = &*reason.vi();
            assert_eq!(crate::domain::text::nfc(text), text);
            assert!(assess(text).is_vietnamese, "{text}");
            assert!(assess(text).marked_share > 0.5, "{text}");
        }
    }

    // --- completeness (Art. 6.1–6.3) ---

    fn complete() -> Submission<'static> {
        Submission {
            content: "Đèn đường trước nhà số 12 bị hư hai tuần nay.",
            media_count: 1,
            has_time: true,
            has_coordinates: true,
            address: "12 Lý Thường Kiệt",
            commune: "Phường An Xuyên",
            reporter_name: "Nguyễn Văn A",
            reporter_phone: "0912 345 678",
        }
    }

    fn reasons(submission: &Submission) -> Vec<Reason> {
        check_complete(submission, &LanguageThresholds::default())
    }

    #[test]
    fn complete_submission_has_no_reasons() {
        assert_eq!(reasons(&complete()), []);
    }

    #[test]
    fn blank_content_is_missing_and_not_judged_for_language() {
        for content in ["", "  \n\t"] {
            let submission = Submission {
                content,
                ..complete()
            };
            assert_eq!(reasons(&submission), [Reason::MissingContent]);
        }
    }

    #[test]
    fn no_media_is_missing_media() {
        let submission = Submission {
            media_count: 0,
            ..complete()
        };
        assert_eq!(reasons(&submission), [Reason::MissingMedia]);
    }

    #[test]
    fn no_time_is_missing_time() {
        let submission = Submission {
            has_time: false,
            ..complete()
        };
        assert_eq!(reasons(&submission), [Reason::MissingTime]);
    }

    #[test]
    fn location_is_coordinates_or_address_or_commune() {
        let nowhere = Submission {
            has_coordinates: false,
            address: " ",
            commune: "",
            ..complete()
        };
        assert_eq!(reasons(&nowhere), [Reason::MissingLocation]);
        for located in [
            Submission {
                has_coordinates: true,
                ..nowhere
            },
            Submission {
                address: "Ấp 3",
                ..nowhere
            },
            Submission {
                commune: "Xã Tân Thành",
                ..nowhere
            },
        ] {
            assert_eq!(reasons(&located), []);
        }
    }

    #[test]
    fn text_that_says_nothing_is_missing() {
        let nothing = Submission {
            content: "\u{200B}",
            address: "-",
            commune: "\u{FEFF}",
            has_coordinates: false,
            reporter_name: "\u{200B}",
            ..complete()
        };
        assert_eq!(
            reasons(&nothing),
            [
                Reason::MissingContent,
                Reason::MissingLocation,
                Reason::MissingName
            ]
        );
    }

    #[test]
    fn blank_name_is_missing_name() {
        let submission = Submission {
            reporter_name: " \t",
            ..complete()
        };
        assert_eq!(reasons(&submission), [Reason::MissingName]);
    }

    #[test]
    fn blank_phone_is_missing_phone() {
        let submission = Submission {
            reporter_phone: "  ",
            ..complete()
        };
        assert_eq!(reasons(&submission), [Reason::MissingPhone]);
    }

    #[test]
    fn an_operator_cites_only_what_the_check_found_or_the_language_it_estimates() {
        let found = [Reason::MissingMedia];
        let citable: Vec<Reason> = Reason::ALL
            .into_iter()
            .filter(|r| r.may_cite(&found))
            .collect();
        assert_eq!(citable, [Reason::MissingMedia, Reason::NotVietnamese]);
        let citable: Vec<Reason> = Reason::ALL
            .into_iter()
            .filter(|r| r.may_cite(&[]))
            .collect();
        assert_eq!(citable, [Reason::NotVietnamese]);
    }

    #[test]
    fn bad_phone_is_invalid_phone() {
        for reporter_phone in ["01612345678", "không có", "091234567"] {
            let submission = Submission {
                reporter_phone,
                ..complete()
            };
            assert_eq!(
                reasons(&submission),
                [Reason::InvalidPhone],
                "{reporter_phone:?}"
            );
        }
    }

    #[test]
    fn foreign_content_is_not_vietnamese() {
        for content in [
            "The street light in front of my house has been broken for two weeks",
            "我家门前的路灯坏了两个星期了",
            "12345",
        ] {
            let submission = Submission {
                content,
                ..complete()
            };
            assert_eq!(reasons(&submission), [Reason::NotVietnamese], "{content:?}");
        }
    }

    #[test]
    fn decomposed_content_is_judged_like_composed() {
        let content = nfd("Cống bị vỡ, nước thải tràn ra đường gây ô nhiễm.");
        let submission = Submission {
            content: &content,
            ..complete()
        };
        assert_eq!(reasons(&submission), []);
    }

    #[test]
    fn every_reason_at_once_comes_in_enum_order() {
        let empty = Submission::default();
        assert_eq!(
            reasons(&empty),
            [
                Reason::MissingContent,
                Reason::MissingMedia,
                Reason::MissingTime,
                Reason::MissingLocation,
                Reason::MissingName,
                Reason::MissingPhone,
            ]
        );
        let foreign = Submission {
            content: "click here to win a free iphone",
            reporter_phone: "12345",
            media_count: 0,
            ..complete()
        };
        assert_eq!(
            reasons(&foreign),
            [
                Reason::MissingMedia,
                Reason::InvalidPhone,
                Reason::NotVietnamese
            ]
        );
    }
}
