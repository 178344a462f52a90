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
        lang,
    ))
}

/// The closing line of a public export.
pub fn public_exported(count: u64) -> Localized {
    Localized::new(
        format!(
            "Đã xuất {count} phản ánh công khai.",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} exported",
            count_en(count, "public report", "public reports")
        ),
    )
}

/// `export open311 --id` given `missing` ids that matched no public report; `number`, one of
/// them written as a report number (phananh's, which `--id` does not take).
pub fn ids_not_found(missing: usize, number: Option<&str>) -> Localized {
    let (vi_number, en_number) = match number {
        Some(n) => (
            format!(
                " “{n}” là số phản ánh phananh cấp, mà --id nhận mã ứng dụng (service_request_id, dòng “Mã ứng dụng” của `show`)."
            ),
            format!(
                " \"{n}\" is a report number phananh assigned, where --id takes the app's id (service_request_id, `show`'s \"External id\")."
            ),
        ),
        None => (String::new(), String::new()),
    };
    Localized::new(
        format!(
            "{missing} mã trong --id không khớp phản ánh công khai nào (không có, hoặc không được công khai).{vi_number}",
            missing = crate::i18n::grouped(missing as u64, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} in --id matched no public report (none such, or not public).{en_number}",
            count_en(missing as u64, "id", "ids")
        ),
    )
}

/// The closing line of the staff export: it is logged, and the file holds personal data.
pub fn full_exported(count: u64) -> Localized {
    Localized::new(
        format!(
            "Đã xuất {count} phản ánh kèm dữ liệu cá nhân (đã ghi nhật ký); hãy giữ tệp an toàn và xóa khi không còn cần.",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} exported with personal data (logged); keep the file safe and delete it when no longer needed",
            count_en(count, "report", "reports")
        ),
    )
}

/// The closing line of the internal export: no identity in it.
pub fn internal_exported(count: u64) -> Localized {
    Localized::new(
        format!(
            "Đã xuất {count} phản ánh, không kèm danh tính người phản ánh (họ tên đã che như `phananh list`, không có số điện thoại).",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} exported without the reporters' identities (names masked as `phananh list` masks them, no phones)",
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

/// An `export csv --out` named for another kind than CSV (`extension` as typed: `.txt`,
/// `.xlsx`, `.json`): the CSV written under it opened as one long line, or in no program.
pub fn out_not_csv(out: &std::path::Path, extension: &str) -> Localized {
    let csv = out.with_extension("csv").display().to_string();
    Localized::new(
        format!(
            "Lệnh export csv chỉ ghi tệp CSV, không ghi được tệp .{extension}: hãy dùng --out {csv}; muốn mở bằng Excel thì thêm --csv excel."
        ),
        format!(
            "export csv writes CSV only and cannot write a .{extension} file: use --out {csv}; for Excel add --csv excel"
        ),
    )
}

/// The refusal of a full export (`refused`, the account's refusal, in front): who may take
/// one, the one without identities, and the export anyone may.
pub fn full_refused(refused: &Localized) -> Localized {
    Localized::new(
        format!(
            "{} Xuất đầy đủ (có họ tên, số điện thoại người phản ánh) chỉ dành cho quản trị viên và cán bộ tiếp nhận; mọi cột nhưng không kèm danh tính (cả lãnh đạo, cán bộ Sở Nội vụ): `phananh export csv --no-identity`; bản công khai: `phananh export csv --public`.",
            refused.vi
        ),
        format!(
            "{} — the full export (with reporters' names and phones) is for admin and reception only; every column without the identities (leaders and auditors too): `phananh export csv --no-identity`; the public one: `phananh export csv --public`",
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

/// The refusal of an export over a file that holds `held` reports while the log has events
/// of `logged`: nothing was written.
pub fn reports_uncounted(logged: u64, held: u64) -> Localized {
    crate::output::storage::reports_uncounted(
        logged,
        held,
        Localized::new(". Không xuất gì.", ". Nothing was exported."),
    )
}

/// The refusal of an export over the calendar or a deadline limit the log does not vouch
/// for (`problem`): the open reports' expected times are counted under them.
pub fn calendar_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    use crate::i18n::Bilingual;
    Localized::new(
        format!(
            "Nhật ký không xác nhận lịch làm việc hoặc thời hạn mà hạn xử lý dự kiến của các phản ánh đang mở được tính theo: {}. Không xuất gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for the calendar or the limits the open reports' expected times are counted under: {problem}. Nothing was exported. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The refusal of an export over an open clock whose deadline, printed as the report's
/// expected time, is not the one the log gives, or over a report waiting on a step whose
/// clock is not open, which would be given none (`domain::clocks::OpenUnvouched`): nothing
/// was written.
pub fn deadline_unlogged(problem: &crate::domain::clocks::OpenUnvouched) -> Localized {
    use crate::domain::clocks::OpenUnvouched;
    let (vi, en) = open_unvouched(problem);
    let (said_vi, said_en) = match problem {
        OpenUnvouched::Deadline(_) => (
            "bản xuất ghi hạn ấy là hạn xử lý dự kiến",
            "the export gives that deadline as the expected time",
        ),
        OpenUnvouched::NotOpen { .. } => (
            "bản xuất sẽ không ghi hạn xử lý dự kiến nào cho nó",
            "the export would give it no expected time",
        ),
        OpenUnvouched::Agency { .. } => (
            "bản xuất đọc thời hạn ấy như dòng của nó ghi",
            "the export reads that clock as its row holds it",
        ),
        OpenUnvouched::Stray { .. } => (
            "bản xuất đọc thời hạn ấy như thời hạn của phản ánh",
            "the export reads that clock as the report's",
        ),
        OpenUnvouched::Twice { .. } => (
            "bản xuất đọc một trong số ấy như thời hạn của phản ánh",
            "the export reads one of them as the report's",
        ),
        OpenUnvouched::Unindexed { .. } => (
            "bản xuất sẽ ghi hạn ấy là hạn xử lý dự kiến mà không kiểm tra",
            "the export would give that deadline as the expected time unchecked",
        ),
    };
    Localized::new(
        format!(
            "{vi}; {said_vi}. Không xuất gì. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "{en}; {said_en}. Nothing was exported. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// What the open duty clocks were found not to be (`domain::clocks::OpenUnvouched`), in
/// both languages, for the sentence each command ends it with (what it would have printed
/// of it, and what to do).
pub fn open_unvouched(problem: &crate::domain::clocks::OpenUnvouched) -> (String, String) {
    use crate::domain::clocks::OpenUnvouched;
    match problem {
        OpenUnvouched::Deadline(edited) => open_deadline_unlogged(edited),
        &OpenUnvouched::NotOpen {
            report_id, stage, ..
        } => duty_not_open(report_id, stage),
        OpenUnvouched::Agency {
            report_id,
            stage,
            agency,
            logged,
            ..
        } => open_agency_unlogged(*report_id, *stage, agency.as_deref(), logged.as_deref()),
        &OpenUnvouched::Stray {
            report_id,
            stage,
            status,
            ..
        } => duty_stray(report_id, stage, status),
        OpenUnvouched::Twice {
            report_id,
            stage,
            clocks,
        } => duty_twice(*report_id, *stage, clocks),
        OpenUnvouched::Unindexed {
            clock,
            report_id,
            stage,
            due_at,
        } => duty_unindexed(*clock, *report_id, *stage, due_at),
    }
}

/// What is wrong with open clock `clock` of report `report_id`, due `due_at`, that the
/// file's index of open clocks leaves out, in both languages, for the sentence each command
/// ends it with.
pub fn duty_unindexed(
    clock: i64,
    report_id: i64,
    stage: crate::domain::deadline::Stage,
    due_at: &str,
) -> (String, String) {
    use super::layout::when_exact;
    use crate::i18n::{Bilingual, Lang};
    let (stage_vi, stage_en) = (stage.vi().to_lowercase(), stage.en().to_lowercase());
    (
        format!(
            "thời hạn {clock} (phản ánh {report_id}, bước {stage_vi}) đang tính, hạn {}, nhưng chỉ mục các thời hạn đang tính của tệp không có nó (bị dựng lại ngoài phananh để bỏ nó ra)",
            when_exact(due_at, Lang::Vi)
        ),
        format!(
            "clock {clock} (report {report_id}, {stage_en} step) runs, due {}, but the file's index of open clocks does not hold it (rebuilt outside phananh to leave it out)",
            when_exact(due_at, Lang::En)
        ),
    )
}

/// What is wrong with report `report_id`'s open `stage` clock, against `agency` where the
/// log gives `logged` (None: the portal), in both languages, for the sentence each command
/// ends it with.
fn open_agency_unlogged(
    report_id: i64,
    stage: crate::domain::deadline::Stage,
    agency: Option<&str>,
    logged: Option<&str>,
) -> (String, String) {
    use crate::i18n::Bilingual;
    let named = |code: Option<&str>, lang: Lang| match code {
        Some(code) => code.to_owned(),
        None => lang.pick("Cổng", "the portal").to_owned(),
    };
    (
        format!(
            "phản ánh {report_id}: thời hạn {} đang tính được tính cho {}, nhưng nhật ký giao phản ánh cho {} (bị sửa ngoài phananh)",
            stage.vi().to_lowercase(),
            named(agency, Lang::Vi),
            named(logged, Lang::Vi),
        ),
        format!(
            "report {report_id}: its open {} clock runs against {}, but the log assigned the report to {} (edited outside phananh)",
            stage.en().to_lowercase(),
            named(agency, Lang::En),
            named(logged, Lang::En),
        ),
    )
}

/// What is wrong with report `report_id`, in `status` (None: no such report, or a status
/// phananh never writes), with an open `stage` clock no step leaves running for it
/// (`domain::clocks::stray_duty`), in both languages, for the sentence each command ends it
/// with.
pub fn duty_stray(
    report_id: i64,
    stage: crate::domain::deadline::Stage,
    status: Option<crate::domain::report::Status>,
) -> (String, String) {
    use crate::i18n::Bilingual;
    let (stage_vi, stage_en) = (stage.vi().to_lowercase(), stage.en().to_lowercase());
    let (is_vi, is_en) = match status {
        Some(status) => (
            format!("đang ở trạng thái “{}”", status.vi()),
            format!("has the status {}", status.as_str()),
        ),
        None => (
            "không có trạng thái nào phananh ghi".to_owned(),
            "has no status phananh writes".to_owned(),
        ),
    };
    (
        format!(
            "phản ánh {report_id} {is_vi} nhưng một thời hạn của bước {stage_vi} vẫn đang tính cho nó (mở lại hoặc thêm ngoài phananh)"
        ),
        format!(
            "report {report_id} {is_en}, but a clock of its {stage_en} step runs for it (opened again or added outside phananh)"
        ),
    )
}

/// What is wrong with report `report_id`, with more than one open `stage` clock (`clocks`),
/// in both languages, for the sentence each command ends it with.
pub fn duty_twice(
    report_id: i64,
    stage: crate::domain::deadline::Stage,
    clocks: &[i64],
) -> (String, String) {
    use crate::i18n::Bilingual;
    let (stage_vi, stage_en) = (stage.vi().to_lowercase(), stage.en().to_lowercase());
    let ids = crate::domain::text::ids_listed(clocks);
    (
        format!(
            "phản ánh {report_id} có {} thời hạn của bước {stage_vi} cùng đang tính ({ids}), mà mỗi bước chỉ mở một (thêm ngoài phananh)",
            clocks.len()
        ),
        format!(
            "report {report_id} has {} open clocks of its {stage_en} step ({ids}), where each step opens one (added outside phananh)",
            clocks.len()
        ),
    )
}

/// What is wrong with report `report_id`, waiting at a step whose `stage` clock is not open,
/// in both languages, for the sentence each command ends it with.
fn duty_not_open(report_id: i64, stage: crate::domain::deadline::Stage) -> (String, String) {
    use crate::i18n::Bilingual;
    let (stage_vi, stage_en) = (stage.vi().to_lowercase(), stage.en().to_lowercase());
    (
        format!(
            "phản ánh {report_id} còn chờ bước {stage_vi} nhưng không có thời hạn nào của bước ấy đang tính (bị dừng hoặc bị xóa ngoài phananh)"
        ),
        format!(
            "report {report_id} still waits on its {stage_en} step, but no clock of that step runs (stopped or deleted outside phananh)"
        ),
    )
}

/// What is wrong with an open clock's deadline, in both languages, for the sentence each
/// command ends it with (through `open_unvouched`).
fn open_deadline_unlogged(edited: &crate::domain::clocks::OpenEdited) -> (String, String) {
    use super::layout::when_exact;
    use crate::i18n::{Bilingual, Lang};
    let report_id = edited.report_id;
    let (stage_vi, stage_en) = (
        edited.stage.vi().to_lowercase(),
        edited.stage.en().to_lowercase(),
    );
    let due_at = &edited.due_at;
    let (vi, en) = match (&edited.logged, edited.counted_in) {
        (_, Some(rule)) => (
            format!(
                "ghi hạn {}, nhưng nhật ký tính hạn ấy theo {}, không như thời hạn ghi",
                when_exact(due_at, Lang::Vi),
                super::duration::counted_in(rule, Lang::Vi)
            ),
            format!(
                "has a deadline of {}, but the log counts it in {}, not as its row does",
                when_exact(due_at, Lang::En),
                super::duration::counted_in(rule, Lang::En)
            ),
        ),
        (Some(logged), None) => (
            format!(
                "ghi hạn {}, nhưng theo nhật ký hạn là {}",
                when_exact(due_at, Lang::Vi),
                when_exact(logged, Lang::Vi)
            ),
            format!(
                "has a deadline of {}, but the log gives {}",
                when_exact(due_at, Lang::En),
                when_exact(logged, Lang::En)
            ),
        ),
        (None, None) => (
            "có lúc bắt đầu không khớp bước nào của phản ánh trong nhật ký".to_owned(),
            "has a start that matches no step of the report in the log".to_owned(),
        ),
    };
    (
        format!("phản ánh {report_id}: thời hạn {stage_vi} đang tính {vi} (bị sửa ngoài phananh)"),
        format!("report {report_id}: its open {stage_en} clock {en} (edited outside phananh)"),
    )
}

/// The failure (exit 5) of an export that left out the reports `ids`, whose rows do not
/// match the log's last seal: edited behind the tool's back, or (`unheld`, with the event)
/// sealed last by an event that does not hold in the chain. The others were exported.
pub fn left_out(ids: &[i64], unheld: &[(i64, i64)]) -> Localized {
    let edited = crate::output::journal::left_out_rows(ids, unheld);
    // "Chúng" stood for one report as for many.
    let (these_vi, these_en) = match ids.len() {
        1 => ("Phản ánh này", "It was"),
        _ => ("Các phản ánh này", "They were"),
    };
    Localized::new(
        format!(
            "{}. {these_vi} không có trong bản xuất; các phản ánh khác đã được xuất. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            edited.vi
        ),
        format!(
            "{}. {these_en} left out of the export; the other reports were exported. Run `phananh audit verify` and tell an admin",
            edited.en
        ),
    )
}

/// The failure (exit 5) of a public view that left out the reports of `hosts` (each with
/// the reports merged into it whose sealed identity the key at `key` does not open): their
/// texts answer those reporters too and cannot be checked to hide their names. None when
/// there is none.
pub fn merged_unopened(
    key: &std::path::Path,
    hosts: &[(i64, Vec<i64>)],
) -> Option<crate::exit::Failure> {
    if hosts.is_empty() {
        return None;
    }
    let key = key.display();
    let left: Vec<i64> = hosts.iter().map(|(host, _)| *host).collect();
    let mut merged: Vec<i64> = hosts.iter().flat_map(|(_, ids)| ids.clone()).collect();
    merged.sort_unstable();
    merged.dedup();
    let (left_vi, left_en) = named_reports(&left);
    let (merged_vi, merged_en) = named_reports(&merged);
    let one = left.len() == 1;
    Some(crate::exit::Failure::integrity(Localized::new(
        format!(
            "Bản xuất công khai đã bỏ {left_vi} ra: khóa {key} không mở được danh tính của {merged_vi} đã gộp vào {}, nên không kiểm tra được nội dung công khai đã ẩn tên người phản ánh ấy hay chưa; các phản ánh khác đã được xuất. Hãy chạy `phananh audit verify`, rồi khôi phục bản sao lưu.",
            if one { "nó" } else { "chúng" },
        ),
        format!(
            "the public export left out {left_en}: the key {key} does not open the identity of {merged_en}, merged into {}, so {} public texts cannot be checked for that reporter's name; the other reports were exported. Run `phananh audit verify`, then restore a backup",
            if one { "it" } else { "them" },
            if one { "its" } else { "their" },
        ),
    )))
}

/// `ids` named as one report or several, in Vietnamese and English.
fn named_reports(ids: &[i64]) -> (String, String) {
    let named = crate::output::journal::edited_named(ids);
    match ids.len() {
        1 => (format!("phản ánh {named}"), format!("report {named}")),
        _ => (format!("các phản ánh {named}"), format!("reports {named}")),
    }
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

/// How the CSV for Excel heads a column of the public export.
enum PublicHead {
    /// As the staff export heads the same value (`full_head`), by that export's key.
    AsFull(&'static str),
    /// Open311's own column, in its words (Vietnamese, English).
    Own(&'static str, &'static str),
}

/// The Excel headers of the columns of `ServiceRequest::FIELDS`, under their names, in
/// their order.
const PUBLIC_HEADS: [(&str, PublicHead); 15] = [
    ("service_request_id", PublicHead::AsFull("external_id")),
    ("status", PublicHead::AsFull("status")),
    (
        "status_notes",
        PublicHead::Own("Ghi chú trạng thái", "Status notes"),
    ),
    ("service_name", PublicHead::Own("Dịch vụ", "Service")),
    (
        "service_code",
        PublicHead::Own("Mã dịch vụ", "Service code"),
    ),
    ("description", PublicHead::AsFull("content")),
    ("agency_responsible", PublicHead::AsFull("agency_name")),
    (
        "service_notice",
        PublicHead::Own("Thông báo của dịch vụ", "Service notice"),
    ),
    ("requested_datetime", PublicHead::AsFull("submitted_at")),
    ("updated_datetime", PublicHead::AsFull("updated_at")),
    ("expected_datetime", PublicHead::AsFull("expected_at")),
    ("address", PublicHead::AsFull("address")),
    ("lat", PublicHead::AsFull("latitude")),
    ("long", PublicHead::AsFull("longitude")),
    ("media_url", PublicHead::AsFull("media")),
];

/// An Open311 status in words: `closed` is a report whose result is published (the
/// status's own word), `open` one still in hand; anything else as it is.
fn open311_status(status: &str, lang: Lang) -> String {
    match status {
        "open" => lang.pick("Đang xử lý", "Open").to_owned(),
        "closed" => lang.pick("Đã công khai", "Closed").to_owned(),
        other => other.to_owned(),
    }
}

/// The same public view as CSV, the columns of `ServiceRequest::FIELDS` (for Excel headed
/// in `lang`, its status in words).
pub fn public_csv(
    out: &mut dyn Write,
    each: impl Each<ServiceRequest>,
    bar: &ProgressBar,
    lang: Lang,
) -> Result<u64> {
    let mut csv = SafeCsv::new(out).speaking(lang);
    let worded = csv.for_excel();
    if worded {
        csv.record(PUBLIC_HEADS.iter().map(|(_, head)| match *head {
            PublicHead::AsFull(key) => full_head(key, lang),
            PublicHead::Own(vi, en) => lang.pick(vi, en),
        }))?;
    } else {
        csv.record(ServiceRequest::FIELDS)?;
    }
    let mut count = 0u64;
    each(&mut |request| {
        let serde_json::Value::Object(map) = serde_json::to_value(&request)? else {
            bail!("a service request serialises to an object");
        };
        csv.cells(ServiceRequest::FIELDS.iter().map(|k| match map.get(*k) {
            Some(serde_json::Value::String(status)) if worded && *k == "status" => {
                CsvCell::Text(open311_status(status, lang))
            }
            Some(v) => CsvCell::of(v).keyed(k),
            None => CsvCell::Text(String::new()),
        }))?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

/// The staff export's columns: every stored attribute, the names of the field and agency,
/// and the latest change and current deadline as in the public view. The CSV for Excel heads
/// each with the words `show` labels the same value with (`show::attribute`), or with those
/// of `FULL_OWN_HEADS` for what `show` does not label so.
const FULL_COLUMNS: [&str; 33] = [
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
    "identity_unopened",
    "identity_erased",
];

/// The Excel headers of the staff export's columns `show` does not label (Vietnamese,
/// English); the public export's CSV for Excel takes the same words for the same values.
const FULL_OWN_HEADS: [(&str, &str, &str); 13] = [
    ("field", "Mã lĩnh vực", "Field code"),
    ("field_name", "Lĩnh vực", "Field"),
    ("agency", "Mã cơ quan", "Agency code"),
    ("agency_name", "Cơ quan xử lý", "Agency"),
    ("returns", "Số lần chuyển trả", "Returns"),
    ("send_backs", "Số lần yêu cầu xử lý lại", "Send-backs"),
    ("latitude", "Vĩ độ", "Latitude"),
    ("longitude", "Kinh độ", "Longitude"),
    (
        "category_hint",
        "Lĩnh vực ứng dụng gợi ý",
        "App's category hint",
    ),
    ("updated_at", "Cập nhật lúc", "Updated"),
    ("expected_at", "Hạn dự kiến", "Expected"),
    (
        "identity_erased",
        super::show::ERASED_HEAD.0,
        super::show::ERASED_HEAD.1,
    ),
    (
        "identity_unopened",
        super::show::UNOPENED_HEAD.0,
        super::show::UNOPENED_HEAD.1,
    ),
];

/// The Excel header of the staff export's column `key`, in `lang`.
fn full_head(key: &'static str, lang: Lang) -> &'static str {
    super::show::attribute(key, lang)
        .or_else(|| {
            FULL_OWN_HEADS
                .iter()
                .find(|(k, ..)| *k == key)
                .map(|&(_, vi, en)| lang.pick(vi, en))
        })
        .unwrap_or(key)
}

/// A report's cells; `worded` writes its status and reasons for rejection in `lang`'s
/// words (the CSV for Excel), else as their codes.
fn full_cells(r: &Report, facts: &Facts, lang: Lang, worded: bool) -> [CsvCell; 33] {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    // The numbers are marked as such (the Excel style writes a decimal comma); an absent
    // one is an empty cell.
    let number = |v: Option<f64>| CsvCell::Number(v.map(|x| x.to_string()).unwrap_or_default());
    // The moments are `Moment`s: the Excel style writes them as dates and times Excel
    // reads, as a listing's `…_at` columns.
    // An erased identity is two empty cells and `identity_erased`, as in `show` and `list`:
    // the label in the name column was read by scripts as the reporter's name, and empty
    // cells alone are also those of a report sent without a name.
    let (name, phone) = if r.identity_erased() {
        (String::new(), String::new())
    } else {
        (r.reporter_name.clone(), r.reporter_phone.clone())
    };
    [
        CsvCell::Number(r.id.to_string()),
        CsvCell::Text(r.external_id.clone()),
        CsvCell::Moment(time::format(&r.submitted_at)),
        CsvCell::Moment(r.occurred_at.as_ref().map(time::format).unwrap_or_default()),
        CsvCell::Text(if worded {
            crate::i18n::Bilingual::text(&r.status, lang).into_owned()
        } else {
            r.status.as_str().to_owned()
        }),
        CsvCell::Flag(r.urgent),
        CsvCell::Flag(r.confidential),
        CsvCell::Flag(r.consent),
        CsvCell::Flag(r.state_secret),
        CsvCell::Text(text(&r.field)),
        CsvCell::Text(text(&facts.field_name)),
        CsvCell::Text(text(&r.agency)),
        CsvCell::Text(text(&facts.agency_name)),
        CsvCell::Number(r.round.to_string()),
        CsvCell::Number(r.returns.to_string()),
        CsvCell::Number(r.send_backs.to_string()),
        CsvCell::Number(r.rating.map(|x| x.to_string()).unwrap_or_default()),
        CsvCell::Text(r.result_text.clone()),
        CsvCell::Text(if worded {
            r.reject_reasons
                .iter()
                .map(|code| super::show::reason_label(code, lang))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            r.reject_reasons.join(",")
        }),
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
        // A sealed identity the key did not open (swapped with `sqlite3`): empty cells and
        // the flag, as `list` gives it (`app::export::each_full`).
        CsvCell::Flag(r.identity_unopened()),
        CsvCell::Flag(r.identity_erased()),
    ]
}

/// Every report the filter covers, every column.
pub fn full_csv(
    out: &mut dyn Write,
    each: impl FnOnce(&mut dyn FnMut(&Report, &Facts) -> Result<()>) -> Result<()>,
    bar: &ProgressBar,
    lang: Lang,
) -> Result<u64> {
    staff_csv(out, each, bar, lang, |_| true)
}

/// The column the internal export leaves out: it has no phone to give, not even masked
/// (`list` gives none either).
const NOT_INTERNAL: &str = "reporter_phone";

/// Every report the filter covers, every column of the staff export but the reporter's
/// phone (`export csv --no-identity`); `reporter_name` holds what `app::export` gives it,
/// the mask `list` prints.
pub fn internal_csv(
    out: &mut dyn Write,
    each: impl FnOnce(&mut dyn FnMut(&Report, &Facts) -> Result<()>) -> Result<()>,
    bar: &ProgressBar,
    lang: Lang,
) -> Result<u64> {
    staff_csv(out, each, bar, lang, |key| key != NOT_INTERNAL)
}

/// The staff export's columns that `kept` keeps, for every report the filter covers.
fn staff_csv(
    out: &mut dyn Write,
    each: impl FnOnce(&mut dyn FnMut(&Report, &Facts) -> Result<()>) -> Result<()>,
    bar: &ProgressBar,
    lang: Lang,
    kept: impl Fn(&str) -> bool,
) -> Result<u64> {
    let mut csv = SafeCsv::new(out).speaking(lang);
    let worded = csv.for_excel();
    csv.record(
        FULL_COLUMNS
            .iter()
            .filter(|key| kept(key))
            .map(|&key| if worded { full_head(key, lang) } else { key }),
    )?;
    let mut count = 0u64;
    each(&mut |report, facts| {
        let cells = full_cells(report, facts, lang, worded);
        csv.cells(
            FULL_COLUMNS
                .iter()
                .zip(cells)
                .filter(|(key, _)| kept(key))
                .map(|(_, cell)| cell),
        )?;
        count += 1;
        Ok(())
    })?;
    csv.flush()?;
    bar.finish_and_clear();
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The public export's Excel header follows the columns it heads, and every header of
    /// either export is a word of its own: a key missing from both tables would head its
    /// column with the machine's name.
    #[test]
    fn every_excel_header_of_the_exports_is_worded() {
        let names: Vec<&str> = PUBLIC_HEADS.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ServiceRequest::FIELDS);
        for lang in [Lang::Vi, Lang::En] {
            for key in FULL_COLUMNS {
                assert_ne!(full_head(key, lang), key, "{lang:?}");
            }
            for (name, head) in &PUBLIC_HEADS {
                if let PublicHead::AsFull(key) = head {
                    assert!(FULL_COLUMNS.contains(key), "{name}: {key}");
                }
            }
        }
    }
}
