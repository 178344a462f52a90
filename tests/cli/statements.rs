//! A result the public reads and the reason for an accountable act must say something
//!: an invisible character, ".", "-", "N/A", "không", "x" or "ok" is
//! refused by every command that records one, with the same expectation in its message,
//! and nothing is written; a real short answer ("Đã vá ổ gà") passes.

use crate::common::*;

const NOTHING: [&str; 8] = ["\u{200B}", ".", "-", "...", "không", "N/A", "x", "ok"];

#[test]
fn a_result_or_a_workflow_reason_that_says_nothing_is_refused() {
    let env = TestEnv::assigned_to_sxd();
    for nothing in NOTHING {
        let before = env.fingerprint();
        env.run_as(HANDLER_SXD, &["reply", "5", "--text", nothing])
            .failure()
            .one_line_error()
            .stderr_has("kết quả mà người dân sẽ đọc")
            .stderr_has("ít nhất 3 chữ cái");
        env.run_as(HANDLER_SXD, &["return", "5", "--reason", nothing])
            .failure()
            .one_line_error()
            .stderr_has("Cần ghi lý do");
        env.run_as(
            HANDLER_SXD,
            &["--lang", "en", "reply", "5", "--text", nothing],
        )
        .failure()
        .stderr_has("at least 3 letters or digits");
        env.assert_unchanged(&before);
    }
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá ổ gà"])
        .success();
    for nothing in NOTHING {
        let before = env.fingerprint();
        env.run_as(
            RECEPTION,
            &["verify", "5", "--send-back", "--reason", nothing],
        )
        .failure()
        .stderr_has("Cần ghi lý do");
        env.assert_unchanged(&before);
    }
    assert_eq!(env.show("5")["result"], "Đã vá ổ gà");
}

#[test]
fn the_portals_direct_answer_that_says_nothing_is_refused() {
    let env = TestEnv::validated();
    for nothing in NOTHING {
        let before = env.fingerprint();
        env.run_as(RECEPTION, &["answer", "5", "--text", nothing])
            .failure()
            .stderr_has("ít nhất 3 chữ cái");
        env.assert_unchanged(&before);
    }
    assert_eq!(env.status_of("5"), "accepted");
}

#[test]
fn a_reveal_export_erasure_or_key_reset_needs_a_reason_that_says_something() {
    let env = TestEnv::validated();
    for nothing in NOTHING {
        let before = env.fingerprint();
        for (user, args) in [
            (
                RECEPTION,
                vec!["show", "5", "--reveal", "--reason", nothing],
            ),
            (
                RECEPTION,
                vec!["export", "csv", "--reason", nothing, "--out", "full.csv"],
            ),
            (ADMIN, vec!["erase", "5", "--reason", nothing]),
            (ADMIN, vec!["key", "reset", "--reason", nothing, "--yes"]),
        ] {
            let run = env.run_as(user, &args);
            run.failure()
                .one_line_error()
                .stderr_has("--reason")
                .stderr_has("ít nhất 3 chữ cái");
            assert!(run.stdout.is_empty(), "{run}");
        }
        env.assert_unchanged(&before);
        assert!(!env.dir().join("full.csv").exists());
    }
    env.run_as(
        RECEPTION,
        &["--lang", "en", "show", "5", "--reveal", "--reason", "-"],
    )
    .failure()
    .stderr_has("at least 3 letters or digits");
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "Gọi lại xác minh"],
    )
    .success();
}

/// A reason that is only the reporter's phone or name, or any name, is kept in the log as
/// "[đã ẩn]": the inspector answering the citizen would read no reason at all. Judged on
/// the text as it will be recorded, it is refused by every command that hides names and
/// phones in its `--reason`, nothing written and nothing shown, the name and phone never
/// quoted back; the same words inside a real reason pass and are recorded hidden.
#[test]
fn a_reason_that_is_only_a_name_or_a_phone_is_refused_as_it_would_be_hidden() {
    let env = TestEnv::validated();
    let (_, name, phone) = env
        .identities()
        .into_iter()
        .find(|(id, _, _)| *id == 5)
        .expect("report 5");
    let secrets = Secrets::new([name.clone(), phone.clone()]);
    let both = format!("{name} {phone}");
    let before = env.fingerprint();
    for (user, args) in [
        (RECEPTION, vec!["show", "5", "--reveal", "--reason", &phone]),
        (RECEPTION, vec!["show", "5", "--reveal", "--reason", &name]),
        (ADMIN, vec!["list", "--phone", &phone, "--reason", &phone]),
        (ADMIN, vec!["list", "--phone", &phone, "--reason", &both]),
        (ADMIN, vec!["erase", "5", "--reason", &both]),
        (ADMIN, vec!["erase", "5", "--reason", &name]),
        (
            RECEPTION,
            vec![
                "export",
                "csv",
                "--reason",
                "Nguyễn Văn An",
                "--out",
                "full.csv",
            ],
        ),
        (ADMIN, vec!["key", "reset", "--reason", &phone, "--yes"]),
    ] {
        let run = env.run_as(user, &args);
        run.failure()
            .one_line_error()
            .stderr_has("chỉ gồm họ tên hoặc số điện thoại")
            .stderr_has("[đã ẩn]")
            .stderr_has("Trả lời đơn yêu cầu")
            .never_shows_any(&secrets);
        assert!(run.stdout.is_empty(), "{run}");
    }
    env.run_as(
        ADMIN,
        &["--lang", "en", "erase", "5", "--reason", phone.as_str()],
    )
    .failure()
    .stderr_has("only a name or a phone number")
    .never_shows_any(&secrets);
    env.assert_unchanged(&before);
    assert!(!env.dir().join("full.csv").exists());
    let reason = format!("Gọi lại {name} theo đơn");
    env.run_as(RECEPTION, &["show", "5", "--reveal", "--reason", &reason])
        .success();
    let logged = env.column::<String>(
        "select json_extract(payload, '$.reason') from events where action = 'reveal'",
    );
    assert_eq!(logged, ["Gọi lại [đã ẩn] theo đơn"]);
}
