//! A reporter's right to have their stored identity corrected (Law 91/2025/QH15):
//! `identity correct` seals the corrected name or phone in place of the stored ones, admin
//! only, as a sealed step `audit verify` accepts and `audit reveals` and `show` account for;
//! the values never reach the log or the file in clear.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::*;

const NAME: &str = "Phạm Ngọc Hân";
const PHONE: &str = "0398765498";
/// The number the reporter asks to have stored instead.
const NEW_PHONE: &str = "0912000031";
const REASON: &str = "Người phản ánh đề nghị sửa số điện thoại (đơn ngày 05/10/2026)";

/// A seeded world with one validated report from `NAME` at `PHONE`; its number.
fn with_report(env: &TestEnv) -> String {
    let record = json!({
        "external_id": "CMG-2026-000777",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": "Đèn đường trước chợ Phường 5 hỏng nhiều ngày, buổi tối rất tối, nhờ cơ quan chức năng sửa sớm.",
        "media": ["https://example.vn/anh/den.jpg"],
        "address": "Chợ Phường 5",
        "reporter_name": NAME,
        "reporter_phone": "039 876 5498",
    });
    env.ingest_validated("han.jsonl", &record).1.to_string()
}

fn revealed(env: &TestEnv, id: &str) -> Value {
    env.run_as(
        ADMIN,
        &[
            "show",
            id,
            "--reveal",
            "--reason",
            "Đối chiếu sau khi sửa theo đơn",
            "--format",
            "json",
        ],
    )
    .success()
    .json()
}

fn holds(path: &Path, needle: &[u8]) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// The events of `id` of one kind, as the log stores them.
fn events_of(env: &TestEnv, id: &str, action: &str) -> Vec<(String, String)> {
    rows_as(
        &env.read_only(),
        &format!(
            "SELECT actor, payload FROM events WHERE report_id = {id} AND action = '{action}' ORDER BY id"
        ),
    )
}

/// The admin corrects a phone at the reporter's request: `show --reveal` gives the new
/// phone, the name is kept, the step is one `identity_correct` event (who, when, why, which
/// field; neither phone) that `audit verify` accepts, `audit reveals` lists and `show`
/// gives to roles that read the log; the file holds the new phone in no form.
#[test]
fn an_admin_corrects_a_phone_sealed_listed_and_verified() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &id,
            "--phone",
            "091 200 0031",
            "--reason",
            REASON,
        ],
    )
    .success()
    .stderr_has(&format!(
        "Đã sửa số điện thoại người phản ánh của phản ánh {id}; danh tính được mã hóa lại"
    ))
    .never_shows(NEW_PHONE)
    .never_shows(PHONE);
    let shown = revealed(&env, &id);
    assert_eq!(shown["reporter_phone"], NEW_PHONE);
    assert_eq!(shown["reporter_name"], NAME);

    let corrections = events_of(&env, &id, "identity_correct");
    assert_eq!(corrections.len(), 1, "{corrections:?}");
    let (actor, payload) = &corrections[0];
    assert_eq!(actor, ADMIN);
    let payload: Value = serde_json::from_str(payload).unwrap();
    assert_eq!(payload["fields"], json!(["reporter_phone"]));
    assert_eq!(payload["reason"], REASON);
    for secret in [NEW_PHONE, PHONE, "912000031", "398765498", NAME] {
        assert!(!payload.to_string().contains(secret), "{payload}");
    }

    env.run_as(LEADER, &["audit", "verify"]).success();
    drop(env.snapshot());
    for form in [NEW_PHONE, "912000031", "091 200 0031", PHONE] {
        assert!(!holds(env.db(), form.as_bytes()), "the file holds {form}");
    }

    let reveals = env
        .run_as(
            AUDITOR,
            &["audit", "reveals", "--report", &id, "--format", "json"],
        )
        .success()
        .json();
    let line = array(&reveals)
        .iter()
        .find(|l| l["action"] == "identity_correct")
        .unwrap_or_else(|| panic!("no correction listed: {reveals}"));
    assert_eq!(line["actor"], ADMIN);
    assert_eq!(line["reason"], REASON);
    assert_eq!(line["report_id"], json!(id.parse::<i64>().unwrap()));
    env.run_as(AUDITOR, &["audit", "reveals", "--report", &id])
        .success()
        .stdout_has("Sửa danh tính");

    for reader in [LEADER, AUDITOR] {
        let view = env
            .run_as(reader, &["show", &id, "--format", "json"])
            .success()
            .json();
        let step = array(&view["events"])
            .iter()
            .find(|e| e["action"] == "identity_correct")
            .unwrap_or_else(|| panic!("{reader} is not told of the correction: {view}"));
        assert_eq!(step["actor"], ADMIN);
        assert!(
            step["at"].as_str().is_some_and(|at| !at.is_empty()),
            "{step}"
        );
        env.run_as(reader, &["show", &id])
            .success()
            .stdout_has("Sửa danh tính")
            .never_shows(NEW_PHONE);
    }
}

/// A name corrected, in English: the new name is revealed, and neither name reaches the
/// log, even typed into the reason.
#[test]
fn a_name_is_corrected_and_neither_name_reaches_the_log() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    // Another person's name altogether (the app stored a relative's): the stored name
    // alone would not hide it.
    let new_name = "Lâm Thị Diệu";
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "identity",
            "correct",
            &id,
            "--name",
            new_name,
            "--reason",
            "Đơn ngày 05/10/2026: sửa họ tên Phạm Ngọc Hân thành Lâm Thị Diệu",
        ],
    )
    .success()
    .stderr_has(&format!(
        "corrected the reporter's name of report {id}; the identity is sealed again"
    ))
    .never_shows(new_name);
    let shown = revealed(&env, &id);
    assert_eq!(shown["reporter_name"], new_name);
    assert_eq!(shown["reporter_phone"], PHONE);
    let (_, payload) = &events_of(&env, &id, "identity_correct")[0];
    let payload: Value = serde_json::from_str(payload).unwrap();
    assert_eq!(payload["fields"], json!(["reporter_name"]));
    let reason = payload["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("Đơn ngày 05/10/2026: sửa họ tên"),
        "{reason}"
    );
    for name in [NAME, new_name, "Hân", "Diệu"] {
        assert!(!reason.contains(name), "{reason}");
    }
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// The story the ingest warning tells: a database an older phananh filled from a re-saved
/// file holds a phone that lost its leading 0; reading the app's original file again warns
/// and names the command; the admin runs it as named, the number is stored as ingest would
/// have stored it, the warning is gone and the log is whole.
#[test]
fn a_stored_phone_that_lost_its_zero_is_corrected_as_the_warning_says() {
    let env = TestEnv::empty();
    crate::identity::before_sealing_with_phone(&env, "398765498");
    // The first opening with a key seals it, as any database from before sealing.
    env.run_as(ADMIN, &["audit", "verify"]).success();
    let original = env.write_file(
        "goc.jsonl",
        &format!(
            "{}\n",
            json!({
                "external_id": "CMG-OLD-1",
                "submitted_at": "2026-10-05T07:30:00+07:00",
                "content": "Ổ gà lớn trên đường Lý Thường Kiệt, nhiều xe máy té ngã.",
                // Absent from the old record, said as null: a file none of whose records
                // carries a key the reception check needs is refused whole.
                "occurred_at": null,
                "media": null,
                "address": null,
                "commune": null,
                "reporter_name": NAME,
                "reporter_phone": PHONE,
            })
        ),
    );
    let original = original.to_str().unwrap();
    let warned = env.run_as(ADMIN, &["ingest", original]);
    warned.success().stderr_has(
        "sửa số đã lưu bằng `phananh identity correct 1 --phone SỐ_ĐÚNG --reason \"LÝ DO\"`",
    );
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            "1",
            "--phone",
            PHONE,
            "--reason",
            "Số lưu mất số 0 ở đầu, đối chiếu tệp gốc của ứng dụng",
        ],
    )
    .success()
    .stderr_has("Đã sửa số điện thoại người phản ánh của phản ánh 1");
    assert_eq!(revealed(&env, "1")["reporter_phone"], PHONE);
    env.run_as(ADMIN, &["ingest", original])
        .success()
        .never_shows("mất số 0");
    env.run_as(ADMIN, &["audit", "verify"])
        .success()
        .stderr_has("Chuỗi nhật ký nguyên vẹn");
}

/// Only the admin corrects: reception, a handler, a leader and the auditor are refused as
/// for `erase`, each refusal on record and nothing else changed.
#[test]
fn only_the_admin_corrects_an_identity() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    for user in [RECEPTION, HANDLER_SXD, LEADER, AUDITOR] {
        let before = env.fingerprint();
        env.run_as(
            user,
            &[
                "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
            ],
        )
        .code(1)
        .stderr_has(
            "không được phép sửa họ tên, số điện thoại người phản ánh đã lưu (identity correct)",
        )
        .never_shows(NEW_PHONE);
        env.assert_only_refusal(&before, user);
    }
    assert_eq!(revealed(&env, &id)["reporter_phone"], PHONE);
}

/// What cannot be corrected is refused, nothing written but the record of a "no change"
/// (which tells whether a value is the stored one, so it is on record as a reveal is), in
/// Vietnamese and in English: an erased identity, a phone ingest would not store, a name
/// with no letter, no value at all, no reason, the values stored.
#[test]
fn what_cannot_be_corrected_is_refused_in_both_languages() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let correct = |lang: &str, extra: &[&str]| {
        let mut args = vec!["--lang", lang, "identity", "correct", id.as_str()];
        args.extend_from_slice(extra);
        env.run_as(ADMIN, &args)
    };
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["--phone", "912000031", "--reason", REASON],
            "--phone: đây không phải số điện thoại Việt Nam",
            "--phone: not a Vietnamese phone number",
        ),
        (
            &["--name", "0912 000 031", "--reason", REASON],
            "--name: họ tên phải có chữ",
            "--name: a name must hold letters",
        ),
        (
            &["--reason", REASON],
            "Hãy cho biết giá trị đúng: `--name \"HỌ TÊN\"`, `--phone SỐ`",
            "give the right value: --name \"NAME\", --phone NUMBER",
        ),
        (
            &["--phone", NEW_PHONE, "--reason", "ok"],
            "Hãy cho biết lý do sửa danh tính",
            "say why the identity is corrected",
        ),
    ];
    for (extra, vi, en) in cases {
        let before = env.fingerprint();
        correct("vi", extra)
            .code(1)
            .stderr_has(vi)
            .never_shows("912000031");
        correct("en", extra)
            .code(1)
            .stderr_has(en)
            .never_shows("912000031");
        env.assert_unchanged(&before);
    }

    let before = env.fingerprint();
    correct("vi", &["--phone", "039.876.5498", "--reason", REASON])
        .code(1)
        .stderr_has("Giá trị đưa ra trùng với danh tính đã lưu: không có gì để sửa")
        .never_shows(PHONE);
    let refusal = env.assert_only_refusal(&before, ADMIN);
    assert!(!refusal["payload"].contains("398"), "{refusal:?}");
    let before = env.fingerprint();
    correct("en", &["--name", NAME, "--reason", REASON])
        .code(1)
        .stderr_has("the values given are those stored: nothing to correct");
    env.assert_only_refusal(&before, ADMIN);

    env.run_as(
        ADMIN,
        &[
            "erase",
            &id,
            "--reason",
            "Người phản ánh yêu cầu xóa (đơn ngày 05/10/2026)",
        ],
    )
    .success();
    let before = env.fingerprint();
    correct("vi", &["--phone", NEW_PHONE, "--reason", REASON])
        .code(1)
        .stderr_has(&format!(
            "Danh tính người phản ánh của phản ánh {id} đã bị xóa vĩnh viễn (`erase`): không còn gì để sửa"
        ));
    correct("en", &["--phone", NEW_PHONE, "--reason", REASON])
        .code(1)
        .stderr_has(&format!(
            "the reporter's identity of report {id} was erased for good (`erase`): nothing is left to correct"
        ));
    env.assert_unchanged(&before);
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// An identity the key does not open (its own key replaced with `sqlite3`) is not
/// corrected: the command says why and what to do, exit 5, and writes nothing.
#[test]
fn an_identity_that_does_not_open_is_not_corrected_and_the_way_on_is_said() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let n: i64 = id.parse().unwrap();
    let (identity, own_key) = env.sealed_identity(n);
    let mut replaced = own_key.clone();
    replaced[30] ^= 1;
    env.put_identity_back(n, &(identity, replaced));
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .code(5)
    .stderr_has(&format!(
        "Không sửa được danh tính của phản ánh {id}: Khóa "
    ))
    .stderr_has("khôi phục bản sao lưu");
    env.assert_unchanged(&before);
}

/// A restore of a backup made before a correction cannot make it again (the log holds no
/// value): it says so, naming the report and the command, instead of handing back the
/// identity as it was in silence; the restore event names the correction lost.
#[test]
fn a_restore_of_a_backup_from_before_a_correction_says_to_correct_it_again() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &[
            "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .success();
    let event: i64 =
        env.column::<i64>("SELECT id FROM events WHERE action = 'identity_correct'")[0];
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .stderr_has(&format!(
            "Cảnh báo: danh tính người phản ánh của phản ánh {id} đã được sửa sau bản sao lưu (sự kiện identity_correct {event} "
        ))
        .stderr_has("Hãy đối chiếu đơn yêu cầu và sửa lại bằng `phananh identity correct SỐ")
        .never_shows(NEW_PHONE);
    assert_eq!(revealed(&env, &id)["reporter_phone"], PHONE);
    let payload: String =
        env.column::<String>("SELECT payload FROM events WHERE action = 'restore'")[0].clone();
    let payload: Value = serde_json::from_str(&payload).unwrap();
    let lost = &payload["corrections_not_reapplied"][0];
    assert_eq!(lost["replaced_event"], json!(event));
    assert_eq!(lost["report_id"], json!(id.parse::<i64>().unwrap()));
    assert_eq!(lost["actor"], ADMIN);
    assert_eq!(lost["reason"], REASON);
    assert_eq!(lost["fields"], json!(["reporter_phone"]));
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// The public feed, the public CSV and a leader's `show` of report `id`: what a correction
/// must not change.
fn public_views(env: &TestEnv, id: &str) -> (Value, String, Value) {
    let feed = env.run_as(LEADER, &["export", "open311"]).success().json();
    let csv = env
        .run_as(LEADER, &["export", "csv", "--public"])
        .success()
        .stdout
        .clone();
    let shown = env
        .run_as(LEADER, &["show", id, "--format", "json"])
        .success()
        .json();
    let mine = array(&feed)
        .iter()
        .find(|r| r["service_request_id"] == "CMG-2026-000888")
        .expect("the report is in the public feed")
        .clone();
    (
        mine,
        csv,
        json!({"content": shown["content"], "media": shown["media"]}),
    )
}

/// The citizen wrote their name in the content, and the app named the photo after their
/// phone; the name and the phone are then corrected at their request. The texts were
/// written under the old ones: the public feed, the public CSV and the leader's `show` read
/// after each correction, and after an erasure that follows, exactly as before (the attack
/// in which `identity correct --name` published "Tôi là Phạm Ngọc Hân…" whole).
#[test]
fn a_correction_never_shows_the_old_name_or_phone_the_texts_were_written_under() {
    let env = TestEnv::seeded();
    let record = json!({
        "external_id": "CMG-2026-000888",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": format!("Tôi là {NAME} ở chợ Phường 5, đèn đường trước chợ hỏng nhiều ngày, buổi tối rất tối, đề nghị sửa sớm."),
        "media": [format!("https://upload.example.vn/u/{PHONE}/anh1.jpg")],
        "address": "Chợ Phường 5",
        "reporter_name": NAME,
        "reporter_phone": PHONE,
    });
    let id = env.ingest_validated("binh.jsonl", &record).1.to_string();
    let before = public_views(&env, &id);
    assert!(!before.0.to_string().contains(NAME), "{}", before.0);
    assert!(!before.1.contains(NAME));
    for (name, why) in [
        ("Lâm Thị Diệu", "Theo đơn yêu cầu ngày 05/10/2026"),
        ("Lâm Thị Dịu", "Theo đơn yêu cầu ngày 06/10/2026"),
    ] {
        env.run_as(
            ADMIN,
            &["identity", "correct", &id, "--name", name, "--reason", why],
        )
        .success();
        let after = public_views(&env, &id);
        assert_eq!(after, before, "after the correction to {name}");
    }
    env.run_as(
        ADMIN,
        &[
            "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .success();
    assert_eq!(
        public_views(&env, &id),
        before,
        "after the phone's correction"
    );
    env.run_as(
        ADMIN,
        &[
            "erase",
            &id,
            "--reason",
            "Người phản ánh yêu cầu xóa dữ liệu cá nhân theo đơn",
        ],
    )
    .success();
    assert_eq!(public_views(&env, &id), before, "after the erasure");
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// A name intake would not store is not stored by a correction either: one of 5,000
/// characters (intake refuses a `reporter_name` over 1,000, "dài quá 1000 ký tự"), which
/// every reveal, export and mask would then carry, and one holding a phone number.
#[test]
fn a_name_intake_would_refuse_is_not_stored_by_a_correction() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let long = "A".repeat(5000);
    let cases: [(&str, &str, &str); 2] = [
        (
            &long,
            "--name: họ tên dài quá 1000 ký tự, như khi nạp phản ánh. Không sửa gì.",
            "--name: the name is longer than 1000 characters, as ingest refuses it",
        ),
        (
            "Phạm Ngọc Hân 0912 000 031",
            "--name: họ tên có một số điện thoại; số điện thoại sửa bằng --phone",
            "--name: the name holds a phone number",
        ),
    ];
    for (name, vi, en) in cases {
        let before = env.fingerprint();
        for (lang, said) in [("vi", vi), ("en", en)] {
            env.run_as(
                ADMIN,
                &[
                    "--lang", lang, "identity", "correct", &id, "--name", name, "--reason", REASON,
                ],
            )
            .code(1)
            .stderr_has(said)
            .never_shows("0912 000 031");
        }
        env.assert_unchanged(&before);
    }
    assert_eq!(revealed(&env, &id)["reporter_name"], NAME);
}

/// A correction's reason naturally quotes the given names, old and new ("Sửa tên Mai thành
/// Mây"): every word of either name is hidden in the reason as the log keeps it, so that a
/// leader or an auditor reading it beside the mask, which shows only the given name's
/// initial, does not read the name whole.
#[test]
fn a_corrections_reason_keeps_no_word_of_either_name() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let steps = [
        ("Phạm Ngọc Mai", "Đổi thành Mai theo lời chị hân gọi tới"),
        ("Phạm Ngọc Mây", "Sửa tên MAI thành Mây theo đơn ngày 06/12"),
        (
            "Phạm Thị Hồng Nhung",
            "Người phản ánh bổ sung tên đệm Hồng, tên gọi Nhung theo CCCD, đơn ngày 06/12",
        ),
    ];
    for (name, reason) in steps {
        env.run_as(
            ADMIN,
            &[
                "identity", "correct", &id, "--name", name, "--reason", reason,
            ],
        )
        .success();
    }
    let reasons: Vec<String> = events_of(&env, &id, "identity_correct")
        .iter()
        .map(|(_, p)| {
            serde_json::from_str::<Value>(p).unwrap()["reason"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        reasons,
        [
            "Đổi thành [đã ẩn] theo lời chị [đã ẩn] gọi tới",
            "Sửa tên [đã ẩn] thành [đã ẩn] theo đơn ngày 06/12",
            "Người phản ánh bổ sung tên đệm [đã ẩn], tên gọi [đã ẩn] theo CCCD, đơn ngày 06/12",
        ]
    );
    let log = env
        .run_as(LEADER, &["--format", "csv", "audit", "log", &id])
        .success()
        .stdout
        .clone();
    let listed = env
        .run_as(
            AUDITOR,
            &["--format", "csv", "audit", "reveals", "--report", &id],
        )
        .success()
        .stdout
        .clone();
    for text in [&log, &listed] {
        for word in ["Mai", "MAI", "Mây", "hân", "Hân", "Hồng", "Nhung"] {
            assert!(
                !text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word),
                "{word} in {text}"
            );
        }
        assert!(text.contains("Sửa tên [đã ẩn] thành [đã ẩn]"), "{text}");
    }
}

/// A script runs `identity correct --format json` and reads what changed, as `erase --format
/// json` answers; the inspector's `audit reveals` and the citizen's `export subject` say
/// which field a correction changed (field names, never values), as `audit log` does.
#[test]
fn a_correction_says_its_fields_in_json_in_audit_reveals_and_in_export_subject() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let done = env
        .run_as(
            ADMIN,
            &[
                "--format", "json", "identity", "correct", &id, "--phone", NEW_PHONE, "--reason",
                REASON,
            ],
        )
        .success()
        .never_shows(NEW_PHONE)
        .json();
    let event = env.count(&format!(
        "SELECT id FROM events WHERE report_id = {id} AND action = 'identity_correct'"
    ));
    assert_eq!(
        done,
        json!({"report_id": id.parse::<i64>().unwrap(), "fields": ["reporter_phone"], "event": event})
    );
    let listed = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", &id],
        )
        .success()
        .json();
    let line = array(&listed)
        .iter()
        .find(|l| l["action"] == "identity_correct")
        .expect("the correction is listed");
    assert_eq!(line["fields"], json!(["reporter_phone"]));
    env.run_as(AUDITOR, &["audit", "reveals", "--report", &id])
        .success()
        .stdout_has("Sửa danh tính (số");
    let subject = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "export",
                "subject",
                "--phone",
                NEW_PHONE,
                "--reason",
                "Người dân yêu cầu cung cấp dữ liệu",
            ],
        )
        .success()
        .json();
    let text = subject.to_string();
    assert!(
        text.contains(r#""action":"identity_correct""#)
            && text.contains(r#""fields":["reporter_phone"]"#),
        "{text}"
    );
}

/// "Is the reporter of this report my neighbour at 0398 765 498?" asked through `identity
/// correct` with the stored phone is refused as "values as stored", which answers yes: the
/// refusal is listed as an identity access by `audit reveals` and in `export subject`'s
/// `seen_by`, with the reason typed and the field tried, never the value.
#[test]
fn a_correction_refused_as_the_stored_values_is_listed_as_an_identity_access() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let why = "Kiểm tra số người phản ánh theo đơn";
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &id,
            "--phone",
            "0398 765 498",
            "--reason",
            why,
        ],
    )
    .code(1);
    let listed = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", &id],
        )
        .success()
        .json();
    let line = array(&listed)
        .iter()
        .find(|l| l["action"] == "refused")
        .unwrap_or_else(|| panic!("the refusal is listed: {listed}"))
        .clone();
    assert_eq!(line["reason"], why);
    assert_eq!(line["fields"], json!(["reporter_phone"]));
    assert_eq!(line["actor"], ADMIN);
    assert!(!listed.to_string().contains("398"), "{listed}");
    env.run_as(AUDITOR, &["audit", "reveals", "--report", &id])
        .success()
        .stdout_has("Thử sửa danh tính");
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
    assert!(
        subject
            .to_string()
            .contains(&format!(r#""reason":"{why}""#)),
        "{subject}"
    );
}

/// A restore after "correct, then erase" erases the identity again: it does not tell the
/// admin to redo a correction on it. A report ingested after the backup and corrected is
/// not "held as before the correction": the restore says it is gone and is to be corrected
/// again once ingested. Either way the restore event keeps the correction whole (report,
/// account, time, reason, fields), not an event number of the replaced log.
#[test]
fn a_restore_tells_to_redo_no_correction_it_erased_again_or_whose_report_is_gone() {
    let env = TestEnv::seeded();
    let erased = with_report(&env);
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &[
            "identity", "correct", &erased, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "erase",
            &erased,
            "--reason",
            "Người phản ánh yêu cầu xóa theo đơn",
        ],
    )
    .success();
    let record = json!({
        "external_id": "CMG-2026-000999",
        "submitted_at": "2026-10-05T07:40:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": "Cống thoát nước trước chợ Phường 5 bị tắc, nước tràn lên đường, đề nghị nạo vét sớm.",
        "media": ["https://example.vn/anh/cong.jpg"],
        "address": "Chợ Phường 5",
        "reporter_name": "Lâm Thị Diệu",
        "reporter_phone": "0912000032",
    });
    let gone = env.ingest_validated("sau.jsonl", &record).1.to_string();
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &gone,
            "--phone",
            "0912000033",
            "--reason",
            REASON,
        ],
    )
    .success();
    let run = env.run_as(ADMIN, &["restore", backup.to_str().unwrap()]);
    run.success()
        .stderr_has(&format!(
            "Cảnh báo: phản ánh {gone} đã được sửa danh tính sau bản sao lưu nhưng bản sao lưu không có phản ánh này"
        ));
    assert!(
        !run.said().contains("giữ danh tính như trước khi sửa"),
        "{}",
        run.said()
    );
    let payload: String =
        env.column::<String>("SELECT payload FROM events WHERE action = 'restore'")[0].clone();
    let payload: Value = serde_json::from_str(&payload).unwrap();
    let lost = array(&payload["corrections_not_reapplied"]);
    assert_eq!(lost.len(), 2, "{payload}");
    assert_eq!(lost[0]["report_id"], json!(erased.parse::<i64>().unwrap()));
    assert_eq!(lost[0]["erased_again"], json!(true));
    assert_eq!(lost[0]["actor"], ADMIN);
    assert_eq!(lost[0]["reason"], REASON);
    assert_eq!(lost[1]["report_id"], json!(gone.parse::<i64>().unwrap()));
    assert_eq!(lost[1]["report_absent"], json!(true));
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// A name arriving with characters that print nothing (a zero-width space after it, a soft
/// hyphen or a byte-order mark inside it, as copy-paste and phone keyboards leave) is stored
/// without them: the name revealed is the name a reader sees, and one `identity correct`
/// could be asked to write (it refuses such characters).
#[test]
fn a_name_arriving_with_characters_that_print_nothing_is_stored_without_them() {
    let env = TestEnv::seeded();
    let record = json!({
        "external_id": "CMG-2026-000779",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": "Đèn đường trước chợ Phường 5 hỏng nhiều ngày, buổi tối rất tối, nhờ cơ quan chức năng sửa sớm.",
        "media": ["https://example.vn/anh/den.jpg"],
        "address": "Chợ Phường 5",
        "reporter_name": "\u{FEFF}Ph\u{00AD}ạm Thị Út\u{200B}",
        "reporter_phone": "039 876 5498",
    });
    let id = env.ingest_validated("ut.jsonl", &record).1.to_string();
    assert_eq!(revealed(&env, &id)["reporter_name"], "Phạm Thị Út");
    let shown = env.json_as(LEADER, &["show", &id]);
    assert_eq!(shown["reporter_name"], "Ph** T** U");
}

/// The cover-up through a correction: the complaint names the official it accuses, and
/// "correcting" the reporter's name to the official's would make the public feed and the
/// leaders read "Ông [đã ẩn], cán bộ địa chính xã, đòi 5 triệu…", since those views hide
/// the reporter's own name wherever it is written. Refused without `--yes`, saying how
/// many places in which text (never the words), nothing written; with `--yes` it is done
/// and the event, `audit log` and `audit reveals` count the places. A name that hides
/// nothing needs no `--yes`.
#[test]
fn a_name_that_would_hide_words_of_the_complaint_needs_yes_and_is_counted() {
    let env = TestEnv::seeded();
    let official = "Trần Văn Hùng";
    let record = json!({
        "external_id": "CMG-2026-000999",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": format!("Ông {official}, cán bộ địa chính xã, đòi 5 triệu mới ký hồ sơ cấp phép xây dựng cho nhà tôi ở khóm 3. Đề nghị kiểm tra."),
        "media": ["https://example.vn/anh/ho-so.jpg"],
        "address": "Khóm 3, Phường 5",
        "reporter_name": "Nguyễn Thị Lệ",
        "reporter_phone": PHONE,
    });
    let id = env.ingest_validated("le.jsonl", &record).1.to_string();
    let reason = "Theo đơn yêu cầu ngày 05/10/2026";
    let correct = |lang: &str, name: &str, yes: bool| {
        let mut args = vec![
            "--lang", lang, "identity", "correct", &id, "--name", name, "--reason", reason,
        ];
        if yes {
            args.push("--yes");
        }
        env.run_as(ADMIN, &args)
    };
    // Refused, nothing changed but the refusal on record, as any refused step's.
    let before = env.fingerprint();
    correct("vi", official, false)
        .code(1)
        .stderr_has("Sửa họ tên này sẽ làm ẩn 1 chỗ trong nội dung của phản ánh")
        .stderr_has("sẽ đọc “[đã ẩn]” ở đó")
        .stderr_has("Chưa sửa gì: nếu đúng ý, chạy lại lệnh với --yes")
        .never_shows("Hùng");
    let refused = env.assert_only_refusal(&before, ADMIN);
    assert!(
        refused["payload"].contains("correct_identity") && !refused["payload"].contains("Hùng"),
        "{refused:?}"
    );
    assert_eq!(refused["report_id"], id);
    let before = env.fingerprint();
    correct("en", official, false)
        .code(1)
        .stderr_has("this name correction would hide 1 place in the content of report")
        .stderr_has("Nothing was corrected: if that is meant, run the command again with --yes")
        .never_shows("Hùng");
    env.assert_only_refusal(&before, ADMIN);
    // It told nothing of the stored identity: no "values as stored" line.
    let reveals = env
        .run_as(
            ADMIN,
            &["audit", "reveals", "--report", &id, "--format", "json"],
        )
        .success()
        .json();
    assert!(
        !reveals.to_string().contains("correction_as_stored"),
        "{reveals}"
    );
    let feed = env
        .run_as(LEADER, &["export", "open311"])
        .success()
        .stdout
        .clone();
    assert!(feed.contains(&format!("Ông {official}, cán bộ")), "{feed}");

    // A spelling that hides nothing more goes as before.
    correct("vi", "Nguyễn Thị Lệ Thu", false).success();
    assert!(
        !events_of(&env, &id, "identity_correct")[0]
            .1
            .contains("public_places"),
    );

    correct("vi", official, true)
        .success()
        .stderr_has("Bản công khai và lãnh đạo nay đọc \"[đã ẩn]\" ở 1 chỗ trong nội dung.");
    let payload: Value =
        serde_json::from_str(&events_of(&env, &id, "identity_correct")[1].1).unwrap();
    assert_eq!(payload["public_places_hidden"], json!({"content": 1}));
    assert!(payload.get("public_places_shown").is_none(), "{payload}");
    let squeezed = |args: &[&str], user: &str| {
        env.run_as(user, args)
            .success()
            .stdout
            .replace(|c: char| c == '│' || c == '┆' || c.is_whitespace(), "")
    };
    let log = squeezed(&["audit", "log", &id], LEADER);
    assert!(
        log.contains("Chỗbảncôngkhaivàlãnhđạonayđọc[đãẩn]:nộidung1"),
        "{log}"
    );
    env.run_as(
        ADMIN,
        &["audit", "reveals", "--report", &id, "--format", "csv"],
    )
    .success()
    .stdout_has(",\"[\"\"reporter_name\"\"]\",1,");
    let reveals = squeezed(&["audit", "reveals", "--report", &id], ADMIN);
    assert!(
        reveals.contains("Sửadanhtính(họtên);bảncông") && reveals.contains("nayđọc[đãẩn]ở1chỗ"),
        "{reveals}"
    );
    env.run_as(LEADER, &["export", "open311"])
        .success()
        .stdout_has("Ông [đã ẩn], cán bộ");
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// The app id is printed everywhere, the public feed included, and intake stores no report
/// whose id holds its reporter's name or phone (`id_names_reporter`). A report stored with
/// app id KH-0987654321 under a mistyped phone is not corrected to 0987654321: the leader
/// would read the id beside the phone's mask. Refused with intake's reason, both languages,
/// nothing written; another phone goes.
#[test]
fn a_correction_that_makes_the_app_id_name_the_reporter_is_refused_as_intake_refuses_it() {
    let env = TestEnv::seeded();
    let record = json!({
        "external_id": "KH-0987654321",
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": "Đoạn đường trước khóm 3 bị sụt lún nặng, xe máy đi qua rất nguy hiểm, đề nghị sửa chữa.",
        "media": ["https://example.vn/anh/duong.jpg"],
        "address": "Khóm 3, Phường 5",
        "reporter_name": NAME,
        "reporter_phone": PHONE,
    });
    let id = env.ingest_validated("kh.jsonl", &record).1.to_string();
    let before = env.fingerprint();
    for (lang, said) in [
        (
            "vi",
            "Mã ứng dụng (external_id) của phản ánh này có họ tên hoặc số điện thoại như giá trị sửa, mà mã ứng dụng được in ở mọi nơi, kể cả bản công khai; như khi nạp phản ánh (id_names_reporter)",
        ),
        (
            "en",
            "the report's app id (external_id) holds the name or phone given, and the app id is printed everywhere, the public feed included; as ingest refuses it (id_names_reporter)",
        ),
    ] {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "identity",
                "correct",
                &id,
                "--phone",
                "0987 654 321",
                "--reason",
                REASON,
            ],
        )
        .code(1)
        .stderr_has(said)
        .never_shows("0987654321");
    }
    env.assert_unchanged(&before);
    env.run_as(
        ADMIN,
        &[
            "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .success();
}

/// A phone correction is of one report. The reporter sent two more from the old number:
/// the correction names them (count and numbers, on standard error and in JSON; its event
/// the count), with the command to correct them too, and corrects none of them; a correction
/// whose old number stands on no other report says nothing of the kind.
#[test]
fn a_phone_correction_names_the_other_reports_still_under_the_old_number() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let other = |ext: &str, phone: &str, content: &str| {
        let record = json!({
            "external_id": ext,
            "submitted_at": "2026-10-06T07:30:00+07:00",
            "occurred_at": "2026-10-06T07:00:00+07:00",
            "content": content,
            "media": ["https://example.vn/anh/khac.jpg"],
            "address": "Khóm 2, Phường 5",
            "reporter_name": NAME,
            "reporter_phone": phone,
        });
        env.ingest_validated(&format!("{ext}.jsonl"), &record).1
    };
    let second = other(
        "CMG-2026-000801",
        "0398.765.498",
        "Cống thoát nước khóm 2 bị tắc, nước tràn lên đường, đề nghị nạo vét sớm.",
    );
    let third = other(
        "CMG-2026-000802",
        PHONE,
        "Cây xanh đường Lý Thường Kiệt ngã đổ chắn lối đi, đề nghị dọn dẹp.",
    );
    other(
        "CMG-2026-000803",
        "0912000032",
        "Rác thải tập kết trái phép ở đầu hẻm 12, bốc mùi hôi, đề nghị thu gom.",
    );
    let run = env.run_as(
        ADMIN,
        &[
            "--format", "json", "identity", "correct", &id, "--phone", NEW_PHONE, "--reason",
            REASON,
        ],
    );
    run.success()
        .stderr_has(&format!(
            "Lưu ý: số điện thoại vừa thay của phản ánh {id} vẫn là số lưu ở 2 phản ánh khác ({second}, {third}); việc sửa chỉ áp dụng cho phản ánh {id}."
        ))
        .stderr_has(&format!(
            "`phananh identity correct {second} --phone SỐ_ĐÚNG --reason \"LÝ DO\"`"
        ))
        .never_shows(PHONE)
        .never_shows("398765498");
    assert_eq!(run.json()["old_phone_also_on"], json!([second, third]));
    let payload: Value =
        serde_json::from_str(&events_of(&env, &id, "identity_correct")[0].1).unwrap();
    // The reports named, as a lookup by phone records what it found (`audit reveals`
    // lists it on each); leaders and handlers read the report's log with the count only,
    // since the numbers would tell them which reports one person sent.
    assert_eq!(payload["old_phone_also_on"], json!([second, third]));
    for (reader, args) in [
        (LEADER, vec!["audit", "log", &id]),
        (AUDITOR, vec!["audit", "log", "--actor", ADMIN]),
    ] {
        let log = env
            .run_as(reader, &[args.as_slice(), &["--format", "csv"]].concat())
            .success()
            .stdout
            .clone();
        assert!(
            log.contains(r#"""old_phone_also_on"":2"#),
            "{reader} reads the count: {log}"
        );
        assert!(
            !log.contains(&format!("[{second},{third}]")),
            "{reader} reads no report number: {log}"
        );
    }
    // None of them corrected.
    let found = env
        .run_as(
            ADMIN,
            &[
                "list",
                "--phone",
                PHONE,
                "--reason",
                "Người dân yêu cầu tra cứu phản ánh",
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    let ids: Vec<i64> = array(&found)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [second, third]);

    env.run_as(
        ADMIN,
        &[
            "--lang", "en", "identity", "correct", &second.to_string(), "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .success()
    .stderr_has(&format!(
        "note: the phone just replaced on report {second} is still the one stored on 1 other report ({third}); the correction applies to report {second} only."
    ));
    let run = env.run_as(
        ADMIN,
        &[
            "--format",
            "json",
            "identity",
            "correct",
            &third.to_string(),
            "--phone",
            NEW_PHONE,
            "--reason",
            REASON,
        ],
    );
    run.success();
    assert!(!run.stderr.contains("Lưu ý"), "{}", run.stderr);
    assert!(run.json().get("old_phone_also_on").is_none());
}

/// `identity correct --format csv`, which its help offers, printed nothing: it prints the
/// result as one CSV row under a fixed header, as a workflow step does.
#[test]
fn a_correction_prints_its_result_as_csv() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let run = env.run_as(
        ADMIN,
        &[
            "--format", "csv", "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    );
    run.success().never_shows(NEW_PHONE);
    let event = env.count(&format!(
        "SELECT id FROM events WHERE report_id = {id} AND action = 'identity_correct'"
    ));
    assert_eq!(
        run.stdout,
        format!(
            "report_id,fields,event,public_places_hidden,public_places_shown,old_phone_also_on\n{id},\"[\"\"reporter_phone\"\"]\",{event},0,0,[]\n"
        )
    );
}

/// The documented `--reason-file` fed the citizen's request letter in: birth date, home
/// address and signature stayed in the log every role reads beside the mask. The reason of
/// a step on an identity is a short statement: a letter is refused (with an example of a
/// good reason, never quoted back) by `identity correct`, `erase`, `list --phone` and
/// `export subject`, nothing written; a sentence citing the letter goes.
#[test]
fn a_request_letter_is_refused_as_the_reason_of_an_identity_step() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let letter = env.dir().join("don.txt");
    std::fs::write(
        &letter,
        "ĐƠN YÊU CẦU SỬA THÔNG TIN CÁ NHÂN\n\
         Tôi tên: Phạm Ngọc Hân, sinh ngày 12/05/1985, CCCD số 096185001234.\n\
         Nơi ở: số 75 đường Trần Phú, khóm 2, phường An Xuyên.\n\
         Đề nghị sửa lại số điện thoại của tôi.\n\
         Người làm đơn\n\
         Hân\n",
    )
    .unwrap();
    let letter = letter.to_str().unwrap();
    let steps: [(&str, Vec<&str>); 4] = [
        (
            "identity correct",
            vec!["identity", "correct", &id, "--phone", NEW_PHONE],
        ),
        ("erase", vec!["erase", &id]),
        ("list --phone", vec!["list", "--phone", PHONE]),
        (
            "export subject",
            vec!["export", "subject", "--phone", PHONE],
        ),
    ];
    for (command, args) in &steps {
        let before = env.fingerprint();
        let mut vi = args.clone();
        vi.extend(["--reason-file", letter]);
        env.run_as(ADMIN, &vi)
            .code(1)
            .stderr_has("Lý do dài quá (hơn 300 ký tự hoặc hơn 3 dòng)")
            .stderr_has(&format!(
                "Ví dụ `{command} --reason \"Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC\"`. Chưa làm gì."
            ))
            .never_shows("12/05/1985")
            .never_shows("Trần Phú");
        // The refusal is on record as other refused steps are (a correction's about its
        // report), with nothing of the letter in it.
        let refused = env.assert_only_refusal(&before, ADMIN);
        if *command == "identity correct" {
            assert_eq!(refused["report_id"], id);
        }
        for secret in ["12/05/1985", "Trần Phú", "096185001234", "Hân"] {
            assert!(!refused["payload"].contains(secret), "{refused:?}");
        }
        let before = env.fingerprint();
        let mut en = vec!["--lang", "en"];
        en.extend(args.iter().copied());
        let long = "Theo đơn yêu cầu của người phản ánh. ".repeat(10);
        en.extend(["--reason", long.as_str()]);
        env.run_as(ADMIN, &en)
            .code(1)
            .stderr_has("the reason is too long (over 300 characters or 3 lines)");
        env.assert_only_refusal(&before, ADMIN);
    }
    // A line too many, short as it is, is refused and logged too.
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &id,
            "--phone",
            NEW_PHONE,
            "--reason",
            "Theo đơn\nngày 03/12/2026\nsố 12/ĐYC\ncủa người phản ánh",
        ],
    )
    .code(1)
    .stderr_has("Lý do dài quá");
    env.assert_only_refusal(&before, ADMIN);
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &id,
            "--phone",
            NEW_PHONE,
            "--reason",
            "Theo đơn yêu cầu ngày 03/12/2026, số 12/ĐYC",
        ],
    )
    .success();
}

/// The cover-up through a restore: the admin corrects the phone, the identity is seen
/// under it, then last night's backup is put back. The correction is in the new log only
/// inside the restore's event; `audit reveals --report`, `export subject` and `show`'s
/// history still list it, marked as not made again, with its account, time, reason and
/// field, the event of the replaced log named apart from the restore's own.
#[test]
fn a_correction_lost_by_a_restore_is_still_listed_by_reveals_subject_and_show() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &[
            "identity", "correct", &id, "--phone", NEW_PHONE, "--reason", REASON,
        ],
    )
    .success();
    let replaced: i64 =
        env.column::<i64>("SELECT id FROM events WHERE action = 'identity_correct'")[0];
    revealed(&env, &id);
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .stderr_has("lịch sử của `show` vẫn liệt kê việc sửa");
    let restore: i64 = env.column::<i64>("SELECT id FROM events WHERE action = 'restore'")[0];

    let reveals = env
        .run_as(
            AUDITOR,
            &["audit", "reveals", "--report", &id, "--format", "json"],
        )
        .success()
        .json();
    let lost: Vec<&Value> = array(&reveals)
        .iter()
        .filter(|l| l["lookup"] == "correction_not_reapplied")
        .collect();
    assert_eq!(lost.len(), 1, "{reveals}");
    assert_eq!(lost[0]["event"], json!(restore));
    assert_eq!(lost[0]["original_event"], json!(replaced));
    assert_eq!(lost[0]["action"], "identity_correct");
    assert_eq!(lost[0]["actor"], ADMIN);
    assert_eq!(lost[0]["reason"], REASON);
    assert_eq!(lost[0]["fields"], json!(["reporter_phone"]));
    env.run_as(AUDITOR, &["audit", "reveals", "--report", &id])
        .success()
        .stdout_has("Sửa danh tính — không làm lại");

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
    let text = subject.to_string();
    assert!(
        text.contains(r#""lookup":"correction_not_reapplied""#)
            && text.contains(r#""fields":["reporter_phone"]"#),
        "{text}"
    );

    let shown = env
        .run_as(LEADER, &["show", &id, "--format", "json"])
        .success()
        .json();
    let history = array(&shown["events"]);
    let line = history
        .iter()
        .find(|e| e["action"] == "correction_not_reapplied")
        .unwrap_or_else(|| panic!("{shown}"));
    assert_eq!(line["id"], json!(restore));
    assert_eq!(line["actor"], ADMIN);
    env.run_as(LEADER, &["show", &id])
        .success()
        .stdout_has("Sửa danh tính — không làm lại");
    env.run_as(LEADER, &["audit", "verify"]).success();
}

/// Runs `phananh ARGS` on `env` with `vars` set and `input` on standard input.
fn run_fed(env: &TestEnv, vars: &[(&str, &str)], args: &[&str], input: &str) -> Run {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut cmd = env.std_command();
    cmd.envs(vars.iter().copied())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("running phananh");
    // A command that does not read its input may end before it is written.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let output = child.wait_with_output().expect("waiting for phananh");
    Run {
        command: format!("phananh {}", args.join(" ")),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// sudo as run by the person who owns the test's files: `SUDO_USER` names the running
/// login itself, so phananh reads files with its own rights, as for anyone's own file.
fn through_sudo() -> [(&'static str, String); 1] {
    let me = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .expect("the test's own login")
        .name;
    [("SUDO_USER", me)]
}

/// insider1: a reporter's name and phone typed as arguments stand in the process list,
/// which every shell account on the server reads, and in sudo's log. `identity correct`
/// reads them with `--name-file`/`--phone-file` (a file, or `-`: standard input), `list`
/// and `export subject` read the phone with `--phone-file`, under `--reason-file`'s rules;
/// two options of one command cannot both read standard input.
#[test]
fn a_name_and_a_phone_are_read_from_a_file_or_standard_input() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let phone_file = env.write_file("so.txt", "091 200 0031\n");
    let phone_file = phone_file.to_str().unwrap();
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &id,
            "--phone-file",
            phone_file,
            "--reason",
            REASON,
        ],
    )
    .success()
    .never_shows(NEW_PHONE);
    let fed = run_fed(
        &env,
        &[],
        &[
            "--as",
            ADMIN,
            "identity",
            "correct",
            &id,
            "--name-file",
            "-",
            "--reason",
            "Theo đơn yêu cầu ngày 05/10/2026, số 12/ĐYC",
        ],
        "Phạm Ngọc Hằng\n",
    );
    fed.success();
    let shown = revealed(&env, &id);
    assert_eq!(shown["reporter_phone"], NEW_PHONE);
    assert_eq!(shown["reporter_name"], "Phạm Ngọc Hằng");

    // The lookup by phone, from standard input and from a file.
    let listed = run_fed(
        &env,
        &[],
        &[
            "--as",
            ADMIN,
            "list",
            "--phone-file",
            "-",
            "--reason",
            "Đơn yêu cầu ngày 06/10/2026",
            "--format",
            "json",
        ],
        "0912000031\n",
    );
    listed.success();
    let rows = listed.json();
    assert_eq!(array(&rows).len(), 1, "{listed}");
    assert_eq!(rows[0]["id"].to_string(), id);
    let exported = env
        .run_as(
            ADMIN,
            &[
                "export",
                "subject",
                "--phone-file",
                phone_file,
                "--reason",
                "Đơn yêu cầu cung cấp dữ liệu ngày 06/10/2026",
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    assert_eq!(array(&exported).len(), 1, "{exported}");
    assert_eq!(exported[0]["reporter_phone"], NEW_PHONE);

    // Standard input is read once: two options given `-` are refused before either is read.
    let before = env.fingerprint();
    run_fed(
        &env,
        &[],
        &[
            "--as",
            ADMIN,
            "identity",
            "correct",
            &id,
            "--name-file",
            "-",
            "--phone-file",
            "-",
            "--reason",
            REASON,
        ],
        "Phạm Ngọc Hân\n0398765498\n",
    )
    .failure()
    .stderr_has("Chỉ một tùy chọn được đọc đầu vào chuẩn (`-`) trong một lệnh")
    .never_shows("0398765498");
    env.assert_unchanged(&before);
}

/// insider1: typed through sudo (`SUDO_USER` set), a name or phone has been seen by every
/// account and logged by sudo: the command still acts, and says so once, without the value,
/// with the file form to use next time. Not said when run without sudo, nor when the values
/// came from a file.
#[test]
fn typed_through_sudo_a_name_or_phone_is_warned_of_once_never_echoed() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let sudo = through_sudo();
    let sudo: Vec<(&str, &str)> = sudo.iter().map(|(k, v)| (*k, v.as_str())).collect();
    const WARNING: &str = "gõ trên dòng lệnh qua sudo đã hiện với mọi tài khoản trên máy chủ";
    let warned_once = |run: &Run| {
        assert_eq!(run.stderr.matches(WARNING).count(), 1, "{run}");
    };

    let typed = run_fed(
        &env,
        &sudo,
        &[
            "--as",
            ADMIN,
            "identity",
            "correct",
            &id,
            "--phone",
            NEW_PHONE,
            "--name",
            "Phạm Ngọc Hằng",
            "--reason",
            REASON,
        ],
        "",
    );
    typed
        .success()
        .stderr_has("Cảnh báo: giá trị của --name, --phone")
        .stderr_has("lần sau hãy dùng --name-file TỆP, --phone-file TỆP")
        .never_shows(NEW_PHONE)
        .never_shows("Hằng");
    warned_once(&typed);
    assert_eq!(revealed(&env, &id)["reporter_phone"], NEW_PHONE);

    let listed = run_fed(
        &env,
        &sudo,
        &[
            "--lang",
            "en",
            "--as",
            ADMIN,
            "list",
            "--phone",
            NEW_PHONE,
            "--reason",
            "Đơn 06/10",
        ],
        "",
    );
    listed
        .success()
        .stderr_has("warning: the value of --phone, typed on the command line through sudo")
        .stderr_has("next time use --phone-file FILE");
    assert!(!listed.stderr.contains(NEW_PHONE), "{listed}");

    let exported = run_fed(
        &env,
        &sudo,
        &[
            "--as",
            ADMIN,
            "export",
            "subject",
            "--phone",
            NEW_PHONE,
            "--reason",
            "Đơn yêu cầu cung cấp dữ liệu ngày 06/10/2026",
            "--out",
            "tra-loi.txt",
        ],
        "",
    );
    exported
        .success()
        .stderr_has("Cảnh báo: giá trị của --phone")
        .never_shows(NEW_PHONE);
    warned_once(&exported);

    // Without sudo, or with the value in a file, nothing to warn of.
    let plain = env
        .run_as(
            ADMIN,
            &["list", "--phone", NEW_PHONE, "--reason", "Đơn 06/10"],
        )
        .success()
        .stderr
        .clone();
    assert!(!plain.contains(WARNING), "{plain}");
    let from_file = run_fed(
        &env,
        &sudo,
        &[
            "--as",
            ADMIN,
            "list",
            "--phone-file",
            "-",
            "--reason",
            "Đơn 06/10",
        ],
        NEW_PHONE,
    );
    from_file.success();
    assert!(!from_file.stderr.contains(WARNING), "{from_file}");
}

/// insider2: a correction of the phone names the other reports still carrying the number it
/// replaced, which is a lookup by that phone; two corrections of one report looked up any
/// number, and the report found never listed it. The event now records the reports named,
/// and `audit reveals --report` lists the lookup on each, as `list --phone`'s.
#[test]
fn two_corrections_used_as_a_phone_lookup_are_listed_on_the_report_found() {
    let env = TestEnv::validated();
    let identities = env.identities();
    // A report whose phone no other report carries: the number the admin looks up.
    let (found, _, phone) = identities
        .iter()
        .find(|(id, _, phone)| {
            *id > 20
                && !phone.is_empty()
                && identities.iter().filter(|(_, _, p)| p == phone).count() == 1
        })
        .cloned()
        .expect("a report with a phone of its own");
    let tool = if found == 3 { "4" } else { "3" };
    let correct = |to: &str, reason: &str| {
        env.run_as(
            ADMIN,
            &[
                "identity", "correct", tool, "--phone", to, "--reason", reason,
            ],
        )
        .success()
        .stderr
        .clone()
    };
    correct(&phone, "Đơn yêu cầu số 31");
    let said = correct("0900000001", "Đơn yêu cầu số 32");
    assert!(said.contains(&format!("({found})")), "{said}");

    let corrections = events_of(&env, tool, "identity_correct");
    let payload: Value = serde_json::from_str(&corrections[1].1).unwrap();
    assert_eq!(payload["old_phone_also_on"], json!([found]), "{payload}");

    let lines = env.json_as(
        AUDITOR,
        &["audit", "reveals", "--report", &found.to_string()],
    );
    let lookups: Vec<&Value> = array(&lines)
        .iter()
        .filter(|line| line["lookup"] == "old_phone_also_on")
        .collect();
    assert_eq!(lookups.len(), 1, "{lines:#}");
    assert_eq!(lookups[0]["reports"], json!([found]));
    assert_eq!(lookups[0]["reason"], "Đơn yêu cầu số 32");
    assert_eq!(lookups[0]["actor"], ADMIN);
    let table = env
        .run_as(
            AUDITOR,
            &["audit", "reveals", "--report", &found.to_string()],
        )
        .success()
        .stdout
        .clone();
    assert!(
        table.contains("Tìm theo số điện thoại cũ"),
        "the table names the lookup: {table}"
    );
    // A report the number was not on lists nothing of it.
    let elsewhere = env.json_as(AUDITOR, &["audit", "reveals", "--report", "2"]);
    assert!(
        array(&elsewhere)
            .iter()
            .all(|line| line["lookup"] != "old_phone_also_on"),
        "{elsewhere:#}"
    );
}

/// insider6: a reason that names another report's reporter beside their phone ("đơn của bà
/// Kín, đt 0987…") was kept with that name in clear in report 9's log, which the leader
/// reads: only report 9's own reporter and the phone were hidden. The reporter of a phone a
/// reason writes is now looked up and hidden as the report's own is, in a reveal's, a
/// correction's and a consent step's reason; a reason naming no one is kept as typed.
#[test]
fn a_reason_naming_another_reporter_by_their_phone_keeps_that_name_out_of_the_log() {
    let env = TestEnv::validated();
    let (other, other_phone) = env.identity(6);
    let (own, _) = env.identity(9);
    assert!(!other.is_empty() && other != own);
    env.run_as(
        ADMIN,
        &[
            "show",
            "9",
            "--reveal",
            "--reason",
            &format!("Liên quan đơn của bà {other} ({other_phone}) về cùng vụ"),
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            "9",
            "--name",
            "Ngô Văn Tám",
            "--reason",
            &format!("Theo đơn của {other}, người nhà ông Ngô Văn Tám, đt {other_phone}"),
            "--yes",
        ],
    )
    .success();
    let consent = if revealed(&env, "9")["consent"] == json!(true) {
        "--withdraw"
    } else {
        "--give"
    };
    env.run_as(
        ADMIN,
        &[
            "identity",
            "consent",
            "9",
            consent,
            "--reason",
            &format!("Bà {other} (số {other_phone}) chuyển lời người phản ánh"),
        ],
    )
    .success();
    let log = env
        .run_as(LEADER, &["audit", "log", "9", "--format", "json"])
        .success()
        .stdout
        .clone();
    assert!(!log.contains(&other), "{other} in the leader's log: {log}");
    assert!(!log.contains(&other_phone), "{log}");
    let reveals = env.json_as(AUDITOR, &["audit", "reveals", "--report", "9"]);
    let reasons: Vec<&str> = array(&reveals)
        .iter()
        .filter_map(|line| line["reason"].as_str())
        .collect();
    assert!(
        reasons.contains(&"Liên quan đơn của bà [đã ẩn] ([đã ẩn]) về cùng vụ"),
        "{reveals:#}"
    );
    assert!(reasons.iter().all(|r| !r.contains(&other)), "{reasons:?}");

    // A reason that names no one, nor writes a phone, is kept as typed.
    let innocent = "Gọi lại hẹn kiểm tra hiện trường trước chợ Phường 5";
    env.run_as(ADMIN, &["show", "10", "--reveal", "--reason", innocent])
        .success();
    let reveals = env.json_as(AUDITOR, &["audit", "reveals", "--report", "10"]);
    assert_eq!(array(&reveals).last().unwrap()["reason"], innocent);
}

/// insider6: `identity correct` of a phone names the other reports the old number stands
/// on; a reason naming their reporter (here spelt otherwise than this report's) kept that
/// name in clear in the log. The reporters of the reports a correction names are hidden
/// from its reason too.
#[test]
fn a_corrections_reason_naming_the_reporter_of_a_report_it_names_hides_that_name() {
    let env = TestEnv::seeded();
    let id = with_report(&env);
    let second = json!({
        "external_id": "CMG-2026-000778",
        "submitted_at": "2026-10-05T07:40:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
        "content": "Cống thoát nước trước chợ Phường 5 bị nghẹt, nước tràn lên mặt đường mỗi khi mưa.",
        "media": ["https://example.vn/anh/cong.jpg"],
        "address": "Chợ Phường 5",
        "reporter_name": "Đặng Thị Thu Ba",
        "reporter_phone": PHONE,
    });
    let other = env.ingest_validated("ba.jsonl", &second).1;
    env.run_as(
        ADMIN,
        &[
            "identity",
            "correct",
            &id,
            "--phone",
            NEW_PHONE,
            "--reason",
            "Đã đối chiếu với đơn của bà Đặng Thị Thu Ba cùng số cũ",
        ],
    )
    .success()
    .stderr_has(&format!("({other})"));
    let log = env
        .run_as(LEADER, &["audit", "log", &id, "--format", "json"])
        .success()
        .stdout
        .clone();
    assert!(
        log.contains("Đã đối chiếu với đơn của [đã ẩn] cùng số cũ"),
        "{log}"
    );
    assert!(!log.contains("Thu Ba"), "{log}");
}

/// insider6, for `erase`: the reason an erasure keeps in each erased report's event named
/// the reporter of a phone it writes, or, erasing several reports at once, each of their
/// reporters; every report's own was hidden, the others' were kept in clear.
#[test]
fn an_erasures_reason_hides_the_other_reporters_it_names() {
    let env = TestEnv::validated();
    let (by_phone, phone) = env.identity(9);
    let (sixth, _) = env.identity(6);
    let (seventh, _) = env.identity(7);
    env.run_as(
        ADMIN,
        &[
            "erase",
            "6",
            "7",
            "--reason",
            &format!("Đơn yêu cầu xóa của {sixth} và {seventh}, do {by_phone} ({phone}) chuyển"),
        ],
    )
    .success();
    // Leaders read an erased report's reasons hidden whole; the event keeps the reason.
    let reasons: Vec<String> = env.column(
        "SELECT json_extract(payload, '$.reason') FROM events WHERE action = 'erase' ORDER BY id",
    );
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    for reason in &reasons {
        for name in [&sixth, &seventh, &by_phone] {
            assert!(!reason.contains(name.as_str()), "{name} kept: {reason}");
        }
        assert!(reason.starts_with("Đơn yêu cầu xóa của"), "{reason}");
    }
}

/// insider6, a handler's reveal: the handler may not look a phone up, and the reason read
/// back would tell whether a name guessed goes with a phone guessed. A reason writing a
/// phone that is not the report's own has every name hidden by its shape instead, whoever
/// owns the number.
#[test]
fn a_handlers_reveal_reason_writing_another_phone_hides_names_by_their_shape() {
    let env = TestEnv::assigned_to_sxd();
    if revealed(&env, "5")["consent"] != json!(true) {
        env.run_as(
            ADMIN,
            &[
                "identity",
                "consent",
                "5",
                "--give",
                "--reason",
                "Tiếp nhận gọi điện, người phản ánh đồng ý",
            ],
        )
        .success();
    }
    let (other, other_phone) = env.identity(6);
    // Another reporter's phone, or a number no report was sent from: the same answer.
    for phone in [other_phone.as_str(), "0912000099"] {
        env.run_as(
            HANDLER_SXD,
            &[
                "show",
                "5",
                "--reveal",
                "--reason",
                &format!("Gọi bà {other} số {phone} hỏi thêm vị trí"),
            ],
        )
        .success();
        let reasons: Vec<String> = env.column(
            "SELECT json_extract(payload, '$.reason') FROM events WHERE action = 'reveal' ORDER BY id DESC LIMIT 1",
        );
        assert_eq!(reasons[0], "Gọi bà [đã ẩn] số [đã ẩn] hỏi thêm vị trí");
    }
    // Without a phone, as before: only the report's own reporter is looked for.
    env.run_as(
        HANDLER_SXD,
        &[
            "show",
            "5",
            "--reveal",
            "--reason",
            "Hẹn ông Trần Văn Ba ra hiện trường",
        ],
    )
    .success();
    let reasons: Vec<String> = env.column(
        "SELECT json_extract(payload, '$.reason') FROM events WHERE action = 'reveal' ORDER BY id DESC LIMIT 1",
    );
    assert_eq!(reasons[0], "Hẹn ông Trần Văn Ba ra hiện trường");
}

/// The reasons of the latest `action` events ("return", "verify_send_back") of report `id`
/// as the log keeps them, oldest first.
fn reasons_kept(env: &TestEnv, action: &str, id: i64) -> Vec<String> {
    env.column(&format!(
        "SELECT json_extract(payload, '$.reason') FROM events WHERE action = '{action}' AND report_id = {id} ORDER BY id"
    ))
}

/// Report 5 returned by the construction department's handler for `reason`, and assigned
/// to it again by the desk: a return's reason kept, the report back in the handler's hands.
fn returned_and_reassigned_5(env: &TestEnv, reason: &str) {
    env.run_as(HANDLER_SXD, &["return", "5", "--reason", reason])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
}

/// Issue 17 (1, 5): the reasons of `return` and `verify --send-back` were kept as typed,
/// and only the report's own reporter hidden when read: a handler returning report 5 as
/// "Trùng đơn của bà Kín (0987…)" put Kín, the reporter of another report, in front of
/// every leader and auditor who read report 5. They are now hidden before the reason is
/// kept, as a reveal's are: by their phone looked up for the admin (who may look a phone
/// up), by the shape of every name for the handler and the portal (who may not).
#[test]
fn a_return_or_send_back_reason_naming_another_reporter_keeps_that_name_from_leaders() {
    let env = TestEnv::assigned_to_sxd();
    let (own, _) = env.identity(5);
    let (by_handler, handler_wrote) = env.identity(6);
    let (by_portal, portal_wrote) = env.identity(8);
    let (by_admin, admin_wrote) = env.identity(9);
    for other in [&by_handler, &by_portal, &by_admin] {
        assert!(!other.is_empty() && *other != own);
    }
    returned_and_reassigned_5(
        &env,
        &format!("Trùng đơn của bà {by_handler} ({handler_wrote}), thuộc Phường 5"),
    );
    env.run_as(HANDLER_SXD, &["reply", "5", "--text", "Đã vá mặt đường."])
        .success();
    env.run_as(
        RECEPTION,
        &[
            "verify",
            "5",
            "--send-back",
            "--reason",
            &format!("Chưa trả lời bà {by_portal} (số {portal_wrote}) cùng vụ"),
        ],
    )
    .success();
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã vá xong mặt đường."],
    )
    .success();
    env.run_as(
        ADMIN,
        &[
            "verify",
            "5",
            "--send-back",
            "--reason",
            &format!("Báo thêm cho ông {by_admin} đt {admin_wrote} khi xong"),
        ],
    )
    .success();
    let secrets = [
        &by_handler,
        &handler_wrote,
        &by_portal,
        &portal_wrote,
        &by_admin,
        &admin_wrote,
    ];
    for reader in [LEADER, AUDITOR] {
        for args in [
            &["show", "5"][..],
            &["show", "5", "--format", "json"],
            &["audit", "log", "5", "--format", "json"],
        ] {
            let run = env.at_columns(240, &[&["--as", reader][..], args].concat());
            run.success().stdout_has("Phường 5").stdout_has("khi xong");
            for secret in secrets {
                run.never_shows(secret);
            }
        }
    }
    assert_eq!(
        reasons_kept(&env, "return", 5),
        ["Trùng đơn của bà [đã ẩn] ([đã ẩn]), thuộc Phường 5"]
    );
    assert_eq!(
        reasons_kept(&env, "verify_send_back", 5),
        [
            "Chưa trả lời bà [đã ẩn] (số [đã ẩn]) cùng vụ",
            "Báo thêm cho ông [đã ẩn] đt [đã ẩn] khi xong"
        ]
    );
}

/// Issue 17 (5), the dictionary attack: a handler may not look a phone up, and a return's
/// reason read back (by the handler, or by a leader beside them) must not tell whether a
/// name guessed goes with a phone guessed, nor, without the reporter's consent, whether a
/// phone is the report's own. Every reason writing such a phone is kept alike; with consent,
/// one naming the report's own reporter by the own phone is kept as typed, as before.
#[test]
fn a_handlers_return_reason_tells_nothing_of_whose_phone_it_writes() {
    let env = TestEnv::assigned_to_sxd();
    let (own, own_phone) = env.identity(5);
    let (other, other_phone) = env.identity(6);
    env.run_as(
        ADMIN,
        &[
            "identity",
            "consent",
            "5",
            "--withdraw",
            "--reason",
            "Người phản ánh rút lại qua điện thoại",
        ],
    )
    .success();
    let guesses = [
        (other.as_str(), other_phone.as_str()),
        (other.as_str(), "0912000099"),
        ("Trần Thị Mười", other_phone.as_str()),
        (own.as_str(), own_phone.as_str()),
        ("Trần Thị Mười", own_phone.as_str()),
    ];
    for (name, phone) in guesses {
        returned_and_reassigned_5(&env, &format!("Trùng đơn bà {name} số {phone}"));
    }
    assert_eq!(
        reasons_kept(&env, "return", 5),
        vec!["Trùng đơn bà [đã ẩn] số [đã ẩn]"; guesses.len()]
    );
    env.run_as(
        ADMIN,
        &[
            "identity",
            "consent",
            "5",
            "--give",
            "--reason",
            "Người phản ánh đồng ý lại qua điện thoại",
        ],
    )
    .success();
    let typed = format!("Đã gọi bà {own} số {own_phone}: việc của Phường 5");
    env.run_as(HANDLER_SXD, &["return", "5", "--reason", &typed])
        .success();
    assert_eq!(reasons_kept(&env, "return", 5).last(), Some(&typed));
}
