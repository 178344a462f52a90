//! `demo` as a use case: builds a database afresh from the examples embedded in the binary
//! (or a reports file of the ingest format) and plays them through the whole workflow in
//! time order (`play`), the way the portal and the agencies would have, then counts what
//! was played and builds the month's periodic report. Replaces an earlier demo database,
//! never a file that holds anything else. What it says is `output::demo`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::Duration;

use super::{Context, play};
use crate::domain::time;
use crate::output::demo::Summary;
use crate::output::report::Built;
use crate::storage::{self, Identity, reports};

const REPORTS: &str = include_str!("../../examples/reports.csv");

/// The moment the demo stops: just after the last example report arrives. Steps planned
/// after it are not played, so the newest reports stay open at several stages.
const DEMO_END: &str = "2026-10-31T17:20:00+07:00";

/// What a demo played, and the periodic report of its last month.
pub struct Demo {
    pub summary: Summary,
    pub report: Built,
}

/// Plays the reports of `file` (the shipped examples without one) into the database at
/// `path`, until `until` (RFC 3339; by default the examples' end, or two hours after the
/// last report of `file`).
pub fn run(ctx: &Context, path: &Path, file: Option<&Path>, until: Option<&str>) -> Result<Demo> {
    let reports = match file {
        None => REPORTS.to_owned(),
        Some(file) => crate::storage::private::open_input(file, &ctx.input(None))?
            .and_then(std::io::read_to_string)
            .map_err(|e| crate::output::demo::cannot_read(file, &e))?,
    };
    let source = match file {
        None => "examples/reports.csv".to_owned(),
        Some(file) => file.display().to_string(),
    };
    // A few months of reports: read whole and put in time order (the player needs them so).
    let mut arrivals = play::Arrivals::new(reports.as_bytes())?.collect::<Result<Vec<_>>>()?;
    arrivals.sort_by_key(|a| a.submitted);
    let Some(first) = arrivals.iter().find_map(|a| a.submitted) else {
        bail!(crate::output::demo::nothing_to_play());
    };
    let last = arrivals
        .iter()
        .rev()
        .find_map(|a| a.submitted)
        .unwrap_or(first);
    let end = match (until, file) {
        (Some(text), _) => time::stored(text)
            .ok_or_else(|| crate::exit::Failure::usage(crate::output::demo::invalid_until(text)))?,
        (None, None) => time::parse(DEMO_END)?.expect("DEMO_END is a time"),
        (None, Some(_)) => last + Duration::hours(2),
    };
    clear_earlier_demo(path)?;
    // The accounts and reference data exist from the first day played; the replay's clock
    // is pinned (a demo database is in `trust` mode, which lets it time its steps).
    let mut ctx = Context {
        db: Some(path.to_path_buf()),
        now: time::start_of_day(first.date_naive()),
        login: super::login::caller(path),
        pinned: true,
        // A demo's key lives beside it, made anew with it.
        key_file: None,
        ..ctx.clone()
    };
    // Before the database is made: a folder or a file at the key path left a half-made
    // database behind that the next `demo` refused as "not a demo"
    // (`keys::a_folder_where_a_key_is_made_is_named_and_moved_away_not_removed`).
    super::vault::check_key_path_free(&ctx)?;
    let conn = play::create(path, &ctx, true)?;
    let options = play::Options {
        end,
        open_from: None,
        source,
        duplicate_percent: 35,
    };
    let played = play::play(
        &conn,
        &mut ctx,
        arrivals.into_iter().map(Ok),
        &options,
        &mut |_| {},
    )?;
    if let Some(malformed) = played.actions.get("malformed") {
        ctx.tell(&crate::output::demo::malformed_not_loaded(*malformed));
    }
    // The reports by status and month of submission (YYYY-MM).
    let mut by_status: BTreeMap<_, BTreeMap<String, u64>> = BTreeMap::new();
    for report in reports::list(&conn, &reports::Filter::default())? {
        let month = time::format(&report.submitted_at)[..7].to_owned();
        *by_status
            .entry(report.status)
            .or_default()
            .entry(month)
            .or_default() += 1;
    }
    // The demo ends with what the portal sends the People's Committee for the month played.
    let month = time::format(&end);
    let period = crate::domain::periodic::Period::month(&month[..7])
        .expect("a timestamp's year and month make a month");
    let keep = crate::output::report::keep(crate::output::Format::Table);
    let report = super::report::build(&ctx, &conn, period, &end, keep)?;
    Ok(Demo {
        summary: Summary {
            path: path.to_path_buf(),
            first: played.first,
            end,
            steps: played.actions,
            by_status,
        },
        report,
    })
}

/// Removes an earlier demo database (and its WAL files). Anything else is left alone.
fn clear_earlier_demo(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if path.is_dir() {
        bail!(storage::diagnose::a_folder(path));
    }
    let (identity, demo) = storage::inspect(path).unwrap_or((Identity::Foreign, false));
    match (identity, demo) {
        (Identity::Empty, _) | (Identity::Phananh, true) => {
            for suffix in ["", "-wal", "-shm", ".key"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                // Only the earlier demo's files: a folder or a FIFO at a side name is no
                // file of it, and is left for the key path's check to name.
                if !matches!(
                    storage::private::Standing::at(Path::new(&file)),
                    None | Some(storage::private::Standing::File)
                ) {
                    continue;
                }
                match std::fs::remove_file(&file) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(())
        }
        _ => bail!(crate::output::demo::not_a_demo(path)),
    }
}

/// The database a demo is played into when none is named.
pub fn default_path() -> PathBuf {
    PathBuf::from("phananh-demo.sqlite")
}
