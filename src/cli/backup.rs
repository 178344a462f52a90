//! `backup --out FILE` and `restore FILE` (issue 5): their arguments. Copying, checking and
//! the events are `app::backup`'s, what they say when done `output::backup`'s.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::app::{Context, backup};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin backup --out /srv/backup/phananh-2026-10-05.sqlite
  PATH=/usr/local/bin:/usr/bin:/bin
  PHANANH_DB=/srv/phananh/phananh.sqlite
  PHANANH_USER=cron.tiepnhan
  0 2 * * * phananh backup --quiet --out /srv/backup/phananh-$(date +\\%F).sqlite")]
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
#[command(group = clap::ArgGroup::new("why").args(["reason", "reason_file"]))]
#[command(after_help = "Examples:
  phananh --as admin restore /srv/backup/phananh-2026-10-05.sqlite
  phananh --as admin \\
      --db /srv/phananh/phananh.sqlite restore phananh-2026-10-05.sqlite
  phananh --as admin restore old-server.sqlite --force \\
      --reason \"Chuyển từ máy chủ cũ\"")]
pub struct RestoreArgs {
    /// The backup to restore (admin only). It must be a phananh database that passes
    /// SQLite's integrity check and `audit verify`, whose last event is in the current
    /// chain; the current content of --db is replaced.
    pub file: PathBuf,
    /// Restore a backup whose last event is not in the current chain (another database's,
    /// or one of a rewritten chain); needs --reason (or --reason-file), recorded in the
    /// restore event.
    #[arg(long, requires = "why")]
    pub force: bool,
    /// Why a --force restore replaces this chain.
    #[arg(long, value_name = "TEXT", requires = "force")]
    pub reason: Option<String>,
    /// Why, read from a plain-text UTF-8 file (`-`: standard input), as --text-file reads a
    /// result.
    #[arg(long, value_name = "FILE", requires = "force")]
    pub reason_file: Option<PathBuf>,
    /// Seconds to wait for other phananh processes (an ingest, a sweep, an operator) to
    /// finish with the database before refusing.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub wait: u64,
}

pub fn cmd_backup(ctx: &Context, args: &BackupArgs) -> Result<u8> {
    let done = backup::backup(ctx, &args.out)?;
    if let Some(problem) = &done.broken {
        // An error, so said even with --quiet and with exit status 5: the crontab's
        // `backup --quiet … && find … -delete` must not rotate away the backups that
        // `restore` still takes.
        let notice = crate::output::backup::broken_backup(&done, problem);
        return Err(crate::exit::Failure::integrity(notice).into());
    }
    if !args.quiet {
        let notice = crate::output::backup::backed_up(&done);
        ctx.status(&notice.vi, &notice.en);
    }
    Ok(crate::exit::OK)
}

pub fn cmd_restore(ctx: &Context, args: &RestoreArgs) -> Result<u8> {
    let given = super::reason_given(ctx, &args.reason, &args.reason_file)?;
    let reason = args.force.then_some(given.as_str());
    let wait = std::time::Duration::from_secs(args.wait);
    let done = backup::restore(ctx, &args.file, &backup::RestoreOptions::new(reason, wait))?;
    for notice in crate::output::backup::restored(&done) {
        ctx.status(&notice.vi, &notice.en);
    }
    Ok(crate::exit::OK)
}
