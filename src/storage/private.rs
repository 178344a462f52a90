//! Files that hold reporters' personal data (the database and its side files, backups,
//! exports, documents written with `--out`, their temporary `.partial` files): the one
//! place that creates them — new (`O_CREAT|O_EXCL`: never over an existing file, never
//! through a symbolic link planted at the name, which `O_EXCL` refuses like any other
//! existing entry), mode 0600 whatever the umask — and that tightens an existing database
//! whose mode lets other accounts read it; and what a file named as input may not be (one
//! of these files, a key, or, through sudo, a file the person could not read themselves:
//! `open_input`). Law 91/2025/QH15 asks for protection measures; Đ6.5 keeps the
//! reporter's identity secret.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Permission bits a private file may have: read and write by its owner.
pub const MODE: u32 = 0o600;

/// Creates `path` new, for writing, mode exactly 0600. Fails if anything already has that
/// name: a file, a folder, or a symbolic link, dangling or not (nothing is ever written
/// through one).
pub fn create(path: &Path) -> io::Result<File> {
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(MODE)
        .open(path)?;
    // The umask can only have narrowed the mode; make it exactly 0600.
    file.set_permissions(fs::Permissions::from_mode(MODE))?;
    Ok(file)
}

/// `create`, with the error given as what an operator is told: what exists at the name
/// ([`Refused::Standing`]), the folder missing (`diagnose::missing_folder`), or the
/// system's error ([`Refused::NotMade`]).
pub fn create_or_say(path: &Path) -> anyhow::Result<File> {
    create_saying(path, path)
}

/// `create_or_say` of `path`, a file made for `target` (its temporary name): what stands at
/// `path` is said of `path`, since that is what is in the way; a file that cannot be made is
/// said of `target`, the name the user typed, not of a `.partial` nobody typed.
fn create_saying(path: &Path, target: &Path) -> anyhow::Result<File> {
    create(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            let standing = Standing::at(path).unwrap_or(Standing::File);
            Refused::Standing {
                path: path.to_owned(),
                standing,
            }
            .into()
        } else if e.kind() == io::ErrorKind::NotFound && !super::diagnose::folder_exists(path) {
            super::diagnose::missing_folder(target, super::diagnose::Wanted::Output).into()
        } else {
            // Through sudo the writer is the service account, not the person who typed the
            // command: a folder they may write (their home) is not one it may.
            let runs_as = (e.kind() == io::ErrorKind::PermissionDenied).then(|| {
                let uid = nix::unistd::geteuid();
                match nix::unistd::User::from_uid(uid) {
                    Ok(Some(user)) => user.name,
                    _ => format!("uid:{uid}"),
                }
            });
            Refused::NotMade {
                path: target.to_owned(),
                error: e,
                runs_as,
            }
            .into()
        }
    })
}

/// Why a private file, or a file named with `--out`, was not written: the paths and what
/// was found, which `src/output/storage.rs` words (its `Bilingual` impl) and `crate::exit`
/// prints in the language asked for, exit 1.
#[derive(Debug)]
pub enum Refused {
    /// Something already stands at the name of a file to make (`create_or_say`).
    Standing { path: PathBuf, standing: Standing },
    /// The file could not be made (`error`, the system's); when it was permission denied,
    /// the operating-system account phananh wrote as (`runs_as`).
    NotMade {
        path: PathBuf,
        error: io::Error,
        runs_as: Option<String>,
    },
    /// A database file every account may read (mode `was`) that phananh could not narrow
    /// (`tighten_database`; `error`, the system's).
    NotNarrowed {
        file: PathBuf,
        was: u32,
        error: io::Error,
    },
    /// `--out` names a symbolic link (`may_write`).
    OutIsLink(PathBuf),
    /// `--out` names a folder.
    OutIsFolder(PathBuf),
    /// `--out` names the database, one of its side files or its key file.
    OutIsKept(PathBuf),
    /// `--out` names an existing SQLite database or key file.
    OutHoldsData(PathBuf),
    /// `--out` names an existing file, and phananh runs for another person.
    OutExistsForAnother(PathBuf),
    /// `--out` names an existing file, without `--force`.
    OutExists(PathBuf),
    /// A file named as input is the database, one of its side files or its key files
    /// (`open_input`).
    InIsKept(PathBuf),
    /// A file named as input is a database or a secret key, wherever it is.
    InHoldsSecret(PathBuf),
    /// phananh runs through sudo for `login`, who could not read the file named as input
    /// themselves; `dash` is the option when it takes `-` for standard input.
    InNotTheirs {
        path: PathBuf,
        login: String,
        dash: Option<&'static str>,
    },
    /// phananh runs through sudo for `login`, and the service account could not open the
    /// file: the person's own file in a folder only they enter (a home folder is 0700 on
    /// Debian and Ubuntu); `dash` as in `InNotTheirs`.
    InUnreachable {
        path: PathBuf,
        login: String,
        dash: Option<&'static str>,
    },
}

impl std::error::Error for Refused {}

/// What stands at a name that is not a regular file, said to the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Folder,
    Link,
    Pipe,
    Socket,
    Device,
    File,
}

impl Standing {
    /// What `file_type` is, as said of what stands at a name.
    pub fn of(file_type: fs::FileType) -> Standing {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_dir() {
            Standing::Folder
        } else if file_type.is_symlink() {
            Standing::Link
        } else if file_type.is_fifo() {
            Standing::Pipe
        } else if file_type.is_socket() {
            Standing::Socket
        } else if file_type.is_block_device() || file_type.is_char_device() {
            Standing::Device
        } else {
            Standing::File
        }
    }

    /// What `path` is, not following a link; None when nothing is there.
    pub fn at(path: &Path) -> Option<Standing> {
        fs::symlink_metadata(path)
            .ok()
            .map(|m| Standing::of(m.file_type()))
    }
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file: refused before anything was read from it.
    NotRegular(Standing),
    /// Larger than the limit.
    TooLarge(u64),
    Io(io::Error),
}

/// Reads a small file that must be a regular one (a key, a checkpoint), whole, at most
/// `limit` bytes, with the metadata of the file read. Opened without blocking and judged on
/// the opened file, so that nothing put at the name in between is read: a FIFO planted at a
/// key path made the command wait for a writer for ever, and a device (`/dev/zero`) filled
/// the memory (`keys::a_fifo_or_a_folder_at_the_key_path_is_refused_at_once_and_named`).
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, fs::Metadata), ReadError> {
    let (file, meta) = open_regular(path)?;
    Ok((read_at_most(file, limit)?, meta))
}

/// Reads `input` whole, at most `limit` bytes, refusing it (`TooLarge`) before holding more:
/// the one bounded read of a file small by nature, however it was opened (`read_regular`
/// for a key or a checkpoint, `app::bounded::read_small` for a table the operator names).
pub fn read_at_most(input: impl io::Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    input
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// Opens `path` for reading when it is a regular file, with the metadata of the file
/// opened. Without blocking, and judged on the opened file rather than on the name, so that
/// a FIFO or a device is refused before anything waits on it: a FIFO planted in place of
/// the database made every command hang, holding cron's sweep
/// (`setup::a_fifo_in_place_of_the_database_or_its_log_is_refused_at_once`).
pub fn open_regular(path: &Path) -> Result<(File, fs::Metadata), ReadError> {
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
        .open(path)
        .map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular(Standing::of(meta.file_type())));
    }
    Ok((file, meta))
}

/// `path` with `suffix` added to its name ("F" → "F.partial").
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// A file being written under a temporary name, removed when dropped unless kept (a failed
/// or interrupted write leaves no `.partial` behind to block the next one).
#[derive(Debug)]
pub struct Partial {
    path: PathBuf,
    kept: bool,
}

impl Partial {
    /// Creates `target` with `suffix` added to its name ("F.partial") as `create` does, and
    /// returns it with its guard; a file that cannot be made is said of `target`.
    pub fn beside(target: &Path, suffix: &str) -> anyhow::Result<(File, Partial)> {
        let path = with_suffix(target, suffix);
        let file = create_saying(&path, target)?;
        Ok((file, Partial { path, kept: false }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file was renamed into place or is to stay: do not remove it.
    pub fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.kept {
            // SQLite's side files, when the partial file was a database.
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = fs::remove_file(with_suffix(&self.path, suffix));
            }
        }
    }
}

/// A database file (or one of its side files) whose mode was narrowed to 0600.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tightened {
    pub path: PathBuf,
    /// Its permission bits before and after.
    pub was: u32,
    pub now: u32,
}

/// How far `tighten_database` narrows a database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Narrow {
    /// To exactly 0600: a file `init` takes over has granted nobody anything yet.
    OwnerOnly,
    /// Only the permissions of every other account on the machine are taken away. \[choice\]
    /// A group is an administrator's explicit grant (a `phananh-staff` group sharing the
    /// file, mode 0660, where there is no service account); "other" is every account,
    /// daemons and web servers included, and is never right for reporters' identities.
    NoOthers,
}

/// Narrows the database at `path` and its side files (`-wal`, `-shm`, `-journal`, which
/// SQLite creates with the database's mode) as `narrow` says. \[choice\] Tighten rather than
/// refuse: whoever can change the mode is the one running phananh on their own file, and
/// a refusal would only make them run `chmod` by hand. A file phananh may not change
/// (another account's, read-only media) is refused, saying why.
pub fn tighten_database(path: &Path, narrow: Narrow) -> anyhow::Result<Vec<Tightened>> {
    let mut done = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = with_suffix(path, suffix);
        // The file itself, not a link's target: a database reached through a symlink is
        // judged by the file it is.
        let Ok(meta) = fs::metadata(&file) else {
            continue;
        };
        let was = meta.mode() & 0o7777;
        let wanted = match narrow {
            Narrow::OwnerOnly => MODE,
            Narrow::NoOthers => was & 0o770,
        };
        if was & !wanted & 0o777 == 0 {
            continue;
        }
        fs::set_permissions(&file, fs::Permissions::from_mode(wanted)).map_err(|error| {
            Refused::NotNarrowed {
                file: file.clone(),
                was,
                error,
            }
        })?;
        done.push(Tightened {
            path: file,
            was,
            now: wanted,
        });
    }
    Ok(done)
}

/// Beside a database, the files SQLite and phananh keep under its name: its journals, its
/// shared memory, and the writers' queue (`storage::queue`).
pub const DATABASE_FILES: [&str; 6] = ["", "-wal", "-shm", "-journal", "-queue", "-writer"];
/// Beside a key file, the two `key rotate` writes while it replaces the key.
pub const KEY_FILES: [&str; 3] = ["", ".new", ".old"];

/// What a file named on the command line (`--out`) is refused over: the files it must
/// never replace, and whether an existing document may be replaced (`--force`).
#[derive(Debug, Clone, Default)]
pub struct Overwrite {
    /// The database, its side files and its key files (`DATABASE_FILES`, `KEY_FILES`).
    pub kept: Vec<PathBuf>,
    /// The caller asked that an existing document be replaced.
    pub force: bool,
    /// phananh runs for another person than the account it runs as (`app::login`): no
    /// existing file is replaced, `--force` or not.
    pub for_another: bool,
}

/// Refuses `out` when writing it would replace something it must not. In the service
/// account's deployment every file is written as the account that owns the database, so
/// a mistyped or malicious `--out` could otherwise destroy the database, its key or a
/// backup (SECURITY.md, "Private files"):
/// - one of `kept`, compared by device and inode when it exists (a hard link or another
///   spelling of the path is the same file), by folder and name when it does not (a
///   `-journal` written there would be read back by SQLite);
/// - an existing SQLite database, phananh key file or minisign key, wherever it is (a
///   backup, a copy, the checkpoints' key), even with `force`;
/// - any other existing file, unless `force`.
pub fn may_write(out: &Path, rule: &Overwrite) -> anyhow::Result<()> {
    let existing = fs::symlink_metadata(out).ok();
    let refused = |refusal: fn(PathBuf) -> Refused| -> anyhow::Result<()> {
        Err(refusal(out.to_owned()).into())
    };
    if existing
        .as_ref()
        .is_some_and(|m| m.file_type().is_symlink())
    {
        return refused(Refused::OutIsLink);
    }
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return refused(Refused::OutIsFolder);
    }
    if names_kept(out, &rule.kept) {
        return refused(Refused::OutIsKept);
    }
    let Some(meta) = existing else {
        return Ok(());
    };
    if meta.is_file() && holds_data(out) {
        return refused(Refused::OutHoldsData);
    }
    if rule.force && rule.for_another {
        return refused(Refused::OutExistsForAnother);
    }
    if !rule.force {
        return refused(Refused::OutExists);
    }
    Ok(())
}

/// Whether `out` is one of `kept`: by device and inode when both exist (a hard link or
/// another spelling of the path is the same file), by folder and name when `out` does not
/// (a `-journal` written there would be read back by SQLite, and a folder made at a `-wal`
/// stopped every command until root removed it).
pub fn names_kept(out: &Path, kept: &[PathBuf]) -> bool {
    let existing = fs::symlink_metadata(out).ok();
    let same_file = |kept: &Path| match (&existing, fs::symlink_metadata(kept)) {
        (Some(o), Ok(k)) => o.dev() == k.dev() && o.ino() == k.ino(),
        (None, _) => same_folder(out, kept) && out.file_name() == kept.file_name(),
        (Some(_), Err(_)) => false,
    };
    kept.iter().any(|k| same_file(k))
}

/// What a file named as input (`--notes`, `--reason-file`, `--text-file`, the file of an
/// import, `ingest`, `calendar import`, `demo`) may not be. In the service account's
/// deployment every file is opened as the account that owns the database and its keys, on
/// a path the person running `pa` chooses, and what is read is shown back to them, sealed
/// into the log or published: a handler's `reply --text-file` naming the key file put the
/// key on the public feed (SECURITY.md, "Private files").
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The database, its side files and its key files (as [`Overwrite::kept`]).
    pub kept: Vec<PathBuf>,
    /// phananh runs through sudo for this person (`app::login`): only a file they could
    /// read themselves is read.
    pub for_person: Option<Person>,
    /// The option naming the file, when it takes `-` for standard input (said in a refusal).
    pub dash: Option<&'static str>,
}

/// The person phananh runs for through sudo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub login: String,
    /// Their user id; None when the system knows none (then only what every account may
    /// read is theirs to read).
    pub uid: Option<u32>,
    /// The groups the system puts their login in (a shared inbox folder's).
    pub groups: Vec<u32>,
}

impl Person {
    /// Whether the person may read the file `meta` describes. \[choice\] Theirs with the
    /// owner's read bit, or one every account may read: a group's bit is not counted for the
    /// file itself (SECURITY.md, "Private files"), so that a file shared with a group the
    /// service account is in is never read for a member who does not own it.
    fn may_read(&self, meta: &fs::Metadata) -> bool {
        (Some(meta.uid()) == self.uid && meta.mode() & 0o400 != 0) || meta.mode() & 0o004 != 0
    }

    /// Whether the person may pass through the folder `meta` describes, as the system
    /// judges it: by its owner's bit, else its group's for a member, else every account's.
    fn may_enter(&self, meta: &fs::Metadata) -> bool {
        let mode = meta.mode();
        if Some(meta.uid()) == self.uid {
            mode & 0o100 != 0
        } else if self.groups.contains(&meta.gid()) {
            mode & 0o010 != 0
        } else {
            mode & 0o001 != 0
        }
    }
}

/// Opens `path` to read it as input, when `rule` lets it be read. The outer error is the
/// refusal, said in full (exit 1); the inner one the system's, left for the caller to word
/// as it words a file it cannot open. Judged by the name before anything is opened (a FIFO
/// of another account is never waited on), then again on the file opened, which is what is
/// read: a name switched in between to the key is refused too.
/// - one of `rule.kept`, compared by device and inode (a hard link or another spelling of
///   the path is the same file);
/// - a file whose first bytes are a database or a secret key (`domain::file_kind::secret`),
///   wherever it is: a backup, a copy of the key, the checkpoints' signing key;
/// - for a person running through sudo, a file they could not read themselves: one of
///   theirs that its owner may read, or one every account may, in folders they may enter.
pub fn open_input(path: &Path, rule: &Input) -> Result<io::Result<File>, Refused> {
    judge_named(path, rule)?;
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return unopened(path, e, rule),
    };
    let meta = match file.metadata() {
        Ok(meta) => meta,
        Err(e) => return Ok(Err(e)),
    };
    judge_input(path, &meta, Some(&file), rule)?;
    if meta.is_file() {
        use std::os::unix::fs::FileExt;
        let mut head = vec![0; crate::domain::file_kind::SECRET_SNIFF];
        let mut got = 0;
        // Read at an offset, so that the reader that follows starts at the first byte.
        while got < head.len() {
            match file.read_at(&mut head[got..], got as u64) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Ok(Err(e)),
            }
        }
        if crate::domain::file_kind::secret(&head[..got]).is_some() {
            return Err(Refused::InHoldsSecret(path.to_owned()));
        }
    }
    Ok(Ok(file))
}

/// Why a file named as input did not open. Through sudo, "permission denied" is the
/// service account's, not the person's: the officer who saved a reply in their home folder
/// can read it, and is told how to hand it over instead of being told they may not read it.
fn unopened(path: &Path, e: io::Error, rule: &Input) -> Result<io::Result<File>, Refused> {
    match (&rule.for_person, e.kind()) {
        (Some(person), io::ErrorKind::PermissionDenied) => Err(Refused::InUnreachable {
            path: path.to_owned(),
            login: person.login.clone(),
            dash: rule.dash,
        }),
        _ => Ok(Err(e)),
    }
}

/// The checks [`open_input`] makes by the name alone, for a pipe that must not be opened
/// before it is read (`ingest` opens it as input when it loads); nothing at the name is
/// left to the opening to say.
pub fn judge_named(path: &Path, rule: &Input) -> Result<(), Refused> {
    match fs::metadata(path) {
        Ok(named) => judge_input(path, &named, None, rule),
        Err(_) => Ok(()),
    }
}

/// The checks of [`open_input`] on `meta`, the file at `path` (`opened`, once it is open:
/// the folders it lies in are then those of the file itself, not of the name).
fn judge_input(
    path: &Path,
    meta: &fs::Metadata,
    opened: Option<&File>,
    rule: &Input,
) -> Result<(), Refused> {
    let is_kept = |kept: &PathBuf| {
        fs::metadata(kept).is_ok_and(|k| (k.dev(), k.ino()) == (meta.dev(), meta.ino()))
    };
    if rule.kept.iter().any(is_kept) {
        return Err(Refused::InIsKept(path.to_owned()));
    }
    let Some(person) = &rule.for_person else {
        return Ok(());
    };
    let not_theirs = || Refused::InNotTheirs {
        path: path.to_owned(),
        login: person.login.clone(),
        dash: rule.dash,
    };
    if !person.may_read(meta) {
        return Err(not_theirs());
    }
    let Some(file) = opened else {
        return Ok(());
    };
    // Where the file opened lies (a pipe, standard input, has no folder).
    use std::os::fd::AsRawFd;
    let Ok(real) = fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) else {
        return Ok(());
    };
    if !real.is_absolute() {
        return Ok(());
    }
    for folder in real.ancestors().skip(1) {
        match fs::metadata(folder) {
            Ok(m) if person.may_enter(&m) => {}
            _ => return Err(not_theirs()),
        }
    }
    Ok(())
}

/// Whether `a` and `b` name entries of the same folder (compared by device and inode).
fn same_folder(a: &Path, b: &Path) -> bool {
    let folder = |p: &Path| {
        let parent = match p.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        fs::metadata(parent).ok().map(|m| (m.dev(), m.ino()))
    };
    folder(a).is_some_and(|f| Some(f) == folder(b))
}

/// Whether the file at `path` is a SQLite database, a phananh key file or a minisign file
/// (the checkpoints' keys and signatures), by its first bytes.
fn holds_data(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    let Ok(file) = File::open(path) else {
        return false;
    };
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    // A key file is one the key reader takes for one: the tag alone could be anywhere in a
    // document (a citizen may type it into a report, and a full export then holds it).
    let key_file = std::str::from_utf8(&head)
        .ok()
        .and_then(crate::domain::vault::MasterKey::from_file_text)
        .is_some();
    head.starts_with(b"SQLite format 3\0") || key_file || head.starts_with(b"untrusted comment:")
}

/// The copies `restore` keeps beside the database `db` (`DB.replaced-DATE-TIME`, the
/// suffix `app::backup` gives them), each with the `DATE-TIME` its name carries, sorted:
/// they hold every identity the replaced file held, opened by the key in use, so an
/// erasure must name them (SECURITY.md, "Identity at rest"). Only regular files are
/// counted, not SQLite's side files nor a `.partial` a restore left.
pub fn replaced_beside(db: &Path) -> Vec<(PathBuf, String)> {
    let (Some(folder), Some(name)) = (db.parent(), db.file_name()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!("{}.replaced-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, String)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let stamp = file_name.strip_prefix(&prefix)?.to_owned();
            let is_file = fs::symlink_metadata(entry.path()).ok()?.is_file();
            let stamped = stamp.len() == 15
                && stamp
                    .char_indices()
                    .all(|(i, c)| if i == 8 { c == '-' } else { c.is_ascii_digit() });
            (is_file && stamped).then(|| (db.with_file_name(&file_name), stamp))
        })
        .collect();
    found.sort();
    found
}

/// The permission bits of the regular file at `path` when its group or every other
/// account may read it: an input of reporters' names and phones (the app's export) left
/// so is a copy of identities others can read, said as a key so left is refused.
pub fn readable_by_others(path: &Path) -> Option<u32> {
    let meta = fs::metadata(path).ok()?;
    let mode = meta.permissions().mode() & 0o777;
    (meta.is_file() && mode & 0o044 != 0).then_some(mode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn mode(path: &Path) -> u32 {
        fs::symlink_metadata(path).unwrap().mode() & 0o7777
    }

    /// Only the copies a restore keeps are named: not their SQLite side files, a
    /// `.partial` an interrupted restore left, another database's copy, a folder, nor a
    /// name whose date is not one; and a file with its group's read bit is said, one of its
    /// owner's only is not.
    #[test]
    fn the_copies_a_restore_kept_are_found_by_their_name_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.sqlite");
        for name in [
            "d.sqlite.replaced-20261206-101500",
            "d.sqlite.replaced-20261206-101500-wal",
            "d.sqlite.replaced-20261207-090000.partial",
            "d.sqlite.replaced-2026",
            "other.sqlite.replaced-20261206-101500",
            "d.sqlite.key.replaced",
            "d.sqlite.replaced-20251231-235959",
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        fs::create_dir(dir.path().join("d.sqlite.replaced-20261208-000000")).unwrap();
        let found: Vec<String> = replaced_beside(&db)
            .into_iter()
            .map(|(path, stamp)| {
                assert_eq!(path.parent(), Some(dir.path()));
                stamp
            })
            .collect();
        assert_eq!(found, ["20251231-235959", "20261206-101500"]);

        let input = dir.path().join("in.csv");
        fs::write(&input, b"x").unwrap();
        fs::set_permissions(&input, fs::Permissions::from_mode(0o640)).unwrap();
        assert_eq!(readable_by_others(&input), Some(0o640));
        fs::set_permissions(&input, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(readable_by_others(&input), None);
    }

    /// Up to the limit a file is read whole; one byte more is refused, and the limit said
    /// in the unit it was set in.
    #[test]
    fn a_bounded_read_takes_up_to_its_limit_and_says_it_in_whole_units() {
        assert_eq!(read_at_most(&b"abcd"[..], 4).unwrap(), b"abcd");
        assert!(matches!(
            read_at_most(&b"abcde"[..], 4),
            Err(ReadError::TooLarge(4))
        ));
        // Never more than the limit and a byte is held, however long the input.
        assert!(matches!(
            read_at_most(io::repeat(b'a'), 8 << 20),
            Err(ReadError::TooLarge(_))
        ));
        use crate::i18n::Bilingual;
        assert_eq!(
            ReadError::TooLarge(8 << 20).to_string(),
            "larger than 8 MiB"
        );
        assert_eq!(ReadError::TooLarge(8 << 20).vi(), "lớn hơn 8 MiB");
        assert_eq!(ReadError::TooLarge(64 << 10).en(), "larger than 64 KiB");
        assert_eq!(ReadError::TooLarge(64 << 10).vi(), "lớn hơn 64 KiB");
        assert_eq!(ReadError::TooLarge(1536 << 10).en(), "larger than 1536 KiB");
    }

    #[test]
    fn a_private_file_is_new_and_0600_whatever_exists_at_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        create(&path).unwrap().write_all(b"x").unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(
            create(&path).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        let target = dir.path().join("target");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(create(&link).is_err());
        assert!(!target.exists(), "nothing was created through the link");
        let said = create_or_say(&link).unwrap_err().to_string();
        assert!(said.contains("symbolic link"), "{said}");
        // What stands there is said, and moved, not removed (at the user's end,
        // `keys::a_folder_where_a_key_is_made_is_named_and_moved_away_not_removed`).
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).unwrap();
        let said = create_or_say(&folder).unwrap_err().to_string();
        assert!(said.contains("already exists (a folder)"), "{said}");
        assert!(said.contains("move it away (`mv "), "{said}");
        assert!(!said.contains("remove it"), "{said}");
    }

    /// What a file that cannot be made says, whole in each language: something standing at
    /// its name (a symbolic link, a folder), and a path through a file.
    #[test]
    fn a_file_that_cannot_be_made_is_refused_whole_in_both_languages() {
        use crate::i18n::Lang;
        let said = |path: &Path| {
            let err = create_or_say(path).unwrap_err();
            assert_eq!(crate::exit::status_of(&err), crate::exit::FAILURE);
            (
                crate::exit::message_of(&err, Lang::Vi),
                crate::exit::message_of(&err, Lang::En),
            )
        };
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("target"), &link).unwrap();
        let (l, m) = (link.display(), dir.path().join("link.moved"));
        let m = m.display();
        assert_eq!(
            said(&link),
            (
                format!(
                    "{l} là một liên kết tượng trưng (symlink); phananh không ghi qua liên kết: hãy xem đó là gì (`ls -l {l}`), chuyển nó đi chỗ khác (`mv {l} {m}`) hoặc chọn tên khác, rồi chạy lại."
                ),
                format!(
                    "{l} is a symbolic link; phananh never writes through one: see what it is (`ls -l {l}`), move it away (`mv {l} {m}`) or choose another name, then run again"
                )
            )
        );
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).unwrap();
        let (f, m) = (folder.display(), dir.path().join("folder.moved"));
        let m = m.display();
        assert_eq!(
            said(&folder),
            (
                format!(
                    "{f} đã tồn tại (một thư mục); phananh không ghi đè: hãy xem đó là gì (`ls -la {f}`), chuyển nó đi chỗ khác (`mv {f} {m}`) hoặc chọn tên khác, rồi chạy lại."
                ),
                format!(
                    "{f} already exists (a folder); phananh never writes over it: see what it is (`ls -la {f}`), move it away (`mv {f} {m}`) or choose another name, then run again"
                )
            )
        );
        let file = dir.path().join("tep");
        fs::write(&file, b"x").unwrap();
        let through = file.join("x.csv");
        let t = through.display();
        assert_eq!(
            said(&through),
            (
                format!(
                    "Không tạo được {t}: một phần của đường dẫn là tệp, không phải thư mục; hãy kiểm tra thư mục có tồn tại và ghi được."
                ),
                format!(
                    "cannot create {t}: Not a directory (os error 20); check that the folder exists and is writable"
                )
            )
        );
    }

    /// The refusal of a loose database file phananh cannot narrow, whole in each language,
    /// the system's reason in Vietnamese in the Vietnamese message.
    #[test]
    fn a_database_that_cannot_be_narrowed_is_refused_whole_in_both_languages() {
        use crate::i18n::Lang;
        let file = Path::new("/srv/pa.db-wal");
        let err = anyhow::Error::from(Refused::NotNarrowed {
            file: file.to_owned(),
            was: 0o644,
            error: io::Error::from_raw_os_error(1),
        });
        assert_eq!(crate::exit::status_of(&err), crate::exit::FAILURE);
        assert_eq!(
            crate::exit::message_of(&err, Lang::Vi),
            "/srv/pa.db-wal có quyền 0644: mọi tài khoản trên máy đọc được họ tên, số điện thoại người phản ánh, và phananh không thu hẹp được: hệ thống không cho phép việc này (tài khoản này không phải chủ tệp, hoặc tệp mang thuộc tính bất biến `chattr +i`). Hãy để chủ tệp chạy `chmod o-rwx /srv/pa.db-wal` (hoặc `chmod 600`) rồi chạy lại."
        );
        assert_eq!(
            crate::exit::message_of(&err, Lang::En),
            "/srv/pa.db-wal has mode 0644: every account on this machine can read reporters' names and phones, and phananh cannot narrow it (Operation not permitted (os error 1)); have the file's owner run `chmod o-rwx /srv/pa.db-wal` (or `chmod 600`), then run again"
        );
    }

    /// Each refusal of a file named with `--out`, whole in each language.
    #[test]
    fn each_refusal_of_an_out_file_is_worded_whole_in_both_languages() {
        use crate::i18n::Lang;
        let dir = tempfile::tempdir().unwrap();
        let said = |out: &Path, rule: &Overwrite| {
            let err = may_write(out, rule).unwrap_err();
            assert_eq!(crate::exit::status_of(&err), crate::exit::FAILURE);
            (
                crate::exit::message_of(&err, Lang::Vi),
                crate::exit::message_of(&err, Lang::En),
            )
        };
        let plain = Overwrite::default();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(dir.path().join("target"), &link).unwrap();
        let l = link.display();
        assert_eq!(
            said(&link, &plain),
            (
                format!(
                    "{l} là một liên kết tượng trưng (symlink); phananh không ghi qua liên kết. Hãy xóa nó hoặc chọn tên khác."
                ),
                format!(
                    "{l} is a symbolic link; phananh never writes through one. Remove it or choose another name"
                )
            )
        );
        let d = dir.path().display();
        assert_eq!(
            said(dir.path(), &plain),
            (
                format!(
                    "{d} là một thư mục; --out cần tên một tệp (ví dụ {d}/bao-cao.html). Không có gì thay đổi."
                ),
                format!(
                    "{d} is a folder; --out needs a file's name (for example {d}/report.html). Nothing was changed"
                )
            )
        );
        let db = dir.path().join("pa.db");
        let kept = Overwrite {
            kept: vec![db.clone()],
            force: true,
            for_another: false,
        };
        let b = db.display();
        assert_eq!(
            said(&db, &kept),
            (
                format!(
                    "{b} là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó: phananh không bao giờ ghi đè lên đó (kể cả với --force); không có gì thay đổi. Hãy chọn tên khác cho --out."
                ),
                format!(
                    "{b} is the database, one of its side files or its key file: phananh never writes over it (not even with --force); nothing was changed. Choose another name for --out"
                )
            )
        );
        let copy = dir.path().join("copy.db");
        fs::write(&copy, b"SQLite format 3\0").unwrap();
        let c = copy.display();
        let force = Overwrite {
            force: true,
            ..Overwrite::default()
        };
        assert_eq!(
            said(&copy, &force),
            (
                format!(
                    "{c} là một cơ sở dữ liệu SQLite hoặc tệp khóa (một bản sao lưu?): phananh không bao giờ ghi đè lên đó (kể cả với --force); không có gì thay đổi. Hãy chọn tên khác cho --out."
                ),
                format!(
                    "{c} is a SQLite database or a key file (a backup?): phananh never writes over it (not even with --force); nothing was changed. Choose another name for --out"
                )
            )
        );
        let doc = dir.path().join("bao-cao.csv");
        fs::write(&doc, b"a,b\n").unwrap();
        let o = doc.display();
        let for_another = Overwrite {
            force: true,
            for_another: true,
            ..Overwrite::default()
        };
        assert_eq!(
            said(&doc, &for_another),
            (
                format!(
                    "{o} đã tồn tại, và lệnh này chạy qua sudo thay cho người khác: tệp ở đó là của tài khoản dịch vụ (danh sách của cron, điểm kiểm tra…), không được thay kể cả với --force; không có gì thay đổi. Hãy chọn tên khác, hoặc nhận kết quả ở đầu ra chuẩn (`pa … > tệp`)."
                ),
                format!(
                    "{o} already exists, and this command runs through sudo for another person: files there are the service account's (cron's listing, the checkpoints), not replaced even with --force; nothing was changed. Choose another name, or take the output on standard output (`pa … > file`)"
                )
            )
        );
        assert_eq!(
            said(&doc, &plain),
            (
                format!(
                    "{o} đã tồn tại; không có gì thay đổi. Hãy chọn tên khác, hoặc thêm --force nếu muốn thay nó."
                ),
                format!(
                    "{o} already exists; nothing was changed. Choose another name, or add --force to replace it"
                )
            )
        );
        assert!(may_write(&doc, &force).is_ok());
    }

    /// Through sudo a file is judged by the person's rights: theirs with the owner's read
    /// bit, in a folder they may enter, a shared folder's group counted for them; another
    /// account's file refused whatever its group. Needs root to give files away (`chown`).
    #[test]
    fn a_file_is_read_for_a_person_only_with_their_rights() {
        use std::os::unix::fs::chown;
        if !nix::unistd::getuid().is_root() {
            eprintln!("storage::private: NOT RUN — giving files to other users needs root");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        // A shared inbox: owned by root, group 4343, entered by the group only.
        let inbox = dir.path().join("inbox");
        fs::create_dir(&inbox).unwrap();
        chown(&inbox, Some(0), Some(4343)).unwrap();
        fs::set_permissions(&inbox, fs::Permissions::from_mode(0o710)).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o711)).unwrap();
        let file = inbox.join("ly-do.txt");
        fs::write(&file, "Lý do").unwrap();
        chown(&file, Some(4000), Some(4343)).unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
        let rule = |uid: u32, groups: Vec<u32>| Input {
            for_person: Some(Person {
                login: "lan".into(),
                uid: Some(uid),
                groups,
            }),
            ..Input::default()
        };
        let read = |rule: &Input| open_input(&file, rule).map(|opened| opened.is_ok());
        assert!(matches!(read(&rule(4000, vec![4343])), Ok(true)));
        // Not in the folder's group: the folder is closed to them.
        assert!(matches!(
            read(&rule(4000, vec![])),
            Err(Refused::InNotTheirs { .. })
        ));
        // In the group, but the file is another account's: its group bit is not counted.
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        assert!(matches!(
            read(&rule(4001, vec![4343])),
            Err(Refused::InNotTheirs { .. })
        ));
        // Not through sudo: read as the account phananh runs as.
        assert!(matches!(read(&Input::default()), Ok(true)));
    }

    /// Through sudo, an officer's `reply --text-file traloi.txt` in their 0700 home folder
    /// failed with "không có quyền đọc tệp này" (the service account's refusal, read as
    /// the officer's) and no way out; it is refused with the standard-input form. Not
    /// through sudo, the system's error stays as it is. (Played on the error itself: the
    /// tests may run as root, whom no folder stops.)
    #[test]
    fn a_file_the_service_account_cannot_open_through_sudo_is_refused_with_the_way_to_give_it() {
        let path = Path::new("/home/hung/traloi.txt");
        let denied = || io::Error::from(io::ErrorKind::PermissionDenied);
        let through_sudo = Input {
            for_person: Some(Person {
                login: "hung".into(),
                uid: Some(1001),
                groups: vec![],
            }),
            dash: Some("--text-file"),
            ..Input::default()
        };
        assert!(matches!(
            unopened(path, denied(), &through_sudo),
            Err(Refused::InUnreachable { ref login, dash: Some("--text-file"), .. }) if login == "hung"
        ));
        assert!(matches!(
            unopened(path, denied(), &Input::default()),
            Ok(Err(_))
        ));
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert!(matches!(unopened(path, missing, &through_sudo), Ok(Err(_))));
    }

    /// Each refusal of a file named as input, whole in each language.
    #[test]
    fn each_refusal_of_an_input_file_is_worded_whole_in_both_languages() {
        use crate::i18n::Lang;
        let said = |refused: Refused| {
            let err = anyhow::Error::from(refused);
            assert_eq!(crate::exit::status_of(&err), crate::exit::FAILURE);
            (
                crate::exit::message_of(&err, Lang::Vi),
                crate::exit::message_of(&err, Lang::En),
            )
        };
        let key = PathBuf::from("/srv/phananh/phananh.sqlite.key");
        assert_eq!(
            said(Refused::InIsKept(key.clone())),
            (
                "/srv/phananh/phananh.sqlite.key là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó: phananh không bao giờ đọc tệp đó làm đầu vào (nội dung sẽ bị in ra, ghi vào nhật ký hoặc công bố); không có gì thay đổi. Hãy chọn đúng tệp.".to_owned(),
                "/srv/phananh/phananh.sqlite.key is the database, one of its side files or its key file: phananh never reads it as input (what is read is shown, logged or published); nothing was changed. Name the right file".to_owned()
            )
        );
        assert_eq!(
            said(Refused::InHoldsSecret(PathBuf::from("/etc/phananh/audit.key"))),
            (
                "/etc/phananh/audit.key là một cơ sở dữ liệu SQLite hoặc một khóa bí mật (khóa danh tính, khóa ký điểm kiểm tra): phananh không bao giờ đọc tệp đó làm đầu vào (nội dung sẽ bị in ra, ghi vào nhật ký hoặc công bố); không có gì thay đổi. Hãy chọn đúng tệp.".to_owned(),
                "/etc/phananh/audit.key is a SQLite database or a secret key (the identity key, the checkpoints' signing key): phananh never reads it as input (what is read is shown, logged or published); nothing was changed. Name the right file".to_owned()
            )
        );
        let theirs = |dash| Refused::InNotTheirs {
            path: PathBuf::from("/srv/chung/trả lời.txt"),
            login: "lan".to_owned(),
            dash,
        };
        assert_eq!(
            said(theirs(Some("--text-file"))),
            (
                "Không đọc tệp /srv/chung/trả lời.txt: lệnh chạy qua sudo nên tệp được mở bằng quyền của tài khoản dịch vụ, mà chính tài khoản lan không đọc được tệp này (phananh chỉ đọc tệp của lan có quyền đọc cho chủ, hoặc tệp mọi tài khoản đọc được, nằm trong thư mục lan vào được). Hãy đưa một tệp của chính mình có quyền đọc cho chủ, hoặc một tệp mọi tài khoản đọc được, hoặc đưa nó qua đầu vào chuẩn (`--text-file - < '/srv/chung/trả lời.txt'`); không có gì thay đổi.".to_owned(),
                "/srv/chung/trả lời.txt is not read: this command runs through sudo, so files are opened with the service account's rights, and the login lan could not read this one itself (phananh reads only a file of lan's that its owner may read, or one every account may read, in folders lan may enter). Give a file of your own that its owner may read, or one every account may read, or give it on standard input (`--text-file - < '/srv/chung/trả lời.txt'`); nothing was changed".to_owned()
            )
        );
        let (vi, en) = said(theirs(None));
        assert!(
            vi.ends_with("mọi tài khoản đọc được; không có gì thay đổi."),
            "{vi}"
        );
        assert!(
            en.ends_with("one every account may read; nothing was changed"),
            "{en}"
        );
        let unreachable = |dash| Refused::InUnreachable {
            path: PathBuf::from("/home/hung/traloi.txt"),
            login: "hung".to_owned(),
            dash,
        };
        assert_eq!(
            said(unreachable(Some("--text-file"))),
            (
                "Không đọc được tệp /home/hung/traloi.txt: lệnh chạy qua sudo (`pa`) nên tệp được mở bằng quyền của tài khoản dịch vụ, mà tài khoản ấy không vào được thư mục chứa tệp (thư mục nhà của hung thường chỉ hung vào được). Hãy đưa tệp qua đầu vào chuẩn: `pa … --text-file - < /home/hung/traloi.txt`; không có gì thay đổi.".to_owned(),
                "/home/hung/traloi.txt could not be read: this command runs through sudo (`pa`), so files are opened with the service account's rights, and that account may not enter the file's folder (hung's home folder is usually theirs alone). Please give it on standard input: `pa … --text-file - < /home/hung/traloi.txt`; nothing was changed".to_owned()
            )
        );
        let (vi, _) = said(unreachable(None));
        assert!(
            vi.contains("Hãy chép tệp vào một thư mục tài khoản dịch vụ vào được"),
            "{vi}"
        );
    }

    /// What stands at a name, and why a file was not read, in each language.
    #[test]
    fn what_stands_at_a_name_is_worded_in_both_languages() {
        use crate::i18n::Bilingual;
        let words = [
            (Standing::Folder, "một thư mục", "a folder"),
            (
                Standing::Link,
                "một liên kết tượng trưng (symlink)",
                "a symbolic link",
            ),
            (
                Standing::Pipe,
                "một ống có tên (FIFO)",
                "a named pipe (FIFO)",
            ),
            (Standing::Socket, "một socket", "a socket"),
            (Standing::Device, "một tệp thiết bị", "a device file"),
            (Standing::File, "một tệp", "a file"),
        ];
        for (standing, vi, en) in words {
            assert_eq!(standing.vi(), vi);
            assert_eq!(standing.en(), en);
        }
        let pipe = ReadError::NotRegular(Standing::Pipe);
        assert_eq!(
            pipe.vi(),
            "một ống có tên (FIFO), không phải một tệp thường"
        );
        assert_eq!(pipe.en(), "a named pipe (FIFO), not a regular file");
        assert_eq!(pipe.to_string(), "a named pipe (FIFO), not a regular file");
        let missing = ReadError::Io(io::Error::from_raw_os_error(2));
        assert_eq!(missing.vi(), "không có tệp này");
        assert_eq!(missing.en(), "No such file or directory (os error 2)");
    }

    #[test]
    fn a_partial_file_is_removed_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("f");
        let path = dir.path().join("f.partial");
        drop(Partial::beside(&target, ".partial").unwrap());
        assert!(!path.exists());
        let (_, mut kept) = Partial::beside(&target, ".partial").unwrap();
        kept.keep();
        drop(kept);
        assert!(path.exists());
    }

    #[test]
    fn a_loose_database_and_its_side_files_are_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        for suffix in ["", "-wal", "-shm"] {
            let file = with_suffix(&db, suffix);
            fs::write(&file, b"").unwrap();
            fs::set_permissions(&file, fs::Permissions::from_mode(0o666)).unwrap();
        }
        let done = tighten_database(&db, Narrow::NoOthers).unwrap();
        assert_eq!(done.len(), 3);
        assert!(done.iter().all(|t| (t.was, t.now) == (0o666, 0o660)));
        for suffix in ["", "-wal", "-shm"] {
            assert_eq!(mode(&with_suffix(&db, suffix)), 0o660);
        }
        assert!(tighten_database(&db, Narrow::NoOthers).unwrap().is_empty());
        let done = tighten_database(&db, Narrow::OwnerOnly).unwrap();
        assert_eq!(done.len(), 3);
        for suffix in ["", "-wal", "-shm"] {
            assert_eq!(mode(&with_suffix(&db, suffix)), 0o600);
        }
        assert!(tighten_database(&db, Narrow::OwnerOnly).unwrap().is_empty());
    }
}
