//! What sent a report back a step, read from its log: each return by an agency as not its
//! business (Đ8.1.b) and each result the portal sent back for rework (Đ9.1), with who did
//! it, when and why. The next person acts on the reason (the desk picking another agency,
//! the handler redoing the work), and only the events keep it: the report's row counts the
//! returns and send-backs and keeps the last result, nothing more; the log also says who
//! gave that result. Pure: the caller reads the log.

use super::audit::EventRecord;
use super::backup::{LostSteps, entry_text};
use super::event::EventKind;

/// An agency that returned a report as not its business (Đ8.1.b): the agency, the account
/// that returned it, when (stored time) and the reason typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Return {
    pub agency: String,
    pub by: String,
    pub at: String,
    pub reason: String,
}

/// A result the portal sent back for rework (Đ9.1): who sent it back, when, why, and the
/// round of processing whose result it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendBack {
    pub by: String,
    pub at: String,
    pub reason: String,
    pub round: u32,
}

/// A published result taken out of public view (`unpublish`, Đ9.2): who, when, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpublished {
    pub by: String,
    pub at: String,
    pub reason: String,
}

/// The latest result given (`reply`, or the portal's own `answer`): the account that typed
/// it and the text as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub by: String,
    pub text: String,
}

/// A report's setbacks, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setbacks {
    pub returns: Vec<Return>,
    pub send_backs: Vec<SendBack>,
    /// The result on the report is one the portal sent back, no newer one given since: it
    /// is what is being redone, not the report's result.
    pub result_sent_back: bool,
    /// The takedown of its published result, if there was one (there is at most one: it
    /// leaves `published` for good).
    pub unpublished: Option<Unpublished>,
    /// Who gave the latest result, and what they typed: the row keeps the text alone.
    pub result_given: Option<Given>,
}

/// The setbacks of a report from its log, in order. A `return` event does not name the
/// agency: it ends the assignment before it, whose `assign` payload does (a send-back keeps
/// the report with that agency); a return with no assignment before it (a damaged log)
/// names nobody and is left out. Rounds are counted as `workflow::apply` counts them: one
/// more for each assignment and each send-back.
pub fn read(log: &[EventRecord]) -> Setbacks {
    let mut with: Option<String> = None;
    let mut round = 0u32;
    let mut result_round = 0u32;
    let mut found = Setbacks::default();
    for event in log {
        let Some(kind) = EventKind::parse(&event.action) else {
            continue;
        };
        let payload = serde_json::from_str::<serde_json::Value>(&event.payload).ok();
        let text = |key: &str| {
            payload
                .as_ref()
                .and_then(|p| p[key].as_str())
                .unwrap_or_default()
                .to_owned()
        };
        match kind {
            EventKind::Assign => {
                round += 1;
                with = payload
                    .as_ref()
                    .and_then(|p| p["agency"].as_str().map(str::to_owned));
            }
            EventKind::Return => {
                if let Some(agency) = with.take() {
                    found.returns.push(Return {
                        agency,
                        by: event.actor.clone(),
                        at: event.at.clone(),
                        reason: text("reason"),
                    });
                }
            }
            EventKind::Reply | EventKind::Answer => {
                if kind == EventKind::Reply {
                    result_round = round;
                }
                found.result_sent_back = false;
                found.result_given = Some(Given {
                    by: event.actor.clone(),
                    text: text("text"),
                });
            }
            EventKind::Unpublish => {
                found.unpublished = Some(Unpublished {
                    by: event.actor.clone(),
                    at: event.at.clone(),
                    reason: text("reason"),
                })
            }
            EventKind::VerifySendBack => {
                round += 1;
                found.send_backs.push(SendBack {
                    by: event.actor.clone(),
                    at: event.at.clone(),
                    reason: text("reason"),
                    round: result_round,
                });
                found.result_sent_back = true;
            }
            _ => {}
        }
    }
    found
}

/// The latest return by `agency`, if it ever returned the report: routing the report there
/// again would send it back to an agency that has said it is not its business.
pub fn returned_by<'r>(returns: &'r [Return], agency: &str) -> Option<&'r Return> {
    returns.iter().rfind(|r| r.agency == agency)
}

/// The action a report's history gives a takedown a restore did not make again
/// (`takedowns_not_reapplied` of its event): the log of the restored copy lacks the
/// `unpublish`, and the history must still say it was made once (docs/rules.md §7).
pub const TAKEDOWN_NOT_REAPPLIED: &str = "takedown_not_reapplied";

/// The takedowns a `restore` event records as not made again: report, when and by whom
/// each was made. None for any other event, or an older restore's.
pub fn takedowns_not_reapplied(record: &EventRecord) -> Vec<(i64, String, String)> {
    let Some(restored) = LostSteps::of(record) else {
        return Vec::new();
    };
    restored
        .entries("takedowns_not_reapplied")
        .filter_map(|entry| {
            Some((
                entry.get("report_id")?.as_i64()?,
                entry_text(entry, "at")?,
                entry_text(entry, "actor").unwrap_or_default(),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, payload: &str, at: &str) -> EventRecord {
        EventRecord {
            report_id: Some(1),
            at: at.to_owned(),
            ..EventRecord::for_test(0, &format!("by-{at}"), kind.as_str(), payload)
        }
    }

    #[test]
    fn each_return_is_the_agency_of_the_assignment_it_ends() {
        let assign = |agency: &str| format!(r#"{{"agency":"{agency}","urgent":false}}"#);
        let (pccm, sxd, scn) = (assign("PCCM"), assign("SXD"), assign("SCT"));
        let log = [
            event(EventKind::Ingest, "{}", "t0"),
            event(EventKind::Classify, r#"{"field":"DIEN"}"#, "t1"),
            event(EventKind::Assign, &pccm, "t2"),
            event(EventKind::Return, r#"{"reason":"x"}"#, "t3"),
            event(EventKind::Classify, r#"{"field":"VT"}"#, "t4"),
            event(EventKind::Assign, &sxd, "t5"),
            event(EventKind::VerifySendBack, r#"{"reason":"y"}"#, "t6"),
            event(EventKind::Return, r#"{"reason":"z"}"#, "t7"),
            event(EventKind::Assign, &scn, "t8"),
        ];
        let found = read(&log).returns;
        let at = |agency: &str| returned_by(&found, agency).map(|r| r.at.as_str());
        assert_eq!(found.len(), 2);
        assert_eq!(at("PCCM"), Some("t3"));
        assert_eq!(at("SXD"), Some("t7"));
        // Assigned now, never returned.
        assert_eq!(at("SCT"), None);
        // A return with no assignment before it (a damaged log) names nobody.
        assert!(
            read(&[event(EventKind::Return, "{}", "t0")])
                .returns
                .is_empty()
        );
        // Who returned it and why, as the log keeps them.
        assert_eq!(
            found[0],
            Return {
                agency: "PCCM".into(),
                by: "by-t3".into(),
                at: "t3".into(),
                reason: "x".into()
            }
        );
        assert_eq!(found[1].reason, "z");
    }

    #[test]
    fn a_sent_back_result_is_the_one_being_redone_until_a_new_one_comes() {
        let assign = r#"{"agency":"SXD","urgent":false}"#;
        let mut log = vec![
            event(EventKind::Assign, assign, "t1"),
            event(EventKind::Reply, r#"{"text":"Đã sửa."}"#, "t2"),
        ];
        assert!(!read(&log).result_sent_back);
        log.push(event(
            EventKind::VerifySendBack,
            r#"{"reason":"Bổ sung ảnh"}"#,
            "t3",
        ));
        let found = read(&log);
        assert!(found.result_sent_back);
        assert_eq!(
            found.send_backs,
            [SendBack {
                by: "by-t3".into(),
                at: "t3".into(),
                reason: "Bổ sung ảnh".into(),
                round: 1
            }]
        );
        // Returned meanwhile, then dispatched again: still the refused result.
        log.push(event(EventKind::Return, r#"{"reason":"Không phải"}"#, "t4"));
        log.push(event(EventKind::Assign, assign, "t5"));
        assert!(read(&log).result_sent_back);
        // The result of round 3 is the report's own again; a second send-back names it.
        log.push(event(
            EventKind::Reply,
            r#"{"text":"Đã sửa, có ảnh."}"#,
            "t6",
        ));
        assert!(!read(&log).result_sent_back);
        log.push(event(
            EventKind::VerifySendBack,
            r#"{"reason":"Ảnh mờ"}"#,
            "t7",
        ));
        let found = read(&log);
        assert!(found.result_sent_back);
        assert_eq!(
            found.send_backs.iter().map(|s| s.round).collect::<Vec<_>>(),
            [1, 3]
        );
        // The result on the row is the latest reply's, typed by its account.
        assert_eq!(
            found.result_given,
            Some(Given {
                by: "by-t6".into(),
                text: "Đã sửa, có ảnh.".into()
            })
        );
        assert_eq!(found.returns.len(), 1);
    }

    #[test]
    fn a_direct_answer_is_never_a_sent_back_result() {
        let log = [
            event(EventKind::Accept, "{}", "t0"),
            event(EventKind::Answer, r#"{"text":"Đã chuyển."}"#, "t1"),
        ];
        // Nothing sent back; the result is the portal's, as it typed it.
        assert_eq!(
            read(&log),
            Setbacks {
                result_given: Some(Given {
                    by: "by-t1".into(),
                    text: "Đã chuyển.".into()
                }),
                ..Setbacks::default()
            }
        );
    }
}
