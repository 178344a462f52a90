//! What `export` says besides its rows (`cli::export` prints it): how many reports left,
//! with a reminder to keep and delete the file when they carry personal data, and the
//! refusals of an output form the export does not have and of names the log does not vouch
//! for. Nothing here reads the database.

use super::Format;
use crate::i18n::{Localized, count_en};

/// The closing line of a public export.
pub fn public_exported(count: u64) -> Localized {
    Localized::new(
        format!("Đã xuất {count} phản ánh công khai."),
        format!(
            "{} exported",
            count_en(count, "public report", "public reports")
        ),
    )
}

/// The closing line of the staff export: it is logged, and the file holds personal data.
pub fn full_exported(count: u64) -> Localized {
    Localized::new(
        format!(
            "Đã xuất {count} phản ánh kèm dữ liệu cá nhân (đã ghi nhật ký); hãy giữ tệp an toàn và xóa khi không còn cần."
        ),
        format!(
            "{} exported with personal data (logged); keep the file safe and delete it when no longer needed",
            count_en(count, "report", "reports")
        ),
    )
}

/// The refusal of `wrong`, a format this export has no form in, naming the export that has.
pub fn no_such_form(wrong: Format, instead: &str) -> Localized {
    let name = wrong.name();
    Localized::new(
        format!("Lệnh này không xuất được định dạng {name}; hãy dùng `phananh {instead}`."),
        format!("this export has no {name} form; use `phananh {instead}`"),
    )
}

/// The refusal of a full export (`refused`, the account's refusal, in front): who may take
/// one, and the export anyone may.
pub fn full_refused(refused: &Localized) -> Localized {
    Localized::new(
        format!(
            "{} Xuất toàn bộ (có họ tên, số điện thoại người phản ánh) chỉ dành cho quản trị viên và cán bộ tiếp nhận; bản công khai: `phananh export csv --public`.",
            refused.vi
        ),
        format!(
            "{} — the full export (with reporters' names and phones) is for admin and reception only; the public one: `phananh export csv --public`",
            refused.en
        ),
    )
}

/// The refusal of an export over a name the log does not vouch for (`problem`, what
/// `audit verify` would name): nothing was written.
pub fn names_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    use crate::i18n::Bilingual;
    Localized::new(
        format!(
            "Nhật ký không xác nhận danh mục cơ quan, lĩnh vực hoặc mã dịch vụ mà bản xuất ghi tên: {}. Không xuất gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for the agencies, fields or service codes the export names: {problem}. Nothing was exported. Run `phananh audit verify` and tell an admin"
        ),
    )
}
