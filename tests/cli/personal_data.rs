//! Reporters' personal data under Law 91/2025/QH15 (issue 17, points 2, 5 and 6): public
//! views hide an identity written in free text and hold only validated reports; `verify
//! --approve` and `publish` warn about it; `audit reveals` says who saw whose identity,
//! when and why, and every way to see one needs a reason; every file phananh writes with
//! personal data is private, created new, never through a symbolic link, and a database
//! open to every account is narrowed.

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::*;

/// The head line of a reports CSV, every column in its place.
const REPORTS_HEAD: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";

const NAME: &str = "Nguyễn Văn Bình";
const PHONE: &str = "0912345678";
/// The issue's example, word for word.
const CONTENT: &str = "Tôi là Nguyễn Văn Bình, số điện thoại 0912 345 678. Đường Phan Ngọc Hiển \
    trước số nhà 120 bị ngập sâu, xe máy chết máy, nhờ cơ quan chức năng xử lý sớm.";
const RESULT: &str = "Đã liên hệ ông Bình (0912345678)";

/// A report from Nguyễn Văn Bình whose content names him and gives his phone, answered by
/// the agency with his name and phone again, brought to `replied`.
fn the_issues_report() -> (TestEnv, String) {
    static TEMPLATE: Template<String> = Template::new();
    TEMPLATE.copy_with(|| {
        let env = TestEnv::seeded();
        let record = record_of_5_october(
            "CMG-2026-000900",
            json!({
                "content": CONTENT,
                "media": ["https://example.vn/anh/ngap.jpg"],
                "address": "Đường Phan Ngọc Hiển, Phường An Xuyên",
                "reporter_name": NAME,
                "reporter_phone": "0912 345 678",
                "consent": true
            }),
        );
        let id = env.ingest_validated("cmg-900.jsonl", &record).1.to_string();
        assert_eq!(env.status_of(&id), "accepted");
        classify_and_assign_to_sxd(&env, &id);
        env.run_as(HANDLER_SXD, &["reply", &id, "--text", RESULT])
            .success();
        (env, id)
    })
}

/// A report record of 5 October 2026 (sent at 07:30 of what was seen at 07:00) with app id
/// `external_id` and the `rest` of its fields after those, in their order.
fn record_of_5_october(external_id: &str, rest: Value) -> Value {
    let mut record = json!({
        "external_id": external_id,
        "submitted_at": "2026-10-05T07:30:00+07:00",
        "occurred_at": "2026-10-05T07:00:00+07:00",
    });
    let fields = record.as_object_mut().unwrap();
    for (key, value) in rest.as_object().expect("the rest of a record's fields") {
        fields.insert(key.clone(), value.clone());
    }
    record
}

/// The text of the first element named `name` in an XML document, if it has one.
fn xml_text(xml: &str, name: &str) -> Option<String> {
    roxmltree::Document::parse(xml)
        .unwrap()
        .descendants()
        .find(|n| n.has_tag_name(name))
        .and_then(|n| n.text())
        .map(str::to_owned)
}

/// The row of the public CSV export (as the leader reads it) whose first column is
/// `external_id`, by column head, and the whole export.
fn public_csv_row(env: &TestEnv, external_id: &str) -> (BTreeMap<String, String>, String) {
    let csv = env.run_as(LEADER, &["export", "csv", "--public"]);
    csv.success();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r.get(0) == Some(external_id))
        .unwrap();
    let cells = headers.iter().zip(&row);
    let row = cells.map(|(h, v)| (h.to_owned(), v.to_owned())).collect();
    (row, csv.stdout.clone())
}

/// `args` run as `role` as a table, CSV and JSON: each succeeds and shows none of `secrets`.
#[track_caller]
fn never_shown_in_any_format(env: &TestEnv, role: &str, args: &[&str], secrets: &Secrets) {
    for format in ["table", "csv", "json"] {
        env.run_as(role, &[&["--format", format][..], args].concat())
            .success()
            .never_shows_any(secrets);
    }
}

/// The public views: the Open311 feed in JSON and XML, and the public CSV export.
const PUBLIC_EXPORTS: [&[&str]; 3] = [
    &["export", "open311"],
    &["--format", "xml", "export", "open311"],
    &["export", "csv", "--public"],
];

/// Report `id` classified GT and assigned to SXD by reception.
fn classify_and_assign_to_sxd(env: &TestEnv, id: &str) {
    env.run_as(RECEPTION, &["classify", id, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
        .success();
}

/// Neither the name, in any case or without its marks, nor the phone in any spacing.
#[track_caller]
fn no_identity(text: &str) {
    let folded = text.to_lowercase();
    for secret in ["bình", "binh", "0912", "345 678", "345678", "912 345"] {
        assert!(!folded.contains(secret), "{secret} in:\n{text}");
    }
}

const HIDDEN_CONTENT: &str = "Tôi là [đã ẩn], số điện thoại [đã ẩn]. Đường Phan Ngọc Hiển \
    trước số nhà 120 bị ngập sâu, xe máy chết máy, nhờ cơ quan chức năng xử lý sớm.";
const HIDDEN_RESULT: &str = "Đã liên hệ ông [đã ẩn] ([đã ẩn])";

#[test]
fn the_issues_example_is_warned_about_and_hidden_in_every_public_view() {
    let (env, id) = the_issues_report();
    let approved = env.run_as(RECEPTION, &["verify", &id, "--approve"]);
    approved
        .success()
        .stderr_has("Cảnh báo")
        .stderr_has("2 họ tên, 2 số điện thoại")
        .stderr_has("[đã ẩn]");
    no_identity(&approved.stderr);
    let published = env.run_as(RECEPTION, &["--lang", "en", "publish", &id]);
    published
        .success()
        .stderr_has("warning")
        .stderr_has("2 names, 2 phone numbers");
    no_identity(&published.stderr);

    let json = env
        .run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-000900"])
        .success()
        .json();
    let request = &array(&json)[0];
    assert_eq!(request["status"], "closed");
    assert_eq!(request["description"], HIDDEN_CONTENT);
    assert_eq!(request["status_notes"], HIDDEN_RESULT);
    no_identity(&json.to_string());

    let xml = env.run_as(
        AUDITOR,
        &[
            "--format",
            "xml",
            "export",
            "open311",
            "--id",
            "CMG-2026-000900",
        ],
    );
    xml.success();
    let text_of = |name: &str| xml_text(&xml.stdout, name);
    assert_eq!(text_of("description").as_deref(), Some(HIDDEN_CONTENT));
    assert_eq!(text_of("status_notes").as_deref(), Some(HIDDEN_RESULT));
    no_identity(&xml.stdout);

    let (row, csv) = public_csv_row(&env, "CMG-2026-000900");
    let cell = |name: &str| row[name].as_str();
    assert_eq!(cell("description"), HIDDEN_CONTENT);
    assert_eq!(cell("status_notes"), HIDDEN_RESULT);
    no_identity(&csv);

    // The stored texts are as written: only what is made public is hidden.
    let full = env.run_as(
        RECEPTION,
        &["export", "csv", "--reason", "trả lời thanh tra"],
    );
    full.success()
        .stdout_has(CONTENT)
        .stdout_has(RESULT)
        .stdout_has(NAME)
        .stdout_has(PHONE);
}

/// The tester's "anh Lợi (Sơn Quốc Lợi)" (the inspector's visit, I10): the given name then
/// the whole name in brackets was published "anh [đã ẩn] Lợi)", the given name beside the
/// mark, in the public feed, a leader's `show`, and a reason typed for a reveal that the
/// auditor reads in `audit reveals`.
#[test]
fn the_given_name_then_the_whole_name_in_brackets_is_hidden_whole() {
    let env = TestEnv::seeded();
    let record = record_of_5_october(
        "CMG-2026-000941",
        json!({
            "content": "Tôi là anh Lợi (Sơn Quốc Lợi) ở khóm 11. Đèn đường hư hai tuần nay, đề nghị sửa.",
            "media": ["https://example.vn/anh/den.jpg"],
            "address": "Khóm 11, Phường An Xuyên",
            "reporter_name": "Sơn Quốc Lợi",
            "reporter_phone": "0706803325",
            "consent": true
        }),
    );
    let id = env.ingest_validated("cmg-941.jsonl", &record).1.to_string();
    classify_and_assign_to_sxd(&env, &id);
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            &id,
            "--text",
            "Đã thay bóng đèn, báo anh Lợi - Sơn Quốc Lợi.",
        ],
    )
    .success();
    env.run_as(RECEPTION, &["verify", &id, "--approve"])
        .success()
        .stderr_has("2 họ tên");
    env.run_as(RECEPTION, &["publish", &id]).success();
    env.run_as(
        RECEPTION,
        &[
            "show",
            &id,
            "--reveal",
            "--reason",
            "Gọi anh Lợi (Son Quoc Loi) xác nhận vị trí",
        ],
    )
    .success();

    let no_loi = |text: &str| {
        let folded = text.to_lowercase();
        for secret in ["lợi", "loi", "sơn", "quốc", "0706"] {
            assert!(!folded.contains(secret), "{secret} in:\n{text}");
        }
    };
    let feed = env
        .run_as(AUDITOR, &["export", "open311", "--id", "CMG-2026-000941"])
        .success()
        .json();
    let request = &array(&feed)[0];
    assert_eq!(
        request["description"],
        "Tôi là anh [đã ẩn] ở khóm 11. Đèn đường hư hai tuần nay, đề nghị sửa."
    );
    assert_eq!(
        request["status_notes"],
        "Đã thay bóng đèn, báo anh [đã ẩn]."
    );
    no_loi(&feed.to_string());
    let shown = env.run_as(LEADER, &["show", &id]);
    shown.success().stdout_has("Tôi là anh [đã ẩn] ở khóm 11.");
    no_loi(&shown.stdout);
    let reveals = env.run_as(
        AUDITOR,
        &["--format", "csv", "audit", "reveals", "--report", &id],
    );
    reveals
        .success()
        .stdout_has("Gọi anh [đã ẩn] xác nhận vị trí");
    no_loi(&reveals.stdout);
}

/// The tester's third party (the inspector's visit, I17): "Nhà bà Võ Thị Sáu Em, số điện
/// thoại 0918 765 432 …" was published with her name, only the phone hidden, and the
/// editor's warning spoke of the phone alone. Names are not hidden by their shape (an
/// official's must stay): `verify --approve` and `publish` quote them for the editor, and
/// say what can be done, never the reporter's own name.
#[test]
fn a_third_partys_name_in_a_text_made_public_is_quoted_to_the_editor() {
    let env = TestEnv::seeded();
    let record = record_of_5_october(
        "CMG-2026-000942",
        json!({
            "content": "Tôi là ông Trần Văn Bảy. Nhà bà Võ Thị Sáu Em, số điện thoại 0918 765 432, ở khóm 2 đổ rác ra kênh mỗi ngày. Đề nghị xử lý.",
            "media": ["https://example.vn/anh/rac.jpg"],
            "address": "Khóm 2, Phường An Xuyên",
            "reporter_name": "Trần Văn Bảy",
            "reporter_phone": "0918123456",
            "consent": true
        }),
    );
    let id = env.ingest_validated("cmg-942.jsonl", &record).1.to_string();
    classify_and_assign_to_sxd(&env, &id);
    env.run_as(
        HANDLER_SXD,
        &[
            "reply",
            &id,
            "--text",
            "Đã làm việc với hộ bà Võ Thị Sáu Em, nhắc nhở không đổ rác.",
        ],
    )
    .success();
    let approved = env.run_as(RECEPTION, &["verify", &id, "--approve"]);
    approved
        .success()
        .stderr_has("“0918 765 432”")
        .stderr_has("nêu họ tên người khác")
        .stderr_has("“bà Võ Thị Sáu Em”")
        .stderr_has("Văn bản công khai không sửa được")
        .stderr_has(&format!(
            "gỡ phản ánh khỏi công khai bằng `phananh unpublish {id} --reason …`"
        ))
        .never_shows("Bảy")
        .never_shows("0918123456");
    assert_eq!(
        approved.stderr.matches("Võ Thị Sáu Em").count(),
        1,
        "{}",
        approved.stderr
    );
    let published = env.run_as(RECEPTION, &["--lang", "en", "publish", &id]);
    published
        .success()
        .stderr_has("names other people")
        .stderr_has("«bà Võ Thị Sáu Em»")
        .stderr_has("The text made public cannot be edited")
        .stderr_has(&format!(
            "taken out of public view with `phananh unpublish {id} --reason …`"
        ))
        .never_shows("Bảy");
    // Nothing of it went into the log.
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE payload LIKE '%Sáu Em%' AND action IN ('verify_approve', 'publish')"),
        0
    );
}

#[test]
fn a_result_without_identity_is_approved_and_published_without_a_warning() {
    let env = TestEnv::validated();
    let id = env.column::<i64>(
        "SELECT id FROM reports WHERE status = 'accepted' AND confidential = 0 ORDER BY id LIMIT 1",
    )[0]
    .to_string();
    let content: String = env
        .read_only()
        .query_row("SELECT content FROM reports WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!content.contains("[đã ẩn]"));
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    env.run_as(
        RECEPTION,
        &[
            "answer",
            &id,
            "--text",
            "Đã chuyển đội duy tu vá ổ gà ngày 06/10/2026, chi phí 1.500.000 đồng.",
        ],
    )
    .success();
    let approved = env.run_as(RECEPTION, &["verify", &id, "--approve"]);
    approved.success();
    assert!(!approved.stderr.contains("Cảnh báo"), "{approved}");
}

#[test]
fn the_public_feed_holds_only_reports_that_passed_validation() {
    let env = TestEnv::ingested();
    let feed = env.run_as(AUDITOR, &["export", "open311"]).success().json();
    assert!(
        array(&feed).is_empty(),
        "received reports are not public: {feed}"
    );
    let csv = env.run_as(AUDITOR, &["export", "csv", "--public"]);
    assert_eq!(csv.success().stdout.lines().count(), 1, "{csv}");

    env.run_as(RECEPTION, &["validate"]).success();
    let feed = env.run_as(AUDITOR, &["export", "open311"]).success().json();
    let public: std::collections::BTreeSet<String> = array(&feed)
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap().to_owned())
        .collect();
    let expected: std::collections::BTreeSet<String> = env
        .column::<String>(
            "SELECT external_id FROM reports WHERE status = 'accepted' AND confidential = 0",
        )
        .into_iter()
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(public, expected);
    let rejected =
        env.column::<String>("SELECT external_id FROM reports WHERE status = 'rejected'");
    assert!(!rejected.is_empty());
    assert!(rejected.iter().all(|r| !public.contains(r)));
}

/// The identities of report 5 (CMG-2026-000105) in the examples.
const FIVE_NAME: &str = "Phan Ngọc Hoa";
const FIVE_PHONE: &str = "0394676598";

#[test]
fn audit_reveals_lists_who_saw_whose_identity_when_and_why() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-06T09:15:00+07:00");
    env.run_as(
        RECEPTION,
        &[
            "show",
            "5",
            "--reveal",
            "--reason",
            "gọi lại xác minh vị trí",
        ],
    )
    .success()
    .stdout_has(FIVE_NAME);
    env.set_now("2026-10-07T14:40:00+07:00");
    env.run_as_into(
        ADMIN,
        &[
            "export",
            "csv",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "--reason",
            "Sở Nội vụ đối chiếu tháng 10",
        ],
        "thang-10.csv",
    );
    env.set_now("2026-10-08T08:00:00+07:00");

    let all = env
        .run_as(AUDITOR, &["--format", "json", "audit", "reveals"])
        .success()
        .json();
    let lines = array(&all);
    assert_eq!(lines.len(), 2, "{all}");
    assert_eq!(lines[0]["action"], "reveal");
    assert_eq!(lines[0]["actor"], RECEPTION);
    assert_eq!(lines[0]["report_id"], 5);
    assert_eq!(lines[0]["at"], "2026-10-06T09:15:00+07:00");
    assert_eq!(lines[0]["reason"], "gọi lại xác minh vị trí");
    assert_eq!(lines[1]["action"], "export_full");
    assert_eq!(lines[1]["actor"], ADMIN);
    assert_eq!(lines[1]["reason"], "Sở Nội vụ đối chiếu tháng 10");
    assert_eq!(lines[1]["from"], "2026-10-01");
    assert_eq!(lines[1]["to"], "2026-10-31");
    let october = env.count(
        "SELECT count(*) FROM reports WHERE submitted_at >= '2026-10-01' AND submitted_at < '2026-11'",
    );
    assert_eq!(lines[1]["rows"], october);
    assert!(lines[1]["out"].as_str().unwrap().ends_with("thang-10.csv"));

    // Report 5's reporter was seen by the reveal, and by the export if it held report 5.
    let submitted: String = env
        .read_only()
        .query_row("SELECT submitted_at FROM reports WHERE id = 5", [], |r| {
            r.get(0)
        })
        .unwrap();
    let in_october = submitted.as_str() >= "2026-10-01" && submitted.as_str() < "2026-11";
    let five = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", "5"],
        )
        .success()
        .json();
    assert_eq!(array(&five).len(), if in_october { 2 } else { 1 }, "{five}");
    // A report outside the export's period: nobody saw its reporter.
    let before_october: i64 = env.column::<i64>(
        "SELECT id FROM reports WHERE submitted_at < '2026-10-01' ORDER BY id LIMIT 1",
    )[0];
    let none = env
        .run_as(
            AUDITOR,
            &[
                "--format",
                "json",
                "audit",
                "reveals",
                "--report",
                &before_october.to_string(),
            ],
        )
        .success()
        .json();
    assert!(array(&none).is_empty(), "{none}");
    // By the time of the event.
    let seventh = env
        .run_as(
            ADMIN,
            &[
                "--format",
                "json",
                "audit",
                "reveals",
                "--from",
                "07/10/2026",
                "--to",
                "2026-10-07",
            ],
        )
        .success()
        .json();
    assert_eq!(array(&seventh).len(), 1);
    assert_eq!(array(&seventh)[0]["action"], "export_full");

    // The Vietnamese table: officials' times and words, never the identity.
    let wide = |args: &[&str]| env.at_columns(250, args);
    let table = wide(&["--as", AUDITOR, "audit", "reveals"]);
    table
        .success()
        .stdout_has("06/10/2026")
        .stdout_has("09:15")
        .stdout_has("Xem danh tính")
        .stdout_has("Xuất đầy đủ")
        .stdout_has("gọi lại xác minh vị trí");
    let english = wide(&["--as", AUDITOR, "--lang", "en", "audit", "reveals"]);
    english
        .success()
        .stdout_has("Identity shown")
        .stdout_has("2026-10-06");
    let csv = env.run_as(AUDITOR, &["--format", "csv", "audit", "reveals"]);
    csv.success()
        .stdout_has("event,at,actor,login,action,report_id,rows,from,to,out,reason");
    for run in [&table, &english, &csv] {
        run.never_shows(FIVE_NAME).never_shows(FIVE_PHONE);
    }

    // Who may ask: admin and auditor; the others are refused and the refusal logged.
    for user in [RECEPTION, HANDLER_SXD, LEADER] {
        let before = env.fingerprint();
        env.run_as(user, &["audit", "reveals"])
            .failure()
            .one_line_error()
            .stderr_has("audit reveals");
        env.assert_only_refusal(&before, user);
    }
}

#[test]
fn every_way_to_see_an_identity_needs_a_reason_and_is_logged_with_it() {
    let env = TestEnv::validated();
    let reveals = "SELECT count(*) FROM events WHERE action IN ('reveal', 'export_full')";
    for args in [
        vec!["show", "5", "--reveal"],
        vec!["show", "5", "--reveal", "--reason", "  "],
        vec!["export", "csv"],
        vec!["export", "csv", "--out", "x.csv"],
    ] {
        let run = env.run_as(RECEPTION, &args);
        run.failure()
            .one_line_error()
            .stderr_has("--reason")
            .never_shows(FIVE_NAME)
            .never_shows(FIVE_PHONE);
        assert!(run.stdout.is_empty(), "{run}");
        assert_eq!(env.count(reveals), 0, "{args:?}");
    }
    assert!(!env.dir().join("x.csv").exists());
    assert!(!env.dir().join("x.csv.partial").exists());
    env.run_as(RECEPTION, &["--lang", "en", "show", "5", "--reveal"])
        .failure()
        .stderr_has("say why");
    // A role that may not see identities is refused as before, reason or not.
    env.run_as(LEADER, &["show", "5", "--reveal"])
        .failure()
        .stderr_has("không được phép");

    env.run_as(
        RECEPTION,
        &["show", "5", "--reveal", "--reason", "xác minh"],
    )
    .success();
    env.run_as(RECEPTION, &["export", "csv", "--reason", "đối chiếu"])
        .success();
    let reasons = env.column::<String>(
        "SELECT json_extract(payload, '$.reason') FROM events
          WHERE action IN ('reveal', 'export_full') ORDER BY id",
    );
    assert_eq!(reasons, ["xác minh", "đối chiếu"]);
    // A reason that names the reporter or gives a phone keeps them out of the log, which
    // `audit reveals` shows to auditors. A full export covers many reporters, so any name
    // after a form of address is hidden from its reason ("anh Tư" may be one of them).
    env.run_as(
        RECEPTION,
        &[
            "show",
            "5",
            "--reveal",
            "--reason",
            "gọi chị Phan Ngọc Hoa, 039 467 6598",
        ],
    )
    .success();
    env.run_as(
        RECEPTION,
        &["export", "csv", "--reason", "anh Tư nhờ, gọi 0913 222 333"],
    )
    .success();
    let reasons = env.column::<String>(
        "SELECT json_extract(payload, '$.reason') FROM events
          WHERE action IN ('reveal', 'export_full') ORDER BY id",
    );
    assert_eq!(
        reasons[2..],
        ["gọi chị [đã ẩn], [đã ẩn]", "anh [đã ẩn] nhờ, gọi [đã ẩn]"]
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().mode() & 0o777
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn init_over_a_loose_empty_file_makes_it_and_its_side_files_private() {
    let env = TestEnv::empty();
    for suffix in ["", "-wal", "-shm"] {
        let file = with_suffix(env.db(), suffix);
        std::fs::write(&file, b"").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
    }
    env.run(&["init", "--auth", "trust"]).success();
    for suffix in ["", "-wal", "-shm"] {
        let file = with_suffix(env.db(), suffix);
        if file.exists() {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
    assert_eq!(mode(env.db()), 0o600);
    // The side files SQLite makes while the database is open take its mode.
    let conn = env.writable();
    let _: i64 = conn
        .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))
        .unwrap();
    for suffix in ["-wal", "-shm"] {
        let file = with_suffix(env.db(), suffix);
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    drop(conn);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn a_database_open_to_every_account_is_narrowed_and_the_reason_said() {
    let env = TestEnv::validated();
    env.run_as(ADMIN, &["list", "--limit", "1"]).success();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let wal = with_suffix(env.db(), "-wal");
    if wal.exists() {
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o666)).unwrap();
    }
    let run = env.run_as(ADMIN, &["list", "--limit", "1"]);
    run.success()
        .stderr_has("Đã thu hẹp quyền")
        .stderr_has("0644")
        .stderr_has("họ tên, số điện thoại người phản ánh");
    assert_eq!(mode(env.db()), 0o640);
    for suffix in ["-wal", "-shm"] {
        let file = with_suffix(env.db(), suffix);
        if file.exists() {
            assert_eq!(mode(&file) & 0o007, 0, "{}", file.display());
        }
    }
    // Once narrowed, nothing more is said.
    let again = env.run_as(ADMIN, &["list", "--limit", "1"]);
    assert!(!again.success().stderr.contains("thu hẹp"), "{again}");
    // A writing command, in English.
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o606)).unwrap();
    env.run_as(ADMIN, &["--lang", "en", "validate"])
        .success()
        .stderr_has("narrowed")
        .stderr_has("names and phones");
    assert_eq!(mode(env.db()), 0o600);
}

/// Each command that writes a file with personal data (or a document about reports), by
/// whom, and the file it is given with `--out`.
fn writers(env: &TestEnv) -> Vec<(&'static str, Vec<String>, PathBuf)> {
    let writer = |role, args: &[&str], name: &str| {
        let out = env.dir().join(name);
        let mut args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        args.extend(["--out".to_owned(), out.to_str().unwrap().to_owned()]);
        (role, args, out)
    };
    let month = ["report", "monthly", "--period", "2026-10"];
    vec![
        writer(
            RECEPTION,
            &["export", "csv", "--reason", "đối chiếu"],
            "toan-bo.csv",
        ),
        writer(LEADER, &["export", "csv", "--public"], "cong-khai.csv"),
        writer(AUDITOR, &["score", "--year", "2026"], "diem.csv"),
        writer(
            LEADER,
            &[&["--format", "html"][..], &month].concat(),
            "bao-cao.html",
        ),
        writer(RECEPTION, &["backup"], "sao-luu.sqlite"),
        writer(LEADER, &month, "bao-cao.xlsx"),
        writer(AUDITOR, &["score", "--year", "2026"], "diem.xlsx"),
    ]
}

/// `--force` lets the report and the scores (HTML, CSV, JSON, the Excel workbooks) take the
/// place of a file already there: one left readable by every account is replaced by a new
/// file of its owner's only, never rewritten in place where its loose mode would stay; a
/// link planted there is refused even so, and what it points at is left as it was; and a
/// loose file planted where the new one is first written (`F.partial`) is refused, left as
/// it was, never written into.
#[test]
fn forced_over_a_loose_file_the_report_and_score_files_are_new_and_private() {
    let env = TestEnv::validated();
    let victim = env.dir().join("victim.txt");
    let untouched = b"the attacker's target, unchanged\n";
    for (user, args, file) in writers(&env) {
        if !matches!(args[0].as_str(), "report" | "score" | "--format") {
            continue;
        }
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        args.push("--force");
        std::fs::write(&file, b"loose").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        let before = std::fs::metadata(&file).unwrap().ino();
        env.run_as(user, &args).success();
        assert_eq!(mode(&file), 0o600, "{args:?}");
        assert_ne!(std::fs::metadata(&file).unwrap().ino(), before, "{args:?}");
        assert_ne!(std::fs::read(&file).unwrap(), b"loose", "{args:?}");
        std::fs::remove_file(&file).unwrap();
        std::fs::write(&victim, untouched).unwrap();
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        env.run_as(user, &args).failure().one_line_error();
        assert_eq!(std::fs::read(&victim).unwrap(), untouched, "{args:?}");
        assert_eq!(mode(&victim), 0o644, "{args:?}");
        std::fs::remove_file(&file).unwrap();
        // A file readable by every account left where the new one is written first: were it
        // written into, whoever planted it would read the figures.
        let partial = with_suffix(&file, ".partial");
        std::fs::write(&partial, b"planted").unwrap();
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o666)).unwrap();
        env.run_as(user, &args).failure().one_line_error();
        assert_eq!(std::fs::read(&partial).unwrap(), b"planted", "{args:?}");
        assert!(!file.exists(), "{args:?}");
        std::fs::remove_file(&partial).unwrap();
    }
}

#[test]
fn files_written_are_private_and_never_written_through_a_planted_link() {
    let env = TestEnv::validated();
    let victim = env.dir().join("victim.txt");
    let untouched = b"the attacker's target, unchanged\n";
    for (user, args, file) in writers(&env) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let partial = with_suffix(&file, ".partial");
        // A link planted at F.partial, to an existing file and to a file not yet made.
        for target in [victim.clone(), env.dir().join("made-through-the-link")] {
            if target == victim {
                std::fs::write(&victim, untouched).unwrap();
                std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
            }
            std::os::unix::fs::symlink(&target, &partial).unwrap();
            let run = env.run_as(user, &args);
            run.failure().one_line_error();
            assert!(!file.exists(), "{args:?}: {run}");
            if target == victim {
                assert_eq!(std::fs::read(&victim).unwrap(), untouched, "{args:?}");
                assert_eq!(mode(&victim), 0o644, "{args:?}");
            } else {
                assert!(!target.exists(), "{args:?} wrote through the link");
            }
            std::fs::remove_file(&partial).unwrap();
        }
        // A link planted at F itself.
        std::fs::write(&victim, untouched).unwrap();
        std::os::unix::fs::symlink(&victim, &file).unwrap();
        let run = env.run_as(user, &args);
        run.failure().one_line_error();
        assert_eq!(std::fs::read(&victim).unwrap(), untouched, "{args:?}");
        assert!(
            std::fs::symlink_metadata(&file)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(!partial.exists(), "{args:?} left {}", partial.display());
        std::fs::remove_file(&file).unwrap();

        // Nothing planted: the file is made, its owner's only, whatever the umask.
        let run = env.run_as(user, &args);
        run.success();
        assert_eq!(mode(&file), 0o600, "{args:?}");
        assert!(!partial.exists());
    }
    // The full export went to the file, not through the shell, and was logged.
    let full = std::fs::read_to_string(env.dir().join("toan-bo.csv")).unwrap();
    assert!(full.contains(FIVE_NAME) && full.contains(FIVE_PHONE));
    assert_eq!(env.count(FULL_EXPORTS), 1);
}

#[test]
fn the_json_payloads_never_hold_the_identity_a_text_hid() {
    // What the warning and the log say is kinds and counts: the verify event's payload is
    // empty, as before.
    let (env, id) = the_issues_report();
    env.run_as(RECEPTION, &["verify", &id, "--approve"])
        .success();
    let payload: String = env
        .read_only()
        .query_row(
            "SELECT payload FROM events WHERE action = 'verify_approve'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let payload: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload, json!({}));
    let printed = env
        .run_as(RECEPTION, &["--format", "json", "publish", &id])
        .success()
        .json();
    no_identity(&printed.to_string());
}

/// Leaders and auditors read every report but may not know who sent it (Đ6.5): the name
/// and phone the citizen wrote into the content, and the agency into its result, are hidden
/// from them in `show` and `list` as in the public views, and searching for them finds
/// nothing. Before, both roles read "Tôi là Nguyễn Văn Bình, số điện thoại 0912 345 678"
/// beside the masks `Ng*** V** B***`, `09******78`. Reception, which may see the identity,
/// reads the texts as written.
/// What `user`, who may not see report `id`'s identity, reads of it and of the list: none of
/// it holds the identity. Returns `show --format json`.
fn read_without_identity_rights(env: &TestEnv, user: &str, id: &str) -> Value {
    for args in [
        vec!["show", id],
        vec!["show", id, "--format", "json"],
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "json"],
    ] {
        let run = env.run_as(user, &args);
        run.success();
        no_identity(&format!("{}{}", run.stdout, run.stderr));
    }
    env.json_as(user, &["show", id])
}

#[test]
fn readers_without_identity_rights_do_not_find_it_in_the_free_texts() {
    let (env, id) = the_issues_report();
    let found = |user: &str, search: &str| -> bool {
        let listed = env.json_as(user, &["list", "--search", search]);
        array(&listed)
            .iter()
            .any(|r| r["id"].as_i64() == id.parse().ok())
    };
    for user in [LEADER, AUDITOR] {
        let shown = read_without_identity_rights(&env, user, &id);
        assert_eq!(shown["content"], HIDDEN_CONTENT);
        assert_eq!(shown["result"], HIDDEN_RESULT);
        for secret in ["0912", "0912 345 678", "Bình", "binh"] {
            assert!(
                !found(user, secret),
                "{user} found the report by {secret:?}"
            );
        }
        assert!(
            found(user, "Phan Ngọc Hiển"),
            "the rest of the text is searched"
        );
    }
    let shown = env.json_as(RECEPTION, &["show", &id]);
    assert_eq!(shown["content"], CONTENT);
    assert_eq!(shown["result"], RESULT);
    assert!(found(RECEPTION, "0912 345 678"));
}

/// The audit log keeps an agency's reply as typed ("Đã liên hệ ông Bình (0912345678)"):
/// leaders and auditors read it with the identity hidden and without that event's seal,
/// which covers the text as typed and would let them test guesses of what was hidden;
/// reception reads it as typed, sealed. Without the key the name cannot be known, and the
/// typed text is hidden whole. `audit verify` is untouched.
#[test]
fn the_audit_log_hides_an_identity_typed_into_a_reply_from_readers_without_rights() {
    let (env, id) = the_issues_report();
    let reply_of = |user: &str| -> Value {
        let log = env.json_as(user, &["audit", "log", &id]);
        let reply = array(&log)
            .iter()
            .find(|e| e["action"] == "reply")
            .expect("the reply is in the log")
            .clone();
        assert!(
            array(&log).iter().any(|e| e.get("hash").is_some()),
            "the other events keep their seals"
        );
        reply
    };
    let text = |event: &Value| -> String {
        let payload: Value = serde_json::from_str(event["payload"].as_str().unwrap()).unwrap();
        payload["text"].as_str().unwrap().to_owned()
    };
    for user in [LEADER, AUDITOR] {
        for format in ["table", "csv", "json"] {
            let run = env.run_as(user, &["audit", "log", &id, "--format", format]);
            run.success();
            no_identity(&run.stdout);
        }
        let reply = reply_of(user);
        assert_eq!(text(&reply), HIDDEN_RESULT);
        assert!(reply.get("hash").is_none(), "{reply}");
    }
    let reply = reply_of(RECEPTION);
    assert_eq!(text(&reply), RESULT);
    assert!(reply.get("hash").is_some());
    env.run_as(AUDITOR, &["audit", "verify"]).success();
    std::fs::remove_file(env.key()).unwrap();
    let reply = reply_of(LEADER);
    assert_eq!(text(&reply), "[đã ẩn]");
    assert!(reply.get("hash").is_none());
}

/// A report ingested with these texts and identity, classified, assigned and answered with
/// `reply` by the agency, then approved and published: what each step said on standard
/// error, approve's and publish's.
fn published_report(
    env: &TestEnv,
    external_id: &str,
    texts: [&str; 3],
    identity: [&str; 2],
) -> (String, [Run; 2]) {
    let [content, address, reply] = texts;
    let [name, phone] = identity;
    let record = record_of_5_october(
        external_id,
        json!({
            "content": content,
            "media": ["https://example.vn/anh/1.jpg"],
            "address": address,
            "reporter_name": name,
            "reporter_phone": phone,
            "consent": true
        }),
    );
    let id = env
        .ingest_validated(&format!("{external_id}.jsonl"), &record)
        .1
        .to_string();
    assert_eq!(env.status_of(&id), "accepted");
    classify_and_assign_to_sxd(env, &id);
    env.run_as(HANDLER_SXD, &["reply", &id, "--text", reply])
        .success();
    let approved = env.run_as(RECEPTION, &["verify", &id, "--approve"]);
    approved.success();
    let published = env.run_as(RECEPTION, &["--lang", "en", "publish", &id]);
    published.success();
    (id, [approved, published])
}

/// The texts of `external_id` in every public view: JSON and XML `export open311`, `export
/// csv --public`, each as (description, status_notes, address).
fn public_views(env: &TestEnv, external_id: &str) -> Vec<[String; 3]> {
    let json = env
        .run_as(AUDITOR, &["export", "open311", "--id", external_id])
        .success()
        .json();
    let request = &array(&json)[0];
    let field = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut views = vec![[
        field(&request["description"]),
        field(&request["status_notes"]),
        field(&request["address"]),
    ]];
    let xml = env.run_as(
        AUDITOR,
        &["--format", "xml", "export", "open311", "--id", external_id],
    );
    xml.success();
    let text_of = |name: &str| xml_text(&xml.stdout, name).unwrap_or_default();
    views.push([
        text_of("description"),
        text_of("status_notes"),
        text_of("address"),
    ]);
    let (row, _) = public_csv_row(env, external_id);
    let cell = |name: &str| row[name].clone();
    views.push([cell("description"), cell("status_notes"), cell("address")]);
    views
}

/// The texts of report `id` as a reader without identity rights reads them in `show`:
/// (content, result, address).
fn shown_to(env: &TestEnv, user: &str, id: &str) -> [String; 3] {
    let shown = env.json_as(user, &["show", id]);
    let field = |key: &str| shown[key].as_str().unwrap_or_default().to_owned();
    [field("content"), field("result"), field("address")]
}

/// The reporter's name as people in Cà Mau
/// write it (a birth-order name, the given name in lower case before a word, middle and
/// given name, a misplaced horn, initials run together) and their phone in its 11-digit
/// form of before 2018 were published and logged whole.
#[test]
fn the_southern_ways_of_naming_the_reporter_and_an_old_phone_are_hidden() {
    let env = TestEnv::seeded();
    let (id, [approved, published]) = published_report(
        &env,
        "CMG-2026-000931",
        [
            "Ổ gà lớn trước nhà số 12. Người viết: cô Hai Phượng. \
             Người viết: chị phượng ở khóm 3. Người viết: Mỹ Phượng, khóm 3. \
             Người viết: Phuợng (Nguyễn Thị Mỹ). Người viết: N.T.M. Phượng. \
             Gọi số cũ 0121 234 5678.",
            "Số 12 đường Lý Thường Kiệt",
            "Đã vá ổ gà, đã báo chị Tư Phượng qua số 01212345678.",
        ],
        ["Nguyễn Thị Mỹ Phượng", "0792345678"],
    );
    approved
        .stderr_has("6 họ tên, 2 số điện thoại")
        .stderr_has("họ tên người phản ánh");
    published.stderr_has("6 names, 2 phone numbers");
    let named = |text: &str| {
        ["Phượng", "phượng", "Phuợng", "N.T.M"]
            .iter()
            .any(|w| text.contains(w))
    };
    for run in [&approved, &published] {
        assert!(!named(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains("5678"), "{}", run.stderr);
    }
    let hidden_result = "Đã vá ổ gà, đã báo chị [đã ẩn] qua số [đã ẩn].";
    for [description, notes, _] in public_views(&env, "CMG-2026-000931") {
        assert_eq!(
            description,
            "Ổ gà lớn trước nhà số 12. Người viết: cô [đã ẩn]. \
             Người viết: chị [đã ẩn] ở khóm 3. Người viết: [đã ẩn], khóm 3. \
             Người viết: [đã ẩn]. Người viết: [đã ẩn]. \
             Gọi số cũ [đã ẩn]."
        );
        assert_eq!(notes, hidden_result);
    }
    let [content, result, _] = shown_to(&env, LEADER, &id);
    assert!(!named(&content), "{content}");
    assert_eq!(result, hidden_result);

    // A reason typed into the log, as the auditor reads it.
    env.run_as(
        RECEPTION,
        &[
            "show",
            &id,
            "--reveal",
            "--reason",
            "theo đơn của cô Hai Phượng, số cũ 0121 234 5678",
        ],
    )
    .success();
    let reveals = env
        .run_as(
            AUDITOR,
            &["--format", "json", "audit", "reveals", "--report", &id],
        )
        .success()
        .json();
    assert_eq!(
        array(&reveals)[0]["reason"],
        "theo đơn của cô [đã ẩn], số cũ [đã ẩn]"
    );
}

/// Names8: the reporter's name cut before its given name ("Nguyễn Thị Mỹ, khóm 3") or with
/// the given name cut to its initial ("Nguyễn Thị Mỹ P.") was published whole, and for a
/// Lê Thị Dương the street "Đường Lê Duẩn" was published as "[đã ẩn] Duẩn".
#[test]
fn a_name_cut_short_is_hidden_and_a_street_like_the_name_is_not() {
    let env = TestEnv::seeded();
    let (_, [approved, _]) = published_report(
        &env,
        "CMG-2026-000940",
        [
            "Ổ gà lớn trước nhà số 12. Người viết: Nguyễn Thị Mỹ, khóm 3.",
            "Số 12 đường Lý Thường Kiệt",
            "Đã vá ổ gà, đã báo Nguyễn Thị Mỹ P. và Nguyễn Thị Mỹ P qua điện thoại.",
        ],
        ["Nguyễn Thị Mỹ Phượng", "0792345678"],
    );
    approved.stderr_has("3 họ tên");
    for [description, notes, _] in public_views(&env, "CMG-2026-000940") {
        assert_eq!(
            description,
            "Ổ gà lớn trước nhà số 12. Người viết: [đã ẩn], khóm 3."
        );
        assert_eq!(
            notes,
            "Đã vá ổ gà, đã báo [đã ẩn]. và [đã ẩn] qua điện thoại."
        );
    }

    published_report(
        &env,
        "CMG-2026-000941",
        [
            "Đường Lê Duẩn hư hỏng nặng. Người viết: chị Dương.",
            "Số 5 Đường Lê Duẩn",
            "Đã sửa Đường Lê Duẩn, đã báo Lê Dương.",
        ],
        ["Lê Thị Dương", "0792345679"],
    );
    for [description, notes, address] in public_views(&env, "CMG-2026-000941") {
        assert_eq!(
            description,
            "Đường Lê Duẩn hư hỏng nặng. Người viết: chị [đã ẩn]."
        );
        assert_eq!(notes, "Đã sửa Đường Lê Duẩn, đã báo [đã ẩn].");
        assert!(address.starts_with("Số 5 Đường Lê Duẩn"), "{address}");
    }
}

/// A stock phrase of a reply lost its given-name half ("Mong
/// anh [đã ẩn] cảm" can only be "thông cảm") and "Nhà Văn Hóa" its name; a handle in lower
/// case, "Út Phượng" and an old number without its 0 were published; the name after
/// "phường" was hidden one word off, in the public views and in ingest's warning about an
/// unknown commune.
#[test]
fn stock_phrases_stay_and_a_handle_a_birth_order_name_and_a_name_after_a_ward_are_hidden() {
    let env = TestEnv::seeded();
    let (_, [approved, _]) = published_report(
        &env,
        "CMG-2026-000950",
        [
            "Đèn đường hỏng trước Nhà Văn Hóa ấp 3.",
            "Số 12 ấp 3",
            "Đã hoàn thành thay bóng đèn. Mong anh thông cảm vì chậm trễ.",
        ],
        ["Trần Văn Thông", "0912345670"],
    );
    assert!(!approved.stderr.contains("họ tên"), "{}", approved.stderr);
    for [description, notes, _] in public_views(&env, "CMG-2026-000950") {
        assert_eq!(description, "Đèn đường hỏng trước Nhà Văn Hóa ấp 3.");
        assert_eq!(
            notes,
            "Đã hoàn thành thay bóng đèn. Mong anh thông cảm vì chậm trễ."
        );
    }

    let (_, [approved, _]) = published_report(
        &env,
        "CMG-2026-000951",
        [
            "Ổ gà lớn. Liên hệ facebook.com/nguyenthimyphuong hoặc Út Phượng, số cũ 121 234 5678.",
            "Số 12",
            "Đã báo công an phường Nguyễn Thị Mỹ Phượng ký tên.",
        ],
        ["Nguyễn Thị Mỹ Phượng", "0792345678"],
    );
    approved.stderr_has("3 họ tên");
    no_identity_of_phuong(&approved.stderr);
    for [description, notes, _] in public_views(&env, "CMG-2026-000951") {
        assert_eq!(
            description,
            "Ổ gà lớn. Liên hệ facebook.com/[đã ẩn] hoặc [đã ẩn], số cũ [đã ẩn]."
        );
        assert_eq!(notes, "Đã báo công an phường [đã ẩn] ký tên.");
    }

    let file = env.dir().join("cmg-952.jsonl");
    let record = record_of_5_october(
        "CMG-2026-000952",
        json!({
            "content": "Ổ gà lớn trước nhà.",
            "media": ["https://example.vn/anh/1.jpg"],
            "address": "Số 12",
            "commune": "Phường Nguyễn Thị Mỹ Phượng 0912345678",
            "reporter_name": "Nguyễn Thị Mỹ Phượng",
            "reporter_phone": "0912345678",
            "consent": true
        }),
    );
    std::fs::write(&file, format!("{record}\n")).unwrap();
    let ingest = env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()]);
    ingest
        .success()
        .stderr_has("“Phường [đã ẩn] [đã ẩn]” không có trong danh sách");
    no_identity_of_phuong(&ingest.stderr);
}

/// A citizen typed their name and phone as the report's address; the
/// public views printed it as typed, and `verify --approve` and `publish` counted only the
/// content and the result.
#[test]
fn an_identity_typed_as_the_address_is_hidden_from_the_public_and_warned_about() {
    let env = TestEnv::seeded();
    let (id, [approved, published]) = published_report(
        &env,
        "CMG-2026-000901",
        [
            "Cống thoát nước bị tắc, nước tràn lên mặt đường.",
            "Nhà ông Phạm Quốc Việt, 0933 444 555, Trần Hưng Đạo",
            "Đã nạo vét cống ngày 06/10/2026.",
        ],
        ["Phạm Quốc Việt", "0933 444 555"],
    );
    approved
        .stderr_has("Cảnh báo")
        .stderr_has("địa chỉ")
        .stderr_has("1 họ tên, 1 số điện thoại");
    published.stderr_has("1 name, 1 phone number");
    for run in [&approved, &published] {
        assert!(!run.stderr.contains("Việt") && !run.stderr.contains("0933"));
    }
    for [_, _, address] in public_views(&env, "CMG-2026-000901") {
        assert!(
            address.starts_with("Nhà ông [đã ẩn], [đã ẩn], Trần Hưng Đạo"),
            "{address}"
        );
    }
    for user in [LEADER, AUDITOR] {
        let [_, _, address] = shown_to(&env, user, &id);
        assert_eq!(address, "Nhà ông [đã ẩn], [đã ẩn], Trần Hưng Đạo");
    }
}

/// `erase` and the sweep's retention left the reporter's name empty, and
/// an empty name hid no name at all: "Tôi là [đã ẩn]" became "Tôi là Nguyễn Văn Bình" in
/// the public views and in a leader's `show`, "ông [đã ẩn]" became "ông Bình". The same
/// texts read the same before and after, each way of erasing.
#[test]
fn erasing_an_identity_brings_no_hidden_name_back() {
    let (env, id) = the_issues_report();
    env.run_as(RECEPTION, &["verify", &id, "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", &id]).success();
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "30"],
    )
    .success();
    let before = public_views(&env, "CMG-2026-000900");
    for [description, notes, _] in &before {
        assert_eq!(description, HIDDEN_CONTENT);
        assert_eq!(notes, HIDDEN_RESULT);
    }
    let shown_before = [LEADER, AUDITOR].map(|user| shown_to(&env, user, &id));
    assert_eq!(shown_before[0][0], HIDDEN_CONTENT);
    assert_eq!(shown_before[0][1], HIDDEN_RESULT);

    let by_hand = TestEnv::from_bytes(&env.snapshot());
    by_hand
        .run_as(
            ADMIN,
            &["erase", &id, "--reason", "Người phản ánh yêu cầu xóa"],
        )
        .success();
    let mut by_sweep = TestEnv::from_bytes(&env.snapshot());
    by_sweep.set_now("2026-12-01T08:00:00+07:00");
    by_sweep.run_as(RECEPTION, &["sweep"]).success();
    for erased in [&by_hand, &by_sweep] {
        assert_eq!(erased.show(&id)["identity_erased"], true);
        let after = public_views(erased, "CMG-2026-000900");
        assert_eq!(after, before);
        for view in &after {
            no_identity(&view.join("\n"));
        }
        for (n, user) in [LEADER, AUDITOR].into_iter().enumerate() {
            let shown = shown_to(erased, user, &id);
            assert_eq!(shown, shown_before[n], "{user}");
            no_identity(&shown.join("\n"));
        }
    }
}

/// The full export showed an erased identity as two empty cells, which a report that never
/// had a name would also show; then as the label "danh tính đã xóa" in the name column,
/// which a privacy officer's script read as the reporter's name. Every file a script reads
/// (the staff export, `list` and `show` as CSV and JSON) now leaves the name and phone empty
/// and says `identity_erased`; the tables a person reads keep the label.
#[test]
fn an_erased_identity_is_no_name_to_scripts_and_a_label_to_people() {
    let (env, id) = the_issues_report();
    env.run_as(
        ADMIN,
        &["erase", &id, "--reason", "Người phản ánh yêu cầu xóa"],
    )
    .success();
    let csv_row = |csv: &str, pick: &dyn Fn(&csv::StringRecord) -> bool| {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if csv.starts_with('\u{feff}') {
                b';'
            } else {
                b','
            })
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let row = reader.records().map(Result::unwrap).find(pick).unwrap();
        headers
            .iter()
            .zip(row.iter())
            .map(|(h, c)| (h.to_owned(), c.to_owned()))
            .collect::<BTreeMap<String, String>>()
    };
    for lang in ["vi", "en"] {
        let full = env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "export",
                "csv",
                "--reason",
                "trả lời thanh tra",
            ],
        );
        full.success().never_shows("đã xóa").never_shows("erased,");
        let row = csv_row(&full.stdout, &|r| r.get(1) == Some("CMG-2026-000900"));
        assert_eq!(row.len(), 33, "the columns, and identity_erased last");
        assert_eq!(row["identity_unopened"], "false");
        assert_eq!(row["reporter_name"], "");
        assert_eq!(row["reporter_phone"], "");
        assert_eq!(row["identity_erased"], "true");
    }
    // The CSV for Excel says it in the officer's words, in its own column.
    let excel = env.run_as(
        ADMIN,
        &[
            "--csv",
            "excel",
            "export",
            "csv",
            "--reason",
            "trả lời thanh tra",
        ],
    );
    let row = csv_row(&excel.success().stdout, &|r| {
        r.get(1) == Some("CMG-2026-000900")
    });
    assert_eq!(row["Người phản ánh"], "");
    assert_eq!(row["Danh tính đã xóa"], "Có", "{row:?}");

    let listed = env
        .run_as(ADMIN, &["--format", "json", "list"])
        .success()
        .json();
    let mine = array(&listed)
        .iter()
        .find(|r| r["external_id"] == "CMG-2026-000900")
        .unwrap();
    assert_eq!(mine["reporter_name"], Value::Null, "{mine:#}");
    assert_eq!(mine["identity_erased"], true);
    let list_csv = env.run_as(ADMIN, &["--format", "csv", "list"]);
    let row = csv_row(&list_csv.success().stdout, &|r| {
        r.get(1) == Some("CMG-2026-000900")
    });
    assert_eq!(row["reporter_name"], "");
    assert_eq!(row["identity_erased"], "true");

    for reveal in [&[][..], &["--reveal", "--reason", "trả lời thanh tra"][..]] {
        let shown = env
            .run_as(
                ADMIN,
                &[&["--format", "json", "show", &id][..], reveal].concat(),
            )
            .success()
            .json();
        assert_eq!(shown["reporter_name"], Value::Null, "{shown:#}");
        assert_eq!(shown["reporter_phone"], Value::Null);
        assert_eq!(shown["identity_erased"], true);
        env.run_as(
            ADMIN,
            &[&["--format", "csv", "show", &id][..], reveal].concat(),
        )
        .success()
        .never_shows("danh tính đã xóa");
    }

    // People read the label where the name would be.
    env.at_columns(200, &["--as", ADMIN, "list"])
        .success()
        .stdout_has("danh tính đã xóa");
    env.run_as(ADMIN, &["show", &id])
        .success()
        .stdout_has("danh tính đã xóa");
    env.run_as(ADMIN, &["--lang", "en", "show", &id])
        .success()
        .stdout_has("identity erased");
}

/// The reporter's own name in another order, hyphenated, or cut by a
/// zero-width space passed through the public views, a leader's `show` and the reasons
/// `audit reveals` prints.
#[test]
fn the_reporters_name_in_another_order_or_cut_stays_hidden() {
    let env = TestEnv::seeded();
    let (id, [approved, _]) = published_report(
        &env,
        "CMG-2026-000902",
        [
            "Tôi là Trần-Thị-Hồng-Nhung, đèn đường trước hẻm 5 không sáng.",
            "Hẻm 5, TRẦN\u{200b}THỊ\u{200b}HỒNG\u{200b}NHUNG",
            "Đã liên hệ bà Nhung Trần Thị Hồng, đã thay bóng đèn.",
        ],
        ["Trần Thị Hồng Nhung", "0912 345 679"],
    );
    approved.stderr_has("3 họ tên");
    let hidden = [
        "Tôi là [đã ẩn], đèn đường trước hẻm 5 không sáng.",
        "Đã liên hệ bà [đã ẩn], đã thay bóng đèn.",
    ];
    for [description, notes, address] in public_views(&env, "CMG-2026-000902") {
        assert_eq!([description.as_str(), notes.as_str()], hidden);
        assert!(address.starts_with("Hẻm 5, [đã ẩn]"), "{address}");
    }
    let [content, result, address] = shown_to(&env, LEADER, &id);
    assert_eq!([content.as_str(), result.as_str()], hidden);
    assert_eq!(address, "Hẻm 5, [đã ẩn]");
    env.run_as(
        RECEPTION,
        &[
            "show",
            &id,
            "--reveal",
            "--reason",
            "gọi lại bà Nhung-Trần-Thị-Hồng",
        ],
    )
    .success();
    let reveals = env.json_as(AUDITOR, &["audit", "reveals", "--report", &id]);
    let reason = array(&reveals)
        .iter()
        .find(|r| r["action"] == "reveal")
        .expect("the reveal is listed")["reason"]
        .clone();
    assert_eq!(reason, "gọi lại bà [đã ẩn]");
}

/// Phones and identity numbers in other spellings — a narrow no-break
/// space, a tab, slashes, the 00 international prefix, full-width digits, dots in a CMND —
/// were neither hidden nor warned about.
#[test]
fn phones_and_identity_numbers_in_other_spellings_are_hidden_and_warned_about() {
    let env = TestEnv::seeded();
    let (_, [approved, _]) = published_report(
        &env,
        "CMG-2026-000903",
        [
            "Gọi 0912\u{202f}345\u{202f}678 hoặc 0912\t345\t679, CMND 381.234.567.",
            "Hẻm 5, 0912/345/680",
            "Đã gọi 0084912345681 và ０３５５１２３４５６ ngày 06/10/2026, chi phí 1.500.000 đồng.",
        ],
        ["Lê Văn Tám", "0912 345 678"],
    );
    approved.stderr_has("5 số điện thoại, 1 số CMND/CCCD");
    for [description, notes, address] in public_views(&env, "CMG-2026-000903") {
        assert_eq!(description, "Gọi [đã ẩn] hoặc [đã ẩn], CMND [đã ẩn].");
        assert_eq!(
            notes,
            "Đã gọi [đã ẩn] và [đã ẩn] ngày 06/10/2026, chi phí 1.500.000 đồng."
        );
        assert!(address.starts_with("Hẻm 5, [đã ẩn]"), "{address}");
    }
}

/// A report loaded from Open311 carries no reporter's name: it is no erased report, and its
/// texts keep every name in them (a reviewer saw the agency handler, who must find the
/// place, read "Ngã tư [đã ẩn]" for a crossroads after shape-hiding reached such reports).
#[test]
fn a_report_that_never_had_a_name_keeps_the_places_in_its_texts() {
    let mut env = TestEnv::demo();
    env.set_now("2026-11-02T11:20:00+07:00");
    let file = env.dir().join("o.json");
    std::fs::write(
        &file,
        r#"[{"service_request_id":"O311-77","status":"open","service_code":"GT","service_name":"Giao thông","description":"Ngã tư Phan Ngọc Hiển, gần trụ sở Đoàn Thanh niên phường, đèn tín hiệu hỏng 3 ngày.","requested_datetime":"2026-11-02T11:00:00+07:00","address":"Số 12 Nguyễn Tất Thành, khóm 3","lat":9.17,"long":105.15,"media_url":"https://camau-g.camau.gov.vn/media/2026/11/aa.jpg"}]"#,
    )
    .unwrap();
    env.run_as(
        RECEPTION,
        &[
            "ingest",
            "--input-format",
            "open311",
            "--validate",
            file.to_str().unwrap(),
        ],
    )
    .success();
    classify_and_assign_to_sxd(&env, "ext:O311-77");
    for role in [HANDLER_SXD, LEADER] {
        let shown = env.json_as(role, &["show", "ext:O311-77"]);
        assert!(
            shown["content"]
                .as_str()
                .unwrap()
                .starts_with("Ngã tư Phan Ngọc Hiển, gần trụ sở Đoàn Thanh niên phường"),
            "{shown}"
        );
        assert_eq!(
            shown["address"], "Số 12 Nguyễn Tất Thành, khóm 3",
            "{shown}"
        );
    }
}

/// After `erase`, names were looked for by their shape only, and
/// "cho Nguyễn Văn Bình" ("cho" read as "chợ", a market), a Khmer family name ("Danh
/// Sang"), a name in lower case without marks, "Nhà Ông Hùng" and a name of five words came
/// back into the public views. The erasure now keeps where the name stood (offsets and a
/// digest of the public text, nothing personal), so every view reads as before it, word
/// for word, and `audit verify` stays whole.
#[test]
fn an_erasure_shows_no_name_the_known_name_hid() {
    let env = TestEnv::seeded();
    let cases = [
        (
            "CMG-2026-000910",
            [
                "Nhờ chuyển giấy mời cho Nguyễn Văn Bình; cán bộ liên hệ nguyen van binh ở tổ 5.",
                "Tổ 5, khóm 1",
                "Đã liên hệ Nguyễn văn bình và sửa cống.",
            ],
            ["Nguyễn Văn Bình", "0912000001"],
            ["bình", "binh"],
        ),
        (
            "CMG-2026-000911",
            [
                "Gia đình Danh Sang xin phản ánh đường ấp 7 sạt lở.",
                "Ấp 7",
                "Đã làm việc với Danh Sang, gia cố đường.",
            ],
            ["Danh Sang", "0912000002"],
            ["sang", "danh"],
        ),
        (
            "CMG-2026-000912",
            [
                "Kính gửi UBND phường. Nhà Ông Hùng ở tổ 5 bị ngập.",
                "Tổ 5",
                "Đã gửi kết quả cho Trần Văn Hùng.",
            ],
            ["Trần Văn Hùng", "0912000003"],
            ["hùng", "hung"],
        ),
        (
            "CMG-2026-000913",
            [
                "Người gửi: Nguyễn Ngọc Bảo Anh Thư, nhờ xử lý rác.",
                "Khóm 2",
                "Đã trả lời Nguyễn Ngọc Bảo Anh Thư.",
            ],
            ["Nguyễn Ngọc Bảo Anh Thư", "0912000004"],
            ["thư", "bảo anh"],
        ),
    ];
    let mut before = Vec::new();
    for (external_id, texts, identity, _) in &cases {
        let (id, _) = published_report(&env, external_id, *texts, *identity);
        let views = public_views(&env, external_id);
        let shown = shown_to(&env, LEADER, &id);
        before.push((id, views, shown));
    }
    let ids: Vec<&str> = before.iter().map(|(id, ..)| id.as_str()).collect();
    let mut erase = vec!["erase"];
    erase.extend(&ids);
    erase.extend(["--reason", "Người phản ánh yêu cầu xóa"]);
    env.run_as(ADMIN, &erase).success();
    for ((external_id, .., words), (id, views, shown)) in cases.iter().zip(&before) {
        assert_eq!(env.show(id)["identity_erased"], true);
        let after = public_views(&env, external_id);
        assert_eq!(&after, views, "{external_id}");
        assert_eq!(&shown_to(&env, LEADER, id), shown, "{external_id}");
        for view in &after {
            let folded = view.join("\n").to_lowercase();
            for word in *words {
                assert!(!folded.contains(word), "{word} in {view:?}");
            }
        }
    }
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// Phones written "0912 - 345 - 679" or with an en
/// dash, and a card number a few words after "CCCD", went public unwarned; a tax code was
/// hidden as a phone; and the warning gave counts only, so the editor could not see that a
/// public office's number would be hidden too. The editor now sees each item — the
/// reporter's own name and phone only as such, never as written.
#[test]
fn the_editor_is_told_which_items_a_public_text_will_hide() {
    let env = TestEnv::seeded();
    let (id, [approved, published]) = published_report(
        &env,
        "CMG-2026-000920",
        [
            "Hàng xóm, SĐT 0912 - 345 - 679, xả nước thải. Số CCCD của tôi là 079.188.001.234. \
             Tôi là Võ Văn Kiệt, gọi 0912 345 678.",
            "Đường Võ Văn Kiệt",
            "Đã bơm nước đường Võ Văn Kiệt; công ty Minh Phát (MST 0312345678); \
             gọi lại 0912–345–680 không được; liên hệ UBND phường (0290) 3672 749.",
        ],
        ["Võ Văn Kiệt", "0912 345 678"],
    );
    approved
        .stderr_has("1 họ tên, 4 số điện thoại, 1 số CMND/CCCD")
        .stderr_has("“0912 - 345 - 679”")
        .stderr_has("“079.188.001.234”")
        .stderr_has("“0912–345–680”")
        .stderr_has("“(0290) 3672 749”")
        .stderr_has("họ tên người phản ánh, số điện thoại người phản ánh");
    published
        .stderr_has("1 name, 4 phone numbers, 1 identity number")
        .stderr_has("the reporter's name, the reporter's phone");
    for run in [&approved, &published] {
        assert!(!run.stderr.contains("Kiệt") && !run.stderr.contains("0912 345 678"));
        assert!(!run.stderr.contains("0312345678"), "a tax code is no phone");
    }
    for [description, notes, address] in public_views(&env, "CMG-2026-000920") {
        assert_eq!(
            description,
            "Hàng xóm, SĐT [đã ẩn], xả nước thải. Số CCCD của tôi là [đã ẩn]. \
             Tôi là [đã ẩn], gọi [đã ẩn]."
        );
        assert_eq!(
            notes,
            "Đã bơm nước đường Võ Văn Kiệt; công ty Minh Phát (MST 0312345678); \
             gọi lại [đã ẩn] không được; liên hệ UBND phường [đã ẩn]."
        );
        assert!(address.starts_with("Đường Võ Văn Kiệt"), "{address}");
    }
    // The warning is no event: the approval's and the publication's payloads stay empty.
    let log = env.run_as(ADMIN, &["audit", "log", &id, "--format", "json"]);
    let log = log.success().json();
    let steps: Vec<&Value> = array(&log)
        .iter()
        .filter(|e| {
            ["verify_approve", "publish"].contains(&e["action"].as_str().unwrap_or_default())
        })
        .collect();
    assert_eq!(steps.len(), 2, "{log}");
    for event in steps {
        assert_eq!(event["payload"], "{}", "{event}");
    }
}

/// The commune is free text to phananh (an unknown one is only warned of): a citizen wrote
/// "Phường An Xuyên (gọi Nguyễn Văn Bình 0912 345 678)" there. It reached the periodic report, the leader's `show` and `list`, and the public
/// feeds' address whole, while the same name in the content was hidden.
#[test]
fn a_name_and_phone_written_in_the_commune_are_hidden_wherever_the_content_is() {
    let env = TestEnv::seeded();
    let commune = "Phường An Xuyên (gọi Nguyễn Văn Bình 0912 345 678)";
    let hidden = "Phường An Xuyên (gọi [đã ẩn] [đã ẩn])";
    let file = env.dir().join("cmg-901.jsonl");
    let record = record_of_5_october(
        "CMG-2026-000901",
        json!({
            "content": CONTENT,
            "media": ["https://example.vn/anh/ngap.jpg"],
            "address": "Đường Phan Ngọc Hiển",
            "commune": commune,
            "reporter_name": NAME,
            "reporter_phone": "0912 345 678",
            "consent": true
        }),
    );
    std::fs::write(&file, format!("{record}\n")).unwrap();
    let ingest = env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()]);
    ingest.success();
    no_identity(&ingest.stderr);
    let id = env.id_of("CMG-2026-000901").to_string();
    assert_eq!(env.status_of(&id), "accepted");

    // Readers without identity rights: the commune as the content is, hidden.
    for user in [LEADER, AUDITOR] {
        let shown = read_without_identity_rights(&env, user, &id);
        assert_eq!(shown["commune"], hidden);
    }
    // The periodic report, in every form, counts the report under the commune as hidden
    // (its "điểm trung bình", the average rating, is no name: the whole name is looked for).
    let no_name = |text: &str| {
        let folded = text.to_lowercase();
        for secret in [
            "văn bình",
            "van binh",
            "0912",
            "345 678",
            "345678",
            "912 345",
        ] {
            assert!(!folded.contains(secret), "{secret} in:\n{text}");
        }
    };
    let month = ["report", "monthly", "--period", "2026-10"];
    for format in ["table", "csv", "json"] {
        let run = env.run_as(LEADER, &[&month[..], &["--format", format]].concat());
        run.success();
        no_name(&run.stdout);
        if format != "table" {
            assert!(run.stdout.contains(hidden), "{format}: {}", run.stdout);
        }
    }
    let html = env.dir().join("thang-10.html");
    env.run_as(
        LEADER,
        &[
            &month[..],
            &["--format", "html", "--out", html.to_str().unwrap()],
        ]
        .concat(),
    )
    .success();
    no_name(&std::fs::read_to_string(&html).unwrap());
    // The public feeds: the address, with the commune added, hides them too.
    let open311 = env
        .run_as(RECEPTION, &["export", "open311", "--id", "CMG-2026-000901"])
        .success()
        .stdout
        .clone();
    no_identity(&open311);
    assert!(open311.contains(hidden), "{open311}");
    let public = env
        .run_as(RECEPTION, &["export", "csv", "--public"])
        .success()
        .stdout
        .clone();
    no_identity(&public);
    // Reception, who may see the identity, reads the commune as it was written.
    let shown = env.json_as(RECEPTION, &["show", &id]);
    assert_eq!(shown["commune"], commune);
}

/// The periodic report hid a name in the commune only by its shape
/// (after a family name of a list), so a reporter whose family name no list holds was
/// printed in full where `show` hides it. Now each report's commune is hidden with that
/// report's own name, in every format.
#[test]
fn the_periodic_report_hides_the_reporters_own_name_in_the_commune() {
    let env = TestEnv::seeded();
    let commune = "Phường An Xuyên (gọi Khưu Văn Tám 0912 345 678)";
    let hidden = "Phường An Xuyên (gọi [đã ẩn] [đã ẩn])";
    let record = record_of_5_october(
        "CMG-2026-000902",
        json!({
            "content": "Đường Phan Ngọc Hiển ngập sâu sau cơn mưa, xe máy chết máy hàng loạt.",
            "media": ["https://example.vn/anh/ngap.jpg"],
            "address": "Đường Phan Ngọc Hiển",
            "commune": commune,
            "reporter_name": "Khưu Văn Tám",
            "reporter_phone": "0912 345 678",
            "consent": true
        }),
    );
    let id = env.ingest_validated("cmg-902.jsonl", &record).1.to_string();
    assert_eq!(env.status_of(&id), "accepted");
    let shown = read_without_identity_rights(&env, LEADER, &id);
    assert_eq!(shown["commune"], hidden);

    let no_name = |what: &str, text: &str| {
        for secret in ["Khưu", "Tám", "0912", "345 678"] {
            assert!(!text.contains(secret), "{what}: {secret} in:\n{text}");
        }
    };
    let month = ["report", "monthly", "--period", "2026-10"];
    for format in ["table", "csv", "json"] {
        let run = env.run_as(LEADER, &[&month[..], &["--format", format]].concat());
        run.success();
        no_name(format, &run.stdout);
        assert!(run.stdout.contains(hidden), "{format}: {}", run.stdout);
    }
    for (format, name) in [("html", "thang-10.html"), ("xlsx", "thang-10.xlsx")] {
        let out = env.dir().join(name);
        env.run_as(
            LEADER,
            &[&month[..], &["--out", out.to_str().unwrap()]].concat(),
        )
        .success();
        let text = if format == "html" {
            std::fs::read_to_string(&out).unwrap()
        } else {
            format!("{:?}", crate::xlsx::workbook(&out))
        };
        no_name(format, &text);
        assert!(text.contains(hidden), "{format}: {text}");
    }
}

/// The app id of [`thuy_published`]'s report.
const THUY_APP_ID: &str = "CMG-2026-099001";

/// A published report from Nguyễn Thị Thủy, signed "Thủy Nguyễn" in its content, which every
/// public view hides as her own name; its number, and the public views as they read then.
fn thuy_published(env: &TestEnv) -> (String, Vec<[String; 3]>) {
    let (id, _) = published_report(
        env,
        THUY_APP_ID,
        [
            "Ổ gà lớn trước nhà số 12. Người viết: Thủy Nguyễn, khóm 3.",
            "Số 12 đường Lý Thường Kiệt",
            "Đã vá ổ gà.",
        ],
        ["Nguyễn Thị Thủy", "0912345678"],
    );
    let views = public_views(env, THUY_APP_ID);
    assert!(
        views.iter().all(|v| !v.join(" ").contains("Thủy")),
        "{views:?}"
    );
    (id, views)
}

/// `erase` and the sweep's retention opened the key with `.ok()`. Without it
/// (a mistyped `--key-file`, a key moved to another disk that cron was not told of, a key
/// refused for its mode) they erased in silence and kept no places of the name, and a name
/// the known-name rule hid ("Thủy Nguyễn" for "Nguyễn Thị Thủy") came back into the public
/// feed. Now `erase` refuses, changing nothing, unless `--without-key`; the sweep does its
/// reminders, erases nothing and says why on stderr even with `--quiet`, exit 1. With the
/// key back, the sweep's erasure keeps the places and the feed reads as before.
#[test]
fn an_erasure_or_a_retention_sweep_without_the_key_refuses_and_no_hidden_name_comes_back() {
    let mut env = TestEnv::seeded();
    let external_id = THUY_APP_ID;
    let (id, views) = thuy_published(&env);
    let erasures = |env: &TestEnv| env.count("SELECT count(*) FROM events WHERE action = 'erase'");

    let nowhere = env.dir().join("nowhere.key");
    let before = env.fingerprint();
    env.run(&[
        "--key-file",
        nowhere.to_str().unwrap(),
        "--as",
        ADMIN,
        "--lang",
        "en",
        "erase",
        &id,
        "--reason",
        "yêu cầu của người dân",
    ])
    .code(1)
    .stderr_has("no identity key at")
    .stderr_has("Nothing was erased")
    .stderr_has("--without-key");
    env.assert_unchanged(&before);
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o644)).unwrap();
    env.run_as(ADMIN, &["erase", &id, "--reason", "yêu cầu"])
        .code(1)
        .stderr_has("chmod 600")
        .stderr_has("Không xóa gì");
    env.assert_unchanged(&before);
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o600)).unwrap();

    // The retention sweep, the key moved away from where cron looks.
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "1", "--yes"],
    )
    .success();
    env.set_now("2026-12-01T08:00:00+07:00");
    let elsewhere = env.dir().join("other-disk.key");
    std::fs::rename(env.key(), &elsewhere).unwrap();
    let reminders = env.count("SELECT count(*) FROM events WHERE action = 'remind'");
    let run = env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"]);
    run.code(1)
        .stderr_has(
            "no identity was erased under the retention period (privacy.erase_after_days = 1; 1 report due",
        )
        .stderr_has("no identity key at")
        .stderr_has("the reminders were recorded");
    assert_eq!(run.stdout, "", "--quiet");
    assert_eq!(erasures(&env), 0);
    assert!(env.count("SELECT count(*) FROM events WHERE action = 'remind'") >= reminders);
    env.cron_sweep(RECEPTION, &["--quiet"])
        .code(1)
        .stderr_has("Không xóa danh tính nào theo thời hạn lưu giữ");

    // With the key where cron looks, the sweep erases and keeps where the name stood.
    std::fs::rename(&elsewhere, env.key()).unwrap();
    env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"])
        .success()
        .stderr_has("erased the identities of 1 report ");
    assert_eq!(erasures(&env), 1);
    assert_eq!(env.show(&id)["identity_erased"], true);
    assert_eq!(public_views(&env, external_id), views);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// One `randomblob` over a report's wrapped key made every
/// public export stop there with part of the feed already on standard output (a truncated
/// JSON array under `> requests.json`); the retention sweep then erased that report as
/// closed, and the `erase` the message advised did too, silently, with no places of the
/// name kept: "Thủy Nguyễn", hidden until then, was published, and the chain verified with
/// no trace of the destroyed key. Now a public export leaves that report out (its texts
/// cannot be checked for the name) and writes a whole document of the others, naming it,
/// exit 5 (it stopped there, exit 1, publishing nothing, before); the sweep leaves the
/// report out, names it, exit 5; `erase` says what `--without-key` says, and its event
/// records that the identity was already unreadable.
#[test]
fn a_report_whose_own_key_was_destroyed_is_named_not_silently_erased() {
    let mut env = TestEnv::seeded();
    let (id, _) = thuy_published(&env);
    env.run_as(
        ADMIN,
        &["settings", "set", "privacy.erase_after_days", "1", "--yes"],
    )
    .success();
    env.writable()
        .execute(
            "UPDATE reports SET identity_key = randomblob(length(identity_key)) WHERE id = ?1",
            [&id],
        )
        .unwrap();

    for args in PUBLIC_EXPORTS {
        let run = env.run_as(AUDITOR, args);
        run.code(5)
            .stderr_has(&format!("phản ánh {id}"))
            .stderr_has("Bản xuất công khai đã bỏ nó ra")
            .stderr_has("theo dáng họ tên");
        assert!(
            !run.stdout.contains(THUY_APP_ID) && !run.stdout.contains("Thủy"),
            "{args:?}: {}",
            run.stdout
        );
        // A whole document without the report, not one cut where it stood.
        let whole = match args {
            [.., "csv", "--public"] => run.stdout.starts_with("service_request_id,"),
            [.., "xml", "export", "open311"] => {
                run.stdout.trim_end().ends_with("</service_requests>")
            }
            _ => serde_json::from_str::<Value>(&run.stdout).is_ok(),
        };
        assert!(whole, "{args:?}: {}", run.stdout);
    }

    env.set_now("2026-12-01T08:00:00+07:00");
    let erasures = |env: &TestEnv| env.count("SELECT count(*) FROM events WHERE action = 'erase'");
    env.run_as(RECEPTION, &["--lang", "en", "sweep", "--dry-run"])
        .success()
        .stderr_has(&format!(
            "the key does not open the identity of report {id}"
        ))
        .stderr_has("a real sweep would leave it out");
    let run = env.cron_sweep(RECEPTION, &["--lang", "en", "--quiet"]);
    run.code(5)
        .stderr_has(&format!(
            "the key does not open the identity of report {id}"
        ))
        .stderr_has("It was not erased");
    assert_eq!(run.stdout, "", "--quiet");
    env.cron_sweep(RECEPTION, &["--quiet"])
        .code(5)
        .stderr_has(&format!("Khóa không mở được danh tính của phản ánh {id}"));
    assert_eq!(erasures(&env), 0);

    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "erase",
            &id,
            "--reason",
            "danh tính hỏng, không khôi phục được",
        ],
    )
    .success()
    .stderr_has(&format!("the key did not open the identity of report {id}"))
    .stderr_has("the public views hide names by their shape only");
    let payload: Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'erase'")[0],
    )
    .unwrap();
    assert_eq!(payload["identity_unreadable"], true, "{payload}");
    assert!(payload.get("kept").is_none(), "{payload}");
    let audit = env
        .run_as(AUDITOR, &["--format", "json", "audit", "log", &id])
        .success()
        .stdout
        .clone();
    assert!(audit.contains("identity_unreadable"), "{audit}");
}

/// A forced restore of another chain's backup made the live
/// erasure again on the backup's report of the same app id, copying the live erasure's
/// places of the name, which do not fit the other chain's texts: "Lộc Trần", hidden in that
/// chain's feed, was published. The restore holds the key that opens the backup (at
/// `KEY.old`) and now finds the places in the backup's own texts.
#[test]
fn a_forced_restore_of_another_chains_backup_keeps_that_reporters_name_hidden() {
    let (a, b) = (TestEnv::seeded(), TestEnv::seeded());
    let external_id = "CMG-2026-097001";
    let address = "Số 12 đường Lý Thường Kiệt";
    published_report(
        &a,
        external_id,
        [
            "Ổ gà lớn. Người viết: Thủy Nguyễn, khóm 3.",
            address,
            "Đã vá ổ gà.",
        ],
        ["Nguyễn Thị Thủy", "0912345678"],
    );
    published_report(
        &b,
        external_id,
        [
            "Ổ gà lớn, khóm 3 12. Người viết: Lộc Trần.",
            address,
            "Đã vá ổ gà.",
        ],
        ["Trần Văn Lộc", "0912345678"],
    );
    let views = public_views(&b, external_id);
    assert!(
        views.iter().all(|v| !v.join(" ").contains("Lộc")),
        "{views:?}"
    );
    let backup = b.dir().join("b-backup.sqlite");
    b.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    a.run_as(
        ADMIN,
        &[
            "erase",
            &format!("ext:{external_id}"),
            "--reason",
            "yêu cầu của người dân",
        ],
    )
    .success();
    std::fs::copy(b.key(), with_suffix(&a.key(), ".old")).unwrap();
    a.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "restore",
            backup.to_str().unwrap(),
            "--force",
            "--reason",
            "khôi phục bản của máy dự phòng",
        ],
    )
    .success()
    .stderr_has("erased again the identity of 1 report");
    let id = a.id_of(external_id).to_string();
    assert_eq!(a.show(&id)["identity_erased"], true);
    assert_eq!(public_views(&a, external_id), views);
    a.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// The same when no key opens the backup's identity (its own key destroyed before the
/// backup was taken): the live erasure's places are copied, and where they do not fit the
/// backup's texts (taken before the reply) the restore names the report whose public texts
/// now hide names by their shape only, and the `restore` event lists it.
#[test]
fn a_restore_that_cannot_find_the_places_of_the_name_says_which_report_hides_names_by_shape() {
    let env = TestEnv::seeded();
    let external_id = "CMG-2026-099002";
    let record = record_of_5_october(
        external_id,
        json!({
            "content": "Ổ gà lớn trước nhà số 12. Người viết: Thủy Nguyễn, khóm 3.",
            "media": ["https://example.vn/anh/1.jpg"],
            "address": "Số 12 đường Lý Thường Kiệt",
            "reporter_name": "Nguyễn Thị Thủy",
            "reporter_phone": "0912345678",
            "consent": true
        }),
    );
    let id = env.ingest_validated("r.jsonl", &record).1.to_string();
    classify_and_assign_to_sxd(&env, &id);
    let wrapped: Vec<u8> = env
        .read_only()
        .query_row(
            "SELECT identity_key FROM reports WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    env.writable()
        .execute(
            "UPDATE reports SET identity_key = randomblob(length(identity_key)) WHERE id = ?1",
            [&id],
        )
        .unwrap();
    let backup = env.run_as_into(ADMIN, &["backup"], "damaged.sqlite");
    env.writable()
        .execute(
            "UPDATE reports SET identity_key = ?1 WHERE id = ?2",
            rusqlite::params![wrapped, id],
        )
        .unwrap();
    env.run_as(HANDLER_SXD, &["reply", &id, "--text", "Đã vá ổ gà."])
        .success();
    env.run_as(RECEPTION, &["verify", &id, "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", &id]).success();
    env.run_as(ADMIN, &["erase", &id, "--reason", "yêu cầu của người dân"])
        .success();

    env.run_as(
        ADMIN,
        &["--lang", "en", "restore", backup.to_str().unwrap()],
    )
    .success()
    .stderr_has(&format!(
        "warning: no key opened the identity of report {id} in the backup"
    ))
    .stderr_has("its public texts now hide names by their shape only");
    let restore: Value = serde_json::from_str(
        &env.column::<String>("SELECT payload FROM events WHERE action = 'restore'")[0],
    )
    .unwrap();
    assert_eq!(
        restore["erasures_by_shape_only"],
        json!([id.parse::<i64>().unwrap()]),
        "{restore}"
    );
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success()
        .stderr_has(&format!(
            "không khóa nào mở được danh tính của phản ánh {id}"
        ));
}

/// `erase --without-key` erases as asked, says what was lost, and verifies.
#[test]
fn erase_without_key_is_the_admins_explicit_choice_and_says_what_is_lost() {
    let env = TestEnv::validated();
    std::fs::remove_file(env.key()).unwrap();
    env.run_as(ADMIN, &["erase", "1", "--reason", "mất khóa"])
        .code(1)
        .stderr_has("--without-key");
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "erase",
            "1",
            "--reason",
            "mất khóa",
            "--without-key",
        ],
    )
    .success()
    .stderr_has("erased the reporter's identity of 1 report (1)")
    .stderr_has("erased without the key (--without-key)");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `erase` took a report not yet checked, which `validate`
/// then rejected as "the reporter's name is missing (Article 6.3)", a name given and erased
/// on request. Refused, naming the report and the way on; once checked, it is erased.
#[test]
fn a_report_not_yet_checked_is_checked_before_its_identity_is_erased() {
    let env = TestEnv::ingested();
    assert_eq!(env.status_of("3"), "received");
    let before = env.fingerprint();
    env.run_as(
        ADMIN,
        &[
            "--lang",
            "en",
            "erase",
            "3",
            "--reason",
            "yêu cầu của người dân",
        ],
    )
    .failure()
    .one_line_error()
    .stderr_has("report 3 has not been checked yet")
    .stderr_has("phananh validate 3");
    env.assert_unchanged(&before);
    env.run_as(RECEPTION, &["validate", "3"]).success();
    let checked = env.status_of("3");
    assert_ne!(checked, "received");
    env.run_as(ADMIN, &["erase", "3", "--reason", "yêu cầu của người dân"])
        .success();
    assert_eq!(env.status_of("3"), checked, "the check's outcome stays");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// Common spellings of the reporter's own name — i for y,
/// middle names as initials, a shortened family name, dots between its words, a given name
/// after "mẹ", one in lower case after "chị" — went public unwarned.
#[test]
fn the_reporters_name_in_its_common_spellings_is_hidden_and_warned_about() {
    let env = TestEnv::seeded();
    let (id, [approved, published]) = published_report(
        &env,
        "CMG-2026-000930",
        [
            "Ổ gà lớn trước nhà số 12. Người viết: Nguyễn Thị Mĩ Phượng. \
             Người viết: Nguyễn T. M. Phượng. Người viết: Ng. Thị Mỹ Phượng. \
             Người viết: Nguyễn.Thị.Mỹ.Phượng. Người viết: mẹ Phượng bán tạp hóa.",
            "Số 12 đường Lý Thường Kiệt",
            "Đã vá ổ gà, đã báo chị phượng.",
        ],
        ["Nguyễn Thị Mỹ Phượng", "0912 345 678"],
    );
    approved
        .stderr_has("6 họ tên")
        .stderr_has("họ tên người phản ánh");
    published.stderr_has("6 names");
    for run in [&approved, &published] {
        assert!(!run.stderr.contains("Phượng") && !run.stderr.contains("phượng"));
    }
    for [description, notes, address] in public_views(&env, "CMG-2026-000930") {
        assert_eq!(
            description,
            "Ổ gà lớn trước nhà số 12. Người viết: [đã ẩn]. Người viết: [đã ẩn]. \
             Người viết: [đã ẩn]. Người viết: [đã ẩn]. Người viết: mẹ [đã ẩn] bán tạp hóa."
        );
        assert_eq!(notes, "Đã vá ổ gà, đã báo chị [đã ẩn].");
        assert!(
            address.starts_with("Số 12 đường Lý Thường Kiệt"),
            "{address}"
        );
    }
    let [content, result, _] = shown_to(&env, LEADER, &id);
    assert!(!content.contains("Phượng"), "{content}");
    assert_eq!(result, "Đã vá ổ gà, đã báo chị [đã ẩn].");
}

/// A citizen who typed the phone into the name field: the name's mask and the phone's mask
/// together must not give its digits to a role without personal-data rights.
#[test]
fn a_phone_typed_into_the_name_field_shows_no_digit_through_the_name_mask() {
    let env = TestEnv::seeded();
    let record = record_of_5_october(
        "B-05",
        json!({
            "content": "Ổ gà lớn giữa đường trước số nhà 12",
            "media": ["https://example.vn/anh/o-ga.jpg"],
            "address": "Số 12, Phường An Xuyên",
            "reporter_name": "Nguyễn Thị Mỹ Phượng, 0912345678",
            "reporter_phone": PHONE,
            "consent": true
        }),
    );
    let id = env.ingest_validated("b-05.jsonl", &record).1.to_string();
    for format in ["table", "json"] {
        let shown = env.run_as(LEADER, &["--format", format, "show", &id]);
        let shown = shown.success();
        assert!(shown.stdout.contains("Ng*** T** M* P ***"), "{shown}");
        assert!(!shown.stdout.contains("0912"), "{shown}");
    }
}

/// What stands in the phone column and is no phone number shows nothing of itself: the
/// mask kept its first two and last two characters whatever it held, so a leader read the
/// given name of a name typed there ("Lê*****Ba", name and phone swapped), and four of the
/// seven digits of a landline typed without its area code ("38***34": a thousand numbers in
/// the commune's exchange). A number of a valid length keeps its ends.
#[test]
fn a_phone_column_holding_no_phone_number_shows_nothing_of_it() {
    let env = TestEnv::seeded();
    let rows = [
        ("F-1", "0912345600", "Lê Văn Ba", "***"),
        ("F-2", "Ngô Thị Mười", "3831234", "***"),
        ("F-3", "Trần Thị Út", "0912 345 67", "***"),
        ("F-4", "Võ Văn Tám", "0912.345.678", "09******78"),
        ("F-5", "Lý Thị Bé", "(0290) 3 831 234", "02*******34"),
    ];
    let mut csv = format!("{REPORTS_HEAD}\n");
    for (app_id, name, phone, _) in rows {
        csv.push_str(&format!(
            "{app_id},2026-10-05T07:30:00+07:00,2026-10-05T07:00:00+07:00,\"Đèn đường hỏng ở khóm {app_id}, trời tối rất nguy hiểm.\",https://x.vn/{app_id}.jpg,9.18,105.15,Khóm 4,Phường An Xuyên,{name},\"{phone}\",0,1,0,\n"
        ));
    }
    let file = env.write_file("f.csv", &csv);
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["validate"]).success();
    for (app_id, _, phone, mask) in rows {
        let id = format!("ext:{app_id}");
        for user in [LEADER, AUDITOR, RECEPTION] {
            let shown = env.json_as(user, &["show", &id]);
            assert_eq!(shown["reporter_phone"], mask, "{phone} as {user}");
            let table = env.run_as(user, &["show", &id]);
            table.success().stdout_has(mask);
            for old in ["Lê*****Ba", "38***34", "09*******67"] {
                table.never_shows(old);
            }
        }
    }
}

/// A media link is published as the app gave it: one named after the reporter's phone or
/// name is warned about when the report is approved and published, and only that one.
#[test]
fn a_media_link_carrying_the_reporters_phone_or_name_is_warned_about_before_it_is_public() {
    let env = TestEnv::seeded();
    let record = record_of_5_october(
        "U-01",
        json!({
            "content": "Ổ gà lớn giữa đường trước số nhà 12",
            "media": [
                "https://app.camau.gov.vn/uploads/o-ga-lon.jpg",
                "https://app.camau.gov.vn/uploads/0792345678_nguyen-thi-my-phuong_1.jpg"
            ],
            "address": "Số 12, Phường An Xuyên",
            "reporter_name": "Nguyễn Thị Mỹ Phượng",
            "reporter_phone": "0792345678",
            "consent": true
        }),
    );
    let id = env.ingest_validated("u-01.jsonl", &record).1.to_string();
    classify_and_assign_to_sxd(&env, &id);
    env.run_as(HANDLER_SXD, &["reply", &id, "--text", "Đã vá ổ gà."])
        .success();
    let approved = env.run_as(RECEPTION, &["verify", &id, "--approve"]);
    approved
        .success()
        .stderr_has(&format!(
            "Cảnh báo: liên kết ảnh/video thứ 2 của phản ánh {id} có số điện thoại hoặc họ tên người phản ánh"
        ));
    no_identity_of_phuong(&approved.stderr);
    env.run_as(RECEPTION, &["--lang", "en", "publish", &id])
        .success()
        .stderr_has(&format!(
            "warning: media link 2 of report {id} carries the reporter's phone or name"
        ));
}

/// Neither Nguyễn Thị Mỹ Phượng's name nor her phone.
#[track_caller]
fn no_identity_of_phuong(text: &str) {
    let folded = text.to_lowercase();
    for secret in ["phượng", "phuong", "0792", "345678"] {
        assert!(!folded.contains(secret), "{secret} in:\n{text}");
    }
}

/// An app row missing its address and padded at its end has the right
/// count of fields, every value after the address one place left: the reporter's name in
/// the commune, the phone as the name. It was stored with only "unknown commune", and the
/// name was shown to leaders in full (the report's own name, now a phone number, no longer
/// found it). The row is warned about as shifted, and a commune that is none of the
/// province's is hidden of names by their shape too, for every reader without identity
/// rights and in the warning.
#[test]
fn a_row_shifted_one_column_is_warned_of_and_its_name_in_the_commune_hidden() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-11-04T08:00:00+07:00");
    let row = "D-4,2026-11-04T07:20:00+07:00,2026-11-04T07:00:00+07:00,Đường ngập nước sau mưa lớn,https://x.vn/1.jpg,9.18,105.15,Phường An Xuyên,Trần Thị Bưởi,0912000009,0,1,0,,";
    let file = env.write_file("d4.csv", &format!("{REPORTS_HEAD}\n{row}\n"));
    let ingest = env.run_as(
        RECEPTION,
        &["--format", "json", "ingest", file.to_str().unwrap()],
    );
    ingest
        .success()
        .stderr_has("cảnh báo: cột có vẻ bị lệch")
        .never_shows("Bưởi");
    let summary = ingest.json();
    let reasons: Vec<&str> = array(&array(&summary)[0]["warned_rows"])
        .iter()
        .filter_map(|w| w["reason"].as_str())
        .collect();
    assert!(reasons.contains(&"warning_shifted_columns"), "{reasons:?}");
    env.run_as(
        RECEPTION,
        &["--lang", "en", "ingest", file.to_str().unwrap()],
    )
    .success();
    env.run_as(RECEPTION, &["validate", "ext:D-4"]).success();
    assert_eq!(env.status_of("ext:D-4"), "rejected");
    for args in [
        vec!["show", "ext:D-4"],
        vec!["show", "ext:D-4", "--format", "json"],
        vec!["list", "--search", "ngập nước"],
        vec!["list", "--search", "ngập nước", "--format", "csv"],
        vec!["list", "--search", "ngập nước", "--format", "json"],
    ] {
        let run = env.at_columns(120, &[&["--as", LEADER][..], &args].concat());
        run.success().stdout_has("D-4");
        for secret in ["Bưởi", "Trần Thị"] {
            assert!(!run.stdout.contains(secret), "{args:?}: {secret}\n{run}");
        }
    }
    // Reception, which may see identities, reads the commune as it came.
    env.run_as(RECEPTION, &["show", "ext:D-4", "--format", "json"])
        .success()
        .stdout_has("Trần Thị Bưởi");
}

/// The warning is the one row shape that gives the shift away; a name and a phone in their
/// places, or a missing phone, are not warned of as shifted.
#[test]
fn only_a_phone_as_the_name_with_no_phone_is_warned_of_as_shifted() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-11-04T08:00:00+07:00");
    let rows = [
        "S-1,2026-11-04T07:20:00+07:00,2026-11-04T07:00:00+07:00,Đường ngập nước,https://x.vn/1.jpg,9.18,105.15,Khóm 2,Phường An Xuyên,Trần Thị Bưởi,0912000009,0,1,0,",
        "S-2,2026-11-04T07:20:00+07:00,2026-11-04T07:00:00+07:00,Đường ngập nước,https://x.vn/1.jpg,9.18,105.15,Khóm 2,Phường An Xuyên,Trần Thị Bưởi,,0,1,0,",
    ];
    let file = env.write_file("s.csv", &format!("{REPORTS_HEAD}\n{}\n", rows.join("\n")));
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success()
        .never_shows("lệch");
}

/// The public feed lists a report as soon as it passes validation, with its first media
/// link: a link an upload service named after its sender ("…/0912345678/nguyen-van-binh-
/// 1.jpg") was public before any editor was warned of it (the warning comes with `verify`
/// and `publish`), and `show` gave it whole to leaders, auditors and a handler without the
/// reporter's consent. Such a link is in no public view (the next link that names no one
/// takes its place) and reads `[đã ẩn]` for those readers, before an erasure and after it;
/// reception still reads it as sent.
#[test]
fn a_media_link_naming_the_reporter_is_in_no_public_view_nor_shown_without_rights() {
    let env = TestEnv::seeded();
    let naming = "https://cdn.example.vn/uploads/0912345678/nguyen-van-binh-1.jpg";
    let clean = "https://cdn.example.vn/uploads/cay-nga-2.jpg";
    let record = record_of_5_october(
        "CMG-2026-000950",
        json!({
            "content": "Cây xanh ngã chắn ngang đường, nguy hiểm cho người đi đường",
            "media": [naming, clean],
            "latitude": 9.18,
            "longitude": 105.15,
            "address": "Đường Lý Thường Kiệt",
            "commune": "Phường An Xuyên",
            "reporter_name": NAME,
            "reporter_phone": PHONE,
            "consent": false,
        }),
    );
    let id = env.ingest_validated("cay.jsonl", &record).1.to_string();
    classify_and_assign_to_sxd(&env, &id);
    let secrets = Secrets::new([PHONE, "nguyen-van-binh", "0912"]);
    let check = |when: &str| {
        for role in [LEADER, AUDITOR, HANDLER_SXD] {
            never_shown_in_any_format(&env, role, &["show", &id], &secrets);
            let shown = env
                .run_as(role, &["--format", "json", "show", &id])
                .success()
                .json();
            assert_eq!(shown["media"], json!(["[đã ẩn]", clean]), "{role} {when}");
            for args in PUBLIC_EXPORTS {
                env.run_as(role, args).success().never_shows_any(&secrets);
            }
            let feed = env.run_as(role, &["export", "open311"]).success().json();
            let request = array(&feed)
                .iter()
                .find(|r| r["service_request_id"] == "CMG-2026-000950")
                .unwrap_or_else(|| panic!("the report is in the feed {when}: {feed:#}"));
            assert_eq!(request["media_url"], clean, "{when}");
        }
    };
    check("before the erasure");
    let desk = env
        .run_as(RECEPTION, &["--format", "json", "show", &id])
        .success()
        .json();
    assert_eq!(desk["media"], json!([naming, clean]));
    env.run_as(
        ADMIN,
        &["erase", &id, "--reason", "Người phản ánh yêu cầu xóa"],
    )
    .success();
    check("after the erasure");
}

/// A report taken by telephone or e-mail is saved by reception as a file of its own, often
/// named after the caller: `ingest` seals the file's name in the report's first event, and
/// `audit log` printed it whole ("Tệp: Nguyen Van Binh 0912345678.jsonl") to leaders and
/// auditors. It is a typed text of the event like a reply or a reason, hidden the same way
/// for a reader who may not see the identity (and the event then shown without its seal);
/// reception reads it as saved.
#[test]
fn a_file_named_after_the_reporter_is_hidden_in_the_log_from_readers_without_rights() {
    let env = TestEnv::seeded();
    let record = record_of_5_october(
        "CMG-2026-000951",
        json!({
            "content": "Cây xanh ngã chắn ngang đường, nguy hiểm cho người đi đường",
            "media": ["https://cdn.example.vn/uploads/cay-nga.jpg"],
            "address": "Đường Lý Thường Kiệt",
            "commune": "Phường An Xuyên",
            "reporter_name": NAME,
            "reporter_phone": PHONE,
            "consent": false,
        }),
    );
    let file = "Nguyen Van Binh 0912345678.jsonl";
    let id = env.ingest_validated(file, &record).1.to_string();
    let secrets = Secrets::new([PHONE, "Nguyen Van Binh", "Binh 0912"]);
    for role in [LEADER, AUDITOR] {
        for format in ["table", "csv", "json"] {
            env.run_as(role, &["--format", format, "audit", "log", &id])
                .success()
                .never_shows_any(&secrets);
            env.run_as(role, &["--format", format, "show", &id])
                .success()
                .never_shows_any(&secrets);
        }
        let log = env
            .run_as(role, &["--format", "json", "audit", "log", &id])
            .success()
            .json();
        let ingest = &array(&log)[0];
        assert_eq!(ingest["action"], "ingest");
        assert!(ingest["hash"].is_null(), "{ingest:#}");
    }
    env.run_as(RECEPTION, &["--format", "json", "audit", "log", &id])
        .success()
        .stdout_has("Nguyen Van Binh 0912345678.jsonl");
}

/// The app id is printed wherever the report is — `list`, `show`, the periodic report's
/// tables of late cases, the public feed's `service_request_id` — and never hidden, since
/// it is what ties the report to the app. A row whose id column holds the reporter's name
/// and phone (columns shifted, or an id typed by hand from a telephone call) was stored,
/// accepted and published with "Nguyễn Văn Bình 0912 345 678" as its id. Such a record is
/// not stored: the row is named by its line, its id never quoted.
#[test]
fn an_app_id_holding_the_reporters_name_or_phone_is_not_stored() {
    let env = TestEnv::seeded();
    let row = |id: &str| {
        format!(
            "{id},2026-10-05T07:30:00+07:00,2026-10-05T07:00:00+07:00,Đèn đường trước chợ hỏng nhiều ngày,https://x.vn/1.jpg,9.18,105.15,Chợ Phường 5,Phường An Xuyên,{NAME},{PHONE},0,0,0,"
        )
    };
    let file = env.dir().join("dong-lech.csv");
    std::fs::write(
        &file,
        [
            REPORTS_HEAD.to_owned(),
            row("Nguyễn Văn Bình 0912 345 678"),
            row("0912.345.678"),
            row("nguyen-van-binh"),
            row("CMG-2026-000960"),
        ]
        .join("\n"),
    )
    .unwrap();
    let secrets = Secrets::new(["Bình", "Binh", "binh", "0912", "345 678", "345.678"]);
    for lang in ["vi", "en"] {
        let run = env.run_as(
            RECEPTION,
            &["--lang", lang, "ingest", file.to_str().unwrap()],
        );
        run.failure().never_shows_any(&secrets);
        for line in [2, 3, 4] {
            run.stderr_has(&format!("dong-lech.csv:{line}: external_id"));
        }
    }
    let summary = env
        .run_as(
            RECEPTION,
            &["--format", "json", "ingest", file.to_str().unwrap()],
        )
        .json();
    assert_eq!(
        array(&summary)[0]["malformed_by_reason"]["id_names_reporter"],
        3,
        "{summary:#}"
    );
    assert_eq!(
        env.column::<String>("SELECT external_id FROM reports"),
        vec!["CMG-2026-000960".to_owned()]
    );
}

/// The app's category hint is free text too: an app that passes the citizen's own words
/// there, or a row shifted into it, put "Nguyễn Văn Bình 0912 345 678" in it, and `show`
/// (CSV and JSON) gave it whole to leaders, auditors and a handler without the reporter's
/// consent beside the masked name. It is hidden from them as the content is; reception
/// reads it as sent.
#[test]
fn the_category_hint_hides_the_reporter_from_readers_without_rights() {
    let env = TestEnv::seeded();
    let record = record_of_5_october(
        "CMG-2026-000961",
        json!({
            "content": "Đèn đường trước chợ Phường 5 hỏng nhiều ngày, nhờ sửa sớm",
            "media": ["https://cdn.example.vn/uploads/den.jpg"],
            "address": "Chợ Phường 5",
            "commune": "Phường An Xuyên",
            "reporter_name": NAME,
            "reporter_phone": PHONE,
            "consent": false,
            "category_hint": "Nguyễn Văn Bình 0912 345 678 - đèn đường",
        }),
    );
    let id = env.ingest_validated("den.jsonl", &record).1.to_string();
    classify_and_assign_to_sxd(&env, &id);
    let secrets = Secrets::new([NAME, "0912", "345 678"]);
    for role in [LEADER, AUDITOR, HANDLER_SXD] {
        never_shown_in_any_format(&env, role, &["show", &id], &secrets);
        let shown = env
            .run_as(role, &["--format", "json", "show", &id])
            .success()
            .json();
        assert_eq!(
            shown["category_hint"], "[đã ẩn] [đã ẩn] - đèn đường",
            "{role}"
        );
    }
    let desk = env
        .run_as(RECEPTION, &["--format", "json", "show", &id])
        .success()
        .json();
    assert_eq!(
        desk["category_hint"],
        "Nguyễn Văn Bình 0912 345 678 - đèn đường"
    );
}

/// A name cell holding the phone after the name, which the guide accepts with a warning:
/// its digit groups were taken for the name's words, "678" for the given name, and a
/// content naming Nguyễn Thị Mỹ Phượng was published whole, and shown whole to leaders and
/// auditors, in a reveal's reason too. Each cell hides the text as a clean one does, and the
/// name's mask does not tell how the number was grouped.
#[test]
fn a_name_cell_holding_a_phone_hides_the_name_in_every_view() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-11-04T08:00:00+07:00");
    let content =
        "Nhà Nguyễn Thị Mỹ Phượng ngay cạnh, Mỹ Phượng đã báo nhiều lần, liên hệ chị Phượng.";
    let hidden = "Nhà [đã ẩn] ngay cạnh, [đã ẩn] đã báo nhiều lần, liên hệ chị [đã ẩn].";
    let cells = [
        ("P-0", "Nguyễn Thị Mỹ Phượng"),
        ("P-1", "Nguyễn Thị Mỹ Phượng 0912 345 678"),
        ("P-2", "Nguyễn Thị Mỹ Phượng 0912345678"),
        ("P-3", "Nguyễn Thị Mỹ Phượng/0912345678"),
        ("P-4", "Nguyễn Thị Mỹ Phượng 2"),
    ];
    let mut csv = format!("{REPORTS_HEAD}\n");
    for (app_id, name) in cells {
        csv.push_str(&format!(
            "{app_id},2026-11-04T07:20:00+07:00,2026-11-04T07:00:00+07:00,\"{content}\",https://x.vn/1.jpg,9.18,105.15,Số 12 Phan Ngọc Hiển,Phường An Xuyên,{name},0912345678,0,1,0,\n"
        ));
    }
    let file = env.write_file("phuong.csv", &csv);
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["validate"]).success();
    for (app_id, _) in cells {
        assert_eq!(env.status_of(&format!("ext:{app_id}")), "accepted");
        env.run_as(
            RECEPTION,
            &[
                "show",
                &format!("ext:{app_id}"),
                "--reveal",
                "--reason",
                "gọi lại chị Phượng xác minh vị trí",
            ],
        )
        .success();
    }
    for (app_id, name) in cells {
        let views = public_views_of_content(&env, app_id);
        for view in views {
            assert_eq!(view, hidden, "{name}");
        }
        let id = format!("ext:{app_id}");
        let shown = env.json_as(LEADER, &["show", &id]);
        assert_eq!(shown["content"], hidden, "{name}");
        let table = env.run_as(LEADER, &["show", &id]);
        table.success().never_shows("Phượng").never_shows("0912");
        if name.contains(" 0912") {
            table
                .stdout_has("Ng*** T** M* P *** ")
                .never_shows("P *** ***");
        }
    }
    for args in [
        &["--format", "json", "audit", "log"][..],
        &["audit", "log"],
        &["--format", "json", "audit", "reveals"],
    ] {
        // Huỳnh Thanh Phương is a handler's name, in the log's staff events; a hash may
        // hold the digits 0912.
        env.run_as(AUDITOR, args)
            .success()
            .never_shows("Phượng")
            .never_shows("0912 345")
            .never_shows("0912345678");
    }
    let reveals = env.json_as(AUDITOR, &["audit", "reveals"]);
    let reasons: Vec<&str> = array(&reveals)
        .iter()
        .filter_map(|r| r["reason"].as_str())
        .collect();
    assert_eq!(
        reasons,
        vec!["gọi lại chị [đã ẩn] xác minh vị trí"; cells.len()],
        "{reveals}"
    );
}

/// The description of `app_id` in the Open311 feed as JSON and XML and in the public CSV.
fn public_views_of_content(env: &TestEnv, app_id: &str) -> Vec<String> {
    public_views(env, app_id)
        .into_iter()
        .map(|[description, ..]| description)
        .collect()
}
