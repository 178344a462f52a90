//! phananh: the command-line administration tool of Cà Mau's on-the-spot citizen report
//! system (Decision 17/2022/QĐ-UBND). Wires the rooms together: `domain` (pure rules),
//! `storage` (SQLite), `cli` (commands), `output` (rendering).

pub mod app;
pub mod cli;
pub mod domain;
pub mod output;
pub mod storage;

/// A user-facing error in both languages; `main` prints the one `--lang` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

impl Localized {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: output::Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Localized {}

/// Exit statuses (STYLE.md): 0 ok, 1 user error or refused action, 2 usage (clap),
/// 3 breaches found with `--fail-on-breach`.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const BREACH: u8 = 3;
}
