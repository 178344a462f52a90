//! `backup` and `restore` as use cases (issue 5): copying the database while others keep
//! working, checked as `restore` will check it (a copy it would refuse is kept, and said to
//! be one), and putting a copy back only when it proves whole — SQLite's integrity check and
//! the same audit-chain check as `audit verify`, under a key that opens its identities, with
//! the erasures made since made again. Owns the life of a backup file (written
//! under a `.partial` name with mode 0600, checked, then renamed) and each one's event. The
//! chain rules stay in `domain::audit`, the SQLite work in `storage::backup`; who may do
//! what in `domain::access`.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rusqlite::Connection;
use serde_json::json;

use super::Context;
use crate::domain::access::Operation;
use crate::domain::backup::TakedownLost;
use crate::domain::event::EventKind;
use crate::domain::identity;
use crate::domain::redact::redact_people;
use crate::domain::report::Status;
use crate::domain::statement::says_something;
use crate::exit::Failure;
use crate::i18n::Localized;
use crate::output::backup as say;
use crate::storage::private::{Partial, with_suffix};
use crate::storage::tx::immediate;
use crate::storage::{self, Identity, backup, events, lock, migrations};

pub use crate::domain::backup::{
    BackedUp, MadeAgain, NotReapplied, ReplacedEvidence, Restored, Untrusted,
};

/// What a copy held: its size in pages, the last event of its chain, and the first thing
/// `restore` would refuse it for.
struct Copied {
    pages: i64,
    head: Option<(i64, String)>,
    broken: Option<crate::domain::audit::ChainBreak>,
}

/// Copies the database to the new file `out`, checked before it takes that name, and logs
/// the backup with the head of the chain it holds.
pub fn backup(ctx: &Context, out: &Path) -> Result<BackedUp> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    // Admin and reception (cron takes backups under the reception account it sweeps with).
    // A backup holds reporters' names and phones, so handlers, leaders and auditors may not
    // take one.
    ctx.authorize(&conn, &actor, Operation::Backup, None)?;

    // The database, its side files and its key first: "it exists, delete it first" about
    // one of them led an admin to delete the database or every reporter's identity. Then a
    // folder, and a SQLite database or key elsewhere (an older backup), as `report --out`
    // says them; any other file is never overwritten either, and no message advises
    // deleting what is there (backup has no --force).
    if let Err(e) = crate::storage::private::may_write(out, &ctx.overwrite(false)) {
        use crate::storage::private::Refused;
        match e.downcast_ref::<Refused>() {
            Some(Refused::OutIsKept(_)) => bail!(say::out_is_kept(out)),
            Some(Refused::OutIsFolder(_)) => bail!(say::out_is_folder(out)),
            Some(Refused::OutExists(_) | Refused::OutExistsForAnother(_)) => {
                bail!(say::already_exists(out))
            }
            _ => return Err(e),
        }
    }
    crate::storage::diagnose::output_folder_exists(out)?;
    let partial = with_suffix(out, ".partial");
    // SQLite's journal of the copy is left beside it when the backup was killed: both
    // must go, or the next copy would meet the old journal.
    let left = ["", "-journal", "-wal", "-shm"]
        .iter()
        .map(|s| with_suffix(&partial, s))
        .filter(|p| fs::symlink_metadata(p).is_ok())
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if running(&partial) {
        bail!(say::another_running(&partial));
    }
    if !left.is_empty() {
        bail!(say::left_over(&left));
    }
    // Reporters' personal data is in it: a private file (mode 0600, created new, never
    // through a link), removed with SQLite's side files unless the backup succeeds.
    let (held, mut guard) = Partial::beside(out, ".partial")?;
    // Locked while the copy is made, so that a second backup to the same name tells this
    // running one from files an interrupted one left (`running`). An advisory `flock`,
    // apart from the `fcntl` locks SQLite takes on the same file.
    let _ = held.try_lock();
    let copied = copy_live(&conn, &partial)
        .map_err(|e| e.context(crate::storage::diagnose::Writing(out.to_owned())))?;

    // The write lock its event needs is taken before the copy gets its name: a database
    // too busy to log the backup leaves no backup file that the log does not know of (nor
    // one that refuses the rerun's name). Not before the copy, which would stop every
    // writer for as long as it takes.
    let tx = immediate(&conn)?;
    // A half-written backup never has the final name: only a checked copy is renamed.
    if fs::symlink_metadata(out).is_ok() {
        bail!(say::already_exists(out));
    }
    fs::rename(&partial, out)
        .with_context(|| format!("renaming {} to {}", partial.display(), out.display()))?;
    guard.keep();
    let logged = (|| -> Result<(PathBuf, u64)> {
        sync_folder_of(out)?;
        let path = fs::canonicalize(out).unwrap_or_else(|_| out.to_owned());
        let bytes = fs::metadata(out)?.len();
        ctx.note(
            &tx,
            &actor.username,
            EventKind::Backup,
            json!({
                // Shown to auditors (`audit log`): a file named after a person is not, as a
                // full export's is not (`app::export`).
                "path": redact_people(&path.display().to_string()).text,
                "pages": copied.pages,
                "bytes": bytes,
                "head_event": copied.head.as_ref().map(|(id, _)| id),
                "head_hash": copied.head.as_ref().map(|(_, hash)| hash),
                // Which backups a restore would take, for whoever reads the log later.
                "chain_intact": copied.broken.is_none(),
            })
            .to_string(),
        )?;
        tx.commit()?;
        Ok((path, bytes))
    })();
    let (path, bytes) = match logged {
        Ok(done) => done,
        Err(e) => {
            // No backup without its event: the file goes, so that "nothing was changed"
            // is true and the rerun may take the same name.
            let _ = fs::remove_file(out);
            let _ = sync_folder_of(out);
            return Err(e);
        }
    };
    Ok(BackedUp {
        path,
        pages: copied.pages,
        bytes,
        broken: copied.broken,
    })
}

/// Whether another backup is writing `partial` now: it holds the file's lock. A file left
/// by an interrupted backup holds none, and neither does a link (not followed).
fn running(partial: &Path) -> bool {
    use std::os::unix::fs::OpenOptionsExt;
    let Ok(file) = fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NOFOLLOW)
        .open(partial)
    else {
        return false;
    };
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}

/// Copies `source` into the empty file `partial` with SQLite's online backup, then makes
/// the copy a self-contained file (rollback journal, no -wal beside it) and checks it.
fn copy_live(source: &Connection, partial: &Path) -> Result<Copied> {
    let mut copy = Connection::open_with_flags(partial, storage::READ_WRITE)
        .with_context(|| format!("opening {}", partial.display()))?;
    // One read transaction across every step: the copy is the database as it stood when the
    // backup began, while writers keep committing beside it (WAL readers never block them),
    // and no step starts over because another process wrote in between.
    let snapshot = backup::snapshot(source)?;
    let pages = backup::copy(&snapshot, &mut copy, backup::PAGES_PER_STEP)?;
    snapshot.rollback()?;

    // The source's header says WAL; a backup is one file, read by `restore` read-only.
    let mode = backup::set_journal_mode(&copy, "DELETE")?;
    if !mode.eq_ignore_ascii_case("delete") {
        bail!("could not take the copy out of WAL mode (journal_mode is {mode})");
    }
    let problem = match storage::identify(&copy) {
        Ok(Identity::Phananh) => backup::integrity(&copy).unwrap_or_else(|e| Some(e.to_string())),
        _ => Some("not a phananh database".to_owned()),
    };
    if let Some(problem) = problem {
        bail!(say::copy_failed(&problem));
    }
    // The check `restore` runs before it takes a copy: a copy it would refuse must not pass
    // for a backup, or the nightly rotation deletes the good ones while an edit made behind
    // the tool's back waits out its two weeks. Run on the copy, outside any lock the
    // writers wait for.
    let broken = super::audit::first_problem(&copy)?;
    let chain_head = events::head(&copy)?;
    copy.close().map_err(|(_, e)| e)?;
    fs::File::open(partial)?.sync_all()?;
    Ok(Copied {
        pages,
        head: chain_head,
        broken,
    })
}

/// How many of the events a restore leaves out its done line names, oldest first: a
/// screenful; the rest are counted.
pub const LEFT_OUT_NAMED: i64 = 20;

/// How a restore may go ahead: when the backup's head is not in the current chain, only
/// with `force` set to the reason given (recorded in the restore event).
#[derive(Debug, Clone, Default)]
pub struct RestoreOptions {
    pub force: Option<String>,
    /// How long to wait for other phananh processes to let go of the database.
    pub wait: std::time::Duration,
}

impl RestoreOptions {
    /// The options of a restore forced for `reason` (None: not forced), recorded trimmed
    /// and in NFC as every text phananh stores.
    pub fn new(reason: Option<&str>, wait: std::time::Duration) -> Self {
        Self {
            force: reason.map(|r| crate::domain::text::nfc(r.trim())),
            wait,
        }
    }
}

/// Replaces the content of the database with the backup `file` once it proves whole and
/// belongs to this chain (or `force` says why not), brought up to this binary's schema and
/// continued with the restore event. The new content is built beside the database with its
/// restore event, then copied in by one write transaction: the restore and what it restored
/// become visible together, and a kill at any moment leaves either the old database or the
/// new one with its event. Runs with the database to itself: it waits for other phananh
/// processes to finish, and they wait for it (storage::lock).
pub fn restore(ctx: &Context, file: &Path, options: &RestoreOptions) -> Result<Restored> {
    let db = ctx.db_path();
    // Behind a folder this account may not enter, "no database, run init" sent the
    // operator to make a second one: that is said as opening says it.
    if !storage::present(&db)? {
        bail!(say::no_database(&db));
    }
    // Before the lock below: a restore waiting on a FIFO would hold everyone else out.
    if fs::symlink_metadata(file).is_ok() {
        storage::backup_regular(file)?;
    }
    // Before this process opens it: an ingest between two batches, a sweep between two
    // pages, must not see its database replaced under it.
    if !lock::exclusive(&db, options.wait)? {
        // Exit 4, as any wait for the database that ran out: a restore drill's script tells
        // "busy, retry" from a refusal; it was exit 1 and named no process.
        return Err(
            crate::exit::Failure::busy(say::in_use(&db, &storage::diagnose::holders(&db))).into(),
        );
    }
    // Whether opening it upgrades it (an older phananh's file): that stays even when the
    // restore is then refused, whose "the current database is unchanged" must say so.
    let version_before = backup::user_version_of(&db);
    let key_before = fs::symlink_metadata(ctx.key_path()).is_ok();
    let conn = match ctx.open() {
        Ok(conn) => conn,
        // Restore reads the live file's accounts (who may restore), its log (the erasures
        // and reveals to make again) and its head (whether the backup continues it): a
        // damaged file gives none of them, so the replacement is the admin's by hand, and
        // the refusal says how instead of sending them back to `restore`.
        Err(e) if storage::diagnose::is_damaged(&e) => {
            let aside = with_suffix(
                &db,
                &format!(".damaged-{}", ctx.now.format("%Y%m%d-%H%M%S")),
            );
            return Err(Failure::integrity(say::damaged_database(
                &db,
                file,
                &aside,
                &ctx.key_path(),
                ctx.user.as_deref(),
            ))
            .into());
        }
        Err(e) => return Err(e),
    };
    let upgraded = version_before.filter(|v| *v < migrations::latest());
    restore_opened(ctx, file, options, db, conn).map_err(|e| match upgraded {
        Some(from) => {
            let key = (!key_before && fs::symlink_metadata(ctx.key_path()).is_ok())
                .then(|| ctx.key_path());
            let said = say::refused_after_upgrade(&e, from, migrations::latest(), key.as_deref());
            // Said again in other words, with the exit status it had.
            match crate::exit::class_of(&e) {
                Some(class) => Failure::new(class, said).into(),
                None => anyhow::Error::new(said),
            }
        }
        None => e,
    })
}

/// The restore once the current database is open (and brought up to date).
fn restore_opened(
    ctx: &Context,
    file: &Path,
    options: &RestoreOptions,
    db: PathBuf,
    mut conn: Connection,
) -> Result<Restored> {
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Restore, None)?;
    // The restore is written into the restored copy, whose mode may be `trust`: whether
    // `--now` may time it is the live database's call, as for any write to it.
    let live_mode = super::auth_mode(&conn)?;
    identity::timing(live_mode, ctx.pinned, EventKind::Restore)
        .map_err(|refusal| Localized::of(&refusal))?;

    let Ok(meta) = fs::metadata(file) else {
        bail!(say::no_backup_file(file));
    };
    let target = fs::metadata(&db)?;
    if meta.dev() == target.dev() && meta.ino() == target.ino() {
        bail!(say::is_the_database(file));
    }

    let source = Connection::open_with_flags(file, storage::READ_ONLY)
        .map_err(|_| say::not_a_backup(file))?;
    // Checked and copied under one read transaction: what is copied is what was checked.
    let snapshot = crate::storage::tx::snapshot(&source)?;
    let events_checked = check_backup(&snapshot, file)?;
    // A backup made by an older phananh lacks the columns this binary's checks read: its
    // chain is checked once the staged copy is brought up to date (below).
    let older = backup::user_version(&snapshot)? < migrations::latest();
    if !older {
        check_chain(&snapshot, file)
            .map_err(|e| log_backup_refused(ctx, &conn, &actor.username, file, options, e))?;
    }
    let backup_head = events::head(&snapshot)?;
    let replaced = events::head(&conn)?;
    let in_chain = match &backup_head {
        Some((id, hash)) => events::hash_of(&conn, *id)?.as_deref() == Some(hash.as_str()),
        None => false,
    };
    if !in_chain && options.force.is_none() {
        bail!(say::foreign_chain(
            file,
            backup_head.as_ref(),
            replaced.as_ref()
        ));
    }
    if let Some(reason) = options.force.as_deref().filter(|_| !in_chain)
        && !says_something(reason)
    {
        bail!(say::reason_needed());
    }
    if let Some(reason) = options.force.as_deref().filter(|_| !in_chain)
        && !crate::domain::statement::says_something_once_hidden(
            &redact_people(&crate::domain::text::nfc(reason)).text,
        )
    {
        bail!(crate::output::show::reason_hidden("restore --force"));
    }
    // The events the restored file holds too: up to the backup's head in this chain; in
    // another (a copy of the database that went on apart on a second machine), up to where
    // the two forked. Those are neither lost nor written again: a reveal both chains hold
    // was listed twice by `audit reveals`, once as a copy of itself, and `init` and every
    // import were named as work to redo.
    let kept_up_to = match &backup_head {
        Some((id, _)) if in_chain => Some(*id),
        _ => events::shared_up_to(&conn, &snapshot)?,
    };
    // Refused now, not once the desk stops: the backup's identities must open with a key
    // in reach (SECURITY.md, "Identity at rest").
    let key_plan = super::vault::backup_key(ctx, &conn, &snapshot, file)?;
    // An erasure made under the Law stays made: those the live log records are made again
    // in the restored copy (matched by app id, which every copy shares).
    // Not those `audit verify` judges their account could not write: made again, they would
    // turn the act the restore is meant to undo into a chain that verifies.
    let first_untrusted = super::audit::first_untrusted(&conn)?;
    let mut unauthorised = super::audit::unauthorised_erasures(&conn)?;
    let (erasures, untrusted_erasures) = trusted_only(
        events::erasures(&conn)?,
        |e| e.event,
        first_untrusted.as_ref(),
    );
    unauthorised.retain(|(event, _)| trusted(*event, first_untrusted.as_ref()));
    // The report each was about, for the admin who must erase it again by hand.
    let unauthorised: Vec<_> = unauthorised
        .into_iter()
        .map(|(event, problem)| {
            let report = erasures
                .iter()
                .find(|e| e.event == event)
                .map(|e| e.report_id);
            (event, report, problem)
        })
        .collect();
    let erasures: Vec<events::Erasure> = erasures
        .into_iter()
        .filter(|e| !unauthorised.iter().any(|(event, _, _)| *event == e.event))
        .collect();
    // So are the reveals and full exports made after the backup: `audit reveals` must still
    // list who saw whose identity, even when the one who saw it restores a copy from before.
    let (accountable, untrusted_accountable) = trusted_only(
        accountable_after(&conn, kept_up_to)?,
        |(record, _)| record.id,
        first_untrusted.as_ref(),
    );
    // A correction cannot be made again (the log holds no value): said, so that the admin
    // corrects those identities again rather than trust a copy that reads as before.
    let corrections_records = about_a_report_after(&conn, EventKind::IdentityCorrect, kept_up_to)?;
    // A withdrawal of consent is made again (`reapply_withdrawals`) unless consent was
    // given since; one that cannot be (its report absent, or from before withdrawals
    // sealed the app id) is said, as a correction lost is, so that the admin records it
    // again before the handling agency, seeing the reporter once more, reveals them (Đ6.5).
    // Nor a consent given since (`identity consent --give`): the agency, seeing the reporter
    // no more, would be refused what the reporter agreed to.
    let gifts_records = about_a_report_after(&conn, EventKind::ConsentGive, kept_up_to)?;
    let withdrawals_records = about_a_report_after(&conn, EventKind::ConsentWithdraw, kept_up_to)?;
    // Of each report, its last step of consent after the backup when that withdrew it, and
    // the log holds it: made again below.
    let steps: Vec<(i64, i64, bool)> = withdrawals_records
        .iter()
        .map(|r| (r, true))
        .chain(gifts_records.iter().map(|r| (r, false)))
        .filter(|(r, _)| trusted(r.id, first_untrusted.as_ref()))
        .map(|(r, withdrawn)| (r.id, r.report_id.unwrap_or_default(), withdrawn))
        .collect();
    let redo = crate::domain::backup::withdrawals_to_make_again(&steps);
    let withdrawals_to_redo: Vec<&crate::domain::audit::EventRecord> = withdrawals_records
        .iter()
        .filter(|r| redo.contains(&r.id))
        .collect();
    // [choice] Nor a takedown (`unpublish`): said with the command to run, as a withdrawal
    // is, not made again as an erasure is (docs/rules.md §7). The restored copy holds the
    // report as the backup had it, published or before its publication, and it is the
    // admin's to take it out of public view again before the next feed goes out.
    let takedowns_records = about_a_report_after(&conn, EventKind::Unpublish, kept_up_to)?;
    let untrusted = first_untrusted.map(|(from, problem)| Untrusted {
        from,
        problem,
        erasures: untrusted_erasures
            .iter()
            .map(|e| (e.event, e.report_id))
            .collect(),
        accountability: untrusted_accountable
            .iter()
            .map(|(record, _)| record.id)
            .collect(),
    });

    // The file being replaced, checked as `audit verify` checks it. The guide sends the
    // admin to `restore` when verify fails; the restored chain then verifies, and a file
    // edited with `sqlite3` left no trace of the edit. What the check finds is recorded in
    // the restore event, and the file kept beside the database as the evidence it is, as a
    // damaged one is moved aside (created new, 0600; removed again if the restore fails).
    let (found, unchecked) = replaced_findings(&db);
    let mut evidence = None;
    if !found.is_empty() || unchecked.is_some() {
        let (kept, guard) = keep_replaced(&conn, &db, &ctx.now)?;
        evidence = Some((
            ReplacedEvidence {
                found,
                unchecked,
                kept,
            },
            guard,
        ));
    }

    // The new content, built beside the database (same file system, so nothing is half
    // copied across disks), with its restore event.
    let staged_path = with_suffix(&db, ".restore-partial");
    // Left by a restore killed before its swap; nobody else has the database now.
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = fs::remove_file(with_suffix(&staged_path, suffix));
    }
    let (_, _staged_file) = Partial::beside(&db, ".restore-partial")?;
    let mut staged = Connection::open_with_flags(&staged_path, storage::READ_WRITE)
        .with_context(|| format!("opening {}", staged_path.display()))?;
    // The events the restore writes are numbered after the replaced log's last: a number
    // the replaced file gave (a reveal's `original_event`, an event left out) must not come
    // to name another event of the restored one.
    let numbered_after = events::last_id(&conn)?;
    // What bringing the copy up to date frees (identities sealed, keys of erasures
    // re-applied) is zeroed, as in the database itself.
    staged.pragma_update(None, "secure_delete", true)?;
    let pages_copied = backup::copy(&snapshot, &mut staged, backup::ALL_PAGES)?;
    if let Some(floor) = numbered_after {
        events::number_after(&staged, floor)?;
    }
    snapshot.rollback()?;
    drop(source);
    let mode = backup::set_journal_mode(&staged, "DELETE")?;
    anyhow::ensure!(
        mode.eq_ignore_ascii_case("delete"),
        "could not take the restored copy out of WAL (journal_mode is {mode})"
    );
    // A backup made by an older phananh is brought up to this binary's schema.
    migrations::migrate_announcing(&mut staged, |from, to| ctx.upgrading(from, to))?;
    if older {
        // Checked before the rest of bringing it up to date, which seals as they stand the
        // identities still in clear and the tables never sealed: only the clocks a file
        // from before clocks lacks are rebuilt first (from its log), as verify expects them.
        super::deadlines::rebuild_if_missing(&staged)?;
        check_chain(&staged, file)
            .map_err(|e| log_backup_refused(ctx, &conn, &actor.username, file, options, e))?;
    }
    let key_fitted = {
        let tx = immediate(&staged)?;
        let fitted = super::vault::fit_backup_key(&tx, &key_plan)?;
        tx.commit()?;
        fitted
    };
    ctx.bring_up_to_date(&staged)?;
    // What bringing the copy up to date wrote: the identity encryptions (and the sealing of
    // the tables) the replaced database's own upgrade had logged after the backup, made
    // again.
    let upgraded = events::actions_after(&staged, backup_head.as_ref().map(|(id, _)| *id))?;
    let restored_mode = super::auth_mode(&staged)?;
    // [choice] Said, not made again as erasures are: an erasure made after the backup
    // answers a person whose identity must not come back, while a setting may be the very
    // change the restore is run to undo (a deadline, a mode); the admin sets it again.
    let settings_rolled_back = super::settings::differing(&conn, &staged)?;
    let restored = events::head(&staged)?;
    let carried = carry_accountability(ctx, &staged, &accountable, in_chain)?;
    let carried_erasures = accountable
        .iter()
        .filter(|(record, _)| record.action == EventKind::Erase.as_str())
        .count();
    let Reapplied {
        erased: reerased,
        refused: not_reerased,
        shape_only,
        without_report,
    } = reapply_erasures(ctx, &staged, &erasures, in_chain)?;
    // A withdrawal of consent is made again as an erasure is, unless consent was given
    // again after it: restored, the agency read the identity the reporter had taken back
    // (Đ6.5; Law 91/2025/QH15 art. 12).
    let withdrawn_again = reapply_withdrawals(ctx, &staged, &withdrawals_to_redo, in_chain)?;
    // What the replaced file holds that the restored one will not: said, since an older
    // backup of this chain needs no --force and would otherwise discard a day's work
    // without a word; apart from what the restore made again.
    use crate::domain::backup::Again;
    let mut again = std::collections::HashMap::new();
    for (record, _) in &accountable {
        let kind = if record.action == EventKind::Erase.as_str() {
            Again::Erasure
        } else {
            Again::Reveal
        };
        again.insert(record.id, kind);
    }
    for erasure in &erasures {
        if !not_reerased.iter().any(|n| n.event == erasure.event) {
            again.insert(erasure.event, Again::Erasure);
        }
    }
    for &event in &withdrawn_again.made {
        again.insert(event, Again::Withdrawal);
    }
    let (discarded, left_out, made_again) = left_out_of(&conn, kept_up_to, &again, upgraded)?;
    // All kept in the restore event; only those to redo named to the admin.
    let mut redone_by_itself = crate::domain::backup::RedoneByItself::default();
    let to_redo: Vec<_> = left_out
        .iter()
        .filter(|e| !redone_by_itself.count(&e.action))
        .cloned()
        .collect();
    // Each correction lost, kept whole in the restore event (who, when, why, which fields,
    // the report; never a value): an event number of the replaced log would name another
    // event of this one. One whose report the restore erased again needs no redoing, and
    // one whose report the backup lacks is not "held as before": both are left out of the
    // warning that says to correct again.
    let mut corrections_lost: Vec<(i64, i64)> = Vec::new();
    let mut corrections_absent: Vec<i64> = Vec::new();
    let mut corrections_kept = Vec::new();
    for record in &corrections_records {
        let report_id = record.report_id.unwrap_or_default();
        let payload: serde_json::Value = serde_json::from_str(&record.payload).unwrap_or_default();
        let erased_again = reerased.contains(&report_id);
        let absent = crate::storage::reports::load(&staged, report_id)?.is_none();
        if absent {
            corrections_absent.push(report_id);
        } else if !erased_again {
            corrections_lost.push((record.id, report_id));
        }
        corrections_kept.push(json!({
            "report_id": report_id,
            "external_id": payload.get("external_id"),
            "replaced_event": record.id,
            "actor": record.actor,
            "at": record.at,
            "login": record.login,
            "reason": payload.get("reason"),
            "fields": payload.get("fields"),
            "erased_again": erased_again,
            "report_absent": absent,
        }));
    }
    // Each withdrawal lost, kept whole as a correction is; one whose report the restore
    // erased again, or the backup lacks, needs no recording again (no one is left to know).
    let mut withdrawals_lost: Vec<(i64, i64)> = Vec::new();
    let mut withdrawals_kept = Vec::new();
    let mut gifts_lost: Vec<(i64, i64)> = Vec::new();
    let mut gifts_kept = Vec::new();
    for (record, gift) in withdrawals_records
        .iter()
        .map(|r| (r, false))
        .chain(gifts_records.iter().map(|r| (r, true)))
    {
        let (withdrawals_lost, withdrawals_kept) = if gift {
            (&mut gifts_lost, &mut gifts_kept)
        } else {
            (&mut withdrawals_lost, &mut withdrawals_kept)
        };
        let report_id = record.report_id.unwrap_or_default();
        let payload: serde_json::Value = serde_json::from_str(&record.payload).unwrap_or_default();
        let erased_again = reerased.contains(&report_id);
        let absent = crate::storage::reports::load(&staged, report_id)?.is_none();
        // Made again, it is on record in the restored log (`reapplied`).
        if !gift && withdrawn_again.made.contains(&record.id) {
            continue;
        }
        let holding = !gift && withdrawn_again.holding.contains(&record.id);
        if !absent && !erased_again && !holding {
            withdrawals_lost.push((record.id, report_id));
        }
        withdrawals_kept.push(json!({
            "report_id": report_id,
            "external_id": payload.get("external_id"),
            "replaced_event": record.id,
            "actor": record.actor,
            "at": record.at,
            "login": record.login,
            "reason": payload.get("reason"),
            "erased_again": erased_again,
            "report_absent": absent,
        }));
    }
    // Each takedown lost, kept whole as a withdrawal is. One whose report the backup
    // lacks, or holds in a final status other than published (taken down already, merged,
    // rejected), cannot come back into public view and is not warned of.
    let mut takedowns_lost: Vec<TakedownLost> = Vec::new();
    let mut takedowns_kept = Vec::new();
    for record in &takedowns_records {
        let report_id = record.report_id.unwrap_or_default();
        let payload: serde_json::Value = serde_json::from_str(&record.payload).unwrap_or_default();
        let restored_status =
            crate::storage::reports::load(&staged, report_id)?.map(|report| report.status);
        let public_again = restored_status == Some(Status::Published);
        if public_again || restored_status.is_some_and(|status| !status.is_final()) {
            takedowns_lost.push(TakedownLost {
                event: record.id,
                report: report_id,
                public_again,
            });
        }
        takedowns_kept.push(json!({
            "report_id": report_id,
            "replaced_event": record.id,
            "actor": record.actor,
            "at": record.at,
            "login": record.login,
            // The takedown's event kept the reporter's name, hidden at read against its
            // report; this one is about no report and read by every role, so names are
            // hidden here by their shape, as a forced restore's reason is.
            "reason": payload
                .get("reason")
                .and_then(serde_json::Value::as_str)
                .map(|reason| redact_people(reason).text),
            "restored_status": restored_status.map(Status::as_str),
            "report_absent": restored_status.is_none(),
        }));
    }
    // Under a key `key reset` recorded as lost, every identity of the backup was erased by
    // that reset, and made again just above: one left would open for nobody.
    if let super::vault::BackupKey::Lost { lost, .. } = &key_plan {
        let left: Vec<String> = crate::storage::keyfile::wrapped_keys(&staged)?
            .into_iter()
            .map(|(id, _, _)| id.to_string())
            .collect();
        if !left.is_empty() {
            bail!(say::under_a_lost_key(file, lost, &left));
        }
    }

    // The records of the restores the replaced log holds after the part kept.
    let restores_left_out: std::collections::HashMap<i64, serde_json::Value> =
        events::of_actions_after(&conn, &[EventKind::Restore.as_str()], kept_up_to)?
            .into_iter()
            .filter(|record| left_out.iter().any(|e| e.id == record.id))
            .map(|record| {
                let payload = serde_json::from_str(&record.payload).unwrap_or_else(|_| json!({}));
                (record.id, payload)
            })
            .collect();
    // The chain of the restored file continues with the restore itself.
    let path = fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
    let tx = immediate(&staged)?;
    ctx.note(
        &tx,
        &actor.username,
        EventKind::Restore,
        json!({
            "path": redact_people(&path.display().to_string()).text,
            "pages": pages_copied,
            "head_event": restored.as_ref().map(|(id, _)| id),
            "head_hash": restored.as_ref().map(|(_, hash)| hash),
            "replaced_head_event": replaced.as_ref().map(|(id, _)| id),
            "replaced_head_hash": replaced.as_ref().map(|(_, hash)| hash),
            // The events this restore wrote are numbered after it: the gap is the replaced
            // file's numbers, never given again.
            "numbered_after": numbered_after,
            "in_chain": in_chain,
            // Typed when a citizen asked for something: their name and phone stay out of it.
            "forced_reason": options
                .force
                .as_deref()
                .filter(|_| !in_chain)
                .map(|reason| redact_people(&crate::domain::text::nfc(reason)).text),
            "erasures_reapplied": reerased,
            "consent_withdrawals_reapplied": withdrawn_again.made,
            "accountability_reapplied": carried,
            "erasures_not_reapplied": not_reerased.iter().map(|n| n.event).collect::<Vec<_>>(),
            "erasures_without_report": without_report.iter().map(|(event, _)| event).collect::<Vec<_>>(),
            "erasures_by_shape_only": shape_only,
            "erasures_unauthorised": unauthorised.iter().map(|(event, _, _)| event).collect::<Vec<_>>(),
            "untrusted_from": untrusted.as_ref().map(|u| u.from),
            "untrusted_why": untrusted.as_ref().map(|u| u.problem.to_string()),
            "erasures_untrusted": untrusted.as_ref().map(|u| u.erasures.iter().map(|(event, _)| *event).collect::<Vec<_>>()).unwrap_or_default(),
            "accountability_untrusted": untrusted.as_ref().map(|u| u.accountability.clone()).unwrap_or_default(),
            // Every event to redo, for the admin to read past the ones the done line names
            // (`audit log --format json`): who, when, what, about which report; never an
            // identity, which no event's label holds.
            // A restore among them carries its own record, nested: what it had left out,
            // and what it found in the file it replaced, are not erased by the next one.
            "left_out": left_out.iter().map(|e| {
                let mut record = json!({
                    "event": e.id,
                    "hash": e.hash,
                    "at": e.at,
                    "by": e.actor,
                    "action": e.action,
                    "report_id": e.report,
                });
                if let Some(restore) = restores_left_out.get(&e.id) {
                    record["restore"] = restore.clone();
                }
                record
            }).collect::<Vec<_>>(),
            "corrections_not_reapplied": corrections_kept,
            "withdrawals_not_reapplied": withdrawals_kept,
            "consents_not_reapplied": gifts_kept,
            "takedowns_not_reapplied": takedowns_kept,
            // What `audit verify` found in the file this restore replaced: the rows, clocks
            // and tables it names (by report, never an identity), and the copy kept.
            "replaced_intact": evidence.is_none(),
            "replaced_found": evidence.as_ref().map(|(e, _)| found_record(&e.found)).unwrap_or_default(),
            "replaced_found_count": evidence.as_ref().map_or(0, |(e, _)| e.found.len()),
            "replaced_unchecked": evidence.as_ref().and_then(|(e, _)| e.unchecked.clone()),
            "replaced_kept": evidence.as_ref().map(|(e, _)| redact_people(&e.kept.display().to_string()).text),
            "key": key_fitted,
            "settings_rolled_back": settings_rolled_back.iter().map(|(key, before, after)| json!({
                "key": key,
                "before": before,
                "after": after,
            })).collect::<Vec<_>>(),
        })
        .to_string(),
    )?;
    tx.commit()?;
    // The copy goes in without a free page or a page's unused space holding what its rows
    // no longer do: a backup taken by an older phananh holds the clear identities it once
    // wrote there, and the backup API copies pages as they are. The staged file is scratch
    // (a kill leaves the database as it was, and the next restore removes it), so the
    // rewrite keeps no rollback journal and waits for no disk flush: the copy into the
    // database below is what must be durable.
    backup::set_journal_mode(&staged, "OFF")?;
    staged.pragma_update(None, "synchronous", "OFF")?;
    storage::rewrite_whole(&staged)?;
    super::fault_point("restore:staged");

    // The backup API gives a database another page size only outside WAL (a backup made
    // before new databases took 16 KB pages has 4 KB), and leaving WAL needs the file to
    // ourselves: it is refused while anyone else has it open (the sqlite3 shell, say).
    let other_page_size = backup::page_size(&staged)? != backup::page_size(&conn)?;
    if other_page_size && !backup::leave_wal(&conn) {
        bail!(say::other_page_size(file, &db));
    }
    // One write transaction holding the database's write lock for the whole copy: the
    // content and its restore event are committed together, or not at all.
    let pages = backup::copy_into_live(&staged, &mut conn, options.wait)?;
    drop(staged);
    if other_page_size {
        let mode = backup::set_journal_mode(&conn, "WAL")?;
        anyhow::ensure!(
            mode.eq_ignore_ascii_case("wal"),
            "could not switch the restored database back to WAL (journal_mode is {mode})"
        );
    }
    super::fault_point("restore:swapped");
    let replaced_evidence = evidence.map(|(evidence, mut guard)| {
        guard.keep();
        evidence
    });
    // The replaced content's pages leave the file now, not at some later checkpoint.
    let lingering = !storage::fold_wal(&conn);
    Ok(Restored {
        db,
        path,
        pages,
        events_checked,
        forced: !in_chain,
        discarded,
        made_again,
        redone_by_itself,
        left_out: to_redo.into_iter().take(LEFT_OUT_NAMED as usize).collect(),
        backup_head: backup_head.as_ref().map(|(id, _)| *id),
        kept_up_to,
        lingering,
        reerased,
        not_reerased,
        shape_only,
        without_report,
        unauthorised,
        untrusted,
        carried: carried.len().saturating_sub(carried_erasures),
        carried_erasures,
        mode_changed: (restored_mode != live_mode).then_some((live_mode, restored_mode)),
        settings_rolled_back,
        key_still_lost: match key_plan {
            super::vault::BackupKey::StillLost(lost) => Some(lost),
            _ => None,
        },
        corrections_lost,
        corrections_absent,
        withdrawals_lost,
        consents_lost: gifts_lost,
        takedowns_lost,
        replaced: replaced_evidence,
    })
}

/// The takedowns (`unpublish`) the restores recorded as not made again
/// (`takedowns_not_reapplied` of their events), by report: the latest one's time. Read by
/// `export subject` and by `publish`, which says to take such a report down again.
pub(crate) fn takedowns_not_reapplied(
    conn: &Connection,
) -> Result<std::collections::HashMap<i64, String>> {
    let mut lost = std::collections::HashMap::new();
    for record in events::of_actions(conn, &[EventKind::Restore.as_str()], None, None, None)? {
        for (report, at, _) in crate::domain::setbacks::takedowns_not_reapplied(&record) {
            lost.insert(report, at);
        }
    }
    Ok(lost)
}

/// The findings a restore event keeps of the file it replaced, at most this many; all are
/// counted.
const REPLACED_NAMED: usize = 200;

/// What `audit verify` names in the database about to be replaced (every edited row, then
/// the first clock or break), or why the check could not run through it.
fn replaced_findings(db: &Path) -> (Vec<crate::domain::audit::ChainBreak>, Option<String>) {
    // On a read-only connection of its own, closed once done: the restore's own
    // connection must hold nothing open when it copies into the file.
    let checked = Connection::open_with_flags(db, storage::READ_ONLY)
        .map_err(anyhow::Error::from)
        .and_then(|conn| super::audit::verify(&conn, &indicatif::ProgressBar::hidden()));
    match checked {
        Ok((outcome, problem)) => {
            let mut found = outcome.edited;
            if let Some(problem) = problem
                && !found.contains(&problem)
            {
                found.push(problem);
            }
            (found, None)
        }
        Err(e) => (Vec::new(), Some(format!("{e:#}"))),
    }
}

/// The findings as the restore event records them: what kind, which report, and the
/// finding in both languages (texts that name rows, events and accounts, never a
/// reporter's identity).
fn found_record(found: &[crate::domain::audit::ChainBreak]) -> Vec<serde_json::Value> {
    use crate::i18n::Bilingual as _;
    found
        .iter()
        .take(REPLACED_NAMED)
        .map(|problem| {
            json!({
                "kind": problem.code(),
                "report_id": problem.report_id(),
                "vi": problem.vi(),
                "en": problem.en(),
            })
        })
        .collect()
}

/// Copies the live database, as it stands, to `DB.replaced-DATE-TIME` beside it: a new
/// private file, in one piece (no -wal beside it), kept only once the restore is done.
fn keep_replaced(
    conn: &Connection,
    db: &Path,
    now: &chrono::DateTime<chrono::FixedOffset>,
) -> Result<(PathBuf, Partial)> {
    let suffix = format!(".replaced-{}", now.format("%Y%m%d-%H%M%S"));
    let (file, guard) = Partial::beside(db, &suffix)?;
    drop(file);
    let path = guard.path().to_owned();
    let mut copy = Connection::open_with_flags(&path, storage::READ_WRITE)
        .with_context(|| format!("opening {}", path.display()))?;
    let snapshot = backup::snapshot(conn)?;
    backup::copy(&snapshot, &mut copy, backup::ALL_PAGES)?;
    snapshot.rollback()?;
    backup::set_journal_mode(&copy, "DELETE")?;
    copy.close().map_err(|(_, e)| e)?;
    fs::File::open(&path)?.sync_all()?;
    Ok((path, guard))
}

/// The events of the live log after event `kept_up_to` (every one when None), sorted: those
/// the restore made again (`again`: the reveals, full exports and erasures written again,
/// each event's id and whether it is an erasure; `upgraded`: what bringing the backup up to
/// date wrote, each action and report matched once), counted by kind; and the others,
/// counted and each named: the replaced file is gone once the restore is done, and the
/// admin told to redo what they recorded had nothing left to read them from.
fn left_out_of(
    live: &Connection,
    kept_up_to: Option<i64>,
    again: &std::collections::HashMap<i64, crate::domain::backup::Again>,
    upgraded: Vec<(String, Option<i64>)>,
) -> Result<(i64, Vec<crate::domain::backup::LeftOut>, MadeAgain)> {
    use crate::domain::backup::Again;
    let mut upgraded_left = std::collections::HashMap::<(String, Option<i64>), usize>::new();
    for made in upgraded {
        *upgraded_left.entry(made).or_default() += 1;
    }
    let (mut discarded, mut named, mut made_again) = (0, Vec::new(), MadeAgain::default());
    events::for_each_after(live, kept_up_to, |event| {
        if let Some(kind) = again.get(&event.id) {
            match kind {
                Again::Erasure => made_again.erasures += 1,
                Again::Reveal => made_again.reveals += 1,
                Again::Withdrawal => made_again.withdrawals += 1,
            }
            return Ok(());
        }
        if let Some(left) = upgraded_left.get_mut(&(event.action.clone(), event.report))
            && *left > 0
        {
            *left -= 1;
            if event.action == EventKind::SealIdentity.as_str() {
                made_again.identities += 1;
            } else {
                made_again.upgrade += 1;
            }
            return Ok(());
        }
        discarded += 1;
        named.push(event);
        Ok(())
    })?;
    Ok((discarded, named, made_again))
}

/// Whether event `event` of the live log comes before its first untrusted event.
fn trusted(event: i64, first_untrusted: Option<&(i64, crate::domain::audit::ChainBreak)>) -> bool {
    first_untrusted.is_none_or(|(from, _)| event < *from)
}

/// `items` split into those whose event comes before the live log's first untrusted event,
/// and the others.
fn trusted_only<T>(
    items: Vec<T>,
    event: impl Fn(&T) -> i64,
    first_untrusted: Option<&(i64, crate::domain::audit::ChainBreak)>,
) -> (Vec<T>, Vec<T>) {
    items
        .into_iter()
        .partition(|item| trusted(event(item), first_untrusted))
}

/// The events of `kind` about a report written after event `kept_up_to`, the last the
/// restored file holds too (every one when None): steps a restore names, not makes again.
fn about_a_report_after(
    live: &Connection,
    kind: EventKind,
    kept_up_to: Option<i64>,
) -> Result<Vec<crate::domain::audit::EventRecord>> {
    Ok(
        events::of_actions_after(live, &[kind.as_str()], kept_up_to)?
            .into_iter()
            .filter(|record| record.report_id.is_some())
            .collect(),
    )
}

/// The reveals and full exports of the live log written after event `kept_up_to`, the last
/// the restored file holds too (every one when None), each with the app id its report's
/// live row now says: not sealed, and used only for a reveal from before reveals sealed
/// their own.
fn accountable_after(
    live: &Connection,
    kept_up_to: Option<i64>,
) -> Result<Vec<(crate::domain::audit::EventRecord, Option<String>)>> {
    let kinds = [
        EventKind::Reveal.as_str(),
        EventKind::ExportFull.as_str(),
        EventKind::Erase.as_str(),
    ];
    events::of_actions_after(live, &kinds, kept_up_to)?
        .into_iter()
        // An erasure of a report is made again on it (`reapply_erasures`); one a restore
        // wrote about no report, its report lacking, is carried as the reveals are.
        .filter(|record| record.action != EventKind::Erase.as_str() || record.report_id.is_none())
        .map(|record| {
            let app = match record.report_id {
                Some(id) => crate::storage::reports::external_id_of(live, id)?,
                None => None,
            };
            Ok((record, app))
        })
        .collect()
}

/// Writes again, in the restored copy, the reveals and full exports the live log made
/// after the backup (SECURITY.md: an admin's reveal must not vanish through a restore of
/// their own backup). Each by the `phananh` account, as the erasures made again are,
/// carrying its payload as written and, under `reapplied`, the original event, account,
/// login and time, which `audit reveals` shows. Returns the new events.
///
/// Which report a reveal goes on is what its event sealed, as for the erasures made again:
/// in a backup of this chain, the report of the number it sealed; in another chain's
/// (`--force`), whose numbers may differ, the report carrying the app id it sealed (or, for
/// a reveal from before that, the one of that number when it carries the live row's app
/// id). The live row's app id is no guide otherwise: one changed with `sqlite3` before the
/// restore its damage calls for took the clerk's own reveal off `audit reveals --report`.
/// A reveal whose report the backup lacks is written about no report, its number in the
/// payload.
fn carry_accountability(
    ctx: &Context,
    staged: &Connection,
    records: &[(crate::domain::audit::EventRecord, Option<String>)],
    in_chain: bool,
) -> Result<Vec<i64>> {
    use crate::storage::journal::{Entry, Sealed};
    use crate::storage::reports;
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let tx = immediate(staged)?;
    let mut journal = crate::storage::journal::Journal::new(&tx, ctx.stamp(super::SYSTEM_ACTOR))?;
    let mut written = Vec::new();
    for (record, live_app) in records {
        let Some(kind) = EventKind::parse(&record.action) else {
            continue;
        };
        let mut payload = reapplied_payload(record);
        let sealed_app = payload
            .get("external_id")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        let id = match (record.report_id, &sealed_app) {
            (None, _) => None,
            (Some(id), _) if in_chain => Some(id),
            (Some(_), Some(app)) => reports::id_of_external(&tx, app)?,
            (Some(id), None) => {
                (live_app.is_some() && reports::external_id_of(&tx, id)? == *live_app).then_some(id)
            }
        };
        let report = match id {
            Some(id) => reports::load(&tx, id)?,
            None => None,
        };
        if report.is_none() && record.report_id.is_some() {
            payload["report_id"] = json!(record.report_id);
            if sealed_app.is_none() {
                // What the replaced row said, for a reader to tell which report it was;
                // not sealed, so under another name than a sealed app id.
                payload["live_external_id"] = json!(live_app);
            }
        }
        let entry = match &report {
            Some(report) => Entry {
                kind,
                report: Some(Sealed::unchanged(report)),
                about: None,
                payload: payload.to_string(),
                clocks: None,
            },
            None => Entry::note(kind, payload.to_string()),
        };
        written.push(journal.append(entry)?);
    }
    drop(journal);
    tx.commit()?;
    Ok(written)
}

/// The payload of an event a restore writes again: the original's (an object, or an empty
/// one), with, under `reapplied`, the original event, account, login and time; an event a
/// restore wrote already keeps the pointer to the first original.
fn reapplied_payload(record: &crate::domain::audit::EventRecord) -> serde_json::Value {
    let mut payload: serde_json::Value =
        serde_json::from_str(&record.payload).unwrap_or_else(|_| json!({}));
    if !payload.is_object() {
        payload = json!({});
    }
    if payload.get("reapplied").is_none() {
        payload["reapplied"] = json!({
            "event": record.id,
            "by": record.actor,
            "at": record.at,
            "login": record.login,
            // The real write time, so `audit reveals` still tells a backdated line.
            "recorded_at": record.recorded_at,
        });
    }
    payload
}

/// What `reapply_withdrawals` did: the withdrawals it made again, and those the restored
/// copy already holds (its report's consent withdrawn in the backup too): neither is lost.
#[derive(Debug, Default)]
struct Withdrawn {
    made: Vec<i64>,
    holding: Vec<i64>,
}

/// Makes again, in the restored copy, each withdrawal of consent in `records` (of each
/// report, the last step of consent the replaced log took after the backup). Its report is
/// found as an erasure made again finds its own: the number the event sealed, provided the
/// backup's row of that number carries the app id it sealed; in another chain's backup
/// (`--force`), that app id. A report still giving consent, its identity not erased, has it
/// withdrawn by a `consent_withdraw` event of the `phananh` account carrying the original's
/// reason and, under `reapplied`, its event, account, login and time, as the reveals a
/// restore writes again do. A withdrawal from before the app id was sealed, or whose report
/// the copy lacks, is left to the warning that names it.
fn reapply_withdrawals(
    ctx: &Context,
    staged: &Connection,
    records: &[&crate::domain::audit::EventRecord],
    in_chain: bool,
) -> Result<Withdrawn> {
    use crate::storage::journal::{Entry, Sealed};
    use crate::storage::reports;
    let mut done = Withdrawn::default();
    if records.is_empty() {
        return Ok(done);
    }
    let tx = immediate(staged)?;
    let mut journal = crate::storage::journal::Journal::new(&tx, ctx.stamp(super::SYSTEM_ACTOR))?;
    for record in records {
        let Some(report_id) = record.report_id else {
            continue;
        };
        let payload = reapplied_payload(record);
        let sealed_app = payload
            .get("external_id")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        let id = match (&sealed_app, in_chain) {
            (Some(app), true) => (reports::external_id_of(&tx, report_id)?.as_deref()
                == Some(app.as_str()))
            .then_some(report_id),
            (Some(app), false) => reports::id_of_external(&tx, app)?,
            (None, _) => None,
        };
        let Some(before) = (match id {
            Some(id) => reports::load(&tx, id)?,
            None => None,
        }) else {
            continue;
        };
        if before.identity_erased() {
            continue;
        }
        if !before.consent {
            done.holding.push(record.id);
            continue;
        }
        let mut after = before.clone();
        after.consent = false;
        journal.append(Entry {
            kind: EventKind::ConsentWithdraw,
            report: Some(Sealed::changed(&before, &after)),
            about: None,
            payload: payload.to_string(),
            clocks: None,
        })?;
        reports::update(&tx, &before, &after)?;
        done.made.push(record.id);
    }
    drop(journal);
    tx.commit()?;
    Ok(done)
}

/// Makes again, in the restored copy, every erasure of the live log whose report the copy
/// still holds with an identity: one `erase` event each, carrying the original reason and
/// the event, account and time of the erasure. Written by the `phananh` account, as the
/// sweep's erasures are: the restore makes them on its own, the `restore` event after them
/// names who restored and lists them, and the restorer's account and login may not exist
/// in the backup's tables, against which `audit verify` would judge them.
///
/// Which report: the one the erase event sealed (its number), provided the backup's row of
/// that number carries the app id the erasure is about. The live file is being replaced,
/// maybe because it was damaged: its rows' app ids are not sealed, and one swapped with
/// `sqlite3` would otherwise turn an honest admin's restore into the erasure of an
/// innocent reporter. Where they disagree nothing is erased and the event is named. Only
/// the app id sealed in the event itself (erasures since it is recorded) is looked up
/// anywhere in a backup of another chain (`--force`), whose numbers may differ.
fn reapply_erasures(
    ctx: &Context,
    staged: &Connection,
    erasures: &[events::Erasure],
    in_chain: bool,
) -> Result<Reapplied> {
    // The restored copy is under the key in place by now (`vault::fit_backup_key`): with
    // it, each erasure made again finds where the name stood in the copy's own texts.
    let keys = ctx.keys(staged).ok();
    let tx = immediate(staged)?;
    let mut journal = crate::storage::journal::Journal::new(&tx, ctx.stamp(super::SYSTEM_ACTOR))?;
    let mut done = Reapplied::default();
    for erasure in erasures {
        let claimed = erasure.external_id();
        let in_backup = crate::storage::reports::external_id_of(&tx, erasure.report_id)?;
        let id = if in_backup.is_some() && in_backup.as_deref() == claimed {
            Some(erasure.report_id)
        } else if let (false, Some(sealed)) = (in_chain, &erasure.sealed_external_id) {
            crate::storage::reports::id_of_external(&tx, sealed)?
        } else if in_backup.is_none()
            && (in_chain
                || claimed
                    .map_or(Ok(None), |c| {
                        crate::storage::reports::id_of_external(&tx, c)
                    })?
                    .is_none())
        {
            // A report made after the backup (or, in another chain's, absent from it).
            None
        } else {
            done.refused.push(NotReapplied {
                event: erasure.event,
                report_id: erasure.report_id,
                claimed: claimed.map(str::to_owned),
                in_backup,
            });
            continue;
        };
        let Some(id) = id else {
            // Nothing of the report to erase, but the erasure stays on record, about no
            // report as the reveals made after the backup are: dropped, it left `audit
            // reveals` without a word, and the app's export ingested again brought the
            // identity back with no trace that the citizen had asked (`app::ingest` now
            // warns by the app id kept here).
            let mut payload = serde_json::json!({
                "fields": ["reporter_name", "reporter_phone"],
                "reason": erasure.reason,
                "report_id": erasure.report_id,
                "reapplied": super::erase::origin_of(erasure),
            });
            match (&erasure.sealed_external_id, &erasure.live_external_id) {
                (Some(sealed), _) => payload["external_id"] = json!(sealed),
                // What the replaced row said; not sealed, so under another name.
                (None, live) => payload["live_external_id"] = json!(live),
            }
            journal.append(crate::storage::journal::Entry::note(
                EventKind::Erase,
                payload.to_string(),
            ))?;
            done.without_report
                .push((erasure.event, claimed.map(str::to_owned)));
            continue;
        };
        let (erased, places) =
            super::erase::reapply_in(&tx, &mut journal, id, erasure, keys.as_ref(), in_chain)?;
        if places == super::erase::Places::ShapeOnly && !erased.erased.is_empty() {
            done.shape_only.push(id);
        }
        done.erased.extend(erased.erased);
    }
    drop(journal);
    tx.commit()?;
    Ok(done)
}

/// What making the live erasures again did in the restored copy.
#[derive(Debug, Default)]
struct Reapplied {
    /// Reports erased again.
    erased: Vec<i64>,
    /// Erasures not made again: the report sealed carries another app id in the backup.
    refused: Vec<NotReapplied>,
    /// Reports erased again whose texts no key could search for the name, and on which the
    /// live erasure's places do not fit: their public texts hide names by shape only.
    shape_only: Vec<i64>,
    /// Erasures whose report the backup lacks, written again about no report: the event
    /// erased and its app id.
    without_report: Vec<(i64, Option<String>)>,
}

/// A backup refused for what the audit-chain check found in it (an integrity failure, exit
/// 5) is logged as a `refused` event of operation `restore`: the account, the
/// file and the finding (redacted of names, as every text an event keeps), and the reason a
/// `--force` gave. An admin trying to put a copy edited with `sqlite3` in place is what an
/// inspector must learn of (SECURITY.md, "A refusal of a read"); it left no trace. Any other
/// error is returned as it is.
fn log_backup_refused(
    ctx: &Context,
    conn: &Connection,
    actor: &str,
    file: &Path,
    options: &RestoreOptions,
    error: anyhow::Error,
) -> anyhow::Error {
    let Some(failure) = error
        .downcast_ref::<Failure>()
        .filter(|f| f.class == crate::exit::Class::Integrity)
    else {
        return error;
    };
    let path = fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
    let noted = json!({
        "file": redact_people(&path.display().to_string()).text,
        "forced_reason": options
            .force
            .as_deref()
            .map(|reason| redact_people(reason).text),
    });
    let reason = say::refusal_to_log(&failure.message);
    match super::log_refusal_noting(
        conn,
        ctx.stamp(actor),
        Operation::Restore.as_str(),
        None,
        &reason,
        Some(&noted),
    ) {
        Ok(logged) => Failure::integrity(logged.said(failure.message.clone())).into(),
        Err(e) => e.context("recording a refused restore"),
    }
}

/// Refuses anything but a whole phananh database this binary can read; returns the number
/// of its events. Its chain is `check_chain`'s, run by `restore`, which logs that refusal.
fn check_backup(conn: &Connection, file: &Path) -> Result<i64> {
    match storage::identify(conn) {
        Ok(Identity::Phananh) => {}
        Err(e) if !is_not_a_database(&e) => {
            return Err(Failure::integrity(say::damaged(file, &e.to_string())).into());
        }
        _ => bail!(say::not_a_backup(file)),
    }
    let version = backup::user_version(conn)?;
    if version > migrations::latest() {
        bail!(say::newer_schema(file, version, migrations::latest()));
    }
    // A damaged or tampered backup is an integrity failure (exit 5), as `audit verify`'s.
    if let Some(problem) = backup::integrity(conn).unwrap_or_else(|e| Some(e.to_string())) {
        return Err(Failure::integrity(say::damaged(file, &problem)).into());
    }
    backup::count_events(conn)
}

/// Refuses a backup whose audit chain `audit verify` would call broken.
fn check_chain(conn: &Connection, file: &Path) -> Result<()> {
    match super::audit::first_problem(conn) {
        Ok(None) => {}
        Ok(Some(problem)) => {
            return Err(Failure::integrity(say::broken_chain(file, &problem)).into());
        }
        Err(e) => return Err(Failure::integrity(say::damaged(file, &e.to_string())).into()),
    }
    Ok(())
}

/// SQLite's "file is not a database": the file is something else altogether.
fn is_not_a_database(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<rusqlite::Error>(),
        Some(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase
    )
}

/// Makes a rename durable: the folder's entry is synced too.
fn sync_folder_of(path: &Path) -> Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::File::open(folder)?.sync_all()?;
    Ok(())
}
