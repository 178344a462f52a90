//! Who may do what (docs/rules.md §2 roles; Đ13, Đ16): handlers act only on their own agency's
//! reports, leaders and auditors only read, every refusal is one `refused` event and
//! nothing else, and the acting account must be named and known.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::*;

#[test]
fn a_handler_of_another_agency_cannot_reply_return_or_see_a_report() {
    let env = TestEnv::assigned_to_sxd();
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
    let env = TestEnv::assigned_to_sxd();
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

/// A handler's `list --agency OTHER` was refused with the single-report
/// text ("this report is not assigned to your agency") though no report was named. The
/// refusal speaks of the list and of the filter to drop, with `--due` and JSON alike.
#[test]
fn a_handler_listing_another_agency_is_told_about_the_filter() {
    let env = TestEnv::validated();
    let asks: [&[&str]; 3] = [
        &["list", "--agency", "sxd"],
        &["list", "--due", "today", "--agency", "SXD"],
        &["list", "--agency", "SXD", "--format", "json"],
    ];
    for args in asks {
        env.run_as(HANDLER_PCCM, args)
            .failure()
            .one_line_error()
            .stderr_has("Cán bộ xử lý chỉ xem được phản ánh giao cho PCCM; bỏ `--agency SXD` (hoặc dùng `--agency PCCM`).")
            .never_shows("Phản ánh này");
        let english = in_english(args);
        env.run_as(HANDLER_PCCM, &english)
            .failure()
            .one_line_error()
            .stderr_has("a handler sees only the reports assigned to PCCM; drop `--agency SXD` (or use `--agency PCCM`)")
            .never_shows("this report");
    }
    let refusals = env
        .count("SELECT COUNT(*) FROM events WHERE action = 'refused' AND actor = 'xuly.pccm.tai'");
    // Each refusal is logged, in either language.
    assert_eq!(refusals, 6);
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

/// A database with one report at each step a command needs, built once: `acc` accepted and
/// classified, `asg` assigned to SXD (its reporter consented), `rep` replied by SXD, `ver`
/// verified, `pub` published. Returns the file's bytes and the reports' numbers.
fn staged() -> &'static (Vec<u8>, BTreeMap<&'static str, String>) {
    static STAGED: std::sync::OnceLock<(Vec<u8>, BTreeMap<&'static str, String>)> =
        std::sync::OnceLock::new();
    STAGED.get_or_init(|| {
        let env = TestEnv::validated();
        let ids: Vec<i64> = env.column(
            "SELECT id FROM reports WHERE status = 'accepted' AND consent = 1 ORDER BY id LIMIT 5",
        );
        let id = |i: usize| ids[i].to_string();
        for i in 0..5 {
            env.run_as(RECEPTION, &["classify", &id(i), "--field", "XD"])
                .success();
        }
        for i in 1..5 {
            env.run_as(RECEPTION, &["assign", &id(i), "--agency", "SXD"])
                .success();
        }
        for i in 2..5 {
            env.run_as(HANDLER_SXD, &["reply", &id(i), "--text", "Đã xử lý."])
                .success();
        }
        for i in 3..5 {
            env.run_as(RECEPTION, &["verify", &id(i), "--approve"])
                .success();
        }
        env.run_as(RECEPTION, &["publish", &id(4)]).success();
        env.writable()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        let names = BTreeMap::from([
            ("acc", id(0)),
            ("asg", id(1)),
            ("rep", id(2)),
            ("ver", id(3)),
            ("pub", id(4)),
        ]);
        (std::fs::read(env.db()).unwrap(), names)
    })
}

/// The fingerprint of `staged()`'s database: the "before" of every case that starts from a
/// fresh copy of it, taken once rather than once a case.
fn staged_fingerprint() -> &'static Fingerprint {
    static BEFORE: std::sync::OnceLock<Fingerprint> = std::sync::OnceLock::new();
    BEFORE.get_or_init(|| TestEnv::from_bytes(&staged().0[..]).fingerprint())
}

#[test]
fn every_command_for_every_role_as_spec_section_2_says() {
    let (bytes, r) = staged();
    let calendar_file = |env: &TestEnv| {
        let path = env.dir().join("days.csv");
        std::fs::write(
            &path,
            "date,type,occasion,source\n2027-02-12,off,Tết,VPCP\n",
        )
        .unwrap();
        path.display().to_string()
    };
    let reports_file = |env: &TestEnv| {
        std::fs::copy(example("reports-sample.jsonl"), env.dir().join("in.jsonl")).unwrap();
        "in.jsonl".to_owned()
    };
    // Who may: a = admin, r = reception, h = the SXD handler (own agency), o = the PCCM
    // handler (another agency), l = leader, u = auditor.
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "a",
            vec![
                "field".into(),
                "add".into(),
                "XX".into(),
                "--name".into(),
                "Thử".into(),
            ],
        ),
        (
            "a",
            vec![
                "agency".into(),
                "add".into(),
                "X1".into(),
                "--name".into(),
                "Thử".into(),
                "--level".into(),
                "province".into(),
            ],
        ),
        (
            "a",
            vec![
                "staff".into(),
                "add".into(),
                "u1".into(),
                "--name".into(),
                "Thử".into(),
                "--role".into(),
                "leader".into(),
            ],
        ),
        (
            "a",
            vec!["staff".into(), "disable".into(), "noivu.kiet".into()],
        ),
        (
            "a",
            vec!["staff".into(), "enable".into(), "noivu.kiet".into()],
        ),
        ("arholu", vec!["field".into(), "list".into()]),
        ("arholu", vec!["agency".into(), "list".into()]),
        ("ar", vec!["ingest".into(), "FILE:reports".into()]),
        ("ar", vec!["validate".into()]),
        (
            "ar",
            vec![
                "classify".into(),
                r["acc"].clone(),
                "--field".into(),
                "GT".into(),
            ],
        ),
        ("ar", vec!["classify".into(), "--suggest".into()]),
        (
            "ar",
            vec![
                "assign".into(),
                r["acc"].clone(),
                "--agency".into(),
                "SXD".into(),
            ],
        ),
        (
            "ar",
            vec![
                "answer".into(),
                r["acc"].clone(),
                "--text".into(),
                "Đã hướng dẫn.".into(),
            ],
        ),
        (
            "ar",
            vec!["mark".into(), r["asg"].clone(), "--state-secret".into()],
        ),
        (
            "ah",
            vec![
                "return".into(),
                r["asg"].clone(),
                "--reason".into(),
                "Không thuộc thẩm quyền".into(),
            ],
        ),
        (
            "ah",
            vec![
                "reply".into(),
                r["asg"].clone(),
                "--text".into(),
                "Đã xử lý.".into(),
            ],
        ),
        (
            "ar",
            vec!["verify".into(), r["rep"].clone(), "--approve".into()],
        ),
        (
            "ar",
            vec![
                "verify".into(),
                r["rep"].clone(),
                "--send-back".into(),
                "--reason".into(),
                "Thiếu ảnh".into(),
            ],
        ),
        ("ar", vec!["publish".into(), r["ver"].clone()]),
        (
            "ar",
            vec![
                "unpublish".into(),
                r["pub"].clone(),
                "--reason".into(),
                "Người được nêu tên đề nghị gỡ".into(),
            ],
        ),
        (
            "ar",
            vec![
                "rate".into(),
                r["pub"].clone(),
                "--score".into(),
                "5".into(),
            ],
        ),
        (
            "ar",
            vec![
                "duplicate".into(),
                r["acc"].clone(),
                "--of".into(),
                r["asg"].clone(),
            ],
        ),
        ("arhlu", vec!["show".into(), r["asg"].clone()]),
        (
            "arh",
            vec![
                "show".into(),
                r["asg"].clone(),
                "--reveal".into(),
                "--reason".into(),
                "gọi lại xác minh".into(),
            ],
        ),
        ("arholu", vec!["list".into()]),
        (
            "arhlu",
            vec!["audit".into(), "log".into(), r["asg"].clone()],
        ),
        ("arlu", vec!["audit".into(), "verify".into()]),
        ("arholu", vec!["settings".into(), "show".into()]),
        (
            "a",
            vec![
                "settings".into(),
                "set".into(),
                "sweep.due_soon_minutes".into(),
                "20".into(),
            ],
        ),
        (
            "a",
            vec![
                "calendar".into(),
                "add-holiday".into(),
                "2027-02-11".into(),
                "--name".into(),
                "Tết".into(),
            ],
        ),
        (
            "a",
            vec![
                "calendar".into(),
                "add-workday".into(),
                "2027-02-20".into(),
                "--name".into(),
                "làm bù".into(),
            ],
        ),
        (
            "a",
            vec!["calendar".into(), "import".into(), "FILE:calendar".into()],
        ),
        (
            "arholu",
            vec!["calendar".into(), "show".into(), "2027".into()],
        ),
        ("ar", vec!["sweep".into(), "--dry-run".into()]),
        ("ar", vec!["sweep".into()]),
        (
            "arlu",
            vec![
                "report".into(),
                "monthly".into(),
                "--period".into(),
                "2026-10".into(),
            ],
        ),
        ("arlu", vec!["score".into(), "--year".into(), "2026".into()]),
        (
            "ar",
            vec!["backup".into(), "--out".into(), "copy.sqlite".into()],
        ),
    ];
    let actors = [
        ('a', ADMIN),
        ('r', RECEPTION),
        ('h', HANDLER_SXD),
        ('o', HANDLER_PCCM),
        ('l', LEADER),
        ('u', AUDITOR),
    ];
    // Every (command, account) pair on its own copy of the staged database; the pairs are
    // independent, so they run side by side (common.rs, `each_in_parallel`).
    let pairs: Vec<(&str, &Vec<String>, char, &str)> = cases
        .iter()
        .flat_map(|(allowed, args)| {
            actors
                .iter()
                .map(move |&(letter, user)| (*allowed, args, letter, user))
        })
        .collect();
    let before = staged_fingerprint();
    each_in_parallel(&pairs, |&(allowed, args, letter, user)| {
        let env = TestEnv::from_bytes(&bytes[..]);
        let args: Vec<String> = args
            .iter()
            .map(|a| match a.as_str() {
                "FILE:calendar" => calendar_file(&env),
                "FILE:reports" => reports_file(&env),
                _ => a.clone(),
            })
            .collect();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = env.run_as(user, &refs);
        if allowed.contains(letter) {
            assert!(
                run.code == Some(0),
                "{user} ({letter}) should be allowed to {}\n{run}",
                args.join(" ")
            );
            let refusals = env.count("SELECT count(*) FROM events WHERE action = 'refused'");
            let earlier = before.0["events"]
                .rows
                .iter()
                .filter(|r| r.iter().any(|c| c == "'refused'"))
                .count();
            assert_eq!(refusals as usize, earlier, "{user}: {}", args.join(" "));
        } else {
            run.failure().one_line_error();
            assert!(
                run.stderr.contains("Bị từ chối"),
                "{user} ({letter}) must be refused {}\n{run}",
                args.join(" ")
            );
            env.assert_only_refusal(before, user);
        }
    });
}

#[test]
fn a_disabled_account_can_do_nothing() {
    let (bytes, r) = staged();
    let env = TestEnv::from_bytes(&bytes[..]);
    env.run_as(ADMIN, &["staff", "disable", "tiepnhan.khang"])
        .success();
    for args in [
        vec!["list"],
        vec!["show", r["asg"].as_str()],
        vec!["assign", r["acc"].as_str(), "--agency", "SXD"],
        vec!["validate"],
        vec!["sweep"],
        vec!["report", "monthly", "--period", "2026-10"],
        vec!["settings", "show"],
    ] {
        let before = env.fingerprint();
        env.run_as("tiepnhan.khang", &args)
            .failure()
            .one_line_error()
            .stderr_has("đã bị khóa");
        env.assert_only_refusal(&before, "tiepnhan.khang");
    }
}

/// `audit log` with no report number (the whole log) is refused to a handler by the right
/// to read and check the whole chain; the refusal named only `audit verify`, a command the
/// handler had not typed (agency round 7). It names the commands that right covers.
#[test]
fn a_refused_audit_log_names_the_command_typed() {
    let env = TestEnv::validated();
    env.run_as(HANDLER_SXD, &["audit", "log"])
        .failure()
        .stderr_has("audit log")
        .never_shows("(audit verify)");
    env.run_as(HANDLER_SXD, &["--lang", "en", "audit", "log"])
        .failure()
        .stderr_has("audit log");
}
