//! Trust under load, faults and hostile input (issue 5): many writers at once, an ingest
//! killed with SIGKILL, hostile files and arguments, and tampering behind the tool's back.

use std::collections::BTreeMap;
use std::process::Stdio;

use proptest::prelude::*;

use crate::common::*;

/// A command line, whether it succeeded, and its stderr.
type Attempt = (String, bool, String);

/// Runs `phananh ARGS` as `user` and says whether it succeeded, with its stderr.
fn attempt(env: &TestEnv, user: &str, args: &[&str]) -> (bool, String) {
    let out = env
        .std_command()
        .args(["--as", user])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
#[ignore = "slow (a 50,000-row ingest among seven writers): .ci/run runs it; or cargo test -- --include-ignored"]
fn eight_writers_at_once_lose_nothing_and_never_act_on_a_changed_state() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "--suggest", "--apply"])
        .success();
    let ready: Vec<String> = env
        .column::<i64>(
            "SELECT id FROM reports WHERE status = 'accepted' AND field IS NOT NULL ORDER BY id",
        )
        .into_iter()
        .map(|id| id.to_string())
        .collect();
    assert!(ready.len() >= 45, "{}", ready.len());
    let (contested, own, direct) = (&ready[0..15], &ready[15..30], &ready[30..45]);
    let file = many_reports_csv(&env, "big.csv", "LOAD", 50_000);

    let outcomes: Vec<(String, Vec<Attempt>)> = std::thread::scope(|s| {
        let run = |who: &'static str, user: &'static str, jobs: Vec<Vec<String>>| {
            let env = &env;
            s.spawn(move || {
                let results = jobs
                    .into_iter()
                    .map(|args| {
                        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                        let (ok, err) = attempt(env, user, &refs);
                        (args.join(" "), ok, err)
                    })
                    .collect::<Vec<_>>();
                (who.to_owned(), results)
            })
        };
        let assign = |ids: &[String], agency: &str| -> Vec<Vec<String>> {
            ids.iter()
                .map(|id| {
                    vec![
                        "assign".into(),
                        id.clone(),
                        "--agency".into(),
                        agency.into(),
                    ]
                })
                .collect()
        };
        let handles = vec![
            run(
                "ingest",
                RECEPTION,
                vec![vec!["ingest".into(), file.display().to_string()]],
            ),
            run(
                "sweep-1",
                RECEPTION,
                vec![vec!["sweep".into(), "--format".into(), "csv".into()]; 4],
            ),
            run(
                "sweep-2",
                ADMIN,
                vec![vec!["sweep".into(), "--format".into(), "csv".into()]; 4],
            ),
            // Two operators race to dispatch the same reports to different agencies.
            run("race-sxd", RECEPTION, assign(contested, "SXD")),
            run("race-snnmt", "tiepnhan.khang", assign(contested, "SNNMT")),
            run("assign", "tiepnhan.yen", assign(own, "SXD")),
            run(
                "answer",
                ADMIN,
                direct
                    .iter()
                    .map(|id| {
                        vec![
                            "answer".into(),
                            id.clone(),
                            "--text".into(),
                            "Đã hướng dẫn.".into(),
                        ]
                    })
                    .collect(),
            ),
            // The agency replies to whatever reached it, as fast as it can.
            run(
                "reply",
                HANDLER_SXD,
                contested
                    .iter()
                    .chain(own)
                    .map(|id| {
                        vec![
                            "reply".into(),
                            id.clone(),
                            "--text".into(),
                            "Đã xử lý.".into(),
                        ]
                    })
                    .collect(),
            ),
        ];
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let mut succeeded: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (who, results) in &outcomes {
        for (args, ok, err) in results {
            // The busy message names the lock in words since issue 20 ("đang bận").
            assert!(
                !err.contains("locked") && !err.contains("đang bận"),
                "{who}: {args}: {err}"
            );
            if *ok {
                succeeded.entry(who.clone()).or_default().push(args.clone());
            } else {
                // Losing a race is a clear, one-line refusal, never a crash.
                assert_eq!(err.trim().lines().count(), 1, "{who}: {args}: {err}");
            }
        }
    }
    for who in ["ingest", "sweep-1", "sweep-2", "assign", "answer"] {
        let tried = outcomes.iter().find(|(w, _)| w == who).unwrap().1.len();
        assert_eq!(
            succeeded.get(who).map_or(0, Vec::len),
            tried,
            "{who} must all succeed"
        );
    }
    // Every report was dispatched exactly once, by whichever operator got there first.
    for id in contested {
        let assigns = env.count(&format!(
            "SELECT count(*) FROM events WHERE report_id = {id} AND action = 'assign'"
        ));
        let won = ["race-sxd", "race-snnmt"]
            .iter()
            .filter(|w| {
                succeeded
                    .get(**w)
                    .is_some_and(|s| s.iter().any(|a| a.split(' ').nth(1) == Some(id)))
            })
            .count();
        assert_eq!((assigns, won), (1, 1), "report {id}");
    }
    // Each success is in the log exactly once, and nothing that failed is.
    let replies = succeeded.get("reply").map_or(0, Vec::len) as i64;
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'reply'"),
        replies
    );
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'answer'"),
        direct.len() as i64
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE external_id LIKE 'LOAD-%'"),
        50_000
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM (SELECT json_extract(payload, '$.clock'), json_extract(payload, '$.threshold')
               FROM events WHERE action = 'remind' GROUP BY 1, 2 HAVING count(*) > 1)"
        ),
        0
    );
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

fn integrity(env: &TestEnv) -> String {
    env.read_only()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
#[ignore = "slow (a 30,000-row ingest, killed three times): .ci/run runs it; or cargo test -- --include-ignored"]
fn an_ingest_killed_at_any_point_leaves_a_sound_file_and_resumes_exactly() {
    const ROWS: usize = 30_000;
    let clean = TestEnv::seeded();
    let file = many_reports_csv(&clean, "big.csv", "KILL", ROWS);
    clean
        .run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let expected = (
        clean.count("SELECT count(*) FROM reports"),
        clean.count("SELECT count(*) FROM events WHERE action = 'ingest'"),
        clean.count("SELECT count(*) FROM clocks"),
    );
    assert_eq!(expected.0, ROWS as i64);

    // Killed at once, after its first commit, and past the middle.
    for stored_before_kill in [0, 1, ROWS as i64 / 2] {
        let env = TestEnv::seeded();
        let mut child = env
            .std_command()
            .args(["--as", RECEPTION, "ingest", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if stored_before_kill > 0 {
            // Watch the file, as an operator would, until the ingest has got that far.
            loop {
                let stored = env.count("SELECT count(*) FROM reports");
                if stored >= stored_before_kill || child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::yield_now();
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert_eq!(integrity(&env), "ok");
        env.run_as(ADMIN, &["audit", "verify"]).success();
        let partial = env.count("SELECT count(*) FROM reports");
        assert!(partial < ROWS as i64 || stored_before_kill > 0);

        env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
            .success();
        assert_eq!(
            (
                env.count("SELECT count(*) FROM reports"),
                env.count("SELECT count(*) FROM events WHERE action = 'ingest'"),
                env.count("SELECT count(*) FROM clocks"),
            ),
            expected,
            "killed after {stored_before_kill} rows ({partial} stored)"
        );
        assert_eq!(
            env.count("SELECT count(DISTINCT external_id) FROM reports"),
            ROWS as i64
        );
        env.run_as(ADMIN, &["audit", "verify"]).success();
    }
}

/// Ingests `text` as a CSV named `name`; the run must not panic whatever the input.
fn ingest_text(env: &TestEnv, name: &str, bytes: &[u8]) -> Run {
    std::fs::write(env.dir().join(name), bytes).unwrap();
    env.run_as(RECEPTION, &["ingest", name])
}

fn no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{run}"
    );
    assert!(matches!(run.code, Some(0) | Some(1)), "{run}");
}

const HEADER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint\n";

fn line(id: &str, when: &str, content: &str, lat: &str, lon: &str) -> String {
    format!(
        "{id},{when},{when},\"{}\",https://camau-g.camau.gov.vn/m/1.jpg,{lat},{lon},Số 1 đường Trần Phú,Phường An Xuyên,Nguyễn Văn An,0912345678,0,1,0,\n",
        content.replace('"', "\"\"")
    )
}

const GOOD: &str = "Đường Trần Phú có nhiều ổ gà lớn, xe máy đi qua rất nguy hiểm vào ban đêm.";

#[test]
fn hostile_files_are_refused_row_by_row_and_never_crash() {
    let env = TestEnv::seeded();
    let mut csv = HEADER.to_owned();
    csv += &line(
        "H-GOOD",
        "2026-10-05T08:00:00+07:00",
        GOOD,
        "9.17",
        "105.15",
    );
    csv += &line(
        "H-PAST",
        "1066-10-14T09:00:00+07:00",
        GOOD,
        "9.17",
        "105.15",
    );
    csv += &line(
        "H-FUTURE",
        "9999-12-31T23:59:59+07:00",
        GOOD,
        "9.17",
        "105.15",
    );
    csv += &line(
        "H-HUGE",
        "2026-10-05T08:00:00+07:00",
        &"ổ gà ".repeat(2_000_000),
        "9.17",
        "105.15",
    );
    csv += &line(
        "H-PARIS",
        "2026-10-05T08:01:00+07:00",
        GOOD,
        "48.8566",
        "2.3522",
    );
    csv += &line(
        "H-SQL",
        "2026-10-05T08:02:00+07:00",
        "Robert'); DROP TABLE reports; -- đường bị ngập nước",
        "9.17",
        "105.15",
    );
    csv += &line(
        "H-FORMULA",
        "2026-10-05T08:03:00+07:00",
        "=cmd|' /C calc'!A0 đường bị ngập",
        "9.17",
        "105.15",
    );
    csv += &line(
        "H-ESC",
        "2026-10-05T08:04:00+07:00",
        "Đường ngập\u{1b}]0;pwned\u{7}\u{1b}[2J nước",
        "9.17",
        "105.15",
    );
    let mut bytes = csv.into_bytes();
    // A row whose content is not UTF-8, and one with NUL bytes.
    bytes.extend_from_slice(b"H-LATIN1,2026-10-05T08:05:00+07:00,,\"\xe9t\xe9\",,,,,,,,0,0,0,\n");
    bytes.extend_from_slice(b"H-NUL,2026-10-05T08:06:00+07:00,,\"a\x00b\",,,,,,,,0,0,0,\n");
    let run = ingest_text(&env, "hostile.csv", &bytes);
    no_panic(&run);
    run.code(1)
        .stderr_has("hostile.csv:3:")
        .stderr_has("hostile.csv:4:")
        .stderr_has("hostile.csv:5:")
        .stderr_has("dài quá 20000 ký tự")
        .stderr_has("ngoài lãnh thổ Việt Nam");
    let stored: Vec<String> = env.column("SELECT external_id FROM reports ORDER BY id");
    for kept in ["H-GOOD", "H-PARIS", "H-SQL", "H-FORMULA", "H-ESC"] {
        assert!(
            stored.contains(&kept.to_owned()),
            "{kept} not stored: {stored:?}"
        );
    }
    for refused in ["H-PAST", "H-FUTURE", "H-HUGE", "H-LATIN1"] {
        assert!(!stored.contains(&refused.to_owned()), "{refused} stored");
    }
    // SQL in a field is just text; the tables are all there.
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE content LIKE '%DROP TABLE%'"),
        1
    );
    assert_eq!(integrity(&env), "ok");

    // A formula never reaches a spreadsheet as one; escapes never reach the terminal.
    let listed = env
        .run_as(RECEPTION, &["list", "--format", "csv"])
        .success()
        .stdout
        .clone();
    assert!(listed.contains(",'=cmd|"), "{listed}");
    assert!(!listed.contains(",=cmd"), "{listed}");
    let table = env.run_as(RECEPTION, &["list"]).success().stdout.clone();
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{7}'),
        "{table:?}"
    );
    let id = env.id_of("H-ESC").to_string();
    let shown = env
        .run_as(RECEPTION, &["show", &id])
        .success()
        .stdout
        .clone();
    assert!(!shown.contains('\u{1b}'), "{shown:?}");

    // A header of a million columns costs one warning line, not a million.
    let mut wide = String::from("external_id,submitted_at");
    for i in 0..1_000_000 {
        wide.push_str(&format!(",c{i}"));
    }
    wide.push('\n');
    wide += "W-1,2026-10-05T08:00:00+07:00\n";
    let run = ingest_text(&env, "wide.csv", wide.as_bytes());
    no_panic(&run);
    assert!(
        run.stderr.lines().count() < 5,
        "{}",
        run.stderr.lines().count()
    );
    // Bad JSON and JSON Lines: one line per bad record, the rest kept.
    std::fs::write(
        env.dir().join("bad.jsonl"),
        "{\"external_id\":\"J-1\",\"submitted_at\":\"2026-10-05T08:00:00+07:00\",\"occurred_at\":\"2026-10-05T07:00:00+07:00\",\"content\":\"Đèn đường hỏng.\",\"media\":[\"https://x.vn/1.jpg\"],\"address\":\"Khóm 1\",\"reporter_name\":\"Lê Văn Ba\",\"reporter_phone\":\"0912345678\"}\n{\"external_id\":\n\u{0}\u{1}garbage\n",
    )
    .unwrap();
    let run = env.run_as(RECEPTION, &["ingest", "bad.jsonl"]);
    no_panic(&run);
    run.code(1).stderr_has("bad.jsonl:2:");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE external_id = 'J-1'"),
        1
    );
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn hostile_arguments_are_one_line_errors_or_plain_text() {
    let env = TestEnv::validated();
    for text in [
        "'; DROP TABLE reports; --",
        "\u{1b}[2J\u{1b}]0;x\u{7}",
        "=HYPERLINK(\"http://x\")",
        "%s%n%x",
        "../../../etc/passwd",
    ] {
        for args in [
            vec!["list", "--search", text],
            vec!["show", text],
            vec!["list", "--agency", text],
            vec!["report", "monthly", "--period", text],
            vec![
                "calendar", "deadline", "--stage", "dispatch", "--start", text,
            ],
        ] {
            let run = env.run_as(RECEPTION, &args);
            // A period or a time that names none is a usage error, exactly; the others
            // are refused or listed.
            if matches!(args[0], "report" | "calendar") {
                run.code(2);
                assert!(!run.stderr.contains("panicked"), "{run}");
            } else {
                no_panic(&run);
            }
            assert!(!run.stderr.contains('\u{1b}'), "{run}");
            if run.code != Some(0) {
                run.one_line_error();
            }
        }
        let saved = env.run_as(ADMIN, &["field", "add", "ZZ", "--name", text, "--yes"]);
        saved.success();
        // It says the old name and the new, each as typed: no escape reaches the screen.
        assert!(!saved.stderr.contains('\u{1b}'), "{saved}");
        let listed = env
            .run_as(ADMIN, &["field", "list", "--format", "csv"])
            .success()
            .stdout
            .clone();
        assert!(
            !listed.contains("\n=HYPERLINK") && !listed.contains(",=HYPERLINK"),
            "{listed}"
        );
        let table = env
            .run_as(ADMIN, &["field", "list"])
            .success()
            .stdout
            .clone();
        assert!(!table.contains('\u{1b}'), "{table:?}");
    }
    assert_eq!(integrity(&env), "ok");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// The example reports, one CSV line each (the fuzzing corpus).
fn corpus() -> &'static Vec<Vec<u8>> {
    static CORPUS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
        reader
            .byte_records()
            .map(|r| {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_byte_record(&r.unwrap()).unwrap();
                w.into_inner().unwrap()
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Example rows mutated (a byte replaced, the row cut short) and followed by random
    /// bytes, read as CSV, JSON Lines and a JSON array: never a panic, never a broken file.
    #[test]
    fn random_files_never_crash_the_readers(
        pick in 0usize..340,
        cut in 0usize..2_000,
        flip in 0usize..2_000,
        byte in any::<u8>(),
        noise in proptest::collection::vec(any::<u8>(), 0..2_000),
    ) {
        let env = TestEnv::seeded();
        let mut row = corpus()[pick % corpus().len()].clone();
        let flip = flip % row.len();
        row[flip] = byte;
        row.truncate(cut.max(1).min(row.len()));
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(&row);
        bytes.push(b'\n');
        bytes.extend_from_slice(&noise);
        no_panic(&ingest_text(&env, "fuzz.csv", &bytes));
        prop_assert_eq!(integrity(&env), "ok");
        no_panic(&ingest_text(&env, "fuzz.json", &noise));
        let jsonl = env.dir().join("fuzz.jsonl");
        std::fs::write(&jsonl, &bytes).unwrap();
        no_panic(&env.run_as(RECEPTION, &["ingest", "--input-format", "jsonl", jsonl.to_str().unwrap()]));
        prop_assert_eq!(integrity(&env), "ok");
    }

    /// Any text in the free-text arguments: stored or refused on one line, nothing else.
    #[test]
    fn random_free_text_arguments_are_plain_text(text in "\\PC{0,80}") {
        let env = TestEnv::validated();
        for args in [
            vec!["list", "--search", text.as_str()],
            vec!["field", "add", "ZZ", "--name", text.as_str()],
            vec!["answer", "7", "--text", text.as_str()],
            vec!["calendar", "add-holiday", "2027-03-03", "--name", text.as_str()],
        ] {
            let run = env.run_as(ADMIN, &args);
            no_panic(&run);
            if run.code != Some(0) {
                run.one_line_error();
            }
        }
        prop_assert_eq!(integrity(&env), "ok");
        env.run_as(ADMIN, &["audit", "verify"]).success();
    }
}

/// Free text may begin with a dash (the proptest above once drew "-=…"): it is a value, not
/// an unknown flag.
#[test]
fn free_text_beginning_with_a_dash_is_a_value() {
    let env = TestEnv::validated();
    env.run_as(ADMIN, &["list", "--search", "-= không"])
        .success();
    env.run_as(ADMIN, &["field", "add", "ZZ", "--name", "-lĩnh vực"])
        .success();
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-holiday",
            "2027-03-03",
            "--name",
            "--nghỉ bù",
        ],
    )
    .success();
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// Swaps two events' places in the chain (as an editor with sqlite3 could).
#[test]
fn reordered_and_inserted_events_are_named() {
    let env = TestEnv::validated();
    let total = env.count("SELECT max(id) FROM events");
    let (a, b) = (total / 2, total / 2 + 1);
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        &format!(
            "PRAGMA foreign_keys = OFF;
             UPDATE events SET id = -1 WHERE id = {a};
             UPDATE events SET id = {a} WHERE id = {b};
             UPDATE events SET id = {b} WHERE id = -1;"
        ),
    );
    // The English wording is asserted in English (as tests/cli/audit.rs does); the
    // Vietnamese names the same event.
    env.run_as(ADMIN, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(r"event {a}\b"));
    env.run_as(ADMIN, &["audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(r"sự kiện {a}\b"));

    let env = TestEnv::validated();
    let total = env.count("SELECT max(id) FROM events");
    let at = total / 3;
    {
        // Make room after event `at` and slip a forged event in, copying its neighbour's link.
        env.tamper_without_triggers(
            &["events_are_append_only_update"],
            &format!(
                "PRAGMA foreign_keys = OFF;
             UPDATE events SET id = -id WHERE id > {at};
             UPDATE events SET id = -id + 1 WHERE id < 0;
             INSERT INTO events (id, report_id, at, actor, action, payload, prev_hash, hash)
             SELECT {at} + 1, report_id, at, 'admin', 'publish', '{{}}', hash, hash
               FROM events WHERE id = {at};"
            ),
        );
    }
    env.run_as(ADMIN, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(r"event {}\b", at + 1));
    env.run_as(ADMIN, &["audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(r"sự kiện {}\b", at + 1));
}

#[test]
fn a_new_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::empty();
    env.run(&["init", "--auth", "trust"]).success();
    let mode = std::fs::metadata(env.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The binary's one `demo` run (common.rs, `played_demo`) noted its files' modes.
    let demo = played_demo();
    demo.run.success();
    assert_eq!(demo.db_mode, 0o600);
    for (suffix, mode) in &demo.side_modes {
        assert_eq!(mode & 0o077, 0, "{suffix}");
    }
}
