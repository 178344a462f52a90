//! Rendering: every listing is built as rows of a `Serialize` struct first, then rendered as
//! a comfy-table table (laid out for the screen by `layout`), CSV (English column names,
//! machine values) or JSON. Data goes to stdout; progress and status to stderr. Two guards
//! live here because every output passes through: CSV cells cannot start a spreadsheet
//! formula and carry no control characters, and tables and messages carry no control or
//! bidirectional-override characters (a report's text cannot move the operator's cursor,
//! retitle the terminal or reverse the rest of a line).

mod cells;
pub mod layout;
pub mod open311;
pub mod report;
pub mod show;
pub mod sink;
pub mod spool;

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use crate::i18n::Lang;

pub use layout::when;

/// How a listing is printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// A self-contained HTML document, for `report` (with `--out FILE`).
    Html,
    /// Open311 GeoReport v2 XML, for `export open311`.
    Xml,
    /// The GeoReport v2 service list as JSON (`services.json`), for `service list`.
    #[value(name = "open311-json")]
    Open311Json,
    /// The GeoReport v2 service list as XML (`services.xml`), for `service list`.
    #[value(name = "open311-xml")]
    Open311Xml,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Xml => "xml",
            Format::Open311Json => "open311-json",
            Format::Open311Xml => "open311-xml",
        }
    }
}

/// The error for a format the command does not print (html, xml and the Open311 service
/// lists belong to one command each).
pub fn format_only_for(format: Format) -> crate::i18n::Localized {
    let (command, command_en) = match format {
        Format::Xml => ("`export open311`", "`export open311`"),
        Format::Open311Json | Format::Open311Xml => ("`service list`", "`service list`"),
        _ => return html_only_for_reports(),
    };
    let name = format.name();
    crate::i18n::Localized::new(
        format!("--format {name} chỉ dùng cho {command}; ở đây hãy dùng table, csv hoặc json."),
        format!("--format {name} is only for {command_en}; use table, csv or json here"),
    )
}

/// The error for `--format html` on a command that only lists.
pub fn html_only_for_reports() -> crate::i18n::Localized {
    crate::i18n::Localized::new(
        "--format html chỉ dùng cho `report`; ở đây hãy dùng table, csv hoặc json.",
        "--format html is only for `report`; use table, csv or json here",
    )
}

/// A row type that can be printed as a table: localized headers and cells. CSV and JSON
/// come from `Serialize`, so scripts see stable English names and raw values.
pub trait Listing: Serialize {
    /// The CSV header: the serialised field names, needed when there is no row to take
    /// them from (checked against the rows in debug builds).
    const KEYS: &'static [&'static str];
    fn headers(lang: Lang) -> Vec<&'static str>;
    fn cells(&self, lang: Lang) -> Vec<String>;

    /// The table's columns that may be left out on a narrow screen, least needed first
    /// [default: from the last to the second].
    fn drop_order() -> Vec<usize> {
        (1..Self::headers(Lang::Vi).len()).rev().collect()
    }

    /// Columns left out, in this order, while the table would not fit without wrapping a
    /// cell [default: none; cells wrap at spaces instead].
    fn comfort() -> Vec<usize> {
        Vec::new()
    }
}

/// A CSV cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab or
/// carriage return) gets a leading apostrophe, as OWASP advises; numbers stay numbers, and
/// so does a lone sign — the reports' placeholder `-`, which no spreadsheet runs.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    // A spreadsheet skips leading blanks before it reads a formula.
    let risky = cell.starts_with(['\t', '\r'])
        || cell
            .trim_start_matches([' ', '\t', '\r', '\n'])
            .starts_with(['=', '+', '-', '@']);
    let lone_sign = matches!(cell, "-" | "+");
    if risky && !lone_sign && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The characters that reorder text (Unicode's bidirectional embeddings, overrides,
/// isolates and marks): U+202E alone makes the rest of a line read backwards.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for a terminal: control characters (ESC and the rest of C0 and C1, DEL) and
/// bidirectional controls removed, newlines and tabs kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || bidi_control(c);
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !bad(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A CSV cell with no control character at all (C0, DEL, C1) nor bidirectional control:
/// line breaks and tabs become spaces, the rest is removed.
pub fn csv_text(cell: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() || bidi_control(c);
    if cell.chars().any(bad) {
        std::borrow::Cow::Owned(
            cell.chars()
                .filter_map(|c| match c {
                    '\n' | '\r' | '\t' => Some(' '),
                    c if bad(c) => None,
                    c => Some(c),
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A table cell's text: printable, a tab (which would break the columns) as a space, and
/// each written time glued so that no column splits it.
fn cell(text: &str) -> String {
    layout::glue_times(&printable(text).replace('\t', " ")).into_owned()
}

/// Writes a table laid out by `layout`, with its control characters removed.
fn write_table(out: &mut dyn Write, table: &comfy_table::Table) -> Result<()> {
    writeln!(out, "{}", printable(&table.to_string()))?;
    Ok(())
}

/// Writes prose that goes with a table (a heading, a note) wrapped within the screen's width,
/// control characters removed.
pub fn write_paragraph(out: &mut dyn Write, text: &str) -> Result<()> {
    writeln!(
        out,
        "{}",
        layout::paragraph(&printable(text), layout::width())
    )?;
    Ok(())
}

/// Lays out `headers` and `rows` for the screen (`layout`), control characters removed from
/// every cell first so that they are measured as shown, and writes the table with a line
/// naming the columns a narrow screen left out.
pub fn write_fitted(
    out: &mut dyn Write,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    (drop_order, comfort): (&[usize], &[usize]),
    lang: Lang,
) -> Result<()> {
    let clean = |cells: Vec<String>| -> Vec<String> { cells.iter().map(|c| cell(c)).collect() };
    let rows = rows.into_iter().map(clean).collect();
    let width = layout::width();
    let (table, dropped) = layout::fit(clean(headers), rows, width, drop_order, comfort);
    write_table(out, &table)?;
    if let Some(note) = layout::dropped_note(&dropped, lang, width) {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// A CSV writer whose cells are neutralised; `serialize` takes any row that serialises to a
/// flat object (the header comes from its field names, in order).
#[derive(Debug)]
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
                .map(|c| neutralize(&csv_text(c.as_ref())).into_owned()),
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

/// `phananh list | head` closing the pipe is not an error (as in ripgrep and xsv). The CSV
/// and JSON writers wrap the I/O error in their own types, so those are looked into too.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(BrokenPipe);
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        false
    })
}

/// Whether a person is watching stderr: a progress bar is drawn only then, so a command
/// may skip counting its work when nobody would see the bar.
pub fn watching() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// A progress bar with rate and ETA on stderr for `len` items — only when a person is
/// watching (stderr is a terminal) and the work is long enough; hidden otherwise (cron,
/// pipes, tests, `demo`'s single steps).
pub fn progress(len: u64, message: &str) -> indicatif::ProgressBar {
    if len < PROGRESS_FROM || !watching() {
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

/// The same bar for a command that streams its data to stdout while it works (`export`,
/// `sweep --format csv`): also hidden when stdout is the same terminal, where the rows
/// would tear it (redirect stdout to a file and the bar shows).
pub fn progress_beside_output(len: u64, message: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    progress(len, message)
}

pub fn render<T: Listing>(
    out: &mut dyn Write,
    rows: &[T],
    format: Format,
    lang: Lang,
) -> Result<()> {
    let mut listing = ListingWriter::new(out, format, lang, usize::MAX)?;
    for row in rows {
        listing.row(row)?;
    }
    listing.finish()?;
    Ok(())
}

/// A listing row's CSV cells, in the order of `T::KEYS`.
fn csv_cells<T: Listing>(row: &T) -> Result<Vec<String>> {
    // Every field the row serialises has its column; a field left out when empty (an
    // audit log event whose seal is withheld) is an empty cell.
    debug_assert!(
        field_names(row)
            .iter()
            .all(|f| T::KEYS.contains(&f.as_str())),
        "Listing::KEYS out of date: {:?} against {:?}",
        field_names(row),
        T::KEYS
    );
    if let Some(mut fields) = cells::fields(row) {
        return Ok(T::KEYS
            .iter()
            .map(|key| {
                fields
                    .iter_mut()
                    .find(|(name, _)| name == key)
                    .map(|(_, cell)| std::mem::take(cell))
                    .unwrap_or_default()
            })
            .collect());
    }
    let serde_json::Value::Object(map) = serde_json::to_value(row)? else {
        anyhow::bail!("a listing row must serialise to an object");
    };
    Ok(T::KEYS
        .iter()
        .map(|k| map.get(*k).map(scalar).unwrap_or_default())
        .collect())
}

/// A listing written row by row as it is produced, so that memory stays flat however long
/// it is. CSV and JSON carry every row, byte for byte as `render` prints them. A table is
/// laid out whole (comfy-table sizes its columns from every cell), so it holds at most
/// `table_rows` rows and then says how many more there were and how to get them all.
pub struct ListingWriter<W: Write, T: Listing> {
    out: Streamed<W>,
    lang: Lang,
    table_rows: usize,
    held: Vec<Vec<String>>,
    rows: u64,
    _row: std::marker::PhantomData<T>,
}

enum Streamed<W: Write> {
    Table(W),
    Csv(Box<SafeCsv<W>>),
    Json(W),
}

impl<W: Write, T: Listing> ListingWriter<W, T> {
    pub fn new(out: W, format: Format, lang: Lang, table_rows: usize) -> Result<Self> {
        Self::with_header(out, format, lang, table_rows, true)
    }

    /// The same; `header` false leaves out CSV's header line (a file cron appends to has
    /// one, written once).
    pub fn with_header(
        out: W,
        format: Format,
        lang: Lang,
        table_rows: usize,
        header: bool,
    ) -> Result<Self> {
        let out = match format {
            Format::Table => Streamed::Table(out),
            Format::Csv => {
                let mut writer = SafeCsv::new(out);
                if header {
                    writer.record(T::KEYS)?;
                }
                Streamed::Csv(Box::new(writer))
            }
            Format::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                Streamed::Json(out)
            }
            other @ (Format::Html | Format::Xml | Format::Open311Json | Format::Open311Xml) => {
                return Err(format_only_for(other).into());
            }
        };
        Ok(ListingWriter {
            out,
            lang,
            table_rows,
            held: Vec::new(),
            rows: 0,
            _row: std::marker::PhantomData,
        })
    }

    pub fn row(&mut self, row: &T) -> Result<()> {
        match &mut self.out {
            Streamed::Table(_) => {
                if self.held.len() < self.table_rows {
                    self.held.push(row.cells(self.lang));
                }
            }
            Streamed::Csv(writer) => writer.record(csv_cells(row)?)?,
            Streamed::Json(out) => {
                // serde_json's pretty layout of the row, one level deeper: every newline in
                // it is structural (strings escape theirs), so indenting after each one
                // nests it as `to_writer_pretty` would inside the array.
                let text = serde_json::to_string_pretty(row)?;
                out.write_all(if self.rows == 0 { b"\n  " } else { b",\n  " })?;
                out.write_all(text.replace('\n', "\n  ").as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the listing; returns how many rows it had.
    pub fn finish(self) -> Result<u64> {
        match self.out {
            Streamed::Table(mut out) => {
                let headers = T::headers(self.lang)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                let columns = (&T::drop_order()[..], &T::comfort()[..]);
                write_fitted(&mut out, headers, self.held, columns, self.lang)?;
                let more = self.rows.saturating_sub(self.table_rows as u64);
                if more > 0 {
                    writeln!(
                        out,
                        "{} {more} {}",
                        self.lang.pick("… và", "… and"),
                        self.lang.pick(
                            "dòng khác: xem đủ bằng --format csv hoặc json.",
                            "more: --format csv or json lists them all."
                        )
                    )?;
                }
                out.flush()?;
            }
            Streamed::Csv(mut writer) => writer.flush()?,
            Streamed::Json(mut out) => {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
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
            let pairs = pairs.iter().map(|(k, v)| (cell(k), cell(v))).collect();
            write_table(out, &layout::record(pairs, layout::width()))?;
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
        other @ (Format::Html | Format::Xml | Format::Open311Json | Format::Open311Xml) => {
            return Err(format_only_for(other).into());
        }
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

/// Rows a table shows: the most pressing clocks (urgent reports first, then the earliest
/// deadline), as many as `report` shows of each case list; a line below says how many
/// more there are. CSV and JSON list every clock.
pub const TABLE_ROWS: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        id: u32,
        text: String,
        flag: Option<bool>,
    }

    impl Listing for Row {
        const KEYS: &'static [&'static str] = &["id", "text", "flag"];
        fn headers(_: Lang) -> Vec<&'static str> {
            vec!["Id", "Text", "Flag"]
        }
        fn cells(&self, _: Lang) -> Vec<String> {
            vec![
                self.id.to_string(),
                self.text.clone(),
                format!("{:?}", self.flag),
            ]
        }
    }

    fn rows(n: u32) -> Vec<Row> {
        (0..n)
            .map(|id| Row {
                id,
                text: format!("dòng \"{id}\"\nhai, {{ba}}"),
                flag: (id % 2 == 0).then_some(true),
            })
            .collect()
    }

    fn streamed(rows: &[Row], format: Format, table_rows: usize) -> String {
        let mut out = Vec::new();
        let mut writer = ListingWriter::new(&mut out, format, Lang::En, table_rows).unwrap();
        for row in rows {
            writer.row(row).unwrap();
        }
        assert_eq!(writer.finish().unwrap(), rows.len() as u64);
        String::from_utf8(out).unwrap()
    }

    fn rendered(rows: &[Row], format: Format) -> String {
        let mut out = Vec::new();
        render(&mut out, rows, format, Lang::En).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_streamed_listing_prints_the_bytes_render_prints() {
        for n in [0, 1, 3] {
            for format in [Format::Csv, Format::Json, Format::Table] {
                assert_eq!(
                    streamed(&rows(n), format, 10),
                    rendered(&rows(n), format),
                    "{n} rows, {format:?}"
                );
            }
        }
    }

    #[test]
    fn a_streamed_table_stops_at_its_rows_and_says_how_to_see_them_all() {
        let all = rows(5);
        let text = streamed(&all, Format::Table, 2);
        assert!(
            text.starts_with(&rendered(&all[..2], Format::Table)),
            "{text}"
        );
        assert!(
            text.ends_with("… and 3 more: --format csv or json lists them all.\n"),
            "{text}"
        );
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for risky in [
            "=cmd|' /C calc'!A0",
            "+1+2",
            "-2+3+cmd|x",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "--1+cmd|x",
            "- ",
            "=",
        ] {
            assert_eq!(neutralize(risky), format!("'{risky}"));
        }
        for safe in ["-5", "+7", "-0.25", "Đường 3/2", "", "a=b", "-", "+"] {
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
        // A right-to-left override, an isolate and a mark: the line reads as typed.
        assert_eq!(
            printable("Ng*** \u{202e}V** A\u{2067}x\u{2069}\u{200f}"),
            "Ng*** V** Ax"
        );
    }

    #[test]
    fn csv_cells_carry_no_control_character() {
        assert_eq!(
            csv_text("a\u{1b}[2Jb\u{7}\u{9b}c\r\nd\te\u{202e}f\0"),
            "a[2Jbc  d ef"
        );
        assert_eq!(csv_text("Đường 3/2"), "Đường 3/2");
        let mut out = Vec::new();
        let mut csv = SafeCsv::new(&mut out);
        csv.record(["x\u{85}y", " =1+1", "\u{202e}=cmd"]).unwrap();
        csv.flush().unwrap();
        drop(csv);
        assert_eq!(String::from_utf8(out).unwrap(), "xy,' =1+1,'=cmd\n");
    }
}
