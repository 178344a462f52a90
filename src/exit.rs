//! Exit statuses, and the one place an error is given one. A command returns `Ok(status)`
//! for what it decides itself (0, or 3 for a new breach found by `sweep --fail-on-breach`);
//! an error carries its class as a [`Failure`] (4 busy, 5 integrity), or as what storage
//! found (`storage::refusal::Refusal`, `storage::diagnose::Diagnosis`, worded by
//! `src/output/`), and anything else exits 1. Clap exits 2 on bad usage before any of this
//! runs. Cron and monitoring read these, so they are part of the interface (README,
//! `--help`, the man page).

use crate::i18n::{Bilingual, Lang, Localized};
use crate::storage::diagnose::Diagnosis;
use crate::storage::private::Refused;
use crate::storage::refusal::Refusal;

pub const OK: u8 = 0;
/// A refused action or bad input (the message says what to do next).
pub const FAILURE: u8 = 1;
/// Bad usage (clap's own status).
pub const USAGE: u8 = 2;
/// `sweep --fail-on-breach` found a deadline newly breached in this run.
pub const BREACH: u8 = 3;
/// The database stayed locked by another writer past the wait.
pub const BUSY: u8 = 4;
/// The audit chain or the file itself failed a check (edited, truncated, damaged).
pub const INTEGRITY: u8 = 5;

/// The exit statuses as `--help`, the man page and the README list them: a literal, so that
/// `concat!` can put it in a command's `after_help`.
#[macro_export]
macro_rules! exit_statuses_help {
    () => {
        "Exit status:
  0  success
  1  refused action or bad input (the message says what to do next)
  2  bad usage (unknown command or option, a day or period that does not
     exist)
  3  sweep --fail-on-breach: this run found a deadline newly breached
  4  the database stayed busy (locked by another writer) past the 10 s wait
  5  audit or integrity failure: the log was edited, or the file is truncated
     or damaged"
    };
}

/// The same, in Vietnamese, for the Vietnamese help (`cli::help_vi`).
#[macro_export]
macro_rules! exit_statuses_help_vi {
    () => {
        "Mã thoát:
  0  thành công
  1  thao tác bị từ chối hoặc dữ liệu vào không hợp lệ (thông báo nói cần làm
     gì tiếp)
  2  dùng sai cách (lệnh hoặc tùy chọn không có, ngày hay kỳ không có)
  3  sweep --fail-on-breach: lần chạy này thấy một hạn mới bị quá
  4  cơ sở dữ liệu vẫn bận (tiến trình khác đang ghi) sau 10 giây chờ
  5  kiểm tra nhật ký hoặc kiểm tra toàn vẹn phát hiện sai lệch: nhật ký bị
     sửa, hoặc tệp bị cắt cụt, hỏng"
    };
}

/// What kind of failure an error is, for its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Refused, or bad input: 1.
    Refused,
    /// Bad usage that clap cannot word well (a choice among options left out): 2.
    Usage,
    /// Locked past the wait: 4.
    Busy,
    /// The log or the file failed a check: 5.
    Integrity,
    /// `sweep --fail-on-breach` found a deadline newly breached, and something else of the
    /// run failed after its notice (the listing, the retention erasure): 3, which a script
    /// checks for a breach, with the failure said after the notice.
    Breach,
}

impl Class {
    pub fn status(self) -> u8 {
        match self {
            Class::Refused => FAILURE,
            Class::Usage => USAGE,
            Class::Busy => BUSY,
            Class::Integrity => INTEGRITY,
            Class::Breach => BREACH,
        }
    }
}

/// An error with its exit class and its message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub class: Class,
    pub message: Localized,
}

impl Failure {
    pub fn new(class: Class, message: Localized) -> Failure {
        Failure { class, message }
    }

    /// A command line that asks for what cannot be (a day or period that does not exist)
    /// or leaves out what clap cannot require: exit 2, as clap's own usage errors.
    pub fn usage(message: Localized) -> Failure {
        Failure::new(Class::Usage, message)
    }

    pub fn busy(message: Localized) -> Failure {
        Failure::new(Class::Busy, message)
    }

    pub fn integrity(message: Localized) -> Failure {
        Failure::new(Class::Integrity, message)
    }

    /// The integrity failures one run found, as one (exit 5), each message on its own line;
    /// None when it found none.
    pub fn integrity_together(found: impl IntoIterator<Item = Option<Failure>>) -> Option<Failure> {
        found.into_iter().flatten().reduce(|a, b| {
            Failure::integrity(Localized::new(
                format!("{}\n{}", a.message.vi, b.message.vi),
                format!("{}\n{}", a.message.en, b.message.en),
            ))
        })
    }
}

/// What a refusal is, finer than its exit status, for a script that reads the error of a
/// `--format json` run ([`kind_of`]): carried as the context of the refusal's own text, so
/// that whatever reads that text (`own_text`, a `Localized` looked for in the chain) still
/// finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The report or account named is not there.
    NotFound,
    /// The acting account may not do this (its role, its agency, its login).
    Forbidden,
}

impl Kind {
    /// `message` marked as of this kind; its exit status stays 1.
    pub fn over(self, message: Localized) -> anyhow::Error {
        anyhow::Error::new(message).context(self)
    }

    fn name(self) -> &'static str {
        match self {
            Kind::NotFound => "not_found",
            Kind::Forbidden => "forbidden",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The machine-readable kind of a failed command, stable across versions and languages: a
/// script branches on it, not on the message (docs/rules.md §6, "Errors for scripts"). `usage` is exit
/// 2, `breach` 3, `busy` 4, `integrity` 5; `not_found`, `forbidden`, `no_database` and
/// `refused` (anything else refused or bad) are exit 1.
pub fn kind_of(err: &anyhow::Error) -> &'static str {
    // anyhow's own downcast, which sees through the contexts laid over the mark; the
    // chain's causes are the contexts themselves, not what they carry.
    if let Some(kind) = err.downcast_ref::<Kind>() {
        return kind.name();
    }
    let absent = err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Refusal>(),
            Some(Refusal::NoDatabase(_))
        )
    });
    if absent {
        return "no_database";
    }
    match status_of(err) {
        USAGE => USAGE_KIND,
        BREACH => "breach",
        BUSY => "busy",
        INTEGRITY => "integrity",
        _ => "refused",
    }
}

/// The kind of a usage error, clap's own included.
pub const USAGE_KIND: &str = "usage";

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for Failure {}

/// The exit status of a failed command: the class of the first [`Failure`] or storage
/// `Refusal` in the error's chain, else 1.
pub fn status_of(err: &anyhow::Error) -> u8 {
    class_of(err).map_or(FAILURE, Class::status)
}

/// The class of failure `err` carries (None: none, exit status 1): for a caller that says
/// it again in other words and must keep its exit status.
pub fn class_of(err: &anyhow::Error) -> Option<Class> {
    err.chain().find_map(|cause| {
        cause
            .downcast_ref::<Failure>()
            .map(|failure| failure.class)
            .or_else(|| cause.downcast_ref::<Diagnosis>().map(Diagnosis::class))
            .or_else(|| cause.downcast_ref::<Refusal>().map(Refusal::class))
    })
}

/// Whether `cause` is a refusal in the tool's own words (a `Localized`, a [`Failure`], what
/// a failed file was found to be, `storage::diagnose::Diagnosis`, or a private file's
/// refusal, `storage::private::Refused`), not a library's error.
pub fn is_worded(cause: &(dyn std::error::Error + 'static)) -> bool {
    cause.is::<Localized>()
        || cause.is::<Failure>()
        || cause.is::<Diagnosis>()
        || cause.is::<Refused>()
}

/// The error itself in both languages when it is a text of the tool's own (a `Localized`,
/// or a private file's refusal, `storage::private::Refused`), not looked for down the
/// chain: for a message that quotes why a step could not be done.
pub fn own_text(err: &anyhow::Error) -> Option<Localized> {
    err.downcast_ref::<Localized>()
        .cloned()
        .or_else(|| err.downcast_ref::<Refused>().map(Localized::of))
}

/// The message of a failed command in `lang`: the first bilingual text in the chain, else
/// the chain itself (English, from a library).
pub fn message_of(err: &anyhow::Error, lang: Lang) -> String {
    for cause in err.chain() {
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            return failure.message.text(lang).to_owned();
        }
        if let Some(diagnosis) = cause.downcast_ref::<Diagnosis>() {
            return diagnosis.text(lang).into_owned();
        }
        if let Some(localized) = cause.downcast_ref::<Localized>() {
            return localized.text(lang).to_owned();
        }
        if let Some(refusal) = cause.downcast_ref::<Refusal>() {
            return refusal.text(lang).into_owned();
        }
        if let Some(refused) = cause.downcast_ref::<Refused>() {
            return refused.text(lang).into_owned();
        }
    }
    format!("{err:#}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A marked refusal keeps its text for whatever looks for it, and its exit status.
    #[test]
    fn a_kind_marks_a_refusal_without_hiding_its_text() {
        let missing = Kind::NotFound.over(Localized::new("không có", "none"));
        assert_eq!(kind_of(&missing), "not_found");
        assert_eq!(status_of(&missing), FAILURE);
        assert_eq!(message_of(&missing, Lang::En), "none");
        assert_eq!(own_text(&missing), Some(Localized::new("không có", "none")));
        let denied = Kind::Forbidden
            .over(Localized::new("cấm", "no"))
            .context("while listing");
        assert_eq!(kind_of(&denied), "forbidden");
        let absent = anyhow::Error::new(Refusal::NoDatabase("x.sqlite".into()));
        assert_eq!(kind_of(&absent), "no_database");
    }

    #[test]
    fn each_class_has_its_own_status_and_anything_else_is_one() {
        let busy = anyhow::Error::new(Failure::busy(Localized::new("bận", "busy")));
        assert_eq!(status_of(&busy), BUSY);
        let broken = anyhow::Error::new(Failure::integrity(Localized::new("hỏng", "broken")))
            .context("verifying");
        assert_eq!(status_of(&broken), INTEGRITY);
        assert_eq!(message_of(&broken, Lang::Vi), "hỏng");
        let refused = anyhow::Error::new(Localized::new("từ chối", "refused"));
        assert_eq!(status_of(&refused), FAILURE);
        assert_eq!(message_of(&refused, Lang::En), "refused");
        assert_eq!(status_of(&anyhow::anyhow!("plain")), FAILURE);
        assert_eq!(kind_of(&busy), "busy");
        assert_eq!(kind_of(&refused), "refused");
        assert_eq!(
            [OK, FAILURE, USAGE, BREACH, BUSY, INTEGRITY],
            [0, 1, 2, 3, 4, 5]
        );
    }
}
