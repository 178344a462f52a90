//! Reference data as use cases: reading a reference CSV whole, and importing fields,
//! agencies and staff all-or-nothing (a half-loaded agency tree is worse than none), and
//! binding logins to accounts; each change an event.

use std::path::Path;

use anyhow::{Result, bail};
use rusqlite::Connection;
use serde::Serialize;

use super::Context;
use crate::domain::access::Role;
pub use crate::domain::directory::Imported;
use crate::domain::directory::{Change, differing};
use crate::domain::event::EventKind;
use crate::domain::identity;
use crate::domain::text::nfc;
use crate::i18n::Bilingual;
use crate::i18n::Localized;
use crate::output::reference as say;
use crate::storage::reference::{self, Agency, Field, Staff, split_keywords};
use crate::storage::tx::immediate;

/// Logs a change to one row of a sealed table (`table`, keyed by `key`), the row sealed
/// as it now stands.
pub fn log_change(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    kind: EventKind,
    payload: impl Serialize,
    (table, key): (&str, &str),
) -> Result<()> {
    ctx.note_rows(
        conn,
        actor,
        kind,
        serde_json::to_value(&payload)?,
        &[(table, vec![key.to_owned()])],
    )?;
    Ok(())
}

/// Reads a whole reference CSV into rows of strings keyed by the expected columns; any
/// problem is reported with its line, and nothing is loaded.
pub fn read_table(
    path: &Path,
    rule: &crate::storage::private::Input,
    columns: &[&str],
    required: usize,
) -> Result<Vec<(u64, Vec<String>)>> {
    let text =
        crate::app::bounded::read_small(path, rule)?.map_err(|e| say::unreadable_csv(path, &e))?;
    parse_table(&text, &path.display().to_string(), columns, required)
}

/// Parses reference CSV text: columns by header name, the first `required` of them must be
/// present and non-empty in every row.
pub fn parse_table(
    text: &str,
    name: &str,
    columns: &[&str],
    required: usize,
) -> Result<Vec<(u64, Vec<String>)>> {
    // Excel in Vietnamese saves "CSV" with semicolons (the decimal comma takes the comma),
    // as `ingest` reads it: a header line with semicolons and no comma is read so, where
    // it was refused as lacking its first column ("thiếu cột code").
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let header = csv.headers()?.clone();
    // A column may go by another name (`level|type`): the first is the one said.
    let positions: Vec<Option<usize>> = columns
        .iter()
        .map(|c| {
            header.iter().position(|h| {
                c.split('|')
                    .any(|name| h.trim().trim_start_matches('\u{feff}') == name)
            })
        })
        .collect();
    let named: Vec<&str> = columns
        .iter()
        .map(|c| c.split('|').next().unwrap_or(c))
        .collect();
    let columns = named.as_slice();
    if let Some(missing) = positions.iter().take(required).position(Option::is_none) {
        bail!(say::missing_column(name, columns[missing], columns));
    }
    // A column the file names that is a slip of one it lacks (`login` for the optional
    // `logins`) was dropped without a word: the accounts came in unbound. Any other column
    // of the officer's own is still left alone.
    for typed in header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}'))
    {
        let absent = |meant: &str| {
            columns
                .iter()
                .zip(&positions)
                .any(|(c, p)| *c == meant && p.is_none())
        };
        if let Some(meant) = crate::domain::text::closest(typed, columns).filter(|m| absent(m))
            && !typed.is_empty()
        {
            bail!(say::mistyped_column(name, typed, meant, columns));
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut lines = crate::domain::lines::LineOf::new(text.as_bytes());
    for record in csv.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                // The CSV reader's own words (a byte that is not UTF-8, an I/O error), with
                // the file's name in the reader's language.
                problems.push(say::csv_unreadable(name, &e));
                continue;
            }
        };
        let line = lines.of(record.position().map_or(0, |p| p.byte()));
        if record.len() != header.len() {
            problems.push(say::cells_miscounted(
                name,
                line,
                record.len(),
                header.len(),
            ));
            continue;
        }
        let values: Vec<String> = positions
            .iter()
            .map(|p| {
                p.and_then(|i| record.get(i))
                    .map(|v| nfc(v.trim()))
                    .unwrap_or_default()
            })
            .collect();
        if let Some(empty) = values.iter().take(required).position(String::is_empty) {
            problems.push(say::empty_cell(name, line, columns[empty]));
            continue;
        }
        rows.push((line, values));
    }
    refuse_any(&problems)?;
    Ok(rows)
}

/// `refuse_any` for rows from `source`: the one row an `add` typed is refused in one line,
/// with no line number and no word of a file.
fn refuse_rows(problems: &[Localized], source: Source) -> Result<()> {
    match source {
        Source::Typed { .. } if !problems.is_empty() => bail!(say::typed_refused(problems)),
        _ => refuse_any(problems),
    }
}

/// All-or-nothing: any problem found in the rows refuses the whole import, each problem
/// listed on its line in the reader's language.
pub fn refuse_any(problems: &[Localized]) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    bail!(say::nothing_loaded(problems))
}

/// A key (first column) on two lines of one file, whatever its case (commands take `gt`
/// for GT): which line should win is the operator's call, not the order of the file's
/// lines.
fn duplicate_keys(rows: &[(u64, Vec<String>)], problems: &mut Vec<Localized>) {
    let mut first = std::collections::HashMap::new();
    for (line, v) in rows {
        let key = v[0].to_lowercase();
        if let Some(&earlier) = first.get(&key) {
            problems.push(say::duplicate_key(*line, &v[0], earlier));
        } else {
            first.insert(key, *line);
        }
    }
}

/// The rows whose code is a stored code but for case (`gt` beside GT): made a second
/// field or agency beside the first, with its name, they made every command that takes a
/// code in either case (`classify --field gt`, `assign --agency Sxd`) unable to tell which
/// was meant, and `classify --suggest` tied the two. `as_stored` finds a typed code's
/// stored spelling (`storage::reference::field_code`, `agency_code`).
fn codes_in_another_case(
    conn: &Connection,
    rows: &[(u64, Vec<String>)],
    as_stored: fn(&Connection, &str) -> Result<Option<String>>,
    problems: &mut Vec<Localized>,
) -> Result<()> {
    for (line, v) in rows {
        if let Some(stored) = as_stored(conn, &v[0])?
            && stored != v[0]
        {
            problems.push(say::code_in_another_case(*line, &v[0], &stored));
        }
    }
    Ok(())
}

/// Where the rows come from, which decides what a row already stored may become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A file (`… import`): a list, where a changed row is changed and said after
    /// (`Imported`), and a disabled account is a row left over from an older file: it stays
    /// disabled.
    File,
    /// One row typed (`… add`). The admin names that one key, so a disabled account is
    /// enabled; but a command called `add` that meets a key already stored (another person's
    /// account of the same name, a field's code typed for a new one) changes it only with
    /// `yes`: refused otherwise, saying each part old → new, nothing written.
    Typed { yes: bool },
}

impl Source {
    /// Refuses the change `what` to the stored row `key` when it was typed without `--yes`.
    pub fn allows(self, key: &str, what: &[Change], noun: say::Noun) -> Result<()> {
        if self == (Source::Typed { yes: false }) && !what.is_empty() {
            bail!(say::would_change(noun, key, what));
        }
        Ok(())
    }
}

pub fn import_fields(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
    source: Source,
) -> Result<Imported> {
    let mut problems = Vec::new();
    duplicate_keys(rows, &mut problems);
    codes_in_another_case(conn, rows, reference::field_code, &mut problems)?;
    refuse_rows(&problems, source)?;
    let tx = immediate(conn)?;
    let fields = rows.iter().map(|(_, v)| Field {
        code: v[0].clone(),
        name: v[1].clone(),
        keywords: split_keywords(&v[2]),
    });
    let imported = store_each(&tx, ctx, actor, fields, source)?;
    tx.commit()?;
    Ok(imported)
}

/// Stores agencies in one transaction; parents may come after their children in the file.
pub fn import_agencies(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
    source: Source,
) -> Result<Imported> {
    let mut problems = Vec::new();
    duplicate_keys(rows, &mut problems);
    codes_in_another_case(conn, rows, reference::agency_code, &mut problems)?;
    let codes: std::collections::HashSet<&str> = rows.iter().map(|(_, v)| v[0].as_str()).collect();
    let levels: Vec<&'static str> = rows
        .iter()
        .map(|(_, v)| crate::domain::directory::level_named(&v[2]).unwrap_or_default())
        .collect();
    for ((line, v), level) in rows.iter().zip(&levels) {
        if level.is_empty() {
            problems.push(say::bad_level(*line, &v[2]));
        }
        if !v[3].is_empty()
            && !codes.contains(v[3].as_str())
            && !reference::agency_exists(conn, &v[3])?
        {
            problems.push(say::no_parent(*line, &v[3]));
        }
        let from = active_day(*line, "from", &v[4], &mut problems);
        let until = active_day(*line, "until", &v[5], &mut problems);
        if let (Some(from), Some(until)) = (&from, &until)
            && until < from
        {
            problems.push(say::active_days_reversed(*line, from, until));
        }
    }
    refuse_rows(&problems, source)?;
    let tx = immediate(conn)?;
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let agencies = rows.iter().zip(levels).map(|((_, v), level)| Agency {
        code: v[0].clone(),
        name: v[1].clone(),
        level: level.to_owned(),
        parent: (!v[3].is_empty()).then(|| v[3].clone()),
        active_from: active_day(0, "from", &v[4], &mut Vec::new()),
        active_until: active_day(0, "until", &v[5], &mut Vec::new()),
    });
    let imported = store_each(&tx, ctx, actor, agencies, source)?;
    tx.commit()?;
    Ok(imported)
}

/// An agency's first or last day in operation as stored (`YYYY-MM-DD`), None when the
/// cell is empty; a cell that is not a date is a problem of its line.
fn active_day(
    line: u64,
    column: &str,
    cell: &str,
    problems: &mut Vec<Localized>,
) -> Option<String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    match crate::domain::time::parse_date(cell) {
        Some(day) => Some(day.format("%Y-%m-%d").to_string()),
        None => {
            problems.push(say::bad_active_day(line, column, cell));
            None
        }
    }
}

/// A row of a reference table an import writes whole: fields and agencies. (An account is
/// not one: `import_staff` leaves an account as given unwritten, keeps a disabled one
/// disabled and binds logins.)
trait Imports: Serialize + Sized {
    const TABLE: &'static str;
    const KIND: EventKind;
    const NOUN: say::Noun;
    fn key(&self) -> &str;
    fn load(conn: &Connection, key: &str) -> Result<Option<Self>>;
    /// Writes the row; whether it was there before is `load`'s to say.
    fn upsert(&self, conn: &Connection) -> Result<bool>;
    /// The parts that differ from the row `before`.
    fn differs(&self, before: &Self) -> Vec<Change>;
}

impl Imports for Field {
    const TABLE: &'static str = "fields";
    const KIND: EventKind = EventKind::FieldAdd;
    const NOUN: say::Noun = say::Noun::Field;
    fn key(&self) -> &str {
        &self.code
    }
    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        reference::load_field(conn, key)
    }
    fn upsert(&self, conn: &Connection) -> Result<bool> {
        reference::upsert_field(conn, self)
    }
    fn differs(&self, b: &Self) -> Vec<Change> {
        differing([
            ("name", b.name.clone(), self.name.clone()),
            ("keywords", b.keywords.join(", "), self.keywords.join(", ")),
        ])
    }
}

impl Imports for Agency {
    const TABLE: &'static str = "agencies";
    const KIND: EventKind = EventKind::AgencyAdd;
    const NOUN: say::Noun = say::Noun::Agency;
    fn key(&self) -> &str {
        &self.code
    }
    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        reference::load_agency(conn, key)
    }
    fn upsert(&self, conn: &Connection) -> Result<bool> {
        reference::upsert_agency(conn, self)
    }
    fn differs(&self, b: &Self) -> Vec<Change> {
        differing([
            ("name", b.name.clone(), self.name.clone()),
            ("level", b.level.clone(), self.level.clone()),
            (
                "parent",
                b.parent.clone().unwrap_or_default(),
                self.parent.clone().unwrap_or_default(),
            ),
            (
                "from",
                b.active_from.clone().unwrap_or_default(),
                self.active_from.clone().unwrap_or_default(),
            ),
            (
                "until",
                b.active_until.clone().unwrap_or_default(),
                self.active_until.clone().unwrap_or_default(),
            ),
        ])
    }
}

/// Writes each record over its row in `tx`, noting it new, changed (and in what) or as it
/// was, and logs each with its row sealed, one as it was included.
fn store_each<T: Imports>(
    tx: &Connection,
    ctx: &Context,
    actor: &str,
    records: impl Iterator<Item = T>,
    source: Source,
) -> Result<Imported> {
    let mut imported = Imported::default();
    for record in records {
        let before = T::load(tx, record.key())?;
        let what = before.as_ref().map_or_else(Vec::new, |b| record.differs(b));
        source.allows(record.key(), &what, T::NOUN)?;
        imported.note(record.key(), before.is_some(), what);
        record.upsert(tx)?;
        log_change(tx, ctx, actor, T::KIND, &record, (T::TABLE, record.key()))?;
    }
    Ok(imported)
}

/// A reference listing as the file holds it, with the first row of the tables it prints
/// that the log does not vouch for: the rows are printed all the same (the reader sees what
/// the file holds), then named as not the record, exit 5.
pub struct Listed<T> {
    pub rows: Vec<T>,
    pub unvouched: Option<crate::domain::audit::ChainBreak>,
}

/// The rows `read` reads, judged against the log over `tables` in the same snapshot: read
/// apart, a row edited between the judgement and the read would be listed as vouched for.
pub fn listed<T>(
    conn: &Connection,
    tables: &[&str],
    read: impl FnOnce(&Connection) -> Result<Vec<T>>,
) -> Result<Listed<T>> {
    let _read = crate::storage::tx::snapshot(conn)?;
    let unvouched = super::audit::unvouched_listed(conn, tables)?;
    Ok(Listed {
        rows: read(conn)?,
        unvouched,
    })
}

/// Binds `login` to `username` when `bound`, unbinds it when not, and logs the change with
/// the `staff_logins` row it wrote sealed (gone, for a removal; docs/rules.md §7): false,
/// and nothing logged, when it already was so.
pub fn set_bound(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    username: &str,
    login: &str,
    bound: bool,
) -> Result<bool> {
    set_bound_saying(conn, ctx, actor, username, login, bound, None)
}

/// [`set_bound`], the event also recording `said` (what the admin confirmed, and why).
pub fn set_bound_saying(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    username: &str,
    login: &str,
    bound: bool,
    said: Option<serde_json::Value>,
) -> Result<bool> {
    let (changed, kind) = if bound {
        (
            reference::add_login(conn, username, login)?,
            EventKind::LoginAdd,
        )
    } else {
        (
            reference::remove_login(conn, username, login)?,
            EventKind::LoginRemove,
        )
    };
    if changed {
        ctx.note_rows(
            conn,
            actor,
            kind,
            {
                let mut payload = serde_json::json!({ "username": username, "login": login });
                if let (Some(map), Some(serde_json::Value::Object(said))) =
                    (payload.as_object_mut(), said)
                {
                    map.extend(said);
                }
                payload
            },
            &[("staff_logins", vec![username.to_owned(), login.to_owned()])],
        )?;
    }
    Ok(changed)
}

/// Stores accounts in one transaction after checking roles, agencies and logins (an
/// optional fifth column, `logins`, separated by `|`, commas or spaces; they are added to
/// the account's, never removed).
/// `rights_confirmed`: a file may change the role or agency of an account already there
/// (what it may do, and whose reports it reads): a line left in an old file, or a role
/// mistyped, silently made a handler an admin, said only as "Thay đổi: xuly.f (vai trò)".
/// Unconfirmed, such a file is refused whole, each account's change said old → new, as
/// `staff add` says its own.
pub fn import_staff(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
    source: Source,
    rights_confirmed: bool,
) -> Result<Imported> {
    let mut problems = Vec::new();
    duplicate_keys(rows, &mut problems);
    // Each line's agency as stored, and its role.
    let mut agencies = std::collections::HashMap::new();
    let mut roles = std::collections::HashMap::new();
    for (line, v) in rows {
        if let Some(bad) = new_username_refused(conn, &v[0])? {
            problems.push(say::on_line(*line, (&bad.vi, &bad.en)));
        }
        match Role::named(&v[2]) {
            None => problems.push(say::bad_role(*line, &v[2])),
            Some(Role::Handler) if v[3].is_empty() => {
                problems.push(say::handler_needs_agency(*line));
            }
            Some(role) => {
                roles.insert(*line, role);
            }
        }
        // Named as every command takes an agency, whatever its case (`camawa` is CAMAWA), as
        // `staff add` does: the import refused it ("no such agency").
        if !v[3].is_empty() {
            match reference::agency_code(conn, &v[3])? {
                Some(stored) => agencies.insert(*line, stored),
                None => {
                    problems.push(say::no_agency(*line, &v[3]));
                    None
                }
            };
        }
        if let Err(bad) = identity::parse_logins(logins_cell(v)) {
            problems.push(say::on_line(*line, (&bad.vi(), &bad.en())));
        }
    }
    refuse_rows(&problems, source)?;
    let tx = immediate(conn)?;
    // A file keeps a disabled account disabled as its row says: a row edited behind the
    // tool's back (enabled again, or deleted so that the file makes it anew, enabled) would
    // be sealed as the admin's. `staff add` names every value and reads none from the row.
    if source == Source::File {
        let named: Vec<&str> = rows.iter().map(|(_, v)| v[0].as_str()).collect();
        if let Some(problem) = super::audit::unvouched_accounts(&tx, &named)? {
            return Err(crate::exit::Failure::integrity(
                crate::output::directory::import_over_edited(&problem),
            )
            .into());
        }
    }
    let mut imported = Imported::default();
    let mut rights_changed = Vec::new();
    for (line, v) in rows {
        let mut staff = Staff {
            username: v[0].clone(),
            name: v[1].clone(),
            role: roles
                .get(line)
                .map_or_else(|| v[2].clone(), |role| role.as_str().to_owned()),
            agency: agencies.get(line).cloned(),
            active: true,
        };
        let before = reference::load_staff(&tx, &staff.username)?;
        if let Some(b) = &before
            && !b.active
            && source == Source::File
        {
            staff.active = false;
            imported.kept_disabled.push(staff.username.clone());
        }
        let what = before.as_ref().map_or_else(Vec::new, |b| {
            differing([
                ("name", b.name.clone(), staff.name.clone()),
                ("role", b.role.clone(), staff.role.clone()),
                (
                    "agency",
                    b.agency.clone().unwrap_or_default(),
                    staff.agency.clone().unwrap_or_default(),
                ),
                ("active", b.active.to_string(), staff.active.to_string()),
            ])
        });
        source.allows(&staff.username, &what, say::Noun::Account)?;
        let rights: Vec<Change> = what
            .iter()
            .filter(|change| matches!(change.part, "role" | "agency"))
            .cloned()
            .collect();
        if !rights.is_empty() {
            rights_changed.push((staff.username.clone(), rights));
        }
        // An account already as given is not written again: a `staff_add` says what an
        // account may do (`audit verify` replays it), and one written over a row edited
        // behind the tool's back would make that edit the log's.
        let unchanged = before.is_some() && what.is_empty();
        imported.note(&staff.username, before.is_some(), what);
        if !unchanged {
            reference::upsert_staff(&tx, &staff)?;
            log_change(
                &tx,
                ctx,
                actor,
                EventKind::StaffAdd,
                &staff,
                ("staff", &staff.username),
            )?;
        }
        for login in identity::parse_logins(logins_cell(v)).unwrap_or_default() {
            if set_bound(&tx, ctx, actor, &staff.username, &login, true)? {
                imported.bound.push(format!("{} ({login})", staff.username));
            }
        }
    }
    if super::auth_mode(&tx)? == identity::AuthMode::Peer {
        for (_, v) in rows {
            let active = reference::load_staff(&tx, &v[0])?.is_some_and(|s| s.active);
            if active && reference::logins(&tx, Some(&v[0]))?.is_empty() {
                imported.unbound.push(v[0].clone());
            }
        }
    }
    keep_an_admin(&tx)?;
    // Refused before anything is committed, every account named.
    if !rights_confirmed && !rights_changed.is_empty() {
        bail!(say::rights_would_change(&rights_changed));
    }
    tx.commit()?;
    Ok(imported)
}

/// Why `username` may not name a new account, if it may not (`identity::username_ok`); an
/// existing account keeps its name.
pub fn new_username_refused(conn: &Connection, username: &str) -> Result<Option<Localized>> {
    if username.eq_ignore_ascii_case(super::SYSTEM_ACTOR)
        || reference::load_staff(conn, username)?.is_none()
    {
        return Ok(username_refusal(username));
    }
    Ok(None)
}

/// Why `username` may not name a new account in a database that has none of that name.
/// `init` asks it before the file is made: its admin is an account like any other, and an
/// `аdmin` with a Cyrillic `а` printed like the real one
/// (`setup::init_refuses_an_admin_name_no_account_may_have_and_makes_nothing`).
pub fn username_refusal(username: &str) -> Option<Localized> {
    // phananh's own name on what it writes by itself (`SYSTEM_ACTOR`): an account of that
    // name could not be told from it in the log.
    if username.eq_ignore_ascii_case(super::SYSTEM_ACTOR) {
        return Some(say::reserved_username(username));
    }
    if identity::username_ok(username) {
        return None;
    }
    Some(say::bad_username(username))
}

/// Refuses, before its transaction commits, a change to the accounts that leaves none able
/// to act as admin: nobody could then add an account, change a setting or restore a backup,
/// and only an edit behind the tool's back (which `audit verify` names) would bring one back.
pub fn keep_an_admin(tx: &rusqlite::Connection) -> Result<()> {
    if reference::active_admins(tx)? == 0 {
        anyhow::bail!(say::no_admin_left());
    }
    Ok(())
}

/// The `logins` cell of a staff row: absent from files with four columns.
fn logins_cell(row: &[String]) -> &str {
    row.get(4).map_or("", String::as_str)
}
