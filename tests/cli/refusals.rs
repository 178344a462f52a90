//! How an error or a refusal (`phananh: …`) reaches the one who typed the command: wrapped at
//! words to the terminal it is read on, unchanged when piped (scripts and cron mail match it
//! as one line), and in the terms of the command typed.

use std::time::Duration;

use crate::common::*;
use crate::terminal::Terminal;

/// What `phananh ARGS` writes on an 80-column terminal before it exits, its lines as the
/// terminal shows them.
fn on_terminal(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut cmd = env.terminal_command();
    cmd.args(args);
    let mut terminal = Terminal::spawn(cmd, Duration::from_secs(30));
    let shown = terminal.expect_eof().expect("the command ends");
    shown
        .replace("\r\n", "\n")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Lines wider than the terminal, which it would cut mid-word.
fn too_wide(lines: &[String]) -> Vec<&String> {
    lines.iter().filter(|l| l.chars().count() > 80).collect()
}

/// A handler or a leader who typed `triage` was refused for "validate"
/// and sent to ask reception, on one line the 80-column terminal cut mid-word.
#[test]
fn a_handler_or_leader_opening_triage_is_told_whose_queue_it_is_and_what_to_use() {
    let env = TestEnv::validated();
    let refused = || env.count("SELECT count(*) FROM events WHERE action = 'refused'");
    let before = refused();
    for (user, lang, said, instead) in [
        (
            HANDLER_SXD,
            "vi",
            "triage là hàng chờ của bộ phận tiếp nhận",
            "`phananh list --status assigned`",
        ),
        (
            LEADER,
            "vi",
            "triage là hàng chờ của bộ phận tiếp nhận",
            "`phananh report`",
        ),
        (
            HANDLER_SXD,
            "en",
            "triage is the reception desk's queue",
            "`phananh list --status assigned`",
        ),
        (
            LEADER,
            "en",
            "triage is the reception desk's queue",
            "`phananh report`",
        ),
    ] {
        let lines = on_terminal(&env, &["--as", user, "--lang", lang, "triage"]);
        assert!(too_wide(&lines).is_empty(), "{lines:#?}");
        let text = lines.join(" ");
        assert!(text.starts_with("phananh: "), "{lines:#?}");
        assert!(text.contains(said), "{lines:#?}");
        assert!(text.contains("Tiếp nhận và Quản trị") || text.contains("Reception and Admin"));
        // The command to use instead, whole on one line, to be typed as read.
        assert!(lines.iter().any(|l| l.contains(instead)), "{lines:#?}");
        assert!(!text.contains("validate"), "{lines:#?}");
    }
    // Refused as before: the attempt is on record, nothing else changed.
    assert_eq!(refused(), before + 4);
}

/// Every `phananh:` refusal is wrapped at words on a terminal, not only the
/// desk's; piped it stays the one line a script or a cron mail matches.
#[test]
fn a_refusal_is_wrapped_at_words_on_a_terminal_and_one_line_when_piped() {
    let env = TestEnv::validated();
    let args = ["--as", LEADER, "validate"];
    let piped = env.run(&args);
    piped.failure().one_line_error();
    let line = piped.stderr.trim_end().to_owned();
    assert!(line.chars().count() > 80, "{line}");
    let lines = on_terminal(&env, &args);
    assert!(lines.len() > 1, "{lines:#?}");
    assert!(too_wide(&lines).is_empty(), "{lines:#?}");
    // Broken at spaces only: the words read the same once the lines are joined again.
    assert_eq!(lines.join(" "), line);
    // COLUMNS wins over the terminal's own width, as for tables.
    let mut wide = env.terminal_command();
    wide.env("COLUMNS", "200").args(args);
    let shown = Terminal::spawn(wide, Duration::from_secs(30))
        .expect_eof()
        .unwrap();
    assert_eq!(shown.trim_end(), line);
}

/// The bad lines of a calendar file (`FILE:LINE: what`) were written as they came, past an
/// 80-column terminal's edge, where every other message on stderr is wrapped at words.
/// They are wrapped there too, and stay whole lines when piped.
#[test]
fn a_calendar_file_s_bad_lines_are_wrapped_on_a_terminal_and_whole_when_piped() {
    let env = TestEnv::seeded();
    let file = env.dir().join("lich-nghi-bu-2026.csv");
    std::fs::write(&file, "x\n").unwrap();
    let args = ["--as", ADMIN, "calendar", "import", file.to_str().unwrap()];
    let piped = env.run(&args);
    piped.failure();
    let line = piped
        .stderr
        .lines()
        .find(|l| l.contains(".csv:1: "))
        .unwrap_or_else(|| panic!("no bad line:\n{piped}"))
        .to_owned();
    assert!(line.chars().count() > 80, "{line}");
    let lines = on_terminal(&env, &args);
    assert!(too_wide(&lines).is_empty(), "{lines:#?}");
    assert_eq!(words(&lines.join("\n")), words(&piped.stderr), "{lines:#?}");
}

/// The words of `text`, whatever the lines and spaces between them.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// A usage error (clap's, worded in Vietnamese by default, or a pinned
/// option given twice) was written as one line that an 80-column terminal cut mid-word;
/// it is wrapped at words there as a refusal is, in either language, and unchanged piped.
#[test]
fn a_usage_error_is_wrapped_at_words_on_a_terminal_and_unchanged_when_piped() {
    let env = TestEnv::validated();
    for args in [
        &["list", "--status", "assigned", "--from", "31/11/2026"][..],
        &[
            "--lang",
            "en",
            "list",
            "--status",
            "assigned",
            "--from",
            "31/11/2026",
        ],
        &["--db", "a.sqlite", "list", "--db", "b.sqlite"],
        &[
            "--lang", "en", "--db", "a.sqlite", "list", "--db", "b.sqlite",
        ],
    ] {
        let piped = env.run_as(LEADER, args);
        piped.code(2);
        // Piped, the message is the one long line a script matches.
        let first = piped.stderr.lines().next().unwrap_or_default();
        assert!(first.chars().count() > 80, "{piped}");
        let mut all = vec!["--as", LEADER];
        all.extend_from_slice(args);
        let lines = on_terminal(&env, &all);
        assert!(too_wide(&lines).is_empty(), "{args:?}: {lines:#?}");
        // Broken at spaces only: the same words, in the same order.
        let shown = lines.join("\n");
        assert_eq!(words(&shown), words(&piped.stderr), "{args:?}: {lines:#?}");
    }
}

/// With `PHANANH_DB` set, clap counted `--db` as given: the English usage
/// line read `phananh assign --db <PATH> <--agency <AGENCY>|--auto> <ID>`, an option the operator did
/// not type (the Vietnamese one already left it out), and `--help` showed the variable's
/// value, the database's path, as `[env: PHANANH_DB=/srv/…]`. Typed, `--db` stays.
#[test]
fn the_usage_line_shows_what_was_typed_and_help_names_variables_without_their_values() {
    let env = TestEnv::validated();
    let db = env.db().to_str().unwrap().to_owned();
    // The values named in the reader's language: "<CƠ_QUAN>", "<SỐ>", "<TỆP>".
    for (lang, usage, agency, id, path) in [
        ("en", "Usage: ", "<AGENCY>", "<ID>", "<PATH>"),
        ("vi", "Cách dùng: ", "<CƠ_QUAN>", "<SỐ>", "<TỆP>"),
    ] {
        let run = env.run_as(RECEPTION, &["--lang", lang, "assign", "5"]);
        run.code(2)
            .stderr_has(&format!(
                "{usage}phananh assign <--agency {agency}|--auto> {id}"
            ))
            .never_shows("--db")
            .never_shows("--now");
        env.run_as(RECEPTION, &["--lang", lang, "--db", &db, "assign", "5"])
            .code(2)
            .stderr_has(&format!(
                "{usage}phananh assign --db {path} <--agency {agency}|--auto> {id}"
            ));
        // A mistyped option: the line still names the option the command requires (desk3,
        // small findings), without what only the environment gave.
        env.run_as(
            RECEPTION,
            &["--lang", lang, "assign", "5", "--agensy", "SXD"],
        )
        .code(2)
        .stderr_has(&format!(
            "{usage}phananh assign <--agency {agency}|--auto> {id}"
        ))
        .never_shows("--db")
        .never_shows("--now");
        for args in [&["--help"][..], &["assign", "--help"], &["assign", "-h"]] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let help = env.run(&all);
            help.success().never_shows(&db).never_shows("PHANANH_DB=");
            assert!(help.stdout.contains("PHANANH_DB"), "{help}");
        }
    }
    let man = env.run(&["--lang", "en", "man"]);
    man.success().never_shows(&db).never_shows("PHANANH_DB=");
}

/// A value that names no day, time or period is a usage error (exit 2) wherever it is
/// typed, as docs/huong-dan.md §9 lists the exit statuses and as the date options clap
/// reads (`list --from 2026-11-31`) always answered. The calendar's dates and `--start`,
/// and the periods of `report` and `score`, exited 1 as a refused step does, so a script
/// could not tell a mistyped command line from a refusal. Nothing is written either way.
#[test]
fn a_value_that_names_no_day_time_or_period_is_a_usage_error_wherever_it_is_typed() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    let cases: [(&[&str], &str); 10] = [
        (&["list", "--from", "2026-11-31"], "2026-11-31"),
        (
            &["calendar", "add-holiday", "2026-11-31", "--name", "Nghỉ"],
            "\"2026-11-31\" is not a valid date",
        ),
        (
            &["calendar", "add-workday", "31/11/2026", "--name", "Làm bù"],
            "\"31/11/2026\" is not a valid date",
        ),
        (
            &["calendar", "remove", "2026-11-31"],
            "\"2026-11-31\" is not a valid date",
        ),
        (
            &[
                "calendar",
                "deadline",
                "--stage",
                "process",
                "--start",
                "2026-11-31 10:00",
            ],
            "--start \"2026-11-31 10:00\": no such day: November 2026 has 30 days",
        ),
        (
            &["report", "monthly", "--period", "2026-13"],
            "the period “2026-13” is not valid",
        ),
        (
            &["report", "quarterly", "--period", "2026-07"],
            "“2026-07” is a month",
        ),
        (
            &[
                "report",
                "range",
                "--from",
                "2026-10-02",
                "--to",
                "2026-09-01",
            ],
            "--from 2026-10-02 comes after --to 2026-09-01",
        ),
        (
            &["score", "--period", "2026-Q5"],
            "the scoring period “2026-Q5” is not valid",
        ),
        (&["score", "--year", "2026-H1"], "“2026-H1” is a half-year"),
    ];
    for (args, said) in cases {
        let run = env.run_as(ADMIN, &[&["--lang", "en"], args].concat());
        run.code(2).stderr_has(said);
        assert!(run.stdout.is_empty(), "{run}");
    }
    env.assert_unchanged(&before);
}

/// A time written day first on a day February lacks (`30/02/2026 09:00`) was answered
/// "not a valid time; use RFC 3339", which sent its writer to a form they had no need of;
/// every time option, and a time in an ingested file, now says the day does not exist, as
/// the date options do, in both languages.
#[test]
fn a_time_on_a_day_that_does_not_exist_is_said_to_be_no_such_day() {
    let env = TestEnv::seeded();
    let when = "30/02/2026 09:00";
    let cases: [&[&str]; 3] = [
        &["--now", when, "list"],
        &[
            "calendar", "deadline", "--stage", "process", "--start", when,
        ],
        &["demo", "--db", "demo.sqlite", "--until", when],
    ];
    for args in cases {
        for (lang, said) in [
            (
                "vi",
                format!("“{when}”: không có ngày này: tháng 2/2026 có 28 ngày"),
            ),
            (
                "en",
                format!("\"{when}\": no such day: February 2026 has 28 days"),
            ),
        ] {
            let run = env.run_as(ADMIN, &[&["--lang", lang][..], args].concat());
            run.code(2)
                .one_line_error()
                .stderr_has(&said)
                .never_shows("RFC 3339");
        }
    }
    assert!(!env.dir().join("demo.sqlite").exists());

    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let file = env.write_file(
        "feb.csv",
        &format!(
            "{header}\n\
             FEB-1,{when},2026-02-27 07:00,Đường hư nặng,https://x/1.jpg,9.1,105.1,Số 1,Phường An Xuyên,Trần Văn A,0912345678,0,1,0,\n"
        ),
    );
    for (lang, said) in [
        ("vi", "submitted_at: “30/02/2026 09:00”: không có ngày này"),
        ("en", "submitted_at: \"30/02/2026 09:00\": no such day"),
    ] {
        let run = env.run_as(
            RECEPTION,
            &[
                "--lang",
                lang,
                "--format",
                "json",
                "ingest",
                file.to_str().unwrap(),
            ],
        );
        run.failure();
        let message = run.json()[0]["malformed_rows"][0]["message"].clone();
        assert!(message.as_str().unwrap().contains(said), "{message}");
        assert!(!message.as_str().unwrap().contains("RFC 3339"), "{message}");
    }
}
