//! What the sweep says besides its rows (`cli::sweep` prints them): the notices a cron job's
//! reader must see on stderr (a breach, a reminder not yet recorded, identities erased) and
//! the integrity failures (exit 5) naming a mark, a clock or a setting the log does not
//! vouch for, which a row edited with `sqlite3` could otherwise use to hide a breach
//! (SECURITY.md). Built from what `app::sweep` found; nothing here reads the database.

use crate::domain::audit::ChainBreak;
use crate::domain::clocks::{Breach, ClockUnlogged, Doubted, OpenEdited, OpenUnvouched, Threshold};
use crate::domain::identity::Backdated;
use crate::exit::Failure;
use serde::Serialize;

use super::Listing;
use crate::domain::deadline::{Distance, Stage};
use crate::i18n::{Bilingual, Lang, Localized, count_en};
use crate::storage::journal::first_named;

/// The one integrity failure (exit 5) a sweep ends with, if any: the reminder marks and the
/// clock rows the log does not vouch for, one paragraph each; else the setting
/// `sweep.due_soon_minutes` the log does not vouch for (`soon_unvouched`, with the minutes
/// the run looked ahead instead); else the calendar the log does not vouch for
/// (`calendar_unvouched`), under which the run moved no deadline. The agencies' names the
/// log does not vouch for (`names_unvouched`), and the reports the log has events of
/// against those the file holds (`reports`, when they differ), are named beside the marks
/// and clocks.
pub fn integrity_failure(
    doubted: &[Doubted],
    dry_run: bool,
    unlogged: &[ClockUnlogged],
    soon_unvouched: Option<(&ChainBreak, f64)>,
    calendar_unvouched: Option<&ChainBreak>,
    names_unvouched: Option<&ChainBreak>,
    reports: Option<(u64, u64)>,
) -> Option<Failure> {
    Failure::integrity_together([
        doubted_failure(doubted, dry_run),
        unlogged_failure(unlogged),
        names_unvouched.map(unvouched_names_failure),
        reports.map(|(logged, held)| reports_uncounted(logged, held)),
    ])
    .or_else(|| soon_unvouched.map(|(problem, minutes)| unvouched_soon_failure(problem, minutes)))
    .or_else(|| calendar_unvouched.map(unvouched_calendar_failure))
}

/// The integrity failure (exit 5) of a sweep over a file that holds `held` reports while the
/// log has events of `logged`: a report deleted took its deadlines out of the sweep.
fn reports_uncounted(logged: u64, held: u64) -> Failure {
    Failure::integrity(crate::output::storage::reports_uncounted(
        logged,
        held,
        Localized::new(
            "; lần quét chỉ xét thời hạn của các phản ánh có trong tệp.",
            "; the sweep judges only the deadlines of those the file holds.",
        ),
    ))
}

/// The integrity failure (exit 5) naming the `agencies` row the log does not vouch for: two
/// names swapped with `sqlite3` would have the rows name one agency as late on another's
/// clocks. The rows gave each agency's code without its name (the sweep's, and the desk's
/// `list --due`).
pub fn unvouched_names_failure(problem: &ChainBreak) -> Failure {
    Failure::integrity(Localized::new(
        format!(
            "Nhật ký không xác nhận tên các cơ quan: {}. Danh sách chỉ ghi mã cơ quan, không ghi tên. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for the agencies' names: {problem}. The list gives each agency's code without its name. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// The integrity failure (exit 5) naming the calendar row the log does not vouch for: one
/// row inserted with `sqlite3` would otherwise pass for a newly shipped schedule and move
/// every open deadline (SECURITY.md).
fn unvouched_calendar_failure(problem: &ChainBreak) -> Failure {
    Failure::integrity(Localized::new(
        format!(
            "Nhật ký không xác nhận lịch làm việc: {}. Lần quét không dời hạn nào theo lịch ấy, nhắc theo các hạn như trước. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "the log does not vouch for the calendar: {problem}. The sweep moved no deadline under it and reminded by the deadlines as they stood. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// The integrity failure (exit 5) naming the setting `sweep.due_soon_minutes` the log does
/// not vouch for: the run looked `minutes` ahead, the default, instead.
fn unvouched_soon_failure(problem: &ChainBreak, minutes: f64) -> Failure {
    Failure::integrity(Localized::new(
        format!(
            "Nhật ký không xác nhận thiết lập sweep.due_soon_minutes: {}. Lần quét dùng giá trị mặc định ({minutes} phút) thay cho nó. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi(),
        ),
        format!(
            "the log does not vouch for the setting sweep.due_soon_minutes: {problem}. The sweep looked {minutes} min ahead, the default, instead. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// What the line under `sweep`'s table sums up: when the run looked (`at`, as shown), what
/// was due, what it recorded, erased and recomputed, and how it ran.
pub struct Summed<'a> {
    pub at: &'a str,
    pub dry_run: bool,
    pub all: bool,
    pub overdue: u64,
    pub soon: u64,
    pub urgent: u64,
    pub recorded: u64,
    pub new_breaches: u64,
    pub erased: u64,
    pub soon_minutes: f64,
    pub recomputed: u64,
}

/// The line under `sweep`'s table: when the run looked, what was due, what it recorded.
pub fn summary(summed: &Summed<'_>) -> Localized {
    let Summed {
        at,
        dry_run,
        all,
        overdue,
        soon,
        urgent,
        recorded,
        new_breaches,
        erased,
        soon_minutes,
        recomputed,
    } = *summed;
    Localized::new(
        format!(
            "Quét lúc {at}: {overdue} quá hạn ({new_breaches} mới), {soon} sắp đến hạn (trong {soon_minutes} phút), {urgent} khẩn; ghi {recorded} lời nhắc mới{}{}{}{}.",
            if dry_run {
                " (chạy thử, không ghi gì)"
            } else {
                ""
            },
            if erased > 0 {
                format!(
                    "; xóa danh tính người phản ánh của {erased} phản ánh đã đóng quá thời hạn lưu giữ",
                    erased = crate::i18n::grouped(erased, crate::i18n::Lang::Vi)
                )
            } else {
                String::new()
            },
            if recomputed > 0 {
                format!(
                    "; tính lại {recomputed} thời hạn theo lịch mới",
                    recomputed = crate::i18n::grouped(recomputed, crate::i18n::Lang::Vi)
                )
            } else {
                String::new()
            },
            if all {
                ""
            } else {
                "; bảng chỉ liệt kê lời nhắc mới (--all: mọi thời hạn)"
            },
            overdue = crate::i18n::grouped(overdue, crate::i18n::Lang::Vi),
            new_breaches = crate::i18n::grouped(new_breaches, crate::i18n::Lang::Vi),
            soon = crate::i18n::grouped(soon, crate::i18n::Lang::Vi),
            urgent = crate::i18n::grouped(urgent, crate::i18n::Lang::Vi),
            recorded = crate::i18n::grouped(recorded, crate::i18n::Lang::Vi),
        ),
        format!(
            "Swept at {at}: {overdue} overdue ({new_breaches} new), {soon} due soon (within {soon_minutes} min), {urgent} urgent; {} recorded{}{}{}{}.",
            count_en(recorded, "new reminder", "new reminders"),
            if dry_run {
                " (dry run, nothing recorded)"
            } else {
                ""
            },
            if erased > 0 {
                format!(
                    "; the reporter's identity of {} closed past the retention period erased",
                    count_en(erased, "report", "reports")
                )
            } else {
                String::new()
            },
            if recomputed > 0 {
                format!(
                    "; {} recomputed under the new calendar",
                    count_en(recomputed, "deadline", "deadlines")
                )
            } else {
                String::new()
            },
            if all {
                ""
            } else {
                "; the table lists new reminders only (--all: every due clock)"
            },
            overdue = crate::i18n::grouped(overdue, crate::i18n::Lang::En),
            new_breaches = crate::i18n::grouped(new_breaches, crate::i18n::Lang::En),
            soon = crate::i18n::grouped(soon, crate::i18n::Lang::En),
            urgent = crate::i18n::grouped(urgent, crate::i18n::Lang::En),
        ),
    )
}

/// The failure of a sweep that recorded `recorded` reminders (`breaches` of them newly
/// overdue) but could not print them (`cause`): they will not be listed as new again, so
/// say how to see them.
pub fn unlisted(recorded: u64, breaches: u64, error: &anyhow::Error) -> Localized {
    // The system words a full disk or a size limit in English ("File too large (os error
    // 27)"): said in the reader's language, as the other commands say it.
    let (cause_vi, cause_en) = if crate::storage::diagnose::no_room_to_write(error) {
        (
            "đĩa đầy hoặc tệp chạm giới hạn kích thước".to_owned(),
            "the disk is full or the file reached its size limit".to_owned(),
        )
    } else {
        (
            crate::exit::message_of(error, Lang::Vi),
            crate::exit::message_of(error, Lang::En),
        )
    };
    Localized::new(
        format!(
            "Lần quét đã ghi {recorded} lời nhắc ({breaches} hạn mới bị quá) nhưng không in được danh sách: {cause_vi}. Các lời nhắc ấy sẽ không được liệt kê lại như lời nhắc mới; xem chúng bằng `phananh sweep --all --dry-run`.",
            recorded = crate::i18n::grouped(recorded, crate::i18n::Lang::Vi),
            breaches = crate::i18n::grouped(breaches, crate::i18n::Lang::Vi)
        ),
        format!(
            "the sweep recorded {} ({}) but could not print them: {cause_en}. They will not be listed as new again; see them with `phananh sweep --all --dry-run`",
            count_en(recorded, "reminder", "reminders"),
            count_en(
                breaches,
                "newly breached deadline",
                "newly breached deadlines"
            )
        ),
    )
}

/// The failures of one sweep (the listing, the retention erasure, then what the log does
/// not vouch for), each in its own words on its own line, as one failure of `class`: the
/// status the breach notice gave, when there was one.
pub fn failed_together(
    class: crate::exit::Class,
    failures: &[anyhow::Error],
    unvouched: Option<Failure>,
) -> Failure {
    let said = failures
        .iter()
        .map(|e| {
            Localized::new(
                crate::exit::message_of(e, Lang::Vi),
                crate::exit::message_of(e, Lang::En),
            )
        })
        .chain(unvouched.map(|u| u.message))
        .reduce(|a, b| Localized::new(format!("{}\n{}", a.vi, b.vi), format!("{}\n{}", a.en, b.en)))
        .unwrap_or_else(|| Localized::new("", ""));
    Failure::new(class, said)
}

/// What the sweep says, even to a quiet cron job, when it erased the identities of `n`
/// reports under the retention period (`setting` = `days`): an irreversible act by the
/// setting alone.
pub fn erased_notice(n: u64, setting: &str, days: f64) -> Localized {
    Localized::new(
        format!(
            "Đã xóa danh tính người phản ánh của {n} phản ánh đã đóng quá thời hạn lưu giữ ({setting} = {days}).",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "erased the identities of {} closed past the retention period ({setting} = {days})",
            count_en(n, "report", "reports"),
        ),
    )
}

/// The integrity failure (exit 5, after the breach notice) naming the reminder marks the
/// log does not vouch for: set with `sqlite3` they hid a breach from `--fail-on-breach`
/// (SECURITY.md). The clocks were reminded again as unmarked (a dry run says it would).
fn doubted_failure(doubted: &[Doubted], dry_run: bool) -> Option<Failure> {
    if doubted.is_empty() {
        return None;
    }
    let one = doubted.len() == 1;
    let named = |lang: Lang| {
        first_named(doubted, ", ", |d| {
            format!(
                "{} ({} {}, {}, {} {})",
                d.clock,
                lang.pick("phản ánh", "report"),
                d.report_id,
                match (d.threshold, lang) {
                    (Threshold::Overdue, Lang::Vi) => "quá hạn",
                    (Threshold::DueSoon, Lang::Vi) => "sắp đến hạn",
                    (Threshold::AtOnce, Lang::Vi) => "báo ngay",
                    (Threshold::Overdue, Lang::En) => "overdue",
                    (Threshold::DueSoon, Lang::En) => "due soon",
                    (Threshold::AtOnce, Lang::En) => "at once",
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
    Some(Failure::integrity(Localized::new(
        format!(
            "Dấu đã nhắc của thời hạn {}: nhật ký không ghi lời nhắc nào như vậy (bị đặt ngoài phananh, có thể để giấu một hạn bị quá); {done_vi}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            named(Lang::Vi)
        ),
        format!(
            "the reminder {} of {} {}: the log records no such reminder ({} set outside phananh, perhaps to hide a breach); {done_en}. Run `phananh audit verify` and tell an admin",
            if one { "mark" } else { "marks" },
            if one { "clock" } else { "clocks" },
            named(Lang::En),
            if one { "it was" } else { "they were" },
        ),
    )))
}

/// The integrity failure (exit 5) naming the clock rows the log does not vouch for: a
/// deadline moved later, or a duty clock stopped or deleted, with `sqlite3` kept a breach out
/// of the list (SECURITY.md). Nothing was changed: the log's deadline is said, so that the
/// one on call can act on it, and `audit verify` names the row.
fn unlogged_failure(unlogged: &[ClockUnlogged]) -> Option<Failure> {
    if unlogged.is_empty() {
        return None;
    }
    let named = |lang: Lang| {
        first_named(unlogged, "; ", |u| match u {
            ClockUnlogged::Open(OpenUnvouched::Deadline(OpenEdited {
                clock,
                report_id,
                stage,
                due_at,
                logged,
                counted_in,
            })) => {
                // The same instant in another text (`…t…`) sorts elsewhere: shown as stored.
                let due = match crate::domain::time::canonical(due_at) {
                    Some(_) => super::layout::when_exact(due_at, lang),
                    None => format!("\"{due_at}\""),
                };
                let logged = match (logged, counted_in) {
                    (_, Some(rule)) => lang.pick(
                        format!(
                            "nhật ký tính hạn ấy theo {}, không như thời hạn ghi",
                            super::duration::counted_in(*rule, lang)
                        ),
                        format!(
                            "the log counts that deadline in {}, not as its row does",
                            super::duration::counted_in(*rule, lang)
                        ),
                    ),
                    (Some(at), None) => format!(
                        "{} {}",
                        lang.pick("nhật ký cho hạn", "the log gives"),
                        super::layout::when_exact(at, lang)
                    ),
                    (None, None) => lang
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
            ClockUnlogged::Open(OpenUnvouched::NotOpen {
                report_id,
                stage,
                clock,
            }) => match (clock, lang) {
                // The step inside a sentence, as the exports name it: "its processing step".
                (Some(clock), Lang::Vi) => format!(
                    "phản ánh {report_id} còn chờ bước {} nhưng không có thời hạn nào của bước ấy đang chạy (thời hạn cuối, số {clock}, đã dừng)",
                    stage.text(lang).to_lowercase()
                ),
                (None, Lang::Vi) => format!(
                    "phản ánh {report_id} còn chờ bước {} nhưng không có thời hạn nào của bước ấy",
                    stage.text(lang).to_lowercase()
                ),
                (Some(clock), Lang::En) => format!(
                    "report {report_id} still waits on its {} step, but no clock of that step runs (the last, clock {clock}, is stopped)",
                    stage.text(lang).to_lowercase()
                ),
                (None, Lang::En) => format!(
                    "report {report_id} still waits on its {} step, but has no clock of that step",
                    stage.text(lang).to_lowercase()
                ),
            },
            ClockUnlogged::Open(OpenUnvouched::Agency {
                clock,
                report_id,
                stage,
                agency,
                logged,
            }) => {
                let named = |agency: &Option<String>| match agency {
                    Some(code) => code.clone(),
                    None => lang.pick("Cổng", "the portal").to_owned(),
                };
                match lang {
                    Lang::Vi => format!(
                        "thời hạn {clock} (phản ánh {report_id}, {}) được tính cho {}, nhưng nhật ký giao phản ánh cho {}",
                        stage.text(lang),
                        named(agency),
                        named(logged)
                    ),
                    Lang::En => format!(
                        "clock {clock} (report {report_id}, {}) runs against {}, but the log assigned the report to {}",
                        stage.text(lang),
                        named(agency),
                        named(logged)
                    ),
                }
            }
            &ClockUnlogged::Open(OpenUnvouched::Stray {
                clock,
                report_id,
                stage,
                status,
            }) => {
                let (vi, en) = super::export::duty_stray(report_id, stage, status);
                match lang {
                    Lang::Vi => format!("thời hạn {clock}: {vi}"),
                    Lang::En => format!("clock {clock}: {en}"),
                }
            }
            ClockUnlogged::Open(OpenUnvouched::Twice {
                report_id,
                stage,
                clocks,
            }) => {
                let (vi, en) = super::export::duty_twice(*report_id, *stage, clocks);
                lang.pick(vi, en)
            }
            ClockUnlogged::Open(OpenUnvouched::Unindexed {
                clock,
                report_id,
                stage,
                due_at,
            }) => {
                let (vi, en) = super::export::duty_unindexed(*clock, *report_id, *stage, due_at);
                lang.pick(vi, en)
            }
            ClockUnlogged::Unlisted {
                clock,
                report_id,
                stage,
                due_at,
            } => {
                let due = super::layout::when_exact(due_at, lang);
                match lang {
                    Lang::Vi => format!(
                        "thời hạn {clock} (phản ánh {report_id}, {}) đang chạy, hạn {due}, nhưng danh sách của lần quét không có nó (một chỉ mục của tệp bị dựng lại để bỏ nó ra)",
                        stage.text(lang)
                    ),
                    Lang::En => format!(
                        "clock {clock} (report {report_id}, {}) runs, due {due}, but the sweep's own list does not hold it (an index of the file was rebuilt to leave it out)",
                        stage.text(lang)
                    ),
                }
            }
        })
    };
    let one = unlogged.len() == 1;
    Some(Failure::integrity(Localized::new(
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
    )))
}

/// `--fail-on-breach`'s notice, which cron mails: how many deadlines broke (`new_breaches`),
/// then one line each of the first (`breaches`), urgent first, saying the report, the stage,
/// whose clock it is (code and name) and its deadline, so that the one on call knows which
/// to act on without the server's CSV file.
pub fn breach_notice(new_breaches: u64, breaches: &[Breach], status: u8) -> Localized {
    let n = new_breaches;
    let mut vi = format!(
        "Lần quét này thấy {n} hạn mới bị quá (mã thoát {status}):",
        n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
    );
    let mut en = format!(
        "this sweep found {} (exit status {status}):",
        count_en(n, "newly breached deadline", "newly breached deadlines")
    );
    for breach in breaches {
        for (text, lang) in [(&mut vi, Lang::Vi), (&mut en, Lang::En)] {
            let urgent = if breach.urgent {
                lang.pick(" KHẨN", " URGENT")
            } else {
                ""
            };
            text.push_str(&clock_line(breach, urgent, lang));
        }
    }
    and_more(
        (&mut vi, &mut en),
        n.saturating_sub(breaches.len() as u64),
        "hạn",
        "phananh sweep --all --dry-run",
    );
    Localized::new(vi, en)
}

/// The last line of a notice that names its first clocks: how many `more` (of `noun_vi`)
/// there are, and the command that lists them; nothing when none.
fn and_more((vi, en): (&mut String, &mut String), more: u64, noun_vi: &str, command: &str) {
    if more == 0 {
        return;
    }
    vi.push_str(&format!(
        "\n  … và {more} {noun_vi} khác: xem `{command}`.",
        more = crate::i18n::grouped(more, Lang::Vi)
    ));
    en.push_str(&format!(
        "\n  … and {more} more: see `{command}`",
        more = crate::i18n::grouped(more, Lang::En)
    ));
}

/// A line of a notice cron mails naming one clock: the report, `mark`, the stage, its
/// deadline and whose clock it is (code and name, "32002 (UBND phường An Xuyên)", as the
/// table names it). Whole, however long: cron's mail has no width to fit.
fn clock_line(clock: &Breach, mark: &str, lang: Lang) -> String {
    let named = match &clock.agency_name {
        Some(name) if !name.trim().is_empty() => format!(" ({})", super::printable(name.trim())),
        _ => String::new(),
    };
    let holder = match &clock.agency {
        Some(agency) => format!("{} {agency}{named}", lang.pick("cơ quan", "agency")),
        None => lang.pick("Cổng", "the portal's desk").to_owned(),
    };
    format!(
        "\n  {} ({}){mark}: {}, {} {}, {holder}",
        clock.report_id,
        super::printable(&clock.external_id),
        clock.stage.text(lang),
        lang.pick("hạn", "due"),
        super::when(&clock.due_at, lang).replace('\u{a0}', " "),
    )
}

/// The urgent reports' clocks this run flagged at once (`new_flags`, the first of them
/// `flags`), which cron mails whatever the options: Đ7.2 asks the portal to contact the
/// agency's leader at once, and the CSV file the rows go to is read by nobody at 2 a.m.
/// Each line says what to do, as the table's urgent column does.
pub fn flagged_notice(new_flags: u64, flags: &[Breach]) -> Localized {
    let n = new_flags;
    let mut vi = format!(
        "Lần quét này gắn cờ {n} thời hạn của phản ánh khẩn, cần làm ngay (Đ7.2):",
        n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
    );
    let mut en = format!(
        "this sweep flagged {} of urgent reports, to act on at once (Đ7.2):",
        count_en(n, "deadline", "deadlines")
    );
    for flag in flags {
        for (text, lang) in [(&mut vi, Lang::Vi), (&mut en, Lang::En)] {
            text.push_str(&clock_line(flag, lang.pick(" KHẨN", " URGENT"), lang));
            text.push_str(" — ");
            text.push_str(urgent_action(flag.stage, lang));
        }
    }
    and_more(
        (&mut vi, &mut en),
        n.saturating_sub(flags.len() as u64),
        "thời hạn",
        "phananh list --urgent",
    );
    Localized::new(vi, en)
}

/// The reminders this run could not record, each report with the later event that holds
/// it back; None when there were none.
pub fn skipped_notice(skipped: &[Backdated]) -> Option<Localized> {
    if skipped.is_empty() {
        return None;
    }
    let n = skipped.len();
    // Cron mails it every run until a later sweep records them: a bounded list.
    let list = |word: &str, lang| {
        first_named(skipped, ", ", |s| {
            let at = crate::domain::time::said(&s.previous, lang);
            format!("{} ({word} {at})", s.report_id)
        })
    };
    Some(Localized::new(
        format!(
            "Chưa ghi được lời nhắc của {n} phản ánh vì phản ánh đã có sự kiện muộn hơn lần quét này (nhật ký không được lùi thời gian): {}. Các lời nhắc khác đã được ghi; lần quét sau thời điểm đó sẽ ghi nốt.",
            list("sự kiện lúc", crate::i18n::Lang::Vi),
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "the reminders of {} were not recorded, as each already has an event later than this sweep (the log never runs backwards): {}. The other reminders were recorded; a sweep after that time records these",
            count_en(n, "report", "reports"),
            list("event at", crate::i18n::Lang::En)
        ),
    ))
}

/// One clock the sweep speaks of.
#[derive(Debug, Serialize)]
pub struct SweepRow {
    pub report_id: i64,
    pub external_id: String,
    pub urgent: bool,
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub agency_name: Option<String>,
    pub due_at: String,
    /// `at_once` (an urgent report's clock, not yet due soon), `due_soon` or `overdue`.
    pub threshold: Threshold,
    /// Minutes past the deadline (negative: minutes left).
    pub minutes_over: i64,
    /// Whether this run recorded the reminder (false: an earlier sweep did, or --dry-run).
    pub reminded_now: bool,
    /// A dry run: the table's last column says what the real run would do.
    #[serde(skip)]
    pub dry_run: bool,
    /// When this run looked (the tool's clock): rows appended by cron say which run they are.
    pub swept_at: String,
    /// The same in the time the clock counts: working minutes for a working-hours clock
    /// (nights and days off not counted), clock minutes otherwise; as the table says it.
    pub minutes_over_counted: i64,
    /// The same distance with the kind of time it counts, for the table's words: a
    /// working-hours clock's lateness said in working hours, as `list --overdue` and `show`
    /// say it of the same clock (docs/rules.md §3).
    #[serde(skip)]
    pub distance: Distance,
    /// Whether the clock is owed a reminder at this run's moment: what a real sweep records
    /// (unless a later event of the report holds it back, `skipped_notice`). A dry run's
    /// `reminded_now` is false on every row, and read as "cron will not remind it" the
    /// column misled the desk; scripts keep `reminded_now`, this says what a dry run is for.
    /// Last, after the columns older versions wrote: cron appends rows to a file whose
    /// header an older phananh wrote (`--no-headers`), and a column put in among them (it
    /// stood before `swept_at`) moved every later one under another name. New columns go
    /// at the end, so that an older header stays a true prefix of the rows.
    pub would_remind: bool,
}

impl Listing for SweepRow {
    const KEYS: &'static [&'static str] = &[
        "report_id",
        "external_id",
        "urgent",
        "stage",
        "round",
        "agency",
        "agency_name",
        "due_at",
        "threshold",
        "minutes_over",
        "reminded_now",
        "swept_at",
        "minutes_over_counted",
        "would_remind",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Số",
                "Mã ứng dụng",
                "Khẩn",
                "Giai đoạn",
                "Lượt",
                "Cơ quan",
                "Tên cơ quan",
                "Hạn",
                "Mức",
                "Quá / còn",
                "Nhắc lần này",
            ],
            vec![
                "Id",
                "External id",
                "Urgent",
                "Stage",
                "Round",
                "Agency",
                "Agency name",
                "Due",
                "Threshold",
                "Over / left",
                "Reminded now",
            ],
        )
    }

    /// The table's headers, the minutes said as the number the file holds, and the moment
    /// of the run, which the table leaves to the line above it.
    fn excel_heads(lang: Lang) -> Vec<&'static str> {
        let mut heads = Self::headers(lang);
        super::retitle(
            &mut heads,
            Self::KEYS,
            "minutes_over",
            lang.pick("Quá / còn (phút)", "Over / left (min)"),
        );
        heads.push(lang.pick("Lúc quét", "Swept at"));
        heads.push(lang.pick(
            "Quá / còn (phút, theo cách tính hạn)",
            "Over / left (min, as the deadline counts)",
        ));
        heads.push(lang.pick("Lần quét thật sẽ nhắc", "A real sweep reminds"));
        heads
    }

    fn excel_word(&self, key: &str, lang: Lang) -> Option<String> {
        match key {
            "stage" => Some(self.stage.text(lang).into_owned()),
            "threshold" => Some(threshold_word(self.threshold, lang).to_owned()),
            // "Nhắc lần này: Không" on every row of a dry run read as "cron will not
            // remind it"; the column beside says whether it will.
            "reminded_now" if self.dry_run => {
                Some(lang.pick("Không (chạy thử)", "No (dry run)").to_owned())
            }
            _ => None,
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let urgent = if self.urgent {
            urgent_call(self.stage, lang)
        } else {
            String::new()
        };
        let threshold = threshold_word(self.threshold, lang);
        vec![
            self.report_id.to_string(),
            self.external_id.clone(),
            urgent,
            self.stage.text(lang).into_owned(),
            self.round.to_string(),
            // Whose clock: a blank read as an agency missing.
            self.agency
                .clone()
                .unwrap_or_else(|| super::portal_desk_short(lang)),
            self.agency_name.clone().unwrap_or_default(),
            super::when(&self.due_at, lang),
            threshold.to_owned(),
            // For people, in the time the clock counts ("quá 4 ngày 2 giờ 35 phút làm việc"), as
            // `list --overdue`, `show` and the guide say it: in clock time a working-hours
            // lateness read "quá 4 ngày 18 giờ", three times the overrun the Decision
            // measures (Đ8.1.b), in the CSV cron mails to the agency. CSV and JSON keep
            // `minutes_over` a number and add `minutes_over_counted`, the figure said here.
            super::duration::distance(self.distance, lang),
            self.reminded_cell(lang).to_owned(),
        ]
    }

    /// The agency's full name, app id, the threshold, round and whether reminded now go
    /// before the report, urgency, the stage, the agency code, the deadline and how far past
    /// or ahead of it: "quá 2 giờ" says the threshold, so it goes first of the three (kept,
    /// it took the room of whether this run reminded, which nothing else says), and how late
    /// is what the desk weighs first. A lateness of weeks is said to the hour on a narrow
    /// screen (`short_cells`), so that the deadline keeps its column at 80 columns too.
    fn drop_order() -> Vec<usize> {
        vec![6, 1, 8, 4, 10, 7, 9]
    }

    /// The same columns go rather than wrap: one clock, one line.
    fn comfort() -> Vec<usize> {
        Self::drop_order()
    }

    /// An urgent clock's call, 21 to 33 columns, pushed how late the clock is off an
    /// 80-column screen: there the row says "KHẨN", as `list` does, and the call is said
    /// once under the table with the reports it is for.
    ///
    /// A long lateness is rounded down there, marked as at least that
    /// (`duration::distance_rounded_down`: "quá ≥19 ngày 2 giờ", "quá ≥4 ngày làm việc"): to
    /// the minute (26 columns and more) it pushed
    /// the deadline off, the one figure the operator acts on, which says the minute itself.
    /// Its rows need no line under the table.
    fn short_cells(&self, lang: Lang) -> Option<Vec<String>> {
        let long = super::duration::distance_rounded_down(self.distance, lang)
            != super::duration::distance(self.distance, lang);
        if !self.urgent && !long {
            return None;
        }
        let mut cells = self.cells(lang);
        if self.urgent {
            cells[2] = lang.pick("KHẨN", "URGENT").to_owned();
        }
        cells[9] = super::duration::distance_rounded_down(self.distance, lang);
        Some(cells)
    }

    fn short_unnoted() -> Vec<usize> {
        vec![9]
    }

    /// The deadline and how late: a screen with the room to keep both reads the whole
    /// call and the lateness to the minute, as `list --overdue` says it.
    fn short_for() -> Vec<usize> {
        vec![7, 9]
    }

    fn short_note(whole: &str, ids: &[String], lang: Lang) -> String {
        let named = crate::storage::journal::first_named(ids, ", ", String::clone);
        match (lang, ids.len()) {
            (Lang::Vi, _) => format!("{whole}: phản ánh {named}."),
            (Lang::En, 1) => format!("{whole}: report {named}."),
            (Lang::En, _) => format!("{whole}: reports {named}."),
        }
    }
}

impl SweepRow {
    /// The table's last column: whether this run reminded of the clock, or on a dry run
    /// whether the real run would, said as such ("Nhắc lần này: sẽ nhắc").
    fn reminded_cell(&self, lang: Lang) -> &'static str {
        match (self.dry_run, self.would_remind) {
            (false, _) => lang.yes_no(self.reminded_now),
            (true, true) => lang.pick("sẽ nhắc", "would remind"),
            (true, false) => lang.pick("không", "no"),
        }
    }
}

/// A threshold a clock reached as the table says it.
pub fn threshold_word(threshold: Threshold, lang: Lang) -> &'static str {
    match (threshold, lang) {
        (Threshold::Overdue, Lang::Vi) => "Quá hạn",
        (Threshold::Overdue, Lang::En) => "Overdue",
        (Threshold::DueSoon, Lang::Vi) => "Sắp đến hạn",
        (Threshold::DueSoon, Lang::En) => "Due soon",
        (Threshold::AtOnce, Lang::Vi) => "Báo ngay",
        (Threshold::AtOnce, Lang::En) => "At once",
    }
}

/// What the sweep asks of the desk for an urgent report's clock (Đ7.2, Đ8.1.b: urgent
/// reports call for immediate contact): the portal acts on its own clocks at once; for an
/// agency's, the desk tells that agency's leader.
pub fn urgent_call(stage: Stage, lang: Lang) -> String {
    format!(
        "{} — {}",
        lang.pick("KHẨN", "URGENT"),
        urgent_action(stage, lang)
    )
}

/// The deed of [`urgent_call`], without the word that marks the report urgent.
fn urgent_action(stage: Stage, lang: Lang) -> &'static str {
    match (crate::domain::clocks::portal_holds(stage), stage, lang) {
        (false, _, Lang::Vi) => "báo lãnh đạo cơ quan",
        (false, _, Lang::En) => "tell the agency's leader",
        (true, Stage::Dispatch, Lang::Vi) => "phân phối ngay",
        (true, Stage::Dispatch, Lang::En) => "dispatch it now",
        (true, _, Lang::Vi) => "duyệt kết quả, công khai ngay",
        (true, _, Lang::En) => "check and publish it now",
    }
}

/// `sweep` refused to a role that may read deadlines (`refusal` is the role's): the rule as
/// every refusal words it, then the listings that show what is due, which it may run.
pub fn refused_to_a_reader(refusal: &crate::domain::access::Refusal) -> Localized {
    let said = super::context::refused(refusal);
    Localized::new(
        format!(
            "{} Để xem hạn xử lý thì dùng `phananh list --overdue` (đang quá hạn) hoặc `phananh list --due today` (đến hạn trong hôm nay, gồm cả quá hạn).",
            said.vi
        ),
        format!(
            "{}; to see the deadlines, run `phananh list --overdue` (overdue now) or `phananh list --due today` (due by tonight, overdue included)",
            said.en
        ),
    )
}

/// The label of the sweep's progress bar.
pub fn sweeping(lang: Lang) -> &'static str {
    lang.pick("Nhắc hạn", "Sweeping")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::Stage;

    /// What a sweep erased is counted as its reader writes numbers; the setting's value,
    /// quoted as typed, is not a count.
    #[test]
    fn the_erasure_notice_groups_thousands() {
        let notice = erased_notice(1308, "retention_days", 1825.0);
        assert!(notice.vi.contains("của 1.308 phản ánh"), "{}", notice.vi);
        assert!(
            notice.vi.contains("retention_days = 1825)"),
            "{}",
            notice.vi
        );
        assert!(
            notice.en.contains("of 1,308 reports closed"),
            "{}",
            notice.en
        );
    }

    /// One of each thing the line under the table counts reads as one in English: "1 new
    /// reminders recorded" and "1 deadlines recomputed" were printed.
    #[test]
    fn the_summary_says_one_of_a_thing_in_the_singular() {
        let one = Summed {
            at: "2026-11-02 10:00",
            dry_run: false,
            all: true,
            overdue: 1,
            soon: 1,
            urgent: 1,
            recorded: 1,
            new_breaches: 1,
            erased: 1,
            soon_minutes: 30.0,
            recomputed: 1,
        };
        assert_eq!(
            summary(&one).en,
            "Swept at 2026-11-02 10:00: 1 overdue (1 new), 1 due soon (within 30 min), 1 urgent; \
             1 new reminder recorded; the reporter's identity of 1 report closed past the \
             retention period erased; 1 deadline recomputed under the new calendar."
        );
        let two = Summed {
            recorded: 2,
            recomputed: 2,
            erased: 0,
            ..one
        };
        assert_eq!(
            summary(&two).en,
            "Swept at 2026-11-02 10:00: 1 overdue (1 new), 1 due soon (within 30 min), 1 urgent; \
             2 new reminders recorded; 2 deadlines recomputed under the new calendar."
        );
    }

    fn doubted(clock: i64) -> Doubted {
        Doubted {
            clock,
            report_id: clock + 100,
            threshold: Threshold::Overdue,
            mark: clock + 1000,
        }
    }

    /// Nothing the log does not vouch for: no failure. A setting alone: named. Marks and
    /// clocks: one paragraph each, and the setting (a lesser matter) left for the next run.
    #[test]
    fn the_integrity_failure_names_marks_and_clocks_before_the_setting() {
        let problem = ChainBreak::EventAltered { id: 42 };
        assert!(integrity_failure(&[], false, &[], None, None, None, None).is_none());
        let setting =
            integrity_failure(&[], false, &[], Some((&problem, 30.0)), None, None, None).unwrap();
        assert_eq!(setting.class, crate::exit::Class::Integrity);
        assert!(
            setting.message.en.starts_with(
                "the log does not vouch for the setting sweep.due_soon_minutes: event 42: its stored hash does not match its content"
            ),
            "{}",
            setting.message.en
        );
        assert!(
            setting
                .message
                .en
                .contains("The sweep looked 30 min ahead, the default, instead."),
            "{}",
            setting.message.en
        );
        let unlogged = ClockUnlogged::Open(OpenUnvouched::NotOpen {
            report_id: 7,
            stage: Stage::Process,
            clock: None,
        });
        let both = integrity_failure(
            &[doubted(3)],
            false,
            &[unlogged],
            Some((&problem, 30.0)),
            None,
            None,
            None,
        )
        .unwrap();
        let en = &both.message.en;
        let (marks, clocks) = en.split_once('\n').expect("two paragraphs");
        assert!(
            marks.starts_with(
                "the reminder mark of clock 3 (report 103, overdue, mark naming event 1003): the log records no such reminder (it was set outside phananh"
            ),
            "{en}"
        );
        assert!(
            marks.contains("this sweep took it for unreminded and reminded again"),
            "{en}"
        );
        assert!(
            clocks.starts_with(
                "the log does not vouch for a clock: report 7 still waits on its processing step, "
            ),
            "{en}"
        );
        assert!(
            both.message
                .vi
                .contains("phản ánh 7 còn chờ bước xử lý nhưng"),
            "{}",
            both.message.vi
        );
        assert!(!en.contains("due_soon_minutes"), "{en}");
        assert_eq!(both.message.vi.lines().count(), 2, "{}", both.message.vi);
    }

    /// Many marks: the first twenty named, then how many; a dry run says what a real sweep
    /// would do.
    #[test]
    fn many_doubted_marks_are_counted_and_a_dry_run_says_would() {
        let marks: Vec<Doubted> = (1..=22).map(doubted).collect();
        let failure = integrity_failure(&marks, true, &[], None, None, None, None).unwrap();
        let en = &failure.message.en;
        assert!(
            en.starts_with("the reminder marks of clocks 1 (report 101"),
            "{en}"
        );
        assert!(en.contains("mark naming event 1020), … (22):"), "{en}");
        assert!(
            en.contains("a real sweep would take them for unreminded and remind again"),
            "{en}"
        );
    }

    /// Reminders held back by many reports timed forward (`trust` mode): the notice cron
    /// mails names the first twenty, then how many, as every long list is.
    #[test]
    fn the_reminders_not_recorded_are_named_twenty_then_counted() {
        let skipped: Vec<Backdated> = (1..=25)
            .map(|report_id| Backdated {
                report_id,
                at: "2026-11-06T08:00:00+07:00".to_owned(),
                previous: "2026-11-07T08:00:00+07:00".to_owned(),
            })
            .collect();
        let notice = skipped_notice(&skipped).expect("a notice");
        assert!(
            notice.en.starts_with(
                "the reminders of 25 reports were not recorded, as each already has an event later than this sweep (the log never runs backwards): 1 (event at 2026-11-07 08:00), 2 "
            ),
            "{}",
            notice.en
        );
        assert!(
            notice
                .en
                .contains("20 (event at 2026-11-07 08:00), … (25). The other reminders"),
            "{}",
            notice.en
        );
        assert!(!notice.en.contains("21 (event at"), "{}", notice.en);
        assert!(
            notice.vi.contains(": 1 (sự kiện lúc 07/11/2026 08:00), 2 "),
            "{}",
            notice.vi
        );
        assert!(
            notice.vi.contains(", … (25). Các lời nhắc khác"),
            "{}",
            notice.vi
        );
        assert!(skipped_notice(&[]).is_none());
    }

    /// The breach notice counts every breach, lists those it was given, and says how many
    /// more there are and where to see them.
    #[test]
    fn the_breach_notice_lists_the_first_and_counts_the_rest() {
        let breach = Breach {
            report_id: 5,
            external_id: "CMG-2026-000105".to_owned(),
            urgent: true,
            stage: Stage::Dispatch,
            round: 1,
            agency: None,
            agency_name: None,
            due_at: "2026-11-06T16:30:00+07:00".to_owned(),
        };
        let notice = breach_notice(3, &[breach], 3);
        assert!(
            notice
                .en
                .starts_with("this sweep found 3 newly breached deadlines (exit status 3):\n  5 (CMG-2026-000105) URGENT: "),
            "{}",
            notice.en
        );
        assert!(notice.en.contains(", the portal's desk\n"), "{}", notice.en);
        assert!(
            notice
                .en
                .ends_with("\n  … and 2 more: see `phananh sweep --all --dry-run`"),
            "{}",
            notice.en
        );
        assert!(
            notice
                .vi
                .starts_with("Lần quét này thấy 3 hạn mới bị quá (mã thoát 3):"),
            "{}",
            notice.vi
        );
        let one = breach_notice(1, &[], 5);
        assert_eq!(
            one.en,
            "this sweep found 1 newly breached deadline (exit status 5):\n  … and 1 more: see `phananh sweep --all --dry-run`"
        );
    }

    /// An agency's clock is named by its code and name, as the table names it: the one on
    /// duty reading cron's mail cannot tell which ward "32002" is. A name the log does not
    /// vouch for is not given (`app::sweep`), and the code stands alone.
    #[test]
    fn the_breach_notice_names_the_agency_by_code_and_name() {
        let breach = |agency_name: Option<&str>| Breach {
            report_id: 9,
            external_id: "CMG-2026-100010".to_owned(),
            urgent: true,
            stage: Stage::Process,
            round: 1,
            agency: Some("32002".to_owned()),
            agency_name: agency_name.map(str::to_owned),
            due_at: "2026-08-31T08:00:00+07:00".to_owned(),
        };
        let named = breach_notice(1, &[breach(Some("UBND phường An Xuyên"))], 3);
        assert!(
            named.vi.ends_with(", cơ quan 32002 (UBND phường An Xuyên)"),
            "{}",
            named.vi
        );
        assert!(
            named.en.ends_with(", agency 32002 (UBND phường An Xuyên)"),
            "{}",
            named.en
        );
        let bare = breach_notice(1, &[breach(None)], 3);
        assert!(bare.vi.ends_with(", cơ quan 32002"), "{}", bare.vi);
    }

    /// The bar's label, word for word: it shows only past 2,000 reminders at a terminal.
    #[test]
    fn the_bar_is_labelled_in_each_language() {
        assert_eq!(
            (sweeping(Lang::Vi), sweeping(Lang::En)),
            ("Nhắc hạn", "Sweeping")
        );
    }
}
