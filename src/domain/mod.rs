//! The pure rules of the report system: no SQLite, no clap, no I/O, no clock reads.
//! Everything here can be tested exhaustively.

pub mod access;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod classify;
pub mod clocks;
pub mod correction;
pub mod deadline;
pub mod directory;
pub mod erasure;
pub mod event;
pub mod exact;
pub mod exposure;
pub mod file_kind;
pub mod history;
pub mod identity;
pub mod intake;
pub mod lines;
pub mod lunar;
pub mod open311;
pub mod payload;
pub mod periodic;
pub mod redact;
pub mod report;
pub mod reveals;
pub mod routing;
pub mod score;
pub mod setbacks;
pub mod statement;
pub mod tables;
pub mod text;
pub mod time;
pub mod validate;
pub mod vault;
pub mod workflow;
