//! Personal data (Đ6.5, docs/rules.md §1): the reporter's name and phone are masked by `show` for
//! every role, revealed only to reception/admin and — with the reporter's consent — to the
//! assigned agency's handlers, every reveal is logged, and neither ever appears in `list`,
//! in `audit log`, or in an error message.

use crate::common::*;

/// CMG-2026-000105 (id 5): consent=1. Phone typed `039 467 6598`, stored normalised.
const CONSENTING: &str = "5";
const CONSENTING_NAME: &str = "Phan Ngọc Hoa";
const CONSENTING_PHONE: &str = "0394676598";
/// CMG-2026-000104 (id 4): consent=0.
const NOT_CONSENTING: &str = "4";
const NOT_CONSENTING_NAME: &str = "Huỳnh Thị Kim Trinh";
const NOT_CONSENTING_PHONE: &str = "02913676848";

/// Every form in which the two reporters' identities could leak.
const SECRETS: [&str; 6] = [
    CONSENTING_NAME,
    CONSENTING_PHONE,
    "039 467 6598",
    NOT_CONSENTING_NAME,
    NOT_CONSENTING_PHONE,
    "Kim Trinh",
];

#[track_caller]
fn assert_no_secret(run: &Run) {
    for secret in SECRETS {
        run.never_shows(secret);
    }
}

/// A failing command: exit 1, and no personal data in what it printed.
#[track_caller]
fn refused(run: Run) -> Run {
    run.failure();
    assert_no_secret(&run);
    run
}

/// Both reports classified and assigned to SXD.
fn both_assigned_to_sxd() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let env = TestEnv::validated();
        for id in [CONSENTING, NOT_CONSENTING] {
            env.run_as(RECEPTION, &["classify", id, "--field", "XD"])
                .success();
            env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
                .success();
        }
        env
    })
}

#[test]
fn the_examples_really_hold_these_reporters() {
    // Guards the constants above: if the examples change, the other tests must not pass
    // vacuously.
    let env = TestEnv::validated();
    let people = env.identities();
    let row = |id: i64| -> (String, String, i64) {
        let (_, name, phone) = people.iter().find(|(i, _, _)| *i == id).unwrap().clone();
        let consent = env.count(&format!("SELECT consent FROM reports WHERE id = {id}"));
        (name, phone, consent)
    };
    assert_eq!(row(5), (CONSENTING_NAME.into(), CONSENTING_PHONE.into(), 1));
    let row = row(4);
    assert_eq!(
        row,
        (NOT_CONSENTING_NAME.into(), NOT_CONSENTING_PHONE.into(), 0)
    );
}

#[test]
fn show_masks_name_and_phone_for_every_role() {
    let env = both_assigned_to_sxd();
    for user in [ADMIN, RECEPTION, HANDLER_SXD, LEADER, AUDITOR] {
        let shown = env
            .run_as(user, &["show", CONSENTING, "--format", "json"])
            .success()
            .json();
        assert_eq!(shown["reporter_phone"], "03******98", "as {user}");
        assert_eq!(shown["reporter_name"], "Ph** Ng** H", "as {user}");
        assert_eq!(shown["personal_data_revealed"], false);
        for format in ["table", "csv", "json"] {
            let run = env.run_as(user, &["show", CONSENTING, "--format", format]);
            run.success();
            assert_no_secret(&run);
        }
        let table = env
            .run_as(user, &["show", CONSENTING])
            .success()
            .stdout
            .clone();
        assert!(table.contains("03******98"), "as {user}:\n{table}");
    }
    // A plain show is not a reveal: nothing is logged.
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'reveal'"),
        0
    );
}

#[test]
fn reception_reveals_and_the_reveal_is_logged() {
    let env = both_assigned_to_sxd();
    let before = env.fingerprint();
    let shown = env
        .run_as(
            RECEPTION,
            &[
                "show",
                NOT_CONSENTING,
                "--reveal",
                "--reason",
                "gọi lại xác minh",
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    assert_eq!(shown["reporter_phone"], NOT_CONSENTING_PHONE);
    assert_eq!(shown["reporter_name"], NOT_CONSENTING_NAME);
    assert_eq!(shown["personal_data_revealed"], true);
    let after = env.fingerprint();
    assert_eq!(before.0["reports"], after.0["reports"]);
    assert_eq!(after.rows("events"), before.rows("events") + 1);
    let conn = env.read_only();
    let (actor, action, report): (String, String, i64) = conn
        .query_row(
            "SELECT actor, action, report_id FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (actor.as_str(), action.as_str(), report),
        (RECEPTION, "reveal", 4)
    );
    // The reveal shows in the report's history, without the data revealed.
    let log = env.run_as(ADMIN, &["audit", "log", NOT_CONSENTING, "--format", "json"]);
    log.success().stdout_has("reveal");
    assert_no_secret(&log);
}

#[test]
fn leaders_and_auditors_may_not_reveal() {
    let env = both_assigned_to_sxd();
    for user in [LEADER, AUDITOR] {
        let before = env.fingerprint();
        let run = refused(env.run_as(
            user,
            &[
                "show",
                CONSENTING,
                "--reveal",
                "--reason",
                "gọi lại xác minh",
                "--format",
                "json",
            ],
        ));
        run.one_line_error();
        env.assert_only_refusal(&before, user);
    }
}

#[test]
fn a_handler_reveals_only_with_the_reporters_consent() {
    let env = both_assigned_to_sxd();
    let before = env.fingerprint();
    refused(env.run_as(
        HANDLER_SXD,
        &[
            "show",
            NOT_CONSENTING,
            "--reveal",
            "--reason",
            "gọi lại xác minh",
        ],
    ))
    .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);

    let shown = env
        .run_as(
            HANDLER_SXD,
            &[
                "show",
                CONSENTING,
                "--reveal",
                "--reason",
                "gọi lại xác minh",
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    assert_eq!(shown["reporter_phone"], CONSENTING_PHONE);
    assert_eq!(shown["reporter_name"], CONSENTING_NAME);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'reveal' AND actor = 'xuly.sxd.hung' AND report_id = 5"),
        1
    );
    // Another agency's handler may not, consent or not.
    let before = env.fingerprint();
    refused(env.run_as(
        HANDLER_PCCM,
        &[
            "show",
            CONSENTING,
            "--reveal",
            "--reason",
            "gọi lại xác minh",
        ],
    ));
    env.assert_only_refusal(&before, HANDLER_PCCM);
}

/// Đ6.5 lets the reporter's identity be used "to serve the handling": an agency that
/// returned the report as not its business (Đ8.1.b) handles it no more, consent or not.
/// It still sees its return in `list` and `show`, masked, and may not reveal; its reply
/// text and reason stay as typed. Without the fix the handler who had returned report 5
/// was shown "Phan Ngọc Hoa" and "0394676598" and a `reveal` event was logged.
#[test]
fn a_handler_may_not_reveal_a_report_its_agency_returned() {
    let env = both_assigned_to_sxd();
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            CONSENTING,
            "--reason",
            "Không thuộc thẩm quyền của Sở Xây dựng",
        ],
    )
    .success();
    let before = env.fingerprint();
    refused(env.run_as(
        HANDLER_SXD,
        &[
            "show",
            CONSENTING,
            "--reveal",
            "--reason",
            "gọi lại xác minh",
        ],
    ))
    .one_line_error()
    .stderr_has("chuyển trả");
    env.assert_only_refusal(&before, HANDLER_SXD);
    for format in ["table", "json"] {
        let run = env.run_as(HANDLER_SXD, &["show", CONSENTING, "--format", format]);
        run.success().stdout_has("Không thuộc thẩm quyền");
        assert_no_secret(&run);
    }
    // Dispatched again to the same agency, it handles the report again.
    env.run_as(RECEPTION, &["assign", CONSENTING, "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &[
            "show",
            CONSENTING,
            "--reveal",
            "--reason",
            "gọi lại xác minh",
        ],
    )
    .success()
    .stdout_has(CONSENTING_PHONE);
}

#[test]
fn list_never_shows_a_reporters_name_or_phone() {
    let env = both_assigned_to_sxd();
    // Every reporter's name and stored phone, except names that also occur in some text
    // (those could legitimately appear in a content excerpt).
    let texts: Vec<String> = env.column("SELECT content || ' ' || address FROM reports");
    let people: Vec<(String, String)> = env
        .identities()
        .into_iter()
        .filter(|(_, name, _)| name.is_empty() || !texts.iter().any(|t| t.contains(name.as_str())))
        .map(|(_, name, phone)| (name, phone))
        .collect();
    assert!(people.len() > 300, "{}", people.len());
    let secrets = Secrets::new(people.iter().flat_map(|(name, phone)| {
        [
            Some(name).filter(|name| !name.is_empty()),
            Some(phone).filter(|phone| phone.len() >= 8),
        ]
        .into_iter()
        .flatten()
        .cloned()
    }));
    for user in [ADMIN, RECEPTION, LEADER, AUDITOR, HANDLER_SXD] {
        for format in ["table", "csv", "json"] {
            let run = env.run_as(user, &["list", "--format", format]);
            run.success();
            assert_no_secret(&run);
            run.never_shows_any(&secrets);
        }
    }
}

#[test]
fn audit_log_never_shows_a_reporters_name_or_phone() {
    let env = both_assigned_to_sxd();
    env.run_as(
        HANDLER_SXD,
        &[
            "show",
            CONSENTING,
            "--reveal",
            "--reason",
            "gọi lại xác minh",
        ],
    )
    .success();
    env.run_as(
        HANDLER_SXD,
        &["reply", CONSENTING, "--text", "Đã liên hệ người phản ánh."],
    )
    .success();
    for id in [CONSENTING, NOT_CONSENTING] {
        for format in ["table", "csv", "json"] {
            let run = env.run_as(RECEPTION, &["audit", "log", id, "--format", format]);
            run.success();
            assert_no_secret(&run);
        }
    }
}

#[test]
fn failing_commands_never_print_personal_data() {
    let env = both_assigned_to_sxd();
    let failures: [(&str, &[&str]); 8] = [
        (HANDLER_PCCM, &["show", CONSENTING]),
        (HANDLER_PCCM, &["reply", CONSENTING, "--text", "x"]),
        (
            LEADER,
            &[
                "show",
                NOT_CONSENTING,
                "--reveal",
                "--reason",
                "gọi lại xác minh",
            ],
        ),
        (RECEPTION, &["publish", CONSENTING]),
        (RECEPTION, &["rate", NOT_CONSENTING, "--score", "5"]),
        (RECEPTION, &["validate", CONSENTING]),
        (RECEPTION, &["duplicate", CONSENTING, "--of", CONSENTING]),
        (
            "khong.ai",
            &[
                "show",
                CONSENTING,
                "--reveal",
                "--reason",
                "gọi lại xác minh",
            ],
        ),
    ];
    for (user, args) in failures {
        refused(env.run_as(user, args));
        refused(env.run_as(user, &in_english(args)));
    }
    // Rejected reports with a bad or missing phone: the reason never echoes it.
    let env = TestEnv::ingested();
    let run = env.run_as(
        RECEPTION,
        &["validate", "ext:CMG-2026-000101", "--format", "json"],
    );
    run.success();
    run.never_shows("091234567890").never_shows("Trần Chí Hiếu");
}

/// An erasure that commits while `show --reveal` runs, after the reveal read the identity
/// and before it recorded itself (played at the debug build's pause point there): the
/// reveal printed the name and phone the erasure had just destroyed, and its event, written
/// after the `erase` event, told `audit reveals` that the identity was seen after it was
/// erased. The reveal now takes the identity the row holds under the lock it records with:
/// erased, it shows nothing, as a reveal of an erased identity shows nothing.
#[test]
fn a_reveal_racing_an_erasure_shows_no_identity_the_log_says_was_erased() {
    let env = both_assigned_to_sxd();
    let args = [
        "show",
        NOT_CONSENTING,
        "--reveal",
        "--reason",
        "gọi lại xác minh",
        "--format",
        "json",
    ];
    let run = run_paused_at(&env, RECEPTION, &args, "reveal:opened", || {
        env.run_as(
            ADMIN,
            &[
                "erase",
                NOT_CONSENTING,
                "--reason",
                "Người phản ánh yêu cầu",
            ],
        )
        .success();
    });
    run.success();
    assert!(!run.stdout.contains(NOT_CONSENTING_NAME), "{}", run.stdout);
    assert!(!run.stdout.contains(NOT_CONSENTING_PHONE), "{}", run.stdout);
    let shown = run.json();
    assert_eq!(shown["identity_erased"], true, "{}", run.stdout);
    assert_eq!(shown["personal_data_revealed"], false, "{}", run.stdout);
    // Logged after the erasure, as what it was: a reveal that showed nothing.
    let actions: Vec<String> = env
        .read_only()
        .prepare("SELECT action FROM events WHERE report_id = 4 ORDER BY id DESC LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, ["reveal", "erase"]);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// A handler who set `consent` (and `agency`) on a report row with `sqlite3` was shown the
/// reporter's name and phone by `show --reveal`, even for another agency's report; the
/// "edited outside phananh" warning came after the identity. Consent and agency are what
/// the log sealed: over a row that is not its last seal the reveal shows nothing, for any
/// role, logs no reveal, and says why and what to do (exit 5). Nor does a handler read
/// the name the free texts hold, with or without `--reveal`, in `show`, `list` or `audit
/// log`, on the row's word.
#[test]
fn a_reveal_over_a_row_edited_with_sqlite3_shows_no_identity() {
    let env = both_assigned_to_sxd();
    let reveal = |user: &str, id: &str| {
        env.run_as(
            user,
            &[
                "show",
                id,
                "--reveal",
                "--reason",
                "gọi lại hẹn giờ kiểm tra",
            ],
        )
    };
    let reveals = || env.count("SELECT count(*) FROM events WHERE action = 'reveal'");
    env.writable()
        .execute_batch(&format!(
            "UPDATE reports SET consent = 1,
                    content = content || ' Gọi lại {NOT_CONSENTING_NAME}.'
              WHERE id = {NOT_CONSENTING};
             UPDATE reports SET agency = 'PCCM' WHERE id = {CONSENTING};"
        ))
        .unwrap();
    for (user, id) in [
        (HANDLER_SXD, NOT_CONSENTING),
        (HANDLER_PCCM, CONSENTING),
        (RECEPTION, NOT_CONSENTING),
        (ADMIN, CONSENTING),
    ] {
        let run = reveal(user, id);
        run.code(5)
            .one_line_error()
            .stderr_has(&format!(
                "Không hiện danh tính người phản ánh của phản ánh {id}"
            ))
            .stderr_has("có đồng ý")
            .stderr_has("`phananh audit verify` và báo quản trị viên");
        assert_no_secret(&run);
        assert!(run.stdout.is_empty(), "{run}");
    }
    env.run_as(
        HANDLER_SXD,
        &[
            "--lang",
            "en",
            "show",
            NOT_CONSENTING,
            "--reveal",
            "--reason",
            "gọi lại",
        ],
    )
    .code(5)
    .stderr_has("is not shown: its row differs from its last seal in the log");
    assert_eq!(reveals(), 0);
    // Without `--reveal`, the texts as a reader without the consent reads them.
    for args in [
        &["show", NOT_CONSENTING][..],
        &["list"][..],
        &["audit", "log", NOT_CONSENTING][..],
    ] {
        assert_no_secret(&env.run_as(HANDLER_SXD, args));
    }
    env.run_as(HANDLER_SXD, &["show", NOT_CONSENTING])
        .code(5)
        .stdout_has("Gọi lại [đã ẩn].");
    // Put back as sealed, the report is the handler's to reveal again as before.
    env.writable()
        .execute_batch(&format!(
            "UPDATE reports SET agency = 'SXD' WHERE id = {CONSENTING}"
        ))
        .unwrap();
    reveal(HANDLER_SXD, CONSENTING)
        .success()
        .stdout_has(CONSENTING_NAME);
}

/// An account raised to admin with `sqlite3` could erase, erase by closing date, change
/// or reset the key, look a reporter up by phone and set a one-day retention period: none
/// of it can be taken back. Nor can a correction of an identity (`identity correct`). Each is refused as `show --reveal` is, exit 5, nothing done
/// (no event, no key file touched), naming the row; the honest admin still may.
#[test]
fn an_account_raised_with_sqlite3_erases_rekeys_looks_up_and_sets_no_retention() {
    let env = TestEnv::validated();
    env.writable()
        .execute(
            &format!("UPDATE staff SET role = 'admin', agency = NULL WHERE username = '{LEADER}'"),
            [],
        )
        .unwrap();
    let key = std::fs::read(env.key()).unwrap();
    let before = env.fingerprint();
    let reason = "Người phản ánh yêu cầu theo đơn ngày 02/11/2026";
    for (args, said) in [
        (
            vec!["erase", "5", "--reason", reason],
            "no identity was erased",
        ),
        (
            vec!["erase", "--closed-before", "2026-12-01", "--reason", reason],
            "no identity was erased",
        ),
        (
            vec![
                "identity",
                "correct",
                "5",
                "--phone",
                "0912000031",
                "--reason",
                reason,
            ],
            "no identity was corrected",
        ),
        (vec!["key", "rotate"], "the key was not changed"),
        (
            vec!["key", "reset", "--reason", reason, "--yes"],
            "the key was not changed",
        ),
        (
            vec!["list", "--phone", CONSENTING_PHONE, "--reason", reason],
            "nothing was looked up",
        ),
        (
            vec!["settings", "set", "privacy.erase_after_days", "1", "--yes"],
            "the setting was not changed",
        ),
    ] {
        let mut all = vec!["--lang", "en"];
        all.extend(&args);
        let run = env.run_as(LEADER, &all);
        run.code(5)
            .stderr_has(said)
            .stderr_has("staff row \"lanhdao.minh\"")
            .stderr_has("audit verify");
        assert_no_secret(&run);
        env.assert_unchanged(&before);
        assert_eq!(std::fs::read(env.key()).unwrap(), key, "{args:?}");
    }
    env.run_as(LEADER, &["erase", "5", "--reason", reason])
        .code(5)
        .stderr_has("Không xóa danh tính nào: nhật ký không xác nhận");
    for suffix in [".new", ".old"] {
        let mut side = env.key().into_os_string();
        side.push(suffix);
        assert!(!std::path::Path::new(&side).exists(), "{suffix}");
    }
    env.run_as(
        ADMIN,
        &["list", "--phone", CONSENTING_PHONE, "--reason", reason],
    )
    .success();
}

/// The retention period is an erasure the next sweep makes. Set through phananh by an
/// account the log says could not set it (a leader raised to admin with `sqlite3`, then
/// put back; here the log rewritten so, its chain sealed again, as an older phananh left
/// it), the honest cron sweep erased every closed report's identity, and the restore
/// `audit verify` advised erased them all again from the good backup. The sweep now erases
/// nothing under it and names the event (exit 5); and a restore does not make again the
/// erasures a sweep made under such a period.
#[test]
fn a_retention_set_by_an_account_raised_with_sqlite3_erases_nothing_and_is_not_made_again() {
    let mut env = TestEnv::validated();
    let backup = env.dir().join("before.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "1", "--yes"],
    )
    .success();
    let setting: i64 = env.column("SELECT id FROM events WHERE action = 'settings_set'")[0];
    let as_leader = |env: &TestEnv| {
        env.rewrite_log(|record| {
            let forged = record.id == setting;
            if forged {
                record.actor = LEADER.to_owned();
            }
            forged
        });
    };
    // The sweep: nothing erased, the event named.
    let swept = TestEnv::from_bytes(&env.snapshot());
    as_leader(&swept);
    let mut swept = swept;
    swept.set_now("2026-12-01T08:00:00+07:00");
    let run = swept.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"]);
    run.code(5)
        .stderr_has(
            "no identity was erased under the retention period (privacy.erase_after_days = 1)",
        )
        .stderr_has(&format!("event {setting}: written by account \"{LEADER}\""));
    assert_eq!(
        swept.count("SELECT count(*) FROM events WHERE action = 'erase'"),
        0
    );
    // Erased by the sweep, then found set by the raised leader: the restore does not
    // erase again what the backup still holds.
    env.set_now("2026-12-01T08:00:00+07:00");
    env.run_as(RECEPTION, &["sweep", "--quiet"]).success();
    let swept_ids: Vec<i64> =
        env.column("SELECT report_id FROM events WHERE action = 'erase' ORDER BY id");
    assert!(!swept_ids.is_empty());
    as_leader(&env);
    env.run_as(AUDITOR, &["audit", "verify"]).code(5);
    let erasures = |env: &TestEnv| env.count("SELECT count(*) FROM events WHERE action = 'erase'");
    let before_restore = erasures(&env);
    let run = env.run_as(
        ADMIN,
        &["--lang", "en", "restore", backup.to_str().unwrap()],
    );
    run.success()
        .stderr_has("erase events (")
        .stderr_has("were not made again")
        .stderr_has(&format!("event {setting}: written by account \"{LEADER}\""));
    assert!(before_restore > 0);
    assert_eq!(erasures(&env), 0, "no erasure made again");
    for id in swept_ids {
        assert_eq!(env.show(&id.to_string())["identity_erased"], false, "{id}");
    }
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `list --phone` opens every identity to compare it; one blanked with `sqlite3` read as
/// erased, and the lookup said 3 reports where the citizen sent 4, exit 0. It now names
/// the report it could not judge after what it found, exit 5, and the lookup is logged
/// with it.
#[test]
fn a_phone_lookup_over_an_identity_blanked_with_sqlite3_names_the_report_it_could_not_judge() {
    let env = TestEnv::validated();
    let sent: Vec<i64> = env
        .identities()
        .into_iter()
        .filter(|(_, _, phone)| phone == CONSENTING_PHONE)
        .map(|(id, _, _)| id)
        .collect();
    assert!(sent.contains(&5), "{sent:?}");
    env.writable()
        .execute(
            "UPDATE reports SET identity = NULL, identity_key = NULL WHERE id = 5",
            [],
        )
        .unwrap();
    let reason = "Trả lời đơn yêu cầu của người dân";
    let run = env.run_as(
        ADMIN,
        &[
            "--format",
            "json",
            "list",
            "--phone",
            CONSENTING_PHONE,
            "--reason",
            reason,
        ],
    );
    run.code(5)
        .stderr_has("Phản ánh 5")
        .stderr_has("Không xét được phản ánh ấy có gửi từ số điện thoại này hay không")
        .stderr_has("audit verify");
    assert_no_secret(&run);
    let listed: Vec<i64> = array(&run.json())
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    let others: Vec<i64> = sent.iter().copied().filter(|id| *id != 5).collect();
    assert_eq!(listed, others);
    let logged: Vec<String> =
        env.column("SELECT payload FROM events WHERE action = 'reveal' ORDER BY id DESC LIMIT 1");
    let logged: serde_json::Value = serde_json::from_str(&logged[0]).unwrap();
    assert_eq!(logged["reports"], serde_json::json!(others));
    assert_eq!(logged["reports_unjudged"], serde_json::json!([5]));
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "list",
            "--phone",
            CONSENTING_PHONE,
            "--reason",
            reason,
        ],
    )
    .code(5)
    .stderr_has("Whether that report was sent from this phone could not be told");
}

/// Two reports' sealed identities (each blob with its own key) swapped with `sqlite3`: the
/// key opens neither where it now stands. The first stopped `list` for every role, the
/// desk's work with it, exit 1. Each listing now gives every row, the two without their
/// reporter, and names them after its rows, exit 5, as it names rows edited otherwise.
#[test]
fn identities_swapped_with_sqlite3_stop_no_listing() {
    let env = both_assigned_to_sxd();
    let listed = |user: &str| -> Vec<i64> {
        array(&env.json_as(user, &["list"]))
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    let before: Vec<(&str, Vec<i64>)> = [ADMIN, RECEPTION, HANDLER_SXD, LEADER, AUDITOR]
        .into_iter()
        .map(|user| (user, listed(user)))
        .collect();
    let four = env.sealed_identity(4);
    let five = env.sealed_identity(5);
    env.put_identity_back(4, &five);
    env.put_identity_back(5, &four);
    for (user, ids) in &before {
        assert!(ids.contains(&4) && ids.contains(&5), "{user}: {ids:?}");
        let run = env.run_as(user, &["--lang", "en", "list", "--format", "json"]);
        run.code(5)
            .stderr_has("does not open the identity of reports 4, 5")
            .stderr_has("audit verify");
        assert_no_secret(&run);
        let rows = array(&run.json()).clone();
        let got: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
        assert_eq!(&got, ids, "{user}");
        for row in rows {
            // Scripts read a flag and no name (as for an erased identity); the table says it.
            let unopened = row["identity_unopened"] == true && row["reporter_name"].is_null();
            assert_eq!(
                unopened,
                [4, 5].contains(&row["id"].as_i64().unwrap()),
                "{user}: {row:#}"
            );
        }
    }
    env.run_as(RECEPTION, &["list", "--limit", "400"])
        .code(5)
        .stdout_has("không mở được danh tính")
        .stderr_has("không mở được danh tính của các phản ánh 4, 5");
}

/// Reports 4's and 5's own keys swapped with `sqlite3`: each row still as the log sealed it
/// (the seal does not cover the wrapped key, which `key rotate` re-wraps), and neither key
/// opens the other's identity.
fn own_keys_swapped(env: &TestEnv) {
    let (four, five) = (env.sealed_identity(4), env.sealed_identity(5));
    env.put_identity_back(4, &(four.0.clone(), five.1.clone()));
    env.put_identity_back(5, &(five.0, four.1));
}

/// The staff export read every report's identity, and one that did not open stopped it for
/// everyone, exit 1, nothing exported. It now gives those two without their reporter (an
/// empty name and phone, `identity_unopened`), every other report with its own, names them
/// and exits 5; neither swapped identity is given.
#[test]
fn identity_keys_swapped_with_sqlite3_stop_no_full_export() {
    let env = both_assigned_to_sxd();
    own_keys_swapped(&env);
    let run = env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "export",
            "csv",
            "--reason",
            "đối chiếu số liệu",
        ],
    );
    run.code(5)
        .stderr_has("does not open the identity of reports 4, 5")
        .stderr_has("The export gave them without the reporter")
        .stderr_has("audit verify");
    // The same reporters sent other reports, exported with their names: only stderr is
    // free of them.
    for secret in SECRETS {
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
    }
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let heads = reader.headers().unwrap().clone();
    let column = |name: &str| heads.iter().position(|h| h == name).unwrap();
    let (id, name, phone, unopened) = (
        column("id"),
        column("reporter_name"),
        column("reporter_phone"),
        column("identity_unopened"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), EXAMPLE_REPORTS, "{}", run.said());
    for row in &rows {
        let swapped = ["4", "5"].contains(&&row[id]);
        assert_eq!(&row[unopened] == "true", swapped, "{row:?}");
        if swapped {
            assert_eq!((&row[name], &row[phone]), ("", ""), "{row:?}");
        }
    }
    assert!(rows.iter().filter(|r| !r[name].is_empty()).count() > 300);
}

/// The app ids a public view printed, in its order: `export open311` (JSON with `format`
/// "json", its XML with "xml") or `export csv --public` ("csv").
fn public_ids(format: &str, out: &str) -> Vec<String> {
    match format {
        "json" => serde_json::from_str::<serde_json::Value>(out)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["service_request_id"].as_str().unwrap().to_owned())
            .collect(),
        "xml" => out
            .split("<service_request_id>")
            .skip(1)
            .map(|rest| rest.split('<').next().unwrap().to_owned())
            .collect(),
        _ => {
            let mut reader = csv::Reader::from_reader(out.as_bytes());
            let id = reader
                .headers()
                .unwrap()
                .iter()
                .position(|h| h == "service_request_id")
                .unwrap();
            reader
                .records()
                .map(|r| r.unwrap()[id].to_owned())
                .collect()
        }
    }
}

/// The three public views, as a leader (any account may take them) reads them in English.
const PUBLIC_VIEWS: [(&str, &[&str]); 3] = [
    ("json", &["--lang", "en", "export", "open311"]),
    (
        "xml",
        &["--lang", "en", "--format", "xml", "export", "open311"],
    ),
    ("csv", &["--lang", "en", "export", "csv", "--public"]),
];

/// The public views hide each reporter's name in the public texts, which only the key
/// opens, and one report whose identity did not open (its own key swapped with another
/// report's, or replaced by one wrapped under another key, with `sqlite3`) stopped every
/// public view, exit 1, nothing published. They now leave those reports out (a text whose
/// redaction cannot be checked is never published), publish the others, and name them with
/// the way on, exit 5; nobody's identity is printed.
#[test]
fn an_identity_that_does_not_open_leaves_its_report_out_of_the_public_views() {
    let env = both_assigned_to_sxd();
    let before: Vec<(&str, Vec<String>)> = PUBLIC_VIEWS
        .iter()
        .map(|(format, args)| {
            let run = env.run_as(LEADER, args);
            run.success();
            (*format, public_ids(format, &run.stdout))
        })
        .collect();
    let (four, five) = ("CMG-2026-000104", "CMG-2026-000105");
    // Report 6's own key wrapped under another key: that of a copy of this database
    // rotated to a new one.
    let other = TestEnv::validated();
    other.run_as(ADMIN, &["key", "rotate"]).success();
    let six = other.sealed_identity(6);
    let six_id: Vec<String> = env.column("SELECT external_id FROM reports WHERE id = 6");
    own_keys_swapped(&env);
    env.put_identity_back(6, &(env.sealed_identity(6).0, six.1));
    for ((format, args), (_, ids)) in PUBLIC_VIEWS.iter().zip(&before) {
        for id in [four, five, &six_id[0]] {
            assert!(ids.iter().any(|i| i == id), "{format}: {id} in {ids:?}");
        }
        let run = env.run_as(LEADER, args);
        run.code(5)
            .stderr_has("does not open the identity of reports 4, 5, 6")
            .stderr_has("The public export left them out")
            .stderr_has("their public texts then hide names by their shape only")
            .stderr_has("audit verify");
        assert_no_secret(&run);
        let expected: Vec<&String> = ids
            .iter()
            .filter(|id| ![four, five, &six_id[0]].contains(&id.as_str()))
            .collect();
        let got = public_ids(format, &run.stdout);
        assert_eq!(got.iter().collect::<Vec<_>>(), expected, "{format}");
    }
    env.run_as(LEADER, &["export", "open311"])
        .code(5)
        .stderr_has("Bản xuất công khai đã bỏ chúng ra");
}

/// A report's public texts hide the names of the reporters merged into it too: one whose
/// merged report's identity does not open (its own key replaced with `sqlite3`) cannot be
/// checked, and stopped every public view, exit 1. It is now left out and named with the
/// merged report, exit 5; the others are published.
#[test]
fn a_merged_identity_that_does_not_open_leaves_out_the_report_it_was_merged_into() {
    let env = TestEnv::validated();
    let ids: Vec<(i64, String)> = env
        .read_only()
        .prepare("SELECT id, external_id FROM reports WHERE status = 'accepted' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let ((host, host_id), (merged, _), (third, _)) = (&ids[0], &ids[1], &ids[2]);
    env.run_as(
        RECEPTION,
        &["duplicate", &merged.to_string(), "--of", &host.to_string()],
    )
    .success();
    let listed = |run: &Run, format: &str| public_ids(format, &run.stdout);
    for (format, args) in PUBLIC_VIEWS {
        let run = env.run_as(LEADER, args);
        run.success();
        assert!(listed(&run, format).contains(host_id), "{format}");
    }
    let theirs = env.sealed_identity(*third).1;
    env.put_identity_back(*merged, &(env.sealed_identity(*merged).0, theirs));
    for (format, args) in PUBLIC_VIEWS {
        let run = env.run_as(LEADER, args);
        run.code(5)
            .stderr_has(&format!("the public export left out report {host}"))
            .stderr_has(&format!(
                "does not open the identity of report {merged}, merged into it"
            ))
            .stderr_has("audit verify");
        let got = listed(&run, format);
        assert!(!got.contains(host_id), "{format}: {got:?}");
        assert!(got.len() > 250, "{format}: {}", got.len());
    }
}

/// Identities sealed under another key in the staff export. Report 4's own key wrapped
/// under another database's key leaves its row as the log sealed it: it is given without
/// its reporter, `identity_unopened` true, as an own key swapped between reports is. Report
/// 5 given another database's whole blob (sealed identity and own key) is a row edited
/// outside phananh, which no export hands on, whatever column was edited (the seal is a
/// digest of the whole row, so nothing else of it can be vouched for): it is left out and
/// named so, as any edited row is. Neither identity is given, exit 5.
#[test]
fn identities_sealed_under_another_key_in_the_full_export() {
    let env = both_assigned_to_sxd();
    let other = TestEnv::validated();
    other.run_as(ADMIN, &["key", "rotate"]).success();
    env.put_identity_back(4, &(env.sealed_identity(4).0, other.sealed_identity(4).1));
    env.put_identity_back(5, &other.sealed_identity(6));
    let run = env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "export",
            "csv",
            "--reason",
            "đối chiếu số liệu",
        ],
    );
    run.code(5)
        .stderr_has("does not open the identity of report 4")
        .stderr_has("The export gave it without the reporter")
        .stderr_has("report 5 was changed outside phananh")
        .stderr_has("It was left out of the export")
        .stderr_has("audit verify");
    for secret in SECRETS {
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
    }
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let heads = reader.headers().unwrap().clone();
    let column = |name: &str| heads.iter().position(|h| h == name).unwrap();
    let (id, name, phone, unopened) = (
        column("id"),
        column("reporter_name"),
        column("reporter_phone"),
        column("identity_unopened"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), EXAMPLE_REPORTS - 1, "{}", run.said());
    assert!(!rows.iter().any(|r| &r[id] == "5"));
    for row in &rows {
        assert_eq!(&row[unopened] == "true", &row[id] == "4", "{row:?}");
    }
    let four = rows.iter().find(|r| &r[id] == "4").unwrap();
    assert_eq!((&four[name], &four[phone]), ("", ""), "{four:?}");
}

/// `show` of a report whose sealed identity was swapped with another report's (or whose
/// own key was) refused the whole report, exit 1: the desk could not read what the citizen
/// reported. It now shows everything but the reporter (the table says why, JSON gives
/// `identity_unopened` and no name), names the report and exits 5; a reveal still shows
/// nothing, and no one's identity is printed.
#[test]
fn show_of_a_report_whose_identity_was_swapped_shows_all_but_the_reporter() {
    for whole in [true, false] {
        let env = both_assigned_to_sxd();
        let content: String =
            env.column::<String>("SELECT content FROM reports WHERE id = 4")[0].clone();
        let excerpt: String = content.chars().take(30).collect();
        if whole {
            let (four, five) = (env.sealed_identity(4), env.sealed_identity(5));
            env.put_identity_back(4, &five);
            env.put_identity_back(5, &four);
        } else {
            own_keys_swapped(&env);
        }
        for user in [ADMIN, RECEPTION, HANDLER_SXD, LEADER] {
            let run = env.run_as(user, &["--lang", "en", "show", "4"]);
            run.code(5)
                .stdout_has(&excerpt)
                .stdout_has("identity cannot be opened (edited outside phananh)")
                .stderr_has("does not open the identity of report 4")
                .stderr_has("The report was shown without the reporter")
                .stderr_has("audit verify");
            assert_no_secret(&run);
            let run = env.run_as(user, &["show", "4", "--format", "json"]);
            run.code(5);
            assert_no_secret(&run);
            let view = run.json();
            assert_eq!(view["identity_unopened"], true, "{user}: {view:#}");
            assert!(view["reporter_name"].is_null() && view["reporter_phone"].is_null());
        }
        refused_or_integrity(env.run_as(
            ADMIN,
            &["show", "4", "--reveal", "--reason", "đối chiếu đơn thư"],
        ));
        let view = env.json_as(RECEPTION, &["show", "3"]);
        assert_eq!(view["identity_unopened"], false, "{view:#}");
    }
}

/// A refusal (exit 1 or 5) that prints no identity.
#[track_caller]
fn refused_or_integrity(run: Run) {
    assert!(matches!(run.code, Some(1 | 5)), "{}", run.said());
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_no_secret(&run);
}

/// The desk (`triage`) opened the identity of the next report, and one whose own key was
/// swapped with another's with `sqlite3` stopped it for every operator, exit 1. The desk now
/// leaves those reports out (an empty name would pre-tick "no name"), goes on with the
/// others, and names them when it closes, exit 5, printing no one's identity.
#[test]
fn identities_swapped_with_sqlite3_stop_no_desk() {
    let env = TestEnv::validated();
    let queued: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status IN ('received', 'accepted', 'returned')
          ORDER BY urgent DESC, submitted_at, id",
    );
    let (a, b) = (queued[0], queued[1]);
    let people = env.identities();
    let (first, second) = (env.sealed_identity(a), env.sealed_identity(b));
    env.put_identity_back(a, &(first.0, second.1.clone()));
    env.put_identity_back(b, &(second.0, first.1));
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "--lang", "en", "triage"]);
    let mut desk = crate::terminal::Terminal::spawn(cmd, std::time::Duration::from_secs(30));
    desk.expect("Report").unwrap();
    desk.wait_for_key_reading().unwrap();
    desk.send("\x1b").unwrap();
    let shown = desk.expect_eof().unwrap();
    assert_eq!(desk.status().code(), Some(5), "{shown}");
    let words: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("does not open the identity of") && words.contains("The queue left"),
        "{words}"
    );
    for (id, name, phone) in people.iter().filter(|(id, ..)| [a, b].contains(id)) {
        assert!(
            !shown.contains(name.as_str()) && !shown.contains(phone.as_str()),
            "{id}"
        );
    }
}

/// As above, with identities sealed under another key rather than swapped between two
/// reports: the next report's own key replaced by its own key wrapped under another
/// database's key (the row still as the log sealed it), and the one after given another
/// database's report's whole blob (the row edited). The desk leaves both out, works on and
/// names them when it closes, exit 5, printing no one's identity.
#[test]
fn identities_sealed_under_another_key_stop_no_desk() {
    let env = TestEnv::validated();
    let queued: Vec<i64> = env.column(
        "SELECT id FROM reports WHERE status IN ('received', 'accepted', 'returned')
          ORDER BY urgent DESC, submitted_at, id",
    );
    let (a, b, c) = (queued[0], queued[1], queued[2]);
    let people = env.identities();
    // The same database rotated to a new key: its blobs are sealed under another key.
    let other = TestEnv::validated();
    other.run_as(ADMIN, &["key", "rotate"]).success();
    env.put_identity_back(a, &(env.sealed_identity(a).0, other.sealed_identity(a).1));
    env.put_identity_back(b, &other.sealed_identity(c));
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "--lang", "en", "triage"]);
    let mut desk = crate::terminal::Terminal::spawn(cmd, std::time::Duration::from_secs(30));
    desk.expect("Report").unwrap();
    desk.wait_for_key_reading().unwrap();
    desk.send("\x1b").unwrap();
    let shown = desk.expect_eof().unwrap();
    assert_eq!(desk.status().code(), Some(5), "{shown}");
    let words: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("does not open the identity of report {a}"))
            && words.contains(&format!("does not open the identity of report {b}"))
            && words.contains("The queue left"),
        "{words}"
    );
    for (id, name, phone) in people.iter().filter(|(id, ..)| [a, b, c].contains(id)) {
        assert!(
            !shown.contains(name.as_str()) && !shown.contains(phone.as_str()),
            "{id}"
        );
    }
}

/// A lookup by phone (`list --phone`, `export subject`) opened every identity to compare
/// it, and one whose own key was swapped with `sqlite3` stopped every request, exit 1. It now compares
/// the others, names those it could not open, exits 5, and prints no one's identity.
#[test]
fn identity_keys_swapped_with_sqlite3_stop_no_lookup_by_phone() {
    let env = both_assigned_to_sxd();
    let before = env.json_as(
        ADMIN,
        &[
            "list",
            "--phone",
            NOT_CONSENTING_PHONE,
            "--reason",
            "đơn yêu cầu của công dân",
        ],
    );
    let before: Vec<i64> = array(&before)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(before.contains(&4), "{before:?}");
    own_keys_swapped(&env);
    let run = env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "list",
            "--format",
            "json",
            "--phone",
            NOT_CONSENTING_PHONE,
            "--reason",
            "đơn yêu cầu của công dân",
        ],
    );
    run.code(5)
        .stderr_has("does not open the identity of reports 4, 5")
        .stderr_has("could not be told")
        .stderr_has("audit verify");
    assert_no_secret(&run);
    let got: Vec<i64> = array(&run.json())
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    let expected: Vec<i64> = before
        .into_iter()
        .filter(|id| ![4, 5].contains(id))
        .collect();
    assert_eq!(got, expected);
    // The lookup's record, which answers the citizen's request, says which reports it could
    // not search: it listed only those found, as if every other had been.
    let logged = |lookup: &str| -> serde_json::Value {
        let payload: Vec<String> = env.column(&format!(
            "SELECT payload FROM events WHERE action = 'reveal'
              AND json_extract(payload, '$.lookup') = '{lookup}' ORDER BY id DESC LIMIT 1"
        ));
        serde_json::from_str(&payload[0]).unwrap()
    };
    let lookup = logged("phone");
    assert_eq!(
        lookup["reports_unopened"],
        serde_json::json!([4, 5]),
        "{lookup}"
    );
    assert_eq!(lookup["reports"], serde_json::json!(expected), "{lookup}");
    // The answer handed to the citizen, the same way.
    let run = env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "export",
            "subject",
            "--phone",
            NOT_CONSENTING_PHONE,
            "--reason",
            "đơn yêu cầu của công dân",
        ],
    );
    run.code(5)
        .stderr_has("does not open the identity of reports 4, 5")
        .stderr_has("could not be told");
    // The requester's own reports hold their name; stderr holds no one's.
    for secret in SECRETS {
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
    }
    assert!(!run.stdout.contains("CMG-2026-000104") && !run.stdout.contains("CMG-2026-000105"));
    let request = logged("subject");
    assert_eq!(
        request["reports_unopened"],
        serde_json::json!([4, 5]),
        "{request}"
    );
}

/// Issue 17 (1), the oracle of a handler's own words: without the reporter's consent, the
/// SXD handler replied to reports 4 and 8 and returned reports 16 and 9 with the same text,
/// naming Huỳnh Thị Kim Trinh (4's reporter), Nguyễn Thị Mỹ Xuân (16's) and Lý Hồng Vy
/// (the reporter of 17, merged into 4). Read back, the text read `[đã ẩn]` where the guess
/// was right and as typed where it was wrong: `show`, its JSON and `audit log` confirmed a
/// guessed identity, one step at a time (Đ6.5). What an account typed is now shown to it
/// as the log keeps it (docs/rules.md §7), the same whoever the names are; another
/// account without the identity right (a colleague of the same agency, a leader) still
/// reads the reporter hidden.
#[test]
fn a_handler_reading_back_a_name_they_typed_cannot_tell_whether_it_is_the_reporters() {
    let env = TestEnv::validated();
    // None of them consented (`the_examples_really_hold_these_reporters` guards 4).
    for id in ["4", "8", "9", "16"] {
        assert_eq!(
            env.count(&format!("SELECT consent FROM reports WHERE id = {id}")),
            0
        );
        env.run_as(RECEPTION, &["classify", id, "--field", "XD"])
            .success();
        env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
            .success();
    }
    let people = env.identities();
    let name_of = |id: i64| people.iter().find(|(i, _, _)| *i == id).unwrap().1.clone();
    assert_eq!(name_of(4), NOT_CONSENTING_NAME);
    let (returned_right, merged) = (name_of(16), name_of(17));
    assert_eq!(
        (returned_right.as_str(), merged.as_str()),
        ("Nguyễn Thị Mỹ Xuân", "Lý Hồng Vy")
    );
    env.run_as(RECEPTION, &["duplicate", "17", "--of", "4", "--yes"])
        .success();
    let reply = format!(
        "Đã liên hệ {NOT_CONSENTING_NAME} và {merged} (báo trùng), số {NOT_CONSENTING_PHONE}: đã vá đường."
    );
    let reason = format!("Không thuộc thẩm quyền, đã báo {returned_right}.");
    // The guess right on the first of each pair, wrong on the second.
    for id in ["4", "8"] {
        env.run_as(HANDLER_SXD, &["reply", id, "--text", &reply])
            .success();
    }
    for id in ["16", "9"] {
        env.run_as(HANDLER_SXD, &["return", id, "--reason", &reason])
            .success();
    }
    let read = |id: &str, field: &str| env.json_as(HANDLER_SXD, &["show", id])[field].clone();
    assert_eq!(read("4", "result"), read("8", "result"));
    assert_eq!(read("8", "result"), reply.as_str());
    assert_eq!(
        read("16", "last_return_reason"),
        read("9", "last_return_reason")
    );
    assert_eq!(read("9", "last_return_reason"), reason.as_str());
    for (id, typed) in [
        ("4", &reply),
        ("8", &reply),
        ("16", &reason),
        ("9", &reason),
    ] {
        env.at_columns(400, &["--as", HANDLER_SXD, "show", id])
            .success()
            .stdout_has(typed);
        // The log of one's own step: the same payload, and the same seal shown or not.
        let log = env.json_as(HANDLER_SXD, &["audit", "log", id]);
        let own = log.as_array().unwrap().last().unwrap().clone();
        assert_eq!(own["actor"], HANDLER_SXD, "{own}");
        let kept: serde_json::Value =
            serde_json::from_str(own["payload"].as_str().unwrap()).unwrap();
        let field = if own["action"] == "reply" {
            "text"
        } else {
            "reason"
        };
        assert_eq!(kept[field], typed.as_str(), "{own}");
        assert!(own["hash"].is_string(), "{own}");
    }
    // Another account without the right reads what this one typed with the reporter hidden.
    for reader in ["xuly.sxd.ngoc", LEADER] {
        for args in [
            &["show", "4"][..],
            &["show", "4", "--format", "json"],
            &["audit", "log", "4", "--format", "json"],
            &["show", "16", "--format", "json"],
            &["audit", "log", "16", "--format", "json"],
        ] {
            let run = env.at_columns(400, &[&["--as", reader][..], args].concat());
            run.success()
                .stdout_has("[đã ẩn]")
                .never_shows(NOT_CONSENTING_NAME)
                .never_shows(&merged)
                .never_shows(&returned_right)
                .never_shows(NOT_CONSENTING_PHONE);
        }
    }
}

/// A leader may never see a reporter's identity, but the texts shown to one hid the
/// reporter's name where it stood: an insider who rewrote a report's content with
/// `sqlite3` into a list of candidate names read every name but the reporter's, then put
/// the content back, and `audit verify` and `audit reveals` had nothing to say (307 of 340
/// reporters named by one `list`). A row the log does not vouch for has its names hidden
/// by their shape alone, whoever they are: none of the candidates is shown, in `show` or
/// `list`, and the run still says the row was edited (exit 5).
#[test]
fn a_content_rewritten_into_candidate_names_does_not_tell_a_leader_which_is_the_reporter() {
    let env = TestEnv::validated();
    let (reporter, _) = env.identity(2);
    let candidates = [
        "Trần Văn Hải",
        reporter.as_str(),
        "Lê Thị Hồng Nhung",
        "Phạm Quốc Bảo",
    ];
    let list = candidates.join("; ");
    let before = env.column::<String>("SELECT content FROM reports WHERE id = 2")[0].clone();
    env.writable()
        .execute("UPDATE reports SET content = ?1 WHERE id = 2", [&list])
        .unwrap();
    let shown = env.run_as(LEADER, &["--format", "json", "show", "2"]);
    shown.code(5);
    let listed = env.run_as(LEADER, &["--format", "json", "list"]);
    listed.code(5);
    for run in [&shown, &listed] {
        for name in candidates {
            run.never_shows(name);
        }
    }
    let content =
        serde_json::from_str::<serde_json::Value>(&shown.stdout).unwrap()["content"].clone();
    assert_eq!(content, "[đã ẩn]; [đã ẩn]; [đã ẩn]; [đã ẩn]", "{shown}");
    // The content put back: the log's row, its reporter hidden as before.
    env.writable()
        .execute("UPDATE reports SET content = ?1 WHERE id = 2", [&before])
        .unwrap();
    env.run_as(LEADER, &["show", "2"])
        .success()
        .never_shows(&reporter);
}

/// A reply listing candidate names, published, showed the public every name but the
/// reporter's, and a leader reading the report the same: a handler without the reporter's
/// consent learned which of five it was (SECURITY.md had it "one guess per published
/// reply"). Reception did the same without a reveal: a report of its own listing
/// candidates, the target merged into it, showed the feed every candidate but the merged
/// reporter. A text that hides the reporter's name among others now hides every name by
/// its shape: the reader learns that the reporter is named, not which name it is.
#[test]
fn a_list_of_candidate_names_does_not_single_out_the_reporter() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "4", "--field", "XD"])
        .success();
    env.run_as(RECEPTION, &["assign", "4", "--agency", "SXD"])
        .success();
    let others = ["Trần Văn Hải", "Lê Thị Hồng Nhung", "Phạm Quốc Bảo"];
    let reply = format!(
        "Đã liên hệ các hộ {}, {NOT_CONSENTING_NAME}, {}, {}. Đã vá xong mặt đường.",
        others[0], others[1], others[2]
    );
    env.run_as(HANDLER_SXD, &["reply", "4", "--text", &reply])
        .success();
    env.run_as(RECEPTION, &["verify", "4", "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", "4"]).success();
    let ext = env.show("4")["external_id"].as_str().unwrap().to_owned();
    let feed = env.run_as(AUDITOR, &["export", "open311", "--id", &ext]);
    feed.success().stdout_has("Đã vá xong mặt đường");
    let leader = env.run_as(LEADER, &["--format", "json", "show", "4"]);
    leader.success().stdout_has("Đã vá xong mặt đường");
    for run in [&feed, &leader] {
        for name in others.iter().chain([&NOT_CONSENTING_NAME]) {
            run.never_shows(name);
        }
    }

    // Reception's way: the target (5) merged into a report listing candidates.
    let record = serde_json::json!({
        "external_id": "CMG-2026-900201",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": format!(
            "Biển báo đầu cầu bị ngã. Đề nghị báo các hộ {}, {CONSENTING_NAME}, {}.",
            others[0], others[2]
        ),
        "media": ["https://example.vn/anh/bien.jpg"],
        "address": "Đầu cầu Phường 5",
        "reporter_name": "Đỗ Văn Tư",
        "reporter_phone": "0912000111",
    });
    let (_, new) = env.ingest_validated("bien.jsonl", &record);
    env.run_as(
        RECEPTION,
        &["duplicate", CONSENTING, "--of", &new.to_string(), "--yes"],
    )
    .success();
    let feed = env.run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-900201"]);
    feed.success().stdout_has("Biển báo đầu cầu bị ngã");
    for name in [others[0], CONSENTING_NAME, others[2]] {
        feed.never_shows(name);
    }
}
