//! `demo`: a database built from the embedded examples and played through every status,
//! with an intact audit chain; a later demo replaces it; anything else is left alone.

use crate::common::*;

/// Every workflow action of docs/rules.md §2 that the played months must contain.
const ACTIONS: [&str; 14] = [
    "ingest",
    "accept",
    "reject",
    "classify",
    "assign",
    "return",
    "answer",
    "reply",
    "verify_send_back",
    "verify_approve",
    "mark_state_secret",
    "publish",
    "rate",
    "duplicate",
];

#[test]
fn demo_plays_every_step_and_leaves_a_verifiable_database() {
    // The binary's one `demo` run (common.rs, `played_demo`): its output, then its database.
    let run = &played_demo().run;
    let env = TestEnv::demo();
    let played = run
        .stdout
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("Cơ sở dữ liệu trình diễn: "))
        .expect("the demo names its database first");
    run.success()
        .stdout_has("phananh.sqlite")
        .stdout_has("Đã công khai")
        // It ends with the monthly report of the month it played, as of the moment it stopped.
        .stdout_has("BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH HIỆN TRƯỜNG THÁNG 10 NĂM 2026")
        // The moment as officials write it (issue 20: no RFC 3339 in a Vietnamese table).
        .stdout_has("số liệu tính đến 31/10/2026\u{a0}17:20")
        .stdout_has("Các trường hợp trễ hạn")
        // The commands to try next name the database just played (here PHANANH_DB's, not
        // the default phananh-demo.sqlite), so that they read what the demo wrote.
        .stdout_has(&format!(
            "phananh --db {played} --as tiepnhan.lan list --status assigned"
        ))
        .never_shows("phananh-demo.sqlite");
    assert_eq!(
        env.count("SELECT count(*) FROM reports"),
        EXAMPLE_REPORTS as i64
    );
    for action in ACTIONS {
        let n = env.count(&format!(
            "SELECT count(*) FROM events WHERE action = '{action}'"
        ));
        assert!(n > 0, "the demo never did {action}");
    }
    for status in [
        "rejected",
        "published",
        "closed_private",
        "duplicate",
        "received",
    ] {
        let n = env.count(&format!(
            "SELECT count(*) FROM reports WHERE status = '{status}'"
        ));
        assert!(n > 0, "no report ends {status}");
    }
    // Reports submitted in the last hours stay open, as at any real moment.
    let open = env.count(
        "SELECT count(*) FROM reports WHERE status IN
         ('received', 'accepted', 'assigned', 'returned', 'replied', 'verified')",
    );
    assert!(open > 0);
    // Played by the example accounts, in time order.
    assert!(env.count("SELECT count(*) FROM events WHERE actor = 'xuly.sxd.hung'") > 0);
    let out_of_order = env
        .count("SELECT count(*) FROM events a JOIN events b ON b.id = a.id + 1 WHERE b.at < a.at");
    assert_eq!(out_of_order, 0);
    env.run_as(LEADER, &["audit", "verify"]).success();
    // Nobody's personal data in what the demo prints.
    let phone = env.identities()[0].2.clone();
    assert!(!phone.is_empty());
    run.never_shows(&phone);
}

#[test]
fn a_second_demo_replaces_the_first_and_plays_the_same() {
    // The first demo is the binary's one `demo` run (common.rs, `played_demo`).
    let env = TestEnv::demo();
    let first = env.fingerprint();
    let first_identities = env.identities();
    env.run(&["demo"]).success();
    // Every row is the same but for the system clock each event records when it is written
    // (docs/rules.md §7), the encrypted identities (a new key, new nonces) and the seals
    // over both; the identities opened are the same, and each chain verifies.
    let second = env.fingerprint();
    if let Some(difference) = first
        .without_system_clock()
        .without_encryption()
        .first_difference(&second.without_system_clock().without_encryption())
    {
        panic!("the second demo played differently: {difference}");
    }
    assert_eq!(env.identities(), first_identities);
    env.run_as(LEADER, &["audit", "verify"]).success();
}

#[test]
fn demo_never_overwrites_a_database_with_other_data() {
    let env = TestEnv::seeded();
    let before = env.fingerprint();
    env.run(&["demo"])
        .failure()
        .one_line_error()
        .stderr_has("--db");
    env.assert_unchanged(&before);
}

#[test]
fn demo_never_overwrites_a_file_that_is_not_a_database() {
    let env = TestEnv::empty();
    std::fs::write(env.db(), "ghi chú riêng\n").unwrap();
    env.run(&["demo"]).failure().one_line_error();
    assert_eq!(
        std::fs::read_to_string(env.db()).unwrap(),
        "ghi chú riêng\n"
    );
}

/// `demo --until` with a time that names no moment exited 1, as a failure of the run would,
/// where the guide's table of exit statuses says a time that does not exist is a usage error
/// (exit 2); nothing is played or written. A day the calendar lacks is said to be so.
#[test]
fn an_until_that_names_no_moment_is_a_usage_error() {
    let env = TestEnv::empty();
    for (lang, until, said) in [
        (
            "vi",
            "31/11/2026",
            "--until “31/11/2026”: không có ngày này: tháng 11/2026 có 30 ngày.",
        ),
        (
            "en",
            "31/11/2026",
            "--until \"31/11/2026\": no such day: November 2026 has 30 days",
        ),
        (
            "vi",
            "hôm qua",
            "--until “hôm qua” không phải thời điểm hợp lệ; dùng RFC 3339.",
        ),
        (
            "en",
            "hôm qua",
            "--until \"hôm qua\" is not a valid time; use RFC 3339",
        ),
    ] {
        env.run(&["--lang", lang, "demo", "--until", until])
            .code(2)
            .one_line_error()
            .stderr_has(said);
        assert!(!env.db().exists());
    }
}

/// The commands the demo offers to try next named `phananh-demo.sqlite` whatever `--db` (or
/// `PHANANH_DB`) chose: a leader who played `demo --db thu.sqlite` and copied them opened,
/// or was refused, another file. They now name the database played, quoted where a shell
/// needs it, and run as printed.
#[test]
fn the_commands_to_try_next_name_the_database_played() {
    let env = TestEnv::empty();
    let db = env.dir().join("thử nghiệm.sqlite");
    let run = env.run(&["demo", "--db", db.to_str().unwrap()]);
    run.success();
    let commands: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| *l != "Thử tiếp:")
        .skip(1)
        .take_while(|l| l.starts_with("  phananh "))
        .map(str::trim)
        .collect();
    assert_eq!(commands.len(), 2, "{run}");
    let bin_dir = bin().parent().unwrap().to_owned();
    for command in commands {
        assert!(command.contains("thử nghiệm.sqlite"), "{command}");
        let output = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(env.dir())
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
            .env("PHANANH_NOW", "2026-11-01T08:00:00+07:00")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{command}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// `demo --reports` (the ingest CSV format, its help says) refused the file Excel saves under
/// Vietnamese settings, semicolons between cells, which `ingest` reads: "Tệp phản ánh không
/// có cột external_id.". It now reads the header as `ingest` does, and plays such a copy
/// (with its byte-order mark, CRLF, `dd/mm/yyyy hh:mm` and decimal commas) as it plays the
/// file it came from.
#[test]
fn demo_plays_an_excel_semicolon_copy_as_it_plays_the_original() {
    let env = TestEnv::empty();
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().take(30).map(Result::unwrap).collect();
    let mut original = csv::Writer::from_writer(vec![]);
    original.write_record(&header).unwrap();
    let mut excel = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    excel.write_record(&header).unwrap();
    let decimal = |c: &str| match c.split_once('.') {
        Some((whole, part)) if whole.parse::<u8>().is_ok() && part.parse::<u32>().is_ok() => {
            format!("{whole},{part}")
        }
        _ => c.to_owned(),
    };
    for row in &rows {
        original.write_record(row).unwrap();
        excel.write_record(row.iter().map(decimal)).unwrap();
    }
    let played = |name: &str, text: Vec<u8>| {
        let path = env.dir().join(format!("{name}.csv"));
        std::fs::write(&path, text).unwrap();
        let db = env.dir().join(format!("{name}.sqlite"));
        let run = env.run(&[
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--reports",
            path.to_str().unwrap(),
        ]);
        run.success();
        run.stdout.replace(name, "TỆP")
    };
    let excel = excel.into_inner().unwrap();
    assert!(String::from_utf8_lossy(&excel).contains(";9,"));
    let from_excel = played("excel", excel);
    assert!(
        from_excel.contains("Nhận từ ứng dụng           ┆ 30"),
        "{from_excel}"
    );
    assert_eq!(from_excel, played("goc", original.into_inner().unwrap()));
}
