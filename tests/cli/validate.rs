//! `validate`: the reception check of Đ6 on examples/reports.csv — 306 complete, 34 rejected
//! with the reason codes examples/README.md lists; a validated report cannot be validated
//! again; rejected reports are kept (docs/rules.md §1, Đ7.1.a, Đ11).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::*;

fn verdicts(run: &Run) -> BTreeMap<String, Value> {
    array(&run.json())
        .iter()
        .map(|v| (v["external_id"].as_str().unwrap().to_owned(), v.clone()))
        .collect()
}

#[test]
fn the_examples_give_306_accepted_and_34_rejected_with_their_reasons() {
    let env = TestEnv::ingested();
    let run = env.run_as(RECEPTION, &["validate", "--format", "json"]);
    run.success();
    let all = verdicts(&run);
    assert_eq!(all.len(), 340, "{run}");
    let accepted = all.values().filter(|v| v["status"] == "accepted").count();
    let rejected: Vec<&Value> = all.values().filter(|v| v["status"] == "rejected").collect();
    assert_eq!(accepted, 306);
    assert_eq!(rejected.len(), 34);

    // The defects of examples/README.md, one per incomplete row.
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &rejected {
        *by_reason.entry(v["reasons"].as_str().unwrap()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("missing_content", 4),
        ("missing_media", 4),
        ("missing_time", 3),
        ("missing_location", 4),
        ("missing_name", 3),
        ("missing_phone", 3),
        ("invalid_phone", 5),
        ("not_vietnamese", 8),
    ]
    .into();
    assert_eq!(by_reason, expected);

    for (id, reason) in [
        ("CMG-2026-000300", "missing_content"),
        ("CMG-2026-000258", "missing_media"),
        ("CMG-2026-000335", "missing_time"),
        ("CMG-2026-000201", "missing_location"),
        ("CMG-2026-000245", "missing_name"),
        ("CMG-2026-000108", "missing_phone"),
        ("CMG-2026-000101", "invalid_phone"),
        ("CMG-2026-000172", "not_vietnamese"),
    ] {
        let v = &all[id];
        assert_eq!(v["status"], "rejected", "{id}: {v}");
        assert_eq!(v["reasons"], reason, "{id}: {v}");
        let explanation = v["explanation"].as_str().unwrap();
        assert!(explanation.contains("Điều 6"), "{id}: {explanation}");
    }
    // Vietnamese typed without diacritics is still Vietnamese, and complete.
    assert_eq!(all["CMG-2026-000237"]["status"], "accepted");
    assert_eq!(all["CMG-2026-000237"]["reasons"], "");
    // Decomposed (NFD) rows are complete too.
    assert_eq!(all["CMG-2026-000174"]["status"], "accepted");

    // The store agrees with the printout.
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'accepted'"),
        306
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'rejected'"),
        34
    );
    run.stderr_has("306").stderr_has("34");
}

#[test]
fn a_rejected_report_is_kept_with_its_reasons_and_a_reject_event() {
    let env = TestEnv::validated();
    let shown = env.show("ext:CMG-2026-000258");
    assert_eq!(shown["status"], "rejected");
    assert_eq!(
        shown["reject_reasons"],
        serde_json::json!(["missing_media"])
    );
    let events = array(&shown["events"]);
    let last = events.last().unwrap();
    assert_eq!(last["action"], "reject");
    assert_eq!(last["actor"], RECEPTION);
    assert_eq!(last["from"], "received");
    assert_eq!(last["to"], "rejected");
}

#[test]
fn validating_named_reports_touches_only_those() {
    let env = TestEnv::ingested();
    let run = env.run_as(
        RECEPTION,
        &[
            "validate",
            "ext:CMG-2026-000300",
            "ext:CMG-2026-000237",
            "--format",
            "json",
        ],
    );
    run.success();
    let all = verdicts(&run);
    assert_eq!(all.len(), 2, "{run}");
    assert_eq!(all["CMG-2026-000300"]["reasons"], "missing_content");
    assert_eq!(all["CMG-2026-000237"]["status"], "accepted");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        338
    );
}

#[test]
fn validating_an_already_validated_report_is_refused_and_changes_nothing() {
    let env = TestEnv::validated();
    for id in ["ext:CMG-2026-000105", "ext:CMG-2026-000300"] {
        let before = env.fingerprint();
        env.run_as(RECEPTION, &["validate", id]).failure();
        env.assert_unchanged(&before);
    }
    // With nothing left to check, a plain `validate` succeeds and changes nothing.
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["validate", "--format", "json"])
        .success();
    env.assert_unchanged(&before);
}

/// A script reading `validate --format json` got a lone "[" on stdout for a report that
/// does not exist (the listing was begun before the lookup), and for one already
/// validated an empty list with the refusal as plain text: neither the JSON of the other
/// commands. Stdout is now empty or a whole document, and the error the JSON object.
#[test]
fn validate_in_json_gives_whole_documents_and_json_errors() {
    let env = TestEnv::validated();
    let missing = env.run_as(RECEPTION, &["--format", "json", "validate", "99999"]);
    missing.code(1);
    assert_eq!(missing.stdout, "", "{missing}");
    let error: Value = serde_json::from_str(missing.stderr.trim()).unwrap();
    assert_eq!(error["error"]["kind"], "not_found", "{missing}");
    let done = env.run_as(
        RECEPTION,
        &["--format", "json", "validate", "ext:CMG-2026-000105"],
    );
    done.code(1);
    assert_eq!(done.json(), Value::Array(Vec::new()), "{done}");
    let error: Value = serde_json::from_str(done.stderr.trim()).unwrap();
    assert_eq!(error["error"]["kind"], "refused", "{done}");
    assert_eq!(error["error"]["exit"], 1, "{done}");
}

/// A tired desk names a report twice, once by number and once by its app code: it is
/// checked once. The second pass read the row the first had just changed as one edited
/// behind the tool's back, and the run exited 5 telling the operator to restore a backup.
#[test]
fn a_report_named_twice_is_checked_once_and_raises_no_alarm() {
    let env = TestEnv::ingested();
    let id = env.id_of("CMG-2026-000237").to_string();
    let run = env.run_as(RECEPTION, &["validate", &id, "ext:CMG-2026-000237", &id]);
    run.success()
        .stderr_has("Đã kiểm tra 1 phản ánh: 1 tiếp nhận, 0 từ chối.")
        .never_shows("sửa ngoài phananh");
    assert_eq!(env.status_of("ext:CMG-2026-000237"), "accepted");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn validating_an_unknown_report_fails_and_changes_nothing() {
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["validate", "ext:KHONG-CO", "ext:CMG-2026-000105"],
    )
    .failure()
    .stderr_has("phananh list");
    env.assert_unchanged(&before);
}

#[test]
fn the_explanation_is_vietnamese_by_default_and_english_on_request() {
    let env = TestEnv::ingested();
    let vi = env
        .run_as(RECEPTION, &["validate", "ext:CMG-2026-000108"])
        .success()
        .stdout
        .clone();
    assert!(vi.contains("Điều 6"), "{vi}");
    assert!(vi.contains("Từ chối tiếp nhận"), "{vi}");
    let env = TestEnv::ingested();
    let en = env
        .run_as(
            RECEPTION,
            &["--lang", "en", "validate", "ext:CMG-2026-000108"],
        )
        .success()
        .stdout
        .clone();
    assert!(en.contains("Article 6"), "{en}");
    assert!(en.contains("Rejected"), "{en}");
}

#[test]
fn leaders_may_not_validate_and_the_refusal_is_logged() {
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    env.run_as(LEADER, &["validate"]).failure().one_line_error();
    env.assert_only_refusal(&before, LEADER);
}

/// The order `validate` judges the received reports of `env` in, read from a run on a copy.
fn queue_order(env: &TestEnv) -> Vec<String> {
    array(
        &TestEnv::from_bytes(&env.snapshot())
            .run_as(RECEPTION, &["validate", "--format", "json"])
            .success()
            .json(),
    )
    .iter()
    .map(|v| v["id"].to_string())
    .collect()
}

/// Damages report `id`'s sealed identity behind the tool's back: it no longer opens.
fn damage_identity(env: &TestEnv, id: &str) {
    env.writable()
        .execute(
            "UPDATE reports SET identity = zeroblob(length(identity)) WHERE id = ?1",
            [id],
        )
        .unwrap();
}

/// A report whose sealed identity no longer opens (damaged behind the tool's back) stops
/// the run: its page is rolled back, and no verdict of that page is printed, so the list
/// never names a report as accepted or rejected that is still `received`. Both the run over
/// the queue (in pages, the rows read on a second thread) and a run on named reports.
#[test]
fn a_run_stopped_by_an_identity_that_does_not_open_prints_no_verdict_it_rolled_back() {
    let env = TestEnv::ingested();
    let order = queue_order(&env);
    // The damaged report is the last judged, so every other verdict of its page was reached
    // before it.
    let last = order.last().expect("a queue").clone();
    damage_identity(&env, &last);
    let before = env.fingerprint();
    for args in [
        vec!["validate", "--format", "csv"],
        vec!["validate", "--format", "csv", &order[0], &order[1], &last],
    ] {
        let run = env.run_as(RECEPTION, &args);
        run.failure();
        assert_eq!(
            run.stdout.lines().filter(|l| !l.is_empty()).count(),
            usize::from(!run.stdout.is_empty()),
            "no verdict, at most the header\n{run}"
        );
        assert_eq!(env.fingerprint(), before, "the page is rolled back");
    }
}

/// The same over several pages (of 100, the debug build's `PHANANH_BULK_ROWS`), the damaged
/// report in the second: the second thread reaches it while reading ahead, before the first
/// page is committed. The first page is committed and its verdicts told; the second is
/// rolled back and tells none.
#[test]
fn an_identity_that_does_not_open_in_a_later_page_leaves_the_pages_before_it_done() {
    let env = TestEnv::ingested();
    let order = queue_order(&env);
    damage_identity(&env, &order[150]);
    let mut cmd = env.command();
    cmd.env("PHANANH_BULK_ROWS", "100");
    let run = Run::of(cmd, &["--as", RECEPTION, "validate", "--format", "csv"]);
    run.failure();
    let mut lines = run.stdout.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("id,")), "{run}");
    let told: Vec<String> = lines
        .map(|line| line.split(',').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        told,
        order[..100],
        "the first page's verdicts, and only them"
    );
    let still: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'received' ORDER BY id");
    let mut expected: Vec<i64> = order[100..].iter().map(|id| id.parse().unwrap()).collect();
    expected.sort_unstable();
    assert_eq!(
        still, expected,
        "the first page committed, the rest as it was"
    );
}

/// `erase` refuses a report not yet checked, but a restore makes
/// again an erasure the live file made after the backup, to a report the backup holds as
/// still waiting, and a `key reset` erases every identity, waiting or not. The check then
/// found no name and phone and rejected the report "as sent without them" (Article 6.3),
/// which the reporter did not; it judges such a report on everything else.
#[test]
fn a_report_whose_identity_was_erased_before_its_check_is_not_rejected_as_nameless() {
    let id: i64 = TestEnv::validated()
        .column("SELECT id FROM reports WHERE status = 'accepted' ORDER BY id LIMIT 1")[0];
    let id = id.to_string();
    let env = TestEnv::ingested();
    let backup = env.dir().join("truoc-khi-kiem-tra.sqlite");
    env.run_as(ADMIN, &["backup", "--out", backup.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["validate", &id]).success();
    env.run_as(ADMIN, &["erase", &id, "--reason", "người phản ánh yêu cầu"])
        .success();
    env.run_as(ADMIN, &["restore", backup.to_str().unwrap()])
        .success();
    assert_eq!(env.status_of(&id), "received");
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM reports WHERE id = {id} AND {}",
            crate::identity::ERASED
        )),
        1,
        "the restore made the erasure again"
    );
    let run = env.run_as(RECEPTION, &["validate", &id, "--format", "json"]);
    run.success();
    let judged = run.json();
    let verdict = &array(&judged)[0];
    assert_eq!(verdict["status"], "accepted", "{run}");
    assert_eq!(verdict["reasons"], "", "{run}");

    // A lost key's reset erases the identity of every report still waiting.
    let env = TestEnv::ingested();
    std::fs::remove_file(env.key()).unwrap();
    env.run_as(
        ADMIN,
        &["key", "reset", "--reason", "mất tệp khóa", "--yes"],
    )
    .success();
    let run = env.run_as(RECEPTION, &["validate", "--format", "json"]);
    run.success();
    let all = verdicts(&run);
    assert_eq!(all.len(), 340, "{run}");
    for verdict in all.values() {
        let reasons = verdict["reasons"].as_str().unwrap();
        assert!(
            !reasons.contains("missing_name") && !reasons.contains("missing_phone"),
            "{verdict}"
        );
    }
}

/// The table listed every verdict, accepted ones included, so 14 of the
/// first day's 34 rejections fell past its 200 rows, and at 80 columns the explanation got
/// 6 to 10 characters. The rejections are what the desk acts on: all of them are listed,
/// each reason readable; the accepted reports are counted.
#[test]
fn the_table_lists_every_rejection_readably_and_counts_the_accepted() {
    let env = TestEnv::ingested();
    let run = env.at_columns(80, &["--as", RECEPTION, "validate"]);
    run.success();
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line}\n{run}");
    }
    let rejected: Vec<String> =
        env.column("SELECT external_id FROM reports WHERE status = 'rejected'");
    assert_eq!(rejected.len(), 34);
    for id in &rejected {
        assert!(run.stdout.contains(id.as_str()), "{id} not listed\n{run}");
    }
    let accepted: Vec<String> =
        env.column("SELECT external_id FROM reports WHERE status = 'accepted' LIMIT 5");
    for id in &accepted {
        assert!(!run.stdout.contains(id.as_str()), "{id} listed\n{run}");
    }
    assert!(
        run.stdout.contains("Từ chối tiếp nhận: 34 phản ánh."),
        "{run}"
    );
    assert!(run.stdout.contains("Tiếp nhận: 306 phản ánh"), "{run}");
    assert!(!run.stdout.contains("dòng khác"), "{run}");
    // An explanation reads in phrases, not a word a line.
    assert!(
        run.stdout
            .contains("Thiếu số điện thoại của tổ chức, cá nhân"),
        "{run}"
    );
    run.stderr_has("Đã kiểm tra 340 phản ánh: 306 tiếp nhận, 34 từ chối.");

    let env = TestEnv::ingested();
    let run = env.at_columns(80, &["--lang", "en", "--as", RECEPTION, "validate"]);
    run.success();
    assert!(run.stdout.contains("Rejected: 34 reports."), "{run}");
    assert!(
        run.stdout
            .contains("Accepted: 306 reports (not listed here"),
        "{run}"
    );
    // CSV and JSON still carry every verdict.
    let env = TestEnv::ingested();
    let json = env
        .run_as(RECEPTION, &["--format", "json", "validate"])
        .success()
        .json();
    assert_eq!(array(&json).len(), 340);
}

/// A phone typed into the reporter's name field passed the
/// reception check as a name. A name with no letter names no one: rejected as
/// `missing_name` (Đ6.3). A name with a phone beside it is a name: accepted, and reception is
/// warned by report number, the name and phone never printed (docs/rules.md §1 [choice]).
#[test]
fn a_phone_in_the_name_field_is_no_name_and_a_phone_beside_a_name_is_warned_of() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-11-04T08:00:00+07:00");
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let row = |id: &str, name: &str| {
        format!(
            "{id},2026-11-04T07:20:00+07:00,2026-11-04T07:00:00+07:00,Đường ngập nước sau mưa lớn ở khóm 2,https://x.vn/1.jpg,9.18,105.15,Khóm 2,Phường An Xuyên,{name},0912000009,0,1,0,"
        )
    };
    let file = env.dir().join("names.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\n{}\n{}\n{}\n",
            row("P-1", "0918 765 432"),
            row("P-2", "Nguyễn 0918 765 432"),
            row("P-3", "Trần Thị Bưởi"),
        ),
    )
    .unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let (one, two) = (env.id_of("P-1"), env.id_of("P-2"));
    let run = env.run_as(RECEPTION, &["--lang", "en", "--format", "json", "validate"]);
    run.success()
        .stderr_has(&format!(
            "warning: the reporter's name of report {two} holds a phone number besides the name; accepted all the same (Article 6.3 asks for the name, which is given)"
        ))
        .never_shows("765")
        .never_shows("Nguyễn");
    let verdicts = run.json();
    let reasons = |id: i64| {
        array(&verdicts)
            .iter()
            .find(|v| v["id"] == id)
            .map(|v| v["reasons"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(reasons(one), "missing_name");
    assert_eq!(reasons(two), "");
    assert_eq!(env.status_of("ext:P-1"), "rejected");
    assert_eq!(env.status_of("ext:P-2"), "accepted");
    assert_eq!(env.status_of("ext:P-3"), "accepted");
}

/// Rejected reports with app ids shorter than the column's header ("R-1",
/// a test file's, an app's own short numbers) had their header drawn a word a line ("Mã /
/// ứng / dụng") while the explanation beside it had room to spare. At 80 columns the
/// header is whole, in both languages, and every line fits.
#[test]
fn the_rejection_table_keeps_its_headers_whole_above_short_ids() {
    let env = TestEnv::seeded();
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let rows: Vec<String> = (1..=3)
        .map(|i| format!("R-{i},2026-10-05T07:1{i}:00+07:00,2026-10-05T07:00:00+07:00,Đèn đường hỏng ở ấp Xóm Mới,https://x/{i}.jpg,9.05,105.24,Ấp Xóm Mới,Xã Tạ An Khương,Trần Văn Bé,123,0,1,0,"))
        .collect();
    let file = env.dir().join("short.csv");
    std::fs::write(&file, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    // Each language judges a report of its own.
    for (lang, report, heading) in [
        ("vi", "ext:R-1", "Mã ứng dụng"),
        ("en", "ext:R-2", "External id"),
    ] {
        let run = env.at_columns(80, &["--lang", lang, "--as", RECEPTION, "validate", report]);
        run.success();
        let head = run
            .stdout
            .lines()
            .find(|l| l.contains('┆'))
            .unwrap_or_else(|| panic!("{run}"));
        assert!(head.contains(heading), "{lang}: {head}\n{run}");
        for line in run.stdout.lines() {
            assert!(line.chars().count() <= 80, "{line}\n{run}");
        }
        assert!(run.stdout.contains(&report[4..]), "{run}");
    }
}

/// A CSV of the app's columns with one complete row per `(id, submitted, content,
/// commune)`.
fn reports_csv(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut csv = String::from(
        "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint\n",
    );
    for (i, (id, submitted, content, commune)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "{id},{submitted},{submitted},\"{content}\",https://x.vn/{i}.jpg,9.18,105.15,Khóm 4,{commune},Phạm Thị Út,091234560{i},0,1,0,\n"
        ));
    }
    csv
}

/// The same report sent again a day later under a new app id (same words, same commune;
/// only the id, the times and the photo differ) went through reception with no hint, and
/// was dispatched as a new case. `validate` now names the earlier report it may repeat,
/// with the `duplicate` command, in each language; not for another commune, nor for the
/// same words more than 7 days later, nor by the phone (never opened in bulk).
#[test]
fn a_report_sent_again_is_named_at_validate_with_the_command_that_merges_it() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-09-10T08:00:00+07:00");
    let lamp = "Đèn đường hỏng ở khóm 4, trời tối rất nguy hiểm.";
    let first = env.write_file(
        "d27.csv",
        &reports_csv(&[(
            "CMG-2026-100001",
            "2026-08-27T07:30:00+07:00",
            lamp,
            "Phường An Xuyên",
        )]),
    );
    env.run_as(
        RECEPTION,
        &["ingest", "--validate", first.to_str().unwrap()],
    )
    .success();
    let again = env.write_file(
        "d28.csv",
        &reports_csv(&[
            // The same, a day later, in other case and spacing.
            (
                "CMG-2026-100006",
                "2026-08-28T09:00:00+07:00",
                "đèn đường hỏng ở khóm 4,  trời tối rất nguy hiểm",
                "Phường An Xuyên",
            ),
            // The same words about another commune.
            (
                "CMG-2026-100007",
                "2026-08-28T09:05:00+07:00",
                lamp,
                "Xã Tạ An Khương",
            ),
            // The same words 9 days after the last.
            (
                "CMG-2026-100008",
                "2026-09-06T09:30:00+07:00",
                lamp,
                "Phường An Xuyên",
            ),
        ]),
    );
    env.run_as(RECEPTION, &["ingest", again.to_str().unwrap()])
        .success();
    let (first_id, again_id) = (env.id_of("CMG-2026-100001"), env.id_of("CMG-2026-100006"));
    let run = env.run_as(RECEPTION, &["validate"]);
    run.success().stderr_has(&format!(
        "Lưu ý: phản ánh {again_id} có thể trùng với phản ánh {first_id} (cùng nội dung và xã, phường, gửi cách nhau không quá 7 ngày). Nếu đúng là một sự việc: `phananh duplicate {again_id} --of {first_id}`."
    ));
    assert_eq!(run.stderr.matches("có thể trùng").count(), 1, "{run}");
    run.never_shows("0912345600");
    env.run_as(
        RECEPTION,
        &[
            "duplicate",
            &again_id.to_string(),
            "--of",
            &first_id.to_string(),
        ],
    )
    .success();
    // In English, on a fresh database with the two reports.
    let mut english = TestEnv::seeded();
    english.set_now("2026-09-10T08:00:00+07:00");
    let both = english.write_file(
        "both.csv",
        &reports_csv(&[
            (
                "CMG-2026-100001",
                "2026-08-27T07:30:00+07:00",
                lamp,
                "Phường An Xuyên",
            ),
            (
                "CMG-2026-100006",
                "2026-08-28T09:00:00+07:00",
                lamp,
                "Phường An Xuyên",
            ),
        ]),
    );
    english
        .run_as(RECEPTION, &["ingest", both.to_str().unwrap()])
        .success();
    let (a, b) = (
        english.id_of("CMG-2026-100001"),
        english.id_of("CMG-2026-100006"),
    );
    english
        .run_as(RECEPTION, &["--lang", "en", "validate"])
        .success()
        .stderr_has(&format!(
            "Note: report {b} may repeat report {a} (the same content and commune, sent at most 7 days apart). If they are one event: `phananh duplicate {b} --of {a}`"
        ));
}

/// The desk loads and checks the day's file in one command, `ingest --validate`, where
/// `validate`'s hint of a report sent again never appeared: the same lamp sent again a day
/// later was accepted as a new case with no word. The run now closes with a line naming it
/// and the report it may repeat, with the command that merges them (Vietnamese, English),
/// and `--format json` gives each file's pairs under `possible_repeats` (an empty list when
/// none; absent without `--validate`). Ids only: never the reporter.
#[test]
fn ingest_validate_names_the_accepted_reports_that_may_repeat_an_earlier_one() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-09-10T08:00:00+07:00");
    let lamp = "Đèn đường hỏng ở khóm 4, trời tối rất nguy hiểm.";
    let first = env.write_file(
        "d27.csv",
        &reports_csv(&[(
            "CMG-2026-100001",
            "2026-08-27T07:30:00+07:00",
            lamp,
            "Phường An Xuyên",
        )]),
    );
    let run = env.run_as(
        RECEPTION,
        &["ingest", "--validate", first.to_str().unwrap()],
    );
    run.success();
    assert!(!run.stderr.contains("có thể trùng"), "{run}");
    let again = env.write_file(
        "d28.csv",
        &reports_csv(&[
            (
                "CMG-2026-100006",
                "2026-08-28T09:00:00+07:00",
                "đèn đường hỏng ở khóm 4,  trời tối rất nguy hiểm",
                "Phường An Xuyên",
            ),
            (
                "CMG-2026-100007",
                "2026-08-28T09:05:00+07:00",
                lamp,
                "Xã Tạ An Khương",
            ),
        ]),
    );
    let run = env.run_as(
        RECEPTION,
        &["ingest", "--validate", again.to_str().unwrap()],
    );
    let (a, b) = (env.id_of("CMG-2026-100001"), env.id_of("CMG-2026-100006"));
    run.success().stderr_has(&format!(
        "Lưu ý: 1 phản ánh vừa tiếp nhận có thể trùng với phản ánh gửi trước (cùng nội dung và xã, phường, cách nhau không quá 7 ngày): {b} (trùng {a}). Nếu đúng là một sự việc: `phananh duplicate {b} --of {a}`."
    ));
    assert_eq!(run.stderr.matches("có thể trùng").count(), 1, "{run}");
    run.never_shows("0912345600").never_shows("Phạm Thị Út");

    // In English and JSON, on a fresh database with the two reports in one file.
    let mut english = TestEnv::seeded();
    english.set_now("2026-09-10T08:00:00+07:00");
    let both = english.write_file(
        "both.csv",
        &reports_csv(&[
            (
                "CMG-2026-100001",
                "2026-08-27T07:30:00+07:00",
                lamp,
                "Phường An Xuyên",
            ),
            (
                "CMG-2026-100006",
                "2026-08-28T09:00:00+07:00",
                lamp,
                "Phường An Xuyên",
            ),
        ]),
    );
    let run = english.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "ingest",
            "--validate",
            "--format",
            "json",
            both.to_str().unwrap(),
        ],
    );
    let (a, b) = (
        english.id_of("CMG-2026-100001"),
        english.id_of("CMG-2026-100006"),
    );
    run.success().stderr_has(&format!(
        "Note: 1 report just accepted may repeat an earlier report (the same content and commune, at most 7 days apart): {b} (of {a}). If they are one event: `phananh duplicate {b} --of {a}`"
    ));
    let json = run.json();
    assert_eq!(
        array(&json)[0]["possible_repeats"],
        serde_json::json!([{"id": b, "repeat_of": a}]),
        "{run}"
    );
    // Nothing to name: an empty list; not checked: no key.
    let alone = english.write_file(
        "alone.csv",
        &reports_csv(&[(
            "CMG-2026-100009",
            "2026-09-09T09:00:00+07:00",
            "Cống thoát nước bị nghẹt ở khóm 2.",
            "Phường An Xuyên",
        )]),
    );
    let json = english
        .run_as(
            RECEPTION,
            &[
                "ingest",
                "--validate",
                "--format",
                "json",
                alone.to_str().unwrap(),
            ],
        )
        .success()
        .json();
    assert_eq!(array(&json)[0]["possible_repeats"], serde_json::json!([]));
    let unchecked = english.write_file(
        "unchecked.csv",
        &reports_csv(&[(
            "CMG-2026-100010",
            "2026-09-09T10:00:00+07:00",
            lamp,
            "Phường An Xuyên",
        )]),
    );
    let json = english
        .run_as(
            RECEPTION,
            &["ingest", "--format", "json", unchecked.to_str().unwrap()],
        )
        .success()
        .json();
    assert!(array(&json)[0].get("possible_repeats").is_none(), "{json}");
}

/// Reception works from `list` too, where a report sent again looked like any other. A
/// report waiting at reception that may be an earlier one sent again now has its text
/// marked with that report's number in the table, with no column given up for it at 80
/// columns (the same columns as a list with no repeat), and `repeat_of` in JSON. Only to an
/// account that may validate: a leader's list has none. Ids only: never the reporter.
#[test]
fn list_marks_the_waiting_reports_that_may_repeat_an_earlier_one() {
    let lamp = "Đèn đường hỏng ở khóm 4, trời tối rất nguy hiểm.";
    let with_second = |second: &str| {
        let mut env = TestEnv::seeded();
        env.set_now("2026-09-10T08:00:00+07:00");
        let both = env.write_file(
            "both.csv",
            &reports_csv(&[
                (
                    "CMG-2026-100001",
                    "2026-08-27T07:30:00+07:00",
                    lamp,
                    "Phường An Xuyên",
                ),
                (
                    "CMG-2026-100006",
                    "2026-08-28T09:00:00+07:00",
                    second,
                    "Phường An Xuyên",
                ),
            ]),
        );
        env.run_as(RECEPTION, &["ingest", both.to_str().unwrap()])
            .success();
        env
    };
    let env = with_second(lamp);
    let (a, b) = (env.id_of("CMG-2026-100001"), env.id_of("CMG-2026-100006"));
    let json = env.json_as(RECEPTION, &["list"]);
    let repeat_of = |json: &serde_json::Value, id: i64| {
        array(json).iter().find(|row| row["id"] == id).unwrap()["repeat_of"].clone()
    };
    assert_eq!(repeat_of(&json, b), serde_json::json!(a), "{json}");
    assert_eq!(repeat_of(&json, a), serde_json::Value::Null, "{json}");
    // Not to a leader, who does not work the reception queue.
    let json = env.json_as(LEADER, &["list"]);
    assert_eq!(repeat_of(&json, b), serde_json::Value::Null, "{json}");

    let marked = env.at_columns(80, &["--as", RECEPTION, "list"]);
    marked.success().stdout_has(&format!("[trùng {a}?]"));
    marked.never_shows("0912345600").never_shows("Phạm Thị Út");
    assert_eq!(marked.stdout.matches("[trùng").count(), 1, "{marked}");
    // The same columns as the same list with no repeat in it (one word differs).
    let plain = with_second("Đèn đường hỏng ở khóm 5, trời tối rất nguy hiểm.")
        .at_columns(80, &["--as", RECEPTION, "list"]);
    assert!(!plain.stdout.contains("[trùng"), "{plain}");
    let header = |run: &Run| {
        run.stdout
            .lines()
            .find(|l| l.contains("Nội dung") || l.contains("Content"))
            .unwrap()
            .to_owned()
    };
    assert_eq!(header(&marked), header(&plain), "{marked}\n{plain}");
    assert_eq!(marked.stderr, plain.stderr);
    env.at_columns(80, &["--as", RECEPTION, "--lang", "en", "list"])
        .success()
        .stdout_has(&format!("[repeats {a}?]"));
}
