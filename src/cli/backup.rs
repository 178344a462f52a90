//! `backup --out FILE` and `restore FILE` (issue 5): to be written.

use anyhow::Result;
use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    pub file: std::path::PathBuf,
}

pub fn cmd_backup(_ctx: &Context, _args: &BackupArgs) -> Result<u8> {
    anyhow::bail!("backup is not written yet")
}

pub fn cmd_restore(_ctx: &Context, _args: &RestoreArgs) -> Result<u8> {
    anyhow::bail!("restore is not written yet")
}
