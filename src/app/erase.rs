//! Erasure that keeps the record (Law 91/2025/QH15: deletion of personal data; Đ11 keeps
//! the reports): `erase` destroys a reporter's identity — the report's own key and its
//! sealed name and phone (`domain::vault`), so nothing can open it again, backups aside —
//! and leaves every other field and every event. Each erasure is an `erase` event sealing
//! the row as it now stands, so `audit verify` accepts an erased identity only where the
//! log says who erased it and why, and `audit reveals` lists it. The sweep erases the
//! identities of reports closed longer ago than `privacy.erase_after_days`, when set; a
//! restore makes again the erasures the live log records (`reapply_in`).

use anyhow::{Result, bail};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::vault::Keys;
use super::{Context, SYSTEM_ACTOR, resolve_each};
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::open311::KeptTexts;
use crate::domain::statement::says_something;
use crate::domain::vault::{Stored, Tombstone};
use crate::domain::{redact, text, time};
use crate::exit::Failure;
use crate::i18n::{Lang, Localized};
use crate::output::erase as say;
use crate::storage;
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::reports;
use crate::storage::tx::immediate;

pub use crate::domain::erasure::{RETENTION, Unjudgeable, Unjudged};

/// What `erase` did.
#[derive(Debug, Default)]
pub struct Erased {
    /// Reports whose identity this run destroyed.
    pub erased: Vec<i64>,
    /// Reports named whose identity was already erased.
    pub already: Vec<i64>,
    /// The erased bytes are still in the database file or its WAL: another connection kept
    /// reading the pages they were on, so they could not be copied over yet.
    pub lingering: bool,
    /// The retention period (`privacy.erase_after_days`) the sweep erased under, if it did.
    pub retention_days: Option<f64>,
    /// Erased without the key (`erase --without-key`): no places of the name were kept.
    pub without_key: bool,
    /// Reports left out, their rows edited behind the tool's back, by a run that erased the
    /// others (`OnEdited::LeaveOut`).
    pub edited: Vec<i64>,
    /// Those of `edited` whose last sealing event does not hold in the chain, with that
    /// event: named as such, not as rows edited.
    pub unheld: Vec<(i64, i64)>,
    /// Reports a run over those closed before a day could not judge (`closed_before`), left
    /// out and named as the edited ones are.
    pub unjudged: Vec<Unjudged>,
    /// Reports erased whose identity the key in hand did not open (their own wrapped key
    /// replaced or damaged outside phananh): named by the admin, erased and recorded so in
    /// each event, with no places of the name kept.
    pub unreadable: Vec<i64>,
    /// The same, left out by a run over many reports (`OnEdited::LeaveOut`), as edited
    /// rows are.
    pub unreadable_left: Vec<i64>,
    /// The reason as some report's event would record it says nothing: it was a name or a
    /// phone, hidden there (`statement::says_something_once_hidden`). `erase` refuses it and
    /// rolls back; an erasure made again keeps the reason the first one recorded.
    pub reason_hidden: bool,
    /// The reports erased whose stored texts still hold the reporter's name or phone.
    pub left_in_texts: Vec<crate::domain::erasure::LeftInTexts>,
}

/// The reports closed before a moment, and those whether they were could not be told.
#[derive(Debug, Default)]
pub struct ClosedBefore {
    pub reports: Vec<i64>,
    pub unjudged: Vec<Unjudged>,
}

/// The reports whose identity is held and that closed before `before` (stored time text), in
/// id order, judging each by the event its closing time is read from — checked at its place
/// in the chain first, since an INSERT into `events` is not stopped by the triggers: one copy
/// of a report's `publish` event dated 2099 kept it out of every retention erasure and every
/// `erase --closed-before`, unnamed
/// (`forged_events::a_closing_event_appended_with_sqlite3_keeps_no_report_out_of_retention_unnamed`).
/// A report whose event does
/// not hold is not chosen, and is named; so is one in a final status with no such event at
/// all (its status set with `sqlite3`), which was passed over as if still open. One event
/// and its two neighbours per report with its identity held and closed: with retention on,
/// those closed within the period.
pub fn closed_before(conn: &Connection, before: &str) -> Result<ClosedBefore> {
    let mut chosen = ClosedBefore::default();
    for (report_id, status, event) in reports::closings(conn)? {
        let placed = match event {
            Some(event) => storage::events::placed(conn, event)?,
            None => None,
        };
        let Some(placed) = placed else {
            chosen.unjudged.push(Unjudged {
                report_id,
                problem: Unjudgeable::NoClosing(status),
            });
            continue;
        };
        match placed.check() {
            Err(problem) => chosen.unjudged.push(Unjudged {
                report_id,
                problem: Unjudgeable::Event(problem),
            }),
            Ok(()) if placed.record.at.as_str() < before => chosen.reports.push(report_id),
            Ok(()) => {}
        }
    }
    // A report closed, its status set back with `sqlite3`, was passed over as if open: its
    // identity kept past the cut-off, unnamed
    // (`forged_events::a_closed_report_reopened_with_sqlite3_is_named_not_kept_out_of_erasure`).
    let reopened = reports::reopened(conn)?;
    if !reopened.is_empty() {
        chosen.unjudged.extend(
            reopened
                .into_iter()
                .map(|(report_id, row, logged)| Unjudged {
                    report_id,
                    problem: Unjudgeable::Reopened { row, logged },
                }),
        );
        chosen.unjudged.sort_by_key(|u| u.report_id);
    }
    Ok(chosen)
}

/// What an erasure does on reaching a report whose row was edited behind the tool's back,
/// which it must not seal. Either way nothing is written for that report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnEdited {
    /// Nothing is erased (exit 5): the reports were named, or the run is one act that
    /// stands or falls whole (`key reset`, a restore making the live erasures again).
    Refuse,
    /// The others are erased, and the edited ones named after (exit 5): a run over every
    /// report closed before a day, which one edited row would otherwise stall for good
    /// (`sealed::one_edited_closed_report_is_left_out_of_a_retention_erasure_and_the_others_erased`).
    LeaveOut,
}

impl Erased {
    /// The integrity failure (exit 5) naming the reports left out, edited or with an
    /// identity their key does not open, if any.
    pub fn edited_failure(&self) -> Option<Failure> {
        if !self.unjudged.is_empty() {
            return Some(self.unjudged_failure());
        }
        if self.edited.is_empty() {
            return self.unreadable_left_out().map(Failure::integrity);
        }
        let rows = crate::output::journal::left_out_rows(&self.edited, &self.unheld);
        let why = crate::output::journal::not_to_seal(&self.edited, &self.unheld);
        Some(self.left_out_failure(rows, self.edited.len() == 1, Some(why)))
    }

    /// The integrity failure (exit 5) of a run that left out reports it could not judge
    /// (and maybe edited ones): each named, then what was erased and the way back.
    fn unjudged_failure(&self) -> Failure {
        let unjudged = say::unjudged_rows(&self.unjudged);
        let named = if self.edited.is_empty() {
            unjudged
        } else {
            let rows = crate::output::journal::left_out_rows(&self.edited, &self.unheld);
            say::edited_and_unjudged(&rows, &unjudged)
        };
        let one = self.unjudged.len() + self.edited.len() == 1;
        self.left_out_failure(named, one, None)
    }

    /// The integrity failure (exit 5) of a run that erased the others after leaving out
    /// the reports `left_out` names (`one` when it is one report), not erased for `why`:
    /// then how many were erased, the way back, and the reports whose key did not open.
    fn left_out_failure(
        &self,
        left_out: Localized,
        one: bool,
        why: Option<(String, String)>,
    ) -> Failure {
        let unreadable = self.unreadable_left_out();
        Failure::integrity(say::left_out(
            &left_out,
            one,
            why,
            self.erased.len(),
            unreadable.as_ref(),
        ))
    }

    /// What names the reports a run over many left out because
    /// the key does not open their identity: erased now, no places of the name could be
    /// kept and a name the public views hid would be published, sealed as an ordinary
    /// erasure. Their wrapped key is outside the row's seal (`key rotate` rewraps without
    /// an event per report), so the journal's check of the row does not see it: they are
    /// judged by opening them.
    fn unreadable_left_out(&self) -> Option<Localized> {
        if self.unreadable_left.is_empty() {
            return None;
        }
        Some(say::unreadable_left_out(&self.unreadable_left))
    }

    /// What to tell the admin when the erased bytes are still in the files.
    pub fn lingering_notice(&self) -> Option<Localized> {
        self.lingering.then(|| say::lingering(&self.erased))
    }
}

/// When identities were (or would be) erased: the copies `restore` kept beside the
/// database (`DB.replaced-DATE-TIME`), which still hold them under the key in use and which
/// phananh never alters (they are evidence), named with what the officer does with them.
/// An erasure the citizen is told is done must not leave that unsaid (Law 91/2025/QH15,
/// deletion on request; SECURITY.md, "Identity at rest").
pub fn replaced_copies_notice(ctx: &Context, erased: usize, dry_run: bool) -> Option<Localized> {
    let copies = replaced_copies(ctx, erased);
    (!copies.is_empty()).then(|| say::replaced_copies(&copies, dry_run))
}

/// The copies of [`replaced_copies_notice`], each with the `DATE-TIME` its name carries;
/// none when nothing was (or would be) erased.
pub fn replaced_copies(ctx: &Context, erased: usize) -> Vec<(std::path::PathBuf, String)> {
    if erased == 0 {
        return Vec::new();
    }
    storage::private::replaced_beside(&ctx.db_path())
}

/// Which reports to erase.
pub enum Targets<'a> {
    /// By number or `ext:APPID`.
    Named(&'a [String]),
    /// Every report closed (a final status) before this day.
    ClosedBefore(NaiveDate),
}

/// `erase`: the identities of the reports `targets` names, destroyed, each with an `erase`
/// event recording who, why and the row as it is left. Admin only; a reason is required.
/// Refused without a usable key unless `without_key`: the key is what lets the erasure keep
/// where the reporter's name stood in the public texts. A `dry_run` does all of it in a
/// transaction it rolls back, so that what it announces is what the real run would do, to
/// the report: an erasure cannot be undone, and `--closed-before` chooses by itself.
pub fn erase(
    ctx: &Context,
    targets: &Targets<'_>,
    reason: &str,
    without_key: bool,
    dry_run: bool,
) -> Result<Erased> {
    let reason = text::nfc(reason.trim());
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Erase, None)?;
    if !dry_run && !says_something(&reason) {
        bail!(say::reason_needed());
    }
    if !dry_run && crate::domain::statement::too_long_for_a_reason(&reason) {
        // Logged as any refused step is; the reason not kept: too long to be anything but
        // the request letter itself.
        return Err(ctx.log_refused_noting(
            &conn,
            &actor,
            Operation::Erase,
            None,
            crate::output::show::reason_too_long("erase"),
            serde_json::json!({}),
        ));
    }
    // The key keeps the reporter's own name out of the reason and, above all, records where
    // it stood in the public texts (`KeptTexts`): erased without it, the public views fall
    // back to names by their shape, and a name the known-name rule hid is published again.
    // A key missing, mistyped or refused for its mode is no reason to lose that in silence.
    let keys = match ctx.keys(&conn) {
        Ok(keys) => Some(keys),
        Err(_) if without_key || !crate::storage::keyfile::any_sealed(&conn)? => None,
        Err(error) => bail!(say::key_needed((
            &key_problem(&error, Lang::Vi),
            &key_problem(&error, Lang::En)
        ))),
    };
    let tx = immediate(&conn)?;
    let mut unjudged = Vec::new();
    let ids = match targets {
        Targets::Named(refs) => {
            let named = resolve_each(&tx, refs)?;
            // The reception check (Đ6.3) needs the name and phone the reporter gave: erased
            // before it, the report would be rejected as sent without them, which it was not.
            let unchecked: Vec<String> = named
                .iter()
                .filter(|r| r.status == crate::domain::report::Status::Received)
                .map(|r| r.id.to_string())
                .collect();
            if !unchecked.is_empty() {
                bail!(say::not_yet_checked(&unchecked));
            }
            named.iter().map(|r| r.id).collect()
        }
        Targets::ClosedBefore(day) => {
            let chosen = closed_before(&tx, &time::format(&time::start_of_day(*day)))?;
            unjudged = chosen.unjudged;
            chosen.reports
        }
    };
    let on_edited = match targets {
        Targets::Named(_) => OnEdited::Refuse,
        Targets::ClosedBefore(_) => OnEdited::LeaveOut,
    };
    // The reason goes into each erased report's log, which every role reads: the reporter
    // of a phone it writes is hidden in it, and, of a run naming several reports, the
    // reporters of the others, as each report's own is (`erase_recording`).
    let reason = match (&keys, targets) {
        (Some(keys), Targets::Named(_)) => {
            let mut others = crate::app::reasons::reporters_by_phone(&tx, keys, &reason)?;
            if ids.len() > 1 {
                others.extend(names_of(&tx, keys, &ids)?);
            }
            redact::hide_reporters(&reason, &others)
        }
        (Some(keys), Targets::ClosedBefore(_)) => redact::hide_reporters(
            &reason,
            &crate::app::reasons::reporters_by_phone(&tx, keys, &reason)?,
        ),
        (None, _) => reason,
    };
    let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
    let mut done = erase_in(&tx, &mut journal, &ids, &reason, keys.as_ref(), on_edited)?;
    drop(journal);
    // Judged on the reason as each event records it, which only the erasure knows (the
    // reporter's own name is hidden from it); refused, the transaction is rolled back.
    if done.reason_hidden && !dry_run {
        bail!(crate::output::show::reason_hidden("erase"));
    }
    done.unjudged = unjudged;
    done.without_key = keys.is_none() && !done.erased.is_empty();
    if dry_run {
        tx.rollback()?;
        return Ok(done);
    }
    tx.commit()?;
    // Also when nothing new was erased: running the same `erase` again, once the other
    // sessions are closed, clears what an earlier one left behind.
    done.lingering = !storage::fold_wal(&conn);
    Ok(done)
}

/// The reporters' names of `ids` that the key opens (an identity it does not open, or one
/// erased, has none to hide).
fn names_of(conn: &Connection, keys: &Keys, ids: &[i64]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for &id in ids {
        let Some(mut report) = reports::load(conn, id)? else {
            continue;
        };
        let sealed = matches!(report.identity, Stored::Sealed { .. });
        if !sealed || keys.open(conn, &mut report).is_ok() {
            names.push(report.reporter_name);
        }
    }
    Ok(names)
}

/// Erases the identities of `ids` inside the caller's transaction, through its journal.
pub fn erase_in(
    conn: &Connection,
    journal: &mut Journal<'_>,
    ids: &[i64],
    reason: &str,
    keys: Option<&Keys>,
    on_edited: OnEdited,
) -> Result<Erased> {
    erase_recording(conn, journal, ids, reason, keys, None, on_edited)
}

/// Who made an erasure of the live log first, for the payload (`reapplied`) of the event a
/// restore writes again of it: the event, account, login and time, or, when it was itself
/// written again by a restore, the first erasure it names (else a second restore would
/// credit the first).
pub fn origin_of(erasure: &storage::events::Erasure) -> serde_json::Value {
    erasure
        .reapplied
        .as_deref()
        .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
        .filter(serde_json::Value::is_object)
        .unwrap_or_else(|| {
            serde_json::json!({
                "event": erasure.event,
                "erased_by": erasure.actor,
                "erased_at": erasure.at,
                "login": erasure.login,
            })
        })
}

/// What an erasure made again in a restored copy kept of the places of the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// Found anew in the restored report's own texts, its identity opened with the key.
    FromItsTexts,
    /// Copied from the live erasure, and they fit the restored report's texts.
    Copied,
    /// None that fit: the restored report's public texts hide names by their shape only.
    ShapeOnly,
}

/// An erasure the live database recorded, made again in a restored copy (`app::backup`):
/// the event that made it, who, through which login and when, go into the new `erase`
/// event's payload — those of the first erasure, however many restores it went through.
///
/// Where the reporter's name stood is found in the restored report's own texts when `keys`
/// opens its identity: the live erasure's places are those of the live texts, which a
/// backup of another chain (or one from before a reply) does not share, and copied there
/// they fit nothing, so a name the backup's public texts hid came back. Without a key that
/// opens it, they are copied, and the caller is told when they do not fit.
pub fn reapply_in(
    conn: &Connection,
    journal: &mut Journal<'_>,
    id: i64,
    erasure: &storage::events::Erasure,
    keys: Option<&Keys>,
    in_chain: bool,
) -> Result<(Erased, Places)> {
    let copied = erasure
        .kept
        .as_deref()
        .and_then(|k| serde_json::from_str::<serde_json::Value>(k).ok());
    let mut places = Places::Copied;
    let mut kept = copied.clone();
    if let Some(mut report) = reports::load(conn, id)?
        && !report.identity_erased()
    {
        let opened = match keys {
            Some(keys) if matches!(report.identity, Stored::Sealed { .. }) => {
                keys.open(conn, &mut report).is_ok()
            }
            _ => report.identity == Stored::Clear,
        };
        if opened && !report.reporter_name.is_empty() {
            kept = KeptTexts::of(&report).map(|k| serde_json::json!(k));
            places = Places::FromItsTexts;
        } else {
            // An erasure that kept no places (made without the key) left this chain's
            // public texts to the shape rule already, and said so; another chain's report
            // loses the places its own name gave.
            let fits = match KeptTexts::parse(erasure.kept.as_deref()) {
                Some(kept) => kept.fits(&report),
                None => in_chain,
            };
            if !fits {
                places = Places::ShapeOnly;
            }
        }
    }
    let done = erase_again(conn, journal, id, erasure, kept)?;
    Ok((done, places))
}

/// A report arriving (`ingest`) under an app id whose reporter's identity the log records
/// as erased, its report lost to a restore of a backup without it (`app::backup`): erased
/// again as it arrives, as the restore erases again every identity the log records erased,
/// with the first erasure's reason, account, login and time. `kept` is found by the caller
/// in the arriving texts while the name is still known in memory.
pub fn erase_arrived(
    conn: &Connection,
    journal: &mut Journal<'_>,
    id: i64,
    erasure: &storage::events::Erasure,
    kept: Option<&KeptTexts>,
) -> Result<Erased> {
    erase_again(
        conn,
        journal,
        id,
        erasure,
        kept.map(|k| serde_json::json!(k)),
    )
}

/// Erases report `id`'s identity again as `erasure` first did: its reason, and who made it
/// (`origin_of`), with the places `kept`; a row edited behind the tool's back is refused.
fn erase_again(
    conn: &Connection,
    journal: &mut Journal<'_>,
    id: i64,
    erasure: &storage::events::Erasure,
    kept: Option<serde_json::Value>,
) -> Result<Erased> {
    let origin = Reapplied {
        payload: origin_of(erasure),
        kept,
    };
    erase_recording(
        conn,
        journal,
        &[id],
        &erasure.reason,
        None,
        Some(origin),
        OnEdited::Refuse,
    )
}

/// An erasure made again: who made it first (the payload's `reapplied`), and what it kept.
struct Reapplied {
    payload: serde_json::Value,
    kept: Option<serde_json::Value>,
}

fn erase_recording(
    conn: &Connection,
    journal: &mut Journal<'_>,
    ids: &[i64],
    reason: &str,
    keys: Option<&Keys>,
    reapplied: Option<Reapplied>,
    on_edited: OnEdited,
) -> Result<Erased> {
    let mut done = Erased::default();
    let mut random = crate::storage::keyfile::random()?;
    let communes = crate::app::routing::communes(conn)?;
    for &id in ids {
        let loaded = match on_edited {
            OnEdited::Refuse => reports::load(conn, id)?,
            // A row phananh cannot have written (a time that names no moment) is left as an
            // edited one is: it stopped the run and the retention period with it.
            OnEdited::LeaveOut => match reports::load_or_unreadable(conn, id)? {
                Ok(loaded) => loaded,
                Err(id) => {
                    done.edited.push(id);
                    continue;
                }
            },
        };
        let Some(mut before) = loaded else {
            continue;
        };
        if before.identity_erased() {
            done.already.push(id);
            continue;
        }
        // The reporter's own name typed into the reason stays out of the log, as for a
        // reveal; without the key, the name is not known, and phones, e-mail addresses and
        // identity numbers are still hidden.
        let sealed = matches!(before.identity, Stored::Sealed { .. });
        let (name, unreadable) = match keys {
            Some(keys) if sealed => match keys.open(conn, &mut before) {
                Ok(()) => (before.reporter_name.clone(), false),
                // Destroyed outside phananh: the same loss as a lost key, which must
                // neither pass unsaid nor be sealed as an ordinary erasure.
                Err(_) => (String::new(), true),
            },
            _ if before.identity == Stored::Clear => (before.reporter_name.clone(), false),
            _ => (String::new(), false),
        };
        if unreadable && on_edited == OnEdited::LeaveOut {
            // An identity moved from another report is unreadable too, but its row is
            // edited: named as such, whose way back is a restore, not the `erase ID` the
            // unreadable ones are advised (which refuses an edited row).
            if storage::events::sealed_as_it_stands(conn, &before)? {
                done.unreadable_left.push(id);
            } else {
                done.edited.push(id);
                done.unheld
                    .extend(storage::journal::unheld_among(conn, &[id])?);
            }
            continue;
        }
        // Without the name, anyone's by its shape.
        let reason = redact::redact_report(reason, &name, name.is_empty()).text;
        done.reason_hidden |=
            reapplied.is_none() && !crate::domain::statement::says_something_once_hidden(&reason);
        // Where the name stood in the public texts, kept so that the erasure brings none of
        // it back (`redact::Kept`: offsets and a digest of what is public, nothing personal);
        // a restore's erasure copies what the live one kept.
        let kept = match &reapplied {
            Some(origin) => origin.kept.clone(),
            None if name.is_empty() => None,
            None => {
                let mut known = before.clone();
                known.reporter_name = name.clone();
                // With the places a correction kept of the names it replaced: an erasure
                // after a correction hides what the texts hid before either.
                let earlier =
                    KeptTexts::parse(storage::events::kept_redaction(conn, id)?.as_deref());
                KeptTexts::of_with(&known, earlier.as_ref()).map(|k| serde_json::json!(k))
            }
        };
        let mut after = before.clone();
        after.identity = Stored::Erased(Some(Tombstone::new(&mut random)));
        after.reporter_name.clear();
        after.reporter_phone.clear();
        // Sealed before the row is written: an edited row is refused by the journal before
        // anything of it is, so a run that leaves it out has nothing to undo.
        let entry = Entry {
            kind: EventKind::Erase,
            report: Some(Sealed::changed(&before, &after)),
            about: None,
            payload: {
                // The app id, sealed here: a restore re-applies this erasure to the report
                // that carries it, which the live row's unsealed copy could not be trusted
                // to say (`app::backup`). An app id is no personal data.
                let mut payload = serde_json::json!({
                    "fields": ["reporter_name", "reporter_phone"],
                    "reason": reason,
                    "external_id": after.external_id,
                });
                if let Some(kept) = kept {
                    payload["kept"] = kept;
                }
                if unreadable {
                    // The evidence stays in the log: once erased, the destroyed key is
                    // gone and `audit verify` has nothing left to find.
                    payload["identity_unreadable"] = serde_json::json!(true);
                }
                if let Some(origin) = &reapplied {
                    payload["reapplied"] = origin.payload.clone();
                }
                payload.to_string()
            },
            clocks: None,
        };
        match on_edited {
            OnEdited::Refuse => {
                journal.append(entry)?;
            }
            OnEdited::LeaveOut => {
                if let Err(edited) = journal.append_unless_edited(entry)? {
                    done.edited.push(edited.0);
                    done.unheld
                        .extend(storage::journal::unheld_among(conn, &[edited.0])?);
                    continue;
                }
            }
        }
        reports::update(conn, &before, &after)?;
        if reapplied.is_none() && !name.is_empty() {
            let places =
                |text: &str| redact::own_identity_places(text, &name, &before.reporter_phone);
            // The commune (one not the province's) and the app's category hint hold no
            // person's identity unless a row came shifted: there every name or phone by its
            // shape counts, since the one the row gives as the reporter's may be the shifted
            // phone itself.
            let shaped = |text: &str| places(text).max(redact::redact_people(text).hidden.total());
            let left = crate::domain::erasure::LeftInTexts {
                report: id,
                content: places(&before.content),
                address: places(&before.address),
                result: places(&before.result_text),
                commune: if communes.knows(&before.commune) {
                    0
                } else {
                    shaped(&before.commune)
                },
                hint: shaped(&before.category_hint),
            };
            if left.total() > 0 {
                done.left_in_texts.push(left);
            }
        }
        done.erased.push(id);
        if unreadable {
            done.unreadable.push(id);
        }
    }
    Ok(done)
}

/// The retention period `days` stands for, to the millisecond: the setting takes up to six
/// decimals, and 1.9 days is 1 day 21 h 36 min, not 1 day (nor 0.5 never). None when off
/// (0, or anything not above it).
pub fn retention_period(days: f64) -> Option<chrono::Duration> {
    if !days.is_finite() || days <= 0.0 {
        return None;
    }
    Some(chrono::Duration::milliseconds(
        (days * 86_400_000.0).round() as i64,
    ))
}

/// A key error's message in `lang`, without its final full stop (it goes inside another).
fn key_problem(error: &anyhow::Error, lang: Lang) -> String {
    let text =
        crate::exit::own_text(error).map_or_else(|| error.to_string(), |l| l.text(lang).to_owned());
    text.trim_end_matches('.').to_owned()
}

/// What the retention period would erase now: the period in days, the moment before which
/// a report must have closed (stored form), and the reports, in id order.
#[derive(Debug)]
pub struct Due {
    pub days: f64,
    pub cutoff: String,
    pub reports: Vec<i64>,
    /// Those it cannot tell closed before the cut-off or not (`closed_before`).
    pub unjudged: Vec<Unjudged>,
}

impl Due {
    /// The reports as a message names them: the first twenty, then how many in all
    /// (`storage::journal::first_named`, as every long list is).
    pub fn listed(&self) -> String {
        storage::journal::first_named(&self.reports, ", ", i64::to_string)
    }
}

/// What `privacy.erase_after_days` would have the sweep erase now; None when it is off.
pub fn retention_due(conn: &Connection, ctx: &Context) -> Result<Option<Due>> {
    let days = crate::app::settings::value(conn, RETENTION)?;
    let Some(period) = retention_period(days) else {
        return Ok(None);
    };
    let cutoff = time::format(&(ctx.now - period));
    let ClosedBefore { reports, unjudged } = closed_before(conn, &cutoff)?;
    Ok(Some(Due {
        days,
        cutoff,
        reports,
        unjudged,
    }))
}

/// The reports among `ids` whose rows the log no longer vouches for, edited behind the
/// tool's back: those a run that leaves them out (`OnEdited::LeaveOut`) would not erase, as
/// a dry run must say.
fn edited_among(conn: &Connection, ids: &[i64]) -> Result<Vec<i64>> {
    let mut edited = Vec::new();
    for &id in ids {
        let report = match reports::load_or_unreadable(conn, id)? {
            Ok(Some(report)) => report,
            Ok(None) => continue,
            Err(id) => {
                edited.push(id);
                continue;
            }
        };
        if !storage::events::sealed_as_it_stands(conn, &report)? {
            edited.push(id);
        }
    }
    Ok(edited)
}

/// The reports among `ids` whose sealed identity `keys` does not open (their own wrapped
/// key replaced or damaged outside phananh): those a run that leaves them out
/// (`OnEdited::LeaveOut`) would not erase, as a dry run must say.
fn unreadable_among(conn: &Connection, keys: &Keys, ids: &[i64]) -> Result<Vec<i64>> {
    let mut unreadable = Vec::new();
    for &id in ids {
        // A row that cannot be read at all is an edited one (`edited_among`).
        let Ok(Some(mut report)) = reports::load_or_unreadable(conn, id)? else {
            continue;
        };
        if matches!(report.identity, Stored::Sealed { .. }) && keys.open(conn, &mut report).is_err()
        {
            unreadable.push(id);
        }
    }
    Ok(unreadable)
}

/// What the real sweep would do now under the retention period, for its dry run.
pub enum Preview {
    /// No retention period is set.
    Off,
    /// The sweep would erase nothing and fail with this.
    Refused(Failure),
    /// It would erase the identities of `due.reports`, and leave out, naming them and ending
    /// with exit 5, the rows edited behind the tool's back, the identities the key does not
    /// open, and the reports whose closing it cannot judge.
    Would {
        due: Due,
        edited: Vec<i64>,
        /// Those of `edited` whose last sealing event does not hold, with that event.
        unheld: Vec<(i64, i64)>,
        unreadable: Vec<i64>,
        unjudged: Vec<Unjudged>,
    },
}

impl Preview {
    /// How many identities the real sweep would erase now.
    pub fn would_erase(&self) -> usize {
        match self {
            Preview::Would { due, .. } => due.reports.len(),
            _ => 0,
        }
    }

    /// What the sweep's dry run says of it, when the real sweep would erase or refuse to:
    /// how many identities and which reports, or why none would be erased, then the
    /// reports it would leave out and end with exit 5 for. Said as the real sweep says
    /// what it erased: the dry run is where a DPO looks before an irreversible act.
    pub fn notice(self) -> Option<Localized> {
        let (due, edited, unheld, unreadable, unjudged) = match self {
            Preview::Off => return None,
            Preview::Refused(refused) => {
                return Some(say::dry_run_refused(&refused.message));
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
        let mut said = say::dry_run(n, due.days, &due.cutoff, &due.listed());
        if edited.is_empty() && unreadable.is_empty() && unjudged.is_empty() {
            return (n > 0).then_some(said);
        }
        let mut left_out = Vec::new();
        if !edited.is_empty() {
            left_out.push((
                crate::output::journal::left_out_rows(&edited, &unheld),
                edited.len(),
            ));
        }
        if !unreadable.is_empty() {
            left_out.push((say::unreadable_rows(&unreadable), unreadable.len()));
        }
        if !unjudged.is_empty() {
            left_out.push((say::unjudged_rows(&unjudged), unjudged.len()));
        }
        for (rows, count) in left_out {
            said = say::dry_run_leaves_out(&said, &rows, count);
        }
        Some(said)
    }
}

/// [`Preview`] of the sweep's retention erasure now, judged as `retention` judges it.
pub fn retention_preview(conn: &Connection, ctx: &Context) -> Result<Preview> {
    let due = retention_due(conn, ctx)?;
    let keys = match retention_allowed(conn, ctx, due.as_ref())? {
        Ok(keys) => keys,
        Err(refused) => return Ok(Preview::Refused(refused)),
    };
    let Some(mut due) = due else {
        return Ok(Preview::Off);
    };
    let edited = edited_among(conn, &due.reports)?;
    let mut unreadable = match &keys {
        Some(keys) => unreadable_among(conn, keys, &due.reports)?,
        None => Vec::new(),
    };
    // Named once, as the real run names them: edited.
    unreadable.retain(|id| !edited.contains(id));
    let unjudged = std::mem::take(&mut due.unjudged);
    due.reports
        .retain(|id| !edited.contains(id) && !unreadable.contains(id));
    let unheld = storage::journal::unheld_among(conn, &edited)?;
    Ok(Preview::Would {
        due,
        edited,
        unheld,
        unreadable,
        unjudged,
    })
}

/// Whether the sweep may erase under the retention period now: with the key (None when
/// nothing is due, `due` None when the period reads as off), or refused — for a settings row
/// the log does not vouch for (exit 5; the period itself may be the forged row, and an
/// erasure made under it is sealed as an honest one that a restore makes again), or for no
/// usable key while reports are due (exit 1; erased without it, a name the public views hid
/// comes back). A period that reads as off is judged too, by its own row: deleted or set to
/// 0 with `sqlite3`, it stopped every erasure, silently, while `audit verify` named the row.
pub fn retention_allowed(
    conn: &Connection,
    ctx: &Context,
    due: Option<&Due>,
) -> Result<Result<Option<Keys>, Failure>> {
    let problem = match due {
        Some(_) => match crate::app::audit::unvouched_setting(conn)? {
            // The row may be the one the log sealed, sealed by an account that could not
            // set it: raised to admin with `sqlite3` for the act, then put back.
            None => crate::app::audit::unauthorised_setting(conn, RETENTION)?,
            found => found,
        },
        None => crate::app::audit::unvouched_setting_row(conn, RETENTION)?,
    };
    if let Some(problem) = problem {
        return Ok(Err(Failure::integrity(say::retention_unvouched(
            due.map(|due| due.days),
            &problem,
        ))));
    }
    let Some(due) = due else {
        return Ok(Ok(None));
    };
    if due.reports.is_empty() {
        return Ok(Ok(None));
    }
    Ok(match ctx.keys(conn) {
        Ok(keys) => Ok(Some(keys)),
        Err(error) => Err(Failure::new(
            crate::exit::Class::Refused,
            say::retention_key_needed(
                due.days,
                due.reports.len(),
                &due.listed(),
                (
                    &key_problem(&error, Lang::Vi),
                    &key_problem(&error, Lang::En),
                ),
            ),
        )),
    })
}

/// The sweep's part: with `privacy.erase_after_days` set (above 0), the identities of the
/// reports closed longer ago than that are erased by the system account, unless
/// `retention_allowed` refuses (an error, said after the reminders are on record).
pub fn retention(conn: &Connection, ctx: &Context) -> Result<Erased> {
    // Looked at first from a snapshot, without the lock: most sweeps erase nothing (the
    // period is off by default, or nothing is newly due), and need not queue for a write
    // to find that out. The same checks run again under the lock before anything is erased.
    {
        let _read = crate::storage::tx::snapshot(conn)?;
        let due = retention_due(conn, ctx)?;
        retention_allowed(conn, ctx, due.as_ref())??;
        match due {
            None => return Ok(Erased::default()),
            Some(due) if due.reports.is_empty() => {
                return Ok(Erased {
                    unjudged: due.unjudged,
                    ..Erased::default()
                });
            }
            Some(_) => {}
        }
    }
    // Cron's write: in its turn among the bulk writers, never given up on. With a single
    // step's lock timeout, the sweep's retention step could lose to eight ingests and fail
    // the whole sweep, about one run in ten of
    // concurrency::eight_ingests_two_sweep_loops_and_readers_all_finish under load.
    let tx = crate::storage::tx::queued(conn)?;
    let due = retention_due(&tx, ctx)?;
    let keys = retention_allowed(&tx, ctx, due.as_ref())??;
    let Some(due) = due else {
        return Ok(Erased::default());
    };
    if due.reports.is_empty() {
        return Ok(Erased {
            unjudged: due.unjudged,
            ..Erased::default()
        });
    }
    let mut journal = Journal::new(&tx, ctx.stamp(SYSTEM_ACTOR))?;
    let reason = format!("{RETENTION} = {}", due.days);
    let mut done = erase_in(
        &tx,
        &mut journal,
        &due.reports,
        &reason,
        keys.as_ref(),
        OnEdited::LeaveOut,
    )?;
    drop(journal);
    tx.commit()?;
    done.lingering = !storage::fold_wal(conn);
    done.retention_days = Some(due.days);
    done.unjudged = due.unjudged;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::{Due, Erased, Preview, Unjudgeable, Unjudged, retention_period};
    use crate::domain::report::Status;
    use crate::output::erase::unjudged_rows;
    use chrono::Duration;

    fn due(reports: Vec<i64>) -> Due {
        Due {
            days: 30.0,
            cutoff: "2026-11-01T08:00:00+07:00".to_owned(),
            reports,
            unjudged: Vec::new(),
        }
    }

    /// What the sweep's dry run says: nothing when retention is off or nothing is due;
    /// else how many and which, then each report it would leave out and the exit status.
    #[test]
    fn the_dry_run_says_what_a_real_sweep_would_erase_and_leave_out() {
        assert!(Preview::Off.notice().is_none());
        let nothing = Preview::Would {
            due: due(vec![]),
            edited: vec![],
            unheld: vec![],
            unreadable: vec![],
            unjudged: vec![],
        };
        assert!(nothing.notice().is_none());
        let two = Preview::Would {
            due: due(vec![3, 4]),
            edited: vec![],
            unheld: vec![],
            unreadable: vec![],
            unjudged: vec![],
        }
        .notice()
        .expect("a notice");
        assert_eq!(
            two.en,
            "dry run: a real sweep now would erase for good the identities of 2 reports closed past the retention period (privacy.erase_after_days = 30; closed before 2026-11-01 08:00): 3, 4; nothing was erased"
        );
        let left_out = Preview::Would {
            due: due(vec![]),
            edited: vec![],
            unheld: vec![],
            unreadable: vec![9],
            unjudged: vec![],
        }
        .notice()
        .expect("a notice");
        assert_eq!(
            left_out.en,
            "dry run: a real sweep now would erase no identity under the retention period (privacy.erase_after_days = 30; closed before 2026-11-01 08:00); the key does not open the identity of report 9: its own key was replaced or damaged outside phananh: a real sweep would leave it out, not erased, and end with exit code 5"
        );
        assert!(
            left_out
                .vi
                .ends_with(": lần quét thật sẽ bỏ ra, không xóa, và kết thúc với mã lỗi 5."),
            "{}",
            left_out.vi
        );
    }

    /// A run that left out one edited report, or one it could not judge, and erased two:
    /// both failures end alike, saying what was not erased, how many were, and the way
    /// back.
    #[test]
    fn a_run_that_left_reports_out_says_what_it_erased_and_the_way_back() {
        let edited = Erased {
            erased: vec![1, 2],
            edited: vec![7],
            ..Erased::default()
        };
        let failure = edited.edited_failure().expect("a failure");
        assert_eq!(failure.class, crate::exit::Class::Integrity);
        assert!(
            failure.message.en.starts_with(
                "report 7 was changed outside phananh: its row no longer matches the log's last seal. Its identity was not erased, so as not to seal the edited row; the identities of 2 other reports were erased. Run `phananh audit verify`"
            ),
            "{}",
            failure.message.en
        );
        assert!(
            failure.message.vi.contains(
                ". Danh tính của nó không bị xóa, để không niêm phong bản đã sửa; danh tính của 2 phản ánh khác đã bị xóa. Chạy `phananh audit verify`"
            ),
            "{}",
            failure.message.vi
        );

        let unjudged = Erased {
            erased: vec![1],
            edited: vec![7],
            unjudged: vec![Unjudged {
                report_id: 9,
                problem: Unjudgeable::NoClosing(Status::Published),
            }],
            ..Erased::default()
        };
        let failure = unjudged.edited_failure().expect("a failure");
        let en = &failure.message.en;
        assert!(
            en.starts_with("report 7 was changed outside phananh: its row no longer matches the log's last seal; report 9 cannot be told closed before the cut-off or not: it stands in a final status, Published (published),"),
            "{en}"
        );
        assert!(
            en.contains(". Their identities were not erased; the identities of 1 other report were erased. Run `phananh audit verify`"),
            "{en}"
        );
    }

    /// Many reports an insider set to a final status with `sqlite3`: each named with why,
    /// the first twenty, then how many in all, as every long list of a message is
    /// (`storage::journal::first_named`).
    #[test]
    fn a_long_list_of_unjudged_reports_names_twenty_then_counts_them_all() {
        let unjudged: Vec<Unjudged> = (1..=25)
            .map(|report_id| Unjudged {
                report_id,
                problem: Unjudgeable::NoClosing(Status::Published),
            })
            .collect();
        let said = unjudged_rows(&unjudged);
        assert!(
            said.en
                .contains("(report 1: Published (published); report 2: "),
            "{}",
            said.en
        );
        assert!(
            said.en
                .contains("report 20: Published (published); … (25))"),
            "{}",
            said.en
        );
        assert!(!said.en.contains("report 21:"), "{}", said.en);
        assert!(
            said.vi
                .contains("phản ánh 20: Đã công khai (published); … (25))"),
            "{}",
            said.vi
        );
        // One report is named once, without its number again.
        let one = unjudged_rows(&unjudged[..1]);
        assert!(
            one.en
                .contains("a final status, Published (published), that"),
            "{}",
            one.en
        );
    }

    #[test]
    fn the_retention_period_keeps_the_fraction_of_a_day() {
        assert_eq!(
            retention_period(1.9),
            Some(Duration::days(1) + Duration::hours(21) + Duration::minutes(36))
        );
        assert_eq!(retention_period(0.5), Some(Duration::hours(12)));
        assert_eq!(retention_period(0.000001), Some(Duration::milliseconds(86)));
        assert_eq!(retention_period(1825.0), Some(Duration::days(1825)));
        assert_eq!(retention_period(0.0), None);
        assert_eq!(retention_period(-1.0), None);
        assert_eq!(retention_period(f64::NAN), None);
    }
    /// Every text an erasure's outcome is worded in, whole in both languages: the failure of
    /// a run that left reports out (edited, unjudged, their key not opening), the warning of
    /// bytes that linger, the dry run's line, the reports it could not judge.
    #[test]
    fn what_an_erasure_says_is_worded_whole_in_both_languages() {
        use crate::domain::audit::ChainBreak;
        let texts = |l: &crate::i18n::Localized| format!("{}\n{}", l.vi, l.en);
        let left_out = Erased {
            erased: vec![1, 2, 3],
            edited: vec![7, 8],
            unreadable_left: vec![11],
            unjudged: vec![
                Unjudged {
                    report_id: 9,
                    problem: Unjudgeable::Event(ChainBreak::EventAltered { id: 50 }),
                },
                Unjudged {
                    report_id: 10,
                    problem: Unjudgeable::Event(ChainBreak::EventAltered { id: 51 }),
                },
            ],
            ..Erased::default()
        };
        let one_unreadable = Erased {
            erased: vec![1],
            unreadable_left: vec![11, 12],
            ..Erased::default()
        };
        let lingering = Erased {
            erased: vec![4, 5],
            lingering: true,
            ..Erased::default()
        };
        let one_forged = [Unjudged {
            report_id: 9,
            problem: Unjudgeable::Event(ChainBreak::EventAltered { id: 50 }),
        }];
        let unclosed = [
            Unjudged {
                report_id: 12,
                problem: Unjudgeable::NoClosing(Status::Published),
            },
            Unjudged {
                report_id: 13,
                problem: Unjudgeable::NoClosing(Status::Rejected),
            },
        ];
        let preview = Preview::Would {
            due: due(vec![3, 4]),
            edited: vec![7],
            unheld: vec![],
            unreadable: vec![9, 10],
            unjudged: unclosed.to_vec(),
        }
        .notice()
        .expect("a notice");
        let said = [
            texts(&left_out.edited_failure().expect("a failure").message),
            texts(&one_unreadable.edited_failure().expect("a failure").message),
            texts(&lingering.lingering_notice().expect("a notice")),
            texts(&unjudged_rows(&one_forged)),
            texts(&unjudged_rows(&unclosed)),
            texts(&preview),
        ]
        .join("\n\n");
        let expected = [
            "Các phản ánh 7, 8 đã bị sửa ngoài phananh: hàng dữ liệu của chúng không còn khớp với lần niêm phong cuối trong nhật ký. Không xét được các phản ánh 9, 10 đã đóng trước mốc thời hạn hay chưa: các sự kiện ghi việc đóng của chúng không được nhật ký xác nhận, đã bị chèn hoặc sửa ngoài phananh (phản ánh 9: sự kiện 50: mã băm đã lưu không khớp với nội dung, nên sự kiện không khớp với chuỗi nhật ký (được thêm, thay hoặc sửa ngoài phananh); phản ánh 10: sự kiện 51: mã băm đã lưu không khớp với nội dung, nên sự kiện không khớp với chuỗi nhật ký (được thêm, thay hoặc sửa ngoài phananh)). Danh tính của chúng không bị xóa; danh tính của 3 phản ánh khác đã bị xóa. Chạy `phananh audit verify` để xem chỗ sửa, rồi khôi phục bản sao lưu (`phananh restore`). Khóa không mở được danh tính của phản ánh 11: khóa riêng của nó đã bị thay hoặc bị hỏng ngoài phananh. Danh tính ấy không bị xóa: xóa lúc này thì không ghi được chỗ họ tên người phản ánh trong các văn bản công khai, nên họ tên đã được ẩn sẽ hiện lại trên bản công khai. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu (`phananh restore`); nếu không lấy lại được, quản trị viên xóa từng phản ánh bằng `phananh erase SỐ --reason \"LÝ DO\"`.\nreports 7, 8 were changed outside phananh: their rows no longer match the log's last seals; reports 9, 10 cannot be told closed before the cut-off or not: the events that record their closing do not hold in the log, inserted or edited outside phananh (report 9: event 50: its stored hash does not match its content: the event does not hold in the chain (appended, replaced or edited outside phananh); report 10: event 51: its stored hash does not match its content: the event does not hold in the chain (appended, replaced or edited outside phananh)). Their identities were not erased; the identities of 3 other reports were erased. Run `phananh audit verify` to see the edit, then restore a backup (`phananh restore`); the key does not open the identity of report 11: its own key was replaced or damaged outside phananh. It was not erased: erased now, where the reporter's name stood in the public texts could not be kept, and a name hidden there would be published. Run `phananh audit verify` and restore a backup (`phananh restore`); if it cannot be had back, an admin erases each with `phananh erase ID --reason \"TEXT\"`",
            "Khóa không mở được danh tính của phản ánh 11, 12: khóa riêng của chúng đã bị thay hoặc bị hỏng ngoài phananh. Danh tính ấy không bị xóa: xóa lúc này thì không ghi được chỗ họ tên người phản ánh trong các văn bản công khai, nên họ tên đã được ẩn sẽ hiện lại trên bản công khai. Hãy chạy `phananh audit verify`, khôi phục bản sao lưu (`phananh restore`); nếu không lấy lại được, quản trị viên xóa từng phản ánh bằng `phananh erase SỐ --reason \"LÝ DO\"`.\nthe key does not open the identity of reports 11, 12: their own key was replaced or damaged outside phananh. They were not erased: erased now, where the reporter's name stood in the public texts could not be kept, and a name hidden there would be published. Run `phananh audit verify` and restore a backup (`phananh restore`); if it cannot be had back, an admin erases each with `phananh erase ID --reason \"TEXT\"`",
            "Cảnh báo: một phiên khác (phananh, sqlite3) đang mở cơ sở dữ liệu, nên các byte cũ của danh tính vừa xóa còn nằm trong tệp cho đến lần chép nhật ký WAL sau. Hãy đóng các phiên đó rồi chạy lại `erase` với cùng các phản ánh (4 5) để xóa hẳn khỏi tệp.\nwarning: another session (phananh, sqlite3) has the database open, so the old bytes of the identities just erased stay in the file until the WAL is next copied into it; close those sessions and run `erase` again with the same reports (4 5) to wipe them from the file",
            "Không xét được phản ánh 9 đã đóng trước mốc thời hạn hay chưa: sự kiện ghi việc đóng của nó không được nhật ký xác nhận, đã bị chèn hoặc sửa ngoài phananh (sự kiện 50: mã băm đã lưu không khớp với nội dung, nên sự kiện không khớp với chuỗi nhật ký (được thêm, thay hoặc sửa ngoài phananh))\nreport 9 cannot be told closed before the cut-off or not: the event that records its closing does not hold in the log, inserted or edited outside phananh (event 50: its stored hash does not match its content: the event does not hold in the chain (appended, replaced or edited outside phananh))",
            "Không xét được các phản ánh 12, 13 đã đóng trước mốc thời hạn hay chưa: chúng mang trạng thái cuối mà không sự kiện nào trong nhật ký ghi việc đóng chúng, trạng thái bị đặt hoặc sự kiện bị xóa ngoài phananh (phản ánh 12: Đã công khai (published); phản ánh 13: Từ chối tiếp nhận (rejected))\nreports 12, 13 cannot be told closed before the cut-off or not: they stand in final statuses that no event of the log moved them into, the statuses set or the events removed outside phananh (report 12: Published (published); report 13: Rejected (rejected))",
            "Chạy thử: lần quét thật bây giờ sẽ xóa vĩnh viễn danh tính người phản ánh của 2 phản ánh đã đóng quá thời hạn lưu giữ (privacy.erase_after_days = 30; đóng trước 01/11/2026 08:00): 3, 4; chưa xóa gì. Phản ánh 7 đã bị sửa ngoài phananh: hàng dữ liệu của nó không còn khớp với lần niêm phong cuối trong nhật ký: lần quét thật sẽ bỏ ra, không xóa, và kết thúc với mã lỗi 5. Khóa không mở được danh tính của phản ánh 9, 10: khóa riêng của chúng đã bị thay hoặc bị hỏng ngoài phananh: lần quét thật sẽ bỏ ra, không xóa, và kết thúc với mã lỗi 5. Không xét được các phản ánh 12, 13 đã đóng trước mốc thời hạn hay chưa: chúng mang trạng thái cuối mà không sự kiện nào trong nhật ký ghi việc đóng chúng, trạng thái bị đặt hoặc sự kiện bị xóa ngoài phananh (phản ánh 12: Đã công khai (published); phản ánh 13: Từ chối tiếp nhận (rejected)): lần quét thật sẽ bỏ ra, không xóa, và kết thúc với mã lỗi 5.\ndry run: a real sweep now would erase for good the identities of 2 reports closed past the retention period (privacy.erase_after_days = 30; closed before 2026-11-01 08:00): 3, 4; nothing was erased; report 7 was changed outside phananh: its row no longer matches the log's last seal: a real sweep would leave it out, not erased, and end with exit code 5; the key does not open the identity of reports 9, 10: their own key was replaced or damaged outside phananh: a real sweep would leave them out, not erased, and end with exit code 5; reports 12, 13 cannot be told closed before the cut-off or not: they stand in final statuses that no event of the log moved them into, the statuses set or the events removed outside phananh (report 12: Published (published); report 13: Rejected (rejected)): a real sweep would leave them out, not erased, and end with exit code 5",
        ];
        assert_eq!(said, expected.join("\n\n"));
    }

    #[test]
    fn a_report_closed_then_reopened_outside_phananh_is_worded_whole_in_both_languages() {
        let texts = |l: &crate::i18n::Localized| format!("{}\n{}", l.vi, l.en);
        let one = Unjudged {
            report_id: 14,
            problem: Unjudgeable::Reopened {
                row: Status::Assigned,
                logged: Status::Published,
            },
        };
        let other = Unjudged {
            report_id: 15,
            problem: Unjudgeable::Reopened {
                row: Status::Received,
                logged: Status::Rejected,
            },
        };
        let said = [
            texts(&unjudged_rows(std::slice::from_ref(&one))),
            texts(&unjudged_rows(&[one, other])),
        ]
        .join("\n\n");
        let expected = [
            "Không xét được phản ánh 14 đã đóng trước mốc thời hạn hay chưa: dòng của nó mang trạng thái chưa kết thúc trong khi bước cuối của nhật ký đã đóng nó (Đang xử lý (assigned), nhật ký: Đã công khai (published)), trạng thái bị đặt lại ngoài phananh\nreport 14 cannot be told closed before the cut-off or not: its row stands in a status that is not final while the last step of the log closed it (Being handled (assigned), the log: Published (published)), the status set back outside phananh",
            "Không xét được các phản ánh 14, 15 đã đóng trước mốc thời hạn hay chưa: dòng của chúng mang trạng thái chưa kết thúc trong khi bước cuối của nhật ký đã đóng chúng, trạng thái bị đặt lại ngoài phananh (phản ánh 14: Đang xử lý (assigned), nhật ký: Đã công khai (published); phản ánh 15: Chờ kiểm tra (received), nhật ký: Từ chối tiếp nhận (rejected))\nreports 14, 15 cannot be told closed before the cut-off or not: their rows stand in statuses that are not final while the last steps of the log closed them, the statuses set back outside phananh (report 14: Being handled (assigned), the log: Published (published); report 15: Awaiting the check (received), the log: Rejected (rejected))",
        ];
        assert_eq!(said, expected.join("\n\n"));
    }
}
