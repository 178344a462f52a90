//! The operator's desk and the cron job (issue 20): a sweep cron can append to, the exit
//! statuses, errors that name their cause (busy, read-only, full disk, damaged, missing
//! folder), nothing hostile reaching a terminal or a spreadsheet, what falls due, tables
//! that fit the screen, and a triage that cannot act on a report nobody saw.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::common::*;
use crate::terminal::Terminal;

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

fn reminders(env: &TestEnv) -> i64 {
    env.count("SELECT count(*) FROM events WHERE action = 'remind'")
}

#[test]
fn the_sweep_lists_what_this_run_recorded_with_its_time_and_nothing_on_stderr() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:35");
    let run = env.run_as(RECEPTION, &["--format", "csv", "sweep", "--fail-on-breach"]);
    // Due soon is no breach: 0.
    run.success();
    assert_eq!(run.stderr, "", "stderr is for errors only");
    let rows = csv_rows(&run.stdout);
    let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(ids, ["SW-URGENT", "SW-SUN"]);
    let header = run.stdout.lines().next().unwrap();
    // Cron appends to a file whose header an older phananh wrote: each older header is a
    // true prefix of this one, new columns only after them (`would_remind` once stood
    // before `swept_at` and moved every later column under another name).
    for older in [
        "report_id,external_id,urgent,stage,round,agency,agency_name,due_at,threshold,minutes_over,reminded_now,swept_at",
        "report_id,external_id,urgent,stage,round,agency,agency_name,due_at,threshold,minutes_over,reminded_now,swept_at,minutes_over_counted",
    ] {
        assert!(header.starts_with(&format!("{older},")), "{header}");
    }
    assert!(header.ends_with(",would_remind"), "{header}");
    for row in &rows {
        assert_eq!(&row[11], "2026-10-05T08:35:00+07:00");
        assert_eq!(&row[10], "true", "reminded now");
    }
    assert_eq!(reminders(&env), 2);

    // The same moment again: nothing new, so nothing listed (cron's file does not grow),
    // and without the header line it prints nothing at all.
    let again = env.run_as(RECEPTION, &["--format", "csv", "sweep"]);
    again.success();
    assert_eq!(again.stdout.lines().count(), 1, "{again}");
    let bare = env.run_as(RECEPTION, &["--format", "csv", "sweep", "--no-headers"]);
    bare.success();
    assert_eq!(bare.stdout, "");
    assert_eq!(bare.stderr, "");
    // --all still lists every clock due.
    let all = env
        .run_as(RECEPTION, &["--format", "json", "sweep", "--all"])
        .success()
        .json();
    assert_eq!(array(&all).len(), 2);
    assert!(array(&all).iter().all(|r| r["reminded_now"] == false));
    assert_eq!(reminders(&env), 2);

    // 08:45: the Sunday report is newly past due, a breach: 3, once.
    at(&mut env, "2026-10-05 08:45");
    let breach = env.run_as(RECEPTION, &["--format", "csv", "sweep", "--fail-on-breach"]);
    // The breach is said on stderr, so that cron mails it: how many, then which (one line
    // saying how many named nothing to act on).
    breach.code(3).stderr_has("thấy 1 hạn mới bị quá");
    assert_eq!(
        breach.stderr,
        format!(
            "Lần quét này thấy 1 hạn mới bị quá (mã thoát 3):\n  \
             {} (SW-SUN): Phân phối, hạn 05/10/2026 08:40, Cổng\n",
            env.id_of("SW-SUN")
        )
    );
    let rows = csv_rows(&breach.stdout);
    assert_eq!(rows.len(), 1, "{breach}");
    assert_eq!(&rows[0][1], "SW-SUN");
    assert_eq!(&rows[0][8], "overdue");
    // Still overdue ten minutes later, but not newly: cron does not mail again.
    at(&mut env, "2026-10-05 08:55");
    env.run_as(RECEPTION, &["--format", "csv", "sweep", "--fail-on-breach"])
        .success();

    // --quiet prints nothing and still records, but for the one line that says a new
    // breach, which --fail-on-breach is for (issue: with both streams in files cron never
    // mailed it).
    at(&mut env, "2026-10-05 10:30");
    let before = reminders(&env);
    let quiet = env.run_as(
        RECEPTION,
        &["--lang", "en", "sweep", "--quiet", "--fail-on-breach"],
    );
    quiet.code(3);
    assert_eq!(
        (quiet.stdout.as_str(), quiet.stderr.as_str()),
        (
            "",
            format!(
                "this sweep found 2 newly breached deadlines (exit status 3):\n  \
                 {} (SW-URGENT) URGENT: Dispatch, due 2026-10-05 09:00, the portal's desk\n  \
                 {} (SW-LATER): Dispatch, due 2026-10-05 10:00, the portal's desk\n",
                env.id_of("SW-URGENT"),
                env.id_of("SW-LATER")
            )
            .as_str()
        )
    );
    assert_eq!(reminders(&env), before + 2);

    // A table carries its summary, with the run's time, on stdout.
    at(&mut env, "2026-10-05 10:40");
    let table = env.run_as(RECEPTION, &["sweep"]);
    table.success();
    assert_eq!(table.stderr, "");
    table.stdout_has("Quét lúc 05/10/2026\u{a0}10:40: 3 quá hạn (0 mới)");
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--all"])
        .success()
        .stdout_has("Swept at 2026-10-05\u{a0}10:40: 3 overdue (0 new)");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// `sweep --dry-run`, which huong-dan §5 gives for "what the sweep will remind", said
/// "Nhắc lần này: không" (CSV `reminded_now` false) on every row, and the real run then
/// reminded exactly those rows. The dry run's table now says "sẽ nhắc" where the real run
/// reminds, and the CSV and JSON carry `would_remind` beside `reminded_now` (kept for the
/// scripts that read it), the dry run's header still the real run's (cron's file takes
/// its header from it, README).
#[test]
fn a_dry_run_says_which_rows_the_real_sweep_will_remind() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:45");
    let table = env.at_columns(160, &["--as", RECEPTION, "sweep", "--dry-run"]);
    table.success();
    let body = table_body(table.stdout.lines());
    assert_eq!(body.len(), 2, "{table}");
    for line in &body {
        assert!(line.contains("sẽ nhắc"), "{table}");
        assert!(!line.contains("không"), "{table}");
    }
    let english = env.at_columns(
        160,
        &["--as", RECEPTION, "--lang", "en", "sweep", "--dry-run"],
    );
    for line in table_body(english.stdout.lines()) {
        assert!(line.contains("would remind"), "{english}");
    }
    let dry = env.run_as(RECEPTION, &["--format", "csv", "sweep", "--dry-run"]);
    dry.success();
    let header = dry.stdout.lines().next().unwrap();
    assert!(
        header.ends_with(",reminded_now,swept_at,minutes_over_counted,would_remind"),
        "{header}"
    );
    let would: Vec<(String, String, String)> = csv_rows(&dry.stdout)
        .iter()
        .map(|r| (r[1].to_owned(), r[10].to_owned(), r[13].to_owned()))
        .collect();
    assert_eq!(
        would,
        [
            (
                "SW-URGENT".to_owned(),
                "false".to_owned(),
                "true".to_owned()
            ),
            ("SW-SUN".to_owned(), "false".to_owned(), "true".to_owned())
        ]
    );
    // The Excel-style file says the same to an officer.
    env.run_as(
        RECEPTION,
        &["--csv", "excel", "--format", "csv", "sweep", "--dry-run"],
    )
    .success()
    .stdout_has("Lần quét thật sẽ nhắc")
    .stdout_has("Không (chạy thử)");
    assert_eq!(reminders(&env), 0);

    // The real run reminds exactly those, with the dry run's header.
    let real = env.run_as(RECEPTION, &["--format", "csv", "sweep"]);
    real.success();
    assert_eq!(real.stdout.lines().next().unwrap(), header);
    let done: Vec<(String, String, String)> = csv_rows(&real.stdout)
        .iter()
        .map(|r| (r[1].to_owned(), r[10].to_owned(), r[13].to_owned()))
        .collect();
    assert_eq!(
        done,
        [
            ("SW-URGENT".to_owned(), "true".to_owned(), "true".to_owned()),
            ("SW-SUN".to_owned(), "true".to_owned(), "true".to_owned())
        ]
    );
    assert_eq!(reminders(&env), 2);
    // Reminded already, a dry run says the real one would not remind them again.
    let after = env
        .run_as(
            RECEPTION,
            &["--format", "json", "sweep", "--dry-run", "--all"],
        )
        .success()
        .json();
    assert_eq!(array(&after).len(), 2);
    assert!(array(&after).iter().all(|r| r["would_remind"] == false));
    let table = env.at_columns(160, &["--as", RECEPTION, "sweep", "--dry-run", "--all"]);
    for line in table_body(table.stdout.lines()) {
        assert!(!line.contains("sẽ nhắc"), "{table}");
    }
}

/// The demo a month after it ends, when the README's cron sweep finds two deadlines newly
/// breached.
fn two_breaches() -> TestEnv {
    let mut env = TestEnv::demo();
    env.set_now("2026-12-06T16:42:00+07:00");
    env
}

/// The breach notice, the first thing on stderr, in Vietnamese.
fn breach_notice_first(run: &Run) {
    assert!(
        run.stderr
            .starts_with("Lần quét này thấy 2 hạn mới bị quá (mã thoát 3):\n  "),
        "{run}"
    );
}

/// Cron's appended file at its size limit: the sweep recorded its reminders, could not list
/// them, and ended with exit 1 saying "File too large (os error 27)" without the breach
/// notice, which the next run no longer gives (the breaches are not new). The notice now
/// comes first, the cause is worded, and the run ends with 3.
#[test]
fn a_breach_is_said_first_when_the_listing_hits_the_file_size_limit() {
    assert_prlimit();
    let env = two_breaches();
    let log = env.dir().join("sweep.csv");
    let limit = 4_000_000;
    std::fs::File::create(&log).unwrap().set_len(limit).unwrap();
    let mut cmd = std::process::Command::new("prlimit");
    cmd.env_clear()
        .env("PHANANH_DB", env.db())
        .env("PHANANH_NOW", "2026-12-06T16:42:00+07:00")
        .current_dir(env.dir())
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::OpenOptions::new().append(true).open(&log).unwrap())
        .stderr(std::process::Stdio::piped())
        .arg(format!("--fsize={limit}"))
        .arg("--")
        .arg(bin())
        .args([
            "--as",
            RECEPTION,
            "--format",
            "csv",
            "sweep",
            "--no-headers",
            "--fail-on-breach",
        ]);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.starts_with("Lần quét này thấy 2 hạn mới bị quá (mã thoát 3):\n  "),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("nhưng không in được danh sách: đĩa đầy hoặc tệp chạm giới hạn kích thước."),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    assert_eq!(std::fs::metadata(&log).unwrap().len(), limit);
}

/// A retention period set and the identity key missing: the retention erasure failed, exit
/// 1, and the breach notice was never printed. It is now printed first, and the run ends
/// with 3, the retention's failure said after it.
#[test]
fn a_breach_is_said_first_when_the_retention_erasure_fails() {
    let env = two_breaches();
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "30", "--yes"],
    )
    .success();
    std::fs::remove_file(env.key()).unwrap();
    let run = env.cron_sweep(RECEPTION, &[]);
    run.code(3)
        .stderr_has("Không xóa danh tính nào theo thời hạn lưu giữ");
    breach_notice_first(&run);
    // Said once: the next run finds the breaches no longer new.
    env.cron_sweep(RECEPTION, &[])
        .code(1)
        .never_shows("hạn mới bị quá");
}

#[test]
fn the_exit_statuses_are_documented_in_help_man_and_readme() {
    let env = TestEnv::empty();
    let help = env
        .run(&["--lang", "en", "--help"])
        .success()
        .stdout
        .clone();
    let man = env.run(&["--lang", "en", "man"]).success().stdout.clone();
    let sweep = env
        .run(&["--lang", "en", "sweep", "--help"])
        .success()
        .stdout
        .clone();
    // The Vietnamese help (the default) lists the same statuses.
    for args in [&["--help"][..], &["sweep", "--help"][..]] {
        let vi = env.run(args).success().stdout.clone();
        assert!(vi.contains("Mã thoát:"), "{args:?}:\n{vi}");
        for status in 0..=5 {
            assert!(
                vi.lines()
                    .any(|l| l.trim_start().starts_with(&format!("{status}  "))),
                "{args:?} lacks exit status {status}:\n{vi}"
            );
        }
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (status, words) in [
        ("0", "success"),
        ("1", "refused action or bad input"),
        ("2", "bad usage"),
        ("3", "newly breached"),
        ("4", "busy"),
        ("5", "integrity failure"),
    ] {
        for (what, text) in [("--help", &help), ("sweep --help", &sweep)] {
            assert!(
                text.lines().any(
                    |l| l.trim_start().starts_with(&format!("{status}  ")) && l.contains(words)
                ),
                "{what} lacks exit status {status}:\n{text}"
            );
        }
        assert!(
            man.contains(words),
            "the man page lacks exit status {status}"
        );
        assert!(
            readme
                .lines()
                .any(|l| l.starts_with(&format!("| {status} |")) && l.contains(words)),
            "README lacks exit status {status}"
        );
    }
}

#[test]
fn a_broken_chain_exits_5_and_a_refusal_1() {
    let env = TestEnv::validated();
    env.writable()
        .execute("UPDATE reports SET content = 'sửa lén' WHERE id = 7", [])
        .unwrap();
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has("Chuỗi nhật ký bị phá vỡ");
    env.run_as(HANDLER_SXD, &["audit", "verify"]).code(1);
    env.run_as(RECEPTION, &["no-such-command"]).code(2);
}

/// Runs a single step (the reception check of report 1) while a test connection holds the
/// write lock. A single step gives up after the 10 s busy timeout; a bulk writer (`validate`
/// of the whole queue) waits in its turn as long as it takes since issue 18
/// (`concurrency::an_ingest_waits_for_a_writer_past_the_busy_timeout_and_names_it`).
fn while_locked(env: &TestEnv, langs: &[&str]) -> Vec<Run> {
    let holder = env.writable();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Both wait out the same 10 s at once.
    let children: Vec<_> = langs
        .iter()
        .map(|lang| {
            env.std_command()
                .args(["--as", RECEPTION, "--lang", lang, "validate", "1"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let runs = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            Run {
                command: "phananh validate 1 (locked)".into(),
                code: out.status.code(),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            }
        })
        .collect();
    holder.execute_batch("ROLLBACK").unwrap();
    runs
}

#[test]
fn a_database_locked_past_the_wait_exits_4_and_names_who_holds_it() {
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    let runs = while_locked(&env, &["vi", "en"]);
    let me = std::process::id().to_string();
    runs[0]
        .code(4)
        .one_line_error()
        .stderr_has("đang bận")
        .stderr_has(&me)
        .never_shows("Error code");
    runs[1]
        .code(4)
        .one_line_error()
        .stderr_has("is busy")
        .stderr_has(&me);
    env.assert_unchanged(&before);
    // Once the lock is let go, the same command works.
    env.run_as(RECEPTION, &["validate"]).success();
}

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(1)
        == 0
}

/// A world whose database sits in a read-only folder as a read-only file, and a way to run
/// the binary as a user those permissions bind: root ignores them, so under root the
/// binary (copied where that user can reach it) runs as `nobody` through `setpriv`.
struct ReadOnlyCopy {
    env: TestEnv,
    db: PathBuf,
    bin: PathBuf,
}

impl ReadOnlyCopy {
    fn new() -> ReadOnlyCopy {
        ReadOnlyCopy::of(TestEnv::validated())
    }

    /// `env`'s database (and key) as such a copy.
    fn of(env: TestEnv) -> ReadOnlyCopy {
        use std::os::unix::fs::PermissionsExt;
        let bytes = env.snapshot();
        let folder = env.dir().join("media");
        std::fs::create_dir(&folder).unwrap();
        let db = folder.join("backup.sqlite");
        std::fs::write(&db, bytes).unwrap();
        let bin = env.dir().join("phananh");
        std::fs::copy(crate::common::bin(), &bin).unwrap();
        let mode = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
        };
        mode(env.dir(), 0o755);
        mode(&bin, 0o755);
        // A backup as phananh writes it, owned by whoever reads it here (an unprivileged
        // account when the tests run as root): its owner's only, and no longer writable.
        // Its identities' key, kept apart from the backup as SECURITY.md says, the reader's
        // (a file from before encryption has none yet).
        let key = env.dir().join("backup.key");
        let keyed = env.key().exists();
        if keyed {
            std::fs::copy(env.key(), &key).unwrap();
        }
        let mut owned = vec![db.clone()];
        owned.extend(keyed.then(|| key.clone()));
        for file in &owned {
            if running_as_root() {
                std::os::unix::fs::chown(file, Some(65534), Some(65534)).unwrap();
            }
            mode(file, 0o400);
        }
        mode(&folder, 0o555);
        ReadOnlyCopy { env, db, bin }
    }

    /// Runs the copied binary. Its copy was written through a file descriptor that a process
    /// another test thread forks at that moment inherits until it executes its own program;
    /// meanwhile the kernel refuses to execute the copy ("Text file busy", ETXTBSY, exit
    /// 126 from `setpriv`). The command only reads a read-only copy, so it is run again
    /// until the copy is free: a race of the test harness, not of the tool.
    fn run(&self, args: &[&str]) -> Run {
        for _ in 0..100 {
            let run = self.run_once(args);
            if !(run.code == Some(126) && run.stderr.contains("Text file busy")) {
                return run;
            }
            std::thread::yield_now();
        }
        panic!("the copied binary stayed busy: {}", self.bin.display());
    }

    fn run_once(&self, args: &[&str]) -> Run {
        let mut cmd = if running_as_root() {
            let mut cmd = std::process::Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            cmd.arg(&self.bin);
            cmd
        } else {
            std::process::Command::new(&self.bin)
        };
        cmd.env_clear()
            .env("PHANANH_DB", &self.db)
            .env("PHANANH_KEY_FILE", self.env.dir().join("backup.key"))
            .env("PHANANH_NOW", NOW)
            .current_dir(self.env.dir());
        Run::of(cmd, args)
    }
}

impl Drop for ReadOnlyCopy {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        // The temp dir must be removable again.
        let _ = std::fs::set_permissions(
            self.db.parent().unwrap(),
            std::fs::Permissions::from_mode(0o755),
        );
    }
}

/// A backup made by an older phananh must be upgraded, which writes, before this one can
/// read it: on read-only media the message said the folder was read-only and that reading
/// commands work on a backup, which `audit verify` had just shown false. It says the file
/// is older and must be copied somewhere writable first. `audit verify` itself now checks
/// such a backup on an upgraded scratch copy (`checkpoints::an_older_backup_is_checked_on_a_scratch_copy_and_told_older_than_a_signed_head`),
/// so it works here; the other reading commands are refused as before. The refusal asked
/// for "its .key file" of a backup from before encryption, which never had one.
#[test]
fn an_older_backup_on_read_only_media_says_to_copy_it_before_reading() {
    let env = TestEnv::empty();
    crate::identity::before_sealing(&env);
    crate::identity::in_backup_form(env.db());
    let copy = ReadOnlyCopy::of(env);
    let before = std::fs::read(&copy.db).unwrap();
    // Made before encryption, it never had a key file: none is asked for.
    copy.run(&["--lang", "en", "--as", ADMIN, "list"])
        .failure()
        .one_line_error()
        .stderr_has("was made by an older phananh")
        .stderr_has("Copy it (it predates encryption, so it has no key file) to a writable folder")
        .never_shows(".key")
        .never_shows("Reading commands work");
    copy.run(&["--as", ADMIN, "list"])
        .failure()
        .stderr_has("do một bản phananh cũ hơn tạo ra")
        .stderr_has("không có tệp khóa")
        .never_shows(".key");
    copy.run(&["--lang", "en", "--as", ADMIN, "audit", "verify"])
        .success()
        .stderr_has("nothing is written to the backup");
    assert_eq!(std::fs::read(&copy.db).unwrap(), before);
}

#[test]
fn reading_commands_work_on_a_read_only_copy_and_writing_ones_say_why_not() {
    let copy = ReadOnlyCopy::new();
    let before = std::fs::read(&copy.db).unwrap();
    for args in [
        vec!["--as", AUDITOR, "audit", "verify"],
        vec!["--as", RECEPTION, "list", "--limit", "3"],
        vec!["--as", RECEPTION, "show", "5"],
        vec!["--as", RECEPTION, "audit", "log", "5"],
        vec!["--as", LEADER, "report", "monthly", "--period", "2026-09"],
        vec!["--as", ADMIN, "settings", "show"],
        vec!["--as", RECEPTION, "list", "--due", "today"],
    ] {
        copy.run(&args).success();
    }
    let write = copy.run(&["--as", RECEPTION, "classify", "--suggest", "--apply"]);
    write
        .failure()
        .one_line_error()
        .stderr_has("chỉ cho đọc")
        .never_shows("không phải là cơ sở dữ liệu phananh")
        .never_shows("Error code");
    copy.run(&["--lang", "en", "--as", RECEPTION, "validate"])
        .failure()
        .stderr_has("read-only");
    assert_eq!(
        std::fs::read(&copy.db).unwrap(),
        before,
        "the copy was changed"
    );
    let folder = copy.db.parent().unwrap();
    let left: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "files were created beside it: {left:?}");
}

/// An admin's first look after `init`: `field list`, `agency list`, `route list` and
/// `service list` printed a table of headers over no row, which says neither that the list
/// is empty on purpose nor what fills it. Each says so in a sentence naming the command
/// that adds one; CSV keeps its header line and JSON its empty list, for scripts.
#[test]
fn an_empty_reference_list_says_what_fills_it() {
    let env = TestEnv::empty();
    env.run(&["init", "--auth", "trust"]).success();
    for (list, vi, en) in [
        ("field", "Chưa có lĩnh vực nào", "phananh field add"),
        ("agency", "Chưa có cơ quan nào", "phananh agency add"),
        (
            "route",
            "Bảng phân phối chưa có dòng nào",
            "phananh route add",
        ),
        (
            "service",
            "Chưa có mã dịch vụ Open311 nào",
            "phananh service add",
        ),
    ] {
        let run = env.run_as(ADMIN, &[list, "list"]);
        run.success();
        assert!(
            run.stdout.starts_with(vi) && run.stdout.contains(en),
            "{list}\n{run}"
        );
        assert!(!run.stdout.contains('┌'), "{list}\n{run}");
        let run = env.run_as(ADMIN, &["--lang", "en", list, "list"]);
        run.success();
        assert!(
            run.stdout.starts_with("no ") && run.stdout.contains(en),
            "{list}\n{run}"
        );
        let csv = env.run_as(ADMIN, &["--format", "csv", list, "list"]);
        assert_eq!(csv.success().stdout.lines().count(), 1, "{list}\n{csv}");
        let json = env.run_as(ADMIN, &["--format", "json", list, "list"]);
        assert_eq!(json.success().stdout.trim(), "[]", "{list}\n{json}");
    }
}

/// A backup on read-only media whose report 1 had its identity taken out with `sqlite3`:
/// the reading commands took the empty identity for one still in clear, which a writing
/// open must seal first, and on that media `audit verify` said the file was made by an
/// older phananh and must be copied to a writable folder. The copy is read as it is, and
/// verify names the edited row.
#[test]
fn an_identity_taken_out_on_a_read_only_copy_is_named_not_taken_for_an_older_file() {
    let env = TestEnv::validated();
    env.writable()
        .execute("UPDATE reports SET identity = NULL WHERE id = 1", [])
        .unwrap();
    let copy = ReadOnlyCopy::of(env);
    let before = std::fs::read(&copy.db).unwrap();
    copy.run(&["--lang", "en", "--as", AUDITOR, "audit", "verify"])
        .code(5)
        .stderr_has("report 1")
        .never_shows("older phananh");
    copy.run(&["--as", RECEPTION, "list", "--limit", "3"])
        .success();
    assert_eq!(std::fs::read(&copy.db).unwrap(), before);
}

/// Shell completion read the codes through a writing open, which a backup on read-only
/// media refuses: at the Tab key the operator was offered no agency and no field, where
/// `list` on the same copy worked. It opens the file as the reading commands do.
#[test]
fn completion_offers_the_codes_of_a_read_only_copy() {
    let copy = ReadOnlyCopy::new();
    let before = std::fs::read(&copy.db).unwrap();
    for (kind, count) in [("agencies", EXAMPLE_AGENCIES), ("fields", EXAMPLE_FIELDS)] {
        let run = copy.run(&["complete-values", kind]);
        run.success();
        assert!(run.stderr.is_empty(), "{run}");
        assert_eq!(run.stdout.lines().count(), count, "{kind}\n{run}");
    }
    assert_eq!(std::fs::read(&copy.db).unwrap(), before);
}

#[test]
fn a_full_disk_says_so_and_what_was_kept() {
    assert_prlimit();
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    // Room for SQLite's shared memory and one page of log, not for a transaction.
    let run = with_file_size_limit(&env, 32_768, &["--as", RECEPTION, "validate"]);
    run.failure()
        .one_line_error()
        .stderr_has("đã đầy")
        .stderr_has("vẫn còn nguyên")
        .never_shows("Error code")
        .never_shows("không phải là cơ sở dữ liệu phananh");
    let run = with_file_size_limit(
        &env,
        32_768,
        &["--lang", "en", "--as", RECEPTION, "validate"],
    );
    run.failure().stderr_has("is full").stderr_has("kept");
    // What was committed before is there; the failed step left nothing half-done.
    env.assert_unchanged(&before);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// The advice, mailed by cron's sweep, sent the admin to `phananh restore BACKUP`, which
/// refuses a damaged file: it now says so, and that the refusal prints the steps by hand.
#[test]
fn a_truncated_database_is_named_damaged_and_left_untouched() {
    let env = TestEnv::validated();
    let backup = env.dir().join("good.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    let bytes = env.snapshot();
    std::fs::write(env.db(), &bytes[..bytes.len() / 3]).unwrap();
    let cut = std::fs::read(env.db()).unwrap();
    for (lang, words, by_hand) in [
        (
            "vi",
            "bị cắt cụt hoặc hư hỏng",
            "`restore` không thay được một tệp hỏng: hãy tự tay thay nó bằng một bản sao lưu, theo các bước `phananh restore BẢN_SAO` in ra (hướng dẫn §7).",
        ),
        (
            "en",
            "truncated or damaged",
            "`restore` cannot replace a damaged file: replace it by hand with a backup, by the steps `phananh restore BACKUP` prints (guide §7).",
        ),
    ] {
        env.run_as(RECEPTION, &["--lang", lang, "list"])
            .code(5)
            .one_line_error()
            .stderr_has(words)
            .stderr_has(by_hand)
            .never_shows("not a phananh database")
            .never_shows("không phải là cơ sở dữ liệu phananh");
    }
    // And the steps are there.
    env.run_as(
        ADMIN,
        &["--lang", "en", "restore", backup.to_str().unwrap()],
    )
    .code(5)
    .stderr_has("Replace it by hand")
    .stderr_has(&format!("`cp {} ", backup.display()));
    assert_eq!(std::fs::read(env.db()).unwrap(), cut);
}

/// A database whose first bytes were overwritten (a damaged disk block, or another file
/// written over it) read as "not a phananh database, choose another file with --db", exit 1:
/// the advice pointed away from the backup that mends it. With its key beside it, it is the
/// province's database, damaged: exit 5 and the restore.
#[test]
fn a_database_whose_header_was_overwritten_is_named_damaged_when_its_key_is_beside_it() {
    let env = TestEnv::validated();
    let mut bytes = env.snapshot();
    bytes[..100].fill(0);
    std::fs::write(env.db(), &bytes).unwrap();
    assert!(env.key().is_file());
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_has("truncated or damaged")
        .stderr_has("phananh restore")
        .never_shows("Choose another file");
    // A file with no key beside it is still someone else's until shown otherwise.
    std::fs::remove_file(env.key()).unwrap();
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(1)
        .stderr_has("is not a phananh database");
}

/// A database in a folder that does not exist: every command, `init` and `demo` included,
/// names the missing folder and the `mkdir` that makes it, in either language, and makes
/// nothing (issue 20, point 5; `init` made the folder before, which a mistyped --db turned
/// into a stray tree). A folder that exists with no database in it is a different message.
#[test]
fn a_missing_folder_is_named_with_the_command_that_makes_it_and_nothing_is_made() {
    let env = TestEnv::empty();
    let folder = env.dir().join("chua co").join("con");
    let db = folder.join("phananh.sqlite");
    let db = db.to_str().unwrap();
    let shown = format!("'{}'", folder.display());
    let commands: Vec<Vec<&str>> = vec![
        vec!["init", "--auth", "trust"],
        vec!["demo"],
        vec!["list"],
        vec!["show", "1"],
        vec!["validate"],
        vec!["sweep"],
        vec!["audit", "verify"],
        vec!["report", "monthly", "--period", "2026-10"],
        vec!["settings", "show"],
        vec!["staff", "list"],
    ];
    for args in &commands {
        for (lang, words) in [("vi", "không tồn tại"), ("en", "does not exist")] {
            let mut all = vec!["--lang", lang, "--as", ADMIN, "--db", db];
            all.extend(args);
            env.run(&all)
                .code(1)
                .one_line_error()
                .stderr_has(&folder.display().to_string())
                .stderr_has(words)
                .stderr_has(&format!("`mkdir -p -m 700 {shown}`"))
                .never_shows("os error")
                .never_shows("No such file");
        }
    }
    assert!(
        !env.dir().join("chua co").exists(),
        "a command made the folder"
    );
    // A backup into a missing folder is named the same way, and nothing is written.
    let env = TestEnv::validated();
    let out = env.dir().join("sao-luu").join("p.sqlite");
    env.run_as(ADMIN, &["backup", "--out", out.to_str().unwrap()])
        .code(1)
        .one_line_error()
        .stderr_has("`mkdir -p -m 700 ")
        .never_shows("os error");
    assert!(!out.parent().unwrap().exists());
    // The folder there, the file not: the message says to make the database.
    let env = TestEnv::empty();
    let db = env.dir().join("khong-co.sqlite");
    env.run_as(ADMIN, &["--db", db.to_str().unwrap(), "list"])
        .code(1)
        .one_line_error()
        .stderr_has("Không có cơ sở dữ liệu")
        .stderr_has("phananh init")
        .never_shows("mkdir");
    // Once the folder is made as the message says, `init` works in it.
    std::fs::create_dir_all(&folder).unwrap();
    let db = folder.join("phananh.sqlite");
    env.run(&["--db", db.to_str().unwrap(), "init", "--auth", "trust"])
        .success();
}

/// `--db` naming a folder (the file's name left off) says so and which file to name, for a
/// command that reads, one that writes, `init` and `demo`, instead of SQLite's "disk I/O
/// error" (or, for `demo`, "holds data that is not a demo"); nothing is made in the folder.
#[test]
fn a_folder_given_as_the_database_is_named_as_a_folder() {
    let env = TestEnv::empty();
    let folder = env.dir().join("phananh");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.to_str().unwrap();
    let file = folder.join("phananh.sqlite");
    for args in [
        &["list"][..],
        &["field", "add", "X", "--name", "Thử"],
        &["init", "--auth", "trust"],
        &["demo"],
    ] {
        for (lang, words) in [
            ("vi", "là một thư mục, không phải tệp cơ sở dữ liệu"),
            ("en", "is a folder, not a database file"),
        ] {
            let mut all = vec!["--lang", lang, "--as", ADMIN, "--db", db];
            all.extend(args);
            env.run(&all)
                .code(1)
                .one_line_error()
                .stderr_has(words)
                .stderr_has(&format!("`--db {}`", file.display()))
                .never_shows("Error code")
                .never_shows("I/O");
        }
    }
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

/// No control character (C0 but the line feed, DEL, C1) and no bidirectional control.
fn clean(text: &str) -> bool {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    text.chars()
        .all(|c| c == '\n' || !(c.is_control() || bidi(c)))
}

#[test]
fn hostile_bytes_never_reach_a_terminal_or_a_spreadsheet() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-10-05 08:30");
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let template = reader.records().nth(1).unwrap().unwrap();
    // A file name that would retitle the terminal.
    let path = env.dir().join("xuat\u{1b}]0;pwned\u{7}.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&headers).unwrap();
    let mut row = |id: &str, edit: &dyn Fn(&mut Vec<String>)| {
        let mut record: Vec<String> = template.iter().map(str::to_owned).collect();
        record[0] = id.to_owned();
        record[1] = "2026-10-05T08:00:00+07:00".to_owned();
        edit(&mut record);
        writer.write_record(&record).unwrap();
    };
    row("HB-RLO", &|r| {
        r[3] = format!(
            "Đường ngập \u{202e}nặng\u{1b}[2J\u{9b}31m, bel\u{7} {}",
            r[3]
        );
        r[9] = "Nguyễn \u{202e}Văn An".to_owned();
        r[7] = "Số 1\tđường\r\nĐề Thám".to_owned();
    });
    row("HB-TIME", &|r| r[1] = "\u{1b}[2J2026-10-05".to_owned());
    row("HB-NUL", &|r| r[3] = "Nội dung\0ẩn".to_owned());
    writer.flush().unwrap();
    let name = path.to_str().unwrap();
    let ingest = env.run_as(RECEPTION, &["ingest", name]);
    ingest.failure();
    assert!(clean(&ingest.stderr), "{:?}", ingest.stderr);
    assert!(clean(&ingest.stdout), "{:?}", ingest.stdout);
    ingest.stderr_has("NUL");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 1);
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE instr(content, char(0)) > 0"),
        0
    );
    env.run_as(RECEPTION, &["validate"]).success();
    let id = env.id_of("HB-RLO").to_string();
    for args in [
        vec!["list"],
        vec!["show", id.as_str()],
        vec!["audit", "log", id.as_str()],
        vec!["list", "--format", "csv"],
        vec!["export", "csv", "--reason", "đối chiếu số liệu"],
        vec!["sweep", "--all", "--format", "csv"],
    ] {
        let run = env.run_as(RECEPTION, &args);
        run.success();
        assert!(clean(&run.stdout), "{}: {:?}", args.join(" "), run.stdout);
        assert!(clean(&run.stderr), "{}: {:?}", args.join(" "), run.stderr);
    }
    // The text itself is kept as it came: only what is shown or written out is cleaned,
    // JSON included (a script's parser turned its escapes back into the
    // bytes), so the stored row is where it is seen whole.
    let stored: Vec<String> = env.column(&format!("SELECT content FROM reports WHERE id = {id}"));
    assert!(stored[0].contains('\u{202e}'), "{stored:?}");
    let shown = env.show(&id);
    assert!(!shown["content"].as_str().unwrap().contains('\u{202e}'));
}

#[test]
fn a_byte_order_mark_starts_every_input_format() {
    let env = TestEnv::seeded();
    let record = |id: &str| {
        serde_json::json!({
            "external_id": id,
            "submitted_at": "2026-10-05T08:00:00+07:00",
            "occurred_at": "2026-10-05T07:30:00+07:00",
            "content": "Đèn đường hỏng cả đoạn, buổi tối rất tối và nguy hiểm",
            "media": ["https://example.vn/a.jpg"],
            "address": "Đường Lý Thường Kiệt",
            "reporter_name": "Trần Thị Bình",
            "reporter_phone": "0912345678",
        })
    };
    let lines = format!("\u{feff}{}\n{}\n", record("BOM-L1"), record("BOM-L2"));
    std::fs::write(env.dir().join("a.jsonl"), lines).unwrap();
    let array = format!(
        "\u{feff}{}",
        serde_json::json!([record("BOM-A1"), record("BOM-A2")])
    );
    std::fs::write(env.dir().join("b.json"), array).unwrap();
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut bytes);
        writer.write_record(reader.headers().unwrap()).unwrap();
        for record in reader.records().take(2) {
            writer.write_record(&record.unwrap()).unwrap();
        }
    }
    std::fs::write(env.dir().join("c.csv"), bytes).unwrap();
    for file in ["a.jsonl", "b.json", "c.csv"] {
        env.run_as(RECEPTION, &["ingest", file]).success();
    }
    assert_eq!(env.count("SELECT count(*) FROM reports"), 6);
    for id in ["BOM-L1", "BOM-L2", "BOM-A1", "BOM-A2"] {
        env.id_of(id);
    }
}

#[test]
fn a_semicolon_separated_csv_is_read_and_many_bad_lines_are_summed_up() {
    let env = TestEnv::seeded();
    // What Excel writes under Vietnamese regional settings.
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().take(40).map(Result::unwrap).collect();
    let path = env.dir().join("excel.csv");
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&path)
        .unwrap();
    writer.write_record(&headers).unwrap();
    for (i, row) in rows.iter().enumerate() {
        let mut record: Vec<String> = row.iter().map(str::to_owned).collect();
        if i >= 5 {
            // 35 with an unreadable time, the same fault again and again.
            record[1] = format!("hôm qua {i}");
        }
        writer.write_record(&record).unwrap();
    }
    writer.flush().unwrap();
    let errors = env.dir().join("loi.csv");
    let run = env.run_as(
        RECEPTION,
        &[
            "ingest",
            path.to_str().unwrap(),
            "--errors",
            errors.to_str().unwrap(),
        ],
    );
    run.failure();
    assert_eq!(env.count("SELECT count(*) FROM reports"), 5);
    let one_by_one = regex::Regex::new(r"excel\.csv:\d+: ").unwrap();
    let per_line = run
        .stderr
        .lines()
        .filter(|l| one_by_one.is_match(l))
        .count();
    assert_eq!(per_line, 10, "{run}");
    run.stderr_has("35 bản ghi lỗi (thời gian không đọc được: 35)");
    let listed = csv_rows(&std::fs::read_to_string(&errors).unwrap());
    assert_eq!(listed.len(), 35);
    assert!(listed.iter().all(|r| &r[2] == "bad_time"));
    assert!(
        listed.iter().all(|r| r[1].parse::<u64>().unwrap() > 6),
        "{listed:?}"
    );
}

#[test]
fn overdue_means_open_and_late_now_and_ever_adds_history() {
    let env = TestEnv::validated();
    let open_late = env.count(
        "SELECT count(DISTINCT report_id) FROM clocks WHERE stopped_at IS NULL AND stage <> 'return'
           AND due_at < '2026-10-05T08:00:00+07:00'",
    );
    let overdue = env
        .run_as(RECEPTION, &["list", "--overdue", "--format", "json"])
        .success()
        .json();
    assert_eq!(array(&overdue).len() as i64, open_late);
    assert!(array(&overdue).iter().all(|r| r["status"] != "rejected"));
    let ever = env
        .run_as(
            RECEPTION,
            &["list", "--overdue", "--ever", "--format", "json"],
        )
        .success()
        .json();
    // Rejected at 08:00 on 5/10, long after their dispatch deadlines: late, and closed.
    assert!(array(&ever).iter().any(|r| r["status"] == "rejected"));
    assert!(array(&ever).len() > array(&overdue).len());
    env.run_as(RECEPTION, &["list", "--ever"]).code(2);
}

/// `list --due` named the report `report_id` where `list` and `list --overdue` say `id`, and
/// gave the clock's minutes (`minutes_left`) where its table says working time ("quá 7 giờ
/// 35 phút làm việc"), with no key a script could reproduce that figure from. It gives `id`
/// beside `report_id`, and `minutes_left_counted` beside `minutes_left`, as the sweep gives
/// `minutes_over_counted`; the CSV adds them after its old columns.
#[test]
fn list_due_names_the_report_id_as_list_does_and_gives_the_minutes_its_table_says() {
    let mut env = TestEnv::assigned_to_sxd();
    env.set_now("2026-10-06T09:00:00+07:00");
    let rows = env
        .run_as(RECEPTION, &["--format", "json", "list", "--due", "today"])
        .success()
        .json();
    let row = array(&rows)
        .iter()
        .find(|r| r["report_id"] == 5)
        .unwrap_or_else(|| panic!("no report 5: {rows:#}"))
        .clone();
    assert_eq!(row["id"], 5, "{row:#}");
    let listed = env
        .run_as(RECEPTION, &["--format", "json", "list", "--overdue"])
        .success()
        .json();
    assert!(array(&listed).iter().any(|r| r["id"] == 5), "{listed:#}");
    let counted = row["minutes_left_counted"].as_i64().expect("a number");
    let clock = row["minutes_left"].as_i64().expect("a number");
    assert!(counted < 0 && clock < counted, "{row:#}");
    let over = -counted;
    let words = match over % 60 {
        0 => format!("quá {} giờ làm việc", over / 60),
        m => format!("quá {} giờ {m} phút làm việc", over / 60),
    };
    env.at_columns(
        200,
        &[
            "--as", RECEPTION, "list", "--due", "today", "--agency", "SXD",
        ],
    )
    .success()
    .stdout_has(&words);
    let csv = env
        .run_as(RECEPTION, &["--format", "csv", "list", "--due", "today"])
        .success()
        .stdout
        .clone();
    assert!(
        csv.starts_with(
            "agency,agency_name,report_id,external_id,urgent,stage,round,due_at,overdue,\
             minutes_left,sent_back,minutes_left_counted,id\n"
        ),
        "{csv}"
    );
}

#[test]
fn what_falls_due_today_per_agency_most_pressing_first() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:50");
    let rows = env
        .run_as(RECEPTION, &["list", "--due", "today", "--format", "json"])
        .success()
        .json();
    let order: Vec<(String, bool)> = array(&rows)
        .iter()
        .map(|r| {
            (
                r["external_id"].as_str().unwrap().to_owned(),
                r["overdue"].as_bool().unwrap(),
            )
        })
        .collect();
    // The portal's dispatch clocks (no agency yet): urgent first, then by deadline.
    assert_eq!(
        order,
        [
            ("SW-URGENT".to_owned(), false),
            ("SW-SUN".to_owned(), true),
            ("SW-LATER".to_owned(), false),
        ]
    );
    assert_eq!(array(&rows)[1]["minutes_left"], -10);
    // "Hôm nay" however a keyboard types it: decomposed (NFD), capitalised, without marks.
    for today in ["ho\u{302}m nay", "Hôm nay", "hom nay", "TODAY"] {
        let same = env
            .run_as(RECEPTION, &["list", "--due", today, "--format", "json"])
            .success()
            .json();
        assert_eq!(same, rows, "{today}");
    }
    // Assigned, the clocks move to the agency; a day that has passed lists nothing new.
    let later = env.id_of("SW-LATER").to_string();
    env.run_as(RECEPTION, &["classify", &later, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &later, "--agency", "SXD"])
        .success();
    let rows = env
        .run_as(
            RECEPTION,
            &["list", "--due", "2026-10-05", "--format", "json"],
        )
        .success()
        .json();
    let agencies: Vec<Value> = array(&rows).iter().map(|r| r["agency"].clone()).collect();
    assert_eq!(agencies, [Value::Null, Value::Null, Value::from("SXD")]);
    let tomorrow = env
        .run_as(
            RECEPTION,
            &["list", "--due", "06/10/2026", "--format", "json"],
        )
        .success()
        .json();
    assert_eq!(array(&tomorrow).len(), 3);
    // A handler sees their own agency's only.
    let own = env
        .run_as(
            HANDLER_SXD,
            &["list", "--due", "2026-10-06", "--format", "json"],
        )
        .success()
        .json();
    assert_eq!(array(&own).len(), 1);
    assert_eq!(array(&own)[0]["agency"], "SXD");
    env.run_as(RECEPTION, &["list", "--due", "2026-10-05"])
        .success()
        .stdout_has("(Cổng")
        .stdout_has("05/10/2026\u{a0}08:40");
    // "hôm nay" is today too, and a day mistyped is told every form accepted.
    env.run_as(RECEPTION, &["list", "--due", "hôm nay"])
        .success();
    env.run_as(RECEPTION, &["list", "--due", "mai"])
        .code(2)
        .stderr_has("dùng `\"hôm nay\"` (hoặc `today`), hoặc một ngày YYYY-MM-DD hay DD/MM/YYYY");
    env.run_as(RECEPTION, &["--lang", "en", "list", "--due", "tomorrow"])
        .code(2)
        .stderr_has("use today, or a date YYYY-MM-DD or DD/MM/YYYY");
}

/// The database `demo` leaves, with the clock after the month it plays.
fn played() -> TestEnv {
    crate::snapshots::played()
}

fn with_columns(env: &TestEnv, columns: u16, args: &[&str]) -> Run {
    let run = env.at_columns(columns, args);
    run.success();
    run
}

/// Every line at most `columns` wide; no RFC 3339 time and no code where a label belongs.
fn fits(run: &Run, columns: usize) {
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= columns,
            "{} > {columns}: {line}\n{run}",
            line.chars().count()
        );
    }
    for code in [
        "+07:00",
        "missing_phone",
        "received  ",
        "verify_send_back",
        " assign ",
    ] {
        assert!(!run.stdout.contains(code), "{code:?} shown\n{run}");
    }
}

#[test]
fn tables_fit_80_and_120_columns_with_whole_words_times_and_labels() {
    let env = played();
    for columns in [80u16, 120] {
        let show = with_columns(&env, columns, &["--as", ADMIN, "show", "13"]);
        fits(&show, columns.into());
        show.stdout_has("05/08/2026\u{a0}13:53");
        if columns == 120 {
            // At 80 the label wraps, a whole word at a time.
            show.stdout_has("Yêu cầu xử lý lại");
        }
        insta::assert_snapshot!(format!("show_13_at_{columns}_columns"), show.stdout);
        let list = with_columns(&env, columns, &["--as", ADMIN, "list", "--limit", "8"]);
        fits(&list, columns.into());
        insta::assert_snapshot!(format!("list_at_{columns}_columns"), list.stdout);
        let en = with_columns(
            &env,
            columns,
            &["--lang", "en", "--as", ADMIN, "show", "13"],
        );
        fits(&en, columns.into());
        en.stdout_has("2026-08-05\u{a0}13:53");
        if columns == 120 {
            en.stdout_has("Sent back for rework");
        }
    }
    // A rejected report names its reasons in words.
    let rejected: i64 = env.column("SELECT id FROM reports WHERE status = 'rejected' LIMIT 1")[0];
    let shown = with_columns(&env, 80, &["--as", ADMIN, "show", &rejected.to_string()]);
    fits(&shown, 80);
    assert!(!shown.stdout.contains("missing_") && !shown.stdout.contains("invalid_phone"));
}

fn spawn_triage(env: &TestEnv) -> Terminal {
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "--lang", "en", "triage"]);
    Terminal::spawn(cmd, Duration::from_secs(30))
}

/// Routes the field the keywords suggest for `report` to `agency`, so that both of the
/// desk's lists have a true pre-selection (Enter chooses); the field.
fn route_suggested_field(env: &TestEnv, report: i64, agency: &str) -> String {
    let suggested = env
        .run_as(
            RECEPTION,
            &[
                "classify",
                "--suggest",
                &report.to_string(),
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    let field = array(&suggested)[0]["field"].as_str().unwrap().to_owned();
    env.run_as(
        ADMIN,
        &["route", "add", "--field", &field, "--agency", agency],
    )
    .success();
    field
}

/// Takes the desk from `report`'s first question to "Urgent?", Enter at each list (their
/// pre-selections).
fn to_urgent_question(s: &mut Terminal, report: i64) {
    s.expect(&format!("Report {report}")).unwrap();
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Field").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Agency").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Urgent?").unwrap();
}

#[test]
fn a_habitual_n_enter_never_acts_on_the_next_report_and_skipped_ones_come_back() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:50");
    let (urgent, sunday, later) = (
        env.id_of("SW-URGENT"),
        env.id_of("SW-SUN"),
        env.id_of("SW-LATER"),
    );
    let events = |id: i64| {
        env.count(&format!(
            "SELECT count(*) FROM events WHERE report_id = {id}"
        ))
    };
    let sunday_events = events(sunday);
    // The field the keywords suggest goes to SXD: both prompts have a true pre-selection.
    let field = route_suggested_field(&env, urgent, "SXD");
    let mut s = spawn_triage(&env);
    // The whole report before any question, with what the Art. 6 check found.
    s.expect(&format!("Report {urgent}")).unwrap();
    s.expect("Art. 6 check: complete").unwrap();
    s.expect("Dispatch").unwrap();
    s.send("\r").unwrap();
    s.expect("Field").unwrap();
    s.send("\r").unwrap();
    s.expect("Agency").unwrap();
    s.send("\r").unwrap();
    s.expect("Urgent?").unwrap();
    // n, then Enter out of habit: the Enter belongs to this question, not the next report.
    s.send("n").unwrap();
    s.send("\r").unwrap();
    s.expect(&format!("Report {sunday}")).unwrap();
    s.expect("Dispatch").unwrap();
    // Skip the Sunday report: it comes back after the last one.
    s.send("j\r").unwrap();
    s.expect(&format!("Report {later}")).unwrap();
    s.expect("Dispatch").unwrap();
    s.send("j\r").unwrap();
    s.expect(&format!("Report {sunday}")).unwrap();
    s.expect("Dispatch").unwrap();
    // Esc leaves at once.
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();

    let first = env.show(&urgent.to_string());
    assert_eq!(first["status"], "assigned");
    assert_eq!(first["field"], field.as_str());
    assert_eq!(first["agency"], "SXD");
    // Urgency from the app is kept (assign only adds it): `n` changed nothing here, and
    // its Enter answered this question, not the next report's.
    assert_eq!(first["urgent"], true);
    // Seen, not acted on.
    assert_eq!(events(sunday), sunday_events);
    assert_eq!(env.status_of(&sunday.to_string()), "accepted");
    assert_eq!(env.status_of(&later.to_string()), "accepted");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// The desk's help said "Esc or q leaves": at Urgent?, and in the lists, Esc (and q at
/// Urgent?) goes back to the report's first question, and the desk stays. The help now says
/// what the keys do, and the keys do it: q at Urgent? keeps nothing and asks the same
/// report's first question again; q there leaves.
#[test]
fn the_desk_s_keys_do_what_its_help_says() {
    let (env, _) = sweep_world();
    for (lang, said) in [
        (
            "en",
            "At a report's later questions (the field, the agency, the reasons for rejecting, \
             Urgent?) Esc goes back to its first question, keeping nothing half-done; Esc or q \
             at that first question leaves the desk",
        ),
        (
            "vi",
            "Ở các câu hỏi sau của một phản ánh (lĩnh vực, cơ quan, lý do từ chối, Khẩn cấp?), \
             Esc quay lại câu hỏi đầu của phản ánh ấy, không giữ lại gì làm dở; Esc hoặc q ở câu \
             hỏi đầu để rời bàn làm việc",
        ),
    ] {
        let run = env.run(&["--lang", lang, "triage", "--help"]);
        let help = run.success().stdout.split_whitespace().collect::<Vec<_>>();
        let help = help.join(" ");
        assert!(help.contains(said), "{help}");
    }
    let urgent = env.id_of("SW-URGENT");
    // A route for the suggested field, so that Enter at each list chooses (with none, the
    // agency list rests on "Back").
    route_suggested_field(&env, urgent, "SXD");
    let before = env.fingerprint();
    let mut s = spawn_triage(&env);
    to_urgent_question(&mut s, urgent);
    s.wait_for_key_reading().unwrap();
    s.send("q").unwrap();
    s.expect(&format!("Report {urgent}")).unwrap();
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("q").unwrap();
    s.expect_eof().unwrap();
    env.assert_unchanged(&before);
}

/// The desk's list of agencies left out district bodies only: a department past its last
/// day in operation (`agency … --until`) was offered like any other.
#[test]
fn the_desk_offers_no_agency_outside_its_days_in_operation() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:50");
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "SCT",
            "--name",
            "Sở Công Thương tỉnh Cà Mau",
            "--level",
            "province",
            "--until",
            "2026-09-30",
            "--yes",
        ],
    )
    .success();
    let mut s = spawn_triage(&env);
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Field").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Agency").unwrap();
    let listed = s.expect("SXD — ").unwrap();
    assert!(listed.contains("SGDDT — "), "{listed:?}");
    assert!(!listed.contains("SCT — "), "{listed:?}");
    s.send("\u{1b}").unwrap();
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("q").unwrap();
    s.expect_eof().unwrap();
}

/// An agency closed while the operator chose it (`agency … --until` set meanwhile, or a
/// desk left open past the agency's last day) took the report: the desk checked the list
/// it drew, not the dispatch. The dispatch checks it, and the queue goes on.
#[test]
fn the_desk_dispatches_nothing_to_an_agency_closed_meanwhile() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:50");
    let urgent = env.id_of("SW-URGENT");
    route_suggested_field(&env, urgent, "SXD");
    let mut s = spawn_triage(&env);
    to_urgent_question(&mut s, urgent);
    env.run_as(
        ADMIN,
        &[
            "agency",
            "add",
            "SXD",
            "--name",
            "Sở Xây dựng tỉnh Cà Mau",
            "--level",
            "province",
            "--until",
            "2026-10-04",
            "--yes",
        ],
    )
    .success();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("ceased to operate after").unwrap();
    s.expect(&format!("Report {urgent}")).unwrap();
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("q").unwrap();
    s.expect_eof().unwrap();
    assert_eq!(env.status_of(&urgent.to_string()), "accepted");
}

#[test]
fn ctrl_c_at_the_desk_gives_the_cursor_back_and_records_nothing() {
    let (env, _) = sweep_world();
    let before = env.fingerprint();
    let mut s = spawn_triage(&env);
    // The menu itself (not the header's "Dispatch due"): the prompt is reading keys.
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    // The prompt hid the cursor; Ctrl-C must show it again before leaving.
    s.send("\u{3}").unwrap();
    let tail = s.expect_eof().unwrap();
    assert!(
        tail.contains("\u{1b}[?25h"),
        "the cursor stays hidden: {tail:?}"
    );
    assert!(tail.contains("Stopped (Ctrl-C)"), "{tail:?}");
    env.assert_unchanged(&before);
}

/// A cron sweep whose listing cannot be written (its log's disk full) still records the
/// reminders it owes, so the next run will not list them as new: it must say that, and
/// where to see them, rather than only "No space left on device".
#[test]
fn a_sweep_that_cannot_print_says_what_it_recorded_and_how_to_see_it() {
    let mut env = TestEnv::validated();
    env.set_now("2026-11-05T08:00:00+07:00");
    let out = env
        .std_command()
        .args([
            "--as",
            RECEPTION,
            "--lang",
            "en",
            "--format",
            "csv",
            "sweep",
            "--fail-on-breach",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    // The breach notice first, then the failure to print, and the breach's status.
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(said.starts_with("this sweep found "), "{said}");
    let reminders = env.count("SELECT count(*) FROM events WHERE action = 'remind'");
    assert!(reminders > 0);
    assert!(
        said.contains(&format!("the sweep recorded {reminders} reminders"))
            && said.contains("sweep --all --dry-run")
            && said.contains(
                "but could not print them: the disk is full or the file reached its size limit."
            ),
        "{said}"
    );
}

/// The ids, in order, of a JSON listing's reports.
fn external_ids(listing: &Value) -> Vec<String> {
    array(listing)
        .iter()
        .map(|r| r["external_id"].as_str().unwrap().to_owned())
        .collect()
}

/// On a breach the mail (stderr of the cron sweep) said
/// only how many deadlines broke, the same for an urgent fire as for a pothole, and
/// `list --overdue` could not say which deadline it was. The mail now names each, urgent
/// first; the list carries the stage, whose clock, the deadline and whether a sweep has
/// reminded of it; the urgent call fits the stage.
#[test]
fn a_breach_mail_names_each_deadline_and_the_overdue_list_says_which_is_new() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 10:30");
    let (sun, urgent, later) = (
        env.id_of("SW-SUN"),
        env.id_of("SW-URGENT"),
        env.id_of("SW-LATER"),
    );
    // Before the sweep: all three are new since the last one.
    let before = env
        .run_as(RECEPTION, &["--format", "json", "list", "--overdue"])
        .success()
        .json();
    assert_eq!(external_ids(&before), ["SW-URGENT", "SW-SUN", "SW-LATER"]);
    let first = &array(&before)[0];
    assert_eq!(first["overdue_stage"], "dispatch");
    assert_eq!(first["overdue_agency"], Value::Null);
    assert_eq!(first["overdue_due_at"], "2026-10-05T09:00:00+07:00");
    assert_eq!(first["overdue_new"], true);
    assert_eq!(first["overdue_reminded_at"], Value::Null);
    // At 80 columns the screen keeps how late before whether a sweep reminded
    // (`the_overdue_list_at_80_columns_keeps_how_late_before_the_reminder`); 120 has both.
    with_columns(&env, 80, &["--as", RECEPTION, "list", "--overdue"])
        .stdout_has("Phân phối")
        .stdout_has("05/10/2026\u{a0}09:00")
        .stdout_has("1 giờ 30 phút");
    with_columns(&env, 120, &["--as", RECEPTION, "list", "--overdue"])
        .stdout_has("1 giờ 30 phút")
        .stdout_has("Chưa (mới)");
    // The urgent dispatch is the portal's to do now, not an agency leader's to be told.
    with_columns(
        &env,
        120,
        &["--as", RECEPTION, "sweep", "--all", "--dry-run"],
    )
    .stdout_has("KHẨN — phân phối ngay")
    .never_shows("báo lãnh đạo cơ quan");

    let mail = env.cron_sweep(RECEPTION, &["--quiet"]);
    mail.code(3);
    assert_eq!(mail.stdout, "");
    assert_eq!(
        mail.stderr,
        format!(
            "Lần quét này thấy 3 hạn mới bị quá (mã thoát 3):\n  \
             {urgent} (SW-URGENT) KHẨN: Phân phối, hạn 05/10/2026 09:00, Cổng\n  \
             {sun} (SW-SUN): Phân phối, hạn 05/10/2026 08:40, Cổng\n  \
             {later} (SW-LATER): Phân phối, hạn 05/10/2026 10:00, Cổng\n"
        )
    );
    // After it: reminded at the sweep's time, no longer new.
    let after = env
        .run_as(RECEPTION, &["--format", "json", "list", "--overdue"])
        .success()
        .json();
    for row in array(&after) {
        assert_eq!(row["overdue_reminded_at"], "2026-10-05T10:30:00+07:00");
        assert_eq!(row["overdue_new"], false);
    }

    // Dispatched, the urgent report's processing runs late at the agency: its leader is told,
    // and the mail names the agency by its code and name, as the table does (the bare code,
    // "cơ quan 32002", left the one on duty to look up which ward it was), in English too.
    assign_to_sxd(&env, urgent);
    // Assigned at 10:30: 30 minutes before lunch and 3 h 30 after, due 16:30.
    at(&mut env, "2026-10-05 17:00");
    with_columns(
        &env,
        120,
        &["--as", RECEPTION, "sweep", "--all", "--dry-run"],
    )
    .stdout_has("KHẨN — báo lãnh đạo cơ quan");
    let mail = env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--format",
            "csv",
            "sweep",
            "--no-headers",
            "--fail-on-breach",
            "--quiet",
        ],
    );
    mail.code(3);
    assert_eq!(
        mail.stderr,
        format!(
            "this sweep found 1 newly breached deadline (exit status 3):\n  \
             {urgent} (SW-URGENT) URGENT: Processing, due 2026-10-05 16:30, agency SXD \
             (Sở Xây dựng tỉnh Cà Mau)\n"
        )
    );
}

/// Classifies report `id` of `sweep_world` and assigns it to SXD, at the env's clock.
fn assign_to_sxd(env: &TestEnv, id: i64) {
    let id = id.to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
}

/// An urgent report assigned at 08:30 is due at its agency at 14:30, and the sweep
/// flagged it for the agency's leader only when it came due soon, at 14:00: five hours
/// after Đ7.2's "liên hệ ngay" (docs/rules.md §3: the sweep flags them at once). The first
/// sweep after the clock starts now records a reminder at once, writes the row to the file
/// cron appends to and says it on stderr, which cron mails even from a quiet job without
/// `--fail-on-breach`; the next run says nothing new, and the due-soon and overdue
/// reminders still come in their time.
#[test]
fn an_urgent_report_is_flagged_for_the_agency_leader_at_the_first_sweep() {
    let (mut env, _) = sweep_world();
    let urgent = env.id_of("SW-URGENT");
    assign_to_sxd(&env, urgent);
    // Assigned at 08:30: due 14:30.
    at(&mut env, "2026-10-05 08:32");
    with_columns(
        &env,
        200,
        &["--as", RECEPTION, "sweep", "--all", "--dry-run"],
    )
    .stdout_has("KHẨN — báo lãnh đạo cơ quan")
    .stdout_has("Báo ngay")
    .stdout_has("sẽ nhắc");
    let first = env.cron_sweep(RECEPTION, &["--quiet"]);
    first.success();
    assert_eq!(
        first.stderr,
        format!(
            "Lần quét này gắn cờ 1 thời hạn của phản ánh khẩn, cần làm ngay (Đ7.2):\n  \
             {urgent} (SW-URGENT) KHẨN: Xử lý, hạn 05/10/2026 14:30, cơ quan SXD \
             (Sở Xây dựng tỉnh Cà Mau) — báo lãnh đạo cơ quan\n"
        )
    );
    let reminder = |env: &TestEnv, threshold: &str| {
        env.count(&format!(
            "SELECT count(*) FROM events WHERE action = 'remind'
                AND json_extract(payload, '$.threshold') = '{threshold}'
                AND json_extract(payload, '$.stage') = 'process'"
        ))
    };
    assert_eq!(reminder(&env, "at_once"), 1);
    at(&mut env, "2026-10-05 08:38");
    let rows = env.cron_sweep(RECEPTION, &[]);
    rows.success();
    assert_eq!(rows.stdout, "", "nothing new six minutes later");
    assert_eq!(rows.stderr, "");
    let listed = env.json_as(
        RECEPTION,
        &["--format", "json", "sweep", "--all", "--dry-run"],
    );
    let flagged: Vec<&Value> = array(&listed)
        .iter()
        .filter(|row| row["report_id"] == urgent && row["stage"] == "process")
        .collect();
    assert_eq!(flagged.len(), 1, "{listed}");
    assert_eq!(flagged[0]["threshold"], "at_once");
    assert_eq!(flagged[0]["would_remind"], false);
    // Due soon at 14:00, overdue after 14:30: reminded at each, not flagged again.
    at(&mut env, "2026-10-05 14:05");
    let soon = env.run_as(RECEPTION, &["--format", "csv", "sweep", "--no-headers"]);
    soon.success();
    assert!(soon.stdout.contains(",due_soon,"), "{soon}");
    assert_eq!(soon.stderr, "");
    at(&mut env, "2026-10-05 14:35");
    env.cron_sweep(RECEPTION, &["--quiet"]).code(3);
    assert_eq!(
        (
            reminder(&env, "at_once"),
            reminder(&env, "due_soon"),
            reminder(&env, "overdue")
        ),
        (1, 1, 1)
    );
    env.run_as(ADMIN, &["audit", "verify", "--quiet"]).success();
}

/// The mark of a flag at once set with `sqlite3` on the clock of an urgent report just
/// assigned, naming another clock's reminder, would keep the first sweep from flagging it:
/// the leader never told, and nothing said so. The sweep judges that mark as it judges the
/// others: the log does not vouch for it, so the clock is flagged all the same and the
/// mark named (exit 5).
#[test]
fn a_flag_at_once_marked_with_sqlite3_does_not_keep_the_leader_from_being_told() {
    let (mut env, _) = sweep_world();
    // A reminder of another clock to point the mark at: the dispatch clocks due soon.
    env.cron_sweep(RECEPTION, &["--quiet"]).success();
    let other = env.count(
        "SELECT max(id) FROM events WHERE action = 'remind'
            AND json_extract(payload, '$.stage') = 'dispatch'",
    );
    assert!(other > 0);
    let urgent = env.id_of("SW-URGENT");
    assign_to_sxd(&env, urgent);
    env.writable()
        .execute(
            "UPDATE clocks SET reminded_at_once = ?1 WHERE report_id = ?2 AND stage = 'process'",
            [other, urgent],
        )
        .unwrap();
    at(&mut env, "2026-10-05 08:32");
    let run = env.cron_sweep(RECEPTION, &["--quiet"]);
    run.code(5);
    run.stderr_has("gắn cờ 1 thời hạn của phản ánh khẩn")
        .stderr_has(&format!(
            "(phản ánh {urgent}, báo ngay, dấu ghi sự kiện {other})"
        ));
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM clocks c JOIN events e ON e.id = c.reminded_at_once
              WHERE c.report_id = {urgent} AND c.stage = 'process'
                AND json_extract(e.payload, '$.replaced_mark') = {other}"
        )),
        1,
        "the new flag names the mark it replaced"
    );
}

/// A first sweep over a day's backlog names the first ten breaches and counts the rest,
/// with the command that lists them all.
#[test]
fn a_breach_mail_names_ten_deadlines_and_counts_the_rest() {
    let env = TestEnv::validated();
    let mail = env.cron_sweep(RECEPTION, &["--quiet"]);
    mail.code(3);
    let lines: Vec<&str> = mail.stderr.lines().collect();
    // The breaches, then the four urgent reports not yet due, flagged at once.
    assert_eq!(lines.len(), 17, "{mail}");
    assert!(
        lines[12].starts_with("Lần quét này gắn cờ 4 thời hạn của phản ánh khẩn")
            && lines[13..]
                .iter()
                .all(|l| l.contains(" KHẨN: Phân phối, hạn ")
                    && l.ends_with(", Cổng — phân phối ngay")),
        "{mail}"
    );
    assert!(lines[0].starts_with("Lần quét này thấy "), "{mail}");
    assert!(
        lines[1..11]
            .iter()
            .all(|l| l.contains(": Phân phối, hạn ") && l.ends_with(", Cổng")),
        "{mail}"
    );
    assert!(
        lines[11].ends_with("hạn khác: xem `phananh sweep --all --dry-run`."),
        "{mail}"
    );
}

/// A report SXD returned in time was listed among SXD's overdue
/// reports, to the desk and to SXD's handler, for the portal's late re-dispatch; and SXD's
/// own late return was missed once the report had gone to SCT, and charged to SCT instead.
/// Lateness is now charged to whoever held the late clock.
#[test]
fn overdue_is_charged_to_whoever_held_the_late_clock() {
    let (mut env, _) = sweep_world();
    let (urgent, later) = (
        env.id_of("SW-URGENT").to_string(),
        env.id_of("SW-LATER").to_string(),
    );
    at(&mut env, "2026-10-05 08:50");
    for id in [&urgent, &later] {
        env.run_as(RECEPTION, &["classify", id, "--field", "GT"])
            .success();
    }
    env.run_as(RECEPTION, &["assign", &urgent, "--agency", "SXD"])
        .success();
    // Returned within its window: from 09:00 the portal's re-dispatch runs, due 11:00.
    at(&mut env, "2026-10-05 09:00");
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            &urgent,
            "--reason",
            "Không thuộc thẩm quyền của Sở",
        ],
    )
    .success();
    env.run_as(RECEPTION, &["assign", &later, "--agency", "SXD"])
        .success();
    // Returned an hour after its window (10:00), then sent on to SCT.
    at(&mut env, "2026-10-05 11:00");
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            &later,
            "--reason",
            "Không thuộc thẩm quyền của Sở",
        ],
    )
    .success();
    at(&mut env, "2026-10-05 11:30");
    env.run_as(RECEPTION, &["assign", &later, "--agency", "SCT"])
        .success();
    at(&mut env, "2026-10-05 12:00");
    let list = |user: &str, args: &[&str]| {
        let mut all = vec!["--format", "json", "list", "--overdue"];
        all.extend_from_slice(args);
        external_ids(&env.run_as(user, &all).success().json())
    };
    let everything = env
        .run_as(RECEPTION, &["--format", "json", "list", "--overdue"])
        .success()
        .json();
    let returned = array(&everything)
        .iter()
        .find(|r| r["external_id"] == "SW-URGENT")
        .unwrap();
    assert_eq!(returned["overdue_stage"], "dispatch");
    assert_eq!(returned["overdue_round"], 2);
    assert_eq!(returned["overdue_agency"], Value::Null);
    assert!(list(RECEPTION, &["--agency", "SXD"]).is_empty());
    assert!(list(HANDLER_SXD, &[]).is_empty());
    // SXD's late return is SXD's, though the report is now SCT's.
    assert_eq!(
        list(RECEPTION, &["--ever", "--agency", "SXD"]),
        ["SW-LATER"]
    );
    assert!(list(RECEPTION, &["--ever", "--agency", "SCT"]).is_empty());
    let late = env
        .run_as(
            RECEPTION,
            &[
                "--format",
                "json",
                "list",
                "--overdue",
                "--ever",
                "--agency",
                "SXD",
            ],
        )
        .success()
        .json();
    assert_eq!(array(&late)[0]["overdue_stage"], "return");
    assert_eq!(array(&late)[0]["overdue_agency"], "SXD");
    assert_eq!(array(&late)[0]["overdue_open"], false);
    with_columns(
        &env,
        80,
        &[
            "--as",
            RECEPTION,
            "list",
            "--overdue",
            "--ever",
            "--agency",
            "SXD",
        ],
    )
    .stdout_has("Trễ hạn");
}

/// A handler replacing a reply awaiting the portal's check was told
/// to verify it, which a handler may not; then to ask the desk to send it back, with the
/// desk's command; now whom to ask, without a command only the desk may run.
#[test]
fn a_handler_correcting_a_reply_is_told_to_ask_the_desk_to_send_it_back() {
    let env = TestEnv::assigned_to_sxd();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Xong"])
        .success();
    for (lang, args, said) in [
        (
            "vi",
            &["reply", "5", "--text", "Đã vá ổ gà toàn tuyến"][..],
            "đang chờ Cổng duyệt; muốn sửa kết quả hay chuyển trả phản ánh, hãy liên hệ bộ phận tiếp nhận của Cổng để gửi lại phản ánh cho cơ quan.",
        ),
        (
            "en",
            &["return", "5", "--reason", "Đường do Phường quản lý"][..],
            "ask the portal's reception desk to send the report back to the agency",
        ),
    ] {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        env.run_as(HANDLER_SXD, &all)
            .code(1)
            .stderr_has(said)
            .never_shows("--approve`")
            .never_shows("phananh verify");
    }
    // The desk is still told to check it.
    env.run_as(RECEPTION, &["answer", "5", "--text", "Đã vá ổ gà"])
        .code(1)
        .stderr_has("hãy duyệt kết quả (`phananh verify 5 --approve` hoặc `phananh verify 5 --send-back --reason …`)");
}

/// `list --due` was ordered by agency, so an urgent report sat
/// wherever its agency fell; urgent reports are listed first everywhere (docs/rules.md §3).
#[test]
fn what_falls_due_lists_urgent_reports_first_whatever_their_agency() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:35");
    let urgent = env.id_of("SW-URGENT").to_string();
    env.run_as(RECEPTION, &["classify", &urgent, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &urgent, "--agency", "SXD"])
        .success();
    let rows = env
        .run_as(RECEPTION, &["--format", "json", "list", "--due", "today"])
        .success()
        .json();
    assert_eq!(external_ids(&rows), ["SW-URGENT", "SW-SUN", "SW-LATER"]);
    assert_eq!(array(&rows)[0]["agency"], "SXD");
}

/// `sweep --help`'s crontab line had no `--fail-on-breach`, so
/// cron set up from it never mailed a breach.
#[test]
fn the_crontab_line_of_sweep_help_mails_breaches() {
    let env = TestEnv::empty();
    for lang in ["vi", "en"] {
        let help = env.run(&["--lang", lang, "sweep", "--help"]);
        help.success();
        // The crontab line is whole on one line (it went on below, and
        // cron has no continuation line); the file it appends to is named above it.
        let lines: Vec<&str> = help.stdout.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("*/10 * * * *"))
            .unwrap_or_else(|| panic!("{help}"));
        let line = lines[at];
        assert!(line.contains("--fail-on-breach"), "{line}");
        assert!(line.trim_end().ends_with(">> $CSV"), "{line}");
        assert!(
            lines[..at].contains(&"  CSV=/var/log/phananh/sweep.csv"),
            "{help}"
        );
        help.stdout_has("MAILTO=");
    }
}

/// The field echoed once chosen carries no picker score
/// ("[2]" means nothing after the choice), and a queue every report of which was skipped is
/// said to go round again before its first skipped report comes back.
#[test]
fn triage_says_when_the_queue_goes_round_and_echoes_a_field_without_its_score() {
    let (mut env, _) = sweep_world();
    at(&mut env, "2026-10-05 08:50");
    let (urgent, sunday, later) = (
        env.id_of("SW-URGENT"),
        env.id_of("SW-SUN"),
        env.id_of("SW-LATER"),
    );
    let mut s = spawn_triage(&env);
    s.expect(&format!("Report {urgent}")).unwrap();
    s.expect("Dispatch").unwrap();
    s.send("\r").unwrap();
    s.expect("Field — suggestion pre-selected").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    // The echo is the only "Field: " (the open question reads "Field — …").
    let echoed = s.expect("Agency").unwrap();
    let echo = echoed
        .split("Field: ")
        .nth(1)
        .and_then(|rest| rest.split(['\r', '\n']).next())
        .unwrap_or_else(|| panic!("no echo of the field: {echoed:?}"));
    assert!(echo.contains(" — ") && !echo.contains('['), "{echo:?}");
    s.wait_for_key_reading().unwrap();
    s.send("\u{1b}").unwrap(); // back to the report's menu
    s.expect("Dispatch").unwrap();
    s.send("j\r").unwrap(); // skip each of the three
    for id in [sunday, later] {
        s.expect(&format!("Report {id}")).unwrap();
        s.expect("Dispatch").unwrap();
        s.send("j\r").unwrap();
    }
    let said = s.expect(&format!("Report {urgent}")).unwrap();
    assert!(
        said.contains("End of the queue; 3 skipped reports left, going round again"),
        "{said:?}"
    );
    s.expect("Dispatch").unwrap();
    s.send("j\r").unwrap();
    // Within the round, nothing more is said.
    let said = s.expect(&format!("Report {sunday}")).unwrap();
    assert!(!said.contains("End of the queue"), "{said:?}");
    s.expect("Dispatch").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
}

/// A link pasted into the citizen's text took the labels' room at 80
/// columns, breaking every label over two to four lines, and was cut all the same.
#[test]
fn a_link_in_the_text_leaves_show_s_labels_whole_at_80_columns() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-11-04 08:00");
    let record = serde_json::json!({
        "external_id": "L-3",
        "submitted_at": "2026-11-04T07:22:00+07:00",
        "occurred_at": "2026-11-04T07:00:00+07:00",
        "content": "Xem video tại https://www.facebook.com/groups/camaunews/permalink/1234567890123456789/?comment_id=98765432109876 đường bị ngập sâu",
        "media": ["https://x.vn/3.jpg"],
        "address": "Khóm 2",
        "commune": "Phường An Xuyên",
        "reporter_name": "Lê Văn Cư",
        "reporter_phone": "0912000005",
        "consent": true
    });
    env.ingest_validated("l3.jsonl", &record);
    for (lang, labels) in [
        (
            "vi",
            &[
                "Mã ứng dụng",
                "Trạng thái",
                "Điện thoại",
                "Đồng ý chia sẻ danh tính (Đ6.5)",
            ],
        ),
        (
            "en",
            &[
                "External id",
                "Status",
                "Phone",
                "Consents to share identity (Art. 6.5)",
            ],
        ),
    ] {
        let run = with_columns(
            &env,
            80,
            &["--lang", lang, "--as", RECEPTION, "show", "ext:L-3"],
        );
        fits(&run, 80);
        for label in labels {
            assert!(
                run.stdout
                    .lines()
                    .any(|l| l.starts_with(&format!("│ {label} "))),
                "{label:?} broken:\n{}",
                run.stdout
            );
        }
        assert!(
            run.stdout.contains("https://www.facebook.com/groups/"),
            "{}",
            run.stdout
        );
    }
}

/// `--format json` of `list` and `show` gave a script the citizen's bidi
/// overrides raw and ESC and BEL escaped, which any parser turns back into the bytes; table
/// and CSV drop them, and so does JSON now.
#[test]
fn json_carries_no_bidi_override_nor_terminal_control() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-11-04 08:00");
    let record = serde_json::json!({
        "external_id": "B-1",
        "submitted_at": "2026-11-04T07:20:00+07:00",
        "occurred_at": "2026-11-04T07:00:00+07:00",
        "content": "Đèn đường hỏng \u{202e}gnỏh\u{202c} ở khóm 3 \u{1b}[31mĐỎ\u{1b}[0m chuông\u{7}",
        "media": ["https://x.vn/1.jpg"],
        "address": "Khóm 3\u{9b}2J",
        "commune": "Phường An Xuyên",
        "reporter_name": "Lê Văn Tám",
        "reporter_phone": "0912345679",
        "consent": true
    });
    env.ingest_validated("bidi.jsonl", &record);
    let clean = "Đèn đường hỏng gnỏh ở khóm 3 [31mĐỎ[0m chuông";
    for user in [RECEPTION, LEADER] {
        for args in [
            vec!["--format", "json", "show", "ext:B-1"],
            vec!["--format", "json", "list", "--search", "chuông"],
        ] {
            let run = env.run_as(user, &args);
            run.success();
            for bad in [
                "\u{202e}", "\u{202c}", "\\u001b", "\\u0007", "\u{9b}", "\u{1b}",
            ] {
                assert!(
                    !run.stdout.contains(bad),
                    "{bad:?} in {args:?}:\n{}",
                    run.stdout
                );
            }
            let json = run.json();
            let report = if json.is_array() { &json[0] } else { &json };
            assert_eq!(report["content"], clean, "{args:?}");
        }
    }
}

/// `list` at 80 columns, the operator's first command of the day, drew
/// the status a word a line ("Trạng / thái", "Đang / xử lý") and left out the time and the
/// agency, because one rejected spam report written in Chinese (no spaces) counted as a
/// single word 64 columns wide. Such text wraps between any two of its characters: the
/// listing keeps its columns and its statuses on one line.
#[test]
fn a_report_in_chinese_does_not_squeeze_the_list_at_80_columns() {
    let env = played();
    let chinese: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE content LIKE '这条路上%' OR content LIKE '我家门口%'",
    );
    assert!(!chinese.is_empty());
    // The agency: at 80 columns the time goes first (see
    // `the_list_at_80_columns_keeps_the_field_and_the_agency_before_the_time`).
    for (lang, status, agency, whole) in [
        ("vi", "Trạng thái", "Cơ quan", "Đã công khai"),
        // Report 335, the one being handled, is a round the portal sent back.
        ("en", "Status", "Agency", "Being reworked"),
    ] {
        let list = with_columns(&env, 80, &["--lang", lang, "--as", ADMIN, "list"]);
        // Measured as the terminal draws it: the Khmer report's vowel signs take no column.
        for line in list.stdout.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{width} > 80: {line}\n{list}");
        }
        let header = list.stdout.lines().nth(1).unwrap_or_default();
        assert!(
            header.contains(status) && header.contains(agency),
            "{lang}: {header}\n{list}"
        );
        list.stdout_has(whole);
    }
}

/// `list` at 80 columns left out the field and the agency before the time a report was
/// sent: an operator scanning a mixed queue saw "Đang xử lý" with no word of what kind of
/// report it was or who held it, while the time took a quarter of the screen. At 80 the
/// time goes first (the list is in the order sent); at 100 it is back beside them.
#[test]
fn the_list_at_80_columns_keeps_the_field_and_the_agency_before_the_time() {
    let env = played();
    for (lang, keep, time) in [
        (
            "vi",
            ["Số", "Trạng thái", "Khẩn", "Lĩnh", "Cơ quan", "Nội dung"],
            "Gửi lúc",
        ),
        (
            "en",
            ["Id", "Status", "Urgent", "Field", "Agency", "Content"],
            "Submitted",
        ),
    ] {
        for columns in [80u16, 100] {
            let run = with_columns(&env, columns, &["--lang", lang, "--as", RECEPTION, "list"]);
            for line in run.stdout.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(
                    width <= columns.into(),
                    "{width} > {columns}: {line}\n{run}"
                );
            }
            let (header, body) = table_after(&run.stdout, keep[0]);
            for name in keep {
                assert!(
                    header[0].contains(name),
                    "{lang} {columns}: no {name:?}\n{run}"
                );
            }
            assert_eq!(header[0].contains(time), columns == 100, "{run}");
            // Report 335: a road sign, handled by SXD.
            let row = body
                .iter()
                .find(|l| l.starts_with("│ 335 "))
                .unwrap_or_else(|| panic!("no row 335:\n{run}"));
            assert!(
                row.contains(" GT ") && row.contains(" SXD "),
                "{row}\n{run}"
            );
        }
    }
}

/// `show` at 80 columns cut every photo's link ("https://camau-g.camau.
/// gov.vn/media/2026/0…") and sent the operator to `--format json` for it, though the desk
/// opens the photos to check a report (Đ6.2) or a result (Đ9.1). The links are written
/// whole under the table, one a line, in both languages; at 120 columns, where they fit
/// the table, nothing is added.
#[test]
fn show_at_80_columns_writes_the_media_links_whole() {
    let env = played();
    let shown = env.show("13");
    let media: Vec<&str> = array(&shown["media"])
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(!media.is_empty());
    for (lang, heading) in [("vi", "Hình ảnh/video"), ("en", "Media")] {
        let show = with_columns(&env, 80, &["--lang", lang, "--as", ADMIN, "show", "13"]);
        fits(&show, 80);
        let lines: Vec<&str> = show.stdout.lines().collect();
        let at = lines
            .iter()
            .position(|l| *l == heading)
            .unwrap_or_else(|| panic!("{lang}: no {heading:?} under the table\n{show}"));
        for (i, link) in media.iter().enumerate() {
            assert_eq!(lines[at + 1 + i], format!("  {link}"), "{show}");
        }
        let wide = with_columns(&env, 120, &["--lang", lang, "--as", ADMIN, "show", "13"]);
        assert!(!wide.stdout.lines().any(|l| l == heading), "{wide}");
    }
}

/// `show` at 80 columns printed the note "(Chữ quá dài … rút gọn … Xem đủ bằng --format
/// json …)" between the record and the links written whole under it: the links read as
/// cut off from the row they continue, and the note sent the operator to JSON for links
/// already whole on the screen. The links follow the record at once, and with every
/// shortened word written whole below, no note; a link too long for the screen keeps it,
/// under the links (`screens::a_shortened_link_in_show_says_where_it_is_whole`).
#[test]
fn show_at_80_columns_writes_the_links_right_under_the_record_and_no_needless_note() {
    let env = played();
    for (lang, heading, note) in [
        ("vi", "Hình ảnh/video", "rút gọn"),
        ("en", "Media", "shortened"),
    ] {
        let show = with_columns(&env, 80, &["--lang", lang, "--as", ADMIN, "show", "13"]);
        let lines: Vec<&str> = show.stdout.lines().collect();
        let end = lines
            .iter()
            .position(|l| l.starts_with('└'))
            .unwrap_or_else(|| panic!("no record:\n{show}"));
        assert_eq!(lines[end + 1], heading, "{show}");
        assert!(lines[end + 2].starts_with("  https://"), "{show}");
        show.never_shows(note);
    }
}

/// At 80 columns a sweep with an urgent row left out "Quá / còn", how late
/// each clock is, the one thing the desk weighs first: the urgent call ("KHẨN — phân phối
/// ngay", 21 columns; 24 in English) took its room. A narrow screen now writes the call's
/// first word in the row, every clock still on one line with its lateness, and says the
/// call once under the table with the reports it is for. At 120 columns the row keeps the
/// whole call (`a_breach_mail_names_each_deadline_and_the_overdue_list_says_which_is_new`).
/// Since a lateness of weeks is said to the minute ("quá 64 ngày 9 giờ 17 phút"), the
/// deadline column goes before it does, and the call may then fit in the row again: the
/// lateness stays on every line, and the call is said, in the row or under the table.
#[test]
fn an_urgent_sweep_at_80_columns_keeps_how_late_each_clock_is_on_its_line() {
    let env = TestEnv::validated();
    // Monday 05/10/2026 08:00: every accepted report's dispatch clock is past due, the
    // urgent ones (13, 23, …) first, with those of urgent reports not yet due (242, …),
    // flagged at once.
    for (lang, (over, left), urgent, call, column) in [
        (
            "vi",
            ("quá ", "còn "),
            "KHẨN",
            "KHẨN — phân phối ngay: phản ánh 13, 23, ",
            "Quá / còn",
        ),
        (
            "en",
            (" over", " left"),
            "URGENT",
            "URGENT — dispatch it now: reports 13, 23, ",
            "Over / left",
        ),
    ] {
        let run = env.at_columns(
            80,
            &[
                "--as",
                RECEPTION,
                "--lang",
                lang,
                "sweep",
                "--all",
                "--dry-run",
            ],
        );
        run.success();
        fits(&run, 80);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert!(lines[1].contains(column), "{run}");
        // The table's rows: one a clock, each with its lateness and nothing wrapped.
        let rows = table_body(lines.iter().copied());
        assert!(rows.len() > 20, "{run}");
        for row in &rows {
            let first = row.split('┆').next().unwrap_or_default();
            assert!(
                first.trim_start_matches('│').trim().parse::<u32>().is_ok(),
                "a row wrapped onto a second line: {row:?}\n{run}"
            );
            assert!(
                row.contains(over) || row.contains(left),
                "no lateness in {row:?}\n{run}"
            );
        }
        assert!(rows[0].contains(&format!("┆ {urgent} ")), "{run}");
        // The call, in the row, or once with the reports it is for under the table.
        let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        let whole = call.split(':').next().unwrap_or_default();
        assert!(
            rows[0].contains(&format!("┆ {whole} ┆")) || flat.contains(call),
            "{call:?} not said\n{run}"
        );
    }
}

/// Weeks after the demo, a sweep at 80 columns left out "Hạn", the deadline the operator
/// acts on, to keep a lateness said to the minute ("quá 80 ngày 2 giờ 46 phút", 26
/// columns). A narrow screen now says a lateness of days to the hour, rounded down, and
/// keeps the deadline, which says the minute; a wide one keeps the minutes. The urgent
/// rows of a queue a month late keep both too (their dispatch clocks count working hours,
/// said so in working days rounded down: "quá 63 ngày làm việc" for 506 working hours, no
/// longer the clock's "quá 91 ngày 16 giờ").
#[test]
fn a_sweep_weeks_late_at_80_columns_keeps_the_deadline_and_says_the_lateness_to_the_hour() {
    let mut env = played();
    env.set_now("2027-01-20T08:00:00+07:00");
    for (lang, due, deadline, late, to_the_minute) in [
        (
            "vi",
            "Hạn",
            "01/11/2026\u{a0}05:13",
            // Rounded down, and marked as at least that.
            "quá ≥80 ngày 2 giờ ",
            "quá 80 ngày 2 giờ 46 phút",
        ),
        (
            "en",
            "Due",
            "2026-11-01\u{a0}05:13",
            "≥80 d 2 h over ",
            "80 d 2 h 46 min over",
        ),
    ] {
        let args = ["--lang", lang, "--as", ADMIN, "sweep", "--all", "--dry-run"];
        let run = with_columns(&env, 80, &args);
        fits(&run, 80);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert!(lines[1].contains(&format!("┆ {due} ")), "{run}");
        let rows = table_body(lines.iter().copied());
        assert_eq!(rows.len(), 2, "{run}");
        assert!(
            rows[0].contains(deadline) && rows[0].contains(late),
            "{:?}\n{run}",
            rows[0]
        );
        // The deadline beside it says the minute: no line under the table for it.
        run.never_shows(to_the_minute);
        with_columns(&env, 200, &args).stdout_has(to_the_minute);
    }
    let mut env = TestEnv::validated();
    env.set_now("2026-11-05T08:00:00+07:00");
    let run = with_columns(
        &env,
        80,
        &["--as", RECEPTION, "sweep", "--all", "--dry-run"],
    );
    fits(&run, 80);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[1].contains("┆ Hạn "), "{run}");
    let rows = table_body(lines.iter().copied());
    assert!(
        rows[0].contains("┆ KHẨN ")
            && rows[0].contains("05/08/2026\u{a0}15:53")
            && rows[0].contains("quá ≥63 ngày làm việc "),
        "{run}"
    );
}

/// The rows of the table whose header row starts with `first` (the `│ ` cut off): its
/// header lines, then its body lines.
fn table_after<'a>(stdout: &'a str, first: &str) -> (Vec<&'a str>, Vec<&'a str>) {
    let lines: Vec<&str> = stdout.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(&format!("│ {first}")))
        .unwrap_or_else(|| panic!("no table headed {first:?}:\n{stdout}"));
    let header = lines[start..]
        .iter()
        .take_while(|l| !l.starts_with('╞'))
        .copied()
        .collect();
    let body = table_body(lines[start..].iter().copied());
    (header, body)
}

/// At 80 columns `show`'s clock table broke its "Cơ quan" header over two
/// lines ("Cơ / quan") when a running clock's state ("quá 18 giờ 40 phút") wanted the room:
/// a header of two short words over codes of five. The header stays on one line.
#[test]
fn show_s_clock_table_at_80_columns_keeps_its_agency_header_on_one_line() {
    let env = played();
    for (lang, first, agency) in [("vi", "Giai đoạn", "Cơ quan"), ("en", "Stage", "Agency")] {
        // Report 335: processing sent back, its second round running late.
        let run = with_columns(&env, 80, &["--lang", lang, "--as", ADMIN, "show", "335"]);
        fits(&run, 80);
        let (header, _) = table_after(&run.stdout, first);
        assert!(
            header[0].contains(&format!("┆ {agency} ")),
            "the header broke: {header:#?}\n{run}"
        );
    }
}

/// At 80 columns `list --overdue` (and `--ever`) left out "Quá hạn", how late each report
/// is, before "Nhắc quá hạn", whether a sweep reminded of it: the operator lost the one
/// figure the list is for. A narrow screen keeps the number, how late, the deadline, whose
/// clock (the portal as "(Cổng)", as the sweep names it), the stage and the urgency, and
/// leaves the reminder out, saying so under the table.
#[test]
fn the_overdue_list_at_80_columns_keeps_how_late_before_the_reminder() {
    let env = played();
    for (lang, late, due, urgent, reminder, portal) in [
        (
            "vi",
            "28 giờ 46 phút",
            "01/11/2026\u{a0}05:13",
            "KHẨN",
            "Nhắc quá hạn",
            "(Cổng)",
        ),
        (
            "en",
            "28 h 46 min",
            "2026-11-01\u{a0}05:13",
            "URGENT",
            "Reminded",
            "(portal)",
        ),
    ] {
        for ever in [false, true] {
            let mut args = vec!["--lang", lang, "--as", RECEPTION, "list", "--overdue"];
            if ever {
                args.push("--ever");
            }
            let run = with_columns(&env, 80, &args);
            fits(&run, 80);
            let row = |id: &str| -> String {
                run.stdout
                    .lines()
                    .find(|l| l.starts_with(&format!("│ {id} ")))
                    .unwrap_or_else(|| panic!("no row {id}:\n{run}"))
                    .to_owned()
            };
            let open = row("340");
            for cell in [late, due, portal] {
                assert!(open.contains(cell), "{cell:?} not in {open:?}\n{run}");
            }
            assert!(row("335").contains("SXD"), "{run}");
            if ever {
                // Report 13's return window ended 39 minutes late; it is urgent.
                let ended = row("13");
                assert!(ended.contains("39 ") && ended.contains(urgent), "{run}");
            }
            let note = run.stdout.replace('\n', " ");
            assert!(
                note.contains(reminder),
                "the note names no {reminder:?}:\n{run}"
            );
        }
    }
}

/// At 100 columns `list --overdue` left the report's text 12 columns wide ("Biển báo tải /
/// trọng ở đầu / cầu trên"), three words a line, beside whether a sweep had reminded of it;
/// once a sweep had, its reminder a time, the text was left out altogether. The reminder
/// (the sweep's business) gives way first: the text reads at least 20 columns wide, and how
/// late each report is stays. At 120 both are there.
#[test]
fn the_overdue_list_at_100_columns_gives_the_text_room_before_the_reminder() {
    let env = played();
    for swept in [false, true] {
        if swept {
            env.run_as(RECEPTION, &["sweep"]).success();
        }
        for (lang, late, reminded, content, over) in [
            ("vi", "Quá hạn", "Nhắc", "Nội dung", "18 giờ 40 phút"),
            ("en", "Over by", "Reminded", "Content", "18 h 40 min"),
        ] {
            for columns in [100u16, 120] {
                let args = ["--lang", lang, "--as", RECEPTION, "list", "--overdue"];
                let run = with_columns(&env, columns, &args);
                fits(&run, columns.into());
                let first = if lang == "vi" { "Số" } else { "Id" };
                let (header, body) = table_after(&run.stdout, first);
                let cells: Vec<&str> = header[0].split(['│', '┆']).collect();
                let text = cells
                    .iter()
                    .find(|c| c.trim() == content)
                    .unwrap_or_else(|| panic!("{lang} {columns} swept {swept}: no text\n{run}"));
                assert!(
                    text.chars().count() - 2 >= 20,
                    "{lang} {columns} swept {swept}: text {} wide\n{run}",
                    text.chars().count() - 2
                );
                assert!(header[0].contains(late), "{run}");
                assert!(body.iter().any(|l| l.contains(over)), "{run}");
                assert_eq!(header[0].contains(reminded), columns == 120, "{run}");
            }
        }
    }
}

/// `calendar show` at 80 columns shared the room between the reason and the source: each
/// day's reason ("nghỉ hằng tuần (Điều 111 Bộ luật Lao động 2019)") wrapped in 24 columns
/// beside a source of 22, which in English wrapped its research note over seven lines. The
/// reason, what the operator reads, gets the room; the source keeps one line, cut with "…"
/// (whole in CSV, JSON and a pipe, and on a screen wide enough for it).
#[test]
fn calendar_show_at_80_columns_gives_the_reason_the_room_and_cuts_the_source() {
    let env = played();
    for (lang, first, reason, source, cut, whole) in [
        (
            "vi",
            "Ngày",
            "Lý do",
            "Nguồn",
            "thanhnien.vn…",
            "thanhnien.vn; kienthuc.net.vn",
        ),
        (
            "en",
            "Date",
            "Reason",
            "Source",
            "VPCP dispatch…",
            "VPCP dispatch 12729/VPCP-KGVX",
        ),
    ] {
        let run = with_columns(
            &env,
            80,
            &["--lang", lang, "--as", ADMIN, "calendar", "show", "2026"],
        );
        fits(&run, 80);
        let (header, body) = table_after(&run.stdout, first);
        let width_of = |name: &str| column_width(&run, header[0], name);
        assert!(
            width_of(reason) >= 28,
            "{lang}: reason {} wide\n{run}",
            width_of(reason)
        );
        assert!(
            width_of(source) <= 16,
            "{lang}: source {} wide\n{run}",
            width_of(source)
        );
        // One line a source: a row's second line has nothing in it.
        for line in body.iter().filter(|l| l.starts_with("│            ┆")) {
            let last = line
                .trim_end_matches('│')
                .rsplit('┆')
                .next()
                .unwrap_or_default();
            assert!(last.trim().is_empty(), "{lang}: {line}\n{run}");
        }
        assert!(
            body.iter().any(|l| l.contains(cut)),
            "{lang}: no {cut:?}\n{run}"
        );
        // Piped, nothing is cut; in Vietnamese, 120 columns hold it whole.
        let args = ["--lang", lang, "--as", ADMIN, "calendar", "show", "2026"];
        env.run(&args).success().stdout_has(whole);
        if lang == "vi" {
            with_columns(&env, 120, &args).stdout_has(whole);
        }
    }
}

/// `calendar show` in English at 160 columns cut each source (the research's notes, a
/// sentence long) to 16 characters, beside a reason column 112 wide for its one long line
/// while most reasons are under 50. The reason keeps a line of a page, and the source takes
/// the rest of the room.
#[test]
fn calendar_show_in_english_at_160_columns_gives_the_source_the_room_the_reason_leaves() {
    let env = played();
    let run = with_columns(
        &env,
        160,
        &["--lang", "en", "--as", ADMIN, "calendar", "show", "2026"],
    );
    fits(&run, 160);
    let (header, body) = table_after(&run.stdout, "Date");
    let width_of = |name: &str| column_width(&run, header[0], name);
    assert!(
        width_of("Reason") >= 60,
        "reason {}\n{run}",
        width_of("Reason")
    );
    assert!(
        width_of("Source") >= 60,
        "source {}\n{run}",
        width_of("Source")
    );
    // Every column used: the table spans the screen.
    assert!(
        body.iter().any(|l| l.chars().count() == 160),
        "narrower than the screen:\n{run}"
    );
    assert!(
        body.iter()
            .any(|l| l.contains("┆ VPCP dispatch 12729/VPCP-KGVX (25/12/2025): off")),
        "{run}"
    );
}

/// At 100 columns `show`'s clock table kept when each clock started (mostly the stop of
/// the clock above) and left out the round, which tells a send-back's rework from the
/// first processing, and broke the running clock's "quá 18 giờ 40 phút" over two lines;
/// "Trễ" (yes or no, which the state says) went after the round. The round stays and each
/// clock reads on one line.
#[test]
fn show_s_clocks_at_100_columns_keep_the_round_and_each_clock_on_one_line() {
    let env = played();
    for (lang, first, round, late) in [
        ("vi", "Giai đoạn", "Lượt", "quá 18 giờ 40 phút"),
        ("en", "Stage", "Round", "18 h 40 min over"),
    ] {
        // Report 335: processing sent back, its second round running late.
        let run = with_columns(&env, 100, &["--lang", lang, "--as", ADMIN, "show", "335"]);
        fits(&run, 100);
        let (header, body) = table_after(&run.stdout, first);
        assert!(
            header[0].contains(&format!("┆ {round} ")),
            "no {round:?}: {header:#?}\n{run}"
        );
        assert!(
            body.iter().any(|l| l.contains(late)),
            "{late:?} is not on one line:\n{run}"
        );
    }
}

/// At 100 columns the sweep kept "Mức" (the threshold: "Quá hạn", which "quá 28 giờ 46
/// phút" beside it says) and left out "Nhắc lần này", whether this run reminded of the
/// clock, which nothing else on the screen says. The threshold goes first.
#[test]
fn the_sweep_at_100_columns_says_whether_it_reminded_before_the_threshold() {
    let env = played();
    for (lang, reminded, threshold) in [
        ("vi", "Nhắc lần này", "Mức"),
        ("en", "Reminded now", "Threshold"),
    ] {
        let run = with_columns(
            &env,
            100,
            &[
                "--lang",
                lang,
                "--as",
                RECEPTION,
                "sweep",
                "--all",
                "--dry-run",
            ],
        );
        fits(&run, 100);
        let header = run.stdout.lines().nth(1).unwrap_or_default();
        assert!(
            header.contains(reminded),
            "no {reminded:?}: {header}\n{run}"
        );
        assert!(!header.contains(threshold), "{header}\n{run}");
    }
}

/// At 80 columns `show`'s history gave "Hành động" all the room it wanted
/// (21 columns) and left "Sang", the status each step left the report in, 6: every status
/// broke over two or three lines ("Chờ / kiểm / duyệt") and report 13's twelve steps took
/// 35 lines. The two columns now share what is left: the statuses read on one line.
#[test]
fn show_s_history_at_80_columns_keeps_each_status_on_one_line() {
    let env = played();
    for (lang, first, statuses) in [
        (
            "vi",
            "Sự",
            &[
                "Chờ kiểm tra",
                "Chờ phân phối",
                "Đang xử lý",
                "Chờ duyệt",
                "Chờ công khai",
                "Đã công khai",
            ][..],
        ),
        // The English "Awaiting …" labels wrap in the 14 columns left, "Awaiting dispatch"
        // and "Awaiting review" as "Awaiting the check" (was "Received").
        ("en", "Event", &["Being handled", "Published"][..]),
    ] {
        let run = with_columns(&env, 80, &["--lang", lang, "--as", ADMIN, "show", "13"]);
        fits(&run, 80);
        let (_, body) = table_after(&run.stdout, first);
        for status in statuses {
            assert!(
                body.iter().any(|l| l.contains(&format!("┆ {status} "))),
                "{status:?} is not on one line:\n{run}"
            );
        }
        // Twelve steps, none on more than two lines.
        assert!(body.len() <= 24, "{} lines:\n{run}", body.len());
    }
}

/// A step's sentence says what it recorded beside the status: `assign --auto` chose the
/// agency from the routes, so the operator must read which one got the report, and
/// `--urgent` is part of what was recorded; `mark --state-secret` keeps the status, and
/// "Chờ phân phối → Chờ phân phối" said nothing of the mark.
#[test]
fn a_step_line_names_the_agency_it_assigned_and_the_mark_it_recorded() {
    let env = TestEnv::validated();
    env.run_as(ADMIN, &["route", "add", "--field", "GT", "--agency", "SXD"])
        .success();
    for id in ["5", "6"] {
        env.run_as(RECEPTION, &["classify", id, "--field", "GT"])
            .success();
    }
    env.run_as(RECEPTION, &["assign", "5", "--auto"])
        .success()
        .stdout_has("Chờ phân phối → Đang xử lý (giao SXD) [sự kiện");
    env.run_as(
        RECEPTION,
        &[
            "--lang", "en", "assign", "6", "--agency", "pccm", "--urgent",
        ],
    )
    .success()
    .stdout_has("Awaiting dispatch → Being handled (assigned to PCCM, urgent) [event");
    let accepted: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 1");
    let id = accepted[0].to_string();
    env.run_as(RECEPTION, &["mark", &id, "--state-secret"])
        .success()
        .stdout_has("đã ghi bí mật nhà nước (khoản 3 Điều 9), vẫn Chờ phân phối [sự kiện");
    // A merge names the report it follows from now on.
    let accepted: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 2");
    let (copy, original) = (accepted[1].to_string(), accepted[0].to_string());
    env.run_as(RECEPTION, &["duplicate", &copy, "--of", &original])
        .success()
        .stdout_has(&format!(
            "Chờ phân phối → Trùng lặp (trùng với phản ánh {original}) [sự kiện"
        ));
}

/// `classify --suggest` without `--apply` records nothing, and its table's "Đã áp dụng:
/// không" on every row did not say why: the operator is told that these are suggestions
/// only, how many `--apply` would record, and what to do with the others.
#[test]
fn suggestions_without_apply_say_nothing_was_recorded_and_how_to_record_them() {
    let env = TestEnv::validated();
    let before = env.count("SELECT count(*) FROM reports WHERE field IS NOT NULL");
    let dry = env.run_as(RECEPTION, &["--format", "json", "classify", "--suggest"]);
    dry.success();
    let rows = dry.json();
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().all(|r| r["applied"] == false));
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE field IS NOT NULL"),
        before
    );
    let applied = env.run_as(RECEPTION, &["classify", "--suggest", "--apply"]);
    applied.success();
    let clear = env.count("SELECT count(*) FROM reports WHERE field IS NOT NULL") - before;
    assert!(clear > 0 && (clear as usize) < rows.len());
    // The same reports again, on a copy where nothing was applied yet.
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "--suggest"])
        .success()
        .stderr_has(&format!(
            "Chỉ là gợi ý, chưa ghi lĩnh vực nào. Thêm --apply để ghi {clear} gợi ý rõ ràng;"
        ))
        .stderr_has("`phananh triage`");
    env.run_as(RECEPTION, &["--lang", "en", "classify", "--suggest"])
        .success()
        .stderr_has(&format!(
            "suggestions only, no field was recorded; add --apply to record the {clear} clear ones;"
        ));
    // Nothing said when they were applied: the count of what was done says it.
    applied.never_shows("Chỉ là gợi ý");
}

/// The desk reads statuses as their labels ("Chờ phân phối") and `--status` took only their
/// names (`accepted`): a label typed as the screen shows it ("Đang xử lý", or "dang xu ly"
/// on a keyboard without marks) was refused with the name to type. Each label is taken, in
/// either language, case and marks ignored; the help and the refusal of a wrong value give
/// each name with its label.
#[test]
fn a_status_typed_as_the_desk_reads_it_is_taken() {
    let env = TestEnv::validated();
    // The help is wrapped to the width: read as words.
    let help = |args: &[&str]| {
        let run = env.run_as(RECEPTION, args);
        run.success();
        run.stdout.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for flag in ["-h", "--help"] {
        let text = help(&["list", flag]);
        assert!(text.contains("accepted (Chờ phân phối)"), "{text}");
        assert!(
            text.contains("closed_private (Đã phản hồi riêng)"),
            "{text}"
        );
    }
    let text = help(&["--lang", "en", "list", "--help"]);
    assert!(text.contains("accepted (Awaiting dispatch)"), "{text}");
    env.run_as(RECEPTION, &["list", "--status", "cho"])
        .code(2)
        .stderr_has("assigned (Đang xử lý), returned (Đã chuyển trả, chờ phân phối lại)");
    env.run_as(RECEPTION, &["--lang", "en", "list", "--status", "cho"])
        .code(2)
        .stderr_has("assigned (Being handled), returned (Returned, awaiting re-dispatch)");
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    // One result awaiting the portal's check, for the label it is shown by and the one
    // it was shown by before ("Chờ kiểm duyệt", the word for censorship).
    let replied = env.column::<i64>(
        "SELECT id FROM reports WHERE status = 'accepted' AND id <> 5 ORDER BY id LIMIT 1",
    )[0]
    .to_string();
    env.run_as(RECEPTION, &["classify", &replied, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &replied, "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &["reply", &replied, "--text", "Đã vá mặt đường."],
    )
    .success();
    let listed = |status: &str| -> Vec<Value> {
        let run = env.run_as(RECEPTION, &["--format", "json", "list", "--status", status]);
        array(&run.success().json()).clone()
    };
    for (typed, meant) in [
        ("Chờ phân phối", "accepted"),
        ("cho phan phoi", "accepted"),
        ("CHỜ PHÂN PHỐI", "accepted"),
        ("Đang xử lý", "assigned"),
        ("dang xu ly", "assigned"),
        ("Being handled", "assigned"),
        ("Đã chuyển trả, chờ phân phối lại", "returned"),
        ("da chuyen tra", "returned"),
        // The label it was shown by before, and its part, still read as they did.
        ("Trả lại, chờ phân phối lại", "returned"),
        ("tra lai", "returned"),
        ("Chờ kiểm tra,dang xu ly", "received,assigned"),
        ("cho kiem tra,dang xu ly", "received,assigned"),
        ("Awaiting the check,Being handled", "received,assigned"),
        // The label it was shown by before still reads as it did.
        ("Mới tiếp nhận,dang xu ly", "received,assigned"),
        ("Chờ duyệt", "replied"),
        ("cho duyet", "replied"),
        ("Chờ kiểm duyệt", "replied"),
    ] {
        let rows = listed(typed);
        assert_eq!(rows, listed(meant), "{typed}");
        assert!(
            meant.starts_with("returned") || !rows.is_empty(),
            "{typed}: nothing listed"
        );
    }
    // Decomposed marks (as some keyboards send them) read as the composed ones.
    assert_eq!(
        listed("Đang xu\u{31b}\u{309} ly\u{301}"),
        listed("assigned")
    );
    // The label the comma splits is one status, named once, as typed, where nothing
    // matches.
    env.run_as(
        RECEPTION,
        &["list", "--status", "Trả lại, chờ phân phối lại"],
    )
    .success()
    .stdout_has("khớp bộ lọc: --status \"Trả lại, chờ phân phối lại\". ");
    // Part of a label is no label: refused, with the statuses to choose from.
    env.run_as(RECEPTION, &["list", "--status", "chờ"])
        .code(2)
        .stderr_has("accepted (Chờ phân phối)");
}

/// An empty `list` said "Chưa có phản ánh nào. Nạp phản ánh bằng `phananh ingest TỆP`."
/// to a handler whose agency has nothing yet (a handler may not ingest, and the database
/// holds hundreds of reports), and to `--limit 0`, which asks for no row: the handler is
/// told nothing is assigned to the agency, and `--limit` takes a count from 1.
#[test]
fn an_empty_list_says_why_it_is_empty_to_a_handler_and_limit_counts_from_one() {
    let env = TestEnv::validated();
    env.run_as(HANDLER_SXD, &["list"])
        .success()
        .stdout_has("Chưa có phản ánh nào giao cho cơ quan SXD.")
        .never_shows("ingest");
    env.run_as(HANDLER_SXD, &["--lang", "en", "list"])
        .success()
        .stdout_has("No report is assigned to agency SXD yet.")
        .never_shows("ingest");
    // With a filter, the filter is named as for anyone.
    env.run_as(HANDLER_SXD, &["list", "--urgent"])
        .success()
        .stdout_has("Không có phản ánh nào khớp bộ lọc: --urgent.");
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["list", "--limit", "0"])
        .code(2)
        .stderr_has("--limit")
        .never_shows("Chưa có phản ánh nào");
    env.assert_unchanged(&before);
    env.run_as(RECEPTION, &["--format", "json", "list", "--limit", "1"])
        .success();
}

/// A step the workflow does not allow from where the report stands is refused in one
/// sentence that names the status and the next step, and ends as every other Vietnamese
/// message of the desk does, with a full stop (English messages end without one).
#[test]
fn a_step_refused_by_the_status_ends_as_a_sentence() {
    let env = TestEnv::assigned_to_sxd();
    let run = env.run_as(RECEPTION, &["publish", "5"]);
    run.failure().one_line_error();
    assert!(
        run.stderr.ends_with(
            "cơ quan được giao đang xử lý: chờ cơ quan trả lời hoặc chuyển trả (xem hạn bằng `phananh show 5`).\n"
        ),
        "{}",
        run.stderr
    );
    let run = env.run_as(RECEPTION, &["--lang", "en", "publish", "5"]);
    run.failure();
    assert!(
        run.stderr.ends_with("`phananh show 5`)\n"),
        "{}",
        run.stderr
    );
    let rejected: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'rejected' ORDER BY id LIMIT 1");
    let run = env.run_as(
        RECEPTION,
        &["assign", &rejected[0].to_string(), "--agency", "SXD"],
    );
    run.failure();
    assert!(
        run.stderr
            .ends_with("phản ánh đã bị từ chối tiếp nhận và đã kết thúc.\n"),
        "{}",
        run.stderr
    );
}

/// The app's id is what the sweep's mail, the ingest warnings and the citizen's phone call
/// give the desk: typed bare (`show CMG-2026-000105`) or in another case
/// (`ext:cmg-2026-000105`), it was refused as "not a report number" or "not found" with
/// no hint that it names report 5. The refusal names the report and what to type; it
/// still acts on nothing, since ids compare exactly (docs/rules.md §6).
#[test]
fn an_app_id_typed_bare_or_in_another_case_is_answered_with_the_report_it_names() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["show", "CMG-2026-000105"])
        .code(1)
        .one_line_error()
        .stderr_has(
            "“CMG-2026-000105” là mã ứng dụng của phản ánh 5; hãy ghi 5 hoặc ext:CMG-2026-000105.",
        );
    env.run_as(RECEPTION, &["--lang", "en", "show", "cmg-2026-000105"])
        .code(1)
        .stderr_has("\"cmg-2026-000105\" is the app id of report 5; type 5 or ext:CMG-2026-000105");
    env.run_as(RECEPTION, &["show", "ext:cmg‐2026‐000105"])
        .code(1)
        .one_line_error()
        .stderr_has("Không tìm thấy phản ánh ext:cmg‐2026‐000105; mã gần giống: ext:CMG-2026-000105 (phản ánh 5).");
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["classify", "CMG-2026-000105", "--field", "GT"])
        .code(1)
        .stderr_has("phản ánh 5");
    env.assert_unchanged(&before);
    // Nothing near: the refusals as before.
    env.run_as(RECEPTION, &["show", "ext:NOPE-1"])
        .code(1)
        .stderr_has("Không tìm thấy phản ánh ext:NOPE-1; xem `phananh list`.");
    env.run_as(RECEPTION, &["show", "abc"])
        .code(1)
        .stderr_has("“abc” không phải số phản ánh;");
}

/// A citizen on the phone reads the end of the app id off the receipt ("000105" of
/// CMG-2026-000105, report 5): typed bare it was report 105 (CMG-2026-000266), shown and
/// assigned without a word. A number with leading zeros that some app id ends with names
/// both readings and acts on neither; `ext:` with such an end names the one report.
#[test]
fn the_end_of_an_app_id_typed_as_a_number_is_refused_naming_both_reports() {
    let env = TestEnv::validated();
    assert_eq!(env.id_of("CMG-2026-000105"), 5);
    assert_eq!(env.id_of("CMG-2026-000266"), 105);
    env.run_as(RECEPTION, &["show", "000105"])
        .code(1)
        .one_line_error()
        .stderr_has(
            "“000105” có số 0 ở đầu: nếu là phần cuối mã ứng dụng thì đó là phản ánh 5 \
             (ext:CMG-2026-000105); nếu là số phản ánh thì ghi 105.",
        );
    env.run_as(RECEPTION, &["--lang", "en", "show", "000105"])
        .code(1)
        .stderr_has(
            "\"000105\" has leading zeros: as the end of an app id, it is report 5 \
             (ext:CMG-2026-000105); as a report number, type 105",
        );
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["assign", "000105", "--agency", "SXD"])
        .code(1)
        .stderr_has("phản ánh 5 (ext:CMG-2026-000105); nếu là số phản ánh thì ghi 105.");
    env.assert_unchanged(&before);
    // Typed with `ext:`, or bare with its year, the end names the report as a near match.
    env.run_as(RECEPTION, &["show", "ext:000105"])
        .code(1)
        .one_line_error()
        .stderr_has(
            "Không tìm thấy phản ánh ext:000105; mã gần giống: ext:CMG-2026-000105 (phản ánh 5).",
        );
    env.run_as(RECEPTION, &["show", "2026-000105"])
        .code(1)
        .stderr_has("“2026-000105” là phần cuối mã ứng dụng của phản ánh 5 (ext:CMG-2026-000105);");
    // An end several app ids share names no single near match.
    env.run_as(RECEPTION, &["show", "ext:05"])
        .code(1)
        .stderr_has("Không tìm thấy phản ánh ext:05; xem `phananh list`.");
    // Leading zeros no app id ends with: the number they say.
    assert_eq!(env.show("00003")["id"], 3);
    assert_eq!(env.show("105")["id"], 105);
}

/// `list --search` looked in the content, address and commune only: the app id the citizen
/// reads out, whole or its end, in any case or kind of dash, found nothing.
#[test]
fn list_search_finds_a_report_by_any_part_of_its_app_id() {
    let env = TestEnv::validated();
    for typed in ["000105", "CMG-2026-000105", "cmg‐2026‐000105", " 6-000105"] {
        let rows = env.json_as(RECEPTION, &["list", "--search", typed]);
        let ids: Vec<&Value> = array(&rows).iter().map(|r| &r["id"]).collect();
        assert_eq!(ids, [&Value::from(5)], "list --search {typed:?}");
    }
    // The texts are still searched.
    let rows = env.json_as(RECEPTION, &["list", "--search", "tan thanh"]);
    assert!(array(&rows).len() > 1);
}

/// `list --limit 250` showed 200 rows, silently: the table's cap overrode the option typed,
/// and the line under a cut table and `validate`'s tally of accepted reports pointed only
/// to CSV and JSON, which the desk does not read. An explicit `--limit` is the table's; the
/// cap stays the default, and its line names the `--limit` that shows every row; the
/// tally names the table of the accepted queue.
#[test]
fn an_explicit_limit_is_the_tables_and_the_lines_under_it_name_a_table() {
    let env = TestEnv::ingested();
    let run = env.at_columns(80, &["--as", RECEPTION, "validate"]);
    let out = run.success().stdout.replace('\n', " ");
    assert!(
        out.contains(
            "Tiếp nhận: 306 phản ánh (không liệt kê ở đây; danh sách chờ phân phối: \
             `phananh list --status accepted`)."
        ),
        "{out}"
    );
    // The rows of a table: a report's number in one of its first two cells.
    let numbered = |out: &str| {
        out.lines()
            .filter(|l| {
                l.split(['│', '┆'])
                    .take(3)
                    .any(|cell| cell.trim().parse::<u32>().is_ok())
            })
            .count()
    };
    let run = env.at_columns(80, &["--as", RECEPTION, "list", "--limit", "250"]);
    let out = &run.success().stdout;
    assert_eq!(numbered(out), 250, "{out}");
    assert!(!out.contains("dòng khác"), "{out}");
    let run = env.at_columns(80, &["--as", RECEPTION, "list"]);
    let out = &run.success().stdout;
    assert_eq!(numbered(out), 200, "{out}");
    assert!(
        out.replace('\n', " ").contains(
            "… và 140 dòng khác: xem hết ở đây bằng `--limit 340`, hoặc bằng --format csv hoặc json."
        ),
        "{out}"
    );
    let run = env.at_columns(80, &["--lang", "en", "--as", RECEPTION, "list"]);
    assert!(
        run.success().stdout.replace('\n', " ").contains(
            "… and 140 more: `--limit 340` shows them all here, as --format csv or json does."
        ),
        "{run}"
    );
    let run = env.at_columns(
        80,
        &[
            "--lang",
            "en",
            "--as",
            RECEPTION,
            "list",
            "--due",
            "2026-12-31",
            "--limit",
            "210",
        ],
    );
    let out = &run.success().stdout;
    assert!(numbered(out) > 200, "{out}");
}

/// At 80 columns `list --search "tan thanh"` left out the app id, the time, the commune
/// and the reporter and kept a wide excerpt: an operator with a caller on the phone could
/// not tell which hit was in the caller's commune. A search keeps the commune and the app
/// id whole and shortens the excerpt; the note under it says how to see every column in
/// words she knows, not an environment variable.
#[test]
fn a_search_at_80_columns_keeps_the_commune_and_the_app_id() {
    let env = TestEnv::validated();
    let run = env.at_columns(80, &["--as", RECEPTION, "list", "--search", "tan thanh"]);
    let out = &run.success().stdout;
    let header = out.lines().nth(1).expect("a header line");
    for column in ["Số", "Mã ứng dụng", "Trạng thái", "Xã/phường", "Nội dung"] {
        assert!(header.contains(column), "{column} in {header}\n{out}");
    }
    let row = out
        .lines()
        .find(|l| l.contains("CMG-2026-000115"))
        .unwrap_or_else(|| panic!("report 11's app id on a line\n{out}"));
    assert!(row.contains("Phường Tân Thành"), "{row}\n{out}");
    assert!(
        out.lines().all(|l| l.chars().count() <= 80),
        "a line wider than 80\n{out}"
    );
    let note = out.replace('\n', " ");
    assert!(
        note.contains(
            "(Màn hình hẹp: ẩn cột Gửi lúc, Khẩn, Người phản ánh. Mở rộng cửa sổ dòng lệnh \
             để xem đủ cột, hoặc xem bằng --format json.)"
        ),
        "{out}"
    );
    let english = env.at_columns(
        80,
        &[
            "--lang",
            "en",
            "--as",
            RECEPTION,
            "list",
            "--search",
            "tan thanh",
        ],
    );
    let english = english.success().stdout.replace('\n', " ");
    assert!(english.contains("Commune"), "{english}");
    assert!(
        english.contains("Widen the terminal window to see every column, or use --format json.)"),
        "{english}"
    );
}

/// An English reader takes 01/09/2026 for January 9: every English table and message
/// writes a day year first (`2026-09-01`), and the calendar's did not (`calendar deadline`,
/// the desk's tool to explain a deadline, `calendar show`, the note on days off derived
/// by rule). Vietnamese keeps dd/mm/yyyy.
#[test]
fn english_writes_the_calendars_days_year_first() {
    let env = TestEnv::seeded();
    let deadline = |lang: &str, start: &str| {
        let run = env.run_as(
            RECEPTION,
            &[
                "--lang", lang, "calendar", "deadline", "--stage", "dispatch", "--start", start,
            ],
        );
        run.success();
        format!("{}{}", run.stdout, run.stderr)
    };
    // National Day: 31 August (swapped), 1 and 2 September 2026 are days off.
    let en = deadline("en", "2026-08-28T16:00:00+07:00");
    assert!(
        en.contains("2026-09-01") && !en.contains("01/09/2026"),
        "{en}"
    );
    let vi = deadline("vi", "2026-08-28T16:00:00+07:00");
    assert!(vi.contains("01/09/2026"), "{vi}");
    // Tết 2027 has no announced schedule: the note names the days derived by rule.
    let en = deadline("en", "2027-02-04T16:00:00+07:00");
    assert!(en.contains("2027-02-05–2027-02-11"), "{en}");
    assert!(!en.contains("05/02/2027"), "{en}");
    let vi = deadline("vi", "2027-02-04T16:00:00+07:00");
    assert!(vi.contains("05/02/2027–11/02/2027"), "{vi}");
    let run = env.run_as(ADMIN, &["--lang", "en", "calendar", "show", "2026"]);
    run.success()
        .stdout_has("2026-09-02")
        .never_shows("02/09/2026");
}

/// A refused step tells the desk its next step as a command to type, as the routing's
/// refusals do: "hãy duyệt kết quả (`--approve` hoặc `--send-back`)" left the operator to
/// recall that these are `verify`'s, and "(`classify`) rồi phân phối" named neither the
/// report nor how to dispatch it.
#[test]
fn a_refused_step_advises_whole_commands_for_the_report() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["publish", "5"])
        .code(1)
        .stderr_has(
            "hãy phân loại lĩnh vực (`phananh classify 5 --field MÃ`) rồi phân phối (`phananh assign 5 --auto`), hoặc trả lời trực tiếp (`phananh answer 5 --text …`).",
        );
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["--lang", "en", "publish", "5"])
        .code(1)
        .stderr_has(
            "assign it (`phananh assign 5 --auto`) or answer it (`phananh answer 5 --text …`)",
        );
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà"])
        .success();
    env.run_as(RECEPTION, &["answer", "5", "--text", "Đã vá ổ gà"])
        .code(1)
        .stderr_has(
            "hãy duyệt kết quả (`phananh verify 5 --approve` hoặc `phananh verify 5 --send-back --reason …`).",
        );
    env.run_as(RECEPTION, &["--lang", "en", "publish", "5"])
        .code(1)
        .stderr_has(
            "verify it (`phananh verify 5 --approve` or `phananh verify 5 --send-back --reason …`)",
        );
    env.run_as(RECEPTION, &["verify", "5", "--approve"])
        .success();
    env.run_as(RECEPTION, &["--lang", "en", "rate", "5", "--score", "4"])
        .code(1)
        .stderr_has("publish it (`phananh publish 5`)");
}

/// `list --due` takes "hôm nay" and a day written DD/MM/YYYY, as the desk writes it; the
/// Vietnamese help said "(today = hôm nay, hoặc YYYY-MM-DD)", teaching the English word
/// and the year-first form only.
#[test]
fn the_vietnamese_help_of_due_teaches_the_days_the_desk_types() {
    let env = TestEnv::validated();
    let run = env.run_as(RECEPTION, &["list", "--help"]);
    run.success();
    let text = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    let due = text
        .split("--due <NGÀY>")
        .nth(1)
        .and_then(|rest| rest.split(" --").next())
        .unwrap_or_default();
    assert!(due.contains("\"hôm nay\""), "{due}");
    assert!(due.contains("DD/MM/YYYY"), "{due}");
    assert!(!due.contains("today"), "{due}");
    // What it teaches is taken.
    for day in ["hôm nay", "05/10/2026"] {
        env.run_as(RECEPTION, &["list", "--due", day]).success();
    }
}

/// `calendar deadline --start` takes a moment written as the desk writes it (06/11/2026
/// 16:30), and its help named RFC 3339 and "YYYY-MM-DD HH:MM" only.
#[test]
fn the_help_of_a_deadlines_start_teaches_the_day_first_form_it_takes() {
    let env = TestEnv::seeded();
    for (lang, form) in [
        ("vi", "\"DD/MM/YYYY HH:MM\""),
        ("en", "\"DD/MM/YYYY HH:MM\""),
    ] {
        let run = env.run(&["--lang", lang, "calendar", "deadline", "--help"]);
        run.success();
        let text = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        let start = text.split("--start <").nth(2).unwrap_or_default();
        let start = start.split(" --").next().unwrap_or_default();
        assert!(start.contains(form), "{lang}: {start}");
    }
    let day_first = env.run(&[
        "calendar",
        "deadline",
        "--stage",
        "dispatch",
        "--start",
        "06/11/2026 16:30",
    ]);
    let year_first = env.run(&[
        "calendar",
        "deadline",
        "--stage",
        "dispatch",
        "--start",
        "2026-11-06 16:30",
    ]);
    assert_eq!(day_first.success().stdout, year_first.success().stdout);
    // A moment mistyped is answered with the forms the help names, day first too.
    env.run(&[
        "calendar",
        "deadline",
        "--stage",
        "dispatch",
        "--start",
        "6g30 sáng nay",
    ])
    .code(2)
    .stderr_has(
        "dùng `\"06/11/2026 16:30\"`, `\"2026-11-06 16:30\"` hoặc `2026-11-06T16:30:00+07:00`.",
    );
}

/// How many characters wide the column headed `name` is, read from the table's header line.
fn column_width(run: &Run, header: &str, name: &str) -> usize {
    header
        .split(['│', '┆'])
        .find(|c| c.trim() == name)
        .map(|c| c.chars().count() - 2)
        .unwrap_or_else(|| panic!("no {name:?}\n{run}"))
}

/// `calendar show` without a year shows this year's, by the tool's clock in Vietnam's time
/// (on 31 December at 20:00 UTC it is already 1 January there): at the desk "show me the
/// calendar" was a usage error asking for <NĂM>. A year typed is shown as before.
#[test]
fn calendar_show_without_a_year_shows_this_years() {
    let mut env = TestEnv::seeded();
    for (now, year) in [
        ("2026-06-15T09:00:00+07:00", "2026"),
        ("2026-12-31T20:00:00Z", "2027"),
    ] {
        env.set_now(now);
        let shown = env.run_as(ADMIN, &["calendar", "show"]);
        let typed = env.run_as(ADMIN, &["calendar", "show", year]);
        shown.success();
        typed.success();
        assert_eq!(shown.stdout, typed.stdout, "{now}");
        assert_eq!(shown.stderr, typed.stderr, "{now}");
        assert!(shown.stderr.starts_with(&format!("Năm {year}:")), "{shown}");
        assert!(shown.stdout.contains(&format!("01/01/{year}")), "{shown}");
    }
}

/// The guide tells an agency to link its after-work photos in the result; `show` at 80
/// columns cut that link to "https://anxuyen.camau.gov.vn/anh/2026/…", so neither the
/// officer nor the desk approving it could check the link to be published (Đ9.1). The
/// result's links too long for the table are written whole under the record, after the
/// report's own photos, under the row's name; no note sends the operator to JSON.
#[test]
fn show_at_80_columns_writes_the_links_of_the_result_whole_under_the_record() {
    let env = TestEnv::assigned_to_sxd();
    let link = "https://anxuyen.camau.gov.vn/anh/2026/11/via-he-ta-uyen-khom-3-sau-xu-ly.jpg";
    env.write_file(
        "traloi.txt",
        &format!("Phường đã dọn vỉa hè.\n   - Ảnh sau xử lý: {link}\n"),
    );
    env.run_as(HANDLER_SXD, &["reply", "5", "--text-file", "traloi.txt"])
        .success();
    let show = env.at_columns(80, &["--as", HANDLER_SXD, "show", "5"]);
    let lines: Vec<&str> = show.success().stdout.lines().collect();
    let end = lines
        .iter()
        .position(|l| l.starts_with('└'))
        .unwrap_or_else(|| panic!("no record:\n{show}"));
    let heading = lines[end + 1..]
        .iter()
        .position(|l| *l == "Kết quả xử lý")
        .unwrap_or_else(|| panic!("no links of the result under the record:\n{show}"));
    assert_eq!(lines[end + 2 + heading], format!("  {link}"), "{show}");
    show.never_shows("rút gọn");
}
