//! `key`: the key file of reporters' identities (`app::vault`; SECURITY.md).

use anyhow::Result;
use clap::Subcommand;

use crate::app::Context;
use crate::app::vault::{self, Rotated};

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Re-encrypt every report's key under a new key file; the old one is kept as KEY.old
    /// for the backups made before (admin only).
    #[command(after_help = "Example:\n  phananh --as admin key rotate")]
    Rotate,
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
                        "key rotated: the keys of {reports} reports are re-encrypted under the new key {} (key {key_id}). The old key is {}: only the backups made before now need it; keep it with them, or destroy it. Back up the new key on its own",
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
    }
}
