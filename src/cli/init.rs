//! `init`: creates the database and its first admin account. Refuses any file that is not
//! empty or already a phananh database.

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::storage::{self, migrations};

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
    crate::app::init::initialize(&conn, ctx, &args.admin, &args.name)?;
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
