//! What the context every command runs in says (`app::Context`): while it opens the
//! database (a restore to wait for, a schema to upgrade, a file narrowed to its owner, what
//! a database made by an older phananh gained on first use), as it takes the acting account
//! (none given, none such, a refusal), and when a report named cannot be found; the
//! global options it refuses (a `--now` that is no time, a pinned file given twice); and the
//! words of a usage error clap's own do not say (a word typed past what a command takes,
//! where to read the command's usage). Built from what the context found; nothing here
//! reads the database.

use std::path::Path;

use crate::domain::access::{Operation, Refusal};
use crate::domain::audit::ChainBreak;
use crate::i18n::{Bilingual, Localized, count_en};

/// Said while a restore holds the database.
pub fn waiting_for_restore() -> Localized {
    Localized::new(
        "Đang chờ một lệnh khôi phục chạy xong…",
        "waiting for a restore to finish…",
    )
}

/// Said before a schema migration, which rewrites tables and takes about half a minute on
/// a database of a million reports.
pub fn upgrading(from: i64, to: i64) -> Localized {
    Localized::new(
        format!(
            "Đang nâng lược đồ cơ sở dữ liệu từ phiên bản {from} lên {to} (một lần, sau khi cập nhật phananh)…"
        ),
        format!(
            "upgrading the database schema from version {from} to {to} (once, after updating phananh)…"
        ),
    )
}

/// A file of the database whose mode was narrowed from `was` to `now`.
pub fn narrowed(path: &Path, was: u32, now: u32) -> Localized {
    Localized::new(
        format!(
            "Đã thu hẹp quyền của {} từ {was:04o} xuống {now:04o}: tệp chứa họ tên, số điện thoại người phản ánh, không để mọi tài khoản trên máy đọc được.",
            path.display(),
        ),
        format!(
            "narrowed {} from mode {was:04o} to {now:04o}: it holds reporters' names and phones, which not every account on this machine may read",
            path.display(),
        ),
    )
}

/// The clocks rebuilt from the log of a database made before clocks.
pub fn clocks_rebuilt(rebuilt: u64) -> Localized {
    Localized::new(
        format!(
            "Đã dựng lại {rebuilt} thời hạn từ nhật ký (cơ sở dữ liệu tạo trước khi có thời hạn).",
            rebuilt = crate::i18n::grouped(rebuilt, crate::i18n::Lang::Vi)
        ),
        format!(
            "rebuilt {} from the log (the database predates clocks)",
            count_en(rebuilt, "clock", "clocks")
        ),
    )
}

/// The identities encrypted in a database made before encryption.
///
/// The file is clean; the copies made before are not, and phananh never touches them: the
/// notice says so, and what to do, or the admin reads "no clear byte is left" while the
/// backup folder and any copy off-site keep every name and phone (SECURITY.md "Identity at
/// rest", docs/huong-dan.md §10).
pub fn identities_encrypted(sealed: usize) -> Localized {
    Localized::new(
        format!(
            "Đã mã hóa danh tính người phản ánh của {sealed} phản ánh và ghi lại toàn bộ tệp cơ sở dữ liệu để không còn byte rõ nào của họ tên, số điện thoại trong tệp này (một lần, cơ sở dữ liệu tạo trước khi có mã hóa). Các bản sao lưu và bản chép làm trước lần này (thư mục sao lưu của cron, bản gửi đi nơi khác) vẫn giữ rõ mọi họ tên, số điện thoại: khi đã có bản sao lưu mới, hãy hủy chúng, hoặc cất giữ cẩn mật như tệp khóa (SECURITY.md).",
            sealed = crate::i18n::grouped(sealed, crate::i18n::Lang::Vi)
        ),
        format!(
            "encrypted the reporter's identity of {} and rewrote the whole database file so that no clear byte of a name or phone is left in it (once: the database predates encryption). Backups and copies made before this (the cron's backup folder, copies kept elsewhere) still hold every name and phone in clear: once a new backup is made, destroy them, or keep them under the same guard as the key file (SECURITY.md)",
            count_en(sealed, "report", "reports")
        ),
    )
}

/// The old pages with identities in clear another reader keeps in the file for now. The
/// rewrite stays owed (`app::vault::rewrite_pending`): the next opening does it.
pub fn clear_pages_linger() -> Localized {
    Localized::new(
        "Cảnh báo: một phiên khác (phananh, sqlite3) đang đọc cơ sở dữ liệu, nên các trang cũ còn họ tên, số điện thoại rõ vẫn nằm trong tệp. Hãy đóng các phiên đó: lệnh phananh đầu tiên chạy sau khi chúng đóng (kể cả lệnh chỉ đọc) sẽ ghi lại tệp cho xong.",
        "warning: another session (phananh, sqlite3) is reading the database, so the old pages holding names and phones in clear stay in the file for now. Close those sessions: the first phananh command run after they close (a reading one too) finishes the rewrite",
    )
}

/// The whole rewrite owed since the identities were first encrypted, done now.
pub fn rewrite_finished() -> Localized {
    Localized::new(
        "Đã ghi lại toàn bộ tệp cơ sở dữ liệu để không còn byte rõ nào của họ tên, số điện thoại người phản ánh: việc này còn dở từ lần mã hóa danh tính (bị ngắt giữa chừng, hoặc một phiên khác đã giữ các trang cũ).",
        "rewrote the whole database file so that no clear byte of a reporter's name or phone is left: it was still owed since the identities were encrypted (the rewrite was interrupted, or another session kept the old pages)",
    )
}

/// The whole rewrite still owed and not done now, `why`.
pub fn rewrite_not_finished(why: &Localized) -> Localized {
    Localized::new(
        format!(
            "Cảnh báo: chưa ghi lại được toàn bộ tệp cơ sở dữ liệu, nên các trang cũ còn họ tên, số điện thoại rõ vẫn nằm trong tệp; lệnh phananh sau sẽ thử lại: {}",
            why.vi
        ),
        format!(
            "warning: could not rewrite the whole database file yet, so old pages holding names and phones in clear stay in it; the next phananh command tries again: {}",
            why.en
        ),
    )
}

/// Identities left in clear, `why` the key could not be had.
pub fn still_in_clear(why: &Localized) -> Localized {
    Localized::new(
        format!(
            "Chú ý: họ tên, số điện thoại người phản ánh trong cơ sở dữ liệu này vẫn chưa được mã hóa, vì chưa có khóa: {}",
            why.vi
        ),
        format!(
            "warning: reporters' names and phones in this database are still in clear, for want of its key: {}",
            why.en
        ),
    )
}

/// The reference tables sealed into the log of a database made before sealing.
pub fn tables_sealed() -> Localized {
    Localized::new(
        "Đã niêm phong các bảng tài khoản, cơ quan, lĩnh vực, phân phối, mã dịch vụ, thiết lập và lịch vào nhật ký (một lần, cơ sở dữ liệu tạo trước khi có niêm phong).",
        "sealed the staff, agency, field, route, service code, settings and calendar tables into the log (once: the database predates sealing)",
    )
}

/// Refuses to read a database made by an older phananh in a read-only `folder`: it must be
/// upgraded first, which writes to it. `has_key`: the file is of a schema that has a key
/// file (7 and later); one made before encryption never had one, and "its .key file" sent
/// the admin hunting for a file that does not exist.
pub fn older_in_read_only_folder(path: &Path, folder: &Path, has_key: bool) -> Localized {
    let (what_vi, what_en) = if has_key {
        ("tệp này và tệp khóa .key của nó", "it and its .key file")
    } else {
        (
            "tệp này (nó có từ trước khi có mã hóa nên không có tệp khóa)",
            "it (it predates encryption, so it has no key file)",
        )
    };
    Localized::new(
        format!(
            "{} do một bản phananh cũ hơn tạo ra: phải nâng cấp (ghi vào tệp) trước khi đọc được, mà thư mục {} chỉ đọc. Hãy chép {what_vi} sang một thư mục ghi được rồi chạy lệnh trên bản chép.",
            path.display(),
            folder.display()
        ),
        format!(
            "{} was made by an older phananh: it must be upgraded (written to) before it can be read, and the folder {} is read-only. Copy {what_en} to a writable folder and run the command on the copy",
            path.display(),
            folder.display()
        ),
    )
}

/// No acting account named, where one must be.
pub fn no_account_given() -> Localized {
    Localized::new(
        "Chưa chỉ định tài khoản thực hiện; dùng --as TÊN hoặc biến môi trường PHANANH_USER.",
        "no acting account given; use --as USER or set PHANANH_USER",
    )
}

/// The reason a login to an account that does not exist is logged with.
pub fn unknown_account() -> Localized {
    Localized::new("không có tài khoản này", "unknown account")
}

/// The refusal of a login to the account `user`, which does not exist.
pub fn no_such_account(user: &str) -> Localized {
    Localized::new(
        format!(
            "Không có tài khoản “{user}”; xem `phananh staff list` hoặc nhờ quản trị viên thêm."
        ),
        format!(
            "there is no account \"{user}\"; see `phananh staff list` or ask an admin to add it"
        ),
    )
}

/// `--as` names no account (peer mode): said so, with the existing name it most likely
/// misspells, and never "bind the login to it".
pub fn no_such_account_near(user: &str, near: Option<&str>) -> Localized {
    match near {
        Some(near) => Localized::new(
            format!("Không có tài khoản “{user}”; có phải “{near}”? Xem `phananh staff list`."),
            format!(
                "there is no account \"{user}\"; did you mean \"{near}\"? See `phananh staff list`"
            ),
        ),
        None => no_such_account(user),
    }
}

/// Refuses (exit 5) `operation` on reporters' identities to `username`, whose row the log
/// does not vouch for: a reveal, an erasure, a correction, a change of key, a change of a
/// personal-data setting (`Operation::ManageReference` here), none of which can be taken
/// back.
pub fn unvouched_account(problem: &ChainBreak, username: &str, operation: Operation) -> Localized {
    let (done_vi, may_vi, done_en, may_en) = match operation {
        Operation::Erase => (
            "Không xóa danh tính nào",
            "được xóa danh tính người phản ánh",
            "no identity was erased",
            "may erase identities",
        ),
        Operation::FindReporter => (
            "Không tra cứu gì",
            "được tra cứu người phản ánh theo số điện thoại",
            "nothing was looked up",
            "may look reporters up by phone",
        ),
        Operation::KeyRotate => (
            "Không đổi khóa, không xóa gì",
            "được đổi khóa danh tính",
            "the key was not changed and nothing was erased",
            "may change the identities' key",
        ),
        Operation::CorrectIdentity => (
            "Không sửa danh tính nào",
            "được sửa danh tính người phản ánh",
            "no identity was corrected",
            "may correct identities",
        ),
        Operation::GiveConsent => (
            "Không ghi sự đồng ý nào",
            "được ghi việc người phản ánh đồng ý chia sẻ danh tính",
            "no consent was recorded",
            "may record a reporter's consent",
        ),
        Operation::WithdrawConsent => (
            "Không ghi việc rút đồng ý nào",
            "được ghi việc người phản ánh rút lại sự đồng ý",
            "no withdrawal of consent was recorded",
            "may record a withdrawal of consent",
        ),
        Operation::ManageReference => (
            "Không đổi thiết lập",
            "được đổi thiết lập về dữ liệu cá nhân",
            "the setting was not changed",
            "may change a personal-data setting",
        ),
        _ => (
            "Không hiện danh tính người phản ánh",
            "được xem",
            "no reporter's identity was shown",
            "may see it",
        ),
    };
    Localized::new(
        format!(
            "{done_vi}: nhật ký không xác nhận {}, nên không biết tài khoản {username} có {may_vi} hay không. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi(),
        ),
        format!(
            "{done_en}: the log does not vouch for {}, so whether the account {username} {may_en} cannot be told. Run `phananh audit verify` and tell an admin",
            problem.en(),
        ),
    )
}

/// A refusal (of an action, of a login) as the user reads it.
pub fn refused(refusal: &impl Bilingual) -> Localized {
    Localized::new(
        format!("Bị từ chối: {}", refusal.vi()),
        format!("refused: {}", refusal.en()),
    )
}

/// A refusal said on a backup, which a command that reads does not write to: the
/// refusal, and that it is not in the copy's log (`app::log_refusal`).
pub fn refused_on_a_copy(said: &Localized) -> Localized {
    Localized::new(
        format!(
            "{}. Tệp là một bản sao lưu nên lần bị từ chối này không được ghi vào nhật ký của nó.",
            said.vi.trim_end_matches('.')
        ),
        format!(
            "{}; the file is a backup, so this refusal is not written into its log",
            said.en
        ),
    )
}

/// A refusal said by a command that reads, which could not write it to the log (`why`):
/// the refusal itself, not the failure to log it, which read "this command needs to write
/// … the commands that read still work" about a command that reads.
pub fn refusal_unlogged(said: &Localized, why: &Localized) -> Localized {
    Localized::new(
        format!(
            "{}. Không ghi được lần bị từ chối này vào nhật ký: {}.",
            said.vi.trim_end_matches('.'),
            why.vi.trim_end_matches('.')
        ),
        format!("{}; this refusal could not be logged: {}", said.en, why.en),
    )
}

/// Why a refusal could not be logged for its time: the log's own refusal of it, without the
/// word that opens a refusal, since it follows one.
pub fn why_backdated(backdated: &crate::domain::identity::Backdated) -> Localized {
    let why = Localized::of(backdated);
    Localized::new(
        why.vi.trim_start_matches("Bị từ chối: ").to_owned(),
        why.en.trim_start_matches("refused: ").to_owned(),
    )
}

/// Why a refusal could not be logged: a file, folder or medium that cannot be written, in
/// a few words (its own message tells a writing command what to do instead); anything
/// else as it is said on its own.
pub fn why_unlogged(error: &anyhow::Error) -> Localized {
    use crate::storage::diagnose::Diagnosis;
    let read_only = error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Diagnosis>(),
            Some(Diagnosis::ReadOnly(_) | Diagnosis::FolderReadOnly { .. })
        )
    });
    if read_only {
        return Localized::new(
            "tệp, thư mục chứa nó hoặc ổ đĩa chỉ cho đọc",
            "the file, its folder or the medium is read-only",
        );
    }
    Localized::new(
        crate::exit::message_of(error, crate::i18n::Lang::Vi),
        crate::exit::message_of(error, crate::i18n::Lang::En),
    )
}

/// A refusal that names the action refused: a role's refusal says it already; the others
/// (another agency's report, no consent, a disabled account) get it in front.
pub fn refused_to(operation: Operation, refusal: &Refusal) -> Localized {
    match refusal {
        Refusal::Role { .. } => refused(refusal),
        _ => Localized::new(
            format!("Bị từ chối {}: {}", operation.vi(), refusal.vi()),
            format!("refused to {}: {}", operation.en(), refusal.en()),
        ),
    }
}

/// `operation` refused to a handler of `own`, which held the report and returned it at
/// `returned_at` (stored time); `now` the agency that holds it now, if any. "Không được
/// giao cho cơ quan của bạn" was false of a report the agency held, and is charged for.
pub fn refused_after_return(
    operation: Operation,
    own: &str,
    returned_at: &str,
    now: Option<&str>,
) -> Localized {
    // To the minute, as every list and table gives a time.
    let (vi_at, en_at) = (
        crate::domain::time::written(returned_at, crate::i18n::Lang::Vi, false, ' '),
        crate::domain::time::written(returned_at, crate::i18n::Lang::En, false, ' '),
    );
    let (vi_now, en_now) = match now {
        Some(agency) if agency != own => (
            format!("nay do {agency} xử lý"),
            format!("{agency} handles it now"),
        ),
        _ => (
            "nay là việc của Cổng".to_owned(),
            "it is the portal's now".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "Bị từ chối {}: {own} đã chuyển trả phản ánh này lúc {vi_at}; {vi_now}, chỉ cán bộ xử lý của cơ quan đang được giao mới được thao tác. Lần chuyển trả trễ hạn, hay thời hạn tính cho {own} mà bị quá, nếu có, nằm trong `phananh list --overdue --ever`.",
            operation.vi()
        ),
        format!(
            "refused to {}: {own} returned this report at {en_at}; {en_now}, and only the handlers of the agency it is assigned to may act on it. A late return, or a deadline charged to {own} that was missed, if any, is in `phananh list --overdue --ever`",
            operation.en()
        ),
    )
}

/// A report reference that is neither a number nor `ext:APPID`.
pub fn not_a_report_number(reference: &str) -> Localized {
    Localized::new(
        format!(
            "“{reference}” không phải số phản ánh; dùng số do phananh cấp (xem `phananh list`) hoặc ext:MÃ_ỨNG_DỤNG."
        ),
        format!(
            "\"{reference}\" is not a report number; use the number phananh assigned (see `phananh list`) or ext:APPID"
        ),
    )
}

/// A reference without `ext:` that is the app id (`stored`) of report `id`.
pub fn app_id_without_prefix(reference: &str, id: i64, stored: &str) -> Localized {
    Localized::new(
        format!("“{reference}” là mã ứng dụng của phản ánh {id}; hãy ghi {id} hoặc ext:{stored}."),
        format!("\"{reference}\" is the app id of report {id}; type {id} or ext:{stored}"),
    )
}

/// The command to type for a word a desk guesses as a command of its own (`search`, `find`,
/// `tìm`, `reject`, `từ chối`), which phananh names otherwise: clap's guess by spelling
/// offered `service` for `search` and `field` for `find`. None for any other word. These
/// stay hints, not commands: command names are a contract.
pub fn natural_command(typed: &str) -> Option<Localized> {
    let word: String = crate::domain::text::fold(typed)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match word.as_str() {
        "search" | "find" | "tim" | "timkiem" | "lookup" => Some(Localized::new(
            "để tìm phản ánh, dùng `phananh list --search CHỮ` (theo nội dung, địa chỉ, xã/phường hoặc mã ứng dụng) hoặc `phananh show SỐ`.",
            "to find a report, use `phananh list --search TEXT` (by content, address, commune or app id) or `phananh show NUMBER`",
        )),
        "reject" | "tuchoi" => Some(Localized::new(
            "để từ chối tiếp nhận phản ánh, dùng `phananh validate SỐ` (kiểm tra theo Điều 6) hoặc `phananh triage`.",
            "to reject a report, use `phananh validate NUMBER` (the check of Art. 6) or `phananh triage`",
        )),
        _ => None,
    }
}

/// A common mistake on a command line: an option or a subcommand that a command does not
/// have but a desk types for it, and the form meant. Clap's guess by spelling sent these the
/// wrong way (`score --quarter` to `--quiet`, `calendar add-holiday --reason` to `--as`,
/// already given) or nowhere (`report --month`, `audit 9`).
struct Mistake {
    /// The commands, as typed up to the mistake (`phananh report monthly`).
    commands: &'static [&'static str],
    /// The words mistaken: options (`--month`; a value after `=` is not part of it) or
    /// subcommands (`week`); `#` stands for any number.
    typed: &'static [&'static str],
    /// The hint, in each language; `{typed}` is the word as typed.
    vi: &'static str,
    en: &'static str,
}

/// The options a period is mistaken for, where a report or score takes it otherwise.
const PERIOD_WORDS: &[&str] = &[
    "--month",
    "--quarter",
    "--year",
    "--half",
    "--half-year",
    "--week",
    "--period",
    "--from",
    "--to",
];

const MISTAKES: &[Mistake] = &[
    Mistake {
        commands: &["phananh score"],
        typed: PERIOD_WORDS,
        vi: "điểm thi đua tính theo năm, nửa năm hoặc quý, chọn bằng `--period`: `phananh score --period 2026-Q3` (quý), `--period 2026-H1` (nửa năm), `--period 2026` hoặc `--year 2026` (năm).",
        en: "scores are for a year, half-year or quarter, chosen with `--period`: `phananh score --period 2026-Q3` (quarter), `--period 2026-H1` (half-year), `--period 2026` or `--year 2026` (year)",
    },
    Mistake {
        commands: &["phananh report"],
        typed: &[
            "--month",
            "--quarter",
            "--year",
            "--half",
            "--half-year",
            "--week",
            "--period",
            "--from",
            "--to",
            "week",
            "weekly",
            "tuan",
            "tuần",
        ],
        vi: "kỳ báo cáo là một lệnh con: `phananh report monthly --period 2026-08` (tháng), `report quarterly --period 2026-Q3` (quý), `report half-year --period 2026-H1` (nửa năm), `report annual --period 2026` (năm), `report range --from 31/08/2026 --to 06/09/2026` (khoảng ngày bất kỳ, như một tuần).",
        en: "the period is a subcommand: `phananh report monthly --period 2026-08` (month), `report quarterly --period 2026-Q3` (quarter), `report half-year --period 2026-H1` (half-year), `report annual --period 2026` (year), `report range --from 2026-08-31 --to 2026-09-06` (any span of days, such as a week)",
    },
    Mistake {
        commands: &[
            "phananh report monthly",
            "phananh report quarterly",
            "phananh report half-year",
            "phananh report annual",
        ],
        typed: PERIOD_WORDS,
        vi: "kỳ ghi ở `--period`: `--period 2026-08` (tháng), `2026-Q3` (quý), `2026-H1` (nửa năm), `2026` (năm); khoảng ngày bất kỳ: `phananh report range --from 31/08/2026 --to 06/09/2026`.",
        en: "the period goes in `--period`: `--period 2026-08` (month), `2026-Q3` (quarter), `2026-H1` (half-year), `2026` (year); any span of days: `phananh report range --from 2026-08-31 --to 2026-09-06`",
    },
    Mistake {
        commands: &["phananh report range"],
        typed: &[
            "--month",
            "--quarter",
            "--year",
            "--half",
            "--half-year",
            "--week",
            "--period",
        ],
        vi: "`report range` lấy khoảng ngày ở `--from` và `--to` (`--from 31/08/2026 --to 06/09/2026`); theo kỳ: `phananh report monthly --period 2026-08`, `quarterly --period 2026-Q3`, `half-year --period 2026-H1`, `annual --period 2026`.",
        en: "`report range` takes its days in `--from` and `--to` (`--from 2026-08-31 --to 2026-09-06`); by period: `phananh report monthly --period 2026-08`, `quarterly --period 2026-Q3`, `half-year --period 2026-H1`, `annual --period 2026`",
    },
    Mistake {
        commands: &["phananh calendar add-holiday"],
        typed: &[
            "--reason",
            "--title",
            "--label",
            "--description",
            "--desc",
            "--note",
            "--ten",
        ],
        vi: "`calendar add-holiday` lấy tên ngày nghỉ ở `--name`: `phananh calendar add-holiday 2026-09-03 --name \"Nghỉ bù\"`.",
        en: "`calendar add-holiday` takes the day's name in `--name`: `phananh calendar add-holiday 2026-09-03 --name \"Day off in lieu\"`",
    },
    Mistake {
        commands: &["phananh audit"],
        typed: &["#"],
        vi: "nhật ký của một phản ánh: `phananh audit log {typed}`.",
        en: "one report's events: `phananh audit log {typed}`",
    },
];

/// The form meant for a common mistake (`MISTAKES`): `typed`, an option or a subcommand,
/// given to `command` (as typed up to it: `phananh report`). None for any other.
pub fn usage_mistake(command: &str, typed: &str) -> Option<Localized> {
    let word = match typed.split_once('=') {
        Some((option, _)) if typed.starts_with("--") => option,
        _ => typed,
    };
    let number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
    let mistake = MISTAKES.iter().find(|m| {
        m.commands.contains(&command) && m.typed.iter().any(|t| *t == word || (*t == "#" && number))
    })?;
    Some(Localized::new(
        mistake.vi.replace("{typed}", word),
        mistake.en.replace("{typed}", word),
    ))
}

/// A reference without `ext:` that is the end of the app id (`stored`) of report `id`, and
/// of no other.
pub fn app_id_tail_without_prefix(reference: &str, id: i64, stored: &str) -> Localized {
    Localized::new(
        format!(
            "“{reference}” là phần cuối mã ứng dụng của phản ánh {id} (ext:{stored}); hãy ghi {id} hoặc ext:{stored}."
        ),
        format!(
            "\"{reference}\" is the end of the app id of report {id} (ext:{stored}); type {id} or ext:{stored}"
        ),
    )
}

/// A number typed with leading zeros (`reference`) that the app ids of `tails` (report,
/// app id; the first `named` of them named) end with: the end of one of those, or report
/// `number` (`numbered`: there is one).
pub fn leading_zeros(
    reference: &str,
    tails: &[(i64, String)],
    named: usize,
    number: i64,
    numbered: bool,
) -> Localized {
    let listed = tails
        .iter()
        .take(named)
        .map(|(id, stored)| format!("{id} (ext:{stored})"))
        .collect::<Vec<_>>();
    let more = if tails.len() > named { ", …" } else { "" };
    let (vi_tail, en_tail) = match listed.as_slice() {
        [one] => (
            format!("đó là phản ánh {one}"),
            format!("it is report {one}"),
        ),
        _ => (
            format!("đó là một trong các phản ánh {}{more}", listed.join(", ")),
            format!("it is one of reports {}{more}", listed.join(", ")),
        ),
    };
    let (vi_number, en_number) = if numbered {
        (
            format!("nếu là số phản ánh thì ghi {number}"),
            format!("as a report number, type {number}"),
        )
    } else {
        (
            format!("không có phản ánh số {number}"),
            format!("there is no report {number}"),
        )
    };
    Localized::new(
        format!(
            "“{reference}” có số 0 ở đầu: nếu là phần cuối mã ứng dụng thì {vi_tail}; {vi_number}."
        ),
        format!(
            "\"{reference}\" has leading zeros: as the end of an app id, {en_tail}; {en_number}"
        ),
    )
}

/// No report under `reference` (`ext:…`), but report `id` has an app id (`stored`) that
/// differs from it only in case or dashes, or is the only one that ends with it.
pub fn report_not_found_near(reference: &str, id: i64, stored: &str) -> Localized {
    Localized::new(
        format!("Không tìm thấy phản ánh {reference}; mã gần giống: ext:{stored} (phản ánh {id})."),
        format!("no report {reference}; a near app id: ext:{stored} (report {id})"),
    )
}

/// Report `id` has events in the log but no row in the file.
pub fn report_deleted(id: i64) -> Localized {
    Localized::new(
        format!(
            "Phản ánh {id} có trong nhật ký nhưng không có trong tệp (bị xóa ngoài phananh). Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "report {id} is in the log but not in the file (deleted outside phananh). Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// No report under the app id `reference`, and the log has events of reports `deleted` the
/// file lacks: the app id may have been one of them.
pub fn app_id_maybe_deleted(reference: &str, deleted: &[i64]) -> Localized {
    let numbers = deleted
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Localized::new(
        format!(
            "Không có phản ánh {reference} trong tệp, và nhật ký có sự kiện của phản ánh {numbers} mà tệp không có (bị xóa ngoài phananh): {reference} có thể là một trong số đó. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "no report {reference} in the file, and the log has events of report {numbers} the file lacks (deleted outside phananh): {reference} may be among them. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// An event of report `report`'s log, or of the events about no report (None), that does
/// not hold at its place in the chain.
pub fn log_unvouched(report: Option<i64>, problem: &crate::domain::audit::ChainBreak) -> Localized {
    let (vi, en) = match report {
        Some(report) => (
            format!("Nhật ký của phản ánh {report}"),
            format!("the log of report {report}"),
        ),
        None => (
            "Nhật ký các sự kiện không thuộc phản ánh nào (tài khoản, thiết lập, lịch…)".to_owned(),
            "the log of the events about no report (accounts, settings, calendar…)".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "{vi} không còn như khi được niêm phong: {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "{en} is not as it was sealed: {}. Run `phananh audit verify` and tell an admin",
            problem.en()
        ),
    )
}

/// No report under `reference`. A citizen's phone typed where the number goes (the request
/// of a data subject, read off a form) is told the lookup that takes it, and not echoed:
/// an error may end in cron's mail or a shared terminal's scrollback.
pub fn report_not_found(reference: &str) -> Localized {
    let typed = reference.trim();
    if (typed.starts_with('0') || typed.starts_with('+'))
        && crate::domain::validate::normalize_phone(typed).is_ok()
    {
        return Localized::new(
            "Không tìm thấy phản ánh: giá trị vừa gõ là một số điện thoại, không phải số phản ánh. Tìm các phản ánh gửi từ một số điện thoại (quản trị viên, có ghi nhật ký): `phananh --as admin list --phone SỐ_ĐIỆN_THOẠI --reason \"…\"`.",
            "no such report: what was typed is a phone number, not a report's number. To find the reports sent from a phone (admin, logged): `phananh --as admin list --phone PHONE --reason \"…\"`",
        );
    }
    Localized::new(
        format!("Không tìm thấy phản ánh {reference}; xem `phananh list`."),
        format!("no report {reference}; see `phananh list`"),
    )
}

/// A time option (`option`) written in an accepted form on a day the calendar lacks
/// (`--now "30/02/2026 09:00"`): said to be no such day, as a date option's is
/// (`time::BadDate`), rather than sent to a form its writer used right. None for any other
/// text, which the option's own words answer.
pub fn no_such_day(option: &str, text: &str) -> Option<Localized> {
    let why = crate::domain::time::no_such_date(text)?.said();
    Some(Localized::new(
        format!("{option} “{text}”: {}.", why.vi),
        format!("{option} \"{text}\": {}", why.en),
    ))
}

/// A `--now` (`text`) that is no time.
pub fn not_a_time(text: &str) -> Localized {
    if let Some(day) = no_such_day("--now", text) {
        return day;
    }
    Localized::new(
        format!(
            "--now “{text}” không phải thời điểm hợp lệ; dùng RFC 3339, ví dụ 2026-10-05T08:30:00+07:00."
        ),
        format!(
            "--now \"{text}\" is not a valid time; use RFC 3339, e.g. 2026-10-05T08:30:00+07:00"
        ),
    )
}

/// A word typed where the command takes no more (`assign 3 3`, or `reply 5 --text Đã vá`
/// without quotes). clap calls it an unexpected argument, which Vietnamese read as "no
/// option '3'" and English as a mystery: the word is extra, and the likeliest cause of one
/// is a value with spaces left unquoted.
pub fn extra_argument(arg: &str) -> Localized {
    Localized::new(
        format!(
            "thừa đối số '{arg}': lệnh này không nhận thêm giá trị nào ở đó (bỏ giá trị thừa; giá trị có dấu cách phải đặt trong dấu ngoặc kép)"
        ),
        format!(
            "unexpected extra argument '{arg}': the command takes no more values there (remove the extra value; a value with spaces goes in quotes)"
        ),
    )
}

/// Where a usage error sends the operator: the help of the `command` typed, named in full
/// ("try '--help'" left them to work out where to add it).
pub fn see_help(command: &str) -> Localized {
    Localized::new(
        format!("Xem hướng dẫn: `{command} --help`."),
        format!("For more information, try `{command} --help`."),
    )
}

/// `--key-file` (or `PHANANH_KEY_FILE`) given through the sudo rule, for another person as
/// the service account: what phananh then said of the file (missing, too large, not a key,
/// another key's id) told that person about files in the service account's folders.
/// Refused whatever it names, the same words for every path.
pub fn key_file_through_sudo() -> Localized {
    Localized::new(
        "--key-file (hay PHANANH_KEY_FILE) không dùng được qua sudo: lệnh chạy thay cho người khác bằng tài khoản dịch vụ, và tệp khóa là tệp của tài khoản ấy, cạnh cơ sở dữ liệu (TỆP.key). Hãy chạy lại không có --key-file; lệnh cần một tệp khóa khác (như `restore` với khóa của bản sao lưu) thì quản trị viên máy chủ chạy bằng root (`sudo phananh --db TỆP --key-file KHÓA …`). Không làm gì.",
        "--key-file (or PHANANH_KEY_FILE) cannot be used through sudo: the command runs for another person as the service account, and the key file is that account's, beside the database (DB.key). Run again without --key-file; a command that needs another key file (such as `restore` with a backup's key) is run by the server's admin as root (`sudo phananh --db DB --key-file KEY …`). Nothing was done",
    )
}

/// A file-pinning global `option` (`--db`, `--key-file`) given more than once: the sudo
/// rule pins one file, and clap would let the last win.
pub fn given_twice(option: &str) -> Localized {
    Localized::new(
        format!(
            "lỗi: {option} được cho nhiều lần; chỉ được cho một lần (quy tắc sudo cố định tệp). Hãy bỏ {option} thừa rồi chạy lại."
        ),
        format!(
            "error: {option} is given more than once; it may be given once only (the sudo rule pins the file). Remove the extra {option} and run again"
        ),
    )
}
