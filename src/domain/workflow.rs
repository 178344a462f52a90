//! The report workflow (docs/rules.md §2; Đ7, Đ8, Đ9, Đ10): the one function that decides whether an
//! action may happen to a report in its current status and what the report looks like
//! afterwards. Who may act is `access`'s business; this module only knows statuses.

use std::borrow::Cow;

use crate::domain::access::Role;
use crate::domain::event::EventKind;
use crate::domain::report::{Report, Status};
use crate::domain::statement::{self, says_something};
use crate::i18n::Bilingual;

/// Something done to a report. Texts are already NFC.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Validation found the report complete (Đ7.1.a).
    Accept,
    /// Validation refused it; reason codes as in `validate::Reason::code`.
    Reject { reasons: Vec<String> },
    /// Sets the field (lĩnh vực) during reception (Đ7.1.a), or corrects it once an agency
    /// has returned the report as not its business (Đ8.1.b): a wrong field is the usual
    /// cause, and the field is what routes the report again.
    Classify { field: String },
    /// Sends the report to an agency (Đ7.1.b).
    Assign { agency: String, urgent: bool },
    /// The portal answers directly (Đ7.1.b, second paragraph).
    Answer { text: String },
    /// Content touches state secrets (Đ9.3): never public from now on.
    MarkStateSecret,
    /// The agency says it is not its jurisdiction (Đ8.1.b).
    Return { reason: String },
    /// The agency's result (Đ8.1.c).
    Reply { text: String },
    /// The portal checked the result (Đ9.1).
    Approve,
    /// The portal sends the result back for rework: a new processing round.
    SendBack { reason: String },
    /// Publication, or a private answer when the report is confidential or secret (Đ9.2–9.4).
    Publish,
    /// A published result taken out of public view, at the request of a person it names or
    /// of the reporter (Đ9.2): the result becomes the reporter's only. Cannot be undone.
    Unpublish { reason: String },
    /// The citizen's rating (Đ10), 1–5; a later one replaces the earlier.
    Rate { score: u8 },
    /// Merged into another report, whose outcome it follows.
    Duplicate {
        of: i64,
        of_status: Status,
        of_duplicate_of: Option<i64>,
    },
}

impl Action {
    /// The kind of event this action is logged as.
    pub fn kind(&self) -> EventKind {
        match self {
            Action::Accept => EventKind::Accept,
            Action::Reject { .. } => EventKind::Reject,
            Action::Classify { .. } => EventKind::Classify,
            Action::Assign { .. } => EventKind::Assign,
            Action::Answer { .. } => EventKind::Answer,
            Action::MarkStateSecret => EventKind::MarkStateSecret,
            Action::Return { .. } => EventKind::Return,
            Action::Reply { .. } => EventKind::Reply,
            Action::Approve => EventKind::VerifyApprove,
            Action::SendBack { .. } => EventKind::VerifySendBack,
            Action::Publish => EventKind::Publish,
            Action::Unpublish { .. } => EventKind::Unpublish,
            Action::Rate { .. } => EventKind::Rate,
            Action::Duplicate { .. } => EventKind::Duplicate,
        }
    }

    /// The command an operator types, for error messages.
    fn command(&self) -> &'static str {
        match self {
            Action::Accept | Action::Reject { .. } => "validate",
            Action::Classify { .. } => "classify",
            Action::Assign { .. } => "assign",
            Action::Answer { .. } => "answer",
            Action::MarkStateSecret => "mark --state-secret",
            Action::Return { .. } => "return",
            Action::Reply { .. } => "reply",
            Action::Approve => "verify --approve",
            Action::SendBack { .. } => "verify --send-back",
            Action::Publish => "publish",
            Action::Unpublish { .. } => "unpublish",
            Action::Rate { .. } => "rate",
            Action::Duplicate { .. } => "duplicate",
        }
    }
}

/// Why an action was refused. Every variant says what to do instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TransitionError {
    // The status's label, as the Vietnamese text says it: its code is not English prose.
    #[error("`{command}` is not possible while the report's status is \"{}\"; {hint}", .status.en())]
    WrongStatus {
        command: &'static str,
        status: Status,
        hint: &'static str,
        /// The same hint in Vietnamese: a refusal reads the same in both languages.
        hint_vi: &'static str,
    },
    #[error("no field yet; classify it first (`phananh classify {0} --field CODE`)")]
    FieldRequired(i64),
    #[error("already marked state-secret; nothing to do")]
    AlreadyStateSecret,
    /// Classified again in the field it has: refused as marking twice is, rather than a
    /// second sealed event that changes nothing.
    #[error(
        "already classified in field {field}; nothing to do. To correct the field give another code; to dispatch it: `phananh assign {id} --agency CODE` (or --auto)"
    )]
    AlreadyClassified { id: i64, field: String },
    #[error("a rating is a whole number from 1 to 5, not {0}")]
    BadScore(u8),
    #[error("a report cannot be a duplicate of itself; give the number of the original report")]
    SelfDuplicate,
    #[error("report {of} is itself a duplicate of report {original}; use --of {original}")]
    DuplicateOfDuplicate { of: i64, original: i64 },
    #[error(
        "report {of} is already a duplicate of report {id}: the two are merged, with report {id} as the original; nothing to do"
    )]
    AlreadyTheOriginal { of: i64, id: i64 },
    #[error("report {0} was rejected at reception and cannot be the original of a duplicate")]
    DuplicateOfRejected(i64),
    #[error("a reason is required: say why {}", statement::EXPECTED_EN)]
    ReasonRequired,
    #[error(
        "the text of the answer says nothing; write the result the citizen will read {}",
        statement::EXPECTED_EN
    )]
    TextRequired,
    /// The result typed is a reference to a file (`--text @traloi.txt`, `--text
    /// traloi.docx`, `--text -`), which would be published as the agency's result. Worded
    /// in full, with the option that reads a file, by `output::workflow::transition_error`.
    #[error("the text of the answer names a file, not the result the citizen will read")]
    TextNamesAFile(statement::NamesAFile),
    /// The result holds a line break typed as `\n` (`statement::typed_line_break`), which
    /// would be published as a backslash and an "n".
    #[error(
        "the text of the answer holds \"\\n\" typed as two characters, which would be published as they are; nothing was recorded. For a line break, write the result in a file and use --text-file FILE, or in bash type --text $'line one\\nline two'"
    )]
    TextTypedLineBreak,
}

impl Bilingual for TransitionError {
    /// The same refusal for officials, in Vietnamese.
    fn vi(&self) -> Cow<'static, str> {
        Cow::Owned({
            match self {
                TransitionError::WrongStatus {
                    command,
                    status,
                    hint_vi,
                    ..
                } => format!(
                    "Không thể thực hiện `{command}` khi phản ánh đang ở trạng thái “{}”; {hint_vi}.",
                    status.vi(),
                ),
                // Shown after "Phản ánh N: ", which already names the report.
                TransitionError::FieldRequired(id) => format!(
                    "chưa được phân loại lĩnh vực; hãy phân loại trước (`phananh classify {id} --field MÃ`)."
                ),
                TransitionError::AlreadyStateSecret => {
                    "đã được đánh dấu bí mật nhà nước; không cần làm gì thêm.".into()
                }
                TransitionError::AlreadyClassified { id, field } => format!(
                    "đã được phân loại lĩnh vực {field}; không cần làm gì thêm. Muốn sửa lĩnh vực, hãy ghi mã khác; để phân phối: `phananh assign {id} --agency MÃ` (hoặc --auto)."
                ),
                TransitionError::BadScore(n) => {
                    format!("Điểm đánh giá là số nguyên từ 1 đến 5, không phải {n}.")
                }
                TransitionError::SelfDuplicate => {
                    "Một phản ánh không thể trùng với chính nó; hãy ghi số của phản ánh gốc.".into()
                }
                TransitionError::DuplicateOfDuplicate { of, original } => format!(
                    "Phản ánh {of} đã là bản trùng của phản ánh {original}; hãy dùng --of {original}."
                ),
                TransitionError::AlreadyTheOriginal { of, id } => format!(
                    "Phản ánh {of} đã là bản trùng của phản ánh {id}: hai phản ánh đã được gộp, phản ánh {id} là phản ánh gốc; không cần làm gì thêm."
                ),
                TransitionError::DuplicateOfRejected(of) => {
                    format!("Phản ánh {of} đã bị từ chối tiếp nhận nên không thể là phản ánh gốc.")
                }
                TransitionError::ReasonRequired => {
                    format!("Cần ghi lý do {}.", statement::EXPECTED_VI)
                }
                TransitionError::TextNamesAFile(_) => {
                    "Nội dung trả lời là tên một tệp, không phải kết quả người dân sẽ đọc.".into()
                }
                TransitionError::TextTypedLineBreak => "kết quả có “\\n” gõ thành hai ký tự (dấu gạch chéo ngược và chữ n), sẽ được công khai nguyên văn; không ghi gì. Để xuống dòng, soạn kết quả trong tệp rồi dùng `--text-file TỆP`, hoặc trong bash gõ `--text $'dòng một\\ndòng hai'`.".into(),
                TransitionError::TextRequired => format!(
                    "Nội dung trả lời đang trống hoặc không nói gì; hãy ghi kết quả mà người dân sẽ đọc {}.",
                    statement::EXPECTED_VI
                ),
            }
        })
    }

    /// Its English text is its `Display`.
    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_string())
    }
}

/// What an operator can still do with a report, as a refusal advises it. Decided on the
/// report, not only its status: a direct answer awaiting check cannot be sent back, so its
/// refusals must not advise `--send-back` (docs/rules.md §2).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Next {
    Validate,
    ClassifyThenAssign,
    AssignOrAnswer,
    AgencyActs,
    Correct,
    Review,
    ApproveDirectAnswer,
    Publish,
    RateOrUnpublish,
    RateOnly,
    Finished,
    FollowOriginal,
    // What an agency's handler is told where the next step is the portal's: a handler may
    // only return or reply, so `verify`, `publish` or a re-dispatch are the desk's to take,
    // and the handler is told whom to ask, not the desk's command.
    AwaitCheck,
    AwaitPublication,
    AwaitRedispatch,
    WithPortal,
    Closed,
}

impl Next {
    /// The advice for an account of `role`: the portal's staff are told their own next
    /// step, a handler what is left to the agency or whom to ask.
    fn of(report: &Report, role: Role) -> Next {
        let next = Next::for_portal(report);
        if role != Role::Handler {
            return next;
        }
        match next {
            Next::Validate | Next::ClassifyThenAssign | Next::AssignOrAnswer => Next::WithPortal,
            Next::Correct => Next::AwaitRedispatch,
            Next::Review | Next::ApproveDirectAnswer => Next::AwaitCheck,
            Next::Publish => Next::AwaitPublication,
            Next::RateOnly | Next::RateOrUnpublish => Next::Closed,
            other => other,
        }
    }

    fn for_portal(report: &Report) -> Next {
        match report.status {
            Status::Received => Next::Validate,
            Status::Accepted | Status::Returned if report.field.is_none() => {
                Next::ClassifyThenAssign
            }
            Status::Accepted => Next::AssignOrAnswer,
            Status::Assigned => Next::AgencyActs,
            Status::Returned => Next::Correct,
            Status::Replied if report.agency.is_none() => Next::ApproveDirectAnswer,
            Status::Replied => Next::Review,
            Status::Verified => Next::Publish,
            Status::Published => Next::RateOrUnpublish,
            Status::ClosedPrivate => Next::RateOnly,
            Status::Rejected => Next::Finished,
            Status::Duplicate => Next::FollowOriginal,
        }
    }

    fn en(self) -> &'static str {
        match self {
            Next::Validate => "validate it first (`phananh validate ID`)",
            Next::ClassifyThenAssign => {
                "classify it (`phananh classify ID --field CODE`), then assign it (`phananh assign ID --auto`), or answer it (`phananh answer ID --text …`)"
            }
            Next::AssignOrAnswer => {
                "assign it (`phananh assign ID --auto`) or answer it (`phananh answer ID --text …`); correct a wrong field with `phananh classify ID --field CODE`"
            }
            Next::AgencyActs => {
                "the assigned agency is handling it: wait for it to reply or return it (see its deadline with `phananh show ID`)"
            }
            Next::Correct => {
                "correct its field if that was wrong (`phananh classify ID --field CODE`), then assign it to another agency (`phananh assign ID --agency CODE`), or answer it (`phananh answer ID --text …`)"
            }
            Next::Review => {
                "verify it (`phananh verify ID --approve` or `phananh verify ID --send-back --reason …`)"
            }
            Next::ApproveDirectAnswer => {
                "the portal answered it itself, so it can only be approved (`phananh verify ID --approve`); there is no agency to send it back to"
            }
            Next::Publish => "publish it (`phananh publish ID`)",
            Next::RateOrUnpublish => {
                "it is finished; a rating can be recorded, and at the request of a person the result names or of the reporter it can be taken out of public view (`phananh unpublish ID --reason …`)"
            }
            Next::RateOnly => "it is finished; only a rating can be recorded",
            Next::Finished => "it was refused at reception and is finished",
            Next::FollowOriginal => "it follows its original report; act on that one",
            Next::AwaitCheck => {
                "the result was sent and awaits the portal's check; to correct it or return the report, ask the portal's reception desk to send the report back to the agency"
            }
            Next::AwaitPublication => {
                "the portal has approved the result and will publish it; nothing is left for the agency to do"
            }
            Next::AwaitRedispatch => {
                "it was returned and waits for the portal to dispatch it again; nothing is left for the agency to do"
            }
            Next::WithPortal => {
                "it is still with the portal's reception desk, not assigned to the agency"
            }
            Next::Closed => "it is finished; nothing is left for the agency to do",
        }
    }

    fn vi(self) -> &'static str {
        match self {
            Next::Validate => "hãy kiểm tra trước (`phananh validate SỐ`)",
            Next::ClassifyThenAssign => {
                "hãy phân loại lĩnh vực (`phananh classify SỐ --field MÃ`) rồi phân phối (`phananh assign SỐ --auto`), hoặc trả lời trực tiếp (`phananh answer SỐ --text …`)"
            }
            Next::AssignOrAnswer => {
                "có thể phân phối (`phananh assign SỐ --auto`) hoặc trả lời trực tiếp (`phananh answer SỐ --text …`); lĩnh vực sai thì sửa bằng `phananh classify SỐ --field MÃ`"
            }
            // What the desk does now, and where the agency's deadline is: "the agency may
            // return or reply" told the desk only what someone else could do.
            Next::AgencyActs => {
                "cơ quan được giao đang xử lý: chờ cơ quan trả lời hoặc chuyển trả (xem hạn bằng `phananh show SỐ`)"
            }
            Next::Correct => {
                "lĩnh vực sai thì phân loại lại (`phananh classify SỐ --field MÃ`), rồi phân phối cho cơ quan khác (`phananh assign SỐ --agency MÃ`), hoặc trả lời trực tiếp (`phananh answer SỐ --text …`)"
            }
            Next::Review => {
                "hãy duyệt kết quả (`phananh verify SỐ --approve` hoặc `phananh verify SỐ --send-back --reason …`)"
            }
            Next::ApproveDirectAnswer => {
                "Cổng đã tự trả lời phản ánh này nên chỉ có thể duyệt (`phananh verify SỐ --approve`); không có cơ quan để gửi lại"
            }
            Next::Publish => "hãy công khai (`phananh publish SỐ`)",
            Next::RateOrUnpublish => {
                "phản ánh đã kết thúc; có thể ghi nhận đánh giá, và khi người được nêu trong kết quả hoặc người phản ánh yêu cầu thì gỡ kết quả khỏi công khai (`phananh unpublish SỐ --reason …`)"
            }
            Next::RateOnly => "phản ánh đã kết thúc; chỉ có thể ghi nhận đánh giá",
            Next::Finished => "phản ánh đã bị từ chối tiếp nhận và đã kết thúc",
            Next::FollowOriginal => "phản ánh đi theo phản ánh gốc; hãy xử lý phản ánh gốc",
            Next::AwaitCheck => {
                "kết quả đã gửi, đang chờ Cổng duyệt; muốn sửa kết quả hay chuyển trả phản ánh, hãy liên hệ bộ phận tiếp nhận của Cổng để gửi lại phản ánh cho cơ quan"
            }
            Next::AwaitPublication => {
                "kết quả đã được Cổng duyệt, đang chờ công khai; cơ quan không còn việc phải làm"
            }
            Next::AwaitRedispatch => {
                "phản ánh đã được chuyển trả, đang chờ Cổng phân phối lại; cơ quan không còn việc phải làm"
            }
            Next::WithPortal => "phản ánh còn ở bộ phận tiếp nhận của Cổng, chưa giao cho cơ quan",
            Next::Closed => "phản ánh đã kết thúc; cơ quan không còn việc phải làm",
        }
    }
}

/// Decides `action` on `report`. On success returns the report as it is afterwards; on
/// refusal the caller keeps the report untouched. This is the only place that knows which
/// transitions docs/rules.md §2 allows. A refusal advises the portal's next step.
pub fn apply(report: &Report, action: &Action) -> Result<Report, TransitionError> {
    apply_as(report, action, Role::Reception)
}

/// [`apply`] for an account of `role`, whose refusal advises only what that role may do: a
/// handler correcting a reply awaiting check is not told to `verify` it.
pub fn apply_as(report: &Report, action: &Action, role: Role) -> Result<Report, TransitionError> {
    use Status::*;
    let status = report.status;
    let next_step = Next::of(report, role);
    let refuse = || TransitionError::WrongStatus {
        command: action.command(),
        status,
        hint: next_step.en(),
        hint_vi: next_step.vi(),
    };
    let mut next = report.clone();
    match action {
        Action::Accept if status == Received => next.status = Accepted,
        Action::Reject { reasons } if status == Received => {
            next.status = Rejected;
            next.reject_reasons = reasons.clone();
        }
        Action::Classify { field } if matches!(status, Accepted | Returned) => {
            if report.field.as_ref() == Some(field) {
                return Err(TransitionError::AlreadyClassified {
                    id: report.id,
                    field: field.clone(),
                });
            }
            next.field = Some(field.clone())
        }
        Action::Assign { agency, urgent } if matches!(status, Accepted | Returned) => {
            if report.field.is_none() {
                return Err(TransitionError::FieldRequired(report.id));
            }
            next.status = Assigned;
            next.agency = Some(agency.clone());
            next.urgent |= *urgent;
            next.round += 1;
        }
        Action::Answer { text } if matches!(status, Accepted | Returned) => {
            require_text(text)?;
            next.status = Replied;
            next.agency = None;
            next.result_text = text.clone();
        }
        Action::MarkStateSecret if !status.is_final() => {
            if report.state_secret {
                return Err(TransitionError::AlreadyStateSecret);
            }
            next.state_secret = true;
        }
        Action::Return { reason } if status == Assigned => {
            require_reason(reason)?;
            next.status = Returned;
            next.returns += 1;
        }
        Action::Reply { text } if status == Assigned => {
            require_text(text)?;
            next.status = Replied;
            next.result_text = text.clone();
        }
        Action::Approve if status == Replied => next.status = Verified,
        Action::SendBack { reason } if status == Replied => {
            // A direct answer by the portal has no agency to send back to.
            if report.agency.is_none() {
                return Err(TransitionError::WrongStatus {
                    command: action.command(),
                    status,
                    hint: "the portal answered this report itself, so there is no agency to send it back to, and a recorded answer is never replaced (the log keeps it); approve it (`phananh verify ID --approve`) if it will do, else leave it unverified and tell an admin",
                    hint_vi: "Cổng đã tự trả lời phản ánh này nên không có cơ quan để gửi lại, và câu trả lời đã ghi không thay được (nhật ký giữ nguyên); nếu dùng được, hãy duyệt (`phananh verify SỐ --approve`), nếu không thì để chưa duyệt và báo quản trị viên",
                });
            }
            // Judged after the refusal above, which no reason can lift.
            require_reason(reason)?;
            next.status = Assigned;
            next.send_backs += 1;
            next.round += 1;
        }
        Action::Publish if status == Verified => {
            next.status = if report.is_private() {
                ClosedPrivate
            } else {
                Published
            };
        }
        // The one step out of a final status: published is final for the workflow, but a
        // person named in the text may ask for it to be withdrawn (docs/rules.md §2).
        Action::Unpublish { reason } if status == Published => {
            require_reason(reason)?;
            next.status = ClosedPrivate;
        }
        Action::Rate { score } if matches!(status, Published | ClosedPrivate) => {
            if !(1..=5).contains(score) {
                return Err(TransitionError::BadScore(*score));
            }
            next.rating = Some(*score);
        }
        Action::Duplicate {
            of,
            of_status,
            of_duplicate_of,
        } if !status.is_final() => {
            if *of == report.id {
                return Err(TransitionError::SelfDuplicate);
            }
            // Pointing back at this report would make it a duplicate of itself.
            if *of_duplicate_of == Some(report.id) {
                return Err(TransitionError::AlreadyTheOriginal {
                    of: *of,
                    id: report.id,
                });
            }
            if let Some(original) = of_duplicate_of {
                return Err(TransitionError::DuplicateOfDuplicate {
                    of: *of,
                    original: *original,
                });
            }
            if *of_status == Rejected {
                return Err(TransitionError::DuplicateOfRejected(*of));
            }
            next.status = Duplicate;
            next.duplicate_of = Some(*of);
        }
        _ => return Err(refuse()),
    }
    Ok(next)
}

fn require_reason(reason: &str) -> Result<(), TransitionError> {
    if !says_something(reason) {
        Err(TransitionError::ReasonRequired)
    } else {
        Ok(())
    }
}

fn require_text(text: &str) -> Result<(), TransitionError> {
    if let Some(named) = statement::names_a_file(text) {
        return Err(TransitionError::TextNamesAFile(named));
    }
    if statement::typed_line_break(text) {
        return Err(TransitionError::TextTypedLineBreak);
    }
    if !says_something(text) {
        Err(TransitionError::TextRequired)
    } else {
        Ok(())
    }
}

/// The urgency a dispatch records: an urgent report stays urgent whatever the dispatcher
/// answers (Đ7.2; `apply` keeps the flag), so that the log never reads as if it went out
/// as not urgent, from `assign` or from the desk.
pub fn dispatched_urgent(asked: bool, report: &Report) -> bool {
    asked || report.urgent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::{Operation, role_may};
    use Status::*;
    use proptest::prelude::*;

    fn report(status: Status) -> Report {
        let ts = crate::domain::time::parse("2026-10-05 08:00")
            .unwrap()
            .unwrap();
        let mut r = Report::received("CMG-T".into(), ts);
        r.id = 1;
        r.status = status;
        r.field = Some("GT".into());
        if matches!(status, Assigned | Returned | Replied | Verified) {
            r.agency = Some("SXD".into());
            r.round = 1;
        }
        r
    }

    /// One representative of every action kind, with valid arguments.
    fn every_action() -> Vec<Action> {
        vec![
            Action::Accept,
            Action::Reject {
                reasons: vec!["missing_media".into()],
            },
            Action::Classify { field: "MT".into() },
            Action::Assign {
                agency: "SXD".into(),
                urgent: false,
            },
            Action::Answer {
                text: "Đã xử lý.".into(),
            },
            Action::MarkStateSecret,
            Action::Return {
                reason: "Không đúng thẩm quyền".into(),
            },
            Action::Reply {
                text: "Đã vá ổ gà.".into(),
            },
            Action::Approve,
            Action::SendBack {
                reason: "Thiếu ảnh".into(),
            },
            Action::Publish,
            Action::Unpublish {
                reason: "Người được nêu tên đề nghị gỡ".into(),
            },
            Action::Rate { score: 5 },
            Action::Duplicate {
                of: 2,
                of_status: Accepted,
                of_duplicate_of: None,
            },
        ]
    }

    /// The allowed table of docs/rules.md §2, written out independently of `apply`.
    fn allowed(status: Status, action: &Action) -> Option<Status> {
        let non_final = !status.is_final();
        match (action, status) {
            (Action::Accept, Received) => Some(Accepted),
            (Action::Reject { .. }, Received) => Some(Rejected),
            (Action::Classify { .. }, Accepted | Returned) => Some(status),
            (Action::Assign { .. }, Accepted | Returned) => Some(Assigned),
            (Action::Answer { .. }, Accepted | Returned) => Some(Replied),
            (Action::MarkStateSecret, s) if non_final => Some(s),
            (Action::Return { .. }, Assigned) => Some(Returned),
            (Action::Reply { .. }, Assigned) => Some(Replied),
            (Action::Approve, Replied) => Some(Verified),
            (Action::SendBack { .. }, Replied) => Some(Assigned),
            (Action::Publish, Verified) => Some(Published),
            (Action::Unpublish { .. }, Published) => Some(ClosedPrivate),
            (Action::Rate { .. }, Published | ClosedPrivate) => Some(status),
            (Action::Duplicate { .. }, _) if non_final => Some(Duplicate),
            _ => None,
        }
    }

    #[test]
    fn every_status_and_action_pair_follows_the_spec_table() {
        let mut allowed_count = 0;
        let mut refused_count = 0;
        for status in Status::ALL {
            for action in every_action() {
                let before = report(status);
                match (allowed(status, &action), apply(&before, &action)) {
                    (Some(want), Ok(after)) => {
                        assert_eq!(after.status, want, "{status} + {action:?}");
                        allowed_count += 1;
                    }
                    (None, Err(TransitionError::WrongStatus { status: s, .. })) => {
                        assert_eq!(s, status);
                        refused_count += 1;
                    }
                    (want, got) => panic!("{status} + {action:?}: want {want:?}, got {got:?}"),
                }
            }
        }
        assert_eq!(allowed_count + refused_count, 10 * 14);
        assert_eq!(allowed_count, 28);
    }

    #[test]
    fn assign_needs_a_field() {
        let mut r = report(Accepted);
        r.field = None;
        let assign = Action::Assign {
            agency: "SXD".into(),
            urgent: false,
        };
        assert_eq!(
            apply(&r, &assign),
            Err(TransitionError::FieldRequired(r.id))
        );
    }

    #[test]
    fn assign_starts_a_round_and_can_make_urgent() {
        let r = apply(
            &report(Accepted),
            &Action::Assign {
                agency: "PCCM".into(),
                urgent: true,
            },
        )
        .unwrap();
        assert_eq!(
            (r.round, r.urgent, r.agency.as_deref()),
            (1, true, Some("PCCM"))
        );
    }

    #[test]
    fn a_returned_report_may_have_its_field_corrected_and_stays_returned() {
        let mut returned = report(Returned);
        returned.returns = 1;
        let corrected = apply(&returned, &Action::Classify { field: "VT".into() }).unwrap();
        assert_eq!(corrected.field.as_deref(), Some("VT"));
        // Still waiting for another agency: nothing else moves until it is dispatched.
        assert_eq!(
            (
                corrected.status,
                corrected.agency.as_deref(),
                corrected.returns,
                corrected.round
            ),
            (Returned, Some("SXD"), 1, 1)
        );
        let again = apply(
            &corrected,
            &Action::Assign {
                agency: "SKHCN".into(),
                urgent: false,
            },
        )
        .unwrap();
        assert_eq!((again.status, again.round), (Assigned, 2));
    }

    #[test]
    fn send_back_starts_a_new_round() {
        let r = apply(
            &report(Replied),
            &Action::SendBack {
                reason: "Ảnh chưa rõ".into(),
            },
        )
        .unwrap();
        assert_eq!((r.status, r.round, r.send_backs), (Assigned, 2, 1));
    }

    #[test]
    fn a_direct_answer_cannot_be_sent_back() {
        let mut r = report(Replied);
        r.agency = None;
        let err = apply(&r, &Action::SendBack { reason: "x".into() }).unwrap_err();
        assert!(matches!(err, TransitionError::WrongStatus { .. }));
    }

    #[test]
    fn confidential_and_state_secret_reports_are_answered_privately() {
        let mut confidential = report(Verified);
        confidential.confidential = true;
        assert_eq!(
            apply(&confidential, &Action::Publish).unwrap().status,
            ClosedPrivate
        );
        let mut secret = report(Verified);
        secret.state_secret = true;
        assert_eq!(
            apply(&secret, &Action::Publish).unwrap().status,
            ClosedPrivate
        );
    }

    /// The steps a refusal advises an account of `role`, as actions: each must be one
    /// `apply` accepts on the very report that was refused. A step advised "then" (assign once classified) is
    /// tried after the one before it.
    fn advised(next: Next, role: Role) -> Vec<Vec<Action>> {
        let classify = || Action::Classify { field: "MT".into() };
        let assign = || Action::Assign {
            agency: "SXD".into(),
            urgent: false,
        };
        let answer = || Action::Answer {
            text: "Đã xử lý.".into(),
        };
        match next {
            Next::Validate => vec![vec![Action::Accept]],
            Next::ClassifyThenAssign => vec![vec![classify(), assign()], vec![answer()]],
            Next::AssignOrAnswer | Next::Correct => {
                vec![vec![assign()], vec![answer()], vec![classify()]]
            }
            // Told to the portal, it says what the agency may do: no step of the desk's.
            Next::AgencyActs if !role_may(role, Operation::Reply) => vec![],
            Next::AgencyActs => vec![
                vec![Action::Return {
                    reason: "Không đúng thẩm quyền".into(),
                }],
                vec![Action::Reply {
                    text: "Đã vá ổ gà.".into(),
                }],
            ],
            Next::Review => vec![
                vec![Action::Approve],
                vec![Action::SendBack {
                    reason: "Thiếu ảnh".into(),
                }],
            ],
            Next::ApproveDirectAnswer => vec![vec![Action::Approve]],
            Next::Publish => vec![vec![Action::Publish]],
            Next::RateOnly => vec![vec![Action::Rate { score: 4 }]],
            Next::RateOrUnpublish => vec![
                vec![Action::Rate { score: 4 }],
                vec![Action::Unpublish {
                    reason: "Bà Lan được nêu tên đề nghị gỡ".into(),
                }],
            ],
            Next::Finished
            | Next::FollowOriginal
            | Next::AwaitCheck
            | Next::AwaitPublication
            | Next::AwaitRedispatch
            | Next::WithPortal
            | Next::Closed => vec![],
        }
    }

    /// Every refusal for the status `report` is in, of a step an account of `role` may
    /// take, advising `next`: each advised step works, and that role may take it.
    fn assert_advice_is_possible(report: &Report, role: Role) {
        let may = |action: &Action| {
            action
                .kind()
                .operation()
                .is_some_and(|operation| role_may(role, operation))
        };
        for action in every_action().into_iter().filter(|a| may(a)) {
            let Err(TransitionError::WrongStatus { hint, hint_vi, .. }) =
                apply_as(report, &action, role)
            else {
                continue;
            };
            let next = Next::of(report, role);
            // Sending a direct answer back has its own refusal, which advises approving.
            if matches!(action, Action::SendBack { .. }) && next == Next::ApproveDirectAnswer {
                assert!(hint.contains("--approve`") && !hint.contains("--send-back"));
            } else {
                assert_eq!((hint, hint_vi), (next.en(), next.vi()), "{action:?}");
            }
            for chain in advised(next, role) {
                let mut r = report.clone();
                for step in chain {
                    assert!(may(&step), "{role:?} advised {step:?} on {report:?}");
                    r = apply_as(&r, &step, role).unwrap_or_else(|e| {
                        panic!("{action:?} refused on {report:?}, advising {next:?}; then {step:?}: {e}")
                    });
                }
            }
        }
    }

    /// The Vietnamese advice named the report "ID" in the commands it gave
    /// (`phananh verify ID --send-back`); Vietnamese text says "SỐ", as `erase SỐ` does.
    #[test]
    fn vietnamese_advice_names_the_report_by_its_number() {
        for role in Role::ALL {
            for status in Status::ALL {
                for action in every_action() {
                    if let Err(TransitionError::WrongStatus { hint_vi, .. }) =
                        apply_as(&report(status), &action, role)
                    {
                        let words: Vec<&str> =
                            hint_vi.split(|c: char| !c.is_alphanumeric()).collect();
                        assert!(!words.contains(&"ID"), "{role:?} {status:?}: {hint_vi}");
                    }
                }
            }
        }
        assert!(Next::Review.vi().contains("`phananh verify SỐ --approve`"));
    }

    /// Issue: a direct answer awaiting check was told to `--send-back` by every refusal,
    /// and `--send-back` was then refused for it (docs/rules.md §2). No refusal may advise
    /// a step that is refused for the same report.
    #[test]
    fn a_refusal_advises_only_steps_the_report_allows() {
        for role in Role::ALL {
            for status in Status::ALL {
                for with_agency in [false, true] {
                    for with_field in [false, true] {
                        let mut r = report(status);
                        if !with_agency {
                            r.agency = None;
                        }
                        if !with_field {
                            r.field = None;
                        }
                        assert_advice_is_possible(&r, role);
                    }
                }
            }
        }
        let answered = apply(
            &report(Accepted),
            &Action::Answer {
                text: "Đã chuyển UBND phường.".into(),
            },
        )
        .unwrap();
        let Err(TransitionError::WrongStatus { hint, hint_vi, .. }) = apply(
            &answered,
            &Action::Answer {
                text: "Trả lời lại cho rõ.".into(),
            },
        ) else {
            panic!("a second answer must be refused")
        };
        assert!(!hint.contains("--send-back"), "{hint}");
        assert!(!hint_vi.contains("--send-back"), "{hint_vi}");
        assert!(hint.contains("--approve") && hint_vi.contains("--approve"));
    }

    /// A handler replacing a reply awaiting check was told to
    /// verify it (`--approve` or `--send-back`), a step a handler may not take; the advice
    /// is now to ask the desk to send it back.
    #[test]
    fn a_handler_correcting_a_reply_is_told_to_ask_the_desk() {
        for action in [
            Action::Reply {
                text: "Đã thay bóng đèn toàn tuyến".into(),
            },
            Action::Return {
                reason: "Đèn đường do Phường quản lý".into(),
            },
        ] {
            let Err(TransitionError::WrongStatus { hint, hint_vi, .. }) =
                apply_as(&report(Replied), &action, Role::Handler)
            else {
                panic!("{action:?} must be refused on a reply awaiting check")
            };
            assert!(!hint.contains("`--approve`"), "{hint}");
            assert!(!hint_vi.contains("`--approve`"), "{hint_vi}");
            assert!(hint.contains("ask the portal's reception desk"), "{hint}");
            assert!(
                hint_vi.contains("liên hệ bộ phận tiếp nhận của Cổng"),
                "{hint_vi}"
            );
            // No command a handler may not run: `verify` is the desk's.
            assert!(!hint.contains("phananh verify"), "{hint}");
            assert!(!hint_vi.contains("phananh verify"), "{hint_vi}");
        }
        // The desk is still told to check it.
        let Err(TransitionError::WrongStatus { hint, .. }) = apply_as(
            &report(Replied),
            &Action::Reply {
                text: "Đã thay bóng đèn".into(),
            },
            Role::Reception,
        ) else {
            panic!("a second reply must be refused")
        };
        assert!(
            hint.contains("`phananh verify ID --approve` or `phananh verify ID --send-back"),
            "{hint}"
        );
    }

    /// Issue: English said "while the report is replied": the status's code in prose.
    #[test]
    fn english_refusals_name_the_status_by_its_label() {
        let e = apply(
            &report(Replied),
            &Action::Return {
                reason: "Không đúng thẩm quyền".into(),
            },
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "`return` is not possible while the report's status is \"Awaiting review\"; verify it (`phananh verify ID --approve` or `phananh verify ID --send-back --reason …`)"
        );
    }

    #[test]
    fn classifying_in_the_field_it_has_is_refused_as_nothing_to_do() {
        for status in [Accepted, Returned] {
            let same = Action::Classify { field: "GT".into() };
            assert_eq!(
                apply(&report(status), &same),
                Err(TransitionError::AlreadyClassified {
                    id: 1,
                    field: "GT".into()
                })
            );
            let other = apply(&report(status), &Action::Classify { field: "VT".into() });
            assert_eq!(other.unwrap().field.as_deref(), Some("VT"));
        }
    }

    #[test]
    fn marking_twice_is_refused() {
        let marked = apply(&report(Assigned), &Action::MarkStateSecret).unwrap();
        assert!(marked.state_secret);
        assert_eq!(
            apply(&marked, &Action::MarkStateSecret),
            Err(TransitionError::AlreadyStateSecret)
        );
    }

    #[test]
    fn ratings_outside_one_to_five_are_refused_and_later_ones_replace() {
        let published = report(Published);
        assert_eq!(
            apply(&published, &Action::Rate { score: 0 }),
            Err(TransitionError::BadScore(0))
        );
        assert_eq!(
            apply(&published, &Action::Rate { score: 6 }),
            Err(TransitionError::BadScore(6))
        );
        let once = apply(&published, &Action::Rate { score: 2 }).unwrap();
        let twice = apply(&once, &Action::Rate { score: 4 }).unwrap();
        assert_eq!(twice.rating, Some(4));
    }

    #[test]
    fn duplicates_point_at_a_real_original() {
        let r = report(Accepted);
        let dup = |of, of_status, of_duplicate_of| Action::Duplicate {
            of,
            of_status,
            of_duplicate_of,
        };
        assert_eq!(
            apply(&r, &dup(1, Accepted, None)),
            Err(TransitionError::SelfDuplicate)
        );
        assert_eq!(
            apply(&r, &dup(3, Duplicate, Some(7))),
            Err(TransitionError::DuplicateOfDuplicate { of: 3, original: 7 })
        );
        assert_eq!(
            apply(&r, &dup(3, Rejected, None)),
            Err(TransitionError::DuplicateOfRejected(3))
        );
        let merged = apply(&r, &dup(3, Published, None)).unwrap();
        assert_eq!((merged.status, merged.duplicate_of), (Duplicate, Some(3)));
    }

    /// Taking a result out of public view: only a published one, with a reason that says
    /// something, into `closed_private`, which allows a rating and nothing further.
    #[test]
    fn only_a_published_result_is_taken_out_of_public_view_and_with_a_reason() {
        let why = || Action::Unpublish {
            reason: "Bà Lan được nêu tên trong kết quả đề nghị gỡ".into(),
        };
        let withdrawn = apply(&report(Published), &why()).unwrap();
        assert_eq!(withdrawn.status, ClosedPrivate);
        for nothing in [" ", "x", "ok", "..."] {
            assert_eq!(
                apply(
                    &report(Published),
                    &Action::Unpublish {
                        reason: nothing.into()
                    }
                ),
                Err(TransitionError::ReasonRequired),
                "{nothing:?}"
            );
        }
        // Once private, it stays so: a second takedown is refused as any wrong status is.
        assert!(matches!(
            apply(&withdrawn, &why()),
            Err(TransitionError::WrongStatus {
                status: ClosedPrivate,
                ..
            })
        ));
        assert_eq!(
            apply(&withdrawn, &Action::Rate { score: 3 })
                .unwrap()
                .rating,
            Some(3)
        );
        for status in Status::ALL.into_iter().filter(|s| *s != Published) {
            assert!(apply(&report(status), &why()).is_err(), "{status}");
        }
    }

    #[test]
    fn empty_reasons_and_texts_are_refused() {
        assert_eq!(
            apply(&report(Assigned), &Action::Return { reason: " ".into() }),
            Err(TransitionError::ReasonRequired)
        );
        assert_eq!(
            apply(&report(Assigned), &Action::Reply { text: "".into() }),
            Err(TransitionError::TextRequired)
        );
    }

    /// `reply --text @traloi.txt` recorded "@traloi.txt" as the result, and it was published.
    #[test]
    fn a_result_that_only_names_a_file_is_refused() {
        use statement::NamesAFile;
        for (typed, named) in [
            ("@traloi.txt", NamesAFile::File("traloi.txt".into())),
            ("traloi.docx", NamesAFile::File("traloi.docx".into())),
            ("-", NamesAFile::Stdin),
        ] {
            for (status, action) in [
                (Assigned, Action::Reply { text: typed.into() }),
                (Accepted, Action::Answer { text: typed.into() }),
            ] {
                assert_eq!(
                    apply(&report(status), &action),
                    Err(TransitionError::TextNamesAFile(named.clone())),
                    "{typed:?}"
                );
            }
        }
        // The status is judged first: a reply already sent is told so, whatever its text.
        assert!(matches!(
            apply(
                &report(Replied),
                &Action::Reply {
                    text: "@traloi.txt".into()
                }
            ),
            Err(TransitionError::WrongStatus { .. })
        ));
    }

    #[test]
    fn results_and_reasons_that_say_nothing_are_refused() {
        for nothing in ["\u{200B}", ".", "-", "...", "không", "N/A", "x", "ok"] {
            let text = || nothing.to_owned();
            // A result of "-" is refused as standard input, which `--text` does not read.
            let refused = match nothing {
                "-" => TransitionError::TextNamesAFile(statement::NamesAFile::Stdin),
                _ => TransitionError::TextRequired,
            };
            assert_eq!(
                apply(&report(Assigned), &Action::Reply { text: text() }),
                Err(refused.clone()),
                "{nothing:?}"
            );
            assert_eq!(
                apply(&report(Accepted), &Action::Answer { text: text() }),
                Err(refused),
                "{nothing:?}"
            );
            assert_eq!(
                apply(&report(Assigned), &Action::Return { reason: text() }),
                Err(TransitionError::ReasonRequired),
                "{nothing:?}"
            );
            assert_eq!(
                apply(&report(Replied), &Action::SendBack { reason: text() }),
                Err(TransitionError::ReasonRequired),
                "{nothing:?}"
            );
        }
        let fixed = apply(
            &report(Assigned),
            &Action::Reply {
                text: "Đã vá ổ gà".into(),
            },
        )
        .unwrap();
        assert_eq!(fixed.status, Replied);
    }

    #[test]
    fn every_refusal_has_a_vietnamese_text() {
        for status in Status::ALL {
            for action in every_action() {
                if let Err(e) = apply(&report(status), &action) {
                    assert!(!e.vi().is_empty());
                }
            }
        }
    }

    fn arbitrary_action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::Accept),
            Just(Action::Reject {
                reasons: vec!["missing_phone".into()]
            }),
            Just(Action::Classify { field: "GT".into() }),
            any::<bool>().prop_map(|urgent| Action::Assign {
                agency: "SXD".into(),
                urgent
            }),
            Just(Action::Answer {
                text: "Đã trả lời.".into()
            }),
            Just(Action::MarkStateSecret),
            Just(Action::Return {
                reason: "Không đúng thẩm quyền".into()
            }),
            Just(Action::Reply {
                text: "Đã xử lý.".into()
            }),
            Just(Action::Approve),
            Just(Action::SendBack {
                reason: "Chưa đạt".into()
            }),
            Just(Action::Publish),
            Just(Action::Unpublish {
                reason: "Người được nêu tên đề nghị gỡ".into()
            }),
            (0u8..8).prop_map(|score| Action::Rate { score }),
            Just(Action::Duplicate {
                of: 2,
                of_status: Accepted,
                of_duplicate_of: None
            }),
        ]
    }

    proptest! {
        /// Whatever state operators bring a report to, a refusal there advises only steps
        /// that are possible for it, and that the refused account's role may take.
        #[test]
        fn refusals_along_any_history_advise_possible_steps(
            actions in proptest::collection::vec(arbitrary_action(), 0..30),
        ) {
            let ts = crate::domain::time::parse("2026-10-05 08:00").unwrap().unwrap();
            let mut r = Report::received("CMG-A".into(), ts);
            r.id = 1;
            for action in actions {
                for role in Role::ALL {
                    assert_advice_is_possible(&r, role);
                }
                if let Ok(next) = apply(&r, &action) {
                    r = next;
                }
            }
            for role in Role::ALL {
                assert_advice_is_possible(&r, role);
            }
        }
    }

    proptest! {
        /// Whatever operators do, in any order: nothing is published without having been
        /// verified just before, a confidential or state-secret report is never published,
        /// a final status is never left but by taking a published result out of public
        /// view (into `closed_private`, itself never left), and rounds only grow.
        #[test]
        fn random_action_sequences_keep_the_invariants(
            confidential in any::<bool>(),
            actions in proptest::collection::vec(arbitrary_action(), 0..40),
        ) {
            let ts = crate::domain::time::parse("2026-10-05 08:00").unwrap().unwrap();
            let mut r = Report::received("CMG-P".into(), ts);
            r.id = 1;
            r.confidential = confidential;
            for action in &actions {
                if let Ok(next) = apply(&r, action) {
                        if next.status == Published {
                            prop_assert!(r.status == Verified || r.status == Published);
                            prop_assert!(!next.confidential && !next.state_secret);
                        }
                        let unpublished = matches!(action, Action::Unpublish { .. })
                            && (r.status, next.status) == (Published, ClosedPrivate);
                        if next.status != r.status && r.status.is_final() && !unpublished {
                            prop_assert!(false, "left final status {}", r.status);
                        }
                        prop_assert!(next.round >= r.round);
                        r = next;
                    }
            }
        }
    }
}
