//! `validate`: the reception check of Đ7.1.a against the requirements of Đ6.1–6.3. Moves
//! each received report to `accepted` or `rejected`, with reason codes and the Vietnamese
//! explanation the citizen is sent.

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::app::validate::Verdict;
use crate::app::validate::validate;
use crate::domain::access::Operation;
use crate::domain::report::Status;
use crate::domain::validate::Reason;
use crate::i18n::{Bilingual, Lang};
use crate::output::{Format, ListingWriter};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Reports to check (number or ext:APPID) [default: every `received` report].
    pub ids: Vec<String>,
}

pub fn cmd_validate(ctx: &Context, args: &ValidateArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Validate, None)?;
    let table = ctx.format == Format::Table;
    // CSV and JSON list every verdict; the table is written by `Rejections` (below). The
    // listing is only built for them, so that a table run writes nothing through it.
    let mut listing = if table {
        None
    } else {
        Some(ListingWriter::new(
            std::io::stdout().lock(),
            ctx.format,
            ctx.lang,
            crate::output::TABLE_ROWS,
        )?)
    };
    let mut rejections = Rejections::default();
    let mut accepted = 0u64;
    let mut judged = 0u64;
    let outcome = validate(&conn, ctx, &actor, &args.ids, &mut |verdict| {
        accepted += u64::from(verdict.status == Status::Accepted);
        judged += 1;
        match &mut listing {
            Some(listing) => listing.row(&verdict.in_lang(ctx.lang)),
            None => {
                rejections.push(verdict);
                Ok(())
            }
        }
    })?;
    // Every report named was refused (a finished one, say): an empty table and "checked 0"
    // beside the refusal read as if something had been checked. CSV and JSON still give
    // their (empty) document, which a script parses.
    if judged == 0 && outcome.edited.is_empty() && !outcome.refusals.is_empty() {
        if let Some(listing) = listing {
            listing.finish()?;
        }
        for refusal in &outcome.refusals {
            crate::output::tell_error(refusal.text(ctx.lang));
        }
        return Ok(crate::exit::FAILURE);
    }
    let checked = match listing {
        Some(listing) => listing.finish()?,
        None => {
            rejections.write(&mut std::io::stdout().lock(), accepted, ctx.lang)?;
            judged
        }
    };
    // The reports left unchecked are named in the same line: a desk that reads only the
    // count would take the queue for done.
    let notice = crate::output::validate::checked(checked, accepted, &outcome.edited);
    ctx.status(&notice.vi, &notice.en);
    if let Some(notice) = crate::output::validate::phone_in_name(&outcome.phone_in_name) {
        ctx.status(&notice.vi, &notice.en);
    }
    for refusal in &outcome.refusals {
        crate::output::tell_error(refusal.text(ctx.lang));
    }
    if let Some(failure) = outcome.edited_failure(checked) {
        return Err(failure.into());
    }
    Ok(if outcome.refusals.is_empty() {
        crate::exit::OK
    } else {
        crate::exit::FAILURE
    })
}

/// The table of a validation: the rejections, which are what the desk acts on (a citizen to
/// tell, a report to look at again), each with its reasons in words, one a line; the
/// accepted reports only counted under it (CSV and JSON list every verdict). Listing the
/// accepted ones too put 14 of the first day's 34 rejections past the table's 200 rows, and
/// the columns of status and reason codes left the explanation 6 characters at 80 columns.
#[derive(Default)]
struct Rejections {
    held: Vec<Verdict>,
    more: u64,
}

impl Rejections {
    fn push(&mut self, verdict: Verdict) {
        if verdict.status != Status::Rejected {
            return;
        }
        if self.held.len() < crate::output::TABLE_ROWS {
            self.held.push(verdict);
        } else {
            self.more += 1;
        }
    }

    fn write(&self, out: &mut dyn std::io::Write, accepted: u64, l: Lang) -> Result<()> {
        let rejected = self.held.len() as u64 + self.more;
        if rejected > 0 {
            crate::output::write_paragraph(
                out,
                crate::output::validate::rejected(rejected).text(l),
            )?;
            let headers = l
                .pick(
                    ["Số", "Mã ứng dụng", "Lý do từ chối"],
                    ["Id", "External id", "Why rejected"],
                )
                .map(str::to_owned)
                .into();
            let rows = self.held.iter().map(|v| row(v, l)).collect();
            // The app's id goes before the explanation does; the numbers' headers stay
            // whole above ids shorter than they are (a test file's "R-1").
            crate::output::write_fitted_headed(out, headers, rows, (&[1], &[]), (&[], &[0, 1]), l)?;
            if self.more > 0 {
                crate::output::write_paragraph(
                    out,
                    crate::output::validate::more_rejected(self.more).text(l),
                )?;
            }
        }
        if accepted > 0 {
            crate::output::write_paragraph(
                out,
                crate::output::validate::accepted(accepted).text(l),
            )?;
        }
        Ok(())
    }
}

/// A rejection's row: its numbers and each reason's explanation on a line of its own; the
/// stored explanation (Vietnamese) where a code is not one this version knows.
fn row(verdict: &Verdict, l: Lang) -> Vec<String> {
    let codes: Vec<&str> = verdict
        .reasons
        .split(',')
        .filter(|code| !code.is_empty())
        .collect();
    let reasons: Option<Vec<Reason>> = codes.iter().map(|c| Reason::from_code(c)).collect();
    let why = match reasons {
        Some(reasons) if !reasons.is_empty() => reasons
            .iter()
            .map(|r| r.text(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => verdict.explanation.clone(),
    };
    vec![verdict.id.to_string(), verdict.external_id.clone(), why]
}
