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
use crate::i18n::{Lang, Localized};
use crate::output::{Format, render};

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files exported by the app. A report already stored (same external_id) read again as
    /// it was is counted, not an error; read with other content it is a conflict, listed
    /// with the malformed records. The reporter's name and phone are not compared, so that
    /// ingest never tells whether a guessed identity is the stored one: a corrected name or
    /// phone under a stored id is counted as already stored. A record whose phone lost its
    /// leading 0 (a file re-saved in Excel) is set aside, not stored: ingest the original.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The files' format [default: from the extension: .csv, .jsonl/.ndjson, .json]; an
    /// Open311 file is always named: --input-format open311.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Also run the reception check (`phananh validate`) on each new report as it is
    /// stored: the log gets both steps, the report leaves as accepted or rejected. Needs
    /// an account allowed to validate. As `validate`, names the reports accepted that may
    /// be an earlier report sent again (JSON: `possible_repeats`), for runs accepting at
    /// most 5,000, and warns of those whose content, public from then on, names other
    /// people, speaks of someone's health or sets it at the reporter's home.
    #[arg(long)]
    pub validate: bool,
    /// Write every malformed record to this CSV file (file, line, reason, message); stderr
    /// shows the first few and a count by reason. The file is made new and private (mode
    /// 0600); an existing one is refused.
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
    // The errors file first, before any input is read: it may not be one of them.
    let errors = match &args.errors {
        Some(path) => Some(ingest::errors_file(
            path,
            &args.files,
            &ctx.overwrite(false),
            ctx.lang,
        )?),
        None => None,
    };
    let formats = match ingest::check_files(&args.files, args.input_format, &ctx.input(None)) {
        Ok(formats) => formats,
        Err(unusable) => return refuse_run(ctx, args.files.len(), &unusable, errors),
    };
    for (path, mode) in ingest::readable_by_others(&args.files) {
        ctx.tell(&crate::output::ingest::input_readable_by_others(
            &path, mode,
        ));
    }
    let mut summaries = Vec::new();
    for (path, &format) in args.files.iter().zip(&formats) {
        let how = Load {
            actor: &actor.username,
            interactive: true,
            validate: args.validate,
            errors: errors.as_ref(),
        };
        let summary = ingest_file(&conn, ctx, path, format, how)?;
        // The records set aside are said once for their file, not one by one.
        if summary.malformed - summary.set_aside > ingest::SHOWN {
            by_reason(ctx, &summary, args.errors.is_some());
        }
        summaries.push(summary);
    }
    if let Some(errors) = errors {
        errors.into_inner().flush()?;
    }
    if args.validate {
        ingest::possible_repeats(&conn, &mut summaries)?;
    }
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Csv => {
            let mut w = crate::output::SafeCsv::new(&mut out).speaking(ctx.lang);
            w.head::<ingest::FileSummary>(ctx.lang)?;
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
        let notice = crate::output::ingest::validated(accepted, rejected);
        ctx.status(&notice.vi, &notice.en);
        let found: Vec<_> = summaries
            .iter()
            .flat_map(|s| s.possible_repeats.iter().flatten().copied())
            .collect();
        if let Some(notice) = crate::output::ingest::possible_repeats(&found) {
            ctx.status(&notice.vi, &notice.en);
        }
        // A desk that loads and checks in one command never runs `validate`: what the
        // reports it accepted make public from now on is told here (docs/rules.md §6).
        let mut exposed = crate::output::validate::Exposed::default();
        for summary in &mut summaries {
            exposed.append(std::mem::take(&mut summary.exposed));
        }
        for notice in exposed.notices() {
            ctx.tell(&notice);
        }
    }
    // Once for the run: rows Excel left empty are no fault, but the operator who counts the
    // file's lines should find where they went.
    let blank: u64 = summaries.iter().map(|s| s.blank_rows).sum();
    if blank > 0 {
        let notice = crate::output::ingest::blank_rows(blank);
        ctx.status(&notice.vi, &notice.en);
    }
    // Said as the malformed records are: a table at 80 columns or dozens of warnings
    // scrolled away must not leave "0 malformed" as all there is to read.
    let warned: u64 = summaries.iter().map(|s| s.warned_stored).sum();
    if warned > 0 {
        let notice = crate::output::ingest::warned(warned);
        ctx.status(&notice.vi, &notice.en);
    }
    use crate::domain::validate::SpreadsheetDamage::{Exponent, LostLeadingZero};
    let stored_lost_zero: u64 = summaries.iter().map(|s| s.stored_phone_lost_zero).sum();
    let stored_exponent: u64 = summaries.iter().map(|s| s.stored_phone_exponent).sum();
    for (damage, stored) in [
        (LostLeadingZero, stored_lost_zero),
        (Exponent, stored_exponent),
    ] {
        if stored > 0 {
            let notice = crate::output::ingest::stored_damaged_phones(damage, stored);
            ctx.status(&notice.vi, &notice.en);
        }
    }
    let seconds_lost: u64 = summaries
        .iter()
        .map(|s| s.already_present_seconds_lost)
        .sum();
    if seconds_lost > 0 {
        let notice = crate::output::ingest::seconds_lost(seconds_lost);
        ctx.status(&notice.vi, &notice.en);
    }
    // Records set aside are not stored, as malformed ones are not (exit 1, so that cron
    // mails it), but fixing the file is not their next step: the original file is.
    let aside = |code: &str| -> u64 {
        summaries
            .iter()
            .filter_map(|s| s.malformed_by_reason.get(code))
            .sum()
    };
    // Nor is a file's last line that may be cut short mended by fixing the file: the whole
    // file is its next step.
    let cut = aside("cut_last_line");
    let set_aside: u64 = summaries.iter().map(|s| s.set_aside).sum();
    let malformed: u64 = summaries.iter().map(|s| s.malformed).sum::<u64>() - set_aside;
    if malformed > cut {
        let notice = crate::output::ingest::malformed(malformed - cut);
        ctx.status(&notice.vi, &notice.en);
    }
    if cut > 0 {
        let notice = crate::output::ingest::cut_last_lines(cut);
        ctx.status(&notice.vi, &notice.en);
    }
    for (damage, code) in [
        (LostLeadingZero, "lost_leading_zero"),
        (Exponent, "phone_exponent"),
    ] {
        let aside = aside(code);
        if aside > 0 {
            let notice = crate::output::ingest::set_aside(damage, aside);
            ctx.status(&notice.vi, &notice.en);
        }
    }
    if malformed + set_aside > 0 {
        return Ok(crate::exit::FAILURE);
    }
    Ok(crate::exit::OK)
}

/// Nothing is stored when a file of the run cannot be loaded at all: each is said (and
/// listed in the `--errors` file), with what to do.
fn refuse_run(
    ctx: &Context,
    files: usize,
    unusable: &[ingest::Unusable],
    errors: Option<std::cell::RefCell<ingest::ErrorsFile>>,
) -> Result<u8> {
    if let Some(errors) = errors {
        let mut errors = errors.into_inner();
        for file in unusable {
            let line = file.line.to_string();
            errors.record([
                file.file.as_str(),
                line.as_str(),
                file.code,
                file.text.text(ctx.lang),
                "",
            ])?;
        }
        errors.flush()?;
    }
    let texts: Vec<&Localized> = unusable.iter().map(|file| &file.text).collect();
    bail!(crate::output::ingest::unusable_files(files, &texts))
}

/// One line for a file with many malformed records: how many of each kind, and where the
/// full list is.
fn by_reason(ctx: &Context, summary: &ingest::FileSummary, listed: bool) {
    let counts: Vec<(&str, &str, u64)> = summary
        .malformed_by_reason
        .iter()
        .filter(|(code, _)| !["lost_leading_zero", "phone_exponent"].contains(*code))
        .map(|(code, n)| {
            (
                ingest::reason_label(code, Lang::Vi),
                ingest::reason_label(code, Lang::En),
                *n,
            )
        })
        .collect();
    let notice = crate::output::ingest::by_reason(
        &summary.file,
        summary.malformed - summary.set_aside,
        ingest::SHOWN,
        &counts,
        listed,
    );
    ctx.status(&notice.vi, &notice.en);
}
