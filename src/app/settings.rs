//! The settings in force: every [choice] reading of the regulation the province may change
//! (docs/rules.md), its default, allowed values and meaning; reading them typed for the
//! domain, and changing one (checked, logged, open deadlines recomputed when it moves them).

use std::borrow::Cow;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use crate::domain::deadline::{Limit, OffHours, Policy, Stage};
use crate::domain::exact::Ratio;
use crate::domain::periodic::Thresholds;
use crate::domain::score::{Rules, Weights};
use crate::domain::validate::LanguageThresholds;
use crate::i18n::Bilingual;
use crate::i18n::Localized;
use crate::storage::settings;

/// What values a setting takes.
pub enum Kind {
    Number {
        min: f64,
        max: f64,
    },
    /// Working-hour windows such as `07:00-11:00,13:00-17:00`.
    Hours,
    /// One of a few words.
    Choice(&'static [&'static str]),
    /// Free text printed on a document (one line; at most 200 characters).
    Text,
}

/// A setting the tool knows: its key, default, allowed values and meaning.
pub struct Known {
    pub key: &'static str,
    pub default: &'static str,
    pub kind: Kind,
    /// Changing it moves the deadlines of open clocks.
    pub moves_deadlines: bool,
    pub meaning_vi: &'static str,
    pub meaning_en: &'static str,
}

impl Bilingual for Known {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.meaning_vi)
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.meaning_en)
    }
}

const fn number(
    key: &'static str,
    default: &'static str,
    min: f64,
    max: f64,
    meaning_vi: &'static str,
    meaning_en: &'static str,
) -> Known {
    Known {
        key,
        default,
        kind: Kind::Number { min, max },
        moves_deadlines: false,
        meaning_vi,
        meaning_en,
    }
}

/// A line of the HTML report's heading or foot; empty by default, when the document takes
/// its own text in the report's language.
const fn document(key: &'static str, meaning_vi: &'static str, meaning_en: &'static str) -> Known {
    Known {
        key,
        default: "",
        kind: Kind::Text,
        moves_deadlines: false,
        meaning_vi,
        meaning_en,
    }
}

const fn limit(
    key: &'static str,
    default: &'static str,
    meaning_vi: &'static str,
    meaning_en: &'static str,
) -> Known {
    Known {
        key,
        default,
        kind: Kind::Number {
            min: 0.01,
            max: 720.0,
        },
        moves_deadlines: true,
        meaning_vi,
        meaning_en,
    }
}

pub const KNOWN: &[Known] = &[
    number(
        "validate.min_syllable_share",
        "0.6",
        0.0,
        1.0,
        "Đ6.1 [lựa chọn]: tỷ lệ tối thiểu các từ có dạng âm tiết tiếng Việt",
        "Art. 6.1 [choice]: least share of words shaped like Vietnamese syllables",
    ),
    number(
        "validate.min_marked_or_common_share",
        "0.3",
        0.0,
        1.0,
        "Đ6.1 [lựa chọn]: tỷ lệ tối thiểu các từ có dấu tiếng Việt hoặc là từ thông dụng",
        "Art. 6.1 [choice]: least share of words with Vietnamese diacritics or common Vietnamese words",
    ),
    number(
        "validate.max_foreign_letter_share",
        "0.2",
        0.0,
        1.0,
        "Đ6.1 [lựa chọn]: tỷ lệ tối đa chữ cái thuộc hệ chữ khác (Hán, Khmer, …)",
        "Art. 6.1 [choice]: largest share of letters from other scripts (Chinese, Khmer, …)",
    ),
    Known {
        key: "validate.open311_identity",
        default: "optional",
        kind: Kind::Choice(&["optional", "required"]),
        moves_deadlines: false,
        meaning_vi: "Đ6.3 [lựa chọn]: phản ánh nạp từ Open311 (hệ thống khác đã tiếp nhận, chuẩn không có họ tên, số điện thoại): optional = không từ chối vì thiếu họ tên, số điện thoại; required = đòi như phản ánh từ ứng dụng",
        meaning_en: "Art. 6.3 [choice]: reports loaded from Open311 (another system received them; the standard carries no name or phone): optional = not rejected for a missing name or phone; required = as for the app's reports",
    },
    number(
        "classify.auto_min_score",
        "1",
        1.0,
        100.0,
        "Điểm từ khóa tối thiểu để `classify --suggest --apply` tự phân loại",
        "Least keyword score for `classify --suggest --apply` to classify on its own",
    ),
    limit(
        "deadline.dispatch.working_hours",
        "2",
        "Đ7.2: số giờ làm việc để phân phối khi bắt đầu vào ngày làm việc",
        "Art. 7.2: working hours to dispatch when the clock starts on a working day",
    ),
    limit(
        "deadline.dispatch.day_off_hours",
        "12",
        "Đ7.2: số giờ để phân phối khi bắt đầu vào ngày nghỉ",
        "Art. 7.2: hours to dispatch when the clock starts on a day off",
    ),
    limit(
        "deadline.return.working_hours",
        "1",
        "Đ8.1.b: số giờ làm việc được trả lại phản ánh không thuộc thẩm quyền",
        "Art. 8.1.b: working hours within which an agency may return a report",
    ),
    limit(
        "deadline.return.day_off_hours",
        "12",
        "Đ8.1.b: số giờ được trả lại khi bắt đầu vào ngày nghỉ",
        "Art. 8.1.b: hours within which an agency may return a report, on a day off",
    ),
    limit(
        "deadline.process.working_hours",
        "4",
        "Đ8.1.b: số giờ làm việc để xử lý, trả lời",
        "Art. 8.1.b: working hours to handle and reply",
    ),
    limit(
        "deadline.process.day_off_hours",
        "24",
        "Đ8.1.b: số giờ để xử lý, trả lời khi bắt đầu vào ngày nghỉ",
        "Art. 8.1.b: hours to handle and reply when the clock starts on a day off",
    ),
    limit(
        "deadline.publish.working_hours",
        "2",
        "Đ9.4: số giờ làm việc để kiểm duyệt và công khai kết quả",
        "Art. 9.4: working hours to check and publish the result",
    ),
    limit(
        "deadline.publish.day_off_hours",
        "12",
        "Đ9.4: số giờ để kiểm duyệt và công khai khi bắt đầu vào ngày nghỉ",
        "Art. 9.4: hours to check and publish when the clock starts on a day off",
    ),
    Known {
        key: "deadline.off_hours",
        default: "next_window",
        kind: Kind::Choice(&["next_window", "day_off"]),
        moves_deadlines: true,
        meaning_vi: "[lựa chọn] Ngoài giờ làm việc của ngày làm việc: next_window = tính từ giờ làm việc kế tiếp; day_off = tính như ngày nghỉ",
        meaning_en: "[choice] Outside working hours on a working day: next_window = count from the next working hours; day_off = as on a day off",
    },
    Known {
        key: "calendar.working_hours",
        default: crate::domain::calendar::DEFAULT_WORKING_HOURS,
        kind: Kind::Hours,
        moves_deadlines: true,
        meaning_vi: "[lựa chọn] Giờ làm việc trong ngày làm việc (cả thứ Bảy làm bù)",
        meaning_en: "[choice] Working hours of a working day (Saturdays worked in exchange too)",
    },
    Known {
        key: "calendar.national_day_extra",
        default: "before",
        kind: Kind::Choice(&["before", "after"]),
        moves_deadlines: true,
        meaning_vi: "điểm đ khoản 1 Điều 112 Bộ luật Lao động 2019 [lựa chọn]: ngày nghỉ liền kề Quốc khánh 2/9 ở các năm chưa có lịch công bố: before = 1/9, after = 3/9",
        meaning_en: "Article 112(1)(dd), Labour Code 2019 [choice]: the day next to National Day 2/9 in years with no announced schedule: before = 1/9, after = 3/9",
    },
    number(
        "report.prolonged_working_days",
        "5",
        0.5,
        365.0,
        "Đ13.6 [lựa chọn]: vụ việc kéo dài khi mở hoặc đóng sau số ngày làm việc này kể từ khi tiếp nhận",
        "Art. 13.6 [choice]: a case is prolonged when open, or closed, after this many working days from receipt",
    ),
    number(
        "report.prolonged_returns",
        "2",
        1.0,
        100.0,
        "Đ13.6 [lựa chọn]: vụ việc kéo dài khi bị trả lại từ số lần này",
        "Art. 13.6 [choice]: a case is prolonged when returned at least this many times",
    ),
    number(
        "report.unresolved_send_backs",
        "2",
        1.0,
        100.0,
        "Đ13.6 [lựa chọn]: vụ việc chưa dứt điểm khi bị yêu cầu xử lý lại từ số lần này",
        "Art. 13.6 [choice]: a case is unresolved when sent back for rework at least this many times",
    ),
    number(
        "report.unresolved_max_rating",
        "2",
        1.0,
        5.0,
        "Đ13.6 [lựa chọn]: vụ việc chưa dứt điểm khi người dân đánh giá từ mức này trở xuống",
        "Art. 13.6 [choice]: a case is unresolved when the citizen rated it this or lower",
    ),
    number(
        "score.weight_on_time",
        "0.6",
        0.0,
        100.0,
        "Đ13.7, Đ14 [lựa chọn]: trọng số tỷ lệ xử lý đúng hạn trong điểm thi đua",
        "Art. 13.7, 14 [choice]: weight of the on-time rate in the emulation score",
    ),
    number(
        "score.weight_returns",
        "0.1",
        0.0,
        100.0,
        "Đ13.7, Đ14 [lựa chọn]: trọng số trả lại đúng hạn (1 − tỷ lệ trả lại trễ) trong điểm thi đua",
        "Art. 13.7, 14 [choice]: weight of timely returns (1 − late-return share) in the emulation score",
    ),
    number(
        "score.weight_send_backs",
        "0.1",
        0.0,
        100.0,
        "Đ9.1, Đ13.7, Đ14 [lựa chọn]: trọng số kết quả được chấp nhận ngay (1 − tỷ lệ vụ việc bị yêu cầu xử lý lại) trong điểm thi đua",
        "Art. 9.1, 13.7, 14 [choice]: weight of results accepted as first given (1 − share of cases sent back for rework) in the emulation score",
    ),
    number(
        "score.weight_satisfaction",
        "0.3",
        0.0,
        100.0,
        "Đ13.7, Đ14 [lựa chọn]: trọng số mức hài lòng của người dân trong điểm thi đua",
        "Art. 13.7, 14 [choice]: weight of citizens' satisfaction in the emulation score",
    ),
    Known {
        key: crate::domain::identity::SETTING,
        default: "trust",
        kind: Kind::Choice(&["peer", "trust"]),
        moves_deadlines: false,
        meaning_vi: "Xác thực tài khoản (docs/rules.md §7): peer = theo tên đăng nhập hệ điều hành gắn với tài khoản, lệnh ghi dùng đồng hồ hệ thống (`init` tạo như vậy); trust = tin --as và --now (bản demo, kiểm thử, máy một người dùng, cơ sở dữ liệu tạo trước khi có thiết lập này)",
        meaning_en: "Account authentication (docs/rules.md §7): peer = by the operating-system login bound to the account, writes timed by the system clock (what `init` creates); trust = --as and --now taken as given (demo, tests, a single-user laptop, databases made before this setting)",
    },
    number(
        "score.min_cases",
        "10",
        1.0,
        100000.0,
        "Đ13.7, Đ14 [lựa chọn]: số vụ việc tối thiểu (đã trả lời hoặc quá hạn) để được xếp hạng; ít hơn thì vẫn có điểm nhưng không xếp hạng",
        "Art. 13.7, 14 [choice]: least number of cases (replied or overdue) for a rank; with fewer an agency keeps its score but is not ranked",
    ),
    document(
        "document.superior",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: cơ quan chủ quản ở góc trái báo cáo HTML, các dòng cách nhau bằng /, mỗi dòng in liền không ngắt (để trống: ỦY BAN NHÂN DÂN/TỈNH CÀ MAU)",
        "Decree 30/2020/ND-CP [choice]: the superior body at the top left of the HTML report, lines separated by /, each printed unbroken (empty: the province's People's Committee, on two lines)",
    ),
    document(
        "document.issuer",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: cơ quan ban hành báo cáo, các dòng cách nhau bằng /, mỗi dòng in liền không ngắt (để trống: CỔNG THÔNG TIN/ĐIỆN TỬ TỈNH)",
        "Decree 30/2020/ND-CP [choice]: the body issuing the report, lines separated by /, each printed unbroken (empty: the provincial web portal)",
    ),
    document(
        "document.symbol",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: ký hiệu văn bản sau số do văn thư ghi (để trống: BC-CTTĐT)",
        "Decree 30/2020/ND-CP [choice]: the document's symbol after the number the clerk writes (empty: the portal's report symbol, written as in Vietnamese)",
    ),
    document(
        "document.place",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: địa danh ghi trước ngày tháng (để trống: Cà Mau)",
        "Decree 30/2020/ND-CP [choice]: the place name before the date (empty: Ca Mau)",
    ),
    document(
        "document.recipient",
        "Đ13.6, Nghị định 30/2020/NĐ-CP [lựa chọn]: nơi nhận chính, sau \"Kính gửi\" (để trống: Ủy ban nhân dân tỉnh Cà Mau)",
        "Art. 13.6, Decree 30/2020/ND-CP [choice]: the addressee (empty: the province's People's Committee)",
    ),
    document(
        "document.copies",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: nơi nhận ở cuối báo cáo, cách nhau bằng dấu chấm phẩy (để trống: Như trên; Sở Nội vụ; Lưu: VT)",
        "Decree 30/2020/ND-CP [choice]: the recipients at the foot, separated by semicolons (empty: as above, Home Affairs, archive)",
    ),
    document(
        "document.signer_title",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: quyền hạn, chức vụ người ký, các dòng cách nhau bằng / (vd. KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC; để trống: GIÁM ĐỐC)",
        "Decree 30/2020/ND-CP [choice]: the signer's authority and title, lines separated by / (empty: director)",
    ),
    document(
        "document.signer_name",
        "Nghị định 30/2020/NĐ-CP [lựa chọn]: họ tên người ký (để trống thì chừa chỗ ghi tay)",
        "Decree 30/2020/ND-CP [choice]: the signer's full name (empty leaves room to write it by hand)",
    ),
    number(
        "sweep.due_soon_minutes",
        "30",
        0.0,
        1440.0,
        "Đ13.3: `sweep` nhắc các thời hạn còn trong số phút này",
        "Art. 13.3: `sweep` reminds of deadlines within this many minutes",
    ),
    number(
        "privacy.erase_after_days",
        "0",
        0.0,
        36500.0,
        "Luật 91/2025/QH15 [lựa chọn]: `sweep` xóa danh tính người phản ánh của phản ánh đã đóng quá số ngày này (0: không bao giờ)",
        "Law 91/2025/QH15 [choice]: `sweep` erases the reporter's identity of reports closed longer ago than this many days (0: never)",
    ),
    Known {
        key: CSV_STYLE,
        default: "standard",
        kind: Kind::Choice(&["standard", "excel"]),
        moves_deadlines: false,
        meaning_vi: "Cách ghi CSV của `score` và `report` (điểm thi đua gửi Sở Nội vụ, báo cáo gửi lãnh đạo): standard = RFC 4180 cho chương trình đọc (dấu phẩy, dấu chấm thập phân); excel = mở đúng trong Excel cài đặt vùng Việt Nam (dấu chấm phẩy, dấu phẩy thập phân, BOM, CRLF). --csv của từng lệnh được ưu tiên; các CSV khác chỉ theo --csv",
        meaning_en: "How `score` and `report` write CSV (the scores Home Affairs receives, the reports leaders read): standard = RFC 4180 for scripts (comma, decimal point); excel = opens right in Excel with Vietnamese regional settings (semicolon, decimal comma, BOM, CRLF). A command's --csv wins; other CSV follows --csv only",
    },
];

/// The setting that says how `score` and `report` write CSV when `--csv` does not.
pub const CSV_STYLE: &str = "csv.style";

/// The CSV style of `score` and `report` as set (`csv.style`).
pub fn csv_style(conn: &Connection) -> Result<crate::output::CsvStyle> {
    Ok(crate::output::CsvStyle::named(&text(conn, CSV_STYLE)?))
}

fn known(key: &str) -> Result<&'static Known> {
    KNOWN
        .iter()
        .find(|k| k.key == key)
        .ok_or_else(|| anyhow::anyhow!("unknown setting {key}"))
}

/// The text in force: stored, else the default.
pub fn text(conn: &Connection, key: &str) -> Result<String> {
    let known = known(key)?;
    Ok(settings::get(conn, key)?.unwrap_or_else(|| known.default.to_owned()))
}

/// The number in force: stored, else the default.
pub fn value(conn: &Connection, key: &str) -> Result<f64> {
    let known = known(key)?;
    let value = settings::get(conn, key)?
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or_else(|| known.default.parse().expect("numeric defaults parse"));
    // `settings set` stores nothing outside the bounds: a value past them was written behind
    // the tool's back, and is read as the nearest bound (a negative warning time edited
    // into the row pulled the sweep's horizon before now and hid every breach from
    // `--fail-on-breach`: `forged_events::a_warning_time_edited_with_sqlite3_hides_no_breach`).
    // `audit verify` names the row.
    Ok(match known.kind {
        Kind::Number { min, max } => value.clamp(min, max),
        _ => value,
    })
}

/// Whether the stored row of `key` is one the log does not vouch for: the problem, and the
/// setting's default, which a decision that cannot wait for a restore reads instead (the
/// sweep's warning time). None when there is no row or the log vouches for it.
pub fn unvouched_number(
    conn: &Connection,
    key: &str,
) -> Result<Option<(crate::domain::audit::ChainBreak, f64)>> {
    let known = known(key)?;
    if settings::get(conn, key)?.is_none() {
        return Ok(None);
    }
    let default = known.default.parse().expect("numeric defaults parse");
    Ok(super::audit::unvouched_setting_row(conn, key)?.map(|problem| (problem, default)))
}

/// Checks a new value; returns it as it will be stored.
pub fn check(known: &Known, value: &str) -> Result<String, Localized> {
    let value = value.trim();
    let key = known.key;
    match &known.kind {
        // At most six decimals: the scores use the setting's exact decimal value.
        Kind::Number { min, max } => value
            .parse::<f64>()
            .ok()
            .filter(|v| (*min..=*max).contains(v))
            .map(|v| v.to_string())
            .filter(|v| v.split_once('.').is_none_or(|(_, d)| d.len() <= 6))
            .ok_or_else(|| {
                // Vietnamese writes "0,6", as the reports and the score's heading do; the
                // setting is stored for programs, with a point. Said, not guessed: "1,440"
                // is a thousand and more in English.
                let pointed = value.replacen(',', ".", 1);
                let with_point = (value.matches(',').count() == 1)
                    .then(|| pointed.parse::<f64>().ok())
                    .flatten()
                    .filter(|v| (*min..=*max).contains(v))
                    .map(|_| format!("`phananh settings set {key} {pointed}`"));
                match with_point {
                    Some(line) => Localized::new(
                        format!("{key} phải là số từ {min} đến {max}, không phải \"{value}\"; viết phần thập phân sau dấu chấm: {line}."),
                        format!("{key} must be a number from {min} to {max}, not \"{value}\"; write the decimals after a point: {line}"),
                    ),
                    None => Localized::new(
                        format!("{key} phải là số từ {min} đến {max}, không phải \"{value}\"."),
                        format!("{key} must be a number from {min} to {max}, not \"{value}\""),
                    ),
                }
            }),
        Kind::Hours => crate::domain::calendar::WorkingHours::parse(value)
            .map(|h| h.to_string())
            .ok_or_else(|| {
                Localized::new(
                    format!("{key} phải có dạng 07:00-11:00,13:00-17:00 (các khoảng không chồng nhau), không phải \"{value}\"."),
                    format!("{key} must look like 07:00-11:00,13:00-17:00 (windows that do not overlap), not \"{value}\""),
                )
            }),
        Kind::Text => Some(value.to_owned())
            .filter(|v| v.chars().count() <= 200 && !v.chars().any(char::is_control))
            .ok_or_else(|| {
                Localized::new(
                    format!("{key} phải là một dòng chữ, tối đa 200 ký tự."),
                    format!("{key} must be one line of text, at most 200 characters"),
                )
            }),
        Kind::Choice(words) => words
            .iter()
            .find(|w| **w == value)
            .map(|w| (*w).to_owned())
            .ok_or_else(|| {
                Localized::new(
                    format!("{key} phải là một trong: {}; không phải \"{value}\".", words.join(", ")),
                    format!("{key} must be one of: {}; not \"{value}\"", words.join(", ")),
                )
            }),
    }
}

/// The language heuristic's thresholds as configured.
pub fn language_thresholds(conn: &Connection) -> Result<LanguageThresholds> {
    Ok(LanguageThresholds {
        min_syllable_share: value(conn, "validate.min_syllable_share")?,
        min_marked_or_common_share: value(conn, "validate.min_marked_or_common_share")?,
        max_foreign_letter_share: value(conn, "validate.max_foreign_letter_share")?,
        ..LanguageThresholds::default()
    })
}

/// Whether a report that came in over Open311 may lack the reporter's name and phone
/// (`validate.open311_identity`).
pub fn open311_identity_optional(conn: &Connection) -> Result<bool> {
    Ok(text(conn, "validate.open311_identity")? == "optional")
}

/// The settings as they stood at some moment: the stored values with every later change
/// undone (`domain::history`), for a report "as of" that moment. `Now` reads the table.
pub enum InForce<'a> {
    Now,
    Then(&'a std::collections::BTreeMap<String, String>),
}

impl InForce<'_> {
    pub fn text(&self, conn: &Connection, key: &str) -> Result<String> {
        match self {
            InForce::Now => text(conn, key),
            InForce::Then(stored) => Ok(stored
                .get(key)
                .cloned()
                .unwrap_or_else(|| known(key).map(|k| k.default.to_owned()).unwrap_or_default())),
        }
    }

    /// A number as a double (deadline limits, which are counted in whole seconds).
    pub fn number(&self, conn: &Connection, key: &str) -> Result<f64> {
        match self {
            InForce::Now => value(conn, key),
            InForce::Then(_) => Ok(self.text(conn, key)?.parse().unwrap_or_else(|_| {
                known(key)
                    .ok()
                    .and_then(|k| k.default.parse().ok())
                    .unwrap_or(0.0)
            })),
        }
    }

    /// A number exactly as its text says it.
    pub fn exact(&self, conn: &Connection, key: &str) -> Result<Ratio> {
        let text = self.text(conn, key)?;
        Ratio::parse(&text)
            .or_else(|| Ratio::parse(known(key).ok()?.default))
            .with_context(|| format!("setting {key} holds {text}, not a number"))
    }

    fn whole(&self, conn: &Connection, key: &str) -> Result<u64> {
        let r = self.exact(conn, key)?;
        Ok(u64::try_from(r.round_half_up(0).unwrap_or(0)).unwrap_or(0))
    }
}

/// The thresholds of the periodic report's case lists as configured.
pub fn report_thresholds(conn: &Connection, at: &InForce<'_>) -> Result<Thresholds> {
    Ok(Thresholds {
        prolonged_working_days: at.exact(conn, "report.prolonged_working_days")?,
        prolonged_returns: at.whole(conn, "report.prolonged_returns")? as u32,
        unresolved_send_backs: at.whole(conn, "report.unresolved_send_backs")? as u32,
        unresolved_max_rating: at.whole(conn, "report.unresolved_max_rating")?.min(5) as u8,
    })
}

/// The score's weights and ranking threshold as configured, exact.
pub fn score_rules(conn: &Connection, at: &InForce<'_>) -> Result<Rules> {
    Ok(Rules {
        weights: Weights {
            on_time: at.exact(conn, "score.weight_on_time")?,
            returns: at.exact(conn, "score.weight_returns")?,
            send_backs: at.exact(conn, "score.weight_send_backs")?,
            satisfaction: at.exact(conn, "score.weight_satisfaction")?,
        },
        min_cases: at.whole(conn, "score.min_cases")?,
    })
}

/// Every setting in force whose key starts with one of `prefixes`, for printing beside the
/// numbers they shaped.
pub fn in_force(
    conn: &Connection,
    at: &InForce<'_>,
    prefixes: &[&str],
) -> Result<Vec<(String, String)>> {
    KNOWN
        .iter()
        .filter(|k| prefixes.iter().any(|p| k.key.starts_with(p)))
        .map(|k| Ok((k.key.to_owned(), at.text(conn, k.key)?)))
        .collect()
}

/// The deadline limits and off-hours treatment as configured.
pub fn policy(conn: &Connection) -> Result<Policy> {
    policy_at(conn, &InForce::Now)
}

/// The deadline limits and off-hours treatment in force `at`.
pub fn policy_at(conn: &Connection, at: &InForce<'_>) -> Result<Policy> {
    let mut limits = [Limit {
        working: 0,
        day_off: 0,
    }; 4];
    for (slot, stage) in limits.iter_mut().zip(Stage::ALL) {
        let seconds = |which: &str| -> Result<i64> {
            let key = format!("deadline.{stage}.{which}");
            let hours = at.number(conn, &key)?;
            Ok((hours * 3600.0).round() as i64)
        };
        *slot = Limit {
            working: seconds("working_hours")?,
            day_off: seconds("day_off_hours")?,
        };
    }
    let off_hours = OffHours::parse(&at.text(conn, "deadline.off_hours")?)
        .context("deadline.off_hours holds an unknown value")?;
    Ok(Policy::new(limits, off_hours))
}
