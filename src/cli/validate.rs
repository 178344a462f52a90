//! `validate`: the reception check of Đ7.1.a against the requirements of Đ6.1–6.3. Moves
//! each received report to `accepted` or `rejected`, with reason codes and the Vietnamese
//! explanation the citizen is sent.

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::app::validate::validate;
use crate::domain::access::Operation;
use crate::domain::report::Status;
use crate::output::ListingWriter;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Reports to check (number or ext:APPID) [default: every `received` report].
    pub ids: Vec<String>,
}

pub fn cmd_validate(ctx: &Context, args: &ValidateArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Validate, None)?;
    let mut out = std::io::stdout().lock();
    // A table of verdicts stops at a screenful, as the sweep's; CSV and JSON list every one.
    let mut listing =
        ListingWriter::new(&mut out, ctx.format, ctx.lang, crate::output::TABLE_ROWS)?;
    let mut accepted = 0u64;
    let mut judged = 0u64;
    let outcome = validate(&conn, ctx, &actor, &args.ids, &mut |verdict| {
        accepted += u64::from(verdict.status == Status::Accepted);
        judged += 1;
        listing.row(&verdict.in_lang(ctx.lang))
    })?;
    // Every report named was refused (a finished one, say): an empty table and "checked 0"
    // beside the refusal read as if something had been checked. CSV and JSON still give
    // their (empty) document, which a script parses.
    if judged == 0 && outcome.edited.is_empty() && !outcome.refusals.is_empty() {
        if ctx.format != crate::output::Format::Table {
            listing.finish()?;
        }
        for refusal in &outcome.refusals {
            eprintln!("{}", crate::output::error_line(refusal.text(ctx.lang)));
        }
        return Ok(crate::exit::FAILURE);
    }
    let checked = listing.finish()?;
    // The reports left unchecked are named in the same line: a desk that reads only the
    // count would take the queue for done.
    let edited = &outcome.edited;
    let list = crate::storage::journal::edited_named(edited);
    ctx.status(
        &format!(
            "Đã kiểm tra {checked} phản ánh: {accepted} tiếp nhận, {} từ chối{}.",
            checked - accepted,
            if edited.is_empty() {
                String::new()
            } else {
                format!(
                    "; không kiểm tra {} phản ánh bị sửa ngoài phananh: {list}",
                    edited.len()
                )
            }
        ),
        &format!(
            "checked {}: {accepted} accepted, {} rejected{}",
            crate::i18n::count_en(checked, "report", "reports"),
            checked - accepted,
            if edited.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} changed outside phananh left unchecked: {list}",
                    crate::i18n::count_en(edited.len(), "report", "reports")
                )
            }
        ),
    );
    for refusal in &outcome.refusals {
        eprintln!("{}", crate::output::error_line(refusal.text(ctx.lang)));
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
