//! Rendering: every listing is built as rows of a `Serialize` struct first, then rendered as
//! a comfy-table table, CSV (English column names, machine values) or JSON. Data goes to
//! stdout; progress and status to stderr. Two guards live here because every output passes
//! through: CSV cells cannot start a spreadsheet formula, and tables carry no control
//! characters (a report's text cannot move the operator's cursor or retitle the terminal).

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

/// How a listing is printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// A self-contained HTML document, for `report` (with `--out FILE`).
    Html,
}

/// The error for `--format html` on a command that only lists.
pub fn html_only_for_reports() -> crate::Localized {
    crate::Localized::new(
        "--format html chỉ dùng cho `report`; ở đây hãy dùng table, csv hoặc json.",
        "--format html is only for `report`; use table, csv or json here",
    )
}

/// The language of messages, tables and reports (`--lang`); Vietnamese by default, for the
/// officials who read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    pub fn yes_no(self, value: bool) -> &'static str {
        match (self, value) {
            (Lang::Vi, true) => "có",
            (Lang::Vi, false) => "không",
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
        }
    }
}

/// A row type that can be printed as a table: localized headers and cells. CSV and JSON
/// come from `Serialize`, so scripts see stable English names and raw values.
pub trait Listing: Serialize {
    /// The CSV header: the serialised field names, needed when there is no row to take
    /// them from (checked against the rows in debug builds).
    const KEYS: &'static [&'static str];
    fn headers(lang: Lang) -> Vec<&'static str>;
    fn cells(&self, lang: Lang) -> Vec<String>;
}

/// A CSV cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or
/// carriage return) gets a leading apostrophe, as OWASP advises; numbers stay numbers.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Text for a terminal: control characters (ESC and the rest of C0 and C1, DEL) removed,
/// newlines and tabs kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad =
        |c: char| (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c);
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !bad(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Writes a table with its control characters removed.
pub fn write_table(out: &mut dyn Write, table: &Table) -> Result<()> {
    writeln!(out, "{}", printable(&table.to_string()))?;
    Ok(())
}

/// A CSV writer whose cells are neutralised; `serialize` takes any row that serialises to a
/// flat object (the header comes from its field names, in order).
pub struct SafeCsv<W: Write> {
    writer: csv::Writer<W>,
    header_written: bool,
}

impl<W: Write> SafeCsv<W> {
    pub fn new(out: W) -> Self {
        SafeCsv {
            writer: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out),
            header_written: false,
        }
    }

    pub fn record<I, T>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.header_written = true;
        self.writer.write_record(
            cells
                .into_iter()
                .map(|c| neutralize(c.as_ref()).into_owned()),
        )?;
        Ok(())
    }

    pub fn serialize<T: Serialize>(&mut self, row: &T) -> Result<()> {
        let serde_json::Value::Object(map) = serde_json::to_value(row)? else {
            anyhow::bail!("a CSV row must serialise to an object");
        };
        if !self.header_written {
            self.record(map.keys())?;
        }
        self.record(map.values().map(scalar))
    }

    pub fn flush(&mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

/// Below this many items a command finishes before a bar would be worth drawing.
const PROGRESS_FROM: u64 = 2_000;

/// A progress bar with rate and ETA on stderr for `len` items — only when a person is
/// watching (stderr is a terminal) and the work is long enough; hidden otherwise (cron,
/// pipes, tests, `demo`'s single steps).
pub fn progress(len: u64, message: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {human_pos}/{human_len} ({per_sec}, {eta})",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    bar.set_message(message.to_owned());
    bar
}

pub fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table
}

pub fn render<T: Listing>(
    out: &mut dyn Write,
    rows: &[T],
    format: Format,
    lang: Lang,
) -> Result<()> {
    let mut stream = ListingStream::new(out, format, lang, None)?;
    for row in rows {
        stream.push(row)?;
    }
    stream.finish()?;
    Ok(())
}

/// Writes a listing row by row, so a command over a million reports holds none of them:
/// CSV and JSON go out as they come; a table needs every row before it can be drawn, so it
/// keeps at most `table_rows` and ends with a line saying how many more the CSV would show.
pub struct ListingStream<'w, T: Listing> {
    sink: Sink<'w>,
    lang: Lang,
    table_rows: Option<usize>,
    rows: u64,
    _rows_are: std::marker::PhantomData<T>,
}

enum Sink<'w> {
    Table(&'w mut dyn Write, Box<Table>),
    Csv(Box<SafeCsv<&'w mut dyn Write>>),
    Json(&'w mut dyn Write),
}

impl<'w, T: Listing> ListingStream<'w, T> {
    /// `table_rows`: the most rows a table shows (None: all of them).
    pub fn new(
        out: &'w mut dyn Write,
        format: Format,
        lang: Lang,
        table_rows: Option<usize>,
    ) -> Result<Self> {
        let sink = match format {
            Format::Table => {
                let mut table = new_table();
                table.set_header(T::headers(lang));
                Sink::Table(out, Box::new(table))
            }
            Format::Csv => {
                // The header is written once, from KEYS, so that scripts get it even when
                // nothing matched.
                let mut writer = SafeCsv::new(out);
                writer.record(T::KEYS)?;
                Sink::Csv(Box::new(writer))
            }
            Format::Json => Sink::Json(out),
            Format::Html => return Err(html_only_for_reports().into()),
        };
        Ok(ListingStream {
            sink,
            lang,
            table_rows,
            rows: 0,
            _rows_are: std::marker::PhantomData,
        })
    }

    pub fn push(&mut self, row: &T) -> Result<()> {
        self.rows += 1;
        match &mut self.sink {
            Sink::Table(_, table) => {
                if self.table_rows.is_none_or(|most| self.rows <= most as u64) {
                    table.add_row(row.cells(self.lang));
                }
            }
            Sink::Csv(writer) => {
                debug_assert_eq!(
                    field_names(row),
                    sorted(T::KEYS.iter().copied()),
                    "Listing::KEYS out of date"
                );
                let serde_json::Value::Object(map) = serde_json::to_value(row)? else {
                    anyhow::bail!("a listing row must serialise to an object");
                };
                writer.record(
                    T::KEYS
                        .iter()
                        .map(|k| map.get(*k).map(scalar).unwrap_or_default()),
                )?;
            }
            Sink::Json(out) => {
                // The same bytes `to_writer_pretty` gives for the whole array.
                let element = serde_json::to_string_pretty(row)?;
                out.write_all(if self.rows == 1 { b"[\n" } else { b",\n" })?;
                for (i, line) in element.lines().enumerate() {
                    if i > 0 {
                        out.write_all(b"\n")?;
                    }
                    write!(out, "  {line}")?;
                }
            }
        }
        Ok(())
    }

    /// Ends the listing; returns how many rows it had.
    pub fn finish(self) -> Result<u64> {
        match self.sink {
            Sink::Table(out, table) => {
                write_table(out, &table)?;
                if let Some(most) = self.table_rows
                    && self.rows > most as u64
                {
                    let more = self.rows - most as u64;
                    let note = match self.lang {
                        Lang::Vi => format!(
                            "… và {more} dòng nữa; dùng --format csv hoặc --format json để xem đủ."
                        ),
                        Lang::En => format!(
                            "… and {more} more rows; use --format csv or --format json to see them all."
                        ),
                    };
                    writeln!(out, "{note}")?;
                }
                out.flush()?;
            }
            Sink::Csv(mut writer) => writer.flush()?,
            Sink::Json(out) => {
                out.write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
                out.flush()?;
            }
        }
        Ok(self.rows)
    }
}

/// The field names a row serialises with, sorted.
fn field_names<T: Serialize>(row: &T) -> Vec<String> {
    match serde_json::to_value(row) {
        Ok(serde_json::Value::Object(map)) => sorted(map.keys().map(String::as_str)),
        _ => Vec::new(),
    }
}

fn sorted<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = names.into_iter().map(str::to_owned).collect();
    names.sort();
    names
}

/// Renders one object: a two-column table, or JSON; CSV gets the JSON object's top-level
/// scalar fields as one row.
pub fn render_record(
    out: &mut dyn Write,
    pairs: &[(String, String)],
    json: &serde_json::Value,
    format: Format,
) -> Result<()> {
    match format {
        Format::Table => {
            let mut table = new_table();
            for (k, v) in pairs {
                table.add_row(vec![k.as_str(), v.as_str()]);
            }
            write_table(out, &table)?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, json)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = SafeCsv::new(out);
            if let serde_json::Value::Object(map) = json {
                let scalars: Vec<(&String, String)> = map
                    .iter()
                    .filter(|(_, v)| !v.is_array() && !v.is_object())
                    .map(|(k, v)| (k, scalar(v)))
                    .collect();
                writer.record(scalars.iter().map(|(k, _)| k.as_str()))?;
                writer.record(scalars.iter().map(|(_, v)| v.as_str()))?;
            }
            writer.flush()?;
        }
        Format::Html => return Err(html_only_for_reports().into()),
    }
    Ok(())
}

/// A JSON scalar as plain text (strings unquoted, null empty).
pub fn scalar(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for risky in [
            "=cmd|' /C calc'!A0",
            "+1+2",
            "-2+3+cmd|x",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralize(risky), format!("'{risky}"));
        }
        for safe in ["-5", "+7", "-0.25", "Đường 3/2", "", "a=b"] {
            assert_eq!(neutralize(safe), safe);
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(
            printable("a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc"),
            "a]0;pwnedb[2Jc"
        );
        assert_eq!(printable("x\u{9b}31my\u{7f}"), "x31my");
        assert_eq!(printable("dòng 1\ndòng\t2"), "dòng 1\ndòng\t2");
    }

    #[derive(Serialize)]
    struct Row {
        id: i64,
        name: String,
    }

    impl Listing for Row {
        const KEYS: &'static [&'static str] = &["id", "name"];
        fn headers(_: Lang) -> Vec<&'static str> {
            vec!["Số", "Tên"]
        }
        fn cells(&self, _: Lang) -> Vec<String> {
            vec![self.id.to_string(), self.name.clone()]
        }
    }

    fn rows(n: i64) -> Vec<Row> {
        (1..=n)
            .map(|id| Row {
                id,
                name: format!("Phản ánh \"{id}\"\n=1"),
            })
            .collect()
    }

    fn streamed(rows: &[Row], format: Format, lang: Lang, most: Option<usize>) -> String {
        let mut out = Vec::new();
        let mut stream = ListingStream::new(&mut out, format, lang, most).unwrap();
        for row in rows {
            stream.push(row).unwrap();
        }
        assert_eq!(stream.finish().unwrap(), rows.len() as u64);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn streamed_json_is_the_pretty_array_byte_for_byte() {
        for n in [0, 1, 3] {
            let rows = rows(n);
            let whole = serde_json::to_string_pretty(&rows).unwrap() + "\n";
            assert_eq!(streamed(&rows, Format::Json, Lang::Vi, Some(1)), whole);
        }
    }

    #[test]
    fn streamed_csv_lists_every_row_under_its_header() {
        let text = streamed(&rows(5), Format::Csv, Lang::Vi, Some(2));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), vec!["id", "name"]);
        let records: Vec<_> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 5);
        assert_eq!(&records[4][1], "Phản ánh \"5\"\n=1");
        assert_eq!(streamed(&[], Format::Csv, Lang::Vi, None), "id,name\n");
    }

    #[test]
    fn a_capped_table_says_how_many_rows_it_left_out() {
        let text = streamed(&rows(5), Format::Table, Lang::Vi, Some(2));
        assert!(text.contains("Phản ánh \"2\""), "{text}");
        assert!(!text.contains("Phản ánh \"3\""), "{text}");
        assert!(
            text.ends_with("… và 3 dòng nữa; dùng --format csv hoặc --format json để xem đủ.\n")
        );
        let english = streamed(&rows(5), Format::Table, Lang::En, Some(4));
        assert!(
            english.ends_with(
                "… and 1 more rows; use --format csv or --format json to see them all.\n"
            )
        );
        let whole = streamed(&rows(5), Format::Table, Lang::Vi, None);
        assert!(
            whole.contains("Phản ánh \"5\"") && !whole.contains('…'),
            "{whole}"
        );
    }
}
