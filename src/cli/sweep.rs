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
use crate::output::{Format, ListingWriter, progress, progress_beside_output};

/// The crontab job of `sweep`'s examples, in the English help and the Vietnamese
/// (`cli::help_vi`) alike: one job, whichever language it is copied from. A literal, so
/// that `concat!` can put it in both.
#[macro_export]
macro_rules! sweep_crontab {
    () => {
        "  PATH=/usr/local/bin:/usr/bin:/bin
  PHANANH_DB=/srv/phananh/phananh.sqlite
  PHANANH_USER=cron.tiepnhan
  MAILTO=quantri@example.vn
  CSV=/var/log/phananh/sweep.csv
  */10 * * * * phananh --format csv sweep --no-headers --fail-on-breach >> $CSV
"
    };
}

#[derive(Debug, Args)]
#[command(after_help = concat!("Examples:
  # remind, and list what this run reminded of
  phananh --as tiepnhan.lan sweep
  # every clock due, recording nothing
  phananh --as tiepnhan.lan sweep --all --dry-run
  # in a crontab: every 10 minutes, what is new appended to the CSV file $CSV
  # names, and a mail (stderr) naming each deadline newly breached
", crate::sweep_crontab!(), "
By default only the reminders this run recorded are listed, each with the run's time (swept_at), so a file cron appends to grows by what is new. The summary line follows a table on stdout; stderr carries errors, one line per clock of an urgent report this run flagged at once (report, stage, deadline, agency or the portal, what to do: Đ7.2), and with --fail-on-breach one line per deadline newly breached (report, stage, agency or the portal, deadline; urgent first).

", crate::exit_statuses_help!()))]
pub struct SweepArgs {
    /// List what is due without recording reminders; with a retention period set
    /// (privacy.erase_after_days), say how many identities a real sweep would erase now and
    /// of which reports (or why it would erase none).
    #[arg(long)]
    pub dry_run: bool,
    /// List every clock due soon or past due (and every clock of an urgent report), not only
    /// the reminders this run recorded.
    #[arg(long)]
    pub all: bool,
    /// Exit with status 3 when this run found a deadline newly breached, and say on stderr
    /// how many and which (report, stage, agency or the portal, deadline; urgent first),
    /// even with --quiet (for monitoring; cron mails it).
    #[arg(long)]
    pub fail_on_breach: bool,
    /// Print nothing but errors and the few lines cron's reader must act on (urgent reports
    /// flagged, breaches with --fail-on-breach); the reminders are still recorded.
    #[arg(long, short)]
    pub quiet: bool,
    /// CSV without its header line (for a file cron appends to).
    #[arg(long)]
    pub no_headers: bool,
}

pub fn cmd_sweep(ctx: &Context, args: &SweepArgs) -> Result<u8> {
    if args.quiet || !crate::output::watching() {
        // Cron mails whatever reaches stderr: a wait for the turn is no error. The README's
        // cron line is not `--quiet` (its rows are the file it appends to), so the wait is
        // told only to a person at a terminal, unless it grows long enough to hold up the
        // reminders (`storage::queue::LONG_WAIT`).
        crate::app::tell_waits(ctx.lang, crate::app::WaitsTold::Long);
    }
    let run = sweep::start(ctx, args.dry_run, args.all)?;
    let plan = &run.plan;
    // Said even to a quiet cron job: a reported breach no longer counts.
    if let Some(notice) = crate::output::deadlines::cleared(
        &plan.cleared_overdue,
        crate::output::deadlines::ClearedBy::Shipped,
    ) {
        ctx.status(&notice.vi, &notice.en);
    }
    let message = crate::output::sweep::sweeping(ctx.lang);
    let bar = match (crate::output::watching() && !args.quiet, ctx.format) {
        (false, _) => indicatif::ProgressBar::hidden(),
        // A table is printed at the end; CSV and JSON rows stream beside the bar.
        (true, Format::Table) => progress(run.count_due()?, message, ctx.lang),
        (true, _) => progress_beside_output(run.count_due()?, message, ctx.lang),
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
    let mut tally = run.sweep(ctx, &mut |rows| {
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
    if let Some(notice) = crate::output::sweep::skipped_notice(&tally.skipped) {
        ctx.status(&notice.vi, &notice.en);
    }
    // A retention erasure that fails, or that left out rows edited behind the tool's back
    // (which it will not seal), is said after the reminders are listed: they are on record
    // already.
    let retention_failed = erase_past_retention(&run, ctx, args.dry_run, &mut tally)?;
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
        && let Err(e) = summary(ctx, args, plan, &tally)
    {
        output_failed = Some(e);
    }
    // What else failed, said after the breach notice: a breach found is on record and will
    // not be new again, so its notice must reach cron's mail whatever fails after it.
    let mut failures: Vec<anyhow::Error> = retention_failed.into_iter().collect();
    if let Some(e) = output_failed
        // A closed pipe (`sweep | head`) is no failure.
        && !crate::output::is_broken_pipe(&e)
    {
        // The reminders are on record and will not be listed again as new: say so, and
        // how to see them.
        let (recorded, breaches) = (tally.recorded, tally.new_breaches);
        failures.push(if recorded == 0 {
            e
        } else {
            anyhow::Error::new(crate::output::sweep::unlisted(recorded, breaches, &e))
        });
    }
    let unvouched = crate::output::sweep::integrity_failure(
        &tally.doubted,
        args.dry_run,
        &tally.clocks_unlogged,
        plan.soon_unvouched.as_ref().map(|p| (p, plan.soon_minutes)),
        plan.calendar_unvouched.as_ref(),
        plan.names_unvouched.as_ref(),
        plan.reports_uncounted,
    );
    let integrity = unvouched.is_some()
        || failures
            .iter()
            .any(|e| crate::exit::status_of(e) == crate::exit::INTEGRITY);
    let breach = args.fail_on_breach && tally.new_breaches > 0;
    if breach {
        // On stderr even with --quiet: a breach is what the option is for, and cron mails
        // what reaches stderr, once per breach (the next run finds it no longer new).
        // The status the run ends with: 5 when a mark, a clock or a setting the log does not
        // vouch for is named below, which outranks the breach; 3 otherwise, even when the
        // listing or the retention erasure failed after it (README, exit statuses).
        let status = if integrity {
            crate::exit::INTEGRITY
        } else {
            crate::exit::BREACH
        };
        let notice =
            crate::output::sweep::breach_notice(tally.new_breaches, &tally.breaches, status);
        ctx.status(&notice.vi, &notice.en);
    }
    // Said even to a quiet cron job without --fail-on-breach, once per clock (the next run
    // finds it flagged): cron mails stderr, and the leader is to be told now (Đ7.2).
    if !args.dry_run && tally.new_flags > 0 {
        let notice = crate::output::sweep::flagged_notice(tally.new_flags, &tally.flags);
        ctx.status(&notice.vi, &notice.en);
    }
    // Said even to a quiet cron job, once a day, after the breaches it would otherwise push
    // down the mail: cron's mail is what reaches a person in December.
    if let Some(year) = plan.next_year_unannounced {
        ctx.tell(&crate::output::calendar::next_year_unannounced(year));
    }
    if failures.is_empty() {
        return match unvouched {
            Some(failure) => Err(anyhow::Error::new(failure)),
            None if breach => Ok(crate::exit::BREACH),
            None => Ok(crate::exit::OK),
        };
    }
    if !breach && unvouched.is_none() && failures.len() == 1 {
        return Err(failures.remove(0));
    }
    // Every failure of the run in one message, ending with the status the notice gave.
    let class = if integrity {
        crate::exit::Class::Integrity
    } else if breach {
        crate::exit::Class::Breach
    } else {
        crate::exit::Class::Refused
    };
    Err(crate::output::sweep::failed_together(class, &failures, unvouched).into())
}

/// The line under the table (`output::sweep::summary`), on stdout with the table it sums
/// up; CSV and JSON carry their rows only.
fn summary(ctx: &Context, args: &SweepArgs, plan: &sweep::Plan, tally: &Tally) -> Result<()> {
    let at = crate::output::when(&ctx.now_text(), ctx.lang);
    let line = crate::output::sweep::summary(&crate::output::sweep::Summed {
        at: &at,
        dry_run: args.dry_run,
        all: args.all,
        overdue: tally.overdue,
        soon: tally.soon,
        urgent: tally.urgent,
        recorded: tally.recorded,
        new_breaches: tally.new_breaches,
        erased: tally.erased,
        soon_minutes: plan.soon_minutes,
        recomputed: plan.recomputed,
    });
    let mut out = std::io::stdout().lock();
    crate::output::write_paragraph(&mut out, line.text(ctx.lang))?;
    out.flush()?;
    Ok(())
}

/// The sweep's erasure of the identities closed past the retention period, when one is set:
/// done and said (even to a quiet cron job), or on a dry run said as it would be done. The
/// failure it ends with (it failed, or left reports out), if any, for the caller to return
/// once the reminders are listed.
fn erase_past_retention(
    run: &sweep::Run,
    ctx: &Context,
    dry_run: bool,
    tally: &mut Tally,
) -> Result<Option<anyhow::Error>> {
    if dry_run {
        // Said as the real sweep says what it erased: the dry run is where a DPO looks
        // before an irreversible act.
        let preview = run.retention_preview(ctx)?;
        let would = preview.would_erase();
        if let Some(notice) = preview.notice() {
            ctx.status(&notice.vi, &notice.en);
        }
        if let Some(notice) = crate::app::erase::replaced_copies_notice(ctx, would, true) {
            ctx.status(&notice.vi, &notice.en);
        }
        return Ok(None);
    }
    let erased = match run.retention(ctx) {
        Ok(erased) => erased,
        Err(e) => return Ok(Some(e)),
    };
    tally.erased = erased.erased.len() as u64;
    // Said even to a quiet cron job: an irreversible act by the setting alone.
    if let (n @ 1.., Some(days)) = (tally.erased, erased.retention_days) {
        let notice = crate::output::sweep::erased_notice(n, crate::app::erase::RETENTION, days);
        ctx.status(&notice.vi, &notice.en);
    }
    // Said even to a quiet cron job: the texts still name some of the reporters erased, and
    // the one who answers a citizen must not say that nothing of them is left.
    if let Some(notice) = crate::output::erase::left_in_texts(&erased.left_in_texts, false) {
        ctx.status(&notice.vi, &notice.en);
    }
    // Said even to a quiet cron job: an erasure the files still hold is not done.
    if let Some(notice) = erased.lingering_notice() {
        ctx.status(&notice.vi, &notice.en);
    }
    // Said even to a quiet cron job: the copies a restore kept still hold what was erased.
    if let Some(notice) = crate::app::erase::replaced_copies_notice(ctx, erased.erased.len(), false)
    {
        ctx.status(&notice.vi, &notice.en);
    }
    Ok(erased.edited_failure().map(anyhow::Error::new))
}
