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
    include_str!("migration-5-bytes.sql"),
    include_str!("migration-6-logins.sql"),
    include_str!("migration-7-identities.sql"),
    include_str!("migration-8-odd-times.sql"),
    include_str!("migration-9-merged.sql"),
    include_str!("migration-10-months.sql"),
    include_str!("migration-11-arrivals.sql"),
    include_str!("migration-12-agency-periods.sql"),
    include_str!("migration-13-list-parts.sql"),
    include_str!("migration-14-flagged-at-once.sql"),
];

/// The schema version this binary writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_announcing(conn, |_, _| {})
}

/// `migrate`, telling `upgrading` the versions from and to before it changes a database
/// that already has a schema: a migration may take a while on a large file.
pub fn migrate_announcing(conn: &mut Connection, upgrading: impl FnOnce(i64, i64)) -> Result<()> {
    // Up to date, the common case: no lock taken, so opening never makes a writer wait.
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == latest() {
        return Ok(());
    }
    if (1..latest()).contains(&current) {
        upgrading(current, latest());
    }
    // A migration that rebuilds a table others refer to (5: `events`, which `clocks` names)
    // drops the old table while rows still point at it. With foreign keys on, SQLite would
    // check every such row at the drop; they are off for the migration, which cannot change
    // inside a transaction, and checked as a whole before it commits.
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = apply(conn);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    migrated
}

fn apply(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > latest() {
        bail!(newer_schema(version, latest()));
    }
    // Rows edited behind the tool's back may already point nowhere; that is `audit`'s to
    // report, and must not keep the database from opening. Only what the migration adds
    // stops it.
    let dangling_before = dangling(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        // A migration that fails on a database phananh made means its tables are newer than
        // the version it states: `PRAGMA user_version` set back behind the tool's back
        // ("duplicate column name"). Said as such, not as SQLite's words alone.
        if let Err(error) = tx.execute_batch(sql) {
            let step = index + 1;
            // SQLite's own words without the migration's text it quotes after " in ".
            let said = error.to_string();
            let error = said.split(" in ").next().unwrap_or(&said).trim();
            bail!(schema_mismatch(version, step, error));
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    if dangling(&tx)? > dangling_before {
        bail!(would_dangle(latest()));
    }
    tx.commit()?;
    Ok(())
}

/// Rows whose foreign key names a row that is not there.
fn dangling(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?,
    )
}

/// The refusal of a database whose schema `version` is newer than this phananh's `latest`.
fn newer_schema(version: i64, latest: i64) -> super::refusal::Refusal {
    super::refusal::Refusal::NewerSchema { version, latest }
}

/// The failure of migration `step` on tables newer than the `version` the file states
/// (`error`: SQLite's own words).
fn schema_mismatch(version: i64, step: usize, error: &str) -> super::refusal::Refusal {
    super::refusal::Refusal::SchemaMismatch {
        version,
        step,
        error: error.to_owned(),
    }
}

/// The refusal of a migration to `latest` that would leave a row pointing at one gone.
fn would_dangle(latest: i64) -> super::refusal::Refusal {
    super::refusal::Refusal::WouldDangle { latest }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database as the first `version` migrations left it.
    fn built_to(version: usize) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
        conn
    }

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
        let mut conn = built_to(3);
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

    /// Migration 5 stores the hashes as bytes and must keep every seal verifiable, every
    /// clock's link to its events, and the log append-only; it drops `clocks_by_agency`.
    #[test]
    fn migration_5_keeps_a_version_4_chain_verifiable() {
        use crate::domain::audit::{ChainBreak, ChainWalker, EventRecord, GENESIS};

        let mut conn = built_to(4);
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn.execute(
            "INSERT INTO reports (id, external_id, submitted_at) VALUES (1, 'x', 't')",
            [],
        )
        .unwrap();
        let mut prev = GENESIS.to_owned();
        let mut hashes = Vec::new();
        for id in 1..=3 {
            let record = EventRecord {
                id,
                report_id: Some(1),
                at: "2026-10-05T08:00:00+07:00".into(),
                actor: "admin".into(),
                action: "ingest".into(),
                from_status: None,
                to_status: Some("received".into()),
                payload: "{}".into(),
                report_hash: (id != 2).then(|| "ab".repeat(32)),
                prev_hash: prev.clone(),
                login: None,
                recorded_at: None,
            };
            let hash = record.seal();
            conn.execute(
                "INSERT INTO events (id, report_id, at, actor, action, from_status, to_status,
                                     payload, report_hash, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                rusqlite::params![
                    record.id,
                    record.report_id,
                    record.at,
                    record.actor,
                    record.action,
                    record.from_status,
                    record.to_status,
                    record.payload,
                    record.report_hash,
                    record.prev_hash,
                    hash,
                ],
            )
            .unwrap();
            prev = hash.clone();
            hashes.push(hash);
        }
        conn.execute(
            "INSERT INTO clocks (report_id, stage, round, started_at, rule, limit_seconds,
                                 due_at, calendar_version, start_event)
             VALUES (1, 'dispatch', 1, 't', 'clock_hours', 1, 't', 'v', 2)",
            [],
        )
        .unwrap();

        migrate(&mut conn).unwrap();

        let stored: Vec<u8> = conn
            .query_row("SELECT hash FROM events WHERE id = 3", [], |r| r.get(0))
            .unwrap();
        assert_eq!(crate::domain::report::hex(&stored), hashes[2]);
        let mut walker = ChainWalker::default();
        crate::storage::events::for_each(&conn, |record, hash| walker.check(record, hash))
            .unwrap()
            .unwrap();
        assert_eq!(walker.checked, 3);
        let head = crate::storage::events::head(&conn).unwrap();
        assert_eq!(head, Some((3, hashes[2].clone())));

        let enforced: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(
            enforced,
            "foreign keys must be enforced again after the migration"
        );
        let refused = conn.execute("DELETE FROM events WHERE id = 2", []);
        assert!(refused.unwrap_err().to_string().contains("append-only"));
        let refused = conn.execute("UPDATE events SET actor = 'x' WHERE id = 2", []);
        assert!(refused.unwrap_err().to_string().contains("append-only"));
        let dangling = conn.execute(
            "INSERT INTO clocks (report_id, stage, round, started_at, rule, limit_seconds,
                                 due_at, calendar_version, start_event)
             VALUES (1, 'process', 1, 't', 'clock_hours', 1, 't', 'v', 99)",
            [],
        );
        assert!(dangling.unwrap_err().to_string().contains("FOREIGN KEY"));
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM events WHERE report_id = 1 ORDER BY id",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("events_by_report"), "{plan}");
        let unread: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'clocks_by_agency'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unread, 0, "the index nothing reads is dropped");

        // An edit behind the tool's back (a hash that is not hex) survives the migration as
        // its bytes, and the walk still names the event.
        let mut conn = built_to(4);
        conn.execute(
            "INSERT INTO events (id, at, actor, action, prev_hash, hash)
             VALUES (1, 't', 'admin', 'init', ?1, 'forged')",
            [GENESIS],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let mut walker = ChainWalker::default();
        let found =
            crate::storage::events::for_each(&conn, |record, hash| walker.check(record, hash))
                .unwrap();
        assert_eq!(found, Err(ChainBreak::EventAltered { id: 1 }));
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

    /// The refusals of a migration, whole in each language, with their exit classes.
    #[test]
    fn a_migration_refused_says_why_in_both_languages() {
        use crate::i18n::Lang;
        let said = |e: &anyhow::Error| {
            (
                crate::exit::status_of(e),
                crate::exit::message_of(e, Lang::Vi),
                crate::exit::message_of(e, Lang::En),
            )
        };
        assert_eq!(
            said(&anyhow::Error::new(newer_schema(12, 10))),
            (
                crate::exit::FAILURE,
                "Cơ sở dữ liệu có phiên bản lược đồ 12, mới hơn bản phananh này (10); hãy cập nhật phananh.".to_owned(),
                "the database has schema version 12, newer than this phananh (10); upgrade phananh".to_owned()
            )
        );
        assert_eq!(
            said(&anyhow::Error::new(schema_mismatch(
                3,
                4,
                "duplicate column name: kind"
            ))),
            (
                crate::exit::INTEGRITY,
                "Cơ sở dữ liệu ghi phiên bản lược đồ 3 nhưng các bảng của nó không khớp với phiên bản đó: bước nâng lược đồ 4 không chạy được (SQLite: duplicate column name: kind). Phiên bản có lẽ đã bị sửa ngoài phananh (PRAGMA user_version); chưa thay đổi gì. Hãy khôi phục bản sao lưu (`phananh restore`) hoặc kiểm tra tệp với người quản trị.".to_owned(),
                "the database states schema version 3 but its tables do not match it: migration 4 cannot run (SQLite: duplicate column name: kind). The version was probably changed outside phananh (PRAGMA user_version); nothing was changed. Restore a backup (`phananh restore`) or have the file examined".to_owned()
            )
        );
        assert_eq!(
            said(&anyhow::Error::new(would_dangle(10))),
            (
                crate::exit::FAILURE,
                "Nâng lược đồ lên phiên bản 10 sẽ để lại dòng trỏ tới dòng không còn; chưa thay đổi gì. Hãy báo lỗi này cho người phát triển phananh.".to_owned(),
                "migrating the schema to version 10 would leave a row pointing at one that is gone; nothing was changed. Report this to phananh's developers".to_owned()
            )
        );
    }
}
