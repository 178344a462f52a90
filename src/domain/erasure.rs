//! What a run over the reports closed before a moment could not judge, and why: its
//! erasure leaves them out and names them (`app::erase`, worded by `output::erase`).

use crate::domain::audit::ChainBreak;
use crate::domain::report::Status;

/// The setting that turns on erasure after a retention period (docs/rules.md §6).
pub const RETENTION: &str = "privacy.erase_after_days";

/// Where an erased report's stored texts still hold its reporter's own name or phone, typed
/// there by the citizen or an agency: how many places in each (`redact::own_identity_places`).
/// The erasure destroys the identity, not what the texts say; the public views and readers
/// without identity rights see "[đã ẩn]" there.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LeftInTexts {
    pub report: i64,
    pub content: usize,
    pub address: usize,
    pub result: usize,
    /// A commune that is not one of the province's, and the app's category hint: a row
    /// shifted by a column puts the reporter's name or phone there.
    pub commune: usize,
    pub hint: usize,
}

impl LeftInTexts {
    pub fn total(&self) -> usize {
        self.content + self.address + self.result + self.commune + self.hint
    }
}

/// A report the closed-before selection could not judge, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unjudged {
    pub report_id: i64,
    pub problem: Unjudgeable,
}

/// Why a final report's closing time cannot be read from the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unjudgeable {
    /// The event it would be read from does not hold at its place in the chain
    /// (`domain::audit::Placed`).
    Event(ChainBreak),
    /// No event moved it into the final status it stands in.
    NoClosing(Status),
    /// It stands in a status that is not final (`row`), but the last step of its log left
    /// it in a final one (`logged`): closed, its status set back outside phananh.
    Reopened { row: Status, logged: Status },
}
