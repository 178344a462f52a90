//! `calendar show|add-holiday|add-workday|remove|import|deadline`: the working calendar the
//! deadlines are counted in, the operator's changes to it (each an event that recomputes the
//! open clocks, in `app::calendar`), and the deadline of a stage with its reasoning, for
//! operators and auditors. This parses dates and prints days.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use crate::app::deadlines::Deadlines;
use crate::app::{Context, calendar};
use crate::domain::calendar::{Entry, ScheduledDay};
use crate::domain::deadline::{Rule, Stage, weekday_en, weekday_vi};
use crate::domain::event::EventKind;
use crate::domain::time;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::{Format, Listing, render};

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Every day off of a year with its reason, and the Saturdays worked in exchange.
    #[command(after_help = "Example:\n  phananh --as admin calendar show 2026")]
    Show {
        /// The year, e.g. 2026.
        year: i32,
    },
    /// Make a date a day off (e.g. a holiday the government announced late). Admin only;
    /// open deadlines are recomputed.
    #[command(
        after_help = "Example:\n  phananh --as admin calendar add-holiday 2026-11-24 \\\n      --name \"Ngày Văn hóa Việt Nam\" --source \"Bộ luật Lao động sửa đổi 2026\""
    )]
    AddHoliday(DayArgs),
    /// Make a date a working day (e.g. a Saturday worked in exchange). Admin only; open
    /// deadlines are recomputed.
    #[command(
        after_help = "Example:\n  phananh --as admin calendar add-workday 2027-02-20 \\\n      --name \"làm bù cho 12/2/2027\""
    )]
    AddWorkday(DayArgs),
    /// Undo the operator's lines for one or more dates (back to the announced schedule or the
    /// rules), in one step: all of them, or none if one has no line.
    #[command(
        after_help = "Examples:\n  phananh --as admin calendar remove 2026-11-24\n  # a whole import taken back at once\n  phananh --as admin calendar remove 2027-02-04 2027-02-05 2027-02-06"
    )]
    Remove {
        /// The dates (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(required = true, num_args = 1..)]
        date: Vec<String>,
    },
    /// Load a schedule: CSV with the columns date,type,occasion,source (type off, work or
    /// pending; the shipped form with weekday and off_weekday/makeup_workday also reads).
    /// All or nothing: every bad line is named and nothing is stored.
    #[command(after_help = "Example:\n  phananh --as admin calendar import lich-nghi-2027.csv")]
    Import { file: PathBuf },
    /// The deadline of a stage for a clock started at a given time, with the reasoning: each
    /// day considered, why it was skipped or how many working minutes it gave.
    #[command(
        after_help = "Example:\n  phananh calendar deadline --stage process --start \"2026-02-13 15:00\""
    )]
    Deadline {
        /// dispatch (Đ7.2), return or process (Đ8.1.b), publish (Đ9.4).
        #[arg(long, value_parser = parse_stage)]
        stage: Stage,
        /// When the clock starts (RFC 3339 or "YYYY-MM-DD HH:MM" local time).
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
}

fn weekday(date: NaiveDate, lang: Lang) -> &'static str {
    lang.pick(weekday_vi(date), weekday_en(date))
}

/// A stage as typed; a misspelt one is answered with the stage it most likely means.
fn parse_stage(text: &str) -> Result<Stage, crate::i18n::Localized> {
    Stage::parse(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
        let message = crate::i18n::Localized::new(
            "dùng dispatch, return, process hoặc publish",
            "use dispatch, return, process or publish",
        );
        super::with_guess(text, &names, message)
    })
}

pub fn cmd_calendar(ctx: &Context, cmd: CalendarCommand) -> Result<u8> {
    let conn = match cmd {
        CalendarCommand::Show { .. } | CalendarCommand::Deadline { .. } => ctx.open_read()?,
        _ => ctx.open()?,
    };
    let changed = match cmd {
        CalendarCommand::Show { year } => return show(ctx, &conn, year),
        CalendarCommand::Deadline { stage, start } => return explain(ctx, &conn, stage, &start),
        CalendarCommand::AddHoliday(args) => {
            let day = scheduled(&args.date, Entry::Off, args.name, args.source)?;
            calendar::change(ctx, &conn, vec![day], EventKind::CalendarAddHoliday)?
        }
        CalendarCommand::AddWorkday(args) => {
            let day = scheduled(&args.date, Entry::Work, args.name, args.source)?;
            calendar::change(ctx, &conn, vec![day], EventKind::CalendarAddWorkday)?
        }
        CalendarCommand::Remove { date } => {
            let dates = date
                .iter()
                .map(|d| date_arg(d))
                .collect::<Result<Vec<_>>>()?;
            calendar::remove(ctx, &conn, &dates)?
        }
        CalendarCommand::Import { file } => {
            calendar::change(ctx, &conn, schedule(ctx, &file)?, EventKind::CalendarImport)?
        }
    };
    let notice = crate::output::calendar::updated(&changed.version, changed.recomputed);
    ctx.status(&notice.vi, &notice.en);
    if let Some(notice) = crate::output::deadlines::made_overdue(&changed.made_overdue) {
        ctx.status(&notice.vi, &notice.en);
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

fn date_arg(text: &str) -> Result<NaiveDate> {
    match super::date_value(text) {
        Ok(date) => Ok(date),
        Err(why) => bail!(Localized::new(
            format!("\"{text}\" không phải ngày hợp lệ: {}.", why.vi),
            format!("\"{text}\" is not a valid date: {}", why.en),
        )),
    }
}

fn scheduled(date: &str, entry: Entry, name: String, source: String) -> Result<ScheduledDay> {
    let name = crate::domain::text::nfc(name.trim());
    if name.is_empty() {
        bail!(Localized::new(
            "--name không được để trống: hãy ghi lý do (ví dụ tên ngày lễ).",
            "--name must not be empty: say why (e.g. the holiday's name)",
        ));
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
    match calendar::read_schedule(file)? {
        Ok(days) => Ok(days),
        Err(errors) => {
            for e in &errors {
                eprintln!(
                    "{}:{}: {}",
                    file.display(),
                    e.line,
                    ctx.lang.pick(&e.message_vi, &e.message_en)
                );
            }
            bail!(crate::output::calendar::schedule_refused(
                errors.len(),
                file
            ));
        }
    }
}

/// One line of `calendar show`.
#[derive(Debug, Serialize)]
struct DayRow {
    date: NaiveDate,
    weekday: &'static str,
    off: bool,
    reason: String,
    source: String,
}

impl Listing for DayRow {
    const KEYS: &'static [&'static str] = &["date", "weekday", "off", "reason", "source"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Ngày", "Thứ", "Nghỉ", "Lý do", "Nguồn"],
            vec!["Date", "Day", "Off", "Reason", "Source"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.date.format("%d/%m/%Y").to_string(),
            self.weekday.to_owned(),
            lang.yes_no(self.off).to_owned(),
            self.reason.clone(),
            self.source.clone(),
        ]
    }
}

/// The calendar is public law, not report data: reading it needs no account.
fn show(ctx: &Context, conn: &Connection, year: i32) -> Result<u8> {
    if !(1900..=2199).contains(&year) {
        bail!(Localized::new(
            format!("Năm {year} nằm ngoài khoảng lịch hỗ trợ (1900–2199)."),
            format!("year {year} is outside the supported calendar (1900–2199)"),
        ));
    }
    let deadlines = Deadlines::load(conn)?;
    let cal = &deadlines.calendar;
    let vi = ctx.lang == Lang::Vi;
    // The shipped notes are the research's English prose: a Vietnamese table cites their
    // document numbers, while CSV and JSON, which scripts and the record read, keep them whole.
    let cite = |note: &str| {
        if vi && ctx.format == Format::Table {
            crate::domain::calendar::source_references(note).into_owned()
        } else {
            note.to_owned()
        }
    };
    let mut rows: Vec<DayRow> = cal
        .year(year)
        .into_iter()
        // Days off, and working days that are not ordinary weekdays (a Saturday worked).
        .filter(|(_, day)| day.off || day.why != crate::domain::calendar::Why::Weekday)
        .map(|(date, day)| DayRow {
            date,
            weekday: weekday(date, ctx.lang),
            off: day.off,
            reason: day.reason(vi),
            source: cite(day.source(vi)),
        })
        .collect();
    for note in cal.pending().iter().filter(|d| d.date.year() == year) {
        rows.push(DayRow {
            date: note.date,
            weekday: weekday(note.date, ctx.lang),
            off: false,
            reason: format!(
                "{} — {}",
                note.name,
                ctx.lang.pick(
                    "chưa là ngày nghỉ (chờ căn cứ pháp lý; thêm bằng `calendar add-holiday`)",
                    "not a day off (legal basis pending; add with `calendar add-holiday`)"
                )
            ),
            source: cite(&note.source),
        });
    }
    rows.sort_by_key(|r| r.date);
    render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
    let off = rows.iter().filter(|r| r.off).count();
    let notice = crate::output::calendar::year_shown(
        year,
        off,
        cal.announced_years().contains(&year),
        cal.hours(),
        cal.version(),
    );
    ctx.status(&notice.vi, &notice.en);
    Ok(crate::exit::OK)
}

/// One day of a deadline's reasoning.
#[derive(Debug, Serialize)]
struct StepRow {
    date: NaiveDate,
    weekday: &'static str,
    working_day: bool,
    reason: String,
    counted: String,
    minutes: i64,
}

impl Listing for StepRow {
    const KEYS: &'static [&'static str] = &[
        "date",
        "weekday",
        "working_day",
        "reason",
        "counted",
        "minutes",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Ngày",
                "Thứ",
                "Ngày làm việc",
                "Lý do",
                "Thời gian tính",
                "Phút",
            ],
            vec!["Date", "Day", "Working day", "Reason", "Counted", "Minutes"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.date.format("%d/%m/%Y").to_string(),
            self.weekday.to_owned(),
            lang.yes_no(self.working_day).to_owned(),
            self.reason.clone(),
            self.counted.clone(),
            self.minutes.to_string(),
        ]
    }
}

fn explain(ctx: &Context, conn: &Connection, stage: Stage, start: &str) -> Result<u8> {
    let start = match time::parse(start) {
        Ok(Some(ts)) => ts,
        Ok(None) | Err(_) => bail!(Localized::new(
            format!(
                "--start \"{start}\" không phải thời điểm hợp lệ; dùng 2026-11-06T16:30:00+07:00 hoặc \"2026-11-06 16:30\"."
            ),
            format!(
                "--start \"{start}\" is not a valid time; use 2026-11-06T16:30:00+07:00 or \"2026-11-06 16:30\""
            ),
        )),
    };
    let (deadlines, due, steps) = calendar::explain(conn, stage, &start)?;
    let cal = &deadlines.calendar;
    let vi = ctx.lang == Lang::Vi;
    let rows: Vec<StepRow> = steps
        .iter()
        .map(|s| {
            let working = !s.day.off;
            let counted = if due.rule == Rule::ClockHours {
                ctx.lang
                    .pick("ngày nghỉ: tính giờ liên tục", "day off: clock hours")
                    .to_owned()
            } else if !working {
                ctx.lang.pick("bỏ qua", "skipped").to_owned()
            } else if s.spans.is_empty() {
                ctx.lang
                    .pick("hết giờ làm việc", "after working hours")
                    .to_owned()
            } else {
                s.spans
                    .iter()
                    .map(|(a, b)| format!("{}–{}", a.format("%H:%M:%S"), b.format("%H:%M:%S")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            StepRow {
                date: s.date,
                weekday: weekday(s.date, ctx.lang),
                working_day: working,
                reason: s.day.reason(vi),
                counted,
                minutes: s.counted / 60,
            }
        })
        .collect();
    let hours = due.limit as f64 / 3600.0;
    let (rule_vi, rule_en) = match due.rule {
        Rule::WorkingHours => (
            format!(
                "bắt đầu vào ngày làm việc: cộng {hours} giờ làm việc trong khung {}",
                cal.hours()
            ),
            format!(
                "starts on a working day: {hours} working hours inside {}",
                cal.hours()
            ),
        ),
        Rule::ClockHours => (
            format!(
                "bắt đầu vào ngày nghỉ hoặc ngoài giờ (theo thiết lập): cộng {hours} giờ liên tục"
            ),
            format!("starts on a day off (or off hours, by setting): {hours} clock hours"),
        ),
    };
    let due_text = time::format(&due.at);
    // The days off of the count that only the rules give (a year not yet announced).
    let by_rule: Vec<NaiveDate> = steps
        .iter()
        .filter(|s| s.day.off_by_rule())
        .map(|s| s.date)
        .collect();
    let mut out = std::io::stdout().lock();
    match ctx.format {
        other @ (Format::Html | Format::Xml | Format::Open311Json | Format::Open311Xml) => {
            return Err(crate::output::format_only_for(other).into());
        }
        Format::Json => {
            let doc = json!({
                "stage": stage,
                "article": stage.article(),
                "start": time::format(&start),
                "rule": due.rule,
                "limit_hours": hours,
                "due_at": due_text,
                "calendar_version": cal.version(),
                "working_hours": cal.hours().to_string(),
                "days_off_by_rule": by_rule,
                "days": rows,
            });
            crate::output::write_json(&mut out, &doc)?;
            writeln!(out)?;
        }
        Format::Csv => render(&mut out, &rows, Format::Csv, ctx.lang)?,
        Format::Table => {
            let stage_name = stage.text(ctx.lang);
            // As people read a time, then as stored: the auditor compares the stored form
            // with the clocks' `due_at`.
            let exact = |stored: &str| {
                format!(
                    "{} ({stored})",
                    crate::output::layout::when_exact(stored, ctx.lang)
                )
            };
            let start_text = exact(&time::format(&start));
            let due_shown = exact(&due_text);
            let heading = if vi {
                format!(
                    "Giai đoạn: {stage_name} ({}, QĐ 17/2022/QĐ-UBND)\nBắt đầu:   {start_text}\nCách tính: {rule_vi}",
                    stage.article()
                )
            } else {
                format!(
                    "Stage:     {stage_name} ({}, Decision No. 17/2022/QD-UBND)\nStart:     {start_text}\nRule:      {rule_en}",
                    stage.article_en()
                )
            };
            crate::output::write_paragraph(&mut out, &heading)?;
            render(&mut out, &rows, Format::Table, ctx.lang)?;
            crate::output::write_paragraph(
                &mut out,
                &format!(
                    "{} {due_shown}; {} {}",
                    ctx.lang.pick("Hạn:", "Due:"),
                    ctx.lang.pick("phiên bản lịch", "calendar version"),
                    cal.version()
                ),
            )?;
            let note = crate::output::calendar::rests_on_rules(
                ("hạn này", "this deadline"),
                false,
                &by_rule,
            );
            if let Some(note) = note {
                crate::output::write_paragraph(&mut out, note.text(ctx.lang))?;
            }
        }
    }
    Ok(crate::exit::OK)
}
