//! What `erase` says when done (`cli::erase` prints it): the identities erased for good (or,
//! in a dry run, those that would be), an erasure made without the key, identities the key
//! did not open, and reports erased before. Built from what `app::erase` did; nothing here
//! reads the database.

use crate::domain::text::ids_listed;
use crate::i18n::{Localized, count_en};

/// The reports `erased` listed after their count, or nothing when there are none.
fn listed(erased: &[i64]) -> String {
    if erased.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids_listed(erased))
    }
}

/// A dry run's line: what the real run would erase, and that nothing was.
pub fn would_erase(erased: &[i64]) -> Localized {
    let listed = listed(erased);
    Localized::new(
        format!(
            "Chạy thử, chưa xóa gì: lệnh này sẽ xóa vĩnh viễn danh tính người phản ánh của {} phản ánh{listed}. Bỏ --dry-run để xóa.",
            erased.len(),
        ),
        format!(
            "dry run, nothing erased: this would erase the reporter's identity of {}{listed} for good; drop --dry-run to erase",
            count_en(erased.len(), "report", "reports"),
        ),
    )
}

/// The identities erased, for good; the reports and their log stay.
pub fn erased(erased: &[i64]) -> Localized {
    let listed = listed(erased);
    Localized::new(
        format!(
            "Đã xóa vĩnh viễn danh tính người phản ánh của {} phản ánh{listed}; phản ánh và nhật ký giữ nguyên.",
            erased.len(),
        ),
        format!(
            "erased the reporter's identity of {}{listed} for good; the reports and their log stay",
            count_en(erased.len(), "report", "reports"),
        ),
    )
}

/// What an erasure without the key (`--without-key`) lost.
pub fn without_key() -> Localized {
    Localized::new(
        "Đã xóa khi không có khóa (--without-key): không ghi được chỗ họ tên người phản ánh trong các văn bản công khai, nên trên bản công khai họ tên chỉ còn được ẩn theo dáng họ tên.",
        "erased without the key (--without-key): where the reporter's name stood in the public texts was not kept, so the public views hide names by their shape only",
    )
}

/// The reports erased whose identity the key did not open, if any: erased as without the
/// key, which the erase event records.
pub fn unreadable(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    let ids = ids_listed(reports);
    Some(Localized::new(
        format!(
            "Cảnh báo: khóa không mở được danh tính của phản ánh {ids} (khóa riêng của phản ánh đã bị thay hoặc bị hỏng ngoài phananh), nên như khi xóa không có khóa (--without-key), không ghi được chỗ họ tên người phản ánh trong các văn bản công khai: trên bản công khai họ tên chỉ còn được ẩn theo dáng họ tên. Sự kiện erase ghi rằng danh tính đã không đọc được từ trước."
        ),
        format!(
            "warning: the key did not open the identity of {} {ids} (its own key was replaced or damaged outside phananh), so, as erased without the key (--without-key), where the reporter's name stood in the public texts was not kept: the public views hide names by their shape only. The erase event records that the identity was already unreadable",
            if reports.len() == 1 {
                "report"
            } else {
                "reports"
            }
        ),
    ))
}

/// The reports named whose identity was erased before, if any.
pub fn already(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    let ids = ids_listed(reports);
    Some(Localized::new(
        format!("Đã xóa từ trước: {ids}."),
        format!("already erased: {ids}"),
    ))
}
