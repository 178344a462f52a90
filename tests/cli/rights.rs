//! A reporter exercising their rights under Law 91/2025/QH15 and Decree 356/2025/NĐ-CP:
//! "what do you hold about me, who saw it, erase it". The request names the reporter by the
//! phone they sent reports from; the admin answering it must find those reports without
//! opening anyone else's identity, and the finding is itself accounted for (`audit
//! reveals`), found or not.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::common::*;

/// The reports of the example file sent from each phone, by the phone's digits: read with
/// the key by the test itself, never through the command under test.
fn reports_by_phone(env: &TestEnv) -> std::collections::BTreeMap<String, Vec<i64>> {
    let mut by_phone = std::collections::BTreeMap::<String, Vec<i64>>::new();
    for (id, _, phone) in env.identities() {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        by_phone.entry(digits).or_default().push(id);
    }
    by_phone
}

fn ids(listing: &Value) -> Vec<i64> {
    array(listing)
        .iter()
        .map(|row| row["id"].as_i64().expect("a report number"))
        .collect()
}

fn lookups(env: &TestEnv, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["--format", "json", "audit", "reveals"];
    args.extend_from_slice(extra);
    let all = env.run_as(AUDITOR, &args).success().json();
    array(&all)
        .iter()
        .filter(|line| line["lookup"] == "phone")
        .cloned()
        .collect()
}

#[test]
fn a_reporters_request_finds_their_reports_by_phone_logged_and_showing_no_one_else() {
    let env = TestEnv::validated();
    let by_phone = reports_by_phone(&env);
    // Nguyễn Thu Vy sent four reports, her number written four ways in the app's file.
    let theirs = by_phone["0932863480"].clone();
    assert!(theirs.len() >= 2, "{theirs:?}");
    let identities = env.identities();
    let secrets = Secrets::new(
        identities
            .iter()
            .flat_map(|(_, name, phone)| [name.clone(), phone.clone()])
            .filter(|s| !s.is_empty()),
    );

    // The request as a citizen writes their number on a form; the clerk types the name in
    // the reason, family name last as on a form in another language.
    let name = &identities
        .iter()
        .find(|(id, _, _)| *id == theirs[0])
        .unwrap()
        .1;
    let mut words: Vec<&str> = name.split_whitespace().collect();
    words.rotate_left(1);
    let reason = format!(
        "Đơn yêu cầu cung cấp dữ liệu cá nhân của {} ngày 03/12/2026",
        words.join(" ")
    );
    let found = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "list",
                "--phone",
                "+84 932.863.480",
                "--reason",
                &reason,
            ],
        )
        .success()
        .never_shows_any(&secrets)
        .json();
    assert_eq!(ids(&found), theirs, "{found:#}");
    assert!(array(&found).iter().all(|r| r["reporter_name"] != ""));

    // The inspector reads who looked, why and what it found; never the phone.
    let logged = lookups(&env, &[]);
    assert_eq!(logged.len(), 1, "{logged:#?}");
    assert_eq!(logged[0]["actor"], ADMIN);
    assert_eq!(logged[0]["action"], "reveal");
    assert_eq!(
        logged[0]["reason"],
        "Đơn yêu cầu cung cấp dữ liệu cá nhân của [đã ẩn] ngày 03/12/2026"
    );
    assert_eq!(logged[0]["rows"], theirs.len());
    assert_eq!(logged[0]["reports"], serde_json::json!(theirs));
    assert!(logged[0]["report_id"].is_null());
    // Each report found has the lookup on its own account; another report has not.
    for id in &theirs {
        assert_eq!(
            lookups(&env, &["--report", &id.to_string()]).len(),
            1,
            "report {id}"
        );
    }
    let other = identities
        .iter()
        .map(|(id, _, _)| *id)
        .find(|id| !theirs.contains(id))
        .unwrap();
    assert!(lookups(&env, &["--report", &other.to_string()]).is_empty());
    env.run_as(AUDITOR, &["--format", "json", "audit", "reveals"])
        .success()
        .never_shows("863480")
        .never_shows("863.480");

    // A number nobody reported from: nothing found, and the question is on record all the
    // same (otherwise "did this number ever report?" would be answered off the record).
    let unused = (0..)
        .map(|n| format!("0987{n:06}"))
        .find(|p| !by_phone.contains_key(p))
        .unwrap();
    let none = env.at_columns(
        80,
        &[
            "list",
            "--as",
            ADMIN,
            "--phone",
            &unused,
            "--reason",
            "Đơn yêu cầu của ông Nguyễn Văn Tư, số 0987 000 000",
        ],
    );
    none.success()
        .stdout_has("Không có phản ánh nào")
        .stderr_has("audit reveals");
    let logged = lookups(&env, &[]);
    assert_eq!(logged.len(), 2, "{logged:#?}");
    assert_eq!(logged[1]["rows"], 0);
    // A name or phone typed into the reason stays out of the log the auditor reads.
    assert_eq!(
        logged[1]["reason"],
        "Đơn yêu cầu của ông [đã ẩn], số [đã ẩn]"
    );
}

#[test]
fn only_the_admin_looks_a_reporter_up_by_phone_and_only_with_a_reason() {
    let env = TestEnv::validated();
    let before = lookups(&env, &[]).len();
    for user in [RECEPTION, HANDLER_SXD, LEADER, AUDITOR] {
        env.run_as(
            user,
            &[
                "list",
                "--phone",
                "0932863480",
                "--reason",
                "xem thử số này",
            ],
        )
        .failure()
        .stderr_has("Bị từ chối")
        .never_shows("Nguyễn Thu Vy");
    }
    env.run_as(ADMIN, &["list", "--phone", "0932863480"])
        .failure()
        .stderr_has("--reason");
    env.run_as(ADMIN, &["list", "--phone", "0932863480", "--reason", "."])
        .failure();
    // Too few digits to be anyone's number: refused, not matched against erased ones.
    env.run_as(
        ADMIN,
        &["list", "--phone", "093", "--reason", "đơn yêu cầu"],
    )
    .failure()
    .stderr_has("số điện thoại");
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "list",
            "--phone",
            "",
            "--reason",
            "a citizen's request",
        ],
    )
    .failure()
    .stderr_has("phone");
    assert_eq!(lookups(&env, &[]).len(), before);
}

#[test]
fn an_erased_identity_is_no_longer_found_by_its_phone() {
    let env = TestEnv::validated();
    let theirs = reports_by_phone(&env)["0769559288"].clone();
    let first = theirs[0].to_string();
    // Report numbers of accepted and rejected reports alike may be erased once checked.
    env.run_as(
        ADMIN,
        &[
            "erase",
            &first,
            "--reason",
            "Người phản ánh yêu cầu xóa (đơn ngày 03/12/2026)",
        ],
    )
    .success();
    let found = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "list",
                "--phone",
                "0769 559 288",
                "--reason",
                "Người phản ánh hỏi còn giữ gì sau khi xóa",
            ],
        )
        .success()
        .json();
    assert_eq!(ids(&found), theirs[1..].to_vec());
}

/// A restore of a backup made before the lookup keeps it on record, on each report it
/// found, as it keeps a reveal: the reporter's "who looked me up?" has the same answer.
#[test]
fn a_lookup_by_phone_survives_the_restore_of_an_older_backup() {
    let env = TestEnv::validated();
    let theirs = reports_by_phone(&env)["0846272290"].clone();
    let backup = env.dir().join("truoc.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &[
            "list",
            "--phone",
            "084 627 2290",
            "--reason",
            "Đơn yêu cầu cung cấp dữ liệu cá nhân",
        ],
    )
    .success();
    env.run_as(
        ADMIN,
        &["--lang", "en", "restore", backup.to_str().unwrap()],
    )
    .success();
    for id in &theirs {
        let listed = lookups(&env, &["--report", &id.to_string()]);
        assert_eq!(listed.len(), 1, "report {id}: {listed:#?}");
        assert_eq!(listed[0]["actor"], ADMIN);
        assert!(listed[0]["original_event"].is_i64(), "{listed:#?}");
    }
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// The result of a report answers the reporters of the reports merged into it too, and an
/// agency writes their names into it ("đã liên hệ bà Dương Thanh Cúc, người báo trùng"). The
/// public views hid the report's own reporter only, and published the merged report's
/// reporter by name; a leader's `show` read it too.
#[test]
fn the_name_of_a_merged_reports_reporter_written_in_the_result_is_hidden_from_the_public() {
    let env = TestEnv::seeded();
    let record = |external_id: &str, name: &str, phone: &str| {
        serde_json::json!({
            "external_id": external_id,
            "submitted_at": "2026-10-05T07:30:00+07:00",
            "occurred_at": "2026-10-05T07:00:00+07:00",
            "content": "Đường Phan Ngọc Hiển trước số nhà 120 bị ngập sâu, xe máy chết máy, nhờ cơ quan chức năng xử lý sớm.",
            "media": ["https://example.vn/anh/ngap.jpg"],
            "address": "Đường Phan Ngọc Hiển, Phường An Xuyên",
            "reporter_name": name,
            "reporter_phone": phone,
        })
    };
    let original = env
        .ingest_validated(
            "a.jsonl",
            &record("CMG-2026-000950", "Nguyễn Văn Bình", "0912 345 678"),
        )
        .1
        .to_string();
    let merged = env
        .ingest_validated(
            "b.jsonl",
            &record("CMG-2026-000951", "Dương Thanh Cúc", "0384 084 340"),
        )
        .1
        .to_string();
    env.run_as(RECEPTION, &["duplicate", &merged, "--of", &original])
        .success();
    env.run_as(RECEPTION, &["classify", &original, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &original, "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            &original,
            "--text",
            "Đã liên hệ bà Dương Thanh Cúc, người báo cùng sự việc, và đã bơm nước chống ngập đoạn đường này.",
        ],
    )
    .success();
    // The editor is warned, as of the report's own reporter: a name, never as written.
    env.run_as(RECEPTION, &["verify", &original, "--approve"])
        .success()
        .stderr_has("Cảnh báo")
        .stderr_has("1 họ tên")
        .never_shows("Cúc");
    env.run_as(RECEPTION, &["--lang", "en", "publish", &original])
        .success()
        .stderr_has("1 name")
        .never_shows("Cúc");

    let hidden =
        "Đã liên hệ bà [đã ẩn], người báo cùng sự việc, và đã bơm nước chống ngập đoạn đường này.";
    let feed = env
        .run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-000950"])
        .success()
        .json();
    assert_eq!(array(&feed)[0]["status_notes"], hidden, "{feed:#}");
    let csv = env.run_as(LEADER, &["export", "csv", "--public"]);
    csv.success().stdout_has(hidden);
    let xml = env.run_as(
        AUDITOR,
        &[
            "--format",
            "xml",
            "export",
            "open311",
            "--id",
            "CMG-2026-000950",
        ],
    );
    xml.success().stdout_has(hidden);
    let shown = env
        .run_as(LEADER, &["--format", "json", "show", &original])
        .success()
        .json();
    assert_eq!(shown["result"], hidden, "{shown:#}");
    for run in [&csv, &xml] {
        run.never_shows("Cúc");
    }
    // The reply as the log holds it, read by a leader.
    for format in ["table", "json"] {
        env.run_as(LEADER, &["--format", format, "audit", "log", &original])
            .success()
            .never_shows("Cúc");
    }

    // Erased at her request, her name can no longer be looked for: it stays hidden all the
    // same (any name by its shape, in the texts of the report she was merged into).
    env.run_as(
        ADMIN,
        &["erase", &merged, "--reason", "Người phản ánh yêu cầu xóa"],
    )
    .success();
    let feed = env
        .run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-000950"])
        .success()
        .json();
    assert_eq!(array(&feed)[0]["status_notes"], hidden, "{feed:#}");
    let shown = env
        .run_as(LEADER, &["--format", "json", "show", &original])
        .success()
        .json();
    assert_eq!(shown["result"], hidden, "{shown:#}");
    env.run_as(LEADER, &["--format", "json", "audit", "log", &original])
        .success()
        .never_shows("Cúc");
}

/// "Who saw my identity?" answered at the desk (`audit reveals --report N`, the guide's
/// answer to a reporter's request): when nobody did, a sentence says so, with the dates
/// asked about, where an empty table with a note on hidden columns left the officer to
/// conclude it. A report someone did open keeps its table; CSV and JSON keep their header
/// and their empty list for scripts.
#[test]
fn who_saw_my_identity_is_answered_in_words_when_nobody_did() {
    let env = TestEnv::validated();
    let reveals = |lang: &str, extra: &[&str]| {
        let mut args = vec!["--lang", lang, "--as", AUDITOR, "audit", "reveals"];
        args.extend_from_slice(extra);
        env.at_columns(80, &args).success().stdout.clone()
    };
    assert_eq!(
        reveals("vi", &[]),
        "Không có lần xem danh tính hay xuất đầy đủ nào.\n"
    );
    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    let seen = reveals("vi", &["--report", "5"]);
    assert!(seen.contains('┌') && seen.contains(RECEPTION), "{seen}");
    let nobody = reveals("vi", &["--report", "6", "--from", "2026-10-01"]);
    assert_eq!(
        nobody,
        "Chưa ai xem danh tính người gửi phản ánh 6 từ 01/10/2026, kể cả qua xuất đầy đủ.\n"
    );
    let nobody = reveals("en", &["--report", "6", "--to", "2026-10-31"]);
    assert!(
        nobody.starts_with("Nobody saw the identity of the reporter of report 6 until 2026-10-31"),
        "{nobody}"
    );
    let csv = reveals("vi", &["--report", "6", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1, "{csv}");
    assert!(csv.starts_with("event,at,actor,"), "{csv}");
    let json = reveals("vi", &["--report", "6", "--format", "json"]);
    assert_eq!(json.trim(), "[]");
}

/// The privacy officer's case: a reporter had their identity erased, then a clerk's reveal
/// and an admin's full export came after. Both showed only the "erased" marker, yet `audit
/// reveals` listed them as if they had shown that reporter: the reporter's "who saw me?"
/// answered with people who saw nothing of them. Each format says which ones came after.
#[test]
fn audit_reveals_says_which_reveals_and_exports_came_after_the_erasure() {
    let mut env = TestEnv::validated();
    let why = ["--reason", "Gọi lại xác minh địa điểm"];
    env.run_as(ADMIN, &[&["show", "3", "--reveal"][..], &why].concat())
        .success();
    env.set_now("2026-10-06T09:00:00+07:00");
    env.run_as(
        ADMIN,
        &["erase", "3", "--reason", "Người phản ánh yêu cầu xóa"],
    )
    .success();
    env.set_now("2026-10-07T09:00:00+07:00");
    env.run_as(ADMIN, &[&["show", "3", "--reveal"][..], &why].concat())
        .success()
        .stdout_has("danh tính đã xóa");
    env.run_as(ADMIN, &["export", "csv", "--reason", "Trả lời thanh tra"])
        .success();

    let listed = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", "3"],
        )
        .success()
        .json();
    let lines: Vec<(String, bool)> = array(&listed)
        .iter()
        .map(|l| {
            (
                l["action"].as_str().unwrap().to_owned(),
                l["identity_erased"]
                    .as_bool()
                    .expect("a flag on every line"),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("reveal".to_owned(), false),
            ("erase".to_owned(), false),
            ("reveal".to_owned(), true),
            ("export_full".to_owned(), true),
        ],
        "{listed:#}"
    );
    // Without --report, the reveal about report 3 still says so; the export of every
    // report showed other reporters, and is listed as it was.
    let all = env
        .run_as(AUDITOR, &["--format", "json", "audit", "reveals"])
        .success()
        .json();
    let flags: Vec<bool> = array(&all)
        .iter()
        .map(|l| l["identity_erased"].as_bool().unwrap())
        .collect();
    assert_eq!(flags, [false, false, true, false], "{all:#}");

    let csv = env
        .run_as(
            AUDITOR,
            &["--format", "csv", "audit", "reveals", "--report", "3"],
        )
        .success()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "identity_erased")
        .expect("an identity_erased column");
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_owned())
        .collect();
    assert_eq!(cells, ["false", "false", "true", "true"], "{csv}");

    let table = env.at_columns(200, &["--as", AUDITOR, "audit", "reveals", "--report", "3"]);
    let marked: Vec<&str> = table
        .success()
        .stdout
        .lines()
        .filter(|l| l.contains("danh tính đã xóa — không lộ"))
        .collect();
    assert_eq!(marked.len(), 2, "{}", table.stdout);
    env.at_columns(
        200,
        &[
            "--as", AUDITOR, "--lang", "en", "audit", "reveals", "--report", "3",
        ],
    )
    .success()
    .stdout_has("identity already erased — not shown");
}

/// The privacy officer erased every report of one phone, then answered the same citizen's
/// later request with `list --phone`: "0 reports", no hint, as if nothing had ever been
/// held. Erased identities have no phone left to compare: the lookup says how many of the
/// reports it searched are such, the same count whatever number is sought, so it says
/// nothing of whose they were.
#[test]
fn a_lookup_by_phone_says_how_many_erased_identities_it_could_not_search() {
    let env = TestEnv::validated();
    let by_phone = reports_by_phone(&env);
    let theirs = by_phone["0769559288"].clone();
    let lookup = |phone: &str, lang: &str| {
        env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "list",
                "--phone",
                phone,
                "--reason",
                "Người phản ánh hỏi còn giữ gì sau khi xóa",
            ],
        )
    };
    // Nothing erased yet: no word of it.
    lookup("0769 559 288", "vi")
        .success()
        .never_shows("xóa danh tính");
    let mut erase = vec!["erase"];
    let named: Vec<String> = theirs.iter().map(i64::to_string).collect();
    erase.extend(named.iter().map(String::as_str));
    erase.extend([
        "--reason",
        "Người phản ánh yêu cầu xóa (đơn ngày 03/12/2026)",
    ]);
    env.run_as(ADMIN, &erase).success();

    let count = theirs.len().to_string();
    let after = lookup("0769 559 288", "vi");
    after
        .success()
        .stdout_has("Không có phản ánh nào")
        .stderr_has(&format!(
            "{count} phản ánh đã bị xóa danh tính nên không thể tìm theo số điện thoại"
        ));
    // Another number, found or not, is told the same count: it names no one.
    let other = by_phone
        .keys()
        .find(|p| p.len() == 10 && *p != "0769559288")
        .unwrap();
    lookup(other, "vi")
        .success()
        .stderr_has(&format!("Lưu ý: {count} phản ánh đã bị xóa danh tính"));
    lookup("0987000001", "en").success().stderr_has(&format!(
        "{count} reports had their identity erased and cannot be searched by phone"
    ));
    // The access request's export says the same.
    env.run_as(
        ADMIN,
        &[
            "export",
            "subject",
            "--phone",
            "0769 559 288",
            "--reason",
            "Người phản ánh hỏi còn giữ gì sau khi xóa",
        ],
    )
    .success()
    .stdout_has("Không có phản ánh nào")
    .stderr_has(&format!("Lưu ý: {count} phản ánh đã bị xóa danh tính"));
}

/// A citizen's access request (Law 91/2025/QH15: the right to know what is held about
/// them and how it was processed): `export subject` hands the admin one file with every
/// report sent from the phone, what is held of each, and who saw the reporter's identity
/// when; the request is itself a logged reveal of those reports, the file private and new,
/// and a role without the right to identities is refused it.
#[test]
fn a_data_subjects_access_request_exports_their_reports_and_who_saw_them_logged() {
    let mut env = TestEnv::validated();
    let theirs = reports_by_phone(&env)["0932863480"].clone();
    let first = theirs[0].to_string();
    let identities = env.identities();
    let (name, phone) = identities
        .iter()
        .find(|(id, _, _)| *id == theirs[0])
        .map(|(_, n, p)| (n.clone(), p.clone()))
        .unwrap();
    env.run_as(
        RECEPTION,
        &[
            "show",
            &first,
            "--reveal",
            "--reason",
            "Gọi lại xác minh vị trí",
        ],
    )
    .success();
    env.set_now("2026-12-03T09:00:00+07:00");
    let reason = format!("Đơn yêu cầu cung cấp dữ liệu cá nhân của {name} ngày 03/12/2026");
    let request = |user: &str, extra: &[&str]| {
        let mut args = vec!["export", "subject", "--phone", "+84 932.863.480"];
        args.extend(["--reason", &reason]);
        args.extend_from_slice(extra);
        env.run_as(user, &args)
    };

    // Refused, nothing logged, to every role without identities in bulk.
    let before = env.count("SELECT count(*) FROM events WHERE action = 'reveal'");
    for user in [HANDLER_SXD, LEADER, AUDITOR] {
        request(user, &[])
            .failure()
            .stderr_has("Bị từ chối")
            .never_shows(&name)
            .never_shows(&phone);
    }
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'reveal'"),
        before
    );

    // JSON: every report of that phone, with what is held and who saw it.
    let json = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "export",
                "subject",
                "--phone",
                "0932 863 480",
                "--reason",
                "Đơn yêu cầu ngày 03/12/2026",
            ],
        )
        .success()
        .json();
    let rows = array(&json);
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, theirs);
    let row = &rows[0];
    assert_eq!(row["reporter_name"], name.as_str());
    for key in ["external_id", "submitted_at", "status", "content", "result"] {
        assert!(!row[key].is_null(), "{key}: {row:#}");
    }
    let seen: Vec<(String, String)> = array(&row["seen_by"])
        .iter()
        .map(|l| {
            (
                l["actor"].as_str().unwrap().to_owned(),
                l["lookup"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (RECEPTION.to_owned(), String::new()),
            (ADMIN.to_owned(), "subject".to_owned())
        ],
        "the reception's reveal, then this request: {row:#}"
    );

    // To a file: created private, never over one that exists; the table form for people.
    let out = env.dir().join("yeu-cau.csv");
    let written = request(ADMIN, &["--out", out.to_str().unwrap()]);
    written.success().never_shows(&name).never_shows(&phone);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(&name), "{text}");
    assert!(text.contains("Gọi lại xác minh"), "{text}");
    request(ADMIN, &["--out", out.to_str().unwrap()]).failure();
    let csv = env
        .run_as(
            RECEPTION,
            &[
                "--format",
                "csv",
                "export",
                "subject",
                "--phone",
                "0932863480",
                "--reason",
                "Đơn yêu cầu ngày 03/12/2026",
            ],
        )
        .success()
        .stdout
        .clone();
    assert!(csv.starts_with("id,external_id,submitted_at"), "{csv}");
    assert_eq!(csv.lines().filter(|l| l.starts_with(&first)).count(), 1);

    // Every request is on record, on each report, as a reveal; the name typed into the
    // reason and the phone stay out of what the auditor reads.
    let logged: Vec<Value> = array(
        &env.run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", &first],
        )
        .success()
        .never_shows(&name)
        .never_shows("863480")
        .json(),
    )
    .iter()
    .filter(|l| l["lookup"] == "subject")
    .cloned()
    .collect();
    assert_eq!(
        logged.len(),
        3,
        "refused for the file that exists: not logged {logged:#?}"
    );
    assert_eq!(logged[0]["action"], "reveal");
    assert_eq!(logged[0]["reports"], serde_json::json!(theirs));
    assert!(logged[1]["reason"].as_str().unwrap().contains("[đã ẩn]"));
    assert!(logged[1]["out"].as_str().unwrap().ends_with("yeu-cau.csv"));
    // Wide enough for the real write time beside each line's (the test pins `--now`).
    env.at_columns(
        260,
        &["--as", AUDITOR, "audit", "reveals", "--report", &first],
    )
    .success()
    .stdout_has("Xuất dữ liệu cho người phản ánh");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// Three reports sent from one household's phone: two by Nguyễn Văn Tâm (his name typed
/// two ways by the app), one by his wife Lê Thị Hoa. Returns the env and (his, hers).
fn a_shared_phone() -> (TestEnv, Vec<i64>, i64) {
    let env = TestEnv::seeded();
    let record = |external_id: &str, name: &str, phone: &str, at: &str| {
        serde_json::json!({
            "external_id": external_id,
            "submitted_at": at,
            "occurred_at": at,
            "content": "Đèn đường trước số nhà 12 khóm 3 hư hai tuần nay, buổi tối rất tối, đề nghị sửa sớm.",
            "media": ["https://example.vn/anh/den.jpg"],
            "address": "Đường Trần Phú, khóm 3, Phường An Xuyên",
            "latitude": 9.17682,
            "longitude": 105.15242,
            "reporter_name": name,
            "reporter_phone": phone,
            "consent": true,
        })
    };
    let his = vec![
        env.ingest_validated(
            "a.jsonl",
            &record(
                "TAM-00",
                "Nguyễn Văn Tâm",
                "0912 345 678",
                "2026-10-01T09:00:00+07:00",
            ),
        )
        .1,
        env.ingest_validated(
            "b.jsonl",
            &record(
                "TAM-01",
                "Nguyen Van  Tam",
                "0912.345.678",
                "2026-10-02T09:00:00+07:00",
            ),
        )
        .1,
    ];
    let hers = env
        .ingest_validated(
            "c.jsonl",
            &record(
                "TAM-02",
                "Lê Thị Hoa",
                "+84912345678",
                "2026-10-03T09:00:00+07:00",
            ),
        )
        .1;
    (env, his, hers)
}

/// A phone is a household's: Mr Tâm asking for his data was handed his wife's reports too,
/// her name, content and who viewed her identity, with nothing said. The answer is refused
/// while the reports carry different names, naming them masked; the admin then says which
/// are the requester's, and the log keeps which were handed over.
#[test]
fn an_access_request_on_a_shared_phone_hands_over_only_the_requesters_reports() {
    let (env, his, hers) = a_shared_phone();
    let request = |extra: &[&str]| {
        let mut args = vec![
            "--format",
            "json",
            "export",
            "subject",
            "--phone",
            "0912 345 678",
            "--reason",
            "Đơn yêu cầu cung cấp dữ liệu ngày 03/12/2026",
        ];
        args.extend_from_slice(extra);
        env.run_as(ADMIN, &args)
    };
    let events = || env.count("SELECT count(*) FROM events WHERE action = 'reveal'");

    let before = events();
    let refused = request(&[]);
    refused
        .failure()
        .stderr_has("họ tên người phản ánh khác nhau")
        .stderr_has(&format!("Ng*** V** T: phản ánh {}, {}", his[0], his[1]))
        .stderr_has(&format!("L* T** H: phản ánh {hers}"))
        .stderr_has("--report")
        .stderr_has("--name")
        .never_shows("Lê Thị Hoa")
        .never_shows("Nguyễn Văn Tâm");
    assert_eq!(refused.stdout, "", "nothing written");
    // What the refusal showed is a lookup by phone, on record.
    assert_eq!(events(), before + 1);

    let ids = |run: &Run| -> Vec<i64> {
        array(&run.json())
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    let by_name = request(&["--name", "NGUYỄN văn tâm"]);
    by_name
        .success()
        .never_shows("Lê Thị Hoa")
        .stderr_has("1 phản ánh khác gửi từ số này không xuất");
    assert_eq!(ids(&by_name), his);
    let by_report = request(&["--report", &format!("ext:TAM-00,{}", his[1])]);
    by_report.success().never_shows("Lê Thị Hoa");
    assert_eq!(ids(&by_report), his);
    let hers_only = request(&["--report", &hers.to_string()]);
    assert_eq!(ids(&hers_only), [hers]);
    hers_only.success().never_shows("Nguyễn Văn Tâm");

    // A name nobody used, a report of another phone: refused, nothing handed over.
    request(&["--name", "Trần Văn Bảy"])
        .failure()
        .stderr_has("không phản ánh nào gửi từ số điện thoại này mang họ tên");

    // The log says what was handed over, and what was left out, by number.
    let logged: Vec<Value> = array(&env.json_as(AUDITOR, &["audit", "reveals"]))
        .iter()
        .filter(|l| l["lookup"] == "subject")
        .cloned()
        .collect();
    assert_eq!(logged.len(), 3, "{logged:#?}");
    assert_eq!(logged[0]["reports"], serde_json::json!(his));
    let raw: String = env
        .column::<String>("SELECT payload FROM events WHERE action = 'reveal' ORDER BY id")
        .into_iter()
        .find(|p| p.contains("\"subject\""))
        .unwrap();
    let raw: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(raw["chosen_by"], "name");
    assert_eq!(raw["left_out"], serde_json::json!([hers]));
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// "Why did nothing happen to my report?": the answer to an access request held the status
/// `rejected` and an empty result, not the reason the file holds and `show` prints, nor the
/// citizen's rating, the place their phone sent, their request for secrecy, the urgent flag
/// or when each step was taken.
#[test]
fn an_access_request_answers_what_the_portal_holds_of_each_report() {
    let mut env = TestEnv::seeded();
    let record = |external_id: &str, media: &[&str], at: &str| {
        serde_json::json!({
            "external_id": external_id,
            "submitted_at": at,
            "occurred_at": at,
            "content": "Đèn đường trước số nhà 12 khóm 3 hư hai tuần nay, buổi tối rất tối, đề nghị sửa sớm.",
            "media": media,
            "address": "Đường Trần Phú, khóm 3, Phường An Xuyên",
            "latitude": 9.17682,
            "longitude": 105.15242,
            "reporter_name": "Nguyễn Văn Tâm",
            "reporter_phone": "0912 345 678",
            "consent": true,
            "confidential": true,
            "urgent": true,
        })
    };
    env.ingest_validated(
        "a.jsonl",
        &record("TAM-00", &[], "2026-10-01T09:00:00+07:00"),
    );
    let done = env
        .ingest_validated(
            "b.jsonl",
            &record(
                "TAM-01",
                &["https://example.vn/anh/den.jpg"],
                "2026-10-02T09:00:00+07:00",
            ),
        )
        .1
        .to_string();
    env.set_now("2026-10-05T09:00:00+07:00");
    env.run_as(RECEPTION, &["classify", &done, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &done, "--agency", "SXD"])
        .success();
    env.set_now("2026-10-06T10:00:00+07:00");
    env.run_as(
        HANDLER_SXD,
        &["reply", &done, "--text", "Đã thay bóng đèn."],
    )
    .success();
    env.set_now("2026-10-07T11:00:00+07:00");
    env.run_as(RECEPTION, &["verify", &done, "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", &done]).success();
    env.run_as(RECEPTION, &["rate", &done, "--score", "4"])
        .success();

    let rows = env.json_as(
        ADMIN,
        &[
            "export",
            "subject",
            "--phone",
            "0912345678",
            "--reason",
            "Đơn yêu cầu ngày 10/12/2026",
        ],
    );
    let rows = array(&rows);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let (no, yes) = (&rows[0], &rows[1]);
    assert_eq!(no["external_id"], "TAM-00");
    assert_eq!(no["status"], "rejected");
    assert_eq!(no["reject_reasons"], serde_json::json!(["missing_media"]));
    assert!(no["checked_at"].is_string(), "{no:#}");
    assert!(no["assigned_at"].is_null(), "{no:#}");
    assert_eq!(yes["rating"], 4);
    assert_eq!(yes["latitude"], 9.17682);
    assert_eq!(yes["longitude"], 105.15242);
    assert_eq!(yes["confidential"], true);
    assert_eq!(yes["urgent"], true);
    assert_eq!(yes["received_at"], "2026-10-05T08:00:00+07:00");
    assert_eq!(yes["assigned_at"], "2026-10-05T09:00:00+07:00");
    assert_eq!(yes["replied_at"], "2026-10-06T10:00:00+07:00");
    assert_eq!(yes["published_at"], "2026-10-07T11:00:00+07:00");
    // The keys a script read before are all still there.
    for key in [
        "id",
        "external_id",
        "submitted_at",
        "occurred_at",
        "status",
        "agency",
        "content",
        "address",
        "commune",
        "media",
        "result",
        "reporter_name",
        "reporter_phone",
        "consent",
        "seen_by",
    ] {
        assert!(yes.get(key).is_some(), "{key}");
    }
}

/// The answer is a document the admin hands a citizen: the table printed one block per
/// report within a page, the Excel CSV headed in Vietnamese, both with the status in words,
/// dates as dd/mm/yyyy and who saw the identity as lines naming people and their office;
/// neither the server's login, the log's event numbers nor the names of files exported
/// before (the CSV cell was a JSON list of them). JSON stays as scripts read it.
#[test]
fn an_access_requests_answer_reads_as_a_document_without_server_details() {
    let (mut env, his, _) = a_shared_phone();
    let first = his[0].to_string();
    env.set_now("2026-12-03T09:00:00+07:00");
    env.run_as(
        RECEPTION,
        &[
            "show",
            &first,
            "--reveal",
            "--reason",
            "Gọi lại xác minh vị trí",
        ],
    )
    .success();
    let before = env.dir().join("yeu-cau-truoc.txt");
    let request = |extra: &[&str]| {
        let mut args = vec![
            "export",
            "subject",
            "--phone",
            "0912 345 678",
            "--name",
            "Nguyễn Văn Tâm",
            "--reason",
            "Đơn yêu cầu ngày 03/12/2026",
        ];
        args.extend_from_slice(extra);
        env.run_as(ADMIN, &args)
    };
    request(&["--out", before.to_str().unwrap()]).success();
    let json = request(&["--format", "json"]).success().json();
    let login = array(&json)[0]["seen_by"][0]["login"]
        .as_str()
        .expect("scripts still read the login")
        .to_owned();
    let event = array(&json)[0]["seen_by"][0]["event"].as_i64().unwrap();

    let page = env.dir().join("tra-loi.txt");
    request(&["--out", page.to_str().unwrap()]).success();
    let page = std::fs::read_to_string(&page).unwrap();
    // The values of the blocks, their lines as wrapped within the page joined again.
    let flat = page
        .lines()
        .map(|l| match l.split_once('┆') {
            Some((_, value)) => value.trim_end_matches('│').trim(),
            None => l.trim(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let excel = request(&["--format", "csv", "--csv", "excel"])
        .success()
        .stdout
        .clone();
    assert!(
        excel.starts_with("\u{feff}Số;Mã ứng dụng;Gửi lúc"),
        "{excel}"
    );
    for document in [&flat, &excel] {
        for said in [
            "Chờ phân phối",
            "01/10/2026",
            // `when` keeps the day and the hour together with a no-break space.
            "03/12/2026\u{a0}09:00 — Nguyễn Thị Lan (tiếp nhận) — Xem danh tính",
            "lý do: Gọi lại xác minh vị trí",
            "Quản trị hệ thống (quản trị) — Xuất dữ liệu cho người phản ánh",
        ] {
            assert!(document.contains(said), "{said}: {document}");
        }
        for unsaid in [
            "yeu-cau-truoc",
            "\"login\"",
            &format!("\"event\":{event}"),
            "accepted",
            "tiepnhan.lan",
        ] {
            assert!(!document.contains(unsaid), "{unsaid}: {document}");
        }
        if !login.is_empty() && login.len() > 2 {
            assert!(!document.contains(&format!(" {login} ")), "{document}");
        }
    }
    // One block per report, within a printed page's 80 columns.
    assert!(page.contains("Phản ánh 2 / 2"), "{page}");
    let widest = page.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80, "{widest}: {page}");
    assert!(page.contains("https://example.vn/anh/den.jpg"), "{page}");
}

/// A citizen who sent reports from two numbers asks once: `--phone` twice was refused with
/// "không dùng '--phone' cùng với '--phone'", and two requests made two files and two
/// logged accesses. One answer now, one logged access that counts the numbers, never
/// writes them.
#[test]
fn an_access_request_about_two_phones_is_one_answer_and_one_logged_access() {
    let (env, his, _) = a_shared_phone();
    let other = env
        .ingest_validated(
            "d.jsonl",
            &serde_json::json!({
                "external_id": "TAM-03",
                "submitted_at": "2026-10-04T09:00:00+07:00",
                "occurred_at": "2026-10-04T09:00:00+07:00",
                "content": "Ổ gà lớn giữa đường Nguyễn Trãi gần chợ, xe máy té ngã nhiều lần, đề nghị vá sớm.",
                "media": ["https://example.vn/anh/o-ga.jpg"],
                "address": "Đường Nguyễn Trãi, Phường An Xuyên",
                "reporter_name": "Nguyễn Văn Tâm",
                "reporter_phone": "0987 654 321",
            }),
        )
        .1;
    let events = || env.count("SELECT count(*) FROM events WHERE action = 'reveal'");
    let before = events();
    let rows = env.json_as(
        ADMIN,
        &[
            "export",
            "subject",
            "--phone",
            "0912 345 678",
            "--phone",
            "0987654321",
            "--name",
            "Nguyễn Văn Tâm",
            "--reason",
            "Đơn yêu cầu ngày 10/12/2026",
        ],
    );
    let ids: Vec<i64> = array(&rows)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [his[0], his[1], other]);
    assert_eq!(events(), before + 1, "one logged access");
    let payload: Value = serde_json::from_str(
        &env.column::<String>(
            "SELECT payload FROM events WHERE action = 'reveal' ORDER BY id DESC LIMIT 1",
        )[0],
    )
    .unwrap();
    assert_eq!(payload["phones"], 2);
    assert_eq!(payload["reports"], serde_json::json!(ids));
    let text = payload.to_string();
    assert!(!text.contains("345") && !text.contains("654"), "{text}");

    env.run_as(ADMIN, &["export", "subject", "--help"])
        .success()
        .stdout_has("lặp lại --phone");
}

/// An auditor refused `export subject` was told about `export csv` (and `export csv
/// --public`), and the refusal was logged as `export_full`: the inspector reading the log
/// could not tell a refused data-subject answer from a refused full export.
#[test]
fn a_refused_access_request_export_is_named_as_itself_in_the_message_and_the_log() {
    let env = TestEnv::validated();
    for (user, lang, said) in [
        (AUDITOR, "vi", "(export subject)"),
        (LEADER, "en", "export subject"),
    ] {
        env.run_as(
            user,
            &[
                "--lang",
                lang,
                "export",
                "subject",
                "--phone",
                "0932863480",
                "--reason",
                "Thanh tra kiểm tra",
            ],
        )
        .failure()
        .stderr_has(said)
        .never_shows("export csv");
    }
    let operations: Vec<String> = env.column(
        "SELECT json_extract(payload, '$.operation') FROM events WHERE action = 'refused' ORDER BY id",
    );
    assert_eq!(operations, ["export_subject", "export_subject"]);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// "Delete my data": the citizen typed his own name and number into the report, and
/// `erase` said only that the identity was erased for good, though the stored content still
/// held both, readable to the desk and in the full export. The erasure (and its dry run)
/// now says where and how many, and what the public and readers without rights see there.
#[test]
fn an_erasure_says_where_the_stored_texts_still_name_the_reporter() {
    let env = TestEnv::seeded();
    let id = env
        .ingest_validated(
            "a.jsonl",
            &serde_json::json!({
                "external_id": "TAM-00",
                "submitted_at": "2026-10-01T09:00:00+07:00",
                "occurred_at": "2026-10-01T09:00:00+07:00",
                "content": "Tôi là Nguyễn Văn Tâm, ở khóm 3. Đèn đường trước nhà tôi hư hai tuần nay, gọi lại cho tôi số 0912 345 678. Đề nghị sửa.",
                "media": ["https://example.vn/anh/den.jpg"],
                "address": "Nhà ông Nguyễn Văn Tâm, khóm 3, Phường An Xuyên",
                "reporter_name": "Nguyễn Văn Tâm",
                "reporter_phone": "0912345678",
            }),
        )
        .1
        .to_string();
    let erase = |extra: &[&str]| {
        let mut args = vec![
            "erase",
            &id,
            "--reason",
            "Người phản ánh yêu cầu xóa (đơn ngày 03/12/2026)",
        ];
        args.extend_from_slice(extra);
        env.run_as(ADMIN, &args)
    };
    erase(&["--dry-run"])
        .success()
        .stderr_has("sẽ vẫn còn họ tên hoặc số điện thoại của chính người phản ánh")
        .stderr_has(&format!("phản ánh {id}: nội dung 2 chỗ, địa chỉ 1 chỗ"))
        .never_shows("Nguyễn Văn Tâm");
    let json = erase(&["--dry-run", "--format", "json"]).success().json();
    assert_eq!(
        json["left_in_texts"],
        serde_json::json!([{"report": id.parse::<i64>().unwrap(), "content": 2, "address": 1, "result": 0, "commune": 0, "hint": 0}])
    );
    erase(&["--lang", "en"])
        .success()
        .stderr_has(&format!("report {id}: content 2 places, address 1 place"))
        .stderr_has("see \"[đã ẩn]\" there");
    // What the notice promises: the public and readers without rights see the mark.
    env.run_as(LEADER, &["show", &id])
        .success()
        .stdout_has("Tôi là [đã ẩn]")
        .never_shows("Nguyễn Văn Tâm")
        .never_shows("345 678");
}

/// A row shifted by a column put the reporter's name in the commune cell, and an app put a
/// name and phone into the category hint: `erase` said the identity was erased for good and
/// named neither cell, though both still held them in clear, and the retention sweep said
/// nothing of any text at all. Both now count those cells among the places the stored texts
/// still hold.
#[test]
fn an_erasure_counts_the_commune_and_hint_a_shifted_row_filled() {
    let mut env = TestEnv::seeded();
    let (_, id) = env.ingest_validated(
        "s.jsonl",
        &serde_json::json!({
            "external_id": "SHIFT-1",
            "submitted_at": "2026-10-01T09:00:00+07:00",
            "occurred_at": "2026-10-01T09:00:00+07:00",
            "content": "",
            "media": ["https://example.vn/anh/cong.jpg"],
            "address": "Ấp 2",
            "commune": "Đặng Quốc Tuấn",
            "reporter_name": "Đặng Quốc Tuấn",
            "reporter_phone": "0944555666",
            "category_hint": "Ngô Thị Lành 0978123456",
        }),
    );
    let id = id.to_string();
    assert_eq!(env.status_of(&id), "rejected");
    env.run_as(
        ADMIN,
        &[
            "erase",
            &id,
            "--dry-run",
            "--reason",
            "Người phản ánh yêu cầu xóa (đơn ngày 03/12/2026)",
        ],
    )
    .success()
    .stderr_has(&format!(
        "phản ánh {id}: ô xã/phường 1 chỗ, ô gợi ý lĩnh vực 2 chỗ"
    ))
    .never_shows("Tuấn")
    .never_shows("0978");
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "30", "--yes"],
    )
    .success();
    at(&mut env, "2026-12-08 09:00");
    env.cron_sweep(RECEPTION, &["--quiet"])
        .stderr_has("vẫn còn họ tên hoặc số điện thoại")
        .stderr_has(&format!(
            "phản ánh {id}: ô xã/phường 1 chỗ, ô gợi ý lĩnh vực 2 chỗ"
        ));
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM events WHERE action = 'erase' AND report_id = {id}"
        )),
        1
    );
}
