//! `init`: creates the database and its first admin account. Refuses any file that is not
//! empty or already a phananh database.

use anyhow::Result;
use clap::Args;
use rusqlite::Connection;

use crate::app::Context;
use crate::storage::tx::immediate;
use crate::storage::{self, events, migrations, reference};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Username of the first admin account.
    #[arg(long, default_value = "admin")]
    pub admin: String,
    /// Full name of that admin.
    #[arg(long, default_value = "Quản trị hệ thống", allow_hyphen_values = true)]
    pub name: String,
}

pub fn cmd_init(ctx: &Context, args: &InitArgs) -> Result<u8> {
    let path = ctx.db_path();
    let conn = storage::create(&path)?;
    initialize(&conn, ctx, &args.admin, &args.name)?;
    ctx.status(
        &format!(
            "Đã tạo {} (lược đồ phiên bản {}), tài khoản quản trị: {}.",
            path.display(),
            migrations::latest(),
            args.admin
        ),
        &format!(
            "created {} (schema version {}), admin account: {}",
            path.display(),
            migrations::latest(),
            args.admin
        ),
    );
    Ok(crate::exit::OK)
}

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
