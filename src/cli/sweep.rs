//! `sweep` (SPEC §4, Đ13.3): run by cron under a reception account. Finds open clocks due
//! soon or past due, records one reminder event per clock per threshold, and prints them,
//! urgent reports first with the agency named. All in one immediate transaction, so two
//! sweeps and an operator running at once queue instead of reminding twice.

use anyhow::Result;
use chrono::Duration;
use clap::Args;
use serde::Serialize;
use serde_json::json;

use super::deadlines::recompute_open;
use super::{Context, immediate};
use crate::domain::access::Operation;
use crate::domain::deadline::Stage;
use crate::domain::time;
use crate::output::{Lang, Listing, render};
use crate::storage::{clocks, events};

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
        match lang {
            Lang::Vi => vec![
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
            Lang::En => vec![
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
        }
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
            lang.pick(self.stage.label_vi(), self.stage.label_en())
                .to_owned(),
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

pub fn cmd_sweep(ctx: &Context, args: &SweepArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Sweep, None)?;
    let soon_minutes = super::settings::value(&conn, "sweep.due_soon_minutes")?;
    let horizon = ctx.now + Duration::seconds((soon_minutes * 60.0).round() as i64);
    let now_text = ctx.now_text();

    let tx = immediate(&conn)?;
    // A new binary may ship a newer announced schedule: deadlines follow it before any
    // reminder is judged.
    let recomputed = if args.dry_run {
        0
    } else {
        let current = super::deadlines::Deadlines::load(&tx)?;
        if clocks::stale(&tx, current.calendar.version())? > 0 {
            recompute_open(&tx)?
        } else {
            0
        }
    };
    let due = clocks::due_by(&tx, &horizon)?;
    let mut appender = events::Appender::new(&tx)?;
    let mut rows = Vec::with_capacity(due.len());
    let mut recorded = 0u64;
    for pending in due {
        // Text order is time order for the canonical form; parsing is only for the minutes.
        let overdue = pending.due_at.as_str() < now_text.as_str();
        let already = if overdue {
            pending.reminded_overdue
        } else {
            pending.reminded_soon
        };
        let threshold = if overdue { "overdue" } else { "due_soon" };
        let reminded_now = !args.dry_run && already.is_none();
        if reminded_now {
            let event = appender.append(events::NewEvent {
                report_id: Some(pending.report_id),
                at: &now_text,
                actor: &actor.username,
                action: "remind",
                from_status: None,
                to_status: None,
                payload: json!({
                    "clock": pending.clock,
                    "stage": pending.stage,
                    "round": pending.round,
                    "threshold": threshold,
                    "due_at": pending.due_at,
                    "agency": pending.agency,
                    "urgent": pending.urgent,
                })
                .to_string(),
                report_hash: None,
            })?;
            clocks::mark_reminded(&tx, pending.clock, overdue, event)?;
            recorded += 1;
        }
        let due_at = time::stored(&pending.due_at).unwrap_or(ctx.now);
        rows.push(SweepRow {
            report_id: pending.report_id,
            external_id: pending.external_id,
            urgent: pending.urgent,
            stage: pending.stage,
            round: pending.round,
            agency: pending.agency,
            agency_name: pending.agency_name,
            due_at: pending.due_at,
            threshold,
            minutes_over: (ctx.now - due_at).num_minutes(),
            reminded_now,
        });
    }
    drop(appender);
    if args.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
    let overdue = rows.iter().filter(|r| r.threshold == "overdue").count();
    let soon = rows.len() - overdue;
    let urgent = rows.iter().filter(|r| r.urgent).count();
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
    if args.fail_on_breach && overdue > 0 {
        return Ok(crate::exit::BREACH);
    }
    Ok(crate::exit::OK)
}
