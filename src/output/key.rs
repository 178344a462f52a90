//! What `key rotate` and `key reset` say when done (`cli::key` prints it): where the new key
//! is and what the old one is still for, an interrupted rotation finished or rolled back,
//! what a reset would erase before it is confirmed, and what it erased. Built from what
//! `app::vault` did; nothing here reads the key or the database. And why a key file was
//! refused (`storage::keyfile` finds it), with what to do about it.

use std::path::Path;

use crate::i18n::{Bilingual, Localized, count_en};
use crate::storage::keyfile::{KeyError, KeyHolder};

/// A rotation done: `reports` keys re-encrypted under the new key at `path`, the old one
/// kept at `old` for the backups made before.
pub fn rotated(path: &Path, reports: usize, old: &Path, key_id: &str) -> Localized {
    let (path, old) = (path.display(), old.display());
    Localized::new(
        format!(
            "Đã đổi khóa: khóa của {reports} phản ánh được mã hóa lại bằng khóa mới {path} (khóa {key_id}). Khóa cũ ở {old}: chỉ còn cần để mở các bản sao lưu làm trước lúc này; hãy cất nó riêng, ở nơi khác với các bản sao lưu ấy (ai có cả hai thì đọc được mọi danh tính trong đó), giữ lâu bằng chúng, hoặc hủy; khôi phục một bản sao lưu ấy thì đặt khóa cũ lại ở {old}. Hãy sao lưu khóa mới riêng.",
            reports = crate::i18n::grouped(reports, crate::i18n::Lang::Vi)
        ),
        format!(
            "key rotated: the keys of {} are re-encrypted under the new key {path} (key {key_id}). The old key is {old}: only the backups made before now need it; keep it apart from them (whoever holds both reads every identity in them) for as long as you keep them, or destroy it; to restore one of them, put it back at {old}. Back up the new key on its own",
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
            "Chưa làm gì. `key reset` sẽ tạo khóa mới {path} và xóa vĩnh viễn danh tính người phản ánh của {reports} phản ánh mà chỉ khóa đã mất mở được (mỗi phản ánh một sự kiện erase với lý do này). Hãy tìm lại khóa trước (bản sao khóa cất riêng, --key-file); nếu thật sự đã mất, chạy lại với --yes.",
            reports = crate::i18n::grouped(reports, crate::i18n::Lang::Vi)
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
            "Đã tạo khóa mới {path} (khóa {key_id}) và xóa vĩnh viễn danh tính người phản ánh của {erased} phản ánh mà khóa đã mất mở; phản ánh và nhật ký giữ nguyên, `audit reveals` liệt kê từng lần xóa. Hãy sao lưu khóa mới riêng.",
            erased = crate::i18n::grouped(erased, crate::i18n::Lang::Vi)
        ),
        format!(
            "made the new key {path} (key {key_id}) and erased for good the reporter's identity of {} the lost key opened; the reports and their log stay, and `audit reveals` lists each erasure. Back up the new key on its own",
            count_en(erased, "report", "reports")
        ),
    )
}

/// How the command was told where the key is, for the message that says it is missing.
pub const HOW_TO_SET: (&str, &str) = (
    "đặt đường dẫn bằng --key-file hoặc biến môi trường PHANANH_KEY_FILE; mặc định là đường dẫn cơ sở dữ liệu thêm .key",
    "set its path with --key-file or PHANANH_KEY_FILE; the default is the database's path plus .key",
);

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What to tell the operator about `error` for the key at `path`.
pub fn key_error(error: &KeyError, path: &Path) -> Localized {
    let shown = path.display();
    match error {
        KeyError::Missing => Localized::new(
            format!(
                "Không tìm thấy khóa danh tính tại {shown}: cần khóa này để đọc họ tên, số điện thoại người phản ánh. Hãy {}.",
                HOW_TO_SET.0
            ),
            format!(
                "no identity key at {shown}: reporters' names and phones cannot be read without it; {}",
                HOW_TO_SET.1
            ),
        ),
        KeyError::TooOpen(mode) => Localized::new(
            format!(
                "Tệp khóa {shown} có quyền {mode:04o}: mọi tài khoản trên máy đọc được khóa mở danh tính người phản ánh, nên phananh không dùng nó. Hãy chạy `chmod 600 {shown}` (hoặc `chmod o-rwx`) rồi chạy lại."
            ),
            format!(
                "the key file {shown} has mode {mode:04o}: every account on this machine can read the key to reporters' identities, so phananh will not use it; run `chmod 600 {shown}` (or `chmod o-rwx`), then run again"
            ),
        ),
        KeyError::NotAFile(standing) => {
            let (move_vi, move_en) = super::storage::move_away_advice(path, *standing);
            Localized::new(
                format!(
                    "Ở {shown} là {}, không phải tệp khóa: phananh chỉ đọc khóa từ một tệp thường, và không đọc thứ ấy. Không có gì thay đổi. {}, rồi chạy lại.",
                    standing.vi(),
                    capitalized(&move_vi),
                ),
                format!(
                    "{shown} is {}, not a key file: phananh reads a key only from a regular file, and did not read this one. Nothing was changed. {}, then run again",
                    standing.en(),
                    capitalized(&move_en),
                ),
            )
        }
        KeyError::NotAKeyFile => Localized::new(
            format!(
                "Không đọc được tệp khóa {shown} (không phải tệp khóa phananh); hãy kiểm tra đó đúng là tệp khóa của cơ sở dữ liệu này ({}).",
                HOW_TO_SET.0
            ),
            format!(
                "cannot read the key file {shown} (not a phananh key file); check that it is this database's key file ({})",
                HOW_TO_SET.1
            ),
        ),
        KeyError::Denied(holder) => {
            let KeyHolder {
                owner,
                group,
                mode,
                reader,
            } = holder;
            Localized::new(
                format!(
                    "Tài khoản {reader} không đọc được tệp khóa {shown}: tệp thuộc {owner}:{group}, quyền {mode:04o}. Khóa phải thuộc tài khoản chạy phananh trên cơ sở dữ liệu này, cùng chủ và nhóm với tệp cơ sở dữ liệu (xem `ls -l` tệp đó): chạy `sudo chown CHỦ:NHÓM {shown}`; nếu một nhóm nhân viên dùng chung cơ sở dữ liệu thì chạy `sudo chgrp NHÓM {shown}` rồi `sudo chmod 640 {shown}`. Sau đó chạy lại."
                ),
                format!(
                    "the account {reader} cannot read the key file {shown}: it belongs to {owner}:{group}, mode {mode:04o}. The key must belong to the account that runs phananh on this database, with the database file's owner and group (see `ls -l` of it): run `sudo chown OWNER:GROUP {shown}`; where a staff group shares the database, `sudo chgrp GROUP {shown}` and `sudo chmod 640 {shown}`. Then run again"
                ),
            )
        }
        KeyError::Unreadable(why) => Localized::new(
            format!(
                "Không đọc được tệp khóa {shown} ({}); hãy kiểm tra đó đúng là tệp khóa của cơ sở dữ liệu này ({}).",
                why.vi(),
                HOW_TO_SET.0
            ),
            format!(
                "cannot read the key file {shown} ({}); check that it is this database's key file ({})",
                why.en(),
                HOW_TO_SET.1
            ),
        ),
    }
}
