//! `export open311` and `export csv`: the public view of the reports as Open311 GeoReport v2
//! JSON or CSV — no reporter's identity (Đ6.5), nothing confidential (Đ9.2), state-secret
//! (Đ9.3), refused or merged (`domain::open311::public_request` decides) — for any account;
//! and the staff export of every report with every column, personal data unmasked, for
//! admin and reception only, written to the audit log before a row leaves. Who may take
//! which, the log and the rows are `app::export`'s; `output::export` writes the rows as they
//! stream to standard output, so memory stays flat, with a progress bar (rate and ETA) on a
//! terminal when the output goes to a file or a pipe.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};

use super::Replace;
use crate::app::{Context, export};
use crate::domain::open311::Query;
use crate::output::Format;
use crate::output::sink::Sink;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The public view as Open311 GeoReport v2 (a `GET requests` response): JSON, or XML with
    /// --format xml; no reporter's name or phone, nothing confidential, state-secret, refused
    /// or duplicate. Filtered by request id, service code, status and submission date as the
    /// standard's parameters are.
    #[command(
        after_help = "Examples:\n  phananh --as tiepnhan.lan export open311 --from 2026-10-01 --to 2026-10-31 \\\n      > requests.json\n  phananh --as tiepnhan.lan --format xml export open311 --status closed \\\n      --service-code pothole,GT > requests.xml\n  phananh --as tiepnhan.lan export open311 --id CMG-2026-000123,CMG-2026-000124"
    )]
    Open311(Open311Args),
    /// CSV: with --public the same public view; with --no-identity every report with every
    /// column but the reporters' identities (the roles that read reports and scores);
    /// without either, every report with every column, reporters' names and phones
    /// unmasked (admin and reception only; logged).
    #[command(
        after_help = "Examples:\n  phananh --as lanhdao.minh export csv --public --from 2026-10-01 \\\n      > cong-khai.csv\n  phananh --as noivu.thao export csv --no-identity --from 2026-10-01 \\\n      --to 2026-10-31 --out doi-chieu-10-2026.csv\n  phananh --as tiepnhan.lan export csv --from 2026-10-01 --to 2026-10-31 \\\n      --reason \"Trả lời đơn ngày 03/12/2026\" --out toan-bo-10-2026.csv"
    )]
    Csv(CsvArgs),
    /// A reporter's own request to know what is held about them (Law 91/2025/QH15): every
    /// report sent from PHONE, however written, with its dates, status, content and result,
    /// why it was rejected, its rating, place, secrecy and urgent flags, when each step was
    /// taken, the reporter's name and phone, and who saw that identity when and why (as
    /// `audit reveals --report` lists it). The table (one block per report) and the Excel
    /// CSV are the document to hand over; JSON and the standard CSV are for scripts. Admin
    /// and reception only; logged as a reveal of the reports found, which `audit reveals`
    /// lists.
    #[command(
        after_help = "Examples:\n  phananh --as admin export subject --phone \"0912 345 678\" \\\n      --reason \"Đơn yêu cầu ngày 03/12/2026\" --out yeu-cau-03-12.txt\n  phananh --as admin --format csv --csv excel export subject \\\n      --phone \"0912 345 678\" --reason \"Đơn yêu cầu ngày 03/12/2026\" \\\n      --out yeu-cau-03-12.csv"
    )]
    Subject(SubjectArgs),
}

// One of the two, refused by `app::subject` in its own words when neither says why, as
// `show --reveal` and the full export refuse it: a group clap requires would make the usage
// line longer than a screen.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("why").args(["reason", "reason_file"]))]
pub struct SubjectArgs {
    /// The phone the requester sent reports from (+84, spaces and dots allowed); repeat it
    /// for each number they used: one answer, one logged access.
    #[arg(long, value_name = "PHONE", required_unless_present = "phone_file")]
    pub phone: Vec<String>,
    /// The phones read from a plain-text UTF-8 file (`-`: standard input), one a line, as
    /// --reason-file reads a reason: typed, a phone is seen in the process list and,
    /// through sudo, in its log.
    #[arg(long, value_name = "FILE")]
    pub phone_file: Option<std::path::PathBuf>,
    /// Only these reports of the phone (numbers or ext:APPID, comma-separated or repeated):
    /// the requester's, when the phone's reports carry different names (a household's phone).
    #[arg(long, value_name = "ID", value_delimiter = ',', num_args = 1.., conflicts_with = "name")]
    pub report: Vec<String>,
    /// Only the phone's reports sent under this name (regardless of case, diacritics and
    /// spacing): the requester's, when the phone's reports carry different names.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The name of --name read from a plain-text UTF-8 file (`-`: standard input).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["name", "report"])]
    pub name_file: Option<std::path::PathBuf>,
    /// Why (the request, its date; required, or --reason-file): kept in the audit log and
    /// listed by `audit reveals`.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Why, read from a plain-text UTF-8 file (`-`: standard input), as --text-file reads a
    /// result (the request letter's text, say).
    #[arg(long, value_name = "FILE")]
    pub reason_file: Option<std::path::PathBuf>,
    /// Write to this new file (mode 0600, never over an existing file without --force,
    /// never through a symbolic link) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub replace: Replace,
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// Reports submitted on or after this date (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// Reports submitted on or before this date.
    #[arg(long, value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct Open311Args {
    /// Reports submitted on or after this date (YYYY-MM-DD or DD/MM/YYYY; the standard's
    /// start_date).
    #[arg(long, value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// Reports submitted on or before this date (the standard's end_date); with --to alone,
    /// the 90 days before it, as the standard's default window.
    #[arg(long, value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
    /// Only these requests (service_request_id, comma-separated); the other filters are
    /// then ignored, as the standard says.
    #[arg(long, value_delimiter = ',')]
    pub id: Vec<String>,
    /// Only these service codes (service_code, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub service_code: Vec<String>,
    /// Only these Open311 statuses: open, closed (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = ["open", "closed"])]
    pub status: Vec<String>,
    /// Print nothing but errors (for cron, which mails whatever a job prints): not how many
    /// reports were exported.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// The public view (the columns of `export open311`), which any account may export.
    #[arg(long)]
    pub public: bool,
    /// Every column of the full export but the reporters' identities (the name masked as
    /// `list` masks it, no phone, names and phones in the texts hidden), for the roles that
    /// read reports and scores (Home Affairs, leaders); no reason needed, not a reveal.
    #[arg(long, conflicts_with_all = ["public", "reason", "reason_file"])]
    pub no_identity: bool,
    /// Why the export with reporters' names and phones is needed (required without
    /// --public or --no-identity): kept in the audit log and listed by `audit reveals`.
    #[arg(long, value_name = "TEXT", conflicts_with = "public")]
    pub reason: Option<String>,
    /// Why, read from a plain-text UTF-8 file (`-`: standard input), as --text-file reads a
    /// result.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["public", "reason"])]
    pub reason_file: Option<std::path::PathBuf>,
    /// Write to this new file (mode 0600, never over an existing file without --force,
    /// never through a symbolic link) instead of standard output, so that an export with
    /// personal data need not pass through the shell.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub replace: Replace,
    /// Print nothing but errors (for cron, which mails whatever a job prints): not the
    /// file written, nor how many reports were exported.
    #[arg(long)]
    pub quiet: bool,
}

pub fn cmd_export(ctx: &Context, cmd: ExportCommand) -> Result<u8> {
    use crate::output::export as write;
    match cmd {
        ExportCommand::Open311(args) => {
            let asked: std::collections::BTreeSet<String> = args.id.iter().cloned().collect();
            let query = Query {
                ids: args.id,
                service_codes: args.service_code,
                statuses: args.status,
            };
            let export = export::open311(ctx, args.from, args.to, query)?;
            let mut sink = Sink::open_whole(None, &ctx.overwrite(false))?;
            let bar = write::bar(|| export.size(), ctx.lang)?;
            let mut left_out = Vec::new();
            let each = |visit: &mut dyn FnMut(_) -> Result<()>| {
                left_out = export.each_public(&bar, visit)?;
                Ok(())
            };
            let count = if ctx.format == Format::Xml {
                write::open311_xml(&mut sink, each, &bar)?
            } else {
                write::open311_json(&mut sink, each, &bar)?
            };
            sink.finish(ctx.lang, args.quiet)?;
            if !args.quiet {
                ctx.tell(&write::public_exported(count));
            }
            // An id matching nothing gave an empty list and no word, a report number above
            // all (the desk's habit: `show 5`).
            let missing = asked
                .len()
                .saturating_sub(usize::try_from(count).unwrap_or(0));
            if missing > 0 {
                let number = asked
                    .iter()
                    .find(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
                ctx.tell(&write::ids_not_found(missing, number.map(String::as_str)));
            }
            export.left_out_failure(&left_out)
        }
        ExportCommand::Csv(args) if args.public => {
            out_fits(args.out.as_deref())?;
            let export = export::public_csv(ctx, args.period.from, args.period.to)?;
            let mut sink = Sink::open_whole(args.out.as_ref(), &ctx.overwrite(args.replace.force))?;
            let bar = write::bar(|| export.size(), ctx.lang)?;
            let mut left_out = Vec::new();
            let each = |visit: &mut dyn FnMut(_) -> Result<()>| {
                left_out = export.each_public(&bar, visit)?;
                Ok(())
            };
            let count = write::public_csv(&mut sink, each, &bar, ctx.lang)?;
            sink.finish(ctx.lang, args.quiet)?;
            if !args.quiet {
                ctx.tell(&write::public_exported(count));
            }
            export.left_out_failure(&left_out)
        }
        ExportCommand::Csv(args) if args.no_identity => {
            out_fits(args.out.as_deref())?;
            let export = export::internal_csv(ctx, args.period.from, args.period.to)?;
            let mut sink = Sink::open_whole(args.out.as_ref(), &ctx.overwrite(args.replace.force))?;
            let bar = write::bar(|| export.size(), ctx.lang)?;
            let mut left_out = Vec::new();
            let each = |visit: &mut dyn FnMut(&_, &_) -> Result<()>| {
                left_out = export.each_without_identity(&bar, visit)?;
                Ok(())
            };
            let count = write::internal_csv(&mut sink, each, &bar, ctx.lang)?;
            sink.finish(ctx.lang, args.quiet)?;
            if !args.quiet {
                ctx.tell(&write::internal_exported(count));
            }
            export.left_out_failure(&left_out)
        }
        ExportCommand::Subject(args) => {
            super::one_standard_input(&[
                ("--phone-file", args.phone_file.as_deref()),
                ("--name-file", args.name_file.as_deref()),
                ("--reason-file", args.reason_file.as_deref()),
            ])?;
            let typed: Vec<_> = [
                (!args.phone.is_empty()).then_some(("--phone", "--phone-file")),
                args.name.as_ref().map(|_| ("--name", "--name-file")),
            ]
            .into_iter()
            .flatten()
            .collect();
            super::warn_typed_through_sudo(ctx, &typed);
            let phones = super::phones_given(ctx, &args.phone, &args.phone_file)?;
            let name = super::personal_given(ctx, &args.name, &args.name_file, "--name-file")?;
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            use crate::app::subject::Pick;
            let pick = match (&name, args.report.is_empty()) {
                (Some(name), _) => Pick::Name(name),
                (None, false) => Pick::Reports(&args.report),
                (None, true) => Pick::All,
            };
            let pending = crate::app::subject::subject(ctx, &phones, &reason, pick)?;
            // The file exists, private, before the request is logged and a row is read.
            let mut sink = Sink::open(args.out.as_ref(), &ctx.overwrite(args.replace.force))?;
            let (unjudged, unheld, erased, left_out) = (
                pending.unjudged.clone(),
                pending.unheld.clone(),
                pending.erased,
                pending.left_out.len(),
            );
            let phones = pending.phones;
            let unopened = crate::output::show::identities_unopened(
                crate::output::show::UnopenedBy::Lookup,
                (
                    &pending.unopened.key,
                    &pending.unopened.edited,
                    &pending.unopened.replaced,
                ),
            );
            let rows = pending.log(ctx, args.out.as_deref())?;
            let nothing = crate::output::subject::nothing(phones, ctx.lang);
            if ctx.format == crate::output::Format::Table {
                // The table is the document handed over: one block per report.
                crate::output::subject::write_document(&mut sink, &rows, ctx.lang, &nothing)?;
            } else {
                crate::output::render_or_say(
                    &mut sink,
                    &rows,
                    ctx.format,
                    ctx.lang,
                    Some(&nothing),
                )?;
            }
            sink.finish(ctx.lang, false)?;
            ctx.tell(&crate::output::subject::exported(
                rows.len(),
                left_out,
                phones,
            ));
            if erased > 0 {
                ctx.tell(&crate::output::show::erased_unsearchable(erased));
            }
            let unjudged = (!unjudged.is_empty())
                .then(|| crate::output::show::phone_unjudged(&unjudged, &unheld));
            match crate::exit::Failure::integrity_together([unjudged, unopened]) {
                Some(failure) => Err(failure.into()),
                None => Ok(crate::exit::OK),
            }
        }
        ExportCommand::Csv(args) => {
            out_fits(args.out.as_deref())?;
            let (from, to) = (args.period.from, args.period.to);
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            let pending = export::full_csv(ctx, from, to, Some(&reason))?;
            // The file exists, private, before the export is logged and a row is read.
            let mut sink = Sink::open(args.out.as_ref(), &ctx.overwrite(args.replace.force))?;
            let export = pending.log(ctx, args.out.as_deref())?;
            let bar = write::bar(|| export.size(), ctx.lang)?;
            let mut left_out = Vec::new();
            let each = |visit: &mut dyn FnMut(&_, &_) -> Result<()>| {
                left_out = export.each_full(&bar, visit)?;
                Ok(())
            };
            let count = write::full_csv(&mut sink, each, &bar, ctx.lang)?;
            sink.finish(ctx.lang, args.quiet)?;
            if !args.quiet {
                ctx.tell(&write::full_exported(count));
            }
            export.left_out_failure(&left_out)
        }
    }
}

/// `export csv --out` named for another kind than CSV (`diem.txt`, `bao-cao.xlsx`) is
/// refused before anything is read or logged, as `report` and `score` refuse a name they
/// cannot write; a name with no extension (`/dev/stdout`) is taken as it is.
fn out_fits(out: Option<&std::path::Path>) -> Result<()> {
    let Some(out) = out else {
        return Ok(());
    };
    match out.extension().map(|e| e.to_string_lossy()) {
        Some(e) if !e.eq_ignore_ascii_case("csv") => {
            bail!(crate::output::export::out_not_csv(out, &e))
        }
        _ => Ok(()),
    }
}
