//! `ingest` of files as Vietnamese Excel leaves them when an officer prepares or repairs an
//! export: saved as plain "CSV (Comma delimited)" in the Windows code page (or older files
//! in TCVN3 or VNI), refused once for the whole file with the Save As choice that mends it;
//! rows left empty, skipped and said once; columns cleared to an empty name, ignored unless
//! they hold data; phones that lost their leading 0 or that Excel wrote as an exponent, set
//! aside for the original file, and said of a report stored so before.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::common::*;

/// The upper half of Windows-1258, 0x80 to 0xFF (the bytes it leaves undefined stand as the
/// C1 control of the same number, which no text holds).
const WINDOWS_1258: &str = "€\u{81}‚ƒ„…†‡ˆ‰\u{8a}‹Œ\u{8d}\u{8e}\u{8f}\u{90}‘’“”•–—˜™\u{9a}›œ\u{9d}\u{9e}Ÿ\
\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿\
ÀÁÂĂÄÅÆÇÈÉÊË\u{300}ÍÎÏĐÑ\u{309}ÓÔƠÖ×ØÙÚÛÜƯ\u{303}ß\
àáâăäåæçèéêë\u{301}íîïđñ\u{323}óôơö÷øùúûüư₫ÿ";

/// `text` as Vietnamese Excel's "CSV (Comma delimited)" writes it: Windows-1258, a letter
/// the code page lacks written as its base (with the circumflex, breve or horn the code
/// page has) and a combining tone; `?` for what it cannot write (Chinese, Khmer).
fn windows_1258(text: &str) -> Vec<u8> {
    let table: Vec<char> = WINDOWS_1258.chars().collect();
    assert_eq!(table.len(), 128);
    let byte = |c: char| -> Option<u8> {
        if c.is_ascii() {
            return Some(c as u8);
        }
        table.iter().position(|&t| t == c).map(|i| 0x80 + i as u8)
    };
    let mut out = Vec::new();
    for c in text.nfc() {
        if let Some(b) = byte(c) {
            out.push(b);
            continue;
        }
        let parts: Vec<char> = c.nfd().collect();
        let (shape, tones): (Vec<char>, Vec<char>) = parts[1..]
            .iter()
            .partition(|m| matches!(m, '\u{302}' | '\u{306}' | '\u{31b}'));
        let base: String = std::iter::once(parts[0]).chain(shape).nfc().collect();
        let mut chars = base.chars();
        match (chars.next().and_then(byte), chars.next()) {
            (Some(b), None) => out.push(b),
            _ => out.push(b'?'),
        }
        out.extend(tones.into_iter().map(|t| byte(t).unwrap_or(b'?')));
    }
    out
}

/// "Đường Trần Hưng Đạo bị ngập nước" in TCVN3 and in VNI, as a file in each holds it.
const TCVN3: &[u8] = b"\xa7\xad\xeang Tr\xc7n H\xadng \xa7\xb9o b\xde ng\xcbp n\xad\xedc";
const VNI: &[u8] = b"\xd1\xf6\xf4\xf8ng Tra\xe0n H\xf6ng \xd1a\xefo b\xf2 nga\xe4p n\xf6\xf4\xf9c";

/// The address and commune "Khóm 2,Phường An Xuyên" in UTF-8, TCVN3 and VNI.
const PLACE: &[u8] = "Khóm 2,Phường An Xuyên".as_bytes();
const PLACE_TCVN3: &[u8] = b"Kh\xe3m 2,Ph\xad\xeang An Xuy\xaan";
const PLACE_VNI: &[u8] = b"Kho\xf9m 2,Ph\xf6\xf4\xf8ng An Xuye\xe2n";

const HEADER: &str = "external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";

/// A complete record `id` whose content is `content` and its address and commune `place`
/// (bytes of any encoding).
fn record(id: &str, content: &[u8], place: &[u8]) -> Vec<u8> {
    let mut row =
        format!("{id},2026-11-04T07:00:00+07:00,2026-11-04T06:00:00+07:00,\"").into_bytes();
    row.extend_from_slice(content);
    row.extend_from_slice(b"\",https://x.vn/1.jpg,9.18,105.15,");
    row.extend_from_slice(place);
    row.extend_from_slice(b",Tran Thi Buoi,0912000009,0,1,0,\r\n");
    row
}

fn write(env: &TestEnv, name: &str, bytes: &[u8]) -> String {
    let path = env.dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The rows of an `--errors` file, header left out.
fn errors_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn summary(run: &Run) -> Value {
    let all = run.json();
    assert_eq!(array(&all).len(), 1, "{all}");
    all[0].clone()
}

/// The examples saved by Excel as plain "CSV (Comma delimited)" gave 340 row errors, each
/// "cột content không phải UTF-8 hợp lệ (byte 2)", and a summary of 340 faults. The file is
/// refused once, naming its encoding and the Save As choice, in each language, before
/// anything is stored, from a file or a pipe; the `--errors` file has the one line.
#[test]
fn a_csv_excel_saved_in_windows_1258_is_refused_once_with_the_save_as_that_mends_it() {
    let env = TestEnv::seeded();
    let text = std::fs::read_to_string(example("reports.csv")).unwrap();
    let bytes = windows_1258(&text);
    write(&env, "excel.csv", &bytes);
    let before = env.fingerprint();
    let vi = "phananh: excel.csv không phải UTF-8: có vẻ là bảng mã Windows-1258, kiểu Excel ghi khi lưu dạng “CSV (Comma delimited)”, nên mọi chữ có dấu sẽ sai. Không nạp gì từ tệp này; hãy mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → “CSV UTF-8 (Comma delimited) (*.csv)” rồi nạp lại tệp .csv đó.\n";
    let en = "phananh: excel.csv is not UTF-8: it looks like the Windows-1258 code page, which Excel writes when saving as \"CSV (Comma delimited)\", so every accented letter would be wrong. Nothing was loaded from this file; open it in Excel, choose File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\" and ingest that .csv file again\n";
    for (lang, said) in [("vi", vi), ("en", en)] {
        let errors = format!("loi-{lang}.csv");
        let run = env.run_as(
            RECEPTION,
            &["--lang", lang, "ingest", "excel.csv", "--errors", &errors],
        );
        run.code(1);
        assert_eq!(run.stderr, said, "{run}");
        assert_eq!(run.stdout, "", "{run}");
        let rows = errors_rows(&env.dir().join(&errors));
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0][..3], ["excel.csv", "0", "legacy_encoding"]);
        assert_eq!(format!("phananh: {}\n", rows[0][3]), said);
    }
    env.assert_unchanged(&before);
    // Through a pipe, which is judged as it is read: refused the same, nothing stored.
    let mut cmd = env.command();
    cmd.args([
        "--as",
        RECEPTION,
        "ingest",
        "/dev/stdin",
        "--input-format",
        "csv",
    ]);
    cmd.stdin(std::fs::File::open(env.dir().join("excel.csv")).unwrap());
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/dev/stdin không phải UTF-8: có vẻ là bảng mã Windows-1258"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 0);
}

/// Older files in TCVN3 or VNI are named as such, with the conversion to Unicode before the
/// Save As; a JSON Lines file in a legacy encoding is refused whole too, told to be exported
/// again as UTF-8 (Excel's Save As does not make JSON).
#[test]
fn tcvn3_vni_and_json_lines_in_a_legacy_encoding_are_refused_naming_it() {
    let env = TestEnv::seeded();
    let file = |content: &[u8], place: &[u8]| {
        let mut bytes = format!("{HEADER}\r\n").into_bytes();
        for n in 1..=3 {
            bytes.extend(record(&format!("L-{n}"), content, place));
        }
        bytes
    };
    write(&env, "tcvn3.csv", &file(TCVN3, PLACE_TCVN3));
    write(&env, "vni.csv", &file(VNI, PLACE_VNI));
    let mut jsonl =
        b"{\"external_id\":\"J-1\",\"submitted_at\":\"2026-11-04T07:00:00+07:00\",\"content\":\""
            .to_vec();
    jsonl.extend(windows_1258("Đường Trần Hưng Đạo bị ngập nước"));
    jsonl.extend_from_slice(b"\"}\n");
    write(&env, "app.jsonl", &jsonl);
    let before = env.fingerprint();
    let convert_vi = "Không nạp gì từ tệp này; hãy chuyển văn bản sang Unicode bằng công cụ chuyển mã (như công cụ của UniKey), sau đó mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → “CSV UTF-8 (Comma delimited) (*.csv)” rồi nạp lại tệp .csv đó.";
    let convert_en = "Nothing was loaded from this file; convert its text to Unicode with a converter (such as UniKey's), then open it in Excel, choose File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\" and ingest that .csv file again";
    let cases = [
        (
            "tcvn3.csv",
            format!("tcvn3.csv không phải UTF-8: có vẻ là bảng mã cũ TCVN3 (ABC, phông .VnTime), nên mọi chữ có dấu sẽ sai. {convert_vi}"),
            format!("tcvn3.csv is not UTF-8: it looks like the old TCVN3 encoding (ABC, the .VnTime fonts), so every accented letter would be wrong. {convert_en}"),
        ),
        (
            "vni.csv",
            format!("vni.csv không phải UTF-8: có vẻ là bảng mã cũ VNI (phông VNI-Times), nên mọi chữ có dấu sẽ sai. {convert_vi}"),
            format!("vni.csv is not UTF-8: it looks like the old VNI encoding (the VNI-Times fonts), so every accented letter would be wrong. {convert_en}"),
        ),
        (
            "app.jsonl",
            "app.jsonl không phải UTF-8: có vẻ là bảng mã Windows-1258, kiểu Excel ghi khi lưu dạng “CSV (Comma delimited)”, nên mọi chữ có dấu sẽ sai. Không nạp gì từ tệp này; hãy xuất lại tệp dạng UTF-8 rồi nạp lại.".to_owned(),
            "app.jsonl is not UTF-8: it looks like the Windows-1258 code page, which Excel writes when saving as \"CSV (Comma delimited)\", so every accented letter would be wrong. Nothing was loaded from this file; export it again as UTF-8 and ingest it again".to_owned(),
        ),
    ];
    for (name, vi, en) in cases {
        for (lang, said) in [("vi", vi.as_str()), ("en", en.as_str())] {
            let run = env.run_as(RECEPTION, &["--lang", lang, "ingest", name]);
            run.code(1);
            assert_eq!(run.stderr, format!("phananh: {said}\n"), "{run}");
        }
    }
    env.assert_unchanged(&before);
}

/// A UTF-8 file with one record in Windows-1258 (a cell pasted from an old file) keeps the
/// behaviour the legacy check must not take from it: that record is the one fault, with its
/// line and column, and every other record is stored.
#[test]
fn a_utf8_file_with_one_record_in_windows_1258_keeps_that_record_its_only_fault() {
    let env = TestEnv::seeded();
    let text = std::fs::read_to_string(example("reports.csv")).unwrap();
    let mut bytes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // Line 5 of the file.
        if i == 4 {
            bytes.extend(windows_1258(line));
        } else {
            bytes.extend_from_slice(line.as_bytes());
        }
        bytes.push(b'\n');
    }
    let file = write(&env, "mot-dong.csv", &bytes);
    let run = env.run_as(RECEPTION, &["--format", "json", "ingest", &file]);
    run.code(1).never_shows("Windows-1258");
    let summary = summary(&run);
    assert_eq!(summary["stored"], 339, "{summary}");
    assert_eq!(summary["malformed"], 1, "{summary}");
    assert_eq!(summary["malformed_rows"][0]["line"], 5, "{summary}");
    assert_eq!(
        summary["malformed_rows"][0]["reason"], "not_utf8",
        "{summary}"
    );
}

/// Rows an officer left empty in Excel (only commas, or only empty cells, quoted or not)
/// were each an error, "external_id trống", counted among the faults and failing the run.
/// They are skipped, said once for the run in each language and counted in JSON; the rows
/// around them are what they were, a fault after them named at the line an editor shows.
#[test]
fn rows_left_empty_in_excel_are_skipped_and_said_once() {
    let env = TestEnv::seeded();
    let good = |id: &str| record(id, "Đèn đường hỏng".as_bytes(), PLACE);
    let mut bytes = format!("{HEADER}\r\n").into_bytes();
    bytes.extend(good("B-1"));
    bytes.extend_from_slice(b",,,,,,,,,,,,,,\r\n");
    bytes.extend(good("B-2"));
    bytes.extend_from_slice(b"\"\",\"\",,,,,,,,,,,,,\r\n");
    bytes.extend_from_slice(b" ,,,,,,,,,,,,,,\r\n");
    // Line 7: a fault after the blank rows.
    bytes.extend_from_slice(
        b"B-3,hom qua,2026-11-04T06:00:00+07:00,x,https://x.vn/1.jpg,9.18,105.15,a,b,c,0912000009,0,1,0,\r\n",
    );
    bytes.extend(good("B-4"));
    bytes.extend_from_slice(b",,,,,,,,,,,,,,\r\n");
    let file = write(&env, "trong.csv", &bytes);
    let run = env.run_as(RECEPTION, &["ingest", &file]);
    run.code(1)
        .stderr_has("trong.csv:7: submitted_at")
        .never_shows("external_id trống");
    let said: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("dòng trống"))
        .collect();
    assert_eq!(
        said,
        [
            "Đã bỏ qua 4 dòng trống (hàng để trống trong Excel, chỉ có dấu phân cách); không tính là lỗi."
        ],
        "{run}"
    );
    let rows = table_body(run.stdout.lines());
    assert!(rows[0].contains("┆ 3      ┆ 0     ┆ 1   ┆"), "{run}");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 3);
    // Again, in English and JSON: the rows stored are counted as such, the blank skipped.
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "json", "ingest", &file],
    );
    run.code(1).stderr_has(
        "\n4 blank rows skipped (rows left empty in Excel, separators only); not counted as malformed\n",
    );
    let counted = summary(&run);
    assert_eq!(counted["blank_rows"], 4, "{counted}");
    assert_eq!(counted["already_present"], 3, "{counted}");
    assert_eq!(counted["malformed"], 1, "{counted}");
    // A file with no blank row says nothing of them, in JSON neither.
    let plain = env.run_as(
        RECEPTION,
        &[
            "--format",
            "json",
            "ingest",
            &example_str("bad/bad-time.csv"),
        ],
    );
    plain.code(1).never_shows("dòng trống");
    assert!(summary(&plain).get("blank_rows").is_none(), "{plain}");
}

/// A header ending in `,,`, as Excel writes after a column was cleared, was warned of as
/// `2 cột không biết bị bỏ qua: "", ""`. Columns with no name and nothing in their cells
/// are ignored without a word; one with no name that holds data is said in words, once,
/// beside the named unknown columns, in each language.
#[test]
fn columns_cleared_in_excel_are_ignored_and_one_holding_data_is_said_in_words() {
    let env = TestEnv::seeded();
    let row = |id: &str, extra: &str| {
        let mut r = record(id, "Đèn đường hỏng".as_bytes(), PLACE);
        r.truncate(r.len() - 2);
        r.extend_from_slice(extra.as_bytes());
        r.extend_from_slice(b"\r\n");
        r
    };
    let mut cleared = format!("{HEADER},,\r\n").into_bytes();
    cleared.extend(row("C-1", ",,"));
    cleared.extend(row("C-2", ",,"));
    let cleared = write(&env, "xoa-cot.csv", &cleared);
    // Kept as the guide says (0600): a file other accounts may read is said, a line this
    // test's silence is not about.
    std::fs::set_permissions(
        &cleared,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    let run = env.run_as(RECEPTION, &["ingest", &cleared]);
    run.success().never_shows("cột").never_shows("\"\"");
    assert_eq!(run.stderr, "", "{run}");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 2);
    let mut held = format!("{HEADER},ghi_chu, ,\r\n").into_bytes();
    held.extend(row("C-3", ",xem,,"));
    held.extend(row("C-4", ",,,"));
    held.extend(row("C-5", ",,, ghi tay"));
    let held = write(&env, "co-du-lieu.csv", &held);
    std::fs::set_permissions(&held, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    for (lang, unknown, unnamed) in [
        (
            "vi",
            "co-du-lieu.csv: 1 cột không biết bị bỏ qua: \"ghi_chu\"",
            "co-du-lieu.csv: 1 cột không có tên nhưng có dữ liệu bị bỏ qua",
        ),
        (
            "en",
            "co-du-lieu.csv: 1 unknown column ignored: \"ghi_chu\"",
            "co-du-lieu.csv: 1 column without a name but with data ignored",
        ),
    ] {
        let run = env.run_as(RECEPTION, &["--lang", lang, "ingest", &held]);
        run.success().never_shows("\"\"").never_shows("\" \"");
        let dir = env.dir().display().to_string();
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(
            lines,
            [format!("{dir}/{unknown}"), format!("{dir}/{unnamed}")],
            "{run}"
        );
    }
    assert_eq!(env.count("SELECT count(*) FROM reports"), 5);
}

/// A file re-saved in Excel, whose phones lost their leading 0, stored those reports with
/// the broken phone and a warning; the original file, ingested next, answered "Đã có" for
/// every row, and the broken phones stayed for good (`validate` rejects them, Đ6.3). Those
/// rows are now set aside: not stored, listed by line (the `--errors` file, the JSON rows,
/// once on screen), counted in the summary, exit 1; the rest of the file loads, and the
/// original file then loads the rows set aside, with their phones whole.
#[test]
fn rows_whose_phone_lost_its_leading_zero_are_set_aside_and_the_original_file_loads_them() {
    let env = TestEnv::seeded();
    // Examples two to five, complete, on lines 2 to 5; the first two as Excel leaves them.
    let lost = ["912000031", "983000042"];
    let resaved = write(&env, "excel.csv", examples_with_phones(&lost).as_bytes());
    let errors = env.dir().join("loi.csv");
    let run = env.run_as(
        RECEPTION,
        &["ingest", &resaved, "--errors", errors.to_str().unwrap()],
    );
    run.failure()
        .stderr_has(
            "excel.csv: đã để riêng 2 dòng, chưa lưu: số điện thoại người phản ánh chỉ có 9 chữ số",
        )
        .stderr_has("lưu lại bằng Excel (dòng 2, 3)")
        .stderr_has("Các dòng khác đã nạp. Hãy nạp tệp gốc do ứng dụng xuất (chưa mở bằng Excel)")
        .stderr_has("đặt cột reporter_phone kiểu Văn bản (Text)")
        .stderr_has("Đã để riêng 2 dòng có số điện thoại mất số 0 ở đầu, chưa lưu");
    // Said once for the file, not row by row, and not as rows to fix.
    assert_eq!(run.stderr.matches("mất số 0").count(), 2, "{run}");
    assert!(!run.stderr.contains("dòng lỗi"), "{run}");
    let rows = table_body(run.stdout.lines());
    assert!(
        rows[0].contains("┆ 2      ┆ 0     ┆ 2   ┆ 0        ┆"),
        "{run}"
    );
    assert_eq!(env.count("SELECT count(*) FROM reports"), 2);
    let listed: Vec<(String, String)> = errors_rows(&errors)
        .into_iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    let expected = [
        ("2".to_owned(), "lost_leading_zero".to_owned()),
        ("3".to_owned(), "lost_leading_zero".to_owned()),
    ];
    assert_eq!(listed, expected);
    let text = std::fs::read_to_string(&errors).unwrap();
    assert!(text.contains("để riêng, chưa lưu"), "{text}");
    for number in lost {
        run.never_shows(number);
        assert!(!text.contains(&number[..5]), "{text}");
    }
    // The original file: the two rows stored, the other two already there.
    let whole = ["0912000031", "0983000042"];
    let original = write(&env, "goc.csv", examples_with_phones(&whole).as_bytes());
    let again = env.run_as(RECEPTION, &["ingest", &original]);
    again.success().never_shows("để riêng");
    assert!(
        table_body(again.stdout.lines())[0].contains("┆ 2      ┆ 2     ┆ 0   ┆ 0        ┆"),
        "{again}"
    );
    let phones: Vec<String> = env.identities().into_iter().map(|(_, _, p)| p).collect();
    assert_eq!(phones.len(), 4);
    for number in whole {
        assert!(phones.iter().any(|p| p == number), "{phones:?}");
    }
    // In JSON and English, with --validate, on a fresh database: the count, the reason and
    // the rows; only the reports stored are checked.
    let english = TestEnv::seeded();
    let file = write(&english, "excel.csv", &std::fs::read(&resaved).unwrap());
    let run = english.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--format",
            "json",
            "ingest",
            "--validate",
            &file,
        ],
    );
    run.failure()
        .stderr_has("excel.csv: set aside 2 records, not stored: the reporter's phone has 9 digits")
        .stderr_has("(lines 2, 3)")
        .stderr_has("Ingest the app's original file (never opened in Excel)")
        .stderr_has("2 records set aside, not stored, the phone's leading 0 lost")
        .stderr_has("checked 2 new reports");
    let summary = summary(&run);
    assert_eq!(summary["stored"], 2, "{summary}");
    assert_eq!(summary["malformed"], 2, "{summary}");
    assert_eq!(summary["set_aside"], 2, "{summary}");
    assert_eq!(summary["warnings"], 0, "{summary}");
    assert_eq!(
        summary["malformed_by_reason"]["lost_leading_zero"], 2,
        "{summary}"
    );
    assert_eq!(summary["rejected"], 0, "{summary}");
    let set_aside = array(&summary["malformed_rows"]);
    assert_eq!(set_aside.len(), 2, "{summary}");
    assert_eq!(set_aside[1]["line"], 3, "{summary}");
    assert_eq!(
        set_aside[0]["message"],
        "set aside, not stored: the phone has 9 digits (or a 10-digit fixed line) and seems to have lost its leading 0 when the file was saved again in Excel; ingest this row from the app's original file"
    );
}

/// The re-saved file read after the original: its rows are the stored reports read again,
/// counted as already present, nothing set aside and nothing to do.
#[test]
fn a_resaved_file_read_after_the_original_is_already_present() {
    let env = TestEnv::seeded();
    let original = write(
        &env,
        "goc.csv",
        examples_with_phones(&["0912000031", "0983000042"]).as_bytes(),
    );
    env.run_as(RECEPTION, &["ingest", &original]).success();
    let resaved = write(
        &env,
        "excel.csv",
        examples_with_phones(&["912000031", "983000042"]).as_bytes(),
    );
    let summary = summary(&ingest_json(&env, &resaved));
    assert_eq!(
        (
            &summary["stored"],
            &summary["already_present"],
            &summary["malformed"]
        ),
        (&Value::from(0), &Value::from(4), &Value::from(0)),
        "{summary}"
    );
}

fn ingest_json(env: &TestEnv, file: &str) -> Run {
    let run = env.run_as(RECEPTION, &["--format", "json", "ingest", file]);
    run.success();
    run
}

/// Report `ext`'s identity sealed again with `phone`, as an ingest of a re-saved file made
/// it before such rows were set aside (a database of then); `name` stays as it was.
fn stored_as_resaved(env: &TestEnv, ext: &str, phone: &str) {
    use phananh::domain::vault::{MasterKey, Random, seal};
    let key = std::fs::read_to_string(env.key()).unwrap();
    let master = MasterKey::from_file_text(&key).unwrap();
    let id = env.id_of(ext);
    let name = env
        .identities()
        .into_iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, name, _)| name)
        .unwrap();
    let sealed = seal(&master, &mut Random::from_seed([7; 32]), ext, &name, phone);
    env.put_identity_back(id, &(sealed.sealed, sealed.wrapped_key));
}

/// A database made before rows were set aside holds reports whose stored phone lost its
/// leading 0. Ingesting the original file answered "Đã có" for them as for any other, and
/// the operator took the phones for mended. Such a row is now said apart ("đã có, nhưng số
/// điện thoại đã lưu khác bản gốc"), counted, with what to do, never either phone; judged
/// on the stored phone alone, so that a guessed phone reads as the right one does.
#[test]
fn a_stored_phone_that_lost_its_leading_zero_is_said_when_the_original_is_read_again() {
    let env = TestEnv::seeded();
    let whole = ["0912000031", "0983000042"];
    let original = write(&env, "goc.csv", examples_with_phones(&whole).as_bytes());
    env.run_as(RECEPTION, &["ingest", &original]).success();
    stored_as_resaved(&env, "CMG-2026-000102", "912000031");
    let id = env.id_of("CMG-2026-000102");
    let errors = env.dir().join("loi.csv");
    let run = env.run_as(
        RECEPTION,
        &["ingest", &original, "--errors", errors.to_str().unwrap()],
    );
    run.success()
        .stderr_has(&format!(
            "goc.csv:2: cảnh báo: mã CMG-2026-000102 đã có (phản ánh số {id}), nhưng số điện thoại đã lưu khác bản gốc: số đã lưu đã mất số 0 ở đầu"
        ))
        .stderr_has(&format!(
            "sửa số đã lưu bằng `phananh identity correct {id} --phone SỐ_ĐÚNG --reason \"LÝ DO\"`"
        ))
        .stderr_has("1 phản ánh đã có nhưng số điện thoại đã lưu đã mất số 0 ở đầu; nạp lại không sửa được");
    assert!(
        table_body(run.stdout.lines())[0].contains("┆ 0      ┆ 4     ┆ 0   ┆ 1        ┆"),
        "{run}"
    );
    assert_eq!(errors_rows(&errors)[0][2], "warning_stored_phone_lost_zero");
    for number in whole {
        run.never_shows(number).never_shows(&number[1..6]);
    }
    let english = env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "json", "ingest", &original],
    );
    english
        .success()
        .stderr_has(&format!("warning: id CMG-2026-000102 is already stored (report {id}), but the stored phone differs from the original: it lost its leading 0"))
        .stderr_has(&format!("corrects the stored one with `phananh identity correct {id} --phone RIGHT_NUMBER --reason \"TEXT\"`"))
        .stderr_has("1 report already stored with a phone that lost its leading 0");
    let summary = summary(&english);
    assert_eq!(summary["already_present"], 4, "{summary}");
    assert_eq!(summary["stored_phone_lost_zero"], 1, "{summary}");
    assert_eq!(summary["warnings"], 1, "{summary}");
    // A guessed phone under that id reads as the original's does: the stored phone is
    // judged, never compared with the one read.
    let guessed = write(
        &env,
        "doan.csv",
        examples_with_phones(&["0911111111", "0983000042"]).as_bytes(),
    );
    let guess = summary_of(&ingest_json(&env, &guessed));
    assert_eq!(guess, summary_of(&english));
}

/// A summary's counts, the file's name left out.
fn summary_of(run: &Run) -> Vec<Value> {
    let s = summary(run);
    [
        "stored",
        "already_present",
        "malformed",
        "warnings",
        "stored_phone_lost_zero",
    ]
    .iter()
    .map(|k| s[k].clone())
    .collect()
}

/// A phone Excel turned into scientific notation ("9.12E+08": it read the cell as a number
/// too long to show) was stored without a word; `validate` then rejected the citizen's
/// report for good (Đ6.3), and the corrected file only said "Đã có". Such rows are set
/// aside as those whose phone lost its 0 are: not stored, listed by line, said once for
/// the file with what to do, exit 1; the app's file then loads them.
#[test]
fn rows_whose_phone_excel_wrote_as_an_exponent_are_set_aside_for_the_apps_file() {
    let env = TestEnv::seeded();
    let spoiled = ["9.12E+08", "9,12E+08", "1.23457E+11"];
    let resaved = write(&env, "excel.csv", examples_with_phones(&spoiled).as_bytes());
    let errors = env.dir().join("loi.csv");
    let run = env.run_as(
        RECEPTION,
        &["ingest", &resaved, "--errors", errors.to_str().unwrap()],
    );
    run.failure()
        .stderr_has(
            "excel.csv: đã để riêng 3 dòng, chưa lưu: số điện thoại người phản ánh đã bị Excel đổi sang dạng số mũ",
        )
        .stderr_has("(dòng 2, 3, 4)")
        .stderr_has("Hãy xuất lại tệp từ ứng dụng và nạp ngay, đừng mở bằng Excel trước khi nạp")
        .stderr_has("Đã để riêng 3 dòng có số điện thoại bị Excel đổi sang dạng số mũ, chưa lưu");
    assert!(!run.stderr.contains("dòng lỗi"), "{run}");
    assert!(!run.stderr.contains("mất số 0"), "{run}");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 1);
    let listed: Vec<String> = errors_rows(&errors)
        .into_iter()
        .map(|r| r[2].clone())
        .collect();
    assert_eq!(listed, ["phone_exponent"; 3]);
    let text = std::fs::read_to_string(&errors).unwrap();
    assert!(
        text.contains("để riêng, chưa lưu: số điện thoại đã bị Excel"),
        "{text}"
    );
    // The app's own file: the three rows stored with their phones whole.
    let whole = ["0912000031", "0912000032", "0983000042"];
    let original = write(&env, "goc.csv", examples_with_phones(&whole).as_bytes());
    let again = env.run_as(RECEPTION, &["ingest", &original]);
    again.success().never_shows("để riêng");
    let phones: Vec<String> = env.identities().into_iter().map(|(_, _, p)| p).collect();
    for number in whole {
        assert!(phones.iter().any(|p| p == number), "{phones:?}");
    }
    // In English and JSON, with --validate: nothing of them is checked, nor rejected.
    let english = TestEnv::seeded();
    let file = write(&english, "excel.csv", &std::fs::read(&resaved).unwrap());
    let run = english.run_as(
        RECEPTION,
        &[
            "--lang",
            "en",
            "--format",
            "json",
            "ingest",
            "--validate",
            &file,
        ],
    );
    run.failure()
        .stderr_has("excel.csv: set aside 3 records, not stored: Excel turned the reporter's phone into scientific notation")
        .stderr_has("Export the file again from the app and ingest it without opening it in Excel first")
        .stderr_has("3 records set aside, not stored, the phone turned into scientific notation by Excel");
    let summary = summary(&run);
    assert_eq!(summary["stored"], 1, "{summary}");
    assert_eq!(summary["set_aside"], 3, "{summary}");
    assert_eq!(
        summary["malformed_by_reason"]["phone_exponent"], 3,
        "{summary}"
    );
    assert_eq!(summary["rejected"], 0, "{summary}");
    assert_eq!(
        array(&summary["malformed_rows"])[0]["message"],
        "set aside, not stored: Excel (or another spreadsheet) turned the phone into scientific notation (with an E) and its last digits are lost; export the file again from the app and ingest this row from it, without opening the file in Excel first"
    );
}

/// One of the app's JSON records, its phone written as `phone` (raw JSON: a string or a
/// number as the file has it).
fn json_record(id: &str, phone: &str) -> String {
    format!(
        r#"{{"external_id":"{id}","submitted_at":"2026-09-07T09:00:00+07:00","occurred_at":"2026-09-07T08:30:00+07:00","content":"Cống bị nghẹt trước nhà văn hóa khóm 1, nước tràn lên đường.","media":["https://x.vn/e.jpg"],"latitude":9.18,"longitude":105.15,"address":"Khóm 1","commune":"Phường An Xuyên","reporter_name":"Lê Văn Mười","reporter_phone":{phone},"confidential":false,"consent":true}}"#
    )
}

/// The exponent is set aside in every format ingest reads: JSON Lines and a JSON array,
/// as a string or as a JSON number (which a reader parses to 912000000.0, digits that
/// would otherwise pass unseen), and an Open311 request's `phone`.
#[test]
fn a_phone_as_an_exponent_is_set_aside_in_json_lines_json_arrays_and_open311() {
    let env = TestEnv::seeded();
    let lines = [
        json_record("CMG-2026-100041", "9.12E+08"),
        json_record("CMG-2026-100042", r#""9.12E+08""#),
        json_record("CMG-2026-100043", "912345678.0"),
        json_record("CMG-2026-100044", r#""0912345671""#),
    ];
    let jsonl = write(&env, "xuat.jsonl", lines.join("\n").as_bytes());
    let run = env.run_as(RECEPTION, &["--format", "json", "ingest", &jsonl]);
    run.failure().stderr_has(
        "xuat.jsonl: đã để riêng 3 bản ghi, chưa lưu: số điện thoại người phản ánh là một số ở dạng số mũ (có chữ E) hoặc số thập phân",
    );
    let counts = summary(&run);
    assert_eq!(counts["stored"], 1, "{counts}");
    assert_eq!(
        counts["malformed_by_reason"]["phone_exponent"], 3,
        "{counts}"
    );
    let array_file = format!(
        "[{},\n{}]",
        json_record("CMG-2026-100051", "1.23457E+11"),
        json_record("CMG-2026-100052", r#""0912345672""#)
    );
    let json = write(&env, "xuat.json", array_file.as_bytes());
    let run = env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "json", "ingest", &json],
    );
    run.failure()
        .stderr_has("xuat.json: set aside 1 record, not stored: the reporter's phone is a number in scientific notation");
    let counts = summary(&run);
    assert_eq!(counts["stored"], 1, "{counts}");
    assert_eq!(
        counts["malformed_by_reason"]["phone_exponent"], 1,
        "{counts}"
    );
    let open311 = r#"[{"service_request_id":"OS-1","description":"Ổ gà lớn trên đường Lý Thường Kiệt, xe máy đi qua rất nguy hiểm.","requested_datetime":"2026-10-02T01:15:00Z","address":"Đường Lý Thường Kiệt","media_url":"https://example.org/1.jpg","phone":9.12E+08}]"#;
    let open311 = write(&env, "requests.json", open311.as_bytes());
    let run = env.run_as(
        RECEPTION,
        &[
            "--format",
            "json",
            "ingest",
            "--input-format",
            "open311",
            &open311,
        ],
    );
    run.failure();
    let counts = summary(&run);
    assert_eq!(counts["stored"], 0, "{counts}");
    assert_eq!(
        counts["malformed_by_reason"]["phone_exponent"], 1,
        "{counts}"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM reports WHERE external_id IN ('CMG-2026-100041', 'CMG-2026-100042', 'CMG-2026-100043', 'CMG-2026-100051', 'OS-1')"),
        0
    );
}

/// A report stored with an exponent for a phone (by a phananh before such rows were set
/// aside) read again from the app's file was "Đã có" and nothing more: the operator took
/// the phone for mended. It is said apart, counted, never either phone; judged on the
/// stored phone alone.
#[test]
fn a_stored_phone_excel_wrote_as_an_exponent_is_said_when_the_original_is_read_again() {
    let env = TestEnv::seeded();
    let whole = ["0912000031", "0983000042"];
    let original = write(&env, "goc.csv", examples_with_phones(&whole).as_bytes());
    env.run_as(RECEPTION, &["ingest", &original]).success();
    stored_as_resaved(&env, "CMG-2026-000102", "9.12E+08");
    let id = env.id_of("CMG-2026-000102");
    let run = env.run_as(RECEPTION, &["ingest", &original]);
    run.success()
        .stderr_has(&format!(
            "goc.csv:2: cảnh báo: mã CMG-2026-000102 đã có (phản ánh số {id}), nhưng số điện thoại đã lưu khác bản gốc: số đã lưu đã bị Excel đổi sang dạng số mũ"
        ))
        .stderr_has("1 phản ánh đã có nhưng số điện thoại đã lưu đã bị Excel đổi sang dạng số mũ; nạp lại không sửa được")
        .stderr_has(&format!(
            "sửa số đã lưu bằng `phananh identity correct {id} --phone SỐ_ĐÚNG"
        ))
        .never_shows("9.12E")
        .never_shows("0912000031");
    let english = env.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "json", "ingest", &original],
    );
    english
        .success()
        .stderr_has(&format!("warning: id CMG-2026-000102 is already stored (report {id}), but the stored phone differs from the original: Excel turned it into scientific notation"))
        .stderr_has("1 report already stored with a phone Excel turned into scientific notation")
        .stderr_has(&format!(
            "corrects the stored one with `phananh identity correct {id} --phone RIGHT_NUMBER"
        ));
    let summary = summary(&english);
    assert_eq!(summary["already_present"], 4, "{summary}");
    assert_eq!(summary["stored_phone_exponent"], 1, "{summary}");
    assert_eq!(summary["warnings"], 1, "{summary}");
}

/// The first `n` examples as the app wrote them, and as Excel under Vietnamese settings
/// saves them again: a byte-order mark, semicolons, CRLF, TRUE/FALSE, decimal commas, and
/// each time `dd/mm/yyyy hh:mm`, its seconds dropped. Also how many records had a time
/// with seconds, which the copy lost.
fn examples_and_excel_copy(n: usize) -> (String, Vec<u8>, usize) {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let times: Vec<usize> = ["submitted_at", "occurred_at"]
        .iter()
        .map(|name| header.iter().position(|h| h == *name).unwrap())
        .collect();
    let mut original = csv::Writer::from_writer(vec![]);
    original.write_record(&header).unwrap();
    let mut excel = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    excel.write_record(&header).unwrap();
    let mut lost = 0;
    for record in reader.records().take(n) {
        let record = record.unwrap();
        original.write_record(&record).unwrap();
        let mut seconds = false;
        let cells: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                if times.contains(&i) {
                    let (minute, dropped) = to_the_minute(cell);
                    seconds |= dropped;
                    return minute;
                }
                match cell {
                    "0" => "FALSE".to_owned(),
                    "1" => "TRUE".to_owned(),
                    _ if cell.parse::<f64>().is_ok() => cell.replace('.', ","),
                    _ => cell.to_owned(),
                }
            })
            .collect();
        lost += usize::from(seconds);
        excel.write_record(&cells).unwrap();
    }
    let original = String::from_utf8(original.into_inner().unwrap()).unwrap();
    (original, excel.into_inner().unwrap(), lost)
}

/// A time of the examples (in Cà Mau's time) as Excel shows it, `dd/mm/yyyy hh:mm`, and
/// whether seconds other than :00 were dropped; a form Excel does not read as a time (`Z`)
/// stays as it is.
fn to_the_minute(cell: &str) -> (String, bool) {
    let b = cell.as_bytes();
    let (date, clock) = match cell.len() {
        25 if cell.ends_with("+07:00") => (
            format!("{}/{}/{}", &cell[8..10], &cell[5..7], &cell[..4]),
            &cell[11..19],
        ),
        19 if b[2] == b'/' => (cell[..10].to_owned(), &cell[11..19]),
        19 if b[4] == b'-' => (
            format!("{}/{}/{}", &cell[8..10], &cell[5..7], &cell[..4]),
            &cell[11..19],
        ),
        _ => return (cell.to_owned(), false),
    };
    (format!("{date} {}", &clock[..5]), &clock[6..] != "00")
}

/// The examples re-saved by Excel (times `dd/mm/yyyy hh:mm`, seconds lost) read after the
/// original, or the original after them: 319 of 340 rows were each "mã … đã có … nhưng khác
/// ở cột submitted_at, occurred_at … ứng dụng phải cho nó mã riêng", exit 1, in either
/// order. A time given to the minute that is the stored time's minute (or the other way
/// round), all else equal, is the same report: counted already present, and apart.
#[test]
fn an_excel_copy_whose_times_lost_their_seconds_is_the_same_reports_either_way_round() {
    let (original, excel, lost) = examples_and_excel_copy(30);
    assert!(lost > 10, "{lost} rows had seconds");
    for excel_first in [false, true] {
        let env = TestEnv::seeded();
        let original = write(&env, "goc.csv", original.as_bytes());
        let excel = write(&env, "excel.csv", &excel);
        let (first, then) = if excel_first {
            (&excel, &original)
        } else {
            (&original, &excel)
        };
        assert_eq!(summary(&ingest_json(&env, first))["stored"], 30);
        let run = env.run_as(RECEPTION, &["--format", "json", "ingest", then]);
        run.success().stderr_has(&format!(
            "Đã có, chỉ khác giây ở thời điểm gửi hoặc xảy ra: {lost} (một tệp có vẻ đã được lưu lại bằng Excel"
        ));
        let summary = summary(&run);
        assert_eq!(
            (
                &summary["stored"],
                &summary["already_present"],
                &summary["already_present_seconds_lost"],
                &summary["malformed"]
            ),
            (
                &Value::from(0),
                &Value::from(30),
                &Value::from(lost),
                &Value::from(0)
            ),
            "excel first: {excel_first}: {summary}"
        );
        assert_eq!(env.count("SELECT count(*) FROM reports"), 30);
        env.run_as(RECEPTION, &["--lang", "en", "ingest", then])
            .success()
            .stderr_has(&format!(
                "{lost} records already stored differing only in the seconds of a time"
            ));
    }
}

/// Excel's `sep=;` first line, which it writes for a file meant for another locale, was
/// read as a header of one column: "no column known", naming no cause. It names the
/// separator; the lines after it keep their numbers in the messages.
#[test]
fn excel_s_sep_line_names_the_separator() {
    let env = TestEnv::seeded();
    let header = "external_id;submitted_at;occurred_at;content;media;latitude;longitude;address;commune;reporter_name;reporter_phone;confidential;consent;urgent;category_hint";
    let row = |id: &str, when: &str| {
        format!(
            "{id};{when};2026-09-02T07:00:00+07:00;Đường ở khóm 4 bị sụt lún.;https://x.vn/a.jpg;9,2;105,2;Số 1;Phường An Xuyên;Nguyễn Văn Hùng;0912345678;0;1;0;"
        )
    };
    let text = format!(
        "sep=;\r\n{header}\r\n{}\r\n{}\r\n",
        row("SEP-1", "2026-09-02T08:00:00+07:00"),
        row("SEP-2", "không rõ")
    );
    let path = env.dir().join("sep.csv");
    std::fs::write(&path, text).unwrap();
    let run = env.run_as(
        RECEPTION,
        &["ingest", "--format", "json", path.to_str().unwrap()],
    );
    run.failure().stderr_has("sep.csv:4: submitted_at");
    let s = &run.json()[0];
    assert_eq!(
        (s["stored"].as_u64(), s["malformed"].as_u64()),
        (Some(1), Some(1)),
        "{run}"
    );
    assert_eq!(env.show("ext:SEP-1")["latitude"], 9.2);
}
