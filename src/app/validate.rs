//! The reception check as a use case (Đ7.1.a against Đ6.1–6.3, docs/rules.md §1): judging
//! received reports, in batches with a second thread, and recording each verdict with its
//! sealed event and the clocks it stops. `validate`, `ingest --validate`, `triage` and the
//! player all judge through here.

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::deadlines::Deadlines;
use super::{Context, resolve};
use crate::domain::access::Actor;
use crate::domain::report::{Report, Status};
use crate::domain::validate::{LanguageThresholds, Reason, Submission, check_complete};
use crate::domain::workflow::{self, Action};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::Listing;
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::reports;
use crate::storage::tx::immediate;

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
        lang.pick(
            vec!["Số", "Mã ứng dụng", "Kết quả", "Mã lý do", "Giải thích"],
            vec!["Id", "External id", "Status", "Reasons", "Explanation"],
        )
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let status = self.status.text(lang);
        let explanation = lang.pick(
            self.explanation.clone(),
            self.reasons
                .split(',')
                .filter_map(Reason::from_code)
                .map(|r| r.en())
                .collect::<Vec<_>>()
                .join(" "),
        );
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            status.into_owned(),
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

/// What the reception check makes of one received report.
pub struct Check {
    pub action: Action,
    /// The Vietnamese explanation sent to the citizen (empty when accepted).
    pub explanation: String,
}

pub fn check(report: &Report, thresholds: &LanguageThresholds) -> Check {
    let reasons = reasons_for(report, thresholds);
    let explanation = reasons.iter().map(|r| r.vi()).collect::<Vec<_>>().join(" ");
    let action = if reasons.is_empty() {
        Action::Accept
    } else {
        Action::Reject {
            reasons: reasons.iter().map(|r| r.code().to_owned()).collect(),
        }
    };
    Check {
        action,
        explanation,
    }
}

/// What an `accept` or `reject` event records. Written from a struct in the stored key
/// order (the chain seals the text), without a JSON map and copies of the reasons per report.
#[derive(serde::Serialize)]
struct Judged<'a> {
    reasons: &'a [String],
    explanation: &'a str,
}

impl Judged<'_> {
    fn payload(&self) -> String {
        serde_json::to_string(self).expect("a verdict always serialises")
    }
}

/// Logs the check of one report, which was `from` before it: seals the `accept` or
/// `reject` event with the row as `checked` leaves it, and stops the clocks the step stops.
/// `validate` and `ingest --validate` both record their verdicts through here.
/// `checked_hash` is `checked.digest()`, which both compute ahead on their second thread.
#[allow(clippy::too_many_arguments)]
pub fn record(
    journal: &mut Journal<'_>,
    from: Status,
    checked: &Report,
    checked_hash: String,
    check: &Check,
) -> Result<()> {
    let sealed = Sealed {
        report_id: checked.id,
        from: Some(from),
        to: checked.status,
        digest: checked_hash,
    };
    let payload = Judged {
        reasons: &checked.reject_reasons,
        explanation: &check.explanation,
    }
    .payload();
    let at = journal.stamp().at;
    let kind = check.action.kind();
    journal.append(Entry::step(
        sealed,
        kind,
        payload,
        at,
        checked.agency.as_deref(),
    ))?;
    Ok(())
}

/// Reports per transaction when validating every received report: the lock is let go
/// between batches so operators and cron get their turn, as with ingest.
const BATCH: usize = 5_000;

/// Batches between two waits for the checkpoint thread: the log holds at most about this
/// many batches' pages.
const CATCH_UP_EVERY: usize = 4;

/// Judged reports that may wait for their verdict to be written.
const JUDGED_WAITING: usize = 256;

/// Validates the named reports (in one transaction), or every received one (urgent first,
/// then oldest first, in batches), handing each verdict to `verdict` as it is made.
/// Reports that are not `received` are refused one by one and left as they were; the
/// refusals are returned.
pub fn validate(
    conn: &Connection,
    ctx: &Context,
    actor: &Actor,
    ids: &[String],
    verdict: &mut dyn FnMut(Verdict) -> Result<()>,
) -> Result<Vec<crate::i18n::Localized>> {
    let thresholds = crate::app::settings::language_thresholds(conn)?;
    let deadlines = Deadlines::load(conn)?;
    let mut journal = deadlines.journal(conn, ctx.stamp(&actor.username))?;
    let mut refusals = Vec::new();
    let all_received = ids.is_empty();
    let bar = crate::output::progress(
        if all_received {
            reports::count_with_status(conn, Status::Received)?
        } else {
            ids.len() as u64
        },
        ctx.lang.pick("Kiểm tra", "Validating"),
    );
    // Only the long run over every received report copies its log on the side (see
    // storage::BackgroundCheckpoint); named reports are one short transaction.
    let checkpoint = if all_received && conn.is_autocommit() {
        crate::storage::BackgroundCheckpoint::start(conn)?
    } else {
        None
    };
    let mut batches = 0usize;
    let mut after = None;
    loop {
        let tx = immediate(conn)?;
        let targets: Vec<i64> = if all_received {
            let page = reports::received_page(&tx, after.as_ref(), BATCH)?;
            after = page.last().cloned();
            page.into_iter().map(|key| key.id).collect()
        } else {
            ids.iter()
                .map(|id| resolve(&tx, id).map(|r| r.id))
                .collect::<Result<_>>()?
        };
        if targets.is_empty() {
            tx.commit()?;
            break;
        }
        let mut loaded = Vec::with_capacity(targets.len());
        for id in targets {
            match reports::load(&tx, id)? {
                Some(report) => loaded.push(report),
                None => bar.inc(1),
            }
        }
        // Another writer may have extended the chain since the last batch.
        journal.resync(conn)?;
        // The check is pure: a second thread judges the batch, in order, while this one
        // writes the verdicts already reached (the check was two fifths of a validation).
        std::thread::scope(|scope| -> Result<()> {
            let (judged, verdicts) = std::sync::mpsc::sync_channel(JUDGED_WAITING);
            let thresholds = &thresholds;
            let judging = scope.spawn(move || {
                for report in loaded {
                    let found = check(&report, thresholds);
                    let next = workflow::apply(&report, &found.action).map(|next| {
                        let digest = next.digest();
                        (next, digest)
                    });
                    if judged.send((report, found, next)).is_err() {
                        break;
                    }
                }
            });
            // An error here drops `verdicts`, so the judging thread stops at its next send.
            for (report, found, next) in verdicts {
                bar.inc(1);
                let (next, digest) = match next {
                    Ok(next) => next,
                    Err(e) => {
                        refusals.push(crate::app::workflow::transition_error(&report, &e));
                        continue;
                    }
                };
                reports::update(&tx, &report, &next)?;
                record(&mut journal, report.status, &next, digest, &found)?;
                verdict(Verdict {
                    id: next.id,
                    external_id: next.external_id,
                    status: next.status,
                    reasons: next.reject_reasons.join(","),
                    explanation: found.explanation,
                })?;
            }
            if let Err(panic) = judging.join() {
                std::panic::resume_unwind(panic);
            }
            Ok(())
        })?;
        tx.commit()?;
        if !all_received {
            break;
        }
        batches += 1;
        if let Some(checkpoint) = &checkpoint {
            checkpoint.committed();
        }
        crate::storage::let_waiters_in();
        // Every few batches the copy must catch up, or the log never starts over.
        if batches.is_multiple_of(CATCH_UP_EVERY)
            && let Some(checkpoint) = &checkpoint
        {
            checkpoint.caught_up();
        }
    }
    bar.finish_and_clear();
    Ok(refusals)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events recorded before and after must read the same: the payload is the text the
    /// earlier JSON map wrote.
    #[test]
    fn a_verdict_payload_is_the_text_the_json_map_wrote() {
        let reasons = ["missing_media".to_owned(), "not_vietnamese".to_owned()];
        for (reasons, explanation) in [
            (&[][..], ""),
            (
                &reasons[..],
                "Thiếu hình ảnh. Nội dung \"không\" phải tiếng Việt.\n",
            ),
        ] {
            let map = serde_json::json!({ "reasons": reasons, "explanation": explanation });
            let judged = Judged {
                reasons,
                explanation,
            };
            assert_eq!(judged.payload(), map.to_string());
        }
    }
}
