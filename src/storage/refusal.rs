//! What storage found that stops a command, as data: the report, the event, the version.
//! Storage words none of it; `src/output/storage.rs` does (its `Bilingual` impl), and
//! `crate::exit` prints it in the language asked for, with the exit class it carries.

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
}

impl Refusal {
    /// The exit class the refusal calls for.
    pub fn class(&self) -> Class {
        match self {
            Refusal::EditedBehind { .. } => Class::Integrity,
        }
    }
}

impl std::error::Error for Refusal {}
