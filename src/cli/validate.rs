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
use crate::i18n::{Bilingual, Lang, count_en};
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
            eprintln!("{}", crate::output::error_line(refusal.text(ctx.lang)));
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
    if let Some(notice) = phone_in_name_notice(&outcome.phone_in_name) {
        ctx.status(&notice.vi, &notice.en);
    }
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
                &l.pick(
                    format!("Từ chối tiếp nhận: {rejected} phản ánh."),
                    format!("Rejected: {}.", count_en(rejected, "report", "reports")),
                ),
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
                    &l.pick(
                        format!(
                            "… và {} phản ánh bị từ chối khác: xem đủ bằng --format csv hoặc json.",
                            self.more
                        ),
                        format!(
                            "… and {} more rejected: --format csv or json lists them all.",
                            self.more
                        ),
                    ),
                )?;
            }
        }
        if accepted > 0 {
            crate::output::write_paragraph(
                out,
                &l.pick(
                    format!(
                        "Tiếp nhận: {accepted} phản ánh (không liệt kê ở đây; xem bằng --format csv hoặc json)."
                    ),
                    format!(
                        "Accepted: {} (not listed here; --format csv or json lists them).",
                        count_en(accepted, "report", "reports")
                    ),
                ),
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

/// The warning for reports accepted with a phone number in the reporter's name field
/// (docs/rules.md §1 [choice]): named by number only, the name and phone being personal
/// data (Đ6.5), for reception to look at with a logged reveal.
fn phone_in_name_notice(ids: &[i64]) -> Option<crate::i18n::Localized> {
    if ids.is_empty() {
        return None;
    }
    let list = crate::storage::journal::edited_named(ids);
    let one = ids.len() == 1;
    Some(crate::i18n::Localized::new(
        format!(
            "cảnh báo: tên người phản ánh của phản ánh {list} có chứa một số điện thoại bên cạnh tên; vẫn tiếp nhận (Điều 6 khoản 3 cần tên, và tên đã có). Hãy xem lại danh tính bằng `phananh show SỐ --reveal --reason \"...\"` và báo bên quản lý ứng dụng."
        ),
        format!(
            "warning: the reporter's name of {} {list} holds a phone number besides the name; accepted all the same (Article 6.3 asks for the name, which is given). Check the identity with `phananh show ID --reveal --reason \"...\"` and tell the app's operator",
            if one { "report" } else { "reports" }
        ),
    ))
}
