//! `calendar show|add-holiday|add-workday|remove|import|deadline`: the working calendar the
//! deadlines are counted in, the operator's changes to it (each an event that recomputes the
//! open clocks, in `app::calendar`), and the deadline of a stage with its reasoning, for
//! operators and auditors. This parses dates; `output::calendar` prints the days.

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::app::{Context, calendar};
use crate::domain::calendar::{Entry, ScheduledDay};
use crate::domain::deadline::Stage;
use crate::domain::event::EventKind;

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Every day off of a year with its reason, and the Saturdays worked in exchange.
    #[command(
        after_help = "Examples:\n  phananh --as admin calendar show 2026\n  # this year\n  phananh calendar show"
    )]
    Show {
        /// The year, e.g. 2026; left out, this year (the tool's clock, in Vietnam's time).
        year: Option<i32>,
    },
    /// Make a date a day off (e.g. a holiday the government announced late). Admin only;
    /// open deadlines are recomputed.
    ///
    /// Refused unless --yes when it looks mistyped: the day is off already (a weekend, an
    /// entered day), or its name cites Tet more than 10 days from lunar New Year.
    #[command(
        after_help = "Example:\n  phananh --as admin calendar add-holiday 2026-11-24 \\\n      --name \"Ngày Văn hóa Việt Nam\" --source \"Bộ luật Lao động sửa đổi 2026\""
    )]
    AddHoliday(DayArgs),
    /// Make a date a working day (e.g. a Saturday worked in exchange). Admin only; open
    /// deadlines are recomputed.
    ///
    /// Refused unless --yes when it looks mistyped: the day is a working day already, or its
    /// name cites a date (12/2/2027) that stays a working day.
    #[command(
        after_help = "Example:\n  # a swap announced: Friday 12/2/2027 off, Saturday 20/2/2027 worked for it;\n  # enter the day off first, or the make-up day names a day still worked\n  phananh --as admin calendar add-holiday 2027-02-12 \\\n      --name \"Tết Nguyên đán (hoán đổi với T7 20/2)\"\n  phananh --as admin calendar add-workday 2027-02-20 \\\n      --name \"làm bù cho 12/2/2027\""
    )]
    AddWorkday(DayArgs),
    /// Undo the operator's lines for one or more dates (back to the announced schedule or the
    /// rules), in one step: all of them, or none if one has no line.
    #[command(
        after_help = "Examples:\n  phananh --as admin calendar remove 2026-11-24\n  # a swap taken back at once: both its days, or neither\n  phananh --as admin calendar remove 2027-02-12 2027-02-20"
    )]
    Remove {
        /// The dates (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(required = true, num_args = 1..)]
        date: Vec<String>,
        /// Also re-judge, under the new calendar, the stopped deadlines the change
        /// contradicts (a changed day inside their window), in the same sealed event: for a
        /// corrected mistake or days off announced late. Without it they keep their verdict
        /// and are listed.
        #[arg(long)]
        rejudge: bool,
    },
    /// Load a schedule: CSV with the columns date,type,occasion,source (type off, work or
    /// pending; the shipped form with weekday and off_weekday/makeup_workday also reads).
    /// All or nothing: every bad line is named and nothing is stored.
    ///
    /// A line named for Tet more than 10 days from lunar New Year, or a make-up day whose
    /// name cites a date that stays a working day, is refused unless --yes.
    #[command(after_help = "Example:\n  phananh --as admin calendar import lich-nghi-2027.csv")]
    Import {
        file: PathBuf,
        /// Also re-judge, under the new calendar, the stopped deadlines the change
        /// contradicts (a changed day inside their window), in the same sealed event: for a
        /// corrected mistake or days off announced late. Without it they keep their verdict
        /// and are listed.
        #[arg(long)]
        rejudge: bool,
        /// Store the file even though a line looks mistyped (see above).
        #[arg(long)]
        yes: bool,
    },
    /// Re-judge, under the calendar in force, the stopped deadlines counted across the given
    /// days whose deadline it now gives otherwise (deadline and late/on time), in one sealed
    /// event: after a change made without --rejudge corrected a mistake. Admin only.
    #[command(
        after_help = "Example:\n  # a Saturday typed as a working day, removed, then the cases it made late\n  phananh --as admin calendar rejudge 2027-01-02"
    )]
    Rejudge {
        /// The days (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(required = true, num_args = 1..)]
        date: Vec<String>,
    },
    /// The deadline of a stage for a clock started at a given time, with the reasoning: each
    /// day considered, why it was skipped or how many working minutes it gave.
    #[command(
        after_help = "Example:\n  phananh calendar deadline --stage process --start \"2026-02-13 15:00\""
    )]
    Deadline {
        /// dispatch (Đ7.2), return or process (Đ8.1.b), publish (Đ9.4); or the stage's
        /// label as the tables print it, in either language, with or without marks.
        #[arg(long, value_parser = parse_stage)]
        stage: Stage,
        /// When the clock starts (RFC 3339, "YYYY-MM-DD HH:MM" or "DD/MM/YYYY HH:MM", Vietnam
        /// time).
        #[arg(long)]
        start: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct DayArgs {
    /// The date (YYYY-MM-DD or DD/MM/YYYY).
    pub date: String,
    /// What it is, as it will be shown (e.g. the announcement's occasion).
    #[arg(long, allow_hyphen_values = true)]
    pub name: String,
    /// Where it was announced (document number, date, link).
    #[arg(long, default_value = "")]
    pub source: String,
    /// Also re-judge, under the new calendar, the stopped deadlines the change
    /// contradicts (a changed day inside their window), in the same sealed event: for a
    /// corrected mistake or days off announced late. Without it they keep their verdict
    /// and are listed.
    #[arg(long)]
    pub rejudge: bool,
    /// Store the day even though it looks mistyped (see above); without it such a day is
    /// refused and nothing changes.
    #[arg(long)]
    pub yes: bool,
}

/// A stage as typed: its name, or its label as the tables show it (`Stage::typed`); a
/// misspelt one is answered with the stage it most likely means.
fn parse_stage(text: &str) -> Result<Stage, crate::i18n::Localized> {
    Stage::typed(text).ok_or_else(|| {
        let names: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
        crate::output::with_guess(text, &names, crate::output::calendar::stage_names())
    })
}

pub fn cmd_calendar(ctx: &Context, cmd: CalendarCommand) -> Result<u8> {
    let cal = match cmd {
        CalendarCommand::Show { .. } | CalendarCommand::Deadline { .. } => {
            calendar::open_read(ctx)?
        }
        _ => calendar::open(ctx)?,
    };
    let changed = match cmd {
        CalendarCommand::Show { year } => {
            // The operator who asks for "the calendar" at the desk means this year's.
            let year = year.unwrap_or_else(|| {
                use chrono::Datelike;
                ctx.now
                    .with_timezone(&crate::domain::time::vietnam())
                    .year()
            });
            let deadlines = cal.year(year)?;
            let notice = crate::output::calendar::print_year(
                &mut std::io::stdout().lock(),
                &deadlines.calendar,
                year,
                ctx.format,
                ctx.lang,
            )?;
            ctx.status(&notice.vi, &notice.en);
            let today = ctx
                .now
                .with_timezone(&crate::domain::time::vietnam())
                .date_naive();
            if let Some(next) = deadlines.calendar.next_year_unannounced(today) {
                ctx.tell(&crate::output::calendar::next_year_unannounced(next));
            }
            return Ok(crate::exit::OK);
        }
        CalendarCommand::Deadline { stage, start } => {
            let start = match crate::domain::time::parse(&start) {
                Ok(Some(at)) => at,
                Ok(None) | Err(_) => {
                    let said = crate::output::calendar::invalid_start(&start);
                    return Err(crate::exit::Failure::usage(said).into());
                }
            };
            let explained = cal.explain(stage, start)?;
            crate::output::calendar::print_deadline(
                &mut std::io::stdout().lock(),
                &crate::output::calendar::Explained {
                    stage,
                    start: &explained.start,
                    due: &explained.due,
                    steps: &explained.steps,
                    calendar: &explained.deadlines.calendar,
                },
                ctx.format,
                ctx.lang,
            )?;
            return Ok(crate::exit::OK);
        }
        CalendarCommand::AddHoliday(args) => {
            let day = scheduled(&args.date, Entry::Off, args.name, args.source)?;
            let asked = (args.rejudge, args.yes);
            cal.change(ctx, vec![day], EventKind::CalendarAddHoliday, asked)?
        }
        CalendarCommand::AddWorkday(args) => {
            let day = scheduled(&args.date, Entry::Work, args.name, args.source)?;
            let asked = (args.rejudge, args.yes);
            cal.change(ctx, vec![day], EventKind::CalendarAddWorkday, asked)?
        }
        CalendarCommand::Remove { date, rejudge } => {
            let dates = date
                .iter()
                .map(|d| date_arg(d))
                .collect::<Result<Vec<_>>>()?;
            cal.remove(ctx, &dates, rejudge)?
        }
        CalendarCommand::Import { file, rejudge, yes } => cal.change(
            ctx,
            schedule(ctx, &file)?,
            EventKind::CalendarImport,
            (rejudge, yes),
        )?,
        CalendarCommand::Rejudge { date } => {
            let dates = date
                .iter()
                .map(|d| date_arg(d))
                .collect::<Result<Vec<_>>>()?;
            let rejudged = cal.rejudge(ctx, &dates)?;
            ctx.tell(&crate::output::calendar::rejudged(&rejudged));
            crate::output::calendar::print_change(
                &mut std::io::stdout().lock(),
                &[],
                (&rejudged, true),
                ctx.format,
                ctx.lang,
            )?;
            return Ok(crate::exit::OK);
        }
    };
    let notice = crate::output::calendar::updated(
        &changed.version,
        changed.shifted.len(),
        changed.open - changed.shifted.len() as u64,
    );
    ctx.status(&notice.vi, &notice.en);
    crate::output::calendar::print_change(
        &mut std::io::stdout().lock(),
        &changed.shifted,
        (&changed.stopped, changed.rejudged),
        ctx.format,
        ctx.lang,
    )?;
    if let Some(notice) = crate::output::deadlines::made_overdue(&changed.made_overdue) {
        ctx.status(&notice.vi, &notice.en);
    }
    if let Some(notice) = crate::output::calendar::stopped_contradicted(
        &changed.stopped,
        &changed.stopped_days,
        changed.rejudged,
    ) {
        ctx.tell(&notice);
    }
    if let Some(notice) = crate::output::calendar::rule_days_left(&changed.rule_days_left) {
        ctx.status(&notice.vi, &notice.en);
    }
    if let Some(notice) = crate::output::deadlines::cleared(
        &changed.cleared_overdue,
        crate::output::deadlines::ClearedBy::Operator,
    ) {
        ctx.status(&notice.vi, &notice.en);
    }
    Ok(crate::exit::OK)
}

/// A day typed on the command line; one that does not exist is a usage error (exit 2), as
/// clap's own date values are.
fn date_arg(text: &str) -> Result<NaiveDate> {
    super::date_value(text).map_err(|why| {
        crate::exit::Failure::usage(crate::output::calendar::invalid_date(text, &why)).into()
    })
}

fn scheduled(date: &str, entry: Entry, name: String, source: String) -> Result<ScheduledDay> {
    let name = crate::domain::text::nfc(name.trim());
    if name.is_empty() {
        bail!(crate::output::calendar::name_needed());
    }
    Ok(ScheduledDay {
        date: date_arg(date)?,
        entry,
        name,
        source: crate::domain::text::nfc(source.trim()),
    })
}

/// The days of a schedule file; its bad lines are each named, and nothing is stored.
fn schedule(ctx: &Context, file: &std::path::Path) -> Result<Vec<ScheduledDay>> {
    match calendar::read_schedule(file, &ctx.input(None))? {
        Ok(days) => Ok(days),
        Err(errors) => {
            crate::output::calendar::tell_schedule_errors(file, &errors, ctx.lang);
            bail!(crate::output::calendar::schedule_refused(
                errors.len(),
                file
            ));
        }
    }
}
