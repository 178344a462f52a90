//! The audit log as people read it (Đ11): one report's events with their seals for
//! `audit log`, and opening `audit verify` with the size of its walk. The check itself is
//! `app::audit`'s.

use anyhow::Result;
use rusqlite::Connection;

use super::{Context, resolve};
use crate::domain::access::{self, Operation, Target};
use crate::domain::audit::EventRecord;
use crate::domain::event::EventKind;
use crate::domain::report::Report;
use crate::domain::reveals::{self, Access};
use crate::output::show::EventRow;
use crate::storage::{backup, events};

/// Every event of one report, oldest first, for an account that may read it.
///
/// In a database whose identities were once stored in clear, the events written until
/// they were encrypted sealed digests of rows holding the name and phone: with the other
/// fields `show` prints, trying every name and phone that fits the masks against those
/// seals would find the reporter. An account that may not see identities is not shown
/// them (SECURITY.md, "Identity at rest"), nor the identity typed into a reply or a reason
/// by another account (`access::typed_by`: its own it reads as kept).
pub fn of_report(ctx: &Context, reference: &str) -> Result<Vec<EventRow>> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    let report = resolve(&conn, reference)?;
    ctx.authorize(&conn, &actor, Operation::Read, Some(&report))?;
    let records = events::of_report(&conn, report.id)?;
    as_sealed(&conn, Some(report.id), &records)?;
    let rows = records
        .into_iter()
        .filter(|e| access::sees_in_history(&actor, &e.action, &e.actor))
        .map(|e| EventRow::of(e, true));
    // A handler's right rests on the row's consent and agency, which `sqlite3` can write:
    // judged on the row the log sealed last (`domain::access::may_see_identity_of`).
    let vouched = !access::identity_right_rests_on_the_row(actor.role)
        || events::sealed_as_it_stands(&conn, &report)?;
    if access::may_see_identity_of(&actor, Target::from(&report), vouched) {
        return Ok(rows.collect());
    }
    let sealed_in_clear_until = crate::storage::keyfile::clear_until(&conn)?;
    // The texts an agency or the portal typed (a reply, a reason) are kept as typed, and may
    // name the reporter: shown redacted, and then without the seal, which covers the text
    // as typed and would let a guess of the hidden items be checked.
    let name = reporter_name(ctx, &conn, &report);
    // The reporters merged into it, whom a reply answers too and may name: known only
    // with the key, as its own reporter is (without it every typed text is hidden whole).
    let merged = match (
        &name,
        crate::storage::reports::merged_into_one(&conn, report.id)?,
    ) {
        (Some(_), ids) if !ids.is_empty() => ctx.keys(&conn)?.merged(&conn, &ids)?,
        _ => Default::default(),
    };
    Ok(rows
        .map(|mut row| {
            // The account's own step: its words as the log keeps them, seal and all
            // (`access::typed_by`): hidden, they would confirm a name it guessed.
            let own = access::typed_by(&actor, &row.actor);
            if let Some(hidden) = row.payload.as_deref().and_then(|p| match own {
                true => crate::domain::redact::redact_own_payload(p),
                false => crate::domain::redact::redact_payload_merged(p, name.as_deref(), &merged),
            }) {
                row.payload = Some(hidden);
                row.hash = None;
            }
            if sealed_in_clear_until.is_some_and(|last| row.id <= last) {
                row.hash = None;
            }
            row
        })
        .collect())
}

/// Refuses, exit 5, a log with an event that does not hold at its place in the chain, as
/// `audit verify` judges it (`domain::audit::Placed`): an event rewritten with `sqlite3`
/// (another account, another time) was printed as the log's, exit 0, in a report's log
/// (`forged_events::audit_log_over_an_event_rewritten_with_sqlite3_names_the_event`) and
/// among the events about no report (`report` None: accounts, settings, erasures…;
/// `forged_events::audit_log_without_a_report_over_an_event_rewritten_with_sqlite3_names_the_event`).
/// The events and their neighbours are read in runs (`storage::events::placed_each`), a few
/// reads per event printed. One forged with every later hash made to fit passes, as it
/// passes `audit verify`: signed checkpoints name it.
fn as_sealed(conn: &Connection, report: Option<i64>, records: &[EventRecord]) -> Result<()> {
    let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
    let mut first = None;
    events::placed_each(conn, &ids, |_, placed| {
        if first.is_none() {
            first = placed.and_then(|p| p.check().err());
        }
    })?;
    match first {
        None => Ok(()),
        Some(problem) => Err(crate::exit::Failure::integrity(
            crate::output::context::log_unvouched(report, &problem),
        )
        .into()),
    }
}

/// The reporter's name, to hide it where it was typed; None when it cannot be known (the
/// key is not at hand: `audit log` works without it) or was erased.
fn reporter_name(ctx: &Context, conn: &Connection, report: &Report) -> Option<String> {
    if report.identity_erased() {
        return None;
    }
    let mut opened = report.clone();
    ctx.keys(conn).ok()?.open(conn, &mut opened).ok()?;
    Some(opened.reporter_name)
}

/// Every event about no report (accounts, settings, the calendar, full exports, backups,
/// restores), oldest first, for an account that may verify the chain: a restore, which
/// replaces what came after the backup, must be seen by the auditor who checks the log.
/// Their payloads carry no reporter's identity (a full export's reason and file are
/// redacted when written). Each is judged at its place in the chain as a report's are
/// (`as_sealed`).
pub fn of_no_report(ctx: &Context) -> Result<Vec<EventRow>> {
    let conn = open_for_verify(ctx)?;
    let records = events::of_no_report(&conn)?;
    as_sealed(&conn, None, &records)?;
    Ok(records.into_iter().map(|e| EventRow::of(e, true)).collect())
}

/// Every event one account wrote, across reports and about none, oldest first, in the
/// period (by either of an event's times, `storage::events::of_actor`): the inspector's
/// "what did this account do this year" (Đ13.6, Đ13.7 put responsibility on the portal's
/// staff as on the agencies'), which `audit log ID` answered only report by report. For
/// the accounts that may read the whole log (`audit verify`'s: admin, reception, leader,
/// auditor). A reader who may not see identities reads every text typed about a report
/// (a reply, a reason, a file's name) hidden whole, and no seal of those events, since the
/// reporter's name is not looked up report by report here; `audit log ID` shows one
/// report's with only the identity hidden. Each event is judged at its place in the chain.
pub fn of_actor(
    ctx: &Context,
    account: &str,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Result<Vec<crate::output::audit::ActorEvent>> {
    let period = super::export::filter(from, to)?;
    let conn = open_for_verify(ctx)?;
    let actor = ctx.actor(&conn)?;
    let records = events::of_actor(
        &conn,
        account,
        period.submitted_from.as_deref(),
        period.submitted_before.as_deref(),
    )?;
    as_sealed(&conn, None, &records)?;
    let sees_identities = matches!(
        actor.role,
        crate::domain::access::Role::Admin | crate::domain::access::Role::Reception
    );
    let sealed_in_clear_until = crate::storage::keyfile::clear_until(&conn)?;
    Ok(records
        .into_iter()
        .map(|record| {
            let report_id = record.report_id;
            let about_a_report = report_id.is_some();
            let mut row = EventRow::of(record, true);
            if about_a_report && !sees_identities {
                if let Some(hidden) = row
                    .payload
                    .as_deref()
                    .and_then(|p| crate::domain::redact::redact_payload(p, None))
                {
                    row.payload = Some(hidden);
                    row.hash = None;
                }
                if sealed_in_clear_until.is_some_and(|last| row.id <= last) {
                    row.hash = None;
                }
            }
            crate::output::audit::ActorEvent {
                report_id,
                event: row,
            }
        })
        .collect())
}

/// Who `audit verify` checks the chain as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checker {
    /// The acting account, which may verify the chain.
    Account,
    /// Nobody: signed checkpoints checked on a backup (`open_to_check`).
    Nobody,
}

/// The file `audit verify` checks, opened. The scratch folder, when there is one, is
/// removed once the connection is closed (fields drop in order).
pub struct ToCheck {
    pub conn: Connection,
    pub checker: Checker,
    /// Checking a backup made by an older phananh: what it was before the scratch copy the
    /// check runs on was upgraded.
    pub older: Option<OlderBackup>,
    /// The context the check opens keys with: the scratch copy's, for an older backup.
    pub ctx: Context,
    _scratch: Option<tempfile::TempDir>,
}

/// A backup made by an older phananh, checked on an upgraded scratch copy.
#[derive(Debug, Clone)]
pub struct OlderBackup {
    /// Its schema version.
    pub version: i64,
    /// Its last event: the upgrade's own events (identities encrypted, tables sealed, the
    /// file rewritten) come after it in the copy, and are no part of what a checkpoint
    /// signed before the upgrade can hold.
    pub last: Option<i64>,
}

/// The database for `audit verify`; `checkpoints`: signed heads are to be checked. The
/// receiving office checks the nightly checkpoint on a copy of a `peer` database in which
/// its login is bound to no account, and was refused (and its refusal appended to the
/// evidence). On a backup as `backup` left it (rollback journal, of this binary's schema,
/// nothing to write before it can be read), checking checkpoints asks for no account: the
/// check shows no reporter's identity and opens no key (the reports' own keys are left
/// unchecked, and said so), the file is opened read-only and nothing is written to it, and
/// whoever can read the copy can check its chain with `sqlite3` anyway. Anything else
/// (the database in use, a plain `audit verify`) needs an account that may verify, as
/// before (SECURITY.md, "Checkpoints checked on a backup").
///
/// A backup made by an older phananh must be upgraded before it can be checked: that was
/// done to the backup itself, which a check must never alter (its bytes changed, 340 events
/// added, a key made beside it), and the upgrade's own events then made a checkpoint signed
/// before the upgrade read as a rewritten chain (exit 5). It is now upgraded in a private
/// scratch copy (0600, in a 0700 folder, removed after), the backup left as it is.
pub fn open_to_check(ctx: &Context, checkpoints: bool) -> Result<ToCheck> {
    let path = ctx.db_path();
    let opened = if path.is_file() {
        Some(crate::storage::open_read_only(&path)?)
    } else {
        None
    };
    match opened {
        Some(crate::storage::ReadOnly::Ready(conn))
            if checkpoints
                && crate::storage::backup::is_backup_copy(&conn)?
                && !super::deadlines::missing(&conn)?
                && !super::vault::waits_for_sealing(&conn)? =>
        {
            ctx.keep_private(&path)?;
            Ok(ToCheck {
                conn,
                checker: Checker::Nobody,
                older: None,
                ctx: ctx.clone(),
                _scratch: None,
            })
        }
        Some(crate::storage::ReadOnly::NeedsUpgrade)
            if crate::storage::backup::is_backup_file(&path)? =>
        {
            upgraded_copy(ctx, &path, checkpoints)
        }
        _ => Ok(ToCheck {
            conn: open_for_verify(ctx)?,
            checker: Checker::Account,
            older: None,
            ctx: ctx.clone(),
            _scratch: None,
        }),
    }
}

/// The older backup at `path`, copied into a private scratch folder and upgraded there.
fn upgraded_copy(ctx: &Context, path: &std::path::Path, checkpoints: bool) -> Result<ToCheck> {
    let source = Connection::open_with_flags(path, crate::storage::READ_ONLY)?;
    let older = OlderBackup {
        version: backup::user_version(&source)?,
        last: events::last_id(&source)?,
    };
    drop(source);
    ctx.keep_private(path)?;
    let scratch = tempfile::Builder::new()
        .prefix("phananh-verify-")
        .tempdir()?;
    let copy = scratch.path().join("backup.sqlite");
    backup::copy_private(path, &copy)?;
    let mut scratch_ctx = ctx.clone();
    scratch_ctx.db = Some(copy.clone());
    scratch_ctx.scratch = true;
    // A backup from before encryption (schema 6 and older) has no key: its copy is sealed
    // under one made in the scratch folder, never at a path beside the backup or named
    // for the live database. A later one opens with the key it was sealed under.
    if older.version < 7 {
        scratch_ctx.key_file = Some(scratch.path().join("backup.sqlite.key"));
    } else if ctx.key_file.is_none() {
        scratch_ctx.key_file = Some(ctx.key_path());
    }
    let conn = scratch_ctx.open()?;
    let checker = if checkpoints {
        Checker::Nobody
    } else {
        let actor = scratch_ctx.actor(&conn)?;
        scratch_ctx.authorize(&conn, &actor, Operation::AuditVerify, None)?;
        Checker::Account
    };
    scratch_ctx.scratch = false;
    Ok(ToCheck {
        conn,
        checker,
        older: Some(older),
        ctx: scratch_ctx,
        _scratch: Some(scratch),
    })
}

/// The database, opened for an account that may verify the chain.
pub fn open_for_verify(ctx: &Context) -> Result<Connection> {
    // Read-only: a backup on write-protected media can be verified as it is.
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::AuditVerify, None)?;
    Ok(conn)
}

/// The steps of a verify: one per event sealed, then one per report row checked.
pub fn verify_steps(conn: &Connection) -> Result<u64> {
    Ok(backup::count_events_and_reports(conn)? as u64)
}

/// The lines of `audit reveals`, and those among them whose event does not hold at its
/// place in the chain, with what is wrong there.
pub struct Reveals {
    pub lines: Vec<Access>,
    pub unheld: Vec<(i64, crate::domain::audit::ChainBreak)>,
    /// The first event of the chain not to trust, when none of the lines is it: a reveal
    /// deleted from the log, or turned into another kind of event, leaves no line to judge,
    /// only a chain that does not hold where it stood
    /// (`forged_events::a_reveal_deleted_or_disguised_with_sqlite3_is_named_by_audit_reveals`).
    pub broken: Option<(i64, crate::domain::audit::ChainBreak)>,
    /// The report asked about, when its row is not as the log sealed it last, with its last
    /// seal when that does not hold in the chain: the full exports that held it are chosen
    /// by the submission time its row holds, which one moved out of an export's period
    /// with `sqlite3` took off a reporter's "who saw my data?", exit 0
    /// (`forged_events::the_reveals_of_a_report_whose_submission_time_was_moved_with_sqlite3_name_the_row`).
    pub edited: Option<(i64, Vec<(i64, i64)>)>,
}

/// `audit reveals`: who saw whose identity, when and why — every event of a kind that
/// touches an identity (`EventKind::TOUCHING_IDENTITY`), written in the period, about the
/// report if one is named (its reveals and the full exports that held it). For admin and
/// auditor (the inspector, Sở Nội vụ); the lines carry no identity. Each listed event is
/// judged at its place in the chain (`Placed::check`): a reveal appended with `sqlite3`
/// under a colleague's name was listed as theirs, exit 0, while only `audit verify` named
/// it (`forged_events::a_reveal_appended_with_sqlite3_is_listed_and_named_as_not_holding`);
/// such lines stay listed, as evidence, and are named apart.
pub fn reveals(
    ctx: &Context,
    (reference, account): (Option<&str>, Option<&str>),
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Result<Reveals> {
    let period = super::export::filter(from, to)?;
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::AuditReveals, None)?;
    let report = reference.map(|r| resolve(&conn, r)).transpose()?;
    if let Some(account) = account
        && crate::storage::reference::load_staff(&conn, account)?.is_none()
    {
        return Err(
            crate::exit::Kind::NotFound.over(crate::output::directory::no_such_account(account))
        );
    }
    let edited = match &report {
        Some(r) if !events::sealed_as_it_stands(&conn, r)? => {
            Some((r.id, crate::storage::journal::unheld_among(&conn, &[r.id])?))
        }
        _ => None,
    };
    let actions = reveals::listed_kinds();
    // The period is judged on each line's time, not the event's: an event a restore wrote
    // again (`payload.reapplied`) is listed at the time of the original.
    let records = events::of_actions(&conn, &actions, report.as_ref().map(|r| r.id), None, None)?;
    let from = period.submitted_from.as_deref();
    let before = period.submitted_before.as_deref();
    // Whatever the period: a reveal in it may come after an erasure before it.
    let erasures: Vec<Access> = records
        .iter()
        .filter(|record| record.action == EventKind::Erase.as_str())
        .filter_map(reveals::access)
        .collect();
    let lines: Vec<Access> = records
        .iter()
        .flat_map(|record| {
            reveals::lines(record)
                .into_iter()
                .map(move |line| (record, line))
        })
        .filter_map(|(record, mut line)| {
            // A reveal or export of an identity already erased showed the marker only: the
            // accountability list says so rather than count it as the reporter seen.
            if let Some(about) = line.report_id.or(report.as_ref().map(|r| r.id)) {
                line.identity_erased = reveals::after_erasure(&line, &erasures, about);
            }
            // In the period by either time: a reveal dated in June with `--now` but run in
            // December is found by a December window too (SECURITY.md, trust mode).
            let within = |t: &str| !(from.is_some_and(|f| t < f) || before.is_some_and(|b| t >= b));
            if !(within(&line.at) || line.recorded_at.as_deref().is_some_and(within)) {
                return None;
            }
            // The account as the line names it: for an event a restore wrote again, the
            // original's.
            if account.is_some_and(|account| line.actor != account) {
                return None;
            }
            match &report {
                Some(r) => {
                    reveals::concerns(&line, &record.payload, r.id, r.submitted_at.date_naive())
                        .then_some(line)
                }
                None => Some(line),
            }
        })
        .collect();
    let mut unheld = Vec::new();
    for line in &lines {
        if let Some(placed) = events::placed(&conn, line.event)?
            && let Err(problem) = placed.check()
        {
            unheld.push((line.event, problem));
        }
    }
    // The whole chain, whatever the period or report asked: a deleted reveal names neither.
    let broken = if unheld.is_empty() {
        super::audit::first_untrusted(&conn)?
    } else {
        None
    };
    Ok(Reveals {
        lines,
        unheld,
        broken,
        edited,
    })
}
