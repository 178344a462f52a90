//! A reason staff type into a step, as the log keeps it: the other reporters it names hidden
//! before it is logged, since every role reads the log and leaders and auditors may see no
//! reporter (docs/rules.md §2, SECURITY.md). Owns the lookup of the reporter of a phone a
//! reason writes, and the choice between that lookup and hiding every name by its shape
//! for an account that may not look a phone up; the hiding itself is `domain::redact`'s.
//! Used by the reveal's, the identity steps', the erasure's, the return's and the
//! send-back's reasons.

use anyhow::Result;
use rusqlite::Connection;

use crate::app::Context;
use crate::app::vault::Keys;
use crate::domain::access::{self, Actor, Operation, Target};
use crate::domain::redact::{hide_reporters, redact_people};
use crate::domain::report::Report;
use crate::domain::reveals::{phones_written, same_phone};
use crate::domain::workflow::Action;

/// `hidden` (what was `written`, with what the caller hides there already hidden) with the
/// reporter of a phone `written` writes hidden too: a reason that gives a phone names that
/// number's reporter beside it ("trùng đơn bà Kín, đt 0987…"), and the phone alone is hidden
/// at read by its shape while the name stayed for the leaders and auditors who read the log.
/// Looked up by that phone for an account that may look a phone up anyway (`list --phone`,
/// with `keys`), the report's own reporter left to the caller. For any other account the
/// answer would be an oracle (whether a name guessed goes with a phone guessed shows in the
/// reason read back), so a phone that is not the report's own has every name in the reason
/// hidden by its shape instead; and so does any phone, for an account that may not see the
/// report's own (`sees_own` false: the answer would tell whether the report came from it).
/// `report`'s identity opened when `sees_own`.
pub(crate) fn others_hidden(
    read: &Connection,
    keys: Option<&Keys>,
    actor: &Actor,
    report: &Report,
    sees_own: bool,
    written: &str,
    hidden: String,
) -> Result<String> {
    let phones = phones_written(written);
    if phones.is_empty() {
        return Ok(hidden);
    }
    if let Some(keys) = keys
        && access::role_may(actor.role, Operation::FindReporter)
    {
        let others: Vec<String> = reporters_by_phone(read, keys, written)?
            .into_iter()
            .filter(|name| !sees_own || *name != report.reporter_name)
            .collect();
        return Ok(hide_reporters(&hidden, &others));
    }
    let foreign = !sees_own
        || phones
            .iter()
            .any(|phone| !same_phone(phone, &report.reporter_phone));
    Ok(match foreign {
        true => redact_people(&hidden).text,
        false => hidden,
    })
}

/// The names of the reporters whose stored phone `reason` writes, to hide in it before it
/// is logged (`redact::hide_reporters`). Found as `list --phone` finds them (which may open
/// every identity); each spelling once. Empty, and nothing read, when the reason writes no
/// phone.
pub(crate) fn reporters_by_phone(
    read: &Connection,
    keys: &Keys,
    reason: &str,
) -> Result<Vec<String>> {
    let sought = phones_written(reason);
    if sought.is_empty() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = Vec::new();
    for report in crate::app::show::SentFrom::search(read, keys, &sought)?.found {
        if !names.contains(&report.reporter_name) {
            names.push(report.reporter_name);
        }
    }
    Ok(names)
}

/// A return's or a send-back's reason (`action`, decided on `report` as loaded inside the
/// step's lock) as the log keeps it: with the other reporters it names hidden
/// ([`others_hidden`]). Its own reporter is left as typed, hidden at read from a reader who
/// may not see them (`app::show`, `app::audit`), so that the roles that may see them still
/// read it.
/// Any other step, or a reason that writes no phone, is given back as it is, nothing read.
/// Without the key (or one that does not open this report), any phone counts as another's.
pub(crate) fn in_step(
    tx: &Connection,
    ctx: &Context,
    actor: &Actor,
    report: &Report,
    action: Action,
) -> Result<Action> {
    let (Action::Return { reason } | Action::SendBack { reason }) = &action else {
        return Ok(action);
    };
    if phones_written(reason).is_empty() {
        return Ok(action);
    }
    let keys = ctx.keys(tx).ok();
    let mut opened = report.clone();
    let sees_own = match &keys {
        Some(keys) => {
            keys.open(tx, &mut opened).is_ok()
                && access::may_see_identity_of(
                    actor,
                    Target::from(report),
                    crate::storage::events::sealed_as_it_stands(tx, report)?,
                )
        }
        None => false,
    };
    let kept = others_hidden(
        tx,
        keys.as_ref(),
        actor,
        &opened,
        sees_own,
        reason,
        reason.clone(),
    )?;
    Ok(match action {
        Action::Return { .. } => Action::Return { reason: kept },
        Action::SendBack { .. } => Action::SendBack { reason: kept },
        other => other,
    })
}
