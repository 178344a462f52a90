//! What storage found that stops a command, as data: the report, the event, the version.
//! Storage words none of it; `src/output/storage.rs` does (its `Bilingual` impl), and
//! `crate::exit` prints it in the language asked for, with the exit class it carries.

use std::path::PathBuf;

use super::private::Standing;
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
    /// A copy another writer kept waiting past its 10 seconds.
    CopyKeptWaiting,
    /// A wait for a restore given up on: the file `shown` held exclusively for `seconds`.
    HeldTooLong { shown: String, seconds: u64 },
    /// The file's schema `version` is newer than this phananh's `latest`.
    NewerSchema { version: i64, latest: i64 },
    /// Migration `step` cannot run on tables newer than the `version` the file states
    /// (`error`: SQLite's own words).
    SchemaMismatch {
        version: i64,
        step: usize,
        error: String,
    },
    /// Migrating to `latest` would leave a row pointing at one that is gone.
    WouldDangle { latest: i64 },
    /// `file`, the database or backup `of` (or one of its side files, `side`), is
    /// `standing` rather than a regular file: phananh does not open it.
    NotRegular {
        of: Whose,
        side: bool,
        file: PathBuf,
        standing: Standing,
    },
    /// No database at `path`.
    NoDatabase(PathBuf),
    /// `path` is an empty file, not initialised.
    NotInitialised(PathBuf),
    /// `path` is already a phananh database (to initialise).
    AlreadyOurs(PathBuf),
    /// `path` is not a phananh database; it was left untouched.
    NotOurs(PathBuf),
    /// The writers' queue file `path` cannot be used: what was `found` there.
    QueueUnusable { path: PathBuf, found: QueueFound },
}

/// What stops a writers' queue file from being used (`storage::queue`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueFound {
    /// Something other than a regular file stands at its name (a link, a folder, a FIFO).
    Standing(Standing),
    /// It did not open, for the system's reason.
    Failed(super::diagnose::OsError),
    /// It kept appearing and vanishing while it was opened.
    Unsteady,
    /// It is not there, and this account may not make it: the database's folder does not
    /// let it write.
    FolderUnwritable(std::path::PathBuf),
}

/// Whose files a check of regular files is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    Database,
    Backup,
}

impl Refusal {
    /// The exit class the refusal calls for.
    pub fn class(&self) -> Class {
        match self {
            Refusal::EditedBehind { .. }
            | Refusal::SchemaChanged(_)
            | Refusal::RowUnreadable { .. }
            | Refusal::EventDropped { .. }
            | Refusal::SchemaMismatch { .. } => Class::Integrity,
            Refusal::NoWorkingTime(_)
            | Refusal::CopyKeptWaiting
            | Refusal::HeldTooLong { .. }
            | Refusal::NewerSchema { .. }
            | Refusal::WouldDangle { .. }
            | Refusal::NotRegular { .. }
            | Refusal::NoDatabase(_)
            | Refusal::NotInitialised(_)
            | Refusal::AlreadyOurs(_)
            | Refusal::NotOurs(_)
            | Refusal::QueueUnusable { .. } => Class::Refused,
        }
    }
}

impl std::error::Error for Refusal {}
