//! The exports as use cases: the period they cover, who may take which (the public view:
//! any account; the full one, personal data unmasked: admin and reception, logged as
//! `export_full` before a row leaves), and the reports they stream from
//! `storage::open311`, the public ones already decided by `domain::open311::public_request`
//! (Đ6.5, Đ9.2, Đ9.3). Writing them out is `output::export`'s.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use indicatif::ProgressBar;
use rusqlite::Connection;

use super::Context;
use super::deadlines::{Promise, Promises};
use super::vault::Keys;
use crate::domain::access::{Actor, Operation};
use crate::domain::event::EventKind;
use crate::domain::open311::{DEFAULT_WINDOW_DAYS, Facts, Query, ServiceRequest, public_request};
use crate::domain::report::Report;
use crate::domain::time;
use crate::i18n::Localized;
use crate::storage::open311::{self, ExportFilter};
use crate::storage::tx::immediate;

/// The period as the stored text of its bounds (`to` is inclusive).
pub fn filter(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<ExportFilter> {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        let said = crate::output::report::refusals::range_backwards(from, to);
        return Err(crate::exit::Failure::usage(said).into());
    }
    Ok(ExportFilter {
        submitted_from: from.map(|d| time::format(&time::start_of_day(d))),
        submitted_before: to
            .and_then(|d| d.succ_opt())
            .map(|d| time::format(&time::start_of_day(d))),
        last_id: None,
    })
}

/// The period of `export open311`, as the standard's `start_date` and `end_date`: an end
/// date alone covers the 90 days before it (the standard's default window); request ids
/// override the dates, as they override every other parameter.
fn open311_filter(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    query: &Query,
) -> Result<ExportFilter> {
    if !query.ids.is_empty() {
        return filter(None, None);
    }
    let from = match (from, to) {
        (None, Some(to)) => to.checked_sub_days(chrono::Days::new(DEFAULT_WINDOW_DAYS)),
        _ => from,
    };
    filter(from, to)
}

/// An export under way: the database, the key of its identities, the reports it covers and
/// (for `export open311`) the standard's query they must match. Read by `size` and
/// streamed by `each_public` or `each_full`.
pub struct Export {
    conn: Connection,
    keys: Keys,
    filter: ExportFilter,
    query: Query,
    promises: Promises,
    /// The reports whose sealed identity the key does not open: given without their
    /// reporter by the staff export (`each_full`), left out by the public views
    /// (`each_public`).
    unopened: std::cell::RefCell<Vec<i64>>,
    /// The reports a public view left out for a report merged into them whose identity the
    /// key does not open (those merged reports).
    merged_unopened: std::cell::RefCell<Vec<(i64, Vec<i64>)>>,
    /// A public view (`export open311`, `export csv --public`), not the staff export.
    public: bool,
    /// The internal export without identities (`export csv --no-identity`): what its texts
    /// are hidden with.
    hiding: Option<Hiding>,
}

/// What the internal export hides each report's identity with, as `list` does for a
/// reader who may not see it: the province's communes, and the reports merged into each
/// (whose reporters its texts may name too).
struct Hiding {
    communes: crate::domain::routing::Communes,
    merged: std::collections::HashMap<i64, Vec<i64>>,
}

/// `export open311`: the public view of the reports the standard's parameters select.
pub fn open311(
    ctx: &Context,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    query: Query,
) -> Result<Export> {
    let filter = open311_filter(from, to, &query)?;
    let (conn, keys, promises) = open_public(ctx)?;
    Ok(Export {
        conn,
        keys,
        filter,
        query,
        promises,
        unopened: Default::default(),
        merged_unopened: Default::default(),
        public: true,
        hiding: None,
    })
}

/// `export csv --public`: the public view of the reports submitted in the period.
pub fn public_csv(ctx: &Context, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Export> {
    let filter = filter(from, to)?;
    let (conn, keys, promises) = open_public(ctx)?;
    Ok(Export {
        conn,
        keys,
        filter,
        query: Query::default(),
        promises,
        unopened: Default::default(),
        merged_unopened: Default::default(),
        public: true,
        hiding: None,
    })
}

/// `export csv --no-identity`: every report of the period with the staff export's columns
/// but the reporter's identity (the name as `list` masks it, no phone, the free texts hidden
/// as `list` hides them from a reader who may not see it), for the roles that read reports
/// and scores: Sở Nội vụ reconciles a month without anyone's name and phone (the Law's data
/// minimisation). Nothing in it is an identity, so it is no reveal and is not logged, as
/// `list` is not.
pub fn internal_csv(
    ctx: &Context,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Export> {
    let filter = filter(from, to)?;
    let (conn, keys, promises) = open_public_for(ctx, Operation::ExportWithoutIdentity)?;
    let hiding = Hiding {
        communes: crate::app::routing::communes(&conn)?,
        merged: crate::storage::reports::merged_into(&conn)?,
    };
    Ok(Export {
        conn,
        keys,
        filter,
        query: Query::default(),
        promises,
        unopened: Default::default(),
        merged_unopened: Default::default(),
        public: false,
        hiding: Some(hiding),
    })
}

/// A full export allowed and explained, not yet logged: the file it goes to is opened in
/// between (`log`), so that one that cannot be written is never recorded as taken.
pub struct FullPending {
    conn: Connection,
    actor: Actor,
    keys: Keys,
    promises: Promises,
    /// `storage::tx::data_version` in the snapshot the names and deadlines were judged in.
    judged_at: i64,
    filter: ExportFilter,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    reason: String,
}

/// `export csv` without `--public`: every report of the period with every column, for the
/// portal only, with a reason (refused without one).
pub fn full_csv(
    ctx: &Context,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    reason: Option<&str>,
) -> Result<FullPending> {
    let filter = filter(from, to)?;
    let (conn, actor, keys, (promises, judged_at)) = open_full(ctx)?;
    let reason = reason.map(str::trim).unwrap_or_default();
    if !crate::domain::statement::says_something(reason) {
        bail!(crate::output::show::reason_needed("export csv"));
    }
    // Shown to the auditor by `audit reveals`: no name, phone or e-mail typed into it. The
    // export covers many reports, so no one reporter's name is looked for: any name, by
    // its shape.
    let reason = crate::domain::redact::redact_people(reason).text;
    if !crate::domain::statement::says_something_once_hidden(&reason) {
        bail!(crate::output::show::reason_hidden("export csv"));
    }
    Ok(FullPending {
        conn,
        actor,
        keys,
        promises,
        judged_at,
        filter,
        from,
        to,
        reason,
    })
}

impl FullPending {
    /// Logs the export (to `out`, or standard output) and bounds it to the reports counted.
    ///
    /// The export is judged, recorded and read in one state of the file. Under the lock its
    /// event is written with, the names and deadlines are judged again when another
    /// connection committed since the judgement (`storage::tx::data_version`, one pragma;
    /// with no commit between, nothing is read again), and a refusal there writes nothing.
    /// Before the event commits, a second connection takes the snapshot the rows are read
    /// in: the file as judged, which no writer can change while the lock is held. Judged
    /// before the event and read after it, two agencies' names swapped with `sqlite3` in
    /// between gave Sở Xây dựng's case to Sở Y tế by name, exit 0
    /// (`forged_events::a_full_export_over_agency_names_swapped_while_it_logs_itself_prints_nothing_swapped`);
    /// judged again after the event, the export refused an edit made before it, exit 5,
    /// with nothing printed and its `export_full` event left for `audit reveals` to list as
    /// identities handed out
    /// (`forged_events::a_full_export_refused_over_names_swapped_before_it_records_itself_records_no_export`).
    pub fn log(self, ctx: &Context, out: Option<&std::path::Path>) -> Result<Export> {
        let logged = FullExport {
            from: self.from,
            to: self.to,
            reason: &self.reason,
            out,
        };
        crate::app::pause_point("export:judged");
        let Some(reader) = crate::storage::reader_beside(&self.conn)? else {
            bail!("the full export reads a database file, not one in memory");
        };
        let tx = immediate(&self.conn)?;
        let promises = if crate::storage::tx::data_version(&tx)? == self.judged_at {
            self.promises
        } else {
            refuse_unvouched(&tx)?
        };
        crate::storage::tx::hold_snapshot_now(&reader)?;
        let filter = log_full_export(&tx, ctx, &self.actor.username, &logged, self.filter)?;
        tx.commit()?;
        crate::app::pause_point("export:logged");
        Ok(Export {
            conn: reader,
            keys: self.keys,
            filter,
            query: Query::default(),
            promises,
            unopened: Default::default(),
            merged_unopened: Default::default(),
            public: false,
            hiding: None,
        })
    }
}

impl Export {
    /// How many reports it covers (for a progress bar).
    pub fn size(&self) -> Result<u64> {
        size(&self.conn, &self.filter)
    }

    /// Streams the public view of each report covered to `visit` (`each_public`); returns
    /// the reports left out, their rows not as the log sealed them. Those left out for an
    /// identity the key does not open are kept for `left_out_failure`.
    pub fn each_public(
        &self,
        bar: &ProgressBar,
        visit: impl FnMut(ServiceRequest) -> Result<()>,
    ) -> Result<Vec<i64>> {
        each_public(
            &self.conn,
            (&self.filter, &self.query),
            &self.keys,
            &self.promises,
            bar,
            (
                &mut self.unopened.borrow_mut(),
                &mut self.merged_unopened.borrow_mut(),
            ),
            visit,
        )
    }

    /// Streams each report covered, without its reporter's identity, to `visit`: its
    /// name as `list` masks it, no phone, its texts hidden as `list` hides them from a
    /// reader who may not see it (`app::show::hide_identity`). Returns the reports left
    /// out, their rows not as the log sealed them.
    pub fn each_without_identity(
        &self,
        bar: &ProgressBar,
        mut visit: impl FnMut(&Report, &Facts) -> Result<()>,
    ) -> Result<Vec<i64>> {
        let Some(hiding) = &self.hiding else {
            bail!("each_without_identity is the internal export's")
        };
        self.each_full(bar, |report, facts| {
            let mut report = report.clone();
            let mut merged = match hiding.merged.get(&report.id) {
                Some(ids) => self.keys.merged_for_listing(&self.conn, ids)?,
                None => Default::default(),
            };
            // Its reporter's name unknown, any name in its texts is hidden by its shape, as
            // `list` hides it.
            merged.erased |= report.identity_unopened();
            // Rows the log does not vouch for are left out (`each_full`).
            crate::app::show::hide_identity(
                &self.conn,
                &hiding.communes,
                &merged,
                &mut report,
                crate::app::show::RowVouched::Known(true),
            )?;
            report.reporter_name = if report.identity_unopened() || report.identity_erased() {
                String::new()
            } else {
                crate::domain::text::mask_name(&report.reporter_name)
            };
            report.reporter_phone.clear();
            visit(&report, facts)
        })
    }

    /// Streams each report covered, with its facts, to `visit` (`each_full`); returns the
    /// reports left out, their rows not as the log sealed them.
    pub fn each_full(
        &self,
        bar: &ProgressBar,
        visit: impl FnMut(&Report, &Facts) -> Result<()>,
    ) -> Result<Vec<i64>> {
        each_full(
            &self.conn,
            &self.filter,
            &self.keys,
            &self.promises,
            bar,
            (
                &mut self.unopened.borrow_mut(),
                WhenUnopened::GivenWithoutReporter,
            ),
            visit,
        )
    }

    /// Exit 5 naming the reports the export left out (`left_out`, their rows edited behind
    /// the tool's back, or sealed last by an event that does not hold in the chain, named
    /// as such); none left out is success.
    /// It also names the reports whose identity the key does not open: given without their
    /// reporter by the staff export, left out by a public view (`each_public`), as are
    /// those a report whose identity does not open was merged into.
    pub fn left_out_failure(&self, left_out: &[i64]) -> Result<u8> {
        let unopened = self.unopened.borrow();
        let merged_unopened = self.merged_unopened.borrow();
        let left = if left_out.is_empty() {
            None
        } else {
            let unheld = crate::storage::journal::unheld_among(&self.conn, left_out)?;
            Some(crate::exit::Failure::integrity(
                crate::output::export::left_out(left_out, &unheld),
            ))
        };
        let by = match self.public {
            true => crate::output::show::UnopenedBy::PublicExport,
            false => crate::output::show::UnopenedBy::Export,
        };
        // Reached only by rows the log vouches for (`as_sealed`): their own key replaced.
        let unopened =
            crate::output::show::identities_unopened(by, (self.keys.path(), &[], &unopened));
        let merged = crate::output::export::merged_unopened(self.keys.path(), &merged_unopened);
        match crate::exit::Failure::integrity_together([left, unopened, merged]) {
            Some(failure) => Err(failure.into()),
            None => Ok(crate::exit::OK),
        }
    }
}

/// The database, for any account that may read: the public view is anyone's. With the key
/// of its identities: the public texts hide each reporter's own name, which only the key
/// opens. And the expected times the export may print, judged.
///
/// The judgement of the names and deadlines and every read of the export after it are one
/// snapshot of the file, held until the export is dropped: read apart, two fields' names
/// swapped with `sqlite3` once the judgement was made were the ones the rows printed
/// (`forged_events::a_public_export_over_field_names_swapped_while_it_runs_prints_the_vouched_names`).
/// The key is opened first, since opening it may write. A snapshot takes no lock, and no
/// read is added.
fn open_public(ctx: &Context) -> Result<(Connection, Keys, Promises)> {
    open_public_for(ctx, Operation::Read)
}

/// [`open_public`], for an account that may perform `operation`.
fn open_public_for(ctx: &Context, operation: Operation) -> Result<(Connection, Keys, Promises)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, operation, None)?;
    let keys = ctx.keys(&conn)?;
    crate::storage::tx::hold_snapshot(&conn)?;
    let promises = refuse_unvouched(&conn)?;
    crate::app::pause_point("export:checked");
    Ok((conn, keys, promises))
}

/// Refuses (exit 5) an export whose agencies', fields' or service codes' names, printed
/// beside each report, hold a row the log does not vouch for, whose reports are not the
/// ones the log has events of (a report deleted), or whose open reports' expected times do
/// not hold (`promises`): once per run, before anything is written (or a full export is
/// logged).
fn refuse_unvouched(conn: &Connection) -> Result<Promises> {
    let (names, calendar) = crate::app::audit::unvouched_for_exports(conn)?;
    if let Some(problem) = names {
        let refusal = crate::output::export::names_unvouched(&problem);
        return Err(crate::exit::Failure::integrity(refusal).into());
    }
    if let Some(problem) = calendar {
        let refusal = crate::output::export::calendar_unvouched(&problem);
        return Err(crate::exit::Failure::integrity(refusal).into());
    }
    // A report deleted whole left every export without it, each saying how many it
    // exported, exit 0 (`forged_events::an_export_over_a_report_deleted_with_sqlite3_is_refused`).
    if let Some((logged, held)) = crate::storage::periodic::reports_uncounted(conn)? {
        let refusal = crate::output::export::reports_uncounted(logged, held);
        return Err(crate::exit::Failure::integrity(refusal).into());
    }
    promises(conn)
}

/// The expected times the exports print (`expected_at`: an open report's current duty
/// clock's deadline), judged against the log (`app::deadlines::judge_open`). A deadline
/// moved with `sqlite3` gave citizens the forged date as the portal's promise
/// (`forged_events::an_export_over_an_open_deadline_moved_with_sqlite3_promises_nothing_forged`):
/// one that does not hold under today's calendar is refused (exit 5); one under another
/// calendar is given the deadline the log gives as the export streams (`as_promised`), never
/// the row's. Judged once per run: the export streams what this judged.
fn promises(conn: &Connection) -> Result<Promises> {
    if let Some(edited) =
        crate::app::deadlines::judge_open(conn, crate::app::deadlines::OpenReader::Export)?
    {
        let refusal = crate::output::export::deadline_unlogged(&edited);
        return Err(crate::exit::Failure::integrity(refusal).into());
    }
    Promises::load(conn)
}

/// `facts` with the expected time the log gives where it is not the row's (`promises`).
fn as_promised(conn: &Connection, mut facts: Facts, promises: &Promises) -> Result<Facts> {
    if let (Some(clock), Some(version)) = (facts.expected_clock, &facts.expected_version) {
        match promises.given(conn, clock, version)? {
            Promise::AsTheRowHolds => {}
            Promise::Logged(due) => facts.expected_at = Some(due),
            Promise::Withheld => facts.expected_at = None,
        }
    }
    Ok(facts)
}

/// Whether `actor` may take identities out in bulk (the full export, `export subject`),
/// refused in the full export's words.
pub(super) fn authorize_full(ctx: &Context, conn: &Connection, actor: &Actor) -> Result<()> {
    ctx.authorize(conn, actor, Operation::ExportFull, None)
        .map_err(|e| match e.downcast_ref::<Localized>() {
            Some(refusal) => {
                crate::exit::Kind::Forbidden.over(crate::output::export::full_refused(refusal))
            }
            None => e,
        })?;
    Ok(())
}

/// The database, the acting account and the key of the identities, for the full export.
fn open_full(ctx: &Context) -> Result<(Connection, Actor, Keys, (Promises, i64))> {
    // The full export unmasks every reporter's name and phone (Đ6.5). Only the
    // portal (admin, reception) may take it: not the agencies' handlers, who see
    // identities one consenting report at a time (RevealPersonalData includes them),
    // nor leaders and auditors.
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    authorize_full(ctx, &conn, &actor)?;
    // Judged in one snapshot, whose version `FullPending::log` compares under the lock the
    // event is written with.
    let judged = {
        let _read = crate::storage::tx::snapshot(&conn)?;
        let promises = refuse_unvouched(&conn)?;
        (promises, crate::storage::tx::data_version(&conn)?)
    };
    // Before the export is logged: one that cannot show an identity is not recorded as one.
    let keys = ctx.keys(&conn)?;
    Ok((conn, actor, keys, judged))
}

/// How many reports the filter covers (for a progress bar).
fn size(conn: &Connection, filter: &ExportFilter) -> Result<u64> {
    let (reports, _) = open311::count(conn, filter)?;
    Ok(reports as u64)
}

/// What the log keeps of a full export besides who and when: the period, why, and the file
/// it went to (never a row of it).
struct FullExport<'a> {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    reason: &'a str,
    out: Option<&'a std::path::Path>,
}

/// Records the full export before any row leaves, in `tx` (the caller's write, which it
/// commits): who, the period, why, where to, and how many reports (no personal data).
/// Returns the filter bounded to exactly the reports counted.
fn log_full_export(
    tx: &Connection,
    ctx: &Context,
    actor: &str,
    export: &FullExport<'_>,
    filter: ExportFilter,
) -> Result<ExportFilter> {
    let (rows, last_id) = open311::count(tx, &filter)?;
    // Which reporters a leaked file exposed, exactly, for the breach notification: the
    // period and `last_id` select them again only as long as no row is edited.
    let covered = crate::domain::reveals::ranges(&open311::ids(tx, &filter)?);
    let out = export
        .out
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()));
    ctx.note(
        tx,
        actor,
        EventKind::ExportFull,
        serde_json::json!({
            "format": "csv",
            "rows": rows,
            "from": export.from.map(|d| d.to_string()),
            "to": export.to.map(|d| d.to_string()),
            "last_id": last_id,
            "report_ranges": covered,
            "reason": crate::domain::text::nfc(export.reason),
            // Shown to auditors by `audit reveals`: a file named after a person is not.
            "out": out.map(|p| crate::domain::redact::redact_people(&p.display().to_string()).text),
        })
        .to_string(),
    )?;
    Ok(ExportFilter {
        // No report yet: nothing to export, whatever arrives meanwhile.
        last_id: Some(last_id.unwrap_or(0)),
        ..filter
    })
}

/// Whether `report`'s row is the one the log sealed last; if not, it is added to
/// `left_out`. A published result rewritten with `sqlite3` was the portal's answer in
/// every export, exit 0
/// (`forged_events::a_published_result_rewritten_with_sqlite3_is_published_by_no_export`):
/// an edited row is left out, the others go on (one edit does not stop the feed), and the
/// command names it at the end, exit 5. One index step and a digest per report.
fn as_sealed(conn: &Connection, report: &Report, left_out: &mut Vec<i64>) -> Result<bool> {
    if crate::storage::events::sealed_as_it_stands(conn, report)? {
        return Ok(true);
    }
    left_out.push(report.id);
    Ok(false)
}

/// Streams the public view of every report the filter covers and the query matches to
/// `visit`, one tick of `bar` per report read; the reports the public may not see never
/// reach `visit`, nor does a report whose row the log did not seal as it stands (returned,
/// for the command to name).
///
/// Each public text hides its reporter's name, and the names of the reporters merged into
/// it, which only the key opens. A report whose identity, or a merged reporter's, the key
/// does not open cannot be checked to hide them, so it is left out (into `unopened`, or
/// `merged_unopened` with the merged reports that did not open) and the others go on: the
/// first such report stopped the public feed whole, exit 1
/// (`privacy::an_identity_that_does_not_open_leaves_its_report_out_of_the_public_views`).
fn each_public(
    conn: &Connection,
    (filter, query): (&ExportFilter, &Query),
    keys: &Keys,
    promises: &Promises,
    bar: &ProgressBar,
    (unopened, merged_unopened): (&mut Vec<i64>, &mut Vec<(i64, Vec<i64>)>),
    mut visit: impl FnMut(ServiceRequest) -> Result<()>,
) -> Result<Vec<i64>> {
    let merged = crate::storage::reports::merged_into(conn)?;
    let identities = (unopened, WhenUnopened::LeftOut);
    each_full(
        conn,
        filter,
        keys,
        promises,
        bar,
        identities,
        |report, facts| {
            match public_request(report, facts) {
                Some(mut request) if query.matches(&request) => {
                    // Its result answers the reporters merged into it too, and may name them.
                    if let Some(ids) = merged.get(&report.id) {
                        let (merged, unopened) = keys.merged_or_unopened(conn, ids)?;
                        if !unopened.is_empty() {
                            merged_unopened.push((report.id, unopened));
                            return Ok(());
                        }
                        // A merged reporter's name hidden among other names singled it
                        // out to the public (a report listing candidates, a target merged
                        // into it): every name then goes by its shape as well.
                        let texts = std::iter::once(&mut request.description)
                            .chain(request.status_notes.as_mut())
                            .chain(request.address.as_mut());
                        let mut texts: Vec<&mut String> = texts.collect();
                        let mut named = 0;
                        for text in &mut texts {
                            let (hidden, count) = merged.hide_counting(text);
                            **text = hidden;
                            named += count;
                        }
                        if named > 0 && !merged.erased {
                            for text in texts {
                                *text = crate::domain::redact::redact_people(text).text;
                            }
                        }
                    }
                    visit(request)
                }
                _ => Ok(()),
            }
        },
    )
}

/// What an export does with a report whose sealed identity the key does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WhenUnopened {
    /// The staff export gives it with an empty name and phone, as `list` does.
    GivenWithoutReporter,
    /// A public view leaves it out: its texts cannot be checked to hide the name.
    LeftOut,
}

/// Streams every report the filter covers, with its facts, to `visit`, but a report whose
/// row the log did not seal as it stands (returned, for the command to name).
///
/// A report whose sealed identity the key does not open (its own key swapped with another
/// report's, or replaced by one under another key, with `sqlite3`) is added to `unopened`
/// and, as `when` says, given without its reporter (as `list` gives it,
/// `Keys::opens_for_listing`) or left out: one such row stopped the whole export, exit 1
/// (`privacy::identity_keys_swapped_with_sqlite3_stop_no_full_export`).
fn each_full(
    conn: &Connection,
    filter: &ExportFilter,
    keys: &Keys,
    promises: &Promises,
    bar: &ProgressBar,
    (unopened, when): (&mut Vec<i64>, WhenUnopened),
    mut visit: impl FnMut(&Report, &Facts) -> Result<()>,
) -> Result<Vec<i64>> {
    let mut left_out = Vec::new();
    open311::for_each(conn, filter, |mut report, facts| {
        let facts = as_promised(conn, facts, promises)?;
        bar.inc(1);
        if !as_sealed(conn, &report, &mut left_out)? {
            return Ok(());
        }
        if !keys.opens_for_listing(&mut report) {
            unopened.push(report.id);
            if when == WhenUnopened::LeftOut {
                return Ok(());
            }
            report.reporter_name.clear();
            report.reporter_phone.clear();
        }
        visit(&report, &facts)
    })?;
    Ok(left_out)
}
