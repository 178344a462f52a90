//! What `report` and `score` refuse on their command line (`cli::report` hands it on): a
//! file name that asks for another form than `--format` does, or for one the command does
//! not write, `--csv` beside a workbook, no period to score, and options `score --explain`
//! would ignore; and the figures resting on a row the log does not vouch for. Built from
//! the options given and what `app::report` found; nothing here reads a file or the
//! database.

use std::path::Path;

use crate::i18n::Localized;
use crate::output::Format;

/// `--format` given with an `--out` named for a workbook, which is written whatever it says.
pub fn format_beside_workbook(format: Format, out: &Path) -> Localized {
    Localized::new(
        format!(
            "--format {} nhưng tên tệp {} là của sổ tính Excel (.xlsx); bỏ --format hoặc đổi đuôi tên tệp cho khớp.",
            format.name(),
            out.display()
        ),
        format!(
            "--format {} but {} names an Excel workbook (.xlsx); leave out --format or name the file for that format",
            format.name(),
            out.display()
        ),
    )
}

/// An `--out` named for a form (`named`) the command does not write; `kinds`, those it does.
pub fn kind_not_written(named: Format, out: &Path, kinds: &str) -> Localized {
    Localized::new(
        format!(
            "Lệnh này không ghi được dạng {} mà tên tệp {} gợi ra; hãy đặt tên tệp đuôi {kinds} hoặc .xlsx.",
            named.name(),
            out.display()
        ),
        format!(
            "{} asks for {} by its name, which this command does not write; name the file {kinds} or .xlsx",
            out.display(),
            named.name()
        ),
    )
}

/// `--format` and the name of `--out` asking for two forms.
pub fn format_against_name(format: Format, out: &Path, named: Format) -> Localized {
    Localized::new(
        format!(
            "--format {} nhưng tên tệp {} là của dạng {}; hãy chọn một trong hai cho khớp.",
            format.name(),
            out.display(),
            named.name()
        ),
        format!(
            "--format {} but the file {} is named for {}; make the two agree",
            format.name(),
            out.display(),
            named.name()
        ),
    )
}

/// `--csv` (`style`) given with an `--out` named for a workbook (`book`), which needs none.
pub fn csv_style_beside_workbook(style: &str, book: &Path) -> Localized {
    let book = book.display();
    Localized::new(
        format!(
            "--csv {style} chỉ định cách ghi CSV, còn --out {book} là sổ tính Excel (.xlsx), Excel mở đúng mà không cần: hãy bỏ --csv, hoặc đặt tên tệp đuôi .csv."
        ),
        format!(
            "--csv {style} shapes CSV, and --out {book} is an Excel workbook (.xlsx), which Excel opens right without it: leave out --csv, or name the file .csv"
        ),
    )
}

/// `score` with no period (a usage error).
pub fn score_period_missing() -> Localized {
    Localized::new(
        "Thiếu kỳ chấm điểm: thêm --period 2026 (năm), --period 2026-H1 (6 tháng), --period 2026-Q3 (quý), hoặc --year 2026.",
        "the period to score is missing: add --period 2026 (year), --period 2026-H1 (half-year), --period 2026-Q3 (quarter), or --year 2026",
    )
}

/// `--format html` with an `--out` not named .html (`extension`, if any): a document
/// printed from a browser, which no PDF reader opens under another name.
pub fn html_misnamed(out: &Path, extension: Option<&str>) -> Localized {
    let file = out.display();
    let shown = extension.map_or_else(
        || {
            (
                String::from("không có đuôi"),
                String::from("has no extension"),
            )
        },
        |e| (format!("có đuôi .{e}"), format!("ends in .{e}")),
    );
    let html = out.with_extension("html");
    let html = html.display();
    Localized::new(
        format!(
            "--format html ghi một tài liệu HTML, mà tên tệp {file} {}; hãy đặt tên đuôi .html (ví dụ --out {html}), mở tệp bằng trình duyệt rồi in ra giấy hoặc ra PDF (Ctrl+P, chọn “Lưu dưới dạng PDF”).",
            shown.0
        ),
        format!(
            "--format html writes an HTML document, but {file} {}; name it .html (e.g. --out {html}), open it in a browser and print it, on paper or to PDF (Ctrl+P, “Save as PDF”)",
            shown.1
        ),
    )
}

/// `score --explain` with options that shape a file or a format (`given`), which it would
/// ignore; with `--out` (`out`), how to keep the text in a file.
pub fn explain_alone(given: &[String], out: Option<&Path>) -> Localized {
    let (given_vi, given_en) = (given.join(" và "), given.join(" and "));
    let (save_vi, save_en) = match out {
        Some(out) => (
            format!(
                " Cần lưu vào tệp thì chuyển hướng: phananh score --explain > {}",
                out.display()
            ),
            format!(
                "; to keep it in a file, redirect: phananh score --explain > {}",
                out.display()
            ),
        ),
        None => (String::new(), String::new()),
    };
    Localized::new(
        format!(
            "score --explain chỉ in quy tắc chấm điểm dạng chữ ra màn hình: hãy bỏ {given_vi}.{save_vi}"
        ),
        format!(
            "score --explain prints the scoring rule as text on the terminal: leave out {given_en}{save_en}"
        ),
    )
}

/// The refusal (exit 5) of a report or a score whose calendar, settings, agencies or
/// fields hold a row the log does not vouch for (`problem`): nothing was printed.
pub fn figures_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    crate::output::audit::unvouched_among(
        problem,
        (
            "lịch hoặc thiết lập, hay danh mục cơ quan, lĩnh vực mà báo cáo, điểm dựa vào",
            "the calendar or settings, or the agencies and fields, the report and the scores are computed from",
        ),
        ("Không in gì", "Nothing was printed"),
    )
}
