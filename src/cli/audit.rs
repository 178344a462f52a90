//! `audit log ID` and `audit verify`: reading the append-only event log and checking that
//! nothing in the file was changed behind the tool's back (docs/rules.md §2 \[choice\]; Đ11);
//! `audit reveals`: who saw whose identity (Law 91/2025/QH15 accountability).
//! Reading and checking are `app::history`'s and `app::audit`'s; this prints them.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use indicatif::ProgressBar;

use std::path::PathBuf;

use crate::app::Context;
use crate::app::audit::verify;
use crate::app::checkpoint;
use crate::app::history;
use crate::output::{Format, render};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print every event of one report, oldest first; without a report, the events about
    /// no report (accounts, settings, calendar, full exports, backups, restores); with
    /// --actor, every event one account wrote. The table
    /// names actions and statuses in words; --format csv or json gives the stored values
    /// the seal is computed over.
    #[command(
        after_help = "Examples:\n  phananh --as tiepnhan.lan audit log ext:CMG-2026-000123\n  phananh --as noivu.thao --format csv audit log --actor tiepnhan.yen \\\n      --from 2026-01-01 --to 2026-12-31"
    )]
    Log(LogArgs),
    /// Check the whole hash chain, every report row, every row of the tables that decide
    /// who may act and what is counted, and every clock; exits 5 and names the first bad
    /// event or row if anything was altered outside phananh. Opens the file read-only.
    #[command(after_help = "Examples:
  phananh --as noivu.thao audit verify
  phananh --as noivu.thao audit verify --checkpoint head-2026-12-01.json \\
      --pubkey phananh-audit.key.pub
  phananh --as cron.tiepnhan audit verify --quiet")]
    Verify(VerifyArgs),
    /// Write a minisign key pair without a passphrase: the secret key to FILE (mode 0600),
    /// the public key to FILE.pub. Keep the public key off the machine.
    #[command(after_help = "Example:\n  phananh audit keygen --out /etc/phananh/audit.key")]
    Keygen(KeygenArgs),
    /// Verify the chain, then write its head (last event id and hash, time, counts) to FILE
    /// and its minisign signature to FILE.minisig.
    #[command(
        after_help = "Example:\n  phananh --as cron.tiepnhan audit checkpoint --key /etc/phananh/audit.key \\\n      --out /srv/checkpoints/head-$(date +%F).json"
    )]
    Checkpoint(CheckpointArgs),
    /// Who saw whose identity, when and why: every reveal (`show --reveal`) and full export
    /// (`export csv`), for the inspector and for a reporter's own request; never the
    /// identity itself. Admin and auditor.
    #[command(after_help = "Examples:
  phananh --as noivu.thao audit reveals --from 2026-10-01 --to 2026-12-31
  phananh --as noivu.thao --format csv audit reveals \\
      --report ext:CMG-2026-000123")]
    Reveals(RevealsArgs),
    /// Each late step of a period, as the periodic report's late list (6.1) counts it, with
    /// the account whose event stopped its clock ("nobody yet" for a step still open), the
    /// deadline, when it was done and how late. Admin and auditor: staff accounts stay out
    /// of the leaders' report.
    #[command(after_help = "Examples:
  phananh --as noivu.thao audit late --period 2026
  phananh --as noivu.thao --format csv audit late --period 2026-Q4")]
    Late(LateArgs),
}

#[derive(Debug, Args)]
pub struct LateArgs {
    /// The period, as `report` takes it: 2026-07 (month), 2026-Q3 (quarter), 2026-H1
    /// (half-year) or 2026 (year).
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
}

#[derive(Debug, Args)]
pub struct RevealsArgs {
    /// Only what showed this report's reporter (number, or ext:APPID): its reveals and the
    /// full exports that held it.
    #[arg(long, value_name = "ID")]
    pub report: Option<String>,
    /// Only what this account saw or exported (the breach question: which reporters a
    /// compromised account exposed); a full export's line lists the reports it held.
    #[arg(long, value_name = "USERNAME")]
    pub actor: Option<String>,
    /// Only what happened on or after this date (YYYY-MM-DD or DD/MM/YYYY), by either time
    /// of a line: the time the command gave (`--now` may set it) or the time it was really
    /// written to the log.
    #[arg(long, value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// Only what happened on or before this date, by either time, as --from.
    #[arg(long, value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A checkpoint written by `audit checkpoint` (repeatable): the chain must still hold
    /// its event with its hash, and its FILE.minisig must hold under a --pubkey.
    #[arg(long, value_name = "FILE", requires = "pubkey")]
    pub checkpoint: Vec<PathBuf>,
    /// A minisign public key the checkpoints are signed with (repeatable).
    #[arg(long, value_name = "KEY.pub")]
    pub pubkey: Vec<PathBuf>,
    /// Print nothing when the chain holds (for cron, which mails whatever a job prints); the
    /// notes on its history (events written in `trust` mode, restores over edited files)
    /// are said by a run without it.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the secret key (a new file); the public key goes to FILE.pub.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckpointArgs {
    /// The secret key written by `audit keygen`.
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,
    /// Where to write the checkpoint (a new file); its signature goes to FILE.minisig.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print nothing but errors (for cron, which mails whatever a job prints).
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Report number, or ext:APPID. Left out: the events about no report (accounts,
    /// settings, calendar, full exports, backups, restores).
    #[arg(conflicts_with = "actor")]
    pub id: Option<String>,
    /// Instead of one report: every event this account wrote, across all reports and about
    /// none, oldest first (admin, reception, leader, auditor). Texts typed about a report
    /// are hidden whole from a reader who may not see identities.
    #[arg(long, value_name = "USERNAME")]
    pub actor: Option<String>,
    /// With --actor: only events on or after this date (YYYY-MM-DD or DD/MM/YYYY), by
    /// either time of an event: the one the command gave (`--now` may set it) or the one
    /// it was really written at.
    #[arg(long, requires = "actor", value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// With --actor: only events on or before this date, by either time, as --from.
    #[arg(long, requires = "actor", value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
}

pub fn cmd_audit(ctx: &Context, cmd: AuditCommand) -> Result<u8> {
    match cmd {
        AuditCommand::Reveals(args) => {
            let found = history::reveals(
                ctx,
                (args.report.as_deref(), args.actor.as_deref()),
                args.from,
                args.to,
            )?;
            let unheld = crate::output::audit::reveals_unheld(&found.unheld);
            let broken = found
                .broken
                .map(|(_, problem)| crate::output::audit::reveals_broken(&problem));
            let edited = found
                .edited
                .map(|(report, unheld)| crate::output::audit::reveals_row_edited(report, &unheld));
            let failure = crate::exit::Failure::integrity_together(
                [unheld.or(broken), edited].map(|f| f.map(crate::exit::Failure::integrity)),
            );
            // "Nobody saw it" only from a chain that holds: a broken one may have lost a reveal.
            let nothing = crate::output::audit::no_reveals(
                (args.report.as_deref(), args.actor.as_deref()),
                args.from,
                args.to,
            );
            crate::output::render_or_say(
                &mut std::io::stdout().lock(),
                &found.lines,
                ctx.format,
                ctx.lang,
                failure.is_none().then(|| nothing.text(ctx.lang)),
            )?;
            match failure {
                Some(failure) => Err(failure.into()),
                None => Ok(crate::exit::OK),
            }
        }
        AuditCommand::Late(args) => {
            let period =
                crate::app::late::period(&args.period).map_err(crate::exit::Failure::usage)?;
            let label = crate::i18n::Bilingual::text(&period, ctx.lang).into_owned();
            let steps = crate::app::late::late_steps(ctx, period)?;
            let nothing = crate::output::late::none(&label);
            crate::output::render_or_say(
                &mut std::io::stdout().lock(),
                &steps,
                ctx.format,
                ctx.lang,
                Some(nothing.text(ctx.lang)),
            )?;
            Ok(crate::exit::OK)
        }
        AuditCommand::Log(args) => {
            if let Some(account) = &args.actor {
                let rows = history::of_actor(ctx, account, args.from, args.to)?;
                let nothing = crate::output::audit::no_events_of(account, args.from, args.to);
                crate::output::render_or_say(
                    &mut std::io::stdout().lock(),
                    &rows,
                    ctx.format,
                    ctx.lang,
                    Some(nothing.text(ctx.lang)),
                )?;
                return Ok(crate::exit::OK);
            }
            let rows = match &args.id {
                Some(id) => history::of_report(ctx, id)?,
                None => history::of_no_report(ctx)?,
            };
            render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
            Ok(crate::exit::OK)
        }
        AuditCommand::Keygen(args) => {
            let public = checkpoint::keygen(ctx, &args.out)?;
            let notice = crate::output::audit::keys_written(&args.out, &public);
            ctx.status(&notice.vi, &notice.en);
            Ok(crate::exit::OK)
        }
        AuditCommand::Checkpoint(args) => {
            let head = checkpoint::checkpoint(ctx, &args.key, &args.out)?;
            if args.quiet {
                return Ok(crate::exit::OK);
            }
            let notice = crate::output::audit::checkpoint_signed(
                &args.out,
                (head.event, &head.hash),
                head.events,
                head.reports,
                &checkpoint::signature_path(&args.out),
            );
            ctx.status(&notice.vi, &notice.en);
            Ok(crate::exit::OK)
        }
        AuditCommand::Verify(args) => {
            let checked = history::open_to_check(ctx, !args.checkpoint.is_empty())?;
            let (conn, checker) = (&checked.conn, checked.checker);
            if let Some(older) = &checked.older {
                ctx.tell(&crate::output::audit::older_backup_checked_on_a_copy(
                    &ctx.db_path(),
                    older.version,
                ));
            }
            let keys = checkpoint::public_keys(&args.pubkey)?;
            let held =
                match checkpoint::compare(conn, &args.checkpoint, &keys, checked.older.as_ref())? {
                    Ok(held) => held,
                    Err(checkpoint::NotHeld::Lost(problem)) => {
                        return Err(
                            crate::exit::Failure::integrity(crate::output::audit::broken(&problem))
                                .into(),
                        );
                    }
                    Err(checkpoint::NotHeld::Replaced {
                        checkpoint,
                        event,
                        hash,
                        at,
                        restore,
                    }) => {
                        return Err(crate::exit::Failure::integrity(
                            crate::output::audit::checkpoint_replaced(
                                &checkpoint,
                                (event, &hash, &at),
                                &restore,
                            ),
                        )
                        .into());
                    }
                    // Not an integrity failure: the copy is as the chain was, only older.
                    Err(checkpoint::NotHeld::CopyEndsBefore {
                        checkpoint,
                        event,
                        at,
                        last,
                    }) => bail!(crate::output::audit::copy_older_than_checkpoint(
                        &checkpoint,
                        event,
                        &at,
                        last
                    )),
                };
            // One tick per event sealed, then one per report row checked.
            let bar = if crate::output::watching() {
                crate::output::progress(
                    history::verify_steps(conn)?,
                    crate::output::audit::verifying(ctx.lang),
                    ctx.lang,
                )
            } else {
                ProgressBar::hidden()
            };
            let (mut outcome, mut problem) = verify(conn, &bar)?;
            bar.finish_and_clear();
            outcome.restores_over_edits = crate::app::audit::restores_over_edits(conn)?;
            match checker {
                history::Checker::Account => {
                    crate::app::audit::check_identity_keys(
                        &checked.ctx,
                        conn,
                        &mut outcome,
                        &mut problem,
                    )?;
                }
                history::Checker::Nobody => {
                    let why = crate::output::audit::checked_by_nobody();
                    outcome.identity_keys_unchecked = Some(why.text(ctx.lang).to_owned());
                }
            }
            // Listed once the chain verified, as the messages below say them.
            if problem.is_none() {
                outcome.checkpoints = held.iter().map(checkpoint::Held::listed).collect();
            }
            let out = &mut std::io::stdout().lock();
            if ctx.format == Format::Json {
                crate::output::write_json(out, &outcome)?;
                std::io::Write::write_all(out, b"\n")?;
            }
            match problem {
                None => {
                    let intact = crate::output::audit::intact(
                        outcome.events_checked,
                        outcome.reports_checked,
                        outcome.table_rows_checked,
                        outcome.clocks_checked,
                    );
                    // The notices below are history (a trust window, a restore over an
                    // edited file): said every night, cron's mail would never be empty.
                    if args.quiet {
                        return Ok(crate::exit::OK);
                    }
                    ctx.status(&intact.vi, &intact.en);
                    let mut notices = Vec::new();
                    // Not "whole": a cut end of the log leaves every seal and link holding.
                    if args.checkpoint.is_empty()
                        && let Some((event, hash)) = checkpoint::head(conn)?
                    {
                        notices.push(crate::output::audit::no_checkpoint(event, &hash));
                    }
                    // Said once the chain up to each head verified: only then do the
                    // events before it match what was signed.
                    notices.extend(held.iter().map(|held| {
                        crate::output::audit::checkpoint_held(
                            &held.file,
                            &held.head.at,
                            (&held.key.path, &held.key.id()),
                            held.head.events,
                            (held.head.event, &held.head.hash),
                            held.after,
                        )
                    }));
                    if let Some(why) = &outcome.identity_keys_unchecked {
                        notices.push(crate::output::audit::identity_keys_unchecked(why));
                    }
                    notices.extend(crate::output::audit::unsealed(&outcome.tables_unsealed));
                    notices.extend(
                        outcome
                            .restores_over_edits
                            .iter()
                            .map(crate::output::audit::restored_over_edits),
                    );
                    notices.extend(crate::output::audit::written_in_trust(
                        &outcome.written_in_trust,
                        outcome.written_in_trust_count,
                    ));
                    for notice in notices {
                        ctx.status(&notice.vi, &notice.en);
                    }
                    Ok(crate::exit::OK)
                }
                Some(problem) => {
                    // The finding on standard output, apart from the advice on standard
                    // error: an inspector copies it into the minutes as it stands.
                    if ctx.format != Format::Json {
                        std::io::Write::write_all(
                            out,
                            crate::output::findings::listed(&outcome.findings, ctx.lang).as_bytes(),
                        )?;
                    }
                    Err(crate::exit::Failure::integrity(
                        crate::output::audit::broken_with_unchecked(
                            crate::output::audit::broken_rows(&problem, &outcome.edited),
                            outcome.clocks_unchecked,
                        ),
                    )
                    .into())
                }
            }
        }
    }
}
