//! What `export` writes and says (`cli::export` hands it over): the rows as `app::export`
//! streams them (Open311 JSON or XML, the public CSV, the staff CSV of every column), its
//! progress bar, how many reports left, with a reminder to keep and delete the file when
//! they carry personal data, and the refusals of an output form the export does not have and
//! of names the log does not vouch for. Nothing here reads the database.

use std::io::Write;

use anyhow::{Result, bail};
use indicatif::ProgressBar;

use super::{CsvCell, Format, SafeCsv};
use crate::domain::open311::{Facts, ServiceRequest};
use crate::domain::report::Report;
use crate::domain::time;
use crate::i18n::{Lang, Localized, count_en};

/// How a writer reads the rows: it hands each one to the visitor it is given
/// (`app::export::Export::each_public`).
pub trait Each<T>: FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()> {}
impl<T, F: FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()>> Each<T> for F {}

/// The export's progress bar, over the reports it covers (`size`, counted only when
/// someone is watching).
pub fn bar(size: impl FnOnce() -> Result<u64>, lang: Lang) -> Result<ProgressBar> {
    if !super::watching() {
        return Ok(ProgressBar::hidden());
    }
    Ok(super::progress_beside_output(
        size()?,
        lang.pick("Xuất", "Exporting"),
    ))
}

/// The closing line of a public export.
pub fn public_exported(count: u64) -> Localized {
    Localized::new(
        format!("Đã xuất {count} phản ánh công khai."),
        format!(
            "{} exported",
            count_en(count, "public report", "public reports")
        ),
    )
}

/// The closing line of the staff export: it is logged, and the file holds personal data.
pub fn full_exported(count: u64) -> Localized {
    Localized::new(
        format!(
            "Đã xuất {count} phản ánh kèm dữ liệu cá nhân (đã ghi nhật ký); hãy giữ tệp an toàn và xóa khi không còn cần."
        ),
        format!(
            "{} exported with personal data (logged); keep the file safe and delete it when no longer needed",
            count_en(count, "report", "reports")
        ),
    )
}

/// The refusal of `wrong`, a format this export has no form in, naming the export that has.
pub fn no_such_form(wrong: Format, instead: &str) -> Localized {
    let name = wrong.name();
    Localized::new(
        format!("Lệnh này không xuất được định dạng {name}; hãy dùng `phananh {instead}`."),
        format!("this export has no {name} form; use `phananh {instead}`"),
    )
}

/// The refusal of a full export (`refused`, the account's refusal, in front): who may take
/// one, and the export anyone may.
pub fn full_refused(refused: &Localized) -> Localized {
    Localized::new(
        format!(
            "{} Xuất toàn bộ (có họ tên, số điện thoại người phản ánh) chỉ dành cho quản trị viên và cán bộ tiếp nhận; bản công khai: `phananh export csv --public`.",
            refused.vi
        ),
        format!(
            "{} — the full export (with reporters' names and phones) is for admin and reception only; the public one: `phananh export csv --public`",
            refused.en
        ),
    )
}

/// The refusal of an export over a name the log does not vouch for (`problem`, what
/// `audit verify` would name): nothing was written.
pub fn names_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    super::audit::unvouched_among(
        problem,
        (
            "danh mục cơ quan, lĩnh vực hoặc mã dịch vụ mà bản xuất ghi tên",
            "the agencies, fields or service codes the export names",
        ),
        ("Không xuất gì", "Nothing was exported"),
    )
}

/// Every public report as a GeoReport v2 response: one JSON array, one request per line.
pub fn open311_json(
    out: &mut dyn Write,
    each: impl Each<ServiceRequest>,
    bar: &ProgressBar,
) -> Result<u64> {
    let mut count = 0u64;
    out.write_all(b"[")?;
    each(&mut |request| {
        out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &request)?;
        count += 1;
        Ok(())
    })?;
    out.write_all(b"\n]\n")?;
    out.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

/// The same response as the standard's XML: `<service_requests>` of `<request>`.
pub fn open311_xml(
    out: &mut dyn Write,
    each: impl Each<ServiceRequest>,
    bar: &ProgressBar,
) -> Result<u64> {
    let mut count = 0u64;
    out.write_all(super::open311::DECLARATION.as_bytes())?;
    writeln!(out, "<service_requests>")?;
    each(&mut |request| {
        super::open311::element(&mut *out, "request", &request)?;
        count += 1;
        Ok(())
    })?;
    writeln!(out, "</service_requests>")?;
    out.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

/// The same public view as CSV, the columns of `ServiceRequest::FIELDS`.
pub fn public_csv(
    out: &mut dyn Write,
    each: impl Each<ServiceRequest>,
    bar: &ProgressBar,
) -> Result<u64> {
    let mut csv = SafeCsv::new(out);
    csv.record(ServiceRequest::FIELDS)?;
    let mut count = 0u64;
    each(&mut |request| {
        let serde_json::Value::Object(map) = serde_json::to_value(&request)? else {
            bail!("a service request serialises to an object");
        };
        csv.cells(ServiceRequest::FIELDS.iter().map(|k| {
            map.get(*k)
                .map_or_else(|| CsvCell::Text(String::new()), |v| CsvCell::of(v).keyed(k))
        }))?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

/// The staff export's columns: every stored attribute, the names of the field and agency,
/// and the latest change and current deadline as in the public view.
const FULL_COLUMNS: [&str; 31] = [
    "id",
    "external_id",
    "submitted_at",
    "occurred_at",
    "status",
    "urgent",
    "confidential",
    "consent",
    "state_secret",
    "field",
    "field_name",
    "agency",
    "agency_name",
    "round",
    "returns",
    "send_backs",
    "rating",
    "result_text",
    "reject_reasons",
    "duplicate_of",
    "content",
    "media",
    "latitude",
    "longitude",
    "address",
    "commune",
    "reporter_name",
    "reporter_phone",
    "category_hint",
    "updated_at",
    "expected_at",
];

fn full_cells(r: &Report, facts: &Facts, lang: Lang) -> [CsvCell; 31] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    // The numbers are marked as such (the Excel style writes a decimal comma); an absent
    // one is an empty cell.
    let number = |v: Option<f64>| CsvCell::Number(v.map(|x| x.to_string()).unwrap_or_default());
    // The moments are `Moment`s: the Excel style writes them as dates and times Excel
    // reads, as a listing's `…_at` columns.
    // An erased identity reads as `show` and `list` say it (the label in the name, the
    // phone empty), not as two empty cells that a report without a name would also have;
    // the columns stay as they are.
    let (name, phone) = if r.identity_erased() {
        (super::show::erased_label(lang).to_owned(), String::new())
    } else {
        (r.reporter_name.clone(), r.reporter_phone.clone())
    };
    [
        CsvCell::Number(r.id.to_string()),
        CsvCell::Text(r.external_id.clone()),
        CsvCell::Moment(time::format(&r.submitted_at)),
        CsvCell::Moment(r.occurred_at.as_ref().map(time::format).unwrap_or_default()),
        CsvCell::Text(r.status.as_str().to_owned()),
        CsvCell::Text(r.urgent.to_string()),
        CsvCell::Text(r.confidential.to_string()),
        CsvCell::Text(r.consent.to_string()),
        CsvCell::Text(r.state_secret.to_string()),
        CsvCell::Text(text(&r.field)),
        CsvCell::Text(text(&facts.field_name)),
        CsvCell::Text(text(&r.agency)),
        CsvCell::Text(text(&facts.agency_name)),
        CsvCell::Number(r.round.to_string()),
        CsvCell::Number(r.returns.to_string()),
        CsvCell::Number(r.send_backs.to_string()),
        CsvCell::Number(r.rating.map(|x| x.to_string()).unwrap_or_default()),
        CsvCell::Text(r.result_text.clone()),
        CsvCell::Text(r.reject_reasons.join(",")),
        CsvCell::Number(r.duplicate_of.map(|x| x.to_string()).unwrap_or_default()),
        CsvCell::Text(r.content.clone()),
        CsvCell::Text(r.media.join("|")),
        number(r.latitude),
        number(r.longitude),
        CsvCell::Text(r.address.clone()),
        CsvCell::Text(r.commune.clone()),
        CsvCell::Text(name),
        CsvCell::Text(phone),
        CsvCell::Text(r.category_hint.clone()),
        CsvCell::Moment(text(&facts.updated_at)),
        CsvCell::Moment(text(&facts.expected_at)),
    ]
}

/// Every report the filter covers, every column.
pub fn full_csv(
    out: &mut dyn Write,
    each: impl FnOnce(&mut dyn FnMut(&Report, &Facts) -> Result<()>) -> Result<()>,
    bar: &ProgressBar,
    lang: Lang,
) -> Result<u64> {
    let mut csv = SafeCsv::new(out);
    csv.record(FULL_COLUMNS)?;
    let mut count = 0u64;
    each(&mut |report, facts| {
        csv.cells(full_cells(report, facts, lang))?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok(count)
}
