//! What the identity key's use cases (`app::vault`) refuse and tell: a key that is not
//! this database's or does not open a report's identity, a key file in the way, a key made,
//! a rotation or a reset another process or a file stands in the way of, and a backup whose
//! key is not at hand. Built from paths, key ids and report numbers; nothing here reads a
//! key or the database.

use std::path::Path;

use crate::domain::statement;
use crate::domain::vault::MasterKey;
use crate::i18n::Localized;
use crate::storage::keyfile::KeyError;

/// The key beside, used while the last rotation is not finished.
pub fn interrupted_rotation_key(beside: &Path) -> Localized {
    Localized::new(
        format!(
            "Lần đổi khóa trước bị ngắt: dùng khóa mới {}; hãy chạy `phananh key rotate` để hoàn tất.",
            beside.display()
        ),
        format!(
            "the last key rotation was interrupted: using the new key {}; run `phananh key rotate` to finish it",
            beside.display()
        ),
    )
}

/// A report's identity `key` does not open, its row edited since the log's last seal:
/// `erase` cannot help, a backup can.
pub fn identity_edited(key: &Path, report: i64) -> Localized {
    Localized::new(
        format!(
            "Khóa {} không mở được danh tính của phản ánh {id}, và hàng dữ liệu của phản ánh không còn khớp với lần niêm phong cuối trong nhật ký: danh tính đã mã hóa của nó bị sửa ngoài phananh (có thể bị chuyển từ phản ánh khác sang). Lệnh `erase` không xóa được danh tính này: nó không niêm phong một hàng đã bị sửa. Chạy `phananh audit verify` để xem chỗ sửa, rồi khôi phục bản sao lưu (`phananh restore`).",
            key.display(),
            id = report
        ),
        format!(
            "the key {} does not open the identity of report {id}, and the report's row no longer matches the log's last seal: its sealed identity was changed outside phananh (perhaps moved from another report). `erase` cannot erase it, since it does not seal an edited row. Run `phananh audit verify` to see the edit, then restore a backup (`phananh restore`)",
            key.display(),
            id = report
        ),
    )
}

/// A report's identity `key` does not open: its own key replaced or damaged.
pub fn own_key_replaced(key: &Path, report: i64) -> Localized {
    Localized::new(
        format!(
            "Khóa {} không mở được danh tính của phản ánh {id}: khóa riêng của phản ánh đã bị thay hoặc bị hỏng (ngoài phananh). Hãy chạy `phananh audit verify`, rồi khôi phục bản sao lưu; hoặc, nếu danh tính ấy không lấy lại được, để công việc tiếp tục hãy xóa nó có ghi lý do: `phananh erase {id} --reason \"LÝ DO\"` (khi ấy các văn bản công khai của phản ánh chỉ còn ẩn họ tên theo dáng họ tên).",
            key.display(),
            id = report
        ),
        format!(
            "the key {} does not open the identity of report {id}: its own key was replaced or damaged (outside phananh). Run `phananh audit verify`, then restore a backup; or, if that identity cannot be had back, erase it with a reason so work goes on: `phananh erase {id} --reason \"TEXT\"` (its public texts then hide names by their shape only)",
            key.display(),
            id = report
        ),
    )
}

/// A report's sealed identity damaged, or moved from another report.
pub fn identity_damaged(report: i64) -> Localized {
    Localized::new(
        format!(
            "Danh tính đã mã hóa của phản ánh {} bị hỏng hoặc bị chuyển từ phản ánh khác; hãy chạy `phananh audit verify`.",
            report
        ),
        format!(
            "the sealed identity of report {} is damaged or was moved from another report; run `phananh audit verify`",
            report
        ),
    )
}

/// Refuses to make a key over what stands at `path` (`standing`, in each language), and
/// says how to move it away.
pub fn key_file_exists(path: &Path, standing: crate::storage::private::Standing) -> Localized {
    use crate::i18n::Bilingual;
    let (move_vi, move_en) = super::storage::move_away_advice(path, standing);
    let standing = (standing.vi(), standing.en());
    Localized::new(
        format!(
            "Đã có {} ({}): có thể là khóa của một cơ sở dữ liệu khác. Không tạo gì. Hãy {}, hoặc chọn chỗ khác cho khóa bằng --key-file.",
            path.display(),
            standing.0,
            move_vi.trim_start_matches("hãy ")
        ),
        format!(
            "{} already exists ({}): it may be another database's key. Nothing was created; {move_en}, or put the new key elsewhere with --key-file",
            path.display(),
            standing.1
        ),
    )
}

/// The identity key made at `path`, to back up apart.
pub fn key_created(path: &Path) -> Localized {
    Localized::new(
        format!(
            "Đã tạo khóa danh tính {}: từ nay họ tên, số điện thoại người phản ánh được mã hóa bằng khóa này. Hãy sao lưu khóa riêng, không để cùng chỗ với bản sao lưu cơ sở dữ liệu (SECURITY.md).",
            path.display()
        ),
        format!(
            "created the identity key {}: reporters' names and phones are encrypted under it from now on. Back it up apart from the database's backups (SECURITY.md)",
            path.display()
        ),
    )
}

/// The key command refused while other processes use the database.
#[derive(Debug, Clone, Copy)]
pub enum KeyCommand {
    Rotate,
    Reset,
}

/// Refuses `key rotate` or `key reset` while other processes (`holders`, as far as they
/// could be seen) use the database.
pub fn busy(db: &Path, command: KeyCommand, holders: &[(u32, String)]) -> Localized {
    let (vi, en) = match command {
        KeyCommand::Rotate => ("chưa đổi khóa", "the key was not changed"),
        KeyCommand::Reset => ("chưa làm gì", "nothing was done"),
    };
    let (vi_who, en_who) = super::storage::holding(holders);
    Localized::new(
        format!(
            "Có tiến trình phananh khác đang dùng {}; {vi}.{vi_who} Hãy chạy lại khi họ xong.",
            db.display()
        ),
        format!(
            "other phananh processes are using {}; {en}.{en_who} Run again when they are done",
            db.display()
        ),
    )
}

/// Refuses a rotation while an earlier rotation's old key is still at `old_path`.
pub fn old_key_in_the_way(old_path: &Path) -> Localized {
    Localized::new(
        format!(
            "Đã có {}: khóa cũ của lần đổi trước, cần để mở các bản sao lưu làm trước lần đó. Hãy chuyển nó tới chỗ cất khóa, ở nơi khác với các bản sao lưu ấy (hoặc hủy nếu đã hủy chúng), rồi chạy lại.",
            old_path.display()
        ),
        format!(
            "{} already exists: the key an earlier rotation replaced, which opens the backups made before it. Move it to where keys are kept, apart from those backups (or destroy it if they are destroyed), then run again",
            old_path.display()
        ),
    )
}

/// Refuses a rotation (exit 5) while the vault row, or a report it would pass over, is not
/// what the log sealed (`problem`).
pub fn rotation_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        (
            "lần đổi khóa dựa vào để biết danh tính nào nằm dưới khóa nào",
            "a rotation relies on to know which identities are under which key",
        ),
        (
            "chưa đổi khóa, không tệp nào bị động đến",
            "the key was not rotated and no file was touched",
        ),
    )
}

/// Refuses to take a key (exit 5) while the vault row that names this database's key is
/// not what the log recorded (`problem`).
pub fn key_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        (
            "danh tính người phản ánh dựa vào để biết khóa nào là của cơ sở dữ liệu này",
            "reporters' identities rely on to know which key is this database's",
        ),
        (
            "không danh tính nào được mở hay mã hóa bằng khóa ở đường dẫn khóa",
            "no identity was opened or sealed with the key at the key path",
        ),
    )
}

/// Refuses a reset (exit 5) while the vault row, or a report it would pass over, is not
/// what the log sealed (`problem`).
pub fn reset_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        (
            "lần đặt lại khóa dựa vào để biết khóa nào bị mất và danh tính nào phải xóa",
            "a reset relies on to know which key was lost and which identities to erase",
        ),
        (
            "chưa đặt lại khóa, không danh tính nào bị xóa và không tệp nào bị động đến",
            "the key was not reset, no identity was erased and no file was touched",
        ),
    )
}

/// Stops a rotation at the first report whose own key the current key does not open.
pub fn own_key_unopened(id: i64) -> Localized {
    Localized::new(
        format!(
            "Khóa riêng của phản ánh {id} không mở được bằng khóa hiện tại; chưa đổi khóa. Hãy chạy `phananh audit verify`."
        ),
        format!(
            "report {id}'s own key does not open under the current key; the key was not changed. Run `phananh audit verify`"
        ),
    )
}

/// Refuses to finish an interrupted rotation while a file is at `old_path`.
pub fn old_key_blocks_finish(old_path: &Path) -> Localized {
    Localized::new(
        format!(
            "Không hoàn tất được lần đổi khóa bị ngắt: đã có {}. Hãy chuyển nó đi rồi chạy lại.",
            old_path.display()
        ),
        format!(
            "cannot finish the interrupted key rotation: {} already exists; move it away, then run again",
            old_path.display()
        ),
    )
}

/// Refuses a reset without its reason, which the log keeps with every identity erased.
pub fn reset_reason_needed() -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết vì sao lập khóa mới: `key reset --reason \"...\"`, {}; lý do được ghi vào nhật ký hệ thống cùng mỗi danh tính bị xóa.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why the key is reset: `key reset --reason \"...\"`, {}; the reason is kept in the audit log with every identity erased",
            statement::EXPECTED_EN
        ),
    )
}

/// Refuses a reset while the key at `path` opens the database.
pub fn nothing_to_reset(path: &Path) -> Localized {
    Localized::new(
        format!(
            "Khóa {} mở được cơ sở dữ liệu này: không có gì phải lập lại, không danh tính nào bị xóa. Muốn thay khóa, hãy dùng `phananh key rotate`.",
            path.display()
        ),
        format!(
            "the key {} opens this database: there is nothing to reset, and no identity was erased. To change the key, use `phananh key rotate`",
            path.display()
        ),
    )
}

/// Refuses (exit 5) a reset while a key in reach opens the identities under another id
/// than the database names: the vault row was edited, the key is not lost.
pub fn opens_under_another_id(candidate: &Path, key_id: &str, named: &str) -> Localized {
    Localized::new(
        format!(
            "Khóa {} (khóa {}) mở được danh tính người phản ánh của cơ sở dữ liệu này, nhưng cơ sở dữ liệu ghi khóa của nó là {named}: dòng của bảng vault đã bị sửa ngoài phananh. Khóa không mất: không lập khóa mới, không danh tính nào bị xóa. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu (`phananh restore`) và báo cho quản trị viên.",
            candidate.display(),
            key_id
        ),
        format!(
            "the key {} (key {}) opens this database's reporters' identities, but the database names its key {named}: the vault row was changed outside phananh. The key is not lost: no key was made and no identity was erased. Run `phananh audit verify`, restore a backup (`phananh restore`) and tell an admin",
            candidate.display(),
            key_id
        ),
    )
}

/// Refuses a reset while the database's key is at `old_path`: it goes back to `key`.
pub fn old_key_is_the_key(old_path: &Path, key: &Path, id: &str) -> Localized {
    Localized::new(
        format!(
            "{old} là khóa của cơ sở dữ liệu này (khóa {id}): hãy đặt nó về chỗ (`mv {old} {key}`) thay vì lập khóa mới; không danh tính nào bị xóa.",
            old = old_path.display(),
            key = key.display()
        ),
        format!(
            "{old} is this database's key (key {id}): put it back (`mv {old} {key}`) instead of resetting; no identity was erased",
            old = old_path.display(),
            key = key.display()
        ),
    )
}

/// The file at `path` could not be moved to `aside`: nothing was done.
pub fn cannot_move_aside(path: &Path, aside: &Path, e: &std::io::Error) -> Localized {
    Localized::new(
        format!(
            "Không chuyển được {} sang {} ({}); chưa làm gì. Hãy tự chuyển tệp ở {} đi rồi chạy lại.",
            path.display(),
            aside.display(),
            crate::i18n::io_write_vi(e),
            path.display()
        ),
        format!(
            "cannot move {} to {} ({e}); nothing was done. Move the file at {} away yourself, then run again",
            path.display(),
            aside.display(),
            path.display()
        ),
    )
}

/// Stops a restore at the first report of the backup whose own key the old key does not
/// open.
pub fn backup_own_key_unopened(id: i64) -> Localized {
    Localized::new(
        format!(
            "Khóa riêng của phản ánh {id} trong bản sao lưu không mở được bằng khóa cũ; không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên."
        ),
        format!(
            "report {id}'s own key in the backup does not open under the old key; nothing was restored and the current database is unchanged"
        ),
    )
}

/// The key file at `path` (key `key_id`) is not this database's (`expected`): a stranger's
/// key, or, when it `opens` the identities, the vault row was edited.
pub fn wrong_key(path: &Path, key_id: &str, expected: Option<&str>, opens: bool) -> Localized {
    let expected = expected.unwrap_or_default();
    if opens {
        // Told apart from a stranger's key: the admin must not go looking for another key,
        // nor run `key reset`, when this one is the key and the label was changed.
        return Localized::new(
            format!(
                "Tệp khóa {} (khóa {}) mở được danh tính người phản ánh của cơ sở dữ liệu này, nhưng cơ sở dữ liệu ghi khóa của nó là {expected}: dòng của bảng vault (khóa nào mã hóa danh tính) đã bị sửa ngoài phananh. Đừng chạy `key reset`: khóa không mất. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu (`phananh restore`) và báo cho quản trị viên.",
                path.display(),
                key_id,
            ),
            format!(
                "the key file {} (key {}) opens this database's reporters' identities, but the database names its key {expected}: the vault row (which key the identities are under) was changed outside phananh. Do not run `key reset`: the key is not lost. Run `phananh audit verify`, restore a backup (`phananh restore`) and tell an admin",
                path.display(),
                key_id,
            ),
        );
    }
    Localized::new(
        format!(
            "Tệp khóa {} (khóa {}) không phải khóa của cơ sở dữ liệu này (khóa {expected}): nó không mở được danh tính nào của cơ sở dữ liệu; có thể là khóa của cơ sở dữ liệu khác, hoặc khóa cũ đã được `key rotate` thay. Hãy {}.",
            path.display(),
            key_id,
            crate::output::key::HOW_TO_SET.0
        ),
        format!(
            "the key file {} (key {}) is not this database's key (key {expected}): it opens none of its identities; another database's, or an old key `key rotate` replaced; {}",
            path.display(),
            key_id,
            crate::output::key::HOW_TO_SET.1
        ),
    )
}

/// What stood at `KEY.new` that no interrupted rotation left there.
pub enum NotRotation<'a> {
    /// The very key in place, at the key path (copied, or linked to it).
    KeyInPlace { path: &'a Path, linked: bool },
    /// The key the database names, which opens none of its identities.
    OpensNone,
    /// A key that opens the identities while the database names another id.
    OpensUnderAnotherId { named: String },
    /// A key that opens nothing here and carries no mark of a rotation from the key the
    /// database names: another database's key, one put there for a restore, or a rotation's
    /// from an older phananh, which did not mark its key.
    Unmarked { named: String },
}

/// The refusal for a `KEY.new` that is not an interrupted rotation's: what it holds, that
/// the key was not rotated and the file not touched, and what to do.
pub fn not_a_rotation(new_path: &Path, id: &str, found: NotRotation<'_>) -> Localized {
    let file = new_path.display();
    let (vi, en) = match found {
        NotRotation::KeyInPlace { path, linked } => {
            // `shred` through a link would destroy the key in place itself.
            let (remove_vi, remove_en) = if linked {
                (
                    format!(
                        "gỡ tên ấy bằng `rm {file}` (đừng dùng `shred`: đó là liên kết tới chính tệp khóa, `shred` sẽ hủy khóa đang dùng)"
                    ),
                    format!(
                        "remove that name with `rm {file}` (not `shred`: it is a link to the key file itself, and `shred` would destroy the key in use)"
                    ),
                )
            } else {
                (
                    format!("hủy nó bằng `shred -u {file}`"),
                    format!("destroy it with `shred -u {file}`"),
                )
            };
            (
                format!(
                    "{file} chứa chính khóa đang dùng ({}, khóa {id}), không phải khóa mới của một lần đổi khóa bị ngắt (lần đổi khóa bị ngắt để lại ở đó một khóa khác). Ai đặt nó ở đó đang giữ khóa mà lần đổi này định thay. Chưa đổi khóa; không tệp nào bị động đến. Hãy xem ai đã tạo nó (`ls -l {file}`), {remove_vi}, rồi chạy lại `phananh key rotate`.",
                    path.display()
                ),
                format!(
                    "{file} holds the key in use ({}, key {id}), not the new key of an interrupted rotation (which leaves another key there). Whoever put it there holds the key this rotation is meant to replace. The key was NOT rotated, and no file was touched. See who made it (`ls -l {file}`), {remove_en}, then run `phananh key rotate` again",
                    path.display()
                ),
            )
        }
        NotRotation::OpensNone => (
            format!(
                "Cơ sở dữ liệu ghi khóa của nó là khóa {id} ở {file}, nhưng khóa ấy không mở được danh tính nào: đó không phải lần đổi khóa bị ngắt (lần ấy đã mã hóa lại mọi danh tính bằng khóa mới), mà dòng của bảng vault đã bị sửa ngoài phananh. Chưa đổi khóa; tệp được để nguyên. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu và báo quản trị viên."
            ),
            format!(
                "the database names its key {id}, the key at {file}, but that key opens none of its identities: this is no interrupted rotation (which re-encrypted every identity under the new key); the vault row was changed outside phananh. The key was NOT rotated, and the file was left as it is. Run `phananh audit verify`, restore a backup and tell an admin"
            ),
        ),
        NotRotation::OpensUnderAnotherId { named } => (
            format!(
                "{file} (khóa {id}) mở được danh tính của cơ sở dữ liệu này, nhưng cơ sở dữ liệu ghi khóa của nó là {named}: đó không phải khóa mới của một lần đổi khóa bị ngắt (khóa mới chưa mở được gì trước khi lần đổi được ghi), mà dòng của bảng vault có thể đã bị sửa ngoài phananh. Chưa đổi khóa; tệp được để nguyên. Hãy chạy `phananh audit verify` và báo quản trị viên."
            ),
            format!(
                "{file} (key {id}) opens this database's identities, but the database names its key {named}: this is not the new key of an interrupted rotation (which opens nothing before the rotation is recorded); the vault row may have been changed outside phananh. The key was NOT rotated, and the file was left as it is. Run `phananh audit verify` and tell an admin"
            ),
        ),
        NotRotation::Unmarked { named } => (
            format!(
                "{file} (khóa {id}) không mở được danh tính nào của cơ sở dữ liệu này (khóa {named}) và không phải tệp mà một lần `key rotate` từ khóa {named} đã ghi: có thể là khóa của cơ sở dữ liệu khác, hay khóa đặt ở đó để khôi phục bản sao lưu. phananh không xóa tệp khóa nó không tạo ra: chưa đổi khóa, tệp được để nguyên. Hãy chuyển nó đi chỗ khác (nếu là khóa của bản sao lưu, đặt ở tệp .old hoặc trỏ `--key-file` tới nó khi khôi phục), hoặc xóa nếu chắc nó từ đâu ra, rồi chạy lại `phananh key rotate`."
            ),
            format!(
                "{file} (key {id}) opens none of this database's identities (key {named}) and is not the file a `key rotate` from key {named} wrote: another database's key, perhaps, or one put there to restore a backup. phananh does not delete a key file it did not write: the key was NOT rotated, and the file was left as it is. Move it elsewhere (a backup's key goes at the .old name, or --key-file, for a restore), or delete it if you know where it came from, then run `phananh key rotate` again"
            ),
        ),
    };
    Localized::new(vi, en)
}

/// Refuses a restore whose backup's identities are under key `needed`, which neither the key
/// at `path` (`current`) nor the one at `old_path` (`old`) is.
pub fn backup_key_missing(
    file: &Path,
    needed: &str,
    path: &Path,
    current: &Result<MasterKey, KeyError>,
    old_path: &Path,
    old: &Result<MasterKey, KeyError>,
) -> Localized {
    let describe = |key: &Result<MasterKey, KeyError>, vi: bool| match key {
        Ok(key) => format!("{} {}", if vi { "khóa" } else { "key" }, key.id()),
        Err(KeyError::Missing) => (if vi { "không có" } else { "none" }).to_owned(),
        Err(_) => (if vi {
            "không đọc được"
        } else {
            "unreadable"
        })
        .to_owned(),
    };
    Localized::new(
        format!(
            "Danh tính người phản ánh trong {file} được mã hóa bằng khóa {needed}; không khóa nào ở đây mở được ({path}: {}; {old_path}: {}). Không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên: khôi phục xong thì không ai làm việc được. Hãy đặt tệp khóa {needed} (tệp khóa lúc làm bản sao lưu, cất riêng) ở {old_path} rồi chạy lại: danh tính được mã hóa lại bằng khóa hiện tại, và cơ sở dữ liệu vẫn mở bằng tệp khóa của nó. (Chạy với --key-file trỏ tới khóa cũ thì khôi phục được nhưng từ đó phải luôn dùng khóa cũ: sau `key rotate` vì lộ khóa, đừng làm vậy.)",
            describe(current, true),
            describe(old, true),
            file = file.display(),
            path = path.display(),
            old_path = old_path.display(),
        ),
        format!(
            "the reporters' identities in {file} are encrypted under key {needed}, which no key here opens ({path}: {}; {old_path}: {}). Nothing was restored and the current database is unchanged: once restored, nobody could work. Put the key file {needed} (the key file of when the backup was made, kept apart) at {old_path} and run again: the identities are re-encrypted under the current key, and the database still opens with its own key file. (With --key-file pointing at the old key the restore works, but that old key must be used from then on: after a `key rotate` for a leaked key, do not)",
            describe(current, false),
            describe(old, false),
            file = file.display(),
            path = path.display(),
            old_path = old_path.display(),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two refusals of a busy database, one function since they differ in what was not
    /// done: each reads as it did when each command worded its own.
    #[test]
    fn a_busy_database_refuses_each_key_command_in_its_words() {
        let db = Path::new("p.sqlite");
        let rotate = busy(db, KeyCommand::Rotate, &[]);
        assert_eq!(
            rotate.vi,
            "Có tiến trình phananh khác đang dùng p.sqlite; chưa đổi khóa. Hãy chạy lại khi họ xong."
        );
        assert_eq!(
            rotate.en,
            "other phananh processes are using p.sqlite; the key was not changed. Run again when they are done"
        );
        let reset = busy(db, KeyCommand::Reset, &[]);
        assert_eq!(
            reset.vi,
            "Có tiến trình phananh khác đang dùng p.sqlite; chưa làm gì. Hãy chạy lại khi họ xong."
        );
        assert_eq!(
            reset.en,
            "other phananh processes are using p.sqlite; nothing was done. Run again when they are done"
        );
    }
}
