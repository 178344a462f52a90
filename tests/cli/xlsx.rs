//! A reader of the workbooks phananh writes, for the tests that read them back cell by cell
//! (papers.rs): every sheet by name, in the workbook's order, as rows of cells. It owns no
//! assertion about the product.
//!
//! An xlsx file is a zip of XML parts (ECMA-376): `xl/workbook.xml` names the sheets and
//! its relationships say which part holds each, `xl/sharedStrings.xml` holds the text that
//! cells point to, `xl/styles.xml` says how each cell's number is formatted. Read here with
//! the zip crate the product already builds (through rust_xlsxwriter) and roxmltree, rather
//! than a spreadsheet crate that brought its own XML parser, encodings and number parsers
//! into every cold `cargo test` (docs/testing.md, "Issue 15 point 8"). As a spreadsheet
//! reader would, it tells a date or time apart from a number by the cell's format, so a date
//! where a count belongs still fails a test.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// No value (absent, or written without one).
    Empty,
    Float(f64),
    String(String),
    Bool(bool),
    /// A number shown as a date or a time (by its cell's format): Excel's serial day.
    DateTime(f64),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

/// Every sheet of the workbook at `path`: name → rows of cells, from the first row and column
/// that hold a value to the last (a row shorter than the widest is filled with `Empty`).
pub fn workbook(path: &Path) -> BTreeMap<String, Vec<Vec<Data>>> {
    let file = std::fs::File::open(path).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx workbook (a zip)");
    let mut part = |name: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(name)
            .ok()?
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        Some(text)
    };
    let book = part("xl/workbook.xml").expect("xl/workbook.xml");
    let rels = part("xl/_rels/workbook.xml.rels").expect("xl/_rels/workbook.xml.rels");
    let shared = part("xl/sharedStrings.xml");
    let styles = part("xl/styles.xml");

    let rels = parse(&rels);
    let targets: HashMap<&str, &str> = rels
        .descendants()
        .filter(|n| n.has_tag_name("Relationship"))
        .map(|n| (attr(n, "Id"), attr(n, "Target")))
        .collect();
    let strings = shared.as_deref().map(shared_strings).unwrap_or_default();
    let dates = styles.as_deref().map(date_styles).unwrap_or_default();

    let book = parse(&book);
    let mut sheets = BTreeMap::new();
    for sheet in book
        .descendants()
        .filter(|n| n.has_tag_name((MAIN, "sheet")))
    {
        let name = attr(sheet, "name").to_owned();
        let id = sheet
            .attribute((RELATIONSHIPS, "id"))
            .expect("a sheet's relationship");
        let target = targets[id];
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        let xml = part(&path).unwrap_or_else(|| panic!("no part {path} for sheet {name}"));
        sheets.insert(name, cells(&xml, &strings, &dates));
    }
    sheets
}

/// Every sheet of the workbook at `path` as `workbook` reads it, from its header row on:
/// a statistical sheet states its unit on a line above its table ("Đơn vị tính: phản ánh",
/// alone in the last column), which this leaves out for the tests that read the table by
/// position. The header row is the first whose first cell holds a value.
pub fn tables(path: &Path) -> BTreeMap<String, Vec<Vec<Data>>> {
    workbook(path)
        .into_iter()
        .map(|(name, mut rows)| {
            let header = rows
                .iter()
                .position(|row| row.first().is_some_and(|cell| *cell != Data::Empty))
                .unwrap_or(rows.len());
            rows.drain(..header);
            (name, rows)
        })
        .collect()
}

/// The number format of the cell at `reference` ("A2") of the sheet `sheet`: its code
/// ("#,##0", "0", "General" for none), so that a test tells a grouped count from a number
/// that names something.
pub fn format_code(path: &Path, sheet: &str, reference: &str) -> String {
    cell_style(path, sheet, reference).format
}

/// Whether the cell at `reference` of the sheet `sheet` wraps its text within its column.
pub fn wraps(path: &Path, sheet: &str, reference: &str) -> bool {
    cell_style(path, sheet, reference).wraps
}

/// How the cell at `reference` of the sheet `sheet` sets its text: its horizontal alignment
/// ("right"; None for Excel's general one), and whether its font is italic.
pub fn text_style(path: &Path, sheet: &str, reference: &str) -> (Option<String>, bool) {
    let style = cell_style(path, sheet, reference);
    (style.horizontal, style.italic)
}

/// What a cell's style says: its number format's code, whether its text wraps, its
/// horizontal alignment and whether its font is italic.
struct CellStyle {
    format: String,
    wraps: bool,
    horizontal: Option<String>,
    italic: bool,
}

fn cell_style(path: &Path, sheet: &str, reference: &str) -> CellStyle {
    let mut part = parts(path);
    let (book, rels, styles) = (
        part("xl/workbook.xml"),
        part("xl/_rels/workbook.xml.rels"),
        part("xl/styles.xml"),
    );
    let (book, rels, styles) = (parse(&book), parse(&rels), parse(&styles));
    let id = book
        .descendants()
        .find(|n| n.has_tag_name((MAIN, "sheet")) && n.attribute("name") == Some(sheet))
        .and_then(|n| n.attribute((RELATIONSHIPS, "id")))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let xml = part(&sheet_part(&rels, id));
    let doc = parse(&xml);
    let style: usize = doc
        .descendants()
        .find(|n| n.has_tag_name((MAIN, "c")) && n.attribute("r") == Some(reference))
        .unwrap_or_else(|| panic!("no cell {reference} in {sheet}"))
        .attribute("s")
        .unwrap_or("0")
        .parse()
        .unwrap();
    let xf = styles
        .descendants()
        .find(|n| n.has_tag_name((MAIN, "cellXfs")))
        .and_then(|xfs| {
            xfs.children()
                .filter(|n| n.has_tag_name((MAIN, "xf")))
                .nth(style)
        })
        .expect("the cell's style");
    let alignment = xf.children().find(|n| n.has_tag_name((MAIN, "alignment")));
    let wraps = alignment
        .and_then(|n| n.attribute("wrapText"))
        .is_some_and(|w| w == "1" || w == "true");
    let horizontal = alignment
        .and_then(|n| n.attribute("horizontal"))
        .map(str::to_owned);
    let font: usize = xf.attribute("fontId").unwrap_or("0").parse().unwrap();
    let italic = styles
        .descendants()
        .find(|n| n.has_tag_name((MAIN, "fonts")))
        .and_then(|fonts| {
            fonts
                .children()
                .filter(|n| n.has_tag_name((MAIN, "font")))
                .nth(font)
        })
        .and_then(|font| font.children().find(|n| n.has_tag_name((MAIN, "i"))))
        .is_some_and(|i| i.attribute("val").is_none_or(|v| v == "1" || v == "true"));
    let format: u32 = xf.attribute("numFmtId").unwrap_or("0").parse().unwrap();
    let format = match styles
        .descendants()
        .find(|n| n.has_tag_name((MAIN, "numFmt")) && attr(*n, "numFmtId") == format.to_string())
    {
        Some(custom) => attr(custom, "formatCode").to_owned(),
        // The built-in ones phananh may use (ECMA-376 part 1, 18.8.30).
        None => match format {
            0 => "General",
            1 => "0",
            2 => "0.00",
            3 => "#,##0",
            4 => "#,##0.00",
            other => panic!("built-in number format {other}"),
        }
        .to_owned(),
    };
    CellStyle {
        format,
        wraps,
        horizontal,
        italic,
    }
}

/// How each sheet prints, by name: the text of its page header (Excel's codes `&C`, `&&`
/// as written; None without one), and whether its first row repeats atop every printed page
/// (a `_xlnm.Print_Titles` defined name for the sheet).
pub fn print_setup(path: &Path) -> BTreeMap<String, (Option<String>, bool)> {
    let mut part = parts(path);
    let (book, rels) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"));
    let (book, rels) = (parse(&book), parse(&rels));
    let titled: Vec<usize> = book
        .descendants()
        .filter(|n| {
            n.has_tag_name((MAIN, "definedName"))
                && n.attribute("name") == Some("_xlnm.Print_Titles")
        })
        .filter_map(|n| n.attribute("localSheetId")?.parse().ok())
        .collect();
    let mut out = BTreeMap::new();
    for (index, sheet) in book
        .descendants()
        .filter(|n| n.has_tag_name((MAIN, "sheet")))
        .enumerate()
    {
        let id = sheet.attribute((RELATIONSHIPS, "id")).unwrap();
        let xml = part(&sheet_part(&rels, id));
        let doc = parse(&xml);
        let header = doc
            .descendants()
            .find(|n| n.has_tag_name((MAIN, "oddHeader")))
            .map(|n| n.text().unwrap_or_default().to_owned());
        out.insert(
            attr(sheet, "name").to_owned(),
            (header, titled.contains(&index)),
        );
    }
    out
}

/// How a sheet's pages are laid out when printed (`page_setup`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSetup {
    /// `pageSetup`'s `paperSize` (9 is A4; Excel's default, Letter, when absent).
    pub paper: Option<String>,
    pub orientation: Option<String>,
    /// `sheetPr/pageSetUpPr fitToPage`: the scale is fit to pages, not a percentage.
    pub fit_to_page: bool,
    /// `fitToWidth` and `fitToHeight` as written (Excel reads an absent one as 1).
    pub fit_width: Option<String>,
    pub fit_height: Option<String>,
    /// The text of the sheet's `_xlnm.Print_Titles` (`'Sheet'!$A:$B,'Sheet'!$1:$1`).
    pub titles: Option<String>,
}

/// Each sheet's page layout, by name.
pub fn page_setup(path: &Path) -> BTreeMap<String, PageSetup> {
    let mut part = parts(path);
    let (book, rels) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"));
    let (book, rels) = (parse(&book), parse(&rels));
    let titles = |index: usize| {
        book.descendants()
            .find(|n| {
                n.has_tag_name((MAIN, "definedName"))
                    && n.attribute("name") == Some("_xlnm.Print_Titles")
                    && n.attribute("localSheetId") == Some(index.to_string().as_str())
            })
            .map(|n| n.text().unwrap_or_default().to_owned())
    };
    let mut out = BTreeMap::new();
    for (index, sheet) in book
        .descendants()
        .filter(|n| n.has_tag_name((MAIN, "sheet")))
        .enumerate()
    {
        let id = sheet.attribute((RELATIONSHIPS, "id")).unwrap();
        let xml = part(&sheet_part(&rels, id));
        let doc = parse(&xml);
        let setup = doc
            .descendants()
            .find(|n| n.has_tag_name((MAIN, "pageSetup")));
        let of = |name: &str| setup.and_then(|n| n.attribute(name)).map(str::to_owned);
        let fit_to_page = doc
            .descendants()
            .find(|n| n.has_tag_name((MAIN, "pageSetUpPr")))
            .and_then(|n| n.attribute("fitToPage"))
            .is_some_and(|v| v == "1" || v == "true");
        out.insert(
            attr(sheet, "name").to_owned(),
            PageSetup {
                paper: of("paperSize"),
                orientation: of("orientation"),
                fit_to_page,
                fit_width: of("fitToWidth"),
                fit_height: of("fitToHeight"),
                titles: titles(index),
            },
        );
    }
    out
}

/// The parts of the workbook at `path`, each read whole by its name in the zip.
fn parts(path: &Path) -> impl FnMut(&str) -> String {
    let file = std::fs::File::open(path).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx workbook (a zip)");
    move |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut text)
            .unwrap();
        text
    }
}

/// The name of the part holding the sheet the workbook's relationship `id` points at.
fn sheet_part(rels: &Document, id: &str) -> String {
    let target = rels
        .descendants()
        .find(|n| n.has_tag_name("Relationship") && n.attribute("Id") == Some(id))
        .map(|n| attr(n, "Target"))
        .unwrap_or_else(|| panic!("no relationship {id}"));
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{target}"),
    }
}

fn parse(xml: &str) -> Document<'_> {
    Document::parse(xml).expect("well-formed XML")
}

fn attr<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> without {name}", node.tag_name().name()))
}

/// The text of `node`'s `<t>` elements, phonetic runs (`<rPh>`) left out.
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|n| n.has_tag_name((MAIN, "t")))
        .filter(|t| !t.ancestors().any(|a| a.has_tag_name((MAIN, "rPh"))))
        .filter_map(|t| t.text())
        .collect()
}

fn shared_strings(xml: &str) -> Vec<String> {
    parse(xml)
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((MAIN, "si")))
        .map(text_of)
        .collect()
}

/// For each cell style (`s` of a cell), whether it shows a number as a date or a time.
fn date_styles(xml: &str) -> Vec<bool> {
    let doc = parse(xml);
    let custom: HashMap<u32, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((MAIN, "numFmt")))
        .map(|n| (attr(n, "numFmtId").parse().unwrap(), attr(n, "formatCode")))
        .collect();
    let Some(xfs) = doc
        .descendants()
        .find(|n| n.has_tag_name((MAIN, "cellXfs")))
    else {
        return Vec::new();
    };
    xfs.children()
        .filter(|n| n.has_tag_name((MAIN, "xf")))
        .map(|xf| {
            let id: u32 = xf.attribute("numFmtId").unwrap_or("0").parse().unwrap();
            match custom.get(&id) {
                Some(code) => is_date_code(code),
                // The built-in formats of dates and times (ECMA-376 part 1, 18.8.30).
                None => matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58),
            }
        })
        .collect()
}

/// Whether a format code shows a date or a time: a d, m, y, h or s outside quoted text,
/// escapes and brackets (colours, conditions; but `[h]` is elapsed hours).
fn is_date_code(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&b| b != ']').collect();
                if matches!(
                    inside.to_ascii_lowercase().as_str(),
                    "h" | "hh" | "m" | "mm" | "s" | "ss"
                ) {
                    return true;
                }
            }
            c if "dmyhsDMYHS".contains(c) => return true,
            _ => {}
        }
    }
    false
}

/// "BC12" → (row 11, column 54), both from 0.
fn position(reference: &str) -> (usize, usize) {
    let letters = reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let (column, row) = reference.split_at(letters);
    let column = column.chars().fold(0, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1)
    });
    let row: usize = row
        .parse()
        .unwrap_or_else(|_| panic!("a cell reference: {reference}"));
    (row - 1, column - 1)
}

fn cells(xml: &str, strings: &[String], dates: &[bool]) -> Vec<Vec<Data>> {
    let doc = parse(xml);
    let mut found: Vec<((usize, usize), Data)> = Vec::new();
    for c in doc.descendants().filter(|n| n.has_tag_name((MAIN, "c"))) {
        let at = position(attr(c, "r"));
        let value = c
            .children()
            .find(|n| n.has_tag_name((MAIN, "v")))
            .map(|v| v.text().unwrap_or_default().to_owned());
        let data = match (c.attribute("t"), value) {
            (Some("inlineStr"), _) => c
                .children()
                .find(|n| n.has_tag_name((MAIN, "is")))
                .map_or(Data::Empty, |is| Data::String(text_of(is))),
            (_, None) => Data::Empty,
            (Some("s"), Some(v)) if v.is_empty() => Data::Empty,
            (Some("s"), Some(v)) => {
                let index: usize = v.parse().expect("a shared string's index");
                Data::String(strings.get(index).cloned().unwrap_or_else(|| {
                    panic!("cell {} points past the shared strings", attr(c, "r"))
                }))
            }
            (Some("str" | "d"), Some(v)) => Data::String(v),
            (Some("b"), Some(v)) => Data::Bool(v == "1" || v == "true"),
            (Some("e"), Some(v)) => Data::Error(v),
            (Some("n") | None, Some(v)) if v.is_empty() => Data::Empty,
            (Some("n") | None, Some(v)) => match v.parse::<f64>() {
                Ok(n) => {
                    let style: usize = c.attribute("s").unwrap_or("0").parse().unwrap();
                    if dates.get(style).copied().unwrap_or(false) {
                        Data::DateTime(n)
                    } else {
                        Data::Float(n)
                    }
                }
                Err(_) => Data::String(v),
            },
            (Some(other), _) => panic!("cell {} of unknown type {other}", attr(c, "r")),
        };
        if data != Data::Empty {
            found.push((at, data));
        }
    }
    let Some(first_row) = found.iter().map(|((r, _), _)| *r).min() else {
        return Vec::new();
    };
    let first_column = found.iter().map(|((_, c), _)| *c).min().unwrap();
    let last_row = found.iter().map(|((r, _), _)| *r).max().unwrap();
    let last_column = found.iter().map(|((_, c), _)| *c).max().unwrap();
    let mut rows =
        vec![vec![Data::Empty; last_column - first_column + 1]; last_row - first_row + 1];
    for ((r, c), data) in found {
        rows[r - first_row][c - first_column] = data;
    }
    rows
}

#[test]
fn a_date_or_time_format_is_told_apart_from_a_number_format() {
    // phananh's own formats (src/output/report/xlsx.rs) are numbers.
    for number in [
        "General",
        "#,##0",
        "#,##0.00",
        "0.0%",
        "[Red]0.00",
        "\"dd\" 0",
    ] {
        assert!(!is_date_code(number), "{number}");
    }
    for date in ["dd/mm/yyyy", "hh:mm", "[h]:mm", "d-mmm", "yyyy\\-mm"] {
        assert!(is_date_code(date), "{date}");
    }
    assert_eq!(position("A1"), (0, 0));
    assert_eq!(position("BC12"), (11, 54));
}
