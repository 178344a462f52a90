//! `key`: the key file of reporters' identities (`app::vault`; SECURITY.md).

use anyhow::Result;
use clap::Subcommand;

use crate::app::Context;
use crate::app::vault::{self, Reset, Rotated};

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Re-encrypt every report's key under a new key file; the old one is kept as KEY.old
    /// for the backups made before (admin only). A run interrupted half way is finished or
    /// rolled back by the next one.
    #[command(after_help = "Example:\n  phananh --as admin key rotate")]
    Rotate,
    /// When the key is lost (no key file, or none that opens this database, KEY.old
    /// included): make a new key and erase, for good, every identity only the lost key
    /// opened, as `erase` does (each logged with the reason), so that intake, validation and
    /// the listings work again (admin only). Without --yes, says how many it would erase.
    #[command(
        after_help = "Example:\n  phananh --as admin key reset \\\n      --reason \"Mất tệp khóa khi hỏng ổ đĩa 05/10/2026\" --yes"
    )]
    Reset(ResetArgs),
}

// Exactly one of the two, as `return --reason` and `--reason-file` are.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("why").required(true).args(["reason", "reason_file"]))]
pub struct ResetArgs {
    /// Why (kept in the audit log with every identity erased, listed by `audit reveals`).
    #[arg(long)]
    reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as --text-file
    /// reads a result.
    #[arg(long, value_name = "FILE")]
    reason_file: Option<std::path::PathBuf>,
    /// Confirm: the identities the lost key opened are erased for good.
    #[arg(long)]
    yes: bool,
}

pub fn cmd_key(ctx: &Context, cmd: KeyCommand) -> Result<u8> {
    match cmd {
        KeyCommand::Rotate => {
            let path = ctx.key_path();
            let notice = match vault::rotate(ctx)? {
                Rotated::Done {
                    reports,
                    old,
                    key_id,
                } => crate::output::key::rotated(&path, reports, &old, &key_id),
                Rotated::Finished { key_id } => {
                    crate::output::key::rotation_finished(&path, &key_id)
                }
                Rotated::RolledBack => crate::output::key::rotation_rolled_back(),
            };
            ctx.status(&notice.vi, &notice.en);
            Ok(crate::exit::OK)
        }
        KeyCommand::Reset(args) => {
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            reset(ctx, &reason, args.yes)
        }
    }
}

fn reset(ctx: &Context, reason: &str, yes: bool) -> Result<u8> {
    let path = ctx.key_path();
    match vault::reset(ctx, reason, yes)? {
        Reset::WouldErase { reports } => {
            let notice = crate::output::key::reset_would_erase(&path, reports);
            ctx.status(&notice.vi, &notice.en);
            // Refused until confirmed, as any refused action: 2 is for bad usage only.
            Ok(crate::exit::FAILURE)
        }
        Reset::Done {
            erased,
            key_id,
            moved,
            lingering,
        } => {
            let moved = moved.map(|moved| crate::output::key::foreign_key_moved(&path, &moved));
            let done = crate::output::key::reset_done(&path, &key_id, erased.len());
            for notice in moved.into_iter().chain([done]) {
                ctx.status(&notice.vi, &notice.en);
            }
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
