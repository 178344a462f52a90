//! `triage` driven in a pseudo-terminal, as an operator would type: each choice must leave
//! the same trace as the plain commands.

use std::time::Duration;

use crate::common::*;
use crate::terminal::Terminal;

fn spawn(env: &TestEnv, lang: &str) -> Terminal {
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "--lang", lang, "triage"]);
    Terminal::spawn(cmd, Duration::from_secs(30))
}

/// One validated report, and the desk opened in Vietnamese at its classifying and dispatching.
/// Returns the desk and the report's number.
fn open_at_a_validated_report(env: &TestEnv) -> (Terminal, i64) {
    ingest_made(env, &[("PLAIN", "2026-10-05T07:00:00+07:00")], |_, _| {});
    env.run_as(RECEPTION, &["validate"]).success();
    let id = env.id_of("PLAIN");
    let mut s = spawn(env, "vi");
    s.expect("Phân loại và phân phối").unwrap();
    (s, id)
}

/// Files the report shown under Cấp nước (typed "nuoc") and chooses the agency the operator
/// finds by typing `pick`'s first text and seeing its second, or with no `pick` the one the
/// desk pre-selects; the desk then asks about the urgency.
fn to_the_urgency_question(s: &mut Terminal, pick: Option<(&str, &str)>) {
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Lĩnh vực").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("nuoc").unwrap();
    s.expect("CN — Cấp nước").unwrap();
    s.send("\r").unwrap();
    s.expect("Cơ quan xử lý").unwrap();
    s.wait_for_key_reading().unwrap();
    if let Some((typed, offered)) = pick {
        s.send(typed).unwrap();
        s.expect(offered).unwrap();
    }
    s.send("\r").unwrap();
}

/// As `to_the_urgency_question`, then dispatches the report not urgent and leaves the desk.
fn dispatch_under_water(s: &mut Terminal, pick: Option<(&str, &str)>) {
    to_the_urgency_question(s, pick);
    s.expect("Khẩn cấp?").unwrap();
    s.send("\r").unwrap();
    s.expect("Khẩn cấp? (c/k rồi Enter) không").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
}

#[test]
fn triage_checks_classifies_and_dispatches_like_the_plain_commands() {
    let env = TestEnv::ingested();
    env.run_as(ADMIN, &["route", "add", "--field", "GT", "--agency", "SXD"])
        .success();
    // The queue: urgent first, then oldest.
    let first: i64 = env.column(
        "SELECT id FROM reports WHERE status = 'received' ORDER BY urgent DESC, submitted_at, id LIMIT 1",
    )[0];
    // The agency prompt pre-selects only a routed agency (none is an arbitrary entry
    // no more): route the field the keywords suggest for the first report.
    let hinted = env
        .run_as(
            RECEPTION,
            &[
                "classify",
                "--suggest",
                &first.to_string(),
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    let hinted = array(&hinted)[0]["field"].as_str().unwrap().to_owned();
    if hinted != "GT" {
        env.run_as(
            ADMIN,
            &["route", "add", "--field", &hinted, "--agency", "SXD"],
        )
        .success();
    }
    let second: i64 = env.column(
        "SELECT id FROM reports WHERE status = 'received' ORDER BY urgent DESC, submitted_at, id LIMIT 1 OFFSET 1",
    )[0];
    let mut s = spawn(&env, "vi");
    s.expect(&format!("Phản ánh {first}")).unwrap();
    s.expect("Hạn phân phối").unwrap();
    s.expect("Kiểm tra").unwrap();
    s.send("\r").unwrap(); // accept: the default for a complete report
    s.expect("Chờ phân phối").unwrap();
    s.expect("Phân phối").unwrap();
    s.send("\r").unwrap(); // classify and dispatch
    s.expect("Lĩnh vực").unwrap();
    s.send("\r").unwrap(); // the suggested field
    s.expect("Cơ quan xử lý").unwrap();
    s.send("\r").unwrap(); // the routed agency
    s.expect("Khẩn cấp?").unwrap();
    s.send("\r").unwrap(); // keep the report's own urgency
    s.expect("Đang xử lý").unwrap();
    s.expect(&format!("Phản ánh {second}")).unwrap();
    s.expect("Kiểm tra").unwrap();
    s.send("jj\r").unwrap(); // skip
    s.expect("Kiểm tra").unwrap();
    s.send("jjj\r").unwrap(); // quit
    s.expect_eof().unwrap();

    let shown = env.show(&first.to_string());
    assert_eq!(shown["status"], "assigned");
    let suggested = env
        .run_as(
            RECEPTION,
            &[
                "classify",
                "--suggest",
                &first.to_string(),
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    assert_eq!(shown["field"], array(&suggested)[0]["field"]);
    let actions: Vec<String> = env.column(&format!(
        "SELECT action || ':' || actor FROM events WHERE report_id = {first} ORDER BY id"
    ));
    assert_eq!(
        actions,
        [
            "ingest:tiepnhan.lan",
            "accept:tiepnhan.lan",
            "classify:tiepnhan.lan",
            "assign:tiepnhan.lan"
        ]
    );
    // Skipped is untouched; the clocks moved exactly as `assign` moves them.
    assert_eq!(env.status_of(&second.to_string()), "received");
    assert_eq!(
        env.count(&format!("SELECT count(*) FROM clocks WHERE report_id = {first} AND stage IN ('return', 'process')")),
        2
    );
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn triage_rejects_with_the_reasons_validation_found_and_speaks_english() {
    let env = TestEnv::seeded();
    let file = env.dir().join("one.csv");
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    // The first example report has an invalid phone number.
    let row = reader.records().next().unwrap().unwrap();
    let mut w = csv::Writer::from_path(&file).unwrap();
    w.write_record(&headers).unwrap();
    w.write_record(&row).unwrap();
    w.flush().unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let mut s = spawn(&env, "en");
    s.expect("Check").unwrap();
    s.send("\r").unwrap(); // the default is "Reject…" since validation found a reason
    s.expect("Reasons").unwrap();
    s.send("\r").unwrap(); // the found reason is pre-ticked
    s.expect("Rejected").unwrap();
    s.expect("The queue is empty").unwrap();
    s.expect_eof().unwrap();
    let shown = env.show("1");
    assert_eq!(shown["status"], "rejected");
    assert_eq!(
        shown["reject_reasons"],
        serde_json::json!(["invalid_phone"])
    );
}

/// A report the check against Article 6 finds complete was still offered every reason of
/// Article 6, none ticked, so three keys rejected it for good "for want of content" beside its
/// content. Only the language, which the check estimates, is offered now, and the desk says
/// why; rejected on that judgment, the report records that reason alone.
#[test]
fn a_complete_report_is_offered_no_reason_the_check_refutes() {
    let env = TestEnv::seeded();
    ingest_made(&env, &[("PLAIN", "2026-10-05T07:00:00+07:00")], |_, _| {});
    let id = env.id_of("PLAIN");
    let mut s = spawn(&env, "vi");
    s.expect("Từ chối tiếp nhận…").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\u{1b}[B").unwrap();
    s.send("\r").unwrap();
    s.expect("Đối chiếu Điều 6 không thấy thiếu sót nào")
        .unwrap();
    s.expect("Lý do (Space để chọn").unwrap();
    // The language's reason is the last of the list: all the others are read before it.
    let list = s.expect("phải viết bằng tiếng Việt").unwrap();
    for refuted in [
        "Thiếu nội dung",
        "Thiếu hình ảnh",
        "Số điện thoại không hợp lệ",
    ] {
        assert!(!list.contains(refuted), "{refuted} offered:\n{list}");
    }
    s.wait_for_key_reading().unwrap();
    s.send(" \r").unwrap();
    s.expect("Hàng chờ trống").unwrap();
    s.expect_eof().unwrap();
    let shown = env.show(&id.to_string());
    assert_eq!(shown["status"], "rejected");
    assert_eq!(
        shown["reject_reasons"],
        serde_json::json!(["not_vietnamese"])
    );
}

#[test]
fn triage_without_a_terminal_says_what_to_use_instead() {
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["triage"])
        .failure()
        .one_line_error()
        .stderr_has("validate, classify");
    env.assert_unchanged(&before);
}

/// Reports made from the second example report (complete), each with its app id and
/// submission time and whatever `change` does to its record, ingested by reception.
fn ingest_made(env: &TestEnv, rows: &[(&str, &str)], change: impl Fn(&str, &mut Vec<String>)) {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let template = reader.records().nth(1).unwrap().unwrap();
    let file = env.dir().join("made.csv");
    let mut writer = csv::Writer::from_path(&file).unwrap();
    writer.write_record(&headers).unwrap();
    for (external_id, submitted) in rows {
        let mut record: Vec<String> = template.iter().map(str::to_owned).collect();
        record[0] = (*external_id).to_owned();
        record[1] = (*submitted).to_owned();
        record[2] = (*submitted).to_owned();
        record[13] = "0".to_owned();
        change(external_id, &mut record);
        writer.write_record(&record).unwrap();
    }
    writer.flush().unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
}

/// The lines the terminal showed, escape sequences left out.
fn screen_lines(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() || c == '~' {
                        break;
                    }
                }
            }
            continue;
        }
        if c != '\r' {
            plain.push(c);
        }
    }
    plain.lines().map(str::to_owned).collect()
}

#[test]
fn a_report_the_check_finds_incomplete_cannot_be_accepted_at_the_desk() {
    let env = TestEnv::seeded();
    // The first in the queue has no phone (Đ6.3), the second is complete.
    ingest_made(
        &env,
        &[
            ("NO-PHONE", "2026-10-05T07:00:00+07:00"),
            ("WHOLE", "2026-10-05T07:10:00+07:00"),
        ],
        |id, record| {
            if id == "NO-PHONE" {
                record[10] = String::new();
            }
        },
    );
    let (incomplete, complete) = (env.id_of("NO-PHONE"), env.id_of("WHOLE"));
    let mut s = spawn(&env, "en");
    s.expect(&format!("Report {incomplete}")).unwrap();
    s.expect("Art. 6 check: No phone").unwrap();
    let menu = s.expect("Quit").unwrap();
    assert!(menu.contains("cannot be accepted"), "{menu}");
    assert!(!menu.contains("Accept (complete)"), "{menu}");
    // Up then Enter, which chose "Accept (complete)" when it headed the list: now the last
    // item, Quit.
    s.wait_for_key_reading().unwrap();
    s.send("\u{1b}[A\r").unwrap();
    s.expect_eof().unwrap();
    assert_eq!(env.status_of(&incomplete.to_string()), "received");
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM events WHERE report_id = {incomplete} AND action = 'accept'"
        )),
        0
    );

    // A complete one is accepted as `validate` accepts it, the check's findings in the log.
    env.run_as(RECEPTION, &["validate", &incomplete.to_string()])
        .success();
    let mut s = spawn(&env, "en");
    s.expect(&format!("Report {complete}")).unwrap();
    s.expect("Art. 6 check: complete").unwrap();
    s.expect("Quit").unwrap();
    s.send("\r").unwrap();
    s.expect("Awaiting the check → Awaiting dispatch").unwrap();
    s.expect("Dispatch").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
    let payloads: Vec<String> = env.column(&format!(
        "SELECT payload FROM events WHERE report_id = {complete} AND action = 'accept'"
    ));
    assert_eq!(payloads, [r#"{"reasons":[],"explanation":""}"#]);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn an_empty_queue_names_the_results_waiting_for_review_and_publication() {
    let env = TestEnv::seeded();
    ingest_made(
        &env,
        &[
            ("ANSWERED", "2026-10-05T07:00:00+07:00"),
            ("APPROVED", "2026-10-05T07:05:00+07:00"),
            ("ALSO", "2026-10-05T07:10:00+07:00"),
        ],
        |_, _| {},
    );
    env.run_as(RECEPTION, &["validate"]).success();
    for id in ["ext:ANSWERED", "ext:APPROVED", "ext:ALSO"] {
        env.run_as(
            RECEPTION,
            &[
                "answer",
                id,
                "--text",
                "Đã kiểm tra, cột điện được gia cố lại.",
            ],
        )
        .success();
    }
    env.run_as(RECEPTION, &["verify", "ext:APPROVED", "--approve"])
        .success();
    let mut s = spawn(&env, "vi");
    let said = s.expect_eof().unwrap();
    let said = screen_lines(&said).join(" ");
    assert!(!said.contains("Hết việc"), "{said}");
    for part in [
        "Triage không làm bước duyệt kết quả và công khai",
        "2 kết quả chờ duyệt (`phananh list --status replied`",
        "1 kết quả chờ công khai (`phananh list --status verified`",
        // The report's number is "SỐ" in Vietnamese, never "ID".
        "rồi `phananh verify SỐ --approve`",
        "rồi `phananh publish SỐ`",
    ] {
        assert!(said.contains(part), "{part:?} not in {said}");
    }
    let mut s = spawn(&env, "en");
    let said = screen_lines(&s.expect_eof().unwrap()).join(" ");
    for part in [
        "2 results to review (`phananh list --status replied`",
        "1 result to publish (`phananh list --status verified`",
    ] {
        assert!(said.contains(part), "{part:?} not in {said}");
    }
    // Nothing waiting anywhere: the queue is simply empty.
    for id in ["ext:ANSWERED", "ext:ALSO"] {
        env.run_as(RECEPTION, &["verify", id, "--approve"])
            .success();
    }
    for id in ["ext:ANSWERED", "ext:APPROVED", "ext:ALSO"] {
        env.run_as(RECEPTION, &["publish", id]).success();
    }
    let mut s = spawn(&env, "vi");
    s.expect("Hàng chờ trống. Hết việc!").unwrap();
    s.expect_eof().unwrap();
}

#[test]
fn the_desk_wraps_whole_words_tells_address_from_commune_and_shows_the_media_links() {
    let env = TestEnv::seeded();
    let content = "Kính gửi Cổng thông tin. Tình trạng buôn bán lấn chiếm vỉa hè và đậu xe trái phép ngay đầu cầu sắt diễn ra cả tháng nay, giờ cao điểm rất dễ va quẹt. Mong sớm được giải quyết, xin cám ơn.";
    let photo = "https://camau-g.camau.gov.vn/media/2026/11/04/ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56.jpg";
    let video = "https://camau-g.camau.gov.vn/media/2026/11/04/clip.mp4";
    ingest_made(
        &env,
        &[("WIDE", "2026-10-05T07:00:00+07:00")],
        |_, record| {
            record[3] = content.to_owned();
            record[4] = format!("{photo}|{video}");
            record[7] = "Ấp Xóm Mới, gần nhà thờ".to_owned();
            record[8] = "Xã Tạ An Khương".to_owned();
        },
    );
    env.run_as(RECEPTION, &["validate"]).success();
    let id = env.id_of("WIDE");
    let mut s = spawn(&env, "vi");
    let seen = screen_lines(&s.expect("Phân loại và phân phối").unwrap());
    let start = seen
        .iter()
        .position(|l| l.starts_with(&format!("Phản ánh {id}")))
        .unwrap();
    let end = seen
        .iter()
        .position(|l| l.starts_with("Hạn phân phối"))
        .unwrap();
    let shown = &seen[start..=end];
    // Every line within the 80 columns but a link, which is shown whole on its own.
    for line in shown {
        assert!(
            line.chars().count() <= 80 || line.trim() == photo,
            "{} > 80: {line}\n{shown:#?}",
            line.chars().count()
        );
    }
    assert!(shown.iter().any(|l| l.trim() == photo), "{shown:#?}");
    assert!(shown.iter().any(|l| l.trim() == video), "{shown:#?}");
    // No word split across lines: the text read back word by word is the text.
    let words: Vec<&str> = shown.iter().flat_map(|l| l.split_whitespace()).collect();
    let joined = words.join(" ");
    assert!(joined.contains(content), "{shown:#?}");
    // The address and the commune are told apart.
    assert!(
        joined.contains("Nơi: Ấp Xóm Mới, gần nhà thờ, Xã Tạ An Khương ("),
        "{shown:#?}"
    );
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
}

#[test]
fn fields_and_agencies_are_found_typed_without_marks_and_the_answer_is_vietnamese() {
    let env = TestEnv::seeded();
    let (mut s, id) = open_at_a_validated_report(&env);
    // Typed without marks, the field and the agency are found, shown as written.
    to_the_urgency_question(&mut s, Some(("xay dung", "SXD — Sở Xây dựng tỉnh Cà Mau")));
    // The answer echoed in Vietnamese.
    s.expect("Khẩn cấp?").unwrap();
    s.send("\r").unwrap();
    s.expect("Khẩn cấp? (c/k rồi Enter) không").unwrap();
    s.expect("Đang xử lý").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
    let report = env.show(&id.to_string());
    assert_eq!(report["field"], "CN");
    assert_eq!(report["agency"], "SXD");
    assert_eq!(report["status"], "assigned");
}

/// A Vietnamese desk answers the urgency c (có) or k (không) as readily as y or n. The
/// prompt took only y and n and passed over any other key, so `c⏎` kept the report's own
/// urgency, not urgent, without a word; and `k⏎` kept an urgent one urgent.
#[test]
fn the_urgency_is_answered_c_or_k_at_a_vietnamese_desk() {
    let env = TestEnv::seeded();
    let (mut s, id) = open_at_a_validated_report(&env);
    to_the_urgency_question(&mut s, Some(("xay dung", "SXD — Sở Xây dựng tỉnh Cà Mau")));
    s.expect("Khẩn cấp? (c/k rồi Enter) [c/K]").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("c\r").unwrap();
    s.expect("Khẩn cấp? (c/k rồi Enter) có").unwrap();
    s.expect("Đang xử lý").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
    let report = env.show(&id.to_string());
    assert_eq!(report["status"], "assigned");
    assert_eq!(report["urgent"], true, "{report}");
}

/// The app's export writes a yes or no as 1 or 0, and a desk answers the urgency so: "0"
/// was passed over without a word and Enter then kept the answer shown (an urgent report
/// dispatched urgent). 1 and 0 answer now, and a key that answers nothing is said to be one
/// beside the question, the answer unchanged.
#[test]
fn the_urgency_is_answered_1_or_0_and_a_stray_key_is_said() {
    let env = TestEnv::seeded();
    let (mut s, id) = open_at_a_validated_report(&env);
    to_the_urgency_question(&mut s, Some(("xay dung", "SXD — Sở Xây dựng tỉnh Cà Mau")));
    s.expect("Khẩn cấp? (c/k rồi Enter) [c/K]").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("x").unwrap();
    s.expect("Khẩn cấp? (c/k rồi Enter) [c/K] ← gõ c (có) hoặc k (không)")
        .unwrap();
    s.send("1\r").unwrap();
    s.expect("Khẩn cấp? (c/k rồi Enter) có").unwrap();
    s.expect("Đang xử lý").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
    let report = env.show(&id.to_string());
    assert_eq!(report["status"], "assigned");
    assert_eq!(report["urgent"], true, "{report}");
}

#[test]
fn the_reasons_to_reject_are_wrapped_at_words_under_their_tick_boxes() {
    let env = TestEnv::seeded();
    // The invalid phone's reason is the longest, three lines at 80 columns.
    ingest_made(
        &env,
        &[("BAD-PHONE", "2026-10-05T07:00:00+07:00")],
        |_, record| {
            record[10] = "12345".to_owned();
        },
    );
    let mut s = spawn(&env, "en");
    s.expect("Invalid phone").unwrap();
    s.expect("Quit").unwrap();
    s.send("\r").unwrap();
    let list = screen_lines(&s.expect("(Article 6.1).").unwrap());
    let start = list.iter().position(|l| l.starts_with("Reasons")).unwrap();
    let list = &list[start..];
    for line in list {
        assert!(line.chars().count() <= 80, "{line}\n{list:#?}");
    }
    let said = list
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains(
            "[x] The phone number is not valid: a 10-digit mobile number starting with 03, 05, 07, 08 or 09, or an 11-digit fixed line starting with 02, is required (Article 6.3)."
        ),
        "{list:#?}"
    );
    // Ticked and rejected as before: the wrapped text is only how it is shown.
    s.send("\r").unwrap();
    s.expect("Rejected").unwrap();
    s.expect_eof().unwrap();
    let shown = env.show(&env.id_of("BAD-PHONE").to_string());
    assert_eq!(
        shown["reject_reasons"],
        serde_json::json!(["invalid_phone"])
    );
}

#[test]
fn past_five_media_links_the_desk_says_how_many_more_and_where_to_see_them() {
    let env = TestEnv::seeded();
    let links: Vec<String> = (1..=7)
        .map(|i| format!("https://camau-g.camau.gov.vn/media/2026/10/{i}.jpg"))
        .collect();
    ingest_made(
        &env,
        &[("MANY", "2026-10-05T07:00:00+07:00")],
        |_, record| {
            record[4] = links.join("|");
        },
    );
    let id = env.id_of("MANY");
    let mut s = spawn(&env, "en");
    let seen = screen_lines(&s.expect("Quit").unwrap());
    for (i, link) in links.iter().enumerate() {
        let shown = seen.iter().any(|l| l.trim() == link);
        assert_eq!(shown, i < 5, "{link}: {seen:#?}");
    }
    let more = format!("… and 2 more: `phananh show {id} --format json`");
    assert!(seen.iter().any(|l| l.trim() == more), "{seen:#?}");
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
}

#[test]
fn the_answers_are_echoed_without_the_pickers_hint_and_wrapped_at_words() {
    let env = TestEnv::seeded();
    // The demo's report 340 of the probe: no phone, so the desk rejects it; then one to
    // dispatch.
    ingest_made(
        &env,
        &[
            ("NO-PHONE", "2026-10-05T07:00:00+07:00"),
            ("PLAIN", "2026-10-05T07:10:00+07:00"),
        ],
        |id, record| {
            if id == "NO-PHONE" {
                record[10] = String::new();
            }
        },
    );
    let mut s = spawn(&env, "vi");
    s.expect("Kiểm tra").unwrap();
    s.send("\r").unwrap(); // reject, the default for an incomplete report
    s.expect("[x]").unwrap();
    s.send("\r").unwrap(); // the found reason, pre-ticked
    let seen = screen_lines(&s.expect("✓ Phản ánh").unwrap());
    let prompt = "Lý do (Space để chọn, Enter để xong): ";
    let start = seen
        .iter()
        .rposition(|l| l.starts_with(prompt) && l.len() > prompt.len())
        .unwrap_or_else(|| panic!("no echo of the reasons: {seen:#?}"));
    let echo = &seen[start..seen.len() - 1];
    for line in echo {
        assert!(line.chars().count() <= 80, "{line}\n{echo:#?}");
    }
    let words = echo
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        words,
        "Lý do (Space để chọn, Enter để xong): Thiếu số điện thoại của tổ chức, cá nhân gửi phản ánh (khoản 3 Điều 6)."
    );

    s.expect("Kiểm tra").unwrap();
    s.send("\r").unwrap(); // accept the complete one
    s.expect("Phân loại và phân phối").unwrap();
    s.send("\r").unwrap();
    s.expect("Lĩnh vực").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("nuoc").unwrap();
    s.expect("CN — Cấp nước").unwrap();
    s.send("\r").unwrap();
    let field = screen_lines(&s.expect("Cơ quan xử lý").unwrap());
    assert!(
        field
            .iter()
            .any(|l| l.starts_with("Lĩnh vực: CN — Cấp nước")),
        "{field:#?}"
    );
    s.wait_for_key_reading().unwrap();
    s.send("giao duc").unwrap();
    s.expect("SGDDT — Sở Giáo dục và Đào tạo tỉnh Cà Mau")
        .unwrap();
    s.send("\r").unwrap();
    let seen = screen_lines(&s.expect("Khẩn cấp?").unwrap());
    // The question answered, without the hint of the question still open.
    assert!(
        seen.iter()
            .any(|l| l == "Cơ quan xử lý: SGDDT — Sở Giáo dục và Đào tạo tỉnh Cà Mau"),
        "{seen:#?}"
    );
    assert!(
        !seen
            .iter()
            .any(|l| l.contains("gõ để lọc:") || l.contains("chọn sẵn:")),
        "{seen:#?}"
    );
    s.send("\r").unwrap();
    s.expect("Đang xử lý").unwrap();
    s.expect_eof().unwrap();
}

/// A setting of the reception check edited with `sqlite3` (`validate.open311_identity`
/// set to `required`, so that Open311 reports, which carry no name or phone, read as
/// incomplete; or `validate.min_syllable_share` raised to 1, so that every report reads as
/// not Vietnamese): the desk judged each report under it, offered no acceptance ("Article
/// 7.1.a has it rejected") with the forged reasons pre-ticked, and two Enters rejected a
/// citizen's report, sealed as reception's, where `validate` refuses over the same row.
/// The desk now judges the `validate.*` rows once as it opens and refuses, naming the row,
/// before any report is shown.
#[test]
fn the_desk_under_a_check_setting_edited_with_sqlite3_shows_no_report() {
    for (key, value) in [
        ("validate.open311_identity", "required"),
        ("validate.min_syllable_share", "1"),
    ] {
        let env = TestEnv::ingested();
        let received = "SELECT count(*) FROM reports WHERE status = 'received'";
        let waiting = env.count(received);
        env.writable()
            .execute(
                "INSERT OR REPLACE INTO settings VALUES (?1, ?2)",
                [key, value],
            )
            .unwrap();
        let mut s = spawn(&env, "en");
        // Said wrapped to the terminal's width.
        let said = s.expect_eof().unwrap().replace("\r\n", " ");
        assert!(said.contains(&format!("settings row \"{key}\"")), "{said}");
        assert!(said.contains("no report was checked"), "{said}");
        assert!(!said.contains("Check:"), "{said}");
        assert_eq!(env.count(received), waiting, "{key}");
    }
}

/// Two complete reports whose text holds a loanword (no Vietnamese syllable: complete, unless
/// every word must be one), and the desk opened in English at the first, its check read.
/// Returns the desk and the second report's number.
fn open_at_the_first_of_two_with_a_loanword(env: &TestEnv) -> (Terminal, i64) {
    ingest_made(
        env,
        &[
            ("FIRST", "2026-10-05T07:00:00+07:00"),
            ("SECOND", "2026-10-05T07:10:00+07:00"),
        ],
        |_, record| record[3] = "Đường ấp Xóm Mới mất wifi công cộng ba ngày nay".to_owned(),
    );
    let (first, second) = (env.id_of("FIRST"), env.id_of("SECOND"));
    let mut s = spawn(env, "en");
    s.expect(&format!("Report {first}")).unwrap();
    s.expect("Art. 6 check: complete").unwrap();
    s.expect("Quit").unwrap();
    (s, second)
}

/// Skips the report shown, up to report `next`.
fn skip_to(s: &mut Terminal, next: i64) {
    s.wait_for_key_reading().unwrap();
    s.send("jj\r").unwrap();
    s.expect(&format!("Report {next}")).unwrap();
}

/// A threshold of the check raised with `sqlite3` once the desk is open (its judgement of
/// the `validate.*` rows made): the desk read the settings again for each report, so the
/// next one read as not Vietnamese, rejection offered first with the forged reason
/// pre-ticked, and two Enters rejected a complete report, sealed as reception's. The desk
/// now judges every report by the values the log vouched for as it opened; accepting one
/// goes through `validate`, which refuses over the edited row, naming it.
#[test]
fn the_desk_under_a_check_setting_edited_while_it_is_open_rejects_nothing() {
    let env = TestEnv::seeded();
    let (mut s, second) = open_at_the_first_of_two_with_a_loanword(&env);
    env.writable()
        .execute(
            "INSERT OR REPLACE INTO settings VALUES ('validate.min_syllable_share', '1')",
            [],
        )
        .unwrap();
    skip_to(&mut s, second);
    s.expect("Quit").unwrap();
    s.wait_for_key_reading().unwrap();
    // The default, then the default: accept a complete report, or reject with the reasons
    // pre-ticked.
    s.send("\r").unwrap();
    s.send("\r").unwrap();
    let said = s.expect_eof().unwrap().replace("\r\n", " ");
    assert_eq!(
        env.status_of(&second.to_string()),
        "received",
        "{}",
        screen_lines(&said).join("\n")
    );
    assert!(
        said.contains("settings row \"validate.min_syllable_share\""),
        "{said}"
    );
}

/// The same threshold raised honestly by an admin (`settings set`) while the desk is open:
/// the next report is judged under it, as `validate` would judge it, since the log moved
/// and the desk judges the rows again.
#[test]
fn the_desk_judges_under_a_check_setting_changed_honestly_while_it_is_open() {
    let env = TestEnv::seeded();
    let (mut s, second) = open_at_the_first_of_two_with_a_loanword(&env);
    env.run_as(
        ADMIN,
        &["settings", "set", "validate.min_syllable_share", "1"],
    )
    .success();
    skip_to(&mut s, second);
    s.expect("Art. 6 check: Not Vietnamese").unwrap();
    s.expect("Quit").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\u{1b}[A\r").unwrap(); // Quit
    s.expect_eof().unwrap();
}

/// Two agencies' names swapped with `sqlite3`: the desk offers each agency as its code
/// beside its name, and lets the operator type to filter, so one who typed "xây dựng" to
/// find Sở Xây dựng for a road report was offered `SYT — Sở Xây dựng tỉnh Cà Mau`, and the
/// report went to Sở Y tế, sealed as reception's (a field's name or a route edited the same
/// way misleads the same choice).
/// The desk now judges the `agencies`, `fields` and `routes` rows as it opens and refuses,
/// naming the row, before any report is shown.
#[test]
fn the_desk_under_agency_names_swapped_with_sqlite3_shows_no_report() {
    let env = TestEnv::ingested();
    let received = "SELECT count(*) FROM reports WHERE status = 'received'";
    let waiting = env.count(received);
    env.writable().execute(SWAP_SXD_AND_SYT_NAMES, []).unwrap();
    let mut s = spawn(&env, "en");
    // Said wrapped to the terminal's width.
    let said = s.expect_eof().unwrap().replace("\r\n", " ");
    assert!(said.contains("agencies row \"SXD\""), "{said}");
    assert!(said.contains("no report was shown"), "{said}");
    assert!(!said.contains("Check:"), "{said}");
    assert_eq!(env.count(received), waiting);
}

/// The same two names swapped with `sqlite3` once the desk is open (its judgement of the
/// `agencies` rows made): the desk read the agencies again for each report, so the operator
/// who typed "xay dung" was offered `SYT — Sở Xây dựng tỉnh Cà Mau`, and Enter sealed the
/// report as dispatched to Sở Y tế. The desk now offers the names the log vouched for until
/// the log moves: the same keys find Sở Xây dựng.
#[test]
fn the_desk_under_agency_names_swapped_while_it_is_open_dispatches_by_the_vouched_names() {
    let env = TestEnv::seeded();
    let (mut s, id) = open_at_a_validated_report(&env);
    env.writable().execute(SWAP_SXD_AND_SYT_NAMES, []).unwrap();
    dispatch_under_water(&mut s, Some(("xay dung", "Xây dựng tỉnh Cà Mau")));
    assert_eq!(env.show(&id.to_string())["agency"], "SXD");
}

/// A route added honestly by an admin while the desk is open moves the log: the desk reads
/// the routes again, and one Enter takes the agency the new line gives.
#[test]
fn the_desk_preselects_by_a_route_added_honestly_while_it_is_open() {
    let env = TestEnv::seeded();
    let (mut s, id) = open_at_a_validated_report(&env);
    env.run_as(ADMIN, &["route", "add", "--field", "CN", "--agency", "SXD"])
        .success();
    dispatch_under_water(&mut s, None);
    assert_eq!(env.show(&id.to_string())["agency"], "SXD");
}

/// Typing to look further moved the cursor off the entry the desk pre-selected to the first
/// match, even when that entry still matched: "s" typed over the route's agency (SXD) left
/// the cursor on the first "Sở" listed (SCT), and Enter dispatched there. The cursor stays
/// on the entry it is on while it matches, and goes to the first match only once it is
/// filtered out.
#[test]
fn typing_keeps_the_cursor_on_the_preselected_entry_while_it_still_matches() {
    // "s" still matches SXD — Sở Xây dựng, and many more before it; "sy" filters it out,
    // and the cursor goes to the first match, Sở Y tế.
    for (typed, agency) in [("s", "SXD"), ("sy", "SYT")] {
        let env = TestEnv::seeded();
        let (mut s, id) = open_at_a_validated_report(&env);
        env.run_as(ADMIN, &["route", "add", "--field", "CN", "--agency", "SXD"])
            .success();
        dispatch_under_water(&mut s, Some((typed, &format!(" {typed}|"))));
        assert_eq!(env.show(&id.to_string())["agency"], agency, "{typed}");
    }
}

/// The same report sent again a day later under a new app id reached the desk, where
/// reception mostly works, with no word of the first: `validate`'s hint is never seen
/// there, and the desk dispatched the same event twice. The report on screen now names the
/// earlier report it may repeat, with where that one stands and the command that merges
/// them, in each language; the earlier one, shown itself, names none. Ids and a status
/// only: never the reporter.
#[test]
fn the_desk_names_the_earlier_report_the_one_on_screen_may_repeat() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-10-05T09:00:00+07:00");
    ingest_made(
        &env,
        &[
            ("FIRST", "2026-10-04T07:00:00+07:00"),
            ("AGAIN", "2026-10-05T07:00:00+07:00"),
        ],
        // Urgent, so that the desk shows it first.
        |id, record| {
            if id == "AGAIN" {
                record[13] = "1".to_owned();
            }
        },
    );
    let (first, again) = (env.id_of("FIRST"), env.id_of("AGAIN"));
    env.run_as(RECEPTION, &["validate", &first.to_string()])
        .success();
    let said = |s: &mut Terminal, until: &str| {
        let seen = screen_lines(&s.expect(until).unwrap());
        seen.iter()
            .flat_map(|l| l.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = spawn(&env, "vi");
    s.expect(&format!("Phản ánh {again}")).unwrap();
    let shown = said(&mut s, "Kiểm tra");
    assert!(
        shown.contains(&format!(
            "Có thể trùng phản ánh {first} (Chờ phân phối): cùng nội dung và xã, phường, gửi trước không quá 7 ngày. Nếu đúng là một sự việc: `phananh duplicate {again} --of {first}`."
        )),
        "{shown}"
    );
    s.send("jj\r").unwrap(); // skip: the earlier report comes next
    s.expect(&format!("Phản ánh {first}")).unwrap();
    let shown = said(&mut s, "Phân loại và phân phối");
    assert!(!shown.contains("trùng"), "{shown}");
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();

    let mut s = spawn(&env, "en");
    s.expect(&format!("Report {again}")).unwrap();
    let shown = said(&mut s, "Check");
    assert!(
        shown.contains(&format!(
            "May repeat report {first} (Awaiting dispatch): the same content and commune, sent at most 7 days before. If they are one event: `phananh duplicate {again} --of {first}`"
        )),
        "{shown}"
    );
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
}

/// A report long past its dispatch deadline: the desk says how late in the time the clock
/// counts, working time for Đ7.2's two working hours, in the words `show` and `list
/// --overdue` use for the same clock. It said clock time ("QUÁ HẠN 24 ngày 23 giờ 45
/// phút") where every other screen said 16 working days.
#[test]
fn the_desk_says_how_late_dispatch_is_in_the_working_time_every_screen_counts() {
    let mut env = TestEnv::seeded();
    ingest_made(&env, &[("LATE", "2026-10-05T07:00:00+07:00")], |_, _| {});
    env.run_as(RECEPTION, &["validate"]).success();
    let id = env.id_of("LATE");
    env.set_now("2026-10-30T16:40:00+07:00");
    let shown = env
        .run_as(RECEPTION, &["--lang", "vi", "show", &id.to_string()])
        .success()
        .stdout
        .clone();
    let late = shown
        .lines()
        .find(|l| l.contains("Phân phối") && l.contains("quá "))
        .unwrap_or_else(|| panic!("no late dispatch clock in:\n{shown}"));
    let late = &late[late.find("quá ").unwrap() + "quá ".len()..];
    let late = &late[..late.find("làm việc").unwrap() + "làm việc".len()];
    let mut s = spawn(&env, "vi");
    let seen = screen_lines(&s.expect("Phân loại và phân phối").unwrap()).join(" ");
    let seen = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    let said = format!("Hạn phân phối 05/10/2026 09:00 — QUÁ HẠN {late}");
    assert!(seen.contains(&said), "{said:?} not in {seen}");
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
}

/// An urgent report answered "k" at the urgency question: the screen showed "không" and the
/// dispatch's event read as not urgent, while the report stayed urgent (Đ7.2) and `assign`
/// records such a dispatch as urgent. The desk now says it stays urgent, and records it so.
#[test]
fn an_urgent_report_answered_not_urgent_is_said_and_recorded_urgent() {
    let env = TestEnv::seeded();
    ingest_made(
        &env,
        &[("URGENT", "2026-10-05T07:00:00+07:00")],
        |_, record| record[13] = "1".to_owned(),
    );
    env.run_as(RECEPTION, &["validate"]).success();
    let id = env.id_of("URGENT");
    let mut s = spawn(&env, "vi");
    s.expect("Phân loại và phân phối").unwrap();
    to_the_urgency_question(&mut s, Some(("xay dung", "SXD — Sở Xây dựng tỉnh Cà Mau")));
    s.expect("Khẩn cấp? (c/k rồi Enter) [C/k]").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("k\r").unwrap();
    s.expect("Phản ánh này được báo khẩn: vẫn phân phối là khẩn")
        .unwrap();
    s.expect("(giao SXD, khẩn)").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();
    let urgent = env.count(&format!(
        "SELECT json_extract(payload, '$.urgent') FROM events
          WHERE report_id = {id} AND action = 'assign'"
    ));
    assert_eq!(urgent, 1, "the dispatch is recorded urgent");
}
