//! The application layer: the use cases every command calls (a workflow step, ingest,
//! validate, sweep, deadlines, backup and restore, play), and the context they run in. It
//! opens transactions and calls the domain and storage; it never parses arguments nor
//! prints (commands in `cli` do the first, `output` the second).

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod configure;
pub mod deadlines;
pub mod directory;
pub mod export;
pub mod history;
pub mod ingest;
pub mod init;
pub mod login;
pub mod pipeline;
pub mod play;
pub mod reference;
pub mod report;
pub mod routing;
pub mod services;
pub mod settings;
pub mod show;
pub mod sweep;
pub mod triage;
pub mod validate;
pub mod workflow;

use std::path::PathBuf;

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::domain::access::{self, Actor, Operation, Refusal, Target};
use crate::domain::event::EventKind;
use crate::domain::identity::{self, AuthMode};
use crate::domain::report::Report;
use crate::domain::time::{self, Timestamp};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::Format;
use crate::storage::journal::{Entry, Journal, Sealed, Stamp};
use crate::storage::tx::immediate;
use crate::storage::{self, reports};

/// What every command receives.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: Option<PathBuf>,
    /// The account asked for (`--as`, `PHANANH_USER`); `actor` decides whether it may act.
    pub user: Option<String>,
    pub now: Timestamp,
    pub format: Format,
    pub lang: Lang,
    /// The operating-system login running the command (`login::caller`).
    pub login: String,
    /// `now` was given (`--now`, `PHANANH_NOW`, a replay) rather than read from the system
    /// clock; in `peer` mode such a clock times no step (docs/rules.md §7).
    pub pinned: bool,
}

impl Context {
    pub fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(|| PathBuf::from("phananh.sqlite"))
    }

    pub fn open(&self) -> Result<Connection> {
        let conn = storage::open(&self.db_path(), |from, to| self.upgrading(from, to))?;
        let rebuilt = deadlines::rebuild_if_missing(&conn)?;
        if rebuilt > 0 {
            self.status(
                &format!("Đã dựng lại {rebuilt} thời hạn từ nhật ký (cơ sở dữ liệu tạo trước khi có thời hạn)."),
                &format!("rebuilt {rebuilt} clocks from the log (the database predates clocks)"),
            );
        }
        Ok(conn)
    }

    /// Said before a schema migration, which rewrites tables and takes about half a minute
    /// on a database of a million reports.
    pub fn upgrading(&self, from: i64, to: i64) {
        self.status(
            &format!("Đang nâng lược đồ cơ sở dữ liệu từ phiên bản {from} lên {to} (một lần, sau khi cập nhật phananh)…"),
            &format!("upgrading the database schema from version {from} to {to} (once, after updating phananh)…"),
        );
    }

    /// Who acts and when, as every event this context writes records it.
    pub fn stamp(&self, actor: &str) -> Stamp {
        Stamp {
            actor: actor.to_owned(),
            at: self.now,
            login: self.login.clone(),
            pinned: self.pinned,
        }
    }

    /// Records an event about no report (an administrator's change, a backup, an export)
    /// inside the caller's write transaction; `payload` is its JSON text.
    pub fn note(
        &self,
        conn: &Connection,
        actor: &str,
        kind: EventKind,
        payload: String,
    ) -> Result<i64> {
        Journal::new(conn, self.stamp(actor))?.append(Entry::note(kind, payload))
    }

    pub fn now_text(&self) -> String {
        time::format(&self.now)
    }

    /// A status line on stderr, in the chosen language.
    pub fn status(&self, vi: &str, en: &str) {
        eprintln!("{}", self.lang.pick(vi, en));
    }

    /// Loads the acting account: the one `--as` names, which in `peer` mode must be bound
    /// to the caller's login, or in that mode without `--as` the one account bound to it
    /// (docs/rules.md §7). Anything else is refused and logged with the login.
    pub fn actor(&self, conn: &Connection) -> Result<Actor> {
        let mode = auth_mode(conn)?;
        let bound = match mode {
            AuthMode::Peer => storage::reference::bindings_of_login(conn, &self.login)?,
            AuthMode::Trust => Vec::new(),
        };
        let user = match identity::choose(mode, &self.login, self.user.as_deref(), &bound) {
            Ok(Some(user)) => user,
            Ok(None) => bail!(Localized::new(
                "Chưa chỉ định tài khoản thực hiện; dùng --as TÊN hoặc biến môi trường PHANANH_USER.",
                "no acting account given; use --as USER or set PHANANH_USER",
            )),
            Err(refusal) => {
                let asked = self.user.as_deref().unwrap_or_default();
                log_refusal(conn, self.stamp(asked), "login", None, &refusal.to_string())?;
                bail!(Localized::new(
                    format!("Bị từ chối: {}", refusal.vi()),
                    format!("refused: {refusal}"),
                ));
            }
        };
        match storage::reference::load_staff(conn, &user)?
            .as_ref()
            .and_then(storage::reference::actor)
        {
            Some(actor) => Ok(actor),
            None => {
                log_refusal(conn, self.stamp(&user), "login", None, "unknown account")?;
                bail!(Localized::new(
                    format!(
                        "Không có tài khoản \"{user}\"; xem `phananh staff list` hoặc nhờ quản trị viên thêm."
                    ),
                    format!(
                        "there is no account \"{user}\"; see `phananh staff list` or ask an admin to add it"
                    ),
                ))
            }
        }
    }

    /// Checks `operation` for `actor` outside any transaction; a refusal is logged, then
    /// returned as the error.
    pub fn authorize(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
    ) -> Result<()> {
        access::authorize(actor, operation, report.map(Target::from))
            .map_err(|refusal| self.log_refused(conn, actor, operation, report, &refusal))
    }

    /// Records a refusal (outside any open transaction) and turns it into the error to
    /// return. If even the log cannot be written, that failure is what the user sees.
    pub fn log_refused(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
        refusal: &Refusal,
    ) -> anyhow::Error {
        match log_refusal(
            conn,
            self.stamp(&actor.username),
            operation.as_str(),
            report,
            &refusal.to_string(),
        ) {
            Ok(()) => refused(refusal).into(),
            Err(e) => e.context("recording a refused action"),
        }
    }
}

/// How this database authenticates accounts (setting `auth.mode`).
pub fn auth_mode(conn: &Connection) -> Result<AuthMode> {
    Ok(AuthMode::of_setting(
        storage::settings::get(conn, identity::SETTING)?.as_deref(),
    ))
}

pub fn refused(refusal: &Refusal) -> Localized {
    Localized::new(
        format!("Bị từ chối: {}", refusal.vi()),
        format!("refused: {refusal}"),
    )
}

/// Writes a `refused` event in a transaction of its own: the refused command itself changed
/// nothing, but the attempt is on record (docs/rules.md §2 roles).
fn log_refusal(
    conn: &Connection,
    stamp: Stamp,
    operation: &str,
    report: Option<&Report>,
    reason: &str,
) -> Result<()> {
    let tx = immediate(conn)?;
    // The report as it is now, under the lock: another writer may have changed it since it
    // was read for the refused step, and the event seals the row as it stands.
    let current = match report {
        Some(r) => reports::load(&tx, r.id)?,
        None => None,
    };
    let mut journal = Journal::new(&tx, stamp)?;
    journal.append(Entry {
        kind: EventKind::Refused,
        report: current.as_ref().map(Sealed::unchanged),
        about: None,
        payload: serde_json::json!({ "operation": operation, "reason": reason }).to_string(),
        clocks: None,
    })?;
    drop(journal);
    tx.commit()?;
    Ok(())
}

/// Finds a report by number or `ext:APPID`.
pub fn resolve(conn: &Connection, reference: &str) -> Result<Report> {
    let reference = reference.trim();
    let id = if let Some(app_id) = reference.strip_prefix("ext:") {
        reports::id_of_external(conn, app_id)?
    } else {
        reference.parse::<i64>().ok().filter(|id| *id > 0)
    };
    match id {
        Some(id) => match reports::load(conn, id)? {
            Some(report) => Ok(report),
            None => bail!(not_found(reference)),
        },
        None if reference.starts_with("ext:") => bail!(not_found(reference)),
        None => bail!(Localized::new(
            format!(
                "\"{reference}\" không phải số phản ánh; dùng số do phananh cấp (xem `phananh list`) hoặc ext:MÃ_ỨNG_DỤNG."
            ),
            format!(
                "\"{reference}\" is not a report number; use the number phananh assigned (see `phananh list`) or ext:APPID"
            ),
        )),
    }
}

fn not_found(reference: &str) -> Localized {
    Localized::new(
        format!("Không tìm thấy phản ánh {reference}; xem `phananh list`."),
        format!("no report {reference}; see `phananh list`"),
    )
}
