//! The reception check as a use case (Đ7.1.a against Đ6.1–6.3, docs/rules.md §1): judging
//! received reports, and journaling each verdict with its sealed event and the clocks it
//! stops. The whole queue is judged in pages through the bulk writer (`storage::bulk`,
//! `Policy::VALIDATE`), each page on a second thread (`app::pipeline`) while this one
//! writes. `validate`, `ingest --validate`, `triage` and the player all judge through here.

use anyhow::Result;
use rusqlite::Connection;

use super::deadlines::Deadlines;
use super::{Context, resolve_each};
use crate::app::pipeline::{self, Shape};
use crate::domain::access::Actor;
use crate::domain::open311::{self, Exposure};
use crate::domain::report::{Report, Status};
use crate::domain::time::Timestamp;
use crate::domain::validate::{
    LanguageThresholds, Reason, Submission, check_complete, has_coordinates, media_count,
};
use crate::domain::workflow::{self, Action};
use crate::storage::bulk::{Bulk, Policy};
use crate::storage::journal::{EditedBehind, Entry, Journal, Sealed};
use crate::storage::reports;
use crate::storage::tx::immediate;

pub use crate::output::validate::{Exposed, Verdict};

/// The completeness check of one report (pure; here only to adapt the stored report).
pub fn reasons_for(report: &Report, thresholds: &LanguageThresholds) -> Vec<Reason> {
    check_complete(
        &Submission {
            content: &report.content,
            media_count: media_count(&report.media),
            has_time: report.occurred_at.is_some(),
            has_coordinates: has_coordinates(report.latitude, report.longitude),
            address: &report.address,
            commune: &report.commune,
            reporter_name: &report.reporter_name,
            reporter_phone: &report.reporter_phone,
        },
        thresholds,
    )
}

/// What the reception check makes of one received report.
pub struct Check {
    pub action: Action,
    /// The Vietnamese explanation sent to the citizen (empty when accepted).
    pub explanation: String,
}

/// Judges one report. `identity_optional`: it came in over Open311 and the setting
/// `validate.open311_identity` does not ask for the name and phone the standard never
/// carries; an invalid phone that is there is still refused. An erased identity is not a
/// missing one either: `erase` refuses a report not yet checked, but a `key reset` erases
/// every identity and a restore makes again an erasure the live file made after the backup,
/// both of reports that may still be waiting; rejected "for lack of a name" (Article 6.3),
/// the log would say the reporter left out what they gave and had erased.
pub fn check(report: &Report, thresholds: &LanguageThresholds, identity_optional: bool) -> Check {
    let mut reasons = reasons_for(report, thresholds);
    if identity_optional || report.identity_erased() {
        reasons.retain(|r| !matches!(r, Reason::MissingName | Reason::MissingPhone));
    }
    let explanation = crate::domain::validate::explanation(&reasons, &report.reporter_phone);
    let action = if reasons.is_empty() {
        Action::Accept
    } else {
        Action::Reject {
            reasons: reasons.iter().map(|r| r.code().to_owned()).collect(),
        }
    };
    Check {
        action,
        explanation,
    }
}

/// What an `accept` or `reject` event records. Written from a struct in the stored key
/// order (the chain seals the text), without a JSON map and copies of the reasons per report.
#[derive(serde::Serialize)]
struct Judged<'a> {
    reasons: &'a [String],
    explanation: &'a str,
}

impl Judged<'_> {
    fn payload(&self) -> String {
        serde_json::to_string(self).expect("a verdict always serialises")
    }
}

impl Check {
    /// The entry that logs this check of one report, which was `from` before it: the
    /// `accept` or `reject` event sealed with the row as `checked` leaves it, stopping the
    /// clocks the step stops, at `at`. `validate` and `ingest --validate` both journal their
    /// verdicts through here. `was` and `checked_digest` are the digests of the row as the
    /// check found it and as it leaves it, which both compute ahead on their second thread.
    pub fn entry(
        &self,
        from: Status,
        checked: &Report,
        (was, checked_digest): (String, String),
        at: Timestamp,
    ) -> Entry {
        let sealed = Sealed {
            report_id: checked.id,
            from: Some(from),
            to: checked.status,
            was: Some(was),
            digest: checked_digest,
        };
        let payload = Judged {
            reasons: &checked.reject_reasons,
            explanation: &self.explanation,
        }
        .payload();
        Entry::step(
            sealed,
            self.action.kind(),
            payload,
            at,
            checked.agency.as_deref(),
        )
    }
}

/// Judged reports that may wait for their verdict to be written. The writer stops at each
/// page's end to commit (with an fsync: `storage::bulk::Policy::VALIDATE` keeps the
/// connection's `synchronous`) and every fourth page to let others in and wait for the copy
/// of the log; a deep queue keeps the judging threads working through those stops
/// instead of waiting for room. With this and [`TO_LOOK`] four times as deep as before,
/// 200,000 reports took 0.95× the time sorted, 0.91× shuffled (medians of 5 runs: 4.51
/// against 4.75 s, 5.07 against 5.56 s), for 7 MB more at the peak (47 → 54 MB;
/// bench/HISTORY.md, "`validate`'s queues four times as deep").
const JUDGED_WAITING: usize = 1024;

/// Judged reports handed to the writing thread 64 at a time. One at a time, the writer
/// caught up with the judge at nearly every report and each hand-over woke a sleeping
/// thread: the kernel's share of a validation of 200,000 reports fell from 1.17 to 0.82
/// sys-seconds with chunks (bench/HISTORY.md, 2026-12-05, "where a validation's time goes
/// now"). Verdicts are told at each commit either way.
const HANDOVER: Shape = Shape {
    chunk: 64,
    waiting: JUDGED_WAITING / 64,
    // 64 ordinary reports weigh some 55 KiB (each as judged, with its digests); the
    // longest contents hand over a few at a time.
    bytes: 256 << 10,
};

/// Judged reports handed to the thread that looks at what accepted contents give away
/// ([`look`]): sixteen chunks of 256 waiting (some 230 KiB of ordinary reports each; the
/// writer's quarter MiB closes one of the longest contents sooner). The three threads share
/// two cores, and a deeper queue lets each run longer before it waits: one chunk of 64
/// waiting took 5.56–5.73 s of 200,000 sorted reports, four chunks 5.31–5.36 s
/// (bench/HISTORY.md, 2026-12-07, "The look's queue four chunks deep"), sixteen (with
/// [`JUDGED_WAITING`]) less again.
const TO_LOOK: Shape = Shape {
    chunk: 256,
    waiting: 16,
    ..HANDOVER
};

impl pipeline::Weighed for Judgement {
    fn weight(&self) -> usize {
        match &self.step {
            Ok(step) => step.next.text_bytes() + step.digests.0.len() + step.digests.1.len(),
            Err((report, _)) => report.text_bytes(),
        }
    }
}

impl pipeline::Weighed for Handed {
    fn weight(&self) -> usize {
        match self {
            Handed::Report(judgement) => judgement.weight(),
            Handed::End { unreadable, .. } => unreadable.len() * size_of::<i64>(),
        }
    }
}

/// What a validation did not judge: named reports that are not `received`, each refused
/// on its own, and reports whose rows were edited behind the tool's back. Those are left
/// `received` with nothing recorded for them, while the others still get their verdicts: a
/// row edited in the middle of the queue once stopped the whole desk's validation, which an
/// insider could use to stall it
/// (`sealed::one_edited_report_in_the_queue_is_left_out_and_every_other_is_validated`).
#[derive(Debug, Default)]
pub struct Outcome {
    pub refusals: Vec<crate::i18n::Localized>,
    /// In the order the run reached them.
    pub edited: Vec<i64>,
    /// Those of `edited` whose last sealing event does not hold in the chain, with that
    /// event: named as such, not as rows edited.
    pub unheld: Vec<(i64, i64)>,
    /// Reports accepted whose reporter's name holds a phone number besides the name
    /// (`domain::validate::phone_in_name`): complete under Đ6.3, named for reception to
    /// check (docs/rules.md §1).
    pub phone_in_name: Vec<i64>,
    /// Reports accepted that may be an earlier report sent again (`possible_repeats`): each
    /// with the earlier one, the first [`REPEATS_SHOWN`], and how many there are in all.
    pub repeats: (Vec<(i64, i64)>, u64),
    /// Reports accepted whose public texts name other people, speak of someone's health or
    /// set them at the reporter's home.
    pub exposed: Exposed,
}

/// The possible repeats a `validate` run names one by one; the rest are counted.
pub const REPEATS_SHOWN: usize = 10;

impl Outcome {
    /// The integrity failure (exit 5) naming the edited reports left unchecked, when there
    /// are any; `judged`, how many others the run gave a verdict.
    pub fn edited_failure(&self, judged: u64) -> Option<crate::exit::Failure> {
        if self.edited.is_empty() {
            return None;
        }
        Some(crate::exit::Failure::integrity(
            crate::output::validate::edited_unchecked(&self.edited, &self.unheld, judged),
        ))
    }
}

/// What the reception check judges by besides the report: its own settings (`validate.*`).
#[derive(Debug, Clone, Copy)]
pub struct CheckSettings {
    pub thresholds: LanguageThresholds,
    /// `validate.open311_identity` is `optional`.
    pub open311_identity_optional: bool,
}

impl CheckSettings {
    /// The rows as they are stored, taken at their word: for a caller that judged them
    /// against the log in the transaction it still reads them in.
    fn as_stored(conn: &Connection) -> Result<CheckSettings> {
        Ok(CheckSettings {
            thresholds: crate::app::settings::language_thresholds(conn)?,
            open311_identity_optional: crate::app::settings::open311_identity_optional(conn)?,
        })
    }
}

/// The check's settings, refused (exit 5) while a row of them is not what the log sealed
/// (`refuse_over_unvouched_settings`). The look at the rows and the read of their values are
/// one read snapshot: read apart, a threshold raised with `sqlite3` between the two was
/// judged by and its rejections sealed as the operator's
/// (`forged_events::validate_under_a_threshold_raised_between_its_check_and_its_read_rejects_nothing_more`).
/// An edit committed once the snapshot is taken changes nothing the run judges by (it
/// keeps the values the log vouched for) and is refused by the next run that reads it. A
/// snapshot takes no lock, so the write lock is held no longer than before; inside a
/// caller's transaction (the player's), that transaction is the snapshot.
pub fn vouched_settings(conn: &Connection) -> Result<CheckSettings> {
    let _read = if conn.is_autocommit() {
        Some(crate::storage::tx::snapshot(conn)?)
    } else {
        None
    };
    refuse_over_unvouched_settings(conn)?;
    crate::app::pause_point("validate:checked");
    CheckSettings::as_stored(conn)
}

/// Refuses (exit 5) while a row of the check's own settings (`validate.*`) is not what the
/// log sealed: a rejection is a report's end, and one made under a threshold raised with
/// `sqlite3` would be sealed as the operator's. Once per run, before any report is judged,
/// in the snapshot or transaction the settings are then read in (`vouched_settings`).
pub fn refuse_over_unvouched_settings(conn: &Connection) -> Result<()> {
    let Some(problem) = crate::app::audit::unvouched_for_the_check(conn)? else {
        return Ok(());
    };
    Err(
        crate::exit::Failure::integrity(crate::output::validate::settings_unvouched(&problem))
            .into(),
    )
}

/// `validate` as the command runs it: the database opened, the acting account allowed to
/// validate (a refusal logged), then `validate`.
pub fn run(
    ctx: &Context,
    ids: &[String],
    verdict: &mut dyn FnMut(Verdict) -> Result<()>,
) -> Result<Outcome> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(
        &conn,
        &actor,
        crate::domain::access::Operation::Validate,
        None,
    )?;
    let mut accepted = Vec::new();
    let mut outcome = validate(&conn, ctx, &actor, ids, &mut |v| {
        if v.status == Status::Accepted {
            accepted.push(v.id);
        }
        verdict(v)
    })?;
    let repeats = possible_repeats(&conn, &accepted)?.unwrap_or_default();
    outcome.repeats = (
        repeats.iter().copied().take(REPEATS_SHOWN).collect(),
        repeats.len() as u64,
    );
    Ok(outcome)
}

/// The reports of `ids` that may be an earlier report sent again, each with the earlier
/// one, in submission order: the rule is `intake::RepeatPass`'s (the same content and
/// commune, `intake::REPEAT_WINDOW` back, neither rejected nor merged). A hint for
/// reception, who decides with `duplicate` (Đ7.1); never the reporter's phone, sealed per
/// report (SECURITY.md). None, nothing looked at, for more than
/// `intake::REPEAT_HINT_MAX_RUN` reports: a backfill's run.
///
/// One pass over the reports submitted in the window before and through those of `ids`,
/// oldest first (`storage::reports::for_each_submitted_between`): the cost is that window's
/// reports, not the database's. `validate`, `ingest --validate`, `triage` (one report) and
/// `list` (the reports waiting at reception) ask it; a replay's `validate` has no reader.
pub fn possible_repeats(conn: &Connection, ids: &[i64]) -> Result<Option<Vec<(i64, i64)>>> {
    if ids.len() > crate::domain::intake::REPEAT_HINT_MAX_RUN {
        return Ok(None);
    }
    let Some((first, last)) = reports::submission_span(conn, ids)? else {
        return Ok(Some(Vec::new()));
    };
    let Ok(Some(start)) = crate::domain::time::parse(&first) else {
        return Ok(Some(Vec::new()));
    };
    let from = crate::domain::time::format(&(start - crate::domain::intake::REPEAT_WINDOW));
    let wanted: std::collections::HashSet<i64> = ids.iter().copied().collect();
    let mut pass = crate::domain::intake::RepeatPass::default();
    let mut found = Vec::new();
    reports::for_each_submitted_between(conn, &from, &last, |id, at, status, commune, content| {
        let (Ok(Some(at)), Some(status)) = (crate::domain::time::parse(at), Status::parse(status))
        else {
            return Ok(());
        };
        if let Some(earlier) = pass.see(id, at, status, content, commune)
            && wanted.contains(&id)
        {
            found.push((id, earlier));
        }
        Ok(())
    })?;
    Ok(Some(found))
}

/// Validates the named reports (in one transaction), or every received one (urgent first,
/// oldest first, then the others in the order they arrived, in pages through the bulk writer under `Policy::VALIDATE`), handing
/// each verdict to `verdict` as it is made. Reports that are not `received`, and reports
/// whose rows were edited behind the tool's back, are left as they were, and the run goes on
/// with the others; both are returned. A verdict is told once the transaction that recorded
/// it is committed: a run stopped by an error (an identity that does not open) leaves its
/// last page as it was and tells none of that page's verdicts.
pub fn validate(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    ids: &[String],
    verdict: &mut dyn FnMut(Verdict) -> Result<()>,
) -> Result<Outcome> {
    let settings = vouched_settings(conn)?;
    validate_by(conn, ctx, actor, ids, &settings, verdict)
}

/// `validate` without its look at the settings, for a caller that made it
/// (`refuse_over_unvouched_settings`) inside the write transaction it still holds, with
/// nothing written since to the settings or to the log's events about no report: no other
/// writer can have changed them in between. The player validates one report per step of a
/// transaction of thousands, and folding the whole log's settings events again for each was
/// a third of a played history's time.
pub fn validate_under_vouched_settings(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    ids: &[String],
    verdict: &mut dyn FnMut(Verdict) -> Result<()>,
) -> Result<Outcome> {
    let settings = CheckSettings::as_stored(conn)?;
    validate_by(conn, ctx, actor, ids, &settings, verdict)
}

/// `validate` under the check's settings `settings`, vouched for by the caller.
fn validate_by(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    ids: &[String],
    settings: &CheckSettings,
    verdict: &mut dyn FnMut(Verdict) -> Result<()>,
) -> Result<Outcome> {
    let CheckSettings {
        thresholds,
        open311_identity_optional,
    } = *settings;
    let deadlines = Deadlines::load(conn)?;
    // The check reads the reporter's name and phone (Đ6: both required), sealed at rest.
    let keys = ctx.keys(conn)?;
    let all_received = ids.is_empty();
    let bar = crate::output::progress(
        if all_received {
            reports::count_with_status(conn, Status::Received)?
        } else {
            ids.len() as u64
        },
        crate::output::validate::progress_label(ctx.lang),
        ctx.lang,
    );
    let stamp = ctx.stamp(&actor.username);
    // The journal reads the chain's head: opened once the write lock is held.
    let start = |conn| -> Result<Run<'_, '_>> {
        Ok(Run {
            journal: deadlines.journal(conn, stamp)?,
            thresholds: &thresholds,
            keys: &keys,
            open311_identity_optional,
            bar: &bar,
            outcome: Outcome::default(),
            untold: Untold::with_capacity(if all_received {
                Policy::VALIDATE.rows
            } else {
                ids.len()
            }),
            verdict,
        })
    };
    let outcome = if all_received {
        // Only the long run over every received report is a bulk write (and copies its log
        // on the side, see storage::BackgroundCheckpoint).
        let mut bulk = Bulk::begin(conn, Policy::VALIDATE)?;
        let mut run = start(bulk.conn())?;
        match crate::storage::reader_beside(bulk.conn())? {
            Some(mut reader) => run.queue(&mut bulk, &mut reader)?,
            // A database in memory (tests) has no second connection: each page is read
            // here first.
            None => run.queue_here(&mut bulk)?,
        }
        drop(run.journal);
        bulk.finish()?;
        // Every page told its verdicts when it was committed.
        debug_assert!(run.untold.is_empty());
        run.outcome
    } else {
        let tx = immediate(conn)?;
        let mut run = start(conn)?;
        let targets: Vec<i64> = resolve_each(&tx, ids)?.iter().map(|r| r.id).collect();
        run.page(conn, targets.into_iter())?;
        drop(run.journal);
        tx.commit()?;
        run.untold.tell(&mut *run.verdict)?;
        run.outcome
    };
    bar.finish_and_clear();
    Ok(outcome)
}

/// One validation under way: what it judges by, and where its verdicts go.
struct Run<'a, 'c> {
    journal: Journal<'c>,
    thresholds: &'a LanguageThresholds,
    keys: &'a crate::app::vault::Keys,
    /// `validate.open311_identity` is `optional`.
    open311_identity_optional: bool,
    bar: &'a indicatif::ProgressBar,
    outcome: Outcome,
    /// Verdicts recorded in the open transaction, told once it is committed.
    untold: Untold,
    verdict: &'a mut dyn FnMut(Verdict) -> Result<()>,
}

impl<'c> Run<'_, 'c> {
    /// Hands the committed verdicts on.
    fn tell(&mut self) -> Result<()> {
        self.untold.tell(&mut *self.verdict)
    }

    /// Judges and records the reports `ids`, inside the caller's transaction on `conn`: this
    /// thread reads and opens their rows first.
    fn page(&mut self, conn: &'c Connection, ids: impl Iterator<Item = i64>) -> Result<()> {
        let ids: Vec<i64> = ids.collect();
        let (thresholds, keys, bar) = (self.thresholds, self.keys, self.bar);
        let optional_setting = self.open311_identity_optional;
        let mut unreadable = Vec::new();
        let mut loaded = Vec::with_capacity(ids.len());
        in_id_order(
            &ids,
            (text_bytes, READ_AHEAD_BYTES),
            |i| read(conn, ids[i], &mut unreadable),
            |found| {
                match found {
                    Some(mut report) => {
                        let optional = open(keys, optional_setting, conn, &mut report)?;
                        loaded.push((report, optional));
                    }
                    None => bar.inc(1),
                }
                Ok(())
            },
        )?;
        let produce = move |emit: &mut pipeline::Emit<'_, Judgement>| {
            loaded
                .into_iter()
                .try_for_each(|(report, optional)| emit(look(judge(report, thresholds, optional))))
        };
        // The check is pure: the second thread judges the page, in order, while this one
        // writes the verdicts already reached (the check was two fifths of a validation).
        pipeline::ordered(HANDOVER, produce, |judgement| {
            self.store(conn, judgement)?;
            Ok(None::<()>)
        })?;
        unreadable.sort_unstable();
        self.outcome.edited.extend(unreadable);
        Ok(())
    }

    /// The whole queue without a second connection: each page's keys and rows read here,
    /// under the page's lock, then judged on the second thread.
    fn queue_here(&mut self, bulk: &mut Bulk<'c>) -> Result<()> {
        let mut after = None;
        loop {
            let page = reports::received_page(bulk, after.as_ref(), bulk.rows())?;
            let Some(last) = page.last() else { break };
            after = Some(last.clone());
            let judged = page.len();
            self.page(bulk.conn(), page.into_iter().map(|key| key.id))?;
            self.page_done(bulk, judged, || ())?;
        }
        Ok(())
    }

    /// The whole queue in pages, each read, opened and judged on a second thread through
    /// `reader` (a second connection to the file, `storage::reader_beside`) while this one
    /// writes the verdicts: loading each report was the writing thread's largest step after
    /// the update (bench/profile.sh). The second thread reads the next page while this one
    /// commits the last, tells its verdicts and begins the next transaction: waiting for
    /// each other at every page's end was about a second of each thread's time in a
    /// validation of 200,000 reports (bench/HISTORY.md, 2026-12-05, "where a validation's
    /// time goes now"). What it read ahead is thrown away, and read again under the new
    /// transaction, when another connection committed in between (another writer may have
    /// checked or changed those very rows).
    fn queue(&mut self, bulk: &mut Bulk<'c>, reader: &mut Connection) -> Result<()> {
        let mut after = None;
        let mut seen = crate::storage::tx::data_version(bulk.conn())?;
        loop {
            match self.read_ahead(bulk, reader, &mut after, &mut seen) {
                Err(e) if e.is::<StaleReadAhead>() => {}
                done => return done,
            }
        }
    }

    /// One run of the second thread from the page after `after` (the last key committed),
    /// until the queue ends or what it read ahead is stale ([`StaleReadAhead`]).
    fn read_ahead(
        &mut self,
        bulk: &mut Bulk<'c>,
        reader: &mut Connection,
        after: &mut Option<reports::QueueKey>,
        seen: &mut i64,
    ) -> Result<()> {
        let (thresholds, keys) = (self.thresholds, self.keys);
        let optional_setting = self.open311_identity_optional;
        let rows = bulk.rows();
        let from = after.clone();
        // The second thread takes one permission per page after the first: the writer
        // gives it as the page before begins or, when that page's end waits for the copy of
        // the log, once the copy has caught up (`Bulk::pauses_after`).
        let (permit, permitted) = std::sync::mpsc::channel::<()>();
        let read = move |emit: &mut pipeline::Emit<'_, Handed>| -> Result<()> {
            let mut after = from;
            let mut first = true;
            loop {
                if !std::mem::take(&mut first) && permitted.recv().is_err() {
                    // The writer stopped taking pages.
                    return Ok(());
                }
                // A fresh snapshot per page. Taken before the writer commits the last page,
                // it does not show that page's verdicts, which change none of this page's
                // rows; it is stale only if another connection commits before the writer's
                // next transaction, which the writer then finds out.
                let snapshot = crate::storage::tx::snapshot(reader)?;
                let page = reports::received_page(&snapshot, after.as_ref(), rows)?;
                let Some(last) = page.last().cloned() else {
                    return Ok(());
                };
                let ids: Vec<i64> = page.iter().map(|key| key.id).collect();
                let mut unreadable = Vec::new();
                // An identity that does not open stops the run here; the writer has the
                // pages before, and rolls back the one it is in, telling none of its
                // verdicts.
                in_id_order(
                    &ids,
                    (text_bytes, READ_AHEAD_BYTES),
                    |i| read(&snapshot, ids[i], &mut unreadable),
                    |found| match found {
                        Some(mut report) => {
                            let optional = open(keys, optional_setting, &snapshot, &mut report)?;
                            emit(Handed::Report(judge(report, thresholds, optional)))
                        }
                        None => Ok(()),
                    },
                )?;
                drop(snapshot);
                unreadable.sort_unstable();
                emit(Handed::End {
                    rows: ids.len(),
                    last: last.clone(),
                    unreadable,
                })?;
                after = Some(last);
            }
        };
        // Reading and judging on one thread, the look at what accepted contents give away
        // on another, which the writer's core, idle while it waits for them, shares.
        let produce = move |emit: &mut pipeline::Emit<'_, Handed>| {
            pipeline::staged(TO_LOOK, Handed::ends_page, read, Handed::looked_at, emit)
        };
        let mut pausing = bulk.pauses_after(rows);
        if !pausing {
            let _ = permit.send(());
        }
        pipeline::ordered_ending_chunks(HANDOVER, Handed::ends_page, produce, move |item| {
            match item {
                Handed::Report(judgement) => self.store(bulk.conn(), judgement)?,
                Handed::End {
                    rows: judged,
                    last,
                    unreadable,
                } => {
                    self.bar.inc(unreadable.len() as u64);
                    self.outcome.edited.extend(unreadable);
                    let permit_after_pause = || {
                        if pausing {
                            let _ = permit.send(());
                        }
                    };
                    let began = self.page_done(bulk, judged, permit_after_pause)?;
                    *after = Some(last);
                    if began {
                        let now = crate::storage::tx::data_version(bulk.conn())?;
                        if std::mem::replace(seen, now) != now {
                            return Err(StaleReadAhead.into());
                        }
                    }
                    pausing = bulk.pauses_after(rows);
                    if !pausing {
                        let _ = permit.send(());
                    }
                }
            }
            Ok(None::<()>)
        })
    }

    /// Commits a page of `judged` reports, tells its verdicts and begins the next
    /// transaction, running `after_pause` once the pause (if any) is over; true when it
    /// began a new transaction, and the journal is then read again: another writer may
    /// have extended the chain between the two.
    fn page_done(
        &mut self,
        bulk: &mut Bulk<'c>,
        judged: usize,
        after_pause: impl FnOnce(),
    ) -> Result<bool> {
        // Told outside the lock, as the sweep prints its pages: a slow reader of the output
        // holds up no other writer.
        let mut told = Ok(());
        let turn = bulk.page_done_then(judged, || {
            after_pause();
            told = self.tell();
        })?;
        told?;
        if turn.began() {
            self.journal.resync(bulk.conn())?;
        }
        Ok(turn.began())
    }

    fn store(&mut self, conn: &Connection, judgement: Judgement) -> Result<()> {
        self.bar.inc(1);
        let Judgement {
            found,
            step,
            exposed,
        } = judgement;
        let Step {
            from,
            next,
            digests,
            changed,
            phone_in_name,
        } = match step {
            Ok(step) => step,
            Err((report, e)) => {
                self.outcome
                    .refusals
                    .push(crate::app::workflow::transition_error(&report, &e));
                return Ok(());
            }
        };
        // Sealed before the row is written: a row edited behind the tool's back is refused
        // by the journal before anything of it is, and is left out here without undoing
        // anything or giving up the page.
        let at = self.journal.stamp().at;
        if let Err(EditedBehind(edited)) = self
            .journal
            .append_unless_edited(found.entry(from, &next, digests, at))?
        {
            self.outcome.edited.push(edited);
            self.outcome
                .unheld
                .extend(crate::storage::journal::unheld_among(conn, &[edited])?);
            return Ok(());
        }
        reports::update_changed(conn, &next, changed)?;
        if phone_in_name {
            self.outcome.phone_in_name.push(next.id);
        }
        if let Some(exposed) = exposed {
            self.outcome.exposed.note(next.id, exposed);
        }
        self.untold.push(
            next.id,
            next.status,
            &next.external_id,
            &next.reject_reasons.join(","),
            &found.explanation,
        );
        Ok(())
    }
}

/// A page's verdicts between being recorded and being told, their texts in one buffer sized
/// once for a page. Held as 5,000 `Verdict`s with their own small strings, and in buffers
/// left to grow, they raised `validate`'s peak memory from 47 to 58 and 53 MB (mimalloc
/// committed a new region at each doubling); sized once, 49 MB.
struct Untold {
    /// Number, status, and where each of its three texts ends in `texts`.
    rows: Vec<(i64, Status, [usize; 3])>,
    texts: String,
}

impl Untold {
    /// Room for `rows` verdicts: a report number is some 15 bytes; a rejection's reasons
    /// and explanation, rarer and longer, may grow the buffer.
    fn with_capacity(rows: usize) -> Untold {
        Untold {
            rows: Vec::with_capacity(rows),
            texts: String::with_capacity(rows * 32),
        }
    }

    fn push(&mut self, id: i64, status: Status, external_id: &str, reasons: &str, why: &str) {
        let mut ends = [0; 3];
        for (end, text) in ends.iter_mut().zip([external_id, reasons, why]) {
            self.texts.push_str(text);
            *end = self.texts.len();
        }
        self.rows.push((id, status, ends));
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Hands every verdict on, in the order recorded, and empties the buffer.
    fn tell(&mut self, verdict: &mut dyn FnMut(Verdict) -> Result<()>) -> Result<()> {
        let mut start = 0;
        for (id, status, ends) in self.rows.drain(..) {
            let [external_id, reasons, explanation] = ends.map(|end| {
                let text = self.texts[start..end].to_owned();
                start = end;
                text
            });
            verdict(Verdict {
                id,
                external_id,
                status,
                reasons,
                explanation,
            })?;
        }
        self.texts.clear();
        Ok(())
    }
}

/// Reads the rows of `ids` in id order, the table's own, and hands them on in the order of
/// `ids` as soon as each is there: a file loaded in random time order gives the queue's
/// order random ids, and reading them so went to the disk for nearly every report (issue
/// 18). Nothing but the reading order changes.
///
/// What is read ahead of its turn waits in memory: at most `budget` bytes of it (by
/// `weigh`; [`READ_AHEAD_BYTES`]) and two rows, past which the next row in the order of
/// `ids` is read at once, however far from the last. Unbounded, a page of 5,000 contents as
/// long as the reception check allows (20,000 characters) took `validate` to 128 MB.
fn in_id_order<T>(
    ids: &[i64],
    (weigh, budget): (impl Fn(&T) -> usize, usize),
    mut read: impl FnMut(usize) -> Result<T>,
    mut then: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut by_id: Vec<usize> = (0..ids.len()).collect();
    by_id.sort_unstable_by_key(|&i| ids[i]);
    let mut found: Vec<Option<T>> = (0..ids.len()).map(|_| None).collect();
    let (mut next, mut held) = (0, 0);
    for i in by_id {
        // Read already, out of id order to make room, and handed on at once.
        if i < next {
            continue;
        }
        let row = read(i)?;
        held += weigh(&row);
        found[i] = Some(row);
        loop {
            while let Some(ready) = found.get_mut(next).and_then(Option::take) {
                held -= weigh(&ready);
                then(ready)?;
                next += 1;
            }
            if held <= budget || next == ids.len() {
                break;
            }
            // `next` is not read yet (it would have been handed on): read it now.
            let row = read(next)?;
            held += weigh(&row);
            found[next] = Some(row);
        }
    }
    Ok(())
}

/// Bytes of rows [`in_id_order`] may hold before their turn: a page of ordinary reports
/// (5,000 of some 850 bytes of text) stays within it, read wholly in id order.
const READ_AHEAD_BYTES: usize = 5 << 20;

/// What a row read by [`read`] holds, for [`in_id_order`].
fn text_bytes(row: &Option<Report>) -> usize {
    row.as_ref().map_or(0, Report::text_bytes)
}

/// The row of report `id` as `conn` sees it, or None with `id` added to `unreadable` when
/// phananh cannot have written it (a time that names no moment): left as an edited row is,
/// and the page goes on, for one `sqlite3` edit once stopped the whole queue.
fn read(conn: &Connection, id: i64, unreadable: &mut Vec<i64>) -> Result<Option<Report>> {
    Ok(reports::load_or_unreadable(conn, id)?.unwrap_or_else(|id| {
        unreadable.push(id);
        None
    }))
}

/// What the second thread of a validation of the whole queue hands over, in order: each
/// page's judged reports, then its end. Nearly every item is a report, so it is held in
/// place: boxed, each would cost an allocation per report.
#[allow(clippy::large_enum_variant)]
enum Handed {
    Report(Judgement),
    /// The end of a page of `rows` keys, the last of them `last`, with the reports among
    /// them whose rows phananh cannot have written, left out (in id order).
    End {
        rows: usize,
        last: reports::QueueKey,
        unreadable: Vec<i64>,
    },
}

impl Handed {
    /// The writer needs a page's end to commit it, and the second thread waits after it.
    fn ends_page(&self) -> bool {
        matches!(self, Handed::End { .. })
    }
}

/// Another connection committed between two pages: what was read ahead may show rows as
/// they no longer are, and is read again.
#[derive(Debug, thiserror::Error)]
#[error("another writer committed between two pages")]
struct StaleReadAhead;

/// Opens the report's identity for the check, and says whether a missing name or phone is
/// allowed (`validate.open311_identity` = optional, for a report that came over Open311).
fn open(
    keys: &crate::app::vault::Keys,
    optional_setting: bool,
    conn: &Connection,
    report: &mut Report,
) -> Result<bool> {
    keys.open(conn, report)?;
    // Only a report without a name or phone needs its origin looked up.
    Ok(optional_setting
        && (report.reporter_name.trim().is_empty() || report.reporter_phone.trim().is_empty())
        && crate::storage::events::arrived_over_open311(conn, report.id)?)
}

/// A received report judged: the check, the step it asks for (or the workflow's refusal,
/// with the report as found), and what the report, once accepted, gives away ([`look`]).
struct Judgement {
    found: Check,
    step: Result<Step, (Report, workflow::TransitionError)>,
    exposed: Option<Exposure>,
}

/// The step a check asks for, all that the writing thread needs of it: the row as found is
/// left behind on the judging thread (handing both rows over held each report twice in
/// every chunk waiting).
struct Step {
    /// The status the check found the report in.
    from: Status,
    next: Report,
    /// The row's digests as found and as judged.
    digests: (String, String),
    /// The columns `next` changes, found against the row as read.
    changed: reports::Changed,
    /// Accepted with a phone written in the reporter's name (`phone_in_name`).
    phone_in_name: bool,
}

fn judge(report: Report, thresholds: &LanguageThresholds, optional: bool) -> Judgement {
    let found = check(&report, thresholds, optional);
    let step = match workflow::apply(&report, &found.action) {
        Ok(next) => Ok(Step {
            from: report.status,
            digests: Report::digests_of_step(&report, &next),
            changed: reports::changed(&report, &next),
            phone_in_name: matches!(found.action, Action::Accept)
                && crate::domain::validate::phone_in_name(&report.reporter_name),
            next,
        }),
        Err(e) => Err((report, e)),
    };
    // What the accepted content gives away: [`look`], on a thread of its own when there
    // is one.
    Judgement {
        found,
        step,
        exposed: None,
    }
}

/// A judgement with what the report, if accepted, gives away: its content is in the public
/// feed from now on (docs/rules.md §6), so what it gives away is told now, not at `verify
/// --approve` days later. Apart from [`judge`]: it was a third of the judging thread.
fn look(judgement: Judgement) -> Judgement {
    let exposed = match &judgement.step {
        Ok(step) => open311::exposure_once_accepted(&step.next),
        Err(_) => None,
    };
    Judgement {
        exposed,
        ..judgement
    }
}

impl Handed {
    /// [`look`] at a judged report.
    fn looked_at(self) -> Handed {
        match self {
            Handed::Report(judgement) => Handed::Report(look(judgement)),
            end @ Handed::End { .. } => end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Rows come in the order asked, each read once; in id order while what waits fits
        /// the budget, and never more waiting than the budget and two rows (the one read
        /// in id order, and the one read out of it to make room).
        #[test]
        fn rows_come_in_order_and_what_waits_stays_within_its_budget(
            weights in proptest::collection::vec(0usize..100, 0..60),
            order in any::<u64>(),
            budget in 0usize..400,
        ) {
            // Distinct ids in a shuffled order, each with its row's weight.
            let mut ids: Vec<i64> = (0..weights.len() as i64).map(|i| i * 7 + 3).collect();
            let mut state = order;
            for i in (1..ids.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ids.swap(i, (state >> 33) as usize % (i + 1));
            }
            let (mut reads, mut seen) = (Vec::new(), Vec::new());
            // Bytes read and not yet handed on, and the most there ever were.
            let waiting = std::cell::RefCell::new((0usize, 0usize));
            in_id_order(
                &ids,
                (|&i: &usize| weights[i], budget),
                |i| {
                    reads.push(i);
                    let (now, most) = &mut *waiting.borrow_mut();
                    *now += weights[i];
                    *most = (*most).max(*now);
                    Ok(i)
                },
                |i| {
                    waiting.borrow_mut().0 -= weights[i];
                    seen.push(i);
                    Ok(())
                },
            )
            .unwrap();
            let most = waiting.borrow().1;
            let n = ids.len();
            prop_assert_eq!(&seen, &(0..n).collect::<Vec<_>>());
            let mut once = reads.clone();
            once.sort_unstable();
            prop_assert_eq!(once, (0..n).collect::<Vec<_>>());
            let heaviest = weights.iter().copied().max().unwrap_or(0);
            prop_assert!(most <= budget + 2 * heaviest, "{most} waited, budget {budget}");
            if weights.iter().sum::<usize>() <= budget {
                let mut by_id = reads.clone();
                by_id.sort_unstable_by_key(|&i| ids[i]);
                prop_assert_eq!(reads, by_id);
            }
        }
    }

    /// A waiting report whose identity was erased (a `key reset`,
    /// a restore making a later erasure again) is judged on everything else, never rejected
    /// as sent without the name and phone the reporter gave; one without them still is.
    #[test]
    fn an_erased_identity_is_not_a_missing_one() {
        let at = crate::domain::time::parse("2026-11-01 08:00")
            .unwrap()
            .unwrap();
        let mut report = Report::received("CMG-2026-096001".into(), at);
        report.occurred_at = Some(at);
        report.content =
            "Ổ gà lớn trước nhà số 12, xe máy đi qua rất nguy hiểm vào ban đêm.".into();
        report.media = vec!["https://x/a.jpg".into()];
        (report.latitude, report.longitude) = (Some(9.17), Some(105.15));
        report.address = "Số 12".into();
        report.commune = "Phường An Xuyên".into();
        let thresholds = LanguageThresholds::default();
        let missing = |report: &Report| {
            let Action::Reject { reasons } = check(report, &thresholds, false).action else {
                return Vec::new();
            };
            reasons
        };
        assert_eq!(missing(&report), ["missing_name", "missing_phone"]);
        report.identity = crate::domain::vault::Stored::Erased(None);
        assert!(matches!(
            check(&report, &thresholds, false).action,
            Action::Accept
        ));
        report.content.clear();
        assert_eq!(missing(&report), [Reason::MissingContent.code()]);
    }

    /// Events recorded before and after must read the same: the payload is the text the
    /// earlier JSON map wrote.
    #[test]
    fn a_verdict_payload_is_the_text_the_json_map_wrote() {
        let reasons = ["missing_media".to_owned(), "not_vietnamese".to_owned()];
        for (reasons, explanation) in [
            (&[][..], ""),
            (
                &reasons[..],
                "Thiếu hình ảnh. Nội dung \"không\" phải tiếng Việt.\n",
            ),
        ] {
            let map = serde_json::json!({ "reasons": reasons, "explanation": explanation });
            let judged = Judged {
                reasons,
                explanation,
            };
            assert_eq!(judged.payload(), map.to_string());
        }
    }
}
