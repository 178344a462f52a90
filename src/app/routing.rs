//! The routing table as the `route` commands change and read it (Đ7.1.b): a line added by
//! the admin (a later line for the same field and commune replaces the earlier), one
//! `route_add` event each; the table with each agency's name; and the agency the table
//! gives a report when it is assigned with `--auto`.

use std::collections::HashMap;

use anyhow::{Result, bail};
use serde_json::json;

use super::Context;
use super::reference::{Listed, listed};
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::report::Report;
use crate::domain::routing::{Communes, Route};
use crate::domain::setbacks::Return;
use crate::domain::text::nfc;
use crate::domain::validate::is_blank;
use crate::i18n::Localized;
use crate::storage::tx::immediate;
use crate::storage::{reference, routes};

pub use crate::output::routing::RouteRow;

/// The routing table, for an account that may read, each agency by the name `agencies`
/// holds: both tables judged against the log.
pub fn list(ctx: &Context) -> Result<Listed<RouteRow>> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Read, None)?;
    listed(&conn, &["routes", "agencies"], |conn| {
        let names: HashMap<String, String> = reference::agencies(conn)?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect();
        Ok(routes::all(conn)?
            .into_iter()
            .map(|r| RouteRow {
                agency_name: names.get(&r.agency).cloned().unwrap_or_default(),
                field: r.field,
                commune: r.commune,
                agency: r.agency,
            })
            .collect())
    })
}

/// A line `route add` wrote, and the agencies (named) it took the line from: empty for a
/// new line or one that already sent there.
pub struct Routed {
    pub route: Route,
    pub replaced: Vec<String>,
}

/// Sends reports of `field` in `commune` (empty: every commune) to `agency`; admin only. A
/// line that sends them elsewhere now is replaced only when `yes`: otherwise refused, naming
/// the agency it sends to and the one asked for (a command called `add` that moved a
/// field's reports to another agency without a word left the first one waiting for none).
pub fn add(
    ctx: &Context,
    field: String,
    commune: &str,
    agency: String,
    yes: bool,
) -> Result<Routed> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
    // Codes in any case, stored as the directory writes them (`assign` takes them so).
    let field = super::workflow::field_filter(&conn, &field)?;
    let agency = super::workflow::agency_filter(&conn, &agency)?;
    let commune = commune.trim();
    let known = communes(&conn)?;
    if !commune.is_empty() && !known.knows(commune) {
        bail!(crate::output::routing::unknown_commune(commune));
    }
    require_current(&conn, &agency, commune, (ctx.acting_day(), NewWork::Route))?;
    let route = Route {
        field,
        commune: nfc(known.spelled(commune).unwrap_or(commune)),
        agency,
    };
    let tx = immediate(&conn)?;
    let existing = routes::all(&tx)?;
    let respelled: Vec<Route> =
        crate::domain::routing::other_spellings(&existing, &route.field, &route.commune)
            .into_iter()
            .cloned()
            .collect();
    let mut replaced = Vec::new();
    for old in existing
        .iter()
        .filter(|r| r.field == route.field && r.commune == route.commune)
        .chain(&respelled)
    {
        let named = agency_named(&tx, &old.agency)?;
        if old.agency != route.agency && !replaced.contains(&named) {
            replaced.push(named);
        }
    }
    if !replaced.is_empty() && !yes {
        bail!(crate::output::routing::would_reroute(
            &route,
            &replaced,
            &agency_named(&tx, &route.agency)?
        ));
    }
    for old in &respelled {
        routes::remove(&tx, &old.field, &old.commune)?;
    }
    let before = routes::put(&tx, &route)?;
    let mut touched = vec![("routes", vec![route.field.clone(), route.commune.clone()])];
    touched.extend(
        respelled
            .iter()
            .map(|r| ("routes", vec![r.field.clone(), r.commune.clone()])),
    );
    ctx.note_rows(
        &tx,
        &actor.username,
        EventKind::RouteAdd,
        json!({
            "field": route.field, "commune": route.commune,
            "agency": route.agency, "replaced": before,
            "replaced_spellings": respelled.iter().map(|r| &r.commune).collect::<Vec<_>>(),
        }),
        &touched,
    )?;
    tx.commit()?;
    Ok(Routed { route, replaced })
}

/// Refuses new work for the agency `code` when it takes none on `today`
/// (`domain::directory::closed_on`): a district People's Committee, or an agency outside its
/// days in operation (`agency … --from/--until`). A route to one, or a report assigned to
/// it, would wait on a body that does not exist. The refusal names the commune-level agency
/// of `commune` (the place the work is about) when the directory has one in operation. A
/// code not in the directory is left to its own check.
pub fn require_current(
    conn: &rusqlite::Connection,
    code: &str,
    commune: &str,
    (today, work): (chrono::NaiveDate, NewWork),
) -> Result<()> {
    let Some(agency) = reference::load_agency(conn, code)? else {
        return Ok(());
    };
    let Some(closed) = closed_on(&agency, today) else {
        return Ok(());
    };
    // Communes and wards took over from the district level only: a provincial
    // department's road report does not go to a ward.
    let from_district = closed == crate::domain::directory::Closed::DistrictLevel;
    let took_over = reference::agencies(conn)?.into_iter().find(|a| {
        from_district
            && a.level == "commune"
            && closed_on(a, today).is_none()
            && crate::domain::routing::same_commune(
                crate::domain::routing::commune_of(&a.name),
                commune,
            ) == Some(true)
    });
    bail!(crate::output::routing::closed_agency(
        &named(code, Some(&agency)),
        closed,
        took_over
            .as_ref()
            .map(|a| (named(&a.code, Some(a)), a.code.as_str())),
        work
    ))
}

/// `domain::directory::closed_on` for an agency's stored row.
pub fn closed_on(
    agency: &reference::Agency,
    today: chrono::NaiveDate,
) -> Option<crate::domain::directory::Closed> {
    let day = |d: &Option<String>| d.as_deref().and_then(crate::domain::time::parse_date);
    crate::domain::directory::closed_on(
        &agency.level,
        (day(&agency.active_from), day(&agency.active_until)),
        today,
    )
}

pub use crate::output::routing::NewWork;

/// The province's communes, as the commune-level agencies name them.
pub fn communes(conn: &rusqlite::Connection) -> Result<Communes> {
    let names = reference::commune_agency_names(conn)?;
    Ok(Communes::from_agency_names(
        names.iter().map(String::as_str),
    ))
}

/// Every return of the report, oldest first, read from its log.
pub fn returns_of(conn: &rusqlite::Connection, report: &Report) -> Result<Vec<Return>> {
    // Only a returned report has any: one not yet returned needs no read of its log.
    if report.returns == 0 {
        return Ok(Vec::new());
    }
    let log = crate::storage::events::of_report(conn, report.id)?;
    Ok(crate::domain::setbacks::read(&log).returns)
}

/// "PCCM (Công ty Điện lực Cà Mau)", or the code alone for an agency no longer listed.
pub fn agency_named(conn: &rusqlite::Connection, code: &str) -> Result<String> {
    Ok(named(code, reference::load_agency(conn, code)?.as_ref()))
}

/// `agency_named`, from the agency's row as the caller holds it.
pub fn named(code: &str, agency: Option<&reference::Agency>) -> String {
    match agency {
        Some(agency) if !agency.name.is_empty() => format!("{code} ({})", agency.name),
        _ => code.to_owned(),
    }
}

/// An agency that returned the report, as messages name it: its code and name, and when
/// it returned it in each language.
pub struct ReturnedBy {
    pub named: String,
    pub at: Localized,
}

impl ReturnedBy {
    /// What is said when the report is dispatched to this agency all the same, as `asked`
    /// (in each language: `--agency`, the desk's choice). The operator may judge the return
    /// wrong, so it is dispatched; but said, since a code chosen out of habit is the likelier
    /// cause.
    pub fn note(&self, report_id: i64, asked: (&str, &str)) -> Localized {
        crate::output::routing::assigned_again(&self.named, &self.at, report_id, asked)
    }
}

/// Whether `agency` ever returned the report (the latest time if more than once).
pub fn returned_by(
    conn: &rusqlite::Connection,
    report: &Report,
    agency: &str,
) -> Result<Option<ReturnedBy>> {
    returned_by_named(conn, report, agency, |code| agency_named(conn, code))
}

/// `returned_by`, the agency named by `named` (the desk names it as the log vouched for).
pub fn returned_by_named(
    conn: &rusqlite::Connection,
    report: &Report,
    agency: &str,
    named: impl FnOnce(&str) -> Result<String>,
) -> Result<Option<ReturnedBy>> {
    let returns = returns_of(conn, report)?;
    let Some(back) = crate::domain::setbacks::returned_by(&returns, agency) else {
        return Ok(None);
    };
    Ok(Some(ReturnedBy {
        named: named(agency)?,
        at: crate::output::routing::when_both(&back.at),
    }))
}

/// The agency the table gives a report, or an error that says how to give one. With it,
/// what to say when the report's commune is none the province has, so the field's line for
/// every commune was taken: the commune's own line, if there is one, was never looked at.
/// A route back to an agency that returned the report is refused: the table knows one
/// agency per field and commune, so the way on is the operator's (a corrected field, another
/// agency, a direct answer).
pub fn agency_for(
    conn: &rusqlite::Connection,
    report: &Report,
) -> Result<(String, Option<Localized>)> {
    let Some(field) = report.field.as_deref() else {
        bail!(crate::output::routing::no_field_yet(report.id));
    };
    // A dispatch is sealed as the operator's: never one chosen by a route edited behind
    // the tool's back.
    if let Some(problem) = super::audit::unvouched_routes(conn)? {
        return Err(
            crate::exit::Failure::integrity(crate::output::routing::unvouched_routes(&problem))
                .into(),
        );
    }
    let table = routes::all(conn)?;
    match crate::domain::routing::pick(&table, field, &report.commune) {
        Some(route) => {
            if let Some(back) = returned_by(conn, report, &route.agency)? {
                let id = report.id;
                bail!(crate::output::routing::routed_back(
                    id,
                    field,
                    &back.named,
                    &back.at
                ));
            }
            let commune = report.commune.trim();
            let fell_back =
                route.commune.is_empty() && !is_blank(commune) && !communes(conn)?.knows(commune);
            let note = fell_back.then(|| {
                crate::output::routing::commune_fell_back(commune, report.id, field, &route.agency)
            });
            Ok((route.agency.clone(), note))
        }
        None => bail!(crate::output::routing::no_route(report.id, field)),
    }
}
