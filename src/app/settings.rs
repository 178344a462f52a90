//! The settings in force: every [choice] reading of the regulation the province may change
//! (docs/rules.md), its default, allowed values and meaning; reading them typed for the
//! domain, and changing one (checked, logged, open deadlines recomputed when it moves them).

use std::borrow::Cow;

use anyhow::{Context as _, Result};
use rusqlite::Connection;

use crate::domain::deadline::{Limit, OffHours, Policy, Stage};
use crate::domain::periodic::Thresholds;
use crate::domain::score::Weights;
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
        meaning_vi: "Đ112.1.đ [lựa chọn]: ngày nghỉ liền kề Quốc khánh 2/9 ở các năm chưa có lịch công bố: before = 1/9, after = 3/9",
        meaning_en: "Art. 112.1, point dd [choice]: the day next to National Day 2/9 in years with no announced schedule: before = 1/9, after = 3/9",
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
        "sweep.due_soon_minutes",
        "30",
        0.0,
        1440.0,
        "Đ13.3: `sweep` nhắc các thời hạn còn trong số phút này",
        "Art. 13.3: `sweep` reminds of deadlines within this many minutes",
    ),
];

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
    Ok(settings::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| known.default.parse().expect("numeric defaults parse")))
}

/// Checks a new value; returns it as it will be stored.
pub fn check(known: &Known, value: &str) -> Result<String, Localized> {
    let value = value.trim();
    let key = known.key;
    match &known.kind {
        Kind::Number { min, max } => value
            .parse::<f64>()
            .ok()
            .filter(|v| (*min..=*max).contains(v))
            .map(|v| v.to_string())
            .ok_or_else(|| {
                Localized::new(
                    format!("{key} phải là số từ {min} đến {max}, không phải \"{value}\"."),
                    format!("{key} must be a number from {min} to {max}, not \"{value}\""),
                )
            }),
        Kind::Hours => crate::domain::calendar::WorkingHours::parse(value)
            .map(|h| h.to_string())
            .ok_or_else(|| {
                Localized::new(
                    format!("{key} phải có dạng 07:00-11:00,13:00-17:00 (các khoảng không chồng nhau), không phải \"{value}\"."),
                    format!("{key} must look like 07:00-11:00,13:00-17:00 (windows that do not overlap), not \"{value}\""),
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

/// The thresholds of the periodic report's case lists as configured.
pub fn report_thresholds(conn: &Connection) -> Result<Thresholds> {
    Ok(Thresholds {
        prolonged_working_days: value(conn, "report.prolonged_working_days")?,
        prolonged_returns: value(conn, "report.prolonged_returns")? as u32,
        unresolved_send_backs: value(conn, "report.unresolved_send_backs")? as u32,
        unresolved_max_rating: value(conn, "report.unresolved_max_rating")? as u8,
    })
}

/// The score's weights as configured.
pub fn score_weights(conn: &Connection) -> Result<Weights> {
    Ok(Weights {
        on_time: value(conn, "score.weight_on_time")?,
        returns: value(conn, "score.weight_returns")?,
        satisfaction: value(conn, "score.weight_satisfaction")?,
    })
}

/// Every setting in force whose key starts with one of `prefixes`, for printing beside the
/// numbers they shaped.
pub fn in_force(conn: &Connection, prefixes: &[&str]) -> Result<Vec<(String, String)>> {
    KNOWN
        .iter()
        .filter(|k| prefixes.iter().any(|p| k.key.starts_with(p)))
        .map(|k| Ok((k.key.to_owned(), text(conn, k.key)?)))
        .collect()
}

/// The deadline limits and off-hours treatment as configured.
pub fn policy(conn: &Connection) -> Result<Policy> {
    let mut limits = [Limit {
        working: 0,
        day_off: 0,
    }; 4];
    for (slot, stage) in limits.iter_mut().zip(Stage::ALL) {
        let seconds = |which: &str| -> Result<i64> {
            let hours = value(conn, &format!("deadline.{stage}.{which}"))?;
            Ok((hours * 3600.0).round() as i64)
        };
        *slot = Limit {
            working: seconds("working_hours")?,
            day_off: seconds("day_off_hours")?,
        };
    }
    let off_hours = OffHours::parse(&text(conn, "deadline.off_hours")?)
        .context("deadline.off_hours holds an unknown value")?;
    Ok(Policy::new(limits, off_hours))
}
