//! The schema of a database file as SQLite keeps it, against the one phananh's migrations
//! make. Whoever can write the file can plant a trigger in it (`sqlite3`, no phananh
//! needed), and a trigger runs inside phananh's own statements: it could silently drop the
//! event that logs a reveal, or rewrite a row after phananh wrote it and before phananh
//! seals what it reads back (SECURITY.md, "A schema planted in the file"). A writing open
//! refuses such a file, and `audit verify`, `restore` and `audit checkpoint` name the first
//! difference.

use std::sync::OnceLock;

use anyhow::Result;
use rusqlite::Connection;

use crate::domain::audit::{ChainBreak, SchemaObject, schema_difference, schema_digest};

/// The objects of the file's schema, less the statistics tables `ANALYZE` makes (an
/// administrator tuning the file adds nothing that acts).
pub fn objects(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM main.sqlite_schema
         WHERE NOT (type = 'table'
                    AND name IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4'))",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            sql: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What every migration, applied in order to an empty database, makes: the same statements
/// an older file went through one by one, so an upgraded file and a new one compare alike.
/// Built once per process in memory (a few milliseconds).
pub fn expected() -> Result<&'static [SchemaObject]> {
    static MADE: OnceLock<Vec<SchemaObject>> = OnceLock::new();
    if let Some(made) = MADE.get() {
        return Ok(made);
    }
    let mut conn = Connection::open_in_memory()?;
    super::migrations::migrate(&mut conn)?;
    let made = objects(&conn)?;
    Ok(MADE.get_or_init(|| made))
}

/// SHA-256 of what the migrations make (`schema_digest(expected())`), generated: building it
/// in memory costs every process a few milliseconds (many more unoptimised, in the test
/// suite's thousand runs), comparing a digest almost nothing. The test below keeps it true.
const EXPECTED_DIGEST: &str = include_str!("schema.digest");

/// The first way the file's schema departs from what the migrations make, if any. Only
/// for a file at this binary's schema version (an older one is compared once migrated).
pub fn first_difference(conn: &Connection) -> Result<Option<ChainBreak>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != super::migrations::latest() {
        return Ok(None);
    }
    let found = objects(conn)?;
    if schema_digest(&found) == EXPECTED_DIGEST.trim() {
        return Ok(None);
    }
    Ok(schema_difference(expected()?, &found))
}

/// Why a writing open refuses a file whose schema was changed outside phananh
/// (`output::storage` words it, and what to do about it).
pub fn refusal(change: &ChainBreak) -> super::refusal::Refusal {
    super::refusal::Refusal::SchemaChanged(change.clone())
}

/// SQLite's own check of the file, first finding only: every index must hold exactly its
/// table's rows. An index rebuilt under another definition and given its old text back
/// (`writable_schema`, `REINDEX`) passes the schema comparison above, and would hide rows
/// from every query that goes through it (a report's reveals, a login's accounts).
pub fn integrity(conn: &Connection) -> Result<Option<String>> {
    let first: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    Ok((first != "ok").then_some(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command that rewrites `schema.digest` after a new migration.
    const REGENERATE: &str = "UPDATE_SCHEMA=1 cargo test --lib storage::schema";

    #[test]
    fn the_kept_digest_is_that_of_what_the_migrations_make() {
        let digest = schema_digest(expected().unwrap());
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            let file =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/storage/schema.digest");
            std::fs::write(file, format!("{digest}\n")).unwrap();
            return;
        }
        assert_eq!(
            EXPECTED_DIGEST.trim(),
            digest,
            "src/storage/schema.digest is stale; regenerate it with\n    {REGENERATE}"
        );
    }

    #[test]
    fn a_fresh_file_matches_and_a_planted_trigger_is_named() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        assert_eq!(first_difference(&conn).unwrap(), None);
        conn.execute_batch("ANALYZE").unwrap();
        assert_eq!(first_difference(&conn).unwrap(), None, "ANALYZE's tables");
        // Only those: `_` in a LIKE pattern would have let this one through.
        conn.execute_batch("CREATE TABLE sqliteXstat_stash (name, phone)")
            .unwrap();
        assert!(matches!(
            first_difference(&conn).unwrap(),
            Some(ChainBreak::SchemaChanged { name, .. }) if name == "sqliteXstat_stash"
        ));
        conn.execute_batch("DROP TABLE sqliteXstat_stash").unwrap();
        conn.execute_batch(
            "CREATE TRIGGER events_by_kind BEFORE INSERT ON events
             BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
        assert!(matches!(
            first_difference(&conn).unwrap(),
            Some(ChainBreak::SchemaChanged { name, .. }) if name == "events_by_kind"
        ));
    }

    /// The refusal of a file whose schema was changed outside phananh, whole in each
    /// language, with its exit class (5).
    #[test]
    fn a_changed_schema_is_refused_in_both_languages() {
        use crate::i18n::{Bilingual, Lang};
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER events_by_kind BEFORE INSERT ON events
             BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
        let change = first_difference(&conn).unwrap().unwrap();
        let refused = anyhow::Error::new(refusal(&change));
        assert_eq!(crate::exit::status_of(&refused), crate::exit::INTEGRITY);
        assert_eq!(
            crate::exit::message_of(&refused, Lang::Vi),
            format!(
                "Không ghi gì vào cơ sở dữ liệu này: {}. Một trigger hay view cài vào tệp chạy bên trong chính các lệnh của phananh và có thể bỏ hoặc sửa điều chúng ghi (chẳng hạn sự kiện ghi lại việc xem danh tính). Quản trị viên hãy chạy `phananh audit verify`, rồi gỡ đối tượng lạ bằng sqlite3 hoặc khôi phục một bản sao lưu sạch (`phananh restore`).",
                change.vi()
            )
        );
        assert_eq!(
            crate::exit::message_of(&refused, Lang::En),
            format!(
                "nothing was written to this database: {change}. A trigger or view planted in the file runs inside phananh's own statements and can drop or rewrite what they write (the event that logs a reveal, for one). An admin should run `phananh audit verify`, then remove what was planted with sqlite3 or restore a clean backup (`phananh restore`)"
            )
        );
    }
}
