//! The two languages phananh speaks: Vietnamese by default, for the officials who read its
//! tables and reports, and English on request (`--lang en`). Owns the one way text is
//! chosen: a pair of literals goes through [`Lang::pick`], a domain value through its
//! [`Bilingual`] impl, and an error carries both texts as a [`Localized`] until `main`
//! prints the one asked for. Nothing here decides what is said; only which language.

use std::borrow::Cow;

use clap::ValueEnum;

/// The language of messages, tables and reports (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The one of two texts (or headers, or whole lists) this language reads.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub fn yes_no(self, value: bool) -> &'static str {
        self.pick(
            if value { "có" } else { "không" },
            if value { "yes" } else { "no" },
        )
    }
}

/// A count written as its reader writes it, in every message, table, document and chart:
/// thousands grouped with a point in Vietnamese, where the comma is the decimal mark
/// ("1.308"), with a comma in English ("1,308"), so that a leader never reads "1.308" in a
/// table and "1308" in the line under it. The one way a count is written; files and
/// columns for programs (CSV, JSON), ids, years and report numbers are not counts and keep
/// their digits plain. It lives here, at the bottom, so that [`count_en`] and every wording
/// module reach it.
pub fn grouped(n: impl Count, l: Lang) -> String {
    n.written(l)
}

/// A number that can be counted in words: the integers and an `f64` (a setting's days),
/// whose fraction follows the reader's decimal mark ("0,5 ngày", "1.825,5 ngày"; "1,825.5
/// days").
pub trait Count: Copy + PartialEq {
    /// Whether this is one, which English names in the singular.
    fn is_one(self) -> bool;
    /// This count with the thousands separator of `l`.
    fn written(self, l: Lang) -> String;
}

macro_rules! unsigned_count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn is_one(self) -> bool {
                self == 1
            }
            fn written(self, l: Lang) -> String {
                group_digits(&self.to_string(), l)
            }
        }
    )*};
}
unsigned_count!(u8, u16, u32, u64, usize);

macro_rules! signed_count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn is_one(self) -> bool {
                self == 1
            }
            fn written(self, l: Lang) -> String {
                let digits = group_digits(&self.unsigned_abs().to_string(), l);
                if self < 0 { format!("-{digits}") } else { digits }
            }
        }
    )*};
}
signed_count!(i32, i64);

impl Count for f64 {
    fn is_one(self) -> bool {
        self == 1.0
    }
    fn written(self, l: Lang) -> String {
        // Rust writes an f64 with a point and never an exponent; in Vietnamese that point
        // would read as thousands ("0.5 ngày" beside "1.825 ngày"), so the whole part is
        // grouped and the fraction takes the reader's decimal mark.
        if !self.is_finite() || self.abs() >= 1e15 {
            return self.to_string();
        }
        let plain = self.abs().to_string();
        let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
        let mut out = String::new();
        if self < 0.0 {
            out.push('-');
        }
        out.push_str(&group_digits(whole, l));
        if !fraction.is_empty() {
            out.push(l.pick(',', '.'));
            out.push_str(fraction);
        }
        out
    }
}

impl<T: Count> Count for &T {
    fn is_one(self) -> bool {
        (*self).is_one()
    }
    fn written(self, l: Lang) -> String {
        (*self).written(l)
    }
}

/// `digits` (a plain number, no sign) with the thousands separator of `l`.
fn group_digits(digits: &str, l: Lang) -> String {
    let mark = l.pick('.', ',');
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(digit);
    }
    out
}

/// `n`, grouped, and an English noun, the singular for one: "1 report", "1,308 reports"
/// (Vietnamese nouns do not change: "1 phản ánh", "1.308 phản ánh").
pub fn count_en(n: impl Count, one: &str, many: &str) -> String {
    let noun = if n.is_one() { one } else { many };
    format!("{} {noun}", n.written(Lang::En))
}

/// Why a file the user named could not be read, in Vietnamese: the system words it in
/// English ("No such file or directory (os error 2)"), which a Vietnamese message must not
/// quote for the causes an operator meets (a mistyped name, a folder, no permission).
/// Rarer causes keep the system's text, which at least names them.
pub fn io_vi(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "không có tệp này".into(),
        ErrorKind::PermissionDenied => "không có quyền đọc tệp này".into(),
        ErrorKind::IsADirectory => "đây là thư mục, không phải tệp".into(),
        ErrorKind::InvalidData => "nội dung không phải văn bản UTF-8".into(),
        _ => e.to_string(),
    }
}

/// Why a file or folder could not be made or written, in Vietnamese, as [`io_vi`] says why
/// one could not be read: the causes an operator meets named ([`io_cause_vi`]), the rarer
/// ones in the system's words.
pub fn io_write_vi(e: &std::io::Error) -> String {
    io_cause_vi(e).map_or_else(|| e.to_string(), str::to_owned)
}

/// The causes of a failed write, lock or rename an operator meets, in Vietnamese; None for
/// a rarer one, which only the system's own text names.
pub fn io_cause_vi(e: &std::io::Error) -> Option<&'static str> {
    use std::io::ErrorKind;
    // Said by number first: the kind puts EPERM with EACCES, and has no kind for ENOLCK.
    match e.raw_os_error() {
        Some(nix::libc::EPERM) => {
            return Some(
                "hệ thống không cho phép việc này (tài khoản này không phải chủ tệp, hoặc tệp mang thuộc tính bất biến `chattr +i`)",
            );
        }
        // A network file system (NFS, SMB) without its lock service.
        Some(nix::libc::ENOLCK) => {
            return Some(
                "hệ thống tệp chứa nó không cho khóa tệp (thường là ổ mạng NFS hoặc SMB không chạy dịch vụ khóa)",
            );
        }
        Some(nix::libc::EIO) => return Some("lỗi đọc ghi của ổ đĩa (ổ đĩa có thể hỏng)"),
        Some(nix::libc::ELOOP) => {
            return Some(
                "đường dẫn đi qua quá nhiều liên kết tượng trưng (hoặc một vòng liên kết)",
            );
        }
        _ => {}
    }
    Some(match e.kind() {
        ErrorKind::NotFound => "không có thư mục chứa nó",
        ErrorKind::PermissionDenied => "không có quyền ghi vào đây",
        ErrorKind::AlreadyExists => "đã có tệp hoặc thư mục mang tên này",
        ErrorKind::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục",
        ErrorKind::IsADirectory => "đây là thư mục, không phải tệp",
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa này chỉ cho đọc",
        ErrorKind::StorageFull => "ổ đĩa đã đầy",
        // A disk full for this account (its quota) or this process (`ulimit -f`) is one to
        // whoever must make room: `storage::diagnose` counts all three as no room.
        ErrorKind::QuotaExceeded => "đã hết hạn mức dung lượng ổ đĩa của tài khoản này",
        ErrorKind::FileTooLarge => "tệp vượt quá cỡ tối đa được phép ghi",
        ErrorKind::InvalidFilename => "tên tệp quá dài hoặc không hợp lệ trên hệ thống tệp này",
        ErrorKind::ResourceBusy => "tệp hoặc thư mục đang bận (có thể là nơi gắn một ổ đĩa)",
        ErrorKind::CrossesDevices => "hai đường dẫn nằm trên hai ổ đĩa khác nhau",
        _ => return None,
    })
}

/// "1 malformed record was", "2 malformed records were".
pub fn was_were(n: u64, one: &str, many: &str) -> String {
    let verb = if n == 1 { "was" } else { "were" };
    format!("{} {verb}", count_en(n, one, many))
}

/// A domain value that has a text in each language: a status's label, a reason for
/// rejection, a refusal.
pub trait Bilingual {
    fn vi(&self) -> Cow<'static, str>;
    fn en(&self) -> Cow<'static, str>;

    /// The text in `lang`.
    fn text(&self, lang: Lang) -> Cow<'static, str> {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }
}

/// A user-facing text in both languages (an error, a warning); `main` prints the one
/// `--lang` asks for. Its `Display` is English, for logs and `anyhow` chains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }

    /// A text that has one wording only (a system's or a library's error), in both places.
    pub fn untranslated(text: String) -> Self {
        Localized::new(text.clone(), text)
    }

    /// A domain value's two texts, to carry as an error.
    pub fn of(value: &impl Bilingual) -> Self {
        Localized::new(value.vi(), value.en())
    }
}

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Localized {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vietnamese groups thousands with a point, its decimal mark being the comma.
    #[test]
    fn counts_group_thousands_as_their_reader_does() {
        assert_eq!(grouped(2040, Lang::Vi), "2.040");
        assert_eq!(grouped(2040, Lang::En), "2,040");
        assert_eq!(grouped(1_234_567, Lang::Vi), "1.234.567");
        assert_eq!(grouped(999, Lang::Vi), "999");
        assert_eq!(grouped(0, Lang::En), "0");
        assert_eq!(count_en(1, "event", "events"), "1 event");
        assert_eq!(count_en(2576, "event", "events"), "2,576 events");
    }

    /// A count in a message is written as its reader writes it, as the report's tables
    /// write it: "1308 reports" under a table saying "1,308" read as two numbers.
    #[test]
    fn counts_in_words_group_their_thousands() {
        assert_eq!(count_en(1308_u64, "report", "reports"), "1,308 reports");
        assert_eq!(
            count_en(1_234_567_usize, "case", "cases"),
            "1,234,567 cases"
        );
        assert_eq!(count_en(2000.0, "day", "days"), "2,000 days");
    }

    struct Greeting;

    impl Bilingual for Greeting {
        fn vi(&self) -> Cow<'static, str> {
            "Xin chào".into()
        }
        fn en(&self) -> Cow<'static, str> {
            "Hello".into()
        }
    }

    /// English counts of one were plural ("1 reports", "1 days"); at the user's end,
    /// `languages::english_counts_of_one_are_singular`.
    #[test]
    fn one_is_singular_in_english() {
        assert_eq!(count_en(1_usize, "report", "reports"), "1 report");
        assert_eq!(count_en(0_u64, "report", "reports"), "0 reports");
        assert_eq!(count_en(12_usize, "report", "reports"), "12 reports");
        assert_eq!(count_en(1.0, "day", "days"), "1 day");
        assert_eq!(count_en(1.5, "day", "days"), "1.5 days");
    }

    /// "1.825 ngày" beside "0.5 ngày" and "1825.5 ngày" in the same settings messages: the
    /// point read as thousands in one and as the decimal mark in the others.
    #[test]
    fn a_fraction_takes_the_readers_decimal_mark() {
        assert_eq!(grouped(1825.0, Lang::Vi), "1.825");
        assert_eq!(grouped(0.5, Lang::Vi), "0,5");
        assert_eq!(grouped(1825.5, Lang::Vi), "1.825,5");
        assert_eq!(grouped(-1825.25, Lang::Vi), "-1.825,25");
        assert_eq!(grouped(1825.5, Lang::En), "1,825.5");
        assert_eq!(grouped(0.5, Lang::En), "0.5");
    }

    /// "No such file or directory (os error 2)" in a Vietnamese message.
    #[test]
    fn the_common_file_errors_are_worded_in_vietnamese() {
        use std::io::{Error, ErrorKind};
        let missing = std::fs::File::open("/nonexistent/phananh/none.csv").unwrap_err();
        assert_eq!(io_vi(&missing), "không có tệp này");
        assert_eq!(
            io_vi(&Error::from(ErrorKind::PermissionDenied)),
            "không có quyền đọc tệp này"
        );
        let folder = std::fs::read(std::env::temp_dir()).unwrap_err();
        assert_eq!(io_vi(&folder), "đây là thư mục, không phải tệp");
        assert_eq!(io_vi(&Error::other("lạ")), "lạ");
    }

    /// The same for a file or folder to be made: no cause an operator meets is quoted in
    /// the system's English (at the user's end,
    /// `wording::an_output_path_through_a_file_is_refused_in_vietnamese`).
    #[test]
    fn the_common_errors_of_making_a_file_are_worded_in_vietnamese() {
        use std::io::{Error, ErrorKind};
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::AlreadyExists,
            ErrorKind::NotADirectory,
            ErrorKind::IsADirectory,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::StorageFull,
            ErrorKind::QuotaExceeded,
            ErrorKind::FileTooLarge,
        ] {
            let said = io_write_vi(&Error::from(kind));
            assert_ne!(said, Error::from(kind).to_string(), "{kind:?}");
            assert!(!said.is_ascii(), "{kind:?}: {said}");
        }
        assert_eq!(io_write_vi(&Error::other("lạ")), "lạ");
    }

    #[test]
    fn each_language_reads_its_own_text() {
        assert_eq!(Lang::Vi.pick("có", "yes"), "có");
        assert_eq!(Lang::En.pick("có", "yes"), "yes");
        assert_eq!(
            (Lang::Vi.yes_no(true), Lang::Vi.yes_no(false)),
            ("có", "không")
        );
        assert_eq!(
            (Lang::En.yes_no(true), Lang::En.yes_no(false)),
            ("yes", "no")
        );
        assert_eq!(Greeting.text(Lang::Vi), "Xin chào");
        assert_eq!(Greeting.text(Lang::En), "Hello");
        let both = Localized::new(Greeting.vi(), Greeting.en());
        assert_eq!(
            (both.text(Lang::Vi), both.text(Lang::En)),
            ("Xin chào", "Hello")
        );
        assert_eq!(both.to_string(), "Hello");
    }
}
