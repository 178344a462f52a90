//! The file-level SQLite work behind `backup`, `restore` and `audit verify`: SQLite's online
//! backup run in steps, the journal mode and page size of a file, its integrity check, and
//! the counts of the log they report. Knows nothing of who asked nor of the files' names.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, Transaction};

/// Whether the database `conn` has open is in SQLite's rollback-journal mode, as `backup`
/// leaves its copies, rather than in WAL: every opening that writes switches the database to
/// WAL (`storage::open`), so such a file is a backup no phananh command has written to since
/// it was made. Read from the file's header (the write version, byte 18: 1 rollback, 2
/// WAL), which a read-only or immutable connection reports as it is; a database in memory
/// is none.
pub fn is_backup_copy(conn: &Connection) -> Result<bool> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(false);
    };
    is_backup_file(std::path::Path::new(path))
}

/// `is_backup_copy` of the file at `path`, read without opening it as a database.
pub fn is_backup_file(path: &std::path::Path) -> Result<bool> {
    use std::io::Read as _;
    let mut header = [0u8; 20];
    std::fs::File::open(path)?.read_exact(&mut header)?;
    Ok(header[18] == 1)
}

/// Copies the backup file at `from` to `to`, new and private (0600): the scratch copy an
/// older backup is upgraded in for `audit verify`, which must not write the backup itself.
/// A file in a backup's form has no WAL beside it: the file alone is the whole database.
pub fn copy_private(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    let mut source = std::fs::File::open(from)?;
    let mut copy = super::private::create_or_say(to)?;
    std::io::copy(&mut source, &mut copy)?;
    copy.sync_all()?;
    Ok(())
}

/// Pages copied per step of a backup (4 MiB at SQLite's default page size).
pub const PAGES_PER_STEP: i32 = 1024;
/// Every page in one step: the copy holds the destination's write lock throughout.
pub const ALL_PAGES: i32 = -1;
/// Pause between two steps of a backup, leaving the disk to operators and cron.
const PAUSE_BETWEEN_STEPS: Duration = Duration::from_millis(5);
/// How long a step waits for a lock held by another writer before giving up (the busy
/// timeout of every connection).
const LOCK_WAIT: Duration = Duration::from_secs(10);
const LOCK_RETRY: Duration = Duration::from_millis(20);

/// A read transaction on `conn` that has already read, so it holds one snapshot of the
/// database for as long as it lives (WAL readers never block writers).
pub fn snapshot(conn: &Connection) -> Result<Transaction<'_>> {
    let snapshot = super::tx::snapshot(conn)?;
    snapshot.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
    Ok(snapshot)
}

/// Copies every page of `source` into `dest` with SQLite's online backup, `pages` per step
/// (all at once with [`ALL_PAGES`]); returns the number of pages copied.
pub fn copy(source: &Connection, dest: &mut Connection, pages: i32) -> Result<i64> {
    let backup = Backup::new(source, dest)?;
    run_steps(&backup, pages)?;
    Ok(i64::from(backup.progress().pagecount))
}

/// Copies every page of `source` into the live database `dest` in one step, waiting up to
/// `wait` (`restore --wait`) for another writer's lock, then refusing as busy (exit 4) and
/// naming the processes that have the file open. The connection's own busy timeout is off
/// meanwhile: each step waited it out in full, so a restore against a held lock took twice
/// the ten seconds whatever `--wait` said.
pub fn copy_into_live(source: &Connection, dest: &mut Connection, wait: Duration) -> Result<i64> {
    let path = dest.path().map(std::path::PathBuf::from);
    dest.busy_timeout(Duration::ZERO)?;
    let copied = (|| -> Result<i64> {
        let backup = Backup::new(source, dest)?;
        run_steps_for(&backup, ALL_PAGES, wait)?;
        Ok(i64::from(backup.progress().pagecount))
    })();
    dest.busy_timeout(super::busy_timeout())?;
    match copied {
        Err(e)
            if matches!(
                e.downcast_ref(),
                Some(super::refusal::Refusal::CopyKeptWaiting)
            ) =>
        {
            match path {
                Some(path) => Err(super::diagnose::busy(&path, wait).into()),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// Steps `backup` to the end, `pages` at a time (all at once when negative), pausing between
/// steps and waiting out another writer's lock for up to `LOCK_WAIT`.
fn run_steps(backup: &Backup<'_, '_>, pages: i32) -> Result<()> {
    run_steps_for(backup, pages, LOCK_WAIT)
}

/// `run_steps`, waiting out another writer's lock for up to `wait`.
fn run_steps_for(backup: &Backup<'_, '_>, pages: i32, wait: Duration) -> Result<()> {
    let mut waiting_since: Option<Instant> = None;
    loop {
        match backup.step(pages)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {
                waiting_since = None;
                thread::sleep(PAUSE_BETWEEN_STEPS);
            }
            _busy_or_locked => {
                if waiting_since.get_or_insert_with(Instant::now).elapsed() > wait {
                    bail!(stayed_busy());
                }
                thread::sleep(LOCK_RETRY);
            }
        }
    }
}

/// Sets the journal mode and returns the one SQLite reports afterwards (it may refuse).
pub fn set_journal_mode(conn: &Connection, mode: &str) -> Result<String> {
    Ok(conn.query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0))?)
}

/// Takes the database out of WAL, which only works when no other connection has it open.
pub fn leave_wal(conn: &Connection) -> bool {
    set_journal_mode(conn, "DELETE").is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"))
}

pub fn page_size(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
}

/// The schema version the file says it has.
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The schema version of the database at `path`, read without writing to it (None when it
/// cannot be read as a database).
pub fn user_version_of(path: &std::path::Path) -> Option<i64> {
    let conn = Connection::open_with_flags(path, super::READ_ONLY).ok()?;
    user_version(&conn).ok()
}

/// The first problem `PRAGMA integrity_check` names (its first two lines), unless it says
/// `ok`.
pub fn integrity(conn: &Connection) -> Result<Option<String>> {
    let first: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    Ok((first != "ok").then(|| first.lines().take(2).collect::<Vec<_>>().join(" ")))
}

/// How many events the log holds.
pub fn count_events(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)
}

/// How many reports the database holds.
pub fn count_reports(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0))?)
}

/// Events plus report rows: the steps of a full `audit verify`.
pub fn count_events_and_reports(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM reports)",
        [],
        |r| r.get(0),
    )?)
}

/// The refusal of a copy another writer kept waiting past `LOCK_WAIT`.
fn stayed_busy() -> super::refusal::Refusal {
    super::refusal::Refusal::CopyKeptWaiting
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusal of a copy kept waiting, whole in each language, with its exit class (1).
    #[test]
    fn a_copy_kept_waiting_is_refused_in_both_languages() {
        use crate::i18n::Lang;
        let refused = anyhow::Error::new(stayed_busy());
        assert_eq!(crate::exit::status_of(&refused), crate::exit::FAILURE);
        assert_eq!(
            crate::exit::message_of(&refused, Lang::Vi),
            "Cơ sở dữ liệu bận quá 10 giây; không có gì thay đổi, hãy thử lại sau."
        );
        assert_eq!(
            crate::exit::message_of(&refused, Lang::En),
            "the database stayed busy for more than 10 seconds; nothing was changed, try again later"
        );
    }
}
