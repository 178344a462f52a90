//! What `settings` shows and says (`cli::settings` prints it): its table; a setting's row the
//! log does not vouch for (a row deleted with `sqlite3` shows as its default, one changed as
//! the new value: both as if set, unless said, and the sweep acts on them), and the value a
//! `settings set` stored. Nothing here reads the database.

use serde::Serialize;

use super::Listing;
use crate::domain::audit::ChainBreak;
use crate::i18n::{Bilingual, Lang, Localized};

/// The warning for a setting's row the log does not vouch for, as `problem` says.
pub fn unvouched_row(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Cảnh báo: {}; giá trị hiện ra ở dòng đó không phải giá trị nhật ký đã ghi. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            problem.vi()
        ),
        format!(
            "warning: {problem}; the value shown for it is not the one the log records. Run `phananh audit verify` and tell an admin"
        ),
    )
}

/// The setting `key` now `stored`.
pub fn set(key: &str, stored: &str) -> Localized {
    Localized::new(
        format!("Đã đặt {key} = {stored}."),
        format!("{key} set to {stored}"),
    )
}

/// The warning when a change overwrote a value the log does not vouch for (`problem`).
pub fn replaced_unvouched(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Cảnh báo: giá trị vừa được thay không phải giá trị nhật ký xác nhận ({}); sự kiện thay đổi ghi lại rằng nó thay một chỗ bị sửa ngoài phananh. Hãy chạy `phananh audit log` để xem và báo người phụ trách an ninh.",
            problem.vi()
        ),
        format!(
            "warning: the value replaced was not one the log vouches for ({}); the change records that it replaced an edit made outside phananh. See `phananh audit log` and tell whoever answers for security",
            problem.en()
        ),
    )
}

/// Refuses a retention period that would erase now (`said`) until it is confirmed.
pub fn unchanged_unless_yes(said: &Localized) -> Localized {
    Localized::new(
        format!("Chưa đổi gì. {} Nếu đúng ý, chạy lại với --yes.", said.vi),
        format!(
            "nothing was changed: {}. If that is what you mean, run again with --yes",
            said.en
        ),
    )
}

/// Refuses (exit 5) to set `key` while its own row is not what the log sealed (`problem`).
pub fn own_row_unvouched(key: &str, problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Không đổi gì: nhật ký không xác nhận {}, và thay đổi này sẽ ghi giá trị ấy vào nhật ký như giá trị trước đó của {key}, mà báo cáo, điểm và `audit verify` đọc làm thiết lập của mọi thời điểm trước. Hãy chạy `phananh audit verify`, rồi khôi phục bản sao lưu làm trước khi nó bị sửa.",
            problem.vi()
        ),
        format!(
            "nothing was changed: the log does not vouch for {}, and this change would log its value as the one {key} had before, which reports, scores and `audit verify` read as the setting of every earlier moment. Run `phananh audit verify`, then restore a backup made before it was edited",
            problem.en()
        ),
    )
}

/// Refuses to set `key`, the last score weight above 0 of `weights`, to 0.
pub fn no_weight_left(key: &str, weights: &[&str]) -> Localized {
    Localized::new(
        format!(
            "Không đặt {key} = 0: cả bốn trọng số điểm ({}) sẽ bằng 0, tổng các trọng số phải lớn hơn 0 để tính được điểm. Hãy đặt trọng số mới trước, rồi mới đưa trọng số cũ về 0.",
            weights.join(", ")
        ),
        format!(
            "{key} was not set to 0: all four score weights ({}) would be 0, and they must add up to more than 0 for any score to be computed. Set the new weight first, then bring the old one to 0",
            weights.join(", ")
        ),
    )
}

/// What a retention period of `days` means, and what a sweep now would do under it: erase
/// the identities of `reports` reports closed before `cutoff` (stored form).
pub fn retention(days: f64, cutoff: &str, reports: usize) -> Localized {
    let days_en = crate::i18n::count_en(days, "day", "days");
    // Written as the dry run of the sweep writes it, the command an admin runs next.
    let cutoff = |lang| super::when(cutoff, lang).replace('\u{a0}', " ");
    Localized::new(
        format!(
            "Mỗi lần quét (`sweep`) sẽ xóa vĩnh viễn danh tính người phản ánh của các phản ánh đã đóng quá {days} ngày; không thể lấy lại, kể cả khi khôi phục bản sao lưu. Nếu quét ngay bây giờ: {reports} phản ánh (đóng trước {}).",
            cutoff(crate::i18n::Lang::Vi)
        ),
        format!(
            "every sweep will erase for good the reporter's identity of reports closed more than {days_en} before it runs; it cannot be undone, not even by restoring a backup. A sweep now would erase {} (closed before {})",
            crate::i18n::count_en(reports, "identity", "identities"),
            cutoff(crate::i18n::Lang::En)
        ),
    )
}

/// No setting `key`; `meant`, the known one closest to it, if any.
pub fn no_such_setting(key: &str, meant: Option<&str>) -> Localized {
    match meant {
        Some(meant) => Localized::new(
            format!(
                "Không có thiết lập \"{key}\"; có phải ý bạn là {meant}? Xem `phananh settings show`."
            ),
            format!(
                "there is no setting \"{key}\"; did you mean {meant}? See `phananh settings show`"
            ),
        ),
        None => Localized::new(
            format!("Không có thiết lập \"{key}\"; xem `phananh settings show`."),
            format!("there is no setting \"{key}\"; see `phananh settings show`"),
        ),
    }
}

/// One line of `settings show`.
#[derive(Debug, Serialize)]
pub struct SettingRow {
    pub key: String,
    pub value: String,
    pub default: String,
    pub meaning: String,
}

impl Listing for SettingRow {
    const KEYS: &'static [&'static str] = &["key", "value", "default", "meaning"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Khóa", "Giá trị", "Mặc định", "Ý nghĩa"],
            vec!["Key", "Value", "Default", "Meaning"],
        )
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.key.clone(),
            self.value.clone(),
            self.default.clone(),
            self.meaning.clone(),
        ]
    }
}
