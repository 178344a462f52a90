//! `report monthly|quarterly|half-year|annual|range` (`docs/rules.md §5`, Đ13.6) and
//! `score` (Đ13.7, Đ14): the arguments, then `app::report` builds and `output::report`
//! renders (table, CSV, JSON or the HTML document), to standard output or `--out FILE`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::app::Context;
use crate::app::report::{self, Scored};
use crate::domain::periodic::Period;
use crate::domain::time;
use crate::output::sink::Sink;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// One month, e.g. --period 2026-07.
    #[command(after_help = "Example:\n  phananh --as lanhdao.minh report monthly --period 2026-10")]
    Monthly(PeriodArgs),
    /// One quarter, e.g. --period 2026-Q3.
    #[command(
        after_help = "Example:\n  phananh --as lanhdao.minh report quarterly --period 2026-Q3 --format html --out bao-cao-quy-3.html"
    )]
    Quarterly(PeriodArgs),
    /// One half-year, e.g. --period 2026-H1.
    #[command(
        after_help = "Example:\n  phananh --as lanhdao.minh report half-year --period 2026-H2 --format csv --out 6-thang.csv"
    )]
    HalfYear(PeriodArgs),
    /// One year, e.g. --period 2026.
    #[command(
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
    /// The period: 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year), 2026 (year).
    #[arg(long)]
    pub period: String,
    /// Write to this file instead of standard output (needed for --format html to print).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RangeArgs {
    /// First day (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long)]
    pub from: String,
    /// Last day, included.
    #[arg(long)]
    pub to: String,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as noivu.thao score --year 2026 --out diem-thi-dua-2026.csv
  phananh --as noivu.thao score --explain")]
pub struct ScoreArgs {
    /// The year whose received reports are scored.
    #[arg(long, required_unless_present = "explain")]
    pub year: Option<i32>,
    /// Write the CSV (or --format json) to this file instead of a table on standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print how the score is computed, with the weights in force, and nothing else.
    #[arg(long)]
    pub explain: bool,
}

pub fn cmd_report(ctx: &Context, cmd: ReportCommand) -> Result<u8> {
    let (period, out) = match cmd {
        ReportCommand::Monthly(a) => (Period::month(&a.period), a.out),
        ReportCommand::Quarterly(a) => (Period::quarter(&a.period), a.out),
        ReportCommand::HalfYear(a) => (Period::half(&a.period), a.out),
        ReportCommand::Annual(a) => (Period::year(&a.period), a.out),
        ReportCommand::Range(a) => {
            let dates = time::parse_date(&a.from).zip(time::parse_date(&a.to));
            (dates.and_then(|(f, t)| Period::range(f, t)), a.out)
        }
    };
    let keep = crate::output::report::keep(ctx.format);
    let built = report::periodic_report(ctx, period, keep)?;
    let mut sink = Sink::open(out.as_ref())?;
    crate::output::report::write(&mut sink, &built, ctx.format, ctx.lang)?;
    sink.finish(ctx.lang)?;
    Ok(crate::exit::OK)
}

pub fn cmd_score(ctx: &Context, args: &ScoreArgs) -> Result<u8> {
    let year = if args.explain {
        None
    } else {
        Some(args.year.expect("clap requires --year without --explain"))
    };
    let rows = match report::score(ctx, year)? {
        Scored::Explained(weights) => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{}",
                crate::output::report::score::explain(&weights, ctx.lang)
            )?;
            return Ok(crate::exit::OK);
        }
        Scored::Ranked(rows) => rows,
    };
    let mut sink = Sink::open(args.out.as_ref())?;
    crate::output::report::score::write(
        &mut sink,
        &rows,
        ctx.format,
        args.out.is_some(),
        ctx.lang,
    )?;
    sink.finish(ctx.lang)?;
    Ok(crate::exit::OK)
}
