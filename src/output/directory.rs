//! What managing staff accounts refuses (`app::directory`): an account that does not
//! exist, the acting account locking itself out, a login not bound, and a change that
//! would give more to an account edited outside phananh. Built from names and event ids;
//! nothing here reads the database.

use crate::domain::audit::ChainBreak;
use crate::i18n::{Bilingual, Localized};

/// No account `username`.
pub fn no_such_account(username: &str) -> Localized {
    Localized::new(
        format!("Không có tài khoản \"{username}\"; xem `phananh staff list`."),
        format!("there is no account \"{username}\"; see `phananh staff list`"),
    )
}

/// Refuses to unbind, from the acting account, the login it acts through.
pub fn cannot_unbind_own_login(login: &str) -> Localized {
    Localized::new(
        format!(
            "Không thể gỡ tên đăng nhập {} khỏi tài khoản đang dùng qua chính tên đăng nhập đó; nhờ một quản trị viên khác.",
            login
        ),
        format!(
            "you cannot unbind the login {} from the account you act as through it; ask another admin",
            login
        ),
    )
}

/// Refuses to unbind a login the account is not bound to.
pub fn not_bound(username: &str, login: &str) -> Localized {
    Localized::new(
        format!(
            "Tài khoản {username} không gắn với tên đăng nhập {login}; xem `phananh staff logins {username}`."
        ),
        format!(
            "the account {username} is not bound to the login {login}; see `phananh staff logins {username}`"
        ),
    )
}

/// Refuses to disable the acting account (the province would be left without it).
pub fn cannot_disable_self() -> Localized {
    Localized::new(
        "Không thể tự khóa tài khoản đang dùng; nhờ một quản trị viên khác.",
        "you cannot disable the account you are acting as; ask another admin",
    )
}

/// What a change refused over an edited account did not do.
#[derive(Debug, Clone, Copy)]
pub enum Withheld {
    /// A login bound.
    Bind,
    /// The account enabled again.
    Enable,
}

/// Refuses (exit 5) a change that would give more to `username`, whose row is not as event
/// `event` of the log sealed it.
pub fn edited_account(username: &str, event: i64, withheld: Withheld) -> Localized {
    let (vi, en) = match withheld {
        Withheld::Bind => ("không gắn thêm tên đăng nhập", "no login was bound"),
        Withheld::Enable => ("không bật lại", "not enabled"),
    };
    Localized::new(
        format!(
            "Tài khoản {username} không còn như sự kiện {event} của nhật ký đã ghi (bị sửa ngoài phananh); {vi}. Chạy `phananh audit verify` để xem, rồi khôi phục bản sao lưu hoặc đặt lại tài khoản bằng `phananh staff add`."
        ),
        format!(
            "the account {username} is no longer as event {event} of the log recorded it (edited outside phananh); {en}. Run `phananh audit verify` to see it, then restore a backup or set the account again with `phananh staff add`"
        ),
    )
}

/// Refuses (exit 5) a `staff import` naming an account whose row the log does not vouch
/// for (`problem`): the import keeps each account disabled or enabled as its row holds it.
pub fn import_over_edited(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Không nhập tài khoản nào: {}; khi nhập, tài khoản giữ trạng thái tắt hay bật theo dòng dữ liệu, nên chỗ sửa ấy sẽ được niêm phong như của quản trị viên. Chạy `phananh audit verify` để xem, rồi khôi phục bản sao lưu hoặc đặt lại tài khoản đó bằng `phananh staff add` (và `phananh staff disable` nếu nó phải tắt).",
            problem.vi()
        ),
        format!(
            "no account was imported: {problem}; an import keeps each account disabled or enabled as its row holds it, and would seal that edit as the admin's. Run `phananh audit verify` to see it, then restore a backup or set that account again with `phananh staff add` (and `phananh staff disable` if it must stay disabled)"
        ),
    )
}
