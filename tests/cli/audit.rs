//! The append-only, hash-chained event log (docs/rules.md §2 [choice]; Đ11): `audit verify` passes
//! on anything phananh wrote and names the first report or event edited behind its back;
//! `audit log` lists a report's events in order; SQLite triggers refuse edits to events.

use crate::common::*;

/// A validated database with one report (id 5) taken from acceptance to publication.
fn after_a_workflow() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let env = TestEnv::assigned_to_sxd();
        env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
            .success();
        env.run_as(RECEPTION, &["verify", "5", "--approve"])
            .success();
        env.run_as(RECEPTION, &["publish", "5"]).success();
        env
    })
}

/// `audit verify` in English (the chain-break names are the same in both languages).
fn verify(env: &TestEnv) -> Run {
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
}

/// Event ids of report 5, oldest first.
fn events_of_5(env: &TestEnv) -> Vec<i64> {
    env.column("SELECT id FROM events WHERE report_id = 5 ORDER BY id")
}

#[test]
fn verify_passes_after_a_workflow() {
    let env = after_a_workflow();
    verify(&env).success();
    let outcome = env
        .run_as(LEADER, &["audit", "verify", "--format", "json"])
        .success()
        .json();
    assert_eq!(outcome["ok"], true);
    assert_eq!(
        outcome["events_checked"],
        env.count("SELECT count(*) FROM events")
    );
    assert_eq!(outcome["reports_checked"], 340);
}

/// The counts `audit verify` found holding are grouped as every count a reader sees
/// ("2.576 sự kiện", "2,576 events"): they read "2576" beside a report that wrote 2.040.
#[test]
fn verify_groups_the_thousands_of_its_counts() {
    let env = TestEnv::demo();
    let events = env.count("SELECT count(*) FROM events");
    assert!(events > 999, "the demo has {events} events");
    let grouped = |mark: char| {
        let digits = events.to_string();
        let (head, tail) = digits.split_at(digits.len() - 3);
        format!("{head}{mark}{tail}")
    };
    let vi = env
        .run_as(AUDITOR, &["audit", "verify"])
        .success()
        .stderr
        .clone();
    let line = vi.lines().find(|l| l.contains("nguyên vẹn")).unwrap();
    assert!(
        line.contains(&format!(": {} sự kiện,", grouped('.'))),
        "{line}"
    );
    let en = verify(&env).success().stderr.clone();
    let line = en.lines().find(|l| l.contains("intact")).unwrap();
    assert!(
        line.contains(&format!(": {} events,", grouped(','))),
        "{line}"
    );
    // Every count of the line, not the first alone.
    let plain = regex::Regex::new(r"\d{4,}").unwrap();
    for line in [&vi, &en].map(|out| out.lines().next().unwrap()) {
        assert!(!plain.is_match(line), "a count not grouped: {line}");
    }
}

#[test]
fn a_report_edited_with_sql_is_named() {
    let env = after_a_workflow();
    env.writable()
        .execute(
            "UPDATE reports SET content = 'Nội dung bị sửa lén' WHERE id = 5",
            [],
        )
        .unwrap();
    let run = verify(&env);
    run.code(5).one_line_error().stderr_matches(r"report 5\b");
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    assert_eq!(outcome["ok"], false);
    assert!(
        outcome["first_problem"]
            .as_str()
            .unwrap()
            .contains("report 5"),
        "{outcome:#}"
    );
}

/// An inspector's one run of `audit verify` must list every tampered item. With report
/// rows edited, verify stopped checking deadlines (`clocks_checked: 0`) without a word,
/// and a deadline moved with `sqlite3` to hide a late reply was missing from its list,
/// though `report monthly` named it on the same file. Now the clocks are checked, the
/// moved one named beside the edited row, and those of the edited report said unchecked.
#[test]
fn a_moved_deadline_is_named_beside_an_edited_report_row() {
    let env = after_a_workflow();
    env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "6", "--agency", "SXD"])
        .success();
    env.run_as(HANDLER_SXD, &["reply", "6", "--text", "Đã thay bóng đèn."])
        .success();
    env.writable()
        .execute_batch(
            "UPDATE reports SET result_text = 'Đã sửa cả tuyến đường.' WHERE id = 5;
             UPDATE clocks SET due_at = '2026-12-09T16:30:00+07:00', breached = 0
              WHERE report_id = 6 AND stage = 'process';",
        )
        .unwrap();
    verify(&env)
        .code(5)
        .one_line_error()
        .stderr_matches(r"report 5: the row differs")
        .stderr_matches(r"clock \d+ \(report 6, process round 1\): its [a-z ]+ differs")
        .stderr_has("deadlines of the reports whose rows were edited not checked")
        // Whole: it ended "every other deadline was", read as cut off.
        .stderr_has("; every other deadline was checked\n");
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    assert_eq!(outcome["edited_rows_count"], 2, "{outcome:#}");
    assert!(
        outcome["clocks_checked"].as_u64().unwrap() > 0,
        "{outcome:#}"
    );
    assert_eq!(
        outcome["clocks_unchecked"]["why"], "rows_edited",
        "{outcome:#}"
    );
    assert!(
        outcome["clocks_unchecked"]["clocks"].as_u64().unwrap() > 0,
        "{outcome:#}"
    );
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stderr_has("thời hạn của các phản ánh có dòng dữ liệu bị sửa");
}

#[test]
fn a_report_edited_before_any_workflow_is_named_too() {
    let env = TestEnv::validated();
    verify(&env).success();
    env.writable()
        .execute(
            "UPDATE reports SET status = 'published' WHERE external_id = 'CMG-2026-000300'",
            [],
        )
        .unwrap();
    let id = env.id_of("CMG-2026-000300");
    verify(&env)
        .code(5)
        .stderr_matches(&format!(r"report {id}\b"));
}

#[test]
fn a_report_row_made_unreadable_is_named_not_a_crash() {
    let env = after_a_workflow();
    env.writable()
        .execute(
            "UPDATE reports SET submitted_at = 'hôm qua' WHERE id = 5",
            [],
        )
        .unwrap();
    verify(&env)
        .code(5)
        .one_line_error()
        .stderr_matches(r"report 5\b");
}

#[test]
fn an_event_edited_with_sql_after_dropping_the_trigger_is_named() {
    let env = after_a_workflow();
    let target = events_of_5(&env)[3];
    env.tamper_without_triggers(
        &["events_are_append_only_update"],
        &format!("UPDATE events SET actor = 'lanhdao.minh' WHERE id = {target}"),
    );
    verify(&env)
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(r"event {target}\b"));
}

#[test]
fn an_event_deleted_in_the_middle_is_noticed_at_the_next_one() {
    let env = after_a_workflow();
    let total = env.count("SELECT max(id) FROM events");
    let target = total / 2;
    // As the sqlite3 shell would, which does not enforce foreign keys (clocks refer to
    // the events that started them).
    let events = env.count("SELECT count(*) FROM events");
    env.tamper_without_triggers(
        &["events_are_append_only_delete"],
        &format!("PRAGMA foreign_keys = OFF; DELETE FROM events WHERE id = {target}"),
    );
    assert_eq!(env.count("SELECT count(*) FROM events"), events - 1);
    let next = target + 1;
    verify(&env)
        .code(5)
        .one_line_error()
        .stderr_matches(&format!(r"event {next}\b"));
}

#[test]
fn a_report_inserted_with_sql_is_named() {
    let env = TestEnv::validated();
    env.writable()
        .execute(
            "INSERT INTO reports (id, external_id, submitted_at, content)
             VALUES (9001, 'CMG-GIA-MAO', '2026-10-01T08:00:00+07:00', 'Phản ánh giả')",
            [],
        )
        .unwrap();
    verify(&env).code(5).stderr_matches(r"report 9001\b");
}

#[test]
fn events_cannot_be_updated_or_deleted_while_the_triggers_stand() {
    let env = after_a_workflow();
    let before = env.fingerprint();
    {
        let conn = env.writable();
        let update = conn.execute("UPDATE events SET actor = 'ai.do' WHERE id = 1", []);
        assert!(update.is_err(), "UPDATE on events must fail: {update:?}");
        let message = update.unwrap_err().to_string();
        assert!(message.contains("append-only"), "{message}");
        let delete = conn.execute("DELETE FROM events WHERE id = 1", []);
        assert!(delete.is_err(), "DELETE on events must fail: {delete:?}");
        let delete = conn.execute("DELETE FROM reports WHERE id = 5", []);
        assert!(delete.is_err(), "DELETE on reports must fail: {delete:?}");
    }
    env.assert_unchanged(&before);
    verify(&env).success();
}

#[test]
fn audit_log_lists_a_reports_events_in_order() {
    let env = after_a_workflow();
    let rows = env
        .run_as(
            RECEPTION,
            &["audit", "log", "ext:CMG-2026-000105", "--format", "json"],
        )
        .success()
        .json();
    let rows = array(&rows);
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, events_of_5(&env));
    let actions: Vec<&str> = rows.iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "ingest",
            "accept",
            "classify",
            "assign",
            "reply",
            "verify_approve",
            "publish"
        ]
    );
    let transitions: Vec<(Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|r| (r["from"].as_str(), r["to"].as_str()))
        .collect();
    assert_eq!(transitions[4], (Some("assigned"), Some("replied")));
    assert_eq!(rows[4]["actor"], HANDLER_SXD);
    assert!(
        rows[4]["payload"]
            .as_str()
            .unwrap()
            .contains("Đã vá đường.")
    );
    for row in rows {
        assert_eq!(row["hash"].as_str().unwrap().len(), 64, "{row}");
    }
    // The table lists the same actions in the same order, by their labels (issue 20: a
    // Vietnamese table names actions in words; the JSON above keeps the codes).
    // Wide enough that each label is on one line whatever the length of the file's path.
    let mut wide = env.command();
    wide.env("COLUMNS", "200");
    let table = Run::of(wide, &["--as", RECEPTION, "audit", "log", "5"])
        .success()
        .stdout
        .clone();
    let positions: Vec<usize> = [
        "Nhận từ ứng dụng",
        "Tiếp nhận",
        "Phân loại",
        "Phân phối",
        "Gửi kết quả xử lý",
        "Duyệt kết quả",
        "Công khai",
    ]
    .iter()
    .map(|a| {
        table
            .find(&format!(" {a} "))
            .unwrap_or_else(|| panic!("{a} in\n{table}"))
    })
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{table}");
    for code in [" ingest ", " assign ", " verify_approve ", " publish "] {
        assert!(!table.contains(code), "{code} in\n{table}");
    }
}

#[test]
fn a_handler_may_not_verify_the_whole_chain() {
    let env = after_a_workflow();
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["audit", "verify"])
        .failure()
        .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);
}

/// The audit log's details speak the reader's language (issue: an operator at the desk read
/// `operation`, `reason`, `urgent: false`, `due_at` and an English refusal in the Vietnamese
/// log): every key of every payload a report's log holds is a word, yes/no and operations
/// are words, and a refusal reads in Vietnamese or English as the reader asked. The refusal
/// is stored in both (the English `reason`, as events before it had, and `reason_vi`).
#[test]
fn the_audit_logs_details_are_words_in_the_readers_language() {
    let mut env = TestEnv::validated();
    let accepted: Vec<String> = env
        .column::<i64>("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 5")
        .iter()
        .map(i64::to_string)
        .collect();
    let [a, b, c, d, e] = [0, 1, 2, 3, 4].map(|i| accepted[i].as_str());
    let ok = |user: &str, args: &[&str]| {
        env.run_as(user, args).success();
    };
    // One report through most steps: a refusal, a reveal, a send-back, a rating.
    env.run_as(LEADER, &["verify", a, "--approve"]).failure();
    ok(
        RECEPTION,
        &["show", a, "--reveal", "--reason", "gọi lại xác minh"],
    );
    ok(RECEPTION, &["classify", a, "--field", "GT"]);
    ok(RECEPTION, &["assign", a, "--agency", "SXD", "--urgent"]);
    ok(HANDLER_SXD, &["reply", a, "--text", "Đã vá đường."]);
    ok(
        RECEPTION,
        &["verify", a, "--send-back", "--reason", "Thiếu ảnh"],
    );
    ok(HANDLER_SXD, &["reply", a, "--text", "Đã vá, có ảnh."]);
    ok(RECEPTION, &["verify", a, "--approve"]);
    ok(RECEPTION, &["publish", a]);
    ok(RECEPTION, &["rate", a, "--score", "4"]);
    // A return, a duplicate, a direct answer, an erased identity.
    ok(RECEPTION, &["classify", b, "--field", "GT"]);
    ok(RECEPTION, &["assign", b, "--agency", "SXD"]);
    ok(
        HANDLER_SXD,
        &["return", b, "--reason", "Không thuộc thẩm quyền"],
    );
    ok(RECEPTION, &["duplicate", c, "--of", b]);
    ok(RECEPTION, &["answer", d, "--text", "Đã chuyển điện lực."]);
    ok(ADMIN, &["erase", e, "--reason", "Người phản ánh yêu cầu"]);
    // Reminders of the clocks past due a week later.
    env.set_now("2026-10-12T08:00:00+07:00");
    let env = env;
    env.run_as(RECEPTION, &["sweep"]).success();
    let rejected: i64 = env.count("SELECT min(id) FROM reports WHERE status = 'rejected'");
    let reminded: i64 = env.count("SELECT min(report_id) FROM events WHERE action = 'remind'");

    let mut kinds = std::collections::BTreeSet::new();
    for id in [a, b, c, d, e]
        .map(str::to_owned)
        .into_iter()
        .chain([rejected, reminded].map(|i| i.to_string()))
    {
        let log = env
            .run_as(ADMIN, &["audit", "log", &id, "--format", "json"])
            .success()
            .json();
        let mut keys = std::collections::BTreeSet::new();
        for row in array(&log) {
            kinds.insert(row["action"].as_str().unwrap().to_owned());
            let payload: serde_json::Value =
                serde_json::from_str(row["payload"].as_str().unwrap()).unwrap();
            keys.extend(payload.as_object().unwrap().keys().cloned());
        }
        for lang in ["vi", "en"] {
            let mut wide = env.command();
            wide.env("COLUMNS", "400");
            let table = Run::of(wide, &["--lang", lang, "--as", ADMIN, "audit", "log", &id])
                .success()
                .stdout
                .clone();
            for key in &keys {
                assert!(
                    !table.contains(&format!("┆ {key}:")),
                    "{lang}: the key {key} is shown as stored:\n{table}"
                );
            }
            if lang == "vi" {
                for english in ["true", "false", "verify (check a result)"] {
                    assert!(!table.contains(english), "{english} in\n{table}");
                }
            }
        }
    }
    for kind in [
        "ingest",
        "accept",
        "reject",
        "classify",
        "assign",
        "answer",
        "return",
        "reply",
        "verify_send_back",
        "verify_approve",
        "publish",
        "rate",
        "duplicate",
        "remind",
        "refused",
        "reveal",
        "erase",
    ] {
        assert!(
            kinds.contains(kind),
            "no {kind} event was looked at: {kinds:?}"
        );
    }

    // The refusal: in the reader's language, the same words as the command said.
    let said = |lang: &str| {
        let mut wide = env.command();
        wide.env("COLUMNS", "400");
        Run::of(wide, &["--lang", lang, "--as", ADMIN, "audit", "log", a])
            .success()
            .stdout
            .clone()
    };
    let vi = said("vi");
    assert!(vi.contains("Thao tác: duyệt kết quả (verify)"), "{vi}");
    assert!(
        vi.contains("Lý do: Vai trò Lãnh đạo không được phép duyệt kết quả"),
        "{vi}"
    );
    assert!(!vi.contains("role leader may not"), "{vi}");
    // What the reveal opened, as words: the fields' stored names said nothing to a reader.
    assert!(vi.contains("Thông tin: họ tên, số điện thoại"), "{vi}");
    let en = said("en");
    assert!(en.contains("Fields: name, phone"), "{en}");
    assert!(!en.contains("reporter_phone"), "{en}");
    assert!(
        en.contains("Reason: the Leader role may not verify"),
        "{en}"
    );
    assert!(!en.contains("không được phép"), "{en}");
    let stored: Vec<String> = env.column(&format!(
        "SELECT json_extract(payload, '$.reason') || ' | ' || json_extract(payload, '$.reason_vi')
           FROM events WHERE action = 'refused' AND report_id = {a}"
    ));
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].starts_with("the Leader role may not verify"),
        "{stored:?}"
    );
    assert!(stored[0].contains(" | Vai trò Lãnh đạo"), "{stored:?}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// The events that set the tool up (init, the accounts, the agencies) read as words too: an
/// account's role and an agency's level as `staff list` and `agency list` word them, every
/// key a word, and the seal of the rows a change wrote as those rows (table and key), not
/// as JSON that an 80-column screen cut mid-key.
#[test]
fn the_audit_logs_set_up_events_read_as_words() {
    let env = TestEnv::seeded();
    for (lang, role, level, stored) in [
        (
            "vi",
            "Vai trò: Lãnh đạo",
            "Cấp: xã/phường",
            "Vai trò: leader",
        ),
        ("en", "Role: Leader", "Level: commune", "Role: leader"),
    ] {
        let wide = env.at_columns(400, &["--lang", lang, "--as", ADMIN, "audit", "log"]);
        let table = &wide.success().stdout;
        assert!(table.contains(role), "{lang}: {role} in\n{table}");
        assert!(table.contains(level), "{lang}: {level} in\n{table}");
        assert!(!table.contains(stored), "{lang}: {stored} in\n{table}");
        assert!(
            !table.contains("\"rows\""),
            "{lang}: a seal as JSON in\n{table}"
        );
        let sealed = lang_pick(
            lang,
            "Niêm phong: tài khoản lanhdao.minh",
            "Sealed: accounts lanhdao.minh",
        );
        assert!(table.contains(sealed), "{lang}: {sealed} in\n{table}");
        // The tables `init` seals whole, by the names a reader knows them by.
        let whole = lang_pick(
            lang,
            "Niêm phong: Cả bảng: tài khoản, tài khoản hệ điều hành, cơ quan, lĩnh vực, bảng phân phối, \
             mã dịch vụ, thiết lập, ngày trong lịch;",
            "Sealed: Whole tables: accounts, logins, agencies, fields, routes, service codes, \
             settings, calendar days;",
        );
        assert!(table.contains(whole), "{lang}: {whole} in\n{table}");
        for key in ["admin_name:", "key_id:"] {
            assert!(!table.contains(key), "{lang}: {key} in\n{table}");
        }
        if lang == "vi" {
            for english in ["province", "commune", "reception", "handler", "auditor"] {
                assert!(
                    !table.contains(&format!(": {english}")),
                    "{english} in\n{table}"
                );
            }
        }
        let narrow = env.at_columns(80, &["--lang", lang, "--as", ADMIN, "audit", "log"]);
        assert!(
            !narrow.success().stdout.contains("{\""),
            "{}",
            narrow.stdout
        );
    }
}

/// What a restore wrote (the erasures and reveals it made again, the key it fitted), an
/// erasure made again and a lookup by phone read as words in `audit log`: their keys showed
/// as `erasures_reapplied:`, `lookup: phone`, and a record inside an event as JSON
/// (`Khóa: {"rewrapped_from":…}`, `reapplied: {"event":…}`), which the column cut mid-key.
#[test]
fn the_audit_logs_restore_erasure_and_lookup_events_read_as_words() {
    let env = TestEnv::validated();
    let backup = env.dir().join("before.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &["erase", "3", "--reason", "Người phản ánh yêu cầu xóa"],
    )
    .success();
    env.run_as(ADMIN, &["key", "rotate"]).success();
    env.run_as(
        ADMIN,
        &[
            "list",
            "--phone",
            "0912345678",
            "--reason",
            "Yêu cầu của người dân",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &["show", "2", "--reveal", "--reason", "Gọi lại cho dân"],
    )
    .success();
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success();
    for (lang, words) in [
        (
            "vi",
            [
                "Danh tính xóa lại: 3",
                "Khóa: Mã hóa lại từ khóa: ",
                "Ghi lại từ: Sự kiện: ",
                "Tìm theo: số điện thoại",
            ],
        ),
        (
            "en",
            [
                "Identities erased again: 3",
                "Key: Re-wrapped from key: ",
                "Written again from: Event: ",
                "Looked up by: phone",
            ],
        ),
    ] {
        let mut shown = String::new();
        for report in [None, Some("3")] {
            let mut args = vec!["--lang", lang, "--as", ADMIN, "audit", "log"];
            args.extend(report);
            shown.push_str(&env.at_columns(400, &args).success().stdout);
        }
        for word in words {
            assert!(shown.contains(word), "{lang}: {word} in\n{shown}");
        }
        assert!(
            !shown.contains("{\""),
            "{lang}: a record as JSON in\n{shown}"
        );
        for key in [
            "erasures_reapplied",
            "accountability_reapplied",
            "reapplied:",
            "rewrapped_from",
            "erased_at",
            "erased_by",
            "lookup:",
            "external_ids",
        ] {
            assert!(!shown.contains(key), "{lang}: {key} in\n{shown}");
        }
    }
}

fn lang_pick<'a>(lang: &str, vi: &'a str, en: &'a str) -> &'a str {
    if lang == "vi" { vi } else { en }
}

/// The audit CSV's column "Tên đăng nhập" held the operating system's login (`root`), while
/// `--help` calls the staff account (`--as`) "tên đăng nhập"; and "Lúc" beside "Ghi lúc" did
/// not say which was the step's time and which the moment it was written into the log
/// (weeks apart in a replayed history). The heads now say which, in `audit log`, `audit
/// reveals` and the events' details.
#[test]
fn the_audit_heads_tell_the_os_login_and_the_two_times_apart() {
    let mut env = TestEnv::demo();
    env.set_now("2027-01-05T09:00:00+07:00");
    let head = |lang: &str, args: &[&str]| -> Vec<String> {
        let out = env
            .run_as(
                AUDITOR,
                &[
                    &["--lang", lang, "--format", "csv", "--csv", "excel"][..],
                    args,
                ]
                .concat(),
            )
            .success()
            .stdout
            .clone();
        let first = out.trim_start_matches('\u{feff}').lines().next().unwrap();
        first.split(';').map(str::to_owned).collect()
    };
    let log = head("vi", &["audit", "log", "335"]);
    assert_eq!(
        [&log[1], &log[8], &log[9]],
        [
            "Lúc xảy ra",
            "Tài khoản hệ điều hành",
            "Ghi vào nhật ký lúc"
        ],
        "{log:?}"
    );
    let log = head("en", &["audit", "log", "335"]);
    assert_eq!(
        [&log[1], &log[8], &log[9]],
        ["Happened at", "OS login", "Written to the log at"],
        "{log:?}"
    );
    assert_eq!(
        head("vi", &["audit", "reveals"])[3],
        "Tài khoản hệ điều hành"
    );
    assert_eq!(head("en", &["audit", "reveals"])[3], "OS login");
    // A count, not a report's number ("Số" is the report's number in show and list).
    assert_eq!(head("vi", &["audit", "reveals"])[6], "Số lượng phản ánh");
    // The init event's details name the login it bound the same way.
    let wide = env.at_columns(400, &["--as", AUDITOR, "audit", "log"]);
    let table = &wide.success().stdout;
    assert!(table.contains("Tài khoản hệ điều hành: "), "{table:.3000}");
    assert!(!table.contains("Tên đăng nhập"), "{table:.3000}");
}

/// The inspector's visit (I11): "what did this account do this year" needed `audit log N`
/// for every report. `audit log --actor` lists one account's events across reports and
/// about none, with the report of each, in a period; a reader who may not see identities
/// reads the texts typed about a report hidden whole (the reply names the reporter).
#[test]
fn audit_log_by_actor_lists_one_accounts_events_across_reports() {
    let mut env = after_a_workflow();
    let (_, name, _) = env
        .identities()
        .into_iter()
        .find(|(id, _, _)| *id == 6)
        .unwrap();
    env.set_now("2026-10-06T09:00:00+07:00");
    env.run_as(RECEPTION, &["classify", "6", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "6", "--agency", "SXD"])
        .success();
    let reply = format!("Đã gọi {name} xác nhận, đã vá.");
    env.run_as(HANDLER_SXD, &["reply", "6", "--text", &reply])
        .success();

    let json = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "log", "--actor", RECEPTION],
        )
        .success()
        .json();
    let lines = array(&json);
    assert!(lines.iter().all(|l| l["actor"] == RECEPTION), "{json}");
    let steps: Vec<(i64, &str)> = lines
        .iter()
        .filter(|l| matches!(l["action"].as_str(), Some("assign" | "publish")))
        .map(|l| {
            (
                l["report_id"].as_i64().unwrap(),
                l["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(steps, [(5, "assign"), (5, "publish"), (6, "assign")]);
    // A period, by the day: only the 6 October steps.
    let csv = env
        .run_as(
            AUDITOR,
            &[
                "--format",
                "csv",
                "audit",
                "log",
                "--actor",
                RECEPTION,
                "--from",
                "2026-10-06",
                "--to",
                "06/10/2026",
            ],
        )
        .success()
        .stdout
        .clone();
    assert!(csv.starts_with("report_id,id,at,actor,action,"), "{csv}");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows.iter().all(|r| r.starts_with("6,")), "{csv}");
    // The handler's reply: hidden whole from the auditor, as typed for the admin.
    let theirs = env.run_as(
        AUDITOR,
        &["--format", "json", "audit", "log", "--actor", HANDLER_SXD],
    );
    theirs.success().never_shows(&name).stdout_has("[đã ẩn]");
    env.run_as(
        ADMIN,
        &["--format", "json", "audit", "log", "--actor", HANDLER_SXD],
    )
    .success()
    .stdout_has(&name);
    // The table, in both languages; an account with nothing says so.
    env.run_as(AUDITOR, &["audit", "log", "--actor", RECEPTION])
        .success()
        .stdout_has("Phản ánh")
        .stdout_has("Phân phối");
    env.run_as(
        AUDITOR,
        &[
            "--lang",
            "en",
            "audit",
            "log",
            "--actor",
            "xuly.sxd.ngoc",
            "--from",
            "2026-01-01",
        ],
    )
    .success()
    .stdout_has("No event of account xuly.sxd.ngoc in the log since 2026-01-01");
    // A handler may not read the whole log.
    env.run_as(HANDLER_SXD, &["audit", "log", "--actor", RECEPTION])
        .failure()
        .stderr_has("Bị từ chối");
}

/// An inspector's minutes need what changed and since when. `audit verify` said only
/// "report 5: the row differs from what event N recorded", that which column changed could
/// not be told, and gave event N's number without its time or account, though the log
/// holds what phananh last wrote of the status, the agency and the reply. Now the finding
/// goes to standard output, apart from the operator's advice (standard error): each column
/// the log gives a value of, the log's value beside the file's, whether the rest of the row
/// is as sealed, and the event after which the edit was made; the same in the JSON.
#[test]
fn verify_says_which_columns_of_an_edited_row_changed_and_after_which_event() {
    let env = TestEnv::assigned_to_sxd();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
        .success();
    let reply: i64 = env.count("SELECT max(id) FROM events WHERE report_id = 5");
    env.writable()
        .execute(
            "UPDATE reports SET status = 'published', agency = 'SYT',
                    result_text = 'Đã xử lý xong.' WHERE id = 5",
            [],
        )
        .unwrap();
    let run = env.run_as(AUDITOR, &["audit", "verify"]);
    run.code(5)
        .stdout_has(&format!(
            "Phản ánh 5: dòng dữ liệu bị sửa sau sự kiện {reply} (05/10/2026 08:00, xuly.sxd.hung, Gửi kết quả xử lý)."
        ))
        .stdout_has("  - Trạng thái: nhật ký ghi “Chờ duyệt”, tệp ghi “Đã công khai”.")
        .stdout_has("  - Cơ quan xử lý: nhật ký ghi SXD, tệp ghi SYT.")
        .stdout_has(&format!(
            "  - Kết quả xử lý: nhật ký ghi văn bản của sự kiện {reply} (12 ký tự), tệp ghi một văn bản khác (14 ký tự)."
        ))
        .stdout_has("  - Các cột khác đúng như nhật ký đã niêm phong.")
        .stderr_has("Hãy khôi phục tệp từ bản sao lưu");
    // The advice is the operator's, not part of the finding.
    assert!(!run.stdout.contains("khôi phục"), "{run}");
    // A typed text may name anyone: its length only.
    assert!(!run.stdout.contains("Đã vá đường"), "{run}");
    assert!(!run.stdout.contains("Đã xử lý xong"), "{run}");

    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    let finding = &outcome["findings"][0];
    assert_eq!(finding["kind"], "report_row", "{outcome:#}");
    assert_eq!(finding["report_id"], 5);
    assert_eq!(finding["since"]["event"], reply);
    assert_eq!(finding["since"]["actor"], HANDLER_SXD);
    assert_eq!(finding["since"]["at"], NOW);
    assert_eq!(finding["other_columns"], "as_logged");
    let columns = finding["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 3, "{outcome:#}");
    assert_eq!(columns[0]["column"], "status");
    assert_eq!(columns[0]["journal"], "replied");
    assert_eq!(columns[0]["file"], "published");
    assert_eq!(columns[1]["column"], "agency");
    assert_eq!(columns[1]["journal"], "SXD");
    assert_eq!(columns[1]["file"], "SYT");
    assert_eq!(columns[2]["column"], "result_text");
    assert_eq!(columns[2]["journal"]["event"], reply);

    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .code(5)
        .stdout_has("  - Status: the log has “Awaiting review”, the file has “Published”.");
}

/// A deadline moved with `sqlite3`: the finding gives the deadline the log and the
/// calendar give beside the one in the file, and the event that started the clock.
#[test]
fn verify_gives_a_moved_deadline_beside_the_one_the_log_gives() {
    let env = TestEnv::assigned_to_sxd();
    let assign: i64 = env.count("SELECT max(id) FROM events WHERE report_id = 5");
    env.writable()
        .execute(
            "UPDATE clocks SET due_at = '2026-10-09T16:30:00+07:00'
              WHERE report_id = 5 AND stage = 'process'",
            [],
        )
        .unwrap();
    let run = env.run_as(AUDITOR, &["audit", "verify"]);
    run.code(5)
        .stdout_matches(&format!(
            r"Thời hạn \d+ \(phản ánh 5, bước Xử lý, lượt 1\): bị sửa sau sự kiện {assign} \(05/10/2026 08:00, tiepnhan\.lan, Phân phối\)"
        ))
        .stdout_has("  - Hạn: nhật ký và lịch cho 05/10/2026 14:00, tệp ghi 09/10/2026 16:30.");
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    let finding = &outcome["findings"][0];
    assert_eq!(finding["kind"], "clock", "{outcome:#}");
    assert_eq!(finding["part"], "deadline");
    assert_eq!(finding["journal"], "2026-10-05T14:00:00+07:00");
    assert_eq!(finding["file"], "2026-10-09T16:30:00+07:00");
    assert_eq!(finding["since"]["event"], assign);
}

/// The reporter's phone written into the row with `sqlite3`: phananh keeps the clear
/// columns empty once an identity is encrypted, and the row's digest does not cover them,
/// so `audit verify` said the chain was intact. Now the row is named, the finding says
/// only that the reporter's details differ, and neither the phone written nor the
/// reporter's own name or phone appears anywhere in what verify prints. A column the log
/// holds no value of (the address) is said to have changed, without guessing which.
#[test]
fn verify_names_a_reporters_phone_written_with_sqlite3_without_printing_it() {
    let env = TestEnv::validated();
    let (_, name, phone) = env
        .identities()
        .into_iter()
        .find(|(id, _, _)| *id == 6)
        .unwrap();
    env.writable()
        .execute_batch(
            "UPDATE reports SET reporter_phone = '0912000111' WHERE id = 6;
             UPDATE reports SET address = 'Ấp khác' WHERE id = 7;",
        )
        .unwrap();
    for lang in ["vi", "en"] {
        for format in ["table", "json"] {
            let run = env.run_as(
                AUDITOR,
                &["--lang", lang, "--format", format, "audit", "verify"],
            );
            run.code(5);
            for secret in ["0912000111", name.as_str(), phone.as_str()] {
                assert!(!run.stdout.contains(secret), "{secret} in\n{run}");
                assert!(!run.stderr.contains(secret), "{secret} in\n{run}");
            }
        }
    }
    let run = env.run_as(AUDITOR, &["audit", "verify"]);
    run.code(5)
        .stdout_matches(r"Phản ánh 6: dòng dữ liệu bị sửa sau sự kiện \d+")
        .stdout_has("  - Thông tin người phản ánh khác")
        .stdout_matches(r"Phản ánh 7: dòng dữ liệu bị sửa sau sự kiện \d+")
        .stdout_has("  - Ít nhất một cột mà nhật ký không giữ giá trị cũng đã đổi");
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    assert_eq!(outcome["findings"][0]["report_id"], 6, "{outcome:#}");
    assert_eq!(outcome["findings"][0]["identity_differs"], true);
    assert_eq!(outcome["findings"][1]["report_id"], 7);
    assert_eq!(outcome["findings"][1]["other_columns"], "differ");

    // The reasons of a rejection, in the words `show` gives them.
    let rejected: i64 = env.count(
        "SELECT max(id) FROM reports WHERE status = 'rejected'
            AND reject_reasons NOT LIKE '%missing_media%'",
    );
    env.writable()
        .execute(
            "UPDATE reports SET reject_reasons = 'missing_media' WHERE id = ?1",
            [rejected],
        )
        .unwrap();
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stdout_matches(&format!(
            r"Phản ánh {rejected}: dòng dữ liệu bị sửa sau sự kiện \d+ \([^)]*Từ chối tiếp nhận\)\.\n  - Lý do từ chối: nhật ký ghi “[^\n]+”, tệp ghi “Thiếu hình ảnh/video”\.\n  - Các cột khác đúng như nhật ký đã niêm phong\."
        ));
}

/// The inspector asks per person which steps were late (Đ13.6, Đ13.7): the annual report's
/// late list names the agency for "Xử lý" and nothing for the portal's own stages, and the
/// account that stopped each clock was only in `audit log`, report by report. `audit late`
/// lists the report's own late steps, as many as its late list, each with the account whose
/// event stopped the clock, that event, and "chưa ai xử lý" for a step still open.
#[test]
fn audit_late_names_the_account_that_made_each_late_step_and_agrees_with_the_report() {
    let mut env = TestEnv::assigned_to_sxd();
    env.set_now("2026-10-06T08:00:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
        .success();
    let reply: i64 = env.count("SELECT max(id) FROM events WHERE report_id = 5");
    let assign: i64 = env.count("SELECT id FROM events WHERE report_id = 5 AND action = 'assign'");
    env.set_now("2026-10-07T08:00:00+07:00");

    let steps = env.json_as(AUDITOR, &["audit", "late", "--period", "2026"]);
    let steps = steps.as_array().unwrap();
    let report = env.json_as(AUDITOR, &["report", "annual", "--period", "2026"]);
    let listed = report["late"].as_array().unwrap();
    assert!(!listed.is_empty());
    assert_eq!(steps.len(), listed.len(), "the report's 6.1 and audit late");
    for (step, case) in steps.iter().zip(listed) {
        assert_eq!(step["report_id"], case["report_id"]);
        assert_eq!(step["stage"], case["stage"]);
        assert_eq!(step["round"], case["round"]);
    }
    let of_5 = |stage: &str| {
        steps
            .iter()
            .find(|s| s["report_id"] == 5 && s["stage"] == stage)
            .unwrap_or_else(|| panic!("no late {stage} step of report 5: {steps:#?}"))
    };
    assert_eq!(of_5("process")["stopped_by"], HANDLER_SXD);
    assert_eq!(of_5("process")["stop_event"], reply);
    assert_eq!(of_5("process")["agency"], "SXD");
    // The portal's own stage: late dispatch, by the account that assigned.
    assert_eq!(of_5("dispatch")["stopped_by"], RECEPTION);
    assert_eq!(of_5("dispatch")["stop_event"], assign);
    assert!(of_5("dispatch")["agency"].is_null());
    // Still open past its deadline: nobody stopped it yet.
    let open = steps
        .iter()
        .find(|s| s["done_at"].is_null())
        .expect("an open late step");
    assert!(open["stopped_by"].is_null());

    // Report 5 was sent in August.
    let table = env.stdout_as(AUDITOR, &["audit", "late", "--period", "2026-08"], &[]);
    assert!(table.contains("chưa ai xử lý"), "{table}");
    assert!(table.contains(HANDLER_SXD), "{table}");
    let csv = env.stdout_as(
        AUDITOR,
        &["--format", "csv", "audit", "late", "--period", "2026-Q3"],
        &[],
    );
    assert!(
        csv.starts_with("report_id,external_id,stage,round,agency,due_at,done_at,"),
        "{csv}"
    );
    assert!(csv.contains(&format!(",{HANDLER_SXD},{reply}\n")), "{csv}");
    env.run_as(AUDITOR, &["audit", "late", "--period", "2026-13"])
        .code(2)
        .stderr_has("2026-13");
}

/// Staff accounts are staff personal data: the list is the inspector's and the admin's,
/// not the leaders' (whose report circulates widely), nor reception's or a handler's.
#[test]
fn only_the_admin_and_the_auditor_may_list_who_made_steps_late() {
    let env = TestEnv::assigned_to_sxd();
    for user in [ADMIN, AUDITOR] {
        env.run_as(user, &["audit", "late", "--period", "2026"])
            .success();
    }
    for user in [LEADER, RECEPTION, HANDLER_SXD] {
        env.run_as(user, &["audit", "late", "--period", "2026"])
            .failure()
            .stderr_has("audit late");
    }
}

/// A sealed table's row (an account raised to admin with `sqlite3`): the finding says after
/// which event (its time and account) the row was changed, and, plainly, that the log holds
/// only its digest.
#[test]
fn verify_says_after_which_event_a_sealed_tables_row_was_changed() {
    let env = TestEnv::seeded();
    let sealed: i64 = env.count(
        "SELECT max(id) FROM events WHERE action = 'staff_add'
            AND payload LIKE '%\"xuly.sxd.hung\"%'",
    );
    env.writable()
        .execute(
            "UPDATE staff SET role = 'admin' WHERE username = 'xuly.sxd.hung'",
            [],
        )
        .unwrap();
    env.run_as(AUDITOR, &["audit", "verify"])
        .code(5)
        .stdout_has(&format!(
            "Bảng staff, dòng \"xuly.sxd.hung\": bị sửa sau sự kiện {sealed} (05/10/2026 08:00, admin, Thêm tài khoản); nhật ký chỉ giữ mã băm của dòng nên không biết cột nào."
        ));
    let outcome = env
        .run_as(AUDITOR, &["audit", "verify", "--format", "json"])
        .code(5)
        .json();
    assert_eq!(outcome["findings"][0]["kind"], "table_row", "{outcome:#}");
    assert_eq!(outcome["findings"][0]["since"]["event"], sealed);
}
