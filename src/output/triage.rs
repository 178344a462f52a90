//! What the reception desk (`triage`) prints on the terminal it is drawn on (standard
//! error): each report whole before the operator acts on it, the lines it says between
//! prompts wrapped at words, what it says when its queue is empty or goes round again, a
//! report moved meanwhile or not accepted, and why it will not start. `app::triage` finds the report and what the desk is offered;
//! `cli::triage` asks. Nothing here reads the database.

use chrono::Duration;

use super::layout::{self, paragraph};
use super::report::when_in;
use super::{printable, when};
use crate::domain::access::Role;
use crate::domain::audit::ChainBreak;
use crate::domain::event::EventKind;
use crate::domain::report::{Report, Status};
use crate::domain::text::mask_name;
use crate::domain::time::Timestamp;
use crate::domain::validate::Reason;
use crate::i18n::{Bilingual, Lang, Localized, count_en};

/// The latest return of a report as the desk reads it before dispatching it again
/// (Đ8.1.b): the agency by code and name, the account that returned it, when, why, and how
/// many returns there were.
pub struct LastReturn {
    pub named: String,
    pub by: String,
    pub at: Localized,
    pub reason: String,
    pub count: usize,
}

/// What the desk shows of a report besides the report: the moment it is shown, its running
/// dispatch deadline (Đ7.2), the reasons validation finds to refuse it, its latest return.
pub struct Shown {
    pub now: Timestamp,
    pub due: Option<Timestamp>,
    pub found: Vec<Reason>,
    pub returned: Option<LastReturn>,
}

/// The desk needs a terminal to draw on.
pub fn needs_terminal() -> Localized {
    Localized::new(
        "triage cần một cửa sổ dòng lệnh tương tác; trong kịch bản hãy dùng validate, classify và assign.",
        "triage needs an interactive terminal; in scripts use validate, classify and assign",
    )
}

/// The line the desk leaves on when Ctrl-C stops it.
pub fn stopped(l: Lang) {
    eprintln!("\n{}", l.pick("Đã dừng (Ctrl-C).", "Stopped (Ctrl-C)."));
}

/// Rejecting with no reason ticked rejects nothing.
pub fn no_reason_ticked(l: Lang) {
    eprintln!(
        "{}",
        l.pick(
            "Chưa chọn lý do nào; không từ chối.",
            "No reason ticked; not rejected."
        )
    );
}

/// The refusal of the desk while the log does not vouch for the agencies, fields or
/// routes it offers and pre-selects (`problem`).
pub fn choices_unvouched(problem: &ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        (
            "bàn tiếp nhận dựa vào để phân loại và phân phối",
            "the desk classifies and dispatches by",
        ),
        ("chưa mở phản ánh nào", "no report was shown"),
    )
}

/// A role that may not work the desk, told so in the terms of the command it typed (not
/// "may not validate": it typed `triage`), and what it uses instead.
pub fn not_the_desk(role: Role) -> Localized {
    let (vi, en) = match role {
        Role::Handler => (
            "Cán bộ xử lý xem phản ánh giao cho cơ quan mình bằng `phananh list --status assigned`, rồi ghi kết quả bằng `phananh reply`.",
            "A handler lists the reports assigned to their agency with `phananh list --status assigned`, and records a result with `phananh reply`.",
        ),
        Role::Leader => (
            "Lãnh đạo theo dõi bằng báo cáo định kỳ (`phananh report`) và danh sách phản ánh (`phananh list`).",
            "A leader follows the work with the periodic reports (`phananh report`) and the list of reports (`phananh list`).",
        ),
        Role::Auditor => (
            "Cán bộ Sở Nội vụ xem điểm thi đua bằng `phananh score` và báo cáo định kỳ bằng `phananh report`.",
            "Home Affairs reads the scores with `phananh score` and the periodic reports with `phananh report`.",
        ),
        // Both may work the desk: no refusal of their role reaches here.
        Role::Admin | Role::Reception => ("", ""),
    };
    Localized::new(
        format!(
            "Bị từ chối: triage là hàng chờ của bàn tiếp nhận, dành cho tài khoản Tiếp nhận (reception) và Quản trị (admin). {vi}"
        )
        .trim_end()
        .to_owned(),
        format!(
            "refused: triage is the reception desk's queue, for the reception and admin roles. {en}"
        )
        .trim_end()
        .to_owned(),
    )
}

/// When a report was returned (stored), as the desk says it in each language.
pub fn returned_at(at: &str) -> Localized {
    Localized::new(when_in(at, Lang::Vi), when_in(at, Lang::En))
}

/// How the note after a dispatch back to an agency that returned the report says who chose
/// it (`app::routing`'s note).
pub const AS_CHOSEN: (&str, &str) = ("theo lựa chọn của bạn", "as you chose");

/// Report `id` found incomplete (`found`) is not accepted at the desk (Đ7.1.a).
pub fn incomplete(id: i64, found: &[Reason]) -> Localized {
    let (vi, en): (Vec<_>, Vec<_>) = found
        .iter()
        .map(|r| {
            (
                r.label(crate::i18n::Lang::Vi),
                r.label(crate::i18n::Lang::En),
            )
        })
        .unzip();
    Localized::new(
        format!(
            "Phản ánh {}: chưa đủ điều kiện theo Điều 6 ({}), nên không được tiếp nhận; Điều 7 khoản 1 điểm a buộc từ chối.",
            id,
            vi.join(", ")
        ),
        format!(
            "report {}: incomplete under Article 6 ({}), so it cannot be accepted; Article 7.1.a has it rejected",
            id,
            en.join(", ")
        ),
    )
}

/// What happened to report `report_id` while the operator chose: its latest workflow step
/// (the event and who), the agency's name when that step dispatched it, and its status
/// `now`; the choice was not recorded.
pub fn meanwhile(
    report_id: i64,
    step: Option<(EventKind, &str)>,
    named: Option<&str>,
    now: Status,
) -> Localized {
    let (vi_now, en_now) = (now.vi(), now.en());
    let tail = (
        "; lựa chọn của bạn không được ghi. Tiếp tục hàng chờ.",
        "; your choice was not recorded. On with the queue.",
    );
    match (step, named) {
        (Some((EventKind::Assign, by)), Some(named)) => Localized::new(
            format!(
                "Trong lúc bạn chọn, {by} đã phân phối phản ánh {report_id} cho {named} (nay: {vi_now}){}",
                tail.0
            ),
            format!(
                "Meanwhile {by} dispatched report {report_id} to {named} (now: {en_now}){}",
                tail.1
            ),
        ),
        (Some((kind, by)), _) => Localized::new(
            format!(
                "Trong lúc bạn chọn, {by} đã xử lý phản ánh {report_id}: {} (nay: {vi_now}){}",
                kind.vi(),
                tail.0
            ),
            format!(
                "Meanwhile {by} acted on report {report_id}: {} (now: {en_now}){}",
                kind.en(),
                tail.1
            ),
        ),
        (None, _) => Localized::new(
            format!(
                "Trong lúc bạn chọn, phản ánh {report_id} đã thay đổi (nay: {vi_now}){}",
                tail.0
            ),
            format!(
                "Meanwhile report {report_id} changed (now: {en_now}){}",
                tail.1
            ),
        ),
    }
}

/// The end of the queue reached with `n` reports skipped: it goes round again.
pub fn round_again(n: usize) -> Localized {
    Localized::new(
        format!(
            "Đã xem hết hàng chờ; còn {n} phản ánh đã bỏ qua, xem lại từ phản ánh bỏ qua đầu tiên."
        ),
        format!(
            "End of the queue; {} left, going round again from the first one skipped.",
            count_en(n, "skipped report", "skipped reports")
        ),
    )
}

/// What the desk says when its queue is empty. The results waiting for the portal's check
/// and publication (Đ9.1, with their own clock, Đ9.4) are reception's work too but not this
/// queue's: "no work" would send the operator home with them waiting, so they are counted
/// with the commands that take them.
pub fn emptied((replied, verified): (u64, u64)) -> Localized {
    if replied == 0 && verified == 0 {
        return Localized::new("Hàng chờ trống. Hết việc!", "The queue is empty.");
    }
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if replied > 0 {
        vi.push(format!(
            "{replied} kết quả chờ kiểm duyệt (`phananh list --status replied`, rồi `phananh verify SỐ --approve`)"
        ));
        en.push(format!(
            "{} to review (`phananh list --status replied`, then `phananh verify ID --approve`)",
            count_en(replied, "result", "results")
        ));
    }
    if verified > 0 {
        vi.push(format!(
            "{verified} kết quả chờ công khai (`phananh list --status verified`, rồi `phananh publish SỐ`)"
        ));
        en.push(format!(
            "{} to publish (`phananh list --status verified`, then `phananh publish ID`)",
            count_en(verified, "result", "results")
        ));
    }
    Localized::new(
        format!(
            "Không còn phản ánh chờ kiểm tra hay phân phối. Triage không làm bước kiểm duyệt và công khai; còn {}.",
            vi.join(" và ")
        ),
        format!(
            "No report waits to be checked or dispatched. Triage does not review or publish; waiting: {}.",
            en.join(" and ")
        ),
    )
}

/// The width the desk's texts are wrapped in: `COLUMNS` when set, else the terminal the desk
/// is drawn on (standard error, which may not be where standard output goes), never under
/// the tables' narrowest.
pub fn width() -> u16 {
    layout::terminal_width().unwrap_or_else(layout::width)
}

/// Prints the desk's text wrapped at spaces within the terminal: a line the terminal cut
/// itself would split a word ("phé/p") where the operator reads it.
pub fn say(text: &str) {
    eprintln!("{}", desk_text(text, width()));
}

/// `text` as the desk prints it: control characters out, tabs as spaces, wrapped at spaces
/// within `width`.
pub fn desk_text(text: &str, width: u16) -> String {
    paragraph(&printable(text).replace('\t', " "), width)
}

/// Media entries shown whole at the desk; the others are counted, with where to see them.
const MEDIA_SHOWN: usize = 5;

/// The report whole, as the desk must see it before acting on it: no reporter's identity,
/// the clock that runs, the photos and videos to open (Đ6.2 asks for them), and what
/// validation finds missing.
pub fn show(r: &Report, facts: &Shown, l: Lang) {
    let countdown = match facts.due {
        None => String::new(),
        Some(due) => {
            let left = due - facts.now;
            let text = super::duration::span(left.abs(), l);
            let due = when(&crate::domain::time::format(&due), l);
            if left >= Duration::zero() {
                format!(
                    "{} {due} ({})",
                    l.pick("Hạn phân phối", "Dispatch due"),
                    l.pick(format!("còn {text}"), format!("{text} left"))
                )
            } else {
                format!(
                    "{} {due} — {} {text}",
                    l.pick("Hạn phân phối", "Dispatch due"),
                    l.pick("QUÁ HẠN", "OVERDUE by")
                )
            }
        }
    };
    let reasons = if facts.found.is_empty() {
        l.pick("đủ điều kiện", "complete").to_owned()
    } else {
        facts
            .found
            .iter()
            .map(|reason| reason.label(l))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The commune is a place of its own, not the address's last word; the coordinates'
    // space is a no-break one, so a wrap never parts them.
    let mut place = [r.address.trim(), r.commune.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if let (Some(lat), Some(lon)) = (r.latitude, r.longitude) {
        place = format!("{place} ({lat},\u{a0}{lon})")
            .trim_start()
            .to_owned();
    }
    if place.is_empty() {
        place = "—".to_owned();
    }
    let width = width();
    let wrapped = |line: String| desk_text(&line, width);
    let mut text = vec![
        String::new(),
        format!(
            "{} {} ({}) — {}{}",
            l.pick("Phản ánh", "Report"),
            r.id,
            r.external_id,
            r.status.text(l),
            if r.urgent {
                l.pick(" — KHẨN", " — URGENT")
            } else {
                ""
            },
        ),
        format!(
            "{}: {} · {}: {place}",
            l.pick("Gửi lúc", "Sent"),
            when(&crate::domain::time::format(&r.submitted_at), l),
            l.pick("Nơi", "Where"),
        ),
        format!(
            "{}: {} · {}: {}",
            l.pick("Người phản ánh", "Reporter"),
            mask_name(&r.reporter_name),
            l.pick("Hình ảnh/video", "Media"),
            r.media.len(),
        ),
    ]
    .into_iter()
    .map(wrapped)
    .collect::<Vec<_>>();
    // One a line and never wrapped: a link is opened or copied whole (a terminal that
    // folds a long one joins it again when it is copied).
    text.extend(
        r.media
            .iter()
            .take(MEDIA_SHOWN)
            .map(|m| format!("  {}", printable(m))),
    );
    if r.media.len() > MEDIA_SHOWN {
        let more = r.media.len() - MEDIA_SHOWN;
        // Short enough for any screen; left unwrapped so that it keeps its indent.
        text.push(l.pick(
            format!(
                "  … và {more} tệp nữa: `phananh show {} --format json`",
                r.id
            ),
            format!(
                "  … and {} more: `phananh show {} --format json`",
                more, r.id
            ),
        ));
    }
    let returned = facts.returned.as_ref().map(|back| {
        let count = back.count;
        let who = format!("{}, {}", back.named, back.by);
        match (l, count) {
            (Lang::Vi, 1) => format!(
                "Trả lại bởi {who}, lúc {}. Lý do: {}",
                back.at.vi, back.reason
            ),
            (Lang::Vi, _) => format!(
                "Đã bị trả lại {count} lần; lần cuối bởi {who}, lúc {}. Lý do: {}",
                back.at.vi, back.reason
            ),
            (Lang::En, 1) => format!(
                "Returned by {who}, on {}. Reason: {}",
                back.at.en, back.reason
            ),
            (Lang::En, _) => format!(
                "Returned {}; the last by {who} on {}. Reason: {}",
                crate::i18n::count_en(count, "time", "times"),
                back.at.en,
                back.reason
            ),
        }
    });
    text.extend(
        [format!(
            "{}: {}",
            l.pick("Lĩnh vực", "Field"),
            r.field.as_deref().unwrap_or("—")
        )]
        .into_iter()
        .chain(returned)
        .chain([
            r.content.clone(),
            format!("{}: {reasons}", l.pick("Đối chiếu Đ6", "Art. 6 check")),
            countdown,
        ])
        .map(wrapped),
    );
    eprintln!("{}", text.join("\n"));
}
