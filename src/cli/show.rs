//! `show` and `list`: reading reports. The arguments; `app::show` reads (masking personal
//! data unless `--reveal`, Đ6.5, and logging every reveal) and `output::show` renders.

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::app::show::{self, Query};
use crate::domain::report::Status;
use crate::domain::time;
use crate::output::ListingWriter;
use crate::output::show::{
    DueRow, ListRow, OverdueRow, SearchRow, agency_said, nothing_due, nothing_found_by_phone,
    nothing_listed,
};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Show the reporter's name and phone (admin and reception; the assigned agency's
    /// handlers only if the reporter consented, Đ6.5). The reveal is written to the audit log.
    #[arg(long)]
    pub reveal: bool,
    /// Why the identity is needed (required with --reveal): kept with the reveal in the
    /// audit log every role reads and listed by `audit reveals`, for the inspector and for
    /// the reporter's own request (Law 91/2025/QH15: accountability for every processing);
    /// name no one in it, nor write anyone's phone; at most 300 characters and 3 lines.
    #[arg(long, value_name = "TEXT", requires = "reveal")]
    pub reason: Option<String>,
    /// Why, read from a plain-text UTF-8 file (`-`: standard input), as --text-file reads a
    /// result.
    #[arg(
        long,
        value_name = "FILE",
        requires = "reveal",
        conflicts_with = "reason"
    )]
    pub reason_file: Option<std::path::PathBuf>,
}

// `--phone` or `--phone-file`, which `--reason` requires alike.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("by_phone").args(["phone", "phone_file"]))]
pub struct ListArgs {
    /// Only these statuses, repeated or separated by commas: received (Awaiting the check), rejected
    /// (Rejected), accepted (Awaiting dispatch), assigned (Being handled), returned
    /// (Returned, awaiting re-dispatch), replied (Awaiting review), verified (Awaiting
    /// publication), published (Published), closed_private (Answered privately), duplicate
    /// (Duplicate). A label is taken as the tables show it, case and marks ignored ("Being
    /// handled", "Đang xử lý", "dang xu ly"; "Being reworked" is assigned).
    #[arg(long, value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<TypedStatus>,
    /// Only reports assigned to this agency now (a report it returned, waiting for the
    /// portal's re-dispatch, is not the agency's); with --overdue, reports with a clock of
    /// this agency's past due.
    #[arg(long)]
    pub agency: Option<String>,
    /// Only reports of this field.
    #[arg(long)]
    pub field: Option<String>,
    /// Only urgent reports.
    #[arg(long)]
    pub urgent: bool,
    /// Submitted on or after this date (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// Submitted on or before this date.
    #[arg(long, value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
    /// Only reports whose content, address, commune or app id contain this text (case and
    /// diacritics ignored: "duong" finds "Đường", "000105" finds CMG-2026-000105).
    #[arg(long, allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Only reports with an open clock past its deadline now (as of --now); each row with
    /// the stage, the deadline, whose clock it is and when a sweep reminded of it (not yet:
    /// new).
    #[arg(long)]
    pub overdue: bool,
    /// With --overdue: every report that was ever late, closed ones included.
    #[arg(long, requires = "overdue")]
    pub ever: bool,
    /// What falls due by the end of a day (today, or YYYY-MM-DD / DD/MM/YYYY): open
    /// deadlines, urgent first, then per agency, overdue ones included, most pressing first.
    #[arg(long, value_name = "DAY", value_parser = parse_day, conflicts_with_all = ["status", "field", "from", "to", "search", "overdue"])]
    pub due: Option<Day>,
    /// At most this many rows (1 or more).
    #[arg(long, value_parser = parse_limit)]
    pub limit: Option<u64>,
    /// Only the reports sent from this phone number, however written (admin only; with
    /// --reason): to answer a reporter who asks what is held about them, who saw it, or to
    /// be erased. Rows stay masked; the lookup is logged, found or not, and listed by
    /// `audit reveals` on each report it found. No other filter applies.
    #[arg(long, value_name = "PHONE", allow_hyphen_values = true, conflicts_with_all = ["status", "agency", "field", "urgent", "from", "to", "search", "overdue", "due", "limit"])]
    pub phone: Option<String>,
    /// The phone of --phone read from a plain-text UTF-8 file (`-`: standard input), as
    /// --reason-file reads a reason: typed, a phone is seen in the process list and, through
    /// sudo, in its log.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["phone", "status", "agency", "field", "urgent", "from", "to", "search", "overdue", "due", "limit"])]
    pub phone_file: Option<std::path::PathBuf>,
    /// Why (required with --phone): the reporter's request, kept in the audit log.
    #[arg(long, value_name = "TEXT", requires = "by_phone")]
    pub reason: Option<String>,
    /// Why, read from a plain-text UTF-8 file (`-`: standard input), as --text-file reads a
    /// result (the request letter's text, say).
    #[arg(
        long,
        value_name = "FILE",
        requires = "by_phone",
        conflicts_with = "reason"
    )]
    pub reason_file: Option<std::path::PathBuf>,
}

/// A status of `list --status` and the words it was typed as, which an empty listing
/// echoes: "--status returned" answered a handler who had typed "trả lại".
#[derive(Debug, Clone)]
pub struct TypedStatus {
    pub status: Status,
    pub typed: String,
}

/// A status as typed: its name, or its label as the tables show it (`Status::typed`); a
/// misspelt one is answered with the status it most likely means, laid out as clap's own
/// suggestion for a mistyped command.
fn parse_status(text: &str) -> Result<TypedStatus, crate::i18n::Localized> {
    let typed = text.trim().to_owned();
    Status::typed(text)
        .map(|status| TypedStatus { status, typed })
        .ok_or_else(|| {
            let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
            let refusal = crate::output::show::unknown_status(&Status::ALL);
            crate::output::with_guess(text, &names, refusal)
        })
}

/// A count of rows from 1: `--limit 0` asks for no row, and its empty listing would read
/// as an empty database.
fn parse_limit(text: &str) -> Result<u64, crate::i18n::Localized> {
    match text.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(crate::output::show::not_a_limit()),
    }
}

/// The day `--due` looks at.
#[derive(Debug, Clone, Copy)]
pub enum Day {
    Today,
    On(chrono::NaiveDate),
}

fn parse_day(text: &str) -> Result<Day, crate::i18n::Localized> {
    // Typed as any keyboard gives it: decomposed, capitalised, without marks.
    match crate::domain::text::fold(text.trim()).as_str() {
        "today" | "hom nay" | "homnay" => Ok(Day::Today),
        _ => match time::read_date(text) {
            Ok(date) => Ok(Day::On(date)),
            Err(time::BadDate::Shape) => Err(crate::output::show::not_a_day()),
            Err(_) => super::date_value(text).map(Day::On),
        },
    }
}

pub fn cmd_show(ctx: &Context, args: &ShowArgs) -> Result<u8> {
    let given = super::reason_given(ctx, &args.reason, &args.reason_file)?;
    let reveal = args.reveal.then_some(given.as_str());
    let show::Shown {
        view,
        unvouched,
        clock_unlogged,
        deadlines_unvouched,
    } = show::show(ctx, &args.id, reveal)?;
    let mut out = std::io::stdout().lock();
    crate::output::show::write(&mut out, &view, ctx.format, ctx.lang)?;
    // An identity the key does not open is named as `list` names it (its row's edit too).
    if let Some(failure) = crate::output::show::identities_unopened(
        crate::output::show::UnopenedBy::Show,
        (
            &unvouched.unopened.key,
            &unvouched.unopened.edited,
            &unvouched.unopened.replaced,
        ),
    ) {
        return Err(failure.into());
    }
    if let Some(&report) = unvouched.rows.first() {
        return Err(crate::output::show::row_unvouched(report, &unvouched.unheld).into());
    }
    if let Some(problem) = deadlines_unvouched {
        return Err(crate::output::show::deadlines_unvouched(&problem).into());
    }
    match clock_unlogged {
        Some(problem) => Err(crate::output::show::clock_unlogged(&problem).into()),
        None => Ok(crate::exit::OK),
    }
}

pub fn cmd_list(ctx: &Context, args: &ListArgs) -> Result<u8> {
    if args.phone.is_some() || args.phone_file.is_some() {
        super::one_standard_input(&[
            ("--phone-file", args.phone_file.as_deref()),
            ("--reason-file", args.reason_file.as_deref()),
        ])?;
        if args.phone.is_some() {
            super::warn_typed_through_sudo(ctx, &[("--phone", "--phone-file")]);
        }
        let phone = super::personal_given(ctx, &args.phone, &args.phone_file, "--phone-file")?
            .unwrap_or_default();
        let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
        let found = show::find_by_phone(ctx, &phone, &reason)?;
        let mut out = std::io::stdout().lock();
        let mut listing = ListingWriter::new(&mut out, ctx.format, ctx.lang, usize::MAX)?;
        for row in &found.rows {
            listing.row(row)?;
        }
        listing.finish_or_say(&nothing_found_by_phone(ctx.lang))?;
        let notice = crate::output::show::found_by_phone(found.rows.len());
        ctx.status(&notice.vi, &notice.en);
        if found.erased > 0 {
            ctx.tell(&crate::output::show::erased_unsearchable(found.erased));
        }
        let unjudged = (!found.unjudged.rows.is_empty()).then(|| {
            crate::output::show::phone_unjudged(&found.unjudged.rows, &found.unjudged.unheld)
        });
        let unopened = crate::output::show::identities_unopened(
            crate::output::show::UnopenedBy::Lookup,
            (
                &found.unjudged.unopened.key,
                &found.unjudged.unopened.edited,
                &found.unjudged.unopened.replaced,
            ),
        );
        return match crate::exit::Failure::integrity_together([unjudged, unopened]) {
            Some(failure) => Err(failure.into()),
            None => Ok(crate::exit::OK),
        };
    }
    if let Some(day) = args.due {
        let date = match day {
            Day::Today => ctx.now.date_naive(),
            Day::On(date) => date,
        };
        let due = show::due(ctx, date, args.agency.clone(), args.urgent)?;
        let limit = args.limit.map_or(usize::MAX, |limit| limit as usize);
        let mut out = std::io::stdout().lock();
        // A table shows a screenful, as the other lists; CSV and JSON list every row.
        let mut listing =
            ListingWriter::new(&mut out, ctx.format, ctx.lang, table_rows(args))?.naming_limit();
        if let Some((code, name)) = due.pinned_agency()? {
            listing = listing.pinned(DueRow::AGENCY, agency_said(&code, name.as_deref()));
        }
        let mut listed = 0;
        let unvouched = due.for_each(|row| {
            if listed < limit {
                listed += 1;
                return listing.row_shown(&row);
            }
            Ok(false)
        })?;
        listing.finish_or_say(&nothing_due(date, &filters_typed(args), ctx.lang))?;
        let urgent = due.urgent_beyond()?;
        if !urgent.is_empty() {
            ctx.tell(&crate::output::show::urgent_beyond(&urgent, listed > 0));
        }
        if let Some((count, earliest)) = due.return_windows()? {
            ctx.tell(&crate::output::show::return_windows_open(
                count,
                &earliest,
                listed > 0,
            ));
        }
        let deadline_edited = due.deadline_edited()?;
        let failure = crate::output::show::due_failure(
            &unvouched.rows.rows,
            &unvouched.rows.unheld,
            unvouched.reports,
            unvouched.names.as_ref(),
            deadline_edited.as_ref(),
        );
        return match failure {
            Some(failure) => Err(failure.into()),
            None => Ok(crate::exit::OK),
        };
    }
    let listed = show::list(
        ctx,
        &Query {
            statuses: args.status.iter().map(|typed| typed.status).collect(),
            agency: args.agency.clone(),
            field: args.field.clone(),
            urgent: args.urgent,
            from: args.from,
            to: args.to,
            search: args.search.clone(),
            overdue: args.overdue,
            overdue_ever: args.ever,
            limit: args.limit,
        },
    )?;
    // Streamed: a table shows a screenful, as the sweep's; CSV and JSON list every report.
    let mut out = std::io::stdout().lock();
    let pinned = listed
        .pinned_agency()?
        .map(|(code, name)| agency_said(&code, name.as_deref()));
    if args.overdue {
        let mut listing =
            ListingWriter::new(&mut out, ctx.format, ctx.lang, table_rows(args))?.naming_limit();
        if let Some(said) = pinned {
            listing = listing.pinned(OverdueRow::AGENCY, said);
        }
        let unvouched = listed.for_each_overdue(|row| listing.row_shown(&row))?;
        let empty = nothing_listed(&filters_typed(args), listed.own_agency(), None, ctx.lang);
        listing.finish_or_say(&empty)?;
        let edited = listed.deadline_edited()?;
        let stopped = listed.stopped_unvouched()?;
        let reports = listed.reports_uncounted()?;
        return listed_or_refused(&unvouched, &[], reports, edited.as_ref(), stopped.as_ref());
    }
    let returned = listed.returned_by_agency()?;
    let empty = nothing_listed(
        &filters_typed(args),
        listed.own_agency(),
        returned.as_ref(),
        ctx.lang,
    );
    let unvouched = if args.search.is_some() {
        let mut listing =
            ListingWriter::new(&mut out, ctx.format, ctx.lang, table_rows(args))?.naming_limit();
        if let Some(said) = pinned {
            listing = listing.pinned(ListRow::AGENCY, said);
        }
        let unvouched = listed.for_each(|row| listing.row_shown(&SearchRow(row)))?;
        listing.finish_or_say(&empty)?;
        unvouched
    } else {
        let mut listing =
            ListingWriter::new(&mut out, ctx.format, ctx.lang, table_rows(args))?.naming_limit();
        if let Some(said) = pinned {
            listing = listing.pinned(ListRow::AGENCY, said);
        }
        let unvouched = listed.for_each(|row| listing.row_shown(&row))?;
        listing.finish_or_say(&empty)?;
        unvouched
    };
    let reports = listed.reports_uncounted()?;
    let left_out = listed.left_out_by_edits()?;
    listed_or_refused(&unvouched, &left_out, reports, None, None)
}

/// The rows a `list` table shows: a screenful, or as many as `--limit` asked for (the
/// table is laid out whole, so it holds them all; that is what was typed).
fn table_rows(args: &ListArgs) -> usize {
    args.limit.map_or(crate::output::TABLE_ROWS, |limit| {
        usize::try_from(limit).unwrap_or(usize::MAX)
    })
}

/// A listing's exit: success, or the rows, reports and deadline the log does not vouch for,
/// and the reports its filter left out by their edited rows (`left_out`) (exit 5).
fn listed_or_refused(
    unvouched: &show::Unvouched,
    left_out: &[i64],
    reports: Option<(u64, u64)>,
    deadline_edited: Option<&crate::domain::clocks::OpenUnvouched>,
    stopped: Option<&crate::domain::periodic::StoppedUnvouched>,
) -> Result<u8> {
    match crate::output::show::list_failure(
        (&unvouched.rows, &unvouched.unheld, left_out),
        (
            &unvouched.unopened.key,
            &unvouched.unopened.edited,
            &unvouched.unopened.replaced,
        ),
        deadline_edited,
        reports,
        stopped,
    ) {
        Some(failure) => Err(failure.into()),
        None => Ok(crate::exit::OK),
    }
}

/// The filters of `list` as the operator typed them, for the sentence an empty listing
/// prints in place of a table: it names what to drop. `--due` and `--limit` are not filters
/// of what matches (`--due` has its own sentence).
fn filters_typed(args: &ListArgs) -> Vec<String> {
    let mut typed = Vec::new();
    if !args.status.is_empty() {
        // As typed, each status once: the parts of a label the comma split ("Đã chuyển trả, chờ
        // phân phối lại") are put back together, and quoted as a shell would need them.
        let mut statuses: Vec<(Status, Vec<&str>)> = Vec::new();
        for TypedStatus { status, typed } in &args.status {
            match statuses.iter_mut().find(|(s, _)| s == status) {
                Some((_, parts)) if !parts.contains(&typed.as_str()) => parts.push(typed),
                Some(_) => {}
                None => statuses.push((*status, vec![typed])),
            }
        }
        let shown: Vec<String> = statuses
            .iter()
            .map(|(_, parts)| parts.join(", "))
            .map(|typed| match typed.contains(' ') {
                true => format!("\"{typed}\""),
                false => typed,
            })
            .collect();
        typed.push(format!("--status {}", shown.join(",")));
    }
    for (flag, value) in [("--agency", &args.agency), ("--field", &args.field)] {
        if let Some(value) = value {
            typed.push(format!("{flag} {value}"));
        }
    }
    if args.urgent {
        typed.push("--urgent".to_owned());
    }
    for (flag, date) in [("--from", args.from), ("--to", args.to)] {
        if let Some(date) = date {
            typed.push(format!("{flag} {}", date.format("%Y-%m-%d")));
        }
    }
    if let Some(search) = &args.search {
        typed.push(format!("--search \"{search}\""));
    }
    if args.overdue {
        typed.push(
            if args.ever {
                "--overdue --ever"
            } else {
                "--overdue"
            }
            .to_owned(),
        );
    }
    typed
}
