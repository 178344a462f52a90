//! Who has the database open, between phananh processes: every process that opens it
//! through `app::Context::open` holds a shared lock on the database file for as long as it
//! runs, and `restore` takes it exclusively, so a restore waits for (or refuses while)
//! others work, and nobody starts while it runs. This is what keeps a restore from landing
//! in the middle of an ingest, whose batches commit one by one (issue 16). SQLite's own
//! locks cover one transaction; this covers a whole command.
//!
//! The locks are `flock(2)` locks (`std::fs::File::lock_shared`), which on Linux are
//! independent of the `fcntl` locks SQLite takes. The descriptor is never closed while the
//! process runs: closing any descriptor of a file drops the process's `fcntl` locks on it,
//! SQLite's included. The kernel releases both when the process ends, even when killed.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use super::diagnose::{Doing, Step};

/// How a process holds a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    Shared,
    Exclusive,
}

/// The files this process holds, never dropped while it runs (see the module's header).
static HELD: Mutex<Vec<(PathBuf, File, Hold)>> = Mutex::new(Vec::new());

/// Descriptors opened for a lock that was not taken: kept open too, for the same reason.
static UNUSED: Mutex<Vec<File>> = Mutex::new(Vec::new());

fn set_aside(file: File) {
    UNUSED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(file);
}

const RETRY: Duration = Duration::from_millis(20);

/// The path the lock is known by: two spellings of one file are one lock.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// The database file, to lock: a regular file only, opened without blocking. What stops
/// it is said as opening the database says it, of `path` as the operator gave it (the
/// refusal of what stands there, no database, or why it cannot be opened), for
/// `src/output` to word: `restore` and `key rotate` take this lock before they open the
/// database, and said here in English ("opening …: Permission denied") it was the one
/// message of theirs a Vietnamese operator got untranslated.
fn open(path: &Path, id: &Path) -> Result<File> {
    use super::private::ReadError;
    super::private::open_regular(id)
        .map(|(file, _)| file)
        .map_err(|e| match e {
            ReadError::NotRegular(standing) => super::refusal::Refusal::NotRegular {
                of: super::refusal::Whose::Database,
                side: false,
                file: path.to_owned(),
                standing,
            }
            .into(),
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => super::absent(path),
            _ => super::diagnose::failure(super::diagnose::Cause::CannotOpen, path).into(),
        })
}

fn held(path: &Path) -> Option<Hold> {
    let held = HELD
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    held.iter().find(|(p, _, _)| p == path).map(|(_, _, h)| *h)
}

fn keep(path: PathBuf, file: File, hold: Hold) {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((path, file, hold));
}

/// Takes a shared hold on the database at `path` for the rest of the process, unless one is
/// held already. Returns false when a restore holds it now (then call [`wait_shared`]). A
/// database that does not exist yet needs none: SQLite reports that itself.
pub fn shared(path: &Path) -> Result<bool> {
    let id = identity(path);
    if held(&id).is_some() {
        return Ok(true);
    }
    // Nothing to hold on what is not a regular file (opening a FIFO to read waits for a
    // writer): the opening after this refuses it, saying what it is.
    let Ok((file, _)) = super::private::open_regular(&id) else {
        return Ok(true);
    };
    match file.try_lock_shared() {
        Ok(()) => {
            keep(id, file, Hold::Shared);
            Ok(true)
        }
        Err(TryLockError::WouldBlock) => {
            set_aside(file);
            Ok(false)
        }
        Err(TryLockError::Error(e)) => {
            set_aside(file);
            Err(e).context(Doing::new(Step::LockToRead, &id))
        }
    }
}

/// How long a command waits for a restore before giving up. A restore holds the file for
/// its copy and checks, minutes on the largest databases; anything holding it longer is no
/// restore (whoever may open the file can hold it with `flock -x DB sleep infinity`), and
/// cron's sweep waited for it for ever, one more each run
/// (`concurrency::a_database_held_for_ever_with_flock_is_given_up_on_saying_so`).
const RESTORE_WAIT: Duration = Duration::from_secs(30 * 60);

/// `RESTORE_WAIT`, or in a debug build `PHANANH_RESTORE_WAIT_MS`: the test plays a holder
/// that never lets go, without waiting half an hour for it.
fn restore_wait() -> Duration {
    super::wait_or_tests("PHANANH_RESTORE_WAIT_MS", RESTORE_WAIT)
}

/// Waits for a restore to finish, then takes the shared hold; gives up, saying what to look
/// at, after `restore_wait`.
pub fn wait_shared(path: &Path) -> Result<()> {
    let id = identity(path);
    if held(&id).is_some() {
        return Ok(());
    }
    let file = open(path, &id)?;
    let started = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if started.elapsed() < restore_wait() => {
                thread::sleep(RETRY);
            }
            Err(TryLockError::WouldBlock) => {
                set_aside(file);
                let seconds = started.elapsed().as_secs();
                anyhow::bail!(held_too_long(&id.display().to_string(), seconds));
            }
            Err(TryLockError::Error(e)) => {
                set_aside(file);
                return Err(e).context(Doing::new(Step::Lock, &id));
            }
        }
    }
    keep(id, file, Hold::Shared);
    Ok(())
}

/// Takes the database at `path` for this process alone, waiting up to `wait` for every
/// other phananh process to let it go. Returns false when they did not in time (nothing is
/// held then). Must come before this process opens the database any other way.
pub fn exclusive(path: &Path, wait: Duration) -> Result<bool> {
    let id = identity(path);
    match held(&id) {
        Some(Hold::Exclusive) => return Ok(true),
        Some(Hold::Shared) => {
            anyhow::bail!("{} is already open in this process", id.display())
        }
        None => {}
    }
    let file = open(path, &id)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                keep(id, file, Hold::Exclusive);
                return Ok(true);
            }
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => thread::sleep(RETRY),
            Err(TryLockError::WouldBlock) => {
                set_aside(file);
                return Ok(false);
            }
            Err(TryLockError::Error(e)) => {
                set_aside(file);
                return Err(e).context(Doing::new(Step::Lock, &id));
            }
        }
    }
}

/// The refusal of a wait for a restore that ran past `restore_wait`: the file `shown` held
/// for `seconds`.
fn held_too_long(shown: &str, seconds: u64) -> super::refusal::Refusal {
    super::refusal::Refusal::HeldTooLong {
        shown: shown.to_owned(),
        seconds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusal of a file held past the wait, whole in each language, in seconds under
    /// two minutes and in minutes from two, with its exit class (1).
    #[test]
    fn a_file_held_past_the_wait_is_given_up_on_in_both_languages() {
        use crate::i18n::Lang;
        let refused = anyhow::Error::new(held_too_long("/srv/pa.db", 119));
        assert_eq!(crate::exit::status_of(&refused), crate::exit::FAILURE);
        assert_eq!(
            crate::exit::message_of(&refused, Lang::Vi),
            "/srv/pa.db bị một tiến trình giữ riêng suốt 119 giây mà không nhả: một lệnh khôi phục không lâu như vậy. Không có gì thay đổi. Hãy xem tiến trình nào giữ nó (`fuser -v /srv/pa.db` hoặc `lsof /srv/pa.db`), dừng nó nếu không phải phananh, rồi chạy lại."
        );
        assert_eq!(
            crate::exit::message_of(&refused, Lang::En),
            "/srv/pa.db has been held exclusively for 119 seconds by a process that does not let it go: no restore takes that long. Nothing was changed. See which process holds it (`fuser -v /srv/pa.db` or `lsof /srv/pa.db`), stop it if it is not phananh, then run again"
        );
        let refused = anyhow::Error::new(held_too_long("/srv/pa.db", 1830));
        assert!(
            crate::exit::message_of(&refused, Lang::Vi)
                .starts_with("/srv/pa.db bị một tiến trình giữ riêng suốt 30 phút mà không nhả")
        );
        assert!(
            crate::exit::message_of(&refused, Lang::En)
                .starts_with("/srv/pa.db has been held exclusively for 30 minutes by a process")
        );
    }
}
