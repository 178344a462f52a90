//! Who acts, and by which clock (docs/rules.md §7): the two authentication modes of the
//! setting `auth.mode`, the choice of the account an operating-system login may act as (the
//! model is PostgreSQL's `peer` authentication with its `pg_ident` map), which clock an
//! event may be timed by, and the rule that no event of a report is timed before the one it
//! follows. No I/O: the caller's login is looked up by `app::login`, the bindings are read
//! by storage, and the journal applies the timing rules.

use std::borrow::Cow;

use crate::domain::event::EventKind;
use crate::domain::time;
use crate::i18n::{Bilingual, Lang};

/// The setting that holds the mode.
pub const SETTING: &str = "auth.mode";

/// How an account is authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// The operating system says who runs phananh; `--as` only chooses among the accounts
    /// bound to that login, and steps that write are timed by the system clock. What `init`
    /// creates.
    Peer,
    /// `--as` is taken as given and `--now` may time any step: demo databases, tests, a
    /// single-user laptop, and databases made before logins existed.
    Trust,
}

impl AuthMode {
    /// The mode of a database whose settings name none: those made before the setting
    /// existed keep working as they did.
    pub const UNSET: AuthMode = AuthMode::Trust;

    pub fn as_str(self) -> &'static str {
        match self {
            AuthMode::Peer => "peer",
            AuthMode::Trust => "trust",
        }
    }

    pub fn parse(text: &str) -> Option<AuthMode> {
        match text {
            "peer" => Some(AuthMode::Peer),
            "trust" => Some(AuthMode::Trust),
            _ => None,
        }
    }

    /// The mode the stored setting names: none stored, [`AuthMode::UNSET`]; a value no
    /// version of phananh writes (an edit behind its back), the stricter mode.
    pub fn of_setting(stored: Option<&str>) -> AuthMode {
        match stored {
            None => AuthMode::UNSET,
            Some(text) => AuthMode::parse(text).unwrap_or(AuthMode::Peer),
        }
    }
}

/// An account bound to the caller's login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub username: String,
    pub active: bool,
}

/// Why a login may not act as the account it asked for (worded by `output::directory`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityRefusal {
    #[error("{}", not_bound_en(login, account, bound_to))]
    NotBound {
        login: String,
        account: String,
        /// The active accounts the login is bound to: with one, the refusal's way is to act
        /// as it, not to bind the login to `account` too (an admin's `root` bound to a
        /// clerk's account mixed two people's acts under one login).
        bound_to: Vec<String>,
    },
    /// [`IdentityRefusal::NotBound`] of an account the service account acts as (bound to
    /// `service`, the login that owns the database: cron's `cron.tiepnhan`). Binding a
    /// person's login to it, as the plain refusal advises, would log that person's acts as
    /// the service's, attributable to no one (`app::Context::actor` tells it apart).
    #[error(
        "the login {login} is not bound to the account {account}, the service account's own (bound to {service}, the login that owns the database): a person never acts as it, or their acts would be logged as the service's. Run the command as the service account (`runuser -u {service} -- phananh --as {account} …`, as root), or as your own account (without `--as {account}`)"
    )]
    ServiceAccount {
        login: String,
        account: String,
        service: String,
    },
    #[error(
        "the login {login} is bound to no account; an admin binds one with `phananh staff edit USER --add-login {login}`"
    )]
    Unbound { login: String },
    #[error(
        "the login {login} is bound only to the disabled account {}; an admin enables it with `phananh staff enable {}`",
        accounts.join(", "),
        accounts[0]
    )]
    OnlyDisabled {
        login: String,
        accounts: Vec<String>,
    },
    #[error(
        "the login {login} is bound to several accounts ({}); choose one with --as",
        accounts.join(", ")
    )]
    Ambiguous {
        login: String,
        accounts: Vec<String>,
    },
}

/// [`IdentityRefusal::NotBound`] in English: with accounts the login is bound to, the way is
/// to act as one of them or from the account's own login; with none, to bind it.
fn not_bound_en(login: &str, account: &str, bound_to: &[String]) -> String {
    match bound_to.first() {
        Some(first) => format!(
            "the login {login} is not bound to the account {account} but to {}: act with `--as {first}`, or run the command from {account}'s own login. Only if {account} is {login}'s own too does an admin bind it, with `phananh staff edit {account} --add-login {login}` (another person's account so bound would log two people's acts under one login)",
            bound_to.join(", ")
        ),
        None => format!(
            "the login {login} is not bound to the account {account}; an admin binds it with `phananh staff edit {account} --add-login {login}`"
        ),
    }
}

/// The account `login` acts as. In `trust` mode it is the one asked for (`--as`), if any.
/// In `peer` mode the one asked for must be bound to the login; none asked for means the
/// only active account bound to it. `bound` lists the accounts bound to `login`.
pub fn choose(
    mode: AuthMode,
    login: &str,
    requested: Option<&str>,
    bound: &[Binding],
) -> Result<Option<String>, IdentityRefusal> {
    if mode == AuthMode::Trust {
        return Ok(requested.map(str::to_owned));
    }
    if let Some(account) = requested {
        return if bound.iter().any(|b| b.username == account) {
            Ok(Some(account.to_owned()))
        } else {
            Err(IdentityRefusal::NotBound {
                login: login.to_owned(),
                account: account.to_owned(),
                bound_to: bound
                    .iter()
                    .filter(|b| b.active)
                    .map(|b| b.username.clone())
                    .collect(),
            })
        };
    }
    let active: Vec<&Binding> = bound.iter().filter(|b| b.active).collect();
    match active.as_slice() {
        [only] => Ok(Some(only.username.clone())),
        [] if !bound.is_empty() => Err(IdentityRefusal::OnlyDisabled {
            login: login.to_owned(),
            accounts: bound.iter().map(|b| b.username.clone()).collect(),
        }),
        [] => Err(IdentityRefusal::Unbound {
            login: login.to_owned(),
        }),
        several => Err(IdentityRefusal::Ambiguous {
            login: login.to_owned(),
            accounts: several.iter().map(|b| b.username.clone()).collect(),
        }),
    }
}

/// A login that cannot be an operating-system user name (worded by `output::directory`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" cannot be a login: a login is 1 to 64 characters, only the letters a-z and A-Z without marks, digits, '.', '_' and '-' (not first), perhaps a '$' at the end; several are given by repeating the option, or in the logins column separated by a space or | (e.g. minh|minh2)"
)]
pub struct BadLogin(pub String);

/// The logins a list names (an import's `logins` cell): separated by commas, `|` or
/// whitespace; each checked.
pub fn parse_logins(text: &str) -> Result<Vec<String>, BadLogin> {
    text.split(|c: char| c == ',' || c == '|' || c.is_whitespace())
        .filter(|l| !l.is_empty())
        .map(check_login)
        .collect()
}

/// One login as typed, trimmed, to bind: a name an operating-system account can have.
/// \[choice\] POSIX's portable user names (letters, digits, `.`, `_`, `-` not first), as
/// Debian's `NAME_REGEX` allows them with the trailing `$` of a machine account, and the
/// `uid:N` phananh records for a user id with no name (`app::login`). `minh;minh2`, what an
/// Excel user types for two logins, was bound as one login no account can have: its
/// person could never act, and the import read like a success.
pub fn check_login(text: &str) -> Result<String, BadLogin> {
    let login = text.trim();
    let portable = |name: &str| {
        !name.is_empty()
            && !name.starts_with('-')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    };
    let by_number = login
        .strip_prefix("uid:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let shaped = login.chars().count() <= 64
        && (by_number || portable(login.strip_suffix('$').unwrap_or(login)));
    if shaped {
        Ok(login.to_owned())
    } else {
        Err(bad_login(login))
    }
}

/// One login as typed, trimmed, to unbind: any login a binding may hold, those bound
/// before [`check_login`] refused what no account can have (`minh;minh2`) included, so
/// that such a binding can be taken away.
pub fn check_login_to_unbind(text: &str) -> Result<String, BadLogin> {
    let login = text.trim();
    let shaped = !login.is_empty()
        && login.chars().count() <= 64
        && !login
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == '|');
    if shaped {
        Ok(login.to_owned())
    } else {
        Err(bad_login(login))
    }
}

/// The refusal of `login`, without its control characters (it is printed).
fn bad_login(login: &str) -> BadLogin {
    BadLogin(login.chars().filter(|c| !c.is_control()).collect())
}

/// Which clock times an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// The tool's clock: the system clock, or `--now` where that is allowed.
    Tool,
    /// The system clock, whatever `--now` says.
    System,
}

/// A step that writes was asked to be timed by `--now` in `peer` mode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "refused: in peer mode (setting auth.mode) a command that writes takes the system clock; run it without --now or PHANANH_NOW"
)]
pub struct PinnedClock;

impl Bilingual for PinnedClock {
    fn vi(&self) -> Cow<'static, str> {
        "Bị từ chối: ở chế độ peer (thiết lập auth.mode), lệnh ghi dữ liệu dùng đồng hồ hệ thống; hãy chạy lại không có --now hay PHANANH_NOW.".into()
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(self.to_string())
    }
}

/// The clock an event of `kind` is timed by, when the tool's clock was `pinned` by `--now`.
/// In `trust` mode, and whenever nothing was pinned, the tool's clock. In `peer` mode a
/// pinned clock may not time a step: it is how a step is backdated. A record of what
/// someone read or tried (a reveal, a full export, a refusal) is not a step of its own and
/// is what a read "as of" another moment leaves behind, so it is timed by the system clock
/// instead of refusing the read. So is the one-time encryption of a database's identities
/// on its first opening (`seal_identity`) and the rewrite of the file after it
/// (`rewrite_file`): phananh's own doing, at the moment it happens.
pub fn timing(mode: AuthMode, pinned: bool, kind: EventKind) -> Result<Timing, PinnedClock> {
    match (mode, pinned) {
        (AuthMode::Trust, _) | (AuthMode::Peer, false) => Ok(Timing::Tool),
        (AuthMode::Peer, true)
            if records_a_read(kind)
                || matches!(kind, EventKind::SealIdentity | EventKind::RewriteFile) =>
        {
            Ok(Timing::System)
        }
        (AuthMode::Peer, true) => Err(PinnedClock),
    }
}

/// Kinds that record what someone saw or tried, and change nothing else.
fn records_a_read(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Reveal | EventKind::ExportFull | EventKind::Refused
    )
}

/// An event timed before the event it would follow on the same report. Its times are said
/// as the reader's tables show them (`time::said`): RFC 3339 in a Vietnamese sentence read
/// as a code, not as a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backdated {
    pub report_id: i64,
    pub at: String,
    pub previous: String,
}

impl Bilingual for Backdated {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Owned(format!(
            "Bị từ chối: phản ánh {} đã có sự kiện lúc {}; thao tác lúc {} sẽ đứng trước sự kiện đó (nhật ký không được lùi thời gian). Nếu giờ này đặt bằng --now hay PHANANH_NOW (có thể còn trong môi trường), hãy kiểm tra lại.",
            self.report_id,
            time::said(&self.previous, Lang::Vi),
            time::said(&self.at, Lang::Vi)
        ))
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Owned(format!(
            "refused: report {} already has an event at {}; a step at {} would come before it (the log never runs backwards). If that time was set by --now or PHANANH_NOW (perhaps left exported), check it",
            self.report_id,
            time::said(&self.previous, Lang::En),
            time::said(&self.at, Lang::En)
        ))
    }
}

impl std::fmt::Display for Backdated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for Backdated {}

/// Checks that an event of report `report_id` at `at` does not come before `previous`, the
/// time of the report's latest event. Both are in the stored form, whose text order is time
/// order (`domain::time::format`).
pub fn follows(report_id: i64, previous: Option<&str>, at: &str) -> Result<(), Backdated> {
    match previous {
        Some(previous) if at < previous => Err(Backdated {
            report_id,
            at: at.to_owned(),
            previous: previous.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Whether `username` may name a new account: ASCII letters, digits, `.`, `_` and `-`, 1 to
/// 64 of them, beginning with a letter or digit. Anything else can print like another
/// account in every listing and log: `аdmin` with a Cyrillic `а`, `admin ` with a space.
pub fn username_ok(username: &str) -> bool {
    (1..=64).contains(&username.len())
        && username
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_username_is_plain_ascii_that_prints_as_itself() {
        for ok in [
            "admin",
            "tiepnhan.lan",
            "xuly.sxd.hung",
            "cron_tiepnhan",
            "qt-2",
        ] {
            assert!(username_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "\u{430}dmin",
            "admin ",
            " admin",
            ".hidden",
            "lan\u{200b}",
            "Lê.Lan",
        ] {
            assert!(!username_ok(bad), "{bad:?}");
        }
    }

    fn bound(names: &[(&str, bool)]) -> Vec<Binding> {
        names
            .iter()
            .map(|(username, active)| Binding {
                username: (*username).to_owned(),
                active: *active,
            })
            .collect()
    }

    #[test]
    fn the_mode_reads_back_from_its_name() {
        for mode in [AuthMode::Peer, AuthMode::Trust] {
            assert_eq!(AuthMode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(AuthMode::parse("md5"), None);
        assert_eq!(AuthMode::UNSET, AuthMode::Trust);
        assert_eq!(AuthMode::of_setting(None), AuthMode::Trust);
        assert_eq!(AuthMode::of_setting(Some("trust")), AuthMode::Trust);
        assert_eq!(AuthMode::of_setting(Some("TRUST ")), AuthMode::Peer);
    }

    #[test]
    fn trust_mode_takes_the_account_asked_for() {
        assert_eq!(
            choose(AuthMode::Trust, "lan", Some("admin"), &[]),
            Ok(Some("admin".to_owned()))
        );
        assert_eq!(choose(AuthMode::Trust, "lan", None, &[]), Ok(None));
    }

    #[test]
    fn peer_mode_takes_only_an_account_bound_to_the_login() {
        let lan = bound(&[("tiepnhan.lan", true), ("lanhdao.lan", true)]);
        assert_eq!(
            choose(AuthMode::Peer, "lan", Some("lanhdao.lan"), &lan),
            Ok(Some("lanhdao.lan".to_owned()))
        );
        assert_eq!(
            choose(AuthMode::Peer, "lan", Some("admin"), &lan),
            Err(IdentityRefusal::NotBound {
                login: "lan".into(),
                account: "admin".into(),
                bound_to: vec!["tiepnhan.lan".into(), "lanhdao.lan".into()],
            })
        );
        assert_eq!(
            choose(AuthMode::Peer, "lan", None, &lan),
            Err(IdentityRefusal::Ambiguous {
                login: "lan".into(),
                accounts: vec!["tiepnhan.lan".into(), "lanhdao.lan".into()]
            })
        );
        assert_eq!(
            choose(AuthMode::Peer, "khach", None, &[]),
            Err(IdentityRefusal::Unbound {
                login: "khach".into()
            })
        );
    }

    #[test]
    fn peer_mode_without_as_takes_the_one_active_account() {
        let one = bound(&[("tiepnhan.lan", true), ("tiepnhan.cu", false)]);
        assert_eq!(
            choose(AuthMode::Peer, "lan", None, &one),
            Ok(Some("tiepnhan.lan".to_owned()))
        );
        // Named, a disabled account is chosen, and the access rules then refuse it.
        assert_eq!(
            choose(AuthMode::Peer, "lan", Some("tiepnhan.cu"), &one),
            Ok(Some("tiepnhan.cu".to_owned()))
        );
        // Bound only to a disabled account: said so, with the command that gives it back,
        // not "bound to no account" (an admin binding another would not help).
        let disabled = bound(&[("tiepnhan.cu", false)]);
        let refused = choose(AuthMode::Peer, "lan", None, &disabled).unwrap_err();
        assert_eq!(
            refused,
            IdentityRefusal::OnlyDisabled {
                login: "lan".into(),
                accounts: vec!["tiepnhan.cu".into()]
            }
        );
        assert!(refused.en().contains("phananh staff enable tiepnhan.cu"));
        assert!(refused.vi().contains("đang bị khóa"));
    }

    #[test]
    fn logins_are_user_names_without_separators() {
        assert_eq!(check_login(" lan "), Ok("lan".to_owned()));
        assert_eq!(
            check_login("nguyen.van-a_1"),
            Ok("nguyen.van-a_1".to_owned())
        );
        for good in ["Lan", "smb01$", "uid:1001", "_apt", "a.b-c_d"] {
            assert_eq!(check_login(good), Ok(good.to_owned()));
        }
        for bad in [
            "",
            "a b",
            "a,b",
            "a|b",
            "a\u{1b}[31m",
            "x".repeat(65).as_str(),
            "minh;minh2",
            "a:b",
            "a/b",
            "-lan",
            "hoà",
            "a$b",
            "uid:",
            "uid:12a",
            "$",
        ] {
            assert!(check_login(bad).is_err(), "{bad:?}");
        }
        // A binding made before these were refused can still be taken away.
        assert_eq!(
            check_login_to_unbind("minh;minh2"),
            Ok("minh;minh2".to_owned())
        );
        assert!(check_login_to_unbind("a b").is_err());
        assert_eq!(
            parse_logins("lan, hung|thao  minh"),
            Ok(vec![
                "lan".into(),
                "hung".into(),
                "thao".into(),
                "minh".into()
            ])
        );
        assert_eq!(parse_logins(""), Ok(vec![]));
    }

    #[test]
    fn a_pinned_clock_times_only_records_of_reads_in_peer_mode() {
        for kind in EventKind::ALL {
            assert_eq!(timing(AuthMode::Trust, true, kind), Ok(Timing::Tool));
            assert_eq!(timing(AuthMode::Peer, false, kind), Ok(Timing::Tool));
        }
        assert_eq!(
            timing(AuthMode::Peer, true, EventKind::Reply),
            Err(PinnedClock)
        );
        assert_eq!(
            timing(AuthMode::Peer, true, EventKind::Remind),
            Err(PinnedClock)
        );
        assert_eq!(
            timing(AuthMode::Peer, true, EventKind::SettingsSet),
            Err(PinnedClock)
        );
        assert_eq!(
            timing(AuthMode::Peer, true, EventKind::Reveal),
            Ok(Timing::System)
        );
        assert_eq!(
            timing(AuthMode::Peer, true, EventKind::Refused),
            Ok(Timing::System)
        );
    }

    #[test]
    fn an_event_may_share_its_predecessors_time_but_not_precede_it() {
        let remind = "2026-11-05T08:00:00+07:00";
        assert_eq!(follows(341, None, "2026-11-02T09:30:00+07:00"), Ok(()));
        assert_eq!(follows(341, Some(remind), remind), Ok(()));
        assert_eq!(
            follows(341, Some(remind), "2026-11-05T08:00:01+07:00"),
            Ok(())
        );
        let refused = follows(341, Some(remind), "2026-11-02T09:30:00+07:00").unwrap_err();
        assert_eq!(refused.report_id, 341);
        assert!(refused.vi().contains("phản ánh 341"));
        // Said as the reader's tables write times, not as stored.
        assert!(refused.vi().contains("sự kiện lúc 05/11/2026 08:00;"));
        assert!(
            refused
                .to_string()
                .contains("an event at 2026-11-05 08:00;")
        );
        assert!(!refused.to_string().contains(remind));
    }
}
