//! The audit chain (docs/rules.md §2 [choice]; Đ11): how an event is sealed and how a stored chain is
//! checked. Each event's hash covers the previous event's hash, its own attributes and the
//! digest of the report row it left behind, so editing an event, deleting one in the middle,
//! or editing a report row behind the tool's back all show. No I/O: storage streams the
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

/// The tamper message in Vietnamese too: an official reads it whole, not half in English.
impl crate::i18n::Bilingual for ChainBreak {
    fn vi(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(match self {
            ChainBreak::EventAltered { id } => {
                format!("sự kiện {id}: mã băm đã lưu không khớp với nội dung (bị sửa sau khi ghi)")
            }
            ChainBreak::Unlinked { id, previous } => format!(
                "sự kiện {id}: không nối tiếp sự kiện {previous} (một sự kiện trước nó đã bị xóa hoặc thay)"
            ),
            ChainBreak::ReportAltered {
                report_id,
                event_id,
            } => format!(
                "phản ánh {report_id}: dòng dữ liệu khác với bản sự kiện {event_id} đã ghi (bị sửa ngoài phananh)"
            ),
            ChainBreak::ReportUnrecorded { report_id } => format!(
                "phản ánh {report_id}: không sự kiện nào ghi nhận nó (bị chèn ngoài phananh)"
            ),
        })
    }

    fn en(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(self.to_string())
    }
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
    fn a_resealed_edit_still_breaks_the_link_after_it() {
        let mut c = chain(4);
        c[1].0.payload = "{\"forged\":true}".into();
        c[1].1 = c[1].0.seal();
        assert_eq!(walk(&c), Err(ChainBreak::Unlinked { id: 3, previous: 2 }));
    }
}
