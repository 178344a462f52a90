//! `ingest` of files as Vietnamese Excel leaves them when an officer prepares or repairs an
//! export: saved as plain "CSV (Comma delimited)" in the Windows code page (or older files
//! in TCVN3 or VNI), refused once for the whole file with the Save As choice that mends it;
//! rows left empty, skipped and said once; columns cleared to an empty name, ignored unless
//! they hold data; phones that lost their leading 0, counted among the summary's warnings.

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
    let vi = "phananh: excel.csv không phải UTF-8: có vẻ là bảng mã Windows-1258, kiểu Excel ghi khi lưu dạng \"CSV (Comma delimited)\", nên mọi chữ có dấu sẽ sai. Không nạp gì từ tệp này; hãy mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → \"CSV UTF-8 (Comma delimited) (*.csv)\" rồi nạp lại tệp .csv đó.\n";
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
    let convert_vi = "Không nạp gì từ tệp này; hãy chuyển văn bản sang Unicode bằng công cụ chuyển mã (như công cụ của UniKey), sau đó mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → \"CSV UTF-8 (Comma delimited) (*.csv)\" rồi nạp lại tệp .csv đó.";
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
            "app.jsonl không phải UTF-8: có vẻ là bảng mã Windows-1258, kiểu Excel ghi khi lưu dạng \"CSV (Comma delimited)\", nên mọi chữ có dấu sẽ sai. Không nạp gì từ tệp này; hãy xuất lại tệp dạng UTF-8 rồi nạp lại.".to_owned(),
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
    let run = env.run_as(RECEPTION, &["ingest", &cleared]);
    run.success().never_shows("cột").never_shows("\"\"");
    assert_eq!(run.stderr, "", "{run}");
    assert_eq!(env.count("SELECT count(*) FROM reports"), 2);
    let mut held = format!("{HEADER},ghi_chu, ,\r\n").into_bytes();
    held.extend(row("C-3", ",xem,,"));
    held.extend(row("C-4", ",,,"));
    held.extend(row("C-5", ",,, ghi tay"));
    let held = write(&env, "co-du-lieu.csv", &held);
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

/// The phones that lost their leading 0 in Excel were said once for the file, but the
/// summary's "Cảnh báo" column counted none of them: the table said 0 warnings under the
/// warning. Each such row is one warning, counted in the table and JSON, listed in the
/// `--errors` file and the JSON rows (never the number), said once on screen.
#[test]
fn phones_that_lost_their_leading_zero_are_counted_among_the_warnings() {
    let env = TestEnv::seeded();
    // Examples two to five, complete, on lines 2 to 5; the first two as Excel leaves them.
    let lost = ["912000031", "983000042"];
    let file = write(&env, "excel.csv", examples_with_phones(&lost).as_bytes());
    let errors = env.dir().join("loi.csv");
    let run = env.run_as(
        RECEPTION,
        &["ingest", &file, "--errors", errors.to_str().unwrap()],
    );
    run.success()
        .stderr_has("2 dòng có cảnh báo, đã lưu; cần kiểm tra");
    assert_eq!(run.stderr.matches("mất số 0").count(), 1, "{run}");
    let rows = table_body(run.stdout.lines());
    assert!(
        rows[0].contains("┆ 4      ┆ 0     ┆ 0   ┆ 2        ┆"),
        "{run}"
    );
    let listed: Vec<(String, String)> = errors_rows(&errors)
        .into_iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    let expected = [
        ("2".to_owned(), "warning_lost_leading_zero".to_owned()),
        ("3".to_owned(), "warning_lost_leading_zero".to_owned()),
    ];
    assert_eq!(listed, expected);
    let text = std::fs::read_to_string(&errors).unwrap();
    assert!(text.contains("có vẻ đã mất số 0 ở đầu"), "{text}");
    for number in lost {
        run.never_shows(number);
        assert!(!text.contains(&number[..5]), "{text}");
    }
    // In JSON and English, on a fresh database: the count and the rows.
    let english = TestEnv::seeded();
    let file = write(&english, "excel.csv", &std::fs::read(&file).unwrap());
    let run = english.run_as(
        RECEPTION,
        &["--lang", "en", "--format", "json", "ingest", &file],
    );
    run.success();
    let summary = summary(&run);
    assert_eq!(summary["warnings"], 2, "{summary}");
    let warned = array(&summary["warned_rows"]);
    assert_eq!(warned.len(), 2, "{summary}");
    assert_eq!(
        warned[0]["message"],
        "warning: the phone has 9 digits (or a 10-digit fixed line) and seems to have lost its leading 0 when the file was saved again in Excel; `validate` would reject this report"
    );
}
