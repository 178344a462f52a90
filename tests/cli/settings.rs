//! `settings show|set`: the [choice] thresholds are settings with documented defaults; only
//! an admin changes them, only to valid values, every change is an event, and the tool obeys
//! the new value.

use crate::common::*;

const HEADER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,\
address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";

/// Ingests one complete report whose content is `content`, and validates it.
fn validate_one(env: &TestEnv, content: &str) -> String {
    let file = env.dir().join("one.csv");
    let row = format!(
        "S-1,2026-10-05 07:00,2026-10-05 06:30,\"{content}\",https://x/1.jpg,9.17,105.15,,,\
         Trần Văn Bình,0912345678,0,1,0,"
    );
    std::fs::write(&file, format!("{HEADER}\n{row}\n")).unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let verdicts = env
        .run_as(RECEPTION, &["validate", "ext:S-1", "--format", "json"])
        .success()
        .json();
    array(&verdicts)[0]["status"].as_str().unwrap().to_owned()
}

const BILINGUAL: &str = "Đường bị ngập. The road is flooded.";

#[test]
fn show_lists_every_setting_with_its_default() {
    let env = TestEnv::seeded();
    let shown = env
        .run_as(AUDITOR, &["settings", "show", "--format", "json"])
        .success()
        .json();
    let value_of = |key: &str| {
        array(&shown)
            .iter()
            .find(|s| s["key"] == key)
            .unwrap_or_else(|| panic!("no setting {key}"))["value"]
            .clone()
    };
    assert_eq!(value_of("validate.min_syllable_share"), "0.6");
    assert_eq!(value_of("validate.min_marked_or_common_share"), "0.3");
    assert_eq!(value_of("validate.max_foreign_letter_share"), "0.2");
    assert_eq!(value_of("classify.auto_min_score"), "1");
}

#[test]
fn the_language_threshold_decides_a_bilingual_report() {
    let strict = TestEnv::seeded();
    assert_eq!(validate_one(&strict, BILINGUAL), "rejected");

    let lenient = TestEnv::seeded();
    lenient
        .run_as(
            ADMIN,
            &["settings", "set", "validate.min_syllable_share", "0.5"],
        )
        .success();
    assert_eq!(validate_one(&lenient, BILINGUAL), "accepted");
    assert_eq!(
        lenient.count("SELECT count(*) FROM events WHERE action = 'settings_set'"),
        1
    );
}

#[test]
fn automatic_classification_obeys_its_minimum_score() {
    let env = TestEnv::validated();
    env.run_as(
        ADMIN,
        &["settings", "set", "classify.auto_min_score", "100"],
    )
    .success();
    env.run_as(RECEPTION, &["classify", "--suggest", "--apply"])
        .success();
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE field IS NOT NULL"),
        0
    );
}

#[test]
fn only_an_admin_sets_and_only_known_keys_with_valid_values() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["settings", "set", "classify.auto_min_score", "3"],
    )
    .failure()
    .one_line_error();
    env.assert_only_refusal(&before, RECEPTION);
    let before = env.fingerprint();
    // Each refusal says what would be accepted instead.
    for (key, value, hint) in [
        ("validate.min_syllable_share", "1.5", "từ 0 đến 1"),
        ("validate.min_syllable_share", "nhiều", "từ 0 đến 1"),
        ("deadline.dispatch_hours", "2", "settings show"),
    ] {
        env.run_as(ADMIN, &["settings", "set", key, value])
            .failure()
            .one_line_error()
            .stderr_has(hint);
        env.assert_unchanged(&before);
    }
}

/// The four score weights could all be set to 0, and `score` then
/// wrote a file in which no agency had a score or a rank, exit 0. Now the last weight left
/// above 0 cannot be set to 0, and `score` refuses weights that are all 0 however they came
/// to be, saying which setting to change.
#[test]
fn the_score_weights_cannot_all_be_zero() {
    let env = TestEnv::seeded();
    let weights = [
        "score.weight_on_time",
        "score.weight_returns",
        "score.weight_send_backs",
        "score.weight_satisfaction",
    ];
    for key in &weights[..3] {
        env.run_as(ADMIN, &["settings", "set", key, "0"]).success();
    }
    let before = env.fingerprint();
    let last = env.run_as(ADMIN, &["settings", "set", weights[3], "0"]);
    last.failure()
        .stderr_has("Không đặt score.weight_satisfaction = 0")
        .stderr_has("tổng các trọng số phải lớn hơn 0");
    env.assert_unchanged(&before);
    env.run_as(
        ADMIN,
        &["--lang", "en", "settings", "set", weights[3], "0.0"],
    )
    .failure()
    .stderr_has("must add up to more than 0");
    env.assert_unchanged(&before);
    // The weight itself may move while it is not the last one above 0.
    env.run_as(ADMIN, &["settings", "set", weights[3], "2"])
        .success();
    env.run_as(ADMIN, &["settings", "set", weights[0], "1"])
        .success();
    env.run_as(ADMIN, &["settings", "set", weights[3], "0"])
        .success();
    env.run_as(AUDITOR, &["score", "--year", "2026"]).success();

    // Written behind the tool's back, all four at 0: `score` names the row the log does
    // not vouch for, and computes nothing.
    env.tamper_without_triggers(
        &[],
        "UPDATE settings SET value = '0' WHERE key LIKE 'score.weight_%'",
    );
    for format in ["table", "csv"] {
        env.run_as(AUDITOR, &["--format", format, "score", "--year", "2026"])
            .code(5)
            .stderr_has("Nhật ký không xác nhận lịch hoặc thiết lập")
            .stderr_has("score.weight_on_time");
    }
}

/// An admin who writes the decimal comma of Vietnamese ("0,6", as the score's
/// heading and the reports write it) was told only that 0,6 is not a number from 0 to 100;
/// one who dropped a letter of a key, that it did not exist. Each is told the line that
/// works.
#[test]
fn a_decimal_comma_or_a_misspelt_key_is_answered_with_the_line_that_works() {
    let env = TestEnv::seeded();
    env.run_as(ADMIN, &["settings", "set", "score.weight_on_time", "0,6"])
        .failure()
        .stderr_has(
            "viết phần thập phân sau dấu chấm: `phananh settings set score.weight_on_time 0.6`",
        );
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "settings",
            "set",
            "score.weight_on_time",
            "0,6",
        ],
    )
    .failure()
    .stderr_has(
        "write the decimals after a point: `phananh settings set score.weight_on_time 0.6`",
    );
    env.run_as(ADMIN, &["settings", "set", "sweep.due_soon_minute", "45"])
        .failure()
        .stderr_has("có phải ý bạn là sweep.due_soon_minutes?");
    env.run_as(ADMIN, &["settings", "set", "sweep.due_soon_minutes", "45"])
        .success();
}

/// A retention period in days, as `settings set` words it back: "1.825 ngày" (thousands)
/// stood beside "0.5 ngày" and "1825.5 ngày" (the point a decimal mark), so "1.825" copied
/// back would have meant under two days. Vietnamese prose writes a fraction with a comma.
#[test]
fn a_retention_period_is_written_with_the_vietnamese_decimal_comma() {
    let env = TestEnv::seeded();
    for (days, said) in [
        ("1825", "đã đóng quá 1.825 ngày"),
        ("0.5", "đã đóng quá 0,5 ngày"),
        ("1825.5", "đã đóng quá 1.825,5 ngày"),
    ] {
        env.run_as(
            ADMIN,
            &["settings", "set", "privacy.erase_after_days", days, "--yes"],
        )
        .success()
        .stderr_has(said);
    }
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "settings",
            "set",
            "privacy.erase_after_days",
            "1825.5",
            "--yes",
        ],
    )
    .success()
    .stderr_has("1,825.5 days");
}
