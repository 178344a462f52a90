//! A new database's first content: its first admin account and the `init` event.

use anyhow::Result;
use rusqlite::Connection;

use super::Context;
use crate::domain::event::EventKind;
use crate::storage::tx::immediate;
use crate::storage::{migrations, reference};

/// Writes the first admin and the `init` event into a freshly created database.
pub fn initialize(conn: &Connection, ctx: &Context, admin: &str, name: &str) -> Result<()> {
    let tx = immediate(conn)?;
    let staff = reference::Staff {
        username: admin.to_owned(),
        name: crate::domain::text::nfc(name),
        role: "admin".to_owned(),
        agency: None,
        active: true,
    };
    reference::upsert_staff(&tx, &staff)?;
    // The first event seals every sealed table whole: from here on, each of their rows is
    // what the log says (docs/rules.md §2).
    ctx.note_whole(
        &tx,
        admin,
        EventKind::Init,
        serde_json::json!({ "schema_version": migrations::latest(), "admin": admin }),
    )?;
    tx.commit()?;
    Ok(())
}
