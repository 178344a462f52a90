//! The `settings` table: the \[choice\] readings of docs/rules.md an admin may change.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::event::EventKind;
use crate::domain::history::undone;

/// Set on databases built by `demo`, so a later `demo` may replace them and nothing else.
pub const DEMO_MARKER: &str = "demo.database";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn all(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The settings and calendar changes logged after `after` (canonical RFC 3339 text), newest
/// first, as (kind, payload as undoing reads it: `history::undone`): what a report "as of" `after` undoes to see the settings and
/// calendar of its moment. Such events concern no report, so the index on `report_id` finds
/// them among millions of report events.
pub fn changes_after(conn: &Connection, after: &str) -> Result<Vec<(EventKind, String)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT action, payload FROM events
          WHERE report_id IS NULL AND at > ?1 AND action IN ({}) ORDER BY id DESC",
        changing_deadlines()
    ))?;
    let mut rows = stmt.query([after])?;
    let mut found = Vec::new();
    while let Some(r) = rows.next()? {
        let kind = r.get(0)?;
        found.push((kind, undone(kind, r.get_ref(1)?.as_str()?)));
    }
    Ok(found)
}

/// Every logged change to the calendar or the settings, newest first, with its event id
/// and its payload as undoing reads it (`history::undone`): `audit verify` rebuilds from them the calendar a stopped clock was last computed under.
pub fn changes_by_id(conn: &Connection) -> Result<Vec<(i64, (EventKind, String))>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, action, payload FROM events
          WHERE report_id IS NULL AND action IN ({}) ORDER BY id DESC",
        changing_deadlines()
    ))?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(r) = rows.next()? {
        let kind = r.get(1)?;
        found.push((r.get(0)?, (kind, undone(kind, r.get_ref(2)?.as_str()?))));
    }
    Ok(found)
}

/// The logged changes of a `deadline.*` setting made in [`from`, `until`) (stored times of
/// the events' `at`), oldest first: a report or score over the period names them
/// (`domain::periodic::LimitChange`); `from` is None where the setting had no row before.
pub fn deadline_changes(
    conn: &Connection,
    from: &str,
    until: &str,
) -> Result<Vec<crate::domain::periodic::LimitChange>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, json_extract(payload, '$.key'), json_extract(payload, '$.from'),
                json_extract(payload, '$.to')
           FROM events
          WHERE report_id IS NULL AND action = 'settings_set' AND json_valid(payload)
            AND at >= ?1 AND at < ?2
            AND json_extract(payload, '$.key') LIKE 'deadline.%'
          ORDER BY id",
    )?;
    let rows = stmt.query_map(params![from, until], |r| {
        Ok(crate::domain::periodic::LimitChange {
            event: r.get(0)?,
            at: r.get(1)?,
            key: r.get(2)?,
            from: r.get(3)?,
            to: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The stored names of `EventKind::CHANGING_DEADLINES`, as an SQL list.
fn changing_deadlines() -> String {
    EventKind::CHANGING_DEADLINES
        .map(|kind| format!("'{}'", kind.as_str()))
        .join(", ")
}
