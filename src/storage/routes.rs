//! The `routes` table: the routing lines of `route add` and `assign --auto`.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::routing::Route;

pub fn all(conn: &Connection) -> Result<Vec<Route>> {
    let mut stmt =
        conn.prepare("SELECT field, commune, agency FROM routes ORDER BY field, commune")?;
    let rows = stmt.query_map([], |r| {
        Ok(Route {
            field: r.get(0)?,
            commune: r.get(1)?,
            agency: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets the line for (field, commune); returns the agency it replaced, if any.
pub fn put(conn: &Connection, route: &Route) -> Result<Option<String>> {
    let before: Option<String> = conn
        .query_row(
            "SELECT agency FROM routes WHERE field = ?1 AND commune = ?2",
            params![route.field, route.commune],
            |r| r.get(0),
        )
        .optional()?;
    conn.execute(
        "INSERT INTO routes (field, commune, agency) VALUES (?1, ?2, ?3)
         ON CONFLICT (field, commune) DO UPDATE SET agency = excluded.agency",
        params![route.field, route.commune, route.agency],
    )?;
    Ok(before)
}

/// Removes the line for (field, commune), exactly as spelled.
pub fn remove(conn: &Connection, field: &str, commune: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM routes WHERE field = ?1 AND commune = ?2",
        params![field, commune],
    )?;
    Ok(())
}
