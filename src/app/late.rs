//! `audit late`: each late step of a period, as the periodic report counts it in its late
//! list (section 6.1), with the account whose event stopped the clock. Đ13.6 and Đ13.7 put
//! responsibility on the agencies and on the portal's own staff, and an inspection asks per
//! person; staff accounts are staff personal data and the leaders' report circulates
//! widely, so the accounts are the inspector's (admin, auditor), never the report's
//! (docs/rules.md §7). The list is the report's own (`app::report::build`), so the two
//! cannot disagree.

use anyhow::Result;

use super::Context;
use crate::domain::access::Operation;
use crate::domain::periodic::{Period, PeriodKind};
use crate::i18n::Localized;
use crate::output::late::LateStep;
use crate::output::spool::Keep;

/// The period of `audit late --period TEXT`: any that `report` takes by its subcommand (a
/// month, a quarter, a half-year, a year), told apart by its form.
pub fn period(text: &str) -> Result<Period, Localized> {
    let text = text.trim();
    PeriodKind::ALL
        .into_iter()
        .find_map(|kind| kind.parse(text))
        .ok_or_else(|| crate::output::late::invalid_period(text))
}

/// Every late step of `period` as of the context's clock, in the report's order, each with
/// the account whose event stopped its clock (none for a step still open past its
/// deadline).
pub fn late_steps(ctx: &Context, period: Period) -> Result<Vec<LateStep>> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::AuditLate, None)?;
    let read = crate::storage::tx::snapshot(&conn)?;
    let built = super::report::build(ctx, &conn, period, &ctx.now, Keep::All)?;
    let mut steps = Vec::with_capacity(built.cases.late.len() as usize);
    built.cases.late.try_for_each(|case| {
        // Stopped by the report's moment, as the case says: a stop written later (a step
        // dated back) is not the one the report judged.
        let by = match (case.done_at.as_ref(), case.stage, case.round) {
            (Some(_), Some(stage), Some(round)) => {
                crate::storage::clocks::stopped_by(&conn, case.report_id, stage, round)?
            }
            _ => None,
        };
        steps.push(LateStep::of(case, by, built.working_day));
        Ok::<(), anyhow::Error>(())
    })??;
    drop(read);
    Ok(steps)
}
