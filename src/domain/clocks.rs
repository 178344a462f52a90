//! Which clocks each workflow step starts and stops (docs/rules.md §3's table), how a stopped clock
//! is judged, and what state a clock is in at a given moment. Storage applies these
//! decisions; nothing here reads the database or the time.

use std::borrow::Cow;

use serde::Serialize;

use super::deadline::Stage;
use super::event::EventKind;
use super::time::Timestamp;
use super::workflow::Action;
use crate::i18n::Bilingual;

/// A clock to start, against an agency when the stage is the agency's duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub stage: Stage,
    pub agency: Option<String>,
}

/// What a step does to a report's clocks: the open clocks of `stops` stop, then `starts`
/// begin (a new round when the stage ran before).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effects {
    pub stops: Vec<Stage>,
    pub starts: Vec<Start>,
}

/// A report has just been received: the dispatch clock starts at its submission time.
pub fn on_received() -> Effects {
    effects_of_event(EventKind::Ingest, None)
}

/// The clocks `action` stops and starts. `agency` is the report's agency after the action.
pub fn effects(action: &Action, agency: Option<&str>) -> Effects {
    effects_of_event(action.kind(), agency)
}

/// The same, by the kind of event logged (so the clocks of an existing log can be
/// replayed). Kinds that touch no clock give no effects.
pub fn effects_of_event(event: EventKind, agency: Option<&str>) -> Effects {
    use Stage::*;
    let against = |stage| Start {
        stage,
        agency: agency.map(str::to_owned),
    };
    let portal = |stage| Start {
        stage,
        agency: None,
    };
    let (stops, starts) = match event {
        EventKind::Ingest => (vec![], vec![portal(Dispatch)]),
        EventKind::Reject => (vec![Dispatch], vec![]),
        EventKind::Assign => (vec![Dispatch], vec![against(Return), against(Process)]),
        EventKind::Answer => (vec![Dispatch], vec![portal(Publish)]),
        EventKind::Return => (vec![Return, Process], vec![portal(Dispatch)]),
        EventKind::Reply => (vec![Return, Process], vec![portal(Publish)]),
        // Rework: the agency already accepted the report, so only processing runs again.
        EventKind::VerifySendBack => (vec![Publish], vec![against(Process)]),
        EventKind::Publish => (vec![Publish], vec![]),
        // A duplicate follows its original: nothing is left to count.
        EventKind::Duplicate => (Stage::ALL.to_vec(), vec![]),
        _ => (vec![], vec![]),
    };
    Effects { stops, starts }
}

/// Whether the portal itself holds `stage`'s clock (dispatching, checking and publishing),
/// rather than an agency (returning, processing): who is to act, and whose leader to tell,
/// when the clock runs late. The same split as the clocks [`effects_of_event`] starts.
pub fn portal_holds(stage: Stage) -> bool {
    matches!(stage, Stage::Dispatch | Stage::Publish)
}

/// Whether a clock stopped at `stopped` by `action` was breached. Stopping exactly at the
/// deadline is on time. The return window is not a duty: only a return made after it is
/// late; a reply or anything else closes it unbreached.
pub fn breached(stage: Stage, action: EventKind, due: &Timestamp, stopped: &Timestamp) -> bool {
    if stage == Stage::Return && action != EventKind::Return {
        return false;
    }
    stopped > due
}

/// One step of a report as the log has it, for replaying the report's clocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub event: i64,
    pub kind: EventKind,
    pub at: Timestamp,
    /// The agency an `assign` step named.
    pub assigned: Option<String>,
}

/// A clock as the log gives it: which step started it and which stopped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: Timestamp,
    pub start_event: i64,
    /// When, by which event and by which kind of step it stopped.
    pub stopped: Option<(Timestamp, i64, EventKind)>,
}

/// Replays a report's steps, in log order, into the clocks they start and stop, the way the
/// journal applies them as they happen: each step stops the report's open clocks of the
/// stages it stops, then starts its own, a new round when the stage ran before; an
/// arrival's dispatch clock starts at the submission time, every other clock at its step;
/// a clock against an agency is against the agency last assigned. The clocks come out in
/// (stage, round) order.
pub fn replay(submitted: &Timestamp, steps: &[Step]) -> Vec<Replayed> {
    let mut clocks: Vec<Replayed> = Vec::new();
    let mut agency: Option<&str> = None;
    for step in steps {
        if step.kind == EventKind::Assign {
            agency = step.assigned.as_deref();
        }
        let effects = effects_of_event(step.kind, agency);
        for clock in &mut clocks {
            if clock.stopped.is_none() && effects.stops.contains(&clock.stage) {
                clock.stopped = Some((step.at, step.event, step.kind));
            }
        }
        for start in effects.starts {
            let round = clocks.iter().filter(|c| c.stage == start.stage).count() as i64 + 1;
            clocks.push(Replayed {
                stage: start.stage,
                round,
                agency: start.agency,
                started_at: if step.kind == EventKind::Ingest {
                    *submitted
                } else {
                    step.at
                },
                start_event: step.event,
                stopped: None,
            });
        }
    }
    clocks.sort_by_key(|c| (c.stage, c.round));
    clocks
}

/// A clock as an operator sees it at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Running, not yet due soon.
    Running,
    /// Running and due within the sweep's warning time.
    DueSoon,
    /// Running past its deadline.
    Overdue,
    /// A return window that passed unused: closed, not breached.
    Lapsed,
    /// Stopped by its deadline.
    OnTime,
    /// Stopped after its deadline.
    Late,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::DueSoon => "due_soon",
            State::Overdue => "overdue",
            State::Lapsed => "lapsed",
            State::OnTime => "on_time",
            State::Late => "late",
        }
    }
}

impl Bilingual for State {
    fn vi(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                State::Running => "Đang tính",
                State::DueSoon => "Sắp đến hạn",
                State::Overdue => "Quá hạn",
                State::Lapsed => "Hết thời hạn trả lại",
                State::OnTime => "Đúng hạn",
                State::Late => "Trễ hạn",
            }
        })
    }

    fn en(&self) -> Cow<'static, str> {
        Cow::Borrowed({
            match self {
                State::Running => "Running",
                State::DueSoon => "Due soon",
                State::Overdue => "Overdue",
                State::Lapsed => "Return window passed",
                State::OnTime => "On time",
                State::Late => "Late",
            }
        })
    }
}

/// The state of a clock at `now`, with `soon` seconds of warning.
pub fn state(
    stage: Stage,
    due: &Timestamp,
    stopped: Option<(&Timestamp, bool)>,
    now: &Timestamp,
    soon: i64,
) -> State {
    match stopped {
        Some((_, true)) => State::Late,
        // A reply after the return window closes a window that passed unused: it stays
        // lapsed, not "on time" (docs/rules.md §3), though it counts as on time.
        Some((at, false)) if stage == Stage::Return && at > due => State::Lapsed,
        Some((_, false)) => State::OnTime,
        None if now > due => {
            if stage == Stage::Return {
                State::Lapsed
            } else {
                State::Overdue
            }
        }
        None if (*due - *now).num_seconds() <= soon => State::DueSoon,
        None => State::Running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time;

    fn ts(text: &str) -> Timestamp {
        time::parse(text).unwrap().unwrap()
    }

    /// Issue (desk3 finding 3): an urgent dispatch past due told the desk to call the
    /// agency's leader, with no agency yet. The portal holds exactly the clocks every step
    /// starts without an agency, whatever agency the report has.
    #[test]
    fn the_portal_holds_the_clocks_started_against_no_agency() {
        for kind in EventKind::ALL {
            for start in effects_of_event(kind, Some("SXD")).starts {
                assert_eq!(
                    portal_holds(start.stage),
                    start.agency.is_none(),
                    "{kind:?} starts {start:?}"
                );
            }
        }
        assert!(portal_holds(Stage::Dispatch) && !portal_holds(Stage::Process));
    }

    #[test]
    fn a_return_window_closed_by_a_reply_after_it_passed_stays_lapsed() {
        let due = ts("2026-12-07T09:00:00+07:00");
        let (before, after) = (
            ts("2026-12-07T08:30:00+07:00"),
            ts("2026-12-07T09:30:00+07:00"),
        );
        let now = ts("2026-12-07T10:00:00+07:00");
        let judged = |stage, stopped| state(stage, &due, stopped, &now, 1800);
        assert_eq!(judged(Stage::Return, Some((&after, false))), State::Lapsed);
        assert_eq!(judged(Stage::Return, Some((&before, false))), State::OnTime);
        assert_eq!(judged(Stage::Return, Some((&after, true))), State::Late);
        assert_eq!(judged(Stage::Return, None), State::Lapsed);
        // Any other stage stopped after its deadline is late, and so flagged.
        assert_eq!(judged(Stage::Process, Some((&after, true))), State::Late);
    }

    #[test]
    fn assignment_stops_dispatch_and_starts_the_agencys_two_clocks() {
        let e = effects(
            &Action::Assign {
                agency: "SXD".into(),
                urgent: false,
            },
            Some("SXD"),
        );
        assert_eq!(e.stops, [Stage::Dispatch]);
        assert_eq!(
            e.starts,
            [
                Start {
                    stage: Stage::Return,
                    agency: Some("SXD".into())
                },
                Start {
                    stage: Stage::Process,
                    agency: Some("SXD".into())
                }
            ]
        );
    }

    #[test]
    fn every_stage_is_started_and_stopped_by_some_step() {
        let actions = [
            Action::Reject { reasons: vec![] },
            Action::Assign {
                agency: "A".into(),
                urgent: false,
            },
            Action::Answer { text: "x".into() },
            Action::Return { reason: "x".into() },
            Action::Reply { text: "x".into() },
            Action::SendBack { reason: "x".into() },
            Action::Publish,
        ];
        for stage in Stage::ALL {
            let started = on_received().starts.iter().any(|s| s.stage == stage)
                || actions.iter().any(|a| {
                    effects(a, Some("A"))
                        .starts
                        .iter()
                        .any(|s| s.stage == stage)
                });
            let stopped = actions
                .iter()
                .any(|a| effects(a, Some("A")).stops.contains(&stage));
            assert!(started && stopped, "{stage}");
        }
    }

    #[test]
    fn a_send_back_starts_a_new_processing_round_only() {
        let e = effects(&Action::SendBack { reason: "x".into() }, Some("SXD"));
        assert_eq!(e.stops, [Stage::Publish]);
        assert_eq!(
            e.starts,
            [Start {
                stage: Stage::Process,
                agency: Some("SXD".into())
            }]
        );
        for quiet in [
            Action::Accept,
            Action::Approve,
            Action::MarkStateSecret,
            Action::Rate { score: 5 },
            Action::Classify { field: "XD".into() },
        ] {
            assert_eq!(
                effects(&quiet, Some("SXD")),
                Effects::default(),
                "{quiet:?}"
            );
        }
    }

    #[test]
    fn a_return_window_is_breached_only_by_a_late_return() {
        let due = ts("2026-11-04 10:00");
        let late = ts("2026-11-04 10:00:01");
        assert!(breached(Stage::Return, EventKind::Return, &due, &late));
        assert!(!breached(Stage::Return, EventKind::Reply, &due, &late));
        assert!(!breached(Stage::Return, EventKind::Return, &due, &due));
        assert!(breached(Stage::Process, EventKind::Reply, &due, &late));
        assert!(!breached(Stage::Process, EventKind::Reply, &due, &due));
    }

    #[test]
    fn states_at_a_moment() {
        let due = ts("2026-11-04 10:00");
        let soon = 30 * 60;
        let at = |t| state(Stage::Process, &due, None, &ts(t), soon);
        assert_eq!(at("2026-11-04 09:00"), State::Running);
        assert_eq!(at("2026-11-04 09:30"), State::DueSoon);
        assert_eq!(at("2026-11-04 10:00"), State::DueSoon);
        assert_eq!(at("2026-11-04 10:00:01"), State::Overdue);
        assert_eq!(
            state(Stage::Return, &due, None, &ts("2026-11-05 10:00"), soon),
            State::Lapsed
        );
        let stop = ts("2026-11-04 11:00");
        assert_eq!(
            state(Stage::Process, &due, Some((&stop, true)), &stop, soon),
            State::Late
        );
    }
}
