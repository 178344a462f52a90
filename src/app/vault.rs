//! Reporters' identities at rest as use cases (SECURITY.md, "Identity at rest";
//! `domain::vault`): finding the key that opens this database's identities and opening them
//! for the commands that show or use them, sealing new ones, sealing once the identities of a
//! database from before sealing (then rewriting the file whole), the key `init` makes, and
//! `key rotate` — crash-safe, and finishing or rolling back an interrupted rotation on its
//! next run; `key reset` for a lost key; and which key a backup being restored needs.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::{Context, SYSTEM_ACTOR};
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::report::Report;
use crate::domain::statement::{says_something, says_something_once_hidden};
use crate::domain::vault::{self, MasterKey, OpenError, Random, Stored};
use crate::output::vault::NotRotation;
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::keyfile::{self, KeyError};
use crate::storage::private::with_suffix;
use crate::storage::tx::immediate;
use crate::storage::{self, reports};

/// The key that opens this database's identities, and where it was found.
pub struct Keys {
    master: MasterKey,
    path: PathBuf,
}

impl Context {
    /// Where the key file is: `--key-file`, `PHANANH_KEY_FILE`, or the database's path
    /// plus `.key`.
    pub fn key_path(&self) -> PathBuf {
        self.key_file
            .clone()
            .unwrap_or_else(|| with_suffix(&self.db_path(), ".key"))
    }

    /// The key of this database's identities, for a command that shows or uses them. Fails,
    /// saying where it looked and how to point elsewhere, when there is none or it is not
    /// this database's.
    pub fn keys(&self, conn: &Connection) -> Result<Keys> {
        let path = self.key_path();
        let expected = keyfile::key_id(conn)?;
        let found = keyfile::read(&path);
        if let Ok(master) = &found
            && expected.as_ref().is_none_or(|id| *id == master.id())
        {
            // The vault row's id is a label `sqlite3` can delete, or set to a planted key's:
            // a key taken on its word then sealed new arrivals for whoever planted it, and
            // the identities it did not open were reported lost, with `erase` advised.
            if expected.is_none()
                || (keyfile::any_sealed(conn)? && !opens_identities(conn, master)?)
            {
                refuse_unvouched_vault(conn)?;
            }
            return Ok(Keys {
                master: master.clone(),
                path,
            });
        }
        // A rotation stopped between its commit and putting the new key in place: the
        // database is already under the key beside (`key rotate` finishes the move).
        let beside = with_suffix(&path, ".new");
        if let (Some(id), Ok(master)) = (&expected, keyfile::read(&beside))
            && *id == master.id()
        {
            self.tell(&crate::output::vault::interrupted_rotation_key(&beside));
            return Ok(Keys {
                master,
                path: beside,
            });
        }
        match found {
            Err(error) => Err(crate::output::key::key_error(&error, &path).into()),
            Ok(master) => {
                let opens = opens_identities(conn, &master)?;
                Err(crate::output::vault::wrong_key(
                    &path,
                    &master.id(),
                    expected.as_deref(),
                    opens,
                )
                .into())
            }
        }
    }
}

/// Refuses (exit 5) while the `vault` row is not the one the log last recorded
/// (`app::audit::unvouched_vault`).
fn refuse_unvouched_vault(conn: &Connection) -> Result<()> {
    match super::audit::unvouched_vault(conn)? {
        Some(problem) => Err(
            crate::exit::Failure::integrity(crate::output::vault::key_unvouched(&problem)).into(),
        ),
        None => Ok(()),
    }
}

/// Whether `master` unwraps the own key of at least one sealed report: what makes a key
/// this database's. The id the `vault` row names is only a label, which `sqlite3` can
/// change; a key file is judged by what it opens.
pub fn opens_identities(conn: &Connection, master: &MasterKey) -> Result<bool> {
    let mut opens = false;
    keyfile::for_each_wrapped_key(conn, |_, external_id, wrapped| {
        opens = vault::opens(master, external_id, wrapped);
        !opens
    })?;
    Ok(opens)
}

impl Keys {
    /// The reporters of the reports `ids` (those merged into one report), opened: what that
    /// report's texts hide besides its own reporter.
    pub fn merged(&self, conn: &Connection, ids: &[i64]) -> Result<crate::domain::redact::Merged> {
        merged_with(conn, ids, |report| self.open(conn, report).map(|()| true))
    }

    /// As [`Keys::merged`], for a listing of many: a merged reporter whose identity does
    /// not open is hidden as an erased one is, by the shape of names, rather than stopping
    /// the listing (`Keys::opens_for_listing`).
    pub fn merged_for_listing(
        &self,
        conn: &Connection,
        ids: &[i64],
    ) -> Result<crate::domain::redact::Merged> {
        merged_with(conn, ids, |report| Ok(self.opens_for_listing(report)))
    }

    /// As [`Keys::merged`], for a public view: the merged reports whose identity does not
    /// open are returned beside the reporters, rather than stopping the view, which cannot
    /// check the texts that answer them to hide their names.
    pub fn merged_or_unopened(
        &self,
        conn: &Connection,
        ids: &[i64],
    ) -> Result<(crate::domain::redact::Merged, Vec<i64>)> {
        let mut unopened = Vec::new();
        let merged = merged_with(conn, ids, |report| {
            let opened = self.opens_for_listing(report);
            if !opened {
                unopened.push(report.id);
            }
            Ok(opened)
        })?;
        Ok((merged, unopened))
    }
}

/// The reporters of the reports `ids`, each opened by `open` (false: it does not open).
fn merged_with(
    conn: &Connection,
    ids: &[i64],
    mut open: impl FnMut(&mut Report) -> Result<bool>,
) -> Result<crate::domain::redact::Merged> {
    let mut merged = crate::domain::redact::Merged::default();
    for id in ids {
        let Some(mut report) = crate::storage::reports::load(conn, *id)? else {
            continue;
        };
        if report.identity_erased() || !open(&mut report)? {
            merged.erased = true;
            continue;
        }
        if !report.reporter_name.trim().is_empty() {
            merged.names.push(report.reporter_name);
        }
    }
    Ok(merged)
}

impl Keys {
    /// Where the key was found.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens the report's identity as [`Keys::open`] does, for a listing of many reports:
    /// false, the name and phone left empty, when this key does not open it (a sealed
    /// identity swapped with another report's, or its own key replaced, with `sqlite3`).
    /// One such row stopped `list` for every role, the desk's work with it
    /// (`privacy::identities_swapped_with_sqlite3_stop_no_listing`); the listing shows the
    /// row without its identity and names it after its rows.
    pub fn opens_for_listing(&self, report: &mut Report) -> bool {
        let Stored::Sealed { identity, opened } = &mut report.identity else {
            return true;
        };
        if *opened {
            return true;
        }
        match vault::open(&self.master, &report.external_id, identity) {
            Ok((name, phone)) => {
                report.reporter_name = name;
                report.reporter_phone = phone;
                *opened = true;
                true
            }
            Err(_) => false,
        }
    }

    /// Fills in the report's name and phone from its sealed identity (nothing to do for
    /// one in clear or erased). `conn` is asked only when it does not open, for the way on.
    pub fn open(&self, conn: &Connection, report: &mut Report) -> Result<()> {
        let Stored::Sealed { identity, opened } = &mut report.identity else {
            return Ok(());
        };
        if *opened {
            return Ok(());
        }
        match vault::open(&self.master, &report.external_id, identity) {
            Ok((name, phone)) => {
                report.reporter_name = name;
                report.reporter_phone = phone;
                *opened = true;
                Ok(())
            }
            // An identity swapped with another report's (both blobs copied with `sqlite3`)
            // does not open either, but its row is no longer the one the log sealed, and
            // `erase` refuses to seal an edited row: advising it sent the admin to a refusal.
            Err(OpenError::WrongKey) if !storage::events::sealed_as_it_stands(conn, report)? => {
                bail!(crate::output::vault::identity_edited(&self.path, report.id))
            }
            Err(OpenError::WrongKey) => bail!(crate::output::vault::own_key_replaced(
                &self.path, report.id
            )),
            Err(OpenError::Damaged) => bail!(crate::output::vault::identity_damaged(report.id)),
        }
    }

    /// How many sealed reports' own keys were tried under this key, and those that do not
    /// open, in id order: a wrapped key replaced behind the tool's back (same length, so
    /// `keyfile::first_key_missing` does not see it) destroys the identity with no `erase`
    /// on record.
    pub fn unopened(&self, conn: &Connection) -> Result<(u64, Vec<i64>)> {
        let mut tried = 0;
        let mut unopened = Vec::new();
        keyfile::for_each_wrapped_key(conn, |id, external_id, wrapped| {
            tried += 1;
            if !vault::opens(&self.master, external_id, wrapped) {
                unopened.push(id);
            }
            true
        })?;
        Ok((tried, unopened))
    }

    /// Seals `name` and `phone` as the report's identity in place of the one it holds,
    /// under the report's own key (`identity correct`). The identity must have been opened
    /// with this key (`Keys::open`), which says why it does not open; one in clear (a
    /// database from before sealing) is sealed anew.
    pub fn reseal(&self, report: &mut Report, name: &str, phone: &str) -> Result<()> {
        report.reporter_name = name.to_owned();
        report.reporter_phone = phone.to_owned();
        let mut random = keyfile::random()?;
        let identity = match &report.identity {
            Stored::Sealed { identity, .. } => vault::reseal(
                &self.master,
                &mut random,
                &report.external_id,
                identity,
                name,
                phone,
            )
            .map_err(|e| anyhow::anyhow!("report {}: resealing failed: {e:?}", report.id))?,
            Stored::Clear => {
                vault::seal(&self.master, &mut random, &report.external_id, name, phone)
            }
            Stored::Erased(_) => bail!(
                "report {}: an erased identity is not sealed again",
                report.id
            ),
        };
        report.identity = Stored::Sealed {
            identity,
            opened: true,
        };
        Ok(())
    }

    /// A sealer of new identities under this key.
    pub fn sealer(&self) -> Result<Sealer> {
        Ok(Sealer {
            master: self.master.clone(),
            random: keyfile::random()?,
        })
    }
}

/// Seals identities read in clear (an arrival, a report from before sealing). Owned, so
/// that a load's reading thread seals as it reads.
pub struct Sealer {
    master: MasterKey,
    random: Random,
}

impl Sealer {
    /// Seals the report's identity, keeping it in clear in memory; a report already sealed
    /// or erased is left as it is.
    pub fn seal(&mut self, report: &mut Report) {
        if report.identity != Stored::Clear {
            return;
        }
        report.identity = Stored::Sealed {
            identity: vault::seal(
                &self.master,
                &mut self.random,
                &report.external_id,
                &report.reporter_name,
                &report.reporter_phone,
            ),
            opened: true,
        };
    }
}

/// Makes the key of a new database (`init`, `demo`): written new and private at the key
/// path, its id recorded in the database. Refuses a path where something already is.
pub fn create_key(ctx: &Context, conn: &Connection) -> Result<PathBuf> {
    let path = ctx.key_path();
    let master = MasterKey::generate(&mut keyfile::random()?);
    keyfile::create_for(&path, &master, &ctx.db_path())?;
    keyfile::set_key_id(conn, &master.id())?;
    Ok(path)
}

/// Refuses, before a database is made, a key path that something already holds: the key
/// of another database must not be taken over, nor a file overwritten. A key in a folder
/// that does not exist is refused here too, naming the folder: found only when the key is
/// written, it left a database with no admin behind (docs/rules.md §6).
pub fn check_key_path_free(ctx: &Context) -> Result<()> {
    let path = ctx.key_path();
    crate::storage::diagnose::output_folder_exists(&path)?;
    if let Some(standing) = storage::private::Standing::at(&path) {
        // Said what it is, and moved, never removed: `rm` fails on a folder, and a key
        // there may be another database's.
        bail!(crate::output::vault::key_file_exists(&path, standing));
    }
    Ok(())
}

/// What sealing the identities of a database from before sealing did.
#[derive(Debug, Default)]
pub struct SealedOnce {
    /// Reports whose identity was sealed.
    pub sealed: usize,
    /// The file could not be rewritten whole yet: another session still reads pages that
    /// hold identities in clear (`storage::rewrite_whole`).
    pub lingering: bool,
}

/// Seals, once, the identities of a database from before sealing (migration 7), each with
/// a `seal_identity` event recording the row as it is now stored, then rewrites the file
/// whole: the older phananh that wrote it left the clear bytes of every row it moved in
/// free pages and unused space, and a backup copies them. Rows whose digest is not the one
/// their latest event sealed are left alone. The key is the one the database names, or,
/// for a database that never had one, the key file at the key path, made there if there is
/// none. Says how many were sealed, or why none could be.
pub fn seal_in_clear(ctx: &Context, conn: &Connection) -> Result<SealedOnce> {
    // Asked first without the write lock: nearly every open finds nothing to seal and must
    // not queue behind other writers to learn it.
    if !waits_for_sealing(conn)? {
        return Ok(SealedOnce::default());
    }
    let sealed = seal_rows_in_clear(ctx, conn)?;
    if sealed == 0 {
        return Ok(SealedOnce::default());
    }
    super::fault_point("seal:committed");
    let whole = rewrite_and_record(ctx, conn)?;
    Ok(SealedOnce {
        sealed,
        lingering: !whole,
    })
}

/// Whether the file still owes the whole rewrite that follows the first sealing of its
/// identities: the log seals identities once held in clear (`vault.clear_until`) and no
/// `rewrite_file` event came after. So it is when the upgrade was killed during the
/// rewrite (a power cut, a kill of a half-minute `VACUUM` on a large file), and when another
/// session kept the old pages: the seals are committed then, and nothing else would ever
/// rewrite the file again.
pub fn rewrite_pending(conn: &Connection) -> Result<bool> {
    match keyfile::clear_until(conn)? {
        Some(last) => Ok(!storage::events::rewritten_after(conn, last)?),
        None => Ok(false),
    }
}

/// Does the rewrite `rewrite_pending` finds owed, if it is: None when none is owed, else
/// whether the file was rewritten whole (false: another session still keeps the old pages,
/// and the next opening tries again).
pub fn finish_rewrite(ctx: &Context, conn: &Connection) -> Result<Option<bool>> {
    if !rewrite_pending(conn)? {
        return Ok(None);
    }
    rewrite_and_record(ctx, conn).map(Some)
}

/// Rewrites the file whole and, once none of its old pages is left anywhere, records that
/// with a `rewrite_file` event. The event is written after the rewrite, never before: it
/// is the mark that the clear bytes are gone. False when another session kept the old
/// pages: no mark then, and the next opening rewrites again.
fn rewrite_and_record(ctx: &Context, conn: &Connection) -> Result<bool> {
    if !storage::rewrite_whole(conn)? {
        return Ok(false);
    }
    let tx = immediate(conn)?;
    // Asked again under the lock: another process may have finished it meanwhile.
    if rewrite_pending(&tx)? {
        Journal::new(&tx, system_stamp(ctx, &tx)?)?
            .append(Entry::note(EventKind::RewriteFile, "{}".to_owned()))?;
    }
    tx.commit()?;
    Ok(true)
}

/// The stamp of what phananh writes on its own at an opening: after everything already in
/// the log, whatever the tool's clock.
fn system_stamp(ctx: &Context, conn: &Connection) -> Result<storage::journal::Stamp> {
    let latest = storage::events::latest_time(conn)?;
    let mut stamp = ctx.stamp(SYSTEM_ACTOR);
    if let Some(latest) = latest.as_deref().and_then(crate::domain::time::stored)
        && latest > stamp.at
    {
        stamp.at = latest;
    }
    Ok(stamp)
}

fn seal_rows_in_clear(ctx: &Context, conn: &Connection) -> Result<usize> {
    let tx = immediate(conn)?;
    // Asked again under the lock: another process may have sealed them since.
    if !waits_for_sealing(&tx)? {
        return Ok(0);
    }
    let ids = keyfile::ids_in_clear(&tx)?;
    let master = match keyfile::key_id(&tx)? {
        Some(_) => ctx.keys(&tx)?.master,
        None => {
            let path = ctx.key_path();
            let master = match keyfile::read(&path) {
                Ok(master) => master,
                Err(KeyError::Missing) => {
                    let master = MasterKey::generate(&mut keyfile::random()?);
                    keyfile::create_for(&path, &master, &ctx.db_path())?;
                    ctx.tell(&crate::output::vault::key_created(&path));
                    master
                }
                Err(e) => return Err(crate::output::key::key_error(&e, &path).into()),
            };
            keyfile::set_key_id(&tx, &master.id())?;
            master
        }
    };
    let key_id = master.id();
    let mut sealer = Sealer {
        master,
        random: keyfile::random()?,
    };
    let mut journal = Journal::new(&tx, system_stamp(ctx, &tx)?)?;
    let mut last = None;
    let mut sealed = 0;
    for id in &ids {
        let Some(before) = vouched_as_it_stands(&tx, *id)? else {
            continue;
        };
        sealed += 1;
        let mut after = before.clone();
        sealer.seal(&mut after);
        reports::update(&tx, &before, &after)?;
        last = Some(journal.append(Entry {
            kind: EventKind::SealIdentity,
            report: Some(Sealed::changed(&before, &after)),
            about: None,
            // The key it sealed under, which `audit verify` judges the vault row by: the
            // first sealing of a database from before encryption names the key.
            payload: serde_json::json!({ "key_id": key_id }).to_string(),
            clocks: None,
        })?);
    }
    drop(journal);
    if let Some(last) = last {
        keyfile::set_clear_until(&tx, last)?;
    }
    tx.commit()?;
    Ok(sealed)
}

/// Whether a report holds its identity in clear as the log vouches for it (a database from
/// before encryption), which the next writing open seals. An identity taken out of its row
/// with `sqlite3` is no such one: it was called one "still in clear, for want of its key" by
/// every command while the key was lost, and sent the reading commands to a writing open,
/// refused on read-only media as if the file were older.
pub fn waits_for_sealing(conn: &Connection) -> Result<bool> {
    if !keyfile::any_in_clear(conn)? {
        return Ok(false);
    }
    for id in keyfile::ids_in_clear(conn)? {
        if vouched_as_it_stands(conn, id)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Report `id` as it stands, when the log vouches for it. Only such a row is sealed: one
/// inserted or edited behind the tool's back stays as it is, for `audit verify` to name,
/// rather than be recorded anew by the sealing.
fn vouched_as_it_stands(conn: &Connection, id: i64) -> Result<Option<Report>> {
    let Some(report) = reports::load(conn, id)? else {
        return Ok(None);
    };
    Ok(storage::events::sealed_as_it_stands(conn, &report)?.then_some(report))
}

/// What `key rotate` did.
#[derive(Debug)]
pub enum Rotated {
    /// A new key wraps every report's key; the old one is kept beside, for older backups.
    Done {
        reports: usize,
        old: PathBuf,
        key_id: String,
    },
    /// A rotation interrupted after its commit was completed (the new key put in place).
    Finished { key_id: String },
    /// A rotation interrupted before its commit was undone (its new key removed).
    RolledBack,
}

/// Opens the database for `key rotate` or `key reset` (`command`, for the refusal): to this
/// process alone, waiting up to 10 s for the others to let it go (`storage::lock`), then as
/// an account that may change the key.
fn open_alone(
    ctx: &Context,
    command: crate::output::vault::KeyCommand,
) -> Result<(Connection, crate::domain::access::Actor)> {
    let db = ctx.db_path();
    if db.exists() && !storage::lock::exclusive(&db, storage::busy_timeout())? {
        // Exit 4, as any wait for the database that ran out: a script tells "busy, retry"
        // from a refusal.
        return Err(crate::exit::Failure::busy(crate::output::vault::busy(
            &db,
            command,
            &storage::diagnose::holders(&db),
        ))
        .into());
    }
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::KeyRotate, None)?;
    Ok((conn, actor))
}

/// `key rotate`: every report's key re-wrapped under a new master key. The new key is
/// written beside the old (`KEY.new`) before the database changes; the re-wrapping and the
/// database's record of the key are one transaction; then the old key moves to `KEY.old`
/// and the new one into place. A kill at any point leaves either the old key working (and a
/// `KEY.new` the next run removes) or the new one working (and the moves the next run
/// finishes). Runs with the database to itself (`storage::lock`).
pub fn rotate(ctx: &Context) -> Result<Rotated> {
    let (conn, actor) = open_alone(ctx, crate::output::vault::KeyCommand::Rotate)?;
    let path = ctx.key_path();
    let new_path = with_suffix(&path, ".new");
    let old_path = with_suffix(&path, ".old");
    if let Some(done) = finish_interrupted(&conn, &path, &new_path, &old_path)? {
        return Ok(done);
    }
    // Judged in the transaction that re-wraps, before anything is written: a rotation over
    // a vault row or an identity edited with `sqlite3` made the edit the record, or left an
    // identity under the old key (`app::audit::unvouched_for_rotation`).
    let tx = immediate(&conn)?;
    if let Some(problem) = super::audit::unvouched_for_rotation(&tx)? {
        return Err(
            crate::exit::Failure::integrity(crate::output::vault::rotation_unvouched(&problem))
                .into(),
        );
    }
    let keys = ctx.keys(&tx)?;
    if std::fs::symlink_metadata(&old_path).is_ok() {
        bail!(crate::output::vault::old_key_in_the_way(&old_path));
    }
    let mut random = keyfile::random()?;
    let new = MasterKey::generate(&mut random);
    keyfile::create_for_rotation(&new_path, &new, &keys.master.id(), &ctx.db_path())?;
    super::fault_point("key-rotate:written");
    let rewrapped = (|| -> Result<usize> {
        // A wrapped key that does not open is another report's or overwritten, never a
        // stranger's key file (`Context::keys` judged that): an edit, exit 5.
        let rewrapped = rewrap_all(&tx, &keys.master, &new, &mut random, |id| {
            crate::exit::Failure::integrity(crate::output::vault::own_key_unopened(id)).into()
        })?;
        keyfile::set_key_id(&tx, &new.id())?;
        ctx.note(
            &tx,
            &actor.username,
            EventKind::KeyRotate,
            serde_json::json!({
                "from": keys.master.id(),
                "to": new.id(),
                "reports": rewrapped,
            })
            .to_string(),
        )?;
        tx.commit()?;
        Ok(rewrapped)
    })();
    let reports = match rewrapped {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&new_path);
            return Err(e);
        }
    };
    super::fault_point("key-rotate:committed");
    std::fs::rename(&path, &old_path)?;
    super::fault_point("key-rotate:moved-old");
    std::fs::rename(&new_path, &path)?;
    sync_folder(&path);
    Ok(Rotated::Done {
        reports,
        old: old_path,
        key_id: new.id(),
    })
}

/// A rotation a kill interrupted, finished or undone by what the database says: under the
/// new key, the moves are completed; under the old one, the new key is removed. Only a
/// `KEY.new` that can be such a rotation's is taken for one: a copy of the key in place
/// planted there made `key rotate` say it finished a rotation that never happened (the
/// leaked key still opening every identity), and another database's key was deleted as a
/// rotation's leftover. Anything else is refused, saying what was found, and left as it is.
fn finish_interrupted(
    conn: &Connection,
    path: &Path,
    new_path: &Path,
    old_path: &Path,
) -> Result<Option<Rotated>> {
    let Ok(meta) = std::fs::symlink_metadata(new_path) else {
        return Ok(None);
    };
    let new = keyfile::read(new_path).map_err(|e| crate::output::key::key_error(&e, new_path))?;
    // A rotation writes its key new, as a file of its own: a link (symbolic or hard) to a
    // file is someone else's doing, and removing it must not reach the file it names.
    use std::os::unix::fs::MetadataExt;
    let linked = !meta.file_type().is_file() || meta.nlink() != 1;
    let expected = keyfile::key_id(conn)?;
    let sealed = keyfile::any_sealed(conn)?;
    if keyfile::read(path).is_ok_and(|current| current.id() == new.id()) {
        bail!(crate::output::vault::not_a_rotation(
            new_path,
            &new.id(),
            NotRotation::KeyInPlace { path, linked }
        ));
    }
    if expected.as_deref() == Some(new.id().as_str()) {
        // The database names it, and a committed rotation re-wrapped every identity under
        // it; one that opens none is named by a vault row changed behind the tool's back.
        if sealed && !opens_identities(conn, &new)? {
            bail!(crate::output::vault::not_a_rotation(
                new_path,
                &new.id(),
                NotRotation::OpensNone
            ));
        }
        // Committed: the old key (if still in place) goes beside, the new one into place.
        if let Ok(current) = keyfile::read(path)
            && current.id() != new.id()
        {
            if std::fs::symlink_metadata(old_path).is_ok() {
                bail!(crate::output::vault::old_key_blocks_finish(old_path));
            }
            std::fs::rename(path, old_path)?;
        }
        std::fs::rename(new_path, path)?;
        sync_folder(path);
        return Ok(Some(Rotated::Finished { key_id: new.id() }));
    }
    // Not committed: removed only when this is the file a rotation from the key the
    // database names wrote, which opens nothing yet.
    let opens = sealed && opens_identities(conn, &new)?;
    let marked = keyfile::rotation_replaces(new_path);
    if linked || opens || expected.is_none() || marked != expected {
        let named = expected.unwrap_or_else(|| "-".to_owned());
        let found = if opens {
            NotRotation::OpensUnderAnotherId { named }
        } else {
            NotRotation::Unmarked { named }
        };
        bail!(crate::output::vault::not_a_rotation(
            new_path,
            &new.id(),
            found
        ));
    }
    std::fs::remove_file(new_path)?;
    sync_folder(path);
    Ok(Some(Rotated::RolledBack))
}

/// Makes the renames of the key files durable (best effort: a folder that cannot be opened
/// is left to the file system's own ordering).
fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = std::fs::File::open(folder)
    {
        let _ = dir.sync_all();
    }
}

/// What `key reset` found, or did.
#[derive(Debug)]
pub enum Reset {
    /// Asked without `--yes`: nothing changed; this many identities would be erased.
    WouldErase { reports: usize },
    /// A new key is in place; these reports' identities, which no key in reach opened, are
    /// erased.
    Done {
        erased: Vec<i64>,
        key_id: String,
        /// Where the file that stood at the key path (not this database's key) was moved.
        moved: Option<PathBuf>,
        /// The erased bytes are still in the file (another session reads the old pages).
        lingering: bool,
    },
}

/// `key reset`: for a database whose key is lost, a new key, and every sealed identity
/// erased — none can be opened again, and without it ingest, validation and the listings
/// stop for good. The same record as `erase` (one `erase` event per report, with the reason
/// and who), and a `key_reset` event naming the lost key and the new one. Refused while a
/// key in reach opens the database: the one at the key path, `KEY.new` (a rotation to
/// finish) or `KEY.old` (to be put back). A file at the key path that is not this
/// database's key is moved aside to `KEY.replaced`, never deleted: it may be another
/// database's. Crash-safe as `key rotate`: the erasures and the database's record of the
/// key are one transaction, the new key written as `KEY.new` before it commits (and once
/// nothing is left to refuse), then `KEY.new` takes the key's name. Runs with the database
/// to itself (`storage::lock`).
pub fn reset(ctx: &Context, reason: &str, confirmed: bool) -> Result<Reset> {
    let reason = crate::domain::text::nfc(reason.trim());
    let (conn, actor) = open_alone(ctx, crate::output::vault::KeyCommand::Reset)?;
    if !says_something(&reason) {
        bail!(crate::output::vault::reset_reason_needed());
    }
    // Recorded twice, hidden both ways: in the `key_reset` event (any name by its shape) and
    // in each `erase` event (no name known without the key: names by their shape too).
    let hidden = [
        crate::domain::redact::redact_people(&reason).text,
        crate::domain::redact::redact_report(&reason, "", true).text,
    ];
    if !hidden.iter().all(|r| says_something_once_hidden(r)) {
        bail!(crate::output::show::reason_hidden("key reset --yes"));
    }
    let path = ctx.key_path();
    let new_path = with_suffix(&path, ".new");
    let old_path = with_suffix(&path, ".old");
    let expected = keyfile::key_id(&conn)?;
    if ctx.keys(&conn).is_ok() {
        bail!(crate::output::vault::nothing_to_reset(&path));
    }
    // The vault row names the key by an id `sqlite3` can change: a key in reach that opens
    // the identities is this database's whatever the row says, and a reset would erase
    // every identity it opens. (One the row names is dealt with below or above.)
    for candidate in [&path, &new_path, &old_path] {
        if let Ok(key) = keyfile::read(candidate)
            && expected.as_deref() != Some(key.id().as_str())
            && opens_identities(&conn, &key)?
        {
            let named = expected.clone().unwrap_or_default();
            bail!(crate::exit::Failure::integrity(
                crate::output::vault::opens_under_another_id(candidate, &key.id(), &named)
            ));
        }
    }
    if let (Some(id), Ok(old)) = (&expected, keyfile::read(&old_path))
        && *id == old.id()
    {
        bail!(crate::output::vault::old_key_is_the_key(
            &old_path, &path, id
        ));
    }
    // A key other accounts may read is still the key: narrowing it is the fix.
    let found = keyfile::read(&path);
    // Nor is a folder or a FIFO at the key path to be moved aside as "the file there":
    // said what it is, and left to the operator.
    if let Err(error @ (KeyError::TooOpen(_) | KeyError::NotAFile(_))) = &found {
        return Err(crate::output::key::key_error(error, &path).into());
    }
    if let Some(standing) = storage::private::Standing::at(&new_path)
        && standing != storage::private::Standing::File
    {
        return Err(crate::output::key::key_error(&KeyError::NotAFile(standing), &new_path).into());
    }
    // Judged in the transaction that erases, before any key file is touched, and before
    // the count without `--yes` (`app::audit::unvouched_for_reset`).
    let tx = immediate(&conn)?;
    if let Some(problem) = super::audit::unvouched_for_reset(&tx)? {
        return Err(
            crate::exit::Failure::integrity(crate::output::vault::reset_unvouched(&problem)).into(),
        );
    }
    let ids: Vec<i64> = keyfile::wrapped_keys(&tx)?
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    if !confirmed {
        return Ok(Reset::WouldErase { reports: ids.len() });
    }
    let mut random = keyfile::random()?;
    let new = MasterKey::generate(&mut random);
    let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
    let erased = super::erase::erase_in(
        &tx,
        &mut journal,
        &ids,
        &reason,
        None,
        super::erase::OnEdited::Refuse,
    )?
    .erased;
    journal.append(Entry::note(
        EventKind::KeyReset,
        serde_json::json!({
            "from": expected,
            "to": new.id(),
            "erased": erased.len(),
            "reason": crate::domain::redact::redact_people(&reason).text,
        })
        .to_string(),
    ))?;
    drop(journal);
    keyfile::set_key_id(&tx, &new.id())?;
    // Left by a reset or a rotation killed before its commit: the database never named it.
    if std::fs::symlink_metadata(&new_path).is_ok() {
        std::fs::remove_file(&new_path)?;
    }
    let moved = match found {
        Err(KeyError::Missing) => None,
        _ => Some(move_aside(&path)?),
    };
    keyfile::create_for(&new_path, &new, &ctx.db_path())?;
    super::fault_point("key-reset:written");
    if let Err(e) = tx.commit() {
        let _ = std::fs::remove_file(&new_path);
        return Err(e.into());
    }
    super::fault_point("key-reset:committed");
    std::fs::rename(&new_path, &path)?;
    sync_folder(&path);
    let lingering = !storage::fold_wal(&conn);
    Ok(Reset::Done {
        erased,
        key_id: new.id(),
        moved,
        lingering,
    })
}

/// Moves the file at the key path to `KEY.replaced`, never over a file already there.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let aside = with_suffix(path, ".replaced");
    // A hard link fails where something already is: nothing is overwritten.
    std::fs::hard_link(path, &aside)
        .map_err(|e| crate::output::vault::cannot_move_aside(path, &aside, &e))?;
    std::fs::remove_file(path)?;
    sync_folder(path);
    Ok(aside)
}

/// What a restore does about the key of the backup's identities (`app::backup::restore`).
pub enum BackupKey {
    /// Nothing to do: the key in place opens them, or the backup has none sealed under a
    /// key it names (one from before sealing is sealed under the key in place).
    Fits,
    /// Sealed under `KEY.old` (made before a `key rotate`): re-wrapped under the key in
    /// place in the restored copy, with a `key_rotate` event there.
    Rewrap { old: MasterKey, current: MasterKey },
    /// No sealed identity in the backup: the restored copy names the key in place.
    Adopt(String),
    /// Sealed under the key the live log last recorded, which no key in reach opens: lost,
    /// and not yet reset (`key reset` refuses while a row was edited with `sqlite3`). The
    /// restored copy stays under it, as the live database is, until `key reset` replaces it.
    StillLost(String),
    /// Sealed under a key the live log records as lost (`key reset`), which erased every
    /// identity only it opened: the restored copy takes the key in place, and the restore
    /// erases those identities again (as any erasure the live log records) or refuses.
    Lost { lost: String, current: String },
}

/// Decides, before anything is replaced, whether the backup's identities will open with the
/// keys in reach once restored; refuses, naming the key the backup needs, when they would
/// not: the restore would succeed and the desk then stop ("not this database's key").
pub fn backup_key(
    ctx: &Context,
    live: &Connection,
    backup: &Connection,
    file: &Path,
) -> Result<BackupKey> {
    let Some(needed) = keyfile::key_id(backup)? else {
        return Ok(BackupKey::Fits);
    };
    let path = ctx.key_path();
    let current = keyfile::read(&path);
    // A rotation interrupted after its commit: the key in place is the one beside.
    let beside = keyfile::read(&with_suffix(&path, ".new"));
    let fits = |key: &Result<MasterKey, KeyError>| key.as_ref().is_ok_and(|k| k.id() == needed);
    if fits(&current) || fits(&beside) {
        return Ok(BackupKey::Fits);
    }
    let old_path = with_suffix(&path, ".old");
    let old = keyfile::read(&old_path);
    if let (Ok(current), Ok(old)) = (&current, &old)
        && old.id() == needed
    {
        return Ok(BackupKey::Rewrap {
            old: old.clone(),
            current: current.clone(),
        });
    }
    if !keyfile::any_sealed(backup)? {
        if let Ok(current) = &current {
            return Ok(BackupKey::Adopt(current.id()));
        }
        return Ok(BackupKey::Fits);
    }
    if let Ok(current) = &current
        && crate::storage::events::keys_reset(live)?.contains(&needed)
    {
        return Ok(BackupKey::Lost {
            lost: needed,
            current: current.id(),
        });
    }
    // Nothing in reach and the live database under that same key, by its log (its `vault`
    // row may be what was edited): restored, nobody is worse off than now, and the copy's
    // rows are those its log vouched for when the backup was made, which `key reset` takes.
    let nothing_in_reach = [&current, &beside, &old]
        .iter()
        .all(|key| matches!(key, Err(KeyError::Missing)));
    if nothing_in_reach && super::audit::recorded_key(live)?.as_deref() == Some(needed.as_str()) {
        return Ok(BackupKey::StillLost(needed));
    }
    bail!(crate::output::vault::backup_key_missing(
        file, &needed, &path, &current, &old_path, &old,
    ));
}

/// Wrapped keys read per rewrite, in the caller's transaction: a page, never the whole
/// table (every sealed report's key held at once took `key rotate` past 64 MB on 100,000
/// reports with long ids).
const REWRAP_PAGE: usize = 2_000;

/// Re-wraps every sealed report's own key from `old` to `new`, page by page in the caller's
/// transaction; how many. The first key `old` does not open stops it with `refused(id)`.
fn rewrap_all(
    conn: &Connection,
    old: &MasterKey,
    new: &MasterKey,
    random: &mut Random,
    refused: impl Fn(i64) -> anyhow::Error,
) -> Result<usize> {
    let mut done = 0;
    let mut after = i64::MIN;
    loop {
        let page = keyfile::wrapped_keys_after(conn, after, REWRAP_PAGE)?;
        for (id, external_id, wrapped) in &page {
            let rewrapped =
                vault::rewrap(old, new, random, external_id, wrapped).map_err(|_| refused(*id))?;
            keyfile::set_wrapped_key(conn, *id, &rewrapped)?;
        }
        done += page.len();
        match page.last() {
            Some((last, _, _)) if page.len() == REWRAP_PAGE => after = *last,
            _ => return Ok(done),
        }
    }
}

/// Puts the restored copy `staged` under the key in place, as `backup_key` decided, inside
/// the caller's transaction. Returns what the `restore` event records of it (the re-wrapped
/// keys, or the key adopted): written into the restored copy by the restore itself, which
/// `audit verify` judges as the restore's, not against the backup's accounts.
pub fn fit_backup_key(staged: &Connection, plan: &BackupKey) -> Result<serde_json::Value> {
    match plan {
        // The backup's own record of its key holds (the key lost or not).
        BackupKey::Fits | BackupKey::StillLost(_) => Ok(serde_json::Value::Null),
        BackupKey::Adopt(id) => {
            keyfile::set_key_id(staged, id)?;
            Ok(serde_json::json!({ "adopted": id }))
        }
        BackupKey::Lost { lost, current } => {
            keyfile::set_key_id(staged, current)?;
            Ok(serde_json::json!({ "lost": lost, "adopted": current }))
        }
        BackupKey::Rewrap { old, current } => {
            let mut random = keyfile::random()?;
            let rewrapped = rewrap_all(staged, old, current, &mut random, |id| {
                crate::output::vault::backup_own_key_unopened(id).into()
            })?;
            keyfile::set_key_id(staged, &current.id())?;
            Ok(serde_json::json!({
                "rewrapped_from": old.id(),
                "to": current.id(),
                "reports": rewrapped,
            }))
        }
    }
}
