//! The log seals every table that decides who may act or what is counted (issue 16, point
//! 3): each row of staff, agencies, fields, routes, service codes, settings and the
//! operator's calendar days is what the change events say, and each clock is what the log
//! replays to under the calendar. `audit verify` names every row edited, inserted or
//! deleted behind the tool's back, with plain SQL; `restore` refuses a backup so edited.

use std::sync::OnceLock;

use crate::common::*;

/// `audit verify` in English, as the auditor.
fn verify(env: &TestEnv) -> Run {
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
}

/// A validated database in which every sealed table has rows changed through the tool:
/// routes, a service code, a setting and an operator's calendar day added, an account
/// disabled, and report 5 assigned on Monday 5 October and replied two days late (its
/// processing clock breached).
fn world() -> TestEnv {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        let mut env = TestEnv::validated();
        for args in [
            &["route", "add", "--field", "GT", "--agency", "SXD"][..],
            &[
                "route",
                "add",
                "--field",
                "TTDT",
                "--commune",
                "Phường An Xuyên",
                "--agency",
                "32002",
            ],
            &[
                "service", "add", "pothole", "--field", "GT", "--name", "Ổ gà",
            ],
            &["settings", "set", "classify.auto_min_score", "3"],
            &[
                "calendar",
                "add-holiday",
                "2026-11-24",
                "--name",
                "Ngày Văn hóa Việt Nam",
            ],
            &["staff", "disable", "xuly.pccm.tai"],
        ] {
            env.run_as(ADMIN, args).success();
        }
        env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
            .success();
        env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
            .success();
        env.set_now("2026-10-07T09:00:00+07:00");
        env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
            .success();
        verify(&env).success();
        env.snapshot()
    });
    TestEnv::from_bytes(bytes)
}

/// Classifies and dispatches to SXD the first accepted report after report 5, at the
/// world's clock; returns its id.
fn dispatch_another(env: &TestEnv) -> String {
    let id = env
        .count("SELECT min(id) FROM reports WHERE status = 'accepted' AND id > 5")
        .to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
    id
}

#[test]
fn verify_checks_every_sealed_row_and_every_clock() {
    let env = world();
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .success()
        .json();
    assert_eq!(outcome["ok"], true, "{outcome:#}");
    let rows: i64 = [
        "staff",
        "staff_logins",
        "agencies",
        "fields",
        "routes",
        "service_codes",
        "settings",
        "calendar_days",
    ]
    .iter()
    .map(|t| env.count(&format!("SELECT count(*) FROM {t}")))
    .sum();
    assert_eq!(outcome["table_rows_checked"], rows);
    assert_eq!(outcome["tables_unsealed"], serde_json::json!([]));
    assert_eq!(
        outcome["clocks_checked"],
        env.count("SELECT count(*) FROM clocks")
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM clocks WHERE report_id = 5 AND stage = 'process' AND breached = 1"
        ),
        1,
        "the late reply breached the processing clock"
    );
}

/// One edit per sealed table (and per kind of edit), each on a fresh copy of the world, and
/// the row `audit verify` must name for it.
#[test]
fn each_sealed_table_edited_behind_the_tools_back_is_named() {
    let cases: [(&str, &str); 14] = [
        (
            "UPDATE staff SET role = 'admin' WHERE username = 'xuly.sxd.hung'",
            r#"staff row "xuly\.sxd\.hung": differs from what event \d+ recorded"#,
        ),
        (
            "UPDATE staff SET active = 1 WHERE username = 'xuly.pccm.tai'",
            r#"staff row "xuly\.pccm\.tai": differs"#,
        ),
        (
            "INSERT INTO staff (username, name, role) VALUES ('ghost', 'Bóng Ma', 'admin')",
            r#"staff row "ghost": no event records it \(inserted outside phananh\)"#,
        ),
        (
            "UPDATE agencies SET parent = NULL WHERE code = '32002'",
            r#"agencies row "32002": differs"#,
        ),
        (
            "UPDATE fields SET keywords = '' WHERE code = 'GT'",
            r#"fields row "GT": differs"#,
        ),
        (
            "UPDATE routes SET agency = 'PCCM' WHERE field = 'GT'",
            r#"routes row \("GT", ""\): differs"#,
        ),
        (
            "DELETE FROM routes WHERE field = 'TTDT'",
            r#"routes row \("TTDT", "Phường An Xuyên"\): event \d+ recorded it, and it is gone"#,
        ),
        (
            "UPDATE service_codes SET field = 'XD' WHERE service_code = 'pothole'",
            r#"service_codes row "pothole": differs"#,
        ),
        (
            "UPDATE settings SET value = '1' WHERE key = 'classify.auto_min_score'",
            r#"settings row "classify\.auto_min_score": differs"#,
        ),
        (
            "INSERT INTO settings (key, value) VALUES ('score.weight_on_time', '0.9')",
            r#"settings row "score\.weight_on_time": no event records it"#,
        ),
        (
            "INSERT INTO calendar_days (date, entry, name) VALUES ('2026-10-06', 'off', 'Nghỉ lén')",
            r#"calendar_days row "2026-10-06": no event records it"#,
        ),
        (
            "DELETE FROM calendar_days WHERE date = '2026-11-24'",
            r#"calendar_days row "2026-11-24": event \d+ recorded it, and it is gone"#,
        ),
        (
            "UPDATE clocks SET breached = 0 WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 1\): its breached flag differs",
        ),
        (
            "UPDATE clocks SET agency = 'PCCM' WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 1\): its agency differs",
        ),
    ];
    for (sql, named) in cases {
        let env = world();
        env.writable()
            .execute(sql, [])
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        verify(&env)
            .code(5)
            .one_line_error()
            .stderr_has("audit chain broken")
            .stderr_matches(named);
        let outcome = env
            .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
            .code(5)
            .json();
        assert_eq!(outcome["ok"], false, "{sql}");
        assert!(
            regex::Regex::new(named)
                .unwrap()
                .is_match(outcome["first_problem"].as_str().unwrap()),
            "{sql}: {outcome:#}"
        );
    }
}

#[test]
fn a_clock_moved_deleted_or_added_behind_the_tools_back_is_named() {
    let cases: [(&str, &str); 5] = [
        // The deadline pushed past the late reply, the flag made to agree with it.
        (
            "UPDATE clocks SET due_at = '2026-10-09T17:00:00+07:00', breached = 0
              WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 1\): its deadline differs",
        ),
        (
            "UPDATE clocks SET stopped_at = NULL, stop_event = NULL, breached = NULL
              WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 1\): its stop differs",
        ),
        (
            "UPDATE clocks SET started_at = '2026-10-06T08:00:00+07:00'
              WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 1\): its start differs",
        ),
        (
            "DELETE FROM clocks WHERE report_id = 5 AND stage = 'process'",
            r"report 5: the log starts its process clock round 1, which the clocks table lacks",
        ),
        (
            "INSERT INTO clocks (report_id, stage, round, agency, started_at, rule, limit_seconds,
                                 due_at, calendar_version)
             SELECT report_id, stage, round + 1, agency, started_at, rule, limit_seconds, due_at,
                    calendar_version
               FROM clocks WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 2\): no event starts it",
        ),
    ];
    for (sql, named) in cases {
        let env = world();
        assert_eq!(env.writable().execute(sql, []).unwrap(), 1, "{sql}");
        verify(&env).code(5).one_line_error().stderr_matches(named);
    }
}

#[test]
fn an_open_clock_whose_deadline_was_moved_is_named() {
    let env = world();
    // Another report is dispatched now; its processing clock runs under the calendar in force.
    let id = dispatch_another(&env);
    verify(&env).success();
    env.writable()
        .execute(
            "UPDATE clocks SET due_at = '2026-12-31T17:00:00+07:00'
              WHERE report_id = ?1 AND stage = 'process'",
            [&id],
        )
        .unwrap();
    verify(&env).code(5).stderr_matches(&format!(
        r"clock \d+ \(report {id}, process round 1\): its deadline differs"
    ));
}

/// The insider's edit of issue 16 (a late reply made on time) on a clock stopped before the
/// calendar last changed: its stored calendar version is no longer today's, so its deadline
/// is recomputed under the calendar the log says was in force before its stop.
#[test]
fn a_stopped_clock_under_an_earlier_calendar_whose_deadline_was_moved_is_named() {
    let env = world();
    env.run_as(
        ADMIN,
        &["calendar", "add-holiday", "2026-12-24", "--name", "Nghỉ bù"],
    )
    .success();
    assert_eq!(
        env.count(
            "SELECT count(*) FROM clocks WHERE report_id = 5 AND stage = 'process'
                AND calendar_version <> (SELECT calendar_version FROM clocks
                                          WHERE stopped_at IS NULL LIMIT 1)"
        ),
        1,
        "the late clock keeps the calendar it was computed under"
    );
    verify(&env).success();
    env.writable()
        .execute(
            "UPDATE clocks SET due_at = '2026-10-09T17:00:00+07:00', breached = 0
              WHERE report_id = 5 AND stage = 'process'",
            [],
        )
        .unwrap();
    verify(&env)
        .code(5)
        .one_line_error()
        .stderr_matches(r"clock \d+ \(report 5, process round 1\): its deadline differs");
}

/// A clock that ran while the calendar changed (its deadline recomputed), stopped, and then
/// saw the calendar change again verifies as it is, and not once moved.
#[test]
fn a_clock_recomputed_while_open_and_stopped_before_a_later_change_verifies() {
    let mut env = world();
    // Dispatched late on Monday, so that a holiday on Tuesday moves its deadline but not its
    // start: it stays a clock of working hours, whose deadline only a calendar can redo.
    env.set_now("2026-10-05T15:00:00+07:00");
    let id = dispatch_another(&env);
    let due = |env: &TestEnv| {
        env.column::<String>(&format!(
            "SELECT due_at FROM clocks WHERE report_id = {id} AND stage = 'process'"
        ))
    };
    let first = due(&env);
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-holiday",
            "2026-10-06",
            "--name",
            "Nghỉ đột xuất",
        ],
    )
    .success();
    assert_ne!(due(&env), first, "the running clock was recomputed");
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM clocks
              WHERE report_id = {id} AND stage = 'process' AND rule = 'working_hours'"
        )),
        1
    );
    env.set_now("2026-10-07T09:00:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", &id, "--text", "Đã xử lý."])
        .success();
    env.run_as(
        ADMIN,
        &["calendar", "add-holiday", "2026-12-24", "--name", "Nghỉ bù"],
    )
    .success();
    verify(&env).success();
    env.writable()
        .execute(
            &format!(
                "UPDATE clocks SET due_at = '2026-10-09T17:00:00+07:00', breached = 0
                  WHERE report_id = {id} AND stage = 'process'"
            ),
            [],
        )
        .unwrap();
    verify(&env).code(5).stderr_matches(&format!(
        r"clock \d+ \(report {id}, process round 1\): its deadline differs"
    ));
}

/// The sweep marks each clock it reminded about with the reminder's event: a mark cleared
/// (the next sweep reminds again) or set (it stays silent about a late report) behind the
/// tool's back is named.
#[test]
fn a_reminder_mark_cleared_or_set_behind_the_tools_back_is_named() {
    let mut env = world();
    let id = dispatch_another(&env);
    env.set_now("2026-10-20T09:00:00+07:00");
    env.run_as(ADMIN, &["sweep"]).success();
    let reminded = format!(
        "SELECT count(*) FROM clocks c JOIN events e ON e.id = c.reminded_overdue
          WHERE c.report_id = {id} AND c.stage = 'process' AND c.reminded_soon IS NULL
            AND e.action = 'remind' AND e.report_id = {id}"
    );
    assert_eq!(env.count(&reminded), 1, "the sweep marked the late clock");
    verify(&env).success();
    let cases = [
        format!(
            "UPDATE clocks SET reminded_overdue = NULL
              WHERE report_id = {id} AND stage = 'process'"
        ),
        format!(
            "UPDATE clocks SET reminded_soon = reminded_overdue
              WHERE report_id = {id} AND stage = 'process'"
        ),
    ];
    for sql in cases {
        let env = TestEnv::from_bytes(&env.snapshot());
        assert_eq!(env.writable().execute(&sql, []).unwrap(), 1, "{sql}");
        verify(&env)
            .code(5)
            .one_line_error()
            .stderr_matches(&format!(
                r"clock \d+ \(report {id}, process round 1\): its reminder mark differs"
            ));
    }
}

#[test]
fn changes_made_through_the_tool_keep_the_tables_sealed() {
    let env = world();
    // Each kind of change, through the tool, after the world's.
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "GT", "--agency", "PCCM", "--yes"],
    )
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
    env.run_as(ADMIN, &["calendar", "remove", "2026-11-24"])
        .success();
    env.run_as(ADMIN, &["settings", "set", "classify.auto_min_score", "2"])
        .success();
    verify(&env).success();
    // Each change event carries the rows it wrote, sealed with it.
    let payload: String = env
        .read_only()
        .query_row(
            "SELECT payload FROM events WHERE action = 'staff_add' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["sealed"]["rows"][0]["table"], "staff");
    assert_eq!(payload["sealed"]["rows"][0]["key"][0], "moi.vao");
    assert_eq!(
        payload["sealed"]["rows"][0]["digest"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    // The init event sealed every table whole.
    let init: String = env
        .read_only()
        .query_row(
            "SELECT payload FROM events WHERE action = 'init'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let init: serde_json::Value = serde_json::from_str(&init).unwrap();
    assert_eq!(
        init["sealed"]["whole"],
        serde_json::json!([
            "staff",
            "staff_logins",
            "agencies",
            "fields",
            "routes",
            "service_codes",
            "settings",
            "calendar_days"
        ])
    );
}

#[test]
fn restore_refuses_a_backup_with_a_ghost_admin_or_an_unbreached_clock() {
    let env = world();
    let before = env.fingerprint();
    for (name, sql, named) in [
        (
            "ghost.sqlite",
            "INSERT INTO staff (username, name, role) VALUES ('ghost', 'Bóng Ma', 'admin')",
            r#"staff row "ghost": no event records it"#,
        ),
        (
            "unbreached.sqlite",
            "UPDATE clocks SET breached = 0 WHERE report_id = 5 AND stage = 'process'",
            r"clock \d+ \(report 5, process round 1\): its breached flag differs",
        ),
    ] {
        let copy = env.dir().join(name);
        env.run_as(ADMIN, &["backup", "--out", copy.to_str().unwrap()])
            .success();
        rusqlite::Connection::open(&copy)
            .unwrap()
            .execute(sql, [])
            .unwrap();
        let before = env.fingerprint();
        env.run_as(ADMIN, &["--lang", "en", "restore", copy.to_str().unwrap()])
            .code(5)
            .one_line_error()
            .stderr_has("the current database is unchanged")
            .stderr_matches(named);
        // The refusal is logged, nothing else changes.
        env.assert_only_refusal(&before, ADMIN);
    }
    assert_ne!(
        env.fingerprint(),
        before,
        "the backups and the refusals are logged"
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// An honest step never seals a report row edited behind the tool's back: it would make
/// the edit the log's own, and `audit verify` would pass it for good. The rating of a
/// published report whose answer was rewritten and the erasure of a private answer made
/// public are refused (exit 5) and write nothing; the retention sweep and a validation of
/// the queue write nothing for the edited report (exit 5) and do their work for the others;
/// a reveal of the edited row is recorded about the report without sealing it; `audit
/// verify` still names the row after each.
#[test]
fn no_step_seals_a_report_row_edited_behind_the_tools_back() {
    let mut env = TestEnv::demo();
    env.set_now("2027-01-05T09:00:00+07:00");
    let names = |env: &TestEnv, id: i64| {
        verify(env).code(5).stderr_has(&format!("report {id}"));
    };
    let published: i64 = env.column(
        "SELECT id FROM reports WHERE status = 'published' AND rating IS NULL ORDER BY id LIMIT 1",
    )[0];
    env.writable()
        .execute(
            "UPDATE reports SET result_text = 'Đã xử lý xong, người dân rất hài lòng.' WHERE id = ?1",
            [published],
        )
        .unwrap();
    names(&env, published);
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "rate",
            &published.to_string(),
            "--score",
            "4",
        ],
    )
    .code(5)
    .one_line_error()
    .stderr_has(&format!("report {published} was changed outside phananh"))
    .stderr_has("audit verify");
    env.assert_unchanged(&before);
    names(&env, published);

    let private: i64 =
        env.column("SELECT id FROM reports WHERE status = 'closed_private' ORDER BY id LIMIT 1")[0];
    env.writable()
        .execute(
            "UPDATE reports SET status = 'published', confidential = 0 WHERE id = ?1",
            [private],
        )
        .unwrap();
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &["erase", &private.to_string(), "--reason", "yêu cầu xóa"],
    )
    .code(5)
    .stderr_has("đã bị sửa ngoài phananh");
    env.assert_unchanged(&before);

    // Nor is an identity shown over it: whether it may be is the row's to say, and the row
    // is not the log's (`privacy::a_reveal_over_a_row_edited_with_sqlite3_shows_no_identity`).
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "show",
            &private.to_string(),
            "--reveal",
            "--reason",
            "kiểm tra",
        ],
    )
    .code(5)
    .one_line_error()
    .stderr_has(&format!(
        "Không hiện danh tính người phản ánh của phản ánh {private}"
    ))
    .stderr_has("bị sửa ngoài phananh");
    env.assert_unchanged(&before);
    names(&env, published);

    // The cron sweep's retention erasure, with no one at the desk (confirmed: it would
    // erase the identities of reports closed before yesterday).
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "1", "--yes"],
    )
    .success();
    let erased_before = env.count("SELECT count(*) FROM events WHERE action = 'erase'");
    let erasures_of_published =
        format!("SELECT count(*) FROM events WHERE action = 'erase' AND report_id = {published}");
    env.run_as(RECEPTION, &["sweep", "--quiet"])
        .code(5)
        .stderr_has("đã bị sửa ngoài phananh");
    assert_eq!(env.count(&erasures_of_published), 0);
    // The edited report alone is left out.
    assert!(env.count("SELECT count(*) FROM events WHERE action = 'erase'") > erased_before);
    names(&env, published);

    // A validation of a received report whose text was changed after it arrived.
    let env = TestEnv::ingested();
    env.writable()
        .execute(
            "UPDATE reports SET content = content || ' (đã sửa)' WHERE id = 7",
            [],
        )
        .unwrap();
    let row_7 =
        "SELECT quote(content) || status || quote(reject_reasons) FROM reports WHERE id = 7";
    let (row_7_before, events_of_7) = (
        env.column::<String>(row_7),
        env.count("SELECT count(*) FROM events WHERE report_id = 7"),
    );
    env.run_as(RECEPTION, &["validate"])
        .code(5)
        .stderr_has("Phản ánh 7 đã bị sửa ngoài phananh");
    // Nothing of report 7 is written; the others are judged.
    assert_eq!(env.column::<String>(row_7), row_7_before);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE report_id = 7"),
        events_of_7
    );
    assert_eq!(
        env.column::<i64>("SELECT id FROM reports WHERE status = 'received'"),
        [7],
        "the other reports were validated"
    );
    names(&env, 7);
}

/// One report edited behind the tool's back stopped
/// `validate` of the whole queue (exit 5): none of the others got a verdict, and an insider
/// could stall the desk so until a restore. The edited report is still refused, nothing
/// written for it and named at the end (exit 5); every other waiting report is judged as it
/// would have been, in the same run, and the summary says how many and which was left out.
/// The refusal of a step over a report row edited behind the tool's back, whole in each
/// language: what was found, that nothing was recorded and why, and the way back.
#[test]
fn a_step_refused_over_an_edited_row_is_worded_whole_in_both_languages() {
    let env = TestEnv::validated();
    env.writable()
        .execute(
            "UPDATE reports SET result_text = 'Đã xử lý xong.' WHERE id = 7",
            [],
        )
        .unwrap();
    let erase = |lang: &str| {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "erase",
                "7",
                "--reason",
                "Công dân yêu cầu xóa",
            ],
        )
    };
    let run = erase("vi");
    run.code(5);
    assert_eq!(
        run.stderr,
        "phananh: Phản ánh 7 đã bị sửa ngoài phananh: hàng dữ liệu của nó không còn khớp với lần niêm phong cuối trong nhật ký. Bước này không được ghi, để không niêm phong bản đã sửa. Chạy `phananh audit verify` để xem chỗ sửa, rồi khôi phục bản sao lưu (`phananh restore`).\n"
    );
    let run = erase("en");
    run.code(5);
    assert_eq!(
        run.stderr,
        "phananh: report 7 was changed outside phananh: its row no longer matches the log's last seal. This step was not recorded, so as not to seal the edited row. Run `phananh audit verify` to see the edit, then restore a backup (`phananh restore`)\n"
    );
}

#[test]
fn one_edited_report_in_the_queue_is_left_out_and_every_other_is_validated() {
    let verdicts = "SELECT id || ' ' || status || ' ' || coalesce(reject_reasons, '') FROM reports WHERE id <> 170 ORDER BY id";
    let expected: Vec<String> = TestEnv::validated().column(verdicts);
    let env = TestEnv::ingested();
    env.writable()
        .execute(
            "UPDATE reports SET content = content || '.' WHERE id = 170",
            [],
        )
        .unwrap();
    let events_of_170 = "SELECT count(*) FROM events WHERE report_id = 170";
    let events_before = env.count(events_of_170);
    let run = env.run_as(RECEPTION, &["--lang", "en", "validate", "--format", "csv"]);
    run.code(5)
        .stderr_has("checked 339 reports: ")
        .stderr_has("; 1 report changed outside phananh left unchecked: 170\n")
        .stderr_has("phananh: report 170 was changed outside phananh: its row no longer matches the log's last seal. It was not checked and stays received, so as not to seal the edited row; 339 other reports were checked. Run `phananh audit verify`")
        .never_shows("The other reports waiting were not checked");
    // Besides the warnings of contents public from acceptance (`going_public::`): the
    // summary and the refusal, nothing else.
    let said: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("warning: report ") && !l.starts_with("… and "))
        .collect();
    assert_eq!(said.len(), 2, "{run}");
    assert_eq!(run.stdout.lines().count(), 1 + 339, "{run}");
    assert_eq!(env.column::<String>(verdicts), expected);
    assert_eq!(env.status_of_unvouched("170"), "received");
    assert_eq!(env.count(events_of_170), events_before);
    verify(&env).code(5).stderr_has("report 170");

    // Again: nothing left to judge but the edited one, still refused.
    env.run_as(RECEPTION, &["validate"])
        .code(5)
        .stderr_has("Đã kiểm tra 0 phản ánh: 0 tiếp nhận, 0 từ chối; không kiểm tra 1 phản ánh bị sửa ngoài phananh: 170.")
        .stderr_has("Phản ánh 170 đã bị sửa ngoài phananh")
        .stderr_has("Nó không được kiểm tra, vẫn ở trạng thái “Chờ kiểm tra”");
    assert_eq!(env.count(events_of_170), events_before);
    verify(&env).code(5).stderr_has("report 170");

    // Named with others, it is left out of their one transaction likewise.
    let env = TestEnv::ingested();
    env.writable()
        .execute(
            "UPDATE reports SET content = content || '.' WHERE id = 170",
            [],
        )
        .unwrap();
    env.run_as(
        RECEPTION,
        &["--lang", "en", "validate", "169", "170", "171"],
    )
    .code(5)
    .stderr_has("checked 2 reports: ")
    .stderr_has("report 170 was changed outside phananh");
    assert_eq!(env.status_of_unvouched("170"), "received");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE id IN (169, 171) AND status <> 'received'"),
        2
    );
}

/// Point 13 too: the cron sweep's retention erasure refused every erasure while one closed
/// report was edited behind the tool's back. It erases the others, names the edited one
/// (exit 5, even with --quiet) and writes nothing for it; so does `erase --closed-before`.
#[test]
fn one_edited_closed_report_is_left_out_of_a_retention_erasure_and_the_others_erased() {
    let mut env = TestEnv::demo();
    env.set_now("2027-01-05T09:00:00+07:00");
    let edited: i64 = env
        .column("SELECT id FROM reports WHERE status = 'published' ORDER BY id LIMIT 1 OFFSET 20")
        [0];
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "1", "--yes"],
    )
    .success();
    let dry = env.run_as(
        RECEPTION,
        &["--lang", "en", "sweep", "--dry-run", "--quiet"],
    );
    let due: i64 = dry
        .stderr
        .split("the identities of ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {dry}"));
    assert!(due > 21, "{dry}");
    env.writable()
        .execute(
            "UPDATE reports SET result_text = result_text || ' Đã xong.' WHERE id = ?1",
            [edited],
        )
        .unwrap();
    // The dry run counts what the real sweep will erase, and names the one it will leave out.
    env.run_as(
        RECEPTION,
        &["--lang", "en", "sweep", "--dry-run", "--quiet"],
    )
    .success()
    .stderr_has(&format!(
        "would erase for good the identities of {} reports closed past the retention period",
        due - 1
    ))
    .stderr_has(&format!(
        "report {edited} was changed outside phananh: its row no longer matches the log's last seal: a real sweep would leave it out, not erased, and end with exit code 5"
    ));
    let erasures = "SELECT count(*) FROM events WHERE action = 'erase'";
    let erasures_of_edited =
        format!("SELECT count(*) FROM events WHERE action = 'erase' AND report_id = {edited}");
    let before = env.count(erasures);
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--quiet"])
        .code(5)
        .stderr_has(&format!(
            "erased the identities of {} reports closed past the retention period",
            due - 1
        ))
        .stderr_has(&format!(
            "phananh: report {edited} was changed outside phananh: its row no longer matches the log's last seal. Its identity was not erased, so as not to seal the edited row; the identities of {} other reports were erased.",
            due - 1
        ));
    assert_eq!(env.count(erasures), before + due - 1);
    assert_eq!(env.count(&erasures_of_edited), 0);
    verify(&env).code(5).stderr_has(&format!("report {edited}"));

    // The next sweep has only the edited one left, and still refuses it; its dry run says so.
    env.run_as(RECEPTION, &["sweep", "--dry-run", "--quiet"])
        .success()
        .stderr_has("lần quét thật bây giờ sẽ không xóa danh tính nào theo thời hạn lưu giữ")
        .stderr_has(&format!(
            "Phản ánh {edited} đã bị sửa ngoài phananh: hàng dữ liệu của nó không còn khớp với lần niêm phong cuối trong nhật ký: lần quét thật sẽ bỏ ra"
        ));
    env.run_as(RECEPTION, &["sweep", "--quiet"])
        .code(5)
        .stderr_has(&format!("Phản ánh {edited} đã bị sửa ngoài phananh"))
        .stderr_has("Danh tính của nó không bị xóa");
    assert_eq!(env.count(erasures), before + due - 1);

    // An admin's erasure of every report closed before a day leaves it out likewise.
    let mut env = TestEnv::demo();
    env.set_now("2027-01-05T09:00:00+07:00");
    env.writable()
        .execute(
            "UPDATE reports SET result_text = result_text || ' Đã xong.' WHERE id = ?1",
            [edited],
        )
        .unwrap();
    let before = env.count(erasures);
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "erase",
            "--closed-before",
            "2027-01-04",
            "--reason",
            "hết thời hạn lưu giữ",
        ],
    )
    .code(5)
    .stderr_has(&format!("report {edited} was changed outside phananh"));
    assert_eq!(env.count(erasures), before + due - 1);
    assert_eq!(env.count(&erasures_of_edited), 0);
}

/// An insider who edits many rows: `audit verify` named only the first, and the auditor
/// who put that one right met the next on the next run, never told how much was touched.
/// Every edited row is now counted and named (twenty at most, then how many more), on the
/// one line of the failure and in the JSON's `edited_rows`; the exit is 5 as before.
#[test]
fn verify_names_every_row_edited_behind_the_tools_back() {
    let env = world();
    env.writable()
        .execute_batch(
            "UPDATE staff SET role = 'admin' WHERE username = 'xuly.sxd.hung';
             UPDATE settings SET value = '1' WHERE key = 'classify.auto_min_score';
             DELETE FROM routes WHERE field = 'TTDT';
             UPDATE reports SET urgent = 1 - urgent WHERE id IN (7, 9);",
        )
        .unwrap();
    let run = verify(&env);
    run.code(5)
        .one_line_error()
        .stderr_has("audit chain broken: 5 rows edited")
        .stderr_matches(r"report 7: the row differs from what event \d+ recorded")
        .stderr_matches(r"report 9: the row differs")
        .stderr_matches(r#"staff row "xuly\.sxd\.hung": differs"#)
        .stderr_matches(r#"settings row "classify\.auto_min_score": differs"#)
        .stderr_matches(
            r#"routes row \("TTDT", "Phường An Xuyên"\): event \d+ recorded it, and it is gone"#,
        );
    assert!(!run.stderr.contains("more"), "{run}");
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    assert_eq!(outcome["ok"], false);
    assert_eq!(outcome["edited_rows_count"], 5, "{outcome:#}");
    let rows = array(&outcome["edited_rows"]);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0], outcome["first_problem"]);

    // Thirty report rows more: twenty named, the rest counted.
    env.writable()
        .execute(
            "UPDATE reports SET urgent = 1 - urgent WHERE id BETWEEN 10 AND 39",
            [],
        )
        .unwrap();
    let run = verify(&env);
    run.code(5)
        .one_line_error()
        .stderr_has("35 rows edited")
        .stderr_has("; and 15 more;");
    assert_eq!(run.stderr.matches(": the row differs").count(), 20, "{run}");
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has("35 hàng dữ liệu bị sửa")
        .stderr_has("và 15 hàng nữa");
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    assert_eq!(array(&outcome["edited_rows"]).len(), 35);
}
