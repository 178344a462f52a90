//! `identity`: a reporter's stored identity — `identity correct` corrects a name or phone
//! stored wrong, at the reporter's request (`app::correct`; Law 91/2025/QH15's right to
//! correction; SECURITY.md); `identity consent --withdraw` records that the reporter
//! withdrew their consent to share it with the handling agency (`app::consent`; Đ6.5).

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::app::Context;

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Correct the reporter's stored name or phone of one report, at the reporter's request
    /// (admin only): sealed again under the report's key, the phone checked as ingest checks
    /// it; logged with who, when and why (never the values), listed by `audit reveals`. An
    /// erased identity, or one the key does not open, cannot be corrected.
    Correct(CorrectArgs),
    /// Record that the reporter of one report withdrew their consent to share their
    /// identity with the handling agency, or, asked, gives it (Đ6.5; admin only): from then
    /// on the agency no longer sees it, or may; logged with who, when and why, listed by
    /// `audit reveals`.
    Consent(ConsentArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin identity consent 41 --withdraw \\
      --reason \"Theo đơn rút lại sự đồng ý ngày 05/12/2026, số 14/ĐYC\"
  phananh --as admin identity consent 42 --give \\
      --reason \"Tiếp nhận gọi điện ngày 06/12/2026, người phản ánh đồng ý\"")]
pub struct ConsentArgs {
    /// The report's number, or ext:APPID.
    pub id: String,
    /// Withdraw the consent.
    #[arg(long, conflicts_with = "give")]
    pub withdraw: bool,
    /// Record that the reporter, asked by the portal when the handling needed it, now
    /// consents to share their identity with the handling agency (Đ6.5).
    #[arg(long)]
    pub give: bool,
    /// Why, citing the reporter's request (kept in the audit log every role reads, listed
    /// by `audit reveals`; at most 300 characters and 3 lines).
    #[arg(long)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input): a short
    /// statement citing the request (at most 300 characters and 3 lines), never the request
    /// letter itself.
    #[arg(long, value_name = "FILE", conflicts_with = "reason")]
    pub reason_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin identity correct 41 --phone-file so-dung.txt \\
      --reason \"Số lưu mất số 0 ở đầu; người phản ánh xác nhận 05/10/2026\"
  phananh --as admin identity correct ext:CMG-2026-000105 --name-file - \\
      --reason \"Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC\" < ho-ten.txt")]
pub struct CorrectArgs {
    /// The report's number, or ext:APPID.
    pub id: String,
    /// The reporter's name as it should read (typed here, it is seen in the process list
    /// and, through sudo, in its log: prefer --name-file).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The name read from a plain-text UTF-8 file (`-`: standard input), as --reason-file
    /// reads a reason: it then stands nowhere on the command line.
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    pub name_file: Option<std::path::PathBuf>,
    /// The reporter's phone as it should read (a Vietnamese number, as ingest accepts it;
    /// typed here, it is seen in the process list: prefer --phone-file).
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// The phone read from a plain-text UTF-8 file (`-`: standard input), as --reason-file
    /// reads a reason.
    #[arg(long, value_name = "FILE", conflicts_with = "phone")]
    pub phone_file: Option<std::path::PathBuf>,
    /// Why, citing the request (kept in the audit log every role reads, listed by `audit
    /// reveals`; at most 300 characters and 3 lines).
    #[arg(long)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as --text-file
    /// reads a result: a short statement citing the request (at most 300 characters and 3
    /// lines), never the request letter itself.
    #[arg(long, value_name = "FILE", conflicts_with = "reason")]
    pub reason_file: Option<std::path::PathBuf>,
    /// Correct the name even though it hides words of the report's texts from the public
    /// and the leaders (or shows words hidden there); without it such a change is refused,
    /// saying how many places in which text.
    #[arg(long)]
    pub yes: bool,
}

/// A consent step's result for scripts (`--format json|csv`); the table format says it in
/// words only.
fn write_result(ctx: &Context, result: &impl serde::Serialize) -> Result<()> {
    match ctx.format {
        crate::output::Format::Json => {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            crate::output::write_json(&mut out, result)?;
            writeln!(out)?;
        }
        crate::output::Format::Csv => {
            let mut w = crate::output::SafeCsv::new(std::io::stdout().lock());
            w.serialize(result)?;
            w.flush()?;
        }
        _ => {}
    }
    Ok(())
}

pub fn cmd_identity(ctx: &Context, cmd: IdentityCommand) -> Result<u8> {
    match cmd {
        IdentityCommand::Consent(args) if args.give => {
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            let done = crate::app::consent::give(ctx, &args.id, &reason)?;
            let result = crate::output::consent::GivenJson {
                report_id: done.report_id,
                event: done.event,
                consent_given_at: &done.at,
            };
            write_result(ctx, &result)?;
            ctx.tell(&crate::output::consent::given(done.report_id));
            Ok(crate::exit::OK)
        }
        IdentityCommand::Consent(args) => {
            if !args.withdraw {
                anyhow::bail!(crate::output::consent::withdraw_needed());
            }
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            let done = crate::app::consent::withdraw(ctx, &args.id, &reason)?;
            let result = crate::output::consent::WithdrawnJson {
                report_id: done.report_id,
                event: done.event,
                consent_withdrawn_at: &done.at,
            };
            write_result(ctx, &result)?;
            ctx.tell(&crate::output::consent::withdrawn(done.report_id));
            Ok(crate::exit::OK)
        }
        IdentityCommand::Correct(args) => {
            super::one_standard_input(&[
                ("--name-file", args.name_file.as_deref()),
                ("--phone-file", args.phone_file.as_deref()),
                ("--reason-file", args.reason_file.as_deref()),
            ])?;
            let typed: Vec<_> = [
                args.name.as_ref().map(|_| ("--name", "--name-file")),
                args.phone.as_ref().map(|_| ("--phone", "--phone-file")),
            ]
            .into_iter()
            .flatten()
            .collect();
            super::warn_typed_through_sudo(ctx, &typed);
            let name = super::personal_given(ctx, &args.name, &args.name_file, "--name-file")?;
            let phone = super::personal_given(ctx, &args.phone, &args.phone_file, "--phone-file")?;
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            let done = crate::app::correct::correct(
                ctx,
                &args.id,
                name.as_deref(),
                phone.as_deref(),
                &reason,
                args.yes,
            )?;
            let result = crate::output::correct::CorrectedJson {
                report_id: done.report_id,
                fields: &done.fields,
                event: done.event,
                public_places_hidden: done.moved.hidden,
                public_places_shown: done.moved.shown,
                old_phone_also_on: &done.old_phone_also_on,
            };
            // A script reads the result as any step's (`workflow::print_performed`).
            match ctx.format {
                crate::output::Format::Json => {
                    use std::io::Write as _;
                    let mut out = std::io::stdout().lock();
                    crate::output::write_json(&mut out, &result)?;
                    writeln!(out)?;
                }
                crate::output::Format::Csv => {
                    let mut w = crate::output::SafeCsv::new(std::io::stdout().lock());
                    w.serialize(&crate::output::correct::CorrectedCsv::from(&result))?;
                    w.flush()?;
                }
                _ => {}
            }
            ctx.tell(&crate::output::correct::corrected(
                done.report_id,
                &done.fields,
                &done.moved,
            ));
            if !done.old_phone_also_on.is_empty() {
                ctx.tell(&crate::output::correct::old_phone_also_on(
                    done.report_id,
                    &done.old_phone_also_on,
                ));
            }
            Ok(crate::exit::OK)
        }
    }
}
