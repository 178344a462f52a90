//! What the desk reads, worded in its language and without stutters: OS errors, usage hints, refusals, confirmations and English counts.

use crate::common::*;

#[test]
fn a_missing_input_file_is_named_in_vietnamese() {
    let env = TestEnv::seeded();
    env.run_as(RECEPTION, &["ingest", "khong-co.csv"])
        .failure()
        .one_line_error()
        .stderr_has("Không mở được khong-co.csv: không có tệp này")
        .never_shows("os error");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", "khong-co.csv"])
        .failure()
        .stderr_has("cannot open khong-co.csv: No such file or directory");
    env.run_as(ADMIN, &["field", "import", "khong-co.csv"])
        .failure()
        .stderr_has("không có tệp này")
        .never_shows("os error");
}

/// The shipped calendar's notes are English prose; the Vietnamese table
/// cites their document numbers, CSV keeps the notes whole.
#[test]
fn the_vietnamese_calendar_cites_document_numbers_not_english_notes() {
    let env = TestEnv::seeded();
    let run = env.run_as(ADMIN, &["calendar", "show", "2026"]);
    run.success()
        .stdout_has("12729/VPCP-KGVX")
        .never_shows("dispatch")
        .never_shows("Labour Code")
        .never_shows("PM approval");
    env.run_as(ADMIN, &["--format", "csv", "calendar", "show", "2026"])
        .success()
        .stdout_has("VPCP dispatch 12729/VPCP-KGVX (25/12/2025)");
    env.run_as(ADMIN, &["--lang", "en", "calendar", "show", "2026"])
        .success()
        .stdout_has("VPCP dispatch");
}

/// `validate --lang en --format json` gave the Vietnamese explanation.
#[test]
fn validate_explains_in_the_language_asked_for_in_every_format() {
    let env = TestEnv::ingested();
    let run = env.run_as(RECEPTION, &["--lang", "en", "--format", "json", "validate"]);
    run.success();
    let rejected: Vec<serde_json::Value> = array(&run.json())
        .iter()
        .filter(|v| v["status"] == "rejected")
        .cloned()
        .collect();
    assert!(!rejected.is_empty(), "{run}");
    for verdict in &rejected {
        let explanation = verdict["explanation"].as_str().unwrap();
        assert!(!explanation.is_empty(), "{verdict}");
        assert!(explanation.is_ascii(), "{verdict}");
    }
    // The log keeps the Vietnamese text the citizen is sent, whatever --lang.
    let id = rejected[0]["id"].to_string();
    let logged = env.column::<String>(&format!(
        "SELECT payload FROM events WHERE report_id = {id} AND action = 'reject'"
    ));
    assert!(logged[0].contains("Điều 6"), "{logged:?}");
}

/// Two suggestions were quoted as one command, and the Vietnamese usage
/// line left out the option the error is about.
#[test]
fn vietnamese_usage_errors_quote_each_suggestion_and_name_the_missing_option() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["asign", "5", "--agency", "SXD"])
        .code(2)
        .stderr_has("gợi ý: có phải ý bạn là 'agency' hay 'assign'?")
        .never_shows("'agency, assign'");
    env.run_as(RECEPTION, &["lst"])
        .code(2)
        .stderr_has("gợi ý: có phải ý bạn là 'list'?");
    env.run_as(RECEPTION, &["assign", "5"])
        .code(2)
        .stderr_has("thiếu đối số bắt buộc: --agency <CƠ_QUAN> hoặc --auto")
        .stderr_has("Cách dùng: phananh assign <--agency <CƠ_QUAN>|--auto> <SỐ>");
}

/// The desk's own words for a command: `phananh search "vỉa hè"` was asked whether it meant
/// `service`, `find 340` whether `field`, and `reject 340` was told nothing. They are told
/// the command to type, in both languages, and stay no commands (nothing is done).
#[test]
fn a_natural_word_for_a_command_is_told_the_command_to_type() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    let find_vi = "gợi ý: để tìm phản ánh, dùng `phananh list --search CHỮ` (theo nội dung, \
                   địa chỉ, xã/phường hoặc mã ứng dụng) hoặc `phananh show SỐ`.";
    let find_en = "tip: to find a report, use `phananh list --search TEXT` (by content, address, \
                   commune or app id) or `phananh show NUMBER`";
    for word in ["search", "find", "tìm", "tim"] {
        env.run_as(RECEPTION, &[word, "vỉa hè"])
            .code(2)
            .stderr_has(find_vi)
            .never_shows("'service'")
            .never_shows("'field'");
        env.run_as(RECEPTION, &["--lang", "en", word, "340"])
            .code(2)
            .stderr_has(find_en)
            .never_shows("'service'")
            .never_shows("'field'");
    }
    for word in ["reject", "tuchoi", "từ-chối"] {
        env.run_as(RECEPTION, &[word, "340"]).code(2).stderr_has(
            "gợi ý: để từ chối tiếp nhận phản ánh, dùng `phananh validate SỐ` (kiểm tra theo \
             Điều 6) hoặc `phananh triage`.",
        );
        env.run_as(RECEPTION, &["--lang", "en", word, "340"])
            .code(2)
            .stderr_has(
                "tip: to reject a report, use `phananh validate NUMBER` (the check of Art. 6) \
                 or `phananh triage`",
            );
    }
    env.assert_unchanged(&before);
    // A word mistyped still gets clap's guess.
    env.run_as(RECEPTION, &["--lang", "en", "lst"])
        .code(2)
        .stderr_has("tip: a similar subcommand exists: 'list'");
}

/// Common mistakes were sent the wrong way by clap's guess by spelling: `score --quarter
/// 2026-Q3` was asked whether it meant `--quiet` and shown "phananh score --quiet" as the
/// usage, `calendar add-holiday --reason` whether it meant `--as` (already given), and
/// `report --month 2026-08`, `report week` and `audit 9` were told nothing. Each is told the
/// form meant, in both languages; the usage line is the command's own; nothing is done and
/// the exit stays 2.
#[test]
fn a_common_mistake_is_told_the_form_meant() {
    let env = TestEnv::validated();
    let before = env.fingerprint();
    let cases: [(&str, &[&str], &str, &str, &str); 6] = [
        (
            AUDITOR,
            &["score", "--quarter", "2026-Q3"],
            "gợi ý: điểm thi đua tính theo năm, nửa năm hoặc quý, chọn bằng `--period`: \
             `phananh score --period 2026-Q3` (quý)",
            "tip: scores are for a year, half-year or quarter, chosen with `--period`: \
             `phananh score --period 2026-Q3` (quarter)",
            "--quiet",
        ),
        (
            LEADER,
            &["report", "--month", "2026-08"],
            "gợi ý: kỳ báo cáo là một lệnh con: `phananh report monthly --period 2026-08` \
             (tháng)",
            "tip: the period is a subcommand: `phananh report monthly --period 2026-08` \
             (month)",
            "có phải ý bạn",
        ),
        (
            LEADER,
            &["report", "week"],
            "`report range --from 31/08/2026 --to 06/09/2026` (khoảng ngày bất kỳ, như một tuần)",
            "`report range --from 2026-08-31 --to 2026-09-06` (any span of days, such as a week)",
            "có phải ý bạn",
        ),
        (
            LEADER,
            &["report", "monthly", "--month=2026-08"],
            "gợi ý: kỳ ghi ở `--period`: `--period 2026-08` (tháng), `2026-Q3` (quý)",
            "tip: the period goes in `--period`: `--period 2026-08` (month), `2026-Q3` (quarter)",
            "có phải ý bạn",
        ),
        (
            ADMIN,
            &[
                "calendar",
                "add-holiday",
                "2026-09-03",
                "--reason",
                "Nghỉ bù",
            ],
            "gợi ý: `calendar add-holiday` lấy tên ngày nghỉ ở `--name`: \
             `phananh calendar add-holiday 2026-09-03 --name \"Nghỉ bù\"`.",
            "tip: `calendar add-holiday` takes the day's name in `--name`",
            "'--as'",
        ),
        (
            AUDITOR,
            &["audit", "9"],
            "gợi ý: nhật ký của một phản ánh: `phananh audit log 9`.",
            "tip: one report's events: `phananh audit log 9`",
            "có phải ý bạn",
        ),
    ];
    for (user, args, vi, en, wrong) in cases {
        env.run_as(user, args)
            .code(2)
            .stderr_has(vi)
            .never_shows(wrong)
            .never_shows("a similar");
        let mut english = vec!["--lang", "en"];
        english.extend(args);
        env.run_as(user, &english)
            .code(2)
            .stderr_has(en)
            .never_shows(wrong)
            .never_shows("a similar");
    }
    // The usage line is the command's own, not clap's guess as if typed.
    env.run_as(AUDITOR, &["score", "--quarter", "2026-Q3"])
        .stderr_has("Cách dùng: phananh score [TÙY_CHỌN]\n");
    env.run_as(AUDITOR, &["--lang", "en", "score", "--quarter", "2026-Q3"])
        .stderr_has("Usage: phananh score [OPTIONS]\n");
    // A guess that is an option already given is no guess; a mistype still gets clap's.
    for lang in ["vi", "en"] {
        let run = env.run_as(
            ADMIN,
            &[
                "--lang",
                lang,
                "calendar",
                "add-holiday",
                "2026-09-03",
                "--asx",
                "X",
            ],
        );
        run.code(2).never_shows("'--as'");
        assert!(!run.stderr.contains("\n\n\n"), "{run}");
    }
    env.run_as(
        ADMIN,
        &["calendar", "add-holiday", "2026-09-03", "--nme", "X"],
    )
    .code(2)
    .stderr_has("gợi ý: có phải ý bạn là '--name'?");
    env.assert_unchanged(&before);
}

/// `assign` with nothing to go on named --agency alone; the routing
/// table's --auto is the other way forward and the error must say so, in both languages.
#[test]
fn assign_without_an_agency_names_both_ways_forward() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["assign"])
        .code(2)
        .stderr_has("thiếu đối số bắt buộc: --agency <CƠ_QUAN> hoặc --auto, <SỐ>");
    env.run_as(RECEPTION, &["--lang", "en", "assign", "5"])
        .code(2)
        .stderr_has("<--agency <AGENCY>|--auto>");
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD", "--auto"])
        .code(2)
        .stderr_has("không dùng");
}

/// The refusal of `assign` for a report with no field named the report
/// everywhere but in the command it gives.
#[test]
fn the_classify_advice_of_assign_names_the_report() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .failure()
        .stderr_has("(`phananh classify 5 --field MÃ`)")
        .never_shows("classify ID");
    env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", "5", "--agency", "SXD"],
    )
    .failure()
    .stderr_has("(`phananh classify 5 --field CODE`)")
    .never_shows("classify ID");
}

/// "Phản ánh 5: Phản ánh chưa…", and a role named with two brackets.
#[test]
fn refusals_name_the_report_and_a_role_once() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .failure()
        .stderr_has("Phản ánh 5: chưa được phân loại lĩnh vực")
        .never_shows("Phản ánh 5: Phản ánh");
    env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", "5", "--agency", "SXD"],
    )
    .failure()
    .stderr_has("report 5: no field yet")
    .never_shows("report 5: the report");
    env.run_as(RECEPTION, &["mark", "5", "--state-secret"])
        .success();
    env.run_as(RECEPTION, &["mark", "5", "--state-secret"])
        .failure()
        .stderr_has("Phản ánh 5: đã được đánh dấu bí mật nhà nước");
    env.run_as(
        RECEPTION,
        &["return", "5", "--reason", "Không thuộc thẩm quyền"],
    )
    .failure()
    .stderr_has("Xử lý (cơ quan)")
    .never_shows(") (");
}

/// "1 malformed records were not stored".
#[test]
fn one_malformed_record_is_singular_in_english() {
    let env = TestEnv::seeded();
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let file = env.dir().join("one.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\nERR-1,hôm qua,2026-10-05 07:00,Đường hư nặng,https://x/1.jpg,9.1,105.1,Số 1,Phường An Xuyên,Trần Văn A,0912345678,0,1,0,\n"
        ),
    )
    .unwrap();
    env.run_as(
        RECEPTION,
        &["--lang", "en", "ingest", file.to_str().unwrap()],
    )
    .failure()
    .stderr_has("1 malformed record was not stored (listed above)")
    .never_shows("1 malformed records");
}

/// The note of `assign --auto` on an unknown commune told reception to
/// return the report, which only the agency may do.
#[test]
fn the_auto_assign_note_asks_the_agency_to_return_it() {
    let env = TestEnv::seeded();
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "TTDT", "--agency", "SXD"],
    )
    .success();
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let file = env.dir().join("au.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\nAU-1,2026-10-05T07:20:00+07:00,2026-10-05T07:00:00+07:00,Lấn chiếm vỉa hè bày bàn ghế kín lối đi,https://x/1.jpg,9.17,105.15,Số 10 Trần Hưng Đạo,P. An Xuyên,Lê Văn Tám,0912345679,0,1,0,\n"
        ),
    )
    .unwrap();
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["classify", "ext:AU-1", "--field", "TTDT"])
        .success();
    env.run_as(RECEPTION, &["assign", "ext:AU-1", "--auto"])
        .success()
        .stderr_has("Nếu sai, đề nghị cơ quan đó chuyển trả rồi giao bằng --agency.");
}

/// `list --due` called every open clock of the day "Đến hạn" (fallen
/// due), one hours away too; it now speaks as `show` does.
#[test]
fn list_due_names_a_clock_as_show_does() {
    let mut env = TestEnv::seeded();
    ingest_due_one(&env);
    let due_at = env.show("ext:DUE-1")["clocks"][0]["due_at"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(due_at.starts_with("2026-10-05T09:30"), "{due_at}");
    for (now, vi, en) in [
        ("2026-10-05T08:00:00+07:00", "Đang tính", "Running"),
        ("2026-10-05T09:15:00+07:00", "Sắp đến hạn", "Due soon"),
        ("2026-10-05T10:00:00+07:00", "Quá hạn", "Overdue"),
    ] {
        env.set_now(now);
        env.run_as(RECEPTION, &["list", "--due", "2026-10-05"])
            .success()
            .stdout_has(vi)
            .never_shows("Đến hạn");
        env.run_as(RECEPTION, &["--lang", "en", "list", "--due", "2026-10-05"])
            .success()
            .stdout_has(en);
    }
}

/// The `assign` event of an urgent report dispatched without --urgent
/// recorded `"urgent": false` while the report stayed urgent.
#[test]
fn the_assign_event_records_an_urgent_report_as_urgent() {
    let env = TestEnv::seeded();
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let file = env.dir().join("urgent.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\nURG-1,2026-10-05T07:30:00+07:00,2026-10-05T07:00:00+07:00,Cột điện nghiêng sắp đổ ra đường,https://x/1.jpg,9.17,105.15,Số 10 Trần Hưng Đạo,Phường An Xuyên,Lê Văn Tám,0912345679,0,1,1,\n"
        ),
    )
    .unwrap();
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["classify", "ext:URG-1", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "ext:URG-1", "--agency", "SXD"])
        .success();
    assert_eq!(env.show("ext:URG-1")["urgent"], true);
    let payload = env.column::<String>(
        "SELECT payload FROM events WHERE action = 'assign' ORDER BY id DESC LIMIT 1",
    );
    let payload: serde_json::Value = serde_json::from_str(&payload[0]).unwrap();
    assert_eq!(payload["urgent"], true, "{payload}");
}

/// A step refused because `--now` lies before the report's last event
/// names the likely cause, a `--now` or an exported `PHANANH_NOW`, and says both times as
/// the operator's tables do: it said them in RFC 3339 ("2026-10-05T09:00:00+07:00"), a
/// code inside a Vietnamese sentence.
#[test]
fn a_backdated_step_points_at_now() {
    let mut env = TestEnv::validated();
    env.set_now("2026-10-05T09:00:00+07:00");
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.set_now("2026-10-05T08:55:30+07:00");
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .failure()
        .stderr_has("nhật ký không được lùi thời gian")
        .stderr_has("--now hay PHANANH_NOW")
        .stderr_has("đã có sự kiện lúc 05/10/2026 09:00; thao tác lúc 05/10/2026 08:55:30 sẽ")
        .never_shows("+07:00");
    env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", "5", "--agency", "SXD"],
    )
    .failure()
    .stderr_has("--now or PHANANH_NOW")
    .stderr_has("an event at 2026-10-05 09:00; a step at 2026-10-05 08:55:30 would")
    .never_shows("+07:00");
}

/// `classify` and `rate` printed "X → X" and not what they recorded.
#[test]
fn classify_and_rate_say_what_they_recorded() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success()
        .stdout_has("đã ghi lĩnh vực GT, vẫn Chờ phân phối")
        .never_shows("→");
    // Another field: the same one again is refused, there being nothing to record
    // (`workflow::classifying_again_in_the_same_field_is_refused_and_writes_nothing`).
    env.run_as(
        RECEPTION,
        &["--lang", "en", "classify", "5", "--field", "XD"],
    )
    .success()
    .stdout_has("recorded field XD, still");
    env.run_as(
        RECEPTION,
        &["answer", "5", "--text", "Đã vá ổ gà trước chợ"],
    )
    .success();
    env.run_as(RECEPTION, &["verify", "5", "--approve"])
        .success();
    env.run_as(RECEPTION, &["publish", "5"]).success();
    env.run_as(RECEPTION, &["rate", "5", "--score", "4"])
        .success()
        .stdout_has("đã ghi đánh giá 4/5, vẫn Đã công khai");
    // A second rating replaces the first (docs/rules.md §2), and the score counts it: the
    // officer who types it is told which it replaced, in both languages.
    env.run_as(RECEPTION, &["rate", "5", "--score", "2"])
        .success()
        .stdout_has("đã ghi đánh giá 2/5 thay đánh giá 4/5 đã ghi trước đó, vẫn Đã công khai");
    env.run_as(RECEPTION, &["--lang", "en", "rate", "5", "--score", "3"])
        .success()
        .stdout_has("recorded rating 3/5 in place of the 2/5 recorded before, still");
}

/// `validate` on a finished report printed an empty table and "checked
/// 0" beside the refusal.
#[test]
fn validate_of_only_finished_reports_prints_just_the_refusal() {
    let env = TestEnv::validated();
    let run = env.run_as(RECEPTION, &["validate", "5"]);
    run.failure()
        .stderr_has("Phản ánh 5: Không thể thực hiện `validate`")
        .never_shows("Đã kiểm tra 0");
    assert!(run.stdout.is_empty(), "{run}");
    let run = env.run_as(RECEPTION, &["--format", "json", "validate", "5"]);
    run.failure();
    assert_eq!(run.json(), serde_json::json!([]));
}

/// "Đ111" in the calendar read as an article of the Decision, which has
/// none such; it is the Labour Code's, and every place the calendar shows it says so.
#[test]
fn the_calendar_cites_the_labour_code_by_its_name() {
    let env = TestEnv::seeded();
    // 2027 has no announced schedule: its days off come from the rules, each with its article.
    for format in ["table", "csv", "json"] {
        let vi = env.run_as(ADMIN, &["--format", format, "calendar", "show", "2027"]);
        vi.success()
            .stdout_has("nghỉ hằng tuần (Điều 111 Bộ luật Lao động 2019)")
            .stdout_has("(Điều 112 Bộ luật Lao động 2019)")
            .stdout_has("(khoản 3 Điều 111 Bộ luật Lao động 2019)")
            .never_shows("Đ111")
            .never_shows("Đ112");
        let en = env.run_as(
            ADMIN,
            &[
                "--lang", "en", "--format", format, "calendar", "show", "2027",
            ],
        );
        en.success()
            .stdout_has("weekly rest (Article 111, Labour Code 2019)")
            .stdout_has("(Article 112, Labour Code 2019)")
            .stdout_has("(Article 111(3), Labour Code 2019)")
            .never_shows("Art. 111")
            .never_shows("Art. 112");
    }
    env.run_as(ADMIN, &["calendar", "show", "2027"])
        .stderr_has("Điều 111–112 Bộ luật Lao động 2019");
    env.run_as(ADMIN, &["settings", "show"])
        .success()
        .never_shows("Đ112");
}

/// A `list` with nothing to show drew an empty table box; it says in a
/// sentence that nothing matches and which filters were given, in both languages. CSV and
/// JSON stay what a program reads: a header, `[]`.
#[test]
fn an_empty_list_says_so_and_names_its_filters() {
    let env = TestEnv::validated();
    let args = [
        "list", "--status", "received", "--urgent", "--search", "xyz",
    ];
    env.run_as(RECEPTION, &args)
        .success()
        .stdout_has("Không có phản ánh nào khớp bộ lọc: --status received, --urgent,")
        .stdout_has("--search \"xyz\"")
        .never_shows("┌");
    let en = in_english(&args);
    env.run_as(RECEPTION, &en)
        .success()
        .stdout_has("No report matches the filters: --status received, --urgent,")
        .never_shows("┌");
    env.run_as(RECEPTION, &["list", "--overdue", "--agency", "SXD"])
        .success()
        .stdout_has("khớp bộ lọc: --agency SXD, --overdue.")
        .never_shows("┌");
    let json = env.run_as(
        RECEPTION,
        &["--format", "json", "list", "--status", "received"],
    );
    assert_eq!(json.json(), serde_json::json!([]));
    env.run_as(
        RECEPTION,
        &["--format", "csv", "list", "--status", "received"],
    )
    .success()
    .stdout_has("id,external_id,");
    let empty = TestEnv::seeded();
    empty
        .run_as(RECEPTION, &["list"])
        .success()
        .stdout_has("Chưa có phản ánh nào.")
        .never_shows("┌");
    empty
        .run_as(RECEPTION, &["--lang", "en", "list", "--due", "2026-10-05"])
        .success()
        .stdout_has("Nothing falls due by the end of 2026-10-05.")
        .never_shows("┌");
    empty
        .run_as(RECEPTION, &["list", "--due", "2026-10-05", "--urgent"])
        .success()
        .stdout_has("Không có thời hạn nào đến hạn hết ngày 05/10/2026 (--urgent).")
        .never_shows("┌");
}

/// At 80 columns the dispatch queue (`list --status accepted`) hid the
/// field, which the desk chooses an agency by, and kept the agency column, blank in every
/// row of a queue waiting for one. A column blank in every row shown goes, unnamed; one
/// with something in it stays.
#[test]
fn the_dispatch_queue_at_80_columns_shows_the_field_not_a_blank_agency() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "13", "--field", "GT"])
        .success();
    let narrow = |args: &[&str]| {
        let mut all = vec!["--as", RECEPTION];
        all.extend_from_slice(args);
        env.at_columns(80, &all)
    };
    for (lang, field, agency) in [("vi", "Lĩnh", "Cơ quan"), ("en", "Field", "Agency")] {
        let queue = narrow(&[
            "--lang", lang, "list", "--status", "accepted", "--limit", "5",
        ]);
        queue.success().stdout_has(field).never_shows(agency);
        assert!(queue.stdout.contains("┆ GT "), "{queue}");
    }
    // Assigned, the agency is what the row is about: it stays.
    env.run_as(RECEPTION, &["assign", "13", "--agency", "SXD"])
        .success();
    narrow(&["list", "--status", "assigned"])
        .success()
        .stdout_has("┆ SXD ")
        .never_shows("ẩn cột Mã ứng dụng, Lĩnh vực, Cơ quan");
}

/// `show`'s clocks said "Đang tính" or "Quá hạn" and left the operator to
/// work out from the deadline how long was left, or how late it was, where the sweep and
/// `list --due` say it ("còn 1 giờ 30 phút", "quá 30 phút"). A running clock's state now
/// says it in those words, at 80 columns too (wrapped in its cell); a stopped one keeps
/// "Đúng hạn" / "Trễ hạn", and JSON its `state`. The dispatch clock of a report received
/// on a working day counts working time (docs/rules.md §3), and says so.
#[test]
fn show_says_how_long_a_running_clock_has_left_or_how_late_it_is() {
    let mut env = TestEnv::seeded();
    ingest_due_one(&env);
    // Due 09:30 (two working hours from 07:30).
    for (now, vi, en) in [
        (
            "2026-10-05T08:00:00+07:00",
            "còn 1 giờ 30 phút làm việc",
            "1 h 30 min of working time left",
        ),
        (
            "2026-10-05T09:15:00+07:00",
            "còn 15 phút làm việc",
            "15 min of working time left",
        ),
        // 09:30 to 11:00 and no more: the lunch break from 11:00 is no working time.
        (
            "2026-10-05T11:45:00+07:00",
            "quá 1 giờ 30 phút làm việc",
            "1 h 30 min of working time over",
        ),
    ] {
        env.set_now(now);
        for (lang, said) in [("vi", vi), ("en", en)] {
            let run = env.at_columns(
                80,
                &["--as", RECEPTION, "--lang", lang, "show", "ext:DUE-1"],
            );
            run.success();
            // The row's last cells, its lines wrapped at 80 columns joined again.
            let lines: Vec<&str> = run.stdout.lines().collect();
            let first = lines
                .iter()
                .position(|l| l.starts_with("│ Phân phối") || l.starts_with("│ Dispatch"))
                .unwrap_or_else(|| panic!("no clock row:\n{run}"));
            let last_cell = |l: &str| {
                l.rsplit('┆')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('│')
                    .trim()
                    .to_owned()
            };
            let mut clock = last_cell(lines[first]);
            for more in lines[first + 1..]
                .iter()
                .take_while(|l| l.starts_with("│  "))
            {
                clock = format!("{clock} {}", last_cell(more)).trim().to_owned();
            }
            assert!(clock.contains(said), "{said} not in {clock:?}\n{run}");
        }
    }
    assert_eq!(env.show("ext:DUE-1")["clocks"][0]["state"], "overdue");
}

/// A refusal for a report in the wrong state named the report ("Phản ánh
/// 29: …") and then told the operator to type `phananh publish SỐ`, the placeholder in
/// place of the number it had just said. The command it advises is the one to type.
#[test]
fn a_refusal_advises_the_command_for_the_report_it_refused() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
        .success();
    let reply = ["reply", "5", "--text", "Đã vá ổ gà, thông xe."];
    env.run_as(HANDLER_SXD, &reply).success();
    // A handler is told whom to ask, not the desk's command
    // (`desk::a_handler_correcting_a_reply_is_told_to_ask_the_desk_to_send_it_back`); the
    // desk is advised its command for report 5.
    env.run_as(HANDLER_SXD, &reply)
        .failure()
        .stderr_has("liên hệ bộ phận tiếp nhận của Cổng")
        .never_shows("SỐ");
    let answer = ["answer", "5", "--text", "Đã chuyển UBND phường."];
    env.run_as(RECEPTION, &answer)
        .failure()
        .stderr_has("(`phananh verify 5 --approve` hoặc `phananh verify 5 --send-back --reason …`)")
        .never_shows("SỐ");
    env.run_as(RECEPTION, &in_english(&answer))
        .failure()
        .stderr_has("(`phananh verify 5 --approve` or `phananh verify 5 --send-back --reason …`)");
    env.run_as(RECEPTION, &["verify", "5", "--approve"])
        .success();
    env.run_as(RECEPTION, &["verify", "5", "--approve"])
        .failure()
        .stderr_has("hãy công khai (`phananh publish 5`)");
}

/// `list` marked an urgent report with a bare "!" under "Khẩn", where
/// `list --overdue`, `list --due` and the sweep write "KHẨN" / "URGENT": a sign, not a word,
/// and not the one the other lists use. It writes the word, which is no wider than the
/// header above it.
#[test]
fn list_marks_an_urgent_report_with_the_word_the_other_lists_use() {
    let env = TestEnv::validated();
    for (lang, word) in [("vi", "KHẨN"), ("en", "URGENT")] {
        let run = env.at_columns(80, &["--as", RECEPTION, "--lang", lang, "list", "--urgent"]);
        run.success();
        // The first row under the header (a line above the table may name the status
        // every row shares).
        let first = table_body(run.stdout.lines())
            .first()
            .unwrap_or_else(|| panic!("no row:\n{run}"))
            .to_string();
        assert!(first.contains(&format!("┆ {word} ")), "{first:?}\n{run}");
        assert!(!first.contains("┆ ! "), "{first:?}\n{run}");
    }
}

/// Ingests one complete report, DUE-1, received Monday 05/10/2026 07:30: its dispatch clock
/// is due at 09:30, two working hours later.
fn ingest_due_one(env: &TestEnv) {
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let file = env.dir().join("due.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\nDUE-1,2026-10-05T07:30:00+07:00,2026-10-05T07:00:00+07:00,Đèn đường trước chợ hỏng nhiều ngày,https://x/1.jpg,9.17,105.15,Số 10 Trần Hưng Đạo,Phường An Xuyên,Lê Văn Tám,0912345679,0,1,0,\n"
        ),
    )
    .unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
}

/// `list --status accepted` wrote "Chờ phân phối" in every row, 15
/// columns of the 80 the text beside it needed (the content was 8 wide). The status every
/// row shares is said once above the table; the rows give its room to the others. A list
/// of several statuses keeps the column.
#[test]
fn a_list_of_one_status_says_it_once_above_the_table() {
    let env = TestEnv::validated();
    for (lang, caption, label, header) in [
        (
            "vi",
            "Trạng thái: Chờ phân phối.",
            "Chờ phân phối",
            "Trạng thái",
        ),
        (
            "en",
            "Status: Awaiting dispatch.",
            "Awaiting dispatch",
            "Status",
        ),
    ] {
        let run = env.at_columns(
            80,
            &[
                "--as", RECEPTION, "--lang", lang, "list", "--status", "accepted", "--limit", "6",
            ],
        );
        run.success();
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines[0], caption, "{run}");
        let table = lines[1..].join("\n");
        assert!(!table.contains(label), "the status in the rows:\n{run}");
        assert!(!table.contains(header), "{run}");
        // Two statuses: the column stays.
        let both = env.at_columns(
            80,
            &[
                "--as",
                RECEPTION,
                "--lang",
                lang,
                "list",
                "--status",
                "accepted,rejected",
            ],
        );
        both.success().stdout_has(header).never_shows(caption);
    }
}

/// A report already with its agency, dispatched again or approved by mistake, was
/// refused with "cơ quan được giao có thể trả lại hoặc trả lời": what the agency may do,
/// not what the desk should, and no way to see how long the agency has. The refusal says
/// to wait for the agency and where its deadline is.
#[test]
fn a_refusal_while_the_agency_holds_the_report_says_to_wait_and_where_the_deadline_is() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["classify", "13", "--field", "TL"])
        .success();
    env.run_as(RECEPTION, &["assign", "13", "--agency", "SNNMT"])
        .success();
    for (lang, wait) in [
        (
            "vi",
            "chờ cơ quan trả lời hoặc chuyển trả (xem hạn bằng `phananh show 13`)",
        ),
        (
            "en",
            "wait for it to reply or return it (see its deadline with `phananh show 13`)",
        ),
    ] {
        for args in [
            &["assign", "13", "--agency", "SNNMT"][..],
            &["verify", "13", "--approve"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            env.run_as(RECEPTION, &all).failure().stderr_has(wait);
        }
    }
}

/// A Vietnamese usage error ended "Xem thêm: thêm --help vào lệnh." ("add --help to
/// the command"), leaving the operator to work out where; it names the command to type.
#[test]
fn a_vietnamese_usage_error_names_the_help_to_type() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["answer", "7"])
        .code(2)
        .stderr_has("Xem hướng dẫn: `phananh answer --help`.")
        .never_shows("thêm --help vào lệnh");
    env.run_as(RECEPTION, &["report", "monthy"])
        .code(2)
        .stderr_has("Xem hướng dẫn: `phananh report --help`.");
    env.run_as(RECEPTION, &["frobnicate"])
        .code(2)
        .stderr_has("Xem hướng dẫn: `phananh --help`.");
    env.run_as(RECEPTION, &["list", "--status", "asigned"])
        .code(2)
        .stderr_has("Xem hướng dẫn: `phananh list --help`.");
    env.run_as(
        RECEPTION,
        &["calendar", "deadline", "--stage", "x", "--start", "1"],
    )
    .code(2)
    .stderr_has("Xem hướng dẫn: `phananh calendar deadline --help`.");
}

/// A file where `--out` needs a folder on the way (`tep/bao-cao.csv`, `tep` a file): an
/// export said the folder `tep` did not exist and to make it with `mkdir -p`, which fails
/// there too; `man --out` quoted the system's "Not a directory (os error 20)" in the
/// Vietnamese sentence. Both say what stands in the way now.
#[test]
fn an_output_path_through_a_file_is_refused_in_vietnamese() {
    let env = TestEnv::validated();
    std::fs::write(env.dir().join("tep"), "").unwrap();
    let inside = env.dir().join("tep").join("bao-cao.csv");
    let inside = inside.to_str().unwrap();
    for (user, args, english_says) in [
        (
            LEADER,
            &["export", "csv", "--public", "--out", inside][..],
            "is a file, not a folder",
        ),
        (ADMIN, &["man", "--out", inside], "Not a directory"),
    ] {
        env.run_as(user, args)
            .failure()
            .one_line_error()
            .stderr_has("tệp, không phải thư mục")
            .never_shows("os error")
            .never_shows("mkdir");
        let english = in_english(args);
        env.run_as(user, &english)
            .failure()
            .stderr_has(english_says);
    }
}

/// What the command line itself says of a global option given twice, a clock that is no
/// time, a status misspelt and a classification given one field for several reports, word
/// for word in each language, with the exit status each ends with.
#[test]
fn the_command_lines_own_refusals_read_the_same_in_both_languages() {
    let env = TestEnv::seeded();
    let statuses = "received, rejected, accepted, assigned, returned, replied, verified, published, closed_private, duplicate";
    let labelled = |labels: [&str; 10]| {
        statuses
            .split(", ")
            .zip(labels)
            .map(|(name, label)| format!("{name} ({label})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let vi_statuses = labelled([
        "Chờ kiểm tra",
        "Từ chối tiếp nhận",
        "Chờ phân phối",
        "Đang xử lý",
        "Đã chuyển trả, chờ phân phối lại",
        "Chờ duyệt",
        "Chờ công khai",
        "Đã công khai",
        "Đã phản hồi riêng",
        "Trùng lặp",
    ]);
    let en_statuses = labelled([
        "Awaiting the check",
        "Rejected",
        "Awaiting dispatch",
        "Being handled",
        "Returned, awaiting re-dispatch",
        "Awaiting review",
        "Awaiting publication",
        "Published",
        "Answered privately",
        "Duplicate",
    ]);
    for (lang, twice, clock, status, guess, one_field) in [
        (
            "vi",
            "lỗi: --db được cho nhiều lần; chỉ được cho một lần (quy tắc sudo cố định tệp). Hãy bỏ --db thừa rồi chạy lại.\n",
            "phananh: --now “garbage” không phải thời điểm hợp lệ; dùng RFC 3339, ví dụ 2026-10-05T08:30:00+07:00.\n",
            format!(": không có trạng thái này; dùng một trong {vi_statuses}"),
            "\n\n  gợi ý: có phải ý bạn là 'received'?\n",
            "phananh: Với --field, hãy ghi đúng một số phản ánh.\n",
        ),
        (
            "en",
            "error: --db is given more than once; it may be given once only (the sudo rule pins the file). Remove the extra --db and run again\n",
            "phananh: --now \"garbage\" is not a valid time; use RFC 3339, e.g. 2026-10-05T08:30:00+07:00\n",
            format!(": unknown status; use one of {en_statuses}"),
            "\n\n  tip: a similar value exists: 'received'\n",
            "phananh: with --field, give exactly one report\n",
        ),
    ] {
        let db = env.db().to_str().unwrap();
        let run = env.run_as(ADMIN, &["--lang", lang, "list", "--db", db, "--db", db]);
        assert_eq!(run.code(2).stderr, twice);
        // A time that names no moment is a usage error, as the guide's table of exit
        // statuses says (exit 2), whether typed as --now or exported as PHANANH_NOW.
        let run = env.run_as(ADMIN, &["--lang", lang, "--now", "garbage", "list"]);
        assert_eq!(run.code(2).stderr, clock);
        let run = env.run_as(
            ADMIN,
            &["--lang", lang, "--now", "2026-11-31T10:00:00+07:00", "list"],
        );
        assert_eq!(
            run.code(2).stderr,
            if lang == "vi" {
                "phananh: --now “2026-11-31T10:00:00+07:00”: không có ngày này: tháng 11/2026 có 30 ngày.\n"
            } else {
                "phananh: --now \"2026-11-31T10:00:00+07:00\": no such day: November 2026 has 30 days\n"
            }
        );
        let run = env.run_as(ADMIN, &["--lang", lang, "list", "--status", "recieved"]);
        run.code(2).stderr_has(&format!("{status}{guess}"));
        let run = env.run_as(ADMIN, &["--lang", lang, "list", "--status", "zzzzzz"]);
        run.code(2).stderr_has(&format!("{status}\n\n"));
        assert!(!run.stderr.contains(guess.trim()), "{run}");
        let run = env.run_as(
            RECEPTION,
            &["--lang", lang, "classify", "1", "2", "--field", "GT"],
        );
        // Two reports where one is asked is a wrong use of the command line: exit 2.
        assert_eq!(run.code(2).stderr, one_field);
    }
}

/// A folder at the name of a writers' queue file (`<db>-writer`, `storage::queue`) was said
/// "… không mở được (Is a directory (os error 21)); hãy xóa nó": the system's English inside
/// the Vietnamese message, and advice `rm` does not follow for a folder. It is named a
/// folder, with the `mv` that moves it away, in each language, and nothing is written.
#[test]
fn a_folder_at_a_queue_files_name_is_said_in_the_operators_language() {
    let env = TestEnv::ingested();
    let writer = format!("{}-writer", env.db().display());
    std::fs::create_dir(&writer).unwrap();
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["validate"])
        .code(1)
        .one_line_error()
        .stderr_has(&format!(
            "Tệp xếp hàng ghi {writer} là một thư mục, không phải một tệp thường; hãy xem đó là gì (`ls -la {writer}`), chuyển nó đi chỗ khác (`mv {writer} {writer}.moved`) (phananh tạo lại tệp) rồi chạy lại."
        ))
        .never_shows("Is a directory")
        .never_shows("os error");
    env.run_as(RECEPTION, &["--lang", "en", "validate"])
        .code(1)
        .stderr_has(&format!(
            "the writers' queue file {writer} is a folder, not a regular file; see what it is"
        ));
    env.assert_unchanged(&before);
}

/// A folder at the name of one of the database's side files: at `-journal` SQLite read it
/// as a disk failing, and the operator read "reading …: disk I/O error" in English whatever
/// the language; at `-shm` the database was said to be read-only. Each is named a folder
/// where it stands, with the `mv` that moves it away, as a FIFO there is
/// (`setup::a_fifo_in_place_of_the_database_or_its_log_is_refused_at_once`).
#[test]
fn a_folder_at_a_side_files_name_is_named_in_the_operators_language() {
    let env = TestEnv::validated();
    let before = env.snapshot();
    for suffix in ["-journal", "-shm", "-wal"] {
        let side = format!("{}{suffix}", env.db().display());
        // Left empty by the snapshot's checkpoint: nothing of the database is in it.
        let _ = std::fs::remove_file(&side);
        std::fs::create_dir(&side).unwrap();
        env.run_as(RECEPTION, &["list"])
            .code(1)
            .one_line_error()
            .stderr_has(&format!(
                "Tệp đi kèm cơ sở dữ liệu {side} là một thư mục, không phải một tệp thường: phananh không mở nó. Không có gì thay đổi; hãy xem đó là gì (`ls -la {side}`), chuyển nó đi chỗ khác (`mv {side} {side}.moved`) rồi chạy lại."
            ))
            .never_shows("disk I/O")
            .never_shows("reading");
        env.run_as(
            ADMIN,
            &[
                "--lang",
                "en",
                "field",
                "import",
                &example_str("fields.csv"),
            ],
        )
        .code(1)
        .stderr_has(&format!(
            "the database's side file {side} is a folder, not a regular file"
        ));
        std::fs::remove_dir(&side).unwrap();
    }
    assert_eq!(env.snapshot(), before, "the database was left as it was");
}

/// A database whose name is too long for its file system: `demo`, which creates it, said
/// "creating …: File name too long (os error 36)" in English whatever the language.
#[test]
fn a_database_name_too_long_to_create_is_said_in_the_operators_language() {
    let env = TestEnv::empty();
    let db = env.dir().join(format!("{}.sqlite", "a".repeat(300)));
    let shown = db.display().to_string();
    env.run(&["--db", &shown, "demo"])
        .code(1)
        .one_line_error()
        .stderr_has(&format!(
            "Không tạo được {shown}: tên tệp quá dài hoặc không hợp lệ trên hệ thống tệp này. Hãy khắc phục nguyên nhân trên rồi chạy lại."
        ))
        .never_shows("creating")
        .never_shows("os error");
    env.run(&["--lang", "en", "--db", &shown, "demo"])
        .code(1)
        .stderr_has(&format!(
            "creating {shown}: File name too long (os error 36). Mend that cause, then run again."
        ));
    assert_eq!(
        std::fs::read_dir(env.dir()).unwrap().count(),
        0,
        "nothing was made"
    );
}

/// A SQLite failure `storage::diagnose` does not name (here a table renamed outside
/// phananh, which a reading command meets: only a writing open compares the schema) reached
/// the operator as SQLite's English whatever the language ("no such table: clocks: Error
/// code 1: SQL logic error"). The Vietnamese message says SQLite failed for a cause phananh
/// does not know, quotes SQLite's own text for a technician, and says what to do; English
/// keeps the chain as it was.
#[test]
fn a_sqlite_failure_nothing_names_is_said_in_the_operators_language() {
    let env = TestEnv::validated();
    env.writable()
        .execute_batch("ALTER TABLE clocks RENAME TO clocks_moved")
        .unwrap();
    env.run_as(RECEPTION, &["list"])
        .code(1)
        .one_line_error()
        .stderr_has(
            "Lệnh không làm tiếp được với cơ sở dữ liệu: SQLite báo một lỗi phananh không nhận ra (no such table: clocks, mã 1). Hãy chạy lại; nếu lỗi còn, báo quản trị viên kèm nguyên văn thông báo này.",
        )
        .never_shows("Error code")
        .never_shows("SQL logic error");
    env.run_as(RECEPTION, &["--lang", "en", "list"])
        .code(1)
        .stderr_has("no such table: clocks: Error code 1: SQL logic error. Run again;");
}

/// An empty file made beforehand for `init` that cannot be replaced (immutable, `chattr +i`):
/// the database built beside it could not be put in its place, and the operator read
/// "putting … in place: Operation not permitted (os error 1)" in English whatever the
/// language. Said in each language, with `init` leaving nothing behind. Needs root, as
/// the attribute does; the attribute is taken off again whether the test passes or not.
#[test]
fn a_database_that_cannot_be_put_in_place_is_said_in_the_operators_language() {
    if !as_root("a database that cannot be put in place") {
        return;
    }
    let env = TestEnv::empty();
    let _kept = Immutable::empty_file(env.db(), 0o600);
    let shown = env.db().display().to_string();
    env.run(&["init", "--auth", "trust"])
        .code(1)
        .one_line_error()
        .stderr_has(&format!(
            "Không đặt được cơ sở dữ liệu mới vào chỗ {shown}: hệ thống không cho phép việc này (tài khoản này không phải chủ tệp, hoặc tệp mang thuộc tính bất biến `chattr +i`)."
        ))
        .stderr_has("`init` không tạo gì.")
        .never_shows("putting")
        .never_shows("os error");
    env.run(&["--lang", "en", "init", "--auth", "trust"])
        .code(1)
        .stderr_has(&format!(
            "putting {shown} in place: Operation not permitted (os error 1). init made nothing."
        ));
    let left: Vec<_> = std::fs::read_dir(env.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("phananh.sqlite")]);
    assert_eq!(std::fs::metadata(env.db()).unwrap().len(), 0);
}

/// An empty file made beforehand for `init` with a mode every account may read, which
/// phananh cannot narrow (it is immutable, `chattr +i`): the refusal quoted the system's
/// "Operation not permitted (os error 1)" inside the Vietnamese message. Needs root.
#[test]
fn a_file_that_cannot_be_narrowed_says_why_in_the_operators_language() {
    if !as_root("a file that cannot be narrowed") {
        return;
    }
    let env = TestEnv::empty();
    let _kept = Immutable::empty_file(env.db(), 0o644);
    let shown = env.db().display().to_string();
    env.run(&["init", "--auth", "trust"])
        .code(1)
        .one_line_error()
        .stderr_has(&format!(
            "{shown} có quyền 0644: mọi tài khoản trên máy đọc được họ tên, số điện thoại người phản ánh, và phananh không thu hẹp được: hệ thống không cho phép việc này (tài khoản này không phải chủ tệp, hoặc tệp mang thuộc tính bất biến `chattr +i`). Hãy để chủ tệp chạy"
        ))
        .never_shows("os error");
    env.run(&["--lang", "en", "init", "--auth", "trust"])
        .code(1)
        .stderr_has("phananh cannot narrow it (Operation not permitted (os error 1))");
}

/// Whether the test runs as root, which it needs; said on stderr when it does not (and a
/// failure where `CI` or `PHANANH_REQUIRE_ROOT_TESTS` asks for every test), as
/// tests/cli/logins.rs does.
fn as_root(what: &str) -> bool {
    if running_as_root() {
        return true;
    }
    let required = ["CI", "PHANANH_REQUIRE_ROOT_TESTS"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    assert!(!required, "this test must run as root here");
    eprintln!("wording: {what} NOT CHECKED — needs root");
    false
}

/// A file made immutable (`chattr +i`) for as long as this lives: the attribute is taken
/// off when it is dropped, a failed assertion included, so that the temp folder can go.
struct Immutable(std::path::PathBuf);

impl Immutable {
    /// An empty file made at `path` with `mode`, then made immutable.
    fn empty_file(path: &std::path::Path, mode: u32) -> Immutable {
        std::fs::write(path, b"").unwrap();
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap();
        let status = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .expect("chattr (e2fsprogs) runs");
        assert!(
            status.success(),
            "chattr +i failed: the temp folder's file system must keep the immutable attribute"
        );
        Immutable(path.to_owned())
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// A report not yet checked was "Mới tiếp nhận" in list, show, audit and the desk, but
/// "Chờ kiểm tra" in the periodic report; and in the regulation (Đ7.1.a) "tiếp nhận" is what
/// a report gets after the check, the opposite of "từ chối tiếp nhận". The status is named
/// "Chờ kiểm tra" ("Awaiting the check") wherever it is written, as the report names it.
#[test]
fn a_report_not_yet_checked_is_awaiting_the_check_everywhere() {
    let env = TestEnv::ingested();
    let id = env.column::<i64>("SELECT id FROM reports WHERE status = 'received' LIMIT 1")[0];
    let id = id.to_string();
    // A cell that reads the old English label alone ("Received from the app" is an action).
    for (lang, label, olds) in [
        ("vi", "Chờ kiểm tra", &["Mới tiếp nhận"][..]),
        (
            "en",
            "Awaiting the check",
            &["Received ┆", "Received │"][..],
        ),
    ] {
        let read = |args: &[&str]| -> String {
            let out = env
                .run_as(RECEPTION, &[&["--lang", lang][..], args].concat())
                .success()
                .stdout
                .clone();
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for args in [
            &["show", &id][..],
            &["list", "--status", "received"][..],
            &["audit", "log", &id][..],
        ] {
            let said = read(args);
            assert!(said.contains(label), "{lang} {args:?}: {said}");
            for old in olds {
                assert!(!said.contains(old), "{lang} {args:?}: {said}");
            }
        }
        let report = read(&["report", "monthly", "--period", "2026-10"]);
        assert!(report.contains(label), "{lang}: {report}");
    }
}

/// A citizen's phone typed where a report's number goes (`show 0394676598`, `erase
/// 0912189654`, read off a data subject's request) was told "no report 0394676598; see
/// `phananh list`", echoing the phone. It is now told the lookup that takes a phone, and the
/// phone is not repeated.
#[test]
fn a_phone_typed_as_a_report_number_is_sent_to_the_phone_lookup_unechoed() {
    let env = TestEnv::validated();
    for args in [
        &["show", "0394676598"][..],
        &[
            "erase",
            "0912189654",
            "--reason",
            "Người phản ánh yêu cầu xóa",
        ],
        &["show", "+84394676598"],
    ] {
        let run = env.run_as(ADMIN, args);
        run.failure()
            .stderr_has("là một số điện thoại, không phải số phản ánh")
            .stderr_has("list --phone SỐ_ĐIỆN_THOẠI");
        assert!(!run.stderr.contains(args[1]), "{run}");
    }
    env.run_as(ADMIN, &["--lang", "en", "show", "0394676598"])
        .failure()
        .stderr_has("is a phone number, not a report's number");
    // A number that is no phone is still "no report N".
    env.run_as(ADMIN, &["show", "99999"])
        .failure()
        .stderr_has("Không tìm thấy phản ánh 99999");
}

/// `show` gave the field and the handling agency by code alone ("Lĩnh vực GT", "Cơ quan xử
/// lý SXD"): a ward officer does not know 31825 is Phường Bạc Liêu. The table names them,
/// the code in brackets; JSON keeps its shape (the codes, no new key); and over agency names
/// swapped with `sqlite3` the table gives the codes alone rather than one agency's name on
/// another's code. Without the fix the rows held "GT" and "SXD" alone.
#[test]
fn show_names_the_field_and_the_agency_with_their_codes() {
    let env = TestEnv::demo();
    for (lang, field, agency) in [
        ("vi", "Giao thông (GT)", "Sở Xây dựng tỉnh Cà Mau (SXD)"),
        ("en", "(GT)", "(SXD)"),
    ] {
        env.at_columns(80, &["--as", HANDLER_SXD, "--lang", lang, "show", "335"])
            .success()
            .stdout_has(field)
            .stdout_has(agency);
    }
    let json = env
        .run_as(HANDLER_SXD, &["--format", "json", "show", "335"])
        .success()
        .json();
    assert_eq!(json["agency"], "SXD");
    assert_eq!(json["field"], "GT");
    assert!(json.get("agency_name").is_none() && json.get("field_name").is_none());
    env.writable()
        .execute_batch(SWAP_SXD_AND_SYT_NAMES)
        .unwrap();
    env.at_columns(80, &["--as", HANDLER_SXD, "show", "335"])
        .success()
        .stdout_has("┆ SXD ")
        .never_shows("Sở Y tế")
        .never_shows("Sở Xây dựng");
}

/// The reporter's request that a result not be published is "giữ bí mật" in the Decision
/// (Đ9.2, Đ6.5); show said "Bảo mật" (data security in general) and `publish`'s help
/// "giữ kín".
#[test]
fn the_reporters_request_for_secrecy_is_said_in_the_decisions_words() {
    let env = TestEnv::validated();
    env.run_as(RECEPTION, &["show", "1"])
        .success()
        .stdout_has("Giữ bí mật (Đ9.2)")
        .never_shows("Bảo mật");
    env.run_as(RECEPTION, &["publish", "--help"])
        .success()
        .stdout_has("khi người phản ánh yêu cầu giữ bí mật")
        .never_shows("giữ kín");
}

/// The audit log was "nhật ký kiểm toán" and its chain "chuỗi kiểm toán": in Vietnamese
/// administration "kiểm toán" is the State Audit Office's work, and the manual page's exit
/// status 5 read "Kiểm tra kiểm toán", a tautology. The log is "nhật ký hệ thống" and its
/// chain "chuỗi nhật ký" in messages, the manual page and the guide; the commands stay
/// `audit …`.
#[test]
fn the_audit_log_is_the_system_log_not_a_state_audit() {
    let env = TestEnv::validated();
    env.run_as(ADMIN, &["audit", "verify"])
        .success()
        .stderr_has("Chuỗi nhật ký nguyên vẹn")
        .never_shows("kiểm toán");
    env.run_as(ADMIN, &["show", "1", "--reveal"])
        .failure()
        .stderr_has("lý do được ghi vào nhật ký hệ thống")
        .never_shows("kiểm toán");
    env.run(&["man"])
        .success()
        .stdout_has("Kiểm tra nhật ký hoặc kiểm tra toàn vẹn phát hiện sai lệch.")
        .never_shows("kiểm toán")
        .never_shows("Kiểm toán");
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/huong-dan.md"),
    )
    .unwrap();
    assert!(!guide.to_lowercase().contains("kiểm toán"));
    assert!(guide.contains("| 5 | kiểm tra nhật ký hoặc kiểm tra toàn vẹn phát hiện sai lệch |"));
}

/// An .xlsx file was a "sổ tính", a word no one at Sở Nội vụ uses for what they open in
/// Excel: `score`'s help, the refusals of `score` and `report` and ingest's wrong-file
/// message say "tệp Excel".
#[test]
fn an_xlsx_file_is_called_a_tep_excel() {
    let env = TestEnv::validated();
    env.run(&["score", "--help"])
        .success()
        .stdout_has("JSON hoặc tệp Excel.")
        .never_shows("sổ tính");
    env.run_as(
        AUDITOR,
        &[
            "--csv",
            "excel",
            "score",
            "--year",
            "2026",
            "--out",
            "diem.xlsx",
        ],
    )
    .code(1)
    .stderr_has("còn --out diem.xlsx là tệp Excel (.xlsx), Excel tự mở đúng, không cần --csv")
    .never_shows("sổ tính");
    env.run_as(
        LEADER,
        &[
            "report", "monthly", "--period", "2026-09", "--out", "bc.pdf",
        ],
    )
    .failure()
    .stderr_has("--out bc.xlsx (tệp Excel)")
    .never_shows("sổ tính");
}

/// The report signed and sent to the People's Committee printed the working hours as the
/// setting is typed, "07:00-11:00,13:00-17:00", as did `calendar deadline` and `calendar
/// show` in their sentences. Vietnamese text writes "07:00–11:00 và 13:00–17:00"; `settings
/// show`, where the value is read to be typed, and English keep the setting's form.
#[test]
fn working_hours_are_written_as_a_sentence_says_them() {
    let env = TestEnv::validated();
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let typed = "07:00-11:00,13:00-17:00";
    let said = "07:00–11:00 và 13:00–17:00";
    let report = env
        .run_as(LEADER, &["report", "monthly", "--period", "2026-09"])
        .success()
        .stdout
        .clone();
    assert!(
        words(&report).contains(&format!(
            "Giờ làm việc trong ngày làm việc (cả thứ Bảy làm bù): {said}"
        )),
        "{report}"
    );
    assert!(!report.contains(typed), "{report}");
    let deadline = env
        .run(&[
            "calendar",
            "deadline",
            "--stage",
            "process",
            "--start",
            "2026-02-13T15:00:00+07:00",
        ])
        .success()
        .stdout
        .clone();
    assert!(
        words(&deadline).contains(&format!("giờ làm việc trong khung {said}")),
        "{deadline}"
    );
    let shown = env.run(&["calendar", "show", "2026"]);
    shown.success();
    assert!(
        words(&format!("{}{}", shown.stdout, shown.stderr))
            .contains(&format!("giờ làm việc {said};")),
        "{shown}"
    );
    env.run_as(
        LEADER,
        &["--lang", "en", "report", "monthly", "--period", "2026-09"],
    )
    .success()
    .stdout_has(typed);
    env.run_as(ADMIN, &["settings", "show"])
        .success()
        .stdout_has(typed);
}

/// A value quoted inside a Vietnamese message was in straight quotes, `trạng thái "Đang xử
/// lý"`, `không phải "abc"`, where the report's notes and the period refusal used “…”: Vietnamese
/// print quotes with “…”, now in every message that quotes a value. A command to type keeps
/// its straight quotes, inside backticks, as the shell needs them.
#[test]
fn vietnamese_messages_quote_values_with_curly_quotes() {
    let env = TestEnv::assigned_to_sxd();
    env.run_as(RECEPTION, &["publish", "5"])
        .failure()
        .stderr_has("khi phản ánh đang ở trạng thái “Đang xử lý”")
        .never_shows("\"Đang xử lý\"");
    env.run_as(ADMIN, &["settings", "set", "score.weight_on_time", "abc"])
        .failure()
        .stderr_has("không phải “abc”")
        .never_shows("\"abc\"");
    env.run_as(RECEPTION, &["show", "abc"])
        .failure()
        .stderr_has("“abc” không phải số phản ánh")
        .never_shows("\"abc\"");
    env.run_as(RECEPTION, &["assign", "2", "--agency", "SNMT"])
        .failure()
        .stderr_has("Không có cơ quan mã “SNMT”")
        .never_shows("\"SNMT\"");
    env.run_as(
        ADMIN,
        &["identity", "correct", "1", "--reason", "Sửa theo đơn"],
    )
    .failure()
    .stderr_has("`--name \"HỌ TÊN\"`");
}
