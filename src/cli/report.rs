//! `report monthly|quarterly|half-year|annual|range` (SPEC §5, Đ13.6) and `score` (Đ13.7,
//! Đ14): build the numbers from the two streams of `storage::periodic` with the pure
//! `domain::periodic` and `domain::score`, then print them as tables, CSV, JSON or a
//! self-contained HTML document. Aggregates only: no reporter's name or phone ever appears.
//!
//! One pass over each stream, in flat memory: the builder keeps counts, and hands back each
//! late, prolonged or unresolved case as it finds it, in the order it is printed. The
//! counts are printed first, so the cases wait in `output::spool` lists: CSV and JSON keep
//! them all (the first thousand in memory, the rest in a temporary file), a table and the
//! HTML document keep the first ones they show and count the rest.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{Value, json};

use crate::Localized;
use crate::app::Context;
use crate::app::deadlines::Deadlines;
use crate::domain::access::Operation;
use crate::domain::deadline::Stage;
use crate::domain::periodic::{Builder, Case, NONE, Period, PeriodReport};
use crate::domain::score::{ScoreRow, rank};
use crate::domain::time::{self, Timestamp};
use crate::domain::validate::Reason;
use crate::output::spool::{Keep, Spool};
use crate::output::{Format, Lang, SafeCsv, new_table};
use crate::storage::{periodic, reference};

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
    let Some(period) = period else {
        bail!(Localized::new(
            "Kỳ báo cáo không hợp lệ: dùng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm), hoặc --from ≤ --to (YYYY-MM-DD).",
            "the period is not valid: use 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year), 2026 (year), or --from ≤ --to (YYYY-MM-DD)",
        ));
    };
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    let keep = match ctx.format {
        Format::Csv | Format::Json => Keep::All,
        Format::Table | Format::Html => Keep::First(SHOWN_ON_SCREEN),
    };
    let built = build(&conn, period, &ctx.now, keep, ctx.lang)?;
    let mut sink = Sink::open(out.as_ref())?;
    match ctx.format {
        Format::Table => print_tables(&mut sink, &built, ctx.lang)?,
        Format::Json => {
            let document = Document {
                built: &built,
                lang: ctx.lang,
            };
            serde_json::to_writer_pretty(&mut sink, &document)?;
            writeln!(sink)?;
        }
        Format::Csv => write_csv(&mut sink, &built, ctx.lang)?,
        Format::Html => sink.write_all(super::report_html::render(&built, ctx.lang).as_bytes())?,
    }
    sink.finish(ctx)
}

/// Standard output, or a file written whole (to a temporary name, then renamed).
enum Sink {
    /// Buffered: standard output is line-buffered, and a year's lists have many lines.
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        file: std::io::BufWriter<std::fs::File>,
        tmp: PathBuf,
        path: PathBuf,
    },
}

impl Sink {
    fn open(path: Option<&PathBuf>) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )));
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = PathBuf::from(tmp);
        let file = std::fs::File::create(&tmp).map_err(|e| {
            Localized::new(
                format!("Không ghi được {}: {e}", path.display()),
                format!("cannot write {}: {e}", path.display()),
            )
        })?;
        Ok(Sink::File {
            file: std::io::BufWriter::new(file),
            tmp,
            path: path.clone(),
        })
    }

    fn finish(self, ctx: &Context) -> Result<u8> {
        if let Sink::Stdout(mut out) = self {
            out.flush()?;
            return Ok(crate::exit::OK);
        }
        if let Sink::File { file, tmp, path } = self {
            file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            ctx.status(
                &format!("Đã ghi {}.", path.display()),
                &format!("wrote {}", path.display()),
            );
        }
        Ok(crate::exit::OK)
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File { file, .. } => file.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File { file, .. } => file.flush(),
        }
    }
}

/// A built report with what is needed to print it.
pub struct Built {
    pub report: PeriodReport,
    pub cases: CaseLists,
    pub fields: BTreeMap<String, String>,
    pub agencies: BTreeMap<String, String>,
    pub calendar_version: String,
    pub settings: Vec<(String, String)>,
}

/// The three case lists, in the order they are found and printed.
pub struct CaseLists {
    pub late: Spool<Case>,
    pub prolonged: Spool<Case>,
    pub unresolved: Spool<Case>,
}

impl CaseLists {
    fn new(keep: Keep) -> CaseLists {
        CaseLists {
            late: Spool::new(keep),
            prolonged: Spool::new(keep),
            unresolved: Spool::new(keep),
        }
    }
}

/// Builds the report of `period` as of `as_of`, keeping as much of the case lists as `keep`
/// says (all for CSV and JSON; what is shown for a table or HTML).
pub fn build(
    conn: &Connection,
    period: Period,
    as_of: &Timestamp,
    keep: Keep,
    lang: Lang,
) -> Result<Built> {
    build_with(conn, period, as_of, Some(keep), lang)
}

/// The same, with no case looked for when `keep` is None (the score).
fn build_with(
    conn: &Connection,
    period: Period,
    as_of: &Timestamp,
    keep: Option<Keep>,
    lang: Lang,
) -> Result<Built> {
    let deadlines = Deadlines::load(conn)?;
    let thresholds = crate::app::settings::report_thresholds(conn)?;
    let from = time::format(&period.start());
    let until = time::format(&period.end());
    let as_of_text = time::format(as_of);
    let period_end = until
        .clone()
        .min(time::format(&(*as_of + chrono::Duration::seconds(1))));
    let window = periodic::Window {
        from: &from,
        until: &until,
        as_of: &as_of_text,
        period_end: &period_end,
    };
    let label = lang.pick(&period.label_vi, &period.label_en).to_owned();
    let mut builder = Builder::new(period, as_of, thresholds, &deadlines.calendar);
    if keep.is_none() {
        builder = builder.without_cases();
    }
    let mut cases = CaseLists::new(keep.unwrap_or(Keep::First(0)));
    let bar = crate::output::progress(periodic::count_reports(conn, &window)?, &label);
    periodic::for_each_report(conn, &window, |facts| {
        bar.inc(1);
        let found = builder.add_report(facts);
        if let Some(case) = found.prolonged {
            cases.prolonged.push(case)?;
        }
        if let Some(case) = found.unresolved {
            cases.unresolved.push(case)?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    periodic::for_each_clock(conn, &window, |clock| {
        if let Some(case) = builder.add_clock(clock) {
            cases.late.push(case)?;
        }
        Ok(())
    })?;
    for list in [&mut cases.late, &mut cases.prolonged, &mut cases.unresolved] {
        list.seal()?;
    }
    Ok(Built {
        report: builder.finish(),
        cases,
        fields: reference::fields(conn)?
            .into_iter()
            .map(|f| (f.code, f.name))
            .collect(),
        agencies: reference::agencies(conn)?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect(),
        calendar_version: deadlines.calendar.version().to_owned(),
        settings: crate::app::settings::in_force(conn, &["deadline.", "calendar.", "report."])?,
    })
}

pub fn percent(rate: Option<f64>, lang: Lang) -> String {
    match rate {
        None => "—".to_owned(),
        Some(r) => {
            let text = format!("{:.1}%", r * 100.0);
            match lang {
                Lang::Vi => text.replace('.', ","),
                Lang::En => text,
            }
        }
    }
}

fn decimal(value: Option<f64>, lang: Lang) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) => {
            let text = format!("{v:.2}");
            match lang {
                Lang::Vi => text.replace('.', ","),
                Lang::En => text,
            }
        }
    }
}

pub fn reason_label(code: &str, lang: Lang) -> String {
    match Reason::from_code(code) {
        Some(r) => lang.pick(r.vietnamese(), r.english()).to_owned(),
        None => code.to_owned(),
    }
}

pub fn why_label(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "completed_late" => ("hoàn thành trễ hạn", "completed late"),
        "open_overdue" => ("đang quá hạn", "open past due"),
        "closed_after_working_days" => (
            "hoàn thành sau quá số ngày làm việc quy định",
            "closed after the working-day limit",
        ),
        "open_after_working_days" => (
            "chưa xong sau quá số ngày làm việc quy định",
            "still open after the working-day limit",
        ),
        "returned_repeatedly" => ("bị trả lại nhiều lần", "returned repeatedly"),
        "open_at_period_end" => ("chưa xong khi hết kỳ", "open at the end of the period"),
        "sent_back_repeatedly" => (
            "bị yêu cầu xử lý lại nhiều lần",
            "sent back for rework repeatedly",
        ),
        "low_rating" => ("người dân đánh giá thấp", "low citizen rating"),
        _ => ("", ""),
    };
    lang.pick(vi, en)
}

fn stage_label(stage: Option<Stage>, lang: Lang) -> String {
    stage
        .map(|s| lang.pick(s.label_vi(), s.label_en()).to_owned())
        .unwrap_or_default()
}

impl Built {
    pub fn agency_name(&self, code: &str) -> String {
        self.agencies.get(code).cloned().unwrap_or_default()
    }

    fn field_name(&self, code: &str, lang: Lang) -> String {
        if code == NONE {
            return lang.pick("(chưa phân loại)", "(not classified)").to_owned();
        }
        self.fields.get(code).cloned().unwrap_or_default()
    }

    fn case_out<'a>(&'a self, case: &'a Case, lang: Lang) -> CaseOut<'a> {
        CaseOut {
            report_id: case.report_id,
            external_id: &case.external_id,
            stage: case.stage,
            round: case.round,
            agency: case.agency.as_deref(),
            agency_name: case
                .agency
                .as_deref()
                .and_then(|a| self.agencies.get(a))
                .map(String::as_str),
            due_at: case.due_at.as_deref(),
            done_at: case.done_at.as_deref(),
            overrun_minutes: case.overrun_minutes,
            working_days: case.working_days,
            why: &case.why,
            why_label: case
                .why
                .iter()
                .map(|w| why_label(w, lang))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The three case lists, by name.
    fn case_lists(&self) -> [(&'static str, &Spool<Case>); 3] {
        let c = &self.cases;
        [
            ("late", &c.late),
            ("prolonged", &c.prolonged),
            ("unresolved", &c.unresolved),
        ]
    }

    /// The report without its case lists, as JSON (small whatever the period).
    pub fn head(&self, lang: Lang) -> Value {
        let r = &self.report;
        json!({
            "title": lang.pick(
                "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường",
                "Report on the receipt and handling of on-the-spot reports"),
            "period": {
                "kind": r.period.kind,
                "from": r.period.from,
                "to": r.period.to,
                "label": lang.pick(&r.period.label_vi, &r.period.label_en),
            },
            "as_of": r.as_of,
            "calendar_version": self.calendar_version,
            "settings": self.settings.iter().cloned().collect::<BTreeMap<_, _>>(),
            "totals": r.totals,
            "rejections": r.rejections.iter().map(|(code, n)| json!({
                "reason": code, "label": reason_label(code, lang), "count": n })).collect::<Vec<_>>(),
            "by_field": r.by_field.iter().map(|(code, n)| json!({
                "field": code, "name": self.field_name(code, lang), "count": n })).collect::<Vec<_>>(),
            "by_agency": r.by_agency.iter().map(|(code, n)| json!({
                "agency": code, "name": self.agency_name(code), "count": n })).collect::<Vec<_>>(),
            "by_commune": r.by_commune.iter().map(|(name, n)| json!({
                "commune": name, "count": n })).collect::<Vec<_>>(),
            "per_week": r.per_week.iter().map(|(week, n)| json!({
                "week_of": week, "count": n })).collect::<Vec<_>>(),
            "stages": r.stages,
            "agencies": r.agencies.iter().map(|a| {
                let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
                v["name"] = json!(self.agency_name(&a.agency));
                v
            }).collect::<Vec<_>>(),
            "satisfaction": r.satisfaction,
            "thresholds": r.thresholds,
        })
    }
}

/// One case of a list, as JSON and CSV show it.
#[derive(Serialize)]
struct CaseOut<'a> {
    report_id: i64,
    external_id: &'a str,
    stage: Option<Stage>,
    round: Option<i64>,
    agency: Option<&'a str>,
    agency_name: Option<&'a str>,
    due_at: Option<&'a str>,
    done_at: Option<&'a str>,
    overrun_minutes: Option<i64>,
    working_days: Option<f64>,
    why: &'a [&'static str],
    why_label: String,
}

/// The whole report as one JSON document, written as it is serialised: a year's case lists
/// are never held as a JSON tree.
struct Document<'a> {
    built: &'a Built,
    lang: Lang,
}

struct CaseList<'a> {
    built: &'a Built,
    cases: &'a Spool<Case>,
    lang: Lang,
}

impl Serialize for CaseList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(Some(self.cases.len() as usize))?;
        self.cases
            .try_for_each(|case| seq.serialize_element(&self.built.case_out(case, self.lang)))
            .map_err(|e| S::Error::custom(format!("{e:#}")))??;
        seq.end()
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Value::Object(head) = self.built.head(self.lang) else {
            return Err(serde::ser::Error::custom(
                "the report head is not an object",
            ));
        };
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in &head {
            map.serialize_entry(key, value)?;
        }
        for (name, cases) in self.built.case_lists() {
            let list = CaseList {
                built: self.built,
                cases,
                lang: self.lang,
            };
            map.serialize_entry(name, &list)?;
        }
        map.end()
    }
}

/// One row per value of an object in a list section, keyed by its natural id.
fn csv_item(
    w: &mut SafeCsv<&mut dyn Write>,
    section: &str,
    index: usize,
    value: &Value,
) -> Result<()> {
    let Value::Object(map) = value else {
        return Ok(());
    };
    let key = [
        "stage",
        "agency",
        "field",
        "reason",
        "commune",
        "week_of",
        "report_id",
    ]
    .iter()
    .find_map(|k| map.get(*k).filter(|v| !v.is_null()))
    .map_or_else(|| index.to_string(), crate::output::scalar);
    for (metric, v) in map {
        w.record([section, &key, metric, &crate::output::scalar(v)])?;
    }
    Ok(())
}

/// The report flattened to `section,item,metric,value`: one header whatever the section.
fn write_csv(out: &mut dyn Write, built: &Built, lang: Lang) -> Result<()> {
    let mut w = SafeCsv::new(out);
    w.record(["section", "item", "metric", "value"])?;
    let Value::Object(sections) = built.head(lang) else {
        return Ok(());
    };
    for (section, value) in &sections {
        match value {
            Value::Object(map) => {
                for (metric, v) in map {
                    w.record([section, "", metric, &crate::output::scalar(v)])?;
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    csv_item(&mut w, section, i, v)?;
                }
            }
            scalar => w.record([section, "", "", &crate::output::scalar(scalar)])?,
        }
    }
    for (name, cases) in built.case_lists() {
        let mut i = 0;
        cases.try_for_each(|case| {
            csv_item(
                &mut w,
                name,
                i,
                &serde_json::to_value(built.case_out(case, lang))?,
            )?;
            i += 1;
            anyhow::Ok(())
        })??;
    }
    w.flush()?;
    Ok(())
}

fn table(
    out: &mut dyn Write,
    title: &str,
    headers: Vec<&str>,
    rows: Vec<Vec<String>>,
) -> Result<()> {
    writeln!(out, "\n{title}")?;
    let mut t = new_table();
    t.set_header(headers);
    for row in rows {
        t.add_row(row);
    }
    crate::output::write_table(out, &t)?;
    Ok(())
}

/// A terminal shows the first cases of each list; CSV and JSON carry them all.
pub const SHOWN_ON_SCREEN: usize = 200;

fn more_cases(out: &mut dyn Write, total: u64, l: Lang) -> Result<()> {
    if total > SHOWN_ON_SCREEN as u64 {
        writeln!(
            out,
            "{} {} {}",
            l.pick("… và", "… and"),
            total - SHOWN_ON_SCREEN as u64,
            l.pick(
                "trường hợp khác: xem đủ bằng --format csv hoặc json.",
                "more: --format csv or json lists them all."
            )
        )?;
    }
    Ok(())
}

pub fn print_tables(out: &mut dyn Write, b: &Built, l: Lang) -> Result<()> {
    let r = &b.report;
    writeln!(
        out,
        "{} — {}",
        l.pick(
            "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH HIỆN TRƯỜNG",
            "REPORT ON THE RECEIPT AND HANDLING OF ON-THE-SPOT REPORTS"
        ),
        l.pick(&r.period.label_vi, &r.period.label_en)
    )?;
    writeln!(
        out,
        "{} {} – {}; {} {}; {} {}",
        l.pick("Phản ánh gửi từ", "Reports sent from"),
        r.period.from.format("%d/%m/%Y"),
        r.period.to.format("%d/%m/%Y"),
        l.pick("số liệu tính đến", "figures as of"),
        r.as_of,
        l.pick("phiên bản lịch", "calendar version"),
        b.calendar_version
    )?;
    let t = &r.totals;
    let totals = [
        (
            l.pick("Tổng số phản ánh nhận được", "Reports received"),
            t.received,
        ),
        (
            l.pick("Chờ kiểm tra", "Awaiting the check"),
            t.awaiting_check,
        ),
        (l.pick("Từ chối tiếp nhận", "Rejected"), t.rejected),
        (l.pick("Tiếp nhận", "Accepted"), t.accepted),
        (l.pick("Khẩn cấp", "Urgent"), t.urgent),
        (l.pick("Trùng lặp", "Duplicates"), t.duplicates),
        (l.pick("Đã phản hồi kết quả", "Answered"), t.answered),
    ];
    table(
        out,
        l.pick("1. Tổng hợp", "1. Totals"),
        vec![l.pick("Chỉ tiêu", "Item"), l.pick("Số lượng", "Count")],
        totals
            .iter()
            .map(|(k, v)| vec![(*k).to_owned(), v.to_string()])
            .collect(),
    )?;
    table(
        out,
        l.pick("2. Từ chối tiếp nhận theo lý do", "2. Rejections by reason"),
        vec![l.pick("Lý do", "Reason"), l.pick("Số lượng", "Count")],
        r.rejections
            .iter()
            .map(|(code, n)| vec![reason_label(code, l), n.to_string()])
            .collect(),
    )?;
    table(
        out,
        l.pick("3. Theo lĩnh vực", "3. By field"),
        vec![
            l.pick("Mã", "Code"),
            l.pick("Lĩnh vực", "Field"),
            l.pick("Số lượng", "Count"),
        ],
        r.by_field
            .iter()
            .map(|(code, n)| vec![code.clone(), b.field_name(code, l), n.to_string()])
            .collect(),
    )?;
    table(
        out,
        l.pick("4. Theo cơ quan xử lý", "4. By handling agency"),
        vec![
            l.pick("Mã", "Code"),
            l.pick("Cơ quan", "Agency"),
            l.pick("Số lượng", "Count"),
        ],
        r.by_agency
            .iter()
            .map(|(code, n)| vec![code.clone(), b.agency_name(code), n.to_string()])
            .collect(),
    )?;
    table(
        out,
        l.pick("5. Theo xã, phường", "5. By commune"),
        vec![l.pick("Xã/phường", "Commune"), l.pick("Số lượng", "Count")],
        r.by_commune
            .iter()
            .map(|(name, n)| vec![name.clone(), n.to_string()])
            .collect(),
    )?;
    table(
        out,
        l.pick("6. Thời hạn theo giai đoạn", "6. Deadlines by stage"),
        vec![
            l.pick("Giai đoạn", "Stage"),
            l.pick("Đúng hạn", "On time"),
            l.pick("Trễ hạn", "Late"),
            l.pick("Đang xử lý, trong hạn", "Open, within"),
            l.pick("Đang xử lý, quá hạn", "Open, overdue"),
            l.pick("Tỷ lệ đúng hạn", "On-time rate"),
        ],
        r.stages
            .iter()
            .map(|s| {
                vec![
                    stage_label(s.stage, l),
                    s.on_time.to_string(),
                    s.late.to_string(),
                    s.open_within.to_string(),
                    s.open_overdue.to_string(),
                    percent(s.on_time_rate, l),
                ]
            })
            .collect(),
    )?;
    table(
        out,
        l.pick(
            "7. Theo cơ quan: giao, trả lời, trả lại",
            "7. Agencies: assigned, replied, returned",
        ),
        vec![
            l.pick("Cơ quan", "Agency"),
            l.pick("Được giao", "Assigned"),
            l.pick("Trả lời đúng hạn", "Replied on time"),
            l.pick("Trả lời trễ", "Replied late"),
            l.pick("Trả lại đúng hạn", "Returned on time"),
            l.pick("Trả lại trễ", "Returned late"),
            l.pick("Bị yêu cầu làm lại", "Sent back"),
            l.pick("Đang xử lý", "Open"),
            l.pick("Tỷ lệ đúng hạn", "On-time rate"),
        ],
        r.agencies
            .iter()
            .map(|a| {
                vec![
                    format!("{} — {}", a.agency, b.agency_name(&a.agency)),
                    a.assigned.to_string(),
                    a.replied_on_time.to_string(),
                    a.replied_late.to_string(),
                    a.returned_on_time.to_string(),
                    a.returned_late.to_string(),
                    a.sent_back.to_string(),
                    a.open.to_string(),
                    percent(a.on_time_rate, l),
                ]
            })
            .collect(),
    )?;
    let s = &r.satisfaction;
    table(
        out,
        l.pick(
            "8. Mức độ hài lòng của người dân",
            "8. Citizens' satisfaction",
        ),
        vec![
            l.pick("Lượt đánh giá", "Ratings"),
            l.pick("Điểm trung bình (1–5)", "Average (1–5)"),
            l.pick("Hài lòng (4–5)", "Satisfied (4–5)"),
            l.pick("Tỷ lệ hài lòng", "Satisfied share"),
        ],
        vec![vec![
            s.ratings.to_string(),
            decimal(s.average, l),
            s.satisfied.to_string(),
            percent(s.satisfied_share, l),
        ]],
    )?;
    table(
        out,
        l.pick("9. Các trường hợp trễ hạn", "9. Late cases"),
        vec![
            l.pick("Số", "Id"),
            l.pick("Mã ứng dụng", "External id"),
            l.pick("Giai đoạn", "Stage"),
            l.pick("Vòng", "Round"),
            l.pick("Cơ quan", "Agency"),
            l.pick("Hạn", "Due"),
            l.pick("Hoàn thành", "Done"),
            l.pick("Quá hạn (phút)", "Overrun (min)"),
        ],
        b.cases
            .late
            .first()
            .iter()
            .take(SHOWN_ON_SCREEN)
            .map(|c| {
                vec![
                    c.report_id.to_string(),
                    c.external_id.clone(),
                    stage_label(c.stage, l),
                    c.round.map(|n| n.to_string()).unwrap_or_default(),
                    c.agency.clone().unwrap_or_default(),
                    c.due_at.clone().unwrap_or_default(),
                    c.done_at
                        .clone()
                        .unwrap_or_else(|| l.pick("(chưa xong)", "(open)").to_owned()),
                    c.overrun_minutes.map(|m| m.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    )?;
    more_cases(out, b.cases.late.len(), l)?;
    for (title, cases) in [
        (
            l.pick("10. Các trường hợp kéo dài", "10. Prolonged cases"),
            &b.cases.prolonged,
        ),
        (
            l.pick("11. Các trường hợp chưa dứt điểm", "11. Unresolved cases"),
            &b.cases.unresolved,
        ),
    ] {
        table(
            out,
            title,
            vec![
                l.pick("Số", "Id"),
                l.pick("Mã ứng dụng", "External id"),
                l.pick("Cơ quan", "Agency"),
                l.pick("Ngày làm việc", "Working days"),
                l.pick("Hoàn thành", "Done"),
                l.pick("Lý do", "Why"),
            ],
            cases
                .first()
                .iter()
                .take(SHOWN_ON_SCREEN)
                .map(|c| {
                    vec![
                        c.report_id.to_string(),
                        c.external_id.clone(),
                        c.agency.clone().unwrap_or_default(),
                        decimal(c.working_days, l),
                        c.done_at.clone().unwrap_or_default(),
                        c.why
                            .iter()
                            .map(|w| why_label(w, l))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect(),
        )?;
        more_cases(out, cases.len(), l)?;
    }
    writeln!(
        out,
        "\n{} {}",
        l.pick("Thiết lập áp dụng:", "Settings applied:"),
        b.settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    Ok(())
}

pub fn cmd_score(ctx: &Context, args: &ScoreArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    let weights = crate::app::settings::score_weights(&conn)?;
    if args.explain {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", explain(&weights, ctx.lang))?;
        return Ok(crate::exit::OK);
    }
    let year = args.year.expect("clap requires --year without --explain");
    let Some(period) = Period::year(&year.to_string()) else {
        bail!(Localized::new(
            format!("Năm {year} không hợp lệ."),
            format!("year {year} is not valid"),
        ));
    };
    let built = build_with(&conn, period, &ctx.now, None, ctx.lang)?;
    let stats: Vec<_> = reference::agencies(&conn)?
        .into_iter()
        .map(|agency| {
            let stats = built
                .report
                .agencies
                .iter()
                .find(|a| a.agency == agency.code)
                .cloned()
                .unwrap_or_else(|| crate::domain::periodic::AgencyStats {
                    agency: agency.code.clone(),
                    ..Default::default()
                });
            (stats, agency.name)
        })
        .collect();
    let rows = rank(&stats, &weights);
    let mut sink = Sink::open(args.out.as_ref())?;
    match ctx.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut sink, &rows)?;
            writeln!(sink)?;
        }
        // A file is for Home Affairs: CSV unless another format was asked for.
        Format::Table if args.out.is_none() => print_score_table(&mut sink, &rows, ctx.lang)?,
        Format::Table => write_score_csv(&mut sink, &rows)?,
        // The CSV is the document Home Affairs receives: the same bytes for the same data.
        Format::Csv | Format::Html => write_score_csv(&mut sink, &rows)?,
    }
    sink.finish(ctx)
}

/// Columns of SPEC §5, in its order.
const SCORE_COLUMNS: [&str; 14] = [
    "agency",
    "name",
    "assigned",
    "replied",
    "on_time",
    "late",
    "returns",
    "late_returns",
    "open_overdue",
    "ratings",
    "average_rating",
    "satisfied_share",
    "score",
    "rank",
];

fn score_cells(r: &ScoreRow) -> [String; 14] {
    let opt = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_default();
    [
        r.agency.clone(),
        r.name.clone(),
        r.assigned.to_string(),
        r.replied.to_string(),
        r.on_time.to_string(),
        r.late.to_string(),
        r.returns.to_string(),
        r.late_returns.to_string(),
        r.open_overdue.to_string(),
        r.ratings.to_string(),
        opt(r.average_rating),
        opt(r.satisfied_share),
        opt(r.score),
        r.rank.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

fn write_score_csv(out: &mut dyn Write, rows: &[ScoreRow]) -> Result<()> {
    let mut w = SafeCsv::new(out);
    w.record(SCORE_COLUMNS)?;
    for row in rows {
        w.record(score_cells(row))?;
    }
    w.flush()?;
    Ok(())
}

fn print_score_table(out: &mut dyn Write, rows: &[ScoreRow], l: Lang) -> Result<()> {
    let mut t = new_table();
    t.set_header(match l {
        Lang::Vi => vec![
            "Mã",
            "Cơ quan",
            "Được giao",
            "Đã trả lời",
            "Đúng hạn",
            "Trễ hạn",
            "Trả lại",
            "Trả lại trễ",
            "Quá hạn đang mở",
            "Lượt đánh giá",
            "Điểm TB",
            "Tỷ lệ hài lòng",
            "Điểm",
            "Hạng",
        ],
        Lang::En => SCORE_COLUMNS.to_vec(),
    });
    for row in rows {
        t.add_row(score_cells(row).to_vec());
    }
    crate::output::write_table(out, &t)?;
    Ok(())
}

/// `score --explain`: the formula in words, with the weights in force.
pub fn explain(w: &crate::domain::score::Weights, l: Lang) -> String {
    match l {
        Lang::Vi => format!(
            "Điểm thi đua (0–100) của mỗi cơ quan trong năm, tính trên các phản ánh nhận trong năm:\n\
             \n  Điểm = 100 × (a·T + b·R + c·S) ÷ (a + b + c)\n\
             \n  T = số trả lời đúng hạn ÷ (số đã trả lời + số đang xử lý quá hạn)   (a = score.weight_on_time = {})\
             \n  R = 1 − số lần trả lại trễ hạn ÷ số lần được giao                      (b = score.weight_returns = {})\
             \n  S = (điểm đánh giá trung bình − 1) ÷ 4                                 (c = score.weight_satisfaction = {})\n\
             \nKhông có đánh giá nào thì bỏ S và trọng số c; chưa có trả lời và không có gì quá hạn thì bỏ T và a.\
             \nCơ quan không được giao phản ánh nào thì không có điểm (để trống, không phải 0 hay 100).\
             \nXếp hạng: điểm cao trước; bằng điểm thì nhiều trả lời đúng hạn hơn, rồi nhiều lần được giao hơn, rồi theo mã cơ quan.\
             \nTrọng số là thiết lập: `phananh settings set score.weight_on_time 0.6`.",
            w.on_time, w.returns, w.satisfaction
        ),
        Lang::En => format!(
            "Each agency's yearly emulation score (0–100), over the reports received in the year:\n\
             \n  score = 100 × (a·T + b·R + c·S) ÷ (a + b + c)\n\
             \n  T = replies on time ÷ (replies + processing clocks open past due)   (a = score.weight_on_time = {})\
             \n  R = 1 − late returns ÷ assignments                                   (b = score.weight_returns = {})\
             \n  S = (average rating − 1) ÷ 4                                         (c = score.weight_satisfaction = {})\n\
             \nWith no rating, S and c are left out; with no reply and nothing overdue, T and a are left out.\
             \nAn agency with nothing assigned gets no score (empty, neither 0 nor 100).\
             \nRanks: higher score first; ties go to more replies on time, then more assignments, then agency code.\
             \nThe weights are settings: `phananh settings set score.weight_on_time 0.6`.",
            w.on_time, w.returns, w.satisfaction
        ),
    }
}
