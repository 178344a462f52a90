//! Rendering: every listing is built as rows of a `Serialize` struct first, then rendered as
//! a comfy-table table, CSV (English column names, machine values) or JSON. Data goes to
//! stdout; progress and status to stderr.

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
    match format {
        Format::Table => {
            let mut table = new_table();
            table.set_header(T::headers(lang));
            for row in rows {
                table.add_row(row.cells(lang));
            }
            writeln!(out, "{table}")?;
        }
        Format::Csv => {
            // The header is written once, from KEYS, so that scripts get it even when
            // nothing matched.
            let mut writer = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out);
            writer.write_record(T::KEYS)?;
            for row in rows {
                debug_assert_eq!(
                    field_names(row),
                    sorted(T::KEYS.iter().copied()),
                    "Listing::KEYS out of date"
                );
                writer.serialize(row)?;
            }
            writer.flush()?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Html => return Err(html_only_for_reports().into()),
    }
    Ok(())
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
            writeln!(out, "{table}")?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, json)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            if let serde_json::Value::Object(map) = json {
                let scalars: Vec<(&String, String)> = map
                    .iter()
                    .filter(|(_, v)| !v.is_array() && !v.is_object())
                    .map(|(k, v)| (k, scalar(v)))
                    .collect();
                writer.write_record(scalars.iter().map(|(k, _)| k.as_str()))?;
                writer.write_record(scalars.iter().map(|(_, v)| v.as_str()))?;
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
