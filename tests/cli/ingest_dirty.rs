//! `ingest` of dirty files (a reviewer's findings): the `--errors` file is private and never
//! an input; a header (or a JSON file none of whose records carries a key) that would
//! decide every report's reception check, or a header that repeats a column, is refused
//! before anything is stored, and header names match in any case; a run
//! of several files stores nothing when one cannot be loaded; an id stored with other
//! content is a conflict, never silently dropped, and an id with an invisible character is
//! refused; line numbers are the lines an editor shows for CRLF and CR files; only a quote
//! the parser left open makes the last record unclosed.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::common::*;

/// `ingest ARGS --format json` as reception.
fn ingest(env: &TestEnv, args: &[&str]) -> Run {
    let mut all = vec!["ingest", "--format", "json"];
    all.extend_from_slice(args);
    env.run_as(RECEPTION, &all)
}

/// The header and the given data lines (1-based, header = line 1) of examples/reports.csv.
fn reports_lines(lines: &[usize]) -> Vec<String> {
    let text = std::fs::read_to_string(example("reports.csv")).unwrap();
    let all: Vec<&str> = text.lines().collect();
    let mut out = vec![all[0].to_owned()];
    out.extend(lines.iter().map(|&l| all[l - 1].to_owned()));
    out
}

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.dir().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The rows of an `--errors` file, header left out.
fn errors_rows(path: &str) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn stored(env: &TestEnv) -> i64 {
    env.count("SELECT count(*) FROM reports")
}

// --- 1. the --errors file ---

#[test]
fn the_errors_file_may_not_be_an_input_and_the_input_is_left_whole() {
    let env = TestEnv::seeded();
    let export = env.dir().join("export.csv");
    std::fs::copy(example("reports.csv"), &export).unwrap();
    let export = export.to_str().unwrap();
    let before = std::fs::read(export).unwrap();
    let db = env.fingerprint();
    // The same file, and the same file by another name (a hard link).
    let other = env.dir().join("cung-tep.csv");
    std::fs::hard_link(export, &other).unwrap();
    for errors in [export, other.to_str().unwrap()] {
        env.run_as(RECEPTION, &["ingest", "--errors", errors, export])
            .failure()
            .one_line_error()
            .stderr_has("--errors")
            .stderr_has("là một trong các tệp cần nạp")
            .stderr_has("chọn tên khác");
        assert_eq!(
            std::fs::read(export).unwrap(),
            before,
            "the export is whole"
        );
    }
    env.assert_unchanged(&db);
}

#[test]
fn the_errors_file_is_new_private_and_never_written_through_a_link() {
    let env = TestEnv::seeded();
    let bad = example_str("bad/bad-time.csv");
    // A link planted at the name: refused, nothing created where it points.
    let target = env.dir().join("elsewhere.csv");
    let link = env.dir().join("loi.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let db = env.fingerprint();
    env.run_as(
        RECEPTION,
        &["ingest", "--errors", link.to_str().unwrap(), &bad],
    )
    .failure()
    .stderr_has("symlink");
    assert!(!target.exists(), "nothing written through the link");
    env.assert_unchanged(&db);
    // An existing file is refused and left as it was.
    let existing = write(&env, "cu.csv", "giữ nguyên\n");
    env.run_as(RECEPTION, &["ingest", "--errors", &existing, &bad])
        .failure()
        .stderr_has("chọn tên khác");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "giữ nguyên\n");
    env.assert_unchanged(&db);
    // A new one is made 0600: its messages quote what the file said.
    let fresh = env.dir().join("moi.csv");
    env.run_as(
        RECEPTION,
        &["ingest", "--errors", fresh.to_str().unwrap(), &bad],
    )
    .code(1);
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(errors_rows(fresh.to_str().unwrap()).len(), 3);
}

// --- 2. headers ---

/// examples/reports.csv lines 2..=6 without the named columns.
fn without_columns(drop: &[&str]) -> String {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| !drop.contains(&&headers[i]))
        .collect();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(keep.iter().map(|&i| &headers[i])).unwrap();
    for record in reader.records().take(5) {
        let record = record.unwrap();
        out.write_record(keep.iter().map(|&i| &record[i])).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

#[test]
fn a_header_without_a_column_the_reception_check_reads_is_refused_naming_it() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    for (drop, named) in [
        (&["reporter_phone"][..], "reporter_phone"),
        (&["reporter_name"], "reporter_name"),
        (&["content"], "content"),
        (&["media"], "media"),
        (&["occurred_at"], "occurred_at"),
        (&["confidential"], "confidential"),
        (
            &["address", "commune", "longitude"],
            "address|commune|latitude+longitude",
        ),
    ] {
        let path = write(&env, "thieu.csv", &without_columns(drop));
        env.run_as(RECEPTION, &["ingest", "--validate", &path])
            .failure()
            .one_line_error()
            .stderr_has(named)
            .stderr_has("Không nạp gì");
        env.assert_unchanged(&before);
    }
    // Any one place is enough, and the columns that decide nothing may be left out; not
    // `confidential`, whose absence would publish every report (Đ9.2).
    for drop in [
        &["address", "commune"][..],
        &["latitude", "longitude", "commune"],
        &["consent", "urgent", "category_hint"],
    ] {
        let env = TestEnv::seeded();
        let path = write(&env, "du.csv", &without_columns(drop));
        ingest(&env, &["--validate", &path]).success();
        assert_eq!(stored(&env), 5);
    }
}

#[test]
fn a_header_that_repeats_a_column_is_refused_naming_it() {
    let env = TestEnv::seeded();
    let mut lines = reports_lines(&[2, 3]);
    lines[0].push_str(",Reporter_Phone");
    lines[1].push_str(",0912345678");
    lines[2].push_str(",0912345678");
    let path = write(&env, "hai-cot.csv", &(lines.join("\n") + "\n"));
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["ingest", &path])
        .failure()
        .one_line_error()
        .stderr_has("reporter_phone")
        .stderr_has("hai lần");
    env.assert_unchanged(&before);
}

#[test]
fn header_names_match_in_any_case() {
    let env = TestEnv::seeded();
    let mut lines = reports_lines(&[2, 3]);
    lines[0] = lines[0].to_uppercase();
    let path = write(&env, "hoa.csv", &(lines.join("\n") + "\n"));
    let run = ingest(&env, &[&path]);
    run.success();
    assert!(!run.stderr.contains("unknown") && !run.stderr.contains("không biết"));
    assert_eq!(env.status_of("ext:CMG-2026-000102"), "received");
    assert_eq!(
        env.show("ext:CMG-2026-000102")["commune"],
        "Xã Tạ An Khương"
    );
}

/// One of the app's JSON records, with `drop`'s keys left out and `extra` added.
fn json_record(id: &str, drop: &[&str], extra: &str) -> String {
    let mut record = serde_json::json!({
        "external_id": id,
        "submitted_at": "2026-09-07T09:00:00+07:00",
        "occurred_at": "2026-09-07T08:30:00+07:00",
        "content": "Cống bị nghẹt trước nhà văn hóa khóm 1, nước tràn lên đường.",
        "media": ["https://x.vn/e.jpg"],
        "latitude": 9.18,
        "longitude": 105.15,
        "address": "Khóm 1",
        "commune": "Phường An Xuyên",
        "reporter_name": "Lê Văn Mười",
        "reporter_phone": "0912345671",
        "confidential": false,
        "consent": true
    });
    let object = record.as_object_mut().unwrap();
    for key in drop {
        object.remove(*key);
    }
    let text = record.to_string();
    if extra.is_empty() {
        text
    } else {
        format!("{},{extra}}}", &text[..text.len() - 1])
    }
}

/// A JSON Lines export in which no record had `occurred_at` was stored whole, then each
/// report rejected for good by `validate` (Đ6.2), while the same data as CSV is refused up
/// front. The app's JSON formats now get the CSV's guard: a file none of whose records
/// (of those that would be stored) carries a key the reception check needs is refused
/// before anything of the run is stored, in each language; a file where only some records
/// lack it, or that carries it as null, is read record by record as before.
#[test]
fn a_json_file_none_of_whose_records_carries_a_needed_key_is_refused_before_anything_is_stored() {
    let env = TestEnv::seeded();
    let nokey = [
        json_record("CMG-2026-100041", &["occurred_at"], ""),
        json_record("CMG-2026-100042", &["occurred_at", "media"], ""),
    ]
    .join("\n");
    let nokey = write(&env, "nokey.jsonl", &nokey);
    let good = write(&env, "mon.csv", &(reports_lines(&[2, 3]).join("\n") + "\n"));
    let errors = env.dir().join("loi.csv");
    let errors = errors.to_str().unwrap();
    let before = env.fingerprint();
    let run = env.run_as(RECEPTION, &["ingest", "--errors", errors, &good, &nokey]);
    run.failure()
        .stderr_has("nokey.jsonl: không bản ghi nào có khóa occurred_at: thiếu chúng thì bước tiếp nhận (Điều 6) từ chối mọi phản ánh của tệp")
        .stderr_has("Không nạp gì từ tệp này; hãy xuất lại tệp với đủ các khóa")
        .stderr_has("1/2 tệp không nạp được");
    env.assert_unchanged(&before);
    assert_eq!(errors_rows(errors)[0][2], "missing_keys");
    // A JSON array, in English: each need named.
    let listed = format!(
        "[{}]",
        json_record("CMG-2026-100051", &["content", "reporter_phone"], "")
    );
    let listed = write(&env, "nokey.json", &listed);
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &listed])
        .failure()
        .stderr_has("nokey.json: no record has the key content, reporter_phone: without them the reception check (Article 6) rejects every report of the file")
        .stderr_has("Nothing was loaded from this file");
    env.assert_unchanged(&before);
    // Some records without the key, or all with it null: read record by record.
    let some = [
        json_record("CMG-2026-100061", &["occurred_at"], ""),
        json_record("CMG-2026-100062", &[], ""),
    ]
    .join("\n");
    let some = write(&env, "some.jsonl", &some);
    let nulls = json_record("CMG-2026-100071", &["occurred_at"], r#""occurred_at":null"#);
    let nulls = write(&env, "nulls.jsonl", &nulls);
    let run = ingest(&env, &[&some, &nulls]);
    run.success();
    let stored_now: Vec<i64> = array(&run.json())
        .iter()
        .map(|s| s["stored"].as_i64().unwrap())
        .collect();
    assert_eq!(stored_now, [2, 1]);
}

/// `ingest /dev/stdin` as reception, `text` written to it through a pipe.
fn ingest_piped(env: &TestEnv, lang: &str, format: &str, text: &str) -> (Option<i32>, String) {
    use std::io::Write;
    let mut cmd = env.command();
    cmd.args([
        "--lang",
        lang,
        "--as",
        RECEPTION,
        "ingest",
        "/dev/stdin",
        "--input-format",
        format,
    ])
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = text.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A pipe is read once, so it cannot be scanned before it loads: its records are held
/// until each needed key has been seen, and it is refused, nothing stored, when no record
/// carries one (or none of the first 256); a key seen in a later record lets it load.
#[test]
fn a_json_pipe_none_of_whose_records_carries_a_needed_key_stores_nothing() {
    let env = TestEnv::seeded();
    let nokey = [
        json_record("CMG-2026-100041", &["occurred_at"], ""),
        json_record("CMG-2026-100042", &["occurred_at"], ""),
    ]
    .join("\n");
    let (code, stderr) = ingest_piped(&env, "vi", "jsonl", &nokey);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("/dev/stdin: không bản ghi nào có khóa occurred_at"),
        "{stderr}"
    );
    assert_eq!(stored(&env), 0);
    let many: Vec<String> = (0..257)
        .map(|i| json_record(&format!("CMG-2026-2{i:05}"), &["media"], ""))
        .collect();
    let (code, stderr) = ingest_piped(&env, "en", "jsonl", &many.join("\n"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("/dev/stdin: none of the first 256 records has the key media"),
        "{stderr}"
    );
    assert_eq!(stored(&env), 0);
    // The key in the second record: both stored, in order.
    let later = format!(
        "[{},{}]",
        json_record("CMG-2026-100061", &["occurred_at"], ""),
        json_record("CMG-2026-100062", &[], "")
    );
    let (code, stderr) = ingest_piped(&env, "vi", "json", &later);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(env.id_of("CMG-2026-100061") < env.id_of("CMG-2026-100062"));
}

// --- 3. several files ---

#[test]
fn a_run_with_a_file_that_cannot_be_loaded_stores_nothing_and_names_every_such_file() {
    let env = TestEnv::seeded();
    let monday = write(&env, "mon.csv", &(reports_lines(&[2, 3]).join("\n") + "\n"));
    let mut tuesday = reports_lines(&[4, 5]);
    tuesday[0] = tuesday[0].replace(",content,", ",noi_dung,");
    let tuesday = write(&env, "tue.csv", &(tuesday.join("\n") + "\n"));
    let missing = env.dir().join("wed.csv");
    let missing = missing.to_str().unwrap();
    let thursday = write(&env, "thu.csv", &(reports_lines(&[6]).join("\n") + "\n"));
    let errors = env.dir().join("loi.csv");
    let errors = errors.to_str().unwrap();
    let before = env.fingerprint();
    let run = env.run_as(
        RECEPTION,
        &[
            "ingest", "--errors", errors, &monday, &tuesday, missing, &thursday,
        ],
    );
    run.failure()
        .stderr_has("tue.csv: thiếu cột content")
        .stderr_has("wed.csv")
        .stderr_has("2/4 tệp không nạp được");
    env.assert_unchanged(&before);
    let rows = errors_rows(errors);
    let listed: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        listed,
        [(tuesday.as_str(), "bad_header"), (missing, "cannot_open")]
    );
    // Without the bad files the others load.
    ingest(&env, &[&monday, &thursday]).success();
    assert_eq!(stored(&env), 3);
}

// --- 4. ids already stored ---

/// Reporters' names and phones of examples/reports.csv lines 2..=3.
fn identities_of_first_rows() -> Secrets {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut secrets = Vec::new();
    for record in reader.records().take(2) {
        let record = record.unwrap();
        secrets.push(record[at("reporter_name")].to_owned());
        secrets.push(record[at("reporter_phone")].to_owned());
    }
    Secrets::new(secrets)
}

#[test]
fn a_stored_id_with_other_content_is_a_conflict_listed_without_the_identity() {
    let env = TestEnv::seeded();
    let first = reports_lines(&[2]);
    let a = write(&env, "a.csv", &(first.join("\n") + "\n"));
    // Line 2 reuses 000101 for 000102's report; line 3 repeats 000101 as it was.
    let mut b = reports_lines(&[3]);
    b[1] = b[1].replacen("CMG-2026-000102", "CMG-2026-000101", 1);
    b.push(first[1].clone());
    let b = write(&env, "b.csv", &(b.join("\n") + "\n"));
    let errors = env.dir().join("loi.csv");
    let errors = errors.to_str().unwrap();
    let original = env
        .run_as(RECEPTION, &["ingest", &a])
        .success()
        .stdout
        .clone();
    assert!(!original.is_empty());
    let kept = env.show("ext:CMG-2026-000101");
    let run = ingest(&env, &["--errors", errors, &b]);
    run.failure()
        .stderr_has("b.csv:2: mã CMG-2026-000101 đã có")
        .never_shows_any(&identities_of_first_rows());
    let s = &run.json()[0];
    assert_eq!(s["already_present"], 1, "{run}");
    assert_eq!(s["malformed"], 1, "{run}");
    assert_eq!(s["malformed_by_reason"]["conflict"], 1, "{run}");
    assert_eq!(s["malformed_rows"][0]["line"], 2, "{run}");
    let rows = errors_rows(errors);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (&rows[0][0], &rows[0][1], &rows[0][2]),
        (&b, &"2".to_owned(), &"conflict".to_owned())
    );
    // The differing columns are named, but never the identity's: whether a typed name or
    // phone is a stored report's would be an oracle for guesses (see the test below).
    assert!(rows[0][3].contains("CMG-2026-000101") && rows[0][3].contains("content"));
    assert!(!rows[0][3].contains("reporter_"), "{}", rows[0][3]);
    let listed = std::fs::read_to_string(errors).unwrap();
    assert_eq!(
        identities_of_first_rows().first_in(&listed),
        None,
        "{listed}"
    );
    assert_eq!(stored(&env), 1);
    assert_eq!(env.show("ext:CMG-2026-000101"), kept);
}

#[test]
fn the_same_id_twice_in_one_file_with_other_content_is_a_conflict() {
    let env = TestEnv::seeded();
    let mut lines = reports_lines(&[2, 3]);
    lines.push(lines[2].replacen(",\"Xin chào! ", ",\"Kính chào! ", 1));
    assert_ne!(lines[3], lines[2]);
    let path = write(&env, "mot-tep.csv", &(lines.join("\n") + "\n"));
    let run = ingest(&env, &[&path]);
    run.failure().stderr_has(":4: mã CMG-2026-000102 đã có");
    let s = &run.json()[0];
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(
        s["malformed_rows"][0]["message"]
            .as_str()
            .unwrap()
            .contains("differs in content;")
            || s["malformed_rows"][0]["message"]
                .as_str()
                .unwrap()
                .contains("khác ở cột content;"),
        "{run}"
    );
}

#[test]
fn what_the_workflow_changed_since_is_no_conflict() {
    let env = TestEnv::validated();
    let id = env.id_of("CMG-2026-000105").to_string();
    env.run_as(RECEPTION, &["classify", &id, "--field", "GT"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "SXD", "--urgent"])
        .success();
    assert_eq!(env.show(&id)["urgent"], true);
    env.run_as(ADMIN, &["erase", &id, "--reason", "Người phản ánh yêu cầu"])
        .success();
    let run = ingest(&env, &[&example_str("reports.csv")]);
    run.success();
    assert_eq!(run.json()[0]["already_present"], EXAMPLE_REPORTS, "{run}");
}

#[test]
fn an_id_with_an_invisible_character_is_refused_not_stored_twice() {
    let env = TestEnv::seeded();
    let path = write(&env, "a.csv", &(reports_lines(&[2]).join("\n") + "\n"));
    ingest(&env, &[&path]).success();
    for (mark, code) in [
        ("\u{200b}", "U+200B"),
        ("\u{feff}", "U+FEFF"),
        ("\u{a0}", "U+00A0"),
    ] {
        let mut lines = reports_lines(&[2]);
        lines[1] = lines[1].replacen("CMG-2026-000101", &format!("CMG-2026-{mark}000101"), 1);
        let path = write(&env, "b.csv", &(lines.join("\n") + "\n"));
        let run = ingest(&env, &[&path]);
        run.failure().stderr_has(code);
        assert_eq!(run.json()[0]["malformed_by_reason"]["bad_id"], 1, "{run}");
        assert_eq!(stored(&env), 1, "{mark:?}");
    }
}

// --- 5. line numbers ---

/// The malformed lines of an `ingest --format json` run.
fn malformed_lines(run: &Run) -> Vec<u64> {
    array(&run.json()[0]["malformed_rows"])
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn crlf_and_cr_files_name_the_lines_an_editor_shows() {
    // bad-time.csv: unreadable times on lines 4, 6 and 8; the good rows on 2, 3, 5, 7, 9.
    let text = std::fs::read_to_string(example("bad/bad-time.csv")).unwrap();
    assert_eq!(text.lines().count(), 9);
    for (end, name) in [("\r\n", "crlf.csv"), ("\r", "cr.csv"), ("\n", "lf.csv")] {
        let env = TestEnv::seeded();
        let path = write(
            &env,
            name,
            &text
                .lines()
                .map(|l| format!("{l}{end}"))
                .collect::<String>(),
        );
        let run = ingest(&env, &[&path]);
        run.failure().stderr_has(&format!("{name}:4: "));
        assert_eq!(malformed_lines(&run), [4, 6, 8], "{name}\n{run}");
        let arrived: Vec<i64> = env.column(
            "SELECT json_extract(e.payload, '$.line') FROM events e
              WHERE e.action = 'ingest' ORDER BY e.id",
        );
        assert_eq!(arrived, [2, 3, 5, 7, 9], "{name}");
    }
}

#[test]
fn reference_imports_of_crlf_files_name_the_lines_an_editor_shows() {
    let env = TestEnv::seeded();
    let staff = write(
        &env,
        "staff.csv",
        "username,name,role,agency\r\nmoi.mot,Một,reception,\r\n\r\nmoi.hai,,reception,\r\n",
    );
    env.run_as(ADMIN, &["staff", "import", &staff])
        .failure()
        .stderr_has("staff.csv:4: cột name để trống");
    env.run_as(ADMIN, &["--lang", "en", "staff", "import", &staff])
        .failure()
        .stderr_has("staff.csv:4: name is empty");
    let calendar = write(
        &env,
        "lich.csv",
        "date,weekday,type,occasion,source\r\n2026-12-31,,off,Nghỉ,QĐ\r\n2026-13-01,,off,Sai,QĐ\r\n",
    );
    env.run_as(ADMIN, &["calendar", "import", &calendar])
        .failure()
        .stderr_has("lich.csv:3: ");
}

// --- 6. quotes ---

#[test]
fn a_stray_quote_earlier_does_not_refuse_a_good_last_record() {
    let mut lines = reports_lines(&[2, 3]);
    // A quote inside an unquoted field is a plain character, not an opening one.
    lines[1] = lines[1].replacen(",Phường Bạc Liêu,", ",Phường Bạc \"Liêu,", 1);
    assert!(lines[1].contains("Bạc \"Liêu"));
    for end in ["\n", ""] {
        let env = TestEnv::seeded();
        let path = write(&env, "le.csv", &(lines.join("\n") + end));
        let run = ingest(&env, &[&path]);
        run.success();
        assert_eq!(run.json()[0]["stored"], 2, "{end:?}\n{run}");
    }
}

#[test]
fn an_unclosed_quote_names_the_line_it_opened_on() {
    let env = TestEnv::seeded();
    let mut lines = reports_lines(&[2, 3]);
    // The last record (line 3) has a closed quoted field over two lines, then opens a
    // quote on line 4 and the file ends.
    let cut = lines[2].find(",\"").unwrap();
    lines[2].truncate(cut);
    lines[2].push_str(",\"Cột điện\nbị \"\"nứt\"\" chân\",\"lộ cả");
    let path = write(&env, "cat.csv", &lines.join("\n"));
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("cat.csv:3: ")
        .stderr_has("mở ở dòng 4");
    let s: Value = run.json()[0].clone();
    assert_eq!(s["malformed_by_reason"]["unclosed_quote"], 1, "{run}");
    assert_eq!(s["stored"], 1);
}

/// Columns in any order, `content` last, as another release of the app writes them.
const CONTENT_LAST: &str = "external_id,submitted_at,occurred_at,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint,content";

/// A report in `CONTENT_LAST`'s order.
fn content_last_row(id: &str, minute: u32, content: &str) -> String {
    format!(
        "{id},2026-09-02T08:{minute:02}:00+07:00,2026-09-02T07:00:00+07:00,https://x.vn/{id}.jpg,9.2,105.2,Số 2 đường Trần Phú,Phường An Xuyên,Trần Văn Tư,0912345679,0,1,0,,{content}"
    )
}

/// A CSV cut short inside its last column (an interrupted download, no line end after
/// it) was stored silently with the citizen's text cut ("… mưa xuống l"), and loading the
/// whole file after could not mend it: a conflict, "khác ở cột content". The missing line
/// end is the one sign such a cut leaves: that record is not stored, said with how to load
/// it, and the whole file then stores it whole.
#[test]
fn a_last_line_cut_short_in_its_last_column_waits_for_the_whole_file() {
    let env = TestEnv::seeded();
    // Unquoted, as a writer leaves a cell without a comma: no quote is left open by a cut.
    let whole = "Cống thoát nước ở ấp 3 bị tắc mưa xuống là ngập sâu";
    let rows = [
        CONTENT_LAST.to_owned(),
        content_last_row("CT-1", 1, "Đường ở khóm 4 bị sụt lún nhiều ổ gà lớn"),
        content_last_row("CT-2", 2, whole),
    ];
    let text = rows.join("\n") + "\n";
    let cut = &text[..text.find("xuống l").unwrap() + "xuống l".len()];
    let path = write(&env, "cut.csv", cut);
    let errors = env.dir().join("loi.csv");
    let run = ingest(&env, &["--errors", errors.to_str().unwrap(), &path]);
    run.failure()
        .stderr_has(
            "cut.csv:3: dòng cuối tệp không kết thúc bằng dấu xuống dòng mà ô cuối (cột content) có chữ: tệp có thể đã bị cắt giữa chừng",
        )
        .stderr_has("1 dòng cuối tệp không có dấu xuống dòng nên có thể đã bị cắt, chưa lưu (xem ở trên): hãy lấy lại tệp đầy đủ")
        .stderr_has("thêm một dấu xuống dòng vào cuối tệp");
    // Its own next step, not "sửa tệp rồi nạp lại".
    assert!(!run.stderr.contains("sửa tệp"), "{run}");
    let s = &run.json()[0];
    assert_eq!(
        (&s["stored"], &s["malformed"]),
        (&Value::from(1), &Value::from(1)),
        "{run}"
    );
    assert_eq!(s["malformed_by_reason"]["cut_last_line"], 1, "{run}");
    let listed = errors_rows(errors.to_str().unwrap());
    assert_eq!(
        (listed[0][1].as_str(), listed[0][2].as_str()),
        ("3", "cut_last_line")
    );
    assert_eq!(stored(&env), 1);
    // The whole file stores it, whole.
    let path = write(&env, "full.csv", &text);
    let run = ingest(&env, &[&path]);
    run.success();
    assert_eq!(run.json()[0]["stored"], 1, "{run}");
    assert_eq!(env.show("ext:CT-2")["content"], whole);
    env.run_as(
        RECEPTION,
        &["--lang", "en", "ingest", &write(&env, "cut2.csv", cut)],
    )
    .failure()
    .stderr_has(
        "the file's last line has no line end and its last cell (column content) holds text",
    )
    .stderr_has("1 last line at the end of a file without a line end");
}

/// A CSV cut short before its last cells (fewer fields than the header, no line end) was
/// said as a field count, "sửa tệp rồi nạp lại", which invited padding a report that was
/// cut: it is said as the cut it is, with how to load it.
#[test]
fn a_last_line_cut_before_its_last_cells_is_said_cut() {
    let env = TestEnv::seeded();
    let rows = [
        JOINED_HEADER.to_owned(),
        secret_row("CF-1", 1),
        secret_row("CF-2", 2),
    ];
    let text = rows.join("\n");
    let cut = &text[..text.rfind(",Nguyễn Văn Hùng,0912345678,1,0,0,").unwrap() + 3];
    let path = write(&env, "cutf.csv", cut);
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("cutf.csv:3: dòng cuối tệp không kết thúc bằng dấu xuống dòng và chỉ có 10 trong 15 trường")
        .stderr_has("1 dòng cuối tệp không có dấu xuống dòng nên có thể đã bị cắt");
    assert!(!run.stderr.contains("sửa tệp"), "{run}");
    assert_eq!(
        run.json()[0]["malformed_by_reason"]["cut_last_line"],
        1,
        "{run}"
    );
    // The same short row followed by a line end is no cut: a field count, as before.
    let path = write(&env, "short.csv", &format!("{cut}\n"));
    let run = ingest(&env, &[&path]);
    run.failure();
    assert_eq!(
        run.json()[0]["malformed_by_reason"]["field_count"],
        1,
        "{run}"
    );
}

/// Files that end without a line break and lose nothing by it load whole, as before: the
/// app's order (the category hint last, empty or not), a yes/no last, an empty last cell,
/// a column phananh does not read last, and a text last whose quotes the file's last byte
/// closes (a cut inside it would leave them open).
#[test]
fn a_file_without_a_last_line_end_that_loses_nothing_loads_whole() {
    let hinted = secret_row("N-2", 2).replacen(",1,0,0,", ",1,0,0,Giao thông", 1);
    let urgent_last = CONTENT_LAST.replace(
        ",urgent,category_hint,content",
        ",category_hint,content,urgent",
    );
    let files = [
        vec![
            JOINED_HEADER.to_owned(),
            secret_row("N-1", 1),
            secret_row("N-2", 2),
        ],
        vec![JOINED_HEADER.to_owned(), secret_row("N-1", 1), hinted],
        vec![
            urgent_last,
            content_last_row("N-1", 1, "Đèn đường hỏng").replacen(
                ",0,,Đèn đường hỏng",
                ",,Đèn đường hỏng,0",
                1,
            ),
            content_last_row("N-2", 2, "Rác thải ùn ứ").replacen(
                ",0,,Rác thải ùn ứ",
                ",,Rác thải ùn ứ,1",
                1,
            ),
        ],
        vec![
            CONTENT_LAST.to_owned() + ",ghi_chu",
            content_last_row("N-1", 1, "Đèn đường hỏng") + ",x",
            content_last_row("N-2", 2, "Rác thải ùn ứ") + ",đã xem",
        ],
        vec![
            CONTENT_LAST.to_owned(),
            content_last_row("N-1", 1, "Đèn đường hỏng"),
            content_last_row("N-2", 2, "\"Rác thải ùn ứ, bốc mùi \"\"nặng\"\"\""),
        ],
    ];
    for lines in files {
        let env = TestEnv::seeded();
        let path = write(&env, "het.csv", &lines.join("\n"));
        let run = ingest(&env, &[&path]);
        run.success();
        assert_eq!(run.json()[0]["stored"], 2, "{}\n{run}", lines[0]);
        assert!(!run.stderr.contains("xuống dòng"), "{run}");
    }
}

/// A header with a known column's name mistyped ("confidental") would load every report
/// without that column: here the confidential flag (Đ9.2), so the reports could be made
/// public. Refused, naming the column meant, with nothing stored.
#[test]
fn a_mistyped_known_column_is_refused_naming_the_one_meant() {
    let env = TestEnv::seeded();
    let mut lines = reports_lines(&[2, 3]);
    lines[0] = lines[0].replace("confidential", "confidental");
    assert!(lines[0].contains("confidental"), "{}", lines[0]);
    let path = write(&env, "sai-ten.csv", &(lines.join("\n") + "\n"));
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &path])
        .failure()
        .one_line_error()
        .stderr_has("\"confidental\" → confidential")
        .stderr_has("Nothing was loaded");
    env.assert_unchanged(&before);
}

/// Ingest must not answer "is this the reporter?": a record that repeats a stored report
/// with a guessed name or phone reads as already present whether the guess is right or
/// wrong, and nothing is revealed without a logged reason.
#[test]
fn a_guessed_identity_under_a_stored_id_tells_nothing() {
    let env = TestEnv::seeded();
    let lines = reports_lines(&[2]);
    let same = write(&env, "same.csv", &(lines.join("\n") + "\n"));
    env.run_as(RECEPTION, &["ingest", &same]).success();
    let secrets = identities_of_first_rows();
    let name = secrets.first_in(&lines[1]).unwrap().to_owned();
    let mut guessed = lines.clone();
    guessed[1] = guessed[1].replacen(&name, "Nguyễn Văn Đoán", 1);
    assert_ne!(guessed[1], lines[1]);
    let guess = write(&env, "guess.csv", &(guessed.join("\n") + "\n"));
    let right = ingest(&env, &[&same]);
    let wrong = ingest(&env, &[&guess]);
    right.success();
    wrong.success();
    let summary = |run: &Run| {
        let s = &run.json()[0];
        (s["already_present"].clone(), s["malformed"].clone())
    };
    assert_eq!(summary(&right), summary(&wrong), "{right}\n{wrong}");
    // So a re-export with a corrected name or phone is counted as already stored, and
    // `ingest --help`, which calls other content a conflict, says it.
    for (lang, said) in [
        (
            "vi",
            "Họ tên và số điện thoại người phản ánh không được so sánh",
        ),
        ("en", "The reporter's name and phone are not compared"),
    ] {
        let help = env.run(&["--lang", lang, "ingest", "--help"]);
        let flat = help
            .success()
            .stdout
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(said), "{help}");
    }
}

/// A JSON record whose exporter misspelled a field ("confidental") lost that field without
/// a word but a once-per-file warning: a confidential report (Đ9.2) stored as public. Such a
/// record is malformed, named with the field it was taken for, and not stored; the other
/// records of the file are.
#[test]
fn a_json_record_with_a_mistyped_field_name_is_not_stored_and_says_which() {
    let env = TestEnv::seeded();
    let record = |id: &str, flag: &str| {
        serde_json::json!({
            "external_id": id,
            "submitted_at": "2026-10-05T07:30:00+07:00",
            "occurred_at": "2026-10-05T07:00:00+07:00",
            "content": "Rác thải đổ trộm ven kênh gây mùi hôi, đề nghị kiểm tra xử lý.",
            "media": ["https://example.vn/anh/rac.jpg"],
            "address": "Kênh Xáng",
            "commune": "Phường An Xuyên",
            "reporter_name": "Trần Văn Ba",
            "reporter_phone": "0912345678",
            flag: true,
        })
        .to_string()
    };
    let path = write(
        &env,
        "typo.jsonl",
        &format!(
            "{}\n{}\n",
            record("CMG-2026-900001", "confidental"),
            record("CMG-2026-900002", "confidential")
        ),
    );
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "json", "ingest", &path],
    );
    assert_eq!(malformed_lines(&run), [1], "{run}");
    let reason = run.json()[0]["malformed_rows"][0]["message"].to_string();
    assert!(
        reason.contains("\\\"confidental\\\" → confidential"),
        "{reason}"
    );
    assert_eq!(
        env.column::<String>("SELECT external_id FROM reports ORDER BY id"),
        ["CMG-2026-900002"]
    );
    assert_eq!(
        env.count("SELECT confidential FROM reports WHERE external_id = 'CMG-2026-900002'"),
        1
    );
}

/// An empty CSV file is an export that failed (a CSV with no report still has its header):
/// loading it said nothing but a table of zeros. It is warned about; an empty JSON Lines
/// file, a legitimate export of no report, is not.
#[test]
fn an_empty_csv_export_is_warned_about_an_empty_json_lines_one_is_not() {
    let env = TestEnv::seeded();
    let path = write(&env, "empty.csv", "");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &path])
        .success()
        .stderr_has("empty.csv: warning: the file is empty (0 bytes");
    let path = write(&env, "empty.jsonl", "");
    env.run_as(RECEPTION, &["ingest", &path])
        .success()
        .never_shows("rỗng");
}

/// Copies of report 5 under `cmg-2026-000105` and
/// `CMG‐2026‐000105` (U+2010) were stored as new reports without a word. The rules compare
/// ids exactly, so they are stored, each with a warning naming the report it nearly
/// matches, in a file or across files, whichever side is in the usual form.
#[test]
fn an_id_differing_from_a_stored_one_only_in_case_or_dash_is_warned_about() {
    let env = TestEnv::ingested();
    let lines = reports_lines(&[6]);
    let row = lines[1].strip_prefix("CMG-2026-000105").unwrap();
    let ids = [
        "cmg-2026-000105",
        "CMG\u{2010}2026\u{2010}000105",
        "w-7",
        "W\u{2013}7",
        "W-7",
        "W-8",
        "q-1",
    ];
    let body: Vec<String> = ids.iter().map(|id| format!("{id}{row}")).collect();
    let file = env.dir().join("copies.csv");
    std::fs::write(&file, format!("{}\n{}\n", lines[0], body.join("\n"))).unwrap();
    let run = ingest(&env, &[file.to_str().unwrap()]);
    run.success();
    let summary = &run.json()[0];
    assert_eq!(summary["stored"], 7, "{run}");
    let warned: Vec<(u64, String, String)> = array(&summary["warned_rows"])
        .iter()
        .filter(|w| w["reason"] == "warning_near_duplicate_id")
        .map(|w| {
            (
                w["line"].as_u64().unwrap(),
                w["reason"].as_str().unwrap().to_owned(),
                w["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let lines_warned: Vec<u64> = warned.iter().map(|w| w.0).collect();
    // Every row but the first "w-7", "W-8" and "q-1".
    assert_eq!(lines_warned, [2, 3, 5, 6], "{run}");
    let first = env.id_of("cmg-2026-000105");
    let w7 = env.id_of("w-7");
    let q1 = env.id_of("q-1");
    assert_eq!(
        warned[0].2,
        format!(
            "cảnh báo: mã ứng dụng “cmg-2026-000105” gần trùng phản ánh 5 (“CMG-2026-000105”; chỉ khác chữ hoa/thường hoặc dấu gạch); vẫn lưu thành phản ánh mới {first}, cần kiểm tra; nếu là cùng một phản ánh, đánh dấu trùng: `phananh duplicate {first} --of 5`"
        )
    );
    // The earliest of the near matches is named.
    assert!(warned[1].2.contains("gần trùng phản ánh 5 ("), "{run}");
    assert!(
        warned[2]
            .2
            .contains(&format!("gần trùng phản ánh {w7} (“w-7”")),
        "{run}"
    );
    assert!(
        warned[3]
            .2
            .contains(&format!("gần trùng phản ánh {w7} (“w-7”")),
        "{run}"
    );
    run.stderr_has("4 dòng có cảnh báo, đã lưu; cần kiểm tra (xem ở trên).");
    // The advised command is taken.
    env.run_as(RECEPTION, &["duplicate", &first.to_string(), "--of", "5"])
        .success();

    // A later run, in English: the stored unusual id is found from the usual one too.
    let later = env.dir().join("later.csv");
    std::fs::write(
        &later,
        format!("{}\nQ-1{row}\nCMG-2026-000999{row}\n", lines[0]),
    )
    .unwrap();
    env.run_as(RECEPTION, &["--lang", "en", "ingest", later.to_str().unwrap()])
        .success()
        .stderr_has(&format!(
            "warning: app id \"Q-1\" nearly matches report {q1} (\"q-1\": only letter case or the dash differs); stored as new report"
        ))
        .stderr_has("1 record was stored with warnings, to be checked (listed above)");
}

/// The shifted-columns warning knew one slip of a spreadsheet export. A
/// name and phone swapped were warned of as a shift left ("the name may stand in the
/// commune"), sending the operator to the wrong cells; an address with a comma exported
/// without quotes was refused as "expected 15 fields, found 16" (or, its empty last field
/// dropped, "confidential is not yes/no") with nothing to say where to look. Each is said
/// as a person comparing the row with the file would say it, naming columns, never the
/// reporter; an honest row is not warned of.
#[test]
fn the_usual_slips_of_a_spreadsheet_export_are_named_as_such() {
    let mut env = TestEnv::seeded();
    env.set_now("2026-11-04T08:00:00+07:00");
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let start = "2026-11-04T07:20:00+07:00,2026-11-04T07:00:00+07:00,Đường ngập nước sau mưa,https://x.vn/1.jpg,9.18,105.15";
    let rows = [
        // Line 2: honest, with its comma quoted.
        format!(
            "OK-1,{start},\"Số 75 đường Trần Phú, khóm 2\",Phường An Xuyên,Trần Thị Bưởi,0912000009,0,1,0,"
        ),
        // Line 3: name and phone swapped.
        format!("SW-1,{start},Khóm 2,Phường An Xuyên,0912000009,Trần Thị Bưởi,0,1,0,"),
        // Line 4: the address's comma unquoted: 16 fields.
        format!(
            "CO-1,{start},Số 75 đường Trần Phú, khóm 2,Phường An Xuyên,Trần Thị Bưởi,0912000009,0,1,0,"
        ),
        // Line 5: the same, its empty last field dropped: 15 fields, the phone as a flag.
        format!(
            "CO-2,{start},Số 75 đường Trần Phú, khóm 2,Phường An Xuyên,Trần Thị Bưởi,0912000009,0,1,0"
        ),
    ];
    let file = write(
        &env,
        "slips.csv",
        &format!("{header}\n{}\n", rows.join("\n")),
    );
    let run = env.run_as(RECEPTION, &["ingest", &file]);
    // Two records are not stored: the run says so with its status.
    run.code(1)
        .stderr_has("slips.csv:3: cảnh báo: cột có vẻ bị lệch: tên và số điện thoại người phản ánh có vẻ bị đổi chỗ")
        .stderr_has("slips.csv:4: cần 15 trường như dòng tiêu đề, có 16 (có vẻ ô address")
        .stderr_has("slips.csv:5: confidential:")
        .never_shows("Bưởi")
        .never_shows("0912000009");
    let said = run.stderr.replace('\n', " ");
    assert!(
        said.contains("chứa dấu phẩy mà không nằm trong ngoặc kép"),
        "{run}"
    );
    for line in run.stderr.lines().filter(|l| l.contains("slips.csv:")) {
        assert!(
            !line.contains("slips.csv:2:"),
            "an honest row warned of: {line}"
        );
        assert!(
            !(line.contains("slips.csv:3:") && line.contains("xã, phường hoặc địa chỉ")),
            "{line}"
        );
    }
    let line5: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("slips.csv:5:"))
        .collect();
    assert!(
        line5.iter().any(|l| l.contains("(có vẻ ô address")),
        "{run}"
    );
    assert_eq!(stored(&env), 2);
    // In English.
    let run = env.run_as(RECEPTION, &["--lang", "en", "ingest", &file]);
    run.code(1)
        .stderr_has("slips.csv:4: expected 15 fields as in the header, found 16 (the address")
        .stderr_has("seems to hold a comma outside quotes")
        .never_shows("Bưởi");
}

/// A tired operator loads the app's export with bad lines at an 80-column
/// terminal. The lines not stored were printed while the progress bar was drawn, behind its
/// back: clearing the bar then erased the last of them (its last row) and the table was
/// drawn over it, and every such line ran past the edge, cut wherever the terminal cut it.
/// Each is now whole on the screen, broken at spaces, as is the closing sentence.
#[test]
fn the_bad_lines_of_an_ingest_read_whole_on_an_80_column_terminal() {
    use crate::terminal::rendered;
    let env = TestEnv::seeded();
    let file = example("bad/wrong-columns.csv");
    let output = env.ingest_at_a_terminal(&file);
    let screen = rendered(&output, 80);
    let text = screen
        .iter()
        .map(|row| row.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // The rows as one line, to find each message whatever its breaks.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let path = file.display().to_string();
    for said in [
        format!("{path}:4: cần 15 trường như dòng tiêu đề, có 12"),
        format!(
            "{path}:7: cần 15 trường như dòng tiêu đề, có 17 (có vẻ ô content chứa dấu phẩy mà \
             không nằm trong ngoặc kép, nên bị tách làm hai; hãy đặt ô ấy trong ngoặc kép \"…\" \
             rồi nạp lại)"
        ),
        "2 dòng lỗi không được lưu (xem danh sách ở trên); sửa tệp rồi nạp lại — các phản ánh \
         đã lưu sẽ được bỏ qua."
            .to_owned(),
    ] {
        assert!(
            flat.contains(&said),
            "not whole on the screen: {said}\n{text}"
        );
    }
    let cut: Vec<&str> = screen
        .iter()
        .filter(|row| row.wrapped)
        .map(|row| row.text.as_str())
        .collect();
    assert!(cut.is_empty(), "rows the terminal cut: {cut:#?}\n{text}");
    // The table is drawn once, after the messages, and nothing of the bar is left.
    assert!(text.contains("┌"), "{text}");
    assert!(!text.contains("[="), "{text}");
}

/// What a JSON, JSON Lines or Open311 file's records are refused or warned of, each line
/// whole in Vietnamese and in English: a record that is not an object, a GeoReport response
/// read as the app's JSON, unknown and mistyped fields, an array broken in each way the
/// reader names, an Open311 field outside the standard and a service code not mapped. A
/// JSON array's record is named by its line and its number (the number alone was shown as
/// if it were the line).
#[test]
fn each_fault_of_a_json_record_is_worded_whole_in_both_languages() {
    let env = TestEnv::seeded();
    let files = [
        (
            "r.jsonl",
            "[1, 2]\n{\"service_request_id\":\"S-1\",\"requested_datetime\":\"2026-10-01T08:00:00+07:00\"}\n{\"external_id\":\"J-9\",\"submitted_at\":\"2026-10-01T08:00:00+07:00\",\"colour\":\"red\",\"confidental\":\"1\"}\n",
        ),
        ("a1.json", "[{\"external_id\":\"J-10\"} {\"x\":1}]"),
        ("a2.json", "{\"external_id\":\"J-10\"}"),
        ("a3.json", "[{\"external_id\":\"J-10\"},"),
        ("a4.json", "[{\"external_id\":\"J-10\"},,{}]"),
        ("a5.json", "[{\"external_id\":\"J-10\"}] x"),
        (
            "o.json",
            "[5, {\"service_request_id\":\"S-2\",\"requested_datetime\":\"2026-10-01T08:00:00+07:00\",\"service_code\":\"ZZZ\",\"description\":\"Đèn đường hỏng\",\"lat\":9.17,\"long\":105.15,\"colour\":\"red\"}]\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(env.dir().join(name), text).unwrap();
    }
    let vi = [
        "r.jsonl: gợi ý: tệp này trông như phản hồi Open311 GeoReport v2 (có service_request_id, không có external_id); hãy nạp lại với --input-format open311",
        "r.jsonl: cảnh báo: trường “colour” không biết, bỏ qua",
        "r.jsonl: cảnh báo: trường “confidental” không biết, bỏ qua",
        "r.jsonl:1: cần một đối tượng JSON chứa các trường của phản ánh",
        "r.jsonl:3: có trường gần giống tên trường đã biết mà bản ghi thiếu (\"confidental\" → confidential); nếu nạp, trường ấy bị bỏ qua: sửa tên trường rồi nạp lại",
        "a1.json:1: bản ghi thứ 2: lỗi cú pháp JSON ở dòng 1: cần `,` hoặc `]` sau một phần tử; các bản ghi sau đó không được đọc",
        "a2.json:1: bản ghi thứ 1: lỗi cú pháp JSON ở dòng 1: cần một mảng JSON `[`; các bản ghi sau đó không được đọc",
        "a3.json:1: bản ghi thứ 2: lỗi cú pháp JSON ở dòng 1: tệp kết thúc khi mảng chưa đóng; các bản ghi sau đó không được đọc",
        "a4.json:1: bản ghi thứ 2: lỗi cú pháp JSON ở dòng 1: thiếu phần tử sau dấu `,`; các bản ghi sau đó không được đọc",
        "a5.json:1: bản ghi thứ 2: lỗi cú pháp JSON ở dòng 1: có ký tự thừa sau mảng; các bản ghi sau đó không được đọc",
        "o.json: cảnh báo: trường “colour” không thuộc GeoReport v2, bỏ qua",
        "o.json: cảnh báo: mã dịch vụ “ZZZ” chưa gắn với lĩnh vực nào; giữ làm gợi ý phân loại (thêm bằng `phananh service add ZZZ --field MÃ`)",
        "o.json:1: bản ghi thứ 1: cần một đối tượng JSON chứa các trường của yêu cầu Open311 (service_request_id, requested_datetime, …)",
    ];
    let en = [
        "r.jsonl: hint: this file looks like an Open311 GeoReport v2 response (service_request_id, no external_id); load it with --input-format open311",
        "r.jsonl: warning: unknown field \"colour\" is ignored",
        "r.jsonl: warning: unknown field \"confidental\" is ignored",
        "r.jsonl:1: expected a JSON object with the report's fields",
        "r.jsonl:3: has fields close to known ones it lacks (\"confidental\" → confidential); loaded as it is, those would be ignored: correct the field names and ingest it again",
        "a1.json:1: record 2: JSON syntax error at line 1: expected `,` or `]` after an element; records after it were not read",
        "a2.json:1: record 1: JSON syntax error at line 1: expected a JSON array `[`; records after it were not read",
        "a3.json:1: record 2: JSON syntax error at line 1: the file ends before the array is closed; records after it were not read",
        "a4.json:1: record 2: JSON syntax error at line 1: an element is missing between `,` and what follows; records after it were not read",
        "a5.json:1: record 2: JSON syntax error at line 1: trailing characters after the array; records after it were not read",
        "o.json: warning: field \"colour\" is not GeoReport v2 and is ignored",
        "o.json: warning: service code \"ZZZ\" is not mapped to a field; kept as the category hint (map it with `phananh service add ZZZ --field CODE`)",
        "o.json:1: record 1: expected a JSON object with the fields of an Open311 service request (service_request_id, requested_datetime, …)",
    ];
    for (lang, lines) in [("vi", vi), ("en", en)] {
        let mut said = String::new();
        for (name, _) in &files[..6] {
            said.push_str(
                &env.run_as(RECEPTION, &["--lang", lang, "ingest", name])
                    .stderr,
            );
        }
        let run = env.run_as(
            RECEPTION,
            &[
                "--lang",
                lang,
                "ingest",
                "--input-format",
                "open311",
                "o.json",
            ],
        );
        said.push_str(&run.stderr);
        for line in lines {
            assert!(said.lines().any(|l| l == line), "{line:?} not in:\n{said}");
        }
    }
}

/// What a stored CSV record is warned of, and a record refused for an id already stored
/// with other content, each line whole in Vietnamese and in English: a place outside
/// Vietnam, columns shifted or swapped, a commune no agency names, an occurrence after the
/// submission or before 2001, an app id nearly another's (with the way to merge), an id
/// stored with other content, and the unknown columns of a header.
#[test]
fn each_warning_of_a_stored_csv_record_is_worded_whole_in_both_languages() {
    let header = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
    let row = |id: &str, occurred: &str, content: &str, place: &str, who: &str| {
        format!(
            "{id},2026-11-04T07:00:00+07:00,{occurred},{content},https://x.vn/1.jpg,{place},Khóm 2,{who},0,1,0,"
        )
    };
    let (at, rain, here) = (
        "2026-11-04T06:00:00+07:00",
        "Đường ngập nước sau mưa",
        "9.18,105.15",
    );
    let people = "Phường An Xuyên,Trần Thị Bưởi,0912000009";
    let first = [
        header.to_owned(),
        row("W-1", at, rain, "48.85,2.35", people),
        row("W-2", at, rain, here, "Phường An Xuyên,0912000009,"),
        row(
            "W-3",
            at,
            rain,
            here,
            "Phường An Xuyên,0912000009,Trần Thị Bưởi",
        ),
        row(
            "W-4",
            at,
            rain,
            here,
            "Xã Không Có,Trần Thị Bưởi,0912000009",
        ),
        row("W-5", "2026-11-04T07:30:00+07:00", rain, here, people),
        row("W-6", "1999-01-01T07:30:00+07:00", rain, here, people),
    ];
    let second = [
        header.to_owned(),
        row("w-1", at, rain, "48.85,2.35", people),
        row("W-1", at, "Đèn đường hỏng", "48.85,2.35", people),
    ];
    for lang in ["vi", "en"] {
        let mut env = TestEnv::seeded();
        env.set_now("2026-11-04T08:00:00+07:00");
        let w = write(&env, "w.csv", &format!("{}\n", first.join("\n")));
        let said = env
            .run_as(RECEPTION, &["--lang", lang, "ingest", &w])
            .stderr;
        let (w1, w2) = (
            write(&env, "w2.csv", &format!("{}\n", second.join("\n"))),
            write(&env, "w3.csv", &format!("{header},colour,mau\n")),
        );
        let said = said
            + &env
                .run_as(RECEPTION, &["--lang", lang, "ingest", &w1, &w2])
                .stderr;
        let (old, new) = (env.id_of("W-1"), env.id_of("w-1"));
        let lines = if lang == "vi" {
            [
                "w.csv:2: cảnh báo: tọa độ (48.85, 2.35) nằm ngoài lãnh thổ Việt Nam; vẫn lưu, cần kiểm tra địa điểm".to_owned(),
                "w.csv:3: cảnh báo: cột có vẻ bị lệch: ô tên người phản ánh là một số điện thoại, ô số điện thoại thì không; tên có thể đang nằm ở ô xã, phường hoặc địa chỉ. Vẫn lưu; cần đối chiếu dòng này trong tệp gốc".to_owned(),
                "w.csv:4: cảnh báo: cột có vẻ bị lệch: tên và số điện thoại người phản ánh có vẻ bị đổi chỗ (ô tên là một số điện thoại, ô số điện thoại là chữ). Vẫn lưu; cần đối chiếu dòng này trong tệp gốc".to_owned(),
                "w.csv:5: cảnh báo: xã, phường “Xã Không Có” không có trong danh sách cơ quan cấp xã; vẫn lưu, `assign --auto` sẽ giao theo dòng chung của lĩnh vực".to_owned(),
                "w.csv:6: cảnh báo: occurred_at muộn hơn submitted_at (sự việc xảy ra sau khi gửi phản ánh?); vẫn lưu, cần hỏi lại người phản ánh thời gian xảy ra".to_owned(),
                "w.csv:7: cảnh báo: occurred_at trước năm 2001, ngày của đồng hồ điện thoại chưa được đặt, không phải lúc sự việc xảy ra; vẫn lưu, cần hỏi lại người phản ánh thời gian xảy ra".to_owned(),
                format!("w2.csv:2: cảnh báo: mã ứng dụng “w-1” gần trùng phản ánh {old} (“W-1”; chỉ khác chữ hoa/thường hoặc dấu gạch); vẫn lưu thành phản ánh mới {new}, cần kiểm tra; nếu là cùng một phản ánh, đánh dấu trùng: `phananh duplicate {new} --of {old}`"),
                format!("w2.csv:3: mã W-1 đã có (phản ánh số {old}) nhưng khác ở cột content; bản ghi này không được lưu, phản ánh đã lưu giữ nguyên. Nếu đây là một phản ánh khác, ứng dụng phải cho nó mã riêng."),
                "w3.csv: 2 cột không biết bị bỏ qua: \"colour\", \"mau\"".to_owned(),
            ]
        } else {
            [
                "w.csv:2: warning: coordinates (48.85, 2.35) are outside Vietnam; stored, check the place".to_owned(),
                "w.csv:3: warning: the columns look shifted: the reporter's name is a phone number and the phone is none; the name may stand in the commune or the address. Stored; compare this row with the source file".to_owned(),
                "w.csv:4: warning: the columns look shifted: the reporter's name and phone seem swapped (the name is a phone number, the phone is words). Stored; compare this row with the source file".to_owned(),
                "w.csv:5: warning: the commune \"Xã Không Có\" is none of the commune-level agencies; stored, `assign --auto` will use the field's line for every commune".to_owned(),
                "w.csv:6: warning: occurred_at is later than submitted_at (the event after its report?); stored, ask the reporter when it happened".to_owned(),
                "w.csv:7: warning: occurred_at is before 2001, the date of a phone clock never set, not when the event happened; stored, ask the reporter when it happened".to_owned(),
                format!("w2.csv:2: warning: app id \"w-1\" nearly matches report {old} (\"W-1\": only letter case or the dash differs); stored as new report {new}, to be checked; if it is the same report, mark it: `phananh duplicate {new} --of {old}`"),
                format!("w2.csv:3: id W-1 is already stored (report {old}) but differs in content; this record was not stored and the stored report is kept as it is. If it is another report, the app must give it its own id"),
                "w3.csv: 2 unknown columns ignored: \"colour\", \"mau\"".to_owned(),
            ]
        };
        // The files are named by their whole path, in the test's folder.
        let dir = env.dir().display().to_string();
        for line in &lines {
            let whole = format!("{dir}/{line}");
            assert!(
                said.lines().any(|l| l == whole),
                "{whole:?} not in:\n{said}"
            );
        }
    }
}

/// What an office hands `ingest` instead of an export, said for what it is, whole in each
/// language, with nothing stored: a workbook (made by `score --out`, then renamed .csv, as
/// people do), a file Excel saved as "Unicode Text" (UTF-16), an export compressed with
/// gzip (said to be text in the VNI encoding), the folder the app exports into, and `-`. They were sent to --input-format, told that a header was not UTF-8, or
/// given the system's English "Is a directory (os error 21)".
#[test]
fn a_workbook_a_utf16_file_a_folder_and_a_dash_are_said_for_what_they_are() {
    let env = TestEnv::validated();
    env.run_as(AUDITOR, &["score", "--year", "2026", "--out", "diem.xlsx"])
        .success();
    std::fs::copy(env.dir().join("diem.xlsx"), env.dir().join("phan-anh.csv")).unwrap();
    let text = "external_id,submitted_at\n";
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(env.dir().join("u16.csv"), utf16).unwrap();
    std::fs::create_dir(env.dir().join("thu-muc")).unwrap();
    // The first bytes of `gzip phan-anh.csv`, the name kept: its bytes were taken for text
    // in the VNI encoding ("convert its text to Unicode with UniKey").
    let gzipped = [
        &b"\x1f\x8b\x08\x08\x9c\x41\x55\x69\x00\x03phan-anh.csv\x00"[..],
        b"\xad\x93\xcd\x6e\xd3\x40\x10\xc7\xef\x48\xbc\xc3\x1c\xe1\xd0\xf5\xee",
    ]
    .concat();
    std::fs::write(env.dir().join("nen.csv"), gzipped).unwrap();
    let before = env.fingerprint();
    let save_vi = "hãy mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → “CSV UTF-8” rồi nạp tệp .csv đó. Không nạp gì từ tệp này.";
    let save_en = "open it in Excel, choose File → Save As → \"CSV UTF-8 (Comma delimited)\" and load that .csv file. Nothing was loaded from this file";
    let cases = [
        (
            "diem.xlsx",
            format!("diem.xlsx là tệp Excel (.xlsx) hoặc tệp nén, không phải tệp CSV: phananh không đọc tệp Excel; {save_vi}"),
            format!("diem.xlsx is an Excel workbook (.xlsx) or another ZIP file, not a CSV file: phananh does not read workbooks; {save_en}"),
        ),
        (
            "phan-anh.csv",
            format!("phan-anh.csv là tệp Excel (.xlsx) hoặc tệp nén, không phải tệp CSV: phananh không đọc tệp Excel; {save_vi}"),
            format!("phan-anh.csv is an Excel workbook (.xlsx) or another ZIP file, not a CSV file: phananh does not read workbooks; {save_en}"),
        ),
        (
            "u16.csv",
            format!("u16.csv là văn bản UTF-16 (kiểu “Unicode Text” của Excel), không phải UTF-8; {save_vi}"),
            format!("u16.csv is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8; {save_en}"),
        ),
        (
            "nen.csv",
            "nen.csv là tệp nén (gzip, bzip2, xz, zstd hoặc 7-Zip), không phải tệp văn bản: hãy giải nén trước (ví dụ `gunzip TỆP.gz`) rồi nạp tệp giải nén ra. Không nạp gì từ tệp này.".to_owned(),
            "nen.csv is a compressed file (gzip, bzip2, xz, zstd or 7-Zip), not a text file: decompress it first (e.g. `gunzip FILE.gz`) and ingest the file that gives. Nothing was loaded from this file".to_owned(),
        ),
        (
            "thu-muc",
            "thu-muc là một thư mục, không phải tệp: hãy nêu từng tệp trong đó (ví dụ `phananh ingest thu-muc/*.csv`). Không nạp gì.".to_owned(),
            "thu-muc is a folder, not a file: name the files in it (e.g. `phananh ingest thu-muc/*.csv`). Nothing was loaded".to_owned(),
        ),
        (
            "-",
            "`-` không phải tên tệp: phananh nạp từ tệp. Để nạp từ đầu vào chuẩn, ghi /dev/stdin và nói định dạng, ví dụ `… | phananh ingest /dev/stdin --input-format csv`.".to_owned(),
            "`-` is not a file name: phananh loads files. To load standard input, name /dev/stdin with its format, e.g. `… | phananh ingest /dev/stdin --input-format csv`".to_owned(),
        ),
    ];
    for (file, vi, en) in cases {
        for (lang, said) in [("vi", vi.as_str()), ("en", en.as_str())] {
            // Even with its format named, a workbook is not read as CSV.
            for format in [&[][..], &["--input-format", "csv"]] {
                let run = env.run_as(
                    RECEPTION,
                    &[&["--lang", lang, "ingest", file][..], format].concat(),
                );
                run.failure();
                assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
            }
        }
    }
    env.assert_unchanged(&before);
}

/// What a run refuses before it reads a record, and the warning of an empty CSV file, whole
/// in Vietnamese and in English: an `--errors` file already there (a killed run leaves an
/// empty one; the advice was "add --force", which `ingest` does not have), one that is one
/// of the inputs, a file whose format its name does not tell, a file that cannot be opened.
#[test]
fn each_refusal_of_an_ingest_run_is_worded_whole_in_both_languages() {
    let env = TestEnv::seeded();
    write(&env, "w.csv", "external_id,submitted_at\n");
    write(&env, "r.txt", "x\n");
    write(&env, "empty.csv", "");
    write(&env, "loi.csv", "");
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["ingest", "w.csv", "--errors", "loi.csv"],
            "--errors loi.csv đã có (danh sách lỗi của một lần nạp trước, có thể bị dừng giữa chừng); không ghi đè nó. Chưa đọc gì; hãy chọn tên khác cho --errors, hoặc xóa tệp ấy nếu không cần nữa, rồi chạy lại.",
            "--errors loi.csv already exists (the list of an earlier run, perhaps one that was stopped); it is not written over. Nothing was read; choose another name for --errors, or delete that file if it is no longer needed, then run again",
        ),
        (
            &["ingest", "w.csv", "--errors", "w.csv"],
            "--errors w.csv là một trong các tệp cần nạp: ghi danh sách lỗi vào đó sẽ xóa mất tệp. Chưa đọc gì; hãy chọn tên khác cho --errors (ví dụ loi.csv) rồi chạy lại.",
            "--errors w.csv is one of the files to ingest: writing the list there would destroy it. Nothing was read; choose another name for --errors (say errors.csv), then run again",
        ),
        (
            &["ingest", "r.txt"],
            "Không nhận ra định dạng của r.txt; dùng --input-format csv|jsonl|json|open311.",
            "cannot tell the format of r.txt from its name; use --input-format csv|jsonl|json|open311",
        ),
        (
            &["ingest", "nofile.csv"],
            "Không mở được nofile.csv: không có tệp này",
            "cannot open nofile.csv: No such file or directory (os error 2)",
        ),
    ];
    for (args, vi, en) in cases {
        for (lang, said) in [("vi", vi), ("en", en)] {
            let run = env.run_as(RECEPTION, &[&["--lang", lang][..], args].concat());
            run.failure();
            assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
        }
    }
    for (lang, said) in [
        (
            "vi",
            "empty.csv: cảnh báo: tệp rỗng (0 byte), không có cả dòng tiêu đề: không có gì để nạp; nếu tệp lẽ ra có dữ liệu, hãy kiểm tra bước xuất tệp",
        ),
        (
            "en",
            "empty.csv: warning: the file is empty (0 bytes, not even a header): nothing to load; if it should hold reports, check the export that made it",
        ),
    ] {
        let run = env.run_as(RECEPTION, &["--lang", lang, "ingest", "empty.csv"]);
        run.success();
        assert!(run.stderr.lines().any(|l| l == said), "{run}");
    }
}

/// A reports CSV without the `confidential` column loaded every report as not confidential,
/// and `publish` put one the citizen asked to keep private into the public feed (Đ9.2).
/// It is refused, in both languages, nothing stored; the same reports with the column, its
/// cells empty, load.
#[test]
fn a_reports_csv_without_the_confidential_column_is_refused() {
    let env = TestEnv::seeded();
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let secret = headers.iter().position(|h| h == "confidential").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().take(3).map(Result::unwrap).collect();
    let cut = |blank: bool| {
        let mut writer = csv::Writer::from_writer(vec![]);
        for record in std::iter::once(&headers).chain(&rows) {
            let cells = record.iter().enumerate().filter_map(|(i, cell)| {
                if i != secret {
                    Some(cell)
                } else if blank {
                    Some(if record == &headers { cell } else { "" })
                } else {
                    None
                }
            });
            writer.write_record(cells).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    };
    let without = write(&env, "no-secret.csv", &cut(false));
    let before = env.fingerprint();
    env.run_as(RECEPTION, &["ingest", &without])
        .failure()
        .stderr_has("no-secret.csv: thiếu cột confidential: không biết phản ánh nào người phản ánh yêu cầu giữ bí mật (khoản 2 Điều 9)")
        .stderr_has("hãy xuất lại tệp đủ các cột (ô trống nghĩa là không)");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &without])
        .failure()
        .stderr_has("no-secret.csv: no confidential column: which reports the citizen asked to keep private (Article 9.2) is unknown")
        .stderr_has("export it again with every column (an empty cell means no)");
    env.assert_unchanged(&before);
    let blank = write(&env, "blank-secret.csv", &cut(true));
    env.run_as(RECEPTION, &["ingest", &blank]).success();
    assert_eq!(env.count("SELECT count(*) FROM reports"), 3);
}

// --- two exports joined with `cat`, and a stray quote ---

const JOINED_HEADER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
/// The same columns, name and phone swapped, confidential and consent swapped: another
/// export's order.
const OTHER_ORDER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_phone,reporter_name,consent,confidential,urgent,category_hint";

/// A report in `JOINED_HEADER`'s order (secret: confidential 1, consent 0).
fn secret_row(id: &str, minute: u32) -> String {
    format!(
        "{id},2026-09-02T08:{minute:02}:00+07:00,2026-09-02T07:00:00+07:00,\"Đường ở khóm 4 bị sụt lún, nhiều ổ gà lớn.\",https://x.vn/{id}.jpg,9.2,105.2,\"Số 1 đường Trần Phú\",Phường An Xuyên,Nguyễn Văn Hùng,0912345678,1,0,0,"
    )
}

/// The same report written in `OTHER_ORDER`.
fn secret_row_other_order(id: &str, minute: u32) -> String {
    format!(
        "{id},2026-09-02T08:{minute:02}:00+07:00,2026-09-02T07:00:00+07:00,\"Rác thải ùn ứ ở chợ ấp 3 nhiều ngày.\",https://x.vn/{id}.jpg,9.2,105.2,\"Số 2 đường Trần Phú\",Phường An Xuyên,0987654321,Trần Thị Lan,0,1,0,"
    )
}

/// Two exports joined with `cat`, the second with its columns in another order: the second
/// header was read as a bad row ("submitted_at" not a time) and every row after it stored
/// with its columns swapped, a citizen's request for secrecy (Đ9.2) read from their consent
/// and the report made public. The rows after it are now read by it.
#[test]
fn a_second_header_in_another_order_reads_the_rows_after_it_by_it() {
    let env = TestEnv::seeded();
    let text = [
        JOINED_HEADER.to_owned(),
        secret_row("J-1", 1),
        OTHER_ORDER.to_owned(),
        secret_row_other_order("J-2", 2),
    ]
    .join("\n")
        + "\n";
    let path = write(&env, "joined.csv", &text);
    let run = ingest(&env, &[&path]);
    run.success()
        .stderr_has("joined.csv: dòng 3 là dòng tiêu đề thứ hai");
    assert_eq!(run.json()[0]["stored"], 2, "{run}");
    assert_eq!(run.json()[0]["malformed"], 0, "{run}");
    for id in ["ext:J-1", "ext:J-2"] {
        let report = env.show(id);
        assert_eq!(
            (&report["confidential"], &report["consent"]),
            (&Value::Bool(true), &Value::Bool(false)),
            "{id}: {report}"
        );
    }
    let revealed = env
        .run_as(
            RECEPTION,
            &[
                "show",
                "ext:J-2",
                "--reveal",
                "--reason",
                "kiểm tra nạp tệp ghép",
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    assert_eq!(revealed["reporter_name"], "Trần Thị Lan");
    assert_eq!(revealed["reporter_phone"], "0987654321");
}

/// Two exports joined with `cat`, the first ending without a line break: its last record and
/// the second's header shared line 3, read as one header line with unknown columns; the
/// record was lost, in no count and no errors file, and the rows after it refused ("cần 29
/// trường"). The line is split: the record read by the first header, the rows after by the
/// second, in its own order, a byte-order mark between the two (Excel's) or not.
#[test]
fn a_record_run_into_the_next_files_header_is_read_and_so_are_the_rows_after() {
    for (hint, mark, second) in [("", "", JOINED_HEADER), ("GT", "\u{feff}", OTHER_ORDER)] {
        let env = TestEnv::seeded();
        let first = [
            JOINED_HEADER.to_owned(),
            secret_row("G-1", 1),
            secret_row("G-2", 2),
        ]
        .join("\n")
            + hint;
        let then = if second == JOINED_HEADER {
            [
                second.to_owned(),
                secret_row("G-3", 3),
                secret_row("G-4", 4),
            ]
        } else {
            [
                second.to_owned(),
                secret_row_other_order("G-3", 3),
                secret_row_other_order("G-4", 4),
            ]
        };
        let text = format!("{first}{mark}{}\n", then.join("\n"));
        let path = write(&env, "glued.csv", &text);
        let run = ingest(&env, &[&path]);
        run.success().stderr_has(
            "glued.csv: dòng 3 là bản ghi cuối của tệp trước dính liền với dòng tiêu đề của tệp sau",
        );
        assert_eq!(run.json()[0]["stored"], 4, "{run}");
        assert_eq!(run.json()[0]["malformed"], 0, "{run}");
        for id in ["ext:G-1", "ext:G-2", "ext:G-3", "ext:G-4"] {
            let report = env.show(id);
            assert_eq!(
                (&report["confidential"], &report["consent"]),
                (&Value::Bool(true), &Value::Bool(false)),
                "{id}: {report}"
            );
        }
        // As a row of its own would hold it (an empty hint as G-1's).
        let hinted: Vec<Option<String>> = env.column(
            "SELECT category_hint FROM reports WHERE external_id IN ('G-1', 'G-2') \
             ORDER BY external_id",
        );
        assert_eq!(hinted, [Some(String::new()), Some(hint.to_owned())]);
    }
}

/// Times with a fraction of a second (an app's `08:15:42.5`, JavaScript's `.123Z`): stored
/// to the second, then read again from the same file with their fraction, they differed
/// from what was stored, and the second ingest of the same file refused the report as
/// another under its id (exit 1), or, at `:00.123`, called it "re-saved by Excel".
#[test]
fn the_same_file_with_fractions_of_a_second_ingested_twice_is_already_present() {
    let env = TestEnv::seeded();
    let text = format!(
        "{JOINED_HEADER}\n{}\n{}\n",
        secret_row("F-1", 1).replace("08:01:00+07:00", "08:01:42.5+07:00"),
        secret_row("F-2", 2)
            .replace("2026-09-02T08:02:00+07:00", "2026-09-02T01:02:00.123Z")
            .replace("07:00:00+07:00", "07:00:10.250+07:00"),
    );
    let path = write(&env, "fractions.csv", &text);
    assert_eq!(ingest(&env, &[&path]).success().json()[0]["stored"], 2);
    let times: Vec<String> = env.column(
        "SELECT submitted_at || ' ' || occurred_at FROM reports \
         WHERE external_id IN ('F-1', 'F-2') ORDER BY external_id",
    );
    assert_eq!(
        times,
        [
            "2026-09-02T08:01:42+07:00 2026-09-02T07:00:00+07:00",
            "2026-09-02T08:02:00+07:00 2026-09-02T07:00:10+07:00"
        ]
    );
    let again = ingest(&env, &[&path]);
    again.success();
    assert!(!again.stderr.contains("Excel"), "{again}");
    assert_eq!(again.json()[0]["already_present"], 2, "{again}");
    assert_eq!(again.json()[0]["malformed"], 0, "{again}");
}

/// An export whose `urgent` column was renamed (`khan_cap`) or left out: every urgent
/// report was stored not urgent, the only word "1 unknown column ignored" (none at all
/// when the column was simply absent), and the right file, ingested after, a conflict.
/// What a file leaves out is said once, with what every report is read as.
#[test]
fn a_file_without_the_urgent_column_says_every_report_is_read_as_not_urgent() {
    let env = TestEnv::seeded();
    let renamed = JOINED_HEADER.replace(",urgent,", ",khan_cap,");
    let text = format!("{renamed}\n{}\n", secret_row("U-1", 1));
    let path = write(&env, "renamed.csv", &text);
    ingest(&env, &[&path])
        .success()
        .stderr_has("renamed.csv: 1 cột không biết bị bỏ qua: \"khan_cap\"")
        .stderr_has(
            "renamed.csv: tệp không có cột urgent: mọi phản ánh được đọc là không khẩn (phản ánh khẩn được đánh dấu khi phân phối: `assign SỐ --urgent`, Đ7.2). Nếu ứng dụng đặt tên khác cho cột ấy, hãy đổi lại tên cột rồi nạp.",
        );
    let bare = JOINED_HEADER
        .replace(",latitude,longitude,", ",")
        .replace(",consent,urgent,", ",");
    let row = secret_row("U-2", 2)
        .replace(",9.2,105.2,", ",")
        .replace(",1,0,0,", ",1,");
    let path = write(&env, "bare.csv", &format!("{bare}\n{row}\n"));
    let run = env.run_as(RECEPTION, &["--lang", "en", "ingest", &path]);
    run.success().stderr_has(
        "bare.csv: the file has no column urgent, consent, latitude, longitude: every report is read as not urgent (an urgent one is marked at dispatch: `assign ID --urgent`, Art. 7.2); every reporter is read as not consenting to the agency seeing their identity (Art. 6.5); no coordinates are stored.",
    );
    // A file with them all says nothing of it.
    let whole = write(
        &env,
        "whole.csv",
        &format!("{JOINED_HEADER}\n{}\n", secret_row("U-3", 3)),
    );
    let run = ingest(&env, &[&whole]);
    run.success();
    assert!(!run.stderr.contains("không có cột"), "{run}");
}

/// A second header longer than the first, on its own line, whose known columns start
/// where the first header's last column is (another export with columns of its own in
/// front) was taken for a record run into a header: its first cells read as a report
/// ("không đọc được thời gian"), and every row after it refused. A record holds a time
/// where the first header has `submitted_at`; a header line does not.
#[test]
fn a_longer_second_header_on_its_own_line_is_a_header() {
    let env = TestEnv::seeded();
    let short = "external_id,submitted_at,occurred_at,content,media,commune,reporter_name,reporter_phone,confidential";
    let row = |id: &str, minute: u32| {
        format!(
            "{id},2026-09-02T08:{minute:02}:00+07:00,2026-09-02T07:00:00+07:00,Đường ở khóm 4 bị sụt lún.,https://x.vn/{id}.jpg,Phường An Xuyên,Nguyễn Văn Hùng,0912345678,1"
        )
    };
    let text = [
        short.to_owned(),
        row("LH-1", 1),
        format!("ma_noi_bo,a2,a3,a4,a5,a6,a7,a8,{short}"),
        format!("7,,,,,,,,{}", row("LH-2", 2)),
    ]
    .join("\n")
        + "\n";
    let path = write(&env, "longer.csv", &text);
    let run = ingest(&env, &[&path]);
    run.success()
        .stderr_has("longer.csv: dòng 3 là dòng tiêu đề thứ hai")
        .never_shows("dính liền");
    let s = &run.json()[0];
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(2), Some(0)),
        "{run}"
    );
    assert_eq!(env.show("ext:LH-2")["confidential"], true);
}

/// The same export twice, joined with `cat`: the repeated header was an error "không đọc
/// được thời gian submitted_at", a fault of the file's times that was not there.
#[test]
fn a_repeated_header_line_is_skipped_and_said() {
    let env = TestEnv::seeded();
    let text = [
        JOINED_HEADER.to_owned(),
        secret_row("R-1", 1),
        JOINED_HEADER.to_uppercase(),
        secret_row("R-2", 2),
    ]
    .join("\r\n")
        + "\r\n";
    let path = write(&env, "twice.csv", &text);
    let run = ingest(&env, &[&path]);
    run.success()
        .stderr_has("twice.csv: dòng 3 là dòng tiêu đề lặp lại");
    assert!(!run.stderr.contains("submitted_at"), "{run}");
    assert_eq!(run.json()[0]["stored"], 2, "{run}");
    assert_eq!(run.json()[0]["malformed"], 0, "{run}");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &path])
        .success()
        .stderr_has("line 3 repeats the header line");
}

/// The first header line and a header line met again among the rows were read by two
/// rules: the first trimmed any space, the second ASCII spaces only. A second export whose
/// header had a non-breaking space or a zero-width space after a name (a header pasted from
/// a web page) was read as a data row, "submitted_at" an unreadable time, while the same
/// line as the file's first header was a header. One rule reads both.
#[test]
fn a_header_line_again_is_read_by_the_rule_of_the_first() {
    let env = TestEnv::seeded();
    let pasted = JOINED_HEADER
        .replace("submitted_at,", "submitted_at\u{a0},")
        .replace(",content,", ", Content\u{3000},");
    // As the first header line, it is one.
    let alone = write(
        &env,
        "alone.csv",
        &format!("{pasted}\n{}\n", secret_row("H-0", 0)),
    );
    assert_eq!(ingest(&env, &[&alone]).success().json()[0]["stored"], 1);
    // Met again after the rows of another export, it is one too.
    let text = [
        JOINED_HEADER.to_owned(),
        secret_row("H-1", 1),
        pasted,
        secret_row("H-2", 2),
    ]
    .join("\n")
        + "\n";
    let path = write(&env, "pasted.csv", &text);
    let run = ingest(&env, &[&path]);
    run.success()
        .stderr_has("pasted.csv: dòng 3 là dòng tiêu đề lặp lại");
    assert!(!run.stderr.contains("submitted_at"), "{run}");
    assert_eq!(run.json()[0]["stored"], 2, "{run}");
    assert_eq!(run.json()[0]["malformed"], 0, "{run}");
}

/// A second header that lacks a column every file needs cannot be used: it is refused, and
/// so is every row after it, counted, never read by the first header. Its refusal said
/// "Không nạp gì từ tệp này" beside the row before it, stored: it speaks of what comes
/// after it.
#[test]
fn the_rows_after_a_second_header_that_cannot_be_used_are_refused_not_swapped() {
    let env = TestEnv::seeded();
    let cut = OTHER_ORDER.replace(",consent,confidential,", ",consent,");
    let text = [
        JOINED_HEADER.to_owned(),
        secret_row("U-1", 1),
        cut,
        secret_row_other_order("U-2", 2).replacen(",0,1,0,", ",0,0,", 1),
    ]
    .join("\n")
        + "\n";
    let path = write(&env, "cut.csv", &text);
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("cut.csv:4: ")
        .stderr_has("Không nạp gì từ dòng này trở đi (các dòng trước nó đã được đọc)")
        .never_shows("Không nạp gì từ tệp này");
    let s = &run.json()[0];
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(1), Some(2)),
        "{run}"
    );
    assert_eq!(
        s["malformed_by_reason"]["after_unusable_header"], 1,
        "{run}"
    );
    assert_eq!(stored(&env), 1);
}

/// A stray opening quote took the next line into its record: the error named one line and
/// counted one, and the report on the swallowed line was in no count (3 in, 1 stored and
/// 1 error). Both lines are now named and counted.
#[test]
fn a_quote_left_open_names_and_counts_every_line_it_swallowed() {
    let env = TestEnv::seeded();
    let stray = secret_row("S-1", 1).replacen(",Phường An Xuyên,", ",\"Phường An Xuyên,", 1);
    let text = [
        JOINED_HEADER.to_owned(),
        stray,
        secret_row("S-2", 2),
        secret_row("S-3", 3),
    ]
    .join("\n")
        + "\n";
    let path = write(&env, "stray.csv", &text);
    let errors = env.dir().join("loi.csv");
    let run = ingest(&env, &["--errors", errors.to_str().unwrap(), &path]);
    run.failure()
        .stderr_has("từ dòng 2 đến dòng 3")
        .stderr_has("stray.csv:3: ");
    let s = &run.json()[0];
    assert_eq!(
        s["stored"].as_u64().unwrap() + s["malformed"].as_u64().unwrap(),
        3,
        "every data line is stored or counted as an error: {run}"
    );
    assert_eq!(s["malformed_by_reason"]["line_swallowed"], 1, "{run}");
    let lines: Vec<String> = errors_rows(errors.to_str().unwrap())
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(lines, ["2", "3"]);
}

/// A JSON record giving `confidential` twice kept the last value: `true` then `false` was
/// stored not confidential (Đ9.2), with no word. Such a record is refused, naming the key,
/// in JSON Lines and in an array; the other records of the file are stored.
#[test]
fn a_json_record_giving_a_key_twice_is_refused() {
    let doubled = json_record(
        "JD-1",
        &["confidential"],
        "\"confidential\":true,\"confidential\":false",
    );
    let fine = json_record("JD-2", &[], "");
    for (name, text) in [
        ("twice.jsonl", format!("{doubled}\n{fine}\n")),
        ("twice.json", format!("[{doubled},\n{fine}]\n")),
    ] {
        let env = TestEnv::seeded();
        let path = write(&env, name, &text);
        let run = ingest(&env, &[&path]);
        run.failure()
            .stderr_has("khóa \"confidential\" có hai lần trong bản ghi");
        let s = &run.json()[0];
        assert_eq!(
            (s["stored"].as_u64(), s["malformed"].as_u64()),
            (Some(1), Some(1)),
            "{run}"
        );
        assert_eq!(s["malformed_by_reason"]["doubled_key"], 1, "{run}");
        assert_eq!(
            env.count("SELECT count(*) FROM reports WHERE external_id = 'JD-1'"),
            0
        );
        env.run_as(RECEPTION, &["--lang", "en", "ingest", &path])
            .failure()
            .stderr_has("the key \"confidential\" is given twice");
    }
}

/// Rows of examples/reports.csv, one per phone given, each with that phone.
fn rows_with_phones(phones: &[&str]) -> String {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let phone = headers.iter().position(|h| h == "reporter_phone").unwrap();
    let mut writer = csv::Writer::from_writer(vec![]);
    writer.write_record(&headers).unwrap();
    for (record, number) in reader.records().zip(phones) {
        let record = record.unwrap();
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(c, cell)| if c == phone { number } else { cell })
            .collect();
        writer.write_record(&cells).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Phones as spreadsheets, floats and other exports write them were stored as given, then
/// rejected for good by `validate` (`invalid_phone`, Đ6.3): phananh's own `="0912…"`,
/// `'0912…`, `0084…`, full-width digits, `0912….0`; and `912….0` walked past the
/// set-aside of a lost leading 0. The whole forms are read as the number, the lost 0 set
/// aside, and no report is rejected for its phone.
#[test]
fn phones_as_spreadsheets_write_them_are_read_or_set_aside() {
    let env = TestEnv::seeded();
    let forms = [
        "=\"0912345602\"",
        "'0912345601",
        "0084912345610",
        "０９１２３４５６１３",
        "0912345608.0",
        "912345607.0",
    ];
    let path = write(&env, "phones.csv", &rows_with_phones(&forms));
    let run = ingest(&env, &["--validate", &path]);
    run.failure()
        .stderr_has("mất số 0 ở đầu")
        .stderr_has("(dòng 7)");
    let s = &run.json()[0];
    assert_eq!(s["stored"], 5, "{run}");
    assert_eq!(s["set_aside"], 1, "{run}");
    assert_eq!(s["malformed_by_reason"]["lost_leading_zero"], 1, "{run}");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE status = 'rejected'"),
        0,
        "{run}"
    );
    let mut phones: Vec<String> = env.identities().into_iter().map(|(_, _, p)| p).collect();
    phones.sort();
    assert_eq!(
        phones,
        [
            "0912345601",
            "0912345602",
            "0912345608",
            "0912345610",
            "0912345613"
        ]
    );
}

/// Rows of examples/reports.csv, one per id given, each under that id.
fn rows_with_ids(ids: &[&str]) -> String {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "external_id").unwrap();
    let mut writer = csv::Writer::from_writer(vec![]);
    writer.write_record(&headers).unwrap();
    for (record, id) in reader.records().zip(ids) {
        let record = record.unwrap();
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(c, cell)| if c == column { id } else { cell })
            .collect();
        writer.write_record(&cells).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Numeric app ids Excel spoiled (`000123` → `123`, `20261102093700124` → `2.02611E+16`)
/// were new ids: the Excel copy and the original, in either order, stored each report
/// twice with no word. An id in exponent form is refused (its digits are lost), and an id
/// that is a stored one without (or with) its leading zeros is warned about, naming both.
#[test]
fn numeric_ids_excel_spoiled_are_not_stored_twice_without_a_word() {
    for excel_first in [true, false] {
        let env = TestEnv::seeded();
        let excel = write(&env, "excel.csv", &rows_with_ids(&["123", "2.02611E+16"]));
        let original = write(
            &env,
            "goc.csv",
            &rows_with_ids(&["000123", "20261102093700124"]),
        );
        let (first, second) = if excel_first {
            (&excel, &original)
        } else {
            (&original, &excel)
        };
        let one = ingest(&env, &[first]);
        let two = ingest(&env, &[second]);
        let said = format!("{}{}", one.said(), two.said());
        assert!(
            said.contains("external_id “2.02611E+16” là số Excel đã đổi sang dạng số mũ"),
            "{said}"
        );
        let (near, stored) = if excel_first {
            ("“000123” gần trùng phản ánh 1 (“123”", "000123")
        } else {
            ("“123” gần trùng phản ánh 1 (“000123”", "123")
        };
        assert!(said.contains(near), "{said}");
        assert!(said.contains("chỉ khác các số 0 ở đầu"), "{said}");
        assert_eq!(
            env.count("SELECT count(*) FROM reports WHERE external_id LIKE '%E+%'"),
            0
        );
        assert_eq!(stored_count(&env, stored), 1, "{said}");
    }
}

fn stored_count(env: &TestEnv, ext: &str) -> i64 {
    env.count(&format!(
        "SELECT count(*) FROM reports WHERE external_id = '{ext}'"
    ))
}

/// A newer app's record giving `"reporter": {"name","phone"}` was stored without name and
/// phone (one file-level line "unknown field"), then rejected by `validate` for what the
/// citizen gave (Đ6.3); `"reporter_name": {…}` was stored as the JSON text and a content
/// list joined with `|`. Such records are refused, naming the key; the others stored.
#[test]
fn json_records_with_nested_or_mistyped_fields_are_refused_naming_the_field() {
    let nested = json_record(
        "NS-2",
        &["reporter_name", "reporter_phone", "latitude", "longitude"],
        "\"reporter\":{\"name\":\"Trần Thị Lan\",\"phone\":\"0987654321\"},\"location\":{\"lat\":9.2,\"lon\":105.2},\"app\":{\"version\":\"3.2.1\"}",
    );
    let object_name = json_record(
        "TY-2",
        &["reporter_name"],
        "\"reporter_name\":{\"first\":\"Lan\",\"last\":\"Nguyễn\"}",
    );
    let list_content = json_record(
        "TY-1",
        &["content"],
        "\"content\":[\"Đường ở khóm 4 bị sụt lún.\",\"Đề nghị sửa.\"]",
    );
    let fine = json_record("NS-1", &[], "\"app\":{\"version\":\"3.2.1\"}");
    let env = TestEnv::seeded();
    let path = write(
        &env,
        "nest.jsonl",
        &format!("{fine}\n{nested}\n{object_name}\n{list_content}\n"),
    );
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("nest.jsonl:2: trường \"reporter\" là một đối tượng chứa reporter_name, reporter_phone mà bản ghi thiếu")
        .stderr_has("nest.jsonl:3: reporter_name phải là một chuỗi, gặp một đối tượng")
        .stderr_has("nest.jsonl:4: content phải là một chuỗi, gặp một danh sách")
        .never_shows("Trần Thị Lan")
        .never_shows("0987654321");
    let s = &run.json()[0];
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(1), Some(3)),
        "{run}"
    );
    assert_eq!(s["malformed_by_reason"]["nested_field"], 1, "{run}");
    assert_eq!(s["malformed_by_reason"]["wrong_type"], 2, "{run}");
    assert_eq!(stored_count(&env, "NS-1"), 1);
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &path])
        .failure()
        .stderr_has("field \"reporter\" is an object holding reporter_name, reporter_phone")
        .stderr_has("reporter_name must be a string, found an object");
}

/// An id a JSON file gives as a number JSON reads only as a float: one past 64 bits was
/// refused as "a number Excel turned into an exponent", quoting digits that were not in the
/// file, and `1e5` was stored as "100000.0". Each is refused as what it is; an integer id
/// is stored as written.
#[test]
fn a_json_id_only_a_float_can_hold_is_refused_as_what_it_is() {
    let record = |id: &str| json_record("X", &[], "").replacen("\"X\"", id, 1);
    let env = TestEnv::seeded();
    let path = write(
        &env,
        "ids.jsonl",
        &[
            record("20261030000123456"),
            record("20261030000123456789"),
            record("1e5"),
            record("123.5"),
        ]
        .join("\n"),
    );
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("ids.jsonl:2: external_id là một số có phần thập phân, số mũ hoặc lớn hơn 18446744073709551615")
        .stderr_has("ids.jsonl:3: external_id")
        .stderr_has("ids.jsonl:4: external_id")
        .never_shows("Excel")
        .never_shows("e+19");
    let s = &run.json()[0];
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(1), Some(3)),
        "{run}"
    );
    assert_eq!(s["malformed_by_reason"]["id_not_integer"], 3, "{run}");
    assert_eq!(stored_count(&env, "20261030000123456"), 1);
}

/// Coordinates written the other way round were refused as "latitude: 105.2 is outside
/// -90..90", naming no cause; a row with a longitude and no latitude was stored without a
/// word, a place that places nothing. The first is refused saying the columns look
/// swapped, the second stored and warned about.
#[test]
fn swapped_coordinates_are_named_and_half_a_coordinate_is_warned_about() {
    let env = TestEnv::seeded();
    let swapped = secret_row("SW-1", 1).replacen(",9.2,105.2,", ",105.2,9.2,", 1);
    let half = secret_row("HC-1", 2).replacen(",9.2,105.2,", ",,105.2,", 1);
    let path = write(
        &env,
        "coords.csv",
        &format!("{JOINED_HEADER}\n{swapped}\n{half}\n"),
    );
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("coords.csv:2: latitude, longitude: vĩ độ 105.2 nằm ngoài khoảng -90..90, mà đổi chỗ với 9.2 thì thành một điểm ở Việt Nam")
        .stderr_has("coords.csv:3: cảnh báo: có longitude mà không có latitude");
    let s = &run.json()[0];
    assert_eq!(s["malformed_by_reason"]["coordinates_swapped"], 1, "{run}");
    assert_eq!(
        (s["stored"].as_u64(), s["warnings"].as_u64()),
        (Some(1), Some(1)),
        "{run}"
    );
    let kept = env.show("ext:HC-1");
    assert_eq!(
        (&kept["latitude"], &kept["longitude"]),
        (&Value::Null, &Value::from(105.2))
    );
    // A latitude past 90 whose pair is no place in Vietnam either is out of range, as before.
    let far = secret_row("SW-2", 3).replacen(",9.2,105.2,", ",120.5,40.1,", 1);
    let path = write(&env, "far.csv", &format!("{JOINED_HEADER}\n{far}\n"));
    ingest(&env, &[&path])
        .failure()
        .stderr_has("latitude: 120.5 nằm ngoài khoảng -90..90");
}

/// A row whose columns slipped put a word of the reporter's name where a commune or a
/// yes/no was read, and the message quoted it (`xã, phường “Trinh”`, `confidential:
/// “Huỳnh”`), on screen, in cron's mail and the `--errors` file; the whole name and phones
/// were always hidden. A cell that is the row's reporter's name or a word of it is masked.
#[test]
fn a_word_of_the_reporters_name_in_a_wrong_column_is_never_quoted() {
    let env = TestEnv::seeded();
    let named = |id: &str, minute: u32| {
        secret_row(id, minute).replace("Nguyễn Văn Hùng", "Huỳnh Thị Trinh")
    };
    let in_commune = named("NM-1", 1).replacen(",Phường An Xuyên,", ",Trinh,", 1);
    let in_flag = named("NM-2", 2).replacen(",0912345678,1,0,0,", ",0912345678,Huỳnh,0,0,", 1);
    let path = write(
        &env,
        "slipped.csv",
        &format!("{JOINED_HEADER}\n{in_commune}\n{in_flag}\n"),
    );
    let errors = env.dir().join("slipped-errors.csv");
    let run = ingest(&env, &["--errors", errors.to_str().unwrap(), &path]);
    run.failure()
        .stderr_has("slipped.csv:2: ")
        .stderr_has("slipped.csv:3: confidential: “[đã ẩn]”")
        .never_shows("Trinh")
        .never_shows("Huỳnh");
    let listed = std::fs::read_to_string(&errors).unwrap();
    assert!(
        !listed.contains("Trinh") && !listed.contains("Huỳnh"),
        "{listed}"
    );
    assert!(listed.contains("[đã ẩn]"), "{listed}");
}

/// Text typed with the old TCVN3 or VNI fonts inside a UTF-8 file: the TCVN3 report was
/// stored and accepted as garbage, the VNI one rejected as not Vietnamese (Đ6.1). Each
/// record is refused, naming the font and the converter, never echoing the text.
#[test]
fn legacy_font_text_in_a_utf8_file_is_refused_naming_the_font() {
    let tcvn3 = json_record(
        "TC-1",
        &["content"],
        "\"content\":\"\u{a7}\u{ad}êng ë khóm 4 bÞ sôt lón, nhiÒu æ gµ\"",
    );
    let vni = json_record(
        "VN-1",
        &["address"],
        "\"address\":\"Soá 1 ñöôøng Traàn Phuù\"",
    );
    let fine = json_record("OK-1", &[], "");
    let env = TestEnv::seeded();
    let path = write(&env, "leg.jsonl", &format!("{tcvn3}\n{vni}\n{fine}\n"));
    let run = ingest(&env, &[&path]);
    run.failure()
        .stderr_has("leg.jsonl:1: content: văn bản có vẻ gõ bằng phông cũ TCVN3")
        .stderr_has("leg.jsonl:2: address: văn bản có vẻ gõ bằng phông cũ VNI")
        .stderr_has("công cụ của UniKey")
        .never_shows("Traàn");
    let s = &run.json()[0];
    assert_eq!(s["stored"], 1, "{run}");
    assert_eq!(s["malformed_by_reason"]["legacy_font"], 2, "{run}");
    env.run_as(RECEPTION, &["--lang", "en", "ingest", &path])
        .failure()
        .stderr_has("content: the text seems typed with an old Vietnamese font (TCVN3)");
}

/// A commune pasted with a zero-width space was stored as an unknown commune, warned about
/// by a name that prints as a listed one, and routed to the field's general line
/// (Đ7.1.b). The invisible character is dropped as it is from names: no warning, the
/// listed commune stored.
#[test]
fn a_commune_with_an_invisible_character_is_the_listed_commune() {
    let record = json_record(
        "ZW-1",
        &["commune"],
        "\"commune\":\"Phường An Xuyên\u{200b}\"",
    );
    let env = TestEnv::seeded();
    let path = write(&env, "zw.jsonl", &format!("{record}\n"));
    let run = ingest(&env, &[&path]);
    run.success().never_shows("không có trong danh sách");
    assert_eq!(run.json()[0]["warnings"], 0, "{run}");
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE commune = 'Phường An Xuyên'"),
        1
    );
}

/// A file re-saved by a Vietnamese Excel writes TRUE/FALSE as ĐÚNG/SAI: each row was
/// refused. They are read as yes and no.
#[test]
fn vietnamese_excel_booleans_are_read() {
    let yes = json_record("VB-1", &["confidential"], "\"confidential\":\"ĐÚNG\"");
    let no = json_record("VB-2", &["confidential"], "\"confidential\":\"SAI\"");
    let env = TestEnv::seeded();
    let path = write(&env, "bools.jsonl", &format!("{yes}\n{no}\n"));
    ingest(&env, &[&path]).success();
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE confidential = 1 AND external_id = 'VB-1'"),
        1
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE confidential = 0 AND external_id = 'VB-2'"),
        1
    );
}

/// `--format json ingest` gave `set_aside` only when something was set aside: a script
/// reading it broke on the normal case. It is always there, 0 when none.
#[test]
fn the_json_summary_always_says_set_aside() {
    let env = TestEnv::seeded();
    let path = write(
        &env,
        "one.jsonl",
        &format!("{}\n", json_record("SA-1", &[], "")),
    );
    let run = ingest(&env, &[&path]);
    run.success();
    assert_eq!(run.json()[0]["set_aside"], 0, "{run}");
}

/// A UTF-16 JSON Lines file was refused with advice to turn it into a CSV in Excel. It is
/// told to be saved again as UTF-8 (or exported again); a UTF-16 CSV keeps Excel's advice.
#[test]
fn a_utf16_json_file_gets_advice_for_json() {
    let env = TestEnv::seeded();
    let mut bytes = vec![0xff, 0xfe];
    for unit in format!("{}\n", json_record("U-1", &[], "")).encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let path = env.dir().join("u16.jsonl");
    std::fs::write(&path, &bytes).unwrap();
    let run = env.run_as(RECEPTION, &["ingest", path.to_str().unwrap()]);
    run.failure()
        .stderr_has("là văn bản UTF-16")
        .stderr_has("hãy lưu lại tệp dạng UTF-8 (Notepad")
        .never_shows("CSV UTF-8");
    let csv = env.dir().join("u16.csv");
    std::fs::write(&csv, &bytes).unwrap();
    env.run_as(RECEPTION, &["ingest", csv.to_str().unwrap()])
        .failure()
        .stderr_has("“CSV UTF-8”");
}

/// A header of Vietnamese labels was refused one missing column at a time (external_id,
/// then submitted_at, then the rest). It is refused once, listing the field names to use,
/// never echoing a cell (without a header they would be a report's data).
#[test]
fn a_header_of_labels_is_refused_once_listing_the_field_names() {
    let env = TestEnv::seeded();
    let path = write(
        &env,
        "vihdr.csv",
        "Mã phản ánh,Thời gian gửi,Thời gian xảy ra,Nội dung,Hình ảnh,Vĩ độ,Kinh độ,Địa chỉ,Xã/phường,Họ tên,Số điện thoại,Bí mật,Đồng ý,Khẩn,Lĩnh vực\nVI-1,2026-11-02T08:37:00+07:00,2026-11-02T07:00:00+07:00,Đường sụt lún,https://x.vn/a.jpg,9.2,105.2,Số 1,Phường Tân Thành,Nguyễn Văn Hùng,0912345678,0,1,0,\n",
    );
    env.run_as(RECEPTION, &["ingest", &path])
        .failure()
        .stderr_has("không cột nào trong 15 cột của dòng tiêu đề là tên trường của phananh")
        .stderr_has("external_id, submitted_at, occurred_at, content");
    let second = write(
        &env,
        "v2.csv",
        "content,Mã phản ánh,Thời gian gửi\nĐường sụt lún,VI-1,2026-11-02T08:37:00+07:00\n",
    );
    env.run_as(RECEPTION, &["ingest", &second])
        .failure()
        .stderr_has("thiếu cột external_id, submitted_at trong dòng tiêu đề");
    assert_eq!(stored(&env), 0);
}
