//! Changing a setting (`settings set`): the value checked against what the setting takes,
//! stored, the open deadlines recomputed when the setting moves them, and the change
//! journaled, in one transaction. Reading settings is `app::settings`'s; this module sits
//! above both it and `app::deadlines`, which reads them.

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::Context;
use super::settings::{KNOWN, check};
use crate::domain::access::{Actor, Operation};
use crate::domain::event::EventKind;
use crate::domain::identity::{self, AuthMode};
use crate::domain::parts::{List, Lists};
use crate::i18n::Bilingual;
use crate::i18n::Localized;
use crate::output::settings::SettingRow;
use crate::storage::journal::Journal;
use crate::storage::settings;
use crate::storage::tx::immediate;

/// What `settings set` stored.
pub struct Changed {
    pub key: String,
    pub stored: String,
    /// Reports a reported breach was taken back from (`deadlines::recompute_open_noting`).
    pub cleared_overdue: Vec<i64>,
    /// Reports the new value put past a deadline at once.
    pub made_overdue: Vec<i64>,
    /// Reports with a clock already past its deadline, which kept it
    /// (`deadlines::Keep::Passed`).
    pub kept_overdue: Vec<i64>,
    /// For the retention period (`privacy.erase_after_days`) set above 0: what the next
    /// sweep would erase under it now.
    pub retention: Option<Retention>,
    /// The row this change overwrote, when the log did not vouch for it (an edit made
    /// outside phananh): the event records `from_unvouched`.
    pub replaced_unvouched: Option<crate::domain::audit::ChainBreak>,
    /// For a new issuing body (`document.issuer`): the settings that still name the portal
    /// in the HTML report (its lead sentence's subject, its symbol), left unset.
    pub still_the_portal: Vec<&'static str>,
    /// For `auth.mode` set to `peer`: the active accounts no login is bound to, whom
    /// nobody can act as from now on.
    pub unbound: Vec<String>,
}

impl Changed {
    /// What the admin is told when the change overwrote an edit.
    pub fn replaced_notice(&self) -> Option<Localized> {
        let problem = self.replaced_unvouched.as_ref()?;
        Some(crate::output::settings::replaced_unvouched(problem))
    }
}

/// What a retention period means at the moment it is set: the sweep erases the reporter's
/// identity of reports closed before `cutoff` (stored form), `reports` of them now.
pub struct Retention {
    pub days: f64,
    pub cutoff: String,
    pub reports: Vec<i64>,
}

impl Retention {
    /// What the period means, and what the next sweep would do under it.
    pub fn said(&self) -> Localized {
        crate::output::settings::retention(self.days, &self.cutoff, self.reports.len())
    }
}

/// What `settings show` shows: each known setting's row, and the rows the log does not
/// vouch for.
pub struct Shown {
    pub rows: Vec<SettingRow>,
    pub unvouched: Vec<crate::domain::audit::ChainBreak>,
}

/// Every known setting with its value, default and meaning, for an account that may read,
/// read and judged against the log in one snapshot: read apart, a row edited between the
/// two would be shown as vouched for.
pub fn show(ctx: &Context) -> Result<Shown> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Read, None)?;
    let _read = crate::storage::tx::snapshot(&conn)?;
    let rows = KNOWN
        .iter()
        .map(|k| {
            Ok(SettingRow {
                key: k.key.to_owned(),
                value: super::settings::text(&conn, k.key)?,
                default: k.default.to_owned(),
                meaning: k.text(ctx.lang).into_owned(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let keys: Vec<&str> = KNOWN.iter().map(|k| k.key).collect();
    let unvouched = super::audit::unvouched_setting_rows(&conn, &keys)?;
    Ok(Shown { rows, unvouched })
}

/// `settings set`: opens the database and `set`s the value, for the admin.
pub fn change(ctx: &Context, key: &str, value: &str, yes: bool, reason: &str) -> Result<Changed> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
    // A retention period is an erasure the next sweep makes, which cannot be taken back:
    // set only by an account the log vouches for, as an `erase` is.
    if key.starts_with("privacy.") {
        ctx.vouched_for(&conn, &actor, Operation::ManageReference)?;
    }
    set(ctx, &conn, &actor, key, value, yes, reason)
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
    yes: bool,
    reason: &str,
) -> Result<Changed> {
    let Some(known) = KNOWN.iter().find(|k| k.key == key) else {
        let keys: Vec<&str> = KNOWN.iter().map(|k| k.key).collect();
        bail!(crate::output::settings::no_such_setting(
            key,
            crate::domain::text::closest(key, &keys)
        ));
    };
    let stored = check(known, value)?;
    let reason = crate::domain::text::nfc(reason.trim());
    let tx = immediate(conn)?;
    // Only what is read as of a past moment (`domain::history`): the limits and calendar
    // that move deadlines, the report's thresholds, the score's rules. Another key's `from`
    // is a record only, and refusing it would keep `auth.mode`, switched to `trust` with
    // `sqlite3`, from being put back to `peer` before a restore.
    let read_as_of_the_past =
        known.moves_deadlines || key.starts_with("report.") || key.starts_with("score.");
    if read_as_of_the_past {
        own_row_as_the_log_sealed(&tx, key)?;
    }
    // Overwriting an edit seals the row again and `audit verify` passes: the event keeps
    // that the value it replaced was not what the log sealed, or the edit would leave no
    // trace but its value, logged as if an earlier change had set it.
    let replaced_unvouched = if read_as_of_the_past {
        None
    } else {
        super::audit::unvouched_known_setting(&tx, key)?
    };
    if known.moves_deadlines {
        super::deadlines::as_the_log_sealed(&tx)?;
    }
    // The limits are the Decision's numbers, not readings the province chooses: set for
    // twenty minutes and put back, a longer one took a breach back and a shorter one branded
    // an agency's replies late for good, with no word asked. Changed only when the Decision
    // is, confirmed and with the amending text cited; the reports and scores of the period
    // name the change (docs/rules.md, Settings). Asked after the checks of the rows the
    // change rests on: an edit made outside phananh is named first (exit 5).
    if let Some(stage) = super::settings::decision_limit(key) {
        if !yes || !crate::domain::statement::says_something(&reason) {
            bail!(crate::output::settings::decision_limit(
                key,
                stage,
                known.default,
                &stored
            ));
        }
        if crate::domain::statement::too_long_for_a_reason(&reason) {
            bail!(crate::output::show::reason_too_long("settings set"));
        }
    }
    no_weight_left(&tx, key, &stored)?;
    let before = settings::get(&tx, key)?;
    let retention = retention(ctx, &tx, key, &stored)?;
    // Erasing is irreversible and the setting alone sets it off at the next sweep: a period
    // that would erase anything now is confirmed, as `key reset` is.
    if let Some(retention) = &retention
        && !retention.reports.is_empty()
        && !yes
    {
        let said = retention.said();
        bail!(crate::output::settings::unchanged_unless_yes(&said));
    }
    // Leaving `peer` for `trust` hands every account, the admin's included, to whoever can
    // run phananh on the file, and lets `--now` time their steps: one line did it without a
    // word. Confirmed as an erasing retention is; a `--now` that peer mode refuses is said
    // first, as it would be with --yes.
    if key == identity::SETTING
        && stored == AuthMode::Trust.as_str()
        && AuthMode::of_setting(before.as_deref()) == AuthMode::Peer
        && !yes
    {
        identity::timing(AuthMode::Peer, ctx.pinned, EventKind::SettingsSet)
            .map_err(|refusal| Localized::of(&refusal))?;
        bail!(crate::output::settings::unchanged_unless_yes(
            &crate::output::settings::trust_opens()
        ));
    }
    // Entering `peer` with no admin bound to the login that switched left nobody able to
    // act as one, that admin included: not even to switch back, or to bind a login (only
    // an edit with `sqlite3`, which `audit verify` names, undid it). Refused, --yes or not.
    if key == identity::SETTING
        && stored == AuthMode::Peer.as_str()
        && AuthMode::of_setting(before.as_deref()) == AuthMode::Trust
        && !admin_bound_to(&tx, &ctx.login)?
    {
        bail!(crate::output::settings::peer_locks_out(
            &ctx.login,
            &actor.username
        ));
    }
    // The change is journaled under the settings it leaves: in `peer` mode, switching to
    // `trust` is itself a write that may not be timed by `--now` (docs/rules.md §7).
    let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
    settings::set(&tx, key, &stored)?;
    let recomputed = if known.moves_deadlines {
        Some(super::deadlines::recompute_open_noting(
            &tx,
            ctx,
            super::deadlines::Keep::Passed,
        )?)
    } else {
        None
    };
    let cleared_overdue = recomputed
        .as_ref()
        .map(|r| r.cleared_overdue.clone())
        .unwrap_or_default();
    let made_overdue = recomputed
        .as_ref()
        .map(|r| r.made_overdue.clone())
        .unwrap_or_default();
    let mut kept_overdue: Vec<i64> = recomputed
        .as_ref()
        .map(|r| {
            r.kept
                .iter()
                .filter(|(_, stage, _)| *stage != crate::domain::deadline::Stage::Return)
                .map(|(report, _, _)| *report)
                .collect()
        })
        .unwrap_or_default();
    kept_overdue.sort_unstable();
    kept_overdue.dedup();
    let change = serde_json::json!({
        "key": key, "from": before, "to": stored,
        "recomputed": recomputed.as_ref().map(|r| r.moved),
        // The version every open clock now carries (`domain::audit::open_clock_version_known`).
        "calendar_version": match recomputed {
            Some(_) => Some(super::deadlines::Deadlines::load(&tx)?.calendar.version().to_owned()),
            None => None,
        },
    });
    let mut after = serde_json::Map::new();
    if replaced_unvouched.is_some() {
        after.insert("from_unvouched".to_owned(), true.into());
    }
    if !reason.is_empty() {
        after.insert(
            "reason".to_owned(),
            crate::domain::redact::redact_people(&reason).text.into(),
        );
    }
    let after = serde_json::Value::Object(after);
    // The long lists are written an entry at a time (`domain::payload::ObjectText`), and
    // those longer than a part into parts of their own (`domain::parts`): the text is
    // their only whole copy, and no text holds more than a part of them.
    let (kept, cleared) = match &recomputed {
        Some(recomputed) => (&recomputed.kept[..], &recomputed.cleared_reminders[..]),
        None => (&[][..], &[][..]),
    };
    let lists = Lists::new(vec![
        List::of("cleared_overdue", &cleared_overdue, |id| id),
        super::deadlines::kept_list(kept),
        super::deadlines::cleared_reminders_list(cleared),
    ]);
    ctx.append_with_parts(
        &tx,
        &mut journal,
        EventKind::SettingsSet,
        &lists,
        |payload| {
            payload.members(&change)?;
            lists.write(payload, "cleared_overdue")?;
            payload.members(&after)?;
            lists.write(payload, crate::domain::clocks::KEPT_OVERDUE)?;
            lists.write(payload, super::deadlines::CLEARED_REMINDERS)
        },
        Some(&[("settings", vec![key.to_owned()])]),
    )?;
    drop(lists);
    drop(recomputed);
    drop(journal);
    // The masthead would name the new body while the lead sentence said the portal reports,
    // under the portal's symbol.
    let mut still_the_portal = Vec::new();
    if key == "document.issuer" && !stored.trim().is_empty() {
        for companion in ["document.reporter", "document.symbol"] {
            if settings::get(&tx, companion)?.is_none_or(|v| v.trim().is_empty()) {
                still_the_portal.push(companion);
            }
        }
    }
    let unbound = if key == identity::SETTING && stored == AuthMode::Peer.as_str() {
        crate::storage::reference::unbound_staff(&tx)?
            .into_iter()
            .map(|s| s.username)
            .collect()
    } else {
        Vec::new()
    };
    tx.commit()?;
    Ok(Changed {
        key: key.to_owned(),
        stored,
        cleared_overdue,
        made_overdue,
        kept_overdue,
        retention,
        replaced_unvouched,
        still_the_portal,
        unbound,
    })
}

/// Whether an enabled admin account is bound to `login`: in `peer` mode someone at it can
/// still act as one.
fn admin_bound_to(conn: &Connection, login: &str) -> Result<bool> {
    for binding in crate::storage::reference::bindings_of_login(conn, login)? {
        if binding.active
            && crate::storage::reference::load_staff(conn, &binding.username)?
                .is_some_and(|s| s.role == crate::domain::access::Role::Admin.as_str())
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Refuses (exit 5) to set `key` while its own row is not what the log sealed. Overwriting
/// the row would repair it, but the change's event records the value it replaced (`from`),
/// and `report`, `score` and `audit verify` read the setting in force before the change by
/// undoing it (`domain::history`): the value written with `sqlite3` would become, sealed
/// as the admin's, the setting of every earlier moment
/// (`forged_events::a_setting_set_over_its_own_row_edited_with_sqlite3_is_refused`).
fn own_row_as_the_log_sealed(conn: &Connection, key: &str) -> Result<()> {
    let Some(problem) = super::audit::unvouched_setting_row(conn, key)? else {
        return Ok(());
    };
    Err(
        crate::exit::Failure::integrity(crate::output::settings::own_row_unvouched(key, &problem))
            .into(),
    )
}

/// The score's four weights, in the order `score --explain` names them.
pub const WEIGHTS: [&str; 4] = [
    "score.weight_on_time",
    "score.weight_returns",
    "score.weight_send_backs",
    "score.weight_satisfaction",
];

/// Refuses to set the last score weight above 0 to 0: the score divides by their sum, and
/// with none left every agency's score and rank would be empty, which `score` would print as
/// if no agency had done any work (docs/rules.md §5).
fn no_weight_left(conn: &Connection, key: &str, stored: &str) -> Result<()> {
    if !WEIGHTS.contains(&key) || stored.parse::<f64>().is_ok_and(|w| w != 0.0) {
        return Ok(());
    }
    for other in WEIGHTS.iter().filter(|k| **k != key) {
        if super::settings::value(conn, other)? != 0.0 {
            return Ok(());
        }
    }
    bail!(crate::output::settings::no_weight_left(key, &WEIGHTS));
}

/// What setting the retention period to `stored` means now, if that is the key and the
/// period is on.
fn retention(
    ctx: &Context,
    conn: &Connection,
    key: &str,
    stored: &str,
) -> Result<Option<Retention>> {
    if key != super::erase::RETENTION {
        return Ok(None);
    }
    let Ok(days) = stored.parse::<f64>() else {
        return Ok(None);
    };
    let Some(period) = super::erase::retention_period(days) else {
        return Ok(None);
    };
    let cutoff = crate::domain::time::format(&(ctx.now - period));
    let reports = super::erase::closed_before(conn, &cutoff)?.reports;
    Ok(Some(Retention {
        days,
        cutoff,
        reports,
    }))
}
