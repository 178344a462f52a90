//! The periodic report as data: one JSON document, or CSV. Both serialise the rows the
//! sections' columns read, under the sections' keys, and write the case lists as they are
//! read back from their spools: a year's lists are never held as a JSON tree.
//!
//! The CSV is one table: the counts flattened to `section,item,metric,value`, then each
//! listed case on one line of its own — its list as the section, its report id as the item,
//! and its fields in the columns after `value` — so that a spreadsheet can filter a list and
//! a script can rebuild every case. The CSV for Excel (`CsvStyle::Excel`) is the same table
//! in its reader's words (`Words`): its header, its sections, metrics, stages and yes or no
//! as the workbook and the tables name them; codes, names and figures as they are.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Value, json};

use super::Built;
use super::CaseRow;
use crate::domain::exact::{Ratio, fixed};
use crate::domain::periodic::Case;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::spool::Spool;
use crate::output::{CsvCell, SafeCsv, scalar};

fn rows<T: Serialize>(rows: impl Iterator<Item = T>) -> Value {
    Value::Array(
        rows.map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
            .collect(),
    )
}

/// The report without its case lists, as JSON (small whatever the period).
fn head(b: &Built, lang: Lang) -> Value {
    let r = &b.report;
    let mut head = json!({
        "title": lang.pick(
            "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường",
            "Report on the receipt and handling of on-the-spot reports"),
        "period": {
            "kind": r.period.kind,
            "from": r.period.from,
            "to": r.period.to,
            "label": r.period.text(lang),
            "running": r.running,
        },
        "still_running": super::still_running(r, lang),
        "as_of": r.as_of,
        "calendar_version": b.calendar_version,
        "calendar_versions": b.calendar_versions,
        "settings": b.settings.iter().cloned().collect::<BTreeMap<_, _>>(),
        "totals": r.totals,
        "rejections": rows(super::rejections(b, lang)),
        "by_field": rows(super::by_field(b, lang)),
        "by_agency": rows(super::by_agency(b, lang)),
        "by_commune": rows(super::by_commune(b)),
        // Each week with the days of it the report counts (`CountedWeek`).
        "per_week": super::counted_weeks(r).map(|week| json!({
            "week_of": week.monday,
            "from": week.first,
            "to": week.last,
            "days": week.days(),
            "count": week.count,
        })).collect::<Vec<_>>(),
        "stages": r.stages,
        "agencies": rows(super::agencies(b)),
        "satisfaction": r.satisfaction,
        "thresholds": r.thresholds,
    });
    // Only with `--compare`: the JSON of every other report reads as before.
    if let Some(earlier) = &b.compare
        && let Some(map) = head.as_object_mut()
    {
        map.insert("compare".into(), super::compare::json(r, earlier, lang));
    }
    // Only when a limit changed in the period: the JSON of every other period reads as before.
    if !b.limit_changes.is_empty()
        && let Some(map) = head.as_object_mut()
    {
        map.insert("limit_changes".into(), json!(b.limit_changes));
    }
    head
}

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
            .try_for_each(|case| seq.serialize_element(&CaseRow::new(self.built, case, self.lang)))
            .map_err(|e| S::Error::custom(format!("{e:#}")))??;
        seq.end()
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Value::Object(head) = head(self.built, self.lang) else {
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

/// The whole report as one JSON document, written as it is serialised.
pub fn write_json(out: &mut dyn Write, built: &Built, lang: Lang) -> Result<()> {
    crate::output::write_json(out, &Document { built, lang })?;
    writeln!(out)?;
    Ok(())
}

/// The columns after `value`: a case's fields (its report id is the item).
const CASE_COLUMNS: [&str; 13] = [
    "external_id",
    "stage",
    "round",
    "agency",
    "agency_name",
    "due_at",
    "done_at",
    "overrun_minutes",
    "working_days",
    "why",
    "why_label",
    // Last, as the sweep adds `minutes_over_counted`: a script reading the columns by place
    // reads them where they were.
    "overrun_counted_minutes",
    // Added after: a case open at the period's end, what became of it by the moment.
    "since_period_end",
];

/// The words the CSV for Excel writes for the standard file's codes, in the report's
/// language; None writes the codes (the standard file, for scripts).
#[derive(Clone, Copy)]
struct Words<'a> {
    built: &'a Built,
    lang: Option<Lang>,
}

/// The case columns' codes in the reasons' column (`why`): the words are in `why_label`.
const REASON_CODES: (&str, &str) = ("Mã lý do", "Reason codes");

impl Words<'_> {
    /// The header: the first four columns, then a case's fields as the case lists' columns
    /// head them.
    fn header(&self) -> Vec<String> {
        let first = ["section", "item", "metric", "value"];
        let Some(l) = self.lang else {
            return first
                .into_iter()
                .chain(CASE_COLUMNS)
                .map(str::to_owned)
                .collect();
        };
        let first = l.pick(
            ["Phần", "Mục", "Chỉ tiêu", "Giá trị"],
            ["Section", "Item", "Metric", "Value"],
        );
        let case = |key: &'static str| match key {
            "why" => l.pick(REASON_CODES.0, REASON_CODES.1),
            key => super::head_of(super::LATE, key, l)
                .or_else(|| super::head_of(super::LINGERING, key, l))
                .unwrap_or(key),
        };
        first
            .into_iter()
            .chain(CASE_COLUMNS.iter().map(|k| case(k)))
            .map(str::to_owned)
            .collect()
    }

    /// A section's name: its numbered heading, as its sheet in the workbook, else its own
    /// words.
    fn section(&self, key: &str) -> String {
        let Some(l) = self.lang else {
            return key.to_owned();
        };
        if let Some((vi, en)) = super::section_name(key) {
            return l.pick(vi, en);
        }
        let (vi, en) = match key {
            "title" => ("Tiêu đề", "Title"),
            "still_running" => ("Kỳ chưa kết thúc", "Period not ended"),
            // Not "thiết lập" (software's word) in a paper to the People's Committee.
            "settings" => (
                "Căn cứ tính thời hạn và tiêu chí áp dụng",
                "Settings applied",
            ),
            "thresholds" => ("Ngưỡng liệt kê trường hợp", "Thresholds of the case lists"),
            _ => (key, key),
        };
        l.pick(vi, en).to_owned()
    }

    /// A metric of a section: the header of the column that shows it in the section's
    /// table, a total's line, a setting's meaning.
    fn metric(&self, section: &str, metric: &str) -> String {
        let Some(l) = self.lang else {
            return metric.to_owned();
        };
        let b = self.built;
        // A setting as the table and the document word it (`setting_for_reader`).
        let meaning = |key: &str| {
            b.meanings
                .get(key)
                .map(|meaning| super::setting_for_reader(meaning, "", l).0)
        };
        let head = |vi: &'static str, en: &'static str| Some(l.pick(vi, en).to_owned());
        let worded = match section {
            "totals" => super::every_total(&b.report.totals)
                .into_iter()
                .find(|t| t.key == metric)
                .map(|t| l.pick(t.label.0, t.label.1).to_owned()),
            "rejections" if metric == "reason" => head("Mã lý do", "Reason code"),
            "rejections" => super::head_of(super::REJECTIONS, metric, l).map(str::to_owned),
            "by_field" => super::head_of(super::BY_FIELD, metric, l).map(str::to_owned),
            "by_agency" => super::head_of(super::BY_AGENCY, metric, l).map(str::to_owned),
            "by_commune" => super::head_of(super::BY_COMMUNE, metric, l).map(str::to_owned),
            "per_week" => super::head_of(super::WEEKS, metric, l).map(str::to_owned),
            "stages" => super::head_of(super::STAGES, metric, l).map(str::to_owned),
            "agencies" if metric == "rating_sum" => head("Tổng điểm đánh giá", "Sum of ratings"),
            "agencies" => super::head_of(super::AGENCIES, metric, l)
                .or_else(|| super::head_of(super::SATISFACTION, metric, l))
                .map(str::to_owned),
            "satisfaction" if metric == "distribution" => {
                head("Lượt đánh giá theo số điểm", "Ratings by score")
            }
            "satisfaction" => super::head_of(super::SATISFACTION, metric, l).map(str::to_owned),
            "compare" => match metric {
                "period" | "before" => head("Cùng kỳ năm trước", "Same period last year"),
                "change" => head("Tăng/giảm", "Change"),
                "change_share" => head("Tăng/giảm (tỷ lệ)", "Change (share)"),
                "note" => head("Ghi chú", "Note"),
                _ => None,
            },
            "period" => match metric {
                "kind" => head("Loại kỳ", "Kind of period"),
                "from" => head(super::PERIOD_FROM.0, super::PERIOD_FROM.1),
                "to" => head(super::PERIOD_TO.0, super::PERIOD_TO.1),
                "label" => head("Tên kỳ", "Name"),
                "running" => head("Chưa kết thúc", "Not ended"),
                _ => None,
            },
            "settings" => meaning(metric),
            "thresholds" => meaning(&format!("report.{metric}")),
            _ => None,
        };
        worded.unwrap_or_else(|| metric.to_owned())
    }

    /// A line's item: a stage by its name, any other key (a code, a day, a rating) as it is.
    fn item(&self, section: &str, item: &str) -> String {
        match (self.lang, section) {
            (Some(l), "stages") => stage_word(item, l),
            _ => item.to_owned(),
        }
    }

    /// A value that is a code: a stage, the kind of period.
    fn value(&self, section: &str, metric: &str, value: CsvCell) -> CsvCell {
        let (Some(l), CsvCell::Text(code)) = (self.lang, &value) else {
            return value;
        };
        match (section, metric) {
            ("stages", "stage") => CsvCell::Text(stage_word(code, l)),
            // A setting's value in words, as the table and the document give it.
            ("settings", key) => match self.built.meanings.get(key) {
                Some(meaning) => CsvCell::Text(super::setting_for_reader(meaning, code, l).1),
                None => value,
            },
            ("period", "kind") => {
                let (vi, en) = match code.as_str() {
                    "month" => ("Tháng", "Month"),
                    "quarter" => ("Quý", "Quarter"),
                    "half_year" => ("6 tháng", "Half year"),
                    "year" => ("Năm", "Year"),
                    "range" => ("Khoảng ngày", "Range of days"),
                    _ => return value,
                };
                CsvCell::Text(l.pick(vi, en).to_owned())
            }
            _ => value,
        }
    }
}

/// A stage's code as the tables name the stage (`Phân phối`); anything else as it is.
fn stage_word(code: &str, l: Lang) -> String {
    crate::domain::deadline::Stage::parse(code)
        .map_or_else(|| code.to_owned(), |stage| stage.text(l).into_owned())
}

/// A count's line: the four first columns, the case columns empty. The value is a number
/// when the report's JSON has one there (the Excel style writes it with a decimal comma).
fn count_line(
    w: &mut SafeCsv<&mut dyn Write>,
    words: Words,
    section: &str,
    item: &str,
    metric: &str,
    value: CsvCell,
) -> Result<()> {
    let text = |t: String| CsvCell::Text(t);
    w.cells(
        [
            text(words.section(section)),
            text(words.item(section, item)),
            text(if metric.is_empty() {
                String::new()
            } else {
                words.metric(section, metric)
            }),
            words.value(section, metric, value),
        ]
        .into_iter()
        .chain(CASE_COLUMNS.iter().map(|_| text(String::new()))),
    )
}

/// One row per value of an object in a list section, keyed by its natural id.
fn csv_item(
    w: &mut SafeCsv<&mut dyn Write>,
    words: Words,
    section: &str,
    index: usize,
    value: &Value,
) -> Result<()> {
    let Value::Object(map) = value else {
        return Ok(());
    };
    let key = ["stage", "agency", "field", "reason", "commune", "week_of"]
        .iter()
        .find_map(|k| map.get(*k).filter(|v| !v.is_null()))
        .map_or_else(|| index.to_string(), scalar);
    // A row that no code names (the accepted reports no agency holds, the duplicates with no
    // field): for Excel its code is the workbook's "-" and its item its name, where the file
    // for scripts keeps the key (`answered_by_portal`), no word an officer reads.
    let uncoded = words.lang.is_some() && super::without_code(section, &key);
    let item = match map.get("name").filter(|_| uncoded) {
        Some(name) => scalar(name),
        None => key,
    };
    for (metric, v) in map {
        let cell = if uncoded && (metric == "agency" || metric == "field") {
            CsvCell::Text(crate::domain::periodic::NONE.to_owned())
        } else {
            figure_cell(metric, v)
        };
        count_line(w, words, section, &item, metric, cell)?;
    }
    Ok(())
}

/// A case's field as a cell: its reasons joined by `;`, working days with the two decimals
/// the domain rounded them to (`2.40`, as the table's `2,40`), the rest as scalars (a number
/// as one).
fn case_cell(key: &str, value: Option<&Value>, words: Words) -> CsvCell {
    match value {
        // A stage by its name for Excel (`Words`).
        Some(Value::String(code)) if key == "stage" => CsvCell::Text(
            words
                .lang
                .map_or_else(|| code.clone(), |l| stage_word(code, l)),
        ),
        Some(Value::Number(n)) if key == "working_days" => CsvCell::Number(
            n.as_f64()
                .map_or_else(|| n.to_string(), |d| format!("{d:.2}")),
        ),
        // Words for Excel, as `why_label` gives the reasons; the day is in `done_at`.
        Some(Value::String(code)) if key == "since_period_end" => CsvCell::Text(
            match (
                words.lang,
                crate::domain::periodic::SinceEnd::ALL
                    .into_iter()
                    .find(|s| s.code() == code),
            ) {
                (Some(l), Some(since)) => super::since_label(since, None, l),
                _ => code.clone(),
            },
        ),
        Some(Value::Array(items)) => {
            CsvCell::Text(items.iter().map(scalar).collect::<Vec<_>>().join(";"))
        }
        Some(Value::String(t)) if MOMENTS.contains(&key) => CsvCell::Moment(t.clone()),
        Some(v) => CsvCell::of(v),
        None => CsvCell::Text(String::new()),
    }
}

/// `value` rounded once, half up, to `places` decimals from the exact value, written with
/// all of them (`1.000`, `0.670`: a double would print `1.0`, `0.67`); null when there is
/// none. [`figure_cell`] writes it as a number.
fn figure(value: Option<Ratio>, places: u32) -> Value {
    value
        .and_then(|r| r.round_half_up(places).ok())
        .map_or(Value::Null, |scaled| {
            Value::String(fixed(scaled, places, '.'))
        })
}

/// The cells that hold a stored moment: the Excel style writes them as a date and time.
const MOMENTS: [&str; 3] = ["due_at", "done_at", "as_of"];

/// The metrics `printed_figures` writes as decimal text.
const FIGURES: [&str; 3] = ["on_time_rate", "average", "satisfied_share"];

/// The figures among `FIGURES` that are shares: the Excel style writes them as the
/// percentages the table prints.
const SHARES: [&str; 2] = ["on_time_rate", "satisfied_share"];

/// A count line's value: a printed figure as the number it is (the Excel style gives it its
/// decimal comma; a share is a percentage there), anything else as `CsvCell::of` has it.
fn figure_cell(metric: &str, value: &Value) -> CsvCell {
    match value {
        Value::String(text) if SHARES.contains(&metric) => CsvCell::Share(text.clone()),
        Value::String(text) if FIGURES.contains(&metric) => CsvCell::Number(text.clone()),
        other => CsvCell::of(other),
    }
}

/// The head's rates and averages as the table and the workbook print them: a rate as a share
/// with three decimals (0.667, the table's 66.7%), an average with two, each rounded once
/// from the exact value. A CSV is read as printed figures; the JSON keeps the nearest double
/// of the exact value for scripts that compute on.
fn printed_figures(head: &mut Value, b: &Built) {
    let r = &b.report;
    if let Some(rows) = head["stages"].as_array_mut() {
        for (row, stats) in rows.iter_mut().zip(&r.stages) {
            row["on_time_rate"] = figure(stats.on_time_rate, 3);
        }
    }
    if let Some(rows) = head["agencies"].as_array_mut() {
        for (row, stats) in rows.iter_mut().zip(&r.agencies) {
            row["on_time_rate"] = figure(stats.on_time_rate, 3);
        }
    }
    head["satisfaction"]["average"] = figure(r.satisfaction.average, 2);
    head["satisfaction"]["satisfied_share"] = figure(r.satisfaction.satisfied_share, 3);
}

/// The report as one CSV table (see the module's header).
pub fn write_csv(out: &mut dyn Write, built: &Built, lang: Lang) -> Result<()> {
    let mut w = SafeCsv::new(out).speaking(lang);
    let words = Words {
        built,
        lang: w.for_excel().then_some(lang),
    };
    w.record(words.header())?;
    let mut head = head(built, lang);
    printed_figures(&mut head, built);
    let Value::Object(mut sections) = head else {
        return Ok(());
    };
    // The settings close the table on the screen, after the case lists.
    let settings = sections.shift_remove_entry("settings");
    let mut in_table_order: Vec<(&String, &Value)> = sections.iter().collect();
    in_table_order.sort_by_key(|(section, _)| {
        TABLE_ORDER
            .iter()
            .position(|s| s == section)
            .unwrap_or(TABLE_ORDER.len())
    });
    for (section, value) in in_table_order {
        if section == "compare" {
            compare_lines(&mut w, words, built, lang)?;
        } else {
            section_lines(&mut w, words, section, value)?;
        }
    }
    for (name, cases) in built.case_lists() {
        cases.try_for_each(|case| {
            let Value::Object(row) = serde_json::to_value(CaseRow::new(built, case, lang))? else {
                anyhow::bail!("a case must serialise to an object");
            };
            let id = scalar(&row["report_id"]);
            let text = CsvCell::Text;
            w.cells(
                [
                    text(words.section(name)),
                    text(id),
                    text(String::new()),
                    text(String::new()),
                ]
                .into_iter()
                .chain(
                    CASE_COLUMNS
                        .iter()
                        .map(|k| case_cell(k, row.get(*k), words)),
                ),
            )
        })??;
    }
    if let Some((section, value)) = &settings {
        section_lines(&mut w, words, section, value)?;
    }
    w.flush()?;
    Ok(())
}

/// The comparison with the same period a year earlier (`--compare`), under the totals:
/// its own lines (`compare::csv_lines`), not its JSON flattened.
fn compare_lines(
    w: &mut SafeCsv<&mut dyn Write>,
    words: Words,
    built: &Built,
    lang: Lang,
) -> Result<()> {
    let Some(earlier) = &built.compare else {
        return Ok(());
    };
    let excel = words.lang.is_some();
    for line in super::compare::csv_lines(&built.report, earlier, excel, lang) {
        count_line(w, words, "compare", &line.item, line.metric, line.value)?;
    }
    Ok(())
}

/// The sections of the report's head in the order the table on the screen
/// (`text::print_tables`), the document and the workbook give them: the heading, 1 with
/// its weeks, 2, 3, 4.1 to 4.4, 5, then the thresholds of 6 before its case lists; the
/// settings come last, after the lists. JSON keeps its own order; a section not named
/// here follows these, before the lists.
const TABLE_ORDER: [&str; 17] = [
    "title",
    "period",
    "still_running",
    "as_of",
    "calendar_version",
    "calendar_versions",
    "totals",
    "compare",
    "per_week",
    "stages",
    "agencies",
    "by_field",
    "by_agency",
    "rejections",
    "by_commune",
    "satisfaction",
    "thresholds",
];

/// The lines of one section of the head: counts flattened to `section,item,metric,value`.
fn section_lines(
    w: &mut SafeCsv<&mut dyn Write>,
    words: Words,
    section: &str,
    value: &Value,
) -> Result<()> {
    match value {
        Value::Object(map) => {
            for (metric, v) in map {
                if let Value::Array(counts) = v {
                    // The ratings' distribution: one line per rating, 1 to 5 stars, its
                    // item the rating (a list in one cell is no number to a spreadsheet).
                    for (i, n) in counts.iter().enumerate() {
                        let item = (i + 1).to_string();
                        count_line(w, words, section, &item, metric, CsvCell::of(n))?;
                    }
                } else {
                    count_line(w, words, section, "", metric, figure_cell(metric, v))?;
                }
            }
        }
        Value::Array(items) if items.iter().all(|v| !v.is_object()) => {
            // A list of plain values (the calendar versions): one line each.
            for (i, v) in items.iter().enumerate() {
                count_line(w, words, section, &i.to_string(), "", CsvCell::of(v))?;
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                csv_item(w, words, section, i, v)?;
            }
        }
        // A period that has ended has no line saying it has not: the table, the
        // document and the workbook say nothing then, and an empty row under the period's
        // "Không" read as one left blank. The file for scripts keeps its line.
        Value::Null if words.lang.is_some() && section == "still_running" => {}
        Value::String(t) if MOMENTS.contains(&section) => {
            count_line(w, words, section, "", "", CsvCell::Moment(t.clone()))?
        }
        other => count_line(w, words, section, "", "", CsvCell::of(other))?,
    }
    Ok(())
}
