//! What managing staff accounts refuses (`app::directory`): an account that does not
//! exist, the acting account locking itself out, a login not bound, a login that cannot be
//! one, and a change that would give more to an account edited outside phananh; and why an
//! operating-system login may not act as the account it asked for. Built from names and
//! event ids; nothing here reads the database.
//!
//! The operating system's login is "tài khoản hệ điều hành" wherever a user reads it (the
//! staff listings, these messages, the audit log's heads): "tên đăng nhập" is what `--help`
//! calls the staff account (`--as`), and the two words for one thing read as two things.

use std::borrow::Cow;

use crate::domain::audit::ChainBreak;
use crate::domain::identity::{BadLogin, IdentityRefusal};
use crate::i18n::{Bilingual, Localized};

/// The operating system's login, as every message and heading names it.
pub const OS_LOGIN: (&str, &str) = ("Tài khoản hệ điều hành", "Operating-system login");

/// Root bound to no account is, in practice, the officer on a spare machine after a restore
/// drill (guide §7): the restored file keeps the server's logins, and the `staff edit` the
/// refusal names needs an admin nobody there can act as. Root may name the person
/// (`app::login`), so the way in is the server admin's login in `SUDO_USER`.
fn root_way_in(refusal: &IdentityRefusal) -> Option<(&'static str, &'static str)> {
    let login = match refusal {
        IdentityRefusal::NotBound {
            login, bound_to, ..
        } if bound_to.is_empty() => login,
        IdentityRefusal::Unbound { login } => login,
        _ => return None,
    };
    (login == "root").then_some((
        " Trên máy dự phòng sau khi khôi phục, root chạy lệnh thay cho quản trị viên bằng cách đặt `SUDO_USER=TÊN` (tài khoản hệ điều hành của quản trị viên trên máy chủ) trước lệnh.",
        "; on a spare machine after a restore, root acts for the admin by putting `SUDO_USER=LOGIN` (the admin's login on the server) before the command",
    ))
}

impl Bilingual for IdentityRefusal {
    fn vi(&self) -> Cow<'static, str> {
        let os = OS_LOGIN.0;
        let root = root_way_in(self).map_or("", |(vi, _)| vi);
        Cow::Owned(match self {
            IdentityRefusal::NotBound {
                login,
                account,
                bound_to,
            } => match bound_to.first() {
                Some(first) => format!(
                    "{os} {login} không được gắn với tài khoản {account} mà với {}: làm việc bằng `--as {first}`, hoặc chạy lệnh từ tài khoản hệ điều hành của chính người dùng {account}. Chỉ khi {account} cũng là tài khoản của chính người dùng {login}, quản trị viên mới gắn bằng `phananh staff edit {account} --add-login {login}` (gắn tài khoản của người khác thì việc của hai người sẽ được ghi dưới một tài khoản hệ điều hành).{root}",
                    bound_to.join(", ")
                ),
                None => format!(
                    "{os} {login} không được gắn với tài khoản {account}; quản trị viên gắn bằng `phananh staff edit {account} --add-login {login}`.{root}"
                ),
            },
            IdentityRefusal::ServiceAccount {
                login,
                account,
                service,
            } => format!(
                "{os} {login} không được gắn với tài khoản {account}, tài khoản riêng của tài khoản dịch vụ (gắn với {service}, chủ cơ sở dữ liệu): không người nào làm việc bằng tài khoản đó, nếu không việc của người ấy sẽ được ghi là việc của tác vụ tự động. Hãy chạy lệnh bằng tài khoản dịch vụ (`runuser -u {service} -- phananh --as {account} …`, với quyền root), hoặc bằng tài khoản của chính mình (bỏ `--as {account}`)."
            ),
            IdentityRefusal::Unbound { login } => format!(
                "{os} {login} chưa được gắn với tài khoản nào; quản trị viên gắn bằng `phananh staff edit TÊN --add-login {login}`.{root}"
            ),
            IdentityRefusal::OnlyDisabled { login, accounts } => format!(
                "{os} {login} chỉ được gắn với tài khoản đang bị khóa {}; quản trị viên mở khóa bằng `phananh staff enable {}`.",
                accounts.join(", "),
                accounts[0]
            ),
            IdentityRefusal::Ambiguous { login, accounts } => format!(
                "{os} {login} được gắn với nhiều tài khoản ({}); chọn một bằng --as.",
                accounts.join(", ")
            ),
        })
    }

    fn en(&self) -> Cow<'static, str> {
        let root = root_way_in(self).map_or("", |(_, en)| en);
        Cow::Owned(format!("{self}{root}"))
    }
}

impl Bilingual for BadLogin {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Owned(format!(
            "“{}” không thể là tài khoản hệ điều hành: tài khoản hệ điều hành dài 1 đến 64 ký tự, chỉ gồm chữ cái không dấu (a–z, A–Z), chữ số, dấu chấm, gạch dưới và gạch ngang (không đứng đầu), có thể thêm `$` ở cuối. Nhiều tài khoản thì lặp lại tùy chọn, hoặc trong cột logins cách nhau bằng dấu cách hay | (ví dụ minh|minh2).",
            self.0
        ))
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_string())
    }
}

/// No account `username`.
pub fn no_such_account(username: &str) -> Localized {
    Localized::new(
        format!("Không có tài khoản “{username}”; xem `phananh staff list`."),
        format!("there is no account \"{username}\"; see `phananh staff list`"),
    )
}

/// Refuses to unbind, from the acting account, the login it acts through.
pub fn cannot_unbind_own_login(login: &str) -> Localized {
    Localized::new(
        format!(
            "Không thể gỡ tài khoản hệ điều hành {} khỏi tài khoản đang dùng qua chính tài khoản hệ điều hành đó; nhờ một quản trị viên khác.",
            login
        ),
        format!(
            "you cannot unbind the login {} from the account you act as through it; ask another admin",
            login
        ),
    )
}

/// Refuses a non-admin another account's logins, or every account's, with the command
/// that reads its own.
pub fn logins_refused(username: &str) -> Localized {
    Localized::new(
        format!(
            "Chỉ quản trị viên xem được tài khoản hệ điều hành gắn với các tài khoản khác; tài khoản của bạn thì xem bằng `phananh staff logins {username}`."
        ),
        format!(
            "only an admin may list the operating-system logins bound to other accounts; see your own with `phananh staff logins {username}`"
        ),
    )
}

/// Refuses to unbind a login the account is not bound to.
pub fn not_bound(username: &str, login: &str) -> Localized {
    Localized::new(
        format!(
            "Tài khoản {username} không gắn với tài khoản hệ điều hành {login}; xem `phananh staff logins {username}`."
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
        Withheld::Bind => (
            "không gắn thêm tài khoản hệ điều hành",
            "no login was bound",
        ),
        Withheld::Enable => ("không bật lại", "not enabled"),
    };
    Localized::new(
        format!(
            "Tài khoản {username} không còn như sự kiện {event} của nhật ký đã ghi (bị sửa ngoài phananh); {vi}. Chạy `phananh audit verify` để xem, rồi khôi phục bản sao lưu hoặc đặt lại tài khoản bằng `phananh staff add … --yes`."
        ),
        format!(
            "the account {username} is no longer as event {event} of the log recorded it (edited outside phananh); {en}. Run `phananh audit verify` to see it, then restore a backup or set the account again with `phananh staff add … --yes`"
        ),
    )
}

/// Refuses (exit 5) a `staff import` naming an account whose row the log does not vouch
/// for (`problem`): the import keeps each account disabled or enabled as its row holds it.
pub fn import_over_edited(problem: &ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Không nhập tài khoản nào: {}; khi nhập, tài khoản giữ trạng thái tắt hay bật theo dòng dữ liệu, nên chỗ sửa ấy sẽ được niêm phong như của quản trị viên. Chạy `phananh audit verify` để xem, rồi khôi phục bản sao lưu hoặc đặt lại tài khoản đó bằng `phananh staff add … --yes` (và `phananh staff disable` nếu nó phải tắt).",
            problem.vi()
        ),
        format!(
            "no account was imported: {problem}; an import keeps each account disabled or enabled as its row holds it, and would seal that edit as the admin's. Run `phananh audit verify` to see it, then restore a backup or set that account again with `phananh staff add … --yes` (and `phananh staff disable` if it must stay disabled)"
        ),
    )
}

/// `unstaffed`: its agency has no active handler left, said after disabling its last one
/// and after assigning to it (stderr; the step is done). Names the reports it holds (the
/// first twenty, then how many), and the account to add, or the one to enable again.
pub fn unstaffed(unstaffed: &crate::domain::directory::Unstaffed) -> Localized {
    let agency = &unstaffed.agency;
    let n = unstaffed.open.len();
    let ids = crate::storage::journal::first_named(&unstaffed.open, ", ", i64::to_string);
    let (held_vi, held_en) = match n {
        0 => (
            "hiện không giữ phản ánh nào đang xử lý, nhưng phản ánh Cổng giao sau này sẽ không ai mở, chuyển trả hay trả lời được".to_owned(),
            "it holds no report being handled now, but nobody can open, return or reply to one the portal assigns to it".to_owned(),
        ),
        _ => (
            format!(
                "đang giữ {} phản ánh chưa xử lý xong ({ids}) mà không ai mở, chuyển trả hay trả lời được, trong khi thời hạn xử lý 4 giờ làm việc (điểm b khoản 1 Điều 8) vẫn chạy và tính cho {agency}",
                crate::i18n::grouped(n as u64, crate::i18n::Lang::Vi)
            ),
            format!(
                "it holds {} ({ids}) that nobody can open, return or reply to, while the 4-working-hour processing clock (Art. 8.1.b) runs on, charged to {agency}",
                crate::i18n::count_en(n, "report being handled", "reports being handled")
            ),
        ),
    };
    Localized::new(
        format!(
            "Chú ý: {agency} không còn cán bộ xử lý nào đang hoạt động; {held_vi}. Thêm tài khoản cho cơ quan: `phananh staff add TÀI_KHOẢN --name \"…\" --role handler --agency {agency}` (hoặc mở lại tài khoản cũ bằng `phananh staff enable TÀI_KHOẢN`)."
        ),
        format!(
            "note: {agency} has no active handler left; {held_en}. Add an account for the agency: `phananh staff add USERNAME --name \"…\" --role handler --agency {agency}` (or enable a former one with `phananh staff enable USERNAME`)"
        ),
    )
}

/// Refuses to bind `login` to `username` while it acts as the accounts `others` already.
pub fn login_of_another(login: &str, username: &str, others: &[String]) -> Localized {
    let list = others.join(", ");
    Localized::new(
        format!(
            "Chưa gắn gì: tài khoản hệ điều hành {login} đã gắn với {list}; gắn thêm cho {username} thì người dùng {login} thao tác được dưới tên cả hai, và việc của họ hiện ra là của {username} trong `show`, báo cáo và điểm thi đua. Mỗi người chỉ gắn với tài khoản hệ điều hành của chính mình (SECURITY.md). Nếu đúng là một người giữ các tài khoản ấy, chạy lại với --yes và --reason \"...\" ({}); lý do được ghi vào nhật ký.",
            crate::domain::statement::EXPECTED_VI
        ),
        format!(
            "nothing was bound: the login {login} is already bound to {list}; bound to {username} too, whoever uses {login} acts as both, and their acts show as {username}'s in `show`, the reports and the score. Bind each person's own login (SECURITY.md). If one person does hold these accounts, run again with --yes and --reason \"...\" ({}); the reason is kept in the log",
            crate::domain::statement::EXPECTED_EN
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused login and a login that cannot be one name the operating system's login as
    /// the staff listings and the audit log head it: "Tên đăng nhập hệ điều hành" here
    /// against "Tài khoản hệ điều hành" there read as two things, and "tên đăng nhập" is what
    /// `--help` calls the staff account.
    #[test]
    fn a_login_is_named_as_the_listings_and_the_audit_log_name_it() {
        let login = || "hung".to_owned();
        let accounts = || vec!["xuly.sxd.hung".to_owned(), "xuly.sxd.ngoc".to_owned()];
        let said = [
            IdentityRefusal::NotBound {
                login: login(),
                account: "admin".into(),
                bound_to: Vec::new(),
            }
            .vi()
            .into_owned(),
            IdentityRefusal::Unbound { login: login() }
                .vi()
                .into_owned(),
            IdentityRefusal::ServiceAccount {
                login: login(),
                account: "cron.tiepnhan".into(),
                service: "phananh".into(),
            }
            .vi()
            .into_owned(),
            IdentityRefusal::OnlyDisabled {
                login: login(),
                accounts: accounts(),
            }
            .vi()
            .into_owned(),
            IdentityRefusal::Ambiguous {
                login: login(),
                accounts: accounts(),
            }
            .vi()
            .into_owned(),
            BadLogin("a b".into()).vi().into_owned(),
            cannot_unbind_own_login("hung").vi,
            not_bound("admin", "hung").vi,
        ];
        for text in said {
            assert!(
                text.to_lowercase().contains("tài khoản hệ điều hành"),
                "{text}"
            );
            assert!(!text.to_lowercase().contains("tên đăng nhập"), "{text}");
        }
    }
}
