//! Speed and scale (issue 6) as a person and a script see them: every long command (ingest,
//! validate, a calendar change's recomputation, report, score, export, sweep, audit verify)
//! draws a progress bar with its rate and time left on a terminal, its counts grouped and
//! worded in the command's language (driven in a pseudo-terminal of `terminal.rs`), on one
//! row of an 80-column terminal, and nothing of the kind when stderr is a pipe; and the
//! sweep lists every clock in CSV and JSON however many there are, while its table stops at
//! a screenful and says so.

use std::sync::OnceLock;
use std::time::Duration;

use crate::common::*;
use crate::terminal::{Terminal, in_new_session};

/// Reports in these tests: above the 2,000 items from which a bar is drawn, and far above
/// the 200 rows of the sweep's table. (That the sweep's pages of 10,000 clocks join up
/// is checked in `storage::clocks` with pages of a few rows.)
const REPORTS: usize = 2_400;

/// The sweep's table rows (`output::TABLE_ROWS`).
const TABLE_ROWS: usize = 200;

/// A seeded database with `n` reports ingested (and not validated): each has its dispatch
/// clock open.
fn with_reports(n: usize) -> TestEnv {
    let env = TestEnv::seeded();
    let file = many_reports_csv(&env, "many.csv", "MANY", n);
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    env
}

/// A copy of the database with `REPORTS` reports ingested, built once per test run.
fn many_world() -> TestEnv {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    TestEnv::from_bytes(BYTES.get_or_init(|| with_reports(REPORTS).snapshot()))
}

/// An operator's terminal (without TERM, a terminal is taken as dumb and gets no bar).
const TERM: &str = "xterm-256color";

/// The width of `on_a_terminal`'s window.
const WIDE: u16 = 160;

/// Everything `sh -c SCRIPT` (run as `phananh` would be, with the test's database and
/// clock) writes to a pseudo-terminal until it exits.
fn on_a_terminal(env: &TestEnv, script: &str) -> String {
    // A window wide enough for the bar's whole line, whatever size a new pty gets.
    on_a_terminal_of(WIDE, env, script)
}

/// The same on a terminal `columns` wide.
fn on_a_terminal_of(columns: u16, env: &TestEnv, script: &str) -> String {
    let mut cmd = in_new_session("sh");
    let bin = bin();
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", TERM)
        .env("PHANANH", &bin)
        .env("PHANANH_DB", env.db())
        .env("PHANANH_NOW", NOW)
        .current_dir(env.dir())
        .args(["-c", &format!("stty cols {columns} rows 40; {script}")]);
    Terminal::spawn(cmd, Duration::from_secs(60))
        .expect_eof()
        .expect("the command ends")
}

/// A count as `lang` groups it: "2.400" in Vietnamese, "2,400" in English.
fn count(lang: &str) -> String {
    let mark = if lang == "vi" { r"\." } else { "," };
    format!(r"\d{{1,3}}(?:{mark}\d{{3}})*")
}

/// The rate (`amount` a second) and the time left as `lang` words them: "812/giây, còn 3
/// phút" in Vietnamese, "812/s, 3 min left" in English, the time left unknown ("còn …")
/// before a rate.
fn rate_and_left(lang: &str, amount: &str) -> String {
    let per = if lang == "vi" { "giây" } else { "s" };
    format!(r"{amount}/{per}, {}", left(lang))
}

/// The time left as `lang` words it: "còn 3 phút" / "3 min left", "còn …" / "… left" before
/// a rate, "sắp xong" / "almost done" under a second, "xong" / "done" at the end; never
/// "còn 0 giây" / "0 s left".
fn left(lang: &str) -> String {
    // A count as `count`, never zero.
    let mark = if lang == "vi" { r"\." } else { "," };
    let n = format!(r"[1-9]\d{{0,2}}(?:{mark}\d{{3}})*");
    if lang == "vi" {
        format!(r"(?:còn (?:…|{n} (?:giây|phút|giờ|ngày))|sắp xong|xong)")
    } else {
        format!(r"(?:(?:…|{n} (?:s|min|h|d)) left|almost done|done)")
    }
}

/// A bar as `output::progress` draws it: the message, a bar, done/total grouped as `lang`
/// groups counts, with the total `total`, then the rate and the time left in its words.
#[track_caller]
fn assert_bar(screen: &str, message: &str, lang: &str, total: &str) {
    let counts = format!(
        r"{}/{} \({}\)",
        count(lang),
        regex::escape(total),
        rate_and_left(lang, &count(lang))
    );
    assert_full_row(screen, message, &counts);
}

/// The drawings of `message`'s bar on `on_a_terminal`'s window have `counts` (a pattern)
/// after the bar, and span the whole row: the bar takes what the message and the counts
/// leave. A bar of a fixed 40 left some 70 of the 160 columns blank.
#[track_caller]
fn assert_full_row(screen: &str, message: &str, counts: &str) {
    use unicode_width::UnicodeWidthStr;
    // An ingest's message is its file's path: the name ends it.
    let pattern = format!(r"{} \[[=> ]+\] {counts}$", regex::escape(message));
    let shape = regex::Regex::new(&pattern).unwrap();
    let drawings = crate::terminal::drawings(screen, &format!("{message} ["));
    let bars: Vec<&String> = drawings.iter().filter(|d| shape.is_match(d)).collect();
    assert!(
        !bars.is_empty(),
        "no bar /{pattern}/ on the terminal:\n{screen:?}"
    );
    for bar in bars {
        assert_eq!(bar.width(), usize::from(WIDE), "not the whole row: {bar:?}");
    }
}

#[test]
fn long_commands_draw_a_bar_with_rate_and_eta_on_a_terminal() {
    let env = many_world();
    let screen = on_a_terminal(&env, &format!("\"$PHANANH\" --as {RECEPTION} validate"));
    assert_bar(&screen, "Kiểm tra", "vi", "2.400");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        0
    );

    // Ingest counts bytes: its own bar, with the byte rate.
    let more = many_reports_csv(&env, "more.csv", "MORE", 2_100);
    let screen = on_a_terminal(
        &env,
        &format!("\"$PHANANH\" --as {RECEPTION} ingest {}", more.display()),
    );
    // Sizes to three digits, with a decimal comma: "84,5 KiB", "1,20 MiB", "165 KiB".
    let size = r"(?:\d{1,3} B|(?:\d,\d\d|\d\d,\d|\d{3}) [KMGT]iB)";
    let counts = format!(r"{size}/{size} \({}\)", rate_and_left("vi", size));
    assert_full_row(&screen, "more.csv", &counts);
    let total = REPORTS + 2_100;
    assert_eq!(env.count("SELECT count(*) FROM reports"), total as i64);

    // What a query counts, grouped as a Vietnamese bar groups it.
    let counted = |sql: &str| vi_count(usize::try_from(env.count(sql)).unwrap());

    // A calendar change recomputes every open clock.
    let screen = on_a_terminal(
        &env,
        &format!("\"$PHANANH\" --as {ADMIN} calendar add-holiday 2026-12-30 --name 'Nghỉ bù'"),
    );
    let open = counted("SELECT count(*) FROM clocks WHERE stopped_at IS NULL");
    assert_bar(&screen, "Tính lại thời hạn", "vi", &open);

    // An export streams its rows to stdout: the bar shows when they go to a file.
    let screen = on_a_terminal(
        &env,
        &format!("\"$PHANANH\" --as {RECEPTION} --lang en export csv --reason check > all.csv"),
    );
    assert_bar(&screen, "Exporting", "en", "4,500");

    // Verifying the chain seals every event again.
    let screen = on_a_terminal(&env, &format!("\"$PHANANH\" --as {ADMIN} audit verify"));
    let steps = counted("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM reports)");
    assert_bar(&screen, "Kiểm tra chuỗi nhật ký", "vi", &steps);
    let exported = csv::Reader::from_path(env.dir().join("all.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(exported, total);
}

/// On an 80-column terminal a bar keeps to one row in either language: the longest label
/// (`audit verify`'s) whole, the bar squeezed, then the counts grouped as the language
/// groups them, the rate and the time left in its words.
#[test]
fn a_bar_keeps_to_one_row_of_an_80_column_terminal_in_either_language() {
    use unicode_width::UnicodeWidthStr;
    let env = many_world();
    for (lang, label) in [
        ("vi", "Kiểm tra chuỗi nhật ký"),
        ("en", "Verifying the audit chain"),
    ] {
        let script = format!("\"$PHANANH\" --as {ADMIN} --lang {lang} audit verify");
        let output = on_a_terminal_of(80, &env, &script);
        let drawings = crate::terminal::drawings(&output, &format!("{label} ["));
        assert!(!drawings.is_empty(), "no bar drawn:\n{output:?}");
        let n = count(lang);
        let shape = regex::Regex::new(&format!(
            r"^{} \[[=> ]+\] {n}/{n} \((?:{}|{})\)$",
            regex::escape(label),
            rate_and_left(lang, &n),
            left(lang)
        ))
        .unwrap();
        for bar in &drawings {
            assert!(bar.width() <= 80, "{} columns: {bar:?}", bar.width());
            assert!(shape.is_match(bar), "not /{shape}/: {bar:?}");
        }
        // The rate is left out only of a drawing it would not fit (a first estimate of
        // millions a second): most show it.
        let rate = regex::Regex::new(&rate_and_left(lang, &n)).unwrap();
        assert!(
            drawings.iter().any(|bar| rate.is_match(bar)),
            "no rate drawn: {drawings:?}"
        );
    }
}

#[test]
fn with_stderr_in_a_pipe_no_command_draws_a_bar() {
    let env = many_world();
    // Ingest draws its bar whatever the file's size: a few more reports will do.
    let file = many_reports_csv(&env, "more.csv", "MORE", 50);
    // On an operator's terminal, with stderr (and stdout) in pipes, as cron runs them.
    let run = |user: &str, args: &[&str]| {
        let mut cmd = env.command();
        cmd.env("TERM", TERM).args(["--as", user]);
        Run::of(cmd, args)
    };
    let runs = [
        run(RECEPTION, &["ingest", file.to_str().unwrap()]),
        run(RECEPTION, &["validate"]),
        run(
            ADMIN,
            &["calendar", "add-holiday", "2026-10-06", "--name", "Nghỉ bù"],
        ),
        run(
            LEADER,
            &[
                "report",
                "range",
                "--from",
                "2026-08-01",
                "--to",
                "2026-10-31",
            ],
        ),
        run(AUDITOR, &["score", "--year", "2026"]),
        run(
            RECEPTION,
            &["export", "csv", "--reason", "đối chiếu số liệu"],
        ),
        run(RECEPTION, &["export", "csv", "--public"]),
        run(RECEPTION, &["export", "open311"]),
        run(RECEPTION, &["sweep", "--format", "csv"]),
        run(RECEPTION, &["sweep"]),
        run(ADMIN, &["audit", "verify"]),
    ];
    for run in &runs {
        run.success();
        for mark in ["[=", "[>", "\r", "\u{1b}["] {
            assert!(
                !run.stderr.contains(mark),
                "{mark:?} on stderr of `{}`:\n{:?}",
                run.command,
                run.stderr
            );
        }
    }
    // They did their work at scale: the bar was hidden, not skipped for want of items.
    assert_eq!(
        env.count("SELECT count(*) FROM reports"),
        REPORTS as i64 + 50
    );
    assert!(env.count("SELECT count(*) FROM clocks WHERE stopped_at IS NULL") >= 2_000);
}

/// The sweep's list in the order it must print it: urgent reports first, then by due time
/// and clock.
fn expected_order(env: &TestEnv) -> Vec<String> {
    env.column(
        "SELECT c.report_id || ':' || c.stage || ':' || c.round
           FROM clocks c JOIN reports r ON r.id = c.report_id
          WHERE c.stopped_at IS NULL AND c.stage <> 'return'
            AND c.due_at <= '2026-12-31T08:30:00+07:00'
          ORDER BY r.urgent DESC, c.due_at, c.id",
    )
}

#[test]
fn sweep_lists_every_clock_in_csv_and_json_and_a_screenful_in_a_table() {
    let mut env = many_world();
    // Every report came in by the end of October: at the year's end all are overdue.
    env.set_now("2026-12-31T08:00:00+07:00");
    let expected = expected_order(&env);
    assert_eq!(expected.len(), REPORTS);
    // Many clocks share a due time (the copies of one example report): pages must neither
    // skip nor repeat them.
    assert!(
        env.count(
            "SELECT count(*) FROM (SELECT due_at FROM clocks GROUP BY due_at HAVING count(*) > 1)"
        ) > 100
    );

    let json = env
        .run_as(RECEPTION, &["sweep", "--dry-run", "--format", "json"])
        .success()
        .json();
    let listed: Vec<String> = array(&json)
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}",
                r["report_id"],
                r["stage"].as_str().unwrap(),
                r["round"]
            )
        })
        .collect();
    assert_eq!(listed, expected);

    let run = env.run_as(RECEPTION, &["sweep", "--dry-run", "--format", "csv"]);
    run.success();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let listed: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            format!("{}:{}:{}", &r[0], &r[3], &r[4])
        })
        .collect();
    assert_eq!(listed, expected);

    let run = env.run_as(RECEPTION, &["sweep", "--dry-run"]);
    run.success();
    let first = &expected[0].split(':').next().unwrap().to_owned();
    assert!(run.stdout.contains(&format!("│ {first} ")), "{run}");
    let rows = run.stdout.lines().filter(|l| l.starts_with("│ ")).count();
    assert_eq!(rows, TABLE_ROWS + 1, "header and {TABLE_ROWS} rows");
    // REPORTS - TABLE_ROWS, grouped as every count a person reads.
    assert_eq!(REPORTS - TABLE_ROWS, 2_200);
    run.stdout_has("… và 2.200 dòng khác: xem đủ bằng --format csv hoặc json.");

    // The real sweep reminds every clock once, even when its reader leaves early
    // (`sweep | head`), which is no error.
    let mut child = env
        .std_command()
        .args(["--as", RECEPTION, "--format", "csv", "sweep"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    std::io::Read::read_exact(&mut child.stdout.take().unwrap(), &mut head).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reminders = "SELECT count(*) FROM events WHERE action = 'remind'";
    assert_eq!(env.count(reminders), REPORTS as i64);
    assert_eq!(
        env.count(
            "SELECT count(DISTINCT json_extract(payload, '$.clock')) FROM events WHERE action = 'remind'"
        ),
        REPORTS as i64
    );
    // Again: the same list (`--all`: by default only what is new), nothing new recorded.
    let rows = env
        .run_as(RECEPTION, &["sweep", "--all", "--format", "json"])
        .success()
        .json();
    assert_eq!(array(&rows).len(), REPORTS);
    assert!(array(&rows).iter().all(|r| r["reminded_now"] == false));
    // Every clock is still overdue, but none newly: --fail-on-breach fails only on a new
    // breach (issue 20: cron mails once per breach, not at every run while it lasts).
    let again = env.run_as(
        RECEPTION,
        &["sweep", "--all", "--format", "csv", "--fail-on-breach"],
    );
    again.success();
    assert_eq!(again.stdout.lines().count(), REPORTS + 1);
    assert_eq!(env.count(reminders), REPORTS as i64);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}
