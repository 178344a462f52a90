//! The `service_codes` table (Open311 GeoReport v2 service codes and the field each one
//! means) and the export query: every report with what its public view and the staff
//! export add to the row (field and agency names, service code, latest change, current
//! deadline), streamed in submission order so memory stays flat. Decides nothing about who
//! may see what: `domain::open311` and `cli::export` do.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;

use super::reports::{by_submission, push_submitted_window};
use crate::domain::open311::{Facts, KeptTexts, ServiceMap};
use crate::domain::report::Report;

/// One line of `service_codes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCode {
    pub service_code: String,
    pub field: String,
    pub name: String,
}

/// Inserts or replaces a service code; returns true when it was new.
pub fn upsert_service_code(conn: &Connection, code: &ServiceCode) -> Result<bool> {
    let existed = conn
        .query_row(
            "SELECT 1 FROM service_codes WHERE service_code = ?1",
            [&code.service_code],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    conn.execute(
        "INSERT INTO service_codes (service_code, field, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (service_code) DO UPDATE SET field = excluded.field, name = excluded.name",
        params![code.service_code, code.field, code.name],
    )?;
    Ok(!existed)
}

/// Every service code, by code.
pub fn service_codes(conn: &Connection) -> Result<Vec<ServiceCode>> {
    let mut stmt =
        conn.prepare("SELECT service_code, field, name FROM service_codes ORDER BY service_code")?;
    let rows = stmt.query_map([], |r| {
        Ok(ServiceCode {
            service_code: r.get(0)?,
            field: r.get(1)?,
            name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The lookup `ingest --input-format open311` classifies by: the service codes and the
/// field codes.
pub fn service_map(conn: &Connection) -> Result<ServiceMap> {
    let codes = service_codes(conn)?
        .into_iter()
        .map(|c| (c.service_code, c.field));
    let mut stmt = conn.prepare("SELECT code FROM fields ORDER BY code")?;
    let fields: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ServiceMap::new(codes, fields))
}

/// Which reports an export covers: submitted in `[from, before)` (stored text, RFC 3339 at
/// +07:00) and numbered at most `last_id`.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    pub submitted_from: Option<String>,
    pub submitted_before: Option<String>,
    pub last_id: Option<i64>,
}

impl ExportFilter {
    fn condition(&self) -> (String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        push_submitted_window(
            "r.",
            self.submitted_from.as_ref(),
            self.submitted_before.as_ref(),
            &mut clauses,
            &mut args,
        );
        if let Some(last) = self.last_id {
            clauses.push("r.id <= ?".to_owned());
            args.push(last.into());
        }
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (condition, args)
    }
}

/// How many reports `filter` covers, and the highest id among them: an export logged
/// with that count then streams exactly those rows (reports are never deleted and their
/// submission time never changes), whatever is ingested meanwhile.
pub fn count(conn: &Connection, filter: &ExportFilter) -> Result<(i64, Option<i64>)> {
    let (condition, args) = filter.condition();
    Ok(conn.query_row(
        &format!("SELECT count(*), max(r.id) FROM reports r {condition}"),
        params_from_iter(args),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The numbers of the reports `filter` covers, in order: what a full export records of the
/// reports it hands out (`domain::reveals::ranges`).
pub fn ids(conn: &Connection, filter: &ExportFilter) -> Result<Vec<i64>> {
    let (condition, args) = filter.condition();
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id FROM reports r {condition} ORDER BY r.id"
    ))?;
    let ids = stmt
        .query_map(params_from_iter(args), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// Actions that do not change a request: a look at the reporter's identity, a refused
/// attempt, a deadline reminder, the encryption or erasure of the identity (the public never
/// saw it). A report's "latest change" is its latest other event.
const NOT_CHANGES: &str = "'reveal', 'refused', 'remind', 'seal_identity', 'erase'";

/// Streams the reports `filter` covers, oldest submission first, each with its `Facts`.
pub fn for_each(
    conn: &Connection,
    filter: &ExportFilter,
    mut visit: impl FnMut(Report, Facts) -> Result<()>,
) -> Result<()> {
    let columns: Vec<String> = super::reports::COLUMNS
        .split(',')
        .map(|c| format!("r.{}", c.trim()))
        .collect();
    let (condition, args) = filter.condition();
    // The current duty clock: the open one (the return window is no duty, docs/rules.md §3) that
    // started last. A field with several service codes is named by the first in order.
    let sql = format!(
        "SELECT {columns}, f.name,
                (SELECT min(s.service_code) FROM service_codes s WHERE s.field = r.field),
                (SELECT s.name FROM service_codes s WHERE s.field = r.field
                  ORDER BY s.service_code LIMIT 1),
                a.name,
                (SELECT e.at FROM events e
                  WHERE e.report_id = r.id AND e.action NOT IN ({NOT_CHANGES})
                  ORDER BY e.id DESC LIMIT 1),
                x.due_at,
                CASE WHEN NOT (r.identity IS NULL OR {sealed}) THEN
                  (SELECT json_extract(e.payload, '$.kept') FROM events e
                    WHERE e.report_id = r.id AND e.action = 'erase'
                    ORDER BY e.id DESC LIMIT 1)
                  ELSE (SELECT json_extract(e.payload, '$.kept') FROM events e
                    WHERE e.report_id = r.id AND e.action = 'identity_correct'
                    ORDER BY e.id DESC LIMIT 1) END,
                x.id, x.calendar_version
           FROM reports r
           LEFT JOIN fields f ON f.code = r.field
           LEFT JOIN agencies a ON a.code = r.agency
           LEFT JOIN clocks x ON x.id =
                (SELECT c.id FROM clocks c
                  WHERE c.report_id = r.id AND c.stopped_at IS NULL AND c.stage <> 'return'
                  ORDER BY c.started_at DESC, c.id DESC LIMIT 1)
           {condition}
          ORDER BY {order}",
        columns = columns.join(", "),
        order = by_submission("r."),
        sealed = super::reports::sealed_identity_sql("r.identity"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let first = columns.len();
    while let Some(row) = rows.next()? {
        let report = super::reports::listed_row(row)?;
        let facts = Facts {
            field_name: row.get(first)?,
            service_code: row.get(first + 1)?,
            service_code_name: row.get(first + 2)?,
            agency_name: row.get(first + 3)?,
            updated_at: row.get(first + 4)?,
            expected_at: row.get(first + 5)?,
            kept: KeptTexts::parse(row.get::<_, Option<String>>(first + 6)?.as_deref()),
            expected_clock: row.get(first + 7)?,
            expected_version: row.get(first + 8)?,
        };
        visit(report, facts)?;
    }
    Ok(())
}
