//! Who may do what (SPEC §2 roles; Đ13, Đ16): handlers act only on their own agency's
//! reports, leaders and auditors only read, every refusal is one `refused` event and
//! nothing else, and the acting account must be named and known.

use serde_json::Value;

use crate::common::*;

/// A validated database where CMG-2026-000105 (id 5) is assigned to SXD.
fn assigned_to_sxd() -> TestEnv {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    env
}

#[test]
fn a_handler_of_another_agency_cannot_reply_return_or_see_a_report() {
    let env = assigned_to_sxd();
    let attempts: [&[&str]; 5] = [
        &["reply", "5", "--text", "Điện lực trả lời thay"],
        &["return", "5", "--reason", "Không phải của chúng tôi"],
        &["show", "5"],
        &["show", "ext:CMG-2026-000105", "--format", "json"],
        &["audit", "log", "5"],
    ];
    for args in attempts {
        let before = env.fingerprint();
        let run = env.run_as(HANDLER_PCCM, args);
        run.failure().one_line_error();
        assert!(
            run.stdout.trim().is_empty(),
            "nothing of the report is shown\n{run}"
        );
        let event = env.assert_only_refusal(&before, HANDLER_PCCM);
        assert_eq!(event["report_id"], "5", "{event:#?}");
    }
    let shown = env.show("5");
    assert_eq!(shown["status"], "assigned");
    assert_eq!(shown["agency"], "SXD");
    // The right agency may.
    env.run_as(HANDLER_SXD, &["show", "5"]).success();
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá đường."])
        .success();
}

#[test]
fn a_commune_handler_acts_on_its_own_commune_only() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "32002"])
        .success();
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["return", "5", "--reason", "x"])
        .failure();
    env.assert_only_refusal(&before, HANDLER_SXD);
    env.run_as(
        HANDLER_COMMUNE,
        &["return", "5", "--reason", "Thuộc thẩm quyền Sở Xây dựng"],
    )
    .success();
    assert_eq!(env.status_of("5"), "returned");
}

#[test]
fn a_handler_cannot_see_a_report_not_yet_assigned() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["show", "5"])
        .failure()
        .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);
}

#[test]
fn leaders_and_auditors_read_but_cannot_assign() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    for user in [LEADER, AUDITOR] {
        env.run_as(user, &["show", "5"]).success();
        env.run_as(user, &["list", "--limit", "3"]).success();
        let before = env.fingerprint();
        env.run_as(user, &["assign", "5", "--agency", "SXD"])
            .failure()
            .one_line_error();
        let event = env.assert_only_refusal(&before, user);
        assert!(event["payload"].contains("assign"), "{event:#?}");
    }
    assert_eq!(env.status_of("5"), "accepted");
}

#[test]
fn reception_cannot_reply_for_an_agency_and_handlers_cannot_dispatch() {
    let env = assigned_to_sxd();
    let cases: [(&str, &[&str]); 4] = [
        (RECEPTION, &["reply", "5", "--text", "Trả lời thay"]),
        (LEADER, &["return", "5", "--reason", "x"]),
        (HANDLER_SXD, &["assign", "5", "--agency", "PCCM"]),
        (HANDLER_SXD, &["publish", "5"]),
    ];
    for (user, args) in cases {
        let before = env.fingerprint();
        env.run_as(user, args).failure().one_line_error();
        env.assert_only_refusal(&before, user);
    }
    assert_eq!(env.status_of("5"), "assigned");
}

#[test]
fn keyword_suggestions_span_every_agency_so_only_reception_sees_them() {
    let env = TestEnv::validated();
    for user in [HANDLER_SXD, LEADER, AUDITOR] {
        let before = env.fingerprint();
        let run = env.run_as(user, &["classify", "--suggest", "--format", "csv"]);
        run.failure().one_line_error();
        assert!(run.stdout.is_empty(), "{run}");
        env.assert_only_refusal(&before, user);
    }
    env.run_as(RECEPTION, &["classify", "--suggest"]).success();
}

#[test]
fn a_handler_lists_only_their_agencys_reports() {
    let env = TestEnv::validated();
    let plan = [
        ("ext:CMG-2026-000105", "SXD"),
        ("ext:CMG-2026-000107", "SXD"),
        ("ext:CMG-2026-000110", "PCCM"),
        ("ext:CMG-2026-000111", "32002"),
    ];
    for (id, agency) in plan {
        env.run_as(RECEPTION, &["classify", id, "--field", "KHAC"])
            .success();
        env.run_as(RECEPTION, &["assign", id, "--agency", agency])
            .success();
    }
    let external_ids = |user: &str| -> Vec<String> {
        let listed = env
            .run_as(user, &["list", "--format", "json"])
            .success()
            .json();
        let mut ids: Vec<String> = array(&listed)
            .iter()
            .map(|r| r["external_id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        external_ids(HANDLER_SXD),
        ["CMG-2026-000105", "CMG-2026-000107"]
    );
    assert_eq!(external_ids(HANDLER_PCCM), ["CMG-2026-000110"]);
    assert_eq!(external_ids(HANDLER_COMMUNE), ["CMG-2026-000111"]);
    assert_eq!(external_ids(RECEPTION).len(), EXAMPLE_REPORTS);
    // Asking for another agency's list is refused and logged.
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["list", "--agency", "PCCM"])
        .failure()
        .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);
    // The own agency named explicitly is fine.
    let listed = env
        .run_as(
            HANDLER_SXD,
            &["list", "--agency", "SXD", "--format", "json"],
        )
        .success()
        .json();
    assert_eq!(array(&listed).len(), 2);
}

#[test]
fn an_unknown_acting_account_is_refused_and_logged() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    env.run_as("khong.ai", &["list"])
        .failure()
        .one_line_error()
        .stderr_has("khong.ai")
        .stderr_has("phananh staff list");
    env.assert_only_refusal(&before, "khong.ai");
    let before = env.fingerprint();
    env.run_env_user("khong.ai", &["assign", "5", "--agency", "SXD"])
        .failure()
        .stderr_has("khong.ai");
    env.assert_only_refusal(&before, "khong.ai");
}

#[test]
fn without_an_acting_account_the_message_says_to_use_as_or_phananh_user() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    for args in [
        &["list"][..],
        &["show", "5"],
        &["assign", "5", "--agency", "SXD"],
        &["field", "add", "X", "--name", "Y"],
        &["audit", "verify"],
    ] {
        env.run(args)
            .failure()
            .one_line_error()
            .stderr_has("--as")
            .stderr_has("PHANANH_USER");
    }
    env.assert_unchanged(&before);
}

#[test]
fn phananh_user_names_the_account_and_as_wins_over_it() {
    let env = TestEnv::validated();
    env.run_env_user(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    let mut cmd = env.command();
    cmd.env("PHANANH_USER", LEADER)
        .args(["--as", RECEPTION, "assign", "5", "--agency", "SXD"]);
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shown: Value = env.show("5");
    let events = array(&shown["events"]);
    let last = events.last().unwrap();
    assert_eq!(last["action"], "assign");
    assert_eq!(last["actor"], RECEPTION);
    assert_eq!(
        events[events.len() - 2]["actor"],
        RECEPTION,
        "PHANANH_USER acted"
    );
}
