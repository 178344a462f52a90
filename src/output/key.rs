//! What `key rotate` and `key reset` say when done (`cli::key` prints it): where the new key
//! is and what the old one is still for, an interrupted rotation finished or rolled back,
//! what a reset would erase before it is confirmed, and what it erased. Built from what
//! `app::vault` did; nothing here reads the key or the database.

use std::path::Path;

use crate::i18n::{Localized, count_en};

/// A rotation done: `reports` keys re-encrypted under the new key at `path`, the old one
/// kept at `old` for the backups made before.
pub fn rotated(path: &Path, reports: usize, old: &Path, key_id: &str) -> Localized {
    let (path, old) = (path.display(), old.display());
    Localized::new(
        format!(
            "Đã đổi khóa: khóa của {reports} phản ánh được mã hóa lại bằng khóa mới {path} (khóa {key_id}). Khóa cũ ở {old}: chỉ còn cần để mở các bản sao lưu làm trước lúc này; hãy cất nó cùng các bản sao lưu ấy, hoặc hủy. Hãy sao lưu khóa mới riêng."
        ),
        format!(
            "key rotated: the keys of {} are re-encrypted under the new key {path} (key {key_id}). The old key is {old}: only the backups made before now need it; keep it with them, or destroy it. Back up the new key on its own",
            count_en(reports, "report", "reports"),
        ),
    )
}

/// An interrupted rotation finished: the new key at `path` is in place.
pub fn rotation_finished(path: &Path, key_id: &str) -> Localized {
    let path = path.display();
    Localized::new(
        format!(
            "Đã hoàn tất lần đổi khóa bị ngắt trước đó: khóa {path} (khóa {key_id}) đã vào chỗ. Chạy lại lệnh nếu muốn đổi khóa lần nữa."
        ),
        format!(
            "finished the interrupted key rotation: {path} (key {key_id}) is in place. Run again to rotate once more"
        ),
    )
}

/// An interrupted rotation rolled back: the old key stays.
pub fn rotation_rolled_back() -> Localized {
    Localized::new(
        "Lần đổi khóa trước bị ngắt trước khi ghi: đã bỏ khóa mới dở dang, khóa cũ vẫn dùng. Chạy lại lệnh để đổi khóa.",
        "the last key rotation was interrupted before it was recorded: its new key was removed and the old one stays. Run again to rotate",
    )
}

/// A reset not confirmed: what it would make and erase, and to look for the key first.
pub fn reset_would_erase(path: &Path, reports: usize) -> Localized {
    let path = path.display();
    Localized::new(
        format!(
            "Chưa làm gì. `key reset` sẽ tạo khóa mới {path} và xóa vĩnh viễn danh tính người phản ánh của {reports} phản ánh mà chỉ khóa đã mất mở được (mỗi phản ánh một sự kiện erase với lý do này). Hãy tìm lại khóa trước (bản sao khóa cất riêng, --key-file); nếu thật sự đã mất, chạy lại với --yes."
        ),
        format!(
            "nothing was done. `key reset` would make a new key {path} and erase for good the reporter's identity of {} that only the lost key opens (one erase event each, with this reason). Look for the key first (its own backup, --key-file); if it is truly lost, run again with --yes",
            count_en(reports, "report", "reports")
        ),
    )
}

/// The file found at the key's path, not this database's key, moved to `moved`.
pub fn foreign_key_moved(path: &Path, moved: &Path) -> Localized {
    let (path, moved) = (path.display(), moved.display());
    Localized::new(
        format!(
            "Tệp ở {path} không phải khóa của cơ sở dữ liệu này; đã chuyển sang {moved} (không xóa: có thể là khóa của cơ sở dữ liệu khác)."
        ),
        format!(
            "the file at {path} is not this database's key; it was moved to {moved} (not deleted: it may be another database's)"
        ),
    )
}

/// A reset done: the new key at `path`, and the identities of `erased` reports erased.
pub fn reset_done(path: &Path, key_id: &str, erased: usize) -> Localized {
    let path = path.display();
    Localized::new(
        format!(
            "Đã tạo khóa mới {path} (khóa {key_id}) và xóa vĩnh viễn danh tính người phản ánh của {erased} phản ánh mà khóa đã mất mở; phản ánh và nhật ký giữ nguyên, `audit reveals` liệt kê từng lần xóa. Hãy sao lưu khóa mới riêng."
        ),
        format!(
            "made the new key {path} (key {key_id}) and erased for good the reporter's identity of {} the lost key opened; the reports and their log stay, and `audit reveals` lists each erasure. Back up the new key on its own",
            count_en(erased, "report", "reports")
        ),
    )
}
