//! Rendering: every listing is built as rows of a `Serialize` struct first, then rendered as
//! a comfy-table table (laid out for the screen by `layout`), CSV (in one of two
//! `CsvStyle`s, chosen once per run: English column names and machine values for scripts,
//! or the reader's words for Excel) or JSON. Data goes to
//! stdout; progress and status to stderr. Two guards live here because every output
//! passes through: CSV cells cannot start a spreadsheet
//! formula and carry no control characters, and tables and messages carry no control or
//! bidirectional-override characters (a report's text cannot move the operator's cursor,
//! retitle the terminal or reverse the rest of a line).

pub mod audit;
pub mod backup;
pub mod bar;
pub mod calendar;
mod cells;
pub mod checkpoint;
pub mod confirm;
pub mod consent;
pub mod context;
pub mod correct;
pub mod deadlines;
pub mod demo;
pub mod directory;
pub mod duration;
pub mod erase;
pub mod export;
pub mod findings;
pub mod ingest;
pub mod init;
pub mod journal;
pub mod key;
pub mod late;
pub mod layout;
pub mod open311;
pub mod prompt;
pub mod reference;
pub mod report;
pub mod routing;
pub mod services;
pub mod settings;
pub mod shell;
pub mod show;
pub mod sink;
pub mod spool;
pub mod storage;
pub mod subject;
pub mod sweep;
pub mod triage;
pub mod validate;
pub mod vault;
pub mod workflow;

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

use crate::i18n::Lang;
use crate::storage::journal::first_named;

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

/// `message`, the refusal of a value typed for an option with a fixed set of `names` (a
/// status, a stage), followed by the name `typed` most likely misspells, laid out as clap's
/// own guess for a mistyped command or value.
pub fn with_guess(
    typed: &str,
    names: &[&str],
    message: crate::i18n::Localized,
) -> crate::i18n::Localized {
    match crate::domain::text::closest(typed.trim(), names) {
        Some(meant) => guessed(meant, message),
        None => message,
    }
}

/// `message` with the value the user most likely meant (`meant`), laid out as
/// `with_guess` does.
pub fn guessed(meant: &str, message: crate::i18n::Localized) -> crate::i18n::Localized {
    crate::i18n::Localized::new(
        format!("{}\n\n  gợi ý: có phải ý bạn là '{meant}'?", message.vi),
        format!("{}\n\n  tip: a similar value exists: '{meant}'", message.en),
    )
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

/// The error for `--csv` on a run that writes no CSV (`format` is what it prints).
pub fn csv_style_needs_csv(style: CsvStyle, format: Format) -> crate::i18n::Localized {
    let (style, format) = (style.name(), format.name());
    crate::i18n::Localized::new(
        format!(
            "--csv {style} chỉ định cách ghi CSV, mà lệnh này đang in dạng {format}: hãy thêm --format csv (với score, report có thể thay bằng --out TỆP.csv), hoặc bỏ --csv."
        ),
        format!(
            "--csv {style} shapes CSV, and this command prints {format}: add --format csv (for score and report, or --out FILE.csv), or leave out --csv"
        ),
    )
}

/// `heads` (one for each of `keys`) with the column `key` headed `head`: for a listing whose
/// Excel-style file holds a column otherwise than its table shows it (minutes as a number,
/// a yes or no where the table words a state). Named by key, so that a column added to the
/// listing cannot move the new head onto its neighbour.
pub(crate) fn retitle(heads: &mut [&'static str], keys: &[&str], key: &str, head: &'static str) {
    let at = keys
        .iter()
        .position(|k| *k == key)
        .unwrap_or_else(|| panic!("no column {key} among {keys:?}"));
    heads[at] = head;
}

/// A row type that can be printed as a table: localized headers and cells. CSV and JSON
/// come from `Serialize`, so scripts see stable English names and raw values.
pub trait Listing: Serialize {
    /// The CSV header: the serialised field names, needed when there is no row to take
    /// them from (checked against the rows in debug builds).
    const KEYS: &'static [&'static str];
    fn headers(lang: Lang) -> Vec<&'static str>;
    fn cells(&self, lang: Lang) -> Vec<String>;

    /// The header of the Excel-style CSV, for an officer who reads it: one for each of
    /// `KEYS`, in their order, in `lang` [default: the table's `headers`, for a listing
    /// whose table has one column for each of `KEYS`, in their order].
    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        Self::headers(lang)
    }

    /// The words the Excel-style CSV writes in the column `key` in place of the code the
    /// standard file holds (a status, a stage: the table's words), None to keep the cell
    /// [default: none; a flag is written as yes or no anyway, `CsvCell::Flag`].
    fn excel_word(&self, _key: &str, _lang: Lang) -> Option<String> {
        None
    }

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

    /// `comfort` for a table whose query held it to one agency (`ListingWriter::pinned`),
    /// which has the room of the columns that leaves out [default: `comfort`].
    fn comfort_pinned() -> Vec<usize> {
        Self::comfort()
    }

    /// Columns of counts, whose header may wrap at its spaces before a column is left out
    /// (`layout::fit_counts`) [default: none].
    fn counts() -> Vec<usize> {
        Vec::new()
    }

    /// Columns whose header stays on one line, as a short cell keeps its own, before long
    /// text takes the rest (`layout::fit_headed`) [default: none].
    fn headed() -> Vec<usize> {
        Vec::new()
    }

    /// What a reference listing with no row says instead of its headers: that it is empty,
    /// and the command that fills it [default: none, the headers alone].
    fn none_yet() -> Option<crate::i18n::Localized> {
        None
    }

    /// Columns of running text (a report's excerpt), kept readable (`layout::Kinds::prose`)
    /// while a column beside them can be left out instead [default: none].
    fn prose() -> Vec<usize> {
        Vec::new()
    }

    /// Columns cut to one line with "…" on a narrow screen rather than take the room of
    /// the text beside them (`layout::Kinds::clipped`) [default: none].
    fn clipped() -> Vec<usize> {
        Vec::new()
    }

    /// Columns a table leaves out, unnamed, when every row it shows has them blank: the
    /// agency of a queue waiting for one says nothing, and its room goes to a column that
    /// does [default: none].
    fn blank_unshown() -> Vec<usize> {
        Vec::new()
    }

    /// Columns a table leaves out when every row it shows (two or more) holds the same
    /// text in them, which a line above the table says once ("Trạng thái: Chờ phân
    /// phối."): the status of `list --status accepted` took 15 columns of every row from
    /// the text beside it [default: none].
    fn same_unshown() -> Vec<usize> {
        Vec::new()
    }

    /// The row's cells as a narrow screen writes them when that leaves out fewer columns
    /// than the whole cells do: a cell shortened here (a call to action cut to its first
    /// word) is said whole once under the table, with the rows it is for (`short_note`)
    /// [default: none, the cells are as they are].
    fn short_cells(&self, _lang: Lang) -> Option<Vec<String>> {
        None
    }

    /// The columns the short cells are for: when any is named, a table writes the short
    /// cells only on a screen where the whole ones leave one of these out, so that a
    /// screen with room, or a file, reads the whole cells [default: none, the short cells
    /// whenever they leave out fewer columns or, with no screen, take less width].
    fn short_for() -> Vec<usize> {
        Vec::new()
    }

    /// Columns whose short cells need no line under the table, as another column kept
    /// beside them says what was cut (a lateness said to the hour beside its deadline)
    /// [default: none].
    fn short_unnoted() -> Vec<usize> {
        Vec::new()
    }

    /// The line under a table whose rows `ids` (their first cells) were shown with `whole`
    /// shortened [default: "whole: ids."].
    fn short_note(whole: &str, ids: &[String], _lang: Lang) -> String {
        format!("{whole}: {}.", first_named(ids, ", ", String::clone))
    }
}

/// The columns of `candidates` that every row leaves blank.
fn blank_columns(candidates: &[usize], rows: &[Vec<String>]) -> Vec<usize> {
    candidates
        .iter()
        .copied()
        .filter(|&c| !rows.is_empty() && rows.iter().all(|r| r.get(c).is_none_or(|v| v.is_empty())))
        .collect()
}

/// `headers` and `rows` without the columns `gone`, and the column lists renumbered to
/// match (a list naming a removed column loses it).
fn without_columns(
    gone: &[usize],
    headers: &mut Vec<String>,
    rows: &mut [Vec<String>],
    lists: &mut [&mut Vec<usize>],
) {
    let mut gone = gone.to_vec();
    gone.sort_unstable();
    gone.dedup();
    if gone.is_empty() {
        return;
    }
    for &c in gone.iter().rev() {
        if c < headers.len() {
            headers.remove(c);
        }
        for row in rows.iter_mut() {
            if c < row.len() {
                row.remove(c);
            }
        }
    }
    for list in lists.iter_mut() {
        **list = list
            .iter()
            .filter(|i| !gone.contains(i))
            .map(|&i| i - gone.iter().filter(|&&b| b < i).count())
            .collect();
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
    // A number as a spreadsheet reads one: Rust also parses "inf" and "nan", which a
    // spreadsheet takes for a formula's name (`-nan` shows `#NAME?`).
    let number = cell
        .trim()
        .parse::<f64>()
        .is_ok_and(|n| n.is_finite() && cell.bytes().any(|b| b.is_ascii_digit()));
    if risky && !lone_sign && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

use crate::domain::text::bidi_control;
pub use crate::domain::text::printable;

/// A CSV cell with no control character at all (C0, DEL, C1) nor bidirectional control:
/// line breaks and tabs become spaces, the rest is removed.
pub fn csv_text(cell: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() || bidi_control(c) || crate::domain::text::is_line_break(c);
    if cell.chars().any(bad) {
        std::borrow::Cow::Owned(
            cell.chars()
                .filter_map(|c| match c {
                    '\t' => Some(' '),
                    c if crate::domain::text::is_line_break(c) => Some(' '),
                    c if bad(c) => None,
                    c => Some(c),
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes `value` as indented JSON, every string printable (control characters and
/// bidirectional controls out; newlines and tabs kept, which JSON escapes and which are
/// text: an escaped ESC is still an ESC to whatever parses the file, so JSON is cleaned as
/// tables and CSV are, here, for every JSON a command prints). Cleaned as it is serialized:
/// a value built whole first held a period's report in memory before a byte went out
/// (110 MB for 20,000 reports,
/// `memory::a_report_of_forty_thousand_reports_is_written_in_flat_memory`).
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let formatter = Cleaned(serde_json::ser::PrettyFormatter::new(), false);
    value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))?;
    Ok(())
}

/// serde_json's indented layout, each string written as `printable` leaves it: what
/// serde_json copies goes through `printable`, and of what it escapes only the quote, the
/// backslash, the slash, newline and tab are kept, every other line break written as a
/// newline, a CRLF as one (every other escape is a control character, which `printable`
/// drops). The flag says the last thing written was a CR's newline.
struct Cleaned(serde_json::ser::PrettyFormatter<'static>, bool);

impl serde_json::ser::Formatter for Cleaned {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape;
        self.1 = false;
        // `printable` writes the breaks serde_json copies (U+0085, U+2028, U+2029) as a
        // newline, which a JSON string holds only escaped.
        for (at, line) in printable(fragment).split('\n').enumerate() {
            if at > 0 {
                self.0.write_char_escape(writer, CharEscape::LineFeed)?;
            }
            writer.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape;
        let after_cr = std::mem::replace(&mut self.1, false);
        match escape {
            CharEscape::Quote
            | CharEscape::ReverseSolidus
            | CharEscape::Solidus
            | CharEscape::Tab => self.0.write_char_escape(writer, escape),
            CharEscape::LineFeed if after_cr => Ok(()),
            CharEscape::CarriageReturn => {
                self.1 = true;
                self.0.write_char_escape(writer, CharEscape::LineFeed)
            }
            CharEscape::LineFeed | CharEscape::FormFeed | CharEscape::AsciiControl(0x0b) => {
                self.0.write_char_escape(writer, CharEscape::LineFeed)
            }
            _ => Ok(()),
        }
    }

    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.1 = false;
        self.0.begin_string(writer)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(writer)
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

/// The holder of a clock that no agency holds: one of the portal's own stages (dispatch
/// Đ7.2, publication Đ9.4). Named alike in `list --overdue`, the sweep and the periodic
/// report's late list, so a blank never reads as an agency missing. In Vietnamese one short
/// form everywhere, as `portal_desk_short`: "(Cổng tiếp nhận)" read as "the reception gate"
/// and named the portal unlike every other table.
pub fn portal_desk(lang: Lang) -> String {
    lang.pick("(Cổng)", "(portal desk)").to_owned()
}

/// The same in a table whose every column counts at 80 columns (the sweep's, `show`'s
/// clocks, `list --due`, `list --overdue`): no wider than the header "Cơ quan" it stands under, so that
/// naming the portal pushes no column off the screen ("Cổng" is how the operator guide
/// calls it).
pub fn portal_desk_short(lang: Lang) -> String {
    lang.pick("(Cổng)", "(portal)").to_owned()
}

/// An error or refusal as `phananh: …` on standard error, control characters removed. On a
/// terminal it is wrapped at spaces within the terminal's width, as tables and the desk are
/// (the terminal would cut a word where it reaches the edge); piped or to a file (a script, a
/// cron mail) it stays one line per line written, so that it can be matched as it is.
pub fn error_line(message: &str) -> String {
    let line = format!("phananh: {}", printable(message));
    match layout::terminal_width() {
        Some(width) => layout::message(&line, width),
        None => line,
    }
}

/// An error as a run asked for `--format json` writes it on standard error, in place of
/// [`error_line`]: one line a script parses, `{"error":{"kind":…,"message":…,"exit":…}}`
/// (docs/rules.md §6), `kind` from `crate::exit::kind_of`, the message in the language asked
/// for and never wrapped, its control characters removed as `error_line` removes them.
pub fn error_json(kind: &str, message: &str, exit: u8) -> String {
    let message = printable(message.trim_end());
    serde_json::json!({ "error": { "kind": kind, "message": message, "exit": exit } }).to_string()
}

/// Prints an error as [`error_json`] on standard error.
pub fn tell_error_json(kind: &str, message: &str, exit: u8) {
    eprintln!("{}", error_json(kind, message, exit));
}

/// A usage error as written to stderr: wrapped at words on a terminal, as a refusal is
/// (`output::error_line`), so that an 80-column screen does not cut it mid-word; unchanged
/// when piped, for the script or the mail that reads it.
fn for_stderr(text: &str) -> String {
    match layout::terminal_width() {
        Some(width) => {
            let wrapped = layout::message(text.trim_end_matches('\n'), width);
            format!("{wrapped}\n")
        }
        None => text.to_owned(),
    }
}

/// Prints a usage error (`for_stderr`) on standard error.
pub fn tell_usage_error(text: &str) {
    eprint!("{}", for_stderr(text));
}

/// A long wait for the database said on standard error in `lang` (`app::tell_waits`), or
/// to nobody (`None`: a short wait under `app::WaitsTold::Long`). In a debug build it is also written, in
/// English, to the file `PHANANH_WAIT_HOOK` names (a FIFO a test reads), under `--quiet`
/// too, so that a test knows a process is waiting without sleeping.
pub fn tell_wait(waiting: &crate::storage::queue::Waiting, lang: Option<Lang>) {
    use crate::i18n::Bilingual;
    if let Some(lang) = lang {
        eprintln!("{}", printable(&waiting.text(lang)));
    }
    if let Some(path) = crate::storage::debug_env("PHANANH_WAIT_HOOK") {
        use std::io::Write as _;
        if let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(path) {
            // One write of the whole line: `writeln!` on a file writes the text and the
            // newline apart, and a reader that closes in between sees half a notice.
            let line = format!("{}\n", waiting.en());
            let _ = file.write_all(line.as_bytes());
        }
    }
}

/// Prints [`error_line`] of `message` on standard error: a refusal a run goes on after.
pub fn tell_error(message: &str) {
    eprintln!("{}", error_line(message));
}

/// A line said to the operator on standard error while a command works (a record not
/// stored, a warning, a count): control characters removed and, on a terminal, wrapped at
/// spaces as an error is (`error_line`). While a progress bar is drawn (`drawing`) the line
/// goes above it: printed behind the bar's back, the bar's next clearing erased the line's
/// last row and left its own on the screen.
pub fn say(text: &str) {
    let text = printable(text);
    let line = match layout::terminal_width() {
        Some(width) => layout::message(&text, width),
        None => text.into_owned(),
    };
    let bar = DRAWN.lock().ok().and_then(|drawn| drawn.clone());
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

/// [`say`] of a notice this module worded, in `lang`: for a command with no context to say
/// it through (`app::Context::tell`).
pub fn tell(said: &crate::i18n::Localized, lang: Lang) {
    say(said.text(lang));
}

/// The progress bar on the operator's terminal, if one is drawn: what `say` prints above.
static DRAWN: std::sync::Mutex<Option<indicatif::ProgressBar>> = std::sync::Mutex::new(None);

/// Until the returned guard is dropped, `say` prints above `bar` (a hidden bar changes
/// nothing).
pub fn drawing(bar: &indicatif::ProgressBar) -> Drawing {
    if !bar.is_hidden()
        && let Ok(mut drawn) = DRAWN.lock()
    {
        *drawn = Some(bar.clone());
    }
    Drawing
}

/// See `drawing`.
pub struct Drawing;

impl Drop for Drawing {
    fn drop(&mut self) {
        if let Ok(mut drawn) = DRAWN.lock() {
            *drawn = None;
        }
    }
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

/// Writes `text` as `write_paragraph` does, except that a command in backticks stays on one
/// line when it fits one (`layout::message`): the operator reads it to type it.
pub fn write_message(out: &mut dyn Write, text: &str) -> Result<()> {
    writeln!(
        out,
        "{}",
        layout::message(&printable(text), layout::width())
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
    spare: (&[usize], &[usize]),
    lang: Lang,
) -> Result<()> {
    write_fitted_counts(out, headers, rows, spare, &[], lang)
}

/// `write_fitted` with the columns of counts of `layout::fit_counts`.
pub fn write_fitted_counts(
    out: &mut dyn Write,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    spare: (&[usize], &[usize]),
    counts: &[usize],
    lang: Lang,
) -> Result<()> {
    let kinds = layout::Kinds {
        counts,
        ..layout::Kinds::default()
    };
    write_fitted_headed(out, headers, rows, spare, kinds, lang)
}

/// `write_fitted` with the columns of counts, those whose header stays on one line, and
/// those of running text, of `layout::fit_headed`.
pub fn write_fitted_headed(
    out: &mut dyn Write,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    spare: (&[usize], &[usize]),
    kinds: layout::Kinds,
    lang: Lang,
) -> Result<()> {
    let clean = |cells: Vec<String>| -> Vec<String> { cells.iter().map(|c| cell(c)).collect() };
    let rows: Vec<Vec<String>> = rows.into_iter().map(clean).collect();
    let headers = clean(headers);
    // With no screen (a file, a pipe, cron's mail) nothing is left out, and nothing speaks
    // of a narrow screen.
    let Some(_) = layout::screen_width() else {
        let table = layout::fit_unscreened(headers, rows, spare, kinds);
        return write_table(out, &table);
    };
    let width = layout::width();
    let (table, dropped) = layout::fit_headed(headers, rows, width, spare, kinds);
    write_table(out, &table)?;
    if let Some(note) = layout::dropped_note(&dropped, lang, width) {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// How CSV is written. `Standard` is the contract for scripts (docs/huong-dan.md §5: the
/// same bytes from run to run): RFC 4180's comma, numbers with a decimal point, a line feed
/// after each record.
/// `Excel` is for an officer who double-clicks the file in Excel under Vietnamese regional
/// settings, whose list separator is `;` and decimal symbol `,` (CLDR's Vietnamese locale
/// data; docs/huong-dan.md §5, "CSV mở bằng Excel"): a byte-order mark so that the diacritics read
/// as written, `;` between cells, CRLF line ends, and a decimal comma in the cells that are
/// numbers (a share, `CsvCell::Share`, as the percentage the table prints). Text is never changed beyond what both styles do to it (`csv_text`,
/// `neutralize`), except digits Excel would take for a number and change (a phone's
/// leading zero, a hash read in scientific notation) or for a day or an hour (an address's
/// `12/5`, an app's id `03-04`: `excel_would_alter`), written `="0330253150"` so that Excel
/// shows them as they are; a day stays `2026-10-05` (Excel reads it as a day in any region), and a
/// moment (`CsvCell::Moment`: a report's due and done, a listing's `…_at` column) is written
/// day first in Vietnam's time, to the second, which Excel under Vietnamese settings reads
/// as a date and time. The Excel style is read by a person, not a program: its header is
/// worded in the run's language, one name for each column of the standard file in the same
/// order (`Listing::excel_heads`, the report's `Column::keyed`; the score adds a last column
/// saying why a row has no rank, and words its rules), a yes or no is `Có` or
/// `Không` (`CsvCell::Flag`), and a code a person reads (a status, a stage, the report's
/// sections and metrics) is written as the tables word it (`Listing::excel_word`);
/// identifiers, names and free text stay as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvStyle {
    /// RFC 4180, for scripts: comma, decimal point, LF.
    Standard,
    /// For Excel with Vietnamese regional settings: BOM, `;`, decimal comma, CRLF.
    Excel,
}

impl CsvStyle {
    pub fn name(self) -> &'static str {
        match self {
            CsvStyle::Standard => "standard",
            CsvStyle::Excel => "excel",
        }
    }

    /// The style a setting's stored word names (`csv.style`); anything else is standard.
    pub fn named(word: &str) -> CsvStyle {
        match word {
            "excel" => CsvStyle::Excel,
            _ => CsvStyle::Standard,
        }
    }
}

/// Said on standard error after `score` or `report` wrote a standard CSV file that no
/// `--csv` asked for: the officer who double-clicks it in Excel under Vietnamese settings
/// sees every line in column A and `85.91` as text, and learns here what to type instead.
pub fn standard_csv_note(lang: Lang) -> String {
    let note = lang.pick(
        "Đây là CSV chuẩn (dấu phẩy, dấu chấm thập phân) cho chương trình đọc. Mở bằng Excel cài vùng Việt Nam thì thêm --csv excel, hoặc ghi tệp Excel --out TÊN.xlsx; quản trị viên có thể đặt một lần: settings set csv.style excel.",
        "This is a standard CSV (comma, decimal point) for programs. For Excel with Vietnamese regional settings add --csv excel, or write a workbook with --out NAME.xlsx; an admin may set it once: settings set csv.style excel.",
    );
    // Wrapped at a terminal's width, as errors are; one line to a pipe or a log.
    match layout::terminal_width() {
        Some(width) => layout::paragraph(note, width),
        None => note.to_owned(),
    }
}

/// Prints [`standard_csv_note`] on standard error (wrapped there already).
pub fn tell_standard_csv(lang: Lang) {
    eprintln!("{}", standard_csv_note(lang));
}

/// The style every CSV of this run is written in. A run writes for one reader, so the
/// command line decides it once (`--csv`, or for `score` and `report` the setting
/// `csv.style`) and every writer reads it here: no command can forget to pass it on.
static CSV_STYLE: std::sync::OnceLock<CsvStyle> = std::sync::OnceLock::new();

/// Chooses the run's CSV style; the first choice stands (a later one is ignored).
pub fn use_csv_style(style: CsvStyle) {
    let _ = CSV_STYLE.set(style);
}

/// The run's CSV style: standard unless chosen otherwise.
pub fn csv_style() -> CsvStyle {
    CSV_STYLE.get().copied().unwrap_or(CsvStyle::Standard)
}

/// One CSV cell: text, written as it is once made safe, or a number (its digits with a
/// decimal point, as JSON writes it), which the Excel style writes with a decimal comma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvCell {
    Text(String),
    Number(String),
    /// A stored moment (RFC 3339, `+07:00`): as stored in the standard style; in the Excel
    /// style the local day first, `03/10/2026 14:00:00`, which a Vietnamese Excel reads as a
    /// date and time to sort and filter (the stored text it keeps as text).
    Moment(String),
    /// A share (a rate, the satisfied share) as the fraction the file has always carried,
    /// three decimals (`0.625`); in the Excel style the percentage the table and the
    /// workbook print (`62,5%`), which Excel reads as the number 0.625 shown as a percent.
    /// Read as `0,625` under "Tỷ lệ hài lòng", the column said 0.6 %, not 62.5 %.
    Share(String),
    /// A yes-or-no flag: `true` or `false` in the standard style; in the Excel style, of a
    /// writer that knows its reader's language (`SafeCsv::speaking`), the word the tables
    /// print (`Có`, `Không`): Excel made `true` its own boolean, shown `ĐÚNG` in a
    /// Vietnamese Excel.
    Flag(bool),
}

impl CsvCell {
    /// A JSON value's cell: a number stays a number, anything else is `scalar`'s text.
    pub fn of(value: &serde_json::Value) -> CsvCell {
        match value {
            serde_json::Value::Number(n) => CsvCell::Number(n.to_string()),
            serde_json::Value::Bool(b) => CsvCell::Flag(*b),
            other => CsvCell::Text(scalar(other)),
        }
    }

    /// The cell of the column `key`: a stored moment under a key that names one (`due_at`,
    /// `at`, `as_of`, Open311's `requested_datetime`) is a `Moment`, so that the Excel style
    /// writes it as a date and time.
    pub fn keyed(self, key: &str) -> CsvCell {
        let names_a_moment =
            key == "at" || key == "as_of" || key.ends_with("_at") || key.ends_with("_datetime");
        match self {
            CsvCell::Text(t) if names_a_moment && crate::domain::time::stored(&t).is_some() => {
                CsvCell::Moment(t)
            }
            other => other,
        }
    }

    /// The cell's text, whatever its kind.
    pub fn text(&self) -> &str {
        match self {
            CsvCell::Text(t) | CsvCell::Number(t) | CsvCell::Moment(t) | CsvCell::Share(t) => t,
            CsvCell::Flag(b) => {
                if *b {
                    "true"
                } else {
                    "false"
                }
            }
        }
    }

    /// The cell as written in `style`, a flag in `lang`'s words when the style is Excel's.
    fn written(&self, style: CsvStyle, lang: Option<Lang>) -> String {
        if let (CsvCell::Flag(b), CsvStyle::Excel, Some(lang)) = (self, style, lang) {
            return yes_no_word(*b, lang);
        }
        // A number is guarded as text is, though it never starts a formula: the cell is safe
        // whoever made it.
        let safe = neutralize(&csv_text(self.text())).into_owned();
        match (self, style) {
            // No digit grouping: Excel reads `1234,5` as a number, where `1234.5` would be
            // read as text or a date.
            (CsvCell::Number(_), CsvStyle::Excel) => safe.replace('.', ","),
            (CsvCell::Share(fraction), CsvStyle::Excel) => {
                excel_percent(fraction).unwrap_or_else(|| safe.replace('.', ","))
            }
            (CsvCell::Moment(stored), CsvStyle::Excel) => crate::domain::time::stored(stored)
                .map(|at| at.format("%d/%m/%Y %H:%M:%S").to_string())
                .unwrap_or(safe),
            // A formula whose value is the text: Excel shows `0330253150`, not 330253150.
            (CsvCell::Text(_), CsvStyle::Excel) if excel_would_alter(&safe) => {
                format!("=\"{safe}\"")
            }
            _ => safe,
        }
    }
}

/// Yes or no as a cell of a document says it, capitalised as a table's cell starts (`Có`,
/// `Không`; `Yes`, `No`): the words `Lang::yes_no` gives.
pub fn yes_no_word(value: bool, lang: Lang) -> String {
    let word = lang.yes_no(value);
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A share written with three decimals (`0.625`, `1.000`) as the percentage with one
/// decimal that the table prints (`62,5%`, `100,0%`), exactly: the digits move, nothing is
/// computed in floating point. None for anything else (the caller keeps the number).
fn excel_percent(fraction: &str) -> Option<String> {
    let (whole, thousandths) = fraction.split_once('.')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || thousandths.len() != 3 || !digits(thousandths) {
        return None;
    }
    let scaled = whole.parse::<i128>().ok()? * 1000 + thousandths.parse::<i128>().ok()?;
    Some(format!("{}%", crate::domain::exact::fixed(scaled, 1, ',')))
}

/// A text Excel, opening a CSV file, takes for a number and so shows changed: digits alone
/// with a leading zero (a phone's `0330253150` shows 330253150) or a `+` (dropped), or more
/// than 11 of them (Excel's General format shows `1,23457E+11`, and past 15 digits the value
/// itself is cut), or digits around an `e` (`1234e56`, a short hash, read in scientific
/// notation). Other digits Excel shows as they are stay plain.
fn excel_would_alter(text: &str) -> bool {
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let digits = text.strip_prefix('+').unwrap_or(text);
    let signed = digits.len() != text.len();
    if all_digits(digits) {
        return signed || (digits.len() > 1 && digits.starts_with('0')) || digits.len() > 11;
    }
    let scientific = text
        .split_once(['e', 'E'])
        .is_some_and(|(mantissa, exponent)| {
            all_digits(mantissa)
                && all_digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent))
        });
    scientific || excel_reads_a_day_or_an_hour(text)
}

/// A text Excel under Vietnamese settings takes for a day, an hour or a negative number and
/// so shows changed: two or three groups of up to four digits split by `/` or by `-` (`12/5`
/// a house and its alley, `03-04` an app's id: the 12th of May, the 3rd of April of this
/// year; `10-2026` a month), digits around `:` (`8:30`, a time of day), or digits in
/// parentheses (`(5)`, read as −5). A day written in full year first (`2026-10-04`) is the
/// same day to Excel and is left as it is.
fn excel_reads_a_day_or_an_hour(text: &str) -> bool {
    let short = |t: &str| (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let day = ['/', '-'].into_iter().any(|split| {
        let groups: Vec<&str> = text.split(split).collect();
        let year_first = groups.len() == 3 && groups[0].len() == 4;
        (2..=3).contains(&groups.len()) && groups.iter().all(|g| short(g)) && !year_first
    });
    let hour = {
        let groups: Vec<&str> = text.split(':').collect();
        (2..=3).contains(&groups.len())
            && groups
                .iter()
                .all(|g| (1..=2).contains(&g.len()) && short(g))
    };
    let negative = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .is_some_and(|inner| {
            !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                && inner.bytes().any(|b| b.is_ascii_digit())
        });
    day || hour || negative
}

/// UTF-8's byte-order mark: what tells Excel on Windows that "Sở Y tế" is UTF-8.
pub const BOM: &str = "\u{feff}";

/// A CSV writer whose cells are neutralised, in the run's style; `serialize` takes any row
/// that serialises to a flat object (the header comes from its field names, in order).
#[derive(Debug)]
pub struct SafeCsv<W: Write> {
    writer: csv::Writer<Marked<W>>,
    header_written: bool,
    style: CsvStyle,
    /// The reader's language, for the words the Excel style writes for a flag; None writes
    /// `true` and `false` in either style.
    lang: Option<Lang>,
}

/// A writer that puts a byte-order mark before the first bytes written to it, if it owes
/// one: a stream with no record stays empty.
#[derive(Debug)]
struct Marked<W: Write> {
    out: W,
    bom: bool,
}

impl<W: Write> Write for Marked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bom {
            self.out.write_all(BOM.as_bytes())?;
            self.bom = false;
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> SafeCsv<W> {
    /// A new file or stream in the run's style (`csv_style`).
    pub fn new(out: W) -> Self {
        Self::with_style(out, csv_style())
    }

    /// The same, with a byte-order mark in either style: the score, which Home Affairs
    /// opens in Excel, has always carried one.
    pub fn with_bom(out: W) -> Self {
        Self::build(out, csv_style(), true)
    }

    /// Lines added to a file that already has its header (and its byte-order mark).
    pub fn continuing(out: W) -> Self {
        Self::build(out, csv_style(), false)
    }

    /// A new file or stream in `style`: the Excel style starts with a byte-order mark.
    pub fn with_style(out: W, style: CsvStyle) -> Self {
        Self::build(out, style, style == CsvStyle::Excel)
    }

    fn build(out: W, style: CsvStyle, bom: bool) -> Self {
        let (delimiter, terminator) = match style {
            CsvStyle::Standard => (b',', csv::Terminator::Any(b'\n')),
            CsvStyle::Excel => (b';', csv::Terminator::CRLF),
        };
        SafeCsv {
            writer: csv::WriterBuilder::new()
                .has_headers(false)
                .delimiter(delimiter)
                .terminator(terminator)
                .from_writer(Marked { out, bom }),
            header_written: false,
            style,
            lang: None,
        }
    }

    /// The same writer, for a reader of `lang`: in the Excel style a flag is written as the
    /// word (`CsvCell::Flag`).
    pub fn speaking(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }

    /// Whether this writer writes the Excel style: its header and its code words are then
    /// the reader's words.
    pub fn for_excel(&self) -> bool {
        self.style == CsvStyle::Excel
    }

    /// The header of a listing `T`'s file: its keys for scripts; in the Excel style its
    /// reader's words (`Listing::excel_heads`), one for each key.
    pub fn head<T: Listing>(&mut self, lang: Lang) -> Result<()> {
        if !self.for_excel() {
            return self.record(T::KEYS);
        }
        let heads = T::excel_heads(lang);
        // A header short of a column would name the wrong ones after it.
        debug_assert_eq!(heads.len(), T::KEYS.len(), "{heads:?}");
        self.record(heads)
    }

    /// A record of text cells (a header, words, codes).
    pub fn record<I, T>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.write(
            cells
                .into_iter()
                .map(|c| neutralize(&csv_text(c.as_ref())).into_owned()),
        )
    }

    /// A record whose cells say which of them are numbers.
    pub fn cells<I: IntoIterator<Item = CsvCell>>(&mut self, cells: I) -> Result<()> {
        let (style, lang) = (self.style, self.lang);
        self.write(cells.into_iter().map(|c| c.written(style, lang)))
    }

    fn write(&mut self, cells: impl Iterator<Item = String>) -> Result<()> {
        self.header_written = true;
        self.writer.write_record(cells)?;
        Ok(())
    }

    pub fn serialize<T: Serialize>(&mut self, row: &T) -> Result<()> {
        let serde_json::Value::Object(map) = serde_json::to_value(row)? else {
            anyhow::bail!("a CSV row must serialise to an object");
        };
        if !self.header_written {
            self.record(map.keys())?;
        }
        self.cells(map.values().map(CsvCell::of))
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

/// A progress bar with rate and time left on stderr for `len` items, worded in `lang`
/// (`bar`) — only when a person is watching (stderr is a terminal) and the work is long
/// enough; hidden otherwise (cron, pipes, tests, `demo`'s single steps).
pub fn progress(len: u64, message: &str, lang: Lang) -> indicatif::ProgressBar {
    if len < PROGRESS_FROM || !watching() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    let (style, message) = bar_style(message, len, bar::Counted::Items, lang);
    bar.set_style(style);
    bar.set_message(message);
    bar
}

/// The style of a progress bar over `len` beside `message`, its counts worded in `lang`, and
/// the message it shows, laid out for the width of the terminal stderr is shown on
/// (`bar::style`: the bar shortened, then the message, so that the line keeps to one row).
pub fn bar_style(
    message: &str,
    len: u64,
    counted: bar::Counted,
    lang: Lang,
) -> (indicatif::ProgressStyle, String) {
    let columns = usize::from(layout::terminal_width().unwrap_or(layout::DEFAULT_WIDTH));
    bar::style(columns, message, len, counted, lang)
}

/// The same bar for a command that streams its data to stdout while it works (`export`,
/// `sweep --format csv`): also hidden when stdout is the same terminal, where the rows
/// would tear it (redirect stdout to a file and the bar shows).
pub fn progress_beside_output(len: u64, message: &str, lang: Lang) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    progress(len, message, lang)
}

pub fn render<T: Listing>(
    out: &mut dyn Write,
    rows: &[T],
    format: Format,
    lang: Lang,
) -> Result<()> {
    render_or_say(out, rows, format, lang, None)
}

/// `render`, except that a table with no row is `nothing` (a sentence) when given: CSV and
/// JSON keep their header and their empty list.
pub fn render_or_say<T: Listing>(
    out: &mut dyn Write,
    rows: &[T],
    format: Format,
    lang: Lang,
    nothing: Option<&str>,
) -> Result<()> {
    let mut listing = ListingWriter::new(out, format, lang, usize::MAX)?;
    for row in rows {
        listing.row(row)?;
    }
    match nothing {
        Some(nothing) => listing.finish_or_say(nothing)?,
        None => listing.finish()?,
    };
    Ok(())
}

/// A listing row's CSV cells, in the order of `T::KEYS`.
fn csv_cells<T: Listing>(row: &T) -> Result<Vec<CsvCell>> {
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
    let empty = || CsvCell::Text(String::new());
    if let Some(mut fields) = cells::fields(row) {
        return Ok(T::KEYS
            .iter()
            .map(|key| {
                fields
                    .iter_mut()
                    .find(|(name, _)| name == key)
                    .map(|(_, cell)| std::mem::replace(cell, empty()))
                    .unwrap_or_else(empty)
            })
            .collect());
    }
    let serde_json::Value::Object(map) = serde_json::to_value(row)? else {
        anyhow::bail!("a listing row must serialise to an object");
    };
    Ok(T::KEYS
        .iter()
        .map(|k| {
            map.get(*k)
                .map(|v| CsvCell::of(v).keyed(k))
                .unwrap_or_else(empty)
        })
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
    /// The held rows as a narrow screen may write them (`Listing::short_cells`), when any
    /// row has such a form.
    held_short: Option<Vec<Vec<String>>>,
    /// Each column of `Listing::same_unshown` with the text every row so far holds in it,
    /// held or not (`None` once two rows differ).
    same: Vec<(usize, Option<String>)>,
    rows: u64,
    /// The command takes `--limit` (`ListingWriter::naming_limit`).
    limit_option: bool,
    /// Columns the query held to one value (`ListingWriter::pinned`), and that value as the
    /// line above the table says it.
    pinned: Option<(Vec<usize>, String)>,
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
            Format::Csv if header => {
                let mut writer = SafeCsv::new(out).speaking(lang);
                writer.head::<T>(lang)?;
                Streamed::Csv(Box::new(writer))
            }
            Format::Csv => Streamed::Csv(Box::new(SafeCsv::continuing(out).speaking(lang))),
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
            held_short: None,
            same: Vec::new(),
            rows: 0,
            limit_option: false,
            pinned: None,
            _row: std::marker::PhantomData,
        })
    }

    /// For a command whose `--limit` a table honours (`list`): the line under a table cut
    /// short names the `--limit` that shows every row there, beside CSV and JSON, which
    /// an operator at the desk does not read.
    pub fn naming_limit(mut self) -> Self {
        self.limit_option = true;
        self
    }

    /// For a listing its query held to one value in `columns` (a handler's own agency, or
    /// `--agency`): a table leaves them out, whatever the rows, and says `said` once above
    /// under the first one's header ("Cơ quan: Sở Xây dựng tỉnh Cà Mau (SXD)."). The same
    /// code in every row of a handler's `list --due` took the room of the round at 80
    /// columns. CSV and JSON keep every column.
    pub fn pinned(mut self, columns: &[usize], said: String) -> Self {
        if !columns.is_empty() {
            self.pinned = Some((columns.to_vec(), said));
        }
        self
    }

    pub fn row(&mut self, row: &T) -> Result<()> {
        self.row_shown(row).map(|_| ())
    }

    /// [`Self::row`], saying whether the row is printed: a table past its rows only counts
    /// it (the line under the table says how many more).
    pub fn row_shown(&mut self, row: &T) -> Result<bool> {
        let mut shown = true;
        match &mut self.out {
            Streamed::Table(_) => {
                let candidates = T::same_unshown();
                if !candidates.is_empty() {
                    // Every row counts, also those past the table's: the line above it
                    // speaks of all of them.
                    let cells = row.cells(self.lang);
                    if self.rows == 0 {
                        self.same = candidates
                            .iter()
                            .map(|&c| (c, cells.get(c).filter(|v| !v.is_empty()).cloned()))
                            .collect();
                    }
                    for (c, value) in &mut self.same {
                        if value.as_ref() != cells.get(*c) {
                            *value = None;
                        }
                    }
                }
                shown = self.held.len() < self.table_rows;
                if shown {
                    let cells = row.cells(self.lang);
                    if let Some(short) = row.short_cells(self.lang) {
                        // The rows before this one read the same short or whole.
                        self.held_short
                            .get_or_insert_with(|| self.held.clone())
                            .push(short);
                    } else if let Some(held_short) = &mut self.held_short {
                        held_short.push(cells.clone());
                    }
                    self.held.push(cells);
                }
            }
            Streamed::Csv(writer) if writer.for_excel() => {
                let cells = csv_cells(row)?
                    .into_iter()
                    .zip(T::KEYS)
                    .map(|(cell, key)| row.excel_word(key, self.lang).map_or(cell, CsvCell::Text));
                writer.cells(cells)?
            }
            Streamed::Csv(writer) => writer.cells(csv_cells(row)?)?,
            Streamed::Json(out) => {
                // serde_json's pretty layout of the row, one level deeper: every newline in
                // it is structural (strings escape theirs), so indenting after each one
                // nests it as `to_writer_pretty` would inside the array.
                let mut text = Vec::new();
                write_json(&mut text, row)?;
                out.write_all(if self.rows == 0 { b"\n  " } else { b",\n  " })?;
                out.write_all(String::from_utf8(text)?.replace('\n', "\n  ").as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(shown)
    }

    /// Ends the listing as `finish` does, except that a table with no row is `nothing`, a
    /// sentence, rather than an empty box of headers the eye has to decode. CSV and JSON keep
    /// their header and `[]`: a program reads them.
    pub fn finish_or_say(self, nothing: &str) -> Result<u64> {
        match self.out {
            Streamed::Table(mut out) if self.rows == 0 => {
                write_paragraph(&mut out, nothing)?;
                out.flush()?;
                Ok(0)
            }
            _ => self.finish(),
        }
    }

    /// Ends the listing; returns how many rows it had.
    pub fn finish(self) -> Result<u64> {
        match self.out {
            Streamed::Table(mut out) => {
                let mut headers: Vec<String> = T::headers(self.lang)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                let mut short_for = T::short_for();
                let (mut drop, mut comfort, mut counts, mut headed, mut prose, mut clipped) = (
                    T::drop_order(),
                    match self.pinned {
                        Some(_) => T::comfort_pinned(),
                        None => T::comfort(),
                    },
                    T::counts(),
                    T::headed(),
                    T::prose(),
                    T::clipped(),
                );
                let mut held = self.held;
                let mut short = self.held_short;
                // A column every row holds the same in (the status of `list --status X`) is
                // said once above the table, not in every row.
                let (pinned, pinned_said) = self.pinned.unzip();
                let pinned = pinned.unwrap_or_default();
                let same: Vec<(usize, String)> = match self.rows {
                    0 | 1 => Vec::new(),
                    _ => self
                        .same
                        .into_iter()
                        .filter_map(|(c, value)| Some((c, value?)))
                        .filter(|(c, _)| *c < headers.len() && !pinned.contains(c))
                        .collect(),
                };
                let mut caption: Vec<String> = Vec::new();
                if let (Some(said), Some(head)) =
                    (pinned_said, pinned.first().and_then(|&c| headers.get(c)))
                {
                    caption.push(format!("{head}: {said}"));
                }
                caption.extend(
                    same.iter()
                        .map(|(c, value)| format!("{}: {value}", headers[*c])),
                );
                let same = same.into_iter().map(|(c, _)| c);
                let mut gone = blank_columns(&T::blank_unshown(), &held);
                gone.extend(same);
                gone.extend(pinned.iter().copied().filter(|&c| c < headers.len()));
                if let Some(short) = &mut short {
                    without_columns(&gone, &mut headers.clone(), short, &mut []);
                }
                without_columns(
                    &gone,
                    &mut headers,
                    &mut held,
                    &mut [
                        &mut drop,
                        &mut comfort,
                        &mut counts,
                        &mut headed,
                        &mut prose,
                        &mut clipped,
                        &mut short_for,
                    ],
                );
                if !caption.is_empty() {
                    write_paragraph(&mut out, &format!("{}.", caption.join(". ")))?;
                }
                let columns = (&drop[..], &comfort[..]);
                let kinds = layout::Kinds {
                    counts: &counts,
                    headed: &headed,
                    prose: &prose,
                    clipped: &clipped,
                };
                // The headers of the columns a screen leaves out of a table of these rows.
                let left_out = |rows: &[Vec<String>], width: u16| {
                    let clean = |cells: &Vec<String>| cells.iter().map(|c| cell(c)).collect();
                    let rows: Vec<Vec<String>> = rows.iter().map(clean).collect();
                    let headers: Vec<String> = headers.iter().map(|h| cell(h)).collect();
                    layout::fit_headed(headers, rows, width.max(layout::MIN_WIDTH), columns, kinds)
                        .1
                };
                // What a table of these rows costs: the columns a screen leaves out, or,
                // with no screen, the width it takes to keep them all.
                let cost = |rows: &[Vec<String>]| match layout::screen_width() {
                    Some(width) => left_out(rows, width).len(),
                    None => {
                        let clean = |cells: &Vec<String>| cells.iter().map(|c| cell(c)).collect();
                        let rows: Vec<Vec<String>> = rows.iter().map(clean).collect();
                        let headers: Vec<String> = headers.iter().map(|h| cell(h)).collect();
                        layout::fit_unscreened(headers, rows, columns, kinds)
                            .width()
                            .map_or(0, usize::from)
                    }
                };
                let wanted = || match layout::screen_width() {
                    _ if short_for.is_empty() => true,
                    None => false,
                    Some(width) => {
                        let gone = left_out(&held, width);
                        short_for
                            .iter()
                            .filter_map(|&c| headers.get(c))
                            .any(|head| gone.contains(&cell(head)))
                    }
                };
                let short = short.filter(|short| wanted() && cost(short) < cost(&held));
                let notes = match &short {
                    Some(short) => short_notes::<T>(&held, short, self.lang),
                    None => Vec::new(),
                };
                let shown = short.unwrap_or(held);
                write_fitted_headed(&mut out, headers, shown, columns, kinds, self.lang)?;
                for note in notes {
                    write_paragraph(&mut out, &note)?;
                }
                let more = self.rows.saturating_sub(self.table_rows as u64);
                if more > 0 && self.limit_option {
                    let (more, all) =
                        (crate::i18n::grouped(more, self.lang), self.rows.to_string());
                    let line = self.lang.pick(
                        format!(
                            "… và {more} dòng khác: xem hết ở đây bằng `--limit {all}`, hoặc bằng --format csv hoặc json."
                        ),
                        format!(
                            "… and {more} more: `--limit {all}` shows them all here, as --format csv or json does."
                        ),
                    );
                    write_message(&mut out, &line)?;
                } else if more > 0 {
                    writeln!(
                        out,
                        "{} {} {}",
                        self.lang.pick("… và", "… and"),
                        crate::i18n::grouped(more, self.lang),
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

/// The lines under a table shown with the `short` cells in place of the `whole` ones: each
/// whole text shortened, once, with the rows (their first cells) it was shortened in.
fn short_notes<T: Listing>(
    whole: &[Vec<String>],
    short: &[Vec<String>],
    lang: Lang,
) -> Vec<String> {
    let mut said: Vec<(String, Vec<String>)> = Vec::new();
    let unnoted = T::short_unnoted();
    for (whole, short) in whole.iter().zip(short) {
        for (column, (text, shortened)) in whole.iter().zip(short).enumerate() {
            if text == shortened || unnoted.contains(&column) {
                continue;
            }
            let id = whole.first().cloned().unwrap_or_default();
            match said.iter_mut().find(|(said, _)| said == text) {
                Some((_, ids)) => ids.push(id),
                None => said.push((text.clone(), vec![id])),
            }
        }
    }
    said.iter()
        .map(|(text, ids)| T::short_note(text, ids, lang))
        .collect()
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
/// A record's table on screen (`layout::record`), control characters removed from every
/// cell; returns the words it shortened with "…", whole, for the caller to say where they
/// are whole (`write_shortened_note`): `show` writes its links whole under the table.
pub fn write_record(out: &mut dyn Write, pairs: &[(String, String)]) -> Result<Vec<String>> {
    let width = layout::record_width(pairs);
    write_record_within(out, pairs, width)
}

/// `write_record` laid out within `width` columns, screen or not: a document meant for a
/// page (`export subject`'s answer) keeps a page's width in a file too.
pub fn write_record_within(
    out: &mut dyn Write,
    pairs: &[(String, String)],
    width: u16,
) -> Result<Vec<String>> {
    let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (cell(k), cell(v))).collect();
    let (table, shortened) = layout::record(pairs, width);
    write_table(out, &table)?;
    Ok(shortened)
}

/// The note under a record of `pairs` whose long words were shortened, wrapped as wide as
/// the record.
pub fn write_shortened_note(
    out: &mut dyn Write,
    pairs: &[(String, String)],
    lang: Lang,
) -> Result<()> {
    let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (cell(k), cell(v))).collect();
    let width = layout::record_width(&pairs);
    writeln!(out, "{}", layout::shortened_note(lang, width))?;
    Ok(())
}

pub fn render_record(
    out: &mut dyn Write,
    pairs: &[(String, String)],
    json: &serde_json::Value,
    format: Format,
    lang: Lang,
) -> Result<()> {
    match format {
        Format::Table => {
            if !write_record(out, pairs)?.is_empty() {
                write_shortened_note(out, pairs, lang)?;
            }
        }
        Format::Json => {
            write_json(out, json)?;
            writeln!(out)?;
        }
        Format::Csv => {
            // A record keeps its fields' names in either style; its yes or no is a word for
            // Excel, as in every listing.
            let mut writer = SafeCsv::new(out).speaking(lang);
            if let serde_json::Value::Object(map) = json {
                let scalars: Vec<(&String, &serde_json::Value)> = map
                    .iter()
                    .filter(|(_, v)| !v.is_array() && !v.is_object())
                    .collect();
                writer.record(scalars.iter().map(|(k, _)| k.as_str()))?;
                writer.cells(scalars.iter().map(|(k, v)| CsvCell::of(v).keyed(k)))?;
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

    /// Every listing's Excel header names each column of the file, once, in both languages:
    /// a header short of a column names the wrong ones after it (the default, the table's
    /// headers, is right only where the table has one column for each key).
    #[test]
    fn every_listing_heads_each_column_of_its_excel_file() {
        fn check<T: Listing>() {
            for lang in [Lang::Vi, Lang::En] {
                let heads = T::excel_heads(lang);
                assert_eq!(heads.len(), T::KEYS.len(), "{heads:?} for {:?}", T::KEYS);
                let distinct: std::collections::BTreeSet<_> = heads.iter().collect();
                assert_eq!(distinct.len(), heads.len(), "{heads:?}");
            }
        }
        check::<sweep::SweepRow>();
        check::<crate::storage::open311::ServiceCode>();
        check::<crate::storage::reference::Field>();
        check::<crate::storage::reference::Agency>();
        check::<crate::storage::reference::Staff>();
        check::<crate::storage::reference::LoginBinding>();
        check::<validate::Verdict>();
        check::<crate::domain::reveals::Access>();
        check::<show::EventRow>();
        check::<workflow::SuggestionRow>();
        check::<routing::RouteRow>();
        check::<ingest::FileSummary>();
        check::<settings::SettingRow>();
        check::<show::ClockRow>();
        check::<show::ListRow>();
        check::<show::OverdueRow>();
        check::<show::DueRow>();
    }

    /// The cleaning `write_json` does, on a value built whole, as JSON output was made
    /// before it was streamed: every string through `printable`, keys included.
    fn json_clean(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(text) => match printable(&text) {
                std::borrow::Cow::Borrowed(_) => Value::String(text),
                std::borrow::Cow::Owned(clean) => Value::String(clean),
            },
            Value::Array(items) => Value::Array(items.into_iter().map(json_clean).collect()),
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(key, value)| (printable(&key).into_owned(), json_clean(value)))
                    .collect(),
            ),
            other => other,
        }
    }

    /// A text, a number or null, and a list of texts: what `streamed_json_is_the_cleaned_value_written`
    /// puts under each key.
    type Entry = (String, Option<f64>, Vec<String>);

    proptest::proptest! {
        /// Streamed JSON is byte for byte what building the value whole, cleaning it with
        /// `json_clean` (below) and writing it indented gave: keys and texts with control
        /// characters, bidirectional controls, quotes, backslashes, newlines and tabs, in
        /// nested maps and lists, numbers and nulls beside them.
        #[test]
        fn streamed_json_is_the_cleaned_value_written(
            entries in proptest::collection::vec(
                ("[a-z\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}\\u{2066}\\\\\"/ ]{0,6}",
                 "[a-zđ\\x00-\\x1f\\x7f-\\x9f\\u{200e}\\u{2028}\\u{2029}\\u{202e}\\u{2069}\\\\\"/\\n\\t\\r ]{0,12}",
                 proptest::option::of(-1.0e6f64..1.0e6)),
                0..6,
            ),
        ) {
            let value: Vec<std::collections::BTreeMap<String, Entry>> =
                entries
                    .iter()
                    .map(|(key, text, number)| {
                        std::iter::once((key.clone(), (text.clone(), *number, vec![key.clone(), text.clone()])))
                            .collect()
                    })
                    .collect();
            let mut streamed = Vec::new();
            write_json(&mut streamed, &value).unwrap();
            let whole = serde_json::to_vec_pretty(&json_clean(serde_json::to_value(&value).unwrap())).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap());
        }
    }

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
            // Numbers to Rust, names of formulas to a spreadsheet.
            "-nan",
            "+inf",
            "-infinity",
            "-NaN",
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
        // Every line break is a space, as LF is: removed, it glued two words.
        assert_eq!(csv_text("a\u{b}b\u{c}c\u{2028}d\u{2029}e"), "a b c d e");
        let mut out = Vec::new();
        let mut csv = SafeCsv::new(&mut out);
        csv.record(["x\u{85}y", " =1+1", "\u{202e}=cmd"]).unwrap();
        csv.flush().unwrap();
        drop(csv);
        assert_eq!(String::from_utf8(out).unwrap(), "x y,' =1+1,'=cmd\n");
    }

    enum Start {
        Style(CsvStyle),
        Bom,
        Continuing,
    }

    fn excel(records: &[Vec<CsvCell>], start: Start) -> String {
        let mut out = Vec::new();
        let mut csv = match start {
            Start::Style(style) => SafeCsv::with_style(&mut out, style),
            Start::Bom => SafeCsv::with_bom(&mut out),
            Start::Continuing => SafeCsv::continuing(&mut out),
        };
        for record in records {
            csv.cells(record.iter().cloned()).unwrap();
        }
        csv.flush().unwrap();
        drop(csv);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_excel_style_gives_numbers_a_decimal_comma_and_leaves_text_alone() {
        let number = |n: &str| CsvCell::Number(n.to_owned());
        let text = |t: &str| CsvCell::Text(t.to_owned());
        let records = [
            vec![text("score"), text("note")],
            vec![number("85.91"), text("85.91, số 3/2; =1+1")],
            vec![number("-0.5"), text("-0.5")],
            vec![number("1234"), text("")],
        ];
        let start = Start::Style(CsvStyle::Excel);
        assert_eq!(
            excel(&records, start),
            "\u{feff}score;note\r\n85,91;\"85.91, số 3/2; =1+1\"\r\n-0,5;-0.5\r\n1234;\r\n"
        );
        let start = Start::Style(CsvStyle::Standard);
        assert_eq!(
            excel(&records, start),
            "score,note\n85.91,\"85.91, số 3/2; =1+1\"\n-0.5,-0.5\n1234,\n"
        );
        // Digits Excel would change are given as text to Excel, and only to Excel.
        let digits = [vec![
            text("0330253150"),
            text("+84330253150"),
            text("1234567890123456"),
            text("330253150"),
            text("0"),
            text("03 3025 3150"),
            text("123456789012"),
            text("12345678901"),
            text("1234e56"),
            text("3b3f73b32fb5"),
        ]];
        let start = Start::Style(CsvStyle::Excel);
        assert_eq!(
            excel(&digits, start),
            "\u{feff}\"=\"\"0330253150\"\"\";\"=\"\"+84330253150\"\"\";\"=\"\"1234567890123456\"\"\";330253150;0;03 3025 3150;\"=\"\"123456789012\"\"\";12345678901;\"=\"\"1234e56\"\"\";3b3f73b32fb5\r\n"
        );
        let start = Start::Style(CsvStyle::Standard);
        assert_eq!(
            excel(&digits, start),
            "0330253150,+84330253150,1234567890123456,330253150,0,03 3025 3150,123456789012,12345678901,1234e56,3b3f73b32fb5\n"
        );
        // A formula in text is inert in either style.
        let formula = [vec![text("=HYPERLINK(\"x\";\"y\")")]];
        let start = Start::Style(CsvStyle::Excel);
        assert_eq!(
            excel(&formula, start),
            "\u{feff}\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"\r\n"
        );
    }

    /// Excel under Vietnamese settings reads a short run of digits split by `/` or `-` as a
    /// day of this year (`12/5` an address's house and alley, `03-04` an app's id: shown
    /// 12/05/2026, 03/04/2026), a month (`10-2026`), an hour (`8:30`) or a negative number
    /// (`(5)`): each is given to Excel as text. A day written in full year first
    /// (`2026-10-04`) stays, as Excel reads the same day.
    #[test]
    fn a_text_excel_would_read_as_a_day_or_an_hour_is_given_as_text() {
        let text = |t: &str| CsvCell::Text(t.to_owned());
        let altered = [
            "12/5",
            "03-04",
            "1-2",
            "3/2",
            "10-2026",
            "2026-10",
            "12/5/2026",
            "1-2-3",
            "8:30",
            "07:00:15",
            "(5)",
        ];
        let kept = [
            "12/5 Lý Thường Kiệt",
            "Đường 3/2",
            "2026-10-04",
            "2026/10/04",
            "CMG-2026-000102",
            "2026-Q3",
            "07:00-11:00,13:00-17:00",
            "1/2/3/4",
            "12345/6",
            "-",
            "(Cổng tiếp nhận)",
        ];
        let row = |cells: &[&str]| vec![cells.iter().map(|c| text(c)).collect::<Vec<_>>()];
        let start = Start::Style(CsvStyle::Excel);
        let written = excel(&row(&altered), start);
        let expected: Vec<String> = altered
            .iter()
            .map(|c| format!("\"=\"\"{c}\"\"\""))
            .collect();
        assert_eq!(written, format!("\u{feff}{}\r\n", expected.join(";")));
        let start = Start::Style(CsvStyle::Excel);
        assert_eq!(
            excel(&row(&kept), start),
            format!("\u{feff}{}\r\n", kept.join(";"))
        );
        // A script's file keeps them as they are.
        let start = Start::Style(CsvStyle::Standard);
        assert_eq!(
            excel(&row(&altered), start),
            format!("{}\n", altered.join(","))
        );
    }

    #[test]
    fn a_byte_order_mark_comes_once_and_only_before_a_record() {
        assert_eq!(excel(&[], Start::Style(CsvStyle::Excel)), "");
        let line = [vec![CsvCell::Text("a".into())]];
        // The run's style is standard here (no run chose another): the score's file has
        // its mark all the same, lines added to a file have none.
        assert_eq!(excel(&line, Start::Bom), "\u{feff}a\n");
        assert_eq!(excel(&line, Start::Continuing), "a\n");
        let two = [line[0].clone(), line[0].clone()];
        let start = Start::Style(CsvStyle::Excel);
        assert_eq!(excel(&two, start), "\u{feff}a\r\na\r\n");
    }
}
