//! Recording a reporter's withdrawal of their consent to share their identity with the
//! handling agency (Đ6.5 makes the agency's use of it depend on that consent; Law
//! 91/2025/QH15 lets the data subject withdraw a consent at any time): `identity consent
//! --withdraw` seals the report's `consent` as false in one `consent_withdraw` event that
//! records who, when and why, never an identity. From then on the handling agency no longer
//! sees the reporter (`domain::access`), as for a reporter who never consented; the portal's
//! roles keep what docs/rules.md §2 gives them. Admin only, as `identity correct`: the
//! reporter's request reaches the province's contact point. `identity consent --give` is
//! its mirror: Đ6.5 lets the agency use the identity with the reporter's consent, which the
//! portal may seek when the handling needs it; the reporter's "yes", asked, is sealed as a
//! `consent_give` event under the same rules.

use anyhow::{Result, bail};

use super::{Context, resolve};
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::statement::{says_something, says_something_once_hidden};
use crate::domain::{redact, text};
use crate::exit::Failure;
use crate::output::consent as say;
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::reports;
use crate::storage::tx::immediate;

/// What `identity consent --withdraw` did.
#[derive(Debug)]
pub struct Withdrawn {
    pub report_id: i64,
    /// The `consent_withdraw` event that records it.
    pub event: i64,
    /// When, as the event records it (RFC 3339, +07:00).
    pub at: String,
}

/// What `identity consent --give` did.
#[derive(Debug)]
pub struct Given {
    pub report_id: i64,
    /// The `consent_give` event that records it.
    pub event: i64,
    /// When, as the event records it (RFC 3339, +07:00).
    pub at: String,
}

/// `identity consent --withdraw`: the consent of the report `reference` names, withdrawn.
/// Refused: an account that is not admin (or one the log does not vouch for), a reason that
/// says nothing or is too long, an erased identity (no one is left to be known), an identity
/// the key does not open (exit 5), a reporter who never consented, and a consent withdrawn
/// already (its date said; nothing is recorded twice). Each refusal about the request, not
/// about who asked, is logged as a refused step, as `identity correct`'s are.
pub fn withdraw(ctx: &Context, reference: &str, reason: &str) -> Result<Withdrawn> {
    let (report_id, event, at) = record(ctx, reference, reason, Way::Withdraw)?;
    Ok(Withdrawn {
        report_id,
        event,
        at,
    })
}

/// `identity consent --give`: the report `reference` names now has its reporter's consent,
/// asked for when the handling needed it (Đ6.5). Refused as [`withdraw`] is: an account
/// that is not admin, a reason that says nothing or is too long, an erased identity, an
/// identity the key does not open (exit 5), and a consent the report holds already (given
/// when it was sent, or recorded before: nothing is recorded twice), each logged.
pub fn give(ctx: &Context, reference: &str, reason: &str) -> Result<Given> {
    let (report_id, event, at) = record(ctx, reference, reason, Way::Give)?;
    Ok(Given {
        report_id,
        event,
        at,
    })
}

/// Which way a consent is recorded: the one step both ways share, with what tells them
/// apart.
#[derive(Clone, Copy)]
enum Way {
    Withdraw,
    Give,
}

impl Way {
    fn operation(self) -> Operation {
        match self {
            Way::Withdraw => Operation::WithdrawConsent,
            Way::Give => Operation::GiveConsent,
        }
    }

    fn kind(self) -> EventKind {
        match self {
            Way::Withdraw => EventKind::ConsentWithdraw,
            Way::Give => EventKind::ConsentGive,
        }
    }

    /// The consent the report holds once recorded.
    fn consent(self) -> bool {
        matches!(self, Way::Give)
    }

    /// When the log last recorded this way for report `id`.
    fn last_at(self, conn: &rusqlite::Connection, id: i64) -> Result<Option<String>> {
        match self {
            Way::Withdraw => crate::storage::events::consent_withdrawn_at(conn, id),
            Way::Give => crate::storage::events::consent_given_at(conn, id),
        }
    }
}

/// The consent of the report `reference` names, recorded `way` in one sealed event (the
/// report, the event, its time); refused and logged as [`withdraw`] says.
fn record(ctx: &Context, reference: &str, reason: &str, way: Way) -> Result<(i64, i64, String)> {
    let reason = text::nfc(reason.trim());
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, way.operation(), None)?;
    if !says_something(&reason) {
        bail!(match way {
            Way::Withdraw => say::reason_needed(),
            Way::Give => say::give_reason_needed(),
        });
    }
    if crate::domain::statement::too_long_for_a_reason(&reason) {
        // Logged, the reason not kept: it is too long to be anything but the letter itself.
        let about = resolve(&conn, reference).ok();
        return Err(ctx.log_refused_noting(
            &conn,
            &actor,
            way.operation(),
            about.as_ref(),
            crate::output::show::reason_too_long("identity consent"),
            serde_json::json!({}),
        ));
    }
    let keys = ctx.keys(&conn)?;
    let tx = immediate(&conn)?;
    let before = resolve(&tx, reference)?;
    let refuse = |said| {
        ctx.log_refused_noting(
            &conn,
            &actor,
            way.operation(),
            Some(&before),
            said,
            serde_json::json!({}),
        )
    };
    if before.identity_erased() {
        drop(tx);
        return Err(refuse(match way {
            Way::Withdraw => say::erased(before.id),
            Way::Give => say::erased_give(before.id),
        }));
    }
    if before.consent == way.consent() {
        let since = way.last_at(&tx, before.id)?;
        drop(tx);
        return Err(refuse(match (way, since) {
            (Way::Withdraw, Some(at)) => say::already_withdrawn(before.id, &at),
            (Way::Withdraw, None) => say::never_given(before.id),
            (Way::Give, since) => say::already_given(before.id, since.as_deref()),
        }));
    }
    let mut opened = before.clone();
    if let Err(error) = keys.open(&tx, &mut opened) {
        return Err(Failure::integrity(crate::output::correct::unopened(
            before.id,
            crate::exit::own_text(&error),
            &error.to_string(),
        ))
        .into());
    }
    // The reason is read by every role that reads the log: the reporter's name, and any
    // phone or other identifier typed into it, are hidden as a correction's are, and so is
    // the reporter of a phone it writes.
    let recorded = redact::hide_reporters(
        &redact::identity_reason(&reason, &[&opened.reporter_name]),
        &crate::app::reasons::reporters_by_phone(&tx, &keys, &reason)?,
    );
    if !says_something_once_hidden(&recorded) {
        bail!(crate::output::show::reason_hidden("identity consent"));
    }
    let mut after = before.clone();
    after.consent = way.consent();
    let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
    let event = journal.append(Entry {
        kind: way.kind(),
        report: Some(Sealed::changed(&before, &after)),
        about: None,
        // The app id, sealed, as a correction records it: no personal data.
        payload: serde_json::json!({
            "reason": recorded,
            "external_id": before.external_id,
        })
        .to_string(),
        clocks: None,
    })?;
    drop(journal);
    reports::update(&tx, &before, &after)?;
    let at = way.last_at(&tx, before.id)?.unwrap_or_default();
    tx.commit()?;
    Ok((before.id, event, at))
}
