//! What `audit verify` found changed, as an inspector copies it into minutes (printed on
//! standard output, apart from the operator's advice on standard error): for each edited
//! report row and moved clock, the columns the log gives a value of, as the log leads to
//! them and as the file holds them, and the event after which the change was made. Never
//! a value of the reporter's identity, nor a typed text (its length only).

use crate::domain::audit::ClockValue;
use crate::domain::edits::{
    ClockFinding, Column, Finding, Others, RowEdit, Since, TableRowFinding, Value,
};
use crate::domain::event::EventKind;
use crate::i18n::{Bilingual, Lang};
use crate::output::layout::when;

/// Every finding, a paragraph each, under a heading; empty when there is none.
pub fn listed(findings: &[Finding], lang: Lang) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut out = lang
        .pick(
            "Những gì đã bị sửa ngoài phananh, theo nhật ký:\n",
            "What was changed outside phananh, by the log:\n",
        )
        .to_owned();
    for finding in findings {
        match finding {
            Finding::ReportRow(row) => out.push_str(&row_edit(row, lang)),
            Finding::Clock(clock) => out.push_str(&clock_edit(clock, lang)),
            Finding::TableRow(row) => out.push_str(&table_row(row, lang)),
        }
    }
    out
}

/// "after event N (time, account, what it was)", or that no event sealed the row.
fn since(since: Option<&Since>, lang: Lang) -> String {
    match since {
        Some(s) => {
            let action = EventKind::parse(&s.action)
                .map_or_else(|| s.action.clone(), |k| k.text(lang).into_owned());
            match lang {
                Lang::Vi => format!(
                    "sau sự kiện {} ({}, {}, {})",
                    s.event,
                    plain_when(&s.at, lang),
                    s.actor,
                    action
                ),
                Lang::En => format!(
                    "after event {} ({}, {}, {})",
                    s.event,
                    plain_when(&s.at, lang),
                    s.actor,
                    action
                ),
            }
        }
        None => lang
            .pick(
                "sau khi nhận (không sự kiện nào niêm phong dòng)",
                "at an unknown time (no event sealed the row)",
            )
            .to_owned(),
    }
}

fn row_edit(row: &RowEdit, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Vi => format!(
            "Phản ánh {}: dòng dữ liệu bị sửa {}.\n",
            row.report_id,
            since(row.since.as_ref(), lang)
        ),
        Lang::En => format!(
            "Report {}: row edited {}.\n",
            row.report_id,
            since(row.since.as_ref(), lang)
        ),
    };
    for edit in &row.columns {
        let line = match lang {
            Lang::Vi => format!(
                "  - {}: nhật ký ghi {}, tệp ghi {}.\n",
                column(edit.column, lang),
                value(&edit.journal, true, lang),
                value(&edit.file, false, lang)
            ),
            Lang::En => format!(
                "  - {}: the log has {}, the file has {}.\n",
                column(edit.column, lang),
                value(&edit.journal, true, lang),
                value(&edit.file, false, lang)
            ),
        };
        out.push_str(&line);
    }
    if row.identity_differs {
        out.push_str(lang.pick(
            "  - Thông tin người phản ánh khác: tệp có họ tên hoặc số điện thoại ghi rõ bên cạnh danh tính đã mã hóa hoặc đã xóa.\n",
            "  - The reporter's details differ: the file holds a name or phone in clear beside an identity encrypted or erased.\n",
        ));
    }
    out.push_str(match row.other_columns {
        Others::AsLogged => lang.pick(
            "  - Các cột khác đúng như nhật ký đã niêm phong.\n",
            "  - Every other column is as the log sealed it.\n",
        ),
        Others::Differ => lang.pick(
            "  - Ít nhất một cột mà nhật ký không giữ giá trị cũng đã đổi (nội dung, hình ảnh/video, tọa độ, địa chỉ, xã/phường, thời điểm xảy ra, khẩn cấp, gợi ý lĩnh vực, giữ bí mật, đồng ý chia sẻ danh tính, mã ứng dụng, hoặc thông tin người phản ánh): nhật ký chỉ giữ mã băm của cả dòng nên không biết là cột nào.\n",
            "  - At least one column the log holds no value of changed too (content, media, coordinates, address, commune, time of the incident, urgent, category hint, secrecy, consent, app id, or the reporter's details): the log holds only a digest of the whole row, so which cannot be told.\n",
        ),
    });
    out
}

fn column(column: Column, lang: Lang) -> &'static str {
    let (vi, en) = match column {
        Column::Status => ("Trạng thái", "Status"),
        Column::Field => ("Lĩnh vực", "Field"),
        Column::Agency => ("Cơ quan xử lý", "Agency"),
        Column::Round => ("Lượt xử lý", "Round"),
        Column::Returns => ("Số lần chuyển trả", "Returns"),
        Column::SendBacks => ("Số lần yêu cầu xử lý lại", "Send-backs"),
        Column::RejectReasons => ("Lý do từ chối", "Reasons for rejection"),
        Column::ResultText => ("Kết quả xử lý", "Result"),
        Column::Rating => ("Đánh giá", "Rating"),
        Column::DuplicateOf => ("Trùng với phản ánh", "Duplicate of"),
        Column::StateSecret => ("Bí mật nhà nước (Đ9.3)", "State secret (Đ9.3)"),
    };
    lang.pick(vi, en)
}

/// A value in a sentence; `logged` words a text by the event that recorded it.
fn value(value: &Value, logged: bool, lang: Lang) -> String {
    let none = || lang.pick("(trống)", "(none)").to_owned();
    let quoted = |text: &str| format!("“{text}”");
    match value {
        Value::Status(Some(status)) => quoted(&status.text(lang)),
        Value::Status(None) => none(),
        Value::Code(Some(code)) => code.clone(),
        Value::Code(None) | Value::Rating(None) | Value::Report(None) => none(),
        Value::Count(n) => n.to_string(),
        Value::Codes(codes) if codes.is_empty() => none(),
        // The reasons in the words `show` gives them; a code no version wrote, as stored.
        Value::Codes(codes) => codes
            .iter()
            .map(|code| {
                crate::domain::validate::Reason::from_code(code)
                    .map_or_else(|| code.clone(), |r| quoted(r.label(lang)))
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Text { chars: 0, .. } if logged => lang
            .pick("không có văn bản trả lời nào", "no reply text")
            .to_owned(),
        Value::Text { chars: 0, .. } => none(),
        Value::Text {
            chars,
            event: Some(event),
        } => match lang {
            Lang::Vi => format!("văn bản của sự kiện {event} ({chars} ký tự)"),
            Lang::En => format!("the text of event {event} ({chars} characters)"),
        },
        Value::Text { chars, .. } if logged => match lang {
            Lang::Vi => format!("một văn bản ({chars} ký tự)"),
            Lang::En => format!("a text ({chars} characters)"),
        },
        Value::Text { chars, .. } => match lang {
            Lang::Vi => format!("một văn bản khác ({chars} ký tự)"),
            Lang::En => format!("another text ({chars} characters)"),
        },
        Value::Rating(Some(n)) => format!("{n}/5"),
        Value::Report(Some(id)) => id.to_string(),
        Value::Flag(true) => lang.pick("có", "yes").to_owned(),
        Value::Flag(false) => lang.pick("không", "no").to_owned(),
    }
}

fn clock_edit(found: &ClockFinding, lang: Lang) -> String {
    let edit = &found.edit;
    let stage = edit.stage.text(lang);
    let mut out = match lang {
        Lang::Vi => format!(
            "Thời hạn {} (phản ánh {}, bước {stage}, lượt {}): bị sửa {}, sự kiện mở thời hạn này.\n",
            edit.clock,
            edit.report_id,
            edit.round,
            since(found.since.as_ref(), lang)
        ),
        Lang::En => format!(
            "Clock {} (report {}, {stage} round {}): changed {}, the event that started it.\n",
            edit.clock,
            edit.report_id,
            edit.round,
            since(found.since.as_ref(), lang)
        ),
    };
    let part = match (edit.part, lang) {
        ("start", Lang::Vi) => "Bắt đầu",
        ("agency", Lang::Vi) => "Cơ quan",
        ("stop", Lang::Vi) => "Dừng lúc",
        ("breached flag", Lang::Vi) => "Quá hạn",
        ("deadline", Lang::Vi) => "Hạn",
        ("start", Lang::En) => "Start",
        ("agency", Lang::En) => "Agency",
        ("stop", Lang::En) => "Stopped",
        ("breached flag", Lang::En) => "Late",
        ("deadline", Lang::En) => "Deadline",
        (other, _) => other,
    };
    let line = match lang {
        Lang::Vi => format!(
            "  - {part}: nhật ký và lịch cho {}, tệp ghi {}.\n",
            clock_value(&edit.journal, lang),
            clock_value(&edit.file, lang)
        ),
        Lang::En => format!(
            "  - {part}: the log and the calendar give {}, the file has {}.\n",
            clock_value(&edit.journal, lang),
            clock_value(&edit.file, lang)
        ),
    };
    out.push_str(&line);
    out
}

fn clock_value(value: &ClockValue, lang: Lang) -> String {
    match value {
        ClockValue::Time(Some(at)) => plain_when(at, lang),
        ClockValue::Code(Some(code)) => code.clone(),
        ClockValue::Flag(Some(true)) => lang.pick("quá hạn", "late").to_owned(),
        ClockValue::Flag(Some(false)) => lang.pick("đúng hạn", "on time").to_owned(),
        ClockValue::Time(None) | ClockValue::Code(None) | ClockValue::Flag(None) => {
            lang.pick("(trống)", "(none)").to_owned()
        }
        ClockValue::Unknown => lang
            .pick("không tính được giá trị", "no value it can compute")
            .to_owned(),
    }
}

/// A stored time as tables show it, with a plain space: minutes are typed, not laid out.
fn plain_when(at: &str, lang: Lang) -> String {
    when(at, lang).replace('\u{a0}', " ")
}

fn table_row(row: &TableRowFinding, lang: Lang) -> String {
    let key = crate::domain::tables::key_text(&row.key);
    let since = since(row.since.as_ref(), lang);
    match (lang, row.removed) {
        (Lang::Vi, false) => format!(
            "Bảng {}, dòng {key}: bị sửa {since}; nhật ký chỉ giữ mã băm của dòng nên không biết cột nào.\n",
            row.table
        ),
        (Lang::Vi, true) => format!("Bảng {}, dòng {key}: bị xóa {since}.\n", row.table),
        (Lang::En, false) => format!(
            "Table {}, row {key}: changed {since}; the log holds only the row's digest, so which column cannot be told.\n",
            row.table
        ),
        (Lang::En, true) => format!("Table {}, row {key}: deleted {since}.\n", row.table),
    }
}
