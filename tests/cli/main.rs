//! The one integration test binary of phananh (STYLE.md "Tests"): every module drives the
//! real executable through `common::TestEnv`, one module per command group.

mod common;
mod terminal;
mod xlsx;

mod access;
mod audit;
mod backup;
mod checkpoints;
mod concurrency;
mod deadlines;
mod demo;
mod desk;
mod dictionary;
mod export;
mod generator;
mod guide;
mod help;
mod honest_time;
mod identity;
mod ingest;
mod languages;
mod logins;
mod memory;
mod open311;
mod order;
mod output;
mod papers;
mod personal_data;
mod planted;
mod privacy;
mod reference;
mod reports;
mod restore_chain;
mod route;
mod scale;
mod schema;
mod screens;
mod sealed;
mod settings;
mod setup;
mod snapshots;
mod triage;
mod trust;
mod validate;
mod workflow;
