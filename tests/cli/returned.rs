//! A report an agency returned as not its business (Đ8.1.b) goes to another agency: the desk
//! corrects its field, `assign --auto` never routes it back to an agency that returned it,
//! and `triage` neither routes it there by default nor ends the session when a step is
//! refused or another desk moved the report meanwhile.

use std::time::Duration;

use crate::common::*;
use crate::terminal::Terminal;

const HEADER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";

/// A seeded database with `rows` (external id, content) ingested and validated, sent on
/// Monday 5 October 2026 in minutes 07:11, 07:12, …, with DIEN routed to PCCM.
fn desk(rows: &[(&str, &str)]) -> TestEnv {
    let env = TestEnv::seeded();
    let mut csv = format!("{HEADER}\n");
    for (i, (id, content)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "{id},2026-10-05T07:{:02}:00+07:00,2026-10-05T07:00:00+07:00,{content},https://x/{i}.jpg,9.05,105.24,Ấp Xóm Mới,Xã Tạ An Khương,Trần Văn Bé,0912345678,0,1,0,\n",
            11 + i
        ));
    }
    let file = env.dir().join("desk.csv");
    std::fs::write(&file, csv).unwrap();
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "DIEN", "--agency", "PCCM"],
    )
    .success();
    env
}

/// The antenna report of the probe: classified as power, dispatched by the route to PCCM,
/// returned by PCCM as a telecom pole.
fn returned_by_pccm() -> TestEnv {
    static TEMPLATE: Template = Template::new();
    TEMPLATE.copy(|| {
        let env = desk(&[("R-1", "Cột ăng-ten viễn thông nghiêng sắp đổ ở ấp Xóm Mới")]);
        env.run_as(RECEPTION, &["classify", "ext:R-1", "--field", "DIEN"])
            .success();
        env.run_as(RECEPTION, &["assign", "ext:R-1", "--auto"])
            .success();
        env.run_as(
            HANDLER_PCCM,
            &[
                "--now",
                "2026-10-05T08:10:00+07:00",
                "return",
                "ext:R-1",
                "--reason",
                "Cột viễn thông, không phải cột điện",
            ],
        )
        .success();
        env
    })
}

fn assign_events(env: &TestEnv) -> Vec<String> {
    env.column(
        "SELECT json_extract(payload, '$.agency') FROM events WHERE action = 'assign' ORDER BY id",
    )
}

#[test]
fn auto_routing_never_sends_a_report_back_to_the_agency_that_returned_it() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--auto"])
        .failure()
        .stderr_has("PCCM (Công ty Điện lực Cà Mau), chính cơ quan đã chuyển trả phản ánh này lúc 05/10/2026 08:10")
        .stderr_has("`phananh classify 1 --field MÃ`")
        .stderr_has("`phananh assign 1 --agency MÃ`");
    env.run_as(RECEPTION, &["--lang", "en", "assign", "ext:R-1", "--auto"])
        .failure()
        .stderr_has("the very agency that returned this report on 2026-10-05 08:10")
        .stderr_has("`phananh classify 1 --field CODE`");
    env.assert_unchanged(&before);

    // The field is the portal's to correct before dispatching again; the report stays
    // returned, with the agency that returned it, until it is dispatched.
    env.run_as(RECEPTION, &["classify", "ext:R-1", "--field", "VT"])
        .success();
    let shown = env.show("ext:R-1");
    assert_eq!(
        (
            &shown["status"],
            &shown["field"],
            &shown["agency"],
            &shown["returns"]
        ),
        (
            &serde_json::json!("returned"),
            &serde_json::json!("VT"),
            &serde_json::json!("PCCM"),
            &serde_json::json!(1)
        )
    );
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "VT", "--agency", "SKHCN"],
    )
    .success();
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--auto"])
        .success()
        .never_shows("Lưu ý");
    assert_eq!(assign_events(&env), ["PCCM", "SKHCN"]);

    // Returned by the second agency too: the route to the first is still refused, though
    // the report was with another agency in between.
    env.run_as(
        "xuly.skhcn.tri",
        &["return", "ext:R-1", "--reason", "Không thuộc thẩm quyền"],
    )
    .success();
    env.run_as(RECEPTION, &["classify", "ext:R-1", "--field", "DIEN"])
        .success();
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--auto"])
        .failure()
        .stderr_has("PCCM (Công ty Điện lực Cà Mau), chính cơ quan đã chuyển trả");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn naming_the_agency_that_returned_the_report_dispatches_it_with_a_note() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "PCCM"])
        .success()
        .stderr_has(
            "Lưu ý: PCCM (Công ty Điện lực Cà Mau) đã chuyển trả phản ánh 1 lúc 05/10/2026 08:10",
        );
    assert_eq!(env.status_of("ext:R-1"), "assigned");
    assert_eq!(assign_events(&env), ["PCCM", "PCCM"]);
}

fn triage(env: &TestEnv) -> Terminal {
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "triage"]);
    Terminal::spawn(cmd, Duration::from_secs(30))
}

#[test]
fn triage_corrects_the_field_of_a_returned_report_and_dispatches_it() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    env.run_as(
        ADMIN,
        &["route", "add", "--field", "VT", "--agency", "SKHCN"],
    )
    .success();
    let mut s = triage(&env);
    s.expect("Phản ánh 1 (R-1) — Đã chuyển trả, chờ phân phối lại")
        .unwrap();
    s.expect("Phân phối").unwrap();
    s.send("\r").unwrap(); // classify and dispatch
    s.expect("Lĩnh vực").unwrap();
    s.send("VT — Viễn").unwrap();
    s.expect("VT — Viễn thông").unwrap();
    s.send("\r").unwrap();
    s.expect("Cơ quan xử lý — gợi ý đã chọn sẵn").unwrap();
    s.send("\r").unwrap(); // the route of VT
    s.expect("Khẩn cấp?").unwrap();
    s.send("\r").unwrap();
    // The field recorded is named, as `classify` names it; "A → A" said nothing of it.
    let said = s
        .expect("✓ Phản ánh 1: đã ghi lĩnh vực VT, vẫn Đã chuyển trả, chờ phân phối lại")
        .unwrap();
    assert!(
        !said.contains("Đã chuyển trả, chờ phân phối lại → Đã chuyển trả, chờ phân phối lại"),
        "{said}"
    );
    s.expect("✓ Phản ánh 1: Đã chuyển trả, chờ phân phối lại → Đang xử lý")
        .unwrap();
    s.expect("Hàng chờ trống").unwrap();
    s.expect_eof().unwrap();
    let shown = env.show("ext:R-1");
    assert_eq!(shown["status"], "assigned");
    assert_eq!(shown["field"], "VT");
    assert_eq!(assign_events(&env), ["PCCM", "SKHCN"]);
}

#[test]
fn triage_does_not_preselect_the_agency_that_returned_the_report() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let mut s = triage(&env);
    s.expect("Phân phối").unwrap();
    s.send("\r").unwrap();
    s.expect("Lĩnh vực — gợi ý đã chọn sẵn").unwrap();
    s.send("\r").unwrap(); // keeps DIEN, which routes to PCCM
    // Said at the width of the screen: each piece looked for within a line.
    s.expect("Bảng phân phối giao lĩnh vực DIEN cho PCCM")
        .unwrap();
    s.expect("(điểm b khoản 1 Điều 8):").unwrap();
    s.expect("không chọn sẵn").unwrap();
    s.expect("Cơ quan xử lý — không có gợi ý").unwrap();
    s.send("\r").unwrap(); // the cursor rests on "back": nothing is sent
    s.expect("Phân phối").unwrap();
    s.send("\x1b").unwrap();
    s.expect_eof().unwrap();
    assert_eq!(env.status_of("ext:R-1"), "returned");
    assert_eq!(assign_events(&env), ["PCCM"]);
}

#[test]
fn triage_goes_on_when_another_desk_dispatched_the_report_meanwhile() {
    let env = desk(&[
        ("NEW-1", "Cột điện bằng bê tông ở ấp Xóm Mới bị nứt chân"),
        (
            "NEW-2",
            "Cột điện bên đường ấp Xóm Mới nghiêng về phía nhà dân",
        ),
    ]);
    let mut s = triage(&env);
    s.expect("Phản ánh 1 (NEW-1)").unwrap();
    s.expect("Phân phối").unwrap();
    s.send("\r").unwrap();
    s.expect("Lĩnh vực — gợi ý đã chọn sẵn").unwrap();
    s.send("\r").unwrap(); // DIEN, suggested
    s.expect("Cơ quan xử lý — gợi ý đã chọn sẵn").unwrap();
    s.send("\r").unwrap(); // PCCM, routed
    s.expect("Khẩn cấp?").unwrap();
    // The other reception account dispatches it while this one answers the last question.
    env.run_as("tiepnhan.khang", &["classify", "1", "--field", "DIEN"])
        .success();
    env.run_as("tiepnhan.khang", &["assign", "1", "--agency", "SCT"])
        .success();
    s.send("\r").unwrap();
    // Said at the width of the screen: each piece looked for within a line.
    s.expect("✗ Trong lúc bạn chọn, tiepnhan.khang đã phân phối phản ánh 1 cho SCT")
        .unwrap();
    s.expect("(nay: Đang xử lý); lựa chọn của bạn không được ghi.")
        .unwrap();
    // The session goes on with the next report.
    s.expect("Phản ánh 2 (NEW-2)").unwrap();
    s.expect("Phân phối").unwrap();
    s.send("\x1b").unwrap();
    s.expect_eof().unwrap();
    let by: Vec<String> = env.column("SELECT actor FROM events WHERE report_id = 1 AND action IN ('classify', 'assign') ORDER BY id");
    assert_eq!(by, ["tiepnhan.khang", "tiepnhan.khang"]);
    assert_eq!(assign_events(&env), ["SCT"]);
    assert_eq!(env.status_of("2"), "accepted");
}

/// A field another reception account set while the desk chose is replaced by the desk's,
/// and said. Report 1 was already in DIEN on the screen, and the operator kept it: the desk
/// skipped classifying on the screen's word, and sent the report to PCCM (the agency chosen
/// for power) in the colleague's VT, without a word. Report 2 had no field: the desk's
/// choice replaced the colleague's unseen.
#[test]
fn triage_replaces_a_field_set_meanwhile_by_the_operator_s_and_says_so() {
    let env = desk(&[
        ("NEW-1", "Cột điện bằng bê tông ở ấp Xóm Mới bị nứt chân"),
        (
            "NEW-2",
            "Cột điện bên đường ấp Xóm Mới nghiêng về phía nhà dân",
        ),
    ]);
    env.run_as(RECEPTION, &["classify", "1", "--field", "DIEN"])
        .success();
    let mut s = triage(&env);
    for id in ["1", "2"] {
        s.expect(&format!("Phản ánh {id} (NEW-{id})")).unwrap();
        s.expect("Phân phối").unwrap();
        s.send("\r").unwrap();
        s.expect("Lĩnh vực — gợi ý đã chọn sẵn").unwrap();
        s.send("\r").unwrap(); // DIEN
        s.expect("Cơ quan xử lý — gợi ý đã chọn sẵn").unwrap();
        s.send("\r").unwrap(); // PCCM, routed
        s.expect("Khẩn cấp?").unwrap();
        env.run_as("tiepnhan.khang", &["classify", id, "--field", "VT"])
            .success();
        s.send("\r").unwrap();
        let said = s.expect("→ Đang xử lý (giao PCCM)").unwrap();
        let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            said.contains(&format!(
                "Trong lúc bạn chọn, tiepnhan.khang đã xếp phản ánh {id} vào lĩnh vực VT; lĩnh \
                 vực bạn chọn (DIEN) thay cho lĩnh vực ấy, nhật ký hệ thống ghi cả hai."
            )),
            "{said}"
        );
    }
    s.send("\x1b").unwrap();
    s.expect_eof().unwrap();
    for id in ["1", "2"] {
        let report = env.show(id);
        assert_eq!(report["field"], "DIEN", "{report}");
        assert_eq!(report["agency"], "PCCM", "{report}");
        let fields: Vec<String> = env.column(&format!(
            "SELECT actor || ' ' || json_extract(payload, '$.field') FROM events \
             WHERE report_id = {id} AND action = 'classify' ORDER BY id"
        ));
        let mine = format!("{RECEPTION} DIEN");
        let expected: Vec<&str> = match id {
            "1" => vec![&mine, "tiepnhan.khang VT", &mine],
            _ => vec!["tiepnhan.khang VT", &mine],
        };
        assert_eq!(fields, expected);
    }
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// A return made during rework (after a send-back, Đ9.1) was left out of the agency's
/// "reports we returned": it stops the processing round only (a rework round has no
/// return window), and the list counted return windows. Each return is counted once.
#[test]
fn a_return_during_rework_is_among_the_agency_s_returns() {
    let mut env = TestEnv::assigned_to_sxd();
    env.set_now("2026-10-05T09:00:00+07:00");
    env.run_as(
        HANDLER_SXD,
        &["reply", "5", "--text", "Đã cho lấp ổ gà ở khóm 4."],
    )
    .success();
    env.set_now("2026-10-05T09:30:00+07:00");
    env.run_as(
        RECEPTION,
        &[
            "verify",
            "5",
            "--send-back",
            "--reason",
            "Chưa có ảnh chụp sau khi sửa",
        ],
    )
    .success();
    // `show` says the status as `list` does (it said "Đang xử lý" where the list said
    // "Đang xử lý lại").
    let shown = env.at_columns(240, &["--as", HANDLER_SXD, "show", "5"]);
    let shown = shown.success().stdout.clone();
    assert_eq!(
        row(&shown, "Trạng thái").as_deref(),
        Some("Đang xử lý lại"),
        "{shown}"
    );
    env.set_now("2026-10-05T10:00:00+07:00");
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            "5",
            "--reason",
            "Đường do Khu quản lý đường bộ quản lý, không thuộc Sở",
        ],
    )
    .success();
    let run = env.run_as(HANDLER_SXD, &["list", "--status", "chuyển trả"]);
    let said = run.success().stdout.replace(['\n', '\u{a0}'], " ");
    assert!(
        said.contains("Cơ quan đã chuyển trả 1 phản ánh: 5 (05/10/2026 10:00)."),
        "{run}"
    );
}

/// `show` at a width where no cell is folded, so that a sentence is looked for whole.
fn show_wide(env: &TestEnv, user: &str, args: &[&str]) -> String {
    let mut all = vec!["--as", user, "show", "ext:R-1"];
    all.extend_from_slice(args);
    let run = env.at_columns(240, &all);
    run.success();
    run.stdout
}

/// The row of a `show` table whose label starts with `label`, its value's lines joined.
fn row(table: &str, label: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for line in table.lines() {
        let cells: Vec<&str> = line
            .trim_matches(|c| c == '│' || c == ' ')
            .split('┆')
            .map(str::trim)
            .collect();
        let [key, value] = cells[..] else {
            if found.is_some() {
                break;
            }
            continue;
        };
        match &mut found {
            None if key.starts_with(label) => found = Some(value.to_owned()),
            Some(text) if key.is_empty() => {
                text.push(' ');
                text.push_str(value);
            }
            Some(_) => break,
            None => {}
        }
    }
    found
}

#[test]
fn show_gives_who_returned_the_report_when_and_why() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let table = show_wide(&env, RECEPTION, &[]);
    assert_eq!(
        row(&table, "Chuyển trả (điểm b khoản 1 Điều 8)").as_deref(),
        Some(
            "1 lần; lần cuối: PCCM (xuly.pccm.tai) lúc 05/10/2026\u{a0}08:10 Lý do: Cột viễn thông, không phải cột điện"
        ),
        "{table}"
    );
    let english = show_wide(&env, RECEPTION, &["--lang", "en"]);
    assert_eq!(
        row(&english, "Returned (Art. 8.1.b)").as_deref(),
        Some(
            "1 time; the last by PCCM (xuly.pccm.tai) on 2026-10-05\u{a0}08:10 Reason: Cột viễn thông, không phải cột điện"
        ),
        "{english}"
    );
    let shown = env.show("ext:R-1");
    assert_eq!(shown["returns"], 1);
    assert_eq!(shown["last_return_agency"], "PCCM");
    assert_eq!(shown["last_return_by"], HANDLER_PCCM);
    assert_eq!(shown["last_return_at"], "2026-10-05T08:10:00+07:00");
    assert_eq!(
        shown["last_return_reason"],
        "Cột viễn thông, không phải cột điện"
    );
    assert_eq!(shown["last_send_back_reason"], serde_json::Value::Null);

    // Returned a second time, by another agency: the count and the latest.
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            "ext:R-1",
            "--reason",
            "Không phải công trình xây dựng",
        ],
    )
    .success();
    let table = show_wide(&env, RECEPTION, &[]);
    let returned = row(&table, "Chuyển trả (điểm b khoản 1 Điều 8)").unwrap();
    assert!(
        returned.starts_with("2 lần; lần cuối: SXD (xuly.sxd.hung) lúc 05/10/2026"),
        "{table}"
    );
    assert!(
        returned.ends_with("Lý do: Không phải công trình xây dựng"),
        "{table}"
    );
}

/// The header of `show`'s CSV row for the report.
fn csv_header(env: &TestEnv) -> String {
    env.run_as(RECEPTION, &["--format", "csv", "show", "ext:R-1"])
        .success()
        .stdout
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn a_result_sent_back_is_shown_as_such_with_the_reason_until_a_new_one_comes() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "SXD"])
        .success();
    env.set_now("2026-10-05T10:10:00+07:00");
    env.run_as(HANDLER_SXD, &["reply", "ext:R-1", "--text", "Đã sửa."])
        .success();
    let table = show_wide(&env, HANDLER_SXD, &[]);
    assert_eq!(row(&table, "Kết quả xử lý").as_deref(), Some("Đã sửa."));
    let header = csv_header(&env);
    env.set_now("2026-10-05T10:20:00+07:00");
    env.run_as(
        RECEPTION,
        &[
            "verify",
            "ext:R-1",
            "--send-back",
            "--reason",
            "Bổ sung ảnh sau khi sửa",
        ],
    )
    .success();

    // The handler redoing it reads why, and the refused result is not the report's result.
    env.set_now("2026-10-05T10:30:00+07:00");
    let table = show_wide(&env, HANDLER_SXD, &[]);
    assert_eq!(
        row(&table, "Yêu cầu xử lý lại (khoản 1 Điều 9)").as_deref(),
        Some(
            "1 lần; lần cuối: tiepnhan.lan lúc 05/10/2026\u{a0}10:20, kết quả lượt 2 Lý do: Bổ sung ảnh sau khi sửa"
        ),
        "{table}"
    );
    assert_eq!(
        row(&table, "Kết quả bị yêu cầu xử lý lại (lượt 2)").as_deref(),
        Some("Đã sửa."),
        "{table}"
    );
    assert_eq!(row(&table, "Kết quả xử lý"), None, "{table}");
    // As `list` says it.
    assert_eq!(row(&table, "Trạng thái").as_deref(), Some("Đang xử lý lại"));
    let english = show_wide(&env, HANDLER_SXD, &["--lang", "en"]);
    assert_eq!(
        row(&english, "Result sent back (round 2)").as_deref(),
        Some("Đã sửa.")
    );
    assert!(
        row(&english, "Sent back for rework (Art. 9.1)")
            .unwrap()
            .ends_with("Reason: Bổ sung ảnh sau khi sửa"),
        "{english}"
    );
    let shown = env
        .run_as(HANDLER_SXD, &["--format", "json", "show", "ext:R-1"])
        .success()
        .json();
    assert_eq!(shown["result_sent_back"], true);
    assert_eq!(shown["last_send_back_by"], RECEPTION);
    assert_eq!(shown["last_send_back_round"], 2);
    assert_eq!(shown["last_send_back_reason"], "Bổ sung ảnh sau khi sửa");
    assert_eq!(shown["send_backs"], 1);
    // A CSV row keeps its columns whatever the report went through.
    assert_eq!(csv_header(&env), header);
    assert!(header.contains(",last_send_back_reason,"), "{header}");

    // A new result is the report's own again; the send-back stays on record.
    env.run_as(
        HANDLER_SXD,
        &["reply", "ext:R-1", "--text", "Đã sửa, ảnh gửi kèm."],
    )
    .success();
    let table = show_wide(&env, HANDLER_SXD, &[]);
    assert_eq!(
        row(&table, "Kết quả xử lý").as_deref(),
        Some("Đã sửa, ảnh gửi kèm.")
    );
    assert_eq!(row(&table, "Kết quả bị yêu cầu xử lý lại"), None, "{table}");
    assert!(row(&table, "Yêu cầu xử lý lại (khoản 1 Điều 9)").is_some());
    assert_eq!(env.show("ext:R-1")["result_sent_back"], false);
}

#[test]
fn the_reasons_typed_hide_the_reporter_from_readers_who_may_not_see_them() {
    let mut env = TestEnv::seeded();
    // No consent (Đ6.5): the handler may not see the identity either.
    let csv = format!(
        "{HEADER}\nR-1,2026-10-05T07:11:00+07:00,2026-10-05T07:00:00+07:00,Cột điện nghiêng ở ấp Xóm Mới,https://x/0.jpg,9.05,105.24,Ấp Xóm Mới,Xã Tạ An Khương,Trần Văn Bé,0912345678,0,0,0,\n"
    );
    let file = env.dir().join("desk.csv");
    std::fs::write(&file, csv).unwrap();
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["classify", "ext:R-1", "--field", "DIEN"])
        .success();
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "PCCM"])
        .success();
    env.set_now("2026-10-05T08:10:00+07:00");
    let reason = "Đã gọi anh Trần Văn Bé 0912 345 678: cột viễn thông";
    env.run_as(HANDLER_PCCM, &["return", "ext:R-1", "--reason", reason])
        .success();
    env.set_now("2026-10-05T08:20:00+07:00");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "SXD"])
        .success();
    env.run_as(
        HANDLER_SXD,
        &["reply", "ext:R-1", "--text", "Đã dựng lại cột."],
    )
    .success();
    env.run_as(
        RECEPTION,
        &[
            "verify",
            "ext:R-1",
            "--send-back",
            "--reason",
            "Gọi lại cho Trần Văn Bé (0912345678) để xác nhận",
        ],
    )
    .success();
    for reader in [LEADER, AUDITOR, HANDLER_SXD] {
        for format in ["table", "json", "csv"] {
            let run = env.at_columns(
                240,
                &["--as", reader, "--format", format, "show", "ext:R-1"],
            );
            run.success()
                .never_shows("Trần Văn Bé")
                .never_shows("0912 345 678")
                .never_shows("0912345678")
                .stdout_has("[đã ẩn]")
                .stdout_has("cột viễn thông")
                .stdout_has("để xác nhận");
        }
    }
    // The portal, which may see the identity, reads them as kept: the portal's as typed;
    // the handler's, who may not see the reporter, with every name hidden beside the phone
    // it writes, lest the reason read back tell whether the report came from that phone
    // (`correction::a_handlers_return_reason_tells_nothing_of_whose_phone_it_writes`).
    let shown = env
        .run_as(RECEPTION, &["--format", "json", "show", "ext:R-1"])
        .success()
        .json();
    assert_eq!(
        shown["last_return_reason"],
        "Đã gọi anh [đã ẩn] [đã ẩn]: cột viễn thông"
    );
    assert_eq!(
        shown["last_send_back_reason"],
        "Gọi lại cho Trần Văn Bé (0912345678) để xác nhận"
    );
}

#[test]
fn triage_shows_who_returned_the_report_and_why_and_notes_a_dispatch_back_to_it() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let mut s = triage(&env);
    let screen = s.expect("Phân phối").unwrap();
    let joined = screen_words(&screen);
    for part in [
        "Lĩnh vực: DIEN Chuyển trả bởi PCCM (Công ty Điện lực Cà Mau), xuly.pccm.tai, lúc 05/10/2026 08:10. Lý do: Cột viễn thông, không phải cột điện",
        // Vietnamese word order (Đ7.2's clock: two working hours from the return), the time
        // left in working time, as `show` says it.
        "Hạn phân phối 05/10/2026 10:10 (còn 1 giờ 50 phút làm việc)",
    ] {
        assert!(joined.contains(part), "{part:?} not in {joined}");
    }
    s.send("\r").unwrap();
    s.expect("Lĩnh vực — gợi ý đã chọn sẵn").unwrap();
    s.send("\r").unwrap(); // keeps DIEN
    s.expect("Cơ quan xử lý — không có gợi ý").unwrap();
    // The agency that returned it is marked beside its code.
    s.expect("PCCM (đã chuyển trả) — Công ty Điện lực Cà Mau")
        .unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("pccm").unwrap();
    s.expect("> PCCM (đã chuyển trả)").unwrap();
    s.send("\r").unwrap();
    s.expect("Khẩn cấp?").unwrap();
    s.send("\r").unwrap();
    s.expect("✓ Phản ánh 1: Đã chuyển trả, chờ phân phối lại → Đang xử lý")
        .unwrap();
    // The note `assign --agency` gives, said at the width of the screen.
    let said = screen_words(&s.expect("Hàng chờ trống").unwrap());
    assert!(
        said.contains("Lưu ý: PCCM (Công ty Điện lực Cà Mau) đã chuyển trả phản ánh 1 lúc 05/10/2026 08:10 vì không thuộc thẩm quyền (điểm b khoản 1 Điều 8); đã giao lại cho cơ quan này theo lựa chọn của bạn."),
        "{said}"
    );
    s.expect_eof().unwrap();
    assert_eq!(assign_events(&env), ["PCCM", "PCCM"]);

    // In English, the same screen.
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "--lang", "en", "triage"]);
    let mut s = Terminal::spawn(cmd, Duration::from_secs(30));
    let joined = screen_words(&s.expect("Dispatch:").unwrap());
    for part in [
        "Returned by PCCM (Công ty Điện lực Cà Mau), xuly.pccm.tai, on 2026-10-05 08:10. Reason: Cột viễn thông, không phải cột điện",
        "Dispatch due 2026-10-05 10:10 (1 h 50 min of working time left)",
    ] {
        assert!(joined.contains(part), "{part:?} not in {joined}");
    }
    s.send("\x1b").unwrap();
    s.expect_eof().unwrap();
}

/// What the terminal showed as words, escape sequences out: a sentence wrapped at the
/// screen's width reads whole.
fn screen_words(text: &str) -> String {
    let plain = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z~]")
        .unwrap()
        .replace_all(text, "");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The English notes of `assign` and `triage` cited the Vietnamese
/// article form "(Đ8.1.b)" where `show` in English says "Art. 8.1.b".
#[test]
fn english_notes_cite_the_article_in_english() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let mut cmd = env.terminal_command();
    cmd.args(["--as", RECEPTION, "--lang", "en", "triage"]);
    let mut s = Terminal::spawn(cmd, Duration::from_secs(30));
    s.expect("Classify and dispatch").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap();
    s.expect("Field — suggestion pre-selected").unwrap();
    s.wait_for_key_reading().unwrap();
    s.send("\r").unwrap(); // keeps DIEN, which routes to PCCM
    let said = screen_words(&s.expect("Agency — no suggestion").unwrap());
    assert!(
        said.contains("(Art. 8.1.b): not pre-selected") && !said.contains("Đ8.1.b"),
        "{said}"
    );
    s.send("\u{1b}").unwrap();
    s.expect("Dispatch").unwrap();
    s.send("\u{1b}").unwrap();
    s.expect_eof().unwrap();

    env.run_as(RECEPTION, &["--lang", "en", "assign", "ext:R-1", "--auto"])
        .failure()
        .stderr_has("as not its business (Art. 8.1.b). If the field")
        .never_shows("Đ8.1.b");
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", "ext:R-1", "--agency", "PCCM"],
    );
    run.success()
        .stderr_has("as not its business (Art. 8.1.b)")
        .never_shows("Đ8.1.b");
}

/// `show` of a returned report said "Cơ quan xử lý: PCCM", the agency that
/// gave it back, as if it still held it. The table says there is none, who returned it and
/// when, until the report is dispatched again; the data (`agency` in JSON) keeps the code.
#[test]
fn show_names_no_handling_agency_while_the_report_is_returned() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let table = show_wide(&env, RECEPTION, &[]);
    assert_eq!(
        row(&table, "Cơ quan xử lý").as_deref(),
        Some("chưa có — PCCM đã chuyển trả lúc 05/10/2026\u{a0}08:10"),
        "{table}"
    );
    let english = show_wide(&env, RECEPTION, &["--lang", "en"]);
    assert_eq!(
        row(&english, "Agency").as_deref(),
        Some("none — PCCM returned it on 2026-10-05\u{a0}08:10"),
        "{english}"
    );
    // Dispatched again: the new agency holds it.
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "SXD"])
        .success();
    let table = show_wide(&env, RECEPTION, &[]);
    assert_eq!(
        row(&table, "Cơ quan xử lý").as_deref(),
        Some("Sở Xây dựng tỉnh Cà Mau (SXD)"),
        "{table}"
    );
}

/// `list` showed a returned report's agency column as "PCCM", the agency that gave it
/// back, as if it still held it, beside reports PCCM does hold. The column says it was
/// returned by PCCM, as `show` does, until the report is dispatched again; the data
/// (`agency` in JSON) keeps the code.
#[test]
fn list_names_no_handling_agency_while_the_report_is_returned() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let cells = |lang: &str| -> Vec<String> {
        let run = env.at_columns(240, &["--as", RECEPTION, "--lang", lang, "list"]);
        let body = table_body(run.success().stdout.lines());
        assert_eq!(body.len(), 1, "{run}");
        body[0]
            .split(['│', '┆'])
            .map(|cell| cell.trim().to_owned())
            .collect()
    };
    let vi = cells("vi");
    assert!(vi.contains(&"(chuyển trả: PCCM)".to_owned()), "{vi:?}");
    assert!(!vi.contains(&"PCCM".to_owned()), "{vi:?}");
    let en = cells("en");
    assert!(en.contains(&"(returned: PCCM)".to_owned()), "{en:?}");
    let json = env
        .run_as(RECEPTION, &["--format", "json", "list"])
        .success()
        .json();
    assert_eq!(array(&json)[0]["agency"], "PCCM");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "SXD"])
        .success();
    assert!(cells("vi").contains(&"SXD".to_owned()));
}

/// `list --agency PCCM` and a PCCM handler's own `list` still listed the report PCCM had
/// returned (its row reading "(chuyển trả: PCCM)") where `--agency` promises only the reports
/// assigned to the agency: a returned report waits for the portal's dispatch again (Đ8.1.b),
/// PCCM holds nothing of it. Neither list has it; the portal's full list still does, and
/// once dispatched to SXD it is SXD's.
#[test]
fn a_returned_report_leaves_the_agency_list_of_the_agency_that_returned_it() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let ids = |user: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--format", "json", "list"];
        args.extend(extra);
        let json = env.run_as(user, &args).success().json();
        array(&json)
            .iter()
            .map(|r| r["external_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(RECEPTION, &[]), ["R-1"]);
    assert!(ids(RECEPTION, &["--agency", "PCCM"]).is_empty());
    assert!(ids(HANDLER_PCCM, &[]).is_empty());
    let table = env.run_as(HANDLER_PCCM, &["list"]);
    assert!(!table.success().stdout.contains("chuyển trả"), "{table}");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "SXD"])
        .success();
    assert_eq!(ids(RECEPTION, &["--agency", "SXD"]), ["R-1"]);
    assert_eq!(ids(HANDLER_SXD, &[]), ["R-1"]);
    assert!(ids(HANDLER_PCCM, &[]).is_empty());
}

/// A handler's `list --status "trả lại"` is empty by design (the report left the
/// agency's list), but said "Bỏ bớt bộ lọc để xem rộng hơn", which would show it no more,
/// and echoed `returned` for what was typed. It says why and which reports the agency
/// returned, with when, echoing the filter as typed; so does the desk's list held to that
/// agency. It said "xem lại từng phản ánh bằng `phananh show SỐ`" and no number: the
/// officer answering "which did we return?" (returns count in the score, Đ13.7) had none.
/// The guide's own `--status "chuyển trả"` was a usage error.
#[test]
fn an_agency_list_asked_for_returned_reports_says_why_it_holds_none() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    let report = env.id_of("R-1");
    // The message is wrapped to the terminal's width.
    let unwrapped = |run: &Run| run.stdout.replace(['\n', '\u{a0}'], " ");
    let asked = env.run_as(HANDLER_PCCM, &["list", "--status", "trả lại"]);
    asked
        .success()
        .stdout_has(
            "khớp bộ lọc: --status \"trả lại\". Phản ánh cơ quan PCCM đã chuyển trả là việc của Cổng",
        )
        .never_shows("Bỏ bớt bộ lọc")
        .never_shows("returned");
    let numbered = format!(
        "Cơ quan đã chuyển trả 1 phản ánh: {report} (05/10/2026 08:10). Lần chuyển trả trễ hạn có trong `phananh list --overdue --ever`."
    );
    assert!(unwrapped(&asked).contains(&numbered), "{asked}");
    let short = env.run_as(HANDLER_PCCM, &["list", "--status", "chuyển trả"]);
    assert!(unwrapped(short.success()).contains(&numbered), "{short}");
    env.run_as(
        HANDLER_PCCM,
        &["--lang", "en", "list", "--status", "returned,Đang xử lý"],
    )
    .success()
    .stdout_has("--status returned,\"Đang xử lý\". A report agency PCCM returned")
    .never_shows("Drop a filter");
    // An agency that returned nothing is told so.
    let none = env.run_as(HANDLER_SXD, &["list", "--status", "chuyển trả"]);
    assert!(
        unwrapped(none.success()).contains("Cơ quan chưa chuyển trả phản ánh nào."),
        "{none}"
    );
    // The report it points to can be seen so.
    env.run_as(HANDLER_PCCM, &["show", "ext:R-1"])
        .success()
        .stdout_has("Đã chuyển trả, chờ phân phối lại");
    env.run_as(
        RECEPTION,
        &["list", "--agency", "PCCM", "--status", "returned"],
    )
    .success()
    .stdout_has("Phản ánh cơ quan PCCM đã chuyển trả");
    // Held to no agency, the desk's list shows it.
    env.run_as(RECEPTION, &["list", "--status", "tra lai"])
        .success()
        .stdout_has("R-1");
}

/// The desk classified and dispatched a report in two transactions, so a
/// session killed between them (a crash, a closed terminal, "database is locked" on the
/// second) left the report classified and not dispatched, with nothing said. Both steps are
/// one transaction: killed there, neither is kept, and the next session does both.
#[test]
fn triage_killed_between_classifying_and_dispatching_keeps_neither() {
    let env = desk(&[("NEW-1", "Cột điện bằng bê tông ở ấp Xóm Mới bị nứt chân")]);
    let answer = |s: &mut Terminal| {
        s.expect("Phân phối").unwrap();
        s.wait_for_key_reading().unwrap();
        s.send("\r").unwrap();
        s.expect("Lĩnh vực — gợi ý đã chọn sẵn").unwrap();
        s.wait_for_key_reading().unwrap();
        s.send("\r").unwrap(); // DIEN, suggested
        s.expect("Cơ quan xử lý — gợi ý đã chọn sẵn").unwrap();
        s.wait_for_key_reading().unwrap();
        s.send("\r").unwrap(); // PCCM, routed
        s.expect("Khẩn cấp?").unwrap();
        s.wait_for_key_reading().unwrap();
        s.send("\r").unwrap();
    };
    let mut cmd = env.terminal_command();
    cmd.env("PHANANH_FAULT", "triage:classified");
    cmd.args(["--as", RECEPTION, "triage"]);
    let mut s = Terminal::spawn(cmd, Duration::from_secs(30));
    answer(&mut s);
    s.expect_eof().unwrap();
    let shown = env.show("ext:NEW-1");
    assert_eq!(
        (&shown["status"], &shown["field"], &shown["agency"]),
        (
            &serde_json::json!("accepted"),
            &serde_json::Value::Null,
            &serde_json::Value::Null
        ),
        "{shown}"
    );
    let steps: Vec<String> = env.column(
        "SELECT action FROM events WHERE report_id = 1 AND action IN ('classify', 'assign')",
    );
    assert!(steps.is_empty(), "{steps:?}");
    // Nothing half-done is left: the next session offers it as before and does both.
    let mut s = triage(&env);
    answer(&mut s);
    s.expect("✓ Phản ánh 1: đã ghi lĩnh vực DIEN").unwrap();
    s.expect("✓ Phản ánh 1: Chờ phân phối → Đang xử lý")
        .unwrap();
    s.expect("Hàng chờ trống").unwrap();
    s.expect_eof().unwrap();
    assert_eq!(env.status_of("ext:NEW-1"), "assigned");
    assert_eq!(assign_events(&env), ["PCCM"]);
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

/// A message a civil servant copies into a document cited the Decision as "Đ8.1.b", a
/// programmer's shorthand; the administrative form is "điểm b khoản 1 Điều 8" (as the
/// periodic report writes it). `show`'s return and send-back rows, the notes of `assign`
/// and `return` and the routing refusal write it so, and never both forms together.
#[test]
fn vietnamese_messages_cite_the_article_in_the_administrative_form() {
    let mut env = returned_by_pccm();
    env.run_as(RECEPTION, &["show", "ext:R-1"])
        .success()
        .stdout_has("Chuyển trả (điểm b khoản 1 Điều 8)")
        .never_shows("Đ8.1.b");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--auto"])
        .failure()
        .stderr_has("vì không thuộc thẩm quyền (điểm b khoản 1 Điều 8). Nếu lĩnh vực sai")
        .never_shows("Đ8.1.b");
    env.set_now("2026-10-05T08:20:00+07:00");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "PCCM"])
        .success()
        .stderr_has("vì không thuộc thẩm quyền (điểm b khoản 1 Điều 8); đã giao lại")
        .never_shows("Đ8.1.b");
    // Returned again past its one working hour: the note on the late return.
    env.set_now("2026-10-05T10:00:00+07:00");
    env.run_as(
        HANDLER_PCCM,
        &["return", "ext:R-1", "--reason", "Vẫn là cột viễn thông"],
    )
    .success()
    .stderr_has("điểm b khoản 1 Điều 8), trễ")
    .never_shows("Đ8.1.b");
}
