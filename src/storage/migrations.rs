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
    include_str!("migration-4-checks.sql"),
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

    /// Migration 4 must find the texts it rewrites in a database built by migrations 1–3,
    /// leave the constraints as strict as they were, and stop building temporary b-trees.
    #[test]
    fn migration_4_rewrites_the_in_list_checks_of_a_version_3_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute(
            "INSERT INTO reports (id, external_id, submitted_at) VALUES (1, 'x', 't')",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();

        let schema = |name: &str| -> String {
            conn.query_row(
                "SELECT sql FROM sqlite_schema WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!(
            !schema("reports").contains("status IN"),
            "{}",
            schema("reports")
        );
        assert!(schema("reports").contains("OR status = 'duplicate'"));
        assert!(
            !schema("clocks").contains("stage IN"),
            "{}",
            schema("clocks")
        );
        assert!(schema("clocks").contains("OR stage = 'publish'"));
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");

        for status in ["received", "published", "closed_private", "duplicate"] {
            conn.execute("UPDATE reports SET status = ?1 WHERE id = 1", [status])
                .unwrap();
        }
        let refused = conn.execute("UPDATE reports SET status = 'lost' WHERE id = 1", []);
        assert!(refused.unwrap_err().to_string().contains("CHECK"));
        let clock = "INSERT INTO clocks (report_id, stage, round, started_at, rule, limit_seconds, \
                     due_at, calendar_version) VALUES (1, ?1, 1, 't', 'clock_hours', 1, 't', 'v')";
        conn.execute(clock, ["publish"]).unwrap();
        assert!(conn.execute(clock, ["later"]).is_err());

        for sql in [
            "UPDATE reports SET status = 'accepted' WHERE id = 1",
            "UPDATE clocks SET stage = 'return' WHERE id = 1",
        ] {
            let mut plan = conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
            let opcodes: Vec<String> = plan
                .query_map([], |r| r.get(1))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                !opcodes.iter().any(|op| op == "OpenEphemeral"),
                "{sql}: {opcodes:?}"
            );
        }
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
