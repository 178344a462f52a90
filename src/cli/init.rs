//! `init`: creates the database, its authentication mode and its first admin account,
//! bound to the login that runs it. Refuses any file that is not empty or already a
//! phananh database.

use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::app::Context;
use crate::domain::identity::AuthMode;
use crate::storage::{self, migrations};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Username of the first admin account.
    #[arg(long, default_value = "admin")]
    pub admin: String,
    /// Full name of that admin.
    #[arg(long, default_value = "Quản trị hệ thống", allow_hyphen_values = true)]
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
    let path = ctx.db_path();
    let mode = args.auth.mode();
    // A file `create` will refuse is refused for that, whatever the clock.
    let fresh =
        !path.exists() || matches!(storage::inspect(&path), Ok((storage::Identity::Empty, _)));
    if fresh {
        crate::app::init::check_clock(ctx, mode)?;
        crate::app::vault::check_key_path_free(ctx)?;
    }
    if let Some(refusal) = crate::app::reference::username_refusal(&args.admin) {
        anyhow::bail!(crate::output::init::admin_refused(&refusal));
    }
    // Built beside its name and put there whole: a failure on the way leaves nothing.
    let made = (|| -> Result<()> {
        let building = storage::build(&path)?;
        let key =
            crate::app::init::initialize(building.conn(), ctx, &args.admin, &args.name, mode)?;
        building.finish()?;
        key.keep();
        Ok(())
    })();
    made.map_err(|e| storage::diagnose::init_failed(e, &path))?;
    let notices = [
        crate::output::init::key_made(&ctx.key_path()),
        crate::output::init::created(&path, migrations::latest(), &args.admin, &ctx.login, mode),
    ];
    for notice in notices {
        ctx.status(&notice.vi, &notice.en);
    }
    Ok(crate::exit::OK)
}
