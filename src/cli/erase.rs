//! `erase`: destroys reporters' identities for good, keeping the reports and their log
//! (`app::erase`; Law 91/2025/QH15's deletion on request; SECURITY.md).

use anyhow::{Result, bail};
use clap::Args;

use crate::app::Context;
use crate::app::erase::{self, Targets};
use crate::i18n::Localized;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin erase 41 57 \\
      --reason \"Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)\"
  phananh --as admin erase --closed-before 2024-01-01 \\
      --reason \"Hết thời hạn lưu giữ\" --dry-run
  phananh --as admin erase --closed-before 2024-01-01 \\
      --reason \"Hết thời hạn lưu giữ\"")]
pub struct EraseArgs {
    /// Report numbers, or ext:APPID.
    pub ids: Vec<String>,
    /// Every report closed (rejected, published, answered privately, merged) before this day.
    #[arg(long, value_name = "DATE", value_parser = super::date_value, conflicts_with = "ids")]
    pub closed_before: Option<chrono::NaiveDate>,
    /// Why (kept in the audit log, listed by `audit reveals`).
    #[arg(long)]
    pub reason: Option<String>,
    /// Erase even though the identity key is missing, not this database's, or refused for
    /// its mode. What is lost: without the key the erasure cannot record where the
    /// reporter's name stood in the public texts, so a name hidden there (written in
    /// another order, an uncommon family name) is shown again in the public feed and to
    /// leaders; only names by their shape stay hidden. Without this, erase refuses.
    #[arg(long)]
    pub without_key: bool,
    /// Say which identities would be erased, and why any report would be left out, without
    /// erasing anything (no reason needed): an erasure cannot be undone.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_erase(ctx: &Context, args: &EraseArgs) -> Result<u8> {
    let targets = match (&args.closed_before, args.ids.is_empty()) {
        (Some(day), _) => Targets::ClosedBefore(*day),
        (None, false) => Targets::Named(&args.ids),
        (None, true) => bail!(Localized::new(
            "Hãy nêu số phản ánh cần xóa danh tính, hoặc --closed-before NGÀY.",
            "name the reports whose identity to erase, or --closed-before DATE",
        )),
    };
    let done = erase::erase(
        ctx,
        &targets,
        args.reason.as_deref().unwrap_or_default(),
        args.without_key,
        args.dry_run,
    )?;
    let list = |ids: &[i64]| crate::domain::text::ids_listed(ids);
    if args.dry_run {
        let listed = if done.erased.is_empty() {
            String::new()
        } else {
            format!(" ({})", list(&done.erased))
        };
        ctx.status(
            &format!(
                "Chạy thử, chưa xóa gì: lệnh này sẽ xóa vĩnh viễn danh tính người phản ánh của {} phản ánh{listed}. Bỏ --dry-run để xóa.",
                done.erased.len(),
            ),
            &format!(
                "dry run, nothing erased: this would erase the reporter's identity of {}{listed} for good; drop --dry-run to erase",
                crate::i18n::count_en(done.erased.len(), "report", "reports"),
            ),
        );
    } else {
        ctx.status(
        &format!(
            "Đã xóa vĩnh viễn danh tính người phản ánh của {} phản ánh{}; phản ánh và nhật ký giữ nguyên.",
            done.erased.len(),
            if done.erased.is_empty() { String::new() } else { format!(" ({})", list(&done.erased)) }
        ),
        &format!(
            "erased the reporter's identity of {}{} for good; the reports and their log stay",
            crate::i18n::count_en(done.erased.len(), "report", "reports"),
            if done.erased.is_empty() { String::new() } else { format!(" ({})", list(&done.erased)) }
        ),
    );
    }
    if done.without_key && !args.dry_run {
        ctx.status(
            "Đã xóa khi không có khóa (--without-key): không ghi được chỗ họ tên người phản ánh trong các văn bản công khai, nên trên bản công khai họ tên chỉ còn được ẩn theo dáng họ tên.",
            "erased without the key (--without-key): where the reporter's name stood in the public texts was not kept, so the public views hide names by their shape only",
        );
    }
    if !done.unreadable.is_empty() {
        let ids = list(&done.unreadable);
        ctx.status(
            &format!(
                "Cảnh báo: khóa không mở được danh tính của phản ánh {ids} (khóa riêng của phản ánh đã bị thay hoặc bị hỏng ngoài phananh), nên như khi xóa không có khóa (--without-key), không ghi được chỗ họ tên người phản ánh trong các văn bản công khai: trên bản công khai họ tên chỉ còn được ẩn theo dáng họ tên. Sự kiện erase ghi rằng danh tính đã không đọc được từ trước."
            ),
            &format!(
                "warning: the key did not open the identity of {} {ids} (its own key was replaced or damaged outside phananh), so, as erased without the key (--without-key), where the reporter's name stood in the public texts was not kept: the public views hide names by their shape only. The erase event records that the identity was already unreadable",
                if done.unreadable.len() == 1 { "report" } else { "reports" }
            ),
        );
    }
    if !done.already.is_empty() {
        ctx.status(
            &format!("Đã xóa từ trước: {}.", list(&done.already)),
            &format!("already erased: {}", list(&done.already)),
        );
    }
    if let Some(notice) = done.lingering_notice() {
        ctx.status(&notice.vi, &notice.en);
    }
    if let Some(failure) = done.edited_failure() {
        return Err(failure.into());
    }
    Ok(crate::exit::OK)
}
