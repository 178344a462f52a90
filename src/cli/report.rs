//! `report monthly|quarterly|half-year|annual|range` (`docs/rules.md §5`, Đ13.6) and
//! `score` (Đ13.7, Đ14): the arguments, then `app::report` builds and `output::report`
//! renders (table, CSV, JSON, the HTML document, or an Excel workbook when `--out` names a
//! `.xlsx` file), to standard output or `--out FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Replace;
use crate::app::Context;
use crate::app::report::{self, Scored};
use crate::domain::periodic::Period;
use crate::output::Format;
use crate::output::sink::Sink;
use crate::output::spool::Keep;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    // The hidden aliases take the words an officer types for a period, English or
    // Vietnamese without diacritics (`report yearly`, `report thang`), where clap suggested
    // a subcommand of another period; they add to the names, which stay the interface.
    /// One month, e.g. --period 2026-07.
    #[command(
        alias = "month",
        alias = "thang",
        after_help = "Example:\n  phananh --as lanhdao.minh report monthly --period 2026-10",
        mut_arg("period", |a| a.help("The month: 2026-07 (a quarter, half-year or year has its own subcommand)."))
    )]
    Monthly(PeriodArgs),
    /// One quarter, e.g. --period 2026-Q3.
    #[command(
        alias = "quarter",
        alias = "quy",
        mut_arg("period", |a| a.help("The quarter: 2026-Q3 (a month, half-year or year has its own subcommand).")),
        after_help = "Example:\n  phananh --as lanhdao.minh report quarterly --period 2026-Q3 --format html \\\n      --out bao-cao-quy-3.html"
    )]
    Quarterly(PeriodArgs),
    /// One half-year, e.g. --period 2026-H1.
    #[command(
        alias = "halfyear",
        alias = "half",
        alias = "6-thang",
        mut_arg("period", |a| a.help("The half-year: 2026-H1 or 2026-H2 (a month, quarter or year has its own subcommand).")),
        after_help = "Example:\n  phananh --as lanhdao.minh report half-year --period 2026-H2 --format csv \\\n      --out 6-thang.csv"
    )]
    HalfYear(PeriodArgs),
    /// One year, e.g. --period 2026.
    #[command(
        alias = "yearly",
        alias = "year",
        alias = "nam",
        mut_arg("period", |a| a.help("The year: 2026 (a month, quarter or half-year has its own subcommand).")),
        after_help = "Example:\n  phananh --as lanhdao.minh report annual --period 2026 --format json"
    )]
    Annual(PeriodArgs),
    /// Any span of days, both ends included.
    #[command(
        after_help = "Example:\n  phananh --as lanhdao.minh report range --from 2026-09-15 --to 2026-10-15"
    )]
    Range(RangeArgs),
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    // Each subcommand words this help for its own form (`mut_arg` above): one list of every
    // form on all four invited `report monthly --period 2026-Q3`.
    /// The period, in the subcommand's form.
    // Not `required` for clap, as `score`'s: `cmd_report` says what to add, with an example.
    #[arg(long)]
    pub period: Option<String>,
    #[command(flatten)]
    pub out: ReportOut,
    #[command(flatten)]
    pub notes: Notes,
    #[command(flatten)]
    pub compare: Compare,
    #[command(flatten)]
    pub quiet: Quiet,
}

impl PeriodArgs {
    /// The period, then what `--out`, `--force`, `--notes`, `--quiet` and `--compare` say.
    fn parts(self, kind: report::PeriodKind) -> Parts {
        (
            self.parse(kind),
            self.out.out,
            self.out.replace.force,
            self.notes.notes,
            self.quiet.quiet,
            self.compare.compare,
        )
    }

    fn parse(&self, kind: report::PeriodKind) -> Result<Period> {
        match &self.period {
            Some(text) => report::report_period(kind, text).map_err(usage),
            None => Err(usage(crate::output::report::refusals::missing_period(kind))),
        }
    }
}

/// `--out` of every periodic report, and its `--force`: one flag, and its own id, so that
/// `help_vi` words it once for all five subcommands. `Replace` requires the option whose
/// id is `out`; here it requires this one instead (a group standing for both would show in
/// the usage error as `<--out <OUT>>`).
#[derive(Debug, Args)]
#[command(mut_arg("replace_out", |a| a.requires(clap::builder::Resettable::Reset).requires("report_out")))]
pub struct ReportOut {
    /// Write to this file instead of standard output (with --format html, the document
    /// to open in a browser and print: a name ending in .html);
    /// a name ending in .xlsx writes an Excel workbook, one sheet per section, and one
    /// ending in .csv, .json or .html that format when --format is not given
    /// (.pdf, .docx, .xls, .ods are refused: print the .html to PDF).
    #[arg(id = "report_out", long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub replace: Replace,
}

/// `--notes` of every periodic report: one flag, and its own id, so that `help_vi` words it
/// once for all five subcommands.
#[derive(Debug, Args)]
pub struct Notes {
    /// A text file with the outstanding issues, obstacles and proposed solutions (Đ13.6),
    /// a paragraph a line: section 7 of the HTML document (with --format html), a sheet of
    /// the workbook (with --out NAME.xlsx); refused with a table, CSV or JSON.
    #[arg(id = "report_notes", long = "notes", value_name = "FILE")]
    pub notes: Option<PathBuf>,
}

/// A periodic report's command line once read: the period, `--out`, `--force`, `--notes`,
/// `--quiet`, `--compare`.
type Parts = (
    Result<Period>,
    Option<PathBuf>,
    bool,
    Option<PathBuf>,
    bool,
    bool,
);

/// `--compare` of every periodic report: one flag, and its own id, so that `help_vi` words
/// it once for all five subcommands.
#[derive(Debug, Args)]
pub struct Compare {
    /// Beside the totals, the stages' deadlines and the satisfaction, the same period one
    /// year earlier and the change ("so với cùng kỳ năm trước"); for a period not yet ended,
    /// the same days of the year before. Totals only: agencies and communes were merged in
    /// July 2025.
    #[arg(id = "report_compare", long = "compare")]
    pub compare: bool,
}

/// `--quiet` of the periodic reports and the score: one flag, and its own id, so that
/// `help_vi` words it once for all six commands.
#[derive(Debug, Args)]
pub struct Quiet {
    /// Print nothing but errors (for cron, which mails whatever a job prints): not the
    /// file written, nor the notes on how to open it.
    #[arg(id = "report_quiet", long = "quiet")]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct RangeArgs {
    /// First day (YYYY-MM-DD or DD/MM/YYYY).
    // Read by the parser every date option shares: `31/11/2026` is "no such day" here as
    // in `list` and `export`, not a period of the wrong form.
    #[arg(long, value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day, included.
    #[arg(long, value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub out: ReportOut,
    #[command(flatten)]
    pub notes: Notes,
    #[command(flatten)]
    pub compare: Compare,
    #[command(flatten)]
    pub quiet: Quiet,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as noivu.thao score --year 2026 --out diem-thi-dua-2026.xlsx
  phananh --as noivu.thao score --period 2026-Q3 --out diem-quy-3.csv
  phananh --as noivu.thao score --explain")]
pub struct ScoreArgs {
    /// The year whose received reports are scored (the same as --period YYYY).
    // Not `required` for clap: its refusal named --year alone, and its English usage line
    // showed --db as required; `cmd_score` names every form of the period instead.
    // Text, not a number for clap: `--year 2026-Q3`, an officer's natural slip, got clap's
    // "invalid digit found in string"; `cmd_score` says to use --period instead.
    #[arg(long, conflicts_with = "period", value_name = "YEAR")]
    pub year: Option<String>,
    /// The period scored: 2026 (year), 2026-H1 (half-year) or 2026-Q3 (quarter).
    #[arg(long)]
    pub period: Option<String>,
    /// Write to this file instead of a table on standard output: .xlsx an Excel workbook
    /// (scores and a sheet saying what they are; what to open in Excel), .csv CSV, .json
    /// JSON; a name with another extension (.txt, .pdf, .xls…) is refused.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub replace: Replace,
    /// Print how the score is computed, with the weights in force, and nothing else.
    #[arg(long)]
    pub explain: bool,
    /// On the table, also draw each agency with no case in the period (a row of zeros); a
    /// file (--out, --format csv or json) always has every agency.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub quiet: Quiet,
}

pub fn cmd_report(ctx: &Context, cmd: ReportCommand) -> Result<u8> {
    use report::PeriodKind;
    // The period is checked before any file is opened or the database read.
    let (period, out, force, notes, quiet, compare) = match cmd {
        ReportCommand::Monthly(a) => a.parts(PeriodKind::Month),
        ReportCommand::Quarterly(a) => a.parts(PeriodKind::Quarter),
        ReportCommand::HalfYear(a) => a.parts(PeriodKind::HalfYear),
        ReportCommand::Annual(a) => a.parts(PeriodKind::Year),
        ReportCommand::Range(a) => (
            match (&a.from, &a.to) {
                (Some(from), Some(to)) => report::range_period(*from, *to).map_err(usage),
                (from, to) => Err(usage(crate::output::report::refusals::missing_days(
                    from.is_some(),
                    to.is_some(),
                ))),
            },
            a.out.out,
            a.out.replace.force,
            a.notes.notes,
            a.quiet.quiet,
            a.compare.compare,
        ),
    };
    let period = period?;
    let workbook = out.as_deref().is_some_and(is_xlsx);
    let format = format_for_file(
        out.as_deref(),
        ctx.format,
        &[Format::Table, Format::Csv, Format::Json, Format::Html],
    )?;
    let writes_csv = format == Format::Csv && !workbook;
    csv_fits(ctx, format, writes_csv, out.as_deref())?;
    let document = format == Format::Html && !workbook;
    if notes.is_some() && !document && !workbook {
        return Err(usage(crate::output::report::refusals::notes_need_html()));
    }
    let notes = notes
        .as_deref()
        .map(|notes| report::read_notes(notes, &ctx.input(None)))
        .transpose()?;
    let keep = if workbook {
        Keep::All
    } else {
        crate::output::report::keep(format)
    };
    // Opened first: a --out that may not be written is refused before any work.
    let mut sink = Sink::open(out.as_ref(), &ctx.overwrite(force))?;
    let mut built = report::periodic_report(ctx, period, keep, compare)?;
    let hidden = notes
        .as_ref()
        .and_then(|n| crate::output::report::notes_hidden(&n.hidden, &n.lines));
    built.notes = notes.map(|n| n.paragraphs);
    if writes_csv {
        crate::output::use_csv_style(ctx.csv.unwrap_or(built.csv_style));
    }
    if workbook {
        sink.write_all(&crate::output::report::write_xlsx(&built, ctx.lang)?)?;
    } else {
        crate::output::report::write(&mut sink, &built, format, ctx.lang)?;
    }
    sink.finish(ctx.lang, quiet)?;
    note_standard_csv(ctx, writes_csv && out.is_some() && !quiet);
    if let Some(hidden) = &hidden {
        ctx.tell(hidden);
    }
    if document && built.notes.is_none() && !quiet {
        crate::output::report::tell_notes_missing(ctx.lang);
    }
    counted_or_refused(&built.unsealed, false)
}

/// The format of a report or score written to `out`: `--format`, or, when it was left at
/// `table`, the one the file's name asks for (.csv, .json, .html; `.txt` the text table,
/// when `allowed` has `Table`). Someone who opens `thang-10.csv` or `quy-3.html` trusts the
/// name: a terminal table or CSV under it is a file that looks broken. A name that asks for
/// another format than an explicit `--format`, for one this command cannot write
/// (`allowed`), or with any other extension (`bao-cao.pdf`, `diem.txt` for `score`, whose
/// CSV under it opened as one long line), is refused, naming those it writes. A name with
/// no extension (`/dev/stdout`) takes `--format`.
fn format_for_file(out: Option<&Path>, format: Format, allowed: &[Format]) -> Result<Format> {
    let Some(out) = out else {
        return Ok(format);
    };
    let extension = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let named = match extension.as_deref() {
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some("html" | "htm") => Format::Html,
        // A workbook is written whatever `--format` says: a format asked for besides is a
        // contradiction, as for the other kinds.
        Some("xlsx") if format != Format::Table => anyhow::bail!(
            crate::output::report::refusals::format_beside_workbook(format, out)
        ),
        // The document is printed from a browser: HTML under another name (`quy-3.pdf`)
        // opens in no PDF reader, and the leader who sends it finds out from the recipient.
        _ if format == Format::Html => {
            anyhow::bail!(crate::output::report::refusals::html_misnamed(
                out,
                extension.as_deref()
            ));
        }
        Some("xlsx") => return Ok(format),
        Some("txt") if allowed.contains(&Format::Table) => Format::Table,
        // Office documents, spreadsheets and any other kind this command does not write:
        // what it would write under such a name opens in no reader of them.
        Some(e) => {
            anyhow::bail!(crate::output::report::refusals::extension_not_written(
                out,
                e,
                allowed.contains(&Format::Html)
            ))
        }
        None => return Ok(format),
    };
    let kinds = allowed
        .iter()
        .map(|f| match f {
            Format::Table => ".txt".to_owned(),
            f => format!(".{}", f.name()),
        })
        .collect::<Vec<_>>()
        .join(", ");
    if !allowed.contains(&named) {
        anyhow::bail!(crate::output::report::refusals::kind_not_written(
            named, out, &kinds
        ));
    }
    if format != Format::Table && format != named {
        anyhow::bail!(crate::output::report::refusals::format_against_name(
            format, out, named
        ));
    }
    Ok(named)
}

/// `--csv` is for a run that writes CSV (`cli::csv_fits` says why); a workbook needs none.
fn csv_fits(ctx: &Context, format: Format, writes_csv: bool, out: Option<&Path>) -> Result<()> {
    let Some(style) = ctx.csv else {
        return Ok(());
    };
    if let Some(book) = out.filter(|path| is_xlsx(path)) {
        anyhow::bail!(crate::output::report::refusals::csv_style_beside_workbook(
            style.name(),
            book
        ));
    }
    if !writes_csv {
        anyhow::bail!(crate::output::csv_style_needs_csv(style, format));
    }
    Ok(())
}

/// A usage error (exit status 2): what a command line lacks, or a value in it that names no
/// period (docs/huong-dan.md, the exit statuses: a day that does not exist is a usage error
/// wherever it is typed).
fn usage(said: crate::i18n::Localized) -> anyhow::Error {
    crate::exit::Failure::usage(said).into()
}

/// A file name that asks for an Excel workbook.
fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

pub fn cmd_score(ctx: &Context, args: &ScoreArgs) -> Result<u8> {
    if args.explain {
        explain_fits(ctx, args)?;
    }
    // The period is checked before the database is opened.
    let period = match (args.explain, &args.period, &args.year) {
        (true, _, _) => None,
        (false, Some(text), _) => Some(report::score_period(text).map_err(usage)?),
        (false, None, Some(year)) => Some(report::score_year(year).map_err(usage)?),
        (false, None, None) => {
            return Err(usage(
                crate::output::report::refusals::score_period_missing(),
            ));
        }
    };
    let format = format_for_file(
        args.out.as_deref(),
        ctx.format,
        &[Format::Csv, Format::Json],
    )?;
    let workbook = args.out.as_deref().is_some_and(is_xlsx);
    // A file is CSV unless JSON or a workbook was asked for; a terminal gets a table.
    let writes_csv = !args.explain
        && !workbook
        && match format {
            Format::Json => false,
            Format::Table => args.out.is_some(),
            _ => true,
        };
    csv_fits(ctx, format, writes_csv, args.out.as_deref())?;
    let (sheet, csv_style, unsealed) = match report::score(ctx, period)? {
        Scored::Explained(rules) => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{}",
                crate::output::report::score::explain(&rules, ctx.lang)
            )?;
            return Ok(crate::exit::OK);
        }
        Scored::Ranked(sheet, style, unsealed) => (*sheet, style, unsealed),
    };
    if writes_csv {
        crate::output::use_csv_style(ctx.csv.unwrap_or(csv_style));
    }
    let mut sink = Sink::open(args.out.as_ref(), &ctx.overwrite(args.replace.force))?;
    if workbook {
        sink.write_all(&crate::output::report::score::write_xlsx(&sheet, ctx.lang)?)?;
    } else {
        crate::output::report::score::write(
            &mut sink,
            &sheet,
            format,
            args.out.is_some(),
            args.all,
            ctx.lang,
        )?;
    }
    sink.finish(ctx.lang, args.quiet.quiet)?;
    note_standard_csv(ctx, writes_csv && args.out.is_some() && !args.quiet.quiet);
    counted_or_refused(&unsealed, true)
}

/// The exit of a report (or a score) once written: success, or the rows it counted that
/// the log does not vouch for, named (exit 5).
fn counted_or_refused(unsealed: &crate::output::report::Unsealed, score: bool) -> Result<u8> {
    match crate::output::report::refusals::counted_unsealed(unsealed, score) {
        Some(failure) => Err(failure.into()),
        None => Ok(crate::exit::OK),
    }
}

/// After a CSV file written in the standard style that neither `--csv` nor the setting
/// chose, says how to get one Excel under Vietnamese settings opens (on standard error: the
/// file is as scripts have always read it).
fn note_standard_csv(ctx: &Context, wrote_csv_file: bool) {
    if wrote_csv_file
        && ctx.csv.is_none()
        && crate::output::csv_style() == crate::output::CsvStyle::Standard
    {
        crate::output::tell_standard_csv(ctx.lang);
    }
}

/// `score --explain` prints the rule as text on standard output, and nothing else: an
/// option that shapes a file or a format would be ignored, and one left unsaid (`--out`)
/// once gave exit 0 and no file to the officer who asked for one.
fn explain_fits(ctx: &Context, args: &ScoreArgs) -> Result<()> {
    let mut given = Vec::new();
    if let Some(style) = ctx.csv {
        given.push(format!("--csv {}", style.name()));
    }
    if ctx.format != Format::Table {
        given.push(format!("--format {}", ctx.format.name()));
    }
    if let Some(out) = &args.out {
        given.push(format!("--out {}", out.display()));
    }
    if given.is_empty() {
        return Ok(());
    }
    anyhow::bail!(crate::output::report::refusals::explain_alone(
        &given,
        args.out.as_deref()
    ))
}
