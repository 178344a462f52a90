//! The reception desk's queue as use cases (`triage`): the next report — urgent first, then
//! oldest — with its running dispatch deadline; what the desk is offered for it (the reasons
//! validation finds, the keyword suggestion of a field, the routing table's agency,
//! docs/rules.md §1–§2, Đ7.1); and each choice performed by `workflow::perform`, so it is
//! checked and logged as the plain commands are. Asking is the command's.

use anyhow::Result;
use rusqlite::Connection;

use super::Context;
use super::routing::ReturnedBy;
use super::validate::CheckSettings;
use super::workflow::{Performed, Step, finish, perform, step_in};
use crate::domain::access::{self, Actor, Operation, Refusal};
use crate::domain::classify;
use crate::domain::deadline::{self, Stage};
use crate::domain::event::EventKind;
use crate::domain::report::{Report, Status};
use crate::domain::routing::Route;
use crate::domain::time::{self, Timestamp};
use crate::domain::validate::Reason;
use crate::domain::workflow::Action;
use crate::i18n::Localized;
pub use crate::output::triage::{DispatchDue, LastReturn};
use crate::storage::reference::{self, Agency, Field};
use crate::storage::tx::immediate;
use crate::storage::{clocks, reports, routes};

/// The database and the acting account, for someone who may work the desk (validate).
/// The desk judges each report under the reception check's settings and offers only
/// rejection, its reasons pre-ticked, for one it finds incomplete: under a `validate.*` row
/// edited with `sqlite3` (`validate.open311_identity`, a language threshold) two Enters
/// rejected a citizen's report, sealed as reception's. It opens on no report while the log
/// does not vouch for those rows, as `validate` refuses
/// (`triage::the_desk_under_a_check_setting_edited_with_sqlite3_shows_no_report`), nor for
/// the agencies, fields and routes it offers
/// (`triage::the_desk_under_agency_names_swapped_with_sqlite3_shows_no_report`). What it
/// judged is what the desk judges and offers by until the log moves (`vouched_at`).
fn open(ctx: &Context) -> Result<(Connection, Actor, Vouched)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    match access::authorize(&actor, Operation::Validate, None) {
        Ok(()) => {
            let vouched = vouched_at(&conn)?;
            Ok((conn, actor, vouched))
        }
        Err(refusal @ Refusal::Role { role, .. }) => Err(ctx.log_refused_saying(
            &conn,
            &actor,
            Operation::Validate,
            None,
            &refusal,
            crate::output::triage::not_the_desk(role),
        )),
        Err(refusal) => Err(ctx.log_refused(&conn, &actor, Operation::Validate, None, &refusal)),
    }
}

/// The desk opened (`open`) with the key of the identities it checks: what the command
/// asks of the queue, each on the same connection.
pub struct Session {
    conn: Connection,
    actor: Actor,
    keys: super::vault::Keys,
    /// The queued reports whose sealed identity the key does not open, left out of the
    /// queue (`next`).
    unopened: std::cell::RefCell<super::show::Unopened>,
    /// What the desk judges and offers by, as the log last vouched for it.
    vouched: std::cell::RefCell<std::rc::Rc<Vouched>>,
}

/// The reception check's settings and the rows the desk offers and pre-selects by, as the
/// log vouched for them, and the latest event about no report then.
struct Vouched {
    settings: CheckSettings,
    fields: Vec<Field>,
    agencies: Vec<Agency>,
    routes: Vec<Route>,
    head: Option<i64>,
}

impl Vouched {
    /// "SXD (Sở Xây dựng tỉnh Cà Mau)" by the vouched name, as `routing::agency_named`
    /// names it from the table.
    fn agency_named(&self, code: &str) -> String {
        super::routing::named(code, self.agencies.iter().find(|a| a.code == code))
    }
}

/// The check's settings (`validate::vouched_settings`) and the `agencies`, `fields` and
/// `routes` rows, judged against the log and read in one snapshot, with the latest event
/// about no report in it. Read again at each report, a row edited with `sqlite3` once the
/// desk was open was judged or offered by: a threshold pre-ticked the edit's reasons and two
/// Enters rejected a complete report
/// (`triage::the_desk_under_a_check_setting_edited_while_it_is_open_rejects_nothing`); two
/// agencies' names swapped had "xay dung" pick Sở Y tế's code, the dispatch sealed as
/// reception's
/// (`triage::the_desk_under_agency_names_swapped_while_it_is_open_dispatches_by_the_vouched_names`).
/// Kept for the session, an admin's honest change was not seen. An honest change moves the
/// log (`Session::vouched` compares the latest event, one indexed lookup per read) and is
/// judged and read again; an edit does not, and changes nothing the desk judges or offers
/// by. The three tables are read once per judgement, no longer once per report.
fn vouched_at(conn: &Connection) -> Result<Vouched> {
    let _read = crate::storage::tx::snapshot(conn)?;
    let head = crate::storage::events::last_of_no_report(conn)?;
    let settings = super::validate::vouched_settings(conn)?;
    refuse_over_unvouched_choices(conn)?;
    Ok(Vouched {
        settings,
        fields: reference::fields(conn)?,
        agencies: reference::agencies(conn)?,
        routes: routes::all(conn)?,
        head,
    })
}

/// Opens the desk (`open`) with the key of the reporters' identities.
pub fn start(ctx: &Context) -> Result<Session> {
    let (conn, actor, vouched) = open(ctx)?;
    let keys = ctx.keys(&conn)?;
    let unopened = std::cell::RefCell::new(super::show::Unopened {
        key: keys.path().to_owned(),
        ..Default::default()
    });
    Ok(Session {
        conn,
        actor,
        keys,
        unopened,
        vouched: std::cell::RefCell::new(std::rc::Rc::new(vouched)),
    })
}

impl Session {
    /// What the desk judges and offers by: as last vouched for, or, once the log has moved
    /// since, judged and read again (`vouched_at`).
    fn vouched(&self) -> Result<std::rc::Rc<Vouched>> {
        let kept = std::rc::Rc::clone(&self.vouched.borrow());
        if crate::storage::events::last_of_no_report(&self.conn)? == kept.head {
            return Ok(kept);
        }
        let fresh = std::rc::Rc::new(vouched_at(&self.conn)?);
        *self.vouched.borrow_mut() = std::rc::Rc::clone(&fresh);
        Ok(fresh)
    }

    /// `next`.
    pub fn next(&self, skipped: &mut Skipped) -> Result<Option<(Report, Option<usize>)>> {
        next(
            &self.conn,
            &self.keys,
            skipped,
            &mut self.unopened.borrow_mut(),
        )
    }

    /// The queued reports left out so far, their identity not opened (`next`).
    pub fn unopened(&self) -> std::cell::Ref<'_, super::show::Unopened> {
        self.unopened.borrow()
    }

    /// `waiting_elsewhere`.
    pub fn waiting_elsewhere(&self) -> Result<(u64, u64)> {
        waiting_elsewhere(&self.conn)
    }

    /// `dispatch_due`.
    pub fn dispatch_due(&self, report_id: i64, now: &Timestamp) -> Result<Option<DispatchDue>> {
        dispatch_due(&self.conn, report_id, now)
    }

    /// `found_reasons`.
    pub fn found_reasons(&self, report: &Report) -> Result<Vec<Reason>> {
        found_reasons(&self.conn, &self.vouched()?.settings, report)
    }

    /// `field_choice`.
    pub fn field_choice(&self, report: &Report) -> Result<FieldChoice> {
        Ok(field_choice(&self.vouched()?.fields, report))
    }

    /// `agency_choice`.
    pub fn agency_choice(
        &self,
        report: &Report,
        field: &str,
        today: chrono::NaiveDate,
    ) -> Result<AgencyChoice> {
        agency_choice(&self.conn, &*self.vouched()?, report, (field, today))
    }

    /// `repeat_of`.
    pub fn repeat_of(&self, report: &Report) -> Result<Option<(i64, Status)>> {
        repeat_of(&self.conn, report)
    }

    /// `last_return`.
    pub fn last_return(&self, report: &Report) -> Result<Option<LastReturn>> {
        last_return(&self.conn, &*self.vouched()?, report)
    }

    /// `dispatched_back`.
    pub fn dispatched_back(&self, report: &Report, agency: &str) -> Result<Option<Localized>> {
        dispatched_back(&self.conn, &*self.vouched()?, report, agency)
    }

    /// `accept`, under the desk's account.
    pub fn accept(&self, ctx: &Context, report: &Report) -> Result<Accepted> {
        accept(
            &self.conn,
            ctx,
            &self.actor,
            &self.vouched()?.settings,
            report,
        )
    }

    /// `dispatch`, under the desk's account.
    pub fn dispatch(
        &self,
        ctx: &Context,
        report: &Report,
        field: &str,
        agency: (&str, bool),
    ) -> Result<Dispatched> {
        dispatch(&self.conn, ctx, &self.actor, report, field, agency)
    }

    /// `act`, under the desk's account.
    pub fn act(
        &self,
        ctx: &Context,
        report: &Report,
        operation: Operation,
        action: Action,
    ) -> Result<Performed> {
        act(&self.conn, ctx, &self.actor, report, operation, action)
    }

    /// `meanwhile`.
    pub fn meanwhile(&self, report_id: i64) -> Result<Localized> {
        meanwhile(&self.conn, &*self.vouched()?, report_id)
    }
}

/// Refuses (exit 5) the desk while the log does not vouch for the agencies, fields or
/// routes it offers and pre-selects: the operator picks an agency by its name, and one
/// Enter takes the routed one.
fn refuse_over_unvouched_choices(conn: &Connection) -> Result<()> {
    let Some(problem) = super::audit::unvouched_for_the_desk(conn)? else {
        return Ok(());
    };
    Err(crate::exit::Failure::integrity(crate::output::triage::choices_unvouched(&problem)).into())
}

/// The reports skipped in this session, in the order they come back, and how many of the
/// round going through them are still to come: a new round is said, or the operator who
/// skipped everything sees the first report again with no word that the queue went round.
#[derive(Debug, Default)]
pub struct Skipped {
    ids: Vec<i64>,
    left_in_round: usize,
}

impl Skipped {
    pub fn push(&mut self, id: i64) {
        self.ids.push(id);
    }

    /// The next one skipped longest ago, and, when it starts a round, how many there are.
    fn take(&mut self) -> Option<(i64, Option<usize>)> {
        if self.ids.is_empty() {
            return None;
        }
        self.left_in_round = self.left_in_round.min(self.ids.len());
        let round = (self.left_in_round == 0).then(|| {
            self.left_in_round = self.ids.len();
            self.ids.len()
        });
        self.left_in_round -= 1;
        Some((self.ids.remove(0), round))
    }
}

/// The next report of the queue: the first not skipped in this session; when every one
/// left was skipped, the one skipped longest ago, which goes to the back of `skipped` again
/// (skipped reports come back at the end of the queue, in the order they were skipped),
/// with the number of skipped reports when a round of them starts. Skipped reports another
/// desk has dealt with meanwhile drop out of `skipped`.
///
/// The desk shows the reporter masked and checks the name and phone: both in clear. A
/// report whose sealed identity the key does not open (swapped with another report's with
/// `sqlite3`) cannot be checked (its empty name would pre-tick "no name" and two Enters
/// reject it) and is left out of the queue, into `unopened`, for the desk to name as
/// `list` names it (`Keys::opens_for_listing`): the first such report stopped the desk for
/// everyone, exit 1 (`privacy::identities_swapped_with_sqlite3_stop_no_desk`).
fn next(
    conn: &Connection,
    keys: &super::vault::Keys,
    skipped: &mut Skipped,
    unopened: &mut super::show::Unopened,
) -> Result<Option<(Report, Option<usize>)>> {
    loop {
        let left_out: Vec<i64> = unopened
            .edited
            .iter()
            .chain(&unopened.replaced)
            .copied()
            .collect();
        let mut found = queued(conn, skipped, &left_out)?;
        let Some((report, _)) = &mut found else {
            return Ok(found);
        };
        if keys.opens_for_listing(report) {
            return Ok(found);
        }
        match crate::storage::events::sealed_as_it_stands(conn, report)? {
            true => unopened.replaced.push(report.id),
            false => unopened.edited.push(report.id),
        }
    }
}

fn queued(
    conn: &Connection,
    skipped: &mut Skipped,
    left_out: &[i64],
) -> Result<Option<(Report, Option<usize>)>> {
    let mut queue = reports::list(
        conn,
        &reports::Filter {
            statuses: vec![Status::Received, Status::Accepted, Status::Returned],
            ..Default::default()
        },
    )?;
    queue.retain(|r| !left_out.contains(&r.id));
    skipped.ids.retain(|id| queue.iter().any(|r| r.id == *id));
    if let Some(fresh) = queue.iter().find(|r| !skipped.ids.contains(&r.id)) {
        return Ok(Some((fresh.clone(), None)));
    }
    let Some((oldest, round)) = skipped.take() else {
        return Ok(None);
    };
    Ok(queue
        .into_iter()
        .find(|r| r.id == oldest)
        .map(|r| (r, round)))
}

/// The results waiting for the portal's check and for publication (`replied`, `verified`):
/// reception's work the queue does not take (Đ9.1), counted when it is empty.
fn waiting_elsewhere(conn: &Connection) -> Result<(u64, u64)> {
    Ok((
        reports::count_with_status(conn, Status::Replied)?,
        reports::count_with_status(conn, Status::Verified)?,
    ))
}

/// When the report's running dispatch clock (Đ7.2) falls due, and how far that is from
/// `now` in the time the clock counts (docs/rules.md §3): working time for a working-hours
/// clock, as `show`, `list --overdue` and the sweep say it. Counted in clock time, the desk
/// said "24 days" overdue where every other screen said 16 working days for the same clock.
fn dispatch_due(conn: &Connection, report_id: i64, now: &Timestamp) -> Result<Option<DispatchDue>> {
    let Some(clock) = clocks::of_report(conn, report_id)?
        .into_iter()
        .rfind(|c| c.stage == Stage::Dispatch && c.stopped_at.is_none())
    else {
        return Ok(None);
    };
    let Some(at) = time::stored(&clock.due_at) else {
        return Ok(None);
    };
    let calendar = &super::deadlines::Deadlines::load(conn)?.calendar;
    Ok(Some(DispatchDue {
        at,
        left: deadline::distance(now, &at, clock.counted_rule(), calendar),
    }))
}

/// The reasons validation finds to refuse the report, to be offered pre-checked.
fn found_reasons(
    conn: &Connection,
    settings: &CheckSettings,
    report: &Report,
) -> Result<Vec<Reason>> {
    let optional = settings.open311_identity_optional
        && crate::storage::events::arrived_over_open311(conn, report.id)?;
    let mut reasons = super::validate::reasons_for(report, &settings.thresholds);
    if optional {
        reasons.retain(|r| !matches!(r, Reason::MissingName | Reason::MissingPhone));
    }
    Ok(reasons)
}

/// The earlier report the one on screen may be, sent again (`validate::possible_repeats`),
/// with where it stands: the desk that works from the queue never sees `validate`'s hint,
/// and dispatched the same lamp twice. A hint only: the operator decides, with `duplicate`.
/// One pass over the week of reports before it, as `validate` makes for a run.
fn repeat_of(conn: &Connection, report: &Report) -> Result<Option<(i64, Status)>> {
    let found = super::validate::possible_repeats(conn, &[report.id])?.unwrap_or_default();
    let Some(&(_, earlier)) = found.first() else {
        return Ok(None);
    };
    Ok(reports::load(conn, earlier)?.map(|r| (earlier, r.status)))
}

/// The fields to choose from, each with its suggestion score if it has one, and the one to
/// pre-select: the report's own field, else the best suggestion, else none.
pub struct FieldChoice {
    pub fields: Vec<(Field, Option<u32>)>,
    pub preselected: Option<usize>,
}

fn field_choice(fields: &[Field], report: &Report) -> FieldChoice {
    let keywords: Vec<_> = fields
        .iter()
        .map(|f| classify::FieldKeywords {
            code: f.code.clone(),
            keywords: f.keywords.clone(),
        })
        .collect();
    let suggested = classify::suggest(&report.content, &report.category_hint, &keywords);
    let preferred = report
        .field
        .clone()
        .or_else(|| suggested.first().map(|s| s.field.clone()));
    let preselected = preferred.and_then(|p| fields.iter().position(|f| f.code == p));
    let fields = fields
        .iter()
        .cloned()
        .map(|f| {
            let score = suggested
                .iter()
                .find(|s| s.field == f.code)
                .map(|s| s.score);
            (f, score)
        })
        .collect();
    FieldChoice {
        fields,
        preselected,
    }
}

/// The agencies to choose from and the one to pre-select, with the agency the routing
/// table gives when it is withheld because it returned the report, and every agency that
/// ever returned it (marked in the list: the desk's choice is free, but not blind).
pub struct AgencyChoice {
    pub agencies: Vec<Agency>,
    pub preselected: Option<usize>,
    pub returned_by: Option<ReturnedBy>,
    pub returned: Vec<String>,
}

/// The agencies to choose from, and the one the routing table gives the report's commune
/// for `field` pre-selected (none if it routes nowhere, or back to an agency that returned
/// the report: Enter out of habit must not send it back there, as `assign --auto` does
/// not). Agencies that take no new work `today` are left out (`routing::closed_on`): the
/// district level of local government was abolished on 1 July 2025 (two-tier local
/// government), and an agency outside its days in operation (`agency … --from/--until`)
/// does not exist yet or any more, though the reference data keeps them for the reports
/// they handled.
fn agency_choice(
    conn: &Connection,
    vouched: &Vouched,
    report: &Report,
    (field, today): (&str, chrono::NaiveDate),
) -> Result<AgencyChoice> {
    let agencies: Vec<Agency> = vouched
        .agencies
        .iter()
        .filter(|a| super::routing::closed_on(a, today).is_none())
        .cloned()
        .collect();
    let routed = crate::domain::routing::pick(&vouched.routes, field, &report.commune)
        .map(|x| x.agency.clone());
    let returned_by = match &routed {
        Some(code) => returned_by(conn, vouched, report, code)?,
        None => None,
    };
    let preselected = routed
        .filter(|_| returned_by.is_none())
        .and_then(|code| agencies.iter().position(|a| a.code == code));
    let returned = super::routing::returns_of(conn, report)?
        .into_iter()
        .map(|r| r.agency)
        .collect();
    Ok(AgencyChoice {
        agencies,
        preselected,
        returned_by,
        returned,
    })
}

/// The latest return of the report, if it was returned (`LastReturn`).
fn last_return(
    conn: &Connection,
    vouched: &Vouched,
    report: &Report,
) -> Result<Option<LastReturn>> {
    let returns = super::routing::returns_of(conn, report)?;
    let count = returns.len();
    let Some(last) = returns.into_iter().next_back() else {
        return Ok(None);
    };
    Ok(Some(LastReturn {
        named: vouched.agency_named(&last.agency),
        by: last.by,
        at: crate::output::triage::returned_at(&last.at),
        reason: last.reason,
        count,
    }))
}

/// What is said after the desk dispatched the report to an agency that returned it: the
/// note `assign --agency` gives.
fn dispatched_back(
    conn: &Connection,
    vouched: &Vouched,
    report: &Report,
    agency: &str,
) -> Result<Option<Localized>> {
    Ok(returned_by(conn, vouched, report, agency)?
        .map(|back| back.note(report.id, crate::output::triage::AS_CHOSEN)))
}

/// `routing::returned_by`, the agency named by the vouched name.
fn returned_by(
    conn: &Connection,
    vouched: &Vouched,
    report: &Report,
    agency: &str,
) -> Result<Option<ReturnedBy>> {
    super::routing::returned_by_named(conn, report, agency, |code| Ok(vouched.agency_named(code)))
}

/// What accepting a report at the desk did: the verdict `validate` gave it.
pub struct Accepted {
    pub id: i64,
    pub to: Status,
    pub reasons: Vec<Reason>,
}

/// Accepts a report the reception check finds complete, through `validate` itself, so the
/// log keeps what the check found as for `validate ID` (`"reasons": []`). A report the check
/// finds incomplete is refused, never accepted: Đ7.1.a has reception refuse a report that
/// does not meet Đ6.1–6.3, and `validate` has no override (docs/rules.md §1).
fn accept(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    settings: &CheckSettings,
    report: &Report,
) -> Result<Accepted> {
    let found = found_reasons(conn, settings, report)?;
    if !found.is_empty() {
        anyhow::bail!(crate::output::triage::incomplete(report.id, &found));
    }
    let mut verdict = None;
    let outcome =
        super::validate::validate(conn, ctx, actor, &[report.id.to_string()], &mut |v| {
            verdict = Some(v);
            Ok(())
        })?;
    if let Some(failure) = outcome.edited_failure(0) {
        return Err(failure.into());
    }
    if let Some(refusal) = outcome.refusals.into_iter().next() {
        anyhow::bail!(refusal);
    }
    let verdict = verdict.ok_or_else(|| anyhow::anyhow!("validate judged nothing"))?;
    Ok(Accepted {
        id: verdict.id,
        to: verdict.status,
        reasons: verdict
            .reasons
            .split(',')
            .filter_map(Reason::from_code)
            .collect(),
    })
}

/// What dispatching at the desk did: the field recorded, if it changed, and the assignment.
pub struct Dispatched {
    pub classified: Option<Performed>,
    pub assigned: Performed,
    /// A field another account set while the operator chose, which the operator's choice
    /// replaced: said, so that the colleague's decision is not overruled unseen.
    pub replaced: Option<FieldSetMeanwhile>,
}

/// A field set on the report by another account between the screen and the dispatch.
pub struct FieldSetMeanwhile {
    pub field: String,
    /// The account whose `classify` set it; None when the log names none.
    pub by: Option<String>,
}

/// Classifies the report in `field` (unless it is already there) and assigns it to
/// `agency`, as one decision in one transaction: two of them left a report classified and
/// not dispatched, without a word, when the desk was stopped between them (a crash, a
/// closed terminal, "database is locked" on the second). A step refused or overtaken by
/// another desk ([`Meanwhile`]) keeps neither; a refusal is still logged.
fn dispatch(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    report: &Report,
    field: &str,
    (agency, urgent): (&str, bool),
) -> Result<Dispatched> {
    let reference = report.id.to_string();
    let unmoved = |fresh: &Report| -> Result<()> {
        if moved(report, fresh) {
            return Err(Meanwhile(report.id).into());
        }
        Ok(())
    };
    let tx = immediate(conn)?;
    let refused = |tx: crate::storage::tx::Write<'_>,
                   operation: Operation,
                   fresh: &Report,
                   refusal: &Refusal|
     -> Result<anyhow::Error> {
        tx.rollback()?;
        Ok(ctx.log_refused(conn, actor, operation, Some(fresh), refusal))
    };
    // The field as it is now, not as the screen showed it: one set meanwhile to another
    // than the operator's choice is replaced (the choice of agency was made for the
    // operator's field); when the screen's field was kept, skipping the step on the
    // screen's word sent the report out under the colleague's field.
    // The agency may have closed since the list was drawn (`agency … --until` set
    // meanwhile, or the desk left open past its last day).
    super::routing::require_current(
        &tx,
        agency,
        &report.commune,
        (
            ctx.acting_day(),
            super::routing::NewWork::Assign { report: report.id },
        ),
    )?;
    let now = reports::load(&tx, report.id)?;
    let now_field = now.as_ref().and_then(|now| now.field.clone());
    let replaced = match &now_field {
        Some(set) if now_field != report.field && set != field => Some(FieldSetMeanwhile {
            field: set.clone(),
            by: last_classified_by(&tx, report.id)?,
        }),
        _ => None,
    };
    let mut classified = None;
    if now_field.as_deref() != Some(field) {
        let action = Action::Classify {
            field: field.to_owned(),
        };
        match step_in(
            &tx,
            ctx,
            actor,
            &reference,
            Operation::Classify,
            |_, fresh| {
                unmoved(fresh)?;
                Ok(action)
            },
        )? {
            Step::Written(written) => classified = Some(*written),
            Step::Refused(fresh, refusal) => {
                return Err(refused(tx, Operation::Classify, &fresh, &refusal)?);
            }
        }
        super::fault_point("triage:classified");
    }
    // An urgent report answered "không" still goes out urgent, as `assign` sends it.
    let action = Action::Assign {
        agency: agency.to_owned(),
        urgent: crate::domain::workflow::dispatched_urgent(urgent, report),
    };
    let assigned = match step_in(
        &tx,
        ctx,
        actor,
        &reference,
        Operation::Assign,
        |_, fresh| {
            unmoved(fresh)?;
            Ok(action)
        },
    )? {
        Step::Written(written) => *written,
        Step::Refused(fresh, refusal) => {
            return Err(refused(tx, Operation::Assign, &fresh, &refusal)?);
        }
    };
    tx.commit()?;
    Ok(Dispatched {
        classified: classified
            .map(|written| finish(conn, ctx, actor, written))
            .transpose()?,
        assigned: finish(conn, ctx, actor, assigned)?,
        replaced,
    })
}

/// Who set the report's field last.
fn last_classified_by(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    Ok(crate::storage::events::of_report(conn, report_id)?
        .into_iter()
        .rev()
        .find(|e| EventKind::parse(&e.action) == Some(EventKind::Classify))
        .map(|e| e.actor))
}

/// The report moved between the screen that showed it and the step chosen on it: another
/// desk validated, dispatched, answered or merged it meanwhile. Nothing was written.
#[derive(Debug, thiserror::Error)]
#[error("report {0} changed since it was shown")]
pub struct Meanwhile(pub i64);

/// Whether the report read inside the step's lock is no longer where the desk saw it. The
/// field is left out: the desk classifies before it dispatches, and a field set by someone
/// else meanwhile is one the operator's own choice replaces, logged as such and said
/// ([`FieldSetMeanwhile`]).
fn moved(shown: &Report, fresh: &Report) -> bool {
    (
        shown.status,
        &shown.agency,
        shown.round,
        shown.returns,
        shown.duplicate_of,
    ) != (
        fresh.status,
        &fresh.agency,
        fresh.round,
        fresh.returns,
        fresh.duplicate_of,
    )
}

/// Performs one chosen step on the report, as the plain command would, unless the report
/// moved since it was shown ([`Meanwhile`]): the choice was made on what the screen said.
fn act(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    report: &Report,
    operation: Operation,
    action: Action,
) -> Result<Performed> {
    perform(
        conn,
        ctx,
        actor,
        &report.id.to_string(),
        operation,
        |_, fresh| {
            if moved(report, fresh) {
                return Err(Meanwhile(report.id).into());
            }
            Ok(action)
        },
    )
}

/// What happened to a report that moved meanwhile, from its latest workflow step: who did
/// what (to which agency), and where the report stands now.
fn meanwhile(conn: &Connection, vouched: &Vouched, report_id: i64) -> Result<Localized> {
    let Some(now) = reports::load(conn, report_id)? else {
        anyhow::bail!("report {report_id} vanished");
    };
    let step = crate::storage::events::of_report(conn, report_id)?
        .into_iter()
        .rev()
        .find_map(|e| {
            let kind = EventKind::parse(&e.action)?;
            is_step(kind).then_some((kind, e.actor))
        });
    let named = match (&step, &now.agency) {
        (Some((EventKind::Assign, _)), Some(agency)) => Some(vouched.agency_named(agency)),
        _ => None,
    };
    Ok(crate::output::triage::meanwhile(
        report_id,
        step.as_ref().map(|(kind, by)| (*kind, by.as_str())),
        named.as_deref(),
        now.status,
    ))
}

/// The events that move a report through the workflow (not a reminder, a refusal or a
/// reveal, which leave it where it was).
fn is_step(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Accept
            | EventKind::Reject
            | EventKind::Classify
            | EventKind::Assign
            | EventKind::Answer
            | EventKind::MarkStateSecret
            | EventKind::Return
            | EventKind::Reply
            | EventKind::VerifyApprove
            | EventKind::VerifySendBack
            | EventKind::Publish
            | EventKind::Unpublish
            | EventKind::Duplicate
    )
}

#[cfg(test)]
mod tests {
    use super::Skipped;

    #[test]
    fn each_round_through_the_skipped_reports_is_announced_once() {
        let mut skipped = Skipped::default();
        skipped.push(4);
        skipped.push(7);
        assert_eq!(skipped.take(), Some((4, Some(2))));
        skipped.push(4);
        assert_eq!(skipped.take(), Some((7, None)));
        skipped.push(7);
        // Both skipped again: the next round starts, and is said.
        assert_eq!(skipped.take(), Some((4, Some(2))));
        // 4 dealt with this time: a round of one.
        assert_eq!(skipped.take(), Some((7, None)));
        skipped.push(7);
        assert_eq!(skipped.take(), Some((7, Some(1))));
        assert_eq!(skipped.take(), None);
    }

    #[test]
    fn a_round_shrinks_when_another_desk_took_a_skipped_report() {
        let mut skipped = Skipped::default();
        for id in [1, 2, 3] {
            skipped.push(id);
        }
        assert_eq!(skipped.take(), Some((1, Some(3))));
        skipped.ids.retain(|id| *id != 2);
        // 3 ends the round: the next take starts a new one.
        assert_eq!(skipped.take(), Some((3, None)));
        skipped.push(3);
        assert_eq!(skipped.take(), Some((3, Some(1))));
    }
}
