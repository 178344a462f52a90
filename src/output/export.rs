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
/// expected time, is not the one the log gives (`domain::clocks::OpenEdited`): nothing was
/// written.
pub fn deadline_unlogged(edited: &crate::domain::clocks::OpenEdited) -> Localized {
    let (vi, en) = open_deadline_unlogged(edited);
    Localized::new(
        format!(
            "{vi}; bản xuất ghi hạn ấy là hạn xử lý dự kiến. Không xuất gì. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "{en}; the export gives that deadline as the expected time. Nothing was exported. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// What is wrong with an open clock's deadline, in both languages, for the sentence each
/// command ends it with (`deadline_unlogged`, `output::show::due_deadline_unlogged`).
pub fn open_deadline_unlogged(edited: &crate::domain::clocks::OpenEdited) -> (String, String) {
    use super::layout::when_exact;
    use crate::i18n::{Bilingual, Lang};
    let report_id = edited.report_id;
    let (stage_vi, stage_en) = (
        edited.stage.vi().to_lowercase(),
        edited.stage.en().to_lowercase(),
    );
    let due_at = &edited.due_at;
    let (vi, en) = match &edited.logged {
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
    (
        format!("phản ánh {report_id}: thời hạn {stage_vi} đang tính {vi} (bị sửa ngoài phananh)"),
        format!("report {report_id}: its open {stage_en} clock {en} (edited outside phananh)"),
    )
}

/// The failure (exit 5) of an export that left out the reports `ids`, whose rows do not
/// match the log's last seal: edited behind the tool's back, or (`unheld`, with the event)
/// sealed last by an event that does not hold in the chain. The others were exported.
pub fn left_out(ids: &[i64], unheld: &[(i64, i64)]) -> Localized {
    let edited = crate::storage::journal::left_out_rows(ids, unheld);
    Localized::new(
        format!(
            "{}. Chúng không có trong bản xuất; các phản ánh khác đã được xuất. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            edited.vi
        ),
        format!(
            "{}. They were left out of the export; the other reports were exported. Run `phananh audit verify` and tell an admin",
            edited.en
        ),
    )
}
