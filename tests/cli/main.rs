//! The one integration test binary of phananh (STYLE.md "Tests"): every module drives the
//! real executable through `common::TestEnv`, one module per command group.

mod common;

mod access;
mod audit;
mod backup;
mod deadlines;
mod demo;
mod export;
mod generator;
mod help;
mod honest_time;
mod ingest;
mod languages;
mod logins;
mod output;
mod privacy;
mod reference;
mod reports;
mod route;
mod scale;
mod schema;
mod settings;
mod setup;
mod snapshots;
mod triage;
mod trust;
mod validate;
mod workflow;
