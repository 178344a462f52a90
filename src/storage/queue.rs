//! The writers' queue between phananh processes on one database (issue 18, point 3). Owns
//! the turn a bulk or cron writer (`ingest`, `validate` of the whole queue, `sweep`) takes
//! before each run of transactions, how long it waits for it (without a deadline), who is
//! said to hold the database when the wait grows long, and the two holder files beside the
//! database that make the turn.
//!
//! SQLite's busy timeout alone lets a writer give up after ten seconds, and its retries are
//! a lottery: eight ingests and two sweeps on one file lost processes half-way. So bulk
//! writers queue here first, each turn handed to the writer that waited longest:
//! - `<db>-queue` is the line: a writer takes it, then `<db>-writer` (the turn), then lets
//!   the line go. The writer that gives a turn back must get in line again behind the one
//!   already blocked on the turn, so turns alternate instead of going to whoever is fastest.
//! - Inside its turn a writer waits for SQLite's lock without a deadline too: only single
//!   steps (an operator's one command) hold it outside the queue, and they are short. Those
//!   keep their 10 s busy timeout and go first: a bulk writer lets them in between its
//!   transactions (`storage::let_waiters_in`) before it hands its turn on.
//!
//! The locks are `flock(2)` on files of their own, never the database's (closing a
//! descriptor of the database drops SQLite's `fcntl` locks, see `storage::lock`). The kernel
//! releases them when a process ends, even killed, so a crash never wedges the queue.

use std::cell::RefCell;
use std::fs::{File, TryLockError};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, Result};

use super::diagnose::{Doing, Step};
use super::private::Standing;
use super::refusal::{QueueFound, Refusal::QueueUnusable};

/// How long a writer waits before it says who holds the database.
const NOTICE_AFTER: Duration = Duration::from_secs(3);

/// A wait past this is said even where waits are kept quiet (`sweep` under cron): a holder
/// that hangs holds up every reminder of the legal deadlines, and cron's next runs queue
/// behind it unseen. [choice] Ten minutes: the README's cron line runs the sweep every ten,
/// and an import or a validation of a province's day takes well under that.
pub const LONG_WAIT: Duration = Duration::from_secs(600);

/// Who hears about long waits: the command sets it (`app::tell_waits`, in its language;
/// only the waits past `LONG_WAIT` for `sweep --quiet`, since cron mails whatever reaches
/// stderr).
/// Unset, a wait is silent.
type Listener = Box<dyn Fn(&Waiting) + Send>;
static LISTENER: Mutex<Option<Listener>> = Mutex::new(None);

/// Says long waits to `listener` from now on (`None`: to nobody).
pub fn tell_waits_to(listener: Option<Listener>) {
    *LISTENER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = listener;
}

fn tell(what: &Waiting) {
    if let Some(listener) = LISTENER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_ref()
    {
        listener(what);
    }
}

/// A test hook, read in debug builds only (release builds ignore it, as `PHANANH_FAULT`):
/// `PHANANH_WAIT_NOTICE_MS` shortens the wait before the notice (`output::tell_wait` keeps
/// the other, `PHANANH_WAIT_HOOK`).
pub fn notice_after() -> Duration {
    super::wait_or_tests("PHANANH_WAIT_NOTICE_MS", NOTICE_AFTER)
}

/// `LONG_WAIT`, or in a debug build what `PHANANH_LONG_WAIT_MS` says (the notice still
/// names `LONG_WAIT`).
fn long_wait() -> Duration {
    super::wait_or_tests("PHANANH_LONG_WAIT_MS", LONG_WAIT).max(notice_after())
}

/// A long wait for the writers' turn or SQLite's lock: the database waited for and who
/// holds it, as far as this machine tells (`src/output/storage.rs` words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub db: PathBuf,
    /// The holder's process id and program name.
    pub holder: Option<(u32, String)>,
    /// The wait has passed `LONG_WAIT`: said to everyone, cron included.
    pub long: bool,
}

/// The two holder files of one database, open for the run of a bulk writer.
pub struct Queue {
    db: PathBuf,
    line: File,
    turn: File,
    holding: bool,
}

impl Queue {
    /// The queue of the database `conn` has open; None for one in memory (nobody else can
    /// write it).
    pub fn of(conn: &rusqlite::Connection) -> Result<Option<Queue>> {
        let Some(db) = conn.path().filter(|p| !p.is_empty()).map(PathBuf::from) else {
            return Ok(None);
        };
        Ok(Some(Queue {
            line: holder_file(&db, "-queue")?,
            turn: holder_file(&db, "-writer")?,
            db,
            holding: false,
        }))
    }

    /// Waits for this process's turn, as long as it takes; says who holds the database if
    /// that is more than a few seconds. Within the turn this thread also waits for SQLite's
    /// lock without a deadline (see the module's header).
    pub fn take(&mut self) -> Result<()> {
        if self.holding {
            return Ok(());
        }
        let mut notice = None;
        lock(&self.line, &self.db, &mut notice)?;
        let taken = lock(&self.turn, &self.db, &mut notice);
        let _ = self.line.unlock();
        taken?;
        drop(notice);
        self.holding = true;
        let stamp = format!("{}\n{}\n", std::process::id(), command_line());
        // Only what a waiting process may show; the lock, not the text, is the turn.
        let _ = self.turn.set_len(0);
        let _ = self.turn.write_at(stamp.as_bytes(), 0);
        PATIENT.with(|p| {
            *p.borrow_mut() = Some(Patience {
                db: self.db.clone(),
                said: Said::default(),
            });
        });
        Ok(())
    }

    /// Hands the turn on to the writer that waited longest (if any).
    pub fn give_back(&mut self) {
        if !self.holding {
            return;
        }
        PATIENT.with(|p| p.borrow_mut().take());
        let _ = self.turn.unlock();
        self.holding = false;
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        self.give_back();
    }
}

/// Takes `file`'s lock, blocking; starts the notice the first time it must wait.
fn lock(file: &File, db: &Path, notice: &mut Option<Notice>) -> Result<()> {
    match file.try_lock() {
        Ok(()) => return Ok(()),
        Err(TryLockError::WouldBlock) => {}
        Err(TryLockError::Error(e)) => {
            return Err(e).context(Doing::new(Step::Queue, db));
        }
    }
    if notice.is_none() {
        *notice = Some(Notice::start(db.to_owned()));
    }
    file.lock().context(Doing::new(Step::Queue, db))
}

/// A thread that says who holds the database once the wait passes `notice_after`, and
/// again once it passes `LONG_WAIT`, unless the wait ends first (the notice is dropped).
struct Notice {
    done: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Notice {
    fn start(db: PathBuf) -> Notice {
        let (done, finished) = mpsc::channel::<()>();
        let (after, long) = (notice_after(), long_wait());
        let thread = std::thread::spawn(move || {
            let mut said = Said::default();
            let mut waited = Duration::ZERO;
            for stage in [after, long] {
                if finished.recv_timeout(stage - waited) != Err(mpsc::RecvTimeoutError::Timeout) {
                    return;
                }
                waited = stage;
                said.after(&db, waited);
            }
        });
        Notice {
            done: Some(done),
            thread: Some(thread),
        }
    }
}

impl Drop for Notice {
    fn drop(&mut self) {
        drop(self.done.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What one wait has said so far: who holds the database, once past `notice_after`, and
/// once more past `LONG_WAIT` (said to cron too).
#[derive(Debug, Default)]
struct Said {
    notice: bool,
    long: bool,
}

impl Said {
    /// Says what a wait of `waited` for `db` is due to say and has not said yet.
    fn after(&mut self, db: &Path, waited: Duration) {
        if !self.notice && waited >= notice_after() {
            self.notice = true;
            tell(&waiting_for(db, false));
        }
        if !self.long && waited >= long_wait() {
            self.long = true;
            tell(&waiting_for(db, true));
        }
    }
}

/// A thread in its turn: it waits for SQLite's lock without a deadline.
struct Patience {
    db: PathBuf,
    said: Said,
}

thread_local! {
    static PATIENT: RefCell<Option<Patience>> = const { RefCell::new(None) };
}

/// For the busy handler: whether this thread waits without a deadline (it holds its
/// turn), after `waited`; says who holds the lock once the wait passes `notice_after`, and
/// again past `LONG_WAIT`.
pub fn patient(waited: Duration) -> bool {
    PATIENT.with(|p| {
        let mut p = p.borrow_mut();
        let Some(patience) = p.as_mut() else {
            return false;
        };
        patience.said.after(&patience.db, waited);
        true
    })
}

/// The notice: who holds the database, as far as this machine tells.
fn waiting_for(db: &Path, long: bool) -> Waiting {
    Waiting {
        db: db.to_owned(),
        holder: holder(db),
        long,
    }
}

/// The process that holds the turn or SQLite's write lock, and its command line: from the
/// kernel's table of locks (`/proc/locks`), else from the holder file.
fn holder(db: &Path) -> Option<(u32, String)> {
    let own = std::process::id();
    let inode = |suffix: &str| {
        std::fs::metadata(crate::storage::private::with_suffix(db, suffix))
            .ok()
            .map(|m| m.ino())
    };
    let (turn, shm) = (inode("-writer"), inode("-shm"));
    let locks = std::fs::read_to_string("/proc/locks").unwrap_or_default();
    let from_kernel = locks.lines().find_map(|line| {
        // "1: FLOCK  ADVISORY  WRITE 1234 fd:01:5678 0 EOF"; SQLite's write lock in WAL is
        // the byte at 120 of the shared-memory file.
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (kind, mode, pid, file, start) = match fields.as_slice() {
            [_, kind, _, mode, pid, file, start, ..] => (*kind, *mode, *pid, *file, *start),
            _ => return None,
        };
        let pid: u32 = pid.parse().ok()?;
        let ino: u64 = file.rsplit(':').next()?.parse().ok()?;
        let ours = (kind == "FLOCK" && Some(ino) == turn)
            || (kind == "POSIX" && Some(ino) == shm && start == "120");
        (ours && mode == "WRITE" && pid != own).then_some(pid)
    });
    let stamp = read_stamp(db);
    match from_kernel {
        Some(pid) => {
            let command = std::fs::read(format!("/proc/{pid}/cmdline"))
                .ok()
                .map(|raw| command_text(&raw))
                .filter(|c| !c.is_empty())
                .or_else(|| stamp.filter(|(p, _)| *p == pid).map(|(_, c)| c))
                .unwrap_or_else(|| "?".to_owned());
            Some((pid, command))
        }
        None => stamp.filter(|(pid, _)| *pid != own),
    }
}

/// What the holder file says: the pid and command line of the last writer to take a turn.
fn read_stamp(db: &Path) -> Option<(u32, String)> {
    let path = crate::storage::private::with_suffix(db, "-writer");
    let text = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK)
        .open(path)
        .ok()
        .and_then(|f| io::read_to_string(f).ok())?;
    let mut lines = text.lines();
    let pid = lines.next()?.parse().ok()?;
    Some((pid, lines.next().unwrap_or("?").to_owned()))
}

/// The program a `/proc/PID/cmdline` names, by its file name, without control characters:
/// never its arguments. They are what an operator typed (a `--reason`, a reply's `--text`),
/// which may hold a reporter's name or phone, and this text reaches cron's mail and the
/// holder file. The notice says to look at the process with `ps -p PID`, which shows the
/// rest to whoever may see it.
fn command_text(raw: &[u8]) -> String {
    let program = raw.split(|&b| b == 0).next().unwrap_or_default();
    let name = program.rsplit(|&b| b == b'/').next().unwrap_or_default();
    let name = crate::domain::text::printable(&String::from_utf8_lossy(name)).into_owned();
    if name.chars().count() > 64 {
        name.chars().take(63).chain(['…']).collect()
    } else {
        name
    }
}

fn command_line() -> String {
    let args: Vec<String> = std::env::args().collect();
    command_text(args.join("\0").as_bytes())
}

/// Opens (or makes, private) the holder file `<db><suffix>`. Never through a symbolic link:
/// a link planted at the name is refused, not followed. Made by root for someone else's
/// database, it is given to the database's owner, who must be able to queue after.
fn holder_file(db: &Path, suffix: &str) -> Result<File> {
    let path = crate::storage::private::with_suffix(db, suffix);
    for _ in 0..3 {
        let opened = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK)
            .open(&path);
        let file = match opened {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match crate::storage::private::create(&path) {
                    Ok(file) => {
                        give_to_owner_of(db, &file);
                        file
                    }
                    // Another writer made it meanwhile: open theirs.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(cannot_queue(&path, &e)),
                }
            }
            Err(e) => return Err(cannot_queue(&path, &e)),
        };
        let meta = file.metadata().map_err(|e| cannot_queue(&path, &e))?;
        if !meta.is_file() {
            return Err(not_a_file(&path, Standing::of(meta.file_type())));
        }
        return Ok(file);
    }
    Err(QueueUnusable {
        path,
        found: QueueFound::Unsteady,
    }
    .into())
}

fn give_to_owner_of(db: &Path, file: &File) {
    if !nix::unistd::geteuid().is_root() {
        return;
    }
    if let Ok(meta) = std::fs::metadata(db) {
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
}

/// The holder file at `path` did not open: said of what stands there when it is no regular
/// file (a link refused by `O_NOFOLLOW`, a folder), else of the system's error.
fn cannot_queue(path: &Path, e: &io::Error) -> anyhow::Error {
    match Standing::at(path) {
        Some(standing) if standing != Standing::File => not_a_file(path, standing),
        // No file to remove: the folder is what refuses this account ("remove it" sent the
        // operator after a file that does not exist).
        None if e.kind() == io::ErrorKind::PermissionDenied => QueueUnusable {
            path: path.to_owned(),
            found: QueueFound::FolderUnwritable(match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
                _ => std::path::PathBuf::from("."),
            }),
        }
        .into(),
        _ => QueueUnusable {
            path: path.to_owned(),
            found: QueueFound::Failed(e.into()),
        }
        .into(),
    }
}

fn not_a_file(path: &Path, standing: Standing) -> anyhow::Error {
    QueueUnusable {
        path: path.to_owned(),
        found: QueueFound::Standing(standing),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Turns alternate: a writer that gives its turn back while another waits does not get
    /// it again first.
    #[test]
    fn a_turn_given_back_goes_to_the_writer_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        std::fs::write(&db, b"").unwrap();
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut first = Queue::of(&conn).unwrap().unwrap();
        first.take().unwrap();
        let (order, heard) = mpsc::channel();
        let second = {
            let order = order.clone();
            let conn = rusqlite::Connection::open(&db).unwrap();
            let mut queue = Queue::of(&conn).unwrap().unwrap();
            std::thread::spawn(move || {
                queue.take().unwrap();
                order.send("second").unwrap();
                queue.give_back();
            })
        };
        // The second writer is in line once the line is held and the turn is not free.
        let line = holder_file(&db, "-queue").unwrap();
        while line.try_lock().is_ok() {
            line.unlock().unwrap();
            std::thread::yield_now();
        }
        first.give_back();
        first.take().unwrap();
        order.send("first").unwrap();
        second.join().unwrap();
        assert_eq!(heard.try_iter().collect::<Vec<_>>(), ["second", "first"]);
    }

    /// A waiting writer names the holder's program, never the arguments it was given.
    #[test]
    fn the_holder_is_named_by_its_program_not_by_what_was_typed() {
        let typed = "/usr/local/bin/phananh\0--as\0admin\0erase\0--closed-before\x002026-06-01\0--reason\0Theo đơn của ông Nguyễn Văn Bình, SĐT 0912345678\0";
        assert_eq!(command_text(typed.as_bytes()), "phananh");
        assert_eq!(command_text(b"sqlite3\0db\0"), "sqlite3");
        assert_eq!(command_text(b""), "");
    }

    /// The notice of a long wait, whole in each language: with the holder the holder file
    /// names, and with none known; and past `LONG_WAIT`.
    #[test]
    fn the_notice_of_a_long_wait_is_worded_whole_in_both_languages() {
        use crate::i18n::{Bilingual, Lang};
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("pa.db");
        let shown = db.display();
        let said_whole = |long: bool, vi: String, en: String| {
            let said = waiting_for(&db, long);
            assert_eq!(said.text(Lang::Vi), vi);
            assert_eq!(said.text(Lang::En), en);
        };
        said_whole(
            false,
            format!(
                "Đang chờ đến lượt ghi vào {shown}: một tiến trình khác đang ghi. Lệnh sẽ tự tiếp tục khi đến lượt, không mất gì; nếu tiến trình kia bị treo, hãy xem nó bằng `ps -p PID`."
            ),
            format!(
                "waiting for a turn to write {shown}: another process is writing. This goes on by itself when the turn comes and nothing is lost; if that process hangs, look at it with `ps -p PID`"
            ),
        );
        std::fs::write(dir.path().join("pa.db-writer"), "4242\nphananh\n").unwrap();
        said_whole(
            false,
            format!(
                "Đang chờ đến lượt ghi vào {shown}: tiến trình 4242 (phananh) đang ghi. Lệnh sẽ tự tiếp tục khi đến lượt, không mất gì; nếu tiến trình kia bị treo, hãy xem nó bằng `ps -p 4242`."
            ),
            format!(
                "waiting for a turn to write {shown}: process 4242 (phananh) is writing. This goes on by itself when the turn comes and nothing is lost; if that process hangs, look at it with `ps -p 4242`"
            ),
        );
        said_whole(
            true,
            format!(
                "Vẫn đang chờ đến lượt ghi vào {shown} sau hơn 10 phút: tiến trình 4242 (phananh) đang ghi. Trong lúc chờ, lệnh này chưa làm được việc của nó (`sweep` chưa nhắc hạn nào); hãy xem tiến trình kia bằng `ps -p 4242` và dừng nó nếu bị treo. Lệnh vẫn chờ tiếp, không mất gì."
            ),
            format!(
                "still waiting for a turn to write {shown} after more than 10 minutes: process 4242 (phananh) is writing. Meanwhile this command does none of its work (a `sweep` records no reminder); look at that process with `ps -p 4242` and stop it if it hangs. This goes on waiting and nothing is lost"
            ),
        );
    }

    /// A symbolic link planted at a holder file's name is refused, not followed.
    #[test]
    fn a_link_at_a_holder_files_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, b"keep").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("db.sqlite-writer")).unwrap();
        let err = holder_file(&db, "-writer").unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    }

    /// The refusal of a writers' queue file that cannot be used, whole in each language,
    /// for a file that does not open (a cause the operator meets, said in Vietnamese, and a
    /// rarer one, quoted) and for a symbolic link, with its exit class (1).
    #[test]
    fn a_queue_file_that_cannot_be_used_is_refused_in_both_languages() {
        use crate::i18n::Lang;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pa.db-writer");
        let shown = path.display();
        // There, and the file is the problem: removing it is the way out.
        std::fs::write(&path, b"").unwrap();
        let failed = cannot_queue(&path, &io::Error::from_raw_os_error(nix::libc::EACCES));
        assert_eq!(crate::exit::status_of(&failed), crate::exit::FAILURE);
        assert_eq!(
            crate::exit::message_of(&failed, Lang::Vi),
            format!(
                "Tệp xếp hàng ghi {shown} không mở được: không có quyền ghi vào đây; hãy xóa nó (phananh tạo lại) rồi chạy lại."
            )
        );
        assert_eq!(
            crate::exit::message_of(&failed, Lang::En),
            format!(
                "the writers' queue file {shown} cannot be opened (Permission denied (os error 13)); remove it (phananh makes it again) and run again"
            )
        );
        let failed = cannot_queue(&path, &io::Error::from_raw_os_error(nix::libc::EBADF));
        assert_eq!(
            crate::exit::message_of(&failed, Lang::Vi),
            format!(
                "Tệp xếp hàng ghi {shown} không mở được: hệ thống báo một lỗi phananh không nhận ra (Bad file descriptor (os error 9)); hãy xóa nó (phananh tạo lại) rồi chạy lại."
            )
        );
        // Not there: the folder refuses this account, and there is nothing to remove.
        std::fs::remove_file(&path).unwrap();
        let failed = cannot_queue(&path, &io::Error::from_raw_os_error(nix::libc::EACCES));
        let folder = dir.path().display();
        assert_eq!(
            crate::exit::message_of(&failed, Lang::En),
            format!(
                "cannot make the writers' queue file {shown}: this account may not write in the folder {folder}, and writing commands need to make files beside the database. Nothing was changed. Run the command as the account that owns the database and that folder (on a server: through sudo, the `pa …` wrapper, see SECURITY.md), or let this account write in {folder}; reading commands still work"
            )
        );
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), &path).unwrap();
        let failed = cannot_queue(&path, &io::Error::from_raw_os_error(nix::libc::ELOOP));
        assert_eq!(
            crate::exit::message_of(&failed, Lang::Vi),
            format!(
                "Tệp xếp hàng ghi {shown} là một liên kết tượng trưng (symlink); phananh không mở tệp qua liên kết; hãy xóa nó (phananh tạo lại) rồi chạy lại."
            )
        );
        assert_eq!(
            crate::exit::message_of(&failed, Lang::En),
            format!(
                "the writers' queue file {shown} is a symbolic link; phananh never opens one; remove it (phananh makes it again) and run again"
            )
        );
    }
}
