//! The kinds of event the log records (Đ11: every step is kept). Owns their names as
//! stored and sealed; a name is part of every seal, so a kind's name never changes once
//! written. Which clocks a kind stops or starts is `domain::clocks`'s business.

use std::borrow::Cow;

use serde::Serialize;

use crate::domain::access::Operation;
use crate::domain::report::Status;
use crate::i18n::{Bilingual, Lang};

/// The actor of events phananh writes on its own (a baseline on first use, identities
/// encrypted or erased after the retention period), not on behalf of an account.
pub const SYSTEM_ACTOR: &str = "phananh";

/// What an event records. Workflow steps come from `workflow::Action::kind`; the others are
/// written by the reception, the sweep and the administrators' commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The database was created (`init`).
    Init,
    /// A report arrived from the app.
    Ingest,
    Accept,
    Reject,
    Classify,
    Assign,
    Answer,
    MarkStateSecret,
    Return,
    Reply,
    VerifyApprove,
    VerifySendBack,
    Publish,
    Rate,
    Duplicate,
    /// The sweep reminded of a clock due soon or past due (Đ13.3).
    Remind,
    /// A command was refused to its account (the attempt is on record).
    Refused,
    /// A reporter's identity was shown to a member of staff (Đ6.5).
    Reveal,
    /// Every field, personal data included, was exported.
    ExportFull,
    Backup,
    Restore,
    SettingsSet,
    FieldAdd,
    AgencyAdd,
    StaffAdd,
    StaffDisable,
    ServiceAdd,
    RouteAdd,
    CalendarAddHoliday,
    CalendarAddWorkday,
    CalendarRemove,
    CalendarImport,
    /// Every sealed table recorded whole, once, in a database made before the log sealed
    /// them (docs/rules.md §2).
    SealTables,
    /// An operating-system login was bound to an account (docs/rules.md §7).
    LoginAdd,
    /// A login was unbound from an account.
    LoginRemove,
    /// A report's identity, stored in clear by an older phananh, was encrypted (once, by
    /// the system account; SECURITY.md "Identity at rest").
    SealIdentity,
    /// A reporter's identity was destroyed for good (`erase`, or the sweep after the
    /// retention period `privacy.erase_after_days`); the report stays.
    Erase,
    /// Every report's key was re-wrapped under a new master key (`key rotate`).
    KeyRotate,
    /// The sweep moved the open deadlines under the schedule of days off shipped with a
    /// newer phananh: no operator's act, but it can take back a reported breach, so it is
    /// on record like an operator's calendar change (docs/rules.md §3).
    CalendarAdopt,
    /// The key was lost: a new one made, and every identity no key in reach opened erased
    /// (one `erase` event each) so that the desk works again (`key reset`).
    KeyReset,
    /// A reporter's name or phone, stored wrong, was corrected at the data subject's
    /// request (`identity correct`; Law 91/2025/QH15: the right to have personal data
    /// corrected). The payload names the fields, never their values.
    IdentityCorrect,
    /// The reporter withdrew their consent to the handling agency knowing who they are
    /// (`identity consent --withdraw`; Đ6.5, Law 91/2025/QH15): the row's `consent` is
    /// sealed false, and the payload holds why, never an identity.
    ConsentWithdraw,
    /// The reporter, asked when the need arose, now consents to the handling agency
    /// knowing who they are (`identity consent --give`; Đ6.5 makes the agency's use of the
    /// identity depend on that consent): the row's `consent` is sealed true, and the
    /// payload holds why, never an identity.
    ConsentGive,
    /// The file was rewritten whole after its identities were first encrypted, so that no
    /// clear byte an older phananh left in free pages or unused space stays (phananh's own
    /// doing, once; SECURITY.md "Identity at rest"). Written only once the rewrite is done:
    /// a log that seals identities once held in clear and lacks it owes the rewrite.
    RewriteFile,
    /// Stopped clocks re-judged under the calendar in force, for days an earlier change
    /// got wrong (`calendar rejudge`; a change's `--rejudge` records them in its own event).
    CalendarRejudge,
    /// The sweep's once-a-day reminder that next year has no schedule of days off entered
    /// (from 1 December): the log is its memory of having said it today.
    CalendarReminder,
    /// A published result taken out of public view at the request of a person it names or
    /// of the reporter (Đ9.2; Law 91/2025/QH15): `published` → `closed_private`, the reason
    /// in the payload. Written through the same journal as every step.
    Unpublish,
    /// A part of the long lists of the event it follows (`domain::parts`): a change over a
    /// province's backlog lists every deadline it moved, and written as one text the list
    /// took the command past its memory bound (docs/rules.md §2). Written right after its
    /// head, in the same transaction, by the same account; sealed by the same chain, its
    /// digest sealed in the head.
    ListPart,
}

impl EventKind {
    pub const ALL: [EventKind; 48] = [
        EventKind::Init,
        EventKind::Ingest,
        EventKind::Accept,
        EventKind::Reject,
        EventKind::Classify,
        EventKind::Assign,
        EventKind::Answer,
        EventKind::MarkStateSecret,
        EventKind::Return,
        EventKind::Reply,
        EventKind::VerifyApprove,
        EventKind::VerifySendBack,
        EventKind::Publish,
        EventKind::Rate,
        EventKind::Duplicate,
        EventKind::Remind,
        EventKind::Refused,
        EventKind::Reveal,
        EventKind::ExportFull,
        EventKind::Backup,
        EventKind::Restore,
        EventKind::SettingsSet,
        EventKind::FieldAdd,
        EventKind::AgencyAdd,
        EventKind::StaffAdd,
        EventKind::StaffDisable,
        EventKind::ServiceAdd,
        EventKind::RouteAdd,
        EventKind::CalendarAddHoliday,
        EventKind::CalendarAddWorkday,
        EventKind::CalendarRemove,
        EventKind::CalendarImport,
        EventKind::SealTables,
        EventKind::LoginAdd,
        EventKind::LoginRemove,
        EventKind::SealIdentity,
        EventKind::Erase,
        EventKind::KeyRotate,
        EventKind::CalendarAdopt,
        EventKind::KeyReset,
        EventKind::IdentityCorrect,
        EventKind::RewriteFile,
        EventKind::ConsentWithdraw,
        EventKind::CalendarRejudge,
        EventKind::CalendarReminder,
        EventKind::ConsentGive,
        EventKind::Unpublish,
        EventKind::ListPart,
    ];

    /// The kinds that put a reporter's identity before someone's eyes (a reveal, the full
    /// export), take it away or change it: what `audit reveals` lists, for the inspector
    /// and for a reporter's own request (Law 91/2025/QH15: accountability for every
    /// processing).
    pub const TOUCHING_IDENTITY: [EventKind; 6] = [
        EventKind::Reveal,
        EventKind::ExportFull,
        EventKind::Erase,
        EventKind::IdentityCorrect,
        EventKind::ConsentWithdraw,
        EventKind::ConsentGive,
    ];

    /// The kinds that change what the calendar or the limits are: a report "as of" a moment
    /// undoes those logged after it (`domain::history`, docs/rules.md §5), and `audit verify`
    /// the ones logged after a clock stopped.
    pub const CHANGING_DEADLINES: [EventKind; 5] = [
        EventKind::SettingsSet,
        EventKind::CalendarAddHoliday,
        EventKind::CalendarAddWorkday,
        EventKind::CalendarImport,
        EventKind::CalendarRemove,
    ];

    /// The operation an account must be allowed to write an event of this kind
    /// (`domain::access`); None for kinds no account's role decides: `init`, a refusal (the
    /// record that it was not allowed), a restore (written into the restored copy), and what
    /// phananh seals on its own.
    pub fn operation(self) -> Option<Operation> {
        use EventKind::*;
        Some(match self {
            Ingest => Operation::Ingest,
            Accept | Reject => Operation::Validate,
            Classify => Operation::Classify,
            Assign => Operation::Assign,
            Answer => Operation::Answer,
            MarkStateSecret => Operation::MarkStateSecret,
            Return => Operation::Return,
            Reply => Operation::Reply,
            VerifyApprove | VerifySendBack => Operation::Verify,
            Publish => Operation::Publish,
            Unpublish => Operation::Unpublish,
            Rate => Operation::Rate,
            Duplicate => Operation::Duplicate,
            Remind | CalendarAdopt | CalendarReminder => Operation::Sweep,
            Reveal => Operation::RevealPersonalData,
            ExportFull => Operation::ExportFull,
            Backup => Operation::Backup,
            SettingsSet | FieldAdd | AgencyAdd | StaffAdd | StaffDisable | ServiceAdd
            | RouteAdd | LoginAdd | LoginRemove => Operation::ManageReference,
            CalendarAddHoliday | CalendarAddWorkday | CalendarRemove | CalendarImport
            | CalendarRejudge => Operation::ManageCalendar,
            Erase => Operation::Erase,
            IdentityCorrect => Operation::CorrectIdentity,
            ConsentWithdraw => Operation::WithdrawConsent,
            ConsentGive => Operation::GiveConsent,
            KeyRotate | KeyReset => Operation::KeyRotate,
            // A part is written with its head, whose kind the account's role must allow.
            Init | Refused | Restore | SealTables | SealIdentity | RewriteFile | ListPart => {
                return None;
            }
        })
    }

    /// Whether events of this kind are listed by `audit reveals`.
    pub fn touches_identity(self) -> bool {
        EventKind::TOUCHING_IDENTITY.contains(&self)
    }

    /// The name stored in `events.action` and sealed.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Init => "init",
            EventKind::Ingest => "ingest",
            EventKind::Accept => "accept",
            EventKind::Reject => "reject",
            EventKind::Classify => "classify",
            EventKind::Assign => "assign",
            EventKind::Answer => "answer",
            EventKind::MarkStateSecret => "mark_state_secret",
            EventKind::Return => "return",
            EventKind::Reply => "reply",
            EventKind::VerifyApprove => "verify_approve",
            EventKind::VerifySendBack => "verify_send_back",
            EventKind::Publish => "publish",
            EventKind::Rate => "rate",
            EventKind::Duplicate => "duplicate",
            EventKind::Remind => "remind",
            EventKind::Refused => "refused",
            EventKind::Reveal => "reveal",
            EventKind::ExportFull => "export_full",
            EventKind::Backup => "backup",
            EventKind::Restore => "restore",
            EventKind::SettingsSet => "settings_set",
            EventKind::FieldAdd => "field_add",
            EventKind::AgencyAdd => "agency_add",
            EventKind::StaffAdd => "staff_add",
            EventKind::StaffDisable => "staff_disable",
            EventKind::ServiceAdd => "service_add",
            EventKind::RouteAdd => "route_add",
            EventKind::CalendarAddHoliday => "calendar_add_holiday",
            EventKind::CalendarAddWorkday => "calendar_add_workday",
            EventKind::CalendarRemove => "calendar_remove",
            EventKind::CalendarImport => "calendar_import",
            EventKind::SealTables => "seal_tables",
            EventKind::LoginAdd => "login_add",
            EventKind::LoginRemove => "login_remove",
            EventKind::SealIdentity => "seal_identity",
            EventKind::Erase => "erase",
            EventKind::KeyRotate => "key_rotate",
            EventKind::CalendarAdopt => "calendar_adopt",
            EventKind::KeyReset => "key_reset",
            EventKind::IdentityCorrect => "identity_correct",
            EventKind::RewriteFile => "rewrite_file",
            EventKind::ConsentWithdraw => "consent_withdraw",
            EventKind::CalendarRejudge => "calendar_rejudge",
            EventKind::CalendarReminder => "calendar_reminder",
            EventKind::ConsentGive => "consent_give",
            EventKind::Unpublish => "unpublish",
            EventKind::ListPart => "list_part",
        }
    }

    /// The kind a stored name means; None for a name no version of phananh wrote.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl EventKind {
    /// What the event did, as a report's history shows it, knowing the status it left the
    /// report in: a `publish` that closed a confidential or state-secret report made
    /// nothing public (Đ9.2, Đ9.3) but sent the result to the reporter alone, and an
    /// auditor must not read "published" beside it.
    pub fn label(self, to: Option<Status>, lang: Lang) -> Cow<'static, str> {
        match (self, to) {
            (EventKind::Publish, Some(Status::ClosedPrivate)) => {
                Cow::Borrowed(lang.pick("Gửi kết quả riêng", "Result sent privately"))
            }
            _ => self.text(lang),
        }
    }
}

/// What an event was, as tables show it (the stored name stays the key in CSV and JSON).
impl Bilingual for EventKind {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            EventKind::Init => "Khởi tạo",
            EventKind::Ingest => "Nhận từ ứng dụng",
            EventKind::Accept => "Tiếp nhận",
            EventKind::Reject => "Từ chối tiếp nhận",
            EventKind::Classify => "Phân loại",
            EventKind::Assign => "Phân phối",
            EventKind::Answer => "Trả lời trực tiếp",
            EventKind::MarkStateSecret => "Đánh dấu bí mật nhà nước",
            // The Decision's word (Đ8.1.b); "trả lại" also read as the portal's send-back.
            EventKind::Return => "Chuyển trả",
            EventKind::Reply => "Gửi kết quả xử lý",
            EventKind::VerifyApprove => "Duyệt kết quả",
            EventKind::VerifySendBack => "Yêu cầu xử lý lại",
            EventKind::Publish => "Công khai",
            EventKind::Rate => "Đánh giá",
            EventKind::Duplicate => "Gộp trùng",
            EventKind::Remind => "Nhắc hạn",
            EventKind::Refused => "Bị từ chối thao tác",
            EventKind::Reveal => "Xem danh tính",
            EventKind::ExportFull => "Xuất đầy đủ",
            EventKind::Backup => "Sao lưu",
            EventKind::Restore => "Khôi phục",
            EventKind::SettingsSet => "Đổi thiết lập",
            EventKind::FieldAdd => "Thêm lĩnh vực",
            EventKind::AgencyAdd => "Thêm cơ quan",
            EventKind::StaffAdd => "Thêm tài khoản",
            EventKind::StaffDisable => "Khóa tài khoản",
            EventKind::ServiceAdd => "Thêm mã dịch vụ",
            // "Định tuyến" is network jargon; the help and the Decision say "phân phối".
            EventKind::RouteAdd => "Thêm dòng phân phối",
            EventKind::CalendarAddHoliday => "Thêm ngày nghỉ",
            EventKind::CalendarAddWorkday => "Thêm ngày làm việc",
            EventKind::CalendarRemove => "Bỏ ngày trong lịch",
            EventKind::CalendarImport => "Nhập lịch",
            EventKind::CalendarRejudge => "Chấm lại thời hạn đã dừng theo lịch",
            EventKind::CalendarReminder => "Nhắc nhập lịch nghỉ năm sau",
            EventKind::SealTables => "Niêm phong các bảng",
            EventKind::LoginAdd => "Gắn tài khoản hệ điều hành",
            EventKind::LoginRemove => "Gỡ tài khoản hệ điều hành",
            EventKind::SealIdentity => "Mã hóa danh tính",
            EventKind::Erase => "Xóa danh tính",
            EventKind::KeyRotate => "Đổi khóa danh tính",
            EventKind::CalendarAdopt => "Áp dụng lịch nghỉ mới công bố",
            EventKind::KeyReset => "Lập khóa danh tính mới thay khóa đã mất",
            EventKind::IdentityCorrect => "Sửa danh tính",
            EventKind::RewriteFile => "Ghi lại toàn bộ tệp, xóa byte rõ của danh tính",
            EventKind::ConsentWithdraw => "Rút đồng ý chia sẻ danh tính",
            EventKind::ConsentGive => "Người phản ánh đồng ý chia sẻ danh tính (xin sau)",
            EventKind::Unpublish => "Gỡ khỏi công khai",
            EventKind::ListPart => "Phần tiếp theo của danh sách",
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            EventKind::Init => "Created",
            EventKind::Ingest => "Received from the app",
            EventKind::Accept => "Accepted",
            EventKind::Reject => "Rejected",
            EventKind::Classify => "Classified",
            EventKind::Assign => "Assigned",
            EventKind::Answer => "Answered directly",
            EventKind::MarkStateSecret => "Marked state secret",
            EventKind::Return => "Returned",
            EventKind::Reply => "Replied",
            EventKind::VerifyApprove => "Result approved",
            EventKind::VerifySendBack => "Sent back for rework",
            EventKind::Publish => "Published",
            EventKind::Rate => "Rated",
            EventKind::Duplicate => "Merged as duplicate",
            EventKind::Remind => "Reminded",
            EventKind::Refused => "Action refused",
            EventKind::Reveal => "Identity shown",
            EventKind::ExportFull => "Full export",
            EventKind::Backup => "Backed up",
            EventKind::Restore => "Restored",
            EventKind::SettingsSet => "Setting changed",
            EventKind::FieldAdd => "Field added",
            EventKind::AgencyAdd => "Agency added",
            EventKind::StaffAdd => "Account added",
            EventKind::StaffDisable => "Account disabled",
            EventKind::ServiceAdd => "Service code added",
            EventKind::RouteAdd => "Route added",
            EventKind::CalendarAddHoliday => "Day off added",
            EventKind::CalendarAddWorkday => "Working day added",
            EventKind::CalendarRemove => "Calendar day removed",
            EventKind::CalendarImport => "Calendar imported",
            EventKind::CalendarRejudge => "Stopped deadlines re-judged",
            EventKind::CalendarReminder => "Next year's schedule reminder",
            EventKind::SealTables => "Tables sealed",
            EventKind::LoginAdd => "Login bound",
            EventKind::LoginRemove => "Login unbound",
            EventKind::SealIdentity => "Identity encrypted",
            EventKind::Erase => "Identity erased",
            EventKind::KeyRotate => "Identity key rotated",
            EventKind::CalendarAdopt => "Announced schedule adopted",
            EventKind::KeyReset => "Lost identity key replaced",
            EventKind::IdentityCorrect => "Identity corrected",
            EventKind::RewriteFile => "File rewritten, clear identity bytes wiped",
            EventKind::ConsentWithdraw => "Consent to share identity withdrawn",
            EventKind::ConsentGive => "Consent to share identity given (sought later)",
            EventKind::Unpublish => "Taken out of public view",
            EventKind::ListPart => "List continued",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name_and_serialises_as_it() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        let names: std::collections::BTreeSet<_> = EventKind::ALL.map(EventKind::as_str).into();
        assert_eq!(names.len(), EventKind::ALL.len(), "two kinds share a name");
        assert_eq!(EventKind::parse("approve"), None);
    }

    /// The names are sealed in every event ever written: they are fixed here one by one, so
    /// renaming a variant cannot silently rename what the log says.
    #[test]
    fn the_stored_names_are_the_ones_the_log_has_always_used() {
        let expected = "init ingest accept reject classify assign answer mark_state_secret \
            return reply verify_approve verify_send_back publish rate duplicate remind refused \
            reveal export_full backup restore settings_set field_add agency_add staff_add \
            staff_disable service_add route_add calendar_add_holiday calendar_add_workday \
            calendar_remove calendar_import seal_tables login_add login_remove seal_identity erase \
            key_rotate calendar_adopt key_reset identity_correct rewrite_file consent_withdraw \
            calendar_rejudge calendar_reminder consent_give unpublish list_part";
        let names: Vec<_> = EventKind::ALL.map(EventKind::as_str).into();
        assert_eq!(
            names.join(" "),
            expected.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}
