//! `identity`: a reporter's stored identity — `identity correct` corrects a name or phone
//! stored wrong, at the reporter's request (`app::correct`; Law 91/2025/QH15's right to
//! correction; SECURITY.md).

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::app::Context;

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Correct the reporter's stored name or phone of one report, at the reporter's request
    /// (admin only): sealed again under the report's key, the phone checked as ingest checks
    /// it; logged with who, when and why (never the values), listed by `audit reveals`.
    Correct(CorrectArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin identity correct 41 --phone 0912345678 \\
      --reason \"Số lưu mất số 0 ở đầu; người phản ánh xác nhận 05/10/2026\"
  phananh --as admin identity correct ext:CMG-2026-000105 \\
      --name \"Phạm Ngọc Hân\" --reason-file ly-do-sua.txt")]
pub struct CorrectArgs {
    /// The report's number, or ext:APPID.
    pub id: String,
    /// The reporter's name as it should read.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The reporter's phone as it should read (a Vietnamese number, as ingest accepts it).
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Why (kept in the audit log, listed by `audit reveals`).
    #[arg(long)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as --text-file
    /// reads a result (the request letter's text, say).
    #[arg(long, value_name = "FILE", conflicts_with = "reason")]
    pub reason_file: Option<std::path::PathBuf>,
}

pub fn cmd_identity(ctx: &Context, cmd: IdentityCommand) -> Result<u8> {
    match cmd {
        IdentityCommand::Correct(args) => {
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            let done = crate::app::correct::correct(
                ctx,
                &args.id,
                args.name.as_deref(),
                args.phone.as_deref(),
                &reason,
            )?;
            if ctx.format == crate::output::Format::Json {
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                crate::output::write_json(
                    &mut out,
                    &crate::output::correct::CorrectedJson {
                        report_id: done.report_id,
                        fields: &done.fields,
                        event: done.event,
                    },
                )?;
                writeln!(out)?;
            }
            ctx.tell(&crate::output::correct::corrected(
                done.report_id,
                &done.fields,
            ));
            Ok(crate::exit::OK)
        }
    }
}
