//! `sweep` (SPEC §4, Đ13.3): run by cron under a reception account. Finds open clocks due
//! soon or past due, records one reminder event per clock per threshold, and prints them,
//! urgent reports first with the agency named. The list is walked a page at a time in the
//! order it is printed (an index order, so nothing is sorted or held whole); each page is
//! read and reminded in one immediate transaction, so two sweeps and an operator running
//! at once queue instead of reminding twice, and then streamed to the output. A table
//! shows the first `TABLE_ROWS` rows and says how many more there are; CSV and JSON carry
//! every one.

use anyhow::Result;
use chrono::Duration;
use clap::Args;
use serde::Serialize;

use crate::app::Context;
use crate::app::deadlines::recompute_open;
use crate::domain::access::Operation;
use crate::domain::deadline::Stage;
use crate::domain::event::EventKind;
use crate::domain::time;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::{Format, Listing, ListingWriter, progress, progress_beside_output};
use crate::storage::clocks;
use crate::storage::journal::{Entry, Journal};
use crate::storage::tx::immediate;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh --as tiepnhan.lan sweep                       remind and list
  phananh --as tiepnhan.lan sweep --dry-run             list only, record nothing
  */10 * * * * PHANANH_DB=/srv/phananh.sqlite phananh --as cron.tiepnhan sweep --fail-on-breach --format csv >> /var/log/phananh-sweep.csv")]
pub struct SweepArgs {
    /// List what is due without recording reminders.
    #[arg(long)]
    pub dry_run: bool,
    /// Exit with status 3 when any clock is past its deadline (for monitoring).
    #[arg(long)]
    pub fail_on_breach: bool,
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
    /// `due_soon` or `overdue`.
    pub threshold: &'static str,
    /// Minutes past the deadline (negative: minutes left).
    pub minutes_over: i64,
    /// Whether this run recorded the reminder (false: an earlier sweep did, or --dry-run).
    pub reminded_now: bool,
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
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Số",
                "Mã ứng dụng",
                "Khẩn",
                "Giai đoạn",
                "Vòng",
                "Cơ quan",
                "Tên cơ quan",
                "Hạn",
                "Mức",
                "Phút quá hạn",
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
                "Minutes over",
                "Reminded now",
            ],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let urgent = match (self.urgent, lang) {
            (true, Lang::Vi) => "KHẨN — báo lãnh đạo cơ quan",
            (true, Lang::En) => "URGENT — tell the agency's leader",
            (false, _) => "",
        };
        let threshold = match (self.threshold, lang) {
            ("overdue", Lang::Vi) => "Quá hạn",
            ("overdue", Lang::En) => "Overdue",
            (_, Lang::Vi) => "Sắp đến hạn",
            (_, Lang::En) => "Due soon",
        };
        vec![
            self.report_id.to_string(),
            self.external_id.clone(),
            urgent.to_owned(),
            self.stage.text(lang).into_owned(),
            self.round.to_string(),
            self.agency.clone().unwrap_or_default(),
            self.agency_name.clone().unwrap_or_default(),
            self.due_at.clone(),
            threshold.to_owned(),
            self.minutes_over.to_string(),
            lang.yes_no(self.reminded_now).to_owned(),
        ]
    }
}

/// Clocks per page. Each page is read, reminded and committed in one immediate
/// transaction, then printed: a first sweep over 100,000 clocks commits four times, a page
/// holds the lock for about a third of a second, and its rows take about 15 MB whatever
/// the length of the list. Pages of 10,000 spent a tenth of a first sweep in the pauses
/// between pages that let waiting writers in.
const PAGE: usize = 25_000;

/// What the status line counts.
#[derive(Default)]
struct Tally {
    overdue: u64,
    soon: u64,
    urgent: u64,
    recorded: u64,
}

pub fn cmd_sweep(ctx: &Context, args: &SweepArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Sweep, None)?;
    let soon_minutes = crate::app::settings::value(&conn, "sweep.due_soon_minutes")?;
    let horizon = ctx.now + Duration::seconds((soon_minutes * 60.0).round() as i64);
    let now_text = ctx.now_text();

    // A new binary may ship a newer announced schedule: deadlines follow it before any
    // reminder is judged.
    let recomputed = if args.dry_run {
        0
    } else {
        let tx = immediate(&conn)?;
        let current = crate::app::deadlines::Deadlines::load(&tx)?;
        let recomputed = if clocks::stale(&tx, current.calendar.version())? > 0 {
            recompute_open(&tx, ctx.lang)?
        } else {
            0
        };
        tx.commit()?;
        recomputed
    };

    // Under WAL, NORMAL never corrupts the file; a power cut may lose the last pages of
    // reminders (each page's events and marks together), and the next sweep records them
    // again. It spares an fsync at every page's commit. Each page is copied into the
    // database file on a thread of its own while the next is reminded (a first sweep of
    // 93,071 reminders: 1.32 s -> 1.06 s). Copying on this thread after each page had
    // written the same clock and index pages again and again, and folding them all in once
    // at the end left the whole copy to wait for.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let checkpoint = if args.dry_run {
        None
    } else {
        crate::storage::BackgroundCheckpoint::start(&conn)?
    };
    let message = ctx.lang.pick("Nhắc hạn", "Sweeping");
    let bar = match (crate::output::watching(), ctx.format) {
        (false, _) => indicatif::ProgressBar::hidden(),
        // A table is printed at the end; CSV and JSON rows stream beside the bar.
        (true, Format::Table) => progress(clocks::count_due_by(&conn, &horizon)?, message),
        (true, _) => progress_beside_output(clocks::count_due_by(&conn, &horizon)?, message),
    };
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut listing = Some(ListingWriter::<_, SweepRow>::new(
        out,
        ctx.format,
        ctx.lang,
        crate::output::TABLE_ROWS,
    )?);
    // If the output fails (`sweep | head` closing the pipe), the sweep still records every
    // reminder it owes, and reports the failure at the end.
    let mut output_failed: Option<anyhow::Error> = None;
    let mut tally = Tally::default();
    // A dry run reads the whole list from one snapshot and takes no lock.
    let snapshot = if args.dry_run {
        Some(rusqlite::Transaction::new_unchecked(
            &conn,
            rusqlite::TransactionBehavior::Deferred,
        )?)
    } else {
        None
    };
    let mut key = Some(clocks::SweepKey::first());
    while let Some(from) = key.take() {
        let (rows, next) = if args.dry_run {
            let (page, next) = clocks::due_page(&conn, &horizon, &from, PAGE)?;
            let rows: Vec<SweepRow> = page
                .into_iter()
                .map(|p| sweep_row(ctx, &now_text, p, false))
                .collect();
            (rows, next)
        } else {
            let (rows, next, recorded) =
                remind_page(ctx, &conn, &actor.username, &now_text, &horizon, &from)?;
            tally.recorded += recorded;
            if recorded > 0 {
                if let Some(checkpoint) = &checkpoint {
                    checkpoint.committed();
                }
                if next.is_some() {
                    crate::storage::let_waiters_in();
                }
            }
            (rows, next)
        };
        for row in &rows {
            if let Some(writer) = &mut listing
                && let Err(e) = writer.row(row)
            {
                output_failed = Some(e);
                listing = None;
            }
            if row.threshold == "overdue" {
                tally.overdue += 1;
            } else {
                tally.soon += 1;
            }
            tally.urgent += u64::from(row.urgent);
        }
        bar.inc(rows.len() as u64);
        key = next;
    }
    drop(snapshot);
    drop(checkpoint);
    bar.finish_and_clear();
    if let Some(writer) = listing
        && let Err(e) = writer.finish()
    {
        output_failed = Some(e);
    }
    let Tally {
        overdue,
        soon,
        urgent,
        recorded,
    } = tally;
    ctx.status(
        &format!(
            "{overdue} quá hạn, {soon} sắp đến hạn (trong {soon_minutes} phút), {urgent} khẩn; ghi {recorded} lời nhắc mới{}{}.",
            if args.dry_run { " (chạy thử, không ghi gì)" } else { "" },
            if recomputed > 0 { format!("; tính lại {recomputed} thời hạn theo lịch mới") } else { String::new() },
        ),
        &format!(
            "{overdue} overdue, {soon} due soon (within {soon_minutes} min), {urgent} urgent; {recorded} new reminders recorded{}{}",
            if args.dry_run { " (dry run, nothing recorded)" } else { "" },
            if recomputed > 0 { format!("; {recomputed} deadlines recomputed under the new calendar") } else { String::new() },
        ),
    );
    if let Some(e) = output_failed {
        return Err(e);
    }
    if args.fail_on_breach && overdue > 0 {
        return Ok(crate::exit::BREACH);
    }
    Ok(crate::exit::OK)
}

/// One page of the list under the write lock: records the reminders its clocks are owed
/// (once per clock and threshold: a clock another sweep reminded is seen as reminded,
/// since the page is read under the same lock), commits, and returns the page's rows, the
/// key of the next page and how many reminders were recorded.
fn remind_page(
    ctx: &Context,
    conn: &rusqlite::Connection,
    actor: &str,
    now_text: &str,
    horizon: &time::Timestamp,
    from: &clocks::SweepKey,
) -> Result<(Vec<SweepRow>, Option<clocks::SweepKey>, u64)> {
    let tx = immediate(conn)?;
    let (page, next) = clocks::due_page(&tx, horizon, from, PAGE)?;
    // Text order is time order for the canonical form.
    let overdue = |pending: &clocks::Pending| pending.due_at.as_str() < now_text;
    let owed = |pending: &clocks::Pending| {
        if overdue(pending) {
            pending.reminded_overdue.is_none()
        } else {
            pending.reminded_soon.is_none()
        }
    };
    // The reminders are recorded in report order, not in the page's urgency order: each
    // one reads its report's row and adds to that report's entries in `events_by_report`,
    // and in report order those pages are met once each instead of at random (a first
    // sweep read and wrote about a quarter more pages than the same writes in SQL). The
    // rows are still printed most pressing first; the reminders share one time.
    let mut order: Vec<usize> = (0..page.len()).filter(|&i| owed(&page[i])).collect();
    order.sort_by_key(|&i| (page[i].report_id, page[i].clock));
    if !order.is_empty() {
        let mut journal = Journal::new(&tx, ctx.stamp(actor))?;
        for &i in &order {
            let pending = &page[i];
            let overdue = overdue(pending);
            let event = journal.append(Entry {
                kind: EventKind::Remind,
                report: None,
                about: Some(pending.report_id),
                payload: Reminder::of(pending, overdue).payload(),
                clocks: None,
            })?;
            clocks::mark_reminded(&tx, pending.clock, overdue, event)?;
        }
    }
    let recorded = order.len() as u64;
    let rows = page
        .into_iter()
        .map(|pending| {
            let reminded_now = owed(&pending);
            sweep_row(ctx, now_text, pending, reminded_now)
        })
        .collect();
    tx.commit()?;
    Ok((rows, next, recorded))
}

/// What a `remind` event records. The fields keep the order of the stored text, which the
/// chain seals; written straight from the clock, since building a JSON map per reminder was
/// a twentieth of a first sweep.
#[derive(Serialize)]
struct Reminder<'p> {
    clock: i64,
    stage: Stage,
    round: i64,
    threshold: &'static str,
    due_at: &'p str,
    agency: Option<&'p str>,
    urgent: bool,
}

impl<'p> Reminder<'p> {
    fn of(pending: &'p clocks::Pending, overdue: bool) -> Self {
        Reminder {
            clock: pending.clock,
            stage: pending.stage,
            round: pending.round,
            threshold: if overdue { "overdue" } else { "due_soon" },
            due_at: &pending.due_at,
            agency: pending.agency.as_deref(),
            urgent: pending.urgent,
        }
    }

    fn payload(&self) -> String {
        serde_json::to_string(self).expect("a reminder always serialises")
    }
}

/// The row printed for a clock.
fn sweep_row(
    ctx: &Context,
    now_text: &str,
    pending: clocks::Pending,
    reminded_now: bool,
) -> SweepRow {
    // Text order is time order for the canonical form; parsing is only for the minutes.
    let overdue = pending.due_at.as_str() < now_text;
    let due_at = time::stored(&pending.due_at).unwrap_or(ctx.now);
    SweepRow {
        report_id: pending.report_id,
        external_id: pending.external_id,
        urgent: pending.urgent,
        stage: pending.stage,
        round: pending.round,
        agency: pending.agency,
        agency_name: pending.agency_name,
        due_at: pending.due_at,
        threshold: if overdue { "overdue" } else { "due_soon" },
        minutes_over: (ctx.now - due_at).num_minutes(),
        reminded_now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reminders recorded before and after must read the same: the payload text is the one
    /// the earlier JSON map wrote, key order and escaping included.
    #[test]
    fn a_reminder_payload_is_the_text_the_json_map_wrote() {
        for (agency, stage, overdue) in [
            (Some("UBND-\"Phường\" 1"), Stage::Process, true),
            (None, Stage::Dispatch, false),
            (Some("SXD"), Stage::Publish, true),
        ] {
            let pending = clocks::Pending {
                clock: 42,
                report_id: 7,
                external_id: "CMG-1".into(),
                urgent: overdue,
                stage,
                round: 2,
                agency: agency.map(str::to_owned),
                agency_name: None,
                due_at: "2026-12-31T08:00:00+07:00".into(),
                reminded_soon: None,
                reminded_overdue: None,
            };
            let map = serde_json::json!({
                "clock": pending.clock,
                "stage": pending.stage,
                "round": pending.round,
                "threshold": if overdue { "overdue" } else { "due_soon" },
                "due_at": pending.due_at,
                "agency": pending.agency,
                "urgent": pending.urgent,
            })
            .to_string();
            assert_eq!(Reminder::of(&pending, overdue).payload(), map);
        }
    }
}
