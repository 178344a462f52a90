//! Everything that speaks SQL. Owns opening the file (WAL, foreign keys, busy timeout; or
//! read-only, for commands that only read), the migrations under `PRAGMA user_version`, and
//! the queries of every table. Knows nothing of clap or the terminal; returns domain types.

/// The agency of the last assignment of clock `c`'s report up to the step that started the
/// clock, as the log has it (one step back through `events_by_report`): what a clock an
/// agency holds is judged against (`domain::clocks::agency_fault`) by the periodic report,
/// the sweep's breach notice and the desk's lists. A literal, for `concat!` and `format!`.
macro_rules! assigned_at_start {
    () => {
        "(SELECT json_extract(ea.payload, '$.agency') FROM events ea
           WHERE ea.report_id = c.report_id AND ea.id <= c.start_event
             AND ea.action = 'assign'
           ORDER BY ea.id DESC LIMIT 1)"
    };
}

pub mod backup;
pub mod bulk;
pub mod clocks;
pub mod diagnose;
pub mod events;
pub mod journal;
pub mod keyfile;
pub mod lock;
pub mod migrations;
pub mod open311;
pub mod periodic;
pub mod private;
pub mod queue;
pub mod reference;
pub mod refusal;
pub mod reports;
pub mod routes;
pub mod schema;
pub mod sealed;
pub mod settings;
pub mod sql;
pub mod tx;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

/// "PHNA": marks a file as ours (also set by schema.sql).
pub const APPLICATION_ID: i64 = 0x50484E41;

/// How long a writer waits for another (cron's sweep, a second operator) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How phananh opens a database file. Each connection is used by one thread at a time
/// (rusqlite's `Connection` is not `Sync`; the checkpoint thread has its own), so SQLite's
/// serialized mode, a mutex taken around every call, only costs: it was 7% of a bulk load's
/// storing thread. `NO_MUTEX` is SQLite's multi-thread mode, and rusqlite's own default.
pub const READ_WRITE: OpenFlags =
    OpenFlags::SQLITE_OPEN_READ_WRITE.union(OpenFlags::SQLITE_OPEN_NO_MUTEX);
pub const READ_ONLY: OpenFlags =
    OpenFlags::SQLITE_OPEN_READ_ONLY.union(OpenFlags::SQLITE_OPEN_NO_MUTEX);

/// Opens an existing phananh database, bringing its schema up to date; `upgrading` hears
/// the versions from and to before a migration starts.
pub fn open(path: &Path, upgrading: impl FnOnce(i64, i64)) -> Result<Connection> {
    if !present(path)? {
        return Err(absent(path));
    }
    let mut conn = Connection::open_with_flags(path, READ_WRITE)
        .with_context(|| diagnose::Doing::new(diagnose::Step::Open, path))?;
    // Identify before configuring: switching to WAL writes to the file, and a file that is
    // not ours must be left exactly as it was.
    check_identity(&conn, path)?;
    // SQLite opens a file it may not write read-only without a word; a write command says so
    // now rather than fail half-way (or at the switch to WAL) with a code.
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        bail!(diagnose::failure(diagnose::Cause::ReadOnly, path));
    }
    configure(&mut conn)?;
    migrations::migrate_announcing(&mut conn, upgrading)?;
    if let Some(change) = schema::first_difference(&conn)? {
        bail!(schema::refusal(&change));
    }
    Ok(conn)
}

/// The schema version of the database file at `path`, read as an immutable file (nothing
/// written, no lock, so on read-only media too); None when it cannot be read.
pub fn schema_version(path: &Path) -> Option<i64> {
    let conn = Connection::open_with_flags(
        immutable_uri(path),
        READ_ONLY.union(OpenFlags::SQLITE_OPEN_URI),
    )
    .ok()?;
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ok()
}

/// A database opened by [`open_read_only`], or why it must be opened for writing first.
pub enum ReadOnly {
    Ready(Connection),
    /// Its schema is older than this binary's: a writing open brings it up to date.
    NeedsUpgrade,
}

/// Opens an existing phananh database for reading only: nothing is written, not even the
/// switch to WAL, so it works on read-only media (a backup on a write-protected disk). A
/// database in WAL whose folder cannot hold the shared-memory file is opened as immutable:
/// on read-only media nobody else can be writing it.
pub fn open_read_only(path: &Path) -> Result<ReadOnly> {
    if !present(path)? {
        return Err(absent(path));
    }
    let conn = Connection::open_with_flags(path, READ_ONLY)
        .with_context(|| diagnose::Doing::new(diagnose::Step::Open, path))?;
    let mut conn = match identify(&conn) {
        // No shared-memory file and no right to create one (SQLite says "cannot open" or
        // "read-only, cannot initialise", by version).
        Err(e)
            if matches!(
                cause(&e),
                Some(diagnose::Cause::CannotOpen | diagnose::Cause::ReadOnly)
            ) =>
        {
            drop(conn);
            let conn = Connection::open_with_flags(
                immutable_uri(path),
                READ_ONLY.union(OpenFlags::SQLITE_OPEN_URI),
            )
            .with_context(|| diagnose::Doing::new(diagnose::Step::Open, path))?;
            check_identity(&conn, path)?;
            conn
        }
        _ => {
            check_identity(&conn, path)?;
            conn
        }
    };
    conn.busy_handler(Some(keep_waiting))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    stable_plans(&conn)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != migrations::latest() {
        return Ok(ReadOnly::NeedsUpgrade);
    }
    Ok(ReadOnly::Ready(conn))
}

/// A second connection to the database `conn` has open, for reading beside it on another
/// thread: a bulk writer's judging thread reads the rows of a page while the writer stores
/// the verdicts. Opened as a plain reader of the same file, never immutable (it must see
/// what the writer commits); None for a database in memory.
pub fn reader_beside(conn: &Connection) -> Result<Option<Connection>> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let mut reader = Connection::open_with_flags(path, READ_ONLY)
        .with_context(|| diagnose::Doing::new(diagnose::Step::Open, Path::new(path)))?;
    reader.busy_handler(Some(keep_waiting))?;
    reader.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    stable_plans(&reader)?;
    Ok(Some(reader))
}

/// What a failure to read the file was, if SQLite said.
fn cause(error: &anyhow::Error) -> Option<diagnose::Cause> {
    error
        .downcast_ref::<rusqlite::Error>()
        .and_then(diagnose::cause_of)
}

/// `file:` URI of `path` opened immutable (its bytes percent-encoded where a URI needs it).
fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether there is a file at `path`. A folder on the way that this account may not enter
/// is said as such: "no database" would send the operator to `init`, which cannot write
/// there either (SECURITY.md, "A dedicated OS account": staff go through sudo).
pub fn present(path: &Path) -> Result<bool> {
    all_regular(path)?;
    match std::fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(diagnose::denied(path).into())
        }
        Err(_) => Ok(false),
    }
}

/// Refuses a database, or one of the side files SQLite opens beside it, that is not a
/// regular file: SQLite would read a FIFO (or write a `-journal` into one) and wait for
/// ever, and a command run by cron would hang without a word
/// (`setup::a_fifo_in_place_of_the_database_or_its_log_is_refused_at_once`).
/// Judged on the file opened without blocking, as key files are (`private::read_regular`).
fn all_regular(path: &Path) -> Result<()> {
    regular_files(path, refusal::Whose::Database)
}

/// Refuses a backup to restore, or its side files, that is not a regular file, as
/// `all_regular` does for the database: a FIFO there made `restore` wait for ever while
/// it held every other phananh process out of the live database
/// (`backup::a_fifo_given_as_the_backup_is_refused_at_once_holding_nobody_out`).
pub fn backup_regular(path: &Path) -> Result<()> {
    regular_files(path, refusal::Whose::Backup)
}

fn regular_files(path: &Path, of: refusal::Whose) -> Result<()> {
    use private::{ReadError, Standing};
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = private::with_suffix(path, suffix);
        let standing = match private::open_regular(&file) {
            Ok(_) => continue,
            // A folder given for the database makes SQLite fail at once, and `diagnose` names
            // it as such, with the advice that fits. A folder at a side file's name is refused
            // here: SQLite read a `-journal` folder as a disk failing ("disk I/O error").
            Err(ReadError::NotRegular(Standing::Folder)) if suffix.is_empty() => continue,
            Err(ReadError::NotRegular(standing)) => standing,
            // Absent, or unreadable: what SQLite or `present` says of it is the right word.
            Err(_) => continue,
        };
        bail!(refusal::Refusal::NotRegular {
            of,
            side: !suffix.is_empty(),
            file,
            standing,
        });
    }
    Ok(())
}

fn absent(path: &Path) -> anyhow::Error {
    if diagnose::folder_exists(path) {
        missing(path).into()
    } else {
        diagnose::missing_folder(path, diagnose::Wanted::Database).into()
    }
}

fn missing(path: &Path) -> refusal::Refusal {
    refusal::Refusal::NoDatabase(path.to_owned())
}

/// Refuses anything but an initialised phananh database, naming what it is instead: not
/// initialised, not ours, or ours but truncated or damaged. A failure to read the file at
/// all (locked, no room for its shared memory) is returned as it is, for `diagnose`.
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    match identify(conn) {
        Ok(Identity::Phananh) => Ok(()),
        Ok(Identity::Empty) => bail!(refusal::Refusal::NotInitialised(path.to_owned())),
        Ok(Identity::Foreign) => bail!(not_ours(path)),
        Err(e) => match cause(&e) {
            Some(diagnose::Cause::Damaged) if diagnose::looks_ours(path) => {
                bail!(diagnose::damaged(path))
            }
            Some(diagnose::Cause::Damaged) => bail!(not_ours(path)),
            _ => Err(e.context(diagnose::Doing::new(diagnose::Step::Read, path))),
        },
    }
}

/// Creates (or takes over an empty) file and applies the schema; refuses anything else.
pub fn create(path: &Path) -> Result<Connection> {
    // Reporters' names and phones live in this file: only its owner may read it. SQLite gives
    // the -wal and -shm files the database file's permissions.
    if !present(path)? {
        // A missing folder is named, not made (issue 20): a mistyped --db must not leave a
        // new tree behind, and the operator chooses who may enter the folder.
        if !diagnose::folder_exists(path) {
            return Err(diagnose::missing_folder(path, diagnose::Wanted::NewDatabase).into());
        }
        private::create(path).map_err(|e| diagnose::creating(path, e))?;
    }
    let mut conn = Connection::open(path)
        .with_context(|| diagnose::Doing::new(diagnose::Step::Create, path))?;
    match identify(&conn) {
        // An empty file someone made beforehand keeps its mode, and SQLite gives it to the
        // -wal and -shm files: narrow them all before a name is written.
        Ok(Identity::Empty) => {
            private::tighten_database(path, private::Narrow::OwnerOnly)?;
        }
        Ok(Identity::Phananh) => bail!(already_ours(path)),
        Ok(Identity::Foreign) | Err(_) => bail!(not_ours(path)),
    }
    lay_out(&mut conn)?;
    Ok(conn)
}

/// A new database built whole under a temporary name beside its own (`<path>.partial`),
/// and put at `path` by [`Building::finish`] only once its first content is committed.
/// Dropped unfinished (a failed `init`: the admin's row, the key, a full disk), nothing of
/// it remains: built in place, a failure after the schema left a database without an admin
/// account, which a second `init` refused as "already a phananh database" and nobody could
/// use (`setup::an_init_that_fails_after_making_the_file_leaves_nothing_behind`).
pub struct Building {
    // Declared before `partial`: the connection closes before the files are removed.
    conn: Connection,
    partial: private::Partial,
    path: PathBuf,
    /// The empty file found at `path`, replaced by the new database.
    empty: Option<std::fs::Metadata>,
}

/// Starts building a new database for `path`: refuses as `create` does anything at `path`
/// but an empty file, then lays the schema out in `<path>.partial`.
pub fn build(path: &Path) -> Result<Building> {
    let empty = if present(path)? {
        let conn = Connection::open_with_flags(path, READ_ONLY)
            .with_context(|| diagnose::Doing::new(diagnose::Step::Open, path))?;
        match identify(&conn) {
            // Its -wal and -shm, which stay beside it and which SQLite keeps the mode of,
            // narrowed before a name is written (as `create` does).
            Ok(Identity::Empty) => {
                private::tighten_database(path, private::Narrow::OwnerOnly)?;
                Some(std::fs::metadata(path)?)
            }
            Ok(Identity::Phananh) => bail!(already_ours(path)),
            Ok(Identity::Foreign) | Err(_) => bail!(not_ours(path)),
        }
    } else {
        if !diagnose::folder_exists(path) {
            return Err(diagnose::missing_folder(path, diagnose::Wanted::NewDatabase).into());
        }
        None
    };
    // An empty file reached through a symbolic link is the one made into the database, as
    // it was when init wrote into it: built beside it, on its file system, and renamed there.
    let path = match empty {
        Some(_) => &std::fs::canonicalize(path)?,
        None => path,
    };
    all_regular(&private::with_suffix(path, ".partial"))?;
    let (_, partial) = private::Partial::beside(path, ".partial")?;
    let mut conn = Connection::open(partial.path())
        .with_context(|| diagnose::Doing::new(diagnose::Step::Create, partial.path()))?;
    lay_out(&mut conn)?;
    Ok(Building {
        conn,
        partial,
        path: path.to_owned(),
        empty,
    })
}

impl Building {
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Puts the built database at its name, whole: its write-ahead log folded into the file
    /// first, since the log is found by the database's name.
    pub fn finish(self) -> Result<()> {
        let Building {
            conn,
            partial,
            path,
            empty,
        } = self;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.close().map_err(|(_, e)| e)?;
        match empty {
            // Never over a file made at the name meanwhile: a link fails where one exists.
            None => match std::fs::hard_link(partial.path(), &path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(diagnose::creating(&path, e));
                }
                // A file system without hard links (vfat, some network shares): a rename,
                // once the name is seen free.
                Err(_) if private::Standing::at(&path).is_none() => {
                    std::fs::rename(partial.path(), &path)
                        .map_err(|e| diagnose::creating(&path, e))?;
                }
                Err(e) => return Err(diagnose::creating(&path, e)),
            },
            Some(meta) => {
                // Root making the database in a file prepared for the service account gives
                // it to that account, as the empty file was.
                if nix::unistd::geteuid().is_root() {
                    use std::os::unix::fs::MetadataExt;
                    std::os::unix::fs::chown(partial.path(), Some(meta.uid()), Some(meta.gid()))?;
                }
                std::fs::rename(partial.path(), &path)
                    .with_context(|| diagnose::Doing::new(diagnose::Step::PutInPlace, &path))?;
            }
        }
        // Best effort: the database is in place, and its key must stay with it, whatever a
        // folder that cannot be opened or synced says now.
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            let _ = std::fs::File::open(folder).and_then(|f| f.sync_all());
        }
        // Dropped now: the temporary name and its side files go.
        drop(partial);
        Ok(())
    }
}

fn already_ours(path: &Path) -> refusal::Refusal {
    refusal::Refusal::AlreadyOurs(path.to_owned())
}

/// A new database's layout: its page size (only an empty file takes one, and a file in
/// WAL never changes it again), the connection's settings, the schema.
fn lay_out(conn: &mut Connection) -> Result<()> {
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    configure(conn)?;
    migrations::migrate(conn)?;
    Ok(())
}

/// Bytes per page of a new database. A report with its two events and its clock takes
/// about 2 KB, so SQLite's default of 4 KB splits pages and writes WAL frames (two system
/// calls each) every second report. With 16 KB, `ingest --validate` of 200,000 rows took
/// 3.80 s instead of 4.27 s and the file was 6% smaller; 64 KB was no faster. Databases
/// created before keep their 4 KB pages.
const PAGE_SIZE: i64 = 16_384;

fn not_ours(path: &Path) -> refusal::Refusal {
    refusal::Refusal::NotOurs(path.to_owned())
}

/// Every connection: WAL so readers never block the writer, foreign keys enforced, and a
/// busy timeout so cron and an operator queue instead of failing.
/// How long a waiting writer sleeps between tries. SQLite's own timeout backs off to 100 ms,
/// long enough to sleep through the moment a bulk writer lets go of the lock; short,
/// even tries keep waiters in the queue (`BUSY_TIMEOUT` in all).
const BUSY_POLL: Duration = Duration::from_millis(5);

fn keep_waiting(tries: i32) -> bool {
    let waited = BUSY_POLL.saturating_mul(u32::try_from(tries).unwrap_or(u32::MAX));
    // A bulk or cron writer in its turn waits as long as it takes (storage::queue); a
    // single step gives up after the timeout.
    if !queue::patient(waited) && waited >= busy_timeout() {
        return false;
    }
    std::thread::sleep(BUSY_POLL);
    true
}

/// `BUSY_TIMEOUT`, or in a debug build `PHANANH_BUSY_TIMEOUT_MS`: the tests of the queue
/// play a writer that would give up, without waiting ten seconds for it. Also how long a
/// command that needs the file to itself (`key rotate`, `key reset`) waits for the others.
pub(crate) fn busy_timeout() -> Duration {
    wait_or_tests("PHANANH_BUSY_TIMEOUT_MS", BUSY_TIMEOUT)
}

/// The environment variable `name` in a debug build, never in a release one: the tests'
/// hooks into the waits, which an operator's environment must not reach.
pub(crate) fn debug_env(name: &str) -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var(name).ok()
    } else {
        None
    }
}

/// `wait`, or in a debug build the milliseconds in `name`: a test plays a wait that would
/// take seconds or minutes (a busy timeout, a restore that never ends) in a fraction of it.
pub(crate) fn wait_or_tests(name: &str, wait: Duration) -> Duration {
    debug_env(name)
        .and_then(|ms| ms.parse().ok())
        .map_or(wait, Duration::from_millis)
}

/// Copies every committed page of the WAL into the database file and empties the WAL, so
/// that what a transaction overwrote (an erased identity and its key, `app::erase`) is left
/// in neither file: without it the old page stays in the database file, and old frames in the
/// WAL, for as long as anyone else keeps the database open. False when a reader still needs
/// the old pages (after the single-step busy timeout) or the copy failed: the bytes then stay
/// until a later checkpoint.
pub fn fold_wal(conn: &Connection) -> bool {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|busy| busy == 0)
}

/// Rewrites the whole database file from its live rows (`VACUUM`), then folds the WAL into
/// it (`fold_wal`): nothing the tables no longer hold stays in a free page, a page's unused
/// space or an old WAL frame. `secure_delete` only zeroes what a write frees from then on;
/// a file an older phananh wrote (identities in clear, no `secure_delete`) keeps the old
/// bytes of every row it ever moved until the file is rewritten. False as for `fold_wal`:
/// another session still reads the old pages, which stay until a later checkpoint.
pub fn rewrite_whole(conn: &Connection) -> Result<bool> {
    conn.execute_batch("VACUUM")?;
    Ok(fold_wal(conn))
}

/// Pauses a bulk writer between two transactions so that the operators and cron jobs waiting
/// for the lock get it: without the pause the bulk writer takes it again at once.
pub fn let_waiters_in() {
    std::thread::sleep(BUSY_POLL * 3);
}

/// Copies a bulk writer's committed pages from the WAL into the database file on a thread of
/// its own, with a connection of its own, while the writer goes on: checkpointing at every
/// commit was a tenth of a load's storing thread, the thread that bounds it. The writer's
/// automatic checkpoints are off while this lives and back on when it is dropped, after a
/// last copy of what was committed.
///
/// The log starts over only when a writer begins with every committed page copied; a writer
/// that never waits makes it grow to the size of everything it writes. So the writer calls
/// `caught_up` now and then (when it pauses for waiting writers anyway), which bounds the log
/// to what it wrote in between.
pub struct BackgroundCheckpoint<'c> {
    writer: &'c Connection,
    /// A wake-up, with somewhere to say "done" when the caller waits for it.
    wake: Option<std::sync::mpsc::SyncSender<Option<std::sync::mpsc::SyncSender<()>>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl<'c> BackgroundCheckpoint<'c> {
    /// None when the writer's database is not a file (tests, in memory): nothing to copy.
    pub fn start(writer: &'c Connection) -> Result<Option<Self>> {
        let Some(path) = writer.path().filter(|p| !p.is_empty()).map(PathBuf::from) else {
            return Ok(None);
        };
        let checkpointer = Connection::open_with_flags(&path, READ_WRITE)?;
        let (wake, woken) =
            std::sync::mpsc::sync_channel::<Option<std::sync::mpsc::SyncSender<()>>>(1);
        writer.pragma_update(None, "wal_autocheckpoint", 0)?;
        let thread = std::thread::spawn(move || {
            for done in woken {
                // PASSIVE never waits and never blocks the writer. If it cannot copy
                // everything (a reader still needs old pages), the next one, or the next
                // automatic checkpoint after the load, copies the rest: nothing is lost,
                // the log is only longer meanwhile. So its failures are not the load's.
                let _ = checkpointer.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                if let Some(done) = done {
                    let _ = done.send(());
                }
            }
        });
        Ok(Some(BackgroundCheckpoint {
            writer,
            wake: Some(wake),
            thread: Some(thread),
        }))
    }

    /// The writer has committed: copy when the thread is free (wake-ups pile up as one).
    pub fn committed(&self) {
        if let Some(wake) = &self.wake {
            let _ = wake.try_send(None);
        }
    }

    /// Returns once everything committed so far has been copied (or the copy failed), so
    /// that the writer's next transaction starts the log over.
    pub fn caught_up(&self) {
        let Some(wake) = &self.wake else { return };
        let (done, finished) = std::sync::mpsc::sync_channel(1);
        if wake.send(Some(done)).is_ok() {
            let _ = finished.recv();
        }
    }
}

impl Drop for BackgroundCheckpoint<'_> {
    fn drop(&mut self) {
        self.committed();
        self.wake = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        // SQLite's default threshold, as every other connection has it.
        let _ = self.writer.pragma_update(None, "wal_autocheckpoint", 1000);
    }
}

/// Statements kept prepared per connection: every step of a long run (a replay, a bulk load,
/// the history generator) runs the same few dozen, and parsing them again each time cost more
/// than running them.
const STATEMENT_CACHE: usize = 64;

/// Plans never depend on the values bound: otherwise SQLite (built with STAT4) prepares a
/// kept statement again whenever a bound value changes — e.g. the next round of a clock,
/// `max(round)` over the (report, stage, round) index, at every workflow step; and, on a
/// reader, each per-row look at the log of a listing (the seal of the row, the round's
/// send-back), prepared again for every row of `list`.
fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn configure(conn: &mut Connection) -> Result<()> {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    stable_plans(conn)?;
    conn.busy_handler(Some(keep_waiting))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Freed space is overwritten with zeros: an erased identity's key (`erase`) must not
    // stay readable in a free page of the file.
    conn.pragma_update(None, "secure_delete", true)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        bail!("could not switch the database to WAL (journal_mode is {mode})");
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub enum Identity {
    Empty,
    Phananh,
    Foreign,
}

/// Tells an empty file, one of ours and anything else apart without changing it.
pub fn identify(conn: &Connection) -> Result<Identity> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(Identity::Phananh);
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(if app_id == 0 && objects == 0 {
        Identity::Empty
    } else {
        Identity::Foreign
    })
}

/// Checks a file without opening it for writing: is it a phananh database, and a demo one?
pub fn inspect(path: &Path) -> Result<(Identity, bool)> {
    all_regular(path)?;
    let conn = Connection::open_with_flags(path, READ_ONLY)?;
    let identity = identify(&conn)?;
    let demo = identity == Identity::Phananh
        && settings::get(&conn, settings::DEMO_MARKER)?.as_deref() == Some("1");
    Ok((identity, demo))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn autocheckpoint(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap()
    }

    fn write_pages(conn: &Connection, rows: usize) {
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        for _ in 0..rows {
            conn.execute("INSERT INTO t (x) VALUES (randomblob(2000))", [])
                .unwrap();
        }
        conn.execute_batch("COMMIT").unwrap();
    }

    /// Every connection, the readers too, plans a statement once whatever is bound to it:
    /// a reader without it prepared each per-row look at the log of `list` again for every
    /// row (SQLite built with STAT4), a tenth of a handler's listing.
    #[test]
    fn every_connection_keeps_its_plans_whatever_is_bound() {
        use rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG as QPSG;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(create(&path).unwrap());
        let writer = open(&path, |_, _| {}).unwrap();
        let ReadOnly::Ready(reader) = open_read_only(&path).unwrap() else {
            panic!("a new database needs no upgrade");
        };
        let beside = reader_beside(&writer).unwrap().expect("a file");
        for conn in [&writer, &reader, &beside] {
            assert!(conn.db_config(QPSG).unwrap());
        }
    }

    /// Opened connections run in SQLite's multi-thread mode: no mutex around every call.
    #[test]
    #[allow(unsafe_code, reason = "asks SQLite for the connection's mutex")]
    fn connections_take_no_mutex_per_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(create(&path).unwrap());
        let conn = open(&path, |_, _| {}).unwrap();
        // SAFETY: only asks SQLite for the connection's mutex, NULL in multi-thread mode; the
        // handle stays owned by `conn`, which outlives the call.
        let mutex = unsafe { rusqlite::ffi::sqlite3_db_mutex(conn.handle()) };
        assert!(mutex.is_null(), "the connection is in serialized mode");
    }

    /// A load that waits for the copy now and then starts the log over, so the log holds
    /// what was written since, not everything; its automatic checkpoints come back after.
    #[test]
    fn a_writer_that_waits_for_the_copy_starts_the_log_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let log_bytes = || {
            std::fs::metadata(dir.path().join("db.sqlite-wal"))
                .unwrap()
                .len()
        };
        let writer = Connection::open(&path).unwrap();
        writer
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .unwrap();
        writer
            .execute_batch("CREATE TABLE t (x BLOB NOT NULL)")
            .unwrap();
        {
            let checkpoint = BackgroundCheckpoint::start(&writer).unwrap().unwrap();
            assert_eq!(autocheckpoint(&writer), 0);
            write_pages(&writer, 2_000);
            let one_transaction = log_bytes();
            assert!(one_transaction > 2_000 * 2_000, "{one_transaction} bytes");
            checkpoint.committed();
            checkpoint.caught_up();
            // The log is written over from its start, not after what was copied.
            write_pages(&writer, 2_000);
            checkpoint.committed();
            checkpoint.caught_up();
            assert!(
                log_bytes() < one_transaction * 3 / 2,
                "{} bytes",
                log_bytes()
            );
        }
        assert_eq!(autocheckpoint(&writer), 1000);
        let reader = Connection::open(&path).unwrap();
        let rows: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 4_000);
    }
}
