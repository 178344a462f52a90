//! `ingest`: loads the app's exports (docs/rules.md §6) — CSV, JSON Lines, a JSON array,
//! or an Open311 GeoReport v2 `requests.json` response — through `app::ingest`, and prints
//! each file's summary. Malformed records are skipped and listed with file, line (or record
//! number) and reason; the rest of the file still loads (docs/rules.md §1).

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;

use crate::app::Context;
use crate::app::ingest::{self, InputFormat, Load, ingest_file};
use crate::domain::access::Operation;
use crate::i18n::Localized;
use crate::output::{Format, render};

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files exported by the app. Re-ingesting a report already stored (same external_id)
    /// is counted, not an error.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The files' format [default: from the extension: .csv, .jsonl/.ndjson, .json]; an
    /// Open311 file is always named: --input-format open311.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Also run the reception check (`phananh validate`) on each new report as it is
    /// stored: the log gets both steps, the report leaves as accepted or rejected. Needs
    /// an account allowed to validate.
    #[arg(long)]
    pub validate: bool,
    /// Write every malformed record to this CSV file (file, line, reason, message); stderr
    /// shows the first few and a count by reason.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
}

/// CSV rows for `--format csv` leave the malformed list out (it has its own lines on stderr).
#[derive(Serialize)]
struct FileSummaryCsv<'a> {
    file: &'a str,
    format: InputFormat,
    stored: u64,
    already_present: u64,
    malformed: u64,
    warnings: u64,
    first_id: Option<i64>,
    last_id: Option<i64>,
}

pub fn cmd_ingest(ctx: &Context, args: &IngestArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Ingest, None)?;
    if args.validate {
        ctx.authorize(&conn, &actor, Operation::Validate, None)?;
    }
    let errors = match &args.errors {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| {
                Localized::new(
                    format!("Không tạo được tệp lỗi {}: {e}", path.display()),
                    format!("cannot create the errors file {}: {e}", path.display()),
                )
            })?;
            let mut writer = crate::output::SafeCsv::new(std::io::BufWriter::new(file));
            writer.record(ingest::ERRORS_HEADER)?;
            Some(std::cell::RefCell::new(writer))
        }
        None => None,
    };
    let mut summaries = Vec::new();
    for path in &args.files {
        let format = match args.input_format.or_else(|| InputFormat::detect(path)) {
            Some(format) => format,
            None => bail!(Localized::new(
                format!(
                    "Không nhận ra định dạng của {}; dùng --input-format csv|jsonl|json|open311.",
                    path.display()
                ),
                format!(
                    "cannot tell the format of {} from its name; use --input-format csv|jsonl|json|open311",
                    path.display()
                ),
            )),
        };
        let how = Load {
            actor: &actor.username,
            interactive: true,
            validate: args.validate,
            errors: errors.as_ref(),
        };
        let summary = ingest_file(&conn, ctx, path, format, how)?;
        if summary.malformed > ingest::SHOWN {
            by_reason(ctx, &summary, args.errors.is_some());
        }
        summaries.push(summary);
    }
    if let Some(errors) = errors {
        errors.into_inner().flush()?;
    }
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Csv => {
            let mut w = crate::output::SafeCsv::new(&mut out);
            for s in &summaries {
                w.serialize(&FileSummaryCsv {
                    file: &s.file,
                    format: s.format,
                    stored: s.stored,
                    already_present: s.already_present,
                    malformed: s.malformed,
                    warnings: s.warnings,
                    first_id: s.first_id,
                    last_id: s.last_id,
                })?;
            }
            w.flush()?;
        }
        _ => render(&mut out, &summaries, ctx.format, ctx.lang)?,
    }
    if args.validate {
        let accepted: u64 = summaries.iter().filter_map(|s| s.accepted).sum();
        let rejected: u64 = summaries.iter().filter_map(|s| s.rejected).sum();
        let checked = accepted + rejected;
        ctx.status(
            &format!(
                "Đã kiểm tra {checked} phản ánh mới: {accepted} tiếp nhận, {rejected} từ chối."
            ),
            &format!("checked {checked} new reports: {accepted} accepted, {rejected} rejected"),
        );
    }
    let malformed: u64 = summaries.iter().map(|s| s.malformed).sum();
    if malformed > 0 {
        ctx.status(
            &format!("{malformed} dòng lỗi không được lưu (xem danh sách ở trên); sửa tệp rồi nạp lại — các phản ánh đã lưu sẽ được bỏ qua."),
            &format!("{malformed} malformed records were not stored (listed above); fix the file and ingest it again — reports already stored are skipped"),
        );
        return Ok(crate::exit::FAILURE);
    }
    Ok(crate::exit::OK)
}

/// One line for a file with many malformed records: how many of each kind, and where the
/// full list is.
fn by_reason(ctx: &Context, summary: &ingest::FileSummary, listed: bool) {
    let l = ctx.lang;
    let counts = summary
        .malformed_by_reason
        .iter()
        .map(|(code, n)| format!("{} {n}", ingest::reason_label(code, l)))
        .collect::<Vec<_>>()
        .join(", ");
    let (malformed, shown) = (summary.malformed, ingest::SHOWN);
    let line = l.pick(
        format!(
            "{}: {malformed} bản ghi lỗi ({counts}); ở trên là {shown} bản ghi đầu{}",
            summary.file,
            if listed {
                ", danh sách đủ ở tệp --errors."
            } else {
                "; xem đủ bằng --errors TỆP."
            }
        ),
        format!(
            "{}: {malformed} malformed records ({counts}); the first {shown} are above{}",
            summary.file,
            if listed {
                ", the full list is in the --errors file."
            } else {
                "; --errors FILE lists them all."
            }
        ),
    );
    eprintln!("{}", crate::output::printable(&line));
}
