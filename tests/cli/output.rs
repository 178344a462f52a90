//! Output shared by every listing (docs/rules.md §6; README, "Interfaces"): `--format table|csv|json`,
//! `--lang vi|en` with Vietnamese by default, data on stdout and status on stderr (a
//! `--format json` run's error as JSON there), and the `list` filters.

use serde_json::Value;

use crate::common::*;

fn csv_of(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a CSV header").clone();
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("not CSV ({e}):\n{text}"));
    (header, rows)
}

#[test]
fn list_as_csv_has_a_header_and_one_record_per_report() {
    let env = TestEnv::validated();
    let run = env.run_as(RECEPTION, &["list", "--format", "csv"]);
    run.success();
    let (header, rows) = csv_of(&run.stdout);
    assert!(
        run.stdout.starts_with("id,external_id"),
        "header: {header:?}"
    );
    assert_eq!(rows.len(), EXAMPLE_REPORTS);
    let status = header
        .iter()
        .position(|h| h == "status")
        .expect("a status column");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    assert_eq!(
        rows.iter().filter(|r| &r[status] == "rejected").count(),
        34,
        "machine values, not labels"
    );
}

#[test]
fn an_empty_csv_listing_keeps_its_header() {
    let env = TestEnv::validated();
    let run = env.run_as(
        RECEPTION,
        &["list", "--status", "duplicate", "--format", "csv"],
    );
    run.success();
    let (empty_header, rows) = csv_of(&run.stdout);
    assert!(rows.is_empty());
    // The same columns as when rows are there, so a script reads both alike.
    let full = env.run_as(RECEPTION, &["list", "--format", "csv"]);
    let (full_header, _) = csv_of(&full.success().stdout);
    assert_eq!(empty_header, full_header, "{run}");
}

#[test]
fn list_as_json_is_an_array_of_reports() {
    let env = TestEnv::validated();
    let listed = env
        .run_as(RECEPTION, &["list", "--format", "json"])
        .success()
        .json();
    let rows = array(&listed);
    assert_eq!(rows.len(), EXAMPLE_REPORTS);
    for row in rows {
        assert!(row["id"].is_i64(), "{row}");
        assert!(row["external_id"].is_string(), "{row}");
        assert!(row["status"].is_string(), "{row}");
    }
    let empty = env
        .run_as(
            RECEPTION,
            &["list", "--status", "duplicate", "--format", "json"],
        )
        .success()
        .json();
    assert_eq!(empty, serde_json::json!([]));
}

#[test]
fn tables_are_vietnamese_by_default_and_english_with_lang_en() {
    let env = TestEnv::validated();
    let vi = env
        .run_as(RECEPTION, &["list", "--status", "accepted", "--limit", "3"])
        .success()
        .stdout
        .clone();
    assert!(vi.contains("Chờ phân phối"), "{vi}");
    assert!(vi.contains("Mã ứng dụng"), "{vi}");
    assert!(!vi.contains("Awaiting dispatch"), "{vi}");
    let en = env
        .run_as(
            RECEPTION,
            &[
                "--lang", "en", "list", "--status", "accepted", "--limit", "3",
            ],
        )
        .success()
        .stdout
        .clone();
    assert!(en.contains("Awaiting dispatch"), "{en}");
    assert!(en.contains("External id"), "{en}");
    assert!(!en.contains("Chờ phân phối"), "{en}");
    // JSON keeps machine values in both languages.
    for lang in ["vi", "en"] {
        let listed = env
            .run_as(
                RECEPTION,
                &[
                    "--lang", lang, "list", "--limit", "1", "--status", "accepted", "--format",
                    "json",
                ],
            )
            .success()
            .json();
        assert_eq!(listed[0]["status"], "accepted");
    }
}

#[test]
fn status_goes_to_stderr_and_data_to_stdout() {
    let env = TestEnv::ingested();
    let run = env.run_as(RECEPTION, &["validate", "--format", "json"]);
    run.success();
    assert_eq!(array(&run.json()).len(), 340, "stdout is pure JSON");
    assert!(!run.stderr.trim().is_empty(), "a summary on stderr\n{run}");
}

#[test]
fn an_ingest_summary_in_english() {
    let env = TestEnv::seeded();
    std::fs::copy(example("bad/reports.json"), env.dir().join("reports.json")).unwrap();
    let run = env.run_as(RECEPTION, &["--lang", "en", "ingest", "reports.json"]);
    run.success();
    insta::assert_snapshot!(run.stdout, @r"
    ┌──────────────┬────────┬────────┬─────────────────┬───────────┬──────────┬──────────┬─────────┐
    │ File         ┆ Format ┆ Stored ┆ Already present ┆ Malformed ┆ Warnings ┆ First id ┆ Last id │
    ╞══════════════╪════════╪════════╪═════════════════╪═══════════╪══════════╪══════════╪═════════╡
    │ reports.json ┆ json   ┆ 5      ┆ 0               ┆ 0         ┆ 0        ┆ 1        ┆ 5       │
    └──────────────┴────────┴────────┴─────────────────┴───────────┴──────────┴──────────┴─────────┘
    ");
}

#[test]
fn a_workflow_step_prints_one_sentence() {
    let env = TestEnv::validated();
    let run = env.run_as(RECEPTION, &["classify", "5", "--field", "GT"]);
    run.success();
    let event = env.count("SELECT max(id) FROM events");
    assert_eq!(
        run.stdout.trim_end(),
        format!(
            "Phản ánh 5 (CMG-2026-000105): đã ghi lĩnh vực GT, vẫn Chờ phân phối [sự kiện {event}]"
        )
    );
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "assign", "5", "--agency", "SXD"],
    );
    run.success();
    let event = env.count("SELECT max(id) FROM events");
    assert_eq!(
        run.stdout.trim_end(),
        format!(
            "Report 5 (CMG-2026-000105): Awaiting dispatch → Being handled (assigned to SXD) [event {event}]"
        )
    );
}

#[test]
fn list_filters_by_status_date_and_search() {
    let env = TestEnv::validated();
    let count = |args: &[&str]| -> usize {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        array(&env.run_as(RECEPTION, &all).success().json()).len()
    };
    assert_eq!(count(&["--status", "rejected"]), 34);
    assert_eq!(count(&["--status", "accepted,rejected"]), 340);
    assert_eq!(count(&["--limit", "7"]), 7);
    let august = count(&["--from", "2026-08-01", "--to", "2026-08-31"]);
    let september = count(&["--from", "01/09/2026", "--to", "30/09/2026"]);
    let october = count(&["--from", "2026-10-01", "--to", "2026-10-31"]);
    assert!(august > 0 && september > 0 && october > 0);
    assert_eq!(august + september + october, 340);
    // "duong" finds "Đường": case and diacritics are ignored.
    let plain = count(&["--search", "duong"]);
    let accented = count(&["--search", "ĐƯỜNG"]);
    assert!(plain > 0);
    assert_eq!(plain, accented);
    env.run_as(
        RECEPTION,
        &["list", "--from", "2026-09-01", "--to", "2026-08-01"],
    )
    .code(2)
    .one_line_error();
    env.run_as(RECEPTION, &["list", "--status", "open"]).code(2);
}

/// A code typed in a filter is the code whatever its case, and a code that names nothing
/// is refused as `assign` refuses it: a tired operator's typo must not read as "no
/// overdue report for this agency" (exit 0 and an empty table).
#[test]
fn list_filters_name_real_agencies_and_fields_whatever_the_case() {
    let env = TestEnv::demo();
    let ids = |user: &str, args: &[&str]| -> Vec<i64> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        array(&env.run_as(user, &all).success().json())
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    for (upper, lower) in [
        (&["--agency", "PCCM"][..], &["--agency", "pccm"][..]),
        (&["--field", "GT"], &["--field", "gt"]),
    ] {
        let listed = ids(RECEPTION, upper);
        assert!(!listed.is_empty(), "{upper:?}");
        assert_eq!(ids(RECEPTION, lower), listed, "{lower:?}");
    }
    assert_eq!(
        ids(HANDLER_PCCM, &["--agency", "pccm"]),
        ids(HANDLER_PCCM, &[])
    );
    for args in [
        &["list", "--agency", "PCCMM"][..],
        &["list", "--overdue", "--agency", "SXDD"],
        &["list", "--due", "2026-11-04", "--agency", "PCCMM"],
        &["--format", "json", "list", "--agency", "PCCMM"],
    ] {
        let run = env.run_as(RECEPTION, args);
        run.failure()
            .one_line_error()
            .stderr_has("Không có cơ quan mã")
            .stderr_has("phananh agency list");
        assert!(run.stdout.is_empty(), "{run}");
    }
    env.run_as(RECEPTION, &["--lang", "en", "list", "--field", "DIENN"])
        .failure()
        .stderr_has("there is no field \"DIENN\"; did you mean DIEN? See `phananh field list`");
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let env = TestEnv::validated();
    for format in ["table", "csv", "json"] {
        let mut child = env
            .std_command()
            .args(["--as", RECEPTION, "list", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawning phananh");
        // Like `phananh list | head -c 16`: read a little, then close the pipe. Every format
        // prints far more than a pipe holds, so the next write meets a closed pipe.
        let mut stdout = child.stdout.take().unwrap();
        let mut start = [0u8; 16];
        stdout.read_exact(&mut start).unwrap();
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "list --format {format} into a closed pipe: {:?}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// `list` streams in the order it always had (urgent first, then by submission time and
/// number), whole in CSV and JSON, a screenful in a table, and `--limit` is a prefix of it.
/// The statuses in which a report is finished (`Status::is_final`), as SQL.
const FINISHED: &str = "('rejected', 'published', 'closed_private', 'duplicate')";

/// A handler's day starts with what is still to answer: the one report with the agency
/// comes before the months of its closed urgent reports, and urgency
/// still orders each part.
#[test]
fn a_handlers_list_puts_open_work_first_and_urgent_first_within_open_and_finished() {
    let mut env = TestEnv::demo();
    let file = env.dir().join("d.csv");
    std::fs::write(
        &file,
        "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint\n\
         D-1,2026-11-04T07:11:00+07:00,2026-11-04T07:00:00+07:00,Cột điện bằng bê tông ở ấp Xóm Mới bị nứt chân sợ gặp gió lớn sẽ ngã,https://x/1.jpg,9.05,105.24,Ấp Xóm Mới,Xã Tạ An Khương,Nguyễn Thị Mỹ Phượng,0330253150,0,1,0,\n",
    )
    .unwrap();
    env.set_now("2026-11-04T08:00:00+07:00");
    env.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["classify", "ext:D-1", "--field", "DIEN"])
        .success();
    env.run_as(RECEPTION, &["assign", "ext:D-1", "--agency", "PCCM"])
        .success();
    let listed = env
        .run_as(HANDLER_PCCM, &["--format", "json", "list"])
        .success()
        .json();
    let rows: Vec<(String, bool, String)> = array(&listed)
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap().to_owned(),
                r["urgent"].as_bool().unwrap(),
                r["submitted_at"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(array(&listed)[0]["external_id"], "D-1", "{listed:#}");
    let finished =
        |status: &str| ["rejected", "published", "closed_private", "duplicate"].contains(&status);
    assert!(rows.iter().any(|(s, urgent, _)| finished(s) && *urgent));
    let keys: Vec<(bool, bool, &str)> = rows
        .iter()
        .map(|(s, urgent, at)| (finished(s), !urgent, at.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "open, then urgent, then oldest: {listed:#}");
}

#[test]
fn list_streams_open_then_urgent_first_then_by_time_and_a_limit_is_a_prefix() {
    let env = TestEnv::validated();
    let expected: Vec<i64> = env.column(&format!(
        "SELECT id FROM reports ORDER BY status IN {FINISHED}, urgent DESC, submitted_at, id"
    ));
    assert!(
        expected.len() > 200,
        "the examples hold more than a table shows"
    );
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["--format", "json", "list"];
        all.extend_from_slice(args);
        array(&env.run_as(ADMIN, &all).success().json())
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&[]), expected);
    assert_eq!(ids(&["--limit", "7"]), expected[..7]);
    let urgent: Vec<i64> = env.column(&format!(
        "SELECT id FROM reports WHERE urgent = 1 ORDER BY status IN {FINISHED}, submitted_at, id"
    ));
    assert!(!urgent.is_empty());
    assert_eq!(ids(&["--urgent"]), urgent);
    let csv = env
        .run_as(ADMIN, &["--format", "csv", "list"])
        .success()
        .stdout
        .clone();
    assert_eq!(
        csv.lines().count(),
        expected.len() + 1,
        "header and every report"
    );
    let table = env.run_as(ADMIN, &["list"]).success().stdout.clone();
    assert!(
        table.contains(&format!("… và {} dòng khác", expected.len() - 200)),
        "{table}"
    );
}

/// The error of a `--format json` run, as a script reads it: the last line of stderr, one
/// JSON object; stdout holds nothing.
fn json_error(run: &Run, exit: i32) -> Value {
    assert_eq!(run.code, Some(exit), "{run}");
    assert_eq!(run.stdout, "", "nothing on stdout\n{run}");
    let last = run.stderr.lines().last().unwrap_or_default();
    let parsed: Value = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}\n{run}"));
    let error = &parsed["error"];
    assert_eq!(error["exit"], exit, "{run}");
    assert_eq!(parsed.as_object().map(|o| o.len()), Some(1), "{run}");
    error.clone()
}

/// A script that asked for JSON gets its errors as JSON too, each with a kind it can
/// branch on whatever the language, the message in the language asked for and the exit
/// status the error has without JSON; refused, missing, a usage error clap found and one
/// the tool found, a database that is not there.
#[test]
fn a_json_runs_error_is_one_json_object_with_its_kind_on_stderr() {
    let env = TestEnv::validated();
    let missing = json_error(
        &env.run_as(RECEPTION, &["show", "99999", "--format", "json"]),
        1,
    );
    assert_eq!(missing["kind"], "not_found");
    assert_eq!(
        missing["message"],
        "Không tìm thấy phản ánh 99999; xem `phananh list`."
    );
    let english = json_error(
        &env.run_as(
            RECEPTION,
            &["--lang", "en", "show", "99999", "--format=json"],
        ),
        1,
    );
    assert_eq!(english["kind"], "not_found");
    assert_eq!(english["message"], "no report 99999; see `phananh list`");
    let nobody = json_error(&env.run_as("nobody", &["list", "--format", "json"]), 1);
    assert_eq!(nobody["kind"], "not_found");

    let role = json_error(
        &env.run_as(
            HANDLER_SXD,
            &[
                "--format",
                "json",
                "staff",
                "add",
                "x.y",
                "--name",
                "X",
                "--role",
                "reception",
            ],
        ),
        1,
    );
    assert_eq!(role["kind"], "forbidden", "{role}");
    let format = json_error(
        &env.run_as(LEADER, &["export", "csv", "--public", "--format", "json"]),
        1,
    );
    assert_eq!(format["kind"], "refused", "{format}");

    let clap = json_error(
        &env.run_as(RECEPTION, &["list", "--format", "json", "--bogus"]),
        2,
    );
    assert_eq!(clap["kind"], "usage");
    assert!(
        clap["message"].as_str().unwrap().contains("--bogus"),
        "{clap}"
    );
    let bad_time = json_error(
        &env.run(&["list", "--format", "json", "--now", "hôm qua"]),
        2,
    );
    assert_eq!(bad_time["kind"], "usage");

    let absent = json_error(
        &env.run_as(
            RECEPTION,
            &["--db", "khong-co.sqlite", "list", "--format", "json"],
        ),
        1,
    );
    assert_eq!(absent["kind"], "no_database");

    // Without JSON asked for, the same error is the sentence it always was.
    let text = env.run_as(RECEPTION, &["show", "99999"]);
    assert_eq!(text.code, Some(1), "{text}");
    assert_eq!(
        text.stderr,
        "phananh: Không tìm thấy phản ánh 99999; xem `phananh list`.\n"
    );
    let usage = env.run_as(RECEPTION, &["list", "--format", "csv", "--bogus"]);
    assert_eq!(usage.code, Some(2), "{usage}");
    assert!(usage.stderr.starts_with("lỗi: "), "{usage}");
}
