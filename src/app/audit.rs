//! Checking the log as a use case: walking the hash chain and every report row, and naming
//! the first thing changed behind the tool's back (docs/rules.md §2 [choice]; Đ11).

use anyhow::Result;
use indicatif::ProgressBar;
use serde::Serialize;

use crate::domain::audit::{ChainBreak, ChainWalker};
use crate::storage::events;

/// The first thing `audit verify` would name in this database, if any (for `restore`, which
/// must refuse a tampered backup).
pub fn first_problem(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    Ok(verify(conn, &ProgressBar::hidden())?.1)
}

/// Walks the chain, then checks each report row against the seal of its latest event.
pub fn verify(
    conn: &rusqlite::Connection,
    bar: &ProgressBar,
) -> Result<(VerifyOutcome, Option<ChainBreak>)> {
    let mut walker = ChainWalker::default();
    let chain = events::for_each(conn, |record, hash| {
        bar.inc(1);
        walker.check(record, hash)
    })?;
    let mut reports_checked = 0;
    let mut problem = chain.err();
    if problem.is_none() {
        let mut first: Option<ChainBreak> = None;
        events::for_each_report_seal(conn, |seal| {
            bar.inc(1);
            reports_checked += 1;
            if first.is_some() {
                return Ok(());
            }
            let report_id = seal.report_id;
            first = match seal.latest_event {
                None => Some(ChainBreak::ReportUnrecorded { report_id }),
                Some((event_id, recorded)) if recorded.is_none() || recorded != seal.digest => {
                    Some(ChainBreak::ReportAltered {
                        report_id,
                        event_id,
                    })
                }
                Some(_) => None,
            };
            Ok(())
        })?;
        problem = first;
    }
    let outcome = VerifyOutcome {
        ok: problem.is_none(),
        events_checked: walker.checked,
        reports_checked,
        first_problem: problem.as_ref().map(ToString::to_string),
    };
    Ok((outcome, problem))
}

#[derive(Debug, Serialize)]
pub struct VerifyOutcome {
    pub ok: bool,
    pub events_checked: u64,
    pub reports_checked: u64,
    pub first_problem: Option<String>,
}
