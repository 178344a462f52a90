//! The append-only list of schema migrations, applied under `PRAGMA user_version` in one
//! exclusive transaction. Never remove or edit an entry: databases in the field were built
//! from them. A database newer than this binary is refused rather than guessed at.

use anyhow::{Result, bail};
use rusqlite::{Connection, TransactionBehavior};

/// Migration N (1-based) brings a database from user_version N-1 to N.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("migration-2-clocks.sql"),
    include_str!("migration-3-routing.sql"),
];

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    // Up to date, the common case: no lock taken, so opening never makes a writer wait.
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == latest() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > latest() {
        bail!(crate::Localized::new(
            format!(
                "Cơ sở dữ liệu có phiên bản lược đồ {version}, mới hơn bản phananh này ({}); hãy cập nhật phananh.",
                latest()
            ),
            format!(
                "the database has schema version {version}, newer than this phananh ({}); upgrade phananh",
                latest()
            ),
        ));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applying_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, latest());
        let app: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(app, crate::storage::APPLICATION_ID);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", latest() + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("newer than this phananh"), "{err}");
    }
}
