//! Honest time (docs/rules.md §7): every event records the system clock when it was written
//! and the login that wrote it, both inside its seal; no event of a report is timed before
//! the event it follows, in either mode; in `peer` mode a command that writes refuses
//! `--now`, and a database made by `init` starts in `peer` mode. The tests here need no
//! second operating-system user (tests/cli/logins.rs plays those).

use chrono::{SecondsFormat, Utc};

use serde_json::Value;

use crate::common::*;

/// The system clock as events store it (RFC 3339 at +07:00, to the second).
fn wall_clock() -> String {
    Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Report 5 assigned to SXD on Monday 2 November 2026 at 08:00, and the sweep of Thursday 5
/// November that recorded its processing clock overdue (4 working hours, Đ8.1.b).
fn overdue_and_reminded() -> TestEnv {
    let mut env = TestEnv::validated();
    env.set_now("2026-11-02T08:00:00+07:00");
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env.set_now("2026-11-05T08:00:00+07:00");
    env.run_as(RECEPTION, &["sweep"]).success();
    assert_eq!(
        env.column::<String>(
            "SELECT at FROM events WHERE report_id = 5 AND action = 'remind' ORDER BY id"
        ),
        ["2026-11-05T08:00:00+07:00"],
        "the sweep reminded of report 5's overdue clock"
    );
    env
}

/// The attack of issue 16: a handler replies "before" the reminder the sweep recorded, so
/// that the processing clock would say on time. Refused in `trust` mode too, nothing kept.
#[test]
fn a_reply_timed_before_the_sweeps_reminder_is_refused() {
    let mut env = overdue_and_reminded();
    let before = env.fingerprint();
    env.set_now("2026-11-02T09:30:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
        .failure()
        .one_line_error()
        .stderr_has("Bị từ chối")
        .stderr_has("05/11/2026 08:00");
    env.run_as(
        HANDLER_SXD,
        &["--lang", "en", "reply", "5", "--text", "Đã vá đường."],
    )
    .failure()
    .stderr_has("would come before it");
    env.assert_unchanged(&before);
    // At the reminder's moment or later the reply is taken, and judged late.
    env.set_now("2026-11-05T09:00:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
        .success();
    let shown = env.show("5");
    let process = array(&shown["clocks"])
        .iter()
        .find(|c| c["stage"] == "process")
        .unwrap()
        .clone();
    assert_eq!(process["breached"], true, "{process:#}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// Every step of a report keeps the order of the log: an earlier `--now` on any later step
/// is refused, a refusal by role included (its record would be backdated too).
#[test]
fn no_step_of_a_report_is_timed_before_its_latest_event() {
    let mut env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.set_now("2026-10-05T07:59:59+07:00");
    let before = env.fingerprint();
    for (user, args) in [
        (RECEPTION, &["assign", "5", "--agency", "SXD"][..]),
        (RECEPTION, &["mark", "5", "--state-secret"]),
        (
            ADMIN,
            &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
        ),
        (HANDLER_SXD, &["reply", "5", "--text", "x"]),
    ] {
        env.run_as(user, args)
            .failure()
            .stderr_has("đã có sự kiện lúc 05/10/2026 08:00;");
    }
    env.assert_unchanged(&before);
    // The same second as the latest event is not before it.
    env.set_now(NOW);
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    // Another report keeps its own order: its latest event is at NOW too.
    let other = env
        .count("SELECT min(id) FROM reports WHERE status = 'accepted' AND id > 5")
        .to_string();
    env.set_now("2026-10-05T07:00:00+07:00");
    env.run_as(RECEPTION, &["classify", &other, "--field", "GT"])
        .failure()
        .stderr_has(&format!("phản ánh {other} đã có sự kiện"));
}

/// The system clock and the login are recorded on every event, whatever `--now` says.
#[test]
fn every_event_records_the_system_clock_and_the_login() {
    let env = TestEnv::validated();
    let first_new = env.count("SELECT max(id) FROM events") + 1;
    let earliest = wall_clock();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env.run_as(ADMIN, &["staff", "disable", "tiepnhan.khang"])
        .success();
    env.run_as(HANDLER_PCCM, &["show", "5"]).failure();
    let latest = wall_clock();
    let rows: Vec<(String, String, Option<String>, Option<String>)> = {
        let conn = env.read_only();
        let mut stmt = conn
            .prepare("SELECT action, at, login, recorded_at FROM events WHERE id >= ?1 ORDER BY id")
            .unwrap();
        stmt.query_map([first_new], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let actions: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(actions, ["classify", "assign", "staff_disable", "refused"]);
    let me = my_login();
    for (action, at, login, recorded_at) in &rows {
        assert_eq!(at, NOW, "{action}: the tool's clock, pinned");
        assert_eq!(login.as_deref(), Some(me.as_str()), "{action}");
        let recorded = recorded_at.as_deref().unwrap_or_default();
        assert!(
            earliest.as_str() <= recorded && recorded <= latest.as_str(),
            "{action}: recorded at {recorded}, not between {earliest} and {latest}"
        );
    }
    // The audit log shows them.
    let log = env
        .run_as(RECEPTION, &["audit", "log", "5", "--format", "json"])
        .success()
        .json();
    let last = array(&log).last().unwrap().clone();
    assert_eq!(last["action"], "refused");
    assert_eq!(last["login"], me.as_str());
    assert_eq!(last["recorded_at"], rows[3].3.clone().unwrap().as_str());
    // The template's events were written by this binary too.
    let first = &array(&log)[0];
    assert_eq!(first["action"], "ingest");
    assert_eq!(first["login"], me.as_str());
}

/// The login and the system clock are inside the seal: editing either is named.
#[test]
fn an_edited_login_or_system_clock_is_named_by_audit_verify() {
    for (column, value) in [
        ("login", "'someone.else'"),
        ("recorded_at", "'2026-11-02T09:30:00+07:00'"),
        ("recorded_at", "NULL"),
    ] {
        let env = TestEnv::validated();
        env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
            .success();
        let id = env.count("SELECT max(id) FROM events");
        env.run_as(AUDITOR, &["audit", "verify"]).success();
        env.tamper_without_triggers(
            &["events_are_append_only_update"],
            &format!("UPDATE events SET {column} = {value} WHERE id = {id};"),
        );
        env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
            .code(5)
            .stderr_matches(&format!(r"event {id}\b"));
    }
}

/// `init` makes a `peer` database whose first admin is bound to the login that ran it; in
/// that mode a write refuses `--now` and a read keeps it.
#[test]
fn init_starts_in_peer_mode_bound_to_the_caller() {
    let env = TestEnv::empty();
    // With the test's pinned clock, `init` in peer mode refuses and makes no file.
    env.run(&["init"])
        .failure()
        .one_line_error()
        .stderr_has("PHANANH_NOW");
    assert!(!env.db().exists());
    as_login(&env, None, &["init"]).success();
    let me = my_login();
    assert_eq!(
        env.column::<String>("SELECT value FROM settings WHERE key = 'auth.mode'"),
        ["peer"]
    );
    assert_eq!(
        env.column::<String>("SELECT username || ' ' || login FROM staff_logins"),
        [format!("admin {me}")]
    );
    let init = env.column::<String>("SELECT payload FROM events ORDER BY id");
    assert_eq!(init.len(), 1, "{init:?}");
    let init: serde_json::Value = serde_json::from_str(&init[0]).unwrap();
    assert_eq!(
        (&init["login"], &init["auth_mode"]),
        (&me.as_str().into(), &"peer".into())
    );
    let unpinned = |args: &[&str]| as_login(&env, None, args);
    // Without --as: the one account bound to this login.
    unpinned(&["field", "add", "GT", "--name", "Giao thông"]).success();
    unpinned(&["staff", "logins", "--format", "csv"])
        .success()
        .stdout_has(&format!("admin,{me}"));
    let before = env.fingerprint();
    // A write with the tool's clock pinned is refused, by flag or by environment.
    env.run_as(ADMIN, &["field", "add", "MT", "--name", "Môi trường"])
        .failure()
        .one_line_error()
        .stderr_has("--now");
    env.run_as(
        ADMIN,
        &[
            "--now",
            "2026-10-05T08:00:00+07:00",
            "--lang",
            "en",
            "settings",
            "set",
            "auth.mode",
            "trust",
        ],
    )
    .failure()
    .stderr_has("peer mode");
    env.assert_unchanged(&before);
    // Reads keep it: the calendar's explanation, a report "as of", the sweep's dry run.
    env.run_as(
        ADMIN,
        &[
            "calendar", "deadline", "--stage", "dispatch", "--start", NOW,
        ],
    )
    .success();
    env.run_as(ADMIN, &["report", "monthly", "--period", "2026-10"])
        .success();
    env.run_as(ADMIN, &["sweep", "--dry-run"]).success();
    env.run_as(ADMIN, &["field", "list"]).success();
    env.assert_unchanged(&before);
    // An account bound to no login cannot act in peer mode, even named.
    unpinned(&[
        "staff",
        "add",
        "tiepnhan.lan",
        "--name",
        "Lan",
        "--role",
        "reception",
    ])
    .success();
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["list"])
        .failure()
        .one_line_error()
        .stderr_has(&me)
        .stderr_has("tiepnhan.lan");
    // Filed under the account the login is bound to (the admin), the name it claimed in
    // the payload.
    let refusal = env.assert_only_refusal(&before, ADMIN);
    assert_eq!(refusal["login"], format!("'{me}'"));
    assert!(
        refusal["payload"].contains("\"claimed_account\":\"tiepnhan.lan\""),
        "{refusal:?}"
    );
}

/// A signed checkpoint says when the head it signs existed: in `peer` mode `--now` cannot
/// set that moment, or a chain rewritten since could be vouched for as it stood "before".
#[test]
fn a_checkpoint_in_peer_mode_is_timed_by_the_system_clock_only() {
    let env = TestEnv::empty();
    let unpinned = |args: &[&str]| as_login(&env, None, args);
    unpinned(&["init"]).success();
    let key = env.dir().join("audit.key");
    let head = env.dir().join("head.json");
    let (key_arg, head_arg) = (key.to_str().unwrap(), head.to_str().unwrap());
    unpinned(&["audit", "keygen", "--out", key_arg]).success();
    env.run(&["audit", "checkpoint", "--key", key_arg, "--out", head_arg])
        .failure()
        .one_line_error()
        .stderr_has("--now");
    assert!(!head.exists(), "a backdated checkpoint was written");
    let before = wall_clock();
    unpinned(&["audit", "checkpoint", "--key", key_arg, "--out", head_arg]).success();
    let signed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&head).unwrap()).unwrap();
    let at = signed["at"].as_str().unwrap().to_owned();
    assert!(at >= before && at <= wall_clock(), "{at}");
}

/// Switching a `peer` database to `trust` hands every account to whoever runs phananh on
/// the file: one `settings set` did it without a word. Without --yes nothing changes and
/// the refusal says what trust opens; with it the switch is made; back to `peer` needs none.
#[test]
fn switching_peer_to_trust_is_confirmed_with_yes() {
    let env = TestEnv::empty();
    let unpinned = |args: &[&str]| as_login(&env, None, args);
    unpinned(&["init"]).success();
    let before = env.fingerprint();
    unpinned(&["settings", "set", "auth.mode", "trust"])
        .failure()
        .one_line_error()
        .stderr_has("Chưa đổi gì.")
        .stderr_has("kể cả quản trị viên")
        .stderr_has("chạy lại với --yes");
    env.assert_unchanged(&before);
    unpinned(&["--lang", "en", "settings", "set", "auth.mode", "trust"])
        .failure()
        .stderr_has("the admin included");
    env.assert_unchanged(&before);
    unpinned(&["settings", "set", "auth.mode", "trust", "--yes"]).success();
    assert_eq!(
        env.column::<String>("SELECT value FROM settings WHERE key = 'auth.mode'"),
        ["trust"]
    );
    // Back to the stricter mode, and trust again while already trust, ask nothing.
    env.run_as(ADMIN, &["settings", "set", "auth.mode", "trust"])
        .success();
    unpinned(&["--as", ADMIN, "settings", "set", "auth.mode", "peer"]).success();
}

/// The admin switched a `peer` file to `trust` through the tool, wrote a step as someone
/// else from their own login, backdated with `--now`, and switched back: `audit verify`
/// said "intact" with no word of it, and only `audit log`'s last columns told. Each event
/// written in such a window is now named, with its account, the login that wrote it (and
/// that the log did not bind it to the account) and the real time beside the one it gives,
/// exit 0 (named, not a break), and listed in the JSON.
#[test]
fn events_written_in_a_trust_window_of_a_peer_file_are_named_by_verify() {
    let env = peer_world_with_a_leader();
    let me = |args: &[&str]| as_login(&env, None, args);
    me(&["--lang", "en", "audit", "verify"])
        .success()
        .never_shows("switched back to trust");
    // For cron, which mails whatever a job prints: an intact chain says nothing.
    let quiet = me(&["audit", "verify", "--quiet"]);
    quiet.success();
    assert_eq!(
        (quiet.stdout.as_str(), quiet.stderr.as_str()),
        ("", ""),
        "{quiet}"
    );
    me(&["settings", "set", "auth.mode", "trust", "--yes"]).success();
    as_login(
        &env,
        Some("mallory"),
        &[
            "--as",
            ADMIN,
            "--now",
            "2026-01-05T08:00:00+07:00",
            "field",
            "add",
            "GT",
            "--name",
            "Giao thông",
        ],
    )
    .success();
    me(&["--as", ADMIN, "settings", "set", "auth.mode", "peer"]).success();
    let event = env.column::<i64>("SELECT id FROM events WHERE action = 'field_add'")[0];
    me(&["--lang", "en", "audit", "verify"])
        .success()
        .stderr_has("1 event was written while this file, once in peer mode, was switched back to trust")
        .stderr_has(&format!(
            "event {event} (field_add) as admin, by the login mallory, not bound to that account, timed 2026-01-05 08:00 but written at"
        ));
    me(&["audit", "verify"])
        .success()
        .stderr_has(&format!("sự kiện {event} (field_add) dưới tên admin, do tài khoản hệ điều hành mallory, không gắn với tài khoản ấy, ghi giờ 05/01/2026 08:00"));
    // History, said by a run without `--quiet` (above): with it, cron's mail would never
    // be empty again.
    let quiet = me(&["--lang", "en", "audit", "verify", "--quiet"]);
    quiet.success();
    assert_eq!(
        (quiet.stdout.as_str(), quiet.stderr.as_str()),
        ("", ""),
        "{quiet}"
    );
    let outcome = me(&["--format", "json", "audit", "verify"])
        .success()
        .json();
    assert_eq!(outcome["written_in_trust_count"], 1, "{outcome}");
    assert_eq!(outcome["written_in_trust"][0]["event"], event, "{outcome}");
    assert_eq!(outcome["written_in_trust"][0]["bound"], false, "{outcome}");
    assert_eq!(
        outcome["written_in_trust"][0]["at_differs"], true,
        "{outcome}"
    );
}

/// A refused `--as OTHER` was filed with the claimed account as its actor, so `audit log
/// --actor OTHER` listed someone else's tries as that colleague's own events. It is now
/// filed under the account the login that tried is bound to (`@LOGIN` when none or
/// several), with the name claimed and the command tried in the payload.
#[test]
fn a_refused_login_is_filed_under_whoever_tried_not_the_account_claimed() {
    let env = peer_world_with_a_leader();
    let me = |args: &[&str]| as_login(&env, None, args);
    as_login(
        &env,
        Some("mallory"),
        &["--as", ADMIN, "field", "add", "GT", "--name", "Giao thông"],
    )
    .failure();
    as_login(&env, Some("eve"), &["--as", ADMIN, "settings", "show"]).failure();
    let refused: Vec<(String, String)> = env
        .column::<String>("SELECT actor FROM events WHERE action = 'refused' ORDER BY id")
        .into_iter()
        .zip(
            env.column::<String>("SELECT payload FROM events WHERE action = 'refused' ORDER BY id"),
        )
        .collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0].0, "lanhdao");
    let payload: Value = serde_json::from_str(&refused[0].1).unwrap();
    assert_eq!(payload["claimed_account"], ADMIN, "{payload}");
    assert_eq!(payload["command"], "field add", "{payload}");
    assert_eq!(refused[1].0, "@eve");
    let by_admin = me(&["--format", "json", "audit", "log", "--actor", ADMIN])
        .success()
        .json();
    assert!(
        !by_admin.to_string().contains("claimed_account"),
        "{by_admin}"
    );
    me(&["--format", "json", "audit", "log", "--actor", "lanhdao"])
        .success()
        .stdout_has("claimed_account");
    me(&["audit", "verify"]).success();
}

/// A database moved from `trust` to `peer` by an admin whose login no admin account was
/// bound to (a database made before logins, or the binding removed) locked everyone out:
/// every command, `settings set auth.mode trust` and `staff edit --add-login` included,
/// was refused, and only `sqlite3` undid it. The switch is refused, naming the binding to
/// make first; once made, it goes through.
#[test]
fn switching_trust_to_peer_with_no_admin_bound_to_the_login_is_refused() {
    let env = TestEnv::empty();
    let unpinned = |args: &[&str]| as_login(&env, None, args);
    unpinned(&["init", "--auth", "trust"]).success();
    let me = my_login();
    unpinned(&["--as", ADMIN, "staff", "edit", ADMIN, "--remove-login", &me]).success();
    let before = env.fingerprint();
    unpinned(&["--as", ADMIN, "settings", "set", "auth.mode", "peer", "--yes"])
        .failure()
        .code(1)
        .one_line_error()
        .stderr_has(&format!(
            "chưa gắn với tài khoản quản trị nào, nên sau khi đổi không ai quản trị được nữa, kể cả để đổi lại. Gắn trước bằng `phananh staff edit admin --add-login {me}`"
        ));
    env.assert_unchanged(&before);
    unpinned(&["--as", ADMIN, "staff", "edit", ADMIN, "--add-login", &me]).success();
    unpinned(&["--as", ADMIN, "settings", "set", "auth.mode", "peer"]).success();
    // The admin still acts, and could switch back.
    unpinned(&["--as", ADMIN, "staff", "logins"]).success();
}

/// Runs phananh on `env`'s file with the system clock, as the person `login` names: as root
/// or as the file's owner, `SUDO_USER` is who runs it (None: the caller's own login).
fn as_login(env: &TestEnv, login: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = env.command();
    cmd.env_remove("PHANANH_NOW");
    if let Some(login) = login {
        cmd.env("SUDO_USER", login);
    }
    Run::of(cmd, args)
}

/// A `peer` database made by the caller (bound to its admin) with one more account, the
/// leader `lanhdao`, bound to the login `mallory` (the insider of the tests below).
fn peer_world_with_a_leader() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let env = TestEnv::empty();
        as_login(&env, None, &["init"]).success();
        as_login(
            &env,
            None,
            &[
                "staff",
                "add",
                "lanhdao",
                "--name",
                "Lê Văn Đạo",
                "--role",
                "leader",
                "--login",
                "mallory",
            ],
        )
        .success();
        env
    })
}

/// A mistyped `--as` in peer mode (`cron.tiepnhanh` for `cron.tiepnhan`) was told to bind
/// the login to that account (`staff edit cron.tiepnhanh --add-login …`), which does not
/// exist, so the advice failed in turn. An account that is not there is now said so, with
/// the existing name it most likely misspells; one that exists but is not bound to the
/// login is still told how to bind it.
#[test]
fn a_mistyped_account_in_peer_mode_is_said_not_to_exist_not_to_be_bound() {
    let env = peer_world_with_a_leader();
    let me = my_login();
    as_login(
        &env,
        None,
        &[
            "staff",
            "add",
            "cron.tiepnhan",
            "--name",
            "Tác vụ định kỳ",
            "--role",
            "reception",
            "--login",
            &me,
        ],
    )
    .success();
    let run = as_login(&env, None, &["--as", "cron.tiepnhanh", "sweep"]);
    run.code(1)
        .one_line_error()
        .stderr_has("Không có tài khoản “cron.tiepnhanh”; có phải “cron.tiepnhan”?")
        .never_shows("--add-login");
    as_login(
        &env,
        None,
        &["--lang", "en", "--as", "cron.tiepnhanh", "sweep"],
    )
    .code(1)
    .stderr_has("there is no account \"cron.tiepnhanh\"; did you mean \"cron.tiepnhan\"?");
    as_login(&env, None, &["--as", "lanhdao", "list"])
        .code(1)
        .stderr_has(&format!("`phananh staff edit lanhdao --add-login {me}`"));
}

/// An insider who can write the file (a group-writable database, no service account) binds
/// their login to the admin account with `sqlite3`, acts as admin, and takes the binding
/// away: the tables are then as the log sealed them, but the act names a login the log never
/// bound to that account, and `audit verify` names it (docs/rules.md §7). The same steps
/// through `staff edit` verify.
#[test]
fn an_act_through_a_binding_made_and_taken_away_behind_the_tools_back_is_named() {
    let env = peer_world_with_a_leader();
    let by = |login: Option<&str>, args: &[&str]| as_login(&env, login, args);
    // Bound through the tool for one act and unbound after it: on record, and sound.
    by(
        None,
        &[
            "staff",
            "edit",
            ADMIN,
            "--add-login",
            "mallory",
            "--yes",
            "--reason",
            "Một người giữ hai tài khoản",
        ],
    )
    .success();
    by(
        Some("mallory"),
        &["--as", ADMIN, "field", "add", "GT", "--name", "Giao thông"],
    )
    .success();
    by(None, &["staff", "edit", ADMIN, "--remove-login", "mallory"]).success();
    by(None, &["--lang", "en", "audit", "verify"]).success();

    // The same behind the tool's back.
    env.writable()
        .execute(
            "INSERT INTO staff_logins (username, login) VALUES ('admin', 'mallory')",
            [],
        )
        .unwrap();
    by(
        Some("mallory"),
        &[
            "--as",
            ADMIN,
            "field",
            "add",
            "ZZ",
            "--name",
            "Lĩnh vực lén",
        ],
    )
    .success();
    env.writable()
        .execute(
            "DELETE FROM staff_logins WHERE username = 'admin' AND login = 'mallory'",
            [],
        )
        .unwrap();
    let act = env.column::<i64>("SELECT max(id) FROM events WHERE action = 'field_add'")[0];
    by(None, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_has(&format!(
            r#"event {act}: written by the OS login "mallory" as account "admin", which the log never bound"#
        ));
    by(None, &["audit", "verify"]).code(5).stderr_has(&format!(
        r#"sự kiện {act}: do tài khoản hệ điều hành "mallory""#
    ));
}

/// The same insider changes their own account's role to admin with `sqlite3`, acts, and puts
/// the role back; or enables a disabled account for one act. The rows are then as the log
/// sealed them, but the account the act names could not do it by the log, and `audit
/// verify` names the act.
#[test]
fn an_act_through_a_role_or_state_changed_and_put_back_behind_the_tools_back_is_named() {
    let env = TestEnv::empty();
    let by = |login: Option<&str>, args: &[&str]| as_login(&env, login, args);
    by(None, &["init"]).success();
    for (user, login) in [("lanhdao", "mallory"), ("tiepnhan", "trudy")] {
        by(
            None,
            &[
                "staff",
                "add",
                user,
                "--name",
                "Cán bộ",
                "--role",
                "leader",
                "--login",
                login,
            ],
        )
        .success();
    }
    by(None, &["staff", "disable", "tiepnhan"]).success();
    by(None, &["--lang", "en", "audit", "verify"]).success();
    let pristine = env.snapshot();
    let cases: [(&str, &str, &str, &[&str]); 2] = [
        (
            "UPDATE staff SET role = 'admin' WHERE username = 'lanhdao'",
            "UPDATE staff SET role = 'leader' WHERE username = 'lanhdao'",
            "mallory",
            &["field", "add", "ZZ", "--name", "Lĩnh vực lén"],
        ),
        (
            "UPDATE staff SET active = 1, role = 'admin' WHERE username = 'tiepnhan'",
            "UPDATE staff SET active = 0, role = 'leader' WHERE username = 'tiepnhan'",
            "trudy",
            &["settings", "set", "score.weight_on_time", "0.9"],
        ),
    ];
    for (change, put_back, login, act) in cases {
        let env = TestEnv::from_bytes(&pristine);
        let by = |login: Option<&str>, args: &[&str]| as_login(&env, login, args);
        env.writable().execute(change, []).unwrap();
        by(Some(login), act).success();
        env.writable().execute(put_back, []).unwrap();
        let last = env.column::<i64>("SELECT max(id) FROM events")[0];
        by(None, &["--lang", "en", "audit", "verify"])
            .code(5)
            .one_line_error()
            .stderr_matches(&format!(
                r#"event {last}: written by account "\w+", which the log says had the role Leader(, was disabled,)? and could not"#
            ));
    }
}

/// `audit verify` named the role of an account that acted beyond it by its code ("was
/// leader", "Lãnh đạo (leader)"), where `staff list` and every other screen name a role in
/// words: it now says the role as they do, in the language asked for.
#[test]
fn an_act_beyond_a_role_names_the_role_in_words() {
    let env = peer_world_with_a_leader();
    let by = |login: Option<&str>, args: &[&str]| as_login(&env, login, args);
    env.writable()
        .execute(
            "UPDATE staff SET role = 'admin' WHERE username = 'lanhdao'",
            [],
        )
        .unwrap();
    by(
        Some("mallory"),
        &["settings", "set", "score.weight_on_time", "0.9"],
    )
    .success();
    env.writable()
        .execute(
            "UPDATE staff SET role = 'leader' WHERE username = 'lanhdao'",
            [],
        )
        .unwrap();
    let act = env.column::<i64>("SELECT max(id) FROM events")[0];
    by(None, &["audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_has(&format!(
            r#"sự kiện {act}: do tài khoản "lanhdao" ghi, nhưng theo nhật ký tài khoản ấy có vai trò Lãnh đạo nên không được làm"#
        ))
        .never_shows("(leader)");
    by(None, &["--lang", "en", "audit", "verify"])
        .code(5)
        .one_line_error()
        .stderr_has(&format!(
            r#"event {act}: written by account "lanhdao", which the log says had the role Leader and could not settings_set"#
        ))
        .never_shows("was leader");
}

/// A way around the replay of who may act: its name, the edits before, the steps as a login
/// (None: the caller's own), the edits after, and what `audit verify` must name.
struct Bypass<'a>(
    &'a str,
    &'a [&'a str],
    &'a [(Option<&'a str>, &'a [&'a str])],
    &'a [&'a str],
    &'a str,
);

/// The reviewer's ways around the replay of who may act, each played in `peer` mode on a
/// fresh copy and each named by `audit verify`: a role raised behind the tool's back and
/// then "confirmed" by the account itself with `staff add` (which now writes nothing for an
/// account already as given, so the act after it is named); an account that no event made,
/// even under phananh's own name; an honest admin's `staff disable` sealing a row raised
/// behind the tool's back; the first admin, disabled through the tool, enabled again with
/// `sqlite3` for one act.
#[test]
fn the_ways_around_the_replay_of_who_may_act_are_named() {
    let env = peer_world_with_a_leader();
    as_login(
        &env,
        None,
        &[
            "staff",
            "add",
            "admin2",
            "--name",
            "Quản trị hai",
            "--role",
            "admin",
            "--login",
            "root2",
        ],
    )
    .success();
    as_login(&env, None, &["--lang", "en", "audit", "verify"]).success();
    // phananh's own name is not an account name.
    as_login(
        &env,
        None,
        &[
            "--lang", "en", "staff", "add", "phananh", "--name", "X", "--role", "admin",
        ],
    )
    .failure()
    .stderr_has("is the name phananh gives what it does by itself");
    let pristine = env.snapshot();
    let raise = "UPDATE staff SET role = 'admin' WHERE username = 'lanhdao'";
    let cases: [Bypass<'_>; 4] = [
        Bypass(
            "self-confirmed",
            &[raise],
            &[
                (
                    Some("mallory"),
                    &[
                        "staff",
                        "add",
                        "lanhdao",
                        "--name",
                        "Lê Văn Đạo",
                        "--role",
                        "admin",
                    ],
                ),
                (
                    Some("mallory"),
                    &["settings", "set", "score.weight_on_time", "0.9"],
                ),
            ],
            &[],
            r#"event \d+: written by account "lanhdao", which the log says had the role Leader and could not settings_set"#,
        ),
        Bypass(
            "ghost",
            &[
                "INSERT INTO staff VALUES ('phananh', 'x', 'admin', NULL, 1)",
                "INSERT INTO staff_logins VALUES ('phananh', 'mallory')",
            ],
            &[(
                Some("mallory"),
                &[
                    "--as",
                    "phananh",
                    "settings",
                    "set",
                    "score.weight_on_time",
                    "0.9",
                ],
            )],
            &[
                "DELETE FROM staff_logins WHERE username = 'phananh'",
                "DELETE FROM staff WHERE username = 'phananh'",
            ],
            r#"event \d+: written by the OS login "mallory" as account "phananh""#,
        ),
        Bypass(
            "laundered by a disable",
            &[raise],
            &[(None, &["staff", "disable", "lanhdao"])],
            &[],
            r#"staff row "lanhdao": differs from what event \d+ recorded"#,
        ),
        Bypass(
            "first admin enabled for one act",
            &[],
            &[(
                Some("root2"),
                &["--as", "admin2", "staff", "disable", "admin"],
            )],
            &[],
            "",
        ),
    ];
    for Bypass(name, change, steps, put_back, named) in cases {
        let env = TestEnv::from_bytes(&pristine);
        for sql in change {
            env.writable().execute(sql, []).unwrap();
        }
        for (login, args) in steps {
            as_login(&env, *login, args).success();
        }
        for sql in put_back {
            env.writable().execute(sql, []).unwrap();
        }
        if name == "first admin enabled for one act" {
            as_login(&env, Some("root2"), &["--as", "admin2", "audit", "verify"]).success();
            env.writable()
                .execute("UPDATE staff SET active = 1 WHERE username = 'admin'", [])
                .unwrap();
            as_login(
                &env,
                None,
                &["settings", "set", "score.weight_on_time", "0.9"],
            )
            .success();
            env.writable()
                .execute("UPDATE staff SET active = 0 WHERE username = 'admin'", [])
                .unwrap();
            as_login(&env, Some("root2"), &["--as", "admin2", "--lang", "en", "audit", "verify"])
                .code(5)
                .stderr_matches(
                    r#"event \d+: written by account "admin", which the log says had the role Admin, was disabled, and could not"#,
                );
            continue;
        }
        as_login(&env, None, &["--lang", "en", "audit", "verify"])
            .code(5)
            .one_line_error()
            .stderr_matches(named);
    }
}

/// A reminder its report's later event forbids (here a reveal timed forward in `trust`
/// mode; under the system clock, one recorded while the sweep waited its turn) is skipped
/// and named once on stderr, even to a quiet cron job; every other reminder is recorded, and
/// a later sweep records the skipped one. The whole run was refused before.
#[test]
fn a_sweep_skips_and_names_a_reminder_a_later_event_forbids_and_records_the_rest() {
    let mut env = TestEnv::validated();
    let other = env
        .count("SELECT min(id) FROM reports WHERE status = 'accepted' AND id > 5")
        .to_string();
    env.set_now("2026-11-02T08:00:00+07:00");
    for id in ["5", other.as_str()] {
        env.run_as(RECEPTION, &["classify", id, "--field", "GT"])
            .success();
        env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
            .success();
    }
    env.set_now("2026-11-05T08:01:00+07:00");
    env.run_as(
        ADMIN,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    env.set_now("2026-11-05T08:00:30+07:00");
    let run = env.cron_sweep(RECEPTION, &["--quiet"]);
    // The later event's time as the tables write it, not as the log stores it.
    run.code(3).stderr_has("5 (sự kiện lúc 05/11/2026 08:01)");
    assert_eq!(run.stderr.matches("sự kiện lúc").count(), 1, "{run}");
    // No breach is new to this second run: the skipped reminder alone fails nothing.
    env.cron_sweep(RECEPTION, &["--quiet", "--lang", "en"])
        .success()
        .stderr_has("5 (event at 2026-11-05 08:01)");
    let reminded = |env: &TestEnv, id: &str| {
        env.column::<String>(&format!(
            "SELECT at FROM events WHERE report_id = {id} AND action = 'remind' ORDER BY id"
        ))
    };
    assert_eq!(reminded(&env, &other), ["2026-11-05T08:00:30+07:00"]);
    assert!(reminded(&env, "5").is_empty(), "{:?}", reminded(&env, "5"));
    // Once the reveal is behind it, the sweep records report 5's reminder, as new.
    env.set_now("2026-11-05T08:02:00+07:00");
    env.cron_sweep(RECEPTION, &[])
        .code(3)
        .stdout_has("2026-11-05T08:02:00+07:00");
    assert_eq!(reminded(&env, "5"), ["2026-11-05T08:02:00+07:00"]);
    assert_eq!(reminded(&env, &other), ["2026-11-05T08:00:30+07:00"]);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// An account raised to admin with `sqlite3` is given a
/// new login by an honest admin, who would hand the raised role to whoever uses it. The
/// binding is refused (exit 5), as an enable is; unbinding a login from it is not.
#[test]
fn a_login_bound_to_an_account_raised_behind_the_tools_back_is_refused() {
    let env = peer_world_with_a_leader();
    env.writable()
        .execute(
            "UPDATE staff SET role = 'admin' WHERE username = 'lanhdao'",
            [],
        )
        .unwrap();
    let bound = "SELECT count(*) FROM staff_logins WHERE username = 'lanhdao'";
    let before = env.count(bound);
    as_login(
        &env,
        None,
        &["--lang", "en", "staff", "edit", "lanhdao", "--add-login", "dao"],
    )
    .code(5)
    .one_line_error()
    .stderr_matches(
        r"the account lanhdao is no longer as event \d+ of the log recorded it \(edited outside phananh\); no login was bound",
    );
    assert_eq!(env.count(bound), before);
    as_login(
        &env,
        None,
        &["staff", "edit", "lanhdao", "--remove-login", "mallory"],
    )
    .success();
    assert_eq!(env.count(bound), before - 1);
}

/// An account disabled through the tool, raised to admin
/// with `sqlite3` while disabled, then enabled by an honest admin. The enable would have
/// sealed the raised row as the log's (`staff enable` keeps the role "as before", read from
/// the row), and the raised account's acts after it would have verified. It is refused
/// (exit 5, pointing at `audit verify`), the account stays disabled and cannot act; the row
/// put back as sealed, the same enable works, is marked as an enable and verifies.
#[test]
fn an_enable_over_a_role_raised_behind_the_tools_back_is_refused() {
    let env = peer_world_with_a_leader();
    as_login(&env, None, &["staff", "disable", "lanhdao"]).success();
    env.writable()
        .execute(
            "UPDATE staff SET role = 'admin' WHERE username = 'lanhdao'",
            [],
        )
        .unwrap();
    as_login(&env, None, &["--lang", "en", "staff", "enable", "lanhdao"])
        .code(5)
        .one_line_error()
        .stderr_matches(
            r"the account lanhdao is no longer as event \d+ of the log recorded it .*Run `phananh audit verify`",
        );
    as_login(&env, None, &["staff", "enable", "lanhdao"])
        .code(5)
        .stderr_has("không bật lại");
    assert_eq!(
        env.count("SELECT count(*) FROM staff WHERE username = 'lanhdao' AND active = 0"),
        1
    );
    as_login(
        &env,
        Some("mallory"),
        &["staff", "add", "evil", "--name", "Evil", "--role", "admin"],
    )
    .failure();
    assert_eq!(
        env.count("SELECT count(*) FROM staff WHERE username = 'evil'"),
        0
    );
    as_login(&env, None, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stderr_has(r#"staff row "lanhdao""#);

    env.writable()
        .execute(
            "UPDATE staff SET role = 'leader' WHERE username = 'lanhdao'",
            [],
        )
        .unwrap();
    as_login(&env, None, &["staff", "enable", "lanhdao"]).success();
    assert_eq!(
        env.count(
            "SELECT count(*) FROM staff WHERE username = 'lanhdao' AND role = 'leader' AND active = 1"
        ),
        1
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM events WHERE action = 'staff_add' AND json_extract(payload, '$.enable') = 1"
        ),
        1
    );
    as_login(&env, None, &["audit", "verify"]).success();
}

/// A clerk who may write the file but not read the key file gets the
/// reporters' identities through phananh by giving their own account more with `sqlite3`:
/// the leader's role raised to admin, their login bound to the admin account, or the file
/// switched to `trust`. `audit verify` names each afterwards, but a full export or a reveal
/// had already put every name and phone in their hands (340 identities, exit 0). What
/// reveals an identity now first checks that the log vouches for the acting account's row,
/// its binding to the login, and the mode, and refuses (exit 5), showing nothing.
#[test]
fn an_account_given_more_with_sqlite3_reveals_no_identity() {
    let start = TestEnv::validated();
    let by = |env: &TestEnv, login: &str, args: &[&str]| {
        let mut cmd = env.command();
        cmd.env("SUDO_USER", login);
        Run::of(cmd, args)
    };
    by(
        &start,
        "boss",
        &["--as", ADMIN, "staff", "edit", ADMIN, "--add-login", "boss"],
    )
    .success();
    by(
        &start,
        "boss",
        &[
            "--as",
            ADMIN,
            "staff",
            "edit",
            LEADER,
            "--add-login",
            "mallory",
        ],
    )
    .success();
    by(
        &start,
        "boss",
        &["--as", ADMIN, "settings", "set", "auth.mode", "peer"],
    )
    .success();
    let pristine = start.snapshot();
    let (_, name, phone) = start.identities().remove(4);
    let export = [
        "--lang",
        "en",
        "export",
        "csv",
        "--reason",
        "kiểm tra nội bộ",
        "--out",
        "full.csv",
    ];
    let reveal = [
        "--lang",
        "en",
        "show",
        "5",
        "--reveal",
        "--reason",
        "kiểm tra nội bộ",
    ];
    for (edit, user, named) in [
        (
            "UPDATE staff SET role = 'admin', agency = NULL WHERE username = 'lanhdao.minh'",
            LEADER,
            "staff row \"lanhdao.minh\"",
        ),
        (
            "INSERT INTO staff_logins (username, login) VALUES ('admin', 'mallory')",
            ADMIN,
            "staff_logins row",
        ),
        (
            "UPDATE settings SET value = 'trust' WHERE key = 'auth.mode'",
            ADMIN,
            "settings row \"auth.mode\"",
        ),
    ] {
        let env = TestEnv::from_bytes(&pristine);
        assert_eq!(env.writable().execute(edit, []).unwrap(), 1, "{edit}");
        for act in [&export[..], &reveal[..]] {
            let mut args = vec!["--as", user];
            args.extend_from_slice(act);
            let run = by(&env, "mallory", &args);
            run.code(5).stderr_has(named).stderr_has("audit verify");
            assert!(
                !run.stdout.contains(&name) && !run.stdout.contains(&phone),
                "{edit}"
            );
        }
        assert!(!env.dir().join("full.csv").exists(), "{edit}");
        // The honest admin still may: only what the edit gave is refused.
        if user == LEADER {
            by(
                &env,
                "boss",
                &[
                    "--as",
                    ADMIN,
                    "show",
                    "5",
                    "--reveal",
                    "--reason",
                    "kiểm tra",
                ],
            )
            .success()
            .stdout_has(&name);
        }
    }
}

/// The same, one step further: the insider's login bound to the admin with `sqlite3` for
/// one `staff add` of an admin account of their own, bound to their login, then the forged
/// binding deleted; or a leader's role raised for one `staff edit` binding their login to a
/// reception account, then put back. Every row then agreed with the log, which had written
/// the new account and binding itself, and the account revealed a phone, exported every
/// identity and set a one-day retention period, exit 0, `audit verify` naming only the
/// first event. An account or binding made by an event written without the right to is
/// not the log's: each is refused (exit 5), naming that event, and shows nothing.
#[test]
fn an_account_made_by_an_act_without_right_reveals_nothing() {
    let start = TestEnv::validated();
    for (login, account) in [("boss", ADMIN), ("mallory", LEADER)] {
        as_login(
            &start,
            Some("boss"),
            &[
                "--as",
                ADMIN,
                "staff",
                "edit",
                account,
                "--add-login",
                login,
            ],
        )
        .success();
    }
    as_login(
        &start,
        Some("boss"),
        &["--as", ADMIN, "settings", "set", "auth.mode", "peer"],
    )
    .success();
    let pristine = start.snapshot();
    let (_, name, phone) = start.identities().remove(4);
    // The first event the next act writes.
    let next = |env: &TestEnv| -> i64 { env.column::<i64>("SELECT max(id) FROM events")[0] + 1 };
    // An admin of one's own, made under a binding forged for the act.
    let own_admin = TestEnv::from_bytes(&pristine);
    own_admin
        .writable()
        .execute(
            "INSERT INTO staff_logins (username, login) VALUES ('admin', 'mallory')",
            [],
        )
        .unwrap();
    let own_admin_made = next(&own_admin);
    as_login(
        &own_admin,
        Some("mallory"),
        &[
            "--as",
            ADMIN,
            "staff",
            "add",
            "tiepnhan.moi",
            "--name",
            "Nguyễn Văn Mới",
            "--role",
            "admin",
            "--login",
            "mallory",
        ],
    )
    .success();
    own_admin
        .writable()
        .execute(
            "DELETE FROM staff_logins WHERE username = 'admin' AND login = 'mallory'",
            [],
        )
        .unwrap();
    // A reception account bound to one's login by a role raised for the act.
    let bound = TestEnv::from_bytes(&pristine);
    bound
        .writable()
        .execute(
            "UPDATE staff SET role = 'admin' WHERE username = 'lanhdao.minh'",
            [],
        )
        .unwrap();
    let bound_made = next(&bound);
    as_login(
        &bound,
        Some("mallory"),
        &[
            "--as",
            LEADER,
            "staff",
            "edit",
            RECEPTION,
            "--add-login",
            "mallory",
            "--yes",
            "--reason",
            "trực thay",
        ],
    )
    .success();
    bound
        .writable()
        .execute(
            "UPDATE staff SET role = 'leader' WHERE username = 'lanhdao.minh'",
            [],
        )
        .unwrap();
    for (env, user, event, said) in [
        (
            &own_admin,
            "tiepnhan.moi",
            own_admin_made,
            "written by the OS login \"mallory\" as account \"admin\"",
        ),
        (
            &bound,
            RECEPTION,
            bound_made,
            "written by account \"lanhdao.minh\", which the log says had the role",
        ),
    ] {
        let acts: [&[&str]; 3] = [
            &["show", "5", "--reveal", "--reason", "kiểm tra hồ sơ"],
            &[
                "export",
                "csv",
                "--reason",
                "kiểm tra hồ sơ",
                "--out",
                "full.csv",
            ],
            &[
                "settings",
                "set",
                "privacy.erase_after_days",
                "1",
                "--yes",
                "--reason",
                "theo quy định mới",
            ],
        ];
        for act in acts {
            if act[0] == "settings" && user != "tiepnhan.moi" {
                continue; // reception may not set it at all
            }
            let mut args = vec!["--lang", "en", "--as", user];
            args.extend_from_slice(act);
            let run = as_login(env, Some("mallory"), &args);
            run.code(5)
                .stderr_has(&format!("event {event}: {said}"))
                .stderr_has("audit verify");
            assert!(
                !run.stdout.contains(&name) && !run.stdout.contains(&phone),
                "{act:?}"
            );
        }
        assert!(!env.dir().join("full.csv").exists());
        assert_eq!(
            env.count("SELECT count(*) FROM settings WHERE key = 'privacy.erase_after_days'"),
            0
        );
        // The honest admin still may.
        as_login(
            env,
            Some("boss"),
            &[
                "--as",
                ADMIN,
                "show",
                "5",
                "--reveal",
                "--reason",
                "kiểm tra",
            ],
        )
        .success()
        .stdout_has(&name);
    }
}

/// The mode is one of the rows an act rests on: a login bound to the admin with `sqlite3`
/// for one `settings set auth.mode trust`, then unbound, left every row agreeing with the
/// log, and in `trust` mode `--as admin` revealed a phone (exit 0). Reveals are refused,
/// naming that event, until an admin's own step sets the mode again.
#[test]
fn a_mode_switched_by_an_act_without_right_reveals_nothing() {
    let env = TestEnv::validated();
    as_login(
        &env,
        Some("boss"),
        &["--as", ADMIN, "staff", "edit", ADMIN, "--add-login", "boss"],
    )
    .success();
    as_login(
        &env,
        Some("boss"),
        &["--as", ADMIN, "settings", "set", "auth.mode", "peer"],
    )
    .success();
    let (_, name, phone) = env.identities().remove(4);
    env.writable()
        .execute(
            "INSERT INTO staff_logins (username, login) VALUES ('admin', 'mallory')",
            [],
        )
        .unwrap();
    let switched: i64 = env.column::<i64>("SELECT max(id) FROM events")[0] + 1;
    as_login(
        &env,
        Some("mallory"),
        &[
            "--as",
            ADMIN,
            "settings",
            "set",
            "auth.mode",
            "trust",
            "--yes",
        ],
    )
    .success();
    env.writable()
        .execute("DELETE FROM staff_logins WHERE login = 'mallory'", [])
        .unwrap();
    let reveal = [
        "--lang",
        "en",
        "--as",
        ADMIN,
        "show",
        "5",
        "--reveal",
        "--reason",
        "kiểm tra hồ sơ",
    ];
    for login in ["mallory", "boss"] {
        let run = as_login(&env, Some(login), &reveal);
        run.code(5).stderr_has(&format!(
            "event {switched}: written by the OS login \"mallory\" as account \"admin\""
        ));
        assert!(
            !run.stdout.contains(&name) && !run.stdout.contains(&phone),
            "{run}"
        );
    }
    // The admin's own step puts the mode back; the admin reveals again.
    as_login(
        &env,
        Some("boss"),
        &["--as", ADMIN, "settings", "set", "auth.mode", "peer"],
    )
    .success();
    as_login(&env, Some("boss"), &reveal)
        .success()
        .stdout_has(&name);
}

/// `staff import` keeps a disabled account disabled, reading `active` from the row: an
/// account disabled by the admin and enabled again with `sqlite3` was sealed enabled by the
/// admin's next routine import that changed anything of it (a name corrected), which said
/// only "changed: … (name)"; one deleted instead was made anew by the import, enabled.
/// Either way `audit verify`, which had named the row, passed for good and the account
/// acted again. The import is refused (exit 5, nothing written, pointing at `audit
/// verify`); the row put back as sealed, the same file imports and keeps it disabled.
#[test]
fn a_staff_import_over_an_account_enabled_behind_the_tools_back_is_refused() {
    let account = "tiepnhan.khang";
    let staff = std::fs::read_to_string(example("staff.csv")).unwrap();
    assert!(staff.contains("Trần Minh Khang"));
    for edit in [
        "UPDATE staff SET active = 1 WHERE username = ?1",
        "DELETE FROM staff WHERE username = ?1",
    ] {
        let env = TestEnv::seeded();
        env.run_as(ADMIN, &["staff", "disable", account]).success();
        env.writable().execute(edit, [account]).unwrap();
        let file = env.dir().join("staff-2027.csv");
        std::fs::write(
            &file,
            staff.replace("Trần Minh Khang", "Trần Minh Khang (tổ 2)"),
        )
        .unwrap();
        let file = file.to_str().unwrap();
        let before = env.fingerprint();
        env.run_as(ADMIN, &["--lang", "en", "staff", "import", file])
            .code(5)
            .one_line_error()
            .stderr_has(&format!(r#"staff row "{account}""#))
            .stderr_has("no account was imported")
            .stderr_has("audit verify");
        env.run_as(ADMIN, &["staff", "import", file])
            .code(5)
            .stderr_has("Không nhập tài khoản nào");
        env.assert_unchanged(&before);
        env.run_as(ADMIN, &["--lang", "en", "audit", "verify"])
            .code(5)
            .stderr_has(&format!(r#"staff row "{account}""#));
        if edit.starts_with("DELETE") {
            continue;
        }
        env.writable()
            .execute("UPDATE staff SET active = 0 WHERE username = ?1", [account])
            .unwrap();
        env.run_as(ADMIN, &["--lang", "en", "staff", "import", file])
            .success();
        assert_eq!(
            env.count(&format!(
                "SELECT count(*) FROM staff WHERE username = '{account}' AND active = 0
                    AND name = 'Trần Minh Khang (tổ 2)'"
            )),
            1
        );
        env.run_as(ADMIN, &["audit", "verify"]).success();
    }
}

/// The inspector's visit (I13): in trust mode a reveal run today can be dated months back
/// with `--now`, and `audit reveals` showed only that date, so a window around the day it
/// was really made did not list it. Each line now carries `recorded_at` (the system clock)
/// and `at_differs` when the two are more than a few minutes apart, the table says both
/// times, and `--from`/`--to` find a line by either.
#[test]
fn audit_reveals_shows_when_a_reveal_was_really_written_and_finds_it_by_that_day() {
    let mut env = TestEnv::validated();
    // Claimed 5 October 2026 (NOW), written now.
    env.run_as(
        RECEPTION,
        &[
            "show",
            "5",
            "--reveal",
            "--reason",
            "gọi lại xác minh vị trí",
        ],
    )
    .success();
    let today = wall_clock();
    env.set_now(&today);
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "xác minh lần hai"],
    )
    .success();
    let json = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", "5"],
        )
        .success()
        .json();
    let lines = array(&json);
    let backdated = lines
        .iter()
        .find(|l| l["reason"] == "gọi lại xác minh vị trí")
        .unwrap();
    assert_eq!(backdated["at"], NOW);
    let recorded = backdated["recorded_at"].as_str().unwrap();
    assert!(recorded[..10] == today[..10], "{recorded} vs {today}");
    assert_eq!(backdated["at_differs"], true);
    let honest = lines
        .iter()
        .find(|l| l["reason"] == "xác minh lần hai")
        .unwrap();
    assert_eq!(honest["at_differs"], false);
    // CSV: the two new columns after the older ones (only `covered`, a full export's
    // reports, came after them).
    let csv = env
        .run_as(
            AUDITOR,
            &["--format", "csv", "audit", "reveals", "--report", "5"],
        )
        .success()
        .stdout
        .clone();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",recorded_at,at_differs,covered"),
        "{csv}"
    );
    let row = csv
        .lines()
        .find(|l| l.contains("gọi lại xác minh"))
        .unwrap();
    assert!(row.ends_with(&format!(",{recorded},true,")), "{row}");
    // The table says both times of the backdated line.
    let table = env.run_as(AUDITOR, &["audit", "reveals", "--report", "5"]);
    table
        .success()
        .stdout_has("(ghi thật lúc")
        .stdout_has(&format!(
            "{}/{}/{}",
            &today[8..10],
            &today[5..7],
            &today[..4]
        ));
    env.run_as(
        AUDITOR,
        &["--lang", "en", "audit", "reveals", "--report", "5"],
    )
    .success()
    .stdout_has("(written at");
    // A window around the day it was really made finds it; one around the day claimed too.
    let day = &today[..10];
    env.run_as(
        AUDITOR,
        &[
            "--format", "csv", "audit", "reveals", "--from", day, "--to", day,
        ],
    )
    .success()
    .stdout_has("gọi lại xác minh vị trí")
    .stdout_has("xác minh lần hai");
    let claimed = env.run_as(
        AUDITOR,
        &[
            "--format",
            "csv",
            "audit",
            "reveals",
            "--from",
            "2026-10-05",
            "--to",
            "2026-10-05",
        ],
    );
    claimed.success().stdout_has("gọi lại xác minh vị trí");
    assert!(
        !claimed.stdout.contains("xác minh lần hai"),
        "{}",
        claimed.stdout
    );
}

/// `show --reveal` refused to a role that may never reveal, at a `--now` before the
/// report's last event: the refusal could not be logged for its time, and only that was
/// said ("report 5 already has an event at …", kind `refused`), the role's refusal lost,
/// so a script read a clock problem. Both are said now, the role's first, and the kind is
/// the role's.
#[test]
fn a_refusal_not_logged_for_its_time_still_says_what_was_refused() {
    let env = TestEnv::validated();
    let reveal = |now: &str, extra: &[&str]| {
        let mut args = vec!["--now", now];
        args.extend_from_slice(extra);
        args.extend([
            "show",
            "5",
            "--reveal",
            "--reason",
            "kiểm tra đơn khiếu nại",
        ]);
        env.run_as(AUDITOR, &args)
    };
    reveal("2026-11-03T09:00:00+07:00", &[]).failure();
    let run = reveal(
        "2026-11-02T09:00:00+07:00",
        &["--lang", "en", "--format", "json"],
    );
    run.code(1);
    let error: Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(error["error"]["kind"], "forbidden", "{run}");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("refused: the Auditor (Home Affairs) role may not see reporters' names and phones")
            && message.contains(
                "; this refusal could not be logged: report 5 already has an event at 2026-11-03 09:00; a step at 2026-11-02 09:00 would come before it"
            ),
        "{message}"
    );
    reveal("2026-11-02T09:00:00+07:00", &[])
        .code(1)
        .stderr_has("Thi đua (Sở Nội vụ)")
        .stderr_has("Không ghi được lần bị từ chối này vào nhật ký: phản ánh 5 đã có sự kiện lúc 03/11/2026 09:00");
}
