//! `backup --out FILE` and `restore FILE` (issue 5): a backup taken while others write is a
//! whole, verifiable phananh database readable by its owner only; restore puts back exactly
//! what was backed up, and refuses (changing nothing) a file that is damaged, edited behind
//! the tool's back, or not ours. Admin and reception back up; only admin restores.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use rusqlite::{Connection, OpenFlags};

use crate::common::*;

/// `phananh --as USER backup --out FILE`, in English.
fn backup(env: &TestEnv, user: &str, out: &Path) -> Run {
    env.run_as(
        user,
        &["--lang", "en", "backup", "--out", out.to_str().unwrap()],
    )
}

/// `phananh --as USER restore FILE`, in English.
fn restore(env: &TestEnv, user: &str, file: &Path) -> Run {
    env.run_as(user, &["--lang", "en", "restore", file.to_str().unwrap()])
}

/// A backup of `env`'s database taken by the admin, at `NAME` in the test's folder.
fn backed_up(env: &TestEnv, name: &str) -> PathBuf {
    let out = env.dir().join(name);
    backup(env, ADMIN, &out).success().one_line_error();
    out
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// The fingerprint of any file: copied into a fresh environment first, so reading it can
/// change nothing beside it.
fn fingerprint_of(file: &Path) -> Fingerprint {
    let env = TestEnv::empty();
    std::fs::copy(file, env.db()).unwrap();
    env.fingerprint()
}

fn integrity(path: &Path) -> String {
    read_only(path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Every event as (id, hash), in chain order.
fn chain(conn: &Connection) -> Vec<(i64, String)> {
    rows_as(conn, "SELECT id, lower(hex(hash)) FROM events ORDER BY id")
}

fn report_ids(conn: &Connection) -> Vec<i64> {
    let ids: Vec<(i64,)> = rows_as(conn, "SELECT id FROM reports ORDER BY id");
    ids.into_iter().map(|(id,)| id).collect()
}

/// The value of `column` in a fingerprint row, as the fingerprint writes it.
fn cell<'a>(table: &'a Table, row: &'a [String], column: &str) -> &'a str {
    let index = table.columns.iter().position(|c| c == column).unwrap();
    &row[index]
}

#[test]
fn a_backup_taken_while_others_write_is_whole_private_and_verifies() {
    let env = TestEnv::validated();
    let out = env.dir().join("sao-luu.sqlite");
    let accepted: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 6");
    let mut commands = Vec::new();
    for id in &accepted {
        let mut cmd = env.std_command();
        let id = id.to_string();
        cmd.args(["--as", RECEPTION, "classify", &id, "--field", "GT"]);
        commands.push(cmd);
    }
    for _ in 0..2 {
        let mut sweep = env.std_command();
        sweep.args(["--as", RECEPTION, "sweep", "--format", "csv"]);
        commands.insert(3, sweep);
    }
    let mut staff = env.std_command();
    let name = ["--name", "Người Mới", "--role", "reception"];
    staff
        .args(["--as", ADMIN, "staff", "add", "moi.vao"])
        .args(name);
    commands.push(staff);
    // The backup starts among the writers, under the reception account cron would use.
    let mut backup = env.std_command();
    backup.args(["--as", RECEPTION, "backup", "--out", out.to_str().unwrap()]);
    commands.insert(2, backup);
    let running: Vec<_> = commands
        .iter_mut()
        .map(|c| {
            c.stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in running {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(
            !stderr.contains("locked") && !stderr.contains("đang bận"),
            "{stderr}"
        );
    }
    // Everyone's writes landed in the database.
    for id in &accepted {
        assert_eq!(env.show(&id.to_string())["field"], "GT");
    }

    // The copy: readable by its owner only, no half-written file left beside it.
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
    for suffix in [".partial", "-journal", "-wal", "-shm"] {
        let mut side = out.clone().into_os_string();
        side.push(suffix);
        assert!(!Path::new(&side).exists(), "{side:?} was left behind");
    }
    assert_eq!(integrity(&out), "ok");
    let copy = read_only(&out);
    let source = env.read_only();
    // Every report, and the chain as it stood at one moment: a prefix of the source's.
    assert_eq!(report_ids(&copy), report_ids(&source));
    assert_eq!(report_ids(&copy).len(), EXAMPLE_REPORTS);
    let copied = chain(&copy);
    let all = chain(&source);
    assert!(copied.len() >= 340 && copied.len() < all.len());
    assert_eq!(copied[..], all[..copied.len()]);

    // The backup is on record in the source: who, where, how big.
    let (actor, payload): (String, String) = source
        .query_row(
            "SELECT actor, payload FROM events WHERE action = 'backup'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(actor, RECEPTION);
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    let canonical = std::fs::canonicalize(&out).unwrap();
    assert_eq!(payload["path"], canonical.to_str().unwrap());
    assert_eq!(
        payload["bytes"],
        std::fs::metadata(&out).unwrap().len(),
        "{payload}"
    );
    let pages: i64 = copy
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    assert_eq!(payload["pages"], pages);
    assert_eq!(payload["head_hash"], copied.last().unwrap().1.as_str());
    drop(copy);

    // And the copy passes the same check as the database itself.
    env.run_as(AUDITOR, &["--db", out.to_str().unwrap(), "audit", "verify"])
        .success();
}

#[test]
fn backup_refuses_an_existing_file() {
    let env = TestEnv::validated();
    let out = env.dir().join("existing.sqlite");
    std::fs::write(&out, "an earlier file").unwrap();
    let before = env.fingerprint();
    backup(&env, ADMIN, &out)
        .failure()
        .one_line_error()
        .stderr_has("already exists")
        .stderr_has("choose another name");
    env.run_as(RECEPTION, &["backup", "--out", out.to_str().unwrap()])
        .failure()
        .one_line_error()
        .stderr_has("đã tồn tại");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "an earlier file");
    assert!(!env.dir().join("existing.sqlite.partial").exists());
    env.assert_unchanged(&before);
}

/// `backup --out` naming the live database, its key or a folder said "already exists …
/// or delete that file first": followed, it deleted the database or every reporter's
/// identity. Each is now named for what it is, as `report --out` names them, and no
/// refusal advises deleting anything.
#[test]
fn backup_over_the_database_its_key_or_a_folder_says_what_it_is_and_never_to_delete_it() {
    let env = TestEnv::validated();
    let key_before = std::fs::read(env.key()).unwrap();
    let folder = env.dir().join("sao-luu");
    std::fs::create_dir(&folder).unwrap();
    let older = backed_up(&env, "older.sqlite");
    let before = env.fingerprint();
    let cases = [
        (
            env.db().to_path_buf(),
            "là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó",
        ),
        (
            env.key(),
            "là cơ sở dữ liệu, một tệp đi kèm nó hoặc tệp khóa của nó",
        ),
        (
            folder.clone(),
            "là một thư mục; --out cần tên tệp của bản sao lưu",
        ),
        (
            older.clone(),
            "là một cơ sở dữ liệu SQLite hoặc tệp khóa (một bản sao lưu?)",
        ),
    ];
    for (out, said) in &cases {
        let run = env.run_as(ADMIN, &["backup", "--out", out.to_str().unwrap()]);
        run.code(1)
            .one_line_error()
            .stderr_has(said)
            .never_shows("xóa tệp đó");
        let en = backup(&env, ADMIN, out);
        en.code(1).one_line_error().never_shows("delete");
    }
    env.assert_unchanged(&before);
    assert_eq!(std::fs::read(env.key()).unwrap(), key_before);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

/// A backup whose event cannot be written (another writer holds the database past the
/// wait) leaves no backup file the log does not know of: exit 4, "nothing was changed" is
/// true, and the rerun takes the same name. The copy was renamed into place before.
#[test]
fn a_backup_too_busy_to_be_logged_leaves_no_file_and_the_rerun_takes_the_name() {
    let env = TestEnv::validated();
    let out = env.dir().join("busy.sqlite");
    let before = env.fingerprint();
    let holder = env.writable();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    // The wait shortened (debug builds only): what is checked is what follows it, and
    // `desk::a_database_locked_past_the_wait_exits_4_and_names_who_holds_it` waits out the
    // real one.
    let run = env.run_as_waiting_briefly(
        ADMIN,
        &["--lang", "en", "backup", "--out", out.to_str().unwrap()],
    );
    holder.execute_batch("ROLLBACK").unwrap();
    run.code(4).one_line_error().stderr_has("is busy");
    assert!(
        !out.exists(),
        "a backup file the log does not know of\n{run}"
    );
    assert!(!env.dir().join("busy.sqlite.partial").exists());
    env.assert_unchanged(&before);
    backup(&env, ADMIN, &out).success();
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'backup'"),
        1
    );
}

/// Under a file-size limit (`prlimit --fsize`, as a cron job's `ulimit -f` sets it) a backup
/// that outgrows it fails with the disk-full message and leaves no `.partial` file: the
/// process was killed by SIGXFSZ (exit 153) with both left behind, which no rotation
/// deletes.
#[test]
fn a_backup_past_the_file_size_limit_says_so_and_leaves_no_partial_file() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    let out = env.dir().join("limited.sqlite");
    let limit = std::fs::metadata(env.db()).unwrap().len() / 2;
    let mut cmd = std::process::Command::new("prlimit");
    cmd.arg(format!("--fsize={limit}"))
        .arg(bin())
        .env_clear()
        .env("PHANANH_DB", env.db())
        .env("PHANANH_NOW", NOW)
        .current_dir(env.dir());
    let run = Run::of(
        cmd,
        &[
            "--as",
            ADMIN,
            "--lang",
            "en",
            "backup",
            "--out",
            "limited.sqlite",
        ],
    );
    run.failure()
        .one_line_error()
        .stderr_has("reached its size limit");
    for left in ["", ".partial", ".partial-journal"] {
        let file = env.dir().join(format!("limited.sqlite{left}"));
        assert!(!file.exists(), "{} is left\n{run}", file.display());
    }
    assert!(!out.exists());
    env.assert_unchanged(&before);
}

/// A second backup to the name of one still running is told so, not that the running
/// one's files were "left from an interrupted backup" to delete. The running backup is
/// played by what it holds: its `.partial` file, locked. Once nobody holds it, the file is
/// one an interrupted backup left, as before.
#[test]
fn a_backup_to_the_name_of_one_running_says_another_is_running() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    let out = env.dir().join("twin.sqlite");
    let partial = env.dir().join("twin.sqlite.partial");
    std::fs::File::create(&partial).unwrap();
    // The running backup's lock is held by another process (util-linux's flock), as it would
    // be: a lock this test process held would also be held, until their exec, by the
    // children other tests fork meanwhile, and outlive the moment it is let go.
    let mut running = std::process::Command::new("flock")
        .arg(&partial)
        .args(["sh", "-c", "echo locked; cat"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("flock (util-linux; tests/run installs it)");
    let mut said = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(running.stdout.take().unwrap()),
        &mut said,
    )
    .unwrap();
    assert_eq!(said, "locked\n");
    backup(&env, ADMIN, &out)
        .failure()
        .one_line_error()
        .stderr_has("another backup to this name is running")
        .never_shows("interrupted");
    assert!(partial.exists(), "the running backup's file was touched");
    env.assert_unchanged(&before);
    // It ends (its input closed) and its lock with it.
    drop(running.stdin.take());
    assert!(running.wait().unwrap().success());
    backup(&env, ADMIN, &out)
        .failure()
        .stderr_has("is left from an interrupted backup");
}

#[test]
fn handlers_leaders_and_auditors_may_not_back_up_and_are_logged() {
    let env = TestEnv::validated();
    let out = env.dir().join("copy.sqlite");
    for user in [HANDLER_SXD, LEADER, AUDITOR] {
        let before = env.fingerprint();
        backup(&env, user, &out)
            .failure()
            .one_line_error()
            .stderr_has("may not backup");
        let event = env.assert_only_refusal(&before, user);
        assert!(event["payload"].contains("backup"), "{event:#?}");
        assert!(!out.exists());
        assert!(!env.dir().join("copy.sqlite.partial").exists());
    }
}

#[test]
fn restore_brings_back_exactly_what_was_backed_up() {
    let env = TestEnv::validated();
    let copy = backed_up(&env, "copy.sqlite");
    let saved = fingerprint_of(&copy);
    // Work done after the backup, which the restore must take away.
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env.run_as(
        ADMIN,
        &[
            "staff",
            "add",
            "moi.vao",
            "--name",
            "Người Mới",
            "--role",
            "reception",
        ],
    )
    .success();
    assert_eq!(env.status_of("5"), "assigned");

    // The done line, then the events it left out, named one a line.
    let run = restore(&env, ADMIN, &copy);
    run.success()
        .stderr_has("restored")
        .stderr_has("audit chain intact")
        .stderr_has("\nthe events no longer in the file:\n  - event ");
    assert!(
        run.stderr.lines().skip(2).all(|l| l.starts_with("  - ")),
        "{run}"
    );

    let now = env.fingerprint();
    for (name, table) in &saved.0 {
        if *name != "events" {
            assert_eq!(
                Some(table),
                now.0.get(name),
                "table {name} differs from the backup"
            );
        }
    }
    // The events are the backup's, then the restore itself, chained to the backup's head.
    let (old, new) = (&saved.0["events"], &now.0["events"]);
    assert_eq!(new.rows.len(), old.rows.len() + 1);
    assert_eq!(new.rows[..old.rows.len()], old.rows[..]);
    let last = new.rows.last().unwrap();
    assert_eq!(cell(new, last, "action"), "'restore'");
    assert_eq!(cell(new, last, "actor"), format!("'{ADMIN}'"));
    assert_eq!(
        cell(new, last, "prev_hash"),
        cell(old, old.rows.last().unwrap(), "hash")
    );
    assert_eq!(env.status_of("5"), "accepted");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

#[test]
fn restore_refuses_a_backup_edited_behind_the_tools_back() {
    let env = TestEnv::validated();
    let copy = backed_up(&env, "copy.sqlite");
    Connection::open(&copy)
        .unwrap()
        .execute(
            "UPDATE reports SET content = 'Nội dung bị sửa lén' WHERE id = 5",
            [],
        )
        .unwrap();
    assert_eq!(integrity(&copy), "ok");
    // Refused, and the attempt logged (it left no trace): the account, the file and the
    // row found edited, for the inspector; nothing else changes.
    let before = env.fingerprint();
    restore(&env, ADMIN, &copy)
        .code(5)
        .one_line_error()
        .stderr_has("audit chain")
        .stderr_matches(r"report 5\b");
    env.assert_only_refusal(&before, ADMIN);
    let payload: String = env
        .read_only()
        .query_row(
            "SELECT payload FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["operation"], "restore", "{payload:#}");
    assert!(
        payload["file"].as_str().unwrap().ends_with("copy.sqlite"),
        "{payload:#}"
    );
    assert!(
        payload["reason"]
            .as_str()
            .unwrap()
            .contains("report 5: the row differs"),
        "{payload:#}"
    );
    assert!(
        payload["reason_vi"]
            .as_str()
            .unwrap()
            .contains("phản ánh 5"),
        "{payload:#}"
    );
    // So is one forced, with its reason.
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "restore",
            copy.to_str().unwrap(),
            "--force",
            "--reason",
            "Khôi phục theo chỉ đạo",
        ],
    )
    .code(5);
    let event = env.assert_only_refusal(&before, ADMIN);
    assert!(
        event["payload"].contains("Khôi phục theo chỉ đạo"),
        "{event:#?}"
    );
}

#[test]
fn restore_refuses_a_corrupted_backup() {
    let env = TestEnv::validated();
    // Pages in the middle overwritten with garbage.
    let overwritten = backed_up(&env, "overwritten.sqlite");
    assert_eq!(
        read_only(&overwritten)
            .query_row("PRAGMA freelist_count", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        0,
        "every page of the backup holds data"
    );
    let mut bytes = std::fs::read(&overwritten).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 4 * 4096].fill(0xA5);
    std::fs::write(&overwritten, &bytes).unwrap();
    // A backup cut short.
    let truncated = backed_up(&env, "truncated.sqlite");
    let length = std::fs::metadata(&truncated).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&truncated)
        .unwrap()
        .set_len(length / 2)
        .unwrap();

    // A page the audit chain never reads (the clocks table's root): only SQLite's integrity
    // check can tell.
    let clocks_page = backed_up(&env, "clocks-page.sqlite");
    let root: i64 = read_only(&clocks_page)
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'clocks'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page: i64 = read_only(&clocks_page)
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let (root, page) = (
        usize::try_from(root).unwrap(),
        usize::try_from(page).unwrap(),
    );
    let mut bytes = std::fs::read(&clocks_page).unwrap();
    bytes[(root - 1) * page..root * page].fill(0xA5);
    std::fs::write(&clocks_page, &bytes).unwrap();

    let before = env.fingerprint();
    for file in [&overwritten, &truncated, &clocks_page] {
        restore(&env, ADMIN, file)
            .code(5)
            .one_line_error()
            .stderr_has("is damaged")
            .stderr_has("the current database is unchanged");
        env.assert_unchanged(&before);
    }
}

#[test]
fn restore_refuses_files_that_are_not_phananh_databases() {
    let env = TestEnv::validated();
    let foreign = env.dir().join("other.sqlite");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE reports (id INTEGER PRIMARY KEY, content TEXT)")
        .unwrap();
    let text = env.dir().join("notes.txt");
    std::fs::write(&text, "không phải cơ sở dữ liệu\n".repeat(200)).unwrap();
    let before = env.fingerprint();
    for file in [&foreign, &text] {
        restore(&env, ADMIN, file)
            .failure()
            .one_line_error()
            .stderr_has("is not a phananh database");
        env.assert_unchanged(&before);
    }
    env.run_as(ADMIN, &["restore", foreign.to_str().unwrap()])
        .failure()
        .one_line_error()
        .stderr_has("không phải là cơ sở dữ liệu phananh");
    restore(&env, ADMIN, &env.dir().join("missing.sqlite"))
        .failure()
        .one_line_error()
        .stderr_has("no backup file");
    restore(&env, ADMIN, env.db())
        .failure()
        .one_line_error()
        .stderr_has("is the database itself");
    env.assert_unchanged(&before);
}

#[test]
fn only_the_admin_may_restore_and_refusals_are_logged() {
    let env = TestEnv::validated();
    let copy = backed_up(&env, "copy.sqlite");
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    for user in [RECEPTION, HANDLER_SXD, LEADER, AUDITOR] {
        let before = env.fingerprint();
        restore(&env, user, &copy)
            .failure()
            .one_line_error()
            .stderr_has("may not restore");
        env.assert_only_refusal(&before, user);
    }
    assert_eq!(env.show("5")["field"], "GT");
}

#[test]
fn restore_needs_an_existing_database() {
    let env = TestEnv::validated();
    let copy = backed_up(&env, "copy.sqlite");
    let missing = env.dir().join("new.sqlite");
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "--db",
            missing.to_str().unwrap(),
            "restore",
            copy.to_str().unwrap(),
        ],
    )
    .failure()
    .one_line_error()
    .stderr_has("phananh init")
    .stderr_has("copy the backup file");
    assert!(!missing.exists());
}

/// A truncated database sent the admin to `restore`, which refused with the same sentence
/// (even forced): restore reads the live file's accounts, head and log, which a damaged
/// file does not give. It now says so and gives the steps by hand, which this test follows
/// to a database that verifies; the damaged file is kept aside, the backup's SQLite words
/// stay out of the Vietnamese sentence.
#[test]
fn a_restore_over_a_damaged_database_gives_the_steps_by_hand_that_work() {
    let env = TestEnv::validated();
    let good = backed_up(&env, "good.sqlite");
    let bytes = std::fs::read(env.db()).unwrap();
    std::fs::write(env.db(), &bytes[..bytes.len() / 2]).unwrap();
    let db = env.db().to_str().unwrap().to_owned();
    for forced in [
        &[][..],
        &["--force", "--reason", "Tệp hỏng sau khi mất điện"][..],
    ] {
        let vi = env.run_as(
            ADMIN,
            &[&["restore", good.to_str().unwrap()][..], forced].concat(),
        );
        vi.code(5)
            .one_line_error()
            .stderr_has("nên lệnh khôi phục không thay được nó")
            .stderr_has("cp ")
            .never_shows("(`phananh restore BẢN_SAO`)");
    }
    let run = restore(&env, ADMIN, &good);
    run.code(5)
        .one_line_error()
        .stderr_has("so restore cannot replace it")
        .stderr_has("--as admin audit verify")
        .never_shows("(`phananh restore BACKUP`)");
    assert_eq!(
        std::fs::read(env.db()).unwrap().len(),
        bytes.len() / 2,
        "{run}"
    );
    // Follow the steps as written: the damaged file aside, the backup in its place.
    let step = |start: &str| {
        let from = run.stderr.find(start).expect(start) + 1;
        let to = from + run.stderr[from..].find('`').unwrap();
        run.stderr[from..to]
            .split(' ')
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let moved = step(&format!("`mv {db} "));
    assert_eq!(moved[1], db, "{run}");
    assert!(
        moved[2].starts_with(&format!("{db}.damaged-20261005-")),
        "{run}"
    );
    std::fs::rename(&moved[1], &moved[2]).unwrap();
    let copied = step("`cp ");
    assert_eq!(copied[1..], [good.to_str().unwrap(), &db], "{run}");
    std::fs::copy(&copied[1], &copied[2]).unwrap();
    env.run_as(ADMIN, &["audit", "verify"]).success();
    assert_eq!(std::fs::read(&moved[2]).unwrap().len(), bytes.len() / 2);
}

/// A backup with 4 KB pages, as databases had them before new ones took 16 KB.
fn with_small_pages(file: &Path) -> i64 {
    let conn = Connection::open(file).unwrap();
    conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .unwrap();
    conn.execute_batch("PRAGMA page_size = 4096; VACUUM;")
        .unwrap();
    conn.query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn restore_takes_a_backup_with_another_page_size_when_nobody_else_has_the_database_open() {
    let env = TestEnv::validated();
    let copy = backed_up(&env, "copy.sqlite");
    assert_eq!(with_small_pages(&copy), 4096);
    let saved = fingerprint_of(&copy);
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();

    let run = restore(&env, ADMIN, &copy);
    run.success()
        .stderr_has("restored")
        .stderr_has("\nthe events no longer in the file:\n  - event ");
    assert!(
        run.stderr.lines().skip(2).all(|l| l.starts_with("  - ")),
        "{run}"
    );
    let now = env.fingerprint();
    assert_eq!(now.0["reports"], saved.0["reports"]);
    let conn = read_only(env.db());
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!((page_size, mode.as_str()), (4096, "wal"));
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

#[test]
fn restore_of_another_page_size_is_refused_while_others_have_the_database_open() {
    let env = TestEnv::validated();
    let copy = backed_up(&env, "copy.sqlite");
    with_small_pages(&copy);
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    let before = env.fingerprint();
    // An operator's session, reading.
    let other = Connection::open(env.db()).unwrap();
    let reading = other.unchecked_transaction().unwrap();
    let _: i64 = reading
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap();

    restore(&env, ADMIN, &copy)
        .failure()
        .one_line_error()
        .stderr_has("another page size")
        .stderr_has("the current database is unchanged");
    drop(reading);
    drop(other);
    assert_eq!(env.fingerprint(), before);
    let mode: String = read_only(env.db())
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// Cron mails whatever a job prints: the nightly backup's `--quiet` prints nothing when it
/// succeeds, and still says why when it fails.
#[test]
fn a_quiet_backup_says_nothing_unless_it_fails() {
    let env = TestEnv::validated();
    let out = env.dir().join("nightly.sqlite");
    let run = env.run_as(
        ADMIN,
        &["backup", "--quiet", "--out", out.to_str().unwrap()],
    );
    run.success();
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run}");
    assert_eq!(integrity(&out), "ok");
    env.run_as(
        ADMIN,
        &["backup", "--quiet", "--out", out.to_str().unwrap()],
    )
    .failure()
    .one_line_error();
}

/// A backup made by an older phananh (schema 6, before identities were sealed) is brought
/// up to date and its chain checked on the staged copy: it was called damaged, exit 5,
/// because the checks read columns it does not have yet. One edited behind the tool's back
/// is still refused.
#[test]
fn an_older_backup_is_upgraded_then_checked_not_called_damaged() {
    let env = TestEnv::validated();
    let old = TestEnv::empty();
    crate::identity::before_sealing(&old);
    let file = env.dir().join("old-v6.sqlite");
    std::fs::copy(old.db(), &file).unwrap();
    let forced = |file: &Path| {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                "en",
                "restore",
                file.to_str().unwrap(),
                "--force",
                "--reason",
                "Chuyển từ máy chủ cũ",
            ],
        )
    };
    let tampered = env.dir().join("old-v6-edited.sqlite");
    std::fs::copy(&file, &tampered).unwrap();
    Connection::open(&tampered)
        .unwrap()
        .execute("UPDATE reports SET content = 'Sửa lén' WHERE id = 1", [])
        .unwrap();
    let before = env.fingerprint();
    // Two lines: the upgrade of the staged copy is announced, then refused.
    forced(&tampered)
        .code(5)
        .stderr_has("audit chain")
        .stderr_matches(r"report 1\b");
    // The refusal is logged, nothing else changes.
    env.assert_only_refusal(&before, ADMIN);
    forced(&file).success();
    assert_eq!(env.count("SELECT count(*) FROM reports"), 1);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// A forced restore's reason and a backup's file name were
/// kept as typed in the log and shown to the auditor, where a full export's are redacted;
/// a forced restore after an erasure request is when an admin types the requester's name.
#[test]
fn a_typed_name_or_phone_in_a_restores_reason_or_a_backups_file_stays_out_of_the_log() {
    let env = TestEnv::validated();
    // (The examples' staff include an account `xuly.snnmt.phuong`: the name as typed here,
    // with its middle name, is what is looked for.)
    let no_identity = |text: &str| {
        // A digest (64 hex digits: an event's hash, the head the backup names) is random
        // to this test and now and then holds "0330"; it cannot hold typed text.
        let folded = without_digests(&text.to_lowercase());
        for secret in ["mỹ phượng", "my-phuong", "0330", "253 150", "253150"] {
            assert!(!folded.contains(secret), "{secret} in:\n{text}");
        }
    };
    let copy = env
        .dir()
        .join("ban-sao-cho-Nguyen-Thi-My-Phuong-0330253150.sqlite");
    backup(&env, ADMIN, &copy).success();
    assert!(copy.exists());
    no_identity(&env.run_as(AUDITOR, &["audit", "log"]).success().stdout);
    // Another chain, without reports: its copy is restored only with --force.
    let other = TestEnv::empty();
    other.run(&["init", "--auth", "trust"]).success();
    // Its first event may be this chain's first, made at the same pinned moment: a second
    // one of its own makes its head no event of this chain.
    other
        .run_as(ADMIN, &["settings", "set", "csv.style", "excel"])
        .success();
    let file = env
        .dir()
        .join("truoc-khi-xoa-Nguyen-Thi-My-Phuong-0330253150.sqlite");
    std::fs::copy(other.db(), &file).unwrap();
    env.run_as(
        ADMIN,
        &[
            "restore",
            file.to_str().unwrap(),
            "--force",
            "--reason",
            "khôi phục theo yêu cầu của Nguyễn Thị Mỹ Phượng, 0330 253 150",
        ],
    )
    .success();
    let payloads = env
        .column::<String>("SELECT payload FROM events WHERE action IN ('restore', 'backup')")
        .join("\n");
    assert!(payloads.contains("forced_reason"), "{payloads}");
    assert!(
        payloads.contains("khôi phục theo yêu cầu"),
        "the reason's other words stay: {payloads}"
    );
    no_identity(&payloads);
    no_identity(&env.run_as(ADMIN, &["audit", "log"]).success().stdout);
}

/// `backup` ran SQLite's integrity check only. A database with
/// one row edited behind the tool's back was backed up, exit 0, silent with `--quiet`,
/// "integrity checked" — and `restore` refuses every such copy, while the crontab's
/// `backup --quiet … && find … -delete` rotated the good backups away night after night.
/// The backup now runs restore's chain check on its copy: the copy is kept (evidence), the
/// first problem named as `audit verify` names it, on stderr even with `--quiet`, exit 5.
#[test]
fn a_backup_restore_would_refuse_is_kept_named_and_fails_so_no_rotation_follows() {
    let env = TestEnv::validated();
    let good = backed_up(&env, "good.sqlite");
    env.writable()
        .execute(
            "UPDATE reports SET latitude = latitude + 0.0000001 WHERE id = 5",
            [],
        )
        .unwrap();
    let verified = env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"]);
    verified.code(5).stderr_matches(r"report 5\b");

    let out = env.dir().join("nightly.sqlite");
    let run = env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "backup",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    run.code(5)
        .one_line_error()
        .stderr_has(
            "the database's audit chain is broken: report 5: the row differs from what event",
        )
        .stderr_has("The copy was kept at")
        .stderr_has("`restore` would refuse it");
    assert!(!run.stderr.contains("integrity checked"), "{run}");
    assert_eq!(run.stdout, "");
    // Kept, private, whole for SQLite, and logged as a copy whose chain is broken.
    assert_eq!(integrity(&out), "ok");
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let logged = env.column::<String>(
        "SELECT payload FROM events WHERE action = 'backup' ORDER BY id DESC LIMIT 1",
    )[0]
    .clone();
    assert!(logged.contains("\"chain_intact\":false"), "{logged}");

    // Without --quiet, in Vietnamese: the same, and no "integrity checked".
    let again = env.dir().join("again.sqlite");
    let said = env.run_as(ADMIN, &["backup", "--out", again.to_str().unwrap()]);
    said.code(5)
        .stderr_has("Chuỗi nhật ký của cơ sở dữ liệu bị phá vỡ: phản ánh 5")
        .stderr_has("`restore` sẽ từ chối nó");
    assert!(!said.stderr.contains("đã kiểm tra toàn vẹn"), "{said}");
    assert!(again.exists(), "kept");

    // Exactly what restore says of it; the backup from before the edit is taken.
    restore(&env, ADMIN, &out)
        .code(5)
        .stderr_matches(r"report 5\b");
    restore(&env, ADMIN, &good).success();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    let after = env.dir().join("after.sqlite");
    backup(&env, ADMIN, &after)
        .success()
        .stderr_has("integrity checked");
    let logged = env.column::<String>(
        "SELECT payload FROM events WHERE action = 'backup' ORDER BY id DESC LIMIT 1",
    )[0]
    .clone();
    assert!(logged.contains("\"chain_intact\":true"), "{logged}");
}

/// A FIFO named as the backup to restore (or put beside a real backup as
/// its `-wal`) made `restore` wait for a writer for ever, and it waited holding the live
/// database exclusively: every other phananh process, cron's sweep included, queued behind
/// it. Refused at once, before the lock, saying what stands there; the database unchanged.
#[test]
fn a_fifo_given_as_the_backup_is_refused_at_once_holding_nobody_out() {
    let env = TestEnv::validated();
    let good = backed_up(&env, "good.sqlite");
    let before = env.fingerprint();
    let pipe = env.dir().join("pipe.sqlite");
    let beside = PathBuf::from(format!("{}-wal", good.display()));
    for fifo in [&pipe, &beside] {
        mkfifo(fifo);
    }
    let restore_of = |file: &Path| {
        run_bounded(
            env.command(),
            &[
                "--as",
                ADMIN,
                "--lang",
                "en",
                "restore",
                file.to_str().unwrap(),
            ],
            HANG_BOUND,
        )
    };
    restore_of(&pipe).failure().one_line_error().stderr_has(&format!(
        "the backup {} is a named pipe (FIFO), not a regular file: phananh does not open it. Nothing was changed",
        pipe.display()
    ));
    restore_of(&good).failure().stderr_has(&format!(
        "the backup's side file {} is a named pipe (FIFO), not a regular file",
        beside.display()
    ));
    env.assert_unchanged(&before);
}

/// The digests go, cut or whole; a typed phone number stays, also next to a cut digest.
#[test]
fn without_digests_leaves_typed_numbers() {
    let whole = "a".repeat(60) + "0330";
    let cut = "290b1babb30be757cde220cb3461676f1adbd0770ea1fe826a7e28ac00330…";
    let text = format!("{whole}\n{cut}\nlý do: 0330253150…\n");
    assert_eq!(without_digests(&text), "\n…\nlý do: 0330253150…\n");
}

/// `text` without its SHA-256 digests: runs of exactly 64 hexadecimal digits, runs of exactly
/// 12 (the first digits of each seal, the audit log's table column), and runs of 16 or more
/// that a table cut at its column's edge ("…"). A typed phone number is a run of ten digits,
/// which stays: the digests are random to the tests (each event seals the wall-clock time it
/// was recorded at), and a cut one once held "0330", a table's twelve digits "10330150875f".
fn without_digests(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, kept: &mut String, next: Option<char>| {
        let cut_digest = run.len() >= 16 && next == Some('…');
        if run.len() != 64 && run.len() != 12 && !cut_digest {
            kept.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut kept, Some(c));
            kept.push(c);
        }
    }
    flush(&mut run, &mut kept, None);
    kept
}

#[test]
fn a_digest_is_left_out_and_a_phone_is_not() {
    let digest = "0330".repeat(16);
    assert_eq!(
        without_digests(&format!("hash {digest}, gọi 0330253150 / 0330 253 150")),
        "hash , gọi 0330253150 / 0330 253 150"
    );
    assert_eq!(
        without_digests("│ 10330150875f │ gọi 0330253150 │"),
        "│  │ gọi 0330253150 │"
    );
}

/// `(id, first 16 hex digits of the hash)` of the last event of the database at `path`, as
/// a refused restore names the two heads.
fn head_of(path: &Path) -> String {
    let (id, hash): (i64, String) = read_only(path)
        .query_row(
            "SELECT id, lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    format!("{id} ({})", &hash[..16])
}

/// Each refusal of `backup` and `restore`, whole and on one line, in Vietnamese and in
/// English: what stands in the way, named by its path as given, what was kept unchanged,
/// and what to do instead. SQLite's own reason stays as it says it.
#[test]
fn each_refusal_of_backup_and_restore_is_worded_whole_in_both_languages() {
    let env = TestEnv::validated();
    let dir = env.dir();
    std::fs::write(dir.join("existing.sqlite"), "an earlier file").unwrap();
    std::fs::File::create(dir.join("halted.sqlite.partial")).unwrap();
    std::fs::write(dir.join("text.txt"), "hello\n").unwrap();
    env.run_as(ADMIN, &["backup", "--out", "good.sqlite"])
        .success();
    std::fs::copy(dir.join("good.sqlite"), dir.join("newer.sqlite")).unwrap();
    Connection::open(dir.join("newer.sqlite"))
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let latest: i64 = env
        .read_only()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let good = std::fs::read(dir.join("good.sqlite")).unwrap();
    std::fs::write(dir.join("cut.sqlite"), &good[..20_000]).unwrap();
    let db = env.db().display().to_string();
    let db_name = env.db().file_name().unwrap().to_str().unwrap();
    let cases: Vec<(Vec<&str>, String, String)> = vec![
        (
            vec!["backup", "--out", "existing.sqlite"],
            "existing.sqlite đã tồn tại và không bị ghi đè (bản sao lưu không bao giờ ghi đè tệp có sẵn); không có gì thay đổi. Hãy chọn tên khác cho --out, ví dụ `--out /srv/backup/phananh-$(date +%F).sqlite`.".into(),
            "existing.sqlite already exists and was not overwritten (a backup never overwrites a file), nothing was changed; choose another name for --out, e.g. `--out /srv/backup/phananh-$(date +%F).sqlite`".into(),
        ),
        (
            vec!["backup", "--out", "halted.sqlite"],
            "halted.sqlite.partial còn sót lại từ một lần sao lưu bị gián đoạn; hãy xóa (các) tệp đó rồi chạy lại.".into(),
            "halted.sqlite.partial is left from an interrupted backup; delete it and run again".into(),
        ),
        (
            vec!["restore", "nofile"],
            "Không có tệp sao lưu nofile.".into(),
            "there is no backup file nofile".into(),
        ),
        (
            vec!["restore", db_name],
            format!("{db_name} chính là cơ sở dữ liệu đang dùng; hãy chỉ định một tệp sao lưu."),
            format!("{db_name} is the database itself; name a backup file"),
        ),
        (
            vec!["restore", "text.txt"],
            "text.txt không phải là cơ sở dữ liệu phananh; không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên.".into(),
            "text.txt is not a phananh database; nothing was restored and the current database is unchanged".into(),
        ),
        (
            vec!["restore", "newer.sqlite"],
            format!("newer.sqlite có phiên bản lược đồ 999, mới hơn bản phananh này ({latest}); hãy cập nhật phananh. Cơ sở dữ liệu hiện tại giữ nguyên."),
            format!("newer.sqlite has schema version 999, newer than this phananh ({latest}); upgrade phananh. The current database is unchanged"),
        ),
    ];
    for (args, vi, en) in &cases {
        for (lang, said) in [("vi", vi), ("en", en)] {
            let run = env.run_as(ADMIN, &[&["--lang", lang][..], args].concat());
            run.failure();
            assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
        }
    }
    // A damaged file is an integrity failure (exit 5).
    for (lang, said) in [
        (
            "vi",
            "cut.sqlite bị cắt cụt hoặc hư hỏng (SQLite không đọc được nó như một cơ sở dữ liệu nguyên vẹn); không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên. Hãy dùng một bản sao lưu khác.",
        ),
        (
            "en",
            "cut.sqlite is damaged (database disk image is malformed); nothing was restored and the current database is unchanged. Use another backup",
        ),
    ] {
        let run = env.run_as(ADMIN, &["--lang", lang, "restore", "cut.sqlite"]);
        run.code(5);
        assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
    }
    // No database to restore into.
    for (lang, said) in [
        (
            "vi",
            format!(
                "Không có cơ sở dữ liệu tại {db}x; lệnh khôi phục chỉ thay nội dung của một cơ sở dữ liệu đã có. Hãy chạy `phananh init --db {db}x` trước, hoặc sao chép tệp sao lưu vào {db}x."
            ),
        ),
        (
            "en",
            format!(
                "no database at {db}x; restore only replaces the content of an existing database. Run `phananh init --db {db}x` first, or copy the backup file to {db}x"
            ),
        ),
    ] {
        let run = env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "--db",
                &format!("{db}x"),
                "restore",
                "good.sqlite",
            ],
        );
        run.failure();
        assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
    }
    // Another database's backup, refused unless forced for a reason that says something.
    let other = TestEnv::empty();
    other.run(&["init", "--auth", "trust"]).success();
    let foreign = dir.join("foreign.sqlite");
    other
        .run_as(ADMIN, &["backup", "--out", foreign.to_str().unwrap()])
        .success();
    let theirs = head_of(&foreign);
    for lang in ["vi", "en"] {
        let ours = head_of(env.db());
        let said = if lang == "vi" {
            format!(
                "Sự kiện cuối của foreign.sqlite là {theirs}, không có trong chuỗi nhật ký của cơ sở dữ liệu này (sự kiện cuối {ours}): đó là bản sao của một cơ sở dữ liệu khác, hoặc của một chuỗi đã bị viết lại. Không khôi phục, cơ sở dữ liệu hiện tại giữ nguyên. Nếu thật sự muốn thay, hãy chạy lại với --force --reason \"LÝ DO\" (sự kiện restore ghi cả hai đầu chuỗi và lý do)."
            )
        } else {
            format!(
                "the last event of foreign.sqlite is {theirs}, which is not in this database's audit chain (last event {ours}): it is another database's copy, or one of a chain since rewritten. Nothing was restored and the current database is unchanged. If you mean to replace it, run again with --force --reason \"TEXT\" (the restore event records both heads and the reason)"
            )
        };
        let run = env.run_as(ADMIN, &["--lang", lang, "restore", "foreign.sqlite"]);
        run.failure();
        assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
    }
    for (lang, said) in [
        (
            "vi",
            "Hãy cho biết vì sao thay chuỗi nhật ký bằng bản sao lưu này: `restore --force --reason \"...\"`, bằng vài từ (ít nhất 3 chữ cái hoặc chữ số), không phải \"-\", \"N/A\", \"không\", \"ok\" hay ký tự vô hình; lý do được ghi vào sự kiện restore. Chưa khôi phục gì.",
        ),
        (
            "en",
            "say why this backup replaces the audit chain: `restore --force --reason \"...\"`, in a few words (at least 3 letters or digits), not \"-\", \"N/A\", \"none\", \"ok\" or an invisible character; the reason is kept in the restore event. Nothing was restored",
        ),
    ] {
        let run = env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "restore",
                "foreign.sqlite",
                "--force",
                "--reason",
                " ",
            ],
        );
        run.failure();
        assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
    }
    // Another phananh process has the database (storage::lock): busy, exit 4 (a drill's
    // script retries), naming the process (here the tests' own, which holds it open).
    let held = std::fs::File::open(env.db()).unwrap();
    held.lock_shared().unwrap();
    // (A child another test thread forks in that instant holds the file too, until it
    // execs: the list is looked for, not matched whole.)
    let holder = format!("{} ({})", std::process::id(), this_program());
    for (lang, said, who, then) in [
        (
            "vi",
            format!(
                "Có tiến trình phananh khác đang dùng {db} (nạp dữ liệu, quét hạn, một phiên làm việc…); cơ sở dữ liệu hiện tại giữ nguyên. Tiến trình đang mở tệp: "
            ),
            holder.clone(),
            ". Hãy chạy lại khi họ xong, hoặc chờ lâu hơn với --wait GIÂY.\n",
        ),
        (
            "en",
            format!(
                "other phananh processes are using {db} (an ingest, a sweep, an operator's session…); the current database is unchanged. Processes that have it open: "
            ),
            holder.clone(),
            ". Run again when they are done, or wait longer with --wait SECONDS\n",
        ),
    ] {
        let run = env.run_as(
            ADMIN,
            &["--lang", lang, "restore", "good.sqlite", "--wait", "0"],
        );
        run.code(4);
        assert!(run.stderr.starts_with(&format!("phananh: {said}")), "{run}");
        assert!(
            run.stderr.contains(&who) && run.stderr.ends_with(then),
            "{run}"
        );
        assert_eq!(run.stderr.lines().count(), 1, "{run}");
    }
    drop(held);
    // Another backup to the same name holds its lock (flock, as in
    // backup::a_backup_to_the_name_of_one_running_says_another_is_running).
    let partial = dir.join("twin.sqlite.partial");
    std::fs::File::create(&partial).unwrap();
    let mut running = std::process::Command::new("flock")
        .arg(&partial)
        .args(["sh", "-c", "echo locked; cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock (util-linux; tests/run installs it)");
    let mut said = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(running.stdout.take().unwrap()),
        &mut said,
    )
    .unwrap();
    assert_eq!(said, "locked\n");
    for (lang, said) in [
        (
            "vi",
            "Một lệnh sao lưu khác đang ghi vào tên này (twin.sqlite.partial); hãy đợi nó xong, hoặc chọn tên khác cho bản sao lưu này.",
        ),
        (
            "en",
            "another backup to this name is running (it is writing twin.sqlite.partial); wait for it to finish, or choose another name for this one",
        ),
    ] {
        let run = env.run_as(ADMIN, &["--lang", lang, "backup", "--out", "twin.sqlite"]);
        run.failure();
        assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
    }
    drop(running.stdin.take());
    assert!(running.wait().unwrap().success());
    // A backup whose chain was edited behind the tool's back: the break is the chain check's
    // to word, the refusal around it is this (exit 5).
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        "UPDATE events SET actor = 'tiepnhan.khang' WHERE id = 3",
    );
    env.run_as(ADMIN, &["backup", "--out", "edited.sqlite"])
        .code(5);
    for (lang, before, after) in [
        (
            "vi",
            "phananh: Chuỗi nhật ký của edited.sqlite bị phá vỡ: ",
            ". Tệp đã bị sửa ngoài phananh nên không được khôi phục; cơ sở dữ liệu hiện tại giữ nguyên, chỉ ghi thêm lần từ chối này vào nhật ký. Hãy dùng một bản sao lưu khác.\n",
        ),
        (
            "en",
            "phananh: the audit chain of edited.sqlite is broken: ",
            "; the file was changed outside phananh and was not restored, the current database is unchanged but for this refusal, logged. Use another backup\n",
        ),
    ] {
        let run = env.run_as(ADMIN, &["--lang", lang, "restore", "edited.sqlite"]);
        run.code(5).one_line_error();
        assert!(
            run.stderr.starts_with(before) && run.stderr.ends_with(after),
            "{run}"
        );
    }
}

/// The line a backup ends with groups the thousands of its size as every count is grouped
/// (`1.769.472 byte`, `1,769,472 bytes`): cron's mail and the operator read a seven-digit
/// number of bytes at a glance.
#[test]
fn a_backups_size_is_grouped_in_the_readers_language() {
    let env = TestEnv::seeded();
    for (lang, file, separator, unit) in [
        ("vi", "b-vi.sqlite", '.', " byte,"),
        ("en", "b-en.sqlite", ',', " bytes,"),
    ] {
        let out = env.dir().join(file);
        let run = env.run_as(
            ADMIN,
            &["--lang", lang, "backup", "--out", out.to_str().unwrap()],
        );
        let said = &run.success().stderr;
        let size = std::fs::metadata(&out).unwrap().len().to_string();
        assert!(size.len() > 3, "{size}");
        let mut grouped = String::new();
        for (i, digit) in size.chars().enumerate() {
            if i > 0 && (size.len() - i).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        assert!(
            said.contains(&format!(" {grouped}{unit}")),
            "{lang}: {grouped} in {said}"
        );
    }
}
