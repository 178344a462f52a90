//! The service-account deployment of SECURITY.md ("What a deployment must add"), played
//! without OS accounts: there every file phananh writes is written as the account that
//! owns the database, so what the command line may name must not reach the database, its
//! key or a backup (`--out`, a second `--db` or `--key-file`), and what goes wrong is said
//! of the file it went wrong with.

use std::path::{Path, PathBuf};

use crate::common::*;

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What is at `path`: its inode (a rename over it makes another) and its bytes, or None
/// when nothing is. SQLite's `-wal` and `-shm` come and go with every connection: for
/// them, only whether what is there is SQLite's own (a log's or an index's header).
fn contents(path: &Path) -> Option<(u64, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(path).ok()?;
    let bytes = std::fs::read(path).unwrap();
    let name = path.to_string_lossy();
    if name.ends_with("-wal") || name.ends_with("-shm") {
        let head = bytes.get(..4).unwrap_or_default();
        let sqlites = bytes.is_empty()
            || (name.ends_with("-wal") && [0x37, 0x7f, 0x06] == head[..3.min(head.len())])
            || (name.ends_with("-shm") && head == 3_007_000u32.to_ne_bytes());
        assert!(sqlites, "{} holds something of phananh's", path.display());
        return None;
    }
    Some((meta.ino(), bytes))
}

/// Each command that writes a file named by `--out`, by the least account allowed to run
/// it, with the file's name in place of `{}`.
const WRITERS: [(&str, &[&str]); 7] = [
    (HANDLER_SXD, &["export", "csv", "--public", "--out", "{}"]),
    (
        RECEPTION,
        &["export", "csv", "--reason", "đối chiếu", "--out", "{}"],
    ),
    (
        LEADER,
        &[
            "--format", "csv", "report", "monthly", "--period", "2026-08", "--out", "{}",
        ],
    ),
    (AUDITOR, &["score", "--year", "2026", "--out", "{}"]),
    (RECEPTION, &["backup", "--out", "{}"]),
    (
        ADMIN,
        &["audit", "checkpoint", "--key", "audit.key", "--out", "{}"],
    ),
    (RECEPTION, &["ingest", "--errors", "{}", "rows.csv"]),
];

fn args_with<'a>(args: &[&'a str], out: &'a str, force: bool) -> Vec<&'a str> {
    let mut all: Vec<&str> = args
        .iter()
        .map(|a| if *a == "{}" { out } else { *a })
        .collect();
    if force {
        all.push("--force");
    }
    all
}

/// Whether the command takes `--force` for its `--out` (backups, checkpoints and the list
/// of an ingest's errors never replace anything).
fn documents(args: &[&str]) -> bool {
    !matches!(args[0], "backup" | "audit" | "ingest")
}

/// Through the sudo rule a handler's `export csv --public --out DB.key` destroyed
/// the key, a leader's `report monthly --out DB` replaced the database. No `--out`
/// replaces or creates the database, its side files or its key files (compared by device
/// and inode: a hard link or another spelling is the same file), nor a SQLite database
/// or key file anywhere, even with `--force`; the database is left as it was.
#[test]
fn no_out_replaces_the_database_its_side_files_its_key_or_a_backup() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-20T09:00:00+07:00");
    env.run_as(ADMIN, &["audit", "keygen", "--out", "audit.key"])
        .success();
    many_reports_csv(&env, "rows.csv", "OUT", 3);
    let db = env.db().to_owned();
    let key = env.key();
    // A backup, and a hard link to the database under another name.
    let backup = env.dir().join("b1.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    let linked = env.dir().join("lien-ket.csv");
    std::fs::hard_link(&db, &linked).unwrap();
    // The rotation's files and SQLite's side files, there or not: none may be made.
    std::fs::write(with_suffix(&key, ".old"), b"an older key, kept\n").unwrap();
    let mut targets: Vec<PathBuf> = ["", "-wal", "-shm", "-journal", "-queue", "-writer"]
        .iter()
        .map(|s| with_suffix(&db, s))
        .collect();
    targets.extend(["", ".old", ".new"].iter().map(|s| with_suffix(&key, s)));
    targets.extend([
        backup.clone(),
        linked,
        env.dir().join("audit.key"),
        // The database by another spelling of its path.
        env.dir().join(".").join("phananh.sqlite"),
    ]);
    let before = env.fingerprint();
    for (user, args) in WRITERS {
        for target in &targets {
            let forced = documents(args);
            let was = contents(target);
            let run = env.run_as(user, &args_with(args, target.to_str().unwrap(), forced));
            run.failure().one_line_error();
            assert_eq!(contents(target), was, "{run}");
            assert!(
                !with_suffix(target, ".partial").exists(),
                "{run} left a .partial"
            );
            env.assert_unchanged(&before);
        }
    }
    // The key still opens the identities, the backup still restores.
    assert_eq!(env.identities().len(), EXAMPLE_REPORTS);
    env.run_as(
        AUDITOR,
        &["audit", "verify", "--db", backup.to_str().unwrap()],
    )
    .success();
}

/// An existing document is replaced only with `--force`: without it the file is left as
/// it was and the message says how; with it the document is written.
#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-20T09:00:00+07:00");
    let out = env.dir().join("thang-8.csv");
    let earlier = b"last month's document\n";
    for (user, args) in WRITERS.iter().filter(|(_, a)| documents(a)) {
        std::fs::write(&out, earlier).unwrap();
        let run = env.run_as(user, &args_with(args, out.to_str().unwrap(), false));
        run.failure().one_line_error().stderr_has("--force");
        assert_eq!(std::fs::read(&out).unwrap(), earlier, "{run}");
        let run = env.run_as(user, &args_with(args, out.to_str().unwrap(), true));
        run.success();
        assert_ne!(std::fs::read(&out).unwrap(), earlier, "{run}");
    }
    // A new name needs no --force, as before.
    env.run_as(LEADER, &["export", "csv", "--public", "--out", "moi.csv"])
        .success();
}

/// `pa show 5 --reveal --reason x --db BACKUP --key-file KEY` after the sudo rule's
/// pinned `--db` ran on the backup (clap's copy of a global option given after the
/// subcommand wins). `--db` and `--key-file` given twice, anywhere before `--`, are a usage
/// error: nothing is run, nothing is shown, nothing is logged in either file.
#[test]
fn a_second_db_or_key_file_anywhere_is_a_usage_error() {
    let env = TestEnv::validated();
    let backup = env.dir().join("b1.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    let (db, b, key) = (
        env.db().to_str().unwrap().to_owned(),
        backup.to_str().unwrap().to_owned(),
        env.key().to_str().unwrap().to_owned(),
    );
    let before = env.fingerprint();
    let backup_before = std::fs::read(&backup).unwrap();
    let reveal = ["show", "5", "--reveal", "--reason", "x"].map(str::to_owned);
    let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let lines: Vec<Vec<String>> = vec![
        [
            words(&["--db", &db]),
            reveal.to_vec(),
            words(&["--db", &b, "--key-file", &key]),
        ]
        .concat(),
        [
            words(&["--db", &db]),
            reveal.to_vec(),
            vec![format!("--db={b}")],
        ]
        .concat(),
        [reveal.to_vec(), words(&["--db", &db, "--db", &b])].concat(),
        [
            words(&["--db", &db, "--key-file", &key]),
            reveal.to_vec(),
            words(&["--key-file", &key]),
        ]
        .concat(),
        [
            words(&["--key-file=x"]),
            reveal.to_vec(),
            words(&["--key-file", &key]),
        ]
        .concat(),
    ];
    for line in &lines {
        let line: Vec<&str> = line.iter().map(String::as_str).collect();
        let run = env.run_as(RECEPTION, &line);
        run.code(2).one_line_error();
        assert!(run.stdout.is_empty(), "{run}");
        assert!(
            run.stderr.contains("--db") || run.stderr.contains("--key-file"),
            "{run}"
        );
        env.assert_unchanged(&before);
        assert_eq!(std::fs::read(&backup).unwrap(), backup_before, "{run}");
    }
    // In English too, and once is still fine wherever it is given.
    env.run_as(
        RECEPTION,
        &["--lang", "en", "list", "--db", &db, "--db", &db],
    )
    .code(2)
    .stderr_has("--db is given more than once");
    env.run_as(RECEPTION, &["list", "--db", &db]).success();
}

/// `curl … | phananh ingest /dev/stdin` that stalls held SQLite's write lock and
/// the writers' turn while it waited: every other write failed after the busy timeout, a
/// cron sweep waited for ever. Here the input is a FIFO the test holds open: it writes
/// more than the pipe holds (so when the write returns, the ingest has read and stored
/// records), then, the FIFO still open, a single step and a sweep must both get in; then
/// the rest is written and the FIFO closed, and every record lands in a chain that
/// verifies. No sleep: the pipe's own back-pressure says the ingest is reading.
#[test]
fn an_ingest_waiting_for_its_input_holds_no_lock_nor_turn() {
    use std::io::Write as _;
    const ROWS: usize = 1200;
    let env = TestEnv::validated();
    let before = env.count("SELECT count(*) FROM reports");
    let rows = many_reports_csv(&env, "rows.csv", "FIFO", ROWS);
    let bytes = std::fs::read(&rows).unwrap();
    // Well past the pipe's 64 KiB and the reader's buffer.
    let past = 320 * 1024;
    let cut = past + bytes[past..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let (watcher, mut feed) = ingest_from_fifo(&env);
    feed.write_all(&bytes[..cut]).unwrap();
    // The ingest waits for the rest. Another writer's single step gets in (default busy
    // timeout: 10 s), and so does cron's sweep, which queues for the writers' turn.
    env.run_as(RECEPTION, &["mark", "5", "--state-secret"])
        .success();
    env.run_as(RECEPTION, &["sweep", "--quiet"]).success();
    feed.write_all(&bytes[cut..]).unwrap();
    drop(feed);
    let out = watcher.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports"),
        before + ROWS as i64
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// The same, stalled before the first record ends: the ingest has read the header and a
/// record longer than the pipe holds, whose end has not come. Nothing is stored yet, so
/// nothing may be held.
#[test]
fn an_ingest_stalled_inside_its_first_record_holds_no_lock_nor_turn() {
    use std::io::Write as _;
    let env = TestEnv::validated();
    let header = std::fs::read_to_string(example("reports.csv")).unwrap();
    let header = header.lines().next().unwrap().to_owned();
    let (watcher, mut feed) = ingest_from_fifo(&env);
    let start = format!("{header}\nSTALL-1,2026-10-01T08:00:00+07:00,,\"");
    feed.write_all(start.as_bytes()).unwrap();
    feed.write_all(&vec![b'x'; 320 * 1024]).unwrap();
    env.run_as(RECEPTION, &["mark", "5", "--state-secret"])
        .success();
    env.run_as(RECEPTION, &["sweep", "--quiet"]).success();
    feed.write_all(b"\",,,,,,,,,,,\n").unwrap();
    drop(feed);
    // Whatever it makes of that record, the ingest ends and the chain verifies.
    let out = watcher.join().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `ingest feed.csv` run on a FIFO made for it, and the FIFO opened for writing. The
/// watcher gives back the ingest's output; should the ingest end without opening the FIFO,
/// it opens it in its place, so that the test's open does not wait for ever.
fn ingest_from_fifo(
    env: &TestEnv,
) -> (std::thread::JoinHandle<std::process::Output>, std::fs::File) {
    let fifo = env.dir().join("feed.csv");
    mkfifo(&fifo);
    let child = env
        .std_command()
        .args(["--as", RECEPTION, "ingest", fifo.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let watcher = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let out = child.wait_with_output().unwrap();
            use std::os::unix::fs::OpenOptionsExt;
            let _ = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits())
                .open(&fifo);
            out
        })
    };
    let feed = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    (watcher, feed)
}

/// `backup --out` onto a full disk said the database's disk was full. The file
/// whose write failed is named; the database is left as it was. The process's file-size
/// limit (SIGXFSZ ignored) plays the full disk, as in `desk::a_full_disk_says_so_and_what_was_kept`.
#[test]
fn a_full_backup_disk_is_named_not_the_databases() {
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    let out = env.dir().join("tm").join("b.sqlite");
    std::fs::create_dir(out.parent().unwrap()).unwrap();
    for (lang, full) in [("vi", "đã đầy"), ("en", "is full")] {
        let run = with_file_size_limit(
            &env,
            65_536,
            &[
                "--lang",
                lang,
                "--as",
                ADMIN,
                "backup",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        run.failure()
            .one_line_error()
            .stderr_has(full)
            .stderr_has(out.to_str().unwrap())
            .never_shows(env.db().to_str().unwrap());
        let left: Vec<_> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
    env.assert_unchanged(&before);
}

/// An export or a report written to a full disk failed with the system's English and no
/// file's name ("No space left on device (os error 28)"). The file being written is named,
/// in the user's language, however the document was written (CSV, JSON, workbook), and no
/// half-written file is left under its name. The file-size limit plays the full disk.
#[test]
fn a_full_disk_under_an_out_file_is_named_in_the_users_language() {
    let env = TestEnv::demo();
    let before = env.fingerprint();
    let folder = env.dir().join("usb");
    std::fs::create_dir(&folder).unwrap();
    // Each document is larger than the limit; the database's own files (its 32 KiB -shm)
    // stay under it.
    let year = ["report", "annual", "--period", "2026", "--format"];
    let documents: [(&str, &[&str]); 3] = [
        ("cong-khai.csv", &["export", "csv", "--public"]),
        ("bao-cao.json", &[&year[..], &["json"]].concat()),
        ("bao-cao.html", &[&year[..], &["html"]].concat()),
    ];
    for (name, args) in documents {
        let out = folder.join(name);
        for (lang, full) in [("vi", "Đĩa chứa"), ("en", "the disk holding")] {
            let mut with = vec!["--lang", lang, "--as", ADMIN];
            with.extend_from_slice(args);
            with.extend(["--out", out.to_str().unwrap()]);
            with_file_size_limit(&env, 40_000, &with)
                .failure()
                .one_line_error()
                .stderr_has(&format!("{full} {}", out.display()))
                .never_shows("os error")
                .never_shows(env.db().to_str().unwrap());
            let left: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().collect();
            assert!(left.is_empty(), "{left:?}");
        }
    }
    env.assert_unchanged(&before);
}

/// A list redirected to a full disk failed with the system's English. It is said in the
/// user's language that the output is incomplete: the command stopped midway.
#[test]
fn output_redirected_to_a_full_disk_is_said_to_be_incomplete() {
    let env = TestEnv::demo();
    for (lang, said) in [
        ("vi", "Đĩa nhận kết quả của lệnh đã đầy"),
        ("en", "the disk receiving the command's output is full"),
    ] {
        for format in ["csv", "json"] {
            let (code, stderr) = run_onto_a_full_disk(
                &env,
                &["--lang", lang, "--as", ADMIN, "--format", format, "list"],
            );
            assert_eq!(code, Some(1), "{stderr}");
            assert!(
                stderr.contains(said) && !stderr.contains("os error"),
                "{stderr}"
            );
        }
    }
}

/// Runs `phananh ARGS` as an account that may not enter the test's folder (made 0700):
/// the uid 65534 through `setpriv` when the tests run as root, else the
/// folder's mode taken away for the run. Either way the database's folder cannot be
/// entered, as the service account's folder for a staff login without sudo. The system
/// clock, for `init`, which refuses `--now`.
fn from_outside(env: &TestEnv, args: &[&str]) -> Run {
    use std::os::unix::fs::PermissionsExt;
    if running_as_root() {
        // As `install -d -m 0700` makes the service account's folder.
        std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
        return as_nobody(env, Path::new("/"), args);
    }
    let mode = |m| std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(m));
    mode(0o000).unwrap();
    let mut cmd = std::process::Command::new(bin());
    cmd.env_clear().env("PHANANH_DB", env.db()).current_dir("/");
    let run = Run::of(cmd, args);
    mode(0o700).unwrap();
    run
}

/// A database the caller cannot reach (permission denied on its folder) was said
/// to be missing (by `restore` too, with "run init"), `init` then said "read-only". Both say permission was denied and point
/// to the sudo wrapper, and make nothing.
#[test]
fn a_database_behind_a_folder_one_may_not_enter_is_said_denied() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    for args in [
        vec!["--as", RECEPTION, "list"],
        vec!["--as", RECEPTION, "assign", "5", "--agency", "SXD"],
        vec!["init", "--admin", "admin"],
        vec!["--as", ADMIN, "restore", "/tmp/sao-luu.sqlite"],
        vec!["--as", ADMIN, "key", "rotate"],
    ] {
        let mut vi = args.clone();
        vi.splice(0..0, ["--lang", "vi"]);
        from_outside(&env, &vi)
            .failure()
            .one_line_error()
            .stderr_has("Không có quyền truy cập")
            .stderr_has("sudo")
            .never_shows("phananh init")
            .never_shows("chỉ cho đọc");
        let en = in_english(&args);
        from_outside(&env, &en)
            .failure()
            .stderr_has("permission denied")
            .stderr_has("sudo")
            .never_shows("no database")
            .never_shows("read-only");
    }
    env.assert_unchanged(&before);
}

/// `--key-file /etc/passwd` advised `chmod 600 /etc/passwd`. A file that is no key
/// file is said to be none, whatever its mode; a key file others may read still gets the
/// advice.
#[test]
fn no_chmod_is_advised_for_a_file_that_is_not_a_key() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    let passwd = env.dir().join("passwd");
    std::fs::write(&passwd, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    std::fs::set_permissions(&passwd, std::fs::Permissions::from_mode(0o644)).unwrap();
    let reveal = |key: &Path, lang: &str| {
        env.run_as(
            RECEPTION,
            &[
                "--lang",
                lang,
                "--key-file",
                key.to_str().unwrap(),
                "show",
                "5",
                "--reveal",
                "--reason",
                "Gọi lại xác minh",
            ],
        )
    };
    reveal(&passwd, "en")
        .failure()
        .stderr_has("not a phananh key file")
        .never_shows("chmod");
    reveal(&passwd, "vi").failure().never_shows("chmod");
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o644)).unwrap();
    reveal(&env.key(), "en").failure().stderr_has("chmod 600");
}

/// A backup killed mid-way leaves `F.partial` and SQLite's `F.partial-journal`;
/// the message named only the first. It names every file left, and a journal left alone
/// is refused too (the next copy would meet it).
#[test]
fn an_interrupted_backup_names_every_file_it_left() {
    let env = TestEnv::validated();
    let out = env.dir().join("b.sqlite");
    let partial = with_suffix(&out, ".partial");
    let journal = with_suffix(&out, ".partial-journal");
    std::fs::write(&partial, b"half a copy").unwrap();
    std::fs::write(&journal, b"its journal").unwrap();
    let backup = || env.run_as(ADMIN, &["backup", "--out", out.to_str().unwrap()]);
    backup()
        .failure()
        .one_line_error()
        .stderr_has(partial.to_str().unwrap())
        .stderr_has(journal.to_str().unwrap());
    std::fs::remove_file(&partial).unwrap();
    backup().failure().stderr_has(journal.to_str().unwrap());
    assert_eq!(std::fs::read(&journal).unwrap(), b"its journal");
    std::fs::remove_file(&journal).unwrap();
    backup().success();
}

/// A document that merely quotes the key file's tag (a citizen may type it into a report,
/// and a full export then holds it) is no key file: `--force` replaces it. A real key file
/// is still never replaced.
#[test]
fn a_document_quoting_the_key_files_tag_is_no_key_file() {
    let env = TestEnv::validated();
    let quoting = env.dir().join("quoting.csv");
    std::fs::write(&quoting, "a,b\nphananh-identity-key-v1 trong nội dung,1\n").unwrap();
    env.run_as(
        LEADER,
        &[
            "--lang",
            "en",
            "export",
            "csv",
            "--public",
            "--force",
            "--out",
            quoting.to_str().unwrap(),
        ],
    )
    .success();
    assert!(
        !std::fs::read_to_string(&quoting)
            .unwrap()
            .contains("trong nội dung")
    );
    let key_copy = env.dir().join("copy.key");
    std::fs::copy(env.key(), &key_copy).unwrap();
    env.run_as(
        LEADER,
        &[
            "--lang",
            "en",
            "export",
            "csv",
            "--public",
            "--force",
            "--out",
            key_copy.to_str().unwrap(),
        ],
    )
    .failure();
    assert_eq!(
        std::fs::read(&key_copy).unwrap(),
        std::fs::read(env.key()).unwrap()
    );
}

/// Through the sudo rule a person's command writes as the service account, beside its own
/// files (cron's listing of reminders, the checkpoints): a reviewer replaced cron's
/// `sweep.csv` with a public export and `--force`. Run for another person (`SUDO_USER`
/// honoured), no existing file is replaced, `--force` or not; run as oneself, `--force`
/// replaces a document as before.
#[test]
fn run_for_another_person_no_existing_file_is_replaced_even_with_force() {
    let env = TestEnv::validated();
    let listing = env.dir().join("sweep.csv");
    std::fs::write(&listing, "old sweep rows\n").unwrap();
    let out = listing.to_str().unwrap();
    let mut cmd = env.command();
    cmd.env("SUDO_USER", "mallory");
    Run::of(
        cmd,
        &[
            "--as",
            HANDLER_SXD,
            "--lang",
            "en",
            "export",
            "csv",
            "--public",
            "--force",
            "--out",
            out,
        ],
    )
    .failure()
    .stderr_has("runs through sudo for another person")
    .stderr_has("standard output");
    assert_eq!(
        std::fs::read_to_string(&listing).unwrap(),
        "old sweep rows\n"
    );
    env.run_as(
        HANDLER_SXD,
        &["export", "csv", "--public", "--force", "--out", out],
    )
    .success();
    assert_ne!(
        std::fs::read_to_string(&listing).unwrap(),
        "old sweep rows\n"
    );
}

/// `pa man --out /srv/phananh/phananh.sqlite-wal`, run by any member of the staff group
/// (bound to no account: `man` opens no database), made a folder there as the service
/// account, and every command after it, cron's sweep included, was refused until root
/// removed it; `audit keygen --out` wrote keys at the database's side files' names too.
/// Both now refuse the names every `--out` is refused; and `man --out` through sudo for
/// another person, as the owner of the database, writes nothing: the pages are installed
/// by root, and `man` alone prints them.
#[test]
fn man_and_keygen_out_never_name_the_databases_files() {
    let env = TestEnv::validated();
    let key = env.key().to_str().unwrap().to_owned();
    let db = key.strip_suffix(".key").unwrap().to_owned();
    for side in ["-wal", "-shm", "-journal", ".key.new"] {
        let out = format!("{db}{side}");
        env.run(&["--lang", "en", "man", "--out", &out])
            .failure()
            .stderr_has("is the database, one of its side files or its key file");
        env.run_as(ADMIN, &["--lang", "en", "audit", "keygen", "--out", &out])
            .failure()
            .stderr_has("is the database, one of its side files or its key file");
        // A side file SQLite keeps may be there; nothing phananh made is.
        assert!(
            !std::fs::symlink_metadata(&out).is_ok_and(|m| m.is_dir()),
            "{out} was made a folder"
        );
    }
    env.run_as(ADMIN, &["--lang", "en", "audit", "keygen", "--out", &key])
        .failure()
        .stderr_has("is the database, one of its side files or its key file");
    env.run_as(RECEPTION, &["list", "--limit", "1"]).success();

    let pages = env.dir().join("trang-man");
    let mut cmd = env.command();
    cmd.env("SUDO_USER", "mallory");
    Run::of(
        cmd,
        &["--lang", "en", "man", "--out", pages.to_str().unwrap()],
    )
    .failure()
    .stderr_has("runs through sudo for another person")
    .stderr_has("Nothing was written");
    assert!(std::fs::symlink_metadata(&pages).is_err());
    // Printed, it needs no file.
    let mut cmd = env.command();
    cmd.env("SUDO_USER", "mallory");
    Run::of(cmd, &["man"]).success();
    // Run as oneself, the pages are written.
    env.run(&["man", "--out", pages.to_str().unwrap()])
        .success();
    assert!(pages.join("phananh.1").exists());
}

/// `--out` naming a folder said "Is a directory (os error 21)", in English with no advice,
/// even with `--force`: it says it is a folder and what --out needs, in either language.
#[test]
fn out_naming_a_folder_says_so() {
    let env = TestEnv::validated();
    let folder = env.dir().join("xuat");
    std::fs::create_dir(&folder).unwrap();
    let out = folder.to_str().unwrap();
    env.run_as(
        LEADER,
        &["export", "csv", "--public", "--force", "--out", out],
    )
    .failure()
    .one_line_error()
    .stderr_has("là một thư mục; --out cần tên một tệp")
    .never_shows("os error");
    env.run_as(
        LEADER,
        &[
            "--lang", "en", "report", "monthly", "--period", "2026-10", "--out", out,
        ],
    )
    .failure()
    .stderr_has("is a folder; --out needs a file's name");
}

/// Through the sudo rule every file a person names as input is opened as the service
/// account, and what is read is shown back, sealed into the log or published: a handler's
/// `reply --text-file` naming the identity key put the key on the public feed, a
/// `return --reason-file` naming the checkpoints' signing key sealed it into the log, and
/// `report --notes` printed the key in section 7. In every mode the database, its key
/// files, a copy of a key and a signing key are refused as input, said without a byte of
/// them, and nothing is changed or logged.
#[test]
fn a_key_or_the_database_named_as_input_is_refused_and_never_shown() {
    let env = TestEnv::assigned_to_sxd();
    let key = env.key();
    let key_text = std::fs::read_to_string(&key).unwrap();
    let hex = key_text
        .split_whitespace()
        .find(|w| w.len() == 64)
        .expect("the key's hex")
        .to_owned();
    let copy = env.write_file("ghi-chu.txt", &key_text);
    env.run(&["audit", "keygen", "--out", "ky.key"]).success();
    let signing = env.dir().join("ky.key");
    let signing_text = std::fs::read_to_string(&signing).unwrap();
    let signing_secret = signing_text.lines().nth(1).unwrap().to_owned();
    let db = env.db().to_str().unwrap().to_owned();
    let (key, copy, signing) = (
        key.to_str().unwrap().to_owned(),
        copy.to_str().unwrap().to_owned(),
        signing.to_str().unwrap().to_owned(),
    );
    let period = "2026-10";
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            HANDLER_SXD,
            vec!["reply", "5", "--text-file", &key],
            "the database",
        ),
        (
            HANDLER_SXD,
            vec!["return", "5", "--reason-file", &key],
            "the database",
        ),
        (
            HANDLER_SXD,
            vec!["return", "5", "--reason-file", &signing],
            "secret key",
        ),
        (
            HANDLER_SXD,
            vec!["reply", "5", "--text-file", &copy],
            "secret key",
        ),
        (
            HANDLER_SXD,
            vec!["reply", "5", "--text-file", &db],
            "the database",
        ),
        (
            RECEPTION,
            vec![
                "--format", "html", "report", "monthly", "--period", period, "--notes", &key,
            ],
            "the database",
        ),
        (
            RECEPTION,
            vec![
                "--format", "html", "report", "monthly", "--period", period, "--notes", &copy,
            ],
            "secret key",
        ),
        (ADMIN, vec!["staff", "import", &key], "the database"),
        (ADMIN, vec!["calendar", "import", &signing], "secret key"),
        (RECEPTION, vec!["ingest", &copy], "secret key"),
    ];
    for (user, args, said) in cases {
        let before = env.fingerprint();
        let run = env.run_as(user, &in_english(&args));
        run.failure()
            .stderr_has("never reads it as input")
            .stderr_has(said)
            .never_shows(&hex)
            .never_shows(&signing_secret);
        env.assert_unchanged(&before);
    }
    // Said in Vietnamese by default.
    env.run_as(HANDLER_SXD, &["return", "5", "--reason-file", &signing])
        .failure()
        .one_line_error()
        .stderr_has("không bao giờ đọc tệp đó làm đầu vào");
    assert_eq!(env.status_of("5"), "assigned");
}

/// Through sudo (`SUDO_USER` honoured, `SUDO_UID` the person's id) a file is read only if
/// the person could read it: another account's file of mode 0600 is refused, saying that
/// the file is read with the service account's rights and how to give it (standard input
/// for an option that takes `-`); one every account may read, in folders they may enter,
/// is read; one of their own of mode 0600 too.
#[test]
fn through_sudo_a_file_is_read_only_if_the_person_could_read_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::assigned_to_sxd();
    // Folders the person may pass through, as a home folder is to its owner.
    std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let reason = env.write_file("ly-do.txt", "Không thuộc thẩm quyền của Sở Xây dựng");
    let mode = |m: u32| std::fs::set_permissions(&reason, std::fs::Permissions::from_mode(m));
    let own = nix::unistd::getuid().as_raw().to_string();
    let through_sudo = |uid: &str, args: &[&str]| {
        let mut cmd = env.command();
        cmd.env("SUDO_USER", "lan").env("SUDO_UID", uid);
        Run::of(cmd, args)
    };
    let file = reason.to_str().unwrap();
    let args = ["--as", HANDLER_SXD, "return", "5", "--reason-file", file];
    mode(0o600).unwrap();
    let before = env.fingerprint();
    through_sudo("4242", &args)
        .failure()
        .one_line_error()
        .stderr_has("Không đọc tệp")
        .stderr_has("quyền của tài khoản dịch vụ")
        .stderr_has(&format!("`--reason-file - < {file}`"))
        .never_shows("Sở Xây dựng");
    through_sudo("4242", &in_english(&args))
        .failure()
        .stderr_has("opened with the service account's rights")
        .stderr_has("the login lan could not read this one itself");
    env.assert_unchanged(&before);
    // An import takes no `-`: the copy alone is offered.
    let table = env.write_file("linh-vuc.csv", "code,name,keywords\nXX,Thử,thu\n");
    std::fs::set_permissions(&table, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = env.command();
    cmd.env("SUDO_USER", "lan").env("SUDO_UID", "4242");
    Run::of(
        cmd,
        &["--as", ADMIN, "field", "import", table.to_str().unwrap()],
    )
    .failure()
    .stderr_has("Không đọc tệp")
    .never_shows("đầu vào chuẩn");
    // The person's own file, readable by its owner: read.
    through_sudo(&own, &args).success();
    assert_eq!(env.status_of("5"), "returned");
    // A file every account may read: read.
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    mode(0o644).unwrap();
    through_sudo("4242", &args).success();
    // Not in a folder the person may enter.
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    through_sudo("4242", &args)
        .failure()
        .stderr_has("Không đọc tệp");
    // Run as oneself, not through sudo, the file is read as before.
    mode(0o600).unwrap();
    env.run_as(HANDLER_SXD, &["return", "5", "--reason-file", file])
        .success();
}

/// cron's account is bound to the login that owns the database (the service account). A
/// person refused it was told to bind their own login to it (`staff edit cron.tiepnhan
/// --add-login hoa`), which would log that person's acts as cron's; the refusal now says
/// to run as the service account or as one's own account, and the service account itself
/// still acts as cron's account. Another account's refusal keeps its advice.
#[test]
fn a_person_refused_the_service_accounts_account_is_not_told_to_bind_to_it() {
    let env = TestEnv::seeded();
    let owner = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .expect("the test's user has a name")
        .name;
    env.run_as(
        ADMIN,
        &[
            "staff",
            "add",
            "cron.tiepnhan",
            "--name",
            "Tác vụ định kỳ",
            "--role",
            "reception",
            "--login",
            &owner,
        ],
    )
    .success();
    env.run_as(ADMIN, &["staff", "edit", ADMIN, "--add-login", "hoa"])
        .success();
    // In peer mode a write is timed by the system clock (docs/rules.md §7).
    let through_sudo = |args: &[&str]| {
        let mut cmd = env.command();
        cmd.env("SUDO_USER", "hoa").env_remove("PHANANH_NOW");
        Run::of(cmd, args)
    };
    through_sudo(&["--as", ADMIN, "settings", "set", "auth.mode", "peer"]).success();
    let out = env.dir().join("thu-cong.sqlite");
    let out = out.to_str().unwrap();
    let backup = ["--as", "cron.tiepnhan", "backup", "--out", out];
    through_sudo(&backup)
        .failure()
        .one_line_error()
        .stderr_has("tài khoản riêng của tài khoản dịch vụ")
        .stderr_has(&format!(
            "`runuser -u {owner} -- phananh --as cron.tiepnhan …`"
        ))
        .stderr_has("bỏ `--as cron.tiepnhan`")
        .never_shows("--add-login");
    through_sudo(&in_english(&backup))
        .failure()
        .stderr_has("the service account's own")
        .stderr_has("or as your own account (without `--as cron.tiepnhan`)")
        .never_shows("--add-login");
    // The admin's own account backs up; so does the service account as cron's.
    through_sudo(&["backup", "--out", out]).success();
    std::fs::remove_file(out).unwrap();
    let mut cmd = env.command();
    cmd.env_remove("PHANANH_NOW");
    Run::of(cmd, &backup).success();
    // Any other account not bound to the login keeps the advice to bind it.
    through_sudo(&["--as", RECEPTION, "list"])
        .failure()
        .stderr_has(&format!("`phananh staff edit {RECEPTION} --add-login hoa`"));
}

/// insider7: the sudo rule pins `--db` only, and `pa --key-file PATH list` read PATH as the
/// service account: "larger than 64 KiB" for a backup, "no identity key at" for a name with
/// nothing, "not a phananh key file", another key's id for an old key — whether a file is
/// there in the service account's folders, and its size class. Through sudo for another
/// person `--key-file` (and `PHANANH_KEY_FILE`) is refused whatever it names, in the same
/// words, exit 2, nothing read; run as oneself it is honoured as before.
#[test]
fn through_sudo_a_key_file_is_refused_the_same_way_whatever_it_names() {
    let env = TestEnv::validated();
    let backup = env.dir().join("b1.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    let old = env.write_file("phananh.sqlite.key.old", "not a key at all\n");
    let paths = [
        backup.clone(),
        env.dir().join("b2.sqlite"),
        old,
        env.key(),
        PathBuf::from("/etc/passwd"),
    ];
    let mut said = Vec::new();
    for path in &paths {
        let mut cmd = env.command();
        cmd.env("SUDO_USER", "mallory");
        let run = Run::of(
            cmd,
            &[
                "--lang",
                "en",
                "--key-file",
                path.to_str().unwrap(),
                "--as",
                RECEPTION,
                "list",
                "--limit",
                "1",
            ],
        );
        run.code(2)
            .stderr_has("cannot be used through sudo")
            .stderr_has("as root");
        said.push(run.stderr.replace(path.to_str().unwrap(), "PATH"));
    }
    assert!(said.windows(2).all(|w| w[0] == w[1]), "{said:#?}");
    assert!(
        !said[0].contains("PATH"),
        "the path is not even echoed: {}",
        said[0]
    );
    // The environment's way is refused alike.
    let mut cmd = env.command();
    cmd.env("SUDO_USER", "mallory")
        .env("PHANANH_KEY_FILE", &backup);
    Run::of(
        cmd,
        &["--lang", "en", "--as", RECEPTION, "list", "--limit", "1"],
    )
    .code(2)
    .stderr_has("cannot be used through sudo");
    // Run as oneself, the key file named is read as before.
    env.run_as(
        RECEPTION,
        &[
            "--key-file",
            env.key().to_str().unwrap(),
            "list",
            "--limit",
            "1",
        ],
    )
    .success();
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--key-file",
            backup.to_str().unwrap(),
            "list",
            "--limit",
            "1",
        ],
    )
    .failure()
    .stderr_has("larger than");
}

/// Runs `phananh ARGS` as the owner of the test's files: the uid 65534 through `setpriv`
/// (the files given to it) when the tests run as root, whom no file mode stops; else this
/// account.
fn as_files_owner(env: &TestEnv, args: &[&str]) -> Run {
    if running_as_root() {
        for entry in std::fs::read_dir(env.dir()).unwrap() {
            let path = entry.unwrap().path();
            std::os::unix::fs::chown(&path, Some(65_534), Some(65_534)).unwrap();
        }
        std::os::unix::fs::chown(env.dir(), Some(65_534), Some(65_534)).unwrap();
        return as_nobody(env, Path::new("/"), args);
    }
    let mut cmd = std::process::Command::new(bin());
    cmd.env_clear().env("PHANANH_DB", env.db()).current_dir("/");
    Run::of(cmd, args)
}

/// A read while the database could only be read (mode 0400) leaves SQLite's `-shm` with
/// that mode. Once the database was writable again, every write was refused as "the file,
/// its folder or the medium is read-only", naming the database, whose mode was 0600 by
/// then. The refusal names the side file and what to do, which then works.
#[test]
fn a_side_file_left_read_only_by_a_read_is_named_when_a_write_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    let id = env
        .count("SELECT min(id) FROM reports WHERE status = 'accepted'")
        .to_string();
    let mode = |path: &Path, m| std::fs::set_permissions(path, std::fs::Permissions::from_mode(m));
    let shm = PathBuf::from(format!("{}-shm", env.db().display()));
    let _ = std::fs::remove_file(&shm);
    mode(env.db(), 0o400).unwrap();
    as_files_owner(&env, &["--as", RECEPTION, "list"]).success();
    let shm_mode = std::fs::metadata(&shm).unwrap().permissions().mode() & 0o777;
    assert_eq!(shm_mode, 0o400, "the read left {} so", shm.display());
    mode(env.db(), 0o600).unwrap();
    let classify = [
        "--lang", "en", "--as", RECEPTION, "classify", &id, "--field", "GT",
    ];
    as_files_owner(&env, &classify)
        .failure()
        .stderr_has(&format!(
            "its side file {} is read-only (made by a command that ran while the database could only be read), though the database itself is writable",
            shm.display()
        ))
        .stderr_has(&format!("`chmod 600 {}`", shm.display()));
    mode(&shm, 0o600).unwrap();
    as_files_owner(&env, &classify).success();
}
