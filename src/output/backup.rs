//! What `backup` and `restore` say when done (`cli::backup` prints it): the copy made or
//! kept as evidence, and after a restore what it made again, wrote again or left out of the
//! replaced log, each for the admin to act on. Built from what `app::backup` did (`domain::backup`); nothing
//! here reads the database or decides anything.

use std::path::Path;

use crate::domain::audit::ChainBreak;
use crate::domain::backup::{BackedUp, NotReapplied, Restored, Untrusted};
use crate::domain::statement;
use crate::i18n::{Bilingual, Lang, Localized, count_en};

/// The integrity failure (exit status 5) of a backup whose chain `audit verify` would
/// refuse: the copy is kept as evidence, and the older backups must be kept too.
pub fn broken_backup(done: &BackedUp, problem: &ChainBreak) -> Localized {
    let (path, pages, bytes) = (done.path.display(), done.pages, done.bytes);
    Localized::new(
        format!(
            "Chuỗi nhật ký của cơ sở dữ liệu bị phá vỡ: {}. Bản sao vẫn được giữ ở {path} ({pages} trang, {bytes} byte) làm bằng chứng, nhưng `restore` sẽ từ chối nó. Đừng xóa các bản sao lưu cũ hơn (mã thoát 5 để `&& find … -delete` không chạy): hãy chạy `phananh audit verify`, báo quản trị viên và khôi phục bản sao lưu gần nhất làm trước lần sửa.",
            problem.vi(),
            pages = crate::i18n::grouped(pages, crate::i18n::Lang::Vi),
            bytes = crate::i18n::grouped(bytes, crate::i18n::Lang::Vi)
        ),
        format!(
            "the database's audit chain is broken: {problem}. The copy was kept at {path} ({}, {}) as evidence, but `restore` would refuse it. Keep the older backups (exit status 5 stops a `&& find … -delete` rotation): run `phananh audit verify`, tell an admin, and restore the newest backup made before the change",
            count_en(pages, "page", "pages"),
            count_en(bytes, "byte", "bytes")
        ),
    )
}

/// The line a backup that proved whole ends with.
pub fn backed_up(done: &BackedUp) -> Localized {
    let (path, pages, bytes) = (done.path.display(), done.pages, done.bytes);
    Localized::new(
        format!(
            "Đã sao lưu vào {path}: {pages} trang, {bytes} byte, đã kiểm tra toàn vẹn.",
            pages = crate::i18n::grouped(pages, crate::i18n::Lang::Vi),
            bytes = crate::i18n::grouped(bytes, crate::i18n::Lang::Vi)
        ),
        format!(
            "backed up to {path}: {}, {}, integrity checked",
            count_en(pages, "page", "pages"),
            count_en(bytes, "byte", "bytes")
        ),
    )
}

/// Everything a restore says, in order: what `--force` replaced, the identities erased
/// again and the events written again, what was not made again and why (each naming the
/// command that finishes the job), a changed `auth.mode`, pages that linger, and last the
/// line saying the restore is done.
pub fn restored(done: &Restored) -> Vec<Localized> {
    let mut notices = Vec::new();
    if done.forced {
        notices.push(Localized::new(
            "Khôi phục bắt buộc (--force): chuỗi nhật ký cũ đã được thay; sự kiện restore ghi lại đầu chuỗi cũ và lý do.",
            "forced restore (--force): the previous audit chain was replaced; the restore event records its head and the reason",
        ));
    }
    notices.extend(reerased(&done.reerased));
    notices.extend(carried(done.carried));
    notices.extend(shape_only(&done.shape_only));
    notices.extend(without_report(&done.without_report));
    notices.extend(carried_erasures(done.carried_erasures));
    notices.extend(done.not_reerased.iter().map(not_reerased));
    // Grouped by what `audit verify` says: the sweep's erasures under one period set by an
    // account that could not set it are hundreds of events with one cause.
    let mut causes: Vec<(&ChainBreak, Vec<EventOfReport>)> = Vec::new();
    for (event, report, problem) in &done.unauthorised {
        match causes.iter_mut().find(|(cause, _)| *cause == problem) {
            Some((_, each)) => each.push((*event, *report)),
            None => causes.push((problem, vec![(*event, *report)])),
        }
    }
    notices.extend(causes.into_iter().map(|(problem, each)| match each[..] {
        [(event, report)] => unauthorised(event, report, problem),
        _ => unauthorised_many(&each, problem),
    }));
    notices.extend(done.untrusted.as_ref().and_then(untrusted));
    notices.extend(
        done.mode_changed
            .map(|(before, after)| mode_changed(before, after)),
    );
    notices.extend(done.key_still_lost.as_deref().map(key_still_lost));
    notices.extend(done.replaced.as_ref().map(replaced_edited));
    notices.extend(corrections_lost(&done.corrections_lost));
    notices.extend(corrections_absent(&done.corrections_absent));
    notices.extend(super::consent::withdrawals_lost(&done.withdrawals_lost));
    notices.extend(super::consent::consents_lost(&done.consents_lost));
    notices.extend(super::workflow::takedowns_lost(&done.takedowns_lost));
    if done.lingering {
        notices.push(Localized::new(
            "Cảnh báo: một phiên khác (sqlite3) đang đọc cơ sở dữ liệu, nên các trang của nội dung cũ còn nằm trong tệp cho đến lần chép nhật ký WAL sau; phiên cuối cùng đóng lại sẽ chép xong.",
            "warning: another session (sqlite3) is reading the database, so the pages of the replaced content stay in the file until the WAL is next copied into it; the last session to close finishes the copy",
        ));
    }
    let (db, path, pages, events) = (
        done.db.display(),
        done.path.display(),
        done.pages,
        done.events_checked,
    );
    // Said on the done line: a plain restore says one line, and that line stays short
    // enough to read in a mail.
    let (lost_vi, lost_en) = discarded(done);
    let named = left_out(done);
    notices.push(Localized::new(
        format!(
            "Đã khôi phục {db} từ {path}: {pages} trang, chuỗi nhật ký nguyên vẹn ({events} sự kiện); đã ghi sự kiện khôi phục.{lost_vi}", pages = crate::i18n::grouped(pages, crate::i18n::Lang::Vi), events = crate::i18n::grouped(events, crate::i18n::Lang::Vi)
        ),
        format!(
            "restored {db} from {path}: {}, audit chain intact ({}); the restore is logged{lost_en}",
            count_en(pages, "page", "pages"),
            count_en(events, "event", "events")
        ),
    ));
    notices.extend(named);
    notices.extend(settings_rolled_back(&done.settings_rolled_back));
    notices
}

/// The settings the restore put back as the backup had them (key, before, after), named
/// with their values and the command that sets each again; a retention period turned off
/// warned of apart: from then on no identity is erased by the sweep.
fn settings_rolled_back(rolled: &[(String, String, String)]) -> Vec<Localized> {
    if rolled.is_empty() {
        return Vec::new();
    }
    let text = |lang: Lang| {
        let mut lines = vec![
            lang.pick(
                "Thiết lập trở lại như trong bản sao lưu (trước khôi phục → nay); muốn giữ giá trị trước thì đặt lại bằng `phananh settings set KHÓA GIÁ_TRỊ`:",
                "settings back as the backup had them (before the restore → now); to keep a value from before, set it again with `phananh settings set KEY VALUE`:",
            )
            .to_owned(),
        ];
        lines.extend(
            rolled
                .iter()
                .map(|(key, before, after)| format!("  - {key}: {before} → {after}")),
        );
        lines.join("\n")
    };
    let mut said = vec![Localized::new(text(Lang::Vi), text(Lang::En))];
    let retention = crate::domain::erasure::RETENTION;
    if let Some((_, before, _)) = rolled.iter().find(|(key, before, after)| {
        key == retention
            && before.parse::<f64>().is_ok_and(|d| d > 0.0)
            && after.parse::<f64>().is_ok_and(|d| d == 0.0)
    }) {
        said.push(Localized::new(
            format!(
                "Cảnh báo: khôi phục đã tắt thời hạn lưu giữ danh tính ({retention} {before} → 0): từ nay lệnh quét không tự xóa danh tính người phản ánh nào nữa. Đặt lại bằng `phananh settings set {retention} {before} --yes`."
            ),
            format!(
                "warning: the restore turned the retention period off ({retention} {before} → 0): from now on the sweep erases no reporter's identity. Set it again with `phananh settings set {retention} {before} --yes`"
            ),
        ));
    }
    said
}

/// The events the restore left out, named one a line after the done line (the first
/// `app::backup::LEFT_OUT_NAMED`, then how many more): time, account, what was done, the
/// report; never a reporter's identity, which no event's label holds.
fn left_out(done: &Restored) -> Option<Localized> {
    if done.left_out.is_empty() {
        return None;
    }
    let line = |e: &crate::domain::backup::LeftOut, lang: Lang| {
        let what = crate::domain::event::EventKind::parse(&e.action).map_or_else(
            || e.action.clone(),
            |kind| {
                let to = e
                    .to_status
                    .as_deref()
                    .and_then(crate::domain::report::Status::parse);
                kind.label(to, lang).into_owned()
            },
        );
        let report = e.report.map_or_else(String::new, |r| {
            format!(", {} {r}", lang.pick("phản ánh", "report"))
        });
        format!(
            "  - {} {}, {}, {}: {what}{report}",
            lang.pick("sự kiện", "event"),
            e.id,
            crate::output::layout::when(&e.at, lang).replace('\u{a0}', " "),
            e.actor
        )
    };
    let rest = done.discarded - done.redone_by_itself.total() - done.left_out.len() as i64;
    let text = |lang: Lang| {
        let mut lines = vec![
            lang.pick(
                "Các sự kiện không còn trong tệp:",
                "the events no longer in the file:",
            )
            .to_owned(),
        ];
        lines.extend(done.left_out.iter().map(|e| line(e, lang)));
        if rest > 0 {
            // The restore event keeps them all: the replaced file is gone.
            lines.push(match lang {
                Lang::Vi => format!(
                    "  … và {} sự kiện khác: sự kiện khôi phục liệt kê đủ (`phananh audit log --format json`, mục left_out).",
                    crate::i18n::grouped(rest, Lang::Vi)
                ),
                Lang::En => format!(
                    "  … and {} more: the restore event lists them all (`phananh audit log --format json`, under left_out)",
                    count_en(rest, "event", "events")
                ),
            });
        }
        lines.join("\n")
    };
    Some(Localized::new(text(Lang::Vi), text(Lang::En)))
}

/// What the done line adds on the events of the replaced database the restore did not keep
/// (none: nothing): of this chain, those after the backup's head; of another (`--force`),
/// those after the last event both chains hold alike (the whole replaced chain when none).
/// Those the restore made again (the notices before it say which reveals and erasures) are
/// counted apart, by kind: the others are the work to redo.
fn discarded(done: &Restored) -> (String, String) {
    let by_itself = done.redone_by_itself;
    let (n, again) = (done.discarded - by_itself.total(), done.made_again.total());
    let total = n + again + by_itself.total();
    if total == 0 {
        return (String::new(), String::new());
    }
    let vi = |k: i64| crate::i18n::grouped(k, Lang::Vi);
    let (scope_vi, scope_en) = match (done.forced, done.backup_head, done.kept_up_to) {
        (false, Some(head), _) => (
            format!("của cơ sở dữ liệu vừa thay có sau sự kiện cuối của bản sao lưu ({head})"),
            format!("of the replaced database after the backup's last event ({head})"),
        ),
        // The copy of the database that went on apart: what both held before they forked
        // is in the restored file.
        (true, _, Some(shared)) => (
            format!(
                "của chuỗi nhật ký vừa thay có sau sự kiện cuối mà hai chuỗi cùng có ({shared}; các sự kiện đến đó vẫn còn trong tệp)"
            ),
            format!(
                "of the replaced audit chain after the last event both chains hold alike ({shared}; the events up to it are still in the file)"
            ),
        ),
        _ => (
            "của chuỗi nhật ký vừa thay".to_owned(),
            "of the replaced audit chain".to_owned(),
        ),
    };
    let is_are = if n == 1 { "is" } else { "are" };
    if by_itself.total() > 0 {
        return with_redone_by_itself(done, (n, again, total), (&scope_vi, &scope_en));
    }
    if again == 0 {
        let (all_vi, all_en) = match done.kept_up_to {
            None => ("Cả ", "all "),
            Some(_) => ("", ""),
        };
        return (
            format!(
                " {all_vi}{} sự kiện {scope_vi} không còn trong tệp: hãy làm lại những gì chúng ghi.",
                vi(n)
            ),
            format!(
                "; {all_en}{} {scope_en} {is_are} no longer in the file: redo what they recorded",
                count_en(n, "event", "events")
            ),
        );
    }
    let (parts_vi, parts_en) = (
        made_again_parts(&done.made_again, Lang::Vi),
        made_again_parts(&done.made_again, Lang::En),
    );
    if n == 0 {
        return (
            format!(
                " Bản khôi phục đã làm lại cả {} sự kiện {scope_vi} ({parts_vi}): không có gì phải làm lại.",
                vi(total)
            ),
            format!(
                "; the restore made again {} {scope_en} ({parts_en}): nothing to redo",
                if total == 1 {
                    "the one event".to_owned()
                } else {
                    format!("all {} events", crate::i18n::grouped(total, Lang::En))
                }
            ),
        );
    }
    (
        format!(
            " Trong {} sự kiện {scope_vi}, bản khôi phục đã làm lại {} ({parts_vi}); {} sự kiện còn lại không còn trong tệp: hãy làm lại những gì chúng ghi.",
            vi(total),
            vi(again),
            vi(n)
        ),
        format!(
            "; of the {} {scope_en}, the restore made {} again ({parts_en}); the other {} {is_are} no longer in the file: redo what they recorded",
            count_en(total, "event", "events"),
            crate::i18n::grouped(again, Lang::En),
            crate::i18n::grouped(n, Lang::En)
        ),
    )
}

/// What a restore made again, by kind: "2 lần xem danh tính hoặc xuất đầy đủ, 1 lần xóa
/// danh tính".
fn made_again_parts(made: &crate::domain::backup::MadeAgain, lang: Lang) -> String {
    counted_parts(
        &[
            (
                made.identities,
                "lần mã hóa danh tính",
                "identity encryption",
                "identity encryptions",
            ),
            (
                made.reveals,
                "lần xem danh tính hoặc xuất đầy đủ",
                "reveal or full export",
                "reveals or full exports",
            ),
            (made.erasures, "lần xóa danh tính", "erasure", "erasures"),
            (
                made.withdrawals,
                "lần rút lại sự đồng ý chia sẻ danh tính",
                "withdrawal of consent",
                "withdrawals of consent",
            ),
            (
                made.upgrade,
                "sự kiện nâng cấp",
                "event of the upgrade",
                "events of the upgrade",
            ),
        ],
        lang,
    )
}

/// Counts with their words (Vietnamese, English one, English many), those above zero,
/// joined with commas.
fn counted_parts(parts: &[(i64, &str, &str, &str)], lang: Lang) -> String {
    parts
        .iter()
        .filter(|(k, ..)| *k > 0)
        .map(|&(k, vi_word, one, many)| match lang {
            Lang::Vi => format!("{} {vi_word}", crate::i18n::grouped(k, Lang::Vi)),
            Lang::En => count_en(k, one, many),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `discarded` when some of the events left out need no redoing (`RedoneByItself`): each
/// part said, and the events to redo, if any, last.
fn with_redone_by_itself(
    done: &Restored,
    (n, again, total): (i64, i64, i64),
    (scope_vi, scope_en): (&str, &str),
) -> (String, String) {
    let by_itself = done.redone_by_itself;
    let vi = |k: i64| crate::i18n::grouped(k, Lang::Vi);
    // Each kind with why nobody redoes it.
    let kinds = [
        (
            by_itself.reminders,
            "lần nhắc hạn",
            "reminder",
            "reminders",
            "lần quét hạn sau tự nhắc lại những hạn còn mở, có thể gửi lại thư báo quá hạn",
            "the next sweep reminds again of the deadlines still open, and may mail a breach again",
        ),
        (
            by_itself.adoptions,
            "lần áp dụng lịch mới",
            "calendar adoption",
            "calendar adoptions",
            "lần quét hạn sau áp dụng lại",
            "the next sweep adopts it again",
        ),
        (
            by_itself.refusals,
            "lần từ chối",
            "refusal",
            "refusals",
            "không có gì đã được làm",
            "nothing was done",
        ),
        (
            by_itself.backups,
            "lần sao lưu",
            "backup",
            "backups",
            "tệp sao lưu đã làm vẫn còn",
            "a backup's file stands on its own",
        ),
    ];
    let (mut kinds_vi, mut kinds_en) = (Vec::new(), Vec::new());
    for (k, vi_word, one, many, why_vi, why_en) in kinds.into_iter().filter(|kind| kind.0 > 0) {
        kinds_vi.push(format!("{} {vi_word} ({why_vi})", vi(k)));
        kinds_en.push(format!("{} ({why_en})", count_en(k, one, many)));
    }
    let mut vi_parts = Vec::new();
    let mut en_parts = Vec::new();
    if again > 0 {
        vi_parts.push(format!(
            "bản khôi phục đã làm lại {} ({})",
            vi(again),
            made_again_parts(&done.made_again, Lang::Vi)
        ));
        en_parts.push(format!(
            "the restore made {} again ({})",
            crate::i18n::grouped(again, Lang::En),
            made_again_parts(&done.made_again, Lang::En)
        ));
    }
    vi_parts.push(format!("{} không cần làm lại", kinds_vi.join(", ")));
    en_parts.push(format!(
        "{} {} no redoing",
        kinds_en.join(", "),
        if by_itself.total() - by_itself.parts == 1 {
            "needs"
        } else {
            "need"
        }
    ));
    if n > 0 {
        vi_parts.push(format!(
            "{} sự kiện còn lại không còn trong tệp: hãy làm lại những gì chúng ghi",
            vi(n)
        ));
        en_parts.push(format!(
            "the other {} {} no longer in the file: redo what they recorded",
            crate::i18n::grouped(n, Lang::En),
            if n == 1 { "is" } else { "are" }
        ));
    } else {
        vi_parts.push("không có gì phải làm lại".to_owned());
        en_parts.push("nothing to redo".to_owned());
    }
    (
        format!(
            " Trong {} sự kiện {scope_vi}, {}.",
            vi(total),
            vi_parts.join("; ")
        ),
        format!(
            "; of the {} {scope_en}, {}",
            count_en(total, "event", "events"),
            en_parts.join("; ")
        ),
    )
}

/// The restored identities are under the key the replaced database had lost.
fn key_still_lost(id: &str) -> Localized {
    Localized::new(
        format!(
            "Danh tính người phản ánh trong bản khôi phục vẫn được mã hóa bằng khóa {id}; khóa này đã mất, như với cơ sở dữ liệu trước khi khôi phục: chưa ai đọc được họ tên và số điện thoại. Chạy `phananh key reset --reason LÝ_DO --yes` để tạo khóa mới (xóa các danh tính chỉ khóa đã mất mở được) và làm việc tiếp."
        ),
        format!(
            "the reporters' identities in the restored copy are still encrypted under key {id}, lost as the replaced database's was: nobody can read a name or phone yet. Run `phananh key reset --reason TEXT --yes` to make a new key (erasing the identities only the lost key opened) and work again"
        ),
    )
}

/// "it" or "them", as `n` says.
fn it_or_them(n: usize) -> &'static str {
    if n == 1 { "it" } else { "them" }
}

/// The identities the backup still held that the replaced log had erased since.
fn reerased(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    // A backup from before a retention erasure re-erases as many as it erased.
    let list = |lang| super::erase::listed(reports, super::erase::WholeList::Reveals, lang);
    Some(Localized::new(
        format!(
            "Bản sao lưu còn danh tính người phản ánh đã bị xóa sau khi sao lưu: đã xóa lại danh tính của {} phản ánh{}, mỗi phản ánh một sự kiện erase ghi lý do, người xóa và thời điểm của lần xóa trước.",
            crate::i18n::grouped(reports.len(), crate::i18n::Lang::Vi),
            list(Lang::Vi)
        ),
        format!(
            "the backup still held identities erased after it was made: erased again the identity of {}{}, one erase event each with the reason, who erased and when",
            count_en(reports.len(), "report", "reports"),
            list(Lang::En)
        ),
    ))
}

/// The reveals and full exports made after the backup, written again.
fn carried(n: usize) -> Option<Localized> {
    (n > 0).then(|| {
        Localized::new(
            format!(
                "Đã ghi lại vào bản khôi phục {n} lần xem danh tính hoặc xuất đầy đủ có sau bản sao lưu (người làm, thời điểm, lý do và sự kiện gốc), để `phananh audit reveals` vẫn liệt kê chúng.", n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
            ),
            format!(
                "wrote again into the restored copy {} made after the backup (who, when, why and the original event), so that `phananh audit reveals` still lists them",
                count_en(n, "reveal or full export", "reveals or full exports")
            ),
        )
    })
}

/// Reports corrected after the backup that the backup lacks: not held "as before", gone.
fn corrections_absent(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    let mut reports = reports.to_vec();
    reports.sort_unstable();
    reports.dedup();
    let list = crate::domain::text::ids_listed(&reports);
    Some(Localized::new(
        format!(
            "Cảnh báo: phản ánh {list} đã được sửa danh tính sau bản sao lưu nhưng bản sao lưu không có phản ánh này, nên nó không còn sau khi khôi phục. Khi nạp lại, hãy đối chiếu đơn yêu cầu và sửa lại bằng `phananh identity correct`."
        ),
        format!(
            "warning: the identity of {} {list} was corrected after the backup, but the backup lacks {}, so it is gone with the restore. Once ingested again, check the request and correct it again with `phananh identity correct`",
            if reports.len() == 1 {
                "report"
            } else {
                "reports"
            },
            if reports.len() == 1 { "it" } else { "them" },
        ),
    ))
}

/// The findings of the replaced file a notice names; the others are counted (the restore
/// event keeps them).
const REPLACED_NAMED: usize = 20;

/// The database the restore replaced had been edited outside phananh (or could not be
/// checked through): what `audit verify` named there, that the restore event records it,
/// and where the replaced file is kept as evidence.
fn replaced_edited(evidence: &crate::domain::backup::ReplacedEvidence) -> Localized {
    let kept = evidence.kept.display();
    let named = |lang: Lang| {
        let mut named: Vec<String> = evidence
            .found
            .iter()
            .take(REPLACED_NAMED)
            .map(|problem| problem.text(lang).into_owned())
            .collect();
        let more = evidence.found.len().saturating_sub(REPLACED_NAMED);
        if more > 0 {
            named.push(match lang {
                Lang::Vi => format!(
                    "và {} điều khác",
                    crate::i18n::grouped(more as u64, Lang::Vi)
                ),
                Lang::En => format!("and {more} more"),
            });
        }
        named.join("; ")
    };
    let count = evidence.found.len() as u64;
    let (found_vi, found_en) = match &evidence.unchecked {
        Some(why) if evidence.found.is_empty() => (
            format!("không kiểm tra được hết cơ sở dữ liệu vừa bị thay ({why})"),
            format!("the database just replaced could not be checked through ({why})"),
        ),
        _ => (
            format!(
                "cơ sở dữ liệu vừa bị thay đã bị sửa ngoài phananh, `audit verify` chỉ ra {} điều: {}",
                crate::i18n::grouped(count, Lang::Vi),
                named(Lang::Vi)
            ),
            format!(
                "the database just replaced had been edited outside phananh; `audit verify` names {} there: {}",
                count_en(count, "finding", "findings"),
                named(Lang::En)
            ),
        ),
    };
    let todo = crate::output::erase::replaced_instruction();
    let (todo_vi, todo_en) = (todo.vi, todo.en);
    Localized::new(
        format!(
            "Cảnh báo: {found_vi}. Sự kiện khôi phục ghi lại các điều này, và tệp bị thay được giữ nguyên làm bằng chứng tại {kept} (chỉ chủ tệp đọc được; có danh tính người phản ánh, mở được bằng khóa đang dùng; `erase` và thời hạn lưu giữ không tới được nó): không sửa tệp này; hãy {todo_vi}."
        ),
        format!(
            "warning: {found_en}. The restore event records them, and the replaced file is kept as it stood, as evidence, at {kept} (readable by its owner only; it holds reporters' identities, opened by the key in use, which neither `erase` nor the retention period reaches): do not alter it; {todo_en}"
        ),
    )
}

/// The identity corrections the replaced log made after the backup, not made again.
fn corrections_lost(corrections: &[(i64, i64)]) -> Option<Localized> {
    if corrections.is_empty() {
        return None;
    }
    let mut reports: Vec<i64> = corrections.iter().map(|(_, report)| *report).collect();
    reports.sort_unstable();
    reports.dedup();
    let list = crate::domain::text::ids_listed(&reports);
    let events = corrections
        .iter()
        .map(|(event, _)| event.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let one = reports.len() == 1;
    Some(Localized::new(
        format!(
            "Cảnh báo: danh tính người phản ánh của phản ánh {list} đã được sửa sau bản sao lưu (sự kiện identity_correct {events} của nhật ký vừa thay, sự kiện restore ghi lại các số ấy). Nhật ký không giữ giá trị đã sửa nên không làm lại được: bản khôi phục giữ danh tính như trước khi sửa (`audit reveals`, `export subject` và lịch sử của `show` vẫn liệt kê việc sửa, ghi \"không làm lại sau khôi phục\"). Hãy đối chiếu đơn yêu cầu và sửa lại bằng `phananh identity correct SỐ --phone SỐ_ĐÚNG --reason \"LÝ DO\"` (hoặc --name)."
        ),
        format!(
            "warning: the reporter's identity of {} {list} was corrected after the backup (identity_correct {} {events} of the replaced log, which the restore event records). The log holds no corrected value, so none can be made again: the restored copy holds {} as before the correction (`audit reveals`, `export subject` and `show`'s history still list the correction, \"not made again after a restore\"). Check the request and correct {} again with `phananh identity correct ID --phone RIGHT_NUMBER --reason \"TEXT\"` (or --name)",
            if one { "report" } else { "reports" },
            if corrections.len() == 1 {
                "event"
            } else {
                "events"
            },
            if one {
                "that identity"
            } else {
                "those identities"
            },
            if one { "it" } else { "them" },
        ),
    ))
}

/// The reports erased again whose public texts now hide names by their shape only.
fn shape_only(reports: &[i64]) -> Option<Localized> {
    if reports.is_empty() {
        return None;
    }
    let list = crate::domain::text::ids_listed(reports);
    Some(Localized::new(
        format!(
            "Cảnh báo: không khóa nào mở được danh tính của phản ánh {list} trong bản sao lưu, và chỗ họ tên mà lần xóa trước ghi lại không khớp với các văn bản của phản ánh ấy trong bản sao lưu: từ nay các văn bản công khai của nó chỉ còn ẩn họ tên theo dáng họ tên. Hãy xem lại bằng `phananh export open311 --id MÃ` trước khi đăng."
        ),
        format!(
            "warning: no key opened the identity of {} {list} in the backup, and the places of the name the erasure kept do not fit that report's texts in the backup: its public texts now hide names by their shape only. Check them with `phananh export open311 --id APPID` before they are published",
            if reports.len() == 1 {
                "report"
            } else {
                "reports"
            }
        ),
    ))
}

/// The erasures whose report the backup lacks, written again about no report.
fn without_report(erasures: &[(i64, Option<String>)]) -> Option<Localized> {
    if erasures.is_empty() {
        return None;
    }
    let list = erasures
        .iter()
        .map(|(event, app)| format!("{event} ({})", app.as_deref().unwrap_or("-")))
        .collect::<Vec<_>>()
        .join(", ");
    let n = erasures.len();
    Some(Localized::new(
        format!(
            "Bản sao lưu không có phản ánh của {n} lần xóa danh tính ghi trong nhật ký vừa thay (sự kiện erase và mã ứng dụng: {list}): các lần xóa ấy được ghi lại vào bản khôi phục, không gắn với phản ánh nào, với lý do, người xóa và thời điểm, để `phananh audit reveals` vẫn liệt kê; nạp lại phản ánh mang mã ấy sẽ có cảnh báo.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "the backup lacks the report of {} the replaced log records (erase event and app id: {list}): written again into the restored copy about no report, with the reason, who erased and when, so that `phananh audit reveals` still lists {}; ingesting a report with that app id again is warned about",
            count_en(n, "erasure", "erasures"),
            it_or_them(n)
        ),
    ))
}

/// The erasures an earlier restore had written about no report, written again the same way.
fn carried_erasures(n: usize) -> Option<Localized> {
    (n > 0).then(|| {
        Localized::new(
            format!(
                "Đã ghi lại vào bản khôi phục {n} lần xóa danh tính không gắn với phản ánh nào (phản ánh của chúng không có trong bản sao lưu), để `phananh audit reveals` vẫn liệt kê.", n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
            ),
            format!(
                "wrote again into the restored copy {} about no report (their reports are not in the backup), so that `phananh audit reveals` still lists {}",
                count_en(n, "erasure", "erasures"),
                it_or_them(n)
            ),
        )
    })
}

/// An erasure not made again because the report its event sealed carries, in the backup,
/// another app id.
fn not_reerased(skipped: &NotReapplied) -> Localized {
    let (event, id) = (skipped.event, skipped.report_id);
    let claimed = skipped.claimed.as_deref().unwrap_or("-");
    let in_backup = skipped.in_backup.as_deref().unwrap_or("-");
    Localized::new(
        format!(
            "Cảnh báo: không xóa lại theo sự kiện erase {event}: sự kiện đó xóa danh tính của phản ánh {id} (mã {claimed}), nhưng phản ánh {id} trong bản sao lưu mang mã {in_backup}. Mã trong cơ sở dữ liệu vừa thay có thể đã bị sửa ngoài phananh, nên không xóa danh tính của ai theo nó. Hãy xem `phananh audit log {id}`; nếu danh tính ấy vẫn phải xóa, chạy `phananh erase {id} --reason \"LÝ DO\"`."
        ),
        format!(
            "warning: erase event {event} was not made again: it erased the identity of report {id} (app id {claimed}), but report {id} of the backup carries app id {in_backup}. The replaced database's app id may have been edited outside phananh, so no identity was erased by it. See `phananh audit log {id}`; if that identity must still go, run `phananh erase {id} --reason \"TEXT\"`"
        ),
    )
}

/// An erasure not made again because `audit verify` judges its account could not write it;
/// the report named, so that the admin who must erase it again knows which.
/// An erase event and the report it was about, if the backup holds it.
type EventOfReport = (i64, Option<i64>);

/// [`unauthorised`] for several erase events `each` that `audit verify` judges by the same
/// `problem`.
fn unauthorised_many(each: &[EventOfReport], problem: &ChainBreak) -> Localized {
    let events = crate::storage::journal::first_named(each, ", ", |(event, _)| event.to_string());
    let reports: Vec<i64> = each.iter().filter_map(|(_, report)| *report).collect();
    let ids = crate::storage::journal::first_named(&reports, " ", ToString::to_string);
    let n = each.len();
    let (n_vi, n_en) = (
        crate::i18n::grouped(n, crate::i18n::Lang::Vi),
        crate::i18n::grouped(n, crate::i18n::Lang::En),
    );
    Localized::new(
        format!(
            "Cảnh báo: không xóa lại theo {n_vi} sự kiện xóa danh tính ({events}): {}. Các danh tính ấy còn trong bản khôi phục; nếu vẫn phải xóa, quản trị viên chạy `phananh erase {ids} --reason \"LÝ DO\"`.",
            problem.vi()
        ),
        format!(
            "warning: {n_en} erase events ({events}) were not made again: {problem}. Those identities are back in the restored copy; if they must still go, an admin runs `phananh erase {ids} --reason \"TEXT\"`"
        ),
    )
}

fn unauthorised(event: i64, report: Option<i64>, problem: &ChainBreak) -> Localized {
    let (of_vi, of_en, id_vi, id_en) = match report {
        Some(id) => (
            format!(" (phản ánh {id})"),
            format!(" (report {id})"),
            id.to_string(),
            id.to_string(),
        ),
        None => (
            String::new(),
            String::new(),
            "SỐ".to_owned(),
            "ID".to_owned(),
        ),
    };
    Localized::new(
        format!(
            "Cảnh báo: không xóa lại theo sự kiện erase {event}{of_vi}: {}. Danh tính ấy còn trong bản khôi phục; nếu vẫn phải xóa, quản trị viên chạy `phananh erase {id_vi} --reason \"LÝ DO\"`.",
            problem.vi()
        ),
        format!(
            "warning: erase event {event}{of_en} was not made again: {problem}. That identity is back in the restored copy; if it must still go, an admin runs `phananh erase {id_en} --reason \"TEXT\"`"
        ),
    )
}

/// That the backup's `auth.mode` replaced the live one: back to `trust`, anyone who can run
/// phananh on the file acts as any account, which nobody must learn by surprise.
fn mode_changed(
    before: crate::domain::identity::AuthMode,
    after: crate::domain::identity::AuthMode,
) -> Localized {
    let (before, after) = (before.as_str(), after.as_str());
    let trust = after == "trust";
    Localized::new(
        format!(
            "Chú ý: bản sao lưu xác thực tài khoản theo chế độ {after}, cơ sở dữ liệu vừa thay theo chế độ {before}; từ nay là {after}{}. Đổi lại bằng `phananh settings set auth.mode {before}` nếu cần.",
            if trust {
                " (ai chạy được phananh trên tệp này cũng dùng được mọi tài khoản qua --as)"
            } else {
                ""
            }
        ),
        format!(
            "note: the backup authenticates accounts in {after} mode, the replaced database did in {before} mode; it is {after} from now on{}. Set it back with `phananh settings set auth.mode {before}` if needed",
            if trust {
                " (whoever can run phananh on this file acts as any account with --as)"
            } else {
                ""
            }
        ),
    )
}

/// What the restore left out of the replaced log from its first untrusted event on, if it
/// left out anything: the erasures by report (the admin may have to erase again), the
/// reveals and full exports by event.
fn untrusted(untrusted: &Untrusted) -> Option<Localized> {
    let (erasures, seen) = (untrusted.erasures.len(), untrusted.accountability.len());
    if erasures + seen == 0 {
        return None;
    }
    let join = |ids: &mut dyn Iterator<Item = i64>| {
        ids.map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
    };
    let reports = join(&mut untrusted.erasures.iter().map(|(_, report)| *report));
    let erase_events = join(&mut untrusted.erasures.iter().map(|(event, _)| *event));
    let seen_events = join(&mut untrusted.accountability.iter().copied());
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    if erasures > 0 {
        let one = erasures == 1;
        vi.push(format!(
            "{erasures} lần xóa danh tính (phản ánh {reports}; sự kiện {erase_events}) không được làm lại: {} còn trong bản khôi phục; nếu vẫn phải xóa, quản trị viên chạy `phananh erase SỐ --reason \"LÝ DO\"`",
            if one { "danh tính ấy" } else { "các danh tính ấy" }, erasures = crate::i18n::grouped(erasures, crate::i18n::Lang::Vi)
        ));
        en.push(format!(
            "{} ({} {reports}; {} {erase_events}) {} not made again: {} back in the restored copy; if {} must still go, an admin runs `phananh erase ID --reason \"TEXT\"`",
            count_en(erasures, "erasure", "erasures"),
            if one { "report" } else { "reports" },
            if one { "event" } else { "events" },
            if one { "was" } else { "were" },
            if one { "that identity is" } else { "those identities are" },
            if one { "it" } else { "one" },
        ));
    }
    if seen > 0 {
        let one = seen == 1;
        vi.push(format!(
            "{seen} lần xem danh tính hoặc xuất đầy đủ (sự kiện {seen_events}) không được ghi lại",
            seen = crate::i18n::grouped(seen, crate::i18n::Lang::Vi)
        ));
        en.push(format!(
            "{} ({} {seen_events}) {} not written again",
            count_en(seen, "reveal or full export", "reveals or full exports"),
            if one { "event" } else { "events" },
            if one { "was" } else { "were" },
        ));
    }
    let from = untrusted.from;
    // The event before an appended one is left out too; say why, as verify names the other.
    let (unconfirmed_vi, unconfirmed_en) = if untrusted.unconfirmed_by_next() {
        (
            ", vì sự kiện sau nó không khớp nên không xác nhận được nó",
            ", as the event after it, which does not hold, cannot confirm it",
        )
    } else {
        ("", "")
    };
    Some(Localized::new(
        format!(
            "Cảnh báo: nhật ký của cơ sở dữ liệu vừa thay không được xác nhận từ sự kiện {from} trở đi{unconfirmed_vi} ({}): những gì nó ghi từ đó có thể đã bị chèn ngoài phananh, hoặc được ghi theo một thiết lập hay vai trò mà sự kiện chèn ấy xác nhận. Vì vậy {}.",
            untrusted.problem.vi(),
            vi.join("; ")
        ),
        format!(
            "warning: the replaced database's log does not hold from event {from} on{unconfirmed_en} ({}): what it records from there may have been inserted outside phananh, or written under a setting or a role such an event vouched for; so {}",
            untrusted.problem,
            en.join("; ")
        ),
    ))
}

/// Where a backup is best written: another file, elsewhere than the database.
const ELSEWHERE: &str = "--out /srv/backup/phananh-$(date +%F).sqlite";

/// `backup --out` names a file already there (not the database's, not a database or a
/// key): a backup never overwrites one, and nothing here advises deleting it.
pub fn already_exists(out: &Path) -> Localized {
    Localized::new(
        format!(
            "{} đã tồn tại và không bị ghi đè (bản sao lưu không bao giờ ghi đè tệp có sẵn); không có gì thay đổi. Hãy chọn tên khác cho --out, ví dụ `{ELSEWHERE}`.",
            out.display()
        ),
        format!(
            "{} already exists and was not overwritten (a backup never overwrites a file), nothing was changed; choose another name for --out, e.g. `{ELSEWHERE}`",
            out.display()
        ),
    )
}

/// `backup --out` names the database, one of its side files or its key file.
pub fn out_is_kept(out: &Path) -> Localized {
    Localized::new(
        format!(
            "{} là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó: phananh không bao giờ ghi đè lên đó; không có gì thay đổi. Bản sao lưu là một tệp khác, tốt nhất ở nơi khác: ví dụ `{ELSEWHERE}`.",
            out.display()
        ),
        format!(
            "{} is the database, one of its side files or its key file: phananh never writes over it; nothing was changed. A backup is another file, best elsewhere: e.g. `{ELSEWHERE}`",
            out.display()
        ),
    )
}

/// `backup --out` names a folder.
pub fn out_is_folder(out: &Path) -> Localized {
    let inside = super::storage::shell_word(&out.join("phananh-NGAY.sqlite").display().to_string());
    let inside_en =
        super::storage::shell_word(&out.join("phananh-DATE.sqlite").display().to_string());
    Localized::new(
        format!(
            "{} là một thư mục; --out cần tên tệp của bản sao lưu, ví dụ `--out {inside}`. Không có gì thay đổi.",
            out.display()
        ),
        format!(
            "{} is a folder; --out needs the backup file's name, e.g. `--out {inside_en}`. Nothing was changed",
            out.display()
        ),
    )
}

/// Another backup to the same name holds the lock on its `partial` file.
pub fn another_running(partial: &Path) -> Localized {
    let file = partial.display();
    Localized::new(
        format!(
            "Một lệnh sao lưu khác đang ghi vào tên này ({file}); hãy đợi nó xong, hoặc chọn tên khác cho bản sao lưu này."
        ),
        format!(
            "another backup to this name is running (it is writing {file}); wait for it to finish, or choose another name for this one"
        ),
    )
}

/// The files `left` (joined by ", ") of an interrupted backup stand in the way.
pub fn left_over(left: &str) -> Localized {
    Localized::new(
        format!(
            "{left} còn sót lại từ một lần sao lưu bị gián đoạn; hãy xóa (các) tệp đó rồi chạy lại."
        ),
        format!("{left} is left from an interrupted backup; delete it and run again"),
    )
}

/// The copy just made failed SQLite's integrity check, and was deleted.
pub fn copy_failed(problem: &str) -> Localized {
    Localized::new(
        format!(
            "Bản sao không qua kiểm tra toàn vẹn ({problem}) nên đã bị xóa; cơ sở dữ liệu không bị ảnh hưởng. Hãy chạy lại hoặc kiểm tra ổ đĩa."
        ),
        format!(
            "the copy failed the integrity check ({problem}) and was deleted; the database is untouched. Run again or check the disk"
        ),
    )
}

/// `restore` needs a database whose content it replaces.
pub fn no_database(db: &Path) -> Localized {
    Localized::new(
        format!(
            "Không có cơ sở dữ liệu tại {db}; lệnh khôi phục chỉ thay nội dung của một cơ sở dữ liệu đã có. Hãy chạy `phananh init --db {db}` trước, hoặc sao chép tệp sao lưu vào {db}.",
            db = db.display()
        ),
        format!(
            "no database at {db}; restore only replaces the content of an existing database. Run `phananh init --db {db}` first, or copy the backup file to {db}",
            db = db.display()
        ),
    )
}

/// Other phananh processes (`holders`, as far as they could be seen) held the database past
/// `--wait`.
pub fn in_use(db: &Path, holders: &[(u32, String)]) -> Localized {
    let (vi_who, en_who) = super::storage::holding(holders);
    Localized::new(
        format!(
            "Có tiến trình phananh khác đang dùng {db} (nạp dữ liệu, quét hạn, một phiên làm việc…); cơ sở dữ liệu hiện tại giữ nguyên.{vi_who} Hãy chạy lại khi họ xong, hoặc chờ lâu hơn với --wait GIÂY.",
            db = db.display()
        ),
        format!(
            "other phananh processes are using {db} (an ingest, a sweep, an operator's session…); the current database is unchanged.{en_who} Run again when they are done, or wait longer with --wait SECONDS",
            db = db.display()
        ),
    )
}

/// The backup file named is not there.
pub fn no_backup_file(file: &Path) -> Localized {
    Localized::new(
        format!("Không có tệp sao lưu {}.", file.display()),
        format!("there is no backup file {}", file.display()),
    )
}

/// The backup file named is the database itself.
pub fn is_the_database(file: &Path) -> Localized {
    Localized::new(
        format!(
            "{} chính là cơ sở dữ liệu đang dùng; hãy chỉ định một tệp sao lưu.",
            file.display()
        ),
        format!(
            "{} is the database itself; name a backup file",
            file.display()
        ),
    )
}

/// A forced restore's reason says nothing.
pub fn reason_needed() -> Localized {
    Localized::new(
        format!(
            "Hãy cho biết vì sao thay chuỗi nhật ký bằng bản sao lưu này: `restore --force --reason \"...\"`, {}; lý do được ghi vào sự kiện restore. Chưa khôi phục gì.",
            statement::EXPECTED_VI
        ),
        format!(
            "say why this backup replaces the audit chain: `restore --force --reason \"...\"`, {}; the reason is kept in the restore event. Nothing was restored",
            statement::EXPECTED_EN
        ),
    )
}

/// The identities of the reports `left` (ids joined by ", ") of the backup `file` are
/// encrypted under the key `lost`, which `key reset` recorded as lost.
pub fn under_a_lost_key(file: &Path, lost: &str, left: &[String]) -> Localized {
    let whose = if left.len() == 1 {
        "identity of report"
    } else {
        "identities of reports"
    };
    let left = left.join(", ");
    Localized::new(
        format!(
            "Danh tính trong {} được mã hóa bằng khóa {lost}, mà `key reset` đã ghi là mất; nhật ký hiện tại không ghi việc xóa danh tính của các phản ánh {left} trong bản sao lưu, nên khôi phục xong không ai mở được chúng. Không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên. Hãy tìm lại tệp khóa {lost} và đặt nó ở tệp khóa cũ (.old) rồi chạy lại.",
            file.display()
        ),
        format!(
            "the identities in {} are encrypted under key {lost}, which `key reset` recorded as lost; the current log records no erasure of the {whose} {left} of the backup, so once restored nobody could open them. Nothing was restored and the current database is unchanged. Find the key file {lost}, put it at the old key's place (.old) and run again",
            file.display()
        ),
    )
}

/// The backup has another page size, and the database could not leave WAL to take it.
pub fn other_page_size(file: &Path, db: &Path) -> Localized {
    Localized::new(
        format!(
            "{} dùng kích thước trang khác với {} và đang có người khác mở cơ sở dữ liệu; cơ sở dữ liệu hiện tại giữ nguyên. Hãy chạy lại lệnh khôi phục khi không còn ai dùng, hoặc dừng mọi người dùng và sao chép tệp sao lưu vào chỗ của cơ sở dữ liệu.",
            file.display(),
            db.display()
        ),
        format!(
            "{} has another page size than {}, and others have the database open; the current database is unchanged. Run restore again when nobody else uses it, or stop all users and copy the backup file into place",
            file.display(),
            db.display()
        ),
    )
}

/// The backup's head is not an event of this chain: it is another database's, or a copy of
/// a chain since rewritten.
pub fn foreign_chain(
    file: &Path,
    backup: Option<&(i64, String)>,
    current: Option<&(i64, String)>,
) -> Localized {
    let head = |h: Option<&(i64, String)>| match h {
        Some((id, hash)) => format!("{id} ({})", &hash[..hash.len().min(16)]),
        None => "-".to_owned(),
    };
    Localized::new(
        format!(
            "Sự kiện cuối của {} là {}, không có trong chuỗi nhật ký của cơ sở dữ liệu này (sự kiện cuối {}): đó là bản sao của một cơ sở dữ liệu khác, hoặc của một chuỗi đã bị viết lại. Không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên. Nếu thật sự muốn thay, hãy chạy lại với --force --reason \"LÝ DO\" (sự kiện restore ghi cả hai đầu chuỗi và lý do).",
            file.display(),
            head(backup),
            head(current)
        ),
        format!(
            "the last event of {} is {}, which is not in this database's audit chain (last event {}): it is another database's copy, or one of a chain since rewritten. Nothing was restored and the current database is unchanged. If you mean to replace it, run again with --force --reason \"TEXT\" (the restore event records both heads and the reason)",
            file.display(),
            head(backup),
            head(current)
        ),
    )
}

/// A restore refused (`refusal`) after opening the current database upgraded it, an older
/// phananh's file, from schema `from` to `to` (and made its identity key at `key`, when it
/// had none): its "unchanged" is said of the restore, and what the opening changed, which
/// stays, is said after it (an older phananh is locked out of the file from then on).
pub fn refused_after_upgrade(
    refusal: &anyhow::Error,
    from: i64,
    to: i64,
    key: Option<&Path>,
) -> Localized {
    let said = |lang| crate::exit::message_of(refusal, lang);
    let (key_vi, key_en) = match key {
        Some(key) => (
            format!(
                " và danh tính người phản ánh được mã hóa bằng khóa mới {} (hãy sao lưu tệp khóa này)",
                key.display()
            ),
            format!(
                " and its reporters' identities encrypted under a new key, {} (back that file up)",
                key.display()
            ),
        ),
        None => (String::new(), String::new()),
    };
    Localized::new(
        format!(
            "{} Riêng việc mở cơ sở dữ liệu hiện tại để khôi phục đã thay đổi nó: nó đã được nâng lược đồ từ phiên bản {from} lên {to}{key_vi}, và giữ nguyên như vậy (bản phananh cũ hơn không mở được nó nữa).",
            said(Lang::Vi)
        ),
        format!(
            "{}; only opening the current database to restore into it changed it: it was upgraded from schema {from} to {to}{key_en}, and stays so (an older phananh can no longer open it)",
            said(Lang::En)
        ),
    )
}

/// The backup's schema is newer than this binary's (`latest`).
pub fn newer_schema(file: &Path, version: i64, latest: i64) -> Localized {
    Localized::new(
        format!(
            "{} có phiên bản lược đồ {version}, mới hơn bản phananh này ({latest}); hãy cập nhật phananh. Cơ sở dữ liệu hiện tại giữ nguyên.",
            file.display(),
        ),
        format!(
            "{} has schema version {version}, newer than this phananh ({latest}); upgrade phananh. The current database is unchanged",
            file.display(),
        ),
    )
}

/// The integrity failure (exit status 5) of a backup whose audit chain is broken.
pub fn broken_chain(file: &Path, problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Chuỗi nhật ký của {} bị phá vỡ: {}. Tệp đã bị sửa ngoài phananh nên không được khôi phục; cơ sở dữ liệu hiện tại giữ nguyên, chỉ ghi thêm lần từ chối này vào nhật ký. Hãy dùng một bản sao lưu khác.",
            file.display(),
            problem.vi()
        ),
        format!(
            "the audit chain of {} is broken: {problem}; the file was changed outside phananh and was not restored, the current database is unchanged but for this refusal, logged. Use another backup",
            file.display()
        ),
    )
}

/// A refusal of a backup `said`, as its `refused` event keeps it: a person's name typed in
/// the backup's file name stays out of the log, as it does of the `backup` event's path.
pub fn refusal_to_log(said: &Localized) -> Localized {
    use crate::domain::redact::redact_people;
    Localized::new(redact_people(&said.vi).text, redact_people(&said.en).text)
}

/// The file named for `restore` is not a phananh database at all.
pub fn not_a_backup(file: &Path) -> Localized {
    Localized::new(
        format!(
            "{} không phải là cơ sở dữ liệu phananh; không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên.",
            file.display()
        ),
        format!(
            "{} is not a phananh database; nothing was restored and the current database is unchanged",
            file.display()
        ),
    )
}

/// The integrity failure (exit status 5) of a backup SQLite finds damaged. SQLite's own
/// words (English, "database disk image is malformed") are kept for the English reader
/// only: the Vietnamese sentence says what they mean.
pub fn damaged(file: &Path, problem: &str) -> Localized {
    let problem = problem.replace(['\r', '\n'], " ");
    Localized::new(
        format!(
            "{} bị cắt cụt hoặc hư hỏng (SQLite không đọc được nó như một cơ sở dữ liệu nguyên vẹn); không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên. Hãy dùng một bản sao lưu khác.",
            file.display()
        ),
        format!(
            "{} is damaged ({problem}); nothing was restored and the current database is unchanged. Use another backup",
            file.display()
        ),
    )
}

/// `restore` over a database that is itself truncated or damaged (exit status 5): restore
/// needs the live file's accounts, log and head, so the way out is the manual one, step by
/// step, the damaged file kept aside at `aside` as evidence and the key `key` left in place;
/// `user`, the account the restore was run as.
pub fn damaged_database(
    db: &Path,
    backup: &Path,
    aside: &Path,
    key: &Path,
    user: Option<&str>,
) -> Localized {
    use super::storage::shell_word;
    let word = |p: &Path| shell_word(&p.display().to_string());
    // The account the restore was asked as: audit verify needs one too.
    let user = user
        .map(|u| format!(" --as {}", shell_word(u)))
        .unwrap_or_default();
    let (db_w, backup_w, aside_w) = (word(db), word(backup), word(aside));
    let (db, key) = (db.display(), key.display());
    Localized::new(
        format!(
            "{db} bị cắt cụt hoặc hư hỏng, nên lệnh khôi phục không thay được nó: lệnh cần đọc trong tệp đang dùng ai là quản trị viên, đầu chuỗi nhật ký và các lần xóa, xem danh tính phải ghi lại, mà tệp hỏng không cho đọc. Không chạm vào tệp. Hãy thay bằng tay khi không còn lệnh phananh nào chạy, dưới tài khoản sở hữu cơ sở dữ liệu: (1) chuyển tệp hỏng sang một bên làm bằng chứng, cùng tệp -wal, -shm nếu có: `mv {db_w} {aside_w}` (và `mv {db_w}-wal {aside_w}-wal`, `mv {db_w}-shm {aside_w}-shm`); (2) chép bản sao lưu vào chỗ cũ: `cp {backup_w} {db_w}`; (3) giữ nguyên tệp khóa {key}; (4) chạy `phananh --db {db_w}{user} audit verify`. Những lần xóa danh tính làm sau lúc sao lưu không có trong bản sao lưu: hãy làm lại bằng `phananh erase SỐ --reason \"LÝ DO\"`."
        ),
        format!(
            "{db} is truncated or damaged, so restore cannot replace it: it reads from the live file who is an admin, the audit chain's head, and the erasures and reveals it must write again, and a damaged file gives none of them. It was left untouched. Replace it by hand while no phananh command runs, as the account that owns the database: (1) move the damaged file aside as evidence, with its -wal and -shm files if any: `mv {db_w} {aside_w}` (and `mv {db_w}-wal {aside_w}-wal`, `mv {db_w}-shm {aside_w}-shm`); (2) copy the backup into its place: `cp {backup_w} {db_w}`; (3) leave the key file {key} where it is; (4) run `phananh --db {db_w}{user} audit verify`. Erasures of identities made after the backup are not in it: make them again with `phananh erase N --reason \"TEXT\"`"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::identity::AuthMode;
    use std::path::PathBuf;

    fn restore() -> Restored {
        Restored {
            db: PathBuf::from("/srv/phananh.sqlite"),
            path: PathBuf::from("/srv/backup/b.sqlite"),
            pages: 1,
            events_checked: 12,
            forced: false,
            discarded: 0,
            made_again: crate::domain::backup::MadeAgain::default(),
            redone_by_itself: crate::domain::backup::RedoneByItself::default(),
            left_out: Vec::new(),
            backup_head: Some(12),
            kept_up_to: Some(12),
            lingering: false,
            reerased: Vec::new(),
            not_reerased: Vec::new(),
            shape_only: Vec::new(),
            without_report: Vec::new(),
            unauthorised: Vec::new(),
            untrusted: None,
            carried: 0,
            carried_erasures: 0,
            mode_changed: None,
            settings_rolled_back: Vec::new(),
            key_still_lost: None,
            corrections_lost: Vec::new(),
            corrections_absent: Vec::new(),
            withdrawals_lost: Vec::new(),
            consents_lost: Vec::new(),
            takedowns_lost: Vec::new(),
            replaced: None,
        }
    }

    /// A plain restore says one line, in each language, with English counted words.
    #[test]
    fn a_plain_restore_says_only_that_it_is_done() {
        let notices = restored(&restore());
        assert_eq!(notices.len(), 1);
        assert_eq!(
            notices[0].en,
            "restored /srv/phananh.sqlite from /srv/backup/b.sqlite: 1 page, audit chain intact (12 events); the restore is logged"
        );
        assert_eq!(
            notices[0].vi,
            "Đã khôi phục /srv/phananh.sqlite từ /srv/backup/b.sqlite: 1 trang, chuỗi nhật ký nguyên vẹn (12 sự kiện); đã ghi sự kiện khôi phục."
        );
    }

    /// Each thing done or left out has its notice, in the order the admin acts on them, and
    /// the line saying the restore is done comes last.
    #[test]
    fn every_notice_comes_in_its_place_and_the_done_line_last() {
        let done = Restored {
            forced: true,
            lingering: true,
            reerased: vec![3],
            carried: 2,
            shape_only: vec![3],
            without_report: vec![(40, None)],
            carried_erasures: 1,
            unauthorised: vec![(41, None, ChainBreak::EventAltered { id: 41 })],
            untrusted: Some(Untrusted {
                from: 50,
                problem: ChainBreak::Unlinked {
                    id: 51,
                    previous: 49,
                },
                erasures: Vec::new(),
                accountability: vec![52],
            }),
            mode_changed: Some((AuthMode::Peer, AuthMode::Trust)),
            settings_rolled_back: Vec::new(),
            key_still_lost: Some("d569d855914597e2".to_owned()),
            corrections_lost: Vec::new(),
            corrections_absent: Vec::new(),
            withdrawals_lost: Vec::new(),
            consents_lost: Vec::new(),
            takedowns_lost: Vec::new(),
            ..restore()
        };
        let starts: Vec<String> = restored(&done)
            .iter()
            .map(|notice| notice.en.chars().take(30).collect())
            .collect();
        assert_eq!(
            starts,
            [
                "forced restore (--force): the ",
                "the backup still held identiti",
                "wrote again into the restored ",
                "warning: no key opened the ide",
                "the backup lacks the report of",
                "wrote again into the restored ",
                "warning: erase event 41 was no",
                "warning: the replaced database",
                "note: the backup authenticates",
                "the reporters' identities in t",
                "warning: another session (sqli",
                "restored /srv/phananh.sqlite f",
            ]
        );
        let notices = restored(&done);
        // No report named: the command to run says which placeholder to fill in.
        assert!(
            notices[6]
                .vi
                .contains("`phananh erase SỐ --reason \"LÝ DO\"`")
        );
        assert!(
            notices[6]
                .en
                .contains("`phananh erase ID --reason \"TEXT\"`")
        );
        assert!(notices[5].en.contains("1 erasure about no report"));
        assert!(notices[5].en.ends_with("still lists it"));
        assert!(notices[8].en.contains("acts as any account with --as"));
    }

    /// The event before an appended one is left out because the appended one cannot confirm
    /// it; verify names the appended one, so the notice says why the earlier one is out too.
    #[test]
    fn the_untrusted_notice_says_when_the_first_event_out_is_unconfirmed() {
        let untrusted = |problem| Untrusted {
            from: 50,
            problem,
            erasures: vec![(53, 7)],
            accountability: Vec::new(),
        };
        let appended = super::untrusted(&untrusted(ChainBreak::Unlinked {
            id: 51,
            previous: 49,
        }))
        .unwrap();
        assert!(appended.en.contains(
            "from event 50 on, as the event after it, which does not hold, cannot confirm it ("
        ));
        assert!(
            appended
                .vi
                .contains("vì sự kiện sau nó không khớp nên không xác nhận được nó")
        );
        assert!(
            appended
                .en
                .contains("1 erasure (report 7; event 53) was not made again")
        );
        let altered = super::untrusted(&untrusted(ChainBreak::EventAltered { id: 50 })).unwrap();
        assert!(altered.en.contains("from event 50 on ("));
        assert!(!altered.vi.contains("không xác nhận được nó"));
        let nothing_left_out = Untrusted {
            erasures: Vec::new(),
            ..untrusted(ChainBreak::EventAltered { id: 50 })
        };
        assert!(super::untrusted(&nothing_left_out).is_none());
    }
}
