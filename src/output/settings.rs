//! What `settings` says besides its table (`cli::settings` prints it): a setting's row the
//! log does not vouch for (a row deleted with `sqlite3` shows as its default, one changed as
//! the new value: both as if set, unless said, and the sweep acts on them), and the value a
//! `settings set` stored. Nothing here reads the database.

use crate::domain::audit::ChainBreak;
use crate::i18n::{Bilingual, Localized};

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
