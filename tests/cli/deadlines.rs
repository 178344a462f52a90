//! Legal deadlines end to end (docs/rules.md §3, §4): the clocks each workflow step starts and
//! stops, `calendar show|add-holiday|add-workday|remove|import|deadline`, recomputation of
//! open clocks only, `list --overdue`, and `sweep` with its once-per-threshold reminders.

use serde_json::Value;

use crate::common::*;

/// `calendar deadline --stage STAGE --start START`.
fn deadline<'a>(stage: &'a str, start: &'a str) -> [&'a str; 6] {
    ["calendar", "deadline", "--stage", stage, "--start", start]
}

/// `calendar add-holiday DATE --name NAME`.
fn add_holiday<'a>(date: &'a str, name: &'a str) -> [&'a str; 5] {
    ["calendar", "add-holiday", date, "--name", name]
}

/// What `calendar deadline` computes for a stage from a start, as its JSON.
fn deadline_json(env: &TestEnv, stage: &str, start: &str) -> Value {
    env.run(&[&deadline(stage, start)[..], &["--format", "json"]].concat())
        .success()
        .json()
}

fn clocks(env: &TestEnv, id: &str) -> Vec<Value> {
    array(&env.show(id)["clocks"]).clone()
}

/// The clock of `stage` and `round`, as `show --format json` prints it.
fn clock(env: &TestEnv, id: &str, stage: &str, round: i64) -> Value {
    clocks(env, id)
        .into_iter()
        .find(|c| c["stage"] == stage && c["round"] == round)
        .unwrap_or_else(|| panic!("report {id} has no {stage} clock round {round}"))
}

fn assert_clock(c: &Value, due: &str, stopped: Option<&str>, breached: Option<bool>) {
    assert_eq!(c["due_at"], due, "{c:#}");
    assert_eq!(
        c["stopped_at"],
        stopped.map_or(Value::Null, Value::from),
        "{c:#}"
    );
    assert_eq!(
        c["breached"],
        breached.map_or(Value::Null, Value::from),
        "{c:#}"
    );
}

#[test]
fn every_step_starts_and_stops_the_clocks_of_the_spec_table() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-10-05 08:00");
    let id = &receive(&env, &[("DL-1", "2026-10-05T07:30:00+07:00", false)])[0];
    let id = id.as_str();
    // Received Monday 07:30, inside a window: 2 working hours.
    assert_clock(
        &clock(&env, id, "dispatch", 1),
        "2026-10-05T09:30:00+07:00",
        None,
        None,
    );
    assert_eq!(clock(&env, id, "dispatch", 1)["rule"], "working_hours");

    env.run_as(RECEPTION, &["classify", id, "--field", "XD"])
        .success();
    at(&mut env, "2026-10-05 08:10");
    env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
        .success();
    assert_clock(
        &clock(&env, id, "dispatch", 1),
        "2026-10-05T09:30:00+07:00",
        Some("2026-10-05T08:10:00+07:00"),
        Some(false),
    );
    let ret = clock(&env, id, "return", 1);
    assert_clock(&ret, "2026-10-05T09:10:00+07:00", None, None);
    assert_eq!(ret["agency"], "SXD");
    // 08:10 + 4 working hours: 2 h 50 before lunch, 1 h 10 after.
    assert_clock(
        &clock(&env, id, "process", 1),
        "2026-10-05T14:10:00+07:00",
        None,
        None,
    );

    // The reply comes late; the unused return window closes unbreached.
    at(&mut env, "2026-10-05 15:00");
    env.run_as(HANDLER_SXD, &["reply", id, "--text", "Đã xử lý xong."])
        .success();
    assert_clock(
        &clock(&env, id, "process", 1),
        "2026-10-05T14:10:00+07:00",
        Some("2026-10-05T15:00:00+07:00"),
        Some(true),
    );
    assert_eq!(clock(&env, id, "return", 1)["breached"], false);
    // It passed unused at 09:10: lapsed, also once the reply closed it (docs/rules.md §3),
    // not "on time" beside a stop after its end.
    assert_eq!(clock(&env, id, "return", 1)["state"], "lapsed");
    // Two working hours from 15:00 end exactly at 17:00, the window's close.
    assert_clock(
        &clock(&env, id, "publish", 1),
        "2026-10-05T17:00:00+07:00",
        None,
        None,
    );

    // A send-back is a new processing round, counted into Tuesday.
    at(&mut env, "2026-10-05 16:00");
    env.run_as(
        RECEPTION,
        &["verify", id, "--send-back", "--reason", "Thiếu hình ảnh"],
    )
    .success();
    assert_eq!(clock(&env, id, "publish", 1)["breached"], false);
    assert_clock(
        &clock(&env, id, "process", 2),
        "2026-10-06T10:00:00+07:00",
        None,
        None,
    );
    assert_eq!(clock(&env, id, "process", 2)["agency"], "SXD");

    at(&mut env, "2026-10-06 09:00");
    env.run_as(HANDLER_SXD, &["reply", id, "--text", "Đã bổ sung."])
        .success();
    assert_eq!(clock(&env, id, "process", 2)["breached"], false);
    at(&mut env, "2026-10-06 11:30");
    env.run_as(RECEPTION, &["verify", id, "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", id]).success();
    assert_clock(
        &clock(&env, id, "publish", 2),
        "2026-10-06T11:00:00+07:00",
        Some("2026-10-06T11:30:00+07:00"),
        Some(true),
    );
    // Nothing is left running, and every clock names the calendar it was computed under.
    let all = clocks(&env, id);
    assert_eq!(all.len(), 6);
    assert!(all.iter().all(|c| !c["stopped_at"].is_null()));
    assert!(
        all.iter()
            .all(|c| c["calendar_version"].as_str().unwrap().len() == 12)
    );
}

#[test]
fn a_return_after_the_window_is_late_and_restarts_dispatch() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-10-05 08:00");
    let id = receive(&env, &[("DL-R", "2026-10-05T07:30:00+07:00", false)]).remove(0);
    let id = id.as_str();
    env.run_as(RECEPTION, &["classify", id, "--field", "XD"])
        .success();
    env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
        .success();
    at(&mut env, "2026-10-05 09:30");
    env.run_as(
        HANDLER_SXD,
        &["return", id, "--reason", "Không thuộc thẩm quyền"],
    )
    .success();
    let ret = clock(&env, id, "return", 1);
    assert_clock(
        &ret,
        "2026-10-05T09:00:00+07:00",
        Some("2026-10-05T09:30:00+07:00"),
        Some(true),
    );
    assert_eq!(ret["state"], "late");
    assert_eq!(clock(&env, id, "process", 1)["breached"], false);
    // 09:30 + 2 working hours: 1 h 30 before lunch, 30 min after.
    assert_clock(
        &clock(&env, id, "dispatch", 2),
        "2026-10-05T13:30:00+07:00",
        None,
        None,
    );
}

#[test]
fn a_report_sent_on_a_day_off_gets_clock_hours_and_shows_up_overdue() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-10-05 08:00");
    let ids = receive(
        &env,
        &[
            ("DL-SAT", "2026-10-03T10:00:00+07:00", false),
            ("DL-MON", "2026-10-05T07:45:00+07:00", false),
        ],
    );
    let sat = clock(&env, &ids[0], "dispatch", 1);
    assert_eq!(sat["rule"], "clock_hours");
    assert_eq!(sat["limit_hours"], 12.0);
    assert_clock(&sat, "2026-10-03T22:00:00+07:00", None, None);
    assert_eq!(sat["state"], "overdue");

    let listed: Vec<i64> = array(&env.json_as(RECEPTION, &["list", "--overdue"]))
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [ids[0].parse::<i64>().unwrap()]);
    // At 10:00 the Monday report is overdue as well.
    at(&mut env, "2026-10-05 10:00");
    let listed = array(&env.json_as(RECEPTION, &["list", "--overdue"])).len();
    assert_eq!(listed, 2);
}

/// `calendar deadline --stage "xử lý"` was refused, though every table names the stages
/// so ("Phân phối / Chuyển trả / Xử lý / Công khai"); they are taken as `list --status` takes
/// the status labels: any case, with or without marks.
#[test]
fn calendar_deadline_takes_a_stage_as_the_tables_print_it() {
    let env = TestEnv::seeded();
    let start = "2026-12-31 14:40";
    for (typed, stage) in [
        ("xử lý", "process"),
        ("XU LY", "process"),
        ("Chuyển trả", "return"),
        ("chuyen tra", "return"),
        // The label it was shown by before still reads as it did.
        ("Trả lại", "return"),
        ("phan phoi", "dispatch"),
        ("Công khai", "publish"),
    ] {
        assert_eq!(
            deadline_json(&env, typed, start),
            deadline_json(&env, stage, start),
            "{typed}"
        );
    }
}

#[test]
fn calendar_deadline_explains_each_day_and_cites_the_article() {
    let env = TestEnv::seeded();
    let json = deadline_json(&env, "process", "2026-02-13 15:00");
    assert_eq!(json["due_at"], "2026-02-23T09:00:00+07:00");
    assert_eq!(json["rule"], "working_hours");
    assert_eq!(json["article"], "điểm b khoản 1 Điều 8");
    let days = array(&json["days"]);
    assert_eq!(days.len(), 11);
    assert_eq!(days[0]["minutes"], 120);
    assert_eq!(days[10]["minutes"], 120);
    assert!(
        days[1..10]
            .iter()
            .all(|d| d["working_day"] == false && d["minutes"] == 0)
    );
    assert!(
        days[3]["reason"]
            .as_str()
            .unwrap()
            .contains("Tết Nguyên đán")
    );

    let table = env
        .run(&deadline("dispatch", "2026-11-06T16:30:00+07:00"))
        .success()
        .stdout
        .clone();
    assert!(table.contains("khoản 2 Điều 7"), "{table}");
    assert!(table.contains("2026-11-09T08:30:00+07:00"), "{table}");
    assert!(table.contains("nghỉ hằng tuần"), "{table}");
    env.run(&in_english(&deadline("dispatch", "2026-11-07 10:15")))
        .success()
        .stdout_has("clock hours")
        .stdout_has("2026-11-07T22:15:00+07:00");
    // Usage errors are Vietnamese by default; the English wording is asserted in English.
    env.run(&in_english(&deadline("lunch", "2026-11-07 10:15")))
        .code(2)
        .stderr_has("dispatch, return, process or publish");
    env.run(&deadline("lunch", "2026-11-07 10:15"))
        .code(2)
        .stderr_has(
            "Phân phối (dispatch), Chuyển trả (return), Xử lý (process) hoặc Công khai (publish)",
        );
    env.run(&deadline("dispatch", "tomorrow"))
        .code(2)
        .one_line_error()
        .stderr_has("--start");
}

#[test]
fn calendar_show_names_every_day_off_and_its_reason() {
    let env = TestEnv::seeded();
    let rows = env
        .run(&["calendar", "show", "2026", "--format", "json"])
        .success()
        .json();
    let rows = array(&rows);
    let find = |date: &str| {
        rows.iter()
            .find(|r| r["date"] == date)
            .unwrap_or_else(|| panic!("{date} missing"))
    };
    assert_eq!(find("2026-02-17")["off"], true);
    assert!(
        find("2026-02-17")["reason"]
            .as_str()
            .unwrap()
            .contains("Tết")
    );
    assert!(
        find("2026-02-17")["source"]
            .as_str()
            .unwrap()
            .contains("VPCP")
    );
    assert_eq!(find("2026-08-22")["off"], false);
    assert_eq!(find("2026-08-31")["off"], true);
    assert_eq!(find("2026-11-24")["off"], false);
    assert!(
        find("2026-11-24")["reason"]
            .as_str()
            .unwrap()
            .contains("chưa là ngày nghỉ")
    );
    assert_eq!(
        find("2026-12-26")["reason"],
        "nghỉ hằng tuần (Điều 111 Bộ luật Lao động 2019)"
    );
    // Every Saturday and Sunday is listed too: 52 + 52, less the two Saturdays worked in
    // exchange (10/1, 22/8), plus 13 weekdays off (1–2/1, 16–20/2, 27/4, 30/4, 1/5, 31/8,
    // 1–2/9).
    let off = rows.iter().filter(|r| r["off"] == true).count();
    assert_eq!(off, 104 - 2 + 13);

    // 2027 has no announced schedule: the rules of the Labour Code apply.
    let rows = env
        .run(&[
            "--lang", "en", "calendar", "show", "2027", "--format", "json",
        ])
        .success()
        .json();
    let reasons: Vec<(String, String)> = array(&rows)
        .iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap().to_owned(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (date, reason) in [
        ("2027-02-05", "Lunar New Year"),
        ("2027-02-10", "compensatory day for Lunar New Year"),
        ("2027-04-16", "Hùng Kings"),
        (
            "2027-05-03",
            "compensatory day for International Labour Day",
        ),
        ("2027-09-01", "National Day"),
    ] {
        assert!(
            reasons.iter().any(|(d, r)| d == date && r.contains(reason)),
            "{date} {reason}: {reasons:?}"
        );
    }
    env.run(&["calendar", "show", "1800"])
        .failure()
        .one_line_error();
}

#[test]
fn a_calendar_change_recomputes_open_clocks_only() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-11-06 17:00");
    let ids = receive(
        &env,
        &[
            ("DL-OPEN", "2026-11-06T16:30:00+07:00", false),
            ("DL-DONE", "2026-11-06T08:00:00+07:00", false),
        ],
    );
    let (open, done) = (ids[0].as_str(), ids[1].as_str());
    env.run_as(RECEPTION, &["classify", done, "--field", "XD"])
        .success();
    env.run_as(RECEPTION, &["assign", done, "--agency", "SXD"])
        .success();
    let stopped_before = clock(&env, done, "dispatch", 1);
    let open_before = clock(&env, open, "dispatch", 1);
    assert_eq!(open_before["due_at"], "2026-11-09T08:30:00+07:00");

    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-holiday",
            "2026-11-09",
            "--name",
            "Nghỉ đột xuất do bão",
            "--source",
            "Công văn UBND tỉnh (thử)",
        ],
    )
    .success()
    .stderr_has("tính lại");
    let open_after = clock(&env, open, "dispatch", 1);
    assert_eq!(open_after["due_at"], "2026-11-10T08:30:00+07:00");
    assert_ne!(
        open_after["calendar_version"],
        open_before["calendar_version"]
    );
    // The stopped clock keeps the deadline and calendar it was judged by.
    assert_eq!(clock(&env, done, "dispatch", 1), stopped_before);
    // The change is an event with both versions.
    let payload: Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'calendar_add_holiday'")
            [0],
    )
    .unwrap();
    assert_eq!(
        payload["calendar_version_before"],
        open_before["calendar_version"]
    );
    assert_eq!(payload["calendar_version"], open_after["calendar_version"]);
    // The open dispatch clock, and the return and process clocks the assignment started.
    assert_eq!(payload["recomputed_clocks"], 3);

    // Taking it back restores the deadline and the version.
    env.run_as(ADMIN, &["calendar", "remove", "2026-11-09"])
        .success();
    assert_eq!(clock(&env, open, "dispatch", 1), open_before);
    env.run_as(ADMIN, &["calendar", "remove", "2026-11-09"])
        .failure()
        .one_line_error();

    // A limit is a setting, and changing it moves open deadlines too.
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "deadline.dispatch.working_hours",
            "3",
            "--yes",
            "--reason",
            AMENDED,
        ],
    )
    .success();
    assert_eq!(
        clock(&env, open, "dispatch", 1)["due_at"],
        "2026-11-09T09:30:00+07:00"
    );
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "calendar.working_hours",
            "07:30-11:30,13:30-17:30",
        ],
    )
    .success();
    // Friday 16:30–17:30 is one hour; two more from Monday 07:30.
    assert_eq!(
        clock(&env, open, "dispatch", 1)["due_at"],
        "2026-11-09T09:30:00+07:00"
    );
    env.run_as(
        ADMIN,
        &["settings", "set", "calendar.working_hours", "7h-11h"],
    )
    .failure()
    .one_line_error()
    .stderr_has("07:00-11:00,13:00-17:00");
    env.run_as(ADMIN, &["settings", "set", "deadline.off_hours", "day_off"])
        .success();
    assert_eq!(clock(&env, done, "dispatch", 1), stopped_before);
}

#[test]
fn only_an_admin_changes_the_calendar_and_a_refusal_changes_nothing() {
    let env = TestEnv::seeded();
    for user in [RECEPTION, HANDLER_SXD, LEADER] {
        let before = env.fingerprint();
        env.run_as(
            user,
            &["calendar", "add-workday", "2026-12-26", "--name", "trực"],
        )
        .failure()
        .one_line_error();
        env.assert_only_refusal(&before, user);
    }
    env.run_as(
        ADMIN,
        &["calendar", "add-workday", "2026-12-26", "--name", " "],
    )
    .failure()
    .one_line_error()
    .stderr_has("--name");
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-workday",
            "26/12/2026",
            "--name",
            "Trực cuối năm",
        ],
    )
    .success();
    let rows = env
        .run(&["calendar", "show", "2026", "--format", "json"])
        .success()
        .json();
    let day = array(&rows)
        .iter()
        .find(|r| r["date"] == "2026-12-26")
        .unwrap()
        .clone();
    assert_eq!(day["off"], false);
    assert!(day["reason"].as_str().unwrap().contains("Trực cuối năm"));
}

#[test]
fn calendar_import_is_all_or_nothing_and_names_every_bad_line() {
    let env = TestEnv::seeded();
    let bad = env.write_file(
        "bad.csv",
        "date,type,occasion,source\n2027-02-12,off,Tết,VPCP\n2027-02-30,off,x,y\n2027-02-20,holiday,x,y\n",
    );
    let before = env.fingerprint();
    env.run_as(ADMIN, &["calendar", "import", bad.to_str().unwrap()])
        .failure()
        .stderr_has("bad.csv:3:")
        .stderr_has("bad.csv:4:");
    env.assert_unchanged(&before);

    let good = env.write_file(
        "good.csv",
        "date,weekday,type,occasion,source\n2027-02-12,T6,off_weekday,Tết Đinh Mùi (hoán đổi),VPCP 2026\n2027-02-20,T7,makeup_workday,làm bù cho 12/2/2027,VPCP 2026\n",
    );
    env.run_as(ADMIN, &["calendar", "import", good.to_str().unwrap()])
        .success();
    assert_eq!(env.count("SELECT count(*) FROM calendar_days"), 2);
    let json = deadline_json(&env, "dispatch", "2027-02-20 10:00");
    assert_eq!(json["rule"], "working_hours");
    assert_eq!(json["due_at"], "2027-02-20T14:00:00+07:00");
}

fn remind_events(env: &TestEnv) -> i64 {
    env.count("SELECT count(*) FROM events WHERE action = 'remind'")
}

#[test]
fn sweep_reminds_once_per_clock_and_threshold_urgent_first() {
    let (mut env, ids) = sweep_world();
    at(&mut env, "2026-10-05 08:35");
    let rows = env.json_as(RECEPTION, &["sweep"]);
    let rows = array(&rows);
    let order: Vec<String> = rows.iter().map(|r| r["report_id"].to_string()).collect();
    assert_eq!(order, [ids[1].clone(), ids[0].clone()]);
    assert!(
        rows.iter()
            .all(|r| r["threshold"] == "due_soon" && r["reminded_now"] == true)
    );
    assert_eq!(rows[0]["urgent"], true);
    assert_eq!(remind_events(&env), 2);
    // Printed most pressing first, logged in report order (each report's pages met once).
    let logged: Vec<String> = env
        .column::<i64>("SELECT report_id FROM events WHERE action = 'remind' ORDER BY id")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(logged, [ids[0].clone(), ids[1].clone()]);

    // Again at the same moment: the same list (`--all`: by default only what is new),
    // nothing new recorded.
    let again = env.json_as(RECEPTION, &["sweep", "--all"]);
    assert!(array(&again).iter().all(|r| r["reminded_now"] == false));
    assert_eq!(remind_events(&env), 2);

    // 08:45: the Sunday report is now overdue — a second threshold, one new reminder.
    at(&mut env, "2026-10-05 08:45");
    let rows = env
        .run_as(
            RECEPTION,
            &["sweep", "--format", "json", "--fail-on-breach"],
        )
        .code(3)
        .json();
    let sunday = array(&rows)
        .iter()
        .find(|r| r["report_id"] == ids[0].parse::<i64>().unwrap())
        .unwrap()
        .clone();
    assert_eq!(sunday["threshold"], "overdue");
    assert_eq!(sunday["minutes_over"], 5);
    assert_eq!(remind_events(&env), 3);
    let payload: Value = serde_json::from_str(
        &env.column::<String>(
            "SELECT payload FROM events WHERE action = 'remind' ORDER BY id DESC LIMIT 1",
        )[0],
    )
    .unwrap();
    assert_eq!(payload["threshold"], "overdue");
    assert_eq!(payload["stage"], "dispatch");

    // A dry run lists what is due and records nothing.
    at(&mut env, "2026-10-05 10:30");
    let before = env.fingerprint();
    let rows = env.json_as(RECEPTION, &["sweep", "--dry-run", "--all"]);
    assert_eq!(array(&rows).len(), 3);
    assert!(array(&rows).iter().all(|r| r["reminded_now"] == false));
    env.assert_unchanged(&before);

    // The table names the agency's leader for urgent reports, in both languages.
    env.run_as(RECEPTION, &["sweep", "--dry-run"])
        .success()
        .stdout_has("KHẨN");
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .success()
        .stdout_has("URGENT");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn sweep_is_reception_work() {
    let (env, _) = sweep_world();
    for user in [HANDLER_SXD, LEADER, AUDITOR] {
        let before = env.fingerprint();
        env.run_as(user, &["sweep"]).failure().one_line_error();
        env.assert_only_refusal(&before, user);
    }
}

#[test]
fn two_sweeps_and_an_operator_at_once_lose_nothing_and_remind_once() {
    // 306 accepted reports from August to October, most of them long overdue.
    let env = TestEnv::validated();
    let mut children = Vec::new();
    for _ in 0..2 {
        let mut cmd = env.std_command();
        cmd.args(["--as", RECEPTION, "sweep", "--format", "csv"]);
        children.push(cmd);
    }
    let mut operator = env.std_command();
    operator.args(["--as", RECEPTION, "classify", "--suggest", "--apply"]);
    children.push(operator);
    let mut third = env.std_command();
    third.args(["--as", ADMIN, "sweep", "--format", "csv"]);
    children.push(third);
    let running: Vec<_> = children
        .iter_mut()
        .map(|c| {
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in running {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(
            !stderr.contains("locked") && !stderr.contains("đang bận"),
            "{stderr}"
        );
    }
    let overdue = env.count(
        "SELECT count(*) FROM clocks WHERE stopped_at IS NULL AND stage <> 'return'
           AND due_at < '2026-10-05T08:00:00+07:00'",
    );
    assert!(overdue > 150, "{overdue}");
    // The urgent reports' clocks not yet due, flagged at once.
    let flagged = env.count(
        "SELECT count(*) FROM clocks c JOIN reports r ON r.id = c.report_id
          WHERE c.stopped_at IS NULL AND c.stage <> 'return' AND r.urgent = 1
            AND c.due_at > '2026-10-05T08:30:00+07:00'",
    );
    assert!(flagged > 0);
    assert_eq!(
        env.count("SELECT count(*) FROM clocks WHERE reminded_at_once IS NOT NULL"),
        flagged
    );
    // Exactly one reminder per clock and threshold, however the three sweeps interleaved.
    assert_eq!(remind_events(&env), overdue + flagged);
    assert_eq!(
        env.count("SELECT count(*) FROM clocks WHERE reminded_overdue IS NOT NULL"),
        overdue
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM (SELECT json_extract(payload, '$.clock') AS c, json_extract(payload, '$.threshold') AS t
               FROM events WHERE action = 'remind' GROUP BY c, t HAVING count(*) > 1)"
        ),
        0
    );
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn a_database_from_before_the_clocks_gets_them_from_its_log() {
    // The demo plays every kind of step: returns, send-backs, direct answers, duplicates.
    let env = TestEnv::demo();
    const CLOCKS: &str = "SELECT report_id, stage, round, agency, started_at, rule, limit_seconds,
                                 due_at, calendar_version, start_event, stopped_at, stop_event,
                                 coalesce(breached, -1)
                            FROM clocks ORDER BY report_id, stage, round";
    let rows = |env: &TestEnv| -> Vec<String> {
        let conn = env.read_only();
        let mut stmt = conn.prepare(CLOCKS).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let live = rows(&env);
    assert!(live.len() > 1000, "{}", live.len());
    // Back to schema 1, as a database built by the first release would be: without the
    // tables of later migrations, and its events sealed as that release sealed them, with
    // no login and no system clock (migration 6 adds those columns) and no sealed table
    // rows in their payloads.
    let people = env.identities();
    {
        let conn = env.writable();
        conn.execute_batch("DROP TRIGGER events_are_append_only_update;")
            .unwrap();
        // Identities in clear, as that release kept them, each row's latest seal over it.
        for (id, name, phone) in people {
            let mut report = phananh::storage::reports::load(&conn, id).unwrap().unwrap();
            report.identity = phananh::domain::vault::Stored::Clear;
            report.reporter_name = name;
            report.reporter_phone = phone;
            let digest = phananh::domain::report::unhex(&report.digest()).unwrap();
            conn.execute(
                "UPDATE reports SET reporter_name = ?1, reporter_phone = ?2 WHERE id = ?3",
                rusqlite::params![report.reporter_name, report.reporter_phone, id],
            )
            .unwrap();
            conn.execute(
                "UPDATE events SET report_hash = ?1 WHERE id = (SELECT max(id) FROM events
                  WHERE report_id = ?2 AND report_hash IS NOT NULL)",
                rusqlite::params![digest, id],
            )
            .unwrap();
        }
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; DROP TABLE clocks; DROP TABLE calendar_days;
             DROP TABLE routes; DROP TABLE service_codes; DROP TABLE staff_logins;
             DROP TABLE vault; DROP INDEX reports_in_clear; DROP INDEX reports_odd_submitted;
             DROP INDEX reports_merged; DROP INDEX reports_by_month; DROP INDEX reports_by_status;
             CREATE INDEX reports_by_status ON reports (status, urgent, submitted_at);
             CREATE INDEX reports_by_submitted ON reports (submitted_at);
             ALTER TABLE reports DROP COLUMN identity;
             ALTER TABLE reports DROP COLUMN identity_key;
             ALTER TABLE agencies DROP COLUMN active_until;
             ALTER TABLE agencies DROP COLUMN active_from;
             UPDATE events SET payload = json_remove(payload, '$.sealed')
              WHERE json_valid(payload) AND json_type(payload, '$.sealed') IS NOT NULL;",
        )
        .unwrap();
        reseal_without_logins(&conn);
        conn.execute_batch(
            "ALTER TABLE events DROP COLUMN login; ALTER TABLE events DROP COLUMN recorded_at;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    env.run_as(LEADER, &["list", "--limit", "1"])
        .success()
        .stderr_has(&format!(
            "Đang nâng lược đồ cơ sở dữ liệu từ phiên bản 1 lên {}",
            phananh::storage::migrations::latest()
        ))
        .stderr_has(&format!("Đã dựng lại {} thời hạn", vi_count(live.len())));
    env.run_as(LEADER, &["list", "--limit", "1"])
        .success()
        .never_shows("lược đồ");
    assert_eq!(rows(&env), live);
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// Reseals every event over the attributes the first releases sealed (no login, no system
/// clock): SHA-256 of the canonical JSON, hashes in hex (docs/rules.md §2), written apart
/// from the product's code.
fn reseal_without_logins(conn: &rusqlite::Connection) {
    use sha2::{Digest, Sha256};
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    type Row = (
        i64,
        Option<i64>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        Option<Vec<u8>>,
    );
    let rows: Vec<Row> = rows_as(
        conn,
        "SELECT id, report_id, at, actor, action, from_status, to_status, payload, report_hash
           FROM events ORDER BY id",
    );
    let mut prev = vec![0u8; 32];
    for (id, report_id, at, actor, action, from, to, payload, report_hash) in rows {
        let json = serde_json::json!({
            "id": id,
            "report_id": report_id,
            "at": at,
            "actor": actor,
            "action": action,
            "from_status": from,
            "to_status": to,
            "payload": payload,
            "report_hash": report_hash.as_deref().map(hex),
            "prev_hash": hex(&prev),
        });
        let hash = Sha256::digest(serde_json::to_string(&json).unwrap().as_bytes()).to_vec();
        conn.execute(
            "UPDATE events SET login = NULL, recorded_at = NULL, prev_hash = ?1, hash = ?2
              WHERE id = ?3",
            rusqlite::params![prev, hash, id],
        )
        .unwrap();
        prev = hash;
    }
}

/// The validated examples with report 5 classified and assigned to SXD at `moment`.
fn report_5_assigned_at(moment: &str) -> TestEnv {
    let mut env = TestEnv::validated();
    env.set_now(moment);
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env
}

/// Report 5 assigned to SXD on Thursday 5 November 2026 at 11:00 (due 17:00), and the
/// sweep of Friday 09:00 that reminded of it as overdue.
fn reminded_overdue_on_friday() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let mut env = report_5_assigned_at("2026-11-05T11:00:00+07:00");
        env.set_now("2026-11-06T09:00:00+07:00");
        env.run_as(RECEPTION, &["sweep"]).success();
        env
    })
}

/// A day off added after the fact moves a deadline the sweep already reported as passed:
/// right for a closure announced that morning, and the way an admin with a grudge would
/// wipe a breach. Either way the command says which reports no longer count as overdue,
/// and the sealed event records them.
#[test]
fn a_day_off_added_after_a_reported_breach_says_which_breaches_it_takes_back() {
    takes_back_report_5(
        &add_holiday("2026-11-05", "Nghỉ đột xuất"),
        "calendar_add_holiday",
    );
}

/// The reason the tests give for changing a limit the Decision sets.
const AMENDED: &str = "Quyết định 99/2026/QĐ-UBND sửa điểm b khoản 1 Điều 8";

/// A limit the Decision sets (four working hours to reply, Đ8.1.b) raised to forty for
/// twenty minutes and put back took back the breach the sweep had reminded of: the reply
/// made in the window was "on time" in `show`, the report and the score, `audit verify`
/// passed, and the report stated "4" as the rule applied. Now the change needs `--yes` and
/// a reason and says the Decision's number; the overdue clock keeps its deadline (the
/// breach happened under the rule then in force; the change used to take it back, as a
/// day off added after the fact still does); the late reply stays late; and the report and
/// the score of the period name both changes.
#[test]
fn a_limit_raised_for_twenty_minutes_takes_back_no_breach() {
    let mut env = reminded_overdue_on_friday();
    env.set_now("2026-11-06T09:30:00+07:00");
    let raise = ["settings", "set", "deadline.process.working_hours", "40"];
    let before = env.fingerprint();
    env.run_as(ADMIN, &raise)
        .failure()
        .stderr_has("deadline.process.working_hours là thời hạn do Quyết định quy định (điểm b khoản 1 Điều 8: 4 giờ)")
        .stderr_has("--yes và --reason");
    env.run_as(ADMIN, &[&raise[..], &["--yes"]].concat())
        .failure()
        .stderr_has("--yes và --reason");
    env.assert_unchanged(&before);
    env.run_as(
        ADMIN,
        &[&raise[..], &["--yes", "--reason", AMENDED]].concat(),
    )
    .success()
    .stderr_has("vẫn giữ thời hạn cũ và vẫn tính là quá hạn: 2, 3, 4, 5,");
    let payload = last_payload(&env, "settings_set");
    assert_eq!(payload["reason"], AMENDED, "{payload}");
    assert_eq!(
        payload["cleared_overdue"],
        serde_json::json!([]),
        "{payload}"
    );
    assert!(
        payload["kept_overdue"]
            .as_array()
            .is_some_and(|kept| kept.iter().any(|k| k[0] == 5 && k[1] == "process")),
        "{payload}"
    );
    let due = clock(&env, "5", "process", 1)["due_at"].clone();
    assert_eq!(due, "2026-11-05T17:00:00+07:00");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    let overdue = env
        .run_as(RECEPTION, &["list", "--overdue", "--format", "json"])
        .success()
        .json();
    assert!(
        overdue.as_array().unwrap().iter().any(|r| r["id"] == 5),
        "{overdue}"
    );

    env.set_now("2026-11-06T09:40:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã xử lý xong"])
        .success();
    let stopped = clock(&env, "5", "process", 1);
    assert_eq!(stopped["due_at"], due);
    assert_eq!(stopped["breached"], true, "{stopped}");

    env.set_now("2026-11-06T09:50:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "deadline.process.working_hours",
            "4",
            "--yes",
            "--reason",
            "Trả về đúng điểm b khoản 1 Điều 8",
        ],
    )
    .success();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    assert_eq!(clock(&env, "5", "process", 1)["breached"], true);

    env.set_now("2026-12-03T08:00:00+07:00");
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-11"])
        .success()
        .stdout_has("Đã đổi trong kỳ:\u{a0}deadline.process.working_hours từ 4 thành 40 lúc 06/11/2026\u{a0}09:30",
        )
        .stdout_has("deadline.process.working_hours từ 40 thành 4 lúc 06/11/2026\u{a0}09:50");
    env.run_as(AUDITOR, &["score", "--period", "2026-Q4"])
        .success()
        .stdout_has("Thời hạn do Quyết định quy định đã đổi trong kỳ: deadline.process.working_hours từ 4 thành 40");
    // A month without a change says none.
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-10"])
        .success()
        .never_shows("Đã đổi trong kỳ");
}

/// A deadline a change of the limits kept because it had passed, then stopped late, is not
/// re-judged by a later day off inside its window (`--rejudge`, `calendar rejudge`): its
/// deadline came from the limits then in force, and judged again under today's raised limit
/// the late reply would turn "on time", the breach taken back through the very change of
/// limit that kept it. Neither listed as contradicted nor re-judged, it stays late, and
/// `audit verify` passes.
#[test]
fn a_calendar_change_does_not_rejudge_a_deadline_a_limit_change_kept() {
    let mut env = reminded_overdue_on_friday();
    env.set_now("2026-11-06T09:30:00+07:00");
    env.run_as(
        ADMIN,
        &[
            "settings",
            "set",
            "deadline.process.working_hours",
            "40",
            "--yes",
            "--reason",
            AMENDED,
        ],
    )
    .success();
    let due = clock(&env, "5", "process", 1)["due_at"].clone();
    assert_eq!(due, "2026-11-05T17:00:00+07:00");
    env.set_now("2026-11-06T09:40:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã xử lý xong"])
        .success();
    assert_eq!(clock(&env, "5", "process", 1)["breached"], true);

    env.set_now("2026-11-06T10:00:00+07:00");
    env.run_as(
        ADMIN,
        &[
            &add_holiday("2026-11-05", "Nghỉ đột xuất")[..],
            &["--rejudge"],
        ]
        .concat(),
    )
    .success();
    let is_kept_clock = |c: &Value| c["report_id"] == 5 && c["stage"] == "process";
    let payload = last_payload(&env, "calendar_add_holiday");
    for key in ["rejudged_clocks", "contradicted_clocks"] {
        assert!(
            !payload[key]
                .as_array()
                .is_some_and(|list| list.iter().any(is_kept_clock)),
            "{payload}"
        );
    }
    let stopped = clock(&env, "5", "process", 1);
    assert_eq!(stopped["due_at"], due, "{stopped}");
    assert_eq!(stopped["breached"], true, "{stopped}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();

    env.run_as(ADMIN, &["calendar", "rejudge", "2026-11-05"])
        .success();
    let stopped = clock(&env, "5", "process", 1);
    assert_eq!(stopped["due_at"], due, "{stopped}");
    assert_eq!(stopped["breached"], true, "{stopped}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// After a day off takes a reported breach back, the breach the new deadline comes to is
/// reminded of and fails `--fail-on-breach` again: the change cleared the clock's overdue
/// mark in its own sealed event, which `audit verify` replays. The mark stayed before, so
/// the new breach was never reminded of, though `list --overdue` listed it.
#[test]
fn a_breach_taken_back_is_reminded_of_again_when_the_new_deadline_passes() {
    let mut env = reminded_overdue_on_friday();
    let reminders = |env: &TestEnv| {
        env.count(
            "SELECT count(*) FROM events WHERE report_id = 5 AND action = 'remind'
               AND payload LIKE '%\"threshold\":\"overdue\"%'",
        )
    };
    assert_eq!(reminders(&env), 1);
    env.set_now("2026-11-06T09:30:00+07:00");
    env.run_as(ADMIN, &add_holiday("2026-11-05", "Nghỉ đột xuất"))
        .success();
    let payload = last_payload(&env, "calendar_add_holiday");
    assert!(
        payload["cleared_reminders"]
            .as_array()
            .is_some_and(|marks| marks.iter().any(|m| m[1] == "overdue")),
        "{payload}"
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    // The mark put back behind the tool's back (the new breach kept silent) is named: the
    // replay cleared it with the change.
    let tampered = TestEnv::from_bytes(&env.snapshot());
    let put_back = "UPDATE clocks SET reminded_overdue =
        (SELECT max(id) FROM events WHERE report_id = 5 AND action = 'remind')
      WHERE report_id = 5 AND stage = 'process' AND stopped_at IS NULL";
    assert_eq!(tampered.writable().execute(put_back, []).unwrap(), 1);
    tampered
        .run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has("reminder mark differs");
    // Monday: the new deadline has passed too.
    env.set_now("2026-11-09T09:00:00+07:00");
    env.cron_sweep(RECEPTION, &[])
        .code(3)
        .stdout_has(",overdue,");
    assert_eq!(reminders(&env), 2, "the new breach is reminded of");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    // Once only.
    env.set_now("2026-11-09T09:10:00+07:00");
    env.run_as(RECEPTION, &["sweep", "--fail-on-breach"])
        .success();
}

/// Runs `change` as admin after report 5's breach was reminded of, and checks it names
/// report 5 as no longer overdue, in its output and in its `action` event.
fn takes_back_report_5(change: &[&str], action: &str) {
    let mut env = reminded_overdue_on_friday();
    env.set_now("2026-11-06T09:30:00+07:00");
    let args = in_english(change);
    env.run_as(ADMIN, &args).success().stderr_has(
        "1 report already reminded of as overdue is within its deadline under this change, \
         and no longer counts as overdue: 5.",
    );
    clears_report_5(&last_payload(&env, action));
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// The payload of the latest `action` event.
fn last_payload(env: &TestEnv, action: &str) -> Value {
    serde_json::from_str(
        &env.column::<String>(&format!(
            "SELECT payload FROM events WHERE action = '{action}' ORDER BY id DESC LIMIT 1"
        ))[0],
    )
    .unwrap()
}

/// That a change's payload names report 5 among the breaches it took back.
fn clears_report_5(payload: &Value) {
    assert!(
        payload["cleared_overdue"]
            .as_array()
            .unwrap()
            .contains(&5.into()),
        "{payload}"
    );
}

/// Runs `phananh --as RECEPTION ARGS` as an older phananh would, whose shipped schedule
/// lacked the last line of today's (a pending day, a note that moves no deadline but
/// changes the calendar's version).
fn as_an_older_phananh(env: &TestEnv, args: &[&str]) -> Run {
    let today = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/data/vn-public-service-days-off-2022-2026.csv"),
    )
    .unwrap();
    let lines: Vec<&str> = today.lines().collect();
    let older = env.dir().join("older-schedule.csv");
    std::fs::write(&older, lines[..lines.len() - 1].join("\n") + "\n").unwrap();
    let mut cmd = env.command();
    cmd.env("PHANANH_SHIPPED_SCHEDULE", &older);
    let mut all = vec!["--as", RECEPTION];
    all.extend_from_slice(args);
    Run::of(cmd, &all)
}

/// A newer phananh may ship a newer schedule of days off, and its first sweep moves the open
/// deadlines under it before judging any: a breach already reported can be taken back that
/// way too, with no operator's act. It is said, even to a quiet cron job, and sealed in a
/// `calendar_adopt` event as an operator's change would be.
///
/// The file is the one an older phananh leaves: its sweep brought every open clock to the
/// schedule it shipped and the log recorded that version, as an honest file holds clocks
/// under another calendar than today's (an open clock's version merely edited with
/// `sqlite3` is no shipped schedule, and the sweep names it instead:
/// `forged_events::the_sweep_adopts_no_calendar_nobody_shipped`).
#[test]
fn a_newer_shipped_schedule_that_takes_back_a_reported_breach_is_said_and_sealed() {
    let mut env = report_5_assigned_at("2026-11-05T11:00:00+07:00");
    let open_clock = "report_id = 5 AND stage = 'process' AND stopped_at IS NULL";
    let due = |env: &TestEnv| {
        env.column::<String>(&format!("SELECT due_at FROM clocks WHERE {open_clock}"))
    };
    let due_now = due(&env);
    let version = |env: &TestEnv| {
        env.column::<String>(&format!(
            "SELECT calendar_version FROM clocks WHERE {open_clock}"
        ))
    };
    let today = version(&env);
    as_an_older_phananh(&env, &["sweep", "--quiet"]).success();
    assert_ne!(version(&env), today, "the older phananh's calendar");
    // The deadline the older phananh computed under the schedule it shipped, already passed
    // at its next sweep, which reports it.
    env.writable()
        .execute(
            &format!("UPDATE clocks SET due_at = '2026-11-05T11:30:00+07:00' WHERE {open_clock}"),
            [],
        )
        .unwrap();
    env.set_now("2026-11-05T12:00:00+07:00");
    as_an_older_phananh(&env, &["sweep"]).success();
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM clocks WHERE {open_clock} AND reminded_overdue IS NOT NULL"
        )),
        1
    );
    let adopted = "SELECT count(*) FROM events WHERE action = 'calendar_adopt'";
    let adopted_before = env.count(adopted);
    // This phananh ships another schedule: the clock's calendar is not today's.
    env.set_now("2026-11-05T12:05:00+07:00");
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--quiet"])
        .success()
        .stderr_has("shipped with this phananh, and no longer counts as overdue: 5.");
    assert_eq!(
        due(&env),
        due_now,
        "the deadline is the one today's schedule gives"
    );
    assert_eq!(version(&env), today);
    let payload = last_payload(&env, "calendar_adopt");
    clears_report_5(&payload);
    assert!(payload["stale_clocks"].as_i64().unwrap() >= 1, "{payload}");
    // The next sweep finds nothing stale and records nothing more of it.
    env.run_as(RECEPTION, &["sweep", "--quiet"])
        .success()
        .never_shows("5");
    assert_eq!(env.count(adopted), adopted_before + 1);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `list --overdue --now` at a past moment lists what was overdue then, as its help says:
/// a clock replied to late afterwards was still running, past its deadline, at that moment
/// (a reviewer's recount found `list` and `report` disagreeing for the same moment).
#[test]
fn list_overdue_at_a_past_moment_lists_what_was_overdue_then() {
    let mut env = report_5_assigned_at("2026-11-02T08:00:00+07:00");
    env.set_now("2026-11-05T08:00:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã sửa xong."])
        .success();
    let overdue_at = |moment: &str| -> Vec<i64> {
        array(&env.json_as(RECEPTION, &["--now", moment, "list", "--overdue"]))
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    // Before its deadline (4 working hours from Monday 08:00), while overdue, after the
    // late reply.
    assert!(!overdue_at("2026-11-02T09:00:00+07:00").contains(&5));
    assert!(overdue_at("2026-11-04T09:00:00+07:00").contains(&5));
    assert!(!overdue_at("2026-11-05T09:00:00+07:00").contains(&5));
}

/// An open clock's calendar version edited with `sqlite3`
/// made the next sweep log the adoption of a schedule nobody shipped (`calendar_adopt`),
/// and `audit verify` passed. Every change that recomputes the open clocks now records the
/// version it brought them to (`init` too), and verify names an open clock under any other
/// version than that one or today's.
#[test]
fn an_open_clocks_calendar_version_edited_behind_the_tools_back_is_named() {
    let env = TestEnv::validated();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    let open = env.count("SELECT count(*) FROM clocks WHERE stopped_at IS NULL");
    assert!(open > 0);
    let versions: Vec<String> =
        env.column("SELECT calendar_version FROM clocks WHERE stopped_at IS NULL");
    env.writable()
        .execute(
            "UPDATE clocks SET calendar_version = 'old' WHERE stopped_at IS NULL",
            [],
        )
        .unwrap();
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_matches(r"clock \d+ \(report \d+, .* round \d+\): its calendar version differs");
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has("phiên bản lịch khác");
    env.writable()
        .execute(
            "UPDATE clocks SET calendar_version = ?1 WHERE stopped_at IS NULL",
            [&versions[0]],
        )
        .unwrap();
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// A calendar file's date not in the calendar (`31/11/2026`) was "not
/// valid (use YYYY-MM-DD)" though DD/MM/YYYY reads; it is said in the words a date typed
/// on the command line gets, in either language, and nothing is stored.
#[test]
fn calendar_import_says_a_day_not_in_the_calendar_as_a_typed_date_is() {
    let env = TestEnv::seeded();
    let bad = env.write_file(
        "lich.csv",
        "date,type,occasion,source\n31/11/2026,off,x,y\n2026-11-30,off,x,y\n",
    );
    let before = env.fingerprint();
    let path = bad.to_str().unwrap();
    env.run_as(ADMIN, &["calendar", "import", path])
        .failure()
        .stderr_has("lich.csv:2:")
        .stderr_has("không có ngày này: tháng 11/2026 có 30 ngày")
        .never_shows("dùng YYYY-MM-DD)");
    env.run_as(ADMIN, &["--lang", "en", "calendar", "import", path])
        .failure()
        .stderr_has("no such day: November 2026 has 30 days")
        .never_shows("(use YYYY-MM-DD)");
    env.assert_unchanged(&before);
}

/// The handler's day (Đ8.1.b): a report assigned on Friday 06/11/2026 at 16:30 may be
/// returned until Monday 07:30 (1 working hour) and is due a result by Monday 10:30 (4).
/// A step inside the limits says nothing more than what it did; a step after one is told,
/// once, on stderr, that it counts as late against the agency — which deadline, and by how
/// much — as the periodic report and the scores will count it. Without the fix the late
/// return and the late reply printed the same line as an on-time one, and stderr was empty.
#[test]
fn a_handler_is_told_when_their_return_or_reply_counts_as_late() {
    let env = TestEnv::validated();
    let assigned = |env: &TestEnv| {
        let mut fresh = TestEnv::from_bytes(&env.snapshot());
        fresh.set_now("2026-11-06T16:30:00+07:00");
        fresh
            .run_as(RECEPTION, &["classify", "5", "--field", "GT"])
            .success();
        fresh
            .run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
            .success();
        fresh
    };
    // On time: nothing on stderr.
    let mut on_time = assigned(&env);
    on_time.set_now("2026-11-09T07:30:00+07:00");
    let run = on_time.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà xong"]);
    run.success().stdout_has("Chờ duyệt");
    assert_eq!(run.stderr, "", "{run}");

    // A return after the window: a late return of SXD, the processing clock still in time.
    let mut late_return = assigned(&env);
    late_return.set_now("2026-11-09T08:00:00+07:00");
    let run = late_return.run_as(
        HANDLER_SXD,
        &["return", "5", "--reason", "Không thuộc thẩm quyền của Sở"],
    );
    run.success()
        .stdout_has("Đã chuyển trả, chờ phân phối lại")
        .stderr_has("chuyển trả trễ hạn")
        .stderr_has("09/11/2026 07:30")
        .stderr_has("30 phút")
        .stderr_has("SXD");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(!run.stdout.contains("trễ"), "{run}");
    let shown = late_return.show("5");
    let breached: Vec<(String, bool)> = array(&shown["clocks"])
        .iter()
        .filter(|c| c["agency"] == "SXD")
        .map(|c| {
            (
                c["stage"].as_str().unwrap().to_owned(),
                c["breached"] == true,
            )
        })
        .collect();
    assert_eq!(
        breached,
        [("return".to_owned(), true), ("process".to_owned(), false)]
    );

    // A reply after the processing deadline, in English too; JSON stays the step's object.
    let mut late_reply = assigned(&env);
    late_reply.set_now("2026-11-09T13:15:00+07:00");
    let run = late_reply.run_as(
        HANDLER_SXD,
        &[
            "--lang",
            "en",
            "--format",
            "json",
            "reply",
            "5",
            "--text",
            "Đã vá ổ gà xong",
        ],
    );
    run.success()
        .stderr_has("late")
        .stderr_has("2026-11-09 10:30")
        // 10:30 to 11:00, then 13:00 to 13:15: the lunch break is no working time.
        .stderr_has("45 min of working time late")
        .stderr_has("SXD");
    assert_eq!(run.json()["to"], "replied");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
}

/// Report 5 classified and assigned to SXD on Friday 06/11/2026 at 16:30, the clock at
/// 16:40: 20 minutes of Friday and 3 h 30 of Monday left to its processing deadline.
fn assigned_on_a_friday_afternoon() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let mut env = report_5_assigned_at("2026-11-06T16:30:00+07:00");
        env.set_now("2026-11-06T16:40:00+07:00");
        env
    })
}

/// Đ8.1.b counts the processing limit in working hours (docs/rules.md §3), and so do the
/// screens that say how long a clock has left or how late it is: on Friday 06/11/2026 at
/// 16:40 the report assigned at 16:30 has 20 minutes of Friday and 3 h 30 of Monday left
/// before its deadline at 10:30 on Monday. Without the fix `show` and `list --due` said
/// "còn 2 ngày 17 giờ", the weekend counted as time to work in, and a late reply on Monday
/// was "2 h 45 min" late where 45 working minutes had gone by
/// (`deadlines::a_handler_is_told_when_their_return_or_reply_counts_as_late`).
#[test]
fn time_left_and_overrun_are_working_time_for_a_working_hours_clock() {
    let mut env = assigned_on_a_friday_afternoon();
    for (lang, left) in [
        ("vi", "còn 3 giờ 50 phút làm việc"),
        ("en", "3 h 50 min of working time left"),
    ] {
        let shown = env.at_columns(200, &["--as", HANDLER_SXD, "--lang", lang, "show", "5"]);
        let process = shown
            .stdout
            .lines()
            .find(|l| l.starts_with("│ Xử lý") || l.starts_with("│ Processing"))
            .unwrap_or_else(|| panic!("no processing clock:\n{shown}"))
            .replace('\u{a0}', " ");
        assert!(process.contains(left), "{left} not in {process:?}\n{shown}");
        // The deadline itself stays the moment it is.
        assert!(process.contains("09/11/2026 10:30") || process.contains("2026-11-09 10:30"));
        let due = env.at_columns(
            200,
            &[
                "--as",
                HANDLER_SXD,
                "--lang",
                lang,
                "list",
                "--due",
                "2026-11-09",
            ],
        );
        due.success()
            .stdout_has(left)
            .never_shows("2 ngày")
            .never_shows("2 d ");
    }
    // Monday 13:15: 30 minutes of the morning and 15 of the afternoon past the deadline.
    env.set_now("2026-11-09T13:15:00+07:00");
    env.at_columns(200, &["--as", HANDLER_SXD, "show", "5"])
        .success()
        .stdout_has("quá 45 phút làm việc");
}

/// The return window (Đ8.1.b) is left out of `list --due` (a window, not a duty:
/// docs/rules.md §3), but a handler told "Không có thời hạn nào đến hạn" while it closed
/// lost the right to return a report without its counting as late. A handler's `list
/// --due` now says under its result how many reports are still inside the window and
/// when the first closes; the desk's list, and the handler's once the window has passed,
/// say nothing of it. Without the fix stderr was empty.
#[test]
fn a_handlers_due_list_says_which_return_windows_are_still_open() {
    let mut env = assigned_on_a_friday_afternoon();
    env.run_as(HANDLER_SXD, &["list", "--due", "hôm nay"])
        .success()
        .stdout_has("Không có thời hạn nào đến hạn")
        .stderr_has(
            "Còn 1 phản ánh trong thời hạn chuyển trả (điểm b khoản 1 Điều 8), sớm nhất hết lúc 09/11/2026 07:30",
        )
        .never_shows("Ngoài danh sách trên")
        .stderr_has("`phananh return SỐ --reason");
    env.run_as(HANDLER_SXD, &["--lang", "en", "list", "--due", "today"])
        .success()
        .stderr_has("1 report still inside the return window (Art. 8.1.b), the first closing at 2026-11-09 07:30");
    let desk = env.run_as(RECEPTION, &["list", "--due", "hôm nay"]);
    desk.success();
    assert!(!desk.stderr.contains("chuyển trả"), "{desk}");
    env.set_now("2026-11-09T07:45:00+07:00");
    let after = env.run_as(HANDLER_SXD, &["list", "--due", "hôm nay"]);
    after.success();
    assert!(!after.stderr.contains("thời hạn chuyển trả"), "{after}");
}

/// docs/rules.md §3: a handler's own `list --overdue` lists the reports with a clock of
/// their agency's late, and "A's late return stays A's once the report has gone to another
/// agency (`--ever`)" — as the scores count it. SXD returns report 5 half an hour past its
/// window, the desk sends it on to PCCM: SXD's handler finds that late return in their own
/// `list --overdue --ever` (the row masked and redacted, the report no longer theirs to
/// show), PCCM's handler does not, and Home Affairs' score charges SXD with it. Without the
/// fix SXD's handler's list was empty ("Không có phản ánh nào khớp bộ lọc") while the desk's
/// `--agency SXD` and the score both held the case.
#[test]
fn a_handler_lists_their_own_late_return_after_the_report_went_elsewhere() {
    let mut env = report_5_assigned_at("2026-11-06T16:30:00+07:00");
    env.set_now("2026-11-09T08:00:00+07:00");
    env.run_as(
        HANDLER_SXD,
        &["return", "5", "--reason", "Không thuộc thẩm quyền của Sở"],
    )
    .success();
    env.set_now("2026-11-09T08:30:00+07:00");
    env.run_as(RECEPTION, &["assign", "5", "--agency", "PCCM"])
        .success();
    env.set_now("2026-11-09T09:00:00+07:00");
    let late = |user: &str| {
        env.run_as(user, &["--format", "json", "list", "--overdue", "--ever"])
            .success()
            .json()
    };
    let own = late(HANDLER_SXD);
    let rows = array(&own);
    assert_eq!(rows.len(), 1, "{own:#}");
    assert_eq!(rows[0]["id"], 5);
    assert_eq!(rows[0]["overdue_stage"], "return");
    assert_eq!(rows[0]["overdue_agency"], "SXD");
    assert_eq!(rows[0]["overdue_open"], false);
    assert_eq!(rows[0]["agency"], "PCCM");
    assert_eq!(rows[0]["reporter_name"], "Ph** Ng** H");
    // Only --ever reaches it: nothing of SXD's is open and late.
    let open = env
        .run_as(HANDLER_SXD, &["--format", "json", "list", "--overdue"])
        .success()
        .json();
    assert!(array(&open).is_empty(), "{open:#}");
    // Another agency's late clock is never listed to PCCM, nor the report to SXD otherwise.
    assert!(array(&late(HANDLER_PCCM)).is_empty());
    env.run_as(HANDLER_SXD, &["show", "5"]).failure();
    assert!(
        array(
            &env.run_as(HANDLER_SXD, &["--format", "json", "list"])
                .success()
                .json()
        )
        .is_empty()
    );
    // The same case, as the score counts it against SXD.
    let score = env
        .run_as(AUDITOR, &["--format", "json", "score", "--year", "2026"])
        .success()
        .json();
    let sxd = array(&score)
        .iter()
        .find(|a| a["agency"] == "SXD")
        .cloned()
        .unwrap_or_else(|| panic!("{score:#}"));
    assert_eq!(sxd["late_returns"], 1, "{sxd:#}");
}

/// 2027 has no announced schedule, so its days off come from the rules
/// of the Labour Code (docs/rules.md §3) — the government's real Tết 2027 may differ. A
/// deadline across Tết Đinh Mùi was printed, by `calendar deadline` and by `show`, exactly
/// as one across an announced Tết: nothing told the desk that it rests on days the tool
/// guessed and that it will move once the announcement is entered.
#[test]
fn a_deadline_resting_on_days_off_the_rules_derive_says_so() {
    let mut env = TestEnv::seeded();
    let args = deadline("process", "2027-02-04 15:00");
    let run = env.at_columns(80, &args);
    run.success()
        .stdout_has("2027-02-12T09:00:00+07:00")
        .stdout_has("suy ra theo quy tắc")
        .stdout_has("05/02/2027–11/02/2027")
        .stdout_has("calendar import");
    let english = in_english(&args);
    env.at_columns(80, &english)
        .success()
        .stdout_has("derived by rule")
        .stdout_has("2027-02-05–2027-02-11");
    let doc = deadline_json(&env, "process", "2027-02-04 15:00");
    assert_eq!(
        doc["days_off_by_rule"],
        serde_json::json!([
            "2027-02-05",
            "2027-02-06",
            "2027-02-07",
            "2027-02-08",
            "2027-02-09",
            "2027-02-10",
            "2027-02-11"
        ])
    );
    // Across the announced Tết of 2026 nothing is guessed, and nothing is said.
    let run = env.at_columns(80, &deadline("process", "2026-02-13 15:00"));
    run.success();
    assert!(!run.stdout.contains("quy tắc"), "{run}");
    let doc = deadline_json(&env, "process", "2026-02-13 15:00");
    assert_eq!(doc["days_off_by_rule"], serde_json::json!([]));

    // A report assigned on the eve of the break: its open clocks say it where the desk and
    // the agency read them; a clock of December, wholly in the announced 2026, does not.
    at(&mut env, "2027-02-04 14:50");
    let ids = receive(&env, &[("TET-27", "2027-02-04T14:40:00+07:00", false)]);
    let id = ids[0].as_str();
    env.run_as(RECEPTION, &["classify", id, "--field", "XD"])
        .success();
    at(&mut env, "2027-02-04 15:00");
    env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
        .success();
    let process = clock(&env, id, "process", 1);
    assert_eq!(process["due_at"], "2027-02-12T09:00:00+07:00");
    assert_eq!(process["days_off_by_rule"][0], "2027-02-05");
    assert_eq!(process["days_off_by_rule"][6], "2027-02-11");
    // The dispatch clock stopped on Thursday: judged, it no longer moves.
    assert!(
        clock(&env, id, "dispatch", 1)
            .get("days_off_by_rule")
            .is_none()
    );
    let shown = env.at_columns(80, &["--as", RECEPTION, "show", id]);
    shown
        .success()
        .stdout_has("suy ra theo quy tắc")
        .stdout_has("05/02/2027–11/02/2027");
    env.at_columns(80, &["--lang", "en", "--as", RECEPTION, "show", id])
        .success()
        .stdout_has("derived by rule");

    at(&mut env, "2026-12-28 09:00");
    let ids = receive(&env, &[("DEC-26", "2026-12-28T08:00:00+07:00", false)]);
    let shown = env.at_columns(80, &["--as", RECEPTION, "show", &ids[0]]);
    shown.success();
    assert!(!shown.stdout.contains("quy tắc"), "{shown}");
}

/// An admin entering the government's Tết 2027 as operator days adds
/// them on top of the rules' guess, so a rule day the announcement does not give (here the
/// compensatory Thursday 11/2) silently stayed a day off and every deadline across it
/// skipped a day. The change now names the rule days of the same holiday it left in place,
/// with the command that makes one a working day.
#[test]
fn entering_an_announced_tet_names_the_rule_days_it_leaves_off() {
    let env = TestEnv::seeded();
    // A made-up announcement for the test: seven days, Thursday 4/2 to Wednesday 10/2.
    let file = env.dir().join("tet-2027.csv");
    let mut csv = String::from("date,type,occasion,source\n");
    for day in 4..=10 {
        csv.push_str(&format!(
            "2027-02-{day:02},off,Tết Nguyên đán Đinh Mùi,Thông báo thử 1/TB-THU\n"
        ));
    }
    std::fs::write(&file, csv).unwrap();
    let run = env.run_as(ADMIN, &["calendar", "import", file.to_str().unwrap()]);
    run.success()
        .stderr_has("11/02/2027")
        .stderr_has("theo quy tắc")
        .stderr_has("calendar add-workday 2027-02-11");
    // The days the file gives are not named as left over.
    assert!(!run.stderr.contains("05/02/2027"), "{run}");

    // 05/02 is off by the file already: entered again, it is confirmed with --yes.
    env.run_as(
        ADMIN,
        &[
            &in_english(&add_holiday("2027-02-05", "Tết"))[..],
            &["--yes"],
        ]
        .concat(),
    )
    .success()
    .stderr_has("2027-02-11")
    .stderr_has("derived by rule");

    // Made a working day, nothing of that Tết is left to the rules: nothing more is said.
    let run = env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-workday",
            "2027-02-11",
            "--name",
            "làm việc (lịch công bố)",
        ],
    );
    run.success();
    assert!(!run.stderr.contains("theo quy tắc"), "{run}");
    // A change in an announced year has no rule days to name.
    let run = env.run_as(ADMIN, &add_holiday("2026-02-13", "thử"));
    run.success();
    assert!(!run.stderr.contains("theo quy tắc"), "{run}");
    // National Day 2027 is a Thursday; entering the Friday after it, as in 2021, names the
    // Wednesday the rules chose, which would otherwise stay off unseen.
    env.run_as(ADMIN, &add_holiday("2027-09-03", "Quốc khánh (thử)"))
        .success()
        .stderr_has("01/09/2027")
        .stderr_has("calendar add-workday 2027-09-01");
}

/// An admin who takes back a mistaken day off (or makes a day a working
/// day after the fact) can put running deadlines in the past at once. The change said only
/// how many deadlines it recomputed, while it named the reports a change takes *out* of
/// "overdue": the desk learnt of the new breach from cron's mail ten minutes later.
#[test]
fn a_calendar_change_that_makes_a_deadline_past_names_the_report() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-12-28 08:00");
    let ids = receive(&env, &[("YE-UNDO", "2026-12-28T07:30:00+07:00", false)]);
    let id = ids[0].as_str();
    assert_eq!(
        clock(&env, id, "dispatch", 1)["due_at"],
        "2026-12-28T09:30:00+07:00"
    );
    // A wrong day entered (the compensatory day of 2027 typed with this year's date)…
    at(&mut env, "2026-12-28 08:10");
    let run = env.run_as(ADMIN, &add_holiday("2026-12-28", "nghỉ bù (nhập nhầm năm)"));
    run.success();
    assert!(!run.stderr.contains("quá hạn"), "{run}");
    assert_eq!(
        clock(&env, id, "dispatch", 1)["due_at"],
        "2026-12-28T19:30:00+07:00"
    );
    // …taken back at 10:00: the deadline is 09:30 again, already past.
    at(&mut env, "2026-12-28 10:00");
    env.run_as(ADMIN, &["calendar", "remove", "2026-12-28"])
        .success()
        .stderr_has("nay đã quá hạn")
        .stderr_has(&format!(": {id} "));
    assert_eq!(
        clock(&env, id, "dispatch", 1)["due_at"],
        "2026-12-28T09:30:00+07:00"
    );
    // The same in English, and from a limit made shorter.
    env.run_as(ADMIN, &add_holiday("2026-12-28", "nghỉ bù (nhập nhầm năm)"))
        .success();
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "settings",
            "set",
            "deadline.dispatch.day_off_hours",
            "2",
            "--yes",
            "--reason",
            AMENDED,
        ],
    )
    .success()
    .stderr_has("now overdue");
}

/// The announcement is typed in by hand from a dispatch in late
/// December, in the shipped form whose `weekday` column and `off_weekday` /
/// `off_weekend` / `makeup_workday` types say which day is meant. A date typed one off
/// (Sunday 21/2/2027 for the Saturday worked, 20/2) was stored as written: the Saturday
/// stayed a day off, the makeup line changed nothing, and every deadline across it was a
/// day late. The import now refuses a line whose date contradicts its own weekday or type,
/// naming it, and stores nothing.
#[test]
fn an_imported_line_whose_date_contradicts_its_weekday_is_refused() {
    let env = TestEnv::seeded();
    let file = env.write_file(
        "lich-nghi-2027.csv",
        "date,weekday,type,occasion,source\n\
         2027-02-12,T6,off_weekday,Tết Đinh Mùi (hoán đổi),Thông báo thử\n\
         2027-02-21,T7,makeup_workday,làm bù cho 12/2/2027,Thông báo thử\n\
         2027-02-15,T2,off_weekend,Tết Đinh Mùi,Thông báo thử\n\
         2027-02-27,T7,makeup_workday,làm bù,Thông báo thử\n",
    );
    let path = file.to_str().unwrap();
    let before = env.fingerprint();
    env.run_as(ADMIN, &["calendar", "import", path])
        .failure()
        .stderr_has("lich-nghi-2027.csv:3:")
        .stderr_has("Chủ nhật")
        .stderr_has("lich-nghi-2027.csv:4:")
        .stderr_has("off_weekend")
        .stderr_has("2 dòng lỗi");
    env.assert_unchanged(&before);
    env.run_as(ADMIN, &["--lang", "en", "calendar", "import", path])
        .failure()
        .stderr_has("Sunday");

    std::fs::write(
        &file,
        "date,weekday,type,occasion,source\n\
         2027-02-12,T6,off_weekday,Tết Đinh Mùi (hoán đổi),Thông báo thử\n\
         2027-02-20,T7,makeup_workday,làm bù cho 12/2/2027,Thông báo thử\n",
    )
    .unwrap();
    env.run_as(ADMIN, &["calendar", "import", path]).success();
    assert_eq!(env.count("SELECT count(*) FROM calendar_days"), 2);
}

/// yearturn5: `calendar add-holiday 2027-01-04 --name "Tết Nguyên đán Đinh Mùi"` (a
/// Monday a month before lunar New Year, 06/02/2027) and `add-workday 2027-01-02 --name
/// "làm bù cho thứ Sáu 12/02/2027"` (a make-up Saturday for a day that is not off) were
/// stored without a word and moved running deadlines: the weekday check the guide promises
/// ran only for `import`. A typed day that looks mistyped (Tết far from lunar New Year, a
/// make-up day swapping nothing, a day off already off, a working day already one) is now
/// refused, nothing changed, until confirmed with `--yes`.
#[test]
fn a_typed_calendar_day_that_looks_mistyped_is_refused_until_confirmed() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-12-31 16:30");
    let ids = receive(&env, &[("YT5", "2026-12-31T16:00:00+07:00", false)]);
    let due = || clock(&env, &ids[0], "dispatch", 1)["due_at"].clone();
    let first = due();
    assert_eq!(first, "2027-01-04T08:00:00+07:00");
    let refused = |args: &[&str], vi: &str, en: &str| {
        let (before, was) = (env.fingerprint(), due());
        env.run_as(ADMIN, args)
            .failure()
            .stderr_has(vi)
            .stderr_has("Chưa thay đổi gì: nếu đúng ý, chạy lại lệnh với --yes.");
        env.run_as(ADMIN, &in_english(args))
            .failure()
            .stderr_has(en)
            .stderr_has("nothing changed: if that is meant, run the command again with --yes");
        env.assert_unchanged(&before);
        assert_eq!(due(), was, "{args:?}");
    };
    let confirmed = |args: &[&str]| {
        env.run_as(ADMIN, &[args, &["--yes"]].concat()).success();
    };
    let remove = |date: &str| {
        env.run_as(ADMIN, &["calendar", "remove", date]).success();
        assert_eq!(due(), first);
    };

    let tet = add_holiday("2027-01-04", "Tết Nguyên đán Đinh Mùi");
    refused(
        &tet,
        "mang tên Tết Nguyên đán nhưng ở 33 ngày trước mùng 1 Tết (06/02/2027)",
        "lies 33 days before lunar New Year (2027-02-06)",
    );
    confirmed(&tet);
    assert_eq!(due(), "2027-01-05T08:00:00+07:00");
    // Entered once, the same day off again changes nothing: doubted too.
    refused(
        &add_holiday("2027-01-04", "Nghỉ"),
        "Ngày 04/01/2027 (T2) đã là ngày nghỉ — ngày nghỉ do quản trị viên thêm",
        "2027-01-04 (Mon) is a day off already — day off added by an operator",
    );
    remove("2027-01-04");

    let swap = [
        "calendar",
        "add-workday",
        "2027-01-02",
        "--name",
        "làm bù cho thứ Sáu 12/02/2027",
    ];
    refused(
        &swap,
        "Ngày làm bù 02/01/2027 ghi cho ngày 12/02/2027, nhưng 12/02/2027 vẫn là ngày làm việc",
        "the make-up day 2027-01-02 cites 2027-02-12, which is still a working day",
    );
    confirmed(&swap);
    assert_eq!(due(), "2027-01-02T08:00:00+07:00");
    remove("2027-01-02");

    refused(
        &add_holiday("2027-01-09", "Nghỉ đột xuất"),
        "Ngày 09/01/2027 (T7) đã là ngày nghỉ — nghỉ hằng tuần",
        "2027-01-09 (Sat) is a day off already — weekly rest",
    );
    refused(
        &["calendar", "add-workday", "2027-01-04", "--name", "trực"],
        "Ngày 04/01/2027 (T2) vốn là ngày làm việc",
        "2027-01-04 (Mon) is a working day already",
    );

    // The announcement entered as it is: a Tết day the rules leave a working day, then the
    // Saturday worked for it, and a day the rules already guess off, all without --yes.
    env.run_as(ADMIN, &add_holiday("2027-02-12", "Tết Nguyên đán Đinh Mùi"))
        .success();
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-workday",
            "2027-01-30",
            "--name",
            "làm bù cho thứ Sáu 12/02/2027",
        ],
    )
    .success();
    env.run_as(ADMIN, &add_holiday("2027-02-08", "Tết Nguyên đán Đinh Mùi"))
        .success();
    assert_eq!(env.count("SELECT count(*) FROM calendar_days"), 3);
}

/// `calendar import` stores a whole announcement in one step, but
/// taking a wrong one back was one `calendar remove` per date: ten commands for a Tết
/// imported by mistake, each its own event and recomputation, with the sweep free to
/// remind of the half-undone calendar in between. `remove` now takes every date of the
/// mistake in one step and one event, all or nothing.
#[test]
fn a_mistaken_import_is_taken_back_in_one_step() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-12-28 09:00");
    let ids = receive(&env, &[("YE-IMPORT", "2026-12-28T08:00:00+07:00", false)]);
    let before = clock(&env, &ids[0], "dispatch", 1);
    let file = env.write_file(
        "sai.csv",
        "date,type,occasion,source\n\
         2026-12-28,off,Tết Đinh Mùi (nhầm năm),x\n\
         2026-12-29,off,Tết Đinh Mùi (nhầm năm),x\n\
         2026-12-30,off,Tết Đinh Mùi (nhầm năm),x\n",
    );
    // Days named for Tết five weeks before lunar New Year are doubted: stored only when
    // confirmed (the mistake this test takes back).
    let untouched = env.fingerprint();
    env.run_as(ADMIN, &["calendar", "import", file.to_str().unwrap()])
        .failure()
        .stderr_has("mùng 1 Tết (06/02/2027)")
        .stderr_has("--yes");
    env.assert_unchanged(&untouched);
    env.run_as(
        ADMIN,
        &["calendar", "import", file.to_str().unwrap(), "--yes"],
    )
    .success();
    assert_ne!(
        clock(&env, &ids[0], "dispatch", 1)["due_at"],
        before["due_at"]
    );

    // All or nothing: a date without an operator's line refuses the whole removal.
    let untouched = env.fingerprint();
    env.run_as(ADMIN, &["calendar", "remove", "2026-12-28", "2026-12-31"])
        .failure()
        .one_line_error()
        .stderr_has("31");
    env.assert_unchanged(&untouched);

    env.run_as(
        ADMIN,
        &[
            "calendar",
            "remove",
            "2026-12-28",
            "29/12/2026",
            "2026-12-30",
        ],
    )
    .success();
    assert_eq!(env.count("SELECT count(*) FROM calendar_days"), 0);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'calendar_remove'"),
        1
    );
    assert_eq!(clock(&env, &ids[0], "dispatch", 1), before);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// yearturn3: a calendar change said "tính lại hạn của N thời hạn đang chạy" whether
/// nothing moved or every deadline moved a working day, and its event recorded only that
/// count: nobody could tell an agency its deadline had moved, nor an inspector later why a
/// case was judged against the deadline it was.
#[test]
fn a_calendar_change_names_the_deadlines_it_moved_and_seals_them() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-11-06 17:00");
    let ids = receive(
        &env,
        &[
            ("MV-FRI", "2026-11-06T16:30:00+07:00", false),
            ("MV-MORN", "2026-11-06T08:00:00+07:00", false),
        ],
    );
    let (moved, kept) = (ids[0].as_str(), ids[1].as_str());
    let kept_due = clock(&env, kept, "dispatch", 1)["due_at"].clone();

    // A day inside no running window moves nothing, and says so.
    env.run_as(ADMIN, &add_holiday("2026-12-10", "Nghỉ (thử)"))
        .success()
        .stderr_has("0 thời hạn đang chạy đổi hạn, 2 thời hạn tính lại không đổi");

    let run = env.run_as(
        ADMIN,
        &[
            &add_holiday("2026-11-09", "Nghỉ đột xuất do bão")[..],
            &["--format", "json"],
        ]
        .concat(),
    );
    run.success()
        .stderr_has("1 thời hạn đang chạy đổi hạn, 1 thời hạn tính lại không đổi");
    let rows = run.json();
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows:#}");
    assert_eq!(rows[0]["change"], "moved");
    assert_eq!(rows[0]["report_id"].to_string(), moved);
    assert_eq!(rows[0]["stage"], "dispatch");
    assert_eq!(rows[0]["due_before"], "2026-11-09T08:30:00+07:00");
    assert_eq!(rows[0]["due_after"], "2026-11-10T08:30:00+07:00");
    assert_eq!(clock(&env, kept, "dispatch", 1)["due_at"], kept_due);

    // The table names it too, in the operator's words.
    env.run_as(ADMIN, &["calendar", "remove", "2026-11-09"])
        .success()
        .stdout_has("10/11/2026")
        .stdout_has("09/11/2026");

    // The sealed events record each move, from and to.
    let payloads: Vec<Value> = env
        .column::<String>(
            "SELECT payload FROM events WHERE action IN ('calendar_add_holiday', 'calendar_remove')
              ORDER BY id",
        )
        .iter()
        .map(|p| serde_json::from_str(p).unwrap())
        .collect();
    assert_eq!(payloads[0]["moved_deadlines"], serde_json::json!([]));
    let added = &payloads[1]["moved_deadlines"][0];
    assert_eq!(added["report"].to_string(), moved);
    assert_eq!(added["stage"], "dispatch");
    assert_eq!(added["from"], "2026-11-09T08:30:00+07:00");
    assert_eq!(added["to"], "2026-11-10T08:30:00+07:00");
    assert_eq!(
        payloads[2]["moved_deadlines"][0]["to"],
        "2026-11-09T08:30:00+07:00"
    );
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// A Friday report assigned to SXD at 16:00, a Saturday typed as a working day by mistake,
/// and SXD's reply on that Saturday at 11:00: judged late against 07/11 10:00. Returns the
/// report.
fn judged_on_a_mistaken_saturday(env: &mut TestEnv) -> String {
    at(env, "2026-11-06 15:30");
    let id = receive(env, &[("RJ-SAT", "2026-11-06T15:30:00+07:00", false)])[0].clone();
    at(env, "2026-11-06 16:00");
    env.run_as(RECEPTION, &["classify", &id, "--field", "XD"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
    assert_eq!(
        clock(env, &id, "process", 1)["due_at"],
        "2026-11-09T10:00:00+07:00"
    );
    at(env, "2026-11-06 16:30");
    env.run_as(
        ADMIN,
        &[
            "calendar",
            "add-workday",
            "2026-11-07",
            "--name",
            "làm bù (nhập nhầm ngày)",
        ],
    )
    .success();
    at(env, "2026-11-07 11:00");
    env.run_as(HANDLER_SXD, &["reply", &id, "--text", "Đã xử lý xong."])
        .success();
    assert_clock(
        &clock(env, &id, "process", 1),
        "2026-11-07T10:00:00+07:00",
        Some("2026-11-07T11:00:00+07:00"),
        Some(true),
    );
    id
}

/// yearturn2: a calendar typo corrected with `calendar remove` (the guide's fix for "nhập
/// nhầm") left the lateness it caused: the stopped clock kept its verdict, the correction
/// did not name it, and nothing could re-judge it, so SXD stayed late in its score for not
/// working on a Saturday. Now the correction lists it with the exact command, and that
/// command re-judges it in a sealed event that `audit verify` accepts, before and after a
/// later change of the calendar.
#[test]
fn a_corrected_calendar_mistake_names_the_verdicts_it_caused_and_rejudges_them() {
    let mut env = TestEnv::seeded();
    let id = judged_on_a_mistaken_saturday(&mut env);

    at(&mut env, "2026-11-09 08:00");
    let run = env.run_as(
        ADMIN,
        &["--format", "json", "calendar", "remove", "2026-11-07"],
    );
    run.success()
        .stderr_has("1 thời hạn đã dừng được chấm theo lịch")
        .stderr_has(&format!(
            "{id} Xử lý (lượt 1): 07/11/2026 10:00 → 09/11/2026 10:00, trễ hạn → đúng hạn"
        ))
        .stderr_has("`phananh --as admin calendar rejudge 2026-11-07`");
    let rows = run.json();
    let row = array(&rows)
        .iter()
        .find(|r| r["change"] == "contradicted")
        .unwrap_or_else(|| panic!("{rows:#}"))
        .clone();
    assert_eq!(row["report_id"].to_string(), id);
    assert_eq!(row["due_before"], "2026-11-07T10:00:00+07:00");
    assert_eq!(row["due_after"], "2026-11-09T10:00:00+07:00");
    assert_eq!(
        (row["late_before"].clone(), row["late_after"].clone()),
        (Value::from(true), Value::from(false))
    );
    // Kept by default (docs/rules.md §3), and the event says which it contradicts.
    assert_eq!(clock(&env, &id, "process", 1)["breached"], true);
    let payload: Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'calendar_remove'")[0],
    )
    .unwrap();
    assert_eq!(
        payload["contradicted_clocks"][0]["report_id"].to_string(),
        id
    );
    assert_eq!(payload["contradicted_clocks"][0]["late_now"], false);

    // The command it named re-judges it, on record.
    at(&mut env, "2026-11-09 08:05");
    env.run_as(ADMIN, &["calendar", "rejudge", "2026-11-07"])
        .success()
        .stderr_has("Đã chấm lại 1 thời hạn đã dừng");
    assert_clock(
        &clock(&env, &id, "process", 1),
        "2026-11-09T10:00:00+07:00",
        Some("2026-11-07T11:00:00+07:00"),
        Some(false),
    );
    assert_eq!(
        env.column::<String>("SELECT actor FROM events WHERE action = 'calendar_rejudge'"),
        [ADMIN]
    );
    let payload: Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'calendar_rejudge'")[0],
    )
    .unwrap();
    assert_eq!(
        payload["rejudged_clocks"][0]["due_then"],
        "2026-11-07T10:00:00+07:00"
    );
    assert_eq!(payload["dates"], serde_json::json!(["2026-11-07"]));
    env.run_as(ADMIN, &["audit", "verify"]).success();
    // Nothing left to re-judge, and the overdue history no longer lists its processing
    // (its publication, started on the Saturday in clock hours, is overdue for good reason).
    env.run_as(ADMIN, &["calendar", "rejudge", "2026-11-07"])
        .success()
        .stderr_has("Không có thời hạn đã dừng nào cần chấm lại");
    let ever = env.run_as(
        RECEPTION,
        &["--format", "json", "list", "--overdue", "--ever"],
    );
    ever.success();
    assert!(
        !ever.stdout.contains("\"overdue_stage\": \"process\""),
        "{ever}"
    );

    // A later change of the calendar leaves the re-judged clock as audit verify judges it.
    env.run_as(ADMIN, &add_holiday("2026-11-20", "Nghỉ (thử)"))
        .success();
    env.run_as(ADMIN, &["audit", "verify"]).success();
    env.run_as(LEADER, &["report", "monthly", "--period", "2026-11"])
        .success();
}

/// yearturn4: days off entered after the fact with `--rejudge` re-judge the stopped clocks
/// they contradict in the change's own event.
#[test]
fn a_change_with_rejudge_rejudges_in_its_own_event() {
    let mut env = TestEnv::seeded();
    let id = judged_on_a_mistaken_saturday(&mut env);
    at(&mut env, "2026-11-09 08:00");
    env.run_as(ADMIN, &["calendar", "remove", "2026-11-07", "--rejudge"])
        .success()
        .stderr_has("Đã chấm lại 1 thời hạn đã dừng");
    assert_eq!(clock(&env, &id, "process", 1)["breached"], false);
    let payload: Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'calendar_remove'")[0],
    )
    .unwrap();
    assert_eq!(payload["rejudged_clocks"][0]["late_then"], true);
    env.run_as(ADMIN, &["audit", "verify"]).success();
    env.run_as(ADMIN, &add_holiday("2026-11-20", "Nghỉ (thử)"))
        .success();
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// yearturn4 (c): `show` said a deadline rested on days off the rules only guess while its
/// clock ran, and dropped the note once the clock stopped: a dispatch over 01/01/2027,
/// judged on the guess, read as settled.
#[test]
fn show_keeps_the_rule_guess_note_for_a_stopped_clock_judged_across_it() {
    let mut env = TestEnv::seeded();
    at(&mut env, "2026-12-31 16:30");
    let id = receive(&env, &[("YT-GUESS", "2026-12-31T16:30:00+07:00", false)])[0].clone();
    assert_eq!(
        clock(&env, &id, "dispatch", 1)["due_at"],
        "2027-01-04T08:30:00+07:00"
    );
    at(&mut env, "2027-01-04 08:00");
    env.run_as(RECEPTION, &["classify", &id, "--field", "XD"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
    assert_eq!(clock(&env, &id, "dispatch", 1)["breached"], false);
    env.run_as(RECEPTION, &["show", &id])
        .success()
        .stdout_has("Phân phối (lượt 1) dựa trên ngày nghỉ suy ra theo quy tắc")
        .stdout_has("01/01/2027")
        .stdout_has("Hạn đã dừng giữ kết quả");
}

/// yearturn1: nothing said in December that next year had no announced schedule; the first
/// anyone learnt of it was a `show` of one report whose clock crossed 01/01. From 1
/// December the sweep (cron mails its stderr) says it once a day, and `calendar show` says
/// it, until a day of next year is entered.
#[test]
fn from_december_the_sweep_and_calendar_show_say_next_year_has_no_schedule() {
    let mut env = TestEnv::seeded();
    let said = "Nhắc: năm 2027 chưa có lịch nghỉ Chính phủ công bố";
    at(&mut env, "2026-11-30 09:00");
    let run = env.run_as(RECEPTION, &["sweep"]);
    run.success();
    assert!(!run.stderr.contains(said), "{run}");
    at(&mut env, "2026-12-07 09:00");
    env.run_as(RECEPTION, &["sweep"]).success().stderr_has(said);
    // Once a day: cron runs it every few minutes and mails each word.
    at(&mut env, "2026-12-07 09:10");
    let run = env.run_as(RECEPTION, &["sweep"]);
    run.success();
    assert!(!run.stderr.contains(said), "{run}");
    env.run_as(RECEPTION, &["sweep", "--dry-run"])
        .success()
        .stderr_has(said);
    env.run_as(ADMIN, &["calendar", "show"])
        .success()
        .stderr_has(said)
        .stderr_has("calendar import lich-nghi-2027.csv");
    at(&mut env, "2026-12-08 07:00");
    env.run_as(RECEPTION, &["sweep"]).success().stderr_has(said);
    // Entered, it is no longer said.
    env.run_as(ADMIN, &add_holiday("2027-01-01", "Tết Dương lịch 2027"))
        .success();
    at(&mut env, "2026-12-09 07:00");
    let run = env.run_as(RECEPTION, &["sweep"]);
    run.success();
    assert!(!run.stderr.contains(said), "{run}");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}
