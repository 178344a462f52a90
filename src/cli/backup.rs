//! `backup --out FILE` and `restore FILE` (issue 5): their arguments and what they say
//! when done. Copying, checking and the events are `app::backup`'s.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::app::{Context, backup};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin backup --out /srv/backup/phananh-2026-10-05.sqlite
  0 2 * * * PHANANH_DB=/srv/phananh/phananh.sqlite /usr/local/bin/phananh --as cron.tiepnhan backup --quiet --out /srv/backup/phananh-$(date +\\%F).sqlite")]
pub struct BackupArgs {
    /// Where to write the copy: a new file (an existing one is never overwritten). It holds
    /// reporters' personal data and is created readable by its owner only (mode 0600).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print nothing but errors (for cron, which mails whatever a job prints).
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin restore /srv/backup/phananh-2026-10-05.sqlite
  phananh --as admin --db /srv/phananh/phananh.sqlite restore phananh-2026-10-05.sqlite
  phananh --as admin restore old-server.sqlite --force --reason \"Chuyển từ máy chủ cũ\"")]
pub struct RestoreArgs {
    /// The backup to restore (admin only). It must be a phananh database that passes
    /// SQLite's integrity check and `audit verify`, whose last event is in the current
    /// chain; the current content of --db is replaced.
    pub file: PathBuf,
    /// Restore a backup whose last event is not in the current chain (another database's,
    /// or one of a rewritten chain); needs --reason, recorded in the restore event.
    #[arg(long, requires = "reason")]
    pub force: bool,
    /// Why a --force restore replaces this chain.
    #[arg(long, value_name = "TEXT", requires = "force")]
    pub reason: Option<String>,
    /// Seconds to wait for other phananh processes (an ingest, a sweep, an operator) to
    /// finish with the database before refusing.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub wait: u64,
}

pub fn cmd_backup(ctx: &Context, args: &BackupArgs) -> Result<u8> {
    let done = backup::backup(ctx, &args.out)?;
    if args.quiet {
        return Ok(crate::exit::OK);
    }
    ctx.status(
        &format!(
            "Đã sao lưu vào {}: {} trang, {} byte, đã kiểm tra toàn vẹn.",
            done.path.display(),
            done.pages,
            done.bytes
        ),
        &format!(
            "backed up to {}: {} pages, {} bytes, integrity checked",
            done.path.display(),
            done.pages,
            done.bytes
        ),
    );
    Ok(crate::exit::OK)
}

pub fn cmd_restore(ctx: &Context, args: &RestoreArgs) -> Result<u8> {
    let options = backup::RestoreOptions {
        force: args
            .force
            .then(|| args.reason.clone().unwrap_or_default())
            .map(|r| crate::domain::text::nfc(r.trim())),
        wait: std::time::Duration::from_secs(args.wait),
    };
    let done = backup::restore(ctx, &args.file, &options)?;
    if done.forced {
        ctx.status(
            "Khôi phục bắt buộc (--force): chuỗi kiểm toán cũ đã được thay; sự kiện restore ghi lại đầu chuỗi cũ và lý do.",
            "forced restore (--force): the previous audit chain was replaced; the restore event records its head and the reason",
        );
    }
    ctx.status(
        &format!(
            "Đã khôi phục {} từ {}: {} trang, chuỗi kiểm toán nguyên vẹn ({} sự kiện); đã ghi sự kiện restore.",
            done.db.display(),
            done.path.display(),
            done.pages,
            done.events_checked
        ),
        &format!(
            "restored {} from {}: {} pages, audit chain intact ({} events); the restore is logged",
            done.db.display(),
            done.path.display(),
            done.pages,
            done.events_checked
        ),
    );
    Ok(crate::exit::OK)
}
