//! Every message, heading, error and report in Vietnamese and in English (`--lang`, env
//! `PHANANH_LANG`; Vietnamese by default). A message that exists in one language only shows
//! up here: English output may not carry Vietnamese letters, Vietnamese output must.

use crate::common::*;

/// Letters only Vietnamese uses (lower case; the check folds case).
const VIETNAMESE: &str = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";

fn has_vietnamese(text: &str) -> bool {
    text.to_lowercase().chars().any(|c| VIETNAMESE.contains(c))
}

/// Commands whose output holds no Vietnamese data, only the tool's own words: tables,
/// headings, explanations, reports of an empty period, and errors.
fn commands() -> Vec<(Option<&'static str>, Vec<&'static str>)> {
    vec![
        (Some(ADMIN), vec!["settings", "show"]),
        (Some(RECEPTION), vec!["sweep", "--dry-run"]),
        (
            Some(LEADER),
            vec!["report", "monthly", "--period", "2030-01"],
        ),
        (Some(AUDITOR), vec!["score", "--explain"]),
        (
            None,
            vec![
                "calendar",
                "deadline",
                "--stage",
                "process",
                "--start",
                "2027-03-05 16:00",
            ],
        ),
        (Some(RECEPTION), vec!["list", "--status", "published"]),
        (Some(RECEPTION), vec!["route", "list"]),
        // Errors.
        (Some(RECEPTION), vec!["show", "99999"]),
        (Some(RECEPTION), vec!["show", "abc"]),
        (Some(HANDLER_SXD), vec!["assign", "1", "--agency", "SXD"]),
        (Some(RECEPTION), vec!["assign", "1", "--agency", "NOPE"]),
        (Some(RECEPTION), vec!["publish", "1"]),
        (Some(ADMIN), vec!["settings", "set", "nope", "1"]),
        (
            Some(ADMIN),
            vec!["settings", "set", "calendar.working_hours", "x"],
        ),
        (Some(ADMIN), vec!["calendar", "remove", "2030-01-01"]),
        (Some(LEADER), vec!["report", "monthly", "--period", "x"]),
        (Some("nobody"), vec!["list"]),
        (None, vec!["list"]),
        (Some(RECEPTION), vec!["--format", "html", "list"]),
        (Some(RECEPTION), vec!["ingest", "missing.csv"]),
        (Some(RECEPTION), vec!["backup", "--out", "phananh.sqlite"]),
        (
            Some(HANDLER_SXD),
            vec!["export", "csv", "--reason", "đối chiếu số liệu"],
        ),
        (Some(LEADER), vec!["backup", "--out", "b.sqlite"]),
        // Usage errors (clap's, worded by phananh in Vietnamese).
        (None, vec!["list", "--bogus"]),
        (None, vec!["list", "--from", "yesterday"]),
        (None, vec!["frobnicate"]),
    ]
}

#[test]
fn every_refusal_names_the_action_refused() {
    let env = TestEnv::validated();
    for (user, args, vi, en) in [
        (
            HANDLER_SXD,
            vec!["export", "csv", "--reason", "đối chiếu số liệu"],
            "xuất đầy đủ dữ liệu kèm thông tin cá nhân (export csv)",
            "may not export csv",
        ),
        (
            LEADER,
            vec!["backup", "--out", "b.sqlite"],
            "sao lưu cơ sở dữ liệu (backup)",
            "may not backup",
        ),
        (
            HANDLER_SXD,
            vec!["validate"],
            "kiểm tra tính đầy đủ của phản ánh (validate)",
            "may not validate",
        ),
        (
            RECEPTION,
            vec!["restore", "b.sqlite"],
            "khôi phục cơ sở dữ liệu (restore)",
            "may not restore",
        ),
        (
            AUDITOR,
            vec!["assign", "1", "--agency", "SXD"],
            "chuyển phản ánh cho cơ quan xử lý (assign)",
            "may not assign",
        ),
    ] {
        let run = env.run_as(user, &args);
        run.failure().one_line_error().stderr_has(vi);
        assert!(
            !run.stderr.contains("(validate)") || args[0] == "validate",
            "{run}"
        );
        let en_args = in_english(&args);
        env.run_as(user, &en_args).failure().stderr_has(en);
    }
}

#[test]
fn every_message_exists_in_both_languages() {
    let env = TestEnv::validated();
    for (user, args) in commands() {
        let run = |lang: Option<&str>, via_env: bool| {
            let mut cmd = env.command();
            if let Some(user) = user {
                cmd.args(["--as", user]);
            }
            match (lang, via_env) {
                (Some(l), true) => {
                    cmd.env("PHANANH_LANG", l);
                }
                (Some(l), false) => {
                    cmd.args(["--lang", l]);
                }
                _ => {}
            }
            let out = cmd.args(&args).output().unwrap();
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        };
        let vi = run(None, false);
        let en = run(Some("en"), false);
        let en_env = run(Some("en"), true);
        let what = args.join(" ");
        assert!(
            has_vietnamese(&vi),
            "Vietnamese missing for `{what}`:\n{vi}"
        );
        assert!(
            !has_vietnamese(&en),
            "Vietnamese left in English for `{what}`:\n{en}"
        );
        assert_eq!(
            en, en_env,
            "PHANANH_LANG=en differs from --lang en for `{what}`"
        );
        assert_ne!(vi, en, "`{what}` says the same in both languages");
    }
}

/// Decimals on screen are written the reader's way: `88,17` in Vietnamese, as the periodic
/// report prints its rates, `88.17` in English. The files stay data with a point (the CSV;
/// Excel readers take the workbook, whose numbers are numbers).
#[test]
fn score_decimals_on_screen_are_written_the_readers_way() {
    let mut env = crate::reports::history_env();
    env.set_now("2026-12-31T17:00:00+07:00");
    let json = env
        .run_as(AUDITOR, &["score", "--year", "2026", "--format", "json"])
        .success()
        .json();
    let scores: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| row["score"].as_f64())
        .map(|score| format!("{score:.2}"))
        .collect();
    assert!(scores.len() > 5, "{json}");
    let vi = env
        .run_as(AUDITOR, &["score", "--year", "2026"])
        .success()
        .stdout
        .clone();
    let en = env
        .run_as(AUDITOR, &["--lang", "en", "score", "--year", "2026"])
        .success()
        .stdout
        .clone();
    for score in &scores {
        let comma = score.replace('.', ",");
        assert!(vi.contains(&format!(" {comma} ")), "{comma} in\n{vi}");
        assert!(!vi.contains(&format!(" {score} ")), "{score} in\n{vi}");
        assert!(en.contains(&format!(" {score} ")), "{score} in\n{en}");
    }
    let csv = env
        .run_as(AUDITOR, &["score", "--year", "2026", "--format", "csv"])
        .success()
        .stdout
        .clone();
    assert!(csv.contains(&format!(",{},", scores[0])), "{csv}");
}

/// An English count of one is singular: a database with one report verifies as "1 report",
/// a file with one column the tool does not know says "1 unknown column".
#[test]
fn english_counts_of_one_are_singular() {
    let env = TestEnv::seeded();
    let examples = std::fs::read_to_string(example("reports.csv")).unwrap();
    let mut lines = examples.lines();
    let (header, first) = (lines.next().unwrap(), lines.next().unwrap());
    let file = env.dir().join("one.csv");
    std::fs::write(&file, format!("{header},ghi_chu\n{first},x\n")).unwrap();
    env.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "ingest",
            "--validate",
            file.to_str().unwrap(),
        ],
    )
    .success()
    .stderr_has("1 unknown column ignored: \"ghi_chu\"")
    .never_shows("1 unknown columns")
    .stderr_has("checked 1 new report: ")
    .never_shows("1 new reports");
    env.run_as(AUDITOR, &["--lang", "en", "audit", "verify"])
        .success()
        .stderr_has(", 1 report, ")
        .never_shows("1 reports");
}

/// A count of a thousand or more in a message is written as its reader writes it, as the
/// report's tables write it: "1.200" in Vietnamese (the comma being the decimal mark),
/// "1,200" in English. Ingest and validate printed "1200", beside "1.200" in the tables.
#[test]
fn counts_in_messages_group_their_thousands() {
    let env = TestEnv::seeded();
    let file = many_reports_csv(&env, "many.csv", "NGHIN", 1_200);
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let english = TestEnv::from_bytes(&env.snapshot());
    let vi = env.run_as(RECEPTION, &["validate"]);
    vi.success()
        .stderr_has("Đã kiểm tra 1.200 phản ánh: 1.078 tiếp nhận, 122 từ chối.")
        .never_shows("1200");
    let en = english.run_as(RECEPTION, &["--lang", "en", "validate"]);
    en.success()
        .stderr_has("checked 1,200 reports: 1,078 accepted, 122 rejected")
        .never_shows("1200");
    // Ids and app ids are names, not counts: the ones above 999 stay plain.
    env.run_as(RECEPTION, &["show", "1200", "--format", "json"])
        .success()
        .stdout_has("\"NGHIN-001199\"");
}

/// An English report on a span of days named it "15/12/2025 to
/// 15/01/2026" in its title, its HTML, its workbook and its CSV, beside "from 2025-12-15" on
/// the next line.
#[test]
fn an_english_span_of_days_is_named_with_english_dates_in_every_form() {
    let mut env = TestEnv::validated();
    env.set_now("2026-11-05T17:00:00+07:00");
    let span = [
        "--lang",
        "en",
        "report",
        "range",
        "--from",
        "2026-08-01",
        "--to",
        "2026-08-15",
    ];
    let name = "2026-08-01 to 2026-08-15";
    let table = env.run_as(LEADER, &span).success().stdout.clone();
    assert!(table.lines().next().unwrap().ends_with(name), "{table}");
    let csv = env
        .run_as(LEADER, &[&span[..], &["--format", "csv"]].concat())
        .success()
        .stdout
        .clone();
    assert!(csv.contains(&format!("period,,label,{name}")), "{csv}");
    let html = env
        .run_as(LEADER, &[&span[..], &["--format", "html"]].concat())
        .success()
        .stdout
        .clone();
    assert!(html.contains(&format!(
        "<title>Report on the receipt and handling of on-the-spot reports — {name}</title>"
    )));
    assert!(html.contains(&format!("on-the-spot reports, {name}</p>")));
    for text in [&table, &csv, &html] {
        assert!(!text.contains("01/08/2026"), "a Vietnamese date in English");
    }
}

/// A file phananh will not read — a table or a checkpoint past its size limit, a key file
/// past its own or not a key file at all — is refused in the reader's language only: the
/// reason read "larger than 8 MiB / lớn hơn 8 MiB" in both languages, and a key file's
/// reason stayed English inside the Vietnamese message.
#[test]
fn a_file_phananh_will_not_read_is_refused_in_one_language() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::validated();
    let sized = |name: &str, len: u64| {
        let path = env.dir().join(name);
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(len).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let (table, checkpoint, key) = (
        sized("big.csv", 9 << 20),
        sized("big.json", 9 << 20),
        sized("big.key", 65 << 10),
    );
    let passwd = env.dir().join("passwd");
    std::fs::write(&passwd, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    std::fs::set_permissions(&passwd, std::fs::Permissions::from_mode(0o600)).unwrap();
    let passwd = passwd.to_str().unwrap().to_owned();
    let signing = env.dir().join("audit.key");
    env.run(&["audit", "keygen", "--out", signing.to_str().unwrap()])
        .success();
    let public = format!("{}.pub", signing.display());
    let reveal = |key: &str| {
        vec![
            "--key-file",
            key,
            "show",
            "5",
            "--reveal",
            "--reason",
            "Gọi lại xác minh",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    };
    let owned = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let cases = [
        (
            ADMIN,
            owned(&["agency", "import", &table]),
            "lớn hơn 8 MiB",
            "larger than 8 MiB",
        ),
        (
            AUDITOR,
            owned(&[
                "audit",
                "verify",
                "--checkpoint",
                &checkpoint,
                "--pubkey",
                &public,
            ]),
            "lớn hơn 8 MiB",
            "larger than 8 MiB",
        ),
        (
            RECEPTION,
            reveal(&key),
            "lớn hơn 64 KiB",
            "larger than 64 KiB",
        ),
        (
            RECEPTION,
            reveal(&passwd),
            "không phải tệp khóa phananh",
            "not a phananh key file",
        ),
    ];
    for (user, args, vi, en) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let in_vi = [&["--lang", "vi"][..], &args].concat();
        env.run_as(user, &in_vi)
            .failure()
            .stderr_has(vi)
            .never_shows(en);
        let in_en = in_english(&args);
        let run = env.run_as(user, &in_en);
        run.failure().stderr_has(en).never_shows(vi);
        assert!(
            !has_vietnamese(&run.stderr),
            "Vietnamese left in English for `{}`:\n{}",
            args.join(" "),
            run.stderr
        );
    }
}

/// `PHANANH_LANG=EN` in a profile (or `--lang EN`) failed every command, exit 2, with a
/// Vietnamese usage error: the language is now read in any case, as the help and usage
/// errors already read it.
#[test]
fn the_language_is_read_in_any_case() {
    let env = TestEnv::validated();
    let mut cmd = env.command();
    cmd.env("PHANANH_LANG", "EN")
        .args(["--as", RECEPTION, "list", "--limit", "1"]);
    let upper = Run::of(cmd, &[]);
    upper
        .success()
        .stdout_has("Status")
        .never_shows("Trạng thái");
    env.run_as(RECEPTION, &["--lang", "En", "sweep", "--dry-run"])
        .success()
        .stdout_has("Swept at");
}
