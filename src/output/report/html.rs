//! The periodic report as one self-contained HTML document (`docs/rules.md §5`): inline CSS
//! and inline SVG charts, no script, font or request to anywhere, laid out for A4 paper in
//! the form of a Vietnamese administrative document (Decree 30/2020/NĐ-CP: issuing body and
//! number, national title and motto, place and date, title, addressee, body, recipients and
//! signature, from the `document.*` settings), so that it can be printed, signed and sent to
//! the People's Committee (Đ13.6) as it is. Its tables are the sections' columns shown on
//! paper: names rather than codes, times as `dd/mm/yyyy HH:MM`, settings in words.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::Built;
use super::{
    AGENCIES, BY_AGENCY, BY_COMMUNE, BY_FIELD, CaseRow, Column, CountedWeek, LATE, LINGERING,
    REJECTIONS, SATISFACTION, STAGES, TOTALS, percent, reason_label,
};
use crate::domain::exact::Ratio;
use crate::domain::periodic::Case;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::spool::Spool;

/// Escapes text for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The paper a leader signs shows the data's text as the table does: no control character
    // and no bidirectional override ("Xã\u{202e}NĂC MĂN" reads "XãNĂM CĂN" in a browser).
    for c in crate::output::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

// Decree 30/2020/NĐ-CP, Appendix I: A4, margins of 20 mm top and bottom, 30 mm left, 15 mm
// right; pages numbered in the top margin's centre from the second on, so that a page lost
// from the printed pile is missed (a browser without page margin boxes prints none).
const STYLE: &str = "
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
        @top-center { content: counter(page); font-family: 'Times New Roman', 'Liberation Serif', serif;
                      font-size: 13pt; } }
@page :first { @top-center { content: none; } }
* { box-sizing: border-box; }
body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 13pt;
       color: #000; margin: 0 auto; max-width: 165mm; line-height: 1.3; }
table.masthead, table.sign { width: 100%; border: none; margin: 0; }
table.masthead td, table.sign td { border: none; padding: 0; vertical-align: top; text-align: center; }
td.issuer { width: 42%; font-size: 12.5pt; }
td.state { width: 58%; font-size: 12.5pt; }
.rule { width: 30%; margin: 0.5mm auto 1.5mm; border-top: 1px solid #000; }
td.state .rule { width: 55%; }
.place { font-style: italic; margin-top: 2mm; }
.number { margin-top: 1mm; }
h1 { font-size: 14pt; text-align: center; margin: 8mm 0 0; }
p.subject { text-align: center; font-weight: bold; margin: 0 0 1mm; }
p.to { text-align: center; margin: 4mm 0; }
p.lead { text-indent: 10mm; text-align: justify; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 12pt; margin: 3mm 0 1mm; font-style: italic; font-weight: normal; }
table.data { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; page-break-inside: auto;
             font-size: 10pt; font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; }
table.data tr { page-break-inside: avoid; }
table.data th, table.data td { border: 1px solid #777; padding: 1mm 1.5mm; vertical-align: top; }
table.data th { background: #eef1f5; font-weight: bold; text-align: left; }
table.data td.n { text-align: right; white-space: nowrap; }
table.data td.id { white-space: nowrap; }
h2, h3, p.list, figcaption { break-after: avoid; page-break-after: avoid; }
.line { white-space: nowrap; }
td.issuer .name { font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; }
figure { margin: 0; width: 80mm; page-break-inside: avoid; }
figure.wide { width: 100%; }
figcaption { font-weight: bold; font-size: 10pt; margin-bottom: 1mm; }
svg text { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; }
.muted { color: #444; font-size: 9.5pt; }
p.unit { text-align: right; font-style: italic; font-size: 11pt; margin: 0; break-after: avoid; page-break-after: avoid; }
p.notes { text-indent: 10mm; text-align: justify; margin: 0 0 1.5mm; }
p.fill { white-space: nowrap; overflow: hidden; margin: 0 0 3mm; color: #444; }
table.sign { margin-top: 8mm; page-break-inside: avoid; }
td.recipients { width: 45%; text-align: left; font-size: 11pt; }
td.recipients p { margin: 0; }
td.recipients ul { list-style: none; margin: 0; padding: 0; font-size: 11pt; }
td.signer { width: 55%; font-weight: bold; }
td.signer .space { height: 25mm; }
footer { margin-top: 8mm; }
footer ul { margin: 1mm 0; padding-left: 5mm; }
section.annex { break-before: page; page-break-before: always; }
.annex-no, .annex-title { text-align: center; font-weight: bold; margin: 0; }
.annex-ref { text-align: center; font-style: italic; margin: 0 0 4mm; }
";

/// A heading setting's lines, `/` between them as in `document.signer_title`, each printed
/// whole: the operator says where a name breaks, not the column's width.
fn lines(setting: &str) -> String {
    setting
        .split('/')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| format!("<div class=\"line\">{}</div>", esc(line)))
        .collect()
}

/// A label cut into lines of at most `width` characters at spaces (a long word stays whole),
/// so a chart shows the whole of it instead of its first few words.
fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// One bar of a chart: its label, value, the value as shown, and whether it stands for only
/// part of its span (a week cut by the period's edge), drawn lighter.
struct Bar {
    label: String,
    value: f64,
    shown: String,
    partial: bool,
}

fn bar(label: String, value: f64, shown: String) -> Bar {
    Bar {
        label,
        value,
        shown,
        partial: false,
    }
}

/// The font sizes of a column's label and of a row's label, in the chart's units.
const COLUMN_LABEL: f64 = 8.0;
const ROW_LABEL: f64 = 8.5;

/// The width `chars` characters take at `size`, as wide as the widest font of the style's
/// list (DejaVu Sans, its last fallback, averages about 0.6 of its size; taken a little
/// wider, for the capitals and the marks).
fn text_width(chars: usize, size: f64) -> f64 {
    chars as f64 * size * 0.65
}

/// Which columns' labels a column chart prints, and anchored how: every label when they fit;
/// for a long period (a year's 53 weeks, 12 units apart), only as many as fit side by side
/// without touching. The first and the last are always printed, inside the chart (anchored
/// at their column's outer edge, not centred past the canvas), for they are the ones a
/// period's edge cuts and that carry the mark "*" saying so.
fn labelled(items: &[Bar], step: f64, width: f64) -> Vec<Option<&'static str>> {
    let n = items.len();
    if n == 1 {
        return vec![Some("middle")];
    }
    let gap = COLUMN_LABEL / 2.0;
    let column = (step * 0.7).max(2.0);
    let span = |i: usize, anchor: &str| {
        let w = wrap(&items[i].label, 12)
            .iter()
            .map(|line| text_width(line.chars().count(), COLUMN_LABEL))
            .fold(0.0, f64::max);
        let x = i as f64 * step + (step - column) / 2.0;
        match anchor {
            "start" => (x, x + w),
            "end" => (x + column - w, x + column),
            _ => (x + column / 2.0 - w / 2.0, x + column / 2.0 + w / 2.0),
        }
    };
    let mut out = vec![None; n];
    out[0] = Some("start");
    out[n - 1] = Some("end");
    let last = span(n - 1, "end");
    let mut right = span(0, "start").1;
    for (i, slot) in out.iter_mut().enumerate().take(n - 1).skip(1) {
        let (left, end) = span(i, "middle");
        if left >= right + gap && end + gap <= last.0 && left >= 0.0 && end <= width {
            *slot = Some("middle");
            right = end;
        }
    }
    out
}

/// A bar chart: horizontal bars (one per line, labels wrapped whole) or vertical columns.
fn bars(out: &mut String, caption: &str, items: &[Bar], max: f64, vertical: bool, wide: bool) {
    let class = if wide { " class=\"wide\"" } else { "" };
    let _ = write!(
        out,
        "<figure{class}><figcaption>{}</figcaption>",
        esc(caption)
    );
    if items.is_empty() {
        let _ = write!(out, "<p class=\"muted\">—</p></figure>");
        return;
    }
    let max = if max > 0.0 { max } else { 1.0 };
    let fill = |b: &Bar| if b.partial { "#9dbbe0" } else { "#2f6db5" };
    if vertical {
        // A narrow figure gets a narrow canvas, so its text is not scaled down to nothing.
        let width = if wide { 660.0 } else { 300.0 };
        let (height, base) = (182.0, 140.0);
        let step = width / items.len() as f64;
        let column = (step * 0.7).max(2.0);
        let _ = write!(
            out,
            "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
            esc(caption)
        );
        let _ = write!(
            out,
            "<line x1=\"0\" y1=\"{base}\" x2=\"{width}\" y2=\"{base}\" stroke=\"#666\"/>"
        );
        let labelled = labelled(items, step, width);
        for (i, b) in items.iter().enumerate() {
            let h = (b.value / max) * (base - 18.0);
            let x = i as f64 * step + (step - column) / 2.0;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{column:.1}\" height=\"{h:.1}\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
                base - h,
                fill(b),
                x + column / 2.0,
                base - h - 3.0,
                esc(&b.shown),
            );
            let Some(anchor) = labelled[i] else {
                continue;
            };
            let at = match anchor {
                "start" => x,
                "end" => x + column,
                _ => x + column / 2.0,
            };
            for (n, line) in wrap(&b.label, 12).iter().enumerate() {
                let _ = write!(
                    out,
                    "<text x=\"{at:.1}\" y=\"{:.1}\" font-size=\"{COLUMN_LABEL}\" text-anchor=\"{anchor}\">{}</text>",
                    base + 12.0 + 10.0 * n as f64,
                    esc(line)
                );
            }
        }
        out.push_str("</svg></figure>");
        return;
    }
    let (label_w, bar_w, line_h, gap) = (150.0, 100.0, 10.0, 5.0);
    // As many characters as the widest font of the style's list fits left of the bars: 32
    // ran "Công ty Cổ phần Cấp nước Cà Mau" past the chart's left edge in DejaVu Sans.
    let per_line = ((label_w - 4.0) / text_width(1, ROW_LABEL)) as usize;
    let wrapped: Vec<Vec<String>> = items.iter().map(|b| wrap(&b.label, per_line)).collect();
    let height: f64 = wrapped
        .iter()
        .map(|lines| lines.len() as f64 * line_h + gap)
        .sum::<f64>()
        + 4.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
        // Room right of a full bar for "100,0% (1.234)".
        label_w + bar_w + 62.0,
        esc(caption)
    );
    let mut y = 2.0;
    for (b, lines) in items.iter().zip(&wrapped) {
        let row_h = lines.len() as f64 * line_h;
        let w = (b.value / max) * bar_w;
        for (n, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{ROW_LABEL}\" text-anchor=\"end\">{}</text>",
                label_w - 4.0,
                y + line_h * (n as f64 + 0.8),
                esc(line)
            );
        }
        let _ = write!(
            out,
            "<rect x=\"{label_w:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8.5\">{}</text>",
            row_h.min(14.0),
            fill(b),
            label_w + w + 3.0,
            y + row_h.min(14.0) * 0.75,
            esc(&b.shown)
        );
        y += row_h + gap;
    }
    out.push_str("</svg></figure>");
}

/// The line over the table of the statistical section `key` that says what its figures
/// count ("Đơn vị tính: phản ánh"), right-aligned and in italics as administrative reports
/// print it.
fn unit(out: &mut String, key: &str, l: Lang) {
    if let Some(line) = super::unit_line(key, l) {
        let _ = write!(out, "<p class=\"unit\">{}</p>", esc(&line));
    }
}

fn table<R>(out: &mut String, columns: &[Column<R>], rows: impl IntoIterator<Item = R>, l: Lang) {
    let shown = super::shown(columns, true, l);
    table_head(out, &shown);
    let mut empty = true;
    for row in rows {
        empty = false;
        table_row(out, &shown, &row, l);
    }
    table_foot(out, shown.len(), empty);
}

fn table_head<R>(out: &mut String, shown: &[(&'static str, &Column<R>)]) {
    out.push_str("<table class=\"data\"><thead><tr>");
    for (head, _) in shown {
        let _ = write!(out, "<th>{}</th>", esc(head));
    }
    out.push_str("</tr></thead><tbody>");
}

fn table_row<R>(out: &mut String, shown: &[(&'static str, &Column<R>)], row: &R, l: Lang) {
    out.push_str("<tr>");
    for (_, column) in shown {
        let cell = (column.cell)(row, l);
        let class = match (cell.figure, cell.whole) {
            (true, _) => " class=\"n\"",
            (false, true) => " class=\"id\"",
            (false, false) => "",
        };
        let _ = write!(out, "<td{class}>{}</td>", esc(&cell.text));
    }
    out.push_str("</tr>");
}

fn table_foot(out: &mut String, columns: usize, empty: bool) {
    if empty {
        let _ = write!(
            out,
            "<tr><td colspan=\"{columns}\" class=\"muted\">—</td></tr>"
        );
    }
    out.push_str("</tbody></table>");
}

/// A day as Decree 30/2020/NĐ-CP writes it in a document: a day below 10 and the months
/// January and February take a leading zero ("ngày 05 tháng 02 năm 2026", "tháng 11").
fn day_words(date: NaiveDate, l: Lang) -> String {
    let day = format!("{:02}", date.day());
    let month = crate::domain::periodic::month_number(date.month());
    match l {
        Lang::Vi => format!("ngày {day} tháng {month} năm {}", date.year()),
        Lang::En => super::day_in(date, l),
    }
}

/// The document's date line: its place, then its day.
fn dated(place: &str, date: NaiveDate, l: Lang) -> String {
    format!("{place}, {}", day_words(date, l))
}

/// The number is the clerk's to write (Decree 30/2020/NĐ-CP, Art. 15): left blank.
const BLANK_NUMBER: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// The "as of" moment for print (to the second when it has any), with the machine-readable
/// original kept in the element.
/// The moment of the figures in the lead sentence, as a Vietnamese document writes a time:
/// "23 giờ 24 phút ngày 06/12/2026" ("23:24:57" read as a machine's). Its seconds stay, in
/// words, when it has any: the figures are exact to the second. English as `moment`.
fn moment_in_words(stored: &str, l: Lang) -> String {
    use chrono::Timelike;
    let at = crate::domain::time::stored(stored);
    match (l, at) {
        (Lang::Vi, Some(at)) => {
            let seconds = match at.second() {
                0 => String::new(),
                s => format!(" {s:02} giây"),
            };
            let words = format!(
                "{:02} giờ {:02} phút{seconds} ngày {}",
                at.hour(),
                at.minute(),
                at.format("%d/%m/%Y")
            );
            format!("<time datetime=\"{}\">{}</time>", esc(stored), esc(&words))
        }
        _ => moment(stored, l),
    }
}

fn moment(stored: &str, l: Lang) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        esc(stored),
        esc(&super::as_of_in(stored, l))
    )
}

/// The label of a week's bar: its Monday, or the days of it counted, marked, when the
/// period's edge or the "as of" moment cuts it (the bar then counts fewer than seven days).
/// A short day as the document's readers write one: `05/10` in Vietnamese, `Oct 5` in
/// English (where `05/10` is May or October depending on the reader).
fn week_bar(week: &CountedWeek, l: Lang) -> Bar {
    let short = |d: NaiveDate| d.format(l.pick("%d/%m", "%b %-d")).to_string();
    let label = if week.partial() {
        format!("{}–{}*", short(week.first), short(week.last))
    } else {
        short(week.monday)
    };
    Bar {
        label,
        value: week.count as f64,
        shown: super::grouped(week.count, l),
        partial: week.partial(),
    }
}

/// The rejections' bars, a reason each.
fn reason_bars(rejections: &std::collections::BTreeMap<String, u64>, l: Lang) -> Vec<Bar> {
    rejections
        .iter()
        .map(|(code, n)| bar(reason_short(code, l), *n as f64, super::grouped(*n, l)))
        .collect()
}

/// The ratings' bars, one to five stars.
fn rating_bars(distribution: &[u64; 5], l: Lang) -> Vec<Bar> {
    distribution
        .iter()
        .enumerate()
        .map(|(i, n)| bar(format!("{} ★", i + 1), *n as f64, super::grouped(*n, l)))
        .collect()
}

/// The document in the order Decree 30/2020/NĐ-CP, Appendix I lays it out: the head, the
/// body's sections, the foot with the recipients and the signature, then the annex. The
/// body is made whole (its lists are short: a long one goes to the annex); the annex is
/// written row by row from its lists, which a year of a large province makes too long to
/// hold (`memory::a_report_of_forty_thousand_reports_is_written_in_flat_memory`).
pub fn render(out: &mut dyn std::io::Write, b: &Built, l: Lang) -> anyhow::Result<()> {
    let r = &b.report;
    let mut o = String::with_capacity(64 * 1024);
    let as_of_date = crate::domain::time::stored(&r.as_of)
        .map(|t| t.date_naive())
        .unwrap_or(r.period.to);
    write_head(&mut o, b, as_of_date, l);
    write_totals(&mut o, b, l);
    write_deadlines(&mut o, b, l);
    write_agencies(&mut o, b, l);
    write_breakdown(&mut o, b, l);
    write_satisfaction(&mut o, b, l);
    let annex = write_cases(&mut o, b, l)?;
    write_notes(&mut o, b, l);
    o.push_str("</main>");
    write_signature(&mut o, b, l);
    write_footer(&mut o, b, l);
    out.write_all(o.as_bytes())?;
    write_annex(
        out,
        &annex,
        &document(b, "document.symbol", l),
        as_of_date,
        b,
        l,
    )?;
    out.write_all(b"</body></html>\n")?;
    Ok(())
}

/// A `document.*` setting; an empty one takes the document's own text in its language.
fn document(b: &Built, key: &str, l: Lang) -> String {
    let set = b.document.get(key).map(|v| v.trim()).unwrap_or_default();
    if !set.is_empty() || key == "document.signer_name" {
        return set.to_owned();
    }
    let (vi, en) = match key {
        // Two lines each, as documents write them: on one, the column broke them at its
        // last space ("ỦY BAN NHÂN DÂN TỈNH CÀ / MAU", "CỔNG THÔNG TIN ĐIỆN TỬ / TỈNH").
        "document.superior" => (
            "ỦY BAN NHÂN DÂN/TỈNH CÀ MAU",
            "PEOPLE'S COMMITTEE OF/CÀ MAU PROVINCE",
        ),
        "document.issuer" => ("CỔNG THÔNG TIN/ĐIỆN TỬ TỈNH", "PROVINCIAL WEB PORTAL"),
        "document.reporter" => ("Cổng Thông tin điện tử tỉnh", "the Provincial Web Portal"),
        // An identifier, the same in either language: the register files it as written.
        "document.symbol" => ("BC-CTTĐT", "BC-CTTĐT"),
        "document.place" => ("Cà Mau", "Cà Mau"),
        "document.recipient" => (
            "Ủy ban nhân dân tỉnh Cà Mau",
            "the People's Committee of Cà Mau province",
        ),
        "document.copies" => (
            "Như trên; Sở Nội vụ; Lưu: VT",
            "As above; Department of Home Affairs; Archive",
        ),
        "document.signer_title" => ("GIÁM ĐỐC", "DIRECTOR"),
        _ => ("", ""),
    };
    l.pick(vi, en).to_owned()
}

/// The lead sentence's opening: the clause the report is made under, cited as Vietnamese
/// documents cite, from the smallest unit up, in the Regulation it belongs to (Article 13 is
/// the Regulation's, not the Decision's, whose three articles only issue it), with the
/// Decision's date and issuer as docs/regulation gives them; then its subject, the body that
/// reports (`document.reporter`: the portal, which Đ13.6 charges with the report, unless
/// another body issues it), and what it reports.
const LEAD: (&str, &str) = (
    "Thực hiện khoản 6 Điều 13 Quy định về tiếp nhận, xử lý phản ánh hiện trường trên địa bàn tỉnh Cà Mau ban hành kèm theo Quyết định số 17/2022/QĐ-UBND ngày 07 tháng 6 năm 2022 của Ủy ban nhân dân tỉnh Cà Mau,",
    "Under Article 13(6) of the Regulation on receiving and handling on-the-spot reports in Cà Mau province, issued with Decision No. 17/2022/QD-UBND of 7 June 2022 of the Provincial People's Committee,",
);
const REPORTS: (&str, &str) = (
    "báo cáo kết quả tiếp nhận, xử lý các phản ánh hiện trường gửi từ ngày",
    "reports on the receipt and handling of the on-the-spot reports sent from",
);

/// The document's head up to its lead sentence: the HTML head, then (Decree 30/2020/NĐ-CP,
/// Appendix I) the issuing body and number on the left, the national title and motto with
/// the place and date on the right; then the kind of document and its subject, the
/// addressee, and the lead that opens the sections.
fn write_head(o: &mut String, b: &Built, as_of_date: NaiveDate, l: Lang) {
    let r = &b.report;
    let lang = l.pick("vi", "en");
    let doc = |key: &str| document(b, key, l);
    // The subject runs on into the period: "… hiện trường tháng 10 năm 2026", "… quý IV năm
    // 2026".
    let period = r.period.text(l);
    let period_in_line = super::period_in_line(&period, l);
    let subject = format!(
        "{} {}",
        l.pick(
            "Kết quả tiếp nhận, xử lý phản ánh hiện trường",
            "Receipt and handling of on-the-spot reports,"
        ),
        period_in_line
    );
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <title>{}</title><style>{STYLE}</style></head><body>",
        esc(&super::titled(
            (
                "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường",
                "Report on the receipt and handling of on-the-spot reports"
            ),
            &period,
            l
        )),
    );
    let _ = write!(
        o,
        "<header><table class=\"masthead\"><tr>\
         <td class=\"issuer\"><div>{}</div><div class=\"name\">{}</div><div class=\"rule\"></div>\
         <div class=\"number\">{} {}</div></td>\
         <td class=\"state\"><div><b>{}</b></div><div><b>{}</b></div><div class=\"rule\"></div>\
         <div class=\"place\">{}</div></td></tr></table>\
         <h1>{}</h1><p class=\"subject\">{}</p><p class=\"to\">{} {}.</p>\
         {}<p class=\"lead\">{} {} {} {} {} {}, {} {}, {}:</p></header><main>",
        lines(&doc("document.superior")),
        lines(&doc("document.issuer")),
        esc(l.pick("Số:", "No.:")),
        esc(&format!("{BLANK_NUMBER}/{}", doc("document.symbol"))),
        esc(l.pick(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SOCIALIST REPUBLIC OF VIET NAM"
        )),
        esc(l.pick(
            "Độc lập - Tự do - Hạnh phúc",
            "Independence - Freedom - Happiness"
        )),
        esc(&dated(&doc("document.place"), as_of_date, l)),
        esc(l.pick("BÁO CÁO", "REPORT")),
        esc(&subject),
        esc(l.pick("Kính gửi:", "To:")),
        esc(&doc("document.recipient")),
        // Before the lead, whose colon opens the sections: after it, the two colons ran
        // "… 08:00: Kỳ báo cáo chưa kết thúc: …".
        super::still_running(r, l)
            .map(|running| format!("<p class=\"running\"><b>{}</b></p>", esc(&running)))
            .unwrap_or_default(),
        esc(l.pick(LEAD.0, LEAD.1)),
        esc(&doc("document.reporter")),
        esc(l.pick(REPORTS.0, REPORTS.1)),
        super::day_in(r.period.from, l),
        esc(l.pick("đến ngày", "to")),
        esc(&super::sent_until(r, l)),
        esc(l.pick("số liệu tính đến", "with figures as of")),
        moment_in_words(&r.as_of, l),
        esc(l.pick("như sau", "as follows")),
    );
}

/// Section 1: the totals and the four charts.
fn write_totals(o: &mut String, b: &Built, l: Lang) {
    let r = &b.report;
    let _ = write!(o, "<h2>{}</h2>", esc(&super::heading("totals", l)));
    unit(o, "totals", l);
    table(o, TOTALS, super::totals(&r.totals), l);
    if let Some(earlier) = &b.compare {
        let _ = write!(o, "<h3>{}</h3>", esc(&super::compare::heading(earlier, l)));
        if let Some(before) = earlier.counted() {
            table(
                o,
                super::compare::COMPARED,
                super::compare::rows(r, before, l),
                l,
            );
        }
        let _ = write!(
            o,
            "<p class=\"muted\">{}</p>",
            esc(&super::compare::note(earlier, l))
        );
    }
    o.push_str("<div class=\"charts\">");
    let weeks: Vec<Bar> = super::counted_weeks(r)
        .map(|week| week_bar(&week, l))
        .collect();
    let max = weeks.iter().map(|w| w.value).fold(0.0, f64::max);
    bars(
        o,
        l.pick(
            "Số phản ánh nhận theo tuần (từ thứ Hai)",
            "Reports received per week (from Monday)",
        ),
        &weeks,
        max,
        true,
        true,
    );
    if weeks.iter().any(|w| w.partial) {
        let _ = write!(
            o,
            "<p class=\"muted\">{}</p>",
            esc(l.pick(
                "* Tuần không trọn: kỳ báo cáo bắt đầu hoặc kết thúc giữa tuần, hoặc tuần đang diễn ra lúc tính số liệu; cột chỉ tính các ngày trong kỳ đã qua (tô nhạt).",
                "* A week cut by the period's start or end, or by the moment the figures are as of: the bar counts only the days inside the period so far (drawn lighter)."
            ))
        );
    }
    // Each rate with the rounds it is on, and those on fewer than `score.min_cases` after
    // the others, lighter: 100% of one reply ranked above 93% of sixteen, the very reading
    // the score withholds a rank for (docs/rules.md §5).
    let mut rates: Vec<(bool, Ratio, Bar)> = r
        .agencies
        .iter()
        .filter_map(|a| {
            a.on_time_rate.map(|rate| {
                let name = b.agency_name(&a.agency);
                let label = if name.is_empty() {
                    a.agency.clone()
                } else {
                    name
                };
                let rounds = a.replied_on_time + a.replied_late + a.open_overdue + a.merged_late;
                let few = rounds < b.min_cases;
                let shown = format!("{} ({})", percent(Some(rate), l), super::grouped(rounds, l));
                let mut bar = bar(label, rate.to_f64(), shown);
                bar.partial = few;
                (few, rate, bar)
            })
        })
        .collect();
    rates.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then(y.1.cmp(&x.1))
            .then(x.2.label.cmp(&y.2.label))
    });
    let few = rates.iter().any(|(few, _, _)| *few);
    let rates: Vec<Bar> = rates.into_iter().map(|(_, _, bar)| bar).collect();
    bars(
        o,
        l.pick(
            "Tỷ lệ xử lý đúng hạn theo cơ quan",
            "On-time rate per agency",
        ),
        &rates,
        1.0,
        false,
        false,
    );
    if !rates.is_empty() {
        let n = super::grouped(b.min_cases, l);
        let mut note = l
            .pick(
                "Trong ngoặc: số lượt được tính tỷ lệ.",
                "In brackets: the rounds the rate is on.",
            )
            .to_owned();
        if few {
            note += &l.pick(
                format!(
                    " Cơ quan có dưới {n} lượt (ngưỡng xếp hạng thi đua score.min_cases) xếp sau, tô nhạt: tỷ lệ trên quá ít lượt chưa so sánh được với cơ quan khác."
                ),
                format!(
                    " Agencies with fewer than {n} (the score's ranking threshold, score.min_cases) come after the others, drawn lighter: a rate on so few rounds does not compare with the others."
                ),
            );
        }
        let _ = write!(o, "<p class=\"muted\">{}</p>", esc(&note));
    }
    let reasons = reason_bars(&r.rejections, l);
    let max = reasons.iter().map(|x| x.value).fold(0.0, f64::max);
    bars(
        o,
        l.pick("Lý do từ chối tiếp nhận", "Reasons for rejection"),
        &reasons,
        max,
        false,
        false,
    );
    let s = &r.satisfaction;
    let ratings = rating_bars(&s.distribution, l);
    let max = ratings.iter().map(|x| x.value).fold(0.0, f64::max);
    bars(
        o,
        l.pick(
            "Đánh giá của người dân (1–5 sao)",
            "Citizens' ratings (1–5 stars)",
        ),
        &ratings,
        max,
        true,
        false,
    );
    o.push_str("</div>");
}

/// Section 2: the deadlines by stage, with how the on-time rate is counted.
fn write_deadlines(o: &mut String, b: &Built, l: Lang) {
    let r = &b.report;
    let _ = write!(o, "<h2>{}</h2>", esc(&super::heading("stages", l)));
    unit(o, "stages", l);
    // A row of no stage (a total) is the terminal's; the document lists the stages of Đ7.2,
    // Đ8.1.b and Đ9.4.
    table(
        o,
        STAGES,
        r.stages.iter().filter(|st| st.stage.is_some()).cloned(),
        l,
    );
    let _ = write!(
        o,
        "<p class=\"muted\">{}</p>",
        esc(l.pick(
            "Tỷ lệ đúng hạn = số hoàn thành đúng hạn ÷ (số đã hoàn thành + số đang quá hạn), làm tròn một lần theo quy tắc làm tròn lên từ 5. Khung thời gian chuyển trả không dùng hết được tính là đúng hạn.",
            "On-time rate = completed on time ÷ (completed + open overdue), rounded once, half up. A return window that passed unused counts as on time."
        ))
    );
    let _ = write!(
        o,
        "<p class=\"muted\">{}</p>",
        esc(super::processing_ends_with_a_return(l))
    );
}

/// Section 3: the handling agencies, with how their rounds and on-time rate are counted.
fn write_agencies(o: &mut String, b: &Built, l: Lang) {
    let _ = write!(o, "<h2>{}</h2>", esc(&super::heading("agencies", l)));
    unit(o, "agencies", l);
    table(o, AGENCIES, super::agencies(b), l);
    let _ = write!(
        o,
        "<p class=\"muted\">{}</p>",
        esc(super::counted_in_rounds(l))
    );
    let _ = write!(
        o,
        "<p class=\"muted\">{}</p>",
        esc(l.pick(
            "Tỷ lệ đúng hạn của cơ quan = số trả lời đúng hạn ÷ (số đã trả lời + số đang xử lý đã quá hạn + số bị gộp trùng khi đã quá hạn), làm tròn một lần theo quy tắc làm tròn lên từ 5.",
            "An agency's on-time rate = replied on time ÷ (replied + open past due + merged as a duplicate past due), rounded once, half up."
        ))
    );
}

/// Section 4: the breakdowns by field, agency, rejection reason and commune, each with
/// what it adds up to.
fn write_breakdown(o: &mut String, b: &Built, l: Lang) {
    let r = &b.report;
    let _ = write!(o, "<h2>{}</h2>", esc(&super::group_heading("4", l)));
    let part = |o: &mut String, key| {
        let _ = write!(o, "<h3>{}</h3>", esc(&super::heading(key, l)));
        unit(o, key, l);
    };
    part(o, "by_field");
    table(o, BY_FIELD, super::by_field(b, l), l);
    counted_over(o, true, r.totals.accepted, l);
    part(o, "by_agency");
    table(o, BY_AGENCY, super::by_agency(b, l), l);
    counted_over(o, true, r.totals.accepted, l);
    part(o, "rejections");
    table(o, REJECTIONS, super::rejections(b, l), l);
    if let Some(note) = super::overlapping_reasons(b, l) {
        let _ = write!(o, "<p class=\"muted\">{}</p>", esc(&note));
    }
    part(o, "by_commune");
    table(o, BY_COMMUNE, super::communes_listed(b, false), l);
    if super::communes_listed(b, true).next().is_some() {
        let _ = write!(
            o,
            "<p><strong>{}</strong></p>",
            esc(l.pick(super::UNLISTED_COMMUNES.0, super::UNLISTED_COMMUNES.1))
        );
        table(o, BY_COMMUNE, super::communes_listed(b, true), l);
    }
    counted_over(o, false, r.totals.received, l);
}

/// Section 5: the satisfaction.
fn write_satisfaction(o: &mut String, b: &Built, l: Lang) {
    let r = &b.report;
    let _ = write!(o, "<h2>{}</h2>", esc(&super::heading("satisfaction", l)));
    unit(o, "satisfaction", l);
    table(o, SATISFACTION, [r.satisfaction.clone()], l);
}

/// Section 6: the late, prolonged and unresolved cases, in the body when few, else in the
/// annex (returned, to be written after the document).
fn write_cases<'a>(o: &mut String, b: &'a Built, l: Lang) -> anyhow::Result<Vec<Annexed<'a>>> {
    let _ = write!(o, "<h2>{}</h2>", esc(&super::group_heading("6", l)));
    let mut annex = Vec::new();
    let columns: [&'static [Column<CaseRow>]; 3] = [LATE, LINGERING, LINGERING];
    for ((key, list), columns) in b.case_lists().into_iter().zip(columns) {
        cases(o, &mut annex, key, columns, list, b, l)?;
        if key == "unresolved"
            && let Some(note) = super::since_end_note(b, l)
        {
            let _ = write!(o, "<p>{}</p>", esc(&note));
        }
    }
    Ok(annex)
}

/// Section 7: what Đ13.6 asks besides the cases, the other outstanding issues and
/// obstacles and the solutions the portal proposes to the People's Committee. No figure says
/// them: the portal's text (`--notes`), a paragraph a line, or, without it, dotted lines to
/// fill in by hand, as a form leaves them, so that the document never goes out for signature
/// looking complete without them.
fn write_notes(o: &mut String, b: &Built, l: Lang) {
    let _ = write!(o, "<h2>{}</h2>", esc(&super::group_heading("7", l)));
    match &b.notes {
        Some(paragraphs) => {
            for paragraph in paragraphs {
                let _ = write!(o, "<p class=\"notes\">{}</p>", esc(paragraph));
            }
        }
        None => {
            for _ in 0..4 {
                let _ = write!(o, "<p class=\"fill\">{}</p>", "…".repeat(80));
            }
        }
    }
}

/// Said on standard error after a document written without `--notes`: its section 7 has
/// lines to fill in by hand, and the portal learns how to have its text printed there.
pub fn tell_notes_missing(l: Lang) {
    let note = l.pick(
        "Mục 7 của tài liệu (tồn đọng, vướng mắc, đề xuất hướng giải quyết, khoản 6 Điều 13) còn trống, chỉ có dòng chấm để viết tay; muốn in sẵn nội dung thì ghi vào một tệp văn bản, mỗi đoạn một dòng, rồi thêm --notes TỆP.",
        "Section 7 of the document (outstanding issues, obstacles, proposed solutions, Art. 13.6) has blank lines to fill in by hand; to print your text there, write it in a text file, a paragraph a line, and add --notes FILE.",
    );
    match crate::output::layout::terminal_width() {
        Some(width) => eprintln!("{}", crate::output::layout::paragraph(note, width)),
        None => eprintln!("{note}"),
    }
}

/// Said on standard error when names or phones were hidden from the `--notes` text
/// (`hidden`, on the file's `lines`): the hiding goes by shape, and a place or an official
/// named after a person goes too, so the portal reads the section again before it prints.
/// Kinds, counts and lines only: the hidden text never reaches a log.
pub fn notes_hidden(hidden: &crate::domain::redact::Hidden, lines: &[usize]) -> Option<Localized> {
    if hidden.is_empty() {
        return None;
    }
    let line = if lines.len() == 1 { "line" } else { "lines" };
    let lines = crate::storage::journal::first_named(lines, ", ", usize::to_string);
    let mark = crate::domain::redact::MARK;
    Some(Localized::new(
        format!(
            "Đã thay {} trong ghi chú --notes (dòng {lines}) bằng {mark}: họ tên, số điện thoại không được ghi vào báo cáo. Việc nhận ra dựa vào hình dạng chữ nên có thể ẩn cả tên địa danh hay tên cán bộ: hãy đọc lại mục ấy trước khi in.",
            hidden.vi()
        ),
        format!(
            "{} in the --notes text ({line} {lines}) replaced with {mark}: no name or phone may go into the report. They are found by their shape, so a place or an official named after a person may be hidden too: read that section again before printing.",
            hidden.en()
        ),
    ))
}

/// The foot: recipients on the left, the signer's authority, title and name on the right.
fn write_signature(o: &mut String, b: &Built, l: Lang) {
    let doc = |key: &str| document(b, key, l);
    let doc_copies = doc("document.copies");
    // Decree 30/2020/NĐ-CP, Appendix I, "Nơi nhận": each line ends with ";", the last (the
    // archive, "Lưu: VT, …") with ".".
    let copies: Vec<&str> = doc_copies
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let copies: Vec<String> = copies
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let end = if i + 1 == copies.len() { '.' } else { ';' };
            format!("<li>- {}{end}</li>", esc(c.trim_end_matches(['.', ';'])))
        })
        .collect();
    let titles: Vec<String> = doc("document.signer_title")
        .split('/')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| format!("<div>{}</div>", esc(t)))
        .collect();
    let _ = write!(
        o,
        "<table class=\"sign\"><tr><td class=\"recipients\"><p><b><i>{}</i></b></p><ul>{}</ul></td>\
         <td class=\"signer\">{}<div class=\"space\"></div><div>{}</div></td></tr></table>",
        esc(l.pick("Nơi nhận:", "Recipients:")),
        copies.concat(),
        titles.concat(),
        esc(&doc("document.signer_name")),
    );
}

/// The footer: the moment of the figures, the calendar versions and the settings applied.
fn write_footer(o: &mut String, b: &Built, l: Lang) {
    let r = &b.report;
    let settings: Vec<String> = super::settings_in_words(b, l)
        .into_iter()
        .map(|(meaning, value)| format!("<li>{}: <b>{}</b></li>", esc(&meaning), esc(&value)))
        .collect();
    let versions = esc(&b.calendar_versions.join(", "));
    let calendars = match l {
        Lang::Vi => format!(
            "Phiên bản lịch làm việc đã dùng: {versions} (lịch tại thời điểm tính số liệu và lịch đã dùng để tính từng thời hạn đã kết thúc)"
        ),
        Lang::En => format!(
            "Working calendar versions in play (the calendar at the moment, and each one a completed deadline was judged by) {versions}"
        ),
    };
    let _ = write!(
        o,
        "<footer class=\"muted\"><p>{} {}. {calendars}.</p><p>{}</p><ul>{}</ul><p>{}</p></footer>",
        esc(l.pick("Số liệu tính đến", "Figures as of")),
        moment(&r.as_of, l),
        esc(l.pick(
            "Căn cứ tính thời hạn và tiêu chí áp dụng:",
            "Settings applied:"
        )),
        settings.concat(),
        esc(l.pick(
            "Lập bằng phananh từ nhật ký sự kiện; không chứa thông tin cá nhân của người phản ánh.",
            "Made by phananh from the event log; contains no reporter's personal data."
        ))
    );
}

/// A reason's label up to its first clause (its article is in the tables), whole.
/// The note under a breakdown saying what it adds up to (`super::counted_over`).
fn counted_over(out: &mut String, accepted: bool, total: u64, l: Lang) {
    let over = super::counted_over(accepted, l);
    let total = super::grouped(total, l);
    let _ = write!(
        out,
        "<p class=\"muted\">{}</p>",
        esc(&l.pick(
            format!("Tính trên {over}: {total}."),
            format!("Counted over {over}: {total}."),
        ))
    );
}

fn reason_short(code: &str, l: Lang) -> String {
    let label = reason_label(code, l);
    label
        .split([':', '('])
        .next()
        .unwrap_or(&label)
        .trim()
        .trim_end_matches('.')
        .to_owned()
}

/// A list of section 6 longer than this goes whole to the annex at the end of the
/// document, and the body says how many cases and where: a few pages of rows would push
/// the conclusion and the signature far from the figures, and a list cut short would leave
/// out cases Đ13.6 asks the report to name.
const IN_BODY: u64 = 100;

/// A list of section 6 the annex prints whole, under its part's number.
struct Annexed<'a> {
    part: &'static str,
    title: &'static str,
    columns: &'static [Column<CaseRow>],
    list: &'a Spool<Case>,
}

/// The rows of a whole list (kept whole for this document: `super::keep`).
fn all_rows(list: &Spool<Case>, b: &Built, l: Lang) -> anyhow::Result<Vec<CaseRow>> {
    let mut rows = Vec::new();
    list.try_for_each(|c| {
        rows.push(CaseRow::new(b, c, l));
        anyhow::Ok(())
    })??;
    Ok(rows)
}

fn cases<'a>(
    o: &mut String,
    annex: &mut Vec<Annexed<'a>>,
    key: &str,
    columns: &'static [Column<CaseRow>],
    list: &'a Spool<Case>,
    b: &Built,
    l: Lang,
) -> anyhow::Result<()> {
    let _ = write!(
        o,
        "<p class=\"list\"><b>{}</b>: {}</p>",
        esc(&super::heading(key, l)),
        super::grouped(list.len(), l)
    );
    if list.is_empty() {
        return Ok(());
    }
    if list.len() <= IN_BODY {
        table(o, columns, all_rows(list, b, l)?, l);
        return Ok(());
    }
    let part = ["I", "II", "III"][annex.len()];
    let n = list.len();
    let shown = super::grouped(n, l);
    let _ = write!(
        o,
        "<p>{}</p>",
        esc(&l.pick(
            format!(
                "Danh sách đầy đủ {shown} trường hợp tại Phụ lục kèm theo Báo cáo này, mục {part}."
            ),
            format!(
                "The full list of {} is in the Annex attached to this report, part {part}.",
                crate::i18n::count_en(n, "case", "cases")
            ),
        ))
    );
    let title = super::section(key).title;
    annex.push(Annexed {
        part,
        title: l.pick(title.0, title.1),
        columns,
        list,
    });
    Ok(())
}

/// The annex (Decree 30/2020/NĐ-CP, Appendix I: "Phụ lục", its title, and the document it
/// is attached to), on pages of its own after the report.
fn write_annex(
    out: &mut dyn std::io::Write,
    annex: &[Annexed],
    symbol: &str,
    date: NaiveDate,
    b: &Built,
    l: Lang,
) -> anyhow::Result<()> {
    if annex.is_empty() {
        return Ok(());
    }
    let mut o = String::new();
    let _ = write!(
        o,
        "<section class=\"annex\"><p class=\"annex-no\">{}</p><p class=\"annex-title\">{}</p>\
         <p class=\"annex-ref\">{}</p>",
        esc(l.pick("PHỤ LỤC", "ANNEX")),
        esc(l.pick(
            "DANH SÁCH CÁC TRƯỜNG HỢP TRỄ HẠN, KÉO DÀI, CHƯA DỨT ĐIỂM",
            "LIST OF LATE, PROLONGED AND UNRESOLVED CASES"
        )),
        esc(&l.pick(
            format!(
                "(Kèm theo Báo cáo số {BLANK_NUMBER}/{symbol} {})",
                day_words(date, l)
            ),
            format!(
                "(Attached to Report No. {BLANK_NUMBER}/{symbol} of {})",
                day_words(date, l)
            ),
        )),
    );
    for part in annex {
        let n = part.list.len();
        let _ = write!(
            o,
            "<p class=\"list\"><b>{}. {} ({})</b></p>",
            part.part,
            esc(part.title),
            esc(&l.pick(
                format!("{} trường hợp", super::grouped(n, l)),
                crate::i18n::count_en(n, "case", "cases")
            )),
        );
        let shown = super::shown(part.columns, true, l);
        table_head(&mut o, &shown);
        part.list.try_for_each(|case| {
            table_row(&mut o, &shown, &CaseRow::new(b, case, l), l);
            if o.len() >= 64 * 1024 {
                out.write_all(o.as_bytes())?;
                o.clear();
            }
            anyhow::Ok(())
        })??;
        table_foot(&mut o, shown.len(), part.list.is_empty());
    }
    o.push_str("</section>");
    out.write_all(o.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year's 44 week labels, 15 units apart and 22 or more
    /// wide, overprinted one another, and the first and last, centred on the outermost
    /// columns, ran past the chart's edges with the "*" of a cut week.
    #[test]
    fn week_labels_never_touch_and_the_cut_weeks_are_printed_inside_the_chart() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        for (from, to, l) in [
            (day(1, 1), day(12, 31), Lang::Vi),
            (day(1, 1), day(12, 31), Lang::En),
            (day(7, 1), day(9, 30), Lang::Vi),
            (day(7, 1), day(12, 31), Lang::En),
            (day(10, 1), day(10, 31), Lang::Vi),
        ] {
            let mut monday =
                from - chrono::Days::new(u64::from(from.weekday().num_days_from_monday()));
            let mut weeks = Vec::new();
            while monday <= to {
                weeks.push(week_bar(&CountedWeek::within(monday, 9, from, to), l));
                monday = monday + chrono::Days::new(7);
            }
            let mut out = String::new();
            bars(&mut out, "tuần", &weeks, 9.0, true, true);
            let labels: Vec<(f64, &str, &str)> = out
                .split("<text ")
                .filter(|t| t.contains("y=\"152.0\""))
                .map(|t| {
                    let attr = |name: &str| {
                        let at = t.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                        &t[at..at + t[at..].find('"').unwrap()]
                    };
                    let text = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                    (attr("x").parse().unwrap(), attr("text-anchor"), text)
                })
                .collect();
            // A label may take two lines ("Dec 28–Dec" / "31*"): each is printed.
            let (first, last) = (labels[0], labels[labels.len() - 1]);
            let lines = |b: &Bar| wrap(&b.label, 12);
            assert_eq!((first.1, first.2), ("start", lines(&weeks[0])[0].as_str()));
            let last_lines = lines(&weeks[weeks.len() - 1]);
            assert_eq!((last.1, last.2), ("end", last_lines[0].as_str()));
            for (b, anchor) in [(&weeks[0], "start"), (&weeks[weeks.len() - 1], "end")] {
                let tail = lines(b).pop().unwrap();
                assert!(tail.ends_with('*'), "{}", b.label);
                assert!(
                    out.contains(&format!("text-anchor=\"{anchor}\">{}</text>", esc(&tail))),
                    "{tail}: {out}"
                );
            }
            let mut right = f64::MIN;
            for (x, anchor, text) in &labels {
                let w = text_width(text.chars().count(), COLUMN_LABEL);
                let (left, end) = match *anchor {
                    "start" => (*x, x + w),
                    "end" => (x - w, *x),
                    _ => (x - w / 2.0, x + w / 2.0),
                };
                assert!(left >= 0.0 && end <= 660.0, "{text} at {x} {anchor}");
                assert!(left > right, "{text} at {x} touches the label before it");
                right = end;
            }
            // Thinned, not emptied: a year keeps a label every few weeks.
            assert!(labels.len() >= weeks.len() / 4, "{labels:?}");
        }
    }

    /// "Công ty Cổ phần Cấp nước Cà Mau" lost its first letter at
    /// the left edge of the agencies' chart.
    #[test]
    fn a_long_name_left_of_a_bar_fits_in_its_room() {
        let name = "Công ty Cổ phần Cấp nước Cà Mau".to_owned();
        let reason = "Nội dung phản ánh phải viết bằng tiếng Việt".to_owned();
        let mut out = String::new();
        bars(
            &mut out,
            "tỷ lệ",
            &[bar(name, 0.9, "90%".into()), bar(reason, 0.5, "50%".into())],
            1.0,
            false,
            false,
        );
        for line in out
            .split("<text ")
            .filter(|t| t.contains("text-anchor=\"end\""))
            .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        {
            assert!(
                text_width(line.chars().count(), ROW_LABEL) <= 146.0,
                "{line}"
            );
        }
    }

    /// Every figure a chart prints groups its thousands as the tables beside it do: the
    /// rejections' and the ratings' bars printed "1308" under a table that read "1.308".
    #[test]
    fn a_charts_figures_group_thousands_as_the_tables_do() {
        let rejections = [("missing_media".to_owned(), 1308)].into_iter().collect();
        let ratings = [2040, 5, 999, 1000, 0];
        for (l, thousands) in [
            (Lang::Vi, ["1.308", "2.040", "1.000"]),
            (Lang::En, ["1,308", "2,040", "1,000"]),
        ] {
            assert_eq!(reason_bars(&rejections, l)[0].shown, thousands[0]);
            let stars: Vec<String> = rating_bars(&ratings, l)
                .into_iter()
                .map(|b| b.shown)
                .collect();
            assert_eq!(stars, [thousands[1], "5", "999", thousands[2], "0"]);
        }
    }

    /// The English document wrote its weeks `01/10–04/10`.
    #[test]
    fn a_weeks_label_is_written_as_the_documents_readers_write_a_day() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let (from, to) = (day(10, 1), day(10, 31));
        let cut = |l| week_bar(&CountedWeek::within(day(9, 28), 3, from, to), l);
        let whole = |l| week_bar(&CountedWeek::within(day(10, 5), 3, from, to), l);
        assert_eq!(cut(Lang::Vi).label, "01/10–04/10*");
        assert_eq!(cut(Lang::En).label, "Oct 1–Oct 4*");
        assert!(cut(Lang::En).partial);
        assert_eq!(whole(Lang::Vi).label, "05/10");
        assert_eq!(whole(Lang::En).label, "Oct 5");
        assert!(!whole(Lang::Vi).partial);
    }
}
