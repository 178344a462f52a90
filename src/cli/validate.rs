//! `validate`: the reception check of Đ7.1.a against the requirements of Đ6.1–6.3. Moves
//! each received report to `accepted` or `rejected`, with reason codes and the Vietnamese
//! explanation the citizen is sent.

use anyhow::Result;
use clap::Args;

use crate::app::{Context, validate};
use crate::domain::report::Status;
use crate::output::validate::Rejections;
use crate::output::{Format, ListingWriter};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Reports to check (number or ext:APPID) [default: every `received` report].
    pub ids: Vec<String>,
}

pub fn cmd_validate(ctx: &Context, args: &ValidateArgs) -> Result<u8> {
    let table = ctx.format == Format::Table;
    // CSV and JSON list every verdict; the table is written by `Rejections`. The listing is
    // begun at the first verdict (or at the end, empty): begun before the reports were
    // looked up, a report not found left a lone "[" on stdout, which no script parses.
    let begin = || {
        ListingWriter::new(
            std::io::stdout().lock(),
            ctx.format,
            ctx.lang,
            crate::output::TABLE_ROWS,
        )
    };
    let mut listing = None;
    let mut rejections = Rejections::default();
    let mut accepted = 0u64;
    let mut judged = 0u64;
    let outcome = validate::run(ctx, &args.ids, &mut |verdict| {
        accepted += u64::from(verdict.status == Status::Accepted);
        judged += 1;
        if table {
            rejections.push(verdict);
            return Ok(());
        }
        if listing.is_none() {
            listing = Some(begin()?);
        }
        listing
            .as_mut()
            .expect("begun above")
            .row(&verdict.in_lang(ctx.lang))
    })?;
    if !table && listing.is_none() {
        listing = Some(begin()?);
    }
    // Every report named was refused (a finished one, say): an empty table and "checked 0"
    // beside the refusal read as if something had been checked. CSV and JSON still give
    // their (empty) document, which a script parses.
    if judged == 0 && outcome.edited.is_empty() && !outcome.refusals.is_empty() {
        if let Some(listing) = listing {
            listing.finish()?;
        }
        // A script reads a JSON run's errors as every command gives them: one object.
        if ctx.format == Format::Json {
            let said: Vec<&str> = outcome.refusals.iter().map(|r| r.text(ctx.lang)).collect();
            crate::output::tell_error_json("refused", &said.join("\n"), crate::exit::FAILURE);
            return Ok(crate::exit::FAILURE);
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
    let (repeats, all) = &outcome.repeats;
    for &(id, other) in repeats {
        let notice = crate::output::validate::possible_repeat(id, other);
        ctx.status(&notice.vi, &notice.en);
    }
    let more = all.saturating_sub(repeats.len() as u64);
    if more > 0 {
        let notice = crate::output::validate::more_repeats(more);
        ctx.status(&notice.vi, &notice.en);
    }
    for notice in outcome.exposed.notices() {
        ctx.tell(&notice);
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
