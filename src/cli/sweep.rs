//! `sweep` (docs/rules.md §4, Đ13.3): run by cron under a reception account. The use case
//! (`app::sweep`) records one reminder event per clock per threshold; this prints them as
//! each page is committed, urgent reports first with the agency named. A table shows the
//! first `TABLE_ROWS` rows and says how many more there are; CSV and JSON carry every one.

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::app::sweep::{self, SweepRow, Tally};
use crate::domain::access::Operation;
use crate::output::{Format, ListingWriter, progress, progress_beside_output};

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

pub fn cmd_sweep(ctx: &Context, args: &SweepArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Sweep, None)?;
    let plan = sweep::plan(&conn, ctx, args.dry_run)?;
    let message = ctx.lang.pick("Nhắc hạn", "Sweeping");
    let bar = match (crate::output::watching(), ctx.format) {
        (false, _) => indicatif::ProgressBar::hidden(),
        // A table is printed at the end; CSV and JSON rows stream beside the bar.
        (true, Format::Table) => progress(sweep::count_due(&conn, &plan)?, message),
        (true, _) => progress_beside_output(sweep::count_due(&conn, &plan)?, message),
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
    let tally = sweep::sweep(&conn, ctx, &actor.username, &plan, &mut |rows| {
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
    let (soon_minutes, recomputed) = (plan.soon_minutes, plan.recomputed);
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
