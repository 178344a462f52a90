//! `ingest`: CSV, JSON Lines and JSON arrays; re-ingesting is a no-op; malformed records are
//! named with file and line (or record number), skipped, and the rest of the file still loads
//! with a non-zero exit (docs/rules.md §1, bad input at ingest; §6, ingest formats); text is stored in NFC.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::common::*;

/// `ingest ARGS --format json` as reception.
fn ingest(env: &TestEnv, args: &[&str]) -> Run {
    let mut all = vec!["ingest", "--format", "json"];
    all.extend_from_slice(args);
    env.run_as(RECEPTION, &all)
}

/// The single file summary of an `ingest --format json` run.
fn summary(run: &Run) -> Value {
    let all = run.json();
    let files = array(&all);
    assert_eq!(files.len(), 1, "one file, one summary\n{run}");
    files[0].clone()
}

fn listed(env: &TestEnv) -> usize {
    array(
        &env.run_as(ADMIN, &["list", "--format", "json"])
            .success()
            .json(),
    )
    .len()
}

fn stored_external_ids(env: &TestEnv) -> Vec<String> {
    env.column("SELECT external_id FROM reports ORDER BY id")
}

#[test]
fn the_example_csv_stores_340_reports_as_received() {
    let env = TestEnv::seeded();
    let run = ingest(&env, &[&example_str("reports.csv")]);
    run.success();
    let s = summary(&run);
    assert_eq!(s["stored"], 340, "{run}");
    assert_eq!(s["already_present"], 0);
    assert_eq!(s["malformed"], 0);
    assert_eq!(s["format"], "csv");
    assert_eq!(listed(&env), EXAMPLE_REPORTS);
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'received'"),
        340
    );
    // Each stored report has its ingest event, by the account that ran it.
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE action = 'ingest' AND actor = 'tiepnhan.lan' AND to_status = 'received'"),
        340
    );
}

#[test]
fn re_ingesting_is_a_no_op_counted_as_already_present() {
    let env = TestEnv::ingested();
    let before = env.fingerprint();
    let run = ingest(&env, &[&example_str("reports.csv")]);
    run.success();
    let s = summary(&run);
    assert_eq!(s["stored"], 0, "{run}");
    assert_eq!(s["already_present"], 340, "{run}");
    assert_eq!(s["malformed"], 0);
    assert_eq!(listed(&env), EXAMPLE_REPORTS);
    env.assert_unchanged(&before);
}

/// The summary table wrote its counts as `1200` where every other screen writes `1.200`:
/// the counts are grouped in the reader's language, the report numbers (typed to `show`)
/// and CSV keep plain digits.
#[test]
fn the_summary_table_groups_its_counts_and_not_its_report_numbers() {
    let env = TestEnv::seeded();
    let file = many_reports_csv(&env, "many.csv", "MANY", 1200);
    let file = file.to_str().unwrap();
    let table = env.at_columns(200, &["--as", RECEPTION, "ingest", file]);
    let row = table
        .success()
        .stdout
        .lines()
        .find(|l| l.contains("many.csv"))
        .unwrap_or_else(|| panic!("the file's row\n{table}"))
        .to_owned();
    let cells: Vec<&str> = row.split(['│', '┆']).map(str::trim).collect();
    assert_eq!(
        cells[3..],
        ["1.200", "0", "0", "0", "1", "1200", ""],
        "{row}"
    );
    let again = env.at_columns(200, &["--lang", "en", "--as", RECEPTION, "ingest", file]);
    assert!(again.success().stdout.contains("┆ 1,200 "), "{again}");
    let csv = env.run_as(RECEPTION, &["ingest", "--format", "csv", file]);
    assert!(csv.success().stdout.contains(",0,1200,"), "{csv}");
}

#[test]
fn re_ingesting_after_validation_does_not_reset_a_report() {
    let env = TestEnv::validated();
    ingest(&env, &[&example_str("reports.csv")]).success();
    assert_eq!(env.status_of("ext:CMG-2026-000105"), "accepted");
    assert_eq!(env.status_of("ext:CMG-2026-000300"), "rejected");
}

/// One file of examples/bad: its malformed lines and the app ids of its good rows.
struct BadFile {
    name: &'static str,
    malformed_lines: &'static [u64],
    good: &'static [&'static str],
}

const BAD_FILES: [BadFile; 5] = [
    BadFile {
        name: "wrong-columns.csv",
        malformed_lines: &[4, 7],
        good: &[
            "BAD-COL-001",
            "BAD-COL-002",
            "BAD-COL-004",
            "BAD-COL-005",
            "BAD-COL-007",
        ],
    },
    BadFile {
        name: "bad-time.csv",
        malformed_lines: &[4, 6, 8],
        good: &[
            "BAD-TIME-001",
            "BAD-TIME-002",
            "BAD-TIME-004",
            "BAD-TIME-006",
            "BAD-TIME-008",
        ],
    },
    BadFile {
        name: "bad-utf8.csv",
        malformed_lines: &[5],
        good: &[
            "BAD-UTF8-001",
            "BAD-UTF8-002",
            "BAD-UTF8-003",
            "BAD-UTF8-005",
            "BAD-UTF8-006",
        ],
    },
    BadFile {
        name: "truncated.csv",
        malformed_lines: &[7],
        good: &[
            "BAD-TRUNC-001",
            "BAD-TRUNC-002",
            "BAD-TRUNC-003",
            "BAD-TRUNC-004",
            "BAD-TRUNC-005",
        ],
    },
    BadFile {
        name: "reports.jsonl",
        malformed_lines: &[4],
        good: &[
            "BAD-JL-001",
            "BAD-JL-002",
            "BAD-JL-003",
            "BAD-JL-005",
            "BAD-JL-006",
            "BAD-JL-007",
        ],
    },
];

fn check_bad_file(bad: &BadFile) {
    let env = TestEnv::seeded();
    let path = example_str(&format!("bad/{}", bad.name));
    let run = ingest(&env, &[&path]);
    run.failure();
    for line in bad.malformed_lines {
        run.stderr_has(&format!("{path}:{line}:"));
    }
    let s = summary(&run);
    assert_eq!(s["stored"], bad.good.len(), "{}\n{run}", bad.name);
    assert_eq!(
        s["malformed"],
        bad.malformed_lines.len(),
        "{}\n{run}",
        bad.name
    );
    let rows = array(&s["malformed_rows"]);
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, bad.malformed_lines, "{}\n{run}", bad.name);
    for row in rows {
        assert_eq!(row["file"], path.as_str());
        assert!(
            !row["message"].as_str().unwrap_or_default().is_empty(),
            "a reason is given: {row}"
        );
        assert!(
            !row["reason"].as_str().unwrap_or_default().contains(' '),
            "the reason is a code: {row}"
        );
    }
    assert_eq!(stored_external_ids(&env), bad.good, "{}", bad.name);
    assert_eq!(listed(&env), bad.good.len());
}

#[test]
fn wrong_column_counts_are_named_and_the_good_rows_stored() {
    check_bad_file(&BAD_FILES[0]);
}

#[test]
fn unreadable_times_are_named_and_the_good_rows_stored() {
    check_bad_file(&BAD_FILES[1]);
}

#[test]
fn bad_utf8_is_named_and_the_good_rows_stored() {
    check_bad_file(&BAD_FILES[2]);
}

#[test]
fn a_truncated_last_row_is_named_and_the_good_rows_stored() {
    check_bad_file(&BAD_FILES[3]);
}

#[test]
fn a_broken_json_line_is_named_and_the_good_lines_stored() {
    check_bad_file(&BAD_FILES[4]);
}

#[test]
fn several_files_in_one_run_each_get_a_summary_and_the_run_fails_if_any_is_malformed() {
    let env = TestEnv::seeded();
    let run = ingest(
        &env,
        &[
            &example_str("bad/reports.json"),
            &example_str("bad/bad-utf8.csv"),
        ],
    );
    run.failure();
    let all = run.json();
    let files = array(&all);
    assert_eq!(files.len(), 2, "{run}");
    assert_eq!(files[0]["stored"], 5);
    assert_eq!(files[0]["malformed"], 0);
    assert_eq!(files[1]["stored"], 5);
    assert_eq!(files[1]["malformed"], 1);
    assert_eq!(listed(&env), 10);
}

#[test]
fn a_json_array_loads_its_5_reports() {
    let env = TestEnv::seeded();
    let run = ingest(&env, &[&example_str("bad/reports.json")]);
    run.success();
    let s = summary(&run);
    assert_eq!(s["format"], "json");
    assert_eq!(s["stored"], 5);
    assert_eq!(s["malformed"], 0);
    assert_eq!(
        stored_external_ids(&env),
        [
            "BAD-JSON-001",
            "BAD-JSON-002",
            "BAD-JSON-003",
            "BAD-JSON-004",
            "BAD-JSON-005"
        ]
    );
}

/// An array closed after a comma (`[{…},{…},]`, as JavaScript writes one): every record
/// was stored, and a fourth that does not exist listed as malformed ("thiếu phần tử sau
/// dấu `,`"), exit 1. It is read as closed, and said.
#[test]
fn a_json_array_closed_after_a_comma_loads_whole_and_says_so() {
    let env = TestEnv::seeded();
    let text = std::fs::read_to_string(example("bad/reports.json")).unwrap();
    let records: Vec<Value> = serde_json::from_str(&text).unwrap();
    let parts: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    let path = env.dir().join("phay.json");
    std::fs::write(&path, format!("[\n{},\n]\n", parts.join(",\n"))).unwrap();
    let run = ingest(&env, &[path.to_str().unwrap()]);
    run.success()
        .stderr_has("mảng JSON có dấu phẩy thừa trước `]`");
    let s = summary(&run);
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(5), Some(0)),
        "{run}"
    );
    // Two commas are still an element missing.
    std::fs::write(&path, format!("[\n{},,\n]\n", parts.join(",\n"))).unwrap();
    let run = ingest(&env, &[path.to_str().unwrap()]);
    run.failure();
    assert_eq!(summary(&run)["malformed"], 1, "{run}");
}

#[test]
fn a_json_array_with_a_syntax_error_keeps_the_records_before_it_and_names_its_line() {
    let env = TestEnv::seeded();
    let text = std::fs::read_to_string(example("bad/reports.json")).unwrap();
    let mut records: Vec<Value> = serde_json::from_str(&text).unwrap();
    for (i, record) in records.iter_mut().enumerate() {
        record["external_id"] = Value::from(format!("ARR-{:03}", i + 1));
    }
    let mut parts: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    // Record 3 loses the colon after a key: a syntax error in the middle of the array.
    parts[2] = parts[2].replacen("\"submitted_at\":", "\"submitted_at\" ", 1);
    let path = env.dir().join("mang.json");
    std::fs::write(&path, format!("[\n{}\n]\n", parts.join(",\n"))).unwrap();
    let path = path.to_str().unwrap();

    let run = ingest(&env, &[path]);
    run.failure();
    // Record 3, on line 4 of the file (after "[" and two records): the file's line, as
    // for CSV and JSON Lines (it was the record number, 3).
    run.stderr_has(&format!("{path}:4:"));
    let s = summary(&run);
    assert_eq!(s["stored"], 2, "{run}");
    assert_eq!(s["malformed"], 1, "{run}");
    assert_eq!(
        s["malformed_rows"][0]["line"], 4,
        "the line the record is on\n{run}"
    );
    assert_eq!(stored_external_ids(&env), ["ARR-001", "ARR-002"]);
}

/// A JSON array's faults were labelled `a.json:2` and `line` 2 in the `--errors` file:
/// the record's number, where an indented array has that record on line 20 and an
/// editor goes to line 2. Each is now named by the line it starts on, and by its number
/// beside it (a minified array is one line): on screen, in the `--errors` file (a `record`
/// column after the others) and in the JSON summary (`record`); a CSV's rows have none.
#[test]
fn a_json_array_record_is_named_by_its_line_and_its_number() {
    let env = TestEnv::seeded();
    let text = std::fs::read_to_string(example("bad/reports.json")).unwrap();
    let mut records: Vec<Value> = serde_json::from_str(&text).unwrap();
    records.truncate(2);
    records[0]["external_id"] = Value::from("J-1");
    records[1]["external_id"] = Value::from("J-2");
    records[1]["submitted_at"] = Value::from("2026-09-05T10:00+07:00");
    let indented = serde_json::to_string_pretty(&records).unwrap();
    // The second element's opening brace, as the pretty printer writes it.
    let start = 1 + indented
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "  {")
        .nth(1)
        .unwrap()
        .0 as u64;
    assert!(start > 10, "J-2 starts on line {start}");
    for (name, text, line) in [
        ("thut.json", indented.as_str(), start),
        ("gon.json", &serde_json::to_string(&records).unwrap(), 1),
    ] {
        let path = env.dir().join(name);
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        let errors = env.dir().join(format!("loi-{name}.csv"));
        let run = ingest(&env, &["--errors", errors.to_str().unwrap(), path]);
        run.failure()
            .stderr_has(&format!("{path}:{line}: bản ghi thứ 2: submitted_at: "));
        let row = &summary(&run)["malformed_rows"][0];
        assert_eq!(
            (&row["line"], &row["record"]),
            (&Value::from(line), &Value::from(2)),
            "{run}"
        );
        let listed = std::fs::read_to_string(&errors).unwrap();
        let mut lines = listed.lines();
        assert_eq!(lines.next(), Some("file,line,reason,message,record"));
        let row = lines.next().unwrap();
        assert!(
            row.starts_with(&format!("{path},{line},bad_time,")),
            "{row}"
        );
        assert!(row.ends_with(",2"), "{row}");
        env.run_as(RECEPTION, &["--lang", "en", "ingest", path])
            .stderr_has(&format!("{path}:{line}: record 2: "));
    }
    // A CSV's row has its line only.
    let bad = example_str("bad/bad-time.csv");
    let run = ingest(&env, &[&bad]);
    let row = &summary(&run)["malformed_rows"][0];
    assert!(row.get("record").is_none(), "{run}");
    assert!(!run.stderr.contains("bản ghi thứ"), "{run}");
}

/// A JSON Lines syntax error was serde_json's English ("trailing
/// comma", "EOF while parsing an object") at a column in bytes, past the end of a line of
/// Vietnamese text. Now Vietnamese (English with --lang en) at a column in characters.
#[test]
fn a_json_lines_syntax_error_is_vietnamese_at_a_column_in_characters() {
    let env = TestEnv::seeded();
    let line = r#"{"external_id":"J-1","submitted_at":"2026-11-04T07:00:00+07:00","content":"Đèn đường hỏng",}"#;
    std::fs::write(env.dir().join("j.jsonl"), format!("{line}\n")).unwrap();
    env.run_as(RECEPTION, &["ingest", "j.jsonl"])
        .failure()
        .stderr_has("j.jsonl:1: lỗi cú pháp JSON ở cột 92: dấu phẩy thừa trước `}`")
        .never_shows("trailing comma");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", "j.jsonl"])
        .failure()
        .stderr_has("j.jsonl:1: JSON syntax error at column 92: a comma too many before `}`");
    let bad = example_str("bad/reports.jsonl");
    env.run_as(RECEPTION, &["ingest", &bad])
        .failure()
        .stderr_has(":4: lỗi cú pháp JSON: hết dòng khi đối tượng chưa đóng (thiếu `}`)")
        .never_shows("EOF while");
}

#[test]
fn json_lines_with_a_media_array_and_boolean_values_load() {
    let env = TestEnv::seeded();
    let run = ingest(&env, &[&example_str("reports-sample.jsonl")]);
    run.success();
    assert_eq!(summary(&run)["stored"], 20);
    assert_eq!(summary(&run)["format"], "jsonl");
}

#[test]
fn input_format_overrides_the_extension() {
    let env = TestEnv::seeded();
    let txt = env.dir().join("reports.txt");
    std::fs::copy(example("reports.csv"), &txt).unwrap();
    let run = ingest(&env, &["--input-format", "csv", txt.to_str().unwrap()]);
    run.success();
    assert_eq!(summary(&run)["stored"], 340);
    assert_eq!(summary(&run)["format"], "csv");

    // A CSV file misnamed .json loads as CSV when told so.
    let env = TestEnv::seeded();
    let misnamed = env.dir().join("xuat.json");
    std::fs::copy(example("bad/bad-time.csv"), &misnamed).unwrap();
    let run = ingest(&env, &["--input-format", "csv", misnamed.to_str().unwrap()]);
    run.failure();
    assert_eq!(summary(&run)["stored"], 5);
    assert_eq!(summary(&run)["malformed"], 3);
}

#[test]
fn an_unknown_extension_without_input_format_is_refused_and_suggests_the_flag() {
    let env = TestEnv::seeded();
    let txt = env.dir().join("reports.txt");
    std::fs::copy(example("reports.csv"), &txt).unwrap();
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["ingest", txt.to_str().unwrap()])
        .failure()
        .one_line_error()
        .stderr_has("--input-format")
        .stderr_has("reports.txt");
    env.assert_unchanged(&before);
}

#[test]
fn nfd_text_is_stored_as_nfc() {
    let env = TestEnv::ingested();
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[column("external_id")] == "CMG-2026-000174")
        .expect("CMG-2026-000174 in reports.csv");
    let raw_content = &row[column("content")];
    let nfc_content: String = raw_content.nfc().collect();
    assert_ne!(raw_content, nfc_content, "the example row is decomposed");

    let shown = env.show("ext:CMG-2026-000174");
    let content = shown["content"].as_str().unwrap();
    assert_eq!(content, nfc_content);
    assert_eq!(content.nfc().collect::<String>(), content);
    let address = &row[column("address")];
    assert_eq!(shown["address"], address.nfc().collect::<String>());

    // Stored NFC: the search in NFC finds it, whatever form the user types.
    let needle: String = nfc_content.chars().take(20).collect();
    for typed in [needle.clone(), needle.nfd().collect()] {
        let found = env
            .run_as(ADMIN, &["list", "--search", &typed, "--format", "json"])
            .success()
            .json();
        assert!(
            array(&found)
                .iter()
                .any(|r| r["external_id"] == "CMG-2026-000174"),
            "search {typed:?}: {found:#}"
        );
    }
}

#[test]
fn times_in_every_accepted_form_are_stored_at_plus_seven() {
    let env = TestEnv::ingested();
    // DD/MM/YYYY HH:MM:SS local time.
    let shown = env.show("ext:CMG-2026-000102");
    assert_eq!(shown["submitted_at"], "2026-08-01T10:43:43+07:00");
    assert_eq!(shown["occurred_at"], "2026-08-01T09:02:43+07:00");
    // UTC in the file: 02:17:05Z is 09:17:05 in Cà Mau.
    let shown = env.show("ext:CMG-2026-000187");
    assert_eq!(shown["submitted_at"], "2026-08-19T09:17:05+07:00");
    // Booleans: `có` is true.
    assert_eq!(env.show("ext:CMG-2026-000102")["consent"], true);
}

#[test]
fn unknown_columns_are_warned_about_and_the_rows_still_load() {
    let env = TestEnv::seeded();
    // The five good rows of truncated.csv, each with one more column.
    let source = std::fs::read_to_string(example("bad/truncated.csv")).unwrap();
    let lines: Vec<&str> = source.lines().take(6).collect();
    let mut out = format!("{},ghi_chu\n", lines[0]);
    for line in &lines[1..] {
        out.push_str(line);
        out.push_str(",xem lại\n");
    }
    let path = env.dir().join("them-cot.csv");
    std::fs::write(&path, out).unwrap();
    let run = ingest(&env, &[path.to_str().unwrap()]);
    run.success().stderr_has("ghi_chu");
    assert_eq!(summary(&run)["stored"], 5);
}

#[test]
fn a_header_without_external_id_loads_nothing() {
    let env = TestEnv::seeded();
    let path = env.dir().join("thieu-cot.csv");
    std::fs::write(
        &path,
        "submitted_at,content\n2026-10-01T08:00:00+07:00,Đường hư hỏng nặng\n",
    )
    .unwrap();
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["ingest", path.to_str().unwrap()])
        .failure()
        .stderr_has("external_id");
    env.assert_unchanged(&before);
}

#[test]
fn a_handler_may_not_ingest_and_the_refusal_is_logged() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run_as(HANDLER_SXD, &["ingest", &example_str("bad/reports.json")])
        .failure()
        .one_line_error();
    env.assert_only_refusal(&before, HANDLER_SXD);
}

/// The header and the given data lines (1-based, header = line 1) of examples/reports.csv.
fn reports_csv_lines(lines: &[usize]) -> String {
    let text = std::fs::read_to_string(example("reports.csv")).unwrap();
    let all: Vec<&str> = text.lines().collect();
    let mut out = format!("{}\n", all[0]);
    for line in lines {
        out.push_str(all[line - 1]);
        out.push('\n');
    }
    out
}

/// The stored report stays as it is; the changed row is not dropped silently but said as a
/// conflict (the run fails so that a script sees it).
#[test]
fn re_ingesting_a_changed_row_keeps_the_stored_report() {
    let env = TestEnv::validated();
    let original = env.show("ext:CMG-2026-000105");
    // Line 6 of reports.csv is CMG-2026-000105.
    let changed = reports_csv_lines(&[6]).replace("ổ gà nối tiếp ổ gà", "đã sửa xong");
    assert!(changed.contains("đã sửa xong"));
    let path = env.dir().join("lan-hai.csv");
    std::fs::write(&path, changed).unwrap();
    let run = ingest(&env, &[path.to_str().unwrap()]);
    run.failure();
    assert_eq!(summary(&run)["already_present"], 0);
    assert_eq!(summary(&run)["malformed_by_reason"]["conflict"], 1);
    assert_eq!(env.show("ext:CMG-2026-000105"), original);
}

#[test]
fn the_same_app_id_twice_in_one_file_is_stored_once() {
    let env = TestEnv::seeded();
    let path = env.dir().join("hai-lan.csv");
    std::fs::write(&path, reports_csv_lines(&[2, 3, 2])).unwrap();
    let run = ingest(&env, &[path.to_str().unwrap()]);
    run.success();
    let s = summary(&run);
    assert_eq!(
        (s["stored"].as_u64(), s["already_present"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        stored_external_ids(&env),
        ["CMG-2026-000101", "CMG-2026-000102"]
    );
}

#[test]
fn a_csv_with_a_byte_order_mark_loads() {
    let env = TestEnv::seeded();
    let path = env.dir().join("bom.csv");
    std::fs::write(&path, format!("\u{feff}{}", reports_csv_lines(&[2, 3]))).unwrap();
    let run = ingest(&env, &[path.to_str().unwrap()]);
    run.success();
    assert_eq!(summary(&run)["stored"], 2);
    assert_eq!(
        stored_external_ids(&env),
        ["CMG-2026-000101", "CMG-2026-000102"]
    );
}

/// `ingest --validate` leaves the database `ingest` then `validate` would: the same rows,
/// the same two events per report (ingest, then accept or reject, each sealed with the row
/// as that step left it), the same clocks — only written once.
#[test]
fn ingest_with_validate_equals_ingest_then_validate() {
    let two_steps = TestEnv::seeded();
    ingest(&two_steps, &[&example_str("reports.csv")]).success();
    two_steps
        .run_as(RECEPTION, &["validate", "--format", "csv"])
        .success();

    let one_pass = TestEnv::seeded();
    let run = ingest(&one_pass, &["--validate", &example_str("reports.csv")]);
    run.success();
    let s = summary(&run);
    let accepted = two_steps.count("SELECT count(*) FROM reports WHERE status = 'accepted'");
    let rejected = two_steps.count("SELECT count(*) FROM reports WHERE status = 'rejected'");
    assert!(accepted > 0 && rejected > 0);
    assert_eq!(
        (s["accepted"].clone(), s["rejected"].clone()),
        (accepted.into(), rejected.into()),
        "{run}"
    );
    assert!(
        run.stderr
            .contains(&format!("{accepted} tiếp nhận, {rejected} từ chối")),
        "{run}"
    );

    let rows = format!(
        "SELECT {} FROM reports ORDER BY external_id",
        "external_id, status, reject_reasons, content, reporter_phone, submitted_at"
    );
    let rows_of = |env: &TestEnv| -> Vec<String> {
        let conn = env.read_only();
        let mut stmt = conn.prepare(&rows).unwrap();
        stmt.query_map([], |r| {
            Ok((0..6)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    assert_eq!(rows_of(&one_pass), rows_of(&two_steps));
    let events = "SELECT r.external_id || ' ' || e.action || ' ' || coalesce(e.from_status, '-') || '>' || e.to_status || ' ' || e.actor || ' ' || CASE WHEN e.action = 'ingest' THEN '' ELSE e.payload END
                    FROM events e JOIN reports r ON r.id = e.report_id ORDER BY r.external_id, e.id";
    assert_eq!(
        one_pass.column::<String>(events),
        two_steps.column::<String>(events)
    );
    let clocks = "SELECT r.external_id || ' ' || c.stage || ' ' || c.started_at || ' ' || c.due_at || ' ' || coalesce(c.stopped_at, 'open') || ' ' || coalesce(c.breached, '-')
                    FROM clocks c JOIN reports r ON r.id = c.report_id ORDER BY r.external_id, c.id";
    assert_eq!(
        one_pass.column::<String>(clocks),
        two_steps.column::<String>(clocks)
    );
    one_pass.run_as(ADMIN, &["audit", "verify"]).success();

    // Ingesting again stores and checks nothing new.
    let rerun = ingest(&one_pass, &["--validate", &example_str("reports.csv")]);
    let again = summary(rerun.success());
    assert_eq!(
        (again["stored"].clone(), again["accepted"].clone()),
        (0.into(), 0.into())
    );
}

/// A refused `ingest --validate` (a handler may neither ingest nor validate) stores nothing
/// and is logged as a refusal.
#[test]
fn a_refused_ingest_with_validate_stores_nothing() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run_as(
        HANDLER_SXD,
        &["ingest", "--validate", &example_str("reports.csv")],
    )
    .failure();
    env.assert_only_refusal(&before, HANDLER_SXD);
}

const HEADER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";

/// A complete report line with this id, times, coordinates, media, address and name.
fn line(
    id: &str,
    submitted: &str,
    occurred: &str,
    place: (&str, &str, &str),
    media: &str,
    name: &str,
) -> String {
    let (lat, lon, address) = place;
    format!(
        "{id},{submitted},{occurred},Đèn đường trước nhà số 12 bị hư hai tuần nay,{media},{lat},{lon},{address},,{name},0912345678,0,1,0,\n"
    )
}

const HERE: (&str, &str, &str) = ("9.17", "105.15", "Số 12 đường Trần Phú");

/// An unset phone clock (1970) or a submission years ahead started a dispatch clock
/// decades overdue or in the future. Such rows are malformed: not stored, listed with line
/// and reason, stored once the file is fixed. An event after its report is warned about and
/// stored (docs/rules.md §6).
#[test]
fn impossible_submission_times_are_malformed_and_load_once_fixed() {
    let env = TestEnv::seeded();
    let good = "2026-10-04T08:00:00+07:00";
    let rows = [
        line(
            "IMP-1",
            "1970-01-01T07:00:00+07:00",
            "",
            HERE,
            "a.jpg",
            "Nguyễn Văn An",
        ),
        line(
            "IMP-2",
            "2099-01-01T08:00:00+07:00",
            "",
            HERE,
            "a.jpg",
            "Nguyễn Văn An",
        ),
        line(
            "IMP-3",
            good,
            "2026-10-20T08:00:00+07:00",
            HERE,
            "a.jpg",
            "Nguyễn Văn An",
        ),
        line(
            "IMP-4",
            good,
            "2026-10-04T07:00:00+07:00",
            HERE,
            "a.jpg",
            "Nguyễn Văn An",
        ),
    ];
    let file = env.dir().join("impossible.csv");
    std::fs::write(&file, format!("{HEADER}\n{}", rows.concat())).unwrap();
    let errors = env.dir().join("errors.csv");
    let run = ingest(
        &env,
        &["--errors", errors.to_str().unwrap(), file.to_str().unwrap()],
    );
    run.failure();
    let s = summary(&run);
    assert_eq!(s["stored"], 2, "{run}");
    assert_eq!(s["malformed"], 2, "{run}");
    assert_eq!(s["warnings"], 1, "{run}");
    let lines: Vec<u64> = array(&s["malformed_rows"])
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3]);
    assert_eq!(s["malformed_by_reason"]["impossible_time"], 2, "{run}");
    run.stderr_has("1970-01-01T07:00:00+07:00")
        .stderr_has("trước năm 2001")
        .stderr_has("2099-01-01T08:00:00+07:00")
        .stderr_has("muộn hơn lúc nạp")
        .stderr_has(":4: cảnh báo: occurred_at muộn hơn submitted_at");
    assert_eq!(stored_external_ids(&env), ["IMP-3", "IMP-4"]);
    let listed = std::fs::read_to_string(&errors).unwrap();
    assert!(listed.contains(",2,impossible_time,"), "{listed}");
    assert!(listed.contains(",3,impossible_time,"), "{listed}");
    assert!(
        listed.contains(",4,warning_occurred_after_submitted,"),
        "{listed}"
    );

    // Fixed by the operator and loaded again: only what was missing is stored.
    let fixed = rows
        .concat()
        .replace("1970-01-01T07:00:00+07:00", good)
        .replace("2099-01-01T08:00:00+07:00", good);
    std::fs::write(&file, format!("{HEADER}\n{fixed}")).unwrap();
    let run = ingest(&env, &[file.to_str().unwrap()]);
    run.success();
    let s = summary(&run);
    assert_eq!(
        (s["stored"].as_u64(), s["already_present"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE submitted_at < '2001'"),
        0
    );
}

/// (0, 0) from a phone without a GPS fix, a name that is a zero-width space, media
/// "N/A" or a zero-width space and an address "-" counted as given (Đ6.2–6.3).
#[test]
fn non_values_are_missing_at_validation() {
    let env = TestEnv::seeded();
    let submitted = "2026-10-04T08:00:00+07:00";
    let rows = [
        line(
            "NV-1",
            submitted,
            submitted,
            ("0", "0", "-"),
            "a.jpg",
            "Nguyễn Văn An",
        ),
        line("NV-2", submitted, submitted, HERE, "N/A", "\u{200B}"),
        line(
            "NV-3",
            submitted,
            submitted,
            HERE,
            "\u{200B}",
            "Nguyễn Văn An",
        ),
        line(
            "NV-4",
            submitted,
            submitted,
            ("0", "0", "Ấp 3"),
            "a.jpg",
            "Nguyễn Văn An",
        ),
    ];
    let file = env.dir().join("nothing.csv");
    std::fs::write(&file, format!("{HEADER}\n{}", rows.concat())).unwrap();
    ingest(&env, &["--validate", file.to_str().unwrap()]);
    let verdicts: Vec<(String, String, String)> = rows_as(
        &env.read_only(),
        "SELECT external_id, status, reject_reasons FROM reports ORDER BY id",
    );
    let expected = [
        ("NV-1", "rejected", "missing_location"),
        ("NV-2", "rejected", "missing_media,missing_name"),
        ("NV-3", "rejected", "missing_media"),
        ("NV-4", "accepted", ""),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(verdicts, expected);
}

/// Only the first 10 "outside Vietnam" warnings were printed, with no word of the
/// rest, and none went into the `--errors` file.
#[test]
fn warnings_beyond_the_first_ten_are_counted_and_all_go_to_the_errors_file() {
    let env = TestEnv::seeded();
    let submitted = "2026-10-04T08:00:00+07:00";
    let rows: String = (1..=12)
        .map(|i| {
            line(
                &format!("FAR-{i}"),
                submitted,
                submitted,
                ("48.85", "2.35", "Paris"),
                "a.jpg",
                "Nguyễn Văn An",
            )
        })
        .collect();
    let file = env.dir().join("far.csv");
    std::fs::write(&file, format!("{HEADER}\n{rows}")).unwrap();
    let errors = env.dir().join("errors.csv");
    let run = ingest(
        &env,
        &["--errors", errors.to_str().unwrap(), file.to_str().unwrap()],
    );
    run.success();
    assert_eq!(summary(&run)["warnings"], 12, "{run}");
    assert_eq!(
        run.stderr.matches("ngoài lãnh thổ Việt Nam").count(),
        10,
        "{run}"
    );
    run.stderr_has("còn 2 cảnh báo nữa không in ra (12 tất cả); danh sách đủ ở tệp --errors.");
    let listed = std::fs::read_to_string(&errors).unwrap();
    assert_eq!(
        listed.matches(",warning_outside_vietnam,").count(),
        12,
        "{listed}"
    );
}

/// An event dated by a phone clock never set (`occurred_at` of 1970) was stored without a
/// word, while the same date as `submitted_at` is malformed: it is warned about, stored
/// (no clock runs from it), and listed in `--errors` for reception to ask the reporter.
#[test]
fn an_event_dated_before_2001_is_warned_about_and_stored() {
    let env = TestEnv::seeded();
    let file = env.dir().join("epoch.csv");
    std::fs::write(
        &file,
        format!(
            "{HEADER}\n{}",
            line(
                "EPO-1",
                "2026-10-04T08:00:00+07:00",
                "1970-01-01T07:00:00+07:00",
                HERE,
                "a.jpg",
                "Nguyễn Văn An",
            )
        ),
    )
    .unwrap();
    let errors = env.dir().join("errors.csv");
    let run = ingest(
        &env,
        &["--errors", errors.to_str().unwrap(), file.to_str().unwrap()],
    );
    run.stderr_has(":2: cảnh báo: occurred_at trước năm 2001");
    assert_eq!(summary(&run)["warnings"], 1, "{run}");
    assert_eq!(stored_external_ids(&env), ["EPO-1"]);
    let listed = std::fs::read_to_string(&errors).unwrap();
    assert!(
        listed.contains(",2,warning_occurred_before_2001,"),
        "{listed}"
    );
}

/// The examples' reports copied into a folder whose path runs past half an 80-column line,
/// as an export saved where a file manager put it.
fn in_a_long_folder(env: &TestEnv) -> std::path::PathBuf {
    let folder = env
        .dir()
        .join("phan-anh-tu-ung-dung-di-dong-cua-tinh-thang-bay-nam-2026");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("bao-cao-thang-07.csv");
    std::fs::copy(example("reports.csv"), &file).unwrap();
    file
}

#[test]
fn at_80_columns_a_long_path_is_shortened_and_the_counts_and_numbers_stay() {
    let env = TestEnv::seeded();
    let file = in_a_long_folder(&env);
    let run = env.at_columns(80, &["--as", RECEPTION, "ingest", file.to_str().unwrap()]);
    run.success();
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?}\n{run}");
    }
    // What was stored, what failed, the numbers given, and which file (its name kept).
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("bao-cao-thang-07.csv"))
        .unwrap_or_else(|| panic!("the file's name is shown\n{run}"));
    assert!(row.contains('…'), "{run}");
    let cells: Vec<&str> = row
        .split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    // Stored, already present, malformed, warnings, first and last numbers: only the format
    // is left out.
    assert_eq!(cells[1..], ["340", "0", "0", "0", "1", "340"], "{run}");
}

/// A file in a dated folder at 80 columns lost the warnings column to keep
/// the first and last report numbers, and no closing line said that rows were stored with
/// warnings, as one says it of malformed rows.
#[test]
fn at_80_columns_the_warnings_count_stays_and_a_line_sums_the_warned_rows() {
    for (lang, summed, column, counts) in [
        (
            "vi",
            "1 dòng có cảnh báo, đã lưu; cần kiểm tra (xem ở trên).",
            "Cảnh báo",
            // Stored, already present, malformed, warnings.
            &["2", "0", "0", "1"][..],
        ),
        (
            "en",
            "1 record was stored with warnings, to be checked (listed above)",
            "Warnings",
            // Stored, already present, malformed, warnings: every count shows in English
            // too (this row had hidden "Already present").
            &["2", "0", "0", "1"][..],
        ),
    ] {
        let env = TestEnv::seeded();
        std::fs::create_dir_all(env.dir().join("incoming/2026-11-04")).unwrap();
        let path = "incoming/2026-11-04/camau-g-export.csv";
        std::fs::write(
            env.dir().join(path),
            format!(
                "{HEADER}\n\
                 W-1,2026-10-05T07:20:00+07:00,2026-10-05T07:00:00+07:00,Cống thoát nước bị nghẹt gây ngập đường,https://x/1.jpg,0,0,Số 10 Trần Hưng Đạo,Phường An Xuyên,Lê Văn Tám,0912345679,0,1,0,\n\
                 W-2,2026-10-05T07:25:00+07:00,2026-10-05T07:00:00+07:00,Đèn đường hỏng trước chợ,https://x/2.jpg,9.17,105.15,Số 12 đường Trần Phú,Phường An Xuyên,Lê Văn Tám,0912345679,0,1,0,\n"
            ),
        )
        .unwrap();
        let run = env.at_columns(80, &["--lang", lang, "--as", RECEPTION, "ingest", path]);
        run.success().stderr_has(summed);
        for line in run.stdout.lines() {
            assert!(line.chars().count() <= 80, "{line:?}\n{run}");
        }
        // The note of the narrow screen does not name the warnings among what it left out.
        let note = run.stdout.split_once('(').map_or("", |(_, note)| note);
        assert!(!note.contains(column), "{run}");
        let row = run
            .stdout
            .lines()
            .find(|l| l.contains("camau-g-export.csv"))
            .unwrap_or_else(|| panic!("the file's row\n{run}"));
        let cells: Vec<&str> = row
            .split(['│', '┆'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(cells[1..=counts.len()], *counts, "{run}");
    }
}

/// Every malformed and warned row of the JSON summary carries the code a
/// script matches on (`reason`, as in `--errors` and `malformed_by_reason`), the same in
/// both languages, and the text as `message`.
#[test]
fn json_rows_carry_the_reason_code_and_the_translated_message() {
    let env = TestEnv::seeded();
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let file = env.dir().join("err.csv");
    std::fs::write(
        &file,
        format!(
            "{header}\n\
             ERR-1,hôm qua,2026-10-05 07:00,Đường hư nặng,https://x/1.jpg,9.1,105.1,Số 1,Phường An Xuyên,Trần Văn A,0912345678,0,1,0,\n\
             ERR-2,2026-10-05T07:30:00+07:00,2026-10-05T07:00:00+07:00,Đường hư nặng đoạn gần chợ,https://x/2.jpg,35.6,139.7,Số 2,Phường An Xuyên,Trần Văn B,0912345679,0,1,0,\n"
        ),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    // Each language loads the file into a database of its own: loaded again, the warned row
    // is already stored, a no-op warned about by nobody.
    let english = TestEnv::seeded();
    let rows = |lang: &str| {
        let env = if lang == "en" { &english } else { &env };
        let run = env.run_as(
            RECEPTION,
            &["--lang", lang, "--format", "json", "ingest", path],
        );
        run.failure();
        let s = run.json()[0].clone();
        assert_eq!(s["malformed_by_reason"]["bad_time"], 1, "{run}");
        let row = |key: &str| s[key][0].clone();
        (row("malformed_rows"), row("warned_rows"))
    };
    let (bad_vi, warned_vi) = rows("vi");
    let (bad_en, warned_en) = rows("en");
    for bad in [&bad_vi, &bad_en] {
        assert_eq!(bad["reason"], "bad_time", "{bad}");
        assert_eq!(bad["line"], 2, "{bad}");
    }
    assert_eq!(
        warned_vi["reason"], "warning_outside_vietnam",
        "{warned_vi}"
    );
    assert_eq!(warned_vi["line"], 3, "{warned_vi}");
    let message = |row: &Value| row["message"].as_str().unwrap().to_owned();
    assert!(message(&bad_vi).contains("không đọc được thời gian “hôm qua”"));
    assert!(message(&bad_vi).contains("1900 đến 2199"), "{bad_vi}");
    assert!(message(&bad_en).contains("cannot read time \"hôm qua\""));
    assert!(message(&bad_en).contains("1900–2199"), "{bad_en}");
    assert!(
        message(&warned_vi).starts_with("cảnh báo: tọa độ"),
        "{warned_vi}"
    );
    assert_eq!(warned_en["reason"], warned_vi["reason"], "{warned_en}");
    assert!(
        message(&warned_en).starts_with("warning: coordinates"),
        "{warned_en}"
    );

    let errors = env.dir().join("e.csv");
    env.run_as(
        RECEPTION,
        &["ingest", path, "--errors", errors.to_str().unwrap()],
    )
    .failure();
    let written = std::fs::read_to_string(&errors).unwrap();
    assert!(written.contains(",2,bad_time,"), "{written}");
}

/// Yesterday's file loaded again printed each warned row's warning once
/// more ("…; vẫn lưu, cần kiểm tra", "stored, check…") though the row, already stored, was
/// not stored again: a repeat is a no-op, counted as already present and warned about by
/// nobody; a changed row is a conflict, and says only that.
#[test]
fn a_row_already_stored_is_not_warned_about_again_as_if_stored() {
    let env = TestEnv::seeded();
    let submitted = "2026-10-04T08:00:00+07:00";
    let far = line(
        "FAR-1",
        submitted,
        submitted,
        ("48.85", "2.35", "Paris"),
        "a.jpg",
        "Nguyễn Văn An",
    );
    let file = env.dir().join("hom-qua.csv");
    std::fs::write(&file, format!("{HEADER}\n{far}")).unwrap();
    let path = file.to_str().unwrap();
    let first = ingest(&env, &[path]);
    first
        .success()
        .stderr_has("ngoài lãnh thổ Việt Nam; vẫn lưu");
    assert_eq!(summary(&first)["warnings"], 1, "{first}");
    let before = env.fingerprint();
    for (lang, stored_words) in [("vi", "vẫn lưu"), ("en", "stored")] {
        let errors = env.dir().join(format!("errors-{lang}.csv"));
        let again = env.run_as(
            RECEPTION,
            &[
                "--lang",
                lang,
                "ingest",
                "--format",
                "json",
                "--errors",
                errors.to_str().unwrap(),
                path,
            ],
        );
        again.success();
        let s = summary(&again);
        assert_eq!(s["stored"], 0, "{again}");
        assert_eq!(s["already_present"], 1, "{again}");
        assert_eq!(s["warnings"], 0, "{again}");
        assert!(!again.stderr.contains(stored_words), "{again}");
        assert!(!again.stderr.contains("48.85"), "{again}");
        let listed = std::fs::read_to_string(&errors).unwrap();
        assert!(!listed.contains("warning_"), "{listed}");
    }
    env.assert_unchanged(&before);
    // With other content it is a conflict: refused, and not said to be stored.
    let changed = far.replace("bị hư hai tuần nay", "đã sửa xong");
    std::fs::write(&file, format!("{HEADER}\n{changed}")).unwrap();
    let conflict = ingest(&env, &[path]);
    conflict.failure();
    assert_eq!(summary(&conflict)["malformed_by_reason"]["conflict"], 1);
    assert_eq!(summary(&conflict)["warnings"], 0, "{conflict}");
    assert!(!conflict.stderr.contains("vẫn lưu"), "{conflict}");
}

/// At 80 columns the English summary of a file loaded again hid
/// "Already present", the one count that says why nothing was stored; every count shows,
/// the report numbers go first.
#[test]
fn every_count_of_the_ingest_summary_shows_at_80_columns() {
    let env = TestEnv::ingested();
    let folder = env.dir().join("exports-from-the-app");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("reports-of-the-week.csv");
    std::fs::copy(example("reports.csv"), &file).unwrap();
    for (lang, headers) in [
        ("en", ["Stored", "Already", "Malformed", "Warnings"]),
        ("vi", ["Đã", "Lỗi", "Cảnh", "có"]),
    ] {
        let run = env.at_columns(
            80,
            &[
                "--lang",
                lang,
                "--as",
                RECEPTION,
                "ingest",
                file.to_str().unwrap(),
            ],
        );
        run.success();
        // In the table itself: the note under it names the columns it hid.
        let table: String = run
            .stdout
            .lines()
            .filter(|l| l.starts_with('│'))
            .collect::<Vec<_>>()
            .join("\n");
        for header in headers {
            assert!(table.contains(header), "{header} missing\n{run}");
        }
        assert!(table.contains("340"), "{run}");
        assert!(run.stdout.lines().all(|l| l.chars().count() <= 80), "{run}");
    }
}

/// On an 80-column terminal the ingest's progress bar (the path, a bar of
/// 40, the bytes, the rate and the time left) ran to some 130 columns: the terminal broke
/// it over two rows, which the bar then cleared and drew again at every tick. Each drawing
/// of it now fits one row, the path shortened at its start and the file's name kept.
#[test]
fn the_ingest_progress_bar_fits_one_row_of_an_80_column_terminal() {
    use unicode_width::UnicodeWidthStr;
    let env = TestEnv::seeded();
    let file = in_a_long_folder(&env);
    let output = env.ingest_at_a_terminal(&file);
    let drawings = crate::terminal::drawings(&output, "bao-cao-thang-07.csv [");
    assert!(!drawings.is_empty(), "no bar drawn:\n{output:?}");
    for bar in &drawings {
        assert!(
            UnicodeWidthStr::width(bar.as_str()) <= 80,
            "{} columns: {bar:?}",
            UnicodeWidthStr::width(bar.as_str())
        );
        // A byte rate fits its room at any speed: it is always drawn.
        assert!(
            bar.contains("/giây, còn "),
            "the rate and the time left: {bar:?}"
        );
    }
}

/// The app's export holds every reporter's name and phone in clear. `ingest` read a
/// file every account could read without a word, where a key so left is refused: the
/// encryption at rest protected the database while the same identities sat readable in the
/// reception's folder. It now says so, one line naming the file and its mode, never what
/// the file holds; a file of the owner's only is read without it.
#[test]
fn an_input_file_other_accounts_may_read_is_said_without_its_content() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::seeded();
    let text = examples_with_phones(&["0912 345 678"]);
    let shared = env.write_file("app-export.csv", &text);
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "ingest", shared.to_str().unwrap()],
    );
    run.success()
        .stderr_has(&format!(
            "warning: the input file {} (mode 0644) can be read by its group or other accounts",
            shared.display()
        ))
        .stderr_has(
            "keep it in a folder only the service account enters, and destroy it once ingested",
        )
        .never_shows("0912 345 678");
    let names: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| r.unwrap()["reporter_name"].clone())
        .collect();
    for name in &names {
        assert!(!run.stderr.contains(name.as_str()), "{run}");
    }
    let group = env.write_file("nhom.csv", &text);
    std::fs::set_permissions(&group, std::fs::Permissions::from_mode(0o640)).unwrap();
    env.run_as(RECEPTION, &["ingest", group.to_str().unwrap()])
        .success()
        .stderr_has("(quyền 0640) cho nhóm hoặc tài khoản khác đọc được");

    let private = env.write_file("rieng.csv", &text);
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.run_as(RECEPTION, &["ingest", private.to_str().unwrap()])
        .success()
        .never_shows("đọc được");
}
