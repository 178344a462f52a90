//! What `identity consent --withdraw` says (`cli::identity` prints it): the withdrawal
//! recorded, why one is refused, its result for scripts, and the line a report's view and a
//! restore give of a withdrawal. Never the reporter's name or phone. Built from what
//! `app::consent` did.

use crate::domain::statement;
use crate::i18n::{Lang, Localized};

/// A stored time as a sentence writes it in each language (`dd/mm/yyyy HH:MM`).
fn at_both(at: &str) -> (String, String) {
    let plain = |lang| super::when(at, lang).replace('\u{a0}', " ");
    (plain(Lang::Vi), plain(Lang::En))
}

/// What `identity consent --format json` prints on standard output, as `identity correct`
/// does: the report, the event that records the withdrawal and its time.
#[derive(Debug, serde::Serialize)]
pub struct WithdrawnJson<'a> {
    pub report_id: i64,
    pub event: i64,
    pub consent_withdrawn_at: &'a str,
}

/// The withdrawal recorded, and what it changes.
pub fn withdrawn(id: i64) -> Localized {
    Localized::new(
        format!(
            "Đã ghi việc người phản ánh của phản ánh {id} rút lại sự đồng ý chia sẻ danh tính (khoản 5 Điều 6): từ nay cơ quan xử lý không còn xem được họ tên, số điện thoại người phản ánh; bộ phận tiếp nhận của Cổng vẫn xem được khi cần, có ghi nhật ký."
        ),
        format!(
            "recorded that the reporter of report {id} withdrew their consent to share their identity (Art. 6.5): from now on the handling agency no longer sees the reporter's name and phone; the portal's desk still may when needed, each time logged"
        ),
    )
}

pub fn reason_needed() -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết lý do, dẫn đơn hoặc lời đề nghị của người phản ánh: `identity consent ... --withdraw --reason \"...\"`, {}; lý do được ghi vào nhật ký hệ thống.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why, citing the reporter's request: `identity consent ... --withdraw --reason \"...\"`, {}; the reason is kept in the audit log",
            statement::EXPECTED_EN
        ),
    )
}

/// `identity consent` run without `--withdraw` or `--give`.
pub fn withdraw_needed() -> Localized {
    Localized::new(
        "Lệnh `identity consent` ghi việc người phản ánh rút lại sự đồng ý (--withdraw) hoặc, khi được hỏi, đồng ý chia sẻ danh tính (--give): hãy thêm --withdraw hoặc --give (`phananh identity consent SỐ --withdraw --reason \"LÝ DO\"`). Không làm gì.",
        "`identity consent` records that the reporter withdrew their consent (--withdraw) or, asked, gives it (--give): add --withdraw or --give (`phananh identity consent ID --withdraw --reason \"TEXT\"`). Nothing was done",
    )
}

/// What `identity consent --give --format json` prints on standard output.
#[derive(Debug, serde::Serialize)]
pub struct GivenJson<'a> {
    pub report_id: i64,
    pub event: i64,
    pub consent_given_at: &'a str,
}

/// The consent recorded, and what it changes.
pub fn given(id: i64) -> Localized {
    Localized::new(
        format!(
            "Đã ghi việc người phản ánh của phản ánh {id} đồng ý chia sẻ danh tính với cơ quan xử lý (khoản 5 Điều 6): từ nay cán bộ cơ quan được giao xem được họ tên, số điện thoại khi cần cho việc xử lý, mỗi lần có lý do và ghi nhật ký."
        ),
        format!(
            "recorded that the reporter of report {id} consents to share their identity with the handling agency (Art. 6.5): from now on the assigned agency's officers may see the reporter's name and phone when the handling needs it, each time with a reason, logged"
        ),
    )
}

pub fn give_reason_needed() -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết lý do, dẫn lúc và cách người phản ánh đồng ý: `identity consent ... --give --reason \"...\"`, {}; lý do được ghi vào nhật ký hệ thống.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why, citing when and how the reporter agreed: `identity consent ... --give --reason \"...\"`, {}; the reason is kept in the audit log",
            statement::EXPECTED_EN
        ),
    )
}

pub fn erased_give(id: i64) -> Localized {
    Localized::new(
        format!(
            "Danh tính người phản ánh của phản ánh {id} đã bị xóa vĩnh viễn (`erase`): không còn gì để cơ quan xử lý biết, nên không ghi sự đồng ý. Không ghi gì."
        ),
        format!(
            "the reporter's identity of report {id} was erased for good (`erase`): nothing is left for the handling agency to know, so no consent is recorded. Nothing was recorded"
        ),
    )
}

/// The reporter of report `id` consents already: when they sent the report, or since `at`.
pub fn already_given(id: i64, at: Option<&str>) -> Localized {
    match at {
        Some(at) => {
            let (vi, en) = at_both(at);
            Localized::new(
                format!(
                    "Sự đồng ý chia sẻ danh tính của người phản ánh phản ánh {id} đã được ghi lúc {vi} (`audit reveals --report {id}`); không ghi lần nữa."
                ),
                format!(
                    "the consent of the reporter of report {id} was recorded already, at {en} (`audit reveals --report {id}`); not recorded again"
                ),
            )
        }
        None => Localized::new(
            format!(
                "Người phản ánh của phản ánh {id} đã đồng ý chia sẻ danh tính khi gửi phản ánh; không có gì để ghi. Không ghi gì."
            ),
            format!(
                "the reporter of report {id} consented to share their identity when sending the report; there is nothing to record. Nothing was recorded"
            ),
        ),
    }
}

pub fn erased(id: i64) -> Localized {
    Localized::new(
        format!(
            "Danh tính người phản ánh của phản ánh {id} đã bị xóa vĩnh viễn (`erase`): không còn ai để cơ quan xử lý biết, nên không có sự đồng ý nào để rút. Không ghi gì."
        ),
        format!(
            "the reporter's identity of report {id} was erased for good (`erase`): no one is left for the handling agency to know, so there is no consent to withdraw. Nothing was recorded"
        ),
    )
}

/// The consent of report `id` was withdrawn already, at `at`: not recorded twice.
pub fn already_withdrawn(id: i64, at: &str) -> Localized {
    let (vi, en) = at_both(at);
    Localized::new(
        format!(
            "Người phản ánh của phản ánh {id} đã rút lại sự đồng ý chia sẻ danh tính lúc {vi} (`phananh show {id}`, `audit reveals --report {id}`); không ghi lần nữa."
        ),
        format!(
            "the reporter of report {id} already withdrew their consent to share their identity, at {en} (`phananh show {id}`, `audit reveals --report {id}`); not recorded again"
        ),
    )
}

/// The reporter of report `id` never consented: nothing to withdraw.
pub fn never_given(id: i64) -> Localized {
    Localized::new(
        format!(
            "Người phản ánh của phản ánh {id} không đồng ý chia sẻ danh tính khi gửi phản ánh: cơ quan xử lý vốn không xem được danh tính, không có gì để rút. Không ghi gì."
        ),
        format!(
            "the reporter of report {id} did not consent to share their identity when sending the report: the handling agency never saw it, and there is nothing to withdraw. Nothing was recorded"
        ),
    )
}

/// The consent line of a report's view: whether the reporter consented, and when they
/// withdrew it.
pub fn consent_cell(consent: bool, withdrawn_at: Option<&str>, lang: Lang) -> String {
    match withdrawn_at {
        Some(at) if !consent => lang.pick(
            format!(
                "không — người phản ánh đã rút lại lúc {}",
                super::when(at, lang)
            ),
            format!("no — the reporter withdrew it at {}", super::when(at, lang)),
        ),
        _ => lang.yes_no(consent).to_owned(),
    }
}

/// The reports and events of consent steps a restore did not make again, as its warning
/// names them: the reports in order, once each, and the events as the log numbered them.
struct Lost {
    reports: Vec<i64>,
    list: String,
    events: String,
    first: i64,
}

/// `steps` (each event and its report) as a restore's warning names them; none, nothing.
fn lost(steps: &[(i64, i64)]) -> Option<Lost> {
    let mut reports: Vec<i64> = steps.iter().map(|(_, report)| *report).collect();
    reports.sort_unstable();
    reports.dedup();
    let first = *reports.first()?;
    let list = reports
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let events = steps
        .iter()
        .map(|(event, _)| event.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    Some(Lost {
        reports,
        list,
        events,
        first,
    })
}

/// A withdrawal made after the backup a restore put back, which it did not make again
/// (`audit reveals`, `export subject`, `show`'s history): the consent is as before it.
pub fn withdrawal_not_reapplied(lang: Lang) -> &'static str {
    lang.pick(
        "Rút đồng ý chia sẻ danh tính — không làm lại sau khôi phục, sự đồng ý như trước khi rút",
        "Consent to share identity withdrawn — not made again after a restore, consent as before it",
    )
}

/// The withdrawals of consent the replaced log recorded after the backup, not made again
/// (`withdrawals`: each event and its report).
pub fn withdrawals_lost(withdrawals: &[(i64, i64)]) -> Option<Localized> {
    let Lost {
        reports,
        list,
        events,
        first,
    } = lost(withdrawals)?;
    Some(Localized::new(
        format!(
            "Cảnh báo: người phản ánh của phản ánh {list} đã rút lại sự đồng ý chia sẻ danh tính sau bản sao lưu (sự kiện consent_withdraw {events} của nhật ký vừa thay, sự kiện restore ghi lại các số ấy). Bản khôi phục giữ sự đồng ý như trước khi rút, nên cơ quan xử lý lại xem được danh tính (`audit reveals`, `export subject` và lịch sử của `show` vẫn liệt kê việc rút, ghi \"không làm lại sau khôi phục\"). Hãy ghi lại ngay: `phananh identity consent {first} --withdraw --reason \"LÝ DO\"`."
        ),
        format!(
            "warning: the reporter of {} {list} withdrew their consent to share their identity after the backup (consent_withdraw {} {events} of the replaced log, which the restore event records). The restored copy holds the consent as before the withdrawal, so the handling agency sees the identity again (`audit reveals`, `export subject` and `show`'s history still list the withdrawal, \"not made again after a restore\"). Record it again now: `phananh identity consent {first} --withdraw --reason \"TEXT\"`",
            if reports.len() == 1 {
                "report"
            } else {
                "reports"
            },
            if withdrawals.len() == 1 {
                "event"
            } else {
                "events"
            },
        ),
    ))
}

/// A consent given later (`identity consent --give`) after the backup a restore put back,
/// which it did not make again: the reporter reads as not consenting.
pub fn consent_not_reapplied(lang: Lang) -> &'static str {
    lang.pick(
        "Người phản ánh đồng ý chia sẻ danh tính (xin sau) — không làm lại sau khôi phục, như trước khi đồng ý",
        "Consent to share identity given (sought later) — not made again after a restore, as before it",
    )
}

/// The consents given later the replaced log recorded after the backup, not made again
/// (`gifts`: each event and its report).
pub fn consents_lost(gifts: &[(i64, i64)]) -> Option<Localized> {
    let Lost {
        reports,
        list,
        events,
        first,
    } = lost(gifts)?;
    Some(Localized::new(
        format!(
            "Cảnh báo: người phản ánh của phản ánh {list} đã đồng ý chia sẻ danh tính sau bản sao lưu (sự kiện consent_give {events} của nhật ký vừa thay, sự kiện restore ghi lại các số ấy). Bản khôi phục giữ như trước khi đồng ý, nên cơ quan xử lý không xem được danh tính (`audit reveals`, `export subject` và lịch sử của `show` vẫn liệt kê việc ấy, ghi \"không làm lại sau khôi phục\"). Hãy ghi lại: `phananh identity consent {first} --give --reason \"LÝ DO\"`."
        ),
        format!(
            "warning: the reporter of {} {list} gave their consent to share their identity after the backup (consent_give {} {events} of the replaced log, which the restore event records). The restored copy holds the report as before it, so the handling agency does not see the identity (`audit reveals`, `export subject` and `show`'s history still list it, \"not made again after a restore\"). Record it again: `phananh identity consent {first} --give --reason \"TEXT\"`",
            if reports.len() == 1 {
                "report"
            } else {
                "reports"
            },
            if gifts.len() == 1 { "event" } else { "events" },
        ),
    ))
}
