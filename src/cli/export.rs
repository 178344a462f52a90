//! `export open311` and `export csv`: to be written.

use anyhow::Result;
use clap::Subcommand;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// To be written.
    #[command(after_help = "Example:\n  phananh export open311")]
    Open311,
}

pub fn cmd_export(_ctx: &Context, _cmd: ExportCommand) -> Result<u8> {
    anyhow::bail!("export is not written yet")
}
