//! The periodic report as one self-contained HTML document (SPEC §5): inline CSS and inline
//! SVG charts, no script, font or request to anywhere, laid out for A4 paper, so that it can
//! be printed or attached and sent to the People's Committee as it is.

use std::fmt::Write as _;

use super::report::{Built, percent, reason_label, why_label};
use crate::domain::periodic::Case;
use crate::output::Lang;
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

fn table(out: &mut String, headers: &[&str], rows: &[Vec<(String, bool)>]) {
    out.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(
            out,
            "<tr><td colspan=\"{}\" class=\"muted\">—</td></tr>",
            headers.len()
        );
    }
    for row in rows {
        out.push_str("<tr>");
        for (cell, number) in row {
            let class = if *number { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn text(s: impl Into<String>) -> (String, bool) {
    (s.into(), false)
}

fn num(n: impl ToString) -> (String, bool) {
    (n.to_string(), true)
}

pub fn render(b: &Built, l: Lang) -> String {
    let r = &b.report;
    let mut o = String::with_capacity(64 * 1024);
    let lang = match l {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let title = l.pick(
        "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường",
        "Report on the receipt and handling of on-the-spot reports",
    );
    let period = l.pick(&r.period.label_vi, &r.period.label_en);
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <title>{} — {}</title><style>{STYLE}</style></head><body>",
        esc(title),
        esc(period)
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
        esc(period),
        esc(l.pick("Phản ánh gửi từ ngày", "Reports sent from")),
        r.period.from.format("%d/%m/%Y"),
        r.period.to.format("%d/%m/%Y"),
        esc(l.pick("Số liệu tính đến", "Figures as of")),
        esc(&r.as_of)
    );

    let t = &r.totals;
    let _ = write!(o, "<h2>{}</h2>", esc(l.pick("1. Tổng hợp", "1. Totals")));
    table(
        &mut o,
        &[l.pick("Chỉ tiêu", "Item"), l.pick("Số lượng", "Count")],
        &[
            vec![
                text(l.pick("Tổng số phản ánh nhận được", "Reports received")),
                num(t.received),
            ],
            vec![
                text(l.pick("Chờ kiểm tra", "Awaiting the check")),
                num(t.awaiting_check),
            ],
            vec![
                text(l.pick("Từ chối tiếp nhận", "Rejected")),
                num(t.rejected),
            ],
            vec![text(l.pick("Tiếp nhận", "Accepted")), num(t.accepted)],
            vec![text(l.pick("Khẩn cấp", "Urgent")), num(t.urgent)],
            vec![text(l.pick("Trùng lặp", "Duplicates")), num(t.duplicates)],
            vec![
                text(l.pick("Đã phản hồi kết quả", "Answered")),
                num(t.answered),
            ],
        ],
    );

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
    table(
        &mut o,
        &[
            l.pick("Giai đoạn", "Stage"),
            l.pick("Điều", "Article"),
            l.pick("Đúng hạn", "On time"),
            l.pick("Trễ hạn", "Late"),
            l.pick("Đang xử lý, trong hạn", "Open, within"),
            l.pick("Đang xử lý, quá hạn", "Open, overdue"),
            l.pick("Tỷ lệ đúng hạn", "On-time rate"),
        ],
        &r.stages
            .iter()
            .filter_map(|st| {
                let stage = st.stage?;
                Some(vec![
                    text(l.pick(stage.label_vi(), stage.label_en())),
                    text(l.pick(stage.article(), stage.article_en())),
                    num(st.on_time),
                    num(st.late),
                    num(st.open_within),
                    num(st.open_overdue),
                    (percent(st.on_time_rate, l), true),
                ])
            })
            .collect::<Vec<_>>(),
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
    table(
        &mut o,
        &[
            l.pick("Cơ quan", "Agency"),
            l.pick("Được giao", "Assigned"),
            l.pick("Trả lời đúng hạn", "Replied on time"),
            l.pick("Trả lời trễ", "Replied late"),
            l.pick("Trả lại đúng hạn", "Returned on time"),
            l.pick("Trả lại trễ", "Returned late"),
            l.pick("Bị yêu cầu làm lại", "Sent back"),
            l.pick("Đang xử lý", "Open"),
            l.pick("Tỷ lệ đúng hạn", "On-time rate"),
        ],
        &r.agencies
            .iter()
            .map(|a| {
                vec![
                    text(format!("{} — {}", a.agency, b.agency_name(&a.agency))),
                    num(a.assigned),
                    num(a.replied_on_time),
                    num(a.replied_late),
                    num(a.returned_on_time),
                    num(a.returned_late),
                    num(a.sent_back),
                    num(a.open),
                    (percent(a.on_time_rate, l), true),
                ]
            })
            .collect::<Vec<_>>(),
    );

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick(
            "4. Phân loại: lĩnh vực, lý do từ chối, địa bàn",
            "4. Breakdown: fields, rejection reasons, communes"
        ))
    );
    let field_rows: Vec<_> =
        r.by_field
            .iter()
            .map(|(code, n)| {
                let name =
                    b.fields.get(code).cloned().unwrap_or_else(|| {
                        l.pick("(chưa phân loại)", "(not classified)").to_owned()
                    });
                vec![text(format!("{code} — {name}")), num(n)]
            })
            .collect();
    table(
        &mut o,
        &[l.pick("Lĩnh vực", "Field"), l.pick("Số lượng", "Count")],
        &field_rows,
    );
    let reason_rows: Vec<_> = r
        .rejections
        .iter()
        .map(|(code, n)| vec![text(reason_label(code, l)), num(n)])
        .collect();
    table(
        &mut o,
        &[
            l.pick("Lý do từ chối", "Rejection reason"),
            l.pick("Số lượng", "Count"),
        ],
        &reason_rows,
    );
    let commune_rows: Vec<_> = r
        .by_commune
        .iter()
        .map(|(c, n)| vec![text(c.clone()), num(n)])
        .collect();
    table(
        &mut o,
        &[l.pick("Xã, phường", "Commune"), l.pick("Số lượng", "Count")],
        &commune_rows,
    );

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick("5. Mức độ hài lòng", "5. Satisfaction"))
    );
    table(
        &mut o,
        &[
            l.pick("Lượt đánh giá", "Ratings"),
            l.pick("Điểm trung bình", "Average"),
            l.pick("Hài lòng (4–5)", "Satisfied (4–5)"),
            l.pick("Tỷ lệ hài lòng", "Satisfied share"),
        ],
        &[vec![
            num(s.ratings),
            (
                s.average
                    .map(|a| {
                        let t = format!("{a:.2}");
                        if l == Lang::Vi {
                            t.replace('.', ",")
                        } else {
                            t
                        }
                    })
                    .unwrap_or_else(|| "—".into()),
                true,
            ),
            num(s.satisfied),
            (percent(s.satisfied_share, l), true),
        ]],
    );

    let _ = write!(
        o,
        "<h2>{}</h2>",
        esc(l.pick(
            "6. Các trường hợp trễ hạn, kéo dài, chưa dứt điểm (Điều 13 khoản 6)",
            "6. Late, prolonged and unresolved cases (Art. 13.6)"
        ))
    );
    cases(&mut o, l.pick("Trễ hạn", "Late"), &b.cases.late, b, l, true);
    cases(
        &mut o,
        l.pick("Kéo dài", "Prolonged"),
        &b.cases.prolonged,
        b,
        l,
        false,
    );
    cases(
        &mut o,
        l.pick("Chưa dứt điểm", "Unresolved"),
        &b.cases.unresolved,
        b,
        l,
        false,
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

fn cases(o: &mut String, title: &str, list: &Spool<Case>, b: &Built, l: Lang, late: bool) {
    let _ = write!(o, "<p><b>{}</b>: {}</p>", esc(title), list.len());
    if list.is_empty() {
        return;
    }
    // A long list is summarised in print: the first hundred, with the full list in CSV/JSON.
    const SHOWN: usize = 100;
    let rows: Vec<Vec<(String, bool)>> = list
        .first()
        .iter()
        .take(SHOWN)
        .map(|c| {
            let agency = c
                .agency
                .as_deref()
                .map(|a| format!("{a} — {}", b.agency_name(a)))
                .unwrap_or_default();
            if late {
                vec![
                    num(c.report_id),
                    text(c.external_id.clone()),
                    text(
                        c.stage
                            .map(|s| l.pick(s.label_vi(), s.label_en()).to_owned())
                            .unwrap_or_default(),
                    ),
                    text(agency),
                    text(c.due_at.clone().unwrap_or_default()),
                    text(
                        c.done_at
                            .clone()
                            .unwrap_or_else(|| l.pick("(chưa xong)", "(open)").into()),
                    ),
                    num(c.overrun_minutes.unwrap_or_default()),
                ]
            } else {
                vec![
                    num(c.report_id),
                    text(c.external_id.clone()),
                    text(agency),
                    text(
                        c.why
                            .iter()
                            .map(|w| why_label(w, l))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ]
            }
        })
        .collect();
    let headers: Vec<&str> = if late {
        vec![
            l.pick("Số", "Id"),
            l.pick("Mã ứng dụng", "External id"),
            l.pick("Giai đoạn", "Stage"),
            l.pick("Cơ quan", "Agency"),
            l.pick("Hạn", "Due"),
            l.pick("Hoàn thành", "Done"),
            l.pick("Quá (phút)", "Over (min)"),
        ]
    } else {
        vec![
            l.pick("Số", "Id"),
            l.pick("Mã ứng dụng", "External id"),
            l.pick("Cơ quan", "Agency"),
            l.pick("Lý do", "Why"),
        ]
    };
    table(o, &headers, &rows);
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
