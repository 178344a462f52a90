//! The `events` table: appending sealed events to the chain and reading them back. The
//! three hashes are stored as their 32 bytes (migration 5) and handed to the domain as the
//! hex its seals are computed over.

use anyhow::Result;
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, params};

use crate::domain::audit::{EventRecord, GENESIS, Placed};
use crate::domain::event::EventKind;
use crate::domain::report::Status;
use crate::domain::report::{hex, unhex};

/// A hash as stored. Ours are always hex; anything else is kept as it came, so that
/// `audit verify` names it rather than this layer hiding it.
fn stored(hash: &str) -> Vec<u8> {
    unhex(hash).unwrap_or_else(|| hash.as_bytes().to_vec())
}

/// The last event of the chain: its id and hash.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, hex(&r.get::<_, Vec<u8>>(1)?))))
        .optional()?)
}

/// The last event two logs hold alike: the highest number up to which every event has the
/// same number and hash in both (None when their first events differ). A chain's hash
/// covers the one before it, so the events up to there are one history, and those after
/// it the two forks.
pub fn shared_up_to(one: &Connection, other: &Connection) -> Result<Option<i64>> {
    const IN_ORDER: &str = "SELECT id, hash FROM events ORDER BY id";
    let mut first = one.prepare(IN_ORDER)?;
    let mut second = other.prepare(IN_ORDER)?;
    let mut ones = first.query([])?;
    let mut others = second.query([])?;
    let mut shared = None;
    while let (Some(a), Some(b)) = (ones.next()?, others.next()?) {
        let id: i64 = a.get(0)?;
        let same = id == b.get::<_, i64>(0)?
            && a.get::<_, rusqlite::types::Value>(1)? == b.get::<_, rusqlite::types::Value>(1)?;
        if !same {
            break;
        }
        shared = Some(id);
    }
    Ok(shared)
}

/// The last event's number, on a file of any schema (`head` reads the hash as bytes,
/// which a file from before migration 5 stores as text).
pub fn last_id(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT max(id) FROM events", [], |r| r.get(0))?)
}

/// How many events come after event `after` (every event when None).
pub fn count_after(conn: &Connection, after: Option<i64>) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM events WHERE id > ?1")?
        .query_row([after.unwrap_or(i64::MIN)], |r| r.get(0))?)
}

/// Each event after event `after` (from the first when None), oldest first, as a restore
/// names one it leaves out; one at a time, so that a backup months old is no list in
/// memory.
pub fn for_each_after(
    conn: &Connection,
    after: Option<i64>,
    mut each: impl FnMut(crate::domain::backup::LeftOut) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, to_status, report_id, hash FROM events
          WHERE id > ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([after.unwrap_or(i64::MIN)])?;
    while let Some(r) = rows.next()? {
        each(crate::domain::backup::LeftOut {
            id: r.get(0)?,
            hash: hex(&r.get::<_, Vec<u8>>(6)?),
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            to_status: r.get(4)?,
            report: r.get(5)?,
        })?;
    }
    Ok(())
}

/// What each event after event `after` did and to which report (None: to none), oldest
/// first.
pub fn actions_after(conn: &Connection, after: Option<i64>) -> Result<Vec<(String, Option<i64>)>> {
    let mut stmt =
        conn.prepare_cached("SELECT action, report_id FROM events WHERE id > ?1 ORDER BY id")?;
    let rows = stmt.query_map([after.unwrap_or(i64::MIN)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a `rewrite_file` event follows event `after` (the last one written while
/// identities were in clear). Events about no report are few, and the by-report index finds
/// them from `after` on; the rewrite follows the sealing within a few of them.
pub fn rewritten_after(conn: &Connection, after: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events
                             WHERE report_id IS NULL AND id > ?1 AND action = 'rewrite_file')",
        )?
        .query_row([after], |r| r.get(0))?)
}

/// Whether some event has sealed the reference tables whole (`init` since sealing, or a
/// `seal_tables` baseline). Events about no report are few, and the by-report index finds
/// them.
pub fn has_sealed_tables(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events
                             WHERE report_id IS NULL AND action IN ('init', 'seal_tables')
                               AND json_valid(payload)
                               AND json_type(payload, '$.sealed.whole') = 'array')",
        )?
        .query_row([], |r| r.get(0))?)
}

/// The stored hash of event `id`, in hex, if the chain has it.
pub fn hash_of(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hash FROM events WHERE id = ?1")?
        .query_row([id], |r| Ok(hex(&r.get::<_, Vec<u8>>(0)?)))
        .optional()?)
}

/// What the log last said of a report: the time of its newest event, and the row digest
/// the newest event that sealed its row sealed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Latest {
    pub at: Option<String>,
    pub report_hash: Option<String>,
}

/// Both in one statement: every step of a report asks for both (`storage::journal`).
pub fn latest(conn: &Connection, report_id: i64) -> Result<Latest> {
    let found: Option<(String, Option<Vec<u8>>)> = conn
        .prepare_cached(
            "SELECT at, (SELECT report_hash FROM events
                          WHERE report_id = ?1 AND report_hash IS NOT NULL
                          ORDER BY id DESC LIMIT 1)
               FROM events WHERE report_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([report_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match found {
        Some((at, hash)) => Latest {
            at: Some(at),
            report_hash: hash.as_deref().map(hex),
        },
        None => Latest::default(),
    })
}

/// Whether `report`'s row is the one the latest event that recorded it sealed: false for a
/// row inserted or edited behind the tool's back.
pub fn sealed_as_it_stands(
    conn: &Connection,
    report: &crate::domain::report::Report,
) -> Result<bool> {
    let hash: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT report_hash FROM events
              WHERE report_id = ?1 AND report_hash IS NOT NULL ORDER BY id DESC LIMIT 1",
        )?
        .query_row([report.id], |r| r.get(0))
        .optional()?;
    Ok(hash.as_deref().map(hex) == Some(report.digest()))
}

/// An `erase` event as the log holds it: the report it erased (its number, sealed in the
/// event) and that report's app id, as the event sealed it (erasures since the app id was
/// recorded) and as the live row now says (not sealed: `sqlite3` may have swapped it).
#[derive(Debug, Clone)]
pub struct Erasure {
    pub event: i64,
    pub report_id: i64,
    pub sealed_external_id: Option<String>,
    pub live_external_id: Option<String>,
    pub actor: String,
    pub at: String,
    /// The operating-system login that ran it, when recorded.
    pub login: Option<String>,
    pub reason: String,
    /// What it kept of the public texts' redaction (`domain::open311::KeptTexts`, as JSON).
    pub kept: Option<String>,
    /// The erasure a restore made again records the one it copies (`payload.reapplied`, as
    /// JSON); None for an erasure made by hand or by the sweep.
    pub reapplied: Option<String>,
}

impl Erasure {
    /// The app id the erasure is about: the one its event sealed, else the live row's.
    pub fn external_id(&self) -> Option<&str> {
        self.sealed_external_id
            .as_deref()
            .or(self.live_external_id.as_deref())
    }
}

/// An erasure from a row of the columns `erasures` and `erased_without_report` select, in
/// that order.
fn erasure_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Erasure> {
    Ok(Erasure {
        event: r.get(0)?,
        report_id: r.get(1)?,
        sealed_external_id: r.get(2)?,
        live_external_id: r.get(3)?,
        actor: r.get(4)?,
        at: r.get(5)?,
        login: r.get(6)?,
        reason: r.get(7)?,
        kept: r.get(8)?,
        reapplied: r.get(9)?,
    })
}

/// Every `erase` event of the log, oldest first.
pub fn erasures(conn: &Connection) -> Result<Vec<Erasure>> {
    let mut stmt = conn.prepare(
        "SELECT e.id, e.report_id, json_extract(e.payload, '$.external_id'), r.external_id,
                e.actor, e.at, e.login, coalesce(json_extract(e.payload, '$.reason'), ''),
                json_extract(e.payload, '$.kept'), json_extract(e.payload, '$.reapplied')
           FROM events e LEFT JOIN reports r ON r.id = e.report_id
          WHERE e.action = 'erase' AND e.report_id IS NOT NULL ORDER BY e.id",
    )?;
    let rows = stmt.query_map([], erasure_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The erasures a restore wrote about no report, the backup lacking their report, by the
/// app id they are about (the latest of each): a record of that app id ingested again is
/// the report of the citizen whose identity was erased.
pub fn erased_without_report(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Erasure>> {
    let mut stmt = conn.prepare(
        "SELECT id, coalesce(json_extract(payload, '$.report_id'), 0),
                json_extract(payload, '$.external_id'), json_extract(payload, '$.live_external_id'),
                actor, at, login, coalesce(json_extract(payload, '$.reason'), ''),
                json_extract(payload, '$.kept'), json_extract(payload, '$.reapplied')
           FROM events WHERE report_id IS NULL AND action = 'erase' ORDER BY id",
    )?;
    let rows = stmt.query_map([], erasure_of)?;
    let mut erased = std::collections::HashMap::new();
    for row in rows {
        let erasure = row?;
        if let Some(app) = erasure.external_id() {
            erased.insert(app.to_owned(), erasure);
        }
    }
    Ok(erased)
}

/// What the latest `erase` or `identity_correct` event of report `report_id` kept of its
/// public texts' redaction (`domain::open311::KeptTexts`, as JSON), if it kept any: an
/// erasure's once the identity is erased, else the last correction's (the places of the
/// names it replaced, each correction keeping those of the one before).
pub fn kept_redaction(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT json_extract(payload, '$.kept') FROM events
              WHERE report_id = ?1 AND action IN ('erase', 'identity_correct')
              ORDER BY id DESC LIMIT 1",
        )?
        .query_row([report_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The latest consent step on report `report_id` (`identity consent --withdraw|--give`):
/// whether it gave the consent, and when. The two steps undo each other, so only the last
/// one stands. A restore from before it holds none (`app::backup` lists it as lost).
pub fn last_consent_step(conn: &Connection, report_id: i64) -> Result<Option<(bool, String)>> {
    let last: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT action, at FROM events
              WHERE report_id = ?1 AND action IN ('consent_withdraw', 'consent_give')
              ORDER BY id DESC LIMIT 1",
        )?
        .query_row([report_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(last.map(|(action, at)| (action == "consent_give", at)))
}

/// When the reporter of report `report_id` withdrew their consent to share their identity:
/// the time of its latest `consent_withdraw` event, if no consent was given after it.
pub fn consent_withdrawn_at(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    Ok(last_consent_step(conn, report_id)?.and_then(|(given, at)| (!given).then_some(at)))
}

/// When the reporter of report `report_id` gave their consent after the report was sent:
/// the time of its latest `consent_give` event, if no withdrawal came after it.
pub fn consent_given_at(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    Ok(last_consent_step(conn, report_id)?.and_then(|(given, at)| given.then_some(at)))
}

/// The time of the latest event in the whole log, if any.
pub fn latest_time(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT max(at) FROM events", [], |r| r.get(0))?)
}

/// The time of the event written last, if any: one row read by its id, where
/// [`latest_time`] reads the whole log (no index leads from `at`).
pub fn last_written_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT at FROM events ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

/// An event about to be written; id, link and seal are added by the appender. Only the
/// journal (`storage::journal`) writes events.
#[derive(Debug, Clone)]
pub(super) struct NewEvent<'a> {
    pub report_id: Option<i64>,
    pub at: &'a str,
    pub actor: &'a str,
    pub action: EventKind,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub payload: String,
    pub report_hash: Option<String>,
    pub login: &'a str,
    pub recorded_at: &'a str,
}

/// Makes every event this connection appends from now on take a number after `floor`, the
/// last number of the log a restore replaces: numbers an inspector cites (`audit reveals`'
/// `original_event`, the events a restore left out, checkpoints, minutes) then name one
/// event over the life of the system, not one in the replaced file and another after the
/// restore. The gap is sealed like any number (each event's id is in its seal, and each
/// links to the hash of the one before), so the chain holds across it. Kept in a TEMP
/// table: of this connection only, never in the file.
pub fn number_after(conn: &Connection, floor: i64) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS event_number_floor (id INTEGER NOT NULL);
         DELETE FROM temp.event_number_floor;",
    )?;
    conn.execute(
        "INSERT INTO temp.event_number_floor (id) VALUES (?1)",
        [floor],
    )?;
    Ok(())
}

/// The number `number_after` set on this connection, if any.
fn number_floor(conn: &Connection) -> Result<Option<i64>> {
    let set: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM temp.sqlite_schema WHERE name = 'event_number_floor')",
        )?
        .query_row([], |r| r.get(0))?;
    if !set {
        return Ok(None);
    }
    Ok(
        conn.query_row("SELECT max(id) FROM temp.event_number_floor", [], |r| {
            r.get(0)
        })?,
    )
}

/// Appends to the chain inside the caller's (immediate) transaction. Keeps the head in
/// memory, so a bulk load seals thousands of events with one prepared statement.
pub(super) struct Appender<'c> {
    stmt: CachedStatement<'c>,
    last_id: i64,
    /// The head's hash in both forms: hex for the next seal, bytes for the next row.
    last_hash: String,
    last_bytes: Vec<u8>,
}

impl<'c> Appender<'c> {
    /// Reads the chain's head. The caller must hold the write lock (an immediate
    /// transaction), or another writer could extend the chain in between.
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let (last_id, last_hash) = head(conn)?.unwrap_or((0, GENESIS.to_owned()));
        let last_id = last_id.max(number_floor(conn)?.unwrap_or(0));
        let stmt = conn.prepare_cached(
            "INSERT INTO events (id, report_id, at, actor, action, from_status, to_status,
                                 payload, report_hash, prev_hash, hash, login, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        Ok(Appender {
            stmt,
            last_id,
            last_bytes: stored(&last_hash),
            last_hash,
        })
    }

    /// The id the next event gets.
    pub fn next_id(&self) -> i64 {
        self.last_id + 1
    }

    /// Seals and writes one event; returns its id.
    pub fn append(&mut self, event: NewEvent<'_>) -> Result<i64> {
        let mut record = EventRecord {
            id: self.last_id + 1,
            report_id: event.report_id,
            at: event.at.to_owned(),
            actor: event.actor.to_owned(),
            action: event.action.as_str().to_owned(),
            from_status: event.from_status.map(|s| s.as_str().to_owned()),
            to_status: event.to_status.map(|s| s.as_str().to_owned()),
            payload: event.payload,
            report_hash: event.report_hash,
            prev_hash: self.last_hash.clone(),
            login: Some(event.login.to_owned()),
            recorded_at: Some(event.recorded_at.to_owned()),
        };
        let digest = record.seal_bytes();
        // Bound (SQLite copies each value), then the payload let go before the row is made
        // (SQLite's second copy): a change listing a province's late clocks is a payload of
        // megabytes, held twice at the step rather than three times.
        let stmt = &mut self.stmt;
        stmt.raw_bind_parameter(1, record.id)?;
        stmt.raw_bind_parameter(2, record.report_id)?;
        stmt.raw_bind_parameter(3, &record.at)?;
        stmt.raw_bind_parameter(4, &record.actor)?;
        stmt.raw_bind_parameter(5, &record.action)?;
        stmt.raw_bind_parameter(6, &record.from_status)?;
        stmt.raw_bind_parameter(7, &record.to_status)?;
        stmt.raw_bind_parameter(8, &record.payload)?;
        stmt.raw_bind_parameter(9, record.report_hash.as_deref().map(stored))?;
        stmt.raw_bind_parameter(10, &self.last_bytes)?;
        stmt.raw_bind_parameter(11, &digest[..])?;
        stmt.raw_bind_parameter(12, &record.login)?;
        stmt.raw_bind_parameter(13, &record.recorded_at)?;
        drop(std::mem::take(&mut record.payload));
        let written = stmt.raw_execute()?;
        // A trigger planted in the file (`RAISE(IGNORE)`) can make SQLite skip the row and
        // report success: the step must not go on as if it were on record. Opening refuses
        // such a file (storage::schema); this holds even for a connection opened otherwise.
        if written != 1 {
            anyhow::bail!(super::refusal::Refusal::EventDropped { id: record.id });
        }
        self.last_id = record.id;
        self.last_hash = hex(&digest);
        self.last_bytes = digest.to_vec();
        Ok(record.id)
    }
}

const EVENT_COLUMNS: &str = "id, report_id, at, actor, action, from_status, to_status, payload, report_hash, prev_hash, hash, login, recorded_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(EventRecord, String)> {
    Ok((
        EventRecord {
            id: row.get(0)?,
            report_id: row.get(1)?,
            at: row.get(2)?,
            actor: row.get(3)?,
            action: row.get(4)?,
            from_status: row.get(5)?,
            to_status: row.get(6)?,
            payload: row.get(7)?,
            report_hash: row.get::<_, Option<Vec<u8>>>(8)?.as_deref().map(hex),
            prev_hash: hex(&row.get::<_, Vec<u8>>(9)?),
            login: row.get(11)?,
            recorded_at: row.get(12)?,
        },
        hex(&row.get::<_, Vec<u8>>(10)?),
    ))
}

/// Event `id` with its neighbours in chain order, as `domain::audit::Placed` judges it: three
/// lookups by the primary key, however long the log.
pub fn placed(conn: &Connection, id: i64) -> Result<Option<Placed>> {
    let Some((record, hash)) = conn
        .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
    else {
        return Ok(None);
    };
    let previous = conn
        .prepare_cached("SELECT id, hash FROM events WHERE id < ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([id], |r| Ok((r.get(0)?, hex(&r.get::<_, Vec<u8>>(1)?))))
        .optional()?;
    // Read whole only when it does not link to this one, as `placed_each` reads it: the
    // event after a calendar day's seal may list every clock of a province a change
    // re-judged (9.5 MB over 60,000), read whole at every calendar change for its link alone
    // (`memory::re_judging_a_large_backlog_of_stopped_clocks_runs_in_flat_memory`).
    let links = conn
        .prepare_cached("SELECT prev_hash FROM events WHERE id > ?1 ORDER BY id LIMIT 1")?
        .query_row([id], |r| Ok(hex(&r.get::<_, Vec<u8>>(0)?) == hash))
        .optional()?;
    let next = match links {
        Some(false) => conn
            .prepare_cached(&format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE id > ?1 ORDER BY id LIMIT 1"
            ))?
            .query_row([id], from_row)
            .optional()?,
        Some(true) | None => None,
    };
    Ok(Some(Placed {
        record,
        hash,
        previous,
        next,
    }))
}

/// [`placed`] for many events at once, as [`Placed::check`] judges them: `ids` sorted and
/// without repeats, `judge` called with the index of each in `ids` and the event with its
/// neighbours in chain order (None where no event has that id). The event after is left
/// out when it links to this one, which the check reads the same. For the sweep, which
/// judges every reminder mark it relies on at each run: a statement per mark, each seeking
/// the event and both its neighbours in the table, tripled a sweep with nothing new. Marks
/// a sweep recorded together are neighbours in the log, so the events are read in runs, one
/// range of the table each, streamed, every neighbour coming with the run: ids closer than
/// `RUN_GAP` share a run, the few events between them read and passed over.
pub fn placed_each(
    conn: &Connection,
    ids: &[i64],
    mut judge: impl FnMut(usize, Option<&Placed>),
) -> Result<()> {
    debug_assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events
          WHERE id >= coalesce((SELECT max(id) FROM events WHERE id < ?1), ?1)
            AND id <= coalesce((SELECT min(id) FROM events WHERE id > ?2), ?2)
          ORDER BY id"
    ))?;
    let mut start = 0;
    while start < ids.len() {
        let mut end = start + 1;
        while end < ids.len() && ids[end] - ids[end - 1] <= RUN_GAP {
            end += 1;
        }
        // The next wanted id, the event found for the one before it (waiting for the event
        // after it), and the event before the current row.
        let mut want = start;
        let mut waiting: Option<(usize, Placed)> = None;
        let mut previous: Option<(i64, String)> = None;
        let mut rows = stmt.query([ids[start], ids[end - 1]])?;
        // A row is read whole only when it is wanted, or follows one without linking to it:
        // the events passed over, and an event after that links, give their number and
        // hashes only. The event after a sweep's last reminder may be a change listing every
        // late clock of a province (5 MB), read whole at each sweep for its link alone.
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let hash = hex(&row.get::<_, Vec<u8>>(10)?);
            if let Some((i, mut found)) = waiting.take() {
                if hex(&row.get::<_, Vec<u8>>(9)?) != found.hash {
                    found.next = Some(from_row(row)?);
                }
                judge(i, Some(&found));
            }
            while want < end && ids[want] < id {
                judge(want, None);
                want += 1;
            }
            let before = previous.replace((id, hash.clone()));
            if want < end && ids[want] == id {
                waiting = Some((
                    want,
                    Placed {
                        record: from_row(row)?.0,
                        hash,
                        previous: before,
                        next: None,
                    },
                ));
                want += 1;
            }
        }
        if let Some((i, found)) = waiting {
            judge(i, Some(&found));
        }
        for i in want..end {
            judge(i, None);
        }
        start = end;
    }
    Ok(())
}

/// How far apart two events may be and still be read in one range by [`placed_each`]:
/// reading a few events between them costs less than a second statement.
const RUN_GAP: i64 = 32;

/// The latest event that sealed report `report_id`'s row, when it does not hold at its
/// place in the chain (`Placed::check`): an event appended or replaced with `sqlite3`, which
/// a row that no longer matches the log's last seal is then blamed on, not the row.
pub fn unheld_seal(conn: &Connection, report_id: i64) -> Result<Option<i64>> {
    let last: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM events
              WHERE report_id = ?1 AND report_hash IS NOT NULL ORDER BY id DESC LIMIT 1",
        )?
        .query_row([report_id], |r| r.get(0))
        .optional()?;
    let Some(last) = last else {
        return Ok(None);
    };
    Ok(placed(conn, last)?
        .is_some_and(|placed| placed.check().is_err())
        .then_some(last))
}

/// The events about no report whose payload names `key` (the changes that cleared
/// reminder marks), id and payload, oldest first, handed to `each` one at a time (one
/// payload may list every reminded open clock): few, and found through `events_by_report`.
pub fn for_each_of_no_report_naming(
    conn: &Connection,
    key: &str,
    mut each: impl FnMut(i64, &str),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, payload FROM events
          WHERE report_id IS NULL AND instr(payload, ?1) > 0 ORDER BY id",
    )?;
    let mut rows = stmt.query([key])?;
    while let Some(row) = rows.next()? {
        each(row.get(0)?, row.get_ref(1)?.as_str()?);
    }
    Ok(())
}

/// The events of one report, oldest first.
/// Whether the report came in over Open311 (its `ingest` event says so): such a report
/// may lack the reporter's identity, depending on `validate.open311_identity`.
pub fn arrived_over_open311(conn: &Connection, report_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM events WHERE report_id = ?1 AND action = 'ingest'
                          AND json_extract(payload, '$.origin') = 'open311')",
        [report_id],
        |r| r.get(0),
    )?)
}

/// Whether the report's processing round now running was started by the portal sending a
/// result back for rework (Đ9.1) rather than by an assignment: the latest of the two steps
/// that start a round is a send-back. One step back through the report's own events.
pub fn round_sent_back(conn: &Connection, report_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT action = ?2 FROM events
              WHERE report_id = ?1 AND action IN (?2, ?3)
              ORDER BY id DESC LIMIT 1",
        )?
        .query_row(
            params![
                report_id,
                EventKind::VerifySendBack.as_str(),
                EventKind::Assign.as_str()
            ],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// When the report was first accepted at reception (its first `accept` event), as stored;
/// None when the log holds none.
pub fn accepted_at(conn: &Connection, report_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT at FROM events WHERE report_id = ?1 AND action = ?2 ORDER BY id LIMIT 1",
            params![report_id, EventKind::Accept.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn of_report(conn: &Connection, report_id: i64) -> Result<Vec<EventRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE report_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([report_id], from_row)?;
    Ok(rows.map(|r| r.map(|(e, _)| e)).collect::<Result<_, _>>()?)
}

/// The keys `key reset` recorded as lost, oldest first.
pub fn keys_reset(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT json_extract(payload, '$.from') FROM events
          WHERE action = 'key_reset' AND report_id IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
    Ok(rows
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<_>>()?)
}

/// The id of the latest event about no report (None in a log without one): what a caller
/// that judged the settings against the log compares to know the log has not moved since.
pub fn last_of_no_report(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row(
        "SELECT max(id) FROM events WHERE report_id IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Every event about no report, oldest first, handed to `each` one at a time: a change of
/// the limits or the calendar may list every clock of a province it moved, kept or
/// re-judged. Read into one list, four such changes over 60,000 stopped clocks (9.5 MB of
/// payload each) took every calendar change's check of its rows 38 MB
/// (`memory::re_judging_a_large_backlog_of_stopped_clocks_runs_in_flat_memory`).
pub fn for_each_of_no_report(
    conn: &Connection,
    mut each: impl FnMut(EventRecord) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE report_id IS NULL ORDER BY id"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(from_row(row)?.0)?;
    }
    Ok(())
}

/// Every event about no report (accounts, settings, the calendar, full exports, backups,
/// restores), oldest first.
pub fn of_no_report(conn: &Connection) -> Result<Vec<EventRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE report_id IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.map(|r| r.map(|(e, _)| e)).collect::<Result<_, _>>()?)
}

/// The events written under account `actor`, oldest first, in `[from, before)` (stored
/// text, RFC 3339 at +07:00) by either of their times: the one the command gave (`at`,
/// which `--now` may set in trust mode) or the system clock's (`recorded_at`).
pub fn of_actor(
    conn: &Connection,
    actor: &str,
    from: Option<&str>,
    before: Option<&str>,
) -> Result<Vec<EventRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE actor = ?1
           AND ((?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
                OR recorded_at IS NOT NULL
                   AND (?2 IS NULL OR recorded_at >= ?2) AND (?3 IS NULL OR recorded_at < ?3))
         ORDER BY id"
    ))?;
    let rows = stmt.query_map(rusqlite::params![actor, from, before], from_row)?;
    Ok(rows.map(|r| r.map(|(e, _)| e)).collect::<Result<_, _>>()?)
}

/// The events of the given actions written after event `after` (every one when None),
/// oldest first.
pub fn of_actions_after(
    conn: &Connection,
    actions: &[&str],
    after: Option<i64>,
) -> Result<Vec<EventRecord>> {
    let all = of_actions(conn, actions, None, None, None)?;
    Ok(all
        .into_iter()
        .filter(|e| after.is_none_or(|after| e.id > after))
        .collect())
}

/// The events of the given actions (`EventKind::as_str`) written in `[from, before)`
/// (stored text, RFC 3339 at +07:00), oldest first; with `report_id`, only those about that
/// report, those about no report (an export of many) and every identity correction (one
/// may name the report among those its old phone stood on), for the caller to sort out.
pub fn of_actions(
    conn: &Connection,
    actions: &[&str],
    report_id: Option<i64>,
    from: Option<&str>,
    before: Option<&str>,
) -> Result<Vec<EventRecord>> {
    use rusqlite::types::Value;
    let marks = vec!["?"; actions.len()].join(", ");
    let mut sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE action IN ({marks})");
    let mut args: Vec<Value> = actions
        .iter()
        .map(|a| Value::from((*a).to_owned()))
        .collect();
    if let Some(id) = report_id {
        sql.push_str(" AND (report_id = ? OR report_id IS NULL OR action = 'identity_correct')");
        args.push(id.into());
    }
    if let Some(from) = from {
        sql.push_str(" AND at >= ?");
        args.push(from.to_owned().into());
    }
    if let Some(before) = before {
        sql.push_str(" AND at < ?");
        args.push(before.to_owned().into());
    }
    sql.push_str(" ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), from_row)?;
    Ok(rows.map(|r| r.map(|(e, _)| e)).collect::<Result<_, _>>()?)
}

/// Streams every event in chain order to `visit` (with its stored hash), stopping at the
/// first error `visit` returns.
pub fn for_each<E>(
    conn: &Connection,
    mut visit: impl FnMut(&EventRecord, &str) -> Result<(), E>,
) -> Result<Result<(), E>> {
    let mut stmt = conn.prepare(&format!("SELECT {EVENT_COLUMNS} FROM events ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (record, hash) = from_row(row)?;
        if let Err(e) = visit(&record, &hash) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

/// Streams the events of the given actions (`EventKind::as_str`), oldest first, to
/// `visit`: never a list, since a first sealing wrote one `seal_identity` per report.
pub fn for_each_of_actions(
    conn: &Connection,
    actions: &[&str],
    mut visit: impl FnMut(&EventRecord),
) -> Result<()> {
    let marks = vec!["?"; actions.len()].join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE action IN ({marks}) ORDER BY id"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(actions))?;
    while let Some(row) = rows.next()? {
        visit(&from_row(row)?.0);
    }
    Ok(())
}

/// What `audit verify` needs of one report row: its digest (None when the row can no
/// longer be read as a report, which only an edit behind the tool's back can cause) and
/// the id and recorded report hash of its latest event, if any.
pub struct ReportSeal {
    pub report_id: i64,
    pub digest: Option<String>,
    pub latest_event: Option<(i64, Option<String>)>,
    /// A name or phone in clear beside a sealed or erased identity
    /// (`domain::edits::identity_written_beside_seal`), which the digest does not cover.
    pub identity_beside_seal: bool,
}

impl ReportSeal {
    /// Whether the row is the one its latest sealing event sealed (what `audit verify`
    /// names otherwise: a row inserted, or edited, behind the tool's back).
    pub fn holds(&self) -> bool {
        !self.identity_beside_seal
            && matches!(&self.latest_event, Some((_, Some(hash))) if self.digest.as_ref() == Some(hash))
    }
}

/// Streams every report with the id and report hash of its latest event that recorded the
/// row (reminders speak of a report's clocks without touching the row, and carry none).
pub fn for_each_report_seal(
    conn: &Connection,
    visit: impl FnMut(ReportSeal) -> Result<()>,
) -> Result<()> {
    report_seals(conn, &report_seals_query(""), [], visit)
}

/// `for_each_report_seal` over the reports that hold no sealed identity (in clear, or
/// erased): those whose own key `key rotate` leaves as it is.
pub fn for_each_report_seal_unsealed(
    conn: &Connection,
    visit: impl FnMut(ReportSeal) -> Result<()>,
) -> Result<()> {
    let condition = format!(
        "WHERE NOT coalesce({}, 0)",
        crate::storage::reports::sealed_identity_sql("r.identity")
    );
    report_seals(conn, &report_seals_query(&condition), [], visit)
}

/// The report seals `sql` (a [`report_seals_query`]) reads with `params`, in its order.
pub(super) fn report_seals<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    mut visit: impl FnMut(ReportSeal) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        let report_id: i64 = row.get(0)?;
        let read = crate::storage::reports::from_row(row).ok();
        let digest = read.as_ref().map(crate::domain::report::Report::digest);
        let identity_beside_seal = read
            .as_ref()
            .is_some_and(crate::domain::edits::identity_written_beside_seal);
        let columns = crate::storage::reports::COLUMN_COUNT;
        let event_id: Option<i64> = row.get(columns)?;
        let hash = row
            .get::<_, Option<Vec<u8>>>(columns + 1)?
            .as_deref()
            .map(hex);
        visit(ReportSeal {
            report_id,
            digest,
            latest_event: event_id.map(|id| (id, hash)),
            identity_beside_seal,
        })?;
    }
    Ok(())
}

/// The report seals of the reports `condition` (a `WHERE` clause over `reports r`, or
/// nothing) keeps, in id order: each report row whole, with the id and report hash of its
/// latest event that sealed the row.
pub(super) fn report_seals_query(condition: &str) -> String {
    format!(
        "SELECT {}, e.id, e.report_hash FROM reports r
         LEFT JOIN events e ON e.id = (SELECT max(id) FROM events
                                        WHERE report_id = r.id AND report_hash IS NOT NULL)
         {condition}
         ORDER BY r.id",
        crate::storage::reports::COLUMNS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(appender: &mut Appender<'_>, kind: EventKind) -> Result<i64> {
        appender.append(NewEvent {
            report_id: None,
            at: "2026-10-05T08:00:00+07:00",
            actor: "admin",
            action: kind,
            from_status: None,
            to_status: None,
            payload: "{}".to_owned(),
            report_hash: None,
            login: "tester",
            recorded_at: "2026-10-05T01:00:00Z",
        })
    }

    /// The sweep's batched read of its marks hands `Placed::check` what the read of one
    /// event at a time gives: for ids in one run, ids far apart, the first and the last
    /// event, an id no event has, and an event whose neighbour was removed.
    #[test]
    fn events_placed_together_are_placed_as_one_at_a_time() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        let mut appender = Appender::new(&conn).unwrap();
        for _ in 0..200 {
            note(&mut appender, EventKind::Refused).unwrap();
        }
        conn.execute_batch(
            "DROP TRIGGER events_are_append_only_delete;
             DELETE FROM events WHERE id IN (51, 120);",
        )
        .unwrap();
        let ids = [1, 2, 3, 40, 50, 52, 90, 119, 121, 150, 199, 200, 201];
        let mut many = vec![None; ids.len()];
        placed_each(&conn, &ids, |i, found| {
            assert!(many[i].is_none(), "event {} judged twice", ids[i]);
            many[i] = Some(found.cloned());
        })
        .unwrap();
        for (id, got) in ids.iter().zip(&many) {
            let one = placed(&conn, *id).unwrap();
            let got = got.clone().expect("every id judged");
            assert_eq!(
                got.as_ref()
                    .map(|p| (&p.record, &p.hash, &p.previous, p.check())),
                one.as_ref()
                    .map(|p| (&p.record, &p.hash, &p.previous, p.check())),
                "event {id}"
            );
        }
        let checked = |i: usize| many[i].clone().flatten().map(|p| p.check().is_ok());
        assert!(
            many[0]
                .clone()
                .flatten()
                .is_some_and(|p| p.previous.is_none())
        );
        assert_eq!(checked(5), Some(false));
        assert_eq!(checked(1), Some(true));
        assert_eq!(many[12], Some(None));
    }

    #[test]
    fn an_event_a_planted_trigger_swallows_is_an_error_not_a_success() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER swallow BEFORE INSERT ON events WHEN NEW.action = 'reveal'
             BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
        let mut appender = Appender::new(&conn).unwrap();
        assert_eq!(note(&mut appender, EventKind::Init).unwrap(), 1);
        let swallowed = note(&mut appender, EventKind::Reveal).unwrap_err();
        assert_eq!(
            crate::exit::status_of(&swallowed),
            crate::exit::INTEGRITY,
            "{swallowed:#}"
        );
        assert_eq!(
            crate::exit::message_of(&swallowed, crate::i18n::Lang::Vi),
            "Sự kiện 2 không được ghi vào nhật ký (một trigger lạ trong tệp đã bỏ nó); không thực hiện gì."
        );
        assert_eq!(
            crate::exit::message_of(&swallowed, crate::i18n::Lang::En),
            "event 2 was not written to the log (a trigger planted in the file dropped it); nothing was done"
        );
        assert_eq!(head(&conn).unwrap().map(|(id, _)| id), Some(1));
    }
}
