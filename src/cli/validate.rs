//! `validate`: the reception check of Đ7.1.a against the requirements of Đ6.1–6.3. Moves
//! each received report to `accepted` or `rejected`, with reason codes and the Vietnamese
//! explanation the citizen is sent.

use anyhow::Result;
use clap::Args;
use rusqlite::Connection;
use serde::Serialize;

use super::deadlines::Deadlines;
use super::{Context, immediate, resolve};
use crate::domain::access::{Actor, Operation};
use crate::domain::clocks;
use crate::domain::report::{Report, Status};
use crate::domain::validate::{LanguageThresholds, Reason, Submission, check_complete};
use crate::domain::workflow::{self, Action};
use crate::output::{Lang, Listing, render};
use crate::storage::{events, reports};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Reports to check (number or ext:APPID) [default: every `received` report].
    pub ids: Vec<String>,
}

/// One report's verdict.
#[derive(Debug, Serialize)]
pub struct Verdict {
    pub id: i64,
    pub external_id: String,
    pub status: Status,
    pub reasons: String,
    pub explanation: String,
}

impl Listing for Verdict {
    const KEYS: &'static [&'static str] =
        &["id", "external_id", "status", "reasons", "explanation"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Số", "Mã ứng dụng", "Kết quả", "Mã lý do", "Giải thích"],
            Lang::En => vec!["Id", "External id", "Status", "Reasons", "Explanation"],
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let status = lang.pick(self.status.label_vi(), self.status.label_en());
        let explanation = match lang {
            Lang::Vi => self.explanation.clone(),
            Lang::En => self
                .reasons
                .split(',')
                .filter_map(Reason::from_code)
                .map(Reason::english)
                .collect::<Vec<_>>()
                .join(" "),
        };
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            status.to_owned(),
            self.reasons.clone(),
            explanation,
        ]
    }
}

/// The completeness check of one report (pure; here only to adapt the stored report).
pub fn reasons_for(report: &Report, thresholds: &LanguageThresholds) -> Vec<Reason> {
    check_complete(
        &Submission {
            content: &report.content,
            media_count: report.media.len(),
            has_time: report.occurred_at.is_some(),
            has_coordinates: report.latitude.is_some() && report.longitude.is_some(),
            address: &report.address,
            commune: &report.commune,
            reporter_name: &report.reporter_name,
            reporter_phone: &report.reporter_phone,
        },
        thresholds,
    )
}

pub fn cmd_validate(ctx: &Context, args: &ValidateArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Validate, None)?;
    let (verdicts, refusals) = validate(&conn, ctx, &actor, &args.ids)?;
    render(
        &mut std::io::stdout().lock(),
        &verdicts,
        ctx.format,
        ctx.lang,
    )?;
    let accepted = verdicts
        .iter()
        .filter(|v| v.status == Status::Accepted)
        .count();
    ctx.status(
        &format!(
            "Đã kiểm tra {} phản ánh: {accepted} tiếp nhận, {} từ chối.",
            verdicts.len(),
            verdicts.len() - accepted
        ),
        &format!(
            "checked {} reports: {accepted} accepted, {} rejected",
            verdicts.len(),
            verdicts.len() - accepted
        ),
    );
    for refusal in &refusals {
        eprintln!("phananh: {}", refusal.text(ctx.lang));
    }
    Ok(if refusals.is_empty() {
        crate::exit::OK
    } else {
        crate::exit::FAILURE
    })
}

/// Validates the named reports (or every received one) in one transaction. Reports that
/// are not `received` are refused one by one and left as they were.
pub fn validate(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    ids: &[String],
) -> Result<(Vec<Verdict>, Vec<crate::Localized>)> {
    let thresholds = super::settings::language_thresholds(conn)?;
    let tx = immediate(conn)?;
    let targets: Vec<i64> = if ids.is_empty() {
        reports::ids_with_status(&tx, Status::Received)?
    } else {
        ids.iter()
            .map(|id| resolve(&tx, id).map(|r| r.id))
            .collect::<Result<_>>()?
    };
    let at = ctx.now_text();
    let deadlines = Deadlines::load(&tx)?;
    let mut keeper = deadlines.keeper(&tx)?;
    let mut appender = events::Appender::new(&tx)?;
    let mut verdicts = Vec::with_capacity(targets.len());
    let bar = crate::output::progress(targets.len() as u64, ctx.t("Kiểm tra", "Validating"));
    let mut refusals = Vec::new();
    for id in targets {
        bar.inc(1);
        let Some(report) = reports::load(&tx, id)? else {
            continue;
        };
        let reasons = reasons_for(&report, &thresholds);
        let action = if reasons.is_empty() {
            Action::Accept
        } else {
            Action::Reject {
                reasons: reasons.iter().map(|r| r.code().to_owned()).collect(),
            }
        };
        let next = match workflow::apply(&report, &action) {
            Ok(next) => next,
            Err(e) => {
                refusals.push(super::workflow::transition_error(&report, &e));
                continue;
            }
        };
        reports::update(&tx, &next)?;
        let explanation: String = reasons
            .iter()
            .map(|r| r.vietnamese())
            .collect::<Vec<_>>()
            .join(" ");
        let event = appender.append(events::NewEvent {
            report_id: Some(id),
            at: &at,
            actor: &actor.username,
            action: action.name(),
            from_status: Some(report.status.as_str()),
            to_status: Some(next.status.as_str()),
            payload: serde_json::json!({
                "reasons": next.reject_reasons,
                "explanation": explanation,
            })
            .to_string(),
            report_hash: Some(next.digest()),
        })?;
        keeper.apply(
            id,
            &clocks::effects(&action, next.agency.as_deref()),
            action.name(),
            &ctx.now,
            &ctx.now,
            event,
        )?;
        verdicts.push(Verdict {
            id,
            external_id: next.external_id.clone(),
            status: next.status,
            reasons: next.reject_reasons.join(","),
            explanation,
        });
    }
    bar.finish_and_clear();
    drop(appender);
    drop(keeper);
    tx.commit()?;
    Ok((verdicts, refusals))
}
