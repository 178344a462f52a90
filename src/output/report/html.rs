//! The periodic report as one self-contained HTML document (`docs/rules.md §5`): inline CSS
//! and inline SVG charts, no script, font or request to anywhere, laid out for A4 paper, so
//! that it can be printed or attached and sent to the People's Committee (Đ13.6) as it is.
//! Its tables are the sections' columns shown on paper.

use std::fmt::Write as _;

use super::Built;
use super::{
    AGENCIES, BY_COMMUNE, BY_FIELD, CaseRow, Column, LATE, LINGERING, REJECTIONS, SATISFACTION,
    STAGES, TOTALS, percent, reason_label,
};
use crate::domain::periodic::Case;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::spool::Spool;

/// Escapes text for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

const STYLE: &str = "
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10pt;
       color: #111; margin: 0 auto; max-width: 182mm; }
header { text-align: center; margin-bottom: 6mm; }
header .state { font-weight: bold; font-size: 10pt; }
header h1 { font-size: 14pt; margin: 4mm 0 1mm; text-transform: uppercase; }
header p { margin: 0.5mm 0; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #444; padding-bottom: 1mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #eef1f5; font-weight: bold; text-align: left; }
td.n { text-align: right; white-space: nowrap; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; }
figure { margin: 0; width: 88mm; page-break-inside: avoid; }
figure.wide { width: 100%; }
figcaption { font-weight: bold; font-size: 9.5pt; margin-bottom: 1mm; }
svg text { font-family: inherit; }
.muted { color: #555; font-size: 8.5pt; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #333; }
";

/// A bar chart: labels and values; horizontal bars (one per line) or vertical columns.
fn bars(
    out: &mut String,
    caption: &str,
    items: &[(String, f64, String)],
    max: f64,
    vertical: bool,
    wide: bool,
) {
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
    if vertical {
        // A narrow figure gets a narrow canvas, so its text is not scaled down to nothing.
        let width = if wide { 660.0 } else { 300.0 };
        let (height, base) = (170.0, 140.0);
        let step = width / items.len() as f64;
        let bar = (step * 0.7).max(2.0);
        let _ = write!(
            out,
            "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
            esc(caption)
        );
        let _ = write!(
            out,
            "<line x1=\"0\" y1=\"{base}\" x2=\"{width}\" y2=\"{base}\" stroke=\"#666\"/>"
        );
        for (i, (label, value, shown)) in items.iter().enumerate() {
            let h = (value / max) * (base - 18.0);
            let x = i as f64 * step + (step - bar) / 2.0;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"#2f6db5\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"middle\">{}</text>",
                base - h,
                x + bar / 2.0,
                base - h - 3.0,
                esc(shown),
                x + bar / 2.0,
                base + 12.0,
                esc(label)
            );
        }
        out.push_str("</svg></figure>");
        return;
    }
    let (label_w, bar_w, row_h) = (170.0, 120.0, 16.0);
    let height = row_h * items.len() as f64 + 4.0;
    let _ = write!(
        out,
        "<svg viewBox=\"0 0 {} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
        label_w + bar_w + 60.0,
        esc(caption)
    );
    for (i, (label, value, shown)) in items.iter().enumerate() {
        let y = i as f64 * row_h + 2.0;
        let w = (value / max) * bar_w;
        let short: String = if label.chars().count() > 30 {
            label.chars().take(29).chain(['…']).collect()
        } else {
            label.clone()
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\">{}</text>\
             <rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"#2f6db5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\">{}</text>",
            label_w - 4.0,
            y + row_h * 0.65,
            esc(&short),
            label_w,
            row_h * 0.7,
            label_w + w + 3.0,
            y + row_h * 0.65,
            esc(shown)
        );
    }
    out.push_str("</svg></figure>");
}

fn table<R>(out: &mut String, columns: &[Column<R>], rows: impl IntoIterator<Item = R>, l: Lang) {
    let shown = super::shown(columns, true, l);
    out.push_str("<table><thead><tr>");
    for (head, _) in &shown {
        let _ = write!(out, "<th>{}</th>", esc(head));
    }
    out.push_str("</tr></thead><tbody>");
    let mut empty = true;
    for row in rows {
        empty = false;
        out.push_str("<tr>");
        for (_, column) in &shown {
            let cell = (column.cell)(&row, l);
            let class = if cell.figure { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(&cell.text));
        }
        out.push_str("</tr>");
    }
    if empty {
        let _ = write!(
            out,
            "<tr><td colspan=\"{}\" class=\"muted\">—</td></tr>",
            shown.len()
        );
    }
    out.push_str("</tbody></table>");
}

pub fn render(b: &Built, l: Lang) -> String {
    let r = &b.report;
    let mut o = String::with_capacity(64 * 1024);
    let lang = l.pick("vi", "en");
    let title = l.pick(
        "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường",
        "Report on the receipt and handling of on-the-spot reports",
    );
    let period = r.period.text(l);
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <title>{} — {}</title><style>{STYLE}</style></head><body>",
        esc(title),
        esc(&period)
    );
    let _ = write!(
        o,
        "<header><div class=\"state\">{}</div><div>{}</div><h1>{}</h1><p><b>{}</b></p>\
         <p>{} {} – {}. {} {}.</p></header>",
        esc(l.pick(
            "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH CÀ MAU",
            "CÀ MAU PROVINCE WEB PORTAL"
        )),
        esc(l.pick(
            "Kính gửi: Ủy ban nhân dân tỉnh Cà Mau (Điều 13 khoản 6 QĐ 17/2022/QĐ-UBND)",
            "To: the People's Committee of Cà Mau province (Art. 13.6, Decision No. 17/2022/QD-UBND)"
        )),
        esc(title),
        esc(&period),
        esc(l.pick("Phản ánh gửi từ ngày", "Reports sent from")),
        r.period.from.format("%d/%m/%Y"),
        r.period.to.format("%d/%m/%Y"),
        esc(l.pick("Số liệu tính đến", "Figures as of")),
        esc(&r.as_of)
    );

    let _ = write!(o, "<h2>{}</h2>", esc(l.pick("1. Tổng hợp", "1. Totals")));
    table(&mut o, TOTALS, super::totals(&r.totals), l);
    o.push_str("<div class=\"charts\">");
    let weeks: Vec<(String, f64, String)> = r
        .per_week
        .iter()
        .map(|(week, n)| (week.format("%d/%m").to_string(), *n as f64, n.to_string()))
        .collect();
    let max = weeks.iter().map(|w| w.1).fold(0.0, f64::max);
    bars(
        &mut o,
        l.pick(
            "Số phản ánh nhận theo tuần (từ thứ Hai)",
            "Reports received per week (from Monday)",
        ),
        &weeks,
        max,
        true,
        true,
    );
    let mut rates: Vec<(String, f64, String)> = r
        .agencies
        .iter()
        .filter_map(|a| {
            a.on_time_rate
                .map(|rate| (a.agency.clone(), rate, percent(Some(rate), l)))
        })
        .collect();
    rates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    bars(
        &mut o,
        l.pick(
            "Tỷ lệ xử lý đúng hạn theo cơ quan",
            "On-time rate per agency",
        ),
        &rates,
        1.0,
        false,
        false,
    );
    let reasons: Vec<(String, f64, String)> = r
        .rejections
        .iter()
        .map(|(code, n)| (reason_short(code, l), *n as f64, n.to_string()))
        .collect();
    let max = reasons.iter().map(|x| x.1).fold(0.0, f64::max);
    bars(
        &mut o,
        l.pick("Lý do từ chối tiếp nhận", "Reasons for rejection"),
        &reasons,
        max,
        false,
        false,
    );
    let s = &r.satisfaction;
    let ratings: Vec<(String, f64, String)> = s
        .distribution
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{} ★", i + 1), *n as f64, n.to_string()))
        .collect();
    let max = ratings.iter().map(|x| x.1).fold(0.0, f64::max);
    bars(
        &mut o,
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

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick("2. Thời hạn theo giai đoạn", "2. Deadlines by stage"))
    );
    // A row of no stage (a total) is the terminal's; the document lists the stages of Đ7–Đ8.
    table(
        &mut o,
        STAGES,
        r.stages.iter().filter(|st| st.stage.is_some()).cloned(),
        l,
    );
    let _ = write!(
        o,
        "<p class=\"muted\">{}</p>",
        esc(l.pick(
            "Tỷ lệ đúng hạn = số hoàn thành đúng hạn ÷ (số đã hoàn thành + số đang quá hạn). Khung thời gian trả lại không dùng hết được tính là đúng hạn.",
            "On-time rate = completed on time ÷ (completed + open overdue). A return window that passed unused counts as on time."
        ))
    );

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick("3. Kết quả của các cơ quan xử lý", "3. Handling agencies"))
    );
    table(&mut o, AGENCIES, super::agencies(b), l);

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick(
            "4. Phân loại: lĩnh vực, lý do từ chối, địa bàn",
            "4. Breakdown: fields, rejection reasons, communes"
        ))
    );
    table(&mut o, BY_FIELD, super::by_field(b, l), l);
    table(&mut o, REJECTIONS, super::rejections(b, l), l);
    table(&mut o, BY_COMMUNE, super::by_commune(b), l);

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick("5. Mức độ hài lòng", "5. Satisfaction"))
    );
    table(&mut o, SATISFACTION, [s.clone()], l);

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick(
            "6. Các trường hợp trễ hạn, kéo dài, chưa dứt điểm (Điều 13 khoản 6)",
            "6. Late, prolonged and unresolved cases (Art. 13.6)"
        ))
    );
    cases(&mut o, l.pick("Trễ hạn", "Late"), LATE, &b.cases.late, b, l);
    cases(
        &mut o,
        l.pick("Kéo dài", "Prolonged"),
        LINGERING,
        &b.cases.prolonged,
        b,
        l,
    );
    cases(
        &mut o,
        l.pick("Chưa dứt điểm", "Unresolved"),
        LINGERING,
        &b.cases.unresolved,
        b,
        l,
    );

    let settings: Vec<String> = b
        .settings
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    let _ = writeln!(
        o,
        "<footer><p>{} {}. {} {}.</p><p>{} {}</p><p class=\"muted\">{}</p></footer></body></html>",
        esc(l.pick("Số liệu tính đến", "Figures as of")),
        esc(&r.as_of),
        esc(l.pick("Phiên bản lịch làm việc", "Working calendar version")),
        esc(&b.calendar_version),
        esc(l.pick("Thiết lập áp dụng:", "Settings applied:")),
        esc(&settings.join("; ")),
        esc(l.pick(
            "Lập bằng phananh từ nhật ký sự kiện; không chứa thông tin cá nhân của người phản ánh.",
            "Made by phananh from the event log; contains no reporter's personal data."
        ))
    );
    o
}

/// A reason's label up to its first clause, for a chart's axis.
fn reason_short(code: &str, l: Lang) -> String {
    let label = reason_label(code, l);
    label
        .split([':', '(', '.'])
        .next()
        .unwrap_or(&label)
        .trim()
        .to_owned()
}

fn cases(
    o: &mut String,
    title: &str,
    columns: &[Column<CaseRow>],
    list: &Spool<Case>,
    b: &Built,
    l: Lang,
) {
    let _ = write!(o, "<p><b>{}</b>: {}</p>", esc(title), list.len());
    if list.is_empty() {
        return;
    }
    // A long list is summarised in print: the first hundred, with the full list in CSV/JSON.
    const SHOWN: usize = 100;
    let rows = list
        .first()
        .iter()
        .take(SHOWN)
        .map(|c| CaseRow::new(b, c, l));
    table(o, columns, rows, l);
    if list.len() > SHOWN as u64 {
        let _ = write!(
            o,
            "<p class=\"muted\">{} {} {}</p>",
            esc(l.pick("… và", "… and")),
            list.len() - SHOWN as u64,
            esc(l.pick(
                "trường hợp khác (danh sách đầy đủ: --format csv hoặc json).",
                "more (the full list: --format csv or json)."
            ))
        );
    }
}
