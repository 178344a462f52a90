//! `erase`: destroys reporters' identities for good, keeping the reports and their log
//! (`app::erase`; Law 91/2025/QH15's deletion on request; SECURITY.md).

use std::io::Write;

use anyhow::{Result, bail};
use clap::Args;

use crate::app::Context;
use crate::app::erase::{self, Targets};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin erase 41 57 \\
      --reason \"Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)\"
  phananh --as admin erase --closed-before 2024-01-01 \\
      --reason \"Hết thời hạn lưu giữ\" --dry-run
  phananh --as admin --format json erase --closed-before 2024-01-01 --dry-run
  phananh --as admin erase --closed-before 2024-01-01 \\
      --reason \"Hết thời hạn lưu giữ\"")]
pub struct EraseArgs {
    /// Report numbers, or ext:APPID.
    pub ids: Vec<String>,
    /// Every report closed (rejected, published, answered privately, merged) before this day
    /// (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_name = "DATE", value_parser = super::date_value, conflicts_with = "ids")]
    pub closed_before: Option<chrono::NaiveDate>,
    /// Why (kept in the audit log, listed by `audit reveals`).
    #[arg(long)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as --text-file
    /// reads a result (the request letter's text, say).
    #[arg(long, value_name = "FILE", conflicts_with = "reason")]
    pub reason_file: Option<std::path::PathBuf>,
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
        (None, true) => bail!(crate::output::erase::nothing_named()),
    };
    let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
    let done = erase::erase(ctx, &targets, &reason, args.without_key, args.dry_run)?;
    let copies = erase::replaced_copies(ctx, done.erased.len());
    if ctx.format == crate::output::Format::Json {
        let mut out = std::io::stdout().lock();
        crate::output::write_json(
            &mut out,
            &crate::output::erase::ErasedLists {
                dry_run: args.dry_run,
                erased: &done.erased,
                already: &done.already,
                unreadable: &done.unreadable,
                without_key: done.without_key,
                left_in_texts: &done.left_in_texts,
                replaced_copies: crate::output::erase::ReplacedCopy::list(&copies),
            },
        )?;
        writeln!(out)?;
    }
    let mut notices = vec![if args.dry_run {
        crate::output::erase::would_erase(&done.erased)
    } else {
        crate::output::erase::erased(&done.erased)
    }];
    if done.without_key && !args.dry_run {
        notices.push(crate::output::erase::without_key());
    }
    notices.extend(crate::output::erase::unreadable(&done.unreadable));
    notices.extend(crate::output::erase::already(&done.already));
    notices.extend(done.lingering_notice());
    if !copies.is_empty() {
        notices.push(crate::output::erase::replaced_copies(&copies, args.dry_run));
    }
    notices.extend(crate::output::erase::left_in_texts(
        &done.left_in_texts,
        args.dry_run,
    ));
    for notice in notices {
        ctx.status(&notice.vi, &notice.en);
    }
    if let Some(failure) = done.edited_failure() {
        return Err(failure.into());
    }
    Ok(crate::exit::OK)
}
