//! The tables that decide who may act and what is counted (staff, agencies, fields, routes,
//! service codes, settings, the operator's calendar days), as the audit chain seals them
//! (docs/rules.md §2 \[choice\]; Đ11). Every change event carries, inside its sealed payload,
//! the digest of each row it wrote (or of every row of a table, for a baseline); `audit
//! verify` folds those into the rows the log expects and names the first current row that
//! differs. Owns the payload's shape, the row digest and the fold; storage reads the rows and
//! hands them here as JSON values. The fold also answers, event by event, whether the login
//! that wrote an event was bound to its account at the time (docs/rules.md §7). No I/O.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::access::{self, Role};
use super::audit::{ChainBreak, EventRecord};
use super::event::{EventKind, SYSTEM_ACTOR};
use super::identity::{self, AuthMode};
use super::report::{hex, json_digest_bytes};

/// The key of a change event's payload under which its rows are sealed.
pub const PAYLOAD_KEY: &str = "sealed";

/// A row as a change event seals it: its table, its key, and the digest of the whole row
/// (None: the change removed it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedRow {
    pub table: String,
    pub key: Vec<String>,
    pub digest: Option<String>,
}

/// What one change event seals: `whole` tables (every row of them is in `rows`, and any
/// row not there is not expected), then single rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whole: Vec<String>,
    pub rows: Vec<SealedRow>,
}

impl Image {
    /// The image a change event's payload seals under [`PAYLOAD_KEY`], if it has one.
    pub fn of_payload(payload: &str) -> Option<Image> {
        // Read alone: the payload beside it may list tens of thousands of clocks.
        serde_json::from_value(crate::domain::payload::last_under(payload, PAYLOAD_KEY)?).ok()
    }

    /// What this image says of the row of `table` with `key`: Some(digest) when it seals
    /// it (None inside: removed, or absent from a table sealed whole); None when it says
    /// nothing of it.
    pub fn sealed(&self, table: &str, key: &[String]) -> Option<Option<&str>> {
        if let Some(row) = self.rows.iter().find(|r| r.table == table && r.key == key) {
            return Some(row.digest.as_deref());
        }
        self.whole.iter().any(|t| t == table).then_some(None)
    }
}

/// The key of a `staff_add` payload that marks it as `staff enable`'s: the account's values
/// as the log last sealed them, with only `active` set again (`Expected::check_flip`).
pub const ENABLE_KEY: &str = "enable";

/// The digest of a row: SHA-256 of the canonical JSON array of its column values, in
/// hex. The same bytes whether the row is sealed by a change or read back by `audit verify`.
pub fn row_digest(values: &[serde_json::Value]) -> String {
    hex(&json_digest_bytes(&values))
}

/// How a key is named in a message: `"admin"`, or `("GT", "")` for a key of two columns.
/// Debug quoting escapes control characters, so a key never breaks a line of output.
pub fn key_text(key: &[String]) -> String {
    match key {
        [one] => format!("{one:?}"),
        many => format!(
            "({})",
            many.iter()
                .map(|k| format!("{k:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The rows of one table the log expects: each key with the digest last recorded (None:
/// removed) and the event that recorded it.
type Rows = BTreeMap<Vec<String>, (Option<String>, i64)>;

/// The rows the log expects, folded from the change events in chain order. A table no event
/// has sealed whole (a database from before sealing, until its baseline) is not expected
/// anything and is left unchecked.
#[derive(Debug, Default)]
pub struct Expected {
    /// Per sealed table.
    tables: HashMap<String, Rows>,
    /// What an account's sealed row holds, by the row's digest: the values a `staff_add`
    /// (or the first admin's `init`) stated, with either `active` (`staff_disable` flips it).
    accounts: HashMap<String, (AccountValues, bool)>,
    /// Per table, the last event that sealed it whole: which rows are expected at all.
    whole_by: HashMap<String, i64>,
    /// The rows an account acts by (its `staff` row, its `staff_logins` bindings) whose last
    /// sealing event was itself written without the right to, with what is wrong with that
    /// event. Without it, an account made or bound by such an event passed for one the log
    /// vouched for ever after: an insider who bound their login to the admin with `sqlite3`
    /// for one `staff add`, then took the binding away, had a new admin account of their own
    /// that revealed identities, exported them all and set the retention period, every check
    /// reading its row as sealed by the log (`Expected::unearned`).
    unearned: HashMap<(String, Vec<String>), ChainBreak>,
    /// The log has been in `peer` mode at some event.
    was_peer: bool,
    /// The events written while the log was back in `trust` mode after it (the first
    /// [`IN_TRUST_KEPT`]), and how many there were.
    in_trust: Vec<WrittenInTrust>,
    in_trust_count: u64,
}

/// How many events written in a `trust` window `audit verify` keeps to name; the rest are
/// counted (a file left in trust for months would otherwise hold them all in memory).
pub const IN_TRUST_KEPT: usize = 100;

/// An event written while a file with a `peer` history was switched back to `trust`
/// (`settings set auth.mode trust --yes`): then `--as` and `--now` are taken as typed, so
/// the account it names and the time it gives are the writer's word only. `audit verify`
/// names each, with the login that wrote it, whether the log bound that login to the
/// account, and the system clock when that differs from `at` by more than the minutes
/// `audit reveals` tolerates (docs/rules.md §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrittenInTrust {
    pub event: i64,
    pub action: String,
    pub actor: String,
    pub login: Option<String>,
    /// Whether the log bound the login to the account then; None when it could not tell.
    pub bound: Option<bool>,
    pub at: String,
    pub recorded_at: Option<String>,
    /// `at` and `recorded_at` differ by more than `reveals::AT_TOLERANCE_MINUTES`.
    pub at_differs: bool,
}

/// Whether `record` is a switch of `auth.mode` (the window's own ends).
fn switches_mode(record: &EventRecord, kind: Option<EventKind>) -> bool {
    kind == Some(EventKind::SettingsSet)
        && serde_json::from_str::<serde_json::Value>(&record.payload)
            .is_ok_and(|p| p["key"] == identity::SETTING)
}

/// Whether a `staff_add` payload leaves the account active (`"active"`, true when absent).
fn active_in(payload: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|p| p.get("active").and_then(serde_json::Value::as_bool))
        .unwrap_or(true)
}

/// The values of an account as a `staff_add` event's payload states them.
#[derive(Debug, Clone, Deserialize)]
struct AccountValues {
    username: String,
    name: String,
    role: String,
    agency: Option<String>,
}

impl AccountValues {
    /// The row as `staff` holds it, the digest's columns in order (storage::sealed).
    fn row(&self, active: bool) -> [serde_json::Value; 5] {
        [
            serde_json::Value::from(self.username.clone()),
            serde_json::Value::from(self.name.clone()),
            serde_json::Value::from(self.role.clone()),
            self.agency
                .clone()
                .map_or(serde_json::Value::Null, serde_json::Value::from),
            serde_json::Value::from(i64::from(active)),
        ]
    }
}

impl Expected {
    /// Takes in what event `event` sealed.
    pub fn observe(&mut self, event: i64, image: &Image) {
        for table in &image.whole {
            self.tables.insert(table.clone(), BTreeMap::new());
            self.whole_by.insert(table.clone(), event);
        }
        for row in &image.rows {
            if let Some(rows) = self.tables.get_mut(&row.table) {
                rows.insert(row.key.clone(), (row.digest.clone(), event));
            }
        }
    }

    /// Takes in one event of the chain with the image it sealed, if any, first checking who
    /// wrote it, against the tables as the log had sealed them just before it (what the
    /// command was authorised against):
    /// - in `peer` mode a login acts only as an account bound to it, so an event that names
    ///   a login must name an account the log had bound to that login;
    /// - in either mode the account must exist, be active and have a role allowed the
    ///   event's operation (`EventKind::operation`).
    ///
    /// A binding, a role, an `active` flag or a whole account made behind the tool's back
    /// for one act and taken away after it leaves the tables as sealed; the act it allowed
    /// shows here. A `staff_disable` must seal the row it found with only `active` changed.
    /// Not judged: events before the tables were sealed whole or before logins were
    /// recorded, `trust` mode for bindings, accounts whose values no event stated (an older
    /// database's), `init`, refusals (the record that an act was not allowed), a restore
    /// (written into the restored copy, whose tables are the backup's), and the kinds
    /// phananh writes on its own account (`SYSTEM_ACTOR`: a baseline, identities sealed or
    /// erased after the retention period, and the erasures, withdrawals of consent, reveals
    /// and full exports a restore writes again).
    pub fn observe_event(
        &mut self,
        record: &EventRecord,
        image: Option<&Image>,
    ) -> Result<(), ChainBreak> {
        let kind = EventKind::parse(&record.action);
        let exempt = match kind {
            Some(EventKind::Init | EventKind::Refused | EventKind::Restore) => true,
            // A restore writes again, as phananh, the erasures, withdrawals of consent,
            // reveals and full exports the replaced log made after the backup
            // (`payload.reapplied`).
            Some(
                EventKind::SealTables
                | EventKind::SealIdentity
                | EventKind::RewriteFile
                | EventKind::Erase
                | EventKind::ConsentWithdraw
                | EventKind::Reveal
                | EventKind::ExportFull,
            ) => record.actor == SYSTEM_ACTOR,
            _ => false,
        };
        let problem = if exempt {
            None
        } else {
            self.acting_problem(record, kind)
        };
        match self.peer_mode() {
            Some(true) => self.was_peer = true,
            Some(false) if self.was_peer && !exempt && !switches_mode(record, kind) => {
                self.in_trust_count += 1;
                if self.in_trust.len() < IN_TRUST_KEPT {
                    let bound = record
                        .login
                        .as_deref()
                        .and_then(|login| self.binds(&record.actor, login));
                    self.in_trust.push(WrittenInTrust {
                        event: record.id,
                        action: record.action.clone(),
                        actor: record.actor.clone(),
                        login: record.login.clone(),
                        bound,
                        at: record.at.clone(),
                        recorded_at: record.recorded_at.clone(),
                        at_differs: super::reveals::times_differ(
                            &record.at,
                            record.recorded_at.as_deref(),
                        ),
                    });
                }
            }
            _ => {}
        }
        // A disable, and an enable, flip `active` and nothing else.
        let flipped = match kind {
            Some(EventKind::StaffDisable) => disabled_account(&record.payload).map(|u| (u, false)),
            Some(EventKind::StaffAdd) => enabled_account(&record.payload).map(|u| (u, true)),
            _ => None,
        };
        let before = flipped
            .as_ref()
            .and_then(|(u, _)| self.staff_digest(u))
            .map(str::to_owned);
        if let Some(image) = image {
            self.earn(record, image, problem.as_ref());
            self.observe(record.id, image);
        }
        if let (Some((username, active)), Some(before)) = (flipped, before) {
            self.check_flip(record.id, username, &before, active)?;
        }
        match kind {
            Some(EventKind::StaffAdd) => {
                if let Ok(values) = serde_json::from_str(&record.payload) {
                    self.learn_account(values);
                }
            }
            Some(EventKind::Init) => self.learn_first_admin(&record.payload),
            _ => {}
        }
        problem.map_or(Ok(()), Err)
    }

    /// The events written in a `trust` window after `peer` mode, the first
    /// [`IN_TRUST_KEPT`] of them, and how many there were.
    pub fn written_in_trust(&mut self) -> (Vec<WrittenInTrust>, u64) {
        (std::mem::take(&mut self.in_trust), self.in_trust_count)
    }

    /// Marks the rows `image` seals that say who may act (an account, a binding, the
    /// mode) as resting on `record`, written without the right to (`problem`), when it gave
    /// someone more there; or, written with it, as the log's again (an admin disabling or
    /// unbinding an account so made vouches for what they wrote). A re-seal without right
    /// that gives nothing (a name corrected) leaves the row as it was judged: tainting it
    /// locked the one admin out of every later step, their own repair included. Read
    /// against the tables as sealed before `record`.
    fn earn(&mut self, record: &EventRecord, image: &Image, problem: Option<&ChainBreak>) {
        let unearned = problem.filter(|p| p.is_acting_without_right());
        for row in &image.rows {
            let Some(grants) = self.grants(record, row) else {
                continue;
            };
            let at = (row.table.clone(), row.key.clone());
            match unearned {
                Some(problem) if grants => {
                    self.unearned.insert(at, problem.clone());
                }
                Some(_) => {}
                None => {
                    self.unearned.remove(&at);
                }
            }
        }
    }

    /// Whether sealing `row` as `record` does gives anyone more than the tables as sealed
    /// so far: a new account, a role or agency changed, an account enabled, a login bound,
    /// the mode changed. None for a row that says nothing of who may act.
    fn grants(&self, record: &EventRecord, row: &SealedRow) -> Option<bool> {
        match row.table.as_str() {
            "staff" => {
                if row.digest.is_none()
                    || EventKind::parse(&record.action) == Some(EventKind::StaffDisable)
                {
                    return Some(false);
                }
                let username = row.key.first()?;
                let before = self
                    .staff_digest(username)
                    .and_then(|digest| self.accounts.get(digest));
                let Some((old, was_active)) = before else {
                    return Some(true);
                };
                let Ok(new) = serde_json::from_str::<AccountValues>(&record.payload) else {
                    return Some(true);
                };
                let enables = !was_active && active_in(&record.payload);
                Some(new.role != old.role || new.agency != old.agency || enables)
            }
            "staff_logins" => {
                let bound_before = self
                    .sealed_digest("staff_logins", &row.key)
                    .flatten()
                    .is_some();
                Some(row.digest.is_some() && !bound_before)
            }
            "settings" if row.key.first().map(String::as_str) == Some(identity::SETTING) => {
                Some(self.sealed_digest("settings", &row.key).flatten() != row.digest.as_deref())
            }
            _ => None,
        }
    }

    /// What is wrong with the event that last changed the mode (`auth.mode`), when it was
    /// written without the right to: a login bound to the admin with `sqlite3` for one
    /// `settings set auth.mode trust`, then unbound, left every account's `--as` the
    /// writer's word, and reveals went through.
    pub fn unearned_mode(&self) -> Option<&ChainBreak> {
        self.unearned
            .get(&("settings".to_owned(), vec![identity::SETTING.to_owned()]))
    }

    /// What is wrong with the event that made `account`'s row, or its binding to `login`,
    /// as the log holds them now, when that event was written without the right to.
    pub fn unearned(&self, account: &str, login: Option<&str>) -> Option<&ChainBreak> {
        let staff = ("staff".to_owned(), vec![account.to_owned()]);
        let bound = login.map(|login| {
            (
                "staff_logins".to_owned(),
                vec![account.to_owned(), login.to_owned()],
            )
        });
        self.unearned
            .get(&staff)
            .or_else(|| bound.and_then(|at| self.unearned.get(&at)))
    }

    /// What is wrong with who wrote `record`, judged on the tables as sealed before it.
    fn acting_problem(&self, record: &EventRecord, kind: Option<EventKind>) -> Option<ChainBreak> {
        let actor = &record.actor;
        if let Some(login) = record.login.as_deref()
            && self.peer_mode() == Some(true)
            && self.binds(actor, login) == Some(false)
        {
            return Some(ChainBreak::ActedUnbound {
                id: record.id,
                actor: actor.clone(),
                login: login.to_owned(),
            });
        }
        let login = record
            .login
            .as_deref()
            .filter(|_| self.peer_mode() == Some(true));
        if let Some(made) = self.unearned(actor, login) {
            return Some(ChainBreak::ActedAsUnearned {
                id: record.id,
                actor: actor.clone(),
                made_by: made.acting_event().unwrap_or_default(),
            });
        }
        let operation = kind.and_then(EventKind::operation)?;
        if self.is_sealed("staff") && self.staff_digest(actor).is_none() {
            return Some(ChainBreak::ActedAsNobody {
                id: record.id,
                actor: actor.clone(),
            });
        }
        let (role, active) = self.account(actor)?;
        (!(active && access::role_may(role, operation))).then(|| ChainBreak::ActedBeyondRole {
            id: record.id,
            actor: actor.clone(),
            role: role.as_str().to_owned(),
            active,
            action: record.action.clone(),
        })
    }

    /// A `staff_disable` writes `active` = 0 and nothing else, and `staff enable` (a
    /// `staff_add` marked [`ENABLE_KEY`]) `active` = 1: the row either seals must be the one
    /// sealed before it with only that changed. Sealing a row edited behind the tool's back
    /// (a role raised) would make the edit look like the log's.
    fn check_flip(
        &self,
        event: i64,
        username: String,
        before: &str,
        active: bool,
    ) -> Result<(), ChainBreak> {
        let Some((values, _)) = self.accounts.get(before) else {
            return Ok(());
        };
        if self.staff_digest(&username) == Some(row_digest(&values.row(active)).as_str()) {
            return Ok(());
        }
        Err(ChainBreak::TableRowAltered {
            table: "staff".to_owned(),
            key: vec![username],
            event,
        })
    }

    /// Takes in an account's values as an event wrote them, so that the row digests they
    /// give (active or disabled) say the account's role.
    fn learn_account(&mut self, values: AccountValues) {
        for active in [true, false] {
            self.accounts
                .insert(row_digest(&values.row(active)), (values.clone(), active));
        }
    }

    /// The first admin, as `init` made it: its payload names it (`admin`, `admin_name`;
    /// databases made before the name was recorded leave it unknown).
    fn learn_first_admin(&mut self, payload: &str) {
        #[derive(Deserialize)]
        struct Init {
            admin: String,
            admin_name: String,
        }
        if let Ok(init) = serde_json::from_str::<Init>(payload) {
            self.learn_account(AccountValues {
                username: init.admin,
                name: init.admin_name,
                role: Role::Admin.as_str().to_owned(),
                agency: None,
            });
        }
    }

    /// The digest the log last sealed for `username`'s staff row; None when it has none (or
    /// the table is not sealed whole).
    fn staff_digest(&self, username: &str) -> Option<&str> {
        match self
            .tables
            .get("staff")?
            .get([username.to_owned()].as_slice())?
        {
            (Some(digest), _) => Some(digest),
            (None, _) => None,
        }
    }

    /// An account's role and whether it is active, as the log, folded so far, seals its
    /// row; None when the staff table is not sealed whole, the account has no row, or its
    /// row's values were never stated by an event.
    pub fn account(&self, username: &str) -> Option<(Role, bool)> {
        let (values, active) = self.accounts.get(self.staff_digest(username)?)?;
        Some((Role::parse(&values.role)?, *active))
    }

    /// Whether the log, as folded so far, binds `login` to `account`; None while the
    /// bindings are not sealed whole.
    pub fn binds(&self, account: &str, login: &str) -> Option<bool> {
        let rows = self.tables.get("staff_logins")?;
        let key = [account.to_owned(), login.to_owned()];
        Some(matches!(rows.get(key.as_slice()), Some((Some(_), _))))
    }

    /// Whether the log, as folded so far, has accounts authenticated by login
    /// (`auth.mode`): no row, or the row `trust`, is trust mode; any other row is peer, as
    /// `AuthMode::of_setting` reads it. None while the settings are not sealed whole.
    pub fn peer_mode(&self) -> Option<bool> {
        // Asked for every event `audit verify` walks: the digest it compares with is made
        // once per process.
        static TRUST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let trust = TRUST.get_or_init(|| {
            row_digest(&[
                serde_json::Value::from(identity::SETTING),
                serde_json::Value::from(AuthMode::Trust.as_str()),
            ])
        });
        let rows = self.tables.get("settings")?;
        Some(match rows.get([identity::SETTING.to_owned()].as_slice()) {
            Some((Some(digest), _)) => digest != trust,
            _ => false,
        })
    }

    /// The events what the log expects of `table` rests on: the last that sealed it whole
    /// and the last that sealed each row (or its removal), in id order. A row agreeing with
    /// the fold vouches for nothing unless these events themselves hold.
    pub fn vouchers(&self, table: &str) -> Vec<i64> {
        let mut events: Vec<i64> = self
            .tables
            .get(table)
            .into_iter()
            .flat_map(|rows| rows.values().map(|(_, event)| *event))
            .chain(self.whole_by.get(table).copied())
            .collect();
        events.sort_unstable();
        events.dedup();
        events
    }

    /// The events the rows `keys` of `table` rest on, as `vouchers` gives them for the
    /// whole table: the last that sealed it whole and the last that sealed each of those
    /// rows. For a decision that reads those rows only.
    pub fn vouchers_of(&self, table: &str, keys: &[Vec<String>]) -> Vec<i64> {
        let rows = self.tables.get(table);
        let mut events: Vec<i64> = keys
            .iter()
            .filter_map(|key| rows?.get(key.as_slice()).map(|(_, event)| *event))
            .chain(self.whole_by.get(table).copied())
            .collect();
        events.sort_unstable();
        events.dedup();
        events
    }

    /// The digest the log last sealed for row `key` of `table` (None: its removal), or
    /// None when no event sealed the row.
    pub fn sealed_digest(&self, table: &str, key: &[String]) -> Option<Option<&str>> {
        self.tables
            .get(table)?
            .get(key)
            .map(|(digest, _)| digest.as_deref())
    }

    /// Whether some event sealed `table` whole, so that its rows can be checked.
    pub fn is_sealed(&self, table: &str) -> bool {
        self.tables.contains_key(table)
    }

    /// The first row of `table` (in key order) that differs from what the log says, given
    /// the current rows (key → digest). None when they agree, or when `table` is not sealed.
    pub fn first_difference(
        &self,
        table: &str,
        current: &BTreeMap<Vec<String>, String>,
    ) -> Option<ChainBreak> {
        let expected = self.tables.get(table)?;
        let mut keys: Vec<&Vec<String>> = expected.keys().chain(current.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .find_map(|key| self.row_difference(table, key, current.get(key)))
    }

    /// Every row of `table` that differs from what the log says, in key order, as
    /// [`Expected::first_difference`] finds the first.
    pub fn differences(
        &self,
        table: &str,
        current: &BTreeMap<Vec<String>, String>,
    ) -> Vec<ChainBreak> {
        let Some(expected) = self.tables.get(table) else {
            return Vec::new();
        };
        let mut keys: Vec<&Vec<String>> = expected.keys().chain(current.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter_map(|key| self.row_difference(table, key, current.get(key)))
            .collect()
    }

    /// How the row `key` of `table` differs from what the log says, given its digest now
    /// (None: no such row): changed, gone, or there without an event. None when they agree,
    /// or when `table` is not sealed. For a step that reads one row and must not act on it
    /// unless the log vouches for it, whether it is there or not.
    pub fn row_difference(
        &self,
        table: &str,
        key: &[String],
        current: Option<&String>,
    ) -> Option<ChainBreak> {
        let expected = self.tables.get(table)?;
        let name = || (table.to_owned(), key.to_vec());
        match (expected.get(key), current) {
            (Some((Some(sealed), event)), Some(now)) if sealed != now => {
                let (table, key) = name();
                Some(ChainBreak::TableRowAltered {
                    table,
                    key,
                    event: *event,
                })
            }
            (Some((Some(_), event)), None) => {
                let (table, key) = name();
                Some(ChainBreak::TableRowRemoved {
                    table,
                    key,
                    event: *event,
                })
            }
            (None | Some((None, _)), Some(_)) => {
                let (table, key) = name();
                Some(ChainBreak::TableRowUnrecorded { table, key })
            }
            _ => None,
        }
    }
}

/// The account a `staff_disable` event's payload names.
fn disabled_account(payload: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Disabled {
        username: String,
    }
    serde_json::from_str::<Disabled>(payload)
        .ok()
        .map(|d| d.username)
}

/// The account a `staff_add` event marked as `staff enable`'s names; None for any other
/// `staff_add` (an account added or changed, whose values it states anew).
fn enabled_account(payload: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Enabled {
        username: String,
        #[serde(default)]
        enable: bool,
    }
    serde_json::from_str::<Enabled>(payload)
        .ok()
        .filter(|e| e.enable)
        .map(|e| e.username)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> Vec<String> {
        vec![k.to_owned()]
    }

    fn row(table: &str, k: &str, values: &[serde_json::Value]) -> SealedRow {
        SealedRow {
            table: table.into(),
            key: key(k),
            digest: Some(row_digest(values)),
        }
    }

    fn current(rows: &[(&str, &[serde_json::Value])]) -> BTreeMap<Vec<String>, String> {
        rows.iter().map(|(k, v)| (key(k), row_digest(v))).collect()
    }

    fn staff_baseline() -> Expected {
        let mut expected = Expected::default();
        expected.observe(
            1,
            &Image {
                whole: vec!["staff".into()],
                rows: vec![row("staff", "admin", &[json!("admin"), json!("admin")])],
            },
        );
        expected.observe(
            7,
            &Image {
                whole: vec![],
                rows: vec![row("staff", "hung", &[json!("hung"), json!("handler")])],
            },
        );
        expected
    }

    #[test]
    fn rows_as_sealed_agree() {
        let expected = staff_baseline();
        let now = current(&[
            ("admin", &[json!("admin"), json!("admin")]),
            ("hung", &[json!("hung"), json!("handler")]),
        ]);
        assert_eq!(expected.first_difference("staff", &now), None);
    }

    #[test]
    fn an_edited_row_names_the_event_that_sealed_it() {
        let expected = staff_baseline();
        let now = current(&[
            ("admin", &[json!("admin"), json!("admin")]),
            ("hung", &[json!("hung"), json!("admin")]),
        ]);
        assert_eq!(
            expected.first_difference("staff", &now),
            Some(ChainBreak::TableRowAltered {
                table: "staff".into(),
                key: key("hung"),
                event: 7
            })
        );
    }

    #[test]
    fn an_inserted_and_a_deleted_row_are_named_in_key_order() {
        let expected = staff_baseline();
        let now = current(&[
            ("admin", &[json!("admin"), json!("admin")]),
            ("ghost", &[json!("ghost"), json!("admin")]),
        ]);
        assert_eq!(
            expected.first_difference("staff", &now),
            Some(ChainBreak::TableRowUnrecorded {
                table: "staff".into(),
                key: key("ghost")
            })
        );
        let now = current(&[("admin", &[json!("admin"), json!("admin")])]);
        assert_eq!(
            expected.first_difference("staff", &now),
            Some(ChainBreak::TableRowRemoved {
                table: "staff".into(),
                key: key("hung"),
                event: 7
            })
        );
    }

    #[test]
    fn a_removal_sealed_by_the_log_expects_the_row_gone() {
        let mut expected = staff_baseline();
        expected.observe(
            9,
            &Image {
                whole: vec![],
                rows: vec![SealedRow {
                    table: "staff".into(),
                    key: key("hung"),
                    digest: None,
                }],
            },
        );
        let gone = current(&[("admin", &[json!("admin"), json!("admin")])]);
        assert_eq!(expected.first_difference("staff", &gone), None);
        let back = current(&[
            ("admin", &[json!("admin"), json!("admin")]),
            ("hung", &[json!("hung"), json!("handler")]),
        ]);
        assert!(matches!(
            expected.first_difference("staff", &back),
            Some(ChainBreak::TableRowUnrecorded { .. })
        ));
    }

    /// One row judged alone, as `first_difference` judges it among the others: a row gone
    /// is named as much as a row changed (the sweep read a deleted retention period as
    /// "off" and erased nothing, silently), a row never sealed and absent is no difference.
    #[test]
    fn one_row_is_judged_alone_changed_gone_inserted_or_as_sealed() {
        let expected = staff_baseline();
        let digest = |v: &[serde_json::Value]| row_digest(v);
        let hung = digest(&[json!("hung"), json!("handler")]);
        assert_eq!(
            expected.row_difference("staff", &key("hung"), Some(&hung)),
            None
        );
        assert_eq!(
            expected.row_difference(
                "staff",
                &key("hung"),
                Some(&digest(&[json!("hung"), json!("admin")]))
            ),
            Some(ChainBreak::TableRowAltered {
                table: "staff".into(),
                key: key("hung"),
                event: 7
            })
        );
        assert_eq!(
            expected.row_difference("staff", &key("hung"), None),
            Some(ChainBreak::TableRowRemoved {
                table: "staff".into(),
                key: key("hung"),
                event: 7
            })
        );
        assert_eq!(
            expected.row_difference("staff", &key("ghost"), Some(&hung)),
            Some(ChainBreak::TableRowUnrecorded {
                table: "staff".into(),
                key: key("ghost")
            })
        );
        assert_eq!(expected.row_difference("staff", &key("ghost"), None), None);
        // A table no event sealed whole is not judged.
        assert_eq!(expected.row_difference("settings", &key("x"), None), None);
        // The same verdicts as the table judged whole.
        let gone = current(&[("admin", &[json!("admin"), json!("admin")])]);
        assert_eq!(
            expected.first_difference("staff", &gone),
            expected.row_difference("staff", &key("hung"), None)
        );
    }

    /// An account's role is known from the values its `staff_add` wrote, for the row as
    /// written and as `staff_disable` leaves it; a row no event stated is not known.
    #[test]
    fn an_accounts_role_and_state_are_read_from_the_values_the_log_wrote() {
        let values = |active: i64| {
            [
                json!("lan"),
                json!("Nguyễn Thị Lan"),
                json!("reception"),
                serde_json::Value::Null,
                json!(active),
            ]
        };
        let mut expected = Expected::default();
        expected.observe(
            1,
            &Image {
                whole: vec!["staff".into()],
                rows: vec![],
            },
        );
        assert_eq!(expected.account("lan"), None);
        expected.observe(
            2,
            &Image {
                whole: vec![],
                rows: vec![row("staff", "lan", &values(1))],
            },
        );
        expected.learn_account(
            serde_json::from_str(
                r#"{"username":"lan","name":"Nguyễn Thị Lan","role":"reception","agency":null,"active":true}"#,
            )
            .unwrap(),
        );
        assert_eq!(expected.account("lan"), Some((Role::Reception, true)));
        expected.observe(
            3,
            &Image {
                whole: vec![],
                rows: vec![row("staff", "lan", &values(0))],
            },
        );
        assert_eq!(expected.account("lan"), Some((Role::Reception, false)));
        let edited = [
            json!("lan"),
            json!("Nguyễn Thị Lan"),
            json!("admin"),
            serde_json::Value::Null,
            json!(1),
        ];
        expected.observe(
            4,
            &Image {
                whole: vec![],
                rows: vec![row("staff", "lan", &edited)],
            },
        );
        assert_eq!(expected.account("lan"), None);
    }

    /// `staff enable` writes a `staff_add` marked as an enable: it must seal the values the
    /// log sealed before with `active` set, not a row raised behind the tool's back while
    /// the account was disabled; a `staff_add` that states new values (an admin changing
    /// the role) is not an enable and is taken as stated.
    #[test]
    fn an_enable_must_seal_the_row_it_found_with_only_active_changed() {
        let values = |role: &str, active: i64| {
            [
                json!("lan"),
                json!("Nguyễn Thị Lan"),
                json!(role),
                serde_json::Value::Null,
                json!(active),
            ]
        };
        let event = |id: i64, action: &str, payload: &str| {
            EventRecord::for_test(id, "admin", action, payload)
        };
        let sealing = |digest: &[serde_json::Value]| Image {
            whole: vec![],
            rows: vec![row("staff", "lan", digest)],
        };
        let mut base = Expected::default();
        base.observe(
            1,
            &Image {
                whole: vec!["staff".into()],
                rows: vec![],
            },
        );
        let admin = [
            json!("admin"),
            json!("Quản trị"),
            json!("admin"),
            serde_json::Value::Null,
            json!(1),
        ];
        base.observe(
            2,
            &Image {
                whole: vec![],
                rows: vec![row("staff", "admin", &admin)],
            },
        );
        base.learn_first_admin(r#"{"admin":"admin","admin_name":"Quản trị"}"#);
        base.observe(2, &sealing(&values("reception", 1)));
        base.learn_account(
            serde_json::from_str(
                r#"{"username":"lan","name":"Nguyễn Thị Lan","role":"reception","agency":null}"#,
            )
            .unwrap(),
        );
        base.observe(3, &sealing(&values("reception", 0)));
        let enable = r#"{"username":"lan","name":"Nguyễn Thị Lan","role":"admin","agency":null,"active":true,"enable":true}"#;
        let changed = r#"{"username":"lan","name":"Nguyễn Thị Lan","role":"admin","agency":null,"active":true}"#;
        let honest = r#"{"username":"lan","name":"Nguyễn Thị Lan","role":"reception","agency":null,"active":true,"enable":true}"#;
        let replay = |payload: &str, sealed: &[serde_json::Value]| {
            let mut expected = Expected {
                tables: base.tables.clone(),
                accounts: base.accounts.clone(),
                whole_by: base.whole_by.clone(),
                ..Expected::default()
            };
            expected.observe_event(&event(4, "staff_add", payload), Some(&sealing(sealed)))
        };
        assert_eq!(
            replay(enable, &values("admin", 1)),
            Err(ChainBreak::TableRowAltered {
                table: "staff".into(),
                key: key("lan"),
                event: 4
            })
        );
        assert_eq!(replay(honest, &values("reception", 1)), Ok(()));
        assert_eq!(replay(changed, &values("admin", 1)), Ok(()));
    }

    /// An account made by an event its writer had no right to write rests on that event,
    /// and so does what that account makes in turn; an admin's later change of the account
    /// makes it the log's again.
    #[test]
    fn what_an_act_without_right_made_is_unearned_down_the_line() {
        let staff = |user: &str, role: &str| {
            [
                json!(user),
                json!(format!("Cán bộ {user}")),
                json!(role),
                serde_json::Value::Null,
                json!(1),
            ]
        };
        let add = |id: i64, by: &str, user: &str, role: &str| {
            let payload = json!({
                "username": user, "name": format!("Cán bộ {user}"), "role": role, "agency": null
            });
            (
                EventRecord::for_test(id, by, "staff_add", &payload.to_string()),
                Image {
                    whole: vec![],
                    rows: vec![row("staff", user, &staff(user, role))],
                },
            )
        };
        let mut expected = Expected::default();
        expected.observe(
            1,
            &Image {
                whole: vec!["staff".into()],
                rows: vec![row("staff", "admin", &staff("admin", "admin"))],
            },
        );
        expected.learn_first_admin(r#"{"admin":"admin","admin_name":"Cán bộ admin"}"#);
        let mut replay =
            |(record, image): (EventRecord, Image)| expected.observe_event(&record, Some(&image));
        assert_eq!(replay(add(2, "admin", "hung", "handler")), Ok(()));
        // The handler (raised behind the tool's back) makes an admin.
        let beyond = ChainBreak::ActedBeyondRole {
            id: 3,
            actor: "hung".into(),
            role: "handler".into(),
            active: true,
            action: "staff_add".into(),
        };
        assert_eq!(replay(add(3, "hung", "moi", "admin")), Err(beyond.clone()));
        // Which makes another.
        let down = ChainBreak::ActedAsUnearned {
            id: 4,
            actor: "moi".into(),
            made_by: 3,
        };
        assert_eq!(replay(add(4, "moi", "moi2", "admin")), Err(down.clone()));
        assert_eq!(replay(add(5, "admin", "moi2", "reception")), Ok(()));
        // Re-sealing the admin's own row without right, giving nothing (its name), leaves
        // the admin the log's: tainted, the one admin could no longer repair anything.
        let (mut renamed, image) = add(6, "moi", "admin", "admin");
        renamed.payload = renamed.payload.replace("Cán bộ admin", "Quản trị");
        assert!(replay((renamed, image)).is_err());
        assert_eq!(expected.unearned("moi", None), Some(&beyond));
        assert_eq!(expected.unearned("moi2", None), None);
        assert_eq!(expected.unearned("hung", Some("hung")), None);
        assert_eq!(expected.unearned("admin", None), None);
        assert_eq!(expected.unearned_mode(), None);
    }

    /// What the sweep checks before it trusts a setting: every event the fold of a table
    /// rests on, a removal and the whole seal included, and none of another table's.
    #[test]
    fn a_tables_vouchers_are_the_events_its_expected_rows_rest_on() {
        let mut expected = Expected::default();
        expected.observe(
            2,
            &Image {
                whole: vec!["settings".into()],
                rows: vec![row("settings", "a", &[json!("1")])],
            },
        );
        expected.observe(
            5,
            &Image {
                whole: Vec::new(),
                rows: vec![row("settings", "b", &[json!("2")])],
            },
        );
        expected.observe(
            7,
            &Image {
                whole: Vec::new(),
                rows: vec![SealedRow {
                    table: "settings".into(),
                    key: key("b"),
                    digest: None,
                }],
            },
        );
        expected.observe(
            8,
            &Image {
                whole: vec!["staff".into()],
                rows: vec![row("staff", "lan", &[json!("x")])],
            },
        );
        assert_eq!(expected.vouchers("settings"), vec![2, 7]);
        assert_eq!(expected.vouchers("staff"), vec![8]);
        assert_eq!(expected.vouchers("calendar"), Vec::<i64>::new());
    }

    #[test]
    fn a_table_never_sealed_whole_is_not_judged() {
        let mut expected = Expected::default();
        expected.observe(
            3,
            &Image {
                whole: vec![],
                rows: vec![row("settings", "a", &[json!("a"), json!("1")])],
            },
        );
        assert!(!expected.is_sealed("settings"));
        let now = current(&[("b", &[json!("b"), json!("2")])]);
        assert_eq!(expected.first_difference("settings", &now), None);
    }

    #[test]
    fn the_image_reads_back_from_its_json() {
        let image = Image {
            whole: vec!["routes".into()],
            rows: vec![SealedRow {
                table: "routes".into(),
                key: vec!["GT".into(), String::new()],
                digest: Some(row_digest(&[json!("GT"), json!(""), json!("SXD")])),
            }],
        };
        let text = serde_json::to_string(&image).unwrap();
        assert_eq!(serde_json::from_str::<Image>(&text).unwrap(), image);
        assert_eq!(key_text(&image.rows[0].key), r#"("GT", "")"#);
        assert_eq!(key_text(&key("a\nb")), r#""a\nb""#);
    }

    #[test]
    fn the_digest_tells_types_and_columns_apart() {
        assert_ne!(row_digest(&[json!("1")]), row_digest(&[json!(1)]));
        assert_ne!(
            row_digest(&[json!("ab"), json!("c")]),
            row_digest(&[json!("a"), json!("bc")])
        );
    }
}
