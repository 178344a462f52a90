//! `export subject --phone PHONE --reason TEXT`: a data subject's access request (Law
//! 91/2025/QH15: the citizen's right to know what is held about them and how it was
//! processed). Every report sent from the phone, with what the tool holds of it and who saw
//! its reporter's identity when (the lines `audit reveals --report` gives for it). An
//! export with identities, so for the roles that take the full export (admin, reception),
//! refused to the others as it is; logged before a row leaves as a reveal about the reports
//! found (`lookup: subject`), which `audit reveals` lists on each of them. Reports are
//! found as `list --phone` finds them (`app::show::find_by_phone`); what is written is
//! `output::subject`'s.

use anyhow::{Result, bail};
use rusqlite::Connection;
use serde_json::json;

use super::Context;
use crate::domain::access::{Actor, Operation};
use crate::domain::event::EventKind;
use crate::domain::report::Report;
use crate::domain::reveals::{self, Access};
use crate::domain::statement::{says_something, says_something_once_hidden};
use crate::domain::time;
use crate::output::subject::{Person, SubjectRow};
use crate::storage::events;

/// Which of the reports sent from the phone the request is for. A phone is a household's:
/// when the reports found carry more than one reporter's name, the admin says which are the
/// requester's (`Reports`, `Name`) after checking them against the request.
#[derive(Debug, Clone, Copy)]
pub enum Pick<'a> {
    /// Every report found, refused when they carry different names.
    All,
    /// Only these reports (numbers or `ext:APPID`), each of them sent from the phone.
    Reports(&'a [String]),
    /// Only the reports whose reporter's name is this one (`reveals::same_name`).
    Name(&'a str),
}

/// The request judged and the reports found, not yet logged: the file it goes to is opened
/// in between (`log`), so that one that cannot be written is never recorded as handed out.
pub struct Pending {
    conn: Connection,
    actor: Actor,
    found: Vec<Report>,
    reason: String,
    /// How many numbers were asked about (never which: the log keeps no phone).
    pub phones: usize,
    /// How the reports were chosen among those of the phone (`report`, `name`), and the
    /// ones left out: the log says what was handed over.
    chosen_by: Option<&'static str>,
    pub left_out: Vec<i64>,
    /// Report rows not as the log sealed them, whose identity was not compared, and those
    /// of their last seals that do not hold in the chain.
    pub unjudged: Vec<i64>,
    pub unheld: Vec<(i64, i64)>,
    /// Reports whose identity was erased: no phone left to compare.
    pub erased: usize,
    /// Reports whose sealed identity the key does not open (own key swapped with
    /// `sqlite3`), not compared, as `list --phone` leaves them (`Keys::opens_for_listing`).
    pub unopened: super::show::Unopened,
}

/// Finds the reports sent from any of the phones `typed` (a citizen who used two numbers
/// asks once, and gets one answer, one logged access) for an account that may take an
/// export with identities, with a reason that says something once a name or phone typed
/// into it is hidden.
pub fn subject(ctx: &Context, typed: &[String], reason: &str, pick: Pick) -> Result<Pending> {
    let reason = crate::domain::text::nfc(reason.trim());
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    // The roles of the full export (this too hands identities out), refused and logged
    // in its own name.
    ctx.authorize(&conn, &actor, Operation::ExportSubject, None)
        .map_err(|e| match e.downcast_ref::<crate::i18n::Localized>() {
            // Marked as the full export's refusal is, for a script reading the kind.
            Some(refusal) => crate::exit::Kind::Forbidden.over(refusal.clone()),
            None => e,
        })?;
    if !says_something(&reason) {
        bail!(crate::output::show::reason_needed("export subject"));
    }
    if crate::domain::statement::too_long_for_a_reason(&reason) {
        // Logged as any refused step is; the reason not kept: too long to be anything but
        // the request letter itself.
        return Err(ctx.log_refused_noting(
            &conn,
            &actor,
            Operation::ExportSubject,
            None,
            crate::output::show::reason_too_long("export subject"),
            serde_json::json!({}),
        ));
    }
    // A `--phone-file` of blank lines names no phone: no lookup of nothing.
    if typed.is_empty() {
        bail!(crate::output::show::not_a_phone());
    }
    let mut sought: Vec<String> = Vec::with_capacity(typed.len());
    for phone in typed {
        let Some(digits) = reveals::sought_phone(phone) else {
            bail!(crate::output::show::not_a_phone());
        };
        // The same number written twice is one number.
        if !sought.contains(&digits) {
            sought.push(digits);
        }
    }
    // Without the key nothing can be compared, and nothing is logged.
    let keys = ctx.keys(&conn)?;
    let (searched, unheld) = {
        // One snapshot: the rows judged are the rows compared.
        let read = crate::storage::tx::snapshot(&conn)?;
        let searched = super::show::SentFrom::search(&read, &keys, &sought)?;
        let unheld = crate::storage::journal::unheld_among(&read, &searched.unjudged)?;
        (searched, unheld)
    };
    let super::show::SentFrom {
        found,
        unjudged,
        unopened,
        erased,
    } = searched;
    let logged = super::show::logged_reason(&reason, &found);
    if !says_something_once_hidden(&logged) {
        bail!(crate::output::show::reason_hidden("export subject"));
    }
    let all: Vec<i64> = found.iter().map(|r| r.id).collect();
    let groups = reveals::by_name(found.iter().map(|r| (r.id, r.reporter_name.as_str())));
    let refuse = |said: crate::i18n::Localized| -> Result<Pending> {
        // The refusal shows which reports the phone sent, by masked name: a lookup by
        // phone, on record as `list --phone`'s is.
        let tx = crate::storage::tx::immediate(&conn)?;
        ctx.note(
            &tx,
            &actor.username,
            EventKind::Reveal,
            super::show::phone_lookup(
                &found,
                Some("export subject"),
                &logged,
                &unjudged,
                &unopened.replaced,
            )
            .to_string(),
        )?;
        tx.commit()?;
        Err(anyhow::anyhow!(said))
    };
    let masked = || {
        groups
            .iter()
            .map(|(name, ids)| (crate::domain::text::mask_name(name), ids.clone()))
            .collect::<Vec<_>>()
    };
    let (chosen, chosen_by): (Vec<i64>, _) = match pick {
        Pick::All if groups.len() > 1 => {
            return refuse(crate::output::subject::names_differ(
                &masked(),
                sought.len(),
            ));
        }
        Pick::All => (all.clone(), None),
        Pick::Reports(references) => {
            let mut ids = Vec::new();
            for reference in references {
                let report = super::resolve(&conn, reference)?;
                if !all.contains(&report.id) {
                    return refuse(crate::output::subject::not_from_phone(
                        report.id,
                        &masked(),
                        sought.len(),
                    ));
                }
                ids.push(report.id);
            }
            (ids, Some("report"))
        }
        Pick::Name(name) => {
            let ids: Vec<i64> = found
                .iter()
                .filter(|r| reveals::same_name(name, &r.reporter_name))
                .map(|r| r.id)
                .collect();
            if ids.is_empty() && !found.is_empty() {
                return refuse(crate::output::subject::name_not_found(
                    &masked(),
                    sought.len(),
                ));
            }
            (ids, Some("name"))
        }
    };
    let left_out: Vec<i64> = all
        .iter()
        .copied()
        .filter(|id| !chosen.contains(id))
        .collect();
    let found = found
        .into_iter()
        .filter(|r| chosen.contains(&r.id))
        .collect();
    Ok(Pending {
        conn,
        actor,
        phones: sought.len(),
        found,
        reason: logged,
        chosen_by,
        left_out,
        unjudged,
        unheld,
        erased,
        unopened,
    })
}

impl Pending {
    /// Logs the request (to `out`, or standard output) as a reveal of the reports found,
    /// then reads who saw each one's identity — this request among them.
    pub fn log(self, ctx: &Context, out: Option<&std::path::Path>) -> Result<Vec<SubjectRow>> {
        let out = out.map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()));
        let mut payload = json!({
                "lookup": "subject",
                "rows": self.found.len(),
                "reports": self.found.iter().map(|r| r.id).collect::<Vec<_>>(),
                // For a restore into another chain, whose report numbers may differ.
                "external_ids": self.found.iter().map(|r| r.external_id.as_str()).collect::<Vec<_>>(),
                "reason": self.reason,
                // A file named after the person is not shown to the auditor either.
                "out": out.map(|p| crate::domain::redact::redact_people(&p.display().to_string()).text),
                "reports_unjudged": self.unjudged,
                // Not searched either: the request's record says where it is incomplete.
                "reports_unopened": self.unopened.replaced,
        });
        if self.phones > 1 {
            // One request about several numbers: how many, never which.
            payload["phones"] = json!(self.phones);
        }
        if let Some(by) = self.chosen_by {
            // The admin chose the requester's among the phone's reports: those not handed
            // over, by number only.
            payload["chosen_by"] = json!(by);
            payload["left_out"] = json!(self.left_out);
        }
        let tx = crate::storage::tx::immediate(&self.conn)?;
        ctx.note(
            &tx,
            &self.actor.username,
            EventKind::Reveal,
            payload.to_string(),
        )?;
        tx.commit()?;
        let seen = seen_by(&self.conn, &self.found)?;
        let staff: std::collections::HashMap<String, Person> =
            crate::storage::reference::staff(&self.conn)?
                .into_iter()
                .filter_map(|s| {
                    let role = crate::domain::access::Role::parse(&s.role)?;
                    Some((
                        s.username,
                        Person {
                            name: s.name,
                            role,
                            agency: s.agency,
                        },
                    ))
                })
                .collect();
        let agencies: std::collections::HashMap<String, String> =
            crate::storage::reference::agencies(&self.conn)?
                .into_iter()
                .map(|a| (a.code, a.name))
                .collect();
        let steps = self
            .found
            .iter()
            .map(|r| Ok(steps(&events::of_report(&self.conn, r.id)?)))
            .collect::<Result<Vec<_>>>()?;
        let lost = super::backup::takedowns_not_reapplied(&self.conn)?;
        let withdrawn = self
            .found
            .iter()
            .map(|r| events::consent_withdrawn_at(&self.conn, r.id))
            .collect::<Result<Vec<_>>>()?;
        Ok(self
            .found
            .into_iter()
            .zip(seen)
            .zip(steps)
            .zip(withdrawn)
            .map(|(((r, seen_by), steps), consent_withdrawn_at)| SubjectRow {
                // A takedown a restore put back from before, not taken again since: the
                // citizen still learns it was made once, and that it does not hold.
                unpublish_not_reapplied_at: steps
                    .unpublished
                    .is_none()
                    .then(|| lost.get(&r.id).cloned())
                    .flatten(),
                seen_by_who: seen_by
                    .iter()
                    .map(|line| staff.get(&line.actor).cloned())
                    .collect(),
                agency_name: r.agency.as_ref().and_then(|a| agencies.get(a).cloned()),
                id: r.id,
                external_id: r.external_id,
                submitted_at: time::format(&r.submitted_at),
                occurred_at: r.occurred_at.as_ref().map(time::format),
                status: r.status,
                agency: r.agency,
                content: r.content,
                address: r.address,
                commune: r.commune,
                media: r.media,
                result: r.result_text,
                reporter_name: r.reporter_name,
                reporter_phone: r.reporter_phone,
                consent: r.consent,
                consent_withdrawn_at,
                seen_by,
                confidential: r.confidential,
                urgent: r.urgent,
                latitude: r.latitude,
                longitude: r.longitude,
                reject_reasons: r.reject_reasons,
                rating: r.rating,
                received_at: steps.received,
                checked_at: steps.checked,
                assigned_at: steps.assigned,
                replied_at: steps.replied,
                published_at: steps.published,
                unpublished_at: steps.unpublished,
            })
            .collect())
    }
}

/// When each step of a report's processing was taken, as its log says.
#[derive(Default)]
struct Steps {
    received: Option<String>,
    checked: Option<String>,
    assigned: Option<String>,
    replied: Option<String>,
    published: Option<String>,
    unpublished: Option<String>,
}

/// The steps of `records` (one report's events, in order): the first reception, check and
/// assignment, the last reply (an agency's, or the portal's own answer), publication and
/// the result's takedown (`unpublish`, docs/rules.md §2).
fn steps(records: &[crate::domain::audit::EventRecord]) -> Steps {
    let mut steps = Steps::default();
    for record in records {
        let at = Some(record.at.clone());
        match EventKind::parse(&record.action) {
            Some(EventKind::Ingest) if steps.received.is_none() => steps.received = at,
            Some(EventKind::Accept | EventKind::Reject) if steps.checked.is_none() => {
                steps.checked = at
            }
            Some(EventKind::Assign) if steps.assigned.is_none() => steps.assigned = at,
            Some(EventKind::Reply | EventKind::Answer) => steps.replied = at,
            Some(EventKind::Publish) => steps.published = at,
            Some(EventKind::Unpublish) => steps.unpublished = at,
            _ => {}
        }
    }
    steps
}

/// For each of `found`, the lines `audit reveals --report` lists for it: its reveals, the
/// lookups and requests that found it, the full exports that held it.
fn seen_by(conn: &Connection, found: &[Report]) -> Result<Vec<Vec<Access>>> {
    let kinds = reveals::listed_kinds();
    let records = events::of_actions(conn, &kinds, None, None, None)?;
    let lines: Vec<(Access, &str)> = records
        .iter()
        .flat_map(|record| {
            reveals::lines(record)
                .into_iter()
                .map(|line| (line, record.payload.as_str()))
        })
        .collect();
    let erasures: Vec<Access> = lines
        .iter()
        .filter(|(line, _)| line.action == EventKind::Erase)
        .map(|(line, _)| line.clone())
        .collect();
    Ok(found
        .iter()
        .map(|report| {
            let day = report.submitted_at.date_naive();
            lines
                .iter()
                .filter(|(line, payload)| reveals::concerns(line, payload, report.id, day))
                .map(|(line, _)| {
                    let mut line = line.clone();
                    line.identity_erased = reveals::after_erasure(&line, &erasures, report.id);
                    line
                })
                .collect()
        })
        .collect())
}
