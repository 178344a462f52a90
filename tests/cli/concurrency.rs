//! Writers never give up (issue 18, point 3): bulk and cron writers on one database queue
//! for their turn without a deadline (`storage::queue`), and a long wait names who holds the
//! database. Real processes, on a real file; no sleeps: a test that must know a process is
//! waiting holds the lock itself and reads what the process says (stderr, or the debug
//! build's `PHANANH_WAIT_HOOK` FIFO under `--quiet`).

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};

use crate::common::*;

/// The single-step busy timeout the tests shorten to (debug builds only): a writer that
/// relied on it alone would die in a fifth of a second.
const SHORT_TIMEOUT_MS: &str = "200";

fn spawn(env: &TestEnv, args: &[&str], extra: &[(&str, &str)]) -> Child {
    let mut cmd = env.std_command();
    cmd.args(args)
        .env("PHANANH_BUSY_TIMEOUT_MS", SHORT_TIMEOUT_MS)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in extra {
        cmd.env(name, value);
    }
    cmd.spawn().expect("spawning phananh")
}

/// Waits for a child; its status, stdout and stderr.
fn finish(child: Child) -> (bool, String, String) {
    let out = child.wait_with_output().expect("waiting for phananh");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Reads the child's stderr line by line until one says it waits (or stderr ends, when the
/// child exits first). Returns what was read.
fn stderr_until_waiting(child: &mut Child) -> String {
    let mut stderr = BufReader::new(child.stderr.take().expect("a piped stderr"));
    let mut read = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            return read;
        }
        read.push_str(&line);
        if line.contains("waiting for a turn") || line.contains("Đang chờ đến lượt") {
            // The rest is read by the caller after the child exits.
            child.stderr = None;
            let mut rest = String::new();
            std::thread::spawn(move || stderr.read_to_string(&mut rest));
            return read;
        }
    }
}

/// An ingest that finds the database locked by another writer longer than the busy timeout
/// waits in its turn (and says who holds it) instead of dying with "database is locked";
/// once the lock is let go, every row lands. Without the queue's patience the ingest gives
/// up after the (shortened) timeout and the test fails.
#[test]
fn an_ingest_waits_for_a_writer_past_the_busy_timeout_and_names_it() {
    let env = TestEnv::seeded();
    let file = many_reports_csv(&env, "wait.csv", "WAIT", 30);
    let holder = env.writable();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut child = spawn(
        &env,
        &[
            "--as",
            RECEPTION,
            "--lang",
            "en",
            "ingest",
            file.to_str().unwrap(),
        ],
        &[("PHANANH_WAIT_NOTICE_MS", "400")],
    );
    let said = stderr_until_waiting(&mut child);
    let pid = std::process::id().to_string();
    assert!(
        said.contains("waiting for a turn") && said.contains(&format!("process {pid} (")),
        "the ingest did not say it waits for this test's process {pid}: {said}"
    );
    // Nothing stored while the lock is held.
    assert_eq!(env.count("SELECT count(*) FROM reports"), 0);
    holder.execute_batch("ROLLBACK").unwrap();
    let (ok, _, err) = finish(child);
    assert!(ok, "the ingest failed: {err}");
    assert!(!err.contains("locked"), "{err}");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 30);
}

/// Runs a sweep (`args`, with the debug build's variables `extra`) queued behind a bulk
/// writer's turn this test holds, and returns how it ended: it is let go once the debug
/// build's hook has said that it waits for this test's process in a line holding `until`,
/// and may say nothing else there before it ends.
fn sweep_behind_a_held_turn(
    env: &TestEnv,
    args: &[&str],
    extra: &[(&str, &str)],
    until: &str,
) -> std::process::Output {
    let turn_path = env.dir().join("phananh.sqlite-writer");
    let turn = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&turn_path)
        .unwrap();
    turn.lock().unwrap();
    let fifo = env.dir().join("waiting.fifo");
    mkfifo(&fifo);
    let mut vars = vec![
        ("PHANANH_WAIT_NOTICE_MS", "100"),
        ("PHANANH_WAIT_HOOK", fifo.to_str().unwrap()),
    ];
    vars.extend_from_slice(extra);
    let child = spawn(env, args, &vars);
    // The sweep is waited for on a thread of its own, which says "exited" through the FIFO
    // when it ends: a sweep that never waits ends the test's read instead of hanging it.
    let watcher = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let out = child.wait_with_output().expect("waiting for phananh");
            std::fs::write(&fifo, "exited\n").unwrap();
            out
        })
    };
    let heard = |fifo: &std::path::Path| {
        let mut line = String::new();
        BufReader::new(std::fs::File::open(fifo).unwrap())
            .read_line(&mut line)
            .unwrap();
        line
    };
    // Only a failure reaches this: a sweep that never says `until` is let go after a
    // minute, so that the test ends, failing, rather than hang.
    let watchdog = turn.try_clone().unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        let _ = watchdog.unlock();
    });
    // An open of the FIFO may meet a writer that closes without a word (see below).
    let own = std::process::id().to_string();
    loop {
        let line = heard(&fifo);
        if line.is_empty() {
            continue;
        }
        assert_ne!(line, "exited\n", "the sweep ended without saying {until:?}");
        assert!(
            line.contains("waiting for a turn") && line.contains(&format!("process {own} (")),
            "the sweep did not wait for this test's turn: {line}"
        );
        if line.contains(until) {
            break;
        }
    }
    turn.unlock().unwrap();
    // Until the end, the sweep may say again that it waits (its busy handler, when the
    // machine is slow), and an open of the FIFO can meet a writer that closes without a
    // word: only the end is asked for, and nothing else than a notice may come before it.
    loop {
        let line = heard(&fifo);
        if line == "exited\n" {
            break;
        }
        assert!(
            line.is_empty() || line.contains("waiting for a turn"),
            "the sweep said something else while it ran: {line:?}"
        );
    }
    watcher.join().unwrap()
}

/// `sweep --quiet` queued behind a bulk writer's turn waits without a word: cron mails
/// whatever reaches stderr. The debug build's hook tells the test it is waiting.
#[test]
fn a_quiet_sweep_waits_for_its_turn_in_silence() {
    let env = TestEnv::ingested();
    let out = sweep_behind_a_held_turn(
        &env,
        &["--as", RECEPTION, "sweep", "--quiet"],
        &[],
        "waiting for a turn",
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        (stdout.as_ref(), without_flag_notice(&stderr).as_str()),
        ("", "")
    );
    assert!(env.count("SELECT count(*) FROM events WHERE action = 'remind'") > 0);
}

/// A quiet sweep held up past the long wait (`storage::queue::LONG_WAIT`, cut to a third
/// of a second here) says so once on stderr, naming the holder: cron mails it, since no
/// deadline is reminded meanwhile. Before, it waited in silence however long the holder
/// hung, and cron's next runs queued behind it unseen.
#[test]
fn a_quiet_sweep_held_up_past_the_long_wait_says_so_once() {
    let env = TestEnv::ingested();
    let out = sweep_behind_a_held_turn(
        &env,
        &["--as", RECEPTION, "sweep", "--quiet"],
        &[("PHANANH_LONG_WAIT_MS", "300")],
        "still waiting",
    );
    let stderr = without_flag_notice(&String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    let own = std::process::id().to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("Vẫn đang chờ đến lượt ghi vào ")
            && stderr.contains("sau hơn 10 phút")
            && stderr.contains(&format!("tiến trình {own} (")),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert!(env.count("SELECT count(*) FROM events WHERE action = 'remind'") > 0);
}

/// The README's cron line (`--format csv sweep --no-headers --fail-on-breach >> FILE`, not
/// `--quiet`: its rows are the file) queued behind a bulk writer's turn, with stderr not a
/// terminal as under cron: it waits without a word on stderr, which cron would mail on
/// every run that met an operator's import, and its rows still reach stdout. Without the
/// fix its stderr carried "Đang chờ đến lượt ghi …".
#[test]
fn the_cron_sweep_waits_for_its_turn_without_mailing_it() {
    let env = TestEnv::ingested();
    env.run_as(RECEPTION, &["validate"]).success();
    let cron = [
        "--as",
        RECEPTION,
        "--format",
        "csv",
        "sweep",
        "--no-headers",
        "--fail-on-breach",
    ];
    let out = sweep_behind_a_held_turn(&env, &cron, &[], "waiting for a turn");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    // Every report is long overdue at the test's clock: the run ends with 3 and names the
    // breaches on stderr, as the README says; a wait is not among what it says.
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        !stderr.contains("chờ đến lượt") && !stderr.contains("waiting"),
        "cron would mail the wait: {stderr}"
    );
    assert!(stderr.starts_with("Lần quét này thấy "), "{stderr}");
    assert!(stdout.lines().count() > 0 && !stdout.starts_with("report_id"));
}

/// The issue's scenario, small: 8 ingests, 2 sweep loops and readers at once on one
/// database, with the single-step busy timeout cut to a fifth of a second. Every process
/// succeeds, none says "database is locked", every row lands and the log verifies. Without
/// the queue the ingests waited for one another past the timeout and died.
#[test]
fn eight_ingests_two_sweep_loops_and_readers_all_finish() {
    const INGESTS: usize = 8;
    const ROWS: usize = 120;
    let env = TestEnv::ingested();
    let before = env.count("SELECT count(*) FROM reports");
    let files: Vec<String> = (0..INGESTS)
        .map(|i| {
            many_reports_csv(&env, &format!("part{i}.csv"), &format!("P{i}"), ROWS)
                .display()
                .to_string()
        })
        .collect();
    let mut children = Vec::new();
    for file in &files {
        children.push((
            "ingest",
            spawn(
                &env,
                &["--as", RECEPTION, "ingest", "--validate", file],
                &[],
            ),
        ));
    }
    let loops: Vec<_> = (0..4)
        .map(|n| {
            let env_db = env.db().to_owned();
            let dir = env.dir().to_owned();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for _ in 0..4 {
                    let args: &[&str] = if n < 2 {
                        &["--as", RECEPTION, "sweep", "--quiet"]
                    } else {
                        &["--as", ADMIN, "list", "--format", "json", "--limit", "50"]
                    };
                    let out = std::process::Command::new(bin())
                        .env_clear()
                        .env("PHANANH_DB", &env_db)
                        .env("PHANANH_NOW", NOW)
                        .env("PHANANH_BUSY_TIMEOUT_MS", SHORT_TIMEOUT_MS)
                        .current_dir(&dir)
                        .args(args)
                        .output()
                        .unwrap();
                    if !out.status.success() {
                        failures.push(format!(
                            "{args:?}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                }
                failures
            })
        })
        .collect();
    let mut failures = Vec::new();
    for (what, child) in children {
        let (ok, _, err) = finish(child);
        if !ok || err.contains("locked") {
            failures.push(format!("{what}: {err}"));
        }
    }
    for handle in loops {
        failures.extend(handle.join().unwrap());
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(
        env.count("SELECT count(*) FROM reports"),
        before + (INGESTS * ROWS) as i64
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// Root running a bulk writer on another account's database (an administrator's cron, a
/// restore drill) makes the queue's holder files for the database's owner, private: that
/// account must be able to take its turn after. Needs root, as tests/cli/logins.rs does.
#[test]
fn holder_files_made_by_root_belong_to_the_databases_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if !running_as_root() {
        let required = ["CI", "PHANANH_REQUIRE_ROOT_TESTS"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
        assert!(!required, "this test must run as root here");
        eprintln!("concurrency: holder files' owner NOT CHECKED — needs root");
        return;
    }
    let env = TestEnv::seeded();
    let file = many_reports_csv(&env, "owned.csv", "OWN", 5);
    // nobody:nogroup, the account every Debian system has.
    let owner = 65_534;
    std::os::unix::fs::chown(env.db(), Some(owner), Some(owner)).unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    for suffix in ["-writer", "-queue"] {
        let path = env.dir().join(format!("phananh.sqlite{suffix}"));
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (owner, owner),
            "{}",
            path.display()
        );
        assert_eq!(
            meta.permissions().mode() & 0o777,
            0o600,
            "{}",
            path.display()
        );
    }
}

/// An operator's single step does not queue behind the bulk writers: with the turn held (as
/// a long ingest holds it between its pauses), checking one report goes ahead at once.
#[test]
fn a_single_step_goes_ahead_of_a_bulk_writers_turn() {
    let env = TestEnv::ingested();
    let turn = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(env.dir().join("phananh.sqlite-writer"))
        .unwrap();
    turn.lock().unwrap();
    env.run_as(RECEPTION, &["validate", "1"]).success();
    assert_ne!(env.status_of("1"), "received");
    turn.unlock().unwrap();
}

/// Whoever may open the database file can hold it exclusively with
/// util-linux's `flock` for as long as they like, as a restore holds it; every command that
/// writes then waited "for a restore to finish" for ever, and cron started one more sweep
/// each run. The wait is bounded (half an hour; shortened here in the debug build) and ends
/// saying what holds the file and how to see it, with nothing changed. A restore that ends
/// is waited for as before (`restore_chain::a_restore_started_during_an_ingest_waits_for_it_and_the_ingest_reports_only_real_rows`).
#[test]
fn a_database_held_for_ever_with_flock_is_given_up_on_saying_so() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    let mut holder = std::process::Command::new("flock")
        .arg("--exclusive")
        .arg(env.db())
        .args(["sh", "-c", "echo locked; cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock (util-linux; tests/run installs it)");
    let mut said = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut said)
        .unwrap();
    assert_eq!(said, "locked\n");
    let mut cmd = env.command();
    cmd.env("PHANANH_RESTORE_WAIT_MS", "300");
    let run = run_bounded(cmd, &["--as", ADMIN, "--lang", "en", "sweep"], HANG_BOUND);
    drop(holder.stdin.take());
    assert!(holder.wait().unwrap().success());
    run.failure()
        .stderr_has("waiting for a restore to finish")
        .stderr_matches(&format!(
            r"{} has been held exclusively for \d+ seconds by a process that does not let it go: no restore takes that long\. Nothing was changed\. See which process holds it \(`fuser -v",
            regex::escape(&std::fs::canonicalize(env.db()).unwrap().display().to_string())
        ));
    env.assert_unchanged(&before);
    env.run_as(ADMIN, &["sweep"]).success();
}

/// Another writer commits between two pages of a validation of the whole queue: an operator
/// checks, on their own, a report of the next page while the run is between its commit and
/// its next transaction (the debug build's `PHANANH_PAGE_HOOK` holds it there; pages of 100
/// with `PHANANH_BULK_ROWS`). The run must take that report as it is now, no longer waiting:
/// it is judged once, by the operator, and the run judges every other report once. A run
/// that judged the next page from rows read before that commit found the report `received`
/// as it no longer is, sealed a second verdict over the operator's or named it as edited
/// behind the tool's back (exit 5).
#[test]
fn a_report_checked_by_another_writer_between_two_pages_is_judged_once() {
    let env = TestEnv::ingested();
    let ids = |run: &Run| -> Vec<String> {
        array(&run.json())
            .iter()
            .map(|v| v["id"].to_string())
            .collect()
    };
    // The queue's order, from a run on a copy: the report checked between the pages is in
    // the second page of 100.
    let order = ids(TestEnv::from_bytes(&env.snapshot())
        .run_as(RECEPTION, &["validate", "--format", "json"])
        .success());
    let checked = order[150].clone();
    let fifo = env.dir().join("between-pages.fifo");
    mkfifo(&fifo);
    let mut cmd = env.command();
    cmd.args(["--as", RECEPTION, "validate", "--format", "json"])
        .env("PHANANH_BULK_ROWS", "100")
        .env("PHANANH_PAGE_HOOK", &fifo);
    let run = cmd.spawn().expect("spawning phananh");
    // Opened once the run has committed its first page and waits before the second; the
    // later pages find no FIFO and go on.
    let between = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    std::fs::remove_file(&fifo).unwrap();
    env.run_as(RECEPTION, &["validate", &checked]).success();
    drop(between);
    let out = run.wait_with_output().expect("waiting for phananh");
    let run = Run {
        command: "phananh validate, another writer between its pages".to_owned(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    run.success();
    let judged = ids(&run);
    let expected: Vec<String> = order.iter().filter(|id| **id != checked).cloned().collect();
    assert_eq!(
        judged, expected,
        "every other report once, in the queue's order"
    );
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM events WHERE report_id = {checked}
               AND action IN ('accept', 'reject')"
        )),
        1,
        "one verdict for the report checked between the pages"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        0
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}
