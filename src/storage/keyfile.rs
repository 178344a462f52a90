//! The key file that opens reporters' identities (`domain::vault`), and the database's side
//! of it: reading the file (refused when other accounts may read it), creating it new and
//! private (`storage::private`), the id of the key the database's reports are wrapped by
//! (table `vault`), the rows `key rotate` re-wraps, and the randomness every new key and
//! nonce comes from. The file never goes into a backup: SECURITY.md, "Identity at rest".

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::vault::{MasterKey, Random};

/// A generator seeded once from the operating system.
pub fn random() -> Result<Random> {
    #[cfg(test)]
    if let Some(seed) = FIXED_SEED.with(std::cell::Cell::get) {
        return Ok(Random::from_seed(seed));
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| anyhow::anyhow!("the operating system gave no randomness: {e}"))?;
    Ok(Random::from_seed(seed))
}

/// Why the key could not be read.
#[derive(Debug)]
pub enum KeyError {
    Missing,
    /// Other accounts may read it (its mode).
    TooOpen(u32),
    /// Something other than a regular file stands at the path (a folder, a FIFO, a
    /// device): refused before it is read, which for a FIFO would wait for ever.
    NotAFile(super::private::Standing),
    /// Read, and not a phananh key (`/etc/passwd` given by mistake, not UTF-8).
    NotAKeyFile,
    /// Not read: why.
    Unreadable(super::private::ReadError),
    /// This account may not read it: who holds it, for the `chown` or `chmod` to run.
    Denied(KeyHolder),
}

/// Who holds a key file this account may not read: its owner and group (names, or `uid:N`
/// and `gid:N` the system does not know), its mode, and the account that tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHolder {
    pub owner: String,
    pub group: String,
    pub mode: u32,
    pub reader: String,
}

impl KeyHolder {
    /// The holder of the file at `path`, if its metadata can be read (the folder searched).
    fn of(path: &Path) -> Option<KeyHolder> {
        use nix::unistd::{Gid, Group, Uid, User, geteuid};
        let meta = std::fs::metadata(path).ok()?;
        let user = |uid: u32| match User::from_uid(Uid::from_raw(uid)) {
            Ok(Some(user)) => user.name,
            _ => format!("uid:{uid}"),
        };
        let group = match Group::from_gid(Gid::from_raw(meta.gid())) {
            Ok(Some(group)) => group.name,
            _ => format!("gid:{}", meta.gid()),
        };
        Some(KeyHolder {
            owner: user(meta.uid()),
            group,
            mode: meta.mode() & 0o7777,
            reader: user(geteuid().as_raw()),
        })
    }
}

/// The most a key file holds: one key, or one key and the id it replaces, in a few lines.
const KEY_FILE_LIMIT: u64 = 64 * 1024;

/// Reads the master key at `path`. A file that every account on the machine may read is
/// refused: it opens every reporter's identity.
pub fn read(path: &Path) -> Result<MasterKey, KeyError> {
    let (text, meta) = read_text(path)?;
    // What the file is comes first: `chmod 600` is advice for a key file only, never for
    // whatever else `--key-file` names (`/etc/passwd`).
    let key = MasterKey::from_file_text(&text).ok_or(KeyError::NotAKeyFile)?;
    let mode = meta.mode() & 0o7777;
    if mode & 0o007 != 0 {
        return Err(KeyError::TooOpen(mode));
    }
    Ok(key)
}

/// The text of the key file at `path` and the metadata of the file read: a regular file
/// only, read without blocking (`private::read_regular`).
fn read_text(path: &Path) -> Result<(String, std::fs::Metadata), KeyError> {
    use super::private::ReadError;
    let (bytes, meta) =
        super::private::read_regular(path, KEY_FILE_LIMIT).map_err(|e| match e {
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => KeyError::Missing,
            ReadError::NotRegular(standing) => KeyError::NotAFile(standing),
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                match KeyHolder::of(path) {
                    Some(holder) => KeyError::Denied(holder),
                    None => KeyError::Unreadable(ReadError::Io(e)),
                }
            }
            other => KeyError::Unreadable(other),
        })?;
    let text = String::from_utf8(bytes).map_err(|_| KeyError::NotAKeyFile)?;
    Ok((text, meta))
}

/// Writes `key` to `path`, new (never over a file, never through a link) and mode 0600,
/// and flushes it to disk before the database relies on it.
pub fn create(path: &Path, key: &MasterKey) -> Result<()> {
    write_new(path, &key.to_file_text(), None)
}

/// As `create`, for the key of the database at `db`, made by whoever ran the command
/// (`init`, the first opening of a database from before encryption, `key reset`): given to
/// those who may read the database (`share_like`).
pub fn create_for(path: &Path, key: &MasterKey, db: &Path) -> Result<()> {
    write_new(path, &key.to_file_text(), Some(db))
}

/// As `create_for`, for the key `key rotate` writes beside the one in place: marked with
/// the id of the key it replaces (`MasterKey::to_rotation_file_text`).
pub fn create_for_rotation(path: &Path, key: &MasterKey, replaces: &str, db: &Path) -> Result<()> {
    write_new(path, &key.to_rotation_file_text(replaces), Some(db))
}

fn write_new(path: &Path, text: &str, db: Option<&Path>) -> Result<()> {
    let mut file = super::private::create_or_say(path)?;
    if let Some(db) = db {
        share_like(&file, db);
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// Gives the new key file `file` the database's owner, when root made it for another
/// account's database (an administrator's `sudo phananh …` on the service account's file,
/// as the queue's holder files are given: SECURITY.md), and the database's group with group
/// read when the database grants its group read (a staff group sharing the file, an
/// administrator's explicit grant: SECURITY.md). Without it the key was made 0600 for
/// whoever ran first, and the service account, or every other member of the group, could
/// open no identity after. Never more than the database grants; others never. What the
/// system refuses (a member not in the database's group) leaves the key 0600, its maker's.
fn share_like(file: &std::fs::File, db: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(db) else {
        return;
    };
    let me = nix::unistd::geteuid();
    let owner = (me.is_root() && meta.uid() != me.as_raw()).then_some(meta.uid());
    let group_reads = meta.mode() & 0o040 != 0;
    if owner.is_none() && !group_reads {
        return;
    }
    if std::os::unix::fs::fchown(file, owner, Some(meta.gid())).is_err() {
        return;
    }
    if group_reads {
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o640));
    }
}

/// The key the key file at `path` says it replaces, when `key rotate` wrote it; None for any
/// other file, or one that cannot be read.
pub fn rotation_replaces(path: &Path) -> Option<String> {
    MasterKey::rotation_replaces(&read_text(path).ok()?.0)
}

/// The id of the key the reports are wrapped by; None before the first key (and in a
/// database from before sealing, which has no table for it).
pub fn key_id(conn: &Connection) -> Result<Option<String>> {
    let sealing: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'vault')",
        [],
        |r| r.get(0),
    )?;
    if !sealing {
        return Ok(None);
    }
    Ok(conn
        .query_row("SELECT key_id FROM vault WHERE id = 1", [], |r| r.get(0))
        .optional()?)
}

pub fn set_key_id(conn: &Connection, id: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO vault (id, key_id) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id",
        [id],
    )?;
    Ok(())
}

/// The last event sealed while identities were in clear, in a database from before
/// encryption (None in one that never held them in clear).
pub fn clear_until(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT clear_until FROM vault WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

pub fn set_clear_until(conn: &Connection, event: i64) -> Result<()> {
    conn.execute("UPDATE vault SET clear_until = ?1 WHERE id = 1", [event])?;
    Ok(())
}

/// Whether any report still holds its identity in clear.
pub fn any_in_clear(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM reports WHERE identity IS NULL)",
        [],
        |r| r.get(0),
    )?)
}

/// The reports still in clear, in id order.
pub fn ids_in_clear(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM reports WHERE identity IS NULL ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Every sealed report's id, app id and wrapped key, in id order, to `visit`, which
/// returns false to stop. Row by row, never a list: a province's log holds millions of
/// sealed reports, and a list of them all took `audit verify` past its memory bound.
pub fn for_each_wrapped_key(
    conn: &Connection,
    mut visit: impl FnMut(i64, &str, &[u8]) -> bool,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, external_id, coalesce(identity_key, x'') FROM reports
          WHERE {} ORDER BY id",
        crate::storage::reports::sealed_identity_sql("identity")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let external_id = row.get_ref(1)?.as_str()?;
        let wrapped = row.get_ref(2)?.as_blob()?;
        if !visit(id, external_id, wrapped) {
            break;
        }
    }
    Ok(())
}

/// The sealed reports after report `after`, at most `limit` of them, with their app id and
/// wrapped key, in id order: a page, for what rewrites every wrapped key in one transaction
/// (`key rotate`, a restore re-wrapping a backup's keys) without holding them all.
pub fn wrapped_keys_after(
    conn: &Connection,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, String, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, external_id, coalesce(identity_key, x'') FROM reports
          WHERE id > ?1 AND {} ORDER BY id LIMIT ?2",
        crate::storage::reports::sealed_identity_sql("identity")
    ))?;
    let rows = stmt.query_map(params![after, limit as i64], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every sealed report's id, app id and wrapped key, in id order.
pub fn wrapped_keys(conn: &Connection) -> Result<Vec<(i64, String, Vec<u8>)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, external_id, coalesce(identity_key, x'') FROM reports
          WHERE {} ORDER BY id",
        crate::storage::reports::sealed_identity_sql("identity")
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_wrapped_key(conn: &Connection, id: i64, wrapped: &[u8]) -> Result<()> {
    conn.prepare_cached("UPDATE reports SET identity_key = ?1 WHERE id = ?2")?
        .execute(params![wrapped, id])?;
    Ok(())
}

/// Whether any report holds a sealed identity (which only its key opens).
pub fn any_sealed(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM reports WHERE {})",
            crate::storage::reports::sealed_identity_sql("identity")
        ),
        [],
        |r| r.get(0),
    )?)
}

/// The first sealed report whose wrapped key is not there or not of the size one has:
/// taken away behind the tool's back, which would make the identity unrecoverable without
/// an `erase` on record. The seal does not cover the wrapped key (`key rotate` re-wraps
/// them all), so `audit verify` looks at it here, and names the first.
pub fn first_key_missing(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM reports
          WHERE {}
            AND (identity_key IS NULL OR length(identity_key) <> ?1)
          ORDER BY id LIMIT 1",
        crate::storage::reports::sealed_identity_sql("identity")
    ))?;
    Ok(stmt
        .query_row([crate::domain::vault::WRAPPED_LEN as i64], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
thread_local! {
    /// The seed `random` gives on this thread, when set (unit tests that compare two loads
    /// byte for byte only).
    pub static FIXED_SEED: std::cell::Cell<Option<[u8; 32]>> = const { std::cell::Cell::new(None) };
}
