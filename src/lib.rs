//! phananh: the command-line administration tool of Cà Mau's on-the-spot citizen report
//! system (Decision 17/2022/QĐ-UBND). Wires the rooms together: `domain` (pure rules),
//! `storage` (SQLite), `app` (the use cases), `cli` (commands: parse, call the app, hand
//! the result to output), `output` (rendering), `i18n` (Vietnamese and English).

pub mod app;
pub mod cli;
pub mod domain;
pub mod i18n;
pub mod output;
pub mod storage;

/// Exit statuses (STYLE.md): 0 ok, 1 user error or refused action, 2 usage (clap),
/// 3 breaches found with `--fail-on-breach`.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const BREACH: u8 = 3;
}
