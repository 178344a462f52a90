//! Signed checkpoints of the audit chain (issue 16): `audit keygen` writes a minisign key
//! pair, `audit checkpoint` signs the head of a chain that verifies (last event id and hash,
//! time, counts), and `audit verify --checkpoint FILE --pubkey KEY.pub` proves the chain
//! still holds each signed head. A checkpoint kept off the machine is what catches what the
//! file alone cannot: the newest events cut off, or the whole chain resealed. The files are
//! minisign's own format, so `minisign -V` checks them without phananh.

use std::fs;
use std::io::{Cursor, Write as _};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKeyBox, SignatureBox};
use serde::{Deserialize, Serialize};

use super::Context;
use crate::domain::access::Operation;
use crate::domain::audit::ChainBreak;
use crate::i18n::Localized;
use crate::output::checkpoint::{self as say, Read, Step, Unsigned};
use crate::storage::{backup, events};

/// What a checkpoint file holds: the head of the chain when it was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Names the format, so that another file signed by the same key is not taken for one.
    pub format: String,
    pub event: i64,
    pub hash: String,
    /// The tool's clock when it was signed.
    pub at: String,
    pub events: i64,
    pub reports: i64,
}

const FORMAT: &str = "phananh-checkpoint-1";

/// The signature of `file`: `file.minisig`, as minisign names it.
pub fn signature_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".minisig");
    PathBuf::from(name)
}

fn public_path(key: &Path) -> PathBuf {
    let mut name = key.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// Writes a new file readable by its owner only, refusing to replace one.
fn write_new(path: &Path, text: &str, mode: u32) -> Result<()> {
    crate::storage::diagnose::output_folder_exists(path)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(|e| say::not_created(path, &e))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// A key, a checkpoint or its signature: a regular file only, read without blocking, so
/// that a FIFO or a device planted at the name is refused at once instead of waiting for a
/// writer for ever (`checkpoints::a_fifo_where_a_key_or_a_checkpoint_is_read_is_refused_at_once`).
fn read_text(path: &Path, what: Read) -> Result<String> {
    Ok(read_text_and_mode(path, what)?.0)
}

/// [`read_text`], and the file's permission bits.
fn read_text_and_mode(path: &Path, what: Read) -> Result<(String, u32)> {
    use crate::output::storage::move_away_advice;
    use crate::storage::private::{ReadError, read_regular};
    use std::os::unix::fs::MetadataExt;
    let (bytes, mode) = match read_regular(path, crate::app::bounded::SMALL_FILE_LIMIT) {
        Ok((bytes, meta)) => (bytes, meta.mode() & 0o7777),
        Err(ReadError::NotRegular(standing)) => {
            let (move_vi, move_en) = move_away_advice(path, standing);
            bail!(say::not_a_regular_file(
                path,
                what,
                standing,
                (&move_vi, &move_en)
            ));
        }
        Err(e) => bail!(say::unreadable(path, what, &e)),
    };
    let text = String::from_utf8(bytes).map_err(|e| say::not_text(path, what, &e))?;
    Ok((text, mode))
}

/// The chain's head (last event id and hash), for `audit verify` to name when no checkpoint
/// was given: the file alone cannot show events deleted from its end (SECURITY.md).
pub fn head(conn: &rusqlite::Connection) -> Result<Option<(i64, String)>> {
    events::head(conn)
}

/// Writes a new key pair without a passphrase: the secret key to `out` (mode 0600), the
/// public key to `out.pub`. Returns the public key's path.
pub fn keygen(ctx: &Context, out: &Path) -> Result<PathBuf> {
    let public = public_path(out);
    for path in [out, public.as_path()] {
        // The names every `--out` is refused (the database's side files, its key files): a
        // key written at `DB-journal` as the service account is read back by SQLite.
        let kept = ctx.overwrite(false).kept;
        if crate::storage::private::names_kept(path, &kept) {
            return Err(crate::storage::private::Refused::OutIsKept(path.to_owned()).into());
        }
        if fs::symlink_metadata(path).is_ok() {
            bail!(say::key_exists(path));
        }
    }
    // minisign fails here only when the system has no randomness to give or cannot encode
    // a key it just made: no test can bring that about, but it is said in both languages.
    let KeyPair { pk, sk } = KeyPair::generate_unencrypted_keypair()
        .map_err(|e| say::minisign_failed(Step::GenerateKeyPair, &e))?;
    let secret = sk
        .to_box(Some("phananh checkpoint key"))
        .map_err(|e| say::minisign_failed(Step::WriteSecretKey, &e))?;
    let public_box = pk
        .to_box()
        .map_err(|e| say::minisign_failed(Step::WritePublicKey, &e))?;
    write_new(out, &secret.to_string(), 0o600)?;
    write_new(&public, &public_box.to_string(), 0o644)?;
    Ok(public)
}

/// Verifies the chain, then writes its head to `out` and the head's minisign signature,
/// made with the secret key `key`, to `out.minisig`.
pub fn checkpoint(ctx: &Context, key: &Path, out: &Path) -> Result<Checkpoint> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::AuditVerify, None)?;
    // A signed head says when it existed: in `peer` mode `--now` times nothing written
    // (docs/rules.md §7), and a checkpoint backdated by it would be signed evidence that
    // a chain rewritten since stood as it is at an earlier moment.
    if ctx.pinned && super::auth_mode(&conn)? == crate::domain::identity::AuthMode::Peer {
        let refusal = crate::domain::identity::PinnedClock;
        bail!(Localized::of(&refusal));
    }
    let (secret, mode) = read_text_and_mode(key, Read::SecretKey)?;
    let secret = SecretKeyBox::from_string(&secret)
        .and_then(SecretKeyBox::into_unencrypted_secret_key)
        .map_err(|e| say::not_a_secret_key(key, &e))?;
    // As the identity key is (`storage::keyfile::read`), once the file is known to be a
    // key: one that another account may read can sign a forged head, and one it may write
    // can be swapped for its own key; a checkpoint signed with it proves nothing.
    if mode & 0o066 != 0 {
        bail!(say::signing_key_too_open(key, mode));
    }
    let signature = signature_path(out);
    // A missing folder is said before the chain is checked, which takes a while.
    crate::storage::diagnose::output_folder_exists(out)?;
    for path in [out, signature.as_path()] {
        if fs::symlink_metadata(path).is_ok() {
            bail!(say::checkpoint_exists(path));
        }
        // Nor a side file of the database or a key file that is not there at the moment.
        crate::storage::private::may_write(path, &ctx.overwrite(false))?;
    }
    // One read transaction: the head signed is the head of the chain that was checked.
    let snapshot = backup::snapshot(&conn)?;
    if let Some(problem) = super::audit::first_problem(&snapshot)? {
        // Exit status 5, as `backup` and `audit verify` end on the same chain: the nightly
        // cron line must tell a tampered log from a file already there or a mistyped path.
        return Err(crate::exit::Failure::integrity(say::broken_chain(&problem)).into());
    }
    let Some((event, hash)) = events::head(&snapshot)? else {
        // Not reached through the check above, which names an emptied log
        // (`ChainBreak::LogEmptied`: `init` writes the first event, and no command deletes
        // one); kept so that a head is never signed for no event whatever that check says.
        bail!(say::empty_log());
    };
    let head = Checkpoint {
        format: FORMAT.to_owned(),
        event,
        hash,
        at: ctx.now_text(),
        events: backup::count_events(&snapshot)?,
        reports: backup::count_reports(&snapshot)?,
    };
    snapshot.rollback()?;
    let text = format!("{}\n", serde_json::to_string(&head)?);
    let trusted = format!(
        "phananh checkpoint: event {} hash {} at {}",
        head.event, head.hash, head.at
    );
    let signed = minisign::sign(
        None,
        &secret,
        Cursor::new(text.as_bytes()),
        Some(&trusted),
        Some("phananh audit checkpoint"),
    )
    // As for keygen: a failure of the library itself, said in both languages.
    .map_err(|e| say::minisign_failed(Step::Sign, &e))?;
    write_new(out, &text, 0o644)?;
    write_new(&signature, &signed.to_string(), 0o644)?;
    Ok(head)
}

/// A checkpoint file whose signature holds under one of `keys`, read, with the key it holds
/// under.
fn read_signed<'k>(
    file: &Path,
    keys: &'k [PublicKeyFile],
) -> Result<(Checkpoint, &'k PublicKeyFile)> {
    let text = read_text(file, Read::Checkpoint)?;
    let signature_file = signature_path(file);
    let signature = SignatureBox::from_string(&read_text(&signature_file, Read::Signature)?)
        .map_err(|e| say::bad_signature(file, &Unsigned::Unreadable(e.to_string())))?;
    let holding = keys.iter().find(|key| {
        minisign::verify(
            &key.key,
            &signature,
            Cursor::new(text.as_bytes()),
            true,
            false,
            false,
        )
        .is_ok()
    });
    let Some(key) = holding else {
        bail!(say::bad_signature(file, &Unsigned::NotByTheseKeys));
    };
    let checkpoint: Checkpoint = serde_json::from_str(&text)
        .ok()
        .filter(|c: &Checkpoint| c.format == FORMAT)
        .ok_or_else(|| say::bad_signature(file, &Unsigned::NotACheckpoint))?;
    Ok((checkpoint, key))
}

/// A public key given to `audit verify --pubkey`, and the file it was read from.
pub struct PublicKeyFile {
    pub path: PathBuf,
    key: PublicKey,
}

impl PublicKeyFile {
    /// The key's id as minisign prints it (`minisign -V`, the `.pub` file's comment): the
    /// number in its key, little-endian, in hexadecimal.
    pub fn id(&self) -> String {
        let mut number = [0u8; 8];
        let keynum = self.key.keynum();
        number[..keynum.len().min(8)].copy_from_slice(&keynum[..keynum.len().min(8)]);
        format!("{:016X}", u64::from_le_bytes(number))
    }
}

/// Reads the public keys given to `audit verify --pubkey`.
pub fn public_keys(paths: &[PathBuf]) -> Result<Vec<PublicKeyFile>> {
    paths
        .iter()
        .map(|path| {
            let key = PublicKeyBox::from_string(&read_text(path, Read::PublicKey)?)
                .and_then(PublicKeyBox::into_public_key)
                .map_err(|e| say::not_a_public_key(path, &e))?;
            Ok(PublicKeyFile {
                path: path.clone(),
                key,
            })
        })
        .collect()
}

/// A checkpoint the chain still holds: the head it signed is there, with its hash.
pub struct Held<'k> {
    pub file: PathBuf,
    pub head: Checkpoint,
    /// The key its signature holds under.
    pub key: &'k PublicKeyFile,
    /// The events the log holds after the signed head.
    pub after: i64,
}

impl Held<'_> {
    /// What `audit verify --format json` lists of it.
    pub fn listed(&self) -> super::audit::CheckpointHeld {
        super::audit::CheckpointHeld {
            file: self.file.display().to_string(),
            signed_at: self.head.at.clone(),
            public_key: self.key.path.display().to_string(),
            key_id: self.key.id(),
            event: self.head.event,
            hash: self.head.hash.clone(),
            events: self.head.events,
            events_after: self.after,
        }
    }
}

/// A signed head the file does not show to be held.
#[derive(Debug)]
pub enum NotHeld {
    /// The chain no longer holds it, with what the log has instead: exit 5.
    Lost(ChainBreak),
    /// The chain no longer holds it because a restore the log records replaced it (its
    /// head is the restore's replaced head, or one of the events it left out, same number
    /// and hash): the checkpoint file, the head it signed and when, and the restore. Still
    /// exit 5: the restore event is written in the chain the checkpoint guards, so it
    /// cannot vouch for what came before it (docs/rules.md §2), but it is said for what it
    /// is, not as a rewrite with advice to restore.
    Replaced {
        checkpoint: PathBuf,
        event: i64,
        hash: String,
        at: String,
        restore: crate::domain::backup::ReplacedByRestore,
    },
    /// The file is a backup that ends before it (`domain::audit::SignedHead`): the
    /// checkpoint file, the signed event and when it was signed, and the copy's last event.
    CopyEndsBefore {
        checkpoint: PathBuf,
        event: i64,
        at: String,
        last: Option<i64>,
    },
}

/// Each checkpoint's signed head looked for in the chain: the ones it holds, or the first
/// it no longer holds, else the first that a backup made before it cannot show. A
/// signature that does not hold is an error of its own (the checkpoint proves nothing).
///
/// `older`: `conn` is the upgraded scratch copy of a backup made by an older phananh
/// (`history::open_to_check`). The backup is judged as it was made: it ends at its own last
/// event, and the upgrade's events after it are no part of what a checkpoint signed
/// before the upgrade can hold. Judged on the copy as they stand, they took the signed
/// event's number and read as a rewritten chain (exit 5) where the backup is only older.
pub fn compare<'k>(
    conn: &rusqlite::Connection,
    files: &[PathBuf],
    keys: &'k [PublicKeyFile],
    older: Option<&super::history::OlderBackup>,
) -> Result<std::result::Result<Vec<Held<'k>>, NotHeld>> {
    use crate::domain::audit::{Checked, SignedHead, signed_head};
    let checked = if files.is_empty() || !(older.is_some() || backup::is_backup_copy(conn)?) {
        Checked::InUse
    } else {
        Checked::BackupCopy
    };
    let last = match older {
        Some(older) => older.last,
        None => events::head(conn)?.map(|(id, _)| id),
    };
    let mut held = Vec::new();
    let mut too_old = None;
    for file in files {
        let (head, key) = read_signed(file, keys)?;
        let found = if older.is_some() && last.is_none_or(|last| head.event > last) {
            None
        } else {
            events::hash_of(conn, head.event)?
        };
        match signed_head(
            &file.display().to_string(),
            (head.event, &head.hash, &head.at),
            found.as_deref(),
            last,
            checked,
        ) {
            SignedHead::Held => {
                // The backup's own events after the head, not the upgrade's.
                let upgrade = match older {
                    Some(_) => events::count_after(conn, last)?,
                    None => 0,
                };
                let after = events::count_after(conn, Some(head.event))? - upgrade;
                held.push(Held {
                    file: file.clone(),
                    head,
                    key,
                    after,
                });
            }
            SignedHead::Lost(problem) => {
                // A restore leaves the events it replaced out of the file and numbers its
                // own after them (`numbered_after`): the signed event still here, under
                // another hash, is a rewrite, whatever a `restore` event appended with its
                // hashes made to fit says it replaced.
                let replaced = match events::hash_of(conn, head.event)? {
                    Some(_) => None,
                    None => replaced_by_restore(conn, head.event, &head.hash)?,
                };
                return Ok(Err(match replaced {
                    Some(restore) => NotHeld::Replaced {
                        checkpoint: file.clone(),
                        event: head.event,
                        hash: head.hash.clone(),
                        at: head.at.clone(),
                        restore,
                    },
                    None => NotHeld::Lost(problem),
                }));
            }
            SignedHead::CopyEndsBefore { last } => {
                too_old.get_or_insert(NotHeld::CopyEndsBefore {
                    checkpoint: file.clone(),
                    event: head.event,
                    at: head.at.clone(),
                    last,
                });
            }
        }
    }
    Ok(match too_old {
        Some(not_held) => Err(not_held),
        None => Ok(held),
    })
}

/// The restore the log records as having replaced event `event` with hash `hash`: the head
/// of the file it replaced, or one of the events it left out (recorded with its hash since
/// December 2026); also in the record of a restore a later one left out (nested).
fn replaced_by_restore(
    conn: &rusqlite::Connection,
    event: i64,
    hash: &str,
) -> Result<Option<crate::domain::backup::ReplacedByRestore>> {
    use crate::domain::event::EventKind;
    for record in events::of_actions(conn, &[EventKind::Restore.as_str()], None, None, None)? {
        let payload: serde_json::Value = serde_json::from_str(&record.payload).unwrap_or_default();
        if let Some(found) = restore_replacing(
            (record.id, &record.at, &record.actor),
            &payload,
            event,
            hash,
        ) {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The events a restore's done line names at most, as a checkpoint's message names them.
const LEFT_OUT_NAMED: usize = 10;

fn restore_replacing(
    (id, at, by): (i64, &str, &str),
    payload: &serde_json::Value,
    event: i64,
    hash: &str,
) -> Option<crate::domain::backup::ReplacedByRestore> {
    let left_out = payload["left_out"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let is = |e: &serde_json::Value, id_key: &str, hash_key: &str| {
        e[id_key].as_i64() == Some(event) && e[hash_key].as_str() == Some(hash)
    };
    if is(payload, "replaced_head_event", "replaced_head_hash")
        || left_out.iter().any(|e| is(e, "event", "hash"))
    {
        let text =
            |e: &serde_json::Value, key: &str| e[key].as_str().unwrap_or_default().to_owned();
        return Some(crate::domain::backup::ReplacedByRestore {
            event: id,
            at: at.to_owned(),
            by: by.to_owned(),
            backup_head: payload["head_event"].as_i64(),
            left_out_count: left_out.len() as u64,
            left_out: left_out
                .iter()
                .take(LEFT_OUT_NAMED)
                .map(|e| {
                    (
                        e["event"].as_i64().unwrap_or_default(),
                        text(e, "at"),
                        text(e, "by"),
                        text(e, "action"),
                    )
                })
                .collect(),
        });
    }
    left_out.iter().find_map(|e| {
        let nested = e.get("restore")?;
        restore_replacing(
            (
                e["event"].as_i64().unwrap_or_default(),
                e["at"].as_str().unwrap_or_default(),
                e["by"].as_str().unwrap_or_default(),
            ),
            nested,
            event,
            hash,
        )
    })
}
