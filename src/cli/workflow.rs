//! The workflow commands (SPEC §2): classify, assign, answer, mark, return, reply, verify,
//! publish, rate, duplicate. Each one reads as a sentence: open → lock → load → authorize →
//! decide (domain::workflow::apply) → save the report and its event → commit → print.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Args;
use rusqlite::Connection;
use serde::Serialize;

use super::deadlines::Deadlines;
use super::{Context, immediate, resolve};
use crate::Localized;
use crate::domain::access::{self, Actor, Operation, Target};
use crate::domain::classify::{self, FieldKeywords};
use crate::domain::clocks;
use crate::domain::report::{Report, Status};
use crate::domain::text::nfc;
use crate::domain::workflow::{self, Action, TransitionError};
use crate::output::{Format, Lang, Listing, render};
use crate::storage::{events, reference, reports};

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Report number, or ext:APPID.
    pub id: String,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The result, as the citizen will read it.
    #[arg(long, allow_hyphen_values = true)]
    pub text: String,
}

#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Why, in a few words (kept in the audit log).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Code of the agency that must handle it (see `phananh agency list`).
    #[arg(long, required_unless_present = "auto", conflicts_with = "auto")]
    pub agency: Option<String>,
    /// The agency the routing table gives the report's field and commune (`route list`).
    #[arg(long)]
    pub auto: bool,
    /// Urgent (Đ7.2): listed first everywhere; the portal calls the agency's leader at once.
    #[arg(long)]
    pub urgent: bool,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The content touches state secrets (Đ9.3): no public output will ever show it.
    #[arg(long, required = true)]
    pub state_secret: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("decision").required(true).args(["approve", "send_back"]))]
pub struct VerifyArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The result is correct and complete: it may be published.
    #[arg(long)]
    pub approve: bool,
    /// The result is not good enough: back to the agency for another round.
    #[arg(long, requires = "reason")]
    pub send_back: bool,
    /// Why it goes back (required with --send-back).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct RateArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The citizen's rating, 1 (very unsatisfied) to 5 (very satisfied).
    #[arg(long)]
    pub score: u8,
}

#[derive(Debug, Args)]
pub struct DuplicateArgs {
    /// The report to merge (number, or ext:APPID).
    pub id: String,
    /// The original report it repeats.
    #[arg(long)]
    pub of: String,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("how").required(true).args(["field", "suggest"]))]
pub struct ClassifyArgs {
    /// Report number or ext:APPID (with --suggest: optional, several allowed).
    pub ids: Vec<String>,
    /// The field code to set (see `phananh field list`).
    #[arg(long)]
    pub field: Option<String>,
    /// Suggest fields from keywords in the content, with their scores. Without IDs: every
    /// accepted report that has no field yet.
    #[arg(long)]
    pub suggest: bool,
    /// With --suggest: apply each suggestion that is clear (a strictly best score of at least
    /// the setting classify.auto_min_score, default 1).
    #[arg(long, requires = "suggest")]
    pub apply: bool,
}

/// What a workflow step did, for printing.
#[derive(Debug, Serialize)]
pub struct Performed {
    pub id: i64,
    pub external_id: String,
    pub action: &'static str,
    pub from: Status,
    pub to: Status,
    pub event: i64,
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
    let report = resolve(&tx, reference)?;
    if let Err(refusal) = access::authorize(actor, operation, Some(Target::from(&report))) {
        tx.rollback()?;
        return Err(ctx.log_refused(conn, actor, operation, Some(&report), &refusal));
    }
    let action = build(&tx, &report)?;
    let next = workflow::apply(&report, &action).map_err(|e| transition_error(&report, &e))?;
    reports::update(&tx, &report, &next)?;
    let at = ctx.now_text();
    let event = events::append(
        &tx,
        events::NewEvent {
            report_id: Some(report.id),
            at: &at,
            actor: &actor.username,
            action: action.name(),
            from_status: Some(report.status.as_str()),
            to_status: Some(next.status.as_str()),
            payload: payload(&action).to_string(),
            report_hash: Some(next.digest()),
        },
    )?;
    let deadlines = Deadlines::load(&tx)?;
    deadlines.keeper(&tx)?.apply(
        report.id,
        &clocks::effects(&action, next.agency.as_deref()),
        action.name(),
        &ctx.now,
        &ctx.now,
        event,
    )?;
    tx.commit()?;
    Ok(Performed {
        id: report.id,
        external_id: report.external_id,
        action: action.name(),
        from: report.status,
        to: next.status,
        event,
    })
}

pub fn transition_error(report: &Report, e: &TransitionError) -> Localized {
    Localized::new(
        format!("Phản ánh {}: {}", report.id, e.vietnamese()),
        format!("report {}: {e}", report.id),
    )
}

/// What the audit log keeps of an action. Never personal data.
fn payload(action: &Action) -> serde_json::Value {
    use serde_json::json;
    match action {
        Action::Accept | Action::MarkStateSecret | Action::Approve | Action::Publish => json!({}),
        Action::Reject { reasons } => json!({ "reasons": reasons }),
        Action::Classify { field } => json!({ "field": field }),
        Action::Assign { agency, urgent } => json!({ "agency": agency, "urgent": urgent }),
        Action::Answer { text } | Action::Reply { text } => json!({ "text": text }),
        Action::Return { reason } | Action::SendBack { reason } => json!({ "reason": reason }),
        Action::Rate { score } => json!({ "score": score }),
        Action::Duplicate { of, .. } => json!({ "of": of }),
    }
}

/// Prints one step: a sentence on a terminal, an object for scripts.
pub fn print_performed(ctx: &Context, done: &Performed) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match ctx.format {
        Format::Html => return Err(crate::output::html_only_for_reports().into()),
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, done)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = crate::output::SafeCsv::new(out);
            w.serialize(done)?;
            w.flush()?;
        }
        Format::Table => {
            let from = ctx.t(done.from.label_vi(), done.from.label_en());
            let to = ctx.t(done.to.label_vi(), done.to.label_en());
            writeln!(
                out,
                "{} {} ({}): {from} → {to} [{} {}]",
                ctx.t("Phản ánh", "Report"),
                done.id,
                done.external_id,
                ctx.t("sự kiện", "event"),
                done.event
            )?;
        }
    }
    Ok(crate::exit::OK)
}

fn step(
    ctx: &Context,
    reference: &str,
    operation: Operation,
    build: impl FnOnce(&Connection, &Report) -> Result<Action>,
) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    let done = perform(&conn, ctx, &actor, reference, operation, build)?;
    print_performed(ctx, &done)
}

pub fn cmd_assign(ctx: &Context, args: &AssignArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Assign, |conn, report| {
        // Decided on the report as read inside the lock: its field and commune now.
        let agency = match &args.agency {
            Some(agency) => agency.clone(),
            None => super::route::agency_for(conn, report)?,
        };
        require_agency(conn, &agency)?;
        Ok(Action::Assign {
            agency,
            urgent: args.urgent,
        })
    })
}

pub fn require_agency(conn: &Connection, code: &str) -> Result<()> {
    if !reference::agency_exists(conn, code)? {
        bail!(Localized::new(
            format!("Không có cơ quan mã \"{code}\"; xem `phananh agency list`."),
            format!("there is no agency \"{code}\"; see `phananh agency list`"),
        ));
    }
    Ok(())
}

pub fn require_field(conn: &Connection, code: &str) -> Result<()> {
    if !reference::field_exists(conn, code)? {
        bail!(Localized::new(
            format!("Không có lĩnh vực mã \"{code}\"; xem `phananh field list`."),
            format!("there is no field \"{code}\"; see `phananh field list`"),
        ));
    }
    Ok(())
}

pub fn cmd_answer(ctx: &Context, args: &TextArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Answer, |_, _| {
        Ok(Action::Answer {
            text: nfc(&args.text),
        })
    })
}

pub fn cmd_mark(ctx: &Context, args: &MarkArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::MarkStateSecret, |_, _| {
        Ok(Action::MarkStateSecret)
    })
}

pub fn cmd_return(ctx: &Context, args: &ReasonArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Return, |_, _| {
        Ok(Action::Return {
            reason: nfc(&args.reason),
        })
    })
}

pub fn cmd_reply(ctx: &Context, args: &TextArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Reply, |_, _| {
        Ok(Action::Reply {
            text: nfc(&args.text),
        })
    })
}

pub fn cmd_verify(ctx: &Context, args: &VerifyArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Verify, |_, _| {
        Ok(if args.approve {
            Action::Approve
        } else {
            Action::SendBack {
                reason: nfc(args.reason.as_deref().unwrap_or_default()),
            }
        })
    })
}

pub fn cmd_publish(ctx: &Context, args: &IdArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Publish, |_, _| {
        Ok(Action::Publish)
    })
}

pub fn cmd_rate(ctx: &Context, args: &RateArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Rate, |_, _| {
        Ok(Action::Rate { score: args.score })
    })
}

pub fn cmd_duplicate(ctx: &Context, args: &DuplicateArgs) -> Result<u8> {
    step(ctx, &args.id, Operation::Duplicate, |conn, _| {
        let original = resolve(conn, &args.of)?;
        Ok(Action::Duplicate {
            of: original.id,
            of_status: original.status,
            of_duplicate_of: original.duplicate_of,
        })
    })
}

/// One row of `classify --suggest`.
#[derive(Debug, Serialize)]
pub struct SuggestionRow {
    pub id: i64,
    pub external_id: String,
    pub field: Option<String>,
    pub score: u32,
    pub matched: String,
    pub runner_up: Option<String>,
    pub runner_up_score: Option<u32>,
    pub applied: bool,
}

impl Listing for SuggestionRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "external_id",
        "field",
        "score",
        "matched",
        "runner_up",
        "runner_up_score",
        "applied",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec![
                "Số",
                "Mã ứng dụng",
                "Gợi ý",
                "Điểm",
                "Từ khóa khớp",
                "Thứ hai",
                "Điểm",
                "Đã áp dụng",
            ],
            Lang::En => vec![
                "Id",
                "External id",
                "Field",
                "Score",
                "Matched",
                "Runner up",
                "Runner up score",
                "Applied",
            ],
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            self.field.clone().unwrap_or_else(|| "—".into()),
            self.score.to_string(),
            self.matched.clone(),
            self.runner_up.clone().unwrap_or_default(),
            self.runner_up_score
                .map(|s| s.to_string())
                .unwrap_or_default(),
            lang.yes_no(self.applied).to_owned(),
        ]
    }
}

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
    Ok(super::settings::value(conn, "classify.auto_min_score")? as u32)
}

pub fn cmd_classify(ctx: &Context, args: &ClassifyArgs) -> Result<u8> {
    if let Some(field) = &args.field {
        let [id] = args.ids.as_slice() else {
            bail!(Localized::new(
                "Với --field, hãy ghi đúng một số phản ánh.",
                "with --field, give exactly one report",
            ));
        };
        return step(ctx, id, Operation::Classify, |conn, _| {
            require_field(conn, field)?;
            Ok(Action::Classify {
                field: field.clone(),
            })
        });
    }
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    // Suggestions are reception's tool and span every agency's reports, so reading them
    // needs the right to classify, not just to read.
    ctx.authorize(&conn, &actor, Operation::Classify, None)?;
    let targets: Vec<Report> = if args.ids.is_empty() {
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
        args.ids
            .iter()
            .map(|id| resolve(&conn, id))
            .collect::<Result<_>>()?
    };
    let rows = suggest_and_apply(&conn, ctx, &actor, &targets, args.apply)?;
    render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
    Ok(crate::exit::OK)
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
    let classifier = classify::Classifier::new(&field_keywords(conn)?);
    let min_score = auto_min_score(conn)?;
    let mut rows = Vec::with_capacity(targets.len());
    for report in targets {
        let suggestions = classifier.suggest(&report.content, &report.category_hint);
        let best = suggestions.first();
        let second = suggestions.get(1);
        let mut applied = false;
        if apply && let Some(choice) = classify::decisive(&suggestions, min_score) {
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
        });
    }
    Ok(rows)
}
