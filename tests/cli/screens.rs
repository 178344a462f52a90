//! Screens that fit (issue 20, point 2) and spreadsheets that stay clean (point 6), for every
//! command that prints a table: on the database `demo` plays, each table at 80 and 120
//! columns has no line wider than the screen (piped, with no `COLUMNS`, every column is
//! kept, from 120 columns up as the columns need) and no word or
//! time split across lines — every word shown is a word of the same table laid out with room
//! to spare, or that word shortened with "…" — and a Vietnamese table shows labels and
//! `dd/mm/yyyy HH:MM` times, not stored codes and RFC 3339. Each kind of table is also kept
//! as a snapshot at both widths (review changes with `cargo insta review`). Then every
//! command that writes CSV is given data carrying control and bidirectional characters and
//! must write none of them.

use std::collections::HashSet;

use crate::common::*;

/// A command that prints a table: its name for the snapshots, the account it runs as, its
/// arguments, and whether its Vietnamese table must be free of stored codes and RFC 3339
/// times (`calendar deadline` prints the exact stored deadline beside the readable one, and
/// the reference lists show codes that are what an operator types).
struct Screen {
    name: &'static str,
    user: &'static str,
    args: &'static [&'static str],
    labels_only: bool,
}

const fn screen(
    name: &'static str,
    user: &'static str,
    args: &'static [&'static str],
    labels_only: bool,
) -> Screen {
    Screen {
        name,
        user,
        args,
        labels_only,
    }
}

/// Every command that prints a table, on the demo's database.
const SCREENS: &[Screen] = &[
    screen("list", ADMIN, &["list", "--limit", "12"], true),
    screen(
        "list_search",
        RECEPTION,
        &["list", "--search", "tan thanh", "--limit", "12"],
        true,
    ),
    screen(
        "list_due",
        RECEPTION,
        &["list", "--due", "2026-11-06"],
        true,
    ),
    screen(
        "list_overdue",
        RECEPTION,
        &["list", "--overdue", "--ever", "--limit", "12"],
        true,
    ),
    screen("show", ADMIN, &["show", "13"], true),
    screen("audit_log", ADMIN, &["audit", "log", "13"], true),
    screen("validate", RECEPTION, &["validate"], true),
    screen(
        "classify_suggest",
        RECEPTION,
        &["classify", "--suggest"],
        false,
    ),
    screen("sweep", RECEPTION, &["sweep", "--all", "--dry-run"], true),
    screen(
        "report",
        LEADER,
        &["report", "monthly", "--period", "2026-10"],
        true,
    ),
    screen("score", AUDITOR, &["score", "--period", "2026"], true),
    screen("staff_list", ADMIN, &["staff", "list"], false),
    screen("staff_logins", ADMIN, &["staff", "logins"], false),
    screen("agency_list", ADMIN, &["agency", "list"], false),
    screen("field_list", ADMIN, &["field", "list"], false),
    screen("route_list", ADMIN, &["route", "list"], false),
    screen("service_list", ADMIN, &["service", "list"], false),
    screen("settings_show", ADMIN, &["settings", "show"], false),
    screen("calendar_show", ADMIN, &["calendar", "show", "2026"], false),
    screen(
        "calendar_deadline",
        ADMIN,
        &[
            "calendar",
            "deadline",
            "--stage",
            "process",
            "--start",
            "2026-02-13 15:00",
        ],
        false,
    ),
    screen(
        "ingest",
        RECEPTION,
        &["ingest", "examples/reports.csv"],
        true,
    ),
];

/// The output of `screen` on a fresh copy of the demo (a command that writes changes only
/// its copy) with `COLUMNS` set to `columns`, or unset.
fn shown(screen: &Screen, columns: Option<u16>, lang: &str) -> Run {
    let env = crate::snapshots::played();
    std::os::unix::fs::symlink(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        env.dir().join("examples"),
    )
    .unwrap();
    let mut cmd = env.command();
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns.to_string());
    }
    let mut args = vec!["--lang", lang, "--as", screen.user];
    args.extend(screen.args);
    let run = Run::of(cmd, &args);
    // `ingest` of what the demo already holds exits 0: every row is already there.
    run.success();
    run
}

/// The borders of a table (comfy-table's condensed UTF-8 style).
const BORDERS: [char; 16] = [
    '│', '┆', '─', '═', '┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼', '╞', '╡', '╪',
];

/// The words of an output: each line split at spaces and at the table's borders (a time is
/// one word: its date and hour are joined by a no-break space). The lines that say which
/// columns a narrow screen left out, or that words too long for it were shortened, are not
/// counted (only a narrow screen has them).
fn words(text: &str) -> Vec<&str> {
    let mut in_note = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if [
            "(Màn hình hẹp:",
            "(Narrow screen:",
            "(Chữ quá dài so với màn hình",
            "(Words too long for the screen",
        ]
        .iter()
        .any(|note| line.starts_with(note))
        {
            in_note = true;
        }
        if in_note {
            in_note = !line.ends_with(".)");
            continue;
        }
        found.extend(
            line.split(|c: char| c == ' ' || BORDERS.contains(&c))
                .filter(|w| !w.is_empty()),
        );
    }
    found
}

/// Every line at most `columns` wide, and every word one of `whole`'s or one of them
/// shortened with "…".
fn fits(run: &Run, columns: usize, whole: &HashSet<&str>) {
    for line in run.stdout.lines() {
        let width = line.chars().count();
        assert!(width <= columns, "{width} > {columns}: {line}\n{run}");
    }
    for word in words(&run.stdout) {
        let shortened = word
            .strip_suffix('…')
            .is_some_and(|kept| whole.iter().any(|w| w.starts_with(kept)));
        assert!(
            whole.contains(word) || shortened,
            "{word:?} is not a whole word of the table: split across lines?\n{run}"
        );
    }
}

/// Stored codes a Vietnamese table must show as labels (statuses, actions, stages, reasons
/// for rejection).
const CODES: &[&str] = &[
    "received",
    "rejected",
    "accepted",
    "assigned",
    "returned",
    "replied",
    "verified",
    "published",
    "closed_private",
    "duplicate",
    "init",
    "ingest",
    "accept",
    "reject",
    "classify",
    "assign",
    "answer",
    "mark_state_secret",
    "return",
    "reply",
    "verify_approve",
    "verify_send_back",
    "publish",
    "rate",
    "remind",
    "refused",
    "reveal",
    "export_full",
    "backup",
    "restore",
    "settings_set",
    "field_add",
    "agency_add",
    "staff_add",
    "staff_disable",
    "service_add",
    "route_add",
    "calendar_add_holiday",
    "calendar_add_workday",
    "calendar_remove",
    "calendar_import",
    "seal_tables",
    "login_add",
    "login_remove",
    "dispatch",
    "process",
    "missing_content",
    "missing_media",
    "missing_time",
    "missing_location",
    "missing_name",
    "missing_phone",
    "invalid_phone",
    "not_vietnamese",
    "due_soon",
    "overdue",
];

/// No RFC 3339 time and no stored code. An English label may hold a word that is also a
/// code ("Awaiting dispatch"), so in English only the codes no label has (those with an
/// underscore) are looked for.
fn labels_only(run: &Run, lang: &str) {
    assert!(!run.stdout.contains("+07:00"), "an RFC 3339 time\n{run}");
    for word in words(&run.stdout) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
        let code = CODES.contains(&bare) && (lang == "vi" || bare.contains('_'));
        assert!(!code, "the code {bare:?} is shown\n{run}");
    }
}

/// The property over every table command, and the snapshots (Vietnamese, 80 and 120
/// columns) that show how each kind of table is laid out. Piped, a table is as wide as its
/// columns need from 120 up, and says nothing of a narrow screen
/// (`screens::a_table_for_no_screen_keeps_every_column_and_says_nothing_of_a_narrow_screen`).
#[test]
fn every_table_fits_80_and_120_columns_and_piped_without_splitting_a_word() {
    for screen in SCREENS {
        for lang in ["vi", "en"] {
            let roomy = shown(screen, Some(1000), lang);
            let whole: HashSet<&str> = words(&roomy.stdout).into_iter().collect();
            for columns in [Some(80), Some(120), None] {
                if lang == "en" && columns.is_none() {
                    continue;
                }
                let run = shown(screen, columns, lang);
                // Piped, no screen is narrow: every column is kept, at 120 columns or the
                // width that takes, never wider than the table with room to spare.
                let widest = roomy.stdout.lines().map(|l| l.chars().count()).max();
                let bound = match columns {
                    Some(columns) => columns.into(),
                    None => widest.unwrap_or_default().max(120),
                };
                fits(&run, bound, &whole);
                if columns.is_none() {
                    run.never_shows("(Màn hình hẹp:");
                }
                if screen.labels_only {
                    labels_only(&run, lang);
                }
                if let (Some(columns), "vi") = (columns, lang) {
                    insta::assert_snapshot!(format!("{}_at_{columns}", screen.name), run.stdout);
                }
            }
        }
    }
}

/// `sweep` run by cron (its output a pipe to the mail, no `COLUMNS`) was laid out for a
/// screen 120 columns wide that nobody has: it left out the app's id and the agency's
/// name, and said "(Màn hình hẹp: ẩn cột …)" in a mail. With no screen every column is
/// kept and nothing speaks of one; a screen (`COLUMNS`) still gets its fitted table.
#[test]
fn a_table_for_no_screen_keeps_every_column_and_says_nothing_of_a_narrow_screen() {
    let env = TestEnv::validated();
    let sweep = ["--now", "2026-10-06T09:00:00+07:00", "sweep", "--dry-run"];
    for (args, columns) in [
        (&sweep[..], &["Mã ứng dụng", "Tên cơ quan"][..]),
        (
            &["list", "--limit", "5"][..],
            &["Người phản ánh", "Mã ứng dụng"][..],
        ),
    ] {
        let piped = env.run_as(RECEPTION, args);
        piped
            .success()
            .never_shows("Màn hình hẹp")
            .never_shows("ẩn cột");
        // The header's words (a header may wrap over two lines).
        let header: Vec<&str> = piped
            .stdout
            .lines()
            .take_while(|line| !line.starts_with('╞'))
            .flat_map(words)
            .collect();
        for column in columns {
            let shown = column.split(' ').all(|word| header.contains(&word));
            assert!(shown, "{column}:\n{piped}");
        }
        let mut all = vec!["--as", RECEPTION];
        all.extend_from_slice(args);
        env.at_columns(120, &all)
            .success()
            .stdout_has("(Màn hình hẹp: ẩn cột");
    }
    let english = env.run_as(RECEPTION, &in_english(&sweep));
    english.success().never_shows("Narrow screen");
}

#[test]
fn the_fitting_check_catches_a_split_word_and_a_wide_line() {
    // The check above must be able to fail: a word cut in two, a line too wide.
    let roomy = "┆ Nguyễn Văn An ┆ 05/08/2026\u{a0}13:53 ┆";
    let whole: HashSet<&str> = words(roomy).into_iter().collect();
    let run = |stdout: &str| Run {
        command: "test".into(),
        code: Some(0),
        stdout: stdout.into(),
        stderr: String::new(),
    };
    let split = run("┆ Nguy ┆\n┆ ễn ┆");
    assert!(std::panic::catch_unwind(|| fits(&split, 80, &whole)).is_err());
    let time = run("┆ 05/08/2026 ┆\n┆ 13:53 ┆");
    assert!(std::panic::catch_unwind(|| fits(&time, 80, &whole)).is_err());
    let wide = run(&"Văn ".repeat(30));
    assert!(std::panic::catch_unwind(|| fits(&wide, 80, &whole)).is_err());
    fits(&run("┆ Nguyễn ┆\n┆ Văn An ┆ Ngu… ┆"), 80, &whole);
}

/// No control character (C0 but the line feed, DEL, C1) and no bidirectional control.
fn clean(text: &str) -> bool {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}');
    text.chars()
        .all(|c| c == '\n' || !(c.is_control() || bidi(c)))
}

/// What a hostile name carries: an escape sequence that would retitle a terminal, a bell, a
/// C1 control, a right-to-left override, a tab and a carriage return. "pwned" shows where
/// the text was printed.
const HOSTILE: &str = "Ph\u{1b}]0;pwned\u{7}ường \u{9b}31m\u{202e}Tân\tThành\r";

#[test]
fn csv_from_every_command_carries_no_control_character() {
    let mut env = TestEnv::seeded();
    let admin = |env: &TestEnv, args: &[&str]| {
        env.run_as(ADMIN, args).success();
    };
    admin(
        &env,
        &[
            "agency", "add", "XBAD", "--name", HOSTILE, "--level", "commune",
        ],
    );
    admin(
        &env,
        &[
            "field",
            "add",
            "XBAD",
            "--name",
            HOSTILE,
            "--keywords",
            "pwned,tân thành,thành,phường",
        ],
    );
    admin(
        &env,
        &[
            "staff", "add", "xbad", "--name", HOSTILE, "--role", "handler", "--agency", "XBAD",
        ],
    );
    admin(
        &env,
        &[
            "route",
            "add",
            "--field",
            "XBAD",
            "--commune",
            HOSTILE,
            "--agency",
            "XBAD",
        ],
    );
    admin(
        &env,
        &[
            "service", "add", "xbad", "--field", "XBAD", "--name", HOSTILE,
        ],
    );
    admin(
        &env,
        &[
            "calendar",
            "add-holiday",
            "2026-11-24",
            "--name",
            HOSTILE,
            "--source",
            HOSTILE,
        ],
    );
    // Settings refuse control characters outright: `settings show` is checked clean only.
    env.run_as(ADMIN, &["settings", "set", "document.signer_name", HOSTILE])
        .failure();
    // A report whose text carries the same, received today, classified and assigned to the
    // hostile agency so that every list and report has it.
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut record: Vec<String> = reader
        .records()
        .nth(1)
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    record[0] = "XBAD-1".into();
    record[1] = "2026-10-05T07:30:00+07:00".into();
    record[3] = format!("{} {}", HOSTILE, record[3]);
    record[7] = HOSTILE.into();
    let file = env.dir().join("xbad.csv");
    let mut writer = csv::Writer::from_path(&file).unwrap();
    writer.write_record(&headers).unwrap();
    writer.write_record(&record).unwrap();
    writer.flush().unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let id = env.id_of("XBAD-1").to_string();
    env.run_as(RECEPTION, &["validate"]).success();
    env.run_as(RECEPTION, &["classify", &id, "--field", "XBAD"])
        .success();
    env.run_as(RECEPTION, &["assign", &id, "--agency", "XBAD"])
        .success();
    // Past the reply's deadline, so that the sweep lists it.
    env.set_now("2026-10-05T15:00:00+07:00");
    let commands: Vec<(&str, Vec<&str>)> = vec![
        (RECEPTION, vec!["list"]),
        (RECEPTION, vec!["list", "--due", "2026-10-06"]),
        (RECEPTION, vec!["show", &id]),
        (RECEPTION, vec!["sweep", "--all", "--dry-run"]),
        (
            RECEPTION,
            vec!["export", "csv", "--reason", "kiểm tra ký tự điều khiển"],
        ),
        (RECEPTION, vec!["export", "csv", "--public"]),
        (LEADER, vec!["report", "monthly", "--period", "2026-10"]),
        (AUDITOR, vec!["score", "--period", "2026"]),
        (ADMIN, vec!["staff", "list"]),
        (ADMIN, vec!["agency", "list"]),
        (ADMIN, vec!["field", "list"]),
        (ADMIN, vec!["route", "list"]),
        (ADMIN, vec!["service", "list"]),
        (ADMIN, vec!["settings", "show"]),
        (ADMIN, vec!["staff", "logins"]),
        (ADMIN, vec!["calendar", "show", "2026"]),
        (
            ADMIN,
            vec![
                "calendar",
                "deadline",
                "--stage",
                "process",
                "--start",
                "2026-11-23 15:00",
            ],
        ),
    ];
    for (user, args) in &commands {
        let mut all = vec!["--format", "csv"];
        all.extend(args);
        let run = env.run_as(user, &all);
        run.success();
        // Settings and logins refuse control characters when set: checked clean only.
        let holds_it =
            !args.starts_with(&["settings", "show"]) && !args.starts_with(&["staff", "logins"]);
        assert!(
            !holds_it || run.stdout.contains("pwned"),
            "the hostile text is not in it\n{run}"
        );
        assert!(clean(&run.stdout), "{}: {:?}", args.join(" "), run.stdout);
    }
    // `validate` and `ingest` print their own rows: a report of the same text, received
    // after the first, and its file.
    record[0] = "XBAD-2".into();
    let file = env.dir().join("pwned\u{1b}[2J.csv");
    let mut writer = csv::Writer::from_path(&file).unwrap();
    writer.write_record(&headers).unwrap();
    writer.write_record(&record).unwrap();
    writer.flush().unwrap();
    let ingest = env.run_as(
        RECEPTION,
        &["--format", "csv", "ingest", file.to_str().unwrap()],
    );
    ingest.success();
    assert!(
        ingest.stdout.contains("pwned") && clean(&ingest.stdout),
        "{ingest}"
    );
    // The list of malformed records (`ingest --errors FILE`) names the file and the value
    // that could not be read.
    record[0] = "XBAD-3".into();
    record[1] = format!("hôm qua {HOSTILE}");
    let bad = env.dir().join("pwned\u{9b}31m.csv");
    let mut writer = csv::Writer::from_path(&bad).unwrap();
    writer.write_record(&headers).unwrap();
    writer.write_record(&record).unwrap();
    writer.flush().unwrap();
    let errors = env.dir().join("loi.csv");
    let args = [
        "ingest",
        bad.to_str().unwrap(),
        "--errors",
        errors.to_str().unwrap(),
    ];
    env.run_as(RECEPTION, &args).failure();
    let listed = std::fs::read_to_string(&errors).unwrap();
    assert!(listed.contains("pwned") && clean(&listed), "{listed:?}");
    let validate = env.run_as(RECEPTION, &["--format", "csv", "validate"]);
    validate.success().stdout_has("XBAD-2");
    assert!(clean(&validate.stdout), "{validate}");
    // The field's keyword "pwned" is in the second report's text.
    let suggest = env.run_as(RECEPTION, &["--format", "csv", "classify", "--suggest"]);
    suggest.success();
    assert!(
        suggest.stdout.contains("pwned") && clean(&suggest.stdout),
        "{suggest}"
    );
    // The audit log's payloads carry what was typed: a return's reason.
    env.run_as("xbad", &["return", &id, "--reason", HOSTILE])
        .success();
    let log = env.run_as(ADMIN, &["--format", "csv", "audit", "log", &id]);
    log.success();
    assert!(log.stdout.contains("pwned") && clean(&log.stdout), "{log}");
}

/// A photo's link too long for an 80-column `show` is shortened, and the operator who must
/// open it (Article 6.2: a photo or video of the scene) is told where it is whole; on a
/// screen wide enough it is whole and nothing is said.
#[test]
fn a_shortened_link_in_show_says_where_it_is_whole() {
    let env = TestEnv::seeded();
    let examples = std::fs::read_to_string(example("reports.csv")).unwrap();
    let mut lines = examples.lines();
    let (header, first) = (lines.next().unwrap(), lines.next().unwrap());
    let link = format!(
        "https://camau-g.camau.gov.vn/media/2026/11/04/{}.jpg",
        "ab12cd34ef56".repeat(5)
    );
    let row = first.replacen("https://", &format!("{link}|https://"), 1);
    let file = env.dir().join("one.csv");
    std::fs::write(&file, format!("{header}\n{row}\n")).unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    let show = |columns: &str, lang: &str| {
        let mut cmd = env.command();
        cmd.env("COLUMNS", columns);
        let run = Run::of(cmd, &["--as", RECEPTION, "--lang", lang, "show", "1"]);
        run.success();
        // The note is wrapped to the screen: read as one line.
        run.stdout.replace('\n', " ")
    };
    let narrow = show("80", "vi");
    assert!(!narrow.contains(&link), "{narrow}");
    assert!(
        narrow.contains("rút gọn bằng “…”. Xem đủ bằng --format json"),
        "{narrow}"
    );
    // Said after the links the record's row continues into, which come right after it.
    let links = narrow.find("┘ Hình ảnh/video   https://");
    assert_eq!(links, narrow.find('┘'), "{narrow}");
    assert!(links < narrow.find("rút gọn"), "{narrow}");
    assert!(show("80", "en").contains("See them whole with --format json"));
    let wide = show("250", "vi");
    assert!(wide.contains(&link), "{wide}");
    assert!(!wide.contains("rút gọn"), "{wide}");
}

/// The sweep and `list --due` gave bare minutes ("1726") to
/// people, and the English note under a table whose hidden column was "Minutes left" read
/// "Minutes left left out". Tables say "quá 28 giờ 46 phút" / "28 h 46 min over" at 80
/// columns; CSV and JSON keep the number.
#[test]
fn the_sweep_and_the_day_due_say_how_long_in_hours_and_minutes() {
    let sweep = screen("sweep", RECEPTION, &["sweep", "--all", "--dry-run"], true);
    shown(&sweep, Some(80), "vi").stdout_has("quá 28 giờ 46 phút");
    shown(&sweep, Some(80), "en")
        .stdout_has("28 h 46 min over")
        .never_shows("1726");
    let due = screen("due", RECEPTION, &["list", "--due", "2026-11-06"], true);
    shown(&due, Some(120), "vi").stdout_has("quá 28 giờ 46 phút");
    shown(&due, Some(120), "en").stdout_has("28 h 46 min over");
    let json = screen(
        "sweep_json",
        RECEPTION,
        &["--format", "json", "sweep", "--all", "--dry-run"],
        true,
    );
    let rows = shown(&json, Some(80), "en").json();
    assert_eq!(rows[0]["minutes_over"], 1726, "{rows:#}");
    for lang in ["en", "vi"] {
        shown(&due, Some(80), lang)
            .never_shows("left left out")
            .never_shows("left out.");
    }
}

/// The sweep's table and `show`'s clocks left the agency blank for the
/// portal's own clocks (dispatch, publication), so a tired operator could not tell whose
/// clock a row was, or took the blank for an agency not yet chosen. They name the portal,
/// short enough that the sweep still shows how late at 80 columns.
#[test]
fn the_portals_own_clocks_are_named_in_the_sweep_and_in_show() {
    let row_of = |run: &Run, start: &str| -> String {
        run.stdout
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no row {start}:\n{run}"))
            .to_owned()
    };
    let sweep = screen("sweep", RECEPTION, &["sweep", "--all", "--dry-run"], true);
    for (lang, portal, late) in [
        ("vi", "(Cổng)", "quá 28 giờ 46 phút"),
        ("en", "(portal)", "28 h 46 min over"),
    ] {
        let run = shown(&sweep, Some(80), lang);
        let row = row_of(&run, "│ 340 ");
        assert!(row.contains(portal) && row.contains(late), "{run}");
        // An agency's clock keeps its code.
        assert!(row_of(&run, "│ 335 ").contains("SXD"), "{run}");
    }
    let show = screen("show", ADMIN, &["show", "13"], true);
    for (lang, stage, portal) in [
        ("vi", "│ Phân phối ", "(Cổng)"),
        ("vi", "│ Công khai ", "(Cổng)"),
        ("en", "│ Dispatch ", "(portal)"),
    ] {
        let run = shown(&show, Some(80), lang);
        assert!(row_of(&run, stage).contains(portal), "{run}");
    }
}

/// `list --overdue` gave the deadline and left the operator to count how late
/// each report was, where the sweep says it. The list says it too, as the periodic report
/// writes an overrun ("28 giờ 46 phút", "18 giờ 40 phút"), and for a clock that ended late
/// (`--ever`) how late it ended; at 80 columns too, before the reminder
/// (`desk::the_overdue_list_at_80_columns_keeps_how_late_before_the_reminder`).
#[test]
fn the_overdue_list_says_how_late_each_report_is() {
    let overdue = screen("overdue", RECEPTION, &["list", "--overdue", "--ever"], true);
    let row = |run: &Run, id: &str| -> String {
        run.stdout
            .lines()
            .find(|l| l.starts_with(&format!("│ {id} ")))
            .unwrap_or_else(|| panic!("no row {id}:\n{run}"))
            .to_owned()
    };
    let vi = shown(&overdue, Some(120), "vi");
    vi.stdout_has("Quá hạn");
    assert!(row(&vi, "340").contains("28 giờ 46 phút"), "{vi}");
    assert!(row(&vi, "335").contains("18 giờ 40 phút"), "{vi}");
    // Report 13's return window ended late: due 15:26, returned 16:05.
    assert!(row(&vi, "13").contains("39 phút"), "{vi}");
    let en = shown(&overdue, Some(120), "en");
    en.stdout_has("Over by");
    assert!(row(&en, "340").contains("28 h 46 min"), "{en}");
    let narrow = shown(&overdue, Some(80), "vi");
    assert!(
        narrow.stdout.replace('\n', " ").contains("Quá hạn"),
        "{narrow}"
    );
    let rows = shown(
        &screen(
            "overdue_json",
            RECEPTION,
            &["--format", "json", "list", "--overdue"],
            true,
        ),
        None,
        "vi",
    )
    .json();
    assert!(rows[0].get("overdue_minutes").is_none(), "{rows:#}");
}

/// The sweep, `list --due` and `show` said how late in hours ("quá 28 giờ 46 phút", weeks
/// later "quá 1481 giờ 6 phút") where `list --overdue` and the periodic report said "1 ngày
/// 4 giờ" for the same clock: an operator reading both screens could not compare them. Every
/// screen says it the same way: hours and minutes under 48 hours (the legal limits are in
/// hours), days, hours and minutes from 48 hours on (the minutes were once dropped there,
/// "36 ngày 3 giờ" beside a CSV that had them).
#[test]
fn every_screen_says_how_late_in_the_same_words() {
    let row = |run: &Run, id: &str| -> String {
        run.stdout
            .lines()
            .find(|l| l.starts_with(&format!("│ {id} ")))
            .unwrap_or_else(|| panic!("no row {id}:\n{run}"))
            .to_owned()
    };
    let mut env = crate::snapshots::played();
    for (now, vi, en) in [
        (None, "28 giờ 46 phút", "28 h 46 min"),
        (
            Some("2026-12-07T09:00:00+07:00"),
            "36 ngày 3 giờ 46 phút",
            "36 d 3 h 46 min",
        ),
    ] {
        if let Some(now) = now {
            env.set_now(now);
        }
        for (lang, words) in [("vi", vi), ("en", en)] {
            let as_reception = |args: &[&str]| {
                let mut all = vec!["--lang", lang, "--as", RECEPTION];
                all.extend(args);
                env.at_columns(160, &all)
            };
            let sweep = as_reception(&["sweep", "--all", "--dry-run"]);
            assert!(row(sweep.success(), "340").contains(words), "{sweep}");
            let overdue = as_reception(&["list", "--overdue"]);
            assert!(row(overdue.success(), "340").contains(words), "{overdue}");
        }
    }
}

/// `show` piped to a file (no `COLUMNS`, no terminal) shortened a media link longer than
/// a 120-column screen with "…" and printed "(Chữ quá dài so với màn hình …)" where there
/// is no screen: the link in the file could not be opened. With no screen a record, like a
/// table, keeps every word whole and says nothing of a screen; a screen still gets its fit.
#[test]
fn a_record_for_no_screen_keeps_a_long_link_whole_and_says_nothing_of_a_screen() {
    let env = TestEnv::seeded();
    let examples = std::fs::read_to_string(example("reports.csv")).unwrap();
    let mut lines = examples.lines();
    let (header, first) = (lines.next().unwrap(), lines.next().unwrap());
    let link = format!(
        "https://camau-g.camau.gov.vn/media/2026/11/04/{}.jpg",
        "ab12cd34ef56".repeat(10)
    );
    let row = first.replacen("https://", &format!("{link}|https://"), 1);
    let file = env.dir().join("one.csv");
    std::fs::write(&file, format!("{header}\n{row}\n")).unwrap();
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    for lang in ["vi", "en"] {
        let piped = env.run_as(RECEPTION, &["--lang", lang, "show", "1"]);
        piped
            .success()
            .never_shows("…")
            .never_shows("rút gọn")
            .never_shows("shortened");
        let in_the_record = piped
            .stdout
            .lines()
            .any(|l| l.starts_with('│') && l.contains(&link));
        assert!(in_the_record, "{piped}");
    }
    env.at_columns(120, &["--as", RECEPTION, "show", "1"])
        .success()
        .stdout_has("rút gọn bằng");
}

/// `list --due` at 80 columns named the portal's own clocks "(Cổng tiếp nhận)", 16 columns
/// of the 80, and so broke how late each clock is over two lines ("quá 28 giờ 46 / phút"),
/// where the sweep says "(Cổng)" and keeps it on one. The day's list names the portal as
/// the sweep does: one clock, one line.
#[test]
fn the_day_due_at_80_columns_says_how_late_on_the_clocks_own_line() {
    let due = screen("due", RECEPTION, &["list", "--due", "2026-11-06"], true);
    for (lang, portal, late) in [
        ("vi", "(Cổng)", "quá 28 giờ 46 phút"),
        ("en", "(portal)", "28 h 46 min over"),
    ] {
        let run = shown(&due, Some(80), lang);
        let row = run
            .stdout
            .lines()
            .find(|l| l.contains("┆ 340 "))
            .unwrap_or_else(|| panic!("no row 340:\n{run}"));
        assert!(row.contains(portal) && row.contains(late), "{run}");
    }
}
