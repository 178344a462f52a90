//! The periodic report (`docs/rules.md §5`, Đ13.6) and the yearly score (Đ13.7, Đ14) as use
//! cases: open, authorize, then build the numbers from the two streams of
//! `storage::periodic` with the pure `domain::periodic` and `domain::score`. Rendering is
//! `output::report`'s. Aggregates only: no reporter's name or phone is ever loaded here.
//!
//! One pass over each stream, in flat memory: the builder keeps counts, and hands back each
//! late, prolonged or unresolved case as it finds it, in the order it is printed. The
//! counts are printed first, so the cases wait in `output::spool` lists, as much of them as
//! the caller's `Keep` says (all for CSV and JSON, what is shown for a table or HTML).

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::app::Context;
use crate::app::deadlines::Deadlines;
use crate::domain::access::Operation;
use crate::domain::periodic::{AgencyStats, Builder, Period};
use crate::domain::score::{ScoreRow, Weights, rank};
use crate::domain::time::{self, Timestamp};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::report::{Built, CaseLists};
use crate::output::spool::Keep;
use crate::storage::{periodic, reference};

/// The error for a period that does not parse (checked before the database is opened).
fn invalid_period() -> Localized {
    Localized::new(
        "Kỳ báo cáo không hợp lệ: dùng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm), hoặc --from ≤ --to (YYYY-MM-DD).",
        "the period is not valid: use 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year), 2026 (year), or --from ≤ --to (YYYY-MM-DD)",
    )
}

/// `report …`: the report of `period` (None when the arguments named none) as of the
/// context's clock, for an account that may read reports.
pub fn periodic_report(ctx: &Context, period: Option<Period>, keep: Keep) -> Result<Built> {
    let Some(period) = period else {
        bail!(invalid_period());
    };
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    build(&conn, period, &ctx.now, keep, ctx.lang)
}

/// Builds the report of `period` as of `as_of`, keeping as much of the case lists as `keep`
/// says (all for CSV and JSON; what is shown for a table or HTML).
pub fn build(
    conn: &Connection,
    period: Period,
    as_of: &Timestamp,
    keep: Keep,
    lang: Lang,
) -> Result<Built> {
    build_with(conn, period, as_of, Some(keep), lang)
}

/// The same, with no case looked for when `keep` is None (the score).
fn build_with(
    conn: &Connection,
    period: Period,
    as_of: &Timestamp,
    keep: Option<Keep>,
    lang: Lang,
) -> Result<Built> {
    let deadlines = Deadlines::load(conn)?;
    let thresholds = crate::app::settings::report_thresholds(conn)?;
    let from = time::format(&period.start());
    let until = time::format(&period.end());
    let as_of_text = time::format(as_of);
    let period_end = until
        .clone()
        .min(time::format(&(*as_of + chrono::Duration::seconds(1))));
    let window = periodic::Window {
        from: &from,
        until: &until,
        as_of: &as_of_text,
        period_end: &period_end,
    };
    let label = period.text(lang).into_owned();
    let mut builder = Builder::new(period, as_of, thresholds, &deadlines.calendar);
    if keep.is_none() {
        builder = builder.without_cases();
    }
    let mut cases = CaseLists::new(keep.unwrap_or(Keep::First(0)));
    let bar = crate::output::progress(periodic::count_reports(conn, &window)?, &label);
    periodic::for_each_report(conn, &window, |facts| {
        bar.inc(1);
        let found = builder.add_report(facts);
        if let Some(case) = found.prolonged {
            cases.prolonged.push(case)?;
        }
        if let Some(case) = found.unresolved {
            cases.unresolved.push(case)?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    periodic::for_each_clock(conn, &window, |clock| {
        if let Some(case) = builder.add_clock(clock) {
            cases.late.push(case)?;
        }
        Ok(())
    })?;
    for list in [&mut cases.late, &mut cases.prolonged, &mut cases.unresolved] {
        list.seal()?;
    }
    Ok(Built {
        report: builder.finish(),
        cases,
        fields: reference::fields(conn)?
            .into_iter()
            .map(|f| (f.code, f.name))
            .collect(),
        agencies: reference::agencies(conn)?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect(),
        calendar_version: deadlines.calendar.version().to_owned(),
        settings: crate::app::settings::in_force(conn, &["deadline.", "calendar.", "report."])?,
    })
}

/// What `score` asked for: the weights in force (for `--explain`), or the ranked rows.
pub enum Scored {
    Explained(Weights),
    Ranked(Vec<ScoreRow>),
}

/// `score`: every agency of the reference data ranked over the reports received in `year`
/// (an agency with nothing assigned is listed, unscored); or, with no year, the weights
/// that `--explain` prints.
pub fn score(ctx: &Context, year: Option<i32>) -> Result<Scored> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    let weights = crate::app::settings::score_weights(&conn)?;
    let Some(year) = year else {
        return Ok(Scored::Explained(weights));
    };
    let Some(period) = Period::year(&year.to_string()) else {
        bail!(Localized::new(
            format!("Năm {year} không hợp lệ."),
            format!("year {year} is not valid"),
        ));
    };
    let built = build_with(&conn, period, &ctx.now, None, ctx.lang)?;
    let stats: Vec<_> = reference::agencies(&conn)?
        .into_iter()
        .map(|agency| {
            let stats = built
                .report
                .agencies
                .iter()
                .find(|a| a.agency == agency.code)
                .cloned()
                .unwrap_or_else(|| AgencyStats {
                    agency: agency.code.clone(),
                    ..Default::default()
                });
            (stats, agency.name)
        })
        .collect();
    Ok(Scored::Ranked(rank(&stats, &weights)))
}
