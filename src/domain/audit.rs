//! The audit chain (docs/rules.md §2 [choice]; Đ11): how an event is sealed and how a stored chain is
//! checked. Each event's hash covers the previous event's hash, its own attributes (the
//! login that wrote it and the system clock when it was written among them, docs/rules.md
//! §7) and the digest of the report row it left behind, so editing an event, deleting one in
//! the middle, or editing a report row behind the tool's back all show. No I/O: storage streams the
//! rows in and this module judges them.

use serde::Serialize;

use crate::domain::report::{hex, json_digest_bytes};

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event as stored, minus its own hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub report_id: Option<i64>,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub payload: String,
    pub report_hash: Option<String>,
    pub prev_hash: String,
    /// The operating-system login that ran the command (docs/rules.md §7). Absent from
    /// events written before logins were recorded, whose seals cover no such attribute: left
    /// out of the canonical JSON when absent, so those seals still verify.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<String>,
    /// The system clock when the event was written, whatever `--now` said; absent, and
    /// left out of the seal, as `login` is for older events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<String>,
}

impl EventRecord {
    /// The seal: SHA-256 of the canonical JSON of every attribute, `prev_hash` included,
    /// in hex.
    pub fn seal(&self) -> String {
        hex(&self.seal_bytes())
    }

    /// The seal's 32 bytes, as stored.
    pub fn seal_bytes(&self) -> [u8; 32] {
        json_digest_bytes(self)
    }
}

/// What `audit verify` found wrong first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("event {id}: its stored hash does not match its content (edited after it was written)")]
    EventAltered { id: i64 },
    #[error(
        "event {id}: it does not follow event {previous} (an event before it was removed or replaced)"
    )]
    Unlinked { id: i64, previous: i64 },
    #[error(
        "report {report_id}: the row differs from what event {event_id} recorded (edited outside phananh)"
    )]
    ReportAltered { report_id: i64, event_id: i64 },
    #[error("report {report_id}: no event records it (inserted outside phananh)")]
    ReportUnrecorded { report_id: i64 },
}

/// Walks events in id order, checking each seal and link.
#[derive(Debug)]
pub struct ChainWalker {
    last_hash: String,
    last_id: i64,
    pub checked: u64,
}

impl Default for ChainWalker {
    fn default() -> Self {
        ChainWalker {
            last_hash: GENESIS.to_owned(),
            last_id: 0,
            checked: 0,
        }
    }
}

impl ChainWalker {
    /// Checks the next stored event (`record` and the `hash` stored beside it).
    pub fn check(&mut self, record: &EventRecord, stored_hash: &str) -> Result<(), ChainBreak> {
        if record.seal() != stored_hash {
            return Err(ChainBreak::EventAltered { id: record.id });
        }
        if record.prev_hash != self.last_hash {
            return Err(ChainBreak::Unlinked {
                id: record.id,
                previous: self.last_id,
            });
        }
        self.last_hash = stored_hash.to_owned();
        self.last_id = record.id;
        self.checked += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seal of `event(1, GENESIS)` without login and system clock: SHA-256 of
    /// `{"id":1,"report_id":1,…,"prev_hash":"000…0"}`, computed apart from this code.
    const OLD_SEAL: &str = "3e4ea69ec223734af36f119042ac5cc94a898d88da300e2ac75028606b12ffcc";

    fn event(id: i64, prev: &str) -> EventRecord {
        EventRecord {
            id,
            report_id: Some(1),
            at: "2026-10-05T08:00:00+07:00".into(),
            actor: "tiepnhan.lan".into(),
            action: "accept".into(),
            from_status: Some("received".into()),
            to_status: Some("accepted".into()),
            payload: "{}".into(),
            report_hash: Some("ab".into()),
            prev_hash: prev.into(),
            login: Some("lan".into()),
            recorded_at: Some("2026-12-02T20:41:00+07:00".into()),
        }
    }

    fn chain(n: i64) -> Vec<(EventRecord, String)> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|id| {
                let e = event(id, &prev);
                prev = e.seal();
                (e, prev.clone())
            })
            .collect()
    }

    fn walk(events: &[(EventRecord, String)]) -> Result<u64, ChainBreak> {
        let mut walker = ChainWalker::default();
        for (e, h) in events {
            walker.check(e, h)?;
        }
        Ok(walker.checked)
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(walk(&chain(5)), Ok(5));
    }

    #[test]
    fn an_edited_event_is_named() {
        let mut c = chain(5);
        c[2].0.actor = "someone.else".into();
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 3 }));
    }

    #[test]
    fn a_removed_event_is_noticed_at_the_next_one() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(walk(&c), Err(ChainBreak::Unlinked { id: 3, previous: 1 }));
    }

    #[test]
    fn the_login_and_the_system_clock_are_sealed() {
        let mut c = chain(3);
        c[1].0.login = Some("someone.else".into());
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 2 }));
        let mut c = chain(3);
        c[2].0.recorded_at = Some("2026-11-02T09:30:00+07:00".into());
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 3 }));
        let mut c = chain(3);
        c[0].0.recorded_at = None;
        assert_eq!(walk(&c), Err(ChainBreak::EventAltered { id: 1 }));
    }

    /// An event written before logins and the system clock were recorded is sealed over
    /// the JSON it had then: the seal below was computed by the code of that time.
    #[test]
    fn an_event_from_before_logins_keeps_its_seal() {
        let mut old = event(1, GENESIS);
        old.login = None;
        old.recorded_at = None;
        let json = serde_json::to_string(&old).unwrap();
        assert!(
            !json.contains("login") && !json.contains("recorded_at"),
            "{json}"
        );
        assert_eq!(old.seal(), OLD_SEAL);
    }

    #[test]
    fn a_resealed_edit_still_breaks_the_link_after_it() {
        let mut c = chain(4);
        c[1].0.payload = "{\"forged\":true}".into();
        c[1].1 = c[1].0.seal();
        assert_eq!(walk(&c), Err(ChainBreak::Unlinked { id: 3, previous: 2 }));
    }
}
