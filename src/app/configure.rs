//! Changing a setting (`settings set`): the value checked against what the setting takes,
//! stored, the open deadlines recomputed when the setting moves them, and the change
//! journaled, in one transaction. Reading settings is `app::settings`'s; this module sits
//! above both it and `app::deadlines`, which reads them.

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::Context;
use super::settings::{KNOWN, check};
use crate::domain::access::Actor;
use crate::domain::event::EventKind;
use crate::i18n::Localized;
use crate::storage::journal::{Entry, Journal};
use crate::storage::settings;
use crate::storage::tx::immediate;

/// What `settings set` stored.
pub struct Changed {
    pub key: String,
    pub stored: String,
    /// Reports a reported breach was taken back from (`deadlines::recompute_open_noting`).
    pub cleared_overdue: Vec<i64>,
}

/// Changes one setting (the caller has authorized it): checks the value, stores it, and
/// recomputes open deadlines when the setting moves them, all with its event in one
/// transaction.
pub fn set(
    ctx: &Context,
    conn: &Connection,
    actor: &Actor,
    key: &str,
    value: &str,
) -> Result<Changed> {
    let Some(known) = KNOWN.iter().find(|k| k.key == key) else {
        bail!(Localized::new(
            format!("Không có thiết lập \"{key}\"; xem `phananh settings show`."),
            format!("there is no setting \"{key}\"; see `phananh settings show`"),
        ));
    };
    let stored = check(known, value)?;
    let tx = immediate(conn)?;
    let before = settings::get(&tx, key)?;
    // The change is journaled under the settings it leaves: in `peer` mode, switching to
    // `trust` is itself a write that may not be timed by `--now` (docs/rules.md §7).
    let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
    settings::set(&tx, key, &stored)?;
    let recomputed = if known.moves_deadlines {
        Some(super::deadlines::recompute_open_noting(&tx, ctx)?)
    } else {
        None
    };
    let cleared_overdue = recomputed
        .as_ref()
        .map(|r| r.cleared_overdue.clone())
        .unwrap_or_default();
    let payload = ctx.sealed_payload(
        &tx,
        super::deadlines::with_cleared_reminders(
            serde_json::json!({
                "key": key, "from": before, "to": stored,
                "recomputed": recomputed.as_ref().map(|r| r.moved),
                "cleared_overdue": cleared_overdue,
            }),
            recomputed
                .as_ref()
                .map_or(&[][..], |r| &r.cleared_reminders[..]),
        ),
        &[("settings", vec![key.to_owned()])],
    )?;
    journal.append(Entry::note(EventKind::SettingsSet, payload))?;
    drop(journal);
    tx.commit()?;
    Ok(Changed {
        key: key.to_owned(),
        stored,
        cleared_overdue,
    })
}
