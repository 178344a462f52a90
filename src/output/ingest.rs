//! What `ingest` prints: its summary table, a row per file (`FileSummary`, with the
//! malformed and warned records `MalformedRow` lists and the input's `InputFormat`), the
//! words of each fault's code (`reason_label`), and on standard error (`cli::ingest`
//! prints it): how many new reports `--validate` accepted and rejected, the records stored with a
//! warning and the malformed ones not stored (said last, so that a table scrolled away does
//! not leave "0 malformed" as all there is to read), a file's malformed records counted by
//! reason, the blank rows skipped, the records set aside because their phone lost its
//! leading 0 and the reports already stored with such a phone, and the refusal of a run with files that cannot be
//! loaded at all (a file in a legacy Vietnamese encoding among them); a CSV header that
//! cannot be loaded and a CSV record of the wrong shape; a record's JSON
//! syntax error or bytes that are not UTF-8. Built from what `app::ingest` counted
//! and found; nothing here reads a file or the database.

use std::collections::BTreeMap;
use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

use super::Listing;
use crate::domain::intake::Column;
use crate::domain::validate::SpreadsheetDamage;
use crate::i18n::{Lang, Localized, count_en, was_were};

/// The closing line of `ingest --validate`: the new reports checked, accepted and rejected.
pub fn validated(accepted: u64, rejected: u64) -> Localized {
    let checked = accepted + rejected;
    Localized::new(
        format!(
            "Đã kiểm tra {checked} phản ánh mới: {accepted} tiếp nhận, {rejected} từ chối.",
            checked = crate::i18n::grouped(checked, crate::i18n::Lang::Vi),
            accepted = crate::i18n::grouped(accepted, crate::i18n::Lang::Vi),
            rejected = crate::i18n::grouped(rejected, crate::i18n::Lang::Vi)
        ),
        format!(
            "checked {}: {accepted} accepted, {rejected} rejected",
            crate::i18n::count_en(checked, "new report", "new reports"),
            accepted = crate::i18n::grouped(accepted, crate::i18n::Lang::En),
            rejected = crate::i18n::grouped(rejected, crate::i18n::Lang::En)
        ),
    )
}

/// The records stored with a warning, to be checked.
pub fn warned(n: u64) -> Localized {
    Localized::new(
        format!(
            "{n} dòng có cảnh báo, đã lưu; cần kiểm tra (xem ở trên).",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} stored with warnings, to be checked (listed above)",
            was_were(n, "record", "records")
        ),
    )
}

/// The records of the run set aside because a spreadsheet spoiled their phone (`damage`),
/// and what loads them.
pub fn set_aside(damage: SpreadsheetDamage, n: u64) -> Localized {
    let vi_n = crate::i18n::grouped(n, crate::i18n::Lang::Vi);
    let en_n = crate::i18n::count_en(n, "record", "records");
    match damage {
        SpreadsheetDamage::LostLeadingZero => Localized::new(
            format!(
                "Đã để riêng {vi_n} dòng có số điện thoại mất số 0 ở đầu, chưa lưu (xem ở trên); nạp tệp gốc do ứng dụng xuất để lưu các dòng ấy."
            ),
            format!(
                "{en_n} set aside, not stored, the phone's leading 0 lost (see above); ingest the app's original file to store them"
            ),
        ),
        SpreadsheetDamage::Exponent => Localized::new(
            format!(
                "Đã để riêng {vi_n} dòng có số điện thoại bị Excel đổi sang dạng số mũ, chưa lưu (xem ở trên); xuất lại tệp từ ứng dụng và nạp ngay, không mở bằng Excel, để lưu các dòng ấy."
            ),
            format!(
                "{en_n} set aside, not stored, the phone turned into scientific notation by Excel (see above); export the file again from the app and ingest it without opening it in Excel to store them"
            ),
        ),
    }
}

/// The records of the run already stored under a phone a spreadsheet spoiled (`damage`),
/// which reading them again does not mend.
pub fn stored_damaged_phones(damage: SpreadsheetDamage, n: u64) -> Localized {
    let vi_n = crate::i18n::grouped(n, crate::i18n::Lang::Vi);
    let en_n = crate::i18n::count_en(n, "report", "reports");
    let (vi, en) = match damage {
        SpreadsheetDamage::LostLeadingZero => {
            ("đã mất số 0 ở đầu", "with a phone that lost its leading 0")
        }
        SpreadsheetDamage::Exponent => (
            "đã bị Excel đổi sang dạng số mũ",
            "with a phone Excel turned into scientific notation",
        ),
    };
    Localized::new(
        format!(
            "{vi_n} phản ánh đã có nhưng số điện thoại đã lưu {vi}; nạp lại không sửa được (xem ở trên)."
        ),
        format!("{en_n} already stored {en}; ingesting again does not mend it (see above)"),
    )
}

/// The records of the run counted already present though a time of theirs differs from
/// the stored report's: given to the minute on one side (a copy Excel re-saved, its
/// seconds dropped), within that minute on the other, all else equal.
pub fn seconds_lost(n: u64) -> Localized {
    Localized::new(
        format!(
            "Đã có, chỉ khác giây ở thời điểm gửi hoặc xảy ra: {n} (một tệp có vẻ đã được lưu lại bằng Excel, bỏ mất phần giây); là cùng phản ánh, giữ nguyên bản đã lưu, không phải lỗi.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} already stored differing only in the seconds of a time sent or occurred (one file seems re-saved by Excel, which drops seconds): the same reports, the stored ones kept as they are; not a fault",
            crate::i18n::count_en(n, "record", "records")
        ),
    )
}

/// The malformed records not stored, and what to do about them.
pub fn malformed(n: u64) -> Localized {
    Localized::new(
        format!(
            "{n} dòng lỗi không được lưu (xem danh sách ở trên); sửa tệp rồi nạp lại — các phản ánh đã lưu sẽ được bỏ qua.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} not stored (listed above); fix the file and ingest it again — reports already stored are skipped",
            was_were(n, "malformed record", "malformed records")
        ),
    )
}

/// One line for a file with many malformed records: how many of each kind (`counts`: each
/// reason's label in Vietnamese and in English, and its count, after a colon: "không phải
/// UTF-8 340" read as a label), how many were shown above,
/// and where the full list is (`listed`: in the `--errors` file).
pub fn by_reason(
    file: &str,
    malformed: u64,
    shown: u64,
    counts: &[(&str, &str, u64)],
    listed: bool,
) -> Localized {
    let counted = |lang: Lang| {
        counts
            .iter()
            .map(|(vi, en, n)| format!("{}: {}", lang.pick(vi, en), crate::i18n::grouped(*n, lang)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Localized::new(
        format!(
            "{file}: {malformed} bản ghi lỗi ({}); ở trên là {shown} bản ghi đầu{}",
            counted(Lang::Vi),
            if listed {
                ", danh sách đủ ở tệp --errors."
            } else {
                "; xem đủ bằng --errors TỆP."
            },
            malformed = crate::i18n::grouped(malformed, crate::i18n::Lang::Vi),
            shown = crate::i18n::grouped(shown, crate::i18n::Lang::Vi)
        ),
        format!(
            "{file}: {malformed} malformed records ({}); the first {shown} are above{}",
            counted(Lang::En),
            if listed {
                ", the full list is in the --errors file."
            } else {
                "; --errors FILE lists them all."
            },
            malformed = crate::i18n::grouped(malformed, crate::i18n::Lang::En),
            shown = crate::i18n::grouped(shown, crate::i18n::Lang::En)
        ),
    )
}

/// The refusal of a run of `files` files when those `unusable` say why they cannot be
/// loaded: nothing is stored, and each is named with what to do. A run of one file is
/// refused with that file's own text.
pub fn unusable_files(files: usize, unusable: &[&Localized]) -> Localized {
    if files == 1 {
        return unusable[0].clone();
    }
    let said = |lang| {
        let texts: Vec<&str> = unusable.iter().map(|text| text.text(lang)).collect();
        texts.join("\n")
    };
    let count = unusable.len();
    Localized::new(
        format!(
            "{}\n{count}/{files} tệp không nạp được (ở trên); chưa lưu gì từ tệp nào. Hãy sửa các tệp đó, hoặc bỏ chúng ra khỏi lệnh, rồi chạy lại.",
            said(Lang::Vi),
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi),
            files = crate::i18n::grouped(files, crate::i18n::Lang::Vi)
        ),
        format!(
            "{}\n{count} of {files} files cannot be loaded (above); nothing was stored from any file. Fix them, or leave them out of the command, then run again",
            said(Lang::En),
            count = crate::i18n::grouped(count, crate::i18n::Lang::En),
            files = crate::i18n::grouped(files, crate::i18n::Lang::En)
        ),
    )
}

/// Why a record longer than `limit` bytes was refused, to say with its line or number.
pub fn record_too_long(limit: usize) -> Localized {
    Localized::new(
        format!(
            "bản ghi dài hơn {} KiB, giới hạn của một phản ánh; đã bỏ qua bản ghi này mà không đọc hết, các bản ghi khác vẫn được nạp. Hãy kiểm tra tệp xuất ở vị trí này (một dấu ngoặc kép không đóng nuốt các dòng sau, hay tệp không phải văn bản?)",
            limit / 1024
        ),
        format!(
            "the record is longer than {} KiB, the limit for one report; it was skipped without being read whole and the other records still load. Check the export at this place (an unclosed quote swallowing the lines after it, or a file that is not text?)",
            limit / 1024
        ),
    )
}

/// Where a JSON syntax error is said to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonAt {
    /// At this column (in characters) of a JSON Lines line.
    Column(usize),
    /// Nowhere worth naming: the line ends before the record does.
    Nowhere,
    /// At this line of the file, in an element of a JSON array: nothing after it is read.
    Line(u64),
}

/// A record's JSON syntax error: `what` is wrong (`json_fault`), `at` where.
pub fn json_syntax(what: &Localized, at: JsonAt) -> Localized {
    match at {
        JsonAt::Column(column) => Localized::new(
            format!("lỗi cú pháp JSON ở cột {column}: {}", what.vi),
            format!("JSON syntax error at column {column}: {}", what.en),
        ),
        JsonAt::Nowhere => Localized::new(
            format!("lỗi cú pháp JSON: {}", what.vi),
            format!("JSON syntax error: {}", what.en),
        ),
        JsonAt::Line(line) => Localized::new(
            format!(
                "lỗi cú pháp JSON ở dòng {line}: {}; các bản ghi sau đó không được đọc",
                what.vi
            ),
            format!(
                "JSON syntax error at line {line}: {}; records after it were not read",
                what.en
            ),
        ),
    }
}

/// What serde_json found wrong (`said`, its message without the position), in words an
/// operator reads in either language: its own ("EOF while parsing an object") is neither
/// Vietnamese nor plain. A message not listed here (a newer serde_json's) is quoted as the
/// JSON reader's. `stopped_at` is the byte it stopped at, which names the bracket a comma
/// too many stands before.
pub fn json_fault(said: &str, stopped_at: Option<u8>) -> Localized {
    let pair = |vi: &str, en: &str| Localized::new(vi.to_owned(), en.to_owned());
    match said {
        "EOF while parsing an object" => pair(
            "hết dòng khi đối tượng chưa đóng (thiếu `}`)",
            "the line ends before the object is closed (`}` missing)",
        ),
        "EOF while parsing a list" => pair(
            "hết dòng khi danh sách chưa đóng (thiếu `]`)",
            "the line ends before the list is closed (`]` missing)",
        ),
        "EOF while parsing a string" => pair(
            "hết dòng khi chuỗi chưa đóng (thiếu `\"`)",
            "the line ends inside a string (closing `\"` missing)",
        ),
        "EOF while parsing a value" => pair(
            "hết dòng khi còn thiếu một giá trị",
            "the line ends where a value was expected",
        ),
        "trailing comma" => {
            let closing = match stopped_at {
                Some(b']') => "]",
                _ => "}",
            };
            Localized::new(
                format!("dấu phẩy thừa trước `{closing}`"),
                format!("a comma too many before `{closing}`"),
            )
        }
        "trailing characters" => pair(
            "còn ký tự sau khi đối tượng đã đóng",
            "characters after the object was closed",
        ),
        "expected value" => pair(
            "cần một giá trị (chuỗi trong `\"…\"`, số, true, false, null, `[` hoặc `{`)",
            "a value was expected (a string in `\"…\"`, a number, true, false, null, `[` or `{`)",
        ),
        "expected ident" => pair(
            "từ không hợp lệ (chỉ có true, false, null; chuỗi phải trong `\"…\"`)",
            "unknown word (only true, false, null; a string goes in `\"…\"`)",
        ),
        "expected `:`" => pair("thiếu dấu `:` sau tên trường", "`:` missing after a key"),
        "expected `,` or `}`" => pair(
            "cần `,` hoặc `}` sau một giá trị",
            "`,` or `}` expected after a value",
        ),
        "expected `,` or `]`" => pair(
            "cần `,` hoặc `]` sau một phần tử danh sách",
            "`,` or `]` expected after a list element",
        ),
        "expected `\"`" | "key must be a string" => pair(
            "tên trường phải nằm trong dấu `\"`",
            "a key must be a string in `\"`",
        ),
        "invalid escape" => pair(
            "ký tự thoát sau `\\` không hợp lệ (viết `\\\\` cho một dấu `\\`)",
            "invalid escape after `\\` (write `\\\\` for one `\\`)",
        ),
        "invalid number" => pair("số không hợp lệ", "invalid number"),
        "number out of range" => pair("số quá lớn", "number out of range"),
        "invalid unicode code point"
        | "lone leading surrogate in hex escape"
        | "unexpected end of hex escape" => pair(
            "mã `\\u` không hợp lệ trong chuỗi",
            "invalid `\\u` escape in a string",
        ),
        "control character (\\u0000-\\u001F) found while parsing a string" => pair(
            "chuỗi có ký tự điều khiển (như tab, xuống dòng) chưa viết thành `\\t`, `\\n`",
            "a string holds a control character (a tab, a line break) not written as `\\t`, `\\n`",
        ),
        "recursion limit exceeded" => pair(
            "lồng quá sâu (quá nhiều `[` hoặc `{` lồng nhau)",
            "nested too deep (too many `[` or `{` inside each other)",
        ),
        other => Localized::new(format!("{other} (lỗi của bộ đọc JSON)"), other.to_owned()),
    }
}

/// A line, or the cell of `column`, that is not UTF-8 from its `byte` (1-based) on.
pub fn not_utf8(column: Option<&str>, byte: usize) -> Localized {
    match column {
        Some(name) => Localized::new(
            format!("cột {name} không phải UTF-8 hợp lệ (byte {byte}); hãy lưu tệp dạng UTF-8"),
            format!("column {name} is not valid UTF-8 (byte {byte}); save the file as UTF-8"),
        ),
        None => Localized::new(
            format!("dòng không phải UTF-8 hợp lệ (byte {byte}); hãy lưu tệp dạng UTF-8"),
            format!("not valid UTF-8 (byte {byte}); save the file as UTF-8"),
        ),
    }
}

/// The CSV reader gave up (`e`, its own words): nothing after was read.
pub fn csv_unreadable(e: &impl std::fmt::Display) -> Localized {
    Localized::new(
        format!("CSV không đọc được: {e}; phần còn lại của tệp không được đọc"),
        format!("unreadable CSV: {e}; the rest of the file was not read"),
    )
}

/// The last record ran into the end of the file inside a quoted field that opened on line
/// `opened`.
pub fn unclosed_quote(opened: u64) -> Localized {
    Localized::new(
        format!(
            "một trường trong ngoặc kép mở ở dòng {opened} không được đóng trước khi hết tệp \
             (tệp xuất bị cắt?); hãy kiểm tra dấu ngoặc kép ở dòng đó"
        ),
        format!(
            "a quoted field opened on line {opened} is never closed before the end of the \
             file (truncated export?); check the quotes on that line"
        ),
    )
}

/// Where a record listed on screen is, after its file's name: its line, and in a JSON
/// array its number too (`a.json:21: bản ghi thứ 2`).
pub fn record_at(line: u64, record: Option<u64>) -> Localized {
    match record {
        None => Localized::new(line.to_string(), line.to_string()),
        Some(n) => Localized::new(
            format!("{line}: bản ghi thứ {n}"),
            format!("{line}: record {n}"),
        ),
    }
}

/// The last record of a CSV file that ends without a line break, its last cell (of
/// `column`) holding text: the file may have been cut there, that text with it.
pub fn cut_last_line(column: &str) -> Localized {
    Localized::new(
        format!(
            "dòng cuối tệp không kết thúc bằng dấu xuống dòng mà ô cuối (cột {column}) có chữ: tệp có thể đã bị cắt giữa chừng (tải về hay chép bị ngắt), chữ trong ô ấy có thể thiếu; chưa lưu dòng này (cách nạp lại: xem dòng cuối)"
        ),
        format!(
            "the file's last line has no line end and its last cell (column {column}) holds text: the file may have been cut short (an interrupted download or copy), that text with it; this record was not stored (how to load it: see the last lines)"
        ),
    )
}

/// The last line of a file, without a line end, with `have` of the header's `need` fields:
/// cut short before its last cells.
pub fn cut_last_line_fields(have: usize, need: usize) -> Localized {
    Localized::new(
        format!(
            "dòng cuối tệp không kết thúc bằng dấu xuống dòng và chỉ có {have} trong {need} trường như dòng tiêu đề: tệp có thể đã bị cắt giữa chừng (tải về hay chép bị ngắt); chưa lưu dòng này, đừng thêm trường cho đủ (cách nạp lại: xem dòng cuối)"
        ),
        format!(
            "the file's last line has no line end and only {have} of the header's {need} fields: the file may have been cut short (an interrupted download or copy); this record was not stored, do not pad it (how to load it: see the last lines)"
        ),
    )
}

/// The records of the run not stored because their file ended without a line break
/// inside them (`cut_last_line`), and how to load them.
pub fn cut_last_lines(n: u64) -> Localized {
    Localized::new(
        format!(
            "{n} dòng cuối tệp không có dấu xuống dòng nên có thể đã bị cắt, chưa lưu (xem ở trên): hãy lấy lại tệp đầy đủ (tải hoặc chép lại từ ứng dụng) rồi nạp lại, các phản ánh đã lưu được bỏ qua. Nếu đã so với tệp gốc mà dòng ấy đủ, thêm một dấu xuống dòng vào cuối tệp rồi nạp lại.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} at the end of a file without a line end, which may have been cut short, not stored (see above): get the whole file again (download or copy it again from the app) and ingest it, reports already stored are skipped. If the line is whole, compared with the original, add a line end at the end of the file and ingest it again",
            crate::i18n::count_en(n, "last line", "last lines")
        ),
    )
}

/// A record that ran from line `start` to line `end` with the wrong number of fields: a
/// quote left open on `start` (a stray `"` the app or a hand wrote) took the lines after it
/// into one record, said after `why` (the field count).
pub fn lines_swallowed(why: &Localized, start: u64, end: u64) -> Localized {
    Localized::new(
        format!(
            "{} — bản ghi này kéo dài từ dòng {start} đến dòng {end}: có vẻ một dấu ngoặc kép ở dòng {start} không được đóng nên các dòng sau bị gộp vào; hãy sửa dấu ngoặc kép ở dòng {start} rồi nạp lại tệp",
            why.vi
        ),
        format!(
            "{} — this record runs from line {start} to line {end}: a quote on line {start} seems never closed, so the lines after it were taken into it; fix the quotes on line {start}, then load the file again",
            why.en
        ),
    )
}

/// A line taken into the record that started on line `start` (`lines_swallowed`): not read
/// as a report of its own, and counted, so that the file's lines add up.
pub fn line_swallowed(start: u64) -> Localized {
    Localized::new(
        format!(
            "dòng này bị gộp vào bản ghi bắt đầu ở dòng {start} (dấu ngoặc kép chưa đóng), không được đọc như một phản ánh; sửa dòng {start} rồi nạp lại tệp"
        ),
        format!(
            "this line was taken into the record that starts on line {start} (a quote left open) and not read as a report of its own; fix line {start}, then load the file again"
        ),
    )
}

/// Line `line` of a CSV file is a header line again (two exports joined with `cat`):
/// `same` when its columns are in the first header's order (skipped), otherwise the rows
/// after it are read by it.
pub fn header_again(line: u64, same: bool) -> Localized {
    if same {
        Localized::new(
            format!("dòng {line} là dòng tiêu đề lặp lại (hai tệp ghép nối), đã bỏ qua"),
            format!("line {line} repeats the header line (two files joined), skipped"),
        )
    } else {
        Localized::new(
            format!(
                "dòng {line} là dòng tiêu đề thứ hai, các cột theo thứ tự khác (hai tệp ghép nối): các dòng sau nó được đọc theo dòng tiêu đề ấy"
            ),
            format!(
                "line {line} is a second header line with its columns in another order (two files joined): the rows after it are read by it"
            ),
        )
    }
}

/// A line where a record ran into a second header line (`cat` joined a file that ended
/// without a line break): both read, each for what it is.
pub fn glued_to_header(line: u64) -> Localized {
    Localized::new(
        format!(
            "dòng {line} là bản ghi cuối của tệp trước dính liền với dòng tiêu đề của tệp sau (hai tệp ghép nối, tệp trước không kết thúc bằng dấu xuống dòng): đã tách ra, bản ghi được đọc theo dòng tiêu đề trước, các dòng sau theo dòng tiêu đề mới"
        ),
        format!(
            "line {line} is the last record of one file run into the header line of the next (two files joined, the first not ending with a line break): split, the record read by the earlier header, the rows after it by the new one"
        ),
    )
}

/// A JSON record whose `external_id` is a number JSON reads only as a float: a fraction, an
/// exponent or an integer too long for 64 bits, whose digits as written cannot be told.
pub fn id_json_float() -> Localized {
    Localized::new(
        "external_id là một số có phần thập phân, số mũ hoặc lớn hơn 18446744073709551615, mà JSON không đọc được đúng từng chữ số; bản ghi không được lưu: hãy để ứng dụng xuất mã ở dạng chuỗi (trong dấu ngoặc kép) rồi nạp lại",
        "external_id is a number with a fraction, an exponent or above 18446744073709551615, which JSON cannot read digit for digit; the record was not stored: have the app write the id as a string (in double quotes) and ingest it again",
    )
}

/// A JSON array closed after a comma (`[{…},{…},]`): every record read, nothing missing.
pub fn trailing_comma_in_array() -> Localized {
    Localized::new(
        "mảng JSON có dấu phẩy thừa trước `]` (cách một số chương trình ghi): bỏ qua, mọi bản ghi đã được đọc",
        "the JSON array has a comma too many before `]` (as some programs write): ignored, every record was read",
    )
}

/// What a refused header says of the whole file, in each language.
const NOTHING_LOADED: [&str; 2] = [
    "Không nạp gì từ tệp này",
    "Nothing was loaded from this file",
];

/// A header refusal (`why`) met as a second header line among the rows: what it says of the
/// whole file is said of what comes after it. "Không nạp gì từ tệp này" stood beside the
/// rows before it, stored.
pub fn header_again_unusable(why: &Localized) -> Localized {
    // As a sentence's start or after a semicolon: both spellings.
    let again = |text: &str, whole: &str, instead: &str| {
        let lower = |t: &str| {
            let mut chars = t.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        };
        text.replace(whole, instead)
            .replace(&lower(whole), &lower(instead))
    };
    Localized::new(
        again(
            &why.vi,
            NOTHING_LOADED[0],
            "Không nạp gì từ dòng này trở đi (các dòng trước nó đã được đọc)",
        ),
        again(
            &why.en,
            NOTHING_LOADED[1],
            "Nothing was loaded from this line on (the rows before it were read)",
        ),
    )
}

/// A row after a second header line (at `header`) that could not be used: not read, since
/// its columns are unknown.
pub fn after_unusable_header(header: u64) -> Localized {
    Localized::new(
        format!(
            "dòng này theo sau dòng tiêu đề thứ hai ở dòng {header}, mà dòng tiêu đề ấy không dùng được (xem lỗi ở dòng {header}): không biết cột nào là cột nào nên không đọc; tách hai tệp ra rồi nạp từng tệp"
        ),
        format!(
            "this row follows the second header line on line {header}, which cannot be used (see the error on line {header}): which column is which is unknown, so it was not read; split the two files and load each"
        ),
    )
}

/// A JSON record giving its key `key` twice: which value is the report's is unknown.
pub fn doubled_key(key: &str) -> Localized {
    Localized::new(
        format!(
            "khóa \"{key}\" có hai lần trong bản ghi (không biết giá trị nào là của phản ánh); hãy giữ một rồi nạp lại"
        ),
        format!(
            "the key \"{key}\" is given twice in the record (which value is the report's is unknown); keep one, then load it again"
        ),
    )
}

/// The file `name` could not be read.
pub fn file_unreadable(name: &str, e: &std::io::Error) -> Localized {
    Localized::new(
        format!("{name}: không đọc được tệp: {e}"),
        format!("{name}: cannot read the file: {e}"),
    )
}

/// A CSV header line longer than a record may be (`kib`).
pub fn header_too_long(name: &str, kib: usize) -> Localized {
    Localized::new(
        format!(
            "{name}: dòng tiêu đề dài hơn {kib} KiB; đây không phải tệp xuất phản ánh (hay thiếu dấu xuống dòng?). Không nạp gì từ tệp này."
        ),
        format!(
            "{name}: the header line is longer than {kib} KiB; this is not an export of reports (or its line ends are missing). Nothing was loaded from this file"
        ),
    )
}

/// A CSV header line that is not UTF-8.
pub fn header_not_utf8(name: &str) -> Localized {
    Localized::new(
        format!("{name}: dòng tiêu đề không phải UTF-8; hãy lưu tệp dạng UTF-8."),
        format!("{name}: the header line is not UTF-8; save the file as UTF-8"),
    )
}

/// A CSV header without the columns every record needs (`column`, joined); `other_separator` when
/// its one column holds separators of another kind (a file exported with tabs, or
/// semicolons beside commas).
pub fn no_required_column(name: &str, column: &str, other_separator: bool) -> Localized {
    let (vi_hint, en_hint) = if other_separator {
        (
            " Dòng tiêu đề có dấu ';', tab hoặc '|' mà không tách được thành cột: hãy xuất lại dạng “CSV UTF-8 (phân cách bằng dấu phẩy)”.",
            " The header holds ';', tabs or '|' but no column could be told apart: export it again as \"CSV UTF-8 (comma delimited)\".",
        )
    } else {
        ("", "")
    };
    Localized::new(
        format!("{name}: thiếu cột {column} trong dòng tiêu đề; không nạp gì từ tệp này.{vi_hint}"),
        format!(
            "{name}: the header has no {column} column{}; nothing was loaded from this file.{en_hint}",
            if column.contains(',') { "s" } else { "" }
        ),
    )
}

/// A CSV header of `count` cells none of which is a column phananh knows (`known`, joined).
pub fn no_known_column(name: &str, count: usize, known: &str) -> Localized {
    Localized::new(
        format!(
            "{name}: không cột nào trong {count} cột của dòng tiêu đề là tên trường của phananh (có vẻ là nhãn tiếng Việt, hoặc tệp không có dòng tiêu đề); không nạp gì từ tệp này. Dòng tiêu đề phải dùng đúng tên trường: {known}."
        ),
        format!(
            "{name}: none of the header's {count} columns is a field name phananh knows (labels in Vietnamese, or no header line?); nothing was loaded from this file. The header must use the field names: {known}"
        ),
    )
}

/// A CSV header with the columns `names` (joined) twice.
pub fn repeated_columns(name: &str, names: &str) -> Localized {
    Localized::new(
        format!(
            "{name}: dòng tiêu đề có cột {names} hai lần (không biết bản nào là của phản ánh); không nạp gì từ tệp này. Hãy xóa cột thừa rồi nạp lại."
        ),
        format!(
            "{name}: the header has the column {names} twice (which copy is the report's?); nothing was loaded from this file. Remove the extra column and ingest it again"
        ),
    )
}

/// Each name as typed beside the known one it is close to: "\"adress\" → address".
fn typed_as_known(mistyped: &[(String, &str)]) -> String {
    mistyped
        .iter()
        .map(|(typed, known)| format!("\"{typed}\" → {known}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A CSV header with names (typed, known) close to known columns it lacks.
pub fn mistyped_columns(name: &str, mistyped: &[(String, &str)]) -> Localized {
    let pairs = typed_as_known(mistyped);
    Localized::new(
        format!(
            "{name}: dòng tiêu đề có cột gần giống tên cột đã biết mà thiếu ({pairs}): nếu nạp, cột ấy bị bỏ qua ở mọi phản ánh. Không nạp gì từ tệp này; hãy sửa tên cột rồi nạp lại."
        ),
        format!(
            "{name}: the header has columns close to known ones it lacks ({pairs}): loaded as they are, those would be ignored in every report. Nothing was loaded from this file; correct the column names and ingest it again"
        ),
    )
}

/// A CSV header without the columns `names` (joined) the reception check reads.
pub fn deciding_columns_missing(name: &str, names: &str) -> Localized {
    Localized::new(
        format!(
            "{name}: thiếu cột {names}: thiếu chúng thì bước tiếp nhận (Điều 6) từ chối mọi phản ánh của tệp, và không sửa được bằng cách nạp lại (phản ánh đã lưu được bỏ qua). Không nạp gì từ tệp này; hãy xuất lại tệp đủ các cột (thêm cột trống nếu ứng dụng thật sự không có dữ liệu đó) rồi nạp lại."
        ),
        format!(
            "{name}: no {names} column: without them the reception check (Article 6) rejects every report of the file, and ingesting a fixed file again cannot mend it (stored reports are skipped). Nothing was loaded from this file; export it again with every column (an empty column if the app really has no such data), then ingest it"
        ),
    )
}

/// A JSON or JSON Lines file in which no record carries the keys `names` that the
/// reception check needs (`app::ingest::keys_never_carried`): the CSV refusal, for keys.
pub fn deciding_keys_missing(name: &str, names: &str) -> Localized {
    Localized::new(
        format!(
            "{name}: không bản ghi nào có khóa {names}: thiếu chúng thì bước tiếp nhận (Điều 6) từ chối mọi phản ánh của tệp, và không sửa được bằng cách nạp lại (phản ánh đã lưu được bỏ qua). Không nạp gì từ tệp này; hãy xuất lại tệp với đủ các khóa (khóa có giá trị null nếu ứng dụng thật sự không có dữ liệu đó) rồi nạp lại."
        ),
        format!(
            "{name}: no record has the key {names}: without them the reception check (Article 6) rejects every report of the file, and ingesting a fixed file again cannot mend it (stored reports are skipped). Nothing was loaded from this file; export it again with every key (null if the app really has no such data), then ingest it"
        ),
    )
}

/// A JSON file read from a pipe, none of whose first `held` records carries the keys
/// `names` (`app::ingest::HELD`): `deciding_keys_missing`, for what could be read first.
pub fn deciding_keys_missing_in_first(name: &str, names: &str, held: usize) -> Localized {
    let (vi, en) = (
        crate::i18n::grouped(held, Lang::Vi),
        crate::i18n::grouped(held, Lang::En),
    );
    Localized::new(
        format!(
            "{name}: không bản ghi nào trong {vi} bản ghi đầu có khóa {names}: thiếu chúng thì bước tiếp nhận (Điều 6) từ chối mọi phản ánh ấy, và không sửa được bằng cách nạp lại (phản ánh đã lưu được bỏ qua). Không nạp gì từ tệp này; hãy xuất lại tệp với đủ các khóa (khóa có giá trị null nếu ứng dụng thật sự không có dữ liệu đó) rồi nạp lại."
        ),
        format!(
            "{name}: none of the first {en} records has the key {names}: without them the reception check (Article 6) rejects every one of those reports, and ingesting a fixed file again cannot mend it (stored reports are skipped). Nothing was loaded from this file; export it again with every key (null if the app really has no such data), then ingest it"
        ),
    )
}

/// A CSV header without `confidential`: every report would be published (Đ9.2).
pub fn confidential_column_missing(name: &str) -> Localized {
    Localized::new(
        format!(
            "{name}: thiếu cột confidential: không biết phản ánh nào người phản ánh yêu cầu giữ bí mật (khoản 2 Điều 9), nếu nạp thì mọi phản ánh của tệp được coi là công khai và có thể bị công bố. Không nạp gì từ tệp này; hãy xuất lại tệp đủ các cột (ô trống nghĩa là không) rồi nạp lại."
        ),
        format!(
            "{name}: no confidential column: which reports the citizen asked to keep private (Article 9.2) is unknown, and loaded as it is every report of the file would be taken as public and could be published. Nothing was loaded from this file; export it again with every column (an empty cell means no), then ingest it"
        ),
    )
}

/// A CSV record of `found` fields under a header of `expected`, then `comma` (`comma_hint`).
pub fn field_count(expected: usize, found: usize, comma: &Localized) -> Localized {
    Localized::new(
        format!(
            "cần {expected} trường như dòng tiêu đề, có {found}{}",
            comma.vi
        ),
        format!(
            "expected {expected} fields as in the header, found {found}{}",
            comma.en
        ),
    )
}

/// Where a `separator` outside quotes may have split the record: the cells of the
/// columns `names`, said after why it cannot be read; empty when there are none.
pub fn comma_hint(names: &[&str], separator: char) -> Localized {
    if names.is_empty() {
        return Localized::new(String::new(), String::new());
    }
    let (mark_vi, mark_en) = match separator {
        ';' => ("dấu chấm phẩy", "semicolon"),
        _ => ("dấu phẩy", "comma"),
    };
    Localized::new(
        format!(
            " (có vẻ ô {} chứa {mark_vi} mà không nằm trong ngoặc kép, nên bị tách làm hai; hãy đặt ô ấy trong ngoặc kép \"…\" rồi nạp lại)",
            names.join(" hoặc ")
        ),
        format!(
            " (the {} cell seems to hold a {mark_en} outside quotes, which split it in two; put that cell in double quotes \"…\" and ingest it again)",
            names.join(" or ")
        ),
    )
}

/// What `bounded::ArrayElements` found broken in a JSON array (`what`, its English).
pub fn array_broken(what: &str) -> Localized {
    let vi = match what {
        "expected a JSON array `[`" => "cần một mảng JSON `[`",
        "expected `,` or `]` after an element" => "cần `,` hoặc `]` sau một phần tử",
        "the file ends before the array is closed" => "tệp kết thúc khi mảng chưa đóng",
        "an element is missing between `,` and what follows" => "thiếu phần tử sau dấu `,`",
        _ => "có ký tự thừa sau mảng",
    };
    Localized::new(vi, what)
}

/// A record of a JSON or JSON Lines file that is not an object.
pub fn not_a_report_object() -> Localized {
    Localized::new(
        "cần một đối tượng JSON chứa các trường của phản ánh",
        "expected a JSON object with the report's fields",
    )
}

/// A GeoReport response read as the app's JSON, said once per file.
pub fn looks_like_open311() -> Localized {
    Localized::new(
        "gợi ý: tệp này trông như phản hồi Open311 GeoReport v2 (có service_request_id, không có external_id); hãy nạp lại với --input-format open311",
        "hint: this file looks like an Open311 GeoReport v2 response (service_request_id, no external_id); load it with --input-format open311",
    )
}

/// A field the app's JSON does not have (`key`, cut), said once per file.
pub fn unknown_field(key: &str) -> Localized {
    Localized::new(
        format!("cảnh báo: trường “{key}” không biết, bỏ qua"),
        format!("warning: unknown field \"{key}\" is ignored"),
    )
}

/// A record whose unknown key `key` is an object holding the fields `held` it lacks.
pub fn nested_fields(key: &str, held: &[&str]) -> Localized {
    let held = held.join(", ");
    Localized::new(
        format!(
            "trường \"{key}\" là một đối tượng chứa {held} mà bản ghi thiếu: tệp có vẻ theo định dạng khác của ứng dụng; bản ghi không được lưu: cần {held} ở cấp ngoài cùng của bản ghi, hãy xuất lại theo định dạng ấy rồi nạp lại"
        ),
        format!(
            "field \"{key}\" is an object holding {held}, which the record lacks: the file seems to be in another layout of the app; the record is not stored: {held} must be at the record's top level, export it again so and ingest it again"
        ),
    )
}

/// A record giving the known field `column` as an object (`object`) or a list.
pub fn wrong_json_type(column: &str, object: bool) -> Localized {
    let (vi, en) = if object {
        ("một đối tượng", "an object")
    } else {
        ("một danh sách", "a list")
    };
    Localized::new(
        format!(
            "{column} phải là một chuỗi, gặp {vi}; bản ghi không được lưu: sửa tệp (hay xuất lại) rồi nạp lại"
        ),
        format!(
            "{column} must be a string, found {en}; the record is not stored: correct the file (or export it again) and ingest it again"
        ),
    )
}

/// A record with names (typed, known) close to known fields it lacks.
pub fn mistyped_fields(mistyped: &[(String, &str)]) -> Localized {
    let pairs = typed_as_known(mistyped);
    Localized::new(
        format!(
            "có trường gần giống tên trường đã biết mà bản ghi thiếu ({pairs}); nếu nạp, trường ấy bị bỏ qua: sửa tên trường rồi nạp lại"
        ),
        format!(
            "has fields close to known ones it lacks ({pairs}); loaded as it is, those would be ignored: correct the field names and ingest it again"
        ),
    )
}

/// A record of an Open311 file that is not an object.
pub fn not_a_request_object() -> Localized {
    Localized::new(
        "cần một đối tượng JSON chứa các trường của yêu cầu Open311 (service_request_id, requested_datetime, …)",
        "expected a JSON object with the fields of an Open311 service request (service_request_id, requested_datetime, …)",
    )
}

/// A field GeoReport v2 does not have (`key`, cut), said once per file.
pub fn not_georeport_field(key: &str) -> Localized {
    Localized::new(
        format!("cảnh báo: trường “{key}” không thuộc GeoReport v2, bỏ qua"),
        format!("warning: field \"{key}\" is not GeoReport v2 and is ignored"),
    )
}

/// A service code (cut) not mapped to a field, kept as the category hint; said once per
/// file.
pub fn unmapped_service_code(code: &str) -> Localized {
    Localized::new(
        format!(
            "cảnh báo: mã dịch vụ “{code}” chưa gắn với lĩnh vực nào; giữ làm gợi ý phân loại (thêm bằng `phananh service add {code} --field MÃ`)"
        ),
        format!(
            "warning: service code \"{code}\" is not mapped to a field; kept as the category hint (map it with `phananh service add {code} --field CODE`)"
        ),
    )
}

/// A stored record placed outside Vietnam.
pub fn outside_vietnam(lat: impl std::fmt::Display, lon: impl std::fmt::Display) -> Localized {
    Localized::new(
        format!(
            "cảnh báo: tọa độ ({lat}, {lon}) nằm ngoài lãnh thổ Việt Nam; vẫn lưu, cần kiểm tra địa điểm"
        ),
        format!("warning: coordinates ({lat}, {lon}) are outside Vietnam; stored, check the place"),
    )
}

/// A row with a latitude and no longitude (`latitude`), or the other way round.
pub fn half_coordinate(latitude: bool) -> Localized {
    let (has, lacks) = if latitude {
        ("latitude", "longitude")
    } else {
        ("longitude", "latitude")
    };
    Localized::new(
        format!(
            "cảnh báo: có {has} mà không có {lacks}, nên không định được vị trí; vẫn lưu như đã gửi, cần kiểm tra địa điểm"
        ),
        format!(
            "warning: {has} without {lacks}, which places nothing; stored as sent, check the place"
        ),
    )
}

/// The records of a file set aside, not stored, because a spreadsheet spoiled their phone
/// in the way `damage` names (`count` of them, the first on `lines`), with the next step:
/// said once for the file, never a number. `listed`: every line is in the `--errors` file.
pub fn set_aside_damaged(
    damage: SpreadsheetDamage,
    count: u64,
    lines: &[u64],
    format: InputFormat,
    listed: bool,
) -> Localized {
    match damage {
        SpreadsheetDamage::LostLeadingZero => set_aside_lost_zero(count, lines, format, listed),
        SpreadsheetDamage::Exponent => set_aside_exponent(count, lines, format, listed),
    }
}

/// The lines shown of the records set aside, and what is said of the rest (Vietnamese,
/// English).
fn aside_lines(count: u64, lines: &[u64], listed: bool) -> (String, String, String) {
    let shown = lines
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let more = count.saturating_sub(lines.len() as u64);
    let (more_vi, more_en) = match (more, listed) {
        (0, _) => (String::new(), String::new()),
        (_, true) => (
            format!(
                " và {} dòng nữa, đủ ở tệp --errors",
                crate::i18n::grouped(more, Lang::Vi)
            ),
            format!(
                " and {} more, all in the --errors file",
                crate::i18n::grouped(more, Lang::En)
            ),
        ),
        (_, false) => (
            format!(
                " và {} dòng nữa; xem đủ bằng --errors TỆP",
                crate::i18n::grouped(more, Lang::Vi)
            ),
            format!(
                " and {} more; --errors FILE lists them all",
                crate::i18n::grouped(more, Lang::En)
            ),
        ),
    };
    (shown, more_vi, more_en)
}

/// The records set aside because their phone was written as an exponent
/// (`domain::validate::excel_exponent`); as `set_aside_lost_zero`.
fn set_aside_exponent(count: u64, lines: &[u64], format: InputFormat, listed: bool) -> Localized {
    let (shown, more_vi, more_en) = aside_lines(count, lines, listed);
    let (n_vi, rows_en) = (
        crate::i18n::grouped(count, Lang::Vi),
        crate::i18n::count_en(count, "record", "records"),
    );
    let lines_en = if lines.len() == 1 { "line" } else { "lines" };
    if format != InputFormat::Csv {
        return Localized::new(
            format!(
                "đã để riêng {n_vi} bản ghi, chưa lưu: số điện thoại người phản ánh là một số ở dạng số mũ (có chữ E) hoặc số thập phân, không phải chuỗi chữ số: có vẻ đã qua Excel hay một bảng tính, các chữ số cuối đã mất (bản ghi bắt đầu ở dòng {shown}{more_vi}); `validate` sẽ từ chối các phản ánh ấy mà không sửa lại được. Các bản ghi khác đã nạp. Hãy xuất lại tệp từ ứng dụng với số điện thoại là chuỗi, đừng mở tệp bằng Excel trước khi nạp, rồi nạp tệp ấy: bản ghi đã lưu được báo \"Đã có\", các bản ghi này được lưu"
            ),
            format!(
                "set aside {rows_en}, not stored: the reporter's phone is a number in scientific notation (with an E) or with decimals, not a string of digits: it seems to have gone through Excel or another spreadsheet, and its last digits are lost (starting on {lines_en} {shown}{more_en}); `validate` would reject them for good. The other records were loaded. Export the file again from the app with phones as strings, do not open it in Excel before ingesting it, and ingest it: the records stored are counted as already present, these are stored"
            ),
        );
    }
    Localized::new(
        format!(
            "đã để riêng {n_vi} dòng, chưa lưu: số điện thoại người phản ánh đã bị Excel đổi sang dạng số mũ (có chữ E, như 9,12E+08) khi tệp được mở và lưu lại, các chữ số cuối đã mất (dòng {shown}{more_vi}); lưu như vậy thì `validate` sẽ từ chối các phản ánh ấy mà không sửa lại được. Các dòng khác đã nạp. Hãy xuất lại tệp từ ứng dụng và nạp ngay, đừng mở bằng Excel trước khi nạp: dòng đã lưu được báo \"Đã có\", các dòng này được lưu. Nếu phải sửa tệp bằng Excel, mở nó qua Dữ liệu → Từ Văn bản/CSV (Data → From Text/CSV), đặt cột reporter_phone kiểu Văn bản (Text) rồi Lưu Như (Save As) \"CSV UTF-8\""
        ),
        format!(
            "set aside {rows_en}, not stored: Excel turned the reporter's phone into scientific notation (with an E, such as 9.12E+08) when the file was opened and saved again, and its last digits are lost ({lines_en} {shown}{more_en}); stored so, `validate` would reject them for good. The other rows were loaded. Export the file again from the app and ingest it without opening it in Excel first: the rows stored are counted as already present, these are stored. If the file must be edited in Excel, open it through Data → From Text/CSV with the reporter_phone column as Text, then Save As \"CSV UTF-8\""
        ),
    )
}

/// The records set aside because their phone lost its leading 0; said once for the file.
fn set_aside_lost_zero(count: u64, lines: &[u64], format: InputFormat, listed: bool) -> Localized {
    let (shown, more_vi, more_en) = aside_lines(count, lines, listed);
    let (n_vi, rows_en) = (
        crate::i18n::grouped(count, Lang::Vi),
        crate::i18n::count_en(count, "record", "records"),
    );
    let lines_en = if lines.len() == 1 { "line" } else { "lines" };
    if format != InputFormat::Csv {
        return Localized::new(
            format!(
                "đã để riêng {n_vi} bản ghi, chưa lưu: số điện thoại người phản ánh chỉ có 9 chữ số (hay 10 chữ số cố định), đã mất số 0 ở đầu (bản ghi bắt đầu ở dòng {shown}{more_vi}); `validate` sẽ từ chối các phản ánh ấy mà không sửa lại được. Các bản ghi khác đã nạp. Hãy xuất lại tệp từ ứng dụng với số điện thoại là chuỗi (giữ số 0 ở đầu) rồi nạp tệp ấy: bản ghi đã lưu được báo \"Đã có\", các bản ghi này được lưu"
            ),
            format!(
                "set aside {rows_en}, not stored: the reporter's phone has 9 digits (or a 10-digit fixed line), its leading 0 lost (starting on {lines_en} {shown}{more_en}); `validate` would reject them for good. The other records were loaded. Export the file again from the app with phones as strings (keeping the leading 0) and ingest it: the records stored are counted as already present, these are stored"
            ),
        );
    }
    Localized::new(
        format!(
            "đã để riêng {n_vi} dòng, chưa lưu: số điện thoại người phản ánh chỉ có 9 chữ số (hay 10 chữ số cố định) vì đã mất số 0 ở đầu, có vẻ do tệp đã được mở và lưu lại bằng Excel (dòng {shown}{more_vi}); lưu như vậy thì `validate` sẽ từ chối các phản ánh ấy mà không sửa lại được. Các dòng khác đã nạp. Hãy nạp tệp gốc do ứng dụng xuất (chưa mở bằng Excel): dòng đã lưu được báo \"Đã có\", các dòng này được lưu. Nếu phải sửa tệp bằng Excel, mở nó qua Dữ liệu → Từ Văn bản/CSV (Data → From Text/CSV), đặt cột reporter_phone kiểu Văn bản (Text) rồi Lưu Như (Save As) \"CSV UTF-8\""
        ),
        format!(
            "set aside {rows_en}, not stored: the reporter's phone has 9 digits (or a 10-digit fixed line), its leading 0 lost, it seems, when the file was opened and saved again in Excel ({lines_en} {shown}{more_en}); stored so, `validate` would reject them for good. The other rows were loaded. Ingest the app's original file (never opened in Excel): the rows stored are counted as already present, these are stored. If the file must be edited in Excel, open it through Data → From Text/CSV with the reporter_phone column as Text, then Save As \"CSV UTF-8\""
        ),
    )
}

/// One record set aside because its phone lost its leading 0, for the `--errors` file and
/// the JSON summary (the file's line says it once on screen: `set_aside_lost_zero`): never
/// the number itself.
pub fn lost_leading_zero_row() -> Localized {
    Localized::new(
        "để riêng, chưa lưu: số điện thoại chỉ có 9 chữ số (hay 10 chữ số cố định), có vẻ đã mất số 0 ở đầu khi tệp được lưu lại bằng Excel; hãy nạp dòng này từ tệp gốc do ứng dụng xuất",
        "set aside, not stored: the phone has 9 digits (or a 10-digit fixed line) and seems to have lost its leading 0 when the file was saved again in Excel; ingest this row from the app's original file",
    )
}

/// One record set aside because its phone was written as an exponent, for the `--errors`
/// file and the JSON summary (said once on screen: `set_aside_damaged`): never the number.
pub fn phone_exponent_row() -> Localized {
    Localized::new(
        "để riêng, chưa lưu: số điện thoại đã bị Excel (hay một bảng tính) đổi sang dạng số mũ (có chữ E), các chữ số cuối đã mất; hãy xuất lại tệp từ ứng dụng và nạp dòng này từ tệp ấy, đừng mở tệp bằng Excel trước khi nạp",
        "set aside, not stored: Excel (or another spreadsheet) turned the phone into scientific notation (with an E) and its last digits are lost; export the file again from the app and ingest this row from it, without opening the file in Excel first",
    )
}

/// A record whose app id `ext` is stored as report `id`, whose stored phone was written as
/// an exponent (stored before such records were set aside): never either phone.
pub fn stored_phone_exponent(ext: &str, id: i64) -> Localized {
    Localized::new(
        format!(
            "cảnh báo: mã {ext} đã có (phản ánh số {id}), nhưng số điện thoại đã lưu khác bản gốc: số đã lưu đã bị Excel đổi sang dạng số mũ (nạp từ một tệp đã mở bằng Excel, trước khi phananh để riêng những dòng ấy) và nạp lại không sửa được. `validate` từ chối phản ánh có số ấy (khoản 3 Điều 6): trước khi kiểm tra phản ánh này, quản trị viên xem số đúng trong tệp gốc của ứng dụng (hoặc hỏi người phản ánh) rồi sửa số đã lưu bằng `phananh identity correct {id} --phone SỐ_ĐÚNG --reason \"LÝ DO\"`"
        ),
        format!(
            "warning: id {ext} is already stored (report {id}), but the stored phone differs from the original: Excel turned it into scientific notation (loaded from a file opened in Excel, before phananh set such rows aside), and ingesting again does not mend it. `validate` rejects a report with that phone (Article 6.3): before this report is checked, an admin reads the right number in the app's original file (or asks the reporter) and corrects the stored one with `phananh identity correct {id} --phone RIGHT_NUMBER --reason \"TEXT\"`"
        ),
    )
}

/// A record whose app id `ext` is stored as report `id`, whose stored phone lost its
/// leading 0 (stored from a re-saved file before such records were set aside): never
/// either phone, and nothing that compares them.
pub fn stored_phone_lost_zero(ext: &str, id: i64) -> Localized {
    Localized::new(
        format!(
            "cảnh báo: mã {ext} đã có (phản ánh số {id}), nhưng số điện thoại đã lưu khác bản gốc: số đã lưu đã mất số 0 ở đầu (nạp từ một tệp đã lưu lại bằng Excel, trước khi phananh để riêng những dòng ấy) và nạp lại không sửa được. `validate` từ chối phản ánh có số ấy (khoản 3 Điều 6): trước khi kiểm tra phản ánh này, quản trị viên xem số đúng trong tệp gốc của ứng dụng (hoặc hỏi người phản ánh) rồi sửa số đã lưu bằng `phananh identity correct {id} --phone SỐ_ĐÚNG --reason \"LÝ DO\"`"
        ),
        format!(
            "warning: id {ext} is already stored (report {id}), but the stored phone differs from the original: it lost its leading 0 (loaded from a file re-saved in Excel, before phananh set such rows aside), and ingesting again does not mend it. `validate` rejects a report with that phone (Article 6.3): before this report is checked, an admin reads the right number in the app's original file (or asks the reporter) and corrects the stored one with `phananh identity correct {id} --phone RIGHT_NUMBER --reason \"TEXT\"`"
        ),
    )
}

/// A stored record whose reporter's name is a phone number and its phone none.
pub fn shifted_left() -> Localized {
    Localized::new(
        "cảnh báo: cột có vẻ bị lệch: ô tên người phản ánh là một số điện thoại, ô số điện thoại thì không; tên có thể đang nằm ở ô xã, phường hoặc địa chỉ. Vẫn lưu; cần đối chiếu dòng này trong tệp gốc",
        "warning: the columns look shifted: the reporter's name is a phone number and the phone is none; the name may stand in the commune or the address. Stored; compare this row with the source file",
    )
}

/// A stored record whose reporter's name and phone seem swapped.
pub fn swapped() -> Localized {
    Localized::new(
        "cảnh báo: cột có vẻ bị lệch: tên và số điện thoại người phản ánh có vẻ bị đổi chỗ (ô tên là một số điện thoại, ô số điện thoại là chữ). Vẫn lưu; cần đối chiếu dòng này trong tệp gốc",
        "warning: the columns look shifted: the reporter's name and phone seem swapped (the name is a phone number, the phone is words). Stored; compare this row with the source file",
    )
}

/// A stored record's commune (quoted with names hidden) that no commune-level agency is.
pub fn unknown_commune(commune: &str) -> Localized {
    Localized::new(
        format!(
            "cảnh báo: xã, phường “{commune}” không có trong danh sách cơ quan cấp xã; vẫn lưu, `assign --auto` sẽ giao theo dòng chung của lĩnh vực"
        ),
        format!(
            "warning: the commune \"{commune}\" is none of the commune-level agencies; stored, `assign --auto` will use the field's line for every commune"
        ),
    )
}

/// A stored record whose event happened after its submission.
pub fn occurred_after_submission() -> Localized {
    Localized::new(
        "cảnh báo: occurred_at muộn hơn submitted_at (sự việc xảy ra sau khi gửi phản ánh?); vẫn lưu, cần hỏi lại người phản ánh thời gian xảy ra",
        "warning: occurred_at is later than submitted_at (the event after its report?); stored, ask the reporter when it happened",
    )
}

/// A stored record whose event is dated before any phone's clock was set.
pub fn occurred_before_2001() -> Localized {
    Localized::new(
        "cảnh báo: occurred_at trước năm 2001, ngày của đồng hồ điện thoại chưa được đặt, không phải lúc sự việc xảy ra; vẫn lưu, cần hỏi lại người phản ánh thời gian xảy ra",
        "warning: occurred_at is before 2001, the date of a phone clock never set, not when the event happened; stored, ask the reporter when it happened",
    )
}

/// A record stored as report `id` under an app id whose identity the log records erased
/// (by the erase event `event`), erased again at once.
pub fn erased_before(event: i64, id: i64) -> Localized {
    Localized::new(
        format!(
            "cảnh báo: nhật ký ghi danh tính người phản ánh của mã ứng dụng này đã bị xóa (sự kiện erase {event}; phản ánh mất khi khôi phục bản sao lưu không có nó); đã lưu thành phản ánh {id} và xóa lại danh tính ngay, như nhật ký ghi"
        ),
        format!(
            "warning: the log records that the reporter's identity under this app id was erased (erase event {event}; the report was lost to a restore of a backup without it); stored as report {id} with its identity erased again, as the log records"
        ),
    )
}

/// A record whose app id `ext` is stored as report `id` with other content in `columns`:
/// the id and the columns' names only, never the name or phone either side held.
pub fn conflict(ext: &str, id: i64, columns: &str) -> Localized {
    Localized::new(
        format!(
            "mã {ext} đã có (phản ánh số {id}) nhưng khác ở cột {columns}; bản ghi này không được lưu, phản ánh đã lưu giữ nguyên. Nếu đây là một phản ánh khác, ứng dụng phải cho nó mã riêng."
        ),
        format!(
            "id {ext} is already stored (report {id}) but differs in {columns}; this record was not stored and the stored report is kept as it is. If it is another report, the app must give it its own id"
        ),
    )
}

/// Report `id`, just stored under `ext`, whose id differs from report `other`'s
/// (`other_ext`) only in case or dash; the way to merge it is given when `duplicate` would
/// take it, as a duplicate of `original`.
pub fn near_duplicate_id(
    id: i64,
    ext: &str,
    (other, other_ext): (i64, &str),
    original: Option<i64>,
) -> Localized {
    let merge = |vi: bool| match original {
        Some(original) => match vi {
            true => format!(
                "; nếu là cùng một phản ánh, đánh dấu trùng: `phananh duplicate {id} --of {original}`"
            ),
            false => format!(
                "; if it is the same report, mark it: `phananh duplicate {id} --of {original}`"
            ),
        },
        None => String::new(),
    };
    // Two numeric ids apart only by leading zeros: one went through Excel, which drops them.
    let numeric = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (vi, en) = if numeric(ext) && numeric(other_ext) {
        (
            "chỉ khác các số 0 ở đầu: có vẻ một tệp đã qua Excel, làm mất số 0 của mã dạng số",
            "only the leading zeros differ: one file seems to have been through Excel, which drops a numeric id's leading zeros",
        )
    } else {
        (
            "chỉ khác chữ hoa/thường hoặc dấu gạch",
            "only letter case or the dash differs",
        )
    };
    Localized::new(
        format!(
            "cảnh báo: mã ứng dụng “{ext}” gần trùng phản ánh {other} (“{other_ext}”; {vi}); vẫn lưu thành phản ánh mới {id}, cần kiểm tra{}",
            merge(true)
        ),
        format!(
            "warning: app id \"{ext}\" nearly matches report {other} (\"{other_ext}\": {en}); stored as new report {id}, to be checked{}",
            merge(false)
        ),
    )
}

/// A CSV header's `count` unknown columns, the first few `shown`, `more` how many others.
pub fn unknown_columns(count: usize, shown: &str, more: &str) -> Localized {
    Localized::new(
        format!(
            "{count} cột không biết bị bỏ qua: {shown}{more}",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} ignored: {shown}{more}",
            crate::i18n::count_en(count, "unknown column", "unknown columns")
        ),
    )
}

/// The columns a CSV header lacks that a file may leave out (`urgent`, `consent`,
/// `latitude`, `longitude`), each with what every record of the file is read as.
pub fn columns_defaulted(missing: &[Column]) -> Localized {
    let names: Vec<&str> = missing.iter().map(|c| c.name()).collect();
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if missing.contains(&Column::Urgent) {
        vi.push("mọi phản ánh được đọc là không khẩn (phản ánh khẩn được đánh dấu khi phân phối: `assign SỐ --urgent`, Đ7.2)");
        en.push("every report is read as not urgent (an urgent one is marked at dispatch: `assign ID --urgent`, Art. 7.2)");
    }
    if missing.contains(&Column::Consent) {
        vi.push(
            "mọi người phản ánh được đọc là không đồng ý cho cơ quan xử lý biết danh tính (Đ6.5)",
        );
        en.push("every reporter is read as not consenting to the agency seeing their identity (Art. 6.5)");
    }
    if missing.contains(&Column::Latitude) || missing.contains(&Column::Longitude) {
        vi.push("không lưu tọa độ nào");
        en.push("no coordinates are stored");
    }
    Localized::new(
        format!(
            "tệp không có cột {}: {}. Nếu ứng dụng đặt tên khác cho cột ấy, hãy đổi lại tên cột rồi nạp.",
            names.join(", "),
            vi.join("; ")
        ),
        format!(
            "the file has no column {}: {}. If the app names such a column otherwise, rename it before ingesting",
            names.join(", "),
            en.join("; ")
        ),
    )
}

/// A CSV header's `count` columns without a name whose cells hold something: ignored, as
/// unknown columns are (those with nothing in them are a spreadsheet's leftovers, not said).
pub fn unnamed_columns_with_data(count: usize) -> Localized {
    Localized::new(
        format!(
            "{count} cột không có tên nhưng có dữ liệu bị bỏ qua",
            count = crate::i18n::grouped(count, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} ignored",
            crate::i18n::count_en(
                count,
                "column without a name but with data",
                "columns without a name but with data"
            )
        ),
    )
}

/// The blank rows of a run's CSV files (a row left empty in Excel: only separators, or empty
/// cells), skipped: neither stored nor counted as malformed.
pub fn blank_rows(n: u64) -> Localized {
    Localized::new(
        format!(
            "Đã bỏ qua {n} dòng trống (hàng để trống trong Excel, chỉ có dấu phân cách); không tính là lỗi.",
            n = crate::i18n::grouped(n, crate::i18n::Lang::Vi)
        ),
        format!(
            "{} skipped (rows left empty in Excel, separators only); not counted as malformed",
            crate::i18n::count_en(n, "blank row", "blank rows")
        ),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// UTF-8, comma-separated, RFC 4180, with a header line; column order free.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// One JSON array of objects.
    Json,
    /// An Open311 GeoReport v2 `GET requests.json` response: one JSON array of service
    /// requests (service codes mapped to fields by `phananh service`).
    Open311,
}

impl InputFormat {
    pub fn detect(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "json" => Some(InputFormat::Json),
            _ => None,
        }
    }
}

/// The `--errors` file's header: its columns' `keys` in the standard style; in the Excel
/// style their names in `lang`, the fault's code and the fault in words apart (as the
/// periodic report's reasons are).
pub fn errors_header(keys: &[&'static str], lang: Lang) -> Vec<&'static str> {
    if super::csv_style() != super::CsvStyle::Excel {
        return keys.to_vec();
    }
    keys.iter()
        .map(|key| match *key {
            "file" => lang.pick("Tệp", "File"),
            "line" => lang.pick("Dòng", "Line"),
            "reason" => lang.pick("Mã lý do", "Reason code"),
            "message" => lang.pick("Lý do", "Reason"),
            "record" => lang.pick("Bản ghi thứ", "Record"),
            other => other,
        })
        .collect()
}

/// A fault's code as words, for the summary by reason.
pub fn reason_label(code: &str, lang: Lang) -> &str {
    let (vi, en) = match code {
        "missing_required" => ("thiếu trường bắt buộc", "required field empty"),
        "bad_time" => ("thời gian không đọc được", "unreadable time"),
        "bad_number" => ("số không đọc được", "unreadable number"),
        "out_of_range" => ("số ngoài khoảng", "number out of range"),
        "bad_boolean" => ("giá trị có/không sai", "bad yes/no value"),
        "too_long" => ("quá dài", "too long"),
        "record_too_long" => ("bản ghi quá dài", "record too long"),
        "nul_byte" => ("có byte NUL", "NUL byte"),
        "field_count" => ("sai số trường", "wrong number of fields"),
        "not_utf8" => ("không phải UTF-8", "not UTF-8"),
        "csv_syntax" => ("CSV hỏng", "broken CSV"),
        "unclosed_quote" => ("ngoặc kép không đóng", "unclosed quote"),
        "json_syntax" => ("lỗi cú pháp JSON", "JSON syntax error"),
        "bad_id" => ("mã có ký tự vô hình", "invisible character in the id"),
        "id_names_reporter" => (
            "mã có họ tên, số điện thoại người phản ánh",
            "the reporter's name or phone in the id",
        ),
        "conflict" => (
            "trùng mã, khác nội dung",
            "id already stored with other content",
        ),
        "unknown_format" => ("không rõ định dạng", "unknown format"),
        "not_a_file" => ("không phải tệp", "not a file"),
        "foreign_file" => (
            "không phải tệp văn bản (tệp Excel, PDF, UTF-16, tệp nén)",
            "not a text file (a workbook, a PDF, UTF-16, a compressed file)",
        ),
        "legacy_encoding" => (
            "không phải UTF-8 (bảng mã cũ)",
            "not UTF-8 (a legacy encoding)",
        ),
        "cannot_open" => ("không mở được tệp", "file cannot be opened"),
        "bad_header" => ("dòng tiêu đề không dùng được", "unusable header"),
        "missing_keys" => (
            "không bản ghi nào có khóa cần cho bước tiếp nhận",
            "no record has a key the reception check needs",
        ),
        "not_an_object" => ("không phải đối tượng JSON", "not a JSON object"),
        "mistyped_field" => ("tên trường gõ sai", "mistyped field name"),
        "impossible_time" => ("thời gian gửi không thể đúng", "impossible submission time"),
        "lost_leading_zero" => (
            "để riêng: số điện thoại mất số 0 ở đầu",
            "set aside: phone lost its leading 0",
        ),
        "phone_exponent" => (
            "để riêng: số điện thoại bị đổi sang dạng số mũ",
            "set aside: phone in scientific notation",
        ),
        "cut_last_line" => (
            "dòng cuối không có dấu xuống dòng, có thể bị cắt",
            "last line without a line end, may be cut short",
        ),
        other => (other, other),
    };
    lang.pick(vi, en)
}

/// One malformed record, or one stored with a warning: the same four things as a line of
/// the `--errors` file.
#[derive(Debug, Clone, Serialize)]
pub struct MalformedRow {
    pub file: String,
    /// The line of the file the record starts on (1-based), in every format.
    pub line: u64,
    /// In a JSON array, the record's number (1-based): all its records may be on one line.
    /// Absent for the other formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The stable code a script matches on (`bad_time`, `warning_outside_vietnam`), the
    /// keys of `malformed_by_reason`; the same whatever `--lang`.
    pub reason: String,
    /// What is wrong, in the language of the run.
    pub message: String,
}

/// A report accepted that may be report `repeat_of` sent again (docs/rules.md §1).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PossibleRepeat {
    pub id: i64,
    pub repeat_of: i64,
}

/// The line after an `ingest --validate` run whose accepted reports may repeat earlier
/// ones: how many, the first [`REPEATS_NAMED`] pairs and the command that merges the first.
/// None when there are none. Ids only: nothing of the reporter.
pub fn possible_repeats(found: &[PossibleRepeat]) -> Option<Localized> {
    let first = found.first()?;
    let n = found.len() as u64;
    let more = n.saturating_sub(REPEATS_NAMED as u64);
    let pairs = |with: &str, lang: Lang| {
        let named = found
            .iter()
            .take(REPEATS_NAMED)
            .map(|r| format!("{} ({with} {})", r.id, r.repeat_of))
            .collect::<Vec<_>>()
            .join(", ");
        match (more, lang) {
            (0, _) => named,
            (more, Lang::Vi) => format!(
                "{named} và {} phản ánh nữa",
                crate::i18n::grouped(more, Lang::Vi)
            ),
            (more, Lang::En) => {
                format!("{named} and {} more", crate::i18n::grouped(more, Lang::En))
            }
        }
    };
    let command = format!("`phananh duplicate {} --of {}`", first.id, first.repeat_of);
    Some(Localized::new(
        format!(
            "Lưu ý: {} phản ánh vừa tiếp nhận có thể trùng với phản ánh gửi trước (cùng nội dung và xã, phường, cách nhau không quá 7 ngày): {}. Nếu đúng là một sự việc: {command}.",
            crate::i18n::grouped(n, Lang::Vi),
            pairs("trùng", Lang::Vi),
        ),
        format!(
            "Note: {} just accepted may repeat an earlier report (the same content and commune, at most 7 days apart): {}. If they are one event: {command}",
            count_en(n, "report", "reports"),
            pairs("of", Lang::En),
        ),
    ))
}

/// The pairs the line after `ingest --validate` names one by one: the line stays a line.
pub const REPEATS_NAMED: usize = 3;

/// What happened to one file.
#[derive(Debug, Serialize)]
pub struct FileSummary {
    pub file: String,
    pub format: InputFormat,
    pub stored: u64,
    pub already_present: u64,
    /// Not stored: malformed, in conflict, or set aside (`set_aside`).
    pub malformed: u64,
    /// Of `malformed`, the records set aside because their phone lost its leading 0 (a
    /// file re-saved in Excel): the original file loads them. Always in JSON, 0 when
    /// none: a nightly script reads it as it reads `malformed`.
    pub set_aside: u64,
    /// Of `already_present`, the reports whose stored phone lost its leading 0, each also
    /// a warning. Left out of JSON when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub stored_phone_lost_zero: u64,
    /// Of `already_present`, the reports whose stored phone a spreadsheet wrote as an
    /// exponent, each also a warning. Left out of JSON when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub stored_phone_exponent: u64,
    /// Of `already_present`, the records whose only difference from the stored report is
    /// a time given to the minute on one side and within that minute on the other (a copy
    /// Excel re-saved, loaded before or after the original). Left out of JSON when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub already_present_seconds_lost: u64,
    /// Stored, with something to check (coordinates outside Vietnam), or already present
    /// with a stored phone that lost its leading 0.
    pub warnings: u64,
    /// The new reports stored with at least one warning, for the closing line: a record
    /// may have several.
    #[serde(skip)]
    pub warned_stored: u64,
    /// Rows of a CSV with nothing in any cell (a row left empty in Excel), skipped: neither
    /// a report nor a fault. Left out of JSON when there were none.
    #[serde(skip_serializing_if = "is_zero")]
    pub blank_rows: u64,
    pub first_id: Option<i64>,
    pub last_id: Option<i64>,
    /// With `--validate`: how many new reports were accepted and rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<u64>,
    /// With `--validate`: the new reports accepted, in the order they were, for the hint of
    /// a report sent again (`app::ingest::possible_repeats`).
    #[serde(skip)]
    pub accepted_ids: Vec<i64>,
    /// With `--validate`: the reports of this file accepted that may be an earlier report
    /// sent again, each with that one (an empty list when none). Absent when the run
    /// accepted more than `intake::REPEAT_HINT_MAX_RUN` reports, as `validate` then does
    /// not look either.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub possible_repeats: Option<Vec<PossibleRepeat>>,
    /// With `--validate`: the new reports of this file stored as accepted whose content,
    /// public from then on, gives someone away (docs/rules.md §6). Said on stderr as
    /// `validate` says it, never in the summary: its words name the people found.
    #[serde(skip)]
    pub exposed: crate::output::validate::Exposed,
    /// How many malformed records there were of each kind of fault.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub malformed_by_reason: BTreeMap<&'static str, u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub malformed_rows: Vec<MalformedRow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warned_rows: Vec<MalformedRow>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Listing for FileSummary {
    const KEYS: &'static [&'static str] = &[
        "file",
        "format",
        "stored",
        "already_present",
        "malformed",
        "warnings",
        "first_id",
        "last_id",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Tệp",
                "Định dạng",
                "Đã lưu",
                "Đã có",
                "Lỗi",
                "Cảnh báo",
                "Số đầu",
                "Số cuối",
            ],
            vec![
                "File",
                "Format",
                "Stored",
                "Already present",
                "Malformed",
                "Warnings",
                "First id",
                "Last id",
            ],
        )
    }

    /// Counts grouped as every screen writes them (`1.360`); the report numbers stay as
    /// typed to `show`, and CSV and JSON keep plain numbers.
    fn cells(&self, lang: Lang) -> Vec<String> {
        let id = |x: Option<i64>| x.map(|i| i.to_string()).unwrap_or_default();
        let count = |n: u64| crate::i18n::grouped(n, lang);
        vec![
            self.file.clone(),
            format!("{:?}", self.format).to_lowercase(),
            count(self.stored),
            count(self.already_present),
            count(self.malformed),
            count(self.warnings),
            id(self.first_id),
            id(self.last_id),
        ]
    }

    /// On a narrow screen the format and the report numbers go first, then the counts: what
    /// was stored, what was already there (a file loaded twice stores nothing, and only this
    /// count says why), what failed and what was stored but must be checked are what the
    /// operator came for (a warning's lines may have scrolled away).
    fn drop_order() -> Vec<usize> {
        vec![1, 7, 6, 3, 5, 4, 2]
    }

    fn counts() -> Vec<usize> {
        vec![2, 3, 4, 5, 6, 7]
    }
}

/// An `--errors` file that is one of the files to ingest: writing it would destroy it.
pub fn errors_file_is_an_input(path: &Path) -> Localized {
    Localized::new(
        format!(
            "--errors {} là một trong các tệp cần nạp: ghi danh sách lỗi vào đó sẽ xóa mất tệp. Chưa đọc gì; hãy chọn tên khác cho --errors (ví dụ loi.csv) rồi chạy lại.",
            path.display()
        ),
        format!(
            "--errors {} is one of the files to ingest: writing the list there would destroy it. Nothing was read; choose another name for --errors (say errors.csv), then run again",
            path.display()
        ),
    )
}

/// An `--errors` file that is already there: a list an earlier run wrote, or began to write
/// when it was stopped. `ingest` has no `--force`; "add --force" was the advice.
pub fn errors_file_exists(path: &Path) -> Localized {
    Localized::new(
        format!(
            "--errors {} đã có (danh sách lỗi của một lần nạp trước, có thể bị dừng giữa chừng); không ghi đè nó. Chưa đọc gì; hãy chọn tên khác cho --errors, hoặc xóa tệp ấy nếu không cần nữa, rồi chạy lại.",
            path.display()
        ),
        format!(
            "--errors {} already exists (the list of an earlier run, perhaps one that was stopped); it is not written over. Nothing was read; choose another name for --errors, or delete that file if it is no longer needed, then run again",
            path.display()
        ),
    )
}

/// A file whose format its name does not tell.
pub fn unknown_format(path: &Path) -> Localized {
    Localized::new(
        format!(
            "Không nhận ra định dạng của {}; dùng --input-format csv|jsonl|json|open311.",
            path.display()
        ),
        format!(
            "cannot tell the format of {} from its name; use --input-format csv|jsonl|json|open311",
            path.display()
        ),
    )
}

/// `-` or a folder named as a file to ingest.
pub fn not_a_file(path: &Path) -> Localized {
    let shown = path.display();
    if path.as_os_str() == "-" {
        return Localized::new(
            "`-` không phải tên tệp: phananh nạp từ tệp. Để nạp từ đầu vào chuẩn, ghi /dev/stdin và nói định dạng, ví dụ `… | phananh ingest /dev/stdin --input-format csv`.",
            "`-` is not a file name: phananh loads files. To load standard input, name /dev/stdin with its format, e.g. `… | phananh ingest /dev/stdin --input-format csv`",
        );
    }
    Localized::new(
        format!(
            "{shown} là một thư mục, không phải tệp: hãy nêu từng tệp trong đó (ví dụ `phananh ingest {shown}/*.csv`). Không nạp gì."
        ),
        format!(
            "{shown} is a folder, not a file: name the files in it (e.g. `phananh ingest {shown}/*.csv`). Nothing was loaded"
        ),
    )
}

/// A file to ingest that is no text phananh reads (`kind`, from its first bytes), with the
/// Save As choice that makes one; for UTF-16 given as JSON (`format`), the way to UTF-8
/// that keeps it JSON.
pub fn foreign_file(
    path: &Path,
    kind: crate::domain::file_kind::Foreign,
    format: Option<InputFormat>,
) -> Localized {
    use crate::domain::file_kind::Foreign;
    let shown = path.display();
    let save_as_vi =
        "mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → “CSV UTF-8” rồi nạp tệp .csv đó";
    let save_as_en = "open it in Excel, choose File → Save As → \"CSV UTF-8 (Comma delimited)\" and load that .csv file";
    let (what_vi, what_en) = match kind {
        Foreign::Workbook => (
            "là tệp Excel (.xlsx) hoặc tệp nén, không phải tệp CSV: phananh không đọc tệp Excel",
            "is an Excel workbook (.xlsx) or another ZIP file, not a CSV file: phananh does not read workbooks",
        ),
        Foreign::OldOffice => (
            "là tệp Excel đời cũ (.xls) hoặc tệp Word, không phải tệp CSV: phananh không đọc tệp Excel",
            "is an old Excel workbook (.xls) or a Word file, not a CSV file: phananh does not read workbooks",
        ),
        Foreign::Utf16 => (
            "là văn bản UTF-16 (kiểu “Unicode Text” của Excel), không phải UTF-8",
            "is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8",
        ),
        Foreign::Pdf => (
            "là tệp PDF, không phải tệp xuất phản ánh: hãy lấy tệp CSV hoặc JSON mà ứng dụng xuất",
            "is a PDF file, not an export of reports: take the CSV or JSON file the app exports",
        ),
        Foreign::Compressed => (
            "là tệp nén (gzip, bzip2, xz, zstd hoặc 7-Zip), không phải tệp văn bản: hãy giải nén trước (ví dụ `gunzip TỆP.gz`) rồi nạp tệp giải nén ra",
            "is a compressed file (gzip, bzip2, xz, zstd or 7-Zip), not a text file: decompress it first (e.g. `gunzip FILE.gz`) and ingest the file that gives",
        ),
    };
    if kind == Foreign::Utf16 && format.is_some_and(|f| f != InputFormat::Csv) {
        return Localized::new(
            format!(
                "{shown} {what_vi}; hãy lưu lại tệp dạng UTF-8 (Notepad: Tệp → Lưu Như, Mã hóa: UTF-8) hoặc xuất lại từ ứng dụng, rồi nạp lại. Không nạp gì từ tệp này."
            ),
            format!(
                "{shown} {what_en}; save it again as UTF-8 (Notepad: File → Save As, Encoding: UTF-8) or export it again from the app, then ingest it again. Nothing was loaded from this file"
            ),
        );
    }
    if matches!(kind, Foreign::Pdf | Foreign::Compressed) {
        return Localized::new(
            format!("{shown} {what_vi}. Không nạp gì từ tệp này."),
            format!("{shown} {what_en}. Nothing was loaded from this file"),
        );
    }
    Localized::new(
        format!("{shown} {what_vi}; hãy {save_as_vi}. Không nạp gì từ tệp này."),
        format!("{shown} {what_en}; {save_as_en}. Nothing was loaded from this file"),
    )
}

/// A file to ingest whose text is in a legacy Vietnamese encoding (`kind`, from its first
/// bytes), refused whole: each of its records would be said not to be UTF-8. A CSV is
/// mended by Excel's Save As; TCVN3 and VNI text is converted to Unicode first, since Excel
/// reads a CSV in the Windows code page and would keep their letters garbled.
pub fn legacy_encoding(
    path: &Path,
    kind: crate::domain::file_kind::Legacy,
    format: InputFormat,
) -> Localized {
    use crate::domain::file_kind::Legacy;
    let shown = path.display();
    let (what_vi, what_en) = match kind {
        Legacy::Windows1258 => (
            "bảng mã Windows-1258, kiểu Excel ghi khi lưu dạng “CSV (Comma delimited)”",
            "the Windows-1258 code page, which Excel writes when saving as \"CSV (Comma delimited)\"",
        ),
        Legacy::Tcvn3 => (
            "bảng mã cũ TCVN3 (ABC, phông .VnTime)",
            "the old TCVN3 encoding (ABC, the .VnTime fonts)",
        ),
        Legacy::Vni => (
            "bảng mã cũ VNI (phông VNI-Times)",
            "the old VNI encoding (the VNI-Times fonts)",
        ),
    };
    let (convert_vi, convert_en) = match kind {
        Legacy::Windows1258 => ("", ""),
        Legacy::Tcvn3 | Legacy::Vni => (
            "chuyển văn bản sang Unicode bằng công cụ chuyển mã (như công cụ của UniKey), sau đó ",
            "convert its text to Unicode with a converter (such as UniKey's), then ",
        ),
    };
    let (save_vi, save_en) = match format {
        InputFormat::Csv => (
            "mở tệp bằng Excel, chọn Tệp → Lưu Như (Save As) → “CSV UTF-8 (Comma delimited) (*.csv)” rồi nạp lại tệp .csv đó",
            "open it in Excel, choose File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\" and ingest that .csv file again",
        ),
        _ => (
            "xuất lại tệp dạng UTF-8 rồi nạp lại",
            "export it again as UTF-8 and ingest it again",
        ),
    };
    Localized::new(
        format!(
            "{shown} không phải UTF-8: có vẻ là {what_vi}, nên mọi chữ có dấu sẽ sai. Không nạp gì từ tệp này; hãy {convert_vi}{save_vi}."
        ),
        format!(
            "{shown} is not UTF-8: it looks like {what_en}, so every accented letter would be wrong. Nothing was loaded from this file; {convert_en}{save_en}"
        ),
    )
}

/// A file to ingest that cannot be opened.
pub fn cannot_open(path: &Path, e: &std::io::Error) -> Localized {
    Localized::new(
        format!(
            "Không mở được {}: {}",
            path.display(),
            crate::i18n::io_vi(e)
        ),
        format!("cannot open {}: {e}", path.display()),
    )
}

/// An empty CSV file, not even a header: an export that failed.
pub fn empty_file() -> Localized {
    Localized::new(
        "cảnh báo: tệp rỗng (0 byte), không có cả dòng tiêu đề: không có gì để nạp; nếu tệp lẽ ra có dữ liệu, hãy kiểm tra bước xuất tệp",
        "warning: the file is empty (0 bytes, not even a header): nothing to load; if it should hold reports, check the export that made it",
    )
}

/// The warnings of `file` past those shown (`more` of `all`), and where the full list is:
/// the `--errors` file when one is written (`listed`).
pub fn more_warnings(file: &str, more: u64, all: u64, listed: bool) -> Localized {
    Localized::new(
        format!(
            "{file}: còn {more} cảnh báo nữa không in ra ({all} tất cả){}",
            if listed {
                "; danh sách đủ ở tệp --errors."
            } else {
                "; xem đủ bằng --errors TỆP."
            },
            more = crate::i18n::grouped(more, crate::i18n::Lang::Vi),
            all = crate::i18n::grouped(all, crate::i18n::Lang::Vi)
        ),
        format!(
            "{file}: {more} more warnings not shown ({all} in all){}",
            if listed {
                "; the full list is in the --errors file."
            } else {
                "; --errors FILE lists them all."
            },
            more = crate::i18n::grouped(more, crate::i18n::Lang::En),
            all = crate::i18n::grouped(all, crate::i18n::Lang::En)
        ),
    )
}

/// The refusal of an Open311 file while a `service_codes` or `fields` row, by which its
/// requests' service codes become category hints, is not what the log sealed.
pub fn service_map_unvouched(problem: &crate::domain::audit::ChainBreak) -> Localized {
    super::audit::unvouched(
        problem,
        (
            "lần nhập Open311 đọc để biết mã dịch vụ thuộc lĩnh vực nào",
            "an Open311 ingest reads to know which field a service code means",
        ),
        (
            "chưa nhập phản ánh nào từ tệp này",
            "no report of this file was ingested",
        ),
    )
}

/// An input file other accounts may read: one line, the file's name and mode, no content.
pub fn input_readable_by_others(path: &Path, mode: u32) -> Localized {
    let file = path.display();
    Localized::new(
        format!(
            "Cảnh báo: tệp nạp {file} (quyền {mode:04o}) cho nhóm hoặc tài khoản khác đọc được, mà tệp xuất của ứng dụng có họ tên, số điện thoại người phản ánh: hãy `chmod 600 {file}`, để trong thư mục chỉ tài khoản dịch vụ vào được, và hủy tệp khi đã nạp xong (hướng dẫn, mục 10)."
        ),
        format!(
            "warning: the input file {file} (mode {mode:04o}) can be read by its group or other accounts, and the app's export holds reporters' names and phones: run `chmod 600 {file}`, keep it in a folder only the service account enters, and destroy it once ingested (the guide, section 10)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal of a header line, met as a second header among the rows, speaks of
    /// what comes after it, never of the whole file (the rows before it were stored).
    #[test]
    fn a_second_header_refusal_never_says_nothing_was_loaded_from_the_file() {
        let refusals = [
            no_required_column("a.csv", "submitted_at", false),
            no_required_column("a.csv", "submitted_at", true),
            no_known_column("a.csv", 3, "external_id"),
            repeated_columns("a.csv", "content"),
            mistyped_columns("a.csv", &[("confidental".to_owned(), "confidential")]),
            deciding_columns_missing("a.csv", "media"),
            confidential_column_missing("a.csv"),
        ];
        for refusal in refusals {
            let again = header_again_unusable(&refusal);
            for text in [again.vi.as_str(), again.en.as_str()] {
                let lower = text.to_lowercase();
                assert!(
                    !lower.contains("từ tệp này") && !lower.contains("from this file"),
                    "{text}"
                );
            }
        }
    }

    /// The closing line of a large ingest groups its counts in both languages.
    #[test]
    fn the_closing_line_groups_thousands() {
        let line = validated(1200, 108);
        assert_eq!(
            line.vi,
            "Đã kiểm tra 1.308 phản ánh mới: 1.200 tiếp nhận, 108 từ chối."
        );
        assert_eq!(
            line.en,
            "checked 1,308 new reports: 1,200 accepted, 108 rejected"
        );
        assert!(warned(2500).vi.starts_with("2.500 dòng"));
        assert!(warned(2500).en.starts_with("2,500 records were"));
    }

    /// English counts one record in the singular, Vietnamese nouns do not change.
    #[test]
    fn one_record_is_singular_in_english() {
        assert_eq!(
            warned(1).en,
            "1 record was stored with warnings, to be checked (listed above)"
        );
        assert_eq!(
            validated(1, 0).en,
            "checked 1 new report: 1 accepted, 0 rejected"
        );
        assert_eq!(
            validated(2, 1).en,
            "checked 3 new reports: 2 accepted, 1 rejected"
        );
        assert_eq!(
            malformed(2).vi,
            "2 dòng lỗi không được lưu (xem danh sách ở trên); sửa tệp rồi nạp lại — các phản ánh đã lưu sẽ được bỏ qua."
        );
    }

    /// The counts by reason read in the language of the line, each label with its count.
    #[test]
    fn the_counts_by_reason_are_in_each_language() {
        let counts = [
            ("thời gian không đọc được", "unreadable time", 3),
            ("quá dài", "too long", 9),
        ];
        let line = by_reason("a.csv", 12, 10, &counts, false);
        assert_eq!(
            line.vi,
            "a.csv: 12 bản ghi lỗi (thời gian không đọc được: 3, quá dài: 9); ở trên là 10 bản ghi đầu; xem đủ bằng --errors TỆP."
        );
        assert_eq!(
            line.en,
            "a.csv: 12 malformed records (unreadable time: 3, too long: 9); the first 10 are above; --errors FILE lists them all."
        );
    }
}
