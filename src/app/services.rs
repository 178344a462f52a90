//! Open311 service codes as use cases: adding one, importing a file of them all-or-nothing
//! (as `field import`), listing them. Changing them is the admin's (reference data, like
//! fields); anyone may list them. Every change is a `service_add` event.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Result, bail};
use rusqlite::Connection;

use super::Context;
use super::reference::{Imported, Listed, Source, listed, read_table};
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::open311::{FieldInfo, Service, service_list};
use crate::domain::text::nfc;
use crate::i18n::Localized;
use crate::storage::open311::{self, ServiceCode};
use crate::storage::reference;
use crate::storage::tx::immediate;

/// Longer codes are a broken file, not a service.
const LONGEST_CODE: usize = 100;

/// Opens the database and checks `operation` for the acting account (a refusal is logged).
fn connect(ctx: &Context, operation: Operation) -> Result<(Connection, String)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, operation, None)?;
    Ok((conn, actor.username))
}

/// Adds a service code, or changes the field it means when `yes` (as `field add`:
/// `app::reference::Source::Typed`); returns the code as stored and what was done to it.
pub fn add(
    ctx: &Context,
    code: &str,
    field: &str,
    name: &str,
    yes: bool,
) -> Result<(String, Imported)> {
    let (conn, actor) = connect(ctx, Operation::ManageReference)?;
    let code = nfc(code.trim());
    let row = vec![code.clone(), field.trim().to_owned(), nfc(name.trim())];
    let done = import(&conn, ctx, &actor, &[(0, row)], Source::Typed { yes })?;
    Ok((code, done))
}

/// Loads a CSV file with columns service_code,field,name; returns how many codes.
pub fn import_file(ctx: &Context, file: &Path) -> Result<usize> {
    let (conn, actor) = connect(ctx, Operation::ManageReference)?;
    let rows = read_table(
        file,
        &ctx.input(None),
        &["service_code", "field", "name"],
        2,
    )?;
    Ok(import(&conn, ctx, &actor, &rows, Source::File)?.rows())
}

pub fn list(ctx: &Context) -> Result<Listed<ServiceCode>> {
    let (conn, _) = connect(ctx, Operation::Read)?;
    listed(&conn, &["service_codes"], open311::service_codes)
}

/// The GeoReport v2 service list (`GET services`): every service code, and every field
/// without one, as `domain::open311::service_list` lays them out.
pub fn open311_list(ctx: &Context) -> Result<Listed<Service>> {
    let (conn, _) = connect(ctx, Operation::Read)?;
    listed(&conn, &["service_codes", "fields"], services_of)
}

/// The service list of the codes and fields as `conn` holds them.
fn services_of(conn: &Connection) -> Result<Vec<Service>> {
    let codes: Vec<(String, String, String)> = open311::service_codes(conn)?
        .into_iter()
        .map(|c| (c.service_code, c.field, c.name))
        .collect();
    let fields: Vec<FieldInfo> = reference::fields(conn)?
        .into_iter()
        .map(|f| FieldInfo {
            code: f.code,
            name: f.name,
            keywords: f.keywords,
        })
        .collect();
    Ok(service_list(&codes, &fields))
}

/// Checks every row (the field exists, a code appears once, not absurdly long), then stores
/// them all in one transaction, one `service_add` event each; any problem stores nothing.
fn import(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
    source: Source,
) -> Result<Imported> {
    use crate::output::services::{Problem, problem};
    let mut problems: Vec<Localized> = Vec::new();
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for (line, v) in rows {
        let (code, field) = (v[0].as_str(), v[1].as_str());
        if code.is_empty() {
            problems.push(problem(*line, Problem::Empty));
        }
        if code.chars().count() > LONGEST_CODE {
            problems.push(problem(*line, Problem::TooLong(LONGEST_CODE)));
        }
        if let Some(first) = seen.insert(code, *line) {
            problems.push(problem(*line, Problem::Repeated { code, first }));
        }
        if !reference::field_exists(conn, field)? {
            problems.push(problem(*line, Problem::NoField(field)));
        }
    }
    refuse_if_any(&problems, rows.iter().any(|(line, _)| *line > 0))?;
    let tx = immediate(conn)?;
    let stored = open311::service_codes(&tx)?;
    let mut imported = Imported::default();
    for (_, v) in rows {
        let code = ServiceCode {
            service_code: v[0].clone(),
            field: v[1].clone(),
            name: v.get(2).cloned().unwrap_or_default(),
        };
        let before = stored.iter().find(|s| s.service_code == code.service_code);
        let what = before.map_or_else(Vec::new, |b| {
            crate::domain::directory::differing([
                ("field", b.field.clone(), code.field.clone()),
                ("name", b.name.clone(), code.name.clone()),
            ])
        });
        source.allows(
            &code.service_code,
            &what,
            crate::output::reference::Noun::Service,
        )?;
        imported.note(&code.service_code, before.is_some(), what);
        open311::upsert_service_code(&tx, &code)?;
        ctx.note_rows(
            &tx,
            actor,
            EventKind::ServiceAdd,
            serde_json::to_value(&code)?,
            &[("service_codes", vec![code.service_code.clone()])],
        )?;
    }
    tx.commit()?;
    Ok(imported)
}

/// All-or-nothing, as `reference`'s imports: any problem refuses the whole change. A file's
/// problems are listed one per line; `service add` has one row and says it in one line.
fn refuse_if_any(problems: &[Localized], from_file: bool) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    if from_file {
        return super::reference::refuse_any(problems);
    }
    bail!(crate::output::services::refused(problems))
}
