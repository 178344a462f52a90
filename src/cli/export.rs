//! `export open311` and `export csv`: the public view of the reports as Open311 GeoReport v2
//! JSON or CSV — no reporter's identity (Đ6.5), nothing confidential (Đ9.2), state-secret
//! (Đ9.3), refused or merged (`domain::open311::public_request` decides) — for any account;
//! and the staff export of every report with every column, personal data unmasked, for
//! admin and reception only, written to the audit log before a row leaves. Who may take
//! which, the log and the rows are `app::export`'s; this writes the rows as they stream to
//! standard output, so memory stays flat, with a progress bar (rate and ETA) on a terminal
//! when the output goes to a file or a pipe.

use std::io::Write;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use indicatif::ProgressBar;
use rusqlite::Connection;

use crate::app::vault::Keys;
use crate::app::{Context, export};
use crate::domain::open311::{Facts, Query, ServiceRequest};
use crate::domain::report::Report;
use crate::domain::time;
use crate::output::sink::Sink;
use crate::output::{CsvCell, Format, SafeCsv};
use crate::storage::open311::ExportFilter;

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
    /// CSV: with --public the same public view; without, every report with every column,
    /// reporters' names and phones unmasked (admin and reception only; logged).
    #[command(
        after_help = "Examples:\n  phananh --as lanhdao.minh export csv --public --from 2026-10-01 \\\n      > cong-khai.csv\n  phananh --as tiepnhan.lan export csv --from 2026-10-01 --to 2026-10-31 \\\n      --reason \"Sở Nội vụ đối chiếu tháng 10\" --out toan-bo-10-2026.csv"
    )]
    Csv(CsvArgs),
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
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// The public view (the columns of `export open311`), which any account may export.
    #[arg(long)]
    pub public: bool,
    /// Why the export with reporters' names and phones is needed (required without
    /// --public): kept in the audit log and listed by `audit reveals`.
    #[arg(long, value_name = "TEXT", conflicts_with = "public")]
    pub reason: Option<String>,
    /// Write to this new file (mode 0600, never over an existing file without --force,
    /// never through a symbolic link) instead of standard output, so that an export with
    /// personal data need not pass through the shell.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Replace the --out file if it exists (never the database, a backup or a key file).
    #[arg(long, requires = "out")]
    pub force: bool,
}

pub fn cmd_export(ctx: &Context, cmd: ExportCommand) -> Result<u8> {
    match cmd {
        ExportCommand::Open311(args) => {
            refuse_format(ctx, Format::Csv, "export csv --public")?;
            let query = Query {
                ids: args.id,
                service_codes: args.service_code,
                statuses: args.status,
            };
            let filter = export::open311_filter(args.from, args.to, &query)?;
            let (conn, keys) = export::open_public(ctx)?;
            let mut sink = Sink::open_whole(None, &ctx.overwrite(false))?;
            let bar = bar(ctx, &conn, &filter)?;
            let (count, left_out) = if ctx.format == Format::Xml {
                write_open311_xml(&mut sink, &conn, &filter, &query, &keys, &bar)?
            } else {
                write_open311(&mut sink, &conn, &filter, &query, &keys, &bar)?
            };
            sink.finish(ctx.lang)?;
            exported(ctx, count);
            left_out_failure(&conn, &left_out)
        }
        ExportCommand::Csv(args) if args.public => {
            refuse_format(ctx, Format::Json, "export open311")?;
            let filter = export::filter(args.period.from, args.period.to)?;
            let (conn, keys) = export::open_public(ctx)?;
            let mut sink = Sink::open_whole(args.out.as_ref(), &ctx.overwrite(args.force))?;
            let bar = bar(ctx, &conn, &filter)?;
            let (count, left_out) = write_public_csv(&mut sink, &conn, &filter, &keys, &bar)?;
            sink.finish(ctx.lang)?;
            exported(ctx, count);
            left_out_failure(&conn, &left_out)
        }
        ExportCommand::Csv(args) => {
            refuse_format(ctx, Format::Json, "export open311")?;
            let (from, to) = (args.period.from, args.period.to);
            let filter = export::filter(from, to)?;
            let (conn, actor, keys) = export::open_full(ctx)?;
            let reason = args.reason.as_deref().map(str::trim).unwrap_or_default();
            if !crate::domain::statement::says_something(reason) {
                bail!(crate::output::show::reason_needed("export csv"));
            }
            // Shown to the auditor by `audit reveals`: no name, phone or e-mail typed into
            // it. The export covers many reports, so no one reporter's name is looked for:
            // any name, by its shape.
            let reason = crate::domain::redact::redact_people(reason).text;
            let reason = reason.as_str();
            // The file exists, private, before the export is logged and a row is read.
            let mut sink = Sink::open(args.out.as_ref(), &ctx.overwrite(args.force))?;
            let logged = export::FullExport {
                from,
                to,
                reason,
                out: args.out.as_deref(),
            };
            let filter = export::log_full_export(&conn, ctx, &actor.username, &logged, filter)?;
            let bar = bar(ctx, &conn, &filter)?;
            let (count, left_out) =
                write_full_csv(&mut sink, &conn, &filter, &keys, &bar, ctx.lang)?;
            sink.finish(ctx.lang)?;
            let notice = crate::output::export::full_exported(count);
            ctx.status(&notice.vi, &notice.en);
            left_out_failure(&conn, &left_out)
        }
    }
}

/// Exit 5 naming the reports left out of the export, their rows edited behind the tool's
/// back; none left out is success.
fn left_out_failure(conn: &Connection, left_out: &[i64]) -> Result<u8> {
    if left_out.is_empty() {
        return Ok(crate::exit::OK);
    }
    let unheld = export::unheld_among(conn, left_out)?;
    Err(crate::exit::Failure::integrity(crate::output::export::left_out(left_out, &unheld)).into())
}

/// Each export has one output format; asking for the other one is a mistake worth a hint.
fn refuse_format(ctx: &Context, wrong: Format, instead: &str) -> Result<()> {
    if ctx.format == wrong {
        bail!(crate::output::export::no_such_form(wrong, instead));
    }
    Ok(())
}

/// The export's progress bar, over the reports the filter covers (counted only when someone
/// is watching).
fn bar(ctx: &Context, conn: &Connection, filter: &ExportFilter) -> Result<ProgressBar> {
    if !crate::output::watching() {
        return Ok(ProgressBar::hidden());
    }
    Ok(crate::output::progress_beside_output(
        export::size(conn, filter)?,
        ctx.lang.pick("Xuất", "Exporting"),
    ))
}

fn exported(ctx: &Context, count: u64) {
    let notice = crate::output::export::public_exported(count);
    ctx.status(&notice.vi, &notice.en);
}

/// Every public report as a GeoReport v2 response: one JSON array, one request per line.
fn write_open311(
    out: &mut Sink,
    conn: &Connection,
    filter: &ExportFilter,
    query: &Query,
    keys: &Keys,
    bar: &ProgressBar,
) -> Result<(u64, Vec<i64>)> {
    let mut count = 0u64;
    out.write_all(b"[")?;
    let left_out = export::each_public(conn, filter, query, keys, bar, |request| {
        out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &request)?;
        count += 1;
        Ok(())
    })?;
    out.write_all(b"\n]\n")?;
    out.flush()?;
    bar.finish_and_clear();
    Ok((count, left_out))
}

/// The same response as the standard's XML: `<service_requests>` of `<request>`.
fn write_open311_xml(
    out: &mut Sink,
    conn: &Connection,
    filter: &ExportFilter,
    query: &Query,
    keys: &Keys,
    bar: &ProgressBar,
) -> Result<(u64, Vec<i64>)> {
    let mut count = 0u64;
    out.write_all(crate::output::open311::DECLARATION.as_bytes())?;
    writeln!(out, "<service_requests>")?;
    let left_out = export::each_public(conn, filter, query, keys, bar, |request| {
        crate::output::open311::element(&mut *out, "request", &request)?;
        count += 1;
        Ok(())
    })?;
    writeln!(out, "</service_requests>")?;
    out.flush()?;
    bar.finish_and_clear();
    Ok((count, left_out))
}

/// The same public view as CSV, the columns of `ServiceRequest::FIELDS`.
fn write_public_csv(
    out: &mut Sink,
    conn: &Connection,
    filter: &ExportFilter,
    keys: &Keys,
    bar: &ProgressBar,
) -> Result<(u64, Vec<i64>)> {
    let mut csv = SafeCsv::new(out);
    csv.record(ServiceRequest::FIELDS)?;
    let mut count = 0u64;
    let left_out = export::each_public(conn, filter, &Query::default(), keys, bar, |request| {
        let serde_json::Value::Object(map) = serde_json::to_value(&request)? else {
            bail!("a service request serialises to an object");
        };
        csv.cells(ServiceRequest::FIELDS.iter().map(|k| {
            map.get(*k)
                .map_or_else(|| CsvCell::Text(String::new()), |v| CsvCell::of(v).keyed(k))
        }))?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok((count, left_out))
}

/// The staff export's columns: every stored attribute, the names of the field and agency,
/// and the latest change and current deadline as in the public view.
const FULL_COLUMNS: [&str; 31] = [
    "id",
    "external_id",
    "submitted_at",
    "occurred_at",
    "status",
    "urgent",
    "confidential",
    "consent",
    "state_secret",
    "field",
    "field_name",
    "agency",
    "agency_name",
    "round",
    "returns",
    "send_backs",
    "rating",
    "result_text",
    "reject_reasons",
    "duplicate_of",
    "content",
    "media",
    "latitude",
    "longitude",
    "address",
    "commune",
    "reporter_name",
    "reporter_phone",
    "category_hint",
    "updated_at",
    "expected_at",
];

fn full_cells(r: &Report, facts: &Facts, lang: crate::i18n::Lang) -> [CsvCell; 31] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    // The numbers are marked as such (the Excel style writes a decimal comma); an absent
    // one is an empty cell.
    let number = |v: Option<f64>| CsvCell::Number(v.map(|x| x.to_string()).unwrap_or_default());
    // The moments are `Moment`s: the Excel style writes them as dates and times Excel
    // reads, as a listing's `…_at` columns.
    // An erased identity reads as `show` and `list` say it (the label in the name, the
    // phone empty), not as two empty cells that a report without a name would also have;
    // the columns stay as they are.
    let (name, phone) = if r.identity_erased() {
        (
            crate::output::show::erased_label(lang).to_owned(),
            String::new(),
        )
    } else {
        (r.reporter_name.clone(), r.reporter_phone.clone())
    };
    [
        CsvCell::Number(r.id.to_string()),
        CsvCell::Text(r.external_id.clone()),
        CsvCell::Moment(time::format(&r.submitted_at)),
        CsvCell::Moment(r.occurred_at.as_ref().map(time::format).unwrap_or_default()),
        CsvCell::Text(r.status.as_str().to_owned()),
        CsvCell::Text(r.urgent.to_string()),
        CsvCell::Text(r.confidential.to_string()),
        CsvCell::Text(r.consent.to_string()),
        CsvCell::Text(r.state_secret.to_string()),
        CsvCell::Text(text(&r.field)),
        CsvCell::Text(text(&facts.field_name)),
        CsvCell::Text(text(&r.agency)),
        CsvCell::Text(text(&facts.agency_name)),
        CsvCell::Number(r.round.to_string()),
        CsvCell::Number(r.returns.to_string()),
        CsvCell::Number(r.send_backs.to_string()),
        CsvCell::Number(r.rating.map(|x| x.to_string()).unwrap_or_default()),
        CsvCell::Text(r.result_text.clone()),
        CsvCell::Text(r.reject_reasons.join(",")),
        CsvCell::Number(r.duplicate_of.map(|x| x.to_string()).unwrap_or_default()),
        CsvCell::Text(r.content.clone()),
        CsvCell::Text(r.media.join("|")),
        number(r.latitude),
        number(r.longitude),
        CsvCell::Text(r.address.clone()),
        CsvCell::Text(r.commune.clone()),
        CsvCell::Text(name),
        CsvCell::Text(phone),
        CsvCell::Text(r.category_hint.clone()),
        CsvCell::Moment(text(&facts.updated_at)),
        CsvCell::Moment(text(&facts.expected_at)),
    ]
}

/// Every report the filter covers, every column.
fn write_full_csv(
    out: &mut Sink,
    conn: &Connection,
    filter: &ExportFilter,
    keys: &Keys,
    bar: &ProgressBar,
    lang: crate::i18n::Lang,
) -> Result<(u64, Vec<i64>)> {
    let mut csv = SafeCsv::new(out);
    csv.record(FULL_COLUMNS)?;
    let mut count = 0u64;
    let left_out = export::each_full(conn, filter, keys, bar, |report, facts| {
        csv.cells(full_cells(report, facts, lang))?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok((count, left_out))
}
