//! `sweep` (docs/rules.md §4, Đ13.3): run by cron under a reception account. The use case
//! (`app::sweep`) records one reminder event per clock per threshold; this prints them as
//! each page is committed, urgent reports first with the agency named: by default only what
//! this run recorded, every due clock with `--all`. A table shows the first `TABLE_ROWS`
//! rows and says how many more there are; CSV and JSON carry every one. Nothing goes to
//! stderr but errors and what a cron job's reader must know (a breach taken back, a
//! reminder that could not be recorded yet), so cron mails nothing on a quiet night.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::app::sweep::{self, SweepRow, Tally};
use crate::domain::access::Operation;
use crate::output::{Format, ListingWriter, progress, progress_beside_output};

#[derive(Debug, Args)]
#[command(after_help = concat!("Examples:
  # remind, and list what this run reminded of
  phananh --as tiepnhan.lan sweep
  # every clock due, recording nothing
  phananh --as tiepnhan.lan sweep --all --dry-run
  # in a crontab: every 10 minutes, what is new appended to the CSV file $CSV
  # names, and a mail (stderr) naming each deadline newly breached
  PATH=/usr/local/bin:/usr/bin:/bin
  PHANANH_DB=/srv/phananh/phananh.sqlite
  PHANANH_USER=cron.tiepnhan
  MAILTO=quantri@example.vn
  CSV=/var/log/phananh/sweep.csv
  */10 * * * * phananh --format csv sweep --no-headers --fail-on-breach >> $CSV

By default only the reminders this run recorded are listed, each with the run's time (swept_at), so a file cron appends to grows by what is new. The summary line follows a table on stdout; stderr carries errors, and with --fail-on-breach one line per deadline newly breached (report, stage, agency or the portal, deadline; urgent first).

", crate::exit_statuses_help!()))]
pub struct SweepArgs {
    /// List what is due without recording reminders; with a retention period set
    /// (privacy.erase_after_days), say how many identities a real sweep would erase now and
    /// of which reports (or why it would erase none).
    #[arg(long)]
    pub dry_run: bool,
    /// List every clock due soon or past due, not only the reminders this run recorded.
    #[arg(long)]
    pub all: bool,
    /// Exit with status 3 when this run found a deadline newly breached, and say on stderr
    /// how many and which (report, stage, agency or the portal, deadline; urgent first),
    /// even with --quiet (for monitoring; cron mails it).
    #[arg(long)]
    pub fail_on_breach: bool,
    /// Print nothing but errors (the reminders are still recorded).
    #[arg(long, short)]
    pub quiet: bool,
    /// CSV without its header line (for a file cron appends to).
    #[arg(long)]
    pub no_headers: bool,
}

pub fn cmd_sweep(ctx: &Context, args: &SweepArgs) -> Result<u8> {
    if args.quiet {
        // Cron mails whatever reaches stderr: a long wait for the turn is no error.
        crate::storage::queue::tell_waits_to(None);
    }
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Sweep, None)?;
    let plan = sweep::plan(&conn, ctx, &actor.username, args.dry_run, args.all)?;
    // Said even to a quiet cron job: a reported breach no longer counts.
    if let Some(notice) = crate::app::deadlines::cleared_notice(
        &plan.cleared_overdue,
        crate::app::deadlines::ClearedBy::Shipped,
    ) {
        ctx.status(&notice.vi, &notice.en);
    }
    let message = ctx.lang.pick("Nhắc hạn", "Sweeping");
    let bar = match (crate::output::watching() && !args.quiet, ctx.format) {
        (false, _) => indicatif::ProgressBar::hidden(),
        // A table is printed at the end; CSV and JSON rows stream beside the bar.
        (true, Format::Table) => progress(sweep::count_due(&conn, &plan)?, message),
        (true, _) => progress_beside_output(sweep::count_due(&conn, &plan)?, message),
    };
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut listing = if args.quiet {
        None
    } else {
        Some(ListingWriter::<_, SweepRow>::with_header(
            out,
            ctx.format,
            ctx.lang,
            crate::output::TABLE_ROWS,
            !args.no_headers,
        )?)
    };
    // If the output fails (`sweep | head` closing the pipe), the sweep still records every
    // reminder it owes, and reports the failure at the end.
    let mut output_failed: Option<anyhow::Error> = None;
    let mut tally = sweep::sweep(&conn, ctx, &actor.username, &plan, &mut |rows| {
        for row in &rows {
            if let Some(writer) = &mut listing
                && let Err(e) = writer.row(row)
            {
                output_failed = Some(e);
                listing = None;
            }
        }
        bar.inc(rows.len() as u64);
    })?;
    bar.finish_and_clear();
    // Said even to a quiet cron job, once per run: these clocks are still owed a reminder.
    if let Some(notice) = skipped_notice(&tally.skipped) {
        ctx.status(&notice.vi, &notice.en);
    }
    // A retention erasure that fails, or that left out rows edited behind the tool's back
    // (which it will not seal), is said after the reminders are listed: they are on record
    // already.
    let mut retention_failed = None;
    if args.dry_run {
        // Said as the real sweep says what it erased: the dry run is where a DPO looks
        // before an irreversible act.
        if let Some(notice) = would_erase(&conn, ctx)? {
            ctx.status(&notice.vi, &notice.en);
        }
    } else {
        match crate::app::erase::retention(&conn, ctx) {
            Ok(erased) => {
                tally.erased = erased.erased.len() as u64;
                // Said even to a quiet cron job: an irreversible act by the setting alone.
                if let (n @ 1.., Some(days)) = (tally.erased, erased.retention_days) {
                    ctx.status(
                        &format!(
                            "Đã xóa danh tính người phản ánh của {n} phản ánh đã đóng quá thời hạn lưu giữ ({} = {days}).",
                            crate::app::erase::RETENTION
                        ),
                        &format!(
                            "erased the identities of {} closed past the retention period ({} = {days})",
                            crate::i18n::count_en(n, "report", "reports"),
                            crate::app::erase::RETENTION
                        ),
                    );
                }
                // Said even to a quiet cron job: an erasure the files still hold is not done.
                if let Some(notice) = erased.lingering_notice() {
                    ctx.status(&notice.vi, &notice.en);
                }
                retention_failed = erased.edited_failure().map(anyhow::Error::new);
            }
            Err(e) => retention_failed = Some(e),
        }
    }
    let table = ctx.format == Format::Table;
    if let Some(writer) = listing {
        // An empty table says nothing the summary line does not.
        let finished = if table && tally.listed == 0 {
            Ok(())
        } else {
            writer.finish().map(drop)
        };
        if let Err(e) = finished {
            output_failed = Some(e);
        }
    }
    if table
        && !args.quiet
        && output_failed.is_none()
        && let Err(e) = summary(ctx, args, &plan, &tally)
    {
        output_failed = Some(e);
    }
    if let Some(e) = retention_failed {
        return Err(e);
    }
    if let Some(e) = output_failed {
        // A closed pipe (`sweep | head`) is no failure: `main` ends it quietly.
        if crate::output::is_broken_pipe(&e) {
            return Err(e);
        }
        // The reminders are on record and will not be listed again as new: say so, and
        // how to see them.
        let cause = format!("{e:#}");
        let (recorded, breaches) = (tally.recorded, tally.new_breaches);
        if recorded == 0 {
            return Err(e);
        }
        return Err(anyhow::Error::new(crate::i18n::Localized::new(
            format!(
                "Lần quét đã ghi {recorded} lời nhắc ({breaches} hạn mới bị quá) nhưng không in được danh sách: {cause}. Các lời nhắc ấy sẽ không được liệt kê lại như lời nhắc mới; xem chúng bằng `phananh sweep --all --dry-run`."
            ),
            format!(
                "the sweep recorded {} ({}) but could not print them: {cause}. They will not be listed as new again; see them with `phananh sweep --all --dry-run`",
                crate::i18n::count_en(recorded, "reminder", "reminders"),
                crate::i18n::count_en(
                    breaches,
                    "newly breached deadline",
                    "newly breached deadlines"
                )
            ),
        )));
    }
    let doubted = [
        doubted_failure(&tally.doubted, args.dry_run),
        unlogged_failure(&tally.clocks_unlogged),
    ]
    .into_iter()
    .flatten()
    .reduce(|a, b| {
        crate::exit::Failure::integrity(crate::i18n::Localized::new(
            format!("{}\n{}", a.message.vi, b.message.vi),
            format!("{}\n{}", a.message.en, b.message.en),
        ))
    })
    .or_else(|| {
        plan.soon_unvouched.as_ref().map(|problem| {
            use crate::i18n::Bilingual;
            crate::exit::Failure::integrity(crate::i18n::Localized::new(
                format!(
                    "Nhật ký không xác nhận thiết lập sweep.due_soon_minutes: {}. Lần quét dùng giá trị mặc định ({} phút) thay cho nó. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                    problem.vi(),
                    plan.soon_minutes
                ),
                format!(
                    "the log does not vouch for the setting sweep.due_soon_minutes: {problem}. The sweep looked {} min ahead, the default, instead. Run `phananh audit verify` and tell an admin",
                    plan.soon_minutes
                ),
            ))
        })
    })
    .or_else(|| {
        plan.calendar_unvouched.as_ref().map(|problem| {
            use crate::i18n::Bilingual;
            crate::exit::Failure::integrity(crate::i18n::Localized::new(
                format!(
                    "Nhật ký không xác nhận lịch làm việc: {}. Lần quét không dời hạn nào theo lịch ấy, nhắc theo các hạn như trước. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                    problem.vi()
                ),
                format!(
                    "the log does not vouch for the calendar: {problem}. The sweep moved no deadline under it and reminded by the deadlines as they stood. Run `phananh audit verify` and tell an admin"
                ),
            ))
        })
    });
    if args.fail_on_breach && tally.new_breaches > 0 {
        // On stderr even with --quiet: a breach is what the option is for, and cron mails
        // what reaches stderr, once per breach (the next run finds it no longer new).
        // The status the run ends with: 5 when a mark or a setting the log does not vouch
        // for was named below, which outranks the breach.
        let status = if doubted.is_some() {
            crate::exit::INTEGRITY
        } else {
            crate::exit::BREACH
        };
        let notice = breach_notice(&tally, status);
        ctx.status(&notice.vi, &notice.en);
        if doubted.is_none() {
            return Ok(crate::exit::BREACH);
        }
    }
    match doubted {
        Some(failure) => Err(anyhow::Error::new(failure)),
        None => Ok(crate::exit::OK),
    }
}

/// The integrity failure (exit 5, after the breach notice) naming the reminder marks the
/// log does not vouch for: set with `sqlite3` they hid a breach from `--fail-on-breach`
/// (SECURITY.md). The clocks were reminded again as unmarked (a dry run says it would).
fn doubted_failure(doubted: &[sweep::Doubted], dry_run: bool) -> Option<crate::exit::Failure> {
    if doubted.is_empty() {
        return None;
    }
    let one = doubted.len() == 1;
    let named = |lang: crate::i18n::Lang| {
        crate::storage::journal::first_named(doubted, ", ", |d| {
            format!(
                "{} ({} {}, {}, {} {})",
                d.clock,
                lang.pick("phản ánh", "report"),
                d.report_id,
                match (d.overdue, lang) {
                    (true, crate::i18n::Lang::Vi) => "quá hạn",
                    (false, crate::i18n::Lang::Vi) => "sắp đến hạn",
                    (true, crate::i18n::Lang::En) => "overdue",
                    (false, crate::i18n::Lang::En) => "due soon",
                },
                lang.pick("dấu ghi sự kiện", "mark naming event"),
                d.mark
            )
        })
    };
    let them = if one { "it" } else { "them" };
    let (done_vi, done_en) = if dry_run {
        (
            "lần quét thật sẽ coi như chưa nhắc và nhắc lại".to_owned(),
            format!("a real sweep would take {them} for unreminded and remind again"),
        )
    } else {
        (
            "lần quét này coi như chưa nhắc và đã nhắc lại, ghi số sự kiện của dấu ấy vào lời nhắc mới".to_owned(),
            format!(
                "this sweep took {them} for unreminded and reminded again, each new reminder naming the mark it replaced"
            ),
        )
    };
    Some(crate::exit::Failure::integrity(
        crate::i18n::Localized::new(
            format!(
                "Dấu đã nhắc của thời hạn {}: nhật ký không ghi lời nhắc nào như vậy (bị đặt ngoài phananh, có thể để giấu một hạn bị quá); {done_vi}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                named(crate::i18n::Lang::Vi)
            ),
            format!(
                "the reminder {} of {} {}: the log records no such reminder ({} set outside phananh, perhaps to hide a breach); {done_en}. Run `phananh audit verify` and tell an admin",
                if one { "mark" } else { "marks" },
                if one { "clock" } else { "clocks" },
                named(crate::i18n::Lang::En),
                if one { "it was" } else { "they were" },
            ),
        ),
    ))
}

/// The integrity failure (exit 5) naming the clock rows the log does not vouch for: a
/// deadline moved later, or a duty clock stopped or deleted, with `sqlite3` kept a breach out
/// of the list (SECURITY.md). Nothing was changed: the log's deadline is said, so that the
/// one on call can act on it, and `audit verify` names the row.
fn unlogged_failure(unlogged: &[sweep::ClockUnlogged]) -> Option<crate::exit::Failure> {
    use crate::i18n::{Bilingual, Lang};
    if unlogged.is_empty() {
        return None;
    }
    let named = |lang: Lang| {
        crate::storage::journal::first_named(unlogged, "; ", |u| match u {
            sweep::ClockUnlogged::Deadline {
                clock,
                report_id,
                stage,
                due_at,
                logged,
            } => {
                // The same instant in another text (`…t…`) sorts elsewhere: shown as stored.
                let due = match crate::domain::time::canonical(due_at) {
                    Some(_) => crate::output::layout::when_exact(due_at, lang),
                    None => format!("\"{due_at}\""),
                };
                let logged = match logged {
                    Some(at) => format!(
                        "{} {}",
                        lang.pick("nhật ký cho hạn", "the log gives"),
                        crate::output::layout::when_exact(at, lang)
                    ),
                    None => lang
                        .pick(
                            "nhật ký không ghi bước nào bắt đầu nó",
                            "the log records no step that started it",
                        )
                        .to_owned(),
                };
                match lang {
                    Lang::Vi => format!(
                        "thời hạn {clock} (phản ánh {report_id}, {}) có hạn {due}, nhưng {logged}",
                        stage.text(lang)
                    ),
                    Lang::En => format!(
                        "clock {clock} (report {report_id}, {}) is due {due}, but {logged}",
                        stage.text(lang)
                    ),
                }
            }
            sweep::ClockUnlogged::NotOpen {
                report_id,
                stage,
                clock,
            } => match (clock, lang) {
                (Some(clock), Lang::Vi) => format!(
                    "phản ánh {report_id} còn chờ bước {} nhưng không có thời hạn nào của bước ấy đang chạy (thời hạn cuối, số {clock}, đã dừng)",
                    stage.text(lang)
                ),
                (None, Lang::Vi) => format!(
                    "phản ánh {report_id} còn chờ bước {} nhưng không có thời hạn nào của bước ấy",
                    stage.text(lang)
                ),
                (Some(clock), Lang::En) => format!(
                    "report {report_id} still waits on its {} step, but no clock of that step runs (the last, clock {clock}, is stopped)",
                    stage.text(lang)
                ),
                (None, Lang::En) => format!(
                    "report {report_id} still waits on its {} step, but has no clock of that step",
                    stage.text(lang)
                ),
            },
        })
    };
    let one = unlogged.len() == 1;
    Some(crate::exit::Failure::integrity(
        crate::i18n::Localized::new(
            format!(
                "Thời hạn không khớp nhật ký: {} (bị sửa ngoài phananh, có thể để giấu một hạn bị quá); lần quét không sửa gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                named(Lang::Vi)
            ),
            format!(
                "the log does not vouch for {}: {} ({} changed outside phananh, perhaps to hide a breach); this sweep changed nothing. Run `phananh audit verify` and tell an admin",
                if one { "a clock" } else { "clocks" },
                named(Lang::En),
                if one { "it was" } else { "they were" },
            ),
        ),
    ))
}

/// `--fail-on-breach`'s notice, which cron mails: how many deadlines broke, then one line
/// each, urgent first, saying the report, the stage, whose clock it is and its deadline, so
/// that the one on call knows which to act on without the server's CSV file.
fn breach_notice(tally: &Tally, status: u8) -> crate::i18n::Localized {
    use crate::i18n::Bilingual;
    let n = tally.new_breaches;
    let mut vi = format!("Lần quét này thấy {n} hạn mới bị quá (mã thoát {status}):");
    let mut en = format!(
        "this sweep found {} (exit status {status}):",
        crate::i18n::count_en(n, "newly breached deadline", "newly breached deadlines")
    );
    for breach in &tally.breaches {
        for (text, lang) in [
            (&mut vi, crate::i18n::Lang::Vi),
            (&mut en, crate::i18n::Lang::En),
        ] {
            let urgent = if breach.urgent {
                lang.pick(" KHẨN", " URGENT")
            } else {
                ""
            };
            let holder = match &breach.agency {
                Some(agency) => format!("{} {agency}", lang.pick("cơ quan", "agency")),
                None => lang.pick("Cổng tiếp nhận", "the portal's desk").to_owned(),
            };
            text.push_str(&format!(
                "\n  {} ({}){urgent}: {}, {} {}, {holder}",
                breach.report_id,
                crate::output::printable(&breach.external_id),
                breach.stage.text(lang),
                lang.pick("hạn", "due"),
                crate::output::when(&breach.due_at, lang).replace('\u{a0}', " "),
            ));
        }
    }
    let more = n.saturating_sub(tally.breaches.len() as u64);
    if more > 0 {
        vi.push_str(&format!(
            "\n  … và {more} hạn khác: xem `phananh sweep --all --dry-run`."
        ));
        en.push_str(&format!(
            "\n  … and {more} more: see `phananh sweep --all --dry-run`"
        ));
    }
    crate::i18n::Localized::new(vi, en)
}

/// The line under the table: when the run looked, what was due, what it recorded. On
/// stdout, with the table it sums up; CSV and JSON carry their rows only.
fn summary(ctx: &Context, args: &SweepArgs, plan: &sweep::Plan, tally: &Tally) -> Result<()> {
    let Tally {
        overdue,
        soon,
        urgent,
        recorded,
        new_breaches,
        erased,
        ..
    } = *tally;
    let (soon_minutes, recomputed) = (plan.soon_minutes, plan.recomputed);
    let at = crate::output::when(&ctx.now_text(), ctx.lang);
    let line = ctx.lang.pick(
        format!(
            "Quét lúc {at}: {overdue} quá hạn ({new_breaches} mới), {soon} sắp đến hạn (trong {soon_minutes} phút), {urgent} khẩn; ghi {recorded} lời nhắc mới{}{}{}{}.",
            if args.dry_run { " (chạy thử, không ghi gì)" } else { "" },
            if erased > 0 { format!("; xóa danh tính người phản ánh của {erased} phản ánh đã đóng quá thời hạn lưu giữ") } else { String::new() },
            if recomputed > 0 { format!("; tính lại {recomputed} thời hạn theo lịch mới") } else { String::new() },
            if args.all { "" } else { "; bảng chỉ liệt kê lời nhắc mới (--all: mọi thời hạn)" },
        ),
        format!(
            "Swept at {at}: {overdue} overdue ({new_breaches} new), {soon} due soon (within {soon_minutes} min), {urgent} urgent; {recorded} new reminders recorded{}{}{}{}.",
            if args.dry_run { " (dry run, nothing recorded)" } else { "" },
            if erased > 0 { format!("; the reporter's identity of {} closed past the retention period erased", crate::i18n::count_en(erased, "report", "reports")) } else { String::new() },
            if recomputed > 0 { format!("; {recomputed} deadlines recomputed under the new calendar") } else { String::new() },
            if args.all { "" } else { "; the table lists new reminders only (--all: every due clock)" },
        ),
    );
    let mut out = std::io::stdout().lock();
    crate::output::write_paragraph(&mut out, &line)?;
    out.flush()?;
    Ok(())
}

/// What the real sweep would do now under the retention period, when it would erase or
/// refuse to: how many identities and which reports, or why none would be erased.
fn would_erase(
    conn: &rusqlite::Connection,
    ctx: &Context,
) -> Result<Option<crate::i18n::Localized>> {
    use crate::app::erase::{Preview, RETENTION, retention_preview};
    let (due, edited, unheld, unreadable, unjudged) = match retention_preview(conn, ctx)? {
        Preview::Off => return Ok(None),
        Preview::Refused(refused) => {
            return Ok(Some(crate::i18n::Localized::new(
                format!(
                    "Chạy thử: lần quét thật bây giờ sẽ không xóa danh tính nào theo thời hạn lưu giữ mà báo lỗi: «{}»",
                    refused.message.vi
                ),
                format!(
                    "dry run: a real sweep now would erase no identity under the retention period, and fail with: «{}»",
                    refused.message.en
                ),
            )));
        }
        Preview::Would {
            due,
            edited,
            unheld,
            unreadable,
            unjudged,
        } => (due, edited, unheld, unreadable, unjudged),
    };
    let n = due.reports.len();
    let (days, listed) = (due.days, due.listed());
    let cutoff = |lang| crate::output::when(&due.cutoff, lang).replace('\u{a0}', " ");
    let mut said = crate::i18n::Localized::new(
        format!(
            "Chạy thử: lần quét thật bây giờ sẽ xóa vĩnh viễn danh tính người phản ánh của {n} phản ánh đã đóng quá thời hạn lưu giữ ({RETENTION} = {days}; đóng trước {}): {listed}; chưa xóa gì.",
            cutoff(crate::i18n::Lang::Vi)
        ),
        format!(
            "dry run: a real sweep now would erase for good the identities of {} closed past the retention period ({RETENTION} = {days}; closed before {}): {listed}; nothing was erased",
            crate::i18n::count_en(n, "report", "reports"),
            cutoff(crate::i18n::Lang::En)
        ),
    );
    if edited.is_empty() && unreadable.is_empty() && unjudged.is_empty() {
        return Ok((n > 0).then_some(said));
    }
    if n == 0 {
        said = crate::i18n::Localized::new(
            format!(
                "Chạy thử: lần quét thật bây giờ sẽ không xóa danh tính nào theo thời hạn lưu giữ ({RETENTION} = {days}; đóng trước {}).",
                cutoff(crate::i18n::Lang::Vi)
            ),
            format!(
                "dry run: a real sweep now would erase no identity under the retention period ({RETENTION} = {days}; closed before {})",
                cutoff(crate::i18n::Lang::En)
            ),
        );
    }
    let mut left_out = Vec::new();
    if !edited.is_empty() {
        left_out.push((
            crate::storage::journal::left_out_rows(&edited, &unheld),
            edited.len(),
        ));
    }
    if !unreadable.is_empty() {
        left_out.push((
            crate::app::erase::unreadable_rows(&unreadable),
            unreadable.len(),
        ));
    }
    if !unjudged.is_empty() {
        left_out.push((crate::app::erase::unjudged_rows(&unjudged), unjudged.len()));
    }
    for (rows, count) in left_out {
        let them = if count == 1 { "it" } else { "them" };
        said = crate::i18n::Localized::new(
            format!(
                "{} {}: lần quét thật sẽ bỏ ra, không xóa, và kết thúc với mã lỗi 5.",
                said.vi, rows.vi
            ),
            format!(
                "{}; {}: a real sweep would leave {them} out, not erased, and end with exit code 5",
                said.en, rows.en
            ),
        );
    }
    Ok(Some(said))
}

/// The reminders this run could not record, each report with the later event that holds
/// it back; None when there were none.
fn skipped_notice(
    skipped: &[crate::domain::identity::Backdated],
) -> Option<crate::i18n::Localized> {
    if skipped.is_empty() {
        return None;
    }
    let n = skipped.len();
    let list = |word: &str| {
        skipped
            .iter()
            .map(|s| format!("{} ({word} {})", s.report_id, s.previous))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(crate::i18n::Localized::new(
        format!(
            "Chưa ghi được lời nhắc của {n} phản ánh vì phản ánh đã có sự kiện muộn hơn lần quét này (nhật ký không được lùi thời gian): {}. Các lời nhắc khác đã được ghi; lần quét sau thời điểm đó sẽ ghi nốt.",
            list("sự kiện lúc")
        ),
        format!(
            "the reminders of {} were not recorded, as each already has an event later than this sweep (the log never runs backwards): {}. The other reminders were recorded; a sweep after that time records these",
            crate::i18n::count_en(n, "report", "reports"),
            list("event at")
        ),
    ))
}
