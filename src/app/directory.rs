//! Reference data as the `field`, `agency` and `staff` commands use it: who may read and
//! change it (anyone with an account reads; the admin changes), one line added from the
//! command line or a whole file imported (through `app::reference`'s all-or-nothing
//! imports), disabling an account, and binding operating-system logins to accounts
//! (docs/rules.md §7). Every change is an event.

use std::path::Path;

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::Context;
use super::reference::{
    Imported, Listed, Source, import_agencies, import_fields, import_staff, listed, log_change,
    read_table, set_bound,
};
use crate::domain::access::Operation;
use crate::domain::directory::Unstaffed;
use crate::domain::event::EventKind;
use crate::domain::identity::{self, AuthMode};
use crate::domain::text::nfc;
use crate::i18n::Localized;
use crate::output::workflow::Code;
use crate::storage::reference::{self, Agency, Field, LoginBinding, Staff};
use crate::storage::tx::immediate;

/// The database, for an account that may change reference data; with its username.
fn admin(ctx: &Context) -> Result<(Connection, String)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
    Ok((conn, actor.username))
}

/// The database, for an account that may read.
fn reader(ctx: &Context) -> Result<Connection> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Read, None)?;
    Ok(conn)
}

/// Which codes `codes` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codes {
    Agencies,
    Fields,
}

/// The agency or field codes, for shell completion. Codes are reference data, not reports,
/// so no account is asked for (as for the calendar); a missing database has none and is not
/// created. Only the codes of rows the log vouches for, judged in the snapshot they are
/// read in: a ghost agency inserted with `sqlite3` was offered at the operator's Tab as a
/// code like the others (`forged_events::completion_offers_no_code_the_log_does_not_vouch_for`).
pub fn codes(ctx: &Context, which: Codes) -> Result<Vec<String>> {
    if !ctx.db_path().exists() {
        return Ok(Vec::new());
    }
    let (kind, table) = match which {
        Codes::Agencies => (Code::Agency, "agencies"),
        Codes::Fields => (Code::Field, "fields"),
    };
    // As the reading commands open it, so that a backup on read-only media offers its
    // codes too (a writing open fails there, and the Tab key offered nothing).
    let conn = ctx.open_read()?;
    let _read = crate::storage::tx::snapshot(&conn)?;
    let vouched: std::collections::BTreeSet<Vec<String>> =
        super::audit::vouched_keys(&conn, table)?
            .into_iter()
            .collect();
    Ok(super::workflow::stored_codes(&conn, kind)?
        .into_iter()
        .filter(|code| vouched.contains(std::slice::from_ref(code)))
        .collect())
}

/// Adds a field, or changes its name and keywords when `yes` (`Source::Typed`); says which
/// it was.
pub fn add_field(
    ctx: &Context,
    code: &str,
    name: &str,
    keywords: String,
    yes: bool,
) -> Result<Imported> {
    let (conn, actor) = admin(ctx)?;
    let row = vec![code.trim().to_owned(), nfc(name.trim()), keywords];
    import_fields(&conn, ctx, &actor, &[(0, row)], Source::Typed { yes })
}

pub fn import_field_file(ctx: &Context, file: &Path) -> Result<Imported> {
    let (conn, actor) = admin(ctx)?;
    let rows = read_table(file, &ctx.input(None), &["code", "name", "keywords"], 2)?;
    import_fields(&conn, ctx, &actor, &rows, Source::File)
}

pub fn fields(ctx: &Context) -> Result<Listed<Field>> {
    listed(&reader(ctx)?, &["fields"], reference::fields)
}

/// Adds an agency, or changes it when `yes` (`Source::Typed`); says which it was. A change
/// that names no parent keeps the one the agency has: renaming a department with `agency
/// add` silently cut it from the province's committee (an explicit empty `--parent ""`
/// still clears it). The days in operation (`[from, until]`) are kept the same way.
pub fn add_agency(
    ctx: &Context,
    code: &str,
    name: &str,
    level: String,
    parent: Option<String>,
    [from, until]: [Option<String>; 2],
    yes: bool,
) -> Result<Imported> {
    let (conn, actor) = admin(ctx)?;
    let code = code.trim().to_owned();
    let stored = reference::load_agency(&conn, &code)?;
    let parent = match parent {
        Some(parent) => typed_agency(&conn, Some(parent))?,
        None => stored
            .as_ref()
            .and_then(|agency| agency.parent.clone())
            .unwrap_or_default(),
    };
    let from = from
        .or_else(|| stored.as_ref().and_then(|a| a.active_from.clone()))
        .unwrap_or_default();
    let until = until
        .or_else(|| stored.as_ref().and_then(|a| a.active_until.clone()))
        .unwrap_or_default();
    let row = vec![code, nfc(name.trim()), level, parent, from, until];
    import_agencies(&conn, ctx, &actor, &[(0, row)], Source::Typed { yes })
}

/// The agency an `add` names, as stored, or the refusal every command typed with an agency
/// gives (`workflow::agency_filter`: the agency whose name was typed, else the nearest
/// code); empty when none is named. The import's "line 0: agency does not exist" left the
/// admin to search a list of ninety.
fn typed_agency(conn: &rusqlite::Connection, typed: Option<String>) -> Result<String> {
    match typed.as_deref().map(str::trim) {
        Some(typed) if !typed.is_empty() => super::workflow::agency_filter(conn, typed),
        _ => Ok(String::new()),
    }
}

pub fn import_agency_file(ctx: &Context, file: &Path) -> Result<Imported> {
    let (conn, actor) = admin(ctx)?;
    // The province's own lists name the level `type` ("xã", "phường").
    let rows = read_table(
        file,
        &ctx.input(None),
        &["code", "name", "level|type", "parent", "from", "until"],
        3,
    )?;
    import_agencies(&conn, ctx, &actor, &rows, Source::File)
}

pub fn agencies(ctx: &Context) -> Result<Listed<Agency>> {
    listed(&reader(ctx)?, &["agencies"], reference::agencies)
}

/// Adds an account, or changes it when `yes` (`Source::Typed`); `logins` are bound to it
/// besides those it has. Says which it was: the account new, changed (and how), or as given
/// already.
pub fn add_staff(
    ctx: &Context,
    username: &str,
    name: &str,
    role: String,
    agency: Option<String>,
    logins: &[String],
    yes: bool,
) -> Result<Imported> {
    let logins = checked_logins(logins, identity::check_login)?;
    let (conn, actor) = admin(ctx)?;
    if let Some(bad) = super::reference::new_username_refused(&conn, username.trim())? {
        bail!(bad);
    }
    let row = vec![
        username.trim().to_owned(),
        nfc(name.trim()),
        role,
        typed_agency(&conn, agency)?,
        logins.join(" "),
    ];
    import_staff(&conn, ctx, &actor, &[(0, row)], Source::Typed { yes }, yes)
}

/// `yes`: the admin confirmed the changes of role or agency the file makes
/// (`reference::import_staff`).
pub fn import_staff_file(ctx: &Context, file: &Path, yes: bool) -> Result<Imported> {
    let (conn, actor) = admin(ctx)?;
    let rows = read_table(
        file,
        &ctx.input(None),
        &["username", "name", "role", "agency", "logins"],
        3,
    )?;
    import_staff(&conn, ctx, &actor, &rows, Source::File, yes)
}

/// Logins as typed on the command line, each checked by `check` (the domain's
/// `check_login` to bind, `check_login_to_unbind` to unbind).
fn checked_logins(
    logins: &[String],
    check: fn(&str) -> Result<String, identity::BadLogin>,
) -> Result<Vec<String>> {
    logins
        .iter()
        .map(|l| check(l).map_err(|bad| anyhow::Error::from(Localized::of(&bad))))
        .collect()
}

/// What `staff edit` changed.
#[derive(Debug, Default)]
pub struct Edited {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// Binds logins to an account and unbinds others, in one transaction, each change an
/// event. Binding a login it has already changes nothing; unbinding one it does not have is
/// refused (a mistyped login would otherwise look removed). In `peer` mode an admin cannot
/// unbind their own account from the login they act through: nobody would be left to undo
/// it from that login.
pub fn edit_staff(
    ctx: &Context,
    username: &str,
    add: &[String],
    remove: &[String],
    shared: Shared<'_>,
) -> Result<Edited> {
    let add = checked_logins(add, identity::check_login)?;
    let remove = checked_logins(remove, identity::check_login_to_unbind)?;
    let (conn, actor) = admin(ctx)?;
    let tx = immediate(&conn)?;
    if reference::load_staff(&tx, username)?.is_none() {
        return Err(
            crate::exit::Kind::NotFound.over(crate::output::directory::no_such_account(username))
        );
    }
    if username == actor && remove.contains(&ctx.login) && super::auth_mode(&tx)? == AuthMode::Peer
    {
        bail!(crate::output::directory::cannot_unbind_own_login(
            &ctx.login
        ));
    }
    if !add.is_empty() {
        as_the_log_sealed(&tx, username, crate::output::directory::Withheld::Bind)?;
    }
    let mut edited = Edited::default();
    for login in &remove {
        if !set_bound(&tx, ctx, &actor, username, login, false)? {
            bail!(crate::output::directory::not_bound(username, login));
        }
        edited.removed.push(login.clone());
    }
    for login in &add {
        let said = shared_login(&tx, username, login, &shared)?;
        if super::reference::set_bound_saying(&tx, ctx, &actor, username, login, true, said)? {
            edited.added.push(login.clone());
        }
    }
    tx.commit()?;
    Ok(edited)
}

/// What the admin said to bind a login that already acts as another account: confirmed
/// (`--yes`) and why (`--reason`).
pub struct Shared<'a> {
    pub yes: bool,
    pub reason: &'a str,
}

/// Refuses to bind `login` to `username` while it is bound to another active account,
/// unless confirmed with a reason; then the event records those accounts and the reason.
/// SECURITY.md asks each person's own login bound: an admin bound their own login to a
/// handler's account for one reply, unbound it, and the reply was the handler's in `show`,
/// the reports and the score, `audit verify` passing. One person who holds two accounts
/// (an admin who is also the auditor) is the case the confirmation is for.
fn shared_login(
    conn: &rusqlite::Connection,
    username: &str,
    login: &str,
    shared: &Shared<'_>,
) -> Result<Option<serde_json::Value>> {
    let others: Vec<String> = crate::storage::reference::bindings_of_login(conn, login)?
        .into_iter()
        .filter(|b| b.active && b.username != username)
        .map(|b| b.username)
        .collect();
    if others.is_empty() {
        return Ok(None);
    }
    let reason = crate::domain::text::nfc(shared.reason.trim());
    if !shared.yes || !crate::domain::statement::says_something(&reason) {
        bail!(crate::output::directory::login_of_another(
            login, username, &others
        ));
    }
    if crate::domain::statement::too_long_for_a_reason(&reason) {
        bail!(crate::output::show::reason_too_long("staff edit"));
    }
    Ok(Some(serde_json::json!({
        "also_bound_to": others,
        "reason": crate::domain::redact::redact_people(&reason).text,
    })))
}

/// The logins bound to accounts: every account's, or one's. Only the admin lists other
/// accounts' (`Operation::ListLogins`); any account reads its own line, to check what it
/// was bound to.
pub fn logins(ctx: &Context, username: Option<&str>) -> Result<Listed<LoginBinding>> {
    let conn = logins_reader(ctx, username)?;
    listed(&conn, &["staff_logins"], |conn| {
        reference::logins(conn, username)
    })
}

/// The active accounts no login is bound to (`staff logins --unbound`): the admin's, as
/// every account's logins are.
pub fn unbound(ctx: &Context) -> Result<Listed<Staff>> {
    listed(
        &logins_reader(ctx, None)?,
        &["staff", "staff_logins"],
        reference::unbound_staff,
    )
}

/// The database, for an account that may read the logins bound to `username` (None:
/// every account): a refusal, logged as any, tells the account how to read its own.
fn logins_reader(ctx: &Context, username: Option<&str>) -> Result<Connection> {
    let conn = reader(ctx)?;
    let actor = ctx.actor(&conn)?;
    if username == Some(actor.username.as_str()) {
        return Ok(conn);
    }
    if let Err(refusal) = crate::domain::access::authorize(&actor, Operation::ListLogins, None) {
        let said = crate::output::directory::logins_refused(&actor.username);
        return Err(ctx.log_refused_saying(
            &conn,
            &actor,
            Operation::ListLogins,
            None,
            &refusal,
            said,
        ));
    }
    Ok(conn)
}

pub fn staff(ctx: &Context) -> Result<Listed<Staff>> {
    listed(&reader(ctx)?, &["staff"], reference::staff)
}

/// Disables an account: it can no longer act, and stays in the audit log. An admin cannot
/// disable the account they act as (the province would be left without one).
/// Enables a disabled account again, as it was: a `staff_add` record, as `staff add`
/// writes, marked as an enable (`domain::tables::ENABLE_KEY`), so the log states what the
/// account may do and `audit verify` checks that only `active` changed. Refused (exit 5)
/// when the row is not the one the log last sealed: enabling a row raised behind the tool's
/// back with `sqlite3` would seal the raise as the log's. Says whether it was disabled.
pub fn enable_staff(ctx: &Context, username: &str) -> Result<bool> {
    let (conn, actor) = admin(ctx)?;
    let tx = immediate(&conn)?;
    let Some(mut staff) = reference::load_staff(&tx, username)? else {
        return Err(
            crate::exit::Kind::NotFound.over(crate::output::directory::no_such_account(username))
        );
    };
    if staff.active {
        return Ok(false);
    }
    as_the_log_sealed(&tx, username, crate::output::directory::Withheld::Enable)?;
    staff.active = true;
    reference::upsert_staff(&tx, &staff)?;
    let mut payload = serde_json::to_value(&staff)?;
    payload[crate::domain::tables::ENABLE_KEY] = serde_json::Value::Bool(true);
    log_change(
        &tx,
        ctx,
        &actor,
        EventKind::StaffAdd,
        payload,
        ("staff", username),
    )?;
    tx.commit()?;
    Ok(true)
}

/// Refuses (exit 5) a change that would give more to an account whose row is not the one
/// the log last sealed: enabling it, or binding it a login, would hand a role raised behind
/// the tool's back with `sqlite3` to whoever uses it. `refused` says what was not done.
fn as_the_log_sealed(
    conn: &Connection,
    username: &str,
    refused: crate::output::directory::Withheld,
) -> Result<()> {
    let table = crate::storage::sealed::table("staff").expect("staff is sealed");
    let key = [username.to_owned()];
    if let Some((event, sealed)) = crate::storage::sealed::last_sealed(conn, table, &key)?
        && sealed != crate::storage::sealed::current(conn, table, &key)?
    {
        return Err(
            crate::exit::Failure::integrity(crate::output::directory::edited_account(
                username, event, refused,
            ))
            .into(),
        );
    }
    Ok(())
}

/// Disables `username`; when it was its agency's last active handler, says which reports
/// the agency now holds with nobody to act on them (`Unstaffed`).
pub fn disable_staff(ctx: &Context, username: &str) -> Result<Option<Unstaffed>> {
    let (conn, actor) = admin(ctx)?;
    if username == actor {
        bail!(crate::output::directory::cannot_disable_self());
    }
    let tx = immediate(&conn)?;
    let agency = reference::load_staff(&tx, username)?
        .filter(|s| s.role == crate::domain::access::Role::Handler.as_str())
        .and_then(|s| s.agency);
    if !reference::set_staff_active(&tx, username, false)? {
        return Err(
            crate::exit::Kind::NotFound.over(crate::output::directory::no_such_account(username))
        );
    }
    log_change(
        &tx,
        ctx,
        &actor,
        EventKind::StaffDisable,
        serde_json::json!({ "username": username }),
        ("staff", username),
    )?;
    super::reference::keep_an_admin(&tx)?;
    let unstaffed = match &agency {
        Some(agency) => reference::unstaffed(&tx, agency)?,
        None => None,
    };
    tx.commit()?;
    Ok(unstaffed)
}
