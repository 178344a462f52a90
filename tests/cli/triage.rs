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
