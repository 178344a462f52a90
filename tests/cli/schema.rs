//! `docs/schema.sql`: the schema a database has once every migration ran, as generated from
//! a fresh `init` (`schema.sql` is only migration 1). This test keeps the file true; when a
//! new migration changes the schema it fails and says how to regenerate the file. And a
//! schema version set back behind the tool's back, which no migration can follow, is named.

use crate::common::*;

/// The generated file, relative to the repository.
const FILE: &str = "docs/schema.sql";

/// The command that rewrites the file from the current migrations.
const REGENERATE: &str = "UPDATE_SCHEMA=1 cargo test --test cli schema::";

#[test]
fn docs_schema_sql_is_the_schema_of_a_freshly_migrated_database() {
    let env = TestEnv::empty();
    env.run(&["init", "--auth", "trust"]).success();
    let actual = current_schema(&env.read_only());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{FILE} is not the schema a freshly migrated database has (first difference at line \
             {}: file {:?}, database {:?}).\nRegenerate it with:\n    {REGENERATE}",
            first + 1,
            expected.lines().nth(first).unwrap_or("<end of file>"),
            actual.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
    // The file is SQL that builds the same schema again.
    let rebuilt = rusqlite::Connection::open_in_memory().unwrap();
    rebuilt
        .execute_batch(&expected)
        .unwrap_or_else(|e| panic!("{FILE} does not run as SQL: {e}"));
    assert_eq!(current_schema(&rebuilt), expected, "{FILE}, run as SQL");
}

/// The schema of a database as SQL: the identifying pragmas, then every table
/// (by name) followed by its indexes and triggers (by name), as `sqlite_master` stores
/// them, with trailing blanks removed. SQLite's own objects (automatic indexes,
/// `sqlite_sequence`) are left out.
fn current_schema(conn: &rusqlite::Connection) -> String {
    let pragma = |name: &str| -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    };
    let mut out = format!(
        "-- The schema of a phananh database once every migration has run: GENERATED from a\n\
         -- fresh `phananh init` by tests/cli/schema.rs; do not edit. Regenerate it with\n\
         --     {REGENERATE}\n\
         -- The migrations themselves are schema.sql (migration 1) and\n\
         -- src/storage/migration-N-*.sql, applied in order under PRAGMA user_version.\n\n\
         PRAGMA application_id = {};\n\
         PRAGMA user_version = {};\n",
        pragma("application_id"),
        pragma("user_version"),
    );
    let mut stmt = conn
        .prepare(
            "SELECT sql FROM sqlite_master
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
             ORDER BY tbl_name,
                      CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1
                                WHEN 'trigger' THEN 2 ELSE 3 END,
                      name",
        )
        .unwrap();
    let statements: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for sql in statements {
        out.push('\n');
        for line in sql.trim().lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.pop();
        out.push_str(";\n");
    }
    out
}

/// `PRAGMA user_version` set back with sqlite3 stopped
/// every command, `audit verify` too, with SQLite's English ("duplicate column name", or a
/// whole migration's text) and exit 1. Now the version that does not match its tables is
/// named as an edit, in the user's language, exit 5, and nothing is changed.
#[test]
fn a_schema_version_set_back_behind_the_tools_back_is_named_as_such() {
    let env = TestEnv::validated();
    let latest = env.count("SELECT user_version FROM pragma_user_version");
    for version in [1, latest - 2] {
        rusqlite::Connection::open(env.db())
            .unwrap()
            .pragma_update(None, "user_version", version)
            .unwrap();
        let before = env.fingerprint();
        for (lang, said) in [
            (
                "vi",
                format!("ghi phiên bản lược đồ {version} nhưng các bảng"),
            ),
            (
                "en",
                format!("states schema version {version} but its tables"),
            ),
        ] {
            env.run_as(AUDITOR, &["--lang", lang, "audit", "verify"])
                .code(5)
                .stderr_has(&said)
                .stderr_has("PRAGMA user_version")
                .never_shows("CREATE TABLE");
        }
        env.assert_unchanged(&before);
    }
}
