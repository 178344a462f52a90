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
        .stderr_has("PCCM (Công ty Điện lực Cà Mau), chính cơ quan đã trả lại phản ánh này lúc 05/10/2026 08:10")
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
        .stderr_has("PCCM (Công ty Điện lực Cà Mau), chính cơ quan đã trả lại");
    env.run_as(ADMIN, &["audit", "verify"]).success();
}

#[test]
fn naming_the_agency_that_returned_the_report_dispatches_it_with_a_note() {
    let mut env = returned_by_pccm();
    env.set_now("2026-10-05T08:20:00+07:00");
    env.run_as(RECEPTION, &["assign", "ext:R-1", "--agency", "PCCM"])
        .success()
        .stderr_has(
            "Lưu ý: PCCM (Công ty Điện lực Cà Mau) đã trả lại phản ánh 1 lúc 05/10/2026 08:10",
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
    s.expect("Phản ánh 1 (R-1) — Trả lại, chờ phân phối lại")
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
    s.expect("✓ Phản ánh 1: Trả lại, chờ phân phối lại → Trả lại, chờ phân phối lại")
        .unwrap();
    s.expect("✓ Phản ánh 1: Trả lại, chờ phân phối lại → Đang xử lý")
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
    s.expect("(Đ8.1.b): không chọn sẵn").unwrap();
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
