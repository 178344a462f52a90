//! `init` and opening a database: what a fresh file looks like, and which files phananh
//! refuses to touch (docs/rules.md §6 `init`; `storage::migrations` refuses a newer
//! database).

use crate::common::*;

/// Migration 1 (schema.sql), 2 (clocks, the operator's calendar), 3 (routes, service codes),
/// 4 (CHECK constraints without IN lists), 5 (hashes as bytes), 6 (logins and the system
/// clock on events, `staff_logins`) … 12 (the days an agency was in operation), 13 (a
/// change's long lists in parts of their own), 14 (an urgent report's clock flagged at
/// once).
const LATEST_SCHEMA: i64 = 14;

fn pragma(env: &TestEnv, name: &str) -> rusqlite::types::Value {
    env.read_only()
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("PRAGMA {name}: {e}"))
}

#[test]
fn init_creates_a_wal_database_marked_as_phananh_at_the_latest_schema_version() {
    let env = TestEnv::empty();
    assert!(!env.db().exists());
    env.run(&["init", "--auth", "trust"]).success();
    assert!(env.db().exists());
    use rusqlite::types::Value::{Integer, Text};
    assert_eq!(pragma(&env, "user_version"), Integer(LATEST_SCHEMA));
    assert_eq!(pragma(&env, "application_id"), Integer(0x50484E41));
    assert_eq!(pragma(&env, "journal_mode"), Text("wal".into()));
    // 16 KB pages: a bulk load writes a fifth fewer frames (bench/ANALYSIS.md).
    assert_eq!(pragma(&env, "page_size"), Integer(16_384));
    // The first admin exists and the creation is on record.
    let staff = env.fingerprint();
    assert_eq!(
        staff.0["staff"].rows,
        vec![vec![
            "'admin'".to_owned(),
            "'Quản trị hệ thống'".to_owned(),
            "'admin'".to_owned(),
            "NULL".to_owned(),
            "1".to_owned()
        ]]
    );
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'init'"),
        1
    );
}

#[test]
fn init_with_another_admin_name_creates_that_account() {
    let env = TestEnv::empty();
    env.run(&["init", "--admin", "quantri", "--auth", "trust"])
        .success();
    assert_eq!(
        env.count("SELECT count(*) FROM staff WHERE username = 'quantri' AND role = 'admin'"),
        1
    );
    env.run_as("quantri", &["staff", "list"]).success();
    env.run_as(ADMIN, &["staff", "list"])
        .failure()
        .stderr_has("admin");
}

#[test]
fn init_twice_refuses_and_leaves_the_file_unchanged() {
    let env = TestEnv::seeded();
    let bytes = std::fs::read(env.db()).unwrap();
    let before = env.fingerprint();
    env.run(&["init"]).failure().one_line_error();
    assert_same_bytes(env.db(), &bytes, "a second init");
    env.assert_unchanged(&before);
}

#[test]
fn init_on_a_text_file_refuses_and_leaves_its_bytes_unchanged() {
    let env = TestEnv::empty();
    let text = "Đây không phải cơ sở dữ liệu.\nkey = value\n";
    std::fs::write(env.db(), text).unwrap();
    env.run(&["init"])
        .failure()
        .one_line_error()
        .stderr_has("phananh.sqlite");
    assert_eq!(std::fs::read_to_string(env.db()).unwrap(), text);
    env.run_as(ADMIN, &["list"]).failure().one_line_error();
    assert_eq!(std::fs::read_to_string(env.db()).unwrap(), text);
}

/// Creates, with plain SQLite, a database that belongs to another program.
fn foreign_database(env: &TestEnv) -> Vec<u8> {
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(
            "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('giữ nguyên');",
        )
        .unwrap();
    }
    std::fs::read(env.db()).unwrap()
}

/// Compares a file with the bytes it had, without dumping them on failure.
#[track_caller]
fn assert_same_bytes(path: &std::path::Path, before: &[u8], after_what: &str) {
    let now = std::fs::read(path).unwrap();
    if now != before {
        let first = now
            .iter()
            .zip(before)
            .position(|(a, b)| a != b)
            .unwrap_or(now.len().min(before.len()));
        panic!(
            "{after_what} modified {}: {} bytes became {}, first difference at byte {first}",
            path.display(),
            before.len(),
            now.len()
        );
    }
}

#[test]
fn init_on_another_programs_sqlite_database_refuses_and_leaves_it_unchanged() {
    let env = TestEnv::empty();
    let bytes = foreign_database(&env);
    env.run(&["init"]).failure().one_line_error();
    assert_same_bytes(env.db(), &bytes, "init");
}

#[test]
fn other_commands_refuse_another_programs_sqlite_database_and_leave_it_unchanged() {
    let env = TestEnv::empty();
    let bytes = foreign_database(&env);
    env.run_as(ADMIN, &["list"])
        .failure()
        .one_line_error()
        .stderr_has("phananh.sqlite");
    // The message says the file was left untouched: it must be.
    assert_same_bytes(env.db(), &bytes, "list");
}

#[test]
fn init_takes_over_an_empty_file() {
    let env = TestEnv::empty();
    std::fs::write(env.db(), b"").unwrap();
    env.run(&["init", "--auth", "trust"]).success();
    assert_eq!(env.count("PRAGMA user_version"), LATEST_SCHEMA);
}

/// Built under a temporary name and renamed, the database made
/// in an empty file reached through a symbolic link is still that file, where the operator
/// put it: the link is left a link.
#[test]
fn init_takes_over_an_empty_file_through_a_link_and_leaves_the_link() {
    let env = TestEnv::empty();
    let data = env.dir().join("data");
    std::fs::create_dir(&data).unwrap();
    let real = data.join("real.sqlite");
    std::fs::write(&real, b"").unwrap();
    std::os::unix::fs::symlink(&real, env.db()).unwrap();
    env.run(&["init", "--auth", "trust"]).success();
    assert!(
        std::fs::symlink_metadata(env.db())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read(&real)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    assert_eq!(files_in(&data), ["real.sqlite"]);
    assert_eq!(env.count("PRAGMA user_version"), LATEST_SCHEMA);
}

#[test]
fn init_uses_the_db_flag_over_the_environment() {
    let env = TestEnv::empty();
    let other = env.dir().join("khac.sqlite");
    env.run(&["--db", other.to_str().unwrap(), "init", "--auth", "trust"])
        .success();
    assert!(other.exists());
    assert!(!env.db().exists(), "PHANANH_DB must yield to --db");
}

#[test]
fn a_missing_database_says_to_run_init_and_creates_nothing() {
    let env = TestEnv::empty();
    for args in [
        &["list"][..],
        &["field", "list"],
        &["ingest", &example_str("reports.csv")],
    ] {
        env.run_as(ADMIN, args)
            .failure()
            .one_line_error()
            .stderr_has("phananh init");
        assert!(!env.db().exists(), "{args:?} created the database");
    }
}

#[test]
fn a_database_newer_than_the_binary_is_refused_and_not_modified() {
    let env = TestEnv::validated();
    env.writable()
        .pragma_update(None, "user_version", LATEST_SCHEMA + 1)
        .unwrap();
    let bytes = std::fs::read(env.db()).unwrap();
    for (user, args) in [
        (RECEPTION, &["list"][..]),
        (RECEPTION, &["assign", "5", "--agency", "SXD"]),
        (ADMIN, &["field", "add", "XX", "--name", "Thử"]),
    ] {
        env.run_as(user, args)
            .failure()
            .one_line_error()
            .stderr_matches("newer|mới hơn");
    }
    env.run(&["init"]).failure();
    assert_same_bytes(env.db(), &bytes, "a newer database");
    assert_eq!(env.count("PRAGMA user_version"), LATEST_SCHEMA + 1);
}

#[test]
fn an_unreadable_now_is_refused_with_an_example() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let mut cmd = env.command();
    cmd.env("PHANANH_NOW", "hôm nay")
        .args(["--as", ADMIN, "field", "add", "X", "--name", "Y"]);
    let output = cmd.output().unwrap();
    // A usage error, as the guide's table of exit statuses says of a time that names no
    // moment, exported or typed.
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("RFC 3339") && stderr.contains("hôm nay"),
        "{stderr}"
    );
    env.assert_unchanged(&before);
}

/// An empty `PHANANH_*` variable counts as unset, as an empty `LANG` does: a script that
/// clears one (`PHANANH_LANG=`) gets the default, not "'--lang' needs a value" (exit 2),
/// an invalid time, or no database.
#[test]
fn an_empty_phananh_variable_counts_as_unset() {
    let env = TestEnv::validated();
    let with = |name: &str, args: &[&str]| {
        let mut cmd = env.command();
        cmd.env(name, "");
        Run::of(cmd, args)
    };
    let show = ["--as", RECEPTION, "show", "1"];
    let vietnamese = env.run(&show).success().stdout.clone();
    // The language: Vietnamese, the default.
    assert_eq!(with("PHANANH_LANG", &show).success().stdout, vietnamese);
    // The database: phananh.sqlite in the working directory, which is the test's.
    assert_eq!(with("PHANANH_DB", &show).success().stdout, vietnamese);
    // The key file: the database's path plus .key, which opens the reporter's identity.
    let reveal = [
        "--as",
        RECEPTION,
        "show",
        "1",
        "--reveal",
        "--reason",
        "gọi lại xác minh",
    ];
    with("PHANANH_KEY_FILE", &reveal).success();
    // The clock: the real one (the test's pinned clock is the variable cleared).
    with("PHANANH_NOW", &show).success();
    // The account: none given, so the refusal says how to give one.
    with("PHANANH_USER", &["list"])
        .failure()
        .one_line_error()
        .stderr_has("dùng --as TÊN hoặc biến môi trường PHANANH_USER");
}

/// A FIFO put in place of the database, or of its write-ahead
/// log, made every command (cron's sweep included) wait for a writer for ever. Each is
/// refused at once, saying what stands there (`restore` and `key rotate`, which lock the
/// file before they open it, once said "opening …: a named pipe (FIFO)…" in English
/// whatever the language). The bound only keeps a hang from hanging the suite: an honest
/// run ends far sooner.
#[test]
fn a_fifo_in_place_of_the_database_or_its_log_is_refused_at_once() {
    let env = TestEnv::empty();
    mkfifo(env.db());
    let db = env.db().to_str().unwrap();
    let said = format!(
        "the database {db} is a named pipe (FIFO), not a regular file: phananh does not open it. Nothing was changed"
    );
    for args in [
        &["--lang", "en", "init", "--auth", "trust"][..],
        &["--lang", "en", "--as", ADMIN, "list"],
        &["--lang", "en", "--as", AUDITOR, "audit", "verify"],
        &["--lang", "en", "--as", ADMIN, "sweep"],
        &["--lang", "en", "--as", ADMIN, "restore", "sao-luu.sqlite"],
        &["--lang", "en", "--as", ADMIN, "key", "rotate"],
    ] {
        run_bounded(env.command(), args, HANG_BOUND)
            .failure()
            .one_line_error()
            .stderr_has(&said);
    }
    let env = TestEnv::validated();
    let before = env.snapshot();
    let log = format!("{db}-wal", db = env.db().display());
    // Left empty by the snapshot's checkpoint: nothing of the database is in it.
    let _ = std::fs::remove_file(&log);
    mkfifo(std::path::Path::new(&log));
    let said = format!(
        "the database's side file {log} is a named pipe (FIFO), not a regular file: phananh does not open it. Nothing was changed"
    );
    for args in [
        &["--lang", "en", "--as", RECEPTION, "list"][..],
        &["--lang", "en", "--as", AUDITOR, "audit", "verify"],
        &["--lang", "en", "--as", RECEPTION, "show", "5"],
    ] {
        run_bounded(env.command(), args, HANG_BOUND)
            .failure()
            .stderr_has(&said);
    }
    std::fs::remove_file(&log).unwrap();
    assert_eq!(env.snapshot(), before, "the database was left as it was");
}

/// A database file this account may not read (in a folder it may enter) was said by the
/// readers to sit in a read-only folder, to be copied somewhere writable, which no one who
/// cannot read it can do; `restore` and `key rotate`, which lock the file before they open
/// it, said "opening …: Permission denied (os error 13)" in English whatever the language.
/// Each says the file cannot be opened, in the operator's language, and changes nothing.
/// As root the command runs as uid 65534 (`setpriv`); otherwise the file's mode is taken
/// away for the run.
#[test]
fn a_database_file_one_may_not_read_is_said_so_in_the_operators_language() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    let before = env.fingerprint();
    let db = env.db().to_str().unwrap();
    let root = running_as_root();
    let unreadable = |args: &[&str]| -> Run {
        if root {
            // The folder may be entered, the database (its owner's, 0600) not read.
            std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
            return as_nobody(&env, env.dir(), args);
        }
        let mode = |m| std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(m));
        mode(0o000).unwrap();
        let run = env.run(args);
        mode(0o600).unwrap();
        run
    };
    for args in [
        &["--as", ADMIN, "list"][..],
        &["--as", ADMIN, "restore", "sao-luu.sqlite"],
        &["--as", ADMIN, "key", "rotate"],
    ] {
        let run = unreadable(args);
        run.failure();
        assert_eq!(
            run.stderr,
            format!("phananh: Không mở được {db}: kiểm tra quyền đọc/ghi của tệp và thư mục.\n"),
            "{args:?}"
        );
        let run = unreadable(&[&["--lang", "en"][..], args].concat());
        run.failure();
        assert_eq!(
            run.stderr,
            format!(
                "phananh: cannot open {db}: check the permissions of the file and its folder.\n"
            ),
            "{args:?}"
        );
    }
    env.assert_unchanged(&before);
}

/// The database, its key and its -wal and -shm this account's, their folder not writable
/// by it: a writing command said "the queue file … cannot be opened: no permission to write
/// here; remove it (phananh makes it again)", a file that does not exist. It now says that
/// the folder cannot be written by this account, that writing commands make files beside
/// the database, and what to do. As root the command runs as uid 65534 (`setpriv`), the
/// files given to it; otherwise the folder's write permission is taken away for the run.
#[test]
fn a_folder_this_account_may_not_write_is_named_not_a_queue_file_to_remove() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    // Open, so that -wal and -shm stand beside the database during the run.
    let holder = env.writable();
    holder
        .query_row("SELECT count(*) FROM reports", [], |_| Ok(()))
        .unwrap();
    let wal = env.dir().join("phananh.sqlite-wal");
    let shm = env.dir().join("phananh.sqlite-shm");
    assert!(wal.exists() && shm.exists());
    let folder = env.dir().display().to_string();
    let args = ["--as", RECEPTION, "sweep"];
    let run = if running_as_root() {
        for file in [env.db(), &env.key(), &wal, &shm] {
            std::os::unix::fs::chown(file, Some(65534), Some(65534)).unwrap();
        }
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
        as_nobody(&env, env.dir(), &args)
    } else {
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let run = env.run(&args);
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
        run
    };
    drop(holder);
    run.code(1)
        .one_line_error()
        .stderr_has(&format!(
            "tài khoản này không có quyền ghi vào thư mục {folder}, mà các lệnh ghi cần tạo tệp bên cạnh cơ sở dữ liệu."
        ))
        .never_shows("hãy xóa nó");
    assert!(!env.dir().join("phananh.sqlite-queue").exists());
}

/// A file to be made in a folder this account may not write (the database of `init`, a
/// backup, a document written with `--out`) was said by its temporary name: "Không tạo được
/// ro/x.sqlite.partial", a file the operator never typed and cannot find. Each is said by the
/// name typed, in each language, and nothing is left in the folder. As root the commands run
/// as uid 65534 (`setpriv`), with a database of its own made in a folder it may write.
#[test]
fn a_file_that_cannot_be_made_is_said_by_the_name_the_operator_typed() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::empty();
    let root = running_as_root();
    let mode = |path: &std::path::Path, m| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap()
    };
    let writable = env.dir().join("w");
    let closed = env.dir().join("ro");
    std::fs::create_dir(&writable).unwrap();
    std::fs::create_dir(&closed).unwrap();
    mode(env.dir(), 0o755);
    mode(&writable, 0o777);
    mode(&closed, 0o555);
    let run = |args: &[&str]| -> Run {
        if root {
            as_nobody(&env, env.dir(), args)
        } else {
            let mut cmd = std::process::Command::new(bin());
            cmd.env_clear().current_dir(env.dir());
            Run::of(cmd, args)
        }
    };
    run(&["--db", "w/x.sqlite", "init", "--auth", "trust"]).success();
    // The account that writes is named: through sudo it is not the person's own.
    let account = if root {
        "nobody".to_owned()
    } else {
        let id = std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap();
        String::from_utf8_lossy(&id.stdout).trim().to_owned()
    };
    for (args, typed) in [
        (
            &["--db", "ro/x.sqlite", "init", "--auth", "trust"][..],
            "ro/x.sqlite",
        ),
        (
            &[
                "--db",
                "w/x.sqlite",
                "--as",
                "admin",
                "backup",
                "--out",
                "ro/b.sqlite",
            ],
            "ro/b.sqlite",
        ),
        (
            &[
                "--db",
                "w/x.sqlite",
                "--as",
                "admin",
                "score",
                "--year",
                "2026",
                "--out",
                "ro/s.csv",
            ],
            "ro/s.csv",
        ),
    ] {
        let said = run(args);
        said.failure();
        assert_eq!(
            said.stderr,
            format!(
                "phananh: Không tạo được {typed}: tài khoản hệ điều hành {account}, tài khoản ghi tệp, không có quyền ghi vào thư mục ấy; hãy kiểm tra thư mục có tồn tại và {account} ghi được vào đó (qua `pa` thì tệp do tài khoản dịch vụ ghi, không phải tài khoản của bạn: xem hướng dẫn mục 10).\n"
            ),
            "{args:?}"
        );
        let said = run(&[&["--lang", "en"][..], args].concat());
        said.failure();
        assert_eq!(
            said.stderr,
            format!(
                "phananh: cannot create {typed}: the operating-system account {account}, which writes the file, may not write in that folder (Permission denied (os error 13)); check that the folder exists and that {account} may write in it (through `pa` the service account writes the file, not yours: see guide §10)\n"
            ),
            "{args:?}"
        );
    }
    mode(&closed, 0o755);
    assert_eq!(
        std::fs::read_dir(&closed).unwrap().count(),
        0,
        "nothing left in ro/"
    );
}

/// `init` at a name where a symbolic link points to nothing said "creating …: File exists
/// (os error 17)", in English whatever the language. It says what stands there, in each
/// language, and makes nothing: no database where the link points, no key beside it.
#[test]
fn init_over_a_symbolic_link_to_nothing_says_what_stands_there_in_both_languages() {
    let env = TestEnv::empty();
    let db = env.db().to_str().unwrap();
    let target = env.dir().join("khong-co.sqlite");
    std::os::unix::fs::symlink(&target, env.db()).unwrap();
    let run = env.run(&["init", "--auth", "trust"]);
    run.failure();
    assert_eq!(
        run.stderr,
        format!(
            "phananh: Đã có một tệp hoặc liên kết tượng trưng tại {db} (có thể là liên kết tới tệp không tồn tại): phananh không ghi đè lên nó và không tạo gì. Hãy xem đó là gì (`ls -l {db}`), xóa hoặc chuyển nó đi, hoặc chỉ định --db khác.\n"
        )
    );
    let run = env.run(&["--lang", "en", "init", "--auth", "trust"]);
    run.failure();
    assert_eq!(
        run.stderr,
        format!(
            "phananh: something already stands at {db}, a file or a symbolic link (perhaps to a file that does not exist): phananh does not write over it and made nothing. See what it is (`ls -l {db}`), remove or move it, or name another --db.\n"
        )
    );
    assert!(!target.exists());
    assert!(!std::path::Path::new(&format!("{db}.key")).exists());
    assert!(!std::path::Path::new(&format!("{db}.partial")).exists());
}

/// What opening refuses, whole in each language: a database that is a named pipe, no
/// database at all, an empty file not initialised, a database initialised twice, a SQLite
/// file of someone else's.
#[test]
fn opening_refusals_are_worded_whole_in_both_languages() {
    let both = |env: &TestEnv, args: &[&str], vi: &str, en: &str| {
        let run = env.run(&[&["--lang", "vi"][..], args].concat());
        run.failure();
        assert_eq!(run.stderr, format!("phananh: {vi}\n"));
        let run = env.run(&[&["--lang", "en"][..], args].concat());
        run.failure();
        assert_eq!(run.stderr, format!("phananh: {en}\n"));
    };
    let env = TestEnv::empty();
    let db = env.db().to_str().unwrap().to_owned();
    both(
        &env,
        &["--as", ADMIN, "list"],
        &format!(
            "Không có cơ sở dữ liệu tại {db}. Nếu đơn vị đã có cơ sở dữ liệu, hãy chỉ tới tệp \
             đó: `export PHANANH_DB=ĐƯỜNG_DẪN` hoặc --db ĐƯỜNG_DẪN (hỏi quản trị viên nếu chưa \
             biết nó ở đâu); chỉ quản trị viên mới tạo cơ sở dữ liệu mới, bằng `phananh init`."
        ),
        &format!(
            "no database at {db}. If your unit already has a database, point to its file: \
             `export PHANANH_DB=PATH` or --db PATH (ask an administrator where it is); only an \
             administrator creates a new one, with `phananh init`"
        ),
    );
    // A new terminal without PHANANH_DB, in a folder that is not the unit's: the message
    // named "phananh.sqlite" and told her to run `phananh init`, which made a second, empty
    // database. It says where it looked, whole, and the database to point to comes first.
    let mut bare = env.command();
    bare.env_remove("PHANANH_DB");
    let run = Run::of(bare, &["--as", RECEPTION, "list"]);
    let here = env.dir().canonicalize().unwrap().join("phananh.sqlite");
    run.code(1).stderr_has(&format!(
        "Không có cơ sở dữ liệu tại {} (thư mục hiện tại). Nếu đơn vị đã có cơ sở dữ liệu",
        here.display()
    ));
    assert!(!here.exists());
    std::fs::write(env.db(), b"").unwrap();
    both(
        &env,
        &["--as", ADMIN, "list"],
        &format!("{db} chưa được khởi tạo; hãy chạy `phananh init --db {db}`."),
        &format!("{db} is not initialised yet; run `phananh init --db {db}`"),
    );
    std::fs::remove_file(env.db()).unwrap();
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        .unwrap();
    let not_ours_vi = format!(
        "{db} không phải là cơ sở dữ liệu phananh; không chạm vào tệp này. Hãy chọn tệp khác bằng --db."
    );
    let not_ours_en = format!(
        "{db} is not a phananh database; it was left untouched. Choose another file with --db"
    );
    both(&env, &["--as", ADMIN, "list"], &not_ours_vi, &not_ours_en);
    both(
        &env,
        &["init", "--auth", "trust"],
        &not_ours_vi,
        &not_ours_en,
    );
    std::fs::remove_file(env.db()).unwrap();
    mkfifo(env.db());
    both(
        &env,
        &["init", "--auth", "trust"],
        &format!(
            "Cơ sở dữ liệu {db} là một ống có tên (FIFO), không phải một tệp thường: phananh không mở nó. Không có gì thay đổi; hãy xem đó là gì (`ls -l {db}`), chuyển nó đi chỗ khác (`mv {db} {db}.moved`) rồi chạy lại."
        ),
        &format!(
            "the database {db} is a named pipe (FIFO), not a regular file: phananh does not open it. Nothing was changed; see what it is (`ls -l {db}`), move it away (`mv {db} {db}.moved`) and run again"
        ),
    );
    let env = TestEnv::validated();
    let db = env.db().to_str().unwrap().to_owned();
    both(
        &env,
        &["init", "--auth", "trust"],
        &format!("{db} đã là cơ sở dữ liệu phananh; không thay đổi gì."),
        &format!("{db} is already a phananh database; nothing was changed"),
    );
}

/// The files of `dir`, by name.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An `init` that failed once the file was made (here the disk
/// fills: a file-size limit, at each size from too small for the schema to enough for all)
/// left a database without an admin account and its key file; the next `init` refused
/// both, and nobody could use the file. Built beside its name and put there whole, a
/// failed `init` leaves nothing, and the next one succeeds.
#[test]
fn an_init_that_fails_after_making_the_file_leaves_nothing_behind() {
    assert_prlimit();
    for (failed, limit) in (1..=32).map(|k| k * 32_768).enumerate() {
        let env = TestEnv::empty();
        let run = with_file_size_limit(&env, limit, &["--lang", "en", "init", "--auth", "trust"]);
        if run.code == Some(0) {
            assert!(
                failed > 0,
                "even the smallest limit let init through: {run}"
            );
            return;
        }
        run.failure()
            .one_line_error()
            .stderr_has("is full (or the file reached its size limit): init made nothing, neither the database nor its key");
        assert!(
            files_in(env.dir()).is_empty(),
            "init failed under a {limit}-byte limit and left {:?}: {run}",
            files_in(env.dir())
        );
        env.run(&["init", "--auth", "trust"]).success();
        env.run(&["--as", ADMIN, "--lang", "en", "audit", "verify"])
            .success()
            .stderr_has("audit chain intact");
    }
    panic!("init never succeeded under a file-size limit of up to 1 MiB");
}

/// `init --admin` is held to the rule of every new account's name: an `аdmin` with a
/// Cyrillic `а`, or an empty name, was taken as given and printed like another account.
#[test]
fn init_refuses_an_admin_name_no_account_may_have_and_makes_nothing() {
    for bad in ["\u{430}dmin", "", "admin ", "phananh"] {
        let env = TestEnv::empty();
        env.run(&["--lang", "en", "init", "--auth", "trust", "--admin", bad])
            .failure()
            .one_line_error()
            .stderr_has("--admin: the account name");
        assert!(files_in(env.dir()).is_empty(), "{bad:?}");
    }
}
