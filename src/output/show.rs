//! `show` and `list` on screen and as data: the report's view (`View`, built by `app::show`) as a
//! two-column table with its clocks and its history below, or as JSON (the view serialised)
//! or CSV (the view's scalar fields as one row); `list` rows as a listing, and the
//! `--status` or `--due` it cannot read.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::domain::audit::EventRecord;
use crate::domain::clocks::State;
use crate::domain::deadline::Stage;
use crate::domain::report::Status;

use crate::domain::statement;
use crate::i18n::Bilingual;
use crate::i18n::{Lang, Localized};
use crate::output::{Format, Listing, render, render_record, when, write_fitted};

/// A report's attributes as `show` labels them, under the names its JSON and the standard
/// CSV give them: the exports' CSV for Excel heads the same values with the same words.
const ATTRIBUTES: [(&str, &str, &str); 20] = [
    ("id", "Số", "Id"),
    ("external_id", "Mã ứng dụng", "External id"),
    ("status", "Trạng thái", "Status"),
    ("urgent", "Khẩn cấp", "Urgent"),
    // The Decision's words for the reporter's request (Đ9.2, Đ6.5); "bảo mật" is data
    // security in general.
    (
        "confidential",
        "Giữ bí mật (Đ9.2)",
        "Confidential (Art. 9.2)",
    ),
    (
        "state_secret",
        "Bí mật nhà nước (Đ9.3)",
        "State secret (Art. 9.3)",
    ),
    ("submitted_at", "Gửi lúc", "Submitted"),
    ("occurred_at", "Xảy ra lúc", "Occurred"),
    ("content", "Nội dung", "Content"),
    ("media", "Hình ảnh/video", "Media"),
    ("address", "Địa chỉ", "Address"),
    ("commune", "Xã/phường", "Commune"),
    ("reporter_name", "Người phản ánh", "Reporter"),
    ("reporter_phone", "Điện thoại", "Phone"),
    (
        "consent",
        "Đồng ý chia sẻ danh tính (Đ6.5)",
        "Consents to share identity (Art. 6.5)",
    ),
    ("reject_reasons", "Lý do từ chối", "Rejected because"),
    ("result_text", "Kết quả xử lý", "Result"),
    ("round", "Lượt xử lý", "Round"),
    ("rating", "Đánh giá", "Rating"),
    ("duplicate_of", "Trùng với", "Duplicate of"),
];

/// The label of a report's attribute in `lang` (`ATTRIBUTES`); None for one `show` does
/// not label.
pub fn attribute(key: &str, lang: Lang) -> Option<&'static str> {
    ATTRIBUTES
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|&(_, vi, en)| lang.pick(vi, en))
}

/// What the tables and the Excel-style CSV show of an identity `erase` destroyed; CSV and
/// JSON leave the name empty and say `identity_erased`.
pub fn erased_label(lang: Lang) -> &'static str {
    lang.pick("danh tính đã xóa", "identity erased")
}

/// A table's reporter cell: the name as the reader may see it, or the label of an identity
/// erased, or of one the key does not open.
fn reporter_cell(name: Option<&str>, erased: bool, unopened: bool, lang: Lang) -> String {
    if unopened {
        return unopened_label(lang).to_owned();
    }
    if erased {
        return erased_label(lang).to_owned();
    }
    name.unwrap_or_default().to_owned()
}

/// What a listing shows for a reporter whose sealed identity the key does not open
/// (`app::vault::Keys::opens_for_listing`).
pub fn unopened_label(lang: Lang) -> &'static str {
    lang.pick(
        "không mở được danh tính (bị sửa ngoài phananh)",
        "identity cannot be opened (edited outside phananh)",
    )
}

/// Refuses to show or export an identity without saying why: every processing of personal
/// data is accounted for (Law 91/2025/QH15), and `audit reveals` lists the reason.
pub fn reason_needed(command: &str) -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết lý do xem hoặc xuất danh tính người phản ánh: `{command} --reason \"...\"` (hoặc `--reason-file TỆP`), {}; lý do được ghi vào nhật ký hệ thống.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why the reporter's identity is needed: `{command} --reason \"...\"` (or `--reason-file FILE`), {}; the reason is kept in the audit log",
            statement::EXPECTED_EN
        ),
    )
}

/// Refuses a reason that would say nothing once recorded: what it held was a name or a
/// phone number, which the log keeps as `[đã ẩn]` (`statement::says_something_once_hidden`).
/// Nothing was done, nothing shown; the reason itself is not quoted back (it is the name).
pub fn reason_hidden(command: &str) -> Localized {
    Localized::new(
        format!(
            "Lý do chỉ gồm họ tên hoặc số điện thoại: nhật ký hệ thống sẽ ẩn chúng thành “[đã ẩn]”, và người kiểm tra không biết được vì sao. Hãy ghi việc cần làm, ví dụ `{command} --reason \"Trả lời đơn yêu cầu ngày 02/11/2026\"`. Chưa làm gì."
        ),
        format!(
            "the reason is only a name or a phone number: the audit log hides them as \"[đã ẩn]\", and the inspector could not tell why. Say what it is for, e.g. `{command} --reason \"Answering the request of 2 November 2026\"`. Nothing was done"
        ),
    )
}

/// Refuses the reason of a step on an identity that is longer than a statement
/// (`statement::too_long_for_a_reason`): it would put a request letter, with the birth
/// date and home address it holds, in the log every role reads. Nothing was done; the
/// reason is not quoted back.
pub fn reason_too_long(command: &str) -> Localized {
    let (most, lines) = (statement::LONGEST_REASON, statement::MOST_REASON_LINES);
    Localized::new(
        format!(
            "Lý do dài quá (hơn {most} ký tự hoặc hơn {lines} dòng): lý do được ghi vào nhật ký hệ thống mà mọi vai trò đọc, nên là một câu ngắn dẫn đơn yêu cầu, không phải nội dung đơn (ngày sinh, địa chỉ nhà trong đơn sẽ nằm lại trong nhật ký). Ví dụ `{command} --reason \"Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC\"`. Chưa làm gì."
        ),
        format!(
            "the reason is too long (over {most} characters or {lines} lines): it is kept in the audit log every role reads, so it is a short sentence citing the request, not the request letter (the birth date and home address a letter holds would stay in the log). E.g. `{command} --reason \"Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC\"`. Nothing was done"
        ),
    )
}

/// Refuses `list --phone` given what is no Vietnamese phone number: nothing is looked up.
pub fn not_a_phone() -> Localized {
    Localized::new(
        "--phone: đây không phải số điện thoại Việt Nam (di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; cố định 11 chữ số bắt đầu bằng 02; +84 thay cho số 0 đầu). Hãy nhập đủ số người phản ánh đã dùng; không có gì được tra cứu.",
        "--phone: not a Vietnamese phone number (a mobile of 10 digits starting 03, 05, 07, 08 or 09; a fixed line of 11 digits starting 02; +84 may stand for the leading 0); type the whole number the reporter used; nothing was looked up",
    )
}

/// Writes one report's view in `format`.
pub fn write(out: &mut dyn Write, view: &View, format: Format, lang: Lang) -> Result<()> {
    let document = serde_json::to_value(view)?;
    if format != Format::Table {
        return render_record(out, &[], &document, format, lang);
    }
    let l = lang;
    let yes = |b: bool| l.yes_no(b).to_owned();
    // A key missing from `ATTRIBUTES` stops a debug build (every test that shows a report)
    // and shows as itself in a release.
    let a = |key: &str| {
        let label = attribute(key, l);
        debug_assert!(label.is_some(), "no label for {key}");
        label.unwrap_or(key).to_owned()
    };
    let location = match (view.latitude, view.longitude) {
        (Some(lat), Some(lon)) => format!("{lat}, {lon}"),
        _ => String::new(),
    };
    let mut pairs: Vec<(String, String)> = vec![
        (a("id"), view.id.to_string()),
        (a("external_id"), view.external_id.clone()),
        // As `list` says it: "Đang xử lý lại" while the round running is the rework of a
        // result the portal sent back (the two screens disagreed on the same report); the
        // JSON keeps the status's own label.
        (
            a("status"),
            status_said(
                view.status,
                view.status == Status::Assigned && view.result_sent_back,
                l,
            ),
        ),
        (
            l.pick("Lĩnh vực", "Field").into(),
            named(view.field_name.as_deref(), view.field.as_deref()),
        ),
        (
            l.pick("Cơ quan xử lý", "Agency").into(),
            handling_agency(view, l),
        ),
        (a("urgent"), yes(view.urgent)),
        (a("confidential"), yes(view.confidential)),
        (a("state_secret"), yes(view.state_secret)),
        (a("submitted_at"), when(&view.submitted_at, l)),
        (
            a("occurred_at"),
            view.occurred_at
                .as_deref()
                .map(|t| when(t, l))
                .unwrap_or_default(),
        ),
        (a("content"), view.content.clone()),
        (a("media"), view.media.join("\n")),
        (l.pick("Tọa độ", "Coordinates").into(), location),
        (a("address"), view.address.clone()),
        (a("commune"), view.commune.clone()),
        (
            a("reporter_name"),
            reporter_cell(
                view.reporter_name.as_deref(),
                view.identity_erased,
                view.identity_unopened,
                l,
            ),
        ),
        (
            a("reporter_phone"),
            view.reporter_phone.clone().unwrap_or_default(),
        ),
        (
            a("consent"),
            super::consent::consent_cell(view.consent, view.consent_withdrawn_at.as_deref(), l),
        ),
        (
            a("reject_reasons"),
            view.reject_reasons
                .iter()
                .map(|code| reason_label(code, l))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    pairs.extend(setback_rows(view, l));
    let result = match view.last_send_back_round {
        Some(round) if view.result_sent_back => l.pick(
            format!("Kết quả bị yêu cầu xử lý lại (lượt {round})"),
            format!("Result sent back (round {round})"),
        ),
        _ => a("result_text"),
    };
    pairs.extend([
        (result.clone(), view.result.clone()),
        (a("round"), round_said(view, l)),
        (
            a("rating"),
            view.rating.map(|r| r.to_string()).unwrap_or_default(),
        ),
        (
            a("duplicate_of"),
            view.duplicate_of.map(|r| r.to_string()).unwrap_or_default(),
        ),
    ]);
    // A photo's link shortened with "…" cannot be opened, and the desk checks the photos
    // before it accepts a report or approves a result (Đ6.2, Đ9.1): when a link does not fit
    // the table but fits the screen on a line of its own, the links that do are written
    // whole under it, one a line, as `triage` writes them (the heading in the row's own
    // words, so a narrow screen only adds lines), right after the record they belong to.
    // One longer than the screen stays shortened, and the note under them says where it
    // is whole; with every shortened word written whole below, no note sends the operator
    // to `--format json` for what is on the screen.
    let width = crate::output::layout::record_width(&pairs);
    let (_, values) = crate::output::layout::record_widths(&pairs, width);
    let link_width = |m: &String| unicode_width::UnicodeWidthStr::width(m.as_str());
    let on_a_line = |m: &&String| link_width(m) + 2 <= usize::from(width);
    let below: Vec<&String> = if view.media.iter().any(|m| link_width(m) > values) {
        view.media.iter().filter(on_a_line).collect()
    } else {
        Vec::new()
    };
    // So are the links an agency wrote into its result (the guide tells it to link the
    // photos after the work): the officer checks the link they published, the desk the
    // one it approves.
    let result_links: Vec<String> = view
        .result
        .split_whitespace()
        .filter(|word| word.starts_with("https://") || word.starts_with("http://"))
        .map(str::to_owned)
        .filter(|link| link_width(link) > values)
        .filter(|link| on_a_line(&link))
        .collect();
    let shortened = crate::output::write_record(out, &pairs)?;
    if !below.is_empty() {
        writeln!(out, "{}", a("media"))?;
        for link in &below {
            writeln!(out, "  {}", crate::output::printable(link))?;
        }
    }
    if !result_links.is_empty() {
        writeln!(out, "{result}")?;
        for link in &result_links {
            writeln!(out, "  {}", crate::output::printable(link))?;
        }
    }
    let whole_below = |word: &String| {
        below
            .iter()
            .copied()
            .chain(&result_links)
            .any(|link| crate::output::printable(link) == *word)
    };
    if shortened.iter().any(|word| !whole_below(word)) {
        crate::output::write_shortened_note(out, &pairs, l)?;
    }
    if !view.clocks.is_empty() {
        render(out, &view.clocks, Format::Table, l)?;
        if let Some(note) = guessed_deadlines(&view.clocks) {
            crate::output::write_paragraph(out, note.text(l))?;
        }
    }
    let headers = l
        .pick(
            vec![
                "Sự kiện",
                "Lúc",
                "Người thực hiện",
                "Hành động",
                "Từ",
                "Sang",
            ],
            vec!["Event", "At", "Actor", "Action", "From", "To"],
        )
        .into_iter()
        .map(str::to_owned)
        .collect();
    let rows = view.events.iter().map(|e| e.cells(l)).collect();
    // Narrow screens keep when, what and the status it left the report in.
    write_fitted(out, headers, rows, (&[4, 0, 2], &[]), l)?;
    Ok(())
}

/// The note under the clocks whose deadlines rest on days off only the rules give.
fn guessed_deadlines(clocks: &[ClockRow]) -> Option<crate::i18n::Localized> {
    let guessed: Vec<&ClockRow> = clocks
        .iter()
        .filter(|c| !c.days_off_by_rule.is_empty())
        .collect();
    let mut dates: Vec<chrono::NaiveDate> = guessed
        .iter()
        .flat_map(|c| c.days_off_by_rule.iter().copied())
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let names = |lang: Lang| {
        guessed
            .iter()
            .map(|c| {
                let round = lang.pick("lượt", "round");
                format!("{} ({round} {})", c.stage.text(lang), c.round)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let plural = guessed.len() > 1;
    let stopped = guessed.iter().any(|c| c.stopped_at.is_some());
    let note = super::calendar::rests_on_rules(
        (
            &format!("hạn {}", names(Lang::Vi)),
            &format!(
                "the {} of {}",
                if plural { "deadlines" } else { "deadline" },
                names(Lang::En)
            ),
        ),
        plural,
        &dates,
    )?;
    Some(match stopped {
        false => note,
        true => super::calendar::stopped_on_rules(note),
    })
}

/// The handling agency as the table says it. A returned report has none until the desk
/// dispatches it again (Đ8.1.b): the agency the data still names (`agency`, as JSON and CSV
/// give it) is the one that gave it back, and "Cơ quan xử lý: PCCM" read as if PCCM still
/// held it.
fn handling_agency(view: &View, l: Lang) -> String {
    let agency = view.agency.clone().unwrap_or_default();
    if view.status != Status::Returned {
        return named(view.agency_name.as_deref(), view.agency.as_deref());
    }
    let by = view.last_return_agency.as_deref().unwrap_or(&agency);
    match view.last_return_at.as_deref() {
        Some(at) => l.pick(
            format!("chưa có — {by} đã chuyển trả lúc {}", when(at, l)),
            format!("none — {by} returned it on {}", when(at, l)),
        ),
        None => l.pick(
            format!("chưa có — {by} đã chuyển trả"),
            format!("none — {by} returned it"),
        ),
    }
}

/// A code with its name before it, "UBND phường Bạc Liêu (31825)", or the code alone when
/// the name is not known (or not vouched for).
fn named(name: Option<&str>, code: Option<&str>) -> String {
    match (name.filter(|n| !n.trim().is_empty()), code) {
        (Some(name), Some(code)) => format!("{name} ({code})"),
        (_, code) => code.unwrap_or_default().to_owned(),
    }
}

/// The latest return and send-back, with how many there were: what the desk re-dispatching
/// and the handler redoing the work act on. A row only for a report that had one, as most
/// never do.
fn setback_rows(view: &View, l: Lang) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let (Some(agency), Some(by), Some(at), Some(reason)) = (
        &view.last_return_agency,
        &view.last_return_by,
        &view.last_return_at,
        &view.last_return_reason,
    ) {
        let n = view.returns;
        let at = when(at, l);
        rows.push((
            l.pick(
                "Chuyển trả (điểm b khoản 1 Điều 8)",
                "Returned (Art. 8.1.b)",
            )
            .into(),
            l.pick(
                format!(
                    "{n} lần; lần cuối: {agency} ({by}) lúc {at}\nLý do: {reason}",
                    n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
                ),
                format!(
                    "{}; the last by {agency} ({by}) on {at}\nReason: {reason}",
                    crate::i18n::count_en(n, "time", "times")
                ),
            ),
        ));
    }
    if let (Some(by), Some(at), Some(round), Some(reason)) = (
        &view.last_send_back_by,
        &view.last_send_back_at,
        view.last_send_back_round,
        &view.last_send_back_reason,
    ) {
        let n = view.send_backs;
        let at = when(at, l);
        rows.push((
            l.pick(
                "Yêu cầu xử lý lại (khoản 1 Điều 9)",
                "Sent back for rework (Art. 9.1)",
            )
            .into(),
            l.pick(
                format!(
                    "{n} lần; lần cuối: {by} lúc {at}, kết quả lượt {round}\nLý do: {reason}",
                    n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
                ),
                format!(
                    "{}; the last by {by} on {at}, the result of round {round}\nReason: {reason}",
                    crate::i18n::count_en(n, "time", "times")
                ),
            ),
        ));
    }
    if let (Some(by), Some(at), Some(reason)) = (
        &view.unpublished_by,
        &view.unpublished_at,
        &view.unpublished_reason,
    ) {
        let at = when(at, l);
        rows.push((
            l.pick(
                "Gỡ khỏi công khai (khoản 2 Điều 9)",
                "Taken out of public view (Art. 9.2)",
            )
            .into(),
            l.pick(
                format!("{by} lúc {at}\nLý do: {reason}"),
                format!("by {by} on {at}\nReason: {reason}"),
            ),
        ));
    }
    rows
}

/// A reason code as a few words (an unknown code, from a newer version, as it is).
pub fn reason_label(code: &str, lang: Lang) -> String {
    crate::domain::validate::Reason::from_code(code)
        .map_or_else(|| code.to_owned(), |r| r.label(lang).to_owned())
}

/// A stored status name as its label (an unknown name as it is).
fn status_label(name: &str, lang: Lang) -> String {
    Status::parse(name).map_or_else(|| name.to_owned(), |s| s.text(lang).into_owned())
}

impl EventRow {
    /// The history's cells: when, who, and what as words, not codes.
    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.id.to_string(),
            when(&self.at, lang),
            self.actor.clone(),
            self.worded("action", lang).unwrap_or_default(),
            self.worded("from", lang).unwrap_or_default(),
            self.worded("to", lang).unwrap_or_default(),
        ]
    }

    /// The action and the statuses (`action`, `from`, `to`) as words; None for any other
    /// field.
    pub fn worded(&self, key: &str, lang: Lang) -> Option<String> {
        let status = |s: &Option<String>| s.as_deref().map(|s| status_label(s, lang));
        match key {
            "action" if self.action == crate::domain::reveals::CORRECTION_NOT_REAPPLIED => {
                Some(super::audit::correction_not_reapplied(lang).to_owned())
            }
            "action" if self.action == crate::domain::reveals::WITHDRAWAL_NOT_REAPPLIED => {
                Some(super::consent::withdrawal_not_reapplied(lang).to_owned())
            }
            "action" if self.action == crate::domain::reveals::CONSENT_NOT_REAPPLIED => {
                Some(super::consent::consent_not_reapplied(lang).to_owned())
            }
            "action" if self.action == crate::domain::setbacks::TAKEDOWN_NOT_REAPPLIED => Some(
                lang.pick(
                    "Gỡ khỏi công khai — không làm lại sau khôi phục",
                    "Taken out of public view — not made again after a restore",
                )
                .to_owned(),
            ),
            "action" => Some(
                crate::domain::event::EventKind::parse(&self.action).map_or_else(
                    || self.action.clone(),
                    |k| {
                        let to = self.to.as_deref().and_then(Status::parse);
                        k.label(to, lang).into_owned()
                    },
                ),
            ),
            "from" => status(&self.from),
            "to" => status(&self.to),
            _ => None,
        }
    }
}

impl EventRow {
    /// The audit log's cells, in the order of its CSV: the history's (labels, not codes),
    /// then what was recorded in words, the seal's first digits, the login and the system
    /// clock's time. CSV and JSON keep the stored values an auditor redoes the seal from.
    pub fn audit_cells(&self, lang: Lang) -> Vec<String> {
        let mut cells = self.cells(lang);
        cells.extend([
            self.payload
                .as_deref()
                .map(|p| payload_words(p, lang))
                .unwrap_or_default(),
            self.hash.iter().flat_map(|h| h.chars()).take(12).collect(),
            self.login.clone().unwrap_or_default(),
            self.recorded_at
                .as_deref()
                .map(|t| when(t, lang))
                .unwrap_or_default(),
        ]);
        cells
    }
}

/// An event's payload (a JSON object) as lines of `label: value`: keys as words in the
/// reader's language, times as people read them, and stages, statuses, thresholds, yes/no,
/// operations and reasons for rejection as labels; a refusal's reason in the reader's
/// language when the event kept both (`reason_vi`, events since it was added; older ones
/// read as stored). Anything else reads as stored; a payload that is not an object is shown
/// as it is. An empty value (no reasons, no explanation) is left out.
fn payload_words(payload: &str, lang: Lang) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(payload)
    else {
        return payload.to_owned();
    };
    // An arrival's copy of the submission time (`submitted_at`, sealed for the periodic
    // reports) says again what `show` prints above as the report's own.
    map.iter()
        .filter(|(key, _)| !matches!(key.as_str(), "reason_vi" | "submitted_at"))
        .map(
            |(key, value)| match (key.as_str(), lang, map.get("reason_vi")) {
                ("reason", Lang::Vi, Some(vi)) => (key, vi),
                _ => (key, value),
            },
        )
        .map(|(key, value)| (key, payload_value(key, value, lang)))
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{}: {value}", key_label(key, lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A head's announcement of its parts (`domain::parts`) as a reader says it: "3 phần:
/// moved_deadlines 2.500 mục".
fn parts_words(parts: &serde_json::Map<String, serde_json::Value>, lang: Lang) -> String {
    let count = parts
        .get("count")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0) as usize;
    let lists = parts
        .get("lists")
        .and_then(serde_json::Value::as_object)
        .map(|lists| {
            lists
                .iter()
                .map(|(key, entries)| {
                    let entries = entries.as_u64().unwrap_or(0) as usize;
                    match lang {
                        Lang::Vi => format!("{key} {} mục", crate::i18n::grouped(entries, lang)),
                        Lang::En => {
                            format!(
                                "{key} {}",
                                crate::i18n::count_en(entries, "entry", "entries")
                            )
                        }
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default();
    match lang {
        Lang::Vi => format!("{} phần: {lists}", crate::i18n::grouped(count, lang)),
        Lang::En => format!("{}: {lists}", crate::i18n::count_en(count, "part", "parts")),
    }
}

/// Every key phananh writes into an event's payload, as words (Vietnamese, English).
const PAYLOAD_KEYS: &[(&str, &str, &str)] = &[
    // A report's steps.
    ("file", "Tệp", "File"),
    ("line", "Dòng", "Line"),
    ("origin", "Nguồn", "Origin"),
    ("reasons", "Lý do", "Reasons"),
    ("explanation", "Giải thích", "Explanation"),
    ("field", "Lĩnh vực", "Field"),
    ("agency", "Cơ quan", "Agency"),
    ("urgent", "Khẩn", "Urgent"),
    (
        "raised",
        "Lần phân phối này đánh dấu khẩn",
        "Made urgent by this dispatch",
    ),
    ("text", "Nội dung", "Text"),
    ("reason", "Lý do", "Reason"),
    ("score", "Điểm", "Score"),
    ("of", "Trùng với phản ánh", "Duplicate of report"),
    ("operation", "Thao tác", "Operation"),
    ("fields", "Thông tin", "Fields"),
    ("kept", "Chỗ đã ẩn được giữ", "Hidden places kept"),
    (
        "public_places_hidden",
        "Chỗ bản công khai và lãnh đạo nay đọc [đã ẩn]",
        "Places the public and the leaders now read as [đã ẩn]",
    ),
    (
        "old_phone_also_on",
        "Số phản ánh khác còn số điện thoại cũ",
        "Other reports still under the old number",
    ),
    (
        "public_places_shown",
        "Chỗ bản công khai và lãnh đạo nay đọc lại",
        "Places the public and the leaders read again",
    ),
    // Reminders.
    ("clock", "Thời hạn", "Clock"),
    ("stage", "Giai đoạn", "Stage"),
    ("round", "Lượt", "Round"),
    ("threshold", "Mức nhắc", "Threshold"),
    ("due_at", "Hạn", "Due"),
    // Set-up, reference data and settings.
    ("schema_version", "Phiên bản lược đồ", "Schema version"),
    ("admin", "Quản trị viên", "Admin"),
    ("admin_name", "Tên quản trị viên", "Admin's name"),
    ("key_id", "Mã khóa danh tính", "Identity key id"),
    // The operating system's login bound or recorded, not the staff account (`--as`).
    ("login", crate::output::directory::OS_LOGIN.0, "OS login"),
    ("auth_mode", "Chế độ xác thực", "Authentication mode"),
    ("username", "Tài khoản", "Account"),
    ("name", "Tên", "Name"),
    ("role", "Vai trò", "Role"),
    ("active", "Đang dùng", "Active"),
    ("enable", "Bật lại tài khoản", "Account enabled again"),
    ("code", "Mã", "Code"),
    ("keywords", "Từ khóa", "Keywords"),
    ("level", "Cấp", "Level"),
    ("parent", "Cơ quan cấp trên", "Parent"),
    ("active_from", "Hoạt động từ ngày", "In operation from"),
    (
        "active_until",
        "Hoạt động đến hết ngày",
        "In operation until",
    ),
    ("commune", "Xã/phường", "Commune"),
    ("service_code", "Mã dịch vụ", "Service code"),
    ("key", "Khóa", "Key"),
    ("from", "Từ", "From"),
    (
        "from_unvouched",
        "Giá trị trước bị sửa ngoài phananh",
        "Value before edited outside phananh",
    ),
    ("to", "Sang", "To"),
    ("recomputed", "Thời hạn tính lại", "Clocks recomputed"),
    (
        "cleared_overdue",
        "Phản ánh hết bị tính quá hạn",
        "Reports no longer overdue",
    ),
    ("replaced", "Thay cho", "Replaced"),
    // A change's long lists written in parts (`domain::parts`).
    (
        "parts",
        "Danh sách ghi tiếp ở các sự kiện ngay sau",
        "Lists continued in the events right after",
    ),
    (
        "part_of",
        "Phần danh sách của sự kiện",
        "Part of the lists of event",
    ),
    ("part", "Phần số", "Part number"),
    (
        "replaced_spellings",
        "Thay các cách viết",
        "Replaced spellings",
    ),
    // The calendar.
    ("days", "Các ngày", "Days"),
    ("date", "Ngày", "Date"),
    ("entry", "Loại ngày", "Entry"),
    ("source", "Nguồn", "Source"),
    ("removed", "Đã bỏ", "Removed"),
    (
        "calendar_version_before",
        "Phiên bản lịch trước",
        "Calendar version before",
    ),
    ("calendar_version", "Phiên bản lịch", "Calendar version"),
    (
        "recomputed_clocks",
        "Thời hạn tính lại",
        "Clocks recomputed",
    ),
    (
        "stale_clocks",
        "Thời hạn tính theo lịch cũ",
        "Clocks under an older calendar",
    ),
    // Exports, backups, restores, keys.
    ("format", "Định dạng", "Format"),
    ("rows", "Số dòng", "Rows"),
    ("last_id", "Số phản ánh cuối", "Last report"),
    ("out", "Tệp ghi ra", "Output file"),
    ("path", "Tệp", "File"),
    ("pages", "Số trang", "Pages"),
    ("bytes", "Số byte", "Bytes"),
    ("head_event", "Sự kiện cuối chuỗi", "Chain head event"),
    ("head_hash", "Mã băm cuối chuỗi", "Chain head hash"),
    (
        "chain_intact",
        "Chuỗi nhật ký nguyên vẹn",
        "Audit chain intact",
    ),
    (
        "replaced_head_event",
        "Sự kiện cuối chuỗi bị thay",
        "Replaced head event",
    ),
    (
        "replaced_head_hash",
        "Mã băm cuối chuỗi bị thay",
        "Replaced head hash",
    ),
    ("in_chain", "Nằm trong chuỗi", "In the chain"),
    (
        "numbered_after",
        "Sự kiện mới đánh số sau sự kiện",
        "New events numbered after event",
    ),
    (
        "forced_reason",
        "Lý do buộc khôi phục",
        "Reason for forcing",
    ),
    ("reports", "Số phản ánh", "Reports"),
    ("external_id", "Mã phản ánh gốc", "App id"),
    (
        "erasures_not_reapplied",
        "Lần xóa không làm lại",
        "Erasures not made again",
    ),
    (
        "erasures_reapplied",
        "Danh tính xóa lại",
        "Identities erased again",
    ),
    (
        "accountability_reapplied",
        "Lần xem danh tính, xuất đầy đủ ghi lại",
        "Reveals and full exports written again",
    ),
    (
        "erasures_without_report",
        "Lần xóa không còn phản ánh",
        "Erasures without their report",
    ),
    (
        "erasures_by_shape_only",
        "Xóa lại, tên chỉ ẩn theo dáng",
        "Erased again, names hidden by their shape only",
    ),
    (
        "erasures_unauthorised",
        "Lần xóa không được phép",
        "Erasures not authorised",
    ),
    (
        "untrusted_from",
        "Không tin được từ sự kiện",
        "Untrusted from event",
    ),
    ("untrusted_why", "Vì sao không tin được", "Why untrusted"),
    (
        "erasures_untrusted",
        "Lần xóa không tin được",
        "Erasures untrusted",
    ),
    (
        "accountability_untrusted",
        "Lần xem danh tính, xuất đầy đủ không tin được",
        "Reveals and full exports untrusted",
    ),
    (
        "left_out",
        "Sự kiện không còn trong tệp",
        "Events no longer in the file",
    ),
    // A correction a restore could not make again, kept whole in its event.
    (
        "corrections_not_reapplied",
        "Lần sửa danh tính không làm lại",
        "Identity corrections not made again",
    ),
    (
        "withdrawals_not_reapplied",
        "Lần rút đồng ý chia sẻ danh tính không làm lại",
        "Withdrawals of consent not made again",
    ),
    (
        "consents_not_reapplied",
        "Lần ghi đồng ý chia sẻ danh tính không làm lại",
        "Consents given later not made again",
    ),
    (
        "takedowns_not_reapplied",
        "Lần gỡ khỏi công khai không làm lại",
        "Takedowns not made again",
    ),
    (
        "restored_status",
        "Trạng thái trong bản khôi phục",
        "Status in the restored copy",
    ),
    ("report_id", "Phản ánh", "Report"),
    (
        "replaced_event",
        "Sự kiện của nhật ký bị thay",
        "Event of the replaced log",
    ),
    ("actor", "Người làm", "By"),
    (
        "erased_again",
        "Danh tính đã xóa lại",
        "Identity erased again",
    ),
    (
        "report_absent",
        "Bản sao lưu không có phản ánh",
        "Report absent from the backup",
    ),
    // What a restore found in the file it replaced, and where it kept that file.
    (
        "replaced_intact",
        "Tệp bị thay nguyên vẹn",
        "Replaced file intact",
    ),
    (
        "replaced_found",
        "Tệp bị thay đã bị sửa ngoài phananh",
        "Replaced file edited outside phananh",
    ),
    (
        "replaced_found_count",
        "Số điều tìm thấy trong tệp bị thay",
        "Findings in the replaced file",
    ),
    (
        "replaced_unchecked",
        "Không kiểm tra hết được tệp bị thay",
        "Replaced file not checked through",
    ),
    (
        "replaced_kept",
        "Tệp bị thay giữ làm bằng chứng",
        "Replaced file kept as evidence",
    ),
    (
        "restore",
        "Bản ghi của lần khôi phục",
        "Record of the restore",
    ),
    // What a restore wrote again, and the key it fitted.
    ("reapplied", "Ghi lại từ", "Written again from"),
    ("event", "Sự kiện", "Event"),
    ("by", "Người làm", "By"),
    ("at", "Lúc", "At"),
    ("erased_by", "Người xóa", "Erased by"),
    ("erased_at", "Lúc xóa", "Erased at"),
    ("adopted", "Nhận khóa", "Key adopted"),
    ("lost", "Khóa đã mất", "Lost key"),
    (
        "rewrapped_from",
        "Mã hóa lại từ khóa",
        "Re-wrapped from key",
    ),
    // A reporter's request, found by the phone they reported from.
    ("lookup", "Tìm theo", "Looked up by"),
    ("external_ids", "Mã phản ánh gốc", "App ids"),
    // The sealed image of the rows a change wrote.
    ("sealed", "Niêm phong", "Sealed"),
    ("whole", "Cả bảng", "Whole tables"),
    ("table", "Bảng", "Table"),
    ("digest", "Mã băm", "Digest"),
];

/// A payload key as words (an unknown key, from a newer version, as it is).
fn key_label(key: &str, lang: Lang) -> String {
    PAYLOAD_KEYS.iter().find(|(k, ..)| *k == key).map_or_else(
        || key.to_owned(),
        |(_, vi, en)| lang.pick(*vi, *en).to_owned(),
    )
}

fn payload_value(key: &str, value: &serde_json::Value, lang: Lang) -> String {
    use serde_json::Value;
    match value {
        // What an erasure kept (`domain::open311::KeptTexts`): how many places in each
        // text; the offsets and digests say nothing to a reader.
        Value::Object(texts) if key == "kept" => texts
            .iter()
            .map(|(text, kept)| {
                let places = kept["names"].as_array().map_or(0, Vec::len);
                let label = match text.as_str() {
                    "content" => lang.pick("nội dung", "content"),
                    "address" => lang.pick("địa chỉ", "address"),
                    "result" => lang.pick("kết quả", "result"),
                    other => other,
                };
                format!("{label} {places}")
            })
            .collect::<Vec<_>>()
            .join(", "),
        // What a correction of the name hid or showed again: places in each text.
        Value::Object(texts) if key == "public_places_hidden" || key == "public_places_shown" => {
            texts
                .iter()
                .map(|(text, places)| {
                    let label = match text.as_str() {
                        "content" => lang.pick("nội dung", "content"),
                        "address" => lang.pick("địa chỉ", "address"),
                        "result" => lang.pick("kết quả", "result"),
                        other => other,
                    };
                    format!("{label} {places}")
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        Value::Object(seal) if key == "sealed" => seal_words(seal, lang),
        // A head's parts: how many, and each list's entries; the digests are for `audit
        // verify`, and `--format json` keeps them.
        Value::Object(parts) if key == "parts" => parts_words(parts, lang),
        // The events a restore left out, each a record: counted here, listed in full by
        // `--format json`; a month's work would fill the table.
        Value::Array(events) if key == "left_out" => match lang {
            Lang::Vi => format!(
                "{} sự kiện (`--format json` liệt kê đủ)",
                crate::i18n::grouped(events.len(), Lang::Vi)
            ),
            Lang::En => format!(
                "{} (`--format json` lists them)",
                crate::i18n::count_en(events.len(), "event", "events")
            ),
        },
        // What a restore found in the file it replaced: each finding in the reader's
        // language, as `audit verify` said it.
        Value::Array(found) if key == "replaced_found" => found
            .iter()
            .filter_map(|f| f[lang.pick("vi", "en")].as_str())
            .collect::<Vec<_>>()
            .join("; "),
        // A record inside the payload (what a restore wrote again, the key it fitted): its
        // keys as words too; as JSON it filled the column and was cut mid-key.
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| format!("{}: {}", key_label(k, lang), payload_value(k, v, lang)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::String(text) => payload_text(key, text, lang),
        Value::Array(items) => items
            .iter()
            .map(|item| payload_value(key, item, lang))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Null => String::new(),
        Value::Bool(yes) => lang.yes_no(*yes).to_owned(),
        number @ Value::Number(_) => number.to_string(),
    }
}

fn payload_text(key: &str, text: &str, lang: Lang) -> String {
    if crate::domain::time::stored(text).is_some() {
        return when(text, lang);
    }
    let label = match key {
        "stage" => Stage::parse(text).map(|s| s.text(lang).into_owned()),
        "from" | "to" | "status" | "restored_status" => Some(status_label(text, lang)),
        "reasons" | "reason" => {
            crate::domain::validate::Reason::from_code(text).map(|r| r.label(lang).to_owned())
        }
        "operation" => operation_label(text, lang),
        "role" => crate::domain::access::Role::parse(text).map(|r| r.text(lang).into_owned()),
        "level" => Some(super::reference::level_label(text, lang).to_owned()),
        "lookup" if text == "phone" => Some(lang.pick("số điện thoại", "phone").to_owned()),
        // What a reveal or a full export opened of the identity.
        "fields" => match text {
            "reporter_name" => Some(lang.pick("họ tên", "name").to_owned()),
            "reporter_phone" => Some(lang.pick("số điện thoại", "phone").to_owned()),
            _ => None,
        },
        "threshold" => match text {
            "overdue" | "due_soon" | "at_once" => Some(
                super::sweep::threshold_word(crate::domain::clocks::Threshold::read(text), lang)
                    .to_owned(),
            ),
            _ => None,
        },
        _ => None,
    };
    label.unwrap_or_else(|| text.to_owned())
}

/// The tables a change event seals (`domain::tables`), as a reader names them (a table
/// of a newer version, as it is).
const SEALED_TABLES: [(&str, &str, &str); 8] = [
    ("staff", "tài khoản", "accounts"),
    ("staff_logins", "tài khoản hệ điều hành", "logins"),
    ("agencies", "cơ quan", "agencies"),
    ("fields", "lĩnh vực", "fields"),
    ("routes", "bảng phân phối", "routes"),
    ("service_codes", "mã dịch vụ", "service codes"),
    ("settings", "thiết lập", "settings"),
    ("calendar_days", "ngày trong lịch", "calendar days"),
];

fn table_words(table: &str, lang: Lang) -> String {
    SEALED_TABLES
        .iter()
        .find(|(t, ..)| *t == table)
        .map_or_else(
            || table.to_owned(),
            |&(_, vi, en)| lang.pick(vi, en).to_owned(),
        )
}

/// The seal of the rows a change wrote (`domain::tables`), as the rows it names: each
/// row's table and key, and the tables sealed whole. Its digests, 64 hexadecimal digits
/// the reader cannot check by eye, are left to JSON and CSV, which `audit verify` reads;
/// shown as JSON, the seal filled the column and was cut mid-key.
fn seal_words(seal: &serde_json::Map<String, serde_json::Value>, lang: Lang) -> String {
    let text = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    let table = |v: &serde_json::Value| table_words(&text(v), lang);
    let mut parts = Vec::new();
    if let Some(whole) = seal.get("whole").and_then(|w| w.as_array()) {
        let tables: Vec<String> = whole.iter().map(table).collect();
        parts.push(format!(
            "{}: {}",
            key_label("whole", lang),
            tables.join(", ")
        ));
    }
    for row in seal
        .get("rows")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        let table = row.get("table").map(table).unwrap_or_default();
        let key: Vec<String> = row
            .get("key")
            .and_then(|k| k.as_array())
            .into_iter()
            .flatten()
            .map(text)
            .collect();
        parts.push(format!("{table} {}", key.join("/")));
    }
    parts.join("; ")
}

/// A refused operation as words: an account refused at login, or what `domain::access`
/// names it (an unknown name, from a newer version, as it is).
fn operation_label(name: &str, lang: Lang) -> Option<String> {
    if name == "login" {
        return Some(lang.pick("đăng nhập", "log in").to_owned());
    }
    crate::domain::access::Operation::parse(name).map(|o| o.text(lang).into_owned())
}

impl ClockRow {
    /// How the clock counts its hours, as words.
    fn rule_words(&self, lang: Lang) -> &'static str {
        match (self.rule.as_str(), lang) {
            ("working_hours", Lang::Vi) => "giờ làm việc",
            ("working_hours", Lang::En) => "working hours",
            (_, Lang::Vi) => "giờ liên tục",
            (_, Lang::En) => "clock hours",
        }
    }
}

impl ClockRow {
    /// The deadline and the stop as the table writes them: to the minute, or to the second
    /// when both fall in the same minute but are not the same instant. A reply 30 seconds
    /// late read "Hạn 14:10 · Kết thúc 14:10 · Trễ hạn", a judgement the row itself seemed
    /// to contradict; "14:10 · 14:10:30" shows why (Đ8.1.b: "không quá 04 giờ").
    fn due_and_stop(&self, lang: Lang) -> (String, String) {
        let Some(stop) = self.stopped_at.as_deref() else {
            return (when(&self.due_at, lang), String::new());
        };
        let (due, stopped) = (when(&self.due_at, lang), when(stop, lang));
        if due == stopped && self.due_at != stop {
            let exact = super::layout::when_exact;
            return (exact(&self.due_at, lang), exact(stop, lang));
        }
        (due, stopped)
    }
}

impl Listing for ClockRow {
    const KEYS: &'static [&'static str] = &[
        "stage",
        "round",
        "agency",
        "started_at",
        "rule",
        "limit_hours",
        "due_at",
        "stopped_at",
        "breached",
        "state",
        "calendar_version",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Giai đoạn",
                "Lượt",
                "Cơ quan",
                "Bắt đầu",
                "Cách tính",
                "Số giờ",
                "Hạn",
                "Kết thúc",
                "Trễ",
                "Tình trạng",
                "Phiên bản lịch",
            ],
            vec![
                "Stage",
                "Round",
                "Agency",
                "Started",
                "Counted in",
                "Hours",
                "Due",
                "Stopped",
                "Late",
                "State",
                "Calendar",
            ],
        )
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "stage" => Some(self.stage.text(lang).into_owned()),
            "rule" => Some(self.rule_words(lang).to_owned()),
            "state" => Some(self.state.text(lang).into_owned()),
            _ => None,
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let rule = self.rule_words(lang);
        let (due, stopped) = self.due_and_stop(lang);
        vec![
            self.stage.text(lang).into_owned(),
            self.round.to_string(),
            // The portal's own stages (dispatch, publication): a blank read as an agency
            // not yet chosen.
            self.agency
                .clone()
                .unwrap_or_else(|| super::portal_desk_short(lang)),
            when(&self.started_at, lang),
            rule.to_owned(),
            self.limit_hours.to_string(),
            due,
            stopped,
            self.breached
                .map(|b| lang.yes_no(b).to_owned())
                .unwrap_or_default(),
            // A running clock as the sweep and `list --due` say it: "còn 20 phút", "quá 2 giờ
            // 15 phút" (the words say the state too); a stopped one by its state.
            match self.state {
                State::Running | State::DueSoon | State::Overdue => {
                    super::duration::distance(self.left, lang)
                }
                _ => self.state.text(lang).into_owned(),
            },
            self.calendar_version.clone(),
        ]
    }

    /// Calendar version, rule, hours, late (the state says it: "Trễ hạn"), start (mostly the
    /// stop of the clock above), round, agency, stop: what a narrow screen can do without
    /// before the stage, the deadline and the state. The round stays after the start: it
    /// tells a send-back's rework from the first processing.
    fn drop_order() -> Vec<usize> {
        vec![10, 4, 5, 8, 3, 1, 2, 7]
    }

    /// The same columns, up to the start, go rather than break a running clock's "quá 18 giờ
    /// 40 phút" over two lines: at 100 columns the start was kept and the state wrapped.
    fn comfort() -> Vec<usize> {
        vec![10, 4, 5, 8, 3]
    }

    /// "Cơ quan" over codes of a few letters: broken over two lines ("Cơ / quan") to give
    /// a running clock's state one more column, it read as two headers.
    fn headed() -> Vec<usize> {
        vec![2]
    }
}

impl Listing for ListRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "external_id",
        "submitted_at",
        "status",
        "urgent",
        "field",
        "agency",
        "commune",
        "reporter_name",
        "content",
        "identity_erased",
        "identity_unopened",
        "sent_back",
        "repeat_of",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Số",
                "Mã ứng dụng",
                "Gửi lúc",
                "Trạng thái",
                "Khẩn",
                "Lĩnh vực",
                "Cơ quan",
                "Xã/phường",
                "Người phản ánh",
                "Nội dung",
            ],
            vec![
                "Id",
                "External id",
                "Submitted",
                "Status",
                "Urgent",
                "Field",
                "Agency",
                "Commune",
                "Reporter",
                "Content",
            ],
        )
    }

    /// The table's headers, then the flag its reporter column says in words.
    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        let mut heads = Self::headers(lang);
        heads.push(lang.pick(ERASED_HEAD.0, ERASED_HEAD.1));
        heads.push(lang.pick(UNOPENED_HEAD.0, UNOPENED_HEAD.1));
        heads.push(sent_back_head(lang));
        heads.push(lang.pick("Có thể trùng phản ánh", "May repeat report"));
        heads
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        (key == "status").then(|| self.status.text(lang).into_owned())
    }

    /// A report that may be an earlier one sent again says so at the head of its text, the
    /// excerpt cut by as much: a column of its own would push another out at 80 columns,
    /// and the text is the one column always shown.
    fn cells(&self, lang: Lang) -> Vec<String> {
        let excerpt = match self.repeat_of {
            None => excerpt(&self.content, EXCERPT_CHARS),
            Some(earlier) => {
                let mark = possibly_repeats(earlier).text(lang).to_owned();
                let room = EXCERPT_CHARS.saturating_sub(mark.chars().count());
                format!("{mark} {}", excerpt(&self.content, room))
            }
        };
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            when(&self.submitted_at, lang),
            // "Đang xử lý" alone read the same for a fresh assignment and for a result
            // the portal sent back to redo.
            status_said(self.status, self.sent_back, lang),
            // The word of `list --overdue`, `--due` and the sweep, no wider than the header.
            lang.pick("KHẨN", "URGENT")
                .to_owned()
                .repeat(usize::from(self.urgent)),
            self.field.clone().unwrap_or_default(),
            // A returned report waits for the portal to dispatch it again (Đ8.1.b): the
            // agency the data still names gave it back and holds nothing, as `show` says.
            match (self.status, &self.agency) {
                (Status::Returned, Some(by)) => {
                    format!("({} {by})", lang.pick("chuyển trả:", "returned:"))
                }
                (_, agency) => agency.clone().unwrap_or_default(),
            },
            self.commune.clone(),
            reporter_cell(
                self.reporter_name.as_deref(),
                self.identity_erased,
                self.identity_unopened,
                lang,
            ),
            excerpt,
        ]
    }

    /// The reporter (masked anyway), app id and commune go first; then the time it was sent,
    /// the agency, the field and the urgency; the number, status and content stay. An
    /// operator at 80 columns scans a mixed queue for what to do next: the number to act on,
    /// the status (which step is due), the urgency (emergency handling, Đ7.2), the field and
    /// the agency (where a report belongs and who holds it, a code of a few letters each)
    /// and what it is about. The time is the widest of these (19 columns with its border)
    /// and the least acted on: within the open and the finished, urgent first, the list is
    /// in the order the reports came; `show` gives the time and `list --due` and
    /// `list --overdue` the deadlines it started. Left out before the time, the field left
    /// a mixed queue at 80 columns without the one word telling a road from a market. The
    /// agency goes before the field: routing follows the field (`route add --field`), and a
    /// returned report's agency ("(chuyển trả: SXD)") is the wider cell.
    fn drop_order() -> Vec<usize> {
        vec![8, 1, 7, 2, 6, 5, 4]
    }

    /// The reporter's masked name goes rather than squeeze the status and the text.
    fn comfort() -> Vec<usize> {
        vec![8]
    }

    /// The report's text: what the row is about.
    fn prose() -> Vec<usize> {
        vec![9]
    }

    /// The field and the agency of a queue still waiting for them (`--status received`,
    /// `accepted`): blank in every row, they would push out the commune and field the desk
    /// chooses an agency by.
    fn blank_unshown() -> Vec<usize> {
        vec![5, 6]
    }

    /// The status, field and agency a filter chose (`--status accepted`, `--agency SXD`),
    /// the same in every row.
    fn same_unshown() -> Vec<usize> {
        vec![3, 5, 6]
    }
}

/// One row of `list --search`: a `list` row, its file the same, its table laid out for
/// telling the hits apart. An operator searching has a citizen on the phone and picks the
/// hit in the caller's commune or under the app id read off the receipt: at 80 columns the
/// plain list gave up the app id and the commune first and kept a wide excerpt.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SearchRow(pub ListRow);

impl Listing for SearchRow {
    const KEYS: &'static [&'static str] = ListRow::KEYS;

    fn headers(lang: Lang) -> Vec<&'static str> {
        ListRow::headers(lang)
    }

    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        ListRow::excel_heads(lang)
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        self.0.excel_word(key, lang)
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        self.0.cells(lang)
    }

    /// The reporter (masked), the time, the agency, the field and the urgency go; then the
    /// status (`show` gives it for the hit chosen); the app id and the commune last.
    fn drop_order() -> Vec<usize> {
        vec![8, 2, 6, 5, 4, 3, 1, 7]
    }

    fn comfort() -> Vec<usize> {
        vec![8, 2]
    }

    /// The excerpt is one line cut with "…" rather than take the commune's room: it is
    /// the hit's reminder, and `show` gives it whole.
    fn clipped() -> Vec<usize> {
        vec![9]
    }

    fn blank_unshown() -> Vec<usize> {
        ListRow::blank_unshown()
    }

    fn same_unshown() -> Vec<usize> {
        ListRow::same_unshown()
    }
}

/// The report's processing round as `show` says it. To the handler of the agency holding
/// the report, the agency's own count, and when it differs from the report's, the rounds
/// other agencies held before: "1 (lượt 2 của phản ánh; lượt 1: SXD, đã chuyển trả)". A
/// ward given a report a department returned read "2" as "sent back to us".
fn round_said(view: &View, l: Lang) -> String {
    let Some(r) = view.agency_round.as_ref().filter(|r| r.own != r.round) else {
        return view.round.to_string();
    };
    let others: Vec<String> = r
        .others
        .iter()
        .map(|o| {
            let agency = o.agency.clone().unwrap_or_default();
            match o.returned {
                true => l.pick(
                    format!("lượt {}: {agency}, đã chuyển trả", o.round),
                    format!("round {}: {agency}, returned", o.round),
                ),
                false => l.pick(
                    format!("lượt {}: {agency}", o.round),
                    format!("round {}: {agency}", o.round),
                ),
            }
        })
        .collect();
    let report = l.pick(
        format!("lượt {} của phản ánh", r.round),
        format!("round {} of the report", r.round),
    );
    match others.is_empty() {
        true => format!("{} ({report})", r.own),
        false => format!("{} ({report}; {})", r.own, others.join("; ")),
    }
}

/// One report as `show` gives it; JSON is this struct serialised, in this order.
#[derive(Debug, Serialize)]
pub struct View {
    /// To the handler of the agency holding the report, its round as the agency counts it
    /// (`round_said`); JSON keeps `round`, the report's.
    #[serde(skip)]
    pub agency_round: Option<crate::domain::clocks::AgencyRound>,
    pub id: i64,
    pub external_id: String,
    pub status: Status,
    pub status_label: String,
    pub field: Option<String>,
    pub agency: Option<String>,
    /// The field's and the agency's names, for the table: an officer does not know that
    /// 31825 is Phường Bạc Liêu. None when the reference tables are not as the log sealed
    /// them (a name swapped with `sqlite3` would put one agency's name on another's code),
    /// and in JSON, whose shape keeps the codes.
    #[serde(skip)]
    pub field_name: Option<String>,
    #[serde(skip)]
    pub agency_name: Option<String>,
    pub urgent: bool,
    pub confidential: bool,
    pub state_secret: bool,
    pub consent: bool,
    /// When the reporter withdrew their consent (`identity consent --withdraw`), if they did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent_withdrawn_at: Option<String>,
    pub submitted_at: String,
    pub occurred_at: Option<String>,
    pub content: String,
    pub media: Vec<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub address: String,
    pub commune: String,
    /// Masked unless `personal_data_revealed`; None (null, an empty CSV cell) once
    /// `identity_erased`, which the table says in words.
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub personal_data_revealed: bool,
    /// The identity was destroyed by `erase`: no name or phone, and the table says so.
    pub identity_erased: bool,
    /// The sealed identity the key does not open (as `ListRow::identity_unopened`): no name
    /// or phone, and the table says so.
    pub identity_unopened: bool,
    pub category_hint: String,
    pub round: u32,
    pub returns: u32,
    pub send_backs: u32,
    /// The latest return (Đ8.1.b): the agency, its account, when and why. Flat, as every
    /// field CSV gives is.
    pub last_return_agency: Option<String>,
    pub last_return_by: Option<String>,
    pub last_return_at: Option<String>,
    pub last_return_reason: Option<String>,
    /// The latest send-back (Đ9.1): who, when, the round whose result it refused, why.
    pub last_send_back_by: Option<String>,
    pub last_send_back_at: Option<String>,
    pub last_send_back_round: Option<u32>,
    pub last_send_back_reason: Option<String>,
    pub reject_reasons: Vec<String>,
    /// `result` is one the portal sent back, being redone: not the report's result.
    pub result_sent_back: bool,
    /// The takedown of its published result (`unpublish`, Đ9.2): who, when, why. Left out
    /// for a report never taken down, as most never are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unpublished_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unpublished_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unpublished_reason: Option<String>,
    pub result: String,
    pub rating: Option<u8>,
    pub duplicate_of: Option<i64>,
    pub clocks: Vec<ClockRow>,
    pub events: Vec<EventRow>,
}

/// One event of a report's history: as `show` gives it, and with what was recorded and the
/// seal computed over it as `audit log` gives it.
#[derive(Debug, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// The operating-system login and the system clock sealed with the event (empty for
    /// events written before they were recorded); `audit log` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<String>,
}

impl EventRow {
    /// The row of a stored event; `sealed` adds its payload and seal (the audit log's).
    pub fn of(event: EventRecord, sealed: bool) -> EventRow {
        let hash = sealed.then(|| event.seal());
        let login = sealed.then(|| event.login.unwrap_or_default());
        let recorded_at = sealed.then(|| event.recorded_at.unwrap_or_default());
        EventRow {
            id: event.id,
            at: event.at,
            actor: event.actor,
            action: event.action,
            from: event.from_status,
            to: event.to_status,
            payload: sealed.then_some(event.payload),
            hash,
            login,
            recorded_at,
        }
    }

    /// A history line a restore's event holds for a report (a step it could not make
    /// again: a takedown, a correction, a consent): numbered by that event, with no status
    /// change and no sealed payload of its own to show.
    pub fn in_restore(restore_id: i64, at: String, actor: String, action: String) -> EventRow {
        EventRow {
            id: restore_id,
            at,
            actor,
            action,
            from: None,
            to: None,
            payload: None,
            hash: None,
            login: None,
            recorded_at: None,
        }
    }
}

/// One clock of a report as `show` gives it.
#[derive(Debug, Serialize)]
pub struct ClockRow {
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: String,
    pub rule: String,
    pub limit_hours: f64,
    pub due_at: String,
    pub stopped_at: Option<String>,
    pub breached: Option<bool>,
    pub state: crate::domain::clocks::State,
    pub calendar_version: String,
    /// A running clock's days off that only the rules of the Labour Code give (a year with
    /// no announced schedule): its deadline moves once the announcement is entered. Left
    /// out when there are none, and for a stopped clock, which keeps the deadline it was
    /// judged by.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub days_off_by_rule: Vec<chrono::NaiveDate>,
    /// The deadline's distance at the tool's clock, in the time the clock counts: a
    /// running clock's table cell says it in words. JSON gives `due_at` and `state`.
    #[serde(skip)]
    pub left: crate::domain::deadline::Distance,
}

/// The Excel-style CSV's head of `identity_erased` (Vietnamese, English).
pub const ERASED_HEAD: (&str, &str) = ("Danh tính đã xóa", "Identity erased");
/// The Excel head of `identity_unopened` (a listing's row whose sealed identity the key
/// does not open).
pub const UNOPENED_HEAD: (&str, &str) = ("Danh tính không mở được", "Identity cannot be opened");

/// The mark of a `list` row that may be report `earlier` sent again.
pub fn possibly_repeats(earlier: i64) -> Localized {
    Localized::new(
        format!("[trùng {earlier}?]"),
        format!("[repeats {earlier}?]"),
    )
}

/// One row of `list`.
#[derive(Debug, Serialize)]
pub struct ListRow {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: String,
    pub status: Status,
    pub urgent: bool,
    pub field: Option<String>,
    pub agency: Option<String>,
    pub commune: String,
    /// Masked; None (null, an empty CSV cell) once `identity_erased`.
    pub reporter_name: Option<String>,
    pub content: String,
    /// The identity was destroyed by `erase`: the table says so in the reporter's column.
    pub identity_erased: bool,
    /// The sealed identity the key does not open (`app::vault::Keys::opens_for_listing`):
    /// the table says so; CSV and JSON leave the name empty, and the listing names the
    /// report on standard error and exits 5.
    pub identity_unopened: bool,
    /// Being handled again because the portal sent its result back for rework (Đ9.1): the
    /// handler's list tells a report to redo from a fresh assignment.
    pub sent_back: bool,
    /// The earlier report this one may be, sent again (docs/rules.md §1), for a report
    /// waiting at reception (received, accepted) listed to an account that may validate;
    /// None otherwise, and for every row while more than 5,000 reports wait
    /// (`intake::REPEAT_HINT_MAX_RUN`). The table marks its text with it.
    pub repeat_of: Option<i64>,
}

/// One row of `list --overdue`: a report, as `list` gives it, with the clock it is listed
/// for: the stage, whose clock (an agency, or the portal when None), its deadline, and
/// whether a sweep has reminded of it yet, so that the desk finds the deadline a sweep's
/// mail named, and the ones newer than the last sweep.
#[derive(Debug, Serialize)]
pub struct OverdueRow {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: String,
    pub status: Status,
    pub urgent: bool,
    pub field: Option<String>,
    pub agency: Option<String>,
    pub commune: String,
    pub reporter_name: Option<String>,
    pub content: String,
    pub overdue_stage: Stage,
    pub overdue_round: i64,
    pub overdue_agency: Option<String>,
    pub overdue_due_at: String,
    /// Still running past its deadline (false: it ended late, listed by `--ever`).
    pub overdue_open: bool,
    /// When a sweep reminded of it as overdue; None if none has.
    pub overdue_reminded_at: Option<String>,
    /// Running past due and not yet reminded of: new since the last sweep.
    pub overdue_new: bool,
    /// Minutes past the deadline, at the tool's clock, or when it stopped late: the table
    /// says them in words; JSON gives `overdue_due_at`.
    #[serde(skip)]
    pub overdue_minutes: i64,
    /// As `ListRow::identity_erased`; last, after the clock's columns.
    pub identity_erased: bool,
    /// The same, in the time the clock counts (working time for a working-hours clock), as
    /// the table says it and `show` does; None when a time does not read.
    #[serde(skip)]
    pub overdue_by: Option<crate::domain::deadline::Distance>,
}

impl Listing for OverdueRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "external_id",
        "submitted_at",
        "status",
        "urgent",
        "field",
        "agency",
        "commune",
        "reporter_name",
        "content",
        "overdue_stage",
        "overdue_round",
        "overdue_agency",
        "overdue_due_at",
        "overdue_open",
        "overdue_reminded_at",
        "overdue_new",
        "identity_erased",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Số",
                "Mã ứng dụng",
                "Khẩn",
                "Giai đoạn",
                "Hạn",
                "Quá hạn",
                "Cơ quan",
                "Nhắc quá hạn",
                "Trạng thái",
                "Nội dung",
            ],
            vec![
                "Id",
                "External id",
                "Urgent",
                "Stage",
                "Due",
                "Over by",
                "Agency",
                "Reminded",
                "Status",
                "Content",
            ],
        )
    }

    /// The report's columns as `list` heads them, then the clock's: the table's words
    /// where it has a column for the same value.
    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        let mut heads = ListRow::headers(lang);
        heads.extend(lang.pick(
            [
                "Giai đoạn",
                "Lượt",
                "Cơ quan giữ thời hạn",
                "Hạn",
                "Đang quá hạn",
                "Nhắc quá hạn",
                "Mới (chưa nhắc)",
                ERASED_HEAD.0,
            ],
            [
                "Stage",
                "Round",
                "Clock's agency",
                "Due",
                "Still overdue",
                "Reminded",
                "New (not reminded)",
                ERASED_HEAD.1,
            ],
        ));
        heads
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "status" => Some(self.status.text(lang).into_owned()),
            "overdue_stage" => Some(self.overdue_stage.text(lang).into_owned()),
            _ => None,
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        // "(Cổng)", as the sweep and `list --due` name the same clock: "(Cổng tiếp nhận)"
        // took 16 of 80 columns and pushed the urgency off the screen.
        let holder = self
            .overdue_agency
            .clone()
            .unwrap_or_else(|| super::portal_desk_short(lang));
        let reminded = match (&self.overdue_reminded_at, self.overdue_open) {
            (_, false) => State::Late.text(lang).into_owned(),
            (Some(at), true) => when(at, lang),
            (None, true) => lang.pick("Chưa (mới)", "Not yet (new)").to_owned(),
        };
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            lang.pick("KHẨN", "URGENT")
                .to_owned()
                .repeat(usize::from(self.urgent)),
            self.overdue_stage.text(lang).into_owned(),
            when(&self.overdue_due_at, lang),
            // For people, in the time the clock counts and the words `show` uses for it
            // ("35 giờ làm việc"): hours through nights and days off overstated it.
            match self.overdue_by {
                Some(by) => super::duration::overrun(by, lang),
                None => super::duration::signed(self.overdue_minutes, lang),
            },
            holder,
            reminded,
            self.status.text(lang).into_owned(),
            excerpt(&self.content, EXCERPT_CHARS),
        ]
    }

    /// The app id and the status go first (the stage and whose clock say where it stands),
    /// then the reminder (the sweep's business), the text, the urgency, the stage and whose
    /// clock, the deadline; the number and how late stay: how late is the one figure the
    /// list is for, and an operator left to count it from the deadline at 80 columns lost it.
    /// The reminder goes before the text: at 100 columns the text was left 12 columns wide
    /// beside "Chưa (mới)", and after a sweep, whose reminders are times, left out for one.
    fn drop_order() -> Vec<usize> {
        vec![1, 8, 7, 9, 2, 3, 6, 4]
    }

    /// The app id and the status go rather than wrap the rest.
    fn comfort() -> Vec<usize> {
        vec![1, 8]
    }

    /// "Cơ quan" over "(Cổng)" and codes of a few letters, as in `show`'s clocks: broken
    /// over two lines it read as two headers.
    fn headed() -> Vec<usize> {
        vec![6]
    }

    /// The report's text: what an operator reads to know which case is late.
    fn prose() -> Vec<usize> {
        vec![9]
    }
}

/// One row of `list --due`: an open duty clock and the report it runs for.
#[derive(Debug, Serialize)]
pub struct DueRow {
    pub agency: Option<String>,
    pub agency_name: Option<String>,
    pub report_id: i64,
    /// The report's number again, under the key `list` and `list --overdue` give it: a
    /// script reads one key across the modes of one listing (`report_id` stays, a
    /// contract already).
    pub id: i64,
    pub external_id: String,
    pub urgent: bool,
    pub stage: Stage,
    pub round: i64,
    pub due_at: String,
    /// Past its deadline now (the tool's clock).
    pub overdue: bool,
    /// Minutes to the deadline; negative when past it.
    pub minutes_left: i64,
    /// The same in the time the clock counts (working minutes for a working-hours clock),
    /// the figure the table says ("quá 7 giờ 35 phút làm việc"), as the sweep's
    /// `minutes_over_counted` and the report's `overrun_counted_minutes` give theirs.
    pub minutes_left_counted: i64,
    /// The same distance in the time the clock counts (working time for a working-hours
    /// clock), as the table says it; CSV and JSON keep `minutes_left`.
    #[serde(skip)]
    pub left: crate::domain::deadline::Distance,
    /// Within the sweep's warning (`sweep.due_soon_minutes`) of its deadline: the table
    /// says so in the words `show` and the sweep use. CSV and JSON give `minutes_left`.
    #[serde(skip)]
    pub due_soon: bool,
    /// A processing round the portal started by sending the agency's result back for
    /// rework (Đ9.1), not a fresh assignment: the table says it beside the stage.
    pub sent_back: bool,
    /// In a handler's own list, the round as the agency counts it (`AgencyRound`), which
    /// the table says; CSV and JSON keep `round`, the report's.
    #[serde(skip)]
    pub agency_round: Option<i64>,
}

impl Listing for DueRow {
    const KEYS: &'static [&'static str] = &[
        "agency",
        "agency_name",
        "report_id",
        "external_id",
        "urgent",
        "stage",
        "round",
        "due_at",
        "overdue",
        "minutes_left",
        "sent_back",
        // Added after the columns scripts already read by position.
        "minutes_left_counted",
        "id",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Cơ quan",
                "Tên cơ quan",
                "Số",
                "Mã ứng dụng",
                "Khẩn",
                "Giai đoạn",
                "Lượt",
                "Hạn",
                "Tình trạng",
                "Còn / quá",
            ],
            vec![
                "Agency",
                "Agency name",
                "Id",
                "External id",
                "Urgent",
                "Stage",
                "Round",
                "Due",
                "State",
                "Left / over",
            ],
        )
    }

    /// The table's headers, but for the two columns the file holds otherwise: past due
    /// (yes or no, where the table says the state) and the minutes left, a number.
    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        let mut heads = Self::headers(lang);
        let overdue = lang.pick("Quá hạn", "Overdue");
        super::retitle(&mut heads, Self::KEYS, "overdue", overdue);
        let left = lang.pick("Còn / quá (phút)", "Left / over (min)");
        super::retitle(&mut heads, Self::KEYS, "minutes_left", left);
        heads.push(sent_back_head(lang));
        heads.push(lang.pick(
            "Còn / quá (phút, theo cách tính hạn)",
            "Left / over (min, as the deadline counts)",
        ));
        // The report's number again: a header of its own, as every header of the file is.
        heads.push(lang.pick("Số phản ánh", "Report number"));
        heads
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        (key == "stage").then(|| self.stage.text(lang).into_owned())
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        // "(Cổng)", as the sweep names the same clock: "(Cổng tiếp nhận)" took 16 of 80
        // columns and broke how late each clock is over two lines.
        let agency = self
            .agency
            .clone()
            .unwrap_or_else(|| super::portal_desk_short(lang));
        vec![
            agency,
            self.agency_name.clone().unwrap_or_default(),
            self.report_id.to_string(),
            self.external_id.clone(),
            lang.pick("KHẨN", "URGENT")
                .to_owned()
                .repeat(usize::from(self.urgent)),
            stage_said(self.stage, self.sent_back, lang),
            self.agency_round.unwrap_or(self.round).to_string(),
            when(&self.due_at, lang),
            // The words of `show`'s clocks: "Đến hạn" (has fallen due) read as overdue for a
            // deadline hours away.
            match (self.overdue, self.due_soon) {
                (true, _) => State::Overdue,
                (false, true) => State::DueSoon,
                (false, false) => State::Running,
            }
            .text(lang)
            .into_owned(),
            // For people: "còn 20 phút làm việc"; CSV and JSON keep `minutes_left` a number.
            super::duration::distance(self.left, lang),
        ]
    }

    /// The agency's full name, app id, the state ("còn 20 phút" says it too) and the round
    /// go before the agency, the report, the stage, the deadline and the time left or over.
    /// The round outlasts the state: it tells a send-back's rework from a first round.
    fn drop_order() -> Vec<usize> {
        vec![1, 3, 8, 6, 9]
    }

    /// The same, up to the round, go rather than break how late a clock is over two lines.
    fn comfort() -> Vec<usize> {
        vec![1, 3, 8, 6]
    }

    /// Held to one agency (a handler's own list), the round stays, even if how late a
    /// clock is then takes two lines: with the agency said once above, it is the column
    /// that tells the officer a report to redo.
    fn comfort_pinned() -> Vec<usize> {
        vec![1, 3, 8]
    }
}

impl ListRow {
    /// The agency's column, which a list held to one agency leaves out of its table
    /// (`ListingWriter::pinned`).
    pub const AGENCY: &'static [usize] = &[6];
}

impl OverdueRow {
    /// The late clock's agency, which a list held to one agency leaves out of its table.
    pub const AGENCY: &'static [usize] = &[6];
}

impl DueRow {
    /// The agency's code and name, which a list held to one agency leaves out of its table.
    pub const AGENCY: &'static [usize] = &[0, 1];
}

/// The one agency a list is held to, as the line above its table says it: "Sở Xây dựng
/// tỉnh Cà Mau (SXD)", the code alone when the name is not vouched for. "Cơ quan: 31825."
/// left a commune's officer to know the code.
pub fn agency_said(code: &str, name: Option<&str>) -> String {
    named(name, Some(code))
}

/// The header of the `sent_back` flag in a file for Excel.
fn sent_back_head(lang: Lang) -> &'static str {
    lang.pick("Bị yêu cầu xử lý lại", "Sent back for rework")
}

/// A report being handled as a list says it, "Đang xử lý lại" when the round running is
/// one the portal sent back for rework (Đ9.1), in the words of its settings and exports
/// ("yêu cầu xử lý lại"); no wider than the widest status, so the text keeps its room.
fn status_said(status: Status, sent_back: bool, lang: Lang) -> String {
    match sent_back {
        true => lang.pick("Đang xử lý lại", "Being reworked").to_owned(),
        false => status.text(lang).into_owned(),
    }
}

/// A clock's stage as `list --due` says it: "Xử lý lại" for a processing round the portal
/// sent back for rework, no wider than the header "Giai đoạn".
fn stage_said(stage: Stage, sent_back: bool, lang: Lang) -> String {
    match sent_back {
        true => lang.pick("Xử lý lại", "Rework").to_owned(),
        false => stage.text(lang).into_owned(),
    }
}

/// How much of a report's text a listing shows.
const EXCERPT_CHARS: usize = 60;

/// The start of `text`, at most `most` characters with the "…" that marks the cut, cut
/// between words: half a syllable ("sạt l…") or a number without its unit ("80 m…" for
/// "80 mét") misleads the reader. A text with no space early enough (a link) is cut where
/// it must be.
fn excerpt(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let room: String = text.chars().take(most - 1).collect();
    let next = text.chars().nth(most - 1);
    let cut_between_words = next.is_some_and(char::is_whitespace);
    let kept = match room.rfind(char::is_whitespace) {
        _ if cut_between_words => room.trim_end(),
        Some(at) if room[..at].chars().count() >= most / 2 => room[..at].trim_end(),
        _ => room.as_str(),
    };
    format!(
        "{}…",
        kept.trim_end_matches([',', ';', ':', '–', '-']).trim_end()
    )
}

/// What an empty `list` says instead of an empty table: that nothing matches, naming the
/// filters as they were typed (`filters`, e.g. "--status received"), or when none was
/// given, that nothing is assigned to the handler's own agency (`own_agency`: a handler
/// sees no other, and may not ingest), or that there is no report at all. A listing held
/// to an agency that asked for returned reports (`returned_left_out`, the agency) says that
/// such reports leave the agency's list and how to see one: "drop a filter" would show
/// none of them either.
pub fn nothing_listed(
    filters: &[String],
    own_agency: Option<&str>,
    returned_left_out: Option<&Returned>,
    lang: Lang,
) -> String {
    if let (true, Some(agency)) = (filters.is_empty(), own_agency) {
        return lang.pick(
            format!("Chưa có phản ánh nào giao cho cơ quan {agency}."),
            format!("No report is assigned to agency {agency} yet."),
        );
    }
    if filters.is_empty() {
        return lang
            .pick(
                "Chưa có phản ánh nào. Nạp phản ánh bằng `phananh ingest TỆP`.",
                "No reports yet. Load some with `phananh ingest FILE`.",
            )
            .to_owned();
    }
    let named = filters.join(", ");
    if let Some(returned) = returned_left_out {
        let agency = &returned.agency;
        let which = returns_named(returned, lang);
        return lang.pick(
            format!(
                "Không có phản ánh nào khớp bộ lọc: {named}. Phản ánh cơ quan {agency} đã chuyển trả là việc của Cổng (chờ phân phối lại) nên không còn trong danh sách của cơ quan. {which}"
            ),
            format!(
                "No report matches the filters: {named}. A report agency {agency} returned is the portal's to dispatch again, so it leaves the agency's list. {which}"
            ),
        );
    }
    lang.pick(
        format!("Không có phản ánh nào khớp bộ lọc: {named}. Bỏ bớt bộ lọc để xem rộng hơn."),
        format!("No report matches the filters: {named}. Drop a filter to see more."),
    )
}

/// The reports an agency returned to the portal: the latest (report id, stored time of
/// the return) and how many in all.
pub struct Returned {
    pub agency: String,
    pub latest: Vec<(i64, String)>,
    pub total: u64,
}

/// Which reports the agency returned, latest first, and where a late one is: the officer
/// asked for them by status and gets their numbers (`show` refuses a report the agency
/// returned, which is another's or the portal's now).
fn returns_named(returned: &Returned, lang: Lang) -> String {
    if returned.latest.is_empty() {
        return lang
            .pick(
                "Cơ quan chưa chuyển trả phản ánh nào.",
                "The agency has returned no report.",
            )
            .to_owned();
    }
    let each: Vec<String> = returned
        .latest
        .iter()
        .map(|(id, at)| format!("{id} ({})", super::layout::when(at, lang)))
        .collect();
    let each = each.join(", ");
    let total = returned.total;
    let shown = returned.latest.len() as u64;
    match (shown < total, lang) {
        (false, Lang::Vi) => format!(
            "Cơ quan đã chuyển trả {total} phản ánh: {each}. Lần chuyển trả trễ hạn có trong `phananh list --overdue --ever`."
        ),
        (true, Lang::Vi) => format!(
            "Cơ quan đã chuyển trả {total} phản ánh; {shown} lần gần nhất: {each}. Lần chuyển trả trễ hạn có trong `phananh list --overdue --ever`."
        ),
        (false, Lang::En) => format!(
            "The agency returned {total} report(s): {each}. A late return is in `phananh list --overdue --ever`."
        ),
        (true, Lang::En) => format!(
            "The agency returned {total} reports; the latest {shown}: {each}. A late return is in `phananh list --overdue --ever`."
        ),
    }
}

/// What an empty `list --phone` says: no report kept with an identity came from that phone
/// (an erased identity is no longer anyone's).
/// Said after `list --phone` printed what it found: the lookup is on the record, and the
/// admin goes on report by report.
pub fn found_by_phone(count: usize) -> crate::i18n::Localized {
    crate::i18n::Localized::new(
        format!(
            "Tìm thấy {count} phản ánh gửi từ số điện thoại này; việc tra cứu đã được ghi nhật ký (`audit reveals`). Xem từng phản ánh: `phananh show SỐ --reveal --reason \"…\"`.",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} found sent from this phone; the lookup is logged (`audit reveals`). Each one: `phananh show ID --reveal --reason \"…\"`",
            crate::i18n::count_en(count as u64, "report", "reports")
        ),
    )
}

/// Said after `list --phone` when `count` reports of those it searched have their identity
/// erased: no phone is left to compare, so a request answered "nothing" may still concern
/// them. The count is the whole database's, the same whatever number is sought: it says
/// nothing of whose they were.
pub fn erased_unsearchable(count: usize) -> crate::i18n::Localized {
    crate::i18n::Localized::new(
        format!(
            "Lưu ý: {count} phản ánh đã bị xóa danh tính nên không thể tìm theo số điện thoại; nếu có phản ánh nào trong số đó gửi từ số này thì cũng không nằm trong kết quả trên.",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "note: {} had their identity erased and cannot be searched by phone; any of them sent from this number is not among the above",
            crate::i18n::count_en(count as u64, "report", "reports")
        ),
    )
}

pub fn nothing_found_by_phone(lang: Lang) -> String {
    lang.pick(
        "Không có phản ánh nào còn giữ danh tính gửi từ số điện thoại này.",
        "No report still holding its identity was sent from this phone.",
    )
    .to_owned()
}

/// What an empty `list --due` says: nothing falls due by the end of `day`.
pub fn nothing_due(day: chrono::NaiveDate, filters: &[String], lang: Lang) -> String {
    let day = day.format(lang.pick("%d/%m/%Y", "%Y-%m-%d"));
    let also = if filters.is_empty() {
        String::new()
    } else {
        format!(" ({})", filters.join(", "))
    };
    lang.pick(
        format!("Không có thời hạn nào đến hạn hết ngày {day}{also}."),
        format!("Nothing falls due by the end of {day}{also}."),
    )
}

/// Said under a handler's `list --due` while reports of their agency are still inside the
/// return window (Đ8.1.b): the list leaves the windows out, but one passing unused takes
/// away the right to return a report without its counting as late.
/// `listed`: whether the list printed a row; "Ngoài danh sách trên" under "nothing due"
/// pointed at a list that was not there.
pub fn return_windows_open(count: u64, earliest: &str, listed: bool) -> Localized {
    let (vi_at, en_at) = (
        when(earliest, Lang::Vi).replace('\u{a0}', " "),
        when(earliest, Lang::En).replace('\u{a0}', " "),
    );
    let (vi, en) = match listed {
        true => ("Ngoài danh sách trên: còn", "Besides the list above: "),
        false => ("Còn", ""),
    };
    Localized::new(
        format!(
            "{vi} {} phản ánh trong thời hạn chuyển trả (điểm b khoản 1 Điều 8), sớm nhất hết lúc {vi_at}; phản ánh không thuộc thẩm quyền thì chuyển trả trước đó bằng `phananh return SỐ --reason \"…\"`, sau đó tính là chuyển trả trễ hạn.",
            crate::i18n::grouped(count, Lang::Vi)
        ),
        format!(
            "{en}{} still inside the return window (Art. 8.1.b), the first closing at {en_at}; return one that is not your agency's business before then with `phananh return ID --reason \"…\"`, after it the return counts as late",
            crate::i18n::count_en(count, "report", "reports")
        ),
    )
}

/// Said under a handler's `list --due` when urgent reports of their agency fall due after
/// the day listed (`DueList::urgent_beyond`): an urgent report is to be acted on at once
/// (Đ8.1.b), whatever day its deadline falls on. (id, deadline), earliest first.
pub fn urgent_beyond(urgent: &[(i64, String)], listed: bool) -> Localized {
    let n = urgent.len();
    let named = |lang: Lang| {
        crate::storage::journal::first_named(urgent, ", ", |(id, due)| {
            let at = when(due, lang).replace('\u{a0}', " ");
            lang.pick(format!("{id} (hạn {at})"), format!("{id} (due {at})"))
        })
    };
    let (vi, en) = match listed {
        true => ("Ngoài danh sách trên: còn", "Besides the list above: "),
        false => ("Còn", ""),
    };
    Localized::new(
        format!(
            "{vi} {} phản ánh KHẨN đang xử lý, hạn sau ngày này: {}; xử lý khẩn cấp, kịp thời (điểm b khoản 1 Điều 8).",
            crate::i18n::grouped(n, Lang::Vi),
            named(Lang::Vi)
        ),
        format!(
            "{en}{} being handled, due after that day: {}; act on them at once (Art. 8.1.b)",
            crate::i18n::count_en(n, "URGENT report", "URGENT reports"),
            named(Lang::En)
        ),
    )
}

/// The integrity failure (exit 5) `list --due` (and `list --overdue`, without names) ends
/// with, if any, after its rows: the reports printed not as the log recorded them (`rows`;
/// `unheld` among them named by their last seal's event), the `agencies` row the log does
/// not vouch for (the rows gave codes alone), and the open clock whose deadline is not the
/// one the log gives (one moved later is not among the rows).
pub fn due_failure(
    rows: &[i64],
    unheld: &[(i64, i64)],
    reports: Option<(u64, u64)>,
    names_unvouched: Option<&crate::domain::audit::ChainBreak>,
    deadline_edited: Option<&crate::domain::clocks::OpenUnvouched>,
) -> Option<crate::exit::Failure> {
    use crate::domain::clocks::OpenUnvouched;
    let deadline = deadline_edited.map(|problem| {
        let (vi, en) = super::export::open_unvouched(problem);
        let (said_vi, said_en) = match problem {
            OpenUnvouched::Deadline(_) => (
                "danh sách đọc hạn ghi trong dòng ấy",
                "the list reads the deadline that row holds",
            ),
            OpenUnvouched::NotOpen { .. } => (
                "danh sách không có hạn nào của nó",
                "the list has no deadline of it",
            ),
            OpenUnvouched::Agency { .. } => (
                "danh sách ghi thời hạn ấy cho cơ quan dòng ấy ghi",
                "the list gives that deadline to the agency that row names",
            ),
            OpenUnvouched::Stray { .. } => (
                "danh sách đọc thời hạn ấy như thời hạn của phản ánh",
                "the list reads that clock as the report's",
            ),
            OpenUnvouched::Twice { .. } => (
                "danh sách ghi mỗi thời hạn ấy một dòng",
                "the list gives each of them a row",
            ),
            OpenUnvouched::Unindexed { .. } => (
                "danh sách không kiểm tra được hạn ấy và có thể bỏ sót nó",
                "the list cannot judge that deadline and may leave it out",
            ),
        };
        crate::exit::Failure::integrity(Localized::new(
            format!("{vi}; {said_vi}. Hãy chạy `phananh audit verify` và báo quản trị viên."),
            format!("{en}; {said_en}. Run `phananh audit verify` and tell an admin"),
        ))
    });
    crate::exit::Failure::integrity_together([
        rows_unvouched(rows, unheld),
        reports.map(|(logged, held)| reports_uncounted(logged, held)),
        names_unvouched.map(super::sweep::unvouched_names_failure),
        deadline,
    ])
}

/// The integrity failure (exit 5) `list` ends with, after its rows, when some of them
/// (`rows`; `unheld` among them named by their last seal's event) are not as the log
/// recorded them, and with the open deadline `list --overdue` found moved (`due_failure`).
pub fn list_failure(
    (rows, unheld, left_out): (&[i64], &[(i64, i64)], &[i64]),
    unopened: (&std::path::Path, &[i64], &[i64]),
    deadline_edited: Option<&crate::domain::clocks::OpenUnvouched>,
    reports: Option<(u64, u64)>,
    stopped: Option<&crate::domain::periodic::StoppedUnvouched>,
) -> Option<crate::exit::Failure> {
    crate::exit::Failure::integrity_together([
        due_failure(rows, unheld, reports, None, deadline_edited),
        left_out_by_edits(left_out),
        identities_unopened(UnopenedBy::List, unopened),
        stopped.map(stopped_clock_unvouched),
    ])
}

/// The refusal of a listing that went on past reports whose sealed identity the key does
/// not open, each listed without its reporter; None when there is none. The way on is the
/// one `show` gives for each (`output::vault::identity_edited`, `own_key_replaced`).
/// `unopened`: the key, the reports whose rows were edited, those whose own key was replaced;
/// `by`: the command that went on without them.
pub fn identities_unopened(
    by: UnopenedBy,
    (key, edited, replaced): (&std::path::Path, &[i64], &[i64]),
) -> Option<crate::exit::Failure> {
    let key = key.display();
    let gave = |one: bool| by.gave(one);
    let mut said = Vec::new();
    let reports = |ids: &[i64]| {
        let named = crate::output::journal::edited_named(ids);
        if ids.len() == 1 {
            (format!("phản ánh {named}"), format!("report {named}"))
        } else {
            (format!("các phản ánh {named}"), format!("reports {named}"))
        }
    };
    if !edited.is_empty() {
        let (vi, en) = reports(edited);
        let one = edited.len() == 1;
        said.push(crate::exit::Failure::integrity(Localized::new(
            format!(
                "Khóa {key} không mở được danh tính của {vi}, và hàng dữ liệu của {} không còn khớp với lần niêm phong cuối trong nhật ký: danh tính đã mã hóa bị sửa ngoài phananh (có thể bị chuyển từ phản ánh khác sang). {} Lệnh `erase` không xóa được danh tính ấy: nó không niêm phong một hàng đã bị sửa. {}",
                if one { "nó" } else { "chúng" },
                gave(one).vi,
                crate::output::journal::edited_close().vi,
            ),
            format!(
                "the key {key} does not open the identity of {en}, and {} no longer {} the log's last seal: {} sealed identity was changed outside phananh (perhaps moved from another report). {} `erase` cannot erase it, since it does not seal an edited row. {}",
                if one { "its row" } else { "their rows" },
                if one { "matches" } else { "match" },
                if one { "its" } else { "their" },
                gave(one).en,
                crate::output::journal::edited_close().en,
            ),
        )));
    }
    if !replaced.is_empty() {
        let (vi, en) = reports(replaced);
        let one = replaced.len() == 1;
        let id = if one {
            replaced[0].to_string()
        } else {
            "N".to_owned()
        };
        // A public view is where an erasure without the name shows: its texts then hide
        // names by their shape only, as `show`'s refusal of such a report says.
        let then = match by {
            UnopenedBy::PublicExport => Localized::new(
                format!(
                    " (khi ấy các văn bản công khai của {} chỉ còn ẩn họ tên theo dáng họ tên)",
                    if one { "nó" } else { "chúng" }
                ),
                format!(
                    " ({} public texts then hide names by their shape only)",
                    if one { "its" } else { "their" }
                ),
            ),
            _ => Localized::new("", ""),
        };
        said.push(crate::exit::Failure::integrity(Localized::new(
            format!(
                "Khóa {key} không mở được danh tính của {vi}: khóa riêng của {} đã bị thay hoặc bị hỏng (ngoài phananh). {} Hãy chạy `phananh audit verify`, rồi khôi phục bản sao lưu; hoặc, nếu danh tính ấy không lấy lại được, để công việc tiếp tục hãy xóa nó có ghi lý do: `phananh erase {id} --reason \"LÝ DO\"`{}.",
                if one { "nó" } else { "chúng" },
                gave(one).vi,
                then.vi,
            ),
            format!(
                "the key {key} does not open the identity of {en}: {} own key was replaced or damaged (outside phananh). {} Run `phananh audit verify`, then restore a backup; or, if that identity cannot be had back, erase it with a reason so work goes on: `phananh erase {id} --reason \"TEXT\"`{}",
                if one { "its" } else { "their" },
                gave(one).en,
                then.en,
            ),
        )));
    }
    crate::exit::Failure::integrity_together(said.into_iter().map(Some))
}

/// The command that went on past identities the key does not open (`identities_unopened`).
#[derive(Debug, Clone, Copy)]
pub enum UnopenedBy {
    List,
    Export,
    /// A public view (`export open311`, `export csv --public`), which leaves them out.
    PublicExport,
    Show,
    Desk,
    Lookup,
}

impl UnopenedBy {
    /// What it gave without the reporter: the report (`one`) or the reports.
    fn gave(self, one: bool) -> Localized {
        let (vi, en) = if one {
            ("nó", "it")
        } else {
            ("chúng", "them")
        };
        match self {
            UnopenedBy::List => Localized::new(
                format!("Danh sách liệt kê {vi} không kèm người phản ánh."),
                format!("The list gave {en} without the reporter."),
            ),
            UnopenedBy::Export => Localized::new(
                format!("Tệp xuất ghi {vi} không kèm người phản ánh."),
                format!("The export gave {en} without the reporter."),
            ),
            UnopenedBy::PublicExport => Localized::new(
                format!(
                    "Bản xuất công khai đã bỏ {vi} ra, vì không kiểm tra được nội dung công khai của {vi} đã ẩn tên người phản ánh hay chưa; các phản ánh khác đã được xuất."
                ),
                format!(
                    "The public export left {en} out, since {} public texts cannot be checked for the reporter's name; the other reports were exported.",
                    if one { "its" } else { "their" }
                ),
            ),
            UnopenedBy::Desk => Localized::new(
                format!("Hàng chờ đã bỏ qua {vi}: không kiểm tra được người phản ánh."),
                format!("The queue left {en} out: the reporter cannot be checked."),
            ),
            UnopenedBy::Lookup => Localized::new(
                format!(
                    "Không biết được {vi} có được gửi từ số điện thoại này không, nên {vi} không có trong các phản ánh tìm thấy ở trên."
                ),
                format!(
                    "Whether {en} came from this phone could not be told, so {en} {} not among the reports found above.",
                    if one { "is" } else { "are" }
                ),
            ),
            UnopenedBy::Show => Localized::new(
                "Phản ánh được hiển thị không kèm người phản ánh.",
                "The report was shown without the reporter.",
            ),
        }
    }
}

/// The refusal of a listing over a file that holds `held` reports while the log has events
/// of `logged`: a report deleted is in no list.
fn reports_uncounted(logged: u64, held: u64) -> crate::exit::Failure {
    crate::exit::Failure::integrity(crate::output::storage::reports_uncounted(
        logged,
        held,
        Localized::new(
            "; danh sách chỉ liệt kê các phản ánh có trong tệp.",
            "; the list gives only those the file holds.",
        ),
    ))
}

/// The refusal of a listing whose printed rows (`rows`; `unheld` among them named by their
/// last seal's event) are not as the log recorded them; None when every row was.
/// The integrity failure (exit 5) of a `list` that left out the reports `ids`, which the
/// log last sealed with a status, agency or urgency it asked for while their rows now say
/// another (`storage::reports::sealed_under_filter_elsewhere`): a row moved out of the
/// filter with `sqlite3` went missing from the desk's list unsaid.
fn left_out_by_edits(ids: &[i64]) -> Option<crate::exit::Failure> {
    (!ids.is_empty()).then(|| {
        let named = crate::output::journal::edited_named(ids);
        let one = ids.len() == 1;
        crate::exit::Failure::integrity(Localized::new(
            format!(
                "{} {named}: nhật ký niêm phong {} lần cuối với trạng thái, cơ quan hoặc mức khẩn mà danh sách này hỏi, nhưng {} đang ghi khác (đã bị sửa ngoài phananh), nên danh sách không có {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                if one { "Phản ánh" } else { "Các phản ánh" },
                if one { "nó" } else { "chúng" },
                if one { "dòng của nó" } else { "các dòng của chúng" },
                if one { "nó" } else { "chúng" },
            ),
            format!(
                "{} {named}: the log last sealed {} with a status, agency or urgency this list asks for, but {} now {} otherwise (edited outside phananh), so the list left {} out. Run `phananh audit verify` and tell an admin",
                if one { "report" } else { "reports" },
                if one { "it" } else { "them" },
                if one { "its row" } else { "their rows" },
                if one { "says" } else { "say" },
                if one { "it" } else { "them" },
            ),
        ))
    })
}

fn rows_unvouched(rows: &[i64], unheld: &[(i64, i64)]) -> Option<crate::exit::Failure> {
    (!rows.is_empty()).then(|| {
        let edited = crate::output::journal::left_out_rows(rows, unheld);
        let one = rows.len() == 1;
        crate::exit::Failure::integrity(Localized::new(
            format!(
                "{}. Danh sách liệt kê {} như {} đang ghi, không phải như nhật ký đã ghi nhận. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                edited.vi,
                if one { "nó" } else { "chúng" },
                if one { "dòng của nó" } else { "các dòng của chúng" },
            ),
            format!(
                "{}. The list gave {} as {} {}, not as the log recorded {}. Run `phananh audit verify` and tell an admin",
                edited.en,
                if one { "it" } else { "them" },
                if one { "its row" } else { "their rows" },
                if one { "stands" } else { "stand" },
                if one { "it" } else { "them" },
            ),
        ))
    })
}

/// The integrity failure (exit 5) `list --overdue` ends with, after its rows, when a stopped
/// clock it read does not hold against the log (`app::report::clock_fault`): by its late
/// flags the list took each report that ever ran late; otherwise each report late at its
/// moment by the times the rows hold.
fn stopped_clock_unvouched(
    stopped: &crate::domain::periodic::StoppedUnvouched,
) -> crate::exit::Failure {
    use crate::domain::periodic::StoppedFault;
    let ever = stopped.by_late_flags;
    let (how_vi, how_en) = if ever {
        (
            "từng trễ hạn theo cờ trễ hạn ghi trong các dòng ấy",
            "ever late by the late flags those rows hold",
        )
    } else {
        (
            "trễ hạn tại thời điểm ấy theo thời điểm bắt đầu, dừng và hạn ghi trong các dòng ấy",
            "late at the moment by the start, stop and deadline those rows hold",
        )
    };
    let (clock, fault) = match &stopped.fault {
        StoppedFault::Clock(clock, fault) => (clock, fault),
        StoppedFault::Uncounted(crate::domain::clocks::Uncounted { started, held }) => {
            return crate::exit::Failure::integrity(Localized::new(
                format!(
                    "Các phản ánh có {held} thời hạn, nhưng nhật ký của chúng bắt đầu {started} (thời hạn bị xóa hoặc thêm ngoài phananh); danh sách chọn các phản ánh {how_vi}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                    held = crate::i18n::grouped(held, crate::i18n::Lang::Vi)
                ),
                format!(
                    "the reports hold {held} clocks, but their logs start {started} (clocks deleted or added outside phananh); the list takes the reports {how_en}. Run `phananh audit verify` and tell an admin",
                    held = crate::i18n::grouped(held, crate::i18n::Lang::En)
                ),
            ));
        }
    };
    use crate::domain::periodic::{ClockFault, Unlogged};
    let (id, round) = (clock.report_id, clock.round);
    let (stage_vi, stage_en) = (
        clock.stage.vi().to_lowercase(),
        clock.stage.en().to_lowercase(),
    );
    let when = |text: Option<&str>, lang| {
        text.map(|t| super::layout::when_exact(t, lang))
            .unwrap_or_default()
    };
    let stop = clock.stopped_at.as_deref();
    let agency = |code: Option<&str>, lang: Lang| match code {
        Some(code) => code.to_owned(),
        None => lang.pick("Cổng", "the portal").to_owned(),
    };
    let (vi, en) = match fault {
        ClockFault::OddStop(text) => (
            format!("dừng lúc “{text}”, không như phananh ghi"),
            format!("stopped at \"{text}\", not as phananh writes it"),
        ),
        ClockFault::Step(end) => {
            let (vi, en) = match end {
                Unlogged::Start => ("lúc bắt đầu", "start"),
                Unlogged::Stop => ("lúc dừng", "stop"),
            };
            (
                format!("có {vi} không khớp bước nào của phản ánh trong nhật ký"),
                format!("has a {en} that matches no step of the report in the log"),
            )
        }
        ClockFault::Flag => {
            let late = clock.breached == Some(true);
            (
                format!(
                    "được đánh dấu là {}, nhưng dừng lúc {} so với hạn {}",
                    if late { "trễ" } else { "đúng hạn" },
                    when(stop, Lang::Vi),
                    when(Some(&clock.due_at), Lang::Vi),
                ),
                format!(
                    "is marked {}, but it stopped at {} against a deadline of {}",
                    if late { "late" } else { "on time" },
                    when(stop, Lang::En),
                    when(Some(&clock.due_at), Lang::En),
                ),
            )
        }
        ClockFault::Agency(logged) => (
            format!(
                "được tính cho {}, nhưng nhật ký giao phản ánh cho {}",
                agency(clock.agency.as_deref(), Lang::Vi),
                agency(logged.as_deref(), Lang::Vi),
            ),
            format!(
                "runs against {}, but the log assigned the report to {}",
                agency(clock.agency.as_deref(), Lang::En),
                agency(logged.as_deref(), Lang::En),
            ),
        ),
        ClockFault::Round(logged) => (
            format!("là lượt {logged} theo thứ tự các lượt của bước ấy"),
            format!("is round {logged} of its stage by the order of its rounds"),
        ),
        ClockFault::Rule(logged) => (
            format!(
                "tính hạn {} theo {}, nhưng nhật ký tính theo {}",
                when(Some(&clock.due_at), Lang::Vi),
                super::duration::counted_in(clock.rule, Lang::Vi),
                super::duration::counted_in(*logged, Lang::Vi),
            ),
            format!(
                "counts its deadline of {} in {}, but the log counts it in {}",
                when(Some(&clock.due_at), Lang::En),
                super::duration::counted_in(clock.rule, Lang::En),
                super::duration::counted_in(*logged, Lang::En),
            ),
        ),
        ClockFault::Deadline(logged) => {
            let logged = crate::domain::time::format(logged);
            (
                format!(
                    "ghi hạn {}, nhưng theo nhật ký hạn là {}",
                    when(Some(&clock.due_at), Lang::Vi),
                    when(Some(&logged), Lang::Vi),
                ),
                format!(
                    "has a deadline of {}, but the log gives {}",
                    when(Some(&clock.due_at), Lang::En),
                    when(Some(&logged), Lang::En),
                ),
            )
        }
    };
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời hạn {stage_vi} lượt {round} {vi} (bị sửa ngoài phananh); danh sách chọn các phản ánh {how_vi}. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "report {id}: its {stage_en} clock of round {round} {en} (edited outside phananh); the list takes the reports {how_en}. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// The refusal (exit 5) after `show` printed a report whose row the log does not vouch for:
/// what was shown is the row as it stands, not what was recorded.
pub fn row_unvouched(report: i64, unheld: &[(i64, i64)]) -> crate::exit::Failure {
    let edited = crate::output::journal::left_out_rows(&[report], unheld);
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "{}. Phản ánh được hiển thị như dòng của nó đang ghi, không phải như nhật ký đã ghi nhận. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            edited.vi
        ),
        format!(
            "{}. The report was shown as its row stands, not as the log recorded it. Run `phananh audit verify` and tell an admin",
            edited.en
        ),
    ))
}

/// Why `show --reveal` shows nothing (exit 5) over a report row the log does not vouch for:
/// whether the reporter consented, and whose report it is, are the row's to say, and the
/// row was changed outside phananh (`unheld`: its last seal does not hold, that event).
pub fn reveal_unvouched(report: i64, unheld: Option<i64>) -> Localized {
    let (why_vi, why_en) = match unheld {
        Some(event) => (
            format!(
                "sự kiện {event}, lần niêm phong cuối của nó, không khớp với chuỗi nhật ký (được thêm hoặc thay ngoài phananh)"
            ),
            format!(
                "event {event}, its last seal in the log, does not hold in the chain (appended or replaced outside phananh)"
            ),
        ),
        None => (
            "hàng dữ liệu của nó khác với lần niêm phong cuối trong nhật ký (bị sửa ngoài phananh)"
                .to_owned(),
            "its row differs from its last seal in the log (edited outside phananh)".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "Không hiện danh tính người phản ánh của phản ánh {report}: {why_vi}, nên không biết người phản ánh có đồng ý cho cơ quan xử lý biết danh tính, hay phản ánh có được giao cho cơ quan ấy, hay không. Không hiện gì, không ghi lần xem nào. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "the reporter's identity of report {report} is not shown: {why_en}, so whether the reporter consented to the handling agency knowing who they are, or the report is assigned to that agency, cannot be told. Nothing was shown and no reveal logged. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The integrity failure (exit 5) `list --phone` ends with, after the reports it found,
/// when it met report rows the log does not vouch for (`rows`; `unheld` among them named
/// by their last seal's event): their identity was not compared, so whether they were sent
/// from the number is not known, and the count said is of the others.
pub fn phone_unjudged(rows: &[i64], unheld: &[(i64, i64)]) -> crate::exit::Failure {
    let edited = crate::output::journal::left_out_rows(rows, unheld);
    let one = rows.len() == 1;
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "{}. Không xét được {} có gửi từ số điện thoại này hay không, nên {} không có trong kết quả trên, và người phản ánh có thể đã gửi nhiều phản ánh hơn số đã tìm thấy. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            edited.vi,
            if one {
                "phản ánh ấy"
            } else {
                "các phản ánh ấy"
            },
            if one { "nó" } else { "chúng" },
        ),
        format!(
            "{}. Whether {} sent from this phone could not be told, so {} not among the reports found above, and the reporter may have sent more than were found. Run `phananh audit verify` and tell an admin",
            edited.en,
            if one {
                "that report was"
            } else {
                "those reports were"
            },
            if one { "it is" } else { "they are" },
        ),
    ))
}

/// The integrity failure (exit 5) `show` ends with, after the report, when one of its
/// clocks is not the one its log gives (`problem`, as `audit verify` names it): the report
/// was shown with that clock as its row holds it.
pub fn clock_unlogged(problem: &crate::domain::audit::ChainBreak) -> crate::exit::Failure {
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "{}. Phản ánh được hiển thị với thời hạn ấy như dòng của nó ghi. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "{problem}. The report was shown with that clock as its row holds it. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// `show` under a calendar day or a deadline setting the log does not vouch for
/// (`problem`): no clock was judged under it, and the clocks are shown as their rows hold
/// them.
pub fn deadlines_unvouched(problem: &crate::domain::audit::ChainBreak) -> crate::exit::Failure {
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "Nhật ký không xác nhận lịch làm việc hoặc thời hạn: {}. Không thời hạn nào được tính lại theo giá trị ấy: các thời hạn được hiển thị như dòng của chúng ghi. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for the calendar or the deadlines: {problem}. No deadline was counted again under it: the clocks are shown as their rows hold them. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// A `--status` that names no status: the names there are, each with the label the
/// tables show ("accepted (Chờ phân phối)"), since the desk reads labels and types names.
pub fn unknown_status(statuses: &[Status]) -> Localized {
    let each = |label: fn(&Status) -> std::borrow::Cow<'static, str>| {
        statuses
            .iter()
            .map(|s| format!("{} ({})", s.as_str(), label(s)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Localized::new(
        format!(
            "không có trạng thái này; dùng một trong {}",
            each(Status::vi)
        ),
        format!("unknown status; use one of {}", each(Status::en)),
    )
}

/// A `--limit` that is not a count of rows from 1.
pub fn not_a_limit() -> Localized {
    Localized::new(
        "cần một số dòng từ 1 trở lên",
        "use a number of rows from 1 up",
    )
}

/// A `--due` that is neither today nor shaped as a date.
pub fn not_a_day() -> Localized {
    Localized::new(
        "dùng `\"hôm nay\"` (hoặc `today`), hoặc một ngày YYYY-MM-DD hay DD/MM/YYYY",
        "use today, or a date YYYY-MM-DD or DD/MM/YYYY",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_cuts_a_text_between_words() {
        let text =
            "Bờ kè kênh Bình Minh đoạn qua khóm 8 vừa sạt lở khoảng 80 mét, đề nghị kiểm tra";
        let cut = excerpt(text, 60);
        assert_eq!(
            cut,
            "Bờ kè kênh Bình Minh đoạn qua khóm 8 vừa sạt lở khoảng 80…"
        );
        let cut = excerpt(text, 52);
        assert_eq!(cut, "Bờ kè kênh Bình Minh đoạn qua khóm 8 vừa sạt lở…");
        // Short texts whole; a text with no space where it could be cut, where it must be.
        assert_eq!(excerpt("Ổ gà", 60), "Ổ gà");
        let link = format!("https://camau.gov.vn/{}", "a".repeat(80));
        assert_eq!(excerpt(&link, 60).chars().count(), 60);
    }

    proptest::proptest! {
        #[test]
        fn an_excerpt_is_a_start_of_the_text_ended_between_words(
            // Words: no whitespace inside (the range à-ỹ holds U+1680, a space).
            words in proptest::collection::vec("[a-zà-ỹ0-9&&\\S]{1,12}", 1..30),
            most in 10usize..80,
        ) {
            let text = words.join(" ");
            let cut = excerpt(&text, most);
            proptest::prop_assert!(cut.chars().count() <= most.max(text.chars().count()));
            if cut == text {
                proptest::prop_assert!(text.chars().count() <= most);
            } else {
                let kept = cut.strip_suffix('…').unwrap();
                proptest::prop_assert!(text.starts_with(kept));
                let after = text[kept.len()..].chars().next();
                let room: String = text.chars().take(most - 1).collect();
                let spaced = room[..].rfind(' ').is_some_and(|at| room[..at].chars().count() >= most / 2);
                // Between words whenever a space falls in the second half of the room.
                proptest::prop_assert!(after == Some(' ') || !spaced, "{cut:?} of {text:?}");
            }
        }
    }

    /// A refusal recorded before events kept the reason in both languages reads as it was
    /// stored (its seal covers that text); a newer one in the reader's language, and its
    /// `reason_vi` is never a line of its own.
    #[test]
    fn a_refusals_reason_reads_in_the_readers_language_when_both_were_kept() {
        let old = r#"{"operation":"verify","reason":"role leader may not verify"}"#;
        assert_eq!(
            payload_words(old, Lang::Vi),
            "Thao tác: duyệt kết quả (verify)\nLý do: role leader may not verify"
        );
        let new = r#"{"operation":"login","reason":"unknown account","reason_vi":"không có tài khoản này"}"#;
        assert_eq!(
            payload_words(new, Lang::Vi),
            "Thao tác: đăng nhập\nLý do: không có tài khoản này"
        );
        assert_eq!(
            payload_words(new, Lang::En),
            "Operation: log in\nReason: unknown account"
        );
    }

    #[test]
    fn each_payload_key_has_one_label_and_values_read_as_words() {
        let keys: std::collections::BTreeSet<_> = PAYLOAD_KEYS.iter().map(|(k, ..)| k).collect();
        assert_eq!(keys.len(), PAYLOAD_KEYS.len(), "a key is listed twice");
        for (key, vi, en) in PAYLOAD_KEYS {
            assert!(vi != key && en != key, "{key} is not a word");
        }
        assert_eq!(
            payload_words(
                r#"{"agency":"SXD","urgent":false,"reasons":[],"explanation":""}"#,
                Lang::Vi
            ),
            "Cơ quan: SXD\nKhẩn: không"
        );
        // A key from a newer version reads as stored.
        assert_eq!(payload_words(r#"{"new_key":1}"#, Lang::Vi), "new_key: 1");
    }

    /// The keys this version added to the change events of the calendar, the settings and
    /// the routes read as words too.
    #[test]
    fn the_newer_change_keys_are_words() {
        for key in ["cleared_overdue", "replaced_spellings"] {
            for lang in [Lang::Vi, Lang::En] {
                assert_ne!(key_label(key, lang), key, "{key}");
            }
        }
    }
}
