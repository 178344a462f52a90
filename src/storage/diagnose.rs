//! What a failure of SQLite or of the file system means to the operator: a busy database, a
//! read-only file or folder, a full disk, a truncated or damaged file, a missing folder, or,
//! when none of these, which step on which file failed ([`Doing`]) and what the system or
//! SQLite said of it. Each is a [`Diagnosis`] naming the file (and what was found about it)
//! with its exit class (`crate::exit`); `src/output/storage.rs` words it in both languages,
//! with what to do.
//! Owns no SQL and changes nothing; it reads the failure, the file's first bytes and, for a
//! busy database, which processes have it open.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::exit::{Class, Failure};
use crate::i18n::Localized;

/// What a failure was, as far as the operator is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Another connection held the write lock past the wait.
    Busy,
    /// The file, its folder or the medium cannot be written.
    ReadOnly,
    /// No room left (or the file-size limit reached) while writing.
    DiskFull,
    /// The file is one of ours but cannot be read as a database (truncated, overwritten).
    Damaged,
    /// The file cannot be opened at all.
    CannotOpen,
}

/// What a failure of the database or of a file it needs was found to be, as data: the
/// paths, and what was found about them. `src/output/storage.rs` words it, and
/// `crate::exit` prints it in the language asked for, with the exit class it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnosis {
    /// Another command held the write lock on `file` past the wait; `holders`: the other
    /// processes that have it open (process id, program name), as far as /proc tells.
    Busy {
        file: PathBuf,
        holders: Vec<(u32, String)>,
        /// How long it waited, in seconds: the busy timeout, or `restore --wait`.
        seconds: u64,
    },
    /// The file, its folder or the medium cannot be written.
    ReadOnly(PathBuf),
    /// The database can be written, but its side file `side` (`-wal`, `-shm`) cannot: one
    /// made by a command that ran while the database could only be read keeps that mode,
    /// and every write was then refused as if the database itself were read-only.
    SideReadOnly { file: PathBuf, side: PathBuf },
    /// The disk holding the file is full (or the file reached its size limit); the step
    /// was undone.
    DiskFull(PathBuf),
    /// The disk filled while `init` made the database: it made nothing.
    InitDiskFull(PathBuf),
    /// The disk filled (or a size limit was reached) while the command wrote what it prints:
    /// to `Some` file it names (`--out`, a backup), or to standard output or a temporary
    /// file when `None`. The command stopped there.
    OutputFull(Option<PathBuf>),
    /// A folder on the way to the database does not let this account in.
    Denied(PathBuf),
    /// `--db` names a folder.
    AFolder(PathBuf),
    /// The file starts like a phananh database but cannot be read as one.
    Damaged(PathBuf),
    /// The `folder` that `path` would be in does not exist.
    MissingFolder {
        path: PathBuf,
        folder: PathBuf,
        wanted: Wanted,
    },
    /// `blocker`, a file, stands where a folder is needed on the way to `path`.
    NotAFolder {
        path: PathBuf,
        blocker: PathBuf,
        wanted: Wanted,
    },
    /// The database exists but its `folder` is read-only, where SQLite must make its -wal
    /// and -shm files.
    FolderReadOnly { path: PathBuf, folder: PathBuf },
    /// The file cannot be opened, for none of the reasons above.
    CannotOpen(PathBuf),
    /// Something stands at the name a new database was to take, though no file could be
    /// read there: a symbolic link to nothing (or to itself), or a file made meanwhile.
    Taken(PathBuf),
    /// `step` (with its file, when the failure names one) failed for a cause none of the
    /// above names: `why`, what the system or SQLite said of it, and `said`, the failure's
    /// whole English chain, as it reached the operator before (any language) and now
    /// reaches the English one. Without it a Vietnamese operator read the step and the
    /// system's error in English ("locking … for reading: No locks available").
    Failed {
        step: Option<Doing>,
        why: Why,
        said: String,
    },
}

/// What a step on a file was doing when it failed: given to the failure as its context (its
/// `Display` is the English a log and `{err:#}` read), and found again by [`explain`] when no
/// diagnosis names the cause, so that the step and the file are said in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doing {
    pub step: Step,
    pub file: PathBuf,
}

/// A step on a file (see [`Doing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Taking the database for this process alone, or waiting for a restore (`storage::lock`).
    Lock,
    /// Taking a shared hold on the database to read it (`storage::lock::shared`).
    LockToRead,
    /// Taking a turn in the writers' queue (`storage::queue`).
    Queue,
    /// Creating a new database file.
    Create,
    /// Opening the database.
    Open,
    /// Reading what the database is (its header, its identity).
    Read,
    /// Putting a database built under a temporary name at its own (`init`).
    PutInPlace,
}

impl Doing {
    pub fn new(step: Step, file: &Path) -> Doing {
        Doing {
            step,
            file: file.to_owned(),
        }
    }
}

impl std::fmt::Display for Doing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.file.display();
        match self.step {
            Step::Lock => write!(f, "locking {file}"),
            Step::LockToRead => write!(f, "locking {file} for reading"),
            Step::Queue => write!(f, "queueing to write {file}"),
            Step::Create => write!(f, "creating {file}"),
            Step::Open => write!(f, "opening {file}"),
            Step::Read => write!(f, "reading {file}"),
            Step::PutInPlace => write!(f, "putting {file} in place"),
        }
    }
}

/// Why a step failed, as data for `src/output/` to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The system's error.
    Os(OsError),
    /// SQLite's: its extended result code and its own text.
    Sqlite { code: i32, text: String },
    /// Anything else: the failure's own text (English, from a library).
    Other(String),
}

/// A system's error, as data (an `std::io::Error` can be neither cloned nor compared): its
/// number when it has one, its kind, and the system's own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsError {
    pub errno: Option<i32>,
    pub kind: std::io::ErrorKind,
    pub text: String,
}

impl From<&std::io::Error> for OsError {
    fn from(e: &std::io::Error) -> OsError {
        OsError {
            errno: e.raw_os_error(),
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

impl OsError {
    /// The error again, for the functions that word one (`i18n::io_write_vi`).
    pub fn to_io(&self) -> std::io::Error {
        match self.errno {
            Some(errno) => std::io::Error::from_raw_os_error(errno),
            None => std::io::Error::new(self.kind, self.text.clone()),
        }
    }
}

impl Diagnosis {
    /// The exit class the failure calls for.
    pub fn class(&self) -> Class {
        match self {
            Diagnosis::Busy { .. } => Class::Busy,
            Diagnosis::Damaged(_) => Class::Integrity,
            Diagnosis::ReadOnly(_)
            | Diagnosis::SideReadOnly { .. }
            | Diagnosis::DiskFull(_)
            | Diagnosis::InitDiskFull(_)
            | Diagnosis::OutputFull(_)
            | Diagnosis::Denied(_)
            | Diagnosis::AFolder(_)
            | Diagnosis::MissingFolder { .. }
            | Diagnosis::NotAFolder { .. }
            | Diagnosis::FolderReadOnly { .. }
            | Diagnosis::CannotOpen(_)
            | Diagnosis::Taken(_)
            | Diagnosis::Failed { .. } => Class::Refused,
        }
    }
}

impl std::error::Error for Diagnosis {}

/// The cause of a SQLite failure, from its codes.
pub fn cause_of(error: &rusqlite::Error) -> Option<Cause> {
    let rusqlite::Error::SqliteFailure(failure, _) = error else {
        return None;
    };
    use rusqlite::ffi;
    Some(match failure.code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Cause::Busy,
        ErrorCode::ReadOnly => Cause::ReadOnly,
        ErrorCode::DiskFull => Cause::DiskFull,
        // A write the file system refused part-way (no space, or the process's file-size
        // limit): SQLite reports the first as FULL only when the write came back short, and
        // the shared-memory file growing as its own code.
        ErrorCode::SystemIoFailure
            if [
                ffi::SQLITE_IOERR_WRITE,
                ffi::SQLITE_IOERR_FSYNC,
                ffi::SQLITE_IOERR_TRUNCATE,
                ffi::SQLITE_IOERR_SHMSIZE,
                ffi::SQLITE_IOERR_SHMMAP,
            ]
            .contains(&failure.extended_code) =>
        {
            Cause::DiskFull
        }
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => Cause::Damaged,
        ErrorCode::CannotOpen => Cause::CannotOpen,
        _ => return None,
    })
}

/// The file a failed step was writing, when it is not the database (a backup's copy):
/// a full disk is said of it, not of the database, whose disk may have room.
#[derive(Debug)]
pub struct Writing(pub PathBuf);

impl std::fmt::Display for Writing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "writing {}", self.0.display())
    }
}

/// Gives a failed command's error the message and exit class its cause calls for, when the
/// chain holds a SQLite or file-system failure and no message of the tool's own; `path` is
/// the database the command worked on.
pub fn explain(err: anyhow::Error, path: &Path) -> anyhow::Error {
    let already_said = err.chain().any(|cause| {
        cause.downcast_ref::<Failure>().is_some()
            || cause.downcast_ref::<Diagnosis>().is_some()
            || cause.downcast_ref::<Localized>().is_some()
            || cause.downcast_ref::<super::refusal::Refusal>().is_some()
            || cause.downcast_ref::<super::private::Refused>().is_some()
    });
    if already_said {
        return err;
    }
    // SQLite reads a folder as a file that fails to read ("disk I/O error", code 266).
    let of_the_file = err.chain().any(|c| {
        c.downcast_ref::<rusqlite::Error>().is_some()
            || c.downcast_ref::<std::io::Error>().is_some()
    });
    if of_the_file && path.is_dir() {
        return a_folder(path).into();
    }
    if let Some(cause) = err
        .chain()
        .filter_map(|c| c.downcast_ref::<rusqlite::Error>())
        .find_map(cause_of)
    {
        let written = err.downcast_ref::<Writing>();
        return match (cause, written) {
            (Cause::DiskFull, Some(Writing(file))) => failure(cause, file),
            _ => failure(cause, path),
        }
        .into();
    }
    if let Some(file) = full_while_writing(&err) {
        return Diagnosis::OutputFull(file).into();
    }
    // A file-system error may be about any file (an import, an output): only a database
    // whose folder is missing is this module's to explain.
    let io = err
        .chain()
        .any(|c| c.downcast_ref::<std::io::Error>().is_some());
    if io && !folder_of(path).is_dir() {
        return cannot_open(path).into();
    }
    unexplained(err)
}

/// A failure no diagnosis above names, said with its step and file when the chain has them
/// ([`Doing`]), and with what the system or SQLite said: a SQLite failure is the database's
/// whatever the step, but a bare file-system error may be about any file (an import, an
/// output), so without its step it is left as it was found.
fn unexplained(err: anyhow::Error) -> anyhow::Error {
    let step = err.downcast_ref::<Doing>().cloned();
    let sqlite = err
        .chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(failure, text)) => Some(Why::Sqlite {
                code: failure.extended_code,
                text: text.clone().unwrap_or_else(|| {
                    rusqlite::ffi::code_to_str(failure.extended_code).to_owned()
                }),
            }),
            _ => None,
        });
    let os = err
        .chain()
        .find_map(|c| c.downcast_ref::<std::io::Error>())
        .map(|e| Why::Os(e.into()));
    let why = match (sqlite, os, &step) {
        (Some(why), _, _) => why,
        (None, Some(why), Some(_)) => why,
        (None, None, Some(_)) => Why::Other(
            err.chain()
                .last()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        _ => return err,
    };
    let said = format!("{err:#}");
    Diagnosis::Failed { step, why, said }.into()
}

/// Whether the chain holds a write that failed for want of room (a full disk, a quota, the
/// file-size limit), however the writer wrapped it (a CSV or JSON writer keeps the system's
/// error inside its own), and, if so, the file it was writing when the error names one
/// ([`Writing`], [`WriteFailed`]). SQLite's own failures are [`cause_of`]'s.
fn full_while_writing(err: &anyhow::Error) -> Option<Option<PathBuf>> {
    let mut file = err
        .downcast_ref::<Writing>()
        .map(|Writing(path)| path.clone());
    let mut found = false;
    for cause in err.chain() {
        if let Some(failed) = cause.downcast_ref::<WriteFailed>() {
            file.get_or_insert_with(|| failed.file.clone());
        }
        let kind = if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            Some(io.kind())
        } else if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            match csv.kind() {
                // The CSV writer's error does not give the one inside as its source.
                csv::ErrorKind::Io(io) => {
                    let mut inner: Option<&(dyn std::error::Error + 'static)> = Some(io);
                    while let Some(e) = inner {
                        if let Some(failed) = e.downcast_ref::<WriteFailed>() {
                            file.get_or_insert_with(|| failed.file.clone());
                        }
                        inner = e.source();
                    }
                    Some(io.kind())
                }
                _ => None,
            }
        } else {
            cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
        };
        found |= kind.is_some_and(no_room);
    }
    found.then_some(file)
}

/// Whether `err` is a write that found no room (a full disk, a quota, the file-size
/// limit), however the writer wrapped it: for a message that gives it as a cause.
pub fn no_room_to_write(err: &anyhow::Error) -> bool {
    full_while_writing(err).is_some()
}

/// Whether a file-system error means there was no room to write: a full disk, the
/// account's quota (EDQUOT, which the operator meets as a full disk on a shared server),
/// or the file-size limit.
fn no_room(kind: std::io::ErrorKind) -> bool {
    use std::io::ErrorKind::{FileTooLarge, QuotaExceeded, StorageFull};
    matches!(kind, StorageFull | FileTooLarge | QuotaExceeded)
}

/// A write to a file the command names failed: the system's error, with the file, which
/// the system's words leave out. A writer returns it inside an `std::io::Error` of the same
/// kind, so that its callers see the error they expect.
#[derive(Debug)]
pub struct WriteFailed {
    pub file: PathBuf,
    pub source: std::io::Error,
}

impl WriteFailed {
    /// `source`, said of `file`, as the `std::io::Error` a writer returns.
    pub fn wrap(file: &Path, source: std::io::Error) -> std::io::Error {
        std::io::Error::new(
            source.kind(),
            Carried(WriteFailed {
                file: file.to_owned(),
                source,
            }),
        )
    }
}

/// What the `std::io::Error` carries: an error's chain skips what an `std::io::Error`
/// carries and goes on with its source, and a JSON writer's error hides the `std::io::Error`
/// itself, so the [`WriteFailed`] is this carrier's source, where every chain reaches it.
#[derive(Debug)]
struct Carried(WriteFailed);

impl std::fmt::Display for Carried {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Carried {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl std::fmt::Display for WriteFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "writing {}: {}", self.file.display(), self.source)
    }
}

impl std::error::Error for WriteFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// What a failed `init` says when the disk filled: the general message keeps "everything
/// written before it", but `init` is all or nothing (`storage::build`) and left nothing,
/// neither a database nor a key, so the operator runs `init` again rather than look for
/// what was kept.
pub fn init_failed(err: anyhow::Error, path: &Path) -> anyhow::Error {
    let full = err.chain().any(|c| {
        c.downcast_ref::<rusqlite::Error>()
            .and_then(cause_of)
            .is_some_and(|cause| cause == Cause::DiskFull)
            || c.downcast_ref::<std::io::Error>()
                .is_some_and(|e| no_room(e.kind()))
    });
    if !full {
        return err;
    }
    Diagnosis::InitDiskFull(path.to_owned()).into()
}

/// The database at `path` stayed locked by another writer for `waited`: who has it open.
pub fn busy(path: &Path, waited: std::time::Duration) -> Diagnosis {
    Diagnosis::Busy {
        file: path.to_owned(),
        holders: holders(path),
        seconds: waited.as_secs(),
    }
}

/// What `cause` is for the database at `path`.
pub fn failure(cause: Cause, path: &Path) -> Diagnosis {
    let file = path.to_owned();
    match cause {
        Cause::Busy => busy(path, super::BUSY_TIMEOUT),
        Cause::ReadOnly => match read_only_side(path) {
            Some(side) => Diagnosis::SideReadOnly { file, side },
            None => Diagnosis::ReadOnly(file),
        },
        Cause::DiskFull => Diagnosis::DiskFull(file),
        Cause::Damaged => damaged(path),
        Cause::CannotOpen => cannot_open(path),
    }
}

/// The caller may not reach the database: a folder on its way does not let this account
/// in. On a server the file is the service account's, reached through the sudo rule.
pub fn denied(path: &Path) -> Diagnosis {
    Diagnosis::Denied(path.to_owned())
}

/// `--db` names a folder (the database's folder, typed without the file's name).
pub fn a_folder(path: &Path) -> Diagnosis {
    Diagnosis::AFolder(path.to_owned())
}

/// The file starts like a phananh database but cannot be read as one.
pub fn damaged(path: &Path) -> Diagnosis {
    Diagnosis::Damaged(path.to_owned())
}

/// Whether opening the database failed because the file is ours but damaged: named so by
/// the opening, or SQLite's "malformed" met on the way (`restore` words its own way out).
pub fn is_damaged(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Diagnosis>(),
            Some(Diagnosis::Damaged(_))
        ) || cause.downcast_ref::<rusqlite::Error>().and_then(cause_of) == Some(Cause::Damaged)
    })
}

/// Why a new database file could not be created.
pub fn creating(path: &Path, e: std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind;
    let cause = match e.kind() {
        ErrorKind::NotFound if !folder_exists(path) => {
            return missing_folder(path, Wanted::NewDatabase).into();
        }
        ErrorKind::NotFound => Cause::CannotOpen,
        ErrorKind::AlreadyExists => return Diagnosis::Taken(path.to_owned()).into(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Cause::ReadOnly,
        kind if no_room(kind) => Cause::DiskFull,
        _ => {
            let step = Doing::new(Step::Create, path);
            return Diagnosis::Failed {
                said: format!("{step}: {e}"),
                step: Some(step),
                why: Why::Os((&e).into()),
            }
            .into();
        }
    };
    failure(cause, path).into()
}

/// What a path in a missing folder was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The database a command opens (`--db`).
    Database,
    /// The database `init` or `demo` creates.
    NewDatabase,
    /// A file a command writes (a backup, any `--out` of a report, score, export or
    /// checkpoint, an identity key, the list of an ingest's bad rows).
    Output,
}

/// The folder `path` would be in does not exist, or a file stands where it should be:
/// which, so that the operator is told the command that makes it (owner only, as the
/// database and its backups are, for the reporters' personal data). No command writing data
/// makes a missing folder itself: a mistyped `--db` must not leave a new tree behind.
pub fn missing_folder(path: &Path, wanted: Wanted) -> Diagnosis {
    let folder = folder_of(path);
    match file_in_the_way(&folder) {
        Some(blocker) => Diagnosis::NotAFolder {
            path: path.to_owned(),
            blocker,
            wanted,
        },
        None => Diagnosis::MissingFolder {
            path: path.to_owned(),
            folder,
            wanted,
        },
    }
}

/// The file standing where the path to `folder` needs a folder (`tep` of `tep/bao-cao.csv`):
/// there `mkdir -p` fails too, so the advice to make the folder would not do.
fn file_in_the_way(folder: &Path) -> Option<PathBuf> {
    let nearest = folder
        .ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.exists())?;
    (!nearest.is_dir()).then(|| nearest.to_path_buf())
}

/// Whether the folder `path` would be in exists.
pub fn folder_exists(path: &Path) -> bool {
    folder_of(path).is_dir()
}

/// Refuses a file to be written into a folder that does not exist, naming the folder and the
/// `mkdir` that makes it ([`missing_folder`]), before anything is written: said of the file
/// the user typed, not of the `.partial` or key file the system would fail on.
pub fn output_folder_exists(path: &Path) -> Result<(), Diagnosis> {
    if folder_exists(path) {
        Ok(())
    } else {
        Err(missing_folder(path, Wanted::Output))
    }
}

fn cannot_open(path: &Path) -> Diagnosis {
    let folder = folder_of(path);
    if path.is_dir() {
        return a_folder(path);
    }
    if !folder.is_dir() {
        return missing_folder(path, Wanted::Database);
    }
    // A file this account may not read is said to be one, whatever its folder: a folder it
    // may not write either (the service account's, to a staff login) sent the operator to
    // copy the file, which cannot be read, somewhere writable.
    if let Err(super::private::ReadError::Io(e)) = super::private::open_regular(path)
        && e.kind() == std::io::ErrorKind::PermissionDenied
    {
        return Diagnosis::CannotOpen(path.to_owned());
    }
    if path.exists()
        && let Some(folder) = read_only_folder(path)
    {
        // SQLite keeps its -wal and -shm files beside the database.
        return Diagnosis::FolderReadOnly {
            path: path.to_owned(),
            folder,
        };
    }
    Diagnosis::CannotOpen(path.to_owned())
}

/// The side file (`-wal`, `-shm`) of the database at `path` that this account may not write
/// while it may write the database itself: SQLite makes them with the database's mode, so a
/// read while the database was read-only leaves one so.
fn read_only_side(path: &Path) -> Option<PathBuf> {
    let writable = |file: &Path| std::fs::OpenOptions::new().write(true).open(file);
    if writable(path).is_err() {
        return None;
    }
    ["-wal", "-shm"].into_iter().find_map(|suffix| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        let denied = matches!(
            writable(&side),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied
        );
        denied.then_some(side)
    })
}

/// The folder `path` is in, when no file can be made there (read-only media, no right to
/// write): SQLite cannot make its -wal and -shm files beside a database in it, nor can an
/// older database in it be upgraded.
pub fn read_only_folder(path: &Path) -> Option<PathBuf> {
    let folder = folder_of(path);
    tempfile::tempfile_in(&folder).is_err().then_some(folder)
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether the file's first bytes are those of a phananh database (SQLite's header with our
/// application id), whatever follows.
pub fn starts_like_ours(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 72];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && i64::from(u32::from_be_bytes([
            header[68], header[69], header[70], header[71],
        ])) == super::APPLICATION_ID
}

/// Whether the file at `path` is, as far as can be told without reading it as a database,
/// phananh's: its first bytes say so, or its identity key lies beside it (`PATH.key`), as
/// only `init` puts one. A phananh database whose header was damaged, or replaced by
/// another file, is then named damaged with the restore that mends it, not "another file".
pub fn looks_ours(path: &Path) -> bool {
    starts_like_ours(path) || {
        let mut key = path.as_os_str().to_owned();
        key.push(".key");
        Path::new(&key).is_file()
    }
}

/// Other processes that have the database (or its -wal or -shm) open, as far as /proc lets
/// this user see: process id and program name. Nothing else is read (their arguments could
/// hold anything).
pub fn holders(path: &Path) -> Vec<(u32, String)> {
    let Ok(target) = std::fs::canonicalize(path) else {
        return Vec::new();
    };
    let mut names = vec![target.clone()];
    for suffix in ["-wal", "-shm"] {
        let mut with = target.clone().into_os_string();
        with.push(suffix);
        names.push(PathBuf::from(with));
    }
    let me = std::process::id();
    let mut found = Vec::new();
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in processes.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        let open = fds
            .flatten()
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .any(|link| names.contains(&link));
        if open {
            let name = std::fs::read_to_string(entry.path().join("comm"))
                .map(|n| crate::domain::text::printable(n.trim()).into_owned())
                .unwrap_or_default();
            found.push((pid, name));
        }
        if found.len() == 5 {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    /// `err`'s message in each language, after checking its exit status.
    fn said(err: impl Into<anyhow::Error>, status: u8) -> (String, String) {
        let err = err.into();
        assert_eq!(crate::exit::status_of(&err), status);
        (
            crate::exit::message_of(&err, crate::i18n::Lang::Vi),
            crate::exit::message_of(&err, crate::i18n::Lang::En),
        )
    }

    fn pair(vi: &str, en: &str) -> (String, String) {
        (vi.to_owned(), en.to_owned())
    }

    /// Each failure of the database file said whole in each language, with its exit status.
    #[test]
    fn each_failure_of_the_database_is_worded_whole_in_both_languages() {
        use crate::exit::{BUSY, FAILURE, INTEGRITY};
        let p = Path::new("/srv/khong-co/pa.db");
        assert_eq!(
            said(failure(Cause::Busy, p), BUSY),
            pair(
                "Cơ sở dữ liệu /srv/khong-co/pa.db đang bận: một lệnh khác giữ khóa ghi quá 10 giây. Không có gì thay đổi; hãy chạy lại sau.",
                "the database /srv/khong-co/pa.db is busy: another command held the write lock for more than 10 s. Nothing was changed; run it again later."
            )
        );
        assert_eq!(
            said(failure(Cause::ReadOnly, p), FAILURE),
            pair(
                "Không ghi được vào /srv/khong-co/pa.db: tệp, thư mục chứa nó hoặc ổ đĩa chỉ cho đọc. Lệnh này cần ghi nên không thay đổi gì; các lệnh chỉ đọc (list, show, report, audit verify…) vẫn dùng được. Hãy chép tệp sang nơi ghi được hoặc nhờ quản trị viên cấp quyền ghi.",
                "cannot write to /srv/khong-co/pa.db: the file, its folder or the medium is read-only. This command writes, so nothing was changed; reading commands (list, show, report, audit verify…) still work. Copy the file somewhere writable or ask an admin for write access."
            )
        );
        assert_eq!(
            said(failure(Cause::DiskFull, p), FAILURE),
            pair(
                "Đĩa chứa /srv/khong-co/pa.db đã đầy (hoặc tệp chạm giới hạn kích thước): bước đang làm dở đã được hủy, mọi thứ ghi xong trước đó vẫn còn nguyên và chuỗi nhật ký không bị ảnh hưởng. Hãy giải phóng chỗ trống rồi chạy lại lệnh.",
                "the disk holding /srv/khong-co/pa.db is full (or the file reached its size limit): the unfinished step was undone; everything written before it is kept and the audit chain is intact. Free some space and run the command again."
            )
        );
        assert_eq!(
            said(failure(Cause::Damaged, p), INTEGRITY),
            pair(
                "/srv/khong-co/pa.db là cơ sở dữ liệu phananh nhưng bị cắt cụt hoặc hư hỏng; đã để nguyên tệp. `restore` không thay được một tệp hỏng: hãy tự tay thay nó bằng một bản sao lưu, theo các bước `phananh restore BẢN_SAO` in ra (hướng dẫn §7).",
                "/srv/khong-co/pa.db is a phananh database but truncated or damaged; it was left untouched. `restore` cannot replace a damaged file: replace it by hand with a backup, by the steps `phananh restore BACKUP` prints (guide §7)."
            )
        );
        let full = init_failed(anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_FULL)), p);
        assert_eq!(
            said(full, FAILURE),
            pair(
                "Đĩa chứa /srv/khong-co/pa.db đã đầy (hoặc tệp chạm giới hạn kích thước): `init` không tạo gì, không có cơ sở dữ liệu cũng không có tệp khóa. Hãy giải phóng chỗ trống rồi chạy lại `phananh init`.",
                "the disk holding /srv/khong-co/pa.db is full (or the file reached its size limit): init made nothing, neither the database nor its key. Free some space and run `phananh init` again"
            )
        );
        assert_eq!(
            said(denied(p), FAILURE),
            pair(
                "Không có quyền truy cập /srv/khong-co/pa.db: một thư mục trên đường dẫn không cho tài khoản này vào. Không có gì thay đổi. Trên máy chủ, cơ sở dữ liệu thuộc tài khoản dịch vụ: hãy chạy phananh qua sudo (lệnh `pa …` của quản trị viên, xem SECURITY.md), hoặc nhờ quản trị viên cấp quyền.",
                "permission denied reaching /srv/khong-co/pa.db: a folder on its path does not let this account in. Nothing was changed. On a server the database belongs to the service account: run phananh through sudo (the admin's `pa …` wrapper, see SECURITY.md), or ask an admin for access."
            )
        );
        assert_eq!(
            said(a_folder(Path::new("/srv/dữ liệu")), FAILURE),
            pair(
                "/srv/dữ liệu là một thư mục, không phải tệp cơ sở dữ liệu; hãy chỉ định tệp trong thư mục, ví dụ `--db '/srv/dữ liệu/phananh.sqlite'`.",
                "/srv/dữ liệu is a folder, not a database file; point --db at the file in it, e.g. `--db '/srv/dữ liệu/phananh.sqlite'`."
            )
        );
    }

    /// A busy database names the processes that have it open, by program (a shell that
    /// holds the file open, said ready once it does, and waits on its input until killed).
    #[test]
    fn a_busy_database_names_who_has_it_open_in_both_languages() {
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("pa.db");
        std::fs::write(&db, b"").unwrap();
        let mut holder = std::process::Command::new("sh")
            .args(["-c", "exec 3<\"$1\"; echo ready; read -r line", "sh"])
            .arg(&db)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        std::io::BufReader::new(holder.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        let (pid, shown) = (holder.id(), db.display());
        let text = said(failure(Cause::Busy, &db), crate::exit::BUSY);
        holder.kill().unwrap();
        holder.wait().unwrap();
        assert_eq!(
            text,
            (
                format!(
                    "Cơ sở dữ liệu {shown} đang bận: một lệnh khác giữ khóa ghi quá 10 giây. Tiến trình đang mở tệp: {pid} (sh). Không có gì thay đổi; hãy chạy lại sau."
                ),
                format!(
                    "the database {shown} is busy: another command held the write lock for more than 10 s. Processes that have it open: {pid} (sh). Nothing was changed; run it again later."
                )
            )
        );
    }

    /// A file that cannot be opened, and a folder missing or a file in the way of one, said
    /// whole in each language for each use of the path.
    #[test]
    fn a_file_or_folder_not_there_is_worded_whole_in_both_languages() {
        use crate::exit::FAILURE;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display();
        let missing = dir.path().join("khong co").join("pa.db");
        let m = missing.display();
        assert_eq!(
            said(failure(Cause::CannotOpen, &missing), FAILURE),
            (
                format!(
                    "Thư mục {d}/khong co không tồn tại, nên không có cơ sở dữ liệu {m}. Nếu đường dẫn đúng, hãy tạo thư mục (`mkdir -p -m 700 '{d}/khong co'`) rồi tạo cơ sở dữ liệu (`phananh init`); nếu không, hãy chỉ định đúng --db."
                ),
                format!(
                    "the folder {d}/khong co does not exist, so there is no database {m}. If the path is right, create the folder (`mkdir -p -m 700 '{d}/khong co'`) and then the database (`phananh init`); otherwise point --db at the right file."
                )
            )
        );
        assert_eq!(
            said(missing_folder(&missing, Wanted::NewDatabase), FAILURE),
            (
                format!(
                    "Thư mục {d}/khong co không tồn tại nên không tạo được {m}; không tạo gì cả. Hãy tạo thư mục trước (`mkdir -p -m 700 '{d}/khong co'`: chỉ chủ sở hữu vào được, vì tệp chứa thông tin cá nhân) rồi chạy lại, hoặc chỉ định --db khác."
                ),
                format!(
                    "the folder {d}/khong co does not exist, so {m} cannot be created; nothing was made. Create the folder first (`mkdir -p -m 700 '{d}/khong co'`: only its owner may enter, as the file holds personal data) and run this again, or point --db elsewhere."
                )
            )
        );
        assert_eq!(
            said(output_folder_exists(&missing).unwrap_err(), FAILURE),
            (
                format!(
                    "Thư mục {d}/khong co không tồn tại nên không ghi được {m}; không ghi gì cả. Hãy tạo thư mục trước (`mkdir -p -m 700 '{d}/khong co'`) rồi chạy lại, hoặc chọn nơi khác."
                ),
                format!(
                    "the folder {d}/khong co does not exist, so {m} cannot be written; nothing was written. Create the folder first (`mkdir -p -m 700 '{d}/khong co'`) and run this again, or choose another place."
                )
            )
        );
        let blocker = dir.path().join("tep");
        std::fs::write(&blocker, b"x").unwrap();
        let through = blocker.join("con").join("pa.db");
        let t = through.display();
        assert_eq!(
            said(missing_folder(&through, Wanted::Database), FAILURE),
            (
                format!(
                    "{d}/tep là một tệp, không phải thư mục, nên không có cơ sở dữ liệu {t}; hãy chỉ định đúng --db."
                ),
                format!(
                    "{d}/tep is a file, not a folder, so there is no database {t}; point --db at the right file."
                )
            )
        );
        assert_eq!(
            said(missing_folder(&through, Wanted::Output), FAILURE),
            (
                format!(
                    "{d}/tep là một tệp, không phải thư mục, nên không ghi được {t}; không ghi gì cả. Hãy chọn nơi khác, hoặc chuyển tệp {d}/tep đi rồi chạy lại."
                ),
                format!(
                    "{d}/tep is a file, not a folder, so {t} cannot be written; nothing was written. Choose another place, or move the file {d}/tep away and run this again."
                )
            )
        );
        assert_eq!(
            said(failure(Cause::CannotOpen, &blocker), FAILURE),
            (
                format!("Không mở được {d}/tep: kiểm tra quyền đọc/ghi của tệp và thư mục."),
                format!("cannot open {d}/tep: check the permissions of the file and its folder.")
            )
        );
        assert_eq!(
            said(failure(Cause::CannotOpen, dir.path()), FAILURE),
            (
                format!(
                    "{d} là một thư mục, không phải tệp cơ sở dữ liệu; hãy chỉ định tệp trong thư mục, ví dụ `--db {d}/phananh.sqlite`."
                ),
                format!(
                    "{d} is a folder, not a database file; point --db at the file in it, e.g. `--db {d}/phananh.sqlite`."
                )
            )
        );
        // A folder nothing can be made in (the kernel's own, here).
        assert_eq!(
            said(
                failure(Cause::CannotOpen, Path::new("/proc/version")),
                FAILURE
            ),
            pair(
                "Không mở được /proc/version: thư mục /proc chỉ cho đọc, mà SQLite cần tạo tệp -wal và -shm bên cạnh. Các lệnh chỉ đọc vẫn dùng được với bản sao lưu; để ghi, hãy chép tệp sang nơi ghi được.",
                "cannot open /proc/version: the folder /proc is read-only and SQLite needs to create its -wal and -shm files beside it. Reading commands work on a backup; to write, copy the file somewhere writable."
            )
        );
    }

    #[test]
    fn each_sqlite_failure_has_its_cause() {
        use rusqlite::ffi;
        for (code, cause) in [
            (ffi::SQLITE_BUSY, Cause::Busy),
            (ffi::SQLITE_LOCKED, Cause::Busy),
            (ffi::SQLITE_READONLY, Cause::ReadOnly),
            (ffi::SQLITE_FULL, Cause::DiskFull),
            (ffi::SQLITE_IOERR_WRITE, Cause::DiskFull),
            (ffi::SQLITE_IOERR_SHMSIZE, Cause::DiskFull),
            (ffi::SQLITE_CORRUPT, Cause::Damaged),
            (ffi::SQLITE_NOTADB, Cause::Damaged),
            (ffi::SQLITE_CANTOPEN, Cause::CannotOpen),
        ] {
            assert_eq!(cause_of(&sqlite(code)), Some(cause), "code {code}");
        }
        assert_eq!(cause_of(&sqlite(ffi::SQLITE_CONSTRAINT)), None);
        assert_eq!(cause_of(&sqlite(ffi::SQLITE_IOERR_READ)), None);
    }

    #[test]
    fn a_full_disk_is_its_own_message_and_a_busy_database_its_own_status() {
        let path = Path::new("/srv/phananh/phananh.sqlite");
        let full = explain(anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_FULL)), path);
        let text = crate::exit::message_of(&full, crate::i18n::Lang::Vi);
        assert!(
            text.contains("đã đầy") && text.contains("vẫn còn nguyên"),
            "{text}"
        );
        assert_eq!(crate::exit::status_of(&full), crate::exit::FAILURE);
        let busy = explain(anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_BUSY)), path);
        assert_eq!(crate::exit::status_of(&busy), crate::exit::BUSY);
        let damaged = explain(
            anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_CORRUPT)),
            path,
        );
        assert_eq!(crate::exit::status_of(&damaged), crate::exit::INTEGRITY);
        // The tool's own message is kept: it already says what happened.
        let own = anyhow::Error::new(Localized::new("riêng", "own"))
            .context(sqlite(rusqlite::ffi::SQLITE_BUSY).to_string());
        assert_eq!(
            crate::exit::status_of(&explain(own, path)),
            crate::exit::FAILURE
        );
    }

    /// A quota exhausted (EDQUOT) while `init` makes the database is the full disk it is to
    /// the operator, as it already was for an output: `init` says it made nothing and to
    /// free some space, rather than quote the system's English.
    #[test]
    fn a_quota_reached_while_making_the_database_is_a_full_disk() {
        let path = Path::new("/srv/phananh/phananh.sqlite");
        let quota = || std::io::Error::from(std::io::ErrorKind::QuotaExceeded);
        let failed = init_failed(anyhow::Error::new(quota()).context("building"), path);
        assert_eq!(
            failed.downcast_ref::<Diagnosis>(),
            Some(&Diagnosis::InitDiskFull(path.to_owned()))
        );
        let vi = crate::exit::message_of(&failed, crate::i18n::Lang::Vi);
        assert!(vi.contains("đã đầy") && vi.contains("không tạo gì"), "{vi}");
        assert_eq!(
            creating(path, quota()).downcast_ref::<Diagnosis>(),
            Some(&Diagnosis::DiskFull(path.to_owned()))
        );
    }

    /// A lock the file system refuses (ENOLCK, on a network share without its lock service)
    /// cannot be brought about from outside: the lock of `storage::lock` and the turn of
    /// `storage::queue` failing so are said whole here, in each language, with the step and
    /// the file, and the system's English left to the English message.
    #[test]
    fn a_lock_the_file_system_refuses_is_said_with_its_step_in_both_languages() {
        let p = std::env::temp_dir().join("pa.db");
        let shown = p.display();
        let refused = || std::io::Error::from_raw_os_error(nix::libc::ENOLCK);
        let next = (
            "Hãy để cơ sở dữ liệu trên ổ đĩa của máy chạy phananh, không phải ổ mạng, rồi chạy lại.",
            "Keep the database on a disk of the machine that runs phananh, not on a network share, then run again.",
        );
        for (step, vi, en) in [
            (
                Step::LockToRead,
                format!("Không khóa được {shown} để đọc"),
                format!("locking {shown} for reading"),
            ),
            (
                Step::Lock,
                format!("Không khóa được {shown}"),
                format!("locking {shown}"),
            ),
            (
                Step::Queue,
                format!("Không vào được hàng chờ ghi của {shown}"),
                format!("queueing to write {shown}"),
            ),
        ] {
            let err = anyhow::Error::new(refused()).context(Doing::new(step, &p));
            assert_eq!(
                said(explain(err, &p), crate::exit::FAILURE),
                (
                    format!(
                        "{vi}: hệ thống tệp chứa nó không cho khóa tệp (thường là ổ mạng NFS hoặc SMB không chạy dịch vụ khóa). {}",
                        next.0
                    ),
                    format!("{en}: No locks available (os error 37). {}", next.1)
                )
            );
        }
        // SQLite's own lock refused so is the same cause.
        let err = anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_IOERR_LOCK))
            .context(Doing::new(Step::Read, &p));
        let (vi, _) = said(explain(err, &p), crate::exit::FAILURE);
        assert_eq!(
            vi,
            format!(
                "Không đọc được {shown}: hệ thống tệp chứa nó không cho khóa tệp (thường là ổ mạng NFS hoặc SMB không chạy dịch vụ khóa). {}",
                next.0
            )
        );
    }

    /// A cause nothing names (a system's error phananh does not know, a SQLite failure
    /// outside those `cause_of` reads) is said as unknown in Vietnamese, quoting the
    /// system's or SQLite's own text in parentheses for a technician, with what to do; the
    /// English message keeps the failure's chain as it was.
    #[test]
    fn a_failure_nothing_names_is_said_as_unknown_quoting_its_own_text() {
        let p = std::env::temp_dir().join("pa.db");
        let shown = p.display();
        let next = (
            "Hãy chạy lại; nếu lỗi còn, báo quản trị viên kèm nguyên văn thông báo này.",
            "Run again; if it persists, tell an admin, quoting this message.",
        );
        let odd = anyhow::Error::new(std::io::Error::from_raw_os_error(nix::libc::EBADF))
            .context(Doing::new(Step::Lock, &p));
        assert_eq!(
            said(explain(odd, &p), crate::exit::FAILURE),
            (
                format!(
                    "Không khóa được {shown}: hệ thống báo một lỗi phananh không nhận ra (Bad file descriptor (os error 9)). {}",
                    next.0
                ),
                format!(
                    "locking {shown}: Bad file descriptor (os error 9). {}",
                    next.1
                )
            )
        );
        // As SQLite reports one: its code and its own message.
        let unknown = anyhow::Error::new(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_READ),
            Some("disk I/O error".to_owned()),
        ))
        .context("listing reports");
        let (vi, en) = said(explain(unknown, &p), crate::exit::FAILURE);
        assert_eq!(
            vi,
            format!(
                "Lệnh không làm tiếp được với cơ sở dữ liệu: SQLite báo một lỗi phananh không nhận ra (disk I/O error, mã 266). {}",
                next.0
            )
        );
        assert_eq!(
            en,
            format!(
                "listing reports: disk I/O error: Error code 266: disk I/O error. {}",
                next.1
            )
        );
    }

    /// A writer that fails as a full disk makes it fail, for `file` when it names one.
    struct Full(Option<&'static str>);

    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
            Err(match self.0 {
                Some(file) => WriteFailed::wrap(Path::new(file), e),
                None => e,
            })
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.write(b"").map(drop)
        }
    }

    /// The ways a command meets a full disk while writing what it prints: the system's
    /// error bare, or inside a CSV or JSON writer's. Said of the file written when known,
    /// never of the database, and in the user's language rather than the system's English.
    fn full_by_every_writer(file: Option<&'static str>) -> Vec<anyhow::Error> {
        let mut csv = csv::Writer::from_writer(Full(file));
        let csv = csv
            .write_record(["a"])
            .and_then(|()| csv.flush().map_err(csv::Error::from))
            .unwrap_err();
        let json = serde_json::to_writer(Full(file), &[1]).unwrap_err();
        let bare = std::io::Write::write_all(&mut Full(file), b"x").unwrap_err();
        vec![
            anyhow::Error::new(bare),
            anyhow::Error::new(csv),
            anyhow::Error::new(json).context("writing the report"),
        ]
    }

    #[test]
    fn a_full_disk_under_an_output_is_said_of_the_output_however_it_was_written() {
        let db = Path::new("/srv/phananh/phananh.sqlite");
        for err in full_by_every_writer(Some("/mnt/usb/bao-cao.csv")) {
            let told = explain(err, db);
            assert_eq!(crate::exit::status_of(&told), crate::exit::FAILURE);
            let (vi, en) = (
                crate::exit::message_of(&told, crate::i18n::Lang::Vi),
                crate::exit::message_of(&told, crate::i18n::Lang::En),
            );
            assert!(
                vi.starts_with("Đĩa chứa /mnt/usb/bao-cao.csv đã đầy")
                    && vi.contains("không để lại tệp ghi dở")
                    && en.starts_with("the disk holding /mnt/usb/bao-cao.csv is full"),
                "{vi}\n{en}"
            );
        }
        for err in full_by_every_writer(None) {
            let vi = crate::exit::message_of(&explain(err, db), crate::i18n::Lang::Vi);
            assert!(
                vi.starts_with("Đĩa nhận kết quả của lệnh đã đầy")
                    && !vi.contains("phananh.sqlite"),
                "{vi}"
            );
        }
        // Any other failure of a write is left as it was found (beside a database whose
        // folder exists: a missing one is a diagnosis of its own).
        let denied = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let here = std::env::temp_dir().join("phananh.sqlite");
        assert!(explain(denied, &here).downcast_ref::<Diagnosis>().is_none());
    }
}
