//! Reference data: fields (lĩnh vực), agencies, staff accounts and the operating-system
//! logins bound to them.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::domain::access::{Actor, Role};
use crate::domain::directory::Unstaffed;
use crate::domain::event::EventKind;
use crate::domain::history::Named;
use crate::domain::identity::Binding;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub code: String,
    pub name: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
    /// The first day in operation (`YYYY-MM-DD`), None: no bound known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_from: Option<String>,
    /// The last day in operation (`YYYY-MM-DD`), None: still in operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    pub username: String,
    pub name: String,
    pub role: String,
    pub agency: Option<String>,
    pub active: bool,
}

/// Keywords are typed comma-separated; `|` and `;` are accepted too.
pub fn split_keywords(text: &str) -> Vec<String> {
    text.split([',', '|', ';'])
        .map(|k| crate::domain::text::nfc(k.trim()))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Inserts or replaces a field; returns true when it was new.
pub fn upsert_field(conn: &Connection, field: &Field) -> Result<bool> {
    let existed = field_exists(conn, &field.code)?;
    conn.execute(
        "INSERT INTO fields (code, name, keywords) VALUES (?1, ?2, ?3)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, keywords = excluded.keywords",
        params![field.code, field.name, field.keywords.join(", ")],
    )?;
    Ok(!existed)
}

/// The field stored under `code`, if any (an import compares it with the file's row).
pub fn load_field(conn: &Connection, code: &str) -> Result<Option<Field>> {
    Ok(conn
        .query_row(
            "SELECT code, name, keywords FROM fields WHERE code = ?1",
            [code],
            |r| {
                let keywords: String = r.get(2)?;
                Ok(Field {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    keywords: split_keywords(&keywords),
                })
            },
        )
        .optional()?)
}

/// The agency stored under `code`, if any.
pub fn load_agency(conn: &Connection, code: &str) -> Result<Option<Agency>> {
    Ok(conn
        .query_row(
            "SELECT code, name, level, parent, active_from, active_until FROM agencies WHERE code = ?1",
            [code],
            |r| {
                Ok(Agency {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    level: r.get(2)?,
                    parent: r.get(3)?,
                    active_from: r.get(4)?,
                    active_until: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// The stored code `typed` names in `table` (fields or agencies): the same code, else the
/// one code equal to it but for case (`pccm` for `PCCM`); none when no code, or more than
/// one, matches.
fn code_as_stored(conn: &Connection, table: &str, typed: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT code FROM {table} WHERE code = ?1 COLLATE NOCASE
          ORDER BY code = ?1 DESC LIMIT 2"
    ))?;
    let found: Vec<String> = stmt
        .query_map([typed], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(match found.as_slice() {
        [only] => Some(only.clone()),
        [exact, ..] if exact == typed => Some(exact.clone()),
        _ => None,
    })
}

pub fn field_code(conn: &Connection, typed: &str) -> Result<Option<String>> {
    code_as_stored(conn, "fields", typed)
}

pub fn agency_code(conn: &Connection, typed: &str) -> Result<Option<String>> {
    code_as_stored(conn, "agencies", typed)
}

pub fn field_exists(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM fields WHERE code = ?1", [code], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn fields(conn: &Connection) -> Result<Vec<Field>> {
    let mut stmt = conn.prepare("SELECT code, name, keywords FROM fields ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        let keywords: String = r.get(2)?;
        Ok(Field {
            code: r.get(0)?,
            name: r.get(1)?,
            keywords: split_keywords(&keywords),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn upsert_agency(conn: &Connection, agency: &Agency) -> Result<bool> {
    let existed = agency_exists(conn, &agency.code)?;
    conn.execute(
        "INSERT INTO agencies (code, name, level, parent, active_from, active_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (code) DO UPDATE
         SET name = excluded.name, level = excluded.level, parent = excluded.parent,
             active_from = excluded.active_from, active_until = excluded.active_until",
        params![
            agency.code,
            agency.name,
            agency.level,
            agency.parent,
            agency.active_from,
            agency.active_until
        ],
    )?;
    Ok(!existed)
}

/// The names of the commune-level agencies (the province's communes, post-merge).
pub fn commune_agency_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM agencies WHERE level = 'commune'")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

pub fn agency_exists(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM agencies WHERE code = ?1", [code], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Every logged write of the rows of `kind` (`agency_add`, `field_add`), oldest first, each
/// marked as logged after `after` (canonical RFC 3339 text) or not; nothing when none was
/// logged after it, the common case, so a report as of now reads one index probe. Such
/// events concern no report: the index on `report_id` finds them among the reports' events.
pub fn writes_if_any_after(conn: &Connection, kind: EventKind, after: &str) -> Result<Vec<Named>> {
    let any_after = conn
        .query_row(
            "SELECT 1 FROM events WHERE report_id IS NULL AND action = ?1 AND at > ?2 LIMIT 1",
            params![kind.as_str(), after],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !any_after {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT at > ?2, payload FROM events
          WHERE report_id IS NULL AND action = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![kind.as_str(), after], |r| {
        Ok(Named {
            after: r.get(0)?,
            payload: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn agencies(conn: &Connection) -> Result<Vec<Agency>> {
    let mut stmt = conn.prepare(
        "SELECT code, name, level, parent, active_from, active_until FROM agencies
         ORDER BY CASE level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Agency {
            code: r.get(0)?,
            name: r.get(1)?,
            level: r.get(2)?,
            parent: r.get(3)?,
            active_from: r.get(4)?,
            active_until: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn upsert_staff(conn: &Connection, staff: &Staff) -> Result<bool> {
    let existed = load_staff(conn, &staff.username)?.is_some();
    conn.execute(
        "INSERT INTO staff (username, name, role, agency, active) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (username) DO UPDATE
         SET name = excluded.name, role = excluded.role, agency = excluded.agency,
             active = excluded.active",
        params![
            staff.username,
            staff.name,
            staff.role,
            staff.agency,
            staff.active
        ],
    )?;
    Ok(!existed)
}

pub fn load_staff(conn: &Connection, username: &str) -> Result<Option<Staff>> {
    Ok(conn
        .query_row(
            "SELECT username, name, role, agency, active FROM staff WHERE username = ?1",
            [username],
            staff_from_row,
        )
        .optional()?)
}

fn staff_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Staff> {
    Ok(Staff {
        username: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        agency: r.get(3)?,
        active: r.get(4)?,
    })
}

pub fn staff(conn: &Connection) -> Result<Vec<Staff>> {
    let mut stmt = conn.prepare(
        "SELECT username, name, role, agency, active FROM staff ORDER BY role, agency, username",
    )?;
    let rows = stmt.query_map([], staff_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The active accounts no operating-system login is bound to: in `peer` mode nobody can
/// act as them (`staff logins --unbound`, and the warning of a switch to `peer`).
pub fn unbound_staff(conn: &Connection) -> Result<Vec<Staff>> {
    let mut stmt = conn.prepare(
        "SELECT username, name, role, agency, active FROM staff
         WHERE active = 1
           AND NOT EXISTS (SELECT 1 FROM staff_logins l WHERE l.username = staff.username)
         ORDER BY role, agency, username",
    )?;
    let rows = stmt.query_map([], staff_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many accounts may act as admin.
pub fn active_admins(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

pub fn set_staff_active(conn: &Connection, username: &str, active: bool) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE staff SET active = ?2 WHERE username = ?1",
        params![username, active],
    )? == 1)
}

/// `agency` when none of its handler accounts is active, with the reports assigned to it
/// (oldest first); None while one is.
pub fn unstaffed(conn: &Connection, agency: &str) -> Result<Option<Unstaffed>> {
    let active: i64 = conn.query_row(
        "SELECT count(*) FROM staff WHERE agency = ?1 AND role = 'handler' AND active",
        params![agency],
        |r| r.get(0),
    )?;
    if active > 0 {
        return Ok(None);
    }
    let mut stmt = conn
        .prepare("SELECT id FROM reports WHERE agency = ?1 AND status = 'assigned' ORDER BY id")?;
    let open = stmt
        .query_map(params![agency], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(Some(Unstaffed {
        agency: agency.to_owned(),
        open,
    }))
}

/// The account as the access rules see it.
pub fn actor(staff: &Staff) -> Option<Actor> {
    Some(Actor {
        username: staff.username.clone(),
        role: Role::parse(&staff.role)?,
        agency: staff.agency.clone(),
        active: staff.active,
    })
}

/// The accounts bound to an operating-system login (docs/rules.md §7), by username.
pub fn bindings_of_login(conn: &Connection, login: &str) -> Result<Vec<Binding>> {
    let mut stmt = conn.prepare_cached(
        // Not through the indexes: who may act is decided by the rows themselves, never by
        // an index someone rebuilt to say otherwise (storage::schema::integrity). Both
        // tables hold a few hundred rows.
        "SELECT s.username, s.active FROM staff_logins AS l NOT INDEXED
           JOIN staff AS s NOT INDEXED USING (username)
         WHERE l.login = ?1 ORDER BY s.username",
    )?;
    let rows = stmt.query_map([login], |r| {
        Ok(Binding {
            username: r.get(0)?,
            active: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Binds `login` to `username`; false when it already was.
pub fn add_login(conn: &Connection, username: &str, login: &str) -> Result<bool> {
    Ok(conn.execute(
        "INSERT INTO staff_logins (username, login) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        params![username, login],
    )? == 1)
}

/// Unbinds `login` from `username`; false when it was not bound.
pub fn remove_login(conn: &Connection, username: &str, login: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM staff_logins WHERE username = ?1 AND login = ?2",
        params![username, login],
    )? == 1)
}

/// One account's binding to one login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoginBinding {
    pub username: String,
    pub login: String,
}

/// Every binding, or those of one account, by username then login.
pub fn logins(conn: &Connection, username: Option<&str>) -> Result<Vec<LoginBinding>> {
    let mut stmt = conn.prepare(
        "SELECT username, login FROM staff_logins WHERE ?1 IS NULL OR username = ?1
         ORDER BY username, login",
    )?;
    let rows = stmt.query_map([username], |r| {
        Ok(LoginBinding {
            username: r.get(0)?,
            login: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
