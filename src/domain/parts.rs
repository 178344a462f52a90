//! An event's long lists written in parts (docs/rules.md §2, "Long lists in parts"): the
//! layout of a head event's `parts` member and of the `list_part` events that follow it,
//! how they are written, where each part belongs, and how the chain walk judges them. Owns
//! no I/O: the journal appends what this module writes, storage hands it what it reads.
//!
//! A change over a province's backlog lists every deadline it moved (109,639 over 160,000
//! reports, 14.3 MB of JSON): as one payload, SQLite held two copies of it at the insert
//! beside the list itself, 84 MB for `calendar add-holiday`
//! (`memory::a_change_of_the_limits_or_the_calendar_over_a_large_backlog_runs_in_flat_memory`).
//! A list longer than [`PART_ENTRIES`] is therefore written into parts of at most that many
//! entries, each an event of its own sealed by the same chain right after its head, in the
//! same transaction; no text larger than one part is built or bound. The head names how
//! many parts follow and seals each one's digest, so that a part removed, moved, edited or
//! appended is named by `audit verify` even when the chain's hashes were made again over it.
//! A list as long as a part or shorter stays in the head, as every event wrote it before.

use std::ops::Range;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::audit::{ChainBreak, EventRecord};
use super::event::EventKind;
use super::payload::ObjectText;

/// The most entries one part holds, and the longest list kept in its head: a part of moved
/// deadlines is some 130 KB (14.3 MB for 109,639), of re-judged clocks some 160 KB.
pub const PART_ENTRIES: usize = 1_000;

/// The head's member announcing its parts: `{"count": n, "lists": {key: entries},
/// "digests": [SHA-256 of each part's payload]}`.
pub const PARTS: &str = "parts";
/// A part's member naming its head event.
pub const PART_OF: &str = "part_of";
/// A part's member giving its number among its head's parts, from 1.
pub const PART: &str = "part";

/// The kinds of event that may write their lists in parts: the changes that recompute the
/// open clocks, and the re-judging of stopped ones.
pub const HEADS: [EventKind; 7] = [
    EventKind::SettingsSet,
    EventKind::CalendarAddHoliday,
    EventKind::CalendarAddWorkday,
    EventKind::CalendarRemove,
    EventKind::CalendarImport,
    EventKind::CalendarRejudge,
    EventKind::CalendarAdopt,
];

type WriteRange<'a> = Box<dyn Fn(&mut ObjectText, Range<usize>) -> serde_json::Result<()> + 'a>;

/// One list of a payload, as it is to be written: its key, how many entries, and how to
/// write a run of them (from a slice held anyway, so that it can be written twice: once to
/// seal each part's digest in the head, once into the parts).
pub struct List<'a> {
    key: &'a str,
    len: usize,
    when_empty: bool,
    write: WriteRange<'a>,
}

impl<'a> List<'a> {
    /// The list `key` of `items`, each written as `entry` gives it.
    pub fn of<T, S: Serialize>(
        key: &'a str,
        items: &'a [T],
        entry: impl Fn(&'a T) -> S + 'a,
    ) -> List<'a> {
        List {
            key,
            len: items.len(),
            when_empty: true,
            write: Box::new(move |text, range| text.list(key, items[range].iter().map(&entry))),
        }
    }

    /// The same, left out of the payload when it has no entry (the payloads of changes that
    /// cleared or kept nothing read as before such lists existed).
    pub fn unless_empty(mut self) -> List<'a> {
        self.when_empty = false;
        self
    }

    fn in_parts(&self) -> bool {
        self.len > PART_ENTRIES
    }
}

/// A payload's lists: those short enough written in the head, the others in parts.
pub struct Lists<'a>(Vec<List<'a>>);

impl<'a> Lists<'a> {
    pub fn new(lists: Vec<List<'a>>) -> Lists<'a> {
        Lists(lists)
    }

    /// Writes into the head the list `key`, one member, if it stays there (as long as a part
    /// or shorter); the caller places each list among the head's members as a one-text
    /// payload had it, so that such a payload reads byte for byte as before.
    pub fn write(&self, text: &mut ObjectText, key: &str) -> serde_json::Result<()> {
        for list in self.0.iter().filter(|list| list.key == key) {
            if !list.in_parts() && (list.len > 0 || list.when_empty) {
                (list.write)(text, 0..list.len)?;
            }
        }
        Ok(())
    }

    /// Each part, in order: its list and the run of entries it holds.
    fn layout(&self) -> impl Iterator<Item = (&List<'a>, Range<usize>)> {
        self.0
            .iter()
            .filter(|list| list.in_parts())
            .flat_map(|list| {
                (0..list.len)
                    .step_by(PART_ENTRIES)
                    .map(move |start| (list, start..(start + PART_ENTRIES).min(list.len)))
            })
    }

    /// How many parts follow the head (0: the payload is one text, as before).
    pub fn count(&self) -> usize {
        self.layout().count()
    }

    /// The payload of part `number` (from 1) of the event `head`: `{"part_of": head,
    /// "part": number, KEY: [entries]}`, the list under the key it has in a one-text payload,
    /// so that a reader of that key reads a part as it reads a head.
    pub fn part(&self, head: i64, number: usize) -> serde_json::Result<String> {
        let Some((list, range)) = number.checked_sub(1).and_then(|i| self.layout().nth(i)) else {
            return Err(serde::ser::Error::custom(format!(
                "part {number} of {} asked for",
                self.count()
            )));
        };
        ObjectText::written(|text| {
            text.member(PART_OF, &head)?;
            text.member(PART, &number)?;
            (list.write)(text, range.clone())
        })
    }

    /// The head's [`PARTS`] member for the event `head`, None when no list is written in
    /// parts. Each part is written once here to seal its digest, and let go.
    pub fn announcement(&self, head: i64) -> serde_json::Result<Option<serde_json::Value>> {
        let count = self.count();
        if count == 0 {
            return Ok(None);
        }
        let mut digests = Vec::with_capacity(count);
        for number in 1..=count {
            digests.push(digest(&self.part(head, number)?));
        }
        let lists: serde_json::Map<String, serde_json::Value> = self
            .0
            .iter()
            .filter(|list| list.in_parts())
            .map(|list| (list.key.to_owned(), list.len.into()))
            .collect();
        Ok(Some(serde_json::json!({
            "count": count,
            "lists": lists,
            "digests": digests,
        })))
    }
}

/// The digest a head seals of one part: SHA-256 of its payload as stored, in hex.
pub fn digest(payload: &str) -> String {
    super::report::hex(&Sha256::digest(payload.as_bytes()))
}

/// Where a part says it belongs: (its head event, its number). None for a payload that says
/// neither as a whole number.
pub fn place(payload: &str) -> Option<(i64, u64)> {
    let head = super::payload::last_under(payload, PART_OF)?.as_i64()?;
    let number = super::payload::last_under(payload, PART)?.as_u64()?;
    Some((head, number))
}

/// What a head announced: how many parts, and each one's digest.
#[derive(Debug, serde::Deserialize)]
struct Announced {
    count: u64,
    digests: Vec<String>,
}

/// The parts a head announced, as its `payload` says, when it is a kind that writes them and
/// says so. A `parts` member that does not read (edited outside phananh) announces none:
/// the parts after it are then named as stray.
fn announced(record: &EventRecord) -> Option<Announced> {
    if record.report_id.is_some()
        || !HEADS.iter().any(|kind| kind.as_str() == record.action)
        || !record.payload.contains("\"parts\"")
    {
        return None;
    }
    let announced: Announced =
        serde_json::from_value(super::payload::last_under(&record.payload, PARTS)?).ok()?;
    (announced.count > 0 && announced.digests.len() as u64 == announced.count).then_some(announced)
}

/// The parts a walk of the chain waits for: those the last head announced and not yet met.
#[derive(Debug)]
struct Awaited {
    head: i64,
    actor: String,
    at: String,
    login: Option<String>,
    digests: std::vec::IntoIter<String>,
    count: u64,
    next: u64,
}

/// Judges the parts of the events walked in id order (`domain::audit::ChainWalker` holds one): each
/// head's parts follow it at once, all of them, in order, each written by the same account
/// and login at the same time as its head, each its sealed digest; and no part follows
/// anything else.
#[derive(Debug, Default)]
pub struct PartsWalker {
    awaited: Option<Awaited>,
}

impl PartsWalker {
    /// Judges the next event of the walk.
    pub fn check(&mut self, record: &EventRecord) -> Result<(), ChainBreak> {
        let is_part = record.action == EventKind::ListPart.as_str();
        if let Some(awaited) = self.awaited.as_mut() {
            if !is_part {
                let missing = ChainBreak::PartMissing {
                    head: awaited.head,
                    part: awaited.next,
                    count: awaited.count,
                };
                self.awaited = None;
                return Err(missing);
            }
            let placed = place(&record.payload) == Some((awaited.head, awaited.next))
                && record.report_id.is_none()
                && record.actor == awaited.actor
                && record.at == awaited.at
                && record.login == awaited.login;
            let (head, part) = (awaited.head, awaited.next);
            if !placed {
                return Err(ChainBreak::PartMisplaced {
                    id: record.id,
                    head,
                    part,
                });
            }
            if awaited.digests.next().as_deref() != Some(digest(&record.payload).as_str()) {
                return Err(ChainBreak::PartAltered {
                    id: record.id,
                    head,
                    part,
                });
            }
            awaited.next += 1;
            if awaited.next > awaited.count {
                self.awaited = None;
            }
            return Ok(());
        }
        if is_part {
            return Err(ChainBreak::PartStray { id: record.id });
        }
        if let Some(announced) = announced(record) {
            self.awaited = Some(Awaited {
                head: record.id,
                actor: record.actor.clone(),
                at: record.at.clone(),
                login: record.login.clone(),
                digests: announced.digests.into_iter(),
                count: announced.count,
                next: 1,
            });
        }
        Ok(())
    }

    /// At the end of the walk: the parts still awaited were cut off.
    pub fn finish(&mut self) -> Result<(), ChainBreak> {
        match self.awaited.take() {
            Some(awaited) => Err(ChainBreak::PartMissing {
                head: awaited.head,
                part: awaited.next,
                count: awaited.count,
            }),
            None => Ok(()),
        }
    }
}

/// For a reader of the lists of some events (in id order): whether each part read belongs to
/// the last head it read, and which. Readers take a part only after its head, as the walk
/// judges it; a part elsewhere is `audit verify`'s to name, and lists nothing.
#[derive(Debug, Default)]
pub struct PartReader {
    head: Option<i64>,
}

impl PartReader {
    /// The event whose lists `payload` (of event `id`, of kind `action`) continues: the event
    /// itself for a head or any other event, its head for a part of the last head read, None
    /// for a part of no head read.
    pub fn owner(&mut self, id: i64, action: &str, payload: &str) -> Option<i64> {
        if action != EventKind::ListPart.as_str() {
            self.head = Some(id);
            return Some(id);
        }
        let (head, _) = place(payload)?;
        (Some(head) == self.head).then_some(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(numbers: &[i64], short: &[i64]) -> Vec<String> {
        let none: &[i64] = &[];
        let all = Lists::new(vec![
            List::of("long", numbers, |n| *n),
            List::of("short", short, |n| *n),
            List::of("none", none, |n| *n).unless_empty(),
        ]);
        let mut texts = vec![
            ObjectText::written(|text| {
                text.member("a", &1)?;
                for key in ["long", "short", "none"] {
                    all.write(text, key)?;
                }
                if let Some(parts) = all.announcement(7)? {
                    text.member(PARTS, &parts)?;
                }
                Ok(())
            })
            .unwrap(),
        ];
        for number in 1..=all.count() {
            texts.push(all.part(7, number).unwrap());
        }
        texts
    }

    /// Up to a part's length, a list stays in its head, byte for byte as before.
    #[test]
    fn a_short_list_stays_in_its_head() {
        let numbers: Vec<i64> = (0..PART_ENTRIES as i64).collect();
        let texts = lists(&numbers, &[5]);
        assert_eq!(texts.len(), 1);
        let whole = serde_json::json!({"a": 1, "long": numbers, "short": [5]});
        assert_eq!(texts[0], whole.to_string());
    }

    /// A longer list goes into parts of at most [`PART_ENTRIES`], in order, each naming its
    /// head and number, each digest sealed in the head; the short list stays.
    #[test]
    fn a_long_list_is_written_in_parts_whose_digests_the_head_seals() {
        let numbers: Vec<i64> = (0..(2 * PART_ENTRIES + 1) as i64).collect();
        let texts = lists(&numbers, &[5]);
        assert_eq!(texts.len(), 4);
        let head: serde_json::Value = serde_json::from_str(&texts[0]).unwrap();
        assert_eq!(head["short"], serde_json::json!([5]));
        assert!(head.get("long").is_none());
        assert_eq!(head["parts"]["count"], 3);
        assert_eq!(
            head["parts"]["lists"],
            serde_json::json!({"long": numbers.len()})
        );
        let mut read = Vec::new();
        for (i, text) in texts[1..].iter().enumerate() {
            assert_eq!(place(text), Some((7, i as u64 + 1)));
            assert_eq!(head["parts"]["digests"][i], digest(text));
            let part: serde_json::Value = serde_json::from_str(text).unwrap();
            read.extend(
                part["long"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_i64().unwrap()),
            );
        }
        assert_eq!(read, numbers);
    }

    fn record(id: i64, action: &str, payload: &str) -> EventRecord {
        EventRecord {
            at: "t".into(),
            login: Some("root".into()),
            ..EventRecord::for_test(id, "admin", action, payload)
        }
    }

    fn walk(events: &[EventRecord]) -> Result<(), ChainBreak> {
        let mut walker = PartsWalker::default();
        for event in events {
            walker.check(event)?;
        }
        walker.finish()
    }

    /// A head with its two parts, then another event.
    fn chain() -> Vec<EventRecord> {
        let numbers: Vec<i64> = (0..(PART_ENTRIES + 1) as i64).collect();
        let texts = lists(&numbers, &[]);
        let mut events = vec![record(1, "init", "{}")];
        events.push(record(7, "calendar_add_holiday", &texts[0]));
        events.push(record(8, "list_part", &texts[1]));
        events.push(record(9, "list_part", &texts[2]));
        events.push(record(10, "backup", "{}"));
        events
    }

    #[test]
    fn parts_in_place_hold_and_every_attack_on_one_is_named() {
        let events = chain();
        assert_eq!(walk(&events), Ok(()));
        // Cut off at the end.
        assert_eq!(
            walk(&events[..3]),
            Err(ChainBreak::PartMissing {
                head: 7,
                part: 2,
                count: 2
            })
        );
        // Removed in the middle.
        let mut removed = events.clone();
        removed.remove(2);
        assert_eq!(
            walk(&removed),
            Err(ChainBreak::PartMisplaced {
                id: 9,
                head: 7,
                part: 1
            })
        );
        // Reordered.
        let mut swapped = events.clone();
        let second = swapped[3].payload.clone();
        swapped[3].payload = std::mem::replace(&mut swapped[2].payload, second);
        assert!(matches!(
            walk(&swapped),
            Err(ChainBreak::PartMisplaced { id: 8, .. })
        ));
        // An entry edited.
        let mut edited = events.clone();
        edited[3].payload = edited[3].payload.replace("1000", "1001");
        assert_eq!(
            walk(&edited),
            Err(ChainBreak::PartAltered {
                id: 9,
                head: 7,
                part: 2
            })
        );
        // Written by another account.
        let mut other = events.clone();
        other[2].actor = "tiepnhan.lan".into();
        assert!(matches!(
            walk(&other),
            Err(ChainBreak::PartMisplaced { id: 8, .. })
        ));
        // Appended after another event.
        let mut appended = events.clone();
        appended.push(record(11, "list_part", &events[2].payload));
        assert_eq!(walk(&appended), Err(ChainBreak::PartStray { id: 11 }));
        // Followed by another event before its last part.
        let mut cut = events.clone();
        cut.remove(3);
        assert_eq!(
            walk(&cut),
            Err(ChainBreak::PartMissing {
                head: 7,
                part: 2,
                count: 2
            })
        );
    }

    /// A reader takes a part only after its own head.
    #[test]
    fn a_reader_takes_a_part_for_its_head_only() {
        let events = chain();
        let mut reader = PartReader::default();
        let owners: Vec<_> = events[1..4]
            .iter()
            .map(|e| reader.owner(e.id, &e.action, &e.payload))
            .collect();
        assert_eq!(owners, [Some(7), Some(7), Some(7)]);
        let mut reader = PartReader::default();
        reader.owner(3, "settings_set", "{}");
        assert_eq!(reader.owner(8, "list_part", &events[2].payload), None);
    }
}
