//! The words for what storage found that stops a command ([`Refusal`]): storage returns
//! the data, this words it in both languages, and `crate::exit` prints the one asked for.

use std::borrow::Cow;
use std::path::Path;

use crate::i18n::{Bilingual, Lang};
use crate::storage::diagnose::{Diagnosis, Doing, OsError, Step, Wanted, Why};
use crate::storage::private::{ReadError, Refused, Standing};
use crate::storage::queue::Waiting;
use crate::storage::refusal::{QueueFound, Refusal, Whose};

/// The file holds `held` reports, but the log has events of `logged`
/// (`storage::periodic::reports_uncounted`): a report deleted or added outside phananh.
/// `then` follows the finding, its punctuation included: what the command did about it.
pub fn reports_uncounted(
    logged: u64,
    held: u64,
    then: crate::i18n::Localized,
) -> crate::i18n::Localized {
    crate::i18n::Localized::new(
        format!(
            "Tệp có {held} phản ánh, nhưng nhật ký có sự kiện của {logged} phản ánh (phản ánh bị xóa hoặc thêm ngoài phananh){} Hãy chạy `phananh audit verify` và báo quản trị viên.",
            then.vi,
            held = crate::i18n::grouped(held, Lang::Vi),
            logged = crate::i18n::grouped(logged, Lang::Vi)
        ),
        format!(
            "the file holds {held} reports, but the log has events of {logged} (reports deleted or added outside phananh){} Run `phananh audit verify` and tell an admin",
            then.en,
            held = crate::i18n::grouped(held, Lang::En),
            logged = crate::i18n::grouped(logged, Lang::En)
        ),
    )
}

impl Bilingual for Refusal {
    fn vi(&self) -> Cow<'static, str> {
        worded(self, Lang::Vi).into()
    }

    fn en(&self) -> Cow<'static, str> {
        worded(self, Lang::En).into()
    }
}

/// English, as an error's `Display` is (for logs and `anyhow` chains).
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

fn worded(refusal: &Refusal, lang: Lang) -> String {
    match refusal {
        Refusal::EditedBehind { report, unheld } => {
            let rows = super::journal::left_out_rows(&[*report], unheld);
            let close = super::journal::edited_close();
            let (what_vi, what_en) = super::journal::not_to_seal(&[*report], unheld);
            lang.pick(
                format!(
                    "{}. Bước này không được ghi, {what_vi}. {}",
                    rows.vi, close.vi
                ),
                format!(
                    "{}. This step was not recorded, {what_en}. {}",
                    rows.en, close.en
                ),
            )
        }
        Refusal::SchemaChanged(change) => lang.pick(
            format!(
                "Không ghi gì vào cơ sở dữ liệu này: {}. Một trigger hay view cài vào tệp chạy bên trong chính các lệnh của phananh và có thể bỏ hoặc sửa điều chúng ghi (chẳng hạn sự kiện ghi lại việc xem danh tính). Quản trị viên hãy chạy `phananh audit verify`, rồi gỡ đối tượng lạ bằng sqlite3 hoặc khôi phục một bản sao lưu sạch (`phananh restore`).",
                change.vi()
            ),
            format!(
                "nothing was written to this database: {change}. A trigger or view planted in the file runs inside phananh's own statements and can drop or rewrite what they write (the event that logs a reveal, for one). An admin should run `phananh audit verify`, then remove what was planted with sqlite3 or restore a clean backup (`phananh restore`)"
            ),
        ),
        Refusal::RowUnreadable { report, why } => lang.pick(
            format!(
                "phản ánh {report}: dòng dữ liệu không như phananh ghi ({why}), bị sửa ngoài phananh. Hãy chạy `phananh audit verify` và báo quản trị viên."
            ),
            format!(
                "report {report}: its row is not as phananh writes it ({why}), edited outside phananh. Run `phananh audit verify` and tell an admin"
            ),
        ),
        Refusal::NoWorkingTime(e) => lang.pick(
            format!(
                "Lịch làm việc không còn giờ làm việc nào trong mười năm sau ngày {}; hãy sửa lịch (`phananh calendar show`).",
                e.0.format("%d/%m/%Y")
            ),
            format!("{e}; fix the calendar (`phananh calendar show`)"),
        ),
        Refusal::CopyKeptWaiting => lang
            .pick(
                "Cơ sở dữ liệu bận quá 10 giây; không có gì thay đổi, hãy thử lại sau.",
                "the database stayed busy for more than 10 seconds; nothing was changed, try again later",
            )
            .to_owned(),
        Refusal::HeldTooLong { shown, seconds } => {
            let seconds = *seconds;
            let (long_vi, long_en) = if seconds >= 120 {
                (
                    format!("{} phút", seconds / 60),
                    format!("{} minutes", seconds / 60),
                )
            } else {
                (format!("{seconds} giây"), format!("{seconds} seconds"))
            };
            lang.pick(
                format!(
                    "{shown} bị một tiến trình giữ riêng suốt {long_vi} mà không nhả: một lệnh khôi phục không lâu như vậy. Không có gì thay đổi. Hãy xem tiến trình nào giữ nó (`fuser -v {shown}` hoặc `lsof {shown}`), dừng nó nếu không phải phananh, rồi chạy lại."
                ),
                format!(
                    "{shown} has been held exclusively for {long_en} by a process that does not let it go: no restore takes that long. Nothing was changed. See which process holds it (`fuser -v {shown}` or `lsof {shown}`), stop it if it is not phananh, then run again"
                ),
            )
        }
        Refusal::NewerSchema { version, latest } => lang.pick(
            format!(
                "Cơ sở dữ liệu có phiên bản lược đồ {version}, mới hơn bản phananh này ({latest}); hãy cập nhật phananh."
            ),
            format!(
                "the database has schema version {version}, newer than this phananh ({latest}); upgrade phananh"
            ),
        ),
        Refusal::SchemaMismatch {
            version,
            step,
            error,
        } => lang.pick(
            format!(
                "Cơ sở dữ liệu ghi phiên bản lược đồ {version} nhưng các bảng của nó không khớp với phiên bản đó: bước nâng lược đồ {step} không chạy được (SQLite: {error}). Phiên bản có lẽ đã bị sửa ngoài phananh (PRAGMA user_version); chưa thay đổi gì. Hãy khôi phục bản sao lưu (`phananh restore`) hoặc kiểm tra tệp với người quản trị."
            ),
            format!(
                "the database states schema version {version} but its tables do not match it: migration {step} cannot run (SQLite: {error}). The version was probably changed outside phananh (PRAGMA user_version); nothing was changed. Restore a backup (`phananh restore`) or have the file examined"
            ),
        ),
        Refusal::WouldDangle { latest } => lang.pick(
            format!(
                "Nâng lược đồ lên phiên bản {latest} sẽ để lại dòng trỏ tới dòng không còn; chưa thay đổi gì. Hãy báo lỗi này cho người phát triển phananh."
            ),
            format!(
                "migrating the schema to version {latest} would leave a row pointing at one that is gone; nothing was changed. Report this to phananh's developers"
            ),
        ),
        Refusal::NotRegular {
            of,
            side,
            file,
            standing,
        } => {
            let (move_vi, move_en) = move_away_advice(file, *standing);
            let (what_vi, what_en) = match of {
                Whose::Database => ("Cơ sở dữ liệu", "the database"),
                Whose::Backup => ("Tệp sao lưu", "the backup"),
            };
            let (what_vi, what_en) = if *side {
                (
                    format!("Tệp đi kèm {}", what_vi.to_lowercase()),
                    format!("{what_en}'s side file"),
                )
            } else {
                (what_vi.to_owned(), what_en.to_owned())
            };
            lang.pick(
                format!(
                    "{what_vi} {} là {}, không phải một tệp thường: phananh không mở nó. Không có gì thay đổi; {move_vi} rồi chạy lại.",
                    file.display(),
                    standing.vi()
                ),
                format!(
                    "{what_en} {} is {}, not a regular file: phananh does not open it. Nothing was changed; {move_en} and run again",
                    file.display(),
                    standing.en()
                ),
            )
        }
        // Likeliest, a new terminal without PHANANH_DB, in a folder that is not the unit's:
        // the database is elsewhere, and `phananh init` there made a second, empty one. So
        // the message says where it looked, whole, and points to the database first.
        Refusal::NoDatabase(path) => {
            let whole = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let here = path.parent().is_some_and(|p| p.as_os_str().is_empty());
            let (here_vi, here_en) = if here {
                (" (thư mục hiện tại)", " (the current folder)")
            } else {
                ("", "")
            };
            lang.pick(
                format!(
                    "Không có cơ sở dữ liệu tại {}{here_vi}. Nếu đơn vị đã có cơ sở dữ liệu, hãy chỉ tới tệp đó: `export PHANANH_DB=ĐƯỜNG_DẪN` hoặc --db ĐƯỜNG_DẪN (hỏi quản trị viên nếu chưa biết nó ở đâu); chỉ quản trị viên mới tạo cơ sở dữ liệu mới, bằng `phananh init`.",
                    whole.display()
                ),
                format!(
                    "no database at {}{here_en}. If your unit already has a database, point to its file: `export PHANANH_DB=PATH` or --db PATH (ask an administrator where it is); only an administrator creates a new one, with `phananh init`",
                    whole.display()
                ),
            )
        }
        Refusal::NotInitialised(path) => lang.pick(
            format!(
                "{} chưa được khởi tạo; hãy chạy `phananh init --db {}`.",
                path.display(),
                path.display()
            ),
            format!(
                "{} is not initialised yet; run `phananh init --db {}`",
                path.display(),
                path.display()
            ),
        ),
        Refusal::AlreadyOurs(path) => lang.pick(
            format!(
                "{} đã là cơ sở dữ liệu phananh; không thay đổi gì.",
                path.display()
            ),
            format!(
                "{} is already a phananh database; nothing was changed",
                path.display()
            ),
        ),
        Refusal::NotOurs(path) => lang.pick(
            format!(
                "{} không phải là cơ sở dữ liệu phananh; không chạm vào tệp này. Hãy chọn tệp khác bằng --db.",
                path.display()
            ),
            format!(
                "{} is not a phananh database; it was left untouched. Choose another file with --db",
                path.display()
            ),
        ),
        Refusal::QueueUnusable { path, found } => queue_unusable(path, found, lang),
        Refusal::EventDropped { id } => lang.pick(
            format!(
                "Sự kiện {id} không được ghi vào nhật ký (một trigger lạ trong tệp đã bỏ nó); không thực hiện gì."
            ),
            format!(
                "event {id} was not written to the log (a trigger planted in the file dropped it); nothing was done"
            ),
        ),
    }
}

/// A writers' queue file that cannot be used: what stands there, or why it did not open,
/// and what to do (it is made again when it is gone).
fn queue_unusable(path: &Path, found: &QueueFound, lang: Lang) -> String {
    let file = path.display();
    match found {
        QueueFound::Standing(Standing::Link) => lang.pick(
            format!(
                "Tệp xếp hàng ghi {file} là một liên kết tượng trưng (symlink); phananh không mở tệp qua liên kết; hãy xóa nó (phananh tạo lại) rồi chạy lại."
            ),
            format!(
                "the writers' queue file {file} is a symbolic link; phananh never opens one; remove it (phananh makes it again) and run again"
            ),
        ),
        QueueFound::Standing(standing) => {
            let (move_vi, move_en) = move_away_advice(path, *standing);
            lang.pick(
                format!(
                    "Tệp xếp hàng ghi {file} là {}, không phải một tệp thường; {move_vi} (phananh tạo lại tệp) rồi chạy lại.",
                    standing.vi()
                ),
                format!(
                    "the writers' queue file {file} is {}, not a regular file; {move_en} (phananh makes the file again) and run again",
                    standing.en()
                ),
            )
        }
        QueueFound::Failed(e) => lang.pick(
            format!(
                "Tệp xếp hàng ghi {file} không mở được: {}; hãy xóa nó (phananh tạo lại) rồi chạy lại.",
                os_cause_vi(e).0
            ),
            format!(
                "the writers' queue file {file} cannot be opened ({}); remove it (phananh makes it again) and run again",
                e.text
            ),
        ),
        QueueFound::FolderUnwritable(folder) => {
            let folder = folder.display();
            lang.pick(
                format!(
                    "Không tạo được tệp xếp hàng ghi {file}: tài khoản này không có quyền ghi vào thư mục {folder}, mà các lệnh ghi cần tạo tệp bên cạnh cơ sở dữ liệu. Không có gì thay đổi. Hãy chạy lệnh dưới tài khoản sở hữu cơ sở dữ liệu và thư mục ấy (trên máy chủ: qua sudo, lệnh `pa …`, xem SECURITY.md), hoặc cho tài khoản này quyền ghi vào {folder}; các lệnh chỉ đọc vẫn dùng được."
                ),
                format!(
                    "cannot make the writers' queue file {file}: this account may not write in the folder {folder}, and writing commands need to make files beside the database. Nothing was changed. Run the command as the account that owns the database and that folder (on a server: through sudo, the `pa …` wrapper, see SECURITY.md), or let this account write in {folder}; reading commands still work"
                ),
            )
        }
        QueueFound::Unsteady => lang.pick(
            format!(
                "Tệp xếp hàng ghi {file} cứ xuất hiện rồi biến mất khi phananh mở nó: một tiến trình khác đang tạo và xóa nó. Hãy xem đó là tiến trình nào (`fuser -v {file}`) rồi chạy lại."
            ),
            format!(
                "the writers' queue file {file} keeps appearing and vanishing as phananh opens it: another process makes and removes it. See which (`fuser -v {file}`), then run again"
            ),
        ),
    }
}

/// The notice of a writer that waits long for its turn: who holds the database, that
/// nothing is lost by waiting, and the `ps` line to look at the holder with (its own number
/// when known, to be run as it is). Past `storage::queue::LONG_WAIT`, said to cron too, it
/// says what the wait holds up.
impl Bilingual for Waiting {
    fn vi(&self) -> Cow<'static, str> {
        let who = match &self.holder {
            Some((pid, command)) => format!("tiến trình {pid} ({command}) đang ghi"),
            None => "một tiến trình khác đang ghi".to_owned(),
        };
        let (db, ps) = (self.db.display(), ps_target(self));
        if self.long {
            return format!(
                "Vẫn đang chờ đến lượt ghi vào {db} sau hơn {minutes} phút: {who}. Trong lúc chờ, lệnh này chưa làm được việc của nó (`sweep` chưa nhắc hạn nào); hãy xem tiến trình kia bằng `ps -p {ps}` và dừng nó nếu bị treo. Lệnh vẫn chờ tiếp, không mất gì.",
                minutes = long_minutes()
            )
            .into();
        }
        format!(
            "Đang chờ đến lượt ghi vào {db}: {who}. Lệnh sẽ tự tiếp tục khi đến lượt, không mất gì; nếu tiến trình kia bị treo, hãy xem nó bằng `ps -p {ps}`."
        )
        .into()
    }

    fn en(&self) -> Cow<'static, str> {
        let who = match &self.holder {
            Some((pid, command)) => format!("process {pid} ({command}) is writing"),
            None => "another process is writing".to_owned(),
        };
        let (db, ps) = (self.db.display(), ps_target(self));
        if self.long {
            return format!(
                "still waiting for a turn to write {db} after more than {minutes} minutes: {who}. Meanwhile this command does none of its work (a `sweep` records no reminder); look at that process with `ps -p {ps}` and stop it if it hangs. This goes on waiting and nothing is lost",
                minutes = long_minutes()
            )
            .into();
        }
        format!(
            "waiting for a turn to write {db}: {who}. This goes on by itself when the turn comes and nothing is lost; if that process hangs, look at it with `ps -p {ps}`"
        )
        .into()
    }
}

fn long_minutes() -> u64 {
    crate::storage::queue::LONG_WAIT.as_secs() / 60
}

/// What `ps -p` is given in the notice: the holder's number, or the word for it when the
/// holder is not known.
fn ps_target(waiting: &Waiting) -> String {
    waiting
        .holder
        .as_ref()
        .map_or_else(|| "PID".to_owned(), |(pid, _)| pid.to_string())
}

/// What stands at a name that is not a regular file, said to the operator.
impl Bilingual for Standing {
    fn vi(&self) -> Cow<'static, str> {
        match self {
            Standing::Folder => "một thư mục",
            Standing::Link => "một liên kết tượng trưng (symlink)",
            Standing::Pipe => "một ống có tên (FIFO)",
            Standing::Socket => "một socket",
            Standing::Device => "một tệp thiết bị",
            Standing::File => "một tệp",
        }
        .into()
    }

    fn en(&self) -> Cow<'static, str> {
        match self {
            Standing::Folder => "a folder",
            Standing::Link => "a symbolic link",
            Standing::Pipe => "a named pipe (FIFO)",
            Standing::Socket => "a socket",
            Standing::Device => "a device file",
            Standing::File => "a file",
        }
        .into()
    }
}

/// The advice for something found at `path` that the operator did not expect there: look
/// at it, and move it away rather than delete it (a folder does not go with `rm`, and what
/// it holds may be someone's), as (vi, en).
pub fn move_away_advice(path: &Path, standing: Standing) -> (String, String) {
    let word = shell_word(&path.to_string_lossy());
    let aside = shell_word(&crate::storage::private::with_suffix(path, ".moved").to_string_lossy());
    let look = if standing == Standing::Folder {
        format!("ls -la {word}")
    } else {
        format!("ls -l {word}")
    };
    (
        format!("hãy xem đó là gì (`{look}`), chuyển nó đi chỗ khác (`mv {word} {aside}`)"),
        format!("see what it is (`{look}`), move it away (`mv {word} {aside}`)"),
    )
}

/// Why nothing was read, in each language: the system's own text of a rarer I/O error is
/// kept in both (`i18n::io_vi`), which at least names it.
impl Bilingual for ReadError {
    fn vi(&self) -> Cow<'static, str> {
        match self {
            ReadError::NotRegular(standing) => {
                format!("{}, không phải một tệp thường", standing.vi()).into()
            }
            ReadError::TooLarge(limit) => format!("lớn hơn {}", size_of_limit(*limit)).into(),
            ReadError::Io(e) => crate::i18n::io_vi(e).into(),
        }
    }

    fn en(&self) -> Cow<'static, str> {
        match self {
            ReadError::NotRegular(standing) => {
                format!("{}, not a regular file", standing.en()).into()
            }
            ReadError::TooLarge(limit) => format!("larger than {}", size_of_limit(*limit)).into(),
            ReadError::Io(e) => e.to_string().into(),
        }
    }
}

/// In English, as an error's `Display` is (`i18n::Localized`); a message gives `vi()` to
/// a Vietnamese reader.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

/// A read limit as a message says it: in MiB when it is whole MiB ("8 MiB", not "8192
/// KiB"), else in KiB.
fn size_of_limit(limit: u64) -> String {
    if limit >= 1 << 20 && limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{} KiB", limit >> 10)
    }
}

impl Bilingual for Refused {
    fn vi(&self) -> Cow<'static, str> {
        refused(self, Lang::Vi).into()
    }

    fn en(&self) -> Cow<'static, str> {
        refused(self, Lang::En).into()
    }
}

/// English, as an error's `Display` is (for logs and `anyhow` chains).
impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

fn refused(refused: &Refused, lang: Lang) -> String {
    match refused {
        Refused::Standing { path, standing } => {
            // Said what it is, and moved rather than removed: `rm` fails on a folder, and
            // what stands where phananh was to write may be someone's (a key, a backup).
            let (vi, en) = if *standing == Standing::Link {
                (
                    "là một liên kết tượng trưng (symlink); phananh không ghi qua liên kết"
                        .to_owned(),
                    "is a symbolic link; phananh never writes through one".to_owned(),
                )
            } else {
                (
                    format!("đã tồn tại ({}); phananh không ghi đè", standing.vi()),
                    format!(
                        "already exists ({}); phananh never writes over it",
                        standing.en()
                    ),
                )
            };
            let (move_vi, move_en) = move_away_advice(path, *standing);
            lang.pick(
                format!(
                    "{} {vi}: {move_vi} hoặc chọn tên khác, rồi chạy lại.",
                    path.display()
                ),
                format!(
                    "{} {en}: {move_en} or choose another name, then run again",
                    path.display()
                ),
            )
        }
        Refused::NotMade {
            path,
            error,
            runs_as: Some(account),
        } => lang.pick(
            format!(
                "Không tạo được {}: tài khoản hệ điều hành {account}, tài khoản ghi tệp, không có quyền ghi vào thư mục ấy; hãy kiểm tra thư mục có tồn tại và {account} ghi được vào đó (qua `pa` thì tệp do tài khoản dịch vụ ghi, không phải tài khoản của bạn: xem hướng dẫn mục 10).",
                path.display()
            ),
            format!(
                "cannot create {}: the operating-system account {account}, which writes the file, may not write in that folder ({error}); check that the folder exists and that {account} may write in it (through `pa` the service account writes the file, not yours: see guide §10)",
                path.display()
            ),
        ),
        Refused::NotMade { path, error, .. } => lang.pick(
            format!(
                "Không tạo được {}: {}; hãy kiểm tra thư mục có tồn tại và ghi được.",
                path.display(),
                crate::i18n::io_write_vi(error)
            ),
            format!(
                "cannot create {}: {error}; check that the folder exists and is writable",
                path.display()
            ),
        ),
        Refused::NotNarrowed { file, was, error } => lang.pick(
            format!(
                "{} có quyền {was:04o}: mọi tài khoản trên máy đọc được họ tên, số điện thoại người phản ánh, và phananh không thu hẹp được: {}. Hãy để chủ tệp chạy `chmod o-rwx {}` (hoặc `chmod 600`) rồi chạy lại.",
                file.display(),
                os_cause_vi(&error.into()).0,
                file.display()
            ),
            format!(
                "{} has mode {was:04o}: every account on this machine can read reporters' names and phones, and phananh cannot narrow it ({error}); have the file's owner run `chmod o-rwx {}` (or `chmod 600`), then run again",
                file.display(),
                file.display()
            ),
        ),
        Refused::OutIsLink(out) => lang.pick(
            format!(
                "{} là một liên kết tượng trưng (symlink); phananh không ghi qua liên kết. Hãy xóa nó hoặc chọn tên khác.",
                out.display()
            ),
            format!(
                "{} is a symbolic link; phananh never writes through one. Remove it or choose another name",
                out.display()
            ),
        ),
        Refused::OutIsFolder(out) => lang.pick(
            format!(
                "{} là một thư mục; --out cần tên một tệp (ví dụ {}/bao-cao.html). Không có gì thay đổi.",
                out.display(),
                out.display()
            ),
            format!(
                "{} is a folder; --out needs a file's name (for example {}/report.html). Nothing was changed",
                out.display(),
                out.display()
            ),
        ),
        Refused::OutIsKept(out) => lang.pick(
            format!(
                "{} là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó: phananh không bao giờ ghi đè lên đó (kể cả với --force); không có gì thay đổi. Hãy chọn tên khác cho --out.",
                out.display()
            ),
            format!(
                "{} is the database, one of its side files or its key file: phananh never writes over it (not even with --force); nothing was changed. Choose another name for --out",
                out.display()
            ),
        ),
        Refused::OutHoldsData(out) => lang.pick(
            format!(
                "{} là một cơ sở dữ liệu SQLite hoặc tệp khóa (một bản sao lưu?): phananh không bao giờ ghi đè lên đó (kể cả với --force); không có gì thay đổi. Hãy chọn tên khác cho --out.",
                out.display()
            ),
            format!(
                "{} is a SQLite database or a key file (a backup?): phananh never writes over it (not even with --force); nothing was changed. Choose another name for --out",
                out.display()
            ),
        ),
        Refused::OutExistsForAnother(out) => lang.pick(
            format!(
                "{} đã tồn tại, và lệnh này chạy qua sudo thay cho người khác: tệp ở đó là của tài khoản dịch vụ (danh sách của cron, điểm kiểm tra…), không được thay kể cả với --force; không có gì thay đổi. Hãy chọn tên khác, hoặc nhận kết quả ở đầu ra chuẩn (`pa … > tệp`).",
                out.display()
            ),
            format!(
                "{} already exists, and this command runs through sudo for another person: files there are the service account's (cron's listing, the checkpoints), not replaced even with --force; nothing was changed. Choose another name, or take the output on standard output (`pa … > file`)",
                out.display()
            ),
        ),
        Refused::OutExists(out) => lang.pick(
            format!(
                "{} đã tồn tại; không có gì thay đổi. Hãy chọn tên khác, hoặc thêm --force nếu muốn thay nó.",
                out.display()
            ),
            format!(
                "{} already exists; nothing was changed. Choose another name, or add --force to replace it",
                out.display()
            ),
        ),
        Refused::InIsKept(file) => lang.pick(
            format!(
                "{} là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó: phananh không bao giờ đọc tệp đó làm đầu vào (nội dung sẽ bị in ra, ghi vào nhật ký hoặc công bố); không có gì thay đổi. Hãy chọn đúng tệp.",
                file.display()
            ),
            format!(
                "{} is the database, one of its side files or its key file: phananh never reads it as input (what is read is shown, logged or published); nothing was changed. Name the right file",
                file.display()
            ),
        ),
        Refused::InHoldsSecret(file) => lang.pick(
            format!(
                "{} là một cơ sở dữ liệu SQLite hoặc một khóa bí mật (khóa danh tính, khóa ký điểm kiểm tra): phananh không bao giờ đọc tệp đó làm đầu vào (nội dung sẽ bị in ra, ghi vào nhật ký hoặc công bố); không có gì thay đổi. Hãy chọn đúng tệp.",
                file.display()
            ),
            format!(
                "{} is a SQLite database or a secret key (the identity key, the checkpoints' signing key): phananh never reads it as input (what is read is shown, logged or published); nothing was changed. Name the right file",
                file.display()
            ),
        ),
        Refused::InUnreachable { path, login, dash } => {
            let file = shell_word(&path.display().to_string());
            let (way_vi, way_en) = match dash {
                Some(option) => (
                    format!("đưa tệp qua đầu vào chuẩn: `pa … {option} - < {file}`"),
                    format!("give it on standard input: `pa … {option} - < {file}`"),
                ),
                None => (
                    "chép tệp vào một thư mục tài khoản dịch vụ vào được và cho nó quyền đọc tệp".to_owned(),
                    "copy it to a folder the service account may enter and let it read the file".to_owned(),
                ),
            };
            lang.pick(
                format!(
                    "Không đọc được tệp {}: lệnh chạy qua sudo (`pa`) nên tệp được mở bằng quyền của tài khoản dịch vụ, mà tài khoản ấy không vào được thư mục chứa tệp (thư mục nhà của {login} thường chỉ {login} vào được). Hãy {way_vi}; không có gì thay đổi.",
                    path.display()
                ),
                format!(
                    "{} could not be read: this command runs through sudo (`pa`), so files are opened with the service account's rights, and that account may not enter the file's folder ({login}'s home folder is usually theirs alone). Please {way_en}; nothing was changed",
                    path.display()
                ),
            )
        }
        Refused::InNotTheirs { path, login, dash } => {
            let file = shell_word(&path.display().to_string());
            let (stdin_vi, stdin_en) = match dash {
                Some(option) => (
                    format!(", hoặc đưa nó qua đầu vào chuẩn (`{option} - < {file}`)"),
                    format!(", or give it on standard input (`{option} - < {file}`)"),
                ),
                None => (String::new(), String::new()),
            };
            lang.pick(
                format!(
                    "Không đọc tệp {}: lệnh chạy qua sudo nên tệp được mở bằng quyền của tài khoản dịch vụ, mà chính tài khoản {login} không đọc được tệp này (phananh chỉ đọc tệp của {login} có quyền đọc cho chủ, hoặc tệp mọi tài khoản đọc được, nằm trong thư mục {login} vào được). Hãy đưa một tệp của chính mình có quyền đọc cho chủ, hoặc một tệp mọi tài khoản đọc được{stdin_vi}; không có gì thay đổi.",
                    path.display()
                ),
                format!(
                    "{} is not read: this command runs through sudo, so files are opened with the service account's rights, and the login {login} could not read this one itself (phananh reads only a file of {login}'s that its owner may read, or one every account may read, in folders {login} may enter). Give a file of your own that its owner may read, or one every account may read{stdin_en}; nothing was changed",
                    path.display()
                ),
            )
        }
    }
}

impl Bilingual for Diagnosis {
    fn vi(&self) -> Cow<'static, str> {
        diagnosed(self, Lang::Vi).into()
    }

    fn en(&self) -> Cow<'static, str> {
        diagnosed(self, Lang::En).into()
    }
}

/// English, as an error's `Display` is (for logs and `anyhow` chains).
impl std::fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

/// " Tiến trình đang mở tệp: 20508 (sqlite3)." after a sentence saying the database is
/// busy, in each language; nothing when no process could be seen.
pub fn holding(holders: &[(u32, String)]) -> (String, String) {
    if holders.is_empty() {
        return (String::new(), String::new());
    }
    let list = holders
        .iter()
        .map(|(pid, name)| format!("{pid} ({name})"))
        .collect::<Vec<_>>()
        .join(", ");
    (
        format!(" Tiến trình đang mở tệp: {list}."),
        format!(" Processes that have it open: {list}."),
    )
}

/// Each failure of the database or of a file it needs, naming the file and what to do.
fn diagnosed(diagnosis: &Diagnosis, lang: Lang) -> String {
    match diagnosis {
        Diagnosis::Busy {
            file,
            holders,
            seconds,
        } => {
            let file = file.display();
            let (vi_who, en_who) = holding(holders);
            lang.pick(
                format!(
                    "Cơ sở dữ liệu {file} đang bận: một lệnh khác giữ khóa ghi quá {seconds} giây.{vi_who} Không có gì thay đổi; hãy chạy lại sau."
                ),
                format!(
                    "the database {file} is busy: another command held the write lock for more than {seconds} s.{en_who} Nothing was changed; run it again later."
                ),
            )
        }
        Diagnosis::ReadOnly(file) => {
            let file = file.display();
            lang.pick(
                format!(
                    "Không ghi được vào {file}: tệp, thư mục chứa nó hoặc ổ đĩa chỉ cho đọc. Lệnh này cần ghi nên không thay đổi gì; các lệnh chỉ đọc (list, show, report, audit verify…) vẫn dùng được. Hãy chép tệp sang nơi ghi được hoặc nhờ quản trị viên cấp quyền ghi."
                ),
                format!(
                    "cannot write to {file}: the file, its folder or the medium is read-only. This command writes, so nothing was changed; reading commands (list, show, report, audit verify…) still work. Copy the file somewhere writable or ask an admin for write access."
                ),
            )
        }
        Diagnosis::SideReadOnly { file, side } => {
            let (file, shown) = (file.display(), side.display());
            // The -shm holds nothing that lasts; the -wal may hold committed steps.
            let shm = side.as_os_str().to_string_lossy().ends_with("-shm");
            let (delete_vi, delete_en) = if shm {
                (
                    ", hoặc xóa nó lúc không có lệnh phananh nào đang chạy (SQLite tạo lại)",
                    ", or delete it while no phananh command is running (SQLite makes it again)",
                )
            } else {
                ("", "")
            };
            lang.pick(
                format!(
                    "Không ghi được vào {file}: tệp đi kèm {shown} chỉ cho đọc (do một lệnh chạy lúc cơ sở dữ liệu còn chỉ cho đọc tạo ra), dù chính cơ sở dữ liệu ghi được. Lệnh này cần ghi nên không thay đổi gì. Hãy cho tệp ấy quyền ghi như cơ sở dữ liệu (`chmod 600 {shown}`){delete_vi}."
                ),
                format!(
                    "cannot write to {file}: its side file {shown} is read-only (made by a command that ran while the database could only be read), though the database itself is writable. This command writes, so nothing was changed. Give that file the database's write permission (`chmod 600 {shown}`){delete_en}."
                ),
            )
        }
        Diagnosis::DiskFull(file) => {
            let file = file.display();
            lang.pick(
                format!(
                    "Đĩa chứa {file} đã đầy (hoặc tệp chạm giới hạn kích thước): bước đang làm dở đã được hủy, mọi thứ ghi xong trước đó vẫn còn nguyên và chuỗi nhật ký không bị ảnh hưởng. Hãy giải phóng chỗ trống rồi chạy lại lệnh."
                ),
                format!(
                    "the disk holding {file} is full (or the file reached its size limit): the unfinished step was undone; everything written before it is kept and the audit chain is intact. Free some space and run the command again."
                ),
            )
        }
        // The general message keeps "everything written before it", but `init` is all or
        // nothing (`storage::build`) and left nothing, neither a database nor a key, so the
        // operator runs `init` again rather than look for what was kept.
        Diagnosis::InitDiskFull(file) => {
            let file = file.display();
            lang.pick(
                format!(
                    "Đĩa chứa {file} đã đầy (hoặc tệp chạm giới hạn kích thước): `init` không tạo gì, không có cơ sở dữ liệu cũng không có tệp khóa. Hãy giải phóng chỗ trống rồi chạy lại `phananh init`."
                ),
                format!(
                    "the disk holding {file} is full (or the file reached its size limit): init made nothing, neither the database nor its key. Free some space and run `phananh init` again"
                ),
            )
        }
        // Said of what was being written, not of the database: a report or a list that
        // could not be written changes nothing in it, and the database's disk may have room.
        Diagnosis::OutputFull(Some(file)) => {
            let file = file.display();
            lang.pick(
                format!(
                    "Đĩa chứa {file} đã đầy (hoặc tệp chạm giới hạn kích thước): lệnh dừng khi đang ghi {file} và không để lại tệp ghi dở nào dưới tên ấy. Hãy giải phóng chỗ trống (hoặc chọn --out ở đĩa khác) rồi chạy lại lệnh."
                ),
                format!(
                    "the disk holding {file} is full (or the file reached its size limit): the command stopped while writing {file} and left no half-written file under that name. Free some space (or choose an --out on another disk) and run the command again."
                ),
            )
        }
        Diagnosis::OutputFull(None) => lang.pick(
            "Đĩa nhận kết quả của lệnh đã đầy (hoặc tệp chạm giới hạn kích thước): lệnh dừng giữa chừng, nên những gì đã in ra, hay tệp mà đầu ra được chuyển vào, không đầy đủ. Hãy giải phóng chỗ trống (kể cả thư mục tạm) rồi chạy lại lệnh.".to_owned(),
            "the disk receiving the command's output is full (or a file reached its size limit): the command stopped midway, so what it printed, or the file its output was redirected to, is incomplete. Free some space (the temporary folder too) and run the command again.".to_owned(),
        ),
        Diagnosis::Denied(file) => {
            let file = file.display();
            lang.pick(
                format!(
                    "Không có quyền truy cập {file}: một thư mục trên đường dẫn không cho tài khoản này vào. Không có gì thay đổi. Trên máy chủ, cơ sở dữ liệu thuộc tài khoản dịch vụ: hãy chạy phananh qua sudo (lệnh `pa …` của quản trị viên, xem SECURITY.md), hoặc nhờ quản trị viên cấp quyền."
                ),
                format!(
                    "permission denied reaching {file}: a folder on its path does not let this account in. Nothing was changed. On a server the database belongs to the service account: run phananh through sudo (the admin's `pa …` wrapper, see SECURITY.md), or ask an admin for access."
                ),
            )
        }
        Diagnosis::AFolder(path) => {
            let file = path.display();
            let inside = shell_word(&path.join("phananh.sqlite").display().to_string());
            lang.pick(
                format!(
                    "{file} là một thư mục, không phải tệp cơ sở dữ liệu; hãy chỉ định tệp trong thư mục, ví dụ `--db {inside}`."
                ),
                format!(
                    "{file} is a folder, not a database file; point --db at the file in it, e.g. `--db {inside}`."
                ),
            )
        }
        Diagnosis::Damaged(file) => {
            let file = file.display();
            lang.pick(
                format!(
                    "{file} là cơ sở dữ liệu phananh nhưng bị cắt cụt hoặc hư hỏng; đã để nguyên tệp. `restore` không thay được một tệp hỏng: hãy tự tay thay nó bằng một bản sao lưu, theo các bước `phananh restore BẢN_SAO` in ra (hướng dẫn §7)."
                ),
                format!(
                    "{file} is a phananh database but truncated or damaged; it was left untouched. `restore` cannot replace a damaged file: replace it by hand with a backup, by the steps `phananh restore BACKUP` prints (guide §7)."
                ),
            )
        }
        Diagnosis::MissingFolder {
            path,
            folder,
            wanted,
        } => missing_folder(path, folder, *wanted, lang),
        Diagnosis::NotAFolder {
            path,
            blocker,
            wanted,
        } => not_a_folder(path, blocker, *wanted, lang),
        Diagnosis::FolderReadOnly { path, folder } => {
            let (file, folder) = (path.display(), folder.display());
            lang.pick(
                format!(
                    "Không mở được {file}: thư mục {folder} chỉ cho đọc, mà SQLite cần tạo tệp -wal và -shm bên cạnh. Các lệnh chỉ đọc vẫn dùng được với bản sao lưu; để ghi, hãy chép tệp sang nơi ghi được."
                ),
                format!(
                    "cannot open {file}: the folder {folder} is read-only and SQLite needs to create its -wal and -shm files beside it. Reading commands work on a backup; to write, copy the file somewhere writable."
                ),
            )
        }
        Diagnosis::CannotOpen(file) => {
            let file = file.display();
            lang.pick(
                format!("Không mở được {file}: kiểm tra quyền đọc/ghi của tệp và thư mục."),
                format!("cannot open {file}: check the permissions of the file and its folder."),
            )
        }
        Diagnosis::Taken(file) => {
            let file = file.display();
            let shown = shell_word(&file.to_string());
            lang.pick(
                format!(
                    "Đã có một tệp hoặc liên kết tượng trưng tại {file} (có thể là liên kết tới tệp không tồn tại): phananh không ghi đè lên nó và không tạo gì. Hãy xem đó là gì (`ls -l {shown}`), xóa hoặc chuyển nó đi, hoặc chỉ định --db khác."
                ),
                format!(
                    "something already stands at {file}, a file or a symbolic link (perhaps to a file that does not exist): phananh does not write over it and made nothing. See what it is (`ls -l {shown}`), remove or move it, or name another --db."
                ),
            )
        }
        Diagnosis::Failed { step, why, said } => failed(step.as_ref(), why, said, lang),
    }
}

/// A step on a file that failed for a cause no other diagnosis names: the step and the file
/// in the user's language, why as far as the system's or SQLite's error tells (its own text,
/// for a technician, only where nothing better is known), and what to do. English keeps the
/// failure's own chain, as it read before, with the same advice.
fn failed(step: Option<&Doing>, why: &Why, said: &str, lang: Lang) -> String {
    let (cause, known) = why_vi(why);
    let no_locks = match why {
        Why::Os(e) => e.errno == Some(nix::libc::ENOLCK),
        Why::Sqlite { code, .. } => sqlite_lock_failed(*code),
        Why::Other(_) => false,
    };
    let (next_vi, next_en) = if no_locks {
        (
            "Hãy để cơ sở dữ liệu trên ổ đĩa của máy chạy phananh, không phải ổ mạng, rồi chạy lại.",
            "Keep the database on a disk of the machine that runs phananh, not on a network share, then run again.",
        )
    } else if known {
        (
            "Hãy khắc phục nguyên nhân trên rồi chạy lại.",
            "Mend that cause, then run again.",
        )
    } else {
        (
            "Hãy chạy lại; nếu lỗi còn, báo quản trị viên kèm nguyên văn thông báo này.",
            "Run again; if it persists, tell an admin, quoting this message.",
        )
    };
    let (next_vi, next_en) = match step.map(|d| d.step) {
        // `init` is all or nothing (`storage::build`): nothing of it is left to look for.
        Some(Step::PutInPlace) => (
            format!("`init` không tạo gì. {next_vi}"),
            format!("init made nothing. {next_en}"),
        ),
        _ => (next_vi.to_owned(), next_en.to_owned()),
    };
    match lang {
        Lang::Vi => {
            let what = step.map_or_else(
                || "Lệnh không làm tiếp được với cơ sở dữ liệu".to_owned(),
                step_vi,
            );
            format!("{what}: {cause}. {next_vi}")
        }
        Lang::En => format!("{said}. {next_en}"),
    }
}

/// The step that failed, and its file, as a Vietnamese sentence starts.
fn step_vi(doing: &Doing) -> String {
    let file = doing.file.display();
    match doing.step {
        Step::Lock => format!("Không khóa được {file}"),
        Step::LockToRead => format!("Không khóa được {file} để đọc"),
        Step::Queue => format!("Không vào được hàng chờ ghi của {file}"),
        Step::Create => format!("Không tạo được {file}"),
        Step::Open => format!("Không mở được {file}"),
        Step::Read => format!("Không đọc được {file}"),
        Step::PutInPlace => format!("Không đặt được cơ sở dữ liệu mới vào chỗ {file}"),
    }
}

/// Why a step failed, in Vietnamese, and whether the cause is known: an unknown one is
/// said as such, with the system's or SQLite's own text in parentheses for a technician.
fn why_vi(why: &Why) -> (String, bool) {
    match why {
        Why::Os(e) => os_cause_vi(e),
        Why::Sqlite { code, text } => {
            let known = if sqlite_lock_failed(*code) {
                crate::i18n::io_cause_vi(&std::io::Error::from_raw_os_error(nix::libc::ENOLCK))
            } else if *code & 0xff == rusqlite::ffi::SQLITE_NOMEM {
                Some("máy không còn đủ bộ nhớ")
            } else {
                None
            };
            match known {
                Some(cause) => (cause.to_owned(), true),
                None => (
                    format!("SQLite báo một lỗi phananh không nhận ra ({text}, mã {code})"),
                    false,
                ),
            }
        }
        Why::Other(text) => (format!("lỗi phananh không nhận ra ({text})"), false),
    }
}

/// A system's error in Vietnamese, and whether its cause is known (`i18n::io_cause_vi`).
fn os_cause_vi(e: &OsError) -> (String, bool) {
    match crate::i18n::io_cause_vi(&e.to_io()) {
        Some(cause) => (cause.to_owned(), true),
        None => (
            format!("hệ thống báo một lỗi phananh không nhận ra ({})", e.text),
            false,
        ),
    }
}

/// Whether SQLite's extended code is a file lock the file system refused (a network share
/// without its lock service).
fn sqlite_lock_failed(code: i32) -> bool {
    use rusqlite::ffi;
    [
        ffi::SQLITE_IOERR_LOCK,
        ffi::SQLITE_IOERR_RDLOCK,
        ffi::SQLITE_IOERR_UNLOCK,
        ffi::SQLITE_IOERR_CHECKRESERVEDLOCK,
    ]
    .contains(&code)
}

/// The folder `folder` that `path` would be in does not exist: says which, and the command
/// that makes it (owner only, as the database and its backups are, for the reporters'
/// personal data).
fn missing_folder(path: &Path, folder: &Path, wanted: Wanted, lang: Lang) -> String {
    let mkdir = format!(
        "mkdir -p -m 700 {}",
        shell_word(&folder.display().to_string())
    );
    let (file, folder) = (path.display(), folder.display());
    match wanted {
        Wanted::Database => lang.pick(
            format!(
                "Thư mục {folder} không tồn tại, nên không có cơ sở dữ liệu {file}. Nếu đường dẫn đúng, hãy tạo thư mục (`{mkdir}`) rồi tạo cơ sở dữ liệu (`phananh init`); nếu không, hãy chỉ định đúng --db."
            ),
            format!(
                "the folder {folder} does not exist, so there is no database {file}. If the path is right, create the folder (`{mkdir}`) and then the database (`phananh init`); otherwise point --db at the right file."
            ),
        ),
        Wanted::NewDatabase => lang.pick(
            format!(
                "Thư mục {folder} không tồn tại nên không tạo được {file}; không tạo gì cả. Hãy tạo thư mục trước (`{mkdir}`: chỉ chủ sở hữu vào được, vì tệp chứa thông tin cá nhân) rồi chạy lại, hoặc chỉ định --db khác."
            ),
            format!(
                "the folder {folder} does not exist, so {file} cannot be created; nothing was made. Create the folder first (`{mkdir}`: only its owner may enter, as the file holds personal data) and run this again, or point --db elsewhere."
            ),
        ),
        Wanted::Output => lang.pick(
            format!(
                "Thư mục {folder} không tồn tại nên không ghi được {file}; không ghi gì cả. Hãy tạo thư mục trước (`{mkdir}`) rồi chạy lại, hoặc chọn nơi khác."
            ),
            format!(
                "the folder {folder} does not exist, so {file} cannot be written; nothing was written. Create the folder first (`{mkdir}`) and run this again, or choose another place."
            ),
        ),
    }
}

/// A file, `blocker`, stands where a folder is needed on the way to `path`: there `mkdir
/// -p` fails too, so the advice of [`missing_folder`] would not do.
fn not_a_folder(path: &Path, blocker: &Path, wanted: Wanted, lang: Lang) -> String {
    let (file, blocker) = (path.display(), blocker.display());
    let (vi, en) = match wanted {
        Wanted::Database => (
            format!("nên không có cơ sở dữ liệu {file}; hãy chỉ định đúng --db."),
            format!("so there is no database {file}; point --db at the right file."),
        ),
        Wanted::NewDatabase | Wanted::Output => (
            format!(
                "nên không ghi được {file}; không ghi gì cả. Hãy chọn nơi khác, hoặc chuyển tệp {blocker} đi rồi chạy lại."
            ),
            format!(
                "so {file} cannot be written; nothing was written. Choose another place, or move the file {blocker} away and run this again."
            ),
        ),
    };
    lang.pick(
        format!("{blocker} là một tệp, không phải thư mục, {vi}"),
        format!("{blocker} is a file, not a folder, {en}"),
    )
}

/// `word` as a shell reads it back: as it is when it holds only characters no shell treats
/// specially, else in single quotes.
pub(crate) fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::storage::diagnose::Wanted;

    #[test]
    fn the_folder_to_make_is_written_as_a_shell_reads_it_back() {
        assert_eq!(shell_word("/srv/phananh"), "/srv/phananh");
        assert_eq!(shell_word("/home/lan/dữ liệu"), "'/home/lan/dữ liệu'");
        assert_eq!(shell_word("/tmp/a'b"), "'/tmp/a'\\''b'");
        assert_eq!(shell_word("/tmp/$(rm -rf ~)"), "'/tmp/$(rm -rf ~)'");
        let failure = crate::storage::diagnose::missing_folder(
            Path::new("/srv/chua co/p.sqlite"),
            Wanted::NewDatabase,
        );
        let text = crate::exit::message_of(&anyhow::Error::new(failure), crate::i18n::Lang::Vi);
        assert!(text.contains("`mkdir -p -m 700 '/srv/chua co'`"), "{text}");
    }
}
