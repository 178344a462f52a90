//! The audit log as people read it (Đ11): one report's events with their seals for
//! `audit log`, and opening `audit verify` with the size of its walk. The check itself is
//! `app::audit`'s.

use anyhow::Result;
use rusqlite::Connection;

use super::{Context, resolve};
use crate::domain::access::Operation;
use crate::output::show::EventRow;
use crate::storage::{backup, events};

/// Every event of one report, oldest first, for an account that may read it.
pub fn of_report(ctx: &Context, reference: &str) -> Result<Vec<EventRow>> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    let report = resolve(&conn, reference)?;
    ctx.authorize(&conn, &actor, Operation::Read, Some(&report))?;
    Ok(events::of_report(&conn, report.id)?
        .into_iter()
        .map(|e| EventRow::of(e, true))
        .collect())
}

/// The database, opened for an account that may verify the chain.
pub fn open_for_verify(ctx: &Context) -> Result<Connection> {
    // Read-only: a backup on write-protected media can be verified as it is.
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::AuditVerify, None)?;
    Ok(conn)
}

/// The steps of a verify: one per event sealed, then one per report row checked.
pub fn verify_steps(conn: &Connection) -> Result<u64> {
    Ok(backup::count_events_and_reports(conn)? as u64)
}
