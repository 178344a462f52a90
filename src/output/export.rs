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

/// The refusal of an export over the calendar or a deadline limit the log does not vouch
/// for (`problem`): the open reports' expected times are counted under them.
pub fn calendar_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    use crate::i18n::Bilingual;
    Localized::new(
        format!(
            "Nhật ký không xác nhận lịch làm việc hoặc thời hạn mà hạn xử lý dự kiến của các phản ánh đang mở được tính theo: {}. Không xuất gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for the calendar or the limits the open reports' expected times are counted under: {problem}. Nothing was exported. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The refusal of an export over an open clock whose deadline, printed as the report's
/// expected time, is not the one the log gives (`logged`; None when the step its row names
/// as its start is none of the report's that starts such a clock): nothing was written.
pub fn deadline_unlogged(
    report_id: i64,
    stage: crate::domain::deadline::Stage,
    due_at: &str,
    logged: Option<&str>,
) -> Localized {
    use super::layout::when_exact;
    use crate::i18n::{Bilingual, Lang};
    let (stage_vi, stage_en) = (stage.vi().to_lowercase(), stage.en().to_lowercase());
    let (vi, en) = match logged {
        Some(logged) => (
            format!(
                "ghi hạn {}, nhưng theo nhật ký hạn là {}",
                when_exact(due_at, Lang::Vi),
                when_exact(logged, Lang::Vi)
            ),
            format!(
                "has a deadline of {}, but the log gives {}",
                when_exact(due_at, Lang::En),
                when_exact(logged, Lang::En)
            ),
        ),
        None => (
            "có lúc bắt đầu không khớp bước nào của phản ánh trong nhật ký".to_owned(),
            "has a start that matches no step of the report in the log".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "phản ánh {report_id}: thời hạn {stage_vi} đang tính {vi} (bị sửa ngoài phananh); bản xuất ghi hạn ấy là hạn xử lý dự kiến. Không xuất gì. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "report {report_id}: its open {stage_en} clock {en} (edited outside phananh); the export gives that deadline as the expected time. Nothing was exported. Run `phananh audit verify` and tell an admin"
        ),
    )
}
