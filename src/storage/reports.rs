//! The `reports` table: mapping rows to `domain::report::Report` and back, lookups and the
//! filtered listing.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, params, params_from_iter};

use crate::domain::report::{Report, Status};
use crate::domain::time;

/// Every column, in `Report`'s order; `from_row` reads them by position.
pub const COLUMNS: &str = "id, external_id, submitted_at, occurred_at, content, media, latitude, \
    longitude, address, commune, reporter_name, reporter_phone, confidential, consent, urgent, \
    category_hint, status, state_secret, field, agency, round, returns, send_backs, \
    reject_reasons, result_text, rating, duplicate_of";

fn bad_column(index: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, what.into())
}

fn time_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<time::Timestamp>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| match time::parse(&t) {
        Ok(Some(ts)) => Ok(ts),
        _ => Err(bad_column(index, format!("bad time {t:?}"))),
    })
    .transpose()
}

pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Report> {
    let media: String = row.get(5)?;
    let status: String = row.get(16)?;
    let reasons: String = row.get(23)?;
    Ok(Report {
        id: row.get(0)?,
        external_id: row.get(1)?,
        submitted_at: time_at(row, 2)?.ok_or_else(|| bad_column(2, "null".into()))?,
        occurred_at: time_at(row, 3)?,
        content: row.get(4)?,
        media: serde_json::from_str(&media).map_err(|e| bad_column(5, e.to_string()))?,
        latitude: row.get(6)?,
        longitude: row.get(7)?,
        address: row.get(8)?,
        commune: row.get(9)?,
        reporter_name: row.get(10)?,
        reporter_phone: row.get(11)?,
        confidential: row.get(12)?,
        consent: row.get(13)?,
        urgent: row.get(14)?,
        category_hint: row.get(15)?,
        status: Status::parse(&status).ok_or_else(|| bad_column(16, status.clone()))?,
        state_secret: row.get(17)?,
        field: row.get(18)?,
        agency: row.get(19)?,
        round: row.get(20)?,
        returns: row.get(21)?,
        send_backs: row.get(22)?,
        reject_reasons: reasons
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
        result_text: row.get(24)?,
        rating: row.get(25)?,
        duplicate_of: row.get(26)?,
    })
}

/// The values of every column but `id`, in `COLUMNS` order.
fn values(r: &Report) -> Vec<Value> {
    vec![
        r.external_id.clone().into(),
        time::format(&r.submitted_at).into(),
        r.occurred_at.as_ref().map(time::format).into(),
        r.content.clone().into(),
        serde_json::to_string(&r.media).unwrap_or_default().into(),
        r.latitude.into(),
        r.longitude.into(),
        r.address.clone().into(),
        r.commune.clone().into(),
        r.reporter_name.clone().into(),
        r.reporter_phone.clone().into(),
        i64::from(r.confidential).into(),
        i64::from(r.consent).into(),
        i64::from(r.urgent).into(),
        r.category_hint.clone().into(),
        r.status.as_str().to_owned().into(),
        i64::from(r.state_secret).into(),
        r.field.clone().into(),
        r.agency.clone().into(),
        i64::from(r.round).into(),
        i64::from(r.returns).into(),
        i64::from(r.send_backs).into(),
        r.reject_reasons.join(",").into(),
        r.result_text.clone().into(),
        r.rating.map(i64::from).into(),
        r.duplicate_of.into(),
    ]
}

/// A prepared insert for loading many reports in one transaction.
pub struct Inserter<'c> {
    conn: &'c Connection,
    stmt: CachedStatement<'c>,
}

impl<'c> Inserter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let columns = COLUMNS.trim_start_matches("id, ");
        let placeholders = vec!["?"; 26].join(", ");
        let stmt = conn.prepare_cached(&format!(
            "INSERT INTO reports ({columns}) VALUES ({placeholders})
             ON CONFLICT (external_id) DO NOTHING"
        ))?;
        Ok(Inserter { conn, stmt })
    }

    /// Stores the report and returns its new id, or None when its app id is already stored.
    pub fn insert(&mut self, report: &Report) -> Result<Option<i64>> {
        let changed = self.stmt.execute(params_from_iter(values(report)))?;
        Ok((changed == 1).then(|| self.conn.last_insert_rowid()))
    }
}

/// Writes every attribute of an existing report.
pub fn update(conn: &Connection, report: &Report) -> Result<()> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| {
        let assignments: Vec<String> = COLUMNS
            .split(", ")
            .skip(1)
            .map(|c| format!("{} = ?", c.trim()))
            .collect();
        format!("UPDATE reports SET {} WHERE id = ?", assignments.join(", "))
    });
    let mut values = values(report);
    values.push(report.id.into());
    let changed = conn
        .prepare_cached(sql)?
        .execute(params_from_iter(values))?;
    anyhow::ensure!(
        changed == 1,
        "report {} vanished during the update",
        report.id
    );
    Ok(())
}

pub fn load(conn: &Connection, id: i64) -> Result<Option<Report>> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| format!("SELECT {COLUMNS} FROM reports WHERE id = ?1"));
    conn.prepare_cached(sql)?
        .query_row([id], from_row)
        .optional()
        .with_context(|| format!("loading report {id}"))
}

pub fn id_of_external(conn: &Connection, external_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM reports WHERE external_id = ?1")?
        .query_row(params![external_id], |r| r.get(0))
        .optional()?)
}

/// Filters of `list` (SPEC §6); all optional, combined with AND.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub statuses: Vec<Status>,
    pub agency: Option<String>,
    pub field: Option<String>,
    pub urgent: Option<bool>,
    pub submitted_from: Option<String>,
    pub submitted_before: Option<String>,
    pub search_folded: Option<String>,
    /// Only reports with a breached clock or an open one past due at this time.
    pub overdue_at: Option<String>,
    pub limit: Option<u64>,
}

/// Reports matching `filter`, urgent ones first (SPEC §3), then oldest first.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Report>> {
    let mut clauses = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if !filter.statuses.is_empty() {
        let marks = vec!["?"; filter.statuses.len()].join(", ");
        clauses.push(format!("status IN ({marks})"));
        args.extend(
            filter
                .statuses
                .iter()
                .map(|s| Value::from(s.as_str().to_owned())),
        );
    }
    if let Some(agency) = &filter.agency {
        clauses.push("agency = ?".to_owned());
        args.push(agency.clone().into());
    }
    if let Some(field) = &filter.field {
        clauses.push("field = ?".to_owned());
        args.push(field.clone().into());
    }
    if let Some(urgent) = filter.urgent {
        clauses.push("urgent = ?".to_owned());
        args.push(i64::from(urgent).into());
    }
    if let Some(from) = &filter.submitted_from {
        clauses.push("submitted_at >= ?".to_owned());
        args.push(from.clone().into());
    }
    if let Some(before) = &filter.submitted_before {
        clauses.push("submitted_at < ?".to_owned());
        args.push(before.clone().into());
    }
    if let Some(now) = &filter.overdue_at {
        clauses.push(super::clocks::OVERDUE_CONDITION.to_owned());
        args.push(now.clone().into());
    }
    let condition = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let sql =
        format!("SELECT {COLUMNS} FROM reports {condition} ORDER BY urgent DESC, submitted_at, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let report = row?;
        if let Some(needle) = &filter.search_folded {
            let haystack = crate::domain::text::fold(&format!(
                "{} {} {}",
                report.content, report.address, report.commune
            ));
            if !haystack.contains(needle.as_str()) {
                continue;
            }
        }
        out.push(report);
        if filter.limit.is_some_and(|l| out.len() as u64 >= l) {
            break;
        }
    }
    Ok(out)
}

/// Ids of every report in `status`, oldest first.
pub fn ids_with_status(conn: &Connection, status: Status) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare("SELECT id FROM reports WHERE status = ?1 ORDER BY submitted_at, id")?;
    let rows = stmt.query_map([status.as_str()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
