//! What `service list` shows of a service code (its columns), and what `service add` and
//! `service import` refuse: a service code empty, too long, given twice, or for a field
//! that does not exist, each at its line of the file. Built from the rows read; nothing
//! here reads the database.

use super::Listing;
use crate::i18n::{Lang, Localized};
use crate::storage::open311::ServiceCode;

impl Listing for ServiceCode {
    const KEYS: &'static [&'static str] = &["service_code", "field", "name"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Mã dịch vụ", "Lĩnh vực", "Tên dịch vụ"],
            vec!["Service code", "Field", "Service name"],
        )
    }

    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.service_code.clone(),
            self.field.clone(),
            self.name.clone(),
        ]
    }

    fn none_yet() -> Option<Localized> {
        Some(Localized::new(
            "Chưa có mã dịch vụ Open311 nào. Thêm bằng `phananh service add MÃ --field LĨNH_VỰC`, hoặc cả tệp bằng `phananh service import TỆP`.",
            "no Open311 service code yet; add one with `phananh service add CODE --field FIELD`, or a whole file with `phananh service import FILE`",
        ))
    }
}

/// What is wrong with one service code row.
pub enum Problem<'a> {
    Empty,
    /// Longer than this many characters.
    TooLong(usize),
    /// Given again, first on this line.
    Repeated {
        code: &'a str,
        first: u64,
    },
    NoField(&'a str),
}

/// `problem` at `line` of a file (0: the one row of `service add`, said without a line).
pub fn problem(line: u64, problem: Problem<'_>) -> Localized {
    let (at, at_en) = if line == 0 {
        (String::new(), String::new())
    } else {
        (format!("dòng {line}: "), format!("line {line}: "))
    };
    match problem {
        Problem::Empty => Localized::new(
            format!("{at}mã dịch vụ trống"),
            format!("{at_en}the service code is empty"),
        ),
        Problem::TooLong(longest) => Localized::new(
            format!("{at}mã dịch vụ dài quá {longest} ký tự"),
            format!("{at_en}the service code is longer than {longest} characters"),
        ),
        Problem::Repeated { code, first } => Localized::new(
            format!("{at}mã dịch vụ “{code}” đã có ở dòng {first}"),
            format!("{at_en}service code \"{code}\" already appears on line {first}"),
        ),
        Problem::NoField(field) => Localized::new(
            format!("{at}không có lĩnh vực “{field}” (xem `phananh field list`)"),
            format!("{at_en}there is no field \"{field}\" (see `phananh field list`)"),
        ),
    }
}

/// The refusal of `service add` (and of every reference `add`) for its `problems`, in one
/// line: nothing was saved.
pub fn refused(problems: &[Localized]) -> Localized {
    let vi = problems
        .iter()
        .map(|p| p.vi.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let en = problems
        .iter()
        .map(|p| p.en.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let mut letters = vi.chars();
    let vi: String = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    Localized::new(
        format!("{vi}; không lưu gì."),
        format!("{en}; nothing was saved"),
    )
}
