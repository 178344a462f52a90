//! `backup --out FILE` and `restore FILE` (issue 5): their arguments and what they say
//! when done. Copying, checking and the events are `app::backup`'s.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::app::{Context, backup};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin backup --out /srv/backup/phananh-2026-10-05.sqlite
  PATH=/usr/local/bin:/usr/bin:/bin
  PHANANH_DB=/srv/phananh/phananh.sqlite
  PHANANH_USER=cron.tiepnhan
  0 2 * * * phananh backup --quiet --out /srv/backup/phananh-$(date +\\%F).sqlite")]
pub struct BackupArgs {
    /// Where to write the copy: a new file (an existing one is never overwritten). It holds
    /// reporters' personal data and is created readable by its owner only (mode 0600).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print nothing but errors (for cron, which mails whatever a job prints).
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as admin restore /srv/backup/phananh-2026-10-05.sqlite
  phananh --as admin \\
      --db /srv/phananh/phananh.sqlite restore phananh-2026-10-05.sqlite
  phananh --as admin restore old-server.sqlite --force \\
      --reason \"Chuyển từ máy chủ cũ\"")]
pub struct RestoreArgs {
    /// The backup to restore (admin only). It must be a phananh database that passes
    /// SQLite's integrity check and `audit verify`, whose last event is in the current
    /// chain; the current content of --db is replaced.
    pub file: PathBuf,
    /// Restore a backup whose last event is not in the current chain (another database's,
    /// or one of a rewritten chain); needs --reason, recorded in the restore event.
    #[arg(long, requires = "reason")]
    pub force: bool,
    /// Why a --force restore replaces this chain.
    #[arg(long, value_name = "TEXT", requires = "force")]
    pub reason: Option<String>,
    /// Seconds to wait for other phananh processes (an ingest, a sweep, an operator) to
    /// finish with the database before refusing.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub wait: u64,
}

pub fn cmd_backup(ctx: &Context, args: &BackupArgs) -> Result<u8> {
    let done = backup::backup(ctx, &args.out)?;
    if let Some(problem) = &done.broken {
        // An error, so said even with --quiet and with exit status 5: the crontab's
        // `backup --quiet … && find … -delete` must not rotate away the backups that
        // `restore` still takes.
        use crate::i18n::Bilingual;
        let (path, pages, bytes) = (done.path.display(), done.pages, done.bytes);
        return Err(crate::exit::Failure::integrity(crate::i18n::Localized::new(
            format!(
                "Chuỗi kiểm toán của cơ sở dữ liệu bị phá vỡ: {}. Bản sao vẫn được giữ ở {path} ({pages} trang, {bytes} byte) làm bằng chứng, nhưng `restore` sẽ từ chối nó. Đừng xóa các bản sao lưu cũ hơn (mã thoát 5 để `&& find … -delete` không chạy): hãy chạy `phananh audit verify`, báo quản trị viên và khôi phục bản sao lưu gần nhất làm trước lần sửa.",
                problem.vi()
            ),
            format!(
                "the database's audit chain is broken: {problem}. The copy was kept at {path} ({}, {bytes} bytes) as evidence, but `restore` would refuse it. Keep the older backups (exit status 5 stops a `&& find … -delete` rotation): run `phananh audit verify`, tell an admin, and restore the newest backup made before the change",
                crate::i18n::count_en(pages, "page", "pages")
            ),
        ))
        .into());
    }
    if args.quiet {
        return Ok(crate::exit::OK);
    }
    ctx.status(
        &format!(
            "Đã sao lưu vào {}: {} trang, {} byte, đã kiểm tra toàn vẹn.",
            done.path.display(),
            done.pages,
            done.bytes
        ),
        &format!(
            "backed up to {}: {} pages, {} bytes, integrity checked",
            done.path.display(),
            done.pages,
            done.bytes
        ),
    );
    Ok(crate::exit::OK)
}

pub fn cmd_restore(ctx: &Context, args: &RestoreArgs) -> Result<u8> {
    let options = backup::RestoreOptions {
        force: args
            .force
            .then(|| args.reason.clone().unwrap_or_default())
            .map(|r| crate::domain::text::nfc(r.trim())),
        wait: std::time::Duration::from_secs(args.wait),
    };
    let done = backup::restore(ctx, &args.file, &options)?;
    if done.forced {
        ctx.status(
            "Khôi phục bắt buộc (--force): chuỗi kiểm toán cũ đã được thay; sự kiện restore ghi lại đầu chuỗi cũ và lý do.",
            "forced restore (--force): the previous audit chain was replaced; the restore event records its head and the reason",
        );
    }
    if !done.reerased.is_empty() {
        let list = crate::domain::text::ids_listed(&done.reerased);
        ctx.status(
            &format!(
                "Bản sao lưu còn danh tính người phản ánh đã bị xóa sau khi sao lưu: đã xóa lại danh tính của {} phản ánh ({list}), mỗi phản ánh một sự kiện erase ghi lý do, người xóa và thời điểm của lần xóa trước.",
                done.reerased.len()
            ),
            &format!(
                "the backup still held identities erased after it was made: erased again the identity of {} ({list}), one erase event each with the reason, who erased and when",
                crate::i18n::count_en(done.reerased.len(), "report", "reports")
            ),
        );
    }
    if done.carried > 0 {
        ctx.status(
            &format!(
                "Đã ghi lại vào bản khôi phục {} lần xem danh tính hoặc xuất đầy đủ có sau bản sao lưu (người làm, thời điểm, lý do và sự kiện gốc), để `phananh audit reveals` vẫn liệt kê chúng.",
                done.carried
            ),
            &format!(
                "wrote again into the restored copy {} made after the backup (who, when, why and the original event), so that `phananh audit reveals` still lists them",
                crate::i18n::count_en(done.carried, "reveal or full export", "reveals or full exports")
            ),
        );
    }
    if !done.shape_only.is_empty() {
        let list = crate::domain::text::ids_listed(&done.shape_only);
        ctx.status(
            &format!(
                "Cảnh báo: không khóa nào mở được danh tính của phản ánh {list} trong bản sao lưu, và chỗ họ tên mà lần xóa trước ghi lại không khớp với các văn bản của phản ánh ấy trong bản sao lưu: từ nay các văn bản công khai của nó chỉ còn ẩn họ tên theo dáng họ tên. Hãy xem lại bằng `phananh export open311 --id MÃ` trước khi đăng."
            ),
            &format!(
                "warning: no key opened the identity of {} {list} in the backup, and the places of the name the erasure kept do not fit that report's texts in the backup: its public texts now hide names by their shape only. Check them with `phananh export open311 --id APPID` before they are published",
                if done.shape_only.len() == 1 { "report" } else { "reports" }
            ),
        );
    }
    if !done.without_report.is_empty() {
        let list = done
            .without_report
            .iter()
            .map(|(event, app)| format!("{event} ({})", app.as_deref().unwrap_or("-")))
            .collect::<Vec<_>>()
            .join(", ");
        let n = done.without_report.len();
        ctx.status(
            &format!(
                "Bản sao lưu không có phản ánh của {n} lần xóa danh tính ghi trong nhật ký vừa thay (sự kiện erase và mã ứng dụng: {list}): các lần xóa ấy được ghi lại vào bản khôi phục, không gắn với phản ánh nào, với lý do, người xóa và thời điểm, để `phananh audit reveals` vẫn liệt kê; nạp lại phản ánh mang mã ấy sẽ có cảnh báo."
            ),
            &format!(
                "the backup lacks the report of {} the replaced log records (erase event and app id: {list}): written again into the restored copy about no report, with the reason, who erased and when, so that `phananh audit reveals` still lists {}; ingesting a report with that app id again is warned about",
                crate::i18n::count_en(n, "erasure", "erasures"),
                if n == 1 { "it" } else { "them" }
            ),
        );
    }
    if done.carried_erasures > 0 {
        let n = done.carried_erasures;
        ctx.status(
            &format!(
                "Đã ghi lại vào bản khôi phục {n} lần xóa danh tính không gắn với phản ánh nào (phản ánh của chúng không có trong bản sao lưu), để `phananh audit reveals` vẫn liệt kê."
            ),
            &format!(
                "wrote again into the restored copy {} about no report (their reports are not in the backup), so that `phananh audit reveals` still lists {}",
                crate::i18n::count_en(n, "erasure", "erasures"),
                if n == 1 { "it" } else { "them" }
            ),
        );
    }
    for skipped in &done.not_reerased {
        let (event, id) = (skipped.event, skipped.report_id);
        let claimed = skipped.claimed.as_deref().unwrap_or("-");
        let in_backup = skipped.in_backup.as_deref().unwrap_or("-");
        ctx.status(
            &format!(
                "Cảnh báo: không xóa lại theo sự kiện erase {event}: sự kiện đó xóa danh tính của phản ánh {id} (mã {claimed}), nhưng phản ánh {id} trong bản sao lưu mang mã {in_backup}. Mã trong cơ sở dữ liệu vừa thay có thể đã bị sửa ngoài phananh, nên không xóa danh tính của ai theo nó. Hãy xem `phananh audit log {id}`; nếu danh tính ấy vẫn phải xóa, chạy `phananh erase {id} --reason \"LÝ DO\"`."
            ),
            &format!(
                "warning: erase event {event} was not made again: it erased the identity of report {id} (app id {claimed}), but report {id} of the backup carries app id {in_backup}. The replaced database's app id may have been edited outside phananh, so no identity was erased by it. See `phananh audit log {id}`; if that identity must still go, run `phananh erase {id} --reason \"TEXT\"`"
            ),
        );
    }
    for (event, report, problem) in &done.unauthorised {
        use crate::i18n::Bilingual;
        // The report named, so that the admin who must erase it again knows which.
        let (of_vi, of_en, id) = match report {
            Some(id) => (
                format!(" (phản ánh {id})"),
                format!(" (report {id})"),
                id.to_string(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let (id_vi, id_en) = if id.is_empty() {
            ("SỐ".to_owned(), "ID".to_owned())
        } else {
            (id.clone(), id)
        };
        ctx.status(
            &format!(
                "Cảnh báo: không xóa lại theo sự kiện erase {event}{of_vi}: {}. Danh tính ấy còn trong bản khôi phục; nếu vẫn phải xóa, quản trị viên chạy `phananh erase {id_vi} --reason \"LÝ DO\"`.",
                problem.vi()
            ),
            &format!(
                "warning: erase event {event}{of_en} was not made again: {problem}. That identity is back in the restored copy; if it must still go, an admin runs `phananh erase {id_en} --reason \"TEXT\"`"
            ),
        );
    }
    if let Some(notice) = done.untrusted.as_ref().and_then(untrusted_notice) {
        ctx.status(&notice.vi, &notice.en);
    }
    if let Some((before, after)) = done.mode_changed {
        let (before, after) = (before.as_str(), after.as_str());
        ctx.status(
            &format!(
                "Chú ý: bản sao lưu xác thực tài khoản theo chế độ {after}, cơ sở dữ liệu vừa thay theo chế độ {before}; từ nay là {after}{}. Đổi lại bằng `phananh settings set auth.mode {before}` nếu cần.",
                if after == "trust" { " (ai chạy được phananh trên tệp này cũng dùng được mọi tài khoản qua --as)" } else { "" }
            ),
            &format!(
                "note: the backup authenticates accounts in {after} mode, the replaced database did in {before} mode; it is {after} from now on{}. Set it back with `phananh settings set auth.mode {before}` if needed",
                if after == "trust" { " (whoever can run phananh on this file acts as any account with --as)" } else { "" }
            ),
        );
    }
    if done.lingering {
        ctx.status(
            "Cảnh báo: một phiên khác (sqlite3) đang đọc cơ sở dữ liệu, nên các trang của nội dung cũ còn nằm trong tệp cho đến lần chép nhật ký WAL sau; phiên cuối cùng đóng lại sẽ chép xong.",
            "warning: another session (sqlite3) is reading the database, so the pages of the replaced content stay in the file until the WAL is next copied into it; the last session to close finishes the copy",
        );
    }
    ctx.status(
        &format!(
            "Đã khôi phục {} từ {}: {} trang, chuỗi kiểm toán nguyên vẹn ({} sự kiện); đã ghi sự kiện restore.",
            done.db.display(),
            done.path.display(),
            done.pages,
            done.events_checked
        ),
        &format!(
            "restored {} from {}: {}, audit chain intact ({}); the restore is logged",
            done.db.display(),
            done.path.display(),
            crate::i18n::count_en(done.pages, "page", "pages"),
            crate::i18n::count_en(done.events_checked, "event", "events")
        ),
    );
    Ok(crate::exit::OK)
}

/// What the restore left out of the replaced log from its first untrusted event on, if it
/// left out anything: the erasures by report (the admin may have to erase again), the
/// reveals and full exports by event.
fn untrusted_notice(untrusted: &crate::app::backup::Untrusted) -> Option<crate::i18n::Localized> {
    use crate::i18n::Bilingual;
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
        vi.push(format!(
            "{erasures} lần xóa danh tính (phản ánh {reports}; sự kiện {erase_events}) không được làm lại: {} còn trong bản khôi phục; nếu vẫn phải xóa, quản trị viên chạy `phananh erase SỐ --reason \"LÝ DO\"`",
            if erasures == 1 { "danh tính ấy" } else { "các danh tính ấy" }
        ));
        en.push(format!(
            "{} ({} {reports}; {} {erase_events}) {} not made again: {} back in the restored copy; if {} must still go, an admin runs `phananh erase ID --reason \"TEXT\"`",
            crate::i18n::count_en(erasures, "erasure", "erasures"),
            if erasures == 1 { "report" } else { "reports" },
            if erasures == 1 { "event" } else { "events" },
            if erasures == 1 { "was" } else { "were" },
            if erasures == 1 { "that identity is" } else { "those identities are" },
            if erasures == 1 { "it" } else { "one" },
        ));
    }
    if seen > 0 {
        vi.push(format!(
            "{seen} lần xem danh tính hoặc xuất đầy đủ (sự kiện {seen_events}) không được ghi lại"
        ));
        en.push(format!(
            "{} ({} {seen_events}) {} not written again",
            crate::i18n::count_en(seen, "reveal or full export", "reveals or full exports"),
            if seen == 1 { "event" } else { "events" },
            if seen == 1 { "was" } else { "were" },
        ));
    }
    let from = untrusted.from;
    // The event before an appended one is left out too; say why, as verify names the other.
    use crate::domain::audit::ChainBreak;
    let named = match untrusted.problem {
        ChainBreak::EventAltered { id } | ChainBreak::Unlinked { id, .. } => id,
        _ => from,
    };
    let (unconfirmed_vi, unconfirmed_en) = if named == from {
        (String::new(), String::new())
    } else {
        (
            ", vì sự kiện sau nó không khớp nên không xác nhận được nó".to_owned(),
            ", as the event after it, which does not hold, cannot confirm it".to_owned(),
        )
    };
    Some(crate::i18n::Localized::new(
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
