//! phananh: the command-line administration tool of Cà Mau's on-the-spot citizen report
//! system (Decision 17/2022/QĐ-UBND). Wires the rooms together: `domain` (pure rules),
//! `storage` (SQLite), `app` (the use cases), `cli` (commands: parse, call the app, hand
//! the result to output), `output` (rendering), `i18n` (Vietnamese and English).

pub mod app;
pub mod cli;
pub mod domain;
pub mod exit;
pub mod i18n;
pub mod output;
pub mod storage;
