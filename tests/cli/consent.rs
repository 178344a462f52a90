//! A reporter's withdrawal of their consent to share their identity with the handling
//! agency (Đ6.5; Law 91/2025/QH15: a consent may be withdrawn at any time): `identity
//! consent --withdraw` is one sealed `consent_withdraw` event that `audit verify` accepts,
//! `audit reveals`, `audit log`, `show` and `export subject` account for, and after which
//! the agency's officer no longer sees the reporter; the portal's desk still may.

use serde_json::{Value, json};

use crate::common::*;

/// Report 5 of `TestEnv::assigned_to_sxd`: Phan Ngọc Hoa, who consented, assigned to SXD.
const ID: &str = "5";
const NAME: &str = "Phan Ngọc Hoa";
const PHONE: &str = "0394676598";
const REASON: &str = "Theo đơn rút lại sự đồng ý ngày 05/10/2026, số 14/ĐYC";

fn withdraw(env: &TestEnv, reason: &str) -> Run {
    env.run_as(
        ADMIN,
        &["identity", "consent", ID, "--withdraw", "--reason", reason],
    )
}

fn give(env: &TestEnv, reason: &str) -> Run {
    env.run_as(
        ADMIN,
        &["identity", "consent", ID, "--give", "--reason", reason],
    )
}

fn reveal(env: &TestEnv, user: &str) -> Run {
    env.run_as(
        user,
        &[
            "show",
            ID,
            "--reveal",
            "--reason",
            "Gọi lại người dân hỏi vị trí",
        ],
    )
}

/// The officer of the handling agency sees the reporter before the withdrawal and is
/// refused after it, told why; the refusal is logged; the portal's desk still sees the
/// reporter; a masked view says that the consent was withdrawn and when.
#[test]
fn an_agency_officer_sees_the_reporter_before_the_withdrawal_and_not_after() {
    let env = TestEnv::assigned_to_sxd();
    reveal(&env, HANDLER_SXD).success().stdout_has(NAME);

    withdraw(&env, REASON)
        .success()
        .stderr_has("Đã ghi việc người phản ánh của phản ánh 5 rút lại sự đồng ý chia sẻ danh tính")
        .never_shows(NAME)
        .never_shows(PHONE);

    let before = env.fingerprint();
    reveal(&env, HANDLER_SXD)
        .code(1)
        .stderr_has("Người phản ánh đã rút lại sự đồng ý chia sẻ danh tính với cơ quan xử lý")
        .never_shows(NAME)
        .never_shows(PHONE);
    let refused = env.assert_only_refusal(&before, HANDLER_SXD);
    assert!(refused["payload"].contains("withdrew"), "{refused:?}");

    // Masked, and saying why.
    env.run_as(HANDLER_SXD, &["show", ID])
        .success()
        .stdout_has("không — người phản ánh đã rút lại lúc 05/10/2026\u{a0}08:00")
        .never_shows(NAME);
    let view = env
        .run_as(HANDLER_SXD, &["show", ID, "--format", "json"])
        .success()
        .json();
    assert_eq!(view["consent"], json!(false));
    assert_eq!(view["consent_withdrawn_at"], NOW);
    env.run_as(HANDLER_SXD, &["show", ID, "--format", "csv"])
        .success()
        .stdout_has(NOW);
    assert!(view["reporter_name"] != NAME, "{view}");
    env.run_as(
        HANDLER_SXD,
        &[
            "--lang",
            "en",
            "show",
            ID,
            "--reveal",
            "--reason",
            "Call back",
        ],
    )
    .code(1)
    .stderr_has("the reporter withdrew their consent to share their identity");

    // The portal's desk keeps what docs/rules.md §2 gives it.
    reveal(&env, RECEPTION).success().stdout_has(NAME);
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// The step is one sealed event (who, when, why; no identity), listed by `audit reveals`
/// and `audit log`, in the report's history, and in the answer to the reporter's request.
#[test]
fn a_withdrawal_is_one_sealed_event_listed_by_reveals_log_and_subject() {
    let env = TestEnv::assigned_to_sxd();
    let done = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "identity",
                "consent",
                ID,
                "--withdraw",
                "--reason",
                REASON,
            ],
        )
        .success()
        .json();
    let events: Vec<(i64, String, String)> = rows_as(
        &env.read_only(),
        "SELECT id, actor, payload FROM events WHERE action = 'consent_withdraw' AND report_id = 5",
    );
    assert_eq!(events.len(), 1, "{events:?}");
    let (event, actor, payload) = &events[0];
    assert_eq!(actor, ADMIN);
    assert_eq!(
        done,
        json!({"report_id": 5, "event": event, "consent_withdrawn_at": NOW})
    );
    let payload: Value = serde_json::from_str(payload).unwrap();
    assert_eq!(payload["reason"], REASON);
    assert!(!payload.to_string().contains("Hoa"), "{payload}");
    assert_eq!(env.count("SELECT consent FROM reports WHERE id = 5"), 0);
    env.run_as(AUDITOR, &["audit", "verify"]).success();

    let reveals = env
        .run_as(
            AUDITOR,
            &["audit", "reveals", "--report", ID, "--format", "json"],
        )
        .success()
        .json();
    let line = array(&reveals)
        .iter()
        .find(|l| l["action"] == "consent_withdraw")
        .unwrap_or_else(|| panic!("{reveals}"));
    assert_eq!(line["actor"], ADMIN);
    assert_eq!(line["reason"], REASON);
    env.run_as(AUDITOR, &["audit", "reveals", "--report", ID])
        .success()
        .stdout_has("Rút đồng ý chia sẻ danh tính");
    env.run_as(AUDITOR, &["audit", "log", ID])
        .success()
        .stdout_has("Rút đồng ý chia sẻ danh tính");

    let subject = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "export",
                "subject",
                "--phone",
                PHONE,
                "--reason",
                "Người dân yêu cầu cung cấp dữ liệu",
            ],
        )
        .success()
        .json();
    let row = array(&subject)
        .iter()
        .find(|r| r["id"] == json!(5))
        .unwrap_or_else(|| panic!("{subject}"));
    assert_eq!(row["consent"], json!(false));
    assert_eq!(row["consent_withdrawn_at"], NOW);
    assert!(
        row["seen_by"].to_string().contains("consent_withdraw"),
        "{row}"
    );
    env.at_columns(
        250,
        &[
            "--as",
            ADMIN,
            "export",
            "subject",
            "--phone",
            PHONE,
            "--reason",
            "Người dân yêu cầu cung cấp dữ liệu",
        ],
    )
    .success()
    .stdout_has("đã rút lại lúc 05/10/2026");
    // The CSV for Excel handed to the citizen says it too.
    env.run_as(
        ADMIN,
        &[
            "--format",
            "csv",
            "--csv",
            "excel",
            "export",
            "subject",
            "--phone",
            PHONE,
            "--reason",
            "Người dân yêu cầu cung cấp dữ liệu",
        ],
    )
    .success()
    .stdout_has("Rút lại sự đồng ý lúc")
    .stdout_has(";Không;05/10/2026 08:00");
    let csv = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "csv",
                "export",
                "subject",
                "--phone",
                PHONE,
                "--reason",
                "Người dân yêu cầu cung cấp dữ liệu",
            ],
        )
        .success()
        .stdout
        .clone();
    assert!(
        csv.contains(",consent,consent_withdrawn_at,seen_by,")
            && csv.contains(&format!(",false,{NOW},")),
        "{csv}"
    );
}

/// Withdrawing twice: refused, saying when it was withdrawn; no second withdrawal
/// recorded (the refusal is, as other refused steps are). A reporter who never consented
/// has nothing to withdraw; only the admin records it; a reason is needed and kept short.
#[test]
fn what_cannot_be_withdrawn_is_refused_and_logged_once() {
    let env = TestEnv::assigned_to_sxd();
    withdraw(&env, REASON).success();
    let before = env.fingerprint();
    withdraw(&env, "Người dân gọi lại nhắc việc rút đồng ý")
        .code(1)
        .stderr_has("đã rút lại sự đồng ý chia sẻ danh tính lúc 05/10/2026 08:00")
        .stderr_has("không ghi lần nữa");
    env.assert_only_refusal(&before, ADMIN);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'consent_withdraw'"),
        1
    );

    let never: i64 = env.column::<i64>(
        "SELECT id FROM reports WHERE consent = 0 AND status = 'accepted' ORDER BY id LIMIT 1",
    )[0];
    env.run_as(
        ADMIN,
        &[
            "identity",
            "consent",
            &never.to_string(),
            "--withdraw",
            "--reason",
            REASON,
        ],
    )
    .code(1)
    .stderr_has("không đồng ý chia sẻ danh tính khi gửi phản ánh");

    for user in [RECEPTION, HANDLER_SXD, LEADER, AUDITOR] {
        env.run_as(
            user,
            &["identity", "consent", "6", "--withdraw", "--reason", REASON],
        )
        .code(1);
    }
    env.run_as(ADMIN, &["identity", "consent", "6", "--reason", REASON])
        .code(1)
        .stderr_has("hãy thêm --withdraw");
    env.run_as(
        ADMIN,
        &["identity", "consent", "6", "--withdraw", "--reason", "  "],
    )
    .code(1)
    .stderr_has("Hãy cho biết lý do");
    let long = "Theo đơn. ".repeat(40);
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &["identity", "consent", "6", "--withdraw", "--reason", &long],
    )
    .code(1)
    .stderr_has("Lý do dài quá");
    env.assert_only_refusal(&before, ADMIN);
}

/// A restore of a backup from before the withdrawal only said so, as for a lost correction,
/// and until the admin recorded it again the handling agency read the identity the
/// reporter had taken back (an inspector's audit). The withdrawal is now made again, as an
/// erasure is: the handler is refused at once, `audit reveals` lists it with the original
/// event, account and reason, and the log verifies. Consent given again after it is said,
/// not made again, so a later gift leaves the withdrawal to the admin.
#[test]
fn a_restore_makes_a_withdrawal_of_consent_again() {
    let env = TestEnv::assigned_to_sxd();
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    withdraw(&env, REASON).success();
    let replaced: i64 =
        env.column::<i64>("SELECT id FROM events WHERE action = 'consent_withdraw'")[0];
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .stderr_has("1 lần rút lại sự đồng ý chia sẻ danh tính")
        .never_shows("`phananh identity consent 5 --withdraw");
    reveal(&env, HANDLER_SXD).code(1);
    let again: Vec<String> = env.column(
        "SELECT actor || ' ' || json_extract(payload, '$.reapplied.event') || ' ' ||
                json_extract(payload, '$.reapplied.by') || ' ' || json_extract(payload, '$.reason')
           FROM events WHERE action = 'consent_withdraw' AND report_id = 5",
    );
    assert_eq!(again, [format!("phananh {replaced} {ADMIN} {REASON}")]);
    let payload: String =
        env.column::<String>("SELECT payload FROM events WHERE action = 'restore'")[0].clone();
    let payload: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["consent_withdrawals_reapplied"], json!([replaced]));
    assert_eq!(payload["withdrawals_not_reapplied"], json!([]));
    let reveals = env
        .run_as(
            AUDITOR,
            &["audit", "reveals", "--report", ID, "--format", "json"],
        )
        .success()
        .json();
    assert!(
        array(&reveals)
            .iter()
            .any(|l| l["action"] == "consent_withdraw" && l["original_event"] == json!(replaced)),
        "{reveals}"
    );
    env.run_as(LEADER, &["audit", "verify"]).success();

    // Withdrawn, then given again, after the backup: the gift is what stands, and it is
    // said, not made again; the copy keeps the consent it had.
    let env = TestEnv::assigned_to_sxd();
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    withdraw(&env, REASON).success();
    give(&env, "Người phản ánh đồng ý lại (đơn 06/10/2026)").success();
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .never_shows("lần rút lại sự đồng ý chia sẻ danh tính");
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'consent_withdraw'"),
        0
    );
    reveal(&env, HANDLER_SXD).success();
}

/// The app's export read again after the withdrawal still says the reporter consented: the
/// report is counted as already present, not refused as a conflict (the night's cron ingest
/// reported a "conflict" on that report every time), and the consent stays withdrawn.
#[test]
fn the_apps_record_read_again_after_a_withdrawal_is_no_conflict() {
    let env = TestEnv::assigned_to_sxd();
    withdraw(&env, REASON).success();
    let run = env.run_as(
        RECEPTION,
        &["--format", "json", "ingest", &example_str("reports.csv")],
    );
    run.success();
    let summary = array(&run.json())[0].clone();
    assert_eq!(summary["malformed"], 0, "{run}");
    assert_eq!(summary["already_present"], 340, "{run}");
    assert_eq!(env.count("SELECT consent FROM reports WHERE id = 5"), 0);
    reveal(&env, HANDLER_SXD).code(1);
}

/// agency8: a reporter who did not consent when sending (or withdrew) may agree when the
/// handling needs it, asked by the portal (Đ6.5: the identity is used with their consent).
/// The officer refused is told that next step; `identity consent --give` records the "yes"
/// as one sealed `consent_give` event (who, when, why; no identity) listed by `audit
/// reveals`, `audit log` and `export subject`, after which the officer sees the reporter;
/// given twice, or for a report that holds a consent, it is refused and logged once.
#[test]
fn a_consent_given_later_is_one_sealed_event_after_which_the_agency_sees_the_reporter() {
    let env = TestEnv::validated();
    // An accepted report whose reporter did not consent, dispatched to SXD.
    let id: i64 = env.column::<i64>(
        "SELECT id FROM reports WHERE consent = 0 AND status = 'accepted' ORDER BY id LIMIT 1",
    )[0];
    let id = id.to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD"])
        .success();
    let (name, phone) = env
        .identities()
        .into_iter()
        .find(|(i, _, _)| i.to_string() == id)
        .map(|(_, name, phone)| (name, phone))
        .unwrap();
    let reveal = |user: &str| {
        env.run_as(
            user,
            &["show", &id, "--reveal", "--reason", "Gọi lại hỏi vị trí"],
        )
    };
    reveal(HANDLER_SXD)
        .code(1)
        .stderr_has("không đồng ý chia sẻ danh tính với cơ quan xử lý")
        .stderr_has("đề nghị bộ phận tiếp nhận của Cổng liên hệ người phản ánh xin sự đồng ý")
        // Who records it: an admin (reception is refused `identity consent`).
        .stderr_has("quản trị viên ghi lại bằng `identity consent SỐ --give`")
        .never_shows(&name);
    env.run_as(
        HANDLER_SXD,
        &[
            "--lang",
            "en",
            "show",
            &id,
            "--reveal",
            "--reason",
            "Call back",
        ],
    )
    .code(1)
    .stderr_has("ask the portal's reception to contact the reporter and seek their consent");

    const GIVEN: &str = "Tiếp nhận gọi điện ngày 05/10/2026, người phản ánh đồng ý";
    let done = env
        .run_as(
            ADMIN,
            &[
                "--format", "json", "identity", "consent", &id, "--give", "--reason", GIVEN,
            ],
        )
        .success()
        .json();
    let events: Vec<(i64, String, String)> = rows_as(
        &env.read_only(),
        &format!(
            "SELECT id, actor, payload FROM events WHERE action = 'consent_give' AND report_id = {id}"
        ),
    );
    assert_eq!(events.len(), 1, "{events:?}");
    let (event, actor, payload) = &events[0];
    assert_eq!(actor, ADMIN);
    assert_eq!(
        done,
        json!({"report_id": id.parse::<i64>().unwrap(), "event": event, "consent_given_at": NOW})
    );
    assert!(
        !payload.contains(&name) && !payload.contains(&phone),
        "{payload}"
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();

    // The officer now sees the reporter.
    reveal(HANDLER_SXD).success().stdout_has(&name);
    // The app's record read again (cron's nightly ingest) still says "no consent when
    // sent": that is no conflict, and takes nothing back.
    let run = env.run_as(
        RECEPTION,
        &["--format", "json", "ingest", &example_str("reports.csv")],
    );
    run.success();
    assert_eq!(array(&run.json())[0]["already_present"], 340, "{run}");
    reveal(HANDLER_SXD).success().stdout_has(&name);

    let reveals = env.json_as(AUDITOR, &["audit", "reveals", "--report", &id]);
    let line = array(&reveals)
        .iter()
        .find(|l| l["action"] == "consent_give")
        .unwrap_or_else(|| panic!("{reveals}"));
    assert_eq!(line["reason"], GIVEN);
    env.at_columns(250, &["--as", AUDITOR, "audit", "reveals", "--report", &id])
        .success()
        .stdout_has("Người phản ánh đồng ý chia sẻ danh tính (xin sau)");
    let log = env.json_as(AUDITOR, &["audit", "log", &id]);
    assert!(
        array(&log).iter().any(|e| e["action"] == "consent_give"),
        "{log:#}"
    );
    let subject = env.json_as(
        ADMIN,
        &[
            "export",
            "subject",
            "--phone",
            &phone,
            "--report",
            &id,
            "--reason",
            "Người dân yêu cầu cung cấp dữ liệu",
        ],
    );
    let row = &array(&subject)[0];
    assert_eq!(row["consent"], json!(true));
    assert!(row["seen_by"].to_string().contains("consent_give"), "{row}");

    // Given again: refused, saying when, logged once.
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &["identity", "consent", &id, "--give", "--reason", GIVEN],
    )
    .code(1)
    .stderr_has("đã được ghi lúc 05/10/2026");
    env.assert_only_refusal(&before, ADMIN);
    // Report 5's reporter consented when sending: nothing to record.
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &["identity", "consent", "5", "--give", "--reason", GIVEN],
    )
    .code(1)
    .stderr_has("đã đồng ý chia sẻ danh tính khi gửi phản ánh");
    env.assert_only_refusal(&before, ADMIN);
    env.run_as(
        ADMIN,
        &[
            "identity",
            "consent",
            &id,
            "--give",
            "--withdraw",
            "--reason",
            GIVEN,
        ],
    )
    .code(2);
}

/// A consent withdrawn, then given again when asked: the view no longer says "withdrawn",
/// and the officer sees the reporter again.
#[test]
fn a_consent_withdrawn_then_given_again_reads_as_given() {
    let env = TestEnv::assigned_to_sxd();
    withdraw(&env, REASON).success();
    reveal(&env, HANDLER_SXD).code(1);
    give(&env, "Người dân gọi lại ngày 05/10/2026, đồng ý trở lại")
        .success()
        .never_shows(NAME);
    reveal(&env, HANDLER_SXD).success().stdout_has(NAME);
    let view = env.json_as(HANDLER_SXD, &["show", ID]);
    assert_eq!(view["consent"], json!(true));
    assert!(view.get("consent_withdrawn_at").is_none(), "{view}");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// A restore from a backup made before a consent was given later does not make it again,
/// as a withdrawal is not: it warns with the command to run, keeps it in the restore event,
/// and `audit reveals` and `show` still list it.
#[test]
fn a_restore_that_loses_a_consent_given_later_says_to_record_it_again() {
    let env = TestEnv::assigned_to_sxd();
    withdraw(&env, REASON).success();
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    const GIVEN: &str = "Người dân gọi lại ngày 05/10/2026, đồng ý trở lại";
    give(&env, GIVEN).success();
    let replaced: i64 = env.column::<i64>("SELECT id FROM events WHERE action = 'consent_give'")[0];
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .stderr_has(&format!(
            "Cảnh báo: người phản ánh của phản ánh 5 đã đồng ý chia sẻ danh tính sau bản sao lưu (sự kiện consent_give {replaced} "
        ))
        .stderr_has("`phananh identity consent 5 --give --reason");
    let payload: String =
        env.column::<String>("SELECT payload FROM events WHERE action = 'restore'")[0].clone();
    let payload: Value = serde_json::from_str(&payload).unwrap();
    let lost = &payload["consents_not_reapplied"][0];
    assert_eq!(lost["replaced_event"], json!(replaced));
    assert_eq!(lost["reason"], GIVEN);
    let reveals = env.json_as(AUDITOR, &["audit", "reveals", "--report", ID]);
    let line = array(&reveals)
        .iter()
        .find(|l| l["lookup"] == "consent_not_reapplied")
        .unwrap_or_else(|| panic!("{reveals}"));
    assert_eq!(line["action"], "consent_give");
    env.at_columns(400, &["--as", LEADER, "show", ID])
        .success()
        .stdout_has("Người phản ánh đồng ý chia sẻ danh tính (xin sau) — không làm lại");
    // As told: the copy holds the consent withdrawn; recorded again, the officer sees.
    reveal(&env, HANDLER_SXD).code(1);
    give(&env, GIVEN).success();
    reveal(&env, HANDLER_SXD).success();
    env.run_as(LEADER, &["audit", "verify"]).success();
}
