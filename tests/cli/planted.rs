//! A schema planted in the file (SECURITY.md): whoever can write the database can add a
//! trigger with `sqlite3`, and a trigger runs inside phananh's own statements. Played here
//! as the insider of the review would: a trigger that swallows the events recording reveals,
//! full exports and refusals, and one that turns a new handler into an admin after phananh
//! wrote the row and before it sealed what it read back. Each is refused before anything is
//! written or shown, and `audit verify`, `backup` and `restore` name it.

use crate::common::*;

/// Drops, before they are written, the events that record who saw an identity and who was
/// refused: the reveal would go unlogged and `audit verify` would still find the chain whole.
const SWALLOW: &str = "CREATE TRIGGER events_by_kind BEFORE INSERT ON events
     WHEN NEW.action IN ('reveal', 'export_full', 'refused')
     BEGIN SELECT RAISE(IGNORE); END;";

#[test]
fn a_trigger_that_swallows_reveals_stops_every_write_and_shows_nothing() {
    let env = TestEnv::validated();
    let name: String = env
        .run_as(
            RECEPTION,
            &[
                "show",
                "5",
                "--reveal",
                "--reason",
                "gọi lại xác minh",
                "--format",
                "json",
            ],
        )
        .success()
        .json()["reporter_name"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!name.is_empty() && !name.contains('*'), "{name}");
    env.writable().execute_batch(SWALLOW).unwrap();
    let before = env.fingerprint();
    let refused = env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "show",
            "5",
            "--reveal",
            "--reason",
            "gọi lại xác minh",
        ],
    );
    refused
        .code(5)
        .one_line_error()
        .stderr_has("\"events_by_kind\"")
        .stderr_has("planted outside phananh")
        .stderr_has("nothing was written");
    assert!(!refused.stdout.contains(&name), "{}", refused.stdout);
    let out = env.dir().join("full.csv");
    env.run_as(
        RECEPTION,
        &[
            "export",
            "csv",
            "--reason",
            "đối chiếu",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .code(5);
    assert!(
        !out.exists(),
        "a full export was written while its log was swallowed"
    );
    // A refused command is on record as ever once the trigger is gone; here it is refused
    // before it runs at all.
    env.run_as(LEADER, &["verify", "5", "--approve"]).code(5);
    env.assert_unchanged(&before);
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has("the schema holds a trigger \"events_by_kind\"");
    env.run_as(
        ADMIN,
        &[
            "backup",
            "--out",
            env.dir().join("b.sqlite").to_str().unwrap(),
        ],
    )
    .code(5);

    // Removed, everything works again, and the reveal is logged.
    env.writable()
        .execute_batch("DROP TRIGGER events_by_kind")
        .unwrap();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    let reveals = env.count("SELECT count(*) FROM events WHERE action = 'reveal'");
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success()
    .stdout_has(&name);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'reveal'"),
        reveals + 1
    );
}

#[test]
fn a_trigger_that_promotes_a_new_account_is_refused_and_a_dropped_one_is_named() {
    let env = TestEnv::validated();
    env.writable()
        .execute_batch(
            "CREATE TRIGGER staff_defaults AFTER INSERT ON staff
             BEGIN UPDATE staff SET role = 'admin', agency = NULL
                   WHERE username = NEW.username AND NEW.username LIKE 'xuly.%'; END;",
        )
        .unwrap();
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "staff",
            "add",
            "xuly.sxd.moi",
            "--name",
            "Trần Văn Mới",
            "--role",
            "handler",
            "--agency",
            "SXD",
        ],
    )
    .code(5)
    .stderr_has("\"staff_defaults\"");
    env.assert_unchanged(&before);

    // The append-only guard dropped (to delete an event later) is named too.
    env.writable()
        .execute_batch("DROP TRIGGER staff_defaults; DROP TRIGGER events_are_append_only_delete")
        .unwrap();
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has("lacks the trigger \"events_are_append_only_delete\"");
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .code(5);
}

#[test]
fn restore_refuses_a_backup_with_a_planted_trigger() {
    let env = TestEnv::validated();
    let copy = env.dir().join("copy.sqlite");
    env.run_as(ADMIN, &["backup", "--out", copy.to_str().unwrap()])
        .success();
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute_batch(SWALLOW)
        .unwrap();
    let before = env.fingerprint();
    env.run_as(ADMIN, &["--lang", "en", "restore", copy.to_str().unwrap()])
        .code(5)
        .stderr_has("\"events_by_kind\"");
    // The refusal is logged, nothing else changes.
    env.assert_only_refusal(&before, ADMIN);
}

/// An index rebuilt under another definition, then given its old text back: the schema reads
/// as the tool's, but the index leaves a report's reveals out of `audit reveals` and `audit
/// log`. SQLite's own check finds the index no longer matching its table, and `audit
/// verify` says so.
#[test]
fn an_index_rebuilt_to_hide_reveals_fails_audit_verify() {
    let env = TestEnv::validated();
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    let conn = env.writable();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX events_by_report ON events (CASE WHEN action = ''reveal'' THEN -1 ELSE report_id END, id)'
          WHERE name = 'events_by_report';",
    )
    .unwrap();
    drop(conn);
    let conn = env.writable();
    conn.execute_batch("REINDEX events_by_report").unwrap();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX events_by_report ON events (report_id, id)'
          WHERE name = 'events_by_report';",
    )
    .unwrap();
    drop(conn);
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_has("fails SQLite's integrity check");
}
