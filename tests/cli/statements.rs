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
