//! A new database's first content: its authentication mode, its first admin account bound
//! to the login that ran `init`, the key file of its reporters' identities, and the events
//! that record them.

use anyhow::Result;
use rusqlite::Connection;

use super::Context;
use crate::domain::event::EventKind;
use crate::domain::identity::{self, AuthMode};
use crate::i18n::Localized;
use crate::storage::tx::immediate;
use crate::storage::{migrations, reference, settings};

/// The database `init` made: where, and at which schema version.
pub struct Created {
    pub path: std::path::PathBuf,
    pub schema: i64,
}

/// Creates the database at the context's path with its first admin `admin` (full name
/// `name`) and mode `mode`, and its key file. Refuses any file that is not empty or already
/// a phananh database.
pub fn run(ctx: &Context, admin: &str, name: &str, mode: AuthMode) -> Result<Created> {
    let path = ctx.db_path();
    // A file `create` will refuse is refused for that, whatever the clock.
    let fresh = !path.exists()
        || matches!(
            crate::storage::inspect(&path),
            Ok((crate::storage::Identity::Empty, _))
        );
    if fresh {
        check_clock(ctx, mode)?;
        super::vault::check_key_path_free(ctx)?;
    }
    if let Some(refusal) = super::reference::username_refusal(admin) {
        anyhow::bail!(crate::output::init::admin_refused(&refusal));
    }
    // Built beside its name and put there whole: a failure on the way leaves nothing.
    let made = (|| -> Result<()> {
        let building = crate::storage::build(&path)?;
        let key = initialize(building.conn(), ctx, admin, name, mode)?;
        building.finish()?;
        key.keep();
        Ok(())
    })();
    made.map_err(|e| crate::storage::diagnose::init_failed(e, &path))?;
    Ok(Created {
        path,
        schema: migrations::latest(),
    })
}

/// Refuses, before any file is made, an `init` in `peer` mode timed by `--now`: the new
/// database would start with the very clock it refuses afterwards.
pub fn check_clock(ctx: &Context, mode: AuthMode) -> Result<()> {
    identity::timing(mode, ctx.pinned, EventKind::Init)
        .map_err(|refusal| Localized::of(&refusal))?;
    Ok(())
}

/// Writes the mode, the first admin and the `init` event into a freshly created database.
/// The admin is bound to the login that ran `init` in either mode, so that switching a
/// `trust` database to `peer` later does not lock its admin out. The `init` event records
/// all three (the mode and the binding have no event of their own: they are the database's
/// starting point, as the admin account is).
pub fn initialize(
    conn: &Connection,
    ctx: &Context,
    admin: &str,
    name: &str,
    mode: AuthMode,
) -> Result<NewKey> {
    let tx = immediate(conn)?;
    let staff = reference::Staff {
        username: admin.to_owned(),
        name: crate::domain::text::nfc(name),
        role: "admin".to_owned(),
        agency: None,
        active: true,
    };
    reference::upsert_staff(&tx, &staff)?;
    reference::add_login(&tx, admin, &ctx.login)?;
    settings::set(&tx, identity::SETTING, mode.as_str())?;
    // The key of reporters' identities, outside the database (SECURITY.md).
    let key = NewKey {
        path: super::vault::create_key(ctx, &tx)?,
        kept: false,
    };
    let key_id = crate::storage::keyfile::key_id(&tx)?;
    // The first event seals every sealed table whole: from here on, each of their rows is
    // what the log says (docs/rules.md §2).
    ctx.note_whole(
        &tx,
        admin,
        EventKind::Init,
        serde_json::json!({
            "schema_version": migrations::latest(),
            "admin": admin,
            // The first admin's values, as a `staff_add` states an account's: `audit
            // verify` reads from them what the account may do (domain::tables).
            "admin_name": staff.name,
            "login": ctx.login,
            "auth_mode": mode.as_str(),
            // The calendar every clock starts under (`domain::audit::open_clock_version_known`).
            "calendar_version": super::deadlines::Deadlines::load(&tx)?.calendar.version(),
            // The key the identities are under, as `key rotate`, `key reset` and a restore
            // record it after: `audit verify` judges the vault row by the latest.
            "key_id": key_id,
        }),
    )?;
    tx.commit()?;
    Ok(key)
}

/// The key file `init` made, removed when dropped unless kept: a database that failed to
/// be made must not leave its key behind, where the next `init` refuses the path as
/// "another database's key"
/// (`setup::an_init_that_fails_after_making_the_file_leaves_nothing_behind`). Made new
/// (`O_EXCL`), so it is never anyone else's file.
#[must_use = "dropped, the key file is removed"]
pub struct NewKey {
    path: std::path::PathBuf,
    kept: bool,
}

impl NewKey {
    /// The database it opens is in place: the key stays.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for NewKey {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
