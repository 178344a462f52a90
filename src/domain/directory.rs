//! The account an import of a reference table (fields, agencies, accounts) keeps of what it
//! did: `app::reference` keeps it, `output::reference` says it. No I/O.

use serde::Serialize;

/// What an import did, key by key, for its summary: the data of other people's work (who
/// may act, where reports go) is never changed without a word.
#[derive(Debug, Default, Serialize)]
pub struct Imported {
    /// Keys that were not there before.
    pub new: Vec<String>,
    /// Keys whose row changed, with what changed (`name`, `role`, `agency`, `level`,
    /// `parent`, `keywords`).
    pub changed: Vec<(String, Vec<&'static str>)>,
    /// Rows equal to what was stored.
    pub unchanged: usize,
    /// Disabled accounts the file names: an import never enables an account again.
    pub kept_disabled: Vec<String>,
    /// Logins newly bound, as `account (login)`.
    pub bound: Vec<String>,
}

impl Imported {
    /// How many rows the file had.
    pub fn rows(&self) -> usize {
        self.new.len() + self.changed.len() + self.unchanged
    }

    /// Files `key` under new, changed (with `what`) or unchanged.
    pub fn note(&mut self, key: &str, existed: bool, what: Vec<&'static str>) {
        if !existed {
            self.new.push(key.to_owned());
        } else if what.is_empty() {
            self.unchanged += 1;
        } else {
            self.changed.push((key.to_owned(), what));
        }
    }
}
