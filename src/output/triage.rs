//! What the reception desk (`triage`) prints on the terminal it is drawn on (standard
//! error): each report whole before the operator acts on it, its prompts and menus, the
//! lines it says between prompts wrapped at words, what it says when its queue is empty or goes round again, a
//! report moved meanwhile or not accepted, and why it will not start. `app::triage` finds the report and what the desk is offered;
//! `cli::triage` asks. Nothing here reads the database.

use super::layout::{self, paragraph};
use super::report::when_in;
use super::{printable, when};
use crate::domain::access::Role;
use crate::domain::audit::ChainBreak;
use crate::domain::deadline::Distance;
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
    pub due: Option<DispatchDue>,
    pub found: Vec<Reason>,
    pub returned: Option<LastReturn>,
    /// The earlier report this one may be, sent again, and where that one stands
    /// (`app::triage::repeat_of`).
    pub repeat_of: Option<(i64, Status)>,
}

/// The running dispatch clock's deadline, and the distance to it from now.
pub struct DispatchDue {
    pub at: Timestamp,
    pub left: Distance,
}

/// Report `id`, on the desk's screen, may be report `earlier` sent again: said with where
/// that one stands (a hint: the operator decides), with the command that merges them.
/// Ids and a status only: nothing of the reporter.
pub fn possible_repeat(id: i64, earlier: i64, status: Status) -> Localized {
    Localized::new(
        format!(
            "Có thể trùng phản ánh {earlier} ({}): cùng nội dung và xã, phường, gửi trước không quá 7 ngày. Nếu đúng là một sự việc: `phananh duplicate {id} --of {earlier}`.",
            status.text(Lang::Vi)
        ),
        format!(
            "May repeat report {earlier} ({}): the same content and commune, sent at most 7 days before. If they are one event: `phananh duplicate {id} --of {earlier}`",
            status.text(Lang::En)
        ),
    )
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
            "bộ phận tiếp nhận dựa vào để phân loại và phân phối",
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
            "Bị từ chối: triage là hàng chờ của bộ phận tiếp nhận, dành cho tài khoản Tiếp nhận và Quản trị. {vi}"
        )
        .trim_end()
        .to_owned(),
        format!(
            "refused: triage is the reception desk's queue, for the Reception and Admin roles. {en}"
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
            "Phản ánh {}: chưa đủ điều kiện theo Điều 6 ({}), nên không được tiếp nhận; điểm a khoản 1 Điều 7 buộc từ chối.",
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

/// Another account set the report's field to `set` (by `by`) while the operator chose
/// `chosen`: the operator's field replaced it, and the log keeps both.
pub fn field_replaced(report_id: i64, (set, by): (&str, Option<&str>), chosen: &str) -> Localized {
    let (by_vi, by_en) = match by {
        Some(by) => (by.to_owned(), by.to_owned()),
        None => (
            "một tài khoản khác".to_owned(),
            "another account".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "Trong lúc bạn chọn, {by_vi} đã xếp phản ánh {report_id} vào lĩnh vực {set}; lĩnh vực bạn chọn ({chosen}) thay cho lĩnh vực ấy, nhật ký hệ thống ghi cả hai."
        ),
        format!(
            "Meanwhile {by_en} classified report {report_id} in {set}; the field you chose ({chosen}) replaces it, and the system log keeps both."
        ),
    )
}

/// The end of the queue reached with `n` reports skipped: it goes round again.
pub fn round_again(n: usize) -> Localized {
    Localized::new(
        format!(
            "Đã xem hết hàng chờ; còn {n} phản ánh đã bỏ qua, xem lại từ phản ánh bỏ qua đầu tiên.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
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
            "{replied} kết quả chờ duyệt (`phananh list --status replied`, rồi `phananh verify SỐ --approve`)", replied = crate::i18n::grouped(replied, crate::i18n::Lang::Vi)
        ));
        en.push(format!(
            "{} to review (`phananh list --status replied`, then `phananh verify ID --approve`)",
            count_en(replied, "result", "results")
        ));
    }
    if verified > 0 {
        vi.push(format!(
            "{verified} kết quả chờ công khai (`phananh list --status verified`, rồi `phananh publish SỐ`)", verified = crate::i18n::grouped(verified, crate::i18n::Lang::Vi)
        ));
        en.push(format!(
            "{} to publish (`phananh list --status verified`, then `phananh publish ID`)",
            count_en(verified, "result", "results")
        ));
    }
    Localized::new(
        format!(
            "Không còn phản ánh chờ kiểm tra hay phân phối. Triage không làm bước duyệt kết quả và công khai; còn {}.",
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
        Some(DispatchDue { at, left }) => {
            let due = when(&crate::domain::time::format(&at), l);
            let label = l.pick("Hạn phân phối", "Dispatch due");
            if left.past {
                let late = super::duration::overrun(left, l);
                format!("{label} {due} — {} {late}", l.pick("QUÁ HẠN", "OVERDUE by"))
            } else {
                format!("{label} {due} ({})", super::duration::distance(left, l))
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
                r.id,
                more = crate::i18n::grouped(more, crate::i18n::Lang::Vi)
            ),
            format!(
                "  … and {} more: `phananh show {} --format json`",
                crate::i18n::grouped(more, Lang::En),
                r.id
            ),
        ));
    }
    let returned = facts.returned.as_ref().map(|back| {
        let count = back.count;
        let who = format!("{}, {}", back.named, back.by);
        match (l, count) {
            (Lang::Vi, 1) => format!(
                "Chuyển trả bởi {who}, lúc {}. Lý do: {}",
                back.at.vi, back.reason
            ),
            (Lang::Vi, _) => format!(
                "Đã bị chuyển trả {count} lần; lần cuối bởi {who}, lúc {}. Lý do: {}",
                back.at.vi,
                back.reason,
                count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
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
        .chain([r.content.clone()])
        .chain(
            facts
                .repeat_of
                .map(|(earlier, status)| possible_repeat(r.id, earlier, status).text(l).to_owned()),
        )
        .chain([
            format!("{}: {reasons}", l.pick("Đối chiếu Đ6", "Art. 6 check")),
            countdown,
        ])
        .map(wrapped),
    );
    eprintln!("{}", text.join("\n"));
}

/// The desk's questions, each as the prompt it draws (the field's and the agency's with a
/// hint of their own, [`filter_hint`]).
#[derive(Clone, Copy)]
pub enum Prompt {
    Check,
    Reasons,
    Dispatch,
    Field,
    Agency,
    Urgent,
}

impl Prompt {
    pub fn text(self, l: Lang) -> &'static str {
        match self {
            Prompt::Check => l.pick("Kiểm tra", "Check"),
            Prompt::Reasons => l.pick(
                "Lý do (Space để chọn, Enter để xong)",
                "Reasons (Space to tick, Enter when done)",
            ),
            Prompt::Dispatch => l.pick("Phân phối", "Dispatch"),
            Prompt::Field => l.pick("Lĩnh vực", "Field"),
            Prompt::Agency => l.pick("Cơ quan xử lý", "Agency"),
            Prompt::Urgent => l.pick("Khẩn cấp? (c/k rồi Enter)", "Urgent? (y/n, then Enter)"),
        }
    }
}

/// The entries of the desk's menus.
#[derive(Clone, Copy)]
pub enum Choice {
    /// Offered only for a report the check finds complete (Đ7.1.a).
    Accept,
    Reject,
    ClassifyAndDispatch,
    Skip,
    Quit,
}

impl Choice {
    pub fn text(self, l: Lang) -> &'static str {
        match self {
            Choice::Accept => l.pick("Tiếp nhận (đủ điều kiện)", "Accept (complete)"),
            Choice::Reject => l.pick("Từ chối tiếp nhận…", "Reject…"),
            Choice::ClassifyAndDispatch => {
                l.pick("Phân loại và phân phối", "Classify and dispatch")
            }
            Choice::Skip => l.pick("Bỏ qua", "Skip"),
            Choice::Quit => l.pick("Thoát", "Quit"),
        }
    }
}

/// A yes or no echoed in the operator's language ("no" on a Vietnamese screen was the one
/// English word of it).
pub fn yes_no(yes: bool, l: Lang) -> &'static str {
    if yes {
        l.pick("có", "yes")
    } else {
        l.pick("không", "no")
    }
}

/// The answer a key gives to a yes-or-no question at the desk, whatever the screen's
/// language: c (có), y or 1 for yes, k (không), n or 0 for no. A Vietnamese desk types c and
/// k as readily as y and n, and 1 and 0 are how the app's export writes a yes or no; a key
/// that is none of them is no answer ([`yes_no_hint`]).
pub fn yes_no_key(key: char) -> Option<bool> {
    match key.to_ascii_lowercase() {
        'c' | 'y' | '1' => Some(true),
        'k' | 'n' | '0' => Some(false),
        _ => None,
    }
}

/// Said beside a yes-or-no question after a key that answers nothing: that key was dropped,
/// and Enter would keep the answer shown, not one the operator meant.
pub fn yes_no_hint(l: Lang) -> &'static str {
    l.pick("← gõ c (có) hoặc k (không)", "← type y (yes) or n (no)")
}

/// The keys of a yes-or-no question, the one Enter takes in capitals: `[C/k]` on a
/// Vietnamese screen, `[y/N]` on an English one.
pub fn yes_no_keys(enter_takes: bool, l: Lang) -> &'static str {
    match (enter_takes, l) {
        (true, Lang::Vi) => "[C/k]",
        (false, Lang::Vi) => "[c/K]",
        (true, Lang::En) => "[Y/n]",
        (false, Lang::En) => "[y/N]",
    }
}

/// Said before the check's menu of a report found incomplete: why accepting is not offered.
pub fn cannot_accept(l: Lang) -> &'static str {
    l.pick(
        "Chưa đủ điều kiện theo Điều 6, nên không thể tiếp nhận: điểm a khoản 1 Điều 7 buộc từ chối (hoặc bỏ qua để xem sau).",
        "Incomplete under Article 6, so it cannot be accepted: Article 7.1.a has it rejected (or skip it for later).",
    )
}

/// Said before the reasons of a report the check found complete: only the language, which
/// the check estimates, is left to the operator's judgment.
pub fn complete_yet_rejected(l: Lang) -> &'static str {
    l.pick(
        "Đối chiếu Điều 6 không thấy thiếu sót nào: chỉ còn có thể từ chối vì nội dung không viết bằng tiếng Việt (khoản 1 Điều 6), điều máy chỉ ước đoán. Esc để quay lại.",
        "The check against Article 6 found nothing missing: the only reason left is that the content is not in Vietnamese (Article 6.1), which the check only estimates. Esc to go back.",
    )
}

/// The first entry of a list chosen from by typing: choosing it chooses nothing.
pub fn back(l: Lang) -> &'static str {
    l.pick("↩ Quay lại (không chọn gì)", "↩ Back (choose nothing)")
}

/// The hint after a list's question: whether a suggestion is pre-selected.
pub fn filter_hint(suggested: bool, l: Lang) -> &'static str {
    if suggested {
        l.pick(
            " — gợi ý đã chọn sẵn; gõ để lọc",
            " — suggestion pre-selected; type to filter",
        )
    } else {
        l.pick(
            " — không có gợi ý; gõ để lọc",
            " — no suggestion; type to filter",
        )
    }
}

/// The line under a list's question when nothing typed matches.
pub fn nothing_matches(l: Lang) -> &'static str {
    l.pick(
        "  (không có mục nào khớp; Backspace để xóa bớt)",
        "  (nothing matches; Backspace to erase)",
    )
}

/// The mark after an agency that returned the report, in the list of agencies.
pub fn returned_mark(l: Lang) -> &'static str {
    l.pick(" (đã chuyển trả)", " (returned it)")
}

/// The routing table gives `field` to the agency (`named`) that returned the report `at`
/// (Đ8.1.b): the desk does not pre-select it.
pub fn routed_to_returner(field: &str, named: &str, at: &Localized, l: Lang) -> String {
    l.pick(
        format!(
            "Bảng phân phối giao lĩnh vực {field} cho {named}, chính cơ quan đã chuyển trả phản ánh này lúc {} (điểm b khoản 1 Điều 8): không chọn sẵn.",
            at.vi
        ),
        format!(
            "The routing table gives field {field} to {named}, the agency that returned this report on {} (Art. 8.1.b): not pre-selected.",
            at.en
        ),
    )
}

/// Report `id` accepted: the status it left (`from`) and the one it is in (`to`).
pub fn accepted(id: i64, from: Status, to: Status, l: Lang) -> String {
    format!(
        "✓ {} {id}: {} → {}",
        l.pick("Phản ánh", "Report"),
        from.text(l),
        to.text(l)
    )
}

/// A step done on report `id`, as the plain command says it (`what`).
pub fn performed(id: i64, what: &str, l: Lang) -> String {
    format!("✓ {} {id}: {what}", l.pick("Phản ánh", "Report"))
}

/// A step not done, and why (`why`, already worded).
pub fn refused(why: &str) -> String {
    format!("✗ {why}")
}

/// An urgent report answered "không" at the desk: it goes out urgent all the same, as
/// `assign` sends it (Đ7.2); the screen showed "không" and the log then read not urgent.
pub fn stays_urgent(l: Lang) -> &'static str {
    l.pick(
        "Phản ánh này được báo khẩn: vẫn phân phối là khẩn (khoản 2 Điều 7), không bỏ mức khẩn được.",
        "This report came in urgent: it is dispatched urgent all the same (Art. 7.2); its urgency cannot be dropped.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk's prompts, menus and lines between them, word for word in each language:
    /// most are only glimpsed by the pseudo-terminal tests (a prompt's first word), and an
    /// operator reads every one of them.
    #[test]
    fn the_desks_prompts_and_choices_read_the_same_in_both_languages() {
        let both = |f: &dyn Fn(Lang) -> String| (f(Lang::Vi), f(Lang::En));
        let pairs = [
            (
                both(&|l| Prompt::Check.text(l).into()),
                ("Kiểm tra", "Check"),
            ),
            (
                both(&|l| Prompt::Reasons.text(l).into()),
                (
                    "Lý do (Space để chọn, Enter để xong)",
                    "Reasons (Space to tick, Enter when done)",
                ),
            ),
            (
                both(&|l| Prompt::Dispatch.text(l).into()),
                ("Phân phối", "Dispatch"),
            ),
            (
                both(&|l| Prompt::Field.text(l).into()),
                ("Lĩnh vực", "Field"),
            ),
            (
                both(&|l| Prompt::Agency.text(l).into()),
                ("Cơ quan xử lý", "Agency"),
            ),
            (
                both(&|l| Prompt::Urgent.text(l).into()),
                ("Khẩn cấp? (c/k rồi Enter)", "Urgent? (y/n, then Enter)"),
            ),
            (
                both(&|l| Choice::Accept.text(l).into()),
                ("Tiếp nhận (đủ điều kiện)", "Accept (complete)"),
            ),
            (
                both(&|l| Choice::Reject.text(l).into()),
                ("Từ chối tiếp nhận…", "Reject…"),
            ),
            (
                both(&|l| Choice::ClassifyAndDispatch.text(l).into()),
                ("Phân loại và phân phối", "Classify and dispatch"),
            ),
            (both(&|l| Choice::Skip.text(l).into()), ("Bỏ qua", "Skip")),
            (both(&|l| Choice::Quit.text(l).into()), ("Thoát", "Quit")),
            (both(&|l| yes_no(true, l).into()), ("có", "yes")),
            (both(&|l| yes_no(false, l).into()), ("không", "no")),
            (
                both(&|l| cannot_accept(l).into()),
                (
                    "Chưa đủ điều kiện theo Điều 6, nên không thể tiếp nhận: điểm a khoản 1 Điều 7 buộc từ chối (hoặc bỏ qua để xem sau).",
                    "Incomplete under Article 6, so it cannot be accepted: Article 7.1.a has it rejected (or skip it for later).",
                ),
            ),
            (
                both(&|l| back(l).into()),
                ("↩ Quay lại (không chọn gì)", "↩ Back (choose nothing)"),
            ),
            (
                both(&|l| filter_hint(true, l).into()),
                (
                    " — gợi ý đã chọn sẵn; gõ để lọc",
                    " — suggestion pre-selected; type to filter",
                ),
            ),
            (
                both(&|l| filter_hint(false, l).into()),
                (
                    " — không có gợi ý; gõ để lọc",
                    " — no suggestion; type to filter",
                ),
            ),
            (
                both(&|l| nothing_matches(l).into()),
                (
                    "  (không có mục nào khớp; Backspace để xóa bớt)",
                    "  (nothing matches; Backspace to erase)",
                ),
            ),
            (
                both(&|l| returned_mark(l).into()),
                (" (đã chuyển trả)", " (returned it)"),
            ),
            (
                both(&|l| {
                    routed_to_returner(
                        "XD",
                        "SXD — Sở Xây dựng",
                        &Localized::new("05/10/2026 07:00", "2026-10-05 07:00"),
                        l,
                    )
                }),
                (
                    "Bảng phân phối giao lĩnh vực XD cho SXD — Sở Xây dựng, chính cơ quan đã chuyển trả phản ánh này lúc 05/10/2026 07:00 (điểm b khoản 1 Điều 8): không chọn sẵn.",
                    "The routing table gives field XD to SXD — Sở Xây dựng, the agency that returned this report on 2026-10-05 07:00 (Art. 8.1.b): not pre-selected.",
                ),
            ),
            (
                both(&|l| performed(7, "done", l)),
                ("✓ Phản ánh 7: done", "✓ Report 7: done"),
            ),
            (both(&|_| refused("why")), ("✗ why", "✗ why")),
        ];
        for ((vi, en), (want_vi, want_en)) in pairs {
            assert_eq!((vi.as_str(), en.as_str()), (want_vi, want_en));
        }
        let accepted_vi = accepted(3, Status::Received, Status::Accepted, Lang::Vi);
        let accepted_en = accepted(3, Status::Received, Status::Accepted, Lang::En);
        assert_eq!(
            (accepted_vi.as_str(), accepted_en.as_str()),
            (
                "✓ Phản ánh 3: Chờ kiểm tra → Chờ phân phối",
                "✓ Report 3: Awaiting the check → Awaiting dispatch"
            )
        );
    }
}
