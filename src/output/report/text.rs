//! The periodic report on a terminal: a heading, then one table per section, numbered as the
//! document numbers them (`super::SECTIONS`: the weeks, unnumbered, under the totals; no
//! section 7, the portal's text, which only the document and the workbook carry), the first
//! `SHOWN_ON_SCREEN` cases of each list, and the settings applied.

use std::io::Write;

use anyhow::Result;

use super::Built;
use super::{
    AGENCIES, BY_AGENCY, BY_COMMUNE, BY_FIELD, CaseRow, Column, LATE, LINGERING, REJECTIONS,
    SATISFACTION, SHOWN_ON_SCREEN, STAGES, TOTALS, WEEKS,
};
use crate::domain::periodic::Case;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::spool::Spool;
use crate::output::{write_fitted, write_paragraph};

/// One section: its title, then its screen columns laid out by `output::layout`;
/// `spare` are the columns a narrow screen leaves out, least needed first.
fn table<R>(
    out: &mut dyn Write,
    title: &str,
    columns: &[Column<R>],
    rows: impl IntoIterator<Item = R>,
    spare: &[usize],
    l: Lang,
) -> Result<()> {
    picked_table(out, title, columns, None, rows, spare, l)
}

/// The table of the statistical section `key`: its title, the line that says what its
/// figures count (`super::unit_line`), then the table.
fn counted_table<R>(
    out: &mut dyn Write,
    key: &str,
    title: &str,
    (columns, pick): (&[Column<R>], Option<&[usize]>),
    rows: impl IntoIterator<Item = R>,
    spare: &[usize],
    l: Lang,
) -> Result<()> {
    let title = match super::unit_line(key, l) {
        Some(unit) => format!("{title}\n{unit}"),
        None => title.to_owned(),
    };
    picked_table(out, &title, columns, pick, rows, spare, l)
}

/// The same with only the screen columns at `pick` (indices among them), for a section
/// printed as two tables.
fn picked_table<R>(
    out: &mut dyn Write,
    title: &str,
    columns: &[Column<R>],
    pick: Option<&[usize]>,
    rows: impl IntoIterator<Item = R>,
    spare: &[usize],
    l: Lang,
) -> Result<()> {
    let mut shown = super::shown(columns, false, l);
    if let Some(pick) = pick {
        shown = pick.iter().filter_map(|i| shown.get(*i).copied()).collect();
    }
    let headers = shown.iter().map(|(head, _)| on_screen(head, l)).collect();
    let rows = rows
        .into_iter()
        .map(|row| {
            shown
                .iter()
                .map(|(_, c)| (c.cell)(&row, l).text)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    writeln!(out)?;
    // A statistical table's unit on a line of its own under its title (`counted_table`);
    // none over a section with nothing to list, whose "(không có)" counts nothing.
    let mut lines = title.lines();
    write_paragraph(out, lines.next().unwrap_or_default())?;
    // Headings over an empty box read as a table whose rows were lost: a section with
    // nothing to list says so, as the printed document's "—" and "0" do.
    if rows.is_empty() {
        writeln!(out, "{}", l.pick("(không có)", "(none)"))?;
        return Ok(());
    }
    for line in lines {
        write_paragraph(out, line)?;
    }
    write_fitted(out, headers, rows, (spare, &[]), l)
}

/// Vietnamese words of two syllables the report's headers use: written with a space between
/// their syllables, they were wrapped apart by a narrow column ("Số / phản / ánh" over a
/// count at 80 columns), which no reader takes for a word. Their syllables are joined by a
/// no-break space for the layout, which counts each as one word, widens the column to hold
/// it, wraps the header between words and prints it with plain spaces (`layout::fit_headed`).
const WORDS: [&str; 30] = [
    "Chỉ tiêu",
    "Số lượng",
    "thứ Hai",
    "trong kỳ",
    "Số ngày",
    "Lý do",
    "phản ánh",
    "Lĩnh vực",
    "Cơ quan",
    "Giai đoạn",
    "Đúng hạn",
    "đúng hạn",
    "Trễ hạn",
    // Before "xử lý", whose replacement it would no longer match.
    "xử lý lại",
    "xử lý",
    "trong hạn",
    "còn hạn",
    "Chưa xong",
    "quá hạn",
    "Quá hạn",
    "Tỷ lệ",
    "trả lời",
    "Chuyển trả",
    "yêu cầu",
    "Trong đó",
    "đánh giá",
    "trung bình",
    "Hài lòng",
    "Hoàn thành",
    "làm việc",
];

/// A header as the screen shows it: in Vietnamese, each of `WORDS` kept on one line.
fn on_screen(head: &str, l: Lang) -> String {
    match l {
        Lang::En => head.to_owned(),
        Lang::Vi => WORDS.iter().fold(head.to_owned(), |head, word| {
            head.replace(word, &word.replace(' ', "\u{a0}"))
        }),
    }
}

fn cases(
    out: &mut dyn Write,
    title: &str,
    columns: &[Column<CaseRow>],
    list: &Spool<Case>,
    b: &Built,
    spare: &[usize],
    l: Lang,
) -> Result<()> {
    let rows = list
        .first()
        .iter()
        .take(SHOWN_ON_SCREEN)
        .map(|c| CaseRow::new(b, c, l));
    table(out, title, columns, rows, spare, l)?;
    let total = list.len();
    if total > SHOWN_ON_SCREEN as u64 {
        // Wrapped at the screen's width: a line this long was cut mid-word by the terminal.
        write_paragraph(
            out,
            &format!(
                "{} {} {}",
                l.pick("… và", "… and"),
            super::grouped(total - SHOWN_ON_SCREEN as u64, l),
            // The reader of a table reads the document or the workbook, which list every
            // case; CSV and JSON are for programs.
            l.pick(
                "trường hợp khác: tài liệu --format html --out TÊN.html (in trọn ở phụ lục) và tệp Excel --out TÊN.xlsx có đủ; --format csv, json cho chương trình.",
                "more: the document (--format html --out NAME.html, whole in its annex) and the workbook (--out NAME.xlsx) list them all; --format csv or json for programs."
            )
            ),
        )?;
    }
    Ok(())
}

/// Section 3's screen columns (`AGENCIES` without its paper column): the agency, assigned,
/// the replies, what is open and the rate; then the agency, the returns, send-backs and
/// rounds merged past due.
const AGENCY_REPLIES: [usize; 7] = [0, 1, 2, 3, 8, 9, 10];
const AGENCY_RETURNS: [usize; 5] = [0, 4, 5, 6, 7];

/// The comparison with the same period a year earlier (`--compare`), under the totals: its
/// table, or that there is nothing to compare with, and its note.
fn compared(out: &mut dyn Write, b: &Built, earlier: &super::Earlier, l: Lang) -> Result<()> {
    let heading = super::compare::heading(earlier, l);
    match earlier.counted() {
        Some(before) => {
            let rows = super::compare::rows(&b.report, before, l);
            table(out, &heading, super::compare::COMPARED, rows, &[1], l)?;
        }
        None => {
            writeln!(out)?;
            write_paragraph(out, &heading)?;
        }
    }
    write_paragraph(out, &super::compare::note(earlier, l))
}

pub fn print_tables(out: &mut dyn Write, b: &Built, l: Lang) -> Result<()> {
    let r = &b.report;
    // Upper case whole in Vietnamese, as a document's title is: "… HIỆN TRƯỜNG THÁNG 9 NĂM
    // 2026".
    let title = super::titled(
        (
            "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH HIỆN TRƯỜNG",
            "REPORT ON THE RECEIPT AND HANDLING OF ON-THE-SPOT REPORTS",
        ),
        &r.period.text(l),
        l,
    );
    let title = match l {
        Lang::Vi => title.to_uppercase(),
        Lang::En => title,
    };
    write_paragraph(out, &title)?;
    write_paragraph(
        out,
        &format!(
            "{} {} {} {}; {} {}; {} {}",
            l.pick("Phản ánh gửi từ", "Reports sent from"),
            super::day_in(r.period.from, l),
            l.pick("đến", "to"),
            super::sent_until(r, l),
            l.pick("số liệu tính đến", "figures as of"),
            crate::output::layout::when_exact(&r.as_of, l),
            l.pick("phiên bản lịch", "calendar version"),
            b.calendar_versions.join(", ")
        ),
    )?;
    if let Some(running) = super::still_running(r, l) {
        write_paragraph(out, &running)?;
    }
    let title = |key| super::heading(key, l);
    counted_table(
        out,
        "totals",
        &title("totals"),
        (TOTALS, None),
        super::totals(&r.totals),
        &[],
        l,
    )?;
    if let Some(earlier) = &b.compare {
        compared(out, b, earlier, l)?;
    }
    // The weeks sit under the totals, unnumbered, as the printed document's chart does.
    counted_table(
        out,
        "per_week",
        l.pick(
            "Số phản ánh nhận theo tuần (từ thứ Hai)",
            "Reports received per week (from Monday)",
        ),
        (WEEKS, None),
        super::counted_weeks(r),
        &[1, 2],
        l,
    )?;
    counted_table(
        out,
        "stages",
        &title("stages"),
        (STAGES, None),
        r.stages.iter().cloned(),
        &[3],
        l,
    )?;
    write_paragraph(out, super::processing_ends_with_a_return(l))?;
    write_paragraph(out, super::return_row_counts_windows(l))?;
    // Ten columns never fit 80: the returns and send-backs, which a narrow screen used to
    // hide, get a table of their own under the replies (the paper keeps one table).
    counted_table(
        out,
        "agencies",
        &format!(
            "{}: {}",
            title("agencies"),
            l.pick("giao, trả lời, chuyển trả", "assigned, replied, returned")
        ),
        (AGENCIES, Some(&AGENCY_REPLIES)),
        super::agencies(b),
        &[],
        l,
    )?;
    write_paragraph(out, super::counted_in_rounds(l))?;
    // The rate counts a column of the next table: said where the rate is read, when it does.
    if r.agencies.iter().any(|a| a.merged_late > 0) {
        write_paragraph(
            out,
            l.pick(
                "Tỷ lệ đúng hạn tính cả các lượt bị gộp trùng khi đã quá hạn là trễ hạn (cột cuối của bảng 3 (tiếp)).",
                "The on-time rate counts the rounds merged as a duplicate past due as late (the last column of table 3 (continued)).",
            ),
        )?;
    }
    let agencies = super::section("agencies");
    counted_table(
        out,
        "agency_returns",
        &format!(
            "{} {}. {}: {}",
            agencies.number,
            l.pick("(tiếp)", "(continued)"),
            l.pick(agencies.title.0, agencies.title.1),
            l.pick(
                "chuyển trả, bị yêu cầu xử lý lại, bị gộp trùng",
                "returned, sent back, merged"
            )
        ),
        (AGENCIES, Some(&AGENCY_RETURNS)),
        super::agencies(b),
        &[],
        l,
    )?;
    // The breakdowns are the parts of the document's section 4, under its heading.
    writeln!(out)?;
    write_paragraph(out, &super::group_heading("4", l))?;
    let over = |accepted| format!(" ({})", super::counted_over(accepted, l));
    counted_table(
        out,
        "by_field",
        &(title("by_field") + &over(true)),
        (BY_FIELD, None),
        super::by_field(b, l),
        &[0],
        l,
    )?;
    counted_table(
        out,
        "by_agency",
        &(title("by_agency") + &over(true)),
        (BY_AGENCY, None),
        super::by_agency(b, l),
        &[0],
        l,
    )?;
    counted_table(
        out,
        "rejections",
        &title("rejections"),
        (REJECTIONS, None),
        super::rejections(b, l),
        &[],
        l,
    )?;
    if let Some(note) = super::overlapping_reasons(b, l) {
        write_paragraph(out, &note)?;
    }
    counted_table(
        out,
        "by_commune",
        &(title("by_commune") + &over(false)),
        (BY_COMMUNE, None),
        super::communes_listed(b, false),
        &[],
        l,
    )?;
    if super::communes_listed(b, true).next().is_some() {
        counted_table(
            out,
            "by_commune",
            l.pick(super::UNLISTED_COMMUNES.0, super::UNLISTED_COMMUNES.1),
            (BY_COMMUNE, None),
            super::communes_listed(b, true),
            &[],
            l,
        )?;
    }
    counted_table(
        out,
        "satisfaction",
        &title("satisfaction"),
        (SATISFACTION, None),
        [r.satisfaction.clone()],
        &[],
        l,
    )?;
    writeln!(out)?;
    write_paragraph(out, &super::group_heading("6", l))?;
    let c = &b.cases;
    cases(out, &title("late"), LATE, &c.late, b, &[3, 1, 5, 4], l)?;
    cases(
        out,
        &title("prolonged"),
        LINGERING,
        &c.prolonged,
        b,
        &[1, 2],
        l,
    )?;
    cases(
        out,
        &title("unresolved"),
        LINGERING,
        &c.unresolved,
        b,
        &[1, 2],
        l,
    )?;
    if let Some(note) = super::since_end_note(b, l) {
        write_paragraph(out, &note)?;
    }
    writeln!(out)?;
    write_paragraph(
        out,
        l.pick(
            "Căn cứ tính thời hạn và tiêu chí áp dụng:",
            "Settings applied:",
        ),
    )?;
    // The value kept on the line of the colon before it: a narrow screen left a lone "5".
    for (meaning, value) in super::settings_in_words(b, l) {
        write_paragraph(out, &format!("- {meaning}:\u{a0}{value}"))?;
    }
    Ok(())
}
