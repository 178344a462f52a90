//! What `report` and `score` refuse on their command line (`cli::report` hands it on): a
//! file name that asks for another form than `--format` does, or for one the command does
//! not write, `--csv` beside a workbook, no period to score, and options `score --explain`
//! would ignore; a period that does not parse, is of another kind or has not begun; and
//! the figures resting on a row the log does not vouch for, or edited behind the tool's
//! back (exit 5), or weights that score nothing. Built from the options given and what
//! `app::report` found; nothing here reads a file or the database.

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::audit::ChainBreak;
use crate::domain::deadline::Rule;
use crate::domain::periodic::{ClockFact, Period, PeriodKind, Unlogged, YEARS};
use crate::i18n::{Bilingual, Lang, Localized};
use crate::output::Format;
use crate::output::duration::counted_in;
use crate::output::layout::{when, when_exact};

/// `--format` given with an `--out` named for a workbook, which is written whatever it says.
pub fn format_beside_workbook(format: Format, out: &Path) -> Localized {
    Localized::new(
        format!(
            "--format {} nhưng {} là tên của một tệp Excel (.xlsx); bỏ --format hoặc đổi đuôi tên tệp cho khớp.",
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

/// An `--out` named for a kind `report` and `score` do not write (`.pdf`, `.docx`, `.ods`, or
/// `.txt` for `score`…; `extension` as typed): the table or CSV written under that name
/// opened in no reader, or as one long line, after "Đã ghi". Says what to write instead, under the name's own stem:
/// for `report` (`document`), the HTML document to print to PDF from a browser, and the
/// text table as `.txt`; for either command the workbook, CSV and JSON.
pub fn extension_not_written(out: &Path, extension: &str, document: bool) -> Localized {
    let stem = |e: &str| out.with_extension(e).display().to_string();
    let (html, book) = (stem("html"), stem("xlsx"));
    if document {
        Localized::new(
            format!(
                "Lệnh report không ghi được tệp .{extension}: dùng --out {html} (tài liệu HTML) rồi in ra PDF từ trình duyệt, hoặc --out {book} (tệp Excel), .csv, .json; muốn lưu bảng chữ thì đặt đuôi .txt."
            ),
            format!(
                "report cannot write a .{extension} file: use --out {html} (an HTML document) and print it to PDF from a browser, or --out {book} (an Excel workbook), .csv or .json; to keep the text table, name it .txt"
            ),
        )
    } else {
        Localized::new(
            format!(
                "Lệnh score không ghi được tệp .{extension}: dùng --out {book} (tệp Excel), hoặc đuôi .csv, .json."
            ),
            format!(
                "score cannot write a .{extension} file: use --out {book} (an Excel workbook), or a name ending in .csv or .json"
            ),
        )
    }
}

/// `--format` and the name of `--out` asking for two forms.
pub fn format_against_name(format: Format, out: &Path, named: Format) -> Localized {
    let (named_vi, named_en) = match named {
        Format::Table => (
            "bảng chữ (.txt)".to_owned(),
            "the text table (.txt)".to_owned(),
        ),
        other => (format!("dạng {}", other.name()), other.name().to_owned()),
    };
    Localized::new(
        format!(
            "--format {} nhưng tên tệp {} là của {named_vi}; hãy chọn một trong hai cho khớp.",
            format.name(),
            out.display(),
        ),
        format!(
            "--format {} but the file {} is named for {named_en}; make the two agree",
            format.name(),
            out.display(),
        ),
    )
}

/// `--notes` given where no form carries it: the text fills the HTML document's section 7
/// and a sheet of the workbook, and a table, CSV or JSON would drop it without a word.
pub fn notes_need_html() -> Localized {
    Localized::new(
        "--notes là nội dung mục 7 (tồn đọng, vướng mắc, đề xuất) của tài liệu HTML và một trang của tệp Excel; hãy thêm --format html (cùng --out TÊN.html) hoặc ghi tệp Excel --out TÊN.xlsx, hoặc bỏ --notes.",
        "--notes fills section 7 (outstanding issues and proposals) of the HTML document and a sheet of the workbook; add --format html (with --out NAME.html) or write a workbook with --out NAME.xlsx, or leave out --notes",
    )
}

/// The `--notes` file could not be read.
pub fn notes_unreadable(path: &Path, e: &crate::storage::private::ReadError) -> Localized {
    Localized::new(
        format!(
            "Không đọc được tệp --notes {} (cần tệp văn bản UTF-8): {}",
            path.display(),
            crate::i18n::Bilingual::vi(e)
        ),
        format!(
            "cannot read the --notes file {} (a UTF-8 text file is needed): {e}",
            path.display()
        ),
    )
}

/// The `--notes` file holds no line that says something.
pub fn notes_empty(path: &Path) -> Localized {
    Localized::new(
        format!(
            "Tệp --notes {} không có dòng nào có nội dung; hãy viết các vấn đề tồn đọng, vướng mắc và đề xuất, mỗi đoạn một dòng.",
            path.display()
        ),
        format!(
            "the --notes file {} has no line that says something; write the outstanding issues, obstacles and proposals, a paragraph a line",
            path.display()
        ),
    )
}

/// `--csv` (`style`) given with an `--out` named for a workbook (`book`), which needs none.
pub fn csv_style_beside_workbook(style: &str, book: &Path) -> Localized {
    let book = book.display();
    Localized::new(
        format!(
            "--csv {style} chỉ định cách ghi CSV, còn --out {book} là tệp Excel (.xlsx), Excel tự mở đúng, không cần --csv: hãy bỏ --csv, hoặc đặt tên tệp đuôi .csv."
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

/// A range that does not parse, or a year typed short (checked before the database is
/// opened).
pub fn invalid_period() -> Localized {
    let (first, last) = (YEARS.start(), YEARS.end());
    Localized::new(
        format!(
            "Kỳ báo cáo không hợp lệ: dùng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm), hoặc --from ≤ --to (YYYY-MM-DD); năm viết đủ bốn chữ số, từ {first} đến {last}."
        ),
        format!(
            "the period is not valid: use 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year), 2026 (year), or --from ≤ --to (YYYY-MM-DD); the year in four digits, {first} to {last}"
        ),
    )
}

/// "a month", as said of a value: Vietnamese, English.
fn noun(kind: PeriodKind) -> (&'static str, &'static str) {
    match kind {
        PeriodKind::Month => ("một tháng", "a month"),
        PeriodKind::Quarter => ("một quý", "a quarter"),
        PeriodKind::HalfYear => ("kỳ 6 tháng", "a half-year"),
        PeriodKind::Year => ("một năm", "a year"),
    }
}

/// A value of another kind (`report monthly --period 2026-Q3`), the commonest slip: listing
/// every form there would name the very value typed as valid, so the refusal says what the
/// value is and the subcommand that takes it.
pub fn of_another_kind(kind: PeriodKind, other: PeriodKind, text: &str) -> Localized {
    let (want_vi, want_en) = noun(kind);
    let (command, example) = (kind.command(), kind.example());
    let (is_vi, is_en) = noun(other);
    let instead = format!("phananh report {} --period {text}", other.command());
    Localized::new(
        format!(
            "“{text}” là {is_vi}: dùng `{instead}` (report {command} lập báo cáo {want_vi}, --period dạng {example})."
        ),
        format!(
            "“{text}” is {is_en}: use `{instead}` (report {command} reports on {want_en}, --period like {example})"
        ),
    )
}

/// A `--period` of `report KIND` that is no period of any kind: with the range of the part
/// after the year, since "2026-13" was told only how to write the year.
pub fn invalid_report_period(kind: PeriodKind, text: &str) -> Localized {
    let (want_vi, want_en) = noun(kind);
    let (command, example) = (kind.command(), kind.example());
    let (first, last) = (YEARS.start(), YEARS.end());
    let (part_vi, part_en) = match kind {
        PeriodKind::Month => ("tháng từ 01 đến 12, ", "the month 01 to 12, "),
        PeriodKind::Quarter => ("quý từ Q1 đến Q4, ", "the quarter Q1 to Q4, "),
        PeriodKind::HalfYear => ("nửa năm H1 hoặc H2, ", "the half H1 or H2, "),
        PeriodKind::Year => ("", ""),
    };
    Localized::new(
        format!(
            "Kỳ báo cáo “{text}” không hợp lệ: report {command} lập báo cáo {want_vi}, --period dạng {example}; {part_vi}năm viết đủ bốn chữ số, từ {first} đến {last}."
        ),
        format!(
            "the period “{text}” is not valid: report {command} reports on {want_en}, --period like {example}; {part_en}the year in four digits, {first} to {last}"
        ),
    )
}

/// The refusal of `report KIND` without its `--period` (not `required` for clap: its
/// Vietnamese usage line named the option twice, and its English one showed `--db` as
/// required), as `score`'s names the forms of its period.
pub fn missing_period(kind: PeriodKind) -> Localized {
    let (noun_vi, noun_en) = noun(kind);
    let (command, example) = (kind.command(), kind.example());
    // The other kinds only: "a quarter … has its own subcommand" said to `report quarterly`
    // reads as if it were another one's.
    let others = |lang: Lang| {
        PeriodKind::ALL
            .into_iter()
            .filter(|k| *k != kind)
            .map(|k| match k {
                PeriodKind::Month => lang.pick("tháng", "month"),
                PeriodKind::Quarter => lang.pick("quý", "quarter"),
                PeriodKind::HalfYear => lang.pick("6 tháng", "half-year"),
                PeriodKind::Year => lang.pick("năm", "year"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (others_vi, others_en) = (others(Lang::Vi), others(Lang::En));
    Localized::new(
        format!(
            "Thiếu kỳ báo cáo: thêm --period {example} (report {command} lập báo cáo {noun_vi}; {others_vi} và khoảng ngày có lệnh con riêng: `phananh report --help`).\nCách dùng: phananh report {command} --period {example} [--out TỆP] [--force]"
        ),
        format!(
            "the period is missing: add --period {example} (report {command} reports on {noun_en}; a {others_en} or span of days has its own subcommand: `phananh report --help`)\nUsage: phananh report {command} --period {example} [--out FILE] [--force]"
        ),
    )
}

/// The refusal of `report range` without one of its ends (`from`, `to`: whether given), or
/// both.
pub fn missing_days(from: bool, to: bool) -> Localized {
    let missing = match (from, to) {
        (false, true) => "--from",
        (true, false) => "--to",
        _ => "--from, --to",
    };
    Localized::new(
        format!(
            "Thiếu {missing}: report range cần ngày đầu và ngày cuối, ví dụ --from 2026-09-15 --to 2026-10-15 (tính cả hai ngày).\nCách dùng: phananh report range --from NGÀY --to NGÀY [--out TỆP] [--force]"
        ),
        format!(
            "{missing} missing: report range needs the first and the last day, e.g. --from 2026-09-15 --to 2026-10-15 (both included)\nUsage: phananh report range --from DAY --to DAY [--out FILE] [--force]"
        ),
    )
}

/// Ends of a period (`report range`, `list`, `export`) typed the wrong way round, said as
/// such, with the command line to type: the general refusal would only repeat the rule
/// `--from ≤ --to`.
pub fn range_backwards(from: NaiveDate, to: NaiveDate) -> Localized {
    Localized::new(
        format!(
            "--from {from} ở sau --to {to}: ngày đầu phải trước hoặc bằng ngày cuối. Hãy đổi chỗ hai ngày: --from {to} --to {from}."
        ),
        format!(
            "--from {from} comes after --to {to}: the first day must not be after the last. Swap them: --from {to} --to {from}"
        ),
    )
}

/// The integrity failure (exit 5) a report (or a score, `score`) ends with, after its
/// figures, when it counted report rows the log does not vouch for, named in `list`'s
/// words (`output::journal::left_out_rows`); None when it counted none.
pub fn counted_unsealed(unsealed: &super::Unsealed, score: bool) -> Option<crate::exit::Failure> {
    let rows = &unsealed.rows;
    if rows.is_empty() {
        return None;
    }
    let edited = crate::output::journal::left_out_rows(rows, &unsealed.unheld);
    let one = rows.len() == 1;
    // A row of the year before alone (`--compare`) leaves the period's own figures as the
    // log has them: the officer is told it is the comparison that rests on it.
    let compared = &unsealed.only_compared;
    let (what_vi, what_en) = if score {
        ("Điểm ở trên đã tính", "The scores above counted")
    } else if !compared.is_empty() && compared.len() == rows.len() {
        (
            "Số liệu cùng kỳ năm trước ở trên đã tính",
            "The comparison above with the same period last year counted",
        )
    } else {
        ("Số liệu ở trên đã tính", "The figures above counted")
    };
    let some_compared = (!compared.is_empty() && compared.len() < rows.len()).then(|| {
        let list = crate::domain::text::ids_listed(compared);
        let one = compared.len() == 1;
        Localized::new(
            format!(
                " Trong đó, {} {list} chỉ được tính ở số liệu cùng kỳ năm trước.",
                if one {
                    "phản ánh"
                } else {
                    "các phản ánh"
                }
            ),
            format!(
                " Of them, {} {list} {} counted in the figures of the same period last year only.",
                if one { "report" } else { "reports" },
                if one { "is" } else { "are" }
            ),
        )
    });
    let (some_vi, some_en) = some_compared.map_or_else(Default::default, |l| (l.vi, l.en));
    Some(crate::exit::Failure::integrity(Localized::new(
        format!(
            "{}. {what_vi} {} như {} đang ghi, không phải như nhật ký đã ghi nhận.{some_vi} Hãy chạy `phananh audit verify` và báo quản trị viên.",
            edited.vi,
            if one { "nó" } else { "chúng" },
            if one {
                "dòng của nó"
            } else {
                "các dòng của chúng"
            },
        ),
        format!(
            "{}. {what_en} {} as {} {}, not as the log recorded {}.{some_en} Run `phananh audit verify` and tell an admin",
            edited.en,
            if one { "it" } else { "them" },
            if one { "its row" } else { "their rows" },
            if one { "stands" } else { "stand" },
            if one { "it" } else { "them" },
        ),
    )))
}

/// A submission time stored as phananh cannot have written it.
pub fn odd_submission(id: i64, text: &str) -> Localized {
    Localized::new(
        format!(
            "phản ánh {id}: thời điểm gửi được lưu là “{text}”, không như phananh ghi (bị sửa ngoài phananh), nên không kỳ nào xếp đúng được. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "report {id}: its submission time is stored as \"{text}\", not as phananh writes it (edited outside phananh), so no period can place it rightly. Nothing was printed. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// A clock whose stop time (`text`) is not stored as phananh writes it.
pub fn odd_stop(clock: &ClockFact, text: &str) -> Localized {
    let (id, stage) = (clock.report_id, clock.stage);
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} lượt {} dừng lúc “{text}”, không như phananh ghi (bị sửa ngoài phananh), nên không biết nó dừng trước hay sau thời điểm tính số liệu. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            clock.round
        ),
        format!(
            "report {id}: its {} clock of round {} stopped at \"{text}\", not as phananh writes it (edited outside phananh), so whether it stopped before the moment of the figures cannot be told. Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            clock.round
        ),
    )
}

/// A stopped clock whose late flag is not the one its stop and deadline give.
pub fn flag_edited(clock: &ClockFact) -> Localized {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let late = clock.breached == Some(true);
    let at = |text: &Option<String>, lang| {
        text.as_deref()
            .map(|t| when_exact(t, lang))
            .unwrap_or_default()
    };
    let due = Some(clock.due_at.clone());
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} lượt {round} được đánh dấu là {}, nhưng dừng lúc {} so với hạn {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            if late { "trễ" } else { "đúng hạn" },
            at(&clock.stopped_at, Lang::Vi),
            at(&due, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} is marked {}, but it stopped at {} against a deadline of {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            if late { "late" } else { "on time" },
            at(&clock.stopped_at, Lang::En),
            at(&due, Lang::En),
        ),
    )
}

/// The file's schema is not what the migrations make.
pub fn schema_changed(change: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Lược đồ của tệp không như phananh tạo ra: {}. Một chỉ mục dựng lại theo định nghĩa khác có thể giấu phản ánh khỏi số liệu. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            change.vi()
        ),
        format!(
            "the file's schema is not the one phananh makes: {change}. An index rebuilt under another definition can hide reports from the figures. Nothing was printed. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The period's clocks (`held`) are not as many as its reports' logs start (`started`).
pub fn clocks_uncounted(started: u64, held: u64) -> Localized {
    Localized::new(
        format!(
            "Các phản ánh của kỳ có {held} thời hạn, nhưng nhật ký của chúng bắt đầu {started} (thời hạn bị xóa hoặc thêm ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            held = crate::i18n::grouped(held, crate::i18n::Lang::Vi)
        ),
        format!(
            "the reports of the period hold {held} clocks, but their logs start {started} (clocks deleted or added outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            held = crate::i18n::grouped(held, crate::i18n::Lang::En)
        ),
    )
}

/// The file holds `held` reports, but the log has events of `logged`.
pub fn reports_uncounted(logged: u64, held: u64) -> Localized {
    crate::output::storage::reports_uncounted(
        logged,
        held,
        Localized::new(". Không in gì.", ". Nothing was printed."),
    )
}

/// A clock whose start or stop (`end`) is not a step the log gives it.
pub fn step_edited(clock: &ClockFact, end: Unlogged) -> Localized {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let (vi, en) = match end {
        Unlogged::Start => ("lúc bắt đầu", "start"),
        Unlogged::Stop => ("lúc dừng", "stop"),
    };
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} lượt {round} có {vi} không khớp bước nào của phản ánh trong nhật ký (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
        ),
        format!(
            "report {id}: its {} clock of round {round} has a {en} that matches no step of the report in the log (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
        ),
    )
}

/// A clock whose deadline is not the one (`logged`, stored time text) its start step gives.
pub fn deadline_edited(clock: &ClockFact, logged: &str) -> Localized {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} lượt {round} ghi hạn {}, nhưng theo nhật ký hạn là {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            when_exact(&clock.due_at, Lang::Vi),
            when_exact(logged, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} has a deadline of {}, but the log gives {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            when_exact(&clock.due_at, Lang::En),
            when_exact(logged, Lang::En),
        ),
    )
}

/// A clock whose deadline holds but is counted in another kind of time than the log's
/// (`logged`): the time its lateness is said in.
pub fn rule_edited(clock: &ClockFact, logged: Rule) -> Localized {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} lượt {round} tính hạn {} theo {}, nhưng nhật ký tính theo {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            when_exact(&clock.due_at, Lang::Vi),
            counted_in(clock.rule, Lang::Vi),
            counted_in(logged, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} counts its deadline of {} in {}, but the log counts it in {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            when_exact(&clock.due_at, Lang::En),
            counted_in(clock.rule, Lang::En),
            counted_in(logged, Lang::En),
        ),
    )
}

/// A clock whose round number is not its place among its stage's clocks (`logged`).
pub fn round_edited(clock: &ClockFact, logged: i64) -> Localized {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} ghi là lượt {round}, nhưng theo thứ tự các lượt của bước ấy là lượt {logged} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
        ),
        format!(
            "report {id}: its {} clock is numbered round {round}, but it is round {logged} of its stage (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
        ),
    )
}

/// A clock whose agency is not the one the log gives it (`logged`; None: the portal).
pub fn agency_edited(clock: &ClockFact, logged: Option<&str>) -> Localized {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let named = |agency: Option<&str>, lang: Lang| match agency {
        Some(code) => code.to_owned(),
        None => lang.pick("Cổng", "the portal").to_owned(),
    };
    Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} lượt {round} được tính cho {}, nhưng nhật ký giao phản ánh cho {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            named(clock.agency.as_deref(), Lang::Vi),
            named(logged, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} runs against {}, but the log assigned the report to {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            named(clock.agency.as_deref(), Lang::En),
            named(logged, Lang::En),
        ),
    )
}

/// A score period that does not parse.
pub fn invalid_score_period(text: &str) -> Localized {
    let (first, last) = (YEARS.start(), YEARS.end());
    Localized::new(
        format!(
            "Kỳ chấm điểm “{text}” không hợp lệ: dùng 2026 (năm), 2026-H1 (6 tháng) hoặc 2026-Q3 (quý); năm viết đủ bốn chữ số, từ {first} đến {last}."
        ),
        format!(
            "the scoring period “{text}” is not valid: use 2026 (year), 2026-H1 (half-year) or 2026-Q3 (quarter); the year in four digits, {first} to {last}"
        ),
    )
}

/// A period that begins after the moment the figures are taken at (`as_of`, stored time
/// text); a score (`scoring`) names its period as Home Affairs does, the scoring period.
pub fn not_begun(period: &Period, as_of: &str, scoring: bool) -> Localized {
    let at = |lang| when(as_of, lang).replace('\u{a0}', " ");
    let (noun_vi, noun_en) = match scoring {
        true => ("Kỳ chấm điểm", "the scoring period"),
        false => ("Kỳ báo cáo", "the period"),
    };
    Localized::new(
        format!(
            "{noun_vi} “{}” chưa bắt đầu (số liệu tính đến {}): chưa có phản ánh nào thuộc kỳ này. Hãy chọn một kỳ đã bắt đầu; kỳ đang diễn ra cho số liệu đến thời điểm hiện tại.",
            period.text(Lang::Vi),
            at(Lang::Vi)
        ),
        format!(
            "{noun_en} “{}” has not begun (figures as of {}): no report belongs to it yet. Choose a period that has begun; the current one gives the figures so far",
            period.text(Lang::En),
            at(Lang::En)
        ),
    )
}

/// A half-year or a quarter (`kind`, as `Period::kind` names it) given to `score --year`.
pub fn not_a_year(text: &str, kind: &str) -> Localized {
    let (vi, en) = match kind {
        "half_year" => ("kỳ 6 tháng", "a half-year"),
        _ => ("một quý", "a quarter"),
    };
    Localized::new(
        format!(
            "“{text}” là {vi}, không phải một năm: dùng --period {text} (--year chỉ nhận một năm, như 2026)."
        ),
        format!(
            "“{text}” is {en}, not a year: use --period {text} (--year takes a year only, such as 2026)"
        ),
    )
}

/// All four weights (`weights`, their keys) at 0: no agency would be scored.
pub fn weights_all_zero(weights: &str) -> Localized {
    Localized::new(
        format!(
            "Không tính được điểm: cả bốn trọng số ({weights}) đều bằng 0, nên không cơ quan nào có điểm hay thứ hạng. Hãy đặt ít nhất một trọng số lớn hơn 0: `phananh settings set score.weight_on_time 0.6`."
        ),
        format!(
            "no score can be computed: all four weights ({weights}) are 0, so no agency would have a score or a rank. Set at least one above 0: `phananh settings set score.weight_on_time 0.6`"
        ),
    )
}

/// Counts too large for the exact arithmetic of a score.
pub fn too_large() -> Localized {
    Localized::new(
        "Số liệu quá lớn để tính điểm chính xác.",
        "the counts are too large to score exactly",
    )
}
