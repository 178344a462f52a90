//! The workflow steps as use cases (docs/rules.md §2): one step on one report in one
//! immediate transaction (lock, load, authorize, decide through `domain::workflow::apply`,
//! save the report, its event and its clock effects, commit), and classification by
//! keywords. Commands and the bulk player (`play`, `triage`) all step through here.

use anyhow::{Result, bail};
use rusqlite::Connection;
use serde::Serialize;

use super::deadlines::Deadlines;
use super::{Context, resolve, resolve_each};
use crate::domain::access::{self, Actor, Operation, Target};
use crate::domain::classify::{self, FieldKeywords};
use crate::domain::clocks::LateStop;
use crate::domain::event::EventKind;
use crate::domain::open311;
use crate::domain::redact::Hidden;
use crate::domain::report::{Report, Status};
use crate::domain::text::written;
use crate::domain::workflow::{self, Action, TransitionError};
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::confirm::Glance;
use crate::output::workflow::{Code, no_code};
use crate::storage::journal::{Entry, Sealed};
use crate::storage::tx::immediate;
use crate::storage::{reference, reports};

/// A step as an operator asks for it, before the report is read: what it needs to look up
/// (the routing table, the original of a duplicate) is looked up inside the lock.
#[derive(Debug, Clone)]
pub enum Request {
    Classify {
        field: String,
    },
    Assign {
        agency: Option<String>,
        urgent: bool,
    },
    Answer {
        text: String,
    },
    MarkStateSecret,
    Return {
        reason: String,
    },
    Reply {
        text: String,
    },
    Approve,
    SendBack {
        reason: String,
    },
    Publish,
    Unpublish {
        reason: String,
    },
    Rate {
        score: u8,
    },
    Duplicate {
        of: String,
    },
}

impl Request {
    /// The operation whose right the step needs.
    pub fn operation(&self) -> Operation {
        match self {
            Request::Classify { .. } => Operation::Classify,
            Request::Assign { .. } => Operation::Assign,
            Request::Answer { .. } => Operation::Answer,
            Request::MarkStateSecret => Operation::MarkStateSecret,
            Request::Return { .. } => Operation::Return,
            Request::Reply { .. } => Operation::Reply,
            Request::Approve | Request::SendBack { .. } => Operation::Verify,
            Request::Publish => Operation::Publish,
            Request::Unpublish { .. } => Operation::Unpublish,
            Request::Rate { .. } => Operation::Rate,
            Request::Duplicate { .. } => Operation::Duplicate,
        }
    }

    /// The domain action, decided on the report as read inside the lock.
    /// `note` receives what the step should say besides its row (an `--auto` assignment
    /// that fell back to the field's line for every commune, an agency named again after it
    /// returned the report).
    /// `today` is the step's day, on which an agency given the report must be in operation.
    fn action(
        self,
        conn: &Connection,
        report: &Report,
        today: chrono::NaiveDate,
        note: &mut Option<Localized>,
    ) -> Result<Action> {
        Ok(match self {
            Request::Classify { field } => Action::Classify {
                // As typed, in any case ("gt"): stored as the directory writes it.
                field: field_filter(conn, &field)?,
            },
            Request::Assign { agency, urgent } => {
                // Decided on the report as read inside the lock: its field and commune now.
                let agency = match agency {
                    Some(typed) => {
                        let agency = agency_filter(conn, &typed)?;
                        super::routing::require_current(
                            conn,
                            &agency,
                            &report.commune,
                            (today, super::routing::NewWork::Assign { report: report.id }),
                        )?;
                        if let Some(back) = super::routing::returned_by(conn, report, &agency)? {
                            *note =
                                Some(back.note(report.id, ("theo --agency", "as --agency asked")));
                        }
                        agency
                    }
                    None => {
                        // Whether the report can be assigned at all comes first: a closed
                        // report is not to be told to classify it or to add a route.
                        let any = Action::Assign {
                            agency: String::new(),
                            urgent,
                        };
                        if let Err(e) = workflow::apply(report, &any) {
                            return Err(transition_error(report, &e).into());
                        }
                        let (agency, fell_back) = super::routing::agency_for(conn, report)?;
                        super::routing::require_current(
                            conn,
                            &agency,
                            &report.commune,
                            (
                                today,
                                super::routing::NewWork::AutoAssign {
                                    report: report.id,
                                    field: report.field.clone().unwrap_or_default(),
                                },
                            ),
                        )?;
                        *note = fell_back;
                        agency
                    }
                };
                require_agency(conn, &agency)?;
                Action::Assign {
                    agency,
                    urgent: crate::domain::workflow::dispatched_urgent(urgent, report),
                }
            }
            Request::Answer { text } => Action::Answer {
                text: written(&text),
            },
            Request::MarkStateSecret => Action::MarkStateSecret,
            Request::Return { reason } => Action::Return {
                reason: written(&reason),
            },
            Request::Reply { text } => Action::Reply {
                text: written(&text),
            },
            Request::Approve => Action::Approve,
            Request::SendBack { reason } => Action::SendBack {
                reason: written(&reason),
            },
            Request::Publish => Action::Publish,
            Request::Unpublish { reason } => Action::Unpublish {
                reason: written(&reason),
            },
            Request::Rate { score } => Action::Rate { score },
            Request::Duplicate { of } => {
                let original = resolve(conn, &of)?;
                Action::Duplicate {
                    of: original.id,
                    of_status: original.status,
                    of_duplicate_of: original.duplicate_of,
                }
            }
        })
    }
}

/// Opens the database, names the actor and runs one requested step.
pub fn step(ctx: &Context, reference: &str, request: Request) -> Result<Performed> {
    open(ctx)?.step(ctx, reference, request)
}

/// The database opened and the acting account named, for one step that may first be shown
/// to the operator ([`Opened::preview`]) and then taken ([`Opened::step`]).
pub struct Opened {
    conn: Connection,
    actor: Actor,
}

/// Opens the database and names the actor, as any step does first.
pub fn open(ctx: &Context) -> Result<Opened> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    Ok(Opened { conn, actor })
}

impl Opened {
    /// Runs one requested step.
    pub fn step(self, ctx: &Context, reference: &str, request: Request) -> Result<Performed> {
        let operation = request.operation();
        let mut note = None;
        let mut performed = perform(
            &self.conn,
            ctx,
            &self.actor,
            reference,
            operation,
            |conn, report| request.action(conn, report, ctx.acting_day(), &mut note),
        )?;
        // Looked for here, not in `perform`: the demo and the history generator publish by
        // the thousand and have no restore to read.
        if performed.action == EventKind::Publish && performed.to == Status::Published {
            performed.takedown_lost_at =
                super::backup::takedowns_not_reapplied(&self.conn)?.remove(&performed.id);
        }
        // Said once the step is done: a refused step fell back to nothing.
        if let Some(note) = note {
            ctx.status(&note.vi, &note.en);
        }
        Ok(performed)
    }

    /// The reports a final step would act on, read and written nothing, for the operator to
    /// see before it is taken: the report (and for a merge the original). None when the
    /// step would be refused (no such report, a role that may not, a status that does not
    /// allow it): the step itself then refuses as it always does, and logs it, with no
    /// question asked first. None too for a step that is not final.
    pub fn preview(
        &self,
        ctx: &Context,
        reference: &str,
        request: &Request,
    ) -> Result<Option<Preview>> {
        if !matches!(
            request,
            Request::Duplicate { .. } | Request::MarkStateSecret | Request::Unpublish { .. }
        ) {
            return Ok(None);
        }
        let conn = &self.conn;
        let Ok(report) = resolve(conn, reference) else {
            return Ok(None);
        };
        let target = Some(Target::from(&report));
        if access::authorize(&self.actor, request.operation(), target).is_err() {
            return Ok(None);
        }
        let Ok(action) = request
            .clone()
            .action(conn, &report, ctx.acting_day(), &mut None)
        else {
            return Ok(None);
        };
        if workflow::apply_as(&report, &action, self.actor.role).is_err() {
            return Ok(None);
        }
        let communes = super::routing::communes(conn)?;
        let shown = glance(&report, &communes);
        Ok(Some(match action {
            Action::Duplicate { of, .. } => {
                let Some(original) = reports::load(conn, of)? else {
                    return Ok(None);
                };
                Preview::Merge {
                    merged: shown,
                    original: glance(&original, &communes),
                }
            }
            Action::Unpublish { .. } => Preview::Unpublish(shown),
            _ => Preview::StateSecret(shown),
        }))
    }
}

/// What the operator sees before a final step ([`Opened::preview`]).
pub enum Preview {
    /// `duplicate ID --of ID2`: the report merged and the original.
    Merge { merged: Glance, original: Glance },
    /// `mark ID --state-secret`.
    StateSecret(Glance),
    /// `unpublish ID --reason …`.
    Unpublish(Glance),
}

/// A report as the question before a final step shows it. Its texts are the citizen's, and
/// a citizen writes "Tôi là Nguyễn Văn Bình, 0912 345 678" as readily as the problem:
/// names by their shape, phone numbers and the like are hidden from the content's first
/// line, and from a commune the province does not have (a shifted row puts the name
/// there), as for a reader who may not see the identity, with no key needed to ask.
fn glance(report: &Report, communes: &crate::domain::routing::Communes) -> Glance {
    use crate::domain::redact::redact_people;
    let first_line = report
        .content
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    let commune = if communes.knows(&report.commune) {
        report.commune.clone()
    } else {
        redact_people(&report.commune).text
    };
    Glance {
        id: report.id,
        external_id: report.external_id.clone(),
        submitted_at: report.submitted_at,
        commune,
        field: report.field.clone(),
        status: report.status,
        first_line: redact_people(first_line).text,
    }
}

/// What a workflow step did, for printing.
#[derive(Debug, Serialize)]
pub struct Performed {
    pub id: i64,
    pub external_id: String,
    pub action: EventKind,
    pub from: Status,
    pub to: Status,
    pub event: i64,
    /// What the step recorded beside the status, as data (`recorded` says it in words): the
    /// field classified, the agency assigned and whether as urgent (chosen by the routing
    /// table with `assign --auto`), the rating, the report a duplicate now follows. Left
    /// out where the step records none of it, so each step's columns stay its own.
    #[serde(flatten)]
    pub details: Details,
    /// What public views will hide from the text this step makes public (approving or
    /// publishing a result): kinds and counts only, never the items (Đ6.5). Said on
    /// standard error, so the printed row keeps its columns.
    #[serde(skip)]
    pub hidden: Option<Hidden>,
    /// The items themselves, for an editor who may see the identity (`domain::access`):
    /// the reporter's own name and phone only as such (`open311::Item`). Empty for others.
    #[serde(skip)]
    pub items: Vec<open311::Item>,
    /// What the texts made public give away besides the reporter's identity
    /// (`open311::exposure`): the names after a form of address ("bà Võ Thị Sáu Em"), not
    /// hidden (an official's must stay), so the editor decides, and words for someone's
    /// health. Names as written only for an editor who may see the identity; for others
    /// they are left out and only counted (`people_unshown`).
    #[serde(skip)]
    pub exposure: open311::Exposure,
    #[serde(skip)]
    pub people_unshown: usize,
    /// Whether the report was in the public feed before this step (accepted, not
    /// confidential: its content is public from acceptance, docs/rules.md §6), with the
    /// time of its acceptance when the log has it.
    #[serde(skip)]
    pub public_since: Option<Option<String>>,
    /// What a step recorded beside the status (a field, a rating, the state-secret mark,
    /// the agency assigned, the original of a duplicate), for the sentence a terminal
    /// prints: "Chờ phân phối → Chờ phân phối" alone said nothing of it, and `assign
    /// --auto` chose the agency. CSV and JSON carry it as `details`.
    #[serde(skip)]
    pub recorded: Option<Localized>,
    /// The media links (1-based) that carry the reporter's own phone or name, when this
    /// step makes the report public: the public views leave such a link out, and the editor
    /// is told so.
    #[serde(skip)]
    pub media_naming_reporter: Vec<usize>,
    /// The agency's clocks (return window, processing) a return or a reply stopped after
    /// their deadline: the handler is told at once what the reports and scores will count
    /// against the agency (Đ8.1.b).
    #[serde(skip)]
    pub late: Vec<LateStop>,
    /// For an answer, a reply or a return: the report's content as the actor may see it,
    /// which a terminal quotes under the step's line, so that a step taken on the wrong
    /// report is seen at once.
    #[serde(skip)]
    pub content: Option<String>,
    /// An assignment to an agency with no active handler: the reports it holds that nobody
    /// can act on, said to the portal at once with the account to add.
    #[serde(skip)]
    pub unstaffed: Option<crate::domain::directory::Unstaffed>,
    /// A publication of a report whose takedown a restore put back from before it
    /// (`takedowns_not_reapplied`): when that takedown was made, for the desk to make it
    /// again at once (docs/rules.md §7).
    #[serde(skip)]
    pub takedown_lost_at: Option<String>,
}

/// A step's record beside the status, for `Performed::details`.
#[derive(Debug, Default, Serialize)]
pub struct Details {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgent: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<i64>,
}

impl Details {
    fn of(action: &Action) -> Details {
        match action {
            Action::Classify { field } => Details {
                field: Some(field.clone()),
                ..Details::default()
            },
            Action::Assign { agency, urgent } => Details {
                agency: Some(agency.clone()),
                urgent: Some(*urgent),
                ..Details::default()
            },
            Action::Rate { score } => Details {
                score: Some(*score),
                ..Details::default()
            },
            Action::Duplicate { of, .. } => Details {
                duplicate_of: Some(*of),
                ..Details::default()
            },
            _ => Details::default(),
        }
    }
}

impl Performed {
    /// What the step did, as a terminal says it: the status it moved the report from and
    /// to, or what a step that keeps the status recorded ("đã ghi lĩnh vực VT, vẫn Chờ
    /// phân phối"), since "A → A" says nothing of it.
    pub fn what(&self, lang: Lang) -> String {
        crate::output::workflow::what(self.from, self.to, self.recorded.as_ref(), lang)
    }
}

/// Runs one workflow step on one report in one immediate transaction. `build` turns the
/// loaded report into the action (it may look things up, e.g. the other report of a
/// duplicate). A refusal by role is logged; a refused transition changes nothing.
pub fn perform(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    reference: &str,
    operation: Operation,
    build: impl FnOnce(&Connection, &Report) -> Result<Action>,
) -> Result<Performed> {
    let tx = immediate(conn)?;
    match step_in(&tx, ctx, actor, reference, operation, build)? {
        Step::Refused(report, refusal) => {
            tx.rollback()?;
            Err(ctx.log_refused(conn, actor, operation, Some(&*report), &refusal))
        }
        Step::Written(written) => {
            tx.commit()?;
            finish(conn, ctx, actor, *written)
        }
    }
}

/// One step written inside the caller's transaction, or refused before anything was.
pub enum Step {
    Written(Box<Written>),
    /// The report as loaded, and why the account may not: the caller rolls back, then
    /// logs it (`Context::log_refused`), so that the refusal outlives the rollback.
    Refused(Box<Report>, access::Refusal),
}

/// A step written and not yet committed: the report before and after, the action and its
/// event.
pub struct Written {
    report: Report,
    next: Report,
    action: Action,
    event: i64,
}

/// The step of `perform` inside a write transaction the caller holds (`tx`) and commits:
/// several steps of one decision (the desk's classify and assign, `app::triage`) commit
/// together or not at all. Each step reads the report as the steps before it left it.
pub fn step_in(
    tx: &Connection,
    ctx: &Context,
    actor: &Actor,
    reference: &str,
    operation: Operation,
    build: impl FnOnce(&Connection, &Report) -> Result<Action>,
) -> Result<Step> {
    let report = resolve(tx, reference)?;
    if let Err(refusal) = access::authorize(actor, operation, Some(Target::from(&report))) {
        return Ok(Step::Refused(Box::new(report), refusal));
    }
    let action = build(tx, &report)?;
    // A reason is read by every role that reads the log: another reporter it names by their
    // phone is hidden in it before it is kept (`app::reasons`).
    let action = super::reasons::in_step(tx, ctx, actor, &report, action)?;
    let next = workflow::apply_as(&report, &action, actor.role)
        .map_err(|e| transition_error(&report, &e))?;
    reports::update(tx, &report, &next)?;
    let deadlines = Deadlines::load(tx)?;
    let mut journal = deadlines.journal(tx, ctx.stamp(&actor.username))?;
    let event = journal.append(Entry::step(
        Sealed::changed(&report, &next),
        action.kind(),
        payload(&report, &action).to_string(),
        ctx.now,
        next.agency.as_deref(),
    ))?;
    drop(journal);
    Ok(Step::Written(Box::new(Written {
        report,
        next,
        action,
        event,
    })))
}

/// What a committed step did, as `perform` gives it back.
pub fn finish(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    written: Written,
) -> Result<Performed> {
    let Written {
        report,
        next,
        action,
        event,
    } = written;
    let mut items = Vec::new();
    let mut exposure = open311::Exposure::default();
    let mut people_unshown = 0;
    let mut public_since = None;
    let mut media_naming_reporter = Vec::new();
    let hidden = match action {
        Action::Approve | Action::Publish => {
            // The reporter's own name is looked for too: it is sealed, the key opens it.
            let mut shown = next.clone();
            match ctx.keys(conn) {
                Ok(keys) => keys.open(conn, &mut shown)?,
                Err(_) => {
                    let notice = crate::output::workflow::names_unchecked(&ctx.key_path());
                    ctx.status(&notice.vi, &notice.en);
                }
            }
            // An erasure's places, or a correction's (those of the names it replaced).
            let kept = open311::KeptTexts::parse(
                crate::storage::events::kept_redaction(conn, shown.id)?.as_deref(),
            );
            media_naming_reporter = open311::media_naming_reporter(&shown);
            let may_see = access::may_see_identity(actor, Target::from(&shown));
            items = if may_see {
                open311::items_in_public_texts(&shown, kept.as_ref())
            } else {
                Vec::new()
            };
            // The reporters merged into it, whom its result answers too and may name.
            let merged = match (
                crate::storage::reports::merged_into_one(conn, shown.id)?,
                ctx.keys(conn),
            ) {
                (ids, Ok(keys)) if !ids.is_empty() => keys.merged(conn, &ids)?,
                _ => Default::default(),
            };
            let names = open311::merged_names_in_public_texts(&shown, kept.as_ref(), &merged);
            exposure = open311::exposure(&shown, kept.as_ref(), &merged);
            if !may_see {
                people_unshown = exposure.all_people().len();
                exposure.people.clear();
                exposure.people_in_result.clear();
            }
            if open311::is_public(&report) {
                public_since = Some(crate::storage::events::accepted_at(conn, report.id)?);
            }
            if may_see {
                items.extend(std::iter::repeat_n(open311::Item::Name, names));
            }
            let hidden = open311::hidden_in_public_texts(&shown, kept.as_ref()).unwrap_or_default();
            let hidden = hidden.plus(Hidden {
                name: names,
                ..Hidden::default()
            });
            (!hidden.is_empty()).then_some(hidden)
        }
        _ => None,
    };
    let recorded = crate::output::workflow::recorded(&action, &report);
    let details = Details::of(&action);
    let late = match action {
        Action::Return { .. } | Action::Reply { .. } => {
            let late = crate::storage::clocks::stopped_late_by(conn, report.id, event)?;
            // The calendar is read only for a late step: how late is said in the time
            // the clock counts (docs/rules.md §3).
            let deadlines = match late.is_empty() {
                true => None,
                false => Some(Deadlines::load(conn)?),
            };
            let mut stops = Vec::new();
            for (clock, deadlines) in late.into_iter().zip(deadlines.iter().cycle()) {
                let rule = clock.counted_rule();
                let stopped = clock.stopped_at.unwrap_or_default();
                // The step is recorded: a time edited out of reading is no reason to fail
                // it now, and the notice says nothing rather than a wrong lateness.
                let (Some(at), Some(due)) = (
                    crate::domain::time::stored(&stopped),
                    crate::domain::time::stored(&clock.due_at),
                ) else {
                    continue;
                };
                let late_by =
                    crate::domain::deadline::distance(&at, &due, rule, &deadlines.calendar);
                stops.push(LateStop {
                    stage: clock.stage,
                    agency: clock.agency,
                    due_at: clock.due_at,
                    stopped_at: stopped,
                    late_by,
                });
            }
            stops
        }
        _ => Vec::new(),
    };
    // Only a quotation: a key file that cannot be read leaves it out rather than fail a
    // step already committed (the approval's check above says so; this line need not).
    let content = match action {
        Action::Answer { .. } | Action::Reply { .. } | Action::Return { .. } => {
            crate::app::show::content_as_seen(conn, ctx, actor, &next).ok()
        }
        _ => None,
    };
    let unstaffed = match &action {
        Action::Assign { agency, .. } => crate::storage::reference::unstaffed(conn, agency)?,
        _ => None,
    };
    Ok(Performed {
        content,
        unstaffed,
        takedown_lost_at: None,
        id: report.id,
        external_id: report.external_id,
        action: action.kind(),
        from: report.status,
        to: next.status,
        event,
        details,
        hidden,
        items,
        exposure,
        people_unshown,
        public_since,
        recorded,
        media_naming_reporter,
        late,
    })
}

/// The text given in a file with `option` (`--text-file` of a result, `--reason-file` of a
/// reason): the file's plain UTF-8 text, read with a bound (`bounded::TEXT_FILE_LIMIT`), `-`
/// standard input. A Word document, a PDF or text in another encoding is refused, saying
/// how to save it as plain text.
/// The file is opened as input (`storage::private::open_input`): never the database or a
/// key, and through sudo only one the person could read.
pub fn text_from_file(
    ctx: &Context,
    path: &std::path::Path,
    option: &'static str,
) -> Result<String> {
    use crate::app::bounded::TEXT_FILE_LIMIT;
    use crate::storage::private::{ReadError, open_input, read_at_most};
    let bytes = if path == std::path::Path::new("-") {
        read_at_most(std::io::stdin().lock(), TEXT_FILE_LIMIT)
    } else {
        open_input(path, &ctx.input(Some(option)))?
            .map_err(ReadError::Io)
            .and_then(|file| read_at_most(file, TEXT_FILE_LIMIT))
    }
    .map_err(|e| crate::output::workflow::text_file_unreadable(option, path, &e))?;
    let text = crate::domain::file_kind::plain_text(&bytes)
        .map_err(|kind| crate::output::workflow::text_file_not_plain(option, path, kind))?;
    // The line break every editor ends a file with is no part of the answer.
    Ok(text.trim().to_owned())
}

pub fn transition_error(report: &Report, e: &TransitionError) -> Localized {
    crate::output::workflow::transition_error(report.id, e)
}

/// What the audit log keeps of an action, on the report as it was before it. Never
/// personal data.
fn payload(report: &Report, action: &Action) -> serde_json::Value {
    use serde_json::json;
    match action {
        Action::Accept | Action::MarkStateSecret | Action::Approve | Action::Publish => json!({}),
        Action::Reject { reasons } => json!({ "reasons": reasons }),
        Action::Classify { field } => json!({ "field": field }),
        // `raised` only when this assignment made the report urgent: a report "as of" an
        // earlier moment must not count it urgent (`domain::periodic::urgency_as_of`).
        Action::Assign { agency, urgent } if *urgent && !report.urgent => {
            json!({ "agency": agency, "urgent": urgent, "raised": true })
        }
        Action::Assign { agency, urgent } => json!({ "agency": agency, "urgent": urgent }),
        Action::Answer { text } | Action::Reply { text } => json!({ "text": text }),
        Action::Return { reason } | Action::SendBack { reason } | Action::Unpublish { reason } => {
            json!({ "reason": reason })
        }
        Action::Rate { score } => json!({ "score": score }),
        Action::Duplicate { of, .. } => json!({ "of": of }),
    }
}

pub fn require_agency(conn: &Connection, code: &str) -> Result<()> {
    if !reference::agency_exists(conn, code)? {
        bail!(no_agency(code));
    }
    Ok(())
}

/// The agency a code typed on the command line names, as stored (`pccm`, ` sxd` find
/// `PCCM`, `SXD`): `assign`, `route add` and the filters of `list` alike. A code that names
/// none is refused with the nearest code, if one is near: a typo must not read as "no
/// report for this agency", nor leave the operator to search a list of ninety.
pub fn agency_filter(conn: &Connection, typed: &str) -> Result<String> {
    stored_code(conn, typed, Code::Agency)
}

/// The field a code typed names, as stored; see `agency_filter`.
pub fn field_filter(conn: &Connection, typed: &str) -> Result<String> {
    stored_code(conn, typed, Code::Field)
}

/// The `kind` code `typed` names, as stored, or the refusal naming the agency whose name it
/// is, else the nearest code.
fn stored_code(conn: &Connection, typed: &str, kind: Code) -> Result<String> {
    let found = match kind {
        Code::Agency => reference::agency_code(conn, typed.trim())?,
        Code::Field => reference::field_code(conn, typed.trim())?,
    };
    if let Some(code) = found {
        return Ok(code);
    }
    if kind == Code::Agency {
        let agencies = reference::agencies(conn)?;
        let pairs: Vec<(&str, &str)> = agencies
            .iter()
            .map(|a| (a.code.as_str(), a.name.as_str()))
            .collect();
        let named = crate::domain::routing::agencies_named(typed, &pairs);
        if !named.is_empty() {
            bail!(crate::output::workflow::agency_named_not_coded(
                typed, &named
            ));
        }
    }
    bail!(no_code(typed, &stored_codes(conn, kind)?, kind))
}

/// Every `kind` code stored, in the order storage lists them.
pub fn stored_codes(conn: &Connection, kind: Code) -> Result<Vec<String>> {
    Ok(match kind {
        Code::Agency => reference::agencies(conn)?
            .into_iter()
            .map(|a| a.code)
            .collect(),
        Code::Field => reference::fields(conn)?
            .into_iter()
            .map(|f| f.code)
            .collect(),
    })
}

fn no_agency(code: &str) -> Localized {
    no_code(code, &[], Code::Agency)
}

pub use crate::output::workflow::SuggestionRow;

pub fn field_keywords(conn: &Connection) -> Result<Vec<FieldKeywords>> {
    Ok(reference::fields(conn)?
        .into_iter()
        .map(|f| FieldKeywords {
            code: f.code,
            keywords: f.keywords,
        })
        .collect())
}

pub fn auto_min_score(conn: &Connection) -> Result<u32> {
    Ok(crate::app::settings::value(conn, "classify.auto_min_score")? as u32)
}

/// `classify --suggest`: scores the named reports, or every accepted report without a
/// field; with `apply`, records each clear suggestion.
pub fn suggest(ctx: &Context, ids: &[String], apply: bool) -> Result<Vec<SuggestionRow>> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    // Suggestions are reception's tool and span every agency's reports, so reading them
    // needs the right to classify, not just to read.
    ctx.authorize(&conn, &actor, Operation::Classify, None)?;
    let targets: Vec<Report> = if ids.is_empty() {
        reports::list(
            &conn,
            &reports::Filter {
                statuses: vec![Status::Accepted],
                ..Default::default()
            },
        )?
        .into_iter()
        .filter(|r| r.field.is_none())
        .collect()
    } else {
        resolve_each(&conn, ids)?
    };
    suggest_and_apply(&conn, ctx, &actor, &targets, apply)
}

/// A report changed between the read that suggested a field and the locked write.
#[derive(Debug, thiserror::Error)]
#[error("the report changed since it was read")]
struct ChangedMeanwhile;

/// Scores each report; with `apply`, records each clear suggestion as a classify event.
pub fn suggest_and_apply(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    targets: &[Report],
    apply: bool,
) -> Result<Vec<SuggestionRow>> {
    // Applied, a suggestion is reception's classification: never one made from keywords or
    // a threshold edited behind the tool's back. Judged once, before any report, and read
    // in the same read snapshot: read apart, keywords swapped between the two were the
    // ones applied
    // (`forged_events::classify_suggest_apply_over_keywords_swapped_between_its_check_and_its_read_files_nothing_amiss`).
    // An edit committed once the snapshot is taken changes nothing this run decides by. The
    // snapshot takes no lock and is let go before the first write.
    let (classifier, min_score) = {
        let _read = crate::storage::tx::snapshot(conn)?;
        if apply && let Some(problem) = crate::app::audit::unvouched_for_classifying(conn)? {
            return Err(crate::exit::Failure::integrity(
                crate::output::workflow::suggestions_unvouched(&problem),
            )
            .into());
        }
        crate::app::pause_point("classify:checked");
        (
            classify::Classifier::new(&field_keywords(conn)?),
            auto_min_score(conn)?,
        )
    };
    let mut rows = Vec::with_capacity(targets.len());
    for report in targets {
        let suggestions = classifier.suggest(&report.content, &report.category_hint);
        let best = suggestions.first();
        let second = suggestions.get(1);
        let mut applied = false;
        let decisive = classify::decisive(&suggestions, min_score);
        let clear = decisive.is_some();
        if apply && let Some(choice) = decisive {
            let field = choice.field.clone();
            let id = report.id.to_string();
            // The suggestion was made on what was read before the lock: apply it only if
            // nobody classified or moved the report meanwhile.
            let done = perform(conn, ctx, actor, &id, Operation::Classify, |_, fresh| {
                if fresh.field.is_some() || fresh.status != report.status {
                    return Err(ChangedMeanwhile.into());
                }
                Ok(Action::Classify { field })
            });
            match done {
                Ok(_) => applied = true,
                Err(e) if e.is::<ChangedMeanwhile>() => {}
                Err(e) => return Err(e),
            }
        }
        rows.push(SuggestionRow {
            id: report.id,
            external_id: report.external_id.clone(),
            field: best.map(|s| s.field.clone()),
            score: best.map_or(0, |s| s.score),
            matched: best.map(|s| s.matched.join(", ")).unwrap_or_default(),
            runner_up: second.map(|s| s.field.clone()),
            runner_up_score: second.map(|s| s.score),
            applied,
            clear,
        });
    }
    Ok(rows)
}
