//! The application layer: the use cases every command calls (a workflow step, ingest,
//! validate, sweep, deadlines, backup and restore, play), and the context they run in. It
//! opens transactions and calls the domain and storage; it never parses arguments nor
//! prints (commands in `cli` do the first, `output` the second).

pub mod audit;
pub mod backup;
pub mod bounded;
pub mod calendar;
pub mod checkpoint;
pub mod configure;
pub mod consent;
pub mod correct;
pub mod deadlines;
pub mod demo;
pub mod directory;
pub mod erase;
pub mod export;
pub mod history;
pub mod ingest;
pub mod init;
pub mod late;
pub mod login;
pub mod manual;
pub mod pipeline;
pub mod play;
pub mod reasons;
pub mod reference;
pub mod report;
pub mod routing;
pub mod services;
pub mod settings;
pub mod show;
pub mod subject;
pub mod sweep;
pub mod triage;
pub mod validate;
pub mod vault;
pub mod workflow;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rusqlite::Connection;

use crate::domain::access::{self, Actor, Operation, Refusal, Target};
use crate::domain::event::EventKind;
use crate::domain::identity::{self, AuthMode};
use crate::domain::report::Report;
use crate::domain::time::{self, Timestamp};
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
    /// The key file that opens reporters' identities (`--key-file`, `PHANANH_KEY_FILE`);
    /// None: the database's path plus `.key` (`key_path`).
    pub key_file: Option<PathBuf>,
    /// The CSV style asked for (`--csv`); None: standard, or for `score` and `report` the
    /// setting `csv.style`.
    pub csv: Option<crate::output::CsvStyle>,
    /// The database is a scratch copy phananh made and removes after (an older backup
    /// upgraded for `audit verify`, `history::open_to_check`): what its upgrade would say
    /// (a key made, to back up; identities encrypted) is of a file about to go, and is not
    /// said.
    pub scratch: bool,
    /// The command typed (`erase`, `report monthly`): a refused login records what was
    /// tried. Empty for the steps phananh plays on its own.
    pub command: String,
}

/// The files no `--out` may name (`storage::private::Overwrite::kept`): the database at `db`
/// and its side files, and its key files, at `key` and beside the database. For the
/// commands that write a file before any database is opened too (`man --out`).
pub fn kept_files(db: &Path, key: &Path) -> Vec<PathBuf> {
    use storage::private::{DATABASE_FILES, KEY_FILES, with_suffix};
    let mut kept: Vec<PathBuf> = DATABASE_FILES.iter().map(|s| with_suffix(db, s)).collect();
    let beside = with_suffix(db, ".key");
    for key in [key.to_owned(), beside] {
        kept.extend(KEY_FILES.iter().map(|s| with_suffix(&key, s)));
    }
    kept
}

impl Context {
    pub fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(|| PathBuf::from("phananh.sqlite"))
    }

    pub fn open(&self) -> Result<Connection> {
        let path = self.db_path();
        // Held until the process ends: a restore waits for every process that has the
        // database open through here, and they for it (storage::lock).
        if !storage::lock::shared(&path)? {
            self.tell(&crate::output::context::waiting_for_restore());
            storage::lock::wait_shared(&path)?;
        }
        let conn = storage::open(&path, |from, to| self.upgrading(from, to))?;
        self.keep_private(&path)?;
        self.bring_up_to_date(&conn)?;
        Ok(conn)
    }

    /// Takes away every other account's access to the database and its side files, and
    /// says so; refuses a file it cannot narrow (`storage::private::tighten_database`).
    /// Called once the file is known to be ours: anything else is left as it was.
    fn keep_private(&self, path: &std::path::Path) -> Result<()> {
        let narrow = storage::private::Narrow::NoOthers;
        for done in storage::private::tighten_database(path, narrow)? {
            self.tell(&crate::output::context::narrowed(
                &done.path, done.was, done.now,
            ));
        }
        Ok(())
    }

    /// What a database made by an older phananh gains on first use, after its schema: the
    /// clocks its log implies, and the baseline of the tables the log seals.
    pub fn bring_up_to_date(&self, conn: &Connection) -> Result<()> {
        let rebuilt = deadlines::rebuild_if_missing(conn)?;
        if rebuilt > 0 {
            self.tell(&crate::output::context::clocks_rebuilt(rebuilt));
        }
        match vault::seal_in_clear(self, conn) {
            Ok(done) if done.sealed == 0 => self.finish_rewrite(conn),
            Ok(done) => {
                self.tell(&crate::output::context::identities_encrypted(done.sealed));
                if done.lingering {
                    self.tell(&crate::output::context::clear_pages_linger());
                }
            }
            // The commands that need no identity go on; the identities stay in clear
            // until the database is opened with its key.
            Err(e) => {
                let why = crate::exit::own_text(&e)
                    .unwrap_or_else(|| Localized::untranslated(format!("{e:#}")));
                self.tell(&crate::output::context::still_in_clear(&why));
            }
        }
        if self.seal_tables_if_unsealed(conn)? {
            self.tell(&crate::output::context::tables_sealed());
        }
        Ok(())
    }

    /// Finishes the whole rewrite an earlier opening owed the file after sealing its
    /// identities (`vault::rewrite_pending`), and says so. A failure (another writer held
    /// the lock through the busy timeout) is said and stops nothing: the next opening tries
    /// again.
    fn finish_rewrite(&self, conn: &Connection) {
        match vault::finish_rewrite(self, conn) {
            Ok(None) => {}
            Ok(Some(true)) => self.tell(&crate::output::context::rewrite_finished()),
            Ok(Some(false)) => self.tell(&crate::output::context::clear_pages_linger()),
            Err(e) => {
                let why = crate::exit::own_text(&e)
                    .unwrap_or_else(|| Localized::untranslated(format!("{e:#}")));
                self.tell(&crate::output::context::rewrite_not_finished(&why));
            }
        }
    }

    /// A database whose log has never sealed the reference tables (made before this
    /// version) gets one `seal_tables` event recording them whole, as they stand: from then
    /// on `audit verify` names any row changed behind the tool's back. What was changed
    /// before it cannot be told. Returns whether it wrote one.
    fn seal_tables_if_unsealed(&self, conn: &Connection) -> Result<bool> {
        if storage::events::has_sealed_tables(conn)? {
            return Ok(false);
        }
        let tx = immediate(conn)?;
        if storage::events::has_sealed_tables(&tx)? || storage::events::head(&tx)?.is_none() {
            return Ok(false);
        }
        self.note_whole(
            &tx,
            SYSTEM_ACTOR,
            EventKind::SealTables,
            serde_json::json!({}),
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Opens the database for a command that only reads: read-only, so that it works on a
    /// backup on read-only media and never converts the file. A database that must first be
    /// written to (an older schema, clocks still to rebuild) is opened as `open` does.
    pub fn open_read(&self) -> Result<Connection> {
        match storage::open_read_only(&self.db_path())? {
            // Identities still in clear are sealed by the first opening that can write.
            storage::ReadOnly::Ready(conn)
                if !deadlines::missing(&conn)? && !vault::waits_for_sealing(&conn)? =>
            {
                // A rewrite still owed is done by the first opening that can write, a
                // reading command too: it is what leaves no clear byte in the file. Where
                // it cannot write (read-only media, a group member who may only read), the
                // file is read as it is.
                if vault::rewrite_pending(&conn)?
                    && let Ok(writing) = self.open()
                {
                    return Ok(writing);
                }
                self.keep_private(&self.db_path())?;
                Ok(conn)
            }
            // An older file must be upgraded (and its identities sealed) before it is read,
            // which writes to it: on read-only media that is impossible, and "reading
            // commands work on a backup" would be the wrong advice.
            _ => self.open().map_err(|e| {
                let path = self.db_path();
                let Some(folder) = storage::diagnose::read_only_folder(&path) else {
                    return e;
                };
                // Schema 7 brought the key file; a file from before it never had one.
                let has_key = storage::schema_version(&path).is_none_or(|v| v >= 7);
                anyhow::Error::new(crate::output::context::older_in_read_only_folder(
                    &path, &folder, has_key,
                ))
            }),
        }
    }

    /// Said before a schema migration, which rewrites tables and takes about half a minute
    /// on a database of a million reports.
    pub fn upgrading(&self, from: i64, to: i64) {
        self.tell(&crate::output::context::upgrading(from, to));
    }

    /// Who acts and when, as every event this context writes records it.
    /// The day a step taken now is timed on (`journal::step_time`): the pinned clock's, else
    /// the system clock's, as the journal times it; a desk left open past midnight acts on
    /// the new day, and an agency whose last day was yesterday takes nothing.
    pub fn acting_day(&self) -> chrono::NaiveDate {
        crate::storage::journal::step_time(self.now, self.pinned).date_naive()
    }

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

    /// Records a change to the tables the log seals (`storage::sealed`) with the rows it
    /// wrote, each read back as it now stands inside the caller's transaction and sealed in
    /// the event's payload under `sealed`.
    pub fn note_rows(
        &self,
        conn: &Connection,
        actor: &str,
        kind: EventKind,
        payload: serde_json::Value,
        touched: &[(&str, Vec<String>)],
    ) -> Result<i64> {
        let payload = self.sealed_payload(conn, payload, touched)?;
        self.note(conn, actor, kind, payload)
    }

    /// `payload` with the rows a change wrote sealed under `sealed`, each read back as it
    /// now stands inside the caller's transaction: for a caller that appends through its
    /// own journal (a setting change is judged under the mode it leaves).
    pub fn sealed_payload(
        &self,
        conn: &Connection,
        mut payload: serde_json::Value,
        touched: &[(&str, Vec<String>)],
    ) -> Result<String> {
        let image = touched_image(conn, touched)?;
        seal_into(&mut payload, &image)?;
        Ok(payload.to_string())
    }

    /// [`Context::sealed_payload`] for a payload written as text a member at a time by
    /// `fill` (`domain::payload::ObjectText::written`): the rows sealed as its last member.
    pub fn sealed_text(
        &self,
        conn: &Connection,
        fill: impl Fn(&mut crate::domain::payload::ObjectText) -> serde_json::Result<()>,
        touched: &[(&str, Vec<String>)],
    ) -> Result<String> {
        let image = serde_json::to_value(touched_image(conn, touched)?)?;
        Ok(crate::domain::payload::ObjectText::written(|payload| {
            fill(payload)?;
            payload.member(crate::domain::tables::PAYLOAD_KEY, &image)
        })?)
    }

    /// Records a change about no report whose long `lists` go into parts of their own,
    /// right after it in the same transaction (`domain::parts`): `fill` writes the head's
    /// members, placing each list where it stands among them (`Lists::write`, which leaves
    /// out those written in parts); the parts' announcement and then, when `touched` is
    /// given, the rows it names (under `sealed`) close it. Returns the head's id.
    pub fn note_with_parts(
        &self,
        conn: &Connection,
        actor: &str,
        kind: EventKind,
        lists: &crate::domain::parts::Lists<'_>,
        fill: impl Fn(&mut crate::domain::payload::ObjectText) -> serde_json::Result<()>,
        touched: Option<&[(&str, Vec<String>)]>,
    ) -> Result<i64> {
        let mut journal = Journal::new(conn, self.stamp(actor))?;
        self.append_with_parts(conn, &mut journal, kind, lists, fill, touched)
    }

    /// [`Context::note_with_parts`] through the caller's `journal`.
    pub fn append_with_parts(
        &self,
        conn: &Connection,
        journal: &mut Journal<'_>,
        kind: EventKind,
        lists: &crate::domain::parts::Lists<'_>,
        fill: impl Fn(&mut crate::domain::payload::ObjectText) -> serde_json::Result<()>,
        touched: Option<&[(&str, Vec<String>)]>,
    ) -> Result<i64> {
        journal.append_with_parts(kind, lists, |announcement| {
            let fill = |payload: &mut crate::domain::payload::ObjectText| {
                fill(payload)?;
                match announcement {
                    Some(parts) => payload.member(crate::domain::parts::PARTS, parts),
                    None => Ok(()),
                }
            };
            match touched {
                Some(touched) => self.sealed_text(conn, fill, touched),
                None => Ok(crate::domain::payload::ObjectText::written(fill)?),
            }
        })
    }

    /// Records an event that seals every sealed table whole (`init`, a baseline).
    pub fn note_whole(
        &self,
        conn: &Connection,
        actor: &str,
        kind: EventKind,
        payload: serde_json::Value,
    ) -> Result<i64> {
        let all: Vec<_> = storage::sealed::TABLES.iter().collect();
        let image = storage::sealed::image(conn, &all, &[])?;
        self.note_image(conn, actor, kind, payload, &image)
    }

    fn note_image(
        &self,
        conn: &Connection,
        actor: &str,
        kind: EventKind,
        mut payload: serde_json::Value,
        image: &crate::domain::tables::Image,
    ) -> Result<i64> {
        seal_into(&mut payload, image)
            .with_context(|| format!("a {kind} event's payload is not a JSON object"))?;
        self.note(conn, actor, kind, payload.to_string())
    }

    /// What a file named by `--out` may not replace (`storage::private::may_write`): the
    /// database and its side files, and its key files, at `--key-file` and beside the
    /// database.
    pub fn overwrite(&self, force: bool) -> storage::private::Overwrite {
        let db = self.db_path();
        storage::private::Overwrite {
            kept: kept_files(&db, &self.key_path()),
            force,
            for_another: login::for_another_person(&db),
        }
    }

    /// What a file named as input may not be (`storage::private::open_input`): the files
    /// `--out` may not replace, and, through sudo, a file the person could not read;
    /// `dash`, the option naming it when it takes `-` for standard input.
    pub fn input(&self, dash: Option<&'static str>) -> storage::private::Input {
        storage::private::Input {
            kept: self.overwrite(false).kept,
            for_person: login::person(&self.db_path()),
            dash,
        }
    }

    pub fn now_text(&self) -> String {
        time::format(&self.now)
    }

    /// A status line on stderr, in the chosen language, without control characters (it may
    /// quote a file name or what a file said), wrapped at a terminal's width
    /// (`output::say`).
    pub fn status(&self, vi: &str, en: &str) {
        if self.scratch {
            return;
        }
        crate::output::say(self.lang.pick(vi, en));
    }

    /// [`Context::status`] of a text `src/output/` worded.
    pub fn tell(&self, said: &Localized) {
        self.status(&said.vi, &said.en);
    }

    /// `refusal`, or when it refuses the caller an account bound to the login that owns the
    /// database (the service account's: cron's), the refusal that says so: binding a
    /// person's login to that account, as a plain refusal advises, would log their acts as
    /// the service's (SECURITY.md, logins per person).
    fn of_service(
        &self,
        conn: &Connection,
        refusal: identity::IdentityRefusal,
    ) -> Result<identity::IdentityRefusal> {
        let identity::IdentityRefusal::NotBound {
            login,
            account,
            bound_to,
        } = refusal
        else {
            return Ok(refusal);
        };
        let owner = login::owner_login(&self.db_path()).filter(|owner| *owner != login);
        let service = match owner {
            Some(owner) => storage::reference::logins(conn, Some(&account))?
                .into_iter()
                .any(|b| b.login == owner)
                .then_some(owner),
            None => None,
        };
        Ok(match service {
            Some(service) => identity::IdentityRefusal::ServiceAccount {
                login,
                account,
                service,
            },
            None => identity::IdentityRefusal::NotBound {
                login,
                account,
                bound_to,
            },
        })
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
            Ok(None) => bail!(crate::output::context::no_account_given()),
            Err(refusal) => {
                let asked = self.user.as_deref().unwrap_or_default();
                // A mistyped --as in peer mode was told to bind the login to an account
                // that does not exist, which then failed: an account that is not there is
                // said so, with the name it most likely misspells.
                let missing = matches!(refusal, identity::IdentityRefusal::NotBound { .. })
                    && storage::reference::load_staff(conn, asked)?.is_none();
                // Filed under whoever tried, not under the name they claimed: a login's
                // tries to act as a colleague were listed by `audit log --actor` as the
                // colleague's own events. The name claimed and the command tried are in
                // the payload.
                let filed = refused_login_actor(mode, &self.login, asked, &bound);
                let mut noted = serde_json::json!({ "command": self.command });
                if !asked.is_empty() {
                    noted["claimed_account"] = asked.into();
                }
                if missing {
                    let logged = log_refusal_noting(
                        conn,
                        self.stamp(&filed),
                        "login",
                        None,
                        &crate::output::context::unknown_account(),
                        Some(&noted),
                    )?;
                    let staff = storage::reference::staff(conn)?;
                    let names: Vec<&str> = staff.iter().map(|s| s.username.as_str()).collect();
                    let near = crate::domain::text::closest(asked, &names);
                    return Err(not_found(
                        logged.said(crate::output::context::no_such_account_near(asked, near)),
                    ));
                }
                let refusal = self.of_service(conn, refusal)?;
                let logged = log_refusal_noting(
                    conn,
                    self.stamp(&filed),
                    "login",
                    None,
                    &Localized::of(&refusal),
                    Some(&noted),
                )?;
                return Err(crate::exit::Kind::Forbidden
                    .over(logged.said(crate::output::context::refused(&refusal))));
            }
        };
        match storage::reference::load_staff(conn, &user)?
            .as_ref()
            .and_then(storage::reference::actor)
        {
            Some(actor) => Ok(actor),
            None => {
                let logged = log_refusal(
                    conn,
                    self.stamp(&user),
                    "login",
                    None,
                    &crate::output::context::unknown_account(),
                )?;
                Err(not_found(
                    logged.said(crate::output::context::no_such_account(&user)),
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
        access::authorize(actor, operation, report.map(Target::from)).map_err(|refusal| {
            // A handler of an agency that held the report and returned it was told it "was
            // not assigned" to them: the refusal says when they returned it, and to whom
            // it went. The rule and the logged refusal are unchanged.
            if let (access::Refusal::OtherAgency(own), Some(report)) = (&refusal, report)
                && let Ok(log) = storage::events::of_report(conn, report.id)
                && let Some(last) = crate::domain::setbacks::read(&log)
                    .returns
                    .into_iter()
                    .rfind(|r| &r.agency == own)
            {
                let said = crate::output::context::refused_after_return(
                    operation,
                    own,
                    &last.at,
                    // Whoever holds it since; while it waits to be dispatched again,
                    // the portal.
                    report
                        .agency
                        .as_deref()
                        .filter(|_| report.status != crate::domain::report::Status::Returned),
                );
                return self.log_refused_saying(
                    conn,
                    actor,
                    operation,
                    Some(report),
                    &refusal,
                    said,
                );
            }
            self.log_refused(conn, actor, operation, report, &refusal)
        })?;
        if matches!(
            operation,
            Operation::RevealPersonalData
                | Operation::ExportFull
                | Operation::ExportSubject
                | Operation::FindReporter
                | Operation::Erase
                | Operation::KeyRotate
                | Operation::CorrectIdentity
                | Operation::WithdrawConsent
                | Operation::GiveConsent
        ) {
            self.vouched_for(conn, actor, operation)?;
        }
        Ok(())
    }

    /// Refuses (exit 5) `operation` on reporters' identities to an account the log does not
    /// vouch for as it acts: its role raised, a login bound to it, or the file switched to
    /// `trust`, with `sqlite3`. `audit verify` names such a row, but only once run, and a
    /// name and phone seen cannot be unseen (Đ6.5;
    /// `honest_time::an_account_given_more_with_sqlite3_reveals_no_identity`), nor an
    /// identity erased, a key changed, or a retention period set (which the next sweep
    /// erases under) be taken back
    /// (`privacy::an_account_raised_with_sqlite3_erases_rekeys_looks_up_and_sets_no_retention`).
    /// `operation` is what is refused (`ManageReference` for a personal-data setting).
    pub(crate) fn vouched_for(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
    ) -> Result<()> {
        let login = match auth_mode(conn)? {
            AuthMode::Peer => Some(self.login.as_str()),
            AuthMode::Trust => None,
        };
        let Some(problem) = audit::unvouched_account(conn, &actor.username, login)? else {
            return Ok(());
        };
        Err(
            crate::exit::Failure::integrity(crate::output::context::unvouched_account(
                &problem,
                &actor.username,
                operation,
            ))
            .into(),
        )
    }

    /// Records a refusal (outside any open transaction) and turns it into the error to
    /// return. If even the log cannot be written, that failure is what the user sees of a
    /// command that writes; a command that reads says the refusal, and that it could not
    /// be logged (`log_refusal`).
    pub fn log_refused(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
        refusal: &Refusal,
    ) -> anyhow::Error {
        let said = crate::output::context::refused_to(operation, refusal);
        self.log_refused_saying(conn, actor, operation, report, refusal, said)
    }

    /// Records a step refused for what it asked, not for who asked (a `refused` event about
    /// `report`, as a refused role is recorded), with `noted` (a JSON object) kept in its
    /// payload beside the rule, and returns `said` as the error (exit 1). For an answer that
    /// tells something of a reporter's identity, which must be on record as a reveal is:
    /// `identity correct` given the values already stored (its reason and fields noted).
    pub(crate) fn log_refused_noting(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
        said: Localized,
        noted: serde_json::Value,
    ) -> anyhow::Error {
        match log_refusal_noting(
            conn,
            self.stamp(&actor.username),
            operation.as_str(),
            report,
            &said,
            Some(&noted),
        ) {
            Ok(logged) => anyhow::Error::new(logged.said(said)),
            Err(e) => e.context("recording a refused action"),
        }
    }

    /// The same, telling the user `said` instead: a command that is one operation under
    /// another name (`triage` is `validate`'s desk) explains the refusal in its own terms,
    /// while the log keeps the operation and the rule, as for any refusal.
    pub fn log_refused_saying(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
        refusal: &Refusal,
        said: Localized,
    ) -> anyhow::Error {
        match log_refusal(
            conn,
            self.stamp(&actor.username),
            operation.as_str(),
            report,
            &Localized::of(refusal),
        ) {
            Ok(logged) => crate::exit::Kind::Forbidden.over(logged.said(said)),
            Err(e) => e.context("recording a refused action"),
        }
    }
}

/// A failure of a run as its cause calls for: a database or file failure comes back with
/// the message and exit class `storage::diagnose` gives it (`db`, the database's path).
pub fn explain_failure(e: anyhow::Error, db: &std::path::Path) -> anyhow::Error {
    storage::diagnose::explain(e, db)
}

/// Which waits for the writers' turn a run says on stderr (`tell_waits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitsTold {
    /// Every wait past a few seconds: a person at a terminal wants to know who holds the
    /// database.
    Every,
    /// Only a wait past `storage::queue::LONG_WAIT`: cron mails whatever reaches stderr,
    /// and a wait is no error, but a holder that hangs holds up every reminder.
    Long,
}

/// A bulk or cron writer that waits for its turn says who holds the database, on stderr
/// in `lang`, from now on: the waits `told` names.
pub fn tell_waits(lang: Lang, told: WaitsTold) {
    storage::queue::tell_waits_to(Some(Box::new(move |waiting| {
        let said = told == WaitsTold::Every || waiting.long;
        crate::output::tell_wait(waiting, said.then_some(lang));
    })));
}

/// Fault injection for the tests of crash safety: in a debug build, `PHANANH_FAULT=NAME`
/// aborts the process at the point called NAME, as a kill there would (no destructor runs,
/// no file is cleaned up). Release builds ignore it. Points: `restore:staged` (the restored
/// content and its event are built beside the database, not yet swapped in),
/// `restore:swapped` (swapped in, the file beside not yet removed),
/// `seal:committed` (a first sealing's seals committed, the file not yet rewritten), and
/// `triage:classified` (the desk's classify written, its assign not yet).
pub fn fault_point(name: &str) {
    if cfg!(debug_assertions) && std::env::var_os("PHANANH_FAULT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

/// The tests' hold on a run between two of its reads, in a debug build only (release builds
/// ignore it, as `PHANANH_FAULT`): with `PHANANH_PAUSE=NAME`, the point called NAME writes
/// one line to the file `PHANANH_PAUSE_HOOK` names (a FIFO the test reads), then waits for
/// the `flock` the test holds on the file `PHANANH_PAUSE_LOCK` names. Meanwhile the test
/// edits the database as an insider with `sqlite3` would, at the worst moment, without a
/// sleep. Points: `validate:checked` (the reception check's settings judged against the
/// log, their values not yet read), `classify:checked` (the same for the fields'
/// keywords before `classify --suggest` scores by them), `figures:checked` (the same for
/// what `report` and `score` count and weigh by), `export:checked` (the names and
/// deadlines a public export prints, before its rows are read), `export:judged` (the
/// same for a full export, before it takes the lock to record itself), `export:logged` (a
/// full export's event written, its rows not yet read), `reveal:opened` (the identity
/// `show --reveal` shows read, its reveal not yet recorded), `due:checked` (the agencies' names
/// `list --due` prints, before its rows are read) and `calendar:checked` (the calendar's days
/// and settings `calendar show` and `calendar deadline` print, before they are loaded).
pub fn pause_point(name: &str) {
    if storage::debug_env("PHANANH_PAUSE").as_deref() != Some(name) {
        return;
    }
    if let Some(hook) = storage::debug_env("PHANANH_PAUSE_HOOK")
        && let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(hook)
    {
        use std::io::Write as _;
        let _ = file.write_all(format!("paused at {name}\n").as_bytes());
    }
    if let Some(lock) = storage::debug_env("PHANANH_PAUSE_LOCK")
        && let Ok(file) = std::fs::File::open(lock)
    {
        let _ = file.lock();
    }
}

/// Puts a sealed image into an event's payload, under `domain::tables::PAYLOAD_KEY`.
fn seal_into(payload: &mut serde_json::Value, image: &crate::domain::tables::Image) -> Result<()> {
    let Some(object) = payload.as_object_mut() else {
        bail!("the payload is not a JSON object");
    };
    object.insert(
        crate::domain::tables::PAYLOAD_KEY.to_owned(),
        serde_json::to_value(image)?,
    );
    Ok(())
}

pub use crate::domain::event::SYSTEM_ACTOR;

/// The rows a change wrote to the sealed tables, by table name and key, as they now stand
/// inside the caller's transaction.
fn touched_image(
    conn: &Connection,
    touched: &[(&str, Vec<String>)],
) -> Result<crate::domain::tables::Image> {
    let touched = touched
        .iter()
        .map(|(name, key)| Ok((sealed_table(name)?, key.clone())))
        .collect::<Result<Vec<_>>>()?;
    storage::sealed::image(conn, &[], &touched)
}

fn sealed_table(name: &str) -> Result<&'static storage::sealed::Table> {
    storage::sealed::table(name).ok_or_else(|| anyhow::anyhow!("{name} is not a sealed table"))
}

/// How this database authenticates accounts (setting `auth.mode`).
pub fn auth_mode(conn: &Connection) -> Result<AuthMode> {
    Ok(AuthMode::of_setting(
        storage::settings::get(conn, identity::SETTING)?.as_deref(),
    ))
}

/// Whether a refusal reached the log, and how the user is told of it.
#[derive(Debug)]
enum Logged {
    Yes,
    /// A command that reads, on a backup as `backup` left it: not written to.
    NotOnACopy,
    /// A command that reads, on a file it could not write the refusal to: why.
    Failed(Localized),
}

impl Logged {
    /// The refusal `said`, as the message to return: with, when it was not logged, why.
    fn said(self, said: Localized) -> Localized {
        match self {
            Logged::Yes => said,
            Logged::NotOnACopy => crate::output::context::refused_on_a_copy(&said),
            Logged::Failed(why) => crate::output::context::refusal_unlogged(&said, &why),
        }
    }
}

/// Writes a `refused` event in a transaction of its own: the refused command itself changed
/// nothing, but the attempt is on record (docs/rules.md §2 roles). The reason is kept in
/// both languages (`reason` English, as events before it; `reason_vi`), so that the audit
/// log reads it in its reader's.
///
/// A command that reads holds a read-only connection, and the refusal is written through
/// one of its own, so that a handler trying other agencies' reports on the database in use
/// leaves a trace as a writer does. Not into a backup as `backup` left it (rollback
/// journal; the database in use is always in WAL): it is evidence (an office checking
/// `audit verify --checkpoint` on its copy found its own refusal appended to it), and
/// whoever holds a copy reads all of it with `sqlite3` anyway. Nor, for want of a choice,
/// into a file this login cannot write (read-only media): the refusal is said, with why it
/// was not logged, rather than "this command needs to write" about a command that reads
/// (SECURITY.md, "A refusal of a read").
/// The account a refused login is filed under (the event's actor): in `peer` mode the one
/// active account bound to the login that tried, or the login itself marked `@login` when it
/// is bound to none or to several (no account name holds `@`); in `trust` mode, where no
/// login is bound, the name asked for.
fn refused_login_actor(
    mode: AuthMode,
    login: &str,
    asked: &str,
    bound: &[identity::Binding],
) -> String {
    if mode == AuthMode::Trust {
        return asked.to_owned();
    }
    let mut active = bound.iter().filter(|b| b.active);
    match (active.next(), active.next()) {
        (Some(only), None) => only.username.clone(),
        _ => format!("@{login}"),
    }
}

fn log_refusal(
    conn: &Connection,
    stamp: Stamp,
    operation: &str,
    report: Option<&Report>,
    reason: &Localized,
) -> Result<Logged> {
    log_refusal_noting(conn, stamp, operation, report, reason, None)
}

fn log_refusal_noting(
    conn: &Connection,
    stamp: Stamp,
    operation: &str,
    report: Option<&Report>,
    reason: &Localized,
    noted: Option<&serde_json::Value>,
) -> Result<Logged> {
    if !conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(
            match append_refusal(conn, stamp, operation, report, reason, noted)? {
                Ok(()) => Logged::Yes,
                Err(backdated) => unlogged_for_its_time(&backdated),
            },
        );
    }
    if storage::backup::is_backup_copy(conn)? {
        return Ok(Logged::NotOnACopy);
    }
    let path = std::path::PathBuf::from(conn.path().unwrap_or_default());
    let written = storage::open(&path, |_, _| {})
        .and_then(|writable| append_refusal(&writable, stamp, operation, report, reason, noted));
    Ok(match written {
        Ok(Ok(())) => Logged::Yes,
        Ok(Err(backdated)) => unlogged_for_its_time(&backdated),
        Err(e) => Logged::Failed(crate::output::context::why_unlogged(
            &storage::diagnose::explain(e, &path),
        )),
    })
}

/// A refusal the log would not take for its time (`--now` before the report's last event):
/// the refusal of what was asked is still said, with why it is not on record. The time's
/// refusal alone read as the answer, and a role never allowed to reveal was told only of
/// its clock (`--format json`: `refused`, not `forbidden`).
fn unlogged_for_its_time(backdated: &crate::domain::identity::Backdated) -> Logged {
    Logged::Failed(crate::output::context::why_backdated(backdated))
}

fn append_refusal(
    conn: &Connection,
    stamp: Stamp,
    operation: &str,
    report: Option<&Report>,
    reason: &Localized,
    noted: Option<&serde_json::Value>,
) -> Result<Result<(), crate::domain::identity::Backdated>> {
    let tx = immediate(conn)?;
    // The report as it is now, under the lock: another writer may have changed it since it
    // was read for the refused step, and the event seals the row as it stands.
    let current = match report {
        Some(r) => reports::load(&tx, r.id)?,
        None => None,
    };
    let mut journal = Journal::new(&tx, stamp)?;
    let appended = journal.try_append(Entry {
        kind: EventKind::Refused,
        report: current.as_ref().map(Sealed::unchanged),
        about: None,
        payload: {
            let mut payload = serde_json::json!({
                "operation": operation,
                "reason": reason.text(Lang::En),
                "reason_vi": reason.text(Lang::Vi),
            });
            if let (Some(serde_json::Value::Object(noted)), Some(fields)) =
                (noted, payload.as_object_mut())
            {
                for (key, value) in noted {
                    fields.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
            payload.to_string()
        },
        clocks: None,
    })?;
    drop(journal);
    if let Err(backdated) = appended {
        return Ok(Err(backdated));
    }
    tx.commit()?;
    Ok(Ok(()))
}

/// The reports a command names, each once, in the order first named: a tired desk types one
/// twice, or once by number and once as `ext:APPID`, and a second pass over a report the
/// first had just changed read as a row edited behind the tool's back (`validate 5
/// ext:CMG-2026-000105` exited 5, telling the operator to restore a backup).
pub fn resolve_each(conn: &Connection, references: &[String]) -> Result<Vec<Report>> {
    let mut seen = std::collections::HashSet::new();
    let mut found = Vec::with_capacity(references.len());
    for reference in references {
        let report = resolve(conn, reference)?;
        if seen.insert(report.id) {
            found.push(report);
        }
    }
    Ok(found)
}

fn not_found(said: Localized) -> anyhow::Error {
    crate::exit::Kind::NotFound.over(said)
}

/// Finds a report by number or `ext:APPID`.
pub fn resolve(conn: &Connection, reference: &str) -> Result<Report> {
    let reference = reference.trim();
    let id = if let Some(app_id) = reference.strip_prefix("ext:") {
        reports::id_of_external(conn, app_id)?
    } else {
        let number = reference.parse::<i64>().ok().filter(|id| *id > 0);
        if let Some(number) = number {
            refuse_if_a_tail(conn, reference, number)?;
        }
        number
    };
    match id {
        Some(id) => match reports::load(conn, id)? {
            Some(report) => Ok(report),
            // Reports are kept for ever (Đ11): a number the log has events of and the file
            // lacks was deleted, its trigger dropped, and "no report" told a reporter asking
            // who saw their data that there was none
            // (`forged_events::a_report_deleted_with_sqlite3_is_named_by_the_commands_that_read_it`).
            None if crate::storage::events::latest(conn, id)?.at.is_some() => Err(
                crate::exit::Failure::integrity(crate::output::context::report_deleted(id)).into(),
            ),
            None => Err(not_found(crate::output::context::report_not_found(
                reference,
            ))),
        },
        None => match reference.strip_prefix("ext:") {
            Some(app_id) => match (deleted_numbers(conn)?, near_app_id(conn, app_id)?) {
                (deleted, _) if !deleted.is_empty() => Err(crate::exit::Failure::integrity(
                    crate::output::context::app_id_maybe_deleted(reference, &deleted),
                )
                .into()),
                (_, Some((id, stored))) => Err(not_found(
                    crate::output::context::report_not_found_near(reference, id, &stored),
                )),
                (_, None) => match only_tail_of(conn, app_id)? {
                    Some((id, stored)) => Err(not_found(
                        crate::output::context::report_not_found_near(reference, id, &stored),
                    )),
                    None => Err(not_found(crate::output::context::report_not_found(
                        reference,
                    ))),
                },
            },
            // The app's id typed without `ext:`, as the sweep's mail and the warnings
            // print it: named, never acted on (a bare reference is a number).
            None => match near_app_id(conn, reference)? {
                Some((id, stored)) => bail!(crate::output::context::app_id_without_prefix(
                    reference, id, &stored
                )),
                None => match only_tail_of(conn, reference)? {
                    Some((id, stored)) => bail!(
                        crate::output::context::app_id_tail_without_prefix(reference, id, &stored)
                    ),
                    None => bail!(crate::output::context::not_a_report_number(reference)),
                },
            },
        },
    }
}

/// A number typed with a leading zero ("000105") is most likely the end of an app id read
/// off the citizen's receipt (CMG-2026-000105, report 5), not report 105: when some app id
/// ends with it, the two readings are named and neither is acted on. With no such app id it
/// is the number it says.
fn refuse_if_a_tail(conn: &Connection, reference: &str, number: i64) -> Result<()> {
    if !reference.starts_with('0') {
        return Ok(());
    }
    let tails = reports::external_ids_ending(conn, reference, TAILS_NAMED + 1)?;
    if tails.is_empty() {
        return Ok(());
    }
    let numbered = reports::load(conn, number)?.is_some();
    bail!(crate::output::context::leading_zeros(
        reference,
        &tails,
        TAILS_NAMED as usize,
        number,
        numbered
    ))
}

/// How many reports whose app id ends with a typed number the refusal names.
const TAILS_NAMED: u32 = 3;

/// The one report whose app id ends with `typed` (`ext:000105`), None when none or several
/// do.
fn only_tail_of(conn: &Connection, typed: &str) -> Result<Option<(i64, String)>> {
    if typed.is_empty() {
        return Ok(None);
    }
    let mut tails = reports::external_ids_ending(conn, typed, 2)?;
    Ok(match tails.len() {
        1 => tails.pop(),
        _ => None,
    })
}

/// The report numbers the log has events of and the file lacks, the first few. A report
/// deleted whole with `sqlite3` and asked for by app id was "no report", exit 1, while the
/// same report asked for by number was named as deleted, exit 5
/// (`forged_events::a_report_deleted_with_sqlite3_asked_for_by_app_id_is_named_as_deleted`).
/// The log does not carry app ids, so the lookup cannot tell which deleted report the app
/// id was; it names them all. Read only when the app id is not found.
fn deleted_numbers(conn: &Connection) -> Result<Vec<i64>> {
    crate::storage::reports::logged_not_held(conn, DELETED_NAMED)
}

/// How many deleted report numbers a refused lookup names: one is the usual case, and the
/// admin's `audit verify` names every one.
const DELETED_NAMED: u32 = 10;

/// The report whose app id `typed` most likely means, with that id as stored: the same id,
/// or the same but for case and the kind of dash (`domain::intake::id_key`), which are
/// other reports' ids to the tool (docs/rules.md §6) and a hand's slip to the desk.
fn near_app_id(conn: &Connection, typed: &str) -> Result<Option<(i64, String)>> {
    use crate::domain::intake::{id_key, id_usual};
    if typed.is_empty() {
        return Ok(None);
    }
    for candidate in [typed.to_owned(), id_usual(typed)] {
        if let Some(id) = reports::id_of_external(conn, &candidate)? {
            return Ok(Some((id, candidate)));
        }
    }
    let key = id_key(typed);
    let mut found = None;
    reports::for_each_unusual_external_id(conn, |id, stored| {
        if id_key(stored) == key {
            found = Some((id, stored.to_owned()));
        }
        found.is_none()
    })?;
    Ok(found)
}
