//! `key`: the key file of reporters' identities (`app::vault`; SECURITY.md).

use anyhow::Result;
use clap::Subcommand;

use crate::app::Context;
use crate::app::vault::{self, Reset, Rotated};

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Re-encrypt every report's key under a new key file; the old one is kept as KEY.old
    /// for the backups made before (admin only).
    #[command(after_help = "Example:\n  phananh --as admin key rotate")]
    Rotate,
    /// When the key is lost (no key file, or none that opens this database, KEY.old
    /// included): make a new key and erase, for good, every identity only the lost key
    /// opened, as `erase` does (each logged with the reason), so that intake, validation and
    /// the listings work again (admin only). Without --yes, says how many it would erase.
    #[command(
        after_help = "Example:\n  phananh --as admin key reset \\\n      --reason \"Mất tệp khóa khi hỏng ổ đĩa 05/10/2026\" --yes"
    )]
    Reset {
        /// Why (kept in the audit log with every identity erased, listed by `audit reveals`).
        #[arg(long)]
        reason: String,
        /// Confirm: the identities the lost key opened are erased for good.
        #[arg(long)]
        yes: bool,
    },
}

pub fn cmd_key(ctx: &Context, cmd: KeyCommand) -> Result<u8> {
    match cmd {
        KeyCommand::Rotate => {
            let path = ctx.key_path();
            match vault::rotate(ctx)? {
                Rotated::Done {
                    reports,
                    old,
                    key_id,
                } => ctx.status(
                    &format!(
                        "Đã đổi khóa: khóa của {reports} phản ánh được mã hóa lại bằng khóa mới {} (khóa {key_id}). Khóa cũ ở {}: chỉ còn cần để mở các bản sao lưu làm trước lúc này; hãy cất nó cùng các bản sao lưu ấy, hoặc hủy. Hãy sao lưu khóa mới riêng.",
                        path.display(),
                        old.display()
                    ),
                    &format!(
                        "key rotated: the keys of {} are re-encrypted under the new key {} (key {key_id}). The old key is {}: only the backups made before now need it; keep it with them, or destroy it. Back up the new key on its own",
                        crate::i18n::count_en(reports, "report", "reports"),
                        path.display(),
                        old.display()
                    ),
                ),
                Rotated::Finished { key_id } => ctx.status(
                    &format!(
                        "Đã hoàn tất lần đổi khóa bị ngắt trước đó: khóa {} (khóa {key_id}) đã vào chỗ. Chạy lại lệnh nếu muốn đổi khóa lần nữa.",
                        path.display()
                    ),
                    &format!(
                        "finished the interrupted key rotation: {} (key {key_id}) is in place. Run again to rotate once more",
                        path.display()
                    ),
                ),
                Rotated::RolledBack => ctx.status(
                    "Lần đổi khóa trước bị ngắt trước khi ghi: đã bỏ khóa mới dở dang, khóa cũ vẫn dùng. Chạy lại lệnh để đổi khóa.",
                    "the last key rotation was interrupted before it was recorded: its new key was removed and the old one stays. Run again to rotate",
                ),
            }
            Ok(crate::exit::OK)
        }
        KeyCommand::Reset { reason, yes } => reset(ctx, &reason, yes),
    }
}

fn reset(ctx: &Context, reason: &str, yes: bool) -> Result<u8> {
    let path = ctx.key_path();
    match vault::reset(ctx, reason, yes)? {
        Reset::WouldErase { reports } => {
            ctx.status(
                &format!(
                    "Chưa làm gì. `key reset` sẽ tạo khóa mới {} và xóa vĩnh viễn danh tính người phản ánh của {reports} phản ánh mà chỉ khóa đã mất mở được (mỗi phản ánh một sự kiện erase với lý do này). Hãy tìm lại khóa trước (bản sao khóa cất riêng, --key-file); nếu thật sự đã mất, chạy lại với --yes.",
                    path.display()
                ),
                &format!(
                    "nothing was done. `key reset` would make a new key {} and erase for good the reporter's identity of {} that only the lost key opens (one erase event each, with this reason). Look for the key first (its own backup, --key-file); if it is truly lost, run again with --yes",
                    path.display(),
                    crate::i18n::count_en(reports, "report", "reports")
                ),
            );
            // Refused until confirmed, as any refused action: 2 is for bad usage only.
            Ok(crate::exit::FAILURE)
        }
        Reset::Done {
            erased,
            key_id,
            moved,
            lingering,
        } => {
            if let Some(moved) = moved {
                ctx.status(
                    &format!(
                        "Tệp ở {} không phải khóa của cơ sở dữ liệu này; đã chuyển sang {} (không xóa: có thể là khóa của cơ sở dữ liệu khác).",
                        path.display(),
                        moved.display()
                    ),
                    &format!(
                        "the file at {} is not this database's key; it was moved to {} (not deleted: it may be another database's)",
                        path.display(),
                        moved.display()
                    ),
                );
            }
            ctx.status(
                &format!(
                    "Đã tạo khóa mới {} (khóa {key_id}) và xóa vĩnh viễn danh tính người phản ánh của {} phản ánh mà khóa đã mất mở; phản ánh và nhật ký giữ nguyên, `audit reveals` liệt kê từng lần xóa. Hãy sao lưu khóa mới riêng.",
                    path.display(),
                    erased.len()
                ),
                &format!(
                    "made the new key {} (key {key_id}) and erased for good the reporter's identity of {} the lost key opened; the reports and their log stay, and `audit reveals` lists each erasure. Back up the new key on its own",
                    path.display(),
                    crate::i18n::count_en(erased.len(), "report", "reports")
                ),
            );
            if lingering {
                let notice = crate::app::erase::Erased {
                    erased: erased.clone(),
                    lingering,
                    ..Default::default()
                }
                .lingering_notice();
                if let Some(notice) = notice {
                    ctx.status(&notice.vi, &notice.en);
                }
            }
            Ok(crate::exit::OK)
        }
    }
}
