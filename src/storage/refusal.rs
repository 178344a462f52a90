//! What storage found that stops a command, as data: the report, the event, the version.
//! Storage words none of it; `src/output/storage.rs` does (its `Bilingual` impl), and
//! `crate::exit` prints it in the language asked for, with the exit class it carries.

use crate::domain::audit::ChainBreak;
use crate::domain::deadline::NoWorkingTime;
use crate::exit::Class;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A step's report row is not the one the log sealed last (edited behind the tool's
    /// back), or the event that sealed it last does not hold in the chain: `unheld` holds
    /// (report, event) for the latter.
    EditedBehind {
        report: i64,
        unheld: Vec<(i64, i64)>,
    },
    /// A writing open found the file's schema changed outside phananh (a planted trigger
    /// or view runs inside phananh's own statements).
    SchemaChanged(ChainBreak),
    /// A report row phananh cannot read as it writes them (`why`: what would not read).
    RowUnreadable { report: String, why: String },
    /// The calendar gives no working time within ten years: no deadline can be set.
    NoWorkingTime(NoWorkingTime),
    /// An event the log did not take (a trigger planted in the file dropped it).
    EventDropped { id: i64 },
}

impl Refusal {
    /// The exit class the refusal calls for.
    pub fn class(&self) -> Class {
        match self {
            Refusal::EditedBehind { .. }
            | Refusal::SchemaChanged(_)
            | Refusal::RowUnreadable { .. }
            | Refusal::EventDropped { .. } => Class::Integrity,
            Refusal::NoWorkingTime(_) => Class::Refused,
        }
    }
}

impl std::error::Error for Refusal {}
