//! What counts as a written statement someone answers for: the result an agency or the
//! portal records for the public to read (`reply`, `answer`), and the reason given for an
//! accountable act (a reveal of an identity, a full export, an erasure, a key reset, a forced
//! restore, a return, a send-back).
//!
//! The reception rule "nothing is not a value" (docs/rules.md §1, `validate::is_blank`) is
//! the floor: a result of a zero-width space stops the agency's clock on time and is
//! published, and a reason of "." tells the inspector (or the citizen asking why their
//! identity was seen, Law 91/2025/QH15) nothing. Above it, a statement needs a few letters
//! or digits and must not be a bare acknowledgement ("ok", "x") that says nothing either.
//! Pure: no I/O.

use crate::domain::text::{fold, prints_nothing};
use crate::domain::validate::is_blank;

/// The fewest letters and digits a statement holds: "ok" and "x" say nothing, while the
/// shortest real answers and reasons ("Đã vá", "Lỗi", "Đơn 12") have three or more.
pub const MIN_SIGNS: usize = 3;

/// What a statement must be, for the refusals that ask for one to say (the end of a
/// sentence, after "a reason" or "the result").
pub const EXPECTED_VI: &str = "bằng vài từ (ít nhất 3 chữ cái hoặc chữ số), không phải \"-\", \"N/A\", \"không\", \"ok\" hay ký tự vô hình";
pub const EXPECTED_EN: &str = "in a few words (at least 3 letters or digits), not \"-\", \"N/A\", \"none\", \"ok\" or an invisible character";

/// Words typed to get past a required field, folded (lowercase, no diacritics), beyond the
/// reception placeholders `is_blank` knows ("N/A", "không", "none"…): acknowledgements and
/// keyboard filler. Each is three signs or more; shorter ones fall under [`MIN_SIGNS`].
const FILLERS: [&str; 14] = [
    "xxx",
    "xxxx",
    "oke",
    "okay",
    "okie",
    "test",
    "abc",
    "asdf",
    "qwe",
    "tbd",
    "todo",
    "done",
    "yes",
    "khong biet",
];

/// Whether `text` says something a reader can hold someone to: not blank by the reception
/// rule, at least [`MIN_SIGNS`] letters or digits, and not a filler word however it is
/// cased, accented or punctuated ("OK!", "N/A.", "-- x --").
pub fn says_something(text: &str) -> bool {
    if is_blank(text) {
        return false;
    }
    let shown: String = text.chars().filter(|&c| !prints_nothing(c)).collect();
    if shown.chars().filter(|c| c.is_alphanumeric()).count() < MIN_SIGNS {
        return false;
    }
    let core = shown.trim_matches(|c: char| !c.is_alphanumeric());
    // A placeholder followed by a full stop ("Không.") is still one: `is_blank` judges the
    // text as typed, so it is asked again about the words alone.
    !(is_blank(core) || FILLERS.contains(&fold(core).as_str()))
}

/// Whether a statement as it will be recorded, the names and phones in it already hidden
/// (`redact::MARK`), still says something: a reason that was only the reporter's phone
/// number, or a name, reads "[đã ẩn]" in the log, and the inspector answering the citizen
/// learns nothing of why their identity was looked at. What is hidden counts for nothing;
/// the words left are judged as [`says_something`] judges any statement.
pub fn says_something_once_hidden(recorded: &str) -> bool {
    says_something(&recorded.replace(crate::domain::redact::MARK, " "))
}

/// The longest reason of a step on a reporter's identity (`identity correct`, `erase`,
/// `list --phone`, `export subject`), in characters and in lines: it is kept in the log
/// every role reads beside the mask (`audit log ID`, `audit reveals`), and names and phones
/// are hidden there but not a birth date, a home address or a third person. A short
/// statement that cites the request ("Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC") says
/// why; the request letter itself, fed in with `--reason-file`, puts all of that in the log.
pub const LONGEST_REASON: usize = 300;
pub const MOST_REASON_LINES: usize = 3;

/// Whether `reason` is longer than a reason of a step on an identity may be: over
/// [`LONGEST_REASON`] characters (as stored, in NFC), or over [`MOST_REASON_LINES`] lines that hold anything.
pub fn too_long_for_a_reason(reason: &str) -> bool {
    crate::domain::text::longer_than_stored(reason, LONGEST_REASON)
        || reason.lines().filter(|l| !l.trim().is_empty()).count() > MOST_REASON_LINES
}

/// The extensions of the documents an answer is written in (lower case): a result that is
/// one word ending in one is a file's name, not what was done.
const DOCUMENTS: [&str; 10] = [
    "txt", "doc", "docx", "docm", "pdf", "odt", "rtf", "xls", "xlsx", "ods",
];

/// What a result typed on the command line names in place of the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamesAFile {
    /// `-`: standard input, which `--text` does not read.
    Stdin,
    /// `@traloi.txt` (curl's way to read a file), or one word that is a document's name
    /// (`traloi.docx`, `C:\Văn bản\traloi.pdf`): the file as typed, without the `@`.
    File(String),
}

/// Whether `text`, given as a result a citizen will read, is only a reference to a file:
/// `@traloi.txt` and `traloi.docx` were recorded, approved and published as the agency's
/// result.
pub fn names_a_file(text: &str) -> Option<NamesAFile> {
    let text = text.trim();
    if text == "-" {
        return Some(NamesAFile::Stdin);
    }
    if let Some(file) = text.strip_prefix('@') {
        return Some(NamesAFile::File(file.trim().to_owned()));
    }
    if text.contains(char::is_whitespace) {
        return None;
    }
    let (stem, extension) = text.rsplit_once('.')?;
    let document = DOCUMENTS.contains(&extension.to_lowercase().as_str());
    (document && !stem.is_empty()).then(|| NamesAFile::File(text.to_owned()))
}

/// Whether a result holds a line break typed as the two characters `\n` (or `\r\n`),
/// as a shell user types one inside quotes: stored, it is published as a backslash and an
/// "n". Only where it reads as a break: after a space or the end of a sentence, or before
/// a space, a capital, a digit or a dash, or at the end; a Windows path (`C:\new`) or a
/// word that happens to follow a backslash is left alone, precision over recall.
pub fn typed_line_break(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).enumerate().any(|(i, pair)| {
        if pair != ['\\', 'n'] {
            return false;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 2).copied();
        let breaks_after =
            |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || ".;!?)".contains(c));
        let starts_line = |c: Option<char>| {
            c.is_none_or(|c| {
                c.is_whitespace() || c.is_uppercase() || c.is_ascii_digit() || "-•*+\\".contains(c)
            })
        };
        breaks_after(before) || starts_line(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `reply --text "…khóm 4.\nĐã lắp biển…"` stored a backslash and an "n" that would be
    /// published; a path or a word after a backslash is no line break.
    #[test]
    fn a_line_break_typed_as_backslash_n_is_told_from_a_backslash_in_a_path() {
        for typed in [
            "Phường đã thu gom rác tại bãi đất trống khóm 4.\\nĐã lắp biển cấm đổ rác.",
            "Dòng một\\n\\nDòng hai",
            "Đã xử lý:\\n- vá ổ gà\\n- sơn vạch",
            "Đã xử lý xong \\n",
            "Đã xử lý xong.\\r\\nĐã báo cáo.",
            "Kết quả:\\n1. Đã vá",
        ] {
            assert!(typed_line_break(typed), "{typed:?}");
        }
        for plain in [
            "Đã vá ổ gà trên đường Hồ Chí Minh.",
            "Biên bản lưu tại C:\\new\\bienban.docx",
            "Xem thư mục \\\\may-chu\\nhanh",
            "Dòng một\nDòng hai",
        ] {
            assert!(!typed_line_break(plain), "{plain:?}");
        }
    }

    /// A request letter is no reason of an identity step; a sentence citing it is.
    #[test]
    fn a_request_letter_is_too_long_for_a_reason_and_its_citation_is_not() {
        assert!(!too_long_for_a_reason(
            "Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC"
        ));
        let letter = "ĐƠN YÊU CẦU SỬA THÔNG TIN CÁ NHÂN\nTôi tên: Phạm Ngọc Hân, sinh ngày 12/05/1985.\nNơi ở: số 75 đường Trần Phú, khóm 2.\nĐề nghị sửa lại họ tên.\nNgười làm đơn\nHân";
        assert!(too_long_for_a_reason(letter));
        assert!(too_long_for_a_reason(&"Theo đơn yêu cầu. ".repeat(20)));
        assert!(!too_long_for_a_reason(
            "Theo đơn yêu cầu ngày 03/12/2026\n\nsố 12/ĐYC\n"
        ));
    }
    use proptest::prelude::*;

    #[test]
    fn a_reason_hidden_whole_says_nothing_and_one_with_words_left_does() {
        for recorded in [
            "[đã ẩn]",
            "[đã ẩn] [đã ẩn]",
            " [đã ẩn], [đã ẩn]. ",
            "[đã ẩn] ok",
            "\u{200B}[đã ẩn]\u{200B}",
        ] {
            assert!(!says_something_once_hidden(recorded), "{recorded:?}");
        }
        for recorded in [
            "Trả lời đơn yêu cầu của [đã ẩn] ngày 02/11/2026",
            "Gọi lại [đã ẩn] hẹn giờ kiểm tra",
            "Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)",
        ] {
            assert!(says_something_once_hidden(recorded), "{recorded:?}");
        }
    }

    #[test]
    fn a_file_reference_is_told_from_a_result_that_names_a_file() {
        let file = |name: &str| Some(NamesAFile::File(name.to_owned()));
        assert_eq!(names_a_file(" - "), Some(NamesAFile::Stdin));
        assert_eq!(names_a_file("@traloi.txt"), file("traloi.txt"));
        assert_eq!(names_a_file("@ Trả lời.txt"), file("Trả lời.txt"));
        assert_eq!(names_a_file("traloi.docx"), file("traloi.docx"));
        assert_eq!(names_a_file("KetQua.PDF\n"), file("KetQua.PDF"));
        assert_eq!(
            names_a_file("C:\\Văn_bản\\trả_lời.odt"),
            file("C:\\Văn_bản\\trả_lời.odt")
        );
        for result in [
            "Đã vá ổ gà.",
            "Biên bản kèm theo: bienban.pdf",
            "Đã xử lý, xem https://cong.camau.gov.vn/anh/341.jpg",
            "v1.2",
            ".docx",
            "-5 hộ",
            "Đã-xử-lý.",
        ] {
            assert_eq!(names_a_file(result), None, "{result:?}");
        }
    }

    #[test]
    fn nothing_placeholders_and_fillers_say_nothing() {
        for text in [
            "",
            "   ",
            "\u{200B}",
            "\u{FEFF}\u{200B}\u{2060}",
            ".",
            "-",
            "...",
            "?!",
            "N/A",
            "n/a.",
            "không",
            "Không.",
            "KHÔNG CÓ",
            "x",
            "X",
            "xx",
            "xxx",
            "ok",
            "OK!",
            "Oke",
            "okay",
            "test",
            "-- x --",
            "\u{200B}ok\u{200B}",
            "o\u{200B}k",
            "a.b",
        ] {
            assert!(!says_something(text), "{text:?}");
        }
    }

    #[test]
    fn real_short_answers_and_reasons_say_something() {
        for text in [
            "Đã vá ổ gà",
            "Đã vá",
            "Lỗi",
            "Đơn 12",
            "Xác minh",
            "Sở Nội vụ đối chiếu tháng 10",
            "Chưa có ảnh sau xử lý",
            "Không thuộc thẩm quyền",
            "Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)",
            "OK, đã sửa xong đèn",
            "Thuộc thẩm quyền UBND phường An Xuyên",
        ] {
            assert!(says_something(text), "{text:?}");
        }
    }

    fn wrapping() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![' ', '\t', '\u{200B}', '\u{FEFF}', '.', '-', '!', '…']),
            0..4,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        /// A placeholder or filler stays one whatever it is wrapped in and however cased.
        #[test]
        fn wrapped_placeholders_say_nothing(
            word in prop::sample::select(vec![
                "N/A", "không", "Không có", "none", "null", "ok", "x", "OKE", "test", "chưa có",
            ]),
            before in wrapping(),
            after in wrapping(),
            upper in any::<bool>(),
        ) {
            let word = if upper { word.to_uppercase() } else { word.to_owned() };
            let text = format!("{before}{word}{after}");
            prop_assert!(!says_something(&text), "{:?}", text);
        }

        /// Text with no letter or digit never says something, whatever its length.
        #[test]
        fn signless_text_says_nothing(text in "[ .,;:!?\\-…\u{200B}\u{FEFF}()/]{0,40}") {
            prop_assert!(!says_something(&text));
        }

        /// However many items are hidden, and whatever is wrapped around them, marks alone
        /// never say something; a real reason beside them still does.
        #[test]
        fn marks_alone_say_nothing_and_words_beside_them_do(
            marks in 1usize..4,
            gap in wrapping(),
        ) {
            let hidden = vec![crate::domain::redact::MARK; marks].join(&gap);
            prop_assert!(!says_something_once_hidden(&hidden), "{:?}", hidden);
            let with_words = format!("Trả lời đơn {hidden}");
            prop_assert!(says_something_once_hidden(&with_words), "{:?}", with_words);
        }

        /// A real answer keeps saying something when wrapped in spaces, marks or invisible
        /// characters: the judgement is about the words, not about how they were pasted.
        #[test]
        fn real_answers_survive_wrapping(before in wrapping(), after in wrapping()) {
            let text = format!("{before}Đã vá ổ gà{after}");
            prop_assert!(says_something(&text));
        }
    }
}
