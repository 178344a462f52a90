//! `init`: creates the database, its authentication mode and its first admin account,
//! bound to the login that runs it. Refuses any file that is not empty or already a
//! phananh database. Making it is `app::init`'s; what it says, `output::init`'s.

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::app::Context;
use crate::domain::identity::AuthMode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Username of the first admin account.
    #[arg(long, default_value = "admin")]
    pub admin: String,
    /// Full name of that admin.
    #[arg(long, default_value = crate::output::init::ADMIN_NAME, allow_hyphen_values = true)]
    pub name: String,
    /// How accounts are authenticated (setting auth.mode): peer = by the operating-system
    /// login, bound to accounts with `staff add --login` / `staff edit --add-login`, and
    /// steps timed by the system clock; trust = `--as` and `--now` taken as given (a
    /// single-user laptop, tests).
    #[arg(long, value_enum, default_value_t = Auth::Peer)]
    pub auth: Auth,
}

/// The modes `init --auth` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Auth {
    Peer,
    Trust,
}

impl Auth {
    fn mode(self) -> AuthMode {
        match self {
            Auth::Peer => AuthMode::Peer,
            Auth::Trust => AuthMode::Trust,
        }
    }
}

pub fn cmd_init(ctx: &Context, args: &InitArgs) -> Result<u8> {
    let mode = args.auth.mode();
    let created = crate::app::init::run(ctx, &args.admin, &args.name, mode)?;
    let notices = [
        crate::output::init::key_made(&ctx.key_path()),
        crate::output::init::created(&created.path, created.schema, &args.admin, &ctx.login, mode),
    ];
    for notice in notices {
        ctx.status(&notice.vi, &notice.en);
    }
    Ok(crate::exit::OK)
}
