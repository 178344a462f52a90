//! `export open311` and `export csv`: the public view of the reports as Open311 GeoReport v2
//! JSON or CSV — no reporter's identity (Đ6.5), nothing confidential (Đ9.2), state-secret
//! (Đ9.3), refused or merged (`domain::open311::public_request` decides) — for any account;
//! and the staff export of every report with every column, personal data unmasked, for
//! admin and reception only, written to the audit log before a row leaves. Rows stream from
//! `storage::open311` to standard output, so memory stays flat; a progress bar with rate
//! and ETA shows on a terminal when the output goes to a file or a pipe.

use std::io::Write;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use indicatif::ProgressBar;
use rusqlite::Connection;

use crate::Localized;
use crate::app::Context;
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::open311::{Facts, ServiceRequest, public_request};
use crate::domain::report::Report;
use crate::domain::time;
use crate::output::{Format, SafeCsv};
use crate::storage::open311::{self, ExportFilter};
use crate::storage::tx::immediate;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The public view as Open311 GeoReport v2 JSON (a `GET requests.json` response): no
    /// reporter's name or phone, nothing confidential, state-secret, refused or duplicate.
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan export open311 --from 2026-10-01 --to 2026-10-31 > requests.json"
    )]
    Open311(PeriodArgs),
    /// CSV: with --public the same public view; without, every report with every column,
    /// reporters' names and phones unmasked (admin and reception only; logged).
    #[command(
        after_help = "Examples:\n  phananh --as lanhdao.minh export csv --public --from 2026-10-01 > cong-khai.csv\n  phananh --as tiepnhan.lan export csv --from 2026-10-01 --to 2026-10-31 > toan-bo-10-2026.csv"
    )]
    Csv(CsvArgs),
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// Reports submitted on or after this date (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Reports submitted on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct CsvArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// The public view (the columns of `export open311`), which any account may export.
    #[arg(long)]
    pub public: bool,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    time::parse_date(text).ok_or_else(|| "use YYYY-MM-DD or DD/MM/YYYY".to_owned())
}

pub fn cmd_export(ctx: &Context, cmd: ExportCommand) -> Result<u8> {
    match cmd {
        ExportCommand::Open311(period) => {
            refuse_format(ctx, Format::Csv, "export csv --public")?;
            let filter = filter(&period)?;
            let (conn, _) = connect(ctx, Operation::Read)?;
            let count = write_open311(&conn, &filter, &bar(ctx, &conn, &filter)?)?;
            exported(ctx, count);
        }
        ExportCommand::Csv(args) if args.public => {
            refuse_format(ctx, Format::Json, "export open311")?;
            let filter = filter(&args.period)?;
            let (conn, _) = connect(ctx, Operation::Read)?;
            let count = write_public_csv(&conn, &filter, &bar(ctx, &conn, &filter)?)?;
            exported(ctx, count);
        }
        ExportCommand::Csv(args) => {
            refuse_format(ctx, Format::Json, "export open311")?;
            let filter = filter(&args.period)?;
            // The full export unmasks every reporter's name and phone (Đ6.5). Only the
            // portal (admin, reception) may take it: not the agencies' handlers, who see
            // identities one consenting report at a time (RevealPersonalData includes them),
            // nor leaders and auditors. Validate is the operation whose roles are exactly
            // admin and reception; a refusal is logged under it.
            let conn = ctx.open()?;
            let actor = ctx.actor(&conn)?;
            ctx.authorize(&conn, &actor, Operation::Validate, None)
                .map_err(|e| match e.downcast_ref::<Localized>() {
                    Some(refusal) => Localized::new(
                        format!(
                            "{} Xuất toàn bộ (có họ tên, số điện thoại người phản ánh) chỉ dành cho quản trị viên và cán bộ tiếp nhận; bản công khai: `phananh export csv --public`.",
                            refusal.vi
                        ),
                        format!(
                            "{} — the full export (with reporters' names and phones) is for admin and reception only; the public one: `phananh export csv --public`",
                            refusal.en
                        ),
                    )
                    .into(),
                    None => e,
                })?;
            let filter = log_full_export(&conn, ctx, &actor.username, &args.period, filter)?;
            let count = write_full_csv(&conn, &filter, &bar(ctx, &conn, &filter)?)?;
            ctx.status(
                &format!(
                    "Đã xuất {count} phản ánh kèm dữ liệu cá nhân (đã ghi nhật ký); hãy giữ tệp an toàn và xóa khi không còn cần."
                ),
                &format!(
                    "{count} reports exported with personal data (logged); keep the file safe and delete it when no longer needed"
                ),
            );
        }
    }
    Ok(crate::exit::OK)
}

/// The period as the stored text of its bounds (`--to` is inclusive).
fn filter(period: &PeriodArgs) -> Result<ExportFilter> {
    if let (Some(from), Some(to)) = (period.from, period.to)
        && from > to
    {
        bail!(Localized::new(
            format!("--from {from} sau --to {to}; hãy đổi lại."),
            format!("--from {from} is after --to {to}; swap them"),
        ));
    }
    Ok(ExportFilter {
        submitted_from: period.from.map(|d| time::format(&time::start_of_day(d))),
        submitted_before: period
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| time::format(&time::start_of_day(d))),
        last_id: None,
    })
}

/// Each export has one output format; asking for the other one is a mistake worth a hint.
fn refuse_format(ctx: &Context, wrong: Format, instead: &str) -> Result<()> {
    if ctx.format == wrong {
        bail!(Localized::new(
            format!(
                "Lệnh này không xuất được định dạng {}; hãy dùng `phananh {instead}`.",
                format_name(wrong)
            ),
            format!(
                "this export has no {} form; use `phananh {instead}`",
                format_name(wrong)
            ),
        ));
    }
    Ok(())
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Html => "html",
    }
}

/// Opens the database and checks `operation` for the acting account (a refusal is logged).
fn connect(ctx: &Context, operation: Operation) -> Result<(Connection, String)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, operation, None)?;
    Ok((conn, actor.username))
}

/// The export's progress bar, over the reports the filter covers (counted only when someone
/// is watching).
fn bar(ctx: &Context, conn: &Connection, filter: &ExportFilter) -> Result<ProgressBar> {
    if !crate::output::watching() {
        return Ok(ProgressBar::hidden());
    }
    let (reports, _) = open311::count(conn, filter)?;
    Ok(crate::output::progress_beside_output(
        reports as u64,
        ctx.t("Xuất", "Exporting"),
    ))
}

fn exported(ctx: &Context, count: u64) {
    ctx.status(
        &format!("Đã xuất {count} phản ánh công khai."),
        &format!("{count} public reports exported"),
    );
}

/// Every public report as a GeoReport v2 response: one JSON array, one request per line.
fn write_open311(conn: &Connection, filter: &ExportFilter, bar: &ProgressBar) -> Result<u64> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut count = 0u64;
    out.write_all(b"[")?;
    open311::for_each(conn, filter, |report, facts| {
        bar.inc(1);
        let Some(request) = public_request(&report, &facts) else {
            return Ok(());
        };
        out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &request)?;
        count += 1;
        Ok(())
    })?;
    out.write_all(b"\n]\n")?;
    out.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

/// The same public view as CSV, the columns of `ServiceRequest::FIELDS`.
fn write_public_csv(conn: &Connection, filter: &ExportFilter, bar: &ProgressBar) -> Result<u64> {
    let mut csv = SafeCsv::new(std::io::BufWriter::new(std::io::stdout().lock()));
    csv.record(ServiceRequest::FIELDS)?;
    let mut count = 0u64;
    open311::for_each(conn, filter, |report, facts| {
        bar.inc(1);
        let Some(request) = public_request(&report, &facts) else {
            return Ok(());
        };
        let serde_json::Value::Object(map) = serde_json::to_value(&request)? else {
            bail!("a service request serialises to an object");
        };
        csv.record(
            ServiceRequest::FIELDS
                .iter()
                .map(|k| map.get(*k).map(crate::output::scalar).unwrap_or_default()),
        )?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

/// Records the full export before any row leaves: who, the period, and how many reports
/// (no personal data). Returns the filter bounded to exactly the reports counted.
fn log_full_export(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    period: &PeriodArgs,
    filter: ExportFilter,
) -> Result<ExportFilter> {
    let tx = immediate(conn)?;
    let (rows, last_id) = open311::count(&tx, &filter)?;
    ctx.note(
        &tx,
        actor,
        EventKind::ExportFull,
        serde_json::json!({
            "format": "csv",
            "rows": rows,
            "from": period.from.map(|d| d.to_string()),
            "to": period.to.map(|d| d.to_string()),
            "last_id": last_id,
        })
        .to_string(),
    )?;
    tx.commit()?;
    Ok(ExportFilter {
        // No report yet: nothing to export, whatever arrives meanwhile.
        last_id: Some(last_id.unwrap_or(0)),
        ..filter
    })
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

fn full_cells(r: &Report, facts: &Facts) -> [String; 31] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let number = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        r.id.to_string(),
        r.external_id.clone(),
        time::format(&r.submitted_at),
        r.occurred_at.as_ref().map(time::format).unwrap_or_default(),
        r.status.as_str().to_owned(),
        r.urgent.to_string(),
        r.confidential.to_string(),
        r.consent.to_string(),
        r.state_secret.to_string(),
        text(&r.field),
        text(&facts.field_name),
        text(&r.agency),
        text(&facts.agency_name),
        r.round.to_string(),
        r.returns.to_string(),
        r.send_backs.to_string(),
        r.rating.map(|x| x.to_string()).unwrap_or_default(),
        r.result_text.clone(),
        r.reject_reasons.join(","),
        r.duplicate_of.map(|x| x.to_string()).unwrap_or_default(),
        r.content.clone(),
        r.media.join("|"),
        number(r.latitude),
        number(r.longitude),
        r.address.clone(),
        r.commune.clone(),
        r.reporter_name.clone(),
        r.reporter_phone.clone(),
        r.category_hint.clone(),
        text(&facts.updated_at),
        text(&facts.expected_at),
    ]
}

/// Every report the filter covers, every column.
fn write_full_csv(conn: &Connection, filter: &ExportFilter, bar: &ProgressBar) -> Result<u64> {
    let mut csv = SafeCsv::new(std::io::BufWriter::new(std::io::stdout().lock()));
    csv.record(FULL_COLUMNS)?;
    let mut count = 0u64;
    open311::for_each(conn, filter, |report, facts| {
        bar.inc(1);
        csv.record(full_cells(&report, &facts))?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok(count)
}
