//! Excel workbooks (`--out F.xlsx`) for the periodic report and the score: one sheet per
//! table, the line that says what its figures count above it where they count something, a
//! bold header row that stays in view and repeats on every printed page, each
//! sheet printed on A4 across and fit to one page's width, numbers written as numbers with
//! display formats that Excel shows in the reader's own convention (a Vietnamese Windows
//! shows `88,13` and `1.234`), days and moments as Excel's dates (so that they sort and
//! filter as dates) shown as the document's language writes them, text as text. The
//! workbook's creation time is the report's "as of" moment, not the clock, so the same data
//! gives the same document.

use anyhow::Result;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use crate::domain::time;
use crate::i18n::Lang;

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number: `1.234` in Vietnamese.
    Count,
    /// A number that names something (a report's): `2040`, never grouped.
    Id,
    /// Two decimals: `88,13`.
    Decimal,
    /// A share as a percentage with one decimal: `12,5%`.
    Percent,
    /// As written (a weight from the settings).
    Weight,
    /// A day (an Excel date serial): `31/10/2026` in Vietnamese, `2026-10-31` in English.
    Day,
    /// A moment in Vietnam's time (a serial with the time of day): `31/10/2026 09:30`.
    Moment,
    /// The same to the second, for the "as of" moment: `01/11/2026 08:00:45`.
    Instant,
}

/// Excel's serial of a day: days since 30 December 1899 (its day 1 is 1 January 1900, and
/// it counts a 29 February 1900 that never was; every day after it comes out right).
pub fn day_serial(day: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid day");
    (day - epoch).num_days() as f64
}

/// Excel's serial of a moment as Vietnam's clocks show it (a stored time carries its offset;
/// a workbook's dates have none, and its readers are in Vietnam).
pub fn moment_serial(stored: &str) -> Option<f64> {
    let local: NaiveDateTime = time::stored(stored)?
        .with_timezone(&time::vietnam())
        .naive_local();
    let seconds = local.num_seconds_from_midnight();
    Some(day_serial(local.date()) + f64::from(seconds) / 86_400.0)
}

/// One cell: text, or a number (None: left empty, as "no score" is).
pub enum Cell {
    Text(String),
    Number(Kind, Option<f64>),
}

impl Cell {
    /// A day, as a date.
    pub fn day(day: NaiveDate) -> Cell {
        Cell::Number(Kind::Day, Some(day_serial(day)))
    }

    /// The "as of" moment, to the second: a file made at 08:00:45 is told apart from one
    /// made at 08:00, and re-made with the `--now` it shows.
    pub fn instant(stored: &str, lang: Lang) -> Cell {
        moment_serial(stored).map_or_else(
            || Cell::Text(super::as_of_in(stored, lang)),
            |serial| Cell::Number(Kind::Instant, Some(serial)),
        )
    }
}

pub struct Book {
    workbook: Workbook,
    names: Vec<String>,
    lang: Lang,
    /// What every printed page says at its head: a sheet printed alone (the late cases, the
    /// scores) is otherwise a page that no period or moment tells from another.
    printed: String,
}

/// Excel's page header or footer: centred, its `&` doubled so that none reads as a code, cut
/// to what Excel keeps (fewer than 256 characters with the codes; a longer one it drops).
fn page_text(text: &str) -> String {
    let mut out = String::from("&C");
    for c in text.chars() {
        let more = if c == '&' { 2 } else { 1 };
        if out.chars().count() + more > 250 {
            out.push('…');
            break;
        }
        out.push(c);
        if c == '&' {
            out.push('&');
        }
    }
    out
}

/// The widest a text column is made, in characters; a longer text wraps within it.
const WIDEST_TEXT: usize = 60;

fn format_of(kind: Kind, lang: Lang) -> Format {
    match kind {
        Kind::Count => Format::new().set_num_format("#,##0"),
        Kind::Id => Format::new().set_num_format("0"),
        Kind::Decimal => Format::new().set_num_format("#,##0.00"),
        Kind::Percent => Format::new().set_num_format("0.0%"),
        // Written out, not Excel's regional short date: an English reader's Excel would show
        // 10/03/2026 for October or for March depending on its country.
        Kind::Day => Format::new().set_num_format(lang.pick("dd/mm/yyyy", "yyyy-mm-dd")),
        Kind::Instant => {
            Format::new().set_num_format(lang.pick("dd/mm/yyyy hh:mm:ss", "yyyy-mm-dd hh:mm:ss"))
        }
        Kind::Moment => {
            Format::new().set_num_format(lang.pick("dd/mm/yyyy hh:mm", "yyyy-mm-dd hh:mm"))
        }
        Kind::Text | Kind::Weight => Format::new(),
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(28)
        .collect();
    let mut name = clean.trim().to_owned();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{} {n}", clean.trim());
        n += 1;
    }
    name
}

impl Book {
    /// A workbook dated `as_of` (canonical RFC 3339), its days written as `lang` writes them,
    /// each printed page headed by `printed`.
    pub fn new(as_of: &str, printed: &str, lang: Lang) -> Result<Book> {
        let mut workbook = Workbook::new();
        if let Some(t) = time::stored(as_of).map(|t| t.naive_utc()) {
            // The file records its creation in UTC.
            let created = ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?
                .and_hms(t.hour() as u16, t.minute() as u8, t.second() as u8)?;
            workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        }
        Ok(Book {
            workbook,
            names: Vec::new(),
            lang,
            printed: page_text(printed),
        })
    }

    /// Adds a sheet with a header row and the rows below it, and above them, when given, the
    /// line that says what the figures count ("Đơn vị tính: phản ánh", `super::unit_line`).
    pub fn table(
        &mut self,
        name: &str,
        unit: Option<&str>,
        heads: &[&str],
        rows: impl IntoIterator<Item = Vec<Cell>>,
    ) -> Result<()> {
        let name = sheet_name(name, &self.names);
        self.names.push(name.clone());
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(&name)?;
        // The unit above the table's right edge, in italics, as an administrative report
        // states it: written in the last column and right-aligned, it runs leftwards over the
        // empty cells beside it rather than widening that column or being cut, and no merged
        // cell gets in the way of sorting or copying the table.
        let head_row = u32::from(unit.is_some());
        if let Some(unit) = unit {
            let italic = Format::new().set_italic().set_align(FormatAlign::Right);
            let last = heads.len().saturating_sub(1) as u16;
            sheet.write_string_with_format(0, last, unit, &italic)?;
        }
        let bold = Format::new().set_bold().set_text_wrap();
        // A text longer than its column's widest (a case's content, a paragraph of the
        // notes) wraps within the column: left to run on, it spread a printed sheet over
        // pages side by side, or was cut at the next filled cell.
        let long = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count().min(30)).collect();
        for (col, head) in heads.iter().enumerate() {
            sheet.write_string_with_format(head_row, col as u16, *head, &bold)?;
        }
        for (i, row) in rows.into_iter().enumerate() {
            let r = i as u32 + head_row + 1;
            for (col, cell) in row.into_iter().enumerate() {
                let c = col as u16;
                if widths.len() <= col {
                    widths.push(8);
                }
                match cell {
                    Cell::Text(text) if text.is_empty() => {}
                    Cell::Text(text) => {
                        // As a table shows it: no control character, no bidirectional
                        // override to make a cell read otherwise than its data.
                        let text = crate::output::printable(&text);
                        let chars = text.chars().count();
                        widths[col] = widths[col].max(chars.min(WIDEST_TEXT));
                        if chars > WIDEST_TEXT {
                            sheet.write_string_with_format(r, c, text.as_ref(), &long)?;
                        } else {
                            sheet.write_string(r, c, text.as_ref())?;
                        }
                    }
                    Cell::Number(_, None) => {}
                    Cell::Number(kind, Some(value)) => {
                        let wide = match kind {
                            Kind::Moment => 16,
                            Kind::Instant => 19,
                            _ => 10,
                        };
                        widths[col] = widths[col].max(wide);
                        let format = format_of(kind, self.lang);
                        sheet.write_number_with_format(r, c, value, &format)?;
                    }
                }
            }
        }
        for (col, width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, (*width).max(6) as f64 + 2.0)?;
        }
        sheet.set_freeze_panes(head_row + 1, 0)?;
        // Printed, each page says what it is and carries the header row, and is numbered.
        sheet.set_header(self.printed.as_str());
        sheet.set_footer(self.lang.pick("&CTrang &P/&N", "&CPage &P of &N"));
        sheet.set_repeat_rows(head_row, head_row)?;
        // A4 (paper size 9) across, every column on one page's width: a score's 16 columns
        // printed four pages wide, "Điểm" and "Xếp hạng" pages away from the agency they
        // belong to (docs/rules.md §5). The pages run down as long as the rows need.
        sheet.set_paper_size(9);
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        Ok(())
    }

    /// Repeats the first `count` columns of the sheet added last (an agency's code and
    /// name) at the left of every printed page, as its header row repeats atop each.
    pub fn repeat_columns(&mut self, count: u16) -> Result<()> {
        if let (Some(name), Some(last)) = (self.names.last(), count.checked_sub(1)) {
            self.workbook
                .worksheet_from_name(name)?
                .set_repeat_columns(0, last)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>> {
        Ok(self.workbook.save_to_buffer()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        let taken = vec!["Tổng hợp".to_owned()];
        assert_eq!(sheet_name("Tổng hợp", &taken), "Tổng hợp 2");
        assert_eq!(sheet_name("a/b:c", &[]), "a b c");
        assert!(sheet_name(&"x".repeat(40), &[]).chars().count() <= 31);
    }

    /// A page header keeps a literal `&` and stays within what Excel writes.
    #[test]
    fn a_page_header_escapes_its_ampersands_and_fits_excel() {
        assert_eq!(page_text("A & B"), "&CA && B");
        let long = page_text(&"&".repeat(300));
        assert!(long.chars().count() < 256, "{}", long.chars().count());
        let rest = long.strip_prefix("&C").unwrap().trim_end_matches('…');
        assert!(rest.len().is_multiple_of(2), "no & left alone: {rest}");
    }

    #[test]
    fn days_and_moments_are_excel_serials_in_vietnams_time() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Excel's own serials: 1 March 1900 is 61, 1 January 2026 is 46023.
        assert_eq!(day_serial(day(1900, 3, 1)), 61.0);
        assert_eq!(day_serial(day(2026, 1, 1)), 46023.0);
        // 02:30 UTC is 09:30 in Vietnam, the same day; 20:00 UTC is 03:00 the next day.
        assert_eq!(
            moment_serial("2026-01-01T02:30:00Z"),
            Some(46023.0 + 9.5 / 24.0)
        );
        assert_eq!(
            moment_serial("2026-01-01T20:00:00+00:00"),
            Some(46024.0 + 3.0 / 24.0)
        );
        assert_eq!(moment_serial("not a time"), None);
    }
}
