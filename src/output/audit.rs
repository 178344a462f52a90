//! What `audit` shows and says (`cli::audit` prints it): the columns of `audit log` and
//! `audit reveals`; the keys and the
//! checkpoint written, what `audit verify` checked and what it could not (a cut end of the
//! log, without a checkpoint; the reports' own keys, without the key file; tables not yet
//! sealed), and the integrity failures (exit 5) of a broken chain, for `verify` and for
//! `audit reveals`, whose list such a break may leave incomplete or wrong. Built from what
//! `app::audit`, `app::checkpoint` and `app::history` found; nothing here reads the
//! database.

use std::path::Path;

use serde::Serialize;

use super::Listing;
use super::show::EventRow;
use crate::domain::audit::ChainBreak;
use crate::domain::reveals::Access;
use crate::i18n::grouped;
use crate::i18n::{Bilingual, Lang, Localized, count_en};

/// The refusal (exit 5) of a step over a row the log does not vouch for (`problem`, as
/// `audit verify` would name it), which the step reads (`reads`, "which …"): what was not
/// done (`nothing`), and what to do.
pub fn unvouched(problem: &ChainBreak, reads: (&str, &str), nothing: (&str, &str)) -> Localized {
    Localized::new(
        format!(
            "Nhật ký không xác nhận {}, mà {}; {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi(),
            reads.0,
            nothing.0
        ),
        format!(
            "the log does not vouch for {problem}, which {}; {}. Run `phananh audit verify` and tell an admin",
            reads.1, nothing.1
        ),
    )
}

/// The refusal (exit 5) of a command whose figures or names rest on tables (`named`, "the
/// … the command … from") holding a row the log does not vouch for (`problem`), named after
/// them: what was not done (`nothing`, a sentence), and what to do.
pub fn unvouched_among(
    problem: &ChainBreak,
    named: (&str, &str),
    nothing: (&str, &str),
) -> Localized {
    Localized::new(
        format!(
            "Nhật ký không xác nhận {}: {}. {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            named.0,
            problem.vi(),
            nothing.0
        ),
        format!(
            "the log does not vouch for {}: {problem}. {}. Run `phananh audit verify` and tell an admin",
            named.1, nothing.1
        ),
    )
}

/// `audit keygen` done: the secret key and the public key, to be kept elsewhere.
pub fn keys_written(secret: &Path, public: &Path) -> Localized {
    let (secret, public) = (secret.display(), public.display());
    Localized::new(
        format!(
            "Đã tạo khóa ký {secret} và khóa công khai {public}; hãy gửi khóa công khai cho nơi nhận điểm kiểm tra và cất một bản ở ngoài máy này."
        ),
        format!(
            "wrote the signing key {secret} and the public key {public}; send the public key to whoever receives the checkpoints and keep a copy off this machine"
        ),
    )
}

/// What a signed checkpoint holds: the head `event` and its `hash`, how many `events` and
/// `reports`; written to `out`, its signature to `signature`.
pub fn checkpoint_signed(
    out: &Path,
    (event, hash): (i64, &str),
    events: i64,
    reports: i64,
    signature: &Path,
) -> Localized {
    let (out, signature) = (out.display(), signature.display());
    Localized::new(
        format!(
            "Đã ký điểm kiểm tra {out}: sự kiện {event} (mã băm {hash}), {events} sự kiện, {reports} phản ánh; chữ ký ở {signature}.",
            events = crate::i18n::grouped(events, crate::i18n::Lang::Vi),
            reports = crate::i18n::grouped(reports, crate::i18n::Lang::Vi)
        ),
        format!(
            "signed checkpoint {out}: event {event} (hash {hash}), {}, {}; signature in {signature}",
            count_en(events, "event", "events"),
            count_en(reports, "report", "reports"),
        ),
    )
}

/// A checkpoint the chain holds, said after the chain verified: which one (its file, when
/// it was signed, the public key its signature holds under), that the log's first `events`
/// match it up to its head, and how many the log holds after it.
pub fn checkpoint_held(
    file: &Path,
    at: &str,
    (key, key_id): (&Path, &str),
    events: i64,
    (event, hash): (i64, &str),
    after: i64,
) -> Localized {
    let (file, key) = (file.display(), key.display());
    let short = &hash[..hash.len().min(16)];
    Localized::new(
        format!(
            "Khớp điểm kiểm tra {file} (ký lúc {at}, khóa công khai {key}, mã khóa {key_id}): {events} sự kiện đầu của nhật ký đúng như đã ký, đến sự kiện {event} (mã băm {short}…); sau đó có thêm {after} sự kiện.",
            events = grouped(events, Lang::Vi),
            after = grouped(after, Lang::Vi),
        ),
        format!(
            "checkpoint {file} (signed {at}, public key {key}, key ID {key_id}) holds: the log's first {} match it, up to event {event} (hash {short}…); {} came after it",
            count_en(events, "event", "events"),
            count_en(after, "event", "events"),
        ),
    )
}

/// What `audit verify` found holding: how many events, reports, rows of the sealed tables
/// and clocks it checked.
pub fn intact(events: u64, reports: u64, rows: u64, clocks: u64) -> Localized {
    let vi = |n| grouped(n, Lang::Vi);
    Localized::new(
        format!(
            "Chuỗi nhật ký nguyên vẹn: {} sự kiện, {} phản ánh, {} dòng của các bảng được niêm phong, {} thời hạn.",
            vi(events),
            vi(reports),
            vi(rows),
            vi(clocks)
        ),
        format!(
            "audit chain intact: {}, {}, {} of sealed tables, {}",
            count_en(events, "event", "events"),
            count_en(reports, "report", "reports"),
            count_en(rows, "row", "rows"),
            count_en(clocks, "clock", "clocks"),
        ),
    )
}

/// Why "intact" is not "whole" without a checkpoint: a cut end of the log leaves every seal
/// and link holding; the last `event` and its `hash` are named for the reader to compare.
pub fn no_checkpoint(event: i64, hash: &str) -> Localized {
    Localized::new(
        format!(
            "Không có điểm kiểm tra đã ký lưu ở nơi khác (--checkpoint) nên không phát hiện được nếu các sự kiện mới nhất bị xóa khỏi cuối nhật ký: sự kiện cuối ở đây là {event} (mã băm {hash}); xem cách ký điểm kiểm tra mỗi đêm ở mục 6 của docs/huong-dan.md."
        ),
        format!(
            "without a signed checkpoint kept elsewhere (--checkpoint), events deleted from the end of the log cannot be seen: the last event here is {event} (hash {hash}); see SECURITY.md"
        ),
    )
}

/// `audit verify --checkpoint` on a log where a restore replaced the signed head (exit 5):
/// said as what the log records, the restore and what it left out, not as a rewrite with
/// advice to restore. The restore is written in the chain the checkpoint guards, so the
/// reader is told what it cannot prove, and which checkpoints still can.
pub fn checkpoint_replaced(
    checkpoint: &Path,
    (event, hash, at): (i64, &str, &str),
    restore: &crate::domain::backup::ReplacedByRestore,
) -> Localized {
    use crate::i18n::Lang;
    let file = checkpoint.display();
    let when = |text: &str, lang| super::layout::when(text, lang).replace('\u{a0}', " ");
    let action = |action: &str, lang| {
        crate::domain::event::EventKind::parse(action)
            .map_or_else(|| action.to_owned(), |k| k.label(None, lang).into_owned())
    };
    let named = |lang: Lang| {
        let mut named: Vec<String> = restore
            .left_out
            .iter()
            .map(|(id, at, by, what)| {
                format!(
                    "{} {id} ({}, {by}: {})",
                    lang.pick("sự kiện", "event"),
                    when(at, lang),
                    action(what, lang)
                )
            })
            .collect();
        let more = restore.left_out_count.saturating_sub(named.len() as u64);
        if more > 0 {
            named.push(match lang {
                Lang::Vi => format!("và {} sự kiện khác", crate::i18n::grouped(more, Lang::Vi)),
                Lang::En => format!("and {more} more"),
            });
        }
        named.join("; ")
    };
    let after_vi = restore.backup_head.map_or_else(String::new, |h| {
        format!(" các sự kiện sau sự kiện {h} (cuối bản sao lưu) đã bị bỏ;")
    });
    let after_en = restore.backup_head.map_or_else(String::new, |h| {
        format!(" the events after event {h} (the backup's last) were discarded;")
    });
    let signed_vi = when(at, Lang::Vi);
    let signed_en = when(at, Lang::En);
    let restored_vi = when(&restore.at, Lang::Vi);
    let restored_en = when(&restore.at, Lang::En);
    Localized::new(
        format!(
            "Điểm kiểm tra {file} (ký lúc {signed_vi}) thuộc phần nhật ký bị thay khi khôi phục từ bản sao lưu lúc {restored_vi} (sự kiện {}, {}): sự kiện {event} (mã băm {hash}) mà nó ký không còn trong tệp;{after_vi} nhật ký ghi các sự kiện bị bỏ: {}. Đây không phải dấu hiệu nhật ký bị viết lại nếu lần khôi phục ấy có thật (hỏi quản trị viên, đối chiếu biên bản), nhưng điểm kiểm tra này không còn bảo đảm được gì: sự kiện khôi phục nằm trong chính chuỗi mà điểm kiểm tra canh giữ. Điểm kiểm tra ký trước bản sao lưu, và điểm kiểm tra ký sau lần khôi phục, vẫn kiểm được.",
            restore.event,
            restore.by,
            named(Lang::Vi),
        ),
        format!(
            "checkpoint {file} (signed {signed_en}) belongs to the part of the log a restore replaced at {restored_en} (event {}, {}): event {event} (hash {hash}) it signed is no longer in the file;{after_en} the log records the events left out: {}. This is no sign of a rewritten log if that restore was real (ask the admin, check the minutes), but this checkpoint no longer vouches for anything: the restore event is in the very chain the checkpoint guards. Checkpoints signed before the backup, and after the restore, still verify",
            restore.event,
            restore.by,
            named(Lang::En),
        ),
    )
}

/// The events written while a file with a `peer` history was back in `trust` mode
/// (`listed`, of `count`): whose account and time are the writer's word only. None when
/// there were none.
pub fn written_in_trust(
    listed: &[crate::domain::tables::WrittenInTrust],
    count: u64,
) -> Option<Localized> {
    use crate::i18n::Lang;
    if count == 0 {
        return None;
    }
    let when = |text: &str, lang| super::layout::when(text, lang).replace('\u{a0}', " ");
    let each = |w: &crate::domain::tables::WrittenInTrust, lang: Lang| {
        let login = w.login.as_deref().unwrap_or("?");
        let mut said = match lang {
            Lang::Vi => format!(
                "sự kiện {} ({}) dưới tên {}, do tài khoản hệ điều hành {login}",
                w.event, w.action, w.actor
            ),
            Lang::En => format!(
                "event {} ({}) as {}, by the login {login}",
                w.event, w.action, w.actor
            ),
        };
        if w.bound == Some(false) {
            said.push_str(lang.pick(
                ", không gắn với tài khoản ấy",
                ", not bound to that account",
            ));
        }
        if let (true, Some(recorded)) = (w.at_differs, &w.recorded_at) {
            said.push_str(&match lang {
                Lang::Vi => format!(
                    ", ghi giờ {} nhưng ghi thật lúc {}",
                    when(&w.at, lang),
                    when(recorded, lang)
                ),
                Lang::En => format!(
                    ", timed {} but written at {}",
                    when(&w.at, lang),
                    when(recorded, lang)
                ),
            });
        }
        said
    };
    let list = |lang: Lang| {
        let mut list: Vec<String> = listed.iter().map(|w| each(w, lang)).collect();
        let more = count.saturating_sub(listed.len() as u64);
        if more > 0 {
            list.push(match lang {
                Lang::Vi => format!("và {} sự kiện khác", crate::i18n::grouped(more, Lang::Vi)),
                Lang::En => format!("and {more} more"),
            });
        }
        list.join("; ")
    };
    Some(Localized::new(
        format!(
            "Lưu ý: {} sự kiện được ghi khi tệp đã dùng chế độ peer bị chuyển về trust, khi đó --as và --now được tin như gõ nên tên tài khoản và giờ của chúng chỉ là lời người ghi: {}. Hãy đối chiếu với người có tên.",
            crate::i18n::grouped(count, Lang::Vi),
            list(Lang::Vi)
        ),
        format!(
            "note: {} written while this file, once in peer mode, was switched back to trust, when --as and --now are taken as typed, so their account and time are the writer's word only: {}. Check with the people named",
            crate::i18n::count_en(count, "event was", "events were"),
            list(Lang::En)
        ),
    ))
}

/// A restore the log records over a file found edited outside phananh: `audit verify`
/// passes on the file in use, and says what the replaced one held.
pub fn restored_over_edits(r: &crate::domain::backup::RestoreOverEdits) -> Localized {
    use crate::i18n::Lang;
    let when = |lang| super::layout::when(&r.at, lang).replace('\u{a0}', " ");
    let event = |lang: Lang| match r.left_out_by {
        Some(outer) => lang
            .pick(
                &format!(
                    "sự kiện {} của tệp bị thay khi khôi phục ở sự kiện {outer}",
                    r.event
                ),
                &format!(
                    "event {} of the file replaced by the restore of event {outer}",
                    r.event
                ),
            )
            .to_owned(),
        None => format!("{} {}", lang.pick("sự kiện", "event"), r.event),
    };
    let list = |found: &[String], lang: Lang| {
        let mut list = found.join("; ");
        let more = (r.found_count as usize).saturating_sub(found.len());
        if more > 0 {
            list.push_str(&match lang {
                Lang::Vi => format!(
                    "; và {} điều khác",
                    crate::i18n::grouped(more as u64, Lang::Vi)
                ),
                Lang::En => format!("; and {more} more"),
            });
        }
        list
    };
    let kept_vi = r.kept.as_deref().map_or_else(String::new, |k| {
        format!(" Tệp bị thay được giữ làm bằng chứng tại {k}.")
    });
    let kept_en = r.kept.as_deref().map_or_else(String::new, |k| {
        format!("; the replaced file was kept as evidence at {k}")
    });
    let (found_vi, found_en) = match &r.unchecked {
        Some(why) if r.found_vi.is_empty() => (
            format!("thay một tệp không kiểm tra hết được ({why})"),
            format!("replaced a file that could not be checked through ({why})"),
        ),
        _ => (
            format!(
                "thay một tệp bị sửa ngoài phananh: {}",
                list(&r.found_vi, Lang::Vi)
            ),
            format!(
                "replaced a file edited outside phananh: {}",
                list(&r.found_en, Lang::En)
            ),
        ),
    };
    Localized::new(
        format!(
            "Lưu ý: lần khôi phục lúc {} của {} ({}) đã {found_vi}.{kept_vi}",
            when(Lang::Vi),
            r.by,
            event(Lang::Vi),
        ),
        format!(
            "note: the restore at {} by {} ({}) {found_en}{kept_en}",
            when(Lang::En),
            r.by,
            event(Lang::En),
        ),
    )
}

/// The reports' own keys not checked, for `why`.
pub fn identity_keys_unchecked(why: &str) -> Localized {
    Localized::new(
        format!("Không kiểm tra được khóa riêng của từng phản ánh (cần tệp khóa): {why}"),
        format!("the reports' own keys were not checked (the key file is needed): {why}"),
    )
}

/// Why the reports' own keys went unchecked when a backup's checkpoints were checked
/// without an account (`app::history::open_to_check`).
pub fn checked_by_nobody() -> Localized {
    Localized::new(
        "bản sao lưu được kiểm mà không cần tài khoản nên không mở tệp khóa nào",
        "the backup was checked without an account, so no key file was opened",
    )
}

/// The sealed tables not checked, as no event has sealed them yet, if any.
pub fn unsealed(tables: &[String]) -> Option<Localized> {
    if tables.is_empty() {
        return None;
    }
    let tables = tables.join(", ");
    Some(Localized::new(
        format!(
            "Chưa được niêm phong nên chưa kiểm tra được (cơ sở dữ liệu tạo trước khi có niêm phong): {tables}."
        ),
        format!("not sealed, so not checked (the database predates sealing): {tables}"),
    ))
}

/// The integrity failure of `audit verify`: where the chain breaks, and what to do.
pub fn broken(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Chuỗi nhật ký bị phá vỡ: {}. Hãy khôi phục tệp từ bản sao lưu và báo cho quản trị viên.",
            problem.vi()
        ),
        format!("audit chain broken: {problem}; restore the file from a backup and tell an admin"),
    )
}

/// The rows an edit names at most; the others are counted.
const ROWS_NAMED: usize = 20;

/// The integrity failure of `audit verify` once it found rows edited outside phananh
/// (`edited`, the first of them `problem`): every one named, up to twenty, then how many
/// more, on one line as [`broken`]; [`broken`] itself for one.
pub fn broken_rows(problem: &ChainBreak, edited: &[ChainBreak]) -> Localized {
    if edited.len() <= 1 || edited.first() != Some(problem) {
        return broken(problem);
    }
    let named = |lang: crate::i18n::Lang| {
        edited
            .iter()
            .take(ROWS_NAMED)
            .map(|row| row.text(lang).into_owned())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let more = edited.len().saturating_sub(ROWS_NAMED);
    let count = |lang| crate::i18n::grouped(edited.len() as u64, lang);
    let more_vi = if more > 0 {
        format!(
            "; và {} hàng nữa",
            crate::i18n::grouped(more as u64, crate::i18n::Lang::Vi)
        )
    } else {
        String::new()
    };
    let more_en = if more > 0 {
        format!(
            "; and {} more",
            crate::i18n::grouped(more as u64, crate::i18n::Lang::En)
        )
    } else {
        String::new()
    };
    Localized::new(
        format!(
            "Chuỗi nhật ký bị phá vỡ: {} hàng dữ liệu bị sửa, thêm hoặc xóa ngoài phananh: {}{more_vi}. Hãy khôi phục tệp từ bản sao lưu và báo cho quản trị viên.",
            count(crate::i18n::Lang::Vi),
            named(crate::i18n::Lang::Vi),
        ),
        format!(
            "audit chain broken: {} rows edited, inserted or deleted outside phananh: {}{more_en}; restore the file from a backup and tell an admin",
            count(crate::i18n::Lang::En),
            named(crate::i18n::Lang::En),
        ),
    )
}

/// The integrity failure of `audit verify` with the clocks it did not judge said after it:
/// an inspector's minutes must not read "every deadline checked" when some were not.
pub fn broken_with_unchecked(
    said: Localized,
    unchecked: Option<crate::domain::audit::Unchecked>,
) -> Localized {
    use crate::domain::audit::Unchecked;
    let (vi, en) = match unchecked {
        None => return said,
        Some(Unchecked::RowsEdited { clocks }) => (
            format!(
                " Chưa kiểm tra {} thời hạn của các phản ánh có dòng dữ liệu bị sửa (thời hạn được tính lại từ chính dòng ấy); các thời hạn khác đã được kiểm tra.",
                crate::i18n::grouped(clocks, crate::i18n::Lang::Vi)
            ),
            format!(
                "; {} of the reports whose rows were edited not checked (they are counted again from that row); every other deadline was checked",
                crate::i18n::count_en(clocks, "deadline", "deadlines")
            ),
        ),
        Some(Unchecked::CalendarEdited) => (
            " Chưa kiểm tra thời hạn nào: lịch nghỉ hoặc thiết lập dùng để tính thời hạn đã bị sửa, nên mọi thời hạn đều sẽ lệch.".to_owned(),
            "; no deadline checked: the calendar or the settings deadlines are counted from were edited, so every deadline would read as moved".to_owned(),
        ),
    };
    Localized::new(format!("{}{vi}", said.vi), format!("{}{en}", said.en))
}

/// `audit verify --checkpoint` on a backup that ends (`last`, None: no event) before the
/// head signed in `checkpoint` (event `event`, signed at `at`): exit 1, not 5. Yesterday's
/// backup checked against tonight's head was told the chain was broken and to restore a
/// backup, though it differs from the signed chain in nothing but its end. A backup cannot
/// say when it was made: the reader can, and a copy made after the signing that still ends
/// there lost its newest events.
pub fn copy_older_than_checkpoint(
    checkpoint: &Path,
    event: i64,
    at: &str,
    last: Option<i64>,
) -> Localized {
    let file = checkpoint.display();
    let (ends_vi, ends_en) = match last {
        Some(last) => (
            format!("Bản sao này dừng ở sự kiện {last}"),
            format!("this copy ends at event {last}"),
        ),
        None => (
            "Bản sao này không có sự kiện nào".to_owned(),
            "this copy holds no event".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "{ends_vi}, trước đầu chuỗi đã ký ở {file} (sự kiện {event}, ký lúc {}): một bản sao lưu làm trước lúc ký không cho biết chuỗi còn giữ đầu chuỗi ấy hay không. Hãy kiểm bằng một bản sao lưu làm sau lúc ký. Nếu bản sao này được làm sau lúc ấy thì các sự kiện mới nhất đã bị cắt: báo cho quản trị viên.",
            super::when(at, Lang::Vi)
        ),
        format!(
            "{ends_en}, before the head signed in {file} (event {event}, signed {}): a backup made before the signing cannot show whether the chain still holds that head; check a backup made after it. If this copy was made after that time, the newest events were cut off: tell an admin",
            super::when(at, Lang::En)
        ),
    )
}

/// Said before `audit verify` checks a backup made by an older phananh (schema `version`)
/// on an upgraded scratch copy, so that the reader knows the backup was not written and why
/// the upgrade's events are not counted as the backup's.
pub fn older_backup_checked_on_a_copy(path: &Path, version: i64) -> Localized {
    let shown = path.display();
    Localized::new(
        format!(
            "{shown} do một bản phananh cũ hơn tạo ra (lược đồ phiên bản {version}): kiểm tra chạy trên một bản chép tạm đã nâng cấp (quyền 0600, xóa khi xong); bản sao lưu không bị ghi gì. Các sự kiện của việc nâng cấp (mã hóa danh tính, niêm phong bảng) không tính là của bản sao lưu."
        ),
        format!(
            "{shown} was made by an older phananh (schema version {version}): the check runs on an upgraded temporary copy (mode 0600, removed when done); nothing is written to the backup. The upgrade's own events (identities encrypted, tables sealed) are not counted as the backup's"
        ),
    )
}

/// " từ 01/10/2026 đến 31/10/2026": the dates an empty listing was asked for, said after
/// what was not found (nothing when none was given).
fn within(from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>, lang: Lang) -> String {
    let day = |d: chrono::NaiveDate| d.format(lang.pick("%d/%m/%Y", "%Y-%m-%d")).to_string();
    match (from, to) {
        (Some(a), Some(b)) => lang.pick(
            format!(" từ {} đến {}", day(a), day(b)),
            format!(" from {} to {}", day(a), day(b)),
        ),
        (Some(a), None) => lang.pick(format!(" từ {}", day(a)), format!(" since {}", day(a))),
        (None, Some(b)) => lang.pick(format!(" đến {}", day(b)), format!(" until {}", day(b))),
        (None, None) => String::new(),
    }
}

/// What an empty `audit reveals` says in place of a table with no row (and, at 80 columns,
/// a note on columns hidden from no row): that nobody saw the identity, of the reporter of
/// `report` when one is named (the citizen's own request, Đ6.5), within the dates given.
pub fn no_reveals(
    (report, account): (Option<&str>, Option<&str>),
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Localized {
    let (vi, en) = (within(from, to, Lang::Vi), within(from, to, Lang::En));
    if let Some(account) = account {
        let about = report.map(|r| (format!(" của phản ánh {r}"), format!(" of report {r}")));
        let (about_vi, about_en) = about.unwrap_or_default();
        return Localized::new(
            format!(
                "Tài khoản {account} không xem danh tính người phản ánh{about_vi} và không xuất đầy đủ nào{vi}."
            ),
            format!(
                "Account {account} saw no reporter's identity{about_en} and made no full export{en}"
            ),
        );
    }
    match report {
        Some(report) => Localized::new(
            format!(
                "Chưa ai xem danh tính người gửi phản ánh {report}{vi}, kể cả qua xuất đầy đủ."
            ),
            format!(
                "Nobody saw the identity of the reporter of report {report}{en}, in a full export either"
            ),
        ),
        None => Localized::new(
            format!("Không có lần xem danh tính hay xuất đầy đủ nào{vi}."),
            format!("No identity shown and no full export{en}"),
        ),
    }
}

/// What an empty `audit log --actor` says in place of a table with no row.
pub fn no_events_of(
    account: &str,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Localized {
    Localized::new(
        format!(
            "Tài khoản {account} không có sự kiện nào trong nhật ký{}.",
            within(from, to, Lang::Vi)
        ),
        format!(
            "No event of account {account} in the log{}",
            within(from, to, Lang::En)
        ),
    )
}

/// The integrity failure (after the list) of `audit reveals` on a chain that does not hold
/// at an event the list does not show: what was removed or changed there may have been a
/// reveal, and the list may lack it.
pub fn reveals_broken(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Chuỗi nhật ký bị phá vỡ: {}. Một lần xem danh tính hay xuất đầy đủ bị xóa hoặc sửa ở đó sẽ không có trong danh sách trên, nên danh sách có thể thiếu. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "audit chain broken: {problem}; a reveal or a full export removed or changed there would be missing from the list above, which may be incomplete. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The integrity failure (after the list) of `audit reveals --report` over a report whose
/// row is not as the log sealed it last (`unheld`: its last seal, when that does not hold):
/// the full exports that held it were chosen by the submission time the row holds.
pub fn reveals_row_edited(report: i64, unheld: &[(i64, i64)]) -> Localized {
    let edited = crate::output::journal::left_out_rows(&[report], unheld);
    Localized::new(
        format!(
            "{}. Các lần xuất đầy đủ có phản ánh này được chọn theo thời điểm gửi dòng của nó đang ghi, nên danh sách trên có thể thiếu một lần. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            edited.vi
        ),
        format!(
            "{}. The full exports that held it were chosen by the submission time its row holds, so the list above may lack one. Run `phananh audit verify` and tell an admin",
            edited.en
        ),
    )
}

/// The integrity failure (after the list) of `audit reveals` naming the listed events that
/// do not hold in the chain, if any: they may say someone saw an identity who never did.
pub fn reveals_unheld(unheld: &[(i64, ChainBreak)]) -> Option<Localized> {
    let ((_, problem), one) = (unheld.first()?, unheld.len() == 1);
    let ids: Vec<i64> = unheld.iter().map(|(id, _)| *id).collect();
    let list = crate::output::journal::edited_named(&ids);
    Some(Localized::new(
        format!(
            "{} {list} trong danh sách trên không khớp với chuỗi nhật ký (được thêm hoặc thay ngoài phananh; {}): {} có thể ghi một việc không ai làm, đừng dựa vào {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            if one {
                "Sự kiện"
            } else {
                "Các sự kiện"
            },
            problem.vi(),
            if one { "nó" } else { "chúng" },
            if one { "nó" } else { "chúng" },
        ),
        format!(
            "{} {list} listed above {} not hold in the audit chain (appended or replaced outside phananh; {problem}): {} may record what nobody did, do not rely on {}. Run `phananh audit verify` and tell an admin",
            if one { "event" } else { "events" },
            if one { "does" } else { "do" },
            if one { "it" } else { "they" },
            if one { "it" } else { "them" },
        ),
    ))
}

/// What a reveal or export made after the reporter's identity was erased showed of it: the
/// "erased" marker, nobody's name or phone.
pub fn erased_not_shown(lang: Lang) -> &'static str {
    lang.pick(
        "danh tính đã xóa — không lộ",
        "identity already erased — not shown",
    )
}

/// A correction refused because the values typed are those stored (`audit reveals`,
/// `export subject`): it told whether they are the reporter's.
pub fn correction_tried(lang: Lang) -> &'static str {
    lang.pick(
        "Thử sửa danh tính — trùng giá trị đã lưu",
        "Correction tried — values as stored",
    )
}

/// A correction made after the backup a restore put back, which it could not make again
/// (`audit reveals`, `export subject`, `show`'s history): the identity is as before it.
pub fn correction_not_reapplied(lang: Lang) -> &'static str {
    lang.pick(
        "Sửa danh tính — không làm lại sau khôi phục, danh tính như trước khi sửa",
        "Identity corrected — not made again after a restore, identity as before it",
    )
}

/// A correction that named the other reports still carrying the phone it replaced, listed
/// on each of them (`audit reveals --report`, `export subject`): a lookup by that phone.
pub fn old_phone_also_on(lang: Lang) -> &'static str {
    lang.pick(
        "Tìm theo số điện thoại cũ khi sửa danh tính phản ánh khác",
        "Lookup by the old phone, when correcting another report's identity",
    )
}

/// `what` with the fields a correction changed or tried, in words ("Sửa danh tính (họ
/// tên)"): names of fields, never values.
pub fn with_fields(what: String, line: &Access, lang: Lang) -> String {
    let what = with_field_names(what, line, lang);
    let places = places_moved(line, lang);
    if places.is_empty() {
        what
    } else {
        format!("{what}; {places}")
    }
}

/// `what` with the fields alone, in brackets.
fn with_field_names(what: String, line: &Access, lang: Lang) -> String {
    match &line.fields {
        Some(fields) if !fields.is_empty() => {
            let said: Vec<&str> = fields
                .iter()
                .map(|f| match f.as_str() {
                    "reporter_name" => lang.pick("họ tên", "name"),
                    _ => lang.pick("số điện thoại", "phone"),
                })
                .collect();
            format!("{what} ({})", said.join(lang.pick(", ", ", ")))
        }
        _ => what,
    }
}

/// What a correction of the name did to the texts the public and the leaders read, in
/// words ("bản công khai nay ẩn 1 chỗ"); empty when it did nothing there.
pub fn places_moved(line: &Access, lang: Lang) -> String {
    let mut said = Vec::new();
    if let Some(n) = line.public_places_hidden {
        said.push(match lang {
            Lang::Vi => format!("bản công khai và lãnh đạo nay đọc [đã ẩn] ở {n} chỗ"),
            Lang::En => format!(
                "the public and the leaders now read [đã ẩn] at {}",
                crate::i18n::count_en(n, "place", "places")
            ),
        });
    }
    if let Some(n) = line.public_places_shown {
        said.push(match lang {
            Lang::Vi => format!("bản công khai và lãnh đạo nay đọc lại {n} chỗ đã ẩn"),
            Lang::En => format!(
                "the public and the leaders now read again {}",
                crate::i18n::count_en(n, "place hidden before", "places hidden before")
            ),
        });
    }
    said.join("; ")
}

impl Listing for Access {
    const KEYS: &'static [&'static str] = &[
        "event",
        "at",
        "actor",
        "login",
        "action",
        "report_id",
        "rows",
        "from",
        "to",
        "out",
        "reason",
        "lookup",
        "reports",
        "identity_erased",
        // Last, so that a script reading the columns by place before it still reads them:
        // the inspector's CSV must tell a restore's copy from the reveal it copies.
        "original_event",
        "fields",
        "public_places_hidden",
        "public_places_shown",
        // The real write time, and whether the claimed time is far from it (`--now`).
        "recorded_at",
        "at_differs",
        // The reports a full export handed out (`domain::reveals::ranges`).
        "covered",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Sự kiện",
                "Lúc",
                "Người xem",
                // The operating system's login that ran the command: "tên đăng nhập" is
                // what `--help` calls the staff account (`--as`).
                crate::output::directory::OS_LOGIN.0,
                "Việc",
                "Phản ánh",
                // A count: "Số phản ánh" reads as a report's number everywhere else.
                "Số lượng phản ánh",
                "Từ ngày",
                "Đến ngày",
                "Tệp",
                "Lý do",
            ],
            vec![
                "Event", "At", "Who", "OS login", "What", "Report", "Reports", "From", "To",
                "File", "Reason",
            ],
        )
    }

    /// The table's headers, then the columns it folds into "Việc" and "Phản ánh": the kind
    /// of lookup, the reports it found, whether the identity was already erased, and the
    /// event of the replaced database a restore wrote again.
    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        let mut heads = Self::headers(lang);
        heads.extend(lang.pick(
            [
                "Tra cứu",
                "Các phản ánh tìm thấy",
                "Danh tính đã xóa trước đó (không lộ)",
                "Ghi lại từ sự kiện",
            ],
            [
                "Lookup",
                "Reports found",
                "Identity already erased (not shown)",
                "Written again from event",
            ],
        ));
        // The fields a correction changed or tried, folded into "Việc" in the table.
        heads.push(lang.pick("Trường danh tính đã sửa", "Identity fields corrected"));
        // What a correction of the name did to the public texts, folded into "Việc" too.
        heads.push(lang.pick(
            "Số chỗ bản công khai nay ẩn",
            "Places the public view now hides",
        ));
        heads.push(lang.pick(
            "Số chỗ bản công khai nay đọc lại",
            "Places the public view reads again",
        ));
        heads.extend(lang.pick(
            [
                "Ghi vào nhật ký lúc",
                "Lúc ghi trong lệnh khác giờ ghi thật",
            ],
            [
                "Written to the log at",
                "Claimed time differs from the write time",
            ],
        ));
        heads.push(lang.pick("Các phản ánh trong bản xuất", "Reports the export held"));
        heads
    }

    /// What was done as the table says it (a lookup by phone in its words too).
    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "action" => Some(self.action.text(lang).into_owned()),
            "lookup" => self.lookup.as_deref().map(|lookup| match lookup {
                "phone" => lang
                    .pick("Tìm theo số điện thoại", "Lookup by phone")
                    .to_owned(),
                "subject" => super::subject::subject_lookup(lang).to_owned(),
                crate::domain::reveals::CORRECTION_TRIED => correction_tried(lang).to_owned(),
                crate::domain::reveals::CORRECTION_NOT_REAPPLIED => {
                    correction_not_reapplied(lang).to_owned()
                }
                crate::domain::reveals::WITHDRAWAL_NOT_REAPPLIED => {
                    super::consent::withdrawal_not_reapplied(lang).to_owned()
                }
                crate::domain::reveals::OLD_PHONE_ALSO_ON => old_phone_also_on(lang).to_owned(),
                crate::domain::reveals::CONSENT_NOT_REAPPLIED => {
                    super::consent::consent_not_reapplied(lang).to_owned()
                }
                other => other.to_owned(),
            }),
            "fields" => self.fields.as_ref().map(|_| {
                with_field_names(String::new(), self, lang)
                    .trim_matches(|c| c == ' ' || c == '(' || c == ')')
                    .to_owned()
            }),
            _ => None,
        }
    }

    /// Tables speak as officials do (times `dd/mm/yyyy HH:MM` in Vietnamese, actions in
    /// words); CSV and JSON keep the stored values.
    fn cells(&self, lang: Lang) -> Vec<String> {
        let date = |d: &Option<String>| match d
            .as_deref()
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        {
            Some(d) => d.format(lang.pick("%d/%m/%Y", "%Y-%m-%d")).to_string(),
            None => "—".to_owned(),
        };
        // A line dated with `--now` away from when it was written says both, so the
        // inspector does not read a December reveal as made in June.
        let at = match (&self.recorded_at, self.at_differs) {
            (Some(recorded), true) => format!(
                "{} ({} {})",
                super::when(&self.at, lang),
                lang.pick("ghi thật lúc", "written at"),
                super::when(recorded, lang)
            ),
            _ => super::when(&self.at, lang),
        };
        vec![
            self.event.to_string(),
            at,
            self.actor.clone(),
            self.login.clone().unwrap_or_default(),
            match self.lookup.as_deref() {
                Some(
                    "phone"
                    | "subject"
                    | crate::domain::reveals::CORRECTION_TRIED
                    | crate::domain::reveals::CORRECTION_NOT_REAPPLIED
                    | crate::domain::reveals::WITHDRAWAL_NOT_REAPPLIED
                    | crate::domain::reveals::OLD_PHONE_ALSO_ON
                    | crate::domain::reveals::CONSENT_NOT_REAPPLIED,
                ) => with_fields(
                    self.excel_word("lookup", lang).unwrap_or_default(),
                    self,
                    lang,
                ),
                // Listed still (it was asked for), but as what it was: no one was seen.
                _ if self.identity_erased => {
                    format!("{} ({})", self.action.text(lang), erased_not_shown(lang))
                }
                _ => with_fields(self.action.text(lang).into_owned(), self, lang),
            },
            match (&self.report_id, &self.reports) {
                (Some(id), _) => id.to_string(),
                (None, Some(found)) => found
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                // The reports a full export handed out, as its event recorded them.
                (None, None) => self
                    .covered
                    .as_deref()
                    .map(|ranges| ranges.replace(',', ", ").replace('-', "–"))
                    .unwrap_or_default(),
            },
            self.rows.map(|r| r.to_string()).unwrap_or_default(),
            if self.report_id.is_some() || self.lookup.is_some() {
                String::new()
            } else {
                date(&self.from)
            },
            if self.report_id.is_some() || self.lookup.is_some() {
                String::new()
            } else {
                date(&self.to)
            },
            self.out.clone().unwrap_or_default(),
            self.reason.clone().unwrap_or_else(|| {
                lang.pick("(không ghi lý do)", "(no reason recorded)")
                    .to_owned()
            }),
        ]
    }

    /// Narrow screens keep when, who, what, whose and why.
    fn drop_order() -> Vec<usize> {
        vec![9, 3, 0, 7, 8, 6]
    }
}

impl Listing for EventRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "at",
        "actor",
        "action",
        "from",
        "to",
        "payload",
        "hash",
        "login",
        "recorded_at",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Sự kiện",
                // Two times (SECURITY.md, a backdated step): the tool's clock that times
                // the step, and the system clock when it was written; "Lúc" beside "Ghi
                // lúc" did not say which was which, and a replayed history sets them
                // weeks apart.
                "Lúc xảy ra",
                "Người thực hiện",
                "Hành động",
                "Từ",
                "Sang",
                "Chi tiết",
                "Mã băm",
                crate::output::directory::OS_LOGIN.0,
                "Ghi vào nhật ký lúc",
            ],
            vec![
                "Id",
                "Happened at",
                "Actor",
                "Action",
                "From",
                "To",
                "Payload",
                "Hash",
                "OS login",
                "Written to the log at",
            ],
        )
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        self.audit_cells(lang)
    }

    /// The action and the statuses in the table's words; what was recorded and its seal
    /// stay as stored, for the auditor who redoes the seal.
    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        self.worded(key, lang)
    }

    /// The seal's digits, the system clock, the login and the recorded statuses go before
    /// what was done, when, by whom and with what.
    fn drop_order() -> Vec<usize> {
        vec![7, 9, 8, 4, 0, 5]
    }
}

/// One line of `audit log --actor`: the event, and the report it is about (none for an
/// event about no report), which a log read across reports must say.
#[derive(Debug, Serialize)]
pub struct ActorEvent {
    pub report_id: Option<i64>,
    #[serde(flatten)]
    pub event: EventRow,
}

impl Listing for ActorEvent {
    const KEYS: &'static [&'static str] = &[
        "report_id",
        "id",
        "at",
        "actor",
        "action",
        "from",
        "to",
        "payload",
        "hash",
        "login",
        "recorded_at",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        let mut heads = vec![lang.pick("Phản ánh", "Report")];
        heads.extend(EventRow::headers(lang));
        heads
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let mut cells = vec![self.report_id.map(|r| r.to_string()).unwrap_or_default()];
        cells.extend(self.event.audit_cells(lang));
        cells
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        self.event.worded(key, lang)
    }

    /// As `audit log`'s, the report kept.
    fn drop_order() -> Vec<usize> {
        EventRow::drop_order().into_iter().map(|i| i + 1).collect()
    }
}

/// The label of `audit verify`'s progress bar.
pub fn verifying(lang: Lang) -> &'static str {
    lang.pick("Kiểm tra chuỗi nhật ký", "Verifying the audit chain")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bar's label, word for word: it shows only past 2,000 steps at a terminal.
    #[test]
    fn the_verify_bar_is_labelled_in_each_language() {
        assert_eq!(
            (verifying(Lang::Vi), verifying(Lang::En)),
            ("Kiểm tra chuỗi nhật ký", "Verifying the audit chain")
        );
    }
}
