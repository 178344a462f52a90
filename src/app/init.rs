//! A new database's first content: its first admin account and the `init` event.

use anyhow::Result;
use rusqlite::Connection;

use super::Context;
use crate::storage::tx::immediate;
use crate::storage::{events, migrations, reference};

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
    events::append(
        &tx,
        events::NewEvent {
            report_id: None,
            at: &ctx.now_text(),
            actor: admin,
            action: "init",
            from_status: None,
            to_status: None,
            payload: serde_json::json!({ "schema_version": migrations::latest(), "admin": admin })
                .to_string(),
            report_hash: None,
        },
    )?;
    tx.commit()?;
    Ok(())
}
