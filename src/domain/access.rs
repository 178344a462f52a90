//! Who may do what (docs/rules.md §2 roles; Đ13, Đ16). Every command asks `authorize` before it
//! touches anything, so the rules live here and nowhere else. No I/O: the caller loads the
//! account and the report and logs refusals.

use std::borrow::Cow;

use crate::i18n::Bilingual;

/// The five roles of docs/rules.md §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Accounts, calendar, settings, and everything else.
    Admin,
    /// Portal staff (Cổng Thông tin điện tử tỉnh): reception, dispatch, verification.
    Reception,
    /// Agency staff: their own agency's reports only (Đ16.3).
    Handler,
    /// Reads everything and the reports (Đ13.6).
    Leader,
    /// Home Affairs (Sở Nội vụ): reports and scores, never personal data (Đ14).
    Auditor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Reception,
        Role::Handler,
        Role::Leader,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reception => "reception",
            Role::Handler => "handler",
            Role::Leader => "leader",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The role a file's cell names: its code, or its name as `staff list` prints it in
    /// either language, whole or without the words in brackets, in any case and with or
    /// without marks ("Tiếp nhận", "xử lý", "Thi đua"): a list copied from the tool's own
    /// table was refused line by line.
    pub fn named(cell: &str) -> Option<Role> {
        use crate::domain::text::fold;
        let cell = fold(cell.trim());
        let bare = |label: &str| fold(label.split(" (").next().unwrap_or(label).trim());
        Role::ALL.into_iter().find(|role| {
            let (vi, en) = (role.vi(), role.en());
            cell == role.as_str()
                || [vi.as_ref(), en.as_ref()]
                    .iter()
                    .any(|label| cell == fold(label) || cell == bare(label))
        })
    }
}

impl Bilingual for Role {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Role::Admin => "Quản trị",
            Role::Reception => "Tiếp nhận",
            Role::Handler => "Xử lý (cơ quan)",
            Role::Leader => "Lãnh đạo",
            Role::Auditor => "Thi đua (Sở Nội vụ)",
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Role::Admin => "Admin",
            Role::Reception => "Reception",
            Role::Handler => "Agency handler",
            Role::Leader => "Leader",
            Role::Auditor => "Auditor (Home Affairs)",
        })
    }
}

/// The acting account, as loaded from `staff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub username: String,
    pub role: Role,
    pub agency: Option<String>,
    pub active: bool,
}

/// Everything a command can ask permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    ManageReference,
    Ingest,
    Validate,
    Classify,
    Assign,
    Answer,
    MarkStateSecret,
    Return,
    Reply,
    Verify,
    Publish,
    /// Take a published result out of public view (`unpublish`; Đ9.2, Law 91/2025/QH15).
    Unpublish,
    Rate,
    Duplicate,
    /// Read a report (show, list, audit log of one report).
    Read,
    /// See the reporter's name and phone (Đ6.5).
    RevealPersonalData,
    /// Verify the whole audit chain.
    AuditVerify,
    /// Change the working calendar (days off, working days).
    ManageCalendar,
    /// Record deadline reminders (`sweep`, run by cron under a reception account).
    Sweep,
    /// Periodic reports and emulation scores (aggregates; no personal data).
    Reports,
    /// The staff export: every report with the reporter's name and phone unmasked (Đ6.5).
    ExportFull,
    /// Copy the whole database, personal data included (cron does it under reception).
    Backup,
    /// Replace the database by a backup.
    Restore,
    /// List who saw whose identity, when and why (`audit reveals`): the lines carry no
    /// identity, so the inspector may read them.
    AuditReveals,
    /// Destroy reporters' identities for good, keeping the reports (`erase`).
    Erase,
    /// Find the reports sent from one phone number (`list --phone`): the first step of
    /// answering a reporter who asks what is held about them or to be erased (Law
    /// 91/2025/QH15), without opening anyone else's identity.
    FindReporter,
    /// Re-wrap every identity under a new master key (`key rotate`).
    KeyRotate,
    /// Correct a reporter's stored name or phone at their request (`identity correct`;
    /// Law 91/2025/QH15: the right to have personal data corrected).
    CorrectIdentity,
    /// Record that a reporter withdrew their consent to the handling agency knowing who
    /// they are (`identity consent --withdraw`; Đ6.5, Law 91/2025/QH15: consent may be
    /// withdrawn at any time).
    WithdrawConsent,
    /// Record that a reporter, asked when the need arose, now consents to the handling
    /// agency knowing who they are (`identity consent --give`; Đ6.5).
    GiveConsent,
    /// Answer a reporter's request for what is held about them (`export subject`): an
    /// export with identities, for the roles of the full one, refused and logged in its
    /// own name so that the inspector tells the two apart.
    ExportSubject,
    /// List each late step of a period with the account whose event stopped its clock
    /// (`audit late`): staff accounts are staff personal data, so the inspector's, not the
    /// widely circulated leaders' report's.
    AuditLate,
    /// List the operating-system logins bound to other accounts (`staff logins`): which
    /// login to take over to act as whom, and staff's own data (Law 91/2025/QH15); every
    /// account reads its own line without it (`app::directory::logins`).
    ListLogins,
    /// The internal export without identities (`export csv --no-identity`): every column of
    /// the staff export but the reporter's identity, for the roles that read reports and
    /// scores (Sở Nội vụ's reconciliation; the Law's data minimisation).
    ExportWithoutIdentity,
}

impl Operation {
    pub const ALL: [Operation; 34] = [
        Operation::ManageReference,
        Operation::Ingest,
        Operation::Validate,
        Operation::Classify,
        Operation::Assign,
        Operation::Answer,
        Operation::MarkStateSecret,
        Operation::Return,
        Operation::Reply,
        Operation::Verify,
        Operation::Publish,
        Operation::Rate,
        Operation::Duplicate,
        Operation::Read,
        Operation::RevealPersonalData,
        Operation::AuditVerify,
        Operation::ManageCalendar,
        Operation::Sweep,
        Operation::Reports,
        Operation::ExportFull,
        Operation::Backup,
        Operation::Restore,
        Operation::AuditReveals,
        Operation::Erase,
        Operation::KeyRotate,
        Operation::FindReporter,
        Operation::CorrectIdentity,
        Operation::ExportSubject,
        Operation::WithdrawConsent,
        Operation::AuditLate,
        Operation::ListLogins,
        Operation::ExportWithoutIdentity,
        Operation::GiveConsent,
        Operation::Unpublish,
    ];

    /// The operation a refused event names (`as_str`).
    pub fn parse(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|o| o.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::ManageReference => "manage_reference",
            Operation::Ingest => "ingest",
            Operation::Validate => "validate",
            Operation::Classify => "classify",
            Operation::Assign => "assign",
            Operation::Answer => "answer",
            Operation::MarkStateSecret => "mark_state_secret",
            Operation::Return => "return",
            Operation::Reply => "reply",
            Operation::Verify => "verify",
            Operation::Publish => "publish",
            Operation::Unpublish => "unpublish",
            Operation::Rate => "rate",
            Operation::Duplicate => "duplicate",
            Operation::Read => "read",
            Operation::RevealPersonalData => "reveal_personal_data",
            Operation::AuditVerify => "audit_verify",
            Operation::ManageCalendar => "manage_calendar",
            Operation::Sweep => "sweep",
            Operation::Reports => "reports",
            Operation::ExportFull => "export_full",
            Operation::Backup => "backup",
            Operation::Restore => "restore",
            Operation::AuditReveals => "audit_reveals",
            Operation::AuditLate => "audit_late",
            Operation::Erase => "erase",
            Operation::FindReporter => "find_reporter",
            Operation::KeyRotate => "key_rotate",
            Operation::CorrectIdentity => "correct_identity",
            Operation::WithdrawConsent => "withdraw_consent",
            Operation::GiveConsent => "give_consent",
            Operation::ExportSubject => "export_subject",
            Operation::ListLogins => "list_logins",
            Operation::ExportWithoutIdentity => "export_without_identity",
        }
    }
}

/// What a refusal says was refused: the action in words, with the command that asks for it,
/// so that a refused `export csv` names the export and not an operation standing in for it.
impl Bilingual for Operation {
    fn vi(&self) -> Cow<'static, str> {
        use Operation::*;
        Cow::Borrowed(match self {
            ManageReference => {
                "thay đổi danh mục (lĩnh vực, cơ quan, tài khoản, bảng phân phối, mã dịch vụ, thiết lập)"
            }
            Ingest => "nạp phản ánh (ingest)",
            Validate => "kiểm tra tính đầy đủ của phản ánh (validate)",
            Classify => "phân loại lĩnh vực (classify)",
            Assign => "chuyển phản ánh cho cơ quan xử lý (assign)",
            Answer => "trả lời trực tiếp từ Cổng (answer)",
            MarkStateSecret => "đánh dấu bí mật nhà nước (mark)",
            Return => "chuyển trả phản ánh (return)",
            Reply => "ghi kết quả xử lý (reply)",
            Verify => "duyệt kết quả (verify)",
            Publish => "công khai kết quả (publish)",
            Unpublish => "gỡ kết quả đã công khai khỏi công khai (unpublish)",
            Rate => "ghi đánh giá của người dân (rate)",
            Duplicate => "gộp phản ánh trùng (duplicate)",
            Read => "xem phản ánh",
            RevealPersonalData => "xem họ tên, số điện thoại người phản ánh (show --reveal)",
            AuditVerify => {
                "xem và kiểm tra toàn bộ chuỗi nhật ký (audit log, audit verify, audit checkpoint)"
            }
            ManageCalendar => "thay đổi lịch làm việc (calendar)",
            Sweep => "ghi nhắc hạn (sweep)",
            Reports => "lập báo cáo, chấm điểm (report, score)",
            ExportFull => "xuất đầy đủ dữ liệu kèm thông tin cá nhân (export csv)",
            Backup => "sao lưu cơ sở dữ liệu (backup)",
            Restore => "khôi phục cơ sở dữ liệu (restore)",
            AuditReveals => "xem ai đã xem danh tính người phản ánh (audit reveals)",
            AuditLate => "xem các bước trễ hạn và tài khoản đã làm (audit late)",
            Erase => "xóa vĩnh viễn danh tính người phản ánh (erase)",
            FindReporter => "tìm phản ánh theo số điện thoại người phản ánh (list --phone)",
            KeyRotate => "đổi khóa danh tính (key rotate)",
            CorrectIdentity => "sửa họ tên, số điện thoại người phản ánh đã lưu (identity correct)",
            WithdrawConsent => {
                "ghi việc người phản ánh rút lại sự đồng ý chia sẻ danh tính (identity consent)"
            }
            GiveConsent => {
                "ghi việc người phản ánh đồng ý chia sẻ danh tính khi được hỏi (identity consent --give)"
            }
            ExportSubject => {
                "xuất dữ liệu trả lời yêu cầu của người phản ánh, kèm họ tên, số điện thoại (export subject)"
            }
            ListLogins => "xem tài khoản hệ điều hành gắn với tài khoản khác (staff logins)",
            ExportWithoutIdentity => {
                "xuất mọi cột, không kèm danh tính người phản ánh (export csv --no-identity)"
            }
        })
    }

    fn en(&self) -> Cow<'static, str> {
        use Operation::*;
        Cow::Borrowed(match self {
            ManageReference => {
                "change reference data (fields, agencies, accounts, routes, service codes, settings)"
            }
            Ingest => "ingest (load reports)",
            Validate => "validate (check reports for completeness)",
            Classify => "classify (set a report's field)",
            Assign => "assign (dispatch a report to an agency)",
            Answer => "answer (reply directly from the portal)",
            MarkStateSecret => "mark (make a report state-secret)",
            Return => "return (hand a report back to the portal)",
            Reply => "reply (record an agency's result)",
            Verify => "verify (check a result)",
            Publish => "publish (make a result public)",
            Unpublish => "unpublish (take a published result out of public view)",
            Rate => "rate (record a citizen's rating)",
            Duplicate => "duplicate (merge a report into another)",
            Read => "read reports",
            RevealPersonalData => "see reporters' names and phones (show --reveal)",
            AuditVerify => {
                "read and check the whole audit chain (audit log, audit verify, audit checkpoint)"
            }
            ManageCalendar => "change the working calendar (calendar)",
            Sweep => "sweep (record deadline reminders)",
            Reports => "report or score (periodic reports and scores)",
            ExportFull => "export csv (the full export, with personal data)",
            Backup => "backup (copy the database)",
            Restore => "restore (replace the database by a backup)",
            AuditReveals => "audit reveals (list who saw reporters' identities)",
            AuditLate => "audit late (list the late steps and the accounts that made them)",
            Erase => "erase (destroy reporters' identities for good)",
            FindReporter => "list --phone (find the reports sent from a phone number)",
            KeyRotate => "key rotate (re-encrypt identities under a new key)",
            CorrectIdentity => "identity correct (correct a reporter's stored name or phone)",
            WithdrawConsent => {
                "identity consent (record a reporter's withdrawal of consent to share their identity)"
            }
            GiveConsent => {
                "identity consent --give (record that a reporter, asked, consents to share their identity)"
            }
            ExportSubject => "export subject (a reporter's own data, with names and phones)",
            ListLogins => "staff logins (list the operating-system logins bound to other accounts)",
            ExportWithoutIdentity => {
                "export csv --no-identity (every column but the reporters' identities)"
            }
        })
    }
}

impl Role {
    /// The role as officials call it.
    pub fn vi(self) -> &'static str {
        match self {
            Role::Admin => "quản trị viên",
            Role::Reception => "cán bộ tiếp nhận",
            Role::Handler => "cán bộ xử lý",
            Role::Leader => "lãnh đạo",
            Role::Auditor => "cán bộ Sở Nội vụ",
        }
    }
}

/// The report an operation targets, as far as permissions care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a> {
    /// The report's handling is over (published, answered privately, merged, rejected:
    /// `Status::is_final`): the identity Đ6.5 lends the agency "to serve the handling"
    /// serves nothing more.
    pub handled: bool,
    /// The agency the report is assigned to, if any.
    pub agency: Option<&'a str>,
    /// The reporter agreed that the handling agency may know who they are (Đ6.5).
    pub consent: bool,
    /// The agency returned the report as not its business (Đ8.1.b) and it awaits the
    /// portal's re-dispatch: the agency still reads its return, but handles it no more.
    pub returned: bool,
}

impl<'a> From<&'a crate::domain::report::Report> for Target<'a> {
    fn from(report: &'a crate::domain::report::Report) -> Self {
        Target {
            handled: report.status.is_final(),
            agency: report.agency.as_deref(),
            consent: report.consent,
            returned: report.status == crate::domain::report::Status::Returned,
        }
    }
}

/// Whether `actor` may see the identity of the report `target` describes (Đ6.5): asking
/// decides nothing and logs nothing. What such a reader sees of the report's free texts has
/// the identity hidden too (`app::show`).
pub fn may_see_identity(actor: &Actor, target: Target<'_>) -> bool {
    authorize(actor, Operation::RevealPersonalData, Some(target)).is_ok()
}

/// Whether a role's right to see a report's identity rests on the report's row: a
/// handler's does (the agency it is assigned to, the reporter's consent, a return: Đ6.5,
/// Đ16.3), the other roles' do not.
pub fn identity_right_rests_on_the_row(role: Role) -> bool {
    role == Role::Handler
}

/// [`may_see_identity`], for a row the log may not vouch for (`vouched`: the row is the
/// one its last event sealed). A consent or agency written with `sqlite3` is no consent and
/// no assignment: a role whose right rests on the row sees no identity in a row the log
/// does not vouch for (what a reveal would print, and the names and phones the free texts
/// hold), whatever the row says.
pub fn may_see_identity_of(actor: &Actor, target: Target<'_>, vouched: bool) -> bool {
    (vouched || !identity_right_rests_on_the_row(actor.role)) && may_see_identity(actor, target)
}

/// Whether a text the log keeps under `author` (a reply, a reason) is `actor`'s own words,
/// shown to it as kept even where it may not see the report's identity: hidden there by the
/// reporter's name, a name it typed would read `[đã ẩn]` if its guess was the reporter's
/// and as typed if not (Đ6.5; docs/rules.md §7). It tells the author nothing it did not
/// write. Any other account, a colleague of the same agency too, reads it hidden.
pub fn typed_by(actor: &Actor, author: &str) -> bool {
    !author.is_empty() && actor.username == author
}

/// Whether `actor`, reading a report's history (`show`, `audit log ID`), sees an event
/// `actor_of_event` recorded under `action`. A refusal is access-control data: a handler,
/// refused the whole log (`audit log`), read in the history of a report now theirs the
/// named officer of another agency who tried to open it, or a colleague's refused reveal.
/// The roles that read the whole log see them all; the others see their own refusals
/// only, and the rest of the workflow as before.
pub fn sees_in_history(actor: &Actor, action: &str, actor_of_event: &str) -> bool {
    action != crate::domain::event::EventKind::Refused.as_str()
        || actor_of_event == actor.username
        || role_may(actor.role, Operation::AuditVerify)
}

/// Why an account may not do something.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("account {0} is disabled; ask an admin")]
    Disabled(String),
    #[error("{}", role_refused_en(*.role, *.operation))]
    Role { role: Role, operation: Operation },
    #[error(
        "this report is not assigned to your agency ({0}); only that agency's handlers may act on it"
    )]
    OtherAgency(String),
    /// A handler's listing filtered by another agency: no one report is concerned, so the
    /// refusal speaks of the list and of the filter to drop.
    #[error(
        "a handler sees only the reports assigned to {own}; drop `--agency {asked}` (or use `--agency {own}`)"
    )]
    OtherAgencyFilter { own: String, asked: String },
    #[error(
        "the reporter did not consent to share their identity with the handling agency (Art. 6.5). If the handling needs it, ask the portal's reception to contact the reporter and seek their consent (an admin records it with `identity consent ID --give`), or put the question to verify in the reason of a return (`return ID --reason`)"
    )]
    NoConsent,
    /// The reporter consented, then withdrew the consent (`identity consent --withdraw`).
    #[error(
        "the reporter withdrew their consent to share their identity with the handling agency (Art. 6.5); it is no longer shown to the agency. The portal's desk may still reveal it"
    )]
    ConsentWithdrawn,
    #[error(
        "your agency returned this report as not its business and no longer handles it: its reporter's identity is for the handling agency only (Art. 6.5); the portal may reveal it"
    )]
    ReturnedByAgency,
    #[error(
        "the handling of this report is over (it is published, answered privately, merged or rejected): its reporter's identity served the handling only (Art. 6.5); the portal may reveal it"
    )]
    HandlingOver,
}

impl Bilingual for Refusal {
    /// The same in Vietnamese, for officials.
    fn vi(&self) -> Cow<'static, str> {
        Cow::Owned({
            match self {
            Refusal::Disabled(user) => {
                format!("Tài khoản {user} đã bị khóa; hãy liên hệ quản trị viên.")
            }
            Refusal::Role { role, operation } => match instead(*role, *operation) {
                Some((vi, _)) => format!(
                    "Vai trò {} không được phép {}; {vi}",
                    named_vi(*role),
                    operation.vi()
                ),
                None => format!(
                    "Vai trò {} không được phép {}; hãy nhờ {}.",
                    named_vi(*role),
                    operation.vi(),
                    allowed_vi(*operation)
                ),
            },
            Refusal::OtherAgency(agency) => format!(
                "Phản ánh này không được giao cho cơ quan của bạn ({agency}); chỉ cán bộ xử lý của cơ quan được giao mới được thao tác."
            ),
            Refusal::OtherAgencyFilter { own, asked } => format!(
                "Cán bộ xử lý chỉ xem được phản ánh giao cho {own}; bỏ `--agency {asked}` (hoặc dùng `--agency {own}`)."
            ),
            Refusal::NoConsent => {
                "Người phản ánh không đồng ý chia sẻ danh tính với cơ quan xử lý (khoản 5 Điều 6). Nếu việc xử lý cần đến, hãy đề nghị bộ phận tiếp nhận của Cổng liên hệ người phản ánh xin sự đồng ý (quản trị viên ghi lại bằng `identity consent SỐ --give`), hoặc ghi điều cần xác minh vào lý do chuyển trả (`return SỐ --reason`)."
                    .into()
            }
            Refusal::ConsentWithdrawn => {
                "Người phản ánh đã rút lại sự đồng ý chia sẻ danh tính với cơ quan xử lý (khoản 5 Điều 6): cơ quan xử lý không còn được xem danh tính. Bộ phận tiếp nhận của Cổng vẫn xem được."
                    .into()
            }
            Refusal::ReturnedByAgency => {
                "Cơ quan của bạn đã chuyển trả phản ánh này vì không thuộc thẩm quyền nên không còn xử lý nó: danh tính người phản ánh chỉ dùng cho cơ quan đang xử lý (khoản 5 Điều 6); bộ phận tiếp nhận của Cổng vẫn xem được."
                    .into()
            }
            Refusal::HandlingOver => {
                "Phản ánh này đã xử lý xong (đã công khai, đã phản hồi riêng, đã gộp hoặc bị từ chối): danh tính người phản ánh chỉ dùng để phục vụ xử lý (khoản 5 Điều 6) nên cơ quan xử lý không còn xem được; bộ phận tiếp nhận của Cổng vẫn xem được."
                    .into()
            }
        }
        })
    }

    /// Its English text is its `Display`.
    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_string())
    }
}

/// Roles that may perform `operation` on any report, before agency and consent rules.
fn roles_for(operation: Operation) -> &'static [Role] {
    use Operation::*;
    use Role::*;
    match operation {
        ManageReference | ManageCalendar => &[Admin],
        // Taking a result out of public view is the publisher's, as publishing is.
        Ingest | Validate | Classify | Assign | Answer | MarkStateSecret | Verify | Publish
        | Unpublish | Rate | Duplicate | Sweep | ExportFull | ExportSubject | Backup => {
            &[Admin, Reception]
        }
        // [choice] A reporter's own request is the province's contact point's, as the
        // erasure it may lead to (docs/rules.md §7): the desk sees identities one report at
        // a time.
        Restore | Erase | KeyRotate | FindReporter | CorrectIdentity | WithdrawConsent
        | GiveConsent => &[Admin],
        // Only the admin binds logins, so only the admin needs the map of them.
        ListLogins => &[Admin],
        Return | Reply => &[Admin, Handler],
        Read => &[Admin, Reception, Handler, Leader, Auditor],
        RevealPersonalData => &[Admin, Reception, Handler],
        AuditVerify | Reports | ExportWithoutIdentity => &[Admin, Reception, Leader, Auditor],
        // The inspector's and the data subject's question; Sở Nội vụ answers it for the
        // province (docs/rules.md §7).
        AuditReveals => &[Admin, Auditor],
        // Who made each step late, per person (Đ13.6, Đ13.7): the inspector's question; the
        // accounts stay out of the leaders' report (docs/rules.md §7).
        AuditLate => &[Admin, Auditor],
    }
}

/// Whether an account of `role` may perform `operation` at all (before agency and consent
/// rules): what `audit verify` asks of each event's account as the log sealed it.
pub fn role_may(role: Role, operation: Operation) -> bool {
    roles_for(operation).contains(&role)
}

/// Who to ask instead, in each language: the roles that may, by their labels as `staff
/// list` words them. The codes (`handler`, `reception`) are for `staff.csv`: an official
/// refused read "role handler may not …", a code where a word belongs.
fn allowed_en(operation: &Operation) -> String {
    let names: Vec<Cow<'static, str>> = roles_for(*operation)
        .iter()
        .map(|r| Bilingual::en(r))
        .collect();
    format!("an account with the {} role", names.join(" or "))
}

/// A role's refusal in English: what the role may not do, and who may (or what to do
/// instead).
fn role_refused_en(role: Role, operation: Operation) -> String {
    match instead(role, operation) {
        Some((_, en)) => format!(
            "the {} role may not {}; {en}",
            Bilingual::en(&role),
            operation.en()
        ),
        None => format!(
            "the {} role may not {}; ask {} to do it",
            Bilingual::en(&role),
            operation.en(),
            allowed_en(&operation)
        ),
    }
}

/// What a role refused an operation most likely wanted, and how it gets it, in each
/// language, in place of "ask who may". A handler typing `assign` wants a report out of
/// its agency: one not its business it returns to the portal (Đ8.1.b), which dispatches
/// it again; to have it passed to a named agency it has no command and asks the portal,
/// which alone dispatches (Đ7.1.b). "Ask Reception to do it" alone sent the officer to
/// ask for an assignment when a return was theirs to make.
fn instead(role: Role, operation: Operation) -> Option<(&'static str, &'static str)> {
    match (role, operation) {
        (Role::Handler, Operation::Assign) => Some((
            "chỉ bộ phận tiếp nhận của Cổng (tài khoản Tiếp nhận hoặc Quản trị) phân phối phản ánh. Phản ánh không thuộc thẩm quyền của cơ quan bạn thì chuyển trả cho Cổng bằng `phananh return SỐ --reason \"…\"` để Cổng phân phối lại; muốn chuyển cho một cơ quan khác thì đề nghị bộ phận tiếp nhận của Cổng chuyển.",
            "only the portal's desk (the Reception or Admin role) dispatches reports. If the report is not your agency's business, return it with `phananh return ID --reason \"…\"` and the portal dispatches it again; to have it passed to another agency, ask the portal's desk",
        )),
        _ => None,
    }
}

/// A role's label, for a refusal in Vietnamese: "Tiếp nhận", "Xử lý (cơ quan)".
fn named_vi(role: Role) -> Cow<'static, str> {
    Bilingual::vi(&role)
}

fn allowed_vi(operation: Operation) -> String {
    let names: Vec<Cow<'static, str>> = roles_for(operation).iter().map(|r| named_vi(*r)).collect();
    format!("tài khoản {}", names.join(" hoặc "))
}

/// Decides whether `actor` may perform `operation` on `target` (None: not about one report).
/// Handlers act only on reports assigned to their own agency (Đ16.3), and see the reporter's
/// identity only with the reporter's consent (Đ6.5).
pub fn authorize(
    actor: &Actor,
    operation: Operation,
    target: Option<Target<'_>>,
) -> Result<(), Refusal> {
    if !actor.active {
        return Err(Refusal::Disabled(actor.username.clone()));
    }
    if !roles_for(operation).contains(&actor.role) {
        return Err(Refusal::Role {
            role: actor.role,
            operation,
        });
    }
    if actor.role == Role::Handler
        && let Some(target) = target
    {
        let own = actor.agency.as_deref().unwrap_or_default();
        if target.agency != Some(own) {
            return Err(Refusal::OtherAgency(own.to_owned()));
        }
        // [choice] The handling over, so is the agency's use of the identity
        // (docs/rules.md §7); the portal keeps its own, for the rating (Đ10).
        if operation == Operation::RevealPersonalData && target.handled {
            return Err(Refusal::HandlingOver);
        }
        if operation == Operation::RevealPersonalData && !target.consent {
            return Err(Refusal::NoConsent);
        }
        // Đ6.5 shares the identity "to serve the handling"; a return ends the agency's.
        if operation == Operation::RevealPersonalData && target.returned {
            return Err(Refusal::ReturnedByAgency);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A role cell names its role by its code or by its name in either language, as
    /// `staff list` prints it, whole or without its bracket; anything else is none.
    #[test]
    fn a_role_is_read_from_its_code_or_its_printed_name() {
        for (cell, role) in [
            ("reception", Some(Role::Reception)),
            ("Tiếp nhận", Some(Role::Reception)),
            ("tiep nhan", Some(Role::Reception)),
            ("Xử lý (cơ quan)", Some(Role::Handler)),
            ("xử lý", Some(Role::Handler)),
            ("Agency handler", Some(Role::Handler)),
            ("Thi đua", Some(Role::Auditor)),
            ("Auditor (Home Affairs)", Some(Role::Auditor)),
            ("quản trị", Some(Role::Admin)),
            ("Lãnh đạo", Some(Role::Leader)),
            ("boss", None),
            ("", None),
        ] {
            assert_eq!(Role::named(cell), role, "{cell:?}");
        }
    }

    #[test]
    fn every_operation_reads_back_from_its_name() {
        for operation in Operation::ALL {
            assert_eq!(Operation::parse(operation.as_str()), Some(operation));
        }
        assert_eq!(Operation::parse("login"), None);
    }
    use Operation::*;

    fn actor(role: Role, agency: Option<&str>) -> Actor {
        Actor {
            username: "u".into(),
            role,
            agency: agency.map(str::to_owned),
            active: true,
        }
    }

    fn own() -> Option<Target<'static>> {
        Some(Target {
            handled: false,
            agency: Some("SXD"),
            consent: true,
            returned: false,
        })
    }

    /// Only the very account that typed a text is its author: a colleague of the same
    /// agency is another account, and an event with no actor is nobody's.
    #[test]
    fn a_text_is_its_authors_own_and_no_colleagues() {
        let handler = actor(Role::Handler, Some("SXD"));
        assert!(typed_by(&handler, "u"));
        assert!(!typed_by(&handler, "v"));
        assert!(!typed_by(&handler, ""));
        assert!(!typed_by(&actor(Role::Leader, None), "v"));
    }

    /// A handler's right rests on the row: an unvouched row (consent or agency written
    /// with `sqlite3`) gives it nothing; reception's and the admin's do not rest on it.
    #[test]
    fn a_row_the_log_does_not_vouch_for_gives_a_handler_no_identity() {
        let handler = actor(Role::Handler, Some("SXD"));
        let target = own().expect("a target");
        assert!(may_see_identity_of(&handler, target, true));
        assert!(!may_see_identity_of(&handler, target, false));
        for role in [Role::Admin, Role::Reception] {
            assert!(may_see_identity_of(&actor(role, None), target, false));
        }
        for role in [Role::Leader, Role::Auditor] {
            assert!(!may_see_identity_of(&actor(role, None), target, true));
        }
    }

    #[test]
    fn every_role_maps_to_its_name_and_back() {
        for (role, name) in [
            (Role::Admin, "admin"),
            (Role::Reception, "reception"),
            (Role::Handler, "handler"),
            (Role::Leader, "leader"),
            (Role::Auditor, "auditor"),
        ] {
            assert_eq!(role.as_str(), name);
            assert_eq!(Role::parse(name), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn the_role_table_of_the_spec() {
        let expect = |role: Role, op: Operation| -> bool {
            match role {
                Role::Admin => true,
                Role::Reception => !matches!(
                    op,
                    ManageReference
                        | ManageCalendar
                        | Return
                        | Reply
                        | Restore
                        | AuditReveals
                        | AuditLate
                        | FindReporter
                        | Erase
                        | KeyRotate
                        | CorrectIdentity
                        | WithdrawConsent
                        | ListLogins
                        | GiveConsent
                ),
                Role::Handler => matches!(op, Return | Reply | Read | RevealPersonalData),
                Role::Leader => matches!(op, Read | AuditVerify | Reports | ExportWithoutIdentity),
                Role::Auditor => matches!(
                    op,
                    Read | AuditVerify | Reports | AuditReveals | AuditLate | ExportWithoutIdentity
                ),
            }
        };
        for role in Role::ALL {
            for op in Operation::ALL {
                let got = authorize(&actor(role, Some("SXD")), op, own()).is_ok();
                assert_eq!(got, expect(role, op), "{role:?} {op:?}");
            }
        }
    }

    #[test]
    fn handlers_act_only_on_their_own_agency() {
        let handler = actor(Role::Handler, Some("PCCM"));
        for op in [Return, Reply, Read] {
            assert_eq!(
                authorize(&handler, op, own()),
                Err(Refusal::OtherAgency("PCCM".into()))
            );
            let unassigned = Some(Target {
                handled: false,
                agency: None,
                consent: true,
                returned: false,
            });
            assert!(authorize(&handler, op, unassigned).is_err());
        }
    }

    #[test]
    fn handlers_see_identity_only_with_consent() {
        let handler = actor(Role::Handler, Some("SXD"));
        let no_consent = Some(Target {
            handled: false,
            agency: Some("SXD"),
            consent: false,
            returned: false,
        });
        assert_eq!(
            authorize(&handler, RevealPersonalData, no_consent),
            Err(Refusal::NoConsent)
        );
        assert!(authorize(&handler, RevealPersonalData, own()).is_ok());
    }

    #[test]
    fn handlers_see_no_identity_of_a_report_they_returned() {
        let handler = actor(Role::Handler, Some("SXD"));
        let returned = Some(Target {
            handled: false,
            agency: Some("SXD"),
            consent: true,
            returned: true,
        });
        assert_eq!(
            authorize(&handler, RevealPersonalData, returned),
            Err(Refusal::ReturnedByAgency)
        );
        // It still reads its return; the portal still may reveal.
        assert!(authorize(&handler, Read, returned).is_ok());
        assert!(authorize(&actor(Role::Reception, None), RevealPersonalData, returned).is_ok());
    }

    #[test]
    fn handlers_see_no_identity_once_the_handling_is_over() {
        let handler = actor(Role::Handler, Some("SXD"));
        let handled = Some(Target {
            handled: true,
            agency: Some("SXD"),
            consent: true,
            returned: false,
        });
        assert_eq!(
            authorize(&handler, RevealPersonalData, handled),
            Err(Refusal::HandlingOver)
        );
        assert!(authorize(&handler, Read, handled).is_ok());
        for role in [Role::Reception, Role::Admin] {
            assert!(authorize(&actor(role, None), RevealPersonalData, handled).is_ok());
        }
    }

    #[test]
    fn only_readers_of_the_whole_log_see_others_refusals_in_a_history() {
        let handler = actor(Role::Handler, Some("32002"));
        assert!(!sees_in_history(&handler, "refused", "xuly.sxd.hung"));
        assert!(sees_in_history(&handler, "refused", "u"));
        assert!(sees_in_history(&handler, "assign", "tiepnhan.lan"));
        for role in [Role::Admin, Role::Reception, Role::Leader, Role::Auditor] {
            assert!(sees_in_history(
                &actor(role, None),
                "refused",
                "xuly.sxd.hung"
            ));
        }
    }

    #[test]
    fn disabled_accounts_may_do_nothing() {
        let mut admin = actor(Role::Admin, None);
        admin.active = false;
        for op in Operation::ALL {
            assert!(matches!(
                authorize(&admin, op, None),
                Err(Refusal::Disabled(_))
            ));
        }
    }
}
