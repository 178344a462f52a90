//! Reading reports: `show` (one report as this reader may see it, with its clocks and its
//! history) and `list` (reports by filter). Personal data (Đ6.5) is masked unless a reveal
//! is asked for by a role that may see it; every reveal is a sealed event. The view is
//! `Serialize`: `output::show` renders it as a table, CSV or JSON.

use anyhow::{Result, bail};
use rusqlite::Connection;
use serde_json::json;

use crate::app::{Context, resolve};
use crate::domain::access::{self, Actor, Operation, Refusal, Role, Target};
use crate::domain::deadline;
use crate::domain::event::EventKind;
use crate::domain::open311::KeptTexts;
use crate::domain::report::{Report, Status};
use crate::domain::setbacks::Setbacks;
use crate::domain::statement::{says_something, says_something_once_hidden};
use crate::domain::text::{fold, mask_name, mask_phone};
use crate::domain::time;
use crate::i18n::Bilingual;
use crate::output::show::{ClockRow, DueRow, EventRow, ListRow, OverdueRow, View};
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::{clocks, events, reports};

/// Name and phone as this reader may see them; None for an identity `erase` destroyed: no
/// name to give, which the table labels (`output::show::erased_label`) and CSV and JSON
/// leave empty beside `identity_erased`, so that a script never reads the label as a name.
fn reporter(report: &Report, reveal: bool) -> (Option<String>, Option<String>) {
    if report.identity_erased() {
        return (None, None);
    }
    if reveal {
        (
            Some(report.reporter_name.clone()),
            Some(report.reporter_phone.clone()),
        )
    } else {
        (
            Some(mask_name(&report.reporter_name)),
            Some(mask_phone(&report.reporter_phone)),
        )
    }
}

/// The report's free texts as `actor` may see them: for a reader who may not see this
/// report's identity (leaders, auditors, a handler without the reporter's consent), the
/// citizen's own name, phone numbers, e-mail addresses and identity numbers written in the
/// content, the address, the commune, the result or the app's category hint are hidden as in
/// the public views, and a media link named after the reporter reads `[đã ẩn]` (Đ6.5; issue
/// 17: no output open to such a role gives the identity away, masks or not). The identity
/// must have been opened first: the name is what it hides.
/// `communes` are the province's (`app::routing::communes`): any other commune is hidden as
/// `redact::redact_commune` says.
/// `merged` are the reporters of the reports merged into this one, whose names its texts
/// may hold too (`redact::Merged`).
/// `vouched`: the row is the one the log sealed last. A handler's right rests on the row's
/// consent and agency, which `sqlite3` can write (`domain::access::may_see_identity_of`).
fn as_seen_by(
    conn: &Connection,
    actor: &Actor,
    communes: &crate::domain::routing::Communes,
    merged: &crate::domain::redact::Merged,
    report: &mut Report,
    vouched: RowVouched<'_>,
) -> Result<()> {
    // Unjudged, the row is taken for the log's, as before: judged below when its texts
    // name the reporter.
    let known = !matches!(vouched, RowVouched::Known(false));
    if access::may_see_identity_of(actor, Target::from(&*report), known) {
        return Ok(());
    }
    hide_identity(conn, communes, merged, report, vouched)
}

/// Whether the log vouches for the row whose texts are shown without its identity: known,
/// or to be judged on the row as read (before its identity was opened), which only a row
/// whose texts name its reporter needs.
#[derive(Clone, Copy)]
pub(crate) enum RowVouched<'r> {
    Known(bool),
    Unjudged(&'r Report),
}

/// `report`'s free texts with its reporter's identity hidden, as [`as_seen_by`] gives them
/// to a reader who may not see it, whoever reads: the internal export without identities
/// (`app::export::internal_csv`) hides them from every role.
pub(crate) fn hide_identity(
    conn: &Connection,
    communes: &crate::domain::routing::Communes,
    merged: &crate::domain::redact::Merged,
    report: &mut Report,
    vouched: RowVouched<'_>,
) -> Result<()> {
    use crate::domain::redact::{Kept, Sought, redact_commune, redact_erased, redact_known};
    // An erasure's places, or a correction's: those of the names it replaced.
    let kept =
        KeptTexts::parse(crate::storage::events::kept_redaction(conn, report.id)?.as_deref());
    let sought = Sought::new(&report.reporter_name);
    // Each text (content, address, result, hint, then the commune) hidden for its reporter,
    // or by the shape of names alone; then for the merged reporters too, with how many
    // names were hidden as the reporter's, and how many as a merged reporter's.
    let texts = |by_shape: bool| {
        let hidden = |text: &str, kept: Option<&Kept>| {
            if by_shape {
                redact_erased(text, kept)
            } else {
                redact_known(text, sought.as_ref(), kept)
            }
        };
        let kept_of = |part: fn(&KeptTexts) -> Option<&Kept>| kept.as_ref().and_then(part);
        [
            hidden(&report.content, kept_of(|k| k.content.as_ref())),
            hidden(&report.address, kept_of(|k| k.address.as_ref())),
            hidden(&report.result_text, kept_of(|k| k.result.as_ref())),
            // The app's category hint is free text as well: an app may pass the citizen's
            // own words there, and a shifted row puts a name in it. No erasure kept places
            // for it.
            hidden(&report.category_hint, None),
            // Free text too (`open311::PublicTexts::commune`).
            redact_commune(
                hidden(&report.commune, None),
                communes.knows(&report.commune),
            ),
        ]
        .map(|own| {
            let (text, as_merged) = merged.hide_counting(&own.text);
            (own.text, text, own.hidden.name, as_merged)
        })
    };
    let mut found = texts(report.identity_erased());
    // Where a name was hidden because it is the reporter's (or a merged reporter's), the
    // texts said which of the names written there it was. A content rewritten with
    // `sqlite3` into a list of candidates, read by a leader, showed every one but the
    // reporter's, and put back left no trace: a row the log does not vouch for has its
    // names hidden by their shape alone, as an erased reporter's are, so that what is shown
    // of it owes nothing to the reporter's identity. In the log's row the
    // texts staff wrote (a reply listing candidates) and those naming a merged reporter
    // (the target merged into a report listing candidates) have every name hidden by its
    // shape too: they say whether the reporter is among the names, not which one. The
    // citizen's own texts keep the names of places ("Trần Hưng Đạo") that the shape would
    // take for a person's.
    const RESULT: usize = 2;
    let named = found
        .iter()
        .any(|(_, _, as_own, as_merged)| as_own + as_merged > 0);
    if named && !report.identity_erased() {
        let vouched = match vouched {
            RowVouched::Known(vouched) => vouched,
            RowVouched::Unjudged(read) => crate::storage::events::sealed_as_it_stands(conn, read)?,
        };
        if vouched {
            for (i, (own, text, as_own, as_merged)) in found.iter_mut().enumerate() {
                if *as_merged > 0 || (i == RESULT && *as_own > 0) {
                    *text = merged.hide(&crate::domain::redact::redact_people(own).text);
                }
            }
        } else {
            found = texts(true);
        }
    }
    let [content, address, result, hint, commune] = found.map(|(_, text, ..)| text);
    let withheld = crate::domain::open311::media_withheld(report, kept.as_ref());
    crate::domain::open311::hide_media(&mut report.media, &withheld);
    report.content = content;
    report.address = address;
    report.commune = commune;
    report.result_text = result;
    report.category_hint = hint;
    Ok(())
}

/// The content of `report` as `actor` may see it in `show` and `list` (`as_seen_by`: no
/// reporter's name or phone for a reader who may not see them), for the line a handler's
/// step quotes it on: the number and the app id alone let a reply typed on the wrong report
/// go unnoticed.
pub fn content_as_seen(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    report: &Report,
) -> Result<String> {
    let mut report = report.clone();
    let keys = ctx.keys(conn)?;
    keys.open(conn, &mut report)?;
    let communes = crate::app::routing::communes(conn)?;
    let merged = keys.merged(conn, &reports::merged_into_one(conn, report.id)?)?;
    // `report` is the row the step has just sealed: the log vouches for it.
    as_seen_by(
        conn,
        actor,
        &communes,
        &merged,
        &mut report,
        RowVouched::Known(true),
    )?;
    Ok(report.content)
}

/// The reasons typed for returns, send-backs and a takedown as `actor` may see them. They are staff
/// text, but typed freely ("gọi lại chị Phượng 0912…"): for a reader who may not see the
/// identity, hidden as the report's own texts are and as `audit log` hides them.
fn reasons_as_seen_by(
    actor: &Actor,
    report: &Report,
    merged: &crate::domain::redact::Merged,
    setbacks: &mut Setbacks,
    vouched: bool,
) {
    if access::may_see_identity_of(actor, Target::from(report), vouched) {
        return;
    }
    // A reason is shown to the account that typed it as the log keeps it
    // (`access::typed_by`): hidden, it would confirm a name guessed in it.
    let hide = |by: &str, text: &mut String| {
        if access::typed_by(actor, by) {
            return;
        }
        *text = merged.hide(
            &crate::domain::redact::redact_report(
                text,
                &report.reporter_name,
                report.identity_erased(),
            )
            .text,
        );
    };
    setbacks
        .returns
        .iter_mut()
        .for_each(|r| hide(&r.by, &mut r.reason));
    setbacks
        .send_backs
        .iter_mut()
        .for_each(|s| hide(&s.by, &mut s.reason));
    if let Some(u) = setbacks.unpublished.as_mut() {
        hide(&u.by, &mut u.reason);
    }
}

/// `show`: the report `reference` names, for an account that may read it; with `reveal`
/// (the reason given), for one that may also see the reporter (the reveal is logged with
/// its reason before anything is read).
/// What `show` found: the view, the report's row if it is not the one its log sealed last
/// (`unvouched`), and the first of the report's clocks its log does not give
/// (`app::audit::unlogged_clock_of`); the view prints both as the rows hold them.
pub struct Shown {
    pub view: View,
    pub unvouched: Unvouched,
    pub clock_unlogged: Option<crate::domain::audit::ChainBreak>,
    /// The calendar's or the deadline settings' row the log does not vouch for, under
    /// which no clock was judged (`app::audit::unvouched_deadline_inputs`).
    pub deadlines_unvouched: Option<crate::domain::audit::ChainBreak>,
}

pub fn show(ctx: &Context, reference: &str, reveal: Option<&str>) -> Result<Shown> {
    let reason = reveal.map(|r| crate::domain::text::nfc(r.trim()));
    let reveal = reason.is_some();
    // A reveal is logged, so only it needs to write.
    let conn = if reveal {
        ctx.open()?
    } else {
        ctx.open_read()?
    };
    let actor = ctx.actor(&conn)?;
    let mut report = resolve(&conn, reference)?;
    ctx.authorize(&conn, &actor, Operation::Read, Some(&report))?;
    // Judged on the row as read, before its identity is opened or masked for the viewer: a
    // content, result or status rewritten with `sqlite3` was shown as the record, exit 0.
    let edited = !events::sealed_as_it_stands(&conn, &report)?;
    let mut unvouched = Unvouched::of(&conn, edited.then_some(report.id).into_iter().collect())?;
    // Whether the reporter consented, and to which agency the report is assigned, is what
    // the log sealed, not what the row says now: a handler who set `consent` (and `agency`)
    // with `sqlite3` was shown the name and phone, the warning coming after them (Đ6.5;
    // `privacy::a_reveal_over_a_row_edited_with_sqlite3_shows_no_identity`). A name seen
    // cannot be unseen, so nothing is shown, for any role, until the row is put right.
    if reveal && edited {
        return Err(
            crate::exit::Failure::integrity(crate::output::show::reveal_unvouched(
                report.id,
                unvouched.unheld.first().map(|(_, event)| *event),
            ))
            .into(),
        );
    }
    // Withdrawn since it was given (`identity consent --withdraw`): recorded by the log, the
    // row's `consent` sealed false by it.
    let consent_withdrawn_at = events::consent_withdrawn_at(&conn, report.id)?;
    if reveal {
        // A handler refused for a consent the reporter withdrew is told so, not that the
        // reporter never consented: the officer saw the identity before, and would look for
        // a mistake.
        if consent_withdrawn_at.is_some()
            && access::authorize(
                &actor,
                Operation::RevealPersonalData,
                Some(Target::from(&report)),
            ) == Err(access::Refusal::NoConsent)
        {
            return Err(ctx.log_refused(
                &conn,
                &actor,
                Operation::RevealPersonalData,
                Some(&report),
                &access::Refusal::ConsentWithdrawn,
            ));
        }
        ctx.authorize(&conn, &actor, Operation::RevealPersonalData, Some(&report))?;
        let reason = reason.as_deref().unwrap_or_default();
        if !says_something(reason) {
            bail!(crate::output::show::reason_needed("show --reveal"));
        }
        // As for the identity steps: the reason is kept in the log every role reads, and a
        // letter pasted into it would stay there. Refused before anything is opened, and on
        // record as a refused reveal is; the reason itself not kept.
        if crate::domain::statement::too_long_for_a_reason(reason) {
            return Err(ctx.log_refused_noting(
                &conn,
                &actor,
                Operation::RevealPersonalData,
                Some(&report),
                crate::output::show::reason_too_long("show --reveal"),
                json!({}),
            ));
        }
    }
    // Masked or revealed, the name and phone come from the sealed identity: without the
    // key, neither view can be made. Opened before a reveal is logged, so that a reveal
    // that cannot show anything leaves no record of one.
    let keys = ctx.keys(&conn)?;
    // Without a reveal, an identity the key does not open (swapped with another report's
    // with `sqlite3`) is shown as `list` shows it: everything but the reporter, the report
    // named after it, exit 5 (`Keys::opens_for_listing`). It refused the whole report, exit
    // 1 (`privacy::show_of_a_report_whose_identity_was_swapped_shows_all_but_the_reporter`).
    // A reveal still refuses: it shows nothing it cannot open, and logs nothing.
    let opened = if reveal {
        keys.open(&conn, &mut report)?;
        true
    } else {
        keys.opens_for_listing(&mut report)
    };
    if !opened {
        unvouched.unopened.key = keys.path().to_owned();
        match edited {
            true => unvouched.unopened.edited.push(report.id),
            false => unvouched.unopened.replaced.push(report.id),
        }
    }
    let communes = crate::app::routing::communes(&conn)?;
    let merged_ids = reports::merged_into_one(&conn, report.id)?;
    let mut merged = match reveal {
        true => keys.merged(&conn, &merged_ids)?,
        false => keys.merged_for_listing(&conn, &merged_ids)?,
    };
    // Its reporter's name unknown, any name in its texts is hidden by its shape.
    merged.erased |= !opened;
    let result_as_kept = report.result_text.clone();
    as_seen_by(
        &conn,
        &actor,
        &communes,
        &merged,
        &mut report,
        RowVouched::Known(!edited),
    )?;
    if reveal {
        crate::app::pause_point("reveal:opened");
        let written = reason.as_deref().unwrap_or_default();
        // `audit reveals` shows the reason to the auditor, who may not see the identity:
        // one typed into it ("gọi lại anh Bình 0912…") is kept hidden.
        let reason = crate::domain::redact::redact_report(
            written,
            &report.reporter_name,
            report.identity_erased(),
        )
        .text;
        // Nor the other reporters it may name: those of the reports merged into it, revealed
        // with it, and the reporter of a phone it writes (`app::reasons`).
        let reason = crate::domain::redact::hide_reporters(&reason, &merged.names);
        let reason = crate::app::reasons::others_hidden(
            &conn,
            Some(&keys),
            &actor,
            &report,
            true,
            written,
            reason,
        )?;
        if !says_something_once_hidden(&reason) {
            bail!(crate::output::show::reason_hidden("show --reveal"));
        }
        let tx = crate::storage::tx::immediate(&conn)?;
        // Sealed as the row stands under the lock, not as it was read a moment ago.
        let current = reports::load(&tx, report.id)?.unwrap_or_else(|| report.clone());
        // Nor shown as read a moment ago: an erasure committed since destroyed the identity
        // (Law 91/2025/QH15), and a reveal logged after its `erase` event must show nothing
        // (`privacy::a_reveal_racing_an_erasure_shows_no_identity_the_log_says_was_erased`).
        if current.identity_erased() && !report.identity_erased() {
            report.identity = current.identity.clone();
            report.reporter_name = current.reporter_name.clone();
            report.reporter_phone = current.reporter_phone.clone();
        }
        let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
        journal.append(Entry {
            kind: EventKind::Reveal,
            report: Some(Sealed::unchanged(&current)),
            about: None,
            // The app id, sealed: a restore into a backup of another chain, whose report
            // numbers may differ, finds the report by it (`app::backup`). No personal data;
            // and the row's own: the identity, bound to it, opened under it above (an erased
            // one aside, which shows nothing).
            payload: json!({
                "fields": ["reporter_name", "reporter_phone"],
                "reason": reason,
                "external_id": report.external_id,
            })
            .to_string(),
            clocks: None,
        })?;
        drop(journal);
        tx.commit()?;
    }
    let log = events::of_report(&conn, report.id)?;
    let mut setbacks = crate::domain::setbacks::read(&log);
    reasons_as_seen_by(&actor, &report, &merged, &mut setbacks, !edited);
    // The result, to the account whose reply (or answer) the row holds, as it typed it
    // (`access::typed_by`); a row whose text is not that reply's is hidden as it was.
    if let Some(given) = &setbacks.result_given
        && access::typed_by(&actor, &given.by)
        && given.text == result_as_kept
    {
        report.result_text = result_as_kept;
    }
    let mut events: Vec<EventRow> = log
        .into_iter()
        .filter(|e| crate::domain::access::sees_in_history(&actor, &e.action, &e.actor))
        .map(|e| EventRow::of(e, false))
        .collect();
    // A correction a restore could not make again is in the log only in the restore's
    // event, about no report: the history still says the identity was corrected once,
    // by whom and when, under the restore's event number.
    let restores = events::of_actions(
        &conn,
        &[EventKind::Restore.as_str()],
        Some(report.id),
        None,
        None,
    )?;
    for record in &restores {
        // So is a takedown: the result was taken out of public view once, and is not now.
        for (_, at, actor) in crate::domain::setbacks::takedowns_not_reapplied(record)
            .into_iter()
            .filter(|(id, _, _)| *id == report.id)
        {
            events.push(EventRow::in_restore(
                record.id,
                at,
                actor,
                crate::domain::setbacks::TAKEDOWN_NOT_REAPPLIED.to_owned(),
            ));
        }
        for line in crate::domain::reveals::lines(record) {
            if line.report_id == Some(report.id) {
                events.push(EventRow::in_restore(
                    record.id,
                    line.at,
                    line.actor,
                    line.lookup.clone().unwrap_or_default(),
                ));
            }
        }
    }
    events.sort_by_key(|e| e.id);
    let last_return = setbacks.returns.pop();
    let last_send_back = setbacks.send_backs.pop();
    let clocks = clock_rows(&conn, ctx, report.id)?;
    // Under a calendar day or a limit the log does not vouch for, the deadlines counted
    // again are the forged value's, not the log's: the clocks are shown as their rows hold
    // them (counted when the value was the vouched one) and the value is named instead.
    let deadlines_unvouched = crate::app::audit::unvouched_deadline_inputs(&conn)?;
    let clock_unlogged = match &deadlines_unvouched {
        Some(_) => None,
        None => crate::app::audit::unlogged_clock_of(&conn, report.id)?,
    };
    let (reporter_name, reporter_phone) = match opened {
        true => reporter(&report, reveal),
        false => (None, None),
    };
    let identity_erased = report.identity_erased();
    // Named only as the log sealed the reference tables: a name swapped with `sqlite3`
    // would show one agency's code under another's name (`app::audit::unvouched_listed`).
    let (field_name, agency_name) = if report.field.is_some() || report.agency.is_some() {
        match crate::app::audit::unvouched_listed(&conn, &["agencies", "fields"])? {
            Some(_) => (None, None),
            None => (
                match report.field.as_deref() {
                    Some(code) => {
                        crate::storage::reference::load_field(&conn, code)?.map(|f| f.name)
                    }
                    None => None,
                },
                match report.agency.as_deref() {
                    Some(code) => {
                        crate::storage::reference::load_agency(&conn, code)?.map(|a| a.name)
                    }
                    None => None,
                },
            ),
        }
    } else {
        (None, None)
    };
    // To the agency's handler, the round as the agency counts it (`AgencyRound`): a ward
    // given a report another agency returned read the report's "lượt 2" as a send-back.
    let agency_round = match (&actor.agency, &report.agency) {
        (Some(own), Some(holder)) if actor.role == Role::Handler && own == holder => {
            let rounds = clocks::processing_rounds(&conn, report.id)?;
            Some(crate::domain::clocks::agency_round(
                &rounds,
                own,
                i64::from(report.round),
            ))
        }
        _ => None,
    };
    let view = View {
        agency_round,
        field_name,
        agency_name,
        id: report.id,
        status_label: report.status.text(ctx.lang).into_owned(),
        status: report.status,
        submitted_at: time::format(&report.submitted_at),
        occurred_at: report.occurred_at.as_ref().map(time::format),
        external_id: report.external_id,
        field: report.field,
        agency: report.agency,
        urgent: report.urgent,
        confidential: report.confidential,
        state_secret: report.state_secret,
        consent: report.consent,
        consent_withdrawn_at,
        content: report.content,
        media: report.media,
        latitude: report.latitude,
        longitude: report.longitude,
        address: report.address,
        commune: report.commune,
        reporter_name,
        reporter_phone,
        personal_data_revealed: reveal && !identity_erased,
        identity_erased,
        identity_unopened: !opened,
        category_hint: report.category_hint,
        round: report.round,
        returns: report.returns,
        send_backs: report.send_backs,
        last_return_agency: last_return.as_ref().map(|r| r.agency.clone()),
        last_return_by: last_return.as_ref().map(|r| r.by.clone()),
        last_return_at: last_return.as_ref().map(|r| r.at.clone()),
        last_return_reason: last_return.map(|r| r.reason),
        last_send_back_by: last_send_back.as_ref().map(|s| s.by.clone()),
        last_send_back_at: last_send_back.as_ref().map(|s| s.at.clone()),
        last_send_back_round: last_send_back.as_ref().map(|s| s.round),
        last_send_back_reason: last_send_back.map(|s| s.reason),
        result_sent_back: setbacks.result_sent_back,
        unpublished_by: setbacks.unpublished.as_ref().map(|u| u.by.clone()),
        unpublished_at: setbacks.unpublished.as_ref().map(|u| u.at.clone()),
        unpublished_reason: setbacks.unpublished.map(|u| u.reason),
        reject_reasons: report.reject_reasons,
        result: report.result_text,
        rating: report.rating,
        duplicate_of: report.duplicate_of,
        clocks,
        events,
    };
    Ok(Shown {
        view,
        unvouched,
        clock_unlogged,
        deadlines_unvouched,
    })
}

/// A time the clocks table holds, or an error naming it (the table was edited).
fn storage_time(text: &str) -> Result<time::Timestamp> {
    crate::storage::clocks::parse_time(text)
}

/// The clocks of a report with their state at the context's `now`.
fn clock_rows(conn: &Connection, ctx: &Context, report_id: i64) -> Result<Vec<ClockRow>> {
    let soon = (crate::app::settings::value(conn, "sweep.due_soon_minutes")? * 60.0) as i64;
    let deadlines = crate::app::deadlines::Deadlines::load(conn)?;
    let mut judged_under = None;
    clocks::of_report(conn, report_id)?
        .into_iter()
        .map(|c| {
            // A running clock is recomputed under the calendar in force, so the days its
            // deadline was counted across are that calendar's; a stopped one keeps the
            // calendar it was judged under, whose guess stays a guess once entered
            // (yearturn4: the note went with the stop) (docs/rules.md §3).
            let judged = match c.stop_event {
                Some(stop) if c.stopped_at.is_some() => {
                    let before = match &mut judged_under {
                        Some(before) => before,
                        None => judged_under.insert(crate::app::deadlines::BeforeEach::new(conn)?),
                    };
                    before.for_clock(c.report_id, c.stage, c.round, stop)?
                }
                _ => std::rc::Rc::clone(&deadlines),
            };
            let calendar = &judged.calendar;
            let days_off_by_rule = match time::stored(&c.started_at) {
                Some(start) => {
                    let local =
                        |t: &time::Timestamp| t.with_timezone(&time::vietnam()).date_naive();
                    let from = local(&start);
                    // Counted in clock hours, only the day it started on decided it.
                    let to = match time::stored(&c.due_at) {
                        Some(due) if c.rule != "clock_hours" => local(&due),
                        _ => from,
                    };
                    calendar.days_off_by_rule(from, to)
                }
                _ => Vec::new(),
            };
            // Said in the time the clock counts (docs/rules.md §3): working time for a
            // working-hours clock, however many days off lie before its deadline.
            let rule = c.counted_rule();
            let left = deadline::distance(
                &ctx.now,
                &storage_time(&c.due_at)?,
                rule,
                &deadlines.calendar,
            );
            Ok(ClockRow {
                left,
                days_off_by_rule,
                state: c.state(&ctx.now, soon)?,
                stage: c.stage,
                round: c.round,
                agency: c.agency,
                started_at: c.started_at,
                rule: c.rule,
                limit_hours: c.limit_seconds as f64 / 3600.0,
                due_at: c.due_at,
                stopped_at: c.stopped_at,
                breached: c.breached,
                calendar_version: c.calendar_version,
            })
        })
        .collect()
}

/// What `list` asks for (each filter optional).
#[derive(Debug, Default)]
pub struct Query {
    pub statuses: Vec<Status>,
    pub agency: Option<String>,
    pub field: Option<String>,
    pub urgent: bool,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub search: Option<String>,
    pub overdue: bool,
    /// With `overdue`: reports that were ever late too, closed ones included.
    pub overdue_ever: bool,
    pub limit: Option<u64>,
}

/// The database for an account that may read, that account, and the agency its listing is
/// limited to: the one asked for, or a handler's own (Đ16.3; asking for another is refused and logged).
fn reader(ctx: &Context, asked: Option<String>) -> Result<(Connection, Actor, Option<String>)> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Read, None)?;
    let mut agency = asked
        .map(|typed| crate::app::workflow::agency_filter(&conn, &typed))
        .transpose()?;
    if actor.role == Role::Handler {
        let own = actor.agency.clone().unwrap_or_default();
        if let Some(asked) = agency.as_ref().filter(|a| **a != own) {
            let refusal = Refusal::OtherAgencyFilter {
                own,
                asked: asked.clone(),
            };
            return Err(ctx.log_refused(&conn, &actor, Operation::Read, None, &refusal));
        }
        agency = Some(own);
    }
    Ok((conn, actor, agency))
}

/// `list --due`'s rows, ready to be streamed ([`DueList::for_each`]), with what the log
/// does not vouch for among what they print.
pub struct DueList {
    conn: Connection,
    end: String,
    agency: Option<String>,
    urgent: bool,
    now: time::Timestamp,
    soon_seconds: i64,
    /// The calendar the time left is counted in.
    deadlines: std::rc::Rc<crate::app::deadlines::Deadlines>,
    /// Listed for a handler, whose return windows the list leaves out.
    handler: bool,
    /// Judged before the first row is printed, so that no row prints a name the log does
    /// not vouch for; named only if a row would have printed one.
    names: Option<crate::domain::audit::ChainBreak>,
}

/// `list --due DATE`: the open duty clocks due before the end of `date`, overdue ones
/// included, per agency (the portal's dispatch clocks first), urgent first, then by deadline.
/// The agencies' names are judged against the log once per run (a fold of the log's events
/// about no report): the names a swap in `agencies` would put on another agency's cases are
/// left out, and the deadlines still listed, as the sweep does, so that one `sqlite3` edit
/// does not hide from the desk what falls due. The rows are streamed: a backlog's 190,000
/// due clocks held in one list, then laid out as one table, took the list to 706 MB.
/// The judgement, the rows and the check of the open deadlines after them are one snapshot
/// of the file, held until the list is dropped: read apart, two names swapped with
/// `sqlite3` once they were judged were the ones the rows printed
/// (`forged_events::a_due_list_over_agency_names_swapped_while_it_runs_prints_the_vouched_names`).
pub fn due(
    ctx: &Context,
    date: chrono::NaiveDate,
    agency: Option<String>,
    urgent: bool,
) -> Result<DueList> {
    let (conn, actor, agency) = reader(ctx, agency)?;
    let handler = actor.role == Role::Handler;
    crate::storage::tx::hold_snapshot(&conn)?;
    let end = date
        .succ_opt()
        .map(|d| time::format(&time::start_of_day(d)))
        .unwrap_or_else(|| "9999".to_owned());
    let soon_seconds =
        (crate::app::settings::value(&conn, "sweep.due_soon_minutes")? * 60.0) as i64;
    let names = crate::app::audit::unvouched_agencies(&conn)?;
    let deadlines = crate::app::deadlines::Deadlines::load(&conn)?;
    crate::app::pause_point("due:checked");
    Ok(DueList {
        deadlines,
        handler,
        conn,
        end,
        agency,
        urgent,
        now: ctx.now,
        soon_seconds,
        names,
    })
}

/// What `list --due` printed that the log does not vouch for: the `agencies` row a row
/// would have named an agency by (the rows gave codes alone), and the reports printed whose
/// rows are not as the log sealed them last.
pub struct DueUnvouched {
    pub names: Option<crate::domain::audit::ChainBreak>,
    pub rows: Unvouched,
    /// The reports the log has events of and those the file holds, when they differ: a
    /// report deleted whole with `sqlite3` (the trigger that keeps reports dropped and put
    /// back) took its late clock out of the desk's lists with it, exit 0
    /// (`forged_events::the_desks_lists_over_a_report_deleted_with_sqlite3_name_the_difference`).
    /// One index-only count (`storage::periodic::reports_uncounted`), as `report` makes.
    pub reports: Option<(u64, u64)>,
}

impl DueList {
    /// Streams the rows, in the list's order (`each` says whether it printed one: a table
    /// shows a screenful and counts the rest), and returns what of those printed the log
    /// does not vouch for. A row prints its report's app id and urgent flag as the report's
    /// row stands, and the flag puts it first: a report made urgent with `sqlite3` headed
    /// the desk's list, exit 0
    /// (`forged_events::a_due_list_over_a_report_row_edited_with_sqlite3_names_the_row`).
    /// Each report printed is judged against its last seal, as `list` judges its rows: one
    /// primary-key read and one index step per row printed.
    pub fn for_each(&self, mut each: impl FnMut(DueRow) -> Result<bool>) -> Result<DueUnvouched> {
        let mut named = false;
        let mut edited = Vec::new();
        let now = time::format(&self.now);
        clocks::for_each_due_before(
            &self.conn,
            &self.end,
            self.agency.as_deref(),
            self.urgent,
            |c, rule| {
                let overdue = c.due_at.as_str() < now.as_str();
                let due = storage_time(&c.due_at)?;
                let minutes_left = (due - self.now).num_minutes();
                let left = deadline::distance(&self.now, &due, rule, &self.deadlines.calendar);
                named |= c.agency_name.is_some();
                let report_id = c.report_id;
                let sent_back = c.stage == crate::domain::deadline::Stage::Process
                    && events::round_sent_back(&self.conn, report_id)?;
                // A handler's list says the round as the agency counts it (`AgencyRound`).
                let agency_round = match (&self.agency, &c.agency) {
                    (Some(own), Some(holder))
                        if self.handler
                            && own == holder
                            && c.stage == crate::domain::deadline::Stage::Process =>
                    {
                        let rounds = clocks::processing_rounds(&self.conn, report_id)?;
                        Some(crate::domain::clocks::agency_round(&rounds, own, c.round).own)
                    }
                    _ => None,
                };
                let shown = each(DueRow {
                    agency: c.agency,
                    agency_name: c.agency_name.filter(|_| self.names.is_none()),
                    report_id: c.report_id,
                    id: c.report_id,
                    external_id: c.external_id,
                    urgent: c.urgent,
                    stage: c.stage,
                    round: c.round,
                    due_at: c.due_at,
                    overdue,
                    minutes_left,
                    minutes_left_counted: left.signed_minutes(),
                    left,
                    due_soon: !overdue && minutes_left * 60 <= self.soon_seconds,
                    sent_back,
                    agency_round,
                })?;
                if shown
                    && !edited.contains(&report_id)
                    && let Some(report) = reports::load(&self.conn, report_id)?
                    && !events::sealed_as_it_stands(&self.conn, &report)?
                {
                    edited.push(report_id);
                }
                Ok(())
            },
        )?;
        Ok(DueUnvouched {
            names: self.names.clone().filter(|_| named),
            rows: Unvouched::of(&self.conn, edited)?,
            reports: crate::storage::periodic::reports_uncounted(&self.conn)?,
        })
    }

    /// For a handler: how many of their agency's return windows (Đ8.1.b) are still open, and
    /// the earliest end. The list leaves them out (a window, not a duty: docs/rules.md §3),
    /// but "nothing falls due" read as nothing to act on while a return after the window is
    /// charged as late.
    pub fn return_windows(&self) -> Result<Option<(u64, String)>> {
        let Some(agency) = self.agency.as_deref().filter(|_| self.handler) else {
            return Ok(None);
        };
        let (count, earliest) =
            clocks::open_return_windows(&self.conn, agency, &time::format(&self.now))?;
        Ok(earliest.filter(|_| count > 0).map(|at| (count, at)))
    }

    /// A handler's urgent reports whose deadline falls after the day the list stops at: on
    /// a day off a 24-hour clock started this morning falls due tomorrow, and "nothing due
    /// today" hid the one report Đ8.1.b asks to act on at once. (id, deadline), earliest
    /// first.
    pub fn urgent_beyond(&self) -> Result<Vec<(i64, String)>> {
        let Some(agency) = self.agency.as_deref().filter(|_| self.handler) else {
            return Ok(Vec::new());
        };
        clocks::urgent_due_after(&self.conn, agency, &self.end)
    }

    /// The one agency the list is held to (a handler's own, or `--agency`), with its name
    /// when the log vouches for the agencies' names.
    pub fn pinned_agency(&self) -> Result<Option<(String, Option<String>)>> {
        pinned_agency(&self.conn, self.agency.as_deref(), self.names.is_none())
    }

    /// Every open clock, not only the listed ones: a deadline moved later takes its clock
    /// out of the list (the cron sweep names it too, but the desk reads this list). A clock
    /// under another calendar is the next sweep's to recompute, as the sweep's own check
    /// leaves it. A report whose duty clock is gone is not among the rows either.
    pub fn deadline_edited(&self) -> Result<Option<crate::domain::clocks::OpenUnvouched>> {
        crate::app::deadlines::judge_open(&self.conn, crate::app::deadlines::OpenReader::List)
    }
}

/// How many of an agency's latest returns an empty `list --status returned` names.
const RETURNS_NAMED: u64 = 10;

/// A `list` whose access and filter are checked, ready to be read.
pub struct Listed {
    conn: Connection,
    filter: reports::Filter,
    /// Folded, matched against the texts as the reader sees them: searching for a phone
    /// number a leader may not see finds nothing.
    search: Option<String>,
    /// The same search as an app id compares loosely (`domain::intake::id_key`): the
    /// digits a citizen reads off the app's receipt find the report by its app id.
    search_id: Option<String>,
    limit: Option<u64>,
    keys: crate::app::vault::Keys,
    actor: Actor,
    /// The province's communes: another commune is hidden as `as_seen_by` says.
    communes: crate::domain::routing::Communes,
    /// The reports merged into others, by the report they were merged into.
    merged: std::collections::HashMap<i64, Vec<i64>>,
    /// The tool's clock: how late an overdue clock is, at it.
    now: time::Timestamp,
    /// `list --overdue` listed a report by a clock stopped after its moment, read as
    /// running then (`Listed::stopped_unvouched`).
    read_stopped: std::cell::Cell<bool>,
    /// The first running clock `list --overdue` listed a report by that its report's step
    /// keeps no clock of (`Listed::deadline_edited`).
    stray: std::cell::RefCell<Option<crate::domain::clocks::OpenUnvouched>>,
    /// The calendar `list --overdue` counts how late a clock is in (not loaded otherwise).
    deadlines: Option<std::rc::Rc<crate::app::deadlines::Deadlines>>,
    /// The reports waiting at reception that may be an earlier one sent again, with it
    /// (`waiting_repeats`).
    repeats: std::collections::HashMap<i64, i64>,
}

/// The reports waiting at reception (`waiting`) that may be an earlier report sent again,
/// with that one (`validate::possible_repeats`): the hint reception acts on, where the desk
/// mostly looks. Over the reception queue whatever the filter (the hint is the report's,
/// not the listing's), so a listing costs one pass over the reports submitted from a week
/// before the oldest waiting one; none while more than `intake::REPEAT_HINT_MAX_RUN` wait,
/// as `validate` bounds its run.
fn waiting_repeats(
    conn: &Connection,
    waiting: &[Status],
) -> Result<std::collections::HashMap<i64, i64>> {
    let ids = reports::ids_with_status(conn, waiting)?;
    Ok(crate::app::validate::possible_repeats(conn, &ids)?
        .unwrap_or_default()
        .into_iter()
        .collect())
}

/// `list`: checks the reader and the query; the rows come from `Listed::for_each`.
pub fn list(ctx: &Context, query: &Query) -> Result<Listed> {
    let (conn, actor, agency) = reader(ctx, query.agency.clone())?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        let said = crate::output::report::refusals::range_backwards(from, to);
        return Err(crate::exit::Failure::usage(said).into());
    }
    // Overdue, an agency is the holder of the late clock (docs/rules.md §3): a report it
    // returned is the portal's to re-dispatch, and its own late return stays its own once
    // the report has gone elsewhere — to its handler too, who must see every case the
    // scores charge the agency with. Such a row is masked and redacted as for any reader
    // who may not see the identity, and the report is not theirs to `show`.
    let overdue_agency = agency.clone().filter(|_| query.overdue);
    let agency = agency.filter(|_| !query.overdue);
    let filter = reports::Filter {
        statuses: query.statuses.clone(),
        agency,
        overdue_agency,
        field: query
            .field
            .as_deref()
            .map(|typed| crate::app::workflow::field_filter(&conn, typed))
            .transpose()?,
        urgent: query.urgent.then_some(true),
        submitted_from: query.from.map(|d| time::format(&time::start_of_day(d))),
        submitted_before: query
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| time::format(&time::start_of_day(d))),
        overdue_at: query.overdue.then(|| ctx.now_text()),
        overdue_ever: query.overdue_ever,
    };
    // Even masked, a name is read from the sealed identity.
    let keys = ctx.keys(&conn)?;
    let communes = crate::app::routing::communes(&conn)?;
    let merged = reports::merged_into(&conn)?;
    let deadlines = query
        .overdue
        .then(|| crate::app::deadlines::Deadlines::load(&conn))
        .transpose()?;
    let waiting = [Status::Received, Status::Accepted];
    let repeats = if !query.overdue
        && access::authorize(&actor, access::Operation::Validate, None).is_ok()
        && (query.statuses.is_empty() || query.statuses.iter().any(|s| waiting.contains(s)))
    {
        waiting_repeats(&conn, &waiting)?
    } else {
        Default::default()
    };
    Ok(Listed {
        repeats,
        merged,
        conn,
        filter,
        search: query.search.as_deref().map(fold),
        search_id: query
            .search
            .as_deref()
            .map(|typed| crate::domain::intake::id_key(typed.trim())),
        limit: query.limit,
        keys,
        actor,
        communes,
        now: ctx.now,
        read_stopped: std::cell::Cell::new(false),
        stray: std::cell::RefCell::new(None),
        deadlines,
    })
}

impl Listed {
    /// After the rows: the reports the log has events of and those the file holds, when
    /// they differ (a report deleted is in no listing).
    pub fn reports_uncounted(&self) -> Result<Option<(u64, u64)>> {
        crate::storage::periodic::reports_uncounted(&self.conn)
    }

    /// After the rows: the reports the filter left out whose rows were moved out of it
    /// behind the tool's back, the log having last sealed them with a status, agency or
    /// urgency it asks for (`storage::reports::sealed_under_filter_elsewhere`). A row moved
    /// into the filter is listed, and named as any row not as its seal left it.
    pub fn left_out_by_edits(&self) -> Result<Vec<i64>> {
        reports::sealed_under_filter_elsewhere(&self.conn, &self.filter)
    }

    /// The agency a handler's listing is held to (their own): what an empty listing names.
    pub fn own_agency(&self) -> Option<&str> {
        match self.actor.role {
            Role::Handler => self.actor.agency.as_deref(),
            _ => None,
        }
    }

    /// The one agency the list is held to (a handler's own, or `--agency`; with
    /// `--overdue`, the agency holding every late clock listed), with its name when the log
    /// vouches for the agencies' names.
    pub fn pinned_agency(&self) -> Result<Option<(String, Option<String>)>> {
        let held = self.filter.agency.as_deref();
        let Some(agency) = held.or(self.filter.overdue_agency.as_deref()) else {
            return Ok(None);
        };
        let vouched = crate::app::audit::unvouched_agencies(&self.conn)?.is_none();
        pinned_agency(&self.conn, Some(agency), vouched)
    }

    /// The agency a listing held to one (a handler's own, or `--agency`) that asked for
    /// returned reports: such a report waits for the portal's re-dispatch and is in no
    /// agency's list (`storage::reports::for_each_listed`), which an empty listing says.
    pub fn returned_left_out(&self) -> Option<&str> {
        let asked = self.filter.statuses.contains(&Status::Returned);
        self.filter.agency.as_deref().filter(|_| asked)
    }

    /// The reports the agency of `returned_left_out` returned, latest first: the numbers an
    /// officer asking for them looks up one by one, as returns count in the agency's score
    /// (Đ13.7).
    pub fn returned_by_agency(&self) -> Result<Option<crate::output::show::Returned>> {
        let Some(agency) = self.returned_left_out() else {
            return Ok(None);
        };
        let (latest, total) =
            crate::storage::clocks::returned_by(&self.conn, agency, RETURNS_NAMED)?;
        Ok(Some(crate::output::show::Returned {
            agency: agency.to_owned(),
            latest,
            total,
        }))
    }

    /// `list --overdue`: the same reports, each with the clock it is listed for.
    /// The first open duty clock whose deadline is not the one the log gives
    /// (`app::deadlines::judge_open`): moved past the moment, it is not among the overdue
    /// rows; nor is a report whose duty clock is gone. Judged over every open clock, once
    /// per run. Else, after the rows, the first running clock they were listed by that is
    /// of a step their report is not at (`domain::clocks::stray_duty`): the pass reads the
    /// open clocks through `clocks_open_by_due` and the list by each report, so one opened
    /// again with `sqlite3` and left out of that index listed the dispatch desk late over a
    /// report an agency held, exit 0, unnamed
    /// (`forged_events::a_stopped_clock_opened_again_and_left_out_of_its_index_frames_no_desk`).
    pub fn deadline_edited(&self) -> Result<Option<crate::domain::clocks::OpenUnvouched>> {
        Ok(
            crate::app::deadlines::judge_open(&self.conn, crate::app::deadlines::OpenReader::List)?
                .or_else(|| self.stray.take()),
        )
    }

    /// `list --overdue`, after its rows: the first stopped clock that does not hold against
    /// the log, with what does not (`app::report::first_stopped_fault`), whenever the list
    /// read stopped clocks' rows: with `--ever` their late flags put each report that ever
    /// ran late in the list; at a moment before the log's last event a clock stopped since
    /// reads as running then, and its start, stop and deadline put its report in the list
    /// or kept it out; and a report listed by a clock stopped after the moment, which no
    /// honest file has at its latest moment, may be a stop moved into the future: a closed
    /// report listed as running late, its agency charged. Each edited with `sqlite3` went
    /// unnoticed, exit 0
    /// (`forged_events::an_overdue_list_over_a_stopped_clock_edited_with_sqlite3_names_the_clock`).
    /// Today's list of an honest file judges nothing more: the last event is read by its
    /// id, not by a scan of the log for its latest time. None for the other lists, which
    /// read no stopped clock.
    pub fn stopped_unvouched(&self) -> Result<Option<crate::domain::periodic::StoppedUnvouched>> {
        let Some(moment) = &self.filter.overdue_at else {
            return Ok(None);
        };
        let past = || -> Result<bool> {
            Ok(crate::storage::events::last_written_at(&self.conn)?
                .is_some_and(|last| last.as_str() > moment.as_str()))
        };
        if self.filter.overdue_ever || self.read_stopped.get() || past()? {
            let found = crate::app::report::first_stopped_fault(&self.conn)?;
            return Ok(
                found.map(|fault| crate::domain::periodic::StoppedUnvouched {
                    fault,
                    by_late_flags: self.filter.overdue_ever,
                }),
            );
        }
        Ok(None)
    }

    /// As [`Listed::for_each`], each row with its late clock; the same rows unvouched.
    pub fn for_each_overdue(
        &self,
        mut each: impl FnMut(OverdueRow) -> Result<bool>,
    ) -> Result<Unvouched> {
        let now = self.filter.overdue_at.clone().unwrap_or_default();
        self.for_each(|row| {
            let Some(clock) = clocks::late_clock(
                &self.conn,
                row.id,
                &now,
                self.filter.overdue_ever,
                self.filter.overdue_agency.as_deref(),
            )?
            else {
                return Ok(false);
            };
            if clock.stopped_at.is_some() {
                self.read_stopped.set(true);
            } else if crate::domain::clocks::stray_duty(Some(row.status), clock.stage) {
                // The row and its clock are read in one snapshot, where every step stops
                // the clock it ends as it changes the status: only an edit disagrees.
                self.stray.borrow_mut().get_or_insert(
                    crate::domain::clocks::OpenUnvouched::Stray {
                        clock: clock.id,
                        report_id: row.id,
                        stage: clock.stage,
                        status: Some(row.status),
                    },
                );
            }
            // How late: until now while it runs, until it stopped once it ended late.
            let until = match (&clock.stopped_at, clock.open) {
                (Some(at), false) => time::stored(at),
                _ => Some(self.now),
            };
            let due = time::stored(&clock.due_at);
            let overdue_minutes = due
                .zip(until)
                .map(|(due, until)| (until - due).num_minutes())
                .unwrap_or_default();
            // Said as `show` says it: in the time the clock counts (working time for a
            // working-hours clock), not hours that ran through nights and days off.
            let overdue_by = due
                .zip(until)
                .zip(self.deadlines.as_ref())
                .map(|((due, until), d)| deadline::distance(&until, &due, clock.rule, &d.calendar));
            each(OverdueRow {
                overdue_minutes,
                overdue_by,
                id: row.id,
                external_id: row.external_id,
                submitted_at: row.submitted_at,
                status: row.status,
                urgent: row.urgent,
                field: row.field,
                agency: row.agency,
                commune: row.commune,
                reporter_name: row.reporter_name,
                identity_erased: row.identity_erased,
                content: row.content,
                overdue_stage: clock.stage,
                overdue_round: clock.round,
                overdue_agency: clock.agency,
                overdue_due_at: clock.due_at,
                overdue_open: clock.open,
                overdue_new: clock.open && clock.reminded_at.is_none(),
                overdue_reminded_at: clock.reminded_at,
            })
        })
    }

    /// Streams the listed reports, urgent first, reporters masked: a list never reveals.
    /// Each row is listed as it stands; those printed (`each` says whether it printed one: a
    /// table shows a screenful and counts the rest) that the log does not vouch for (edited
    /// or inserted with `sqlite3`, or sealed last by an event that does not hold) are
    /// returned, for the list to name after its rows, as `show` names one. Checking every
    /// row of a table that shows fifty took `list` of 200,000 reports from 2.2 to 5.4 s.
    pub fn for_each(&self, mut each: impl FnMut(ListRow) -> Result<bool>) -> Result<Unvouched> {
        let mut listed = 0u64;
        let mut rows = Vec::new();
        let mut unopened = Unopened {
            key: self.keys.path().to_owned(),
            ..Unopened::default()
        };
        reports::for_each_listed(&self.conn, &self.filter, |mut r| {
            if self.limit.is_some_and(|limit| listed >= limit) {
                return Ok(false);
            }
            // Judged on the row as read, before its identity is opened or masked.
            let read = r.clone();
            // Judged before the texts are shown only where the reader's right rests on the
            // row (a handler's own agency's reports: a short list); the others' rows printed
            // are judged after (`each`), as a table of fifty is.
            let vouched = if access::identity_right_rests_on_the_row(self.actor.role)
                && access::may_see_identity(&self.actor, Target::from(&read))
            {
                Some(events::sealed_as_it_stands(&self.conn, &read)?)
            } else {
                None
            };
            let opened = self.keys.opens_for_listing(&mut r);
            let mut merged = match self.merged.get(&r.id) {
                Some(ids) => self.keys.merged_for_listing(&self.conn, ids)?,
                None => Default::default(),
            };
            // Its reporter's name unknown, any name in its texts is hidden by its shape, as
            // an erased reporter's is.
            merged.erased |= !opened;
            let shown_vouched = match vouched {
                Some(vouched) => RowVouched::Known(vouched),
                None => RowVouched::Unjudged(&read),
            };
            as_seen_by(
                &self.conn,
                &self.actor,
                &self.communes,
                &merged,
                &mut r,
                shown_vouched,
            )?;
            if let Some(needle) = &self.search
                && !fold(&format!("{} {} {}", r.content, r.address, r.commune)).contains(needle)
                && !self
                    .search_id
                    .as_ref()
                    .is_some_and(|id| crate::domain::intake::id_key(&r.external_id).contains(id))
            {
                return Ok(true);
            }
            listed += 1;
            let sent_back =
                r.status == Status::Assigned && events::round_sent_back(&self.conn, r.id)?;
            let mut row = list_row(r, sent_back);
            row.repeat_of = self.repeats.get(&row.id).copied();
            if !opened {
                row.reporter_name = None;
                row.identity_unopened = true;
                if events::sealed_as_it_stands(&self.conn, &read)? {
                    unopened.replaced.push(read.id);
                } else {
                    unopened.edited.push(read.id);
                }
            }
            if each(row)?
                && !match vouched {
                    Some(vouched) => vouched,
                    None => events::sealed_as_it_stands(&self.conn, &read)?,
                }
            {
                rows.push(read.id);
            }
            Ok(true)
        })?;
        Ok(Unvouched {
            unopened,
            ..Unvouched::of(&self.conn, rows)?
        })
    }
}

/// The report rows `show` or a listing printed that the log does not vouch for as they
/// stand, by report number (edited or inserted with `sqlite3`), and among them those
/// sealed last by an event that does not hold in the chain (the report and that event), as
/// the exports name the rows they leave out.
#[derive(Debug, Default)]
pub struct Unvouched {
    pub rows: Vec<i64>,
    pub unheld: Vec<(i64, i64)>,
    /// Listed reports whose sealed identity the key does not open (`Keys::opens_for_listing`),
    /// whether or not their rows were printed: each is listed without its reporter.
    pub unopened: Unopened,
}

/// The reports a listing could not open the identity of, under the key at `key`: those
/// whose row is no longer the one the log sealed (the identity swapped or copied from
/// another report: a backup brings it back, `erase` refuses an edited row), and those
/// whose row is, their own key replaced in place (which the seal does not cover, as `key
/// rotate` re-wraps it: `erase` lets work go on).
#[derive(Debug, Default)]
pub struct Unopened {
    pub key: std::path::PathBuf,
    pub edited: Vec<i64>,
    pub replaced: Vec<i64>,
}

impl Unvouched {
    /// `rows`, found not as their last seal left them, with the seals among them that do
    /// not hold.
    fn of(conn: &Connection, rows: Vec<i64>) -> Result<Unvouched> {
        let unheld = crate::storage::journal::unheld_among(conn, &rows)?;
        Ok(Unvouched {
            rows,
            unheld,
            unopened: Unopened::default(),
        })
    }
}

/// An agency's code and, when `vouched`, its name as `agencies` holds it.
fn pinned_agency(
    conn: &Connection,
    agency: Option<&str>,
    vouched: bool,
) -> Result<Option<(String, Option<String>)>> {
    let Some(code) = agency else {
        return Ok(None);
    };
    let name = match vouched {
        true => crate::storage::reference::load_agency(conn, code)?.map(|a| a.name),
        false => None,
    };
    Ok(Some((code.to_owned(), name)))
}

/// A listing's row of a report already as its reader may see it (`as_seen_by`): the name
/// masked.
fn list_row(r: Report, sent_back: bool) -> ListRow {
    let (name, _) = reporter(&r, false);
    ListRow {
        identity_erased: r.identity_erased(),
        identity_unopened: false,
        id: r.id,
        external_id: r.external_id,
        submitted_at: time::format(&r.submitted_at),
        status: r.status,
        urgent: r.urgent,
        field: r.field,
        agency: r.agency,
        commune: r.commune,
        reporter_name: name,
        content: r.content,
        sent_back,
        repeat_of: None,
    }
}

/// `list --phone PHONE --reason TEXT`: the reports sent from one phone number, for the
/// admin answering a reporter who asks what is held about them, who saw it, or to be
/// erased (Law 91/2025/QH15: the data subject's rights). Every report's identity is opened
/// to compare its phone, but none is shown: the rows are masked as `list`'s, and the admin
/// goes on report by report (`show --reveal`, `audit reveals --report`, `erase`). The
/// lookup is a reveal about no one report, logged before any row is shown with the reason
/// and the reports it found, and logged when it found none: "did this number ever send a
/// report?" is itself answered about a person. The phone is not logged (a 10-digit number
/// is found again from any digest of it by trying them all); a name or phone typed into
/// the reason is hidden as a full export's is.
/// A report row the log does not vouch for is not compared (its identity blanked with
/// `sqlite3` read as erased, and the citizen was told of 3 reports where they sent 4,
/// exit 0): it is returned apart, for the lookup to name after what it found, and the
/// logged lookup records it (`reports_unjudged`), as it records the reports whose identity
/// the key does not open (`reports_unopened`), which the logged lookup left out
/// (`privacy::identity_keys_swapped_with_sqlite3_stop_no_lookup_by_phone`).
pub fn find_by_phone(ctx: &Context, typed: &str, reason: &str) -> Result<FoundByPhone> {
    let reason = crate::domain::text::nfc(reason.trim());
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::FindReporter, None)?;
    if !says_something(&reason) {
        bail!(crate::output::show::reason_needed("list --phone"));
    }
    if crate::domain::statement::too_long_for_a_reason(&reason) {
        // Logged as any refused step is; the reason not kept: too long to be anything but
        // the request letter itself.
        return Err(ctx.log_refused_noting(
            &conn,
            &actor,
            Operation::FindReporter,
            None,
            crate::output::show::reason_too_long("list --phone"),
            json!({}),
        ));
    }
    let Some(sought) = crate::domain::reveals::sought_phone(typed) else {
        bail!(crate::output::show::not_a_phone());
    };
    // Without the key nothing can be compared, and nothing is logged.
    let keys = ctx.keys(&conn)?;
    let communes = crate::app::routing::communes(&conn)?;
    // One snapshot: the rows judged are the rows compared.
    let read = crate::storage::tx::snapshot(&conn)?;
    let searched = SentFrom::search(&read, &keys, std::slice::from_ref(&sought))?;
    let found = searched.found;
    let erased = searched.erased;
    let mut unjudged = Unvouched::of(&read, searched.unjudged)?;
    unjudged.unopened = searched.unopened;
    drop(read);
    let logged_reason = logged_reason(&reason, &found);
    if !says_something_once_hidden(&logged_reason) {
        bail!(crate::output::show::reason_hidden("list --phone"));
    }
    let tx = crate::storage::tx::immediate(&conn)?;
    ctx.note(
        &tx,
        &actor.username,
        EventKind::Reveal,
        phone_lookup(
            &found,
            None,
            &logged_reason,
            &unjudged.rows,
            &unjudged.unopened.replaced,
        )
        .to_string(),
    )?;
    tx.commit()?;
    let rows = found
        .into_iter()
        .map(|mut r| {
            as_seen_by(
                &conn,
                &actor,
                &communes,
                &Default::default(),
                &mut r,
                RowVouched::Known(true),
            )?;
            let sent_back = r.status == Status::Assigned && events::round_sent_back(&conn, r.id)?;
            Ok(list_row(r, sent_back))
        })
        .collect::<Result<_>>()?;
    Ok(FoundByPhone {
        rows,
        unjudged,
        erased,
    })
}

/// The record of a lookup by phone (`list --phone`; `export subject`, `command`, when it
/// refuses a phone's reports sent under several names): which reports the phone sent, never
/// the phone itself, with the reason as logged (`logged_reason`).
pub(super) fn phone_lookup(
    found: &[Report],
    command: Option<&str>,
    reason: &str,
    unjudged: &[i64],
    unopened: &[i64],
) -> serde_json::Value {
    let mut note = json!({ "lookup": "phone" });
    if let Some(command) = command {
        note["command"] = json!(command);
    }
    note["rows"] = json!(found.len());
    note["reports"] = json!(found.iter().map(|r| r.id).collect::<Vec<_>>());
    // For a restore into another chain, whose report numbers may differ.
    note["external_ids"] = json!(
        found
            .iter()
            .map(|r| r.external_id.as_str())
            .collect::<Vec<_>>()
    );
    note["reason"] = json!(reason);
    note["reports_unjudged"] = json!(unjudged);
    // Rows the log vouches for whose identity the key does not open: not searched either,
    // so the request's record says it is incomplete, and where.
    note["reports_unopened"] = json!(unopened);
    note
}

/// Every report sent from a phone (from any of several, for `export subject`), as `list
/// --phone` and `export subject` search them: each
/// row the log vouches for, its identity opened and compared (`reveals::same_phone`), in
/// report order.
pub(super) struct SentFrom {
    pub found: Vec<Report>,
    /// Rows the log does not vouch for: not compared (an identity blanked with `sqlite3`
    /// would read as erased, and the citizen be told of 3 reports where they sent 4).
    pub unjudged: Vec<i64>,
    /// Rows the log vouches for whose own key was swapped with `sqlite3`: not compared,
    /// named apart as `list` names them (`Keys::opens_for_listing`).
    pub unopened: Unopened,
    /// Identities erased: no phone left to compare, counted for the admin not to answer
    /// "nothing held".
    pub erased: usize,
}

impl SentFrom {
    pub(super) fn search(
        read: &Connection,
        keys: &crate::app::vault::Keys,
        sought: &[String],
    ) -> Result<SentFrom> {
        let mut found = Vec::new();
        let mut unjudged = Vec::new();
        let mut replaced = Vec::new();
        let mut erased = 0;
        reports::for_each_listed(read, &reports::Filter::default(), |mut r| {
            if !events::sealed_as_it_stands(read, &r)? {
                unjudged.push(r.id);
            } else if r.identity_erased() {
                erased += 1;
            } else if !keys.opens_for_listing(&mut r) {
                replaced.push(r.id);
            } else if sought
                .iter()
                .any(|phone| crate::domain::reveals::same_phone(phone, &r.reporter_phone))
            {
                found.push(r);
            }
            Ok(true)
        })?;
        found.sort_by_key(|r| r.id);
        Ok(SentFrom {
            found,
            unjudged,
            unopened: Unopened {
                key: keys.path().to_owned(),
                edited: Vec::new(),
                replaced,
            },
            erased,
        })
    }
}

/// The reason of a lookup by phone as the log keeps it: the clerk answering a request types
/// the requester's name into it, in any order, hidden as each found report's own name is,
/// then any name by its shape (`audit reveals` shows it to the auditor).
pub(super) fn logged_reason(reason: &str, found: &[Report]) -> String {
    let mut logged = reason.to_owned();
    for report in found {
        logged = crate::domain::redact::redact(&logged, &report.reporter_name).text;
    }
    crate::domain::redact::redact_people(&logged).text
}

/// What `list --phone` found: the reports sent from the number, masked, and the report
/// rows it could not judge (edited outside phananh), whose identity it did not compare.
pub struct FoundByPhone {
    pub rows: Vec<ListRow>,
    pub unjudged: Unvouched,
    /// The reports searched whose identity was erased: no phone to compare.
    pub erased: usize,
}
