//! Turning one record of the app's export into a new report (docs/rules.md §6), or saying exactly why
//! the record is malformed. Malformed means unreadable (a time that is not a time, a number
//! that is not a number) or impossible (a submission before phones had clocks, or after the
//! load: [`check_submission`], which the caller runs with its own time); a readable record that lacks something is stored and left for
//! `validate` to reject (docs/rules.md §1). No I/O: readers in `cli::ingest` hand over strings.

use std::borrow::Cow;

use crate::domain::report::{LATITUDE, LONGITUDE, Report, on_the_globe};
use crate::domain::text::{nfc, prints_nothing};
use crate::domain::time;
use crate::domain::validate::normalize_phone;
use crate::i18n::Bilingual;

/// The columns of the ingest format, in the order of docs/rules.md §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    ExternalId,
    SubmittedAt,
    OccurredAt,
    Content,
    Media,
    Latitude,
    Longitude,
    Address,
    Commune,
    ReporterName,
    ReporterPhone,
    Confidential,
    Consent,
    Urgent,
    CategoryHint,
}

impl Column {
    pub const ALL: [Column; 15] = [
        Column::ExternalId,
        Column::SubmittedAt,
        Column::OccurredAt,
        Column::Content,
        Column::Media,
        Column::Latitude,
        Column::Longitude,
        Column::Address,
        Column::Commune,
        Column::ReporterName,
        Column::ReporterPhone,
        Column::Confidential,
        Column::Consent,
        Column::Urgent,
        Column::CategoryHint,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::ExternalId => "external_id",
            Column::SubmittedAt => "submitted_at",
            Column::OccurredAt => "occurred_at",
            Column::Content => "content",
            Column::Media => "media",
            Column::Latitude => "latitude",
            Column::Longitude => "longitude",
            Column::Address => "address",
            Column::Commune => "commune",
            Column::ReporterName => "reporter_name",
            Column::ReporterPhone => "reporter_phone",
            Column::Confidential => "confidential",
            Column::Consent => "consent",
            Column::Urgent => "urgent",
            Column::CategoryHint => "category_hint",
        }
    }

    pub fn parse(name: &str) -> Option<Column> {
        let name = name.trim();
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The column a CSV header cell names (`header_cell`), in any case ("EXTERNAL_ID": a
    /// spreadsheet may have changed it); `None` for a name phananh does not know.
    pub fn of_header(cell: &[u8]) -> Option<Column> {
        let cell = header_cell(cell);
        Column::ALL
            .into_iter()
            .find(|c| c.name().as_bytes().eq_ignore_ascii_case(cell))
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether this column's text, cut short where a transfer or a copy broke off, may
    /// still read as a value, and be stored as the citizen's when it is a CSV file's last
    /// column: text, a number, a time without its seconds, a shorter id or phone. A yes/no
    /// cut short is no yes/no (refused), and a category hint cut short loses a suggestion
    /// reception makes anyway (`classify`), which a file legitimately ending without a line
    /// break in the app's order of columns (the hint last) must not be refused for.
    pub fn may_read_cut_short(self) -> bool {
        !matches!(
            self,
            Column::Confidential | Column::Consent | Column::Urgent | Column::CategoryHint
        )
    }
}

/// A CSV header cell as its name is read: without the spaces (a non-breaking one too) and
/// the characters that print nothing (`prints_nothing`: the byte-order mark a second file
/// joined with `cat` brings to its header, a zero-width space) around it. The one rule for
/// the first header line and for a header line met again among the rows: two rules let a
/// cell count as a name for one and not the other. Looked at from both ends only, byte by
/// byte, for every row of a file passes here; bytes that are not UTF-8 are left as they are.
pub fn header_cell(cell: &[u8]) -> &[u8] {
    let blank = |c: char| c.is_whitespace() || prints_nothing(c);
    let mut cell = cell;
    while let Some((c, len)) = first_char(cell)
        && blank(c)
    {
        cell = &cell[len..];
    }
    while let Some((c, len)) = last_char(cell)
        && blank(c)
    {
        cell = &cell[..cell.len() - len];
    }
    cell
}

/// The character `bytes` start with, and its length, if they start with one.
fn first_char(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match bytes.first()? {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return None,
    };
    let c = std::str::from_utf8(bytes.get(..len)?)
        .ok()?
        .chars()
        .next()?;
    Some((c, len))
}

/// A cell where one file's last record ran into the next file's header line: two exports
/// joined with `cat`, the first ending without a line break. The record's last value, then
/// a column's name (with the second file's byte-order mark between them, if it had one):
/// the value and the name, or None when the cell does not end in a column's name.
pub fn split_glued(cell: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut end = cell.len();
    while let Some((c, len)) = last_char(&cell[..end])
        && (c.is_whitespace() || prints_nothing(c))
    {
        end -= len;
    }
    let name = Column::ALL.into_iter().map(Column::name).find(|name| {
        end >= name.len() && cell[end - name.len()..end].eq_ignore_ascii_case(name.as_bytes())
    })?;
    let value = &cell[..end - name.len()];
    let value = value.strip_suffix("\u{feff}".as_bytes()).unwrap_or(value);
    Some((value, &cell[end - name.len()..end]))
}

/// The character `bytes` end with, and its length, if they end with one.
fn last_char(bytes: &[u8]) -> Option<(char, usize)> {
    let start = (bytes.len().saturating_sub(4)..bytes.len())
        .rev()
        .find(|&i| bytes[i] & 0xc0 != 0x80)?;
    let mut chars = std::str::from_utf8(&bytes[start..]).ok()?.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some((c, bytes.len() - start))
}

/// The separator of a CSV file, from its header line: a semicolon when the line has
/// semicolons and no comma (Excel writes those under Vietnamese regional settings, where
/// the comma is the decimal mark), else a comma. `ingest` and `demo --reports` read a file
/// by it alike.
pub fn separator(start: &[u8]) -> u8 {
    let header = start.split(|&b| b == b'\n').next().unwrap_or(start);
    let count = |sep: u8| header.iter().filter(|&&b| b == sep).count();
    if count(b';') > 0 && count(b',') == 0 {
        b';'
    } else {
        b','
    }
}

/// Excel's line naming a CSV file's separator before its header (`sep=;`), which Excel
/// writes and reads for a file meant for another locale: the separator and the line's
/// length with its line end; None when the file does not start with one.
pub fn sep_line(start: &[u8]) -> Option<(u8, usize)> {
    start.get(..4).filter(|p| p.eq_ignore_ascii_case(b"sep="))?;
    let delimiter = *start.get(4).filter(|b| b",;\t|".contains(b))?;
    match start.get(5..7) {
        Some(b"\r\n") => Some((delimiter, 7)),
        _ if start.get(5) == Some(&b'\n') => Some((delimiter, 6)),
        _ => None,
    }
}

/// One record's values by column; absent columns are empty strings.
pub type RawRecord<'a> = [&'a str; 15];

/// Why a record cannot be stored at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Malformed {
    #[error("{0} is empty: every record from the app carries it")]
    Required(&'static str),
    #[error("{column}: {source}")]
    Time {
        column: &'static str,
        source: time::TimeError,
    },
    #[error("{column}: \"{value}\" is not a number")]
    Number { column: &'static str, value: String },
    #[error("{column}: {value} is outside {min}..{max}")]
    OutOfRange {
        column: &'static str,
        /// As written in the file (through [`quoted`]).
        value: String,
        min: f64,
        max: f64,
    },
    #[error("{column}: \"{value}\" is not a yes/no value (use 1/0, true/false, có/không)")]
    Boolean { column: &'static str, value: String },
    #[error("external_id \"{0}\" is longer than 100 characters")]
    IdTooLong(String),
    #[error("{column} is longer than {limit} characters")]
    TooLong { column: &'static str, limit: usize },
    /// A NUL byte: no text the app sends holds one, and it would cut the text short in
    /// whatever reads it next.
    #[error("{0} contains a NUL byte (\\0); the record is damaged")]
    Nul(&'static str),
    /// An id with a character that prints as nothing (a zero-width space, a byte-order
    /// mark, a direction mark, a control): it would be stored as a second report that
    /// prints exactly like the first.
    #[error(
        "external_id holds an invisible character (U+{code:04X}) at character {at}; two ids that print the same must be the same id: remove it from the file and ingest it again"
    )]
    IdInvisible { code: u32, at: usize },
    /// An id Excel wrote in scientific notation (`2.02611E+16`): a numeric id it read as a
    /// number, its digits past the first few gone. Stored, two reports Excel turned into
    /// the same id would conflict, and the original file would store each again.
    #[error(
        "external_id \"{0}\" is a number Excel wrote in scientific notation, its last digits lost; the record is not stored: ingest the app's original file (never opened in Excel)"
    )]
    IdExponent(String),
    /// Text typed with an old Vietnamese font (TCVN3, VNI) and read as Unicode
    /// ([`legacy_font`](crate::domain::file_kind::legacy_font)): stored, the agency
    /// could not read it, `validate` would call it not Vietnamese, and it would be
    /// published garbled. The value is not quoted: it may be the reporter's name.
    #[error(
        "{column}: the text seems typed with an old Vietnamese font ({font}) and is garbled in Unicode; the record is not stored: convert the text to Unicode with a converter (such as UniKey's) and ingest it again"
    )]
    LegacyFont {
        column: &'static str,
        font: &'static str,
    },
    /// An id that holds the record's own reporter's name or phone: the id is printed
    /// wherever the report is, the public feed included, and is never hidden (it ties the
    /// report to the app), so the record is not stored. The id is not quoted: it is the
    /// identity.
    #[error(
        "external_id holds the reporter's name or phone, and an app id is printed everywhere, the public feed included; the record is not stored: the columns may be shifted, check this line against the app's file and ingest it again"
    )]
    IdNamesReporter,
    /// A submission time no phone could have sent: before [`earliest_submission`] (a clock
    /// that was never set) or later than the load's own time plus [`CLOCK_SKEW`].
    #[error(
        "{column} {value} is impossible: {why}; fix the time in the file (ask the app for the right one) and load it again"
    )]
    ImpossibleSubmission {
        column: &'static str,
        value: String,
        why: ImpossibleWhy,
    },
    /// A latitude past ±90 whose longitude, read as a latitude, puts the pair in Vietnam:
    /// the two columns were swapped (as written, through [`quoted`]).
    #[error(
        "{columns}: {latitude} is outside -90..90 for a latitude, and with {longitude} the two read as a place in Vietnam once swapped: the app seems to write the two columns the other way round; fix it there and load the file again"
    )]
    CoordinatesSwapped {
        /// The two columns' names, as the file names them ("latitude, longitude").
        columns: &'static str,
        latitude: String,
        longitude: String,
    },
}

/// Why a submission time cannot be true.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpossibleWhy {
    /// Before [`earliest_submission`].
    TooEarly,
    /// After the load's time plus [`CLOCK_SKEW`].
    InTheFuture,
}

impl std::fmt::Display for ImpossibleWhy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ImpossibleWhy::TooEarly => "before 2001, the date of a phone clock that was never set",
            ImpossibleWhy::InTheFuture => {
                "later than the moment it is loaded (more than 15 minutes of clock skew)"
            }
        })
    }
}

impl Malformed {
    /// A short code for the kind of fault, the same for every record with it (the summary
    /// of a file's faults counts by it).
    pub fn code(&self) -> &'static str {
        match self {
            Malformed::Required(_) => "missing_required",
            Malformed::Time { .. } => "bad_time",
            Malformed::Number { .. } => "bad_number",
            Malformed::OutOfRange { .. } => "out_of_range",
            Malformed::Boolean { .. } => "bad_boolean",
            Malformed::IdTooLong(_) | Malformed::TooLong { .. } => "too_long",
            Malformed::Nul(_) => "nul_byte",
            Malformed::IdInvisible { .. } => "bad_id",
            Malformed::IdExponent(_) => "id_exponent",
            Malformed::LegacyFont { .. } => "legacy_font",
            Malformed::IdNamesReporter => "id_names_reporter",
            Malformed::ImpossibleSubmission { .. } => "impossible_time",
            Malformed::CoordinatesSwapped { .. } => "coordinates_swapped",
        }
    }
}

impl Bilingual for Malformed {
    /// The same reason for officials, in Vietnamese.
    fn vi(&self) -> Cow<'static, str> {
        Cow::Owned({
            match self {
                Malformed::Required(column) => {
                    format!("{column} trống: mọi bản ghi từ ứng dụng đều phải có")
                }
                Malformed::Time { column, source } => format!("{column}: {}", source.said().vi),
                Malformed::Number { column, value } => {
                    format!("{column}: “{value}” không phải là số")
                }
                Malformed::OutOfRange {
                    column,
                    value,
                    min,
                    max,
                } => format!("{column}: {value} nằm ngoài khoảng {min}..{max}"),
                Malformed::Boolean { column, value } => format!(
                    "{column}: “{value}” không phải giá trị có/không (dùng 1/0, true/false, có/không)"
                ),
                Malformed::IdTooLong(id) => format!("external_id “{id}…” dài quá 100 ký tự"),
                Malformed::TooLong { column, limit } => format!("{column} dài quá {limit} ký tự"),
                Malformed::Nul(column) => {
                    format!("{column} chứa byte NUL (\\0); bản ghi bị hỏng")
                }
                Malformed::IdInvisible { code, at } => format!(
                    "external_id có ký tự vô hình (U+{code:04X}) ở ký tự thứ {at}; hai mã in ra giống nhau phải là một mã: hãy xóa ký tự đó trong tệp rồi nạp lại"
                ),
                Malformed::IdExponent(id) => format!(
                    "external_id “{id}” là số Excel đã đổi sang dạng số mũ, mất các chữ số cuối; bản ghi không được lưu: hãy nạp tệp gốc do ứng dụng xuất (chưa mở bằng Excel)"
                ),
                Malformed::LegacyFont { column, font } => format!(
                    "{column}: văn bản có vẻ gõ bằng phông cũ {font}, sang Unicode thành chữ sai; bản ghi không được lưu: chuyển văn bản sang Unicode bằng công cụ chuyển mã (như công cụ của UniKey) rồi nạp lại"
                ),
                Malformed::IdNamesReporter => "external_id có họ tên hoặc số điện thoại của người phản ánh, mà mã ứng dụng được in ở mọi nơi, kể cả bản công khai; bản ghi không được lưu: các cột có thể bị lệch, hãy đối chiếu dòng này với tệp của ứng dụng rồi nạp lại".to_owned(),
                Malformed::CoordinatesSwapped {
                    columns,
                    latitude,
                    longitude,
                } => format!(
                    "{columns}: vĩ độ {latitude} nằm ngoài khoảng -90..90, mà đổi chỗ với {longitude} thì thành một điểm ở Việt Nam: có vẻ ứng dụng ghi hai cột ngược nhau; sửa ở ứng dụng rồi nạp lại tệp"
                ),
                Malformed::ImpossibleSubmission { column, value, why } => format!(
                    "{column} {value} không thể đúng: {}; sửa thời gian trong tệp (hỏi ứng dụng thời gian đúng) rồi nạp lại",
                    match why {
                        ImpossibleWhy::TooEarly =>
                            "trước năm 2001, ngày của đồng hồ điện thoại chưa được đặt",
                        ImpossibleWhy::InTheFuture =>
                            "muộn hơn lúc nạp (quá 15 phút sai lệch đồng hồ)",
                    }
                ),
            }
        })
    }

    /// Its English text is its `Display`.
    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_string())
    }
}

/// The earliest submission time believed (docs/rules.md §6 \[choice\], fixed in the code):
/// 2001-01-01 00:00 in Vietnam. Phones whose clock was never set report the Unix epoch
/// (1970-01-01), the GPS or DOS epoch (1980) or 2000-01-01; no reporting app existed before
/// 2001. Not the Decision's effect (1 July 2022): reports from the portal's earlier system
/// may be loaded for the record, and a decade's history is what the scale bench plays.
pub fn earliest_submission() -> time::Timestamp {
    time::start_of_day(chrono::NaiveDate::from_ymd_opt(2001, 1, 1).expect("a real date"))
}

/// How far a phone's clock may run ahead of the portal's (docs/rules.md §6 \[choice\], fixed
/// in the code): 15 minutes. Phones set by the network are seconds off; one set by hand is
/// minutes off. A report stored up to this far ahead starts its dispatch clock at most this
/// late, an eighth of the shortest limit (2 working hours, Đ7.2).
pub const CLOCK_SKEW: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

/// Whether a report's submission time can be true when it is loaded at `now`: not before
/// [`earliest_submission`], not later than `now` plus [`CLOCK_SKEW`] (a report cannot be sent
/// after it arrives). A false one is malformed: stored, its dispatch clock would start
/// decades overdue or in the future and be judged on that (Đ7.2).
/// `column` is the field's name in the file (`requested_datetime` in Open311).
pub fn check_submission(
    submitted_at: time::Timestamp,
    now: time::Timestamp,
    column: &'static str,
) -> Result<(), Malformed> {
    let why = if submitted_at < earliest_submission() {
        ImpossibleWhy::TooEarly
    } else if submitted_at > now + CLOCK_SKEW {
        ImpossibleWhy::InTheFuture
    } else {
        return Ok(());
    };
    Err(Malformed::ImpossibleSubmission {
        column,
        value: time::format(&submitted_at),
        why,
    })
}

/// Whether the event is said to have happened after the report about it was sent (beyond
/// [`CLOCK_SKEW`]): a wrong date picked in the app, or the two times swapped. Warned, not
/// refused (docs/rules.md §6 \[choice\]): no clock runs from `occurred_at`, so the report
/// can be handled while reception asks the reporter; refusing would hold the citizen's words
/// back until someone who cannot know the right time edits the file.
pub fn occurred_after_submission(report: &Report) -> bool {
    report
        .occurred_at
        .is_some_and(|occurred| occurred > report.submitted_at + CLOCK_SKEW)
}

/// Whether the event is said to have happened before [`earliest_submission`]: the date of a
/// phone clock never set (1970, 1980, 2000), not a time anyone saw the event. Warned, not
/// refused, for the reason [`occurred_after_submission`] gives.
pub fn occurred_before_any_phone(report: &Report) -> bool {
    report
        .occurred_at
        .is_some_and(|occurred| occurred < earliest_submission())
}

/// Whether a row reads as shifted one column left: a phone number where the reporter's name
/// goes and none where the phone goes (an app row missing a field before them and padded
/// with an empty one at its end has the right count of fields). Warned, as the other doubts
/// about a row are: the check then rejects the phone, but the name may stand in the commune
/// or the address, and only the file tells which.
pub fn columns_shifted(reporter_name: &str, reporter_phone: &str) -> bool {
    shift_of(reporter_name, reporter_phone).is_some()
}

/// How a stored row's name and phone look out of place, as someone comparing the row with
/// the file would say it: the warning tells where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// One place left (`columns_shifted`): the name may stand in the commune or the address.
    Left,
    /// The name and the phone swapped: a phone number as the name, a name as the phone (two
    /// columns exchanged in a spreadsheet, or typed into each other's boxes).
    Swapped,
}

/// How the name and phone of a row look out of place, if they do: only when the name is a
/// phone number and the phone is none; an honest row (a name, and a phone or none, valid or
/// not) never reads as either.
pub fn shift_of(reporter_name: &str, reporter_phone: &str) -> Option<Shift> {
    if normalize_phone(reporter_name).is_err() || normalize_phone(reporter_phone).is_ok() {
        return None;
    }
    // A yes/no word ("không", "true") is the flag column slid into the phone's place.
    let flag = boolean(Column::ReporterPhone, reporter_phone).is_ok();
    let name_like = reporter_phone.chars().any(char::is_alphabetic)
        && !reporter_phone.chars().any(|c| c.is_ascii_digit());
    Some(if name_like && !flag {
        Shift::Swapped
    } else {
        Shift::Left
    })
}

/// The columns an unquoted comma may have split a CSV record at, when that is what makes it
/// readable: the record (`fields`, against the header's `columns`) has more fields than the
/// header, or as many but one fails to read (the empty last field of the row pushed out by
/// the split). For each text column, its field and the extra ones after it are joined
/// again with the `separator`; the columns whose join gives a record that reads (and whose name
/// and phone are in place) are returned, in the header's order. Empty when no join mends
/// it: then the count is simply wrong (a column missing, or several more than one comma).
pub fn unquoted_comma_in(
    fields: &[&str],
    columns: &[Option<Column>],
    separator: char,
) -> Vec<Column> {
    const TEXTS: [Column; 4] = [
        Column::Content,
        Column::Address,
        Column::Commune,
        Column::ReporterName,
    ];
    // More than a few commas are not one slip. A header of many more columns than the
    // format's (unknown ones are ignored) is no app's export: each try reads the record
    // again, and a hostile file of a huge header and many short rows would cost that
    // many times over.
    const MOST: usize = 4;
    if columns.len() > 4 * Column::ALL.len() {
        return Vec::new();
    }
    let mut padded: Vec<&str> = fields.to_vec();
    if padded.len() == columns.len() {
        padded.push("");
    }
    let Some(extra) = padded.len().checked_sub(columns.len()) else {
        return Vec::new();
    };
    if extra == 0 || extra > MOST {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (at, column) in columns.iter().enumerate() {
        let Some(column) = column.filter(|c| TEXTS.contains(c)) else {
            continue;
        };
        let joined = padded[at..=at + extra].join(&separator.to_string());
        let mut raw: RawRecord<'_> = [""; 15];
        for (i, slot) in columns.iter().enumerate() {
            let Some(slot) = slot else { continue };
            raw[slot.index()] = match i.cmp(&at) {
                std::cmp::Ordering::Less => padded[i],
                std::cmp::Ordering::Equal => joined.as_str(),
                std::cmp::Ordering::Greater => padded[i + extra],
            };
        }
        // A comma parts words: no piece of the join is empty or a phone number (a phone
        // slid into a text is a shift, not a comma). Mended, the name and phone stand in
        // place and the phone is one or none: a join that moves a bad flag ("2") into the
        // phone mends nothing a person would recognise.
        let pieces = &padded[at..=at + extra];
        let words = pieces
            .iter()
            .enumerate()
            .all(|(i, p)| !p.trim().is_empty() && (i == 0 || normalize_phone(p).is_err()));
        let reads = words
            && parse_record(&raw).is_ok_and(|r| {
                shift_of(&r.reporter_name, &r.reporter_phone).is_none()
                    && (r.reporter_phone.is_empty() || normalize_phone(&r.reporter_phone).is_ok())
            });
        if reads && !found.contains(&column) {
            found.push(column);
        }
    }
    found
}

/// Whether a point may be in Vietnam: the box around the mainland and the islands (Hoàng Sa,
/// Trường Sa), latitude 6.0–23.5 N, longitude 102.0–118.0 E. Coarse on purpose: a point
/// outside it is certainly a mistake worth a warning; one inside may still be a neighbour's.
pub fn inside_vietnam(latitude: f64, longitude: f64) -> bool {
    (6.0..=23.5).contains(&latitude) && (102.0..=118.0).contains(&longitude)
}

/// The longest a field may be, in characters once in NFC: the app's own limits are far below
/// these, so anything longer is a broken or hostile file, refused before it is stored.
pub fn longest(column: Column) -> usize {
    match column {
        Column::Content => 20_000,
        Column::Media => 10_000,
        _ => 1_000,
    }
}

/// The longest app id, in characters (the app's are a dozen).
const EXTERNAL_ID_LIMIT: usize = 100;

/// What a field far longer than its limit is, said before it is read whole (the bounded
/// reader stops at its end without holding it).
pub fn too_long(column: Column) -> Malformed {
    let limit = match column {
        Column::ExternalId => EXTERNAL_ID_LIMIT,
        other => longest(other),
    };
    Malformed::TooLong {
        column: column.name(),
        limit,
    }
}

/// `text` without the characters that print nothing; borrowed when it has none.
fn without_invisible(text: &str) -> Cow<'_, str> {
    if text.contains(prints_nothing) {
        Cow::Owned(text.replace(prints_nothing, "").trim().to_owned())
    } else {
        Cow::Borrowed(text)
    }
}

/// Reads a record into a `received` report (id 0 until stored). Text is NFC-normalised here,
/// once, so that decomposed input from old keyboards compares equal everywhere after.
pub fn parse_record(record: &RawRecord<'_>) -> Result<Report, Malformed> {
    read_record(record).map_err(|e| e.hiding_name(record[Column::ReporterName.index()]))
}

impl Malformed {
    /// The same fault with a value it quotes masked when that value is the row's reporter's
    /// name or a word of it (`redact::is_part_of_name`): a row whose columns slipped put a
    /// given name where a commune or a yes/no was read, and the message, which goes to the
    /// screen, cron's mail and the `--errors` file, quoted it.
    fn hiding_name(self, reporter_name: &str) -> Malformed {
        let hide = |value: String| {
            if crate::domain::redact::is_part_of_name(&value, reporter_name) {
                crate::domain::redact::MARK.to_owned()
            } else {
                value
            }
        };
        match self {
            Malformed::Time { column, source } => Malformed::Time {
                column,
                source: time::TimeError(hide(source.0)),
            },
            Malformed::Number { column, value } => Malformed::Number {
                column,
                value: hide(value),
            },
            Malformed::OutOfRange {
                column,
                value,
                min,
                max,
            } => Malformed::OutOfRange {
                column,
                value: hide(value),
                min,
                max,
            },
            Malformed::Boolean { column, value } => Malformed::Boolean {
                column,
                value: hide(value),
            },
            other => other,
        }
    }
}

fn read_record(record: &RawRecord<'_>) -> Result<Report, Malformed> {
    for column in Column::ALL {
        let limit = longest(column);
        // Bytes bound characters from above: count characters only when bytes exceed.
        let text = record[column.index()];
        if text.as_bytes().contains(&0) {
            return Err(Malformed::Nul(column.name()));
        }
        // Counted as stored, in NFC: the same text sent decomposed (an old keyboard's NFD,
        // a third more characters in Vietnamese) was refused where its NFC was stored.
        if text.len() > limit && crate::domain::text::longer_than_stored(text, limit) {
            return Err(Malformed::TooLong {
                column: column.name(),
                limit,
            });
        }
    }
    for column in [
        Column::Content,
        Column::Address,
        Column::Commune,
        Column::ReporterName,
    ] {
        if let Some(font) = crate::domain::file_kind::legacy_font(record[column.index()]) {
            return Err(Malformed::LegacyFont {
                column: column.name(),
                font: match font {
                    crate::domain::file_kind::Legacy::Vni => "VNI",
                    _ => "TCVN3",
                },
            });
        }
    }
    let get = |c: Column| record[c.index()].trim();
    let external_id = get(Column::ExternalId);
    if external_id.is_empty() {
        return Err(Malformed::Required("external_id"));
    }
    if external_id.chars().count() > EXTERNAL_ID_LIMIT {
        let start: String = external_id.chars().take(20).collect();
        return Err(Malformed::IdTooLong(quoted(&start)));
    }
    if let Some((at, c)) = external_id.chars().enumerate().find(|&(_, c)| invisible(c)) {
        return Err(Malformed::IdInvisible {
            code: u32::from(c),
            at: at + 1,
        });
    }
    if id_in_exponent_form(external_id) {
        return Err(Malformed::IdExponent(quoted(external_id)));
    }
    let submitted_at = time_of(Column::SubmittedAt, get(Column::SubmittedAt))?
        .ok_or(Malformed::Required("submitted_at"))?;
    let mut report = Report::received(nfc(external_id), submitted_at);
    report.occurred_at = time_of(Column::OccurredAt, get(Column::OccurredAt))?;
    report.content = nfc(get(Column::Content));
    report.media = split_media(get(Column::Media));
    if let Some(swapped) = swapped_coordinates(get(Column::Latitude), get(Column::Longitude)) {
        return Err(swapped);
    }
    report.latitude = coordinate(Column::Latitude, get(Column::Latitude), LATITUDE)?;
    report.longitude = coordinate(Column::Longitude, get(Column::Longitude), LONGITUDE)?;
    report.address = nfc(get(Column::Address));
    // An invisible character pasted with a commune's name (a zero-width space from a web
    // page) made a name that prints as a listed commune and matches none: the report
    // went to the field's general line instead of the ward's (Đ7.1.b).
    report.commune = nfc(&without_invisible(get(Column::Commune)));
    // Characters that print nothing are no part of a name: kept, they made two spellings of
    // one (as `identity correct` refuses them) and a word no reader sees.
    report.reporter_name = nfc(&get(Column::ReporterName).replace(prints_nothing, ""));
    // Stored normalised when valid; an invalid number is kept as sent so that `validate`
    // can reject it and the operator can see what the citizen typed.
    let phone = get(Column::ReporterPhone);
    report.reporter_phone = normalize_phone(phone).unwrap_or_else(|_| phone.to_owned());
    report.confidential = boolean(Column::Confidential, get(Column::Confidential))?;
    report.consent = boolean(Column::Consent, get(Column::Consent))?;
    report.urgent = boolean(Column::Urgent, get(Column::Urgent))?;
    report.category_hint = nfc(&without_invisible(get(Column::CategoryHint)));
    if id_names_reporter(&report) {
        return Err(Malformed::IdNamesReporter);
    }
    Ok(report)
}

/// Whether the app id of `report` holds its reporter's own name (as the public views would
/// hide it: `redact::redact`) or own phone (its digits, without the trunk zero, among the
/// id's): a shifted row's, or one typed by hand after a telephone call.
fn id_names_reporter(report: &Report) -> bool {
    id_names(
        &report.external_id,
        &report.reporter_name,
        &report.reporter_phone,
    )
}

/// Whether the app id `id` holds the name `name` or the phone `phone` (as
/// `id_names_reporter` reads a report's): also what `identity correct` judges a corrected
/// identity by, the id being printed everywhere, the public feed included.
pub fn id_names(id: &str, name: &str, phone: &str) -> bool {
    let named = crate::domain::redact::hides_reporter_name(id, name);
    let phone = crate::domain::redact::same_phone_digits(phone);
    let subscriber = phone.strip_prefix('0').filter(|rest| rest.len() >= 8);
    let digits = crate::domain::redact::same_phone_digits(id);
    named || subscriber.is_some_and(|s| digits.contains(s))
}

/// Whether a character prints as nothing, or as a plain space though it is not one: the
/// controls, Unicode's default-ignorable code points (zero-width spaces and joiners, the
/// byte-order mark, direction marks and embeddings, the soft hyphen, variation selectors,
/// tags) and every space but U+0020.
pub fn invisible(c: char) -> bool {
    c.is_control() || (c.is_whitespace() && c != ' ') || crate::domain::text::prints_nothing(c)
}

/// The dashes a word processor, a spreadsheet or a phone keyboard puts where the app's ids
/// have a hyphen-minus: hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal
/// bar, minus sign, small and full-width hyphen-minus.
const DASHES: [char; 10] = [
    '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FE58}',
    '\u{FE63}', '\u{FF0D}',
];

fn plain_dash(c: char) -> char {
    if DASHES.contains(&c) { '-' } else { c }
}

/// An app id as it compares loosely: dashes as `-`, letters in lower case. Two ids with the
/// same key but not equal are two reports to the tool (docs/rules.md §6: ids compare
/// exactly), and likely one report copied by hand: `ingest` warns.
pub fn id_key(id: &str) -> String {
    id.chars()
        .map(plain_dash)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether an app id is a number as Excel shows a long one (`2.02611E+16`,
/// `2,02611E+16`): the sign `+` is Excel's, so an id such as `12E4` is not taken for one.
pub fn id_in_exponent_form(id: &str) -> bool {
    crate::domain::validate::excel_exponent(id) && id.contains(['+'])
}

/// A numeric id's digits without its leading zeros (`000123` → `123`), when it has any:
/// what Excel makes of the id when it reads the cell as a number. `None` for any other id.
pub fn id_without_leading_zeros(id: &str) -> Option<&str> {
    let digits = id.trim_start_matches('0');
    (digits.len() < id.len() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

/// The key `ingest` looks a near match up by: [`id_key`], and a numeric id without its
/// leading zeros, so that `123` meets `000123` (one of them an Excel copy).
pub fn id_near_key(id: &str) -> String {
    match id_without_leading_zeros(id) {
        Some(digits) => digits.to_owned(),
        None => id_key(id),
    }
}

/// The known columns a JSON object under the unknown key `key` seems to hold, by its keys
/// `inner`: `reporter: {name, phone}` holds `reporter_name` and `reporter_phone`,
/// `location: {lat, lon}` the coordinates. Such a record is of another layout of the
/// app's file; read flat, it would lose what the reception check needs (Đ6.3) and be
/// rejected for what the citizen gave.
pub fn nested_columns<'k>(key: &str, inner: impl Iterator<Item = &'k str>) -> Vec<Column> {
    let mut found = Vec::new();
    for k in inner {
        let k = k.trim();
        let column = Column::parse(&format!("{}_{k}", key.trim()))
            .or_else(|| Column::parse(k))
            .or(match k {
                "lat" => Some(Column::Latitude),
                "lon" | "lng" | "long" => Some(Column::Longitude),
                _ => None,
            });
        if let Some(column) = column
            && !found.contains(&column)
        {
            found.push(column);
        }
    }
    found
}

/// The form the app writes its ids in (`CMG-2026-000105`): dashes as `-`, capitals.
pub fn id_usual(id: &str) -> String {
    id.chars()
        .map(plain_dash)
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether an id is in the app's usual form. Two ids in that form with the same key are
/// the same id, so a near match is looked for only where one side is not.
pub fn id_is_usual(id: &str) -> bool {
    id_usual(id) == id
}

/// What a record read again under an id already stored says differently from the stored
/// report, by column: only what arrived (what the workflow changes since, its status,
/// field, agency and the rest, is not the file's). Never the reporter's name or phone:
/// saying whether a typed one is a stored report's would let anyone who can ingest test
/// guesses against it with no reveal logged (SECURITY.md); and names only, never values.
pub fn arrival_differences(stored: &Report, read: &Report) -> Vec<&'static str> {
    let mut differ = Vec::new();
    let mut check = |column: Column, same: bool| {
        if !same {
            differ.push(column.name());
        }
    };
    check(
        Column::SubmittedAt,
        stored.submitted_at == read.submitted_at,
    );
    check(Column::OccurredAt, stored.occurred_at == read.occurred_at);
    check(Column::Content, stored.content == read.content);
    check(Column::Media, stored.media == read.media);
    check(Column::Latitude, stored.latitude == read.latitude);
    check(Column::Longitude, stored.longitude == read.longitude);
    check(Column::Address, stored.address == read.address);
    check(Column::Commune, stored.commune == read.commune);
    check(
        Column::Confidential,
        stored.confidential == read.confidential,
    );
    check(Column::Consent, stored.consent == read.consent);
    // `assign --urgent` makes a report urgent after it arrived (at dispatch, Đ7.1.b; the
    // urgency is Đ7.2's).
    check(Column::Urgent, stored.urgent || !read.urgent);
    check(
        Column::CategoryHint,
        stored.category_hint == read.category_hint,
    );
    differ
}

/// Whether a record read again under a stored id differs from the stored report
/// (`arrival_differences`) only by a time one side gives to the minute and the other within
/// that minute: a copy of the export re-saved by Excel (`dd/mm/yyyy hh:mm`, the seconds
/// dropped), loaded before or after the original. The same report, not another one under
/// the id: everything else the citizen sent is equal, and a phone's clock does not send two
/// reports of the same words in one minute under one id.
pub fn differs_only_in_seconds(stored: &Report, read: &Report) -> bool {
    let differ = arrival_differences(stored, read);
    let times = [Column::SubmittedAt.name(), Column::OccurredAt.name()];
    !differ.is_empty()
        && differ.iter().all(|c| times.contains(c))
        && same_minute(stored.submitted_at, read.submitted_at)
        && match (stored.occurred_at, read.occurred_at) {
            (Some(a), Some(b)) => same_minute(a, b),
            (a, b) => a == b,
        }
}

/// Two times equal, or one of them given to the minute (no seconds) and the other within
/// that minute.
fn same_minute(a: time::Timestamp, b: time::Timestamp) -> bool {
    use chrono::Timelike;
    let to_the_minute = |t: time::Timestamp| t.second() == 0 && t.nanosecond() == 0;
    let minute = |t: time::Timestamp| {
        t.with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(t)
    };
    a == b || (to_the_minute(a) && minute(b) == a) || (to_the_minute(b) && minute(a) == b)
}

/// How far back a report accepted at reception is compared with those before it for the
/// hint that it may be one sent again (docs/rules.md §1 \[choice\], fixed in the code): 7
/// days. A citizen who hears nothing resends within days; the same words about the same
/// place a month later are more likely a new event.
pub const REPEAT_WINDOW: chrono::TimeDelta = chrono::TimeDelta::days(7);

/// The most reports a `validate` or `ingest --validate` run may accept and still be given
/// the hint of reports sent again (docs/rules.md §1 \[choice\]): the desk's day is hundreds, and a backfill of
/// months, where the hint would name ten of thousands, paid two thirds more for its
/// validation (a second pass over every row of its window, in release, 200,000 reports:
/// bench/HISTORY.md).
pub const REPEAT_HINT_MAX_RUN: usize = 5_000;

/// Feeds `state` with what two reports share when one may be the other sent again: the
/// content and the commune, in lowercase, runs of spaces as one, a closing full stop or
/// exclamation mark dropped (the app sends its texts in NFC: `parse_record`). False, with
/// nothing fed, for a content with nothing in it, which says nothing about the event.
/// Never the reporter's identity: it is sealed per report, and opening every one to compare
/// would be a bulk reveal (SECURITY.md). Writes no text: it runs on every report of the
/// window a `validate` looks back over.
pub fn repeat_key(content: &str, commune: &str, state: &mut impl std::hash::Hasher) -> bool {
    fn feed(text: &str, state: &mut impl std::hash::Hasher) -> bool {
        let text = text
            .trim_start()
            .trim_end_matches(|c: char| c.is_whitespace() || c == '.' || c == '!');
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if std::mem::take(&mut space) {
                state.write_u32(u32::from(' '));
            }
            for lower in c.to_lowercase() {
                state.write_u32(u32::from(lower));
            }
        }
        !text.is_empty()
    }
    if content
        .trim_end_matches(|c: char| c.is_whitespace() || c == '.' || c == '!')
        .trim_start()
        .is_empty()
    {
        return false;
    }
    feed(content, state);
    state.write_u32(0);
    feed(commune, state);
    true
}

/// The rule of a report sent again (docs/rules.md §1 \[choice\]), as one pass: fed every
/// report submitted in the window before and through those asked about, oldest first, it
/// says of each the latest report before it with the same [`repeat_key`], submitted at most
/// [`REPEAT_WINDOW`] before it and neither rejected nor merged. `validate`, `ingest
/// --validate`, `triage` and `list` all ask this one pass, so they cannot come to differ.
///
/// Holds one 64-bit hash of each distinct key, never a text: two keys sharing a hash would
/// make a false hint, never a lost report.
pub struct RepeatPass {
    hasher: std::hash::RandomState,
    /// By the key's hash: the latest report with it that may be repeated, and when it was
    /// submitted.
    latest: std::collections::HashMap<u64, (i64, time::Timestamp)>,
}

impl Default for RepeatPass {
    fn default() -> Self {
        RepeatPass {
            hasher: std::hash::RandomState::new(),
            latest: std::collections::HashMap::new(),
        }
    }
}

impl RepeatPass {
    /// Report `id`, the next in submission order: the earlier report it may repeat, if
    /// any. A rejected report repeats nothing said (reception refused it) and a merged one
    /// already named its original, so neither is one a later report is said to repeat.
    pub fn see(
        &mut self,
        id: i64,
        at: time::Timestamp,
        status: crate::domain::report::Status,
        content: &str,
        commune: &str,
    ) -> Option<i64> {
        use std::hash::{BuildHasher, Hasher};
        let mut state = self.hasher.build_hasher();
        if !repeat_key(content, commune, &mut state) {
            return None;
        }
        let hash = state.finish();
        let earlier = self
            .latest
            .get(&hash)
            .filter(|(_, when)| at - *when <= REPEAT_WINDOW)
            .map(|&(other, _)| other);
        use crate::domain::report::Status;
        if !matches!(status, Status::Rejected | Status::Duplicate) {
            self.latest.insert(hash, (id, at));
        }
        earlier
    }
}

fn time_of(column: Column, text: &str) -> Result<Option<time::Timestamp>, Malformed> {
    time::parse(text).map_err(|source| Malformed::Time {
        column: column.name(),
        source: time::TimeError(quoted(&source.0)),
    })
}

/// A value as an error message may quote it: the message reaches the terminal, the errors
/// file and cron's mail, and a file whose columns slipped puts a reporter's name or phone
/// where a time, a number or a yes/no was expected. A value in which `redact_people`
/// finds a phone, an e-mail, an identity number or a name is not quoted, only marked.
pub fn quoted(text: &str) -> String {
    let redacted = crate::domain::redact::redact_people(text);
    if redacted.hidden == crate::domain::redact::Hidden::default() {
        text.to_owned()
    } else {
        crate::domain::redact::MARK.to_owned()
    }
}

/// Media are URLs or paths separated by `|` or whitespace (docs/rules.md §6).
pub fn split_media(text: &str) -> Vec<String> {
    text.split(|c: char| c == '|' || c.is_whitespace())
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The refusal of coordinates written the other way round: a latitude no place has whose
/// pair, swapped, is in Vietnam. "latitude: 105.15 is outside -90..90" named no cause.
fn swapped_coordinates(latitude: &str, longitude: &str) -> Option<Malformed> {
    let read = |text: &str| text.replace(',', ".").parse::<f64>().ok();
    let (lat, lon) = (read(latitude)?, read(longitude)?);
    (!on_the_globe(lat, LATITUDE) && inside_vietnam(lon, lat)).then(|| {
        Malformed::CoordinatesSwapped {
            columns: "latitude, longitude",
            latitude: quoted(latitude),
            longitude: quoted(longitude),
        }
    })
}

fn coordinate(column: Column, text: &str, limit: f64) -> Result<Option<f64>, Malformed> {
    if text.is_empty() {
        return Ok(None);
    }
    let value: f64 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| Malformed::Number {
            column: column.name(),
            value: quoted(text),
        })?;
    if !on_the_globe(value, limit) {
        return Err(Malformed::OutOfRange {
            column: column.name(),
            value: quoted(text),
            min: -limit,
            max: limit,
        });
    }
    Ok(Some(value))
}

/// Booleans accept `1/0/true/false/có/không` (docs/rules.md §6), any case, with or without
/// diacritics; blank is false.
pub fn boolean(column: Column, text: &str) -> Result<bool, Malformed> {
    match crate::domain::text::fold(text).as_str() {
        // SAI and ĐÚNG are a Vietnamese Excel's FALSE and TRUE. Only "đúng" itself: its
        // letters without marks are also "dùng" (use), no yes/no.
        "" | "0" | "false" | "khong" | "no" | "sai" => Ok(false),
        "1" | "true" | "co" | "yes" => Ok(true),
        "dung" if crate::domain::text::nfc(text.trim()).to_lowercase() == "đúng" => Ok(true),
        _ => Err(Malformed::Boolean {
            column: column.name(),
            value: quoted(text),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_s_separator_line_is_read_with_its_line_end() {
        assert_eq!(sep_line(b"sep=;\nexternal_id;"), Some((b';', 6)));
        assert_eq!(sep_line(b"SEP=,\r\nexternal_id,"), Some((b',', 7)));
        assert_eq!(sep_line(b"sep=;external_id"), None);
        assert_eq!(sep_line(b"sep=x\n"), None);
        assert_eq!(sep_line(b"external_id;sep=;\n"), None);
    }

    /// A text at the limit in NFC is within it decomposed too (NFD: a third more
    /// characters), as the report stores it in NFC.
    #[test]
    fn a_length_limit_counts_the_text_as_stored_in_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let limit = longest(Column::Content);
        let word = "Mặt đường bị bong tróc ổ gà ";
        let composed: String = word.chars().cycle().take(limit).collect();
        let decomposed: String = composed.nfd().collect();
        assert!(decomposed.chars().count() > limit);
        for content in [&composed, &decomposed] {
            let mut cells = [""; 15];
            cells[Column::ExternalId.index()] = "L-1";
            cells[Column::SubmittedAt.index()] = "2026-10-05T08:00:00+07:00";
            cells[Column::Content.index()] = content;
            let report = parse_record(&cells).unwrap();
            assert_eq!(report.content, composed);
        }
        let over: String = word.chars().cycle().take(limit + 1).collect();
        let mut cells = [""; 15];
        cells[Column::ExternalId.index()] = "L-2";
        cells[Column::Content.index()] = &over;
        assert!(matches!(
            parse_record(&cells),
            Err(Malformed::TooLong {
                column: "content",
                ..
            })
        ));
    }

    #[test]
    fn a_value_run_into_a_column_name_is_split_at_the_name() {
        let split = |cell: &str| {
            split_glued(cell.as_bytes()).map(|(value, name)| {
                (
                    String::from_utf8(value.to_vec()).unwrap(),
                    String::from_utf8(name.to_vec()).unwrap(),
                )
            })
        };
        let pair = |value: &str, name: &str| Some((value.to_owned(), name.to_owned()));
        assert_eq!(split("external_id"), pair("", "external_id"));
        assert_eq!(split("GT\u{feff}External_ID \r"), pair("GT", "External_ID"));
        assert_eq!(split("1consent"), pair("1", "consent"));
        assert_eq!(split("GT"), None);
        assert_eq!(split("external_id_x"), None);
    }

    #[test]
    fn the_header_line_tells_the_separator() {
        // Excel under Vietnamese settings: semicolons, and commas inside the values.
        assert_eq!(
            separator(b"external_id;submitted_at;content\nA;2026;x, y\n"),
            b';'
        );
        assert_eq!(separator(b"external_id,submitted_at\nA;B,C\n"), b',');
        assert_eq!(separator(b"external_id\n"), b',');
    }

    /// A header cell is read without the spaces and invisible characters around it, a
    /// byte-order mark or a non-breaking space among them, whatever its place; what is not
    /// UTF-8, or a name with such a character inside it, is no column.
    #[test]
    fn a_header_cell_is_named_without_the_blanks_around_it() {
        for cell in [
            "submitted_at",
            " Submitted_At ",
            "submitted_at\u{a0}",
            "\u{a0}\u{3000}SUBMITTED_AT",
            "\u{feff}submitted_at",
            "\u{feff}\u{feff}submitted_at\u{200b}",
            "\tsubmitted_at\r",
        ] {
            assert_eq!(
                Column::of_header(cell.as_bytes()),
                Some(Column::SubmittedAt),
                "{cell:?}"
            );
        }
        for cell in [
            &b"submitted\xc2\xa0at"[..],
            b"submitted_at\xff",
            b"\xa0submitted_at",
        ] {
            assert_eq!(Column::of_header(cell), None, "{cell:?}");
        }
        assert_eq!(header_cell(" \u{feff}\u{a0}".as_bytes()), b"");
        assert_eq!(
            header_cell("\u{a0}Mã phản ánh\u{a0}".as_bytes()),
            "Mã phản ánh".as_bytes()
        );
    }

    fn repeat_hash(content: &str, commune: &str) -> Option<u64> {
        let mut state = std::hash::DefaultHasher::new();
        repeat_key(content, commune, &mut state).then(|| std::hash::Hasher::finish(&state))
    }

    #[test]
    fn a_report_sent_again_has_the_same_repeat_key_case_and_spacing_aside() {
        let sent = repeat_hash("Đèn đường hỏng ở khóm 4, trời tối.", "Phường An Xuyên");
        assert!(sent.is_some());
        assert_eq!(
            sent,
            repeat_hash("  đèn đường HỎNG ở khóm 4,\n trời tối ", "phường an xuyên ")
        );
        assert_ne!(
            sent,
            repeat_hash("Đèn đường hỏng ở khóm 5, trời tối.", "Phường An Xuyên")
        );
        assert_ne!(
            sent,
            repeat_hash("Đèn đường hỏng ở khóm 4, trời tối.", "Xã Tạ An Khương")
        );
        assert_eq!(repeat_hash(" . ", "Phường An Xuyên"), None);
    }

    /// The pass names the latest earlier report within 7 days, never a rejected or merged
    /// one, nor one of another commune.
    #[test]
    fn the_repeat_pass_names_the_latest_earlier_report_within_the_window() {
        use crate::domain::report::Status::{Accepted, Duplicate, Received, Rejected};
        let at = |text: &str| crate::domain::time::parse(text).unwrap().unwrap();
        let lamp = "Đèn đường hỏng ở khóm 4.";
        let mut pass = RepeatPass::default();
        let mut see = |id, when, status, commune| pass.see(id, at(when), status, lamp, commune);
        assert_eq!(
            see(1, "2026-08-01T07:00:00+07:00", Accepted, "Phường 1"),
            None
        );
        assert_eq!(
            see(2, "2026-08-02T07:00:00+07:00", Rejected, "Phường 1"),
            Some(1)
        );
        // 2 was rejected: 3 repeats 1, not 2.
        assert_eq!(
            see(3, "2026-08-03T07:00:00+07:00", Received, "Phường 1"),
            Some(1)
        );
        assert_eq!(
            see(4, "2026-08-03T08:00:00+07:00", Duplicate, "Phường 1"),
            Some(3)
        );
        assert_eq!(see(5, "2026-08-03T09:00:00+07:00", Received, "Xã 2"), None);
        assert_eq!(
            see(6, "2026-08-10T07:00:00+07:00", Received, "Phường 1"),
            Some(3)
        );
        assert_eq!(
            see(7, "2026-08-17T07:00:01+07:00", Received, "Phường 1"),
            None
        );
    }

    /// A row missing its address and padded at its end.
    #[test]
    fn a_phone_as_the_name_and_no_phone_reads_as_shifted() {
        assert!(columns_shifted("0912000009", "0"));
        assert!(columns_shifted("+84 912 000 009", ""));
        assert!(!columns_shifted("Trần Thị Bưởi", "0912000009"));
        assert!(!columns_shifted("0912000009", "0912000009"));
        assert!(!columns_shifted("Trần Thị Bưởi", "0"));
    }

    /// A name and a phone typed into each other's boxes (or two columns
    /// exchanged in a spreadsheet) were warned of as a shift left, "the name may stand in
    /// the commune or the address", which sent the operator to the wrong cells.
    #[test]
    fn a_name_and_phone_swapped_read_as_such_and_a_flag_as_a_shift() {
        assert_eq!(
            shift_of("0912000009", "Trần Thị Bưởi"),
            Some(Shift::Swapped)
        );
        assert_eq!(shift_of("0912 000 009", "Út Mến"), Some(Shift::Swapped));
        for flag in ["0", "1", "", "không", "có", "true"] {
            assert_eq!(shift_of("0912000009", flag), Some(Shift::Left), "{flag}");
        }
        assert_eq!(shift_of("Trần Thị Bưởi", "0912000009"), None);
        assert_eq!(shift_of("Trần Thị Bưởi", "Trần Thị Bưởi"), None);
    }

    const HEADER: [Option<Column>; 15] = [
        Some(Column::ExternalId),
        Some(Column::SubmittedAt),
        Some(Column::OccurredAt),
        Some(Column::Content),
        Some(Column::Media),
        Some(Column::Latitude),
        Some(Column::Longitude),
        Some(Column::Address),
        Some(Column::Commune),
        Some(Column::ReporterName),
        Some(Column::ReporterPhone),
        Some(Column::Confidential),
        Some(Column::Consent),
        Some(Column::Urgent),
        Some(Column::CategoryHint),
    ];

    /// An honest record of the app's export, as fields; `address` as given.
    fn export_row<'a>(
        content: &'a str,
        address: &'a str,
        name: &'a str,
        phone: &'a str,
    ) -> Vec<&'a str> {
        vec![
            "A-1",
            "2026-11-04T07:20:00+07:00",
            "2026-11-04T07:00:00+07:00",
            content,
            "https://x.vn/1.jpg",
            "9.18",
            "105.15",
            address,
            "Phường An Xuyên",
            name,
            phone,
            "0",
            "1",
            "0",
            "",
        ]
    }

    /// The fields a CSV reader makes of `fields` written with no quotes at all.
    fn unquoted(fields: &[&str]) -> String {
        fields.join(",")
    }

    fn split(line: &str) -> Vec<&str> {
        line.split(',').collect()
    }

    /// An address with a comma, exported without quotes, gave "expected 15
    /// fields, found 16" (or, its empty last field dropped, "confidential is not yes/no")
    /// and nothing to say where to look.
    #[test]
    fn an_unquoted_comma_is_found_where_joining_the_split_mends_the_record() {
        let address = "Số 75 đường Trần Phú, khóm 2";
        let line = unquoted(&export_row(
            "Đường ngập",
            address,
            "Trần Thị Bưởi",
            "0912000009",
        ));
        let fields = split(&line);
        assert_eq!(fields.len(), 16);
        let found = unquoted_comma_in(&fields, &HEADER, ',');
        assert_eq!(found.first(), Some(&Column::Address), "{found:?}");
        // The empty last field dropped by the exporter: as many fields as the header.
        let found = unquoted_comma_in(&fields[..15], &HEADER, ',');
        assert_eq!(found.first(), Some(&Column::Address), "{found:?}");
        // Two commas in the content.
        let line = unquoted(&export_row(
            "Đường ngập, cống nghẹt, rác",
            "Khóm 2",
            "Út Mến",
            "",
        ));
        assert_eq!(
            unquoted_comma_in(&split(&line), &HEADER, ','),
            [Column::Content]
        );
        // A column missing, or a flag the join would put in the phone: nothing to say.
        let honest = export_row("Đường ngập", "Khóm 2", "Trần Thị Bưởi", "0912000009");
        assert!(unquoted_comma_in(&honest[..14], &HEADER, ',').is_empty());
        let mut bad_flag = honest.clone();
        bad_flag[11] = "2";
        assert!(unquoted_comma_in(&bad_flag, &HEADER, ',').is_empty());
        // Excel's Vietnamese files are split at semicolons.
        let line = export_row("Đường ngập", "Số 75; khóm 2", "Út Mến", "0912000009").join(";");
        let fields: Vec<&str> = line.split(';').collect();
        assert_eq!(
            unquoted_comma_in(&fields, &HEADER, ';').first(),
            Some(&Column::Address)
        );
    }

    fn arrange<'a>(fields: &[&'a str]) -> RawRecord<'a> {
        let mut raw: RawRecord<'a> = [""; 15];
        for (slot, field) in raw.iter_mut().zip(fields) {
            *slot = field;
        }
        raw
    }

    proptest::proptest! {
        /// Honest rows — a name, a phone valid, invalid or none, an address with or without
        /// a comma (quoted, as an export writes it) — are never read as shifted; the same
        /// rows gone wrong as a spreadsheet makes them are: a column missing and the row
        /// padded, the name and phone swapped, a comma left unquoted.
        #[test]
        fn honest_rows_never_warn_and_the_usual_slips_do(
            name in proptest::sample::select(vec!["Trần Thị Bưởi", "Nguyễn Văn Út", "Lê Hoàng Phúc", "Út Mến", "Danh Sơn"]),
            phone in "(0[35789][0-9]{8}|02[0-9]{9}|[0-9]{0,6}|)",
            street in proptest::sample::select(vec!["Trần Phú", "Lý Thường Kiệt", "Nguyễn Tất Thành"]),
            number in 1u32..400,
            hamlet in proptest::option::of(1u32..12),
            content in proptest::sample::select(vec!["Đường ngập nước", "Đèn đường hỏng", "Rác thải ứ đọng"]),
        ) {
            let address = match hamlet {
                Some(k) => format!("Số {number} đường {street}, khóm {k}"),
                None => format!("Số {number} đường {street}"),
            };
            let honest = export_row(content, &address, name, &phone);
            let report = parse_record(&arrange(&honest)).unwrap();
            proptest::prop_assert_eq!(shift_of(&report.reporter_name, &report.reporter_phone), None);
            let valid = normalize_phone(&phone).is_ok();
            // The address missing, the row padded at its end.
            let mut left: Vec<&str> = honest.clone();
            left.remove(7);
            left.push("");
            let shifted = parse_record(&arrange(&left)).unwrap();
            if valid {
                proptest::prop_assert_eq!(
                    shift_of(&shifted.reporter_name, &shifted.reporter_phone),
                    Some(Shift::Left)
                );
            }
            // Name and phone exchanged.
            let mut swapped = honest.clone();
            swapped.swap(9, 10);
            let swapped = parse_record(&arrange(&swapped)).unwrap();
            if valid {
                proptest::prop_assert_eq!(
                    shift_of(&swapped.reporter_name, &swapped.reporter_phone),
                    Some(Shift::Swapped)
                );
            }
            // The address's comma left unquoted (a phone the check rejects anyway is not
            // told from a flag slid into its place: no hint then).
            if hamlet.is_some() && (valid || phone.is_empty()) {
                let line = unquoted(&honest);
                let found = unquoted_comma_in(&split(&line), &HEADER, ',');
                proptest::prop_assert_eq!(found.first(), Some(&Column::Address));
            }
        }
    }

    /// Copies of an id differing only in case or in the dash were
    /// stored as new reports without a word; they share a key, and one side is unusual.
    #[test]
    fn ids_differing_in_case_or_dash_share_a_key() {
        let usual = "CMG-2026-000105";
        for near in [
            "cmg-2026-000105",
            "Cmg-2026-000105",
            "CMG\u{2010}2026\u{2010}000105",
            "CMG\u{2011}2026-000105",
            "CMG\u{2212}2026\u{2212}000105",
            "CMG\u{2013}2026\u{2013}000105",
            "cmg\u{FF0D}2026\u{FF0D}000105",
        ] {
            assert_eq!(id_key(near), id_key(usual), "{near:?}");
            assert!(!id_is_usual(near), "{near:?}");
            assert_eq!(id_usual(near), usual, "{near:?}");
        }
        assert!(id_is_usual(usual));
        assert!(id_is_usual("CMG-2026-ĐÔNG"));
        assert_ne!(id_key("CMG-2026-000106"), id_key(usual));
        assert_ne!(id_key("CMG_2026_000105"), id_key(usual));
    }

    #[test]
    fn vietnamese_excel_booleans_are_read() {
        for (text, value) in [
            ("ĐÚNG", true),
            ("đúng", true),
            ("SAI", false),
            ("Sai", false),
        ] {
            assert_eq!(
                boolean(Column::Confidential, text).ok(),
                Some(value),
                "{text}"
            );
        }
        for other in ["dùng", "DUNG", "dũng"] {
            assert!(boolean(Column::Confidential, other).is_err(), "{other}");
        }
    }

    #[test]
    fn a_nested_object_names_the_columns_it_holds() {
        assert_eq!(
            nested_columns("reporter", ["name", "phone"].into_iter()),
            [Column::ReporterName, Column::ReporterPhone]
        );
        assert_eq!(
            nested_columns("location", ["lat", "lon"].into_iter()),
            [Column::Latitude, Column::Longitude]
        );
        assert_eq!(
            nested_columns("geo", ["latitude", "lng", "zoom"].into_iter()),
            [Column::Latitude, Column::Longitude]
        );
        assert!(nested_columns("app", ["version", "build"].into_iter()).is_empty());
    }

    #[test]
    fn numeric_ids_excel_spoiled_are_told() {
        assert_eq!(id_without_leading_zeros("000123"), Some("123"));
        assert_eq!(id_without_leading_zeros("0123"), Some("123"));
        for other in ["123", "0", "000", "0A12", "CMG-2026-000105", ""] {
            assert_eq!(id_without_leading_zeros(other), None, "{other:?}");
        }
        assert_eq!(id_near_key("000123"), id_near_key("123"));
        assert_eq!(id_near_key("Cmg-1"), id_key("CMG-1"));
        for exponent in ["2.02611E+16", "2,02611E+16", "1E+05"] {
            assert!(id_in_exponent_form(exponent), "{exponent}");
            let raw = record(&[
                (Column::ExternalId, exponent),
                (Column::SubmittedAt, "2026-11-02T08:37:00+07:00"),
            ]);
            assert_eq!(
                parse_record(&raw).unwrap_err().code(),
                "id_exponent",
                "{exponent}"
            );
        }
        for other in ["12E4", "CMG-2026-E+1", "20261102093700124"] {
            assert!(!id_in_exponent_form(other), "{other}");
        }
    }

    fn record<'a>(pairs: &[(Column, &'a str)]) -> RawRecord<'a> {
        let mut r = [""; 15];
        for (c, v) in pairs {
            r[c.index()] = v;
        }
        r
    }

    /// A row whose columns slipped: the reporter's name where a yes/no is read, the phone
    /// where the time is, the phone again where a coordinate is. The message names the
    /// column and quotes neither.
    #[test]
    fn a_name_or_phone_in_the_wrong_column_is_not_quoted_in_the_error() {
        let slipped = [
            (Column::Confidential, "Hồ Văn Tám"),
            (Column::SubmittedAt, "0912888777"),
            (Column::Latitude, "0912888777"),
            (Column::Longitude, "0912 888 777"),
        ];
        for (column, value) in slipped {
            let mut pairs = vec![
                (Column::ExternalId, "CMG-1"),
                (Column::SubmittedAt, "03/08/2026 09:15"),
            ];
            pairs.retain(|(c, _)| *c != column);
            pairs.push((column, value));
            let err = parse_record(&record(&pairs)).unwrap_err();
            for text in [err.to_string(), err.vi().into_owned()] {
                assert!(text.contains(column.name()), "{text}");
                assert!(text.contains(crate::domain::redact::MARK), "{text}");
                assert!(!text.contains("Tám") && !text.contains("888"), "{text}");
            }
        }
        // An ordinary mistake is still quoted, to be found in the file.
        let err = parse_record(&record(&[
            (Column::ExternalId, "CMG-1"),
            (Column::SubmittedAt, "31/02/2026 09:15"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("\"31/02/2026 09:15\""), "{err}");
    }

    #[test]
    fn column_names_round_trip_in_spec_order() {
        let header = "external_id, submitted_at, occurred_at, content, media, latitude, longitude, address, commune, reporter_name, reporter_phone, confidential, consent, urgent, category_hint";
        for (i, name) in header.split(", ").enumerate() {
            let c = Column::parse(name).unwrap();
            assert_eq!((c.index(), c.name()), (i, name));
        }
    }

    #[test]
    fn a_full_record_is_read() {
        let r = parse_record(&record(&[
            (Column::ExternalId, "CMG-1"),
            (Column::SubmittedAt, "03/08/2026 09:15"),
            (Column::OccurredAt, "2026-08-03 08:50"),
            (Column::Content, "Đường bị ngập"),
            (Column::Media, "a.jpg|b.jpg  c.mp4"),
            (Column::Latitude, "9.1768"),
            (Column::Longitude, "105.15"),
            (Column::Confidential, "có"),
            (Column::Consent, "Không"),
            (Column::Urgent, "1"),
        ]))
        .unwrap();
        assert_eq!(time::format(&r.submitted_at), "2026-08-03T09:15:00+07:00");
        assert_eq!(r.media, vec!["a.jpg", "b.jpg", "c.mp4"]);
        assert_eq!((r.latitude, r.longitude), (Some(9.1768), Some(105.15)));
        assert!(r.confidential && !r.consent && r.urgent);
    }

    #[test]
    fn decomposed_text_is_stored_composed() {
        let nfd = "Đường bị ngập".chars().collect::<String>();
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(nfd.as_str()).collect();
        let r = parse_record(&record(&[
            (Column::ExternalId, "X"),
            (Column::SubmittedAt, "2026-08-03 09:15"),
            (Column::Content, &nfd),
        ]))
        .unwrap();
        assert_eq!(r.content, "Đường bị ngập");
    }

    #[test]
    fn unreadable_values_are_malformed_with_the_column_named() {
        let base = [
            (Column::ExternalId, "X"),
            (Column::SubmittedAt, "2026-08-03 09:15"),
        ];
        let with = |c, v| {
            let mut pairs = base.to_vec();
            pairs.push((c, v));
            parse_record(&record(&pairs)).unwrap_err().to_string()
        };
        assert!(with(Column::OccurredAt, "hôm qua").starts_with("occurred_at: cannot read time"));
        let err = parse_record(&record(&[
            (Column::ExternalId, "X"),
            (Column::SubmittedAt, "hôm qua"),
        ]))
        .unwrap_err();
        assert!(err.vi().contains("không đọc được thời gian “hôm qua”"));
        // Both languages name the same accepted years.
        assert!(err.vi().contains("năm từ 1900 đến 2199"), "{}", err.vi());
        assert!(err.en().contains("years 1900–2199"), "{}", err.en());
        assert!(with(Column::Latitude, "chín").contains("latitude"));
        assert!(with(Column::Longitude, "190").contains("outside"));
        assert!(with(Column::Urgent, "maybe").contains("urgent"));
        assert_eq!(
            parse_record(&record(&[(Column::ExternalId, "X")])).unwrap_err(),
            Malformed::Required("submitted_at")
        );
        assert_eq!(
            parse_record(&record(&[(Column::SubmittedAt, "2026-08-03 09:15")])).unwrap_err(),
            Malformed::Required("external_id")
        );
    }

    #[test]
    fn a_nul_byte_anywhere_is_malformed_and_named() {
        let err = parse_record(&record(&[
            (Column::ExternalId, "X"),
            (Column::SubmittedAt, "2026-08-03 09:15"),
            (Column::ReporterName, "Nguyễn\0Văn An"),
        ]))
        .unwrap_err();
        assert_eq!(err, Malformed::Nul("reporter_name"));
        assert_eq!(err.code(), "nul_byte");
        assert!(err.vi().contains("NUL"));
    }

    #[test]
    fn an_id_with_an_invisible_character_is_malformed_and_the_character_named() {
        for (id, code, at) in [
            ("CMG-\u{200b}1", 0x200b, 5),
            ("\u{feff}CMG-1", 0xfeff, 1),
            ("CMG\u{a0}1", 0xa0, 4),
            ("CMG-1\u{200e}", 0x200e, 6),
            ("CMG\u{7}1", 7, 4),
        ] {
            let err = parse_record(&record(&[
                (Column::ExternalId, id),
                (Column::SubmittedAt, "2026-08-03 09:15"),
            ]))
            .unwrap_err();
            assert_eq!(err, Malformed::IdInvisible { code, at }, "{id:?}");
            assert_eq!(err.code(), "bad_id");
        }
        // Letters of any script, and a plain space inside, are ids as they print.
        for id in ["CMG 1", "PHẢN-ÁNH-1", " CMG-1 "] {
            parse_record(&record(&[
                (Column::ExternalId, id),
                (Column::SubmittedAt, "2026-08-03 09:15"),
            ]))
            .unwrap();
        }
    }

    #[test]
    fn a_record_read_again_differs_only_in_what_arrived() {
        let read = parse_record(&record(&[
            (Column::ExternalId, "X"),
            (Column::SubmittedAt, "2026-08-03 09:15"),
            (Column::Content, "Đường bị ngập"),
            (Column::ReporterName, "Nguyễn Văn An"),
            (Column::ReporterPhone, "0912345678"),
        ]))
        .unwrap();
        let mut stored = read.clone();
        stored.id = 7;
        stored.status = crate::domain::report::Status::Accepted;
        stored.field = Some("GT".into());
        stored.urgent = true;
        assert!(arrival_differences(&stored, &read).is_empty());
        let mut other = read.clone();
        other.content = "Đường bị ngập sâu".into();
        other.reporter_phone = "0987654321".into();
        other.urgent = true;
        // The identity is never compared (an oracle for guesses).
        other.reporter_name = "Nguyễn Văn Đoán".into();
        assert_eq!(arrival_differences(&read, &other), ["content", "urgent"]);
    }

    /// The original and Excel's copy of it (times to the minute) are the same report, read
    /// either way round; a minute apart, another field changed, or a time given with
    /// seconds on both sides that differ, they are not.
    #[test]
    fn a_time_excel_cut_to_the_minute_is_the_only_difference_of_its_copy() {
        let original = parse_record(&record(&[
            (Column::ExternalId, "SEC-1"),
            (Column::SubmittedAt, "2026-11-02T08:37:41+07:00"),
            (Column::OccurredAt, "2026-11-02T07:00:12+07:00"),
            (Column::Content, "Đường bị ngập"),
        ]))
        .unwrap();
        let copy = |submitted: &str, occurred: &str| {
            parse_record(&record(&[
                (Column::ExternalId, "SEC-1"),
                (Column::SubmittedAt, submitted),
                (Column::OccurredAt, occurred),
                (Column::Content, "Đường bị ngập"),
            ]))
            .unwrap()
        };
        let excel = copy("02/11/2026 08:37", "02/11/2026 07:00");
        assert!(differs_only_in_seconds(&original, &excel));
        assert!(differs_only_in_seconds(&excel, &original));
        // Another time zone's writing of the same minute is the same minute.
        let utc = copy("2026-11-02T01:37:00Z", "2026-11-02T07:00:12+07:00");
        assert!(differs_only_in_seconds(&original, &utc));
        // Nothing differs: no such case to count.
        assert!(!differs_only_in_seconds(&original, &original));
        for other in [
            copy("02/11/2026 08:38", "02/11/2026 07:00"),
            copy("02/11/2026 08:37", "02/11/2026 07:01"),
            copy("2026-11-02T08:37:40+07:00", "02/11/2026 07:00"),
        ] {
            assert!(!differs_only_in_seconds(&original, &other), "{other:?}");
            assert!(!differs_only_in_seconds(&other, &original), "{other:?}");
        }
        let mut changed = excel.clone();
        changed.content = "Đường bị ngập sâu".into();
        assert!(!differs_only_in_seconds(&original, &changed));
        let mut without = excel;
        without.occurred_at = None;
        assert!(!differs_only_in_seconds(&original, &without));
    }

    #[test]
    fn missing_optional_values_are_not_malformed() {
        let r = parse_record(&record(&[
            (Column::ExternalId, "X"),
            (Column::SubmittedAt, "2026-08-03 09:15"),
        ]))
        .unwrap();
        assert_eq!(r.occurred_at, None);
        assert!(r.media.is_empty() && r.content.is_empty());
    }

    fn at(text: &str) -> time::Timestamp {
        time::parse(text).unwrap().unwrap()
    }

    #[test]
    fn a_submission_before_2001_or_after_the_load_is_impossible() {
        let now = at("2026-11-10T09:00:00+07:00");
        for (submitted, why) in [
            ("1970-01-01T07:00:00+07:00", Some(ImpossibleWhy::TooEarly)),
            ("2000-12-31T23:59:59+07:00", Some(ImpossibleWhy::TooEarly)),
            ("2001-01-01T00:00:00+07:00", None),
            ("2026-11-10T09:15:00+07:00", None),
            (
                "2026-11-10T09:15:01+07:00",
                Some(ImpossibleWhy::InTheFuture),
            ),
            (
                "2030-01-01T08:00:00+07:00",
                Some(ImpossibleWhy::InTheFuture),
            ),
        ] {
            let got = check_submission(at(submitted), now, "submitted_at");
            match why {
                None => assert_eq!(got, Ok(()), "{submitted}"),
                Some(why) => {
                    let err = got.unwrap_err();
                    assert_eq!(err.code(), "impossible_time", "{submitted}");
                    assert!(
                        matches!(err, Malformed::ImpossibleSubmission { why: w, .. } if w == why),
                        "{submitted}: {err}"
                    );
                    assert!(err.vi().contains("sửa thời gian"), "{}", err.vi());
                }
            }
        }
    }

    #[test]
    fn an_event_dated_by_a_phone_clock_never_set_is_flagged() {
        let mut report = Report::received("X".into(), at("2026-11-10T09:00:00+07:00"));
        for (occurred, flagged) in [
            (None, false),
            (Some("1970-01-01T07:00:00+07:00"), true),
            (Some("2000-12-31T23:59:59+07:00"), true),
            (Some("2001-01-01T00:00:00+07:00"), false),
            (Some("2026-11-10T08:00:00+07:00"), false),
        ] {
            report.occurred_at = occurred.map(at);
            assert_eq!(occurred_before_any_phone(&report), flagged, "{occurred:?}");
        }
    }

    #[test]
    fn an_event_after_its_report_beyond_the_skew_is_flagged() {
        let mut report = Report::received("X".into(), at("2026-11-10T09:00:00+07:00"));
        for (occurred, flagged) in [
            (None, false),
            (Some("2026-11-10T08:00:00+07:00"), false),
            (Some("2026-11-10T09:15:00+07:00"), false),
            (Some("2026-11-10T09:16:00+07:00"), true),
            (Some("2026-12-10T09:00:00+07:00"), true),
        ] {
            report.occurred_at = occurred.map(at);
            assert_eq!(occurred_after_submission(&report), flagged, "{occurred:?}");
        }
    }
}
