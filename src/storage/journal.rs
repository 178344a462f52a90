//! The journal: the one way anything is written to the audit log. Every sealed step —
//! a workflow step, an arrival, a verdict, a reminder, a refusal, an administrator's
//! change — goes through [`Journal`], which stamps the event with who and when
//! ([`Stamp`]), seals it onto the chain with the digest of the report row it leaves
//! behind, and applies the clock effects its kind has (Đ7.2, Đ8.1.b, Đ9.4). Single steps
//! and bulk loads use the same type; a bulk load calls [`Journal::resync`] after each new
//! transaction, because another writer may have extended the chain in between.
//!
//! What every event records besides its step lives in `Stamp` (who, the operating-system
//! login, the tool's clock) and is added by [`Journal::append`] (the system clock when the
//! event is written). The journal also holds the timing rules of docs/rules.md §7 for
//! every writer at once: in `peer` mode a pinned clock (`--now`) times no step, and no
//! event of a report is timed before the one it follows.

use anyhow::Result;
use rusqlite::Connection;

use super::clocks::Keeper;
use super::events::{self, Appender, NewEvent};
use crate::domain::calendar::Calendar;
use crate::domain::clocks::{Effects, effects_of_event};
use crate::domain::deadline::Policy;
use crate::domain::event::EventKind;
use crate::domain::identity::{self, AuthMode, Timing};
use crate::domain::report::{Report, Status};
use crate::domain::time::{self, Timestamp};
use crate::i18n::Localized;

/// Who acts, and the moment the tool's clock gives the step.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// The staff account.
    pub actor: String,
    pub at: Timestamp,
    /// The operating-system login that ran the command.
    pub login: String,
    /// `at` was given (`--now`, `PHANANH_NOW`, a replay) rather than read from the
    /// system clock.
    pub pinned: bool,
}

/// The report row an event seals: the status it moved from and to, the digest of the row
/// as the step found it, and of the row as the step left it.
#[derive(Debug, Clone)]
pub struct Sealed {
    pub report_id: i64,
    pub from: Option<Status>,
    pub to: Status,
    /// The digest of the row the step read, which the log must have sealed last: a step
    /// never seals a row changed behind the tool's back (SECURITY.md, "Sealed tables").
    /// None for an arrival, whose row nothing sealed before.
    pub was: Option<String>,
    pub digest: String,
}

impl Sealed {
    /// A step that found the row `before` and left it as `after`.
    pub fn changed(before: &Report, after: &Report) -> Sealed {
        let (was, digest) = Report::digests_of_step(before, after);
        Sealed {
            report_id: after.id,
            from: Some(before.status),
            to: after.status,
            was: Some(was),
            digest,
        }
    }

    /// A report whose row the event records as it stands, without changing it.
    pub fn unchanged(report: &Report) -> Sealed {
        let digest = report.digest();
        Sealed {
            report_id: report.id,
            from: Some(report.status),
            to: report.status,
            was: Some(digest.clone()),
            digest,
        }
    }
}

/// Which report a step was refused for, its row edited behind the tool's back: the context
/// of that refusal, so that a bulk run can name what it left unchecked (`app::validate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditedBehind(pub i64);

impl std::fmt::Display for EditedBehind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "report {} was changed outside phananh", self.0)
    }
}

/// The refusal of a step whose report row is not the one the log sealed last, with the
/// report as its context. When that last seal is an event that does not hold in the chain
/// (appended with `sqlite3`), the event is named, not the row: the row may never have been
/// touched (`forged_events::an_event_appended_for_an_untouched_report_is_named_not_its_row`).
fn edited_behind(conn: &Connection, report_id: i64) -> anyhow::Error {
    let unheld = match unheld_among(conn, &[report_id]) {
        Ok(unheld) => unheld,
        Err(e) => return e,
    };
    anyhow::Error::new(super::refusal::Refusal::EditedBehind {
        report: report_id,
        unheld,
    })
    .context(EditedBehind(report_id))
}

/// Of the reports `ids`, left out as not matching the log's last seal, those whose last
/// sealing event does not hold at its place in the chain: (report, event), in the order
/// given. What the caller names as an event appended or replaced, not as a row edited.
pub fn unheld_among(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, i64)>> {
    let mut unheld = Vec::new();
    for &id in ids {
        if let Some(event) = events::unheld_seal(conn, id)? {
            unheld.push((id, event));
        }
    }
    Ok(unheld)
}

/// `items` as a message names them, each by `name`, joined by `separator`: the first
/// twenty (`domain::text::IDS_NAMED`, as every notice's list), then how many in all, so that
/// a list an insider can make as long as they like (edited rows, marks, clocks or events)
/// keeps a message readable.
pub fn first_named<T>(items: &[T], separator: &str, name: impl Fn(&T) -> String) -> String {
    let mut named = items
        .iter()
        .take(crate::domain::text::IDS_NAMED)
        .map(name)
        .collect::<Vec<_>>()
        .join(separator);
    if items.len() > crate::domain::text::IDS_NAMED {
        named.push_str(&format!("{separator}… ({})", items.len()));
    }
    named
}

/// One entry before it is sealed.
#[derive(Debug)]
pub struct Entry {
    pub kind: EventKind,
    /// The report row sealed with the event, if the event is about one.
    pub report: Option<Sealed>,
    /// Another subject than the row: a reminder speaks of a report's clock and leaves the
    /// row alone, so it names the report without sealing it.
    pub about: Option<i64>,
    /// What the step decided, as JSON. Never personal data.
    pub payload: String,
    /// The clocks the step stops and starts, and when the started ones start (the
    /// submission time for an arrival, else the step's time).
    pub clocks: Option<(Effects, Timestamp)>,
}

impl Entry {
    /// An event about no report (an administrator's change, a backup); `payload` is its
    /// JSON text.
    pub fn note(kind: EventKind, payload: String) -> Entry {
        Entry {
            kind,
            report: None,
            about: None,
            payload,
            clocks: None,
        }
    }

    /// A step that moved a report (or sealed it as it stands) with the clock effects of
    /// its kind, the started clocks starting at `start`. `agency` is the report's agency
    /// after the step.
    pub fn step(
        sealed: Sealed,
        kind: EventKind,
        payload: String,
        start: Timestamp,
        agency: Option<&str>,
    ) -> Entry {
        Entry {
            kind,
            report: Some(sealed),
            about: None,
            payload,
            clocks: Some((effects_of_event(kind, agency), start)),
        }
    }
}

/// Seals entries onto the chain inside the caller's (immediate) transaction.
pub struct Journal<'c> {
    conn: &'c Connection,
    appender: Appender<'c>,
    keeper: Option<Keeper<'c>>,
    stamp: Stamp,
    /// The stamp's time as stored, formatted once for a bulk load's thousands of events.
    at: String,
    mode: AuthMode,
    /// The system clock as stored, and the second it was formatted for: a bulk load writes
    /// thousands of events a second.
    recorded_at: String,
    recorded_second: i64,
    /// The report of the last event appended at the stamp's time: the next event of the
    /// same report at the same time needs no look-up to know it does not come before it.
    last_report: Option<i64>,
    /// The report row the last event sealed, and its digest: the next step of the same
    /// report in this transaction (a load's verdict after its arrival) finds it there.
    last_sealed: Option<(i64, String)>,
}

impl<'c> Journal<'c> {
    /// A journal for events that touch no clock. The caller must hold the write lock.
    pub fn new(conn: &'c Connection, stamp: Stamp) -> Result<Self> {
        let mode = AuthMode::of_setting(super::settings::get(conn, identity::SETTING)?.as_deref());
        Ok(Journal {
            conn,
            appender: Appender::new(conn)?,
            keeper: None,
            at: time::format(&stamp.at),
            stamp,
            mode,
            recorded_at: String::new(),
            recorded_second: i64::MIN,
            last_report: None,
            last_sealed: None,
        })
    }

    /// A journal that also starts and stops the clocks of the steps it records, under
    /// the calendar and limits given.
    pub fn with_clocks(
        conn: &'c Connection,
        stamp: Stamp,
        calendar: &'c Calendar,
        policy: &'c Policy,
    ) -> Result<Self> {
        let mut journal = Journal::new(conn, stamp)?;
        journal.keeper = Some(Keeper::new(conn, calendar, policy)?);
        Ok(journal)
    }

    pub fn stamp(&self) -> &Stamp {
        &self.stamp
    }

    /// The id the next event appended gets: a head seals the digests of its parts, which
    /// name it (`domain::parts`).
    fn next_id(&self) -> i64 {
        self.appender.next_id()
    }

    /// Seals an event about no report whose long `lists` go into parts
    /// (`domain::parts`): the head, whose payload `head` writes given the parts'
    /// announcement (None when every list stays in it), then each part right after it.
    /// Returns the head's id.
    pub fn append_with_parts(
        &mut self,
        kind: EventKind,
        lists: &crate::domain::parts::Lists<'_>,
        head: impl FnOnce(Option<&serde_json::Value>) -> Result<String>,
    ) -> Result<i64> {
        let announcement = lists.announcement(self.next_id())?;
        let payload = head(announcement.as_ref())?;
        drop(announcement);
        let id = self.append(Entry::note(kind, payload))?;
        for number in 1..=lists.count() {
            self.append(Entry::note(EventKind::ListPart, lists.part(id, number)?))?;
        }
        Ok(id)
    }

    /// Re-reads the chain's head: after a bulk load commits and begins again, another
    /// writer may have appended in between.
    pub fn resync(&mut self, conn: &'c Connection) -> Result<()> {
        self.appender = Appender::new(conn)?;
        self.conn = conn;
        // Another writer may have added to any report meanwhile.
        self.last_report = None;
        self.last_sealed = None;
        Ok(())
    }

    /// Times the next events by the system clock now, when the tool's clock was not pinned:
    /// a writer that waited for the lock (a sweep queued behind an ingest) acts when it
    /// gets it, after whatever the writers before it recorded, not when it was started.
    pub fn retime(&mut self) {
        if self.stamp.pinned {
            return;
        }
        self.stamp.at = step_time(self.stamp.at, false);
        self.at = time::format(&self.stamp.at);
        self.last_report = None;
    }

    /// Seals one entry and applies its clock effects; returns the event's id.
    pub fn append(&mut self, entry: Entry) -> Result<i64> {
        self.try_append(entry)?
            .map_err(|refusal| Localized::of(&refusal).into())
    }

    /// As [`Journal::append`], but an entry refused because its report's row was edited
    /// behind the tool's back is handed back as that report instead of failing the
    /// transaction, with nothing written: a run over many reports (the whole queue's
    /// validation, the retention erasure) leaves that one out and goes on with the others,
    /// rather than letting one edit stall them all. The caller writes the row after.
    pub fn append_unless_edited(&mut self, entry: Entry) -> Result<Result<i64, EditedBehind>> {
        match self.append(entry) {
            Ok(event) => Ok(Ok(event)),
            Err(error) => match error.downcast_ref::<EditedBehind>() {
                Some(&edited) => Ok(Err(edited)),
                None => Err(error),
            },
        }
    }

    /// As [`Journal::append`], but an entry its report's later event forbids (a step timed
    /// before it, docs/rules.md §7) is handed back as the refusal instead of failing the
    /// transaction: a sweep skips that one reminder and records the others.
    pub fn try_append(&mut self, entry: Entry) -> Result<Result<i64, identity::Backdated>> {
        let Entry {
            kind,
            report,
            about,
            payload,
            clocks,
        } = entry;
        // The digest moves into the event: a bulk load seals a million of them.
        let (mut sealed_id, from, to, mut digest, was) = match report {
            Some(r) => (Some(r.report_id), r.from, Some(r.to), Some(r.digest), r.was),
            None => (None, None, None, None, None),
        };
        let subject = sealed_id.or(about);
        let timing = identity::timing(self.mode, self.stamp.pinned, kind)
            .map_err(|refusal| Localized::of(&refusal))?;
        self.refresh_recorded_at();
        let system_at;
        let at = match timing {
            Timing::Tool => self.at.as_str(),
            Timing::System => {
                system_at = self.recorded_at.clone();
                system_at.as_str()
            }
        };
        // An arrival creates its report: nothing can come before it.
        let timed = kind == EventKind::Ingest
            || (timing == Timing::Tool && subject.is_some() && subject == self.last_report);
        // The row the step read is the one the log sealed last: this transaction's own
        // previous event sealed it, or the log says so. An arrival's row is new.
        let vouched = match (&was, &self.last_sealed) {
            (None, _) => true,
            (Some(was), Some((id, last))) => sealed_id == Some(*id) && was == last,
            (Some(_), None) => false,
        };
        if let Some(report_id) = subject
            && !(timed && vouched)
        {
            let latest = events::latest(self.conn, report_id)?;
            if !timed && let Err(refusal) = identity::follows(report_id, latest.at.as_deref(), at) {
                return Ok(Err(refusal));
            }
            if !vouched && latest.report_hash != was {
                // A step that changes the row would seal the edit with its own: refused.
                // One that leaves the row as it found it (a reveal, a refusal) is still
                // recorded, about the report, leaving the row unsealed for `audit verify`
                // to name.
                let changes_row = was.as_ref() != digest.as_ref();
                let moves_clocks = clocks
                    .as_ref()
                    .is_some_and(|(effects, _)| *effects != Effects::default());
                if changes_row || moves_clocks || kind == EventKind::Ingest {
                    return Err(edited_behind(self.conn, report_id));
                }
                sealed_id = None;
                digest = None;
            }
        }
        let (from, to) = if sealed_id.is_some() {
            (from, to)
        } else {
            (None, None)
        };
        self.last_sealed = match (sealed_id, &digest) {
            (Some(id), Some(digest)) => Some((id, digest.clone())),
            _ => None,
        };
        let event = self.appender.append(NewEvent {
            report_id: subject,
            at,
            actor: &self.stamp.actor,
            action: kind,
            from_status: from,
            to_status: to,
            payload,
            report_hash: digest,
            login: &self.stamp.login,
            recorded_at: &self.recorded_at,
        })?;
        self.last_report = if timing == Timing::Tool {
            subject
        } else {
            None
        };
        if let (Some((effects, start)), Some(report_id)) = (&clocks, sealed_id)
            && *effects != Effects::default()
        {
            let Some(keeper) = self.keeper.as_mut() else {
                anyhow::bail!("a {kind} step moves clocks, but was journaled without them");
            };
            keeper.apply(report_id, effects, kind, &self.stamp.at, start, event)?;
        }
        Ok(Ok(event))
    }

    /// Reads the system clock for the next event's `recorded_at`.
    fn refresh_recorded_at(&mut self) {
        let now = system_clock();
        if now.timestamp() != self.recorded_second {
            self.recorded_second = now.timestamp();
            self.recorded_at = time::format(&now.with_timezone(&time::vietnam()));
        }
    }
}

/// When a step taken now is timed (`Journal::retime`): at `at` when the clock was pinned,
/// else by the system clock, in Vietnam's time.
pub fn step_time(at: Timestamp, pinned: bool) -> Timestamp {
    if pinned {
        at
    } else {
        system_clock().with_timezone(&time::vietnam())
    }
}

/// The system clock. Unit tests that compare two loads seal for seal stop it for their
/// thread (`FROZEN_CLOCK`); nothing outside a unit-test build can.
fn system_clock() -> chrono::DateTime<chrono::Utc> {
    #[cfg(test)]
    if let Some(second) = FROZEN_CLOCK.with(std::cell::Cell::get) {
        return chrono::DateTime::from_timestamp(second, 0).expect("a frozen second is a time");
    }
    chrono::Utc::now()
}

#[cfg(test)]
thread_local! {
    /// The second `system_clock` gives on this thread, when set (unit tests only).
    pub static FROZEN_CLOCK: std::cell::Cell<Option<i64>> = const { std::cell::Cell::new(None) };
}
