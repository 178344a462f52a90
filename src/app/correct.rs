//! Correcting a reporter's stored identity at their request (Law 91/2025/QH15: the right to
//! have one's personal data corrected; SECURITY.md): `identity correct` seals the corrected
//! name or phone in place of the stored ones, under the report's own key, as one
//! `identity_correct` event that seals the row as it now stands and records who, when and
//! why, and which fields changed — never their values, old or new. `audit reveals` lists
//! it. Admin only, as `erase`: the reporter's request reaches the province's contact point.

use anyhow::{Result, bail};

use super::{Context, resolve};
use crate::domain::access::Operation;
use crate::domain::correction::{self, Refused};
use crate::domain::event::EventKind;
use crate::domain::statement::{says_something, says_something_once_hidden};
use crate::domain::{redact, text};
use crate::exit::Failure;
use crate::output::correct as say;
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::reports;
use crate::storage::tx::immediate;

/// What `identity correct` did.
#[derive(Debug)]
pub struct Corrected {
    pub report_id: i64,
    /// The fields that changed (`reporter_name`, `reporter_phone`).
    pub fields: Vec<&'static str>,
    /// The `identity_correct` event that records it.
    pub event: i64,
    /// What the change of name hid, or showed again, in the redacted texts (confirmed
    /// with `--yes`); empty for a phone, or a name that moves nothing.
    pub moved: correction::Moved,
    /// The other reports whose stored phone is the number the correction replaced.
    pub old_phone_also_on: Vec<i64>,
}

/// `identity correct`: the identity of the report `reference` names, with `name` and
/// `phone` where given, sealed again under the report's own key. Refused: an account that
/// is not admin (or one the log does not vouch for), no reason that says something, no key,
/// an erased identity (nothing is left to correct), an identity the key does not open (exit
/// 5: changed outside phananh), a name or phone intake would not store, and values that are
/// those stored — that refusal is recorded, about the report, since it tells whether the
/// value typed is the reporter's. Without `confirmed` (`--yes`), a name that would hide
/// words of the report's texts from every reader without identity rights, or show words
/// hidden there, is refused, saying how many places in which text (never the words). That
/// refusal, and one for a reason too long, are logged as refused steps are.
pub fn correct(
    ctx: &Context,
    reference: &str,
    name: Option<&str>,
    phone: Option<&str>,
    reason: &str,
    confirmed: bool,
) -> Result<Corrected> {
    let reason = text::nfc(reason.trim());
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::CorrectIdentity, None)?;
    if name.is_none() && phone.is_none() {
        bail!(say::refused(Refused::NothingGiven));
    }
    if !says_something(&reason) {
        bail!(say::reason_needed());
    }
    if crate::domain::statement::too_long_for_a_reason(&reason) {
        // Logged as any refused step is, about the report when it is one; the reason is not
        // kept: too long to be anything but the request letter itself.
        let about = resolve(&conn, reference).ok();
        return Err(ctx.log_refused_noting(
            &conn,
            &actor,
            Operation::CorrectIdentity,
            about.as_ref(),
            crate::output::show::reason_too_long("identity correct"),
            serde_json::json!({}),
        ));
    }
    let keys = ctx.keys(&conn)?;
    let tx = immediate(&conn)?;
    let before = resolve(&tx, reference)?;
    if before.identity_erased() {
        bail!(say::erased(before.id));
    }
    let mut after = before.clone();
    if let Err(error) = keys.open(&tx, &mut after) {
        return Err(Failure::integrity(say::unopened(
            before.id,
            crate::exit::own_text(&error),
            &error.to_string(),
        ))
        .into());
    }
    let (old_name, old_phone) = (after.reporter_name.clone(), after.reporter_phone.clone());
    // Another reporter a reason names beside their phone ("theo đơn của bà K., đt 0987…")
    // is hidden from it as this report's own is: the log is read by every role.
    let by_phone = crate::app::reasons::reporters_by_phone(&tx, &keys, &reason)?;
    let fixed = match correction::correct(&after.external_id, &old_name, &old_phone, name, phone) {
        Ok(fixed) => fixed,
        Err(Refused::NoChange) => {
            drop(tx);
            // It told whether the values typed are the reporter's: an identity access,
            // listed by `audit reveals` and `export subject` with the reason typed (hidden
            // as a correction's is) and the fields tried, never their values.
            let stated =
                redact::hide_reporters(&redact::identity_reason(&reason, &[&old_name]), &by_phone);
            let tried: Vec<&str> = [
                name.map(|_| "reporter_name"),
                phone.map(|_| "reporter_phone"),
            ]
            .into_iter()
            .flatten()
            .collect();
            return Err(ctx.log_refused_noting(
                &conn,
                &actor,
                Operation::CorrectIdentity,
                Some(&before),
                say::refused(Refused::NoChange),
                serde_json::json!({"stated": stated, "fields": tried}),
            ));
        }
        Err(refused) => bail!(say::refused(refused)),
    };
    // A correction is of one report; the reporter's other reports sent from the old number
    // keep it, and a later request by the new number would miss them. Named for the admin
    // (who may look a phone up, `list --phone`) to correct them too if the request is for
    // all; never corrected here unasked: the old number may be another person's since.
    let also_on: Vec<crate::domain::report::Report> = if fixed.fields.contains(&"reporter_phone") {
        match crate::domain::reveals::sought_phone(&old_phone) {
            Some(sought) => {
                crate::app::show::SentFrom::search(&tx, &keys, std::slice::from_ref(&sought))?
                    .found
                    .into_iter()
                    .filter(|r| r.id != before.id)
                    .collect()
            }
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let old_phone_also_on: Vec<i64> = also_on.iter().map(|r| r.id).collect();
    // Neither name, the stored one nor the corrected one, goes into the log; phones, e-mail
    // addresses and identity numbers are hidden by their shape.
    // And each word of either alone: a given name quoted by itself tells the rest.
    // Nor the reporters of the reports the correction names (those the old number stands
    // on), nor one whose phone the reason writes.
    let others: Vec<String> = by_phone
        .into_iter()
        .chain(also_on.into_iter().map(|r| r.reporter_name))
        .collect();
    let recorded = redact::hide_reporters(
        &redact::identity_reason(&reason, &[&old_name, &fixed.name]),
        &others,
    );
    if !says_something_once_hidden(&recorded) {
        bail!(crate::output::show::reason_hidden("identity correct"));
    }
    // Where the name and phone being replaced stood in the public texts and media links,
    // found while they are still known, with what an earlier correction kept: the texts
    // were written under them, and a correction never shows more than before it (as
    // `erase` keeps the places of the name it destroys; offsets and a digest, nothing
    // personal). Every view hides them there beside the corrected name.
    let earlier = crate::domain::open311::KeptTexts::parse(
        crate::storage::events::kept_redaction(&tx, before.id)?.as_deref(),
    );
    let kept = crate::domain::open311::KeptTexts::of_with(&after, earlier.as_ref());
    // Those views hide the reporter's own name wherever it is written: a name corrected to
    // another person's (the official a complaint accuses) would hide that person from the
    // public feed and from the leaders who must act on it, the erasure after it for good.
    // Not refused (a name may well be written in the texts), but never done unawares.
    let moved = correction::places_moved(&after, earlier.as_ref(), &fixed.name, kept.as_ref());
    if !moved.is_empty() && !confirmed {
        drop(tx);
        // On record as a refused step: the inspector reads that a correction was tried and
        // why it was not made (the counts only, as the message says them).
        return Err(ctx.log_refused_noting(
            &conn,
            &actor,
            Operation::CorrectIdentity,
            Some(&before),
            say::would_move(before.id, &moved),
            serde_json::json!({}),
        ));
    }
    keys.reseal(&mut after, &fixed.name, &fixed.phone)?;
    let mut payload = serde_json::json!({
        "fields": fixed.fields,
        "reason": recorded,
        // The app id, sealed, as an erasure records it: no personal data.
        "external_id": after.external_id,
        "kept": kept,
    });
    // Counts of places only, never the words: the inspector reads what the change did to
    // the texts the public and the leaders read.
    if !moved.hidden.is_empty() {
        payload["public_places_hidden"] = serde_json::json!(moved.hidden);
    }
    if !moved.shown.is_empty() {
        payload["public_places_shown"] = serde_json::json!(moved.shown);
    }
    // Which other reports the old number stands on: the admin learnt them, a lookup by
    // phone as `list --phone`'s is, and two corrections of one report could look any number
    // up. Recorded as that lookup records what it found (`reports`, read by the same roles),
    // so that `audit reveals --report` and `export subject` list it on each report named
    // (`domain::reveals::OLD_PHONE_ALSO_ON`): the citizen asking who linked their reports
    // is answered. Events before this kept a count only.
    if !old_phone_also_on.is_empty() {
        payload["old_phone_also_on"] = serde_json::json!(old_phone_also_on);
    }
    let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
    let event = journal.append(Entry {
        kind: EventKind::IdentityCorrect,
        report: Some(Sealed::changed(&before, &after)),
        about: None,
        payload: payload.to_string(),
        clocks: None,
    })?;
    drop(journal);
    reports::update(&tx, &before, &after)?;
    tx.commit()?;
    // The superseded identity opens under the same own key: its bytes are folded out of the
    // WAL as an erasure's are (`storage::fold_wal`). A reader holding the old pages leaves
    // them until a later checkpoint; they hold only the value the reporter asked to replace.
    crate::storage::fold_wal(&conn);
    Ok(Corrected {
        report_id: before.id,
        fields: fixed.fields,
        event,
        moved,
        old_phone_also_on,
    })
}
